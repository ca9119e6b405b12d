"""Browser tests of the hall faces: a real Tingwu server process (uvicorn, a free port) on the test database
of each backend, and Debian's headless Chromium driven by selenium (installed by `make install-browser`).

Chromium resolves no host name but 127.0.0.1 and sends anything else to a dead proxy, so a page that
needed an external host would break; every request a page makes is read back from the browser's log.
Screenshots go to ``test-artifacts/screenshots`` (or ``TINGWU_SCREENSHOT_DIR``).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("TINGWU_SCREENSHOT_DIR", ROOT / "test-artifacts" / "screenshots"))
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """`uvicorn core.asgi:app` on 127.0.0.1 and a free port; stop() and start() again keep the port."""

    def __init__(self, database_url: str, secret_key: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "TINGWU_DATABASE_URL": database_url, "TINGWU_SECRET_KEY": secret_key,
                    "TINGWU_ENV": "development",
                    # Tickets are issued in service hours only (S1): the server's clock starts on a Friday
                    # morning, as the kiosk's browser clock does (tests/web/test_hall_pages.py).
                    "TINGWU_CLOCK_START": "2026-11-20T10:00:00+08:00"}
        self.env.pop("TINGWU_REDIS_URL", None)
        self.process = None

    def start(self, timeout: float = 60) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "core.asgi:app", "--host", "127.0.0.1", "--port", str(self.port),
             "--log-level", "warning"],
            env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise AssertionError("the server did not come up")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if self.process is not None and self.process.stderr is not None:
            from tests.privacy.log_scan import scan_server_output

            scan_server_output("hall pages server", self.process.stderr.read().decode("utf-8", errors="replace"))
        self.process = None

    def graphql(self, query: str, variables: dict | None = None, token: str | None = None) -> dict:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body = httpx.post(f"{self.url}/graphql", json={"query": query, "variables": variables or {}}, headers=headers,
                          timeout=30).json()
        assert not body.get("errors"), body["errors"]
        return body["data"]


@pytest.fixture(scope="module")
def live_server(runtime, database_url):
    server = LiveServer(database_url, runtime.settings.secret_key)
    server.start()
    yield server
    server.stop()


def _chromium() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.fail("Chromium and chromedriver are needed for the browser tests: run `make install-browser` "
                    "(apt-get install chromium chromium-driver)", pytrace=False)
    return browser, driver


class Browser:
    """One headless Chromium window (1920×1080) that reaches only 127.0.0.1."""

    def __init__(self):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        browser, driver = _chromium()
        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         "--window-size=1920,1080", "--hide-scrollbars", "--lang=zh-CN",
                         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                         "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1",
                         "--disable-background-networking", "--disable-component-update", "--no-first-run",
                         "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                         "--autoplay-policy=no-user-gesture-required"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        self.driver = webdriver.Chrome(options=options, service=Service(driver))
        self.driver.set_page_load_timeout(60)
        # A 1080p screen exactly (the window's own frame would take some of it).
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": 1920, "height": 1080, "deviceScaleFactor": 1, "mobile": False})
        self.requested: list[str] = []

    def open(self, url: str, *, ready: bool = True, timeout: float = 20):
        self.driver.get(url)
        if ready:
            self.wait_for("return document.body && document.body.dataset.ready === 'true'", timeout)
        return self

    def wait_for(self, script: str, timeout: float = 10, *args):
        """Poll a script until it returns something truthy; that value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.driver.execute_script(script, *args)
            if value:
                return value
            if time.monotonic() > deadline:
                self.screenshot("timeout")
                raise AssertionError(f"timed out waiting for: {script}\nconsole: {self.console()}")
            time.sleep(0.05)

    def text(self, selector: str) -> str:
        return self.driver.execute_script("const e = document.querySelector(arguments[0]); return e ? e.innerText : null", selector)

    def click(self, selector: str):
        """Click what the selector finds (again if a live page re-rendered it meanwhile)."""
        from selenium.common.exceptions import StaleElementReferenceException
        from selenium.webdriver.common.by import By

        for attempt in range(5):
            try:
                self.driver.find_element(By.CSS_SELECTOR, selector).click()
                return
            except StaleElementReferenceException:
                if attempt == 4:
                    raise
                time.sleep(0.1)

    def type(self, selector: str, text: str):
        from selenium.webdriver.common.by import By

        element = self.driver.find_element(By.CSS_SELECTOR, selector)
        element.clear()
        element.send_keys(text)

    def keys(self, *keys):
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self.driver).send_keys(*keys).perform()

    def screenshot(self, name: str, *, full_page: bool = False) -> Path:
        """The page as a PNG test artefact; ``full_page``: all of it, not only the 1080p viewport."""
        import base64

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": full_page})
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    def requests(self) -> list[str]:
        """Every URL the browser asked for since the last call (page loads, scripts, fetches, websockets)."""
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated"):
                url = message["params"].get("request", {}).get("url") or message["params"].get("url")
                if url:
                    self.requested.append(url)
        found, self.requested = self.requested, []
        return found

    def console(self) -> list[str]:
        try:
            return [entry["message"] for entry in self.driver.get_log("browser")]
        except Exception:  # noqa: BLE001 - the log is a diagnostic only
            return []

    def axe(self) -> list[dict]:
        """axe-core's violations (WCAG 2 A and AA) on the page as it is."""
        self.driver.execute_script(AXE.read_text())
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
            ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))), e => done([{id: 'axe-error', help: String(e)}]));")
        return result

    def quit(self):
        self.driver.quit()


def outside_hosts(urls: list[str], server_url: str) -> list[str]:
    own = urlparse(server_url).netloc
    return [u for u in urls if urlparse(u).scheme not in ("data", "blob", "about", "chrome") and urlparse(u).netloc != own]


@pytest.fixture
def browsers():
    """Browsers opened on demand (``browsers()``), all closed when the test ends (each holds live pages)."""
    opened: list[Browser] = []

    def make() -> Browser:
        browser = Browser()
        opened.append(browser)
        return browser

    yield make
    for browser in opened:
        browser.quit()
