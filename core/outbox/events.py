"""What a county reports upward: the entity types, the event types and each event's payload.

Payloads are plain JSON (ids and dates as strings) so that the province can
store them as they came. A rating carries what a provincial 好差评 platform
needs: case serial (办件流水号), item code (实施编码), region code (行政区划代码),
staff number (工号), level, channel and time.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal


class EntityType(enum.StrEnum):
    """Hall data reported upward (上报对象)."""

    HALL = "hall"
    WINDOW = "window"
    STAFF = "staff"
    SERVICE_ITEM = "service_item"
    CASE = "case"
    RATING = "rating"
    COMPLAINT = "complaint"


class EventType(enum.StrEnum):
    """What happened to the entity; ``<entity>.<verb>``."""

    HALL_CHANGED = "hall.changed"
    WINDOW_STATUS_CHANGED = "window.status_changed"
    WINDOW_CHANGED = "window.changed"
    STAFF_EMPLOYMENT_CHANGED = "staff.employment_changed"
    STAFF_CHANGED = "staff.changed"
    SERVICE_ITEM_CHANGED = "service_item.changed"
    CASE_ACCEPTED = "case.accepted"
    CASE_CHANGED = "case.changed"
    RATING_SUBMITTED = "rating.submitted"
    COMPLAINT_RECEIVED = "complaint.received"
    COMPLAINT_CHANGED = "complaint.changed"


def json_value(value):
    """A JSON-safe value: ids, decimals and times as strings."""
    if isinstance(value, (uuid.UUID, Decimal)):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    return value


def pick(row, fields: tuple[str, ...]) -> dict:
    return {name: json_value(getattr(row, name)) for name in fields}


HALL_FIELDS = ("id", "jurisdiction_code", "parent_id", "kind", "level", "place", "name", "name_en_full",
               "name_en_short", "address", "phone")
WINDOW_FIELDS = ("id", "hall_id", "department_id", "number", "name", "type", "status", "status_changed_at")
STAFF_FIELDS = ("id", "hall_id", "department_id", "staff_number", "name", "rank", "position", "status", "on_duty_since")
ITEM_FIELDS = ("id", "jurisdiction_code", "department_id", "code", "catalog_code", "name", "type",
               "legal_limit_days", "promised_limit_days", "fee")
# Cases and complaints go up without the citizen's personal data (ID numbers, phones, contacts).
CASE_FIELDS = ("id", "serial_number", "hall_id", "item_id", "window_id", "staff_id", "category", "status",
               "tolerance_acceptance", "supplement_due_on", "deadline_on", "accepted_at", "completed_at")
COMPLAINT_FIELDS = ("id", "hall_id", "channel", "target_kind", "target_id", "case_serial_number", "status",
                    "rejection_reason", "accepted_at", "deadline_on", "received_at", "closed_at")


def hall_payload(hall) -> dict:
    return pick(hall, HALL_FIELDS)


def window_payload(window) -> dict:
    return pick(window, WINDOW_FIELDS)


def staff_payload(staff) -> dict:
    return pick(staff, STAFF_FIELDS)


def service_item_payload(item) -> dict:
    return pick(item, ITEM_FIELDS)


def case_payload(case, *, item_code: str | None) -> dict:
    return {**pick(case, CASE_FIELDS), "item_code": item_code}


def complaint_payload(complaint) -> dict:
    return pick(complaint, COMPLAINT_FIELDS)


def rating_payload(rating, *, case_serial_number: str, item_code: str | None, region_code: str | None,
                   staff_number: str | None) -> dict:
    """好差评 as the provincial platform takes it."""
    return {
        "id": json_value(rating.id),
        "hall_id": json_value(rating.hall_id),
        "case_serial_number": case_serial_number,
        "item_code": item_code,
        "region_code": region_code,
        "staff_number": staff_number,
        "level": rating.level,
        "score": rating.score,
        "channel": rating.channel,
        "comment": rating.comment,
        "defaulted": rating.defaulted,
        "rated_at": json_value(rating.rated_at),
    }
