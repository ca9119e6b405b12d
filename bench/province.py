"""Benchmark: a province on PostgreSQL — the provincial bulletin, rankings, a hall's bulletin, rating ingestion.

Creates a scratch PostgreSQL database, migrates it with Tingwu's Alembic migrations and generates a province
with ``generate_series`` in SQL (no Python per row): at ``--scale 1`` 1,600 halls, 40,000 windows, 60,000
staff, 10 million cases over 12 months and a rating for almost every completed one (≈ 10 million), queue
tickets for most cases, complaints for a few; realistic skew (a few big city centres take most of the
cases: the hall of a case is hall number ⌊halls · u⁵⌋ for a uniform u, so the first tenth of the halls take
about 60 % of the cases; rating levels 70/20/6/3/1 %, defaults 10 %, 0.1 % overturned).
Then it counts the rollups once for the whole year (the statements of ``tingwu rollups rebuild``), runs
``VACUUM ANALYZE`` and measures, in-process through the full GraphQL stack (ASGI, no network):

* the provincial bulletin of a month by hall (``areaBulletin(province: "44", groupBy: HALL)``, every hall),
* the ranking of a jurisdiction (``serviceRanking(jurisdiction:, metric: SATISFACTION)``),
* a hall's monthly bulletin (``serviceBulletin``, the busiest hall),

each ``--repeat`` times (p50/p95), and then **rating ingestion** over real HTTP: Tingwu (uvicorn, 2 workers,
production mode) taking ``submitRating`` and PostGraphile (``bench/postgraphile``) taking its plain
``createRating`` on the same table, at 16 connections, each on its own fresh completed cases, in
alternating rounds; reports throughput and the ratio. Nothing is asserted; figures go to
docs/performance.md. The scratch database is dropped at the end (``--keep`` keeps it).

Run: ``python bench/province.py [--scale 0.05] [--repeat 30] [--ratings 2000 --rounds 2]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import signal
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import asyncpg
import httpx

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import compare  # noqa: E402  (bench/compare.py: scratch databases, servers, PostGraphile)

from core.config import Settings, normalize_database_url  # noqa: E402
from core.db import migrations  # noqa: E402
from core.runtime import Runtime  # noqa: E402

JURISDICTIONS = ("panyu", "dongguan", "jiedong")  # Guangdong's installed plugins: the province's counties here
DEPARTMENTS = ("公安局", "市场监管局", "人社局", "医保局", "税务局", "自然资源局", "住建局", "民政局", "卫健局", "交通运输局",
               "教育局", "农业农村局", "生态环境局", "司法局", "财政局", "不动产登记中心", "公积金中心", "残联", "退役军人事务局",
               "文广旅体局")
YEAR_START = date(2025, 12, 1)  # 12 months: 2025-12 … 2026-11
MONTH = (date(2026, 10, 1), date(2026, 10, 31))  # the month measured


def sizes(scale: float) -> dict:
    halls = max(3, round(1600 * scale))
    return {"halls": halls, "windows_per_hall": 25, "staff_per_hall": 37, "cases": max(1000, round(10_000_000 * scale)),
            "items_per_department": 5}


GENERATE = """
-- 辖区, 部门, 事项
INSERT INTO jurisdiction (id, code, name, province, region_code, created_at)
SELECT gen_random_uuid(), code, code, '广东', '4400' || lpad(n::text, 2, '0'), now()
FROM unnest({jurisdictions}::text[]) WITH ORDINALITY AS j(code, n) ON CONFLICT (code) DO NOTHING;

CREATE TABLE bench_department AS
SELECT gen_random_uuid() AS id, j.code AS jurisdiction_code, d.name AS short_name, (j.n - 1) * {department_count} + d.n - 1 AS idx
FROM unnest({jurisdictions}::text[]) WITH ORDINALITY AS j(code, n), unnest({departments}::text[]) WITH ORDINALITY AS d(name, n);
INSERT INTO department (id, jurisdiction_code, name, short_name, created_at)
SELECT id, jurisdiction_code, jurisdiction_code || short_name, short_name, now() FROM bench_department;

CREATE TABLE bench_item AS
SELECT gen_random_uuid() AS id, d.id AS department_id, d.jurisdiction_code, d.idx AS department_idx, i AS n
FROM bench_department d, generate_series(0, {items_per_department} - 1) AS i;
INSERT INTO service_item (id, jurisdiction_code, department_id, code, catalog_code, name, type, materials,
                          legal_limit_days, promised_limit_days, tolerance_acceptance_allowed, created_at)
SELECT id, jurisdiction_code, department_id, 'BI-' || department_idx || '-' || n, 'C-' || n, '事项' || n, 'licensing',
       '["申请表"]', 20, 10, false, now() FROM bench_item;
"""

HALLS = """
CREATE TABLE bench_hall AS
SELECT gen_random_uuid() AS id, h AS idx, ({jurisdictions}::text[])[1 + h % {jurisdiction_count}] AS jurisdiction_code
FROM generate_series(0, {halls} - 1) AS h;
INSERT INTO hall (id, jurisdiction_code, kind, level, place, name, created_at)
SELECT id, jurisdiction_code, 'center', 'town', '镇' || idx, jurisdiction_code || '第' || idx || '政务服务中心', now()
FROM bench_hall;
INSERT INTO hall_department (id, hall_id, department_id, created_at)
SELECT gen_random_uuid(), h.id, d.id, now() FROM bench_hall h JOIN bench_department d USING (jurisdiction_code);

CREATE TABLE bench_window AS
SELECT gen_random_uuid() AS id, h.id AS hall_id, h.idx AS hall_idx, w AS n, d.id AS department_id
FROM bench_hall h, generate_series(0, {windows_per_hall} - 1) AS w,
     LATERAL (SELECT id FROM bench_department d WHERE d.jurisdiction_code = h.jurisdiction_code
              ORDER BY d.idx OFFSET w % 20 LIMIT 1) d;
INSERT INTO "window" (id, hall_id, department_id, number, name, type, status, created_at)
SELECT id, hall_id, department_id, 'W' || lpad(n::text, 2, '0'), '窗口' || n, 'comprehensive', 'open', now() FROM bench_window;

CREATE TABLE bench_staff AS
SELECT gen_random_uuid() AS id, w.hall_id, w.hall_idx, s AS n, w.department_id
FROM bench_window w JOIN generate_series(0, {staff_per_hall} - 1) AS s ON s % {windows_per_hall} = w.n;
INSERT INTO staff (id, hall_id, department_id, staff_number, name, status, created_at)
SELECT id, hall_id, department_id, 'S' || hall_idx || '-' || n, '员工' || n, 'active', now() FROM bench_staff;
CREATE INDEX ON bench_window (hall_idx, n);
CREATE INDEX ON bench_staff (hall_idx, n);
"""

# One statement per table, generate_series over the case numbers. The hall of case i: skewed (∝ rank^-0.8).
CASES = """
CREATE TABLE bench_case AS
SELECT i, gen_random_uuid() AS id, h.id AS hall_id, h.idx AS hall_idx, w.id AS window_id, w.department_id,
       s.id AS staff_id, it.id AS item_id,
       '{year_start}'::timestamptz + (floor(random() * 365) || ' days')::interval + interval '1 hour' * (random() * 8) AS accepted_at,
       random() AS r
FROM (SELECT i, least({halls} - 1, floor({halls} * power(random(), 5))::int) AS hall_idx,
             floor(random() * {windows_per_hall})::int AS window_n, floor(random() * 2)::int AS staff_k,
             floor(random() * {items_per_department})::int AS item_n
      FROM generate_series(1, {cases}) AS i) c
JOIN bench_hall h ON h.idx = c.hall_idx
JOIN bench_window w ON w.hall_idx = c.hall_idx AND w.n = c.window_n
JOIN bench_staff s ON s.hall_idx = c.hall_idx AND s.n = CASE WHEN c.window_n + {windows_per_hall} * c.staff_k < {staff_per_hall}
                                                      THEN c.window_n + {windows_per_hall} * c.staff_k ELSE c.window_n END
JOIN LATERAL (SELECT id FROM bench_item it WHERE it.department_id = w.department_id AND it.n = c.item_n) it ON true;

INSERT INTO "case" (id, serial_number, hall_id, item_id, window_id, staff_id, category, status, applicant_name,
                    applicant_id_number, tolerance_acceptance, deadline_on, complex_case, supplied_materials,
                    paused_working_days, deadline_rule_ids, terminated_on_request, accepted_at, completed_at, completed_on)
SELECT id, 'BP' || i, hall_id, item_id, window_id, staff_id, 'promised',
       CASE WHEN r < 0.92 THEN 'completed' WHEN r < 0.97 THEN 'accepted' ELSE 'returned' END,
       '申请人' || (i % 100000), '4401' || lpad((i % 1000000)::text, 14, '0'), false,
       (accepted_at AT TIME ZONE 'Asia/Shanghai')::date + 14, false, '[]', 0, '[]', false, accepted_at,
       CASE WHEN r < 0.92 THEN accepted_at + interval '1 day' * (r * 18) END,
       CASE WHEN r < 0.92 THEN ((accepted_at + interval '1 day' * (r * 18)) AT TIME ZONE 'Asia/Shanghai')::date END
FROM bench_case;

INSERT INTO rating (id, case_id, staff_id, hall_id, level, score, channel, defaulted, counts_in_assessment, rule_ids,
                    rated_at)
SELECT gen_random_uuid(), id, staff_id, hall_id,
       CASE WHEN q < 0.70 THEN 'very_satisfied' WHEN q < 0.90 THEN 'satisfied' WHEN q < 0.96 THEN 'basically_satisfied'
            WHEN q < 0.99 THEN 'dissatisfied' ELSE 'very_dissatisfied' END,
       CASE WHEN q < 0.70 THEN 10 WHEN q < 0.90 THEN 8 WHEN q < 0.96 THEN 6 WHEN q < 0.99 THEN 3 ELSE 0 END,
       CASE WHEN d < 0.10 THEN 'default' ELSE 'device' END, d < 0.10, q < 0.999 OR d >= 0.5, '[]',
       accepted_at + interval '1 day' * (r * 18) + interval '10 minutes'
FROM (SELECT *, random() AS q, random() AS d FROM bench_case WHERE r < 0.92 * 0.995) c;

INSERT INTO queue_ticket (id, hall_id, item_id, department_id, number, issued_on, source, green_channel, priority, status,
                          window_id, call_count, case_id, issued_at, called_at, started_at, finished_at)
SELECT gen_random_uuid(), hall_id, item_id, department_id, 'T' || i, (accepted_at AT TIME ZONE 'Asia/Shanghai')::date,
       'on_site', false, 0, 'done', window_id, 1, id, accepted_at - interval '1 minute' * (5 + r * 40),
       accepted_at - interval '1 minute', accepted_at - interval '1 minute', accepted_at + interval '15 minutes'
FROM bench_case WHERE i % 10 < 6;

INSERT INTO complaint (id, reference, hall_id, channel, confidential, target_kind, target_id, facts, status,
                       received_at, accepted_at, rejection_grounds, rule_ids)
SELECT gen_random_uuid(), 'BC' || i, hall_id, '12345', false, 'staff', staff_id, '等候时间过长', 'accepted',
       accepted_at + interval '2 days', accepted_at + interval '2 days 1 hour', '[]', '[]'
FROM bench_case WHERE i % 1000 = 7;
"""


async def generate(url: str, scale: float) -> dict:
    size = sizes(scale)
    year_start = f"{YEAR_START.isoformat()} 00:00:00+08"
    values = {**size, "jurisdictions": _array(JURISDICTIONS), "departments": _array(DEPARTMENTS),
              "department_count": len(DEPARTMENTS), "jurisdiction_count": len(JURISDICTIONS), "year_start": year_start}
    conn = await asyncpg.connect(url)
    timings = {}
    try:
        for step, script in (("halls, windows, staff", GENERATE + HALLS), ("cases, ratings, tickets, complaints", CASES)):
            started = time.perf_counter()
            for statement in script.format(**values).split(";\n"):
                if statement.strip():
                    await conn.execute(statement)
            timings[step] = time.perf_counter() - started
        counts = {table: await conn.fetchval(f'SELECT count(*) FROM "{table}"')
                  for table in ("hall", "window", "staff", "case", "rating", "queue_ticket", "complaint")}
        for table in ("bench_case", "bench_item", "bench_department", "bench_window", "bench_staff", "bench_hall"):
            await conn.execute(f"DROP TABLE {table}")
    finally:
        await conn.close()
    return {"timings": timings, "counts": counts}


def _array(values) -> str:
    return "ARRAY[" + ", ".join(f"'{v}'" for v in values) + "]"


async def count_rollups(url: str) -> float:
    """The rollups of the whole year at once (the statements `tingwu rollups rebuild` runs day by day)."""
    from core.db.engine import Database
    from core.rollups import service as rollups_service

    db = Database(normalize_database_url(url))
    started = time.perf_counter()
    try:
        async with db.transaction() as session:
            for source in rollups_service.SOURCES:
                for stmt in rollups_service._statements(source, None, YEAR_START - timedelta(days=1),
                                                        YEAR_START + timedelta(days=400)):
                    await session.execute(stmt)
    finally:
        await db.dispose()
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()
    return time.perf_counter() - started


AREA = """query($p: String!, $f: Date!, $t: Date!) { areaBulletin(province: $p, from: $f, to: $t, groupBy: HALL) {
  totalRows rows { key cases overdueCases ratings satisfaction { value } ratingRate { value } averageWaitMinutes } } }"""
RANKING = """query($j: String!, $f: Date!, $t: Date!) { serviceRanking(jurisdiction: $j, from: $f, to: $t,
  metric: SATISFACTION) { totalRows entries { rank tied value row { subjectName cases } } } }"""
HALL = """query($h: ID!, $f: Date!, $t: Date!) { serviceBulletin(hallId: $h, from: $f, to: $t) {
  rows { cases overdueCases ratings satisfaction { value } ratingRate { value } } } }"""


async def reads(url: str, repeat: int) -> dict:
    """p50/p95 of the three reads, in-process through the whole GraphQL stack."""
    from core.app import create_app
    from core.auth import service as auth_service
    from core.auth.roles import Role
    from core.graphql.relay import to_global_id

    runtime = Runtime.create(Settings(database_url=normalize_database_url(url), jurisdictions=list(JURISDICTIONS),
                                      secret_key=secrets.token_hex(32)))
    try:
        async with runtime.db.transaction() as session:
            user = await auth_service.create_user(session, username="bench-integrator", display_name="省级对接",
                                                  password=None)
            await auth_service.grant_role(session, user_id=user.id, role=Role.PROVINCIAL_INTEGRATOR, domain="province:44")
            token, _ = await auth_service.issue_token(session, user=user, secret=runtime.secret_key, ttl=timedelta(hours=2))
        await runtime.authorizer.refresh(force=True)
        async with runtime.db.session() as session:
            import sqlalchemy as sa
            busiest = (await session.execute(sa.text(
                'SELECT hall_id FROM "case" GROUP BY hall_id ORDER BY count(*) DESC LIMIT 1'))).scalar_one()
        app = create_app(runtime, check_on_startup=False)
        headers = {"Authorization": f"Bearer {token}"}
        month = {"f": MONTH[0].isoformat(), "t": MONTH[1].isoformat()}
        queries = {
            "provincial bulletin, a month by hall": (AREA, {"p": "44", **month}),
            "ranking of a jurisdiction (satisfaction)": (RANKING, {"j": "panyu", **month}),
            "a hall's monthly bulletin (busiest hall)": (HALL, {"h": to_global_id("Hall", busiest), **month}),
        }
        results = {}
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
            for name, (query, variables) in queries.items():
                times, rows = [], None
                for n in range(repeat + 3):
                    started = time.perf_counter()
                    response = await client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
                    elapsed = time.perf_counter() - started
                    body = response.json()
                    if body.get("errors"):
                        raise RuntimeError(f"{name}: {body['errors']}")
                    if n >= 3:  # warm-up
                        times.append(elapsed)
                    data = next(iter(body["data"].values()))
                    rows = len(data.get("rows") or data.get("entries") or [])
                times.sort()
                results[name] = {"rows": rows, "p50_ms": 1000 * statistics.median(times),
                                 "p95_ms": 1000 * compare.percentile(times, 0.95)}
    finally:
        await runtime.close()
    return results


SUBMIT = """mutation($s: String!, $n: String!) { submitRating(input: {serialNumber: $s, staffNumber: $n,
  level: VERY_SATISFIED, channel: DEVICE}) { __typename ... on SubmitRatingSuccess { alreadyRated } } }"""
CREATE = """mutation($r: RatingInput!) { createRating(input: {rating: $r}) { rating { id } } }"""


async def fresh_cases(url: str, count: int, tag: str) -> list[dict]:
    """``count`` cases completed an hour ago, never rated, spread over the halls (the ingestion's targets)."""
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch(f"""
            INSERT INTO "case" (id, serial_number, hall_id, item_id, window_id, staff_id, category, status,
                                applicant_name, tolerance_acceptance, complex_case, supplied_materials,
                                paused_working_days, deadline_rule_ids, terminated_on_request, accepted_at,
                                completed_at, completed_on)
            SELECT gen_random_uuid(), '{tag}' || i, s.hall_id, it.id, NULL, s.id, 'instant', 'completed', '申请人', false,
                   false, '[]', 0, '[]', false, now() - interval '2 hours', now() - interval '1 hour',
                   (now() AT TIME ZONE 'Asia/Shanghai')::date
            FROM generate_series(1, $1) AS i
            JOIN (SELECT id, hall_id, department_id, row_number() OVER (ORDER BY id) - 1 AS rn,
                         count(*) OVER () AS total FROM staff) s ON s.rn = (i * 7919) % s.total
            JOIN (SELECT DISTINCT ON (department_id) id, department_id FROM service_item ORDER BY department_id, id) it
              ON it.department_id = s.department_id
            RETURNING id, serial_number, hall_id, staff_id""", count)
        numbers = dict(await conn.fetch("SELECT id, staff_number FROM staff WHERE id = ANY($1::uuid[])",
                                        list({r["staff_id"] for r in rows})))
    finally:
        await conn.close()
    return [{"id": str(r["id"]), "serial": r["serial_number"], "hall_id": str(r["hall_id"]),
             "staff_id": str(r["staff_id"]), "staff_number": numbers[r["staff_id"]]} for r in rows]


async def ingest(server_url: str, payloads: list[dict], concurrency: int, check) -> tuple[float, float]:
    """POST every payload at ``concurrency``; (requests per second, p95 seconds)."""
    queue = list(reversed(payloads))
    latencies = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=compare.REQUEST_TIMEOUT) as client:
        async def worker():
            while queue:
                payload = queue.pop()
                started = time.perf_counter()
                response = await client.post(server_url, json=payload)
                latencies.append(time.perf_counter() - started)
                check(response)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return len(payloads) / elapsed, compare.percentile(latencies, 0.95)


def _check_tingwu(response):
    body = response.json()
    if response.status_code != 200 or body.get("errors") or \
            body["data"]["submitRating"]["__typename"] != "SubmitRatingSuccess" or body["data"]["submitRating"]["alreadyRated"]:
        raise RuntimeError(f"Tingwu: {response.status_code} {response.text[:300]}")


def _check_postgraphile(response):
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"PostGraphile: {response.status_code} {response.text[:300]}")


async def ingestion(url: str, per_round: int, rounds: int, concurrency: int, log_dir: Path) -> dict:
    tingwu = postgraphile = None
    results = {"Tingwu submitRating": [], "PostGraphile createRating": []}
    try:
        port = compare.free_port()
        env = {**os.environ, "TINGWU_DATABASE_URL": url, "TINGWU_JURISDICTIONS": ",".join(JURISDICTIONS),
               "TINGWU_ENV": "production", "TINGWU_SECRET_KEY": secrets.token_hex(32),
               "TINGWU_CONFIG": str(log_dir / "no-tingwu.toml"), "PYTHONUNBUFFERED": "1"}
        argv = [sys.executable, "-m", "uvicorn", "core.asgi:app", "--host", "127.0.0.1", "--port", str(port),
                "--workers", "2", "--log-level", "warning", "--no-access-log"]
        tingwu = compare.start("Tingwu", argv, env, port, "{ __typename }", None, log_dir)
        postgraphile = compare.start_postgraphile(url, log_dir)
        async with httpx.AsyncClient() as client:
            await compare.wait_ready(client, tingwu)
            await compare.wait_ready(client, postgraphile)
        for round_ in range(rounds):
            cases = await fresh_cases(url, 2 * per_round, f"R{round_}-{uuid.uuid4().hex[:6]}-")
            ours, theirs = cases[:per_round], cases[per_round:]
            tingwu_payloads = [{"query": SUBMIT, "variables": {"s": c["serial"], "n": c["staff_number"]}} for c in ours]
            pg_payloads = [{"query": CREATE, "variables": {"r": {
                "id": str(uuid.uuid4()), "caseId": c["id"], "staffId": c["staff_id"], "hallId": c["hall_id"],
                "level": "very_satisfied", "score": 10, "channel": "device", "defaulted": False,
                "countsInAssessment": True, "ruleIds": "[]", "ratedAt": "2026-12-06T00:00:00Z"}}} for c in theirs]
            results["Tingwu submitRating"].append(await ingest(tingwu.url, tingwu_payloads, concurrency, _check_tingwu))
            results["PostGraphile createRating"].append(await ingest(postgraphile.url, pg_payloads, concurrency,
                                                                     _check_postgraphile))
    finally:
        compare.stop(tingwu)
        compare.stop(postgraphile)
    return {name: {"per_second": statistics.median(r[0] for r in runs), "p95_ms": 1000 * statistics.median(r[1] for r in runs)}
            for name, runs in results.items()}


async def main(args) -> None:
    name = f"tingwu_province_{uuid.uuid4().hex[:8]}"
    url = compare.admin_dsn(args.server_url, name)
    log_dir = Path(tempfile.mkdtemp(prefix="tingwu-province-"))
    created = False
    try:
        await compare.create_database(args.server_url, name)
        created = True
        size = sizes(args.scale)
        print(f"database     {name} (scratch{'; kept' if args.keep else '; dropped at the end'})")
        print(f"scale        {args.scale}: {size['halls']} halls, {size['halls'] * size['windows_per_hall']} windows, "
              f"{size['halls'] * size['staff_per_hall']} staff, {size['cases']:,} cases over 12 months")
        migrations.upgrade(normalize_database_url(url))
        generated = await generate(url, args.scale)
        for step, seconds in generated["timings"].items():
            print(f"generated    {step} in {seconds:.1f} s")
        print("rows         " + ", ".join(f"{t} {n:,}" for t, n in generated["counts"].items()))
        print(f"rollups      counted for the year and VACUUM ANALYZE in {await count_rollups(url):.1f} s")
        for what, figures in (await reads(url, args.repeat)).items():
            print(f"read         {what:44s} {figures['rows']:5d} rows  p50 {figures['p50_ms']:7.1f} ms  "
                  f"p95 {figures['p95_ms']:7.1f} ms")
        if args.ratings:
            ingested = await ingestion(url, args.ratings, args.rounds, args.concurrency, log_dir)
            for what, figures in ingested.items():
                print(f"ingest       {what:28s} {figures['per_second']:7.0f}/s  p95 {figures['p95_ms']:6.1f} ms "
                      f"({args.concurrency} connections, median of {args.rounds} rounds of {args.ratings})")
            ratio = ingested["Tingwu submitRating"]["per_second"] / ingested["PostGraphile createRating"]["per_second"]
            print(f"ratio        Tingwu submitRating / PostGraphile createRating = {ratio:.2f}")
    finally:
        if created and not args.keep:
            await compare.drop_database(args.server_url, name)
        shutil.rmtree(log_dir, ignore_errors=True)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.05, help="fraction of the province (1 = 1,600 halls, 10 M cases)")
    parser.add_argument("--repeat", type=int, default=30, help="measured requests per read (after 3 warm-up)")
    parser.add_argument("--ratings", type=int, default=2000, help="ratings per server per round (0: skip ingestion)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--server-url", default=os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432"))
    args = parser.parse_args(argv)
    if not 0 < args.scale <= 1:
        parser.error("--scale must be in (0, 1]")
    return args


def _terminate(signum, _frame):
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    asyncio.run(main(parse_args()))
