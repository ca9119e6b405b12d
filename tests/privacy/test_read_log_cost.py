"""The read log costs one INSERT per operation, whatever the size of the answer."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.pii.models import PersonalDataAccess
from tests.cases.helpers import accept, make_desk

pytestmark = pytest.mark.db

CASES = """query Register($hall: ID!, $first: Int) { cases(hallId: $hall, first: $first) {
  edges { node { serialNumber applicantIdNumber applicantPhone } } } }"""


async def test_one_insert_per_operation_whatever_the_answer_size(gql, db, runtime, count_statements):
    desk = await make_desk(db, runtime)
    for _ in range(6):
        await accept(gql, desk)
    sizes = {}
    for first in (1, 6):
        count_statements.reset()
        body = await gql.data(CASES, {"hall": desk.hall_id, "first": first}, headers=desk.staff["headers"])
        assert len(body["cases"]["edges"]) == first
        sizes[first] = (count_statements.count, count_statements.read_log_inserts)
    assert sizes[1] == sizes[6] and sizes[1][1] == 1
    async with db.session() as session:
        logged = (await session.execute(sa.select(sa.func.count()).select_from(PersonalDataAccess)
                                        .where(PersonalDataAccess.operation == "Register"))).scalar_one()
    assert logged == (1 + 6) * 2  # each case's ID number and phone, per operation
