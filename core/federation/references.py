"""Entity references (`_entities`): what a gateway sends, resolved with the visibility of `node(id:)`.

Every entity's ``resolve_reference`` comes here. Each one goes through the
request's loaders, so N representations of one type cost the same statements
as one; an entity the caller may not see resolves to null, exactly as
``node(id:)`` answers.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from strawberry.types import Info

from core.errors import DomainError
from core.graphql.relay import from_global_id

if TYPE_CHECKING:
    from core.cases.types import CaseType
    from core.items.types import ServiceItemType

# The types' modules import this one for their resolve_reference: what this one needs of them is
# imported inside the functions.


def reference_uuid(value, type_name: str) -> uuid.UUID | None:
    """The UUID a representation's ``id`` names: a global ID of ``type_name`` or a bare UUID; None otherwise."""
    if value is None:
        return None
    try:
        return from_global_id(str(value), type_name)[1]
    except DomainError:
        return None


async def resolve_by_id(info: Info, type_name: str, value):
    """An entity keyed by ``id``, resolved as ``node(id:)`` resolves it (null when missing or not visible)."""
    from core.graphql.node import RESOLVERS

    object_id = reference_uuid(value, type_name)
    if object_id is None:
        return None
    return await RESOLVERS[type_name](info, object_id)


async def resolve_case_by_serial_number(info: Info, serial_number) -> "CaseType | None":
    """办件 by its 办件流水号; null unless the caller may read the case (core/cases/access.py)."""
    from core.cases.access import case_visible
    from core.cases.dataloaders import CaseBySerialNumberLoader
    from core.cases.types import CaseType

    if not serial_number:
        return None
    case = await info.context.loaders[CaseBySerialNumberLoader].load(str(serial_number))
    return CaseType.from_model(case) if case is not None and await case_visible(info, case) else None


async def resolve_service_item_by_code(info: Info, code) -> "ServiceItemType | None":
    """政务服务事项 by its 实施编码; null when its jurisdiction is not enabled here."""
    from core.items.dataloaders import ServiceItemByCodeLoader
    from core.items.types import ServiceItemType

    if not code:
        return None
    item = await info.context.loaders[ServiceItemByCodeLoader].load(str(code))
    if item is None or not info.context.plugins.is_enabled(item.jurisdiction_code):
        return None
    return ServiceItemType.from_model(item)
