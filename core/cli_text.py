"""The language of the `tingwu` command line: Chinese by default, English with ``--lang en`` or ``LANG=en_*``."""

from __future__ import annotations

import os

_chosen: str | None = None


def set_language(lang: str | None) -> None:
    global _chosen
    _chosen = ("en" if lang.lower().startswith("en") else "zh") if lang else None


def language() -> str:
    if _chosen:
        return _chosen
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def t(zh: str, en: str) -> str:
    """The message in the command line's language."""
    return en if language() == "en" else zh
