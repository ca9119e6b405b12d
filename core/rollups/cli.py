"""`tingwu rollups …`: rebuild the daily rollups from the raw rows."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import typer

rollups_app = typer.Typer(help="Rollups (日汇总) behind every bulletin.", no_args_is_help=True)


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value}", param_hint=option) from None


@rollups_app.command("rebuild")
def rollups_rebuild(
    from_: str = typer.Option(None, "--from", help="First local day (YYYY-MM-DD); default: the first day with data."),
    to: str = typer.Option(None, "--to", help="Last local day (YYYY-MM-DD); default: the last day with data."),
    hall: list[str] = typer.Option(None, help="Only these halls (ids); default: every hall."),
) -> None:
    """Re-count the rollups of a period from cases, tickets, ratings and complaints, one transaction a day.

    The rollups are kept exact by every write; rebuild after restoring raw rows from a backup, after a bulk
    load that bypassed Tingwu, or to check them. Safe while Tingwu runs (each day is replaced atomically)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from core.cli import fail, on_database
    from core.rollups import service as rollups_service

    first, last = _day(from_, "--from"), _day(to, "--to")
    try:
        hall_ids = [uuid.UUID(h) for h in hall] if hall else None
    except ValueError as exc:
        fail(f"bad --hall: {exc}")
    console = Console(stderr=True)

    async def work(runtime):
        nonlocal first, last
        if first is None or last is None:
            async with runtime.db.session() as session:
                extent = await rollups_service.raw_extent(session)
            if extent is None:
                return 0, None, None
            first, last = first or extent[0], last or extent[1]
        if last < first:
            fail(f"--to {last} is before --from {first}")
        total = (last - first).days + 1
        columns = (TextColumn("[bold]rollups[/]"), BarColumn(), MofNCompleteColumn(), TextColumn("days"),
                   TextColumn("[cyan]{task.fields[day]}"), TimeElapsedColumn(), TimeRemainingColumn())
        with Progress(*columns, console=console, transient=False) as progress:
            task = progress.add_task("rebuild", total=total, day="")
            day = first
            while day <= last:
                async with runtime.db.transaction() as session:
                    await rollups_service.rebuild(session, first=day, last=day, hall_ids=hall_ids)
                progress.update(task, advance=1, day=day.isoformat())
                day += timedelta(days=1)
        return total, first, last

    days, first_done, last_done = on_database(work)
    if not days:
        typer.echo("rollups: no cases, tickets, ratings or complaints yet; nothing to rebuild")
        return
    scope = f"{len(hall_ids)} hall(s)" if hall_ids else "every hall"
    typer.echo(f"rollups: rebuilt {days} day(s), {first_done} to {last_done}, {scope}")
