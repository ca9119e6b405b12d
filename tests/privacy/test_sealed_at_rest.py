"""Personal data at rest: nothing in clear in the database or a backup, look-ups by blind index, the read log."""

from __future__ import annotations

import asyncio
import os
import subprocess

import pytest
import sqlalchemy as sa

from core.cases.models import Case, CreditRecord
from core.complaints.models import Complaint
from core.db import metadata
from core.graphql.relay import to_global_id
from core.pii import crypto
from core.pii.models import PersonalDataAccess
from core.privacy import blind_index, matches_last4
from core.queue.models import QueueTicket
from tests.cases.helpers import accept, make_desk
from tests.factories import make_user

pytestmark = pytest.mark.db

ID_NUMBER = "440113199001011234"
PHONE = "13812345678"
CONTACT = "137-9103-5628"
CLEAR = (ID_NUMBER, PHONE, "13791035628", "赵玉梅", "王小明")

TAKE = """mutation($input: TakeTicketInput!) { takeTicket(input: $input) {
  __typename ... on TakeTicketSuccess { ticket { id applicantPhone } } ... on Error { code message } } }"""
SUBMIT = """mutation($input: SubmitComplaintInput!) { submitComplaint(input: $input) {
  __typename ... on SubmitComplaintSuccess { receipt { reference } } ... on Error { code message } } }"""
CASE = "query($serial: String!) { case(serialNumber: $serial) { id applicantName applicantIdNumber applicantPhone } }"
LOG = """query($hall: ID, $record: String) { personalDataAccessLog(hallId: $hall, recordId: $record) {
  edges { node { username recordType recordId field operation at } } } }"""


async def _citizen_traffic(gql, db, runtime):
    """A case, a ticket and a complaint carrying an ID number, phones and a complainant."""
    desk = await make_desk(db, runtime)
    case = await accept(gql, desk)
    ticket = (await gql.data(TAKE, {"input": {"hallId": desk.hall_id, "itemCode": desk.item_code(),
                                              "applicantPhone": PHONE}}))["takeTicket"]
    assert ticket["__typename"] == "TakeTicketSuccess", ticket
    complaint = (await gql.data(SUBMIT, {"input": {
        "hallId": desk.hall_id, "channel": "on_site", "facts": "窗口工作人员离岗二十分钟未作说明，群众等候时间过长。",
        "complainantName": "赵玉梅", "complainantContact": CONTACT}}))["submitComplaint"]
    assert complaint["__typename"] == "SubmitComplaintSuccess", complaint
    return desk, case


async def _raw_dump(db) -> str:
    """Every value of every table as the database holds it (no type processing: what a backup holds)."""
    parts = []
    async with db.engine.connect() as conn:
        for table in metadata.sorted_tables:
            quoted = conn.dialect.identifier_preparer.quote(table.name)
            result = await conn.exec_driver_sql(f"SELECT * FROM {quoted}")
            parts.extend(str(value) for row in result.all() for value in row)
    return "\n".join(parts)


async def test_the_database_holds_no_id_number_or_phone_in_clear(gql, db, runtime, hall_hours_clock):
    desk, case = await _citizen_traffic(gql, db, runtime)
    dump = await _raw_dump(db)
    for clear in CLEAR:
        assert clear not in dump, f"{clear} found in clear in the database"
    # …and everything is still there for those who may see it
    async with db.session() as session:
        stored = (await session.execute(sa.select(Case).where(Case.serial_number == case["serialNumber"]))).scalar_one()
    assert stored.applicant_id_number == ID_NUMBER and stored.applicant_phone == PHONE
    # the default, SM4-GCM, with the key id stored with the value
    async with db.engine.connect() as conn:
        raw = (await conn.exec_driver_sql(f"SELECT applicant_id_number FROM \"case\" WHERE serial_number = '{case['serialNumber']}'")).scalar_one()
    from core.pii.keys import keyring

    assert raw.startswith(f"$pii1${keyring().active.id}$") and keyring().active.algorithm == "sm4-gcm"


async def test_a_backup_holds_no_id_number_or_phone_in_clear(gql, db, runtime, backend, database_url, tmp_path, hall_hours_clock):
    await _citizen_traffic(gql, db, runtime)
    if backend == "sqlite":
        path = database_url.split("///", 1)[1]
        async with db.engine.connect() as conn:
            await conn.exec_driver_sql("PRAGMA wal_checkpoint(FULL)")
        backup = tmp_path / "backup.db"
        # Copied by another process: opening and closing the database file in this one would drop the POSIX
        # locks SQLite holds on it (sqlite.org/howtocorrupt.html 2.2), and later connections fail.
        subprocess.run(["cp", path, str(backup)], check=True)
        for suffix in ("-wal", "-shm"):
            if os.path.exists(path + suffix):
                subprocess.run(["cp", path + suffix, str(backup) + suffix], check=True)
        data = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    else:
        url = database_url.replace("postgresql+asyncpg://", "postgresql://")
        proc = await asyncio.to_thread(subprocess.run, ["pg_dump", "--no-owner", url], capture_output=True, timeout=120)
        assert proc.returncode == 0, proc.stderr.decode()
        data = proc.stdout
    assert len(data) > 1000 and b"$pii1$" in data  # the sealed values are in the backup, the clear ones are not
    for clear in CLEAR:
        assert clear.encode() not in data, f"{clear} found in clear in the backup"


async def test_look_ups_by_id_number_phone_and_last_four_digits(gql, db, runtime, hall_hours_clock):
    desk, case = await _citizen_traffic(gql, db, runtime)
    serial = case["serialNumber"]
    async with db.session() as session:
        def find(*conditions):
            return session.execute(sa.select(Case.serial_number).where(Case.hall_id == desk.graph.hall.id, *conditions))

        assert (await find(Case.applicant_id_number_bidx == blind_index("id_number", ID_NUMBER))).scalars().all() == [serial]
        # written differently, the same phone
        for written in (PHONE, "+86 138-1234-5678", "138 1234 5678", "008613812345678"):
            assert (await find(Case.applicant_phone_bidx == blind_index("phone", written))).scalars().all() == [serial], written
        assert (await find(Case.applicant_id_number_bidx == blind_index("id_number", "440113199001011235"))).all() == []
        # the progress look-up: serial number + last 4 digits of the ID number or of the phone
        for tail, found in (("1234", True), ("5678", True), ("0000", False), ("12", False), ("", False)):
            rows = (await find(Case.serial_number == serial,
                               matches_last4(tail, Case.applicant_id_last4_bidx, Case.applicant_phone_last4_bidx))).all()
            assert bool(rows) is found, tail
        ticket = (await session.execute(sa.select(QueueTicket.id).where(
            QueueTicket.applicant_phone_bidx == blind_index("phone", "+8613812345678")))).scalars().all()
        assert len(ticket) == 1
        complaint = (await session.execute(sa.select(Complaint.reference).where(
            Complaint.complainant_contact_bidx == blind_index("contact", "13791035628")))).scalars().all()
        assert len(complaint) == 1
    # comparing the sealed column itself is refused (it could never match): look-ups go through the index
    with pytest.raises(TypeError):
        sa.select(Case).where(Case.applicant_id_number == ID_NUMBER)


async def test_an_unmasked_read_leaves_its_record_and_a_masked_one_none(gql, db, runtime, hall_hours_clock):
    desk, case = await _citizen_traffic(gql, db, runtime)
    serial = case["serialNumber"]
    seen = (await gql.data("query Counter($serial: String!) { case(serialNumber: $serial) { id applicantIdNumber applicantPhone } }",
                           {"serial": serial}, headers=desk.staff["headers"]))["case"]
    assert seen["applicantIdNumber"] == ID_NUMBER and seen["applicantPhone"] == PHONE
    office = await make_user(db, runtime, roles=(("hall_office_leader", f"hall:{desk.graph.hall.id}"),))
    log = (await gql.data(LOG, {"hall": desk.hall_id}, headers=office["headers"]))["personalDataAccessLog"]["edges"]
    reads = [e["node"] for e in log if e["node"]["operation"] == "Counter"]
    assert {(r["username"], r["recordType"], r["field"]) for r in reads} == {
        (desk.staff["user"].username, "Case", "applicantIdNumber"), (desk.staff["user"].username, "Case", "applicantPhone")}
    # someone who sees it masked leaves no record
    async with db.session() as session:
        before = (await session.execute(sa.select(sa.func.count()).select_from(PersonalDataAccess))).scalar_one()
    # 值班领导 reads the case but sees personal data masked: no record
    duty = await make_user(db, runtime, roles=(("duty_leader", f"hall:{desk.graph.hall.id}"),))
    masked = (await gql.data(CASE, {"serial": serial}, headers=duty["headers"]))["case"]
    assert masked["applicantIdNumber"] == "4401**********1234"
    async with db.session() as session:
        assert (await session.execute(sa.select(sa.func.count()).select_from(PersonalDataAccess))).scalar_one() == before
    # a hall admin may see it: name, ID number and phone, one record each
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{desk.graph.hall.id}"),))
    await gql.data(CASE, {"serial": serial}, headers=admin["headers"])
    async with db.session() as session:
        after = (await session.execute(sa.select(sa.func.count()).select_from(PersonalDataAccess))).scalar_one()
    assert after == before + 3
    # the log is not open to everyone: window staff may not read it
    body = await gql.execute(LOG, {"hall": desk.hall_id}, headers=desk.staff["headers"])
    assert body.get("errors")


async def test_the_audit_log_keeps_personal_data_masked(gql, db, runtime, hall_hours_clock):
    await _citizen_traffic(gql, db, runtime)
    async with db.engine.connect() as conn:
        rows = (await conn.exec_driver_sql("SELECT after FROM audit_entry WHERE action = 'acceptCase'")).all()
    assert rows and all(ID_NUMBER not in str(r[0]) and PHONE not in str(r[0]) for r in rows)


async def test_an_export_with_personal_data_needs_the_role_and_leaves_the_same_record(gql, db, runtime, hall_hours_clock):
    desk, case = await _citizen_traffic(gql, db, runtime)
    from core.timezones import local_today

    today = local_today().isoformat()
    params = {"hallId": desk.hall_id, "from": today, "to": today}
    masked = await gql.http.get("/exports/cases.csv", params=params, headers=desk.staff["headers"])
    assert masked.status_code == 200 and case["serialNumber"] in masked.text
    assert ID_NUMBER not in masked.text and "4401**********1234" in masked.text
    denied = await gql.http.get("/exports/cases.csv", params={**params, "personal": "1"}, headers=desk.staff["headers"])
    assert denied.status_code == 403 and ID_NUMBER not in denied.text
    office = await make_user(db, runtime, roles=(("hall_office_leader", f"hall:{desk.graph.hall.id}"),))
    full = await gql.http.get("/exports/cases.csv", params={**params, "personal": "1"}, headers=office["headers"])
    assert full.status_code == 200 and ID_NUMBER in full.text and PHONE in full.text
    log = (await gql.data(LOG, {"hall": desk.hall_id}, headers=office["headers"]))["personalDataAccessLog"]["edges"]
    exported = {(e["node"]["username"], e["node"]["field"]) for e in log if e["node"]["operation"] == "export:cases.csv"}
    assert exported == {(office["user"].username, f) for f in ("applicantName", "applicantIdNumber", "applicantPhone")}
    # bad input changes nothing and says why
    bad = await gql.http.get("/exports/cases.csv", params={**params, "from": "yesterday"}, headers=office["headers"])
    assert bad.status_code == 400 and bad.json()["code"] == "VALIDATION_FAILED"
