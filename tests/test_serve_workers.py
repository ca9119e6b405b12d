"""`tingwu serve --workers N`: N forked workers on one socket, each answering (compiled reads included)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from core.serve import default_workers
from tests.factories import make_hall
from tests.queue.test_across_processes import _free_port, _wait_until_ready

pytestmark = pytest.mark.db


def test_default_workers_are_the_cores_in_production_only():
    assert default_workers(production=True) == (os.cpu_count() or 1)
    assert default_workers(production=False) == 1
    # SQLite without Redis: live events stay in one process, so one worker serves them all.
    assert default_workers(production=True, events_cross_processes=False) == 1


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


async def test_two_forked_workers_serve_the_same_answers(backend, db, database_url, runtime):
    if backend != "postgresql":
        pytest.skip("several server processes share one database: shown on PostgreSQL")
    graph = await make_hall(db, windows=2)
    port = _free_port()
    env = {**os.environ, "TINGWU_DATABASE_URL": database_url, "TINGWU_SECRET_KEY": runtime.settings.secret_key,
           "TINGWU_ENV": "development", "TINGWU_PORT": str(port)}
    env.pop("TINGWU_REDIS_URL", None)
    server = subprocess.Popen([sys.executable, "-m", "core.cli", "serve", "--workers", "2", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        await _wait_until_ready(f"http://127.0.0.1:{port}/healthz", server, timeout=60)
        assert len(_children(server.pid)) == 2
        async with httpx.AsyncClient() as client:
            for _ in range(6):
                response = await client.post(f"http://127.0.0.1:{port}/graphql",
                                             json={"query": "{ halls { totalCount edges { node { name windows { number } } } } }"})
                assert response.status_code == 200
                halls = response.json()["data"]["halls"]
                assert halls["totalCount"] == 1 and halls["edges"][0]["node"]["name"] == graph.hall.name
                assert [w["number"] for w in halls["edges"][0]["node"]["windows"]] == ["A01", "A02"]
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    assert server.returncode == 0, server.stderr.read().decode()[-2000:]
