"""Hook implementations for dongying: thin wrappers around the pure rules in ``rules.py``."""

from __future__ import annotations

from core.plugins import hookimpl
from core.plugins.info import JurisdictionInfo, SourceDocument
from plugins.dongying import PLUGIN_VERSION

CODE = "dongying"


@hookimpl
def tingwu_jurisdiction_info() -> JurisdictionInfo:
    return JurisdictionInfo(
        code=CODE,
        name='东营市东营区',
        name_en='Dongying District, Dongying',
        province='山东',
        province_code='37',
        region_code='370502',
        managing_body='东营区政务服务中心管理办公室',
        plugin_version=PLUGIN_VERSION,
        source_documents=(
            SourceDocument(title='东营区政务服务中心管理办法（试行）', issued_by='东营区政务服务中心管理办公室', year=2018, reference='东区政务办发〔2018〕2号'),
        ),
    )
