"""Domain errors: a stable English code, a Chinese message and an English one.

Services raise :class:`DomainError`; mutations turn it into a typed GraphQL
error. Messages are templates filled from ``params``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MESSAGES: dict[str, tuple[str, str]] = {
    "NOT_FOUND": ("未找到{what}。", "{what_en} not found."),
    "INVALID_ID": ("ID 格式不正确：{value}。", "Malformed ID: {value}."),
    "VALIDATION_FAILED": ("{field_label}不符合要求：{reason}", "{field} is invalid: {reason_en}"),
    "HALL_NAME_INVALID": ("大厅名称不符合命名规范：{reason}", "The hall name breaks the naming rule: {reason_en}"),
    "HALL_NAME_TAKEN": ("本辖区已有同名大厅：{name}。", "A hall named {name} already exists in this jurisdiction."),
    "JURISDICTION_NOT_ENABLED": ("辖区 {code} 未启用。", "Jurisdiction {code} is not enabled."),
    "PERMISSION_DENIED": ("无权执行此操作，应由{side_label}决定。", "Not allowed: this is for the {side} side to decide."),
    "UNAUTHENTICATED": ("请先登录。", "Please sign in first."),
    "CONFLICT": ("数据已被他人修改，请刷新后重试。", "Someone else changed this first; reload and try again."),
    "CALENDAR_OVERRIDE_INVALID": ("日历调整无效：{reason}", "Invalid calendar override: {reason_en}"),
}


@dataclass
class DomainError(Exception):
    """A failure the caller can act on; nothing was written."""

    code: str
    params: dict = field(default_factory=dict)
    field_name: str | None = None

    def __post_init__(self):
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        zh, en = MESSAGES.get(self.code, ("操作失败（{code}）。", "Operation failed ({code})."))
        template = en if lang == "en" else zh
        values = {"code": self.code, **self.params}
        values.setdefault("what_en", values.get("what", ""))
        values.setdefault("reason_en", values.get("reason", ""))
        values.setdefault("field_label", values.get("field", self.field_name or ""))
        values.setdefault("field", self.field_name or "")
        try:
            return template.format(**values)
        except (KeyError, IndexError):
            return template


class NotFoundError(DomainError):
    def __init__(self, what: str, what_en: str):
        super().__init__("NOT_FOUND", {"what": what, "what_en": what_en})


class ConflictError(DomainError):
    """Someone changed this first, or its state does not allow the change (the typed ConflictError)."""

    def __init__(self, code: str = "CONFLICT", params: dict | None = None):
        super().__init__(code, params or {})


class RuleViolation(DomainError):
    """A jurisdiction's rule refuses the change: every broken rule with its id and a message in both languages.

    ``violations`` are :class:`core.policy.types.Violation` (rule id, Chinese and English message, field).
    """

    def __init__(self, code: str, violations, params: dict | None = None):
        self.violations = tuple(violations)
        reasons = {"reasons": "；".join(v.message_zh for v in self.violations),
                   "reasons_en": "; ".join(v.message_en for v in self.violations)}
        super().__init__(code, {**reasons, **(params or {})})

    @property
    def rule_ids(self) -> list[str]:
        return list(dict.fromkeys(v.rule_id for v in self.violations))


def preferred_language(accept_language: str | None) -> str:
    """'en' when the client prefers English over Chinese; 'zh' otherwise."""
    if not accept_language:
        return "zh"
    ranked: list[tuple[float, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, quality = part.strip().partition(";q=")
        try:
            weight = float(quality) if quality else 1.0
        except ValueError:
            weight = 0.0
        ranked.append((-weight, position, tag.strip().lower()))
    for _, _, tag in sorted(ranked):
        if tag.startswith("zh"):
            return "zh"
        if tag.startswith("en"):
            return "en"
    return "zh"
