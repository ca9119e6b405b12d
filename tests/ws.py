"""A websocket client for the ASGI app in the test's own event loop, speaking graphql-transport-ws."""

from __future__ import annotations

import asyncio
import itertools
import json

PROTOCOL = "graphql-transport-ws"


class AsgiWebSocket:
    """``async with AsgiWebSocket(app) as ws: await ws.subscribe(query, variables)``."""

    _ids = itertools.count(1)

    def __init__(self, app, path: str = "/graphql", headers: dict | None = None):
        self.app = app
        self.path = path
        self.headers = headers or {}
        self._incoming: asyncio.Queue = asyncio.Queue()
        self._outgoing: asyncio.Queue = asyncio.Queue()
        self._task: asyncio.Task | None = None

    async def __aenter__(self) -> "AsgiWebSocket":
        headers = [(b"host", b"tingwu.test"), (b"sec-websocket-protocol", PROTOCOL.encode())]
        headers += [(k.lower().encode(), v.encode()) for k, v in self.headers.items()]
        scope = {"type": "websocket", "asgi": {"version": "3.0"}, "scheme": "ws", "path": self.path,
                 "raw_path": self.path.encode(), "query_string": b"", "root_path": "", "headers": headers,
                 "server": ("tingwu.test", 80), "client": ("127.0.0.1", 50000), "subprotocols": [PROTOCOL]}
        self._task = asyncio.create_task(self.app(scope, self._incoming.get, self._outgoing.put))
        await self._incoming.put({"type": "websocket.connect"})
        accepted = await self._next_event()
        assert accepted["type"] == "websocket.accept", accepted
        return self

    async def __aexit__(self, *exc) -> None:
        await self._incoming.put({"type": "websocket.disconnect", "code": 1000})
        try:
            await asyncio.wait_for(self._task, timeout=5)
        except (asyncio.TimeoutError, asyncio.CancelledError):
            self._task.cancel()

    async def _next_event(self, timeout: float = 5) -> dict:
        return await asyncio.wait_for(self._outgoing.get(), timeout=timeout)

    async def send(self, message: dict) -> None:
        await self._incoming.put({"type": "websocket.receive", "text": json.dumps(message)})

    async def receive(self, timeout: float = 5) -> dict:
        event = await self._next_event(timeout)
        assert event["type"] == "websocket.send", event
        return json.loads(event["text"])

    async def init(self, payload: dict | None = None) -> None:
        await self.send({"type": "connection_init", "payload": payload or {}})
        assert (await self.receive())["type"] == "connection_ack"

    async def subscribe(self, query: str, variables: dict | None = None) -> str:
        operation = str(next(self._ids))
        await self.send({"id": operation, "type": "subscribe", "payload": {"query": query, "variables": variables or {}}})
        return operation

    async def next_data(self, operation: str, timeout: float = 5) -> dict:
        """The next result of ``operation`` (answering pings on the way)."""
        while True:
            message = await self.receive(timeout)
            if message.get("type") == "ping":
                await self.send({"type": "pong"})
                continue
            assert message.get("id") == operation, message
            assert message["type"] == "next", message
            assert not message["payload"].get("errors"), message["payload"]["errors"]
            return message["payload"]["data"]


async def wait_for_subscribers(broker, topic: str, count: int, timeout: float = 5) -> None:
    """Until ``count`` subscribers listen on ``topic`` in this broker's process (their subscription is live)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while broker.subscriber_count(topic) < count:
        if loop.time() > deadline:
            raise AssertionError(f"{broker.subscriber_count(topic)} subscribers on {topic}, expected {count}")
        await asyncio.sleep(0.01)
