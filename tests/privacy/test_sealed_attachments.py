"""Leave attachments (R6: a Nanbu hospital certificate) sealed at rest: no content in clear in the database, read back
intact, re-sealed by a key rotation (resumable), and sealed in place by the migration."""

from __future__ import annotations

import asyncio
import hashlib
import os
import subprocess
from datetime import timedelta

import pytest
import sqlalchemy as sa

from core.db import Database, migrations
from core.db.base import utcnow
from core.leave import attachments
from core.leave.models import LeaveAttachment, LeaveAttachmentKind, LeaveRequest
from core.pii import crypto
from core.pii.keys import add_active_key, keyring
from core.pii.rekey import pending_count, rekey_batch, rotate
from core.pii.retention import DEFAULT_RETENTION_DAYS, RetentionPolicy, apply_retention
from tests.factories import make_hall
from tests.staffing import CERTIFICATE_PDF, REQUEST_LEAVE, attach_certificate, gid, people

pytestmark = pytest.mark.db

MARKER = b"TINGWU-CLEAR-CERTIFICATE-7f3a"  # a byte pattern that must never be found in the database


def _certificate(i: int) -> bytes:
    return b"%PDF-1.4\n% " + MARKER + f"-{i:03d} ".encode() + bytes(range(256)) * 40 + b"\n%%EOF\n"


async def _raw_contents(db) -> list[bytes]:
    """leave_attachment.content as the database holds it (no type processing)."""
    async with db.engine.connect() as conn:
        return [bytes(r[0]) for r in (await conn.exec_driver_sql("SELECT content FROM leave_attachment")).all()]


async def _raw_table_bytes(db) -> bytes:
    """Every value of every row of leave_attachment, as bytes (what a scan of the table finds)."""
    async with db.engine.connect() as conn:
        rows = (await conn.exec_driver_sql("SELECT * FROM leave_attachment")).all()
    return b"\n".join(bytes(v) if isinstance(v, (bytes, bytearray, memoryview)) else str(v).encode() for r in rows for v in r)


async def _requests(db, graph, n: int, *, starts=None, status: str = "pending") -> list[LeaveRequest]:
    starts = starts or utcnow() + timedelta(days=1)
    async with db.transaction() as session:
        rows = [LeaveRequest(staff_id=graph.staff[0].id, hall_id=graph.hall.id, department_id=graph.staff[0].department_id,
                             kind="sick", handling="approved", starts_at=starts + timedelta(days=i),
                             ends_at=starts + timedelta(days=i, hours=8), days=1, band="one_day", status=status)
                for i in range(n)]
        session.add_all(rows)
    return rows


async def _attach(db, requests) -> dict:
    expected = {}
    async with db.transaction() as session:
        for i, request in enumerate(requests):
            content = _certificate(i)
            row = await attachments.store(session, request=request, kind=LeaveAttachmentKind.HOSPITAL_CERTIFICATE,
                                          filename=f"证明{i}.pdf", content=content, user_id=None)
            expected[row.id] = content
    return expected


async def _read_back(db, ids) -> dict:
    async with db.session() as session:
        return {i: (await attachments.content_of(session, attachment_id=i))[1] for i in ids}


async def _database_bytes(db, backend: str, database_url: str) -> bytes:
    """The database's own bytes: the SQLite file and its WAL, or a pg_dump of the PostgreSQL database."""
    if backend == "sqlite":
        path = database_url.split("///", 1)[1]
        async with db.engine.connect() as conn:
            await conn.exec_driver_sql("PRAGMA wal_checkpoint(FULL)")
        # Read by another process: opening and closing the database file in this one would drop the POSIX
        # locks SQLite holds on it (sqlite.org/howtocorrupt.html 2.2), and later connections fail.
        return b"".join(subprocess.run(["cat", p], capture_output=True, check=True).stdout
                        for p in (path, path + "-wal") if os.path.exists(p))
    url = database_url.replace("postgresql+asyncpg://", "postgresql://")
    proc = await asyncio.to_thread(subprocess.run, ["pg_dump", "--no-owner", "-t", "leave_attachment", url],
                                   capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout


async def test_an_attachment_is_sealed_at_rest_and_the_leave_flow_reads_it_back(gql, db, runtime, monkeypatch, backend,
                                                                                  database_url):
    from tests.staffing import pin_clock

    pin_clock(monkeypatch, 2026, 11, 20, 9, 0)
    graph = await make_hall(db, jurisdiction="nanbu", place="南部山区", windows=1, staff_per_window=2)
    team = await people(db, runtime, graph)
    sick = (await gql.data(REQUEST_LEAVE, {"input": {
        "staffId": gid("Staff", graph.staff[0]), "kind": "SICK", "startsOn": "2026-11-23", "endsOn": "2026-11-24",
        "substituteId": gid("Staff", graph.staff[1])}}, headers=team.headers("staff0")))["requestLeave"]["leaveRequest"]
    certificate = CERTIFICATE_PDF[:-6] + b"% " + MARKER + b"\n%%EOF\n"
    stored = await attach_certificate(gql, team["staff0"], sick["id"], content=certificate)
    assert stored["attachment"]["size"] == len(certificate), stored

    raw = await _raw_contents(db)
    table = await _raw_table_bytes(db)
    assert len(raw) == 1 and MARKER not in table and b"%PDF" not in table
    ring = keyring()
    assert crypto.key_id_of(raw[0]) == ring.active.id and ring.active.algorithm == "sm4-gcm"
    assert raw[0].startswith(b"$pii1$" + ring.active.id.encode() + b"$")
    dump = await _database_bytes(db, backend, database_url)
    assert len(dump) > 1000 and MARKER not in dump and MARKER.hex().encode() not in dump
    assert (ring.active.id.encode() in dump) or (ring.active.id.encode().hex().encode() in dump)  # the sealed value is there
    # bound to its column: the same sealed bytes do not open as another column
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(raw[0], context="leave_attachment.filename")

    async with db.session() as session:
        row = (await session.execute(sa.select(LeaveAttachment))).scalar_one()
        found = await attachments.content_of(session, attachment_id=row.id)
    assert found[1] == certificate and row.sha256 == hashlib.sha256(certificate).hexdigest()
    async with db.engine.connect() as conn:
        assert (await conn.run_sync(lambda c: pending_count(c)))["leave_attachment"] == 0


async def test_a_key_rotation_re_seals_attachments_resumably_and_loses_nothing(db, runtime):
    graph = await make_hall(db, jurisdiction="nanbu")
    expected = await _attach(db, await _requests(db, graph, 25))
    old_key = keyring(refresh=True).active.id
    assert {crypto.key_id_of(v) for v in await _raw_contents(db)} == {old_key}

    new_key = add_active_key(keyring().path)
    ring = keyring(refresh=True)
    # a rotation interrupted after its first batch …
    async with db.transaction() as session:
        after, part = await session.run_sync(lambda s: rekey_batch(s.connection(), "leave_attachment", batch_size=10, ring=ring))
    assert after is not None and part.rewritten == 10
    async with db.engine.connect() as conn:
        assert (await conn.run_sync(lambda c: pending_count(c, ring)))["leave_attachment"] == 15
    # … is resumed by running it again: only what is left is re-sealed
    report = await rotate(db, batch_size=500, settle_seconds=0.1)
    assert report.by_table.get("leave_attachment") == 15
    raw = await _raw_contents(db)
    assert {crypto.key_id_of(v) for v in raw} == {new_key} != {old_key}
    assert not any(MARKER in v for v in raw)
    async with db.engine.connect() as conn:
        assert sum((await conn.run_sync(lambda c: pending_count(c, ring))).values()) == 0
    assert await _read_back(db, expected) == expected


async def test_the_migration_seals_existing_attachments_in_place(backend, fresh_database_url, capfd):
    url = fresh_database_url(backend)
    migrations.upgrade(url)
    db = Database(url)
    try:
        graph = await make_hall(db, jurisdiction="nanbu")
        expected = await _attach(db, await _requests(db, graph, 3))
        await db.dispose()
        migrations.downgrade(url, "i15_rollups")  # before attachments were sealed: opened in clear
        assert all(MARKER in v for v in await _raw_contents(db))
        await db.dispose()
        capfd.readouterr()
        migrations.upgrade(url)
        err = capfd.readouterr().err
        assert "[encrypt attachments]" in err and "leave_attachment: 3/3 sealed" in err and "done: 3" in err
        raw = await _raw_contents(db)
        assert len(raw) == 3 and not any(MARKER in v for v in raw) and all(crypto.is_encrypted(v) for v in raw)
        assert await _read_back(db, expected) == expected
        await db.dispose()
        capfd.readouterr()
        migrations.downgrade(url, "i15_rollups")
        migrations.upgrade(url)  # a second run after a clean one seals again, and nothing is lost
        assert await _read_back(db, expected) == expected
        migrations.check(url)
    finally:
        await db.dispose()


async def test_retention_deletes_the_documents_of_leave_that_ended_long_ago_and_nothing_else(db, runtime):
    now = utcnow()
    graph = await make_hall(db, jurisdiction="nanbu")
    old = await _attach(db, await _requests(db, graph, 2, starts=now - timedelta(days=1200), status="approved"))
    old_pending = await _attach(db, await _requests(db, graph, 1, starts=now - timedelta(days=1200)))
    recent = await _attach(db, await _requests(db, graph, 1, starts=now - timedelta(days=30), status="approved"))
    policy = RetentionPolicy(dict(DEFAULT_RETENTION_DAYS))
    dry = await apply_retention(db, jurisdictions=["nanbu"], policy=policy, now=now, dry_run=True)
    report = await apply_retention(db, jurisdictions=["nanbu"], policy=policy, now=now)
    assert dry.counts[("nanbu", "leave_attachments")] == report.counts[("nanbu", "leave_attachments")] == 2
    assert any("leave_attachments" in line and "2 row(s) deleted" in line for line in report.lines())
    async with db.session() as session:
        left = set((await session.execute(sa.select(LeaveAttachment.id))).scalars())
        assert (await session.execute(sa.select(sa.func.count()).select_from(LeaveRequest))).scalar_one() == 4
    assert left == set(old_pending) | set(recent) and not left & set(old)
    assert await _read_back(db, left) == {**old_pending, **recent}
    assert (await apply_retention(db, jurisdictions=["nanbu"], policy=policy, now=now)).total == 0
