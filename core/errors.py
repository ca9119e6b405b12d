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
    "RATE_LIMITED": ("操作过于频繁，请 {retry_after} 秒后再试。", "Too many requests: try again in {retry_after} seconds."),
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
    "ATTENDANCE_DEVICE_REVOKED": ("考勤设备“{name}”已停用。", "The attendance device {name} is already revoked."),
    "RULE_SETTING_UNKNOWN": ("辖区 {code} 没有可配置项 {key}。", "Jurisdiction {code} has no setting {key}."),
    "RATING_CHANNEL_UNPROVEN": ("评价渠道“{channel_label}”未经证明：{reason}。",
                                "The rating channel {channel} is not proven: {reason_en}."),
    "RATING_DEVICE_NEEDS_WINDOW": ("评价器须绑定一个窗口。", "A rating device must be bound to a window."),
    "RATING_DEVICE_REVOKED": ("评价设备“{name}”已停用。", "The rating device {name} is already revoked."),
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
    # --- appointments (预约) and opening hours ------------------------------------------------------
    "HALL_CLOSED": ("{hall}在 {at} 不对外服务，下次开放时间：{next_opening}。",
                    "{hall} is not open to the public at {at}; it next opens at {next_opening}."),
    "ON_SITE_QUOTA_REACHED": ("事项“{item}”今日现场取号已满（{quota} 个），请预约其他时段。",
                              "Today's on-site tickets for {item} are all taken ({quota}); please book an appointment."),
    "APPOINTMENT_NOT_OFFERED": ("事项“{item}”在本大厅不开放预约。", "Item {item} cannot be booked in this hall."),
    "SLOT_PASSED": ("预约时段 {slot} 已开始或已过去。", "The slot {slot} has already begun."),
    "SLOT_INVALID": ("{slot} 不是可预约时段的开始时间（每 {minutes} 分钟一个时段：{slots}）。",
                     "{slot} does not start a slot (one every {minutes} minutes: {slots})."),
    "SLOT_FULL": ("{slot} 时段已约满（{capacity} 人），请选择其他时段。",
                  "The slot at {slot} is full ({capacity} places); please choose another."),
    "BOOKING_TOO_FAR_AHEAD": ("最多可预约 {days} 天内的时段（至 {last_day}）。",
                              "Slots can be booked up to {days} days ahead (until {last_day})."),
    "BOOKING_BARRED": ("近 {days} 天内爽约 {count} 次，暂停预约（{rule}）。",
                       "{count} missed appointments in {days} days: booking is suspended ({rule})."),
    "APPOINTMENT_DUPLICATE": ("您当天（{day}）已预约事项“{item}”。", "You already have an appointment for {item} on {day}."),
    "APPOINTMENT_STATE_INVALID": ("此预约当前为“{status}”，不能{action}。",
                                  "This appointment is {status_en}; it cannot be {action_en}."),
    "CHECK_IN_TOO_EARLY": ("尚未到签到时间，请于 {from} 后签到。", "Too early to check in: check in from {from}."),
    "CHECK_IN_TOO_LATE": ("签到时间已过（截至 {until}），预约已失效，请现场取号。",
                          "Check-in closed at {until}; the appointment has lapsed, please take a ticket on site."),
    "DOCUMENT_NOT_APPLICABLE": ("办件 {serial_number} 不能出具{title}：{reason}。",
                                "Case {serial_number} has no {kind} document: {reason_en}."),
    # --- 12345 work orders (工单) -------------------------------------------------------------------
    "WORK_ORDER_EXISTS": ("工单 {number} 已接收。", "Work order {number} has already been received."),
    "WORK_ORDER_STATE_INVALID": ("工单 {number} 当前为“{status}”，不能{action}。",
                                 "Work order {number} is {status_en}; it cannot be {action_en}."),
    "WORK_ORDER_EXTENSION_PENDING": ("工单 {number} 已有待审批的延期申请。",
                                     "Work order {number} already has an extension request pending."),
    "WORK_ORDER_NOT_EXTENDABLE": ("工单 {number} 已延期 {count} 次，不能再延期（{rule}）。",
                                  "Work order {number} was already extended {count} time(s) ({rule})."),
    "WORK_ORDER_OVERDUE": ("工单 {number} 已于 {due_on} 到期，不能再申请延期。",
                           "Work order {number} fell due on {due_on}; it can no longer be extended."),
    "WORK_ORDER_NO_EXTENSION_REQUEST": ("工单 {number} 没有待审批的延期申请。",
                                        "Work order {number} has no extension request to decide."),
    "WORK_ORDER_FOLLOW_UP_MISSING": ("工单 {number} 尚未回访，不能办结。",
                                     "Work order {number} has not been followed up yet: it cannot be closed."),
    # --- 无否决权 (refusal review) ----------------------------------------------------------------
    "REFUSAL_NEEDS_REVIEW": ("不能直接退件（{reasons}）。", "The case cannot be returned directly ({reasons_en})."),
    "TOLERANCE_NOT_OFFERED": ("退件前须先提供容缺后补：{reasons}。", "Offer acceptance with deficiency first: {reasons_en}."),
    "REFUSAL_PENDING": ("办件 {serial_number} 已有待复核的退件申请。",
                        "Case {serial_number} already has a return awaiting review."),
    "REFUSAL_ALREADY_REVIEWED": ("办件 {serial_number} 的退件申请已复核。",
                                 "The proposed return of case {serial_number} has already been reviewed."),
    "REFUSAL_SAME_PERSON": ("退件须由提出人以外的第二人复核（办件 {serial_number}）。",
                            "A second person, not the proposer, must review the return of case {serial_number}."),
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
    # --- staff management: onboarding, posts, replacement, return ------------------------------------------
    "IN_USE": ("{what}仍在使用中，不能撤销或撤出：{users}。", "{what_en} is still in use: {users_en}."),
    "DEPARTMENT_NAME_TAKEN": ("本辖区已有部门“{name}”。", "A department named {name} already exists in this jurisdiction."),
    "DEPARTMENT_CLOSED": ("部门“{name}”已撤销。", "The department {name} is closed."),
    "WINDOW_NUMBER_TAKEN": ("本厅已有{number}号窗口。", "This hall already has a window {number}."),
    "WINDOW_RETIRED": ("{number}号窗口已撤销。", "Window {number} is retired."),
    "IMPORT_REJECTED": ("导入文件有{count}行错误，未导入任何数据。", "{count} rows of the file are bad; nothing was imported."),
    "DEPARTMENT_NOT_IN_HALL": ("该部门未进驻本厅。", "This department is not stationed in this hall."),
    "STAFF_NUMBER_TAKEN": ("本厅已有工号 {number}。", "Staff number {number} is already used in this hall."),
    "STAFF_NOT_ON_DUTY": ("该工作人员当前不在岗（{status}）。", "This staff member is not on duty."),
    "STAFF_NOT_IN_HALL": ("该工作人员不属本厅。", "This staff member does not work in this hall."),
    "STAFF_NOT_ON_WINDOW": ("该工作人员不在此窗口。", "This staff member holds no post on this window."),
    "STAFF_NOT_IN_HALL_SERVICE": ("该工作人员已不在本厅（{status}）。", "This staff member no longer serves in this hall."),
    "STAFF_TRAINING_REQUIRED": ("不符合上岗规定：{reasons}", "Not allowed on duty yet: {reasons_en}"),
    "ONBOARDING_DECIDED": ("该上岗申请已处理。", "This onboarding proposal has already been decided."),
    "REPLACEMENT_REFUSED": ("不符合人员调换规定：{reasons}", "The replacement breaks the rules: {reasons_en}"),
    "REPLACEMENT_ALREADY_OPEN": ("该工作人员已有未完成的调换。", "This staff member already has a replacement under way."),
    "REPLACEMENT_DECIDED": ("该调换已由大厅处理。", "The hall has already decided this replacement."),
    "REPLACEMENT_WRONG_STATE": ("该调换当前（{status}）不能进行此操作。", "The replacement is not at a stage that allows this."),
    "REPLACEMENT_NEW_MEMBER_UNAVAILABLE": ("新人员须为预选替岗人员或待审定人员（当前：{status}）。",
                                           "The new member must be a pre-selected substitute or a proposed member."),
    "REPLACEMENT_NEW_MEMBER_NOT_APPROVED": ("{name}尚未经大厅审定，不能上岗。", "{name} has not been approved by the hall yet."),
    # --- attendance --------------------------------------------------------------------------------------------
    "ATTENDANCE_NOT_A_WORKING_DAY": ("{day} 不需考勤（非工作日）。", "No check-ins are required on {day} (not a working day)."),
    "ATTENDANCE_DAY_CLOSED": ("{day} 的考勤已核定，不能再更改。", "Attendance of {day} is closed."),
    "ATTENDANCE_DAY_NOT_OVER": ("{day} 的考勤时段尚未结束，不能核定。", "The check-ins of {day} are not over yet."),
    "ATTENDANCE_NOT_MANUAL_DAY": ("不能手工考勤：{reasons}", "No manual attendance: {reasons_en}"),
    "ATTENDANCE_MANUAL_NOT_ALLOWED": ("不能改为手工考勤：{reasons}", "No manual attendance: {reasons_en}"),
    "ATTENDANCE_CORRECTION_NOT_ALLOWED": ("不能补签：{reasons}", "No correction slip: {reasons_en}"),
    "ATTENDANCE_NOTHING_TO_CORRECT": ("该时段已有正常考勤记录，无需补签。", "That check-in is on record: nothing to correct."),
    "ATTENDANCE_CORRECTION_PENDING": ("该时段已有待签字的补签单。", "A correction slip for that check-in awaits signature."),
    "ATTENDANCE_CORRECTION_DECIDED": ("该补签单已处理。", "This correction slip has already been decided."),
    # --- leave -------------------------------------------------------------------------------------------------
    "LEAVE_NO_WORKING_DAY": ("所请时段内没有工作日。", "The leave covers no working time."),
    "LEAVE_OVERLAPS": ("与本人已有的请假时间重叠。", "It overlaps one of this staff member's absences."),
    "LEAVE_CHAIN_UNMAPPED": ("审批流程中有无人可审批的步骤：{steps}", "Nobody may decide these steps of the chain: {steps}"),
    "LEAVE_SUBSTITUTE_REQUIRED": ("不符合请假规定：{reasons}", "Leave not allowed: {reasons_en}"),
    "LEAVE_B_ROLE_SUBSTITUTE_REQUIRED": ("不符合请假规定：{reasons}", "Leave not allowed: {reasons_en}"),
    "LEAVE_WINDOW_LEFT_EMPTY": ("不符合请假规定：{reasons}", "Leave not allowed: {reasons_en}"),
    "LEAVE_SUBSTITUTE_UNAVAILABLE": ("替岗人员{name}届时不在岗，不能替岗。", "The substitute {name} is not available then."),
    "LEAVE_STEP_ALREADY_DECIDED": ("该审批步骤已被他人处理。", "Someone else has already decided this step."),
    "LEAVE_STEP_CANNOT_REJECT": ("“{title}”为备案/报备环节，不能驳回。", "The step {title} files or registers; it cannot reject."),
    "LEAVE_SELF_APPROVAL": ("不能审批本人的请假。", "Nobody decides their own leave."),
    "LEAVE_NOT_CANCELLABLE": ("该请假（{status}）不能撤销。", "This leave can no longer be cancelled."),
    "LEAVE_NOT_RETURNABLE": ("该请假（{status}）无需销假。", "This leave cannot be closed by a return."),
    "LEAVE_RETURN_BEFORE_START": ("请假尚未开始，请撤销而非销假。", "The leave has not started: cancel it instead."),
    # --- duty ----------------------------------------------------------------------------------------------------
    "DUTY_SLOT_NOT_IN_PLAN": ("不符合值班安排：{reasons}", "Not a duty slot: {reasons_en}"),
    "DUTY_NOTICE_TOO_LATE": ("不符合值班规定：{reasons}", "Too late for the roster: {reasons_en}"),
    "DUTY_ASSIGNEE_NOT_A_LEADER": ("不符合值班规定：{reasons}", "Not allowed on this duty: {reasons_en}"),
    "DUTY_ASSIGNEE_AWAY": ("{name}届时请假，不能值班。", "{name} is away then."),
    "DUTY_SLOT_TAKEN": ("该值班时段已有安排。", "Someone already has this duty."),
    "DUTY_SWAP_NOT_ALLOWED": ("不能互换：{reasons}", "No swap: {reasons_en}"),
    "DUTY_HANDOVER_NOT_ALLOWED": ("不能替班：{reasons}", "No substitute: {reasons_en}"),
    # --- assessment --------------------------------------------------------------------------------------------------
    "ASSESSMENT_CADENCE_NOT_IN_SCHEME": ("本辖区无此考核周期：{reasons}", "Not a cadence of this jurisdiction: {reasons_en}"),
    "ASSESSMENT_PERIOD_EXISTS": ("考核周期 {label} 已存在。", "Assessment period {label} already exists."),
    "ASSESSMENT_QUARTERS_MISSING": ("{year} 年尚无已计分的季度考核，不能计算年度总评。",
                                    "No quarter of {year} is computed yet: no annual score."),
    "ASSESSMENT_GRADES_RECORDED": ("考核周期 {label} 的等次已由部门记录，不能再更改。",
                                   "The department has recorded the grades of {label}: it cannot change."),
    "ASSESSMENT_GRADE_ANNUAL_ONLY": ("考核等次只用于年度总评。", "Grades are given in the annual assessment only."),
    "ASSESSMENT_GRADE_UNKNOWN": ("考核等次不正确：{reasons}", "Unknown grade: {reasons_en}"),
    # RULEBOOK §16 (v2)
    "ASSESSMENT_GRADE_NOT_DECIDED": ("不能记录考核等次：{reasons}", "Cannot record the grade: {reasons_en}"),
    "ASSESSMENT_GRADE_NO_DECIDING_BODY": ("不能确定考核等次：{reasons}", "No grade decision here: {reasons_en}"),
    "ATTENDANCE_CHECK_IN_UNPROVEN": ("考勤未被采信：{reasons}", "Check-in not accepted: {reasons_en}"),
    "ATTENDANCE_CHECK_IN_TIME_FIXED": ("考勤时间不能指定：{reasons}", "The check-in time is fixed: {reasons_en}"),
    "AFTER_HOURS_DURING_WORKING_HOURS": ("无需登记：{reasons}", "Nothing to register: {reasons_en}"),
    "LEAVE_ATTACHMENT_REQUIRED": ("不能批准：{reasons}", "Cannot approve: {reasons_en}"),
    "LEAVE_PHONE_NOT_ALLOWED": ("不能电话请假：{reasons}", "No leave by phone: {reasons_en}"),
    "ATTENDANCE_PAST_CHECK_IN": ("不能补记过去的考勤：{reasons}", "No past check-in: {reasons_en}"),
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


# Codes that say "the thing is in a state that forbids this" (or someone got there first): they come
# back as the typed ConflictError wherever they are raised, never as a ValidationError.
STATE_CONFLICT_CODES = frozenset({
    "CONFLICT", "WINDOW_NOT_SERVING", "WINDOW_BUSY", "QUEUE_EMPTY", "TICKET_STATE_INVALID", "CASE_STATE_INVALID",
    "NOTHING_AWAITED", "ANOMALY_CLOSED", "COMPLAINT_STATUS_CONFLICT", "COMPLAINT_ALREADY_EXTENDED",
    "APPEAL_ALREADY_FILED", "APPEAL_ALREADY_REVIEWED", "ITEM_REQUEST_PENDING", "ITEM_REQUEST_DECIDED",
    "ITEM_ALREADY_OFFERED", "ONBOARDING_DECIDED", "REPLACEMENT_ALREADY_OPEN", "REPLACEMENT_DECIDED",
    "REPLACEMENT_WRONG_STATE", "ATTENDANCE_DAY_CLOSED", "ATTENDANCE_CORRECTION_PENDING",
    "ATTENDANCE_CORRECTION_DECIDED", "LEAVE_STEP_ALREADY_DECIDED", "LEAVE_NOT_CANCELLABLE", "LEAVE_NOT_RETURNABLE",
    "DUTY_SLOT_TAKEN", "HALL_NAME_TAKEN", "ITEM_CODE_TAKEN", "STAFF_NUMBER_TAKEN",
})


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
