"""What-if measurements: candidate optimisations of the nested hall query, tried in this process only.

Builds the same scratch PostgreSQL database as ``bench/compare.py`` (dropped at
the end), serves Tingwu in-process (ASGI, production schema) and times the
query under variants that *simulate* an optimisation by patching objects in
this process — nothing in ``core/`` is changed:

* ``gc``        ``gc.freeze()`` after start-up and a larger generation-0 threshold;
* ``caches``    strawberry's ``ParserCache`` and ``ValidationCache`` extensions;
* ``orjson``    the response encoded with orjson (only when orjson is importable;
                ``pip install --target /tmp/bench-orjson orjson`` and
                ``PYTHONPATH=/tmp/bench-orjson``, never into the project venv);
* ``prefetch``  ``halls`` loads windows and assignments for the whole page
                (the same two SQL statements the DataLoaders send) and
                ``Hall.windows`` / ``Window.staff`` become plain synchronous
                resolvers returning the prefetched lists (no coroutine, Future
                or Task per hall and window);
* ``all``       every variant above together.

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
import time
import uuid
from pathlib import Path

import httpx

BENCH = Path(__file__).resolve().parent


def _load(name: str, filename: str):
    spec = importlib.util.spec_from_file_location(name, BENCH / filename)
    module = importlib.util.module_from_spec(spec)
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


class Caches(Variant):
    """strawberry.extensions.ParserCache and ValidationCache (a document parsed and validated once)."""

    name = "caches"

    def apply(self, schema, runtime):
        self.added = [lambda: ParserCache(maxsize=256), lambda: ValidationCache(maxsize=256)]
        schema.extensions.extend(self.added)

    def revert(self, schema, runtime):
        for extension in self.added:
            schema.extensions.remove(extension)


class Orjson(Variant):
    name = "orjson"

    def apply(self, schema, runtime):
        TingwuGraphQL.encode_json = lambda self, data: orjson.dumps(data)

    def revert(self, schema, runtime):
        del TingwuGraphQL.encode_json


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
    body = json.dumps({"query": compare.TINGWU_QUERY}).encode()
    headers = {"content-type": "application/json"}
    variants: list[Variant] = [Variant(), GcTuning(), Caches()]
    if orjson is not None:
        variants.append(Orjson())
    else:
        print("orjson             not importable: variant skipped (see the module docstring)")
    variants.append(Prefetch())
    variants.append(All([v for v in variants[1:]]))  # every variant above, applied together
    variants[-1].name = "all (" + " + ".join(v.name for v in variants[-1].parts) + ")"
    times: dict[str, list[float]] = {v.name: [] for v in variants}
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

            async def batch(n: int) -> float:
                remaining = n

                async def worker():
                    nonlocal remaining
                    while remaining > 0:
                        remaining -= 1
                        await one()

                started = time.perf_counter()
                await asyncio.gather(*(worker() for _ in range(args.concurrency)))
                return (time.perf_counter() - started) / n

            for number in range(args.rounds):
                for variant in variants:
                    variant.apply(schema, runtime)
                    try:
                        answer = normalised(await one())  # also this variant's warm-up
                        if answer != expected:
                            raise RuntimeError(f"variant {variant.name} answers differently")
                        per_request = await batch(args.requests)
                    finally:
                        variant.revert(schema, runtime)
                    times[variant.name].append(per_request)
                    print(f"round {number + 1}  {variant.name:<44} {per_request * 1000:8.1f} ms per request")
    finally:
        await runtime.close()
    base = statistics.median(times["baseline"])
    print(f"\nmedian of {args.rounds} rounds, {args.requests} requests at concurrency {args.concurrency}, in-process ASGI")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:<44} {median * 1000:8.1f} ms per request  {1 / median:6.1f} req/s  "
              f"{base / median:5.2f}× baseline")


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
    asyncio.run(main(parse_args()))
