"""Rating devices (评价器, 自助终端) and the proof of a rating's channel (R1; panyu Art 36-42).

A channel is proven, not declared:

- ``DEVICE``: a registered 评价器 bound to the case's window, sending its credential;
- ``TERMINAL``: a registered 自助终端 of the case's hall, sending its credential;
- ``QR_CODE``: the signed token printed on the case's 受理回执 (:mod:`core.ratings.receipt_token`);
- ``ONLINE`` / ``SMS`` / ``HOTLINE``: an authenticated integration account (role
  ``rating_integration``) of the hall's jurisdiction.

The device credential travels in the ``X-Device-Token`` header (or ``Authorization: Device <credential>``),
which a browser page can send.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.auth.device_credentials import credential_hash, device_credential, new_credential  # noqa: F401
from core.errors import ConflictError, DomainError
from core.ratings.models import RatingChannel, RatingDevice, RatingDeviceKind
from core.ratings.receipt_token import verify_receipt_token
from core.validation import text



async def register(session: AsyncSession, *, hall_id: uuid.UUID, window_id: uuid.UUID | None, kind: RatingDeviceKind,
                   name: str, user_id: uuid.UUID | None, now: datetime) -> tuple[RatingDevice, str]:
    """Register a device; returns it and its credential (shown this once, only its hash is kept)."""
    if kind is RatingDeviceKind.DEVICE and window_id is None:
        raise DomainError("RATING_DEVICE_NEEDS_WINDOW", field_name="windowId")
    credential = new_credential("rd")
    device = RatingDevice(hall_id=hall_id, window_id=window_id if kind is RatingDeviceKind.DEVICE else None,
                          kind=kind.value, name=text(name, field="name", label="设备名称", max_length=100, required=True),
                          credential_hash=credential_hash(credential), registered_by_user_id=user_id, registered_at=now)
    session.add(device)
    await session.flush()
    return device, credential


async def revoke(session: AsyncSession, *, device: RatingDevice, now: datetime) -> RatingDevice:
    """Revoke a device: its credential rates nothing from now on."""
    if device.revoked_at is not None:
        raise ConflictError("RATING_DEVICE_REVOKED", {"name": device.name})
    device.revoked_at = now
    session.add(device)
    await session.flush()
    return device


async def by_credential(session: AsyncSession, *, credential: str) -> RatingDevice | None:
    """The active device holding this credential."""
    return (await session.execute(sa.select(RatingDevice).where(
        RatingDevice.credential_hash == credential_hash(credential), RatingDevice.revoked_at.is_(None)))).scalar_one_or_none()


def list_statement(*, hall_id: uuid.UUID, include_revoked: bool = False):
    stmt = sa.select(RatingDevice).where(RatingDevice.hall_id == hall_id)
    if not include_revoked:
        stmt = stmt.where(RatingDevice.revoked_at.is_(None))
    return stmt


# --- the proof of a channel -----------------------------------------------------------------

INTEGRATION_CHANNELS = (RatingChannel.ONLINE, RatingChannel.SMS, RatingChannel.HOTLINE)


@dataclass(frozen=True)
class ChannelProof:
    """What the request brought to prove its channel."""

    device_credential: str | None = None
    receipt_token: str | None = None
    integration_user_id: uuid.UUID | None = None  # set when the caller holds rating/submit for the hall


@dataclass(frozen=True)
class ProvenChannel:
    device_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None


async def prove(session: AsyncSession, *, channel: RatingChannel, proof: ChannelProof, case, secret: str) -> ProvenChannel:
    """The proof that ``channel`` is real for this case; ``RATING_CHANNEL_UNPROVEN`` otherwise (R1)."""
    def unproven(reason: str, reason_en: str):
        return DomainError("RATING_CHANNEL_UNPROVEN", {"channel": channel.value, "channel_label": channel.label,
                                                       "reason": reason, "reason_en": reason_en}, field_name="channel")

    if channel in (RatingChannel.DEVICE, RatingChannel.TERMINAL):
        if not proof.device_credential:
            raise unproven("缺少评价设备凭据", "no device credential was sent")
        device = await by_credential(session, credential=proof.device_credential)
        if device is None:
            raise unproven("评价设备未登记或已停用", "the device is not registered or was revoked")
        if device.kind != channel.value:
            raise unproven("设备类型与评价渠道不符", "the device's kind is not this channel")
        if device.hall_id != case.hall_id or (channel is RatingChannel.DEVICE and device.window_id != case.window_id):
            raise unproven("该设备不属于办理此件的窗口", "the device is not bound to the window that handled the case")
        return ProvenChannel(device_id=device.id)
    if channel is RatingChannel.QR_CODE:
        if not proof.receipt_token or verify_receipt_token(proof.receipt_token, secret=secret) != case.id:
            raise unproven("回执二维码无效或不属于此办件", "the receipt token is missing, invalid or not this case's")
        return ProvenChannel()
    if channel in INTEGRATION_CHANNELS:
        if proof.integration_user_id is None:
            raise unproven("须经认证的对接系统提交", "only an authenticated integration may submit on this channel")
        return ProvenChannel(user_id=proof.integration_user_id)
    raise DomainError("RATING_CHANNEL_RESERVED", field_name="channel")
