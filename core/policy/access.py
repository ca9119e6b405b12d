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
    # Resolvers of one page run concurrently: they share the one load in flight instead of each starting one.
    loading = ctx.policies.get(jurisdiction)
    if loading is None:
        loading = ctx.policies[jurisdiction] = asyncio.ensure_future(_load_policy(ctx, jurisdiction))
    return await loading


async def _load_policy(ctx: "Context", jurisdiction: str) -> JurisdictionPolicy:
    async with ctx.db.session() as session:
        calendar = await load_calendar(session, jurisdiction=jurisdiction)
    return JurisdictionPolicy(ctx.plugins.hook, jurisdiction, calendar)


async def policy_in_session(session, plugins, jurisdiction: str) -> JurisdictionPolicy:
    """The same inside a write transaction (mutations, jobs), where the calendar must be read in it."""
    if not plugins.is_enabled(jurisdiction):
        raise DomainError("JURISDICTION_NOT_ENABLED", {"code": jurisdiction})
    return JurisdictionPolicy(plugins.hook, jurisdiction, await load_calendar(session, jurisdiction=jurisdiction))
