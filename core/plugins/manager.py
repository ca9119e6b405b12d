"""The one plugin manager: hookspecs, built-ins, entry points, enabling by configuration."""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass
from functools import cached_property

import pluggy

from core.plugins import hookspecs
from core.plugins.info import JurisdictionInfo


class UnknownJurisdictionError(Exception):
    """An enabled jurisdiction code names no installed plugin."""

    def __init__(self, unknown: list[str], installed: list[str]):
        self.unknown = unknown
        self.installed = installed
        super().__init__(
            f"TINGWU_JURISDICTIONS names unknown jurisdiction(s) {', '.join(unknown)}; "
            f"installed: {', '.join(installed) or 'none'}"
        )


@dataclass(frozen=True)
class InstalledJurisdiction:
    info: JurisdictionInfo
    enabled: bool
    distribution: str | None  # the package that installed it (None when registered in code)


class PluginHost:
    """Wraps the pluggy manager and knows which jurisdictions are enabled."""

    def __init__(self, pm: pluggy.PluginManager, enabled_codes: frozenset[str]):
        self.pm = pm
        self.hook = pm.hook
        self.enabled_codes = enabled_codes

    @cached_property
    def _identities(self) -> dict[str, tuple[JurisdictionInfo, str | None]]:
        found: dict[str, tuple[JurisdictionInfo, str | None]] = {}
        for plugin, dist in self.pm.list_plugin_distinfo():
            info = _info_of(plugin)
            if info is not None:
                found[info.code] = (info, dist.project_name)
        for plugin in self.pm.get_plugins():
            info = _info_of(plugin)
            if info is not None and info.code not in found:
                found[info.code] = (info, None)
        return dict(sorted(found.items()))

    @property
    def installed(self) -> dict[str, InstalledJurisdiction]:
        """Every installed jurisdiction plugin by code, enabled or not."""
        return {
            code: InstalledJurisdiction(info, code in self.enabled_codes, dist)
            for code, (info, dist) in self._identities.items()
        }

    @property
    def enabled(self) -> dict[str, JurisdictionInfo]:
        return {code: j.info for code, j in self.installed.items() if j.enabled}

    def is_enabled(self, code: str) -> bool:
        return code in self.enabled_codes

    def info(self, code: str) -> JurisdictionInfo | None:
        identity = self._identities.get(code)
        return identity[0] if identity else None


def _info_of(plugin: object) -> JurisdictionInfo | None:
    impl = getattr(plugin, "tingwu_jurisdiction_info", None)
    return impl() if callable(impl) else None


def build_plugin_manager(
    enabled: list[str] | None = None,
    *,
    extra_plugins: tuple[object, ...] = (),
    load_entry_points: bool = True,
) -> PluginHost:
    """Build the plugin manager.

    Order follows pluggy's eggsample host: add hookspecs, load the
    entry-point group (and any plugins given in code), register the national
    baseline, then ``check_pending()`` so a misspelt hookimpl fails at start-up.
    The baseline's hookimpls are ``trylast`` and registered last, which makes
    them the very last to answer: pluggy calls later-registered ``trylast``
    implementations after earlier ones, so shared provincial rules (also
    ``trylast``) still come before the national defaults.

    :param enabled: jurisdiction codes to enable; ``None`` enables all installed.
    :raises UnknownJurisdictionError: when ``enabled`` names a code no plugin provides.
    """
    from core.plugins import baseline

    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    if load_entry_points:
        pm.load_setuptools_entrypoints(hookspecs.ENTRY_POINT_GROUP)
    for plugin in extra_plugins:
        pm.register(plugin)
    pm.register(baseline, name="tingwu.baseline")
    pm.check_pending()

    installed_codes = sorted(
        info.code for info in (_info_of(p) for p in pm.get_plugins()) if info is not None
    )
    if enabled is None:
        enabled_codes = frozenset(installed_codes)
    else:
        unknown = [code for code in enabled if code not in installed_codes]
        if unknown:
            raise UnknownJurisdictionError(unknown, installed_codes)
        enabled_codes = frozenset(enabled)
    # Disabled jurisdictions stay registered (their info is listed) but their
    # policy answers are never asked for: core only asks for enabled codes.
    return PluginHost(pm, enabled_codes)


def installed_distributions() -> list[str]:
    """Distributions that contribute to the entry-point group (for `tingwu plugins list`)."""
    eps = importlib.metadata.entry_points(group=hookspecs.ENTRY_POINT_GROUP)
    return sorted({ep.dist.name for ep in eps if ep.dist is not None})
