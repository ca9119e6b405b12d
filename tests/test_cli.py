"""The `tingwu` command line against a real database (each test gets its own)."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from core.cli import app as cli
from core.db import migrations

pytestmark = pytest.mark.db
runner = CliRunner()


def tingwu(args, url, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("TINGWU_")}
    result = runner.invoke(cli, args, env={**base, "TINGWU_DATABASE_URL": url,
                                           "TINGWU_SECRET_KEY": "cli-test-secret-key-long-enough-for-hs256", **env})
    return result


@pytest.fixture
def cli_database(backend, fresh_database_url):
    return fresh_database_url(backend)


def test_db_upgrade_current_and_downgrade(cli_database):
    assert "(empty)" in tingwu(["db", "current"], cli_database).output
    assert tingwu(["db", "upgrade"], cli_database).exit_code == 0
    current = tingwu(["db", "current"], cli_database).output.splitlines()
    heads = ", ".join(sorted(migrations.head_revisions()))
    assert current == [f"database: {heads}", f"code head: {heads}"]
    assert tingwu(["db", "downgrade", "base"], cli_database).exit_code == 0
    assert "(empty)" in tingwu(["db", "current"], cli_database).output


def test_users_and_tokens(cli_database):
    import jwt

    assert tingwu(["db", "upgrade"], cli_database).exit_code == 0
    added = tingwu(["users", "add", "ops", "--name", "平台运维", "--role", "platform_admin@platform"], cli_database)
    assert added.exit_code == 0, added.output
    duplicate = tingwu(["users", "add", "ops"], cli_database)
    assert duplicate.exit_code == 1 and duplicate.output.count("\n") == 1
    bad_role = tingwu(["users", "grant", "ops", "hall_admin@platform"], cli_database)
    assert bad_role.exit_code == 1 and "hall domains only" in bad_role.output
    issued = tingwu(["token", "issue", "--user", "ops", "--ttl", "30m"], cli_database)
    assert issued.exit_code == 0, issued.output
    token = issued.output.strip()
    claims = jwt.decode(token, "cli-test-secret-key-long-enough-for-hs256", algorithms=["HS256"], issuer="tingwu")
    assert claims["name"] == "ops" and claims["exp"] - claims["iat"] == 1800
    assert tingwu(["token", "revoke", token], cli_database).output.strip() == "revoked"
    assert tingwu(["token", "revoke", claims["jti"]], cli_database).output.strip() == "no such live token"
    assert tingwu(["token", "issue", "--user", "nobody"], cli_database).exit_code == 1
    assert tingwu(["token", "issue", "--user", "ops", "--ttl", "soon"], cli_database).exit_code == 1


def test_plugins_list_marks_enabled(cli_database):
    result = tingwu(["plugins", "list"], cli_database, TINGWU_JURISDICTIONS="jiedong")
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert set(lines) == {"panyu", "dongguan", "jiedong", "dongying", "nanbu"}
    assert " enabled " in lines["jiedong"] and "disabled" in lines["nanbu"]
