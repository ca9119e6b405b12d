"""GraphQL types for users and roles."""

from __future__ import annotations

import strawberry

from core.auth.roles import Role

RoleName = strawberry.enum(
    Role,
    name="RoleName",
    description="角色: " + "; ".join(f"{r.name} {r.title} ({r.side.value} side, granted in {r.domain_type.value})" for r in Role),
)


@strawberry.type(name="RoleGrant", description="A role granted to a user in a domain (hall:<id>, dept:<id>, …)")
class RoleGrantType:
    role: RoleName
    role_title: str
    side: str
    domain: str


@strawberry.type(name="User", description="用户: a person or system that signs in")
class UserType:
    id: strawberry.ID
    username: str
    display_name: str
    staff_id: strawberry.ID | None
    roles: list[RoleGrantType]
    active: bool = strawberry.field(default=True, description="停用的用户 cannot sign in; their tokens are revoked")
