"""What the item-request mutations share."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
import strawberry

from core.auth.access import department_scope, require
from core.departments.models import Department
from core.errors import DomainError, NotFoundError
from core.graphql.enums import ItemTypeEnum
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.items.models import ItemChange, ServiceItem
from core.policy.service import JurisdictionPolicy


@strawberry.input(description="Fields of a service item; in a change request, only those given change")
class ServiceItemFieldsInput:
    name: str | None = None
    legal_limit_days: int | None = strawberry.field(default=None, description="法定办结时限 (working days)")
    promised_limit_days: int | None = strawberry.field(default=None, description="承诺办结时限 (working days); 0 = 即办")
    materials: list[str] | None = strawberry.field(default=None, description="申请材料")
    fee: Decimal | None = strawberry.field(default=None, description="收费标准 (yuan); 0 = 不收费")
    fee_basis: str | None = None
    legal_basis: str | None = strawberry.field(default=None, description="设定依据")
    tolerance_acceptance_allowed: bool | None = strawberry.field(default=None, description="列入容缺受理事项目录")

    def values(self) -> dict:
        return {key: getattr(self, key) for key in ("name", "legal_limit_days", "promised_limit_days", "materials",
                                                    "fee", "fee_basis", "legal_basis", "tolerance_acceptance_allowed")}


@strawberry.input(description="A new item of the department's catalogue, entering the hall")
class NewServiceItemInput(ServiceItemFieldsInput):
    code: str = strawberry.field(default="", description="实施编码 (unique)")
    catalog_code: str = strawberry.field(default="", description="事项编码")
    type: ItemTypeEnum | None = strawberry.field(default=None, description="事项类型")

    def values(self) -> dict:
        return {**super().values(), "code": self.code, "catalog_code": self.catalog_code,
                "type": self.type.value if self.type else None}


async def load_hall(session, ctx, hall_id: str) -> Hall:
    hall = await session.get(Hall, from_global_id(hall_id, "Hall")[1])
    if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
        raise NotFoundError("大厅", "Hall")
    return hall


async def load_item(session, hall: Hall, item_code: str) -> ServiceItem:
    item = (await session.execute(sa.select(ServiceItem).where(
        ServiceItem.code == item_code.strip(), ServiceItem.jurisdiction_code == hall.jurisdiction_code,
    ))).scalar_one_or_none()
    if item is None:
        raise NotFoundError(f"事项 {item_code}", f"Item {item_code}")
    return item


async def load_department(session, hall: Hall, department_id: str) -> Department:
    department = await session.get(Department, from_global_id(department_id, "Department")[1])
    if department is None or department.jurisdiction_code != hall.jurisdiction_code:
        raise NotFoundError("部门", "Department")
    return department


def reason_text(text: str) -> str:
    reason = text.strip()
    if not reason:
        raise DomainError("VALIDATION_FAILED", {"field": "reason", "field_label": "申请理由",
                                                "reason": "不能为空", "reason_en": "must not be empty"})
    return reason[:2000]


#: The permission and scope each proposer of the policy answers with (``ItemChangeApproval.proposer.role``;
#: dongguan 6.1.3, dongying Art 4: the owning department).
PROPOSER_PERMISSIONS = {"department": ("propose", department_scope)}


def require_proposer(ctx, policy: JurisdictionPolicy, change: ItemChange, department: Department) -> str:
    """The caller must act for the proposer the jurisdiction names for ``change``; one unknown here is refused."""
    proposer = policy.item_change_approval(change.value).proposer
    permission = PROPOSER_PERMISSIONS.get(proposer.role)
    if permission is None:
        raise DomainError("POLICY_NO_ANSWER", {"reason": f"unknown proposer {proposer.role} of an item {change.value}"})
    act, scope = permission
    return require(ctx, "hall_item", act, scope(ctx, department))
