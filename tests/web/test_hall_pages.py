"""The hall faces in headless Chromium against a real Tingwu server process, on SQLite and PostgreSQL:
a ticket taken at the kiosk is called at the window client and shows on the calling screen within a second;
the rating pad's one tap becomes the rating of the case the window accepted; the screen survives a server
restart; the dashboard shows the bulletin query's numbers; no page reaches another host; axe-core finds no
WCAG A/AA violation on the calling screen and the window client."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

import pytest
import sqlalchemy as sa

from core.graphql.relay import to_global_id
from core.cases.models import Case
from core.halls.models import Hall
from core.queue.models import QueueTicket, TicketSource
from core.ratings import devices as rating_devices
from core.ratings.models import Rating, RatingDeviceKind
from core.windows.models import Window
from tests.bulletin.test_bulletin import hall as bulletin_hall  # noqa: F401 - the November hall with its bulletin
from tests.factories import make_hall, make_user
from tests.web.conftest import outside_hosts

pytestmark = pytest.mark.db

# The kiosk checks the hall's public hours on the browser's clock: a Friday morning in Panyu.
KIOSK_MORNING = """(() => {
  const offset = Date.parse('2026-11-20T10:00:00+08:00') - Date.now(); const Real = Date;
  class HallDate extends Real { constructor(...a) { if (a.length) super(...a); else super(Real.now() + offset); }
    static now() { return Real.now() + offset; } }
  window.Date = HallDate; })();"""
# Records what the page asks the browser's speech synthesis to say (and lets it speak).
SPEECH_SPY = """(() => { window.__spoken = []; const speak = speechSynthesis.speak.bind(speechSynthesis);
  speechSynthesis.speak = (u) => { if (u.text) window.__spoken.push([u.text, u.lang]); return speak(u); }; })();"""
KIOSK_EVENING = KIOSK_MORNING.replace("10:00:00", "19:30:00")

TAKE = """mutation($hall: ID!, $item: String!) { takeTicket(input: {hallId: $hall, itemCode: $item}) {
  ... on TakeTicketSuccess { ticket { id number } } } }"""
CALL = """mutation($window: ID!) { callNextTicket(input: {windowId: $window}) {
  ... on CallNextTicketSuccess { ticket { number } } ... on Error { code message } } }"""
RECALL = """mutation($ticket: ID!) { recallTicket(input: {ticketId: $ticket}) {
  ... on RecallTicketSuccess { ticket { callCount } } ... on Error { code message } } }"""
CURRENT_TICKET = """query($window: ID!) { node(id: $window) { ... on Window { currentTicket { id } } } }"""
SUSPEND = """mutation($window: ID!) { setWindowStatus(input: {windowId: $window, status: SUSPENDED}) {
  ... on WindowStatusSuccess { window { status } } } }"""
START = """mutation($ticket: ID!) { startTicket(input: {ticketId: $ticket}) { ... on StartTicketSuccess { ticket { status } } } }"""
BULLETIN = """query($h: ID!, $from: Date!, $to: Date!) { serviceBulletin(hallId: $h, from: $from, to: $to) {
  ratingRateTarget rows { peopleServed cases completedCases overdueCases ratings complaints
    satisfaction { value } ratingRate { value } } } }"""


def fixed_clock(browser, script: str) -> None:
    browser.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": script})


async def desk(db, runtime):
    """A Panyu hall; 员工00 holds window A01 (A role) and signs in with a password."""
    graph = await make_hall(db, jurisdiction="panyu", place="番禺区", name=None)
    username = f"desk{time.monotonic_ns() % 10**8}"
    staff_user = await make_user(db, runtime, username=username, password="window-pass-123",
                                 staff_id=graph.staff[0].id, roles=(("window_staff", f"hall:{graph.hall.id}"),))
    roles_reach_the_server()
    return graph, username, staff_user


def roles_reach_the_server() -> None:
    """The server process reloads the authorization policy at most once a second."""
    time.sleep(1.2)


def sign_in(browser, username: str, password: str):
    """Keyboard only: type, Tab, type, Enter."""
    from selenium.webdriver.common.keys import Keys

    browser.wait_for("return document.activeElement && document.activeElement.id === 'username'")
    browser.keys(username, Keys.TAB, password, Keys.ENTER)


async def test_kiosk_ticket_called_at_the_window_shows_on_the_screen_and_the_pad_rates_the_case(
        db, runtime, live_server, browsers):
    graph, username, staff_user = await desk(db, runtime)
    hall_id, window_id = to_global_id("Hall", graph.hall.id), to_global_id("Window", graph.windows[0].id)
    url = live_server.url

    screen = browsers()
    fixed_clock(screen, SPEECH_SPY)
    screen.open(f"{url}/hall/calling.html?hall={quote(hall_id)}&speak=1")
    assert graph.hall.name in screen.text("header h1")
    # The hall enabled speech for this screen (&speak=1): on, with a button to turn it off.
    assert screen.driver.execute_script("return document.querySelector('header button[aria-pressed]').getAttribute('aria-pressed')") == "true"

    kiosk = browsers()
    fixed_clock(kiosk, KIOSK_MORNING)
    kiosk.open(f"{url}/hall/kiosk.html?hall={quote(hall_id)}")
    kiosk.screenshot("kiosk")
    kiosk.click(f"[data-item='{graph.items[0].code}']")
    assert kiosk.wait_for("return document.querySelector('[data-testid=slip-number]')?.innerText") == "A001"
    assert kiosk.driver.execute_script("return document.querySelector('[data-testid=ahead]').dataset.ahead") == "0"
    kiosk.screenshot("kiosk-ticket")
    # The calling screen counts the waiting ticket under its item.
    screen.wait_for("return document.querySelector('[data-testid=waiting]')?.innerText.includes(arguments[0])", 10,
                    graph.items[0].name)

    # The window client, in another page: keyboard only.
    window = browsers().open(f"{url}/hall/window.html")
    sign_in(window, username, "window-pass-123")
    window.wait_for("return document.querySelector('[data-action=callNext]') && !document.querySelector('[data-action=callNext]').disabled")
    assert "A001" in window.text("[data-testid=queue]")
    # The pad is a registered 评价器 bound to window A01 (R1): it rates with its own device credential.
    async with db.transaction() as session:
        _device, credential = await rating_devices.register(
            session, hall_id=graph.hall.id, window_id=graph.windows[0].id, kind=RatingDeviceKind.DEVICE,
            name="A01评价器", user_id=None, now=datetime.now(timezone.utc))
    pad = browsers().open(f"{url}/hall/rating.html?window={quote(window_id)}&thanksMs=1500"
                          f"&credential={quote(credential)}&token={quote(staff_user['token'])}")
    pad.wait_for("return document.querySelector('[data-testid=on-duty]')?.innerText.includes(arguments[0])", 10,
                 graph.staff[0].staff_number)
    assert "credential" not in pad.driver.current_url and "token" not in pad.driver.current_url  # kept in storage
    pad.screenshot("rating-pad-idle")

    before = time.time()
    window.keys("n")  # 叫号
    assert window.wait_for("return document.querySelector('[data-testid=current-number]')?.innerText") == "A001"
    screen.wait_for("return document.querySelector('[data-testid=now-number]')?.innerText === 'A001'", 5)
    reacted_at = screen.driver.execute_script("return window.__lastCallAt") / 1000
    assert reacted_at - before < 1.0, f"the screen showed the call {reacted_at - before:.2f} s after the key press"
    assert "A01" in screen.text("[data-testid=now-calling]")
    assert screen.driver.execute_script("return window.__spoken") == [["请A001号到A01号窗口办理", "zh-CN"]] * 2

    window.keys("s")  # 开始办理
    window.wait_for("return !!document.getElementById('applicant-name')")
    window.type("#applicant-name", "李四")
    window.screenshot("window-client")
    window.click("form.finish button[type=submit]")
    case_line = window.wait_for("return document.querySelector('[data-testid=case-result]')?.innerText")
    assert "办结期限" in case_line
    window.screenshot("window-client-case")

    # The pad asks for the rating of that case; one tap on a tag rates it (the tag is the comment).
    pad.wait_for("return !!document.querySelector('[data-testid=levels]')", 5)
    assert [pad.driver.execute_script("return [...document.querySelectorAll('.level > button')].map(b => b.innerText)")] == [
        ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]]
    pad.screenshot("rating-pad")
    pad.click("[data-level=SATISFIED][data-tag='解释清楚']")
    pad.wait_for("return document.querySelector('[data-testid=thanks]')?.innerText.includes('感谢')", 5)
    pad.screenshot("rating-pad-thanks")
    pad.wait_for("return document.querySelector('.pad').dataset.mode === 'idle'", 5)

    async with db.session() as session:
        rating = (await session.execute(sa.select(Rating).where(Rating.hall_id == graph.hall.id))).scalar_one()
        serial = (await session.execute(sa.select(Case.serial_number).where(Case.id == rating.case_id))).scalar_one()
    assert (rating.level, rating.channel, rating.comment, rating.staff_id) == (
        "satisfied", "device", "解释清楚", graph.staff[0].id)
    assert serial in case_line
    screen.wait_for("return !document.querySelector('[data-testid=waiting]')", 5)  # A001 no longer waits
    screen.screenshot("calling-screen")

    for browser in (screen, kiosk, window, pad):
        requested = browser.requests()
        assert requested and outside_hosts(requested, url) == []


async def test_the_kiosk_refuses_outside_service_hours_with_the_next_opening(db, runtime, live_server, browsers):
    graph, _, _ = await desk(db, runtime)
    kiosk = browsers()
    fixed_clock(kiosk, KIOSK_EVENING)
    kiosk.open(f"{live_server.url}/hall/kiosk.html?hall={quote(to_global_id('Hall', graph.hall.id))}")
    kiosk.click(f"[data-item='{graph.items[0].code}']")
    refusal = kiosk.wait_for("return document.querySelector('[data-testid=refusal]')?.innerText")
    assert "暂停取号" in refusal and "下次开放：11月23日周一 08:30" in refusal  # Friday evening: Monday morning
    kiosk.screenshot("kiosk-closed")
    async with db.session() as session:
        assert (await session.execute(sa.select(sa.func.count()).select_from(QueueTicket)
                                      .where(QueueTicket.hall_id == graph.hall.id))).scalar_one() == 0




async def test_the_kiosk_shows_the_servers_next_opening_when_take_ticket_is_refused(db, runtime, live_server, browsers):
    """The kiosk's clock may be wrong: the server's HallClosedError refusal (its message and nextOpening) is shown.
    The hall opens at 14:00 today (its own hours, Panyu lets a hall set them); the kiosk thinks it is 14:30, the
    server knows it is about 10:00."""
    graph, _, _ = await desk(db, runtime)
    async with db.transaction() as session:
        (await session.get(Hall, graph.hall.id)).configured_hours = ["14:00-17:00"]
    kiosk = browsers()
    fixed_clock(kiosk, KIOSK_MORNING.replace("10:00:00", "14:30:00"))
    kiosk.open(f"{live_server.url}/hall/kiosk.html?hall={quote(to_global_id('Hall', graph.hall.id))}")
    assert "今日服务时间 14:00–17:00" in kiosk.text("main")
    kiosk.click(f"[data-item='{graph.items[0].code}']")
    refusal = kiosk.wait_for("return document.querySelector('[data-testid=refusal]')?.innerText")
    assert "下次开放：11月20日周五 14:00" in refusal, refusal
    kiosk.screenshot("kiosk-closed-by-server")
    assert "不对外服务" in refusal  # the server's message, as it comes
    async with db.session() as session:
        assert (await session.execute(sa.select(sa.func.count()).select_from(QueueTicket)
                                      .where(QueueTicket.hall_id == graph.hall.id))).scalar_one() == 0


SET_APPOINTMENTS = """mutation($input: SetAppointmentSettingInput!) { setAppointmentSetting(input: $input) {
  __typename ... on Error { code message } } }"""
BOOK = """mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) {
  __typename ... on BookAppointmentSuccess { appointment { code } } ... on Error { code message } } }"""


async def test_the_kiosk_checks_in_an_appointment_ahead_of_on_site_tickets(db, runtime, live_server, browsers):
    """预约签到 (S1) at the kiosk: a wrong 预约码 shows the server's Chinese message and issues nothing; the right
    one gives the appointment's Y ticket, which goes ahead of the on-site ticket taken before it."""
    graph, _, _ = await desk(db, runtime)
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    roles_reach_the_server()
    hall_id, item = to_global_id("Hall", graph.hall.id), graph.items[0].code
    configured = live_server.graphql(SET_APPOINTMENTS, {"input": {"hallId": hall_id, "itemCode": item, "slotMinutes": 30,
                                                                  "slotCapacity": 2}}, token=admin["token"])
    assert configured["setAppointmentSetting"]["__typename"] == "SetAppointmentSettingSuccess", configured
    # The server's clock started at 10:00 on Friday: the 10:30 slot's check-in opens at 10:00 (30 min before).
    booked = live_server.graphql(BOOK, {"input": {"hallId": hall_id, "itemCode": item, "slotStart": "2026-11-20T10:30:00+08:00",
                                                  "applicantPhone": "13800138000"}})["bookAppointment"]
    assert booked["__typename"] == "BookAppointmentSuccess", booked
    code = booked["appointment"]["code"]
    on_site = live_server.graphql(TAKE, {"hall": hall_id, "item": item})["takeTicket"]["ticket"]["number"]
    assert on_site == "A001"

    kiosk = browsers()
    fixed_clock(kiosk, KIOSK_MORNING)
    kiosk.open(f"{live_server.url}/hall/kiosk.html?hall={quote(hall_id)}")
    assert "已预约" in kiosk.text("[data-testid=check-in]")
    assert kiosk.axe() == []  # the kiosk with its check-in keypad: no WCAG 2.1 A/AA violation
    wrong = "000000" if code != "000000" else "111111"
    kiosk.type("#appointment-code", wrong)
    kiosk.click("[data-testid=check-in] button[type=submit]")
    error = kiosk.wait_for("return document.querySelector('[data-testid=check-in-error]')?.innerText")
    assert wrong in error and any("\u4e00" <= ch <= "\u9fff" for ch in error), error
    assert kiosk.driver.execute_script("return document.activeElement.id") == "appointment-code"
    kiosk.screenshot("kiosk-check-in-refused")

    # The right code on the kiosk's own keypad (a touch screen has no keyboard).
    kiosk.click("[data-key=clear]")
    for digit in code:
        kiosk.click(f"[data-key='{digit}']")
    assert kiosk.driver.execute_script("return document.getElementById('appointment-code').value") == code
    assert kiosk.text("[data-testid=check-in-error]") is None  # the refusal went with the new code
    kiosk.screenshot("kiosk-check-in")
    kiosk.click("[data-testid=check-in] button[type=submit]")
    assert kiosk.wait_for("return document.querySelector('[data-testid=slip-number]')?.innerText") == "Y001"
    # Called before A001, which was taken earlier: nobody ahead.
    assert kiosk.driver.execute_script("return document.querySelector('[data-testid=ahead]').dataset.ahead") == "0"
    assert "前面还有 0 人等候" in kiosk.text("[data-testid=slip]")
    assert "预约时段 10:30–11:00" in kiosk.text("[data-testid=appointment]")
    kiosk.screenshot("kiosk-appointment")
    assert kiosk.axe() == []
    assert outside_hosts(kiosk.requests(), live_server.url) == []

    async with db.session() as session:
        tickets = (await session.execute(sa.select(QueueTicket.number, QueueTicket.source)
                                         .where(QueueTicket.hall_id == graph.hall.id).order_by(QueueTicket.number))).all()
    assert tickets == [("A001", TicketSource.ON_SITE), ("Y001", TicketSource.APPOINTMENT)]
    window_id = to_global_id("Window", graph.windows[0].id)
    called = live_server.graphql(CALL, {"window": window_id}, token=admin["token"])["callNextTicket"]
    assert called["ticket"]["number"] == "Y001", called


async def test_the_calling_screen_reconnects_and_resyncs_after_a_server_restart(db, runtime, live_server, browsers):
    graph, _, staff_user = await desk(db, runtime)
    hall_id, window_id = to_global_id("Hall", graph.hall.id), to_global_id("Window", graph.windows[0].id)
    screen = browsers().open(f"{live_server.url}/hall/calling.html?hall={quote(hall_id)}")
    screen.wait_for("return window.__resyncs >= 1")
    resyncs = screen.driver.execute_script("return window.__resyncs")

    live_server.stop()
    screen.wait_for("return document.body.classList.contains('offline')", 15)
    live_server.start()
    # Called right after the restart: shown whether the screen hears it live or reads it on resync.
    live_server.graphql(TAKE, {"hall": hall_id, "item": graph.items[0].code})
    assert live_server.graphql(CALL, {"window": window_id}, staff_user["token"])["callNextTicket"]["ticket"]["number"] == "A001"
    screen.wait_for("return document.querySelector('[data-testid=now-number]')?.innerText === 'A001'", 20)
    assert screen.driver.execute_script("return window.__resyncs") > resyncs
    assert not screen.driver.execute_script("return document.body.classList.contains('offline')")
    # And it is subscribed again: a recall arrives live.
    before = time.time()
    recalled = live_server.graphql(RECALL, {"ticket": screen.driver.execute_script(
        "return document.querySelector('[data-testid=recent-calls] tbody tr').dataset.ticketId")}, staff_user["token"])
    assert recalled["recallTicket"]["ticket"]["callCount"] == 2, recalled
    screen.wait_for("return document.querySelector('[data-testid=recent-calls] tbody tr .again')", 5)
    assert screen.driver.execute_script("return window.__lastCallAt") / 1000 - before < 1.0


async def test_the_dashboard_shows_the_bulletin_querys_numbers(db, runtime, live_server, browsers, bulletin_hall):  # noqa: F811
    graph, _office = bulletin_hall
    username = f"office{time.monotonic_ns() % 10**8}"
    office = await make_user(db, runtime, username=username, password="office-pass-123",
                             roles=(("hall_office_leader", f"hall:{graph.hall.id}"),))
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    roles_reach_the_server()
    hall_id = to_global_id("Hall", graph.hall.id)
    # Today, live: three tickets; A01 called one, A02 serves one, B01 is suspended.
    a01, a02, b01 = (to_global_id("Window", w.id) for w in graph.windows)
    for _ in range(3):
        live_server.graphql(TAKE, {"hall": hall_id, "item": graph.items[0].code})
    live_server.graphql(CALL, {"window": a01}, admin["token"])
    live_server.graphql(CALL, {"window": a02}, admin["token"])
    current = live_server.graphql(CURRENT_TICKET, {"window": a02})["node"]["currentTicket"]["id"]  # public, as screens see it
    assert live_server.graphql(START, {"ticket": current}, admin["token"])["startTicket"]["ticket"]["status"] == "SERVING"
    live_server.graphql(SUSPEND, {"window": b01}, admin["token"])
    expected = live_server.graphql(BULLETIN, {"h": hall_id, "from": "2026-11-01", "to": "2026-11-30"},
                                   office["token"])["serviceBulletin"]
    row = expected["rows"][0]

    board = browsers()
    fixed_clock(board, KIOSK_MORNING)  # the hall's day as the server's clock has it (TINGWU_CLOCK_START)
    board.open(f"{live_server.url}/hall/dashboard.html?hall={quote(hall_id)}")
    sign_in(board, username, "office-pass-123")
    board.wait_for("return !!document.querySelector('[data-testid=bulletin-summary]')", 20)
    board.driver.execute_script("document.getElementById('from').value = '2026-11-01'; document.getElementById('to').value = '2026-11-30';")
    board.click("form.period button[type=submit]")
    board.wait_for("return document.querySelector('[data-metric=cases]')?.dataset.value === arguments[0]", 20, str(row["cases"]))
    shown = board.driver.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('[data-testid=bulletin-summary] [data-metric]')]"
        ".map(e => [e.dataset.metric, e.dataset.value]))")
    for key in ("peopleServed", "cases", "completedCases", "overdueCases", "ratings", "complaints"):
        assert shown[key] == str(row[key]), key
    assert float(shown["satisfaction"]) == pytest.approx(row["satisfaction"]["value"])
    assert float(shown["ratingRate"]) == pytest.approx(row["ratingRate"]["value"])
    assert f"{expected['ratingRateTarget'] * 100:.1f}%" in board.text("[data-metric=ratingRate]")
    assert board.driver.execute_script("return document.querySelectorAll('.charts svg').length") == 5
    # Live figures of today: nobody waiting, every window serving.
    live = board.driver.execute_script("return Object.fromEntries([...document.querySelectorAll('.live-hall [data-metric]')]"
                                       ".map(e => [e.dataset.metric, e.dataset.value]))")
    assert live == {"waiting": "1", "beingServed": "1", "called": "1", "serving": "2", "brief": "0", "paused": "1",
                    "longest": "0"}, live
    board.screenshot("dashboard", full_page=True)

    # Drill-down to a window row: its staff and figures.
    board.click("[data-testid=bulletin-rows] tr[data-subject] button")
    drilled = board.wait_for("return document.querySelector('[data-testid=drill]')?.innerText")
    assert f"主办 {graph.staff[0].name}（{graph.staff[0].staff_number}）" in drilled
    board.screenshot("dashboard-drill")

    # The CSV export downloads with the signed-in caller's token.
    downloads = board.driver.execute_cdp_cmd("Browser.getVersion", {}) and None
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="tingwu-downloads-"))
    board.driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    board.click("[data-export=csv]")
    deadline = time.monotonic() + 10
    while not list(folder.glob("*.csv")) and time.monotonic() < deadline:
        time.sleep(0.1)
    files = list(folder.glob("*.csv"))
    assert files and files[0].name == "bulletin-2026-11-01-2026-11-30-window.csv" and downloads is None
    assert "窗口" in files[0].read_text(encoding="utf-8-sig")
    assert outside_hosts(board.requests(), live_server.url) == []


async def test_calling_screen_and_window_client_pass_axe(db, runtime, live_server, browsers):
    graph, username, _ = await desk(db, runtime)
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    roles_reach_the_server()
    hall_id = to_global_id("Hall", graph.hall.id)
    a01, a02 = (to_global_id("Window", w.id) for w in graph.windows)
    for item in (0, 1, 0, 0, 1, 1, 0):
        live_server.graphql(TAKE, {"hall": hall_id, "item": graph.items[item].code})
    browser = browsers()
    browser.open(f"{live_server.url}/hall/calling.html?hall={quote(hall_id)}")
    live_server.graphql(CALL, {"window": a01}, admin["token"])
    live_server.graphql(CALL, {"window": a02}, admin["token"])
    browser.wait_for("return document.querySelectorAll('[data-testid=recent-calls] tbody tr').length === 2")
    browser.wait_for("return [...document.querySelectorAll('[data-testid=waiting] td.count')].map(e => +e.innerText)"
                     ".reduce((a, b) => a + b, 0) === 5")
    browser.screenshot("calling-screen-busy")
    assert browser.axe() == []

    # The window client signs in to find A001, called at its window from another desk, as its current ticket.
    browser.open(f"{live_server.url}/hall/window.html")
    assert browser.axe() == []  # the sign-in form
    sign_in(browser, username, "window-pass-123")
    assert browser.wait_for("return document.querySelector('[data-testid=current-number]')?.innerText") == "A001"
    browser.keys("x")  # 过号
    browser.wait_for("return document.querySelector('.current .meta')?.innerText.startsWith('过号')")
    browser.keys("n")
    browser.wait_for("return document.querySelector('[data-testid=current-number]')?.innerText === 'A003'")
    assert browser.axe() == []
    browser.keys("s")  # 开始办理; then finishing with a case that does not exist: the server's message, in Chinese
    browser.wait_for("return !!document.getElementById('finish-mode')")
    browser.driver.execute_script("const m = document.getElementById('finish-mode'); m.value = 'link';"
                                  "m.dispatchEvent(new Event('change'))")
    browser.type("#case-serial", "PY-NO-SUCH-CASE")
    browser.click("form.finish button[type=submit]")
    error = browser.wait_for("return document.querySelector('#message .alert')?.innerText")
    assert "PY-NO-SUCH-CASE" in error and any("\u4e00" <= ch <= "\u9fff" for ch in error), error
    browser.screenshot("window-client-error")
    assert browser.wait_for("return document.querySelector('[data-testid=current-number]')?.innerText") == "A003"
    browser.keys("n")  # refused while A003 is served: the button is disabled, nothing is sent
    browser.keys("t")  # 转窗口: the form opens with the target window focused
    assert browser.wait_for("return document.activeElement?.id === 'transfer-to'")
    assert browser.axe() == []
    browser.screenshot("window-client-transfer")
    # Window status: 暂停服务 stops calling; 服务中 again.
    browser.click("[data-status=SUSPENDED]")
    browser.wait_for("return document.querySelector('[data-testid=window-status]')?.innerText === '暂停服务'")
    async with db.session() as session:
        assert (await session.get(Window, graph.windows[0].id)).status == "suspended"
    browser.click("[data-status=SERVING]")
    browser.wait_for("return document.querySelector('[data-testid=window-status]')?.innerText === '服务中'")
    # Every action is a focusable button reached with Tab.
    focusable = browser.driver.execute_script(
        "return [...document.querySelectorAll('[data-action]')].every(b => b.tabIndex === 0 && b.tagName === 'BUTTON')")
    assert focusable


async def test_english_switch(db, runtime, live_server, browsers):
    graph, _, _ = await desk(db, runtime)
    kiosk = browsers().open(f"{live_server.url}/hall/kiosk.html?hall={quote(to_global_id('Hall', graph.hall.id))}")
    assert "请选择要办理的事项" in kiosk.text("main")
    kiosk.click(".lang-switch")
    kiosk.wait_for("return document.documentElement.lang === 'en' && document.body.dataset.ready === 'true'")
    assert "Choose your service" in kiosk.text("main")
    kiosk.click(".lang-switch")  # back to Chinese for the pages after this one
    kiosk.wait_for("return document.documentElement.lang === 'zh-CN' && document.body.dataset.ready === 'true'")
