"""The encryption migration seals rows that were in clear, in place, with progress output; a second run has nothing to do."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.cases.models import Case
from core.complaints.models import Complaint
from core.db import Database, migrations
from core.pii import crypto
from core.privacy import blind_index
from tests.factories import add_case, make_hall

pytestmark = pytest.mark.db

BEFORE = "abc9e0458e03"  # the revision before personal data was sealed


async def _raw(db, sql: str):
    async with db.engine.connect() as conn:
        return (await conn.exec_driver_sql(sql)).all()


async def test_the_migration_seals_existing_rows_in_place(backend, fresh_database_url, capfd):
    url = fresh_database_url(backend)
    migrations.upgrade(url)
    db = Database(url)
    try:
        graph = await make_hall(db, jurisdiction="nanbu")
        cases = [await add_case(db, graph, applicant_id_number=f"44011319900101{i:04d}") for i in range(12)]
        async with db.transaction() as session:
            session.add(Complaint(reference="TSMIGRATE1", hall_id=graph.hall.id, channel="on_site", facts="态度生硬",
                                  complainant_name="赵玉梅", complainant_contact="137-9103-5628"))
        await db.dispose()
        # back to the schema before: every value opened in clear, as an existing installation holds them
        migrations.downgrade(url, BEFORE)
        raw = await _raw(db, 'SELECT applicant_id_number, applicant_phone FROM "case"')
        assert sorted(r[0] for r in raw) == sorted(c.applicant_id_number for c in cases)
        await db.dispose()
        capfd.readouterr()
        migrations.upgrade(url)
        err = capfd.readouterr().err
        assert "[encrypt personal data]" in err and "case: 12/12 sealed" in err and "done: " in err
        raw = await _raw(db, 'SELECT applicant_id_number, applicant_phone, applicant_phone_bidx FROM "case"')
        assert all(crypto.is_encrypted(r[0]) and crypto.is_encrypted(r[1]) for r in raw)
        assert {r[2] for r in raw} == {blind_index("phone", "13812345678")}
        contact = await _raw(db, "SELECT complainant_contact, complainant_contact_bidx FROM complaint")
        assert crypto.is_encrypted(contact[0][0]) and contact[0][1] == blind_index("contact", "13791035628")
        async with db.session() as session:
            found = (await session.execute(sa.select(Case.serial_number).where(
                Case.applicant_id_number_bidx == blind_index("id_number", "440113199001010007")))).scalars().all()
        assert found == [cases[7].serial_number]
        migrations.check(url)
    finally:
        await db.dispose()
