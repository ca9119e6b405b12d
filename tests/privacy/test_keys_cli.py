"""`tingwu keys …` and `tingwu privacy retention` from the command line."""

from __future__ import annotations

import json
import os
import stat

import pytest

from core.pii.keys import keyring
from tests.test_cli import tingwu

pytestmark = pytest.mark.db


@pytest.fixture
def cli_database(backend, fresh_database_url):
    return fresh_database_url(backend)


def test_keys_init_status_rotate_and_retention(cli_database, tmp_path):
    assert tingwu(["db", "upgrade"], cli_database).exit_code == 0
    created = tingwu(["keys", "init", "--key-file", str(tmp_path / "k.json"), "--algorithm", "aes-256-gcm"], cli_database)
    assert created.exit_code == 0 and "aes-256-gcm" in created.output
    assert stat.S_IMODE(os.stat(tmp_path / "k.json").st_mode) == 0o600
    assert json.loads((tmp_path / "k.json").read_text())["keys"][0]["algorithm"] == "aes-256-gcm"
    again = tingwu(["keys", "init", "--key-file", str(tmp_path / "k.json")], cli_database)
    assert again.exit_code == 1 and "exists already" in again.output
    status = tingwu(["keys", "status"], cli_database)
    assert status.exit_code == 0 and "case: 0 value(s) to re-seal" in status.output
    before = keyring(refresh=True).active.id
    rotated = tingwu(["keys", "rotate"], cli_database)
    assert rotated.exit_code == 0, rotated.output
    after = keyring(refresh=True).active.id
    assert after != before and f"new active key {after}" in rotated.output and before in keyring().keys
    resumed = tingwu(["keys", "rotate", "--resume"], cli_database)
    assert resumed.exit_code == 0 and "0 row(s) re-sealed" in resumed.output and keyring().active.id == after
    report = tingwu(["privacy", "retention", "--dry-run"], cli_database)
    assert report.exit_code == 0 and "would change 0 row(s)" in report.output


def test_production_refuses_to_start_without_a_key_file(cli_database, tmp_path):
    result = tingwu(["jobs", "run"], cli_database, TINGWU_ENV="production", TINGWU_KEY_FILE=str(tmp_path / "missing.json"),
                    TINGWU_SECRET_KEY="x" * 40)
    assert result.exit_code == 1 and "personal-data keys" in result.output and "missing.json" in result.output
    assert not (tmp_path / "missing.json").exists()
