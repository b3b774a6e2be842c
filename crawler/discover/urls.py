"""What a URL looks like on the CMSs Chinese news and government sites run: an article, a list
page, or neither. Each shape is a kind of URL (TRS, Hanweb, dated paths, long ids), never one site's.

An article's URL names one document: a date in its path and an id or a slug (TRS
``/202305/t20230512_4812345.html``, Hanweb ``/art/2023/5/12/art_1229_4567890.html``,
``/2023-05/12/c_112.htm``, ``/news/fj/fz/202305/12/123.shtml``), a long numeric id
(``/article/1/1234567890123456789``), or a detail script with an id (``NewsDetail.aspx?id=``).
A list page's URL names a channel or a page of one (``index_2.html``, ``node_123_2.htm``,
``list_3.shtml``, ``?page=2``, a directory). Search, tag, author, login, video and contact pages
are neither.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit

from crawler.text.links import ITEM_ID_DIGITS

ARTICLE = "article"
LIST_PAGE = "list page"
NEITHER = "neither"
UNKNOWN = "unknown"

_PAGE = r"\.s?html?"
Shapes = tuple[tuple[str, re.Pattern[str]], ...]


def _shapes(*named: tuple[str, str]) -> Shapes:
    return tuple((name, re.compile(pattern)) for name, pattern in named)


ARTICLE_SHAPES = _shapes(
    ("TRS: /YYYYMM/tYYYYMMDD_id.html", rf"/t(19|20)\d{{6}}_\d+{_PAGE}$"),
    ("Hanweb: /art/YYYY/M/D/art_x_id.html", rf"/art_\d+_\d+{_PAGE}$"),
    ("content_id.htm", rf"/content_\d{{4,}}{_PAGE}$"),
    ("Xinhua-style: /YYYY-MM/DD/c_id.htm", rf"/(19|20)\d{{2}}-\d{{2}}/\d{{2}}/c_\d+{_PAGE}$"),
    ("a dated path and a numeric id: /YYYYMM/DD/id.shtml, /YYYY/MMDD/id.html, /YYYYMM/DD/P2024041600147.htm",
     rf"/(19|20)\d{{2}}[-/]?\d{{2}}[-/]?\d{{2}}/[A-Za-z_-]*\d{{2,}}[\w-]*{_PAGE}$"),
    ("a dated path and a slug: /YYYY/MM/DD/slug.html",
     rf"/(19|20)\d{{2}}/\d{{1,2}}/\d{{1,2}}/[\w-]+{_PAGE}$"),
    # (its pages are /slug/2/; a query added is a view of it: ?share=print, ?replytocom=12)
    ("WordPress: a dated path and a slug's directory, /YYYY/MM/DD/slug/",
     r"^[^?]*/(19|20)\d{2}/\d{1,2}/\d{1,2}/(?!\d{1,2}/$)[^/?#]+/$"),
    # (a page number with it is a thread's page: &page=2)
    # (DedeCMS's list.php?tid=3 is a channel's list: tid names its type there)
    ("a thread by its id: forum.php?mod=viewthread&tid=123",
     r"(?i)/(forum|viewthread|thread|read|topic)\w*\.(php|aspx?|jsp)\?([\w-]+=[\w-]*&)*tid=\d+"),
    ("a long numeric id: /article/1/1234567890123456789", rf"/\d{{15,20}}({_PAGE})?$"),
    ("a script's show action with an id: index.php?m=content&c=index&a=show&catid=9&id=356",
     r"(?i)\.(php|aspx?|jsp)\?([\w-]+=[\w-]*&)*a=show&([\w-]+=[\w-]*&)*id=\d+"),
    # (Z-Blog's /post/93.html, Typecho's /archives/93/: one post by its id under a word for one)
    ("a post by its id: /post/93.html, /archives/93/, /article/1234.html",
     rf"(?i)/(post|posts|archives|article|articles|detail|details|story)/\d+({_PAGE}|/)?$"),
    # (博达 VSB, the CMS of many a government's and university's site: a column's id, an item's)
    ("VSB's item: /info/1011/5678.htm", r"(?i)/info/\d+/\d+\.s?html?$"),
    # (ThinkPHP routes an action's parameters as path segments: …/detail/id/1234.html)
    ("an action's id as a path: /index.php/news/detail/id/1234.html",
     rf"(?i)/(detail|details|show|view|article|content|read)/(id|aid|article_?id)/\d+({_PAGE}|/)?$"),
    ("a detail script with an id: NewsDetail.aspx?id=123, read.php?tid=123",
     r"(?i)(detail|show|view|article|content|info|read|thread|topic)\w*\.(aspx?|php|jsp|do)\?"
     r"([\w-]+=[\w-]*&)*\w*id=\d+"),
)

LIST_SHAPES = _shapes(
    ("a channel's index: index.html, index_2.html", rf"/index(_\d+)?{_PAGE}$"),
    ("a node page: node_123.htm, node_123_2.htm", rf"/node_\d+(_\d+)?{_PAGE}$"),
    ("a list page: list_2.shtml, list_12_3.html", rf"/list(_\d+)*{_PAGE}$"),
    ("a page of a list's directory: /list/jiuye/2.html", rf"(?i)/lists?/[^?]*/\d{{1,3}}{_PAGE}$"),
    ("a list script: List.aspx?ClassId=3, newslist.php, list.jsp?catid=2",
     r"(?i)/\w*list\.(aspx?|php|jsp|do)(\?|$)"),
    # (not ?p=123: WordPress's post)
    ("a page of a list: ?page=2, pageNum=2, ?paged=2, /page/2/",
     r"(?i)[?&](page|pagenum|pageno|pageindex|paged)=\d+|/page/\d+/?$"),
    # (not a slug, /pot-desktop/, /2023/05/text-wrap/, nor an id, /topic/287654321/: one item)
    # (nor a name in percent-escapes, /%e5%b0%b1%e4%b8%9a/: a slug in Chinese)
    ("a directory: /channel/",
     r"^(?![^?]*/([A-Za-z0-9]+(-[A-Za-z0-9]+)+|\d{6,}|[^/?]*%[0-9A-Fa-f]{2}[^/?]*)/$)[^?]*/$"),
)

NEITHER_SHAPES = _shapes(
    # (WordPress's ?s=words; ThinkPHP routes a page by ?s=/home/article/id/12)
    # (WordPress's ?s=words; a number there is an id: Taiwan's government sites' &s=903532)
    ("a search", r"(?i)/search|[?&](q|keyword|keywords|kw|wd|query|searchword)=|[?&]s=(?!/|\d+(&|$))"),
    # (not a forum's topic by its id: /group/topic/287654321/, /topics/613456789)
    # (DedeCMS's tag script: /tags.php?/招聘会/)
    # (PHPCMS's tag pages: index.php?m=content&c=tag&a=lists&tag=招聘)
    ("tags, authors and special topics",
     r"(?i)/(tags?|authors?|topics?|zhuanti|special|zt)/(?!\d{6,}/?$)|/tags?\.(php|aspx?|jsp)\b|[?&]c=tag\b"),
    # (a script that routes by module: PHPCMS's index.php?m=member, ?m=guestbook)
    ("login and accounts",
     r"(?i)/(login|logout|register|passport|member|user|account)s?\b|[?&](m|mod|module)=(member|login|register)\b"),
    ("a guestbook: /e/tool/gbook/?bid=1, /plus/guestbook.php, index.php?m=guestbook",
     r"(?i)/(gbook|guestbook)\b|[?&](m|mod|module)=(gbook|guestbook|message)\b"),
    # (a citizen's letter and the office's reply, an online interview's transcript, a poll: a
    # government portal's 互动交流 section, named in the pinyin initials its CMS gives it, 政民互动
    # zmhd, 互动交流平台 hdjlpt, 公众参与 gzcy, 在线访谈 zxft, 网上调查 wsdc; not the site's news)
    ("the public's letters, interviews and polls: /Mail/MailShow.aspx?MailID=55, /ldxx/, "
     "/hdjlpt/detail?pid=5, /zmhd/zxft/content/post_1.html",
     r"(?i)/(mail|mailbox|ldxx|xinxiang|liuyan|letters?|hdjl\w*|zmhd|gzcy|zxft|ftzb|wsdc|zxdc|myzj|yjzj"
     r"|surveys?|polls?)(/|\.(aspx?|php|jsp|do)\b)"),
    ("a person's page: /u/name/, /people/12345678/", r"(?i)/(u|people|profile|space)/[\w.%-]+/?$"),
    ("a feed: /feed/, /rss.xml", r"(?i)/(feed|rss)(/|\.xml$|$)"),
    ("video", r"(?i)/(video|videos|shipin|vod|tv)/"),
    ("a picture's own page: /attachment/img_2031/", r"(?i)/attachment/"),
    ("about the site: contact, copyright, advertising, leaders",
     r"(?i)/(about|contact|copyright|privacy|privacy-policy|ad|ads|lxwm|gywm|bqsm|ldjj|leaders?|jgsz|app|download)"
     r"(/|\.s?html?$|$)"),
    # (EmpireCMS's /e/DoPrint/?id=, printpage.asp, /print/123.html; an AMP copy: /amp/news/…,
    # …/slug/amp/, ?amp=1)
    # (Discuz's ?action=printable and its portal's ?mod=comment&id=123: the article's comments)
    ("a print, share, AMP or comment view",
     r"(?i)/((do|to|show|view)_?)?print(page|view|able)?\b|/comments?\b|/amp(/|$)|[?&]amp(=|&|$)"
     r"|[?&](print|comment|share|replytocom|replytoid|replyto|reply_to|comment_page|cpage)="
     r"|[?&]action=print|[?&](m|mod|module|c|a|action)=comments?(&|$)"
     # (a thread's posts by one author, or sorted: 只看该作者, 倒序浏览)
     r"|[?&](authorid|ordertype)="),
    # (Discuz's archiver, /archiver/tid-4411.html: a forum thread's copy without its furniture)
    ("a forum archiver's copy of a thread or a board", r"(?i)/archiver/"),
    # (a government's Simplified edition made by a converter, /gb/www.info.gov.hk/gia/…; a web
    # archive's or a proxy's copy, /web/20240416/http://…: another address's page, read through)
    ("another site's page through this one: /gb/www.info.gov.hk/…, /web/2024/http://…",
     r"(?i)^[^?]*/(?:[a-z0-9-]+\.){2,}[a-z]{2,6}/|^[^?]*/https?:/"),
    # (the site's edition in another language: the archive is of Chinese text)
    ("another language's edition: /en/…, /english/…", r"(?i)^/(en|eng|english)(/|$)"),
)


# An address under a gallery's word (/photo/detail/id/31.html, /tuji/2024/…, /album/12): a
# gallery's, whose text, if it is only its pictures' captions, is no story
_GALLERY_ADDRESS = re.compile(r"(?i)/(photos?|tuji|galler(y|ies)|albums?|atlas|slides?|picture-?set)/")


def names_gallery(url: str) -> bool:
    """Whether an address names a gallery of pictures (``_GALLERY_ADDRESS``)."""
    return bool(_GALLERY_ADDRESS.search(urlsplit(url).path))


def url_kind(url: str) -> tuple[str, str]:
    """``(kind, the shape that decided)``: ``article``, ``list page``, ``neither``, or
    ``unknown`` (no shape says: the page itself must)."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    for kind, shapes in ((NEITHER, NEITHER_SHAPES), (ARTICLE, ARTICLE_SHAPES), (LIST_PAGE, LIST_SHAPES)):
        for name, shape in shapes:
            if shape.search(path):
                return kind, name
    return UNKNOWN, ""


# Page N of an article split over several (a pager under its text): the first page's name with
# a number appended (DedeCMS 3112_2.html, TRS t20230512_4812345_1.html, PHPCMS 3112-2.html) or
# a page parameter added to its query (detail.aspx?id=123&page=2). A forum thread's further
# pages are its replies, not more of its first post: they are not an article's pages.
_PAGE_SUFFIX = re.compile(r"^(?P<stem>.+?)[_-](?P<n>\d{1,2})(?P<ext>\.\w+)$")
# (page, cpage, curpage, PowerEasy's ArticlePage; pageno, pagenum, p, pg)
_PAGE_PARAMETER = re.compile(r"(?i)^([a-z]*page|pageno|pagenum|p|pg)=(?P<n>\d{1,2})$")
_DOCUMENT_ID = re.compile(r"\d{3,}$")
_THREAD = re.compile(r"(?i)/(forum|viewthread|thread|read|topic|bbs)\w*[./?-]|[?&]tid=")


def article_page_number(url: str, first_url: str) -> int | None:
    """The page number ``url`` names if it is a further page of the article whose first page
    is ``first_url`` (``3112_2.html`` of ``3112.html`` is 2, TRS's ``…_1.html`` is 1, its second
    page: the numbers only order the pages; ``show-7-4502-2.html`` of ``show-7-4502-1.html``,
    a first page numbered 1, is 2; ``slug/2/`` of ``slug/``, WordPress's, is 2); None if it is
    any other page."""
    first, other = urlsplit(first_url), urlsplit(url)
    if other.netloc != first.netloc or _THREAD.search(first_url):
        return None
    if other.path == first.path:  # the same script, a page parameter added to the query
        added = [part for part in other.query.split("&") if part not in first.query.split("&")]
        match = _PAGE_PARAMETER.match(added[0]) if len(added) == 1 else None
        return int(match.group("n")) if match and match.group("n") != "0" else None
    if other.query != first.query:
        return _static_page_of_dynamic(other, first)
    # a directory's pages: WordPress's /2023/05/12/slug/2/ after /2023/05/12/slug/
    directory = first.path.rstrip("/")
    if other.path.rstrip("/").startswith(f"{directory}/") and "." not in directory.rsplit("/", 1)[-1]:
        number = other.path.rstrip("/")[len(directory) + 1:]
        return int(number) if number.isdigit() and len(number) <= 2 and number not in ("0", "1") else None
    stem, ext = first.path.rsplit(".", 1) if "." in first.path.rsplit("/", 1)[-1] else (first.path, "")
    match = _PAGE_SUFFIX.match(other.path)
    if not match or match.group("ext") != f".{ext}":
        return None
    if match.group("stem") == stem:
        return int(match.group("n"))
    # a first page numbered 1 itself (PHPCMS show-7-4502-1.html, page 2 show-7-4502-2.html),
    # after a document's id (special-1.html and special-2.html are two documents)
    numbered = _PAGE_SUFFIX.match(first.path)
    if numbered is None or numbered.group("n") != "1" or numbered.group("stem") != match.group("stem") \
            or not _DOCUMENT_ID.search(numbered.group("stem")):
        return None
    same_separator = first.path[len(numbered.group("stem"))] == other.path[len(match.group("stem"))]
    return int(match.group("n")) if same_separator and match.group("n") != "1" else None


_ITEM_ID = re.compile(rf"(?<!\d)\d{{{ITEM_ID_DIGITS},}}(?!\d)")


def _static_page_of_dynamic(other: SplitResult, first: SplitResult) -> int | None:
    """The page number of a static address that pages on an article read at its dynamic one
    (PHPCMS: index.php?…&id=316, its pager's /show-13-316-2.html): the item's id (the query's
    last number of three digits or more), then the page's number, 2 or more, ending the path."""
    ids = _ITEM_ID.findall(first.query)
    if other.query or not first.query or not ids:
        return None
    match = re.search(rf"(?<!\d){ids[-1]}[-_](\d{{1,2}})\.[A-Za-z]+$", other.path)
    return int(match.group(1)) if match and int(match.group(1)) >= 2 else None


def article_pages(links: list[str], first_url: str) -> dict[int, str]:
    """Of a page's links, the further pages of the article whose first page is ``first_url``,
    by their number."""
    pages: dict[int, str] = {}
    for link in links:
        if (number := article_page_number(link, first_url)) is not None:
            pages.setdefault(number, link)
    return pages


def next_article_page(links: list[str], first_url: str, after: int = 0) -> tuple[int, str] | None:
    """The page of the article whose first page is ``first_url`` that comes next after page
    number ``after`` (0: after the first page), among a page's ``links``: ``(number, url)``, or
    None where the article ends."""
    pages = article_pages(links, first_url)
    later = [number for number in pages if number > after]
    return (min(later), pages[min(later)]) if later else None
