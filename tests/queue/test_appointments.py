"""预约 through GraphQL (RULEBOOK §16 S1): slots from the hall's hours and calendar, capacity, booking, cancelling,
check-in ahead of on-site tickets, no-shows released, the daily on-site quota, no ticket or booking while closed."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.appointments.models import Appointment
from core.audit.models import AuditEntry
from core.graphql.relay import to_global_id
from core.jobs import run_jobs
from tests.factories import make_hall, make_user

pytestmark = pytest.mark.db

ERR0 = "... on Error { code message }"
ERR = ERR0 + " ... on HallClosedError { nextOpening }"
SETTING = """mutation($input: SetAppointmentSettingInput!) { setAppointmentSetting(input: $input) {
  __typename ... on SetAppointmentSettingSuccess { setting { slotMinutes slotCapacity onSiteDailyQuota } } %s } }""" % ERR0
SLOTS = """query($hall: ID!, $item: String!, $date: Date!) { appointmentSlots(hallId: $hall, itemCode: $item, date: $date) {
  date open bookable dayKind nextOpening slots { start end capacity booked available } } }"""
APPOINTMENT = "id status slotStart slotEnd code applicantPhone checkInFrom checkInUntil ticket { number }"
BOOK = """mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) {
  __typename ... on BookAppointmentSuccess { appointment { %s } } %s } }""" % (APPOINTMENT, ERR)
CANCEL = """mutation($input: CancelAppointmentInput!) { cancelAppointment(input: $input) {
  __typename ... on CancelAppointmentSuccess { appointment { status } } %s } }""" % ERR0
CHECK_IN = """mutation($input: CheckInAppointmentInput!) { checkInAppointment(input: $input) {
  __typename ... on CheckInAppointmentSuccess { appointment { status } ticket { number source priority waitingAhead } }
  %s } }""" % ERR0
TAKE = """mutation($input: TakeTicketInput!) { takeTicket(input: $input) {
  __typename ... on TakeTicketSuccess { ticket { number source } } %s } }""" % ERR
CALL = """mutation($window: ID!) { callNextTicket(input: {windowId: $window}) {
  __typename ... on CallNextTicketSuccess { ticket { number source appointmentAt } } ... on Error { code } } }"""
HALL_APPOINTMENTS = """query($hall: ID!, $date: Date!) { hallAppointments(hallId: $hall, date: $date) {
  status code applicantPhone slotStart } }"""


@pytest.fixture
async def hall(db, runtime, clock):
    """A Panyu hall (default hours 08:30–12:00, 14:00–17:00) whose first item takes appointments: 30-minute slots
    of 2 places, 3 on-site tickets a day."""
    graph = await make_hall(db, jurisdiction="panyu", windows=2, items=2)
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    clock.set("2026-11-20 08:00")  # Friday, before opening
    return {"graph": graph, "hall_id": to_global_id("Hall", graph.hall.id), "admin": admin["headers"],
            "item": graph.items[0].code, "other_item": graph.items[1].code,
            "windows": [to_global_id("Window", w.id) for w in graph.windows]}


async def configure(gql, hall, **extra):
    values = {"hallId": hall["hall_id"], "itemCode": hall["item"], "slotMinutes": 30, "slotCapacity": 2,
              "onSiteDailyQuota": 3, **extra}
    return (await gql.data(SETTING, {"input": values}, headers=hall["admin"]))["setAppointmentSetting"]


async def book(gql, hall, slot, phone="13800138000", headers=None, item=None):
    return (await gql.data(BOOK, {"input": {"hallId": hall["hall_id"], "itemCode": item or hall["item"],
                                            "slotStart": slot, "applicantPhone": phone}},
                           headers=headers or {}))["bookAppointment"]


async def take(gql, hall, item=None):
    return (await gql.data(TAKE, {"input": {"hallId": hall["hall_id"], "itemCode": item or hall["item"]}}))["takeTicket"]


async def test_only_hall_admins_configure_and_slots_follow_the_hours(gql, db, runtime, hall):
    anonymous = (await gql.data(SETTING, {"input": {"hallId": hall["hall_id"], "itemCode": hall["item"]}}))
    assert anonymous["setAppointmentSetting"]["__typename"] == "AuthenticationRequired"
    window_staff = await make_user(db, runtime, roles=(("window_staff", f"hall:{hall['graph'].hall.id}"),))
    denied = await gql.data(SETTING, {"input": {"hallId": hall["hall_id"], "itemCode": hall["item"]}},
                            headers=window_staff["headers"])
    assert denied["setAppointmentSetting"]["__typename"] == "PermissionDenied"
    bad = await configure(gql, hall, slotCapacity=0)
    assert (bad["__typename"], bad["code"]) == ("ValidationError", "VALIDATION_FAILED")
    ok = await configure(gql, hall)
    assert ok["setting"] == {"slotMinutes": 30, "slotCapacity": 2, "onSiteDailyQuota": 3}

    friday = (await gql.data(SLOTS, {"hall": hall["hall_id"], "item": hall["item"], "date": "2026-11-20"}))
    day = friday["appointmentSlots"]
    assert day["open"] and day["bookable"] and day["nextOpening"] is None
    starts = [s["start"][11:16] for s in day["slots"]]
    assert starts[:3] == ["08:30", "09:00", "09:30"] and starts[7] == "14:00" and starts[-1] == "16:30"
    assert len(starts) == 7 + 6 and "12:00" not in starts and "13:30" not in starts
    sunday = (await gql.data(SLOTS, {"hall": hall["hall_id"], "item": hall["item"], "date": "2026-11-22"}))
    assert sunday["appointmentSlots"]["open"] is False and sunday["appointmentSlots"]["slots"] == []
    assert sunday["appointmentSlots"]["nextOpening"].startswith("2026-11-23T08:30")
    not_bookable = await gql.data(SLOTS, {"hall": hall["hall_id"], "item": hall["other_item"], "date": "2026-11-20"})
    assert not_bookable["appointmentSlots"]["bookable"] is False
    refused = await book(gql, hall, "2026-11-20T10:00:00+08:00", item=hall["other_item"])
    assert refused["code"] == "APPOINTMENT_NOT_OFFERED"


async def test_booked_appointment_checked_in_is_called_before_an_earlier_on_site_ticket(gql, db, runtime, clock, hall):
    await configure(gql, hall)
    clock.set("2026-11-20 08:40")
    booked = await book(gql, hall, "2026-11-20T10:00:00+08:00")  # anonymous, with a phone number
    assert booked["__typename"] == "BookAppointmentSuccess"
    appointment = booked["appointment"]
    assert appointment["status"] == "BOOKED" and len(appointment["code"]) == 6
    assert appointment["applicantPhone"] == "138****8000"  # masked to the anonymous caller
    assert (appointment["checkInFrom"][11:16], appointment["checkInUntil"][11:16]) == ("09:30", "10:15")

    clock.set("2026-11-20 09:00")
    on_site = await take(gql, hall)
    assert (on_site["ticket"]["number"], on_site["ticket"]["source"]) == ("A001", "ON_SITE")
    early = (await gql.data(CHECK_IN, {"input": {"hallId": hall["hall_id"], "code": appointment["code"]}}))
    assert early["checkInAppointment"]["code"] == "CHECK_IN_TOO_EARLY"
    wrong = (await gql.data(CHECK_IN, {"input": {"hallId": hall["hall_id"], "code": "000000" if appointment["code"] != "000000" else "111111"}}))
    assert wrong["checkInAppointment"]["code"] == "NOT_FOUND"

    clock.set("2026-11-20 09:40")
    checked = (await gql.data(CHECK_IN, {"input": {"hallId": hall["hall_id"], "code": appointment["code"]}}))
    checked = checked["checkInAppointment"]
    assert checked["appointment"]["status"] == "CHECKED_IN"
    assert (checked["ticket"]["number"], checked["ticket"]["source"], checked["ticket"]["waitingAhead"]) == \
        ("Y001", "APPOINTMENT", 0)
    again = (await gql.data(CHECK_IN, {"input": {"hallId": hall["hall_id"], "code": appointment["code"]}}))
    assert again["checkInAppointment"]["code"] == "APPOINTMENT_STATE_INVALID"

    first = (await gql.data(CALL, {"window": hall["windows"][0]}, headers=hall["admin"]))["callNextTicket"]["ticket"]
    assert (first["number"], first["source"], first["appointmentAt"][11:16]) == ("Y001", "APPOINTMENT", "10:00")
    second = (await gql.data(CALL, {"window": hall["windows"][1]}, headers=hall["admin"]))["callNextTicket"]["ticket"]
    assert second["number"] == "A001"

    # A caller cannot declare an appointment ticket any more.
    declared = (await gql.data(TAKE, {"input": {"hallId": hall["hall_id"], "itemCode": hall["item"],
                                                "source": "APPOINTMENT"}}))["takeTicket"]
    assert (declared["__typename"], declared["code"]) == ("ValidationError", "VALIDATION_FAILED")
    # Desk staff see the day's appointments with the phone number in full.
    desk = await make_user(db, runtime, roles=(("window_staff", f"hall:{hall['graph'].hall.id}"),))
    listed = (await gql.data(HALL_APPOINTMENTS, {"hall": hall["hall_id"], "date": "2026-11-20"},
                             headers=desk["headers"]))["hallAppointments"]
    assert [(a["status"], a["applicantPhone"]) for a in listed] == [("CHECKED_IN", "13800138000")]
    assert (await gql.data(HALL_APPOINTMENTS, {"hall": hall["hall_id"], "date": "2026-11-20"}))["hallAppointments"] == []


async def test_full_slot_sunday_and_23_00_are_refused(gql, db, runtime, clock, hall):
    await configure(gql, hall)
    slot = "2026-11-23T10:30:00+08:00"  # Monday
    assert (await book(gql, hall, slot, "13800000001"))["__typename"] == "BookAppointmentSuccess"
    assert (await book(gql, hall, slot, "13800000002"))["__typename"] == "BookAppointmentSuccess"
    full = await book(gql, hall, slot, "13800000003")
    assert (full["__typename"], full["code"]) == ("ValidationError", "SLOT_FULL")
    assert "已约满" in full["message"]

    sunday = await book(gql, hall, "2026-11-22T10:00:00+08:00", "13800000004")
    assert (sunday["__typename"], sunday["code"]) == ("HallClosedError", "HALL_CLOSED")
    assert sunday["nextOpening"].startswith("2026-11-23T08:30")
    assert "2026-11-23 08:30" in sunday["message"]
    night = await book(gql, hall, "2026-11-23T23:00:00+08:00", "13800000005")
    assert (night["__typename"], night["nextOpening"][:16]) == ("HallClosedError", "2026-11-24T08:30")
    misaligned = await book(gql, hall, "2026-11-23T10:10:00+08:00", "13800000006")
    assert misaligned["code"] == "SLOT_INVALID"
    far = await book(gql, hall, "2027-06-06T12:00:00+08:00", "13800000007")  # the 03:00-next-June kind of request
    assert far["code"] == "BOOKING_TOO_FAR_AHEAD"
    past = await book(gql, hall, "2026-11-19T10:00:00+08:00", "13800000008")
    assert past["code"] == "SLOT_PASSED"
    no_phone = await book(gql, hall, "2026-11-23T11:00:00+08:00", None)
    assert no_phone["code"] == "VALIDATION_FAILED"
    bad_phone = await book(gql, hall, "2026-11-23T11:00:00+08:00", "12345")
    assert bad_phone["code"] == "VALIDATION_FAILED"
    duplicate = await book(gql, hall, "2026-11-23T11:00:00+08:00", "13800000001")
    assert duplicate["code"] == "APPOINTMENT_DUPLICATE"

    day = (await gql.data(SLOTS, {"hall": hall["hall_id"], "item": hall["item"], "date": "2026-11-23"}))
    by_start = {s["start"][11:16]: s for s in day["appointmentSlots"]["slots"]}
    assert (by_start["10:30"]["booked"], by_start["10:30"]["available"]) == (2, 0)
    async with db.session() as session:
        assert (await session.execute(sa.select(sa.func.count(Appointment.id)))).scalar_one() == 2
        refusals = (await session.execute(sa.select(AuditEntry.detail).where(
            AuditEntry.action == "bookAppointment", AuditEntry.outcome == "rejected"))).scalars().all()
    assert "SLOT_FULL" in refusals and "HALL_CLOSED" in refusals


async def test_a_signed_in_booking_is_cancelled_and_frees_its_place(gql, db, runtime, clock, hall):
    await configure(gql, hall, slotCapacity=1)
    citizen = await make_user(db, runtime)
    slot = "2026-11-23T09:00:00+08:00"
    mine = (await book(gql, hall, slot, None, headers=citizen["headers"]))["appointment"]
    assert (await book(gql, hall, slot, "13800000009"))["code"] == "SLOT_FULL"
    stranger = (await gql.data(CANCEL, {"input": {"appointmentId": mine["id"]}}))["cancelAppointment"]
    assert stranger["code"] == "NOT_FOUND"
    cancelled = (await gql.data(CANCEL, {"input": {"appointmentId": mine["id"]}}, headers=citizen["headers"]))
    assert cancelled["cancelAppointment"]["appointment"]["status"] == "CANCELLED"
    taken = await book(gql, hall, slot, "13800000009")
    assert taken["__typename"] == "BookAppointmentSuccess"
    by_code = (await gql.data(CANCEL, {"input": {"appointmentId": taken["appointment"]["id"],
                                                 "code": taken["appointment"]["code"]}}))["cancelAppointment"]
    assert by_code["appointment"]["status"] == "CANCELLED"
    twice = (await gql.data(CANCEL, {"input": {"appointmentId": taken["appointment"]["id"],
                                               "code": taken["appointment"]["code"]}}))["cancelAppointment"]
    assert twice["code"] == "APPOINTMENT_STATE_INVALID"


async def test_missed_appointments_are_released_and_counted(gql, db, runtime, clock, hall):
    await configure(gql, hall)
    clock.set("2026-11-20 08:10")
    missed = (await book(gql, hall, "2026-11-20T09:00:00+08:00", "13900000000"))["appointment"]
    kept = (await book(gql, hall, "2026-11-20T11:00:00+08:00", "13900000001"))["appointment"]
    results = await run_jobs(runtime, now=clock.set("2026-11-20 09:20"), only="appointments.release_missed")
    assert results["appointments.release_missed"].changed == {"panyu": 1}
    async with db.session() as session:
        rows = {str(r.applicant_phone): r.status for r in (await session.execute(sa.select(Appointment))).scalars()}
    assert rows == {"13900000000": "missed", "13900000001": "booked"}
    clock.set("2026-11-20 09:25")
    late = (await gql.data(CHECK_IN, {"input": {"hallId": hall["hall_id"], "code": missed["code"]}}))
    assert late["checkInAppointment"]["code"] == "APPOINTMENT_STATE_INVALID"
    # The place stays taken (it was held); a second run releases nothing more.
    again = await run_jobs(runtime, now=clock.moment, only="appointments.release_missed")
    assert again["appointments.release_missed"].changed == {}
    assert kept["status"] == "BOOKED"


async def test_no_shows_bar_booking_where_the_jurisdiction_limits_them(gql, db, runtime, clock, hall):
    """A jurisdiction's tingwu_appointment_rules can limit no-shows; the baseline records them only."""
    from dataclasses import replace

    from core.appointments import service as appointment_service
    from core.policy.appointments import DEFAULT_RULES
    from core.policy.service import JurisdictionPolicy

    await configure(gql, hall)
    clock.set("2026-11-20 08:10")
    for slot in ("2026-11-20T08:30:00+08:00", "2026-11-20T09:00:00+08:00"):
        await book(gql, hall, slot, "13700000000", item=hall["item"]) if slot.endswith("08:30:00+08:00") else None
    await run_jobs(runtime, now=clock.set("2026-11-20 09:00"), only="appointments.release_missed")
    async with db.session() as session:
        assert await appointment_service.no_shows(session, phone="13700000000", user_id=None) == 1
    # Baseline: recorded, not limited.
    assert (await book(gql, hall, "2026-11-23T09:00:00+08:00", "13700000000"))["__typename"] == "BookAppointmentSuccess"

    class Strict:
        @staticmethod
        def tingwu_appointment_rules(jurisdiction):
            return replace(DEFAULT_RULES, no_show_limit=1) if jurisdiction == "panyu" else None

    from core.plugins.hookspecs import hookimpl
    Strict.tingwu_appointment_rules = hookimpl(tryfirst=True)(Strict.tingwu_appointment_rules)
    runtime.plugins.pm.register(Strict, name="strict-appointments")
    try:
        assert JurisdictionPolicy(runtime.plugins.hook, "panyu", None).appointment_rules().no_show_limit == 1
        barred = await book(gql, hall, "2026-11-24T09:00:00+08:00", "13700000000")
        assert barred["code"] == "BOOKING_BARRED"
    finally:
        runtime.plugins.pm.unregister(name="strict-appointments")


async def test_no_ticket_outside_hours_or_on_a_holiday_and_the_on_site_quota(gql, db, runtime, clock, hall):
    await configure(gql, hall)
    clock.set("2026-11-20 08:00")
    early = await take(gql, hall)
    assert (early["__typename"], early["code"], early["nextOpening"][:16]) == \
        ("HallClosedError", "HALL_CLOSED", "2026-11-20T08:30")
    clock.set("2026-11-20 12:30")  # lunch
    assert (await take(gql, hall))["nextOpening"][:16] == "2026-11-20T14:00"
    clock.set("2026-11-21 10:00")  # Saturday
    assert (await take(gql, hall))["nextOpening"][:16] == "2026-11-23T08:30"
    clock.set("2026-10-01 10:00")  # National Day
    assert (await take(gql, hall))["nextOpening"][:16] == "2026-10-08T08:30"
    english = await gql.data(TAKE, {"input": {"hallId": hall["hall_id"], "itemCode": hall["item"]}},
                             headers={"Accept-Language": "en"})
    assert "next opens at 2026-10-08 08:30" in english["takeTicket"]["message"]

    clock.set("2026-11-20 09:00")
    numbers = [(await take(gql, hall))["ticket"]["number"] for _ in range(3)]
    assert numbers == ["A001", "A002", "A003"]
    over = await take(gql, hall)
    assert over["code"] == "ON_SITE_QUOTA_REACHED"
    assert (await take(gql, hall, item=hall["other_item"]))["ticket"]["number"] == "A004"  # no quota there
