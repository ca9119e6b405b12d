"""Bad configuration stops start-up with one clear line, and nothing is half-created."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from core.cli import app as cli
from core.config import ConfigError, load_settings, normalize_database_url
from core.db import migrations
from core.runtime import Runtime
from core.startup import StartupError, build_runtime, check_database
from tests.conftest import settings_for

runner = CliRunner()


def run_cli(args, env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("TINGWU_") and k not in ("LC_ALL", "LC_MESSAGES")}
    base["LANG"] = "en_US.UTF-8"  # these tests read the English messages (the CLI's default is Chinese)
    return runner.invoke(cli, args, env={**base, **env})


def test_settings_from_environment_and_file(tmp_path):
    (tmp_path / "tingwu.toml").write_text('[tingwu]\njurisdictions = ["nanbu"]\nport = 9000\n', encoding="utf-8")
    settings = load_settings({"TINGWU_PORT": "8100"}, tmp_path / "tingwu.toml")
    assert settings.jurisdictions == ["nanbu"] and settings.port == 8100
    assert settings.database_url == "sqlite+aiosqlite:///./tingwu.db"
    assert load_settings({"TINGWU_JURISDICTIONS": "jiedong, nanbu"}, tmp_path / "none.toml").jurisdictions == ["jiedong", "nanbu"]
    assert normalize_database_url("postgres://u@h/db") == "postgresql+asyncpg://u@h/db"
    with pytest.raises(ConfigError, match="TINGWU_ENV"):
        load_settings({"TINGWU_ENV": "staging"}, tmp_path / "none.toml")
    with pytest.raises(ConfigError, match="TINGWU_DATABASE_URL"):
        load_settings({"TINGWU_DATABASE_URL": "mysql://x"}, tmp_path / "none.toml")


def test_unknown_jurisdiction_is_refused_before_touching_the_database(tmp_path):
    db_file = tmp_path / "never.db"
    result = run_cli(["serve"], {"TINGWU_JURISDICTIONS": "jiedong,atlantis", "TINGWU_DATABASE_URL": f"sqlite:///{db_file}"})
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "atlantis" in lines[0] and "installed: dongguan" in lines[0]
    assert not db_file.exists()


def test_missing_sqlite_database_is_not_created(tmp_path):
    db_file = tmp_path / "missing.db"
    result = run_cli(["serve"], {"TINGWU_DATABASE_URL": f"sqlite:///{db_file}"})
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "tingwu db upgrade" in result.output
    assert not db_file.exists()


def test_unreachable_postgres_is_one_line():
    result = run_cli(["serve"], {"TINGWU_DATABASE_URL": "postgresql://postgres:secret@127.0.0.1:1/nowhere"})
    assert result.exit_code == 1
    line = result.output.strip()
    assert "\n" not in line and "cannot reach the database" in line and "secret" not in line


def test_production_needs_a_secret(tmp_path):
    with pytest.raises(StartupError, match="TINGWU_SECRET_KEY"):
        build_runtime(load_settings({"TINGWU_ENV": "production"}, tmp_path / "none.toml"))


@pytest.mark.db
async def test_database_behind_the_code_is_refused(backend, fresh_database_url):
    url = fresh_database_url(backend)
    runtime = Runtime.create(settings_for(url))
    try:
        with pytest.raises(StartupError, match="tingwu db upgrade"):
            await check_database(runtime)  # empty schema
        migrations.upgrade(url)
        await check_database(runtime)
        migrations.downgrade(url, "base")
        with pytest.raises(StartupError, match="empty schema"):
            await check_database(runtime)
    finally:
        await runtime.close()


@pytest.mark.db
async def test_health_and_readiness(gql, runtime):
    alive = await gql.http.get("/healthz")
    ready = await gql.http.get("/readyz")
    assert alive.json() == {"status": "alive"}
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
