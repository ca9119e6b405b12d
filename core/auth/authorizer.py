"""The authorization layer: casbin RBAC with domains over policies stored in the database.

Permission classes and services ask :class:`Authorizer`; nothing else calls
the enforcer. A policy or token change bumps ``authz_state.version`` in the
same transaction; every worker process compares its loaded version with the
database's at most once per :data:`RELOAD_INTERVAL` seconds and reloads when it
moved, so a change reaches all workers within that interval (see
``docs/authorization.md``).
"""

from __future__ import annotations

import asyncio
import csv
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import casbin
import sqlalchemy as sa
from casbin_async_sqlalchemy_adapter import Adapter

from core.auth.models import AccessToken, AuthzState, CasbinRule, User
from core.auth.roles import PLATFORM_DOMAIN, Role, Side, domain_type, user_subject
from core.db import Database

MODEL_PATH = Path(__file__).with_name("model.conf")
SEED_POLICY_PATH = Path(__file__).with_name("seed_policy.csv")
RELOAD_INTERVAL = 1.0
# How long a worker trusts what it learnt about a token (its record, its user's state) without asking again.
# Any change to users, tokens or grants moves the policy version and empties the cache at once (within
# RELOAD_INTERVAL); the TTL bounds what a change that somehow missed the version could keep alive.
IDENTITY_TTL = 30.0
IDENTITY_CACHE_SIZE = 10_000


def seed_policy() -> list[tuple[str, str, str, str]]:
    """The p-lines of ``seed_policy.csv``: (role subject, domain type, object, action)."""
    rows = []
    with SEED_POLICY_PATH.open(encoding="utf-8") as handle:
        for line in csv.reader(handle, skipinitialspace=True):
            if line and not line[0].startswith("#") and line[0] == "p":
                rows.append(tuple(value.strip() for value in line[1:5]))
    return rows


@dataclass(frozen=True)
class Scope:
    """Where an object lives: the domains in which a role could allow an action on it, nearest first.

    A hall's object: the hall, its jurisdiction, its province (integrators read there)
    and the platform. A department's decision: the department, then the platform.
    """

    domains: tuple[str, ...]

    @classmethod
    def hall(cls, hall_id: uuid.UUID, jurisdiction_code: str, province_code: str | None) -> "Scope":
        domains = [f"hall:{hall_id}", f"jurisdiction:{jurisdiction_code}"]
        if province_code:
            domains.append(f"province:{province_code}")
        return cls(tuple(domains) + (PLATFORM_DOMAIN,))

    @classmethod
    def department(cls, department_id: uuid.UUID, jurisdiction_code: str | None = None,
                   province_code: str | None = None) -> "Scope":
        domains = [f"dept:{department_id}"]
        if province_code:
            domains.append(f"province:{province_code}")
        return cls(tuple(domains) + (PLATFORM_DOMAIN,))

    @classmethod
    def jurisdiction(cls, code: str, province_code: str | None = None) -> "Scope":
        domains = [f"jurisdiction:{code}"]
        if province_code:
            domains.append(f"province:{province_code}")
        return cls(tuple(domains) + (PLATFORM_DOMAIN,))

    @classmethod
    def platform(cls) -> "Scope":
        return cls((PLATFORM_DOMAIN,))


class Authorizer:
    """Answers "may this user do this there?" from the casbin policy in the database."""

    def __init__(self, db: Database):
        self.db = db
        self.enforcer = casbin.AsyncEnforcer(str(MODEL_PATH), Adapter(db.engine, db_class=CasbinRule))
        self.enforcer.add_function("domainType", domain_type)
        self.enforcer.enable_auto_save(False)  # policy rows are written by the auth service, in its transaction
        self._version: int | None = None
        # token id → (why it is not accepted, or None; monotonic time until which this is trusted)
        self._identities: dict[uuid.UUID, tuple[str | None, float]] = {}
        self._checked_at = 0.0
        self._lock = asyncio.Lock()
        self._sides = self._sides_by_permission()

    # --- loading -------------------------------------------------------------------

    async def refresh(self, *, force: bool = False) -> None:
        """Reload policies and forget known tokens when the stored version moved (checked at most every second)."""
        now = time.monotonic()
        if not force and self._version is not None and now - self._checked_at < RELOAD_INTERVAL:
            return
        async with self._lock:
            if not force and self._version is not None and time.monotonic() - self._checked_at < RELOAD_INTERVAL:
                return
            async with self.db.session() as session:
                version = (await session.execute(sa.select(AuthzState.version).where(AuthzState.id == 1))).scalar()
                version = version or 0
                if force or version != self._version:
                    await self.enforcer.load_policy()
                    self._identities = {}
                    self._version = version
            self._checked_at = time.monotonic()

    async def identity_problem(self, actor) -> str | None:
        """Why the token naming ``actor`` is not accepted, or None when it is.

        A token counts only while its record exists, is neither revoked nor expired, and names a user
        who exists and is active: deleting the record or the user ends it (never revives it). What was
        learnt is cached per worker for :data:`IDENTITY_TTL` seconds and forgotten when the version moves.
        """
        now = time.monotonic()
        cached = self._identities.get(actor.token_id)
        if cached is not None and cached[1] > now:
            return cached[0]
        async with self.db.session() as session:
            row = (await session.execute(
                sa.select(AccessToken.user_id, AccessToken.revoked_at, AccessToken.expires_at, User.active)
                .join(User, User.id == AccessToken.user_id)
                .where(AccessToken.id == actor.token_id)
            )).first()
        if row is None:
            problem = "token unknown"
        elif row.user_id != actor.user_id:
            problem = "token names another user"
        elif row.revoked_at is not None:
            problem = "token revoked"
        elif not row.active:
            problem = "user disabled"
        else:
            problem = None
        if len(self._identities) >= IDENTITY_CACHE_SIZE:
            self._identities = {}
        self._identities[actor.token_id] = (problem, now + IDENTITY_TTL)
        return problem

    # --- questions -----------------------------------------------------------------

    def allowed_domain(self, user_id: uuid.UUID | None, obj: str, act: str, scope: Scope) -> str | None:
        """The first domain of ``scope`` in which the user may ``act`` on ``obj``; None when none."""
        if user_id is None:
            return None
        subject = user_subject(user_id)
        for domain in scope.domains:
            if self.enforcer.enforce(subject, domain, obj, act):
                return domain
        return None

    def can(self, user_id: uuid.UUID | None, obj: str, act: str, scope: Scope) -> bool:
        return self.allowed_domain(user_id, obj, act, scope) is not None

    def domains_allowing(self, user_id: uuid.UUID | None, obj: str, act: str) -> list[str]:
        """Every domain the user holds a grant in that allows ``act`` on ``obj`` (for list filters)."""
        if user_id is None:
            return []
        subject = user_subject(user_id)
        domains = dict.fromkeys(domain for _role, domain in self.grants(user_id))
        return [domain for domain in domains if self.enforcer.enforce(subject, domain, obj, act)]

    def roles_in(self, user_id: uuid.UUID, domain: str) -> list[str]:
        return [role for role, granted_in in self.grants(user_id) if granted_in == domain]

    def grants(self, user_id: uuid.UUID) -> list[tuple[str, str]]:
        """(role, domain) pairs granted to the user."""
        rows = self.enforcer.get_filtered_grouping_policy(0, user_subject(user_id))
        return [(row[1].removeprefix("role:"), row[2]) for row in rows]

    def deciding_side(self, obj: str, act: str, scope: Scope | None = None) -> Side:
        """Which side decides this action here (for the PermissionDenied message), from the seed policy.

        Only roles granted in the scope's kinds of domain count: the national calendar,
        whose scope is the platform alone, is the platform's to decide.
        """
        kinds = {domain_type(d) for d in scope.domains} if scope else None
        sides = {side for side, kind in self._sides.get((obj, act), set()) if kinds is None or kind in kinds}
        for side in (Side.HALL, Side.DEPARTMENT, Side.PROVINCE):
            if side in sides:
                return side
        return Side.PLATFORM

    @staticmethod
    def _sides_by_permission() -> dict[tuple[str, str], set[tuple[Side, str]]]:
        result: dict[tuple[str, str], set[tuple[Side, str]]] = {}
        for subject, kind, obj, act in seed_policy():
            role = Role(subject.removeprefix("role:"))
            result.setdefault((obj, act), set()).add((role.side, kind))
        return result
