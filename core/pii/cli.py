"""`tingwu keys …` and `tingwu privacy …`: the key file, rotation, retention and erasure from the command line."""

from __future__ import annotations

import time
from pathlib import Path

import typer

keys_app = typer.Typer(help="Keys for personal data (SM4-GCM / AES-256-GCM data keys, HMAC-SM3 index key).",
                       no_args_is_help=True)


def _ring():
    """The configured keyring, or one line saying what is wrong and exit 1."""
    from core.cli import fail
    from core.pii.keys import KeyError_, keyring

    try:
        return keyring(refresh=True)
    except KeyError_ as exc:
        fail(f"personal-data keys: {exc}")


def _path(key_file: str | None) -> Path:
    from core.pii.keys import key_file_path

    return Path(key_file) if key_file else key_file_path()


@keys_app.command("init")
def keys_init(
    algorithm: str = typer.Option("sm4-gcm", help="sm4-gcm (国密, the default) or aes-256-gcm."),
    key_file: str = typer.Option(None, "--key-file", help="Where to write it (default TINGWU_KEY_FILE)."),
) -> None:
    """Create the key file (owner-only permissions); refuses to overwrite one."""
    from core.cli import fail
    from core.pii.keys import KeyError_, create_key_file

    path = _path(key_file)
    if path.exists():
        fail(f"{path} exists already: keep it (values sealed under its keys need it); rotate with `tingwu keys rotate`")
    try:
        data = create_key_file(path, algorithm)
    except KeyError_ as exc:
        fail(str(exc))
    typer.echo(f"created {path}: data key {data['active']} ({algorithm}) and a blind-index key; back it up apart from the database")


@keys_app.command("status")
def keys_status() -> None:
    """The active key and, per table, how many values are not yet sealed under it."""
    from core.cli import on_database
    from core.pii.rekey import pending_count

    ring = _ring()
    typer.echo(f"key file {ring.path}: active key {ring.active.id} ({ring.active.algorithm}); "
               f"{len(ring.keys)} key(s) in the file")

    async def work(runtime):
        async with runtime.db.engine.connect() as conn:
            return await conn.run_sync(lambda sync: pending_count(sync, ring))

    counts = on_database(work)
    for table, count in counts.items():
        typer.echo(f"  {table}: {count} value(s) to re-seal")


@keys_app.command("rotate")
def keys_rotate(
    resume: bool = typer.Option(False, "--resume", help="Keep the active key; finish an interrupted rotation."),
    algorithm: str = typer.Option(None, help="Algorithm of the new key (default: that of the current one)."),
    batch_size: int = typer.Option(500, min=1, help="Rows per transaction."),
) -> None:
    """Add a new data key, make it active and re-seal every value under it, with progress (safe while serving)."""
    from core.cli import fail, on_database
    from core.pii.keys import KeyError_, add_active_key, configure, keyring
    from core.pii.rekey import rotate

    ring = _ring()
    if not resume:
        try:
            new_id = add_active_key(ring.path, algorithm)
        except KeyError_ as exc:
            fail(str(exc))
        typer.echo(f"new active key {new_id} written to {ring.path} (running servers pick it up within a second)")
        time.sleep(1.1)
    configure(ring.path)
    started = time.monotonic()

    async def work(runtime):
        return await rotate(runtime.db, batch_size=batch_size, progress=typer.echo)

    report = on_database(work)
    typer.echo(f"done in {time.monotonic() - started:.1f}s: {report.rewritten} row(s) re-sealed under "
               f"{keyring().active.id}, {report.scanned} scanned. Old keys stay in the file for older backups.")


privacy_app = typer.Typer(help="Personal data: retention report and run, a citizen's erasure request.",
                          no_args_is_help=True)


@privacy_app.command("retention")
def privacy_retention(
    dry_run: bool = typer.Option(False, "--dry-run", help="Say what would be anonymised or deleted; change nothing."),
) -> None:
    """Apply the retention periods now (the same as `tingwu jobs run --only privacy.retention`), with a report."""
    from core.cli import fail, on_database
    from core.db.base import utcnow
    from core.pii.jobs import run_retention
    from core.pii.retention import RetentionConfigError, RetentionPolicy

    async def work(runtime):
        try:
            policy = RetentionPolicy.from_settings(runtime.settings)
        except RetentionConfigError as exc:
            fail(str(exc))
        report = await run_retention(runtime, now=utcnow(), dry_run=dry_run)
        return policy, report

    policy, report = on_database(work)
    typer.echo(("would change" if dry_run else "changed") + f" {report.total} row(s) as of {report.as_of:%Y-%m-%d %H:%M} UTC")
    for line in report.lines():
        typer.echo("  " + line)
