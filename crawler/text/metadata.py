"""A page's headline, date, author and source.

The <title> less its site and channel names, checked against the page's headings; the date
from the page's own evidence (a <meta>, its dateline, htmldate's search, a notice's signature);
Chinese formats (``2020-05-07 来源:映象网``, ``2018.01.02``, ``海峽網4月29日訊``, ``(记者 张三)``)
read where the meta tags are silent.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import htmldate
import lxml.html

from crawler.text.clean import ends_signed, post_header_title, signature_end
from crawler.text.han import HAN, HAN_CHAR, HAN_RANGES, PROSE_STOP, SENTENCE_STOP
from crawler.text.parse import element_showing, visible_text
from crawler.text.rules import Rules, load_rules

_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})(?!\d)")
# 海峽網4月29日訊, 本报讯（记者 彭浩）3月21日: a dateline without a year.
_DATELINE = re.compile(r"(\d{1,2})月(\d{1,2})日[讯訊电電]"
                       r"|^\S{0,12}[讯訊电電]\s*(?:[（(][^）)]{0,30}[)）])?\s*(\d{1,2})月(\d{1,2})日", re.M)
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


# A heading this long that the <title> starts with, a separator after it, is the headline
# however long the site's part of the title is (… @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::).
HEADLINE_PREFIX_CHARS = 8
_TITLE_SEPARATOR = re.compile(r"_|\||｜|::|\s[-–—@]\s|--|——")


# A title shorter than this is a platform's name (微博, 知乎), never a headline; a post then opens
# with its headline in 【】, as news accounts write them
MIN_TITLE_CHARS = 4
_LEAD_HEADLINE = re.compile(r"^【([^】\n]{6,60})】")
_SHORT_HEADLINE_PART = re.compile(r"\s+[-|｜–—_]\s|_")


# The day a <title> gives after its headline, in brackets: (20240318), （2024-03-18）
_DAY_IN_BRACKETS = re.compile(r"\s*[(（\[]\s*(19|20)\d{2}[-./年]?\d{1,2}[-./月]?\d{1,2}日?\s*[)）\]]\s*$")


def _names_site(heading: str, title: str) -> bool:
    """Whether a heading the <title> holds after a separator is only part of the part it stands
    in: a site's name (新闻动态--中国地理学会官网, the footer's 中国地理学会), not the headline,
    which fills its part (黄山市人民政府_政务公开_关于举办招聘会的通知)."""
    start = title.index(heading)
    after = _DAY_IN_BRACKETS.sub("", title[start + len(heading):])  # (明報's … (20240318))
    return bool(_TITLE_SEPARATOR.search(title[:start])) and bool(after.strip()) \
        and not (_TITLE_SEPARATOR.match(after) or _TITLE_SEPARATOR.match(after.lstrip()))


def _leads_title(heading: str, title: str) -> bool:
    """Whether the <title> opens with the heading, a separator after it (or, after a Chinese
    headline, its English version: a bilingual page's; or the text's opening cut short)."""
    rest = title[len(heading):].lstrip()
    return (len(heading) >= HEADLINE_PREFIX_CHARS and title.startswith(heading)
            and (rest[:1] in tuple("_-|@:｜–—")
                 or bool(HAN_CHAR.search(heading) and _ENGLISH_AFTER.match(title[len(heading):]))
                 or bool(_CUT_OPENING_AFTER.match(title[len(heading):]))))


_ENGLISH_AFTER = re.compile(r"\s+[A-Za-z]")
# ... or the text's opening words cut short (雪球: 标题 今年春节在老家县城待了二十多天…)
_CUT_OPENING_AFTER = re.compile(r"\s+[^…]{4,}?(…|\.{3})")


# What kind of item a title's leading tag says it is ([视频], [转帖], 【组图】), which no
# headline is part of
_ITEM_KINDS = "视频|視頻|组图|組圖|图|圖|图文|圖文|转帖|轉帖|转载|轉載|原创|原創|拼音注音版|注音版|拼音版"
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
        # (a bilingual page's <title> holds both headlines: the Chinese one is the archive's)
        return max(starts, key=lambda h: (bool(HAN_CHAR.search(h)), len(h)))
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
        month, day = (int(g) for g in match.groups() if g is not None)
        return iso_date(int(year.group(1)), month, day)
    return None


# A whole date in the page's address, which a CMS files an article under (/202404/16/P2024041600147.htm,
# /2024/04/16/slug.html, /2024-04/16/c_123.htm, /art/2024/4/16/art_1_2.html, TRS's t20240416_123.html)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[-/]?(\d{2})[-/]?(\d{2})/|/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/"
                       r"|/t((?:19|20)\d{2})(\d{2})(\d{2})_\d")


def url_date(url: str | None) -> str | None:
    """The date the page's address files it under, if its path holds a whole one."""
    path = urlsplit(url).path if url else ""
    for match in _URL_DATE.finditer(path):
        year, month, day = (int(g) for g in match.groups() if g is not None)
        if found := iso_date(year, month, day):
            return found
    return None


def signature_date(text: str, rules: Rules | None = None) -> str | None:
    """The date a notice is signed under (its sender, then the date, closing the text, but
    for lines the cleaning drops: its 版记, the site's footer)."""
    rules = rules or load_rules()
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    while lines and (rules.boilerplate.search(lines[-1]) or rules.header_anywhere.search(lines[-1])):
        lines.pop()
    return find_date(lines[signature_end(lines) - 1]) if ends_signed(lines, rules) else None


def dump_title(text: str, rules: Rules | None = None) -> str | None:
    """The headline of a plain-text dump: among its first lines, the first that reads as one
    (8 to 60 characters, not a sentence, not a date line, not a breadcrumb, the site's or the
    paper's name, nor a line the cleaning ``rules`` take for page furniture: a menu, a prompt)."""
    rules = rules or load_rules()
    for line in [line.strip() for line in text.split("\n")[:8]]:
        line = re.sub(r"^(原标题|原標題)\s*[:：]", "", line)
        if not 8 <= len(line) <= 60 or PROSE_STOP.search(line) or _DATE.search(line):
            continue
        if re.search(r"[>＞]|位置|来源|來源", line):
            continue
        # (赣南日报 客家新闻网, 中國甘肅網 繁體版: names, whatever else the line holds)
        if any(_SITE_NAME.search(part) or _PAPER_NAME.search(part) for part in line.split()) \
                or rules.boilerplate.search(line):
            continue
        return line
    return None


_DATELINE_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?"
    r"(\s*[,，]?\s*\d{1,2}:\d{2})?"  # (a forum's date, a comma, its time: 2023-11-06, 09:15)
)
_DATE_LABEL = re.compile(r"(发布|發布|时间|時間|日期|更新|发表|發表)\s*[:：]?\s*$")
_DOCUMENT_DATE_LABEL = re.compile(r"(发文|發文|成文|印发|印發|签发|簽發)(日期|时间|時間)\s*[:：]?\s*$")
# a profile's dates, labelled as a post's are: when the blog opened, the member joined
_PROFILE_DATE_LABEL = re.compile(
    r"(开博|開博|注册|註冊|加入|入驻|入駐|登录|登錄|出生)(时间|時間|日期|于|於)\s*[:：]?\s*$"
    # and when a post was edited, not published (知乎's 编辑于, a forum's 最后编辑), and when a
    # list's thread last had a post (最後發表)
    r"|(编辑于|編輯於|修改于|修改於|最后编辑|最後編輯|最后发表|最後發表|最后回复|最後回覆)\s*[:：]?\s*$"
    # and when a quote box's or a chart's figures were last refreshed (数据更新：…)
    r"|(数据|數據|行情|报价|報價)(更新|时间|時間)\s*[:：]?\s*$"
    # and when a journal received, had back or accepted a paper (收稿日期：…), not published it
    r"|(收稿|修回|录用|錄用|接收)(日期|时间|時間)\s*[:：]?\s*$")
# a date said after it to be an edit's (已于 2024-04-18 10:26:37 修改), or the first
# publication's (于 2024-04-16 21:03:12 首次发布); (…08:13更新 is many a CMS's publication)
_EDITED_AFTER = re.compile(r"^(:\d{2})?(\s*[AaPp][Mm])?\s*(被\s*\S{1,20}?\s*)?(修改|编辑|編輯)")
_PUBLISHED_AFTER = re.compile(r"^(:\d{2})?\s*(首次)?(发布|發布|发表|發表)")
# a BBS post's header date as C's ctime writes it: Sat Jan 20 14:32:17 2018
_CTIME = (r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +(\d{1,2}) "
          r"\d{2}:\d{2}:\d{2} {zone}((?:19|20)\d{2})\b")
_CTIME_DATE = re.compile(_CTIME.replace("{zone}", ""))
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _ctime_day(match: re.Match[str]) -> str | None:
    """The day a ctime match (``_CTIME``'s groups: month, day, year) names, as ISO."""
    return iso_date(int(match[3]), _MONTHS.index(match[1]) + 1, int(match[2]))
_AFTER_DATE = re.compile(
    rf"^.{{0,40}}?(来源|來源|作者|记者|記者|编辑|編輯|责编|責編|\[ *{HAN}{{2,4}} *\])"
)
# An info line's next field right after the date (2023-05-16 来源：…): a label and its colon,
# which a sentence ("2020年5月1日，记者从…获悉") does not have
_INFO_FIELD_AFTER_DATE = re.compile(
    r"^[\s\u3000]{0,6}(来源|來源|稿源|作者|编辑|編輯|责编|責編|发布者|發布者)\s*[:：]")


# An app's state names its item's date (weibo's "created_at": "Tue Mar 05 10:12:33 +0800 2024",
# "publishTime": "2024-06-03 08:00", "pubDate": 1717372800000)
_STATE_DATE = re.compile(
    r'"(created_?[Aa]t|create_?[Tt]ime|publish_?[Tt]ime|publish_?[Dd]ate|pub_?[Dd]ate|pub_?[Tt]ime'
    r'|date_?[Pp]ublished|release_?[Tt]ime)"\s*:\s*("([^"]{8,40})"|(\d{10}|\d{13})\b)')
# (a state's ctime may carry its zone: Tue Mar 05 10:12:33 +0800 2024)
_CTIME_ZONED = re.compile(_CTIME.replace("{zone}", "(?:[+-]\\d{4} )?"))
# Hours east of UTC that an epoch's day is read in: China's
_CHINA_HOURS = 8


def state_date(tree: lxml.html.HtmlElement) -> str | None:
    """The date an app's script state gives its item (``_STATE_DATE``): asked where the article
    came from that state, whose own date the page shows nowhere else."""
    for script in tree.iter("script"):
        for match in _STATE_DATE.finditer(script.text or ""):
            written, epoch = match.group(3), match.group(4)
            if epoch:
                seconds = int(epoch) // (1000 if len(epoch) == 13 else 1) + _CHINA_HOURS * 3600
                return datetime.fromtimestamp(seconds, UTC).date().isoformat()
            if zoned := _CTIME_ZONED.search(written):
                return _ctime_day(zoned)
            if found := find_date(written):
                return found
    return None


def _shown_state_date(tree: lxml.html.HtmlElement) -> str | None:
    """The date an app's script state gives its item, where the page shows that day's month
    and day with a time (05-06 10:32, 5月6日 10:32)."""
    if (found := state_date(tree)) is None:
        return None
    month, day = int(found[5:7]), int(found[8:10])
    shown = re.compile(rf"(?<!\d)(0?{month}-0?{day}|{month}月{day}日)\s*\d{{1,2}}:\d{{2}}")
    return found if shown.search(visible_text(tree)) else None


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
        # (a document's own dates, 发文日期 and 成文日期 in a disclosure's record, are the page's
        # only where nothing dates its publishing: a label of theirs counts half)
        score += (1 if _DOCUMENT_DATE_LABEL.search(before) else 2) * bool(_DATE_LABEL.search(before))
        after = visible_text[match.end():match.end() + 60]
        if _EDITED_AFTER.match(after):
            continue
        score += 2 if _INFO_FIELD_AFTER_DATE.match(after) or _PUBLISHED_AFTER.match(after) \
            else bool(_AFTER_DATE.match(after))
        if score >= 2 and (best is None or score > best[0]):
            best = (score, match.start(), found)
    if best is None and (ctime := _CTIME_DATE.search(visible_text)):
        return _ctime_day(ctime)
    if best is None:
        return _roc_date(visible_text)
    return best[2]


# A date of the Republic of China's calendar (Taiwan's government sites: 113-05-06 is 2024-05-06)
# after a publication's label, or named so (中華民國113年5月6日)
ROC_YEAR_ZERO = 1911
_ROC_DATE = re.compile(
    r"(?:(?:发布|發布|公告|公佈|发稿|發稿)(?:日期|时间|時間)\s*[:：]?\s*|(?:中華民國|中华民国|民國|民国)\s*)"
    r"(?<!\d)(\d{2,3})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})(?!\d)")


def _roc_date(visible_text: str) -> str | None:
    for match in _ROC_DATE.finditer(visible_text):
        if found := iso_date(int(match[1]) + ROC_YEAR_ZERO, int(match[2]), int(match[3])):
            return found
    return None


def find_author(text: str) -> str | None:
    if match := _AUTHOR.search(text):
        names = re.split(r"[ 、,，]+", match.group(1).strip())
        return " ".join(n for n in names if n and n not in _ROLES) or None
    return None


def find_source(text: str) -> str | None:
    match = _SOURCE.search(text)
    return match.group(1) if match else None


# h1-h6 and elements whose class or id says title
# a custom element named as a title counts too: an e-paper system's <founder-title>
# (a class or id is found from the attributes: faster than a test of every element)
_HEADINGS = lxml.etree.XPath(
    '//h1 | //h2 | //h3 | //h4 | //h5 | //h6 | //*[contains(name(), "-title")] '
    '| //@class[contains(translate(., "TITLE", "title"), "title")]/.. '
    '| //@id[contains(translate(., "TITLE", "title"), "title")]/..')
# a site's home page, linked from its logo
_HOME_LINKS = ("/", "./")


def _home_link(href: str | None) -> bool:
    """A link to the site's home page: its root (``/``, ``https://host/``) or its index file."""
    if href is None:
        return False
    href = href.strip()
    if href in _HOME_LINKS or href.startswith("index."):
        return True
    parts = urlsplit(href)
    return bool(parts.netloc) and parts.path in ("", "/") and not parts.query


def _shows_site_name(tree: lxml.html.HtmlElement, title: str, metas: dict[str, str]) -> bool:
    """Whether a <title> is the site's name as the page itself names its site: og:site_name,
    or the words (or the logo's alt) of a link to the home page (an app's page titled 学习强国
    over its headline in a box)."""
    if title == " ".join((meta(metas, "og:site_name") or "").split()):
        return True
    return any(_home_link(link.get("href")) for link in _LINKS_NAMED(tree, name=title))


# Most a site's name holds (学习强国, 青岚市人力资源和社会保障局): a longer <title> without a
# separator is a headline, and no link's words are searched for it (a quarter of a millisecond)
SITE_NAME_MAX_CHARS = 16
# The links whose words, or whose picture's alt, are a name (found by the parser, not by
# reading every link's words in Python)
_LINKS_NAMED = lxml.etree.XPath("//a[normalize-space(.) = $name or .//img[normalize-space(@alt) = $name]]")


def _is_logo(el: lxml.html.HtmlElement) -> bool:
    """A site's logo: its name in an <h1> in a box named logo, or a heading that is one link to
    the home page (a blog's name over its posts). (Asked of the few headings in Python: as an
    XPath predicate it cost a quarter of the search.)"""
    if any("logo" in (box.get("class") or "").lower() or "logo" in (box.get("id") or "").lower()
           for box in (el, *el.iterancestors())):
        return True
    links = list(el.iterdescendants("a"))
    return len(links) == 1 and _home_link(links[0].get("href"))


def _headings(tree: lxml.html.HtmlElement) -> list[str]:
    """Texts that may be the headline: h1-h6, and elements whose name, class or id says title,
    but not a site's logo."""
    found = []
    for el in _HEADINGS(tree):
        if _is_logo(el):
            continue
        # a blog template's trailing separators (谁来为无序拆房“埋单”？- -)
        text = " ".join(el.text_content().split()).rstrip(" -_|")
        if 2 <= len(text) <= 120:  # (clean_title asks more of one under 4)
            found.append(text)
    return found


# An e-paper's page named in a <title>: 05版, 第A03版, 版面
_EDITION_PAGE = re.compile(r"第?[A-Za-z]?\d{1,2}\s*版|版面")
# Least a heading holds to be taken for the headline without the <title>'s word
TOP_HEADING_CHARS = 6


def _top_heading(tree: lxml.html.HtmlElement, ranks: tuple[str, ...] = ("h1", "h2", "h3")) -> str | None:
    """The first heading of the highest rank on the page (of ``ranks``: h1, else h2, else h3)
    that holds ``TOP_HEADING_CHARS`` or more."""
    for rank in ranks:
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
            if len(text) <= COMPANION_MAX_CHARS and not SENTENCE_STOP.search(text):
                found.append(text)
    return found


# A form's row that holds the item's headline: 信件标题, 留言标题, 标　题, 主题
_FORM_TITLE_LABEL = re.compile(
    r"^(信件|留言|来信|來信|咨询|諮詢|投诉|投訴|问题|問題)?\s*(标\s*题|標\s*題|主\s*题|主\s*題)\s*[:：]?$")


# (found by the parser, which reads no cell's text in Python but a short one's that names a 题:
# a table laid out as the page holds the page in a cell)
_FORM_TITLE_CELLS = lxml.etree.XPath("//tr/*[self::td or self::th][contains(., '题') or contains(., '題')]"
                                     "[string-length(normalize-space(.)) <= 16]")


# A post's header (a BBS's, a mail's), in the lines a <pre> opens with
_HEADER_TITLE_BLOCKS = lxml.etree.XPath("//pre[contains(., '题') or contains(., '題')]")


def form_title(tree: lxml.html.HtmlElement) -> str | None:
    """The headline a letter's or a record's form gives in its 标题 row (<th>信件标题</th>
    <td>职业技能等级证书如何查询？</td>), where the <title> may name only the section (互动交流);
    or a post's header in its 标题 field beside the others (发信人: … / 标  题: … / 发信站: …),
    where the <title> names the board's archive."""
    for label in _FORM_TITLE_CELLS(tree):
        value = next((cell for cell in label.itersiblings() if cell.tag in ("td", "th")), None)
        if value is not None and _FORM_TITLE_LABEL.match(" ".join(label.text_content().split())):
            text = " ".join(value.text_content().split())
            if MIN_TITLE_CHARS <= len(text) <= COMPANION_MAX_CHARS:
                return text
    for block in _HEADER_TITLE_BLOCKS(tree):
        named = post_header_title([line.strip() for line in block.text_content().strip().split("\n")])
        if named and MIN_TITLE_CHARS <= len(named[1]) <= COMPANION_MAX_CHARS:
            return named[1]
    return None


# An edition's day alone, after a programme's name: 2024年5月8日, 2024-05-08, 20240508期
_EDITION_DATE = re.compile(
    r"\s*((19|20)\d{2}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?|(19|20)\d{6})\s*期?\s*")
# A tag before a headline, in brackets: [新闻直播间]陕西商洛：…
_COLUMN_TAG = re.compile(r"^[\[【［]\s*([^\]】］]{2,10}?)\s*[\]】］]\s*(?=\S{6,})")


def column_tag(tree: lxml.html.HtmlElement, title: str) -> tuple[str, str] | None:
    """The name in the tag before a headline (``[新闻直播间]陕西商洛：…``) and the headline
    without it, where the name is a column the page links (its breadcrumb's 新闻直播间): the
    programme's or the channel's, set before each of its items, not the headline's words."""
    match = _COLUMN_TAG.match(title)
    if not match:
        return None
    name, rest = match.group(1), title[match.end():]
    if _EDITION_DATE.fullmatch(rest):
        return None  # a programme's edition (【云溪新闻联播】2024年5月8日): its name is the headline's
    if any(" ".join(a.text_content().split()) == name for a in tree.iter("a")):
        return name, rest
    return None


def title_site_names(page_title: str, headline: str, site_name: str | None = None) -> list[str]:
    """The names the <title> gives beside the headline (… - 上海嘉定, …_就业创业_某某县人民政府),
    and the one og:site_name gives: above the text's first sentence, a line that is one of them
    alone is the info line's source or the site's banner, not the article's."""
    rest = page_title.replace(headline, "|") if headline else page_title
    names = [" ".join(piece.split()) for piece in _TITLE_SEPARATOR.split(rest)]
    return [name for name in [*names, " ".join((site_name or "").split())] if len(name) >= 2]


# A title that names only the site (丰泽县劳动和社会保障信息网, 某某县人民政府): no headline
_SITE_NAME = re.compile(rf"{HAN}(网|網|网站|網站|信息网|信息網|门户|門戶|人民政府|政府网|政府網|在线|在線)$"
                        # or the office's name alone (青岚市人力资源和社会保障局): its site's
                        rf"|^{HAN}{{2,24}}(局|厅|廳|委员会|委員會|办公室|辦公室|管理处|管理處|服务中心|服務中心)$"
                        # (a Taiwanese county's department: 澄湖縣政府勞工處)
                        rf"|^{HAN}{{2,12}}(县政府|縣政府|市政府){HAN}{{1,8}}(处|處)$")


# A newspaper's name alone (澧川日报, 江城晚报, 中国青年报, 澳門日報電子版): an e-paper's <title>
_PAPER_NAME = re.compile(rf"^{HAN}{{2,8}}(日报|日報|晚报|晚報|早报|早報|都市报|都市報|时报|時報|报社|報社"
                         r"|青年报|青年報|农民报|農民報|商报|商報|法制报|法治报|工人报|工人報)"
                         r"(电子版|電子版|数字报|數字報|数字版|數字版)?$")


def _set_large(el: lxml.html.HtmlElement) -> bool:
    """A line set large or bold: its headline, where the <title> does not say it (a heading, or
    on an old page a large font, bold, a cell named a title)."""
    if el.tag in ("h1", "h2", "h3"):
        return True
    if el.tag == "font":
        size = (el.get("size") or "").strip()
        return size.isdigit() and int(size) >= 4
    return el.tag in ("b", "strong") \
        or (el.tag in ("td", "div") and bool(_NAMED_TITLE.search(el.get("class") or "")))


# A class that names a title, in English or in pinyin (标题: biaoti, bt; 大标题: dbt)
_NAMED_TITLE = re.compile(r"tit|biaoti|(^|\s)d?bt(\s|$)", re.I)


# Most a site's part of a <title> holds beside the headline (博陵县人民政府 - 部门动态)
TITLE_SITE_MAX_CHARS = 30
_SEPARATOR_FIRST = re.compile(rf"\s*(?:{_TITLE_SEPARATOR.pattern})")
_SEPARATOR_LAST = re.compile(rf"(?:{_TITLE_SEPARATOR.pattern})\s*$")


def _site_name_beside(title: str, headline: str) -> bool:
    """Whether a <title> is the headline with a site's part before or after it, a separator
    between (紫阳县人民政府--我县举办…, …_部门动态_博陵县人民政府)."""
    if title == headline:
        return False
    if len(title) - len(headline) > TITLE_SITE_MAX_CHARS:
        return False
    if title.startswith(headline):
        return bool(_SEPARATOR_FIRST.match(title[len(headline):]))
    if title.endswith(headline):
        return bool(_SEPARATOR_LAST.search(title[: -len(headline)]))
    return False


def prominent_headline(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement | None) -> str | None:
    """The headline of a page whose <title> names only its site (an old table-era page): the
    last line set large or bold (``<font size="4"><b>…</b></font>``) above the article's block
    (its first paragraph), alone in its cell or paragraph, a line and no sentence."""
    if main is None:
        return None
    # (up to its first paragraph: a page's column may hold the headline's table over the
    # paragraphs, each in its own table once)
    start = next((p for p in main.iterchildren("p") if p.text_content().strip()), main)
    holding_start = set(start.iterancestors())
    above = None
    for el in tree.iter(lxml.etree.Element):  # in page order, up to the article's block
        if el is start:
            break
        if el in holding_start or not _set_large(el):
            continue
        text = " ".join(el.text_content().split())
        holder = el.getparent()
        while holder is not None and holder.tag in ("font", "b", "strong", "span", "center"):
            holder = holder.getparent()
        alone = holder is not None and " ".join(holder.text_content().split()) == text
        if alone and MIN_TITLE_CHARS <= len(text) <= COMPANION_MAX_CHARS and not SENTENCE_STOP.search(text):
            above = text
    return above


def _page_title(tree: lxml.html.HtmlElement) -> str | None:
    for el in tree.iter("title"):
        text = " ".join((el.text_content() or "").split())
        if text:
            return text
    return None


def page_metas(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """The page's <meta> name/property -> content (the first non-empty one of each)."""
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        content = (el.get("content") or "").strip()
        for name in (el.get("name"), el.get("property")):
            if name and content:
                found.setdefault(name, content)
    return found


def meta(metas: dict[str, str], *names: str) -> str | None:
    """The first of the named <meta> contents the page has."""
    return next((metas[name] for name in names if name in metas), None)


def _htmldate(tree: lxml.html.HtmlElement, url: str | None) -> str | None:
    # extensive search: htmldate reads the whole page, which beats the first date in the
    # article's first lines, often a date the story mentions (bench/extract.py compares)
    try:
        found = htmldate.find_date(tree, extensive_search=True, original_date=True, url=url)
    except Exception:  # htmldate raises what its parsers raise on hostile markup
        return None
    # a year alone (a footer's © 2024) comes back as its 1 January, a month alone (a Word page's
    # namespace, office/2004/12/omml) as its 1st: no date the page gives, unless its text writes
    # that day (for a year alone) or that month
    if found and found.endswith("-01") and not _writes_day(tree, found, month_alone=found[5:7] != "01"):
        return None
    return found


def _writes_day(tree: lxml.html.HtmlElement, day: str, month_alone: bool) -> bool:
    """Whether the page's text writes ``day`` (2024-01-01, 2024年1月1日, 2024.1.1), or any day of
    its month (``month_alone``)."""
    written = (iso_date(int(y), int(m), int(d)) for y, m, d in _DATE.findall(visible_text(tree)))
    return any(found and (found[:7] == day[:7] if month_alone else found == day) for found in written)


def published_date(tree: lxml.html.HtmlElement, text: str, url: str | None, metas: dict[str, str],
                   rules: Rules, from_state: bool = False) -> tuple[str | None, str]:
    """The article's date (ISO) and where it was read: the page's own evidence first, htmldate's
    search of the whole page where it is silent. ``text`` is the article's extracted text;
    ``from_state``: it came from the app's script state, whose date is the item's too."""
    head = "\n".join(text.split("\n")[:6])
    evidence = (
        ("a <meta> date", lambda: meta(metas, "article:published_time", "publishdate", "PubDate",
                                        "firstpublishedtime")),  # TRS CMS (many government sites)
        ("the dateline", lambda: find_dateline(visible_text(tree))),
        # (before htmldate's search, which reads any date in the page, an asset's path too)
        ("the app's script state", lambda: state_date(tree) if from_state else None),
        # (a feed's page shows its item's time without the year, 05-06 10:32, which the state
        # gives whole; htmldate's search reads an asset's path, …/2021/08/23/log.js)
        ("the app's script state, whose day the page shows", lambda: _shown_state_date(tree)),
        # (before htmldate's search too: the day the site filed the page under, in its address)
        ("the page's address", lambda: url_date(url)),
        ("htmldate's search of the page", lambda: _htmldate(tree, url)),
        # a notice the page dates nowhere else: the date its sender signed it under
        ("the notice's signature", lambda: signature_date(text, rules)),
        # a dateline htmldate cannot read: 海峽網4月29日訊, the year from the URL
        ("the text's first lines", lambda: find_date(head, url)),
    )
    for label, find in evidence:
        if found := find():
            published = find_date(found) or found
            return published, f"published {published}, from {label}"
    return None, "no date found"


# A <title> that names no article: a template's word for any article page
_GENERIC_TITLE = re.compile(
    r"(新闻|新聞|文章|信息|资讯|資訊)?(详情|詳情|详情页|詳情頁|内容|內容|正文|内容页|內容頁|详细内容|詳細內容)")


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")


def find_headline(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement | None, text: str,
                  metas: dict[str, str], form: str | None = None, link_text: str | None = None
                  ) -> tuple[str | None, list[str]]:
    """The article's headline, and why where it is not the <title> less its site's name.
    ``main``: the page's densest block; ``text``: the article's text; ``form``: a record's
    标题 row (``form_title``); ``link_text``: the words of the link that led to the page."""
    notes = []
    # the headline the page gives sharing sites (og:title), and the one a government site's
    # metadata gives (ArticleTitle, the national standard's), are headings too
    page_title = _page_title(tree) or ""
    title = clean_title(page_title or meta(metas, "og:title"),
                        [h for h in [*_headings(tree), meta(metas, "og:title") or "",
                                     meta(metas, "ArticleTitle") or ""]
                         if h != meta(metas, "og:site_name")])
    if (not title or _SITE_NAME.search(title) or _PAPER_NAME.search(title) or _EDITION_PAGE.search(title)) \
            and link_text and len(link_text) >= MIN_TITLE_CHARS and not SENTENCE_STOP.search(link_text) \
            and (shown := element_showing(tree, link_text)) is not None:
        # a list's headline for the page that the page shows too, where its <title> names only
        # the site, the paper or the paper's page (an e-paper's old template)
        notes.append(f"the title names only the site or its page ({title}): the headline is the words of "
                     "a link to this page (the one that led here, or the page's own list's), which "
                     "the page shows")
        return " ".join(shown.text_content().split()), notes
    # an e-paper's <title> names the paper and the page (新华每日电讯 - 05版:新华视点), or the paper
    # alone over an <h1> (中国青年报), not the article: the page's first headline of the highest
    # rank is it (where the paper alone names it, an <h1>: an old e-paper's <h3> heads its list)
    paper = bool(_PAPER_NAME.search(title or ""))
    ranks = ("h1",) if paper else ("h1", "h2", "h3")
    if (_EDITION_PAGE.search(page_title) or paper) and (top := _top_heading(tree, ranks)) \
            and top not in page_title:
        title = top
        notes.append("the title names an e-paper's page: the headline is the page's top heading")
    if (not title or len(title) < MIN_TITLE_CHARS) and (lead := _LEAD_HEADLINE.match(text)):
        title = lead.group(1)
        notes.append("the title names only the platform: the headline the post opens with, in 【】")
    if title and _GENERIC_TITLE.fullmatch(title) and (first := _first_line(text)) \
            and MIN_TITLE_CHARS <= len(first) <= COMPANION_MAX_CHARS and not SENTENCE_STOP.search(first):
        # a template's word for every article page (新闻详情): the line the text opens with,
        # set apart from it (the headline in bold at the top of the body's box)
        notes.append(f"the title is a template's word for any article ({title}): the headline is the "
                     "text's first line")
        title = first
    # (the line set large above the article is looked for once, where either case may use it)
    parted = bool(title and _TITLE_SEPARATOR.search(title))
    site_only = not title or bool(_SITE_NAME.search(title)) \
        or (not parted and len(title) <= SITE_NAME_MAX_CHARS and _shows_site_name(tree, title, metas))
    prominent = prominent_headline(tree, main) if site_only or parted else None
    if prominent and parted and _site_name_beside(title, prominent):
        # the <title> is the line set large above the article and the site's name, whichever
        # comes first (紫阳县人民政府--我县举办…; the cut of a suffix knows only names at the end)
        notes.append(f"the title ({title}) is the line set large above the article and more: the headline "
                     "is that line")
        title = prominent
    elif prominent and site_only:
        notes.append(f"the title names only the site ({title}): the headline is the line set large above "
                     "the article")
        title = prominent
    if form and (not title or (title not in form and len(title) < len(form))):
        notes.append(f"the title names a section ({title}): the headline is the form's 标题 row")
        title = form
    if title and (tagged := column_tag(tree, title)):
        column, title = tagged
        notes.append(f"the headline's tag [{column}] names its column, a link of the page: not the headline")
    return title, notes


def headline_lines(tree: lxml.html.HtmlElement, title: str, metas: dict[str, str]) -> list[str]:
    """Lines that stand beside the headline and are not the article's: its kicker and
    subtitle, the site's name as the <title> gives it."""
    return [*headline_companions(tree, title),
            *title_site_names(_page_title(tree) or "", title, meta(metas, "og:site_name"))]
