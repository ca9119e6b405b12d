"""Benchmark: what sealing personal data costs per row, on the write and the read path, beside the plain figures.

Three runs over the same rows (cases with an applicant's name, ID number and phone, written through
the ORM as the services write them, then read back as the API reads them):

- plain: encryption and blind indexes switched off (what Tingwu did before core.pii);
- sm4-gcm: the default (SM4-GCM through ``cryptography``/OpenSSL, HMAC-SM3 blind indexes);
- aes-256-gcm: the option for deployments not assessed under 密评.

Plus the primitives alone (one seal, one open, one blind index). Run: ``python bench/privacy.py
[--rows 2000] [--database-url postgresql://…]``; nothing here is asserted by a test.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.cases.models import Case  # noqa: E402
from core.config import normalize_database_url  # noqa: E402
from core.db import Database, migrations  # noqa: E402
from core.departments.models import Department  # noqa: E402
from core.halls.models import Hall  # noqa: E402
from core.items.models import ServiceItem  # noqa: E402
from core.jurisdictions.models import Jurisdiction  # noqa: E402
from core.pii import crypto, fields, indexes  # noqa: E402
from core.pii.keys import configure, create_key_file  # noqa: E402

BATCH = 200


@contextmanager
def plain():
    """Encryption and blind indexes off: values pass through as they did before core.pii."""
    saved = (fields.crypto.encrypt, fields.crypto.decrypt, indexes.blind_index, indexes.last4_index)
    crypto_encrypt, crypto_decrypt = crypto.encrypt, crypto.decrypt
    crypto.encrypt = lambda value, **_: value
    crypto.decrypt = lambda stored, **_: stored
    indexes.blind_index = lambda *a, **k: None
    indexes.last4_index = lambda *a, **k: None
    try:
        yield
    finally:
        crypto.encrypt, crypto.decrypt = crypto_encrypt, crypto_decrypt
        indexes.blind_index, indexes.last4_index = saved[2], saved[3]


async def setup(db: Database):
    async with db.transaction() as session:
        session.add(Jurisdiction(code="jiedong", name="揭阳市揭东区", province="广东", region_code="445203"))
        await session.flush()
        hall = Hall(jurisdiction_code="jiedong", level="town", place="锡场", name="揭东区锡场镇政务服务中心")
        department = Department(jurisdiction_code="jiedong", name="公安局", short_name="公安")
        session.add_all([hall, department])
        await session.flush()
        item = ServiceItem(jurisdiction_code="jiedong", department_id=department.id, code="ITEM-1", catalog_code="C1",
                           name="户籍证明", type="public_service", promised_limit_days=5, materials=[])
        session.add(item)
    return hall.id, item.id


async def run(db: Database, hall_id, item_id, rows: int, label: str) -> tuple[float, float]:
    """(µs per row written, µs per row read) for ``rows`` cases."""
    tag = uuid.uuid4().hex[:6].upper()
    started = time.perf_counter()
    for start in range(0, rows, BATCH):
        async with db.transaction() as session:
            session.add_all([Case(serial_number=f"B{tag}{i:07d}", hall_id=hall_id, item_id=item_id, category="instant",
                                  applicant_name=f"王小{i % 97}", applicant_id_number=f"4452031990{i:08d}",
                                  applicant_phone=f"138{i:08d}") for i in range(start, min(start + BATCH, rows))])
    write = (time.perf_counter() - started) / rows * 1e6
    started = time.perf_counter()
    async with db.session() as session:
        read = (await session.execute(sa.select(Case).where(Case.serial_number.startswith(f"B{tag}")))).scalars().all()
        assert len(read) == rows and read[0].applicant_phone.startswith("138"), label
    return write, (time.perf_counter() - started) / rows * 1e6


def primitives(n: int = 20000) -> dict[str, float]:
    out = {}
    for name, fn in (("seal (encrypt) a phone", lambda: crypto.encrypt("13812345678", context="case.applicant_phone")),):
        started = time.perf_counter()
        for _ in range(n):
            sealed = fn()
        out[name] = (time.perf_counter() - started) / n * 1e6
    started = time.perf_counter()
    for _ in range(n):
        crypto.decrypt(sealed, context="case.applicant_phone")
    out["open (decrypt) a phone"] = (time.perf_counter() - started) / n * 1e6
    started = time.perf_counter()
    for _ in range(n):
        crypto.blind_index("phone", "13812345678")
    out["blind index (HMAC-SM3)"] = (time.perf_counter() - started) / n * 1e6
    return out


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each variant, interleaved; the best counts")
    parser.add_argument("--database-url", help="an empty database to fill (default: a temporary SQLite file)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp())
    url = normalize_database_url(args.database_url) if args.database_url else f"sqlite+aiosqlite:///{workdir / 'bench.db'}"
    keys = {alg: workdir / f"{alg}.json" for alg in ("sm4-gcm", "aes-256-gcm")}
    for alg, path in keys.items():
        create_key_file(path, alg)
    configure(keys["sm4-gcm"])
    migrations.upgrade(url)
    db = Database(url)
    hall_id, item_id = await setup(db)
    await run(db, hall_id, item_id, min(200, args.rows), "warm-up")
    samples: dict[str, list] = {"plain": [], "sm4-gcm": [], "aes-256-gcm": []}
    for _ in range(args.rounds):  # interleaved, best of each: the machine's load moves between runs
        with plain():
            samples["plain"].append(await run(db, hall_id, item_id, args.rows, "plain"))
        for alg, path in keys.items():
            configure(path)
            samples[alg].append(await run(db, hall_id, item_id, args.rows, alg))
    results = {label: (min(w for w, _ in runs), min(r for _, r in runs)) for label, runs in samples.items()}
    prims = {}
    for alg, path in keys.items():
        configure(path)
        prims[alg] = primitives()
    await db.dispose()
    base_w, base_r = results["plain"]
    print(f"backend {db.dialect}, best of {args.rounds} runs of {args.rows} cases (3 sealed fields + 5 blind indexes per case), batches of {BATCH}")
    print(f"{'':14}{'write µs/row':>14}{'Δ vs plain':>12}{'read µs/row':>14}{'Δ vs plain':>12}")
    for label, (w, r) in results.items():
        print(f"{label:14}{w:14.1f}{w - base_w:+12.1f}{r:14.1f}{r - base_r:+12.1f}")
    print("primitives (µs each):")
    for alg, figures in prims.items():
        print(f"  {alg:12} " + ", ".join(f"{name} {value:.2f}" for name, value in figures.items()))


if __name__ == "__main__":
    asyncio.run(main())
