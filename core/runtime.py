"""What a running Tingwu holds: settings, the database, the plugin host and the authorizer."""

from __future__ import annotations

from dataclasses import dataclass

from core.auth.authorizer import Authorizer
from core.auth.tokens import DEVELOPMENT_SECRET
from core.config import Settings
from core.db import Database
from core.plugins.manager import PluginHost, build_plugin_manager


@dataclass
class Runtime:
    settings: Settings
    db: Database
    plugins: PluginHost
    authorizer: Authorizer

    @classmethod
    def create(cls, settings: Settings, *, extra_plugins: tuple[object, ...] = ()) -> "Runtime":
        """Build the plugin host first: an unknown jurisdiction code fails before any connection is made."""
        plugins = build_plugin_manager(settings.jurisdictions, extra_plugins=extra_plugins)
        db = Database(settings.database_url)
        return cls(settings=settings, db=db, plugins=plugins, authorizer=Authorizer(db))

    @property
    def secret_key(self) -> str:
        return self.settings.secret_key or DEVELOPMENT_SECRET

    async def close(self) -> None:
        await self.db.dispose()
