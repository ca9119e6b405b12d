"""Every change of hall data is reported (上报): each mutation writes exactly its outbox event(s), in its
transaction, from the service that makes the change; refused and denied mutations write none; nothing of a
citizen's or complainant's personal data goes up."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.cases.models import Case
from core.complaints.models import Complaint
from core.db.base import utcnow
from core.graphql.relay import to_global_id
from core.jobs import run_jobs
from core.timezones import local_today
from core.outbox import events
from core.cases.jobs import record_unmet_tolerance_promises
from tests.cases.helpers import ACCEPT, COMPLETE, NOTICE, SUPPLEMENT, accept, accept_input, make_desk
from tests.complaints.test_complaint_lifecycle import (
    ARCHIVE, DECIDE as DECIDE_COMPLAINT, EXTEND, FEEDBACK, NOTE, RESOLVE, SUBMIT as SUBMIT_COMPLAINT, complaint_id,
    complaint_input,
)
from tests.factories import add_case, make_hall, make_user
from tests.items.test_item_requests import CHANGE, DECIDE as DECIDE_ITEM, ENTRY, WITHDRAW
from tests.ratings.test_rating_appeal import APPEAL, REVIEW, add_rating
from tests.ratings.test_rating_submit import SUBMIT as SUBMIT_RATING, rating_input
from tests.reporting.watch import OutboxWatch, assert_nothing_personal
from tests.staff.test_replacement import DECIDE as DECIDE_REPLACEMENT, ON_DUTY, PROPOSE, RELEASE, substitute
from tests.staffing import BASE_ERROR_FIELDS, gid, people, pin_clock

pytestmark = pytest.mark.db

APPLICANT = ("王小明", "440113199001011234", "13812345678")  # as tests.cases.helpers.accept_input gives them
RETURN = """mutation($s: String!, $r: String!) { returnCase(input: {serialNumber: $s, reason: $r}) {
  __typename ... on Error { code } } }"""
TERMINATE = """mutation($s: String!, $r: String!) { terminateCase(input: {serialNumber: $s, reason: $r}) { __typename } }"""


def test_every_column_of_a_case_or_complaint_is_reported_or_withheld():
    """A new column must be classified: reported, or withheld as the citizen's (or free text about them)."""
    for model, reported, withheld in ((Case, events.CASE_FIELDS, events.CASE_WITHHELD),
                                      (Complaint, events.COMPLAINT_FIELDS, events.COMPLAINT_WITHHELD)):
        columns = set(model.__table__.columns.keys())
        assert set(reported) | set(withheld) == columns, columns ^ (set(reported) | set(withheld))
        assert not set(reported) & set(withheld)
    assert {"applicant_name", "applicant_id_number", "applicant_phone"} <= set(events.CASE_WITHHELD)
    assert {"complainant_name", "complainant_contact"} <= set(events.COMPLAINT_WITHHELD)


# --- cases ----------------------------------------------------------------------------------------------


async def test_case_changes_are_reported_one_event_each(gql, db, runtime, clock):
    desk = await make_desk(db, runtime)
    watch = OutboxWatch(db)
    clock.set("2026-11-16 10:00")
    missing = (await gql.data(ACCEPT, accept_input(desk, suppliedMaterials=["申请表"]),
                              headers=desk.staff["headers"]))["acceptCase"]
    assert missing["code"] == "MATERIALS_MISSING"
    assert await watch.new() == [], "a refused acceptance reports nothing"

    serial = (await accept(gql, desk))["serialNumber"]
    accepted = await watch.one("case.accepted")
    assert (accepted.entity_type, accepted.sequence, accepted.jurisdiction_code) == ("case", 1, "panyu")
    payload = accepted.payload
    assert (payload["serial_number"], payload["item_code"], payload["status"], payload["category"]) == (
        serial, desk.item_code(), "accepted", "promised")
    assert payload["deadline_on"] == "2026-11-23" and payload["hall_id"] == str(desk.graph.hall.id)
    assert payload["staff_id"] == str(desk.graph.staff[0].id)
    assert not set(payload) & set(events.CASE_WITHHELD)

    clock.set("2026-11-17 10:00")
    await gql.data(NOTICE, {"input": {"serialNumber": serial, "acceptableMaterials": ["申请表"],
                                      "notice": {"materials": ["身份证"], "dueOn": "2026-11-20"}}},
                   headers=desk.staff["headers"])
    noticed = await watch.one("case.correction_requested")
    assert (noticed.sequence, noticed.payload["status"], noticed.payload["paused_since"]) == (
        2, "awaiting_materials", "2026-11-17")
    assert noticed.payload["correction_notice"] == {"sequence": 1, "purpose": "correction", "materials": ["身份证"],
                                                    "issued_on": "2026-11-17", "due_on": "2026-11-20"}

    clock.set("2026-11-19 10:00")
    await gql.data(SUPPLEMENT, {"serial": serial}, headers=desk.staff["headers"])
    supplied = await watch.one("case.materials_supplied")
    assert (supplied.payload["status"], supplied.payload["paused_since"], supplied.payload["paused_working_days"],
            supplied.payload["deadline_on"]) == ("accepted", None, 2, "2026-11-25")

    by_window = (await gql.data(COMPLETE, {"serial": serial, "outcome": "APPROVED"},
                                headers=desk.staff["headers"]))["completeCase"]
    assert by_window["__typename"] == "PermissionDenied"  # a 承诺件 is the chief representative's decision
    assert await watch.new() == []
    done = (await gql.data(COMPLETE, {"serial": serial, "outcome": "APPROVED"}, headers=desk.chief["headers"]))
    assert done["completeCase"]["__typename"] == "CompleteCaseSuccess"
    completed = await watch.one("case.completed")
    assert (completed.sequence, completed.payload["status"], completed.payload["outcome"],
            completed.payload["completed_on"]) == (4, "completed", "approved", "2026-11-19")

    returned, terminated = (await accept(gql, desk))["serialNumber"], (await accept(gql, desk))["serialNumber"]
    assert await watch.kinds() == [("case", "case.accepted")] * 2
    reason = "申请人提交的营业执照已注销"
    assert (await gql.data(RETURN, {"s": returned, "r": reason}, headers=desk.staff["headers"]))["returnCase"][
        "__typename"] == "ReturnCaseSuccess"
    assert (await watch.one("case.returned")).payload["status"] == "returned"
    assert (await gql.data(TERMINATE, {"s": terminated, "r": "申请人撤回申请"}, headers=desk.staff["headers"]))[
        "terminateCase"]["__typename"] == "TerminateCaseSuccess"
    ended = await watch.one("case.terminated")
    assert (ended.payload["status"], ended.payload["terminated_on_request"]) == ("terminated", True)
    again = (await gql.data(RETURN, {"s": terminated, "r": "再退"}, headers=desk.staff["headers"]))["returnCase"]
    assert again["code"] == "CASE_STATE_INVALID"
    assert await watch.new() == [], "a change refused by the case's state reports nothing"
    assert_nothing_personal(await OutboxWatch(db).new(), *APPLICANT, reason, "申请人撤回申请")


async def test_a_tolerance_promise_not_kept_is_reported_once(gql, db, runtime, clock):
    desk = await make_desk(db, runtime, jurisdiction="dongguan", materials=("申请表", "身份证", "营业执照"), tolerance=True)
    clock.set("2026-11-02 10:00")
    serial = (await accept(gql, desk, suppliedMaterials=["申请表", "身份证"], toleranceAcceptance=True,
                           correctionNotice={"materials": ["营业执照"], "dueOn": "2026-11-06"}))["serialNumber"]
    watch = OutboxWatch(db)
    await watch.new()
    assert (await record_unmet_tolerance_promises(db, runtime.plugins, as_of=date(2026, 11, 9))).recorded == {"dongguan": 1}
    overdue = await watch.one("case.supplement_overdue")
    assert (overdue.payload["serial_number"], overdue.payload["supplement_due_on"],
            overdue.payload["supplement_supplied_on"]) == (serial, "2026-11-06", None)
    assert_nothing_personal([overdue], *APPLICANT)
    await record_unmet_tolerance_promises(db, runtime.plugins, as_of=date(2026, 11, 10))
    assert await watch.new() == [], "the credit record is made once, and so is its event"


# --- ratings ---------------------------------------------------------------------------------------------


async def test_rating_changes_are_reported(gql, db, runtime):
    graph = await make_hall(db)
    case = await add_case(db, graph)
    watch = OutboxWatch(db)
    wrong = (await gql.data(SUBMIT_RATING, rating_input(case, graph.staff[1])))["submitRating"]
    assert wrong["code"] == "STAFF_NUMBER_MISMATCH"
    assert await watch.new() == []

    first = (await gql.data(SUBMIT_RATING, rating_input(case, graph.staff[0], level="VERY_SATISFIED")))["submitRating"]
    submitted = await watch.one("rating.submitted")
    assert to_global_id("Rating", submitted.entity_id) == first["rating"]["id"]
    assert {key: submitted.payload[key] for key in ("case_serial_number", "item_code", "region_code", "staff_number",
                                                    "level", "score", "channel", "defaulted", "counts_in_assessment")} == {
        "case_serial_number": case.serial_number, "item_code": graph.items[0].code, "region_code": "445203",
        "staff_number": graph.staff[0].staff_number, "level": "very_satisfied", "score": 10.0, "channel": "qr_code",
        "defaulted": False, "counts_in_assessment": True}
    retry = (await gql.data(SUBMIT_RATING, rating_input(case, graph.staff[0], level="VERY_SATISFIED")))["submitRating"]
    assert retry["alreadyRated"] is True
    assert await watch.new() == [], "a retry changes nothing and reports nothing"

    hall = f"hall:{graph.hall.id}"
    rated_staff = await make_user(db, runtime, staff_id=graph.staff[0].id, roles=(("window_staff", hall),))
    supervisor = await make_user(db, runtime, roles=(("supervisor", hall),))
    upheld_rating = await add_rating(db, await add_case(db, graph))
    overturned_rating = await add_rating(db, await add_case(db, graph))
    await watch.new()
    appeal_ids = []
    for rating in (upheld_rating, overturned_rating):
        filed = (await gql.data(APPEAL, {"input": {"ratingId": to_global_id("Rating", rating.id), "reason": "申请人误评"}},
                                headers=rated_staff["headers"]))["appealRating"]
        appeal_ids.append(filed["appeal"]["id"])
    assert await watch.new() == [], "an appeal changes nothing the province counts"
    by_appellant = (await gql.data(REVIEW, {"input": {"appealId": appeal_ids[1], "outcome": "OVERTURNED_MISTAKEN"}},
                                   headers=rated_staff["headers"]))["reviewRatingAppeal"]
    assert by_appellant["__typename"] == "PermissionDenied"
    upheld = (await gql.data(REVIEW, {"input": {"appealId": appeal_ids[0], "outcome": "UPHELD"}},
                             headers=supervisor["headers"]))["reviewRatingAppeal"]
    assert upheld["appeal"]["rating"]["countsInAssessment"] is True
    assert await watch.new() == [], "an upheld rating still counts: nothing to report"
    await gql.data(REVIEW, {"input": {"appealId": appeal_ids[1], "outcome": "OVERTURNED_MISTAKEN"}},
                   headers=supervisor["headers"])
    overturned = await watch.one("rating.overturned")
    assert (overturned.entity_id, overturned.sequence) == (overturned_rating.id, 1)
    assert (overturned.payload["counts_in_assessment"], overturned.payload["appeal_outcome"],
            overturned.payload["level"]) == (False, "overturned_mistaken", "dissatisfied")


async def test_each_default_rating_is_reported_in_statements_that_do_not_grow(db, runtime, count_statements):
    graph = await make_hall(db)
    served = utcnow() - timedelta(days=10)
    await add_case(db, graph, accepted_at=served - timedelta(hours=1), completed_at=served)
    watch = OutboxWatch(db)
    count_statements.reset()
    one = await run_jobs(runtime, only="ratings.default")
    few = count_statements.count
    assert one["ratings.default"].changed["jiedong"] == 1
    [single] = await watch.new()
    assert (single.event_type, single.payload["defaulted"], single.payload["channel"], single.payload["level"]) == (
        "rating.defaulted", True, "default", "basically_satisfied")
    for staff in graph.staff[:3]:
        await add_case(db, graph, staff=staff, accepted_at=served - timedelta(hours=1), completed_at=served)
    count_statements.reset()
    three = await run_jobs(runtime, only="ratings.default")
    assert three["ratings.default"].changed["jiedong"] == 3
    assert count_statements.count == few, count_statements.statements
    batch = await watch.new()
    assert [r.event_type for r in batch] == ["rating.defaulted"] * 3
    assert sorted(r.payload["staff_number"] for r in batch) == sorted(s.staff_number for s in graph.staff[:3])


# --- complaints ----------------------------------------------------------------------------------------


async def test_complaint_changes_are_reported_without_the_complainant(gql, db, runtime):
    graph = await make_hall(db, jurisdiction="nanbu", place="南部山区")
    hall = f"hall:{graph.hall.id}"
    supervisor = (await make_user(db, runtime, roles=(("supervisor", hall),)))["headers"]
    leader = (await make_user(db, runtime, roles=(("hall_office_leader", hall),)))["headers"]
    watch = OutboxWatch(db)
    received = complaint_input(graph)
    texts = [received["input"][key] for key in ("facts", "demand", "complainantName", "complainantContact")]
    reference = (await gql.data(SUBMIT_COMPLAINT, received))["submitComplaint"]["receipt"]["reference"]
    first = await watch.one("complaint.received")
    assert (first.payload["reference"], first.payload["status"], first.payload["target_kind"], first.payload["channel"]) == (
        reference, "received", "staff", "on_site")
    assert not set(first.payload) & set(events.COMPLAINT_WITHHELD)
    cid = await complaint_id(db, reference)

    assert (await gql.data(DECIDE_COMPLAINT, {"input": {"complaintId": cid}}, headers=supervisor))[
        "decideComplaintAcceptance"]["complaint"]["status"] == "ACCEPTED"
    accepted = await watch.one("complaint.accepted")
    assert accepted.payload["deadline_on"] and accepted.payload["rule_ids"] == ["nanbu.complaint.acceptance",
                                                                               "nanbu.complaint.deadline"]
    extension = {"complaintId": cid, "workingDays": 2, "explanation": "需约谈当事人，申请延期两个工作日。"}
    assert (await gql.data(EXTEND, {"input": extension}, headers=supervisor))["extendComplaintDeadline"][
        "__typename"] == "PermissionDenied"
    assert await watch.new() == [], "a denied extension reports nothing"
    await gql.data(EXTEND, {"input": extension}, headers=leader)
    extended = await watch.one("complaint.extended")
    assert extended.payload["extended_from_on"] == accepted.payload["deadline_on"]
    await gql.data(NOTE, {"input": {"complaintId": cid, "text": "调取监控，离岗属实。"}}, headers=supervisor)
    assert await watch.new() == [], "investigation notes stay in the county"
    resolution = "离岗属实，已批评教育。"
    await gql.data(RESOLVE, {"input": {"complaintId": cid, "substantiated": True, "resolution": resolution}},
                   headers=supervisor)
    assert (await watch.one("complaint.resolved")).payload["substantiated"] is True
    feedback = "电话回访赵女士，告知处理结果。"
    await gql.data(FEEDBACK, {"input": {"complaintId": cid, "feedback": feedback, "complainantSatisfied": True}},
                   headers=supervisor)
    assert (await watch.one("complaint.feedback_recorded")).payload["complainant_satisfied"] is True
    await gql.data(ARCHIVE, {"input": {"complaintId": cid}}, headers=supervisor)
    closed = await watch.one("complaint.closed")
    assert (closed.sequence, closed.payload["status"]) == (6, "closed")
    assert_nothing_personal(await OutboxWatch(db).new(), *texts, "13791035628", extension["explanation"], resolution,
                            feedback)

    anonymous = complaint_input(graph, complainantName=None, complainantContact=None, channel="phone")
    reference = (await gql.data(SUBMIT_COMPLAINT, anonymous))["submitComplaint"]["receipt"]["reference"]
    await gql.data(DECIDE_COMPLAINT, {"input": {"complaintId": await complaint_id(db, reference)}}, headers=supervisor)
    fresh = await watch.new()
    assert [row.event_type for row in fresh] == ["complaint.received", "complaint.rejected"]
    assert (fresh[1].payload["status"], fresh[1].payload["rejection_grounds"]) == ("rejected", ["anonymous_or_no_contact"])


# --- service items -------------------------------------------------------------------------------------------


async def test_approved_item_changes_report_the_item_and_the_halls_offering_it(gql, db, runtime, clock):
    graph = await make_hall(db, jurisdiction="panyu", items=2)
    hall_id, dept_id = to_global_id("Hall", graph.hall.id), to_global_id("Department", graph.departments[0].id)
    chief = (await make_user(db, runtime, roles=(("chief_representative", f"dept:{graph.departments[0].id}"),)))["headers"]
    admin = (await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),)))["headers"]
    clock.set("2026-11-16 09:00")
    watch = OutboxWatch(db)
    item = graph.items[0]
    change = {"hallId": hall_id, "itemCode": item.code, "reason": "压缩办理时限", "changes": {"promisedLimitDays": 5}}
    request = (await gql.data(CHANGE, {"input": change}, headers=chief))["requestItemChange"]["request"]
    assert await watch.new() == [], "a request changes no hall's offer"
    by_chief = (await gql.data(DECIDE_ITEM, {"input": {"requestId": request["id"], "approve": True}}, headers=chief))
    assert by_chief["decideItemRequest"]["__typename"] == "PermissionDenied"
    rejected = (await gql.data(DECIDE_ITEM, {"input": {"requestId": request["id"], "approve": False, "note": "依据不足"}},
                               headers=admin))["decideItemRequest"]
    assert rejected["request"]["status"] == "REJECTED"
    assert await watch.new() == [], "a rejection changes nothing"

    request = (await gql.data(CHANGE, {"input": change}, headers=chief))["requestItemChange"]["request"]
    await gql.data(DECIDE_ITEM, {"input": {"requestId": request["id"], "approve": True}}, headers=admin)
    changed = await watch.one("service_item.changed")
    assert (changed.entity_type, changed.entity_id, changed.payload["code"], changed.payload["promised_limit_days"]) == (
        "service_item", item.id, item.code, 5)
    assert changed.payload["hall_id"] == str(graph.hall.id)
    assert changed.payload["offered_in"] == [{"hall_id": str(graph.hall.id), "since": None}]

    withdrawal = (await gql.data(WITHDRAW, {"input": {"hallId": hall_id, "itemCode": item.code, "reason": "划转"}},
                                 headers=chief))["requestItemWithdrawal"]["request"]
    await gql.data(DECIDE_ITEM, {"input": {"requestId": withdrawal["id"], "approve": True}}, headers=admin)
    withdrawn = await watch.one("service_item.withdrawn")
    assert (withdrawn.sequence, withdrawn.payload["offered_in"]) == (2, [])

    new_item = {"code": "440113-NEW-007", "catalogCode": "000111222007", "name": "新办事项", "type": "PUBLIC_SERVICE",
                "legalLimitDays": 20, "promisedLimitDays": 3, "materials": ["申请表"], "fee": "0"}
    entry = (await gql.data(ENTRY, {"input": {"hallId": hall_id, "departmentId": dept_id, "reason": "新增便民事项",
                                              "newItem": new_item}}, headers=chief))["requestItemEntry"]["request"]
    await gql.data(DECIDE_ITEM, {"input": {"requestId": entry["id"], "approve": True}}, headers=admin)
    entered = await watch.one("service_item.entered")
    assert (entered.sequence, entered.payload["code"], entered.payload["materials"], entered.payload["fee"]) == (
        1, "440113-NEW-007", ["申请表"], "0.00")
    assert entered.payload["offered_in"] == [{"hall_id": str(graph.hall.id), "since": "2026-11-16"}]


# --- staff and windows --------------------------------------------------------------------------------------

ONBOARD = f"""mutation($input: StaffOnboardingInput!) {{ proposeStaffOnboarding(input: $input) {{ __typename
  ... on StaffOnboardingSuccess {{ onboarding {{ id staff {{ id }} }} }} {BASE_ERROR_FIELDS} }} }}"""
TRAIN = """mutation($input: StaffTrainingInput!) { recordStaffTraining(input: $input) { __typename } }"""
DECIDE_ONBOARDING = f"""mutation($input: StaffOnboardingDecisionInput!) {{ decideStaffOnboarding(input: $input) {{
  __typename {BASE_ERROR_FIELDS} }} }}"""
ASSIGN = f"""mutation($input: WindowPostInput!) {{ assignStaffToWindow(input: $input) {{ __typename {BASE_ERROR_FIELDS} }} }}"""
RETURN_STAFF = f"""mutation($input: StaffReturnInput!) {{ returnStaffToDepartment(input: $input) {{ __typename
  {BASE_ERROR_FIELDS} }} }}"""


def posts(row) -> list[tuple[str, str]]:
    return [(post["staff_number"], post["role"]) for post in row.payload["posts"]]


async def test_who_serves_in_the_hall_is_reported(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 23, 9, 0)
    graph = await make_hall(db, jurisdiction="panyu", place="番禺区", windows=1, staff_per_window=2)
    team = await people(db, runtime, graph)
    a, b = graph.staff
    window = graph.windows[0]
    watch = OutboxWatch(db)

    proposal = {"hallId": gid("Hall", graph.hall), "departmentId": gid("Department", graph.departments[0]),
                "staffNumber": "PY-NEW-1", "name": "新人员", "phone": "13900001111", "windowId": gid("Window", window),
                "postRole": "B"}
    denied = (await gql.data(ONBOARD, {"input": proposal}, headers=team.headers("hall_admin")))["proposeStaffOnboarding"]
    assert denied["__typename"] == "PermissionDenied"
    assert await watch.new() == []
    proposed = (await gql.data(ONBOARD, {"input": proposal}, headers=team.headers("chief_representative")))[
        "proposeStaffOnboarding"]["onboarding"]
    first = await watch.one("staff.proposed")
    assert (first.payload["staff_number"], first.payload["status"]) == ("PY-NEW-1", "proposed")
    assert "phone" not in first.payload
    assert_nothing_personal([first], "13900001111")
    await gql.data(TRAIN, {"input": {"staffId": proposed["staff"]["id"], "title": "岗前培训", "completedOn": "2026-11-20"}},
                   headers=team.headers("hall_admin"))
    assert await watch.new() == [], "training records stay in the county"
    await gql.data(DECIDE_ONBOARDING, {"input": {"onboardingId": proposed["id"], "approve": True}},
                   headers=team.headers("hall_admin"))
    assert await watch.kinds() == [("staff", "staff.onboarded"), ("window", "window.posts_changed")]

    by_staff = (await gql.data(ASSIGN, {"input": {"windowId": gid("Window", window), "staffId": gid("Staff", b),
                                                  "role": "A"}}, headers=team.headers("staff1")))["assignStaffToWindow"]
    assert by_staff["__typename"] == "PermissionDenied"
    assert await watch.new() == []
    await gql.data(ASSIGN, {"input": {"windowId": gid("Window", window), "staffId": gid("Staff", b), "role": "A"}},
                   headers=team.headers("hall_admin"))
    reassigned = await watch.one("window.posts_changed")
    assert posts(reassigned) == [(b.staff_number, "A"), ("PY-NEW-1", "B"), (a.staff_number, "B")]
    assert [(h["from_staff_id"], h["to_staff_id"], h["reason"]) for h in reassigned.payload["handovers"]] == [
        (str(a.id), str(b.id), "reassigned")]
    await gql.data(ASSIGN, {"input": {"windowId": gid("Window", window), "staffId": gid("Staff", b), "role": "A"}},
                   headers=team.headers("hall_admin"))
    assert await watch.new() == [], "putting A on A again changes nothing"

    reason = "多次不服从大厅日常管理"
    await gql.data(RETURN_STAFF, {"input": {"staffId": gid("Staff", b), "reason": reason}}, headers=team.headers("hall_admin"))
    fresh = await watch.new()
    assert sorted((r.entity_type, r.event_type) for r in fresh) == [("staff", "staff.returned"),
                                                                   ("window", "window.posts_changed")]
    returned = next(r for r in fresh if r.entity_type == "staff")
    assert (returned.entity_id, returned.payload["status"], returned.payload["returned_on"]) == (b.id, "returned",
                                                                                                 "2026-11-23")
    assert_nothing_personal(fresh, reason)
    handed = next(r for r in fresh if r.entity_type == "window")
    assert posts(handed) == [("PY-NEW-1", "A"), (a.staff_number, "B")]  # the first B member on duty takes over
    assert [(h["from_staff_id"], h["reason"]) for h in handed.payload["handovers"]] == [(str(b.id), "returned")]


async def test_a_replacement_reports_the_new_member_on_duty_and_the_old_one_gone(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 23, 9, 0)
    graph = await make_hall(db, jurisdiction="dongguan", place="厚街", level="town", windows=1, staff_per_window=2)
    team = await people(db, runtime, graph)
    old = graph.staff[0]
    reserve = await substitute(gql, db, team, graph, "DG-R9")
    watch = OutboxWatch(db)
    await watch.new()
    replacement = (await gql.data(PROPOSE, {"input": {
        "oldStaffId": gid("Staff", old), "newStaffId": reserve, "reason": "原人员调回局机关",
        "writtenReport": "关于调换窗口工作人员的报告", "plannedOn": "2026-11-30"}},
        headers=team.headers("chief_representative")))["proposeStaffReplacement"]["replacement"]
    target = {"input": {"replacementId": replacement["id"]}}
    await gql.data(DECIDE_REPLACEMENT, {"input": {"replacementId": replacement["id"], "agree": True}},
                   headers=team.headers("hall_office_leader"))
    assert await watch.new() == [], "a proposal and the hall's agreement move nobody yet"
    refused = (await gql.data(RELEASE, target, headers=team.headers("chief_representative")))["releaseReplacedStaff"]
    assert refused["code"] == "REPLACEMENT_REFUSED"  # 先进后出
    assert await watch.new() == []
    await gql.data(ON_DUTY, target, headers=team.headers("chief_representative"))
    on_duty = await watch.new()
    assert sorted((r.entity_type, r.event_type) for r in on_duty) == [("staff", "staff.replacement_on_duty"),
                                                                     ("window", "window.posts_changed")]
    new_member = next(r for r in on_duty if r.entity_type == "staff")
    assert (new_member.payload["status"], new_member.payload["replaces_staff_id"]) == ("on_duty", str(old.id))
    await gql.data(RELEASE, target, headers=team.headers("chief_representative"))
    gone = await watch.new()
    assert sorted((r.entity_type, r.event_type) for r in gone) == [("staff", "staff.replaced"),
                                                                  ("window", "window.posts_changed")]
    old_member = next(r for r in gone if r.entity_type == "staff")
    assert (old_member.entity_id, old_member.payload["status"], old_member.payload["replaced_by_staff_id"]) == (
        old.id, "left", new_member.payload["id"])


# --- departments and 进驻 ---------------------------------------------------------------------------------

CREATE_DEPT = """mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { __typename
  ... on CreateDepartmentSuccess { department { id } } ... on Error { code } } }"""
UPDATE_DEPT = """mutation($i: UpdateDepartmentInput!) { updateDepartment(input: $i) { __typename ... on Error { code } } }"""
CLOSE_DEPT = """mutation($i: CloseDepartmentInput!) { closeDepartment(input: $i) { __typename ... on Error { code } } }"""
STATION = """mutation($i: StationDepartmentInput!) { stationDepartment(input: $i) { __typename ... on Error { code } } }"""
UNSTATION = """mutation($i: UnstationDepartmentInput!) { unstationDepartment(input: $i) { __typename
  ... on Error { code } } }"""


async def test_department_changes_and_stationing_are_reported_one_event_each(gql, db, runtime):
    graph = await make_hall(db, jurisdiction="jiedong", windows=1, staff_per_window=1, items=0)
    hall, old = graph.hall, graph.departments[0]
    admin = (await make_user(db, runtime, roles=(("jurisdiction_admin", "jurisdiction:jiedong"),
                                                 ("hall_admin", f"hall:{hall.id}"))))["headers"]
    hall_only = (await make_user(db, runtime, roles=(("hall_admin", f"hall:{hall.id}"),)))["headers"]
    today = local_today().isoformat()
    watch = OutboxWatch(db)

    async def run(query, field, variables, headers=admin):
        return (await gql.data(query, {"i": variables}, headers=headers))[field]

    new = {"jurisdiction": "jiedong", "name": "揭阳市揭东区医疗保障局", "shortName": "区医保局"}
    assert (await run(CREATE_DEPT, "createDepartment", new, hall_only))["__typename"] == "PermissionDenied"
    assert (await run(CREATE_DEPT, "createDepartment", {**new, "creditCode": "123"}))["code"] == "VALIDATION_FAILED"
    assert await watch.new() == [], "a denied or refused creation reports nothing"
    dept = (await run(CREATE_DEPT, "createDepartment", new))["department"]["id"]
    created = await watch.one("department.changed")
    assert (created.entity_type, created.sequence, created.jurisdiction_code) == ("department", 1, "jiedong")
    assert (created.payload["name"], created.payload["short_name"], created.payload["closed_on"],
            created.payload["stationed_in"]) == (new["name"], "区医保局", None, [])
    assert set(created.payload) == set(events.DEPARTMENT_FIELDS) | {"stationed_in"}
    assert (await run(CREATE_DEPT, "createDepartment", new))["code"] == "DEPARTMENT_NAME_TAKEN"
    assert await watch.new() == []

    body = "揭阳市揭东区人民政府"
    assert (await run(UPDATE_DEPT, "updateDepartment", {"departmentId": dept, "parentBody": body}))[
        "__typename"] == "UpdateDepartmentSuccess"
    updated = await watch.one("department.changed")
    assert (updated.sequence, updated.payload["parent_body"]) == (2, body)
    await run(UPDATE_DEPT, "updateDepartment", {"departmentId": dept, "parentBody": body})
    assert await watch.new() == [], "an update that changes nothing reports nothing"
    assert (await run(UPDATE_DEPT, "updateDepartment", {"departmentId": dept, "name": old.name}))[
        "code"] == "DEPARTMENT_NAME_TAKEN"
    assert await watch.new() == []

    station = {"hallId": str(hall.id), "departmentId": dept}
    assert (await run(STATION, "stationDepartment", station, hall_only))["__typename"] == "StationDepartmentSuccess"
    stationed = await watch.one("department.stationed")
    assert (stationed.sequence, stationed.payload["hall_id"], stationed.payload["stationed_in"]) == (
        3, str(hall.id), [{"hall_id": str(hall.id), "since": today, "chief_representative_id": None}])
    assert (await run(STATION, "stationDepartment", station))["__typename"] == "StationDepartmentSuccess"
    assert await watch.new() == [], "stationing it again changes nothing"
    wrong_chief = {**station, "chiefRepresentativeId": str(graph.staff[0].id)}  # dispatched by the other department
    assert (await run(STATION, "stationDepartment", wrong_chief))["code"] == "VALIDATION_FAILED"
    assert await watch.new() == []

    chief = {"hallId": str(hall.id), "departmentId": str(old.id), "chiefRepresentativeId": str(graph.staff[0].id)}
    await run(STATION, "stationDepartment", chief)
    named = await watch.one("department.stationed")
    assert (named.entity_id, named.sequence) == (old.id, 1)
    assert named.payload["stationed_in"] == [{"hall_id": str(hall.id), "since": None,
                                              "chief_representative_id": str(graph.staff[0].id)}]
    assert (await run(UNSTATION, "unstationDepartment", {"hallId": str(hall.id), "departmentId": str(old.id)}))[
        "__typename"] == "InUseError"
    assert (await run(CLOSE_DEPT, "closeDepartment", {"departmentId": dept}))["__typename"] == "InUseError"
    assert await watch.new() == [], "taking out or closing a department still in use reports nothing"

    assert (await run(UNSTATION, "unstationDepartment", station, hall_only))["__typename"] == "UnstationDepartmentSuccess"
    out = await watch.one("department.unstationed")
    assert (out.sequence, out.payload["hall_id"], out.payload["stationed_in"]) == (4, str(hall.id), [])
    assert (await run(UNSTATION, "unstationDepartment", station))["code"] == "DEPARTMENT_NOT_IN_HALL"
    assert (await run(CLOSE_DEPT, "closeDepartment", {"departmentId": dept}, hall_only))["__typename"] == "PermissionDenied"
    assert await watch.new() == []
    assert (await run(CLOSE_DEPT, "closeDepartment", {"departmentId": dept}))["__typename"] == "CloseDepartmentSuccess"
    closed = await watch.one("department.closed")
    assert (closed.sequence, closed.payload["closed_on"]) == (5, today)
    assert (await run(CLOSE_DEPT, "closeDepartment", {"departmentId": dept}))["code"] == "DEPARTMENT_CLOSED"
    assert (await run(UPDATE_DEPT, "updateDepartment", {"departmentId": dept, "shortName": "医保"}))[
        "code"] == "DEPARTMENT_CLOSED"
    assert (await run(STATION, "stationDepartment", station))["code"] == "DEPARTMENT_CLOSED"
    assert await watch.new() == [], "a closed department takes no change"
