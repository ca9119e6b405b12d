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
    "POLICY_NO_ANSWER": ("本辖区规则无法给出答复：{reason}", "The jurisdiction's rules give no answer: {reason}"),
    # --- service items --------------------------------------------------------------------------
    "ITEM_NOT_OFFERED": ("事项“{item}”未在本大厅进驻。", "Item {item} is not offered in this hall."),
    "ITEM_ALREADY_OFFERED": ("事项“{item}”已在本大厅进驻。", "Item {item} is already offered in this hall."),
    "ITEM_CODE_TAKEN": ("实施编码 {code} 已被使用。", "The implementation code {code} is already in use."),
    "ITEM_NOT_OF_DEPARTMENT": ("事项“{item}”不属于{department}。", "Item {item} does not belong to {department}."),
    "ITEM_REQUEST_PENDING": ("事项“{item}”已有待审批的申请。", "Item {item} already has a request awaiting approval."),
    "ITEM_REQUEST_DECIDED": ("该申请已{status}，不能再审批。", "The request is already {status_en}; it cannot be decided again."),
    "NOTHING_TO_CHANGE": ("调整申请未列出任何变化。", "The change request changes nothing."),
    # --- queue (取号/叫号) -----------------------------------------------------------------------
    "WINDOW_NOT_SERVING": ("{window}号窗口当前为“{status}”，不能叫号。", "Window {window} is {status_en}; it cannot call."),
    "WINDOW_BUSY": ("{window}号窗口正在办理{ticket}号，请先办结或按过号处理。",
                    "Window {window} is still handling ticket {ticket}; finish it or mark it a no-show first."),
    "QUEUE_EMPTY": ("没有{window}号窗口可办理的等候号。", "No waiting ticket window {window} can serve."),
    "WINDOW_CANNOT_SERVE": ("{window}号窗口不办理事项“{item}”。", "Window {window} does not serve item {item}."),
    "TICKET_STATE_INVALID": ("{ticket}号当前为“{status}”，不能{action}。",
                             "Ticket {ticket} is {status_en}; it cannot be {action_en}."),
    # --- cases (办件) ---------------------------------------------------------------------------
    "CASE_CATEGORY_NOT_USED": ("本辖区不使用办件类别“{category}”。", "This jurisdiction does not use the case category {category_en}."),
    "ITEM_HAS_NO_PROMISED_LIMIT": ("事项“{item}”未设定承诺办结时限，不能按{category}受理。",
                                   "Item {item} has no promised time limit; it cannot be accepted as {category_en}."),
    "MATERIALS_MISSING": ("申请材料不齐：{materials}。请出具补正告知书按补办件受理，或按容缺受理。",
                          "Materials are missing: {materials}. Accept it as a 补办件 with a correction notice, "
                          "or with deficiency (容缺受理)."),
    "UNKNOWN_MATERIALS": ("以下材料不是该事项的申请材料：{materials}。", "Not materials of this item: {materials}."),
    "CORRECTION_NOTICE_REQUIRED": ("{category}须出具补正告知书，一次性列明缺少的材料。",
                                   "A {category_en} needs a correction notice listing every missing material."),
    "CORRECTION_NOTICE_INCOMPLETE": ("补正告知书须一次性告知全部缺少的材料，遗漏了：{materials}。",
                                     "A correction notice must list every missing material at once; it leaves out: "
                                     "{materials}."),
    "CORRECTION_NOTICE_NOT_MISSING": ("补正告知书列出了并不缺少的材料：{materials}。",
                                      "The correction notice lists materials that are not missing: {materials}."),
    "CORRECTION_NOTICE_NOT_ONE_TIME": ("一次性告知：首次补正告知书未列出{materials}，不得再要求补正新的材料。",
                                       "One-time notification: the first correction notice did not list {materials}; "
                                       "no further materials may be asked for."),
    "TOLERANCE_NOT_ALLOWED": ("不能容缺受理：{reason}", "Acceptance with deficiency (容缺受理) is not allowed: {reason_en}"),
    "CASE_STATE_INVALID": ("办件当前为“{status}”，不能{action}。", "The case is {status_en}; it cannot be {action_en}."),
    "NOTHING_AWAITED": ("该办件没有待补交的材料。", "The case is not waiting for any materials."),
    "ANOMALY_CLOSED": ("该异常调查已结案。", "The anomaly investigation is already closed."),
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
