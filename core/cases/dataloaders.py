"""Case loaders."""

from core.cases.models import Case
from core.graphql.loaders import ByKeyLoader, GroupedLoader


class CaseByIdLoader(ByKeyLoader):
    model = Case


class CaseBySerialNumberLoader(ByKeyLoader):
    model = Case
    key = "serial_number"


class CasesByHallIdLoader(GroupedLoader):
    model = Case
    key = "hall_id"
    order_by = ("accepted_at", "id")
