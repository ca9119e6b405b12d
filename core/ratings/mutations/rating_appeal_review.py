"""reviewRatingAppeal: the hall reviews an appeal (复核) — upheld, or overturned as mistaken or malicious (panyu Art 43)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.auth.access import PermissionDeniedError, hall_scope, is_own_staff, require
from core.auth.roles import Side
from core.db.base import utcnow
from core.errors import DomainError, NotFoundError
from core.graphql.enums import AppealOutcomeEnum
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.policy.access import policy_in_session
from core.ratings import service as rating_service
from core.ratings.models import AppealOutcomeCode, Rating, RatingAppeal
from core.ratings.types import RatingAppealType
from core.timezones import to_local

#: The permission each reviewer of the policy answers with (``AppealReview.reviewed_by``).
REVIEWER_PERMISSIONS = {"hall_office": ("rating", "review")}

FIELDS = ("status", "outcome", "rectification_required", "review_note", "rule_ids")


@strawberry.input(description="复核结果 of an appeal")
class ReviewRatingAppealInput:
    appeal_id: strawberry.ID
    outcome: AppealOutcomeEnum = strawberry.field(
        description="UPHELD: the rating stands, rectify; OVERTURNED_*: excluded from assessment and satisfaction")
    note: str | None = strawberry.field(default=None, description="复核意见")


@strawberry.type
class ReviewRatingAppealSuccess:
    appeal: RatingAppealType


ReviewRatingAppealResult = Annotated[Union[ReviewRatingAppealSuccess, *ERROR_TYPES],
                                     strawberry.union("ReviewRatingAppealResult")]


def require_reviewer(ctx, reviewed_by: str, hall: Hall) -> str:
    """The caller must act for the reviewer the rule names; a reviewer unknown here is refused, not guessed."""
    permission = REVIEWER_PERMISSIONS.get(reviewed_by)
    if permission is None:
        raise DomainError("POLICY_NO_ANSWER", {"reason": f"unknown appeal reviewer {reviewed_by}"})
    return require(ctx, *permission, hall_scope(ctx, hall))


async def review_rating_appeal(info: Info, input: ReviewRatingAppealInput) -> ReviewRatingAppealResult:
    ctx = info.context

    async def body(session, call):
        appeal = await session.get(RatingAppeal, from_global_id(input.appeal_id, "RatingAppeal")[1], with_for_update=True)
        hall = await session.get(Hall, appeal.hall_id) if appeal else None
        if appeal is None or hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("申诉", "Appeal")
        call.acted(target_type="RatingAppeal", target_id=appeal.id)
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        # Who reviews is the jurisdiction's rule (AppealReview.reviewed_by; panyu Art 43: the hall office).
        domain = require_reviewer(ctx, policy.appeal_review(to_local(appeal.filed_at).date()).reviewed_by, hall)
        if is_own_staff(ctx, appeal.staff_id):  # nobody reviews their own appeal
            raise PermissionDeniedError("rating", "review", Side.HALL, domain)
        rating = await session.get(Rating, appeal.rating_id, with_for_update=True)
        before = snapshot(appeal, FIELDS) | {"counts_in_assessment": rating.counts_in_assessment}
        await rating_service.review_appeal(
            session, policy=policy, appeal=appeal, rating=rating, outcome=AppealOutcomeCode(input.outcome.value),
            note=input.note, user_id=ctx.actor.user_id, now=utcnow(),
        )
        call.acted(domain=domain, before=before,
                   after=snapshot(appeal, FIELDS) | {"counts_in_assessment": rating.counts_in_assessment})
        return ReviewRatingAppealSuccess(appeal=RatingAppealType.from_model(appeal))

    return await run_mutation(info, "reviewRatingAppeal", body)
