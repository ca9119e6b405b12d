"""Jurisdiction plugin: Dongguan Municipality (东莞市): 《东莞市政务服务大厅建设与管理规范》 (seed 001)."""

PLUGIN_VERSION = "0.1.0"
