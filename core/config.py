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
    # Rate limits (core/ratelimit): overrides of the defaults, {"signIn": {"account": "5/minute"}, …}.
    rate_limits: dict = field(default_factory=dict)
    # Reverse proxies whose X-Forwarded-For is believed (addresses or networks); nobody else's is.
    trusted_proxies: tuple[str, ...] = ()
    # HTTP (core/http): request body limit in bytes, CORS origins, persisted/trusted documents.
    body_limit: int = 1024 * 1024
    upload_limit: int = 24 * 1024 * 1024  # for signed-in staff (imports, leave certificates)
    cors_origins: tuple[str, ...] = ()
    persisted_documents: str | None = None  # a JSON manifest {sha256: document}
    trusted_documents: str = "off"  # off | anonymous | all
    # Answer compilable read fields with one SQL statement each (docs/performance.md); off: resolvers only.
    compiled_reads: bool = True
    # Notifications (core/notifications): the HTTP webhook of an SMS gateway or WeChat bridge; none: log only.
    notify_webhook_url: str | None = None
    notify_webhook_secret: str | None = None
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
    if runtime_env == "production" and env.get("TINGWU_CLOCK_START") and env.get("TINGWU_ALLOW_SHIFTED_CLOCK") != "yes":
        # A production-like test rig may shift it, saying so twice; a real deployment never does.
        raise ConfigError("TINGWU_CLOCK_START (a shifted clock for tests and demonstrations) is refused in production")
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
        **_safety_settings(env, file_values),
        compiled_reads=str(pick("compiled_reads", "TINGWU_COMPILED_READS", True)).lower() not in ("0", "false", "no", "off"),
        notify_webhook_url=pick("notify_webhook_url", "TINGWU_NOTIFY_WEBHOOK_URL"),
        notify_webhook_secret=pick("notify_webhook_secret", "TINGWU_NOTIFY_WEBHOOK_SECRET"),
        key_file=pick("key_file", "TINGWU_KEY_FILE"),
        retention=dict(file_values.get("retention", {})),
    )


def _safety_settings(env: dict[str, str], file_values: dict) -> dict:
    """Rate limits and trusted proxies (core/ratelimit): the file's tables, the environment over them."""
    from core.ratelimit import parse_rules, merged_rules, parse_rules_env

    rate_limits = {rule: dict(kinds) for rule, kinds in (file_values.get("rate_limits") or {}).items()}
    try:
        for rule, kinds in parse_rules_env(env.get("TINGWU_RATE_LIMITS", "")).items():
            rate_limits.setdefault(rule, {}).update(kinds)
        parse_rules(merged_rules(rate_limits))
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    proxies = env.get("TINGWU_TRUSTED_PROXIES") or file_values.get("trusted_proxies") or ()
    if isinstance(proxies, str):
        proxies = [p for p in proxies.split(",") if p.strip()]
    proxies = tuple(str(p).strip() for p in proxies)
    from core.ratelimit import parse_networks

    try:
        parse_networks(proxies)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    body_limit = env.get("TINGWU_BODY_LIMIT") or file_values.get("body_limit") or 1024 * 1024
    try:
        body_limit = int(body_limit)
        if body_limit <= 0:
            raise ValueError
    except (TypeError, ValueError):
        raise ConfigError(f"TINGWU_BODY_LIMIT must be a positive number of bytes, got {body_limit!r}") from None
    origins = env.get("TINGWU_CORS_ORIGINS") or file_values.get("cors_origins") or ()
    if isinstance(origins, str):
        origins = [o for o in origins.split(",") if o.strip()]
    origins = tuple(str(o).strip().rstrip("/") for o in origins)
    for origin in origins:
        if origin != "*" and not origin.startswith(("http://", "https://")):
            raise ConfigError(f"TINGWU_CORS_ORIGINS: {origin!r} is not an origin such as https://screen.example.gov.cn")
    trusted = str(env.get("TINGWU_TRUSTED_DOCUMENTS") or file_values.get("trusted_documents") or "off")
    if trusted not in ("off", "anonymous", "all"):
        raise ConfigError(f"TINGWU_TRUSTED_DOCUMENTS must be off, anonymous or all, got {trusted!r}")
    documents = env.get("TINGWU_PERSISTED_DOCUMENTS") or file_values.get("persisted_documents")
    if trusted != "off" and not documents:
        raise ConfigError("TINGWU_TRUSTED_DOCUMENTS needs TINGWU_PERSISTED_DOCUMENTS (the manifest of registered documents)")
    upload_limit = env.get("TINGWU_UPLOAD_LIMIT") or file_values.get("upload_limit") or 24 * 1024 * 1024
    try:
        upload_limit = int(upload_limit)
        if upload_limit <= 0:
            raise ValueError
    except (TypeError, ValueError):
        raise ConfigError(f"TINGWU_UPLOAD_LIMIT must be a positive number of bytes, got {upload_limit!r}") from None
    return {"rate_limits": rate_limits, "trusted_proxies": proxies, "body_limit": body_limit, "upload_limit": upload_limit,
            "cors_origins": origins, "persisted_documents": documents, "trusted_documents": trusted}
