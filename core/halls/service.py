"""Hall services: keyword-only functions with plain verbs."""

from __future__ import annotations

import uuid
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import DomainError
from core.halls.models import Hall
from core.jurisdictions.models import Jurisdiction
from core.plugins.info import JurisdictionInfo
from core.policy.service import JurisdictionPolicy
from core.policy.types import NameValidation, PolicyError, TimeSpan


def list_statement(*, jurisdiction_codes: list[str], level: str | None = None, search: str | None = None,
                   parent_id: uuid.UUID | None = None) -> sa.Select:
    """Halls of the given (enabled) jurisdictions, optionally filtered."""
    stmt = sa.select(Hall.__table__).where(Hall.jurisdiction_code.in_(jurisdiction_codes))
    if level:
        stmt = stmt.where(Hall.level == level)
    if search:
        stmt = stmt.where(Hall.name.contains(search, autoescape=True))
    if parent_id:
        stmt = stmt.where(Hall.parent_id == parent_id)
    return stmt


async def get(session: AsyncSession, *, hall_id: uuid.UUID) -> Hall | None:
    """One hall by id."""
    return await session.get(Hall, hall_id)


async def ensure_jurisdiction(session: AsyncSession, *, info: JurisdictionInfo) -> None:
    """The jurisdiction row a hall refers to, created from the plugin's identity on first use."""
    exists = await session.execute(sa.select(Jurisdiction.id).where(Jurisdiction.code == info.code))
    if exists.first() is None:
        session.add(Jurisdiction(code=info.code, name=info.name, province=info.province, region_code=info.region_code))
        await session.flush()


def check_name(policy: JurisdictionPolicy, *, name: str, level_label: str, name_en: str | None) -> NameValidation:
    """命名规范: the plugin's verdict; HALL_NAME_INVALID naming the first broken rule."""
    result = policy.validate_hall_name(name, level_label, name_en)
    if not result.valid:
        first = result.violations[0]
        raise DomainError(
            "HALL_NAME_INVALID",
            {"rule": first.rule_id, "reason": "；".join(v.message_zh for v in result.violations),
             "reason_en": "; ".join(v.message_en for v in result.violations)},
            "name",
        )
    return result


def check_configured_hours(policy: JurisdictionPolicy, hours: list[str] | None, *, today: date) -> list[str] | None:
    """A hall may set its own public hours only where the jurisdiction's hours are a default."""
    if not hours:
        return None
    try:
        spans = sorted(TimeSpan.parse(text) for text in hours)
    except PolicyError as exc:
        raise DomainError("VALIDATION_FAILED", {"field": "configuredHours", "reason": str(exc)}, "configuredHours") from exc
    result = policy.service_hours(policy.next_working_day(today), configured_hours=spans)
    if not result.configurable:
        raise DomainError("HOURS_NOT_CONFIGURABLE", {"rule": ", ".join(r.id for r in result.rules)}, "configuredHours")
    return [f"{span.start:%H:%M}-{span.end:%H:%M}" for span in spans]


async def name_taken(session: AsyncSession, *, jurisdiction: str, name: str, except_id: uuid.UUID | None = None) -> bool:
    stmt = sa.select(Hall.id).where(Hall.jurisdiction_code == jurisdiction, Hall.name == name)
    if except_id:
        stmt = stmt.where(Hall.id != except_id)
    return (await session.execute(stmt)).first() is not None
