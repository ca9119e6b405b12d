"""Staff queries and mutations."""

from __future__ import annotations

import strawberry

from core.staff.mutations.staff_update_employment import StaffEmploymentResult, update_staff_employment


@strawberry.type
class StaffMutation:
    update_staff_employment: StaffEmploymentResult = strawberry.mutation(
        resolver=update_staff_employment,
        description="职级/岗位: the dispatching department's decision (dongguan 6.3.4a)",
    )
