"""Shared by the case tests: a hall with people in it, and the GraphQL they send."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from core.graphql.relay import to_global_id
from core.items.models import ServiceItem
from tests.factories import HallGraph, make_hall, make_user

CASE_FIELDS = """
  serialNumber category status statusLabel deadlineOn deadlineStatus overdue remainingWorkingDays
  pausedSince pausedWorkingDays materialsCompletedOn suppliedMaterials outcome completedOn
  deadlineRules { id source article }
"""

ACCEPT = """mutation($input: AcceptCaseInput!) { acceptCase(input: $input) {
  __typename
  ... on AcceptCaseSuccess { case { %s } correctionNotice { sequence purpose materials dueOn rules { id source } } }
  ... on Error { code message } ... on ValidationError { field } ... on PermissionDenied { side } } }""" % CASE_FIELDS

NOTICE = """mutation($input: IssueCorrectionNoticeInput!) { issueCorrectionNotice(input: $input) {
  __typename
  ... on IssueCorrectionNoticeSuccess { case { %s } correctionNotice { sequence purpose materials dueOn } }
  ... on Error { code message } } }""" % CASE_FIELDS

SUPPLEMENT = """mutation($serial: String!) { receiveSupplement(input: {serialNumber: $serial}) {
  __typename
  ... on ReceiveSupplementSuccess { case { %s } creditRecord { reason dueOn recordedOn ruleIds } }
  ... on Error { code message } } }""" % CASE_FIELDS

COMPLETE = """mutation($serial: String!, $outcome: CaseOutcome!) {
  completeCase(input: {serialNumber: $serial, outcome: $outcome}) {
  __typename ... on CompleteCaseSuccess { case { %s } } ... on Error { code message } ... on PermissionDenied { side } } }""" % CASE_FIELDS

CASE = "query($serial: String!) { case(serialNumber: $serial) { %s } }" % CASE_FIELDS


@dataclass
class Desk:
    """A hall with one department and its items, a window staff member and the department's chief representative."""

    graph: HallGraph
    staff: dict
    chief: dict

    @property
    def hall_id(self) -> str:
        return to_global_id("Hall", self.graph.hall.id)

    def item_code(self, index: int = 0) -> str:
        return self.graph.items[index].code


async def make_desk(db, runtime, *, jurisdiction: str = "panyu", promised: int = 5, materials=("申请表", "身份证"),
                    tolerance: bool = False) -> Desk:
    graph = await make_hall(db, jurisdiction=jurisdiction)
    async with db.transaction() as session:
        await session.execute(sa.update(ServiceItem).where(ServiceItem.id.in_([i.id for i in graph.items])).values(
            promised_limit_days=promised, materials=list(materials), tolerance_acceptance_allowed=tolerance))
    staff = await make_user(db, runtime, staff_id=graph.staff[0].id, roles=(("window_staff", f"hall:{graph.hall.id}"),))
    chief = await make_user(db, runtime, roles=(("chief_representative", f"dept:{graph.departments[0].id}"),))
    return Desk(graph, staff, chief)


def accept_input(desk: Desk, category: str = "PROMISED", **extra) -> dict:
    return {"input": {"hallId": desk.hall_id, "itemCode": desk.item_code(), "category": category,
                      "applicantName": "王小明", "applicantIdNumber": "440113199001011234",
                      "applicantPhone": "13812345678", "suppliedMaterials": ["申请表", "身份证"], **extra}}


async def accept(gql, desk: Desk, category: str = "PROMISED", **extra) -> dict:
    body = await gql.data(ACCEPT, accept_input(desk, category, **extra), headers=desk.staff["headers"])
    result = body["acceptCase"]
    assert result["__typename"] == "AcceptCaseSuccess", result
    return result["case"]


async def read_case(gql, desk: Desk, serial: str) -> dict:
    return (await gql.data(CASE, {"serial": serial}, headers=desk.staff["headers"]))["case"]
