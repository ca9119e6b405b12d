"""Hook implementations for nanbu: thin wrappers around the pure rules in ``rules.py``."""

from __future__ import annotations

from core.plugins import hookimpl
from core.plugins.info import JurisdictionInfo, SourceDocument
from plugins.nanbu import PLUGIN_VERSION

CODE = "nanbu"


@hookimpl
def tingwu_jurisdiction_info() -> JurisdictionInfo:
    return JurisdictionInfo(
        code=CODE,
        name='济南市南部山区',
        name_en='Southern Mountain Area, Jinan',
        province='山东',
        province_code='37',
        region_code='370100',
        managing_body='南部山区政务服务中心',
        plugin_version=PLUGIN_VERSION,
        source_documents=(
            SourceDocument(title='南部山区政务服务中心工作制度汇编', issued_by='南部山区政务服务中心', year=2020, reference=None),
        ),
    )
