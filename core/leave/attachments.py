"""Documents stored with a leave request (R6: nanbu 考勤制度 二(二) 病假凭医院证明; 二(三) 事后需持有效证明补办).

The one service that stores and reads attachment content: size and type are checked here (the type from the
content's own signature, not the name the client gave), and only here is ``LeaveAttachment.content`` touched.
A sick certificate is health information (敏感个人信息, PIPL Art 28): the content is sealed at rest like every
personal-data column (``core.pii.fields.EncryptedBytes``: SM4-GCM by default, the key id stored with the value,
bound to ``leave_attachment.content``), sealed on ``store`` and opened on ``content_of``; listings never read it.
``tingwu keys rotate`` re-seals it under a new key. ``size`` and ``sha256`` describe the clear document.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from pathlib import PurePath

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import DomainError
from core.leave.models import LeaveAttachment, LeaveAttachmentKind, LeaveRequest
from core.policy.leave import DEFAULT_ATTACHMENT_MAX_MB
from core.validation import text

MB = 1024 * 1024
#: 5 MiB: a scanned certificate or a phone photo (the default of ``leave.attachment_max_mb``, which the
#: jurisdiction admin may set; ``default.leave.attachment_size``).
MAX_BYTES = DEFAULT_ATTACHMENT_MAX_MB * MB
#: content type → (leading bytes, file extensions)
ACCEPTED = {
    "application/pdf": (b"%PDF-", (".pdf",)),
    "image/png": (b"\x89PNG\r\n\x1a\n", (".png",)),
    "image/jpeg": (b"\xff\xd8\xff", (".jpg", ".jpeg")),
}


def _invalid(reason: str, reason_en: str, field: str = "content") -> DomainError:
    return DomainError("VALIDATION_FAILED", {"field": field, "field_label": "附件", "reason": reason,
                                             "reason_en": reason_en}, field_name=field)


def too_large(max_bytes: int, field: str = "content") -> DomainError:
    size = f"{max_bytes / MB:g} MB"
    return _invalid(f"文件不能超过 {size}", f"the file exceeds {size}", field)


async def max_bytes_for(session: AsyncSession, jurisdiction: str) -> int:
    """The jurisdiction's attachment limit in bytes (``leave.attachment_max_mb``, else 5 MB)."""
    from core.jurisdictions import settings as jurisdiction_settings
    from core.policy.settings import value

    configured = await jurisdiction_settings.load(session, jurisdiction=jurisdiction)
    return int(value(configured, "leave.attachment_max_mb") * MB)


def sniff(content: bytes) -> str | None:
    """The accepted content type the bytes really are, or None."""
    for content_type, (magic, _) in ACCEPTED.items():
        if content.startswith(magic):
            return content_type
    return None


async def store(session: AsyncSession, *, request: LeaveRequest, kind: LeaveAttachmentKind, filename: str,
                content: bytes, user_id: uuid.UUID | None, max_bytes: int = MAX_BYTES) -> LeaveAttachment:
    """Check and store one document with the request (at most ``max_bytes``: the jurisdiction's setting)."""
    name = text(filename, field="filename", label="文件名", max_length=200, required=True)
    name = PurePath(name.replace("\\", "/")).name  # never a path
    if not content:
        raise _invalid("文件为空", "the file is empty")
    if len(content) > max_bytes:
        raise too_large(max_bytes)
    content_type = sniff(content)
    if content_type is None:
        raise _invalid("仅接受 PDF、JPEG 或 PNG 文件", "only PDF, JPEG or PNG files are accepted")
    if PurePath(name).suffix.lower() not in ACCEPTED[content_type][1]:
        raise _invalid("文件扩展名与文件内容不符", "the file name's extension does not match its content", "filename")
    row = LeaveAttachment(leave_request_id=request.id, kind=kind.value, filename=name, content_type=content_type,
                          size=len(content), sha256=hashlib.sha256(content).hexdigest(), content=content,
                          uploaded_by_user_id=user_id)
    session.add(row)
    await session.flush()
    return row


async def kinds_attached(session: AsyncSession, *, leave_id: uuid.UUID) -> set[str]:
    return set((await session.execute(sa.select(LeaveAttachment.kind).where(
        LeaveAttachment.leave_request_id == leave_id))).scalars())


def metadata_statement(leave_ids: Iterable[uuid.UUID]) -> sa.Select:
    """Attachments of these requests without their content (for listing)."""
    return (sa.select(*(c for c in LeaveAttachment.__table__.c if c.name != "content"))
            .where(LeaveAttachment.leave_request_id.in_(list(leave_ids)))
            .order_by(LeaveAttachment.uploaded_at, LeaveAttachment.id))


async def content_of(session: AsyncSession, *, attachment_id: uuid.UUID) -> tuple[LeaveAttachment, bytes] | None:
    """The attachment and its content in clear (opened with the key it was sealed under, checked against sha256)."""
    row = await session.get(LeaveAttachment, attachment_id)
    if row is None:
        return None
    if hashlib.sha256(row.content).hexdigest() != row.sha256:
        raise ValueError(f"leave attachment {row.id}: its content does not match its sha256")
    return row, row.content
