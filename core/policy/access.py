"""The jurisdiction policy for a request: the facade over the plugins with the database's calendar.

Built once per jurisdiction per request (two statements for the calendar),
so resolvers can ask for it on every row at no extra cost.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from core.calendar.service import load_calendar
from core.errors import DomainError
from core.policy.service import JurisdictionPolicy

if TYPE_CHECKING:
    from core.graphql.context import Context


async def policy_for(ctx: "Context", jurisdiction: str) -> JurisdictionPolicy:
    """The enabled jurisdiction's policy; JURISDICTION_NOT_ENABLED otherwise."""
    if not ctx.plugins.is_enabled(jurisdiction):
        raise DomainError("JURISDICTION_NOT_ENABLED", {"code": jurisdiction})
    cache = ctx.policies
    loading = cache.get(jurisdiction)
    if loading is None:
        # Resolvers of one request run concurrently: they share one load instead of each starting their own.
        loading = cache[jurisdiction] = asyncio.ensure_future(_load(ctx, jurisdiction))
    return await loading


async def _load(ctx: "Context", jurisdiction: str) -> JurisdictionPolicy:
    async with ctx.db.session() as session:
        calendar = await load_calendar(session, jurisdiction=jurisdiction)
    return JurisdictionPolicy(ctx.plugins.hook, jurisdiction, calendar)


async def policy_in_session(session, plugins, jurisdiction: str) -> JurisdictionPolicy:
    """The same inside a write transaction (mutations, jobs), where the calendar must be read in it."""
    if not plugins.is_enabled(jurisdiction):
        raise DomainError("JURISDICTION_NOT_ENABLED", {"code": jurisdiction})
    return JurisdictionPolicy(plugins.hook, jurisdiction, await load_calendar(session, jurisdiction=jurisdiction))
