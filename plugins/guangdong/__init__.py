"""Guangdong provincial 好差评 rules shared by every Guangdong jurisdiction (panyu, dongguan, jiedong, …).

Not a jurisdiction. ``rules.py`` holds the pure rules (《广东省政务服务"好差评"管理办法（试行）》,
cited by panyu Art 35-43); ``hooks.py`` answers the rating hooks with them for every
jurisdiction that called ``hooks.join(code)``, so the provincial rules are written once.
"""

RULES_VERSION = "0.1.0"
