"""Typed errors of mutations: every error has a stable English `code` and a human `message`."""

from __future__ import annotations

import enum

import strawberry

from core.auth.access import PermissionDeniedError
from core.errors import DomainError, StateConflictError


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


def to_graphql_error(error: DomainError, lang: str) -> Error:
    message = error.message(lang)
    if isinstance(error, PermissionDeniedError):
        return PermissionDenied(code=error.code, message=message, side=DecidingSide(error.side.value))
    if error.code == "UNAUTHENTICATED":
        return AuthenticationRequired(code=error.code, message=message)
    if error.code == "NOT_FOUND":
        return NotFoundError(code=error.code, message=message)
    if error.code == "CONFLICT" or isinstance(error, StateConflictError):
        return ConflictError(code=error.code, message=message)
    return ValidationError(code=error.code, message=message, field=error.field_name or error.params.get("field"))


ERROR_TYPES = (ValidationError, NotFoundError, PermissionDenied, AuthenticationRequired, ConflictError)
