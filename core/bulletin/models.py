"""The bulletin's vocabulary (it has no tables: every figure is counted from cases, ratings and complaints)."""

from __future__ import annotations

from core.enums import LabelledEnum


class BulletinScope(LabelledEnum):
    """What one row of the bulletin is about."""

    HALL = ("hall", "大厅", "Hall")
    WINDOW = ("window", "窗口", "Window")
    DEPARTMENT = ("department", "部门", "Department")
    STAFF = ("staff", "工作人员", "Staff member")


#: The figures the platform counts (RULEBOOK §14); a jurisdiction's bulletin may name others it has no data for.
COMPUTED_METRICS = ("people_served", "cases", "overdue_cases", "correction_rate", "satisfaction", "praise",
                    "complaints", "rating_rate")
