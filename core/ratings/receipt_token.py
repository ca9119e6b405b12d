"""The signed rating token printed as a QR code on a case's 受理回执 (R1; panyu Art 38, 36-42).

A QR rating is a proven channel only when it carries this token: the case id, the moment
it was signed and an HMAC-SHA256 signature with the deployment secret (``TINGWU_SECRET_KEY``),
via ``itsdangerous`` (the signer Flask and Starlette sessions use). The token is compact
(about 75 URL-safe characters: ``<case id, base64url>.<timestamp>.<signature>``) so it fits
a small QR code on the receipt.

Expiry: the token is valid for ``RECEIPT_TOKEN_MAX_AGE`` (*default* 180 days; no seed fixes
it). That is only a ceiling for a printed receipt: whether a rating is still accepted is
decided by the jurisdiction's rating window (e.g. 7 natural days after service in
Guangdong, panyu Art 35), and a case rated once is never rated again (一次一评).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import uuid
from datetime import timedelta

from itsdangerous import BadData, TimestampSigner

#: *default*: how long a printed receipt's token stays valid (no seed fixes it).
RECEIPT_TOKEN_MAX_AGE = timedelta(days=180)
_SALT = "tingwu.ratings.receipt-token.v1"


def _signer(secret: str) -> TimestampSigner:
    if not secret:
        raise ValueError("a receipt token needs the deployment secret")
    return TimestampSigner(secret, salt=_SALT, digest_method=hashlib.sha256)


def sign_receipt_token(case_id: uuid.UUID, *, secret: str) -> str:
    """The URL-safe signed token for a case's 受理回执 QR code."""
    value = base64.urlsafe_b64encode(case_id.bytes).rstrip(b"=")
    return _signer(secret).sign(value).decode("ascii")


def verify_receipt_token(token: str, *, secret: str, max_age: timedelta = RECEIPT_TOKEN_MAX_AGE) -> uuid.UUID | None:
    """The case id the token was signed for, or None when it is forged, altered, malformed or expired."""
    if not token or not isinstance(token, str) or len(token) > 200:
        return None
    try:
        value = _signer(secret).unsign(token.encode("ascii"), max_age=int(max_age.total_seconds()))
        raw = base64.urlsafe_b64decode(value + b"=" * (-len(value) % 4))
        return uuid.UUID(bytes=raw)
    except (BadData, UnicodeEncodeError, binascii.Error, ValueError):
        return None
