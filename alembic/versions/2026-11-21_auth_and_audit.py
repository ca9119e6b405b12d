"""auth and audit

Revision ID: 2f096f347415
Revises: f5069d49b071
Create Date: 2026-11-21 20:50:03.853598+00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import core.db.base
import uuid


revision: str = '2f096f347415'
down_revision: Union[str, Sequence[str], None] = 'f5069d49b071'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


# The seed policy as of this migration (core/auth/seed_policy.csv then): what each role may do,
# by domain type (RULEBOOK §2). Later changes to the seed policy come in later migrations.
SEED_POLICY = [
    ('role:jurisdiction_admin', 'jurisdiction', 'hall', 'create'),
    ('role:jurisdiction_admin', 'jurisdiction', 'hall', 'update'),
    ('role:jurisdiction_admin', 'jurisdiction', 'calendar', 'manage'),
    ('role:jurisdiction_admin', 'jurisdiction', 'policy', 'manage'),
    ('role:jurisdiction_admin', 'jurisdiction', 'audit', 'read'),
    ('role:hall_admin', 'hall', 'hall', 'update'),
    ('role:hall_office_leader', 'hall', 'hall', 'update'),
    ('role:hall_admin', 'hall', 'window', 'manage'),
    ('role:hall_office_leader', 'hall', 'window', 'manage'),
    ('role:hall_admin', 'hall', 'window_status', 'write'),
    ('role:window_staff', 'hall', 'window_status', 'write'),
    ('role:department_leader', 'dept', 'staff_employment', 'write'),
    ('role:deputy_head', 'dept', 'staff_employment', 'write'),
    ('role:principal', 'dept', 'staff_employment', 'write'),
    ('role:chief_representative', 'dept', 'case_decision', 'approve'),
    ('role:chief_representative', 'dept', 'case', 'read'),
    ('role:chief_representative', 'dept', 'case', 'write'),
    ('role:department_leader', 'dept', 'case', 'read'),
    ('role:window_staff', 'hall', 'case', 'write'),
    ('role:window_staff', 'hall', 'case', 'read'),
    ('role:hall_admin', 'hall', 'case', 'read'),
    ('role:hall_office_leader', 'hall', 'case', 'read'),
    ('role:supervisor', 'hall', 'case', 'read'),
    ('role:duty_leader', 'hall', 'case', 'read'),
    ('role:consultation_desk', 'hall', 'case', 'read'),
    ('role:hall_admin', 'hall', 'attendance', 'write'),
    ('role:supervisor', 'hall', 'attendance', 'write'),
    ('role:hall_admin', 'hall', 'attendance', 'read'),
    ('role:supervisor', 'hall', 'attendance', 'read'),
    ('role:hall_office_leader', 'hall', 'attendance', 'read'),
    ('role:window_staff', 'hall', 'attendance', 'check_in'),
    ('role:chief_representative', 'dept', 'attendance', 'read'),
    ('role:department_leader', 'dept', 'attendance', 'read'),
    ('role:supervisor', 'hall', 'conduct', 'write'),
    ('role:hall_admin', 'hall', 'conduct', 'write'),
    ('role:hall_admin', 'hall', 'duty', 'manage'),
    ('role:hall_office_leader', 'hall', 'duty', 'manage'),
    ('role:duty_leader', 'hall', 'duty', 'swap'),
    ('role:hall_admin', 'hall', 'rating', 'review'),
    ('role:hall_office_leader', 'hall', 'rating', 'review'),
    ('role:supervisor', 'hall', 'rating', 'review'),
    ('role:window_staff', 'hall', 'rating', 'appeal'),
    ('role:hall_admin', 'hall', 'rating', 'read'),
    ('role:hall_office_leader', 'hall', 'rating', 'read'),
    ('role:supervisor', 'hall', 'rating', 'read'),
    ('role:window_staff', 'hall', 'rating', 'read'),
    ('role:hall_admin', 'hall', 'complaint', 'handle'),
    ('role:hall_office_leader', 'hall', 'complaint', 'handle'),
    ('role:supervisor', 'hall', 'complaint', 'handle'),
    ('role:hall_admin', 'hall', 'complaint', 'read'),
    ('role:hall_office_leader', 'hall', 'complaint', 'read'),
    ('role:supervisor', 'hall', 'complaint', 'read'),
    ('role:hall_office_leader', 'hall', 'complainant_identity', 'read'),
    ('role:supervisor', 'hall', 'complainant_identity', 'read'),
    ('role:hall_admin', 'hall', 'assessment', 'score'),
    ('role:hall_office_leader', 'hall', 'assessment', 'score'),
    ('role:hall_admin', 'hall', 'assessment', 'read'),
    ('role:hall_office_leader', 'hall', 'assessment', 'read'),
    ('role:department_leader', 'dept', 'assessment', 'record_annual'),
    ('role:principal', 'dept', 'assessment', 'record_annual'),
    ('role:department_leader', 'dept', 'assessment', 'read'),
    ('role:principal', 'dept', 'assessment', 'read'),
    ('role:chief_representative', 'dept', 'onboarding', 'propose'),
    ('role:department_leader', 'dept', 'onboarding', 'propose'),
    ('role:hall_admin', 'hall', 'onboarding', 'approve'),
    ('role:hall_office_leader', 'hall', 'onboarding', 'approve'),
    ('role:chief_representative', 'dept', 'replacement', 'propose'),
    ('role:department_leader', 'dept', 'replacement', 'propose'),
    ('role:hall_admin', 'hall', 'replacement', 'agree'),
    ('role:hall_office_leader', 'hall', 'replacement', 'agree'),
    ('role:hall_office_leader', 'hall', 'staff_return', 'write'),
    ('role:hall_admin', 'hall', 'staff_return', 'write'),
    ('role:window_staff', 'hall', 'leave', 'request'),
    ('role:hall_admin', 'hall', 'leave', 'read'),
    ('role:hall_office_leader', 'hall', 'leave', 'read'),
    ('role:chief_representative', 'dept', 'leave', 'read'),
    ('role:department_leader', 'dept', 'leave', 'read'),
    ('role:hall_admin', 'hall', 'personal_data', 'read'),
    ('role:hall_office_leader', 'hall', 'personal_data', 'read'),
    ('role:supervisor', 'hall', 'personal_data', 'read'),
    ('role:window_staff', 'hall', 'personal_data', 'read'),
    ('role:chief_representative', 'dept', 'personal_data', 'read'),
    ('role:hall_admin', 'hall', 'policy', 'manage'),
    ('role:principal', 'dept', 'policy', 'manage'),
    ('role:department_leader', 'dept', 'policy', 'manage'),
    ('role:hall_office_leader', 'hall', 'audit', 'read'),
    ('role:hall_admin', 'hall', 'staff', 'read'),
    ('role:hall_office_leader', 'hall', 'staff', 'read'),
    ('role:chief_representative', 'dept', 'staff', 'read'),
    ('role:department_leader', 'dept', 'staff', 'read'),
    ('role:provincial_integrator', 'province', '*', 'read'),
    ('role:platform_admin', 'platform', '*', '*'),
]


def upgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    op.create_table('audit_entry',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('domain', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('target_type', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('target_id', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('detail', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entry_domain_at', ['domain', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_user_id'), ['user_id'], unique=False)

    op.create_table('authz_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('changed_at', core.db.base.AwareDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_authz_state'))
    )
    op.create_table('casbin_rule',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('ptype', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('v0', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('v1', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('v2', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('v3', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('v4', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('v5', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casbin_rule'))
    )
    with op.batch_alter_table('casbin_rule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casbin_rule_ptype'), ['ptype'], unique=False)
        batch_op.create_index(batch_op.f('ix_casbin_rule_v0'), ['v0'], unique=False)

    op.create_table('app_user',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('staff_id', sa.Uuid(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_app_user_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user'))
    )
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_app_user_staff_id'), ['staff_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_app_user_username'), ['username'], unique=True)

    op.create_table('access_token',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('issued_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', core.db.base.AwareDateTime(timezone=True), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_access_token_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_access_token'))
    )
    with op.batch_alter_table('access_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_access_token_revoked_at'), ['revoked_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_access_token_user_id'), ['user_id'], unique=False)

    # ### end Alembic commands ###
    casbin_rule = sa.table("casbin_rule", sa.column("id", sa.Uuid()), sa.column("ptype", sa.String()),
                           sa.column("v0", sa.String()), sa.column("v1", sa.String()),
                           sa.column("v2", sa.String()), sa.column("v3", sa.String()))
    op.bulk_insert(casbin_rule, [
        {"id": uuid.uuid5(uuid.NAMESPACE_URL, "tingwu:seed-policy:" + ",".join(row)), "ptype": "p",
         "v0": row[0], "v1": row[1], "v2": row[2], "v3": row[3]}
        for row in SEED_POLICY
    ])
    op.bulk_insert(sa.table("authz_state", sa.column("id", sa.Integer()), sa.column("version", sa.Integer())),
                   [{"id": 1, "version": 1}])
    # Audit rows are append-only: the database itself refuses to change one.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
            "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()"
        )
    else:
        op.execute(
            "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
            "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END"
        )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update" + (" ON audit_entry" if op.get_bind().dialect.name == "postgresql" else ""))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_entry_append_only()")
    # ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table('access_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_access_token_user_id'))
        batch_op.drop_index(batch_op.f('ix_access_token_revoked_at'))

    op.drop_table('access_token')
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_app_user_username'))
        batch_op.drop_index(batch_op.f('ix_app_user_staff_id'))

    op.drop_table('app_user')
    with op.batch_alter_table('casbin_rule', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casbin_rule_v0'))
        batch_op.drop_index(batch_op.f('ix_casbin_rule_ptype'))

    op.drop_table('casbin_rule')
    op.drop_table('authz_state')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_user_id'))
        batch_op.drop_index('ix_audit_entry_domain_at')

    op.drop_table('audit_entry')
    # ### end Alembic commands ###
