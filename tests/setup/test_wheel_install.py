"""Item 4: the built wheel, installed in a fresh virtualenv outside the repository, migrates a SQLite file with the
migrations it ships, loads demo data, runs the jobs and answers a GraphQL query over HTTP.

Offline and quick: the wheel is built without build isolation; the fresh venv gets the wheel itself with
``--no-deps --no-index``, and its dependencies (the pinned set) through a ``.pth`` line naming the project
venv's site-packages (a path line only: that directory's own ``.pth`` files, among them the editable install of
this checkout, are not processed, so ``core`` can only come from the wheel — the test checks it does).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import httpx
import pytest

from core.db import migrations

REPO = Path(__file__).resolve().parents[2]


def run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, timeout=300, **kwargs)
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("wheel")
    # Built from a clean copy of the source: an in-tree build/ left by an earlier build could ship stale modules.
    source = work / "src"
    anywhere = shutil.ignore_patterns(".git", ".venv", "node_modules", "*.egg-info", "__pycache__", "tingwu.db*",
                                      ".pytest_cache", "test-artifacts")

    def ignore(folder, names):  # build/ and dist/ at the top only: web/dist is the built hall pages, shipped
        top = {"build", "dist"} & set(names) if Path(folder) == REPO else set()
        return set(anywhere(folder, names)) | top

    shutil.copytree(REPO, source, ignore=ignore)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(work / "dist"), str(source)])
    wheel = next((work / "dist").glob("tingwu-*.whl"))
    venv = work / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)])
    site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip())
    (site / "zz_tingwu_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv, work


def env_for(work: Path, **extra) -> dict:
    base = {k: v for k, v in os.environ.items() if not k.startswith("TINGWU_") and k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return {**base, "TINGWU_DATABASE_URL": f"sqlite:///{work / 'county.db'}", "TINGWU_SECRET_KEY": "wheel-test-secret-key-long-enough-hs256",
            "TINGWU_JURISDICTIONS": "jiedong", "LANG": "en_US.UTF-8", **extra}


def test_the_installed_wheel_migrates_serves_and_runs_jobs_outside_the_checkout(installed):
    venv, work = installed
    tingwu = str(venv / "bin" / "tingwu")
    env = env_for(work)
    where = run([str(venv / "bin" / "python"), "-c", "import core, tingwu_migrations, alembic; "
                 "print(core.__file__); print(list(tingwu_migrations.__path__)[0]); print(alembic.__file__)"],
                cwd=work, env=env).split()
    assert all(str(venv) in path for path in where[:2]), where  # the package and its migrations come from the wheel
    assert "site-packages/alembic" in where[2]  # the alembic library is not shadowed
    assert "upgraded" in run([tingwu, "db", "upgrade"], cwd=work, env=env)
    (head,) = migrations.head_revisions()  # the checkout's head: the wheel carries every migration
    assert run([tingwu, "db", "current"], cwd=work, env=env).count(head) == 2
    run([tingwu, "demo", "load"], cwd=work, env=env)
    assert ": " in run([tingwu, "jobs", "run"], cwd=work, env=env)  # one line per job, exit 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([tingwu, "serve", "--port", str(port)], cwd=work, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = httpx.post(f"http://127.0.0.1:{port}/graphql", json={"query": "{ halls { edges { node { name } } } }"}, timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the installed tingwu did not start serving"
                time.sleep(0.3)
        assert answer.status_code == 200, answer.text
        names = [edge["node"]["name"] for edge in answer.json()["data"]["halls"]["edges"]]
        assert any("揭东" in name for name in names), names
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 200  # the home page comes along
    finally:
        server.terminate()
        server.wait(timeout=20)
