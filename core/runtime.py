"""What a running Tingwu holds: settings, the database, the plugin host and the authorizer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from core.auth.authorizer import Authorizer
from core.auth.tokens import DEVELOPMENT_SECRET
from core.config import Settings
from core.db import Database
from core.ratelimit import Limiter, parse_networks
from core import clock as platform_clock
from core.events.broker import Broker, build_broker
from core.plugins.manager import PluginHost, build_plugin_manager


@dataclass
class Runtime:
    settings: Settings
    db: Database
    plugins: PluginHost
    authorizer: Authorizer
    broker: Broker = field(default=None)  # live events for subscriptions (built by ``create``)
    # The time every rule is applied at (deadlines, overdue, ticket days). By default the platform's
    # one clock (``core.clock``, which tests pin); a test may also give this runtime a fixed one.
    clock: Callable[[], datetime] = field(default=lambda: platform_clock.now())
    limiter: Limiter | None = None  # rate limits (core/ratelimit), shared by workers through Redis when set
    trusted_proxies: tuple = ()

    @classmethod
    def create(cls, settings: Settings, *, extra_plugins: tuple[object, ...] = ()) -> "Runtime":
        """Build the plugin host first: an unknown jurisdiction code fails before any connection is made."""
        plugins = build_plugin_manager(settings.jurisdictions, extra_plugins=extra_plugins)
        db = Database(settings.database_url)
        broker = build_broker(database_url=settings.database_url, redis_url=settings.redis_url)
        limiter = Limiter(settings.rate_limits, redis_url=settings.redis_url)
        return cls(settings=settings, db=db, plugins=plugins, authorizer=Authorizer(db), broker=broker,
                   limiter=limiter, trusted_proxies=parse_networks(settings.trusted_proxies))

    @property
    def secret_key(self) -> str:
        return self.settings.secret_key or DEVELOPMENT_SECRET

    def now(self) -> datetime:
        """The current time (aware UTC) as the runtime's clock says."""
        return self.clock()

    async def close(self) -> None:
        if self.broker is not None:
            await self.broker.close()
        await self.db.dispose()
