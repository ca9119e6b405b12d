"""The one schema: every domain's queries and mutations merged (strawberry `merge_types`).

It is an Apollo Federation v2 subgraph (see docs/federation.md): Hall, Window,
Staff, Department, ServiceItem and Case are entities with `@key`, resolved
through `_entities` with the same visibility as `node(id:)`.
"""

from __future__ import annotations

import strawberry
import strawberry.federation
from graphql import GraphQLError
from strawberry.extensions import (AddValidationRules, DisableIntrospection, MaskErrors, MaxAliasesLimiter, MaxTokensLimiter,
                                   ParserCache, QueryDepthLimiter, ValidationCache)
from strawberry.tools import merge_types

from core.audit.schema import AuditQuery
from core.pii.access import PersonalDataReadLog
from core.pii.schema import PrivacyMutation, PrivacyQuery
from core.auth.schema import AuthMutation, AuthQuery
from core.bulletin.schema import BulletinMutation, BulletinQuery
from core.province.schema import ProvinceQuery
from core.cases.schema import CaseMutation, CaseQuery
from core.cases.types import CaseType
from core.complaints.schema import ComplaintMutation, ComplaintQuery
from core.departments.schema import DepartmentMutation
from core.departments.types import DepartmentType
from core.imports.schema import ImportMutation
from core.auth.users_schema import UserAdminMutation, UserAdminQuery
from core.errors import DomainError
from core.federation.schema import FederationQuery
from core.graphql.compiler.extension import CompiledReads
from core.graphql.node import NodeQuery
from core.appointments.schema import AppointmentMutation, AppointmentQuery
from core.cases.public import CasePublicQuery
from core.documents.schema import DocumentMutation, DocumentQuery
from core.work_orders.schema import WorkOrderMutation, WorkOrderQuery
from core.refusals.schema import RefusalMutation
from core.notifications.schema import NotificationMutation, NotificationQuery
from core.inquiries.schema import InquiryMutation, InquiryQuery
from core.calendar.schema import CalendarMutation, CalendarQuery
from core.halls.schema import HallMutation, HallQuery
from core.items.schema import ItemMutation, ItemQuery
from core.items.types import ServiceItemType
from core.jurisdictions.schema import JurisdictionMutation, JurisdictionQuery
from core.queue.schema import QueueMutation, QueueQuery, QueueSubscription
from core.ratings.schema import RatingMutation, RatingQuery
from core.ratings.types import RatingType
from core.reporting.schema import ReportingMutation, ReportingQuery
from core.leave.schema import LeaveMutation, LeaveQuery
from core.attendance.schema import AttendanceMutation, AttendanceQuery
from core.assessment.schema import AssessmentMutation, AssessmentQuery
from core.duty.schema import DutyMutation, DutyQuery
from core.patrols.schema import PatrolMutation, PatrolQuery
from core.staff.schema import StaffMutation, StaffQuery
from core.staff.types import StaffType
from core.windows.schema import WindowMutation, WindowQuery
from core.windows.types import WindowType

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 5000
PARSE_CACHE_SIZE = 512  # bounded: a public endpoint must not grow a cache with every distinct document
VALIDATION_CACHE_SIZE = 512

# Staff management (onboarding, windows, attendance, leave, duty, patrols, assessment)
STAFF_MANAGEMENT_QUERIES = (StaffQuery, WindowQuery, LeaveQuery, AttendanceQuery, DutyQuery, PatrolQuery, AssessmentQuery)
STAFF_MANAGEMENT_MUTATIONS = (LeaveMutation, AttendanceMutation, DutyMutation, PatrolMutation, AssessmentMutation)
# Service delivery (items, cases, queue, ratings, complaints, bulletin)
SERVICE_QUERIES = (ItemQuery, CaseQuery, CasePublicQuery, QueueQuery, AppointmentQuery, DocumentQuery, WorkOrderQuery, NotificationQuery, InquiryQuery, RatingQuery, ComplaintQuery, BulletinQuery, ProvinceQuery)
SERVICE_MUTATIONS = (ItemMutation, CaseMutation, QueueMutation, AppointmentMutation, DocumentMutation, WorkOrderMutation, RefusalMutation, NotificationMutation, InquiryMutation, RatingMutation, ComplaintMutation)

# Setting up a hall (departments and 进驻, imports, users)
SETUP_MUTATIONS = (DepartmentMutation, ImportMutation, UserAdminMutation)

Query = merge_types("Query", (JurisdictionQuery, HallQuery, NodeQuery, CalendarQuery, *STAFF_MANAGEMENT_QUERIES,
                                *SERVICE_QUERIES, AuthQuery, AuditQuery, ReportingQuery, FederationQuery,
                                UserAdminQuery, PrivacyQuery))
Mutation = merge_types("Mutation", (AuthMutation, HallMutation, CalendarMutation, StaffMutation, WindowMutation,
                                    *STAFF_MANAGEMENT_MUTATIONS, *SERVICE_MUTATIONS, ReportingMutation,
                                    JurisdictionMutation, BulletinMutation, *SETUP_MUTATIONS, PrivacyMutation))
Subscription = merge_types("Subscription", (QueueSubscription,))


from core.observability import ObservabilityExtension  # noqa: E402


def should_mask_error(error: GraphQLError) -> bool:
    """Mask only unexpected failures: validation and limit errors and domain errors keep their message."""
    original = error.original_error
    return original is not None and not isinstance(original, (DomainError, GraphQLError))


def build_schema(*, introspection: bool = True) -> strawberry.federation.Schema:
    """The subgraph schema; production builds it with ``introspection=False`` (`_service` stays, guarded)."""
    # The limiters' rule classes are made once: each QueryDepthLimiter/MaxAliasesLimiter instance makes a new
    # class, and a new class per request would make every validation a miss of the validation cache.
    limit_rules = [*QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
                   *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules]
    extensions = [
        lambda: AddValidationRules(limit_rules),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: MaskErrors(should_mask_error=should_mask_error, error_message="服务器内部错误 / Internal server error"),
        ObservabilityExtension,  # one log line and the metrics per operation (core/observability.py)
        lambda: ParserCache(maxsize=PARSE_CACHE_SIZE),
        lambda: ValidationCache(maxsize=VALIDATION_CACHE_SIZE),
        CompiledReads,
        PersonalDataReadLog,  # every unmasked personal-data value shown is logged (core.pii.access)
    ]
    if not introspection:
        extensions.insert(0, DisableIntrospection)
    return strawberry.federation.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[WindowType, StaffType, DepartmentType, ServiceItemType, CaseType, RatingType],
        extensions=extensions,
        federation_version="2.5",
    )


schema = build_schema()


def schema_sdl() -> str:
    """The schema as SDL, ending with one newline (what `tingwu schema export` writes)."""
    return schema.as_str().rstrip() + "\n"
