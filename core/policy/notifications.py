"""Notifications (RULEBOOK §16 S2; dongguan 5.3.3 静音叫号): what is sent, in which words, and through which sender.

Kinds: ``queue_near`` (your number is N places away), ``called`` (请到窗口), ``materials_due`` (补正材料),
``case_completed`` (办结), ``duty_roster`` (值班安排), ``rating_reminder`` (请评价). Templates are Chinese,
per jurisdiction (``tingwu_notification_template``); the baseline's are below. The sender is pluggable
(``tingwu_send_notification``): the baseline logs the message (default) or posts it to an HTTP webhook (an SMS
gateway or a WeChat service-account bridge) when ``TINGWU_NOTIFY_WEBHOOK_URL`` is set.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.enums import LabelledEnum
from core.policy.rules import default_rule
from core.policy.types import RuleRef

NOTIFICATION_RULE = default_rule(
    "default.notifications",
    topic="notifications",
    title="静音叫号与办事提醒",
    summary="A text when one's number is 3 places away and when it is called, when materials are due, when the case "
    "is completed, for duty rosters and rating reminders; failed deliveries retried 5 times with growing delays, "
    "then kept as dead letters; no message to a number that opted out.",
    article="RULEBOOK §16 S2 (dongguan 5.3.3: N and the retry numbers are defaults)",
)
NEAR_PLACES = 3


class NotificationKind(LabelledEnum):
    QUEUE_NEAR = ("queue_near", "即将叫号提醒", "Your number is coming")
    CALLED = ("called", "叫号通知", "Your number is called")
    MATERIALS_DUE = ("materials_due", "补正材料提醒", "Materials due")
    CASE_COMPLETED = ("case_completed", "办结通知", "Case completed")
    DUTY_ROSTER = ("duty_roster", "值班通知", "Duty roster")
    RATING_REMINDER = ("rating_reminder", "评价提醒", "Please rate the service")


DEFAULT_TEMPLATES = {
    NotificationKind.QUEUE_NEAR: "【{hall}】您的{ticket}号前面还有{places}位，请留意叫号并到{area}等候。",
    NotificationKind.CALLED: "【{hall}】请{ticket}号到{window}号窗口办理。",
    NotificationKind.MATERIALS_DUE: "【{hall}】您的办件{serial}需补正材料：{materials}，请于{due_on}前提交。",
    NotificationKind.CASE_COMPLETED: "【{hall}】您的办件{serial}（{item}）已办结，结果：{result}。",
    NotificationKind.DUTY_ROSTER: "【{hall}】值班安排：{name}于{day}{slot}值班。",
    NotificationKind.RATING_REMINDER: "【{hall}】您的办件{serial}已办结，欢迎对本次服务进行评价。",
}


@dataclass(frozen=True)
class NotificationTemplate:
    text: str
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class OutgoingMessage:
    """One message to send: its id (for idempotent receivers), kind, recipient and text."""

    id: str
    kind: str
    to: str
    text: str
    attempt: int


@dataclass(frozen=True)
class DeliveryResult:
    ok: bool
    detail: str | None = None  # the receiver's answer or the error


@dataclass(frozen=True)
class SenderSettings:
    """The deployment's sender configuration (``TINGWU_NOTIFY_WEBHOOK_URL`` / ``_SECRET``); none: log only."""

    webhook_url: str | None = None
    webhook_secret: str | None = None
    timeout_seconds: float = 5.0


MAX_ATTEMPTS = 5
BASE_DELAY_SECONDS = 30


def retry_delay(attempts: int) -> int:
    """Seconds before the next attempt after ``attempts`` failures: 30 s, 60 s, 120 s, 240 s."""
    return BASE_DELAY_SECONDS * 2 ** max(attempts - 1, 0)


def default_template(kind: NotificationKind) -> NotificationTemplate:
    return NotificationTemplate(DEFAULT_TEMPLATES[NotificationKind(kind)], (NOTIFICATION_RULE.ref,))
