"""Place names in pinyin, level words, and the default hall name (RULEBOOK §3).

Place names are written in pinyin with the syllables joined and the first
letter capital (厚街 → Houjie), following GB/T 16159: a syllable starting with
a, o or e after another syllable takes an apostrophe (长安 → Chang'an).
``pypinyin`` reads characters by their commonest pronunciation, which is
wrong for some place names (塘厦 is Tangxia, not Tangsha), so a small table of
place readings wins over it, and an explicit ``pinyin=`` wins over both.
"""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

from core.policy.rules import default_rule
from core.policy.types import HALL_LEVELS, STATION_LEVELS, HallName, NameValidation, PolicyError, Violation

#: Readings of place names whose characters pypinyin would read otherwise (多音字).
PLACE_READINGS: dict[str, tuple[str, ...]] = {
    "塘厦": ("tang", "xia"),
    "麻涌": ("ma", "chong"),
    "厦门": ("xia", "men"),
    "六安": ("lu", "an"),
    "蚌埠": ("beng", "bu"),
    "番禺": ("pan", "yu"),
    "东莞": ("dong", "guan"),
    "莞城": ("guan", "cheng"),
    "长安": ("chang", "an"),
    "乐清": ("yue", "qing"),
    "铅山": ("yan", "shan"),
    "涌口": ("chong", "kou"),
}

#: English words for level words (dongguan 4.4.1 for the first four).
LEVEL_WORDS_EN: dict[str, str] = {
    "镇": "Township",
    "街道": "Sub-District",
    "村": "Village",
    "社区": "Community",
    "乡": "Township",
    "区": "District",
    "县": "County",
    "市": "City",
}

#: Level words a place name may end with, longest first so 街道 is tried before 道-less forms.
_SUFFIXES = sorted(LEVEL_WORDS_EN, key=len, reverse=True)
_VOWEL_START = re.compile(r"^[aoe]")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")


def place_pinyin(place: str, pinyin: str | None = None) -> str:
    """The place name in pinyin, syllables joined, first letter capital: 厚街 → Houjie.

    :param pinyin: an explicit spelling that wins (for readings no table knows).
    """
    if pinyin:
        return pinyin.strip()
    syllables = _syllables(place)
    if not syllables:
        raise PolicyError(f"cannot write {place!r} in pinyin")
    joined = syllables[0]
    for syllable in syllables[1:]:
        joined += ("'" if _VOWEL_START.match(syllable) else "") + syllable
    return joined[:1].upper() + joined[1:]


def _syllables(text: str) -> list[str]:
    syllables: list[str] = []
    i = 0
    readings = sorted(PLACE_READINGS, key=len, reverse=True)
    while i < len(text):
        for word in readings:
            if text.startswith(word, i):
                syllables.extend(PLACE_READINGS[word])
                i += len(word)
                break
        else:
            syllables.extend(s for s in lazy_pinyin(text[i]) if s.strip())
            i += 1
    return [s.lower() for s in syllables]


def split_level_word(place: str, level: str | None = None) -> tuple[str, str | None]:
    """Split a trailing level word off a place name: 厚街镇 → (厚街, 镇); 厚街 → (厚街, None).

    With ``level`` given only that word is split off (so 东城街道 is not read as 东城街 + 道).
    """
    candidates = [level] if level and level in LEVEL_WORDS_EN else _SUFFIXES
    for word in candidates:
        if place.endswith(word) and len(place) > len(word):
            return place[: -len(word)], word
    return place, None


def check_level(level: str) -> str:
    if level not in HALL_LEVELS:
        raise PolicyError(f"unknown hall level {level!r}; expected one of {', '.join(HALL_LEVELS)}")
    return level


def is_station_level(level: str | None) -> bool:
    return level in STATION_LEVELS


def full_place_name(place: str, level: str) -> str:
    """The place with its level word: (厚街, 镇) → 厚街镇; a place that already has it is kept.

    Levels that are classes rather than words (区县, 园区) leave the place as given.
    """
    if level in LEVEL_WORDS_EN and not place.endswith(level):
        return place + level
    return place


def place_in_english(place: str, level: str | None = None, pinyin: str | None = None) -> str:
    """厚街镇 → "Houjie Township"; 番禺区 → "Panyu District"; the level word comes from the name's suffix."""
    core, suffix = split_level_word(place, level)
    words = [place_pinyin(core, pinyin)]
    if suffix:
        words.append(LEVEL_WORDS_EN[suffix])
    return " ".join(words)


def han_only_violation(name: str, rule_id: str) -> Violation | None:
    """A standard Chinese name is written in Chinese characters only (no spaces, Latin letters, digits)."""
    if _HAN.match(name):
        return None
    return Violation(
        rule_id=rule_id,
        message_zh=f"名称“{name}”只能由汉字组成，不含空格、字母或数字",
        message_en=f"the name {name!r} must be Chinese characters only, without spaces, letters or digits",
        field="name",
    )


# ---------------------------------------------------------------------------
# The national baseline's default name: {place}政务服务中心
# ---------------------------------------------------------------------------

DEFAULT_NAMING_RULE = default_rule(
    "default.naming.hall",
    topic="naming",
    title="政务服务中心名称",
    summary="{place}政务服务中心, the place with its level word; English {Place} {Level} Government Service Center.",
    article="RULEBOOK §3 (other jurisdictions: default)",
)

CENTER_SUFFIX = "政务服务中心"
STATION_SUFFIX = "便民服务站"
CENTER_SUFFIX_EN = "Government Service Center"
STATION_SUFFIX_EN = "Government Service Station"


def default_hall_name(place: str, level: str, pinyin: str | None = None) -> HallName:
    """``{place}政务服务中心``; the place keeps (or gets) its level word: 番禺区政务服务中心."""
    check_level(level)
    full_place = full_place_name(place, level)
    core_place, _ = split_level_word(full_place, level)
    return HallName(
        name_zh=full_place + CENTER_SUFFIX,
        name_en_full=f"{place_in_english(full_place, level, pinyin)} {CENTER_SUFFIX_EN}",
        name_en_short=f"{place_pinyin(core_place, pinyin)} {CENTER_SUFFIX_EN}",
        kind="center",
        rules=(DEFAULT_NAMING_RULE.ref,),
    )


def dash_violations(name_en: str | None, rule_id: str) -> list[Violation]:
    """English level words use a hyphen: Sub-District, never the dash of the dongguan source's typo."""
    if name_en and any(dash in name_en for dash in "—–"):
        return [
            Violation(
                rule_id,
                "英文名称中的连字符应为“-”（如 Sub-District），不能用破折号",
                "use a hyphen in English level words (Sub-District), not a dash",
                "name_en",
            )
        ]
    return []


def default_validation(name: str, level: str | None, name_en: str | None) -> NameValidation:
    rule_id = DEFAULT_NAMING_RULE.id
    violations: list[Violation] = []
    han = han_only_violation(name, rule_id)
    if han:
        violations.append(han)
    if not name.endswith(CENTER_SUFFIX) or len(name) == len(CENTER_SUFFIX):
        violations.append(
            Violation(
                rule_id,
                f"名称应为“地名+{CENTER_SUFFIX}”",
                f"the name must be the place followed by {CENTER_SUFFIX}",
                "name",
            )
        )
    elif level in LEVEL_WORDS_EN and not name[: -len(CENTER_SUFFIX)].endswith(level):
        violations.append(
            Violation(
                rule_id,
                f"地名应带层级词“{level}”",
                f"the place must carry its level word {level}",
                "name",
            )
        )
    if name_en is not None and not name_en.strip().endswith(CENTER_SUFFIX_EN):
        violations.append(
            Violation(rule_id, f"英文名称应以“{CENTER_SUFFIX_EN}”结尾",
                      f"the English name must end with {CENTER_SUFFIX_EN!r}", "name_en")
        )
    violations.extend(dash_violations(name_en, rule_id))
    return NameValidation(name, name_en, tuple(violations), (DEFAULT_NAMING_RULE.ref,))
