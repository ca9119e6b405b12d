"""Where compiled reads join execution: one schema extension, after parsing and validation.

``on_execute`` (the document is parsed, validated and limited exactly as for any request) plans the
query's compilable root fields, runs one statement per field, and hands graphql-core a copy of the
document in which each of those fields is a bare ``__typename`` under the same response key, so the
resolvers answer only the rest. Afterwards the field's JSON, as the database built it, replaces that
placeholder as an ``orjson.Fragment``: the bytes go into the response without becoming Python objects
(the HTTP view encodes with orjson). Any failure leaves the field to the resolvers.

Active only when the request's context asks for it (``Context.compiled_reads``, set by the HTTP view
from ``Settings.compiled_reads``).
"""

from __future__ import annotations

import logging
from collections import OrderedDict

import orjson
from graphql import DocumentNode, FieldNode, FragmentDefinitionNode, NameNode, OperationDefinitionNode, SelectionSetNode
from graphql.execution.values import get_variable_values
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from core.graphql.compiler.compile import RootPlan, plan

log = logging.getLogger(__name__)

STATEMENT_CACHE_SIZE = 512


class StatementCache:
    """A bounded LRU, by document, operation name and backend, of each document's compiled statements
    (by root field, caller scope shape and ``@include``/``@skip`` switches; see compile.plan)."""

    def __init__(self, maxsize: int = STATEMENT_CACHE_SIZE):
        self.maxsize = maxsize
        self.entries: OrderedDict = OrderedDict()

    def get(self, key):
        found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
        return found

    def put(self, key, value) -> None:
        self.entries[key] = value
        if len(self.entries) > self.maxsize:
            self.entries.popitem(last=False)


STATEMENTS = StatementCache()


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name:
        return next((o for o in operations if o.name and o.name.value == name), None)
    return operations[0] if len(operations) == 1 else None


def _placeholder_document(document: DocumentNode, operation: OperationDefinitionNode, keys: set[str]) -> DocumentNode:
    selections = []
    for selection in operation.selection_set.selections:
        if isinstance(selection, FieldNode) and (selection.alias or selection.name).value in keys:
            key = (selection.alias or selection.name).value
            selection = FieldNode(alias=NameNode(value=key), name=NameNode(value="__typename"), arguments=(), directives=())
        selections.append(selection)
    replaced = OperationDefinitionNode(
        operation=operation.operation, name=operation.name, variable_definitions=operation.variable_definitions,
        directives=operation.directives, selection_set=SelectionSetNode(selections=tuple(selections)))
    return DocumentNode(definitions=tuple(replaced if d is operation else d for d in document.definitions))


async def compiled_answers(execution_context) -> tuple[OperationDefinitionNode, DocumentNode, dict[str, str]] | None:
    context = execution_context.context
    document = execution_context.graphql_document
    operation = _operation(document, execution_context.operation_name)
    if operation is None:
        return None
    schema = execution_context.schema._schema
    coerced = get_variable_values(schema, operation.variable_definitions or (), execution_context.variables or {})
    if isinstance(coerced, list):  # variable errors: the resolver path reports them
        return None
    runtime = context.runtime
    dialect = runtime.db.dialect
    key = (execution_context.query, execution_context.operation_name, dialect)
    statements = STATEMENTS.get(key)
    if statements is None:
        statements = {}
        STATEMENTS.put(key, statements)
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    plans: list[RootPlan] = plan(schema, operation, fragments, coerced, context, dialect, statements)
    if not plans:
        return None
    answers = {}
    async with runtime.db.engine.connect() as connection:
        if dialect == "postgresql":
            # One statement is its own snapshot: no BEGIN and ROLLBACK round trips around it.
            connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
        for root_plan in plans:
            answers[root_plan.key] = (await connection.execute(root_plan.statement())).scalar()
    return operation, _placeholder_document(document, operation, set(answers)), answers


class CompiledReads(SchemaExtension):
    """Answer compilable root fields of a query with one SQL statement each (core.graphql.compiler)."""

    async def on_execute(self):
        execution_context = self.execution_context
        answers = None
        original = execution_context.graphql_document
        if getattr(execution_context.context, "compiled_reads", False) and execution_context.operation_type == OperationType.QUERY:
            try:
                found = await compiled_answers(execution_context)
            except Exception:  # noqa: BLE001 - the resolvers remain the reference; they answer instead
                log.exception("compiled read failed; answering with the resolvers")
                found = None
            if found is not None:
                _, execution_context.graphql_document, answers = found
        yield
        if answers is not None:
            execution_context.graphql_document = original
            result = execution_context.result
            data = getattr(result, "data", None)
            if isinstance(data, dict):
                for key, text in answers.items():
                    if key in data:
                        data[key] = orjson.Fragment(text if text is not None else "null")
