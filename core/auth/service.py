"""Auth services: users, tokens, role grants. Each change bumps the policy version."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.auth import passwords, tokens
from core.auth.models import AccessToken, AuthzState, CasbinRule, User
from core.auth.roles import DomainType, Role, domain_type, user_subject
from core.errors import DomainError


async def bump_version(session: AsyncSession) -> None:
    """Tell every worker to reload policies and revoked tokens."""
    state = await session.get(AuthzState, 1)
    if state is None:
        session.add(AuthzState(id=1, version=1, changed_at=tokens.utc_now()))
    else:
        state.version += 1
        state.changed_at = tokens.utc_now()


# --- users ---------------------------------------------------------------------------


async def get_user(session: AsyncSession, *, username: str) -> User | None:
    """One user by username."""
    return (await session.execute(sa.select(User).where(User.username == username))).scalar_one_or_none()


async def create_user(session: AsyncSession, *, username: str, display_name: str, password: str | None = None,
                      staff_id: uuid.UUID | None = None) -> User:
    """Add a user; the username must be free."""
    if await get_user(session, username=username):
        raise DomainError("CONFLICT", {"reason": f"user {username} exists"})
    user = User(username=username, display_name=display_name, staff_id=staff_id,
                password_hash=passwords.hash_password(password) if password else None)
    session.add(user)
    await session.flush()
    return user


async def authenticate(session: AsyncSession, *, username: str, password: str) -> User | None:
    """The active user with this username and password, or None.

    The password is always hashed once, also for an unknown or disabled user, so that the answer's
    timing does not tell whether a username exists.
    """
    user = await get_user(session, username=username)
    matches = passwords.verify_password(password, user.password_hash if user and user.password_hash else passwords.DUMMY_HASH)
    if user is None or not user.active or not user.password_hash or not matches:
        return None
    return user


# --- tokens --------------------------------------------------------------------------


async def issue_token(session: AsyncSession, *, user: User, secret: str, ttl: timedelta,
                      note: str | None = None) -> tuple[str, AccessToken]:
    """Issue a bearer token for the user, recorded so that it can be revoked."""
    issued_at = tokens.utc_now()
    record = AccessToken(user_id=user.id, issued_at=issued_at, expires_at=issued_at + ttl, note=note)
    session.add(record)
    await session.flush()
    token = tokens.encode(secret=secret, user_id=user.id, username=user.username, staff_id=user.staff_id,
                          token_id=record.id, issued_at=issued_at, expires_at=record.expires_at)
    return token, record


async def revoke_token(session: AsyncSession, *, token_id: uuid.UUID) -> bool:
    """Revoke one token; returns False when it does not exist or was already revoked."""
    record = await session.get(AccessToken, token_id)
    if record is None or record.revoked_at is not None:
        return False
    record.revoked_at = tokens.utc_now()
    await bump_version(session)
    return True


async def revoke_user_tokens(session: AsyncSession, *, user_id: uuid.UUID, now: datetime | None = None) -> int:
    """Revoke every live token of a user (e.g. when the user is deactivated)."""
    now = now or tokens.utc_now()
    result = await session.execute(
        sa.update(AccessToken)
        .where(AccessToken.user_id == user_id, AccessToken.revoked_at.is_(None), AccessToken.expires_at > now)
        .values(revoked_at=now)
    )
    await bump_version(session)
    return result.rowcount or 0


# --- role grants ---------------------------------------------------------------------


def check_role_domain(role: Role, domain: str) -> None:
    """A role is granted only in its own kind of domain (a hall role in hall:<id>, …)."""
    kind = domain_type(domain)
    if kind != role.domain_type.value or (role.domain_type != DomainType.PLATFORM and ":" not in domain):
        raise DomainError(
            "VALIDATION_FAILED",
            {"field": "domain", "field_label": "授权范围",
             "reason": f"角色{role.title}只能在 {role.domain_type.value}:<…> 范围内授予",
             "reason_en": f"role {role.value} is granted in {role.domain_type.value} domains only"},
        )


async def grant_role(session: AsyncSession, *, user_id: uuid.UUID, role: Role, domain: str) -> bool:
    """Grant a role in a domain; False when the user already had it."""
    check_role_domain(role, domain)
    existing = await session.execute(
        sa.select(CasbinRule.id).where(CasbinRule.ptype == "g", CasbinRule.v0 == user_subject(user_id),
                                       CasbinRule.v1 == role.subject, CasbinRule.v2 == domain)
    )
    if existing.first():
        return False
    session.add(CasbinRule(ptype="g", v0=user_subject(user_id), v1=role.subject, v2=domain))
    await bump_version(session)
    return True


async def revoke_role(session: AsyncSession, *, user_id: uuid.UUID, role: Role, domain: str) -> bool:
    """Revoke a role in a domain; False when the user did not have it."""
    result = await session.execute(
        sa.delete(CasbinRule).where(CasbinRule.ptype == "g", CasbinRule.v0 == user_subject(user_id),
                                    CasbinRule.v1 == role.subject, CasbinRule.v2 == domain)
    )
    if not result.rowcount:
        return False
    await bump_version(session)
    return True
