"""The demo data set is consistent and looks like the real thing (pure: no database)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, time
from decimal import Decimal

import chinese_calendar
import pytest

from core.cases.models import CaseCategory, CaseStatus
from core.complaints.models import ComplaintStatus, ComplaintTarget
from core.demo.data import (
    AS_OF,
    DEMO_JURISDICTIONS,
    NATIONAL_CATALOG,
    RATING_SCORES,
    JurisdictionDemo,
    Sector,
)
from core.halls.models import HallKind, HallLevel
from core.plugins.manager import build_plugin_manager
from core.ratings.models import RatingChannel, RatingLevel
from core.timezones import SHANGHAI
from core.windows.models import WindowStatus, WindowType

DEMOS = list(DEMO_JURISDICTIONS.values())
PLUGIN_INFOS = {code: j.info for code, j in build_plugin_manager().installed.items()}
MOBILE = re.compile(r"^1[3-9]\d{9}$")
HAN = re.compile(r"^[\u4e00-\u9fff“”、（）]+$")


def each_jurisdiction(test):
    return pytest.mark.parametrize("demo", DEMOS, ids=[d.code for d in DEMOS])(test)


def all_cases():
    return [(demo, case) for demo in DEMOS for case in demo.cases]


# --- Jurisdictions ------------------------------------------------------------------


def test_the_five_plugin_jurisdictions_have_demo_data():
    assert set(DEMO_JURISDICTIONS) == {"panyu", "dongguan", "jiedong", "nanbu", "dongying"}


@each_jurisdiction
def test_jurisdiction_matches_its_plugin(demo: JurisdictionDemo):
    info = PLUGIN_INFOS[demo.code]
    assert (demo.province, demo.region_code) == (info.province, info.region_code)
    # Residents' ID numbers carry a county of the same city (南部山区 has none of its own: 历城区).
    assert demo.resident_id_prefix[:4] == info.region_code[:4]


# --- Halls and names (RULEBOOK §3) ----------------------------------------------------


@each_jurisdiction
def test_halls_center_first_and_sub_halls_under_it(demo: JurisdictionDemo):
    centers = [h for h in demo.halls if h.kind is HallKind.CENTER]
    assert centers and demo.halls[0].kind is HallKind.CENTER
    seen = set()
    for hall in demo.halls:
        assert hall.parent is None or hall.parent in seen, f"{hall.name}: parent listed after it"
        seen.add(hall.name)
        if hall.kind is not HallKind.CENTER:
            assert demo.hall(hall.parent).kind is HallKind.CENTER
    specialized = [h for h in demo.halls if h.kind is HallKind.SPECIALIZED]
    assert specialized, "each jurisdiction shows a 专业大厅"
    for hall in specialized:
        assert hall.managing_sector not in (None, Sector.HALL_OFFICE)
        assert hall.name.endswith("专业大厅") and hall.managing_sector.value in hall.name  # 番禺区税务专业大厅


def test_dongguan_has_a_community_or_village_station_under_a_town_hall():
    stations = [h for h in DEMO_JURISDICTIONS["dongguan"].halls if h.kind is HallKind.STATION]
    assert stations
    for station in stations:
        assert station.level in (HallLevel.VILLAGE, HallLevel.COMMUNITY)
        assert DEMO_JURISDICTIONS["dongguan"].hall(station.parent).level in (HallLevel.TOWN, HallLevel.SUBDISTRICT)


@each_jurisdiction
def test_hall_names_follow_the_pattern(demo: JurisdictionDemo):
    city = PLUGIN_INFOS[demo.code].name[:3]  # 广州市, 东莞市, 揭阳市, 济南市, 东营市
    for hall in demo.halls:
        assert HAN.match(hall.name), hall.name
        assert not any(dash in hall.name_en_full + hall.name_en_short for dash in "—–"), "Sub-District takes a hyphen"
        if hall.kind is HallKind.CENTER:
            assert re.fullmatch(rf"{city}.+政务服务中心", hall.name), hall.name
            assert hall.place in hall.name
            assert hall.name_en_full.endswith(("Government Service Center", "of Dongguan Municipality"))
        elif hall.kind is HallKind.STATION:
            # dongguan 4.4.1's examples name the town first: 茶山镇南社村便民服务站
            assert hall.name.endswith(f"{hall.place}{hall.level.label}便民服务站")
            assert hall.name_en_full.startswith(f"{hall.place_pinyin} {hall.level.label_en} Government Service Station")
        else:
            assert hall.name.endswith("专业大厅") and hall.place in hall.name


def test_dongguan_names_follow_dongguan_4_4_1():
    demo = DEMO_JURISDICTIONS["dongguan"]
    for hall in demo.halls:
        level_en = hall.level.label_en
        if hall.kind is HallKind.CENTER:
            assert hall.name == f"东莞市{hall.place}{hall.level.label}政务服务中心"
            assert hall.name_en_full == (
                f"{hall.place_pinyin} {level_en} Government Service Center of Dongguan Municipality"
            )
            assert hall.name_en_short == f"Dongguan {hall.place_pinyin} {level_en} Government Service Center"
        elif hall.kind is HallKind.STATION:
            town = demo.hall(hall.parent)
            town_en = f"{town.place_pinyin} {town.level.label_en}"
            assert hall.name_en_full == f"{hall.place_pinyin} {level_en} Government Service Station of {town_en}"
            assert hall.name_en_short == f"{town_en} {hall.place_pinyin} {level_en} Government Service Station"


def test_houjie_reads_as_the_rulebook_example():
    houjie = DEMO_JURISDICTIONS["dongguan"].hall("东莞市厚街镇政务服务中心")
    assert houjie.name_en_full == "Houjie Township Government Service Center of Dongguan Municipality"
    assert houjie.name_en_short == "Dongguan Houjie Township Government Service Center"


# --- Departments and stationing ---------------------------------------------------------


@each_jurisdiction
def test_four_to_eight_departments_one_per_sector(demo: JurisdictionDemo):
    assert 4 <= len(demo.departments) <= 8
    sectors = [d.sector for d in demo.departments]
    assert len(set(sectors)) == len(sectors)
    assert Sector.HALL_OFFICE in sectors, "hall-side staff need the management office"


@each_jurisdiction
def test_department_names_carry_the_jurisdiction(demo: JurisdictionDemo):
    city = PLUGIN_INFOS[demo.code].name[:3]
    for department in demo.departments:
        assert city in department.name, department.name
        assert HAN.match(department.name) and HAN.match(department.short_name)
        assert len(department.short_name) < len(department.name)


@each_jurisdiction
def test_stationed_departments_have_a_chief_representative_from_their_own_staff(demo: JurisdictionDemo):
    staff = {s.number: s for s in demo.staff}
    keys = [(st.hall, st.sector) for st in demo.stationings]
    assert len(set(keys)) == len(keys)
    for stationing in demo.stationings:
        chief = staff[stationing.chief_representative]
        assert chief.sector == stationing.sector
        assert chief.position == "首席代表"
        assert stationing.sector is not Sector.HALL_OFFICE  # the office runs the hall; it is not stationed in it
    # Every department working at a hall's windows is stationed there.
    working = {(w.hall, w.sector) for w in demo.windows if w.sector is not Sector.HALL_OFFICE}
    assert working == set(keys)


# --- Staff and windows -------------------------------------------------------------------


@each_jurisdiction
def test_staff_numbers_and_phones(demo: JurisdictionDemo):
    numbers = [s.number for s in demo.staff]
    assert len(set(numbers)) == len(numbers)
    sectors = {d.sector for d in demo.departments}
    hall_names = {h.name for h in demo.halls}
    for member in demo.staff:
        assert re.fullmatch(rf"{demo.serial_prefix}-\d{{4}}", member.number)
        assert MOBILE.match(member.phone)
        assert member.sector in sectors and member.hall in hall_names
        assert 2 <= len(member.name) <= 3 and HAN.match(member.name)


@each_jurisdiction
def test_windows_are_numbered_and_staffed_ab(demo: JurisdictionDemo):
    staff = {s.number: s for s in demo.staff}
    keys = [(w.hall, w.number) for w in demo.windows]
    assert len(set(keys)) == len(keys)
    for window in demo.windows:
        assert re.fullmatch(r"[A-Z]\d{2}", window.number)
        assert window.a_role, f"{window.number} has no A role"
        assert window.a_role != window.b_role
        for number in filter(None, (window.a_role, window.b_role)):
            assert (staff[number].hall, staff[number].sector) == (window.hall, window.sector)
        assert (window.status_since is None) == (window.status is WindowStatus.SERVING)
    serving = [w for w in demo.windows if w.status is WindowStatus.SERVING]
    assert len(serving) > len(demo.windows) * 3 // 4, "mostly serving"
    assert sum(1 for w in serving if w.b_role) > len(serving) // 2, "most serving windows have a B role"
    assert len({w.type for w in demo.windows}) >= 5


def test_every_window_type_and_status_appears():
    windows = [w for demo in DEMOS for w in demo.windows]
    assert {w.type for w in windows} == set(WindowType)
    assert {w.status for w in windows} == set(WindowStatus)


# --- Service items ----------------------------------------------------------------------------


@each_jurisdiction
def test_at_least_twenty_items_each_owned_and_offered(demo: JurisdictionDemo):
    assert len(demo.items) >= 20
    sectors = {d.sector for d in demo.departments}
    offered = {i.code for hall in demo.halls for i in demo.items_offered_in(hall)}
    for item in demo.items:
        assert item.sector in sectors
        assert item.code in offered, f"{item.name} is offered nowhere"
        assert item.code.startswith(demo.region_code)


def test_implementation_codes_are_globally_unique():
    codes = [item.code for demo in DEMOS for item in demo.items]
    assert len(set(codes)) == len(codes)


def test_catalog_codes_are_shared_across_jurisdictions_for_the_same_item():
    catalog_code_by_name: dict[str, set[str]] = {}
    for demo in DEMOS:
        for item in demo.items:
            catalog_code_by_name.setdefault(item.name, set()).add(item.catalog.catalog_code)
    assert all(len(codes) == 1 for codes in catalog_code_by_name.values())
    everywhere = set.intersection(*({i.name for i in demo.items} for demo in DEMOS))
    assert {"居民身份证换领", "个体工商户设立登记", "食品经营许可证核发", "异地就医备案"} <= everywhere
    assert len({item.catalog_code for item in NATIONAL_CATALOG}) == len(NATIONAL_CATALOG)


@each_jurisdiction
def test_items_are_complete_and_promise_no_more_than_the_law(demo: JurisdictionDemo):
    for item in demo.items:
        catalog = item.catalog
        assert 0 <= item.promised_limit_days <= catalog.promised_limit_days <= catalog.legal_limit_days
        assert catalog.materials and not any(re.search("[A-Za-z]", m) for m in catalog.materials)
        assert re.match(r"^《.+》", catalog.legal_basis)
        assert catalog.fee is None or (catalog.fee > Decimal(0) and catalog.fee_basis)


def test_item_types_cover_the_catalogue_vocabulary():
    from core.items.models import ItemType

    assert {item.type for item in NATIONAL_CATALOG} == set(ItemType)


# --- Citizens -------------------------------------------------------------------------------------


def reference_check_digit(first_17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643-1999
    return "10X98765432"[sum(int(d) * w for d, w in zip(first_17, weights)) % 11]


def test_reference_check_digit_on_the_standards_example():
    assert reference_check_digit("11010519491231002") == "X"


@each_jurisdiction
def test_citizens_have_well_formed_id_numbers_and_phones(demo: JurisdictionDemo):
    names = [c.name for c in demo.citizens]
    assert len(set(names)) == len(names)
    for citizen in demo.citizens:
        number = citizen.id_number
        assert len(number) == 18 and number[:17].isdigit()
        assert number.startswith(demo.resident_id_prefix)
        assert number[6:14] == citizen.born.strftime("%Y%m%d")
        assert int(number[16]) % 2 == (1 if citizen.sex == "男" else 0)
        assert number[17] == reference_check_digit(number[:17])
        assert MOBILE.match(citizen.phone)


# --- Cases ------------------------------------------------------------------------------------------


def public_spans(demo: JurisdictionDemo, hall_name: str, day: date) -> list[tuple[time, time]]:
    """Public hours as the rules say (RULEBOOK §4), or as the hall configured them."""
    if demo.code == "jiedong":  # Art 23: summer May–Oct, winter Nov–Apr; make-up days follow Mon–Thu
        friday = day.weekday() == 4
        if 5 <= day.month <= 10:
            spans = [("08:30", "11:30"), ("14:30", "16:30" if friday else "17:30")]
        else:
            spans = [("08:30", "11:30"), ("14:30", "16:00") if friday else ("14:00", "17:00")]
    elif demo.code == "nanbu":
        spans = [("09:00", "12:00"), ("13:30", "17:00")]
    else:
        spans = demo.hall(hall_name).configured_hours
    return [(time.fromisoformat(start), time.fromisoformat(end)) for start, end in spans]


def during_public_hours(demo: JurisdictionDemo, hall_name: str, moment: datetime) -> bool:
    local = moment.astimezone(SHANGHAI)
    return chinese_calendar.is_workday(local.date()) and any(
        start <= local.time() <= end for start, end in public_spans(demo, hall_name, local.date())
    )


@each_jurisdiction
def test_ten_to_thirty_cases_per_hall(demo: JurisdictionDemo):
    per_hall = Counter(case.hall for case in demo.cases)
    for hall in demo.halls:
        assert 10 <= per_hall[hall.name] <= 30, hall.name


def test_serial_numbers_are_unique_and_dated():
    serials = [case.serial_number for _, case in all_cases()]
    assert len(set(serials)) == len(serials)
    for demo, case in all_cases():
        assert re.fullmatch(rf"{demo.serial_prefix}\d{{14}}", case.serial_number)
        assert case.serial_number[2:10] == case.accepted_at.astimezone(SHANGHAI).strftime("%Y%m%d")


@pytest.mark.parametrize("demo, case", all_cases(), ids=[c.serial_number for _, c in all_cases()])
def test_case_is_handled_by_the_window_that_owns_its_item(demo: JurisdictionDemo, case):
    window = demo.window(case.hall, case.window)
    item = demo.item(case.item)
    assert item.sector == window.sector
    assert item in demo.items_offered_in(demo.hall(case.hall))
    assert case.staff in (window.a_role, window.b_role)
    demo.citizen(case.applicant)  # on the roster


@pytest.mark.parametrize("demo, case", all_cases(), ids=[c.serial_number for _, c in all_cases()])
def test_case_times_fall_in_public_hours(demo: JurisdictionDemo, case):
    assert case.accepted_at.tzinfo is not None
    assert date(2026, 10, 1) <= case.accepted_at.astimezone(SHANGHAI).date() <= AS_OF
    assert during_public_hours(demo, case.hall, case.accepted_at)
    if case.completed_at is not None:
        assert case.accepted_at < case.completed_at
        assert case.completed_at.astimezone(SHANGHAI).date() <= AS_OF
        assert during_public_hours(demo, case.hall, case.completed_at)
    window = demo.window(case.hall, case.window)
    if window.status_since is not None:
        assert case.accepted_at < window.status_since, "accepted at a window that was already closed"


@pytest.mark.parametrize("demo, case", all_cases(), ids=[c.serial_number for _, c in all_cases()])
def test_case_status_fits_its_category(demo: JurisdictionDemo, case):
    accepted_on = case.accepted_at.astimezone(SHANGHAI).date()
    if case.category is CaseCategory.INSTANT:
        assert demo.item(case.item).promised_limit_days == 0
        assert case.deadline_on == accepted_on
        assert case.completed_at is None or case.completed_at.astimezone(SHANGHAI).date() == accepted_on
    if case.category is CaseCategory.RETURNED:
        assert case.status is CaseStatus.RETURNED
    if case.category is CaseCategory.SUPPLEMENT and case.completed_at is None:
        assert case.status is CaseStatus.AWAITING_MATERIALS
    assert (case.status is CaseStatus.COMPLETED) == (case.completed_at is not None)
    assert case.tolerance_acceptance == (case.supplement_due_on is not None)
    if case.tolerance_acceptance:
        assert case.category is CaseCategory.PROMISED
        assert case.supplement_due_on > accepted_on


@each_jurisdiction
def test_each_jurisdiction_shows_every_national_category_and_some_open_cases(demo: JurisdictionDemo):
    national = {CaseCategory.INSTANT, CaseCategory.PROMISED, CaseCategory.JOINT,
                CaseCategory.SUPPLEMENT, CaseCategory.RETURNED}
    assert national <= {case.category for case in demo.cases}
    assert any(case.tolerance_acceptance for case in demo.cases), "a 容缺受理 case"
    assert any(case.status is CaseStatus.ACCEPTED for case in demo.cases), "a case still in progress"


# --- Ratings ----------------------------------------------------------------------------------------


def test_rating_scales_follow_the_rulebook():
    levels = list(RatingLevel)
    assert [RATING_SCORES["广东"][level] for level in levels] == [10, 8, 6, 3, 0]
    assert [RATING_SCORES["山东"][level] for level in levels] == [5, 4, 3, 2, 1]
    assert {demo.province for demo in DEMOS} <= set(RATING_SCORES)


@pytest.mark.parametrize("demo, case", all_cases(), ids=[c.serial_number for _, c in all_cases()])
def test_ratings_follow_completion_one_per_channel(demo: JurisdictionDemo, case):
    channels = [rating.channel for rating in case.ratings]
    assert len(set(channels)) == len(channels)
    for rating in case.ratings:
        assert case.completed_at is not None and case.completed_at < rating.rated_at
        assert rating.rated_at.astimezone(SHANGHAI).date() <= AS_OF
        if rating.defaulted:  # only Guangdong defaults an unrated case, to 基本满意 (panyu Art 35)
            assert demo.province == "广东" and rating.level is RatingLevel.BASICALLY_SATISFIED
        if rating.level in (RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED):
            assert rating.comment, "a bad rating says why"


def test_ratings_span_every_level_and_channel():
    ratings = [rating for _, case in all_cases() for rating in case.ratings]
    assert {r.level for r in ratings} == set(RatingLevel)
    assert {r.channel for r in ratings} == set(RatingChannel)
    for demo in DEMOS:
        rated = [c for c in demo.cases if c.ratings]
        completed = [c for c in demo.cases if c.completed_at]
        assert len(rated) >= len(completed) * 0.8, "the 80% rating target (panyu Art 34)"


# --- Complaints ---------------------------------------------------------------------------------------


@each_jurisdiction
def test_complaints_point_at_real_targets_and_keep_their_timeline(demo: JurisdictionDemo):
    assert demo.complaints
    serials = {case.serial_number for case in demo.cases}
    staff_numbers = {s.number for s in demo.staff}
    references = [c.reference for c in demo.complaints]
    assert len(set(references)) == len(references)
    for complaint in demo.complaints:
        match complaint.target_kind:
            case ComplaintTarget.STAFF:
                assert complaint.target in staff_numbers
            case ComplaintTarget.WINDOW:
                demo.window(complaint.hall, complaint.target)
            case ComplaintTarget.DEPARTMENT:
                demo.department(complaint.target)
            case ComplaintTarget.HALL:
                assert complaint.target is None
        assert complaint.case_serial_number is None or complaint.case_serial_number in serials
        assert complaint.received_at.astimezone(SHANGHAI).date() <= AS_OF
        moments = [m for m in (complaint.received_at, complaint.accepted_at, complaint.resolved_at,
                               complaint.feedback_at, complaint.closed_at) if m]
        assert moments == sorted(moments)
        assert (complaint.resolved_at is not None) == (complaint.status in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED))
        for at, _ in complaint.notes:  # 调查记录 between acceptance and closing
            assert complaint.accepted_at < at and (complaint.closed_at is None or at <= complaint.closed_at)
        if complaint.status is ComplaintStatus.REJECTED:
            assert complaint.rejection_reason and complaint.accepted_at is None
        elif complaint.status is not ComplaintStatus.RECEIVED:
            assert complaint.accepted_at and complaint.deadline_on
            assert complaint.complainant_contact, "an accepted complaint has someone to answer"
        if complaint.status in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED):
            assert complaint.resolution and complaint.feedback
        assert (complaint.closed_at is not None) == (complaint.status is ComplaintStatus.CLOSED)


# --- Appeals (申诉) -----------------------------------------------------------------------------------


@each_jurisdiction
def test_appeals_follow_the_jurisdictions_appeal_rules(demo: JurisdictionDemo):
    from core.policy.calendar import WorkingCalendar
    from core.policy.service import JurisdictionPolicy

    policy = JurisdictionPolicy(build_plugin_manager().hook, demo.code, WorkingCalendar())
    cases = {case.serial_number: case for case in demo.cases}
    for appeal in demo.appeals:
        rating = next(r for r in cases[appeal.serial_number].ratings if r.channel is appeal.channel)
        window = policy.appeal_window(rating.level, rating.rated_at.astimezone(SHANGHAI).date())
        assert window.appealable and rating.rated_at < appeal.filed_at
        assert appeal.filed_at.astimezone(SHANGHAI).date() <= window.last_day
        review = policy.appeal_review(appeal.filed_at.astimezone(SHANGHAI).date())
        assert appeal.review_due_on == review.due_on
        assert appeal.outcome is None or appeal.outcome in {o.code for o in review.outcomes}
        if appeal.reviewed_at:
            assert appeal.filed_at < appeal.reviewed_at and appeal.reviewed_at.date() <= AS_OF
