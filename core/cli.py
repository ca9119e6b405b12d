"""The `tingwu` command line."""

from __future__ import annotations

import asyncio
from pathlib import Path

import typer

from core.errors import DomainError
from core.startup import StartupError, build_runtime, check_database

app = typer.Typer(help="Tingwu (厅务): government service halls behind one GraphQL API.", no_args_is_help=True)
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
from core.pii.cli import keys_app, privacy_app  # noqa: E402  (personal data: keys, retention, erasure)

app.add_typer(keys_app, name="keys")
app.add_typer(privacy_app, name="privacy")

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema.graphql"


def fail(message: str) -> None:
    typer.echo(f"tingwu: {message}", err=True)
    raise typer.Exit(code=1)


def runtime_or_exit():
    try:
        return build_runtime()
    except StartupError as exc:
        fail(str(exc))


def on_database(work, *, runtime=None):
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
        fail(str(exc))
    except DomainError as exc:
        fail(exc.message("en"))


def run_with_database(work):
    """Run ``work(runtime, session)`` in one write transaction on a migrated database."""

    async def in_transaction(runtime):
        async with runtime.db.transaction() as session:
            return await work(runtime, session)

    return on_database(in_transaction)


@app.command()
def serve(
    host: str = typer.Option(None, help="Interface to listen on (default TINGWU_HOST or 127.0.0.1)."),
    port: int = typer.Option(None, help="Port (default TINGWU_PORT or 8000)."),
    workers: int = typer.Option(1, help="Worker processes."),
) -> None:
    """Check configuration and database, then serve GraphQL at /graphql."""
    import uvicorn

    from core.app import create_app

    runtime = runtime_or_exit()

    async def check():
        try:
            await check_database(runtime)
        finally:
            await runtime.db.dispose()

    try:
        asyncio.run(check())
    except StartupError as exc:
        fail(str(exc))
    host = host or runtime.settings.host
    port = port or runtime.settings.port
    typer.echo(f"Tingwu serving GraphQL at http://{host}:{port}/graphql ({runtime.settings.env})")
    if workers > 1:
        uvicorn.run("core.asgi:app", host=host, port=port, workers=workers, log_level="info")
    else:
        uvicorn.run(create_app(runtime), host=host, port=port, log_level="info")


@db_app.command("upgrade")
def db_upgrade(revision: str = typer.Argument("head")) -> None:
    """Apply migrations up to REVISION (default: head)."""
    from core.db import migrations

    runtime = runtime_or_exit()
    try:
        migrations.upgrade(runtime.settings.database_url, revision)
    except Exception as exc:  # alembic/driver errors: show one line, not a traceback
        fail(f"upgrade failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
    typer.echo(f"database upgraded to {revision}")


@db_app.command("downgrade")
def db_downgrade(revision: str = typer.Argument(..., help="Target revision, e.g. -1 or base.")) -> None:
    """Revert migrations down to REVISION."""
    from core.db import migrations

    runtime = runtime_or_exit()
    migrations.downgrade(runtime.settings.database_url, revision)
    typer.echo(f"database downgraded to {revision}")


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
    typer.echo(f"database: {', '.join(sorted(revisions)) or '(empty)'}")
    typer.echo(f"code head: {', '.join(sorted(heads))}")


@demo_app.command("load")
def demo_load() -> None:
    """Load demo data for the enabled jurisdictions (idempotent: a second run changes nothing)."""
    from core.demo.load import load_demo

    summary = on_database(lambda runtime: load_demo(runtime.db, jurisdiction_infos=runtime.plugins.enabled,
                                                    plugins=runtime.plugins))
    typer.echo(f"demo data: {summary}")


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
    typer.echo(f"schema written to {output}")


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
        fail(f"bad --day or --hall: {exc}")
    results = on_database(lambda runtime: close_days(runtime, day=when, hall_ids=halls))
    for result in results:
        outcome = f"closed, {result.recorded} missing recorded" if result.skipped is None else f"skipped ({result.skipped})"
        typer.echo(f"{result.hall_name}: {outcome}")



@users_app.command("add")
def users_add(
    username: str,
    display_name: str = typer.Option(None, "--name", help="Display name (default: the username)."),
    password: str = typer.Option(None, help="Password for signIn (omit for token-only users)."),
    staff_number: str = typer.Option(None, "--staff", help="Map the user to a staff member by 工号."),
    role: list[str] = typer.Option([], "--role", help="ROLE@DOMAIN, e.g. hall_admin@hall:<uuid>; repeatable."),
) -> None:
    """Add a user, optionally mapped to a staff member and granted roles."""
    import sqlalchemy as sa

    from core.audit import service as audit_service
    from core.auth import service as auth_service
    from core.auth.roles import Role
    from core.staff.models import Staff

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
            name, _, domain = spec.partition("@")
            await auth_service.grant_role(session, user_id=user.id, role=Role(name), domain=domain or "platform")
        audit_service.record(session, actor=None, action="cli:users add", outcome="ok", target_type="User",
                             target_id=user.id, after={"username": username, "roles": list(role)})
        return user

    user = run_with_database(work)
    typer.echo(f"user {user.username} added (id {user.id})")


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
        name, _, domain = spec.partition("@")
        changed = await auth_service.grant_role(session, user_id=user.id, role=Role(name), domain=domain or "platform")
        audit_service.record(session, actor=None, action="cli:users grant", outcome="ok", domain=domain,
                             target_type="User", target_id=user.id, after={"role": name, "changed": changed})
        return changed

    typer.echo("granted" if run_with_database(work) else "already granted")


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
            fail("not a token id or a token")

    async def work(runtime, session):
        return await auth_service.revoke_token(session, token_id=jti)

    typer.echo("revoked" if run_with_database(work) else "no such live token")


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
            fail(f"--now: not an ISO time: {now}")
        if as_of.tzinfo is None:
            fail("--now: give a time zone offset, e.g. +08:00")
        as_of = as_of.astimezone(timezone.utc)
    if only and only not in {job.name for job in registered_jobs()}:
        fail(f"no job named {only}; see `tingwu jobs list`")
    results = on_database(lambda runtime: run_jobs(runtime, now=as_of, only=only))
    for name, result in results.items():
        detail = ", ".join(f"{code} {count}" for code, count in result.changed.items() if count) or "nothing due"
        typer.echo(f"{name}: {result.total} ({detail})")


if __name__ == "__main__":
    app()
