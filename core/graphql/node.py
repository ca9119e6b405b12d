"""`node(id:)`: any object by its global ID, with the same visibility as everywhere else."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core.cases.access import case_visible
from core.cases.dataloaders import CaseByIdLoader
from core.cases.types import CaseType
from core.complaints.access import complaint_readable
from core.complaints.dataloaders import ComplaintByIdLoader
from core.complaints.types import ComplaintType
from core.departments.dataloaders import DepartmentByIdLoader
from core.departments.types import DepartmentType
from core.errors import DomainError
from core.graphql.helpers import loader
from core.graphql.relay import Node, from_global_id
from core.halls.schema import visible_hall
from core.halls.types import HallType
from core.items.dataloaders import ServiceItemByIdLoader
from core.items.types import ServiceItemType
from core.ratings.access import ratings_readable
from core.ratings.dataloaders import AppealByIdLoader, RatingByIdLoader
from core.ratings.types import RatingAppealType, RatingType
from core.staff.dataloaders import StaffByIdLoader
from core.staff.nodes import RESOLVERS as STAFF_MANAGEMENT_RESOLVERS
from core.staff.types import StaffType
from core.queue.dataloaders import TicketByIdLoader
from core.queue.types import TicketType
from core.windows.dataloaders import WindowByIdLoader
from core.windows.types import WindowType


async def _hall_scoped(info, loader_class, object_id, to_type):
    row = await loader(info, loader_class).load(object_id)
    if row is None or await visible_hall(info, row.hall_id) is None:
        return None
    return to_type(row)


async def _jurisdiction_scoped(info, loader_class, object_id, to_type):
    row = await loader(info, loader_class).load(object_id)
    if row is None or not info.context.plugins.is_enabled(row.jurisdiction_code):
        return None
    return to_type(row)


async def _case(info, object_id):
    case = await loader(info, CaseByIdLoader).load(object_id)
    return CaseType.from_model(case) if case is not None and await case_visible(info, case) else None


async def _rating(info, object_id):
    rating = await loader(info, RatingByIdLoader).load(object_id)
    if rating is None or await visible_hall(info, rating.hall_id) is None or not await ratings_readable(info, rating):
        return None
    return RatingType.from_model(rating)


async def _rating_appeal(info, object_id):
    appeal = await loader(info, AppealByIdLoader).load(object_id)
    if appeal is None or await visible_hall(info, appeal.hall_id) is None or not await ratings_readable(info, appeal):
        return None
    return RatingAppealType.from_model(appeal)


async def _complaint(info, object_id):
    complaint = await loader(info, ComplaintByIdLoader).load(object_id)
    return ComplaintType.from_model(complaint) if complaint and await complaint_readable(info, complaint) else None


async def _hall(info, object_id):
    hall = await visible_hall(info, object_id)
    return HallType.from_model(hall) if hall else None


RESOLVERS = {
    "Hall": _hall,
    "Window": lambda info, i: _hall_scoped(info, WindowByIdLoader, i, WindowType.from_model),
    "Staff": lambda info, i: _hall_scoped(info, StaffByIdLoader, i, StaffType.from_model),
    "Case": _case,
    "Department": lambda info, i: _jurisdiction_scoped(info, DepartmentByIdLoader, i, DepartmentType.from_model),
    "ServiceItem": lambda info, i: _jurisdiction_scoped(info, ServiceItemByIdLoader, i, ServiceItemType.from_model),
    "Rating": _rating,
    "RatingAppeal": _rating_appeal,
    "Complaint": _complaint,
    "Ticket": lambda info, i: _hall_scoped(info, TicketByIdLoader, i, TicketType.from_model),
    **STAFF_MANAGEMENT_RESOLVERS,
}


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by its global ID (Relay); null when it does not exist or is not visible")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        try:
            type_name, object_id = from_global_id(id)
        except DomainError:
            return None
        resolve = RESOLVERS.get(type_name)
        return await resolve(info, object_id) if resolve else None
