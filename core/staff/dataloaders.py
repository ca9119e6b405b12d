"""Staff loaders."""

from core.graphql.loaders import ByKeyLoader, GroupedLoader
from core.staff.models import ConductRecord, Staff, StaffOnboarding, StaffReplacement, StaffTraining


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


# --- staff changes ---------------------------------------------------------------------------


class StaffOnboardingByIdLoader(ByKeyLoader):
    model = StaffOnboarding


class StaffReplacementByIdLoader(ByKeyLoader):
    model = StaffReplacement


class TrainingsByStaffIdLoader(GroupedLoader):
    model = StaffTraining
    key = "staff_id"
    order_by = ("completed_on", "id")


class ConductRecordsByStaffIdLoader(GroupedLoader):
    model = ConductRecord
    key = "staff_id"
    order_by = ("occurred_on", "id")
