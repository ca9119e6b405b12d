"""GraphQL types for the personal-data read log."""

from __future__ import annotations

from datetime import datetime

import strawberry

from core.graphql.relay import Node, to_global_id
from core.pii.models import PersonalDataAccess
from core.timezones import to_local


@strawberry.type(name="PersonalDataAccess",
                 description="个人信息查阅记录: one unmasked read — who saw which field of which record, when, in which operation")
class PersonalDataAccessType(Node):
    id: strawberry.ID
    at: datetime
    username: str | None = strawberry.field(description="null: anonymous caller")
    domain: str | None = strawberry.field(description="the record's hall: hall:<id>")
    record_type: str = strawberry.field(description="Case, Ticket, Complaint, Staff or an export")
    record_id: str
    field: str = strawberry.field(description="the field shown unmasked, e.g. applicantIdNumber")
    operation: str = strawberry.field(description="the GraphQL operation or export that showed it (why)")

    @classmethod
    def from_model(cls, row: PersonalDataAccess) -> "PersonalDataAccessType":
        return cls(id=to_global_id("PersonalDataAccess", row.id), at=to_local(row.at), username=row.username,
                   domain=row.domain, record_type=row.record_type, record_id=row.record_id, field=row.field,
                   operation=row.operation)
