"""What a jurisdiction plugin says about itself."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceDocument:
    """A local regulation a plugin's rules are read from."""

    title: str
    issued_by: str
    year: int | None = None
    reference: str | None = None  # 文号, e.g. 揭东政务和数据局〔2024〕7号


@dataclass(frozen=True)
class JurisdictionInfo:
    """Identity of a jurisdiction (辖区) and the plugin that implements it."""

    code: str
    name: str  # Chinese name, e.g. 揭阳市揭东区
    name_en: str
    province: str  # Chinese province name, e.g. 广东
    province_code: str  # GB/T 2260 province code, e.g. "44"
    region_code: str  # GB/T 2260 six-digit division code
    managing_body: str  # hall management office, e.g. 揭东区政务服务和数据管理局
    plugin_version: str
    source_documents: tuple[SourceDocument, ...] = field(default_factory=tuple)
    # Letters that open the jurisdiction's 办件流水号 (PY20261009000037); the region code when unset.
    case_serial_prefix: str | None = None

    @property
    def serial_prefix(self) -> str:
        return self.case_serial_prefix or self.region_code
