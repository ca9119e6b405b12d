"""What an operator sees: structured JSON logs (structlog) and Prometheus metrics (prometheus-client).

Every log line is one JSON object with the request id (``X-Request-ID``, accepted or generated), and a
GraphQL operation's line names the operation, the caller, the duration and the outcome. Expected domain
errors are one line at ``info``; only unexpected failures carry a traceback. ``docs/operations.md`` lists
every metric and every log field.

Metrics work with several worker processes: ``tingwu serve --workers N`` points
``PROMETHEUS_MULTIPROC_DIR`` at a fresh directory before the workers start, and ``/metrics`` then adds up
every worker's numbers (prometheus-client's multiprocess mode).
"""

from __future__ import annotations

import logging
import os
import sys
import time

import structlog
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client import multiprocess
from strawberry.extensions import SchemaExtension

from core.http.middleware import request_id_var

# --- metrics -------------------------------------------------------------------------------------

REQUESTS = Counter("tingwu_graphql_requests_total", "GraphQL operations by operation name, type and outcome",
                   ["operation", "type", "outcome"])
LATENCY = Histogram("tingwu_graphql_request_duration_seconds", "GraphQL operation duration by operation name",
                    ["operation"], buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
ERRORS = Counter("tingwu_errors_total", "Errors by stable code (top-level errors and typed mutation errors)", ["code"])
RATE_LIMITED = Counter("tingwu_rate_limit_refusals_total", "Requests refused by a rate limit", ["rule", "kind"])
REFUSALS = Counter("tingwu_http_refusals_total", "Requests refused before GraphQL ran", ["reason"])
JOB_RUNS = Counter("tingwu_job_runs_total", "Scheduled job runs", ["job", "outcome"])
JOB_DURATION = Histogram("tingwu_job_duration_seconds", "Scheduled job duration", ["job"],
                         buckets=(0.1, 0.5, 1, 5, 15, 60, 300, 900))
SUBSCRIPTIONS = Gauge("tingwu_subscriptions", "Live subscriptions (websocket streams) being served",
                      multiprocess_mode="livesum")
DB_POOL = Gauge("tingwu_db_pool_connections", "Database connections of this worker's pool by state", ["state"],
                multiprocess_mode="livesum")
OUTBOX_BACKLOG = Gauge("tingwu_outbox_backlog", "Outbox events not yet delivered upward", multiprocess_mode="max")
OUTBOX_AGE = Gauge("tingwu_outbox_oldest_age_seconds", "Age of the oldest undelivered outbox event",
                   multiprocess_mode="max")


def count_refusal(reason: str) -> None:
    REFUSALS.labels(reason=reason).inc()


def _on_rate_limit(rule: str, kind: str) -> None:
    RATE_LIMITED.labels(rule=rule, kind=kind).inc()


def count_error(code: str) -> None:
    ERRORS.labels(code=code).inc()


async def sample_gauges(runtime) -> None:
    """Numbers read when scraped: the pool of this worker, the outbox (one statement)."""
    import sqlalchemy as sa

    pool = runtime.db.engine.sync_engine.pool
    for state, reader in (("checked_out", "checkedout"), ("size", "size"), ("overflow", "overflow")):
        value = getattr(pool, reader, None)
        if callable(value):
            try:
                DB_POOL.labels(state=state).set(max(0, value()))
            except Exception:  # pools without that notion (SQLite's static pools)
                pass
    from core.outbox.models import OutboxEvent

    async with runtime.db.session() as session:
        count, oldest = (await session.execute(
            sa.select(sa.func.count(), sa.func.min(OutboxEvent.created_at)).where(OutboxEvent.delivered_at.is_(None))
        )).one()
    OUTBOX_BACKLOG.set(count or 0)
    if oldest is not None:
        from datetime import datetime, timezone

        if oldest.tzinfo is None:
            oldest = oldest.replace(tzinfo=timezone.utc)
        OUTBOX_AGE.set(max(0.0, (datetime.now(timezone.utc) - oldest).total_seconds()))
    else:
        OUTBOX_AGE.set(0)


def metrics_payload() -> tuple[bytes, str]:
    """The exposition text: every worker's numbers in multiprocess mode, this process's otherwise."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    from prometheus_client import REGISTRY

    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def prepare_multiprocess() -> str:
    """Give the worker processes a shared, empty metrics directory (unless the operator named one)."""
    import tempfile

    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        directory = tempfile.mkdtemp(prefix="tingwu-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = directory
    else:
        os.makedirs(directory, exist_ok=True)
        for name in os.listdir(directory):
            if name.endswith(".db"):
                os.remove(os.path.join(directory, name))
    return directory


def mark_process_dead(pid: int) -> None:
    """Called by the server when a worker exits (multiprocess mode keeps its counters, drops its gauges)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(pid)


# --- logs ----------------------------------------------------------------------------------------


def _add_request_id(_logger, _method, event: dict) -> dict:
    request_id = request_id_var.get()
    if request_id is not None:
        event.setdefault("request_id", request_id)
    return event


SHARED_PROCESSORS = [
    structlog.contextvars.merge_contextvars,
    _add_request_id,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]
# structlog hands its events to the standard library, whose one handler (configure_logging) renders JSON.
structlog.configure(
    processors=[*SHARED_PROCESSORS, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
    logger_factory=structlog.stdlib.LoggerFactory(),
    wrapper_class=structlog.stdlib.BoundLogger,
    cache_logger_on_first_use=True,
)
_configured = False


def configure_logging(level: str | None = None) -> None:
    """JSON lines on stderr for structlog and the standard library alike (uvicorn, sqlalchemy, casbin)."""
    global _configured
    if _configured:
        return
    _configured = True
    level_name = (level or os.environ.get("TINGWU_LOG_LEVEL") or "INFO").upper()
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=SHARED_PROCESSORS,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    structlog.processors.format_exc_info,
                    structlog.processors.JSONRenderer(ensure_ascii=False)],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level_name)
    quiet_libraries()


def quiet_libraries() -> None:
    """casbin logs every enforce decision at INFO; keep warnings only."""
    for name in ("casbin", "casbin.policy", "casbin.enforcer", "casbin.role", "casbin_async_sqlalchemy_adapter"):
        logging.getLogger(name).setLevel(logging.WARNING)


def uvicorn_log_config() -> dict:
    """uvicorn's loggers through the root handler (JSON), access lines included."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "loggers": {
            "uvicorn": {"level": "INFO", "handlers": [], "propagate": True},
            "uvicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
            "uvicorn.access": {"level": "INFO", "handlers": [], "propagate": True},
        },
    }


log = structlog.get_logger("tingwu.graphql")


# --- one line per GraphQL operation ---------------------------------------------------------------


class ObservabilityExtension(SchemaExtension):
    """Counts, times and logs each GraphQL operation: one line, with its outcome and error codes."""

    def on_operation(self):
        started = time.perf_counter()
        yield
        duration = time.perf_counter() - started
        context = self.execution_context
        name = root_field(context)
        client_name = (context.operation_name or "")[:100]
        try:
            op_type = context.operation_type.value
        except Exception:  # the document did not parse
            op_type = "unknown"
        codes = _error_codes(context)
        codes.extend(getattr(context.context, "typed_error_codes", None) or [])
        outcome = "ok"
        if codes:
            outcome = "error" if any(c == "INTERNAL_SERVER_ERROR" for c in codes) else "rejected"
        if any(c == "RATE_LIMITED" for c in codes):
            outcome = "rate_limited"
        REQUESTS.labels(operation=name, type=op_type, outcome=outcome).inc()
        LATENCY.labels(operation=name).observe(duration)
        for code in codes:
            count_error(code)
        ctx = context.context
        actor = getattr(ctx, "actor", None)
        fields = {"operation": name, "operation_name": client_name or None, "operation_type": op_type, "outcome": outcome,
                  "duration_ms": round(duration * 1000, 1),
                  "caller": actor.username if actor is not None else "anonymous"}
        if codes:
            fields["error_codes"] = sorted(set(codes))
        if outcome == "error":
            log.error("graphql", **fields)
        else:
            log.info("graphql", **fields)


def root_field(context) -> str:
    """The operation's first root field (``takeTicket``, ``halls``): a label bounded by the schema, unlike the
    client's operation name. ``invalid`` when the document did not validate."""
    from graphql import OperationDefinitionNode

    document = getattr(context, "graphql_document", None)
    early = getattr(context, "pre_execution_errors", None) or []
    if document is None or any(not error.path for error in early):
        return "invalid"  # a document that did not parse or validate names no field of ours
    wanted = context.operation_name
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode) and (wanted is None or (definition.name and definition.name.value == wanted)):
            for selection in definition.selection_set.selections:
                name = getattr(selection, "name", None)
                if name is not None:
                    return name.value
            return "fragment"
    return "invalid"


def _error_codes(context) -> list[str]:
    from core.errors import DomainError

    codes = []
    errors = list(context.result.errors or []) if context.result is not None else []
    if not errors:
        errors = list(getattr(context, "pre_execution_errors", None) or [])
    for error in errors:
        original = error.original_error
        if isinstance(original, DomainError):
            codes.append(original.code)
        elif original is not None and not hasattr(original, "nodes"):
            codes.append("INTERNAL_SERVER_ERROR")
        else:
            codes.append((error.extensions or {}).get("code") or "GRAPHQL_VALIDATION_FAILED")
    return codes


def note_typed_error(ctx, code: str) -> None:
    """A mutation answered with a typed error: counted and logged with its operation."""
    try:
        ctx.typed_error_codes = [*(getattr(ctx, "typed_error_codes", None) or []), code]
    except AttributeError:  # a context that takes no attributes (tests with a bare object)
        pass


class ExpectedErrorFilter(logging.Filter):
    """strawberry logs every GraphQL error with its traceback; an expected one (bad document, domain error,
    permission denied, rate limit) is already the operation's one log line, so it is dropped here."""

    def filter(self, record: logging.LogRecord) -> bool:
        from graphql import GraphQLError

        from core.errors import DomainError

        error = record.msg
        if not isinstance(error, GraphQLError):
            return True
        original = error.original_error
        return not (original is None or isinstance(original, (DomainError, GraphQLError)))


_filter = ExpectedErrorFilter()


def install() -> None:
    """Wire the hooks of modules that do not import this one (rate limits) and quiet expected errors."""
    from core import ratelimit

    ratelimit.on_refusal = _on_rate_limit
    quiet_libraries()
    strawberry_logger = logging.getLogger("strawberry.execution")
    if _filter not in strawberry_logger.filters:
        strawberry_logger.addFilter(_filter)
