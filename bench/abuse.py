"""Abuse load test: the attacks of issue 11 against a live Tingwu with 2 workers and Redis (not a timed test).

Starts ``tingwu serve --workers 2`` on a free loopback port (a fresh SQLite file, or ``--database-url``),
with ``TINGWU_REDIS_URL`` and ``TINGWU_TRUSTED_PROXIES=127.0.0.1`` so that each simulated client has its
own address (``X-Forwarded-For``). First measures legitimate traffic alone, then for ``--seconds`` (30)
sends at the same time:

- a password guesser on one account (``signIn``), from one address;
- a ticket flood (``takeTicket``) from one kiosk, and a rating flood (``submitRating``) from one pad;
- 2 MB bodies (answered 413 before parsing);
- the most expensive calendar arithmetic the limits allow (``workingDaysBetween`` over two years).

It reports legitimate traffic's p50/p95 before and during the attack, and how many of each attack's
requests got through compared with what its limit allows over the run, across both workers. Run:
``python bench/abuse.py [--seconds 30] [--database-url postgresql://…] [--redis-url redis://…]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.config import normalize_database_url  # noqa: E402
from core.db import migrations  # noqa: E402

LEGIT_QUERY = "{ halls(first: 10) { totalCount edges { node { name windows { number statusLabel } } } } }"
EXPENSIVE = 'query { jurisdiction(code: "jiedong") { a: workingDaysBetween(start: "2025-01-01", end: "2026-12-31") } }'
TAKE = "mutation($hall: ID!, $item: String!) { takeTicket(input: {hallId: $hall, itemCode: $item}) { __typename } }"
RATE = """mutation { submitRating(input: {serialNumber: "NO-SUCH-CASE", staffNumber: "X", level: SATISFIED,
  channel: DEVICE}) { __typename } }"""
SIGN_IN = 'mutation { signIn(username: "clerk", password: "guess-%d") { __typename } }'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def seed(url: str) -> tuple[str, str]:
    """A hall with a window and an item, and the user ``clerk``; returns (hall global id, item code)."""
    from core.auth import service as auth_service
    from core.db import Database
    from core.departments.models import Department, HallDepartment
    from core.graphql.relay import to_global_id
    from core.halls.models import Hall
    from core.items.models import HallItem, ServiceItem
    from core.jurisdictions.models import Jurisdiction
    from core.windows.models import Window

    db = Database(url)
    async with db.transaction() as session:
        session.add(Jurisdiction(code="jiedong", name="揭阳市揭东区", province="广东", region_code="445203"))
        await session.flush()
        hall = Hall(jurisdiction_code="jiedong", level="county", place="揭东区", name="揭东区政务服务中心")
        department = Department(jurisdiction_code="jiedong", name="揭东区市场监督管理局", short_name="市场监管")
        session.add_all([hall, department])
        await session.flush()
        session.add(HallDepartment(hall_id=hall.id, department_id=department.id))
        session.add(Window(hall_id=hall.id, department_id=department.id, number="A01", name="综合窗口", type="comprehensive"))
        item = ServiceItem(jurisdiction_code="jiedong", department_id=department.id, code="BENCH-1", catalog_code="C-1",
                           name="个体工商户登记", type="licensing", legal_limit_days=20, promised_limit_days=5,
                           materials=["申请表"])
        session.add(item)
        await session.flush()
        session.add(HallItem(hall_id=hall.id, item_id=item.id))
        await auth_service.create_user(session, username="clerk", display_name="窗口人员", password="the-right-one")
        hall_id = to_global_id("Hall", hall.id)
    await db.dispose()
    return hall_id, "BENCH-1"


class Stats:
    def __init__(self):
        self.latencies: list[float] = []
        self.by_outcome: dict[str, int] = {}

    def add(self, outcome: str, latency: float | None = None) -> None:
        self.by_outcome[outcome] = self.by_outcome.get(outcome, 0) + 1
        if latency is not None:
            self.latencies.append(latency)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[max(0, int(len(ordered) * p) - 1)] * 1000 if ordered else float("nan")


async def legit(client, url, stop, stats: Stats, hall: str, item: str) -> None:
    """A legitimate client: a screen or a dashboard from its own address, now and then a ticket."""
    address = f"10.1.{random.randint(0, 255)}.{random.randint(1, 254)}"
    while not stop.is_set():
        headers = {"X-Forwarded-For": address, "X-Tingwu-Device": f"screen-{address}"}
        started = time.perf_counter()
        if random.random() < 0.2:
            response = await client.post(url, json={"query": TAKE, "variables": {"hall": hall, "item": item}}, headers=headers)
        else:
            response = await client.post(url, json={"query": LEGIT_QUERY}, headers=headers)
        stats.add(str(response.status_code), time.perf_counter() - started)
        await asyncio.sleep(0.05)


async def attacker(client, url, stop, stats: Stats, make_request) -> None:
    n = 0
    while not stop.is_set():
        n += 1
        try:
            response = await make_request(client, url, n)
        except httpx.HTTPError as exc:
            stats.add(type(exc).__name__)
            continue
        stats.add(outcome_of(response))


def outcome_of(response: httpx.Response) -> str:
    if response.status_code != 200:
        return str(response.status_code)
    data = (response.json().get("data") or {})
    for value in data.values():
        if isinstance(value, dict) and "__typename" in value:
            return value["__typename"]
    return "200"


async def run(args) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="tingwu-abuse-"))
    url = normalize_database_url(args.database_url) if args.database_url else f"sqlite+aiosqlite:///{workdir / 'abuse.db'}"
    migrations.upgrade(url)
    hall, item = await seed(url)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TINGWU_")}
    env.update(TINGWU_DATABASE_URL=url, TINGWU_REDIS_URL=args.redis_url, TINGWU_TRUSTED_PROXIES="127.0.0.1",
               TINGWU_JURISDICTIONS="jiedong", TINGWU_HOST="127.0.0.1", TINGWU_PORT=str(port), TINGWU_LOG_LEVEL="WARNING")
    log = (workdir / "server.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "core.cli", "serve", "--workers", "2"], cwd=ROOT, env=env,
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    graphql = f"http://127.0.0.1:{port}/graphql"
    try:
        async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=64)) as client:
            for _ in range(200):
                try:
                    if (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200:
                        break
                except httpx.HTTPError:
                    await asyncio.sleep(0.2)
            else:
                raise SystemExit("the server did not start: " + (workdir / "server.log").read_text()[-2000:])
            # A prefix of our own in Redis: this run's counts start from nothing.
            run_id = uuid.uuid4().hex[:6]

            async def phase(seconds: float, attacks: dict) -> tuple[Stats, dict[str, Stats]]:
                stop = asyncio.Event()
                legit_stats = Stats()
                attack_stats = {name: Stats() for name in attacks}
                tasks = [asyncio.create_task(legit(client, graphql, stop, legit_stats, hall, item)) for _ in range(args.clients)]
                for name, (make, parallel) in attacks.items():
                    tasks += [asyncio.create_task(attacker(client, graphql, stop, attack_stats[name], make)) for _ in range(parallel)]
                await asyncio.sleep(seconds)
                stop.set()
                await asyncio.gather(*tasks)
                return legit_stats, attack_stats

            guesser = {"X-Forwarded-For": f"203.0.113.{random.randint(1, 254)}"}
            kiosk = {"X-Forwarded-For": "198.51.100.7", "X-Tingwu-Device": f"kiosk-{run_id}"}
            pad = {"X-Forwarded-For": "198.51.100.8", "X-Tingwu-Device": f"pad-{run_id}"}
            big = b'{"query": "{ __typename }", "pad": "' + b"x" * (2 * 1024 * 1024) + b'"}'
            attacks = {
                "signIn guesses (one account, one address)": (
                    lambda c, u, n: c.post(u, json={"query": SIGN_IN % n}, headers=guesser), 2),
                "takeTicket flood (one kiosk)": (
                    lambda c, u, n: c.post(u, json={"query": TAKE, "variables": {"hall": hall, "item": item}}, headers=kiosk), 2),
                "submitRating flood (one pad)": (lambda c, u, n: c.post(u, json={"query": RATE}, headers=pad), 2),
                "2 MB bodies": (lambda c, u, n: c.post(u, content=big, headers={"Content-Type": "application/json",
                                                                              "X-Forwarded-For": "198.51.100.9"}), 1),
                "2-year calendar arithmetic": (lambda c, u, n: c.post(u, json={"query": EXPENSIVE},
                                                                       headers={"X-Forwarded-For": "198.51.100.10"}), 2),
            }
            baseline, _ = await phase(args.baseline_seconds, {})
            under_attack, attack_stats = await phase(args.seconds, attacks)
            metrics = (await client.get(f"http://127.0.0.1:{port}/metrics")).text
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()

    minutes = args.seconds / 60
    allowed = {"signIn guesses (one account, one address)": "lockout after 5 failures per 15 minutes",
               "takeTicket flood (one kiosk)": f"60/minute per device → ≤ {int(60 * max(1, minutes) + 0.5)}",
               "submitRating flood (one pad)": f"30/minute per device → ≤ {int(30 * max(1, minutes) + 0.5)} answered",
               "2 MB bodies": "0 parsed (413)", "2-year calendar arithmetic": "answered within the caps"}
    print(f"server             tingwu serve --workers 2, {url.split(':')[0]}, Redis {args.redis_url}")
    print(f"legitimate clients {args.clients} (own addresses), 80% reads of the hall list, 20% takeTicket")
    print(f"baseline ({args.baseline_seconds:.0f} s)     {len(baseline.latencies)} requests, p50 {statistics.median(baseline.latencies) * 1000:.0f} ms, "
          f"p95 {baseline.percentile(0.95):.0f} ms, outcomes {baseline.by_outcome}")
    print(f"under attack ({args.seconds:.0f} s) {len(under_attack.latencies)} requests, p50 {statistics.median(under_attack.latencies) * 1000:.0f} ms, "
          f"p95 {under_attack.percentile(0.95):.0f} ms, outcomes {under_attack.by_outcome}")
    for name, stats in attack_stats.items():
        print(f"  {name:44s} {sum(stats.by_outcome.values()):6d} sent  {stats.by_outcome}   limit: {allowed[name]}")
    refusals = [line for line in metrics.splitlines() if line.startswith(("tingwu_rate_limit_refusals_total{", "tingwu_http_refusals_total{"))]
    print("metrics (both workers):")
    for line in refusals:
        print("  " + line)
    shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--baseline-seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--database-url")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
