"""Jurisdiction plugin: Panyu District (番禺区), Guangzhou: 《番禺区政务服务中心管理办法》 (seed 000)."""

PLUGIN_VERSION = "0.1.0"
