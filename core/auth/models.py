"""Users, access tokens, casbin policy rows and the policy version."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk


class User(SQLModel, table=True):
    """A person or system that signs in: mapped to a staff member or to an office role."""

    __tablename__ = "app_user"

    id: uuid.UUID = uuid_pk()
    username: str = Field(max_length=64, unique=True, index=True)
    display_name: str = Field(max_length=100)
    password_hash: str | None = Field(default=None, max_length=255)
    staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id", index=True)
    active: bool = True
    created_at: datetime = created_at_field()


class AccessToken(SQLModel, table=True):
    """An issued bearer token (its JWT id), so that it can be listed and revoked before it expires."""

    __tablename__ = "access_token"

    id: uuid.UUID = uuid_pk()  # the JWT's jti
    user_id: uuid.UUID = Field(foreign_key="app_user.id", index=True)
    issued_at: datetime = created_at_field()
    expires_at: datetime = timestamp_field(nullable=False)
    revoked_at: datetime | None = timestamp_field(index=True)
    note: str | None = Field(default=None, max_length=200)


class CasbinRule(SQLModel, table=True):
    """One casbin policy line (p: permission of a role; g: a role granted to a user in a domain).

    Read and written by pycasbin's async SQLAlchemy adapter; UUID keys like every table.
    """

    __tablename__ = "casbin_rule"

    id: uuid.UUID = uuid_pk()
    ptype: str = Field(max_length=8, index=True)
    v0: str | None = Field(default=None, max_length=255, index=True)
    v1: str | None = Field(default=None, max_length=255)
    v2: str | None = Field(default=None, max_length=255)
    v3: str | None = Field(default=None, max_length=255)
    v4: str | None = Field(default=None, max_length=255)
    v5: str | None = Field(default=None, max_length=255)

    def __str__(self) -> str:
        values = [self.ptype]
        for value in (self.v0, self.v1, self.v2, self.v3, self.v4, self.v5):
            if value is None:
                break
            values.append(value)
        return ", ".join(values)


class AuthzState(SQLModel, table=True):
    """A counter bumped by every policy or token change: workers reload when it moves."""

    __tablename__ = "authz_state"

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    changed_at: datetime | None = timestamp_field()
