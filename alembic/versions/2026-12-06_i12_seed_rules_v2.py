"""RULEBOOK §16 R2-R10: assessment ties and 考核小组 grades, check-in integrity, holidays, leave attachments, …

Revision ID: i12_seed_rules_v2
Revises: i12_one_rating_per_case
Create Date: 2026-12-06 07:00:00+00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import core.db.base
import uuid


revision: str = 'i12_seed_rules_v2'
down_revision: Union[str, Sequence[str], None] = 'i12_one_rating_per_case'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Permissions this migration adds to the seed policy (core/auth/seed_policy.csv).
V2_POLICY = [
    ('role:hall_admin', 'hall', 'bulletin_entry', 'record'),
    ('role:supervisor', 'hall', 'bulletin_entry', 'record'),
    ('role:chief_representative', 'dept', 'after_hours', 'register'),
    ('role:hall_admin', 'hall', 'attendance_device', 'manage'),
    ('role:hall_office_leader', 'hall', 'attendance_device', 'manage'),
    ('role:assessment_group', 'hall', 'assessment', 'decide_grade'),
    ('role:assessment_group', 'hall', 'assessment', 'read'),
    ('role:hall_office_leader', 'hall', 'assessment', 'decide_grade'),
]


def _policy_rows():
    return [{"id": uuid.uuid5(uuid.NAMESPACE_URL, "tingwu:seed-policy:" + ",".join(row)), "ptype": "p",
             "v0": row[0], "v1": row[1], "v2": row[2], "v3": row[3]} for row in V2_POLICY]


def upgrade() -> None:
    op.create_table('jurisdiction_rule_setting',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('jurisdiction_code', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('set_by_user_id', sa.Uuid(), nullable=True),
    sa.Column('set_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_jurisdiction_rule_setting')),
    sa.UniqueConstraint('jurisdiction_code', 'key', name=op.f('uq_jurisdiction_rule_setting_jurisdiction_code_key'))
    )
    with op.batch_alter_table('jurisdiction_rule_setting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_jurisdiction_rule_setting_jurisdiction_code'), ['jurisdiction_code'], unique=False)

    op.create_table('attendance_device',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('hall_id', sa.Uuid(), nullable=False),
    sa.Column('method', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('credential_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('registered_by_user_id', sa.Uuid(), nullable=True),
    sa.Column('registered_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', core.db.base.AwareDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['hall_id'], ['hall.id'], name=op.f('fk_attendance_device_hall_id_hall')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance_device')),
    sa.UniqueConstraint('credential_hash', name=op.f('uq_attendance_device_credential_hash'))
    )
    with op.batch_alter_table('attendance_device', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_device_hall_id'), ['hall_id'], unique=False)
    with op.batch_alter_table('attendance_record', schema=None) as batch_op:
        batch_op.add_column(sa.Column('device_id', sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_attendance_record_device_id_attendance_device'),
                                    'attendance_device', ['device_id'], ['id'])

    op.create_table('after_hours_registration',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('hall_id', sa.Uuid(), nullable=False),
    sa.Column('staff_id', sa.Uuid(), nullable=False),
    sa.Column('department_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('starts_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('rule_ids', sa.JSON(), nullable=False),
    sa.Column('registered_by_user_id', sa.Uuid(), nullable=True),
    sa.Column('registered_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], name=op.f('fk_after_hours_registration_department_id_department')),
    sa.ForeignKeyConstraint(['hall_id'], ['hall.id'], name=op.f('fk_after_hours_registration_hall_id_hall')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_after_hours_registration_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_after_hours_registration'))
    )
    with op.batch_alter_table('after_hours_registration', schema=None) as batch_op:
        batch_op.create_index('ix_after_hours_registration_hall_id_starts_at', ['hall_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_after_hours_registration_staff_id'), ['staff_id'], unique=False)

    op.create_table('leave_attachment',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('leave_request_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_by_user_id', sa.Uuid(), nullable=True),
    sa.Column('uploaded_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['leave_request_id'], ['leave_request.id'], name=op.f('fk_leave_attachment_leave_request_id_leave_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leave_attachment'))
    )
    with op.batch_alter_table('leave_attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_leave_attachment_leave_request_id'), ['leave_request_id'], unique=False)
    with op.batch_alter_table('leave_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('by_phone', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('paperwork_due_on', sa.Date(), nullable=True))

    op.create_table('bulletin_entry',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('hall_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('department_id', sa.Uuid(), nullable=False),
    sa.Column('staff_id', sa.Uuid(), nullable=True),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('recorded_by_user_id', sa.Uuid(), nullable=True),
    sa.Column('recorded_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], name=op.f('fk_bulletin_entry_department_id_department')),
    sa.ForeignKeyConstraint(['hall_id'], ['hall.id'], name=op.f('fk_bulletin_entry_hall_id_hall')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_bulletin_entry_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bulletin_entry'))
    )
    with op.batch_alter_table('bulletin_entry', schema=None) as batch_op:
        batch_op.create_index('ix_bulletin_entry_hall_id_occurred_on', ['hall_id', 'occurred_on'], unique=False)

    with op.batch_alter_table('assessment_score', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tied_at_boundary', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('decided_grade', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))

    casbin_rule = sa.table("casbin_rule", sa.column("id", sa.Uuid()), sa.column("ptype", sa.String()),
                           sa.column("v0", sa.String()), sa.column("v1", sa.String()),
                           sa.column("v2", sa.String()), sa.column("v3", sa.String()))
    op.bulk_insert(casbin_rule, _policy_rows())
    op.execute("UPDATE authz_state SET version = version + 1")  # running workers reload the policy


def downgrade() -> None:
    casbin_rule = sa.table("casbin_rule", sa.column("id", sa.Uuid()))
    op.execute(casbin_rule.delete().where(casbin_rule.c.id.in_([row["id"] for row in _policy_rows()])))
    op.execute("UPDATE authz_state SET version = version + 1")
    with op.batch_alter_table('assessment_score', schema=None) as batch_op:
        batch_op.drop_column('decided_grade')
        batch_op.drop_column('tied_at_boundary')
    with op.batch_alter_table('bulletin_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_bulletin_entry_hall_id_occurred_on')
    op.drop_table('bulletin_entry')
    with op.batch_alter_table('leave_request', schema=None) as batch_op:
        batch_op.drop_column('paperwork_due_on')
        batch_op.drop_column('by_phone')
    with op.batch_alter_table('leave_attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_leave_attachment_leave_request_id'))
    op.drop_table('leave_attachment')
    with op.batch_alter_table('after_hours_registration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_after_hours_registration_staff_id'))
        batch_op.drop_index('ix_after_hours_registration_hall_id_starts_at')
    op.drop_table('after_hours_registration')
    with op.batch_alter_table('attendance_record', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_attendance_record_device_id_attendance_device'), type_='foreignkey')
        batch_op.drop_column('device_id')
    with op.batch_alter_table('attendance_device', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_device_hall_id'))
    op.drop_table('attendance_device')
    with op.batch_alter_table('jurisdiction_rule_setting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_jurisdiction_rule_setting_jurisdiction_code'))
    op.drop_table('jurisdiction_rule_setting')
