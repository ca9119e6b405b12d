"""Property: the bulletin read from rollups equals the raw GROUP BY bulletin, on random data.

Hypothesis draws a hall's history — cases (online or at a window, with or without a handler, some with a
queue ticket, in every status, some near midnight), correction notices answered on time, late or never,
ratings of every level (citizens' and default ones) and complaints about staff, windows, departments or
nobody — and then later changes, each in its own transaction as the services make them: ratings
overturned on appeal (申诉改判) or an appeal upheld, cases completed late, corrections supplied after the
period, tickets linked to cases afterwards, complaints accepted later, a rating's case re-assigned. For
every scope and several periods and as-of days, :func:`core.bulletin.service.compute` (rollups) gives the
very rows of the raw GROUP BY oracle (``tests/bulletin/raw_bulletin.py``); after ``rebuild`` too.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date, datetime, time, timedelta

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.bulletin import service as bulletin_service
from core.bulletin.models import BulletinScope
from core.calendar.service import load_calendar
from core.cases.models import Case, CorrectionNotice
from core.ratings.devices import ChannelProof
from core.ratings.receipt_token import sign_receipt_token
from core.complaints.models import Complaint
from core.policy.service import JurisdictionPolicy
from core.queue.models import QueueTicket
from core.ratings import service as ratings_service
from core.ratings.models import Rating, RatingChannel, RatingLevel
from core.rollups import service as rollups_service
from core.rollups.models import ROLLUP_TABLES
from core.timezones import SHANGHAI
from tests.bulletin.raw_bulletin import raw_compute
from tests.factories import make_hall

BASE = date(2026, 3, 2)  # a Monday; the history spans 12 local days from here
HOURS = (time(0, 10), time(9, 0), time(15, 30), time(23, 50))  # near both midnights too


def _at(day: int, hour: int) -> datetime:
    return datetime.combine(BASE + timedelta(days=day), HOURS[hour], tzinfo=SHANGHAI)


cases_st = st.lists(st.fixed_dictionaries({
    "day": st.integers(0, 11), "hour": st.integers(0, 3),
    "window": st.sampled_from([None, 0, 1]), "staff": st.sampled_from([None, 0, 1, 2, 3]), "item": st.integers(0, 1),
    "status": st.sampled_from(["accepted", "completed", "awaiting_materials", "returned", "terminated"]),
    "deadline": st.none() | st.integers(-2, 8), "completed_after": st.integers(0, 10),
    "applicant": st.sampled_from(["甲", "乙", "丙"]), "id_number": st.booleans(),
    "ticket": st.sampled_from(["none", "done", "done_later_linked", "waiting"]),
    "notices": st.lists(st.none() | st.integers(0, 15), max_size=2),
    "rating": st.none() | st.fixed_dictionaries({
        "level": st.sampled_from(list(RatingLevel)), "defaulted": st.booleans(), "after": st.integers(0, 5),
        "hour": st.integers(0, 3), "through_service": st.booleans()}),
    "appeal": st.sampled_from(["none", "overturned", "upheld"]),
    "complete_later": st.booleans(), "reassign_later": st.booleans(),
}), min_size=1, max_size=12)

complaints_st = st.lists(st.fixed_dictionaries({
    "day": st.integers(0, 11), "hour": st.integers(0, 3),
    "target": st.sampled_from([None, "staff", "window", "department", "hall"]), "index": st.integers(0, 1),
    "accepted": st.sampled_from(["no", "yes", "later"]),
}), max_size=5)

periods_st = st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11), st.integers(-3, 20)), min_size=1, max_size=3)


async def _write(db, work):
    async with db.transaction() as session:
        await work(session)


async def _history(db, runtime, graph, cases, complaints) -> None:
    windows, staff, items, dept = graph.windows, graph.staff, graph.items, graph.departments[0]
    later = []
    for n, spec in enumerate(cases):
        accepted_at = _at(spec["day"], spec["hour"])
        completed_at = accepted_at + timedelta(days=spec["completed_after"], hours=1) \
            if spec["status"] in ("completed", "returned", "terminated") else None
        case = Case(serial_number=f"P{uuid.uuid4().hex[:12]}", hall_id=graph.hall.id, item_id=items[spec["item"]].id,
                    window_id=None if spec["window"] is None else windows[spec["window"]].id,
                    staff_id=None if spec["staff"] is None else staff[spec["staff"]].id, category="promised",
                    status=spec["status"], applicant_name=spec["applicant"],
                    applicant_id_number=f"44010119900101{ord(spec['applicant']) % 10000:04d}" if spec["id_number"] else None,
                    accepted_at=accepted_at, completed_at=completed_at,
                    completed_on=completed_at.astimezone(SHANGHAI).date() if completed_at else None,
                    deadline_on=None if spec["deadline"] is None else BASE + timedelta(days=spec["day"] + spec["deadline"]))

        async def create(session, case=case, spec=spec, n=n):
            session.add(case)
            await session.flush()
            for seq, supplied in enumerate(spec["notices"], start=1):
                session.add(CorrectionNotice(case_id=case.id, sequence=seq, purpose="correction", materials=["身份证"],
                                             issued_on=case.accepted_at.astimezone(SHANGHAI).date(),
                                             supplied_on=None if supplied is None or supplied > 9
                                             else BASE + timedelta(days=spec["day"] + supplied)))
            if spec["ticket"] != "none":
                done = spec["ticket"] != "waiting"
                session.add(QueueTicket(hall_id=graph.hall.id, item_id=case.item_id, department_id=dept.id,
                                        number=f"A{n:03d}", issued_on=case.accepted_at.astimezone(SHANGHAI).date(),
                                        status="done" if done else "waiting", window_id=case.window_id,
                                        case_id=case.id if spec["ticket"] == "done" else None,
                                        issued_at=case.accepted_at,
                                        finished_at=case.accepted_at + timedelta(minutes=20) if done else None))

        await _write(db, create)
        rating = spec["rating"]
        if rating is not None:
            rated_at = _at(min(spec["day"] + rating["after"], 11), rating["hour"])
            if rating["through_service"] and not rating["defaulted"]:
                async def submit(session, case=case, rating=rating, rated_at=rated_at):
                    policy = JurisdictionPolicy(runtime.plugins.hook, "panyu",
                                                await load_calendar(session, jurisdiction="panyu"))
                    fresh = await session.get(Case, case.id)
                    # A rating past the rating period is refused; the case then keeps no rating.
                    if fresh.staff_id is not None:
                        handler = next(s for s in staff if s.id == fresh.staff_id)
                        try:
                            # R1: a QR rating proves its channel with the receipt's signed token
                            proof = ChannelProof(receipt_token=sign_receipt_token(fresh.id, secret=runtime.secret_key))
                            await ratings_service.submit(session, policy=policy, case=fresh,
                                                         staff_number=handler.staff_number, level=rating["level"],
                                                         channel=RatingChannel.QR_CODE, comment=None, now=rated_at,
                                                         proof=proof, secret=runtime.secret_key)
                        except Exception as exc:  # RATING_PERIOD_CLOSED
                            assert getattr(exc, "code", None) == "RATING_PERIOD_CLOSED", exc
                await _write(db, submit)
            else:
                async def add_rating(session, case=case, rating=rating, rated_at=rated_at):
                    session.add(Rating(case_id=case.id, staff_id=case.staff_id, hall_id=graph.hall.id,
                                       level=rating["level"].value, score=6.0,
                                       channel="default" if rating["defaulted"] else "sms",
                                       defaulted=rating["defaulted"], rated_at=rated_at))
                await _write(db, add_rating)
        later.append((case, spec))

    for n, spec in enumerate(complaints):
        target_id = {None: None, "staff": staff[spec["index"]].id, "window": windows[spec["index"]].id,
                     "department": dept.id, "hall": graph.hall.id}[spec["target"]]
        received_at = _at(spec["day"], spec["hour"])
        complaint = Complaint(reference=f"TS{uuid.uuid4().hex[:10]}", hall_id=graph.hall.id, channel="onsite",
                              facts="态度差", target_kind=spec["target"], target_id=target_id, received_at=received_at,
                              accepted_at=received_at + timedelta(hours=1) if spec["accepted"] == "yes" else None)

        async def add_complaint(session, complaint=complaint):
            session.add(complaint)
        await _write(db, add_complaint)
        if spec["accepted"] == "later":
            async def accept(session, complaint_id=complaint.id):
                (await session.get(Complaint, complaint_id)).accepted_at = _at(11, 1)
            later.append((complaint, accept))

    # Later changes, each in its own transaction as the services make them.
    for case, spec in later:
        if callable(spec):
            await _write(db, spec)
            continue

        async def change(session, case=case, spec=spec):
            row = await session.get(Case, case.id)
            ratings = list((await session.execute(sa.select(Rating).where(Rating.case_id == case.id))).scalars())
            for rating in ratings:
                if spec["appeal"] == "overturned":  # 申诉改判: leaves the satisfaction rate
                    rating.counts_in_assessment = False
                elif spec["appeal"] == "upheld":  # 维持: nothing that counts changes, but the rating is written
                    rating.comment = "复核维持"
            if spec["complete_later"] and row.status == "accepted":
                row.status, row.completed_at = "completed", _at(11, 2)
                row.completed_on = _at(11, 2).date()
            if spec["reassign_later"] and graph.staff:
                row.staff_id, row.window_id = staff[3].id, windows[1].id
            for notice in (await session.execute(sa.select(CorrectionNotice).where(
                    CorrectionNotice.case_id == case.id, CorrectionNotice.supplied_on.is_(None)))).scalars():
                notice.supplied_on = BASE + timedelta(days=14)  # a late correction, after the history
            if spec["ticket"] == "done_later_linked":
                ticket = (await session.execute(sa.select(QueueTicket).where(
                    QueueTicket.hall_id == graph.hall.id, QueueTicket.case_id.is_(None),
                    QueueTicket.issued_at == case.accepted_at))).scalars().first()
                if ticket is not None:
                    ticket.case_id = case.id
        await _write(db, change)


def _rows(bulletin) -> list[dict]:
    return [asdict(row) for row in bulletin.rows]


async def _compare(db, runtime, graph, periods) -> None:
    async with db.session() as session:
        policy = JurisdictionPolicy(runtime.plugins.hook, "panyu", await load_calendar(session, jurisdiction="panyu"))
        for a, b, today in periods:
            first, last = BASE + timedelta(days=min(a, b)), BASE + timedelta(days=max(a, b))
            as_of = BASE + timedelta(days=today)
            for scope in BulletinScope:
                args = dict(policy=policy, hall=graph.hall, scope=scope, first=first, last=last, today=as_of)
                from_rollups = await bulletin_service.compute(session, **args)
                raw = await raw_compute(session, **args)
                assert _rows(from_rollups) == _rows(raw), (scope, first, last, as_of)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(cases=cases_st, complaints=complaints_st, periods=periods_st)
async def test_rollups_equal_the_raw_group_by(db, runtime, cases, complaints, periods):
    graph = await make_hall(db, jurisdiction="panyu", windows=2, staff_per_window=2, items=2)
    await _history(db, runtime, graph, cases, complaints)
    await _compare(db, runtime, graph, periods + [(0, 11, 30)])
    # A rebuild from the raw rows changes nothing.
    async with db.transaction() as session:
        await rollups_service.rebuild(session, first=BASE - timedelta(days=1), last=BASE + timedelta(days=15),
                                      hall_ids=[graph.hall.id])
    await _compare(db, runtime, graph, periods)


async def test_rebuild_restores_rollups_wiped_behind_tingwus_back(db, runtime):
    graph = await make_hall(db, jurisdiction="panyu")
    cases = [{"day": d, "hour": 1, "window": 0, "staff": 0, "item": 0, "status": "completed", "deadline": 1,
              "completed_after": 3, "applicant": "甲", "id_number": True, "ticket": "done", "notices": [2],
              "rating": {"level": RatingLevel.VERY_SATISFIED, "defaulted": False, "after": 0, "hour": 2,
                         "through_service": False}, "appeal": "none", "complete_later": False,
              "reassign_later": False} for d in range(3)]
    await _history(db, runtime, graph, cases, [{"day": 1, "hour": 1, "target": "staff", "index": 0, "accepted": "yes"}])
    async with db.session() as session:
        policy = JurisdictionPolicy(runtime.plugins.hook, "panyu", await load_calendar(session, jurisdiction="panyu"))
        args = dict(policy=policy, hall=graph.hall, scope=BulletinScope.HALL, first=BASE, last=BASE + timedelta(days=5),
                    today=BASE + timedelta(days=30))
        before = _rows(await bulletin_service.compute(session, **args))
    assert before[0]["cases"] == 3 and before[0]["tickets_served"] == 3 and before[0]["complaints"] == 1
    async with db.transaction() as session:
        for table in ROLLUP_TABLES:
            await session.execute(sa.delete(table).where(table.hall_id == graph.hall.id))
    async with db.session() as session:
        assert _rows(await bulletin_service.compute(session, **args))[0]["cases"] == 0
    async with db.transaction() as session:
        assert await rollups_service.rebuild(session, first=BASE, last=BASE + timedelta(days=5),
                                             hall_ids=[graph.hall.id]) == 6
    async with db.session() as session:
        assert _rows(await bulletin_service.compute(session, **args)) == before
