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


def help_output(args, **env):
    """``tingwu … --help`` with only the language variables given (no database needed)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TINGWU_", "LC_")) and k != "LANG"}
    result = runner.invoke(cli, args, env={**base, "COLUMNS": "200", "LANG": None, **env})
    assert result.exit_code == 0, result.output
    return result.output


def test_help_is_chinese_by_default_and_english_on_request():
    chinese = help_output(["--help"])
    assert "厅务（Tingwu）：政务服务大厅的开放平台" in chinese and "显示本帮助并退出。" in chinese
    assert "选项" in chinese and "命令" in chinese and "检查配置和数据库" in chinese
    assert "Show this message" not in chinese and "Database schema" not in chinese
    assert help_output(["--help"], LANG="zh_CN.UTF-8") == chinese
    assert help_output(["--lang", "zh", "--help"], LANG="en_US.UTF-8") == chinese, "--lang wins over LANG"
    for english in (help_output(["--lang", "en", "--help"]), help_output(["--lang=en", "--help"]),
                    help_output(["--help"], LANG="en_US.UTF-8"), help_output(["--help"], LC_ALL="en_GB.UTF-8")):
        assert "Tingwu (厅务): government service halls behind one GraphQL API." in english
        assert "Show this message and exit." in english and "Options" in english and "Commands" in english
        assert "显示本帮助" not in english and "选项" not in english
    # a group's and a command's help, options and arguments too; and back to Chinese on the next run
    restore = help_output(["--lang", "en", "db", "restore", "--help"])
    assert "A backup made by `tingwu db backup`." in restore and "Do not ask" in restore and "Arguments" in restore
    restore = help_output(["db", "restore", "--help"])
    assert "恢复：把备份放回数据库" in restore and "由 tingwu db backup 生成的备份。" in restore and "参数" in restore
    assert "不再询问" in restore and "Do not ask" not in restore
    outbox = help_output(["jobs", "deliver-outbox", "--help"])
    assert "每次请求发送给省级平台的事件数。" in outbox and "[默认：100]" in outbox
    assert "Events per request" in help_output(["jobs", "deliver-outbox", "--help"], LANG="en_US.UTF-8")


def test_every_help_text_has_a_chinese_one():
    """A new command or option needs its Chinese help in core/cli_help.py, or `tingwu --help` turns half English."""
    import typer.main

    from core.cli_help import HELP_ZH, help_texts

    texts = help_texts(typer.main.get_command(cli))
    assert len(texts) > 80
    assert [text for text in texts if text not in HELP_ZH] == []


def test_the_installed_command_shows_its_help_once_in_chinese(tmp_path):
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("TINGWU_", "LC_")) and k != "LANG"}
    for args in (["--help"], [], ["db"]):
        result = subprocess.run([sys.executable, "-c", "from core.cli import main; main()", *args],
                                capture_output=True, text=True, env={**env, "COLUMNS": "200"}, cwd=tmp_path)
        assert result.returncode == 0 and result.stdout.count("Usage:") == 1, (args, result.stdout, result.stderr)
        assert "显示本帮助并退出。" in result.stdout
    english = subprocess.run([sys.executable, "-c", "from core.cli import main; main()", "--lang", "en", "db"],
                             capture_output=True, text=True, env={**env, "COLUMNS": "200"}, cwd=tmp_path)
    assert "Database schema (Alembic migrations)." in english.stdout and english.stdout.count("Usage:") == 1
