"""Typed errors of mutations: every error has a stable English `code` and a human `message`."""

from __future__ import annotations

import enum
from datetime import datetime

import strawberry

from core.auth.access import PermissionDeniedError
from core.ratelimit import RateLimited as RateLimitedError
from core.errors import STATE_CONFLICT_CODES, ConflictError as ConflictDomainError, DomainError, RuleViolation
from core.timezones import to_local


@strawberry.enum(description="决定方: the side that decides (双重管理)")
class DecidingSide(enum.Enum):
    HALL = "hall"
    DEPARTMENT = "department"
    PROVINCE = "province"
    PLATFORM = "platform"


@strawberry.interface(description="A mutation error: a stable English code and a message in the caller's language")
class Error:
    code: str
    message: str


@strawberry.type(description="输入不符合要求: bad input; nothing was changed")
class ValidationError(Error):
    field: str | None


@strawberry.type(description="对象不存在或不可见: not found (or not visible to you); nothing was changed")
class NotFoundError(Error):
    pass


@strawberry.type(description="无权操作: not allowed; `side` is who would have to decide. Nothing was changed")
class PermissionDenied(Error):
    side: DecidingSide


@strawberry.type(description="需要登录: sign in first; nothing was changed")
class AuthenticationRequired(Error):
    pass


@strawberry.type(description="冲突: someone changed this first, or it is in a state that does not allow this")
class ConflictError(Error):
    pass


@strawberry.type(description="不在服务时间: the hall is not open to the public then (non-working day or outside its "
                                     "hours); `nextOpening` is when it next opens. Nothing was changed")
class HallClosedError(Error):
    next_opening: datetime | None


@strawberry.type(description="操作过于频繁: too many requests from this address, device or account; nothing was changed")
class RateLimited(Error):
    retry_after: int = strawberry.field(description="seconds to wait before trying again")


@strawberry.type(description="One broken rule: its id (e.g. dongguan.staff.replacement) and why")
class RuleViolationDetail:
    rule_id: str
    message: str
    field: str | None


@strawberry.type(description="不符合本辖区规定: the jurisdiction's rules refuse this; `violations` name each rule. Nothing was changed")
class RuleViolationError(Error):
    rule_ids: list[str]
    violations: list[RuleViolationDetail]


@strawberry.type(description="仍在使用: it cannot be retired or taken out; `usedBy` names each thing that still uses it. Nothing was changed")
class InUseError(Error):
    used_by: list[str]


@strawberry.type(description="One bad row of an import file: its line number and why")
class ImportRowProblem:
    line: int
    column: str | None
    message: str


@strawberry.type(description="导入被拒: the file has bad rows, each named with its line; nothing was imported")
class ImportRejected(Error):
    problems: list[ImportRowProblem]


def to_graphql_error(error: DomainError, lang: str) -> Error:
    message = error.message(lang)
    if error.code == "IN_USE" and hasattr(error, "users"):
        return InUseError(code=error.code, message=message, used_by=error.users_en if lang == "en" else error.users)
    if error.code == "IMPORT_REJECTED" and hasattr(error, "problems"):
        return ImportRejected(code=error.code, message=message, problems=[
            ImportRowProblem(line=p.line, column=p.column, message=p.message(lang)) for p in error.problems])
    if isinstance(error, RuleViolation):
        details = [RuleViolationDetail(rule_id=v.rule_id, message=v.message_en if lang == "en" else v.message_zh,
                                       field=v.field) for v in error.violations]
        return RuleViolationError(code=error.code, message=message, rule_ids=error.rule_ids, violations=details)
    if isinstance(error, ConflictDomainError):
        return ConflictError(code=error.code, message=message)
    if isinstance(error, RateLimitedError):
        return RateLimited(code=error.code, message=message, retry_after=error.retry_after)
    if isinstance(error, PermissionDeniedError):
        return PermissionDenied(code=error.code, message=message, side=DecidingSide(error.side.value))
    if error.code == "UNAUTHENTICATED":
        return AuthenticationRequired(code=error.code, message=message)
    if error.code == "HALL_CLOSED":
        nxt = error.params.get("next_opening_at")
        return HallClosedError(code=error.code, message=message, next_opening=to_local(nxt) if nxt else None)
    if error.code == "NOT_FOUND":
        return NotFoundError(code=error.code, message=message)
    if error.code in STATE_CONFLICT_CODES:
        return ConflictError(code=error.code, message=message)
    return ValidationError(code=error.code, message=message, field=error.field_name or error.params.get("field"))


ERROR_TYPES = (ValidationError, NotFoundError, PermissionDenied, AuthenticationRequired, ConflictError, RateLimited)
# Mutations whose outcome a jurisdiction's rule can refuse also return the rules that refused it.
RULED_ERROR_TYPES = (*ERROR_TYPES, RuleViolationError)
