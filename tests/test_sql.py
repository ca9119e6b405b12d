"""SQL spelled per backend: the China Standard Time date of a UTC timestamp, computed by the database."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
import sqlalchemy as sa

from core.db.sql import local_date
from core.timezones import SHANGHAI, local_period_bounds
from tests.factories import add_case, make_hall

pytestmark = pytest.mark.db


@pytest.mark.parametrize("wall_clock, expected", [
    ("2026-11-10T00:30", date(2026, 11, 10)),  # 16:30 UTC the day before
    ("2026-11-10T07:59", date(2026, 11, 10)),
    ("2026-11-10T08:00", date(2026, 11, 10)),
    ("2026-11-10T23:59", date(2026, 11, 10)),  # 15:59 UTC the same day
])
async def test_local_date_of_a_utc_timestamp(db, wall_clock, expected):
    from core.cases.models import Case

    graph = await make_hall(db)
    moment = datetime.fromisoformat(wall_clock).replace(tzinfo=SHANGHAI)
    case = await add_case(db, graph, accepted_at=moment.astimezone(timezone.utc))
    async with db.session() as session:
        day = (await session.execute(sa.select(local_date(Case.accepted_at)).where(Case.id == case.id))).scalar_one()
        later = (await session.execute(sa.select(local_date(Case.accepted_at) > date(2026, 11, 9))
                                       .where(Case.id == case.id))).scalar_one()
    assert (date.fromisoformat(day) if isinstance(day, str) else day) == expected
    assert bool(later) is True


def test_local_period_bounds():
    start, end = local_period_bounds(date(2026, 11, 1), date(2026, 11, 30))
    assert start == datetime(2026, 10, 31, 16, 0, tzinfo=timezone.utc)
    assert end == datetime(2026, 11, 30, 16, 0, tzinfo=timezone.utc)
