"""What a running Tingwu holds: settings, the database and the plugin host."""

from __future__ import annotations

from dataclasses import dataclass

from core.config import Settings
from core.db import Database
from core.plugins.manager import PluginHost, build_plugin_manager


@dataclass
class Runtime:
    settings: Settings
    db: Database
    plugins: PluginHost

    @classmethod
    def create(cls, settings: Settings, *, extra_plugins: tuple[object, ...] = ()) -> "Runtime":
        """Build the plugin host first: an unknown jurisdiction code fails before any connection is made."""
        plugins = build_plugin_manager(settings.jurisdictions, extra_plugins=extra_plugins)
        return cls(settings=settings, db=Database(settings.database_url), plugins=plugins)

    async def close(self) -> None:
        await self.db.dispose()
