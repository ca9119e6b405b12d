"""The `tingwu` command line."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import typer

from core.cli_help import LocalizedGroup
from core.cli_text import startup_message, t
from core.errors import DomainError
from core.startup import StartupError, build_runtime, check_database

app = typer.Typer(help="Tingwu (厅务): government service halls behind one GraphQL API.", no_args_is_help=True,
                  cls=LocalizedGroup)  # --help in the command line's language (core/cli_help.py)
db_app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)
demo_app = typer.Typer(help="Demo data.", no_args_is_help=True)
plugins_app = typer.Typer(help="Jurisdiction plugins.", no_args_is_help=True)
schema_app = typer.Typer(help="The GraphQL schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(demo_app, name="demo")
app.add_typer(plugins_app, name="plugins")
app.add_typer(schema_app, name="schema")
users_app = typer.Typer(help="Users and their roles.", no_args_is_help=True)
token_app = typer.Typer(help="Bearer tokens.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(token_app, name="token")
jobs_app = typer.Typer(help="Scheduled jobs (run from cron or a timer; safe to run twice or at once).", no_args_is_help=True)
app.add_typer(jobs_app, name="jobs")
attendance_app = typer.Typer(help="Attendance jobs.", no_args_is_help=True)
app.add_typer(attendance_app, name="attendance")
from core.rollups.cli import rollups_app  # noqa: E402

app.add_typer(rollups_app, name="rollups")
from core.pii.cli import keys_app, privacy_app  # noqa: E402  (personal data: keys, retention, erasure)

app.add_typer(keys_app, name="keys")
app.add_typer(privacy_app, name="privacy")

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema.graphql"


def fail(message: str) -> None:
    typer.echo(f"tingwu: {message}", err=True)
    raise typer.Exit(code=1)


@app.callback()
def choose_language(lang: str = typer.Option(None, "--lang", help="zh (default) or en; LANG=en_* also gives English.")) -> None:
    """Tingwu (厅务): government service halls behind one GraphQL API."""
    from core.cli_text import set_language

    set_language(lang)


def main() -> None:
    """The `tingwu` entry point: a mistyped command or option is one line on stderr, never a traceback."""
    try:  # typer vendors click: its exceptions are typer's own
        from typer._click import exceptions as errors
    except ImportError:  # pragma: no cover - typer before it vendored click
        from click import exceptions as errors

    from core.cli_text import set_language

    argv = sys.argv[1:]
    for i, arg in enumerate(argv):  # --lang counts even when the command after it is mistyped
        if arg == "--lang" and i + 1 < len(argv):
            set_language(argv[i + 1])
        elif arg.startswith("--lang="):
            set_language(arg.partition("=")[2])
    try:
        code = app(standalone_mode=False)
    except errors.NoArgsIsHelpError as exc:
        text = exc.format_message()  # the help, which typer's rich formatter has printed already (then empty)
        if text.strip():
            typer.echo(text)
        raise SystemExit(0) from None
    except errors.NoSuchOption as exc:
        typer.echo(f"tingwu: {t('没有选项', 'no such option')} {exc.option_name}", err=True)
        raise SystemExit(2) from None
    except errors.UsageError as exc:
        text = exc.format_message()
        if text.startswith("No such command"):
            name = text.split("'")[1] if "'" in text else text
            text = t(f"没有命令 {name}，见 tingwu --help", f"no command {name}; see tingwu --help")
        typer.echo(f"tingwu: {text}", err=True)
        raise SystemExit(2) from None
    except errors.ClickException as exc:
        typer.echo(f"tingwu: {exc.format_message()}", err=True)
        raise SystemExit(exc.exit_code) from None
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("tingwu: " + t("已取消", "aborted"), err=True)
        raise SystemExit(1) from None
    except Exception as exc:  # a bug: one line here (TINGWU_DEBUG=1 shows the traceback)
        import os

        if os.environ.get("TINGWU_DEBUG"):
            raise
        detail = str(exc).splitlines()[0] if str(exc) else ""
        typer.echo(f"tingwu: {t('内部错误', 'internal error')}: {type(exc).__name__}: {detail} "
                   f"({t('设置 TINGWU_DEBUG=1 查看详情', 'set TINGWU_DEBUG=1 for the traceback')})", err=True)
        raise SystemExit(1) from None
    raise SystemExit(code if isinstance(code, int) else 0)


def runtime_or_exit():
    try:
        return build_runtime()
    except StartupError as exc:
        fail(startup_message(str(exc)))


def on_database(work, *, runtime=None, raw_errors: tuple = ()):
    """Run ``await work(runtime)`` against a reachable, migrated database; a failure is one line, exit 1."""
    runtime = runtime or runtime_or_exit()

    async def go():
        try:
            await check_database(runtime)
            return await work(runtime)
        finally:
            await runtime.db.dispose()

    try:
        return asyncio.run(go())
    except StartupError as exc:
        fail(startup_message(str(exc)))
    except raw_errors:
        raise
    except DomainError as exc:
        from core.cli_text import language

        fail(exc.message(language()))


def run_with_database(work, *, raw_errors: tuple = ()):
    """Run ``work(runtime, session)`` in one write transaction on a migrated database."""

    async def in_transaction(runtime):
        async with runtime.db.transaction() as session:
            return await work(runtime, session)

    return on_database(in_transaction, raw_errors=raw_errors)


@app.command()
def serve(
    host: str = typer.Option(None, help="Interface to listen on (default TINGWU_HOST or 127.0.0.1)."),
    port: int = typer.Option(None, help="Port (default TINGWU_PORT or 8000)."),
    workers: int = typer.Option(None, help="Worker processes (default: the number of cores in production, 1 in development)."),
) -> None:
    """Check configuration and database, then serve GraphQL at /graphql."""
    import uvicorn

    from core.app import create_app
    from core.serve import default_workers, serve_forked

    runtime = runtime_or_exit()

    async def check():
        try:
            await check_database(runtime)
        finally:
            await runtime.db.dispose()

    try:
        asyncio.run(check())
    except StartupError as exc:
        fail(startup_message(str(exc)))
    host = host or runtime.settings.host
    port = port or runtime.settings.port
    if workers is None:
        settings = runtime.settings
        workers = default_workers(production=settings.is_production,
                                  events_cross_processes=bool(settings.redis_url) or not runtime.db.is_sqlite)
    if workers < 1:
        fail(t("--workers 至少为 1", "--workers must be at least 1"))
    typer.echo(t(f"厅务 GraphQL 服务已启动：http://{host}:{port}/graphql（{runtime.settings.env}，{workers} 个进程）",
                 f"Tingwu serving GraphQL at http://{host}:{port}/graphql ({runtime.settings.env}, {workers} worker"
                 f"{'s' if workers > 1 else ''})"))
    from core import observability

    if workers > 1:
        observability.prepare_multiprocess()  # before the workers start: /metrics adds up every worker
    observability.configure_logging()
    log_config = observability.uvicorn_log_config()
    if workers > 1:
        # Forked after start-up with the collector frozen, so the workers share the start-up heap (core/serve.py).
        serve_forked(create_app(runtime), host=host, port=port, workers=workers, log_config=log_config)
    else:
        uvicorn.run(create_app(runtime), host=host, port=port, log_config=log_config)


@db_app.command("upgrade")
def db_upgrade(revision: str = typer.Argument("head")) -> None:
    """Apply migrations up to REVISION (default: head)."""
    from core.db import migrations

    runtime = runtime_or_exit()
    try:
        migrations.upgrade(runtime.settings.database_url, revision)
    except Exception as exc:  # alembic/driver errors: show one line, not a traceback
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        fail(t(f"升级失败：{first}", f"upgrade failed: {first}"))
    typer.echo(t(f"数据库已升级到 {revision}", f"database upgraded to {revision}"))


@db_app.command("downgrade")
def db_downgrade(revision: str = typer.Argument(..., help="Target revision, e.g. -1 or base.")) -> None:
    """Revert migrations down to REVISION."""
    from core.db import migrations

    runtime = runtime_or_exit()
    migrations.downgrade(runtime.settings.database_url, revision)
    typer.echo(t(f"数据库已降级到 {revision}", f"database downgraded to {revision}"))


@db_app.command("current")
def db_current() -> None:
    """Show the database's revision and the code's head."""
    from core.db import migrations

    runtime = runtime_or_exit()

    async def current():
        try:
            return await migrations.current_revisions(runtime.db.engine)
        finally:
            await runtime.db.dispose()

    revisions = asyncio.run(current())
    heads = migrations.head_revisions()
    current = ', '.join(sorted(revisions)) or t('（空）', '(empty)')
    typer.echo(t(f"数据库：{current}", f"database: {current}"))
    typer.echo(t(f"代码最新版本：{', '.join(sorted(heads))}", f"code head: {', '.join(sorted(heads))}"))


@db_app.command("backup")
def db_backup(file: Path = typer.Argument(..., help="Where to write the backup (not overwritten).")) -> None:
    """备份: a consistent copy while Tingwu serves (SQLite online backup API; pg_dump for PostgreSQL)."""
    from core.db.backup import BackupError, backup

    runtime = runtime_or_exit()
    try:
        result = backup(runtime.settings.database_url, file)
    except BackupError as exc:
        fail(t(exc.zh, exc.en))
    typer.echo(t(f"已备份到 {result.path}（{result.size} 字节，{result.kind}）", f"backed up to {result.path} ({result.size} bytes, {result.kind})"))


@db_app.command("restore")
def db_restore(file: Path = typer.Argument(..., help="A backup made by `tingwu db backup`."),
               yes: bool = typer.Option(False, "--yes", help="Do not ask: replace the database's contents.")) -> None:
    """恢复: put a backup back; everything in the database is replaced by the backup (stop the workers first)."""
    from core.db.backup import BackupError, restore

    runtime = runtime_or_exit()
    if not yes and not typer.confirm(t("数据库的全部内容将被备份替换，继续吗？", "Replace everything in the database with the backup?")):
        fail(t("已取消", "aborted"))
    try:
        result = restore(runtime.settings.database_url, file)
    except BackupError as exc:
        fail(t(exc.zh, exc.en))
    typer.echo(t(f"已从 {result.path} 恢复（{result.kind}），请运行 tingwu db upgrade 以防备份早于当前版本",
                 f"restored from {result.path} ({result.kind}); run `tingwu db upgrade` in case the backup is older than the code"))


@demo_app.command("load")
def demo_load() -> None:
    """Load demo data for the enabled jurisdictions (idempotent: a second run changes nothing)."""
    from core.demo.load import load_demo

    summary = on_database(lambda runtime: load_demo(runtime.db, jurisdiction_infos=runtime.plugins.enabled,
                                                    plugins=runtime.plugins))
    typer.echo(t(f"演示数据：{summary}", f"demo data: {summary}"))


@plugins_app.command("list")
def plugins_list() -> None:
    """List installed jurisdiction plugins and whether each is enabled."""
    runtime = runtime_or_exit()
    for code, installed in runtime.plugins.installed.items():
        info = installed.info
        mark = "enabled " if installed.enabled else "disabled"
        typer.echo(f"{code:10} {mark} {info.name} ({info.province}) v{info.plugin_version} [{installed.distribution or 'in-process'}]")


@schema_app.command("export")
def schema_export(
    output: Path = typer.Option(SCHEMA_FILE, "--output", "-o", help="Where to write the SDL."),
) -> None:
    """Write the GraphQL schema (SDL) that front-end teams build against."""
    from core.graphql.schema import schema_sdl

    output.write_text(schema_sdl(), encoding="utf-8")
    typer.echo(t(f"GraphQL 结构已写入 {output}", f"schema written to {output}"))


@attendance_app.command("close-day")
def attendance_close_day(
    day: str = typer.Option(None, help="YYYY-MM-DD (default: today, China Standard Time)."),
    hall: list[str] = typer.Option(None, help="Only these halls (ids); default: every hall of the enabled jurisdictions."),
) -> None:
    """日终核定: record every missing check-in of the day in each hall (run after the last check-in)."""
    import uuid
    from datetime import date as date_type

    from core import clock
    from core.attendance.jobs import close_days

    try:
        when = date_type.fromisoformat(day) if day else clock.today()
        halls = [uuid.UUID(h) for h in hall] if hall else None
    except ValueError as exc:
        fail(t(f"--day 或 --hall 不正确：{exc}", f"bad --day or --hall: {exc}"))
    results = on_database(lambda runtime: close_days(runtime, day=when, hall_ids=halls))
    for result in results:
        outcome = f"closed, {result.recorded} missing recorded" if result.skipped is None else f"skipped ({result.skipped})"
        typer.echo(f"{result.hall_name}: {outcome}")



def read_password(ask: bool, from_stdin: bool) -> str | None:
    """A password from a hidden prompt or stdin's first line (never argv, never shell history)."""
    import sys

    from core.cli_text import t

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif ask:
        password = typer.prompt(t("密码", "Password"), hide_input=True, confirmation_prompt=True)
    else:
        return None
    if len(password) < 8:
        fail(t("密码至少8个字符", "the password needs at least 8 characters"))
    return password


@users_app.command("add")
def users_add(
    username: str,
    display_name: str = typer.Option(None, "--name", help="Display name (default: the username)."),
    ask_password: bool = typer.Option(False, "--password", help="Ask for a password for signIn (hidden prompt, twice)."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from the first line of stdin."),
    staff_number: str = typer.Option(None, "--staff", help="Map the user to a staff member by 工号."),
    role: list[str] = typer.Option([], "--role", help="ROLE@DOMAIN, e.g. hall_admin@hall:<uuid>; repeatable."),
) -> None:
    """Add a user, optionally mapped to a staff member and granted roles."""
    import sqlalchemy as sa

    from core.audit import service as audit_service
    from core.auth import service as auth_service
    from core.auth.roles import Role
    from core.staff.models import Staff

    password = read_password(ask_password, password_stdin)

    async def work(runtime, session):
        staff_id = None
        if staff_number:
            staff = (await session.execute(sa.select(Staff).where(Staff.staff_number == staff_number))).scalars().all()
            if len(staff) != 1:
                raise DomainError("NOT_FOUND", {"what": f"工号 {staff_number}", "what_en": f"staff number {staff_number} (found {len(staff)})"})
            staff_id = staff[0].id
        user = await auth_service.create_user(session, username=username, display_name=display_name or username,
                                              password=password, staff_id=staff_id)
        for spec in role:
            role_name, domain = await auth_service.parse_grant(session, spec, enabled=frozenset(runtime.plugins.installed),
                                                                provinces={i.info.province_code for i in runtime.plugins.installed.values()})
            await auth_service.grant_role(session, user_id=user.id, role=role_name, domain=domain)
        audit_service.record(session, actor=None, action="cli:users add", outcome="ok", target_type="User",
                             target_id=user.id, after={"username": username, "roles": list(role)})
        return user

    user = run_with_database(work)
    typer.echo(t(f"已添加用户 {user.username}（id {user.id}）", f"user {user.username} added (id {user.id})"))


@users_app.command("grant")
def users_grant(username: str, spec: str = typer.Argument(..., help="ROLE@DOMAIN, e.g. chief_representative@dept:<uuid>")) -> None:
    """Grant a role to a user in a domain."""
    from core.audit import service as audit_service
    from core.auth import service as auth_service
    from core.auth.roles import Role

    async def work(runtime, session):
        user = await auth_service.get_user(session, username=username)
        if user is None:
            raise DomainError("NOT_FOUND", {"what": username, "what_en": f"user {username}"})
        role, domain = await auth_service.parse_grant(session, spec, enabled=frozenset(runtime.plugins.installed),
                                                                provinces={i.info.province_code for i in runtime.plugins.installed.values()})
        changed = await auth_service.grant_role(session, user_id=user.id, role=role, domain=domain)
        audit_service.record(session, actor=None, action="cli:users grant", outcome="ok", domain=domain,
                             target_type="User", target_id=user.id, after={"role": role.value, "changed": changed})
        return changed

    typer.echo(t("已授予", "granted") if run_with_database(work) else t("此前已授予", "already granted"))


@token_app.command("issue")
def token_issue(
    user: str = typer.Option(..., "--user", help="Username."),
    ttl: str = typer.Option("8h", "--ttl", help="Lifetime: 30m, 8h, 7d …"),
    note: str = typer.Option(None, help="What the token is for (shown in listings)."),
) -> None:
    """Issue a bearer token for a user (printed on stdout)."""
    from core.auth import service as auth_service
    from core.auth.tokens import parse_ttl

    try:
        lifetime = parse_ttl(ttl)
    except ValueError as exc:
        fail(str(exc))

    async def work(runtime, session):
        account = await auth_service.get_user(session, username=user)
        if account is None or not account.active:
            raise DomainError("NOT_FOUND", {"what": user, "what_en": f"active user {user}"})
        token, _ = await auth_service.issue_token(session, user=account, secret=runtime.secret_key, ttl=lifetime, note=note)
        return token

    typer.echo(run_with_database(work))


@token_app.command("revoke")
def token_revoke(token_id: str = typer.Argument(..., help="The token's id (its jti), or the token itself.")) -> None:
    """Revoke a token before it expires."""
    import uuid as uuid_module

    import jwt

    from core.auth import service as auth_service

    try:
        jti = uuid_module.UUID(token_id)
    except ValueError:
        try:
            jti = uuid_module.UUID(jwt.decode(token_id, options={"verify_signature": False})["jti"])
        except (jwt.PyJWTError, KeyError, ValueError):
            fail(t("既不是令牌 ID 也不是令牌", "not a token id or a token"))

    async def work(runtime, session):
        return await auth_service.revoke_token(session, token_id=jti)

    typer.echo(t("已吊销", "revoked") if run_with_database(work) else t("没有这个有效令牌", "no such live token"))


@jobs_app.command("deliver-outbox")
def jobs_deliver_outbox(
    batch_size: int = typer.Option(100, "--batch-size", min=1, max=500, help="Events per request to the province."),
    max_batches: int = typer.Option(None, "--max-batches", min=1, help="Stop after this many batches (default: until empty)."),
) -> None:
    """上报: send the outbox to the provincial Tingwu (TINGWU_PROVINCE_URL, TINGWU_PROVINCE_TOKEN), at least once."""
    from core.outbox import service as outbox_service
    from core.outbox.delivery import HttpProvinceTransport, deliver_outbox

    runtime = runtime_or_exit()
    settings = runtime.settings
    if not settings.province_url or not settings.province_token:
        fail("set TINGWU_PROVINCE_URL (the provincial Tingwu's /graphql) and TINGWU_PROVINCE_TOKEN (a county_reporter's token)")

    async def deliver(runtime):
        report = await deliver_outbox(runtime.db, HttpProvinceTransport(settings.province_url, settings.province_token),
                                      batch_size=batch_size, max_batches=max_batches)
        async with runtime.db.session() as session:
            return report, await outbox_service.pending_count(session)

    report, pending = on_database(deliver, runtime=runtime)
    typer.echo(f"delivered {report.acknowledged} of {report.sent} events sent in {report.batches} batches; {pending} pending")
    if not report.ok:
        fail(f"delivery stopped: {report.error} (the events stay in the outbox; run again)")


@jobs_app.command("list")
def jobs_list() -> None:
    """List the registered jobs, in the order `tingwu jobs run` runs them."""
    from core.jobs import registered_jobs

    for job in registered_jobs():
        typer.echo(f"{job.name:24} {job.title}")


@jobs_app.command("run")
def jobs_run(
    only: str = typer.Option(None, "--only", help="Run just this job (see `tingwu jobs list`)."),
    now: str = typer.Option(None, "--now", help="Run as of this ISO time, e.g. 2026-11-18T09:00+08:00 (default: now)."),
) -> None:
    """Run every due job once: default ratings, rating reminders, …"""
    from datetime import datetime, timezone

    from core.jobs import registered_jobs, run_jobs

    as_of = None
    if now:
        try:
            as_of = datetime.fromisoformat(now)
        except ValueError:
            fail(t(f"--now：不是 ISO 时间：{now}", f"--now: not an ISO time: {now}"))
        if as_of.tzinfo is None:
            fail(t("--now：请给出时区偏移，例如 +08:00", "--now: give a time zone offset, e.g. +08:00"))
        as_of = as_of.astimezone(timezone.utc)
    if only and only not in {job.name for job in registered_jobs()}:
        fail(t(f"没有名为 {only} 的任务，见 tingwu jobs list", f"no job named {only}; see `tingwu jobs list`"))
    results = on_database(lambda runtime: run_jobs(runtime, now=as_of, only=only))
    for name, result in results.items():
        detail = ", ".join(f"{code} {count}" for code, count in result.changed.items() if count) or "nothing due"
        typer.echo(f"{name}: {result.total} ({detail})")


from core import cli_setup  # noqa: E402,F401  (registers `tingwu import`, users list/show/disable/…, token list)

if __name__ == "__main__":
    main()
