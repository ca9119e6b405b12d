"""Jurisdiction queries."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

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
