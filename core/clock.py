"""The platform's clock: one place to ask "what time is it", so rules that depend on now are testable.

Call it as ``clock.now()`` (through the module) so that a test can pin it with
``monkeypatch.setattr(clock, "now", lambda: moment)``.

``TINGWU_CLOCK_START`` (an ISO moment with its offset, e.g. ``2026-11-20T10:00:00+08:00``) starts a
server's clock at that moment, running on from there: end-to-end tests and demonstrations of a hall in
service hours on any day. Production refuses it (``core.config``).
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone

from core.timezones import SHANGHAI

CLOCK_START_VARIABLE = "TINGWU_CLOCK_START"


def _offset_from_environment() -> timedelta:
    value = os.environ.get(CLOCK_START_VARIABLE)
    if not value:
        return timedelta(0)
    start = datetime.fromisoformat(value)
    if start.tzinfo is None:
        raise ValueError(f"{CLOCK_START_VARIABLE} needs an offset, e.g. 2026-11-20T10:00:00+08:00")
    return start - datetime.now(timezone.utc)


_OFFSET = _offset_from_environment()


def now() -> datetime:
    """The current moment, timezone-aware UTC."""
    return datetime.now(timezone.utc) + _OFFSET


def today() -> date:
    """Today in China Standard Time (the halls' wall clock)."""
    return now().astimezone(SHANGHAI).date()
