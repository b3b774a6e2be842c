"""The links of an HTML page, read without building its tree, up to a limit.

A page's links decide what a crawl follows, so they are read from the raw bytes: a streaming
parse (lxml's parser with a target, no tree kept) costs little memory whatever the page's
size, and stops at ``limit`` links, so a page of 600,000 links costs no more than one of
``limit``. Nor does it depend on the page's declared charset being a codec that can decode.
"""

from __future__ import annotations

import codecs
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin, urlsplit

from lxml import etree

from crawler.text.decode import declared_codec

_SKIPPED_SCHEMES = ("#", "javascript:", "mailto:", "tel:", "data:")
# The most of a link's words kept: a headline's, not a paragraph's
LINK_TEXT_MAX_CHARS = 120
_CHUNK = 64 * 1024


@dataclass
class Links:
    urls: list[str] = field(default_factory=list)
    capped: bool = False  # the page had more links than the limit; the rest were not read
    encoding: str = "utf-8"  # what the page's bytes were read as (a link's query is sent in it)
    # URL -> the first words a link to it shows (a list's headline for an article)
    texts: dict[str, str] = field(default_factory=dict)


# A link written as markup inside a script or a CDATA section: a list a script draws from the
# records it carries (Hanweb's <script type="text/xml"><datastore><record><![CDATA[<li><a
# href=…>), the next group's address among them, document.write('<a href="…">')
_MARKUP_HREF = re.compile(r"""<a\b[^<>]*?\bhref\s*=\s*\\?["']([^"'\\<>\s]+)\\?["']""", re.I)


# Query parameters that say where a link was clicked, not which page it is: one article
# linked as 3456.html and 3456.html?from=timeline is one page to fetch. A few of the names
# count too (from=20, an offset), so those go only where their value is a word.
_TRACKING_PARAMS = re.compile(r"(?i)utm_\w+|spm|scene|isappinstalled|wfr|tt_from|share_(from|source|medium)")
_WORDY_TRACKING_PARAMS = re.compile(r"(?i)from|fr|frm|ref|share")


# A server's session written into the address of every link it serves a client without its
# cookie: Java's ;jsessionid=… path parameter, ASP.NET's cookieless /(S(…))/ segment; and a
# session's query parameter. The page is the same page under each.
_SESSION_IN_PATH = re.compile(r"(?i);jsessionid=[^?#/;]*|/\((?:[A-Z]\([^()/]*\))+\)(?=/)")
_SESSION_PARAMS = re.compile(r"(?i)jsessionid|phpsessid|aspsessionid\w*|sessionid|cfid|cftoken")


def canonical_link(url: str) -> str:
    """The URL without the session a server wrote into it (``_SESSION_IN_PATH``,
    ``_SESSION_PARAMS``), without the query parameters that only say where it was linked
    from, and its query's values without the spaces a template padded them with
    (ArticleID=%20125: a script reads 125)."""
    base, mark, query = url.partition("?")
    if ";" in base or "(" in base:
        base = _SESSION_IN_PATH.sub("", base)
    if not mark:
        return base
    kept = []
    for pair in query.split("&"):
        name, equals, value = pair.partition("=")
        if value.startswith(("%20", "+")) or value.endswith(("%20", "+")):
            value = re.sub(r"^(%20|\+)+|(%20|\+)+$", "", value)
            pair = f"{name}{equals}{value}"
        tracking = _TRACKING_PARAMS.fullmatch(name) or _SESSION_PARAMS.fullmatch(name) or (
            _WORDY_TRACKING_PARAMS.fullmatch(name) and not value.isdigit())
        if not tracking:
            kept.append(pair)
    return f"{base}?{'&'.join(kept)}" if kept else base


# the page a link's script opens: a quoted address of a page (a script's or a document's name,
# its query), the script's first
_SCRIPTED_PAGE = re.compile(
    r"""['"]((?:https?://[^'"\s]+?|[\w./-]*?)\.(?:s?html?|aspx?|php|jsp|do|action)(?:\?[^'"\s]*)?)['"]""",
    re.I)


# The Chinese scripts' region subtags: a language tag names a script by its region too (zh-TW)
_TRADITIONAL_REGIONS = {"hant", "tw", "hk", "mo"}
_SIMPLIFIED_REGIONS = {"hans", "cn", "sg", "my"}


def edition(tag: str | None) -> tuple[str, str | None] | None:
    """A language tag's language and, for Chinese, its script: ``zh-Hant-MO`` is
    ``("zh", "hant")``, ``zh-CN`` ``("zh", "hans")``, ``pt`` ``("pt", None)``; None for none
    (or ``x-default``, a chooser's page)."""
    parts = (tag or "").strip().lower().replace("_", "-").split("-")
    if not parts[0] or parts[0] == "x":
        return None
    subtags = set(parts[1:])
    script = "hant" if subtags & _TRADITIONAL_REGIONS else "hans" if subtags & _SIMPLIFIED_REGIONS else None
    return parts[0], script


def other_edition(page: tuple[str, str | None] | None, link: tuple[str, str | None] | None) -> bool:
    """Whether a link's ``hreflang`` says it leads to another edition of the site than the
    page's own: another language, or Chinese in the other script (a site's 简体 edition beside
    its 繁體 one, machine-converted: a copy of each page). A tag that names no script is
    either's."""
    if page is None or link is None:
        return False
    return page[0] != link[0] or (page[1] is not None and link[1] is not None and page[1] != link[1])


class _Collector:
    """lxml parser target: hrefs of <a> and <area> (the page a javascript: link or its
    onclick opens), the src of <frame> and <iframe>, and the first <base>; and links written
    as markup in scripts and CDATA sections (which an HTML parse reads as comments)."""

    def __init__(self, page_url: str, limit: int):
        self.base = page_url
        self.seen_base = False
        self.limit = limit
        self.links = Links()
        self._seen: set[str] = set()
        self._script: list[str] | None = None
        self._link: tuple[str, list[str]] | None = None  # the <a> being read: its URL and words
        self.edition: tuple[str, str | None] | None = None  # the page's language and script

    def _add(self, href: str) -> str | None:
        href = href.strip()
        if not href or href.lower().startswith(_SKIPPED_SCHEMES):
            return None
        try:
            url = canonical_link(urljoin(self.base, href).partition("#")[0])
        except ValueError:  # a malformed URL (http://[x/): that link, not the page's others
            return None
        if url not in self._seen:
            if len(self._seen) >= self.limit:
                self.links.capped = True
                return None
            self._seen.add(url)
            self.links.urls.append(url)
        return url

    def _add_written(self, text: str) -> None:
        for href in _MARKUP_HREF.findall(text):
            self._add(html.unescape(href))

    def _add_scripted(self, script: str) -> str | None:
        """The page a link's script opens (javascript:openwin('ShowArticle.asp?ArticleID=12'),
        onclick="location.href='…'"), if it names one."""
        found = _SCRIPTED_PAGE.search(script)
        return self._add(found.group(1)) if found else None

    def start(self, tag: str, attrib: dict) -> None:
        if tag == "html":
            self.edition = edition(attrib.get("lang") or attrib.get("xml:lang"))
        if tag in ("a", "area"):
            if attrib.get("hreflang") and other_edition(self.edition, edition(attrib["hreflang"])):
                return  # (the page in another language, or in the other script: its translation)
            href = attrib.get("href") or ""
            scripted = href.lower().lstrip().startswith("javascript:")
            url = self._add_scripted(href) if scripted else self._add(href)
            if url is None and attrib.get("onclick"):
                url = self._add_scripted(attrib["onclick"])
            if tag == "a" and url is not None and url not in self.links.texts:
                self._link = (url, [])
        elif tag in ("frame", "iframe"):
            # an old site's pages in frames: its home a frameset, its lists in iframes
            self._add(attrib.get("src") or "")
        elif tag == "script":
            self._script = []
        elif tag == "base" and not self.seen_base and attrib.get("href"):
            self.seen_base = True
            try:
                self.base = urljoin(self.base, attrib["href"].strip())
            except ValueError:  # a malformed base: links are read against the page's URL
                pass

    def end(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self._add_written("".join(self._script))
            self._script = None
        elif tag == "a" and self._link is not None:
            url, words = self._link
            if text := " ".join("".join(words).split())[:LINK_TEXT_MAX_CHARS]:
                self.links.texts[url] = text
            self._link = None

    def data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        elif self._link is not None:
            self._link[1].append(data)

    def comment(self, text: str) -> None:
        self._add_written(text)

    def close(self) -> Links:
        return self.links


def page_links(body: bytes, page_url: str, content_type: str | None = None, limit: int = 5000) -> Links:
    """Absolute URLs of a page's ``<a>``/``<area>`` links (those a script or a CDATA section
    writes as markup too, and the pages its links' scripts open) and of its frames, in order,
    without duplicates or fragments, ``<base href>`` honoured; at most ``limit`` of them
    (``capped`` says more were there); and, for each, the words of the first link to it that
    shows any (``texts``). The bytes are read as a browser reads them
    for links (nearly always ASCII): in the charset the page declares (``content_type``, its
    <meta>), else UTF-8."""
    if (data := json_document(body, content_type)) is not None:
        return _json_links(data, page_url, limit)
    encoding = declared_codec(body, content_type or "") or "utf-8"
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    collector = _Collector(page_url, limit)
    collector.links.encoding = encoding
    parser = etree.HTMLParser(target=collector, huge_tree=True, recover=True)
    for start in range(0, len(body), _CHUNK):  # a chunk at a time: no copy of the whole page
        if text := decoder.decode(body[start:start + _CHUNK]):
            parser.feed(text)
        if collector.links.capped:
            break
    try:
        return parser.close()
    except etree.XMLSyntaxError:  # nothing that parses at all (an empty body): no links
        return collector.links


# A list a page's script fetches as JSON (a disclosure catalogue's $.getJSON('/gkmlpt/api/all/5?
# page=' + page …)), in JSONP's callback(…) or not: its records' addresses are links, each
# record's headline their words
_JSONP_OPENING = re.compile(rb"^[A-Za-z_$][\w$.]*\s*\(\s*[\[{]")
_JSON_ADDRESS = re.compile(r"^(https?://|/)[^\s<>\"']+$")
_JSON_HEADLINE_KEYS = re.compile(r"(?i)^(title|name|headline|subject|doctitle|bt)$")


def json_document(body: bytes, content_type: str | None = None) -> object | None:
    """The JSON a response holds (``content_type`` says so, or it opens as JSON or JSONP
    does), or None. Bytes that are not UTF-8 are read as GB18030 (a Chinese site's API)."""
    head = body[:256].lstrip()
    jsonp = _JSONP_OPENING.match(head)
    if not jsonp and head[:1] not in (b"{", b"[") and "json" not in (content_type or "").lower():
        return None
    text = body.strip()
    if jsonp:  # callback({...});
        text = text[text.index(b"(") + 1:].rstrip(b";").rstrip().removesuffix(b")")
    try:
        return json.loads(text)
    except UnicodeDecodeError:
        try:
            return json.loads(text.decode("gb18030"))
        except ValueError:
            return None
    except ValueError:
        return None


def _json_records(data: object) -> Iterator[dict]:
    """Every object in a JSON document, the nested ones too."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _json_links(data: object, page_url: str, limit: int) -> Links:
    """The addresses a JSON list's records hold (absolute, or a path of the site; markup's
    links in a value too), each with its record's headline as its words."""
    collector = _Collector(page_url, limit)
    for record in _json_records(data):
        headline = next((value.strip() for key, value in record.items() if isinstance(value, str)
                         and _JSON_HEADLINE_KEYS.match(key) and value.strip()), None)
        for value in record.values():
            if not isinstance(value, str):
                continue
            if _JSON_ADDRESS.match(value.strip()):
                url = collector._add(value)
                if url is not None and headline and url not in collector.links.texts:
                    collector.links.texts[url] = headline[:LINK_TEXT_MAX_CHARS]
            elif "<a" in value:
                collector._add_written(value)
    return collector.links


# A JSON list's count of its pages, or of its records and how many a page holds
_JSON_PAGES_KEYS = ("pages", "totalpages", "total_pages", "pagecount", "page_count", "totalpage", "pagetotal")
_JSON_TOTAL_KEYS = ("total", "totalcount", "total_count", "totalrecords", "recordcount", "totalelements",
                    "totalrecord", "count")
_JSON_PER_PAGE_KEYS = ("per_page", "perpage", "pagesize", "page_size", "limit", "rows", "size")
# The names a list's page number goes by in its address (?page=2, &pageNo=2)
_PAGE_NAMES = "page|pageno|pageindex|pagenum|curpage|currentpage|p"
_PAGE_PARAMETER = re.compile(rf"(?i)([?&](?:{_PAGE_NAMES})=)(\d+)")


def _json_number(records: list[dict], keys: tuple[str, ...]) -> int | None:
    for record in records:
        for key, value in record.items():
            if key.lower() in keys and isinstance(value, int | str) and str(value).isdigit():
                return int(value)
    return None


def json_pages(data: object, page_url: str) -> list[str]:
    """The other pages of a JSON list whose address numbers its page (?page=1): as many as it
    says it has, or its total over what a page holds; none where it says neither."""
    parameter = _PAGE_PARAMETER.search(page_url)
    if parameter is None:
        return []
    # (the counts stand beside the records, at the top or in a wrapper: data: {total: …})
    wrappers = [data] if isinstance(data, dict) else []
    wrappers += [value for value in (data.values() if isinstance(data, dict) else [])
                 if isinstance(value, dict)]
    pages = _json_number(wrappers, _JSON_PAGES_KEYS)
    if pages is None and (total := _json_number(wrappers, _JSON_TOTAL_KEYS)) is not None:
        per_page = _json_number(wrappers, _JSON_PER_PAGE_KEYS)
        pages = -(-total // per_page) if per_page else None
    if not pages:
        return []
    return [page_url[:parameter.start(2)] + str(n) + page_url[parameter.end(2):]
            for n in range(1, min(pages, MAX_SCRIPT_PAGES) + 1)]


_ALTERNATE = re.compile(rb"<link\b[^>]*\brel=[\"']?alternate[^>]*>", re.I)
_HREF = re.compile(rb"\bhref=[\"']?([^\"' >]+)", re.I)
_TYPE = re.compile(rb"\btype=[\"']?([^\"' >]+)", re.I)
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
# TRS's list pages write their pagination with a script only: createPageHTML(pages, current,
# "index", "html") draws index.html, index_1.html ... index_{pages-1}.html
_CREATE_PAGE_HTML = re.compile(
    rb"createPageHTML\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"](\w+)['\"]\s*,\s*['\"](\w+)['\"]")
MAX_SCRIPT_PAGES = 500


_CANONICAL = re.compile(rb"<link\b[^>]*\brel=[\"']?canonical\b[^>]*>", re.I)


def own_canonical(body: bytes, page_url: str) -> str:
    """The page's address as its ``<link rel="canonical">`` gives it, where that is the same
    address less some of its query (a comment's reply link, ?replytoid=345, shows the post),
    its case aside (a server that ignores case, IIS's, answers newsshow.aspx?articleid=3412
    too), or another address of the site that names the page's id (``_same_item_elsewhere``):
    else the page's own. Any other canonical is not believed (templates that name the home
    page canonical on every page exist)."""
    canonical = _named_address(body, page_url, _CANONICAL, _HREF)
    if canonical is None:
        return _og_url(body, page_url) or page_url
    base, _, query = page_url.lower().partition("?")
    own_base, _, own_query = canonical.lower().partition("?")
    kept = set(query.split("&")) if query else set()
    if own_base == base and (not own_query or set(own_query.split("&")) <= kept) \
            and not (own_query == query and canonical == page_url):
        return canonical
    return canonical if _same_item_elsewhere(page_url, canonical) else page_url


def _named_address(body: bytes, page_url: str, tag: re.Pattern[bytes], attribute: re.Pattern[bytes]
                   ) -> str | None:
    """The address the first ``tag`` of the page's head gives in its ``attribute``, absolute;
    None where there is none or it is malformed."""
    found = tag.search(body[:100_000])
    value = attribute.search(found.group()) if found else None
    if value is None:
        return None
    try:
        return urljoin(page_url, html.unescape(value.group(1).decode("latin-1")))
    except ValueError:
        return None


_OG_URL = re.compile(rb"<meta\b[^>]*\bproperty=[\"']?og:url\b[^>]*>", re.I)
_CONTENT = re.compile(rb"\bcontent=[\"']([^\"']+)", re.I)


def _og_url(body: bytes, page_url: str) -> str | None:
    """The page's address as its ``og:url`` gives it where it has no canonical link: believed
    only where it is the same address with more of a query (an ASP.NET site's article reached by
    a shorter link, ?n=1234&s=903532, whose own is ?n=1234&sms=5678&s=903532), or with less of it
    that still names the page's item (``_same_item_elsewhere``), as every copy of the item names
    one address then; any other is a template's (the home page, the list)."""
    if (named := _named_address(body, page_url, _OG_URL, _CONTENT)) is None:
        return None
    page, other = urlsplit(page_url), urlsplit(named)
    asked, given = set(filter(None, page.query.split("&"))), set(filter(None, other.query.split("&")))
    same = (page.scheme, page.netloc.lower(), page.path) == (other.scheme, other.netloc.lower(), other.path)
    # (or less of it, where what it keeps names the page's item: a view's flag dropped, &Create=1)
    fewer = given < asked and _same_item_elsewhere(page_url, named)
    return named if same and asked and (asked < given or fewer) else None


_NUMBER = re.compile(r"\d+")
ITEM_ID_DIGITS = 3


def _same_item_elsewhere(page_url: str, canonical: str) -> bool:
    """Whether a canonical link at another address of the same site names the same item: the
    page's id (its address's last number, three digits or more) stands in it as a number of
    its own (a mobile copy, /m/detail/1807.html, of /index.php/news/detail/id/1807.html). A
    template's canonical, the home page or a list on every page, names no page's id; and an
    address whose last number is short is an item's further page (1807_2.html, &page=2),
    which its first page's canonical does not make the first page; an item's first page
    numbered so (PHPCMS's /show-13-361-1.html) is the item."""
    page, other = urlsplit(page_url), urlsplit(canonical)
    numbers = _NUMBER.findall(page.path + "?" + page.query)
    if len(numbers) >= 2 and len(numbers[-1]) < ITEM_ID_DIGITS and int(numbers[-1]) <= 1:
        numbers.pop()  # (the first page's number after the item's)
    return bool(numbers) and len(numbers[-1]) >= ITEM_ID_DIGITS \
        and page.netloc.lower() == other.netloc.lower() and other.path not in ("", "/") \
        and numbers[-1] in _NUMBER.findall(other.path + "?" + other.query)


def feed_links(body: bytes, page_url: str) -> list[str]:
    """The RSS/Atom feeds a page announces (``<link rel="alternate" type="application/rss+xml">``)."""
    feeds = []
    for tag in _ALTERNATE.findall(body[:200_000]):
        kind, href = _TYPE.search(tag), _HREF.search(tag)
        if kind and href and kind.group(1).decode("latin-1").lower() in FEED_TYPES:
            feeds.append(urljoin(page_url, href.group(1).decode("latin-1")))
    return feeds


# Hanweb's lists page their records with jpage.js, configured in the page (new JPage({…}) or
# $('#id').jpage({…})): the proxy, the page size, the count of records and the parameters it
# posts (ajaxParam: {columnid: 1229012, unitid: 7412301, …}). The proxy answers the records
# startrecord..endrecord as its first group's XML, to a GET of the same parameters too.
_JPAGE_PROXY = re.compile(rb"proxyUrl\s*:\s*['\"]([^'\"]+)['\"]")
_JPAGE_PARAMS = re.compile(rb"ajaxParam\s*:\s*\{([^{}]*)\}")
_JS_PAIR = re.compile(rb"""(\w+)\s*:\s*(?:'([^']*)'|"([^"]*)"|([\w.\-]+))""")
# How far around a script's call (jpage's proxy, a page address's template) the rest of its
# configuration is looked for
_SCRIPT_WINDOW = 2000
# Pages of records asked in one request (jpage.js asks three)
JPAGE_GROUP = 3


def _jpage_number(config: bytes, name: bytes) -> int | None:
    match = re.search(rb"\b" + name + rb"\s*:\s*['\"]?(\d+)", config)
    return int(match.group(1)) if match else None


def _jpage_groups(body: bytes, page_url: str) -> list[str]:
    """The proxy requests that fetch every record of a Hanweb list (see ``_JPAGE_PROXY``)."""
    urls = []
    for proxy in _JPAGE_PROXY.finditer(body):
        config = body[max(0, proxy.start() - _SCRIPT_WINDOW):proxy.end() + _SCRIPT_WINDOW]
        per_page, total = _jpage_number(config, b"perPage"), _jpage_number(config, b"totalRecord")
        params = _JPAGE_PARAMS.search(config)
        if not per_page or not total or params is None:
            continue  # (a proxy asked without its column's parameters answers nothing of it)
        # a value's bytes are sent as the page holds them, in its charset, as a browser sends them
        query = "&".join(f"{quote(name.decode('latin-1'))}={quote(b''.join(value), safe='/')}"
                         for name, *value in _JS_PAIR.findall(params.group(1)))
        step = per_page * JPAGE_GROUP
        proxy_url = urljoin(page_url, proxy.group(1).decode("latin-1"))
        for start in range(1, min(total, MAX_SCRIPT_PAGES * per_page) + 1, step):
            end = min(start + step - 1, total)
            urls.append(f"{proxy_url}?startrecord={start}&endrecord={end}&perpage={per_page}&{query}")
    return urls


# A list a script pages by building each page's address from pieces and a page's number (a
# county's disclosure catalogue: $.ajax({url: '/xxgk/Ajax.aspx?cid=' + cid + '&page=' + p}),
# called by onclick="loadPage(2)"): the pieces, literals and names, the last a page parameter's
_PAGE_TEMPLATE = re.compile(
    # (a setting's name may open it: CONFIG.apiBase + '/news/list?…')
    rb"((?:[A-Za-z_$][\w$.]*\s*\+\s*)?(?:['\"][^'\"<>\s]*['\"]\s*\+\s*[A-Za-z_$][\w$]*\s*\+\s*)*"
    rb"['\"][^'\"<>\s]*[?&](" + _PAGE_NAMES.encode() + rb")=['\"])"
    rb"\s*\+\s*([A-Za-z_$][\w$]*)"
    # ... and the pieces after it (+ '&sid=' + SID), a literal first
    rb"((?:\s*\+\s*['\"][^'\"<>\s]*['\"](?:\s*\+\s*[A-Za-z_$][\w$]*(?![\w$(]))?)*)", re.I)
_PIECE = re.compile(rb"['\"]([^'\"]*)['\"]|([A-Za-z_$][\w$.]*)")
# ... how many pages the page says it has, beside the calls its links make
_PAGE_TOTAL = re.compile(
    rb"\b(?:total_?pages?|page_?count|pages_?count|max_?page)\s*[=:]\s*['\"]?(\d+)", re.I)


def _script_built_pages(body: bytes, page_url: str) -> list[str]:
    """The pages a script builds the address of (``_PAGE_TEMPLATE``): each name among the
    pieces read from the page's own assignment of a literal to it (var cid = 12), the pages
    those its links call the building function with, or the total it states beside it,
    whichever is more; none where a piece has no value the page gives."""
    urls: list[str] = []
    for template in _PAGE_TEMPLATE.finditer(body):
        variable = re.escape(template.group(3))
        function = re.search(rb"function\s+([A-Za-z_$][\w$]*)\s*\(\s*" + variable + rb"\s*\)"
                             rb"|([A-Za-z_$][\w$]*)\s*=\s*function\s*\(\s*" + variable + rb"\s*\)",
                             body[max(0, template.start() - _SCRIPT_WINDOW):template.start()])
        if function is None:
            # no function pages it: the page asks for its own page of the list (its address's
            # number, else the first), whose answer may say how many there are (a JSON list's)
            own = re.search(rf"[?&]{template.group(2).decode('latin-1')}=(\d+)", page_url, re.I)
            numbers = [int(own.group(1)) if own else 1]
        else:
            name = re.escape(function.group(1) or function.group(2))
            called = [int(n) for n in re.findall(rb"\b" + name + rb"\(\s*['\"]?(\d+)['\"]?\s*\)", body)]
            # (a total stated near the function: a page's other widgets count their own pages)
            near = body[max(0, template.start() - _SCRIPT_WINDOW):template.end() + _SCRIPT_WINDOW]
            stated = [int(n) for n in _PAGE_TOTAL.findall(near)]
            numbers = list(range(1, min(max(called + stated, default=0), MAX_SCRIPT_PAGES) + 1))
        prefix, suffix = _pieces(template.group(1), body), _pieces(template.group(4), body)
        if prefix is not None:
            # (a piece after the number the page gives no value for: the address without them)
            urls += [urljoin(page_url, prefix + str(n) + (suffix or "")) for n in numbers]
    return urls


def _pieces(template: bytes, body: bytes) -> str | None:
    """Pieces of a script's address joined: each literal, and each name's value as the page
    assigns it a literal (var cid = 12; a setting's, {apiBase: '/api'}, by its last name);
    None where a name has none."""
    joined = []
    for literal, piece in _PIECE.findall(template):
        if not piece:
            joined.append(literal.decode("latin-1"))
            continue
        name = re.escape(piece.rpartition(b".")[2])
        value = re.search(rb"\b" + name + rb"\s*[=:]\s*(['\"]?)([\w./\-]+)\1\s*[,;}\n]", body)
        if value is None:
            return None
        joined.append(value.group(2).decode("latin-1"))
    return "".join(joined)


def script_pages(body: bytes, page_url: str) -> list[str]:
    """The pages of a list that only a script links (TRS's ``createPageHTML``; Hanweb's
    jpage.js proxy, ``_jpage_groups``; a page's address a script builds from pieces,
    ``_script_built_pages``; a JSON list's own, ``json_pages``)."""
    if (data := json_document(body)) is not None:  # (a JSON list's own pages)
        return json_pages(data, page_url)
    urls = _jpage_groups(body, page_url) if b"proxyUrl" in body else []
    if b"+" in body and _PAGE_TEMPLATE.search(body):
        urls += _script_built_pages(body, page_url)
    match = _CREATE_PAGE_HTML.search(body)
    if not match:
        return urls
    pages = min(int(match.group(1)), MAX_SCRIPT_PAGES)
    prefix, extension = match.group(3).decode(), match.group(4).decode()
    names = [f"{prefix}.{extension}"] + [f"{prefix}_{n}.{extension}" for n in range(1, pages)]
    return urls + [urljoin(page_url, name) for name in names]
