"""Rating (好差评) queries and mutations."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from core.auth.access import hall_scope, require
from core.errors import DomainError, NotFoundError
from core.graphql.enums import AppealStatusEnum, RatingChannelEnum, RatingLevelEnum
from core.graphql.relay import Connection, from_global_id, paginate
from core.halls.models import Hall
from core.halls.schema import visible_hall
from core.periods import period_bounds
from core.policy.access import policy_for
from core.ratings import service as rating_service
from core.ratings.models import Rating, RatingAppeal, RatingChannel, RatingDevice, RatingLevel, RatingReminder
from core.ratings.mutations.rating_appeal import AppealRatingResult, appeal_rating
from core.ratings.mutations.rating_appeal_review import ReviewRatingAppealResult, review_rating_appeal
from core.ratings.mutations.rating_device_register import RegisterRatingDeviceResult, register_rating_device
from core.ratings.mutations.rating_device_revoke import RevokeRatingDeviceResult, revoke_rating_device
from core.ratings.mutations.rating_submit import SubmitRatingResult, submit_rating
from core.ratings import devices as device_service
from core.ratings.types import (
    RateType,
    RatingAppealType,
    RatingChannelCountType,
    RatingDeviceType,
    RatingLevelCountType,
    RatingReminderType,
    RatingStatisticsType,
    RatingType,
)
from core.timezones import local_today

PeriodStart = Annotated[date | None, strawberry.argument(name="from", description="first local day (included)")]
PeriodEnd = Annotated[date | None, strawberry.argument(description="last local day (included)")]


async def readable_hall(info: Info, hall_id: strawberry.ID, obj: str = "rating", act: str = "read") -> Hall:
    """The hall, when it is visible and the caller may ``act`` on its ``obj``; NOT_FOUND or PERMISSION_DENIED."""
    hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
    if hall is None:
        raise NotFoundError("大厅", "Hall")
    require(info.context, obj, act, hall_scope(info.context, hall))
    return hall


async def listable_hall(info: Info, hall_id: strawberry.ID, obj: str = "rating") -> Hall | None:
    """The hall a list is asked over, or None when the caller may not read its ``obj`` there.

    Lists answer empty instead of failing (like ``cases``): a dashboard that asks for several lists keeps
    the ones it may see. The refusal is still audited (sampled per caller).
    """
    from core.audit.denials import is_denial, record_denial

    try:
        return await readable_hall(info, hall_id, obj)
    except DomainError as error:
        if is_denial(error):
            await record_denial(info.context, f"read:{obj}s", error)
            return None
        if error.code == "NOT_FOUND":
            return None
        raise


def empty_connection() -> Connection:
    from core.graphql.relay import PageInfo

    return Connection(edges=[], page_info=PageInfo(has_next_page=False, has_previous_page=False, start_cursor=None,
                                                   end_cursor=None), total_count=0)


@strawberry.type
class RatingQuery:
    @strawberry.field(description="好差评 of a hall, newest first (rating readers of the hall)")
    async def ratings(
        self,
        info: Info,
        hall_id: strawberry.ID,
        from_: PeriodStart = None,
        to: PeriodEnd = None,
        level: RatingLevelEnum | None = None,
        channel: RatingChannelEnum | None = None,
        staff_id: strawberry.ID | None = None,
        defaulted: bool | None = None,
        appealed: bool | None = None,
        counts_in_assessment: Annotated[bool | None, strawberry.argument(
            description="false: only ratings overturned on appeal")] = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> Connection[RatingType]:
        start, end = period_bounds(from_, to)
        hall = await listable_hall(info, hall_id)
        if hall is None:
            return empty_connection()
        stmt = rating_service.list_statement(
            hall_id=hall.id, start=start, end=end, level=level.value if level else None,
            channel=channel.value if channel else None,
            staff_id=from_global_id(staff_id, "Staff")[1] if staff_id else None,
            defaulted=defaulted, appealed=appealed, counts_in_assessment=counts_in_assessment,
        )
        async with info.context.db.session() as session:
            return await paginate(session, stmt, order_by=(Rating.rated_at, Rating.id), descending=True,
                                  first=first, after=after, to_node=RatingType.from_model)

    @strawberry.field(description="评价率与满意率 of a hall for a period, against the jurisdiction's target")
    async def rating_statistics(
        self,
        info: Info,
        hall_id: strawberry.ID,
        from_: Annotated[date, strawberry.argument(name="from")],
        to: date,
    ) -> RatingStatisticsType:
        hall = await readable_hall(info, hall_id)
        start, end = period_bounds(from_, to)
        policy = await policy_for(info.context, hall.jurisdiction_code)
        async with info.context.db.session() as session:
            counts = await rating_service.counts(session, hall_id=hall.id, start=start, end=end)
        return RatingStatisticsType(
            from_date=from_,
            to_date=to,
            handled_cases=counts.handled_cases,
            rated_cases=counts.rated_cases,
            rating_rate=RateType.from_result(policy.rating_rate(counts.rated_cases, counts.handled_cases)),
            satisfaction=RateType.from_result(policy.satisfaction_rate(counts.by_level)),
            by_level=[RatingLevelCountType(level=level, level_label=level.label, count=counts.by_level[level.value])
                      for level in RatingLevel],
            by_channel=[RatingChannelCountType(channel=channel, channel_label=channel.label,
                                               count=counts.by_channel[channel.value]) for channel in RatingChannel],
            defaulted_ratings=counts.defaulted,
            overturned_ratings=counts.overturned,
        )

    @strawberry.field(description="差评申诉 of a hall, by review deadline (rating readers of the hall)")
    async def rating_appeals(
        self,
        info: Info,
        hall_id: strawberry.ID,
        status: AppealStatusEnum | None = None,
        overdue: Annotated[bool, strawberry.argument(description="only appeals still pending after their deadline")] = False,
        staff_id: strawberry.ID | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> Connection[RatingAppealType]:
        hall = await readable_hall(info, hall_id)
        stmt = rating_service.appeals_statement(
            hall_id=hall.id, status=status.value if status else None,
            overdue_as_of=local_today() if overdue else None,
            staff_id=from_global_id(staff_id, "Staff")[1] if staff_id else None,
        )
        async with info.context.db.session() as session:
            return await paginate(session, stmt, order_by=(RatingAppeal.review_due_on, RatingAppeal.id),
                                  first=first, after=after, to_node=RatingAppealType.from_model)

    @strawberry.field(description="评价提醒 queued for a hall's unrated online cases, newest first (for the SMS sender)")
    async def rating_reminders(
        self, info: Info, hall_id: strawberry.ID, first: int | None = 20, after: str | None = None,
    ) -> Connection[RatingReminderType]:
        hall = await readable_hall(info, hall_id)
        async with info.context.db.session() as session:
            return await paginate(session, rating_service.reminders_statement(hall_id=hall.id),
                                  order_by=(RatingReminder.created_at, RatingReminder.id), descending=True,
                                  first=first, after=after, to_node=RatingReminderType.from_model)

    @strawberry.field(description="评价器 / 自助终端 registered in a hall (its rating-device managers)")
    async def rating_devices(
        self, info: Info, hall_id: strawberry.ID, include_revoked: bool = False,
    ) -> list[RatingDeviceType]:
        hall = await readable_hall(info, hall_id, obj="rating_device", act="manage")
        async with info.context.db.session() as session:
            rows = (await session.execute(device_service.list_statement(hall_id=hall.id, include_revoked=include_revoked)
                                          .order_by(RatingDevice.registered_at, RatingDevice.id))).scalars().all()
        return [RatingDeviceType.from_model(row) for row in rows]


@strawberry.type
class RatingMutation:
    submit_rating: SubmitRatingResult = strawberry.mutation(
        resolver=submit_rating,
        description="好差评: rate a case once (一次一评) on a proven channel (R1); a second rating on any channel returns the first",
    )
    register_rating_device: RegisterRatingDeviceResult = strawberry.mutation(
        resolver=register_rating_device,
        description="登记评价器: bind a rating device to a window (or a 自助终端 to the hall); returns its credential once (R1)",
    )
    revoke_rating_device: RevokeRatingDeviceResult = strawberry.mutation(
        resolver=revoke_rating_device, description="停用评价器: its credential rates nothing any more (R1)",
    )
    appeal_rating: AppealRatingResult = strawberry.mutation(
        resolver=appeal_rating,
        description="差评申诉: the rated staff member, within the jurisdiction's appeal window (panyu Art 43)",
    )
    review_rating_appeal: ReviewRatingAppealResult = strawberry.mutation(
        resolver=review_rating_appeal,
        description="申诉复核: the hall upholds or overturns the rating (panyu Art 43)",
    )
