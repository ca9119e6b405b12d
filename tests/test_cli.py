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
    base = {k: v for k, v in base.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    base["LANG"] = "en_US.UTF-8"  # these tests read the English messages (the CLI's default is Chinese)
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


def test_messages_are_chinese_by_default_and_english_on_request(cli_database):
    assert tingwu(["db", "upgrade"], cli_database, LANG="zh_CN.UTF-8").output.startswith("数据库已升级")
    assert tingwu(["--lang", "en", "db", "current"], cli_database, LANG="zh_CN.UTF-8").output.startswith("database: ")
    assert tingwu(["db", "current"], cli_database, LANG="en_GB.UTF-8").output.startswith("database: ")
    bad_role = tingwu(["users", "add", "x", "--role", "hall_adminn@platform"], cli_database, LANG="zh_CN.UTF-8")
    assert bad_role.exit_code == 1 and bad_role.output.count("\n") == 1 and "没有角色“hall_adminn”" in bad_role.output


def test_a_mistyped_command_is_one_line_without_a_traceback(tmp_path):
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("TINGWU_", "LC_"))}
    result = subprocess.run([sys.executable, "-c", "from core.cli import main; main()", "usres", "list"],
                            capture_output=True, text=True, env={**env, "LANG": "zh_CN.UTF-8"}, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "没有命令 usres" in result.stderr and "Traceback" not in result.stderr


def test_start_up_refusals_are_chinese_by_default(tmp_path):
    missing = tmp_path / "none.db"
    result = tingwu(["users", "list"], f"sqlite:///{missing}", LANG="zh_CN.UTF-8")
    assert result.exit_code == 1 and result.output == f"tingwu: SQLite 数据库 {missing} 不存在：请运行 tingwu db upgrade 创建它\n"
