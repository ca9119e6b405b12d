"""provincial integrators read named objects, never citizens' personal data

Revision ID: 5b1d7e0c2a94
Revises: 021ce1d7ad0f
Create Date: 2026-11-21 21:40:00+00:00
"""
from typing import Sequence, Union
import uuid

from alembic import op
import sqlalchemy as sa

revision: str = '5b1d7e0c2a94'
down_revision: Union[str, Sequence[str], None] = '021ce1d7ad0f'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The wildcard let integrators read applicants' and complainants' personal data; they need
# the hall data a province aggregates, so they get exactly these reads instead.
WILDCARD = ("role:provincial_integrator", "province", "*", "read")
READS = [("role:provincial_integrator", "province", obj, "read")
         for obj in ("case", "rating", "complaint", "staff", "attendance", "assessment", "leave", "reported_rating")]

casbin_rule = sa.table("casbin_rule", sa.column("id", sa.Uuid()), sa.column("ptype", sa.String()),
                       sa.column("v0", sa.String()), sa.column("v1", sa.String()),
                       sa.column("v2", sa.String()), sa.column("v3", sa.String()))


def _row(rule):
    return {"id": uuid.uuid5(uuid.NAMESPACE_URL, "tingwu:seed-policy:" + ",".join(rule)), "ptype": "p",
            "v0": rule[0], "v1": rule[1], "v2": rule[2], "v3": rule[3]}


def _delete(rule):
    op.execute(casbin_rule.delete().where(casbin_rule.c.ptype == "p", casbin_rule.c.v0 == rule[0],
                                          casbin_rule.c.v1 == rule[1], casbin_rule.c.v2 == rule[2],
                                          casbin_rule.c.v3 == rule[3]))


def _bump():
    op.execute("UPDATE authz_state SET version = version + 1 WHERE id = 1")


def upgrade() -> None:
    _delete(WILDCARD)
    op.bulk_insert(casbin_rule, [_row(rule) for rule in READS])
    _bump()


def downgrade() -> None:
    for rule in READS:
        _delete(rule)
    op.bulk_insert(casbin_rule, [_row(WILDCARD)])
    _bump()
