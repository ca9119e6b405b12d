"""setJurisdictionRuleSetting: the jurisdiction admin sets (or resets) a configurable default of its rules."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.auth.access import jurisdiction_scope, require
from core.errors import DomainError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.jurisdictions import settings as settings_service
from core.jurisdictions.policy_v2_types import RuleSettingType


@strawberry.input(description="A configurable default (source `default`) and its new value; null resets it to the default")
class RuleSettingInput:
    jurisdiction: str = strawberry.field(description="辖区代码, e.g. panyu")
    key: str = strawberry.field(description="e.g. case.anomaly.volume_multiple (see jurisdiction { ruleSettings })")
    value: float | None = None


@strawberry.type
class RuleSettingSuccess:
    setting: RuleSettingType


RuleSettingResult = Annotated[Union[RuleSettingSuccess, *ERROR_TYPES], strawberry.union("RuleSettingResult")]


async def set_jurisdiction_rule_setting(info: Info, input: RuleSettingInput) -> RuleSettingResult:
    ctx = info.context

    async def body(session, call):
        if not ctx.plugins.is_enabled(input.jurisdiction):
            raise DomainError("JURISDICTION_NOT_ENABLED", {"code": input.jurisdiction})
        domain = require(ctx, "policy", "manage", jurisdiction_scope(ctx, input.jurisdiction))
        before = (await settings_service.load(session, jurisdiction=input.jurisdiction)).get(input.key)
        value = await settings_service.set_value(session, jurisdiction=input.jurisdiction, key=input.key,
                                                 value=input.value, user_id=ctx.actor.user_id, now=ctx.runtime.now())
        call.acted(domain=domain, target_type="JurisdictionRuleSetting", target_id=None,
                   before={"key": input.key, "value": before}, after={"key": input.key, "value": input.value})
        return RuleSettingSuccess(setting=RuleSettingType.build(input.key, None if input.value is None else value))

    return await run_mutation(info, "setJurisdictionRuleSetting", body)
