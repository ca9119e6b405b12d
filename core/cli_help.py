"""`tingwu --help` in the command line's language: Chinese by default, English with ``--lang en`` or ``LANG=en_*``.

Commands and options are declared with English help (docstrings and ``help=``), as typer wants them at
import time. The root group (:class:`LocalizedGroup`) picks the language when it parses its arguments —
``--lang`` anywhere on the line, else ``LC_ALL``/``LC_MESSAGES``/``LANG`` — and sets every command's and
option's help text in the whole command tree from :data:`HELP_ZH` before anything is shown: root help,
a group's help (``tingwu db``), a command's help and usage errors all follow the choice. A text without a
Chinese entry stays English (``tests/test_cli.py`` checks that every one has an entry).
"""

from __future__ import annotations

import inspect

from typer.core import TyperGroup

from core.cli_text import language, set_language

#: English help text (as ``inspect.cleandoc`` gives it) -> Chinese.
HELP_ZH: dict[str, str] = {
    # tingwu
    "Tingwu (厅务): government service halls behind one GraphQL API.": "厅务（Tingwu）：政务服务大厅的开放平台，一个 GraphQL 接口。",
    "zh (default) or en; LANG=en_* also gives English.": "zh（默认）或 en；LANG=en_* 时也用英文。",
    "Install completion for the current shell.": "为当前 shell 安装命令补全。",
    "Show completion for the current shell, to copy it or customize the installation.":
        "显示当前 shell 的命令补全脚本，可复制或自行安装。",
    "Check configuration and database, then serve GraphQL at /graphql.": "检查配置和数据库，然后在 /graphql 提供 GraphQL 服务。",
    "Interface to listen on (default TINGWU_HOST or 127.0.0.1).": "监听的网络接口（默认 TINGWU_HOST 或 127.0.0.1）。",
    "Port (default TINGWU_PORT or 8000).": "端口（默认 TINGWU_PORT 或 8000）。",
    "Worker processes (default: the number of cores in production, 1 in development).":
        "工作进程数（默认：生产环境为 CPU 核数，开发环境为 1）。",
    # tingwu db
    "Database schema (Alembic migrations).": "数据库结构（Alembic 迁移）、备份与恢复。",
    "Apply migrations up to REVISION (default: head).": "执行迁移直到 REVISION（默认：最新版本 head）。",
    "Revert migrations down to REVISION.": "回退迁移到 REVISION。",
    "Target revision, e.g. -1 or base.": "目标版本，例如 -1 或 base。",
    "Show the database's revision and the code's head.": "显示数据库的版本和代码的最新版本。",
    "备份: a consistent copy while Tingwu serves (SQLite online backup API; pg_dump for PostgreSQL).":
        "备份：服务运行时也能得到一致的副本（SQLite 在线备份接口；PostgreSQL 用 pg_dump）。",
    "Where to write the backup (not overwritten).": "备份文件的位置（已存在的文件不会被覆盖）。",
    "恢复: put a backup back; everything in the database is replaced by the backup (stop the workers first).":
        "恢复：把备份放回数据库，数据库的全部内容被备份替换（请先停止服务进程）。",
    "A backup made by `tingwu db backup`.": "由 tingwu db backup 生成的备份。",
    "Do not ask: replace the database's contents.": "不再询问，直接替换数据库的内容。",
    # tingwu demo, plugins, schema
    "Demo data.": "演示数据。",
    "Load demo data for the enabled jurisdictions (idempotent: a second run changes nothing).":
        "为已启用的辖区载入演示数据（可重复执行：再次运行不会改变任何内容）。",
    "Jurisdiction plugins.": "辖区插件。",
    "List installed jurisdiction plugins and whether each is enabled.": "列出已安装的辖区插件及其是否启用。",
    "The GraphQL schema.": "GraphQL 结构。",
    "Write the GraphQL schema (SDL) that front-end teams build against.": "导出前端团队所依据的 GraphQL 结构（SDL）。",
    "Where to write the SDL.": "SDL 文件的写入位置。",
    # tingwu users, token
    "Users and their roles.": "用户及其角色。",
    "Add a user, optionally mapped to a staff member and granted roles.": "添加用户，可关联窗口工作人员并授予角色。",
    "Display name (default: the username).": "显示名称（默认：用户名）。",
    "Ask for a password for signIn (hidden prompt, twice).": "为登录（signIn）设置密码（隐藏输入，输入两次）。",
    "Read the password from the first line of stdin.": "从标准输入的第一行读取密码。",
    "Map the user to a staff member by 工号.": "按工号关联一名窗口工作人员。",
    "ROLE@DOMAIN, e.g. hall_admin@hall:<uuid>; repeatable.": "角色@范围，例如 hall_admin@hall:<uuid>；可重复。",
    "Grant a role to a user in a domain.": "在某一范围内授予用户角色。",
    "ROLE@DOMAIN, e.g. chief_representative@dept:<uuid>": "角色@范围，例如 chief_representative@dept:<uuid>",
    "List every user: username, active or disabled, display name, roles.": "列出全部用户：用户名、启用或停用、显示名称、角色。",
    "One user: roles, staff mapping and live tokens.": "查看一个用户：角色、关联的工作人员和有效令牌。",
    "停用: the user signs in no more and every token of theirs stops working at once, in every worker.":
        "停用：该用户不能再登录，其全部令牌在所有服务进程中立即失效。",
    "启用 a disabled user again (old tokens stay revoked: issue new ones).": "重新启用已停用的用户（旧令牌仍然作废，请签发新令牌）。",
    "Revoke a role granted in a domain.": "撤销在某一范围内授予的角色。",
    "ROLE@DOMAIN, as granted": "角色@范围，与授予时相同",
    "Bearer tokens.": "访问令牌（Bearer token）。",
    "Issue a bearer token for a user (printed on stdout).": "为用户签发访问令牌（输出到标准输出）。",
    "Username.": "用户名。",
    "Lifetime: 30m, 8h, 7d …": "有效期：30m、8h、7d …",
    "What the token is for (shown in listings).": "令牌的用途（在列表中显示）。",
    "Revoke a token before it expires.": "在令牌到期前作废它。",
    "The token's id (its jti), or the token itself.": "令牌的编号（jti），或令牌本身。",
    "List tokens: id, user, issued, expires, state, note (never the token itself).":
        "列出令牌：编号、用户、签发时间、到期时间、状态、用途（从不显示令牌本身）。",
    "Only this user's tokens.": "只列出该用户的令牌。",
    "Also expired and revoked tokens.": "也列出已过期和已作废的令牌。",
    # tingwu jobs, attendance, rollups
    "Scheduled jobs (run from cron or a timer; safe to run twice or at once).":
        "定时任务（由 cron 或定时器运行；重复或同时运行都是安全的）。",
    "上报: send the outbox to the provincial Tingwu (TINGWU_PROVINCE_URL, TINGWU_PROVINCE_TOKEN), at least once.":
        "上报：把待上报事件发送到省级厅务（TINGWU_PROVINCE_URL、TINGWU_PROVINCE_TOKEN），至少送达一次。",
    "Events per request to the province.": "每次请求发送给省级平台的事件数。",
    "Stop after this many batches (default: until empty).": "发送这么多批后停止（默认：直到发完）。",
    "List the registered jobs, in the order `tingwu jobs run` runs them.": "按 tingwu jobs run 的执行顺序列出已登记的任务。",
    "Run every due job once: default ratings, rating reminders, …": "把每个到期的任务运行一次：默认评价、评价提醒……",
    "Run just this job (see `tingwu jobs list`).": "只运行这个任务（见 tingwu jobs list）。",
    "Run as of this ISO time, e.g. 2026-11-18T09:00+08:00 (default: now).":
        "按这个 ISO 时间运行，例如 2026-11-18T09:00+08:00（默认：现在）。",
    "Attendance jobs.": "考勤任务。",
    "日终核定: record every missing check-in of the day in each hall (run after the last check-in).":
        "日终核定：记录各大厅当天缺少的每次签到（在最后一次签到之后运行）。",
    "YYYY-MM-DD (default: today, China Standard Time).": "YYYY-MM-DD（默认：今天，北京时间）。",
    "Only these halls (ids); default: every hall of the enabled jurisdictions.": "只处理这些大厅（编号）；默认：已启用辖区的全部大厅。",
    "Rollups (日汇总) behind every bulletin.": "日汇总：各类通报所依据的每日统计。",
    "Re-count the rollups of a period from cases, tickets, ratings and complaints, one transaction a day.\n\n"
    "The rollups are kept exact by every write; rebuild after restoring raw rows from a backup, after a bulk\n"
    "load that bypassed Tingwu, or to check them. Safe while Tingwu runs (each day is replaced atomically).":
        "按办件、取号、评价和投诉重新统计一段时间的日汇总，每天一个事务。\n\n"
        "日汇总随每次写入保持准确；从备份恢复原始数据后、绕过厅务批量载入数据后，或需要核对时重建。"
        "服务运行时也可执行（每天的数据原子地替换）。",
    "First local day (YYYY-MM-DD); default: the first day with data.": "第一天（YYYY-MM-DD，北京时间）；默认：有数据的第一天。",
    "Last local day (YYYY-MM-DD); default: the last day with data.": "最后一天（YYYY-MM-DD，北京时间）；默认：有数据的最后一天。",
    "Only these halls (ids); default: every hall.": "只处理这些大厅（编号）；默认：全部大厅。",
    # tingwu keys, privacy
    "Keys for personal data (SM4-GCM / AES-256-GCM data keys, HMAC-SM3 index key).":
        "个人信息密钥（SM4-GCM / AES-256-GCM 数据密钥，HMAC-SM3 索引密钥）。",
    "Create the key file (owner-only permissions); refuses to overwrite one.": "创建密钥文件（仅所有者可读写）；不会覆盖已有的文件。",
    "sm4-gcm (国密, the default) or aes-256-gcm.": "sm4-gcm（国密，默认）或 aes-256-gcm。",
    "Where to write it (default TINGWU_KEY_FILE).": "密钥文件的写入位置（默认 TINGWU_KEY_FILE）。",
    "The active key and, per table, how many values are not yet sealed under it.": "当前密钥，以及每张表中尚未用它加密的数据条数。",
    "Add a new data key, make it active and re-seal every value under it, with progress (safe while serving).":
        "新增数据密钥并启用，用它重新加密全部数据并显示进度（服务运行时也可执行）。",
    "Keep the active key; finish an interrupted rotation.": "保留当前密钥，完成一次中断的轮换。",
    "Algorithm of the new key (default: that of the current one).": "新密钥的算法（默认：与当前密钥相同）。",
    "Rows per transaction.": "每个事务处理的行数。",
    "Personal data: retention report and run, a citizen's erasure request.": "个人信息：保存期限的报告与执行，群众的删除请求。",
    "Apply the retention periods now (the same as `tingwu jobs run --only privacy.retention`), with a report.":
        "立即执行保存期限（与 tingwu jobs run --only privacy.retention 相同），并给出报告。",
    "Say what would be anonymised or deleted; change nothing.": "只说明将被匿名化或删除的内容，不做任何改动。",
    # tingwu import
    "导入 (import) a catalogue, staff or windows file: all rows or none.": "导入事项目录、工作人员或窗口文件：全部导入或全不导入。",
    "事项目录: 事项编码, 实施编码, 事项名称, 事项类型, 实施部门, 时限, 材料, 收费, 依据 (docs/imports.md).":
        "事项目录：事项编码、实施编码、事项名称、事项类型、实施部门、时限、材料、收费、依据（见 docs/imports.md）。",
    "Also offer every item in this hall (进驻事项).": "同时把每个事项进驻这个大厅（进驻事项）。",
    "The jurisdiction (default: the hall's).": "辖区（默认：大厅所在的辖区）。",
    "窗口工作人员: 工号, 姓名, 部门, 职级, 电话, 窗口, 岗位 (A/B).": "窗口工作人员：工号、姓名、部门、职级、电话、窗口、岗位（A/B）。",
    "The hall's ID.": "大厅的编号。",
    "窗口: 窗口号, 窗口名称, 窗口类型, 部门, 办理事项.": "窗口：窗口号、窗口名称、窗口类型、部门、办理事项。",
    # click's and typer's own words
    "Show this message and exit.": "显示本帮助并退出。",
}

#: typer's rich help: panel titles and markers, as typer writes them -> Chinese.
_RICH_ZH = {"ARGUMENTS_PANEL_TITLE": "参数", "OPTIONS_PANEL_TITLE": "选项", "COMMANDS_PANEL_TITLE": "命令",
            "ERRORS_PANEL_TITLE": "错误", "DEFAULT_STRING": "[默认：{}]", "REQUIRED_LONG_STRING": "[必填]",
            "DEPRECATED_STRING": "（已弃用） "}
_RICH_EN: dict[str, str] = {}


def _texts(command):
    """The command and each of its parameters (the objects whose ``help`` is shown)."""
    yield command
    yield from command.params


def help_texts(command) -> list[str]:
    """Every English help text in the command tree (for the completeness check)."""
    texts = []
    for item in _texts(command):
        english = getattr(item, "_tingwu_help_en", getattr(item, "help", None))
        if english:
            texts.append(inspect.cleandoc(english))
    for sub in getattr(command, "commands", {}).values():
        texts += help_texts(sub)
    return texts


def _say(text: str | None, zh: bool) -> str | None:
    if not text or not zh:
        return text
    return HELP_ZH.get(inspect.cleandoc(text), text)


def _localize_help_option(command, zh: bool) -> None:
    original = getattr(command, "_tingwu_get_help_option", None) or command.get_help_option
    command._tingwu_get_help_option = original

    def get_help_option(ctx):
        option = original(ctx)
        if option is not None:
            option.help = _say("Show this message and exit.", zh)
        return option

    command.get_help_option = get_help_option


def localize(command, zh: bool | None = None) -> None:
    """Set the help of ``command``, its parameters and every command under it in the chosen language."""
    zh = language() == "zh" if zh is None else zh
    for item in _texts(command):
        if not hasattr(item, "_tingwu_help_en"):
            item._tingwu_help_en = getattr(item, "help", None)
        item.help = _say(item._tingwu_help_en, zh)
    if hasattr(command, "short_help"):
        if not hasattr(command, "_tingwu_short_help_en"):
            command._tingwu_short_help_en = command.short_help
        command.short_help = _say(command._tingwu_short_help_en, zh)
    _localize_help_option(command, zh)
    for sub in getattr(command, "commands", {}).values():
        localize(sub, zh)


def _localize_rich(zh: bool) -> None:
    try:
        from typer import rich_utils
    except ImportError:  # pragma: no cover - typer without rich
        return
    for name, chinese in _RICH_ZH.items():
        if hasattr(rich_utils, name):
            _RICH_EN.setdefault(name, getattr(rich_utils, name))
            setattr(rich_utils, name, chinese if zh else _RICH_EN[name])


def language_from_args(args: list[str]) -> str | None:
    """``--lang X`` or ``--lang=X`` on the command line (the last one wins), else None."""
    chosen = None
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            chosen = args[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    return chosen


class LocalizedGroup(TyperGroup):
    """The root `tingwu` group: chooses the language and localizes the whole tree before parsing."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        set_language(language_from_args(args))  # as the --lang callback will (none given: the environment's)
        zh = language() == "zh"
        localize(self, zh)
        _localize_rich(zh)
        return super().parse_args(ctx, args)
