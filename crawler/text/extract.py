"""Extract: decoded HTML -> article text and metadata (title, date, author, source).

trafilatura finds the main text; readability-lxml is the second opinion where trafilatura
finds little, or much more than the page's densest block of paragraphs. Chinese metadata
formats (``2020-05-07 来源:映象网``, ``2018.01.02``, ``海峽網4月29日訊``, ``(记者 张三)``) are read
from the page when its meta tags are silent.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

import htmldate
import lxml.html
import trafilatura
import trafilatura.core as trafilatura_core
from readability import Document
from trafilatura.utils import is_dubious_html, load_html

from crawler.text.blocks import (
    CAPTION_MAX_CHARS,
    block_paragraph_text,
    chars_outside_links,
    drop_furniture_blocks,
    drop_outermost,
    link_chars,
    shown_text,
    visible_chars,
)
from crawler.text.clean import ends_signed
from crawler.text.han import HAN, HAN_CHAR, HAN_RANGES, NOT_WORD
from crawler.text.rules import Rules, SecondOpinionRules, load_rules

# Below this many characters trafilatura is taken to have missed the article.
MIN_TEXT_CHARS = 80
# Tags a page may have. Real article pages have a few thousand (the corpus at most 5,700);
# past this one is a link bomb or a dump, and its tree and trafilatura's copy of it would take
# gigabytes.
MAX_TAGS = 100_000
# trafilatura's parser, with huge_tree: libxml2 otherwise stops reading at 255 levels of
# nesting, and an article nested deeper was lost. Safe here: MAX_TAGS bounds the tree.
_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                               remove_comments=True, remove_pis=True, huge_tree=True)
# Every element an HtmlElement, chosen in C: lxml.html's own lookup (form fields get classes of
# their own, which nothing here uses) is a Python call each time an element is touched, ours
# and trafilatura's on its copy of the tree alike
_PARSER.set_element_class_lookup(lxml.etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity))


class PageTooLarge(ValueError):
    """A page past MAX_TAGS: not parsed at all."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})(?!\d)")
# 海峽網4月29日訊: a dateline without a year.
_DATELINE = re.compile(r"(\d{1,2})月(\d{1,2})日[讯訊电電]")
_URL_YEAR = re.compile(r"/((?:19|20)\d{2})(?:[-/_]?(\d{2}))?")
_SOURCE = re.compile(r"(?:来源|來源|出处|出處)\s*[:：]\s*([^\s|/：:（）()]{2,20})")
_AUTHOR = re.compile(
    rf"(?:记者|記者|作者|撰稿|文\s*/)\s*[:：]?\s*((?:[{HAN_RANGES}·]{{2,4}}(?:[ 、,，]+|(?=[)）\s]|$)))+)"
)
# Role words that stand between names in a byline: (记者 张三 通讯员 李四)
_ROLES = {"通讯员", "通訊員", "实习生", "實習生", "摄影", "攝影", "见习记者", "見習記者", "记者", "記者"}
# A site or channel name after a separator at the end of a <title>: "_教育频道", " - 映象网",
# " :: 痞客邦 PIXNET ::", " @ 史蒂文的家". (A dash inside a headline, 之路——我国, is not one.)
# Least share of the <title> a heading must be to be taken for the headline
HEADING_SHARE = 0.4
_TITLE_SUFFIX = re.compile(
    rf"\s*(?:\s[-|｜–@]\s|(?<=[\u3000-\u9fff\uff00-\uffef])-(?={HAN})|--|_+|::|\||｜)"
    r"\s*[^_|｜@]{1,20}?\s*(?:::)?\s*$"
)

# A site's name before the headline instead (宜春日报数字报-全市…, 人民网--…): a short name that
# ends as a site's does, a separator, and a headline of eight characters or more after it
_TITLE_PREFIX = re.compile(
    rf"^\s*{HAN}[^_|｜@\s-]{{1,11}}?(网|網|报|報|数字报|數字報|电子版|電子版|在线|在線|官网|官網|门户|門戶|频道|頻道|论坛|論壇|社区|社區)"
    r"\s*(?:_+|\||｜|-{1,2}|–|—|::)\s*(?=\S{8,})"
)


@dataclass
class Article:
    title: str | None
    published: str | None
    author: str | None
    source: str | None
    text: str
    extractor: str
    explanation: list[str] = field(default_factory=list)  # why this text, this date


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


# A heading this long that the <title> starts with, a separator after it, is the headline
# however long the site's part of the title is (… @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::).
HEADLINE_PREFIX_CHARS = 8
_TITLE_SEPARATOR = re.compile(r"_|\||｜|::|\s[-–—@]\s|--|——")


# A title shorter than this is a platform's name (微博, 知乎), never a headline; a post then opens
# with its headline in 【】, as news accounts write them
MIN_TITLE_CHARS = 4
_LEAD_HEADLINE = re.compile(r"^【([^】\n]{6,60})】")
_SHORT_HEADLINE_PART = re.compile(r"\s+[-|｜–—_]\s|_")


def _names_site(heading: str, title: str) -> bool:
    """Whether a heading the <title> holds after a separator is only part of the part it stands
    in: a site's name (新闻动态--中国地理学会官网, the footer's 中国地理学会), not the headline,
    which fills its part (黄山市人民政府_政务公开_关于举办招聘会的通知)."""
    start = title.index(heading)
    after = title[start + len(heading):]
    return bool(_TITLE_SEPARATOR.search(title[:start])) and bool(after.strip()) \
        and not (_TITLE_SEPARATOR.match(after) or _TITLE_SEPARATOR.match(after.lstrip()))


def _leads_title(heading: str, title: str) -> bool:
    rest = title[len(heading):].lstrip()
    return (len(heading) >= HEADLINE_PREFIX_CHARS and title.startswith(heading)
            and rest[:1] in tuple("_-|@:｜–—"))


# What kind of item a title's leading tag says it is ([视频], [转帖], 【组图】), which no
# headline is part of
_ITEM_KINDS = "视频|視頻|组图|組圖|图|圖|图文|圖文|转帖|轉帖|转载|轉載|原创|原創"
_TITLE_KIND_TAG = re.compile(
    rf"^[\[【［]\s*({_ITEM_KINDS}|分享|直播|快讯|快訊|音频|音頻)\s*[\]】］]\s*(?=\S{{6,}})")
_TITLE_KIND_TAG_AFTER = re.compile(rf"(?<=\S{{6}})\s*[(（\[【］]\s*({_ITEM_KINDS})\s*[)）\]】］]$")


# A <title> that is a document's file name (a PDF converted: …的通知.docx), with its 文号 first
_FILE_NAME = re.compile(r"\.(docx?|pdf|wps|ofd|xlsx?|txt)$", re.I)
_DOCUMENT_NUMBER = re.compile(r"^\S{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号\s+(?=\S{6,})")


def clean_title(title: str | None, headings: list[str] | None = None) -> str | None:
    """The headline: the page's <title> without its `` - 站名`` / ``_频道_站名`` suffixes, and
    without a leading tag of what kind of item it is (``[视频]``, ``[转帖]``); a file's name
    without its type and the document's number before it (``安人社发〔2024〕9号 关于….docx``)."""
    if title and _FILE_NAME.search(title.strip()):
        title = _DOCUMENT_NUMBER.sub("", _FILE_NAME.sub("", title.strip()))
    found = _headline(title, headings)
    return _TITLE_KIND_TAG_AFTER.sub("", _TITLE_KIND_TAG.sub("", found)) if found else found


def _headline(title: str | None, headings: list[str] | None = None) -> str | None:
    """A heading on the page that the <title> starts with is the headline itself; otherwise
    short trailing segments after a separator (site and channel names) are cut, one by one."""
    short = [h for h in (headings or []) if 2 <= len(h) < 4]
    headings = [h for h in (headings or []) if len(h) >= 4]
    if not title:
        return headings[0] if headings else None
    title = " ".join(title.split())
    # an entry's short name (石楼县 - 维基百科 - 镜像站): a heading that is the whole first part of
    # the title, before a spaced separator (a shorter cut leaves too little to trust)
    for heading in short:
        if title.startswith(heading) and _SHORT_HEADLINE_PART.match(title[len(heading):]):
            return heading
    # a heading the title holds is the headline, unless it is a small part of it: a channel
    # name (县域动态) stands in the title too
    starts = [h for h in headings if h != title and h in title
              and (len(h) >= HEADING_SHARE * len(title) or _leads_title(h, title))
              and not _names_site(h, title)]
    if starts:
        return max(starts, key=len)
    while match := _TITLE_PREFIX.match(title):
        title = title[match.end():]
    while (match := _TITLE_SUFFIX.search(title)) and len(title[: match.start()]) >= 4:
        title = title[: match.start()].rstrip()
    return title


def iso_date(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD`` for a date that exists (not 2019-02-30), else None."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_date(text: str, url: str | None = None) -> str | None:
    """The first real date written in the text, as ISO ``YYYY-MM-DD``; a yearless dateline
    takes its year from the URL."""
    for match in _DATE.finditer(text):
        if found := iso_date(*(int(g) for g in match.groups())):
            return found
    if (match := _DATELINE.search(text)) and url and (year := _URL_YEAR.search(url)):
        return iso_date(int(year.group(1)), int(match.group(1)), int(match.group(2)))
    return None


def signature_date(text: str, rules: Rules | None = None) -> str | None:
    """The date a notice is signed under (its sender, then the date, closing the text, but
    for lines the cleaning drops: its 版记, the site's footer)."""
    rules = rules or load_rules()
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    while lines and (rules.boilerplate.search(lines[-1]) or rules.header_anywhere.search(lines[-1])):
        lines.pop()
    return find_date(lines[-1]) if ends_signed(lines, rules) else None


_SENTENCE_END = re.compile(r"[。！？；]$|[。；]")


def dump_title(text: str) -> str | None:
    """The headline of a plain-text dump: among its first lines, the first that reads as one
    (8 to 60 characters, not a sentence, not a date line, not a breadcrumb)."""
    for line in [line.strip() for line in text.split("\n")[:8]]:
        line = re.sub(r"^(原标题|原標題)\s*[:：]", "", line)
        if not 8 <= len(line) <= 60 or _SENTENCE_END.search(line) or _DATE.search(line):
            continue
        if re.search(r"[>＞]|位置|来源|來源", line):
            continue
        return line
    return None


_DATELINE_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?"
    r"(\s*\d{1,2}:\d{2})?"
)
_DATE_LABEL = re.compile(r"(发布|發布|时间|時間|日期|更新|发表|發表)\s*[:：]?\s*$")
# a profile's dates, labelled as a post's are: when the blog opened, the member joined
_PROFILE_DATE_LABEL = re.compile(
    r"(开博|開博|注册|註冊|加入|入驻|入駐|登录|登錄|出生)(时间|時間|日期|于|於)\s*[:：]?\s*$"
    # and when a post was edited, not published (知乎's 编辑于, a forum's 最后编辑)
    r"|(编辑于|編輯於|修改于|修改於|最后编辑|最後編輯)\s*[:：]?\s*$")
# a BBS post's header date as C's ctime writes it: Sat Jan 20 14:32:17 2018
_CTIME_DATE = re.compile(
    r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +(\d{1,2}) "
    r"\d{2}:\d{2}:\d{2} ((?:19|20)\d{2})\b")
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_AFTER_DATE = re.compile(
    rf"^.{{0,40}}?(来源|來源|作者|记者|記者|编辑|編輯|责编|責編|\[ *{HAN}{{2,4}} *\])"
)
# An info line's next field right after the date (2023-05-16 来源：…): a label and its colon,
# which a sentence ("2020年5月1日，记者从…获悉") does not have
_INFO_FIELD_AFTER_DATE = re.compile(
    r"^[\s\u3000]{0,6}(来源|來源|稿源|作者|编辑|編輯|责编|責編|发布者|發布者)\s*[:：]")


def find_dateline(visible_text: str) -> str | None:
    """The publication date as a page's info line shows it: a date with a time of day, after a
    label (发布时间：), or before a source/author (2004年7月16日08:19 来源：…). None without such
    evidence (a date in the story is not enough)."""
    best: tuple[int, int, str] | None = None
    for match in _DATELINE_DATE.finditer(visible_text):
        found = iso_date(int(match[1]), int(match[2]), int(match[3]))
        if found is None:
            continue
        before = visible_text[max(0, match.start() - 8):match.start()]
        if _PROFILE_DATE_LABEL.search(before):
            continue
        score = 2 * bool(match[4])
        score += 2 * bool(_DATE_LABEL.search(before))
        after = visible_text[match.end():match.end() + 60]
        score += 2 if _INFO_FIELD_AFTER_DATE.match(after) else bool(_AFTER_DATE.match(after))
        if score >= 2 and (best is None or score > best[0]):
            best = (score, match.start(), found)
    if best is None and (ctime := _CTIME_DATE.search(visible_text)):
        return iso_date(int(ctime[3]), _MONTHS.index(ctime[1]) + 1, int(ctime[2]))
    return best[2] if best else None


# The text nodes a reader sees (a script's or a style's text is its only child), as plain
# strings: lxml's default strings each keep a reference to their element
_VISIBLE_TEXT = lxml.etree.XPath("//body//text()[not(parent::script or parent::style)]", smart_strings=False)


def _visible_text(tree: lxml.html.HtmlElement) -> str:
    return re.sub(r"[ \t\r\f\v\xa0\u3000]+", " ", " ".join(_VISIBLE_TEXT(tree)))


def find_author(text: str) -> str | None:
    if match := _AUTHOR.search(text):
        names = re.split(r"[ 、,，]+", match.group(1).strip())
        return " ".join(n for n in names if n and n not in _ROLES) or None
    return None


def find_source(text: str) -> str | None:
    match = _SOURCE.search(text)
    return match.group(1) if match else None


def _readability_text(html: str) -> str:
    try:
        summary = lxml.html.fromstring(Document(html).summary(html_partial=True))
    except Exception:  # readability raises bare errors on pages it cannot parse
        return ""
    blocks = [" ".join(el.text_content().split()) for el in summary.iter("p", "li", "h2", "h3", "h4")]
    return "\n".join(b for b in blocks if b)


# h1-h6 and elements whose class or id says title, but not a site's logo (its name in an <h1>,
# or a heading that is one link to the home page: a blog's name over its posts)
_LOGO = ('ancestor-or-self::*[contains(translate(@class, "LOGO", "logo"), "logo") '
         'or contains(translate(@id, "LOGO", "logo"), "logo")] '
         'or (count(.//a) = 1 and .//a[@href = "/" or @href = "./" or starts-with(@href, "index.")])')
# a custom element named as a title counts too: an e-paper system's <founder-title>
# (a class or id is found from the attributes: faster than a test of every element)
_HEADINGS = lxml.etree.XPath(
    f'(//h1 | //h2 | //h3 | //h4 | //h5 | //h6 | //*[contains(name(), "-title")] '
    f'| //@class[contains(translate(., "TITLE", "title"), "title")]/.. '
    f'| //@id[contains(translate(., "TITLE", "title"), "title")]/..)[not({_LOGO})]')


def _headings(tree: lxml.html.HtmlElement) -> list[str]:
    """Texts that may be the headline: h1-h6, and elements whose name, class or id says title."""
    found = []
    for el in _HEADINGS(tree):
        # a blog template's trailing separators (谁来为无序拆房“埋单”？- -)
        text = " ".join(el.text_content().split()).rstrip(" -_|")
        if 2 <= len(text) <= 120:  # (clean_title asks more of one under 4)
            found.append(text)
    return found


# An e-paper's page named in a <title>: 05版, 第A03版, 版面
_EDITION_PAGE = re.compile(r"第?[A-Za-z]?\d{1,2}\s*版|版面")
# Least a heading holds to be taken for the headline without the <title>'s word
TOP_HEADING_CHARS = 6


def _top_heading(tree: lxml.html.HtmlElement) -> str | None:
    """The first heading of the highest rank on the page (h1, else h2, else h3) that holds
    ``TOP_HEADING_CHARS`` or more."""
    for rank in ("h1", "h2", "h3"):
        for el in tree.iter(rank):
            if len(text := " ".join(el.text_content().split())) >= TOP_HEADING_CHARS:
                return text
    return None


_HEADING_RANKS = ("h1", "h2", "h3", "h4", "h5", "h6")
# a kicker or a subtitle is a line, no sentence: at most this long
COMPANION_MAX_CHARS = 60


def headline_companions(tree: lxml.html.HtmlElement, title: str) -> list[str]:
    """The kicker (引题) set above a headline and the subtitle (副题) below it, as a newspaper's
    site or e-paper sets them: the headings right beside the headline's own, each a line
    without a sentence's end; and the headline as the page shows it, with the tag of its kind
    (【视频】…). They are the headline's, not the article's text."""
    wanted = " ".join(title.split())
    found = []
    for el in tree.iter(*_HEADING_RANKS):
        shown = " ".join(el.text_content().split())
        if shown != wanted:
            if not shown or clean_title(shown) != wanted:
                continue
            found.append(shown)
        for siblings in (el.itersiblings(preceding=True), el.itersiblings()):
            beside = next((s for s in siblings if isinstance(s.tag, str) and s.text_content().strip()), None)
            if beside is None or beside.tag not in _HEADING_RANKS:
                continue
            text = " ".join(beside.text_content().split())
            if len(text) <= COMPANION_MAX_CHARS and not _SENTENCE_MARK.search(text):
                found.append(text)
    return found


# A form's row that holds the item's headline: 信件标题, 留言标题, 标　题, 主题
_FORM_TITLE_LABEL = re.compile(
    r"^(信件|留言|来信|來信|咨询|諮詢|投诉|投訴|问题|問題)?\s*(标\s*题|標\s*題|主\s*题|主\s*題)\s*[:：]?$")


# (found by the parser, which reads no cell's text in Python but a short one's that names a 题:
# a table laid out as the page holds the page in a cell)
_FORM_TITLE_CELLS = lxml.etree.XPath("//tr/*[self::td or self::th][contains(., '题') or contains(., '題')]"
                                     "[string-length(normalize-space(.)) <= 16]")


def form_title(tree: lxml.html.HtmlElement) -> str | None:
    """The headline a letter's or a record's form gives in its 标题 row (<th>信件标题</th>
    <td>职业技能等级证书如何查询？</td>), where the <title> may name only the section (互动交流)."""
    for label in _FORM_TITLE_CELLS(tree):
        value = next((cell for cell in label.itersiblings() if cell.tag in ("td", "th")), None)
        if value is not None and _FORM_TITLE_LABEL.match(" ".join(label.text_content().split())):
            text = " ".join(value.text_content().split())
            if MIN_TITLE_CHARS <= len(text) <= COMPANION_MAX_CHARS:
                return text
    return None


# A tag before a headline, in brackets: [新闻直播间]陕西商洛：…
_COLUMN_TAG = re.compile(r"^[\[【［]\s*([^\]】］]{2,10}?)\s*[\]】］]\s*(?=\S{6,})")


def column_tag(tree: lxml.html.HtmlElement, title: str) -> tuple[str, str] | None:
    """The name in the tag before a headline (``[新闻直播间]陕西商洛：…``) and the headline
    without it, where the name is a column the page links (its breadcrumb's 新闻直播间): the
    programme's or the channel's, set before each of its items, not the headline's words."""
    match = _COLUMN_TAG.match(title)
    if not match:
        return None
    name = match.group(1)
    if any(" ".join(a.text_content().split()) == name for a in tree.iter("a")):
        return name, title[match.end():]
    return None


def title_site_names(page_title: str, headline: str, site_name: str | None = None) -> list[str]:
    """The names the <title> gives beside the headline (… - 上海嘉定, …_就业创业_某某县人民政府),
    and the one og:site_name gives: above the text's first sentence, a line that is one of them
    alone is the info line's source or the site's banner, not the article's."""
    rest = page_title.replace(headline, "|") if headline else page_title
    names = [" ".join(piece.split()) for piece in _TITLE_SEPARATOR.split(rest)]
    return [name for name in [*names, " ".join((site_name or "").split())] if len(name) >= 2]


# A title that names only the site (丰泽县劳动和社会保障信息网, 某某县人民政府): no headline
_SITE_NAME = re.compile(rf"{HAN}(网|網|网站|網站|信息网|信息網|门户|門戶|人民政府|政府网|政府網|在线|在線)$")


def _set_large(el: lxml.html.HtmlElement) -> bool:
    """A line set large or bold on an old page: its headline, where no heading says so."""
    if el.tag == "font":
        size = (el.get("size") or "").strip()
        return size.isdigit() and int(size) >= 4
    return el.tag in ("b", "strong") or (el.tag == "td" and "tit" in (el.get("class") or ""))


def prominent_headline(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement | None) -> str | None:
    """The headline of a page whose <title> names only its site (an old table-era page): the
    last line set large or bold (``<font size="4"><b>…</b></font>``) above the article's block,
    alone in its cell or paragraph, a line and no sentence."""
    if main is None:
        return None
    holding_main = set(main.iterancestors())
    above = None
    for el in tree.iter(lxml.etree.Element):  # in page order, up to the article's block
        if el is main:
            break
        if el in holding_main or not _set_large(el):
            continue
        text = " ".join(el.text_content().split())
        holder = el.getparent()
        while holder is not None and holder.tag in ("font", "b", "strong", "span", "center"):
            holder = holder.getparent()
        alone = holder is not None and " ".join(holder.text_content().split()) == text
        if alone and MIN_TITLE_CHARS <= len(text) <= COMPANION_MAX_CHARS and not _SENTENCE_MARK.search(text):
            above = text
    return above


def _page_title(tree: lxml.html.HtmlElement) -> str | None:
    for el in tree.iter("title"):
        text = " ".join((el.text_content() or "").split())
        if text:
            return text
    return None


def _metas(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """The page's <meta> name/property -> content (the first non-empty one of each)."""
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        content = (el.get("content") or "").strip()
        for name in (el.get("name"), el.get("property")):
            if name and content:
                found.setdefault(name, content)
    return found


def _meta(metas: dict[str, str], *names: str) -> str | None:
    return next((metas[name] for name in names if name in metas), None)


@contextmanager
def _without_recall_escalation() -> Iterator[None]:
    """trafilatura's last stage re-reads the whole page (``html2txt``) whenever its text is
    under 3,000 characters, a Chinese article nearly always, to decide on a retry in recall
    mode; our own missed-article checks (``missed_block``) do that job, with the same text on
    every corpus page (bench/extract.py) at a good part of the cost (bench/pipeline.py). It is a
    module setting, not an argument: set for our call alone, so that a caller's own trafilatura
    (the benchmarks' baseline and peer) keeps its defaults."""
    previous = getattr(trafilatura_core, "ESCALATION_MAX_LENGTH", None)
    if previous is None:  # a trafilatura without the stage
        yield
        return
    trafilatura_core.ESCALATION_MAX_LENGTH = 0
    try:
        yield
    finally:
        trafilatura_core.ESCALATION_MAX_LENGTH = previous


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


def _htmldate(tree: lxml.html.HtmlElement, url: str | None) -> str | None:
    # extensive search: htmldate reads the whole page, which beats the first date in the
    # article's first lines, often a date the story mentions (bench/extract.py compares)
    try:
        found = htmldate.find_date(tree, extensive_search=True, original_date=True, url=url)
    except Exception:  # htmldate raises what its parsers raise on hostile markup
        return None
    # a year alone (a footer's © 2024) comes back as its 1 January: no date the page gives,
    # unless the page writes that day
    if found and found.endswith("-01-01") and not _writes_new_year(tree, int(found[:4])):
        return None
    return found


def _writes_new_year(tree: lxml.html.HtmlElement, year: int) -> bool:
    """Whether the page's text writes 1 January of ``year`` (2024-01-01, 2024年1月1日, 2024.1.1)."""
    return any(iso_date(int(y), int(m), int(d)) == f"{year}-01-01"
               for y, m, d in _DATE.findall(_visible_text(tree)))


def _is_table_row(line: str) -> bool:
    return line.lstrip().startswith("|")


# Share of a page's text inside tables above which the tables are its layout, not data: a
# table-layout page holds most of its text in tables, a page with a data table little.
LAYOUT_TABLE_SHARE = 0.4


# a paragraph of sentences, not a label or a cell: this long at least
SENTENCES_MIN_CHARS = 40


def _paragraphs_in_one_line(block: str, text: str) -> bool:
    """Whether two of the densest block's paragraphs (sentences, ``SENTENCES_MIN_CHARS`` or
    more) stand in one line of ``text``: the page's text run together, not read as paragraphs."""
    paragraphs = {"".join(line.split()) for line in block.split("\n")  # (a paragraph repeated is one)
                  if visible_chars(line) >= SENTENCES_MIN_CHARS and _SENTENCE_ENDS.search(line)}
    if len(paragraphs) < 2:
        return False
    return any(sum(p in squashed for p in paragraphs) >= 2
               for squashed in ("".join(line.split()) for line in text.split("\n")))


def is_table_layout(tree: lxml.html.HtmlElement) -> bool:
    """Whether a page is laid out with tables (old portals): most of its text is in them.

    Deciding before extraction saves a second trafilatura pass on such pages."""
    body = tree.find("body")
    total = visible_chars((body if body is not None else tree).text_content())
    in_tables = sum(visible_chars(t.text_content()) for t in tree.xpath("//table[not(ancestor::table)]"))
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


# A document whose root is not <html> (a fragment, or a page wrapped by an archiving tool in
# an element of its own) defeats trafilatura's page model.
_FOREIGN_ROOT = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?<(?!html|!doctype|!--)([a-z][\w:-]*)[^>]*>", re.I)


def _wraps_everything(name: str, inner: str) -> bool:
    """Whether the element that opened a document and closes at its end holds all of it:
    its tag is not closed before the end (<p>a</p><p>b</p> is two paragraphs, not one)."""
    depth = 1
    for tag in re.finditer(rf"<(/?){re.escape(name)}\b[^>]*>", inner, re.I):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return False
    return True


# A page's end tags: a template that includes a whole page's footer (…</body></html>) in the
# middle of another page ends the document early for lxml, which puts what follows, the
# article too, outside <body>, where no extractor looks; browsers keep it in the body.
_DOCUMENT_END_TAGS = re.compile(r"</(?:body|html)\s*>", re.I)


def _without_early_ends(html: str) -> str:
    """The page without the end tags of its body or document that stand before a start tag."""
    if not _DOCUMENT_END_TAGS.search(html):
        return html
    last_start = len(html)
    while (last_start := html.rfind("<", 0, last_start)) >= 0:
        if html[last_start + 1:last_start + 2].isalpha():
            break
    return _DOCUMENT_END_TAGS.sub(lambda end: "" if end.start() < last_start else end.group(), html)


def as_html_document(html: str) -> str:
    """The page as one HTML document lxml reads as a browser does: a fragment (or an XHTML
    document's foreign root) wrapped in ``<html><body>``, and no end of body or page before the
    end of the text."""
    html = _without_early_ends(html)
    if match := _FOREIGN_ROOT.match(html):
        rest = html[match.end():]
        closing = re.search(rf"</{re.escape(match.group(1))}>\s*$", rest, flags=re.I)
        if closing is None or not _wraps_everything(match.group(1), rest[:closing.start()]):
            return f"<html><body>{html.strip()}</body></html>"  # a fragment of several elements
        rest = rest[:closing.start()]
        if not re.search(r"<(html|body)\b", rest[:2000], re.I):
            return f"<html><body>{rest}</body></html>"
        return rest
    return html


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """The page's tree as trafilatura's ``load_html`` makes it, however deep the nesting;
    None for what is not a page (a fragment of one block)."""
    try:
        tree = lxml.html.fromstring(html, parser=_PARSER)
    except (ValueError, lxml.etree.ParserError):  # an encoding declaration in a str, an empty page
        return load_html(html)
    if tree is not None and len(tree) < 2 and is_dubious_html(html[:50].lower()):
        return None
    return tree


# Text in a container before its first paragraph, or between paragraphs, outside any <p>
# (old CMS templates: <td>　　First paragraph.<P>Second...). trafilatura reads paragraphs and
# skips such text, so it is given a <p> of its own. Shorter than this, it is a label.
BARE_TEXT_CHARS = 10
_PARAGRAPHS = {"p", "P"}
# blocks whose tail (text after them) starts a paragraph of its own; an inline element's
# tail continues the sentence it stands in
_BLOCKS = {"p", "div", "table", "ul", "ol", "dl", "blockquote", "center", "form", "iframe", "hr",
           "h1", "h2", "h3", "h4", "h5", "h6", "pre", "section", "article", "figure"}


# elements whose text is one paragraph, a span inside them too
_INLINE_HOLDERS = {"p", "li", "dd", "dt", "a", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "span", "font", "b",
                   "strong", "em", "i", "u"}


def _picture_or_caption(div: lxml.html.HtmlElement) -> bool:
    """Whether a <div> among runs between breaks is a picture's box, or the short line under
    one (a forum post's centred caption)."""
    if next(div.iter("img"), None) is not None:
        return True
    before = div.getprevious()
    while before is not None and before.tag == "br":
        before = before.getprevious()
    return before is not None and before.tag == "div" and next(before.iter("img"), None) is not None \
        and visible_chars(div.text_content()) <= CAPTION_MAX_CHARS


def _is_link_row(text: str, elements: list[lxml.html.HtmlElement]) -> bool:
    """Whether a run between breaks is two or more links with no more than a separator between
    each two (就业服务 | 社保查询 | 公积金)."""
    elements = [el for el in elements if isinstance(el.tag, str)]
    outside = visible_chars(text) + sum(visible_chars(el.tail) + chars_outside_links(el) for el in elements)
    links = sum(1 for el in elements for _ in el.iter("a"))
    return links >= 2 and outside < links


def paragraphs_from_breaks(tree: lxml.html.HtmlElement) -> int:
    """Give each run of text between ``<br>``s a paragraph of its own, in a cell or a block that
    holds no paragraphs (forum posts, old CMS templates: ``<td>First.<br><br>Second.``);
    returns how many containers were rebuilt. Read as one block, the runs became one line, and
    the cell's neighbours were glued to it."""
    rebuilt = 0
    for container in tree.xpath("//*[count(br) >= 2][not(p or P or table or ul or ol)]"):
        if container.tag in ("p", "pre", "textarea", "li", "dd", "dt", "a"):
            continue
        # a <div> among the runs is a picture's box or a short note (a post's attachment), never
        # a block of text of its own
        if any(visible_chars(div.text_content()) >= BARE_TEXT_CHARS and not _picture_or_caption(div)
               for div in container.iterchildren("div")):
            continue
        if container.tag in ("span", "font"):
            # inside a paragraph, a span's breaks are the paragraph's lines; a span that is a
            # post's whole body (DVBBS: <blockquote><span>First.<br><br>Second.) is a block
            if any(a.tag in _INLINE_HOLDERS for a in container.iterancestors()):
                continue
            container.tag = "div"
        runs: list[tuple[str, list[lxml.html.HtmlElement]]] = [(container.text or "", [])]
        for child in container:
            if child.tag == "br":
                runs.append((child.tail or "", []))
            else:
                runs[-1][1].append(child)
        sizes = [visible_chars(text + "".join(el.text_content() + (el.tail or "") for el in elements
                                               if isinstance(el.tag, str)))
                 for text, elements in runs]
        if sum(size >= BARE_TEXT_CHARS for size in sizes) < 2:
            continue
        # rows of several links and nothing else are a grid of links (a sidebar's 便民服务):
        # paragraphs would give navigation the weight of text. (A run of one link each, a list
        # of headlines, is read as paragraphs, which the lists of other articles then drop.)
        if all(not (text.strip() or elements) or _is_link_row(text, elements) for text, elements in runs):
            continue
        for child in list(container):
            if child.tag == "br":
                container.remove(child)
        container.text = None
        for (text, elements), size in zip(runs, sizes, strict=True):
            if not size and not elements:
                continue
            paragraph = lxml.html.Element("p")
            paragraph.text = text
            for element in elements:
                paragraph.append(element)  # its tail, the run's text after it, goes along
            container.append(paragraph)
        rebuilt += 1
    return rebuilt


# A document converted from a PDF (pdf2htmlEX): each printed line a <div class="t m0 x6 y1a fs0 …">
# placed by its x and y classes, set in the size its fs class names; fewer lines than this is
# no such document
PRINTED_MIN_LINES = 10
_PRINTED_LINE = lxml.etree.XPath("//div[contains(concat(' ', normalize-space(@class), ' '), ' t ')]")
_POSITION = re.compile(r"^[xy][0-9a-f]+$")
_FONT_SIZE = re.compile(r"^fs[0-9a-f]+$")
_PAGE_NUMBER = re.compile(r"^([—－–-]\s*\d{1,3}\s*[—－–-]|第\s*\d{1,3}\s*页(\s*共\s*\d{1,3}\s*页)?"
                          r"|\d{1,3}\s*/\s*\d{1,3})$")
# (a line may end in ；within its paragraph)
_LINE_END = re.compile(r"[。！？：!?:]$")
_INDENT = re.compile(r"^(\u3000|\s{2})")
# Shorter than this share of the text's full line, a line ends its paragraph
FULL_LINE_SHARE = 0.8


@dataclass
class _PrintedLine:
    element: lxml.html.HtmlElement
    x: str
    size: str
    text: str  # its words, spaces closed up
    indented: bool  # (the line's own indent, in its text: 　　)


def paragraphs_from_printed_lines(tree: lxml.html.HtmlElement) -> int:
    """Join a PDF's printed lines into its paragraphs, where the page is the PDF converted line
    by line (pdf2htmlEX: <div class="t m0 x6 y1a fs0 …"> a line, its place and its size in its
    classes); returns how many paragraphs. A line opens a paragraph after a short line (a
    paragraph's last), where it starts indented (in its text, or away from the line before
    when that one ended a sentence: 一、… at the margin's indent), or in another size (a
    title); the lines over the text in other sizes (a 红头, a kicker, the headline, a byline),
    a line every page repeats (the 文号 over it) and the page numbers (— 2 —) are not the
    text. Read line by line, the text broke mid-sentence, and the
    pages were taken for posts."""
    lines = []
    for el in _PRINTED_LINE(tree):
        tokens = (el.get("class") or "").split()
        x = next((t for t in tokens if t[0] == "x" and _POSITION.match(t)), None)
        if x is not None and any(t[0] == "y" and _POSITION.match(t) for t in tokens):
            size = next((t for t in tokens if _FONT_SIZE.match(t)), "")
            raw = el.text_content()
            lines.append(_PrintedLine(el, x, size, " ".join(raw.split()), bool(_INDENT.match(raw))))
    if len(lines) < PRINTED_MIN_LINES:
        return 0
    # (each line's page held, so that its box is the same object wherever it is asked for)
    boxes = [line.element.getparent() for line in lines]
    pages = Counter(text for _, text in {(box, line.text) for box, line in zip(boxes, lines, strict=True)})
    body_size = Counter(line.size for line in lines).most_common(1)[0][0]
    lengths = sorted(len(line.text) for line in lines if line.size == body_size)
    full = lengths[len(lengths) // 2]  # the median line of the text's size is a full one
    # (over the text, the lines set in other sizes are its head: a 红头, a kicker, the
    # headline, a byline, which the page gives apart)
    head = next((n for n, line in enumerate(lines) if line.size == body_size), 0)
    paragraphs: list[str] = []
    before: _PrintedLine | None = None
    for line in lines[head:]:
        text = line.text
        if not text or pages[text] > 1 or _PAGE_NUMBER.match(text):
            continue
        opens = before is None or line.size != before.size or line.indented \
            or len(before.text) < FULL_LINE_SHARE * full \
            or (line.x != before.x and _LINE_END.search(before.text))
        if opens:
            paragraphs.append(text)
        else:
            paragraphs[-1] += text
        before = line
    block = lxml.html.Element("div")
    for text in paragraphs:
        lxml.etree.SubElement(block, "p").text = text
    lines[0].element.addprevious(block)
    for line in lines:
        line.element.drop_tree()
    return len(paragraphs)


def inline_framed_documents(tree: lxml.html.HtmlElement) -> int:
    """Put in place the document an ``<iframe srcdoc="…">`` carries in the page itself (a
    portal that shows its body in a frame of its own): its body's content replaces the frame;
    returns how many. Extractors read no attribute's markup, and missed the article."""
    changed = 0
    for frame in list(tree.iter("iframe")):
        markup = frame.get("srcdoc")
        # (a frame's document is held to the page's own limit: its tags were not counted)
        if not markup or not markup.strip() or markup.count("<") > MAX_TAGS:
            continue
        framed = parse_html(as_html_document(markup))
        body = next(framed.iter("body"), None) if framed is not None else None
        if body is None or not _holds_prose(body, FOLD_MIN_CHARS):
            continue
        replacement = lxml.html.Element("div")
        replacement.text = body.text
        replacement.extend(list(body))
        replacement.tail = frame.tail
        frame.getparent().replace(frame, replacement)
        changed += 1
    return changed


# A fold: the rest of an article, in the markup but hidden until a reader taps 展开全文
_HIDDEN = lxml.etree.XPath("//body//*[@hidden or contains(@style, 'none') or contains(@class, 'jammer')]")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none\s*;?", re.I)
# Discuz's anti-copy noise between a post's lines: random characters in <font class="jammer">
_NOISE_CLASS = re.compile(r"(^|\s)jammer(\s|$)")
_UNFOLD = re.compile(r"(展开|展開|阅读|閱讀|查看|加载|加載|点击|點擊)(全文|剩余|剩餘|更多|全部)"
                     r"|(继续|繼續)(阅读|閱讀)")
_SENTENCE_MARK = re.compile(r"[。！？!?]")
# a box that shows over the page, not in it: its class or id names it
_POP_UP = re.compile(r"modal|dialog|pop|layer|mask|toast|share|login|qrcode|wechat|weixin", re.I)
# how long a control's text may be (展开全文, 点击展开剩余80%)
_CONTROL_CHARS = 24
FOLD_MIN_CHARS = 40
# The opening a text cut short shares with the whole it stands for
TEASER_MIN_CHARS = 20
# the whole's own control, and a label it opens with
_FOLD_CONTROL = re.compile(r"[\[【]?(收起|收回|折叠|摺疊|收起全文)[\]】]?")
_BOX_LABEL = re.compile(r"[\u4e00-\u9fff]{2,6}[:：]")


def _holds_prose(el: lxml.html.HtmlElement, min_chars: int) -> bool:
    text = shown_text(el)
    chars = visible_chars(text)
    return chars >= min_chars and link_chars(el) * 5 <= chars and bool(_SENTENCE_MARK.search(text))


def _hidden(el: lxml.html.HtmlElement) -> bool:
    return el.get("hidden") is not None or bool(_DISPLAY_NONE.search(el.get("style", "")))


def _concealed(el: lxml.html.HtmlElement) -> bool:
    return _hidden(el) or bool(_NOISE_CLASS.search(el.get("class") or ""))


def hidden_elements(tree: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """What the page hides from its readers in its body (``hidden``, ``display:none``), and a
    forum's anti-copy noise (Discuz's ``<font class="jammer">; W) }# w1…</font>``)."""
    return [el for el in _HIDDEN(tree)
            if el.tag not in ("script", "style", "template", "input") and _concealed(el)]


def reveal_folded_text(tree: lxml.html.HtmlElement, hidden: list[lxml.html.HtmlElement] | None = None) -> int:
    """Show the text of a fold: a hidden box (``display:none``) of prose right after an
    article's paragraphs, on a page with a control that unfolds it (展开全文, 阅读全文, 加载更多).
    The markup holds the whole article and a reader gets it with a tap; extractors drop what is
    hidden and kept the half above the fold. Returns how many boxes. Hidden menus, link lists,
    pop-ups (a box named modal, dialog, layer…) and hidden prose that follows no paragraph (a
    hidden 原标题) stay hidden. ``hidden``: the page's ``hidden_elements``, if known."""
    folds, teasers = [], {}
    for el in hidden_elements(tree) if hidden is None else hidden:
        named = f"{el.get('class', '')} {el.get('id', '')}"
        if not _hidden(el) or _POP_UP.search(named) or not _holds_prose(el, FOLD_MIN_CHARS):
            continue
        before = next((s for s in el.itersiblings(preceding=True)
                       if isinstance(s.tag, str) and visible_chars(shown_text(s))), None)
        if before is None:
            continue
        # the text cut short where the whole is hidden (简介：近年来……展开): the whole is shown in
        # its place, whatever its control says
        opening, whole = NOT_WORD.sub("", shown_text(before)), NOT_WORD.sub("", shown_text(el))
        if len(opening) >= TEASER_MIN_CHARS and len(whole) > len(opening) \
                and whole.startswith(opening[:TEASER_MIN_CHARS]):
            teasers[el] = before
        elif _holds_prose(before, BARE_TEXT_CHARS):
            folds.append(el)
    # (the page's text is read for the control only where a fold is there to unfold)
    if folds and not any(len(text.strip()) <= _CONTROL_CHARS and _UNFOLD.search(text)
                         for text in _VISIBLE_TEXT(tree)):
        folds = []
    for el in [*folds, *teasers]:
        el.attrib.pop("hidden", None)
        if style := el.get("style"):
            el.set("style", _DISPLAY_NONE.sub("", style))
    for whole, teaser in teasers.items():
        teaser.drop_tree()
        # its own control to fold it again (收起) and the label it opens with (视频简介：) are
        # the box's, not the text's
        for el in list(whole.iter(lxml.etree.Element)):
            shown = " ".join(el.text_content().split())
            if el is not whole and (_FOLD_CONTROL.fullmatch(shown)
                                    or el.getparent() is whole and el.getprevious() is None
                                    and not (whole.text or "").strip() and _BOX_LABEL.fullmatch(shown)):
                el.drop_tree()
    return len(folds) + len(teasers)


def drop_hidden_text(tree: lxml.html.HtmlElement, hidden: list[lxml.html.HtmlElement] | None = None) -> int:
    """Drop what the page hides from its readers and a forum's anti-copy noise
    (``hidden_elements``; ``hidden``, if known, those found before the page was changed), the
    text after each kept; returns how many elements. A fold of the article's text has been
    shown by then. Extractors read no style, and kept the noise glued to the lines and a
    picture's hidden tip (下载附件 保存到相册) among them."""
    root = tree.getroottree().getroot()
    # (still hidden, a fold not shown, and still in the page)
    return drop_outermost([el for el in (hidden_elements(tree) if hidden is None else hidden)
                           if _concealed(el) and el.getroottree().getroot() is root])


# an element hidden by its class: a word of it (hide, hidden, collapse, fold), which trafilatura
# drops whatever it holds
_HIDING_CLASS = re.compile(r"^(hide|hidden|collapse|collapsed|fold|folded|is-hidden|d-none)$", re.I)
# a question: 问：…, or a line ending in ？
_QUESTION = re.compile(r"^\s*(问|問|Q)\s*[:：.、]|[？?]\s*$")


def paragraphs_from_questions(tree: lxml.html.HtmlElement) -> int:
    """Read a Q&A set as definition lists (``<dl><dt>问：…？</dt><dd class="hide">答：…</dd></dl>``,
    a 政策问答 page's accordion) as paragraphs, each question and each answer one, shown (an
    answer waits hidden by its class for a tap on its question); returns how many lists.
    trafilatura drops what is hidden and read the list as none of the article; an infobox's
    short terms (中文名：…) are no questions, and stay a list."""
    changed = 0
    for dl in list(tree.iter("dl")):
        terms = [el for el in dl if isinstance(el.tag, str) and el.tag == "dt"]
        answers = [el for el in dl if isinstance(el.tag, str) and el.tag == "dd"]
        if not terms or not answers or not all(_QUESTION.search(shown_text(dt)) for dt in terms) \
                or not all(_holds_prose(dd, BARE_TEXT_CHARS) for dd in answers):
            continue
        for item in (*terms, *answers):
            item.tag = "p"
            words = item.get("class", "").split()
            if any(_HIDING_CLASS.match(word) for word in words):
                item.set("class", " ".join(word for word in words if not _HIDING_CLASS.match(word)))
        dl.drop_tag()  # its paragraphs join the box around it, the article's
        changed += 1
    return changed


def paragraphs_from_preformatted(tree: lxml.html.HtmlElement) -> int:
    """Give each paragraph of Chinese prose set in a ``<pre>`` (an old CMS's body pasted as
    plain text: paragraphs between blank lines, or one a line) a paragraph of its own; returns
    how many blocks. Read whole, a <pre> is one line. Code and tables in a <pre> have no
    sentences, and stay."""
    changed = 0
    for pre in list(tree.iter("pre")):
        text = pre.text_content()
        if len(pre) and any(isinstance(el.tag, str) and el.tag in _BLOCKS for el in pre.iterdescendants()):
            continue
        blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text.strip()) else text.split("\n")
        paragraphs = ["".join(line.strip() for line in block.split("\n")) for block in blocks]
        paragraphs = [p for p in paragraphs if p]
        if len(paragraphs) < 2 or sum(bool(_SENTENCE_MARK.search(p)) and bool(HAN_CHAR.search(p))
                                      for p in paragraphs) < 2:
            continue
        replacement = lxml.html.Element("div")
        for paragraph in paragraphs:
            lxml.etree.SubElement(replacement, "p").text = paragraph
        replacement.tail = pre.tail
        pre.getparent().replace(pre, replacement)
        changed += 1
    return changed


# what a <section> holding only inline text may not hold for it to be read as a paragraph
_NOT_INLINE = _BLOCKS | {"li", "header", "footer", "nav", "aside", "img", "br", "script", "style", "input",
                         "select", "option", "textarea", "button", "noscript", "video", "audio", "canvas",
                         "svg", "object", "embed"}


def _ends_line(el: lxml.html.HtmlElement) -> bool:
    """A <br> with nothing after it in its parent: the end of a line, no break inside it."""
    return el.tag == "br" and el.getnext() is None and not (el.tail or "").strip()


def _among_paragraphs(el: lxml.html.HtmlElement, both: bool = False, wrapped: bool = False) -> bool:
    """Whether the nearest sibling with text before or after an element (``both``: before and
    after), past other centered lines and other pictures, is a paragraph: a caption or heading set between
    paragraphs, not a footer. ``wrapped``: a paragraph alone in a wrapper counts (editors
    that wrap each paragraph in a <div> of its own)."""
    sides = []
    for siblings in (el.itersiblings(preceding=True), el.itersiblings()):
        paragraph = False
        for sibling in siblings:
            # any text at all: the first piece found is enough (siblings may be whole columns)
            if not isinstance(sibling.tag, str) or sibling.tag == "center" \
                    or not any(piece.strip() for piece in sibling.itertext()):
                continue
            # another picture with its caption: a gallery's run of pictures between paragraphs
            if not _too_big_for_a_picture(sibling) and next(sibling.iter("img"), None) is not None \
                    and visible_chars(sibling.text_content()) <= CAPTION_MAX_CHARS:
                continue
            paragraph = sibling.tag == "p" or (wrapped and len(sibling) == 1 and sibling[0].tag == "p")
            break
        sides.append(paragraph)
    return all(sides) if both else any(sides)


def paragraphs_from_sections(tree: lxml.html.HtmlElement) -> int:
    """Read as a paragraph each ``<section>`` that holds only inline text, some of it outside
    links (a closing <br> allowed), and each ``<center>`` or ``<div>`` that does so among
    paragraphs; returns how many. Editors that build articles from sections (WeChat's, and the
    templates that copy it) set subheadings and some paragraphs that way, without a ``<p>``;
    old CMS templates so center a picture's caption or a heading among the paragraphs, and
    newer ones set a subheading in a ``<div>`` there; trafilatura, which reads paragraphs, lost
    them. Elsewhere a ``<center>`` or ``<div>`` of inline text is navigation or a footer (read
    as paragraphs everywhere, divs lowered bench/extract.py's scores)."""
    changed = 0
    for section in list(tree.iter("section", "center", "div")):
        parent = section.getparent()
        if section.tag != "section" and (parent is None or parent.find("p") is None):
            continue  # no paragraph beside it at all (most divs): the cheap answer first
        if any(isinstance(el.tag, str) and el.tag in _NOT_INLINE and not _ends_line(el)
               for el in section.iterdescendants()):
            continue
        if section.tag != "section" and not _among_paragraphs(section, both=section.tag == "div"):
            continue  # a centered footer under the page's columns is no caption
        if chars_outside_links(section) >= 2 \
                and not any(a.tag in ("p", "a", "li", "span") for a in section.iterancestors()):
            section.tag = "p"
            changed += 1
    return changed


# Most elements in a caption's wrapper (a picture, a link, a span or two)
CAPTION_MAX_ELEMENTS = 20
# How far above a caption named so its picture's wrapper is looked for
CAPTION_WRAPPER_DEPTH = 3


def _outermost_wrapper(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The outermost element that holds ``el`` and nothing else (<div class="photo-box"> around
    a <figure>): what stands among the paragraphs in its place."""
    while (parent := el.getparent()) is not None and parent.tag not in ("body", "html") \
            and len(parent) == 1 and not (parent.text or "").strip() and not (el.tail or "").strip():
        el = parent
    return el


# trafilatura drops what a class or id calls a caption (<p class="pgc-img-caption">); one read as
# the article's paragraph loses that name
# (found from the attributes: a search of attributes is faster than one of elements)
_CAPTION_NAMES = lxml.etree.XPath("//@class[contains(., 'caption')] | //@id[contains(., 'caption')]")
_CAPTION_TAGS = {"div", "p", "span", "section"}


def _as_caption_paragraph(caption: lxml.html.HtmlElement) -> None:
    caption.tag = "p"
    for name in ("class", "id"):
        caption.attrib.pop(name, None)


def _unname_caption(el: lxml.html.HtmlElement) -> None:
    """Take a caption's name off a picture's box: trafilatura drops whatever is named one."""
    for name in ("class", "id"):
        if "caption" in (el.get(name) or ""):
            del el.attrib[name]


def _too_big_for_a_picture(el: lxml.html.HtmlElement) -> bool:
    return next(islice(el.iter(), CAPTION_MAX_ELEMENTS, None), None) is not None


def _after_its_picture(caption: lxml.html.HtmlElement, between: list[lxml.html.HtmlElement]
                       ) -> lxml.html.HtmlElement | None:
    """The caption's own small wrapper where it follows a small one that holds the picture
    (<div><img></div><div><p><span class="image-caption">…</span></p></div>), else None."""
    for level in [caption, *between]:
        if _too_big_for_a_picture(level) or next(level.iter("img"), None) is not None:
            return None
        before = level.getprevious()
        while before is not None and not isinstance(before.tag, str):
            before = before.getprevious()  # a comment between them
        if before is not None:
            holds_picture = next(before.iter("img"), None) is not None and not _too_big_for_a_picture(before)
            return level if holds_picture and not visible_chars(before.text_content()) else None
    return None


# Fewest pictures a gallery shows, each in an item with its caption
GALLERY_MIN_ITEMS = 3


def _a_gallerys_item(item: lxml.html.HtmlElement, galleries: dict) -> bool:
    """Whether a picture's wrapper is an item of a photo gallery's list: GALLERY_MIN_ITEMS or
    more items, each a picture and a caption named so, none of whose words are links (a list
    of other articles leads each item with its headline's link). ``galleries`` keeps each
    list's answer, found before its captions lose their names."""
    parent = item.getparent()
    if item.tag != "li" or parent is None:
        return False
    if parent not in galleries:
        galleries[parent] = _a_gallery(parent)
    return galleries[parent]


def _a_gallery(parent: lxml.html.HtmlElement) -> bool:
    items = [el for el in parent if el.tag == "li"]
    return len(items) >= GALLERY_MIN_ITEMS and all(
        next(el.iter("img"), None) is not None and not link_chars(el)
        and any("caption" in (c.get("class") or "") and c.text_content().strip() for c in el.iter())
        for el in items)


def captions_from_figures(tree: lxml.html.HtmlElement) -> int:
    """Read as a paragraph the caption of each picture set among the article's paragraphs: a
    ``<figcaption>``, an element named a caption beside the picture (``<div class="pgc-img"><img>
    <p class="pgc-img-caption">…</p></div>``), or the inline text of a ``<div>`` that holds a
    picture and nothing else but that text (``<div class="img_wrapper"><img><span>…（视频截图）
    </span></div>``); returns how many. trafilatura reads none of them, and captions are the
    article's text."""
    changed = 0
    for caption in list(tree.iter("figcaption")):
        figure = caption.getparent()
        if any(isinstance(el.tag, str) and el.tag in _BLOCKS for el in caption.iterdescendants()):
            continue  # paragraphs of its own (a caption, then a credit): already lines
        if figure is not None and figure.tag == "figure" and _among_paragraphs(_outermost_wrapper(figure)) \
                and 2 <= visible_chars(caption.text_content()) <= CAPTION_MAX_CHARS:
            figure.tag = "div"
            _as_caption_paragraph(caption)
            _unname_caption(figure)  # (WordPress's figure.wp-caption)
            changed += 1
    named = dict.fromkeys(name.getparent() for name in _CAPTION_NAMES(tree))  # in page order
    galleries: dict[lxml.html.HtmlElement, bool] = {}
    for caption in [el for el in named if el.tag in _CAPTION_TAGS]:
        if any(isinstance(el.tag, str) and el.tag in _BLOCKS for el in caption.iterdescendants()):
            continue  # a wrapper around the caption (image-caption-wrapper): its caption is asked
        # the picture's wrapper: the nearest of a few levels up that holds the picture too, or
        # the caption's own, set right after the picture's; it must stand among paragraphs
        between = list(islice(caption.iterancestors(), CAPTION_WRAPPER_DEPTH))
        holder = next((a for a in between if next(a.iter("img"), None) is not None), None)
        candidates = [holder] if holder is not None and not _too_big_for_a_picture(holder) else []
        candidates += [after] if (after := _after_its_picture(caption, between)) is not None else []
        wrapper = next((w for w in candidates if _among_paragraphs(_outermost_wrapper(w), wrapped=True)
                        or _a_gallerys_item(w, galleries)), None)
        if wrapper is not None and 2 <= visible_chars(caption.text_content()) <= CAPTION_MAX_CHARS:
            _as_caption_paragraph(caption)
            # its wrappers lose the name too, the picture's own (WordPress's div.wp-caption)
            for level in between[:between.index(wrapper) + 1] if wrapper in between else ():
                _unname_caption(level)
            changed += 1
    # each picture's nearest <div> (one pass over the pictures, not a search under every div)
    wrappers = {div: None for img in tree.iter("img")
                if (div := next(img.iterancestors("div"), None)) is not None}
    for wrapper in wrappers:
        # a caption's wrapper is small: a bigger one is a block of the page, not read through
        inside = list(islice(wrapper.iterdescendants(), CAPTION_MAX_ELEMENTS + 1))
        if len(inside) > CAPTION_MAX_ELEMENTS or not _among_paragraphs(wrapper):
            continue
        if any(isinstance(el.tag, str) and el.tag in _NOT_INLINE and el.tag not in ("img", "br")
               for el in inside):
            continue
        if 2 <= chars_outside_links(wrapper) <= CAPTION_MAX_CHARS:
            wrapper.tag = "p"
            changed += 1
    # a picture's table among the paragraphs (an e-paper's: the picture in a row, its caption
    # in the next), which trafilatura without tables drops: its lines become paragraphs
    pictures = {table: None for img in tree.iter("img")
                if (table := next(img.iterancestors("table"), None)) is not None}
    for table in pictures:
        inside = list(islice(table.iterdescendants(), CAPTION_MAX_ELEMENTS + 1))
        if len(inside) > CAPTION_MAX_ELEMENTS or sum(el.tag == "img" for el in inside) != 1 \
                or link_chars(table) or not _among_paragraphs(_outermost_wrapper(table)) \
                or not 2 <= visible_chars(table.text_content()) <= CAPTION_MAX_CHARS:
            continue
        runs = [" ".join(run.split()) for run in _runs_between_breaks(table)]
        replacement = lxml.html.Element("div")
        for run in filter(None, runs):
            lxml.etree.SubElement(replacement, "p").text = run
        replacement.tail = table.tail
        table.getparent().replace(table, replacement)
        changed += 1
    return changed


def _runs_between_breaks(el: lxml.html.HtmlElement) -> list[str]:
    """An element's text cut at its <br>s, rows and cells: the lines a reader sees."""
    runs = [""]

    def walk(node: lxml.html.HtmlElement) -> None:
        if node.tag in ("br", "td", "th", "tr"):
            runs.append("")
        if node.text and node.tag not in ("script", "style"):
            runs[-1] += node.text
        for child in node:
            if isinstance(child.tag, str):  # a comment's text is none of it, its tail is
                walk(child)
            runs[-1] += child.tail or ""

    walk(el)
    return runs


# Most characters a heading's wrapper may hold beside it (its edit link, 编辑)
HEADING_WRAPPER_EXTRA_CHARS = 4


def headings_from_wrappers(tree: lxml.html.HtmlElement) -> int:
    """Read as a paragraph each section heading that stands in a wrapper of its own (<div
    class="content_h2"><h2>发展历程</h2><a>编辑</a></div>) before a block of text; returns how
    many. trafilatura keeps a heading among paragraphs and drops one set apart so, and a
    reference page's sections lose their names."""
    changed = 0
    h1 = next(tree.iter("h1"), None)
    entry = " ".join(h1.text_content().split()) if h1 is not None else None
    for heading in list(tree.iter("h2", "h3", "h4", "h5", "h6")):
        wrapper = heading.getparent()
        if wrapper is None or wrapper.tag not in ("div", "section") or (wrapper.text or "").strip():
            continue
        beside = [el for el in wrapper if isinstance(el.tag, str) and el is not heading]
        if sum(visible_chars(el.text_content()) for el in beside) > HEADING_WRAPPER_EXTRA_CHARS \
                or not 2 <= visible_chars(heading.text_content()) <= CAPTION_MAX_CHARS:
            continue
        # what follows is text, a paragraph of prose, past the next headings (a section's first
        # subheading)
        following = (el for el in wrapper.itersiblings()
                     if isinstance(el.tag, str) and any(piece.strip() for piece in el.itertext()))
        after = next((el for el in islice(following, 3)
                      if next(el.iter("h2", "h3", "h4", "h5", "h6"), None) is None), None)
        # (a paragraph, or a <div> of prose: 百科's <div class="para">)
        if after is not None and any(_PROSE.search(p.text_content() or "") for p in after.iter("p", "div")):
            heading.tag = "p"
            # (its tools beside it, 编辑 and 播报, made the wrapper a box of links to trafilatura)
            for tool in beside:
                tool.drop_tree()
            # the entry's name set before each section's (<span class="title-prefix">扶贫车间</span>
            # 发展历程), which the page's style hides
            first = next(iter(heading), None)
            if first is not None and not (heading.text or "").strip() and entry is not None \
                    and " ".join(first.text_content().split()) == entry and (first.tail or "").strip():
                first.drop_tree()
            changed += 1
    return changed


# (a line that introduces a list, 具有以下特点：, is prose too)
_PROSE = re.compile(r"[，。！？；].{10,}|.{10,}[，。！？；：]")


def unwrap_single_cell_tables(tree: lxml.html.HtmlElement) -> int:
    """Read each table of one row and one cell that holds two or more paragraphs as the block
    it is (Discuz's portal: <table class="vwtb"><tr><td id="article_content"><p>…); returns how
    many. Read as a table, its paragraphs became one row, one line."""
    unwrapped = 0
    for table in tree.xpath("//table[count(.//tr) = 1][count(.//td | .//th) = 1]"):
        cell = next(iter(table.xpath(".//td | .//th")), None)
        if cell is None or len(cell.xpath("./p | ./div | ./P")) < 2 or cell.xpath(".//table"):
            continue
        for wrapper in [*cell.iterancestors()]:
            if wrapper is table:
                break
            wrapper.drop_tag()  # the row (and a tbody): the cell's content stands in the table
        cell.tag, table.tag = "div", "div"
        unwrapped += 1
    return unwrapped


def unwrap_picture_links(tree: lxml.html.HtmlElement) -> int:
    """Keep the picture and drop the link around it where a link in a paragraph, or in a
    picture's box beside its caption, holds a picture and no text (``<p><a href="showimage?…">
    <img></a><br>caption</p>``, WordPress's ``<div class="wp-caption"><a><img></a><p>caption``);
    returns how many. trafilatura took such a box for a link and dropped it with its caption;
    the link has no text to lose. (Elsewhere, icon links beside labels are menus: they stay
    links.)"""
    links = []
    for img in tree.iter("img"):  # (from the pictures, which are few, not from every box)
        link = img.getparent()
        if link is None or link.tag != "a" or link.text_content().strip():
            continue
        box = link.getparent()
        if any(a.tag == "p" for a in link.iterancestors()) or (box is not None and box.tag == "figure"):
            links.append(link)
        # (a caption is no link: a teaser's box, <a><img></a><p><a>headline</a></p>, stays)
        elif box is not None and box.tag == "div":
            captions = [p for p in box if isinstance(p.tag, str) and p.tag == "p"]
            if any(p.text_content().strip() for p in captions) and not any(next(p.iter("a"), None) is not None
                                                                             for p in captions):
                links.append(link)
    for link in dict.fromkeys(links):
        link.drop_tag()
    return len(dict.fromkeys(links))


# a topic or a mention a post links: #家门口就业#, @青溪发布
_TAG_LINK = re.compile(r"^(#[^#\s]{1,30}#|@[\w·-]{1,30})$")


def unwrap_tag_links(main: lxml.html.HtmlElement) -> int:
    """Drop the link around each topic and mention inside the densest block (``#家门口就业#``,
    ``@青溪发布``), keeping its words; returns how many. They are the post's own words, and a
    paragraph of them read as a list of links to trafilatura, which dropped it. Outside the
    block, a list of topics is a sidebar's, and stays links."""
    links = [a for a in main.iter("a") if _TAG_LINK.match((a.text_content() or "").strip())]
    for link in links:
        link.drop_tag()
    return len(links)


# where a paragraph's last sentence ends: a closing quote or bracket may follow the stop
_SENTENCE_ENDS = re.compile(r"[。！？!?…][”’」』）)]?\s*$")


def drop_closing_prompt_links(main: lxml.html.HtmlElement, rules: Rules) -> int:
    """Drop each link that closes a paragraph after its last sentence and whose words are a
    line the boilerplate rules drop (搜狐's 返回搜狐，查看更多, a 【打印】 link); returns how many.
    Glued to the paragraph, the line rules after extraction never see it alone. A link inside
    a sentence (关注<a>微信</a>公众号) is the sentence's."""
    dropped = 0
    for link in list(main.iter("a")):
        words = " ".join(link.text_content().split())
        parent = link.getparent()
        if not words or parent is None or (link.tail or "").strip() or not rules.boilerplate.search(words):
            continue
        if any(_own_text(later) for later in link.itersiblings()):
            continue
        before = (parent.text or "") + "".join(_own_text(earlier) for earlier in reversed(
            list(link.itersiblings(preceding=True))))
        if _SENTENCE_ENDS.search(before):
            link.drop_tree()
            dropped += 1
    return dropped


def _own_text(el: lxml.html.HtmlElement) -> str:
    """An element's text and the text after it, up to its next sibling."""
    inside = el.text_content() if isinstance(el.tag, str) else ""
    return (inside or "") + (el.tail or "")


def wrap_bare_text(tree: lxml.html.HtmlElement) -> int:
    """Give text that sits beside paragraphs, outside any, a paragraph of its own: each run of
    it (the text and the inline elements) from the container's start, a block or a ``<br>`` to
    the next (<td><p>picture</p>First.<br><br>Second.</td>); returns how many were wrapped."""
    wrapped = 0
    for container in tree.xpath("//*[p or P]"):
        if container.tag in _PARAGRAPHS:
            continue
        runs: list[tuple[lxml.html.HtmlElement | None, list[lxml.html.HtmlElement]]] = [(None, [])]
        for child in container:
            if not isinstance(child.tag, str) or child.tag.lower() in _BLOCKS or child.tag == "br":
                runs.append((child, []))
            else:
                runs[-1][1].append(child)
        for start, inline in runs:
            text = container.text if start is None else start.tail
            # (only where text opens it: a run led by a link is a menu's, and stays as it is)
            if len((text or "").strip()) < BARE_TEXT_CHARS:
                continue
            paragraph = lxml.html.Element("p")
            paragraph.text = text
            if start is None:
                container.text = None
                container.insert(0, paragraph)
            else:
                start.tail = None
                start.addnext(paragraph)
            for el in inline:
                paragraph.append(el)  # its tail, the run's text after it, goes along
            wrapped += 1
    return wrapped


# Longest cell of a data table read as rows: a longer one holds a page's text, not a figure
DATA_CELL_MAX_CHARS = 40


def data_tables_as_rows(block: lxml.html.HtmlElement) -> int:
    """Read each data table inside the article's own block (年份 输出人数 劳务收入) as paragraphs,
    a row each, its cells joined by two spaces (as table rows read elsewhere); returns how many
    tables. On a page laid out with tables, which trafilatura reads without them, the table
    was lost. A table that holds a table, a row of one cell or a long cell is layout."""
    changed = 0
    for table in list(block.iter("table")):
        if table.getparent() is None or next(islice(table.iter("table"), 1, None), None) is not None:
            continue
        rows = [[" ".join(cell.text_content().split()) for cell in row if cell.tag in ("td", "th")]
                for row in table.iter("tr")]
        rows = [row for row in rows if any(row)]
        if len(rows) < 2 or any(len(row) < 2 or max(map(len, row)) > DATA_CELL_MAX_CHARS for row in rows):
            continue
        rows_block = lxml.html.Element("div")
        for row in rows:
            lxml.etree.SubElement(rows_block, "p").text = "  ".join(cell for cell in row if cell)
        rows_block.tail = table.tail
        table.getparent().replace(table, rows_block)
        changed += 1
    return changed


# Least a cell holds to be prose of its own in a form's table (a letter, a reply)
PROSE_CELL_CHARS = 40
# A label that names its cell as the item's content (来信内容, 答复内容, 回复内容, 问题描述)
_CONTENT_LABEL = re.compile(r"(内容|內容|正文|描述|答复|答覆|回复|回覆)\s*[:：]?$")
# Most a form's field holds beside its label (a name, a date, a department)
FIELD_VALUE_CHARS = 30
# what marks the prose moved out of such a cell: the letter's and the reply's, both the article's
CELL_PROSE = "data-cell-prose"
# Most a cell holds to be the label before it (来信内容, 办理结果：)
LABEL_CELL_CHARS = 8


def prose_cells_as_paragraphs(tree: lxml.html.HtmlElement) -> int:
    """Move the prose of a form's table out after it, a paragraph a cell: a cell of sentences
    (``PROSE_CELL_CHARS`` or more, few links) after a label cell in its row (<th>来信内容</th><td>
    您好！我是…</td>), in a table that holds no table; returns how many cells. On a page laid out
    with tables, which trafilatura reads without them, a citizen's letter or a notice's body
    set in such a table was lost; its labels and short values (来信人, 办理状态) stay in the
    table, which is not read."""
    moved = 0
    for table in list(tree.iter("table")):
        if table.getparent() is None or next(islice(table.iter("table"), 1, None), None) is not None:
            continue
        paragraphs = []
        for row in table.iter("tr"):
            cells = [cell for cell in row if cell.tag in ("td", "th")]
            for label, cell in zip(cells, cells[1:], strict=False):
                shown = " ".join(cell.text_content().split())
                named = " ".join(label.text_content().split())
                # (a cell its label names as the content, 来信内容, may be one short sentence)
                least = BARE_TEXT_CHARS if _CONTENT_LABEL.search(named) else PROSE_CELL_CHARS
                if (label.tag == "th" or visible_chars(named) <= LABEL_CELL_CHARS) \
                        and visible_chars(shown) >= least and _SENTENCE_END.search(shown) \
                        and chars_outside_links(cell) >= 0.7 * visible_chars(shown):
                    paragraphs.append(cell)
        if not paragraphs:
            continue
        after = table
        for cell in paragraphs:
            # a paragraph, as trafilatura reads one; a cell of paragraphs keeps them in a <div>
            blocks = any(isinstance(el.tag, str) and el.tag in _BLOCKS for el in cell.iterdescendants())
            paragraph = lxml.html.Element("div" if blocks else "p", {CELL_PROSE: ""})
            paragraph.text, paragraph[:] = cell.text, list(cell)
            cell.text = None
            paragraph.tail, after.tail = after.tail, None
            after.addnext(paragraph)
            after = paragraph
            moved += 1
        # what the form holds besides is the record's fields (来信人, 来信时间, 答复单位), a
        # label and a short value each: not the article's text
        if all(visible_chars(cell.text_content()) <= FIELD_VALUE_CHARS for cell in table.iter("td", "th")):
            table.drop_tree()
    return moved


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


def _has_contents(tree: lxml.html.HtmlElement) -> bool:
    """Whether the page has a table of contents: one list of CONTENTS_MIN_LINKS or more links
    to its own sections (#1, #para3_1), as encyclopedias and wikis have and news pages do not."""
    lists: Counter = Counter()
    for link in tree.xpath("//a[starts-with(@href, '#') and string-length(@href) > 1]"):
        # the list the link is an item of (<li><a>, or <li><span class="text"><a>: 百度百科's)
        holder = next((a for a in islice(link.iterancestors(), 3) if a.tag in ("ul", "ol", "dl")), None)
        if holder is None and (item := link.getparent()) is not None:
            holder = item.getparent()
        if holder is not None:
            lists[holder] += 1
    return any(count >= CONTENTS_MIN_LINKS for count in lists.values())


def summary_before_text(tree: lxml.html.HtmlElement, text: str) -> list[str]:
    """A reference page's summary that trafilatura left out: the paragraphs of prose between
    the headline (<h1>) and the text's first line, on a page with a table of contents, where
    the summary stands apart from the sections' container (搜狗百科's abstract, 360百科's card)
    and trafilatura read the sections alone. A news page has no table of contents."""
    lines = [line for line in text.split("\n") if line.strip()]
    headline = next(tree.iter("h1"), None)
    if not lines or headline is None or not _has_contents(tree):
        return []
    # compared on word characters alone: trafilatura writes a table's row as | a | b |; from the
    # text's first line of prose (a line over it may be the page's, 本词条由…审核)
    opening = next((line for line in lines if len(NOT_WORD.sub("", line)) >= SUMMARY_MIN_CHARS
                    and _SENTENCE_END.search(line)), lines[0])
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
        if el.tag not in ("p", "div") or any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in el):
            continue  # paragraphs are leaves
        if len(words) >= SUMMARY_MIN_CHARS and _SENTENCE_END.search(shown) \
                and chars_outside_links(el) >= 0.7 * len(words) and words[:20] not in squashed:
            found.append(shown)
    return []  # the text's first line is not found soon after the headline: no telling


# A string in a page's script, as JSON writes one (escapes and all), long enough to be an
# article's body
_SCRIPT_STRING = re.compile(r'"((?:[^"\\\n]|\\.){100,})"')
# Least Han an app's state must hold in one string to be read as the article
STATE_MIN_HAN = 100


def text_from_page_state(tree: lxml.html.HtmlElement) -> str:
    """The article an app's page keeps only in its script state and renders in the browser
    (``__NEXT_DATA__``, ``window.__INITIAL_STATE__ = {...}``): of the JSON strings in its scripts,
    the one with the most Han characters (``STATE_MIN_HAN`` or more), one line per paragraph
    where it is HTML; "" where there is none. Asked only where the page's markup gave no text."""
    best, most = "", STATE_MIN_HAN - 1
    for script in tree.iter("script"):
        for match in _SCRIPT_STRING.finditer(script.text or ""):
            try:
                value = json.loads(f'"{match.group(1)}"')
            except ValueError:  # a JavaScript string JSON does not read
                continue
            if (han := len(HAN_CHAR.findall(value))) > most:
                best, most = value, han
    if not best or "<" not in best:
        return "\n".join(line.strip() for line in best.split("\n") if line.strip())
    try:
        fragment = lxml.html.fragment_fromstring(best, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for el in fragment.iter(lxml.etree.Element):  # a line break around each block and at each <br>
        if el.tag in _BLOCKS or el.tag in ("br", "li"):
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    lines = (" ".join(line.split()) for line in fragment.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


# Least a list item holds to count as the article's prose (a menu's items are shorter)
LIST_ITEM_MIN_CHARS = 10


def lists_back_in_place(main: lxml.html.HtmlElement, text: str) -> tuple[str, int]:
    """Put back the lists of the densest block that trafilatura's text lost, each after the
    paragraph that introduces it (今年将重点做好以下几项工作：, then the items); returns the text and
    how many lists. trafilatura drops such a list at times, on pages where the same list alone
    is kept. A list goes back only whole (two or more items of prose, none of them in the text)
    and only where the paragraph before it is one of the text's lines."""
    lines = text.split("\n")
    squashed = NOT_WORD.sub("", text)
    restored = 0
    for listing in main:
        if not isinstance(listing.tag, str) or listing.tag not in ("ul", "ol"):
            continue
        items = [" ".join(li.text_content().split()) for li in listing if li.tag == "li"]
        if len(items) < 2 or any(len(NOT_WORD.sub("", item)) < LIST_ITEM_MIN_CHARS for item in items) \
                or link_chars(listing) or any(NOT_WORD.sub("", item)[:20] in squashed for item in items):
            continue
        before = listing.getprevious()
        while before is not None and not (isinstance(before.tag, str) and before.text_content().strip()):
            before = before.getprevious()
        introduction = NOT_WORD.sub("", before.text_content()) if before is not None else ""
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
    column = main.getparent() if main.getparent() is not None else main  # under <body>: the page
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
    merged = [line for line in table_rows_as_text(text).split("\n")  # its list items as text
              if (squashed := "".join(line.split())) and (squashed in kept or squashed in block_own)]
    added = len(merged) - sum("".join(line.split()) in kept for line in merged)
    # (only where trafilatura's lines hold readability's text: its lines split it the same way)
    if added and _shared_chars("".join(merged), other) >= rules.inside * other_chars:
        return "\n".join(merged), why + f": readability's taken, and {added} lines in the block it left"
    return other, why + ": readability's taken"


def extract_article(html: str, url: str | None = None, rules: Rules | None = None) -> Article:
    """Main text and metadata of an article page. ``text`` is paragraphs joined by newlines.
    ``rules``: the cleaning rules whose ``[blocks]`` say what furniture goes before extraction.
    Raises PageTooLarge past MAX_TAGS."""
    if (tags := html.count("<")) > MAX_TAGS:
        raise PageTooLarge(f"{tags} tags, over the limit of {MAX_TAGS}")
    # Control characters are never page text, and lxml refuses strings that hold them.
    html = as_html_document(_CONTROL.sub("", html))
    rules = rules or load_rules()
    # One parse serves trafilatura (which works on its own copy) and the metadata readers below.
    tree = parse_html(html)
    notes = []
    if tree is not None and (framed := inline_framed_documents(tree)):
        notes.append(f"{framed} documents a frame carries in the page (srcdoc) read in place")
    # (found once, the framed documents' too: the fold's step and the step that drops them ask)
    hidden = hidden_elements(tree) if tree is not None else []
    # (read before a form's table, the record's fields, is dropped)
    form = form_title(tree) if tree is not None else None
    # what the page holds but lays out so that extractors miss it, set as paragraphs, in order
    # (a cell of <br>-separated runs is a block before its breaks become paragraphs)
    preparation = (
        (lambda tree: reveal_folded_text(tree, hidden),
         "{} folds of the article's text (hidden until 展开全文 is tapped) shown"),
        (paragraphs_from_printed_lines, "{} paragraphs of a PDF's printed lines (pdf2htmlEX) joined"),
        (paragraphs_from_preformatted, "{} blocks of prose set as plain text (<pre>) given a paragraph each"),
        (paragraphs_from_questions, "{} lists of questions and answers read as paragraphs, answers shown"),
        (unwrap_single_cell_tables, "{} tables of one cell holding paragraphs read as blocks"),
        (paragraphs_from_breaks, "{} blocks of <br>-separated text given a paragraph per run"),
        (paragraphs_from_sections, "{} sections of inline text read as paragraphs"),
        (headings_from_wrappers, "{} section headings set apart in wrappers read as paragraphs"),
        (unwrap_picture_links, "{} links around a picture alone unwrapped"),
        (captions_from_figures, "{} pictures' captions read as paragraphs"),
        (wrap_bare_text, "{} runs of text beside paragraphs given paragraphs of their own"),
    )
    for step, note in preparation if tree is not None else ():
        if changed := step(tree):
            notes.append(note.format(changed))
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
    doc = _trafilatura(tree, url, include_tables=not laid_out) if tree is not None else None
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
    elif not laid_out and is_layout_table_dump(text):
        # a table layout the share of text did not show: the cells are not data after all,
        # except the data tables inside the article's block (a short notice over its list)
        if main is not None and (tables := data_tables_as_rows(main)):
            notes.append(f"{tables} data tables in the densest block read as rows")
        doc = _trafilatura(tree, url, include_tables=False) or doc
        text = (doc.text or "") if doc else ""
        extractor = "trafilatura (layout tables skipped)"
        notes.append("half the text's lines were table rows: a layout, read again without tables")
    elif not laid_out and main is not None and _paragraphs_in_one_line(block, text):
        # its fast pass found too little and gave the page's whole text in one line (its
        # baseline), header and share bar and all: its full pass, with its second opinions, reads
        # the paragraphs
        full = _trafilatura(tree, url, include_tables=True, fast=False)
        if full is not None and not _paragraphs_in_one_line(block, full.text or ""):
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
    if len(text) < MIN_TEXT_CHARS and tree is not None and (state := text_from_page_state(tree)):
        notes.append(f"the markup holds {len(text)} characters: the app's script state holds the "
                     f"article ({len(state)})")
        text, extractor = state, "the page's script state"
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
    metas = _metas(tree)
    # the page's own evidence first; htmldate's search of the whole page where it is silent
    evidence = (
        ("a <meta> date", lambda: _meta(metas, "article:published_time", "publishdate", "PubDate",
                                         "firstpublishedtime")),  # TRS CMS (many government sites)
        ("the dateline", lambda: find_dateline(_visible_text(tree))),
        ("htmldate's search of the page", lambda: _htmldate(tree, url)),
        # a notice the page dates nowhere else: the date its sender signed it under
        ("the notice's signature", lambda: signature_date(text, rules)),
        # a dateline htmldate cannot read: 海峽網4月29日訊, the year from the URL
        ("the text's first lines", lambda: find_date(head, url)),
    )
    source_of_date, published = next(((label, found) for label, find in evidence if (found := find())),
                                      (None, None))
    if published:
        published = find_date(published) or published
        notes.append(f"published {published}, from {source_of_date}")
    # the headline the page gives sharing sites (og:title), and the one a government site's
    # metadata gives (ArticleTitle, the national standard's), are headings too
    page_title = _page_title(tree) or ""
    title = clean_title(page_title or _meta(metas, "og:title"),
                        [h for h in [*_headings(tree), _meta(metas, "og:title") or "",
                                     _meta(metas, "ArticleTitle") or ""]
                         if h != _meta(metas, "og:site_name")])
    if _EDITION_PAGE.search(page_title) and (top := _top_heading(tree)) and top not in page_title:
        # an e-paper's <title> names the paper and the page (新华每日电讯 - 05版:新华视点), not the
        # article: the page's first headline of the highest rank is it
        title = top
        notes.append("the title names an e-paper's page: the headline is the page's top heading")
    if (not title or len(title) < MIN_TITLE_CHARS) and (lead := _LEAD_HEADLINE.match(text)):
        title = lead.group(1)
        notes.append("the title names only the platform: the headline the post opens with, in 【】")
    if (not title or _SITE_NAME.search(title)) and (prominent := prominent_headline(tree, main)):
        notes.append(f"the title names only the site ({title}): the headline is the line set large above "
                     "the article")
        title = prominent
    if form and (not title or (title not in form and len(title) < len(form))):
        notes.append(f"the title names a section ({title}): the headline is the form's 标题 row")
        title = form
    if title and (tagged := column_tag(tree, title)):
        column, title = tagged
        notes.append(f"the headline's tag [{column}] names its column, a link of the page: not the headline")
    companions = [*headline_companions(tree, title), *title_site_names(page_title, title,
                                                                       _meta(metas, "og:site_name"))] \
        if title else []
    if companions:
        lines = text.split("\n")
        # only among the lines above the text's first sentence, where the headline stands
        first = next((i for i, line in enumerate(lines) if _SENTENCE_MARK.search(line)), len(lines))
        kept = [line for i, line in enumerate(lines)
                if i >= first or " ".join(line.split()) not in companions]
        if dropped := len(lines) - len(kept):
            text = "\n".join(kept)
            notes.append(f"{dropped} lines beside the headline (its kicker, its subtitle, the site's name) "
                         "dropped")
    return Article(
        title=title,
        published=published,
        author=_meta(metas, "author") or find_author(head),
        source=_meta(metas, "source", "og:site_name") or find_source(head),
        text=text,
        extractor=extractor,
        explanation=notes,
    )
