"""`tingwu import …`, `tingwu users list|show|disable|enable|revoke`, `tingwu token list`: setting up a hall.

Registered on the command groups of :mod:`core.cli`; every message in the command
line's language (:mod:`core.cli_text`), every failure one line.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import typer

import core.models  # noqa: F401  (every table on the metadata: users reference staff)
from core.cli import app, fail, run_with_database, token_app, users_app
from core.cli_text import t
from core.errors import DomainError

import_app = typer.Typer(help="导入 (import) a catalogue, staff or windows file: all rows or none.", no_args_is_help=True)
app.add_typer(import_app, name="import")


# --- imports -------------------------------------------------------------------------------------------


def _import(kind: str, file: Path, hall: str | None, jurisdiction: str | None) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from core.audit import service as audit_service
    from core.graphql.relay import from_global_id
    from core.halls.models import Hall
    from core.imports.reading import ImportRejectedError
    from core.imports.service import ImportKind, run_import
    from core.cli_text import language

    if not file.is_file():
        fail(t(f"找不到文件 {file}", f"no file {file}"))
    data = file.read_bytes()
    try:
        hall_id = from_global_id(hall, "Hall")[1] if hall else None
    except DomainError:
        fail(t(f"大厅 ID 不正确：{hall}", f"not a hall id: {hall}"))
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        transient=True, disable=not sys.stderr.isatty(), console=Console(stderr=True))
    task = progress.add_task(t("导入", "importing"), total=None)

    def advance(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    async def work(runtime, session):
        target = None
        if hall_id is not None:
            target = await session.get(Hall, hall_id)
            if target is None or not runtime.plugins.is_enabled(target.jurisdiction_code):
                raise DomainError("NOT_FOUND", {"what": f"大厅 {hall}", "what_en": f"hall {hall}"})
        code = target.jurisdiction_code if target else jurisdiction
        if not code or not runtime.plugins.is_enabled(code):
            raise DomainError("JURISDICTION_NOT_ENABLED", {"code": code or "?"})
        report = await run_import(session, kind=ImportKind(kind), data=data, filename=file.name, jurisdiction=code,
                                  hall=target, at=runtime.now(), progress=advance)
        audit_service.record(session, actor=None, action=f"cli:import {kind}", outcome="ok", target_type="Hall" if target else None,
                             target_id=target.id if target else None,
                             after={"file": file.name, "rows": report.rows, "created": report.created,
                                    "updated": report.updated, "unchanged": report.unchanged, **report.details})
        return report

    try:
        with progress:
            report = run_with_database(work, raw_errors=(ImportRejectedError,))
    except ImportRejectedError as exc:
        lang = language()
        typer.echo(t(f"tingwu: 导入被拒，未导入任何数据：{len({p.line for p in exc.problems})}行有错误",
                     f"tingwu: import rejected, nothing was imported: {len({p.line for p in exc.problems})} bad rows"), err=True)
        for problem in exc.problems[:SHOWN_PROBLEMS]:
            typer.echo(f"  {problem.message(lang)}", err=True)
        if len(exc.problems) > SHOWN_PROBLEMS:
            more = len(exc.problems) - SHOWN_PROBLEMS
            typer.echo("  " + t(f"……另有{more}处错误（请先改正以上各行）", f"… and {more} more (fix the rows above first)"), err=True)
        raise typer.Exit(code=1)
    typer.echo(report.summary(language()))


#: Problems the CLI lists before it says how many more there are (GraphQL answers all of them).
SHOWN_PROBLEMS = 100

HALL_OPTION = typer.Option(None, "--hall", help="The hall's ID (global ID or UUID).")


@import_app.command("catalogue")
def import_catalogue(file: Path, hall: str = typer.Option(None, "--hall", help="Also offer every item in this hall (进驻事项)."),
                     jurisdiction: str = typer.Option(None, "--jurisdiction", help="The jurisdiction (default: the hall's).")) -> None:
    """事项目录: 事项编码, 实施编码, 事项名称, 事项类型, 实施部门, 时限, 材料, 收费, 依据 (docs/imports.md)."""
    _import("catalogue", file, hall, jurisdiction)


@import_app.command("staff")
def import_staff(file: Path, hall: str = typer.Option(..., "--hall", help="The hall's ID.")) -> None:
    """窗口工作人员: 工号, 姓名, 部门, 职级, 电话, 窗口, 岗位 (A/B)."""
    _import("staff", file, hall, None)


@import_app.command("windows")
def import_windows(file: Path, hall: str = typer.Option(..., "--hall", help="The hall's ID.")) -> None:
    """窗口: 窗口号, 窗口名称, 窗口类型, 部门, 办理事项."""
    _import("windows", file, hall, None)


# --- users ---------------------------------------------------------------------------------------------


async def _user(session, username: str):
    from core.auth import service as auth_service

    user = await auth_service.get_user(session, username=username)
    if user is None:
        raise DomainError("NOT_FOUND", {"what": f"用户 {username}", "what_en": f"user {username}"})
    return user


async def _grants(session, user_id: uuid.UUID) -> list[tuple[str, str]]:
    import sqlalchemy as sa

    from core.auth.models import CasbinRule
    from core.auth.roles import user_subject

    rows = (await session.execute(sa.select(CasbinRule.v1, CasbinRule.v2).where(
        CasbinRule.ptype == "g", CasbinRule.v0 == user_subject(user_id)).order_by(CasbinRule.v2, CasbinRule.v1))).all()
    return [(role.removeprefix("role:"), domain) for role, domain in rows]


@users_app.command("list")
def users_list() -> None:
    """List every user: username, active or disabled, display name, roles."""
    import sqlalchemy as sa

    from core.auth.models import User

    async def work(runtime, session):
        users = (await session.execute(sa.select(User).order_by(User.username))).scalars().all()
        return [(user, await _grants(session, user.id)) for user in users]

    for user, grants in run_with_database(work):
        state = t("启用", "active") if user.active else t("停用", "disabled")
        roles = ", ".join(f"{role}@{domain}" for role, domain in grants) or "-"
        typer.echo(f"{user.username:20} {state:8} {user.display_name:16} {roles}")


@users_app.command("show")
def users_show(username: str) -> None:
    """One user: roles, staff mapping and live tokens."""
    from core.auth.models import AccessToken
    import sqlalchemy as sa

    from core.timezones import to_local

    async def work(runtime, session):
        user = await _user(session, username)
        tokens = (await session.execute(sa.select(AccessToken).where(
            AccessToken.user_id == user.id, AccessToken.revoked_at.is_(None),
            AccessToken.expires_at > runtime.now()).order_by(AccessToken.issued_at))).scalars().all()
        return user, await _grants(session, user.id), tokens

    user, grants, tokens = run_with_database(work)
    typer.echo(f"{t('用户', 'user')}: {user.username} ({user.display_name}) id {user.id}")
    typer.echo(f"{t('状态', 'state')}: {t('启用', 'active') if user.active else t('停用', 'disabled')}")
    typer.echo(f"{t('工作人员', 'staff')}: {user.staff_id or '-'}")
    for role, domain in grants:
        typer.echo(f"{t('角色', 'role')}: {role}@{domain}")
    typer.echo(f"{t('有效令牌', 'live tokens')}: {len(tokens)}")
    for token in tokens:
        typer.echo(f"  {token.id}  {t('至', 'until')} {to_local(token.expires_at):%Y-%m-%d %H:%M}  {token.note or ''}")


def _set_active(username: str, active: bool) -> int:
    from core.audit import service as audit_service
    from core.auth import service as auth_service

    async def work(runtime, session):
        user = await _user(session, username)
        revoked = await auth_service.set_active(session, user=user, active=active)
        audit_service.record(session, actor=None, action="cli:users " + ("enable" if active else "disable"), outcome="ok",
                             target_type="User", target_id=user.id, after={"active": active, "tokens_revoked": revoked})
        return revoked

    return run_with_database(work)


@users_app.command("disable")
def users_disable(username: str) -> None:
    """停用: the user signs in no more and every token of theirs stops working at once, in every worker."""
    revoked = _set_active(username, False)
    typer.echo(t(f"已停用 {username}，吊销令牌 {revoked} 个", f"{username} disabled, {revoked} tokens revoked"))


@users_app.command("enable")
def users_enable(username: str) -> None:
    """启用 a disabled user again (old tokens stay revoked: issue new ones)."""
    _set_active(username, True)
    typer.echo(t(f"已启用 {username}", f"{username} enabled"))


@users_app.command("revoke")
def users_revoke(username: str, spec: str = typer.Argument(..., help="ROLE@DOMAIN, as granted")) -> None:
    """Revoke a role granted in a domain."""
    from core.audit import service as audit_service
    from core.auth import service as auth_service

    async def work(runtime, session):
        user = await _user(session, username)
        role, domain = await auth_service.parse_grant(session, spec, enabled=frozenset(runtime.plugins.installed),
                                                                provinces={i.info.province_code for i in runtime.plugins.installed.values()})
        changed = await auth_service.revoke_role(session, user_id=user.id, role=role, domain=domain)
        audit_service.record(session, actor=None, action="cli:users revoke", outcome="ok", domain=domain,
                             target_type="User", target_id=user.id, after={"role": role.value, "changed": changed})
        return changed

    typer.echo(t("已撤销", "revoked") if run_with_database(work) else t("该用户没有此角色", "not granted"))


# --- tokens --------------------------------------------------------------------------------------------


@token_app.command("list")
def token_list(user: str = typer.Option(None, "--user", help="Only this user's tokens."),
               all_tokens: bool = typer.Option(False, "--all", help="Also expired and revoked tokens.")) -> None:
    """List tokens: id, user, issued, expires, state, note (never the token itself)."""
    import sqlalchemy as sa

    from core.auth.models import AccessToken, User
    from core.timezones import to_local

    async def work(runtime, session):
        stmt = sa.select(AccessToken, User.username).join(User, User.id == AccessToken.user_id).order_by(AccessToken.issued_at)
        if user:
            stmt = stmt.where(User.username == user)
        if not all_tokens:
            stmt = stmt.where(AccessToken.revoked_at.is_(None), AccessToken.expires_at > runtime.now())
        return runtime.now(), (await session.execute(stmt)).all()

    now, rows = run_with_database(work)
    for token, username in rows:
        state = (t("已吊销", "revoked") if token.revoked_at else t("已过期", "expired") if token.expires_at <= now
                 else t("有效", "live"))
        typer.echo(f"{token.id}  {username:16} {to_local(token.issued_at):%Y-%m-%d %H:%M} → "
                   f"{to_local(token.expires_at):%Y-%m-%d %H:%M}  {state}  {token.note or ''}")
