"""R1 一次一评: one rating per case across channels; registered rating devices (评价器)

Revision ID: i12_one_rating_per_case
Revises: abc9e0458e03
Create Date: 2026-12-06 06:40:00+00:00

Existing data: where a case has several ratings (v1 allowed one per channel), the earliest one stays
(the first rating is the case's rating; a second returns the first); later ones and their appeals go.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import core.db.base
import uuid


revision: str = 'i12_one_rating_per_case'
down_revision: Union[str, Sequence[str], None] = 'i11_safe_to_expose'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Permissions this migration adds to the seed policy (core/auth/seed_policy.csv).
R1_POLICY = [
    ('role:hall_admin', 'hall', 'rating_device', 'manage'),
    ('role:hall_office_leader', 'hall', 'rating_device', 'manage'),
    ('role:rating_integration', 'jurisdiction', 'rating', 'submit'),
]


def _policy_rows():
    return [{"id": uuid.uuid5(uuid.NAMESPACE_URL, "tingwu:seed-policy:" + ",".join(row)), "ptype": "p",
             "v0": row[0], "v1": row[1], "v2": row[2], "v3": row[3]} for row in R1_POLICY]


LATER_RATINGS = """
    SELECT r.id FROM rating r WHERE EXISTS (
        SELECT 1 FROM rating first WHERE first.case_id = r.case_id
        AND (first.rated_at < r.rated_at OR (first.rated_at = r.rated_at AND first.id < r.id)))
"""


def upgrade() -> None:
    op.create_table('rating_device',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('hall_id', sa.Uuid(), nullable=False),
    sa.Column('window_id', sa.Uuid(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('credential_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('registered_by_user_id', sa.Uuid(), nullable=True),
    sa.Column('registered_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', core.db.base.AwareDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['hall_id'], ['hall.id'], name=op.f('fk_rating_device_hall_id_hall')),
    sa.ForeignKeyConstraint(['window_id'], ['window.id'], name=op.f('fk_rating_device_window_id_window')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rating_device')),
    sa.UniqueConstraint('credential_hash', name=op.f('uq_rating_device_credential_hash'))
    )
    with op.batch_alter_table('rating_device', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rating_device_hall_id'), ['hall_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rating_device_window_id'), ['window_id'], unique=False)

    op.execute(f"DELETE FROM rating_appeal WHERE rating_id IN ({LATER_RATINGS})")
    op.execute(f"DELETE FROM rating WHERE id IN ({LATER_RATINGS})")
    with op.batch_alter_table('rating', schema=None) as batch_op:
        batch_op.add_column(sa.Column('device_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('submitted_by_user_id', sa.Uuid(), nullable=True))
        batch_op.drop_constraint(batch_op.f('uq_rating_case_id_channel'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_rating_case_id'), ['case_id'])
        batch_op.create_foreign_key(batch_op.f('fk_rating_device_id_rating_device'), 'rating_device', ['device_id'], ['id'])

    op.bulk_insert(sa.table('casbin_rule', sa.column('id', sa.Uuid()), sa.column('ptype', sa.String()),
                            sa.column('v0', sa.String()), sa.column('v1', sa.String()), sa.column('v2', sa.String()),
                            sa.column('v3', sa.String())), _policy_rows())
    op.execute("UPDATE authz_state SET version = version + 1")  # running workers reload the policy


def downgrade() -> None:
    ids = [row["id"] for row in _policy_rows()]
    casbin_rule = sa.table('casbin_rule', sa.column('id', sa.Uuid()))
    op.execute(casbin_rule.delete().where(casbin_rule.c.id.in_(ids)))
    op.execute("UPDATE authz_state SET version = version + 1")
    with op.batch_alter_table('rating', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_rating_device_id_rating_device'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_rating_case_id'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_rating_case_id_channel'), ['case_id', 'channel'])
        batch_op.drop_column('submitted_by_user_id')
        batch_op.drop_column('device_id')
    with op.batch_alter_table('rating_device', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rating_device_window_id'))
        batch_op.drop_index(batch_op.f('ix_rating_device_hall_id'))
    op.drop_table('rating_device')
