"""The nightly job closes each hall's day; the CLI runs it."""

from __future__ import annotations

from datetime import date

import pytest

from core.attendance.jobs import close_days
from tests.factories import make_hall
from tests.staffing import pin_clock
from tests.test_auth import audit_rows

pytestmark = pytest.mark.db


async def test_the_job_closes_every_hall_and_skips_with_a_reason(db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 23, 20, 0)
    jiedong = await make_hall(db, jurisdiction="jiedong", windows=1, staff_per_window=2)
    nanbu = await make_hall(db, jurisdiction="nanbu", place="南部山区", windows=2, staff_per_window=1)
    results = {r.hall_id: r for r in await close_days(runtime, day=date(2026, 11, 23))}
    assert results[jiedong.hall.id].recorded == 2 * 4  # two members, four face check-ins each
    assert results[nanbu.hall.id].recorded == 2 * 2
    again = {r.hall_id: r.skipped for r in await close_days(runtime, day=date(2026, 11, 23))}
    assert again == {jiedong.hall.id: "ATTENDANCE_DAY_CLOSED", nanbu.hall.id: "ATTENDANCE_DAY_CLOSED"}
    weekend = await close_days(runtime, day=date(2026, 11, 22), hall_ids=[nanbu.hall.id])
    assert [r.skipped for r in weekend] == ["ATTENDANCE_NOT_A_WORKING_DAY"]
    rows = await audit_rows(db, action="closeAttendanceDay")
    assert sorted(r.domain for r in rows) == sorted([f"hall:{jiedong.hall.id}", f"hall:{nanbu.hall.id}"])
    assert all(r.user_id is None and r.detail.startswith("job") for r in rows)


def test_the_cli_runs_the_job(backend, fresh_database_url):
    from tests.test_cli import tingwu

    url = fresh_database_url(backend)
    assert tingwu(["db", "upgrade"], url).exit_code == 0
    assert tingwu(["demo", "load"], url).exit_code == 0
    result = tingwu(["attendance", "close-day", "--day", "2026-11-22"], url)  # a Sunday
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines and all(line.endswith("skipped (ATTENDANCE_NOT_A_WORKING_DAY)") for line in lines)
    assert tingwu(["attendance", "close-day", "--day", "yesterday"], url).exit_code == 1


async def test_scheduled_jobs_close_a_finished_working_day_once(db, runtime, monkeypatch):
    """`tingwu jobs run` closes the day with the other scheduled jobs; a second run changes nothing."""
    from datetime import datetime

    from core.jobs import run_jobs
    from core.timezones import SHANGHAI

    pin_clock(monkeypatch, 2026, 11, 23, 20, 0)
    await make_hall(db, jurisdiction="dongguan", place="厚街", level="town", windows=1, staff_per_window=1)
    evening = datetime(2026, 11, 23, 20, 0, tzinfo=SHANGHAI)  # a Monday, after closing time
    first = await run_jobs(runtime, now=evening, only="attendance.close_day")
    second = await run_jobs(runtime, now=evening, only="attendance.close_day")
    assert first["attendance.close_day"].total >= 1  # the staff member's missing check-ins are recorded
    assert second["attendance.close_day"].total == 0
