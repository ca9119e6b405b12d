"""`_service { sdl }` for the provincial gateway, guarded by the gateway credential in production."""

from __future__ import annotations

import strawberry
from strawberry.printer import print_schema
from strawberry.types import Info

from core.errors import DomainError
from core.federation.credentials import sdl_allowed


@strawberry.type(name="_Service", description="The subgraph's SDL, for the federation gateway")
class FederationService:
    @strawberry.field(description="This subgraph's schema with its federation directives")
    def sdl(self, info: Info) -> str:
        return print_schema(info.schema)


@strawberry.type
class FederationQuery:
    @strawberry.field(name="_service", description="联邦网关: the subgraph's SDL (in production only with the gateway credential)")
    def federation_service(self, info: Info) -> FederationService:
        ctx = info.context
        if not sdl_allowed(ctx.runtime.settings, getattr(ctx.request, "headers", None)):
            raise DomainError("GATEWAY_CREDENTIAL_REQUIRED")
        return FederationService()
