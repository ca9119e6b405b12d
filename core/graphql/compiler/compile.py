"""The selection compiler: a root field's whole selection becomes one SQL statement building its JSON.

Input: a validated document, its operation and the coerced variables. For each root field written
directly in the operation whose field is registered (spec.ROOTS) and whose whole selection is made of
declared fields (spec.TYPES), it plans one statement; any other root field is left to the resolvers.
Fragments, inline fragments, aliases, repeated fields and ``@include``/``@skip`` are collected as
graphql-core collects them. The SQL text depends only on the selection, on which optional arguments
are present and on the caller's scope (the jurisdiction codes, inlined); argument values are bound.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLBoolean,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    is_abstract_type,
    value_from_ast,
)
from graphql.execution.values import get_argument_values

from core.errors import DomainError
from core.graphql.compiler.sql import DIALECTS, Dialect, ident, quote
from core.graphql.compiler.spec import ROOTS, TYPES, Code, Column, GlobalId, Joined, Related, SqlRoot, SqlType
from core.graphql.relay import _coerce, decode_cursor, from_global_id, page_size

MAX_OBJECT_KEYS = 50  # PostgreSQL functions take at most 100 arguments


class NotCompilable(Exception):
    """This selection reaches a field without declared SQL: the resolvers answer it."""


Fields = "OrderedDict[str, list[FieldNode]]"


def _included(node, variables: dict) -> bool:
    for directive in node.directives or ():
        name = directive.name.value
        if name not in ("include", "skip"):
            continue
        arg = next((a for a in directive.arguments if a.name.value == "if"), None)
        value = value_from_ast(arg.value, GraphQLBoolean, getattr(variables, "coerced", variables)) if arg else None
        if (name == "include" and value is not True) or (name == "skip" and value is True):
            return False
    return True


def _applies(schema: GraphQLSchema, condition, type_name: str) -> bool:
    if condition is None or condition.name.value == type_name:
        return True
    abstract = schema.get_type(condition.name.value)
    concrete = schema.get_type(type_name)
    return is_abstract_type(abstract) and concrete is not None and schema.is_sub_type(abstract, concrete)


def collect(schema: GraphQLSchema, selection_sets: Iterable[SelectionSetNode | None], type_name: str,
            fragments: dict[str, FragmentDefinitionNode], variables: dict) -> Fields:
    """Fields by response key, in order (graphql-core's CollectFields)."""
    fields: OrderedDict[str, list[FieldNode]] = OrderedDict()
    visited: set[str] = set()

    def walk(selection_set):
        if selection_set is None:
            return
        for selection in selection_set.selections:
            if not _included(selection, variables):
                continue
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                fields.setdefault(key, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                if _applies(schema, selection.type_condition, type_name):
                    walk(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in visited:
                    continue
                visited.add(name)
                fragment = fragments.get(name)
                if fragment is not None and _applies(schema, fragment.type_condition, type_name):
                    walk(fragment.selection_set)

    for selection_set in selection_sets:
        walk(selection_set)
    return fields


@dataclass
class RootPlan:
    """One compiled root field: its response key, the SQL text and the parameters to bind."""

    key: str
    sql: str
    params: dict[str, Any]
    types: dict[str, Any]

    def statement(self) -> sa.TextClause:
        binds = [sa.bindparam(name, value, type_=self.types.get(name)) for name, value in self.params.items()]
        return sa.text(self.sql).bindparams(*binds)


class Compiler:
    """Builds one root field's statement for one dialect."""

    def __init__(self, schema: GraphQLSchema, dialect: Dialect, fragments, variables):
        self.schema = schema
        self.d = dialect
        self.fragments = fragments
        self.variables = variables
        self.aliases = 0

    def alias(self) -> str:
        self.aliases += 1
        return f"t{self.aliases}"

    def sub_fields(self, nodes: list[FieldNode], type_name: str) -> Fields:
        return collect(self.schema, (n.selection_set for n in nodes), type_name, self.fragments, self.variables)

    def object_json(self, sql_type: SqlType, alias: str, fields: Fields) -> str:
        d = self.d
        pairs = []
        for key, nodes in fields.items():
            name = nodes[0].name.value
            if name == "__typename":
                pairs.append((key, quote(sql_type.name)))
                continue
            if any(n.arguments for n in nodes):
                raise NotCompilable(f"{sql_type.name}.{name} takes arguments")
            declared = sql_type.fields.get(name)
            if declared is None:
                raise NotCompilable(f"{sql_type.name}.{name} is not declared")
            if isinstance(declared, Related):
                target = TYPES[declared.target]
                sub = self.alias()
                inner = self.object_json(target, sub, self.sub_fields(nodes, target.name))
                link = f"{sub}_l"
                where = declared.where.format(self=sub, parent=alias, link=link)
                if declared.through is not None:
                    rows = d.through(declared.through.table, link, declared.through.key, target.table_name, sub)
                else:
                    rows = f"{ident(target.table_name)} AS {sub}"
                source = f"FROM {rows} {target.joins.format(self=sub)} WHERE {where}"
                if declared.many:
                    order = [o.format(self=sub, parent=alias) for o in declared.order_by]
                    pairs.append((key, d.embed(d.array(inner, source, order))))
                else:
                    pairs.append((key, d.embed(f"(SELECT {inner} {source})")))
                continue
            if isinstance(declared, Joined):
                target = TYPES[declared.target]
                pairs.append((key, self.object_json(target, declared.alias.format(self=alias), self.sub_fields(nodes, target.name))))
                continue
            column = f"{alias}.{ident(declared.column)}"
            if isinstance(declared, GlobalId):
                pairs.append((key, d.global_id(declared.type_name, column)))
            elif isinstance(declared, Code):
                cases = " ".join(
                    f"WHEN {quote(str(m.value))} THEN {quote(m.label if declared.label else m.name)}" for m in declared.enum)
                pairs.append((key, f"(CASE {column} {cases} END)"))
            elif isinstance(declared, Column) and declared.kind == "bool":
                pairs.append((key, d.bool_column(column)))
            else:
                pairs.append((key, column))
        if len(pairs) > MAX_OBJECT_KEYS:
            raise NotCompilable("too many keys for one object")
        return d.obj(pairs)

    # -- roots ---------------------------------------------------------------------------------------

    def order_values(self, root: SqlRoot, node_type: SqlType, alias: str) -> list[str]:
        values = []
        for name in root.order_by:
            column = f"{alias}.{ident(name)}"
            python_type = _python_type(node_type.table.c[name])
            values.append(self.d.uuid_text(column) if python_type is uuid.UUID else column)
        return values

    def connection(self, root: SqlRoot, node: FieldNode, field_type, shape: "Shape") -> str:
        d = self.d
        node_type = TYPES[root.node]
        table = node_type.table
        predicates = [f"b.{ident(root.jurisdiction_column)} IN ({', '.join(quote(c) for c in shape.codes) or 'NULL'})"]
        for item, applies in zip(root.filters, shape.filters):
            if applies:
                predicates.append(item.sql.format(self="b"))
        keyset = ""
        after = True if shape.previous else None
        if shape.after:
            names = [f":after_{i}" for i in range(len(root.order_by))]
            keyset = f" WHERE ({', '.join('b.' + ident(n) for n in root.order_by)}) > ({', '.join(names)})"
        order = lambda a, direction="": ", ".join(f"{a}.{ident(n)}{direction}" for n in root.order_by)  # noqa: E731
        ctes = (
            f"WITH _base AS (SELECT * FROM {ident(table.name)} AS b WHERE {' AND '.join(predicates)}), "
            f"_page AS (SELECT * FROM _base AS b{keyset} ORDER BY {order('b')} LIMIT :limit_extra), "
            f"_shown AS (SELECT * FROM _page AS b ORDER BY {order('b')} LIMIT :limit) "
        )
        connection_name = get_named_type(field_type).name
        connection_def = self.schema.get_type(connection_name)
        edge_name = get_named_type(connection_def.fields["edges"].type).name
        pairs = []
        for key, nodes in self.sub_fields([node], connection_name).items():
            name = nodes[0].name.value
            if name == "__typename":
                pairs.append((key, quote(connection_name)))
            elif name == "totalCount":
                pairs.append((key, "(SELECT count(*) FROM _base)"))
            elif name == "edges":
                e = self.alias()
                edge_pairs = []
                for edge_key, edge_nodes in self.sub_fields(nodes, edge_name).items():
                    edge_field = edge_nodes[0].name.value
                    if edge_field == "__typename":
                        edge_pairs.append((edge_key, quote(edge_name)))
                    elif edge_field == "cursor":
                        edge_pairs.append((edge_key, d.cursor(self.order_values(root, node_type, e))))
                    elif edge_field == "node":
                        edge_pairs.append((edge_key, self.object_json(node_type, e, self.sub_fields(edge_nodes, node_type.name))))
                    else:
                        raise NotCompilable(edge_field)
                pairs.append((key, d.embed(d.array(d.obj(edge_pairs), f"FROM _shown AS {e}", [order(e)]))))
            elif name == "pageInfo":
                info_pairs = []
                for info_key, info_nodes in self.sub_fields(nodes, "PageInfo").items():
                    info_field = info_nodes[0].name.value
                    p = self.alias()
                    if info_field == "__typename":
                        info_pairs.append((info_key, quote("PageInfo")))
                    elif info_field == "hasNextPage":
                        info_pairs.append((info_key, d.boolean("(SELECT count(*) FROM _page) > :limit")))
                    elif info_field == "hasPreviousPage":
                        info_pairs.append((info_key, d.boolean("1 = 1" if after is not None else "1 = 0")))
                    elif info_field in ("startCursor", "endCursor"):
                        direction = "" if info_field == "startCursor" else " DESC"
                        cursor = d.cursor(self.order_values(root, node_type, p))
                        info_pairs.append((info_key, f"(SELECT {cursor} FROM _shown AS {p} ORDER BY {order(p, direction)} LIMIT 1)"))
                    else:
                        raise NotCompilable(info_field)
                pairs.append((key, d.obj(info_pairs)))
            else:
                raise NotCompilable(name)
        return ctes + "SELECT " + d.as_text(d.obj(pairs))

    def by_id(self, root: SqlRoot, node: FieldNode, shape: "Shape") -> str:
        node_type = TYPES[root.node]
        a = self.alias()
        inner = self.object_json(node_type, a, self.sub_fields([node], node_type.name))
        allowed = ", ".join(quote(c) for c in shape.codes) or "NULL"
        found = (f"(SELECT {inner} FROM {ident(node_type.table_name)} AS {a} "
                 f"WHERE {a}.id = :id AND {a}.{ident(root.jurisdiction_column)} IN ({allowed}))")
        return "SELECT " + self.d.as_text(found)


def _python_type(column):
    column_type = getattr(column.type, "impl_instance", column.type)
    try:
        return column_type.python_type
    except NotImplementedError:
        return None


@dataclass(frozen=True)
class Shape:
    """What a root's SQL text depends on besides the selection: the caller's scope and which optional
    arguments are present. Argument values are bound parameters."""

    codes: tuple[str, ...]
    filters: tuple[bool, ...] = ()
    after: bool = False  # a cursor to continue after (keyset predicate)
    previous: bool = False  # ``after`` given at all (hasPreviousPage, as core.graphql.relay.paginate)


def root_shape_and_params(root: SqlRoot, args: dict, context) -> tuple[Shape, dict[str, Any], dict[str, Any]]:
    """The statement's shape and its parameters, from the field's arguments.

    :raises DomainError: an argument the resolver refuses too (page size, cursor, ID): not compiled.
    """
    codes = tuple(root.visible(context, args))
    table = TYPES[root.node].table
    params: dict[str, Any] = {}
    types: dict[str, Any] = {}
    if root.kind == "by_id":
        _, params["id"] = from_global_id(str(args["id"]), root.node)
        types["id"] = table.c.id.type
        return Shape(codes), params, types
    applies = tuple(bool(item.applies(args)) for item in root.filters)
    for item, present in zip(root.filters, applies):
        if present:
            params.update(item.params(args))
    limit = page_size(args.get("first", 20))
    params["limit"], params["limit_extra"] = limit, limit + 1
    after = args.get("after")
    if after:
        raw = decode_cursor(after, len(root.order_by))
        for i, (name, value) in enumerate(zip(root.order_by, raw)):
            column = table.c[name]
            params[f"after_{i}"] = _coerce(column, value)
            types[f"after_{i}"] = column.type
    return Shape(codes, applies, bool(after), after is not None), params, types


def plan(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: dict, variables,
         context, dialect_name: str, statements: dict | None = None) -> list[RootPlan]:
    """The compiled root fields of ``operation`` (possibly none); the others are left to the resolvers.

    ``statements`` caches the SQL text of this document's roots by response key, shape and the
    ``@include``/``@skip`` variables (the caller keeps one per document and operation); a selection
    that is not compilable is cached as ``None``.
    """
    if statements is None:
        statements = {}
    dialect = DIALECTS[dialect_name]
    query_type = schema.query_type
    coerced = getattr(variables, "coerced", variables) or {}
    switches = tuple(sorted((k, v) for k, v in coerced.items() if isinstance(v, bool)))
    direct = [s for s in operation.selection_set.selections if isinstance(s, FieldNode)]
    all_fields = collect(schema, [operation.selection_set], query_type.name, fragments, variables)
    plans = []
    for key, nodes in all_fields.items():
        root = ROOTS.get(nodes[0].name.value)
        if root is None or any(n not in direct for n in nodes):
            continue
        node = nodes[0]
        field_def = query_type.fields[node.name.value]
        try:
            raw_args = get_argument_values(field_def, node, variables)
            args = {k: getattr(v, "value", v) for k, v in raw_args.items()}
            shape, params, types = root_shape_and_params(root, args, context)
        except (DomainError, KeyError, ValueError, TypeError):
            continue  # an argument the resolver will refuse, with its own error in the caller's language
        cache_key = (key, shape, switches)
        if cache_key not in statements:
            statements[cache_key] = _compile_root(schema, dialect, fragments, variables, root, nodes, field_def, shape)
        sql = statements[cache_key]
        if sql is not None:
            plans.append(RootPlan(key=key, sql=sql, params=params, types=types))
    return plans


def _compile_root(schema, dialect, fragments, variables, root, nodes, field_def, shape) -> str | None:
    node = nodes[0]
    if len(nodes) > 1:
        node = FieldNode(name=node.name, alias=node.alias, arguments=node.arguments, directives=(),
                         selection_set=SelectionSetNode(selections=tuple(
                             s for n in nodes for s in (n.selection_set.selections if n.selection_set else ()))))
    compiler = Compiler(schema, dialect, fragments, variables)
    try:
        if root.kind == "connection":
            return compiler.connection(root, node, field_def.type, shape)
        return compiler.by_id(root, node, shape)
    except NotCompilable:
        return None
