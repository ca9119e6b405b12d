"""`tingwu users …` and `tingwu token list`: grants are validated, passwords never come from argv, disabling
revokes every token of the user."""

from __future__ import annotations

import uuid

import pytest

from tests.setup.helpers import tingwu

pytestmark = pytest.mark.db


def test_users_grants_tokens_and_disabling(backend, fresh_database_url):
    url = fresh_database_url(backend)
    assert tingwu(["db", "upgrade"], url).exit_code == 0
    added = tingwu(["users", "add", "ops", "--password-stdin"], url, input="long-enough-secret\n")
    assert added.exit_code == 0, added.output
    assert tingwu(["users", "add", "weak", "--password-stdin"], url, input="short\n").exit_code == 1
    argv_password = tingwu(["users", "add", "eve", "--password", "hunter22"], url)
    assert argv_password.exit_code != 0  # --password asks (hidden, twice); it takes no value from argv

    for spec, reason in [("hall_adminn@platform", "没有角色"), (f"hall_admin@hall:{uuid.uuid4()}", "不存在"),
                         (f"chief_representative@dept:{uuid.uuid4()}", "不存在"), ("county_reporter@jurisdiction:nowhere", "不存在"),
                         ("provincial_integrator@province:99", "不存在"), ("hall_admin@platform", "只能在")]:
        refused = tingwu(["users", "grant", "ops", spec], url)
        assert refused.exit_code == 1 and refused.output.count("\n") == 1 and reason in refused.output, (spec, refused.output)
    assert tingwu(["users", "grant", "ops", "county_reporter@jurisdiction:jiedong"], url).output.strip() == "已授予"
    assert tingwu(["users", "grant", "ops", "provincial_integrator@province:44"], url).exit_code == 0
    shown = tingwu(["users", "show", "ops"], url).output
    assert "county_reporter@jurisdiction:jiedong" in shown and "provincial_integrator@province:44" in shown
    assert tingwu(["users", "revoke", "ops", "provincial_integrator@province:44"], url).output.strip() == "已撤销"

    for _ in range(2):
        assert tingwu(["token", "issue", "--user", "ops"], url).exit_code == 0
    assert len(tingwu(["token", "list", "--user", "ops"], url).output.splitlines()) == 2
    disabled = tingwu(["users", "disable", "ops"], url)
    assert disabled.exit_code == 0 and "吊销令牌 2 个" in disabled.output
    assert tingwu(["token", "list", "--user", "ops"], url).output == ""
    assert tingwu(["token", "list", "--user", "ops", "--all"], url).output.count("已吊销") == 2
    assert tingwu(["token", "issue", "--user", "ops"], url).exit_code == 1  # a disabled user gets no token
    assert "停用" in tingwu(["users", "list"], url).output
    assert tingwu(["--lang", "en", "users", "enable", "ops"], url).output.strip() == "ops enabled"
