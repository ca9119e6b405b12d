"""GraphQL type of a registered attendance device (R2)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from core.attendance.models import CheckInMethod
from core.graphql.relay import to_global_id
from core.timezones import to_local


@strawberry.type(name="AttendanceDevice", description="考勤机 / 人脸识别终端 registered by a hall (R2, jiedong Art 24)")
class AttendanceDeviceType:
    id: strawberry.ID
    hall_id: strawberry.ID
    method: str = strawberry.field(description="device (考勤机) or face_recognition (人脸识别)")
    method_label: str
    name: str
    registered_at: datetime
    revoked_at: datetime | None
    active: bool

    @classmethod
    def from_model(cls, row) -> "AttendanceDeviceType":
        return cls(id=to_global_id("AttendanceDevice", row.id), hall_id=to_global_id("Hall", row.hall_id),
                   method=row.method, method_label=CheckInMethod(row.method).label, name=row.name,
                   registered_at=to_local(row.registered_at),
                   revoked_at=to_local(row.revoked_at) if row.revoked_at else None, active=row.revoked_at is None)


@strawberry.type(name="CheckInShortfall", description="One person with a monthly minimum of check-ins at the hall (R7)")
class CheckInShortfallType:
    staff_id: strawberry.Private[object]
    name: str
    position: str | None
    role: str = strawberry.field(description="e.g. chief_representative (首席代表), key_staff (业务骨干)")
    required: int
    counted: int
    shortfall: int

    @strawberry.field(name="staffId")
    def staff_global_id(self) -> strawberry.ID:
        return to_global_id("Staff", self.staff_id)


@strawberry.type(name="CheckInShortfallReport", description="每月到厅考勤不足报告 (R7, jiedong Art 24)")
class CheckInShortfallReportType:
    month: str
    rule_ids: list[str]
    entries: list[CheckInShortfallType]
