"""The window client's subscription hears of bookings, cancellations and check-ins (with the slot), and the calling
screen marks an appointment's call (RULEBOOK §16 S1; for the browser calling screen and kiosk)."""

from __future__ import annotations

import pytest

from core.graphql.relay import to_global_id
from core.queue.events import calls_topic, queue_topic
from tests.factories import make_hall, make_user
from tests.ws import AsgiWebSocket, wait_for_subscribers

pytestmark = pytest.mark.db

SCREEN = """subscription($hall: ID!) { callingScreen(hallId: $hall) { ticketNumber appointment text } }"""
WINDOW = """subscription($window: ID!) { windowQueue(windowId: $window) {
  kind ticketNumber ticketSource appointmentAt appointmentId slotStart waitingCount } }"""
SETTING = """mutation($input: SetAppointmentSettingInput!) { setAppointmentSetting(input: $input) { __typename } }"""
BOOK = """mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) {
  __typename ... on BookAppointmentSuccess { appointment { id code } } } }"""
CANCEL = """mutation($input: CancelAppointmentInput!) { cancelAppointment(input: $input) { __typename } }"""
CHECK_IN = """mutation($input: CheckInAppointmentInput!) { checkInAppointment(input: $input) {
  __typename ... on CheckInAppointmentSuccess { ticket { number } } } }"""
CALL = """mutation($window: ID!) { callNextTicket(input: {windowId: $window}) { __typename } }"""


async def test_window_and_screen_subscriptions_carry_appointments(app, gql, db, runtime, clock):
    graph = await make_hall(db, jurisdiction="panyu", windows=1)
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    hall_id, window_id = to_global_id("Hall", graph.hall.id), to_global_id("Window", graph.windows[0].id)
    clock.set("2026-11-20 08:40")
    await gql.data(SETTING, {"input": {"hallId": hall_id, "itemCode": graph.items[0].code}}, headers=admin["headers"])

    async with AsgiWebSocket(app) as screen, AsgiWebSocket(app) as window_client:
        await screen.init()
        await window_client.init()
        screen_op = await screen.subscribe(SCREEN, {"hall": hall_id})
        window_op = await window_client.subscribe(WINDOW, {"window": window_id})
        await wait_for_subscribers(runtime.broker, calls_topic(graph.hall.id), 1)
        await wait_for_subscribers(runtime.broker, queue_topic(graph.hall.id), 1)

        def book(slot, phone):
            return gql.data(BOOK, {"input": {"hallId": hall_id, "itemCode": graph.items[0].code, "slotStart": slot,
                                             "applicantPhone": phone}})

        kept = (await book("2026-11-20T09:00:00+08:00", "13800000001"))["bookAppointment"]["appointment"]
        booked = (await window_client.next_data(window_op))["windowQueue"]
        assert (booked["kind"], booked["appointmentId"], booked["slotStart"]) == \
            ("appointment_booked", kept["id"], "2026-11-20T09:00:00+08:00")
        dropped = (await book("2026-11-20T09:30:00+08:00", "13800000002"))["bookAppointment"]["appointment"]
        await window_client.next_data(window_op)
        await gql.data(CANCEL, {"input": {"appointmentId": dropped["id"], "code": dropped["code"]}})
        assert (await window_client.next_data(window_op))["windowQueue"]["kind"] == "appointment_cancelled"

        await gql.data(CHECK_IN, {"input": {"hallId": hall_id, "code": kept["code"]}})
        checked = (await window_client.next_data(window_op))["windowQueue"]
        assert (checked["kind"], checked["ticketNumber"], checked["ticketSource"], checked["appointmentAt"],
                checked["waitingCount"]) == ("issued", "Y001", "APPOINTMENT", "2026-11-20T09:00:00+08:00", 1)

        await gql.data(CALL, {"window": window_id}, headers=admin["headers"])
        line = (await screen.next_data(screen_op))["callingScreen"]
        assert line == {"ticketNumber": "Y001", "appointment": True, "text": "请Y001号到A01号窗口办理"}
