"""The loader's rows hang together before any database sees them (pure: no database)."""

from __future__ import annotations

import uuid
from collections import defaultdict

import sqlalchemy as sa

import core.models  # noqa: F401  (every table registered in the metadata)
from core.db import metadata
from core.demo.data import DEMO_JURISDICTIONS
from core.demo.load import DEMO_NAMESPACE, TABLES, demo_id, demo_rows


def all_rows():
    return [row for demo in DEMO_JURISDICTIONS.values() for _, rows in demo_rows(demo) for row in rows]


def test_ids_come_from_natural_keys():
    houjie = next(row for row in all_rows() if getattr(row, "name", None) == "东莞市厚街镇政务服务中心")
    assert houjie.id == uuid.uuid5(DEMO_NAMESPACE, "hall:dongguan:东莞市厚街镇政务服务中心")
    assert demo_id("case", "DG20261009000026") == demo_id("case", "DG20261009000026")


def test_building_twice_gives_the_same_rows():
    first = [(type(row).__name__, row.id) for row in all_rows()]
    assert first == [(type(row).__name__, row.id) for row in all_rows()]
    assert len(set(first)) == len(first)


def test_tables_are_loaded_after_the_tables_they_refer_to():
    position = {name: index for index, name in enumerate(TABLES)}
    for name in TABLES:
        for fk in metadata.tables[name].foreign_keys:
            if fk.column.table.name not in position and fk.parent.nullable:
                continue  # an optional link to what the demo does not load (rating.device_id → rating_device)
            assert position[fk.column.table.name] <= position[name], f"{name} → {fk.column.table.name}"
    batches = [table for demo in DEMO_JURISDICTIONS.values() for table, _ in demo_rows(demo)]
    assert all(position[a] <= position[b] for a, b in zip(batches, batches[1:]) if a != TABLES[-1])


def test_every_foreign_key_points_at_a_demo_row():
    rows = all_rows()
    present: dict[tuple[str, str], set] = defaultdict(set)  # (table, column) → values, for referenced columns
    for row in rows:
        present[(row.__table__.name, "id")].add(row.id)
    present[("jurisdiction", "code")] = set(DEMO_JURISDICTIONS)
    for row in rows:
        for fk in row.__table__.foreign_keys:
            value = getattr(row, fk.parent.name)
            if value is not None:
                target = (fk.column.table.name, fk.column.name)
                assert value in present[target], f"{row.__table__.name}.{fk.parent.name} → {target}: {value}"


def test_unique_constraints_hold_across_all_jurisdictions():
    by_table = defaultdict(list)
    for row in all_rows():
        by_table[row.__table__.name].append(row)
    for name, rows in by_table.items():
        table = metadata.tables[name]
        keys = [tuple(c.name for c in constraint.columns) for constraint in table.constraints
                if isinstance(constraint, (sa.UniqueConstraint, sa.PrimaryKeyConstraint))]
        keys += [(c.name,) for c in table.columns if c.unique]
        for key in keys:
            values = [tuple(getattr(row, column) for column in key) for row in rows]
            assert len(set(values)) == len(values), f"{name}{key} repeats"


def test_timestamps_are_utc():
    for row in all_rows():
        for column in row.__table__.columns:
            value = getattr(row, column.name)
            if hasattr(value, "tzinfo") and hasattr(value, "hour"):
                assert value.utcoffset().total_seconds() == 0, f"{row.__table__.name}.{column.name}"
