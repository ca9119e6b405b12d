"""Leave (请假): the national baseline and helpers plugins share (RULEBOOK §6).

Durations are working days within the jurisdiction's schedule: a half day is
one morning or one afternoon session. :func:`leave_duration` turns a span of
dates and sessions into that number using the one working calendar.
"""

from __future__ import annotations

from datetime import date

from core.policy.calendar import WorkingCalendar
from core.policy.rules import default_rule
from core.policy.types import LEAVE_KINDS, ApprovalStep, LeaveChain, LeaveKind, LeaveRequirements, PolicyError, RuleRef

DEFAULT_CHAIN_RULE = default_rule(
    "default.leave.chain",
    topic="leave_chain",
    title="默认请假审批",
    summary="Any leave: the chief representative approves (department), then the hall office (hall).",
    article="RULEBOOK §6 (panyu Art 63 says only 事假审批)",
)
DEFAULT_KINDS_RULE = default_rule(
    "default.leave.kinds",
    topic="leave_kinds",
    title="默认请假类别",
    summary="Personal and sick leave, business trips and meetings all go through the approval chain.",
    article="RULEBOOK §6",
)
DEFAULT_RETURN_RULE = default_rule(
    "default.leave.return",
    topic="leave_return",
    title="销假",
    summary="Returning from leave is recorded (销假).",
    article="RULEBOOK §6",
)

SESSIONS = ("morning", "afternoon")

LEAVE_KIND_TITLES = {
    "personal": "事假",
    "sick": "病假",
    "business_trip": "因公外出",
    "meeting": "参加会议",
}

CHIEF_REPRESENTATIVE = "chief_representative"


def check_leave(kind: str, days: float, hours: float | None) -> None:
    if kind not in LEAVE_KINDS:
        raise PolicyError(f"unknown leave kind {kind!r}; expected one of {', '.join(LEAVE_KINDS)}")
    if days < 0 or (hours is not None and hours < 0):
        raise PolicyError("a leave duration cannot be negative")


def leave_chain(
    *,
    kind: str,
    days: float,
    hours: float | None,
    band: str,
    steps: tuple[ApprovalStep, ...],
    rules: tuple[RuleRef, ...],
    approval_required: bool = True,
    substitute_required: bool = False,
    b_role_substitute_required: bool = False,
    window_must_stay_staffed: bool = False,
    form: str | None = None,
    return_report_required: bool = True,
) -> LeaveChain:
    return LeaveChain(
        kind=kind,
        days=days,
        hours=hours,
        band=band,
        approval_required=approval_required,
        steps=steps,
        substitute_required=substitute_required or b_role_substitute_required,
        b_role_substitute_required=b_role_substitute_required,
        window_must_stay_staffed=window_must_stay_staffed,
        form=form,
        return_report_required=return_report_required,
        rules=rules,
    )


def default_leave_chain(days: float, hours: float | None, kind: str) -> LeaveChain:
    check_leave(kind, days, hours)
    return leave_chain(
        kind=kind,
        days=days,
        hours=hours,
        band="any",
        steps=(
            ApprovalStep(CHIEF_REPRESENTATIVE, "department", "首席代表", "approve"),
            ApprovalStep("hall_office", "hall", "中心管理办公室", "approve"),
        ),
        rules=(DEFAULT_CHAIN_RULE.ref, DEFAULT_RETURN_RULE.ref),
    )


#: R6: no seed but nanbu provides for documents or leave by phone.
#: R6: the certificate or proof attached to a leave request; no seed fixes its size.
ATTACHMENT_SIZE_RULE = default_rule(
    "default.leave.attachment_size",
    topic="leave_attachment_size",
    title="请假附件大小上限",
    summary="A document attached to a leave request (a hospital certificate, a proof) is a PDF, JPEG or PNG of at "
    "most 5 MB (default, configurable by the jurisdiction admin: leave.attachment_max_mb); the seeds fix no size.",
    article="RULEBOOK §16 R6 (nanbu 考勤制度 二(二)-(三))",
)
DEFAULT_ATTACHMENT_MAX_MB = 5

DEFAULT_REQUIREMENTS_RULE = default_rule(
    "default.leave.requirements",
    topic="leave_requirements",
    title="请假无附加材料要求",
    summary="No document is required before approval and leave is not asked by phone (the chain is walked first).",
    article="RULEBOOK §16 R6",
)


def default_leave_requirements(kind: str) -> LeaveRequirements:
    return LeaveRequirements(kind, None, None, False, None, (DEFAULT_REQUIREMENTS_RULE.ref,))


def default_leave_kinds() -> tuple[LeaveKind, ...]:
    return tuple(
        LeaveKind(code, LEAVE_KIND_TITLES[code], "approved", (DEFAULT_KINDS_RULE.ref,)) for code in LEAVE_KINDS
    )


def leave_duration(
    calendar: WorkingCalendar,
    first_day: date,
    last_day: date,
    first_session: str = "morning",
    last_session: str = "afternoon",
) -> float:
    """Working days of leave from ``first_session`` of ``first_day`` to ``last_session`` of ``last_day``.

    Each working day is two half-day sessions; days that are not working days count nothing.
    """
    if first_session not in SESSIONS or last_session not in SESSIONS:
        raise PolicyError(f"a session is one of {', '.join(SESSIONS)}")
    if last_day < first_day or (last_day == first_day and (first_session, last_session) == SESSIONS[::-1]):
        raise PolicyError("leave ends before it starts")
    halves = 0
    for day in calendar.working_days_in(first_day, last_day):
        halves += 2
        if day == first_day and first_session == "afternoon":
            halves -= 1
        if day == last_day and last_session == "morning":
            halves -= 1
    return halves / 2
