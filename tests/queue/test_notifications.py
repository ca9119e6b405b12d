"""静音叫号 and reminders (RULEBOOK §16 S2): queued in the database, delivered by the notifications.deliver job through
tingwu_send_notification — the log sender by default, the HTTP webhook sender tested against a real HTTP receiver on
127.0.0.1 that fails before it succeeds (retries), or always fails (dead letters); no message to an opted-out number."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sqlalchemy as sa

from core.graphql.relay import to_global_id
from core.jobs import run_jobs
from core.notifications.models import Notification
from tests.factories import make_hall, make_user

pytestmark = pytest.mark.db

TAKE = """mutation($input: TakeTicketInput!) { takeTicket(input: $input) {
  __typename ... on TakeTicketSuccess { ticket { number } } ... on Error { code } } }"""
CALL = """mutation($window: ID!) { callNextTicket(input: {windowId: $window}) {
  __typename ... on CallNextTicketSuccess { ticket { number } } ... on Error { code } } }"""
OPT_OUT = """mutation($phone: String!) { optOutOfNotifications(phone: $phone) {
  __typename ... on NotificationOptOutSuccess { optedOut changed } ... on Error { code } } }"""
LIST = """query($hall: ID!, $status: String) { notifications(hallId: $hall, status: $status) {
  id kind phone text status attempts lastError } }"""
RETRY = """mutation($id: ID!) { retryNotification(notificationId: $id) {
  __typename ... on RetryNotificationSuccess { notification { status attempts } } ... on Error { code } } }"""


@contextmanager
def receiver(fail_first: int = 0, always_fail: bool = False):
    """A real HTTP receiver on 127.0.0.1 (a free port): answers 503 to the first ``fail_first`` posts."""
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append({"body": json.loads(body), "raw": body, "signature": self.headers.get("X-Tingwu-Signature"),
                             "idempotency": self.headers.get("Idempotency-Key")})
            failing = always_fail or len(received) <= fail_first
            self.send_response(503 if failing else 200)
            self.end_headers()
            self.wfile.write(b"gateway busy" if failing else b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sms", received
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
async def hall(db, runtime, clock):
    graph = await make_hall(db, jurisdiction="panyu", windows=1)
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    clock.set("2026-11-20 09:00")
    original = runtime.settings
    yield {"graph": graph, "hall_id": to_global_id("Hall", graph.hall.id), "admin": admin["headers"],
           "window": to_global_id("Window", graph.windows[0].id), "item": graph.items[0].code}
    runtime.settings = original


async def take_five_and_call(gql, hall):
    for i in range(5):
        await gql.data(TAKE, {"input": {"hallId": hall["hall_id"], "itemCode": hall["item"],
                                        "applicantPhone": f"1380000000{i}"}})
    called = (await gql.data(CALL, {"window": hall["window"]}, headers=hall["admin"]))["callNextTicket"]
    assert called["ticket"]["number"] == "A001"


async def test_calling_queues_called_and_near_messages_and_the_webhook_retries(gql, db, runtime, clock, hall):
    await take_five_and_call(gql, hall)
    queued = (await gql.data(LIST, {"hall": hall["hall_id"]}, headers=hall["admin"]))["notifications"]
    by_kind = {n["kind"]: n for n in queued}
    assert by_kind["called"]["text"] == f"【{hall['graph'].hall.name}】请A001号到A01号窗口办理。"
    assert by_kind["queue_near"]["text"].startswith(f"【{hall['graph'].hall.name}】您的A005号前面还有3位")
    assert by_kind["called"]["phone"] == "138****0000" and by_kind["queue_near"]["phone"] == "138****0004"

    with receiver(fail_first=2) as (url, received):
        runtime.settings = replace(runtime.settings, notify_webhook_url=url, notify_webhook_secret="hook-secret")
        first = await run_jobs(runtime, now=clock.moment, only="notifications.deliver")
        assert first["notifications.deliver"].changed == {"failed": 2}
        # Not due again before the delay: nothing is sent.
        early = await run_jobs(runtime, now=clock.moment + timedelta(seconds=10), only="notifications.deliver")
        assert early["notifications.deliver"].changed == {}
        later = await run_jobs(runtime, now=clock.moment + timedelta(seconds=31), only="notifications.deliver")
        assert later["notifications.deliver"].changed == {"sent": 2}
    assert len(received) == 4
    assert {r["body"]["to"] for r in received} == {"13800000000", "13800000004"}
    assert [r["body"]["attempt"] for r in received if r["body"]["kind"] == "called"] == [1, 2]
    for r in received:  # signed with the shared secret, the notification id as idempotency key
        expected = hmac.new(b"hook-secret", r["raw"], hashlib.sha256).hexdigest()
        assert r["signature"] == f"sha256={expected}" and r["idempotency"] == r["body"]["id"]
    sent = (await gql.data(LIST, {"hall": hall["hall_id"], "status": "sent"}, headers=hall["admin"]))["notifications"]
    assert sorted(n["attempts"] for n in sent) == [2, 2]


async def test_dead_letters_opt_out_and_the_log_sender(gql, db, runtime, clock, hall):
    assert (await gql.data(OPT_OUT, {"phone": "138-0000-0004"}))["optOutOfNotifications"] == \
        {"__typename": "NotificationOptOutSuccess", "optedOut": True, "changed": True}
    await take_five_and_call(gql, hall)
    with receiver(always_fail=True) as (url, received):
        runtime.settings = replace(runtime.settings, notify_webhook_url=url)
        moment = clock.moment
        for attempt in range(5):
            await run_jobs(runtime, now=moment, only="notifications.deliver")
            moment += timedelta(seconds=300)
    assert [r["body"]["to"] for r in received] == ["13800000000"] * 5  # the opted-out number got nothing
    dead = (await gql.data(LIST, {"hall": hall["hall_id"], "status": "dead"}, headers=hall["admin"]))["notifications"]
    assert [(n["kind"], n["attempts"], n["lastError"]) for n in dead] == [("called", 5, "HTTP 503: gateway busy")]
    suppressed = (await gql.data(LIST, {"hall": hall["hall_id"], "status": "suppressed"},
                                 headers=hall["admin"]))["notifications"]
    assert [n["kind"] for n in suppressed] == ["queue_near"]

    # The receiver is fixed: the dead letter is queued again and goes out through the default log sender.
    retried = (await gql.data(RETRY, {"id": dead[0]["id"]}, headers=hall["admin"]))["retryNotification"]
    assert retried["notification"] == {"status": "pending", "attempts": 0}
    assert (await gql.data(RETRY, {"id": dead[0]["id"]}))["retryNotification"]["__typename"] == \
        "AuthenticationRequired"
    runtime.settings = replace(runtime.settings, notify_webhook_url=None)
    result = await run_jobs(runtime, now=moment, only="notifications.deliver")
    assert result["notifications.deliver"].changed == {"sent": 1}
    assert (await gql.data(LIST, {"hall": hall["hall_id"]}))["notifications"] == []  # not public


async def test_templates_come_from_the_hook_and_events_are_queued_once(db, runtime, hall):
    template = runtime.plugins.hook.tingwu_notification_template(jurisdiction="panyu", kind="case_completed")
    assert "{serial}" in template.text and [r.id for r in template.rules] == ["default.notifications"]
    from core.notifications import service as notification_service

    async with db.transaction() as session:
        for _ in range(2):
            await notification_service.enqueue(
                session, plugins=runtime.plugins, jurisdiction="panyu", hall_id=hall["graph"].hall.id,
                kind="case_completed", phone="13900000000",
                values={"hall": "番禺区政务服务中心", "serial": "PY1", "item": "不动产登记", "result": "准予办理"},
                dedupe_key="completed:test", at=runtime.now())
    async with db.session() as session:
        texts = (await session.execute(sa.select(Notification.text).where(
            Notification.dedupe_key == "completed:test"))).scalars().all()
    assert texts == ["【番禺区政务服务中心】您的办件PY1（不动产登记）已办结，结果：准予办理。"]
    outcome = await runtime.plugins.hook.tingwu_send_notification(
        jurisdiction="panyu", message=__import__("core.policy.notifications", fromlist=["x"]).OutgoingMessage(
            id="x", kind="called", to="13900000000", text="t", attempt=1),
        settings=__import__("core.policy.notifications", fromlist=["x"]).SenderSettings())
    assert outcome.ok and outcome.detail == "logged"
