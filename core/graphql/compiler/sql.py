"""The JSON-building SQL of each backend: PostgreSQL ``json_build_object``/``json_agg``, SQLite's JSON1.

SQLite has no base64: two small deterministic functions are registered on each SQLite connection
(:func:`install_sqlite_functions`) for global IDs and cursors; everything else is plain SQL.
"""

from __future__ import annotations

import base64
from abc import ABC, abstractmethod
import uuid

from core.graphql.relay import encode_cursor


def quote(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Dialect(ABC):
    """What differs between PostgreSQL and SQLite when a selection is built as JSON in the database."""

    name = ""

    @abstractmethod
    def obj(self, pairs: list[tuple[str, str]]) -> str:
        ...

    @abstractmethod
    def array(self, element: str, source: str, order_by: list[str]) -> str:
        """A JSON array of ``element`` over the rows of ``source`` (a FROM … WHERE … clause), in order."""
        ...

    def embed(self, json_sql: str) -> str:
        """A JSON value computed by a sub-select, used inside an object."""
        return json_sql

    def through(self, link_table: str, link: str, key: str, table: str, alias: str) -> str:
        """FROM a link table to the rows it names, as the target's alias."""
        return f"{ident(link_table)} AS {link} JOIN {ident(table)} AS {alias} ON {alias}.id = {link}.{ident(key)}"

    @abstractmethod
    def boolean(self, predicate: str) -> str:
        ...

    @abstractmethod
    def bool_column(self, column: str) -> str:
        ...

    @abstractmethod
    def uuid_text(self, column: str) -> str:
        ...

    @abstractmethod
    def global_id(self, type_name: str, column: str) -> str:
        ...

    @abstractmethod
    def cursor(self, values: list[str]) -> str:
        ...

    def as_text(self, json_sql: str) -> str:
        return json_sql

    def null(self) -> str:
        return "NULL"


class PostgreSQL(Dialect):
    name = "postgresql"

    def obj(self, pairs):
        return "json_build_object(" + ", ".join(f"{quote(k)}, {v}" for k, v in pairs) + ")"

    def array(self, element, source, order_by):
        order = f" ORDER BY {', '.join(order_by)}" if order_by else ""
        return f"(SELECT coalesce(json_agg({element}{order}), '[]'::json) {source})"

    def boolean(self, predicate):
        return f"({predicate})"

    def through(self, link_table, link, key, table, alias):
        # A primary-key lookup per link row (as PostGraphile does): with few rows per parent this beats the
        # hash join over the whole target table that the planner picks for a small catalogue.
        return (f"{ident(link_table)} AS {link} CROSS JOIN LATERAL (SELECT * FROM {ident(table)} AS _t "
                f"WHERE _t.id = {link}.{ident(key)} OFFSET 0) AS {alias}")

    def bool_column(self, column):
        return column

    def uuid_text(self, column):
        return f"{column}::text"

    def global_id(self, type_name, column):
        # base64 breaks lines after 76 characters: '<type>:<uuid>' stays under 57 bytes for every type name here.
        encoded = f"encode(convert_to({quote(type_name + ':')} || {column}::text, 'UTF8'), 'base64')"
        return encoded if len(type_name) + 37 <= 57 else f"replace({encoded}, E'\\n', '')"

    def cursor(self, values):
        # core.graphql.relay.encode_cursor: urlsafe base64 of json.dumps([str(v), …], ensure_ascii=False)
        items = " || ', ' || ".join(f"to_json({v})::text" for v in values)
        return (f"translate(encode(convert_to('[' || {items} || ']', 'UTF8'), 'base64'), "
                f"E'+/\\n', '-_')")

    def as_text(self, json_sql):
        return f"({json_sql})::text"


class SQLite(Dialect):
    name = "sqlite"

    def obj(self, pairs):
        return "json_object(" + ", ".join(f"{quote(k)}, {v}" for k, v in pairs) + ")"

    def array(self, element, source, order_by):
        # SQLite 3.40 has no ORDER BY inside an aggregate: aggregate an ordered sub-select.
        order = f" ORDER BY {', '.join(order_by)}" if order_by else ""
        return f"(SELECT json_group_array(json(_e.j)) FROM (SELECT {element} AS j {source}{order}) AS _e)"

    def embed(self, json_sql):
        # A sub-select loses the JSON subtype: json() gives it back, so it nests instead of being quoted.
        return f"json({json_sql})"

    def boolean(self, predicate):
        return f"(CASE WHEN {predicate} THEN json('true') ELSE json('false') END)"

    def bool_column(self, column):
        return f"(CASE WHEN {column} IS NULL THEN NULL WHEN {column} THEN json('true') ELSE json('false') END)"

    def uuid_text(self, column):
        return f"tingwu_uuid({column})"

    def global_id(self, type_name, column):
        return f"tingwu_global_id({quote(type_name)}, {column})"

    def cursor(self, values):
        return f"tingwu_cursor({', '.join(values)})"


DIALECTS = {"postgresql": PostgreSQL(), "sqlite": SQLite()}


def _uuid_text(value):
    return None if value is None else str(uuid.UUID(str(value)))


def _global_id(type_name, value):
    return None if value is None else base64.b64encode(f"{type_name}:{uuid.UUID(str(value))}".encode()).decode()


def _cursor(*values):
    return encode_cursor(values)


def install_sqlite_functions(dbapi_connection) -> None:
    """Register the few functions the compiled statements use on a new SQLite connection."""
    dbapi_connection.create_function("tingwu_uuid", 1, _uuid_text, deterministic=True)
    dbapi_connection.create_function("tingwu_global_id", 2, _global_id, deterministic=True)
    dbapi_connection.create_function("tingwu_cursor", -1, _cursor, deterministic=True)
