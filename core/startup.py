"""Start-up checks: each failure is one clear line saying what to fix, and nothing is created."""

from __future__ import annotations

import os

from core.config import ConfigError, Settings, load_settings
from core.db import migrations
from core.plugins.manager import UnknownJurisdictionError
from core.runtime import Runtime


class StartupError(Exception):
    """Tingwu cannot start; the message is the one line to show."""


def redact(url: str) -> str:
    """The database URL without its password, for messages."""
    scheme, sep, rest = url.partition("://")
    if "@" in rest:
        credentials, _, host = rest.rpartition("@")
        user = credentials.split(":", 1)[0]
        rest = f"{user}:***@{host}" if ":" in credentials else f"{user}@{host}"
    return f"{scheme}{sep}{rest}"


def build_runtime(settings: Settings | None = None, *, extra_plugins: tuple[object, ...] = ()) -> Runtime:
    try:
        settings = settings or load_settings()
        if settings.is_production and len(settings.secret_key or "") < 32:
            raise StartupError("TINGWU_SECRET_KEY must be set in production, at least 32 characters (it signs access tokens).")
        _check_keys(settings)
        return Runtime.create(settings, extra_plugins=extra_plugins)
    except (ConfigError, UnknownJurisdictionError) as exc:
        raise StartupError(str(exc)) from exc


def _check_keys(settings: Settings) -> None:
    """The key file for personal data (core.pii): read now, so that a missing or broken one stops start-up.

    Production never makes one; in development a named file is made when missing (else the default
    ./tingwu-keys.json is made on first use)."""
    if not (settings.is_production or settings.key_file):
        return
    from core.pii.keys import KeyError_, configure, key_file_path

    try:
        configure(key_file_path(settings), create=not settings.is_production)
    except KeyError_ as exc:
        raise StartupError(f"personal-data keys: {exc}") from exc


async def database_state(runtime: Runtime) -> tuple[bool, str]:
    """(ready, explanation): reachable and migrated to the code's head revision."""
    missing_file = _missing_sqlite_file(runtime.settings.database_url)
    if missing_file:
        # Connecting would create an empty file: say so instead of half-creating a database.
        return False, f"the SQLite database {missing_file} does not exist: run `tingwu db upgrade` to create it"
    try:
        current = await migrations.current_revisions(runtime.db.engine)
    except Exception as exc:  # any driver error means "not reachable"; say which
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return False, f"cannot reach the database at {redact(runtime.settings.database_url)}: {reason}"
    heads = migrations.head_revisions()
    if current != heads:
        have = ", ".join(sorted(current)) or "an empty schema"
        return False, (
            f"the database at {redact(runtime.settings.database_url)} is at {have}, the code needs "
            f"{', '.join(sorted(heads))}: run `tingwu db upgrade`"
        )
    return True, "ready"


def _missing_sqlite_file(url: str) -> str | None:
    if not url.startswith("sqlite") or ":memory:" in url:
        return None
    path = url.split(":///", 1)[1] if ":///" in url else ""
    return path if path and not os.path.exists(path) else None


async def check_database(runtime: Runtime) -> None:
    ready, explanation = await database_state(runtime)
    if not ready:
        raise StartupError(explanation)
