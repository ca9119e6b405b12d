"""TINGWU_CLOCK_START: a server's clock that starts at a given moment (tests, demonstrations), never in production."""

import os
import subprocess
import sys

import pytest

from core.config import ConfigError, load_settings


def test_a_shifted_clock_starts_at_the_given_moment_and_runs_on():
    env = {**os.environ, "TINGWU_CLOCK_START": "2026-11-20T10:00:00+08:00"}
    script = ("from core import clock; import time; a = clock.now(); time.sleep(0.2); b = clock.now(); "
              "print(clock.today(), a.isoformat(), (b - a).total_seconds())")
    day, start, elapsed = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                                         check=True).stdout.split()
    assert day == "2026-11-20" and start.startswith("2026-11-20T02:00") and float(elapsed) >= 0.2


def test_production_refuses_a_shifted_clock():
    with pytest.raises(ConfigError, match="TINGWU_CLOCK_START"):
        load_settings({"TINGWU_ENV": "production", "TINGWU_SECRET_KEY": "x" * 40,
                       "TINGWU_CLOCK_START": "2026-11-20T10:00:00+08:00"}, config_file="/nonexistent.toml")
