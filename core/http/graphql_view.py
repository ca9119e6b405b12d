"""GraphQL over HTTP, to the letter (https://graphql.github.io/graphql-over-http/draft/).

A mixin for the strawberry ASGI view (``core.app.TingwuGraphQL``):

- **Media types.** A client that accepts ``application/graphql-response+json`` gets it, with the spec's
  status codes: 400 for a document that does not parse or validate and for variables that do not coerce
  (no ``data`` entry then), 200 once execution started. A client that asks for ``application/json`` (or
  sends no ``Accept``) gets the legacy answer: ``application/json``, 200 for every well-formed request.
- **GET** runs queries (and only queries: a mutation over GET is 405 with ``Allow: POST``). GET is safe
  against CSRF because it never changes anything and POST needs ``Content-Type: application/json``, which a
  cross-site form cannot send without a CORS preflight (and CORS allows configured origins only).
- **Errors** at the top level carry a stable ``extensions.code`` and speak Chinese, or English with
  ``Accept-Language: en``; production hides graphql-core's "Did you mean …" suggestions.
- **Persisted documents** (:mod:`core.http.persisted`): ``documentId`` / ``extensions.persistedQuery`` run a
  registered document; in trusted-documents mode only registered documents run.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

from graphql import GraphQLError
from starlette.responses import Response
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult
from cross_web import HTTPException

from core.errors import DomainError, preferred_language
from core.http.persisted import DocumentRefused

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"

# Top-level error codes (``extensions.code``) and their messages; ``{detail}`` is graphql-core's English text.
REQUEST_ERROR_MESSAGES: dict[str, tuple[str, str]] = {
    "GRAPHQL_PARSE_FAILED": ("GraphQL 语法错误：{detail}", "{detail}"),
    "GRAPHQL_VALIDATION_FAILED": ("GraphQL 查询不符合接口定义：{detail}", "{detail}"),
    "BAD_USER_INPUT": ("变量不符合要求：{detail}", "{detail}"),
    "OPERATION_NOT_FOUND": ("请求中没有可执行的操作：{detail}", "{detail}"),
    "INTERNAL_SERVER_ERROR": ("服务器内部错误。", "Internal server error."),
}
HTTP_ERROR_CODES = {400: "BAD_REQUEST", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 406: "NOT_ACCEPTABLE",
                    413: "REQUEST_TOO_LARGE", 415: "UNSUPPORTED_MEDIA_TYPE", 429: "RATE_LIMITED"}
HTTP_ERROR_MESSAGES = {
    "BAD_REQUEST": "请求格式不正确：{detail}",
    "NOT_FOUND": "未找到：{detail}",
    "METHOD_NOT_ALLOWED": "不允许的请求方法：{detail}",
    "UNSUPPORTED_MEDIA_TYPE": "不支持的内容类型：{detail}",
}
SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


def accepted_media_type(accept: str | None) -> str:
    """The response media type for an ``Accept`` header: graphql-response+json when preferred, else json."""
    if not accept:
        return JSON
    ranked: dict[str, float] = {}
    for part in accept.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        ranked[media.lower()] = max(quality, ranked.get(media.lower(), 0.0))
    graphql_q = ranked.get(GRAPHQL_RESPONSE, 0.0)
    json_q = max(ranked.get(JSON, 0.0), ranked.get("application/*", 0.0), ranked.get("*/*", 0.0))
    return GRAPHQL_RESPONSE if graphql_q > 0 and graphql_q >= json_q else JSON


def classify_request_error(error: GraphQLError) -> str:
    message = error.message
    if message.startswith("Syntax Error"):
        return "GRAPHQL_PARSE_FAILED"
    if message.startswith("Variable "):
        return "BAD_USER_INPUT"
    if message.startswith(("Unknown operation named", "Must provide operation name", "Must provide an operation")):
        return "OPERATION_NOT_FOUND"
    return "GRAPHQL_VALIDATION_FAILED"


class GraphQLOverHTTP:
    """Mixin for ``strawberry.asgi.GraphQL``: media types, status codes, GET, error codes, documents."""

    production: bool = False
    documents = None  # core.http.persisted.PersistedDocuments
    execution_timeout: float = 10.0  # seconds; TINGWU_EXECUTION_TIMEOUT

    # --- the HTTP exchange ------------------------------------------------------------------------

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        from starlette.requests import Request

        request = Request(scope=scope, receive=receive)
        try:
            response = await self.run(request)
        except HTTPException as exc:
            response = self.http_error(request, exc.status_code, exc.reason)
        except DocumentRefused as exc:
            response = self.http_error(request, exc.status_code, exc.detail, code=exc.code, message_zh=exc.message_zh)
        await response(scope, receive, send)

    def http_error(self, request, status: int, detail: str, *, code: str | None = None,
                   message_zh: str | None = None) -> Response:
        """An HTTP-level refusal as a GraphQL error body with a stable code, in the caller's language."""
        if status == 400 and detail == "Unsupported content type":
            status = 415
        if status == 400 and detail.startswith("Unable to parse request body as JSON"):
            detail = "the body is not JSON"
        code = code or HTTP_ERROR_CODES.get(status, "BAD_REQUEST")
        lang = preferred_language(request.headers.get("accept-language"))
        message = detail if lang == "en" else (message_zh or HTTP_ERROR_MESSAGES.get(code, "{detail}").format(detail=detail))
        media = accepted_media_type(request.headers.get("accept"))
        headers = {}
        if status == 405:
            headers["Allow"] = "POST" if request.method == "GET" else "GET, POST"
        return Response(self.encode_json({"errors": [{"message": message, "extensions": {"code": code}}]}),
                        status_code=status, media_type=media, headers=headers)

    async def get_sub_response(self, request):
        sub_response = await super().get_sub_response(request)
        sub_response.tingwu_media_type = accepted_media_type(request.headers.get("accept"))
        sub_response.tingwu_request_error = False
        request.state.graphql_sub_response = sub_response
        return sub_response

    def create_response(self, response_data, sub_response) -> Response:
        response = super().create_response(response_data, sub_response)
        media = getattr(sub_response, "tingwu_media_type", JSON)
        if media == GRAPHQL_RESPONSE:
            response.headers["content-type"] = GRAPHQL_RESPONSE
            if getattr(sub_response, "tingwu_request_error", False) and response.status_code == 200:
                response.status_code = 400
        return response

    async def execute_single(self, request, request_adapter, sub_response, context, root_value, request_data):
        request.state.tingwu_context = context  # for the audit of refused reads (process_result)
        if self.documents is not None:
            request_data.query = self.documents.resolve(request_data, actor=getattr(context, "actor", None))
        unreadable = unreadable_text(request_data.query, request_data.variables)
        if unreadable is not None:
            lang = preferred_language(request.headers.get("accept-language"))
            message = (f"Text may not contain {unreadable}; nothing was changed." if lang == "en"
                       else f"文本中不能包含{UNREADABLE_ZH[unreadable]}，未做任何更改。")
            return ExecutionResult(data=None, errors=[GraphQLError(message, extensions={"code": "BAD_USER_INPUT"})])
        try:
            return await asyncio.wait_for(
                super().execute_single(request, request_adapter, sub_response, context, root_value, request_data),
                timeout=self.execution_timeout)
        except asyncio.TimeoutError:
            from core.observability import count_refusal

            count_refusal("execution_timeout")
            lang = preferred_language(request.headers.get("accept-language"))
            message = (f"The request ran longer than {self.execution_timeout:g} s and was stopped; nothing was changed."
                       if lang == "en" else f"请求执行超过 {self.execution_timeout:g} 秒，已被终止，未做任何更改。")
            return ExecutionResult(data=None, errors=[GraphQLError(message, extensions={"code": "EXECUTION_TIMEOUT"})])
        except HTTPException as exc:
            if request_adapter.method == "GET" and isinstance(exc.__cause__, InvalidOperationTypeError):
                raise HTTPException(405, "GET runs queries only; send mutations with POST") from exc
            raise

    def parse_query_params(self, params) -> dict[str, Any]:
        return with_document_id(super().parse_query_params(params))

    def parse_json(self, data):
        return with_document_id(super().parse_json(data))

    # --- the GraphQL answer -----------------------------------------------------------------------

    async def audit_read_denials(self, request, result) -> None:
        """A refused read (a field answered PERMISSION_DENIED or UNAUTHENTICATED) leaves a sampled audit row."""
        from core.audit.denials import is_denial, record_denial

        context = getattr(request.state, "tingwu_context", None)
        if context is None:
            return
        for error in result.errors or []:
            if error.path and is_denial(error.original_error):
                await record_denial(context, f"read:{error.path[0]}", error.original_error)

    async def process_result(self, request, result):
        data = await super().process_result(request, result)
        if not result.errors:
            return data
        lang = preferred_language(request.headers.get("accept-language"))
        request_error = result.data is None and all(not error.path for error in result.errors)
        for error, formatted in zip(result.errors, data.get("errors", [])):
            extensions = formatted.setdefault("extensions", {})
            if "code" not in extensions:
                if request_error:
                    code = classify_request_error(error)
                elif isinstance(error.original_error, DomainError):
                    code = error.original_error.code
                elif error.original_error is not None and not isinstance(error.original_error, GraphQLError):
                    code = "INTERNAL_SERVER_ERROR"
                elif error.path and "Internal server error" in formatted.get("message", ""):
                    code = "INTERNAL_SERVER_ERROR"  # masked by MaskErrors: an unexpected failure
                else:
                    code = "GRAPHQL_VALIDATION_FAILED" if not error.path else "BAD_USER_INPUT"
                extensions["code"] = code
                template = REQUEST_ERROR_MESSAGES.get(code)
                if template is not None and code != "INTERNAL_SERVER_ERROR":
                    detail = formatted.get("message", "")
                    formatted["message"] = (template[1] if lang == "en" else template[0]).format(detail=detail)
            if self.production:
                formatted["message"] = SUGGESTION.sub("", formatted.get("message", ""))
        await self.audit_read_denials(request, result)
        if request_error:
            sub_response = getattr(request.state, "graphql_sub_response", None)
            if sub_response is not None:
                sub_response.tingwu_request_error = True
                if getattr(sub_response, "tingwu_media_type", JSON) == GRAPHQL_RESPONSE:
                    data.pop("data", None)
        return data


_UNREADABLE = re.compile("[\x00\ud800-\udfff]")
UNREADABLE_ZH = {"a NUL character": "空字符（NUL）", "a lone surrogate": "不成对的代理字符"}


def unreadable_text(query, variables) -> str | None:
    """What no text field can store (NUL, half of a UTF-16 surrogate pair), anywhere in the request."""
    stack = [query, variables]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if value is query and "\\u0000" in value:  # a GraphQL string escape for NUL in the document
                return "a NUL character"
            found = _UNREADABLE.search(value)
            if found:
                return "a NUL character" if found.group() == "\x00" else "a lone surrogate"
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return None


def with_document_id(data):
    """Carry a request's ``documentId`` (which strawberry does not read) in its extensions."""
    if isinstance(data, dict) and isinstance(data.get("documentId"), str):
        extensions = data.get("extensions")
        extensions = dict(extensions) if isinstance(extensions, dict) else {}
        extensions["documentId"] = data["documentId"]
        data = {**data, "extensions": extensions}
    return data
