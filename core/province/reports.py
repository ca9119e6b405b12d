"""What the provincial queries and their exports share: resolve the area, authorize, count.

* ``province: "44"`` — every enabled jurisdiction of the province; ``bulletin read`` in ``province:44``
  (the provincial integrator: their own province only).
* ``jurisdiction: "panyu"`` — one county; ``bulletin read`` in ``jurisdiction:panyu`` (its jurisdiction
  admin, or the province's integrator). A caller who reads the bulletin of some of its halls only (a hall
  admin) gets those halls' rows, ranked within the whole jurisdiction; by hall only (the figures of
  departments or counties would reveal other halls').
"""

from __future__ import annotations

import asyncio
from datetime import date

from core.auth.access import allowed_domain, hall_scope, jurisdiction_scope, require
from core.auth.authorizer import PLATFORM_DOMAIN, Scope
from core.errors import DomainError, NotFoundError
from core.halls.models import Hall
from core.periods import period_bounds
from core.policy.access import policy_for
from core.province import service as province_service
from core.province.service import Area, AreaBulletin, AreaGroup
from core.timezones import local_today

import sqlalchemy as sa


def _invalid(field: str, reason: str, reason_en: str) -> DomainError:
    return DomainError("VALIDATION_FAILED", {"field": field, "field_label": field, "reason": reason,
                                             "reason_en": reason_en}, field_name=field)


async def resolve_area(ctx, *, province: str | None, jurisdiction: str | None, group: AreaGroup) -> Area:
    """The area the caller asked for, if they may read it (see the module's docstring)."""
    if (province is None) == (jurisdiction is None):
        raise _invalid("province", "应指定省份或辖区之一", "give either a province or a jurisdiction")
    enabled = ctx.plugins.enabled
    if province is not None:
        codes = tuple(sorted(code for code, info in enabled.items() if info.province_code == province))
        if not codes:
            raise NotFoundError(f"省份 {province}", f"Province {province}")
        require(ctx, "bulletin", "read", Scope((f"province:{province}", PLATFORM_DOMAIN)))
        return Area(label=enabled[codes[0]].province, codes=codes, province_code=province)
    if jurisdiction not in enabled:
        raise NotFoundError(f"辖区 {jurisdiction}", f"Jurisdiction {jurisdiction}")
    info = enabled[jurisdiction]
    area = Area(label=info.name, codes=(jurisdiction,), province_code=info.province_code, jurisdiction_code=jurisdiction)
    if allowed_domain(ctx, "bulletin", "read", jurisdiction_scope(ctx, jurisdiction)) is not None:
        return area
    async with ctx.db.session() as session:
        halls = list((await session.execute(sa.select(Hall).where(Hall.jurisdiction_code == jurisdiction))).scalars())
    own = frozenset(hall.id for hall in halls if allowed_domain(ctx, "bulletin", "read", hall_scope(ctx, hall)))
    if not own or group is not AreaGroup.HALL:
        require(ctx, "bulletin", "read", jurisdiction_scope(ctx, jurisdiction))
    return Area(label=area.label, codes=area.codes, province_code=area.province_code,
                jurisdiction_code=jurisdiction, visible_hall_ids=own)


def visible(bulletin: AreaBulletin, rows):
    """Only the rows of halls the caller may see (all of them for an area reader)."""
    own = bulletin.area.visible_hall_ids
    if own is None:
        return rows
    return [r for r in rows if getattr(getattr(r, "row", r), "subject_id", None) in own]


async def load_area_bulletin(ctx, *, province: str | None, jurisdiction: str | None, group: AreaGroup,
                             first: date, last: date) -> AreaBulletin:
    """The area's bulletin (all rows: the caller filters with :func:`visible` after ranking)."""
    period_bounds(first, last)  # checks the period
    area = await resolve_area(ctx, province=province, jurisdiction=jurisdiction, group=group)
    policies = dict(zip(area.codes, await asyncio.gather(*(policy_for(ctx, code) for code in area.codes))))
    names = {code: ctx.plugins.info(code).name for code in area.codes}
    async with ctx.db.session() as session:
        return await province_service.compute(session, area=area, group=group, first=first, last=last,
                                              today=local_today(), policies=policies, county_names=names)
