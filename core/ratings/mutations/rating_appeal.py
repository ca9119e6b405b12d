"""appealRating: the rated staff member contests a 不满意/非常不满意 rating within the appeal window (panyu Art 43)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.auth.access import PermissionDeniedError, hall_scope, is_own_staff, require
from core.auth.roles import Side
from core.db.base import utcnow
from core.errors import NotFoundError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.policy.access import policy_in_session
from core.ratings import service as rating_service
from core.ratings.models import Rating
from core.ratings.types import RatingAppealType
from core.timezones import to_local

#: Who files an appeal, by ``AppealWindow.filed_by``: a check of the caller against the rating.
FILERS = {"rated_staff": lambda ctx, rating: is_own_staff(ctx, rating.staff_id)}

FIELDS = ("rating_id", "staff_id", "reason", "review_due_on", "status", "rule_ids")


@strawberry.input(description="申诉: filed by the staff member the rating is about")
class AppealRatingInput:
    rating_id: strawberry.ID
    reason: str = strawberry.field(description="申诉的主要事实和理由 (panyu Art 43)")


@strawberry.type
class AppealRatingSuccess:
    appeal: RatingAppealType


AppealRatingResult = Annotated[Union[AppealRatingSuccess, *ERROR_TYPES], strawberry.union("AppealRatingResult")]


def may_file(ctx, filed_by: str | None, rating: Rating) -> bool:
    """The rule names who files (``rated_staff``); a window naming nobody, or someone unknown here, lets nobody file."""
    check = FILERS.get(filed_by or "")
    return check is not None and check(ctx, rating)


async def appeal_rating(info: Info, input: AppealRatingInput) -> AppealRatingResult:
    ctx = info.context

    async def body(session, call):
        rating = await session.get(Rating, from_global_id(input.rating_id, "Rating")[1])
        hall = await session.get(Hall, rating.hall_id) if rating else None
        if rating is None or hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("评价", "Rating")
        call.acted(target_type="Rating", target_id=rating.id)
        domain = require(ctx, "rating", "appeal", hall_scope(ctx, hall))
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        # Who may file is the jurisdiction's rule (AppealWindow.filed_by; panyu Art 43: the rated staff member).
        window = policy.appeal_window(rating.level, to_local(rating.rated_at).date())
        if window.appealable and not may_file(ctx, window.filed_by, rating):
            raise PermissionDeniedError("rating", "appeal", Side.HALL, domain)
        appeal = await rating_service.appeal(session, policy=policy, rating=rating, user_id=ctx.actor.user_id,
                                             reason=input.reason, now=utcnow())
        call.acted(domain=domain, target_type="RatingAppeal", target_id=appeal.id, after=snapshot(appeal, FIELDS))
        return AppealRatingSuccess(appeal=RatingAppealType.from_model(appeal))

    return await run_mutation(info, "appealRating", body)
