"""事项进驻、调整、撤出 by request and approval, with 公示; the catalogue queries (RULEBOOK §1; dongying Art 4)."""

from __future__ import annotations

import pytest

from core.graphql.relay import to_global_id
from tests.factories import make_hall, make_user

pytestmark = pytest.mark.db

REQUEST = "id change status approverRole approverTitle proposed reason rules { id source article } item { code }"
CHANGE = """mutation($input: RequestItemChangeInput!) { requestItemChange(input: $input) {
  __typename ... on RequestItemChangeSuccess { request { %s } } ... on Error { code message }
  ... on PermissionDenied { side } } }""" % REQUEST
ENTRY = """mutation($input: RequestItemEntryInput!) { requestItemEntry(input: $input) {
  __typename ... on RequestItemEntrySuccess { request { %s } } ... on Error { code message }
  ... on PermissionDenied { side } } }""" % REQUEST
WITHDRAW = """mutation($input: RequestItemWithdrawalInput!) { requestItemWithdrawal(input: $input) {
  __typename ... on RequestItemWithdrawalSuccess { request { %s } } ... on Error { code message } } }""" % REQUEST
DECIDE = """mutation($input: DecideItemRequestInput!) { decideItemRequest(input: $input) {
  __typename ... on DecideItemRequestSuccess { request { status decisionNote } item { code name promisedLimitDays
  materials } notice { title content publishedOn changeLabel } } ... on Error { code message }
  ... on PermissionDenied { side } } }"""
NOTICES = """query($hall: ID!) { itemNotices(hallId: $hall) { totalCount edges { node { title changeLabel item { code } } } } }"""


async def _people(db, runtime, jurisdiction):
    graph = await make_hall(db, jurisdiction=jurisdiction, items=2)
    hall, dept = graph.hall, graph.departments[0]
    chief = await make_user(db, runtime, roles=(("chief_representative", f"dept:{dept.id}"),))
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{hall.id}"),))
    government = await make_user(db, runtime, roles=(("government_approver", f"jurisdiction:{jurisdiction}"),))
    return graph, chief["headers"], admin["headers"], government["headers"]


async def test_dongying_changes_are_approved_by_the_district_government(gql, db, runtime, clock):
    graph, chief, admin, government = await _people(db, runtime, "dongying")
    hall_id, item = to_global_id("Hall", graph.hall.id), graph.items[0]
    clock.set("2026-11-16 09:00")
    denied = (await gql.data(CHANGE, {"input": {"hallId": hall_id, "itemCode": item.code, "reason": "压缩时限",
                                                "changes": {"promisedLimitDays": 5}}}, headers=admin))["requestItemChange"]
    assert denied["__typename"] == "PermissionDenied" and denied["side"] == "DEPARTMENT"
    body = (await gql.data(CHANGE, {"input": {"hallId": hall_id, "itemCode": item.code, "reason": "压缩办理时限",
                                              "changes": {"promisedLimitDays": 5, "materials": ["申请表"]}}},
                           headers=chief))["requestItemChange"]
    request = body["request"]
    assert (request["status"], request["approverRole"], request["approverTitle"]) == ("PENDING", "government", "区政府")
    assert request["proposed"] == {"promised_limit_days": 5, "materials": ["申请表"]}
    assert request["rules"] == [{"id": "dongying.items.approval", "source": "dongying", "article": "Art 4(一), 4(三)"}]
    again = (await gql.data(CHANGE, {"input": {"hallId": hall_id, "itemCode": item.code, "reason": "再次",
                                               "changes": {"promisedLimitDays": 4}}}, headers=chief))["requestItemChange"]
    assert again["code"] == "ITEM_REQUEST_PENDING"

    by_hall = (await gql.data(DECIDE, {"input": {"requestId": request["id"], "approve": True}}, headers=admin))["decideItemRequest"]
    assert by_hall["__typename"] == "PermissionDenied"
    assert (await gql.data(NOTICES, {"hall": hall_id}))["itemNotices"]["totalCount"] == 0
    approved = (await gql.data(DECIDE, {"input": {"requestId": request["id"], "approve": True, "note": "同意"}},
                               headers=government))["decideItemRequest"]
    assert approved["request"] == {"status": "APPROVED", "decisionNote": "同意"}
    assert (approved["item"]["promisedLimitDays"], approved["item"]["materials"]) == (5, ["申请表"])
    notice = approved["notice"]
    assert notice["title"] == f"关于{graph.hall.name}{item.name}事项调整的公示" and notice["publishedOn"] == "2026-11-16"
    assert "承诺办结时限（工作日）：由“10”调整为“5”" in notice["content"] and "批准机关：区政府" in notice["content"]
    public = (await gql.data(NOTICES, {"hall": hall_id}))["itemNotices"]  # anonymous: notices are public
    assert public["totalCount"] == 1 and public["edges"][0]["node"]["changeLabel"] == "事项调整"
    twice = (await gql.data(DECIDE, {"input": {"requestId": request["id"], "approve": True}}, headers=government))
    assert twice["decideItemRequest"]["code"] == "ITEM_REQUEST_DECIDED"


async def test_entry_of_a_new_item_and_withdrawal_by_the_hall_office(gql, db, runtime, clock):
    graph, chief, admin, government = await _people(db, runtime, "panyu")
    hall_id, dept_id = to_global_id("Hall", graph.hall.id), to_global_id("Department", graph.departments[0].id)
    clock.set("2026-11-16 09:00")
    new_item = {"code": "440113-NEW-001", "catalogCode": "000111222000", "name": "新办事项", "type": "PUBLIC_SERVICE",
                "legalLimitDays": 20, "promisedLimitDays": 3, "materials": ["申请表"], "fee": "0"}
    bad = (await gql.data(ENTRY, {"input": {"hallId": hall_id, "departmentId": dept_id, "reason": "新增",
                                            "newItem": {**new_item, "promisedLimitDays": 30}}}, headers=chief))["requestItemEntry"]
    assert bad["code"] == "VALIDATION_FAILED" and "法定办结时限" in bad["message"]
    request = (await gql.data(ENTRY, {"input": {"hallId": hall_id, "departmentId": dept_id, "reason": "新增便民事项",
                                                "newItem": new_item}}, headers=chief))["requestItemEntry"]["request"]
    assert (request["change"], request["approverRole"], request["item"]) == ("ENTRY", "hall_office", None)
    assert request["rules"][0]["source"] == "default"
    by_government = (await gql.data(DECIDE, {"input": {"requestId": request["id"], "approve": True}},
                                    headers=government))["decideItemRequest"]
    assert by_government["__typename"] == "PermissionDenied"  # here the hall office decides
    approved = (await gql.data(DECIDE, {"input": {"requestId": request["id"], "approve": True}}, headers=admin))["decideItemRequest"]
    assert approved["item"]["code"] == "440113-NEW-001"
    assert approved["notice"]["title"] == f"关于新办事项进驻{graph.hall.name}的公示"
    offered = """query($hall: ID!) { serviceItems(hallId: $hall, search: "新办") { totalCount edges { node { code
      typeLabel department { name } } } } }"""
    assert (await gql.data(offered, {"hall": hall_id}))["serviceItems"]["totalCount"] == 1

    withdrawal = (await gql.data(WITHDRAW, {"input": {"hallId": hall_id, "itemCode": "440113-NEW-001",
                                                      "reason": "依法取消"}}, headers=chief))["requestItemWithdrawal"]
    rejected = (await gql.data(DECIDE, {"input": {"requestId": withdrawal["request"]["id"], "approve": False}},
                               headers=admin))["decideItemRequest"]
    assert rejected["code"] == "VALIDATION_FAILED"  # a rejection needs its reason
    withdrawal = (await gql.data(DECIDE, {"input": {"requestId": withdrawal["request"]["id"], "approve": True}},
                                 headers=admin))["decideItemRequest"]
    assert withdrawal["notice"]["changeLabel"] == "事项撤出"
    assert (await gql.data(offered, {"hall": hall_id}))["serviceItems"]["totalCount"] == 0
    take = """mutation($hall: ID!) { takeTicket(input: {hallId: $hall, itemCode: "440113-NEW-001"}) {
      __typename ... on Error { code } } }"""
    assert (await gql.data(take, {"hall": hall_id}))["takeTicket"]["code"] == "ITEM_NOT_OFFERED"

    requests = """query($hall: ID!) { itemRequests(hallId: $hall) { totalCount edges { node { change status } } } }"""
    assert (await gql.data(requests, {"hall": hall_id}, headers=admin))["itemRequests"]["totalCount"] == 2
    assert (await gql.data(requests, {"hall": hall_id}, headers=chief))["itemRequests"]["totalCount"] == 2
    assert (await gql.data(requests, {"hall": hall_id}))["itemRequests"]["totalCount"] == 0


async def test_change_requests_are_checked(gql, db, runtime, clock):
    graph, chief, admin, _ = await _people(db, runtime, "nanbu")
    hall_id, item = to_global_id("Hall", graph.hall.id), graph.items[0]
    nothing = (await gql.data(CHANGE, {"input": {"hallId": hall_id, "itemCode": item.code, "reason": "无",
                                                 "changes": {"promisedLimitDays": 10}}}, headers=chief))["requestItemChange"]
    assert nothing["code"] == "NOTHING_TO_CHANGE"
    too_long = (await gql.data(CHANGE, {"input": {"hallId": hall_id, "itemCode": item.code, "reason": "延长",
                                                  "changes": {"promisedLimitDays": 25}}}, headers=chief))["requestItemChange"]
    assert too_long["code"] == "VALIDATION_FAILED"
    other = await make_hall(db, jurisdiction="nanbu")
    foreign = await make_user(db, runtime, roles=(("chief_representative", f"dept:{other.departments[0].id}"),))
    denied = (await gql.data(CHANGE, {"input": {"hallId": hall_id, "itemCode": item.code, "reason": "改",
                                                "changes": {"promisedLimitDays": 5}}}, headers=foreign["headers"]))
    assert denied["requestItemChange"]["__typename"] == "PermissionDenied"


async def test_catalogue_queries_and_statements_per_page(gql, db, runtime, count_statements):
    graph = await make_hall(db, jurisdiction="jiedong", items=5)
    query = """query($n: Int!, $j: String) { serviceItems(jurisdiction: $j, first: $n, type: LICENSING) {
      totalCount edges { node { code catalogCode typeLabel promisedLimitDays legalLimitDays materials
      toleranceAcceptanceAllowed department { name } } } } }"""
    count_statements.reset()
    one = await gql.data(query, {"n": 1, "j": "jiedong"})
    small = count_statements.count
    count_statements.reset()
    five = await gql.data(query, {"n": 5, "j": "jiedong"})
    assert count_statements.count == small
    assert five["serviceItems"]["totalCount"] == 5 and len(one["serviceItems"]["edges"]) == 1
    single = await gql.data("query($c: String!) { serviceItem(code: $c) { name department { name } } }",
                            {"c": graph.items[0].code})
    assert single["serviceItem"]["department"]["name"] == graph.departments[0].name
    assert (await gql.data(query, {"n": 5, "j": "panyu"}))["serviceItems"]["totalCount"] == 0


async def test_the_proposer_is_the_one_the_rule_names(gql, db, runtime, clock):
    """ItemChangeApproval.proposer is read: the department proposes (its chief representative, not the hall), and a
    proposer this platform cannot check (here: an invented ``citizen_panel``) refuses every request and writes none."""
    from dataclasses import replace

    from core.plugins.hookspecs import hookimpl
    from core.policy.items import default_item_change_approval
    from core.policy.types import ApprovalStep

    graph, chief, admin, _ = await _people(db, runtime, "nanbu")
    change = {"input": {"hallId": to_global_id("Hall", graph.hall.id), "itemCode": graph.items[0].code,
                        "reason": "压缩时限", "changes": {"promisedLimitDays": 5}}}
    clock.set("2026-11-16 09:00")
    by_hall = (await gql.data(CHANGE, change, headers=admin))["requestItemChange"]
    assert (by_hall["__typename"], by_hall["side"]) == ("PermissionDenied", "DEPARTMENT")

    class Panel:
        @staticmethod
        @hookimpl(tryfirst=True)
        def tingwu_item_change_approval(jurisdiction, change):
            return replace(default_item_change_approval(change),
                           proposer=ApprovalStep("citizen_panel", "hall", "群众评议会", "propose"))

    runtime.plugins.pm.register(Panel, name="panel-proposes")
    try:
        refused = (await gql.data(CHANGE, change, headers=chief))["requestItemChange"]
        withdraw = (await gql.data(WITHDRAW, {"input": {"hallId": change["input"]["hallId"], "itemCode": graph.items[1].code,
                                                        "reason": "撤出"}}, headers=chief))["requestItemWithdrawal"]
    finally:
        runtime.plugins.pm.unregister(name="panel-proposes")
    assert (refused["code"], "citizen_panel" in refused["message"]) == ("POLICY_NO_ANSWER", True)
    assert withdraw["code"] == "POLICY_NO_ANSWER"
    proposed = (await gql.data(CHANGE, change, headers=chief))["requestItemChange"]
    assert proposed["__typename"] == "RequestItemChangeSuccess"  # the first refusal wrote no pending request
