"""Hook implementations for jiedong: thin wrappers around the pure rules in ``rules.py``."""

from __future__ import annotations

from core.plugins import hookimpl
from core.plugins.info import JurisdictionInfo, SourceDocument
from plugins.jiedong import PLUGIN_VERSION

CODE = "jiedong"


@hookimpl
def tingwu_jurisdiction_info() -> JurisdictionInfo:
    return JurisdictionInfo(
        code=CODE,
        name='揭阳市揭东区',
        name_en='Jiedong District, Jieyang',
        province='广东',
        province_code='44',
        region_code='445203',
        managing_body='揭东区政务服务和数据管理局',
        plugin_version=PLUGIN_VERSION,
        source_documents=(
            SourceDocument(title='关于进一步优化政务服务中心管理制度（试行）', issued_by='揭阳市揭东区政务服务和数据管理局', year=2024, reference='揭东政务和数据局〔2024〕7号'),
        ),
    )
