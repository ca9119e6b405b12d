"""A county's own hall from an empty database: the CLI, a Runtime on the same database, XLSX files made here."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import httpx
from openpyxl import Workbook
from typer.testing import CliRunner

from core.cli import app as cli
from core.config import Settings
from core.runtime import Runtime

SECRET = "setup-test-secret-key-long-enough-for-hs256"
SAMPLES = Path(__file__).resolve().parents[2] / "core" / "imports" / "samples"
runner = CliRunner()


def tingwu(args, url, *, input: str | None = None, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("TINGWU_") and k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    return runner.invoke(cli, args, input=input, env={**base, "TINGWU_DATABASE_URL": url, "TINGWU_SECRET_KEY": SECRET, **env})


def xlsx(path: Path, header: list[str], rows: list[list]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@contextlib.asynccontextmanager
async def graphql_on(url: str):
    """A GraphQL client against a Tingwu app on ``url`` (the database the CLI used)."""
    from core.app import create_app

    runtime = Runtime.create(Settings(database_url=url, env="development", secret_key=SECRET))
    app = create_app(runtime, check_on_startup=False)
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://tingwu.test") as http:
            yield http
    finally:
        await runtime.close()


async def gql(http, query: str, variables: dict | None = None, token: str | None = None) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await http.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert not body.get("errors"), body["errors"]
    return body["data"]


async def run_cli(args, url, **kwargs):
    """The CLI from an async test: in a thread (it runs its own event loop)."""
    import asyncio

    return await asyncio.to_thread(tingwu, args, url, **kwargs)
