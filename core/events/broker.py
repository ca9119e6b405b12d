"""Events for live screens (GraphQL subscriptions), published after commit and fanned out to every process.

A :class:`Broker` carries small JSON messages on named topics
(``hall:<uuid>:calls``, ``window:<uuid>``). Three implementations:

* :class:`InProcessBroker`: asyncio queues in this process. For SQLite, where
  one process serves everything.
* :class:`PostgresBroker`: PostgreSQL ``NOTIFY`` / ``LISTEN`` on one channel.
  Each process keeps one dedicated listening connection (asyncpg
  ``add_listener``) and fans messages out to its own subscribers, so a call
  made through one worker reaches the screens connected to any other.
* :class:`RedisBroker`: Redis pub/sub, when ``TINGWU_REDIS_URL`` is set.

Every message goes through the shared transport, also back to the process that
published it, so each subscriber receives it exactly once.

    async for message in broker.subscribe("hall:…:calls"):
        ...
    await broker.publish("hall:…:calls", {"ticket": "A001", …})
"""

from __future__ import annotations

import asyncio
import abc
import json
import logging
from collections import defaultdict
from collections.abc import AsyncIterator

logger = logging.getLogger(__name__)

#: PostgreSQL channel (and Redis channel prefix) every Tingwu process listens on.
CHANNEL = "tingwu_events"
#: A subscriber that falls this far behind loses the oldest messages rather than holding memory.
QUEUE_LIMIT = 1000


class Broker(abc.ABC):
    """Local fan-out shared by every implementation: subscribers per topic, each with its own queue."""

    def __init__(self):
        self._queues: dict[str, set[asyncio.Queue]] = defaultdict(set)

    @abc.abstractmethod
    async def publish(self, topic: str, message: dict) -> None:
        """Deliver ``message`` to every subscriber of ``topic`` in every process (after the change committed)."""

    async def subscribe(self, topic: str) -> AsyncIterator[dict]:
        """Messages on ``topic`` from now on, until the consumer stops iterating."""
        from core.observability import SUBSCRIPTIONS

        queue: asyncio.Queue = asyncio.Queue(maxsize=QUEUE_LIMIT)
        await self._start()
        self._queues[topic].add(queue)
        SUBSCRIPTIONS.inc()
        try:
            while True:
                yield await queue.get()
        finally:
            SUBSCRIPTIONS.dec()
            self._queues[topic].discard(queue)
            if not self._queues[topic]:
                del self._queues[topic]

    def subscriber_count(self, topic: str) -> int:
        """How many subscribers in this process listen on ``topic`` (they receive what is published from now on)."""
        return len(self._queues.get(topic, ()))

    def _deliver(self, topic: str, message: dict) -> None:
        for queue in list(self._queues.get(topic, ())):
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(message)

    def _deliver_raw(self, payload: str) -> None:
        try:
            envelope = json.loads(payload)
            self._deliver(envelope["topic"], envelope["message"])
        except (ValueError, KeyError, TypeError):
            logger.warning("ignored a malformed event: %.200s", payload)

    @staticmethod
    def _envelope(topic: str, message: dict) -> str:
        return json.dumps({"topic": topic, "message": message}, ensure_ascii=False, separators=(",", ":"))

    async def _start(self) -> None:
        """Make sure messages published from now on reach this process."""

    async def close(self) -> None:
        """Release connections."""


class InProcessBroker(Broker):
    """One process: publishing delivers straight to the local subscribers."""

    async def publish(self, topic: str, message: dict) -> None:
        # Round-trip through JSON like the shared transports, so subscribers see the same thing everywhere.
        self._deliver_raw(self._envelope(topic, message))


class PostgresBroker(Broker):
    """PostgreSQL LISTEN/NOTIFY: publish with ``pg_notify``; one dedicated listening connection per process."""

    RECONNECT_DELAY = 1.0

    def __init__(self, dsn: str):
        super().__init__()
        self.dsn = dsn.replace("postgresql+asyncpg://", "postgresql://", 1)
        self._listener = None
        self._publisher = None
        self._lock = asyncio.Lock()
        self._closed = False

    async def publish(self, topic: str, message: dict) -> None:
        async with self._lock:
            if self._publisher is None or self._publisher.is_closed():
                self._publisher = await self._connect()
            connection = self._publisher
        await connection.execute("SELECT pg_notify($1, $2)", CHANNEL, self._envelope(topic, message))

    async def _start(self) -> None:
        async with self._lock:
            if self._listener is not None and not self._listener.is_closed():
                return
            connection = await self._connect()
            await connection.add_listener(CHANNEL, self._on_notify)
            connection.add_termination_listener(self._on_terminated)
            self._listener = connection

    async def _connect(self):
        import asyncpg

        return await asyncpg.connect(self.dsn, timeout=10)

    def _on_notify(self, _connection, _pid, _channel, payload: str) -> None:
        self._deliver_raw(payload)

    def _on_terminated(self, _connection) -> None:
        # The listening connection died (server restart, network): listen again while anyone subscribes.
        self._listener = None
        if not self._closed and self._queues:
            asyncio.get_running_loop().create_task(self._reconnect())

    async def _reconnect(self) -> None:
        while not self._closed and self._queues:
            try:
                await self._start()
                return
            except (OSError, Exception) as exc:  # asyncpg raises many kinds; keep trying
                logger.warning("event listener reconnect failed: %s", exc)
                await asyncio.sleep(self.RECONNECT_DELAY)

    async def close(self) -> None:
        self._closed = True
        for connection in (self._listener, self._publisher):
            if connection is not None and not connection.is_closed():
                await connection.close()
        self._listener = self._publisher = None


class RedisBroker(Broker):
    """Redis pub/sub: one subscription per process on ``tingwu_events``, fanned out locally."""

    def __init__(self, url: str):
        super().__init__()
        import redis.asyncio as redis

        self.client = redis.from_url(url)
        self._pubsub = None
        self._reader: asyncio.Task | None = None
        self._lock = asyncio.Lock()

    async def publish(self, topic: str, message: dict) -> None:
        await self.client.publish(CHANNEL, self._envelope(topic, message))

    async def _start(self) -> None:
        async with self._lock:
            if self._reader is not None and not self._reader.done():
                return
            self._pubsub = self.client.pubsub(ignore_subscribe_messages=True)
            await self._pubsub.subscribe(CHANNEL)
            self._reader = asyncio.get_running_loop().create_task(self._read(self._pubsub))

    async def _read(self, pubsub) -> None:
        async for message in pubsub.listen():
            data = message.get("data")
            self._deliver_raw(data.decode() if isinstance(data, bytes) else data)

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            try:
                await self._reader
            except (asyncio.CancelledError, Exception):
                pass
        if self._pubsub is not None:
            await self._pubsub.aclose()
        await self.client.aclose()


def build_broker(*, database_url: str, redis_url: str | None) -> Broker:
    """Redis when configured; otherwise PostgreSQL LISTEN/NOTIFY on PostgreSQL and in-process on SQLite."""
    if redis_url:
        return RedisBroker(redis_url)
    if database_url.startswith("postgresql"):
        return PostgresBroker(database_url)
    return InProcessBroker()
