"""The demo's ratings, appeals and complaints load into a real database, twice without change, and read back
through the API as a hall office would see them."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.demo.load import load_demo
from core.graphql.relay import to_global_id
from core.halls.models import Hall
from core.ratings.models import Rating
from tests.factories import make_user

pytestmark = pytest.mark.db


async def test_demo_service_records_load_once_and_read_back(gql, db, runtime):
    infos = {code: runtime.plugins.info(code) for code in ("panyu", "nanbu")}
    first = await load_demo(db, jurisdiction_infos=infos)
    assert first.by_table["rating_appeal"] == 2 and first.by_table["complaint_note"] == 3
    assert (await load_demo(db, jurisdiction_infos=infos)).total == 0
    async with db.session() as session:
        hall = (await session.execute(sa.select(Hall).where(Hall.name == "广州市番禺区政务服务中心"))).scalar_one()
        ruled = (await session.execute(sa.select(Rating.rule_ids).where(Rating.defaulted.is_(False)).limit(1))).scalar_one()
    assert ruled  # every demo rating names the rules that scored it
    office = await make_user(db, runtime, roles=(("hall_office_leader", f"hall:{hall.id}"),))
    data = await gql.data("""query($h: ID!) {
      ratingStatistics(hallId: $h, from: "2026-10-01", to: "2026-11-20") { handledCases ratingRate { meetsTarget } }
      ratingAppeals(hallId: $h) { edges { node { outcome rating { countsInAssessment } } } }
      complaints(hallId: $h) { edges { node { reference channelLabel notes { text } } } }
      serviceBulletin(hallId: $h, from: "2026-10-01", to: "2026-11-20") { rows { cases complaints } } }""",
                          {"h": to_global_id("Hall", hall.id)}, headers=office["headers"])
    assert data["ratingStatistics"]["ratingRate"]["meetsTarget"] is True  # the 80% target (panyu Art 34)
    assert [e["node"]["outcome"] for e in data["ratingAppeals"]["edges"]] == ["UPHELD"]
    assert {e["node"]["reference"] for e in data["complaints"]["edges"]} == {"PY-TS-2026-0031", "PY-TS-2026-0034"}
    [row] = data["serviceBulletin"]["rows"]
    assert row["cases"] > 0 and row["complaints"] == 2
