"""Hall loaders."""

from core.graphql.loaders import ByKeyLoader, GroupedLoader
from core.halls.models import Hall


class HallByIdLoader(ByKeyLoader):
    model = Hall


class SubHallsByParentIdLoader(GroupedLoader):
    model = Hall
    key = "parent_id"
    order_by = ("name", "id")
