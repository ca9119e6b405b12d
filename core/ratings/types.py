"""GraphQL types for ratings (好差评), appeals, reminders and rating statistics."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from core.auth.permissions import guarded
from core.cases.access import case_visible
from core.cases.dataloaders import CaseByIdLoader
from core.graphql.enums import AppealOutcomeEnum, AppealStatusEnum, RatingChannelEnum, RatingLevelEnum
from core.graphql.helpers import loader
from core.graphql.relay import Node, to_global_id
from core.graphql.rules import RuleReferenceType
from core.halls.dataloaders import HallByIdLoader
from core.policy.access import policy_for
from core.policy.types import RateResult
from core.ratings.access import RatingReader
from core.ratings.dataloaders import AppealByRatingIdLoader, RatingByIdLoader
from core.ratings.models import (
    AppealOutcomeCode,
    AppealStatus,
    Rating,
    RatingAppeal,
    RatingChannel,
    RatingLevel,
    RatingReminder,
)
from core.staff.dataloaders import StaffByIdLoader
from core.timezones import local_today, to_local


@strawberry.type(name="Rating", description="好差评: a citizen's rating of a case")
class RatingType(Node):
    id: strawberry.ID
    level: RatingLevelEnum
    level_label: str = strawberry.field(description="e.g. 非常满意")
    score: float = strawberry.field(description="Score on the jurisdiction's scale")
    channel: RatingChannelEnum
    channel_label: str
    comment: str | None
    defaulted: bool = strawberry.field(description="默认评价: given by the platform when the citizen did not rate in time")
    counts_in_assessment: bool = strawberry.field(
        description="False once an appeal overturned the rating as mistaken or malicious (panyu Art 43): "
        "then it counts in neither assessment deductions nor the satisfaction rate"
    )
    rule_ids: list[str] = strawberry.field(description="依据: the rules that gave the level and score")
    rated_at: datetime
    row: strawberry.Private[Rating]

    @classmethod
    def from_model(cls, row: Rating) -> "RatingType":
        level = RatingLevel(row.level)
        channel = RatingChannel(row.channel)
        return cls(
            id=to_global_id("Rating", row.id),
            level=level,
            level_label=level.label,
            score=row.score,
            channel=channel,
            channel_label=channel.label,
            comment=row.comment,
            defaulted=row.defaulted,
            counts_in_assessment=row.counts_in_assessment,
            rule_ids=list(row.rule_ids or ()),
            rated_at=to_local(row.rated_at),
            row=row,
        )

    @strawberry.field(description="被评价的工作人员")
    async def staff(self, info: Info) -> Annotated["StaffType", strawberry.lazy("core.staff.types")] | None:
        if self.row.staff_id is None:
            return None
        return staff_types.StaffType.from_model(await loader(info, StaffByIdLoader).load(self.row.staff_id))

    @strawberry.field(description="所评办件 (null unless you may see the case)")
    async def case(self, info: Info) -> Annotated["CaseType", strawberry.lazy("core.cases.types")] | None:
        case = await loader(info, CaseByIdLoader).load(self.row.case_id)
        return case_types.CaseType.from_model(case) if case is not None and await case_visible(info, case) else None

    @strawberry.field(description="申诉 (the hall's rating readers and the rated staff member)", extensions=guarded(RatingReader()))
    async def appeal(self, info: Info) -> RatingAppealType | None:
        appeal = await loader(info, AppealByRatingIdLoader).load(self.row.id)
        return RatingAppealType.from_model(appeal) if appeal else None

    @strawberry.field(description="申诉期: whether and until when the rated staff member may appeal",
                      extensions=guarded(RatingReader()))
    async def appeal_window(self, info: Info) -> AppealWindowType | None:
        hall = await loader(info, HallByIdLoader).load(self.row.hall_id)
        policy = await policy_for(info.context, hall.jurisdiction_code)
        window = policy.appeal_window(self.row.level, to_local(self.row.rated_at).date())
        return AppealWindowType(appealable=window.appealable, last_day=window.last_day,
                                working_days=window.working_days, filed_by=window.filed_by,
                                rules=RuleReferenceType.many(window.rules))


@strawberry.type(name="AppealWindow", description="申诉期 of a rating (panyu Art 43: 3 working days for 不满意/非常不满意)")
class AppealWindowType:
    appealable: bool
    last_day: date | None = strawberry.field(description="最后申诉日 (on the jurisdiction's working-day calendar)")
    working_days: int | None
    filed_by: str | None = strawberry.field(
        description="申诉人: who may file, per the rule (rated_staff: the staff member the rating is about)")
    rules: list[RuleReferenceType]


@strawberry.type(name="RatingAppeal", description="差评申诉: the rated staff member contests a rating; the hall reviews (复核)")
class RatingAppealType(Node):
    id: strawberry.ID
    status: AppealStatusEnum
    status_label: str
    reason: str = strawberry.field(description="申诉的主要事实和理由")
    filed_at: datetime
    review_due_on: date = strawberry.field(description="复核期限 (on the jurisdiction's working-day calendar)")
    outcome: AppealOutcomeEnum | None
    outcome_label: str | None
    rectification_required: bool | None = strawberry.field(description="整改: the rating stands and the staff rectifies")
    review_note: str | None
    reviewed_at: datetime | None
    rule_ids: list[str] = strawberry.field(description="依据: appeal window, review deadline and outcome rules")
    row: strawberry.Private[RatingAppeal]

    @classmethod
    def from_model(cls, row: RatingAppeal) -> "RatingAppealType":
        status = AppealStatus(row.status)
        outcome = AppealOutcomeCode(row.outcome) if row.outcome else None
        return cls(
            id=to_global_id("RatingAppeal", row.id),
            status=status,
            status_label=status.label,
            reason=row.reason,
            filed_at=to_local(row.filed_at),
            review_due_on=row.review_due_on,
            outcome=outcome,
            outcome_label=outcome.label if outcome else None,
            rectification_required=row.rectification_required,
            review_note=row.review_note,
            reviewed_at=to_local(row.reviewed_at),
            rule_ids=list(row.rule_ids or ()),
            row=row,
        )

    @strawberry.field(description="超期未复核: still pending after the review deadline")
    def overdue(self) -> bool:
        return self.row.status == AppealStatus.PENDING and local_today() > self.row.review_due_on

    @strawberry.field(description="逾期复核: reviewed after the review deadline")
    def reviewed_late(self) -> bool:
        return self.row.reviewed_at is not None and to_local(self.row.reviewed_at).date() > self.row.review_due_on

    @strawberry.field
    async def rating(self, info: Info) -> RatingType:
        return RatingType.from_model(await loader(info, RatingByIdLoader).load(self.row.rating_id))

    @strawberry.field(description="申诉人: the rated staff member")
    async def staff(self, info: Info) -> Annotated["StaffType", strawberry.lazy("core.staff.types")]:
        return staff_types.StaffType.from_model(await loader(info, StaffByIdLoader).load(self.row.staff_id))


@strawberry.type(name="RatingReminder", description="评价提醒: a reminder queued for the 好差评 system's SMS sender (panyu Art 40)")
class RatingReminderType(Node):
    id: strawberry.ID
    channel: str = strawberry.field(description="how it goes out, e.g. sms")
    due_at: datetime
    created_at: datetime
    rule_ids: list[str]
    row: strawberry.Private[RatingReminder]

    @classmethod
    def from_model(cls, row: RatingReminder) -> "RatingReminderType":
        return cls(id=to_global_id("RatingReminder", row.id), channel=row.channel, due_at=to_local(row.due_at),
                   created_at=to_local(row.created_at), rule_ids=list(row.rule_ids or ()), row=row)

    @strawberry.field(description="待评价办件 (its applicant's phone is masked unless you may see personal data)")
    async def case(self, info: Info) -> Annotated["CaseType", strawberry.lazy("core.cases.types")] | None:
        case = await loader(info, CaseByIdLoader).load(self.row.case_id)
        return case_types.CaseType.from_model(case) if case is not None and await case_visible(info, case) else None


@strawberry.type(name="Rate", description="A rate with what it was computed from, against its target where there is one")
class RateType:
    value: float | None = strawberry.field(description="0..1; null when nothing was counted")
    numerator: int
    denominator: int
    target: float | None
    meets_target: bool | None
    rules: list[RuleReferenceType]

    @classmethod
    def from_result(cls, result: RateResult) -> "RateType":
        return cls(value=result.value, numerator=result.numerator, denominator=result.denominator,
                   target=result.target, meets_target=result.meets_target, rules=RuleReferenceType.many(result.rules))


@strawberry.type(name="RatingLevelCount")
class RatingLevelCountType:
    level: RatingLevelEnum
    level_label: str
    count: int


@strawberry.type(name="RatingChannelCount")
class RatingChannelCountType:
    channel: RatingChannelEnum
    channel_label: str
    count: int


@strawberry.type(name="RatingStatistics", description="好差评统计 of a hall for a period, counted in SQL")
class RatingStatisticsType:
    from_date: date = strawberry.field(name="from")
    to_date: date = strawberry.field(name="to")
    handled_cases: int = strawberry.field(description="办结件: cases accepted in the period and completed")
    rated_cases: int = strawberry.field(description="of those, cases a citizen rated (default ratings do not count)")
    rating_rate: RateType = strawberry.field(description="评价率: rated ÷ handled cases, against the target (panyu Art 34(三))")
    satisfaction: RateType = strawberry.field(
        description="满意率: ratings at 基本满意 or better ÷ ratings given in the period, overturned ones left out")
    by_level: list[RatingLevelCountType] = strawberry.field(description="ratings given in the period that count, by level")
    by_channel: list[RatingChannelCountType] = strawberry.field(description="every rating given in the period, by channel")
    defaulted_ratings: int
    overturned_ratings: int = strawberry.field(description="overturned on appeal: left out of satisfaction and assessment")


from core.cases import types as case_types  # noqa: E402
from core.staff import types as staff_types  # noqa: E402


@strawberry.type(name="RatingDevice", description="评价器 / 自助终端: a registered rating device bound to a window (R1)")
class RatingDeviceType:
    id: strawberry.ID
    kind: str = strawberry.field(description="device (评价器, bound to a window) or terminal (自助终端, the hall's)")
    kind_label: str
    name: str
    hall_id: strawberry.ID
    window_id: strawberry.ID | None = strawberry.field(description="The window it rates for (评价器)")
    registered_at: datetime
    revoked_at: datetime | None
    active: bool

    @classmethod
    def from_model(cls, row) -> "RatingDeviceType":
        from core.ratings.models import RatingDeviceKind

        return cls(
            id=to_global_id("RatingDevice", row.id), kind=row.kind, kind_label=RatingDeviceKind(row.kind).label,
            name=row.name, hall_id=to_global_id("Hall", row.hall_id),
            window_id=to_global_id("Window", row.window_id) if row.window_id else None,
            registered_at=to_local(row.registered_at), revoked_at=to_local(row.revoked_at) if row.revoked_at else None,
            active=row.revoked_at is None,
        )
