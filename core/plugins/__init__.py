"""Plugin system: hookspecs, the plugin manager and the national baseline."""

from core.plugins.hookspecs import hookimpl, hookspec

__all__ = ["hookimpl", "hookspec"]
