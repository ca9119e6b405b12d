"""Case document services: ``issue`` (render once, archive with its hash), ``get``, ``list_for_case``,
``download_token`` / ``verify_download_token`` (the authorized URL), ``verify_integrity``.

A document is issued once per case, kind and notice and never re-rendered: what was handed over is what the
archive keeps (its SHA-256 is recorded and checked on every download).
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime

import sqlalchemy as sa
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy.ext.asyncio import AsyncSession

from core.cases.models import Case, CaseCategory, CaseStatus, CorrectionNotice
from core.documents import render
from core.documents.models import CaseDocument
from core.errors import DomainError
from core.halls.models import Hall
from core.items.models import ServiceItem
from core.policy.documents import DocumentKind
from core.policy.service import JurisdictionPolicy
from core.ratings.receipt_token import sign_receipt_token
from core.staff.models import Staff
from core.timezones import to_local
from core.windows.models import Window

#: Which notice purpose each notice document renders.
NOTICE_KINDS = {DocumentKind.CORRECTION: "correction", DocumentKind.SUPPLEMENT: "supplement",
                DocumentKind.TOLERANCE: "tolerance"}
DOWNLOAD_MAX_AGE = 600  # seconds an authorized download link stays valid
_SALT = "tingwu.documents.download.v1"


def _not_applicable(case: Case, kind: DocumentKind, reason: str, reason_en: str) -> DomainError:
    return DomainError("DOCUMENT_NOT_APPLICABLE", {"serial_number": case.serial_number, "title": kind.label,
                                                   "kind": kind.value, "reason": reason, "reason_en": reason_en})


async def _notice(session: AsyncSession, case: Case, kind: DocumentKind,
                  notice_id: uuid.UUID | None) -> CorrectionNotice | None:
    if kind not in NOTICE_KINDS:
        return None
    stmt = sa.select(CorrectionNotice).where(CorrectionNotice.case_id == case.id,
                                             CorrectionNotice.purpose == NOTICE_KINDS[kind])
    if notice_id is not None:
        stmt = stmt.where(CorrectionNotice.id == notice_id)
    notice = (await session.execute(stmt.order_by(CorrectionNotice.sequence.desc()).limit(1))).scalar_one_or_none()
    if notice is None:
        raise _not_applicable(case, kind, "该办件没有相应的告知记录", "the case has no such notice")
    return notice


def _check_applies(case: Case, kind: DocumentKind) -> None:
    if kind == DocumentKind.PROMISE and case.category not in (CaseCategory.PROMISED, CaseCategory.JOINT):
        raise _not_applicable(case, kind, "仅承诺件、联办件出具", "only for promised and joint cases")
    if kind == DocumentKind.RETURN and case.status != CaseStatus.RETURNED:
        raise _not_applicable(case, kind, "办件未退回", "the case was not returned")


def _date(value) -> str:
    return f"{value:%Y年%m月%d日}" if value else "—"


async def _facts(session: AsyncSession, *, case: Case, hall: Hall, kind: DocumentKind,
                 notice: CorrectionNotice | None, secret: str, at: datetime) -> render.DocumentFacts:
    item = await session.get(ServiceItem, case.item_id)
    window = await session.get(Window, case.window_id) if case.window_id else None
    staff = await session.get(Staff, case.staff_id) if case.staff_id else None
    rows = [("申请人", case.applicant_name), ("申请事项", f"{item.name}（{item.code}）"),
            ("办件类别", CaseCategory(case.category).label),
            ("受理时间", f"{to_local(case.accepted_at):%Y-%m-%d %H:%M}"),
            ("受理窗口", f"{window.number} {window.name}" if window else "网上受理"),
            ("经办人工号", staff.staff_number if staff else "—")]
    list_title, items, qr = None, (), None
    if kind in (DocumentKind.RECEIPT, DocumentKind.PROMISE):
        rows.append(("承诺办结时限", f"{case.promised_limit_days} 个工作日" if case.promised_limit_days is not None
                     else "—"))
        rows.append(("办结期限", _date(case.deadline_on)))
    if kind == DocumentKind.RECEIPT:
        qr = sign_receipt_token(case.id, secret=secret)
    if notice is not None:
        list_title = {DocumentKind.TOLERANCE: "容缺材料（须于期限前补交）"}.get(kind, "需补正的全部材料（一次性告知）")
        items = tuple(str(m) for m in notice.materials)
        rows.append(("告知日期", _date(notice.issued_on)))
        rows.append(("补交期限" if kind == DocumentKind.TOLERANCE else "补正期限", _date(notice.due_on)))
    if kind == DocumentKind.RETURN:
        rows.append(("退件理由", case.closing_reason or "—"))
        rows.append(("退件日期", _date(case.completed_on)))
    return render.DocumentFacts(issuer=hall.name, serial_number=case.serial_number, rows=tuple(rows),
                                list_title=list_title, items=items, qr_payload=qr, issued_at=to_local(at))


async def issue(session: AsyncSession, *, policy: JurisdictionPolicy, case: Case, hall: Hall, kind: DocumentKind,
                notice_id: uuid.UUID | None, secret: str, user_id: uuid.UUID | None,
                at: datetime) -> tuple[CaseDocument, bool]:
    """The document of this kind for the case (and notice), rendered and archived on first issue; (doc, created)."""
    _check_applies(case, kind)
    notice = await _notice(session, case, kind, notice_id)
    ref = str(notice.id) if notice is not None else ""
    existing = (await session.execute(sa.select(CaseDocument).where(
        CaseDocument.case_id == case.id, CaseDocument.kind == kind.value, CaseDocument.ref == ref))).scalar_one_or_none()
    if existing is not None:
        return existing, False
    layout = policy.document_layout(kind)
    content = render.render(layout, await _facts(session, case=case, hall=hall, kind=kind, notice=notice,
                                                 secret=secret, at=at))
    document = CaseDocument(case_id=case.id, hall_id=hall.id, kind=kind.value, ref=ref, title=layout.title,
                            sha256=hashlib.sha256(content).hexdigest(), size=len(content), content=content,
                            rule_ids=[r.id for r in layout.rules], issued_by_user_id=user_id, issued_at=at)
    session.add(document)
    await session.flush()
    return document, True


def list_statement(*, case_id: uuid.UUID) -> sa.Select:
    """A case's documents without their content, in issue order."""
    columns = [c for c in CaseDocument.__table__.c if c.name != "content"]
    return sa.select(*columns).where(CaseDocument.case_id == case_id).order_by(CaseDocument.issued_at, CaseDocument.kind)


def verify_integrity(document: CaseDocument) -> bool:
    """The archived bytes are the ones whose hash was recorded."""
    return hashlib.sha256(document.content).hexdigest() == document.sha256


def download_token(document_id: uuid.UUID, *, secret: str) -> str:
    """A signed, short-lived token naming one document (for a link a browser or printer can open)."""
    return URLSafeTimedSerializer(secret, salt=_SALT).dumps(str(document_id))


def verify_download_token(token: str, *, secret: str, max_age: int = DOWNLOAD_MAX_AGE) -> uuid.UUID | None:
    try:
        return uuid.UUID(URLSafeTimedSerializer(secret, salt=_SALT).loads(token, max_age=max_age))
    except (BadData, ValueError, TypeError):
        return None
