"""The default-rating and reminder jobs: the plugin's delay, idempotent, safe to run at the same time."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from core.config import Settings
from core.db import migrations
from core.jobs import registered_jobs, run_jobs
from core.ratings.models import Rating, RatingReminder
from core.runtime import Runtime
from core.timezones import SHANGHAI
from tests.factories import add_case, make_hall
from tests.test_auth import audit_rows
from tests.conftest import run_sync
from tests.test_cli import tingwu

pytestmark = pytest.mark.db


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI).astimezone(timezone.utc)


async def all_rows(db, model):
    async with db.session() as session:
        return (await session.execute(sa.select(model))).scalars().all()


@pytest.fixture
async def served(db):
    """Worked example 11: panyu case served 2026-11-10; nanbu the same day; an unfinished panyu case."""
    panyu = await make_hall(db, jurisdiction="panyu", place="番禺区")
    nanbu = await make_hall(db, jurisdiction="nanbu", place="南部山区")
    accepted = local("2026-11-10T09:30")
    return {
        "panyu": await add_case(db, panyu, accepted_at=accepted, completed_at=local("2026-11-10T10:05")),
        "panyu_late_evening": await add_case(db, panyu, accepted_at=accepted, completed_at=local("2026-11-10T23:30"),
                                             staff=panyu.staff[1]),
        "panyu_rated": await add_case(db, panyu, accepted_at=accepted),
        "panyu_open": await add_case(db, panyu, accepted_at=accepted, status="accepted"),
        "nanbu": await add_case(db, nanbu, accepted_at=accepted),
    }


async def test_default_rating_after_the_plugins_delay(runtime, db, served):
    async with db.transaction() as session:
        session.add(Rating(case_id=served["panyu_rated"].id, staff_id=served["panyu_rated"].staff_id,
                           hall_id=served["panyu_rated"].hall_id, level="satisfied", score=8, channel="device"))
    on_the_last_day = await run_jobs(runtime, now=local("2026-11-17T23:00"), only="ratings.default")
    assert on_the_last_day["ratings.default"].total == 0
    next_day = await run_jobs(runtime, now=local("2026-11-18T00:05"), only="ratings.default")
    assert next_day["ratings.default"].changed == {"dongguan": 0, "dongying": 0, "jiedong": 0, "nanbu": 0, "panyu": 2}
    defaults = [r for r in await all_rows(db, Rating) if r.defaulted]
    assert {r.case_id for r in defaults} == {served["panyu"].id, served["panyu_late_evening"].id}
    for rating in defaults:
        assert (rating.level, rating.score, rating.channel, rating.counts_in_assessment) == (
            "basically_satisfied", 6.0, "default", True)
        assert rating.rule_ids == ["guangdong.rating.default", "national.rating.levels", "guangdong.rating.scale"]
    assert {r.staff_id for r in defaults} == {served["panyu"].staff_id, served["panyu_late_evening"].staff_id}
    entries = await audit_rows(db, action="job:ratings.default")
    assert [e.after["changed"]["panyu"] for e in entries] == [0, 2]


async def test_running_twice_or_concurrently_applies_each_default_once(runtime, db, served):
    now = local("2026-11-20T02:00")
    results = await asyncio.gather(*(run_jobs(runtime, now=now, only="ratings.default") for _ in range(3)))
    # Three completed panyu cases are unrated here; the open one and the nanbu one get no default.
    assert sum(r["ratings.default"].total for r in results) == 3
    again = await run_jobs(runtime, now=now + timedelta(days=1), only="ratings.default")
    assert again["ratings.default"].total == 0
    defaults = [r for r in await all_rows(db, Rating) if r.defaulted]
    assert len(defaults) == len({r.case_id for r in defaults}) == 3


async def test_reminders_for_unrated_online_cases_after_24_hours(runtime, db):
    panyu = await make_hall(db, jurisdiction="panyu", place="番禺区")
    dongying = await make_hall(db, jurisdiction="dongying", place="东营区")
    completed = local("2026-11-16T15:00")
    online = await add_case(db, panyu, online=True, accepted_at=completed - timedelta(hours=3), completed_at=completed)
    await add_case(db, panyu, accepted_at=completed - timedelta(hours=3), completed_at=completed)  # at a window
    await add_case(db, dongying, online=True, accepted_at=completed - timedelta(hours=3), completed_at=completed)
    early = await run_jobs(runtime, now=completed + timedelta(hours=23), only="ratings.reminders")
    assert early["ratings.reminders"].total == 0
    due = await run_jobs(runtime, now=completed + timedelta(hours=25), only="ratings.reminders")
    assert due["ratings.reminders"].changed["panyu"] == 1 and due["ratings.reminders"].total == 1
    again = await run_jobs(runtime, now=completed + timedelta(hours=26), only="ratings.reminders")
    assert again["ratings.reminders"].total == 0
    [reminder] = await all_rows(db, RatingReminder)
    assert (reminder.case_id, reminder.channel) == (online.id, "sms")
    assert reminder.due_at == completed + timedelta(hours=24)
    assert reminder.rule_ids == ["guangdong.rating.sms_reminder"]


def test_jobs_are_registered_in_order():
    assert [job.name for job in registered_jobs()] == ["ratings.reminders", "ratings.default", "cases.credit_records",
                                                         "appointments.release_missed", "attendance.close_day",
                                                         "outbox.baseline", "notifications.deliver", "privacy.retention"]


def test_tingwu_jobs_run_from_the_command_line(backend, fresh_database_url):
    url = fresh_database_url(backend)
    migrations.upgrade(url)

    async def seed():
        runtime = Runtime.create(Settings(database_url=url, secret_key="cli-test-secret-key-long-enough-for-hs256"))
        try:
            graph = await make_hall(runtime.db, jurisdiction="jiedong")
            await add_case(runtime.db, graph, accepted_at=local("2026-11-02T10:00"))
        finally:
            await runtime.close()

    run_sync(seed())
    listed = tingwu(["jobs", "list"], url)
    assert "ratings.default" in listed.output and "ratings.reminders" in listed.output
    first = tingwu(["jobs", "run", "--now", "2026-11-20T09:00+08:00"], url)
    assert first.exit_code == 0, first.output
    assert "ratings.default: 1 (jiedong 1)" in first.output
    second = tingwu(["jobs", "run", "--now", "2026-11-20T09:00+08:00"], url)
    assert "ratings.default: 0 (nothing due)" in second.output
    assert tingwu(["jobs", "run", "--now", "2026-11-20T09:00"], url).exit_code == 1
    assert tingwu(["jobs", "run", "--only", "nope"], url).exit_code == 1
