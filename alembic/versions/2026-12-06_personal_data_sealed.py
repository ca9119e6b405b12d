"""personal data sealed at rest (SM4-GCM), blind indexes, the personal-data read log

Encrypts existing rows in place. The migration reads the keys the way the server does: the key
file named by TINGWU_KEY_FILE (or ``key_file`` in tingwu.toml; in development ./tingwu-keys.json,
made when missing). It seals in batches, each committed on its own, and prints its progress; a run
that stops is resumed by running ``tingwu db upgrade`` (or ``tingwu keys rotate``) again: rows
already sealed under the active key are skipped.

Revision ID: i17_personal_data_sealed
Revises: abc9e0458e03
Create Date: 2026-12-06 06:40:00+00:00
"""
from typing import Sequence, Union
import sys
import uuid

from alembic import op
import sqlalchemy as sa
import sqlmodel
import core.db.base


revision: str = 'i17_personal_data_sealed'
down_revision: Union[str, Sequence[str], None] = 'i14_citizen_services'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Permissions this migration adds to the seed policy (core/auth/seed_policy.csv): the hall office and
# auditors (督查人员, the jurisdiction's administration) read the personal-data read log of their domain; the
# hall office alone exports personal data.
PRIVACY_POLICY = [
    ('role:hall_office_leader', 'hall', 'personal_data_access', 'read'),
    ('role:supervisor', 'hall', 'personal_data_access', 'read'),
    ('role:jurisdiction_admin', 'jurisdiction', 'personal_data_access', 'read'),
    ('role:hall_office_leader', 'hall', 'personal_data', 'export'),
    ('role:jurisdiction_admin', 'jurisdiction', 'personal_data', 'erase'),
    ('role:hall_office_leader', 'hall', 'personal_data', 'erase'),
]

SEALED = [  # (table, column, old length)
    ('case', 'applicant_name', 100),
    ('case', 'applicant_id_number', 30),
    ('case', 'applicant_phone', 20),
    ('credit_record', 'applicant_name', 100),
    ('credit_record', 'applicant_id_number', 30),
    ('case_anomaly', 'applicant_key', 120),
    ('complaint', 'complainant_name', 100),
    ('complaint', 'complainant_contact', 100),
    ('complaint_blacklist_entry', 'contact', 100),
    ('queue_ticket', 'applicant_phone', 20),
    ('staff', 'phone', 20),
]
NOT_NULL = {('case', 'applicant_name'), ('credit_record', 'applicant_name'), ('complaint_blacklist_entry', 'contact')}
INDEXES = [  # (table, blind-index column, indexed)
    ('case', 'applicant_name_bidx', False),
    ('case', 'applicant_id_number_bidx', True),
    ('case', 'applicant_phone_bidx', True),
    ('case', 'applicant_id_last4_bidx', False),
    ('case', 'applicant_phone_last4_bidx', False),
    ('credit_record', 'applicant_id_number_bidx', True),
    ('complaint', 'complainant_contact_bidx', True),
    ('complaint_blacklist_entry', 'contact_bidx', False),
    ('queue_ticket', 'applicant_phone_bidx', True),
]


def _policy_rows():
    return [{"id": uuid.uuid5(uuid.NAMESPACE_URL, "tingwu:seed-policy:" + ",".join(row)), "ptype": "p",
             "v0": row[0], "v1": row[1], "v2": row[2], "v3": row[3]} for row in PRIVACY_POLICY]


def _say(message: str) -> None:
    print(f"[encrypt personal data] {message}", file=sys.stderr, flush=True)


def upgrade() -> None:
    op.create_table('personal_data_access',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('at', core.db.base.AwareDateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('domain', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    sa.Column('record_type', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('record_id', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('operation', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_personal_data_access'))
    )
    with op.batch_alter_table('personal_data_access', schema=None) as batch_op:
        batch_op.create_index('ix_personal_data_access_domain_at', ['domain', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_personal_data_access_record_id'), ['record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_personal_data_access_user_id'), ['user_id'], unique=False)

    for table in dict.fromkeys(t for t, _, _ in SEALED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for _, column, length in (s for s in SEALED if s[0] == table):
                batch_op.alter_column(column, existing_type=sqlmodel.sql.sqltypes.AutoString(length=length),
                                      type_=sa.Text(), existing_nullable=(table, column) not in NOT_NULL)
            for _, column, indexed in (i for i in INDEXES if i[0] == table):
                batch_op.add_column(sa.Column(column, sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
                if indexed:
                    batch_op.create_index(batch_op.f(f'ix_{table}_{column}'), [column], unique=False)
            if table == 'complaint_blacklist_entry':
                batch_op.drop_constraint('uq_complaint_blacklist_entry_jurisdiction_code_contact', type_='unique')
                batch_op.create_unique_constraint(batch_op.f('uq_complaint_blacklist_entry_jurisdiction_code_contact_bidx'),
                                                  ['jurisdiction_code', 'contact_bidx'])

    casbin_rule = sa.table('casbin_rule', sa.column('id', sa.Uuid()), sa.column('ptype', sa.String()),
                           sa.column('v0', sa.String()), sa.column('v1', sa.String()), sa.column('v2', sa.String()),
                           sa.column('v3', sa.String()))
    op.bulk_insert(casbin_rule, _policy_rows())

    _seal_existing_rows()


def _seal_existing_rows() -> None:
    """Seal every value still in clear, batch by batch (each batch committed: resumable)."""
    from core.pii.indexes import applicant_index
    from core.pii.keys import keyring
    from core.pii.rekey import pending_count, rekey

    from core.pii.indexes import (contact_index, id_last4_index, id_number_index, name_index, phone_index,
                                  phone_last4_index)

    # This revision's columns and blind indexes (not the models of a later revision).
    columns_by_table = {}
    for table, column, _ in SEALED:
        columns_by_table.setdefault(table, []).append(column)
    indexes_by_table = {
        'case': [('applicant_name', 'applicant_name_bidx', name_index),
                 ('applicant_id_number', 'applicant_id_number_bidx', id_number_index),
                 ('applicant_phone', 'applicant_phone_bidx', phone_index),
                 ('applicant_id_number', 'applicant_id_last4_bidx', id_last4_index),
                 ('applicant_phone', 'applicant_phone_last4_bidx', phone_last4_index)],
        'credit_record': [('applicant_id_number', 'applicant_id_number_bidx', id_number_index)],
        'complaint': [('complainant_contact', 'complainant_contact_bidx', contact_index)],
        'complaint_blacklist_entry': [('contact', 'contact_bidx', contact_index)],
        'queue_ticket': [('applicant_phone', 'applicant_phone_bidx', phone_index)],
    }
    bind = op.get_bind()
    ring = keyring(refresh=True)
    # Open anomaly investigations are found by open_key, which held the applicant key in clear.
    anomaly = sa.table('case_anomaly', sa.column('id', sa.Uuid()), sa.column('open_key', sa.Text()))
    for row in bind.execute(sa.select(anomaly.c.id, anomaly.c.open_key).where(anomaly.c.open_key.is_not(None))).all():
        pattern, item_id, key = row.open_key.split(':', 2)
        if key and len(key) != 64:
            bind.execute(sa.update(anomaly).where(anomaly.c.id == row.id)
                         .values(open_key=f"{pattern}:{item_id}:{applicant_index(key)}"))
    if not any(pending_count(bind, ring, columns_by_table=columns_by_table).values()):
        return
    _say(f"sealing personal data under key {ring.active.id} ({ring.active.algorithm})")
    with op.get_context().autocommit_block():
        report = rekey(op.get_bind(), progress=_say, ring=ring, columns_by_table=columns_by_table,
                       indexes_by_table=indexes_by_table)
    _say(f"done: {report.rewritten} row(s) sealed")


def _open_sealed_rows() -> None:
    """Downgrade: personal data back in clear (needs the same key file), open_key back to the clear key."""
    from core.pii import crypto

    bind = op.get_bind()
    for table_name in dict.fromkeys(t for t, _, _ in SEALED):
        columns = [c for t, c, _ in SEALED if t == table_name]
        table = sa.table(table_name, sa.column('id', sa.Uuid()), *(sa.column(c, sa.Text()) for c in columns))
        for row in bind.execute(sa.select(table)).all():
            values = {c: crypto.decrypt(getattr(row, c), context=f"{table_name}.{c}") for c in columns
                      if crypto.is_encrypted(getattr(row, c))}
            if values:
                bind.execute(sa.update(table).where(table.c.id == row.id).values(**values))
    anomaly = sa.table('case_anomaly', sa.column('id', sa.Uuid()), sa.column('open_key', sa.Text()),
                       sa.column('applicant_key', sa.Text()))
    for row in bind.execute(sa.select(anomaly).where(anomaly.c.open_key.is_not(None))).all():
        pattern, item_id, _ = row.open_key.split(':', 2)
        bind.execute(sa.update(anomaly).where(anomaly.c.id == row.id)
                     .values(open_key=f"{pattern}:{item_id}:{row.applicant_key or ''}"))


def downgrade() -> None:
    _open_sealed_rows()
    casbin_rule = sa.table('casbin_rule', sa.column('id', sa.Uuid()))
    op.execute(casbin_rule.delete().where(casbin_rule.c.id.in_([row["id"] for row in _policy_rows()])))
    for table in dict.fromkeys(t for t, _, _ in SEALED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table == 'complaint_blacklist_entry':
                batch_op.drop_constraint('uq_complaint_blacklist_entry_jurisdiction_code_contact_bidx', type_='unique')
                batch_op.create_unique_constraint('uq_complaint_blacklist_entry_jurisdiction_code_contact',
                                                  ['jurisdiction_code', 'contact'])
            for _, column, indexed in (i for i in INDEXES if i[0] == table):
                if indexed:
                    batch_op.drop_index(batch_op.f(f'ix_{table}_{column}'))
                batch_op.drop_column(column)
            for _, column, length in (s for s in SEALED if s[0] == table):
                batch_op.alter_column(column, existing_type=sa.Text(),
                                      type_=sqlmodel.sql.sqltypes.AutoString(length=length),
                                      existing_nullable=(table, column) not in NOT_NULL)
    with op.batch_alter_table('personal_data_access', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_personal_data_access_user_id'))
        batch_op.drop_index(batch_op.f('ix_personal_data_access_record_id'))
        batch_op.drop_index('ix_personal_data_access_domain_at')
    op.drop_table('personal_data_access')
