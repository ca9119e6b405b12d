"""The one schema: every domain's queries and mutations merged (strawberry `merge_types`)."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.tools import merge_types

from core.audit.schema import AuditQuery
from core.auth.schema import AuthMutation, AuthQuery
from core.cases.types import CaseType
from core.departments.types import DepartmentType
from core.errors import DomainError
from core.graphql.node import NodeQuery
from core.halls.schema import HallQuery
from core.items.types import ServiceItemType
from core.jurisdictions.schema import JurisdictionQuery
from core.leave.schema import LeaveMutation, LeaveQuery
from core.attendance.schema import AttendanceMutation, AttendanceQuery
from core.assessment.schema import AssessmentMutation, AssessmentQuery
from core.duty.schema import DutyMutation, DutyQuery
from core.patrols.schema import PatrolMutation, PatrolQuery
from core.ratings.types import RatingType
from core.staff.schema import StaffMutation, StaffQuery
from core.staff.types import StaffType
from core.windows.schema import WindowMutation, WindowQuery
from core.windows.types import WindowType

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 5000

# Staff management (onboarding, windows, attendance, leave, duty, patrols, assessment)
STAFF_MANAGEMENT_QUERIES = (StaffQuery, WindowQuery, LeaveQuery, AttendanceQuery, DutyQuery, PatrolQuery, AssessmentQuery)
STAFF_MANAGEMENT_MUTATIONS = (LeaveMutation, AttendanceMutation, DutyMutation, PatrolMutation, AssessmentMutation)

Query = merge_types("Query", (JurisdictionQuery, HallQuery, NodeQuery, AuthQuery, AuditQuery, *STAFF_MANAGEMENT_QUERIES))
Mutation = merge_types("Mutation", (AuthMutation, StaffMutation, WindowMutation, *STAFF_MANAGEMENT_MUTATIONS))


def should_mask_error(error: GraphQLError) -> bool:
    """Mask only unexpected failures: validation and limit errors and domain errors keep their message."""
    original = error.original_error
    return original is not None and not isinstance(original, (DomainError, GraphQLError))


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=[WindowType, StaffType, DepartmentType, ServiceItemType, CaseType, RatingType],
        extensions=[
            lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
            lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            lambda: MaskErrors(should_mask_error=should_mask_error, error_message="服务器内部错误 / Internal server error"),
        ],
    )


schema = build_schema()


def schema_sdl() -> str:
    """The schema as SDL, ending with one newline (what `tingwu schema export` writes)."""
    return schema.as_str().rstrip() + "\n"
