"""Identity that ends: any change to users, tokens or grants moves the policy version.

Triggers bump ``authz_state.version`` when a user is disabled, renamed or deleted, when a token is
revoked or its record deleted, and when a grant changes — whoever makes the change (a service, the
CLI, an operator's SQL). Every worker compares the version at most once a second and then forgets
what it knew about tokens, so the change takes effect within a second everywhere.

Revision ID: i11_safe_to_expose
Revises: abc9e0458e03
Create Date: 2026-12-06
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import core.db.base

revision: str = 'i11_safe_to_expose'
down_revision: Union[str, Sequence[str], None] = 'i10_hall_setup'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

BUMP = "UPDATE authz_state SET version = version + 1 WHERE id = 1"
# (trigger name, table, event)
SQLITE_TRIGGERS = (
    ("app_user_disabled_bumps_authz", "app_user", "AFTER UPDATE OF active, username, staff_id"),
    ("app_user_deleted_bumps_authz", "app_user", "AFTER DELETE"),
    ("access_token_changed_bumps_authz", "access_token", "AFTER UPDATE OF revoked_at, user_id, expires_at"),
    ("access_token_deleted_bumps_authz", "access_token", "AFTER DELETE"),
    ("casbin_rule_deleted_bumps_authz", "casbin_rule", "AFTER DELETE"),
    ("casbin_rule_changed_bumps_authz", "casbin_rule", "AFTER UPDATE"),
)
POSTGRES_TRIGGERS = (
    ("app_user_changed_bumps_authz", "app_user", "AFTER UPDATE OF active, username, staff_id OR DELETE"),
    ("access_token_changed_bumps_authz", "access_token", "AFTER UPDATE OF revoked_at, user_id, expires_at OR DELETE"),
    ("casbin_rule_changed_bumps_authz", "casbin_rule", "AFTER UPDATE OR DELETE"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION tingwu_bump_authz_version() RETURNS trigger AS $$ "
            f"BEGIN {BUMP}; RETURN NULL; END $$ LANGUAGE plpgsql"
        )
        for name, table, event in POSTGRES_TRIGGERS:
            op.execute(f"CREATE TRIGGER {name} {event} ON {table} FOR EACH ROW "
                       "EXECUTE FUNCTION tingwu_bump_authz_version()")
    else:
        for name, table, event in SQLITE_TRIGGERS:
            op.execute(f"CREATE TRIGGER {name} {event} ON {table} BEGIN {BUMP}; END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, table, _event in POSTGRES_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS tingwu_bump_authz_version()")
    else:
        for name, _table, _event in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
