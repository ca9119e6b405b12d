"""Encrypted columns and their blind indexes, at the model boundary.

A personal-data column is declared with ``sa_type=Encrypted("table.column")``: every write through
SQLAlchemy (ORM or Core) is encrypted and every read decrypted, so no service changes to protect
what it stores. Blind-index columns are kept by mapper events declared next to the model with
``blind_indexed(Model, "source", "target", index_fn)``: an ORM insert or an update of the source
recomputes them. A binary column (a document's content) is declared with ``sa_type=EncryptedBytes(…)``
and sealed the same way, stored as bytes. ``ENCRYPTED_COLUMNS`` and ``BLIND_INDEXES`` are what the encryption migration and
``tingwu keys rotate`` walk.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable

import sqlalchemy as sa
from sqlalchemy import event

from core.pii import crypto

#: table → [column, …]: every encrypted column (the context string is "table.column").
ENCRYPTED_COLUMNS: dict[str, list[str]] = defaultdict(list)
#: "table.column" of every encrypted binary column (its stored values are bytes, not text).
BINARY_COLUMNS: set[str] = set()
#: table → [(source column, index column, function of the clear value), …]
BLIND_INDEXES: dict[str, list[tuple[str, str, Callable]]] = defaultdict(list)


class Encrypted(sa.types.TypeDecorator):
    """A string stored sealed with the active data key (SM4-GCM by default) and read back in clear."""

    impl = sa.Text
    cache_ok = True

    def __init__(self, context: str):
        super().__init__()
        self.context = context
        table, _, column = context.partition(".")
        if column not in ENCRYPTED_COLUMNS[table]:
            ENCRYPTED_COLUMNS[table].append(column)

    def process_bind_param(self, value, dialect):
        if value is None or crypto.is_encrypted(value):
            return value
        return crypto.encrypt(str(value), context=self.context)

    def process_result_value(self, value, dialect):
        return crypto.decrypt(value, context=self.context)

    def process_literal_param(self, value, dialect):  # never render a clear value into SQL text
        raise TypeError("personal data cannot be rendered as a SQL literal")

    def coerce_compared_value(self, op, value):
        # Comparing an encrypted column with a value can never match (random nonces): look up by the
        # blind index instead. Comparisons are refused so that a mistaken look-up fails loudly.
        raise TypeError(f"{self.context} is encrypted: compare its blind index, not the column")


class EncryptedBytes(sa.types.TypeDecorator):
    """Binary content (a scanned certificate) stored sealed with the active data key and read back intact."""

    impl = sa.LargeBinary
    cache_ok = True

    def __init__(self, context: str):
        super().__init__()
        self.context = context
        table, _, column = context.partition(".")
        BINARY_COLUMNS.add(context)
        if column not in ENCRYPTED_COLUMNS[table]:
            ENCRYPTED_COLUMNS[table].append(column)

    def process_bind_param(self, value, dialect):
        if value is None or crypto.is_encrypted(value):
            return value
        return crypto.encrypt(bytes(value), context=self.context)

    def process_result_value(self, value, dialect):
        return None if value is None else crypto.decrypt(bytes(value), context=self.context)

    def process_literal_param(self, value, dialect):
        raise TypeError("personal data cannot be rendered as a SQL literal")

    def coerce_compared_value(self, op, value):
        raise TypeError(f"{self.context} is encrypted: it cannot be compared")


def blind_indexed(model, source: str, target: str, index: Callable[[str | None], str | None]) -> None:
    """Keep ``model.target`` equal to ``index(model.source)`` on every ORM insert and update."""
    BLIND_INDEXES[model.__tablename__].append((source, target, index))

    def _set(mapper, connection, instance):
        setattr(instance, target, index(getattr(instance, source)))

    def _maybe(mapper, connection, instance):
        if sa.inspect(instance).attrs[source].history.has_changes():
            _set(mapper, connection, instance)

    event.listen(model, "before_insert", _set)
    event.listen(model, "before_update", _maybe)


def bidx_column(*, index: bool = True):
    """A blind-index column: 64 hex digits of HMAC-SM3, nullable."""
    from sqlmodel import Field

    return Field(default=None, max_length=64, index=index)
