"""The `tingwu` command line."""

from __future__ import annotations

import asyncio
from pathlib import Path

import typer

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

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema.graphql"


def fail(message: str) -> None:
    typer.echo(f"tingwu: {message}", err=True)
    raise typer.Exit(code=1)


def runtime_or_exit():
    try:
        return build_runtime()
    except StartupError as exc:
        fail(str(exc))


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

    runtime = runtime_or_exit()

    async def load():
        try:
            await check_database(runtime)
            return await load_demo(runtime.db, jurisdiction_infos=runtime.plugins.enabled)
        finally:
            await runtime.db.dispose()

    try:
        summary = asyncio.run(load())
    except StartupError as exc:
        fail(str(exc))
    typer.echo(f"demo data loaded: {summary}")


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


if __name__ == "__main__":
    app()
