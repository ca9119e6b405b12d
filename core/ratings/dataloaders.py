"""Rating loaders."""

from core.graphql.loaders import GroupedLoader
from core.ratings.models import Rating


class RatingsByCaseIdLoader(GroupedLoader):
    model = Rating
    key = "case_id"
    order_by = ("rated_at", "id")
