"""Sign-in, the caller's identity, and role grants (themselves authorized and audited)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit import service as audit_service
from core.auth import service as auth_service
from core.auth.access import department_scope, hall_scope, jurisdiction_scope, require
from core.auth.authorizer import Scope
from core.auth.models import User
from core.auth.roles import DomainType, Role
from core.auth.types import RoleGrantType, RoleName, UserType
from core.departments.models import Department
from core.errors import DomainError, NotFoundError
from core import ratelimit
from core.graphql.errors import ERROR_TYPES, RateLimited, to_graphql_error
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id, to_global_id
from core.halls.models import Hall
from core.timezones import to_local

SIGN_IN_TTL = timedelta(hours=12)


def user_type(ctx, user_id: uuid.UUID, username: str, display_name: str, staff_id: uuid.UUID | None) -> UserType:
    grants = [
        RoleGrantType(role=Role(role), role_title=Role(role).title, side=Role(role).side.value, domain=domain)
        for role, domain in ctx.authorizer.grants(user_id)
    ]
    return UserType(
        id=to_global_id("User", user_id),
        username=username,
        display_name=display_name,
        staff_id=to_global_id("Staff", staff_id) if staff_id else None,
        roles=grants,
    )


@strawberry.type
class AuthQuery:
    @strawberry.field(description="当前用户: the signed-in caller and the roles granted to them; null when anonymous")
    def me(self, info: Info) -> UserType | None:
        actor = info.context.actor
        if actor is None:
            return None
        return user_type(info.context, actor.user_id, actor.username, actor.username, actor.staff_id)


# --- signIn --------------------------------------------------------------------------


@strawberry.type
class SignInSuccess:
    token: str = strawberry.field(description="Bearer token for the Authorization header")
    expires_at: datetime
    user: UserType


@strawberry.type(description="用户名或密码错误")
class SignInFailed:
    code: str
    message: str


SignInResult = Annotated[Union[SignInSuccess, SignInFailed, RateLimited], strawberry.union("SignInResult")]


# --- grantRole / revokeRole --------------------------------------------------------------


@strawberry.input(description="A role and where it applies: exactly the scope its kind of role needs")
class RoleGrantInput:
    user_id: strawberry.ID
    role: RoleName
    hall_id: strawberry.ID | None = strawberry.field(default=None, description="for hall roles")
    department_id: strawberry.ID | None = strawberry.field(default=None, description="for department roles")
    jurisdiction: str | None = strawberry.field(default=None, description="for jurisdiction_admin")
    province: str | None = strawberry.field(default=None, description="province code, for provincial_integrator")


@strawberry.type
class RoleGrantSuccess:
    changed: bool = strawberry.field(description="false when the grant already was (or was not) there")
    user: UserType


RoleGrantResult = Annotated[Union[RoleGrantSuccess, *ERROR_TYPES], strawberry.union("RoleGrantResult")]


async def _grant_target(session, ctx, data: RoleGrantInput) -> tuple[User, Role, str, Scope]:
    """Clean the input: the user, the role, its domain and the scope whose policy managers may grant it."""
    role = Role(data.role.value if hasattr(data.role, "value") else data.role)
    user = await session.get(User, from_global_id(data.user_id, "User")[1])
    if user is None:
        raise NotFoundError("用户", "User")
    if role.domain_type == DomainType.HALL:
        if not data.hall_id:
            raise DomainError("VALIDATION_FAILED", {"reason": "需要 hallId", "reason_en": "hallId is required"}, "hallId")
        hall = await session.get(Hall, from_global_id(data.hall_id, "Hall")[1])
        if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("大厅", "Hall")
        return user, role, f"hall:{hall.id}", hall_scope(ctx, hall)
    if role.domain_type == DomainType.DEPARTMENT:
        if not data.department_id:
            raise DomainError("VALIDATION_FAILED", {"reason": "需要 departmentId", "reason_en": "departmentId is required"}, "departmentId")
        department = await session.get(Department, from_global_id(data.department_id, "Department")[1])
        if department is None or not ctx.plugins.is_enabled(department.jurisdiction_code):
            raise NotFoundError("部门", "Department")
        return user, role, f"dept:{department.id}", department_scope(ctx, department)
    if role.domain_type == DomainType.JURISDICTION:
        if not data.jurisdiction or not ctx.plugins.is_enabled(data.jurisdiction):
            raise DomainError("JURISDICTION_NOT_ENABLED", {"code": data.jurisdiction or ""}, "jurisdiction")
        return user, role, f"jurisdiction:{data.jurisdiction}", jurisdiction_scope(ctx, data.jurisdiction)
    if role.domain_type == DomainType.PROVINCE:
        if not data.province:
            raise DomainError("VALIDATION_FAILED", {"reason": "需要 province", "reason_en": "province is required"}, "province")
        return user, role, f"province:{data.province}", Scope.platform()
    return user, role, "platform", Scope.platform()


async def _change_grant(info: Info, data: RoleGrantInput, *, grant: bool):
    ctx = info.context
    action = "grantRole" if grant else "revokeRole"

    async def body(session, call):
        user, role, domain, scope = await _grant_target(session, ctx, data)
        call.acted(target_type="User", target_id=user.id)
        acting_domain = require(ctx, "policy", "manage", scope)
        change = auth_service.grant_role if grant else auth_service.revoke_role
        changed = await change(session, user_id=user.id, role=role, domain=domain)
        call.acted(domain=acting_domain, after={"role": role.value, "domain": domain, "granted": grant, "changed": changed})
        return user, changed

    result = await run_mutation(info, action, body)
    if not isinstance(result, tuple):
        return result
    user, changed = result
    await ctx.authorizer.refresh(force=True)
    return RoleGrantSuccess(changed=changed, user=user_type(ctx, user.id, user.username, user.display_name, user.staff_id))


@strawberry.type
class AuthMutation:
    @strawberry.mutation(description="登录: exchange a username and password for a bearer token")
    async def sign_in(self, info: Info, username: str, password: str) -> SignInResult:
        ctx = info.context
        account = username.strip().lower()[:64]
        try:
            # Every attempt counts; an account with too many recent failures is locked until they age out.
            await ratelimit.check(ctx, "signIn", account=account)
            await ratelimit.check_lockout(ctx, "signInFailure", account=account)
        except ratelimit.RateLimited as exc:
            if await ratelimit.should_audit(ctx):
                async with ctx.db.transaction() as session:
                    audit_service.record(session, actor=None, action="signIn", outcome="denied",
                                         detail=f"RATE_LIMITED {exc.rule}.{exc.kind} user {username[:100]}")
            return to_graphql_error(exc, ctx.lang)
        async with ctx.db.transaction() as session:
            user = await auth_service.authenticate(session, username=username, password=password)
            if user is None:
                audit_service.record(session, actor=None, action="signIn", outcome="denied", detail=f"user {username[:100]}")
                await ratelimit.record_failure(ctx, "signInFailure", account=account)
                failure = ("用户名或密码错误。", "Wrong username or password.")
                return SignInFailed(code="SIGN_IN_FAILED", message=failure[1] if ctx.lang == "en" else failure[0])
            token, record = await auth_service.issue_token(session, user=user, secret=ctx.runtime.secret_key, ttl=SIGN_IN_TTL, note="signIn")
        return SignInSuccess(
            token=token,
            expires_at=to_local(record.expires_at),
            user=user_type(ctx, user.id, user.username, user.display_name, user.staff_id),
        )

    @strawberry.mutation(description="授予角色: grant a role in a hall, department, jurisdiction or province")
    async def grant_role(self, info: Info, input: RoleGrantInput) -> RoleGrantResult:
        return await _change_grant(info, input, grant=True)

    @strawberry.mutation(description="撤销角色: revoke a role granted in a hall, department, jurisdiction or province")
    async def revoke_role(self, info: Info, input: RoleGrantInput) -> RoleGrantResult:
        return await _change_grant(info, input, grant=False)

