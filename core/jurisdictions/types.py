"""GraphQL types for jurisdictions (served from the plugin host; no database row needed)."""

from __future__ import annotations

import asyncio

import datetime

import strawberry

from core import bounds
from strawberry.types import Info

from core.errors import DomainError
from core.halls.models import HallLevel
from core.graphql.rules import RuleReferenceType
from core.jurisdictions.policy_v2_types import (
    AssessmentSchemePolicyType,
    CheckInPlanPolicyType,
    DutyPlanPolicyType,
    LeaveRequirementsPolicyType,
    RuleSettingType,
)
from core.jurisdictions.policy_types import (
    DayStatusType,
    HallNameValidationType,
    LeaveChainType,
    PolicyRuleType,
    RatingScaleLevelType,
    ServiceHoursType,
    StandardHallNameType,
    WindowPlanType,
)
from core.plugins.info import JurisdictionInfo, SourceDocument
from core.policy.access import policy_for
from core.policy.types import PolicyError
from core.ratings.models import RatingLevel


@strawberry.type(name="SourceDocument", description="本地制度文件: a local regulation a plugin's rules come from")
class SourceDocumentType:
    title: str
    issued_by: str
    year: int | None
    reference: str | None = strawberry.field(description="文号")

    @classmethod
    def from_info(cls, doc: SourceDocument) -> "SourceDocumentType":
        return cls(title=doc.title, issued_by=doc.issued_by, year=doc.year, reference=doc.reference)


@strawberry.type(name="Jurisdiction", description="辖区: a jurisdiction whose plugin supplies the local rules")
class JurisdictionType:
    code: str
    name: str = strawberry.field(description="中文名称, e.g. 揭阳市揭东区")
    name_en: str
    province: str
    province_code: str
    region_code: str = strawberry.field(description="行政区划代码 (GB/T 2260)")
    managing_body: str = strawberry.field(description="管理机构, e.g. 揭东区政务服务和数据管理局")
    plugin_version: str
    enabled: bool
    source_documents: list[SourceDocumentType]

    @classmethod
    def from_info(cls, info_: JurisdictionInfo, enabled: bool) -> "JurisdictionType":
        return cls(
            code=info_.code,
            name=info_.name,
            name_en=info_.name_en,
            province=info_.province,
            province_code=info_.province_code,
            region_code=info_.region_code,
            managing_body=info_.managing_body,
            plugin_version=info_.plugin_version,
            enabled=enabled,
            source_documents=[SourceDocumentType.from_info(d) for d in info_.source_documents],
        )

    @classmethod
    def for_code(cls, info: Info, code: str) -> "JurisdictionType":
        host = info.context.plugins
        return cls.from_info(host.info(code), host.is_enabled(code))

    # --- local rules, from the jurisdiction's plugin (the national baseline where it is silent) ----

    @strawberry.field(description="本地规则: every rule in force here, with its source document and article")
    async def rules(self, info: Info) -> list[PolicyRuleType]:
        return [PolicyRuleType.from_rule(r) for r in (await policy_for(info.context, self.code)).rules()]

    @strawberry.field(description="工作日判定 on this jurisdiction's calendar (national calendar, overrides, local closures)")
    async def day_status(self, info: Info, date: datetime.date) -> DayStatusType:
        bounds.check_day(date, "date")
        return DayStatusType.from_status((await policy_for(info.context, self.code)).day_status(date))

    @strawberry.field(description="是否工作日")
    async def is_workday(self, info: Info, date: datetime.date) -> bool:
        bounds.check_day(date, "date")
        return (await policy_for(info.context, self.code)).is_working_day(date)

    @strawberry.field(description="对外服务时间 and internal spans on a date (the jurisdiction's timetable)")
    async def service_hours(self, info: Info, date: datetime.date) -> ServiceHoursType:
        bounds.check_day(date, "date")
        return ServiceHoursType.from_hours((await policy_for(info.context, self.code)).service_hours(date))

    @strawberry.field(description="加工作日: the n-th working day after start (counting starts the day after start)")
    async def add_working_days(self, info: Info, start: datetime.date, days: int) -> datetime.date:
        bounds.check_day(start, "start", "开始日期")
        bounds.check_working_days(days)
        policy = await policy_for(info.context, self.code)
        # Calendar walks are CPU work: off the event loop, so that other requests keep being served.
        result = await asyncio.to_thread(policy.add_working_days, start, days)
        return bounds.check_day(result, "days", "工作日数")

    @strawberry.field(description="工作日数: working days in (start, end]")
    async def working_days_between(self, info: Info, start: datetime.date, end: datetime.date) -> int:
        bounds.check_day(start, "start", "开始日期")
        bounds.check_day(end, "end", "结束日期")
        bounds.check_span(start, end)
        policy = await policy_for(info.context, self.code)
        return await asyncio.to_thread(policy.working_days_between, start, end)

    @strawberry.field(description="请假审批流程 for a duration in working days (a half day is one session)")
    async def leave_approval_chain(self, info: Info, days: float, hours: float | None = None,
                                   kind: str = "personal") -> LeaveChainType:
        policy = await policy_for(info.context, self.code)
        try:
            return LeaveChainType.from_chain(policy.leave_chain(days, hours=hours, kind=kind))
        except PolicyError as exc:
            raise DomainError("VALIDATION_FAILED", {"field": "days", "reason": str(exc)}) from exc

    @strawberry.field(description="标准名称 of a hall or station from its place and level (RULEBOOK §3)")
    async def standard_hall_name(self, info: Info, place: str, level: str, parent: str | None = None,
                                 pinyin: str | None = None, parent_pinyin: str | None = None) -> StandardHallNameType:
        policy = await policy_for(info.context, self.code)
        try:
            name = policy.standard_hall_name(place, level_label(level), parent=parent, pinyin=pinyin,
                                             parent_pinyin=parent_pinyin)
        except PolicyError as exc:
            raise DomainError("VALIDATION_FAILED", {"field": "level", "reason": str(exc)}) from exc
        return StandardHallNameType.from_name(name)

    @strawberry.field(description="名称校验: a proposed hall name against the naming rule, each violation naming its rule")
    async def validate_hall_name(self, info: Info, name: str, level: str | None = None,
                                 name_en: str | None = None) -> HallNameValidationType:
        policy = await policy_for(info.context, self.code)
        result = policy.validate_hall_name(name, level_label(level) if level else None, name_en)
        return HallNameValidationType.from_validation(result, info.context.lang)

    @strawberry.field(description="窗口测算 (dongguan 4.6): comprehensive windows and staff for a daily case volume")
    async def window_plan(self, info: Info, daily_case_volume: int) -> WindowPlanType:
        policy = await policy_for(info.context, self.code)
        try:
            return WindowPlanType.from_plan(policy.window_plan(daily_case_volume))
        except PolicyError as exc:
            raise DomainError("VALIDATION_FAILED", {"field": "dailyCaseVolume", "reason": str(exc)}) from exc

    @strawberry.field(description="好差评分值: the five levels with this jurisdiction's scores")
    async def rating_scale(self, info: Info) -> list[RatingScaleLevelType]:
        scale = (await policy_for(info.context, self.code)).rating_scale()
        rules = RuleReferenceType.many(scale.rules)
        return [RatingScaleLevelType(level=RatingLevel(entry.code), label=entry.name, score=entry.score, rules=rules)
                for entry in scale.levels]

    # --- RULEBOOK §16 (v2) ------------------------------------------------------------------------------

    @strawberry.field(description="考核办法: cadences (jiedong: monthly, R4), grades and who decides them (R5), bottom watch (R9)")
    async def assessment_scheme(self, info: Info) -> AssessmentSchemePolicyType:
        return AssessmentSchemePolicyType.from_scheme((await policy_for(info.context, self.code)).assessment_scheme())

    @strawberry.field(description="考勤安排 on a date: check-ins, method (R2), random roll calls, monthly minimums (R7)")
    async def check_in_plan(self, info: Info, date: datetime.date) -> CheckInPlanPolicyType:
        return CheckInPlanPolicyType.from_plan((await policy_for(info.context, self.code)).required_check_ins(date))

    @strawberry.field(description="值班安排 on a date: the working-day slots, or the holiday roster on a closed day (R3)")
    async def duty_plan(self, info: Info, date: datetime.date) -> DutyPlanPolicyType:
        from core.jurisdictions import settings as settings_service
        from core.policy.duty import holiday_span

        async with info.context.db.session() as session:
            configured = await settings_service.load(session, jurisdiction=self.code)
        policy = await policy_for(info.context, self.code)
        return DutyPlanPolicyType.from_plan(policy.duty_plan(date, holiday_span(configured)))

    @strawberry.field(description="请假附加要求 of a kind (personal, sick, …): document before approval, phone leave (R6)")
    async def leave_requirements(self, info: Info, kind: str) -> LeaveRequirementsPolicyType:
        from core.jurisdictions import settings as settings_service

        async with info.context.db.session() as session:
            stored = (await settings_service.load(session, jurisdiction=self.code)).get("leave.phone_paperwork_working_days")
        policy = await policy_for(info.context, self.code)
        return LeaveRequirementsPolicyType.from_requirements(
            policy.leave_requirements(kind, int(stored) if stored is not None else None))

    @strawberry.field(description="可配置默认值 of this jurisdiction's rules and the values in force (public)")
    async def rule_settings(self, info: Info) -> list[RuleSettingType]:
        from core.jurisdictions import settings as settings_service
        from core.policy.settings import SETTINGS, applies

        async with info.context.db.session() as session:
            stored = await settings_service.load(session, jurisdiction=self.code)
        return [RuleSettingType.build(key, stored.get(key)) for key, spec in SETTINGS.items() if applies(spec, self.code)]


def level_label(level: str) -> str:
    """Accept a level as 镇, TOWN or town; the plugins speak the Chinese labels."""
    try:
        return HallLevel.from_label(level).label
    except ValueError:
        raise DomainError("VALIDATION_FAILED", {"field": "level", "reason": f"未知层级 {level}",
                                                "reason_en": f"unknown level {level}"}) from None
