"""User management through GraphQL: platform admins manage every user, hall admins the users of their hall.

A hall admin manages a user whose every role is granted in that hall (a user with
a role elsewhere is the platform's, or that other hall's, to manage). Disabling
revokes every live token of the user at once (``auth_service.set_active``).
"""

from __future__ import annotations

import uuid
from typing import Annotated, Union

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core.auth import service as auth_service
from core.auth.access import PermissionDeniedError, hall_scope, require
from core.auth.authorizer import Scope
from core.auth.models import User
from core.auth.roles import Side
from core.auth.schema import user_type
from core.auth.types import UserType
from core.errors import DomainError, NotFoundError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall


def _managing_domain(ctx, user_id: uuid.UUID, halls: dict[uuid.UUID, Hall]) -> str | None:
    """The domain in which the caller may manage this user (platform, or the one hall of all the user's roles)."""
    from core.auth.access import allowed_domain

    platform = allowed_domain(ctx, "user", "manage", Scope.platform())
    if platform:
        return platform
    domains = {domain for _, domain in ctx.authorizer.grants(user_id)}
    if len(domains) != 1:
        return None
    (domain,) = domains
    kind, _, key = domain.partition(":")
    hall = halls.get(uuid.UUID(key)) if kind == "hall" else None
    return allowed_domain(ctx, "user", "manage", hall_scope(ctx, hall)) if hall else None


async def _halls(session) -> dict[uuid.UUID, Hall]:
    return {hall.id: hall for hall in (await session.execute(sa.select(Hall))).scalars()}


def _as_type(ctx, user: User) -> UserType:
    shown = user_type(ctx, user.id, user.username, user.display_name, user.staff_id)
    shown.active = user.active
    return shown


@strawberry.type
class UserAdminQuery:
    @strawberry.field(description="用户管理: the users the caller may manage (platform admins: all; hall admins: their hall's)")
    async def users(self, info: Info, search: str | None = None) -> list[UserType]:
        ctx = info.context
        if ctx.actor is None:
            raise DomainError("UNAUTHENTICATED")
        async with ctx.db.session() as session:
            stmt = sa.select(User).order_by(User.username)
            if search:
                stmt = stmt.where(sa.or_(User.username.contains(search, autoescape=True),
                                         User.display_name.contains(search, autoescape=True)))
            users = (await session.execute(stmt)).scalars().all()
            halls = await _halls(session)
        return [_as_type(ctx, user) for user in users if _managing_domain(ctx, user.id, halls)]


@strawberry.input
class SetUserActiveInput:
    user_id: strawberry.ID


@strawberry.type
class SetUserActiveSuccess:
    user: UserType
    tokens_revoked: int = strawberry.field(description="live tokens revoked by disabling (0 when enabling)")


SetUserActiveResult = Annotated[Union[SetUserActiveSuccess, *ERROR_TYPES], strawberry.union("SetUserActiveResult")]


async def _set_active(info: Info, input: SetUserActiveInput, active: bool) -> SetUserActiveResult:
    ctx = info.context

    async def body(session, call):
        user = await session.get(User, from_global_id(input.user_id, "User")[1])
        if user is None:
            raise NotFoundError("用户", "User")
        call.acted(target_type="User", target_id=user.id)
        if ctx.actor is None:
            raise DomainError("UNAUTHENTICATED")
        domain = _managing_domain(ctx, user.id, await _halls(session))
        if domain is None:
            raise PermissionDeniedError("user", "manage", Side.PLATFORM)
        if ctx.actor.user_id == user.id and not active:
            raise DomainError("VALIDATION_FAILED", {"field": "userId", "field_label": "用户", "reason": "不能停用自己",
                                                    "reason_en": "you cannot disable yourself"}, "userId")
        before = {"active": user.active}
        revoked = await auth_service.set_active(session, user=user, active=active)
        call.acted(domain=domain, before=before, after={"active": active, "tokens_revoked": revoked})
        return user, revoked

    result = await run_mutation(info, "enableUser" if active else "disableUser", body)
    if not isinstance(result, tuple):
        return result
    await ctx.authorizer.refresh(force=True)  # this worker at once; the others within the reload interval
    user, revoked = result
    return SetUserActiveSuccess(user=_as_type(ctx, user), tokens_revoked=revoked)


@strawberry.type
class UserAdminMutation:
    @strawberry.mutation(description="停用用户: the user can no longer sign in and every token of theirs stops working")
    async def disable_user(self, info: Info, input: SetUserActiveInput) -> SetUserActiveResult:
        return await _set_active(info, input, False)

    @strawberry.mutation(description="启用用户 again (revoked tokens stay revoked)")
    async def enable_user(self, info: Info, input: SetUserActiveInput) -> SetUserActiveResult:
        return await _set_active(info, input, True)
