"""Seal every personal-data value under the active key: the encryption migration and key rotation.

Walks each table with encrypted columns in primary-key order, in batches, and rewrites a value that
is still in clear or sealed under another key, together with its blind indexes. Each row is
written with a compare-and-set (``WHERE id = … AND column = <what was read>``): a value a running
server changed in the meantime is left alone (it was written under the active key already), so
the walk is safe beside live traffic. Nothing is remembered between runs: a walk that stops is
resumed by running it again, which skips what is done. Runs on a synchronous connection (Alembic's,
or an async engine's through ``run_sync``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import sqlalchemy as sa

from core.pii import crypto
from core.pii.fields import BINARY_COLUMNS, BLIND_INDEXES, ENCRYPTED_COLUMNS
from core.pii.keys import Keyring, keyring


@dataclass
class RekeyReport:
    scanned: int = 0
    rewritten: int = 0
    skipped_changed: int = 0  # changed by someone else between read and write: already current
    by_table: dict = field(default_factory=dict)


#: rows per batch of a table with an encrypted binary column (documents of up to 5 MiB each)
BINARY_BATCH_SIZE = 20


def _load_models() -> None:
    import core.models  # noqa: F401  (declares every encrypted column)


def _is_binary(table_name: str, column: str) -> bool:
    return f"{table_name}.{column}" in BINARY_COLUMNS


def _column(table_name: str, column: str):
    return sa.column(column, sa.LargeBinary if _is_binary(table_name, column) else sa.Text)


def _not_current(table, column: str, ring: Keyring):
    """``column`` holds a value in clear or sealed under a key other than the active one."""
    col = table.c[column]
    if _is_binary(table.name, column):
        prefix = crypto.BINARY_PREFIX + ring.active.id.encode("ascii") + b"$"
        return sa.and_(col.is_not(None), sa.func.substr(col, 1, len(prefix)) != sa.literal(prefix, sa.LargeBinary))
    return sa.and_(col.is_not(None), sa.not_(col.startswith(f"{crypto.PREFIX}{ring.active.id}$")))


def pending_count(conn: sa.Connection, ring: Keyring | None = None, *, columns_by_table: dict | None = None) -> dict[str, int]:
    """Per table, how many rows hold a value in clear or under a key other than the active one.

    ``columns_by_table`` limits the walk (a migration names the columns of its own revision)."""
    _load_models()
    ring = ring or keyring(refresh=True)
    counts = {}
    for table_name, columns in sorted((columns_by_table or ENCRYPTED_COLUMNS).items()):
        table = sa.table(table_name, *(_column(table_name, c) for c in columns))
        counts[table_name] = pending_count_table(conn, table, columns, ring)
    return counts


def _table(table_name: str, columns=None, indexes=None):
    columns = columns if columns is not None else ENCRYPTED_COLUMNS[table_name]
    indexes = indexes if indexes is not None else BLIND_INDEXES.get(table_name, [])
    index_columns = sorted({target for _, target, _ in indexes})
    return sa.table(table_name, sa.column("id", sa.Uuid), *(_column(table_name, c) for c in columns),
                    *(sa.column(c, sa.String) for c in index_columns))


def rekey_batch(conn: sa.Connection, table_name: str, *, after_id=None, batch_size: int = 500,
                ring: Keyring | None = None, columns: list | None = None,
                indexes: list | None = None) -> tuple[object, RekeyReport]:
    """One batch of ``table_name`` after ``after_id`` (primary-key order): (last id or None when done, report)."""
    ring = ring or keyring()
    columns = columns if columns is not None else ENCRYPTED_COLUMNS[table_name]
    indexes = indexes if indexes is not None else BLIND_INDEXES.get(table_name, [])
    table = _table(table_name, columns, indexes)
    if any(_is_binary(table_name, c) for c in columns):
        batch_size = min(batch_size, BINARY_BATCH_SIZE)
    report = RekeyReport()
    stmt = sa.select(table.c.id, *(table.c[c] for c in columns)).order_by(table.c.id).limit(batch_size)
    if after_id is not None:
        stmt = stmt.where(table.c.id > after_id)
    rows = conn.execute(stmt).all()
    for row in rows:
        report.scanned += 1
        stored = {c: getattr(row, c) for c in columns}
        if all(v is None or crypto.key_id_of(v) == ring.active.id for v in stored.values()):
            continue
        values, clear = {}, {}
        for column, value in stored.items():
            context = f"{table_name}.{column}"
            clear[column] = crypto.decrypt(value, context=context, ring=ring) if value is not None else None
            if value is not None and crypto.key_id_of(value) != ring.active.id:
                values[column] = crypto.encrypt(clear[column], context=context, ring=ring)
        for source, target, index in indexes:
            values[target] = index(clear[source])
        guard = [table.c[c].is_(None) if v is None else table.c[c] == v for c, v in stored.items()]
        result = conn.execute(sa.update(table).where(table.c.id == row.id, *guard).values(**values))
        if result.rowcount == 1:
            report.rewritten += 1
        else:
            report.skipped_changed += 1
    return (rows[-1].id if len(rows) == batch_size else None), report


def _add(total: RekeyReport, part: RekeyReport, table_name: str) -> None:
    total.scanned += part.scanned
    total.rewritten += part.rewritten
    total.skipped_changed += part.skipped_changed
    total.by_table[table_name] = total.by_table.get(table_name, 0) + part.rewritten


def rekey(conn: sa.Connection, *, batch_size: int = 500, commit: Callable[[], None] | None = None,
          progress: Callable[[str], None] | None = None, ring: Keyring | None = None,
          columns_by_table: dict | None = None, indexes_by_table: dict | None = None) -> RekeyReport:
    """Rewrite every value not sealed under the active key (one connection; ``commit`` after each batch).

    ``columns_by_table`` / ``indexes_by_table`` name what to walk (a migration names its revision's
    columns); by default every encrypted column the models declare."""
    _load_models()
    ring = ring or keyring(refresh=True)
    report = RekeyReport()
    say = progress or (lambda message: None)
    columns_by_table = columns_by_table or ENCRYPTED_COLUMNS
    indexes_by_table = indexes_by_table if indexes_by_table is not None else BLIND_INDEXES
    for table_name in sorted(columns_by_table):
        columns, indexes = columns_by_table[table_name], indexes_by_table.get(table_name, [])
        pending = pending_count_table(conn, _table(table_name, columns, indexes), columns, ring)
        if not pending:
            continue
        say(f"{table_name}: {pending} row(s) to seal under key {ring.active.id}")
        after = None
        while True:
            after, part = rekey_batch(conn, table_name, after_id=after, batch_size=batch_size, ring=ring,
                                      columns=columns, indexes=indexes)
            _add(report, part, table_name)
            if commit is not None:
                commit()
            say(f"{table_name}: {report.by_table[table_name]}/{pending} sealed")
            if after is None:
                break
    return report


def pending_count_table(conn, table, columns, ring) -> int:
    conditions = [_not_current(table, c, ring) for c in columns]
    return conn.execute(sa.select(sa.func.count()).select_from(table).where(sa.or_(*conditions))).scalar_one()


async def rotate(db, *, batch_size: int = 500, progress: Callable[[str], None] | None = None,
                 settle_seconds: float = 1.1, max_passes: int = 5) -> RekeyReport:
    """Re-seal everything under the active key, beside a running server (each batch its own write transaction).

    A server notices a new active key within a second; values it sealed under the old key in that
    second are caught by a further pass, until nothing is left (or ``max_passes`` is reached, which
    the report says). Run it again to resume after an interruption: finished rows are skipped.
    """
    import asyncio

    _load_models()
    say = progress or (lambda message: None)
    total = RekeyReport()
    remaining = 0
    for attempt in range(1, max_passes + 1):
        ring = keyring(refresh=True)
        async with db.session() as session:
            pending = await session.run_sync(lambda s: pending_count(s.connection(), ring))
        for table_name, count in pending.items():
            if not count:
                continue
            say(f"{table_name}: {count} row(s) to seal under key {ring.active.id}")
            after, done = None, 0
            while True:
                async with db.transaction() as session:
                    after, part = await session.run_sync(lambda s: rekey_batch(
                        s.connection(), table_name, after_id=after, batch_size=batch_size, ring=ring))
                _add(total, part, table_name)
                done += part.rewritten
                say(f"{table_name}: {done}/{count} sealed")
                if after is None:
                    break
        async with db.session() as session:
            remaining = sum((await session.run_sync(lambda s: pending_count(s.connection(), ring))).values())
        if remaining == 0:
            return total
        say(f"{remaining} value(s) written under an older key meanwhile: pass {attempt + 1}")
        await asyncio.sleep(settle_seconds)
    say(f"still {remaining} value(s) under older keys: run `tingwu keys rotate --resume` again")
    return total
