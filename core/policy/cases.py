"""Cases (办件) and the national service rules: baseline and shared helpers (RULEBOOK §1, §10).

Every deadline is counted with the one working calendar; "3 days" for a complex
退回件 is counted in working days like every administrative time limit.
"""

from __future__ import annotations

import math

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, timedelta

from core.policy.calendar import WorkingCalendar
from core.policy.rules import default_rule, national_rule
from core.policy.types import (
    AnomalyFinding,
    AnomalyReport,
    AskedStaff,
    CaseActivity,
    CaseCategory,
    CaseDeadline,
    DeficiencyOutcome,
    FirstAskerDecision,
    NoticeCheck,
    PolicyError,
    RuleRef,
)

CATEGORIES_RULE = national_rule(
    "national.case.categories",
    topic="case_categories",
    title="办件类别",
    summary="即办件, 承诺件, 联办件, 补办件, 退回件.",
    article="nanbu 限时办结制度 二-六; jiedong Art 15; RULEBOOK §1",
)
PROMISED_RULE = national_rule(
    "national.case.promised",
    topic="case_promised",
    title="限时办结",
    summary="承诺件 and 联办件 are completed within the item's promised time limit, in working days from acceptance.",
    article="nanbu 限时办结制度 五-六; jiedong Art 15; dongguan 5.2.5 (承诺办结制)",
)
IMMEDIATE_RULE = default_rule(
    "default.case.immediate",
    topic="case_immediate",
    title="即办件当场或当天办结",
    summary="即办件: done on the spot or the same day.",
    article="RULEBOOK §10",
)
RETURNED_RULE = default_rule(
    "default.case.returned",
    topic="case_returned",
    title="退回件当场或当天认定",
    summary="退回件: decided on the spot or the same day; if complex, within 3 working days.",
    article="RULEBOOK §10",
)
SUPPLEMENT_RULE = default_rule(
    "default.case.supplement",
    topic="case_supplement",
    title="补办件自材料补齐之日起计时",
    summary="补办件: the time limit runs from the day the materials are complete.",
    article="RULEBOOK §10",
)
DEFAULT_DEFICIENCY_RULE = default_rule(
    "default.case.deficiency",
    topic="deficiency_acceptance",
    title="容缺受理",
    summary="An item in the 容缺 catalog with its main materials complete may be accepted with secondary "
    "materials missing; no credit record when the supplement is late.",
    article="RULEBOOK §10",
)
NO_ANOMALY_WATCH_RULE = default_rule(
    "default.case.no_anomaly_watch",
    topic="case_anomaly",
    title="不设办件异常监控",
    summary="No automatic anomaly watch on cases.",
    article="RULEBOOK §10",
)
FIRST_ASKER_RULE = national_rule(
    "national.first_asker",
    topic="first_asker",
    title="首问责任制",
    summary="The first staff member asked answers, hands over or guides; if several were asked at once, "
    "the highest-ranked is responsible.",
    article="dongguan 5.2.1.2; panyu Art 8; jiedong Art 15; nanbu 首问负责制度 一",
)
ONE_TIME_NOTICE_RULE = national_rule(
    "national.one_time_notification",
    topic="one_time_notification",
    title="一次性告知制",
    summary="A correction notice lists all missing materials at once.",
    article="dongguan 5.2.3.2b; nanbu 一次性告知制度 四; panyu Art 10; jiedong Art 15",
)

CATEGORY_NAMES = {
    "immediate": "即办件",
    "promised": "承诺件",
    "joint": "联办件",
    "supplement": "补办件",
    "returned": "退回件",
    "reply": "答复件",
    "approval_report": "报批件",
    "special": "特办件",
}
CATEGORY_DESCRIPTIONS = {
    "immediate": "即办件: done on the spot or the same day",
    "promised": "承诺件: case with a promised time limit (needs review or an on-site check)",
    "joint": "联办件: needs two or more departments, within the promised time limit",
    "supplement": "补办件: materials incomplete; the limit runs from the day they are complete",
    "returned": "退回件: does not qualify; decided on the spot or the same day",
    "reply": "答复件: answered within the prescribed limit",
    "approval_report": "报批件: reported for approval, within the prescribed limit",
    "special": "特办件: handled specially, within the prescribed limit",
}
NATIONAL_CATEGORIES = ("immediate", "promised", "joint", "supplement", "returned")
#: Categories whose clock is the item's promised limit from acceptance.
PROMISED_CATEGORIES = frozenset({"promised", "joint"})
RETURNED_COMPLEX_WORKING_DAYS = 3
DEFAULT_ANOMALY_THRESHOLD = 3
DEFAULT_ANOMALY_WINDOW_DAYS = 30


def categories(codes: Iterable[str], rules: tuple[RuleRef, ...]) -> tuple[CaseCategory, ...]:
    return tuple(CaseCategory(code, CATEGORY_NAMES[code], CATEGORY_DESCRIPTIONS[code], rules) for code in codes)


def default_categories() -> tuple[CaseCategory, ...]:
    return categories(NATIONAL_CATEGORIES, (CATEGORIES_RULE.ref,))


def case_deadline(
    calendar: WorkingCalendar,
    *,
    category: str,
    accepted_on: date,
    promised_working_days: int | None,
    complex_case: bool,
    materials_completed_on: date | None,
    refs: Mapping[str, RuleRef],
    promised_like: Collection[str] = PROMISED_CATEGORIES,
) -> CaseDeadline:
    """The deadline of a case in ``category``; ``refs`` maps each category this jurisdiction knows to its rule."""
    if category not in refs:
        raise PolicyError(f"unknown case category {category!r}; expected one of {', '.join(refs)}")
    rules = (refs[category],)
    if category == "immediate":
        return CaseDeadline(category, accepted_on, accepted_on, accepted_on, "running", rules)
    if category == "returned":
        due = calendar.add_working_days(accepted_on, RETURNED_COMPLEX_WORKING_DAYS) if complex_case else accepted_on
        return CaseDeadline(category, accepted_on, accepted_on, due, "running", rules)
    limit = _promised_limit(category, promised_working_days)
    if category == "supplement":
        if materials_completed_on is None:
            return CaseDeadline(category, accepted_on, None, None, "waiting_for_materials", rules)
        due = calendar.add_working_days(materials_completed_on, limit)
        return CaseDeadline(category, accepted_on, materials_completed_on, due, "running", rules)
    if category in promised_like:
        return CaseDeadline(category, accepted_on, accepted_on, calendar.add_working_days(accepted_on, limit),
                            "running", rules)
    raise PolicyError(f"no deadline rule for case category {category!r}")


def _promised_limit(category: str, promised_working_days: int | None) -> int:
    if promised_working_days is None or promised_working_days < 0:
        name = CATEGORY_NAMES.get(category, category)
        raise PolicyError(f"{name} needs the item's promised time limit in working days")
    return promised_working_days


def default_case_refs() -> dict[str, RuleRef]:
    return {
        "immediate": IMMEDIATE_RULE.ref,
        "promised": PROMISED_RULE.ref,
        "joint": PROMISED_RULE.ref,
        "supplement": SUPPLEMENT_RULE.ref,
        "returned": RETURNED_RULE.ref,
    }


def deficiency_outcome(
    *,
    item_in_catalog: bool,
    main_materials_complete: bool,
    supplement_due_on: date,
    supplied_on: date | None,
    as_of: date,
    credit_record_when_late: bool,
    rules: tuple[RuleRef, ...],
) -> DeficiencyOutcome:
    """容缺受理: accepted with secondary materials missing, to be supplied by ``supplement_due_on``."""
    if supplied_on is None:
        status = "overdue" if as_of > supplement_due_on else "pending"
    else:
        status = "supplied" if supplied_on <= supplement_due_on else "supplied_late"
    late = status in ("overdue", "supplied_late")
    return DeficiencyOutcome(
        may_accept=item_in_catalog and main_materials_complete,
        status=status,
        supplement_due_on=supplement_due_on,
        credit_record=credit_record_when_late and late,
        rules=rules,
    )


#: R10: the item's normal volume is its daily mean over the 30 days before the day watched.
NORMAL_VOLUME_DAYS = 30


def many_applicants_limit(cases: Sequence[CaseActivity], *, item_code: str, as_of: date, multiple: float,
                          floor: int) -> int:
    """How many applicants on ``as_of`` make "many" for the item: ``multiple`` × its trailing daily mean, ≥ ``floor``."""
    start = as_of - timedelta(days=NORMAL_VOLUME_DAYS)
    trailing = sum(1 for c in cases if c.item_code == item_code and start <= c.accepted_on < as_of)
    return max(floor, math.ceil(multiple * trailing / NORMAL_VOLUME_DAYS))


def find_case_anomalies(
    cases: Sequence[CaseActivity], *, as_of: date, threshold: int, window_days: int,
    volume_multiple: float | None = None, volume_floor: int | None = None,
) -> tuple[AnomalyFinding, ...]:
    """Patterns reaching ``threshold`` among cases accepted in the ``window_days`` ending ``as_of``.

    With ``volume_multiple`` (R10), "many applicants on the same item" compares the applicants of ``as_of``
    with the item's own normal volume (``many_applicants_limit``) instead of the window's plain count.
    """
    if threshold < 1 or window_days < 1:
        raise PolicyError("anomaly threshold and window must be positive")
    start = as_of - timedelta(days=window_days - 1)
    recent = [c for c in cases if start <= c.accepted_on <= as_of]
    by_applicant_item: dict[tuple[str, str], list[CaseActivity]] = defaultdict(list)
    by_item: dict[str, list[CaseActivity]] = defaultdict(list)
    for case in recent:
        by_applicant_item[(case.applicant_id, case.item_code)].append(case)
        by_item[case.item_code].append(case)
    findings: list[AnomalyFinding] = []
    for (applicant, item), group in sorted(by_applicant_item.items()):
        if len(group) >= threshold:
            findings.append(AnomalyFinding("same_applicant_same_item", item, applicant, len(group), _ids(group)))
    for item, group in sorted(by_item.items()):
        if volume_multiple is None:
            applicants = {c.applicant_id for c in group}
            if len(applicants) >= threshold:
                findings.append(AnomalyFinding("many_applicants_same_item", item, None, len(applicants), _ids(group)))
        else:
            today = [c for c in group if c.accepted_on == as_of]
            applicants = {c.applicant_id for c in today}
            limit = many_applicants_limit(cases, item_code=item, as_of=as_of, multiple=volume_multiple,
                                          floor=volume_floor or 1)
            if applicants and len(applicants) >= limit:
                findings.append(AnomalyFinding("many_applicants_same_item", item, None, len(applicants), _ids(today),
                                               threshold=limit))
        terminated = [c for c in group if c.terminated_on_request]
        if len(terminated) >= threshold:
            findings.append(AnomalyFinding("repeated_termination", item, None, len(terminated), _ids(terminated)))
    return tuple(findings)


def _ids(cases: Iterable[CaseActivity]) -> tuple[str, ...]:
    return tuple(sorted(c.case_id for c in cases))


def no_anomaly_watch(as_of: date) -> AnomalyReport:
    return AnomalyReport(False, as_of, None, None, (), (NO_ANOMALY_WATCH_RULE.ref,))


def first_asker(asked: Sequence[AskedStaff]) -> FirstAskerDecision:
    """The first staff asked; of several asked at the same moment, the highest-ranked (lowest ``rank_order``)."""
    if not asked:
        raise PolicyError("nobody was asked")
    earliest = min(s.asked_at for s in asked)
    responsible = min((s for s in asked if s.asked_at == earliest), key=lambda s: s.rank_order)
    return FirstAskerDecision(
        responsible_staff_id=responsible.staff_id,
        duties=(
            "answer: within own duties, answer at once and handle it",
            "hand_over: within the hall's remit, guide the applicant to the right window",
            "guide: outside the hall's remit, explain and point the way",
        ),
        rules=(FIRST_ASKER_RULE.ref,),
    )


def check_correction_notice(
    required: Iterable[str], supplied: Iterable[str], listed: Iterable[str]
) -> NoticeCheck:
    """一次性告知: the notice must list exactly the required materials not yet supplied."""
    missing = set(required) - set(supplied)
    listed_set = set(listed)
    left_out = tuple(sorted(missing - listed_set))
    not_missing = tuple(sorted(listed_set - missing))
    return NoticeCheck(not left_out, left_out, not_missing, (ONE_TIME_NOTICE_RULE.ref,))
