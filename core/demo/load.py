"""Write the demo data set into a database, idempotently.

Every demo row has a deterministic id: ``uuid5(DEMO_NAMESPACE, natural key)``,
the natural key being what makes the row unique in the domain, e.g.
``hall:dongguan:东莞市厚街镇政务服务中心``. A row whose id is already present is
left alone, so loading twice inserts nothing the second time, and a partly
loaded database is completed rather than duplicated. Jurisdiction rows are
matched by code instead, since other code may have created them already.

    summary = await load_demo(db, jurisdiction_infos=plugins.enabled)

Only the jurisdictions in ``jurisdiction_infos`` are loaded (so with
``TINGWU_JURISDICTIONS=jiedong`` only Jiedong is), all in one write
transaction: either the whole demo lands or none of it.

Demo rows are written as rows, not through the services, so they write no
outbox events: demo data is fictional and must never reach a provincial
platform. The reporting baseline (``core.outbox.baseline``) leaves them out too.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel

from core.calendar.service import load_calendar
from core.cases import service as case_service
from core.cases.models import Case, CaseCategory, CaseStatus, CorrectionNotice, NoticePurpose
from core.complaints.models import Complaint, ComplaintNote, ComplaintStatus, ComplaintTarget
from core.db import Database
from core.demo.data import AS_OF, DEMO_JURISDICTIONS, DemoComplaint, DemoHall, JurisdictionDemo, Sector, rating_score
from core.departments.models import Department, HallDepartment
from core.halls.models import Hall
from core.items.models import HallItem, HallItemRequest, HallItemStatus, ItemChange, ItemNotice, RequestStatus, ServiceItem
from core.jurisdictions.models import Jurisdiction
from core.plugins.info import JurisdictionInfo
from core.plugins.manager import PluginHost, build_plugin_manager
from core.policy.calendar import WorkingCalendar
from core.policy.service import JurisdictionPolicy
from core.policy.types import ComplaintFacts, PolicyError
from core.ratings.models import AppealStatus, Rating, RatingAppeal
from core.staff.models import Staff, StaffStatus
from core.timezones import SHANGHAI, to_local
from core.windows.models import Window, WindowAssignment

#: Fixed for good: changing it gives every demo row a new id, and a second copy on the next load.
DEMO_NAMESPACE = uuid.UUID("5b0f3c2e-7a41-5d8e-9c36-1e2f4a6b8d70")

#: Tables in insertion order (foreign keys point backwards), as named in ``DemoSummary``.
TABLES = (
    "jurisdiction", "department", "hall", "staff", "hall_department", "window", "window_assignment",
    "service_item", "hall_item", "hall_item_request", "item_notice", "case", "case_correction_notice", "rating",
    "rating_appeal", "complaint", "complaint_note",
)


def demo_id(*natural_key: str) -> uuid.UUID:
    """The id of a demo row: ``demo_id("hall", "dongguan", "东莞市厚街镇政务服务中心")``."""
    return uuid.uuid5(DEMO_NAMESPACE, ":".join(natural_key))


def is_demo_row(row_id: uuid.UUID, *natural_key: str) -> bool:
    """Whether a row is the demo loader's: its id is the demo id of its natural key.

    The upward-reporting baseline uses this to keep demo halls, windows, staff and items away
    from a province: demo data is fictional and never reported (``core.outbox.baseline``).
    """
    return row_id == demo_id(*natural_key)


class DemoConflictError(Exception):
    """A row with the same natural key but another id is in the way (created outside the demo loader)."""


@dataclass
class DemoSummary:
    """Rows inserted, by jurisdiction and table. All zeros when the demo was already loaded."""

    inserted: dict[str, dict[str, int]] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()  # jurisdictions asked for that have no demo data

    @property
    def by_table(self) -> dict[str, int]:
        return {table: sum(counts.get(table, 0) for counts in self.inserted.values()) for table in TABLES}

    @property
    def total(self) -> int:
        return sum(self.by_table.values())

    def __str__(self) -> str:
        if not self.total:
            return "already loaded: nothing inserted"
        tables = ", ".join(f"{table} {count}" for table, count in self.by_table.items() if count)
        return f"{self.total} rows for {', '.join(sorted(self.inserted))} ({tables})"


async def load_demo(db: Database, *, jurisdiction_infos: Mapping[str, JurisdictionInfo],
                    plugins: PluginHost | None = None) -> DemoSummary:
    """Insert the demo data of the given jurisdictions, leaving rows that already exist alone.

    Case deadlines and the approvers of item requests come from each jurisdiction's policy
    (``plugins``, by default every installed plugin) with the database's working calendar.

    :raises DemoConflictError: when a row the demo would insert clashes with one made by other means
        (e.g. a hall of the same name); nothing is written then.
    """
    summary = DemoSummary(skipped=tuple(code for code in jurisdiction_infos if code not in DEMO_JURISDICTIONS))
    plugins = plugins or build_plugin_manager()
    async with db.transaction() as session:
        for code, info in jurisdiction_infos.items():
            demo = DEMO_JURISDICTIONS.get(code)
            if demo is None:
                continue
            policy = JurisdictionPolicy(plugins.hook, code, await load_calendar(session, jurisdiction=code))
            counts = {table: 0 for table in TABLES}
            counts["jurisdiction"] = await _insert_jurisdiction(session, info)
            for table, rows in demo_rows(demo):
                if table == "case":
                    _set_deadlines(rows, policy)
                counts[table] += await _insert_missing(session, table, rows)
            for table, rows in item_request_rows(demo, policy):
                counts[table] += await _insert_missing(session, table, rows)
            summary.inserted[code] = counts
    return summary


async def _insert_jurisdiction(session: AsyncSession, info: JurisdictionInfo) -> int:
    exists = await session.scalar(sa.select(Jurisdiction.id).where(Jurisdiction.code == info.code))
    if exists is not None:
        return 0
    session.add(Jurisdiction(id=demo_id("jurisdiction", info.code), code=info.code, name=info.name,
                             province=info.province, region_code=info.region_code))
    await session.flush()
    return 1


async def _insert_missing(session: AsyncSession, table: str, rows: list[SQLModel]) -> int:
    if not rows:
        return 0
    model = type(rows[0])
    existing = set(await session.scalars(sa.select(model.id).where(model.id.in_([row.id for row in rows]))))
    missing = [row for row in rows if row.id not in existing]
    session.add_all(missing)
    try:
        await session.flush()
    except sa.exc.IntegrityError as exc:
        raise DemoConflictError(
            f"cannot load the demo {table} rows: a row with the same natural key but a different id exists "
            f"(created outside the demo loader); remove it or load the demo into another database"
        ) from exc
    return len(missing)


# --- From demo records to table rows ------------------------------------------------


def demo_rows(demo: JurisdictionDemo) -> list[tuple[str, list[SQLModel]]]:
    """One jurisdiction's rows (its jurisdiction row aside), batched by table in insertion order.

    Pure: builds model instances with their deterministic ids, touches no database.
    """
    ids = _DemoIds(demo)
    return [
        ("department", _departments(demo, ids)),
        # A sub-hall or station refers to its parent hall, so halls go in generation by generation.
        *(("hall", generation) for generation in _halls_by_generation(demo, ids)),
        ("staff", _staff(demo, ids)),
        ("hall_department", _stationings(demo, ids)),
        ("window", _windows(demo, ids)),
        ("window_assignment", _window_assignments(demo, ids)),
        ("service_item", _items(demo, ids)),
        ("hall_item", _hall_items(demo, ids)),
        ("case", _cases(demo, ids)),
        ("case_correction_notice", _correction_notices(demo, ids)),
        ("rating", _ratings(demo, ids)),
        ("rating_appeal", _rating_appeals(demo, ids)),
        ("complaint", _complaints(demo, ids)),
        ("complaint_note", _complaint_notes(demo)),
    ]


class _DemoIds:
    """Deterministic ids of one jurisdiction's rows, from their natural keys (the tables' unique keys)."""

    def __init__(self, demo: JurisdictionDemo):
        self.code = demo.code
        self._department_names = {d.sector: d.name for d in demo.departments}
        self._hall_of_staff = {s.number: s.hall for s in demo.staff}

    def department(self, sector: Sector) -> uuid.UUID:
        return demo_id("department", self.code, self._department_names[sector])

    def hall(self, name: str) -> uuid.UUID:
        return demo_id("hall", self.code, name)

    def staff(self, number: str) -> uuid.UUID:
        return demo_id("staff", self.code, self._hall_of_staff[number], number)

    def window(self, hall: str, number: str) -> uuid.UUID:
        return demo_id("window", self.code, hall, number)

    @staticmethod
    def item(code: str) -> uuid.UUID:
        return demo_id("service_item", code)  # the 实施编码 is unique across jurisdictions

    @staticmethod
    def case(serial_number: str) -> uuid.UUID:
        return demo_id("case", serial_number)  # the 办件流水号 is unique across jurisdictions


def _utc(value: datetime | None) -> datetime | None:
    return None if value is None else value.astimezone(timezone.utc)


def _departments(demo: JurisdictionDemo, ids: _DemoIds) -> list[SQLModel]:
    return [
        Department(id=ids.department(d.sector), jurisdiction_code=demo.code, name=d.name, short_name=d.short_name)
        for d in demo.departments
    ]


def _halls_by_generation(demo: JurisdictionDemo, ids: _DemoIds) -> list[list[SQLModel]]:
    generations: list[list[SQLModel]] = []
    placed: set[str | None] = {None}
    remaining = list(demo.halls)
    while remaining:
        ready = [hall for hall in remaining if hall.parent in placed]
        if not ready:
            raise ValueError(f"{demo.code}: halls with an unknown parent: {', '.join(h.name for h in remaining)}")
        generations.append([_hall(demo, ids, hall) for hall in ready])
        placed.update(hall.name for hall in ready)
        remaining = [hall for hall in remaining if hall not in ready]
    return generations


def _hall(demo: JurisdictionDemo, ids: _DemoIds, hall: DemoHall) -> Hall:
    return Hall(
        id=ids.hall(hall.name),
        jurisdiction_code=demo.code,
        parent_id=ids.hall(hall.parent) if hall.parent else None,
        managing_department_id=ids.department(hall.managing_sector) if hall.managing_sector else None,
        kind=hall.kind,
        level=hall.level,
        place=hall.place,
        name=hall.name,
        name_en_full=hall.name_en_full,
        name_en_short=hall.name_en_short,
        address=hall.address,
        # The shape the halls service writes and the policy reads: "08:30-12:00".
        configured_hours=[f"{start}-{end}" for start, end in hall.configured_hours] if hall.configured_hours else None,
    )


def _staff(demo: JurisdictionDemo, ids: _DemoIds) -> list[SQLModel]:
    return [
        Staff(
            id=ids.staff(s.number), hall_id=ids.hall(s.hall), department_id=ids.department(s.sector),
            staff_number=s.number, name=s.name, rank=s.rank, position=s.position, phone=s.phone,
            status=StaffStatus.ON_DUTY, on_duty_since=s.on_duty_since,
        )
        for s in demo.staff
    ]


def _stationings(demo: JurisdictionDemo, ids: _DemoIds) -> list[SQLModel]:
    return [
        HallDepartment(
            id=demo_id("hall_department", demo.code, st.hall, demo.department(st.sector).name),
            hall_id=ids.hall(st.hall), department_id=ids.department(st.sector),
            chief_representative_id=ids.staff(st.chief_representative), stationed_on=st.stationed_on,
        )
        for st in demo.stationings
    ]


def _windows(demo: JurisdictionDemo, ids: _DemoIds) -> list[SQLModel]:
    return [
        Window(
            id=ids.window(w.hall, w.number), hall_id=ids.hall(w.hall), department_id=ids.department(w.sector),
            number=w.number, name=w.name, type=w.type, status=w.status, status_changed_at=_utc(w.status_since),
        )
        for w in demo.windows
    ]


def _window_assignments(demo: JurisdictionDemo, ids: _DemoIds) -> list[SQLModel]:
    on_duty_since = {s.number: s.on_duty_since for s in demo.staff}
    rows: list[SQLModel] = []
    for w in demo.windows:
        for role, number in (("A", w.a_role), ("B", w.b_role)):
            if number is None:
                continue
            rows.append(WindowAssignment(
                id=demo_id("window_assignment", demo.code, w.hall, w.number, number),
                window_id=ids.window(w.hall, w.number), staff_id=ids.staff(number), role=role,
                # Assigned on the first morning on duty.
                assigned_at=_utc(datetime.combine(on_duty_since[number], time(8, 30), SHANGHAI)),
            ))
    return rows


def _items(demo: JurisdictionDemo, ids: _DemoIds) -> list[SQLModel]:
    # Items that took a 容缺受理 case are in the jurisdiction's 容缺受理 catalogue (dongguan 5.2.7.1).
    tolerant = {c.item for c in demo.cases if c.tolerance_acceptance}
    return [
        ServiceItem(
            id=ids.item(i.code), jurisdiction_code=demo.code, department_id=ids.department(i.sector),
            code=i.code, catalog_code=i.catalog.catalog_code, name=i.name, type=i.catalog.type,
            legal_limit_days=i.catalog.legal_limit_days, promised_limit_days=i.promised_limit_days,
            materials=list(i.catalog.materials), fee=i.catalog.fee, fee_basis=i.catalog.fee_basis,
            legal_basis=i.catalog.legal_basis, tolerance_acceptance_allowed=i.name in tolerant,
        )
        for i in demo.items
    ]


def _hall_items(demo: JurisdictionDemo, ids: _DemoIds) -> list[SQLModel]:
    return [
        HallItem(
            id=demo_id("hall_item", demo.code, hall.name, item.code), hall_id=ids.hall(hall.name),
            item_id=ids.item(item.code), status=HallItemStatus.ACTIVE, since=hall.opened_on,
        )
        for hall in demo.halls
        for item in demo.items_offered_in(hall)
    ]


def _cases(demo: JurisdictionDemo, ids: _DemoIds) -> list[SQLModel]:
    rows: list[SQLModel] = []
    for c in demo.cases:
        applicant = demo.citizen(c.applicant)
        item = demo.item(c.item)
        rows.append(Case(
            id=ids.case(c.serial_number), serial_number=c.serial_number, hall_id=ids.hall(c.hall),
            item_id=ids.item(demo.item(c.item).code), window_id=ids.window(c.hall, c.window),
            staff_id=ids.staff(c.staff), category=c.category, status=c.status,
            applicant_name=applicant.name, applicant_id_number=applicant.id_number, applicant_phone=applicant.phone,
            tolerance_acceptance=c.tolerance_acceptance, supplement_due_on=c.supplement_due_on,
            deadline_on=c.deadline_on, accepted_at=_utc(c.accepted_at), completed_at=_utc(c.completed_at),
            completed_on=c.completed_at.date() if c.completed_at else None,
            promised_limit_days=item.promised_limit_days,
            # A 补办件 still waits for what it lacks; a 容缺受理 case for what it may supply later.
            supplied_materials=list(item.catalog.materials[:1] if c.category is CaseCategory.SUPPLEMENT
                                    and c.status is CaseStatus.AWAITING_MATERIALS else
                                    item.catalog.materials[:-1] if c.tolerance_acceptance else item.catalog.materials),
        ))
    return rows


def _correction_notices(demo: JurisdictionDemo, ids: _DemoIds) -> list[SQLModel]:
    """The notice each 补办件 and 容缺受理 case got at acceptance, listing what it lacked (一次性告知).

    A 补办件 completed since had its materials completed on the day of acceptance (as its deadline assumes);
    the 容缺 materials of the demo's tolerance cases have not come in.
    """
    policy = _policy(demo.code)
    rows: list[SQLModel] = []
    for c in demo.cases:
        materials = list(demo.item(c.item).catalog.materials)
        if c.category is CaseCategory.SUPPLEMENT:
            purpose, missing = NoticePurpose.SUPPLEMENT, materials[1:]
        elif c.tolerance_acceptance:
            purpose, missing = NoticePurpose.TOLERANCE, materials[-1:]
        else:
            continue
        if not missing:
            continue
        accepted_on = c.accepted_at.date()
        supplied = [m for m in materials if m not in missing]
        rules = policy.check_correction_notice(materials, supplied, missing).rules
        if purpose is NoticePurpose.TOLERANCE:
            rules += policy.deficiency_acceptance(c.supplement_due_on, accepted_on, item_in_catalog=True).rules
        rows.append(CorrectionNotice(
            id=demo_id("case_correction_notice", c.serial_number, "1"), case_id=ids.case(c.serial_number), sequence=1,
            purpose=purpose, materials=missing, issued_on=accepted_on, due_on=c.supplement_due_on,
            supplied_on=accepted_on if purpose is NoticePurpose.SUPPLEMENT and c.status is not CaseStatus.AWAITING_MATERIALS
            else None,
            rule_ids=_rule_ids(rules), issued_by_staff_id=ids.staff(c.staff), issued_at=_utc(c.accepted_at),
        ))
    return rows


@functools.lru_cache(maxsize=None)
def _policy(code: str) -> JurisdictionPolicy:
    """The jurisdiction's rules, for the rule ids demo rows record (no calendar data is needed for them)."""
    return JurisdictionPolicy(build_plugin_manager().hook, code, WorkingCalendar())


def _rule_ids(*rule_groups) -> list[str]:
    return list(dict.fromkeys(rule.id for rules in rule_groups for rule in rules))


def _ratings(demo: JurisdictionDemo, ids: _DemoIds) -> list[SQLModel]:
    policy = _policy(demo.code)
    scale_rules = _rule_ids(policy.rating_scale().rules)
    default_rules = _rule_ids(policy.default_rating(date(2026, 1, 1), date(2026, 1, 1)).rules)
    # A rating overturned on appeal stops counting (panyu Art 43).
    outcomes = {o.code: o for o in policy.appeal_review(date(2026, 1, 1)).outcomes}
    overturned = {(a.serial_number, a.channel) for a in demo.appeals
                  if a.outcome and not outcomes[a.outcome].counts_in_assessment}
    return [
        Rating(
            id=demo_id("rating", c.serial_number, r.channel), case_id=ids.case(c.serial_number),
            staff_id=ids.staff(c.staff), hall_id=ids.hall(c.hall), level=r.level,
            score=rating_score(demo.province, r.level), channel=r.channel, comment=r.comment,
            defaulted=r.defaulted, counts_in_assessment=(c.serial_number, r.channel) not in overturned,
            rule_ids=default_rules if r.defaulted else scale_rules, rated_at=_utc(r.rated_at),
        )
        for c in demo.cases
        for r in c.ratings
    ]


def _rating_appeals(demo: JurisdictionDemo, ids: _DemoIds) -> list[SQLModel]:
    policy = _policy(demo.code)
    cases = {c.serial_number: c for c in demo.cases}
    rows: list[SQLModel] = []
    for a in demo.appeals:
        case = cases[a.serial_number]
        rating = next(r for r in case.ratings if r.channel == a.channel)
        window = policy.appeal_window(rating.level, rating.rated_at.date())
        review = policy.appeal_review(a.filed_at.date())
        outcome = next((o for o in review.outcomes if o.code == a.outcome), None)
        rows.append(RatingAppeal(
            id=demo_id("rating_appeal", a.serial_number, a.channel), rating_id=demo_id("rating", a.serial_number, a.channel),
            hall_id=ids.hall(case.hall), staff_id=ids.staff(case.staff), reason=a.reason, filed_at=_utc(a.filed_at),
            review_due_on=a.review_due_on, status=AppealStatus.REVIEWED if outcome else AppealStatus.PENDING,
            outcome=a.outcome, rectification_required=outcome.rectification_required if outcome else None,
            review_note=a.review_note, reviewed_at=_utc(a.reviewed_at), rule_ids=_rule_ids(window.rules, review.rules),
        ))
    return rows


def _complaints(demo: JurisdictionDemo, ids: _DemoIds) -> list[SQLModel]:
    policy = _policy(demo.code)
    rows: list[SQLModel] = []
    for c in demo.complaints:
        acceptance = policy.complaint_acceptance(ComplaintFacts(
            signed=bool(c.complainant_name), valid_contact=bool(c.complainant_contact),
            confidentiality_requested=c.confidential, channel=c.channel))
        decided = c.accepted_at or (c.received_at if c.status is ComplaintStatus.REJECTED else None)
        rules = []
        if decided is not None:
            rules = _rule_ids(acceptance.rules)
        if c.accepted_at is not None:
            rules = _rule_ids(acceptance.rules, policy.complaint_deadline(c.accepted_at.date()).rules)
        rows.append(Complaint(
            id=demo_id("complaint", demo.code, c.reference), reference=c.reference, hall_id=ids.hall(c.hall),
            channel=c.channel, channel_note=c.channel_note,
            complainant_name=c.complainant_name, complainant_contact=c.complainant_contact,
            confidential=c.confidential, target_kind=c.target_kind, target_id=_complaint_target_id(c, ids),
            case_serial_number=c.case_serial_number, facts=c.facts, demand=c.demand, status=c.status,
            decided_at=_utc(decided), rejection_grounds=list(c.rejection_grounds), rejection_reason=c.rejection_reason,
            accepted_at=_utc(c.accepted_at), deadline_on=c.deadline_on,
            resolution=c.resolution, resolved_at=_utc(c.resolved_at), feedback=c.feedback,
            feedback_at=_utc(c.feedback_at), received_at=_utc(c.received_at), closed_at=_utc(c.closed_at),
            rule_ids=rules,
        ))
    return rows


def _complaint_notes(demo: JurisdictionDemo) -> list[SQLModel]:
    return [
        ComplaintNote(id=demo_id("complaint_note", demo.code, c.reference, str(number)),
                      complaint_id=demo_id("complaint", demo.code, c.reference), text=text, created_at=_utc(at))
        for c in demo.complaints
        for number, (at, text) in enumerate(c.notes, start=1)
    ]


def _complaint_target_id(complaint: DemoComplaint, ids: _DemoIds) -> uuid.UUID:
    match complaint.target_kind:
        case ComplaintTarget.STAFF:
            return ids.staff(complaint.target)
        case ComplaintTarget.WINDOW:
            return ids.window(complaint.hall, complaint.target)
        case ComplaintTarget.DEPARTMENT:
            return ids.department(complaint.target)
        case _:
            return ids.hall(complaint.hall)


def _set_deadlines(cases: list[Case], policy: JurisdictionPolicy) -> None:
    """限时办结 on the jurisdiction's calendar, as acceptance would have set it (a 补办件 still waiting has none)."""
    for case in cases:
        accepted_on = to_local(case.accepted_at).date()
        try:
            deadline = policy.case_deadline(case_service.policy_category(case.category), accepted_on,
                                            promised_working_days=case.promised_limit_days)
        except PolicyError:
            continue  # a category this jurisdiction does not use keeps the deadline it was given
        if deadline.status == "waiting_for_materials" and case.status != CaseStatus.AWAITING_MATERIALS:
            # Completed (or returned) 补办件: the demo does not know when materials came; count from acceptance.
            deadline = policy.case_deadline(case_service.policy_category(case.category), accepted_on,
                                            promised_working_days=case.promised_limit_days,
                                            materials_completed_on=accepted_on)
            case.materials_completed_on = accepted_on
        case.deadline_on = deadline.due_on
        case.deadline_rule_ids = [rule.id for rule in deadline.rules]


def item_request_rows(demo: JurisdictionDemo, policy: JurisdictionPolicy) -> list[tuple[str, list[SQLModel]]]:
    """In each jurisdiction's first hall: the approved entry of its first item (with its 公示), and a pending
    request from the same department to compress another item's promised time limit by a day."""
    ids = _DemoIds(demo)
    hall = demo.halls[0]
    offered = demo.items_offered_in(hall)
    entered = offered[0]
    compressible = next((i for i in offered[1:] if i.sector == entered.sector and i.promised_limit_days > 1), None)
    opened = datetime.combine(hall.opened_on, time(9, 0), SHANGHAI)
    approval = policy.item_change_approval(ItemChange.ENTRY)
    entry = HallItemRequest(
        id=demo_id("hall_item_request", demo.code, hall.name, entered.code, "entry"), hall_id=ids.hall(hall.name),
        department_id=ids.department(entered.sector), item_id=ids.item(entered.code), change=ItemChange.ENTRY,
        status=RequestStatus.APPROVED, proposed={}, reason="依申请办理的政务服务事项进驻大厅集中办理",
        approver_role=approval.approver.role, approver_title=approval.approver.title,
        public_notice_required=approval.public_notice_required, rule_ids=[r.id for r in approval.rules],
        requested_at=_utc(opened - timedelta(days=14)), decided_at=_utc(opened - timedelta(days=7)), decision_note="同意进驻",
    )
    requests: list[SQLModel] = [entry]
    notices: list[SQLModel] = []
    if approval.public_notice_required:
        notices.append(ItemNotice(
            id=demo_id("item_notice", demo.code, hall.name, entered.code, "entry"), hall_id=entry.hall_id,
            item_id=entry.item_id, request_id=entry.id, change=ItemChange.ENTRY,
            title=f"关于{entered.name}进驻{hall.name}的公示",
            content=f"事项名称：{entered.name}（实施编码 {entered.code}）\n自{hall.opened_on:%Y年%m月%d日}起在{hall.name}受理。\n"
                    f"承诺办结时限：{entered.promised_limit_days}个工作日\n批准机关：{approval.approver.title}",
            published_on=(opened - timedelta(days=7)).date(),
        ))
    if compressible is not None:
        change = policy.item_change_approval(ItemChange.CHANGE)
        requests.append(HallItemRequest(
            id=demo_id("hall_item_request", demo.code, hall.name, compressible.code, "change"),
            hall_id=ids.hall(hall.name), department_id=ids.department(compressible.sector),
            item_id=ids.item(compressible.code), change=ItemChange.CHANGE, status=RequestStatus.PENDING,
            proposed={"promised_limit_days": compressible.promised_limit_days - 1},
            reason="压缩承诺办结时限，提升办事效率", approver_role=change.approver.role,
            approver_title=change.approver.title, public_notice_required=change.public_notice_required,
            rule_ids=[r.id for r in change.rules],
            requested_at=_utc(datetime.combine(AS_OF, time(10, 0), SHANGHAI)),
        ))
    return [("hall_item_request", requests), ("item_notice", notices)]
