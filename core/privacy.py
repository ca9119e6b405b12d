"""Masking of personal data (citizens' and complainants' phone and ID numbers, names)."""

from __future__ import annotations


def mask_phone(value: str | None) -> str | None:
    """13812345678 → 138****5678."""
    if not value:
        return value
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_id_number(value: str | None) -> str | None:
    """440113199001011234 → 4401**********1234."""
    if not value:
        return value
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_name(value: str | None) -> str | None:
    """张三丰 → 张**."""
    if not value:
        return value
    return value[0] + "*" * (len(value) - 1)
