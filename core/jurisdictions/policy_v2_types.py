"""GraphQL faces of the rules added in RULEBOOK §16 (v2), each answer with the rules (and articles) that decided it."""

from __future__ import annotations

import strawberry

from core.graphql.rules import RuleReferenceType
from core.policy import types as policy


@strawberry.type(name="AssessmentCadencePolicy", description="考核周期 of the scheme, e.g. monthly 月度考核 (jiedong Art 26)")
class AssessmentCadencePolicyType:
    code: str
    title: str
    description: str


@strawberry.type(name="AssessmentDimensionPolicy", description="考核维度, e.g. 德 能 勤 绩 廉")
class AssessmentDimensionPolicyType:
    code: str
    name: str
    meaning: str


@strawberry.type(name="AssessmentSchemePolicy",
                 description="考核办法: cadences, grades, who proposes, decides and records the annual grade, bottom watch")
class AssessmentSchemePolicyType:
    cadences: list[AssessmentCadencePolicyType]
    dimensions: list[AssessmentDimensionPolicyType]
    annual_formula: str
    emphasis: str | None = strawberry.field(description="e.g. 注重实绩")
    grades: list[str] = strawberry.field(description="考核等次, e.g. 优秀 称职 基本称职 不称职 (dongying also 不合格)")
    grade_proposed_by: str
    grade_decided_by: str | None = strawberry.field(
        description="who decides before the department records (dongying: assessment_group, 考核小组; R5)")
    grade_recorded_by: str
    bottom_watch: int | None = strawberry.field(description="后N名 watched for return to unit (dongying: 6; ties per R9)")
    rules: list[RuleReferenceType]

    @classmethod
    def from_scheme(cls, scheme: policy.AssessmentScheme) -> "AssessmentSchemePolicyType":
        return cls(
            cadences=[AssessmentCadencePolicyType(code=c.code, title=c.title, description=c.content)
                      for c in scheme.cadences],
            dimensions=[AssessmentDimensionPolicyType(code=d.code, name=d.name, meaning=d.meaning)
                        for d in scheme.dimensions],
            annual_formula=scheme.annual_formula, emphasis=scheme.emphasis,
            grades=list(scheme.grades), grade_proposed_by=scheme.grade_proposed_by,
            grade_decided_by=scheme.grade_decided_by, grade_recorded_by=scheme.grade_recorded_by,
            bottom_watch=scheme.bottom_watch, rules=RuleReferenceType.many(scheme.rules),
        )


@strawberry.type(name="RuleSetting",
                 description="可配置默认值: a default no seed fixes (source `default`), set by the jurisdiction admin")
class RuleSettingType:
    key: str
    title: str
    value: float = strawberry.field(description="the value in force")
    default: float
    is_default: bool
    minimum: float
    maximum: float
    rule_id: str = strawberry.field(description="the default rule it configures")

    @classmethod
    def build(cls, key: str, stored: float | None) -> "RuleSettingType":
        from core.policy.settings import SETTINGS

        spec = SETTINGS[key]
        return cls(key=key, title=spec.title, value=spec.default if stored is None else stored, default=spec.default,
                   is_default=stored is None, minimum=spec.minimum, maximum=spec.maximum, rule_id=spec.rule_id)


@strawberry.type(name="DutySlotPolicy", description="值班时段 of a day's duty plan")
class DutySlotPolicyType:
    code: str
    title: str
    start: str
    end: str
    location: str | None
    notified_days_ahead: int | None
    swaps: str | None


@strawberry.type(name="DutyPlanPolicy",
                 description="值班安排 of a day: working-day slots, or on a closed day the holiday roster (R3)")
class DutyPlanPolicyType:
    slots: list[DutySlotPolicyType]
    rules: list[RuleReferenceType]

    @classmethod
    def from_plan(cls, plan: policy.DutyPlan) -> "DutyPlanPolicyType":
        return cls(slots=[DutySlotPolicyType(code=s.code, title=s.title, start=s.span.start.strftime("%H:%M"),
                                             end=s.span.end.strftime("%H:%M"), location=s.location,
                                             notified_days_ahead=s.notified_days_ahead, swaps=s.swaps)
                          for s in plan.slots], rules=RuleReferenceType.many(plan.rules))


@strawberry.type(name="LeaveRequirementsPolicy",
                 description="请假附加要求 of a kind of leave: a document before approval, leave by phone (R6)")
class LeaveRequirementsPolicyType:
    kind: str
    attachment: str | None = strawberry.field(description="e.g. hospital_certificate: attached before any approval")
    attachment_title: str | None = strawberry.field(description="e.g. 医院证明")
    phone_leave_allowed: bool
    paperwork_working_days: int | None = strawberry.field(description="电话请假: paperwork due within (working days)")
    rules: list[RuleReferenceType]

    @classmethod
    def from_requirements(cls, needs: policy.LeaveRequirements) -> "LeaveRequirementsPolicyType":
        return cls(kind=needs.kind, attachment=needs.attachment, attachment_title=needs.attachment_title,
                   phone_leave_allowed=needs.phone_leave_allowed, paperwork_working_days=needs.paperwork_working_days,
                   rules=RuleReferenceType.many(needs.rules))


@strawberry.type(name="CheckInSlotPolicy", description="一次考勤: in by / out from")
class CheckInSlotPolicyType:
    code: str
    title: str
    direction: str
    at: str


@strawberry.type(name="RoleCheckInMinimumPolicy", description="每月到厅考勤次数下限 of a role (jiedong Art 24; R7)")
class RoleCheckInMinimumPolicyType:
    role: str
    title: str
    check_ins_per_month: int


@strawberry.type(name="CheckInPlanPolicy",
                 description="考勤安排 of a date: the check-ins, how they are taken (R2), random roll calls, monthly minimums (R7)")
class CheckInPlanPolicyType:
    slots: list[CheckInSlotPolicyType]
    method: str | None = strawberry.field(description="the required method, e.g. face_recognition (jiedong Art 24)")
    random_roll_calls: bool = strawberry.field(description="随时点名考勤 (nanbu 考勤制度 一)")
    role_minimums: list[RoleCheckInMinimumPolicyType]
    rules: list[RuleReferenceType]

    @classmethod
    def from_plan(cls, plan: policy.CheckInPlan) -> "CheckInPlanPolicyType":
        return cls(slots=[CheckInSlotPolicyType(code=s.code, title=s.title, direction=s.direction,
                                                at=s.at.strftime("%H:%M")) for s in plan.slots],
                   method=plan.method, random_roll_calls=plan.random_roll_calls,
                   role_minimums=[RoleCheckInMinimumPolicyType(role=m.role, title=m.title,
                                                               check_ins_per_month=m.check_ins_per_month)
                                  for m in plan.role_minimums],
                   rules=RuleReferenceType.many(plan.rules))
