"""Rating loaders."""

from core.graphql.loaders import ByKeyLoader, GroupedLoader
from core.ratings.models import Rating, RatingAppeal


class RatingByIdLoader(ByKeyLoader):
    model = Rating


class RatingsByCaseIdLoader(GroupedLoader):
    model = Rating
    key = "case_id"
    order_by = ("rated_at", "id")


class AppealByIdLoader(ByKeyLoader):
    model = RatingAppeal


class AppealByRatingIdLoader(ByKeyLoader):
    model = RatingAppeal
    key = "rating_id"
