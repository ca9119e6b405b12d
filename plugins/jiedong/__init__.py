"""Jurisdiction plugin: Jiedong District (揭东区), Jieyang: 《关于进一步优化政务服务中心管理制度》(试行), 2024 (seed 002)."""

PLUGIN_VERSION = "0.1.0"
