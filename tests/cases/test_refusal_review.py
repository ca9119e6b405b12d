"""无否决权 through GraphQL (RULEBOOK §16 S11; nanbu 无否决权制度): a refusal without review is refused; the window
proposes it (having offered 容缺后补 where the item allows it) and a second person reviews it; elsewhere a window
returns a case directly."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.cases.models import Case
from core.items.models import ServiceItem
from tests.factories import add_case, make_hall, make_user

pytestmark = pytest.mark.db

RETURN = """mutation($serial: String!) { returnCase(input: {serialNumber: $serial, reason: "材料不符合法定形式"}) {
  __typename ... on ReturnCaseSuccess { case { status } } ... on RuleViolationError { code message ruleIds }
  ... on Error { code } } }"""
PROPOSE = """mutation($input: ProposeCaseReturnInput!) { proposeCaseReturn(input: $input) {
  __typename ... on ProposeCaseReturnSuccess { review { status toleranceOffered ruleIds } }
  ... on RuleViolationError { code message ruleIds } ... on Error { code message } } }"""
REVIEW = """mutation($input: ReviewCaseReturnInput!) { reviewCaseReturn(input: $input) {
  __typename ... on ReviewCaseReturnSuccess { review { status reviewNote } case { status } }
  ... on Error { code message } } }"""


async def _hall(db, runtime, jurisdiction):
    graph = await make_hall(db, jurisdiction=jurisdiction)
    async with db.transaction() as session:
        item = await session.get(ServiceItem, graph.items[0].id)
        item.tolerance_acceptance_allowed = True
    case = await add_case(db, graph, category="promised", status="accepted")
    window = await make_user(db, runtime, staff_id=graph.staff[0].id, roles=(("window_staff", f"hall:{graph.hall.id}"),))
    return graph, case, window["headers"]


async def test_a_refusal_without_review_is_refused_and_a_second_person_decides(gql, db, runtime, clock):
    graph, case, window = await _hall(db, runtime, "nanbu")
    serial = case.serial_number
    direct = (await gql.data(RETURN, {"serial": serial}, headers=window))["returnCase"]
    assert (direct["__typename"], direct["code"], direct["ruleIds"]) == \
        ("RuleViolationError", "REFUSAL_NEEDS_REVIEW", ["nanbu.cases.no_veto"])

    no_tolerance = (await gql.data(PROPOSE, {"input": {"serialNumber": serial, "reason": "不符合申请条件"}},
                                   headers=window))["proposeCaseReturn"]
    assert (no_tolerance["code"], no_tolerance["ruleIds"]) == ("TOLERANCE_NOT_OFFERED", ["nanbu.cases.no_veto"])
    proposed = (await gql.data(PROPOSE, {"input": {"serialNumber": serial, "reason": "不符合申请条件",
                                                   "toleranceOffered": True}}, headers=window))["proposeCaseReturn"]
    assert proposed["review"] == {"status": "pending", "toleranceOffered": True, "ruleIds": ["nanbu.cases.no_veto"]}
    twice = (await gql.data(PROPOSE, {"input": {"serialNumber": serial, "reason": "x", "toleranceOffered": True}},
                            headers=window))["proposeCaseReturn"]
    assert twice["code"] == "REFUSAL_PENDING"

    # The window cannot review its own proposal; a supervisor can, and rejects it: the case goes on.
    assert (await gql.data(REVIEW, {"input": {"serialNumber": serial, "approve": True}}, headers=window))[
        "reviewCaseReturn"]["__typename"] == "PermissionDenied"
    supervisor = await make_user(db, runtime, roles=(("supervisor", f"hall:{graph.hall.id}"),))
    rejected = (await gql.data(REVIEW, {"input": {"serialNumber": serial, "approve": False,
                                                  "note": "请先征询部门意见"}}, headers=supervisor["headers"]))
    assert rejected["reviewCaseReturn"]["review"]["status"] == "rejected"
    assert rejected["reviewCaseReturn"]["case"]["status"] == "ACCEPTED"

    await gql.data(PROPOSE, {"input": {"serialNumber": serial, "reason": "经征询，不符合申请条件",
                                       "toleranceOffered": True}}, headers=window)
    approved = (await gql.data(REVIEW, {"input": {"serialNumber": serial, "approve": True}},
                               headers=supervisor["headers"]))["reviewCaseReturn"]
    assert (approved["review"]["status"], approved["case"]["status"]) == ("approved", "RETURNED")
    async with db.session() as session:
        row = (await session.execute(sa.select(Case).where(Case.serial_number == serial))).scalar_one()
    assert row.closing_reason == "经征询，不符合申请条件"


async def test_the_proposer_never_reviews_and_elsewhere_a_window_returns_directly(gql, db, runtime, clock):
    graph, case, window = await _hall(db, runtime, "nanbu")
    chief = await make_user(db, runtime, roles=(("chief_representative", f"dept:{graph.departments[0].id}"),))
    await gql.data(PROPOSE, {"input": {"serialNumber": case.serial_number, "reason": "不符合条件",
                                       "toleranceOffered": True}}, headers=chief["headers"])
    own = (await gql.data(REVIEW, {"input": {"serialNumber": case.serial_number, "approve": True}},
                          headers=chief["headers"]))["reviewCaseReturn"]
    assert own["code"] == "REFUSAL_SAME_PERSON"
    nothing = (await gql.data(REVIEW, {"input": {"serialNumber": "NOPE", "approve": True}},
                              headers=chief["headers"]))["reviewCaseReturn"]
    assert nothing["code"] == "NOT_FOUND"

    panyu_graph, panyu_case, panyu_window = await _hall(db, runtime, "panyu")
    direct = (await gql.data(RETURN, {"serial": panyu_case.serial_number}, headers=panyu_window))["returnCase"]
    assert direct["case"]["status"] == "RETURNED"
    hook = runtime.plugins.hook
    assert hook.tingwu_refusal_review(jurisdiction="panyu").required is False
    assert hook.tingwu_refusal_review(jurisdiction="nanbu").required is True
