"""Guangdong provincial 好差评 rules shared by panyu, dongguan and jiedong.

Not a jurisdiction: it registers no hooks and has no entry point. The three
Guangdong plugins import :mod:`plugins.guangdong.rules` and answer the rating
hooks with it, so the provincial rules are written once.
"""

RULES_VERSION = "0.1.0"
