"""GraphQL types for jurisdictions (served from the plugin host; no database row needed)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core.plugins.info import JurisdictionInfo, SourceDocument


@strawberry.type(name="SourceDocument", description="本地制度文件: a local regulation a plugin's rules come from")
class SourceDocumentType:
    title: str
    issued_by: str
    year: int | None
    reference: str | None = strawberry.field(description="文号")

    @classmethod
    def from_info(cls, doc: SourceDocument) -> "SourceDocumentType":
        return cls(title=doc.title, issued_by=doc.issued_by, year=doc.year, reference=doc.reference)


@strawberry.type(name="Jurisdiction", description="辖区: a jurisdiction whose plugin supplies the local rules")
class JurisdictionType:
    code: str
    name: str = strawberry.field(description="中文名称, e.g. 揭阳市揭东区")
    name_en: str
    province: str
    province_code: str
    region_code: str = strawberry.field(description="行政区划代码 (GB/T 2260)")
    managing_body: str = strawberry.field(description="管理机构, e.g. 揭东区政务服务和数据管理局")
    plugin_version: str
    enabled: bool
    source_documents: list[SourceDocumentType]

    @classmethod
    def from_info(cls, info_: JurisdictionInfo, enabled: bool) -> "JurisdictionType":
        return cls(
            code=info_.code,
            name=info_.name,
            name_en=info_.name_en,
            province=info_.province,
            province_code=info_.province_code,
            region_code=info_.region_code,
            managing_body=info_.managing_body,
            plugin_version=info_.plugin_version,
            enabled=enabled,
            source_documents=[SourceDocumentType.from_info(d) for d in info_.source_documents],
        )

    @classmethod
    def for_code(cls, info: Info, code: str) -> "JurisdictionType":
        host = info.context.plugins
        return cls.from_info(host.info(code), host.is_enabled(code))
