"""Benchmark: Tingwu against PostGraphile on the same PostgreSQL data and the same three reads.

Creates a scratch PostgreSQL database, migrates it with Tingwu's Alembic
migrations, fills it with ``bench/run.py``'s ``build()``, then serves it twice
over real HTTP on loopback:

* Tingwu: ``uvicorn core.asgi:app`` (1 worker, production mode, uvloop/httptools
  as uvicorn picks them), and
* PostGraphile v4 (``bench/postgraphile``, installed with
  ``npm ci --prefix bench/postgraphile``) over schema ``public``,

and sends each three equivalent reads: the nested query (halls first 100 by name → windows by
number → assignments → staff name and number), one hall by id with its windows and staff, and
halls with their service items, K times at concurrency C, after a warm-up, in alternating rounds.
A third server, Tingwu with compiled reads off (``TINGWU_COMPILED_READS=0``), answers the same reads
through its resolvers, so the compiled path's gain stays visible (``--no-resolvers`` skips it).
Before measuring a read, the answers are checked to carry the same rows, and Tingwu's two paths
the same JSON. Reports per round and as medians: throughput,
p50/p95 latency, and CPU per request (the server's process plus the PostgreSQL
backends of the scratch database, read from /proc: steadier than wall-clock
numbers on a shared machine), and the PostGraphile/Tingwu ratios. The scratch
database and both servers are always removed at the end.

``--profile`` instead runs Tingwu in-process (ASGI, no network): the garbage
collector's share measured unprofiled, then cProfile (collector off) with the
time per library and the top functions by tottime. ``--tingwu-app`` serves
another ASGI app as Tingwu, for what-ifs such as ``bench.asgi_untuned:app``.
Nothing here is asserted by a test; see docs/performance.md.

Run: ``python bench/compare.py [--halls 50 --windows 10 --staff-per-window 2]
[--requests 100 --concurrency 4 --rounds 3] [--profile] [--tingwu-app MODULE:APP]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import gc
import importlib.util
import io
import json
import os
import pstats
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))


def _load_run_module():
    """bench/run.py, imported by path (its name `run` is too generic for sys.path)."""
    spec = importlib.util.spec_from_file_location("tingwu_bench_run", BENCH / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench_run = _load_run_module()
sys.path.insert(0, str(BENCH))
from lean_client import LeanConnection  # noqa: E402

from core.config import Settings, normalize_database_url  # noqa: E402
from core.db import migrations  # noqa: E402
from core.runtime import Runtime  # noqa: E402

# The same query as bench/run.py (and `make bench`).
TINGWU_QUERY = bench_run.QUERY

# The PostGraphile equivalent: the same halls (jurisdiction jiedong, first 100 by name, id), the same
# windows (by number, id), the same assignments (A role first) and staff fields. The *Label fields of
# Tingwu are Python-side translations of the stored code; PostGraphile answers the stored code.
# `--simple-collections both` gives the plain-list relations (`…List`) that match Tingwu's lists.
POSTGRAPHILE_QUERY = """{ allHalls(first: 100, orderBy: [NAME_ASC, ID_ASC], condition: {jurisdictionCode: "jiedong"}) {
  totalCount edges { node { nodeId name level
  windowsByHallIdList(orderBy: [NUMBER_ASC, ID_ASC]) { number type status
    windowAssignmentsByWindowIdList(orderBy: [ROLE_ASC, STAFF_ID_ASC]) { role staffByStaffId { name staffNumber } } } } } } }"""

POSTGRAPHILE_HALL_QUERY = """query($id: UUID!) { hallById(id: $id) { nodeId name level
  windowsByHallIdList(orderBy: [NUMBER_ASC, ID_ASC]) { number type status
    windowAssignmentsByWindowIdList(orderBy: [ROLE_ASC, STAFF_ID_ASC]) { role staffByStaffId { name staffNumber } } } } }"""

# Items offered in each hall: PostGraphile reaches them through hall_item (status active); it can only
# order that list by hall_item's own columns, so the comparison sorts each hall's items by code.
POSTGRAPHILE_ITEMS_QUERY = """{ allHalls(first: 100, orderBy: [NAME_ASC, ID_ASC], condition: {jurisdictionCode: "jiedong"}) {
  totalCount edges { node { nodeId name
  hallItemsByHallIdList(condition: {status: "active"}) { serviceItemByItemId { code name type promisedLimitDays } } } } } }"""

POSTGRAPHILE_BIN = BENCH / "postgraphile" / "node_modules" / ".bin" / "postgraphile"
START_TIMEOUT = 60.0  # seconds for a server to answer its first request
REQUEST_TIMEOUT = 120.0


# --- answers --------------------------------------------------------------------------------


def shape_of_tingwu(answer: dict) -> list:
    """[(hall name, [(window number, [(role, staff number, name)])])] from a Tingwu answer.

    Halls and windows keep the server's order (both order them the same way); a window's staff are
    sorted, since Tingwu orders B-role colleagues by staff number and PostGraphile can only order the
    assignments by their own columns.
    """
    assert not answer.get("errors"), answer.get("errors")
    return [
        (edge["node"]["name"], [
            (w["number"], sorted((s["role"], s["staff"]["staffNumber"], s["staff"]["name"]) for s in w["staff"]))
            for w in edge["node"]["windows"]
        ])
        for edge in answer["data"]["halls"]["edges"]
    ]


def shape_of_postgraphile(answer: dict) -> list:
    assert not answer.get("errors"), answer.get("errors")
    return [
        (edge["node"]["name"], [
            (w["number"], sorted((a["role"], a["staffByStaffId"]["staffNumber"], a["staffByStaffId"]["name"])
                                 for a in w["windowAssignmentsByWindowIdList"]))
            for w in edge["node"]["windowsByHallIdList"]
        ])
        for edge in answer["data"]["allHalls"]["edges"]
    ]


def shape_of_tingwu_hall(answer: dict) -> list:
    assert not answer.get("errors"), answer.get("errors")
    return shape_of_tingwu({"data": {"halls": {"edges": [{"node": answer["data"]["hall"]}]}}})


def shape_of_postgraphile_hall(answer: dict) -> list:
    assert not answer.get("errors"), answer.get("errors")
    return shape_of_postgraphile({"data": {"allHalls": {"edges": [{"node": answer["data"]["hallById"]}]}}})


def shape_of_tingwu_items(answer: dict) -> list:
    assert not answer.get("errors"), answer.get("errors")
    return [(e["node"]["name"], sorted((i["code"], i["name"], i["promisedLimitDays"]) for i in e["node"]["serviceItems"]))
            for e in answer["data"]["halls"]["edges"]]


def shape_of_postgraphile_items(answer: dict) -> list:
    assert not answer.get("errors"), answer.get("errors")
    return [(e["node"]["name"], sorted((i["serviceItemByItemId"]["code"], i["serviceItemByItemId"]["name"],
                                        i["serviceItemByItemId"]["promisedLimitDays"])
                                       for i in e["node"]["hallItemsByHallIdList"]))
            for e in answer["data"]["allHalls"]["edges"]]


@dataclass
class Read:
    """One read asked of both servers: each side's payload and how to reduce its answer to comparable rows."""

    name: str
    tingwu: dict
    postgraphile: dict
    tingwu_shape: object
    postgraphile_shape: object


def reads(hall_id: str) -> list[Read]:
    return [
        Read("nested halls", {"query": TINGWU_QUERY}, {"query": POSTGRAPHILE_QUERY}, shape_of_tingwu, shape_of_postgraphile),
        Read("hall by id", {"query": bench_run.HALL_QUERY, "variables": {"id": hall_id}},
             {"query": POSTGRAPHILE_HALL_QUERY, "variables": {"id": hall_id}}, shape_of_tingwu_hall, shape_of_postgraphile_hall),
        Read("halls + items", {"query": bench_run.ITEMS_QUERY}, {"query": POSTGRAPHILE_ITEMS_QUERY},
             shape_of_tingwu_items, shape_of_postgraphile_items),
    ]


def counts(shape: list) -> tuple[int, int, int]:
    """Rows at each level: halls, their windows (or items), the windows' staff."""
    inner = sum(len(rows) for _, rows in shape)
    deeper = sum(len(row[1]) for _, rows in shape for row in rows if len(row) == 2 and isinstance(row[1], list))
    return len(shape), inner, deeper


# --- the scratch database -------------------------------------------------------------------


def admin_dsn(server_url: str, database: str) -> str:
    """postgresql://user@host:port/<database> from a server URL (any database part replaced)."""
    base = server_url.split("://", 1)[1].split("?", 1)[0]
    host_part = base.split("/", 1)[0]
    return f"postgresql://{host_part}/{database}"


async def create_database(server_url: str, name: str) -> None:
    conn = await asyncpg.connect(admin_dsn(server_url, "postgres"))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


async def drop_database(server_url: str, name: str) -> None:
    conn = await asyncpg.connect(admin_dsn(server_url, "postgres"))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def fill_database(url: str, halls: int, windows: int, staff_per_window: int) -> None:
    migrations.upgrade(normalize_database_url(url))
    runtime = Runtime.create(Settings(database_url=normalize_database_url(url), jurisdictions=["jiedong"]))
    try:
        await bench_run.build(runtime, halls, windows, staff_per_window)
    finally:
        await runtime.close()
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("VACUUM ANALYZE")  # both servers get the same planner statistics
    finally:
        await conn.close()


# --- servers ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    name: str
    url: str
    query: str
    shape: object
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    ready_payload: dict = field(default_factory=lambda: {"query": "{ __typename }"})

    def log_tail(self, lines: int = 30) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text("utf-8", errors="replace").splitlines()[-lines:])


def start(name: str, argv: list[str], env: dict[str, str], port: int, query: str, shape, log_dir: Path) -> Server:
    log_path = log_dir / f"{name.lower()}.log"
    log = open(log_path, "wb")
    try:
        # Its own process group: stop() signals the group, so no child outlives the benchmark.
        process = subprocess.Popen(argv, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    finally:
        log.close()
    return Server(name, f"http://127.0.0.1:{port}/graphql", query, shape, process, log_path)


def stop(server: Server | None) -> None:
    if server is None or server.process is None or server.process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.process.pid, sig)
        try:
            server.process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def start_tingwu(database_url: str, log_dir: Path, app: str = "core.asgi:app", *, compiled: bool = True) -> Server:
    port = free_port()
    env = {
        **os.environ,
        "TINGWU_DATABASE_URL": database_url,
        "TINGWU_JURISDICTIONS": "jiedong",
        "TINGWU_ENV": "production",  # what a hall runs: no GraphiQL, no introspection
        "TINGWU_SECRET_KEY": secrets.token_hex(32),
        "TINGWU_CONFIG": str(log_dir / "no-tingwu.toml"),  # ignore a developer's tingwu.toml
        "PYTHONUNBUFFERED": "1",
        "TINGWU_COMPILED_READS": "1" if compiled else "0",  # off: the resolvers answer everything
    }
    argv = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port),
            "--workers", "1", "--log-level", "warning", "--no-access-log"]
    return start("Tingwu" if compiled else "Tingwu-resolvers", argv, env, port, TINGWU_QUERY, shape_of_tingwu, log_dir)


def postgraphile_version() -> str:
    try:
        return json.loads((BENCH / "postgraphile" / "node_modules" / "postgraphile" / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return "?"


def node_version() -> str:
    try:
        return subprocess.run(["node", "--version"], capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def start_postgraphile(database_url: str, log_dir: Path) -> Server:
    if not POSTGRAPHILE_BIN.exists():
        raise SystemExit(f"{POSTGRAPHILE_BIN} is missing: run `npm ci --prefix bench/postgraphile` first")
    port = free_port()
    env = {**os.environ, "NODE_ENV": "production"}
    argv = [str(POSTGRAPHILE_BIN), "--connection", database_url, "--schema", "public",
            "--host", "127.0.0.1", "--port", str(port), "--simple-collections", "both",
            "--disable-query-log", "--disable-graphiql", "--max-pool-size", "10"]
    return start("PostGraphile", argv, env, port, POSTGRAPHILE_QUERY, shape_of_postgraphile, log_dir)


async def wait_ready(client: httpx.AsyncClient, server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited with {server.process.returncode}:\n{server.log_tail()}")
        try:
            response = await client.post(server.url, json=server.ready_payload, timeout=2)
            if response.status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.2)
    raise RuntimeError(f"{server.name} did not answer within {START_TIMEOUT:.0f}s:\n{server.log_tail()}")


# --- load ---------------------------------------------------------------------------------------


@dataclass
class Round:
    throughput: float
    p50: float
    p95: float
    cpu_server: float | None = None  # CPU seconds per request: the server's own process(es)
    cpu_postgres: float | None = None  # CPU seconds per request: the PostgreSQL backends of the scratch database

    @property
    def cpu_total(self) -> float | None:
        return None if self.cpu_server is None else self.cpu_server + (self.cpu_postgres or 0)


CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_cpu(pid: int) -> float | None:
    """User + system CPU seconds of a process (all its threads), from /proc; None when unreadable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime (fields 14 and 15)


class CpuMeter:
    """CPU used by a server process and by the PostgreSQL backends serving the scratch database.

    Wall-clock numbers on a shared machine move with whatever else runs; CPU seconds per request
    barely do. Only one server is loaded at a time, so the backends' CPU in a round is that server's.
    Backends are found in pg_stat_activity; their CPU is read from /proc, so it is only counted when
    PostgreSQL runs on this machine (otherwise reported as unknown).
    """

    def __init__(self, admin: asyncpg.Connection | None, database: str):
        self.admin, self.database = admin, database

    async def backends(self) -> list[int]:
        if self.admin is None:
            return []
        rows = await self.admin.fetch("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
                                      self.database)
        return [row["pid"] for row in rows]

    async def snapshot(self, server: Server) -> tuple[float | None, dict[int, float]]:
        backends = {}
        for pid in await self.backends():
            cpu = process_cpu(pid)
            if cpu is not None:
                backends[pid] = cpu
        return process_cpu(server.process.pid), backends

    @staticmethod
    def delta(before, after, requests: int) -> tuple[float | None, float | None]:
        (server_before, pg_before), (server_after, pg_after) = before, after
        server = None if server_before is None or server_after is None else (server_after - server_before) / requests
        postgres = sum(cpu - pg_before.get(pid, 0.0) for pid, cpu in pg_after.items()) / requests if pg_after else None
        return server, postgres


def percentile(sorted_values: list[float], fraction: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


LEAN_CLIENT = True  # bench/lean_client.py; --httpx-client measures with httpx as before


async def load(client: httpx.AsyncClient, server: Server, requests: int, concurrency: int,
               expected_bytes: int, meter: CpuMeter | None = None, payload: dict | None = None) -> Round:
    """``requests`` POSTs at ``concurrency``; answers are checked by status and size, not parsed."""
    body = json.dumps(payload or {"query": server.query}).encode()
    if LEAN_CLIENT:
        return await lean_load(server, body, requests, concurrency, expected_bytes, meter)
    headers = {"content-type": "application/json"}
    remaining = requests
    latencies: list[float] = []

    async def worker():
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            started = time.perf_counter()
            response = await client.post(server.url, content=body, headers=headers, timeout=REQUEST_TIMEOUT)
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200 or abs(len(response.content) - expected_bytes) > expected_bytes // 100:
                raise RuntimeError(f"{server.name}: unexpected answer ({response.status_code}, "
                                   f"{len(response.content)} bytes): {response.text[:300]}")

    before = await meter.snapshot(server) if meter else None
    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    cpu = CpuMeter.delta(before, await meter.snapshot(server), requests) if meter else (None, None)
    latencies.sort()
    return Round(requests / elapsed, percentile(latencies, 0.5), percentile(latencies, 0.95), *cpu)


async def lean_load(server: Server, body: bytes, requests: int, concurrency: int, expected_bytes: int,
                    meter: CpuMeter | None) -> Round:
    """As ``load`` with keep-alive connections on raw streams (bench/lean_client.py)."""
    remaining = requests
    latencies: list[float] = []
    connections = [LeanConnection(server.url) for _ in range(concurrency)]
    for connection in connections:
        await connection.open()

    async def worker(connection: LeanConnection):
        nonlocal remaining
        request = connection.request_bytes(body)
        while remaining > 0:
            remaining -= 1
            started = time.perf_counter()
            status, content = await asyncio.wait_for(connection.send(request), REQUEST_TIMEOUT)
            latencies.append(time.perf_counter() - started)
            if status != 200 or abs(len(content) - expected_bytes) > expected_bytes // 100:
                raise RuntimeError(f"{server.name}: unexpected answer ({status}, {len(content)} bytes): {content[:300]!r}")

    try:
        before = await meter.snapshot(server) if meter else None
        started = time.perf_counter()
        await asyncio.gather(*(worker(c) for c in connections))
        elapsed = time.perf_counter() - started
        cpu = CpuMeter.delta(before, await meter.snapshot(server), requests) if meter else (None, None)
    finally:
        for connection in connections:
            await connection.close()
    latencies.sort()
    return Round(requests / elapsed, percentile(latencies, 0.5), percentile(latencies, 0.95), *cpu)


async def check_answers(client: httpx.AsyncClient, servers: list[Server], read: Read) -> dict[str, int]:
    """One answer from each server: the same rows in the same order (Tingwu's two paths: the same JSON).

    Returns each answer's size in bytes."""
    shapes, sizes, bodies = {}, {}, {}
    for server in servers:
        postgraphile = server.name == "PostGraphile"
        response = await client.post(server.url, json=read.postgraphile if postgraphile else read.tingwu, timeout=REQUEST_TIMEOUT)
        response.raise_for_status()
        bodies[server.name] = response.json()
        shapes[server.name] = (read.postgraphile_shape if postgraphile else read.tingwu_shape)(bodies[server.name])
        sizes[server.name] = len(response.content)
    (first_name, first), *others = shapes.items()
    for name, shape in others:
        if counts(shape) != counts(first):
            raise RuntimeError(f"{read.name}: {name} answers {counts(shape)} rows, {first_name} {counts(first)}")
        if shape != first:
            raise RuntimeError(f"{read.name}: {name} and {first_name} answer the same counts but different rows")
    if "Tingwu-resolvers" in bodies and bodies["Tingwu-resolvers"] != bodies["Tingwu"]:
        raise RuntimeError(f"{read.name}: Tingwu's compiled answer differs from its resolvers'")
    return sizes


def fmt(server: str, r: Round) -> str:
    line = f"{server:<16} {r.throughput:7.1f} req/s  p50 {r.p50 * 1000:7.1f} ms  p95 {r.p95 * 1000:7.1f} ms"
    if r.cpu_server is not None:
        pg = "?" if r.cpu_postgres is None else f"{r.cpu_postgres * 1000:.1f}"
        line += f"  CPU/req {r.cpu_total * 1000:6.1f} ms (server {r.cpu_server * 1000:.1f} + PostgreSQL {pg})"
    return line


def median_round(rounds: list[Round]) -> Round:
    def med(values):
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    return Round(med(r.throughput for r in rounds), med(r.p50 for r in rounds), med(r.p95 for r in rounds),
                 med(r.cpu_server for r in rounds), med(r.cpu_postgres for r in rounds))


async def compare(args, database_url: str, database: str, log_dir: Path) -> None:
    servers: list[Server] = []
    admin = None
    try:
        admin = await asyncpg.connect(admin_dsn(args.server_url, "postgres"))
        meter = CpuMeter(admin if is_local(args.server_url) else None, database)
        hall_id = str(await admin_first_hall(database_url))
        servers.append(start_tingwu(database_url, log_dir, args.tingwu_app))
        if not args.no_resolvers:
            servers.append(start_tingwu(database_url, log_dir, args.tingwu_app, compiled=False))
        servers.append(start_postgraphile(database_url, log_dir))
        limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=args.concurrency)
        results: dict[tuple[str, str], list[Round]] = {}
        chosen = [r for r in reads(hall_id) if not args.read or r.name in args.read]
        async with httpx.AsyncClient(limits=limits) as client:
            for server in servers:
                await wait_ready(client, server)
            print(f"servers            Tingwu {args.tingwu_app} (uvicorn, 1 worker, production; compiled reads"
                  f"{' and, separately, resolvers only' if not args.no_resolvers else ''}), "
                  f"PostGraphile {postgraphile_version()} (node {node_version()})")
            print(f"load               {args.requests} requests at concurrency {args.concurrency}, "
                  f"{args.rounds} rounds, after {args.warmup} warm-up requests each "
                  f"({'httpx' if args.httpx_client else 'lean keep-alive'} client)")
            for read in chosen:
                sizes = await check_answers(client, servers, read)
                print(f"read               {read.name}: answers checked equal "
                      f"({', '.join(f'{name} {size} bytes' for name, size in sizes.items())})")
                payload = {s.name: read.postgraphile if s.name == "PostGraphile" else read.tingwu for s in servers}
                for server in servers:
                    await load(client, server, args.warmup, args.concurrency, sizes[server.name], payload=payload[server.name])
                for number in range(args.rounds):
                    # Alternate who goes first, so neither always runs on a machine the other just heated.
                    for server in servers if number % 2 == 0 else servers[::-1]:
                        requests = args.requests if server.name != "Tingwu-resolvers" else max(10, args.requests // 4)
                        r = await load(client, server, requests, args.concurrency, sizes[server.name], meter,
                                       payload=payload[server.name])
                        results.setdefault((read.name, server.name), []).append(r)
                        print(f"round {number + 1} {read.name:<12} {fmt(server.name, r)}")
        print("median")
        for read in chosen:
            medians = {s.name: median_round(results[(read.name, s.name)]) for s in servers}
            for name, r in medians.items():
                print(f"  {read.name:<16} {fmt(name, r)}")
            t, p = medians["Tingwu"], medians["PostGraphile"]
            line = f"  {read.name:<16} ratio Tingwu/PostGraphile: throughput {t.throughput / p.throughput:.2f}×"
            if t.cpu_total and p.cpu_total:
                line += f", CPU per request {t.cpu_total / p.cpu_total:.2f}×"
            if "Tingwu-resolvers" in medians:
                slow = medians["Tingwu-resolvers"]
                line += f"; compiled/resolvers throughput {t.throughput / slow.throughput:.1f}×"
            print(line)
    finally:
        for server in servers:
            stop(server)
        if admin is not None:
            await admin.close()


async def admin_first_hall(database_url: str):
    conn = await asyncpg.connect(database_url)
    try:
        return await conn.fetchval("SELECT id FROM hall ORDER BY name, id LIMIT 1")
    finally:
        await conn.close()


def is_local(server_url: str) -> bool:
    host = server_url.split("://", 1)[1].split("/", 1)[0].rsplit("@", 1)[-1].rsplit(":", 1)[0]
    return host in ("127.0.0.1", "localhost", "::1", "[::1]", "")


# --- profile --------------------------------------------------------------------------------------

AREAS = (  # (label, path fragment): first match wins
    ("graphql-core", "/graphql/"),
    ("strawberry", "/strawberry/"),
    ("sqlalchemy", "/sqlalchemy/"),
    ("sqlmodel", "/sqlmodel/"),
    ("asyncpg", "/asyncpg/"),
    ("starlette", "/starlette/"),
    ("httpx/httpcore (bench client)", "/httpx/"),
    ("httpx/httpcore (bench client)", "/httpcore/"),
    ("json", "/json/"),
    ("casbin", "casbin"),
    ("asyncio", "/asyncio/"),
    ("tingwu core/", str(ROOT / "core")),
    ("tingwu plugins/", str(ROOT / "plugins")),
    ("bench", str(BENCH)),
)


STDLIB = sysconfig.get_paths()["stdlib"]


def area_of(filename: str) -> str:
    for label, fragment in AREAS:
        if fragment in filename:
            return label
    if filename == "~":
        return "builtins"
    if filename.startswith(STDLIB):
        return f"stdlib {Path(filename).stem}"
    return f"other {Path(filename).parent.name}/{Path(filename).name}"


def time_by_area(stats: pstats.Stats) -> dict[str, float]:
    """tottime per library; a C builtin's time goes to the library of whoever called it."""
    areas: dict[str, float] = {}
    for (filename, _line, name), (_cc, _nc, tottime, _ct, callers) in stats.stats.items():
        if filename == "~" and callers:
            if "select.epoll" in name or "select.select" in name:
                areas["event loop wait (I/O, PostgreSQL)"] = areas.get("event loop wait (I/O, PostgreSQL)", 0) + tottime
                continue
            for (caller_file, _l, _n), caller_row in callers.items():
                # caller_row: (cc, nc, tt, ct) for the calls from that caller
                share = caller_row[2] if isinstance(caller_row, tuple) else 0
                label = area_of(caller_file)
                areas[label] = areas.get(label, 0) + share
            continue
        label = area_of(filename)
        areas[label] = areas.get(label, 0) + tottime
    return areas


@contextlib.contextmanager
def gc_watch():
    """Durations (seconds) of the garbage collector's passes while the block runs, by generation."""
    collections: dict[int, list[float]] = {0: [], 1: [], 2: []}
    started: list[float] = []

    def callback(phase, info):
        if phase == "start":
            started.append(time.perf_counter())
        elif started:
            collections[info["generation"]].append(time.perf_counter() - started.pop())

    gc.callbacks.append(callback)
    try:
        yield collections
    finally:
        gc.callbacks.remove(callback)


async def profile(args, database_url: str) -> None:
    import sqlalchemy as sa

    from core.app import create_app

    settings = Settings(database_url=normalize_database_url(database_url), jurisdictions=["jiedong"],
                        env="production", secret_key=secrets.token_hex(32))
    runtime = Runtime.create(settings)
    app = create_app(runtime, check_on_startup=False)
    try:  # what the server's lifespan does at start-up (the in-process transport runs no lifespan)
        from core.app import tune_garbage_collector
    except ImportError:
        tune_garbage_collector = None
    if tune_garbage_collector is not None and not args.gc_defaults:
        gc.collect()
        tune_garbage_collector()
    print(f"collector          threshold {gc.get_threshold()}, {gc.get_freeze_count()} objects frozen")
    statements = 0

    def count(*_):
        nonlocal statements
        statements += 1

    body = json.dumps({"query": TINGWU_QUERY}).encode()
    headers = {"content-type": "application/json"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
        async def one() -> httpx.Response:
            response = await client.post("/graphql", content=body, headers=headers)
            response.raise_for_status()
            return response

        first = await one()
        print(f"data               {counts(shape_of_tingwu(first.json()))} halls/windows/staff, "
              f"{len(first.content)} bytes per answer")
        for _ in range(args.warmup):
            await one()
        sa.event.listen(runtime.db.engine.sync_engine, "before_cursor_execute", count)
        await one()
        sa.event.remove(runtime.db.engine.sync_engine, "before_cursor_execute", count)
        print(f"SQL per request    {statements}")

        async def batch(n: int) -> float:
            remaining = n

            async def worker():
                nonlocal remaining
                while remaining > 0:
                    remaining -= 1
                    await one()

            started = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(args.concurrency)))
            return time.perf_counter() - started

        cpu = time.process_time()
        with gc_watch() as collections:
            plain = await batch(args.profile_requests)
        cpu = time.process_time() - cpu
        print(f"without profiler   {plain / args.profile_requests * 1000:.1f} ms per request, CPU "
              f"{cpu / args.profile_requests * 1000:.1f} ms ({args.profile_requests} requests at concurrency "
              f"{args.concurrency}, in-process ASGI; PostgreSQL's CPU not included)")
        per = args.profile_requests
        print(f"garbage collector  {sum(len(c) for c in collections.values()) / per:.1f} collections per request "
              f"(gen0 {len(collections[0]) / per:.1f}, gen1 {len(collections[1]) / per:.1f}, "
              f"gen2 {len(collections[2]) / per:.2f}), "
              f"{sum(sum(c) for c in collections.values()) / per * 1000:.1f} ms per request "
              f"(gen2 {sum(collections[2]) / per * 1000:.1f} ms; a gen2 pass takes "
              f"{(statistics.median(collections[2]) * 1000 if collections[2] else 0):.1f} ms, "
              f"{len(gc.get_objects())} tracked objects)")
        # The collector stays off while profiling: a pass stops whichever function happens to allocate,
        # and cProfile would charge that function for it. Its cost is measured above, unprofiled.
        profiler = cProfile.Profile()
        gc.collect()
        gc.disable()
        profiler.enable()
        try:
            profiled = await batch(args.profile_requests)
        finally:
            profiler.disable()
            gc.enable()
            gc.collect()
    await runtime.close()
    print(f"under cProfile     {profiled / args.profile_requests * 1000:.1f} ms per request (collector off)")

    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values())
    n = args.profile_requests
    print("\nTime per library (tottime; C builtins charged to their caller), per request:")
    for label, seconds in sorted(time_by_area(stats).items(), key=lambda item: -item[1]):
        if seconds / total < 0.002:
            continue
        print(f"  {label:<36} {seconds / n * 1000:8.2f} ms  {seconds / total * 100:5.1f} %")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime").print_stats(args.top)
    print(f"\nTop {args.top} functions by tottime ({n} requests):")
    print(out.getvalue().split("\n", 4)[-1] if out.getvalue() else "")
    if args.profile_out:
        profiler.dump_stats(args.profile_out)
        print(f"profile written to {args.profile_out} (open it with `python -m pstats` or snakeviz)")


# --- main -----------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--halls", type=int, default=50)
    parser.add_argument("--windows", type=int, default=10)
    parser.add_argument("--staff-per-window", type=int, default=2)
    parser.add_argument("--requests", type=int, default=100, help="requests per server per round")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3, help="alternating measurement rounds; medians reported")
    parser.add_argument("--warmup", type=int, default=20, help="warm-up requests per server")
    parser.add_argument("--server-url", default=os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432"),
                        help="the PostgreSQL server to create the scratch database on (trust or password in URL)")
    parser.add_argument("--tingwu-app", default="core.asgi:app",
                        help="the ASGI app uvicorn serves as Tingwu (a what-if such as bench.asgi_untuned:app)")
    parser.add_argument("--no-resolvers", action="store_true", help="skip Tingwu's resolver-only server")
    parser.add_argument("--httpx-client", action="store_true",
                        help="load with httpx (as before issue 13) instead of the lean keep-alive client")
    parser.add_argument("--read", action="append", choices=["nested halls", "hall by id", "halls + items"],
                        help="measure only this read (repeatable; default: all three)")
    parser.add_argument("--profile", action="store_true",
                        help="profile Tingwu in-process under cProfile instead of comparing the servers")
    parser.add_argument("--profile-requests", type=int, default=40, help="requests profiled (with --profile)")
    parser.add_argument("--top", type=int, default=25, help="functions listed by tottime (with --profile)")
    parser.add_argument("--profile-out", help="also write the raw cProfile data here (with --profile)")
    parser.add_argument("--gc-defaults", action="store_true",
                        help="profile with CPython's default collector, not the server's start-up tuning (with --profile)")
    args = parser.parse_args(argv)
    for name in ("halls", "windows", "requests", "concurrency", "rounds"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if args.halls > 100:
        parser.error("--halls: the query asks for the first 100 halls, so more would not be compared")
    return args


async def main(args) -> None:
    global LEAN_CLIENT
    LEAN_CLIENT = not args.httpx_client
    name = f"tingwu_bench_{uuid.uuid4().hex[:10]}"
    database_url = admin_dsn(args.server_url, name)
    log_dir = Path(tempfile.mkdtemp(prefix="tingwu-bench-"))
    created = False
    try:
        await create_database(args.server_url, name)
        created = True
        print(f"database           {name} (scratch; dropped at the end)")
        started = time.perf_counter()
        await fill_database(database_url, args.halls, args.windows, args.staff_per_window)
        print(f"built in           {time.perf_counter() - started:.1f} s")
        if args.profile:
            await profile(args, database_url)
        else:
            await compare(args, database_url, name, log_dir)
    finally:
        if created:
            await drop_database(args.server_url, name)
        shutil.rmtree(log_dir, ignore_errors=True)


def _terminate(signum, _frame):
    raise SystemExit(128 + signum)  # unwinds through the finally blocks: servers stopped, database dropped


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in the background
    asyncio.run(main(parse_args()))
