"""Hook implementations for panyu: thin wrappers around the pure rules in ``rules.py``."""

from __future__ import annotations

from core.plugins import hookimpl
from core.plugins.info import JurisdictionInfo, SourceDocument
from plugins.panyu import PLUGIN_VERSION

CODE = "panyu"


@hookimpl
def tingwu_jurisdiction_info() -> JurisdictionInfo:
    return JurisdictionInfo(
        code=CODE,
        name='广州市番禺区',
        name_en='Panyu District, Guangzhou',
        province='广东',
        province_code='44',
        region_code='440113',
        managing_body='番禺区政务服务数据管理局',
        plugin_version=PLUGIN_VERSION,
        source_documents=(
            SourceDocument(title='番禺区政务服务中心管理办法', issued_by='番禺区政务服务数据管理局', year=None, reference=None),
        ),
    )
