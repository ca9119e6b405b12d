"""Configuration from the environment, optionally from ``tingwu.toml``.

Environment variables win over the file. Every setting has a safe default for
the embedded (SQLite) development set-up.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./tingwu.db"


class ConfigError(Exception):
    """Configuration that cannot work; the message says what to fix."""


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    jurisdictions: list[str] | None = None  # None: every installed plugin
    host: str = "127.0.0.1"
    port: int = 8000
    env: str = "development"  # development | production
    secret_key: str | None = None
    # Sent by the provincial gateway as X-Tingwu-Gateway-Key: unlocks `_service { sdl }` in production.
    gateway_key: str | None = None
    # Upward reporting (上报): the provincial Tingwu's GraphQL URL and the county reporter's bearer token.
    province_url: str | None = None
    province_token: str | None = None
    redis_url: str | None = None  # Redis pub/sub for live events across processes (else PostgreSQL or in-process)
    # Keys for personal data (SM4/AES data keys, blind-index key): a JSON key file, never the database.
    key_file: str | None = None
    # [tingwu.retention] in tingwu.toml: days per data kind, and per jurisdiction (core.pii.retention)
    retention: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def normalize_database_url(url: str) -> str:
    """Accept the URLs people paste (postgres://, postgresql://, sqlite:///) and pick the async driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        return "postgresql+asyncpg://" + url[len("postgresql://") :]
    if url.startswith("sqlite://"):
        return "sqlite+aiosqlite://" + url[len("sqlite://") :]
    if url.startswith(("postgresql+asyncpg://", "sqlite+aiosqlite://")):
        return url
    raise ConfigError(
        f"TINGWU_DATABASE_URL must be a sqlite:/// or postgresql:// URL, got {url.split('://')[0]}://…"
    )


def _split_codes(value: str) -> list[str] | None:
    codes = [c.strip() for c in value.split(",") if c.strip()]
    return codes or None


def load_settings(environ: dict[str, str] | None = None, config_file: str | Path | None = None) -> Settings:
    """Read settings: ``tingwu.toml`` (or ``TINGWU_CONFIG``) first, the environment over it."""
    env = dict(os.environ if environ is None else environ)
    path = Path(config_file or env.get("TINGWU_CONFIG", "tingwu.toml"))
    file_values: dict = {}
    if path.is_file():
        try:
            file_values = tomllib.loads(path.read_text("utf-8")).get("tingwu", {})
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path} is not valid TOML: {exc}") from exc

    def pick(key: str, env_key: str, default=None):
        if env_key in env and env[env_key] != "":
            return env[env_key]
        return file_values.get(key, default)

    jurisdictions = pick("jurisdictions", "TINGWU_JURISDICTIONS")
    if isinstance(jurisdictions, str):
        jurisdictions = _split_codes(jurisdictions)
    port = pick("port", "TINGWU_PORT", 8000)
    try:
        port = int(port)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"TINGWU_PORT must be a number, got {port!r}") from exc
    runtime_env = str(pick("env", "TINGWU_ENV", "development"))
    if runtime_env not in ("development", "production"):
        raise ConfigError(f"TINGWU_ENV must be development or production, got {runtime_env!r}")
    return Settings(
        database_url=normalize_database_url(str(pick("database_url", "TINGWU_DATABASE_URL", DEFAULT_DATABASE_URL))),
        jurisdictions=jurisdictions,
        host=str(pick("host", "TINGWU_HOST", "127.0.0.1")),
        port=port,
        env=runtime_env,
        secret_key=pick("secret_key", "TINGWU_SECRET_KEY"),
        gateway_key=pick("gateway_key", "TINGWU_GATEWAY_KEY"),
        province_url=pick("province_url", "TINGWU_PROVINCE_URL"),
        province_token=pick("province_token", "TINGWU_PROVINCE_TOKEN"),
        redis_url=pick("redis_url", "TINGWU_REDIS_URL"),
        key_file=pick("key_file", "TINGWU_KEY_FILE"),
        retention=dict(file_values.get("retention", {})),
    )
