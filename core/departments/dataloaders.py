"""Department loaders."""

from core.departments.models import Department, HallDepartment
from core.graphql.loaders import ByKeyLoader, GroupedLoader


class DepartmentByIdLoader(ByKeyLoader):
    model = Department


class HallDepartmentsByHallIdLoader(GroupedLoader):
    model = HallDepartment
    key = "hall_id"
    order_by = ("stationed_on", "id")
