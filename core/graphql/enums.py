"""GraphQL enums: the domain vocabularies, exposed by their member names."""

from __future__ import annotations

import strawberry

from core.appointments.models import AppointmentStatus
from core.policy.documents import DocumentKind
from core.work_orders.models import ExtensionStatus, WorkOrderStatus
from core.cases.models import AnomalyPattern, AnomalyStatus, CaseCategory, CaseOutcome, CaseStatus, NoticePurpose
from core.complaints.models import ComplaintStatus, ComplaintTarget
from core.halls.models import HallKind, HallLevel
from core.items.models import HallItemStatus, ItemChange, ItemType, RequestStatus
from core.queue.models import TicketSource, TicketStatus
from core.ratings.models import AppealOutcomeCode, AppealStatus, RatingChannel, RatingLevel
from core.staff.models import StaffStatus
from core.windows.models import PostRole, WindowStatus, WindowType


def _describe(enum_class, description: str):
    members = "; ".join(f"{m.name} {m.label}" for m in enum_class)
    return strawberry.enum(enum_class, description=f"{description} ({members})")


HallLevelEnum = _describe(HallLevel, "大厅层级: administrative level of a hall")
HallKindEnum = _describe(HallKind, "大厅类别: centre, specialized sub-hall (专业大厅) or station (便民服务站)")
WindowTypeEnum = _describe(WindowType, "窗口类型 (dongguan 4.6)")
WindowStatusEnum = _describe(WindowStatus, "窗口状态 (panyu Art 13)")
PostRoleEnum = _describe(PostRole, "AB岗: A role 主办, B role 协办")
StaffStatusEnum = _describe(StaffStatus, "人员状态")
ItemTypeEnum = _describe(ItemType, "事项类型 (dongguan 6.1.2a)")
HallItemStatusEnum = _describe(HallItemStatus, "事项进驻状态")
CaseCategoryEnum = _describe(CaseCategory, "办件类别")
CaseStatusEnum = _describe(CaseStatus, "办件状态")
RatingLevelEnum = _describe(RatingLevel, "好差评等级")
RatingChannelEnum = _describe(RatingChannel, "评价渠道")
AppealStatusEnum = _describe(AppealStatus, "差评申诉状态")
AppealOutcomeEnum = _describe(AppealOutcomeCode, "申诉复核结果 (panyu Art 43)")
ComplaintTargetEnum = _describe(ComplaintTarget, "投诉对象")
ComplaintStatusEnum = _describe(ComplaintStatus, "投诉状态")
CaseOutcomeEnum = _describe(CaseOutcome, "办理结果")
NoticePurposeEnum = _describe(NoticePurpose, "补正告知书类别")
AnomalyPatternEnum = _describe(AnomalyPattern, "办件异常情形 (panyu Art 21)")
AnomalyStatusEnum = _describe(AnomalyStatus, "异常调查状态")
TicketSourceEnum = _describe(TicketSource, "取号方式")
TicketStatusEnum = _describe(TicketStatus, "排队号状态")
ItemChangeEnum = _describe(ItemChange, "事项进驻、调整、撤出")
RequestStatusEnum = _describe(RequestStatus, "申请状态")
AppointmentStatusEnum = _describe(AppointmentStatus, "预约状态")
DocumentKindEnum = _describe(DocumentKind, "办件文书")
WorkOrderStatusEnum = _describe(WorkOrderStatus, "12345工单状态")
ExtensionStatusEnum = _describe(ExtensionStatus, "工单延期状态")
