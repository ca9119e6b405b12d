"""Device credentials: what a registered hall device (评价器, 考勤机/人脸识别终端) sends instead of a user token.

A credential is random, shown once at registration; only its SHA-256 is stored. It travels in the header
``X-Device-Token: <credential>`` (or ``Authorization: Device <credential>``), which a browser page can send.
"""

from __future__ import annotations

import hashlib
import secrets

DEVICE_HEADER = "x-device-token"


def new_credential(prefix: str) -> str:
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def credential_hash(credential: str) -> str:
    return hashlib.sha256(credential.encode("utf-8")).hexdigest()


def device_credential(headers) -> str | None:
    """The device credential a request carries: ``X-Device-Token: …`` or ``Authorization: Device …``."""
    if headers is None:
        return None
    value = headers.get(DEVICE_HEADER)
    if value:
        return value.strip() or None
    scheme, _, rest = (headers.get("authorization") or "").partition(" ")
    if scheme.lower() == "device" and rest.strip():
        return rest.strip()
    return None
