"""Every error code the staff-management services raise has a Chinese and an English message."""

from __future__ import annotations

import re
from pathlib import Path

from core.errors import MESSAGES

ROOT = Path(__file__).resolve().parents[1]
DOMAINS = ("staff", "windows", "leave", "attendance", "duty", "patrols", "assessment")
RAISED = re.compile(r'(?:DomainError|ConflictError|RuleViolation)\(\s*"([A-Z_]+)"|code\s*=\s*"([A-Z_]+)"|"(LEAVE_[A-Z_]+_REQUIRED)"')


def raised_codes() -> set[str]:
    codes = set()
    for domain in DOMAINS:
        for path in (ROOT / "core" / domain).rglob("*.py"):
            for match in RAISED.finditer(path.read_text(encoding="utf-8")):
                codes.add(next(group for group in match.groups() if group))
    return codes


def test_every_code_has_both_messages():
    codes = raised_codes()
    assert {"LEAVE_WINDOW_LEFT_EMPTY", "REPLACEMENT_REFUSED", "ATTENDANCE_CORRECTION_NOT_ALLOWED"} <= codes
    missing = sorted(code for code in codes if code not in MESSAGES)
    assert not missing, f"codes without messages in core/errors.py: {missing}"
    for code in codes:
        zh, en = MESSAGES[code]
        assert re.search(r"[\u4e00-\u9fff]", zh), code
        assert not re.search(r"[\u4e00-\u9fff]", en.format_map(_Blank())), code


class _Blank(dict):
    def __missing__(self, key):
        return ""
