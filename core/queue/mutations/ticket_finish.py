"""finishTicket: 办理完毕 — optionally accepting the case it produced, or linking one already accepted."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit import service as audit_service
from core.cases import service as case_service
from core.cases.mutations.case_accept import AcceptCaseInput, accept_with
from core.cases.types import CaseType
from core.errors import DomainError, NotFoundError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import MutationCall
from core.graphql.relay import to_global_id
from core.queue import service as queue_service
from core.queue.models import QueueEventKind
from core.queue.mutations.common import operate
from core.queue.types import TicketType


@strawberry.input
class FinishTicketInput:
    ticket_id: strawberry.ID
    case_serial_number: str | None = strawberry.field(default=None, description="link a case already accepted")
    accept_case: AcceptCaseInput | None = strawberry.field(default=None, description="accept the case now (受理)")


@strawberry.type
class FinishTicketSuccess:
    ticket: TicketType
    case: CaseType | None


FinishTicketResult = Annotated[Union[FinishTicketSuccess, *ERROR_TYPES], strawberry.union("FinishTicketResult")]


async def finish_ticket(info: Info, input: FinishTicketInput) -> FinishTicketResult:
    ctx = info.context
    produced = {}

    async def change(session, loaded, now):
        if input.case_serial_number and input.accept_case:
            raise DomainError("VALIDATION_FAILED", {"field": "acceptCase", "field_label": "办件",
                                                    "reason": "受理新办件与关联已有办件只能选一",
                                                    "reason_en": "either accept a case or link one, not both"})
        case = None
        if input.accept_case is not None:
            if input.accept_case.hall_id not in (to_global_id("Hall", loaded.hall.id), str(loaded.hall.id)):
                raise DomainError("VALIDATION_FAILED", {"field": "acceptCase.hallId", "field_label": "大厅",
                                                        "reason": "须为取号的大厅", "reason_en": "must be the ticket's hall"})
            accepted = MutationCall(action="acceptCase")
            case = (await accept_with(session, ctx, input.accept_case, accepted)).case.row
            # The acceptance is a change of its own: audited as acceptCase, like the mutation of that name.
            audit_service.record(session, actor=ctx.actor, action=accepted.action, outcome="ok",
                                 domain=accepted.domain, target_type=accepted.target_type,
                                 target_id=accepted.target_id, after=accepted.after)
        elif input.case_serial_number:
            case = await case_service.get_by_serial(session, serial_number=input.case_serial_number)
            if case.hall_id != loaded.hall.id:
                raise NotFoundError(f"办件 {input.case_serial_number}", f"Case {input.case_serial_number}")
        await queue_service.finish(session, ticket=loaded.ticket, at=now, case_id=case.id if case else None)
        produced["case"] = case

    def success(loaded):
        case = produced.get("case")
        return FinishTicketSuccess(ticket=TicketType.from_model(loaded.ticket),
                                   case=CaseType.from_model(case) if case else None)

    return await operate(info, "finishTicket", input.ticket_id, change, QueueEventKind.FINISHED, success)

