"""Vocabulary shared by the domains: each member keeps its Chinese name as its label."""

from __future__ import annotations

import enum


class LabelledEnum(enum.StrEnum):
    """A string enum whose members carry a Chinese label (`label`) and an English one (`label_en`)."""

    def __new__(cls, value: str, label: str, label_en: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.label_en = label_en
        return member

    @classmethod
    def from_label(cls, text: str):
        """Find a member by its value, name or Chinese label (区县 → COUNTY)."""
        for member in cls:
            if text in (member.value, member.name, member.label):
                return member
        raise ValueError(f"unknown {cls.__name__}: {text}")
