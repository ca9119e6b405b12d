"""Loading the demo into a database: deadlines from each jurisdiction's calendar, item requests with their
approver and notice, and a second load that inserts nothing."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from core.cases.models import Case
from core.demo.load import demo_id, load_demo
from core.items.models import HallItemRequest, ItemNotice

pytestmark = pytest.mark.db


async def test_demo_load_sets_deadlines_and_item_requests(db, runtime):
    infos = {code: runtime.plugins.info(code) for code in ("dongying", "panyu")}
    first = await load_demo(db, jurisdiction_infos=infos, plugins=runtime.plugins)
    assert first.by_table["case"] > 0 and first.by_table["hall_item_request"] >= 3 and first.by_table["item_notice"] == 2
    again = await load_demo(db, jurisdiction_infos=infos, plugins=runtime.plugins)
    assert again.total == 0
    async with db.session() as session:
        case = await session.get(Case, demo_id("case", "PY20261015000041"))  # 承诺件, 容缺受理, accepted 10-15
        requests = (await session.execute(sa.select(HallItemRequest).order_by(HallItemRequest.requested_at))).scalars().all()
        notices = (await session.execute(sa.select(ItemNotice))).scalars().all()
    assert case.deadline_on is not None and case.deadline_on > date(2026, 10, 15)
    assert case.deadline_rule_ids and case.promised_limit_days is not None and case.tolerance_acceptance
    approvers = {(r.hall_id, r.change): r.approver_title for r in requests}
    assert sorted(set(approvers.values())) == ["中心管理办公室", "区政府"]
    assert {r.status for r in requests} == {"approved", "pending"}
    assert all(n.title.startswith("关于") and n.title.endswith("的公示") for n in notices)
