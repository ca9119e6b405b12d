"""What a GraphQL type's fields are in SQL, declared once next to the type (see docs/performance.md).

A type registers itself with :func:`sql_type`: which fields are columns, which are codes (the enum's
member name) or a code's label, its global ID, and its relations. A field that is not declared here
(computed in Python, answered by a plugin hook, personal data that is masked or encrypted, a field
with arguments) is *not compilable*: a root field whose selection reaches it is answered by the
resolvers instead. Roots (query fields) register with :func:`sql_root`.

This module imports no domain: the domains import it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from strawberry.utils.str_converters import to_camel_case


@dataclass(frozen=True)
class Column:
    """A column shown as it is stored: text, integer, boolean (``kind='bool'``) or date (``kind='date'``)."""

    column: str
    kind: str = "scalar"


@dataclass(frozen=True)
class Code:
    """A code column shown as its GraphQL enum (the member's name), or with ``label=True`` as its Chinese label."""

    column: str
    enum: type[enum.Enum]
    label: bool = False


@dataclass(frozen=True)
class GlobalId:
    """The Relay global ID: base64 of ``<type>:<uuid>`` (core.graphql.relay.to_global_id)."""

    type_name: str
    column: str = "id"


@dataclass(frozen=True)
class Related:
    """Another compiled type reached from this row.

    ``where`` and ``order_by`` are SQL templates: ``{self}`` is the related row's alias, ``{parent}`` this
    row's. ``many`` gives a list (``[]`` when empty), otherwise one object or null.
    """

    target: str
    where: str
    order_by: tuple[str, ...] = ()
    many: bool = True
    through: "Through | None" = None


@dataclass(frozen=True)
class Through:
    """A relation through a link table: ``table`` (aliased ``{link}`` in ``where``) holds ``key``, the target's id."""

    table: str
    key: str


@dataclass(frozen=True)
class Joined:
    """Another compiled type whose row the type's own ``sql_joins`` already joins, under ``alias`` (a template)."""

    target: str
    alias: str


FieldSql = Column | Code | GlobalId | Related | Joined


@dataclass
class SqlType:
    name: str
    table: sa.Table
    fields: dict[str, FieldSql]
    joins: str = ""  # JOIN clauses (a template on {self}) added wherever this type's rows are read

    @property
    def table_name(self) -> str:
        return self.table.name


@dataclass(frozen=True)
class Filter:
    """One predicate of a root, present when ``applies(args)``; ``params(args)`` binds its parameters."""

    sql: str
    applies: Callable[[dict], bool]
    params: Callable[[dict], dict[str, Any]] = lambda args: {}


@dataclass
class SqlRoot:
    """A query field answered by one statement.

    ``kind`` is ``"connection"`` (keyset pagination ordered by ``order_by``, columns of the node's table,
    the last one unique, exactly as core.graphql.relay.paginate) or ``"by_id"`` (``id`` argument, a
    global ID of ``node`` or a bare UUID; null when not visible).
    ``visible(context, args)`` returns the jurisdiction codes the caller may see rows of: the same
    function the resolver uses.
    """

    field_name: str
    node: str
    kind: str
    visible: Callable[[Any, dict], list[str]]
    order_by: tuple[str, ...] = ()
    filters: tuple[Filter, ...] = ()
    jurisdiction_column: str = "jurisdiction_code"


TYPES: dict[str, SqlType] = {}
ROOTS: dict[str, SqlRoot] = {}


def sql_type(name: str, table: sa.Table | type, /, *, sql_joins: str = "", **fields: FieldSql) -> SqlType:
    """Declare GraphQL type ``name``'s SQL (fields by their Python names) and register it.

    ``sql_joins``: JOIN clauses on ``{self}`` (the row's alias) that every read of this type adds, for
    ``Joined`` fields and for orderings that need the joined row."""
    table = getattr(table, "__table__", table)
    declared = SqlType(name=name, table=table, fields={to_camel_case(k): v for k, v in fields.items()}, joins=sql_joins)
    TYPES[name] = declared
    return declared


def sql_root(root: SqlRoot) -> SqlRoot:
    ROOTS[to_camel_case(root.field_name)] = root
    return root
