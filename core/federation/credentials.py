"""The gateway credential: the provincial gateway (省级网关) proves itself with a shared key.

In production (``TINGWU_ENV=production``) Tingwu answers `_service { sdl }`
only to a request whose ``X-Tingwu-Gateway-Key`` header equals
``TINGWU_GATEWAY_KEY``; without the setting, to nobody. In development the SDL
is open, like introspection.
"""

from __future__ import annotations

import hmac

GATEWAY_KEY_HEADER = "x-tingwu-gateway-key"


def is_gateway(settings, headers) -> bool:
    """The request carries the gateway credential configured here (compared in constant time)."""
    expected = settings.gateway_key
    presented = headers.get(GATEWAY_KEY_HEADER) if headers is not None else None
    if not expected or not presented:
        return False
    return hmac.compare_digest(expected.encode(), presented.encode())


def sdl_allowed(settings, headers) -> bool:
    """Development: always. Production: only with the gateway credential."""
    return not settings.is_production or is_gateway(settings, headers)
