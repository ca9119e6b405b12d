"""GraphQL types for ratings."""

from __future__ import annotations

from datetime import datetime

import strawberry

from core.graphql.enums import RatingChannelEnum, RatingLevelEnum
from core.graphql.relay import Node, to_global_id
from core.ratings.models import Rating, RatingChannel, RatingLevel
from core.timezones import to_local


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
            rated_at=to_local(row.rated_at),
            row=row,
        )
