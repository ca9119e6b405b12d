"""The platform's clock: one place to ask "what time is it", so rules that depend on now are testable.

Call it as ``clock.now()`` (through the module) so that a test can pin it with
``monkeypatch.setattr(clock, "now", lambda: moment)``.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from core.timezones import SHANGHAI


def now() -> datetime:
    """The current moment, timezone-aware UTC."""
    return datetime.now(timezone.utc)


def today() -> date:
    """Today in China Standard Time (the halls' wall clock)."""
    return now().astimezone(SHANGHAI).date()
