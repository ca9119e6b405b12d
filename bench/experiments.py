"""What-if measurements: candidate optimisations of the nested hall query, tried in this process only.

Builds the same scratch PostgreSQL database as ``bench/compare.py`` (dropped at
the end), serves Tingwu in-process (ASGI, production schema) and times the
query under variants that *simulate* an optimisation by patching objects in
this process — nothing in ``core/`` is changed:

* ``gc``        ``gc.freeze()`` after start-up and a larger generation-0 threshold — or,
                once the server tunes its collector itself (``core.app.tune_garbage_collector``,
                applied here to the baseline as the server's lifespan does), ``gc defaults``:
                the untuned collector, to show what the tuning saves;
* ``caches``    strawberry's ``ParserCache`` and ``ValidationCache`` extensions;
* ``orjson``    the response encoded with orjson (only when orjson is importable;
                ``pip install --target /tmp/bench-orjson orjson`` and
                ``PYTHONPATH=/tmp/bench-orjson``, never into the project venv);
* ``basic-fields`` attribute fields resolved by a bare ``getattr`` closure instead of
                strawberry's per-field wrapper;
* ``prefetch``  ``halls`` loads windows and assignments for the whole page
                (the same two SQL statements the DataLoaders send) and
                ``Hall.windows`` / ``Window.staff`` become plain synchronous
                resolvers returning the prefetched lists (no coroutine, Future
                or Task per hall and window);
* ``gc + X``    (untuned server only) each candidate on top of the gc tuning (the collector's
                cost scales with what a request allocates: "gc + X" against "gc" isolates X's
                own work);
* ``all``       every variant above together.

Then the two statements behind the nested lists (windows, staff) are timed
through the loaders and as bare asyncpg statements binding one array.

Variants run interleaved, round after round; each answer is checked against the
baseline's. Reports the median time per request and the speed-up.

Run: ``python bench/experiments.py [--requests 40 --rounds 3 --concurrency 4]``.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import importlib.util
import json
import secrets
import statistics
import sys
import time
import uuid
from pathlib import Path

import httpx

BENCH = Path(__file__).resolve().parent


def _load(name: str, filename: str):
    spec = importlib.util.spec_from_file_location(name, BENCH / filename)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


compare = _load("tingwu_bench_compare", "compare.py")

from strawberry.extensions import ParserCache, ValidationCache  # noqa: E402

from core.app import TingwuGraphQL, create_app  # noqa: E402
from core.config import Settings, normalize_database_url  # noqa: E402
from core.graphql.schema import build_schema  # noqa: E402
from core.runtime import Runtime  # noqa: E402
from core.windows.dataloaders import AssignmentsByWindowIdLoader, WindowsByHallIdLoader  # noqa: E402
from core.windows.types import WindowStaffType, WindowType  # noqa: E402

try:  # the server's own start-up tuning (core/app.py), when this checkout has it
    from core.app import tune_garbage_collector  # noqa: E402
except ImportError:
    tune_garbage_collector = None

try:
    import orjson
except ImportError:  # the variant is skipped
    orjson = None


# --- variants: each is (apply, revert) over (schema, runtime) -------------------------------------


class Variant:
    name = "baseline"

    def apply(self, schema, runtime) -> None:
        pass

    def revert(self, schema, runtime) -> None:
        pass


class GcTuning(Variant):
    """What a service would do at start-up: freeze what start-up built, collect generation 0 less often."""

    name = "gc"
    THRESHOLD = (50_000, 20, 100)

    def apply(self, schema, runtime):
        self.saved = gc.get_threshold()
        gc.collect()
        gc.freeze()
        gc.set_threshold(*self.THRESHOLD)

    def revert(self, schema, runtime):
        gc.set_threshold(*self.saved)
        gc.unfreeze()


class GcDefaults(Variant):
    """CPython's default collector (threshold 700/10/10, nothing frozen): the server before it tuned it."""

    name = "gc defaults (untuned)"

    def apply(self, schema, runtime):
        self.saved = gc.get_threshold()
        gc.unfreeze()
        gc.set_threshold(700, 10, 10)

    def revert(self, schema, runtime):
        gc.collect()
        gc.freeze()
        gc.set_threshold(*self.saved)


class Caches(Variant):
    """strawberry.extensions.ParserCache and ValidationCache (a document parsed and validated once)."""

    name = "caches"

    def apply(self, schema, runtime):
        self.saved = schema.extensions
        schema.extensions = (*schema.extensions, lambda: ParserCache(maxsize=256),
                             lambda: ValidationCache(maxsize=256))

    def revert(self, schema, runtime):
        schema.extensions = self.saved


class Orjson(Variant):
    name = "orjson"

    def apply(self, schema, runtime):
        TingwuGraphQL.encode_json = lambda self, data: orjson.dumps(data)

    def revert(self, schema, runtime):
        del TingwuGraphQL.encode_json


class BasicFields(Variant):
    """Plain attribute fields resolved by a bare ``getattr`` instead of strawberry's wrapper.

    Strawberry gives every field without a resolver a wrapper that calls ``StrawberryField.get_result``,
    which reads ``base_resolver`` and then ``getattr``; this variant swaps those wrappers on the executable
    schema for a two-argument closure (what a leaner default resolver would cost).
    """

    name = "basic-fields"

    def apply(self, schema, runtime):
        self.saved = []
        for type_ in schema._schema.type_map.values():
            for field in getattr(type_, "fields", {}).values() if hasattr(type_, "interfaces") else ():
                definition = (field.extensions or {}).get("strawberry-definition")
                if definition is None or not getattr(field.resolve, "_is_default", False) \
                        or not definition.is_basic_field:
                    continue
                self.saved.append((field, field.resolve))
                field.resolve = (lambda attribute: lambda source, _info: getattr(source, attribute))(
                    definition.python_name)

    def revert(self, schema, runtime):
        for field, resolve in self.saved:
            field.resolve = resolve


class Prefetch(Variant):
    """The connection resolver prefetches the page's windows and staff; the list fields become synchronous.

    Patched on the executable graphql-core schema, so the replacement resolvers skip strawberry's
    wrapper (an upper bound: a strawberry sync field adds its Info object and argument handling).
    Falls back to the original (DataLoader) resolver wherever nothing was prefetched.
    """

    name = "prefetch"

    def apply(self, schema, runtime):
        gql = schema._schema
        self.fields = {
            "halls": gql.query_type.fields["halls"],
            "windows": gql.type_map["Hall"].fields["windows"],
            "staff": gql.type_map["Window"].fields["staff"],
        }
        self.saved = {name: field.resolve for name, field in self.fields.items()}
        halls, windows, staff = self.saved["halls"], self.saved["windows"], self.saved["staff"]

        async def prefetching_halls(source, info, **kwargs):
            connection = await halls(source, info, **kwargs)
            db = info.context.db
            nodes = [edge.node for edge in connection.edges]
            window_rows = await WindowsByHallIdLoader(db).batch_load([node.row.id for node in nodes])
            all_windows = []
            for node, rows in zip(nodes, window_rows):
                node._prefetched_windows = [WindowType.from_model(row) for row in rows]
                all_windows.extend(node._prefetched_windows)
            staff_rows = await AssignmentsByWindowIdLoader(db).batch_load([w.row.id for w in all_windows])
            for window, rows in zip(all_windows, staff_rows):
                window._prefetched_staff = [WindowStaffType.from_row(row) for row in rows]
            return connection

        def prefetched_windows(source, info, **kwargs):
            prefetched = getattr(source, "_prefetched_windows", None)
            return prefetched if prefetched is not None else windows(source, info, **kwargs)

        def prefetched_staff(source, info, **kwargs):
            prefetched = getattr(source, "_prefetched_staff", None)
            return prefetched if prefetched is not None else staff(source, info, **kwargs)

        self.fields["halls"].resolve = prefetching_halls
        self.fields["windows"].resolve = prefetched_windows
        self.fields["staff"].resolve = prefetched_staff

    def revert(self, schema, runtime):
        for name, field in self.fields.items():
            field.resolve = self.saved[name]


class All(Variant):
    name = "all"

    def __init__(self, parts):
        self.parts = parts

    def apply(self, schema, runtime):
        for part in self.parts:
            part.apply(schema, runtime)

    def revert(self, schema, runtime):
        for part in reversed(self.parts):
            part.revert(schema, runtime)


# --- measurement -------------------------------------------------------------------------------------


def normalised(content: bytes) -> object:
    return json.loads(content)


async def run(args, database_url: str) -> None:
    settings = Settings(database_url=normalize_database_url(database_url), jurisdictions=["jiedong"],
                        env="production", secret_key=secrets.token_hex(32))
    runtime = Runtime.create(settings)
    schema = build_schema(introspection=False)
    app = create_app(runtime, schema=schema, check_on_startup=False)
    if tune_garbage_collector is not None:
        gc.collect()
        tune_garbage_collector()  # the baseline is the server as it runs (the in-process transport runs no lifespan)
    body = json.dumps({"query": compare.TINGWU_QUERY}).encode()
    headers = {"content-type": "application/json"}
    # Each candidate alone, then on top of the gc tuning (the collector's cost scales with what a
    # request allocates, so "gc + X" against "gc" isolates X's own work), then all of them together.
    candidates: list[Variant] = [Caches(), BasicFields()]
    if orjson is not None:
        candidates.append(Orjson())
    else:
        print("orjson             not importable: variant skipped (see the module docstring)")
    candidates.append(Prefetch())
    if tune_garbage_collector is not None:
        # The server already tunes the collector: the baseline has it; show what it saves, then each candidate.
        variants: list[Variant] = [Variant(), GcDefaults(), *candidates]
        everything = All(list(candidates))
        everything.name = "all (" + " + ".join(v.name for v in candidates) + ")"
    else:
        variants = [Variant(), GcTuning(), *candidates]
        for candidate in candidates:
            combined = All([GcTuning(), candidate])
            combined.name = f"gc + {candidate.name}"
            variants.append(combined)
        everything = All([GcTuning(), *candidates])
        everything.name = "all (gc + " + " + ".join(v.name for v in candidates) + ")"
    variants.append(everything)
    control = Variant()
    control.name = "baseline again (noise control)"
    variants.append(control)
    print(f"baseline           the app as served: collector {'tuned by core.app.tune_garbage_collector' if tune_garbage_collector else 'untuned (CPython defaults)'}, "
          f"threshold {gc.get_threshold()}")
    times: dict[str, list[float]] = {v.name: [] for v in variants}
    cpu_times: dict[str, list[float]] = {v.name: [] for v in variants}
    gc_times: dict[str, list[float]] = {v.name: [] for v in variants}
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
            async def one() -> bytes:
                response = await client.post("/graphql", content=body, headers=headers)
                response.raise_for_status()
                return response.content

            expected = normalised(await one())
            assert not expected.get("errors"), expected
            for _ in range(args.warmup):
                await one()

            async def batch(n: int, variant: Variant) -> tuple[float, float]:
                """(wall seconds, this process's CPU seconds) per request; collector time into gc_times."""
                remaining = n

                async def worker():
                    nonlocal remaining
                    while remaining > 0:
                        remaining -= 1
                        await one()

                started, cpu = time.perf_counter(), time.process_time()
                with compare.gc_watch() as collections:
                    await asyncio.gather(*(worker() for _ in range(args.concurrency)))
                gc_times[variant.name].append(sum(sum(c) for c in collections.values()) / n)
                return (time.perf_counter() - started) / n, (time.process_time() - cpu) / n

            for number in range(args.rounds):
                for variant in variants:
                    variant.apply(schema, runtime)
                    try:
                        answer = normalised(await one())  # also this variant's warm-up
                        if answer != expected:
                            raise RuntimeError(f"variant {variant.name} answers differently")
                        per_request, cpu = await batch(args.requests, variant)
                    finally:
                        variant.revert(schema, runtime)
                    times[variant.name].append(per_request)
                    cpu_times[variant.name].append(cpu)
                    print(f"round {number + 1}  {variant.name:<52} {per_request * 1000:7.1f} ms per request, "
                          f"CPU {cpu * 1000:7.1f} ms, GC {gc_times[variant.name][-1] * 1000:6.1f} ms")
        summarise(args, times, cpu_times, gc_times)
        await sql_path(args, runtime, database_url)
    finally:
        await runtime.close()


def summarise(args, times: dict, cpu_times: dict, gc_times: dict) -> None:
    base, base_cpu = statistics.median(times["baseline"]), statistics.median(cpu_times["baseline"])
    print(f"\nmedian of {args.rounds} rounds, {args.requests} requests at concurrency {args.concurrency}, in-process "
          f"ASGI (CPU: this process only; PostgreSQL's work is not in it)")
    base_work = statistics.median(c - g for c, g in zip(cpu_times["baseline"], gc_times["baseline"]))
    print(f"  {'variant':<52} {'wall/req':>8}  {'req/s':>6}  {'speed-up':>8}   {'CPU/req':>8}  {'speed-up':>8}"
          f"  {'GC/req':>8}  {'CPU-GC':>8}  {'speed-up':>8}")
    for name, values in times.items():
        median, cpu = statistics.median(values), statistics.median(cpu_times[name])
        work = statistics.median(c - g for c, g in zip(cpu_times[name], gc_times[name]))
        print(f"  {name:<52} {median * 1000:6.1f} ms  {1 / median:6.1f}  {base / median:7.2f}×   "
              f"{cpu * 1000:6.1f} ms  {base_cpu / cpu:7.2f}×  {statistics.median(gc_times[name]) * 1000:6.1f} ms"
              f"  {work * 1000:6.1f} ms  {base_work / work:7.2f}×")
    print("  (CPU-GC: the process's CPU minus the collector's pauses — the variant's own work, steadier than "
          "either alone)")


WINDOWS_SQL = 'SELECT * FROM "window" WHERE hall_id = ANY($1::uuid[]) ORDER BY number, id'
ASSIGNMENTS_SQL = (
    "SELECT staff.*, wa.window_id AS assigned_window_id, wa.role AS post_role, wa.assigned_at AS assigned_at "
    "FROM staff JOIN window_assignment AS wa ON staff.id = wa.staff_id "
    "WHERE wa.window_id = ANY($1::uuid[]) ORDER BY wa.role, staff.staff_number")


async def sql_path(args, runtime, database_url: str) -> None:
    """The two nested-list statements of one answer: through the loaders (SQLAlchemy) and through bare asyncpg.

    Same rows, same order; the bare version binds one array (``= ANY($1)``) instead of one parameter per key.
    CPU of this process only, the collector off (its share is measured above).
    """
    import asyncpg
    import sqlalchemy as sa

    from core.halls.models import Hall

    async with runtime.db.session() as session:
        hall_ids = (await session.execute(sa.select(Hall.id).order_by(Hall.name, Hall.id).limit(100))).scalars().all()

    async def through_loaders():
        windows = await WindowsByHallIdLoader(runtime.db).batch_load(hall_ids)
        staff = await AssignmentsByWindowIdLoader(runtime.db).batch_load([w.id for rows in windows for w in rows])
        return sum(map(len, windows)), sum(map(len, staff))

    conn = await asyncpg.connect(database_url)

    async def through_asyncpg():
        windows = await conn.fetch(WINDOWS_SQL, hall_ids)
        staff = await conn.fetch(ASSIGNMENTS_SQL, [w["id"] for w in windows])
        return len(windows), len(staff)

    try:
        if await through_loaders() != await through_asyncpg():
            raise RuntimeError("the loaders and the bare statements fetch different rows")
        results = {}
        for name, fetch in (("loaders (SQLAlchemy, expanding IN)", through_loaders),
                            ("bare asyncpg (= ANY($1::uuid[]))", through_asyncpg)):
            for _ in range(args.warmup):
                await fetch()
            gc.collect()
            gc.disable()
            try:
                cpus, walls = [], []
                for _ in range(args.rounds):
                    wall, cpu = time.perf_counter(), time.process_time()
                    for _ in range(args.requests):
                        await fetch()
                    walls.append((time.perf_counter() - wall) / args.requests)
                    cpus.append((time.process_time() - cpu) / args.requests)
            finally:
                gc.enable()
            results[name] = (statistics.median(walls), statistics.median(cpus))
    finally:
        await conn.close()
    print(f"\nwindows + staff statements of one answer ({len(hall_ids)} halls), median of {args.rounds} rounds, "
          "collector off")
    for name, (wall, cpu) in results.items():
        print(f"  {name:<52} {wall * 1000:6.1f} ms wall  {cpu * 1000:6.1f} ms CPU")


async def main(args) -> None:
    name = f"tingwu_bench_{uuid.uuid4().hex[:10]}"
    database_url = compare.admin_dsn(args.server_url, name)
    created = False
    try:
        await compare.create_database(args.server_url, name)
        created = True
        print(f"database           {name} (scratch; dropped at the end)")
        await compare.fill_database(database_url, args.halls, args.windows, args.staff_per_window)
        await run(args, database_url)
    finally:
        if created:
            await compare.drop_database(args.server_url, name)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--halls", type=int, default=50)
    parser.add_argument("--windows", type=int, default=10)
    parser.add_argument("--staff-per-window", type=int, default=2)
    parser.add_argument("--requests", type=int, default=40, help="requests per variant per round")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--server-url", default=compare.parse_args([]).server_url)
    args = parser.parse_args(argv)
    if min(args.halls, args.windows, args.requests, args.concurrency, args.rounds) < 1:
        parser.error("sizes, --requests, --concurrency and --rounds must be at least 1")
    return args


if __name__ == "__main__":
    import signal

    signal.signal(signal.SIGTERM, compare._terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    asyncio.run(main(parse_args()))
