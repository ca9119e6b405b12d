"""Jurisdiction plugin: Jinan Southern Mountain Area (南部山区): 《南部山区政务服务中心工作制度汇编》, 2020 (seed 003)."""

PLUGIN_VERSION = "0.1.0"
