"""Jurisdiction plugin: Dongying District (东营区): 《东营区政务服务中心管理办法（试行）》, 2018 (seed 004)."""

PLUGIN_VERSION = "0.1.0"
