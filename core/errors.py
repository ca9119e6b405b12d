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
    "HALL_NAME_INVALID": ("大厅名称不符合命名规范（{rule}）：{reason}", "The hall name breaks the naming rule ({rule}): {reason_en}"),
    "HALL_NAME_TAKEN": ("本辖区已有同名大厅：{name}。", "A hall named {name} already exists in this jurisdiction."),
    "JURISDICTION_NOT_ENABLED": ("辖区 {code} 未启用。", "Jurisdiction {code} is not enabled."),
    "PERMISSION_DENIED": ("无权执行此操作，应由{side_label}决定。", "Not allowed: this is for the {side} side to decide."),
    "UNAUTHENTICATED": ("请先登录。", "Please sign in first."),
    "CONFLICT": ("数据已被他人修改，请刷新后重试。", "Someone else changed this first; reload and try again."),
    "GATEWAY_CREDENTIAL_REQUIRED": ("仅省级网关可获取子图结构（需网关凭据）。", "The subgraph SDL is for the gateway only: send the gateway credential."),
    "CALENDAR_OVERRIDE_INVALID": ("日历调整无效：{reason}", "Invalid calendar override: {reason_en}"),
    "HOURS_NOT_CONFIGURABLE": ("本辖区服务时间由规则固定（{rule}），大厅不能自行设置。",
                               "This jurisdiction's service hours are fixed by its rules ({rule}); a hall cannot set its own."),
    "PARENT_HALL_INVALID": ("上级大厅须属于同一辖区。", "The parent hall must belong to the same jurisdiction."),
    # 好差评
    "STAFF_NUMBER_MISMATCH": ("工号 {staff_number} 不是办件 {serial_number} 的经办人。",
                              "Staff number {staff_number} did not handle case {serial_number}."),
    "RATING_CHANNEL_RESERVED": ("“默认评价”由平台在评价期满后给出，不能提交。",
                                "The default channel is the platform's own: it cannot be submitted."),
    "RATING_PERIOD_CLOSED": ("办件 {serial_number} 的评价期已于 {last_day} 结束，已按规定默认评价。",
                             "The rating period of case {serial_number} ended on {last_day}; the default rating applies."),
    "RATING_NOT_APPEALABLE": ("只能对“不满意”“非常不满意”的评价提出申诉，此评价为“{level_label}”。",
                              "Only 不满意 and 非常不满意 ratings can be appealed; this one is {level_en}."),
    "APPEAL_WINDOW_CLOSED": ("申诉期已过：此评价最迟应于 {last_day} 前申诉。",
                             "The appeal window has closed: the last day to appeal this rating was {last_day}."),
    "APPEAL_ALREADY_FILED": ("此评价已提出过申诉。", "This rating has already been appealed."),
    "APPEAL_ALREADY_REVIEWED": ("此申诉已复核，结果为“{outcome_label}”。",
                                "This appeal has already been reviewed: {outcome}."),
    "APPEAL_OUTCOME_NOT_OFFERED": ("本辖区的申诉复核没有“{outcome_label}”这一结果。",
                                   "This jurisdiction's review offers no outcome {outcome}."),
    # 投诉
    "COMPLAINT_CHANNEL_INVALID": ("本辖区不受理经“{channel}”渠道的投诉，可用渠道：{channels}。",
                                  "This jurisdiction takes no complaints through {channel}; channels: {channels}."),
    "COMPLAINT_TARGET_INVALID": ("投诉对象不属于本大厅：{reason}", "The complaint's target is not in this hall: {reason_en}"),
    "COMPLAINT_STATUS_CONFLICT": ("投诉当前为“{status_label}”，不能{action}。",
                                  "The complaint is {status_en}: cannot {action_en}."),
    "COMPLAINT_NOT_EXTENDABLE": ("此投诉的办结期限不能延长（{rule_id}）。",
                                 "This complaint's deadline cannot be extended ({rule_id})."),
    "COMPLAINT_ALREADY_EXTENDED": ("此投诉已延期一次，至 {deadline_on}。",
                                   "This complaint was already extended once, to {deadline_on}."),
    "COMPLAINT_FEEDBACK_MISSING": ("尚未向投诉人反馈结果，不能归档。",
                                   "The complainant has not been given feedback yet: cannot archive."),
    "CASE_NOT_IN_HALL": ("本大厅没有流水号为 {serial_number} 的办件。", "This hall has no case {serial_number}."),
    # 服务质量通报
    "PERIOD_INVALID": ("统计期间无效：{reason}", "Invalid period: {reason_en}"),
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


class StateConflictError(DomainError):
    """The object's state (or a deadline that has passed) does not allow this; nothing was written."""


class NotFoundError(DomainError):
    def __init__(self, what: str, what_en: str):
        super().__init__("NOT_FOUND", {"what": what, "what_en": what_en})


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
