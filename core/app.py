"""The ASGI application: GraphQL at /graphql, /healthz and /readyz, the hall pages at /hall/."""

from __future__ import annotations

import contextlib
import os
import gc

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from core.documents.http import document_response
from core.bulletin.export import FORMATS as EXPORT_FORMATS, bulletin_response
from core.province.export import area_response
from core.pii.export import cases_register_response
from core.errors import DomainError, preferred_language
from core.auth.tokens import Actor, InvalidToken, decode
from core.graphql.context import Context
from core.graphql.loaders import Loaders
from core.graphql.schema import build_schema, schema as default_schema
from core import observability
from core.http.graphql_view import GraphQLOverHTTP
from core.http.middleware import middleware_for
from core.http.persisted import PersistedDocuments
from core.runtime import Runtime
from core.startup import check_database, database_state
from core.web.hall_pages import hall_pages


async def authenticate_request(runtime: Runtime, authorization: str | None) -> tuple[Actor | None, str | None]:
    """(actor, problem): the caller named by a valid bearer token; anonymous without one.

    Valid means signed by us and unexpired, with its record not revoked and its user existing and active
    (``Authorizer.identity_problem``, cached per worker and forgotten when the policy version moves).
    """
    if not authorization:
        return None, None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "device":
        return None, None  # a rating device's credential (core.ratings.devices), not a user
    if scheme.lower() != "bearer" or not token:
        return None, "not a bearer token"
    try:
        actor = decode(token.strip(), secret=runtime.secret_key)
    except InvalidToken as exc:
        return None, f"invalid token: {exc}"
    problem = await runtime.authorizer.identity_problem(actor)
    if problem is not None:
        return None, problem
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
    context.actor, context.token_problem = await authenticate_request(runtime, request.headers.get("authorization"))
    return context


class TingwuGraphQL(GraphQLOverHTTP, GraphQL):
    def __init__(self, runtime: Runtime, *, compiled_reads: bool = True, **kwargs):
        self.runtime = runtime
        self.compiled_reads = compiled_reads
        self.production = runtime.settings.is_production
        self.execution_timeout = float(runtime.settings.extra.get("execution_timeout")
                                       or os.environ.get("TINGWU_EXECUTION_TIMEOUT") or self.execution_timeout)
        self.documents = PersistedDocuments.from_file(runtime.settings.persisted_documents,
                                                      mode=runtime.settings.trusted_documents)
        super().__init__(**kwargs)

    async def get_context(self, request, response) -> Context:
        context = await request_context(self.runtime, request, response)
        context.compiled_reads = self.compiled_reads
        return context

    def encode_json(self, data: object) -> str:
        """orjson: compiled reads put the database's JSON in as ``orjson.Fragment`` (core/graphql/compiler).

        Text, not bytes: websocket messages are sent as text frames."""
        return orjson.dumps(data, default=str).decode()

    async def on_ws_connect(self, context: Context):
        """A websocket client may sign in with ``{"Authorization": "Bearer …"}`` in connection_init
        (browsers cannot set headers on a websocket); without it the connection stays as the handshake left it."""
        params = context.connection_params if isinstance(context.connection_params, dict) else {}
        authorization = params.get("Authorization") or params.get("authorization")
        if authorization:
            await self.runtime.authorizer.refresh()
            context.actor, context.token_problem = await authenticate_request(self.runtime, str(authorization))
        return await super().on_ws_connect(context)

    async def parse_http_body(self, request):
        """A multipart upload (importFile) needs a bearer token (no cookie can forge it: no CSRF) and a bounded size."""
        from cross_web import HTTPException

        from core.imports.reading import MAX_FILE_BYTES

        if (request.content_type or "").startswith("multipart/form-data"):
            if not (request.headers.get("authorization") or "").lower().startswith("bearer "):
                raise HTTPException(401, "File uploads need a bearer token")
            if int(request.headers.get("content-length") or 0) > MAX_FILE_BYTES + 64 * 1024:
                raise HTTPException(413, "The upload is too large")
        return await super().parse_http_body(request)

    async def render_graphql_ide(self, request):
        """GraphiQL with every asset served by Tingwu itself (core/web): it works on a LAN without internet."""
        from starlette.responses import HTMLResponse

        from core.web.pages import graphiql_html

        return HTMLResponse(graphiql_html())

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


def web_routes(runtime: Runtime) -> list:
    """`/`: a small Chinese page saying what this server is; `/static/`: GraphiQL's vendored assets (core/web)."""
    from starlette.routing import Mount

    from core.web.pages import home, static_files

    async def home_page(request: Request):
        return await home(request, runtime=runtime)

    return [Route("/", home_page, methods=["GET"]), Mount("/static", app=static_files(), name="static")]


def create_app(runtime: Runtime, *, schema=None, check_on_startup: bool = True, compiled_reads: bool | None = None) -> Starlette:
    """``compiled_reads``: answer compilable reads with one SQL statement (default: the setting)."""
    observability.install()
    if schema is None:
        # Production serves no introspection; the gateway reads `_service { sdl }` with its credential.
        schema = build_schema(introspection=False) if runtime.settings.is_production else default_schema
    graphql = TingwuGraphQL(
        runtime,
        compiled_reads=runtime.settings.compiled_reads if compiled_reads is None else compiled_reads,
        schema=schema,
        graphql_ide="graphiql" if not runtime.settings.is_production else None,
        allow_queries_via_get=True,  # queries only; a mutation over GET is 405 (core/http/graphql_view.py)
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        multipart_uploads_enabled=True,  # importFile; guarded in TingwuGraphQL.parse_http_body
    )

    async def healthz(_request: Request) -> JSONResponse:
        return JSONResponse({"status": "alive"})

    async def bulletin_export(request: Request) -> Response:
        """服务质量通报 as CSV or XLSX (core/bulletin/export.py)."""
        fmt = request.path_params["format"]
        if fmt not in EXPORT_FORMATS:
            return JSONResponse({"code": "NOT_FOUND", "message": f"no export format {fmt}"}, status_code=404)
        return await bulletin_response(await request_context(runtime, request), request.query_params, fmt)

    async def metrics(_request: Request) -> Response:
        """Prometheus metrics (docs/operations.md), every worker's in multiprocess mode."""
        await observability.sample_gauges(runtime)
        payload, content_type = observability.metrics_payload()
        return Response(payload, media_type=content_type)
    async def document(request: Request) -> Response:
        """办件文书 PDF (core/documents/http.py)."""
        return await document_response(await request_context(runtime, request), request)

    async def area_export(request: Request) -> Response:
        """The provincial bulletin or ranking as CSV or XLSX (core/province/export.py)."""
        fmt = request.path_params["format"]
        if fmt not in EXPORT_FORMATS:
            return JSONResponse({"code": "NOT_FOUND", "message": f"no export format {fmt}"}, status_code=404)
        return await area_response(await request_context(runtime, request), request.query_params, fmt,
                                   ranking=request.url.path.startswith("/exports/ranking"))
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
            Route("/metrics", metrics, methods=["GET"]),
            Route("/exports/bulletin.{format}", bulletin_export, methods=["GET"]),
            *web_routes(runtime),
            Route("/documents/{document_id}.pdf", document, methods=["GET"]),
            Route("/exports/area-bulletin.{format}", area_export, methods=["GET"]),
            Route("/exports/ranking.{format}", area_export, methods=["GET"]),
            *hall_pages(),  # the hall faces (web/): calling screen, kiosk, window client, rating pad, dashboard
            Route("/exports/cases.csv", cases_export, methods=["GET"]),  # 办件台账 (core/pii/export.py)
        ],
        lifespan=lifespan,
        middleware=middleware_for(runtime.settings),
    )
    app.state.runtime = runtime
    return app
