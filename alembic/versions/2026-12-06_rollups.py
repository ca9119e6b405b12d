"""rollups (日汇总): daily counts per hall, window, department and staff behind every bulletin

Revision ID: i15_rollups
Revises: abc9e0458e03
Create Date: 2026-12-06 06:40:00+00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import uuid


revision: str = 'i15_rollups'
down_revision: Union[str, Sequence[str], None] = 'i17_personal_data_sealed'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

KEY = ('hall_id', 'day', 'scope', 'subject_id')

# Permissions this migration adds to the seed policy (core/auth/seed_policy.csv): provincial integrators read
# the service-quality bulletin, rankings and trends of their province (areaBulletin, serviceRanking, serviceTrend).
BULLETIN_POLICY = [
    ('role:provincial_integrator', 'province', 'bulletin', 'read'),
]


def _policy_rows():
    return [{"id": uuid.uuid5(uuid.NAMESPACE_URL, "tingwu:seed-policy:" + ",".join(row)), "ptype": "p",
             "v0": row[0], "v1": row[1], "v2": row[2], "v3": row[3]} for row in BULLETIN_POLICY]


def _casbin_rule():
    return sa.table("casbin_rule", sa.column("id", sa.Uuid()), sa.column("ptype", sa.String()),
                    sa.column("v0", sa.String()), sa.column("v1", sa.String()), sa.column("v2", sa.String()),
                    sa.column("v3", sa.String()))


def _key_columns():
    return [sa.Column('hall_id', sa.Uuid(), nullable=False), sa.Column('day', sa.Date(), nullable=False),
            sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
            sa.Column('subject_id', sa.Uuid(), nullable=False)]


def _table(name, *columns, extra_key=()):
    op.create_table(name, *_key_columns(), *columns,
                    sa.PrimaryKeyConstraint(*KEY, *extra_key, name=op.f(f'pk_{name}')))
    # The provincial views read one scope over a period for many halls.
    op.create_index(op.f(f'ix_{name}_scope_day_hall_id'), name, ['scope', 'day', 'hall_id'], unique=False)


def upgrade() -> None:
    _table('rollup_case',
           sa.Column('cases', sa.Integer(), nullable=False),
           sa.Column('applicants_without_ticket', sa.Integer(), nullable=False),
           sa.Column('completed', sa.Integer(), nullable=False),
           sa.Column('completed_late', sa.Integer(), nullable=False),
           sa.Column('corrected', sa.Integer(), nullable=False),
           sa.Column('rated', sa.Integer(), nullable=False))
    _table('rollup_case_clock',
           sa.Column('clock', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
           sa.Column('on_day', sa.Date(), nullable=False),
           sa.Column('cases', sa.Integer(), nullable=False),
           extra_key=('clock', 'on_day'))
    _table('rollup_ticket', sa.Column('served', sa.Integer(), nullable=False),
           sa.Column('waited', sa.Integer(), nullable=False),
           sa.Column('wait_seconds', sa.Float(), nullable=False))
    _table('rollup_rating',
           sa.Column('level', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
           sa.Column('ratings', sa.Integer(), nullable=False),
           sa.Column('by_citizens', sa.Integer(), nullable=False),
           extra_key=('level',))
    _table('rollup_complaint', sa.Column('complaints', sa.Integer(), nullable=False))
    # What a hall-day's re-count reads: tickets by the day served (ratings have ix_rating_hall_id_rated_at).
    op.create_index(op.f('ix_queue_ticket_hall_id_finished_at'), 'queue_ticket', ['hall_id', 'finished_at'], unique=False)
    op.bulk_insert(_casbin_rule(), _policy_rows())
    op.execute("UPDATE authz_state SET version = version + 1")  # running workers reload the policy
    # Rollups of the data already there (empty on a new database).
    from core.rollups.service import SOURCES, statements_for_migration
    for source in SOURCES:
        for stmt in statements_for_migration(source):
            op.execute(stmt)


def downgrade() -> None:
    casbin_rule = _casbin_rule()
    op.execute(casbin_rule.delete().where(casbin_rule.c.id.in_([row["id"] for row in _policy_rows()])))
    op.execute("UPDATE authz_state SET version = version + 1")
    op.drop_index(op.f('ix_queue_ticket_hall_id_finished_at'), table_name='queue_ticket')
    for name in ('rollup_complaint', 'rollup_rating', 'rollup_ticket', 'rollup_case_clock', 'rollup_case'):
        op.drop_index(op.f(f'ix_{name}_scope_day_hall_id'), table_name=name)
        op.drop_table(name)
