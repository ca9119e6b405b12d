"""首问负责制 through GraphQL (RULEBOOK §16 S9; dongguan 5.2.1.2): the first person asked is recorded with what was asked
and how it ended; of several asked at once, the highest-ranked is responsible (tingwu_first_asker)."""

from __future__ import annotations

import pytest

from core.graphql.relay import to_global_id
from core.staff.models import Staff
from tests.factories import make_hall, make_user

pytestmark = pytest.mark.db

RECORD = """mutation($input: RecordFirstInquiryInput!) { recordFirstInquiry(input: $input) {
  __typename ... on RecordFirstInquirySuccess { inquiry { question outcome outcomeLabel responsible handedToWindow
  note ruleIds } } ... on Error { code message } } }"""
LIST = """query($hall: ID!, $date: Date!) { firstInquiries(hallId: $hall, date: $date) { question responsible outcome } }"""


async def test_the_first_asked_is_recorded_and_the_highest_ranked_answers_for_several(gql, db, runtime, clock):
    graph = await make_hall(db, jurisdiction="dongguan")
    async with db.transaction() as session:
        chief = await session.get(Staff, graph.staff[1].id)
        chief.position = "科长"
    clerk, senior = graph.staff[0], graph.staff[1]
    desk = await make_user(db, runtime, roles=(("consultation_desk", f"hall:{graph.hall.id}"),))
    hall_id = to_global_id("Hall", graph.hall.id)
    clock.set("2026-11-20 10:00")

    one = (await gql.data(RECORD, {"input": {"hallId": hall_id, "staffNumbers": [clerk.staff_number],
                                             "question": "新生儿落户需要哪些材料", "outcome": "handed_over",
                                             "handedToWindow": "A02"}}, headers=desk["headers"]))
    inquiry = one["recordFirstInquiry"]["inquiry"]
    assert (inquiry["responsible"], inquiry["handedToWindow"], inquiry["outcomeLabel"]) == \
        (f"{clerk.staff_number} {clerk.name}", "A02", "移交相关窗口")
    assert inquiry["ruleIds"] == ["national.first_asker"]

    clock.set("2026-11-20 10:05")
    both = (await gql.data(RECORD, {"input": {"hallId": hall_id, "question": "公积金提取在哪里办",
                                              "staffNumbers": [clerk.staff_number, senior.staff_number],
                                              "outcome": "guided", "note": "属住房公积金中心，已告知地址和电话"}},
                           headers=desk["headers"]))["recordFirstInquiry"]["inquiry"]
    assert both["responsible"] == f"{senior.staff_number} {senior.name}"  # 科长 above 科员

    bad = (await gql.data(RECORD, {"input": {"hallId": hall_id, "staffNumbers": [clerk.staff_number],
                                             "question": "x", "outcome": "guided"}}, headers=desk["headers"]))
    assert bad["recordFirstInquiry"]["code"] == "VALIDATION_FAILED"  # guidance must say how
    nobody = (await gql.data(RECORD, {"input": {"hallId": hall_id, "staffNumbers": ["NOPE"], "question": "x",
                                                "outcome": "answered"}}, headers=desk["headers"]))
    assert nobody["recordFirstInquiry"]["code"] == "VALIDATION_FAILED"
    anonymous = (await gql.data(RECORD, {"input": {"hallId": hall_id, "staffNumbers": [clerk.staff_number],
                                                   "question": "x", "outcome": "answered"}}))
    assert anonymous["recordFirstInquiry"]["__typename"] == "AuthenticationRequired"

    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    listed = (await gql.data(LIST, {"hall": hall_id, "date": "2026-11-20"}, headers=admin["headers"]))
    assert [r["outcome"] for r in listed["firstInquiries"]] == ["handed_over", "guided"]
    assert (await gql.data(LIST, {"hall": hall_id, "date": "2026-11-20"}))["firstInquiries"] == []
