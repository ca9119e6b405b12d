"""hall set-up: departments get a parent body and can be closed, windows retire and name the items they serve

Revision ID: i10_hall_setup
Revises: abc9e0458e03
Create Date: 2026-12-06 06:30:00+00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import core.db.base
import uuid


revision: str = 'i10_hall_setup'
down_revision: Union[str, Sequence[str], None] = 'abc9e0458e03'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Permissions this migration adds to the seed policy (core/auth/seed_policy.csv): the jurisdiction's office
# keeps its departments and catalogue; the hall side stations departments (进驻) and imports its staff;
# user management for hall admins (their own hall's grants only).
SETUP_POLICY = [
    ('role:jurisdiction_admin', 'jurisdiction', 'department', 'manage'),
    ('role:jurisdiction_admin', 'jurisdiction', 'catalogue', 'import'),
    ('role:hall_admin', 'hall', 'hall_department', 'manage'),
    ('role:hall_office_leader', 'hall', 'hall_department', 'manage'),
    ('role:hall_admin', 'hall', 'staff_import', 'write'),
    ('role:hall_admin', 'hall', 'user', 'manage'),
]


def _policy_rows():
    return [{"id": uuid.uuid5(uuid.NAMESPACE_URL, "tingwu:seed-policy:" + ",".join(row)), "ptype": "p",
             "v0": row[0], "v1": row[1], "v2": row[2], "v3": row[3]} for row in SETUP_POLICY]


def upgrade() -> None:
    with op.batch_alter_table('department', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_body', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
        batch_op.add_column(sa.Column('closed_on', sa.Date(), nullable=True))

    with op.batch_alter_table('window', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retired_at', core.db.base.AwareDateTime(timezone=True), nullable=True))

    op.create_table('window_item',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('window_id', sa.Uuid(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['service_item.id'], name=op.f('fk_window_item_item_id_service_item')),
    sa.ForeignKeyConstraint(['window_id'], ['window.id'], name=op.f('fk_window_item_window_id_window')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_window_item')),
    sa.UniqueConstraint('window_id', 'item_id', name=op.f('uq_window_item_window_id_item_id'))
    )
    with op.batch_alter_table('window_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_window_item_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_window_item_window_id'), ['window_id'], unique=False)

    casbin_rule = sa.table("casbin_rule", sa.column("id", sa.Uuid()), sa.column("ptype", sa.String()),
                           sa.column("v0", sa.String()), sa.column("v1", sa.String()),
                           sa.column("v2", sa.String()), sa.column("v3", sa.String()))
    op.bulk_insert(casbin_rule, _policy_rows())
    op.execute("UPDATE authz_state SET version = version + 1")  # running workers reload the policy


def downgrade() -> None:
    casbin_rule = sa.table("casbin_rule", sa.column("id", sa.Uuid()))
    op.execute(casbin_rule.delete().where(casbin_rule.c.id.in_([row["id"] for row in _policy_rows()])))
    op.execute("UPDATE authz_state SET version = version + 1")
    with op.batch_alter_table('window_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_window_item_window_id'))
        batch_op.drop_index(batch_op.f('ix_window_item_item_id'))
    op.drop_table('window_item')
    with op.batch_alter_table('window', schema=None) as batch_op:
        batch_op.drop_column('retired_at')
    with op.batch_alter_table('department', schema=None) as batch_op:
        batch_op.drop_column('closed_on')
        batch_op.drop_column('parent_body')
