"""限时办结 through GraphQL: deadlines on the working-day calendar across the 2026 holidays (RULEBOOK §4, §10, §15).

The 2026 national calendar: 2026-09-25 Mid-Autumn and 2026-10-01..07 National Day are holidays; Sunday
2026-09-20, Saturday 2026-10-10 and Saturday 2026-02-14 are make-up working days.
"""

from __future__ import annotations

import pytest

from tests.cases.helpers import (
    COMPLETE,
    NOTICE,
    SUPPLEMENT,
    accept,
    accept_input,
    make_desk,
    read_case,
    ACCEPT,
)

pytestmark = pytest.mark.db


async def test_promised_case_skips_mid_autumn_and_national_day(gql, db, runtime, clock):
    desk = await make_desk(db, runtime, promised=5)
    clock.set("2026-09-24 10:00")  # Thursday before Mid-Autumn
    case = await accept(gql, desk)
    # 09-28, 09-29, 09-30, then 10-08, 10-09: five working days after the 24th.
    assert case["deadlineOn"] == "2026-10-09"
    assert case["serialNumber"].startswith("PY20260924") and len(case["serialNumber"]) == 16
    assert case["status"] == "ACCEPTED" and case["deadlineStatus"] == "running"
    assert case["remainingWorkingDays"] == 5 and case["overdue"] is False
    assert case["deadlineRules"] == [{"id": "national.case.promised", "source": "national",
                                      "article": "nanbu 限时办结制度 五-六; jiedong Art 15; dongguan 5.2.5 (承诺办结制)"}]


async def test_a_make_up_saturday_counts_as_a_working_day(gql, db, runtime, clock):
    desk = await make_desk(db, runtime, promised=6)
    clock.set("2026-09-24 10:00")
    assert (await accept(gql, desk))["deadlineOn"] == "2026-10-10"  # Saturday, 国庆节调休上班
    spring = await make_desk(db, runtime, promised=1)
    clock.set("2026-02-13 16:00")  # the Friday before the Spring Festival make-up Saturday
    assert (await accept(gql, spring))["deadlineOn"] == "2026-02-14"


async def test_immediate_and_returned_cases(gql, db, runtime, clock):
    desk = await make_desk(db, runtime)
    clock.set("2026-10-10 09:30")  # a make-up working Saturday
    instant = await accept(gql, desk, "INSTANT")
    assert instant["deadlineOn"] == "2026-10-10" and instant["remainingWorkingDays"] == 0
    clock.set("2026-09-30 11:00")
    simple = await accept(gql, desk, "RETURNED")
    complex_ = await accept(gql, desk, "RETURNED", complexCase=True)
    assert simple["deadlineOn"] == "2026-09-30"
    assert complex_["deadlineOn"] == "2026-10-10"  # 3 working days: 10-08, 10-09, the make-up 10-10


async def test_correction_pauses_the_clock_and_resuming_adds_the_paused_working_days(gql, db, runtime, clock):
    desk = await make_desk(db, runtime, promised=5)
    clock.set("2026-09-24 10:00")
    serial = (await accept(gql, desk))["serialNumber"]
    clock.set("2026-09-29 15:00")
    body = await gql.data(NOTICE, {"input": {"serialNumber": serial, "acceptableMaterials": ["申请表"],
                                             "notice": {"materials": ["身份证"], "dueOn": "2026-10-09"}}},
                          headers=desk.staff["headers"])
    paused = body["issueCorrectionNotice"]
    assert paused["__typename"] == "IssueCorrectionNoticeSuccess", paused
    assert paused["case"]["status"] == "AWAITING_MATERIALS" and paused["case"]["deadlineStatus"] == "paused"
    assert paused["case"]["pausedSince"] == "2026-09-29"
    assert paused["case"]["remainingWorkingDays"] == 3  # 09-30, 10-08, 10-09, frozen while paused
    assert paused["correctionNotice"] == {"sequence": 1, "purpose": "CORRECTION", "materials": ["身份证"],
                                          "dueOn": "2026-10-09"}

    clock.set("2026-10-09 09:00")  # the old deadline passes while paused: not overdue
    during = await read_case(gql, desk, serial)
    assert during["overdue"] is False and during["remainingWorkingDays"] == 3

    clock.set("2026-10-08 10:00")
    resumed = (await gql.data(SUPPLEMENT, {"serial": serial}, headers=desk.staff["headers"]))["receiveSupplement"]
    assert resumed["__typename"] == "ReceiveSupplementSuccess", resumed
    case = resumed["case"]
    # 09-30 and 10-08 did not count: the deadline moves two working days, over the make-up Saturday.
    assert (case["pausedWorkingDays"], case["deadlineOn"]) == (2, "2026-10-12")
    assert case["status"] == "ACCEPTED" and case["pausedSince"] is None
    assert case["remainingWorkingDays"] == 3 and case["suppliedMaterials"] == ["申请表", "身份证"]


async def test_supplement_case_clock_starts_when_materials_are_complete(gql, db, runtime, clock):
    desk = await make_desk(db, runtime, promised=5)
    clock.set("2026-09-24 10:00")
    waiting = await accept(gql, desk, "SUPPLEMENT", suppliedMaterials=["申请表"],
                           correctionNotice={"materials": ["身份证"]})
    assert waiting["status"] == "AWAITING_MATERIALS" and waiting["deadlineStatus"] == "waiting_for_materials"
    assert waiting["deadlineOn"] is None and waiting["remainingWorkingDays"] is None and waiting["overdue"] is False
    clock.set("2026-09-30 14:00")
    started = (await gql.data(SUPPLEMENT, {"serial": waiting["serialNumber"]},
                              headers=desk.staff["headers"]))["receiveSupplement"]["case"]
    assert started["materialsCompletedOn"] == "2026-09-30"
    assert started["deadlineOn"] == "2026-10-13"  # 10-08, 10-09, 10-10, 10-12, 10-13
    assert [r["id"] for r in started["deadlineRules"]] == ["default.case.supplement"]


async def test_the_supplement_clock_starts_on_the_day_the_rule_says(gql, db, runtime, clock):
    """CaseDeadline.clock_starts_on is read: a jurisdiction whose 补办件 clock starts the working day after the
    materials are complete gets that day as the clock's start and the deadline counted from it."""
    from core.plugins.hookspecs import hookimpl
    from core.policy.cases import default_case_refs
    from core.policy.types import CaseDeadline

    class NextDay:
        @staticmethod
        @hookimpl(tryfirst=True)
        def tingwu_case_deadline(jurisdiction, calendar, category, accepted_on, promised_working_days, complex_case,
                                 materials_completed_on):
            if category != "supplement" or materials_completed_on is None:
                return None
            start = calendar.add_working_days(materials_completed_on, 1)
            return CaseDeadline(category, accepted_on, start, calendar.add_working_days(start, promised_working_days),
                                "running", (default_case_refs()["supplement"],))

    desk = await make_desk(db, runtime, promised=5)
    clock.set("2026-09-24 10:00")
    waiting = await accept(gql, desk, "SUPPLEMENT", suppliedMaterials=["申请表"],
                           correctionNotice={"materials": ["身份证"]})
    assert waiting["status"] == "AWAITING_MATERIALS"
    clock.set("2026-09-30 14:00")
    runtime.plugins.pm.register(NextDay, name="next-day-clock")
    try:
        started = (await gql.data(SUPPLEMENT, {"serial": waiting["serialNumber"]},
                                  headers=desk.staff["headers"]))["receiveSupplement"]["case"]
    finally:
        runtime.plugins.pm.unregister(name="next-day-clock")
    assert started["materialsCompletedOn"] == "2026-10-08"  # the next working day after 09-30: National Day between
    assert started["deadlineOn"] == "2026-10-14"  # 10-09, 10-10, 10-12, 10-13, 10-14
    assert started["status"] == "ACCEPTED"


async def test_overdue_field_filter_and_completion(gql, db, runtime, clock):
    desk = await make_desk(db, runtime, promised=5)
    clock.set("2026-09-24 10:00")
    late = await accept(gql, desk)
    on_time = await accept(gql, desk)
    clock.set("2026-10-09 16:00")
    done = (await gql.data(COMPLETE, {"serial": on_time["serialNumber"], "outcome": "APPROVED"},
                           headers=desk.chief["headers"]))["completeCase"]
    assert done["case"]["status"] == "COMPLETED" and done["case"]["completedOn"] == "2026-10-09"
    assert done["case"]["overdue"] is False

    clock.set("2026-10-12 09:00")
    case = await read_case(gql, desk, late["serialNumber"])
    assert case["overdue"] is True and case["remainingWorkingDays"] == -2  # 10-10 and 10-12 past 10-09
    query = """query($hall: ID!, $overdue: Boolean) { cases(hallId: $hall, overdue: $overdue) {
      totalCount edges { node { serialNumber overdue } } } }"""
    overdue = (await gql.data(query, {"hall": desk.hall_id, "overdue": True}, headers=desk.staff["headers"]))["cases"]
    assert [e["node"]["serialNumber"] for e in overdue["edges"]] == [late["serialNumber"]]
    rest = (await gql.data(query, {"hall": desk.hall_id, "overdue": False}, headers=desk.staff["headers"]))["cases"]
    assert [e["node"]["serialNumber"] for e in rest["edges"]] == [on_time["serialNumber"]]

    finished_late = (await gql.data(COMPLETE, {"serial": late["serialNumber"], "outcome": "DENIED"},
                                    headers=desk.chief["headers"]))["completeCase"]["case"]
    assert finished_late["overdue"] is True and finished_late["outcome"] == "DENIED"
    assert finished_late["remainingWorkingDays"] is None


async def test_jiedong_uses_its_own_categories(gql, db, runtime, clock):
    jiedong = await make_desk(db, runtime, jurisdiction="jiedong", promised=3)
    panyu = await make_desk(db, runtime, jurisdiction="panyu", promised=3)
    clock.set("2026-09-30 10:00")
    reply = await accept(gql, jiedong, "REPLY")
    assert reply["deadlineOn"] == "2026-10-10"
    assert [r["source"] for r in reply["deadlineRules"]] == ["jiedong"]
    refused = (await gql.data(ACCEPT, accept_input(panyu, "REPLY"), headers=panyu.staff["headers"]))["acceptCase"]
    assert refused["code"] == "CASE_CATEGORY_NOT_USED" and "答复件" in refused["message"]
