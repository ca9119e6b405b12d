"""citizen services: appointments (预约) with slot settings and the daily on-site quota; case documents (办件文书); 12345 work orders (工单); refusal reviews (无否决权); notifications; 首问 records

Revision ID: i14_citizen_services
Revises: abc9e0458e03
Create Date: 2026-12-06 06:40:00+00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import core.db.base
import uuid


revision: str = 'i14_citizen_services'
down_revision: Union[str, Sequence[str], None] = 'i12_seed_rules_v2'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Permissions added with this migration (also in core/auth/seed_policy.csv).
NEW_POLICY = [
    ('role:hall_admin', 'hall', 'appointments', 'configure'),
    ('role:hall_admin', 'hall', 'appointments', 'manage'),
    ('role:consultation_desk', 'hall', 'appointments', 'manage'),
    ('role:window_staff', 'hall', 'appointments', 'manage'),
    ('role:window_staff', 'hall', 'first_inquiry', 'record'),
    ('role:consultation_desk', 'hall', 'first_inquiry', 'record'),
    ('role:hall_admin', 'hall', 'first_inquiry', 'record'),
    ('role:hall_admin', 'hall', 'first_inquiry', 'read'),
    ('role:hall_office_leader', 'hall', 'first_inquiry', 'read'),
    ('role:supervisor', 'hall', 'first_inquiry', 'read'),
    ('role:hall_admin', 'hall', 'notification', 'read'),
    ('role:hall_admin', 'hall', 'notification', 'manage'),
    ('role:consultation_desk', 'hall', 'notification', 'read'),
    ('role:consultation_desk', 'hall', 'notification', 'manage'),
    ('role:hall_admin', 'hall', 'case', 'review_return'),
    ('role:hall_office_leader', 'hall', 'case', 'review_return'),
    ('role:supervisor', 'hall', 'case', 'review_return'),
    ('role:duty_leader', 'hall', 'case', 'review_return'),
    ('role:chief_representative', 'dept', 'case', 'review_return'),
    ('role:hall_admin', 'hall', 'work_order', 'receive'),
    ('role:hall_office_leader', 'hall', 'work_order', 'receive'),
    ('role:hall_admin', 'hall', 'work_order', 'supervise'),
    ('role:hall_office_leader', 'hall', 'work_order', 'supervise'),
    ('role:hall_admin', 'hall', 'work_order', 'read'),
    ('role:hall_office_leader', 'hall', 'work_order', 'read'),
    ('role:supervisor', 'hall', 'work_order', 'read'),
    ('role:chief_representative', 'dept', 'work_order', 'handle'),
    ('role:department_leader', 'dept', 'work_order', 'handle'),
    ('role:chief_representative', 'dept', 'work_order', 'read'),
    ('role:department_leader', 'dept', 'work_order', 'read'),
]


def _casbin_rule():
    return sa.table("casbin_rule", sa.column("id", sa.Uuid()), sa.column("ptype", sa.String()),
                    sa.column("v0", sa.String()), sa.column("v1", sa.String()),
                    sa.column("v2", sa.String()), sa.column("v3", sa.String()))


def upgrade() -> None:
    op.create_table('appointment_setting',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('hall_id', sa.Uuid(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('bookable', sa.Boolean(), nullable=False),
    sa.Column('slot_minutes', sa.Integer(), nullable=False),
    sa.Column('slot_capacity', sa.Integer(), nullable=False),
    sa.Column('on_site_daily_quota', sa.Integer(), nullable=True),
    sa.Column('updated_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['hall_id'], ['hall.id'], name=op.f('fk_appointment_setting_hall_id_hall')),
    sa.ForeignKeyConstraint(['item_id'], ['service_item.id'], name=op.f('fk_appointment_setting_item_id_service_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment_setting')),
    sa.UniqueConstraint('hall_id', 'item_id', name=op.f('uq_appointment_setting_hall_id_item_id'))
    )
    with op.batch_alter_table('appointment_setting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_setting_hall_id'), ['hall_id'], unique=False)

    op.create_table('appointment',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('hall_id', sa.Uuid(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('slot_on', sa.Date(), nullable=False),
    sa.Column('slot_start', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.Column('slot_end', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('applicant_phone', sa.Text(), nullable=True),  # sealed at rest (core.pii)
    sa.Column('applicant_phone_bidx', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('ticket_id', sa.Uuid(), nullable=True),
    sa.Column('booked_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.Column('cancelled_at', core.db.base.AwareDateTime(timezone=True), nullable=True),
    sa.Column('checked_in_at', core.db.base.AwareDateTime(timezone=True), nullable=True),
    sa.Column('missed_at', core.db.base.AwareDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['hall_id'], ['hall.id'], name=op.f('fk_appointment_hall_id_hall')),
    sa.ForeignKeyConstraint(['item_id'], ['service_item.id'], name=op.f('fk_appointment_item_id_service_item')),
    sa.ForeignKeyConstraint(['ticket_id'], ['queue_ticket.id'], name=op.f('fk_appointment_ticket_id_queue_ticket')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_appointment_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment')),
    sa.UniqueConstraint('hall_id', 'slot_on', 'code', name=op.f('uq_appointment_hall_id_slot_on_code'))
    )
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.create_index('ix_appointment_hall_id_item_id_slot_start', ['hall_id', 'item_id', 'slot_start'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointment_applicant_phone_bidx'), ['applicant_phone_bidx'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointment_user_id'), ['user_id'], unique=False)

    op.create_table('case_document',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('hall_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('ref', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('rule_ids', sa.JSON(), nullable=False),
    sa.Column('issued_by_user_id', sa.Uuid(), nullable=True),
    sa.Column('issued_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case.id'], name=op.f('fk_case_document_case_id_case')),
    sa.ForeignKeyConstraint(['hall_id'], ['hall.id'], name=op.f('fk_case_document_hall_id_hall')),
    sa.ForeignKeyConstraint(['issued_by_user_id'], ['app_user.id'], name=op.f('fk_case_document_issued_by_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_document')),
    sa.UniqueConstraint('case_id', 'kind', 'ref', name=op.f('uq_case_document_case_id_kind_ref'))
    )
    with op.batch_alter_table('case_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_document_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_document_hall_id'), ['hall_id'], unique=False)

    op.create_table('work_order',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('hall_id', sa.Uuid(), nullable=False),
    sa.Column('department_id', sa.Uuid(), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('content', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('caller_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('caller_phone', sa.Text(), nullable=True),  # sealed at rest (core.pii)
    sa.Column('case_serial_number', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('received_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('sign_by', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('original_due_on', sa.Date(), nullable=False),
    sa.Column('signed_at', core.db.base.AwareDateTime(timezone=True), nullable=True),
    sa.Column('signed_late', sa.Boolean(), nullable=False),
    sa.Column('replied_at', core.db.base.AwareDateTime(timezone=True), nullable=True),
    sa.Column('replied_on', sa.Date(), nullable=True),
    sa.Column('reply', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
    sa.Column('extension_status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('extension_days', sa.Integer(), nullable=True),
    sa.Column('extension_reason', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('extensions', sa.Integer(), nullable=False),
    sa.Column('sent_back_reason', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('follow_up_satisfied', sa.Boolean(), nullable=True),
    sa.Column('follow_up_note', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('followed_up_at', core.db.base.AwareDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', core.db.base.AwareDateTime(timezone=True), nullable=True),
    sa.Column('rule_ids', sa.JSON(), nullable=False),
    sa.Column('steps', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], name=op.f('fk_work_order_department_id_department')),
    sa.ForeignKeyConstraint(['hall_id'], ['hall.id'], name=op.f('fk_work_order_hall_id_hall')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_order'))
    )
    with op.batch_alter_table('work_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_order_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_order_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_order_hall_id'), ['hall_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_order_number'), ['number'], unique=True)

    op.create_table('work_order_event',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('work_order_id', sa.Uuid(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_work_order_event_user_id_app_user')),
    sa.ForeignKeyConstraint(['work_order_id'], ['work_order.id'], name=op.f('fk_work_order_event_work_order_id_work_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_order_event'))
    )
    with op.batch_alter_table('work_order_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_order_event_work_order_id'), ['work_order_id'], unique=False)

    op.create_table('case_return_review',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('open_key', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('tolerance_offered', sa.Boolean(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('proposed_by_user_id', sa.Uuid(), nullable=True),
    sa.Column('proposed_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.Column('reviewed_by_user_id', sa.Uuid(), nullable=True),
    sa.Column('reviewed_at', core.db.base.AwareDateTime(timezone=True), nullable=True),
    sa.Column('review_note', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('rule_ids', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case.id'], name=op.f('fk_case_return_review_case_id_case')),
    sa.ForeignKeyConstraint(['proposed_by_user_id'], ['app_user.id'], name=op.f('fk_case_return_review_proposed_by_user_id_app_user')),
    sa.ForeignKeyConstraint(['reviewed_by_user_id'], ['app_user.id'], name=op.f('fk_case_return_review_reviewed_by_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_return_review')),
    sa.UniqueConstraint('open_key', name=op.f('uq_case_return_review_open_key'))
    )
    with op.batch_alter_table('case_return_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_return_review_case_id'), ['case_id'], unique=False)

    op.create_table('notification',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('jurisdiction_code', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('hall_id', sa.Uuid(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('phone', sa.Text(), nullable=False),  # sealed at rest (core.pii)
    sa.Column('phone_bidx', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('dedupe_key', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('created_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', core.db.base.AwareDateTime(timezone=True), nullable=True),
    sa.Column('rule_ids', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['hall_id'], ['hall.id'], name=op.f('fk_notification_hall_id_hall')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification')),
    sa.UniqueConstraint('dedupe_key', name=op.f('uq_notification_dedupe_key'))
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_hall_id'), ['hall_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notification_phone_bidx'), ['phone_bidx'], unique=False)
        batch_op.create_index('ix_notification_status_next_attempt_at', ['status', 'next_attempt_at'], unique=False)

    op.create_table('notification_opt_out',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('phone', sa.Text(), nullable=False),  # sealed at rest (core.pii)
    sa.Column('phone_bidx', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('opted_out_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_opt_out'))
    )
    with op.batch_alter_table('notification_opt_out', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_opt_out_phone_bidx'), ['phone_bidx'], unique=True)

    op.create_table('first_inquiry',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('hall_id', sa.Uuid(), nullable=False),
    sa.Column('responsible_staff_id', sa.Uuid(), nullable=False),
    sa.Column('asked_staff_ids', sa.JSON(), nullable=False),
    sa.Column('question', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('handed_to_window_id', sa.Uuid(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('asked_at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.Column('recorded_by_user_id', sa.Uuid(), nullable=True),
    sa.Column('rule_ids', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['hall_id'], ['hall.id'], name=op.f('fk_first_inquiry_hall_id_hall')),
    sa.ForeignKeyConstraint(['handed_to_window_id'], ['window.id'], name=op.f('fk_first_inquiry_handed_to_window_id_window')),
    sa.ForeignKeyConstraint(['recorded_by_user_id'], ['app_user.id'], name=op.f('fk_first_inquiry_recorded_by_user_id_app_user')),
    sa.ForeignKeyConstraint(['responsible_staff_id'], ['staff.id'], name=op.f('fk_first_inquiry_responsible_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_first_inquiry'))
    )
    with op.batch_alter_table('first_inquiry', schema=None) as batch_op:
        batch_op.create_index('ix_first_inquiry_hall_id_asked_at', ['hall_id', 'asked_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_first_inquiry_responsible_staff_id'), ['responsible_staff_id'], unique=False)

    op.bulk_insert(_casbin_rule(), [
        {"id": uuid.uuid5(uuid.NAMESPACE_URL, "tingwu:seed-policy:" + ",".join(row)), "ptype": "p",
         "v0": row[0], "v1": row[1], "v2": row[2], "v3": row[3]}
        for row in NEW_POLICY
    ])
    op.execute("UPDATE authz_state SET version = version + 1 WHERE id = 1")


def downgrade() -> None:
    casbin_rule = _casbin_rule()
    for row in NEW_POLICY:
        op.execute(casbin_rule.delete().where(casbin_rule.c.ptype == 'p', casbin_rule.c.v0 == row[0],
                                              casbin_rule.c.v1 == row[1], casbin_rule.c.v2 == row[2],
                                              casbin_rule.c.v3 == row[3]))
    op.execute("UPDATE authz_state SET version = version + 1 WHERE id = 1")
    with op.batch_alter_table('first_inquiry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_first_inquiry_responsible_staff_id'))
        batch_op.drop_index('ix_first_inquiry_hall_id_asked_at')
    op.drop_table('first_inquiry')
    with op.batch_alter_table('notification_opt_out', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notification_opt_out_phone_bidx'))
    op.drop_table('notification_opt_out')
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_status_next_attempt_at')
        batch_op.drop_index(batch_op.f('ix_notification_phone_bidx'))
        batch_op.drop_index(batch_op.f('ix_notification_hall_id'))
    op.drop_table('notification')
    with op.batch_alter_table('case_return_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_return_review_case_id'))
    op.drop_table('case_return_review')
    with op.batch_alter_table('work_order_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_order_event_work_order_id'))
    op.drop_table('work_order_event')
    with op.batch_alter_table('work_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_order_number'))
        batch_op.drop_index(batch_op.f('ix_work_order_hall_id'))
        batch_op.drop_index(batch_op.f('ix_work_order_due_on'))
        batch_op.drop_index(batch_op.f('ix_work_order_department_id'))
    op.drop_table('work_order')
    with op.batch_alter_table('case_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_document_hall_id'))
        batch_op.drop_index(batch_op.f('ix_case_document_case_id'))
    op.drop_table('case_document')
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointment_user_id'))
        batch_op.drop_index(batch_op.f('ix_appointment_applicant_phone_bidx'))
        batch_op.drop_index('ix_appointment_hall_id_item_id_slot_start')
    op.drop_table('appointment')
    with op.batch_alter_table('appointment_setting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointment_setting_hall_id'))
    op.drop_table('appointment_setting')
