"""The ASGI application: GraphQL at /graphql, /healthz and /readyz."""

from __future__ import annotations

import contextlib
import gc

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from core.bulletin.export import FORMATS as EXPORT_FORMATS, bulletin_response
from core.pii.export import cases_register_response
from core.errors import DomainError, preferred_language
from core.auth.tokens import Actor, InvalidToken, decode
from core.graphql.context import Context
from core.graphql.loaders import Loaders
from core.graphql.schema import build_schema, schema as default_schema
from core.runtime import Runtime
from core.startup import check_database, database_state


def authenticate_request(runtime: Runtime, authorization: str | None) -> tuple[Actor | None, str | None]:
    """(actor, problem): the caller named by a valid bearer token; anonymous without one."""
    if not authorization:
        return None, None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None, "not a bearer token"
    try:
        actor = decode(token.strip(), secret=runtime.secret_key)
    except InvalidToken as exc:
        return None, f"invalid token: {exc}"
    if runtime.authorizer.is_revoked(actor.token_id):
        return None, "token revoked"
    return actor, None


async def request_context(runtime: Runtime, request, response=None) -> Context:
    """The caller, their language and fresh loaders: for GraphQL and for the HTTP exports alike."""
    # Loaders are built per request: their caches never outlive it.
    context = Context(
        runtime=runtime,
        loaders=Loaders(runtime.db),
        lang=preferred_language(request.headers.get("accept-language")),
        request=request,
        response=response,
    )
    await runtime.authorizer.refresh()
    context.actor, context.token_problem = authenticate_request(runtime, request.headers.get("authorization"))
    return context


class TingwuGraphQL(GraphQL):
    def __init__(self, runtime: Runtime, **kwargs):
        self.runtime = runtime
        super().__init__(**kwargs)

    async def get_context(self, request, response) -> Context:
        return await request_context(self.runtime, request, response)

    async def on_ws_connect(self, context: Context):
        """A websocket client may sign in with ``{"Authorization": "Bearer …"}`` in connection_init
        (browsers cannot set headers on a websocket); without it the connection stays as the handshake left it."""
        params = context.connection_params if isinstance(context.connection_params, dict) else {}
        authorization = params.get("Authorization") or params.get("authorization")
        if authorization:
            context.actor, context.token_problem = authenticate_request(self.runtime, str(authorization))
        return await super().on_ws_connect(context)

    async def process_result(self, request, result):
        """Domain errors speak the caller's language and carry their stable code."""
        data = await super().process_result(request, result)
        if result.errors:
            lang = preferred_language(request.headers.get("accept-language"))
            for error, formatted in zip(result.errors, data.get("errors", [])):
                original = error.original_error
                if isinstance(original, DomainError):
                    formatted["message"] = original.message(lang)
                    formatted.setdefault("extensions", {})["code"] = original.code
        return data


GC_GENERATION0_THRESHOLD = 50_000


def tune_garbage_collector() -> None:
    """Fewer, cheaper collections for a server that builds many short-lived objects per answer.

    A large answer allocates tens of thousands of objects (rows, GraphQL results) that die with the
    request; CPython's default threshold (700) runs the collector dozens of times per request.
    ``gc.freeze()`` moves everything alive after start-up (modules, schema) out of the collector's way.
    Measured with ``bench/run.py`` (50 halls, 1550 objects per answer): about 1.5× the throughput and a
    p95 latency close to the median (see docs/performance.md).
    """
    gc.collect()  # so that start-up garbage is not frozen for good
    gc.freeze()
    gc.set_threshold(GC_GENERATION0_THRESHOLD, 20, 50)


def create_app(runtime: Runtime, *, schema=None, check_on_startup: bool = True) -> Starlette:
    if schema is None:
        # Production serves no introspection; the gateway reads `_service { sdl }` with its credential.
        schema = build_schema(introspection=False) if runtime.settings.is_production else default_schema
    graphql = TingwuGraphQL(
        runtime,
        schema=schema,
        graphql_ide="graphiql" if not runtime.settings.is_production else None,
        allow_queries_via_get=False,
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
    )

    async def healthz(_request: Request) -> JSONResponse:
        return JSONResponse({"status": "alive"})

    async def bulletin_export(request: Request) -> Response:
        """服务质量通报 as CSV or XLSX (core/bulletin/export.py)."""
        fmt = request.path_params["format"]
        if fmt not in EXPORT_FORMATS:
            return JSONResponse({"code": "NOT_FOUND", "message": f"no export format {fmt}"}, status_code=404)
        return await bulletin_response(await request_context(runtime, request), request.query_params, fmt)

    async def cases_export(request: Request) -> Response:
        """办件台账 as CSV; with personal=1 only for the hall office, every value recorded in the read log."""
        return await cases_register_response(await request_context(runtime, request), request.query_params)

    async def readyz(_request: Request) -> JSONResponse:
        ready, explanation = await database_state(runtime)
        return JSONResponse({"status": "ready" if ready else "not ready", "detail": explanation}, status_code=200 if ready else 503)

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        if check_on_startup:
            await check_database(runtime)
        tune_garbage_collector()
        yield
        await runtime.close()

    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),  # subscriptions (graphql-transport-ws)
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/exports/bulletin.{format}", bulletin_export, methods=["GET"]),
            Route("/exports/cases.csv", cases_export, methods=["GET"]),  # 办件台账 (core/pii/export.py)
        ],
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    return app
