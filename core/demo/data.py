"""The demo data set: what five government service halls looked like in October–November 2026.

Pure data, no I/O. ``DEMO_JURISDICTIONS`` holds one ``JurisdictionDemo`` per
plugin code; ``core.demo.load`` writes them into a database.

What is real and what is invented:

* Jurisdictions, hall and department names follow the real administrative
  structure and the naming rule (RULEBOOK §3); the service items, their types,
  time limits, fees and legal bases follow the national catalogue practice.
* People, phone numbers, ID numbers, serial numbers and street addresses are
  invented. ID numbers are well-formed (GB 11643: region, birth date, order
  code, ISO 7064 check digit) but belong to nobody.

The demo world stands on Friday 2026-11-20 after closing time (``AS_OF``):
nothing in it happens later. Case deadlines are left to the working-day
calendar (another module), except that an 即办件 is due the day it is accepted.

Layout: vocabulary and record types, helpers, the national item catalogue,
rating scales, then one section per jurisdiction (halls, departments, staff,
windows, citizens, case ledgers, complaints), and the registry at the end.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from core.cases.models import CaseCategory, CaseStatus
from core.complaints.models import ComplaintStatus, ComplaintTarget
from core.halls.models import HallKind, HallLevel
from core.items.models import ItemType
from core.ratings.models import RatingChannel, RatingLevel
from core.timezones import SHANGHAI
from core.windows.models import WindowStatus, WindowType

#: The last day of the demo world (a Friday): every event happens on or before it.
AS_OF = date(2026, 11, 20)


class Sector(enum.StrEnum):
    """The line of business of a department; a jurisdiction has at most one department per sector.

    Windows, staff and items name their department by sector, which keeps the
    tables below short and makes "the window's department owns the item" a
    plain equality.
    """

    HALL_OFFICE = "政务服务"  # the hall's management office: runs the hall, is stationed nowhere
    PUBLIC_SECURITY = "公安"
    TAXATION = "税务"
    MARKET_REGULATION = "市场监管"
    HUMAN_RESOURCES = "人社"
    MEDICAL_SECURITY = "医保"
    REAL_ESTATE = "不动产"
    HOUSING = "住建"
    CIVIL_AFFAIRS = "民政"


# --- Record types ---------------------------------------------------------------


@dataclass(frozen=True)
class DemoHall:
    name: str
    kind: HallKind
    level: HallLevel
    place: str
    place_pinyin: str  # explicit, so polyphonic places read right (涌口 is Chongkou, not Yongkou)
    name_en_full: str
    name_en_short: str
    address: str
    opened_on: date  # items are offered in the hall since this day
    parent: str | None = None  # name of the hall a sub-hall or station reports to
    managing_sector: Sector | None = None  # 专业大厅: the department that runs it (panyu Art 28)
    configured_hours: tuple[tuple[str, str], ...] | None = None  # where the jurisdiction's hours are only a default
    offers: tuple[str, ...] | None = None  # item names; None: every item of the departments with windows here


@dataclass(frozen=True)
class DemoDepartment:
    sector: Sector
    name: str
    short_name: str


@dataclass(frozen=True)
class DemoStationing:
    """进驻: a department stationed in a hall, with its 首席代表 there."""

    hall: str
    sector: Sector
    chief_representative: str  # staff number
    stationed_on: date


@dataclass(frozen=True)
class DemoStaff:
    number: str  # 工号, unique within the jurisdiction
    name: str
    sector: Sector  # the dispatching department
    hall: str
    rank: str | None  # 职级; None for contracted and auxiliary staff, who hold none
    position: str | None
    phone: str
    on_duty_since: date


@dataclass(frozen=True)
class DemoWindow:
    hall: str
    number: str
    name: str
    type: WindowType
    sector: Sector
    a_role: str  # staff number of the 主办
    b_role: str | None  # staff number of the 协办
    status: WindowStatus = WindowStatus.SERVING
    status_since: datetime | None = None


@dataclass(frozen=True)
class CatalogItem:
    """An item of the national catalogue (事项编码 shared by every jurisdiction that implements it)."""

    catalog_code: str
    name: str
    type: ItemType
    sector: Sector
    legal_limit_days: int  # working days
    promised_limit_days: int  # the usual promise; a jurisdiction may promise less; 0 = 即办
    materials: tuple[str, ...]
    legal_basis: str
    fee: Decimal | None = None  # None: free of charge
    fee_basis: str | None = None


@dataclass(frozen=True)
class DemoItem:
    """A catalogue item as one jurisdiction implements it."""

    code: str  # 实施编码: region code + catalogue code, unique across jurisdictions
    catalog: CatalogItem
    promised_limit_days: int

    @property
    def name(self) -> str:
        return self.catalog.name

    @property
    def sector(self) -> Sector:
        return self.catalog.sector


@dataclass(frozen=True)
class Citizen:
    name: str
    sex: str  # 男 / 女
    born: date
    phone: str
    id_number: str


@dataclass(frozen=True)
class DemoRating:
    channel: RatingChannel
    level: RatingLevel
    rated_at: datetime
    comment: str | None = None

    @property
    def defaulted(self) -> bool:
        return self.channel is RatingChannel.DEFAULT


@dataclass(frozen=True)
class DemoCase:
    serial_number: str
    hall: str
    window: str  # window number in the hall
    item: str  # item name
    category: CaseCategory
    status: CaseStatus
    applicant: str  # a citizen's name in the jurisdiction's roster
    staff: str  # staff number of the handler
    accepted_at: datetime
    completed_at: datetime | None = None
    tolerance_acceptance: bool = False  # 容缺受理 (dongguan 5.2.7)
    supplement_due_on: date | None = None
    deadline_on: date | None = None
    ratings: tuple[DemoRating, ...] = ()


@dataclass(frozen=True)
class DemoComplaint:
    reference: str  # 投诉登记号: the natural key
    hall: str
    channel: str  # a code of the jurisdiction's complaint_channels()
    received_at: datetime
    complainant_name: str | None
    complainant_contact: str | None
    target_kind: ComplaintTarget
    # staff number, window number (in the complaint's hall), or department sector; None for the hall
    target: str | Sector | None
    facts: str
    demand: str | None = None
    case_serial_number: str | None = None
    confidential: bool = False
    status: ComplaintStatus = ComplaintStatus.RECEIVED
    rejection_reason: str | None = None
    rejection_grounds: tuple[str, ...] = ()  # ground codes of the jurisdiction's acceptance rule
    channel_note: str | None = None  # the medium, when the channel is 其他合法方式
    accepted_at: datetime | None = None
    deadline_on: date | None = None
    resolution: str | None = None
    resolved_at: datetime | None = None
    feedback: str | None = None
    feedback_at: datetime | None = None
    closed_at: datetime | None = None
    notes: tuple[tuple[datetime, str], ...] = ()  # 调查记录: (when, what)


@dataclass(frozen=True)
class DemoAppeal:
    """申诉 of a bad rating by the staff member it rates (panyu Art 43), and the hall's review."""

    serial_number: str  # the rated case
    channel: RatingChannel  # which of its ratings
    filed_at: datetime
    reason: str
    review_due_on: date  # 10 working days after filing (on the 2026 calendar)
    outcome: str | None = None  # upheld / overturned_mistaken / overturned_malicious; None: pending
    reviewed_at: datetime | None = None
    review_note: str | None = None


@dataclass(frozen=True)
class JurisdictionDemo:
    code: str
    province: str  # picks the rating scale
    region_code: str  # GB/T 2260, as the plugin reports it; prefixes the items' 实施编码
    resident_id_prefix: str  # region part of local residents' ID numbers
    serial_prefix: str  # two letters before 办件流水号 (PY20261009000037) and 工号 (PY-0001)
    halls: tuple[DemoHall, ...]  # parents before their sub-halls and stations
    departments: tuple[DemoDepartment, ...]
    stationings: tuple[DemoStationing, ...]
    staff: tuple[DemoStaff, ...]
    windows: tuple[DemoWindow, ...]
    items: tuple[DemoItem, ...]
    citizens: tuple[Citizen, ...]
    cases: tuple[DemoCase, ...]
    complaints: tuple[DemoComplaint, ...]
    appeals: tuple[DemoAppeal, ...] = ()

    def department(self, sector: Sector) -> DemoDepartment:
        return next(d for d in self.departments if d.sector == sector)

    def hall(self, name: str) -> DemoHall:
        return next(h for h in self.halls if h.name == name)

    def item(self, name: str) -> DemoItem:
        return next(i for i in self.items if i.name == name)

    def citizen(self, name: str) -> Citizen:
        return next(c for c in self.citizens if c.name == name)

    def window(self, hall: str, number: str) -> DemoWindow:
        return next(w for w in self.windows if w.hall == hall and w.number == number)

    def items_offered_in(self, hall: DemoHall) -> tuple[DemoItem, ...]:
        """An item is offered where its department has a window, unless the hall lists what it offers."""
        if hall.offers is not None:
            return tuple(self.item(name) for name in hall.offers)
        sectors = {w.sector for w in self.windows if w.hall == hall.name}
        return tuple(i for i in self.items if i.sector in sectors)


# --- Helpers that turn the compact tables below into records -------------------

_ID_WEIGHTS = tuple(2 ** (17 - i) % 11 for i in range(17))  # 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, …


def id_check_digit(first_17: str) -> str:
    """The 18th character of a 公民身份号码 (GB 11643, ISO 7064 MOD 11-2)."""
    remainder = sum(int(digit) * weight for digit, weight in zip(first_17, _ID_WEIGHTS, strict=True)) % 11
    return "10X98765432"[remainder]


def resident_id_number(region: str, born: date, sequence: int, sex: str) -> str:
    """A well-formed ID number; the order code is odd for men and even for women."""
    order = (37 * sequence + 101) % 500 * 2 + (1 if sex == "男" else 0)  # spread, so they don't read 001, 003…
    first_17 = f"{region}{born:%Y%m%d}{order:03d}"
    return first_17 + id_check_digit(first_17)


def local_time(text: str, *, on: date | None = None) -> datetime:
    """"2026-11-03 09:12", or "09:12" on the day ``on``, as an aware Asia/Shanghai datetime."""
    if on is not None and len(text) == 5:
        return datetime.combine(on, time.fromisoformat(text), SHANGHAI)
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def brief_absence(since: str) -> tuple[WindowStatus, datetime]:
    return WindowStatus.BRIEF_ABSENCE, local_time(since)


def suspended(since: str) -> tuple[WindowStatus, datetime]:
    return WindowStatus.SUSPENDED, local_time(since)


def _roster(hall: str, *rows: tuple) -> tuple[DemoStaff, ...]:
    return tuple(
        DemoStaff(number, name, sector, hall, rank, position, phone, date.fromisoformat(since))
        for number, name, sector, rank, position, phone, since in rows
    )


def _windows(hall: str, *rows: tuple) -> tuple[DemoWindow, ...]:
    windows = []
    for number, name, type_label, sector, a_role, b_role, *status in rows:
        state, since = status[0] if status else (WindowStatus.SERVING, None)
        windows.append(
            DemoWindow(hall, number, name, WindowType.from_label(type_label), sector, a_role, b_role, state, since)
        )
    return tuple(windows)


def _citizens(id_prefix: str, *rows: tuple[str, str, str, str]) -> tuple[Citizen, ...]:
    citizens = []
    for sequence, (name, sex, born_on, phone) in enumerate(rows):
        born = date.fromisoformat(born_on)
        citizens.append(Citizen(name, sex, born, phone, resident_id_number(id_prefix, born, sequence, sex)))
    return tuple(citizens)


# When a rating arrives after completion, by channel (panyu Art 36-42): the
# device and terminal at once, the receipt's QR code later that day, SMS after
# the 24-hour reminder (Art 40), the 12345 callback a couple of days later, and
# the platform's default after 7 natural days without a rating (Art 35).
_RATING_DELAY = {
    RatingChannel.DEVICE: timedelta(minutes=1),
    RatingChannel.TERMINAL: timedelta(minutes=6),
    RatingChannel.QR_CODE: timedelta(hours=3),
    RatingChannel.ONLINE: timedelta(hours=20),
    RatingChannel.SMS: timedelta(hours=24, minutes=12),
    RatingChannel.HOTLINE: timedelta(days=2, hours=1),
    RatingChannel.DEFAULT: timedelta(days=7),
}


@dataclass(frozen=True)
class _Entry:
    """One line of a hall's case ledger (办件台账), before the hall and the handler are filled in."""

    serial_number: str
    at: str
    window: str
    item: str
    category: str
    applicant: str
    by: str | None
    done: str | None
    tolerance_until: str | None
    rated: Mapping[str, str]


def _c(serial_number: str, at: str, window: str, item: str, category: str, applicant: str, *,
       by: str | None = None, done: str | None = None, tolerance_until: str | None = None,
       rated: Mapping[str, str] | None = None) -> _Entry:
    """A ledger line. The acceptance date is the one in the serial number; ``done`` is "HH:MM" on that
    day or a full "YYYY-MM-DD HH:MM"; ``by`` defaults to the window's A role; ``rated`` maps a channel
    label to a level label, optionally with a comment after a full-width colon."""
    return _Entry(serial_number, at, window, item, category, applicant, by, done, tolerance_until, rated or {})


def _ledger(hall: str, windows: tuple[DemoWindow, ...], *entries: _Entry) -> tuple[DemoCase, ...]:
    a_roles = {w.number: w.a_role for w in windows if w.hall == hall}
    return tuple(_case(hall, a_roles, entry) for entry in entries)


def _case(hall: str, a_roles: Mapping[str, str], entry: _Entry) -> DemoCase:
    accepted_on = datetime.strptime(entry.serial_number[2:10], "%Y%m%d").date()  # after the two-letter prefix
    accepted_at = local_time(entry.at, on=accepted_on)
    completed_at = local_time(entry.done, on=accepted_on) if entry.done else None
    category = CaseCategory.from_label(entry.category)
    if completed_at is not None:
        status = CaseStatus.COMPLETED
    elif category is CaseCategory.RETURNED:
        status = CaseStatus.RETURNED
    elif category is CaseCategory.SUPPLEMENT:
        status = CaseStatus.AWAITING_MATERIALS  # 补办件: the clock starts when materials are complete
    else:
        status = CaseStatus.ACCEPTED
    ratings = []
    if len(entry.rated) > 1:  # 一次一评 (RULEBOOK §16 R1): one rating per case, whatever the channel
        raise ValueError(f"{entry.serial_number}: a case is rated once")
    for channel_label, verdict in entry.rated.items():
        level_label, _, comment = verdict.partition("：")
        channel = RatingChannel.from_label(channel_label)
        if completed_at is None:
            raise ValueError(f"{entry.serial_number}: only a completed case is rated")
        ratings.append(
            DemoRating(
                channel, RatingLevel.from_label(level_label), completed_at + _RATING_DELAY[channel], comment or None
            )
        )
    return DemoCase(
        serial_number=entry.serial_number,
        hall=hall,
        window=entry.window,
        item=entry.item,
        category=category,
        status=status,
        applicant=entry.applicant,
        staff=entry.by or a_roles[entry.window],
        accepted_at=accepted_at,
        completed_at=completed_at,
        tolerance_acceptance=entry.tolerance_until is not None,
        supplement_due_on=date.fromisoformat(entry.tolerance_until) if entry.tolerance_until else None,
        deadline_on=accepted_on if category is CaseCategory.INSTANT else None,
        ratings=tuple(ratings),
    )


def _complaint(reference: str, hall: str, *, channel: str, received: str, target_kind: str,
               target: str | Sector | None, facts: str, complainant: str | None = None,
               contact: str | None = None, status: str = "已登记", accepted: str | None = None,
               deadline: str | None = None, resolved: str | None = None, fed_back: str | None = None,
               closed: str | None = None, notes: tuple[tuple[str, str], ...] = (), **details) -> DemoComplaint:
    return DemoComplaint(
        reference=reference,
        hall=hall,
        channel=channel,
        received_at=local_time(received),
        complainant_name=complainant,
        complainant_contact=contact,
        target_kind=ComplaintTarget.from_label(target_kind),
        target=target,
        facts=facts,
        status=ComplaintStatus.from_label(status),
        accepted_at=local_time(accepted) if accepted else None,
        deadline_on=date.fromisoformat(deadline) if deadline else None,
        resolved_at=local_time(resolved) if resolved else None,
        feedback_at=local_time(fed_back) if fed_back else None,
        closed_at=local_time(closed) if closed else None,
        notes=tuple((local_time(at), text) for at, text in notes),
        **details,
    )


def _appeal(serial_number: str, channel: str, *, filed: str, reason: str, review_due: str,
            outcome: str | None = None, reviewed: str | None = None, note: str | None = None) -> DemoAppeal:
    return DemoAppeal(serial_number, RatingChannel.from_label(channel), local_time(filed), reason,
                      date.fromisoformat(review_due), outcome, local_time(reviewed) if reviewed else None, note)


def _implement(
    region_code: str, sectors: set[Sector], promised: Mapping[str, int] | None = None
) -> tuple[DemoItem, ...]:
    """The catalogue items of the given sectors as a jurisdiction implements them.

    ``promised`` lowers the promised limit of named items (承诺时限压缩) where a
    jurisdiction promises faster service than the usual.
    """
    promised = dict(promised or {})
    unknown = set(promised) - {item.name for item in NATIONAL_CATALOG}
    if unknown:
        raise KeyError(f"no catalogue item named {', '.join(sorted(unknown))}")
    return tuple(
        DemoItem(f"{region_code}-{item.catalog_code}", item, promised.get(item.name, item.promised_limit_days))
        for item in NATIONAL_CATALOG
        if item.sector in sectors
    )


# --- The national item catalogue --------------------------------------------------
# 事项编码: 000 + a sector block (111 公安 … 118 民政) + item + 000 for the basic item.

_ID_CARD_FEE = "《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）"
_REAL_ESTATE_FEE = "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）"
_FOOD_SAFETY_LAW = "《中华人民共和国食品安全法》"
_SOCIAL_INSURANCE_LAW = "《中华人民共和国社会保险法》"
_MARKET_ENTITY_REGULATION = "《中华人民共和国市场主体登记管理条例》"
_REAL_ESTATE_REGULATION = "《不动产登记暂行条例》"
_INVOICE_MEASURES = "《中华人民共和国发票管理办法》"

NATIONAL_CATALOG: tuple[CatalogItem, ...] = (
    # 公安
    CatalogItem(
        "000111001000", "居民身份证换领", ItemType.CONFIRMATION, Sector.PUBLIC_SECURITY, 60, 20,
        ("居民户口簿", "原居民身份证", "数字相片（可现场采集）"),
        "《中华人民共和国居民身份证法》第十一条", Decimal("20.00"), _ID_CARD_FEE,
    ),
    CatalogItem(
        "000111002000", "居民身份证补领", ItemType.CONFIRMATION, Sector.PUBLIC_SECURITY, 60, 20,
        ("居民户口簿", "居民身份证丢失情况说明", "数字相片（可现场采集）"),
        "《中华人民共和国居民身份证法》第十一条", Decimal("20.00"), _ID_CARD_FEE,
    ),
    CatalogItem(
        "000111003000", "机动车驾驶证补领", ItemType.LICENSING, Sector.PUBLIC_SECURITY, 1, 0,
        ("机动车驾驶人身份证明", "机动车驾驶证申请表"),
        "《机动车驾驶证申领和使用规定》（公安部令第162号）第六十二条", Decimal("10.00"),
        "《国家发展改革委 财政部关于公安部门收取机动车牌证工本费等有关问题的通知》（发改价格〔2004〕2831号）",
    ),
    CatalogItem(
        "000111004000", "往来港澳通行证及签注签发", ItemType.LICENSING, Sector.PUBLIC_SECURITY, 30, 7,
        ("居民身份证", "出入境证件数字相片（可现场采集）", "出入境证件申请表"),
        "《中国公民因私事往来香港地区或者澳门地区的暂行管理办法》第五条", Decimal("60.00"),
        "《国家发展改革委 财政部关于降低电子普通护照等出入境证件收费标准的通知》（发改价格〔2019〕914号）",
    ),
    CatalogItem(
        "000111005000", "户口迁入（投靠类）", ItemType.LICENSING, Sector.PUBLIC_SECURITY, 20, 10,
        ("居民户口簿", "居民身份证", "亲属关系证明", "合法稳定住所证明"),
        "《中华人民共和国户口登记条例》第十三条",
    ),
    CatalogItem(
        "000111006000", "无犯罪记录证明开具", ItemType.PUBLIC_SERVICE, Sector.PUBLIC_SECURITY, 3, 1,
        ("居民身份证", "犯罪记录查询申请表"),
        "《公安机关办理犯罪记录查询工作规定》（公通字〔2021〕19号）第九条",
    ),
    # 税务
    CatalogItem(
        "000112001000", "增值税发票领用", ItemType.OTHER, Sector.TAXATION, 1, 0,
        ("经办人身份证件", "税务数字账户或税控设备"),
        f"{_INVOICE_MEASURES}第十五条",
    ),
    CatalogItem(
        "000112002000", "增值税一般纳税人登记", ItemType.CONFIRMATION, Sector.TAXATION, 1, 0,
        ("增值税一般纳税人登记表", "经办人身份证件"),
        "《增值税一般纳税人登记管理办法》（国家税务总局令第43号）第五条",
    ),
    CatalogItem(
        "000112003000", "代开增值税发票", ItemType.OTHER, Sector.TAXATION, 1, 0,
        ("代开增值税发票缴纳税款申报单", "合同或付款证明", "经办人身份证件"),
        f"{_INVOICE_MEASURES}第十六条",
    ),
    CatalogItem(
        "000112004000", "契税申报", ItemType.LEVY, Sector.TAXATION, 1, 0,
        ("契税纳税申报表", "不动产权属转移合同", "纳税人身份证件"),
        "《中华人民共和国契税法》第十条",
    ),
    # 市场监管
    CatalogItem(
        "000113001000", "个体工商户设立登记", ItemType.LICENSING, Sector.MARKET_REGULATION, 3, 0,
        ("个体工商户登记（备案）申请书", "经营者身份证明", "经营场所使用证明"),
        f"{_MARKET_ENTITY_REGULATION}第十九条",
    ),
    CatalogItem(
        "000113002000", "个体工商户变更登记", ItemType.LICENSING, Sector.MARKET_REGULATION, 3, 0,
        ("个体工商户变更登记申请书", "营业执照正副本", "变更事项相关证明"),
        f"{_MARKET_ENTITY_REGULATION}第二十四条",
    ),
    CatalogItem(
        "000113003000", "有限责任公司设立登记", ItemType.LICENSING, Sector.MARKET_REGULATION, 3, 1,
        ("公司登记（备案）申请书", "公司章程", "股东主体资格文件或自然人身份证件",
         "法定代表人、董事、监事和经理的任职文件", "住所使用证明"),
        "《中华人民共和国公司法》第二十九条",
    ),
    CatalogItem(
        "000113004000", "食品经营许可证核发", ItemType.LICENSING, Sector.MARKET_REGULATION, 10, 5,
        ("食品经营许可申请书", "营业执照或其他主体资格证明文件", "与食品经营相适应的主要设备设施布局、操作流程等文件",
         "食品安全自查、从业人员健康管理、进货查验记录等食品安全管理制度"),
        f"{_FOOD_SAFETY_LAW}第三十五条",
    ),
    CatalogItem(
        "000113005000", "药品经营许可证核发（零售）", ItemType.LICENSING, Sector.MARKET_REGULATION, 20, 15,
        ("药品经营许可证申请表", "营业执照", "执业药师注册证", "质量管理文件目录", "经营场所和仓库平面布局图"),
        "《中华人民共和国药品管理法》第五十一条",
    ),
    CatalogItem(
        "000113006000", "食品安全违法行为举报奖励", ItemType.REWARD, Sector.MARKET_REGULATION, 30, 20,
        ("举报奖励申请表", "举报人身份证明", "银行账户信息"),
        f"{_FOOD_SAFETY_LAW}第一百一十五条",
    ),
    # 人社
    CatalogItem(
        "000114001000", "城乡居民基本养老保险参保登记", ItemType.PUBLIC_SERVICE, Sector.HUMAN_RESOURCES, 1, 0,
        ("居民身份证", "居民户口簿"),
        "《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）",
    ),
    CatalogItem(
        "000114002000", "失业保险金申领", ItemType.BENEFIT, Sector.HUMAN_RESOURCES, 10, 3,
        ("居民身份证或社会保障卡", "终止或者解除劳动关系证明"),
        f"{_SOCIAL_INSURANCE_LAW}第四十五条",
    ),
    CatalogItem(
        "000114003000", "就业创业证申领", ItemType.PUBLIC_SERVICE, Sector.HUMAN_RESOURCES, 1, 0,
        ("居民身份证", "近期免冠照片"),
        "《就业服务与就业管理规定》第六十三条",
    ),
    CatalogItem(
        "000114004000", "社会保障卡申领", ItemType.PUBLIC_SERVICE, Sector.HUMAN_RESOURCES, 20, 0,
        ("居民身份证", "近期免冠照片（可现场采集）"),
        f"{_SOCIAL_INSURANCE_LAW}第五十八条",
    ),
    CatalogItem(
        "000114005000", "工伤认定", ItemType.CONFIRMATION, Sector.HUMAN_RESOURCES, 60, 30,
        ("工伤认定申请表", "与用人单位存在劳动关系的证明材料", "医疗诊断证明书或职业病诊断证明书"),
        "《工伤保险条例》第十七条、第二十条",
    ),
    CatalogItem(
        "000114006000", "企业职工基本养老保险关系转移接续", ItemType.PUBLIC_SERVICE, Sector.HUMAN_RESOURCES, 30, 15,
        ("居民身份证或社会保障卡", "基本养老保险参保缴费凭证"),
        f"{_SOCIAL_INSURANCE_LAW}第十九条",
    ),
    # 医保
    CatalogItem(
        "000115001000", "基本医疗保险关系转移接续", ItemType.PUBLIC_SERVICE, Sector.MEDICAL_SECURITY, 30, 10,
        ("居民身份证或社会保障卡", "基本医疗保险参保凭证"),
        f"{_SOCIAL_INSURANCE_LAW}第三十二条",
    ),
    CatalogItem(
        "000115002000", "异地就医备案", ItemType.PUBLIC_SERVICE, Sector.MEDICAL_SECURITY, 1, 0,
        ("居民身份证或社会保障卡", "跨省异地就医备案表（个人承诺制）"),
        "《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）",
    ),
    CatalogItem(
        "000115003000", "门诊慢特病待遇认定", ItemType.CONFIRMATION, Sector.MEDICAL_SECURITY, 20, 10,
        ("门诊慢特病待遇认定申请表", "二级及以上医疗机构诊断证明", "相关检查检验报告"),
        f"{_SOCIAL_INSURANCE_LAW}第二十八条",
    ),
    CatalogItem(
        "000115004000", "城乡居民基本医疗保险参保登记", ItemType.PUBLIC_SERVICE, Sector.MEDICAL_SECURITY, 1, 0,
        ("居民身份证", "居民户口簿或居住证"),
        f"{_SOCIAL_INSURANCE_LAW}第二十五条",
    ),
    # 不动产
    CatalogItem(
        "000116001000", "不动产首次登记", ItemType.CONFIRMATION, Sector.REAL_ESTATE, 30, 5,
        ("不动产登记申请书", "申请人身份证明", "土地权属来源证明", "建设工程符合规划的材料",
         "房屋已经竣工的材料", "房地产调查或者测绘报告"),
        f"{_REAL_ESTATE_REGULATION}第二十条", Decimal("80.00"), _REAL_ESTATE_FEE,
    ),
    CatalogItem(
        "000116002000", "不动产转移登记", ItemType.CONFIRMATION, Sector.REAL_ESTATE, 30, 3,
        ("不动产登记申请书", "申请人身份证明", "不动产权属证书", "不动产买卖合同", "完税凭证"),
        f"{_REAL_ESTATE_REGULATION}第二十条", Decimal("80.00"), _REAL_ESTATE_FEE,
    ),
    CatalogItem(
        "000116003000", "不动产抵押登记", ItemType.CONFIRMATION, Sector.REAL_ESTATE, 30, 1,
        ("不动产登记申请书", "申请人身份证明", "不动产权属证书", "主债权合同", "抵押合同"),
        "《中华人民共和国民法典》第四百零二条", Decimal("80.00"), _REAL_ESTATE_FEE,
    ),
    CatalogItem(
        "000116004000", "不动产登记资料查询", ItemType.PUBLIC_SERVICE, Sector.REAL_ESTATE, 1, 0,
        ("不动产登记资料查询申请书", "查询人身份证明"),
        "《不动产登记资料查询暂行办法》第十四条",
    ),
    CatalogItem(
        "000116005000", "土地权属争议行政裁决", ItemType.ADJUDICATION, Sector.REAL_ESTATE, 120, 90,
        ("土地权属争议调处申请书", "申请人身份证明", "土地权属来源证据材料", "争议地块界址图"),
        "《中华人民共和国土地管理法》第十四条",
    ),
    # 住建
    CatalogItem(
        "000117001000", "建筑工程施工许可证核发", ItemType.LICENSING, Sector.HOUSING, 7, 3,
        ("建筑工程施工许可申请表", "建设工程规划许可证", "施工图设计文件审查合格书或告知承诺书",
         "中标通知书及施工合同", "建设资金已经落实承诺书"),
        "《中华人民共和国建筑法》第七条、第八条",
    ),
    CatalogItem(
        "000117002000", "商品房预售许可", ItemType.LICENSING, Sector.HOUSING, 10, 5,
        ("商品房预售许可申请表", "营业执照和资质证书", "建设工程规划许可证和施工许可证",
         "商品房预售方案", "工程投资达总投资25%以上的证明"),
        "《中华人民共和国城市房地产管理法》第四十五条",
    ),
    CatalogItem(
        "000117003000", "房屋建筑和市政基础设施工程竣工验收备案", ItemType.OTHER, Sector.HOUSING, 15, 5,
        ("工程竣工验收备案表", "工程竣工验收报告", "规划、消防等部门出具的认可文件", "施工单位签署的工程质量保修书"),
        "《建设工程质量管理条例》第四十九条",
    ),
    CatalogItem(
        "000117004000", "公共租赁住房资格审核", ItemType.CONFIRMATION, Sector.HOUSING, 30, 20,
        ("公共租赁住房申请表", "家庭成员身份证明", "住房情况证明", "收入情况证明"),
        "《公共租赁住房管理办法》（住房和城乡建设部令第11号）第七条",
    ),
    # 民政
    CatalogItem(
        "000118001000", "社会团体成立登记", ItemType.LICENSING, Sector.CIVIL_AFFAIRS, 60, 20,
        ("社会团体成立登记申请书", "业务主管单位批准文件", "验资报告或资金证明", "住所使用权证明",
         "章程草案", "拟任负责人身份证明"),
        "《社会团体登记管理条例》第十二条",
    ),
    CatalogItem(
        "000118002000", "内地居民结婚登记", ItemType.CONFIRMATION, Sector.CIVIL_AFFAIRS, 1, 0,
        ("双方居民身份证", "本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明"),
        "《中华人民共和国民法典》第一千零四十九条",
    ),
    CatalogItem(
        "000118003000", "最低生活保障审核确认", ItemType.BENEFIT, Sector.CIVIL_AFFAIRS, 30, 20,
        ("最低生活保障申请书", "家庭成员身份证明", "家庭经济状况核对授权书"),
        "《社会救助暂行办法》第十一条",
    ),
    CatalogItem(
        "000118004000", "高龄津贴申领", ItemType.BENEFIT, Sector.CIVIL_AFFAIRS, 20, 10,
        ("居民身份证", "居民户口簿", "本人银行账户信息"),
        "《中华人民共和国老年人权益保障法》第三十三条",
    ),
    CatalogItem(
        "000118005000", "民办非企业单位成立登记", ItemType.LICENSING, Sector.CIVIL_AFFAIRS, 60, 20,
        ("民办非企业单位成立登记申请书", "业务主管单位批准文件", "场所使用权证明", "验资报告", "章程草案"),
        "《民办非企业单位登记管理暂行条例》第十一条",
    ),
)


# --- Rating scales (RULEBOOK §8) ---------------------------------------------------

#: Score of each level on a province's scale. Guangdong's is panyu Art 35 and is
#: shared by the three Guangdong plugins; Shandong's is the platform default.
RATING_SCORES: Mapping[str, Mapping[RatingLevel, float]] = {
    "广东": {
        RatingLevel.VERY_SATISFIED: 10,
        RatingLevel.SATISFIED: 8,
        RatingLevel.BASICALLY_SATISFIED: 6,
        RatingLevel.DISSATISFIED: 3,
        RatingLevel.VERY_DISSATISFIED: 0,
    },
    "山东": {
        RatingLevel.VERY_SATISFIED: 5,
        RatingLevel.SATISFIED: 4,
        RatingLevel.BASICALLY_SATISFIED: 3,
        RatingLevel.DISSATISFIED: 2,
        RatingLevel.VERY_DISSATISFIED: 1,
    },
}


def rating_score(province: str, level: RatingLevel) -> float:
    return RATING_SCORES[province][level]


# Short names for the sectors, so the tables below fit on a line.
HALL_OFFICE = Sector.HALL_OFFICE
POLICE = Sector.PUBLIC_SECURITY
TAX = Sector.TAXATION
MARKET = Sector.MARKET_REGULATION
HR = Sector.HUMAN_RESOURCES
MEDICAL = Sector.MEDICAL_SECURITY
REAL_ESTATE = Sector.REAL_ESTATE
HOUSING = Sector.HOUSING
CIVIL = Sector.CIVIL_AFFAIRS


# =============================================================================
# 广州市番禺区 (panyu): the district centre, with a tax hall on its second floor (panyu Art 28)
# =============================================================================

PANYU_CENTER = "广州市番禺区政务服务中心"
PANYU_TAX_HALL = "番禺区税务专业大厅"

_PANYU_HALLS = (
    DemoHall(
        PANYU_CENTER, HallKind.CENTER, HallLevel.COUNTY, "番禺区", "Panyu",
        "Panyu District Government Service Center", "Panyu Government Service Center",
        "广州市番禺区市桥街清河东路", date(2019, 6, 18),
        configured_hours=(("08:30", "12:00"), ("14:00", "17:00")),  # panyu Art 62 leaves public hours to the hall
    ),
    DemoHall(
        PANYU_TAX_HALL, HallKind.SPECIALIZED, HallLevel.COUNTY, "番禺区", "Panyu",
        "Panyu District Taxation Service Hall", "Panyu Taxation Service Hall",
        "广州市番禺区市桥街清河东路（区政务服务中心二楼）", date(2019, 6, 18),
        parent=PANYU_CENTER, managing_sector=TAX,
        configured_hours=(("08:30", "12:00"), ("14:00", "17:00")),
    ),
)

_PANYU_DEPARTMENTS = (
    DemoDepartment(HALL_OFFICE, "广州市番禺区政务服务数据管理局", "区政数局"),
    DemoDepartment(POLICE, "广州市公安局番禺区分局", "番禺公安分局"),
    DemoDepartment(TAX, "国家税务总局广州市番禺区税务局", "番禺区税务局"),
    DemoDepartment(MARKET, "广州市番禺区市场监督管理局", "区市场监管局"),
    DemoDepartment(HR, "广州市番禺区人力资源和社会保障局", "区人社局"),
    DemoDepartment(MEDICAL, "广州市番禺区医疗保障局", "区医保局"),
    DemoDepartment(REAL_ESTATE, "广州市规划和自然资源局番禺区分局", "番禺规划资源分局"),
    DemoDepartment(HOUSING, "广州市番禺区住房和城乡建设局", "区住建局"),
)

_PANYU_STAFF = (
    *_roster(
        PANYU_CENTER,
        # 工号      姓名      派出部门      职级            岗位          手机            上岗日期
        ("PY-0001", "郭志明", HALL_OFFICE, "一级主任科员", "大厅负责人", "13902231876", "2019-06-18"),
        ("PY-0002", "罗嘉欣", HALL_OFFICE, None, "咨询导办员", "13631485207", "2021-03-01"),
        ("PY-0003", "谢慧敏", HALL_OFFICE, None, "咨询导办员", "15521307649", "2022-08-15"),
        ("PY-0004", "卢振华", HALL_OFFICE, "四级主任科员", "督查专员", "13710596238", "2019-06-18"),
        ("PY-0005", "吴佩珊", HALL_OFFICE, None, "综合出证员", "18819402735", "2020-11-02"),
        ("PY-0006", "陈嘉豪", MARKET, "三级主任科员", "首席代表", "13926103847", "2019-06-18"),
        ("PY-0007", "梁淑仪", MARKET, "一级科员", None, "13580427316", "2020-04-07"),
        ("PY-0008", "麦晓琳", MARKET, "二级科员", None, "15902035184", "2023-02-20"),
        ("PY-0009", "冯家俊", MARKET, "四级主任科员", None, "13825046731", "2019-06-18"),
        ("PY-0010", "何志锋", HR, "四级主任科员", "首席代表", "13609014582", "2019-06-18"),
        ("PY-0011", "黄丽娟", HR, "一级科员", None, "13751937028", "2021-07-12"),
        ("PY-0012", "林颖诗", MEDICAL, "四级主任科员", "首席代表", "13533862190", "2020-03-02"),
        ("PY-0013", "李卓然", MEDICAL, "二级科员", None, "18924615307", "2022-05-09"),
        ("PY-0014", "张国栋", REAL_ESTATE, "三级主任科员", "首席代表", "13802706941", "2019-06-18"),
        ("PY-0015", "苏文斌", REAL_ESTATE, "一级科员", None, "13660281453", "2020-09-14"),
        ("PY-0016", "邓雅婷", REAL_ESTATE, "二级科员", None, "15017624098", "2023-06-01"),
        ("PY-0017", "黎伟雄", POLICE, "二级警长", "首席代表", "13903015276", "2019-06-18"),
        ("PY-0018", "潘浩宇", POLICE, "一级警员", None, "13724590813", "2021-10-18"),
        ("PY-0019", "区倩仪", POLICE, None, "户政辅警", "13570846291", "2022-01-04"),
        ("PY-0020", "叶俊杰", HOUSING, "四级主任科员", "首席代表", "13826037452", "2021-09-01"),
        ("PY-0021", "钟伟强", HOUSING, "一级科员", None, "13642718590", "2021-09-01"),
    ),
    *_roster(
        PANYU_TAX_HALL,
        ("PY-0022", "朱晓彤", TAX, "三级主任科员", "首席代表", "13902487615", "2019-06-18"),
        ("PY-0023", "何嘉怡", TAX, "一级科员", None, "13560149827", "2020-07-06"),
        ("PY-0024", "陈卓文", TAX, "二级科员", None, "18027396451", "2023-08-21"),
        ("PY-0025", "梁家伟", TAX, "四级主任科员", None, "13926571830", "2019-06-18"),
        ("PY-0026", "黄诗敏", TAX, "一级科员", None, "15920843176", "2021-12-13"),
    ),
)

_PANYU_WINDOWS = (
    *_windows(
        PANYU_CENTER,
        # 编号   名称                     类型               部门          A岗        B岗        状态
        ("A01", "综合咨询导办台", "综合咨询窗口", HALL_OFFICE, "PY-0002", "PY-0003"),
        ("A02", "“办不成事”反映窗口", "办不成事反映窗口", HALL_OFFICE, "PY-0001", "PY-0004"),
        ("A03", "综合出证窗口", "综合出证窗口", HALL_OFFICE, "PY-0005", "PY-0003"),
        ("B01", "企业开办综合窗口", "综合办事窗口", MARKET, "PY-0007", "PY-0009"),
        ("B02", "企业开办综合窗口", "综合办事窗口", MARKET, "PY-0008", "PY-0006", brief_absence("2026-11-20 10:42")),
        ("B03", "社会保险业务窗口", "专业窗口", HR, "PY-0011", "PY-0010"),
        ("B04", "医疗保障业务窗口", "专业窗口", MEDICAL, "PY-0013", "PY-0012"),
        ("B05", "不动产登记窗口", "专业窗口", REAL_ESTATE, "PY-0015", "PY-0016"),
        ("B06", "不动产登记窗口", "专业窗口", REAL_ESTATE, "PY-0016", "PY-0014"),
        ("B07", "户政业务窗口", "专业窗口", POLICE, "PY-0018", "PY-0019"),
        ("B08", "工程建设项目审批窗口", "专业窗口", HOUSING, "PY-0021", "PY-0020"),
        ("B09", "跨省通办窗口", "跨域通办窗口", MEDICAL, "PY-0012", "PY-0013"),
        ("B10", "老年人、残障人士绿色通道", "绿色通道窗口", HR, "PY-0010", "PY-0011"),
    ),
    *_windows(
        PANYU_TAX_HALL,
        ("C01", "发票业务窗口", "专业窗口", TAX, "PY-0023", "PY-0024"),
        ("C02", "综合涉税业务窗口", "专业窗口", TAX, "PY-0025", "PY-0026"),
        ("C03", "契税申报窗口", "专业窗口", TAX, "PY-0024", None, suspended("2026-11-18 14:00")),
    ),
)

_PANYU_STATIONINGS = (
    DemoStationing(PANYU_CENTER, MARKET, "PY-0006", date(2019, 6, 18)),
    DemoStationing(PANYU_CENTER, HR, "PY-0010", date(2019, 6, 18)),
    DemoStationing(PANYU_CENTER, MEDICAL, "PY-0012", date(2020, 3, 2)),
    DemoStationing(PANYU_CENTER, REAL_ESTATE, "PY-0014", date(2019, 6, 18)),
    DemoStationing(PANYU_CENTER, POLICE, "PY-0017", date(2019, 6, 18)),
    DemoStationing(PANYU_CENTER, HOUSING, "PY-0020", date(2021, 9, 1)),
    DemoStationing(PANYU_TAX_HALL, TAX, "PY-0022", date(2019, 6, 18)),
)

_PANYU_CITIZENS = _citizens(
    "440113",
    # 姓名     性别   出生日期       手机
    ("梁志伟", "男", "1986-04-17", "13802418637"),
    ("陈美玲", "女", "1979-11-02", "13925076411"),
    ("何国强", "男", "1968-07-23", "13609731520"),
    ("黎嘉敏", "女", "1995-02-14", "15013286740"),
    ("麦永康", "男", "1990-09-30", "18620437915"),
    ("冯晓君", "女", "1983-05-08", "13719862053"),
    ("区伟文", "男", "1974-12-19", "13533607184"),
    ("罗静怡", "女", "2001-08-26", "17820645398"),
    ("苏振邦", "男", "1958-03-11", "13005128806"),
    ("黄秀兰", "女", "1952-10-05", "13632910472"),
    ("郭子轩", "男", "1998-06-21", "19927436581"),
    ("潘丽珍", "女", "1971-01-29", "15915820377"),
    ("钟文华", "男", "1981-08-03", "13430781265"),
    ("卢碧霞", "女", "1964-04-12", "13802960734"),
)

_PANYU_CASES = (
    *_ledger(
        PANYU_CENTER, _PANYU_WINDOWS,
        _c("PY20261009000037", "09:18", "B01", "个体工商户设立登记", "即办件", "梁志伟", done="09:51",
           rated={"评价器": "非常满意"}),
        _c("PY20261009000052", "10:26", "B05", "不动产转移登记", "联办件", "陈美玲", done="2026-10-13 15:20",
           rated={"短信": "满意"}),
        _c("PY20261010000014", "09:40", "B07", "居民身份证换领", "承诺件", "何国强", done="2026-10-27 10:05",
           rated={"回执二维码": "非常满意"}),
        _c("PY20261013000066", "14:35", "B03", "失业保险金申领", "承诺件", "黎嘉敏", done="2026-10-15 16:10",
           rated={"网上办事平台": "满意"}),
        _c("PY20261015000041", "10:02", "B01", "食品经营许可证核发", "承诺件", "麦永康", tolerance_until="2026-10-22",
           done="2026-10-20 11:30", rated={"评价器": "非常满意"}),
        _c("PY20261019000029", "09:05", "B04", "门诊慢特病待遇认定", "承诺件", "苏振邦", done="2026-10-28 15:00",
           rated={"12345热线": "基本满意：认定结果通知不够及时"}),
        _c("PY20261021000073", "15:12", "B09", "基本医疗保险关系转移接续", "承诺件", "冯晓君", done="2026-10-30 10:40",
           rated={"短信": "满意"}),
        # Nobody rated within 7 days, so the platform gave the default 基本满意 (panyu Art 35).
        _c("PY20261023000018", "08:47", "B06", "不动产抵押登记", "承诺件", "区伟文", done="2026-10-26 09:30",
           rated={"默认好评": "基本满意"}),
        _c("PY20261027000044", "14:20", "B08", "建筑工程施工许可证核发", "承诺件", "钟文华", done="2026-10-29 16:00",
           rated={"网上办事平台": "非常满意"}),
        _c("PY20261102000058", "10:33", "B10", "城乡居民基本养老保险参保登记", "即办件", "黄秀兰", done="10:49",
           rated={"评价器": "非常满意"}),
        _c("PY20261104000025", "09:22", "B05", "不动产首次登记", "补办件", "罗静怡"),
        _c("PY20261106000061", "15:41", "B01", "有限责任公司设立登记", "退回件", "郭子轩"),
        _c("PY20261110000039", "09:55", "B07", "往来港澳通行证及签注签发", "承诺件", "潘丽珍", done="2026-11-17 14:30",
           rated={"回执二维码": "满意"}),
        _c("PY20261112000047", "10:18", "B02", "个体工商户变更登记", "即办件", "卢碧霞", done="10:52",
           rated={"评价器": "不满意：等候时间过长，窗口长时间无人"}),
        _c("PY20261117000032", "14:08", "B04", "异地就医备案", "即办件", "陈美玲", done="14:19",
           rated={"评价器": "非常满意"}),
        _c("PY20261118000056", "09:37", "B06", "不动产转移登记", "承诺件", "何国强", tolerance_until="2026-11-25"),
        _c("PY20261119000021", "15:26", "B03", "工伤认定", "承诺件", "梁志伟"),
        _c("PY20261120000013", "08:52", "B09", "基本医疗保险关系转移接续", "承诺件", "麦永康"),
    ),
    *_ledger(
        PANYU_TAX_HALL, _PANYU_WINDOWS,
        _c("PY20261009000045", "09:30", "C01", "增值税发票领用", "即办件", "钟文华", done="09:41",
           rated={"评价器": "非常满意"}),
        _c("PY20261012000068", "14:25", "C02", "增值税一般纳税人登记", "即办件", "郭子轩", done="14:48",
           rated={"自助终端": "满意"}),
        _c("PY20261013000027", "10:05", "C03", "契税申报", "即办件", "陈美玲", done="10:22",
           rated={"评价器": "非常满意"}),
        _c("PY20261016000052", "15:10", "C01", "代开增值税发票", "即办件", "冯晓君", done="15:26",
           rated={"评价器": "满意"}),
        _c("PY20261022000019", "09:12", "C02", "增值税一般纳税人登记", "即办件", "麦永康", done="09:35",
           rated={"评价器": "非常满意"}),
        _c("PY20261029000063", "16:05", "C01", "增值税发票领用", "即办件", "黎嘉敏", by="PY-0024", done="16:18",
           rated={"评价器": "基本满意"}),
        _c("PY20261103000034", "10:40", "C02", "代开增值税发票", "补办件", "区伟文"),
        _c("PY20261109000048", "11:02", "C03", "契税申报", "即办件", "何国强", done="11:20",
           rated={"短信": "非常满意"}),
        _c("PY20261113000027", "09:48", "C01", "代开增值税发票", "即办件", "钟文华", done="10:01",
           rated={"评价器": "非常不满意：系统故障反复重开，耽误一个多小时"}),
        _c("PY20261117000059", "14:36", "C02", "增值税发票领用", "即办件", "郭子轩", done="14:50",
           rated={"评价器": "非常满意"}),
    ),
)

_PANYU_COMPLAINTS = (
    _complaint(
        "PY-TS-2026-0031", PANYU_CENTER, channel="12345", received="2026-11-12 16:05",
        complainant="卢碧霞", contact="13802960734",
        target_kind="窗口", target="B02", case_serial_number="PY20261112000047",
        facts="2026年11月12日上午，投诉人到区政务服务中心B02企业开办综合窗口办理个体工商户变更登记，"
              "窗口显示“请您稍候”约40分钟无人受理，B岗人员未到岗顶替。",
        demand="要求说明原因，落实AB岗顶岗。",
        status="已办结归档", accepted="2026-11-13 09:30", deadline="2026-11-20",
        resolution="经调取监控核实，B02窗口A岗人员临时离岗参加业务会议未按规定报备，B岗人员同时段在B01窗口协助受理，"
                   "未落实顶岗。已约谈区市场监管局首席代表，责令完善AB岗替岗登记，相关人员当月考核扣分。",
        resolved="2026-11-16 17:10",
        feedback="2026年11月17日电话回访投诉人，告知处理结果，投诉人表示认可。", fed_back="2026-11-17 09:40",
        closed="2026-11-17 10:20",
        notes=(("2026-11-13 15:20", "调取B02窗口11月12日9:30-10:20监控：A岗人员9:28离岗，10:11返回；同时段B岗人员在B01窗口协助受理。"),
               ("2026-11-16 10:00", "约谈区市场监管局首席代表，A岗人员当日参加业务会议未向政务服务股报备，情况属实。")),
    ),
    _complaint(
        "PY-TS-2026-0034", PANYU_CENTER, channel="other", channel_note="广东政务服务网", received="2026-11-16 20:41",
        complainant="罗静怡", contact="17820645398", confidential=True,
        target_kind="工作人员", target="PY-0015", case_serial_number="PY20261104000025",
        facts="投诉人反映11月4日在B05不动产登记窗口申请不动产首次登记，窗口人员先后两次告知需补充不同材料，"
              "未一次性告知全部所需材料。",
        demand="要求一次性列明全部补正材料并尽快办结。",
        status="已受理", accepted="2026-11-17 09:15", deadline="2026-11-24",
        notes=(("2026-11-18 11:30", "调阅B05窗口11月4日受理记录：首次告知缺少测绘报告，11月6日再次告知缺少土地权属来源证明，"
                                    "未一次性告知，待约谈窗口人员。"),),
    ),
)

_PANYU_APPEALS = (
    _appeal(
        "PY20261112000047", "评价器", filed="2026-11-13 16:05", review_due="2026-11-27",
        reason="当日9:28至10:11本人临时参加区市场监管局业务会议，已口头告知B岗人员顶岗，群众等候时间较长非本人故意。",
        outcome="upheld", reviewed="2026-11-18 15:30",
        note="经调取监控核实，离岗未按规定报备，B岗未到岗顶替，差评属实；责令落实AB岗替岗登记。",
    ),
    _appeal(
        "PY20261113000027", "评价器", filed="2026-11-16 09:20", review_due="2026-11-30",
        reason="11月13日上午税务开票系统全省故障，窗口多次重启系统仍无法开具，已向群众解释并协助改约，非窗口服务原因。",
        outcome="overturned_mistaken", reviewed="2026-11-19 10:40",
        note="经核实，当日金税系统故障有省税务局通报为证，差评系系统故障所致，属误评，不计入考核扣分。",
    ),
)

PANYU = JurisdictionDemo(
    code="panyu",
    province="广东",
    region_code="440113",
    resident_id_prefix="440113",
    serial_prefix="PY",
    halls=_PANYU_HALLS,
    departments=_PANYU_DEPARTMENTS,
    stationings=_PANYU_STATIONINGS,
    staff=_PANYU_STAFF,
    windows=_PANYU_WINDOWS,
    items=_implement("440113", {POLICE, TAX, MARKET, HR, MEDICAL, REAL_ESTATE, HOUSING},
                     promised={"建筑工程施工许可证核发": 2}),
    citizens=_PANYU_CITIZENS,
    cases=_PANYU_CASES,
    complaints=_PANYU_COMPLAINTS,
    appeals=_PANYU_APPEALS,
)


# =============================================================================
# 东莞市 (dongguan): Houjie town centre, its public-security hall and a community station
# =============================================================================
# Dongguan has no districts: towns report to the city, and the city's departments
# serve them through town branches (东莞市公安局厚街分局 …).

DONGGUAN_HOUJIE = "东莞市厚街镇政务服务中心"
DONGGUAN_POLICE_HALL = "厚街镇公安专业大厅"
DONGGUAN_CHONGKOU = "厚街镇涌口社区便民服务站"  # dongguan 4.4.1 示例: 茶山镇南社村便民服务站

_DONGGUAN_HOURS = (("08:30", "12:00"), ("14:00", "17:30"))

_DONGGUAN_HALLS = (
    DemoHall(
        DONGGUAN_HOUJIE, HallKind.CENTER, HallLevel.TOWN, "厚街", "Houjie",
        "Houjie Township Government Service Center of Dongguan Municipality",
        "Dongguan Houjie Township Government Service Center",
        "东莞市厚街镇莞太路厚街段（镇文化大楼副楼）", date(2020, 4, 1),
        configured_hours=_DONGGUAN_HOURS,
    ),
    DemoHall(
        DONGGUAN_POLICE_HALL, HallKind.SPECIALIZED, HallLevel.TOWN, "厚街", "Houjie",
        "Houjie Township Public Security Service Hall of Dongguan Municipality",
        "Dongguan Houjie Township Public Security Service Hall",
        "东莞市厚街镇莞太路厚街段（镇文化大楼副楼一楼公安区）", date(2020, 4, 1),
        parent=DONGGUAN_HOUJIE, managing_sector=POLICE, configured_hours=_DONGGUAN_HOURS,
    ),
    DemoHall(
        DONGGUAN_CHONGKOU, HallKind.STATION, HallLevel.COMMUNITY, "涌口", "Chongkou",
        "Chongkou Community Government Service Station of Houjie Township",
        "Houjie Township Chongkou Community Government Service Station",
        "东莞市厚街镇涌口社区党群服务中心一楼", date(2022, 7, 1),
        parent=DONGGUAN_HOUJIE, configured_hours=_DONGGUAN_HOURS,
        # A station takes the everyday social-security items down to the community.
        offers=("城乡居民基本养老保险参保登记", "社会保障卡申领", "就业创业证申领",
                "城乡居民基本医疗保险参保登记", "异地就医备案"),
    ),
)

_DONGGUAN_DEPARTMENTS = (
    DemoDepartment(HALL_OFFICE, "东莞市厚街镇公共服务办公室", "厚街公共服务办"),
    DemoDepartment(POLICE, "东莞市公安局厚街分局", "厚街公安分局"),
    DemoDepartment(TAX, "国家税务总局东莞市厚街税务分局", "厚街税务分局"),
    DemoDepartment(MARKET, "东莞市市场监督管理局厚街分局", "厚街市场监管分局"),
    DemoDepartment(HR, "东莞市人力资源和社会保障局厚街分局", "厚街人社分局"),
    DemoDepartment(MEDICAL, "东莞市医疗保障局厚街分局", "厚街医保分局"),
    DemoDepartment(REAL_ESTATE, "东莞市自然资源局厚街分局", "厚街自然资源分局"),
)

_DONGGUAN_STAFF = (
    *_roster(
        DONGGUAN_HOUJIE,
        # 工号      姓名      派出部门      职级            岗位          手机            上岗日期
        ("DG-0001", "王卓贤", HALL_OFFICE, "二级主任科员", "大厅负责人", "13602672318", "2020-04-01"),
        ("DG-0002", "袁嘉怡", HALL_OFFICE, None, "咨询导办员", "13829145760", "2021-05-10"),
        ("DG-0003", "祁颖欣", HALL_OFFICE, None, "综合出证员", "15818372604", "2022-03-14"),
        ("DG-0004", "方志强", HALL_OFFICE, "四级主任科员", "督查专员", "13712083965", "2020-04-01"),
        ("DG-0005", "叶少聪", MARKET, "四级主任科员", "首席代表", "13650031278", "2020-04-01"),
        ("DG-0006", "卢惠玲", MARKET, "一级科员", None, "13790426518", "2020-04-01"),
        ("DG-0007", "刘伟明", MARKET, "二级科员", None, "18926831047", "2023-04-03"),
        ("DG-0008", "黄建华", HR, "三级主任科员", "首席代表", "13509274186", "2020-04-01"),
        ("DG-0009", "张晓敏", HR, "一级科员", None, "13926840175", "2021-01-18"),
        ("DG-0010", "莫婉婷", HR, "二级科员", None, "15920637428", "2023-09-04"),
        ("DG-0011", "陈俊辉", MEDICAL, "四级主任科员", "首席代表", "13829760341", "2020-04-01"),
        ("DG-0012", "蔡秋萍", MEDICAL, "一级科员", None, "18688217096", "2021-06-21"),
        ("DG-0013", "钟国权", REAL_ESTATE, "三级主任科员", "首席代表", "13712945083", "2020-04-01"),
        ("DG-0014", "李浩然", REAL_ESTATE, "一级科员", None, "13580962417", "2020-04-01"),
        ("DG-0015", "何美玲", REAL_ESTATE, "二级科员", None, "15913487260", "2022-10-10"),
        ("DG-0016", "梁振宇", TAX, "四级主任科员", "首席代表", "13926031458", "2020-04-01"),
        ("DG-0017", "温小燕", TAX, "一级科员", None, "13650784129", "2020-04-01"),
        ("DG-0018", "谭诗琪", TAX, "二级科员", None, "18320971536", "2024-02-26"),
    ),
    *_roster(
        DONGGUAN_POLICE_HALL,
        ("DG-0019", "王永康", POLICE, "一级警长", "首席代表", "13802457016", "2020-04-01"),
        ("DG-0020", "郑家乐", POLICE, "一级警员", None, "13728609341", "2021-08-02"),
        ("DG-0021", "冯倩雯", POLICE, None, "户政辅警", "15016938274", "2022-05-16"),
        ("DG-0022", "方俊杰", POLICE, "二级警员", None, "13537214680", "2023-07-10"),
    ),
    *_roster(
        DONGGUAN_CHONGKOU,
        # Community workers handling social-security business on the branches' behalf.
        ("DG-0023", "王嘉欣", HR, None, "社区代办员", "13690472158", "2022-07-01"),
        ("DG-0024", "王志成", HR, None, "社区代办员", "13829516307", "2022-07-01"),
        ("DG-0025", "叶翠玲", MEDICAL, None, "社区代办员", "15992683401", "2022-07-01"),
        ("DG-0026", "王丽华", MEDICAL, None, "社区代办员", "13711265083", "2023-03-06"),
    ),
)

_DONGGUAN_WINDOWS = (
    *_windows(
        DONGGUAN_HOUJIE,
        ("A01", "导办咨询台", "综合咨询窗口", HALL_OFFICE, "DG-0002", "DG-0003"),
        ("A02", "“办不成事”反映窗口", "办不成事反映窗口", HALL_OFFICE, "DG-0004", "DG-0001"),
        ("A03", "社保综合窗口", "综合办事窗口", HR, "DG-0009", "DG-0010"),
        ("A04", "医保综合窗口", "综合办事窗口", MEDICAL, "DG-0012", "DG-0011"),
        ("A05", "湾区通办窗口", "跨域通办窗口", HR, "DG-0010", "DG-0008"),
        ("A06", "长者绿色通道", "绿色通道窗口", MEDICAL, "DG-0011", "DG-0012"),
        ("B01", "企业开办综合窗口", "综合办事窗口", MARKET, "DG-0006", "DG-0007"),
        ("B02", "企业开办综合窗口", "综合办事窗口", MARKET, "DG-0007", "DG-0005", brief_absence("2026-11-20 15:05")),
        ("B03", "综合出证窗口", "综合出证窗口", HALL_OFFICE, "DG-0003", "DG-0002"),
        ("C01", "不动产登记窗口", "专业窗口", REAL_ESTATE, "DG-0014", "DG-0015"),
        ("C02", "不动产登记窗口", "专业窗口", REAL_ESTATE, "DG-0015", "DG-0013"),
        ("D01", "办税窗口", "专业窗口", TAX, "DG-0017", "DG-0018"),
        ("D02", "办税窗口", "专业窗口", TAX, "DG-0018", "DG-0016"),
    ),
    *_windows(
        DONGGUAN_POLICE_HALL,
        ("E01", "户政窗口", "专业窗口", POLICE, "DG-0020", "DG-0021"),
        ("E02", "出入境窗口", "专业窗口", POLICE, "DG-0022", "DG-0020"),
        ("E03", "交警车驾管窗口", "专业窗口", POLICE, "DG-0019", None, suspended("2026-11-19 09:00")),
    ),
    *_windows(
        DONGGUAN_CHONGKOU,
        ("A01", "社保代办窗口", "综合办事窗口", HR, "DG-0023", "DG-0024"),
        ("A02", "医保代办窗口", "综合办事窗口", MEDICAL, "DG-0025", "DG-0026"),
    ),
)

_DONGGUAN_STATIONINGS = (
    DemoStationing(DONGGUAN_HOUJIE, MARKET, "DG-0005", date(2020, 4, 1)),
    DemoStationing(DONGGUAN_HOUJIE, HR, "DG-0008", date(2020, 4, 1)),
    DemoStationing(DONGGUAN_HOUJIE, MEDICAL, "DG-0011", date(2020, 4, 1)),
    DemoStationing(DONGGUAN_HOUJIE, REAL_ESTATE, "DG-0013", date(2020, 4, 1)),
    DemoStationing(DONGGUAN_HOUJIE, TAX, "DG-0016", date(2020, 4, 1)),
    DemoStationing(DONGGUAN_POLICE_HALL, POLICE, "DG-0019", date(2020, 4, 1)),
    # The station's business is delegated by the town branches; their chief representatives answer for it.
    DemoStationing(DONGGUAN_CHONGKOU, HR, "DG-0008", date(2022, 7, 1)),
    DemoStationing(DONGGUAN_CHONGKOU, MEDICAL, "DG-0011", date(2022, 7, 1)),
)

_DONGGUAN_CITIZENS = _citizens(
    "441900",
    ("王锦泉", "男", "1969-05-14", "13602785143"),
    ("叶惠芳", "女", "1976-09-22", "13925810347"),
    ("方家豪", "男", "1993-03-08", "13790563218"),
    ("袁小红", "女", "1988-12-01", "15876209431"),
    ("刘建军", "男", "1982-07-16", "18925647310"),
    ("陈晓霞", "女", "1991-10-27", "13538472065"),
    ("王淑贞", "女", "1955-02-09", "13712568094"),
    ("黄子豪", "男", "2000-11-13", "19875031462"),
    ("李秀梅", "女", "1973-06-30", "13650918724"),
    ("邓志坚", "男", "1979-01-25", "13829347561"),
    ("周颖", "女", "1996-04-03", "17727813509"),
    ("王伯坤", "男", "1948-08-18", "13005296617"),
    ("谢文龙", "男", "1985-10-09", "15989026341"),
    ("梁嘉琪", "女", "1999-07-07", "18023561748"),
)

_DONGGUAN_CASES = (
    *_ledger(
        DONGGUAN_HOUJIE, _DONGGUAN_WINDOWS,
        _c("DG20261009000026", "09:05", "B01", "个体工商户设立登记", "即办件", "方家豪", done="09:32",
           rated={"评价器": "非常满意"}),
        _c("DG20261009000071", "15:20", "A03", "失业保险金申领", "承诺件", "刘建军", done="2026-10-12 10:15",
           rated={"短信": "满意"}),
        _c("DG20261010000033", "10:11", "C01", "不动产转移登记", "联办件", "邓志坚", done="2026-10-12 16:40",
           rated={"回执二维码": "非常满意"}),
        _c("DG20261014000058", "14:40", "B01", "有限责任公司设立登记", "承诺件", "谢文龙", done="2026-10-15 10:00",
           rated={"网上办事平台": "非常满意"}),
        _c("DG20261016000019", "09:16", "A06", "门诊慢特病待遇认定", "承诺件", "王伯坤", done="2026-10-23 15:30",
           rated={"12345热线": "非常满意"}),
        _c("DG20261020000044", "10:27", "B02", "食品经营许可证核发", "承诺件", "袁小红", tolerance_until="2026-10-27",
           done="2026-10-23 11:00", rated={"评价器": "满意"}),
        _c("DG20261022000063", "16:02", "A05", "企业职工基本养老保险关系转移接续", "承诺件", "陈晓霞",
           done="2026-11-05 10:20", rated={"网上办事平台": "基本满意：转入地回函较慢"}),
        _c("DG20261027000021", "08:58", "D01", "增值税发票领用", "即办件", "谢文龙", done="09:10",
           rated={"评价器": "非常满意"}),
        _c("DG20261029000047", "11:05", "C02", "不动产首次登记", "承诺件", "王锦泉", done="2026-11-03 16:00",
           rated={"短信": "满意"}),
        _c("DG20261102000038", "09:44", "A04", "异地就医备案", "即办件", "李秀梅", done="09:52",
           rated={"评价器": "非常满意"}),
        _c("DG20261104000069", "15:33", "D02", "代开增值税发票", "即办件", "邓志坚", done="15:50",
           rated={"评价器": "不满意：叫号屏显示的窗口与实际受理窗口不一致"}),
        _c("DG20261106000015", "08:49", "A03", "工伤认定", "补办件", "叶惠芳"),
        _c("DG20261111000052", "14:18", "B01", "药品经营许可证核发（零售）", "退回件", "黄子豪"),
        _c("DG20261113000036", "10:37", "C01", "不动产抵押登记", "承诺件", "周颖", done="2026-11-16 09:30",
           rated={"自助终端": "满意"}),
        _c("DG20261117000024", "09:26", "D01", "契税申报", "即办件", "周颖", done="09:41",
           rated={"评价器": "非常满意"}),
        _c("DG20261119000041", "14:55", "A05", "企业职工基本养老保险关系转移接续", "承诺件", "梁嘉琪"),
        _c("DG20261120000018", "09:08", "C02", "不动产转移登记", "承诺件", "王锦泉", tolerance_until="2026-11-27"),
    ),
    *_ledger(
        DONGGUAN_POLICE_HALL, _DONGGUAN_WINDOWS,
        _c("DG20261009000030", "09:22", "E01", "居民身份证换领", "承诺件", "王淑贞", done="2026-10-23 10:00",
           rated={"短信": "非常满意"}),
        _c("DG20261012000045", "10:48", "E02", "往来港澳通行证及签注签发", "承诺件", "梁嘉琪", done="2026-10-19 15:00",
           rated={"回执二维码": "非常满意"}),
        _c("DG20261015000027", "14:30", "E03", "机动车驾驶证补领", "即办件", "刘建军", done="14:52",
           rated={"评价器": "非常满意"}),
        _c("DG20261019000056", "15:12", "E01", "户口迁入（投靠类）", "承诺件", "陈晓霞", done="2026-10-30 11:00",
           rated={"网上办事平台": "满意"}),
        _c("DG20261023000012", "08:45", "E02", "往来港澳通行证及签注签发", "承诺件", "黄子豪", by="DG-0020",
           done="2026-10-30 16:20", rated={"短信": "满意"}),
        _c("DG20261028000039", "10:05", "E01", "无犯罪记录证明开具", "承诺件", "方家豪", done="2026-10-29 10:30",
           rated={"短信": "非常满意"}),
        _c("DG20261103000026", "09:37", "E03", "机动车驾驶证补领", "即办件", "邓志坚", done="09:58",
           rated={"评价器": "满意"}),
        _c("DG20261105000051", "14:44", "E01", "居民身份证补领", "承诺件", "袁小红", done="2026-11-19 10:10",
           rated={"短信": "基本满意"}),
        _c("DG20261112000017", "09:13", "E02", "往来港澳通行证及签注签发", "退回件", "周颖"),
        _c("DG20261118000043", "10:29", "E01", "居民身份证换领", "承诺件", "叶惠芳"),
    ),
    *_ledger(
        DONGGUAN_CHONGKOU, _DONGGUAN_WINDOWS,
        _c("DG20261012000061", "09:35", "A01", "城乡居民基本养老保险参保登记", "即办件", "王伯坤", done="09:50",
           rated={"评价器": "非常满意"}),
        _c("DG20261014000034", "10:20", "A02", "城乡居民基本医疗保险参保登记", "即办件", "王淑贞", done="10:31",
           rated={"评价器": "非常满意"}),
        _c("DG20261016000048", "15:05", "A01", "社会保障卡申领", "即办件", "黄子豪", done="15:22",
           rated={"评价器": "满意"}),
        _c("DG20261021000029", "09:12", "A02", "异地就医备案", "即办件", "王锦泉", done="09:20",
           rated={"短信": "非常满意"}),
        _c("DG20261026000057", "14:48", "A01", "就业创业证申领", "即办件", "梁嘉琪", done="15:03",
           rated={"评价器": "非常满意"}),
        _c("DG20261030000022", "10:02", "A01", "城乡居民基本养老保险参保登记", "补办件", "李秀梅"),
        _c("DG20261105000033", "09:41", "A02", "城乡居民基本医疗保险参保登记", "即办件", "叶惠芳", by="DG-0026",
           done="09:55", rated={"评价器": "非常满意"}),
        _c("DG20261110000046", "15:27", "A01", "社会保障卡申领", "即办件", "王锦泉", by="DG-0024", done="15:40",
           rated={"回执二维码": "满意"}),
        _c("DG20261116000019", "08:55", "A02", "异地就医备案", "即办件", "陈晓霞", done="09:04",
           rated={"评价器": "非常满意"}),
        _c("DG20261119000062", "14:33", "A01", "就业创业证申领", "即办件", "刘建军", done="14:47"),
    ),
)

_DONGGUAN_COMPLAINTS = (
    _complaint(
        "DG-TS-2026-0012", DONGGUAN_HOUJIE, channel="i_guan_jia_app", received="2026-11-04 18:22",
        complainant="邓志坚", contact="13829347561",
        target_kind="部门", target=TAX, case_serial_number="DG20261104000069",
        facts="投诉人通过“i莞家”反映，11月4日下午在厚街镇政务服务中心办税区取号后，叫号屏显示的窗口与实际受理窗口不一致，"
              "来回排队，等候近一小时。",
        demand="要求优化办税区叫号指引。",
        status="已办结归档", accepted="2026-11-05 09:00", deadline="2026-11-12",
        resolution="经核实，系办税区叫号系统窗口映射配置错误。厚街税务分局已于11月6日完成修正，并在办税区增设导税人员一名。",
        resolved="2026-11-06 16:00",
        feedback="11月9日电话回复投诉人，投诉人表示满意。", fed_back="2026-11-09 10:30",
        closed="2026-11-09 11:00",
    ),
    _complaint(
        "DG-TS-2026-0015", DONGGUAN_POLICE_HALL, channel="on_site", received="2026-11-19 10:12",
        complainant="谢文龙", contact="15989026341",
        target_kind="窗口", target="E03",
        facts="投诉人11月19日上午到公安专业大厅办理机动车驾驶证补领，E03交警车驾管窗口暂停服务，"
              "现场未公告暂停原因及替代办理渠道。投诉人经“办不成事”反映窗口登记投诉。",
        demand="要求公告暂停原因并告知可办理地点。",
        status="已受理", accepted="2026-11-19 14:30", deadline="2026-11-26",
    ),
)

DONGGUAN = JurisdictionDemo(
    code="dongguan",
    province="广东",
    region_code="441900",
    resident_id_prefix="441900",
    serial_prefix="DG",
    halls=_DONGGUAN_HALLS,
    departments=_DONGGUAN_DEPARTMENTS,
    stationings=_DONGGUAN_STATIONINGS,
    staff=_DONGGUAN_STAFF,
    windows=_DONGGUAN_WINDOWS,
    items=_implement("441900", {POLICE, TAX, MARKET, HR, MEDICAL, REAL_ESTATE},
                     promised={"食品经营许可证核发": 3, "不动产首次登记": 3, "不动产转移登记": 1}),
    citizens=_DONGGUAN_CITIZENS,
    cases=_DONGGUAN_CASES,
    complaints=_DONGGUAN_COMPLAINTS,
)


# =============================================================================
# 揭阳市揭东区 (jiedong): the district centre and its tax hall
# =============================================================================
# No configured hours: jiedong Art 23 fixes them (summer May–Oct, winter Nov–Apr),
# and every time in the ledgers below falls inside them.

JIEDONG_CENTER = "揭阳市揭东区政务服务中心"
JIEDONG_TAX_HALL = "揭东区税务专业大厅"

_JIEDONG_HALLS = (
    DemoHall(
        JIEDONG_CENTER, HallKind.CENTER, HallLevel.COUNTY, "揭东区", "Jiedong",
        "Jiedong District Government Service Center", "Jiedong Government Service Center",
        "揭阳市揭东区曲溪街道", date(2021, 3, 1),
    ),
    DemoHall(
        JIEDONG_TAX_HALL, HallKind.SPECIALIZED, HallLevel.COUNTY, "揭东区", "Jiedong",
        "Jiedong District Taxation Service Hall", "Jiedong Taxation Service Hall",
        "揭阳市揭东区曲溪街道（区政务服务中心东侧）", date(2021, 3, 1),
        parent=JIEDONG_CENTER, managing_sector=TAX,
    ),
)

_JIEDONG_DEPARTMENTS = (
    DemoDepartment(HALL_OFFICE, "揭阳市揭东区政务服务和数据管理局", "区政务和数据局"),
    DemoDepartment(POLICE, "揭阳市公安局揭东分局", "揭东公安分局"),
    DemoDepartment(TAX, "国家税务总局揭阳市揭东区税务局", "揭东区税务局"),
    DemoDepartment(MARKET, "揭阳市揭东区市场监督管理局", "区市场监管局"),
    DemoDepartment(HR, "揭阳市揭东区人力资源和社会保障局", "区人社局"),
    DemoDepartment(MEDICAL, "揭阳市揭东区医疗保障局", "区医保局"),
    DemoDepartment(REAL_ESTATE, "揭阳市自然资源局揭东分局", "揭东自然资源分局"),
    DemoDepartment(CIVIL, "揭阳市揭东区民政局", "区民政局"),
)

_JIEDONG_STAFF = (
    *_roster(
        JIEDONG_CENTER,
        # 工号      姓名      派出部门      职级            岗位              手机            上岗日期
        ("JD-0001", "林泽鹏", HALL_OFFICE, "三级主任科员", "政务服务股股长", "13502753168", "2021-03-01"),
        ("JD-0002", "詹婷婷", HALL_OFFICE, None, "咨询导办员", "13829630574", "2022-06-06"),
        ("JD-0003", "纪雅琪", HALL_OFFICE, None, "综合出证员", "15016274983", "2023-03-13"),
        ("JD-0004", "蔡丽娜", MARKET, "四级主任科员", "首席代表", "13719208436", "2021-03-01"),
        ("JD-0005", "许佳敏", MARKET, "一级科员", None, "13692547031", "2022-09-19"),
        ("JD-0006", "郑楚雄", POLICE, "三级警长", "首席代表", "13502694178", "2021-03-01"),
        ("JD-0007", "翁立新", POLICE, "一级警员", None, "13829071562", "2021-03-01"),
        ("JD-0008", "佘少芬", POLICE, None, "户政辅警", "15917936420", "2023-05-08"),
        ("JD-0009", "吴少东", HR, "四级主任科员", "首席代表", "13680247519", "2021-03-01"),
        ("JD-0010", "杨晓燕", HR, "一级科员", None, "13822760385", "2021-03-01"),
        ("JD-0011", "黄泽彬", HR, "二级科员", None, "18319254067", "2024-01-15"),
        ("JD-0012", "陈秋燕", MEDICAL, "四级主任科员", "首席代表", "13536201948", "2021-03-01"),
        ("JD-0013", "郑晓彤", MEDICAL, "二级科员", None, "13413865720", "2023-10-09"),
        ("JD-0014", "谢泽锐", REAL_ESTATE, "三级主任科员", "首席代表", "13692810453", "2021-03-01"),
        ("JD-0015", "林楚佳", REAL_ESTATE, "一级科员", None, "15113706284", "2022-02-21"),
        ("JD-0016", "洪伟杰", CIVIL, "四级主任科员", "首席代表", "13543692017", "2021-03-01"),
        ("JD-0017", "许嘉豪", CIVIL, "一级科员", None, "13729815046", "2021-03-01"),
    ),
    *_roster(
        JIEDONG_TAX_HALL,
        ("JD-0018", "陈俊鸿", TAX, "三级主任科员", "首席代表", "13502640817", "2021-03-01"),
        ("JD-0019", "黄晓纯", TAX, "一级科员", None, "13829450263", "2021-03-01"),
        ("JD-0020", "林锐涛", TAX, "二级科员", None, "15766031942", "2023-07-17"),
        ("JD-0021", "蔡思琪", TAX, "一级科员", None, "13680917254", "2022-04-11"),
    ),
)

_JIEDONG_WINDOWS = (
    *_windows(
        JIEDONG_CENTER,
        ("A01", "咨询导办台", "综合咨询窗口", HALL_OFFICE, "JD-0002", "JD-0003"),
        ("A02", "“办不成事”反映窗口", "办不成事反映窗口", HALL_OFFICE, "JD-0001", "JD-0002"),
        ("A03", "综合出证窗口", "综合出证窗口", HALL_OFFICE, "JD-0003", "JD-0002"),
        ("B01", "企业开办综合窗口", "综合办事窗口", MARKET, "JD-0005", "JD-0004"),
        ("B02", "户政业务窗口", "专业窗口", POLICE, "JD-0007", "JD-0008"),
        ("B03", "出入境业务窗口", "专业窗口", POLICE, "JD-0008", "JD-0006"),
        ("B04", "社会保险业务窗口", "专业窗口", HR, "JD-0010", "JD-0011"),
        ("B05", "医疗保障业务窗口", "专业窗口", MEDICAL, "JD-0013", "JD-0012", brief_absence("2026-11-20 09:50")),
        ("B06", "不动产登记窗口", "专业窗口", REAL_ESTATE, "JD-0015", "JD-0014"),
        ("B07", "民政业务窗口", "专业窗口", CIVIL, "JD-0017", "JD-0016"),
        ("B08", "汕潮揭跨市通办窗口", "跨域通办窗口", HR, "JD-0011", "JD-0010"),
        ("B09", "老年人、残障人士绿色通道", "绿色通道窗口", CIVIL, "JD-0016", "JD-0017"),
    ),
    *_windows(
        JIEDONG_TAX_HALL,
        ("C01", "综合涉税窗口", "专业窗口", TAX, "JD-0019", "JD-0020"),
        ("C02", "发票业务窗口", "专业窗口", TAX, "JD-0020", "JD-0021"),
        ("C03", "契税申报窗口", "专业窗口", TAX, "JD-0021", "JD-0019"),
    ),
)

_JIEDONG_STATIONINGS = (
    DemoStationing(JIEDONG_CENTER, MARKET, "JD-0004", date(2021, 3, 1)),
    DemoStationing(JIEDONG_CENTER, POLICE, "JD-0006", date(2021, 3, 1)),
    DemoStationing(JIEDONG_CENTER, HR, "JD-0009", date(2021, 3, 1)),
    DemoStationing(JIEDONG_CENTER, MEDICAL, "JD-0012", date(2021, 3, 1)),
    DemoStationing(JIEDONG_CENTER, REAL_ESTATE, "JD-0014", date(2021, 3, 1)),
    DemoStationing(JIEDONG_CENTER, CIVIL, "JD-0016", date(2021, 3, 1)),
    DemoStationing(JIEDONG_TAX_HALL, TAX, "JD-0018", date(2021, 3, 1)),
)

_JIEDONG_CITIZENS = _citizens(
    "445203",
    ("林少雄", "男", "1972-03-19", "13502648317"),
    ("黄雅纯", "女", "1994-07-11", "13829467025"),
    ("陈伟鸿", "男", "1987-10-05", "13719450862"),
    ("蔡淑贞", "女", "1960-12-28", "13692081734"),
    ("郑泽楷", "男", "1999-02-17", "15917834026"),
    ("许秋娥", "女", "1948-05-06", "13005297413"),
    ("吴俊杰", "男", "1983-08-29", "13680513974"),
    ("杨佩纯", "女", "1990-01-14", "18318650237"),
    ("谢镇雄", "男", "1966-11-02", "13543208617"),
    ("詹燕玲", "女", "1977-04-23", "13828016495"),
    ("洪楚鑫", "男", "2002-09-08", "19802543718"),
    ("纪丽娜", "女", "1985-06-15", "13829917036"),
    ("翁俊彬", "男", "1993-12-03", "13413702985"),
)

_JIEDONG_CASES = (
    *_ledger(
        JIEDONG_CENTER, _JIEDONG_WINDOWS,
        _c("JD20261008000021", "09:02", "B01", "个体工商户设立登记", "即办件", "林少雄", done="09:36",
           rated={"评价器": "非常满意"}),
        _c("JD20261009000043", "10:15", "B06", "不动产转移登记", "联办件", "陈伟鸿", done="2026-10-14 16:20",
           rated={"短信": "满意"}),
        _c("JD20261012000018", "08:50", "B02", "居民身份证换领", "承诺件", "蔡淑贞", done="2026-10-30 10:05",
           rated={"回执二维码": "非常满意"}),
        _c("JD20261013000056", "15:10", "B04", "失业保险金申领", "承诺件", "郑泽楷", done="2026-10-16 15:00",
           rated={"网上办事平台": "满意"}),
        _c("JD20261015000034", "10:40", "B07", "内地居民结婚登记", "即办件", "杨佩纯", done="11:05",
           rated={"评价器": "非常满意"}),
        _c("JD20261020000027", "09:25", "B09", "高龄津贴申领", "承诺件", "许秋娥", done="2026-10-28 16:00",
           rated={"12345热线": "非常满意"}),
        _c("JD20261022000061", "16:05", "B05", "门诊慢特病待遇认定", "承诺件", "谢镇雄", tolerance_until="2026-10-29",
           done="2026-10-28 10:30", rated={"短信": "满意"}),
        _c("JD20261026000039", "14:45", "B08", "企业职工基本养老保险关系转移接续", "承诺件", "吴俊杰",
           done="2026-11-10 10:00", rated={"网上办事平台": "非常满意"}),
        _c("JD20261028000014", "08:41", "B03", "往来港澳通行证及签注签发", "承诺件", "黄雅纯", done="2026-11-04 15:30",
           rated={"回执二维码": "满意"}),
        _c("JD20261103000052", "10:12", "B01", "食品经营许可证核发", "补办件", "詹燕玲"),
        _c("JD20261105000037", "14:20", "B06", "不动产首次登记", "承诺件", "翁俊彬", done="2026-11-11 16:10",
           rated={"网上办事平台": "非常满意"}),
        _c("JD20261109000045", "09:33", "B04", "就业创业证申领", "即办件", "洪楚鑫", done="09:45",
           rated={"评价器": "满意"}),
        _c("JD20261111000068", "15:40", "B02", "户口迁入（投靠类）", "退回件", "纪丽娜"),
        _c("JD20261113000021", "10:50", "B05", "异地就医备案", "即办件", "蔡淑贞", by="JD-0012", done="10:58",
           rated={"评价器": "不满意：窗口人员解释不清楚备案有效期"}),
        _c("JD20261117000033", "14:15", "B06", "不动产抵押登记", "承诺件", "林少雄", done="2026-11-18 15:00",
           rated={"自助终端": "基本满意"}),
        _c("JD20261119000026", "09:20", "B07", "最低生活保障审核确认", "承诺件", "许秋娥"),
        _c("JD20261120000012", "08:45", "B04", "工伤认定", "承诺件", "郑泽楷"),
    ),
    *_ledger(
        JIEDONG_TAX_HALL, _JIEDONG_WINDOWS,
        _c("JD20261008000047", "10:20", "C01", "增值税一般纳税人登记", "即办件", "吴俊杰", done="10:41",
           rated={"评价器": "非常满意"}),
        _c("JD20261010000026", "09:15", "C02", "增值税发票领用", "即办件", "翁俊彬", done="09:27",
           rated={"评价器": "满意"}),
        _c("JD20261014000058", "15:00", "C03", "契税申报", "即办件", "陈伟鸿", done="15:20",
           rated={"评价器": "非常满意"}),
        _c("JD20261016000019", "09:48", "C02", "代开增值税发票", "即办件", "林少雄", done="10:02",
           rated={"短信": "满意"}),
        _c("JD20261021000044", "14:50", "C01", "增值税一般纳税人登记", "即办件", "詹燕玲", done="15:12",
           rated={"评价器": "基本满意"}),
        _c("JD20261027000031", "10:30", "C02", "增值税发票领用", "即办件", "洪楚鑫", by="JD-0021", done="10:44",
           rated={"评价器": "非常满意"}),
        _c("JD20261102000016", "08:55", "C03", "契税申报", "即办件", "翁俊彬", done="09:15",
           rated={"评价器": "非常满意"}),
        _c("JD20261106000029", "10:05", "C01", "代开增值税发票", "补办件", "杨佩纯"),
        _c("JD20261112000040", "14:35", "C02", "代开增值税发票", "即办件", "纪丽娜", done="14:52",
           rated={"回执二维码": "非常满意"}),
        _c("JD20261118000022", "09:40", "C03", "契税申报", "即办件", "林少雄", done="09:58",
           rated={"评价器": "满意"}),
    ),
)

_JIEDONG_COMPLAINTS = (
    _complaint(
        "JD-TS-2026-0008", JIEDONG_CENTER, channel="12345", received="2026-11-13 15:30",
        complainant="蔡淑贞", contact="13692081734",
        target_kind="工作人员", target="JD-0012", case_serial_number="JD20261113000021",
        facts="12345工单转办：市民反映11月13日在区政务服务中心B05医保窗口办理异地就医备案，"
              "工作人员对备案有效期解释不清，态度生硬。",
        demand="要求工作人员改进服务态度并解释清楚备案政策。",
        status="已处理", accepted="2026-11-13 16:00", deadline="2026-11-20",
        resolution="经核实，工作人员解释备案有效期时表述不准确。区医保局已对其批评教育并组织窗口政策再培训；"
                   "已电话向市民解释异地就医备案有效期及续备方式。",
        resolved="2026-11-16 09:40",
        feedback="11月16日电话回访，市民表示理解。", fed_back="2026-11-16 15:20",
    ),
    _complaint(
        "JD-TS-2026-0011", JIEDONG_CENTER, channel="other", channel_note="信函", received="2026-11-18 10:00",
        complainant="翁俊彬", contact="13413702985",
        target_kind="大厅", target=None,
        facts="来信反映区政务服务中心周边停车位不足，大厅内功能区指引标识不清，初次办事群众难以找到不动产登记窗口。",
        demand="建议增设停车位并完善大厅导向标识。",
    ),
)

JIEDONG = JurisdictionDemo(
    code="jiedong",
    province="广东",
    region_code="445203",
    resident_id_prefix="445203",
    serial_prefix="JD",
    halls=_JIEDONG_HALLS,
    departments=_JIEDONG_DEPARTMENTS,
    stationings=_JIEDONG_STATIONINGS,
    staff=_JIEDONG_STAFF,
    windows=_JIEDONG_WINDOWS,
    items=_implement("445203", {POLICE, TAX, MARKET, HR, MEDICAL, REAL_ESTATE, CIVIL}),
    citizens=_JIEDONG_CITIZENS,
    cases=_JIEDONG_CASES,
    complaints=_JIEDONG_COMPLAINTS,
)


# =============================================================================
# 济南市南部山区 (nanbu): the centre ("南山政务服务中心") and its real-estate registration hall
# =============================================================================
# The Southern Mountain Area is a functional area, not a county-level division:
# its residents' household registration (and ID numbers) is 历城区's, 370112.
# No configured hours: the 考勤制度 fixes 09:00–12:00 and 13:30–17:00.

NANBU_CENTER = "济南市南部山区政务服务中心"
NANBU_REAL_ESTATE_HALL = "南部山区不动产登记专业大厅"

_NANBU_HALLS = (
    DemoHall(
        NANBU_CENTER, HallKind.CENTER, HallLevel.COUNTY, "南部山区", "Southern Mountain Area",
        "Jinan Southern Mountain Area Government Service Center", "Southern Mountain Area Government Service Center",
        "济南市南部山区仲宫街道", date(2020, 5, 6),
    ),
    DemoHall(
        NANBU_REAL_ESTATE_HALL, HallKind.SPECIALIZED, HallLevel.COUNTY, "南部山区", "Southern Mountain Area",
        "Jinan Southern Mountain Area Real Estate Registration Hall",
        "Southern Mountain Area Real Estate Registration Hall",
        "济南市南部山区仲宫街道（政务服务中心二楼）", date(2020, 5, 6),
        parent=NANBU_CENTER, managing_sector=REAL_ESTATE,
    ),
)

_NANBU_DEPARTMENTS = (
    DemoDepartment(HALL_OFFICE, "济南市南部山区政务服务中心政务服务科", "政务服务科"),
    DemoDepartment(POLICE, "济南市公安局南部山区分局", "南山公安分局"),
    DemoDepartment(TAX, "国家税务总局济南市南部山区税务局", "南山税务局"),
    DemoDepartment(MARKET, "济南市市场监督管理局南部山区分局", "南山市场监管分局"),
    DemoDepartment(HR, "济南市人力资源和社会保障局南部山区分局", "南山人社分局"),
    DemoDepartment(MEDICAL, "济南市医疗保障局南部山区分局", "南山医保分局"),
    DemoDepartment(REAL_ESTATE, "济南市自然资源和规划局南部山区分局", "南山自然资源分局"),
)

_NANBU_STAFF = (
    *_roster(
        NANBU_CENTER,
        # 工号      姓名      派出部门      职级            岗位              手机            上岗日期
        ("NB-0001", "孟庆磊", HALL_OFFICE, "二级主任科员", "政务服务科科长", "13853107421", "2020-05-06"),
        ("NB-0002", "韩冬梅", HALL_OFFICE, None, "咨询导办员", "15866730128", "2021-04-12"),
        ("NB-0003", "刘洋", HALL_OFFICE, None, "综合出证员", "13969082517", "2022-11-07"),
        ("NB-0004", "王晓东", MARKET, "四级主任科员", "首席代表", "13708936021", "2020-05-06"),
        ("NB-0005", "张丽娜", MARKET, "一级科员", None, "15053162748", "2021-09-13"),
        ("NB-0006", "李建国", POLICE, "二级警长", "首席代表", "13806412589", "2020-05-06"),
        ("NB-0007", "孙倩", POLICE, "一级警员", None, "18660137294", "2022-03-21"),
        ("NB-0008", "赵振华", TAX, "四级主任科员", "首席代表", "13583125067", "2020-05-06"),
        ("NB-0009", "高鹏飞", TAX, "一级科员", None, "15169048213", "2021-06-07"),
        ("NB-0010", "刘海燕", HR, "三级主任科员", "首席代表", "13963028745", "2020-05-06"),
        ("NB-0011", "徐文静", HR, "一级科员", None, "15905317846", "2020-05-06"),
        ("NB-0012", "杨帆", HR, "二级科员", None, "18765903421", "2023-08-14"),
        ("NB-0013", "孙志刚", MEDICAL, "四级主任科员", "首席代表", "13791062358", "2020-05-06"),
        ("NB-0014", "马秀英", MEDICAL, "一级科员", None, "13853190624", "2021-02-22"),
    ),
    *_roster(
        NANBU_REAL_ESTATE_HALL,
        ("NB-0015", "赵雪梅", REAL_ESTATE, "三级主任科员", "首席代表", "13869147205", "2020-05-06"),
        ("NB-0016", "王鑫", REAL_ESTATE, "一级科员", None, "15864019372", "2020-05-06"),
        ("NB-0017", "张凯", REAL_ESTATE, "二级科员", None, "18754126093", "2023-04-17"),
        ("NB-0018", "李娜", REAL_ESTATE, "一级科员", None, "13589036417", "2021-10-25"),
    ),
)

_NANBU_WINDOWS = (
    *_windows(
        NANBU_CENTER,
        # The first-floor front desk is also where the lunch duty sits (nanbu 午间值班制度).
        ("A01", "一楼前台咨询导办", "综合咨询窗口", HALL_OFFICE, "NB-0002", "NB-0003"),
        ("A02", "“办不成事”反映窗口", "办不成事反映窗口", HALL_OFFICE, "NB-0001", "NB-0002"),
        ("A03", "综合出证窗口", "综合出证窗口", HALL_OFFICE, "NB-0003", "NB-0001"),
        ("B01", "企业开办综合窗口", "综合办事窗口", MARKET, "NB-0005", "NB-0004"),
        ("B02", "户政业务窗口", "专业窗口", POLICE, "NB-0007", "NB-0006"),
        ("B03", "税务业务窗口", "专业窗口", TAX, "NB-0009", "NB-0008", suspended("2026-11-20 09:00")),
        ("B04", "社会保险业务窗口", "专业窗口", HR, "NB-0011", "NB-0012"),
        ("B05", "医疗保障业务窗口", "专业窗口", MEDICAL, "NB-0014", "NB-0013"),
        ("B06", "老年人绿色通道", "绿色通道窗口", HR, "NB-0012", "NB-0011"),
        ("B07", "跨省通办窗口", "跨域通办窗口", MEDICAL, "NB-0013", "NB-0014"),
    ),
    *_windows(
        NANBU_REAL_ESTATE_HALL,
        ("C01", "不动产登记窗口", "专业窗口", REAL_ESTATE, "NB-0016", "NB-0017"),
        ("C02", "不动产登记窗口", "专业窗口", REAL_ESTATE, "NB-0017", "NB-0018", brief_absence("2026-11-20 16:10")),
        ("C03", "不动产抵押登记窗口", "专业窗口", REAL_ESTATE, "NB-0018", "NB-0015"),
    ),
)

_NANBU_STATIONINGS = (
    DemoStationing(NANBU_CENTER, MARKET, "NB-0004", date(2020, 5, 6)),
    DemoStationing(NANBU_CENTER, POLICE, "NB-0006", date(2020, 5, 6)),
    DemoStationing(NANBU_CENTER, TAX, "NB-0008", date(2020, 5, 6)),
    DemoStationing(NANBU_CENTER, HR, "NB-0010", date(2020, 5, 6)),
    DemoStationing(NANBU_CENTER, MEDICAL, "NB-0013", date(2020, 5, 6)),
    DemoStationing(NANBU_REAL_ESTATE_HALL, REAL_ESTATE, "NB-0015", date(2020, 5, 6)),
)

_NANBU_CITIZENS = _citizens(
    "370112",
    ("王传海", "男", "1965-08-12", "13853102746"),
    ("张秀兰", "女", "1950-03-27", "13065018324"),
    ("李军", "男", "1978-11-09", "13906415827"),
    ("刘婷婷", "女", "1992-05-18", "15288906713"),
    ("孙立强", "男", "1985-02-02", "13589120476"),
    ("赵玉梅", "女", "1971-09-15", "13791035628"),
    ("高志远", "男", "1997-12-24", "18653107942"),
    ("马丽", "女", "1988-07-03", "15662738015"),
    ("徐宝山", "男", "1956-04-30", "13181742096"),
    ("韩雪", "女", "2000-01-19", "17861023547"),
    ("杨德福", "男", "1960-10-11", "13573186294"),
    ("孟凡华", "女", "1982-06-06", "13964017538"),
)

_NANBU_CASES = (
    *_ledger(
        NANBU_CENTER, _NANBU_WINDOWS,
        _c("NB20261009000012", "09:15", "B01", "个体工商户设立登记", "即办件", "李军", done="09:48",
           rated={"评价器": "非常满意"}),
        _c("NB20261012000025", "10:02", "B02", "居民身份证换领", "承诺件", "张秀兰", done="2026-10-26 14:30",
           rated={"短信": "满意"}),
        _c("NB20261013000031", "14:10", "B04", "城乡居民基本养老保险参保登记", "即办件", "杨德福", done="14:25",
           rated={"评价器": "非常满意"}),
        # A farm-stay kitchen's food licence, accepted with its staff health certificates to follow.
        _c("NB20261015000018", "09:40", "B01", "食品经营许可证核发", "承诺件", "马丽", tolerance_until="2026-10-22",
           done="2026-10-21 10:20", rated={"评价器": "非常满意"}),
        _c("NB20261019000027", "15:05", "B05", "门诊慢特病待遇认定", "承诺件", "徐宝山", done="2026-10-30 09:30",
           rated={"12345热线": "满意"}),
        _c("NB20261021000009", "09:20", "B03", "代开增值税发票", "即办件", "孙立强", done="09:35",
           rated={"评价器": "非常满意"}),
        _c("NB20261023000034", "13:45", "B06", "社会保障卡申领", "即办件", "徐宝山", done="14:02",
           rated={"评价器": "非常满意"}),
        _c("NB20261027000022", "10:30", "B07", "基本医疗保险关系转移接续", "承诺件", "刘婷婷", done="2026-11-06 15:00",
           rated={"短信": "基本满意"}),
        _c("NB20261029000015", "09:10", "B02", "无犯罪记录证明开具", "承诺件", "高志远", done="2026-10-30 10:00",
           rated={"网上办事平台": "非常满意"}),
        _c("NB20261102000041", "14:40", "B04", "失业保险金申领", "补办件", "韩雪"),
        _c("NB20261104000023", "10:15", "B01", "有限责任公司设立登记", "承诺件", "孟凡华", done="2026-11-05 09:40",
           rated={"网上办事平台": "满意"}),
        _c("NB20261109000036", "15:20", "B03", "增值税发票领用", "即办件", "孙立强", by="NB-0008", done="15:31",
           rated={"评价器": "满意"}),
        _c("NB20261111000019", "09:35", "B05", "异地就医备案", "即办件", "赵玉梅", done="11:20",
           rated={"短信": "非常不满意：系统卡顿，窗口一开始让我回家自己在手机上办"}),
        _c("NB20261116000028", "10:50", "B02", "户口迁入（投靠类）", "退回件", "王传海"),
        _c("NB20261118000014", "09:05", "B04", "工伤认定", "承诺件", "李军"),
        _c("NB20261119000031", "14:25", "B01", "个体工商户变更登记", "即办件", "马丽", done="14:50"),
    ),
    *_ledger(
        NANBU_REAL_ESTATE_HALL, _NANBU_WINDOWS,
        _c("NB20261009000020", "10:10", "C01", "不动产转移登记", "承诺件", "王传海", done="2026-10-14 15:30",
           rated={"短信": "满意"}),
        _c("NB20261014000037", "14:15", "C03", "不动产抵押登记", "承诺件", "孟凡华", done="2026-10-15 10:40",
           rated={"评价器": "非常满意"}),
        _c("NB20261016000011", "09:22", "C02", "不动产登记资料查询", "即办件", "高志远", done="09:30",
           rated={"评价器": "非常满意"}),
        _c("NB20261020000043", "15:40", "C01", "不动产首次登记", "承诺件", "杨德福", done="2026-10-27 10:20",
           rated={"回执二维码": "满意"}),
        _c("NB20261022000026", "10:05", "C02", "不动产转移登记", "联办件", "刘婷婷", done="2026-10-26 16:00",
           rated={"网上办事平台": "非常满意"}),
        _c("NB20261028000019", "09:30", "C03", "不动产抵押登记", "承诺件", "李军", done="2026-10-29 14:00",
           rated={"评价器": "满意"}),
        _c("NB20261103000032", "14:50", "C01", "土地权属争议行政裁决", "承诺件", "徐宝山"),
        _c("NB20261106000024", "10:25", "C02", "不动产登记资料查询", "即办件", "韩雪", done="10:33",
           rated={"评价器": "非常满意"}),
        _c("NB20261112000038", "15:10", "C01", "不动产转移登记", "补办件", "赵玉梅"),
        _c("NB20261117000021", "09:45", "C03", "不动产抵押登记", "承诺件", "孙立强", by="NB-0015",
           done="2026-11-18 11:00", rated={"短信": "满意"}),
    ),
)

_NANBU_COMPLAINTS = (
    # Not accepted: anonymous, with no valid contact (nanbu 投诉处理制度).
    _complaint(
        "NB-TS-2026-0004", NANBU_CENTER, channel="phone", received="2026-10-27 11:20",
        target_kind="窗口", target="B02",
        facts="匿名来电反映户政窗口工作人员办事拖拉，未提供具体时间、事项及联系方式。",
        status="不予受理", rejection_reason="未署名或未留有效联系方式",
        rejection_grounds=("anonymous_or_no_contact",),
    ),
    _complaint(
        "NB-TS-2026-0006", NANBU_CENTER, channel="on_site", received="2026-11-11 10:05",
        complainant="赵玉梅", contact="13791035628",
        target_kind="窗口", target="B05", case_serial_number="NB20261111000019",
        facts="投诉人11月11日上午在B05医保窗口办理异地就医备案，系统卡顿，工作人员未协助办理，让其回家自行在手机上操作。",
        demand="要求窗口当场办结。",
        status="已办结归档", accepted="2026-11-11 10:30", deadline="2026-11-18",
        resolution="经查，当日医保信息系统短时卡顿，窗口人员未按首问负责制协助办理。政务服务科督促南山医保分局当日为投诉人办结备案，"
                   "并对相关人员批评教育。",
        resolved="2026-11-11 16:30",
        feedback="11月12日电话回访，投诉人表示满意。", fed_back="2026-11-12 10:00",
        closed="2026-11-13 16:00",
    ),
)

NANBU = JurisdictionDemo(
    code="nanbu",
    province="山东",
    region_code="370100",
    resident_id_prefix="370112",
    serial_prefix="NB",
    halls=_NANBU_HALLS,
    departments=_NANBU_DEPARTMENTS,
    stationings=_NANBU_STATIONINGS,
    staff=_NANBU_STAFF,
    windows=_NANBU_WINDOWS,
    items=_implement("370100", {POLICE, TAX, MARKET, HR, MEDICAL, REAL_ESTATE}, promised={"工伤认定": 20}),
    citizens=_NANBU_CITIZENS,
    cases=_NANBU_CASES,
    complaints=_NANBU_COMPLAINTS,
)


# =============================================================================
# 东营市东营区 (dongying): the district centre and its public-security hall
# =============================================================================

DONGYING_CENTER = "东营市东营区政务服务中心"
DONGYING_POLICE_HALL = "东营区公安专业大厅"

_DONGYING_HOURS = (("08:30", "12:00"), ("13:30", "17:00"))

_DONGYING_HALLS = (
    DemoHall(
        DONGYING_CENTER, HallKind.CENTER, HallLevel.COUNTY, "东营区", "Dongying",
        "Dongying District Government Service Center", "Dongying Government Service Center",
        "东营市东营区文汇街道", date(2018, 9, 3),
        configured_hours=_DONGYING_HOURS,
    ),
    DemoHall(
        DONGYING_POLICE_HALL, HallKind.SPECIALIZED, HallLevel.COUNTY, "东营区", "Dongying",
        "Dongying District Public Security Service Hall", "Dongying Public Security Service Hall",
        "东营市东营区文汇街道（区政务服务中心一楼西厅）", date(2018, 9, 3),
        parent=DONGYING_CENTER, managing_sector=POLICE, configured_hours=_DONGYING_HOURS,
    ),
)

_DONGYING_DEPARTMENTS = (
    DemoDepartment(HALL_OFFICE, "东营市东营区政务服务中心管理办公室", "中心管理办公室"),
    DemoDepartment(POLICE, "东营市公安局东营分局", "东营公安分局"),
    DemoDepartment(TAX, "国家税务总局东营市东营区税务局", "东营区税务局"),
    DemoDepartment(MARKET, "东营市东营区市场监督管理局", "区市场监管局"),
    DemoDepartment(HR, "东营市东营区人力资源和社会保障局", "区人社局"),
    DemoDepartment(MEDICAL, "东营市东营区医疗保障局", "区医保局"),
    DemoDepartment(HOUSING, "东营市东营区住房和城乡建设局", "区住建局"),
    DemoDepartment(CIVIL, "东营市东营区民政局", "区民政局"),
)

_DONGYING_STAFF = (
    *_roster(
        DONGYING_CENTER,
        # 工号      姓名      派出部门      职级            岗位                手机            上岗日期
        ("DY-0001", "崔立新", HALL_OFFICE, "一级主任科员", "中心管理办公室主任", "13905466210", "2018-09-03"),
        ("DY-0002", "周晓燕", HALL_OFFICE, None, "咨询导办员", "15954617382", "2020-06-15"),
        ("DY-0003", "于洋", HALL_OFFICE, None, "综合出证员", "18654608127", "2022-04-06"),
        ("DY-0004", "侯敏", HALL_OFFICE, "四级主任科员", "督查专员", "13806475913", "2018-09-03"),
        ("DY-0005", "王志强", MARKET, "四级主任科员", "首席代表", "13562207841", "2018-09-03"),
        ("DY-0006", "李春梅", MARKET, "一级科员", None, "15006462397", "2019-03-11"),
        ("DY-0007", "宋佳", MARKET, "二级科员", None, "18266037514", "2023-09-18"),
        ("DY-0008", "张海涛", TAX, "三级主任科员", "首席代表", "13953602418", "2018-09-03"),
        ("DY-0009", "刘婷", TAX, "一级科员", None, "15165480732", "2020-10-12"),
        ("DY-0010", "杨光", HR, "四级主任科员", "首席代表", "13854620973", "2018-09-03"),
        ("DY-0011", "陈玉兰", HR, "一级科员", None, "13589406125", "2019-05-20"),
        ("DY-0012", "薄文静", MEDICAL, "四级主任科员", "首席代表", "15254619307", "2019-08-01"),
        ("DY-0013", "郭宁", MEDICAL, "二级科员", None, "13406472851", "2022-12-05"),
        ("DY-0014", "孙建军", HOUSING, "三级主任科员", "首席代表", "13805469132", "2018-09-03"),
        ("DY-0015", "隋学勇", HOUSING, "一级科员", None, "15866025473", "2020-02-24"),
        ("DY-0016", "高红霞", CIVIL, "四级主任科员", "首席代表", "13963372048", "2018-09-03"),
        ("DY-0017", "盖晓雯", CIVIL, "一级科员", None, "18254672916", "2021-07-05"),
    ),
    *_roster(
        DONGYING_POLICE_HALL,
        ("DY-0018", "任国庆", POLICE, "一级警长", "首席代表", "13905462871", "2018-09-03"),
        ("DY-0019", "韩磊", POLICE, "一级警员", None, "15954632078", "2019-11-18"),
        ("DY-0020", "吕娜", POLICE, None, "户政辅警", "18763307452", "2021-03-29"),
        ("DY-0021", "綦建", POLICE, "二级警员", None, "13563316940", "2023-06-26"),
    ),
)

_DONGYING_WINDOWS = (
    *_windows(
        DONGYING_CENTER,
        ("A01", "咨询导办台", "综合咨询窗口", HALL_OFFICE, "DY-0002", "DY-0003"),
        ("A02", "“办不成事”反映窗口", "办不成事反映窗口", HALL_OFFICE, "DY-0004", "DY-0001"),
        ("A03", "综合出证窗口", "综合出证窗口", HALL_OFFICE, "DY-0003", "DY-0002"),
        ("B01", "企业开办综合窗口", "综合办事窗口", MARKET, "DY-0006", "DY-0007"),
        ("B02", "企业开办综合窗口", "综合办事窗口", MARKET, "DY-0007", "DY-0005", suspended("2026-11-16 08:30")),
        ("B03", "税务业务窗口", "专业窗口", TAX, "DY-0009", "DY-0008"),
        ("B04", "社会保险业务窗口", "专业窗口", HR, "DY-0011", "DY-0010", brief_absence("2026-11-20 14:20")),
        ("B05", "医疗保障业务窗口", "专业窗口", MEDICAL, "DY-0013", "DY-0012"),
        ("B06", "住房城乡建设业务窗口", "专业窗口", HOUSING, "DY-0015", "DY-0014"),
        ("B07", "民政业务窗口", "专业窗口", CIVIL, "DY-0017", "DY-0016"),
        ("B08", "老年人绿色通道", "绿色通道窗口", CIVIL, "DY-0016", "DY-0017"),
        ("B09", "黄河流域跨省通办窗口", "跨域通办窗口", HR, "DY-0010", "DY-0011"),
    ),
    *_windows(
        DONGYING_POLICE_HALL,
        ("C01", "户政窗口", "专业窗口", POLICE, "DY-0019", "DY-0020"),
        ("C02", "出入境窗口", "专业窗口", POLICE, "DY-0021", "DY-0019"),
        ("C03", "车驾管窗口", "专业窗口", POLICE, "DY-0020", "DY-0021"),
    ),
)

_DONGYING_STATIONINGS = (
    DemoStationing(DONGYING_CENTER, MARKET, "DY-0005", date(2018, 9, 3)),
    DemoStationing(DONGYING_CENTER, TAX, "DY-0008", date(2018, 9, 3)),
    DemoStationing(DONGYING_CENTER, HR, "DY-0010", date(2018, 9, 3)),
    DemoStationing(DONGYING_CENTER, MEDICAL, "DY-0012", date(2019, 8, 1)),
    DemoStationing(DONGYING_CENTER, HOUSING, "DY-0014", date(2018, 9, 3)),
    DemoStationing(DONGYING_CENTER, CIVIL, "DY-0016", date(2018, 9, 3)),
    DemoStationing(DONGYING_POLICE_HALL, POLICE, "DY-0018", date(2018, 9, 3)),
)

_DONGYING_CITIZENS = _citizens(
    "370502",
    ("王建华", "男", "1967-02-21", "13854628107"),
    ("李红梅", "女", "1975-08-13", "13905462739"),
    ("张强", "男", "1989-04-26", "15806473125"),
    ("刘桂英", "女", "1951-11-30", "13065462018"),
    ("陈立军", "男", "1980-06-08", "13573308264"),
    ("杨静", "女", "1993-09-17", "18766024539"),
    ("赵宏伟", "男", "1972-12-04", "13954603721"),
    ("孙丽", "女", "1986-03-22", "15254637208"),
    ("周海波", "男", "1998-07-29", "17806463915"),
    ("马秀珍", "女", "1957-05-10", "13054620387"),
    ("薄振东", "男", "1963-01-15", "13589416027"),
    ("宋雅琳", "女", "2001-10-02", "19854672031"),
)

_DONGYING_CASES = (
    *_ledger(
        DONGYING_CENTER, _DONGYING_WINDOWS,
        _c("DY20261008000016", "09:10", "B01", "个体工商户设立登记", "即办件", "张强", done="09:38",
           rated={"评价器": "非常满意"}),
        _c("DY20261009000038", "14:20", "B06", "建筑工程施工许可证核发", "承诺件", "赵宏伟", done="2026-10-13 16:00",
           rated={"网上办事平台": "满意"}),
        _c("DY20261012000024", "10:35", "B07", "社会团体成立登记", "承诺件", "李红梅", done="2026-11-02 15:00",
           rated={"短信": "非常满意"}),
        _c("DY20261014000051", "15:15", "B04", "失业保险金申领", "承诺件", "周海波", done="2026-10-19 10:30",
           rated={"短信": "满意"}),
        _c("DY20261016000029", "09:25", "B05", "城乡居民基本医疗保险参保登记", "即办件", "刘桂英", done="09:34",
           rated={"评价器": "非常满意"}),
        _c("DY20261019000042", "10:50", "B03", "增值税一般纳税人登记", "即办件", "陈立军", done="11:12",
           rated={"评价器": "满意"}),
        _c("DY20261021000017", "14:05", "B06", "商品房预售许可", "联办件", "赵宏伟", done="2026-10-27 16:30",
           rated={"网上办事平台": "非常满意"}),
        _c("DY20261023000033", "09:48", "B07", "内地居民结婚登记", "即办件", "杨静", done="10:10",
           rated={"评价器": "非常满意"}),
        _c("DY20261027000026", "15:30", "B09", "企业职工基本养老保险关系转移接续", "承诺件", "孙丽",
           done="2026-11-10 10:00", rated={"网上办事平台": "基本满意：转移进度查询不方便"}),
        _c("DY20261029000019", "10:05", "B02", "食品经营许可证核发", "承诺件", "宋雅琳", tolerance_until="2026-11-05",
           done="2026-11-04 14:20", rated={"评价器": "满意"}),
        _c("DY20261102000044", "14:10", "B06", "房屋建筑和市政基础设施工程竣工验收备案", "补办件", "薄振东"),
        _c("DY20261104000021", "09:15", "B08", "高龄津贴申领", "承诺件", "马秀珍", done="2026-11-13 15:00",
           rated={"12345热线": "非常满意"}),
        _c("DY20261106000037", "10:40", "B05", "门诊慢特病待遇认定", "承诺件", "刘桂英", done="2026-11-16 16:00",
           rated={"短信": "不满意：认定需要的检查报告事先没有一次性告知"}),
        _c("DY20261110000028", "15:05", "B01", "有限责任公司设立登记", "退回件", "周海波"),
        _c("DY20261112000015", "08:50", "B03", "代开增值税发票", "即办件", "王建华", done="09:06",
           rated={"评价器": "非常满意"}),
        _c("DY20261117000040", "14:30", "B06", "建筑工程施工许可证核发", "承诺件", "陈立军"),
        _c("DY20261119000023", "09:55", "B04", "工伤认定", "承诺件", "张强"),
    ),
    *_ledger(
        DONGYING_POLICE_HALL, _DONGYING_WINDOWS,
        _c("DY20261008000022", "09:40", "C01", "居民身份证换领", "承诺件", "刘桂英", done="2026-10-22 10:00",
           rated={"短信": "非常满意"}),
        _c("DY20261010000015", "10:20", "C02", "往来港澳通行证及签注签发", "承诺件", "宋雅琳", done="2026-10-19 15:20",
           rated={"回执二维码": "满意"}),
        _c("DY20261013000047", "14:45", "C03", "机动车驾驶证补领", "即办件", "王建华", done="15:05",
           rated={"评价器": "非常满意"}),
        _c("DY20261015000032", "09:30", "C01", "户口迁入（投靠类）", "承诺件", "马秀珍", done="2026-10-26 10:40",
           rated={"网上办事平台": "满意"}),
        _c("DY20261020000018", "10:55", "C01", "无犯罪记录证明开具", "承诺件", "杨静", done="2026-10-21 09:30",
           rated={"短信": "非常满意"}),
        _c("DY20261026000041", "15:10", "C03", "机动车驾驶证补领", "即办件", "薄振东", done="15:28",
           rated={"评价器": "基本满意"}),
        _c("DY20261030000027", "09:05", "C02", "往来港澳通行证及签注签发", "承诺件", "孙丽", by="DY-0019",
           done="2026-11-06 14:00", rated={"回执二维码": "非常满意"}),
        _c("DY20261105000036", "14:35", "C01", "居民身份证补领", "承诺件", "周海波", done="2026-11-19 10:30",
           rated={"短信": "满意"}),
        _c("DY20261111000013", "08:45", "C03", "机动车驾驶证补领", "即办件", "李红梅", done="09:02",
           rated={"评价器": "不满意：自助拍照设备故障，被要求重新排队"}),
        _c("DY20261118000029", "10:15", "C01", "居民身份证换领", "承诺件", "马秀珍"),
    ),
)

_DONGYING_COMPLAINTS = (
    _complaint(
        "DY-TS-2026-0007", DONGYING_POLICE_HALL, channel="12345", received="2026-11-11 14:02",
        complainant="李红梅", contact="13905462739",
        target_kind="窗口", target="C03", case_serial_number="DY20261111000013",
        facts="12345转办：市民反映11月11日在公安专业大厅C03车驾管窗口补领驾驶证，自助拍照设备故障，被要求重新取号排队。",
        demand="要求维修设备，设备故障时由窗口直接采集照片。",
        status="已处理", accepted="2026-11-11 15:00", deadline="2026-11-18",
        resolution="设备已于11月12日维修完毕；东营公安分局明确设备故障时由窗口人员直接采像，不再要求群众重新排队。",
        resolved="2026-11-12 16:30",
        feedback="11月13日电话回复市民，市民表示满意。", fed_back="2026-11-13 10:00",
    ),
    _complaint(
        "DY-TS-2026-0009", DONGYING_CENTER, channel="other", channel_note="电子邮件", received="2026-11-18 21:14",
        complainant="陈立军", contact="13573308264",
        target_kind="部门", target=HOUSING, case_serial_number="DY20261117000040",
        facts="来信反映申请建筑工程施工许可证时，区住建局窗口要求提供施工图审查合格书，与告知承诺制的材料要求不一致，办理进度不明确。",
        demand="要求明确告知承诺制下的材料要求并按承诺时限办结。",
        status="已受理", accepted="2026-11-19 09:20", deadline="2026-11-26",
    ),
)

DONGYING = JurisdictionDemo(
    code="dongying",
    province="山东",
    region_code="370502",
    resident_id_prefix="370502",
    serial_prefix="DY",
    halls=_DONGYING_HALLS,
    departments=_DONGYING_DEPARTMENTS,
    stationings=_DONGYING_STATIONINGS,
    staff=_DONGYING_STAFF,
    windows=_DONGYING_WINDOWS,
    items=_implement("370502", {POLICE, TAX, MARKET, HR, MEDICAL, HOUSING, CIVIL},
                     promised={"社会团体成立登记": 15}),
    citizens=_DONGYING_CITIZENS,
    cases=_DONGYING_CASES,
    complaints=_DONGYING_COMPLAINTS,
)


# =============================================================================
# Registry
# =============================================================================

#: Demo data by jurisdiction (plugin) code.
DEMO_JURISDICTIONS: Mapping[str, JurisdictionDemo] = {
    demo.code: demo for demo in (PANYU, DONGGUAN, JIEDONG, NANBU, DONGYING)
}
