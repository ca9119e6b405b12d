"""Who does what with a 12345 work order: the hall office receives, supervises and closes; the unit handles."""

from __future__ import annotations

from core.auth.access import allowed_domain, department_scope, hall_scope, require


def require_supervise(ctx, hall) -> str:
    """接收、延期审批、回访、办结: the hall office (jiedong Art 33: 区政务和数据局 collects and forwards)."""
    return require(ctx, "work_order", "supervise", hall_scope(ctx, hall))


def require_receive(ctx, hall) -> str:
    return require(ctx, "work_order", "receive", hall_scope(ctx, hall))


def require_handle(ctx, department) -> str:
    """签收、答复、申请延期、退单: the unit the order was forwarded to (承办单位)."""
    return require(ctx, "work_order", "handle", department_scope(ctx, department))


def may_read(ctx, hall, department) -> bool:
    return (allowed_domain(ctx, "work_order", "read", hall_scope(ctx, hall)) is not None
            or (department is not None
                and allowed_domain(ctx, "work_order", "read", department_scope(ctx, department)) is not None))


def may_see_caller(ctx, hall, department) -> bool:
    return (allowed_domain(ctx, "personal_data", "read", hall_scope(ctx, hall)) is not None
            or (department is not None
                and allowed_domain(ctx, "personal_data", "read", department_scope(ctx, department)) is not None))
