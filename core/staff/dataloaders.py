"""Staff loaders."""

from core.graphql.loaders import ByKeyLoader, GroupedLoader
from core.staff.models import Staff


class StaffByIdLoader(ByKeyLoader):
    model = Staff


class StaffByHallIdLoader(GroupedLoader):
    model = Staff
    key = "hall_id"
    order_by = ("staff_number", "id")


class StaffByDepartmentIdLoader(GroupedLoader):
    model = Staff
    key = "department_id"
    order_by = ("staff_number", "id")
