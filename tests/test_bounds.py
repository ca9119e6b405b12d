"""Ranges capped where the API takes them, and a per-request execution timeout: typed errors, never a 500."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest

from core.app import create_app

ADD = 'query($start: Date!, $days: Int!) { jurisdiction(code: "panyu") { addWorkingDays(start: $start, days: $days) } }'
BETWEEN = 'query($start: Date!, $end: Date!) { jurisdiction(code: "panyu") { workingDaysBetween(start: $start, end: $end) } }'


@pytest.mark.parametrize("start, days, field", [
    ("2026-11-20", 2147483647, "days"),
    ("2026-11-20", -2147483648, "days"),
    ("0001-01-01", 1, "start"),
    ("9999-12-31", 1, "start"),
    ("2099-12-30", 100, "days"),  # the answer would leave the calendar
    ("2026-11-20", 501, "days"),
])
async def test_working_day_arithmetic_is_capped(gql, db, start, days, field):
    body = await gql.execute(ADD, {"start": start, "days": days}, headers={"Accept-Language": "en"})
    error = body["errors"][0]
    assert error["extensions"]["code"] == "VALIDATION_FAILED" and error["message"].startswith(f"{field} is invalid")
    assert body["data"] == {"jurisdiction": None}


@pytest.mark.parametrize("start, end", [("0001-01-01", "2026-01-01"), ("2026-01-01", "9999-12-31"), ("1990-01-01", "2099-12-31"),
                                        ("2024-01-01", "2026-12-31")])
async def test_working_days_between_is_capped(gql, db, start, end):
    body = await gql.execute(BETWEEN, {"start": start, "end": end})
    assert body["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED"


async def test_ordinary_arithmetic_still_answers(gql, db):
    assert (await gql.data(ADD, {"start": "2026-11-20", "days": 3}))["jurisdiction"]["addWorkingDays"] == "2026-11-25"
    assert (await gql.data(BETWEEN, {"start": "2026-11-20", "end": "2026-11-25"}))["jurisdiction"]["workingDaysBetween"] == 3


async def test_a_request_over_the_execution_timeout_is_stopped_with_a_code(runtime, db):
    slow = replace(runtime, settings=replace(runtime.settings, extra={"execution_timeout": 0.000001}))
    app = create_app(slow, check_on_startup=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://tingwu.test") as http:
        response = await http.post("/graphql", json={"query": BETWEEN, "variables": {"start": "2025-01-01", "end": "2026-12-31"}})
    body = response.json()
    assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "EXECUTION_TIMEOUT"
    assert body["errors"][0]["message"].startswith("请求执行超过")
