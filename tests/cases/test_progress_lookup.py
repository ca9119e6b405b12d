"""办件进度查询 and 办件结果公示 through GraphQL (RULEBOOK §16 S3): the right verification finds the case without
personal data, a wrong one finds nothing and is refused after a few tries; the public list masks the applicant."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from core.cases.models import CorrectionNotice
from core.graphql.relay import to_global_id
from tests.factories import add_case, make_hall

pytestmark = pytest.mark.db

PROGRESS = """query($serial: String!, $v: String!) { caseProgress(serialNumber: $serial, verification: $v) {
  __typename
  ... on CaseProgressFound { progress { serialNumber hallName itemName categoryLabel status statusLabel deadlineOn
        remainingWorkingDays completedOn outcomeLabel notices { title materials issuedOn dueOn } } }
  ... on NotFoundError { code message } ... on RateLimited { code retryAfter message } } }"""
RESULTS = """query($hall: ID!) { publicCaseResults(hallId: $hall) { serialNumber itemName applicant completedOn result } }"""


@pytest.fixture
async def cases(db, runtime, clock):
    graph = await make_hall(db, jurisdiction="panyu")
    clock.set("2026-11-20 10:00")
    accepted = datetime(2026, 11, 16, 2, 0, tzinfo=timezone.utc)
    open_case = await add_case(db, graph, serial="PY2026111600001", category="promised", status="accepted",
                               accepted_at=accepted, deadline_on=date(2026, 11, 30), applicant="李晓梅",
                               applicant_id_number="44010119900101123X")
    async with db.transaction() as session:
        session.add(CorrectionNotice(case_id=open_case.id, purpose="correction", materials=["户口簿", "结婚证"],
                                     issued_on=date(2026, 11, 16), due_on=date(2026, 11, 23)))
    done = await add_case(db, graph, serial="PY2026111600002", status="completed", accepted_at=accepted,
                          applicant="王小明")
    async with db.transaction() as session:
        from core.cases.models import Case
        row = await session.get(Case, done.id)
        row.outcome = "approved"
    return {"graph": graph, "open": open_case, "done": done}


async def test_the_right_verification_finds_the_case_without_personal_data(gql, cases):
    by_id = (await gql.data(PROGRESS, {"serial": "PY2026111600001", "v": "123x"}))["caseProgress"]
    assert by_id["__typename"] == "CaseProgressFound"
    progress = by_id["progress"]
    assert (progress["status"], progress["statusLabel"], progress["categoryLabel"]) == ("accepted", "已受理", "承诺件")
    assert progress["deadlineOn"] == "2026-11-30" and progress["remainingWorkingDays"] == 6
    assert progress["notices"] == [{"title": "材料补正告知书", "materials": ["户口簿", "结婚证"],
                                    "issuedOn": "2026-11-16", "dueOn": "2026-11-23"}]
    text = json.dumps(progress, ensure_ascii=False)
    assert "李晓梅" not in text and "1123X" not in text and "13812345678" not in text

    by_phone = (await gql.data(PROGRESS, {"serial": "PY2026111600002", "v": "5678"}))["caseProgress"]
    assert (by_phone["progress"]["statusLabel"], by_phone["progress"]["outcomeLabel"]) == ("已办结", "准予办理")


async def test_a_wrong_verification_gets_nothing_and_is_refused_after_a_few_tries(gql, cases):
    wrong = (await gql.data(PROGRESS, {"serial": "PY2026111600001", "v": "0000"}))["caseProgress"]
    unknown = (await gql.data(PROGRESS, {"serial": "PY2099", "v": "123X"}))["caseProgress"]
    assert wrong["__typename"] == unknown["__typename"] == "NotFoundError"
    assert wrong["message"] == unknown["message"]  # an unknown serial and a wrong verification look the same
    assert (await gql.data(PROGRESS, {"serial": "PY2026111600001", "v": "12"}))["caseProgress"]["__typename"] == \
        "NotFoundError"
    for _ in range(3):
        assert (await gql.data(PROGRESS, {"serial": "PY2026111600001", "v": "9999"}))["caseProgress"]["__typename"] == \
            "NotFoundError"
    # Five failures on this serial: even the right verification is refused for a while.
    response = await gql.http.post("/graphql", json={"query": PROGRESS,
                                                     "variables": {"serial": "PY2026111600001", "v": "123X"}})
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    refused = response.json()["data"]["caseProgress"]
    assert (refused["__typename"], refused["code"]) == ("RateLimited", "RATE_LIMITED")
    assert refused["retryAfter"] > 0
    # Another serial is not locked by them.
    other = (await gql.data(PROGRESS, {"serial": "PY2026111600002", "v": "5678"}))["caseProgress"]
    assert other["__typename"] == "CaseProgressFound"


async def test_public_results_mask_the_applicant(gql, cases):
    rows = (await gql.data(RESULTS, {"hall": to_global_id("Hall", cases["graph"].hall.id)}))["publicCaseResults"]
    assert rows == [{"serialNumber": "PY2026111600002", "itemName": cases["graph"].items[0].name, "applicant": "王**",
                     "completedOn": "2026-11-16", "result": "准予办理"}]
