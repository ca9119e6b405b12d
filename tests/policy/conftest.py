"""Fixtures for the pure policy tests: the real plugin manager, a calendar, a facade per jurisdiction."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from core.plugins.manager import PluginHost, build_plugin_manager
from core.policy.calendar import WorkingCalendar
from core.policy.service import JurisdictionPolicy

JURISDICTIONS = ("panyu", "dongguan", "jiedong", "nanbu", "dongying")
GUANGDONG = ("panyu", "dongguan", "jiedong")
SHANDONG = ("nanbu", "dongying")


@pytest.fixture(scope="session")
def host() -> PluginHost:
    return build_plugin_manager()


@pytest.fixture
def calendar() -> WorkingCalendar:
    return WorkingCalendar()


@pytest.fixture
def policy_for(host: PluginHost, calendar: WorkingCalendar) -> Callable[..., JurisdictionPolicy]:
    """``policy_for("jiedong")`` or ``policy_for("jiedong", calendar=…)``."""

    def make(code: str, calendar: WorkingCalendar = calendar) -> JurisdictionPolicy:
        return JurisdictionPolicy(host.hook, code, calendar)

    return make
