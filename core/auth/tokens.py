"""Bearer tokens: signed JWTs (HS256) naming a user, with an id (jti) so they can be revoked."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import jwt

ALGORITHM = "HS256"
ISSUER = "tingwu"
# Development only: production refuses to start without TINGWU_SECRET_KEY.
DEVELOPMENT_SECRET = "tingwu-development-secret-do-not-use-in-production"


@dataclass(frozen=True)
class Actor:
    """Who is calling: the user a valid token names (anonymous callers have no Actor)."""

    user_id: uuid.UUID
    username: str
    token_id: uuid.UUID
    staff_id: uuid.UUID | None = None


class InvalidToken(Exception):
    pass


def encode(*, secret: str, user_id: uuid.UUID, username: str, staff_id: uuid.UUID | None,
           token_id: uuid.UUID, issued_at: datetime, expires_at: datetime) -> str:
    claims = {
        "iss": ISSUER,
        "sub": str(user_id),
        "name": username,
        "jti": str(token_id),
        "iat": int(issued_at.timestamp()),
        "exp": int(expires_at.timestamp()),
    }
    if staff_id:
        claims["staff"] = str(staff_id)
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def decode(token: str, *, secret: str, now: datetime | None = None) -> Actor:
    """Verify signature, issuer and expiry.

    :raises InvalidToken: for anything but a valid, unexpired token of ours.
    """
    try:
        claims = jwt.decode(
            token, secret, algorithms=[ALGORITHM], issuer=ISSUER,
            options={"require": ["exp", "iat", "sub", "jti", "iss"]},
        )
        return Actor(
            user_id=uuid.UUID(claims["sub"]),
            username=str(claims.get("name", "")),
            token_id=uuid.UUID(claims["jti"]),
            staff_id=uuid.UUID(claims["staff"]) if claims.get("staff") else None,
        )
    except (jwt.PyJWTError, ValueError, KeyError) as exc:
        raise InvalidToken(str(exc)) from exc


def parse_ttl(text: str) -> timedelta:
    """'8h', '30m', '7d', '3600s' or plain seconds → timedelta."""
    text = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    try:
        if text and text[-1] in units:
            seconds = float(text[:-1]) * units[text[-1]]
        else:
            seconds = float(text)
    except ValueError:
        raise ValueError(f"TTL must look like 30m, 8h or 7d, got {text!r}") from None
    if seconds <= 0:
        raise ValueError("TTL must be positive")
    return timedelta(seconds=seconds)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)
