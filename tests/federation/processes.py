"""Start Tingwu, the hotline subgraph and the gateway as real processes on loopback, and stop them for sure."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FEDERATION_DIR = PROJECT_ROOT / "federation"
READY_TIMEOUT_SECONDS = 40
STOP_TIMEOUT_SECONDS = 10


def free_loopback_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require_node_project() -> str:
    node = shutil.which("node")
    if node is None or not (FEDERATION_DIR / "node_modules" / "@graphql-hive" / "gateway-runtime").is_dir():
        pytest.fail("the federation test needs Node and `npm ci --prefix federation` (make test runs it)", pytrace=False)
    return node


class Service:
    """One child process, its log file and its GraphQL URL."""

    def __init__(self, name: str, args: list[str], *, env: dict, cwd: Path, url: str, log_dir: Path):
        self.name = name
        self.url = url
        self.log_path = log_dir / f"{name}.log"
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(args, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)

    def log_tail(self) -> str:
        self.log.flush()
        return self.log_path.read_text("utf-8", errors="replace")[-3000:]

    def wait_ready(self, headers: dict | None = None) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                response = httpx.post(self.url, json={"query": "{ __typename }"}, headers=headers or {}, timeout=2)
                if response.status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready at {self.url} after {READY_TIMEOUT_SECONDS}s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=STOP_TIMEOUT_SECONDS)
        self.log.close()
        from tests.privacy.log_scan import scan_server_output

        scan_server_output(f"{self.name} process", self.log_path.read_text("utf-8", errors="replace"))


def base_env(**values: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TINGWU_", "HOTLINE_", "GATEWAY_"))}
    env.update(values)
    return env


def start_tingwu(*, database_url: str, jurisdictions: str, secret_key: str, gateway_key: str, log_dir: Path) -> Service:
    port = free_loopback_port()
    env = base_env(TINGWU_DATABASE_URL=database_url, TINGWU_JURISDICTIONS=jurisdictions, TINGWU_ENV="production",
                   TINGWU_SECRET_KEY=secret_key, TINGWU_GATEWAY_KEY=gateway_key, TINGWU_HOST="127.0.0.1",
                   TINGWU_PORT=str(port),
                   # Tickets are issued in service hours only (S1): the rig's clock starts on a Friday morning.
                   TINGWU_CLOCK_START="2026-11-20T10:00:00+08:00", TINGWU_ALLOW_SHIFTED_CLOCK="yes",
                   # personal data is sealed under the suite's key file (tests/conftest.py); production needs one
                   TINGWU_KEY_FILE=os.environ["TINGWU_KEY_FILE"])
    return Service("tingwu", [sys.executable, "-m", "core.cli", "serve"], env=env, cwd=PROJECT_ROOT,
                   url=f"http://127.0.0.1:{port}/graphql", log_dir=log_dir)


def start_hotline(*, node: str, seed_file: Path, log_dir: Path, port: int | None = None,
                  next_schema: bool = False) -> Service:
    port = port or free_loopback_port()
    env = base_env(HOTLINE_PORT=str(port), HOTLINE_SEED_FILE=str(seed_file),
                   **({"HOTLINE_NEXT_SCHEMA": "1"} if next_schema else {}))
    return Service("hotline-next" if next_schema else "hotline", [node, "hotline/server.js"], env=env, cwd=FEDERATION_DIR,
                   url=f"http://127.0.0.1:{port}/", log_dir=log_dir)


def start_gateway(*, node: str, tingwu: Service, hotline: Service, gateway_key: str, log_dir: Path) -> Service:
    port = free_loopback_port()
    env = base_env(TINGWU_URL=tingwu.url, HOTLINE_URL=hotline.url, GATEWAY_PORT=str(port), TINGWU_GATEWAY_KEY=gateway_key,
                   GATEWAY_POLL_SECONDS="1")
    return Service("gateway", [node, "gateway.js"], env=env, cwd=FEDERATION_DIR,
                   url=f"http://127.0.0.1:{port}/graphql", log_dir=log_dir)
