"""Clean: article text -> article text without the damage mirrors and templates add.

Steps, each small and named, each counting what it removed:

- ``remove_pinyin_annotations``: ``國(guó)``, ``市(shi)(shi)(shi)``. An annotation goes only where
  it is a reading of the character before it (pypinyin's readings, tones or none), so
  ``(GDP)``, ``(2019)``, ``(本刊通讯员)`` and a word gloss like ``扶贫(fúpín)`` stay.
- ``remove_place_spam``: runs of administrative-division names separated by ``|`` or spaces.
- ``remove_markup_codes``: a forum's raw ``[img]…[/img]``, ``[collapse=…]``, ``[quote]`` codes.
- ``remove_boilerplate``: editor credits, share bars, hotlines, copyright/ICP lines, lone ``?``,
  leading dateline lines and the headline repeated; the tail after an end marker.

The patterns are data, in ``crawler/rules/clean.toml``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from crawler.text.han import HAN, SENTENCE_STOP
from crawler.text.parse import drop_invisible_characters
from crawler.text.pinyin import remove_pinyin_annotations, repair_misaligned_spans
from crawler.text.places import is_place_name
from crawler.text.rules import Rules, load_rules
from crawler.text.words import LOST_FROM_WORDS

# -- place-name spam ---------------------------------------------------------------------

def is_division_name(item: str, rules: Rules) -> bool:
    """A division's name: one the rules name, one with a division's suffix (平顺县), or one the
    gazetteer knows, a short form too (浏阳, 醴陵: spam runs drop the suffix)."""
    item = item.strip()
    if item in rules.division_names:
        return True
    if not 2 <= len(item) <= rules.max_item_chars or not re.fullmatch(f"{HAN}+", item):
        return False
    return any(item.endswith(s) and len(item) > len(s) for s in rules.division_suffixes) \
        or is_place_name(item)


def _known_place(name: str, rules: Rules) -> bool:
    """A division's name the rules or the gazetteer know (a suffix alone is not enough)."""
    return name in rules.division_names or is_place_name(name)


# Most characters of the filler a spam run sets after a name (张家川县最新招工, 城关区人才网)
SPAM_FILLER_CHARS = 4


def _division_and_filler(item: str, rules: Rules) -> bool:
    """A division's name and a little filler after it (张家川县最新招工)."""
    return any(is_division_name(item[:end], rules)
               for end in range(max(2, len(item) - SPAM_FILLER_CHARS), len(item)))


def is_place_spam(line: str, rules: Rules | None = None) -> bool:
    """Whether a line is nothing but a run of place names joined by separators (乌鲁木齐市|
    阿拉善右旗| 平顺县| …), the spam a hacked page sets among its paragraphs."""
    rules = rules or load_rules()
    return len(rules.spam_separators.findall(line)) >= rules.spam_min_items \
        and _spam_items(line, rules) is not None


def _spam_items(segment: str, rules: Rules) -> list[str] | None:
    """The items of a segment if the whole segment is a place-name spam run, else None."""
    by_separator = rules.spam_separators.search(segment) is not None
    # (a run by bars may list some of its names with 、 between them too)
    parts = re.split(f"{rules.spam_separators.pattern}|{rules.spam_list_separator}", segment) \
        if by_separator else segment.split()
    items = [p.strip() for p in parts if p.strip()]
    if len(items) < rules.spam_min_items:
        return None
    if any(len(i) > rules.max_item_chars or not re.fullmatch(f"{HAN}+", i) for i in items):
        return None
    share = sum(is_division_name(i, rules) or _division_and_filler(i, rules) for i in items) / len(items)
    needed = rules.spam_min_share if by_separator else rules.spam_min_share_spaces
    return items if share >= needed else None


def _listed_spam(line: str, rules: Rules) -> list[str] | None:
    """The names of a line that is nothing but place names listed with 、 (秦州区、麦积区、…),
    ``spam_list_min_items`` or more, nearly all of them names the gazetteer knows."""
    if line.count(rules.spam_list_separator) < rules.spam_list_min_items - 1:
        return None
    items = [item.strip() for item in line.split(rules.spam_list_separator)]
    if any(not 2 <= len(item) <= rules.max_item_chars or not re.fullmatch(f"{HAN}+", item) for item in items):
        return None
    known = sum(_known_place(item, rules) for item in items)
    return items if known >= rules.spam_min_share_spaces * len(items) else None


def _spam_after_sentences(line: str, rules: Rules) -> tuple[str, int]:
    """The line without the runs of place names set after its sentences, each name followed by
    a bar or a 、 (…增收。会宁县|渭源县|永靖县|礼县|一批订单…), and how many names: the names a
    run opens with, ``spam_min_items`` or more, each a division's name (by bars) or one the
    gazetteer knows (by 、). A sentence that lists places goes on after its last one without a
    separator (…、皋兰县等7个县区), and stays."""
    if line.count("|") + line.count("｜") + line.count(rules.spam_list_separator) < rules.spam_min_items:
        return line, 0
    removed = 0
    out: list[str] = []
    done = 0  # line[:done] is in out
    for match in _SPAM_AFTER_SENTENCE.finditer(line):
        if match.start() < done:
            continue  # (inside the name glued to the run before)
        pieces = re.findall(rf"\s*({HAN}{{1,{rules.max_item_chars}}})\s*([|｜、])", match.group(0))
        listed = all(separator == rules.spam_list_separator for _, separator in pieces)
        names = 0
        for name, separator in pieces:
            if not (_known_place(name, rules) if separator == rules.spam_list_separator
                    else is_division_name(name, rules)):
                break
            names += 1
        if names < rules.spam_min_items:
            continue
        # a sentence's list by 、 goes on to its last name and a word after it (…、皋兰县等7个县区)
        after = _name_opening(line[match.end():], rules, LISTED_NAME_CHARS)
        if names == len(pieces) and listed and after \
                and line[match.end() + after:match.end() + after + 1] in _LIST_GOES_ON:
            continue
        removed += names
        out += [line[done:match.start()], "".join(name + separator for name, separator in pieces[names:])]
        done = match.end()
        if names == len(pieces):
            # the run's last name, with no separator after it, glued to the sentence that
            # follows (…礼县|泾川县不少村利用…): a name the gazetteer knows, at the run's end
            done += _name_opening(line[done:], rules, GLUED_NAME_CHARS)
    out.append(line[done:])
    return "".join(out), removed


# what follows the last name of a sentence's list
_LIST_GOES_ON = set("等共及和与")
# the longest name read after a run: glued to the next sentence, or closing a sentence's list
GLUED_NAME_CHARS = 5
LISTED_NAME_CHARS = 6


def _name_opening(text: str, rules: Rules, most: int) -> int:
    """How many characters the longest name the gazetteer knows that opens ``text`` holds (at
    most ``most``, two at least); 0 where none does."""
    words = re.match(rf"{HAN}{{0,{most}}}", text).group(0)
    return next((end for end in range(len(words), 1, -1) if _known_place(words[:end], rules)), 0)


_SPAM_AFTER_SENTENCE = re.compile(rf"(?<=[。！？!?”」』）)])(?:\s*{HAN}{{1,16}}\s*[|｜、]){{4,}}")


def remove_place_spam(text: str, rules: Rules | None = None) -> tuple[str, int]:
    """Drop runs of place names joined by ``|`` (or spaces), as lines or at a line's end, and
    lines that only list place names with 、."""
    rules = rules or load_rules()
    removed = 0
    sep = rules.spam_separators.pattern
    # A run glued to the end of a paragraph: short Han items each followed by a separator.
    item = f"{HAN}{{1,{rules.max_item_chars}}}"
    tail = re.compile(rf"((?:\s*{item}\s*{sep}){{{rules.spam_min_items},}}\s*(?:{item})?\s*)$")
    # or set apart by spaces alone after the paragraph's last sentence (…无缝衔接。额济纳旗 神池县 岷县 …)
    spaced_tail = re.compile(
        rf"(?<=[。！？!?”」）)])(\s*{item}(?:\s+{item}){{{rules.spam_min_items - 1},}}\s*)$")
    lines = []
    for line in text.split("\n"):
        if (items := _spam_items(line, rules) or _listed_spam(line, rules)) is not None:
            removed += len(items)
            continue
        # the tail pattern backtracks at every Han character: only a line with enough
        # separators for a run is searched
        if len(rules.spam_separators.findall(line)) >= rules.spam_min_items \
                and (match := tail.search(line)) and (items := _spam_items(match.group(1), rules)):
            removed += len(items)
            line = line[: match.start()].rstrip()
            if not line:
                continue
        elif len(line.split()) > rules.spam_min_items and (match := spaced_tail.search(line)) \
                and (items := _spam_items(match.group(1), rules)):
            removed += len(items)
            line = line[: match.start()].rstrip()
        line, names = _spam_after_sentences(line, rules)
        removed += names
        if line:
            lines.append(line)
    return "\n".join(lines), removed


# -- boilerplate lines -------------------------------------------------------------------

def remove_forum_replies(text: str, rules: Rules | None = None) -> tuple[str, int]:
    """A forum thread keeps its opening post; an article keeps no comment section after it.
    Posts are found by their floor markers (``第 2 楼``, ``2#``, ``沙发``); counts the lines
    removed."""
    rules = rules or load_rules()
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    floors = [i for i, line in enumerate(lines) if len(line) <= rules.floor_max_chars
              and rules.floor_markers.search(line)]
    if len(floors) < rules.min_floors:
        return text, 0
    before_first = sum(len(line) for line in lines[:floors[0]])
    if before_first < rules.first_floor_share * sum(len(line) for line in lines):
        kept = lines[:floors[0]] + lines[floors[0] + 1:floors[1]]  # a thread: its opening post
    else:
        kept = lines[:floors[0]]  # an article, then its comments
    return "\n".join(kept), len(lines) - len(kept)


# what a paragraph of Chinese prose has and a header line (a URL, a time) has not
_PROSE_PUNCTUATION = re.compile("[，。！？；]")


# A line set letter-spaced (人 民 网 股 份 有 限 公 司 版 权 所 有): most of its Han characters stand
# a space apart
_SPACED_HAN = re.compile(rf"{HAN} (?={HAN})")
LETTER_SPACED_SHARE = 0.6


def letter_spacing_closed(line: str) -> str | None:
    """A letter-spaced line with the spaces between its characters taken out, for the line
    rules to read as words; None for a line set as usual."""
    if " " not in line:  # most lines: no need to count
        return None
    han = len(re.findall(HAN, line))
    if han < 4 or len(_SPACED_HAN.findall(line)) < LETTER_SPACED_SHARE * han:
        return None
    return re.sub(r"\s+", "", line)


# a mark a paper sets before a line of its header (a byline, a caption): ■, ◆, ●
_LEAD_ORNAMENT = re.compile(r"^[■□◆◇●○▲△★☆▶►]\s*")
# a column's or a programme's label in brackets before a headline: 【宁陵新闻】, [图文]
_COLUMN_LABEL = re.compile(r"[【\[［〖][^】\]］〗]{1,12}[】\]］〗]")


# A post's header (a BBS's, a mail's): its 标题 field beside the others (发信人, 信区, 发信站)
_POST_TITLE_FIELD = re.compile(r"^(标\s*题|標\s*題|主\s*题|主\s*題)\s*[:：]\s*(\S.*)$")
_POST_HEADER_FIELD = re.compile(
    r"^(发信人|發信人|寄信人|信区|信區|讨论区|討論區|发信站|發信站|发件人|發件人)\s*[:：]")
# the lines a post's header is looked for in
POST_HEADER_LINES = 8


def post_header_title(lines: list[str]) -> tuple[int, str] | None:
    """Which of a text's first lines is a post's header field naming the post (发信人: … /
    标  题: … / 发信站: …), and the name: a 标题 field beside another field of a post's header.
    (A record's 标题 row, among 索引号 and 发文机关, is a document's own, and stays.)"""
    lines = lines[:POST_HEADER_LINES]
    for at, line in enumerate(lines):
        if (field := _POST_TITLE_FIELD.match(line)) \
                and any(_POST_HEADER_FIELD.match(other) for other in lines[max(0, at - 1):at + 2]):
            return at, " ".join(field.group(2).split())
    return None


def remove_boilerplate(
    text: str, title: str | None = None, rules: Rules | None = None, listed: frozenset[str] = frozenset()
) -> tuple[str, int]:
    """Drop template lines; count them. Leading lines that repeat the title or hold only
    the dateline go too, and so does everything after an end marker in the second half.
    ``listed``: lines that are the items of the article's plain lists, never a menu's."""
    rules = rules or load_rules()
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    removed = 0
    if named := post_header_title(lines):  # (its other fields are the rules' lines)
        del lines[named[0]]
        removed += 1
    total = sum(len(line) for line in lines) or 1
    seen = 0
    for index, line in enumerate(lines):
        if seen > total / 2 and rules.end_markers.search(line):
            removed += len(lines) - index
            lines = lines[:index]
            break
        seen += len(line)
    kept = []
    for line in lines:
        if rules.boilerplate.search(line) or is_footer_row(line, rules) \
                or ((closed := letter_spacing_closed(line)) and rules.boilerplate.search(closed)):
            removed += 1
        else:
            kept.append(line)
    # The headline repeated (extractors put it first, last, or as an image caption) and
    # lines that hold only the dateline are page furniture wherever they stand. (The headline
    # after a notice's signature goes first: the signature then closes the text.)
    norm_title = re.sub(r"\s+", "", title or "")
    titles = {norm_title, f"原标题:{norm_title}", f"原標題:{norm_title}"} if norm_title else set()
    while titles and kept and re.sub(r"\s+", "", kept[-1]) in titles:
        kept.pop()
        removed += 1
    kept, menu_lines = _drop_menu_runs(kept, rules, listed)
    removed += menu_lines
    kept, footer_lines = _drop_after_signature(kept, rules)
    removed += footer_lines
    # (a page may close with two lists, 热门 over 相关推荐: each found in turn from the end)
    while (found := _drop_trailing_headline_list(kept, rules))[1]:
        kept, list_lines = found
        removed += list_lines

    # what stands above the first paragraph is the page's header: headline, dateline, site
    # (the headline repeated is no paragraph, though it may hold a comma)
    first_paragraph = next((i for i, line in enumerate(kept) if len(line) >= rules.header_paragraph_chars
                            and _PROSE_PUNCTUATION.search(line)
                            and re.sub(r"\s+", "", line) not in titles), len(kept))
    header = max(rules.header_lines, first_paragraph if first_paragraph < len(kept) else 0)
    # (a short notice's signature, its sender over its date, closes it however near the top)
    if first_paragraph < len(kept) - 2 and ends_signed(kept, rules):
        header = min(header, signature_end(kept) - 2)
    # (a notice's fields under its own numbered section, 三、中标信息 / 供应商名称：…, are its text)
    sections = next((i for i, line in enumerate(kept) if _TEXT_SECTION.match(line)), len(kept))
    fields = _field_runs(kept[:min(first_paragraph, sections)], rules)

    def furniture(index: int, line: str) -> bool:
        line = _LEAD_ORNAMENT.sub("", line)  # (■香港文匯報記者 何凱琳 廣州報道: a byline all the same)
        squashed = re.sub(r"\s+", "", line)
        if squashed in titles or index in fields:
            return True
        # the headline with a forum's badge after it, above the text (…这几年的变化精华, 置顶)
        if index < header and norm_title and squashed.startswith(norm_title) \
                and len(squashed) - len(norm_title) <= TITLE_BADGE_CHARS:
            return True
        # the headline under its column's label (【宁陵新闻】…), which the title leaves out
        if titles and (label := _COLUMN_LABEL.match(squashed)) and squashed[label.end():] in titles:
            return True
        # the headline cut short where the page shows it (在老家县城参加了…培训，记录一...)
        cut = _CUT_SHORT.match(squashed) if norm_title else None
        if cut and len(cut.group(1)) >= rules.title_piece_chars and norm_title.startswith(cut.group(1)):
            return True
        if len(line) > rules.header_max_chars:
            return False
        # a bare date in the header is the dateline; further down it may be a notice's
        # signature date, which belongs to the text
        if index < header and rules.header.search(line):
            return True
        # the headline set over two lines (a main title, then "——" and a second one)
        piece = squashed.lstrip("—-－ ")
        if index < header and len(piece) >= rules.title_piece_chars and piece in norm_title:
            return True
        return rules.header_anywhere.search(line)

    body = [line for index, line in enumerate(kept) if not furniture(index, line)]
    while body:
        if rules.trailing.search(body[-1]):
            body.pop()
            continue
        # the site's fields under its maker's line (主办：…承办：… / 地址：… 电话：…): lines of
        # fields closing the text go with the footer's line above them
        rows = len(body)
        while rows and len(body) - rows < FOOTER_FIELD_LINES and _is_field_row(body[rows - 1], rules):
            rows -= 1
        maker = next((at for at in range(max(rows - 1, 0), len(body) - 1) if rules.trailing.search(body[at])),
                     None)
        if rows == len(body) or maker is None:
            break
        del body[maker:]
    # the end mark set after the last sentence (…提质增效。(完)), as a line of its own it went
    if body and (mark := _END_MARK.search(body[-1])) and mark.start():
        body[-1] = body[-1][: mark.start()]
    # a platform's words for a link it shortened, after a sentence (…欢迎转发扩散！网页链接);
    # a live quote a finance site sets after a stock's code (鄂中股份（002931）12.34 +2.15%)
    # (each looked for only in the lines that hold its word: a quote's %, the placeholder's 链接)
    body = [_LINK_PLACEHOLDER.sub("", line) if "链接" in line or "連結" in line or "鏈接" in line else line
            for line in body]
    body = [_STOCK_QUOTE.sub("", line) if "%" in line else line for line in body]
    removed += len(kept) - len(body)
    return "\n".join(body), removed


# Most characters a badge set after a post's headline has (精华, 置顶, 原创, HOT)
TITLE_BADGE_CHARS = 3
_END_MARK = re.compile(r"(?<=[。！？!?”」』])\s*[(（]\s*(完|全文完)\s*[)）]$")
_CUT_SHORT = re.compile(r"^(.+?)(\.{3}|…+)$")
_STOCK_QUOTE = re.compile(r"(?<=\d{6}[)）])\s*\d+(\.\d+)?\s*[+-]\d+(\.\d+)?%")
_LINK_PLACEHOLDER = re.compile(r"(?<=[。！？!?”」』])\s*O?(网页链接|網頁鏈接|网页連結|網頁連結)(?=\s|$)")


# A line opening with the text's own section number: 一、, （二）
_TEXT_SECTION = re.compile(r"^([一二三四五六七八九十]{1,3}[、．]|[（(][一二三四五六七八九十]{1,3}[）)])")


def _field_runs(lines: list[str], rules: Rules) -> set[int]:
    """Indexes of the lines in runs of ``min_field_run`` or more fields (a label and a short
    value: 类型：投诉) among ``lines``, a line of a field each or a row of two fields or more
    (索引号：…　发布机构：…, a disclosure's table read a row a line)."""
    if rules.header_field is None:
        return set()
    found: set[int] = set()
    run: list[int] = []
    fields = 0
    for index, line in enumerate([*lines, ""]):
        if line and (rules.header_field.match(line) or _is_field_row(line, rules)):
            run.append(index)
            fields += max(1, len(_FIELD_LABEL.findall(line)))
            continue
        if fields >= rules.min_field_run:
            found.update(run)
        run, fields = [], 0
    return found


def is_footer_row(line: str, rules: Rules) -> bool:
    """Whether a line is a site's footer row: short items joined by separators, no sentence,
    and ``footer_min_links`` different standing links among them (关于我们 | 广告服务 | About Sina)."""
    if rules.footer_links is None or rules.footer_sentence_punctuation.search(line):
        return False
    items = [item.strip() for item in rules.footer_separators.split(line) if item and item.strip()]
    if len(items) < rules.footer_min_links or any(len(item) > rules.footer_max_item_chars for item in items):
        return False
    links = {found.group(0) for item in items if (found := rules.footer_links.search(item))}
    return len(links) >= rules.footer_min_links


# A table's row as the text has it: short cells joined by spaces, a number among them after
# the first (a town, its 402 workers; not a ranking's "1 headline", nor a headline's date), or
# four cells and more (a list of names: 1 杨建国电工技能大师工作室 杨建国 云岭电力维修有限公司)
_NUMBER_CELL = re.compile(r"[-+]?\d[\d,]*(\.\d+)?%?")
DATA_CELL_CHARS = 20
DATA_ROW_CELLS = 4
# ... or a schedule's row, its first cell the time of day it runs (9:00—12:00 现场招聘 体育馆一层),
# which no headline opens with
_TIME_CELL = re.compile(r"\d{1,2}[:：]\d{2}(\s*[—－–~～-]+\s*\d{1,2}[:：]\d{2})?")


def is_data_row(line: str) -> bool:
    cells = line.split()
    # (a cell that labels the next, 发文机关：, makes the line a record's fields; a row of two
    # cells is a name and its figure: 县外省内 300)
    return (len(cells) >= 3 or (len(cells) == 2 and bool(_NUMBER_CELL.fullmatch(cells[1]))
                                and not _NUMBER_CELL.fullmatch(cells[0]))) \
        and max(map(len, cells)) <= DATA_CELL_CHARS and not SENTENCE_STOP.search(line) \
        and not any(cell.endswith((":", "：")) for cell in cells) \
        and (len(cells) >= DATA_ROW_CELLS or any(_NUMBER_CELL.fullmatch(cell) for cell in cells[1:])
             or (len(cells) >= 3 and bool(_TIME_CELL.fullmatch(cells[0]))))


# Least rows of one width that make a run of short lines a data table
DATA_TABLE_ROWS = 3


def is_data_table(lines: list[str]) -> bool:
    """Whether short lines are a data table's rows: ``DATA_TABLE_ROWS`` or more data rows
    (``is_data_row``) of as many cells (制造业 893 44.3 / 建筑业 452 22.4 / …)."""
    widths = Counter(len(line.split()) for line in lines if is_data_row(line))
    return bool(widths) and max(widths.values()) >= DATA_TABLE_ROWS


def _announces_list(line: str, rules: Rules) -> bool:
    """Whether a line is a sentence of the text that ends by announcing the list under it
    (截至2022年，全县辖9个镇、3个乡：), or a short one whose verb announces it (课程模块包括：):
    its short lines are that list, not a menu. A label (相关阅读：) is no sentence."""
    return line.endswith((":", "：")) and (
        len(line) >= rules.header_paragraph_chars and bool(rules.sentence_punctuation.search(line[:-1]))
        # a short one whose verb announces it (课程模块包括：): a label names, it does not announce
        or bool(_ANNOUNCING_VERB.search(line)))


_ANNOUNCING_VERB = re.compile(
    r"(包括|包含|如下|以下|主要有|分别为|分别是|涵盖|主要是|具体为|具体是|共有|设有)\s*[:：]$")


_LABEL_AND_VALUE = re.compile(rf"{HAN}{{2,6}}(（[^）]{{1,10}}）)? \S{{2,40}}")


def _drop_menu_runs(lines: list[str], rules: Rules, listed: frozenset[str] = frozenset()
                    ) -> tuple[list[str], int]:
    """Drop runs of short lines without sentence punctuation: menus and link lists that
    extraction left (首页 / 新闻 / 论坛 / …). A lone short line (a subheading), a run that
    is a data table's rows and the items of the article's plain lists (``listed``) stay."""

    def is_menu_item(line: str) -> bool:
        if len(line) > rules.menu_item_chars or rules.sentence_punctuation.search(line) or line in listed:
            return False
        if line.isdigit():  # a bare count: a profile's posts, points and replies, line by line
            return True
        # a label and its value, an infobox's row (国家 中华人民共和国, 设立 1913年), is no link
        if _LABEL_AND_VALUE.fullmatch(line):
            return False
        # a bare date is no menu item: below a notice, with its sender, it is the signature
        # (a header line without a digit, an outlet's name, is one: 人民网 / 新华网 / …)
        return not (any(ch.isdigit() for ch in line) and rules.header.search(line))

    kept: list[str] = []
    run: list[str] = []
    removed = 0
    for line in [*lines, None]:
        if line is not None and is_menu_item(line):
            run.append(line)
            continue
        announced = bool(run) and bool(kept) and _announces_list(kept[-1], rules)
        if len(run) >= rules.menu_min_lines and not is_data_table(run) and not announced:
            removed += len(run)
        else:
            kept.extend(run)
        run = []
        if line is not None:
            kept.append(line)
    return kept, removed


# a government document's word on its publication under its signature: （此件公开发布）
_DISCLOSURE_NOTE = re.compile(r"^[(（]\s*此件[^()（）]{0,10}[)）]$")


# an attachment's label left after the signature when its files' links went (附件：)
_ATTACHMENT_LABEL = re.compile(r"^(附件|附件下载|附件下載|相关附件|相關附件)\s*\d{0,2}\s*[:：]?$")


def signature_end(lines: list[str]) -> int:
    """Where a notice's signature would end: before a disclosure note or an attachment's bare
    label closing the text."""
    end = len(lines)
    while end and (_DISCLOSURE_NOTE.match(lines[end - 1]) or _ATTACHMENT_LABEL.match(lines[end - 1])):
        end -= 1
    return end


def ends_signed(lines: list[str], rules: Rules | None = None) -> bool:
    """Whether text (its lines, trimmed) ends as an official notice does: its sender (an
    office, a bureau) over the date it was signed (湖南省人力资源和社会保障厅 / 2024年1月19日),
    its disclosure note (（此件公开发布）) after them or not."""
    rules = rules or load_rules()
    end = signature_end(lines)
    return end >= 2 and bool(rules.list_signature_date and rules.list_signature_issuer
                             and rules.list_signature_date.match(lines[end - 1])
                             and rules.list_signature_issuer.search(lines[end - 2]))


# a field of a site's footer: a label and its colon (主办单位：, 邮编：)
_FIELD_LABEL = re.compile(rf"{HAN}{{2,6}}\s*[:：]")


def _is_field_row(line: str, rules: Rules) -> bool:
    """Whether a line is a run of two fields or more and no sentence (地址：…　邮编：…　电话：…):
    a site's footer's, where it closes the text."""
    return len(_FIELD_LABEL.findall(line)) >= 2 and not rules.list_sentence_punctuation.search(line)


# Most lines of fields a site's footer sets under its maker's line
FOOTER_FIELD_LINES = 3


def _drop_after_signature(lines: list[str], rules: Rules) -> tuple[list[str], int]:
    """Drop the lines after a notice's signature that are a site's footer: each a run of two
    fields or more and no sentence (主办单位：…　承办：…, 地址：…　邮编：…　电话：…). An
    attachment's line (附件：…) is one field, and stays."""
    end = len(lines)
    while end and _is_field_row(lines[end - 1], rules):
        end -= 1
    if end < len(lines) and ends_signed(lines[:end], rules):
        return lines[:end], len(lines) - end
    return lines, 0


# A notice's appendix after its signature, under its label: 附：2024年春季招聘会场次安排
_APPENDIX_LABEL = re.compile(r"^附(件)?\s*\d{0,2}\s*[:：]\s*\S")


def _drop_trailing_headline_list(lines: list[str], rules: Rules) -> tuple[list[str], int]:
    """Drop the list of other articles that ends a text: at least ``list_min_items``
    headline-shaped lines (no sentence punctuation, not a "label: value" line, dates allowed)
    with the short heading above them (今日推荐, 其他报道). Inside a text, such a run may be
    an outline or a roster, and stays; at its end, after the last paragraph, it is links,
    unless each line opens as a chronology's does (``list_chronology``: 2021年 获评…)."""
    if not rules.list_min_items:
        return lines, 0

    def headline_shaped(line: str) -> bool:
        return (rules.list_min_chars <= len(line) <= rules.list_max_chars
                and not rules.list_sentence_punctuation.search(line)
                and line[-1] not in "：:，,、"
                and not (rules.list_field_label and rules.list_field_label.search(line))
                and not is_data_row(line))  # (a data table's row: a town and its figures)

    # (a site's footer rows after the list, 主办：… 承办：…, as a table layout's page gives them
    # after its side column's list: where the text's end holds no list, it is asked above them,
    # and they are left to the footer's step)
    footer = len(lines)
    while footer and _is_field_row(lines[footer - 1], rules):
        footer -= 1
    for end in dict.fromkeys((len(lines), footer)):
        if end > 2 and ends_signed(lines[:end], rules):
            end = signature_end(lines[:end]) - 2  # a notice's signature: what stands above it is asked
        start = end
        # (a notice's signature above the run bounds it: what follows is the notice's appendix,
        # 附：…场次安排, or another page's list, never the signature)
        while start > 0 and headline_shaped(lines[start - 1]) and not ends_signed(lines[:start], rules):
            start -= 1
        if end - start < rules.list_min_items or start == 0:
            continue  # too short to be a list, or the whole text: leave it
        heading = lines[start - 1]
        if heading[-1] in "：:" or _APPENDIX_LABEL.match(lines[start]):
            return lines, 0  # the text introduces it (a roster, a list of venues) or appends it
        if ends_signed(lines[:start], rules):
            return lines[:start] + lines[end:], end - start
        if rules.list_chronology and all(rules.list_chronology.match(line) for line in lines[start:end]):
            return lines, 0  # a résumé's periods, an honours list's years: the text's own
        if start > 1 and len(heading) <= rules.list_heading_max_chars \
                and not rules.sentence_punctuation.search(heading):
            start -= 1
        return lines[:start] + lines[end:], end - start
    return lines, 0


@dataclass
class Cleaned:
    text: str
    title: str | None
    repairs: Counter


# -- forum markup left raw ---------------------------------------------------------------------

# A forum's markup its page renders with a script (NGA's [img], [collapse=…], [quote]): what a
# tag holds is the post's, except a picture's or a file's address
_MARKUP_MEDIA = re.compile(r"\[(img|attach|attachimg|flash|media|audio|video|mp3)(=[^\]]*)?\].*?\[/\1\]",
                           re.IGNORECASE | re.DOTALL)
_MARKUP_TAG = re.compile(r"\[/?(b|i|u|s|del|quote|collapse|spoiler|url|size|color|font|align|center|"
                         r"code|list|table|tr|td|hide|free|pid|tid|uid|\*)(=[^\]\n]{0,200})?\]",
                         re.IGNORECASE)
# Tags a text holds before it is taken for raw markup: a lone [b] may be anything
MIN_MARKUP_TAGS = 2


def remove_markup_codes(text: str) -> tuple[str, int]:
    """Take out a forum's raw markup codes ([img]…[/img] whole, the other tags keeping what
    they hold) where the text has at least ``MIN_MARKUP_TAGS`` of them; returns the text and
    how many went. A line left empty goes."""
    if len(_MARKUP_TAG.findall(text)) + 2 * len(_MARKUP_MEDIA.findall(text)) < MIN_MARKUP_TAGS:
        return text, 0
    text, media = _MARKUP_MEDIA.subn("", text)
    text, tags = _MARKUP_TAG.subn("", text)
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line), media + tags


# A pull quote is a sentence this long at the least, set apart near the paragraph it repeats
PULL_QUOTE_MIN_CHARS = 10
PULL_QUOTE_REACH = 2
# ... and a part of it: a paragraph that another one repeats with a line more is no quote
PULL_QUOTE_MAX_SHARE = 0.7
_ENDS_QUOTE = re.compile(r"[。！？!?…”」』\"]$")


def remove_pull_quotes(text: str) -> tuple[str, int]:
    """Drop a line that repeats, word for word, a sentence of a paragraph (``PULL_QUOTE_MAX_SHARE``
    of it at most) no more than ``PULL_QUOTE_REACH`` lines away: a feature's pull quote (a
    <blockquote> set large beside the paragraph that says it). A heading that names words of a
    paragraph is no sentence, and stays; a paragraph repeated with a line more is no quote."""
    lines = text.split("\n")
    squashed = ["".join(line.split()) for line in lines]
    dropped = set()
    for i, line in enumerate(squashed):
        if len(line) < PULL_QUOTE_MIN_CHARS or not _ENDS_QUOTE.search(line):
            continue
        near = range(max(0, i - PULL_QUOTE_REACH), min(len(lines), i + PULL_QUOTE_REACH + 1))
        quoted = [j for j in near if j not in dropped and line in squashed[j]]
        if any(len(line) <= PULL_QUOTE_MAX_SHARE * len(squashed[j]) for j in quoted):
            dropped.add(i)
    if not dropped:
        return text, 0
    return "\n".join(line for i, line in enumerate(lines) if i not in dropped), len(dropped)


# A summary set above the text under its label (导读：, 内容提要：): the text says it again
_SUMMARY_LABEL = re.compile(
    r"^(导读|導讀|导语|導語|摘要|内容摘要|內容摘要|内容提要|內容提要|核心提示|提要)\s*[:：]\s*")
# The share of a summary's characters in sentences the text repeats for it to be a repetition
SUMMARY_REPEATED_SHARE = 0.8
# ... or the text's opening cut short where its box ends (no label), this long at least
_CUT_SUMMARY = re.compile(r"^(.{10,}?)(\.{3,}|…+)$")
SUMMARY_MAX_LINE = 3


def remove_repeated_summary(text: str) -> tuple[str, int]:
    """Drop a summary under its label among the first lines (导读：…) whose sentences the text
    repeats (``SUMMARY_REPEATED_SHARE`` of its characters), or one without a label that is
    the text's own words cut short (…压力。...): a portal's lead box over the lead. A summary
    the text does not repeat (an abstract of its own) stays."""
    lines = text.split("\n")

    def rest(index: int) -> str:  # (the text after a line, read only for a line that may be a summary)
        return "".join("".join(other.split()) for other in lines[index + 1:])

    for index, line in enumerate(lines[:SUMMARY_MAX_LINE]):
        # a CMS's description box, the text's opening cut short (…帮助学生缓解学业压力。...)
        if (cut := _CUT_SUMMARY.match("".join(line.split()))) and cut.group(1) in rest(index):
            return "\n".join(lines[:index] + lines[index + 1:]), 1
        if not (label := _SUMMARY_LABEL.match(line)):
            continue
        after = rest(index)
        sentences = [s for s in re.split(r"(?<=[。！？!?])", "".join(line[label.end():].split())) if s]
        said = sum(len(s) for s in sentences)
        # (a sentence of the summary may go on in the text: its stop is not asked)
        repeated = sum(len(s) for s in sentences if s.rstrip("。！？!?") in after)
        if said and repeated >= SUMMARY_REPEATED_SHARE * said:
            return "\n".join(lines[:index] + lines[index + 1:]), 1
    return text, 0


# A table of contents' label, on a line of its own
_CONTENTS_LABEL = re.compile(r"^(本文|文章)?(目录|目錄)\s*[:：]?$")


def remove_contents_list(text: str) -> tuple[str, int]:
    """Drop a table of contents (目录, then lines each of which the text says again later as a
    line: its headings) and its label; count the lines. A document platform's outline, an
    encyclopedia's contents left in the text."""
    lines = text.split("\n")
    last = {line.strip(): at for at, line in enumerate(lines)}  # (where each line is said last)
    for at, line in enumerate(lines):
        if not _CONTENTS_LABEL.match(line.strip()):
            continue
        end = at + 1
        while end < len(lines) and lines[end].strip() and last[lines[end].strip()] > end:
            end += 1
        if end - at - 1 >= CONTENTS_MIN_ENTRIES:
            return "\n".join(lines[:at] + lines[end:]), end - at
    return text, 0


CONTENTS_MIN_ENTRIES = 2


# The page's body printed twice (a CMS's template that writes the content field in two places):
# lines in a row said again word for word, in order, this many of them paragraphs this long at
# least.
# (One paragraph said again is often the page's own: a caption that repeats a sentence, a box
# that quotes it; short lines said again are a table's: two models' specifications.)
REPEATED_RUN_LINES = 3
REPEATED_LINE_CHARS = 20


def remove_repeated_body(text: str) -> tuple[str, int]:
    """Drop each run of lines that repeats an earlier run word for word, in order, where it
    holds ``REPEATED_RUN_LINES`` paragraphs or more, each paragraph said again right after
    itself, and each line that the next opens with; count the lines."""
    lines = text.split("\n")
    keys = ["".join(line.split()) for line in lines]
    first: dict[str, int] = {}
    kept: list[int] = []  # (the indexes of the lines kept)
    at = 0
    while at < len(lines):
        # a paragraph said again right after itself (a template's summary box over a brief's
        # one paragraph, the same words)
        if at and len(keys[at]) >= REPEATED_LINE_CHARS and keys[at] == keys[at - 1]:
            at += 1
            continue
        # ... or its opening cut short right before it (the box cut at its length, mid-word)
        if kept and kept[-1] == at - 1 and len(keys[at - 1]) >= REPEATED_LINE_CHARS \
                and keys[at] != keys[at - 1] and keys[at].startswith(keys[at - 1]):
            kept.pop()
        if keys[at] and (earlier := first.get(keys[at])) is not None:
            run = 0
            while at + run < len(lines) and earlier + run < at and keys[at + run] == keys[earlier + run]:
                run += 1
            if sum(len(key) >= REPEATED_LINE_CHARS for key in keys[at:at + run]) >= REPEATED_RUN_LINES:
                at += run
                continue
        first.setdefault(keys[at], at)
        kept.append(at)
        at += 1
    removed = len(lines) - len(kept)
    return ("\n".join(lines[i] for i in kept), removed) if removed else (text, 0)


def clean_text(text: str, title: str | None = None, rules: Rules | None = None,
               listed: frozenset[str] = frozenset()) -> Cleaned:
    """Run every cleaning step over article text, counting what each removed. ``listed``: the
    items of the article's plain lists (``extract.plain_list_items``), text however short."""
    rules = rules or load_rules()
    repairs: Counter = Counter()
    # (the page's markup lost its own before extraction; a reference to one, &#8203;, is a
    # character only once read)
    text, repairs["invisible_characters"] = drop_invisible_characters(text)
    if title:
        title, n = remove_pinyin_annotations(title)
        repairs["pinyin_annotations"] += n
    text, restored, dropped, guessed = repair_misaligned_spans(text)
    repairs["misaligned_spans_restored"] += restored
    repairs["misaligned_spans_dropped"] += dropped
    repairs[LOST_FROM_WORDS] += guessed
    text, n = remove_pinyin_annotations(text)
    repairs["pinyin_annotations"] += n
    text, n = remove_place_spam(text, rules)
    repairs["place_spam_items"] += n
    text, n = remove_markup_codes(text)
    repairs["markup_codes"] += n
    text, n = remove_forum_replies(text, rules)
    repairs["forum_replies"] += n
    # (before the boilerplate, which drops a contents' label alone: its entries would stay)
    text, n = remove_contents_list(text)
    repairs["contents_lines"] += n
    text, n = remove_boilerplate(text, title, rules, listed)
    repairs["boilerplate_lines"] += n
    text, n = remove_pull_quotes(text)
    repairs["pull_quotes"] += n
    text, n = remove_repeated_summary(text)
    repairs["repeated_summary"] += n
    text, n = remove_repeated_body(text)
    repairs["repeated_body_lines"] += n
    return Cleaned(text=text, title=title, repairs=+repairs)
