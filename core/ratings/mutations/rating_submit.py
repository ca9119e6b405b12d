"""submitRating: a citizen rates a case (好差评) on a channel — anonymous callers and rating devices alike."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.auth.roles import hall_domain
from core.db.base import utcnow
from core.graphql.enums import RatingChannelEnum, RatingLevelEnum
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.policy.access import policy_in_session
from core.ratings import service as rating_service
from core.ratings.models import RatingChannel, RatingLevel
from core.ratings.types import RatingType

FIELDS = ("case_id", "staff_id", "level", "score", "channel", "rule_ids")


@strawberry.input(description="A rating as the device, QR page, terminal, portal, SMS or 12345 collects it (panyu Art 36-42)")
class SubmitRatingInput:
    serial_number: str = strawberry.field(description="办件流水号, as on the receipt or the device")
    staff_number: str = strawberry.field(description="工号 of the staff member who handled the case")
    level: RatingLevelEnum
    channel: RatingChannelEnum = strawberry.field(description="评价渠道 (not DEFAULT: the platform gives that one)")
    comment: str | None = strawberry.field(default=None, description="评价意见; a bad rating should say why")


@strawberry.type
class SubmitRatingSuccess:
    rating: RatingType
    already_rated: bool = strawberry.field(
        description="True: the case was already rated on this channel; that first rating is returned, nothing changed")


SubmitRatingResult = Annotated[Union[SubmitRatingSuccess, *ERROR_TYPES], strawberry.union("SubmitRatingResult")]


async def submit_rating(info: Info, input: SubmitRatingInput) -> SubmitRatingResult:
    ctx = info.context

    async def body(session, call):
        case, hall = await rating_service.find_case(session, plugins=ctx.plugins, serial_number=input.serial_number.strip())
        call.acted(domain=hall_domain(hall.id), target_type="Case", target_id=case.id)
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        submission = await rating_service.submit(
            session, policy=policy, case=case, staff_number=input.staff_number, level=RatingLevel(input.level.value),
            channel=RatingChannel(input.channel.value), comment=input.comment, now=utcnow(),
        )
        rating = submission.rating
        # A retry changes nothing, so its audit entry has no "after".
        call.acted(target_type="Rating", target_id=rating.id, after=snapshot(rating, FIELDS) if submission.created else None)
        return SubmitRatingSuccess(rating=RatingType.from_model(rating), already_rated=not submission.created)

    return await run_mutation(info, "submitRating", body, rate_limit="submitRating")
