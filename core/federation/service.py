"""`_service { sdl }` for the provincial gateway (省级网关), and who counts as the gateway.

In development the SDL is open, like introspection. In production
(``TINGWU_ENV=production``) introspection is off, and `_service` answers only
a caller that sends the gateway credential: the ``X-Tingwu-Gateway-Key``
header equal to ``TINGWU_GATEWAY_KEY``. Without the setting nobody gets the
SDL in production.
"""

from __future__ import annotations

import hmac

import strawberry
from strawberry.printer import print_schema
from strawberry.types import Info

from core.errors import DomainError

GATEWAY_KEY_HEADER = "x-tingwu-gateway-key"


def is_gateway(settings, headers) -> bool:
    """The request carries the gateway credential configured here (compared in constant time)."""
    expected = settings.gateway_key
    presented = headers.get(GATEWAY_KEY_HEADER) if headers is not None else None
    if not expected or not presented:
        return False
    return hmac.compare_digest(expected.encode(), presented.encode())


def sdl_allowed(info: Info) -> bool:
    """Development: always. Production: only with the gateway credential."""
    ctx = info.context
    settings = ctx.runtime.settings
    if not settings.is_production:
        return True
    request = getattr(ctx, "request", None)
    return is_gateway(settings, getattr(request, "headers", None))


@strawberry.type(name="_Service", description="The subgraph's SDL, for the federation gateway")
class FederationService:
    @strawberry.field(description="This subgraph's schema with its federation directives")
    def sdl(self, info: Info) -> str:
        return print_schema(info.schema)


@strawberry.type
class FederationQuery:
    @strawberry.field(name="_service", description="联邦网关: the subgraph's SDL (in production only with the gateway credential)")
    def federation_service(self, info: Info) -> FederationService:
        if not sdl_allowed(info):
            raise DomainError("GATEWAY_CREDENTIAL_REQUIRED")
        return FederationService()
