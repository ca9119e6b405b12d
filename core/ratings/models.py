"""Rating table and its vocabulary."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, uuid_pk
from core.enums import LabelledEnum


class RatingLevel(LabelledEnum):
    """The five levels (panyu Art 35; nanbu 好差评制度)."""

    VERY_SATISFIED = ("very_satisfied", "非常满意", "Very satisfied")
    SATISFIED = ("satisfied", "满意", "Satisfied")
    BASICALLY_SATISFIED = ("basically_satisfied", "基本满意", "Basically satisfied")
    DISSATISFIED = ("dissatisfied", "不满意", "Dissatisfied")
    VERY_DISSATISFIED = ("very_dissatisfied", "非常不满意", "Very dissatisfied")


class RatingChannel(LabelledEnum):
    """Where a rating comes from (panyu Art 36-42)."""

    DEVICE = ("device", "评价器", "Rating device at the window")
    QR_CODE = ("qr_code", "回执二维码", "QR code on the receipt")
    TERMINAL = ("terminal", "自助终端", "Self-service terminal")
    ONLINE = ("online", "网上办事平台", "Online portal")
    SMS = ("sms", "短信", "SMS")
    HOTLINE = ("hotline", "12345热线", "12345 hotline")
    DEFAULT = ("default", "默认好评", "Defaulted (no rating in time)")


class Rating(SQLModel, table=True):
    __tablename__ = "rating"
    __table_args__ = (sa.UniqueConstraint("case_id", "channel"),)

    id: uuid.UUID = uuid_pk()
    case_id: uuid.UUID = Field(foreign_key="case.id", index=True)
    staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id", index=True)
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    level: str = Field(max_length=30)
    score: float  # on the jurisdiction's scale at the time of rating
    channel: str = Field(max_length=20)
    comment: str | None = Field(default=None, max_length=1000)
    defaulted: bool = False  # given by the platform after the plugin's delay (panyu Art 35)
    rated_at: datetime = created_at_field()
