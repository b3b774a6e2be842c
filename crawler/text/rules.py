"""The cleaning rules file (``crawler/rules/clean.toml``, or a copy named by the Scrapy setting
``CLEAN_RULES_FILE``), read once into ``Rules``.

Its own module because two stages read it: extract (``[blocks]``, furniture found in the page's
tree, and ``[second_opinion]``) and clean (every line-level step).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import ahocorasick_rs

try:  # the parser behind re.compile; private, so a missing one only turns the prefilter off
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    sre_parse = sre_constants = None

# read through importlib.resources: in a deployed egg (scrapyd) it is inside a zip file
DEFAULT_RULES = resources.files("crawler") / "rules" / "clean.toml"


class LinePatterns:
    """Line rules searched as a set. A rule is tried only on a line that holds a string the
    rule cannot match without (``(转载|轉載).{0,12}请注明`` needs 转载 or 轉載), and one
    Aho-Corasick pass finds those strings for every rule: the prefilter regex engines use.
    About 100 rules a line cost a quarter of what trying each costs; the answer is the same."""

    def __init__(self, patterns: tuple[re.Pattern[str], ...]) -> None:
        self.patterns = patterns
        needed = [required_strings(pattern) for pattern in patterns]
        self._always = tuple(p for p, strings in zip(patterns, needed, strict=True) if not strings)
        keys, self._owners = [], []
        for index, strings in enumerate(needed):
            for string in sorted(strings):
                keys.append(string)
                self._owners.append(index)
        self._automaton = ahocorasick_rs.AhoCorasick(keys) if keys else None

    def __iter__(self) -> Iterator[re.Pattern[str]]:
        return iter(self.patterns)

    def search(self, line: str) -> bool:
        """Whether any rule matches somewhere in ``line``; in a line that lost characters as
        marks (U+FFFD: a page misread upstream with replacement), where the marks stand for
        some of the rule's characters (``lossy_pattern``)."""
        if any(pattern.search(line) for pattern in self._always):
            return True
        if self._automaton is not None:
            matches = self._automaton.find_matches_as_indexes(line, overlapping=True)
            found = {self._owners[key] for key, _, _ in matches}
            if any(self.patterns[index].search(line) for index in sorted(found)):
                return True
        return LOST in line and len(line) <= LOSSY_LINE_MAX_CHARS \
            and any(_mostly_kept(lossy_pattern(pattern), line) for pattern in self.patterns)


# A character lost to a misreading with replacement (UTF-8 read as GBK or cp1252 upstream)
LOST = "\ufffd"
# Most of a rule's own characters must be left where it matches a line that lost some: one lost
# for every two left at most (a label of one character, 报：, lost whole says nothing)
LOST_CHARS_PER_KEPT = 1 / 2
# Longest line whose lost characters a rule reads through: past it, a line is prose (a page of
# bytes its codec could not read has marks in its paragraphs), and every rule tried on it costs
LOSSY_LINE_MAX_CHARS = 120
# What a misreading loses of a rule's words: its Han characters, and the colon after a label
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


@cache
def lossy_pattern(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with each Han character it names, and each class holding a full-width
    colon, also matching a lost character's mark (责任编辑[:：] matches 责任编辑\ufffd王芳);
    each in a group of its own, named ``_k…`` where the character is there and ``_l…`` where
    it is lost, for ``_mostly_kept`` to count."""
    source, out, at = pattern.pattern, [], 0

    def either(atom: str) -> str:
        number = len(out)
        return f"(?:(?P<_k{number}>{atom})|(?P<_l{number}>{LOST}))"

    while at < len(source):
        char = source[at]
        if char == "\\":  # an escape: itself
            out.append(source[at:at + 2])
            at += 2
        elif char == "[":  # a class: itself, or lost if it names a label's colon
            end = at + 1 + (source[at + 1:at + 2] == "^")
            end += source[end:end + 1] == "]"  # (a ] first is a member)
            while end < len(source) and source[end] != "]":
                end += 2 if source[end] == "\\" else 1
            members = source[at:end + 1]
            out.append(either(members) if "：" in members and not members.startswith("[^") else members)
            at = end + 1
        else:
            out.append(either(char) if _HAN.match(char) else char)
            at += 1
    return re.compile("".join(out), pattern.flags)


def _mostly_kept(pattern: re.Pattern[str], line: str) -> bool:
    """Whether ``pattern`` (a ``lossy_pattern``) matches ``line`` with most of its own
    characters there."""
    for match in pattern.finditer(line):
        groups = match.groupdict()
        kept = sum(1 for name, value in groups.items() if value is not None and name.startswith("_k"))
        lost = sum(1 for name, value in groups.items() if value is not None and name.startswith("_l"))
        if kept and lost <= LOST_CHARS_PER_KEPT * kept:
            return True
    return False


def required_strings(pattern: re.Pattern[str]) -> frozenset[str]:
    """Strings one of which every match of ``pattern`` holds (empty: none is known). Read from
    the parsed pattern: a run of literal characters, or a group whose every alternative has one.
    Under ``(?i)`` only characters without case count."""
    if sre_parse is None:
        return frozenset()
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a parser of another Python version: no prefilter
        return frozenset()
    factors = _required_factors(parsed.data, bool(pattern.flags & re.IGNORECASE))
    return _best_factor(factors) if factors else frozenset()


def _best_factor(factors: list[frozenset[str]]) -> frozenset[str]:
    # the longest shortest string filters best; fewer alternatives break ties
    return max(factors, key=lambda strings: (min(map(len, strings)), -len(strings)))


def _required_factors(items: list, ignore_case: bool) -> list[frozenset[str]]:
    """Each factor is a set of strings one of which every match of ``items`` holds."""
    factors: list[frozenset[str]] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            factors.append(frozenset(["".join(run)]))
            run.clear()

    for op, value in items:
        if op is sre_constants.LITERAL and not (ignore_case and chr(value).lower() != chr(value).upper()):
            run.append(chr(value))
        elif op is sre_constants.SUBPATTERN:
            _, add_flags, del_flags, sub = value
            inner_case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            inner = _required_factors(sub.data, inner_case)
            plain = all(kind is sre_constants.LITERAL for kind, _ in sub.data)
            if plain and len(inner) == 1 and len(next(iter(inner[0]))) == len(sub.data):
                run.append(next(iter(inner[0])))  # a group of one plain string goes on the run
            else:
                end_run()
                factors.extend(inner)
        elif op is sre_constants.BRANCH:
            end_run()
            alternatives = [_required_factors(branch.data, ignore_case) for branch in value[1]]
            if alternatives and all(alternatives):
                factors.append(frozenset().union(*(_best_factor(a) for a in alternatives)))
        elif op is sre_constants.ASSERT:  # (?=.*(投稿邮箱|…)): what the lookahead needs, the line holds
            end_run()
            factors.extend(_required_factors(value[1].data, ignore_case))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and value[0] >= 1:
            end_run()
            factors.extend(_required_factors(value[2].data, ignore_case))
        else:
            end_run()
    end_run()
    return factors


@dataclass(frozen=True)
class BlockRules:
    """``[blocks]``: furniture found in the page's tree before extraction (crawler.text.blocks)."""
    headings: tuple[re.Pattern[str], ...] = ()
    notice_headings: tuple[re.Pattern[str], ...] = ()
    outside_headings: tuple[re.Pattern[str], ...] = ()
    closing_headings: tuple[re.Pattern[str], ...] = ()
    heading_max_chars: int = 12
    term_max_chars: int = 12
    definition_max_chars: int = 200
    paragraph_chars: int = 20
    layout_item_chars: int = 200
    min_records: int = 4
    record_link_chars: int = 8
    record_lead_chars: int = 12
    record_max_chars: int = 150
    record_share: float = 0.75
    record_link_share: float = 0.5
    min_replies: int = 2
    comment_names: re.Pattern[str] | None = None
    column_names: re.Pattern[str] | None = None
    footer_names: re.Pattern[str] | None = None
    column_main_chars: int = 100
    member_links: re.Pattern[str] | None = None
    member_stats: re.Pattern[str] | None = None
    min_member_stats: int = 3
    member_card_chars: int = 150
    # the boilerplate lines' patterns: a block's own lines that are template lines (a statement,
    # an info line) do not make it the article's
    furniture: LinePatterns | None = None


@dataclass(frozen=True)
class SecondOpinionRules:
    """``[second_opinion]``: when readability's text replaces trafilatura's (crawler.text.extract)."""
    doubt: float = 1.3
    min_chars: int = 100
    inside: float = 0.9
    shorter: float = 0.8
    beside: float = 0.5
    missed: float = 0.5


@dataclass(frozen=True)
class Rules:
    boilerplate: LinePatterns
    end_markers: LinePatterns
    trailing: LinePatterns
    menu_min_lines: int
    menu_item_chars: int
    sentence_punctuation: re.Pattern[str]
    header: LinePatterns
    header_anywhere: LinePatterns
    header_lines: int
    header_max_chars: int
    spam_separators: re.Pattern[str]
    spam_min_items: int
    spam_min_share: float
    spam_min_share_spaces: float
    spam_list_separator: str
    spam_list_min_items: int
    division_suffixes: tuple[str, ...]
    division_names: frozenset[str]
    max_item_chars: int
    floor_markers: LinePatterns
    floor_max_chars: int
    min_floors: int
    first_floor_share: float
    list_min_items: int = 3
    header_paragraph_chars: int = 20
    header_field: re.Pattern[str] | None = None
    min_field_run: int = 3
    title_piece_chars: int = 8
    list_min_chars: int = 8
    list_max_chars: int = 45
    list_heading_max_chars: int = 10
    list_sentence_punctuation: re.Pattern[str] = re.compile("[。！？!?；;]")
    list_field_label: re.Pattern[str] | None = None
    list_chronology: re.Pattern[str] | None = None
    list_signature_issuer: re.Pattern[str] | None = None
    list_signature_date: re.Pattern[str] | None = None
    footer_links: re.Pattern[str] | None = None
    footer_separators: re.Pattern[str] = re.compile(r"\s*[|｜]\s*")
    footer_sentence_punctuation: re.Pattern[str] = re.compile("[，。！？；,;!?]")
    footer_max_item_chars: int = 16
    footer_min_links: int = 2
    blocks: BlockRules | None = None
    second_opinion: SecondOpinionRules = SecondOpinionRules()


@cache
def load_rules(path: str | None = None) -> Rules:
    """Read the cleaning rules (default: the packaged ``crawler/rules/clean.toml``)."""
    data = tomllib.loads((Path(path) if path else DEFAULT_RULES).read_text(encoding="utf-8"))
    compile_all = lambda patterns: tuple(re.compile(p) for p in patterns)  # noqa: E731
    line_patterns = lambda patterns: LinePatterns(compile_all(patterns))  # noqa: E731
    spam = data["spam"]
    forum = data.get("forum", {})
    lists = data.get("headline_lists", {})
    footers = data.get("footer_rows", {})
    # rules files written before the block step have no [blocks]: it is off there
    blocks = dict(data.get("blocks", {}))
    blocks["headings"] = compile_all(blocks.get("headings", []))
    blocks["notice_headings"] = compile_all(blocks.get("notice_headings", []))
    blocks["outside_headings"] = compile_all(blocks.get("outside_headings", []))
    blocks["closing_headings"] = compile_all(blocks.get("closing_headings", []))
    for names in ("comment_names", "column_names", "footer_names", "member_links", "member_stats"):
        if names in blocks:
            blocks[names] = re.compile(blocks[names])
    blocks["furniture"] = line_patterns(data["boilerplate"]["lines"])
    return Rules(
        boilerplate=line_patterns(data["boilerplate"]["lines"]),
        end_markers=line_patterns(data["boilerplate"]["end_markers"]),
        trailing=line_patterns(data["boilerplate"].get("trailing", [])),
        menu_min_lines=data["menus"]["min_lines"],
        menu_item_chars=data["menus"]["max_item_chars"],
        sentence_punctuation=re.compile(data["menus"]["sentence_punctuation"]),
        header=line_patterns(data["header"]["lines"]),
        header_anywhere=line_patterns(data["header"]["anywhere"]),
        header_lines=data["header"]["first_lines"],
        header_max_chars=data["header"]["max_chars"],
        header_paragraph_chars=data["header"].get("paragraph_chars", 20),
        header_field=re.compile(data["header"]["field_line"]) if "field_line" in data["header"] else None,
        min_field_run=data["header"].get("min_field_run", 3),
        title_piece_chars=data["header"].get("title_piece_chars", 8),
        spam_separators=re.compile(spam["separators"]),
        spam_min_items=spam["min_items"],
        spam_min_share=spam["min_division_share"],
        spam_min_share_spaces=spam["min_division_share_spaces"],
        spam_list_separator=spam["list_separator"],
        spam_list_min_items=spam["list_min_items"],
        division_suffixes=tuple(sorted(spam["division_suffixes"], key=len, reverse=True)),
        division_names=frozenset(spam["division_names"]),
        max_item_chars=spam["max_item_chars"],
        # rules files written before the forum step have no [forum]: the step is off there
        floor_markers=line_patterns(forum.get("floor_markers", [])),
        floor_max_chars=forum.get("max_chars", 60),
        min_floors=forum.get("min_floors", 2),
        first_floor_share=forum.get("first_floor_share", 0.3),
        # rules files written before this step have no [headline_lists]: it is off there
        list_min_items=lists.get("min_items", 0),
        list_min_chars=lists.get("min_chars", 8),
        list_max_chars=lists.get("max_chars", 45),
        list_heading_max_chars=lists.get("heading_max_chars", 10),
        list_sentence_punctuation=re.compile(lists.get("sentence_punctuation", "[。！？!?；;]")),
        list_field_label=re.compile(lists["field_label"]) if "field_label" in lists else None,
        list_chronology=re.compile(lists["chronology"]) if "chronology" in lists else None,
        list_signature_issuer=re.compile(lists["signature_issuer"]) if "signature_issuer" in lists else None,
        list_signature_date=re.compile(lists["signature_date"]) if "signature_date" in lists else None,
        # rules files written before this step have no [footer_rows]: it is off there
        footer_links=re.compile(footers["links"]) if "links" in footers else None,
        footer_separators=re.compile(footers.get("separators", r"\s*[|｜]\s*")),
        footer_sentence_punctuation=re.compile(footers.get("sentence_punctuation", "[，。！？；,;!?]")),
        footer_max_item_chars=footers.get("max_item_chars", 16),
        footer_min_links=footers.get("min_links", 2),
        blocks=BlockRules(**blocks) if "blocks" in data else None,
        second_opinion=SecondOpinionRules(**data.get("second_opinion", {})),
    )


_GLOBAL_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")


@cache
def any_of(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """One pattern that matches where any of ``patterns`` does, for short texts matched whole
    (a heading). A rule's leading flags, ``(?i)``, are scoped to it. (Searching long lines, the
    rules one by one are faster: most fail at their anchor.)"""
    alternatives = []
    for pattern in patterns:
        text = pattern.pattern
        if flags := _GLOBAL_FLAGS.match(text):
            text = f"(?{flags.group(1)}:{text[flags.end():]})"
        alternatives.append(f"(?:{text})")
    return re.compile("|".join(alternatives) or "(?!)")
