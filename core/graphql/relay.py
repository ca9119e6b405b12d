"""Relay plumbing: global IDs, the Node interface, cursor connections with keyset pagination."""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from datetime import date, datetime, time
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
import strawberry

from core.errors import DomainError

T = TypeVar("T")

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


def to_global_id(type_name: str, value: uuid.UUID) -> str:
    return base64.b64encode(f"{type_name}:{value}".encode()).decode()


def from_global_id(global_id: str, expected_type: str | None = None) -> tuple[str, uuid.UUID]:
    """Decode a global ID; a bare UUID is accepted as the expected type.

    :raises DomainError: INVALID_ID when it decodes to nothing sensible.
    """
    try:
        return expected_type or "", uuid.UUID(global_id)
    except ValueError:
        pass
    try:
        type_name, _, raw = base64.b64decode(global_id, validate=True).decode().partition(":")
        value = uuid.UUID(raw)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise DomainError("INVALID_ID", {"value": global_id}) from None
    if expected_type and type_name != expected_type:
        raise DomainError("INVALID_ID", {"value": global_id})
    return type_name, value


@strawberry.interface(description="An object with a globally unique ID (Relay).")
class Node:
    id: strawberry.ID


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int


def encode_cursor(values: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps([str(v) for v in values], ensure_ascii=False).encode()).decode()


def decode_cursor(cursor: str, width: int) -> list[str]:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode()).decode())
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise DomainError("INVALID_ID", {"value": cursor}) from None
    if not isinstance(values, list) or len(values) != width:
        raise DomainError("INVALID_ID", {"value": cursor})
    return values


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE_SIZE
    if first < 0 or first > MAX_PAGE_SIZE:
        raise DomainError(
            "VALIDATION_FAILED",
            {"field": "first", "field_label": "first", "reason": f"应在 0 到 {MAX_PAGE_SIZE} 之间",
             "reason_en": f"must be between 0 and {MAX_PAGE_SIZE}"},
        )
    return first


async def paginate(
    session,
    stmt: sa.Select,
    *,
    order_by: Sequence[sa.ColumnElement],
    first: int | None,
    after: str | None,
    to_node: Callable[[Any], T],
    descending: bool = False,
) -> Connection[T]:
    """Keyset pagination over ``stmt`` ordered by ``order_by`` (the last column unique).

    ``stmt`` selects a table's columns (plain rows: cheapest on hot paths) or one ORM entity.

    Two statements whatever the page size: the page (one row extra to learn
    whether there is a next page) and the total count.
    """
    limit = page_size(first)
    total = (await session.execute(sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery()))).scalar_one()
    page_stmt = stmt
    if after:
        raw = decode_cursor(after, len(order_by))
        values = [_coerce(col, value) for col, value in zip(order_by, raw)]
        # Bind each value with its column's type (e.g. aware timestamps stored as UTC), not a guessed one.
        keys = sa.tuple_(*order_by)
        bound = sa.tuple_(*(sa.bindparam(None, value, type_=col.type) for col, value in zip(order_by, values)))
        page_stmt = page_stmt.where(keys < bound if descending else keys > bound)
    ordering = [col.desc() for col in order_by] if descending else list(order_by)
    result = await session.execute(page_stmt.order_by(*ordering).limit(limit + 1))
    rows = result.scalars().all() if _selects_one_entity(stmt) else result.all()
    has_next = len(rows) > limit
    rows = rows[:limit]
    edges = [Edge(cursor=encode_cursor([getattr(row, col.key) for col in order_by]), node=to_node(row)) for row in rows]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=total,
    )


def _selects_one_entity(stmt: sa.Select) -> bool:
    """``select(Model)`` yields ORM objects (one per row); ``select(Model.__table__)`` yields plain rows."""
    described = stmt.column_descriptions
    return len(described) == 1 and isinstance(described[0].get("expr"), type)


def _coerce(column: sa.ColumnElement, value: str):
    # A TypeDecorator (e.g. AwareDateTime) knows its Python type through its implementation.
    column_type = getattr(column.type, "impl_instance", column.type)
    try:
        python_type = column_type.python_type
    except NotImplementedError:
        return value
    if python_type is uuid.UUID:
        return uuid.UUID(value)
    if python_type is datetime:
        return datetime.fromisoformat(value)
    if python_type is date:
        return date.fromisoformat(value)
    if python_type is time:
        return time.fromisoformat(value)
    if python_type is int:
        return int(value)
    return value
