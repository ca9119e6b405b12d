"""ASGI middleware in front of every route: request id, request body limit, CORS.

Pure ASGI (no ``BaseHTTPMiddleware``) so that websockets and streaming pass through untouched.
"""

from __future__ import annotations

import json
import re
import uuid
from contextvars import ContextVar

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "x-request-id"
_REQUEST_ID_SHAPE = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")
# The id of the request being served, for log lines and error answers.
request_id_var: ContextVar[str | None] = ContextVar("tingwu_request_id", default=None)

DEFAULT_BODY_LIMIT = 1024 * 1024  # 1 MB
# Signed-in staff upload files (catalogue and staff imports, leave certificates): a larger limit, given only
# to a request whose bearer token is signed by us and unexpired (checked without the database).
DEFAULT_UPLOAD_LIMIT = 24 * 1024 * 1024


def accepted_request_id(value: str | None) -> str:
    """The client's ``X-Request-ID`` when it is a sane token, else a fresh one."""
    if value and _REQUEST_ID_SHAPE.match(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Every request has an id: taken from ``X-Request-ID`` or generated; returned in the response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        raw = headers.get(REQUEST_ID_HEADER.encode())
        request_id = accepted_request_id(raw.decode("latin-1") if raw else None)
        scope.setdefault("state", {})["request_id"] = request_id
        token = request_id_var.set(request_id)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (REQUEST_ID_HEADER.encode(), request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id_var.reset(token)


class BodyLimitMiddleware:
    """Refuse a request body over ``limit`` bytes with 413, before any of it is parsed.

    A declared ``Content-Length`` over the limit is refused without reading; a chunked body is read up to
    the limit and refused as soon as it passes it. The body is then handed to the application as read.
    """

    def __init__(self, app: ASGIApp, *, limit: int = DEFAULT_BODY_LIMIT, upload_limit: int = DEFAULT_UPLOAD_LIMIT,
                 secret: str | None = None):
        self.app = app
        self.anonymous_limit = limit
        self.upload_limit = max(upload_limit, limit)
        self.secret = secret

    def limit_for(self, headers: dict) -> int:
        """The upload limit for a validly signed bearer token, the body limit for everyone else."""
        authorization = (headers.get(b"authorization") or b"").decode("latin-1")
        scheme, _, token = authorization.partition(" ")
        if self.secret and scheme.lower() == "bearer" and token:
            from core.auth.tokens import InvalidToken, decode

            try:
                decode(token.strip(), secret=self.secret)
                return self.upload_limit
            except InvalidToken:
                pass
        return self.anonymous_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        limit = self.limit_for(headers)
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                if int(declared) > limit:
                    await self._refuse(send, headers, limit)
                    return
            except ValueError:
                await _plain(send, headers, 400, "BAD_REQUEST", "Content-Length 无效。", "Invalid Content-Length.")
                return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > limit:
                await self._refuse(send, headers, limit)
                return
            chunks.append(body)
            more = message.get("more_body", False)
        whole = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": whole, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send, headers: dict, limit: int) -> None:
        from core import observability

        observability.count_refusal("body_limit")
        await _plain(send, headers, 413, "REQUEST_TOO_LARGE", f"请求体超过 {limit} 字节的上限。",
                     f"The request body is over the limit of {limit} bytes.")


async def _plain(send: Send, headers: dict, status: int, code: str, zh: str, en: str) -> None:
    """A GraphQL-shaped error answer written directly (no application code ran), in the caller's language."""
    from core.errors import preferred_language
    from core.http.graphql_view import accepted_media_type

    lang = preferred_language((headers.get(b"accept-language") or b"").decode("latin-1"))
    media = accepted_media_type((headers.get(b"accept") or b"").decode("latin-1"))
    body = json.dumps({"errors": [{"message": en if lang == "en" else zh, "extensions": {"code": code}}]},
                      ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", f"{media}; charset=utf-8".encode()),
                            (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def middleware_for(settings) -> list:
    """The middleware stack, outermost first: request id, CORS (configured origins only), body limit."""
    from starlette.middleware import Middleware

    stack = [Middleware(RequestIdMiddleware)]
    origins = settings_cors_origins(settings)
    if origins:
        stack.append(Middleware(
            CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "Accept", "Accept-Language", "X-Request-ID",
                           "Idempotency-Key", "X-Tingwu-Device", "X-Device-Token"],
            expose_headers=["X-Request-ID", "Retry-After"], max_age=600,
        ))
    stack.append(Middleware(BodyLimitMiddleware, limit=settings_body_limit(settings),
                            upload_limit=int(getattr(settings, "upload_limit", None) or DEFAULT_UPLOAD_LIMIT),
                            secret=getattr(settings, "secret_key", None)))
    return stack


def settings_body_limit(settings) -> int:
    return int(getattr(settings, "body_limit", None) or DEFAULT_BODY_LIMIT)


def settings_cors_origins(settings) -> list[str]:
    return list(getattr(settings, "cors_origins", ()) or ())
