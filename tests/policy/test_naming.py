"""Naming (RULEBOOK §3): pinyin, Dongguan's standard names and their validation, the default."""

from __future__ import annotations

import pytest

from core.policy.naming import place_pinyin, split_level_word


@pytest.mark.parametrize(
    ("place", "pinyin"),
    [("厚街", "Houjie"), ("茶山", "Chashan"), ("火炼树", "Huolianshu"), ("长安", "Chang'an"), ("塘厦", "Tangxia"),
     ("麻涌", "Machong"), ("番禺", "Panyu")],
)
def test_place_pinyin(place, pinyin):
    assert place_pinyin(place) == pinyin


def test_explicit_pinyin_wins():
    assert place_pinyin("塘厦", "Tangsha") == "Tangsha"


def test_split_level_word():
    assert split_level_word("东城街道", "街道") == ("东城", "街道")
    assert split_level_word("厚街") == ("厚街", None)
    assert split_level_word("番禺区") == ("番禺", "区")


def test_dongguan_village_station(host):
    name = host.hook.tingwu_standard_hall_name(
        jurisdiction="dongguan", place="南社", level="村", parent="茶山镇", pinyin=None, parent_pinyin=None
    )
    assert name.name_zh == "茶山镇南社村便民服务站"
    assert name.name_en_full == "Nanshe Village Government Service Station of Chashan Township"
    assert name.name_en_short == "Chashan Township Nanshe Village Government Service Station"
    assert name.kind == "station"


def test_dongguan_community_station_follows_the_rule_not_the_typo(policy_for):
    name = policy_for("dongguan").standard_hall_name("火炼树", "社区", parent="东城街道")
    assert name.name_zh == "东城街道火炼树社区便民服务站"
    assert name.name_en_full == "Huolianshu Community Government Service Station of Dongcheng Sub-District"
    assert name.name_en_short == "Dongcheng Sub-District Huolianshu Community Government Service Station"


def test_dongguan_sub_district_centre_with_its_level_word_given(policy_for):
    name = policy_for("dongguan").standard_hall_name("东城街道", "街道")
    assert name.name_zh == "东莞市东城街道政务服务中心"
    assert name.name_en_full == "Dongcheng Sub-District Government Service Center of Dongguan Municipality"


def test_dongguan_pinyin_override(policy_for):
    name = policy_for("dongguan").standard_hall_name("石碣", "镇", pinyin="Shijie")
    assert name.name_en_short == "Dongguan Shijie Township Government Service Center"


def test_dongguan_station_needs_its_town(policy_for):
    with pytest.raises(ValueError, match="parent"):
        policy_for("dongguan").standard_hall_name("南社", "村")
    with pytest.raises(ValueError):
        policy_for("dongguan").standard_hall_name("南城", "区县")


def test_dongguan_municipal_and_park_names_are_marked_default(policy_for):
    policy = policy_for("dongguan")
    city = policy.standard_hall_name("东莞", "市")
    assert city.name_zh == "东莞市政务服务中心"
    assert city.rules[-1].source == "default"
    park = policy.standard_hall_name("松山湖", "园区")
    assert park.name_zh == "东莞市松山湖政务服务中心"


def test_validating_dongguan_names(host):
    ok = host.hook.tingwu_validate_hall_name(
        jurisdiction="dongguan",
        name="东莞市厚街镇政务服务中心",
        level="镇",
        name_en="Houjie Township Government Service Center of Dongguan Municipality",
    )
    assert ok.valid
    missing_city = host.hook.tingwu_validate_hall_name(
        jurisdiction="dongguan", name="厚街镇政务服务中心", level=None, name_en=None
    )
    assert not missing_city.valid and missing_city.violations[0].rule_id == "dongguan.naming.hall"
    assert missing_city.violations[0].message_zh and missing_city.violations[0].message_en


def test_validation_catches_the_source_typos(policy_for):
    result = policy_for("dongguan").validate_hall_name(
        "东城街道火炼树社区便民服务站",
        name_en="Dongcheng Sub—District Government Service Center of Dongguan Municipality",
    )
    messages = [v.message_en for v in result.violations]
    assert any("hyphen" in m for m in messages)
    assert any("Government Service Station" in m for m in messages)
    assert all(v.rule_id == "dongguan.naming.station" for v in result.violations)


def test_validation_checks_level_words_in_english(policy_for):
    result = policy_for("dongguan").validate_hall_name(
        "茶山镇南社村便民服务站", level="村", name_en="Nanshe Community Government Service Station of Chashan Township"
    )
    assert [v.field for v in result.violations] == ["name_en"]


def test_validation_checks_level_against_the_name(policy_for):
    result = policy_for("dongguan").validate_hall_name("东莞市厚街镇政务服务中心", level="街道")
    assert not result.valid


@pytest.mark.parametrize("code", ["panyu", "jiedong", "nanbu", "dongying"])
def test_default_name_elsewhere(policy_for, code):
    name = policy_for(code).standard_hall_name("番禺区", "区县")
    assert name.name_zh == "番禺区政务服务中心"
    assert name.name_en_full == "Panyu District Government Service Center"
    assert name.rules[0].source == "default"


def test_default_name_adds_the_level_word(policy_for):
    assert policy_for("nanbu").standard_hall_name("仲宫", "街道").name_zh == "仲宫街道政务服务中心"


def test_default_validation(policy_for):
    policy = policy_for("jiedong")
    assert policy.validate_hall_name("揭东区政务服务中心").valid
    assert not policy.validate_hall_name("揭东区行政服务中心").valid
    assert not policy.validate_hall_name("玉湖政务服务中心", level="镇").valid
    assert not policy.validate_hall_name("揭东区 政务服务中心").valid
