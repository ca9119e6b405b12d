"""leave attachments' content sealed at rest (SM4-GCM), like every personal-data column

A leave attachment (R6: a Nanbu hospital certificate, 医院证明) is health information: its content
is sealed with the active data key, the key id stored with the value, bound to the column
``leave_attachment.content``. No schema change (the column stays binary); existing rows are sealed
in place, in batches each committed on its own, with progress printed. A run that stops is resumed
by running ``tingwu db upgrade`` (or ``tingwu keys rotate``) again: rows already sealed under the
active key are skipped. The keys are read as the server reads them (TINGWU_KEY_FILE, ``key_file``
in tingwu.toml, ./tingwu-keys.json in development).

Revision ID: i17_sealed_attachments
Revises: i15_rollups
Create Date: 2026-12-06 07:45:00+00:00
"""
from typing import Sequence, Union
import sys

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision: str = 'i17_sealed_attachments'
down_revision: Union[str, Sequence[str], None] = 'i15_rollups'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

COLUMNS = {'leave_attachment': ['content']}
CONTEXT = 'leave_attachment.content'


def _say(message: str) -> None:
    print(f"[encrypt attachments] {message}", file=sys.stderr, flush=True)


def upgrade() -> None:
    from core.pii.fields import BINARY_COLUMNS
    from core.pii.keys import keyring
    from core.pii.rekey import pending_count, rekey

    BINARY_COLUMNS.add(CONTEXT)  # this revision's column is binary, whatever the models say later
    bind = op.get_bind()
    ring = keyring(refresh=True)
    if not any(pending_count(bind, ring, columns_by_table=COLUMNS).values()):
        return
    _say(f"sealing leave attachments under key {ring.active.id} ({ring.active.algorithm})")
    with op.get_context().autocommit_block():
        report = rekey(op.get_bind(), progress=_say, ring=ring, columns_by_table=COLUMNS, indexes_by_table={})
    _say(f"done: {report.rewritten} attachment(s) sealed")


def downgrade() -> None:
    """Attachments back in clear (needs the same key file), one row at a time (each up to 5 MiB)."""
    from core.pii import crypto

    bind = op.get_bind()
    table = sa.table('leave_attachment', sa.column('id', sa.Uuid()), sa.column('content', sa.LargeBinary()))
    for (row_id,) in bind.execute(sa.select(table.c.id)).all():
        content = bind.execute(sa.select(table.c.content).where(table.c.id == row_id)).scalar_one()
        if crypto.is_encrypted(content):
            bind.execute(sa.update(table).where(table.c.id == row_id)
                         .values(content=crypto.decrypt(bytes(content), context=CONTEXT)))
