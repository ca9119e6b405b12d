"""GraphQL types for policy answers: each carries the rule(s) that decided it."""

from __future__ import annotations

import enum
from datetime import date

import strawberry

from core.graphql.enums import RatingLevelEnum
from core.graphql.rules import RuleReferenceType
from core.policy import types as policy


@strawberry.type(name="PolicyRule", description="本地规则: a rule the jurisdiction's plugin (or the national baseline) implements")
class PolicyRuleType:
    id: str
    title: str
    summary: str
    topic: str
    source: str = strawberry.field(description="jurisdiction code, guangdong, national or default")
    source_document: str
    article: str | None
    plugin_version: str
    effective_from: date | None

    @classmethod
    def from_rule(cls, rule: policy.PolicyRule) -> "PolicyRuleType":
        return cls(id=rule.id, title=rule.title, summary=rule.summary, topic=rule.topic, source=rule.source,
                   source_document=rule.source_document, article=rule.article, plugin_version=rule.plugin_version,
                   effective_from=rule.effective_from)


@strawberry.enum(description="日期类型")
class DayKind(enum.Enum):
    WORKDAY = "workday"
    MAKEUP_WORKDAY = "makeup_workday"
    WEEKEND = "weekend"
    STATUTORY_HOLIDAY = "statutory_holiday"
    LOCAL_CLOSURE = "local_closure"
    EXTRA_WORKDAY = "extra_workday"


@strawberry.type(name="DayStatus", description="工作日判定: whether a date is a working day, why, and whether that is an estimate")
class DayStatusType:
    date: date
    workday: bool
    kind: DayKind
    reason: str | None
    estimated: bool = strawberry.field(description="true for years the official calendar does not cover yet")
    basis: str = strawberry.field(description="override, chinese_calendar, confirmed_year, holidays_estimate or weekday_estimate")

    @classmethod
    def from_status(cls, status: policy.DayStatus) -> "DayStatusType":
        return cls(date=status.date, workday=status.workday, kind=DayKind(status.kind), reason=status.reason,
                   estimated=status.estimated, basis=status.basis)


@strawberry.type(name="TimeSpan", description="时段, start and end as HH:MM")
class TimeSpanType:
    start: str
    end: str

    @classmethod
    def many(cls, spans) -> list["TimeSpanType"]:
        return [cls(start=f"{s.start:%H:%M}", end=f"{s.end:%H:%M}") for s in spans]


@strawberry.type(name="ServiceHours", description="服务时间: public spans (对外服务) and internal spans (整理内务、学习) of a date")
class ServiceHoursType:
    date: date
    open: bool
    public: list[TimeSpanType]
    internal: list[TimeSpanType]
    schedule: str = strawberry.field(description="the timetable that applied, e.g. summer.friday")
    configurable: bool = strawberry.field(description="true when the hours are a default a hall may configure")
    configured: bool = strawberry.field(description="true when the hall's own configuration applied")
    day: DayStatusType
    rules: list[RuleReferenceType]

    @classmethod
    def from_hours(cls, hours: policy.ServiceHours) -> "ServiceHoursType":
        return cls(date=hours.date, open=hours.open, public=TimeSpanType.many(hours.public),
                   internal=TimeSpanType.many(hours.internal), schedule=hours.schedule,
                   configurable=hours.configurable, configured=hours.configured,
                   day=DayStatusType.from_status(hours.day), rules=RuleReferenceType.many(hours.rules))


@strawberry.type(name="ApprovalStep", description="审批环节: who approves, on which side (hall or department)")
class ApprovalStepType:
    role: str
    side: str = strawberry.field(description="hall | department")
    title: str
    action: str


@strawberry.type(name="LeaveApprovalChain", description="请假审批流程 for a duration, from the jurisdiction's plugin")
class LeaveChainType:
    kind: str
    days: float
    band: str = strawberry.field(description="the duration band that applied, e.g. under_half_day")
    approval_required: bool = strawberry.field(description="false for what is reported, not approved (business trips, meetings)")
    steps: list[ApprovalStepType]
    requirements: list[str] = strawberry.field(
        description="preconditions: substitute, b_role_substitute, window_staffed, return_report (销假)"
    )
    form: str | None
    rules: list[RuleReferenceType]

    @classmethod
    def from_chain(cls, chain: policy.LeaveChain) -> "LeaveChainType":
        requirements = [name for name, needed in (
            ("substitute", chain.substitute_required),
            ("b_role_substitute", chain.b_role_substitute_required),
            ("window_staffed", chain.window_must_stay_staffed),
            ("return_report", chain.return_report_required),
        ) if needed]
        return cls(kind=chain.kind, days=chain.days, band=chain.band, approval_required=chain.approval_required,
                   steps=[ApprovalStepType(role=s.role, side=s.side, title=s.title, action=s.action) for s in chain.steps],
                   requirements=requirements, form=chain.form, rules=RuleReferenceType.many(chain.rules))


@strawberry.type(name="StandardHallName", description="标准名称: a hall's standard Chinese name and English full and short names")
class StandardHallNameType:
    chinese: str
    english_full: str
    english_short: str
    kind: str = strawberry.field(description="center (政务服务中心) or station (便民服务站)")
    rules: list[RuleReferenceType]

    @classmethod
    def from_name(cls, name: policy.HallName) -> "StandardHallNameType":
        return cls(chinese=name.name_zh, english_full=name.name_en_full, english_short=name.name_en_short,
                   kind=name.kind, rules=RuleReferenceType.many(name.rules))


@strawberry.type(name="NameViolation", description="违反的命名规则")
class NameViolationType:
    rule: str
    message: str
    field: str | None


@strawberry.type(name="HallNameValidation", description="名称校验结果")
class HallNameValidationType:
    valid: bool
    violations: list[NameViolationType]
    rules: list[RuleReferenceType]

    @classmethod
    def from_validation(cls, result: policy.NameValidation, lang: str) -> "HallNameValidationType":
        return cls(valid=result.valid, rules=RuleReferenceType.many(result.rules), violations=[
            NameViolationType(rule=v.rule_id, message=v.message_en if lang == "en" else v.message_zh, field=v.field)
            for v in result.violations
        ])


@strawberry.type(name="WindowPlan", description="窗口测算 (dongguan 4.6): comprehensive windows and staff for a daily case volume")
class WindowPlanType:
    daily_case_volume: int
    windows: int
    staff: int
    cases_per_window: int
    staff_per_window: str
    rules: list[RuleReferenceType]

    @classmethod
    def from_plan(cls, plan: policy.WindowPlan) -> "WindowPlanType":
        return cls(daily_case_volume=plan.daily_case_volume, windows=plan.windows, staff=plan.staff,
                   cases_per_window=plan.cases_per_window, staff_per_window=plan.staff_per_window,
                   rules=RuleReferenceType.many(plan.rules))


@strawberry.type(name="RatingScaleLevel", description="好差评等级及分值")
class RatingScaleLevelType:
    level: RatingLevelEnum
    label: str = strawberry.field(description="e.g. 非常满意")
    score: int
    rules: list[RuleReferenceType]
