"""On PostgreSQL a call made through this process reaches a calling screen connected to another server process
(a real `uvicorn` worker sharing the database): LISTEN/NOTIFY carries it."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys

import httpx
import pytest
import sqlalchemy as sa

from core.graphql.relay import to_global_id
from tests.factories import make_hall, make_user
from tests.queue.test_subscriptions import CALL, SCREEN, TAKE

pytestmark = pytest.mark.db


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _wait_until_ready(url: str, process, timeout: float = 30) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    async with httpx.AsyncClient() as client:
        while loop.time() < deadline:
            if process.poll() is not None:
                raise AssertionError(f"server exited: {process.stderr.read().decode()[-2000:]}")
            try:
                if (await client.get(url, timeout=1)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise AssertionError("server did not become ready")


async def _listening_connections(db) -> int:
    """Connections to this database whose last statement was a LISTEN (each process's event listener)."""
    async with db.session() as session:
        return (await session.execute(sa.text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'"
        ))).scalar_one()


async def test_a_screen_on_another_server_process_receives_the_call(backend, gql, db, runtime, database_url, clock):
    if backend != "postgresql":
        pytest.skip("several server processes share a database only on PostgreSQL")
    import websockets

    graph = await make_hall(db, jurisdiction="panyu")
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    hall_id = to_global_id("Hall", graph.hall.id)
    await gql.data(TAKE, {"hall": hall_id, "item": graph.items[0].code})
    listening_before = await _listening_connections(db)
    port = _free_port()
    env = {**os.environ, "TINGWU_DATABASE_URL": database_url, "TINGWU_SECRET_KEY": runtime.settings.secret_key,
           "TINGWU_ENV": "development"}
    env.pop("TINGWU_REDIS_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "core.asgi:app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        await _wait_until_ready(f"http://127.0.0.1:{port}/healthz", server)
        async with websockets.connect(f"ws://127.0.0.1:{port}/graphql", subprotocols=["graphql-transport-ws"]) as ws:
            await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
            assert json.loads(await asyncio.wait_for(ws.recv(), 10))["type"] == "connection_ack"
            await ws.send(json.dumps({"id": "1", "type": "subscribe",
                                      "payload": {"query": SCREEN, "variables": {"hall": hall_id}}}))
            # The other process starts listening when its first subscription runs.
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 10
            while await _listening_connections(db) <= listening_before:
                assert loop.time() < deadline, "the other process never listened"
                await asyncio.sleep(0.05)
            called = await gql.data(CALL, {"window": to_global_id("Window", graph.windows[0].id)},
                                    headers=admin["headers"])
            assert called["callNextTicket"]["ticket"]["number"] == "A001"
            message = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert message["type"] == "next", message
            line = message["payload"]["data"]["callingScreen"]
            assert (line["ticketNumber"], line["windowNumber"], line["text"]) == ("A001", "A01", "请A001号到A01号窗口办理")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
