"""Jurisdiction queries."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core.jurisdictions.mutations.rule_setting_set import RuleSettingResult, set_jurisdiction_rule_setting
from core.jurisdictions.types import JurisdictionType


@strawberry.type
class JurisdictionQuery:
    @strawberry.field(description="辖区列表: the enabled jurisdictions (and, if asked, the installed but disabled ones)")
    def jurisdictions(self, info: Info, include_disabled: bool = False) -> list[JurisdictionType]:
        host = info.context.plugins
        return [
            JurisdictionType.from_info(installed.info, installed.enabled)
            for installed in host.installed.values()
            if installed.enabled or include_disabled
        ]

    @strawberry.field(description="一个已启用的辖区, by plugin code (e.g. jiedong)")
    def jurisdiction(self, info: Info, code: str) -> JurisdictionType | None:
        host = info.context.plugins
        return JurisdictionType.from_info(host.info(code), True) if host.is_enabled(code) else None


@strawberry.type
class JurisdictionMutation:
    set_jurisdiction_rule_setting: RuleSettingResult = strawberry.mutation(
        resolver=set_jurisdiction_rule_setting,
        description="设置可配置默认值: the jurisdiction admin sets (or resets with null) a default of its rules",
    )
