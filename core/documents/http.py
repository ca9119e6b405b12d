"""GET /documents/<id>.pdf: an archived case document, for whoever may read its case.

Authorized by either the signed link from ``CaseDocument.downloadUrl`` (``?t=…``, 10 minutes, for a browser or a
printer) or a bearer token whose holder may read the case. Anyone else gets 404, as if it did not exist. The bytes
are checked against the recorded SHA-256 before they are sent.
"""

from __future__ import annotations

import uuid

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from core.cases.access import case_visible
from core.cases.models import Case
from core.documents import service as document_service
from core.documents.models import CaseDocument


class _Info:
    def __init__(self, context):
        self.context = context


def _not_found() -> JSONResponse:
    return JSONResponse({"code": "NOT_FOUND", "message": "未找到文书 / Document not found"}, status_code=404)


async def document_response(ctx, request: Request) -> Response:
    try:
        document_id = uuid.UUID(request.path_params["document_id"])
    except ValueError:
        return _not_found()
    token = request.query_params.get("t")
    signed = token is not None and document_service.verify_download_token(
        token, secret=ctx.runtime.secret_key) == document_id
    async with ctx.db.session() as session:
        document = await session.get(CaseDocument, document_id)
        case = await session.get(Case, document.case_id) if document else None
    if document is None or case is None:
        return _not_found()
    if not signed and not await case_visible(_Info(ctx), case):
        return _not_found()
    if not document_service.verify_integrity(document):
        return JSONResponse({"code": "DOCUMENT_CORRUPT", "message": "文书存档校验失败 / Archived document fails its hash"},
                            status_code=500)
    filename = f"{case.serial_number}-{document.kind}.pdf"
    return Response(document.content, media_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{filename}"', "Cache-Control": "private, no-store",
        "X-Content-SHA256": document.sha256})
