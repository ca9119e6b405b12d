"""Key rotation in the middle of traffic loses nothing; the retention job erases what expired and nothing else."""

from __future__ import annotations

import asyncio
import os
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa

from core.audit.models import AuditEntry
from core.cases.models import Case
from core.complaints.models import Complaint
from core.db.base import utcnow
from core.pii import crypto
from core.pii.keys import add_active_key, keyring
from core.pii.models import PersonalDataAccess
from core.pii.rekey import pending_count, rotate
from core.pii.retention import ANONYMISED_NAME, RetentionConfigError, RetentionPolicy, apply_retention
from core.privacy import blind_index
from core.queue.models import QueueTicket
from tests.factories import add_case, make_hall

pytestmark = pytest.mark.db


def _phone(i: int) -> str:
    return f"139{i:08d}"


async def test_a_key_rotation_in_the_middle_of_traffic_loses_nothing(db, runtime):
    graph = await make_hall(db, jurisdiction="panyu")
    expected = {}
    for i in range(40):
        case = await add_case(db, graph, applicant_id_number=f"4401131990{i:08d}")
        expected[case.id] = (f"4401131990{i:08d}", "13812345678")
    old_key = keyring(refresh=True).active.id
    progress: list[str] = []

    async def traffic():
        # new cases and changed phones while the rotation runs (the server's view of the key file lags ≤ 1 s)
        for i in range(40, 70):
            case = await add_case(db, graph, applicant_id_number=f"4401131990{i:08d}")
            expected[case.id] = (f"4401131990{i:08d}", "13812345678")
            changed = list(expected)[i - 40]
            async with db.transaction() as session:
                row = await session.get(Case, changed)
                row.applicant_phone = _phone(i)
            expected[changed] = (expected[changed][0], _phone(i))
            await asyncio.sleep(0.01)

    new_key = add_active_key(keyring().path)
    report, _ = await asyncio.gather(rotate(db, batch_size=7, progress=progress.append, settle_seconds=0.3), traffic())
    assert report.rewritten >= 40 and any("sealed" in line for line in progress)
    async with db.engine.connect() as conn:
        assert sum((await conn.run_sync(pending_count)).values()) == 0
        raw = dict((await conn.execute(sa.text('SELECT id, applicant_id_number FROM "case"'))).all())
    assert {crypto.key_id_of(v) for v in raw.values()} == {new_key} != {old_key}
    async with db.session() as session:
        rows = (await session.execute(sa.select(Case.id, Case.applicant_id_number, Case.applicant_phone,
                                                Case.applicant_phone_bidx))).all()
    assert {r.id: (r.applicant_id_number, r.applicant_phone) for r in rows} == expected
    assert all(r.applicant_phone_bidx == blind_index("phone", r.applicant_phone) for r in rows)


async def test_the_retention_job_erases_what_expired_and_nothing_else(db, runtime):
    now = utcnow()
    panyu = await make_hall(db, jurisdiction="panyu")
    nanbu = await make_hall(db, jurisdiction="nanbu")
    years = timedelta(days=365 * 4)
    old_closed = await add_case(db, panyu, accepted_at=now - years, completed_at=now - years + timedelta(hours=2))
    recent = await add_case(db, panyu, accepted_at=now - timedelta(days=30))
    old_open = await add_case(db, panyu, status="accepted", accepted_at=now - years)
    async with db.transaction() as session:
        tickets = {}
        for name, graph, age in (("panyu_old", panyu, 10), ("panyu_new", panyu, 3), ("nanbu_mid", nanbu, 10)):
            ticket = QueueTicket(hall_id=graph.hall.id, item_id=graph.items[0].id,
                                 department_id=graph.items[0].department_id, number="A001",
                                 issued_on=(now - timedelta(days=age)).date(), status="done",
                                 applicant_phone="13812345678", issued_at=now - timedelta(days=age))
            session.add(ticket)
            tickets[name] = ticket
        complaint = Complaint(reference=f"TS{uuid.uuid4().hex[:10]}", hall_id=panyu.hall.id, channel="on_site",
                              facts="窗口人员态度生硬", complainant_name="赵玉梅", complainant_contact="13791035628",
                              status="closed", received_at=now - years, decided_at=now - years, closed_at=now - years)
        session.add(complaint)
        session.add_all([AuditEntry(action="old", outcome="ok", at=now - timedelta(days=1200)),
                         AuditEntry(action="recent", outcome="ok", at=now - timedelta(days=100)),
                         PersonalDataAccess(record_type="Case", record_id="x", field="applicantPhone",
                                            operation="old", at=now - timedelta(days=1200))])
    # panyu keeps tickets' phones 7 days (configured), nanbu the default 30
    policy = RetentionPolicy.from_settings(type("S", (), {"retention": {"jurisdictions": {"panyu": {"queue_tickets": 7}}}})())
    dry = await apply_retention(db, jurisdictions=["nanbu", "panyu"], policy=policy, now=now, dry_run=True)
    report = await apply_retention(db, jurisdictions=["nanbu", "panyu"], policy=policy, now=now)
    assert dry.counts == report.counts
    assert report.counts[("panyu", "cases")] == 1 and report.counts[("panyu", "queue_tickets")] == 1
    assert report.counts[("panyu", "complaints")] == 1 and report.counts[("nanbu", "queue_tickets")] == 0
    assert report.counts[("*", "audit")] == 2
    async with db.session() as session:
        cases = {c.id: c for c in (await session.execute(sa.select(Case))).scalars()}
        assert (cases[old_closed.id].applicant_name, cases[old_closed.id].applicant_id_number,
                cases[old_closed.id].applicant_phone, cases[old_closed.id].applicant_id_number_bidx) == (ANONYMISED_NAME, None, None, None)
        assert cases[recent.id].applicant_id_number == recent.applicant_id_number
        assert cases[old_open.id].applicant_id_number == old_open.applicant_id_number  # still being handled
        phones = {t.id: t.applicant_phone for t in (await session.execute(sa.select(QueueTicket))).scalars()}
        assert phones[tickets["panyu_old"].id] is None
        assert phones[tickets["panyu_new"].id] == phones[tickets["nanbu_mid"].id] == "13812345678"
        stored = await session.get(Complaint, complaint.id)
        assert (stored.complainant_name, stored.complainant_contact, stored.facts) == (None, None, "窗口人员态度生硬")
        assert set((await session.execute(sa.select(AuditEntry.action))).scalars()) >= {"recent"}
        assert "old" not in set((await session.execute(sa.select(AuditEntry.action))).scalars())
    # idempotent: a second run finds nothing
    again = await apply_retention(db, jurisdictions=["nanbu", "panyu"], policy=policy, now=now)
    assert again.total == 0


def test_retention_periods_are_defaults_and_audit_logs_are_kept_six_months():
    policy = RetentionPolicy.from_settings(type("S", (), {"retention": {"audit": 30, "jurisdictions": {"nanbu": {"cases": 3650}}}})())
    assert policy.days("audit") == 180 and policy.days("cases", "nanbu") == 3650 and policy.days("cases", "panyu") == 1095
    with pytest.raises(RetentionConfigError):
        RetentionPolicy.from_settings(type("S", (), {"retention": {"tickets": 3}})())


ERASE = """mutation($input: ErasePersonalDataInput!) { erasePersonalData(input: $input) {
  __typename ... on ErasePersonalDataSuccess { erased { kind count } kept { kind count reason } }
  ... on Error { code message } ... on ValidationError { field } } }"""


async def test_a_citizens_erasure_request_erases_what_the_law_allows_and_says_why_the_rest_stays(gql, db, runtime):
    from core.graphql.relay import to_global_id
    from tests.factories import make_user

    graph = await make_hall(db, jurisdiction="nanbu")
    closed = await add_case(db, graph, applicant_id_number="440113199001011234")
    open_case = await add_case(db, graph, status="accepted", applicant_id_number="440113199001011234")
    other = await add_case(db, graph, applicant_id_number="440113199001019999")
    now = utcnow()
    async with db.transaction() as session:
        done = QueueTicket(hall_id=graph.hall.id, item_id=graph.items[0].id, department_id=graph.items[0].department_id,
                           number="A001", issued_on=now.date(), status="done", applicant_phone="138 1234 5678")
        session.add(done)
    office = await make_user(db, runtime, roles=(("hall_office_leader", f"hall:{graph.hall.id}"),))
    staff = await make_user(db, runtime, roles=(("window_staff", f"hall:{graph.hall.id}"),))
    hall_id = to_global_id("Hall", graph.hall.id)
    request = {"hallId": hall_id, "idNumber": "440113199001011234", "phone": "+86 13812345678", "reason": "撤回同意"}
    denied = (await gql.data(ERASE, {"input": request}, headers=staff["headers"]))["erasePersonalData"]
    assert denied["__typename"] == "PermissionDenied"
    bad = (await gql.data(ERASE, {"input": {**request, "idNumber": "123", "phone": None}},
                          headers=office["headers"]))["erasePersonalData"]
    assert bad["__typename"] == "ValidationError" and bad["field"] == "idNumber"
    result = (await gql.data(ERASE, {"input": request}, headers=office["headers"]))["erasePersonalData"]
    assert result["__typename"] == "ErasePersonalDataSuccess", result
    erased = {e["kind"]: e["count"] for e in result["erased"]}
    kept = {k["kind"]: k for k in result["kept"]}
    # every case of the factory has phone 13812345678: the closed ones lose it, the open one keeps it
    assert erased["ticket_phone"] == 1 and erased["case_phone"] == 2
    assert kept["open_case"]["count"] == 1 and kept["case_file"]["count"] == 1 and kept["case_file"]["reason"]
    async with db.session() as session:
        rows = {c.id: c for c in (await session.execute(sa.select(Case))).scalars()}
        ticket = await session.get(QueueTicket, done.id)
    assert rows[closed.id].applicant_phone is None and rows[closed.id].applicant_id_number == "440113199001011234"
    assert rows[open_case.id].applicant_phone == "13812345678" and rows[other.id].applicant_phone is None
    assert ticket.applicant_phone is None
    async with db.engine.connect() as conn:
        audit = (await conn.exec_driver_sql("SELECT after FROM audit_entry WHERE action = 'erasePersonalData'")).all()
    assert audit and all("440113199001011234" not in str(a[0]) and "13812345678" not in str(a[0]) for a in audit)
