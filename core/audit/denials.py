"""Audit of denials outside mutations (reads and exports), sampled per caller.

Mutations audit their own refusals (``core.graphql.mutations.run_mutation``). A read or an export that
is refused — permission denied or not signed in — is recorded here too, at most ``auditDenial`` rows per
caller and minute (``core.ratelimit``), so that probing is visible and an attacker cannot flood the table.
"""

from __future__ import annotations

import logging

from core import ratelimit
from core.audit import service as audit_service
from core.errors import DomainError

logger = logging.getLogger(__name__)
DENIAL_CODES = ("PERMISSION_DENIED", "UNAUTHENTICATED", "GATEWAY_CREDENTIAL_REQUIRED")


def is_denial(error: BaseException | None) -> bool:
    return isinstance(error, DomainError) and error.code in DENIAL_CODES


async def record_denial(ctx, action: str, error: DomainError) -> bool:
    """Write one ``denied`` audit row for this refused read or export, unless this caller's sample is used up."""
    if not await ratelimit.should_audit(ctx):
        return False
    params = error.params or {}
    detail = error.code
    if params.get("obj"):
        detail += f" {params.get('obj')}:{params.get('act')}"
    try:
        async with ctx.db.transaction() as session:
            audit_service.record(session, actor=ctx.actor, action=action, outcome="denied",
                                 domain=getattr(error, "domain", None), detail=detail)
    except Exception:  # the answer is already a refusal; a failed audit write must not turn it into a 500
        logger.exception("could not audit a denial of %s", action)
        return False
    return True
