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
    DEPARTMENT = "department"
    WINDOW = "window"
    STAFF = "staff"
    SERVICE_ITEM = "service_item"
    CASE = "case"
    RATING = "rating"
    COMPLAINT = "complaint"


class EventType(enum.StrEnum):
    """What happened to the entity; ``<entity>.<verb>``. A province stores every event type, known or not.

    ``*.baseline`` is the entity as it stood when the county started reporting (初始上报): sent once for
    every hall, department, window, staff member and item that no event had reported yet.
    """

    HALL_CHANGED = "hall.changed"
    HALL_BASELINE = "hall.baseline"
    DEPARTMENT_CHANGED = "department.changed"  # 部门 created, renamed, credit code or parent body changed
    DEPARTMENT_CLOSED = "department.closed"  # 撤销
    DEPARTMENT_STATIONED = "department.stationed"  # 进驻 a hall, or its chief representative (首席代表) there changed
    DEPARTMENT_UNSTATIONED = "department.unstationed"  # 撤出 a hall
    DEPARTMENT_BASELINE = "department.baseline"
    WINDOW_STATUS_CHANGED = "window.status_changed"
    WINDOW_CHANGED = "window.changed"
    WINDOW_POSTS_CHANGED = "window.posts_changed"  # AB岗: who holds the window's posts, after a handover
    WINDOW_BASELINE = "window.baseline"
    STAFF_EMPLOYMENT_CHANGED = "staff.employment_changed"
    STAFF_CHANGED = "staff.changed"
    STAFF_PROPOSED = "staff.proposed"  # the department proposed a member (上岗申报)
    STAFF_ONBOARDED = "staff.onboarded"  # the hall approved: on duty, or on the substitute list
    STAFF_ONBOARDING_REJECTED = "staff.onboarding_rejected"
    STAFF_REPLACEMENT_ON_DUTY = "staff.replacement_on_duty"  # 调换: the new member went on duty
    STAFF_REPLACED = "staff.replaced"  # 调换: the old member left
    STAFF_RETURNED = "staff.returned"  # 退回原派出单位
    STAFF_BASELINE = "staff.baseline"
    SERVICE_ITEM_CHANGED = "service_item.changed"
    SERVICE_ITEM_ENTERED = "service_item.entered"  # 事项进驻 a hall (approved)
    SERVICE_ITEM_WITHDRAWN = "service_item.withdrawn"  # 事项撤出 a hall (approved)
    SERVICE_ITEM_BASELINE = "service_item.baseline"
    CASE_ACCEPTED = "case.accepted"
    CASE_CHANGED = "case.changed"
    CASE_CORRECTION_REQUESTED = "case.correction_requested"  # 补正告知书 issued: the clock pauses
    CASE_MATERIALS_SUPPLIED = "case.materials_supplied"  # 材料补齐: the clock starts or resumes
    CASE_COMPLETED = "case.completed"  # 办结
    CASE_RETURNED = "case.returned"  # 退件
    CASE_TERMINATED = "case.terminated"  # 终止办理
    CASE_SUPPLEMENT_OVERDUE = "case.supplement_overdue"  # 容缺受理: materials not supplied by the due date
    RATING_SUBMITTED = "rating.submitted"
    RATING_DEFAULTED = "rating.defaulted"  # 默认评价 given by the platform
    RATING_OVERTURNED = "rating.overturned"  # 申诉复核: no longer counts in assessment and satisfaction
    COMPLAINT_RECEIVED = "complaint.received"
    COMPLAINT_CHANGED = "complaint.changed"
    COMPLAINT_ACCEPTED = "complaint.accepted"
    COMPLAINT_REJECTED = "complaint.rejected"
    COMPLAINT_REFERRED = "complaint.referred"
    COMPLAINT_EXTENDED = "complaint.extended"
    COMPLAINT_RESOLVED = "complaint.resolved"
    COMPLAINT_FEEDBACK_RECORDED = "complaint.feedback_recorded"
    COMPLAINT_CLOSED = "complaint.closed"


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
# A department (派出单位) is a public body: all of it goes up, with the halls it is stationed in.
DEPARTMENT_FIELDS = ("id", "jurisdiction_code", "name", "short_name", "credit_code", "parent_body", "closed_on")
WINDOW_FIELDS = ("id", "hall_id", "department_id", "number", "name", "type", "status", "status_changed_at")
# Staff are public servants at a window (name and 工号 are on the window's sign); their phone stays home.
STAFF_FIELDS = ("id", "hall_id", "department_id", "staff_number", "name", "rank", "position", "status", "on_duty_since")
ITEM_FIELDS = ("id", "jurisdiction_code", "department_id", "code", "catalog_code", "name", "type",
               "legal_limit_days", "promised_limit_days", "materials", "fee", "tolerance_acceptance_allowed")
# Cases and complaints go up without the citizen's personal data: the columns below are withheld, and
# so is free text written about or to the citizen (a return's reason, the complaint's facts and answers).
# tests/outbox check that every column of the tables is either reported or withheld.
CASE_FIELDS = ("id", "serial_number", "hall_id", "item_id", "window_id", "staff_id", "category", "status",
               "tolerance_acceptance", "supplement_due_on", "deadline_on", "promised_limit_days", "complex_case",
               "materials_completed_on", "paused_since", "paused_working_days", "supplement_supplied_on",
               "deadline_rule_ids", "outcome", "terminated_on_request", "accepted_at", "completed_at", "completed_on")
CASE_WITHHELD = ("applicant_name", "applicant_id_number", "applicant_phone", "supplied_materials", "closing_reason",
                 # blind indexes (core.pii): a keyed hash of personal data is personal data too
                 "applicant_name_bidx", "applicant_id_number_bidx", "applicant_phone_bidx", "applicant_id_last4_bidx",
                 "applicant_phone_last4_bidx")
COMPLAINT_FIELDS = ("id", "reference", "hall_id", "channel", "channel_note", "target_kind", "target_id",
                    "case_serial_number", "work_order_id", "work_order_due_on", "status", "received_at", "decided_at",
                    "rejection_grounds", "rejection_reason", "referral", "accepted_at", "deadline_on",
                    "extended_from_on", "extended_at", "substantiated", "resolved_at", "complainant_satisfied",
                    "feedback_at", "closed_at", "rule_ids")
COMPLAINT_WITHHELD = ("complainant_name", "complainant_contact", "complainant_contact_bidx", "confidential", "facts", "demand",
                      "extension_explanation", "extended_by_user_id", "resolution", "feedback")


def hall_payload(hall) -> dict:
    return pick(hall, HALL_FIELDS)


def department_payload(department, *, stationed_in: list[dict] | None = None) -> dict:
    """The department; with ``stationed_in``, the halls it is stationed in now
    (``{hall_id, since, chief_representative_id}``)."""
    payload = pick(department, DEPARTMENT_FIELDS)
    if stationed_in is not None:
        payload["stationed_in"] = stationed_in
    return payload


def window_payload(window) -> dict:
    return pick(window, WINDOW_FIELDS)


def window_posts_payload(window, *, posts: list[dict], handovers: list[dict] = ()) -> dict:
    """The window with its AB岗 posts (``{staff_id, staff_number, role}``, A first) and this change's handovers."""
    return {**window_payload(window), "posts": posts, "handovers": list(handovers)}


def staff_payload(staff) -> dict:
    return pick(staff, STAFF_FIELDS)


def service_item_payload(item, *, offered_in: list[dict] | None = None) -> dict:
    """The item; with ``offered_in``, the halls offering it now (``{hall_id, since}``)."""
    payload = pick(item, ITEM_FIELDS)
    if offered_in is not None:
        payload["offered_in"] = offered_in
    return payload


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
        "counts_in_assessment": rating.counts_in_assessment,
        "rated_at": json_value(rating.rated_at),
    }
