"""Checks of free text from callers, before it reaches a column that would refuse it."""

from __future__ import annotations

from core.errors import DomainError


def text(value: str | None, *, field: str, label: str, max_length: int, required: bool = False) -> str | None:
    """``value`` stripped (None when empty); VALIDATION_FAILED when required and empty, or longer than ``max_length``."""
    cleaned = (value or "").strip() or None
    if cleaned is None and required:
        raise DomainError("VALIDATION_FAILED", {"field": field, "field_label": label, "reason": "不能为空",
                                                "reason_en": "must not be empty"}, field_name=field)
    if cleaned is not None and len(cleaned) > max_length:
        raise DomainError("VALIDATION_FAILED", {"field": field, "field_label": label,
                                                "reason": f"不能超过 {max_length} 个字符",
                                                "reason_en": f"must be at most {max_length} characters"}, field_name=field)
    return cleaned
