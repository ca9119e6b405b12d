"""Complaints end to end: intake on the jurisdiction's channels, acceptance by its rules with the grounds,
deadline and extension, investigation, resolution, feedback, archive; the nanbu blacklist."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from core.complaints.models import Complaint, ComplaintBlacklistEntry
from core.graphql.relay import to_global_id
from core.policy.access import policy_in_session
from core.timezones import local_today
from tests.factories import add_case, make_hall, make_user
from tests.test_auth import audit_rows

pytestmark = pytest.mark.db

SUBMIT = """mutation($input: SubmitComplaintInput!) { submitComplaint(input: $input) {
  __typename
  ... on SubmitComplaintSuccess { receipt { reference status statusLabel rejectionGrounds { code title } rejectionReason
                                            ruleIds deadlineOn } }
  ... on Error { code message }
  ... on ValidationError { field }
} }"""

COMPLAINT_FIELDS = """ id reference status channel channelLabel deadlineOn extendedFromOn extensionExplanation overdue
  rejectionGrounds { code title } rejectionReason referral resolution substantiated feedback complainantSatisfied
  closedAt ruleIds complainantName complainantContact targetKind targetStaff { staffNumber } notes { text } """

DECIDE = """mutation($input: DecideComplaintInput!) { decideComplaintAcceptance(input: $input) {
  __typename ... on DecideComplaintSuccess { complaint { %s } decision { outcome grounds { code } referral
      forwardedToResponsibleUnit rules { id source } } }
  ... on Error { code message } ... on PermissionDenied { side } } }""" % COMPLAINT_FIELDS

EXTEND = """mutation($input: ExtendComplaintInput!) { extendComplaintDeadline(input: $input) {
  __typename ... on ExtendComplaintSuccess { complaint { %s } } ... on Error { code message } } }""" % COMPLAINT_FIELDS

NOTE = """mutation($input: AddComplaintNoteInput!) { addComplaintNote(input: $input) {
  __typename ... on AddComplaintNoteSuccess { note { text } complaint { notes { text } } } ... on Error { code } } }"""

RESOLVE = """mutation($input: ResolveComplaintInput!) { resolveComplaint(input: $input) {
  __typename ... on ResolveComplaintSuccess { complaint { %s } blacklist { blacklisted consequences rules { id } } }
  ... on Error { code message } } }""" % COMPLAINT_FIELDS

FEEDBACK = """mutation($input: ComplaintFeedbackInput!) { recordComplaintFeedback(input: $input) {
  __typename ... on ComplaintFeedbackSuccess { complaint { %s } } ... on Error { code message } } }""" % COMPLAINT_FIELDS

ARCHIVE = """mutation($input: ArchiveComplaintInput!) { archiveComplaint(input: $input) {
  __typename ... on ArchiveComplaintSuccess { complaint { %s } } ... on Error { code message } } }""" % COMPLAINT_FIELDS


async def complaint_id(db, reference: str) -> str:
    async with db.session() as session:
        row_id = (await session.execute(sa.select(Complaint.id).where(Complaint.reference == reference))).scalar_one()
    return to_global_id("Complaint", row_id)


def complaint_input(graph, **changes):
    base = {"hallId": to_global_id("Hall", graph.hall.id), "channel": "on_site",
            "facts": "11月20日上午在A01窗口办理业务，工作人员中途离岗二十分钟未作任何说明。",
            "demand": "要求说明原因并改进。", "complainantName": "赵玉梅", "complainantContact": "137-9103-5628",
            "targetKind": "STAFF", "targetId": to_global_id("Staff", graph.staff[0].id)}
    return {"input": {**base, **changes}}


@pytest.fixture
async def nanbu(db, runtime):
    graph = await make_hall(db, jurisdiction="nanbu", place="南部山区")
    hall = f"hall:{graph.hall.id}"
    users = {role: await make_user(db, runtime, roles=((role, hall),))
             for role in ("supervisor", "hall_admin", "hall_office_leader")}
    return graph, users


async def test_a_complaint_from_intake_to_archive(gql, db, runtime, nanbu):
    graph, users = nanbu
    supervisor, leader = users["supervisor"]["headers"], users["hall_office_leader"]["headers"]
    receipt = (await gql.data(SUBMIT, complaint_input(graph)))["submitComplaint"]["receipt"]
    assert (receipt["status"], receipt["statusLabel"], receipt["deadlineOn"]) == ("RECEIVED", "已登记", None)
    assert receipt["reference"].startswith("TS-")
    cid = await complaint_id(db, receipt["reference"])

    decided = (await gql.data(DECIDE, {"input": {"complaintId": cid}}, headers=supervisor))["decideComplaintAcceptance"]
    complaint = decided["complaint"]
    assert decided["decision"]["outcome"] == "accepted" and decided["decision"]["grounds"] == []
    async with db.session() as session:
        policy = await policy_in_session(session, runtime.plugins, "nanbu")
    due = policy.add_working_days(local_today(), 5)  # 5 working days from acceptance (投诉处理制度 二(二))
    assert (complaint["status"], complaint["deadlineOn"]) == ("ACCEPTED", due.isoformat())
    assert complaint["ruleIds"] == ["nanbu.complaint.acceptance", "nanbu.complaint.deadline"]
    assert complaint["channelLabel"] == "现场“找茬”窗口"

    # Extension: the leader approves (supervisors may not), with an explanation, once.
    extension = {"complaintId": cid, "workingDays": 3, "explanation": "需调取多日监控并约谈相关单位，特申请延期三个工作日。"}
    denied = await gql.data(EXTEND, {"input": extension}, headers=supervisor)
    assert denied["extendComplaintDeadline"]["__typename"] == "PermissionDenied"
    unexplained = await gql.data(EXTEND, {"input": {**extension, "explanation": " "}}, headers=leader)
    assert unexplained["extendComplaintDeadline"]["code"] == "VALIDATION_FAILED"
    extended = (await gql.data(EXTEND, {"input": extension}, headers=leader))["extendComplaintDeadline"]["complaint"]
    assert extended["extendedFromOn"] == due.isoformat()
    assert extended["deadlineOn"] == policy.add_working_days(due, 3).isoformat()
    again = (await gql.data(EXTEND, {"input": extension}, headers=leader))["extendComplaintDeadline"]
    assert (again["__typename"], again["code"]) == ("ConflictError", "COMPLAINT_ALREADY_EXTENDED")

    noted = (await gql.data(NOTE, {"input": {"complaintId": cid, "text": "调取A01窗口监控，离岗属实。"}},
                            headers=supervisor))["addComplaintNote"]
    assert noted["complaint"]["notes"] == [{"text": "调取A01窗口监控，离岗属实。"}]
    early_archive = (await gql.data(ARCHIVE, {"input": {"complaintId": cid}}, headers=supervisor))["archiveComplaint"]
    assert early_archive["code"] == "COMPLAINT_STATUS_CONFLICT" and "已受理" in early_archive["message"]

    resolved = (await gql.data(RESOLVE, {"input": {"complaintId": cid, "substantiated": True,
                                                   "resolution": "离岗未报备属实，已批评教育并扣减当月考核分。"}},
                               headers=supervisor))["resolveComplaint"]
    assert resolved["complaint"]["status"] == "RESOLVED" and resolved["blacklist"] is None
    unfed = (await gql.data(ARCHIVE, {"input": {"complaintId": cid}}, headers=supervisor))["archiveComplaint"]
    assert (unfed["__typename"], unfed["code"]) == ("ConflictError", "COMPLAINT_FEEDBACK_MISSING")
    fed = (await gql.data(FEEDBACK, {"input": {"complaintId": cid, "feedback": "电话回访，告知处理结果。",
                                               "complainantSatisfied": True}}, headers=supervisor))
    assert fed["recordComplaintFeedback"]["complaint"]["complainantSatisfied"] is True
    closed = (await gql.data(ARCHIVE, {"input": {"complaintId": cid}}, headers=supervisor))["archiveComplaint"]["complaint"]
    assert closed["status"] == "CLOSED" and closed["closedAt"] and closed["overdue"] is False

    actions = [(e.action, e.outcome) for e in await audit_rows(db) if e.target_type == "Complaint"]
    assert ("extendComplaintDeadline", "denied") in actions and ("archiveComplaint", "ok") in actions
    decided_entry = next(e for e in await audit_rows(db, action="decideComplaintAcceptance"))
    assert decided_entry.before["status"] == "received" and decided_entry.after["status"] == "accepted"

    # The complainant follows up with the reference and their contact (formatted as they like).
    status = """query($r: String!, $c: String!) { complaintStatus(reference: $r, contact: $c) { status feedback } }"""
    mine = await gql.data(status, {"r": receipt["reference"], "c": "13791035628"})
    assert mine["complaintStatus"] == {"status": "CLOSED", "feedback": "电话回访，告知处理结果。"}
    assert (await gql.data(status, {"r": receipt["reference"], "c": "13800000000"}))["complaintStatus"] is None


async def test_rejection_gives_every_ground_of_the_jurisdictions_rule(gql, db, nanbu):
    graph, users = nanbu
    anonymous = complaint_input(graph, complainantName=None, complainantContact=None, demand=None, targetKind=None,
                                targetId=None, channel="phone")
    reference = (await gql.data(SUBMIT, anonymous))["submitComplaint"]["receipt"]["reference"]
    cid = await complaint_id(db, reference)
    decided = (await gql.data(DECIDE, {"input": {"complaintId": cid, "belongsToOtherProcedure": True}},
                              headers=users["supervisor"]["headers"]))["decideComplaintAcceptance"]
    assert [g["code"] for g in decided["decision"]["grounds"]] == [
        "anonymous_or_no_contact", "no_target_or_demand", "other_procedure"]
    complaint = decided["complaint"]
    assert complaint["status"] == "REJECTED" and complaint["deadlineOn"] is None
    assert complaint["rejectionReason"].startswith("未署名或未留有效联系方式；")
    assert decided["decision"]["rules"] == [{"id": "nanbu.complaint.acceptance", "source": "nanbu"}]
    twice = (await gql.data(DECIDE, {"input": {"complaintId": cid}}, headers=users["supervisor"]["headers"]))
    assert twice["decideComplaintAcceptance"]["code"] == "COMPLAINT_STATUS_CONFLICT"
    # Nobody can be told: an anonymous complaint is archived without feedback.
    closed = (await gql.data(ARCHIVE, {"input": {"complaintId": cid}}, headers=users["supervisor"]["headers"]))
    assert closed["archiveComplaint"]["complaint"]["status"] == "CLOSED"


async def test_malicious_complainants_are_blacklisted_in_nanbu_only(gql, db, nanbu):
    graph, users = nanbu
    supervisor = users["supervisor"]["headers"]
    panyu = await make_hall(db, jurisdiction="panyu", place="番禺区")
    reference = (await gql.data(SUBMIT, complaint_input(graph)))["submitComplaint"]["receipt"]["reference"]
    cid = await complaint_id(db, reference)
    await gql.data(DECIDE, {"input": {"complaintId": cid}}, headers=supervisor)
    resolved = (await gql.data(RESOLVE, {"input": {"complaintId": cid, "substantiated": False, "fabricatedFacts": True,
                                                   "resolution": "经调取监控，所述离岗情况不存在，系捏造事实。"}},
                               headers=supervisor))["resolveComplaint"]
    assert resolved["blacklist"] == {"blacklisted": True,
                                     "consequences": ["blacklist", "public_exposure", "notify_employer"],
                                     "rules": [{"id": "nanbu.complaint.blacklist"}]}
    assert resolved["complaint"]["substantiated"] is False
    async with db.session() as session:
        entries = (await session.execute(sa.select(ComplaintBlacklistEntry))).scalars().all()
    assert [(e.jurisdiction_code, e.contact) for e in entries] == [("nanbu", "13791035628")]

    # The same person complains again, writing the number differently: rejected at intake with the reason.
    again = (await gql.data(SUBMIT, complaint_input(graph, complainantContact="+86 137 9103 5628")))["submitComplaint"]
    receipt = again["receipt"]
    assert receipt["status"] == "REJECTED"
    assert receipt["rejectionGrounds"] == [{"code": "blacklisted", "title": "投诉人因恶意投诉已列入黑名单"}]
    assert receipt["ruleIds"] == ["nanbu.complaint.blacklist"]
    # In another jurisdiction the same contact is just a complainant.
    elsewhere = (await gql.data(SUBMIT, complaint_input(panyu)))["submitComplaint"]["receipt"]
    assert elsewhere["status"] == "RECEIVED"


async def test_panyu_has_no_blacklist(gql, db, runtime):
    graph = await make_hall(db, jurisdiction="panyu", place="番禺区")
    supervisor = (await make_user(db, runtime, roles=(("supervisor", f"hall:{graph.hall.id}"),)))["headers"]
    reference = (await gql.data(SUBMIT, complaint_input(graph, channel="12345")))["submitComplaint"]["receipt"]["reference"]
    cid = await complaint_id(db, reference)
    await gql.data(DECIDE, {"input": {"complaintId": cid}}, headers=supervisor)
    contradiction = await gql.data(RESOLVE, {"input": {"complaintId": cid, "substantiated": True,
                                                       "fabricatedFacts": True, "resolution": "x"}}, headers=supervisor)
    assert contradiction["resolveComplaint"]["code"] == "VALIDATION_FAILED"
    resolved = (await gql.data(RESOLVE, {"input": {"complaintId": cid, "substantiated": False, "forgedEvidence": True,
                                                   "resolution": "所附截图系伪造。"}}, headers=supervisor))["resolveComplaint"]
    assert resolved["blacklist"] == {"blacklisted": False, "consequences": [],
                                     "rules": [{"id": "default.complaint.no_blacklist"}]}
    assert "default.complaint.no_blacklist" in resolved["complaint"]["ruleIds"]
    async with db.session() as session:
        assert (await session.execute(sa.select(sa.func.count()).select_from(ComplaintBlacklistEntry))).scalar_one() == 0


async def test_channels_are_the_jurisdictions_and_bad_input_writes_nothing(gql, db, runtime):
    dongguan = await make_hall(db, jurisdiction="dongguan", place="厚街")
    other = await make_hall(db, jurisdiction="dongguan", place="茶山")
    channels = await gql.data("query($h: ID!) { complaintChannels(hallId: $h) { code title } }",
                              {"h": to_global_id("Hall", dongguan.hall.id)})
    assert [c["code"] for c in channels["complaintChannels"]][:3] == ["gdzwfw", "on_site", "letter"]
    phone = (await gql.data(SUBMIT, complaint_input(dongguan, channel="phone")))["submitComplaint"]
    assert (phone["code"], phone["field"]) == ("COMPLAINT_CHANNEL_INVALID", "channel")
    assert "i_guan_jia_app" in phone["message"]
    foreign = (await gql.data(SUBMIT, complaint_input(dongguan, targetId=to_global_id("Staff", other.staff[0].id))))
    assert foreign["submitComplaint"]["code"] == "COMPLAINT_TARGET_INVALID"
    unknown_case = (await gql.data(SUBMIT, complaint_input(dongguan, caseSerialNumber="DG20990101000001")))
    assert unknown_case["submitComplaint"]["code"] == "CASE_NOT_IN_HALL"
    empty = (await gql.data(SUBMIT, complaint_input(dongguan, facts="  ")))["submitComplaint"]
    assert (empty["code"], empty["field"]) == ("VALIDATION_FAILED", "facts")
    async with db.session() as session:
        assert (await session.execute(sa.select(sa.func.count()).select_from(Complaint))).scalar_one() == 0
    case = await add_case(db, dongguan)
    ok = (await gql.data(SUBMIT, complaint_input(dongguan, channel="i_guan_jia_app", caseSerialNumber=case.serial_number)))
    assert ok["submitComplaint"]["receipt"]["status"] == "RECEIVED"


async def test_dongguan_refers_law_violations_and_jiedong_work_orders_keep_their_deadline(gql, db, runtime):
    dongguan = await make_hall(db, jurisdiction="dongguan", place="厚街")
    jiedong = await make_hall(db, jurisdiction="jiedong")
    admin = {g.hall.id: (await make_user(db, runtime, roles=(("hall_office_leader", f"hall:{g.hall.id}"),)))["headers"]
             for g in (dongguan, jiedong)}
    reference = (await gql.data(SUBMIT, complaint_input(dongguan, channel="12345")))["submitComplaint"]["receipt"]["reference"]
    referred = (await gql.data(DECIDE, {"input": {"complaintId": await complaint_id(db, reference),
                                                  "involvesLawOrDisciplineViolation": True}},
                               headers=admin[dongguan.hall.id]))["decideComplaintAcceptance"]
    assert referred["complaint"]["status"] == "REFERRED"
    assert referred["complaint"]["referral"] == "competent_discipline_or_law_body"

    due = local_today() + timedelta(days=2)
    work_order = complaint_input(jiedong, channel="12345", workOrderId="JY12345-20261121-0087",
                                 workOrderDueOn=due.isoformat())
    reference = (await gql.data(SUBMIT, work_order))["submitComplaint"]["receipt"]["reference"]
    cid = await complaint_id(db, reference)
    decided = (await gql.data(DECIDE, {"input": {"complaintId": cid}}, headers=admin[jiedong.hall.id]))[
        "decideComplaintAcceptance"]
    assert decided["decision"]["forwardedToResponsibleUnit"] is True
    assert decided["complaint"]["deadlineOn"] == due.isoformat()
    refused = (await gql.data(EXTEND, {"input": {"complaintId": cid, "workingDays": 2, "explanation": "需延期"}},
                              headers=admin[jiedong.hall.id]))["extendComplaintDeadline"]
    assert (refused["__typename"], refused["code"]) == ("ConflictError", "COMPLAINT_NOT_EXTENDABLE")
    assert "jiedong." in refused["message"]  # the rule that says so


async def test_confidential_complainants_are_not_named_to_the_target(gql, db, runtime, nanbu):
    graph, users = nanbu
    target = graph.staff[0]
    # A supervisor who is also the staff member complained about (a small hall: one person, two hats).
    target_user = await make_user(db, runtime, staff_id=target.id, roles=(("supervisor", f"hall:{graph.hall.id}"),))
    for confidential in (False, True):
        await gql.data(SUBMIT, complaint_input(graph, confidential=confidential))
    query = """query($h: ID!) { complaints(hallId: $h) { edges { node { confidential complainantName complainantContact } } } }"""
    hall = to_global_id("Hall", graph.hall.id)

    async def seen_by(headers):
        edges = (await gql.data(query, {"h": hall}, headers=headers))["complaints"]["edges"]
        return {e["node"]["confidential"]: (e["node"]["complainantName"], e["node"]["complainantContact"]) for e in edges}

    named, masked = ("赵玉梅", "137-9103-5628"), ("赵**", "137******5628")
    assert await seen_by(users["hall_office_leader"]["headers"]) == {False: named, True: named}
    assert await seen_by(users["hall_admin"]["headers"]) == {False: named, True: masked}
    assert await seen_by(target_user["headers"]) == {False: masked, True: masked}
    window_staff = await make_user(db, runtime, staff_id=graph.staff[1].id, roles=(("window_staff", f"hall:{graph.hall.id}"),))
    denied = await gql.execute(query, {"h": hall}, headers=window_staff["headers"])
    assert not denied.get("errors") and denied["data"]["complaints"]["edges"] == []  # empty, like cases


async def test_overlong_text_is_refused_before_the_database_sees_it(gql, db, nanbu):
    graph, _ = nanbu
    result = (await gql.data(SUBMIT, complaint_input(graph, facts="拖" * 4001)))["submitComplaint"]
    assert (result["code"], result["field"]) == ("VALIDATION_FAILED", "facts")
    assert "4000" in result["message"]
    async with db.session() as session:
        assert (await session.execute(sa.select(sa.func.count()).select_from(Complaint))).scalar_one() == 0


@pytest.mark.parametrize("requires", [("leader_approval",), (), ("notarised_letter",)])
async def test_an_extension_needs_what_the_rule_says(gql, db, runtime, nanbu, requires):
    """ComplaintDeadline.extension_requires is read: without ``explanation_to_complainant`` none is needed, without
    ``leader_approval`` the complaint's handler (a supervisor) extends; a requirement unknown here refuses."""
    from dataclasses import replace

    from core.plugins.hookspecs import hookimpl
    from core.policy.complaints import deadline

    graph, users = nanbu
    supervisor, leader = users["supervisor"]["headers"], users["hall_office_leader"]["headers"]
    cid = await complaint_id(db, (await gql.data(SUBMIT, complaint_input(graph)))["submitComplaint"]["receipt"]["reference"])
    await gql.data(DECIDE, {"input": {"complaintId": cid}}, headers=supervisor)

    class Rules:
        @staticmethod
        @hookimpl(tryfirst=True)
        def tingwu_complaint_deadline(jurisdiction, calendar, accepted_on, work_order_due_on):
            return replace(deadline(calendar, accepted_on, 5, ()), extension_requires=requires)

    runtime.plugins.pm.register(Rules, name="other-extension-rules")
    try:
        unexplained = {"input": {"complaintId": cid, "workingDays": 2}}
        if "leader_approval" in requires:
            denied = (await gql.data(EXTEND, unexplained, headers=supervisor))["extendComplaintDeadline"]
            assert denied["__typename"] == "PermissionDenied"
        result = (await gql.data(EXTEND, unexplained, headers=leader if requires else supervisor))[
            "extendComplaintDeadline"]
    finally:
        runtime.plugins.pm.unregister(name="other-extension-rules")
    if requires == ("notarised_letter",):
        assert (result["code"], "notarised_letter" in result["message"]) == ("POLICY_NO_ANSWER", True)
    else:
        assert result["complaint"]["extendedFromOn"] is not None
        assert result["complaint"]["extensionExplanation"] is None
