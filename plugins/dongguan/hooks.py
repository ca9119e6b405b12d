"""Hook implementations for dongguan: thin wrappers around the pure rules in ``rules.py``."""

from __future__ import annotations

from core.plugins import hookimpl
from core.plugins.info import JurisdictionInfo, SourceDocument
from plugins.dongguan import PLUGIN_VERSION

CODE = "dongguan"


@hookimpl
def tingwu_jurisdiction_info() -> JurisdictionInfo:
    return JurisdictionInfo(
        code=CODE,
        name='东莞市',
        name_en='Dongguan Municipality',
        province='广东',
        province_code='44',
        region_code='441900',
        managing_body='东莞市政务服务和数据管理局',
        plugin_version=PLUGIN_VERSION,
        source_documents=(
            SourceDocument(title='东莞市政务服务大厅建设与管理规范', issued_by='东莞市政务服务和数据管理局', year=None, reference=None),
        ),
    )
