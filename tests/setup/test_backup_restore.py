"""`tingwu db backup` makes a consistent copy and `tingwu db restore` puts it back, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from tests.setup.helpers import tingwu

pytestmark = pytest.mark.db


def usernames(url) -> set[str]:
    listed = tingwu(["users", "list"], url)
    assert listed.exit_code == 0, listed.output
    return {line.split()[0] for line in listed.output.splitlines() if line.strip()}


def test_backup_then_restore_brings_back_exactly_what_was_saved(backend, fresh_database_url, tmp_path):
    url = fresh_database_url(backend)
    assert tingwu(["db", "upgrade"], url).exit_code == 0
    assert tingwu(["users", "add", "alice", "--role", "platform_admin@platform"], url).exit_code == 0
    saved = tmp_path / ("tingwu.sqlite" if backend == "sqlite" else "tingwu.dump")
    made = tingwu(["--lang", "en", "db", "backup", str(saved)], url)
    assert made.exit_code == 0, made.output
    assert made.output.startswith("backed up to") and saved.stat().st_size > 0
    again = tingwu(["db", "backup", str(saved)], url)
    assert again.exit_code == 1 and "已存在" in again.output  # a backup is never overwritten

    assert tingwu(["users", "add", "bob"], url).exit_code == 0
    assert tingwu(["users", "disable", "alice"], url).exit_code == 0
    assert usernames(url) == {"alice", "bob"}
    refused = tingwu(["db", "restore", str(saved)], url, input="n\n")
    assert refused.exit_code == 1 and usernames(url) == {"alice", "bob"}
    restored = tingwu(["db", "restore", str(saved), "--yes"], url)
    assert restored.exit_code == 0, restored.output
    assert usernames(url) == {"alice"}
    assert "启用" in tingwu(["users", "list"], url).output  # alice as saved: not disabled
    assert tingwu(["db", "upgrade"], url).exit_code == 0

    bogus = tmp_path / "bogus.bin"
    bogus.write_bytes(b"not a backup")
    wrong = tingwu(["db", "restore", str(bogus), "--yes"], url)
    assert wrong.exit_code == 1 and wrong.output.count("\n") == 1 and usernames(url) == {"alice"}
