"""The deployment recipes in deploy/: their commands exist in this CLI, the compose file is well formed, the
systemd units pass `systemd-analyze verify` (where it is installed), the image runs the wheel as non-root."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from core.cli import app as cli

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
runner = CliRunner()


def tingwu_commands(text: str) -> list[list[str]]:
    """Every `tingwu …` invocation in a shell text, as argv after `tingwu` (up to ; | & or the line's end)."""
    found = []
    for line in text.splitlines():
        for match in re.finditer(r"(?:^|[\s/'\"])tingwu\s+([^;|&'\"\n]+)", line):
            args = [a for a in shlex.split(match.group(1)) if not a.startswith("$")]
            found.append([a for a in args if not a.startswith("/var/backups")])
    return found


def assert_known(args: list[str]) -> None:
    """The CLI accepts the command and its options (parsed with --help, which runs nothing)."""
    result = runner.invoke(cli, [*args, "--help"])
    assert result.exit_code == 0, f"tingwu {' '.join(args)}: {result.output}"


def test_compose_services_run_real_tingwu_commands():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "migrate", "tingwu", "scheduler"} <= set(services)
    commands = []
    for name in ("migrate", "tingwu", "scheduler"):
        command = services[name]["command"]
        text = command[-1] if command[0] == "sh" else " ".join(command)
        commands += tingwu_commands(text)
    assert ["db", "upgrade"] in commands and ["jobs", "run"] in commands and ["jobs", "deliver-outbox"] in commands
    assert any(c[:1] == ["serve"] and "--workers" in c for c in commands)
    for args in commands:
        assert_known(args)
    assert "sleep 900" in services["scheduler"]["command"][-1]  # every 15 minutes
    assert services["tingwu"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_the_image_installs_the_wheel_and_runs_as_non_root():
    text = (DEPLOY / "Containerfile").read_text()
    assert re.search(r"^USER tingwu$", text, re.M) and "useradd --system --uid 10001" in text
    assert "pip wheel" in text and "--no-index --find-links /wheels tingwu" in text and "requirements.lock" in text
    cmd = re.search(r'^CMD (\[.*\])$', text, re.M).group(1)
    assert_known(yaml.safe_load(cmd)[1:])


def test_systemd_units_verify_and_name_real_commands(tmp_path):
    units = sorted((DEPLOY / "systemd").glob("tingwu*"))
    assert {u.name for u in units} >= {"tingwu.service", "tingwu-jobs.service", "tingwu-jobs.timer",
                                        "tingwu-outbox.service", "tingwu-outbox.timer", "tingwu-backup.service", "tingwu-backup.timer"}
    for unit in units:
        for line in unit.read_text().splitlines():
            if line.startswith(("ExecStart", "ExecStartPre")):
                for args in tingwu_commands(line.split("=", 1)[1].replace("$$", "$")):
                    assert_known(args)
    assert "OnCalendar=*:0/15" in (DEPLOY / "systemd" / "tingwu-jobs.timer").read_text()
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed here")
    # Verify copies whose binary is this venv's tingwu (the units name /opt/tingwu/venv, absent here).
    venv_bin = str(Path(sys.executable).parent)
    for unit in units:
        (tmp_path / unit.name).write_text(unit.read_text().replace("/opt/tingwu/venv/bin", venv_bin)
                                          .replace("EnvironmentFile=/etc/tingwu/tingwu.env", "EnvironmentFile=-/etc/tingwu/tingwu.env"))
    result = subprocess.run([analyze, "verify", *sorted(str(p) for p in tmp_path.iterdir())], capture_output=True, text=True,
                            env={"SYSTEMD_LOG_LEVEL": "warning", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
