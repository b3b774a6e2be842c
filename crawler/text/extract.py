"""Extract: decoded HTML -> the article's text, with its headline, date, author and source.

One parse serves every step: the page is prepared (``prepare``: layouts extractors miss set as
paragraphs), its furniture dropped (``blocks``), and trafilatura finds the main text;
readability-lxml is the second opinion where trafilatura finds little, or much more or much
less than the page's densest block of paragraphs. The metadata are read by ``metadata``.
"""

from __future__ import annotations

import contextlib
import copy
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from html import unescape
from itertools import islice
from urllib.parse import urljoin

import ahocorasick_rs
import lxml.html
import readability.readability as readability_module
import trafilatura
import trafilatura.core as trafilatura_core
import trafilatura.settings as trafilatura_settings
import trafilatura.xpaths as trafilatura_xpaths
from readability import Document

from crawler.text.blocks import (
    INFOBOX_PAIR,
    OPENING_POST,
    block_paragraph_text,
    chars_outside_links,
    data_rows,
    drop_furniture_blocks,
    drop_quoted_posts,
    headline_element,
    link_chars,
    shown_text,
    visible_chars,
)
from crawler.text.clean import is_place_spam
from crawler.text.han import ENDS_SENTENCE, HAN_CHAR, NOT_WORD, PROSE_STOP, SENTENCE_STOP
from crawler.text.metadata import (
    find_author,
    find_date,
    find_headline,
    find_source,
    form_title,
    headline_lines,
    meta,
    page_metas,
    published_date,
)
from crawler.text.parse import (
    BLOCK_TAGS,
    MAX_TAGS,
    PageTooLarge,
    as_html_document,
    element_showing,
    parse_html,
)
from crawler.text.prepare import (
    CELL_PROSE,
    PICTURE_CAPTION,
    data_tables_as_rows,
    drop_closing_prompt_links,
    drop_hidden_text,
    drop_templates,
    hidden_elements,
    holds_only_data_tables,
    inline_framed_documents,
    inline_hiding_rules,
    outermost_wrapper,
    prepare_tree,
    prose_cells_as_paragraphs,
    unwrap_tag_links,
)
from crawler.text.rules import Rules, SecondOpinionRules, load_rules

STATE_EXTRACTOR = "the page's script state"
# Below this many characters trafilatura is taken to have missed the article.
MIN_TEXT_CHARS = 80

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f])


@dataclass
class Article:
    title: str | None
    published: str | None
    author: str | None
    source: str | None
    text: str
    extractor: str
    explanation: list[str] = field(default_factory=list)  # why this text, this date
    # the items of plain lists among the article's paragraphs (``plain_list_items``)
    listed: frozenset[str] = frozenset()


# An XML document's root element, and what its entries are called: feeds and sitemaps are
# lists of pages, not articles
_XML_ROOT = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*|<\?[^>]*>\s*)*<([A-Za-z][\w:.-]*)", re.S)
_XML_KINDS = {"rss": ("RSS feed", "item", "items"), "rdf:rdf": ("RSS feed", "item", "items"),
              "feed": ("Atom feed", "entry", "entries"), "urlset": ("sitemap", "url", "URLs"),
              "sitemapindex": ("sitemap index", "sitemap", "sitemaps")}


def xml_document_kind(text: str) -> str | None:
    """What an XML document that is not a page is ("RSS feed, 12 items"), or None for a
    page (HTML, XHTML) or plain text."""
    match = _XML_ROOT.match(text[:4096])
    if not match or match.group(1).lower() in ("html", "xhtml"):
        return None
    root = match.group(1).lower()
    if root not in _XML_KINDS:
        return f"XML document <{match.group(1)}>" if text.lstrip().startswith("<?xml") else None
    kind, entry, entries = _XML_KINDS[root]
    count = len(re.findall(rf"<{entry}[\s>]", text, re.I))
    return f"{kind}, {count} {entry if count == 1 else entries}"


def _readability_text(html: str) -> str:
    try:
        # (given our parse of the page, in place of its own: its parser's elements are classed by
        # a Python lookup each time one is touched, ours in C; the same text)
        page = parse_html(html)
        document = Document(html if page is None else page)
        with _for_our_call(readability_module, "html_cleaner", _readability_cleaner()):
            summary = lxml.html.fromstring(document.summary(html_partial=True))
    except Exception:  # readability raises bare errors on pages it cannot parse
        return ""
    blocks = [" ".join(el.text_content().split()) for el in summary.iter("p", "li", "h2", "h3", "h4")]
    return "\n".join(b for b in blocks if b)


@contextmanager
def _for_our_call(module: object, name: str, value: object) -> Iterator[None]:
    """A library's module setting changed for our call alone, so that a caller's own use of
    the library (the benchmarks' baseline and peers) keeps its defaults; a library without the
    setting (or without a value to set) is called as it is."""
    previous = getattr(module, name, None)
    if previous is None or value is None:
        yield
        return
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, previous)


@cache
def _readability_cleaner() -> object | None:
    """readability's own cleaner without its javascript pass, which rewrites every link and
    strips every event attribute of the page: for a browser's safety, not for the text, which
    is the same (the corpus and held-out pages); two fifths of readability's time on the pages
    that ask it (bench/pipeline.py). None for a readability without the cleaner."""
    cleaner = getattr(readability_module, "html_cleaner", None)
    if cleaner is None or not hasattr(cleaner, "javascript"):
        return None
    lean = copy.copy(cleaner)
    lean.javascript = False
    return lean


def _without_recall_escalation() -> contextlib.AbstractContextManager[None]:
    """trafilatura's last stage re-reads the whole page (``html2txt``) whenever its text is
    under 3,000 characters, a Chinese article nearly always, to decide on a retry in recall
    mode; our own missed-article checks (``missed_block``) do that job, with the same text on
    every corpus page (bench/extract.py) at a good part of the cost (bench/pipeline.py)."""
    return _for_our_call(trafilatura_core, "ESCALATION_MAX_LENGTH", 0)


def _trafilatura(tree: lxml.html.HtmlElement, url: str | None, include_tables: bool,
                 fast: bool | None = None):
    # Text only: trafilatura's metadata pass (author, categories, site name, an extensive date
    # search) cost as much again as the extraction and we read little of it; the date search
    # runs below, and only where the page's own evidence is silent. Its own second opinions
    # (its readability and jusText passes) only on table layouts, where its main pass misses
    # text in cells; elsewhere they cost much time for as good a text (bench/extract.py and
    # bench/pipeline.py, with and without them).
    with _without_recall_escalation():
        return trafilatura.bare_extraction(
            tree, url=url, with_metadata=False, include_comments=False, include_tables=include_tables,
            fast=include_tables if fast is None else fast,
        )


# Fewest sections of one kind an article set in sections has
ARTICLE_SECTIONS = 2
# ... each of them opening with its heading over paragraphs of prose, this many at least
SECTION_MIN_PARAGRAPHS = 2


def _sections_holder(main: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The element around the densest block and its siblings of one kind, where each is a
    section of the article (<section class="part">: a heading of its own, <h3>一、…</h3>, not a
    link, over paragraphs of prose): the article's body, which the densest section alone is
    too small a part of to be named. Unnamed, trafilatura gathers the page's paragraphs and
    drops the sections' headings. Else None (a list's items lead with their headlines' links,
    and hold a line of summary)."""
    parent = main.getparent()
    if parent is None or parent.tag in ("body", "html") or not main.get("class"):
        return None
    parts = [el for el in parent if el.tag == main.tag and el.get("class") == main.get("class")]
    if len(parts) < ARTICLE_SECTIONS:
        return None
    for part in parts:
        heading = next((el for el in part if isinstance(el.tag, str)), None)
        if heading is None or heading.tag not in ("h2", "h3", "h4", "h5", "h6") \
                or next(heading.iter("a"), None) is not None \
                or sum(bool(SENTENCE_STOP.search(p.text_content())) for p in part.iter("p")) \
                < SECTION_MIN_PARAGRAPHS:
            return None
    return parent


def _trafilatura_on_body(body: lxml.html.HtmlElement, url: str | None):
    """trafilatura's reading (its fast pass, tables and all) of a named body in a page of its own,
    where that is its reading of the whole page: its search for a body stops at this one (no
    element holding it is named an article's content before it) and finds text enough there
    (its own least, past which it looks elsewhere on the page). Else None. Its cost on a page
    is mostly copying and cleaning the whole tree, which the body alone spares: on the pages
    whose body is named, the same text (the corpus and held-out pages) at about half the cost."""
    holders = [*reversed(list(body.iterancestors())), body]
    if _BODY_SEARCH is not None:
        # the search asked of the body's holders and the body alone, as bare elements, in order
        chain = top = lxml.html.Element("html")
        for el in holders:
            chain = lxml.etree.SubElement(chain, el.tag, dict(el.attrib))
        if next(iter(_BODY_SEARCH(top)), None) is not chain:
            return None
    page = lxml.html.Element("html")
    alone = copy.deepcopy(body)
    alone.tail = None
    lxml.etree.SubElement(page, "body").append(alone)
    doc = _trafilatura(page, url, include_tables=True)
    return doc if doc is not None and len(doc.text or "") >= _ENOUGH_TEXT else None


# trafilatura's first search for an article's body (its names: article-content, post-body,
# itemprop=articleBody…), and the least text it takes from a body before it looks elsewhere
_BODY_SEARCH = next(iter(getattr(trafilatura_xpaths, "BODY_XPATH", ())), None)
_ENOUGH_TEXT = trafilatura_settings.DEFAULT_CONFIG.getint("DEFAULT", "MIN_EXTRACTED_SIZE", fallback=250)


# Least share of a page's paragraph text in its densest block for the block to be named the
# article's body
ARTICLE_BLOCK_SHARE = 0.7
# ... and of its sentences (a letter over the reply may stand in a cell, no <p>)
ARTICLE_SENTENCE_SHARE = 0.7
_BODY_TAGS = {"div", "section", "article", "main"}


def name_article_body(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement) -> bool:
    """Name the densest block the article's body (``itemprop=articleBody``) where it holds most
    of the page's paragraph text and of its sentences (``ARTICLE_BLOCK_SHARE``,
    ``ARTICLE_SENTENCE_SHARE``); whether it did. trafilatura looks
    for the body by its names (article-content, post-body…) and on most Chinese templates finds
    none (TRS_Editor, zw, con): it then gathers paragraphs from the whole page, furniture
    with them, in a second pass. Told where the body is, it reads it (bench/extract.py, and
    the held-out pages: as good or better on nearly all; bench/pipeline.py: a tenth of a
    page's cost). Where the block holds less, the article is more than the block (a letter and
    its reply in two boxes, a thread's posts, an encyclopedia's sections) and trafilatura
    reads the page."""
    if main.tag not in _BODY_TAGS or main.get("itemprop") is not None:
        return False
    page = sum(visible_chars(p.text_content()) for p in tree.iter("p"))
    inside = sum(visible_chars(p.text_content()) for p in main.iter("p"))
    if not page or inside < ARTICLE_BLOCK_SHARE * page:
        return False
    body = tree.find("body")
    sentences = len(SENTENCE_STOP.findall((body if body is not None else tree).text_content()))
    if len(SENTENCE_STOP.findall(main.text_content())) < ARTICLE_SENTENCE_SHARE * sentences:
        return False
    main.set("itemprop", "articleBody")
    if (lead := _lead_above(main)) is not None:
        main.insert(0, lead)  # where it was, just above: the order the page shows is kept
    if (table := _table_announced_below(main)) is not None:
        main.append(table)  # (where it was, just below)
    for box in _captions_below(main):
        main.append(box)  # (each where it was, just below)
    # a box of words (a caption under its picture, the lead): trafilatura reads a body's <div>
    # that holds text and no block as none
    for box in _LEAF_DIVS(main):
        if (box.text or "").strip() or any((child.tail or "").strip() for child in box):
            box.tag = "p"
    return True


# A <div> that holds no block (found by XPath: a body holds hundreds of divs)
_LEAF_DIVS = lxml.etree.XPath(
    ".//div[not(.//*[" + " or ".join(f"self::{tag}" for tag in sorted(BLOCK_TAGS)) + "])]")


# A lead above the body is prose this much shorter than the body at least
LEAD_MAX_SHARE = 0.5
# and its links hold at most this share of its characters
LEAD_MAX_LINK_SHARE = 0.2


# Most characters a box of pictures' captions holds beside them: its label (相片, 图片)
CAPTIONS_LABEL_CHARS = 4


def _captions_below(main: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The boxes of the pictures' captions set just below the body (a press release's photos
    after its text, ``prepare.PICTURE_CAPTION``), each nothing but captions and a label of a
    word: the body's, which trafilatura, told the body is, would leave out."""
    el = main
    while el.getnext() is None and (parent := el.getparent()) is not None \
            and parent.tag not in ("body", "html"):
        el = parent
    boxes = []
    for after in el.itersiblings(lxml.etree.Element):
        if not (captions := after.xpath(f"descendant-or-self::p[@{PICTURE_CAPTION}]")):
            # (words of any other kind end the search: the first found ends the reading, where
            # the footer's whole text would be counted otherwise)
            if any(text.strip() for text in after.itertext()):
                break
            continue
        if (after.tail or "").strip() or visible_chars(shown_text(after)) \
                - sum(visible_chars(p.text_content()) for p in captions) > CAPTIONS_LABEL_CHARS:
            break
        boxes.append(after)
    return boxes


# The body's last paragraph announces a table after it (各乡镇任务完成情况见下表：, 岗位如下表所示。)
_ANNOUNCES_TABLE = re.compile(r"(下表|下列表|如表|见表|見表|附表)[^。！？]{0,8}[：:。]?$")
# Most characters the table's box may show besides its cells: a note under it (注：数据统计截至…)
TABLE_NOTE_MAX_CHARS = 80


def _table_announced_below(main: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The box of a data table set just below the body (a template's table box after its text
    box), which the body's last paragraph announces (…见下表：): the body's, which trafilatura,
    told the body is, would leave out. A box of links, or of more than the table and a note
    under it, is none."""
    last = next((child for child in reversed(main) if isinstance(child.tag, str)
                 and visible_chars(shown_text(child))), None)
    if last is None or not _ANNOUNCES_TABLE.search("".join(shown_text(last).split())):
        return None
    el = main
    while el.getnext() is None and (parent := el.getparent()) is not None \
            and parent.tag not in ("body", "html"):
        el = parent
    after = next((s for s in el.itersiblings(lxml.etree.Element) if visible_chars(shown_text(s))), None)
    tables = [] if after is None else list(after.iter("table"))
    if len(tables) != 1 or data_rows(tables[0]) is None or link_chars(after):
        return None
    if visible_chars(shown_text(after)) - visible_chars(tables[0].text_content()) > TABLE_NOTE_MAX_CHARS:
        return None
    return after


def _lead_above(main: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The box of prose set just above the body, the article's own words in a frame of their
    own (编者按：…, 导语, a standfirst): the nearest element before the body (or before the
    wrapper it opens) that shows any text, if it is sentences, few of them links, no heading,
    and shorter than the body. Named as the body alone, the body leaves it out; an info line
    (2024-07-16 来源：…) there is no sentence."""
    el = main
    while el.getprevious() is None and (parent := el.getparent()) is not None \
            and parent.tag not in ("body", "html"):
        el = parent
    before = el.getprevious()
    while before is not None and (not isinstance(before.tag, str) or not visible_chars(shown_text(before))):
        before = before.getprevious()
    if before is None or before.tag in ("script", "style", "form", "h1", "h2", "h3") \
            or before.find(".//h1") is not None:
        return None
    text = shown_text(before)
    chars = visible_chars(text)
    if chars < SENTENCES_MIN_CHARS or chars > LEAD_MAX_SHARE * visible_chars(shown_text(main)) \
            or len(SENTENCE_STOP.findall(text)) < 2 or not ENDS_SENTENCE.search(text.strip()) \
            or link_chars(before) > LEAD_MAX_LINK_SHARE * chars:
        return None
    return before


def _is_table_row(line: str) -> bool:
    return line.lstrip().startswith("|")


# Share of a page's text inside tables above which the tables are its layout, not data: a
# table-layout page holds most of its text in tables, a page with a data table little.
LAYOUT_TABLE_SHARE = 0.4


# a paragraph of sentences, not a label or a cell: this long at least
SENTENCES_MIN_CHARS = 40


# A line of text this many times the one paragraph of the block it holds runs the paragraph
# together with the page around it (its info line, its tools)
GLUED_LINE_SHARE = 1.5


def paragraphs_in_one_line(block: str, text: str) -> bool:
    """Whether two of the densest block's paragraphs (sentences, ``SENTENCES_MIN_CHARS`` or
    more) stand in one line of ``text``, or its one paragraph in a line ``GLUED_LINE_SHARE``
    times as long (a 简讯 of one paragraph): the page's text run together, not read as
    paragraphs."""
    # (a paragraph repeated is one; one whose stop a lossy codec lost ends in U+FFFD)
    paragraphs = {"".join(line.split()) for line in block.split("\n")
                  if visible_chars(line) >= SENTENCES_MIN_CHARS
                  and (ENDS_SENTENCE.search(line) or line.rstrip().endswith("\ufffd"))}
    lines = ["".join(line.split()) for line in text.split("\n")]
    # (one paragraph, beside short lines at most: a player's fallback words, a caption)
    if len(paragraphs) == 1 and sum(visible_chars(line) >= SENTENCES_MIN_CHARS
                                    for line in block.split("\n")) == 1:
        paragraph = next(iter(paragraphs))
        return any(paragraph in line and len(line) >= GLUED_LINE_SHARE * len(paragraph) for line in lines)
    if len(paragraphs) < 2:
        return False
    return any(sum(p in squashed for p in paragraphs) >= 2 for squashed in lines)


def is_table_layout(tree: lxml.html.HtmlElement) -> bool:
    """Whether a page is laid out with tables (old portals): most of its text is in them.

    Deciding before extraction saves a second trafilatura pass on such pages."""
    in_tables = sum(visible_chars(t.text_content()) for t in tree.xpath("//table[not(ancestor::table)]"))
    if not in_tables:  # (most pages: the page's whole text is not read)
        return False
    body = tree.find("body")
    total = visible_chars((body if body is not None else tree).text_content())
    return bool(total) and in_tables >= LAYOUT_TABLE_SHARE * total


def is_layout_table_dump(text: str) -> bool:
    """Whether extracted text is a table-layout page read as a data table: half its lines
    or more are table rows (a data table inside an article is a few lines among many)."""
    lines = [line for line in text.split("\n") if line.strip()]
    rows = sum(1 for line in lines if _is_table_row(line))
    return bool(lines) and rows >= len(lines) / 2


# trafilatura's list items: "- " before the item's text
_LIST_ITEM = re.compile(r"^- (?=\S)")


def table_rows_as_text(text: str) -> str:
    """trafilatura writes table rows as ``| a | b |`` and list items as ``- item``; the
    archive wants their text."""
    out = []
    for line in text.split("\n"):
        if _is_table_row(line):
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())]
            line = "  ".join(c for c in cells if c)
        out.append(_LIST_ITEM.sub("", line))
    return "\n".join(out)


def _shared_chars(a: str, b: str) -> int:
    """Characters two texts have in common, as bags (what bench/extract.py scores)."""
    return sum((Counter("".join(a.split())) & Counter("".join(b.split()))).values())


# Fewest links to places on the page itself that make a table of contents (a reference page's)
CONTENTS_MIN_LINKS = 3
# Least a reference page's summary holds: a sentence or more of prose
SUMMARY_MIN_CHARS = 40
# Most elements read after the headline in search of the text's first line: each one's text is
# read whole, so a page of thousands of nested elements would cost their square
SUMMARY_MAX_ELEMENTS = 300


_SECTION_LINKS = lxml.etree.XPath("//a/@href[starts-with(., '#') and string-length(.) > 1]/..")


def _has_contents(tree: lxml.html.HtmlElement) -> bool:
    """Whether the page has a table of contents: one list of CONTENTS_MIN_LINKS or more links
    to its own sections (#1, #para3_1), as encyclopedias and wikis have and news pages do not."""
    lists: Counter = Counter()
    for link in _SECTION_LINKS(tree):
        # the list the link is an item of (<li><a>, or <li><span class="text"><a>: 百度百科's)
        holder = next((a for a in islice(link.iterancestors(), 3) if a.tag in ("ul", "ol", "dl")), None)
        if holder is None and (item := link.getparent()) is not None:
            holder = item.getparent()
        if holder is not None:
            lists[holder] += 1
    return any(count >= CONTENTS_MIN_LINKS for count in lists.values())


def summary_before_text(tree: lxml.html.HtmlElement, text: str) -> list[str]:
    """A reference page's summary that trafilatura left out: the paragraphs of prose, and an
    infobox's pairs (``INFOBOX_PAIR``), between the headline (<h1>) and the text's first line,
    on a page with a table of contents, where the summary stands apart from the sections'
    container (搜狗百科's abstract, 360百科's card and basic-information box) and trafilatura
    read the sections alone. A news page has no table of contents."""
    lines = [line for line in text.split("\n") if line.strip()]
    headline = next(tree.iter("h1"), None)
    if not lines or headline is None or not _has_contents(tree):
        return []
    # compared on word characters alone: trafilatura writes a table's row as | a | b |; from the
    # text's first line of prose (a line over it may be the page's, 本词条由…审核)
    opening = next((line for line in lines if len(NOT_WORD.sub("", line)) >= SUMMARY_MIN_CHARS
                    and PROSE_STOP.search(line)), lines[0])
    first = NOT_WORD.sub("", opening)[:12]
    squashed = NOT_WORD.sub("", text)
    found = []
    elements = tree.iter(lxml.etree.Element)
    for el in elements:
        if el is headline:
            break
    for el in islice(elements, SUMMARY_MAX_ELEMENTS):
        shown = " ".join(el.text_content().split())
        words = NOT_WORD.sub("", shown)
        if first and first in words:
            return found  # the text's first line (or what holds it): what came before was left out
        if el.tag not in ("p", "div") or any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el):
            continue  # paragraphs are leaves
        if el.get(INFOBOX_PAIR) is not None and words not in squashed:
            found.append(shown)  # an infobox's pair (所属地区 湖南省): its box stood apart too
        elif len(words) >= SUMMARY_MIN_CHARS and PROSE_STOP.search(shown) \
                and chars_outside_links(el) >= 0.7 * len(words) and words[:20] not in squashed:
            found.append(shown)
    return []  # the text's first line is not found soon after the headline: no telling


# A string in a page's script, as JSON writes one (escapes and all), long enough to be an
# article's body
_SCRIPT_STRING = re.compile(r'"((?:[^"\\\n]|\\.){100,})"')
# Least Han an app's state must hold in one string to be read as the article
STATE_MIN_HAN = 100


def _string_lists(script: str) -> list[list[str]]:
    """The lists of two strings or more in a script that is JSON whole ({…} or […])."""
    script = script.strip()
    if not script.startswith(("{", "[")):
        return []
    try:
        state = json.loads(script)
    except ValueError:
        return []
    found, todo = [], [state]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            todo.extend(node.values())
        elif isinstance(node, list):
            if len(node) >= 2 and all(isinstance(item, str) for item in node):
                found.append(node)
            else:
                todo.extend(node)
    return found


# Where a page keeps markup for its script to render, as text: a hidden <textarea> (环球网's
# article-content) or a template script (<script type="text/html">)
_MARKUP_HOLDERS = lxml.etree.XPath(
    "//textarea | //script[contains(@type, 'html') or contains(@type, 'template')]")


def markup_for_scripts(tree: lxml.html.HtmlElement) -> list[str]:
    """The markup a page keeps as text for its script to render in the browser (see
    ``_MARKUP_HOLDERS``). Read from the page as parsed: the steps before it drop the hidden
    elements, a <textarea> among them."""
    return [el.text for el in _MARKUP_HOLDERS(tree) if el.text and "<" in el.text]


def _as_parsed(html: str, tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The page as parsed, before the steps that change ``tree``; ``tree`` if it no longer parses."""
    fresh = parse_html(html)
    return tree if fresh is None else fresh


def _state_strings(tree: lxml.html.HtmlElement, markup: list[str]) -> Iterator[str]:
    """What may hold an app's article, in the page's order: the markup it keeps as text, then
    in each script a JSON state's lists of paragraph strings (Next.js's __NEXT_DATA__), joined,
    and the JSON strings written in it."""
    yield from markup
    for script in tree.iter("script"):
        yield from ("\n".join(paragraphs) for paragraphs in _string_lists(script.text or ""))
        for match in _SCRIPT_STRING.finditer(script.text or ""):
            try:
                value = json.loads(f'"{match.group(1)}"')
            except ValueError:  # a JavaScript string JSON does not read
                continue
            yield value


def text_from_page_state(tree: lxml.html.HtmlElement, markup: list[str] = ()) -> str:
    """The article an app's page keeps only in its script state and renders in the browser
    (``__NEXT_DATA__``, ``window.__INITIAL_STATE__ = {...}``, or ``markup``, the markup it keeps
    as text: ``markup_for_scripts``): of the JSON strings in its scripts and the markup, the one
    with the most Han characters (``STATE_MIN_HAN`` or more), one line per paragraph where it
    is HTML; "" where there is none. Asked only where the page's markup gave no text."""
    scored = ((len(HAN_CHAR.findall(value)), value) for value in _state_strings(tree, markup))
    most, best = max(scored, key=lambda pair: pair[0], default=(0, ""))
    if most < STATE_MIN_HAN:
        best = ""
    if "&lt;" in best and "<" not in best:  # markup escaped once more (学习强国's content: &lt;p&gt;)
        best = unescape(best)
    if not best or "<" not in best:
        return "\n".join(line.strip() for line in best.split("\n") if line.strip())
    try:
        fragment = lxml.html.fragment_fromstring(best, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for el in fragment.iter(lxml.etree.Element):  # a line break around each block and at each <br>
        if el.tag in BLOCK_TAGS or el.tag in ("br", "li"):
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    lines = (" ".join(line.split()) for line in fragment.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


# Least a list item holds to count as the article's prose (a menu's items are shorter)
LIST_ITEM_MIN_CHARS = 10
# ... under a line that announces it (课程模块包括：): a phrase (剪辑软件实操), not a menu's word
ANNOUNCED_ITEM_MIN_CHARS = 4


def _shown_before(el: lxml.html.HtmlElement) -> str:
    """The words of the nearest sibling before an element that shows any."""
    before = el.getprevious()
    while before is not None and not (isinstance(before.tag, str) and before.text_content().strip()):
        before = before.getprevious()
    return before.text_content().strip() if before is not None else ""


# what a paragraph that a list follows ends with: a sentence, or a colon that announces it
_BEFORE_LIST = re.compile(r"[。！？!?：:][”’」』）)]?$")


# (found by the parser: a paragraph with a separator a run of names needs)
_SEPARATED_PARAGRAPHS = lxml.etree.XPath("//p[contains(., '|') or contains(., '｜')]")


def drop_spam_paragraphs(tree: lxml.html.HtmlElement, rules: Rules) -> int:
    """Drop each paragraph that is nothing but place-name spam (``clean.is_place_spam``),
    before the extractor reads the page; returns how many. The cleaning drops such lines from
    the text, but among the paragraphs the runs drew trafilatura's choice of what the article
    is away from it (a live report's entries, read half)."""
    spam = [paragraph for paragraph in _SEPARATED_PARAGRAPHS(tree)
            if is_place_spam(" ".join(paragraph.text_content().split()), rules)]
    for paragraph in spam:
        paragraph.drop_tree()
    return len(spam)


def plain_list_items(main: lxml.html.HtmlElement) -> frozenset[str]:
    """The items of the densest block's lists that hold no link and follow a paragraph (a
    town's villages after the sentence that counts them), and its runs of short paragraphs (a
    poem's lines): the article's, however short. Read as lines, a run of short items looks
    like a menu to the cleaning, which on the page they are not."""
    items: set[str] = set()
    for listing in main.iter("ul", "ol"):
        entries = [" ".join(li.text_content().split()) for li in listing if li.tag == "li"]
        if len(entries) >= 2 and not link_chars(listing) and _BEFORE_LIST.search(_shown_before(listing)):
            items.update(entry for entry in entries if entry)
    return frozenset(items | _short_paragraph_runs(main))


# Least paragraphs in a row a poem's lines, set a paragraph each, are (a verse quoted whole);
# a line of words, no more than this, no figure, label or mark (◎年 代 2005 is a record's field)
SHORT_PARAGRAPH_RUN = 3
_LINE_MAX_CHARS = 20
_VERSE_LINE = re.compile(r"[\u4e00-\u9fff，、。！？；…—“”]+")


def _short_paragraph_runs(main: lxml.html.HtmlElement) -> set[str]:
    """The lines of each run of short paragraphs without links in the densest block, three or
    more in a row (a poem the text quotes, a line a paragraph): the article's text. (A menu's
    items are links, or items of a list.)"""
    found: set[str] = set()
    run: list[str] = []
    last: lxml.html.HtmlElement | None = None
    for paragraph in [*main.iter("p"), None]:
        text = " ".join(paragraph.text_content().split()) if paragraph is not None else ""
        short = paragraph is not None and 0 < len(text) <= _LINE_MAX_CHARS \
            and bool(_VERSE_LINE.fullmatch(text)) and next(paragraph.iter("a"), None) is None
        if short and last is not None and paragraph.getprevious() is last:
            run.append(text)
        else:
            if len(run) >= SHORT_PARAGRAPH_RUN:
                found.update(run)
            run = [text] if short else []
        last = paragraph if short else None
    return found


# Most of a list's characters its links may hold for it to be the article's list put back
LIST_LINKED_SHARE = 0.25


def lists_back_in_place(main: lxml.html.HtmlElement, text: str) -> tuple[str, int]:
    """Put back the lists of the densest block that trafilatura's text lost, each after the
    paragraph that introduces it (今年将重点做好以下几项工作：, then the items); returns the text and
    how many lists. trafilatura drops such a list at times, on pages where the same list alone
    is kept. A list goes back only whole (two or more items of prose, none of them in the text)
    and only where the paragraph before it is one of the text's lines."""
    lines = text.split("\n")
    squashed = NOT_WORD.sub("", text)
    restored = 0
    # (the densest block may be one section of an article set a <section> each, a wiki's: the
    # lists of its sibling sections are the article's too)
    # (and an editor's box around each paragraph and list, 135editor's <section>s, puts the
    # list a box deeper than the block's paragraphs: its box stands among them)
    parent = main.getparent()
    blocks = [main] if main.tag != "section" or parent is None else \
        [el for el in parent if isinstance(el.tag, str) and el.tag in ("section", "ul", "ol")]
    for listing in [el for block in blocks for el in ([block] if block.tag in ("ul", "ol") else block)]:
        if isinstance(listing.tag, str) and listing.tag == "section" and len(listing) == 1:
            listing = listing[0]
        if not isinstance(listing.tag, str) or listing.tag not in ("ul", "ol"):
            continue
        items = [" ".join(li.text_content().split()) for li in listing if li.tag == "li"]
        # (a term linked in an item's sentence, a wiki's, is no menu's link)
        if len(items) < 2 or link_chars(listing) > LIST_LINKED_SHARE * sum(map(len, items)) \
                or any(NOT_WORD.sub("", item)[:20] in squashed for item in items):
            continue
        shown = _shown_before(outermost_wrapper(listing))
        # (items of a few words are a list's only where a line announces it: 培训内容包括：)
        least = ANNOUNCED_ITEM_MIN_CHARS if shown.endswith(("：", ":")) else LIST_ITEM_MIN_CHARS
        if any(len(NOT_WORD.sub("", item)) < least for item in items):
            continue
        introduction = NOT_WORD.sub("", shown)
        at = next((i for i, line in enumerate(lines)
                   if introduction and NOT_WORD.sub("", line) == introduction), None)
        if at is not None:
            lines[at + 1:at + 1] = items
            restored += 1
    return "\n".join(lines), restored


def missed_block(block: str, html: str, text: str, tree: lxml.html.HtmlElement, url: str | None,
                 laid_out: bool, rules: SecondOpinionRules | None = None
                 ) -> tuple[tuple[str, str] | None, str | None]:
    """Another reading, and who made it, where trafilatura's ``text`` is shorter than the page's
    densest block (``block``, its paragraph text) and holds under ``missed`` of it: it took a
    footer or a column for the article (an old page whose article stands in a layout table read
    without tables). Tried in turn: trafilatura with tables (on a table layout), then readability;
    the first that holds ``inside`` of the block is taken. With why, either way (None when the
    text holds the block)."""
    rules = rules or SecondOpinionRules()
    block_chars = visible_chars(block)
    # a text as long as the block is an article of its own: the block is then what stands beside
    # it (replies, a column of prose), not what trafilatura missed
    if block_chars < rules.min_chars or visible_chars(text) >= block_chars:
        return None, None
    share = _shared_chars(text, block) / block_chars
    if share >= rules.missed:
        return None, None
    why = (f"trafilatura's {visible_chars(text)} characters hold {share:.0%} of the densest block's "
           f"{block_chars}")

    def with_tables() -> str:
        doc = _trafilatura(tree, url, include_tables=True)
        return table_rows_as_text((doc.text or "") if doc else "")

    readers = [("trafilatura", with_tables)] if laid_out else []
    readers.append(("readability", lambda: _readability_text(html)))
    for name, read in readers:
        other = read()
        holds = _shared_chars(other, block) / block_chars
        if holds >= rules.inside:
            return (other, name), why + f": {name}'s {visible_chars(other)} hold {holds:.0%} of it, taken"
        why += f"; {name}'s hold {holds:.0%}"
    return None, why + ": trafilatura's kept"


# a page's footer, by its class or id: foot, footer, bottom, copyright
_FOOTER_NAMES = re.compile(r"foot|bottom|copyright", re.I)


def _is_data_table(table: lxml.html.HtmlElement) -> bool:
    """Whether a table holds data (rows of cells), not a footer's lines: a row of two cells or
    more, or two rows with text, and not named a footer."""
    if _FOOTER_NAMES.search(f"{table.get('class', '')} {table.get('id', '')}"):
        return False
    rows = [row for row in table.iter("tr") if row.text_content().strip()]
    return len(rows) >= 2 or any(sum(1 for cell in row if cell.tag in ("td", "th")) >= 2 for row in rows)


def second_opinion(main: lxml.html.HtmlElement, block: str, html: str, text: str,
                   rules: SecondOpinionRules | None = None) -> tuple[str | None, str | None]:
    """readability's text where trafilatura's ``text`` holds much more than the page's densest
    block (``main``, whose paragraph text is ``block``) and readability's is that much less,
    inside it; else None. With why, either way (None when readability was not asked).

    ``rules`` (``[second_opinion]`` in clean.toml): past ``doubt`` times the block (of
    ``min_chars`` or more), trafilatura's text may hold a column beside the article (a blog's
    profile and recent posts), and readability is asked. Its text is taken where ``inside`` of
    it lies in trafilatura's, it holds ``inside`` of the block, and it is at most ``shorter``
    times trafilatura's; unless ``beside`` of what it leaves out stands in the block's own
    column or in a table."""
    rules = rules or SecondOpinionRules()
    block_chars, text_chars = visible_chars(block), visible_chars(text)
    if block_chars < rules.min_chars or text_chars <= rules.doubt * block_chars:
        return None, None
    other = _readability_text(html)
    other_chars = visible_chars(other)
    if not other_chars:
        return None, f"trafilatura's {text_chars} characters are {text_chars / block_chars:.1f}x the " \
                     f"densest block's {block_chars}: readability found nothing"
    inside = _shared_chars(other, text) / other_chars
    holds = _shared_chars(other, block) / block_chars
    why = (f"trafilatura's {text_chars} characters are {text_chars / block_chars:.1f}x the densest block's "
           f"{block_chars}: readability's {other_chars} are {inside:.0%} inside them and hold {holds:.0%} "
           f"of the block")
    if inside < rules.inside or holds < rules.inside or other_chars > rules.shorter * text_chars:
        return None, why + ": trafilatura's kept"
    # what readability leaves out must stand in another column: an infobox, a table, a list or
    # a caption beside the densest block's paragraphs is the article's, and readability reads
    # paragraphs only
    column = _article_column(main)
    column_text = "".join(column.text_content().split())
    kept = "".join(other.split())
    lines = ("".join(line.split()) for line in text.split("\n"))
    extra = [line for line in lines if line and line not in kept]
    # a data table's cells (an information-disclosure table over a notice) are the article's;
    # a footer's table, or one that holds the block (the page's layout), is not
    layout = set(main.iterancestors("table"))
    tables = "\n".join("".join(table.text_content().split()) for table in main.getroottree().iter("table")
                        if table not in layout and _is_data_table(table))
    # the prose of a form's cells (a citizen's letter over the reply) is the article's, each
    # in its own table
    cells = "\n".join("".join(el.text_content().split()) for el in main.xpath(f"//*[@{CELL_PROSE}]"))
    beside = sum(len(line) for line in extra
                 if line in column_text or line.replace("|", "") in tables or line in cells)
    if beside >= rules.beside * sum(len(line) for line in extra):
        return None, why + ", but what it leaves out stands beside the block: trafilatura's kept"
    # readability reads paragraphs only: a caption or a quotation inside the densest block
    # itself, which trafilatura read, is the article's too (in trafilatura's order)
    block_own = "".join(shown_text(main).split())
    merged = _merged_lines(table_rows_as_text(text), other, kept, block_own)  # (its list items as text)
    added = len(merged) - sum("".join(line.split()) in kept for line in merged)
    # (only where trafilatura's lines hold readability's text: its lines split it the same way)
    if added and _shared_chars("".join(merged), other) >= rules.inside * other_chars:
        return "\n".join(merged), why + f": readability's taken, and {added} lines in the block it left"
    return other, why + ": readability's taken"


def _article_column(main: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The densest block's own column: the nearest element that holds it and the headline (a
    letter's box and its reply's box under one headline), short of the whole page; else the
    block's parent (under <body>: the page)."""
    parent = main.getparent() if main.getparent() is not None else main
    headline = headline_element(main.getroottree().getroot())
    if headline is None or any(a is main for a in headline.iterancestors()):
        return parent
    holders = set(headline.iterancestors())
    column = next((a for a in main.iterancestors() if a in holders), None)
    return parent if column is None or column.tag in ("body", "html") else column


# (a forum's quote says whose words it holds: a page without these words has none)
# (looked for in the page's bytes, all at once, not in its text read whole: a fifth of the time
# of a search for each, whose bytes open as most of the page's characters do; a page that
# writes its characters as numeric references, more than WRITTEN_AS_REFERENCES, is read whole)
_QUOTE_WORDS = ("发表于", "發表於", "原帖由", "引用")
_QUOTE_HINTS = ahocorasick_rs.BytesAhoCorasick([word.encode() for word in _QUOTE_WORDS])
_QUOTE_HINT = re.compile("|".join(_QUOTE_WORDS))
WRITTEN_AS_REFERENCES = 200
_LINKS_HOLDING = lxml.etree.XPath("//a[contains(@href, $name)]")


def self_link_text(tree: lxml.html.HtmlElement, url: str | None) -> str | None:
    """The words of the page's first link to its own address (its query too), if any."""
    name = url.partition("?")[0].rsplit("/", 1)[-1] if url else ""
    if not name:  # (none, or a directory's page: its links to itself take too many forms)
        return None
    # (only the links that hold the page's own name are resolved: a page holds thousands)
    for link in _LINKS_HOLDING(tree, name=name):
        href = link.get("href")
        if not href.startswith(("#", "javascript:")) and urljoin(url, href).partition("#")[0] == url:
            words = " ".join(link.text_content().split())
            if words:
                return words
    return None


def _merged_lines(text: str, other: str, kept: str, block_own: str) -> list[str]:
    """trafilatura's lines that readability kept (``kept``, squashed) or the block shows
    (``block_own``), in trafilatura's order; a piece of one of readability's lines (a Word
    paste's runs, which trafilatura's whole-page reading set a line each: 8 / 月 / 8 / 日是第 …)
    stands for that whole line, once."""
    lines = [line for line in other.split("\n") if line.strip()]
    squashed_lines = ["".join(line.split()) for line in lines]
    merged: list[str] = []
    used: set[int] = set()
    at = 0  # (a piece is looked for from the last line it was found in: 8 is in a date too)
    for line in text.split("\n"):
        squashed = "".join(line.split())
        if not squashed:
            continue
        if squashed in kept:
            order = [*range(at, len(lines)), *range(at)]
            owner = next((i for i in order if squashed in squashed_lines[i]), None)
            if owner is None:  # (a line over two of readability's)
                merged.append(line)
            elif owner not in used:
                used.add(owner)
                merged.append(lines[owner])
            at = owner if owner is not None else at
        elif squashed in block_own:
            merged.append(line)
    return merged


def lines_above_headline(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement, title: str,
                         text: str) -> tuple[int, int]:
    """How many of the text's first lines, and of its last, the page shows only above its
    headline, before the densest block (a column of the office's address and hours left of the
    article; the site's motto in its header, which an extractor short of text read after the
    article): not the article, which follows its headline, and does not show them in its block.
    (0, 0) where the headline is not shown before the block."""
    after = "".join(shown_text(main).split())
    lines = ["".join(line.split()) for line in text.split("\n")]
    # (most pages: the text opens and closes with the block's own words)
    if all(not line or line in after for line in (lines[0], lines[-1])):
        return 0, 0
    headline = element_showing(tree, title)
    if headline is None:
        return 0, 0
    before, seen, ancestors = [], False, set(headline.iterancestors())
    for el in tree.iter():
        if el is headline:
            seen = True
            break
        if el is main:
            return 0, 0  # the block starts before the headline: the layout is not headline-first
        if el in ancestors:
            continue
        if isinstance(el.tag, str) and el.tag not in ("script", "style"):
            before.append(el.text or "")
        before.append(el.tail or "")
    if not seen:
        return 0, 0
    shown_before = "".join("".join(before).split())

    def run(squashed: Iterable[str]) -> int:
        count = 0
        for line in squashed:
            if not line or line not in shown_before or line in after:
                break
            count += 1
        return count

    leading = run(lines)
    return leading, run(reversed(lines[leading:]))


def extract_article(html: str, url: str | None = None, rules: Rules | None = None,
                    link_text: str | None = None) -> Article:
    """Main text and metadata of an article page. ``text`` is paragraphs joined by newlines.
    ``rules``: the cleaning rules whose ``[blocks]`` say what furniture goes before extraction.
    ``link_text``: the words of the link that led to the page (a list's headline for it).
    Raises PageTooLarge past MAX_TAGS."""
    if (tags := html.count("<")) > MAX_TAGS:
        raise PageTooLarge(f"{tags} tags, over the limit of {MAX_TAGS}")
    # Control characters are never page text, and lxml refuses strings that hold them (found in
    # the page's bytes: a search of the text for a set of characters costs four times as much)
    if len(encoded := html.encode("utf-8", "surrogatepass")) != len(encoded.translate(None, _CONTROL_BYTES)):
        html = _CONTROL.sub("", html)
    html = as_html_document(html)
    rules = rules or load_rules()
    # One parse serves trafilatura (which works on its own copy) and the metadata readers below.
    tree = parse_html(html)
    notes = []
    if tree is not None and (framed := inline_framed_documents(tree)):
        notes.append(f"{framed} documents a frame carries in the page (srcdoc) read in place")
    if tree is not None and (templates := drop_templates(tree)):
        notes.append(f"{templates} <template> elements (markup a script may show later) dropped")
    if tree is not None and (sheet_hidden := inline_hiding_rules(tree)):
        notes.append(f"{sheet_hidden} elements of classes the page's stylesheet hides (.x{{display:none}}) "
                     "marked hidden")
    if tree is not None and (spam := drop_spam_paragraphs(tree, rules)):
        notes.append(f"{spam} paragraphs of place-name spam (乌鲁木齐市| 阿拉善右旗| …) dropped")
    # (found once, the framed documents' too: the fold's step and the step that drops them ask)
    hidden = hidden_elements(tree) if tree is not None else []
    # (read before a form's table, the record's fields, is dropped; and before the lists of
    # other articles are: read alone, a page's link to itself names its headline, as an
    # e-paper's list of its page's headlines does)
    form = form_title(tree) if tree is not None else None
    own_link = self_link_text(tree, url) if tree is not None and link_text is None else None
    # (before the steps that read a post's runs between breaks: a quote among them is a block)
    if tree is not None and (_QUOTE_HINTS.find_matches_as_indexes(encoded)
                             or (encoded.count(b"&#") > WRITTEN_AS_REFERENCES
                                 and _QUOTE_HINT.search(tree.text_content()))) \
            and (quotes := drop_quoted_posts(tree)):
        notes.append(f"{quotes} quotes of other posts (石头哥 发表于 …) dropped")
    if tree is not None:
        notes.extend(prepare_tree(tree, hidden, html))
    main = None
    if tree is not None:
        done, main = drop_furniture_blocks(tree, rules)
        notes.extend(done)
    # (after the blocks: a heading over a hidden list goes with it)
    if tree is not None and (dropped := drop_hidden_text(tree, hidden)):
        notes.append(f"{dropped} hidden elements (display:none, a forum's anti-copy noise) dropped")
    if main is not None and (tags := unwrap_tag_links(main)):
        notes.append(f"{tags} topics and mentions in the densest block read as its words, not links")
    if main is not None and (prompts := drop_closing_prompt_links(main, rules)):
        notes.append(f"{prompts} links to page tools closing a paragraph dropped")
    laid_out = tree is not None and is_table_layout(tree)
    if laid_out:
        notes.append(f"laid out with tables ({LAYOUT_TABLE_SHARE:.0%} or more of the text in them): "
                     "trafilatura without tables")
        if main is not None and (tables := data_tables_as_rows(main)):
            notes.append(f"{tables} data tables in the densest block read as rows")
        if cells := prose_cells_as_paragraphs(tree):
            notes.append(f"{cells} cells of prose in a form's table read as paragraphs")
    block = block_paragraph_text(main) if main is not None else ""
    doc = None
    body = main
    if main is not None and (holder := _sections_holder(main)) is not None:
        body = holder
        notes.append("the densest block is one of the article's sections of one kind, each under its "
                     "heading: the element around them is the body asked about")
    if body is not None and tree is not None and name_article_body(tree, body):
        notes.append(f"the densest block holds {ARTICLE_BLOCK_SHARE:.0%} or more of the page's paragraphs: "
                     "trafilatura told it is the article's body")
        if not laid_out and (doc := _trafilatura_on_body(body, url)) is not None:
            notes.append("trafilatura given the body alone: on the whole page it would read that body and "
                         "nothing else")
    if doc is None and tree is not None:
        doc = _trafilatura(tree, url, include_tables=not laid_out)
    text = (doc.text or "") if doc else ""
    extractor = "trafilatura (layout tables skipped)" if laid_out else "trafilatura"
    if laid_out and len(text) < MIN_TEXT_CHARS:
        # the layout guessed wrong (the text is in data tables): with tables, unless that only
        # gives the layout back, which is readability's case (below)
        retry = _trafilatura(tree, url, include_tables=True)
        retry_text = (retry.text or "") if retry else ""
        if len(retry_text) > len(text) and not is_layout_table_dump(retry_text):
            notes.append(f"without tables only {len(text)} characters: with them, {len(retry_text)}")
            doc, text, extractor = retry, retry_text, "trafilatura"
    elif not laid_out and is_layout_table_dump(text) \
            and not (main is not None and holds_only_data_tables(tree, main)):
        # a table layout the share of text did not show: the cells are not data after all,
        # except the data tables inside the article's block (a short notice over its list)
        if main is not None and (tables := data_tables_as_rows(main)):
            notes.append(f"{tables} data tables in the densest block read as rows")
        doc = _trafilatura(tree, url, include_tables=False) or doc
        text = (doc.text or "") if doc else ""
        extractor = "trafilatura (layout tables skipped)"
        notes.append("half the text's lines were table rows: a layout, read again without tables")
    elif not laid_out and main is not None and paragraphs_in_one_line(block, text):
        # its fast pass found too little and gave the page's whole text in one line (its
        # baseline), header and share bar and all: its full pass, with its second opinions, reads
        # the paragraphs
        full = _trafilatura(tree, url, include_tables=True, fast=False)
        if full is not None and not paragraphs_in_one_line(block, full.text or ""):
            doc, text = full, full.text
            notes.append("trafilatura's fast pass gave the page in one line: its full pass taken")
        else:  # (a page's short text, under what its passes trust: the block's own lines)
            text, extractor = block_paragraph_text(main, complete=True), "the densest block"
            notes.append("trafilatura gave the page in one line: the densest block's paragraphs taken")
    if tree is None:  # trafilatura turns away what it takes for a fragment; its metadata is ours
        try:
            tree = lxml.html.fromstring(html)
        except (lxml.etree.ParserError, ValueError):
            pass
    if main is not None and tree is not None and len(text) >= MIN_TEXT_CHARS:
        found, why = missed_block(block, html, text, tree, url, laid_out, rules.second_opinion)
        if why:
            notes.append(why)
        if found:
            text, extractor = found
    if main is not None and len(text) >= MIN_TEXT_CHARS:
        other, why = second_opinion(main, block, html, text, rules.second_opinion)
        if why:
            notes.append(why)
        if other:
            text, extractor = other, "readability (inside trafilatura's text, around the densest block)"
    if main is not None and main.xpath(f"ancestor-or-self::*[@{OPENING_POST}]") \
            and _shared_chars(text, block) < rules.second_opinion.missed * visible_chars(block):
        # a thread's opening post, found under a longer reply (blocks.drop_replies): where
        # trafilatura read elsewhere (a footer's text), the post's own paragraphs are the article
        text, extractor = block_paragraph_text(main, complete=True), "the thread's opening post"
        notes.append("trafilatura read little of the thread's opening post: the post's paragraphs taken")
    if main is not None and extractor.startswith("trafilatura"):
        text, lists = lists_back_in_place(main, text)
        if lists:
            notes.append(f"{lists} lists of the densest block that trafilatura lost put back")
    if len(text) < MIN_TEXT_CHARS:
        fallback = _readability_text(html)
        notes.append(f"trafilatura found {len(text)} characters (under {MIN_TEXT_CHARS}): "
                     f"readability found {len(fallback)}")
        if len(fallback) > len(text):
            text, extractor = fallback, "readability"
    # (the markup's words may be the skeleton alone, its menu and labels: no sentence of prose,
    # for a "?" alone is as often a character a lossy codec could not write)
    if (len(text) < MIN_TEXT_CHARS or not PROSE_STOP.search(text)) and tree is not None and \
            (state := text_from_page_state(tree, markup_for_scripts(_as_parsed(html, tree)))):
        notes.append(f"the markup shows {len(text)} characters, no article: the app's script state "
                     f"or the markup it renders holds the article ({len(state)})")
        text, extractor = state, STATE_EXTRACTOR
    if tree is not None and (summary := summary_before_text(tree, text)):
        text = "\n".join([*summary, text])
        notes.append(f"a reference page's summary before its sections, which trafilatura left out: "
                     f"{len(summary)} paragraphs")
    text = table_rows_as_text(text)
    notes.append(f"text from {extractor}: {len(text)} characters")
    head = "\n".join(text.split("\n")[:6])
    if tree is None:
        return Article(title=None, published=find_date(head, url), author=find_author(head),
                       source=find_source(head), text=text, extractor=extractor, explanation=notes)
    metas = page_metas(tree)
    published, why = published_date(tree, text, url, metas, rules,
                                    from_state=extractor == STATE_EXTRACTOR)
    if published:
        notes.append(why)
    title, why = find_headline(tree, main, text, metas, form, link_text or own_link)
    notes.extend(why)
    if title and (dropped := headline_lines(tree, title, metas)):
        lines = text.split("\n")
        # only among the lines above the text's first sentence, where the headline stands
        first = next((i for i, line in enumerate(lines) if SENTENCE_STOP.search(line)), len(lines))
        kept = [line for i, line in enumerate(lines)
                if i >= first or " ".join(line.split()) not in dropped]
        if len(kept) < len(lines):
            notes.append(f"{len(lines) - len(kept)} lines beside the headline (its kicker, its subtitle, "
                         "the site's name) dropped")
            text = "\n".join(kept)
    if title and main is not None and any(above := lines_above_headline(tree, main, title, text)):
        leading, trailing = above
        lines = text.split("\n")
        text = "\n".join(lines[leading:len(lines) - trailing])
        notes.append(f"{leading + trailing} lines the page shows above the headline (a column before the "
                     "article, its header's motto) dropped")
    return Article(
        title=title,
        published=published,
        author=meta(metas, "author") or find_author(head),
        source=meta(metas, "source", "og:site_name") or find_source(head),
        text=text,
        extractor=extractor,
        explanation=notes,
        listed=plain_list_items(main) if main is not None else frozenset(),
    )
