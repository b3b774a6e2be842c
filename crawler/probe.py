"""``newsarchive add-site``'s work: probe a site politely from its address, tell its articles from
its list pages, and write the sites entry that crawls it with explicit patterns.

The probe obeys robots.txt, fetches at most a few dozen pages one at a time, reads robots.txt's
``Sitemap:`` lines and the home page's feed links, and runs each page through the pipeline as a
crawl of a site without patterns would (``crawler.discover``): a page that reads as an article is
one. Article and list-page URLs are then generalised into patterns (digit runs become ``\\d+``,
dates keep their length), each checked against every URL the probe saw: a pattern that would take
a page that is no article is kept literal instead.
"""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
import urllib.robotparser
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from crawler import __version__
from crawler.discover.urls import NEITHER, url_kind
from crawler.errors import NewsarchiveError
from crawler.page import Page, PageRejected, process_page
from crawler.text.decode import decode_html
from crawler.text.links import feed_links, page_links, script_pages

USER_AGENT = f"newsarchive/{__version__} (add-site probe)"
TIMEOUT = 15
MAX_BYTES = 5 * 1024 * 1024
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


class ProbeFailed(NewsarchiveError):
    """The address is not a site whose articles can be told apart; the message says why."""


@dataclass
class Probe:
    start_url: str
    host: str
    title: str = ""
    encoding: str = ""
    sitemaps: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    articles: dict[str, str] = field(default_factory=dict)  # URL -> why it is one
    list_pages: dict[str, str] = field(default_factory=dict)  # URL -> what it links to
    others: dict[str, str] = field(default_factory=dict)  # URL -> why it is neither
    article_patterns: list[str] = field(default_factory=list)
    list_patterns: list[str] = field(default_factory=list)


@dataclass
class _Fetched:
    url: str
    status: int
    content_type: str
    body: bytes


def _fetch(url: str) -> _Fetched:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return _Fetched(response.geturl(), response.status,
                            response.headers.get("Content-Type", ""), response.read(MAX_BYTES))
    except urllib.error.HTTPError as exc:
        return _Fetched(exc.geturl() or url, exc.code, "", b"")


def _pattern(path: str) -> str:
    """A URL path (and query) as a pattern: digit runs as ``\\d+`` (dates keep their length)."""
    out, last = [], 0
    for match in re.finditer(r"\d+", path):
        out.append(re.escape(path[last:match.start()]))
        digits = match.group()
        dated = len(digits) in (4, 6, 8) and digits[:2] in ("19", "20")
        out.append(rf"\d{{{len(digits)}}}" if dated else r"\d+")
        last = match.end()
    out.append(re.escape(path[last:]))
    return "".join(out) + "$"


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _any_name(path: str, unwanted: list[str]) -> str | None:
    """A URL named by words (``/p/jobs-fair.html``) as a pattern for every such name in its
    directory, but for the names of ``unwanted`` there; None if it has no such name."""
    head, _, last = path.rpartition("/")
    stem, dot, extension = last.rpartition(".")
    if not dot or not re.fullmatch(r"[\w-]+", stem) or "?" in path:
        return None
    prefix, suffix = re.escape(head + "/"), re.escape("." + extension) + "$"
    taken = [_path(other).rpartition("/")[2] for other in unwanted
             if re.search(prefix + r"[\w-]+" + suffix, _path(other))]
    exclude = f"(?!({'|'.join(re.escape(name) for name in taken)})$)" if taken else ""
    return prefix + exclude + r"[\w-]+" + suffix


def generalise(wanted: list[str], unwanted: list[str]) -> list[str]:
    """Patterns that match every URL of ``wanted`` and none of ``unwanted``: each URL's shape
    with its digits generalised; a URL named by words, any name in its directory but the
    unwanted ones; else the URL itself."""
    patterns: list[str] = []
    for url in wanted:
        if any(re.search(p, _path(url)) for p in patterns):
            continue
        pattern = _pattern(_path(url))
        if r"\d" not in pattern:
            pattern = _any_name(_path(url), unwanted) or pattern
        if any(re.search(pattern, _path(other)) for other in unwanted):
            pattern = re.escape(_path(url)) + "$"
        patterns.append(pattern)
    return patterns


def _sitemap_entries(sitemaps: list[str], host: str, most: int) -> list[str]:
    """The page URLs the sitemaps list, sitemap indexes followed, gzip read; at most ``most``."""
    from scrapy.utils.sitemap import Sitemap

    found: list[str] = []
    pending, visited = list(sitemaps), 0
    while pending and len(found) < most and visited < 10:
        url = pending.pop(0)
        visited += 1
        try:
            fetched = _fetch(url)
            body = gzip.decompress(fetched.body) if fetched.body[:2] == b"\x1f\x8b" else fetched.body
            sitemap = Sitemap(body)
        except (OSError, ValueError, EOFError):
            continue
        for entry in sitemap:
            loc = entry.get("loc", "")
            if not loc or (urlsplit(loc).hostname or "").lower() != host:
                continue
            (pending if sitemap.type == "sitemapindex" else found).append(loc)
    return found[:most]


def _feed_entries(feeds: list[str], most: int) -> list[str]:
    import feedparser

    found: list[str] = []
    for url in feeds:
        try:
            found += [entry.link for entry in feedparser.parse(_fetch(url).body).entries if entry.get("link")]
        except (OSError, ValueError):
            continue
    return found[:most]


def probe_site(start_url: str, pages: int = 30) -> Probe:
    """Probe a site from its address (see the module's docstring). Raises ProbeFailed."""
    host = (urlsplit(start_url).hostname or "").lower()
    if urlsplit(start_url).scheme not in ("http", "https") or not host:
        raise ProbeFailed(f"{start_url} is not a web address (http:// or https://)")
    probe = Probe(start_url, host)
    robots = urllib.robotparser.RobotFileParser(urljoin(start_url, "/robots.txt"))
    try:
        robots_page = _fetch(urljoin(start_url, "/robots.txt"))
    except (OSError, ValueError) as exc:
        raise ProbeFailed(f"{start_url} cannot be reached: {getattr(exc, 'reason', exc)}") from None
    robots.parse(robots_page.body.decode("utf-8", "replace").splitlines()
                 if robots_page.status == 200 else [])
    probe.sitemaps = list(robots.site_maps() or [])
    if not robots.can_fetch(USER_AGENT, start_url):
        raise ProbeFailed(f"robots.txt of {host} forbids {start_url}")
    first = _fetch(start_url)
    if first.status >= 400:
        raise ProbeFailed(f"{start_url} answers HTTP {first.status}")
    if (urlsplit(first.url).hostname or "").lower() != host:
        raise ProbeFailed(f"{start_url} redirects to another site: {first.url}")
    if first.body.startswith(b"%PDF") or not re.match(r"text/html|application/xhtml|$", first.content_type):
        raise ProbeFailed(f"{start_url} is not a web page ({first.content_type.split(';')[0] or 'binary'})")
    if re.search(rb"<input[^>]+type=[\"']?password", first.body, re.I):
        raise ProbeFailed(f"{start_url} asks for a login: its pages are not public")
    probe.feeds = feed_links(first.body, first.url)

    # the pages a sitemap or a feed names are candidates too: a site may link its articles
    # from nowhere else
    listed = _sitemap_entries(probe.sitemaps, host, pages) + _feed_entries(probe.feeds, pages)
    queue: deque[str] = deque([first.url])
    seen = {first.url}
    for url in listed:
        if url not in seen and (urlsplit(url).hostname or "").lower() == host and url_kind(url)[0] != NEITHER:
            seen.add(url)
            queue.append(url)
    fetched: dict[str, _Fetched] = {first.url: first}
    links_of: dict[str, list[str]] = {}
    scripted_of: dict[str, list[str]] = {}  # the pages a page's script fetches
    while queue and len(links_of) < pages:
        url = queue.popleft()
        page = fetched.pop(url, None) or _fetch(url)
        if page.status >= 400 or (urlsplit(page.url).hostname or "").lower() != host:
            probe.others[url] = f"HTTP {page.status}" if page.status >= 400 else "leaves the site"
            links_of[url] = []
            continue
        scripted = script_pages(page.body, page.url)
        links = page_links(page.body, page.url, page.content_type).urls + scripted
        links_of[url] = [link for link in links if (urlsplit(link).hostname or "").lower() == host]
        scripted_of[url] = scripted
        try:
            processed = process_page(Page(url=url, body=page.body, content_type=page.content_type,
                                          check_article=True))
            probe.articles[url] = f"reads as an article ({url_kind(url)[1] or 'no URL shape'})"
            probe.encoding = probe.encoding or processed.encoding or ""
            if url == first.url:
                probe.title = processed.title or ""
        except PageRejected as exc:
            probe.others[url] = str(exc)
        for link in links_of[url]:
            if link in seen or url_kind(link)[0] == NEITHER or not robots.can_fetch(USER_AGENT, link):
                continue
            seen.add(link)
            queue.append(link)
    try:  # the home page's title, read as the pipeline reads a page
        home = decode_html(first.body, first.content_type).text
    except ValueError:
        home = ""
    if not probe.title and (title := _TITLE.search(home)):
        probe.title = re.sub(r"\s+", " ", title.group(1)).strip()
    for url, links in links_of.items():
        linked = [link for link in links if link in probe.articles]
        if url not in probe.articles and linked:
            probe.list_pages[url] = f"links to {len(linked)} article{'s' if len(linked) > 1 else ''}"
            probe.others.pop(url, None)
    # a page whose script fetches a list (a catalogue that draws its records from JSON) is one
    # too: the crawl reaches the list through it
    for url, scripted in scripted_of.items():
        if url not in probe.articles and url not in probe.list_pages \
                and any(link in probe.list_pages for link in scripted):
            probe.list_pages[url] = "its script fetches a list of articles"
            probe.others.pop(url, None)
    if not probe.articles:
        raise ProbeFailed(f"no page of {start_url} reads as an article ({len(links_of)} pages probed): "
                          "its articles cannot be told apart")
    non_articles = [url for url in links_of if url not in probe.articles]
    probe.article_patterns = generalise(list(probe.articles), non_articles)
    listed = [url for url in probe.list_pages if url != first.url]
    probe.list_patterns = generalise(listed, list(probe.articles) + list(probe.others))
    return probe


def site_entry(probe: Probe, name: str, when: str) -> str:
    """The ``[[site]]`` entry of a probe, as TOML, ready for review."""
    def strings(values: list[str]) -> str:
        return "[" + ", ".join("'" + value.replace("'", "") + "'" for value in values) + "]"

    lines = [f"# added by newsarchive add-site on {when}: {len(probe.articles)} articles and "
             f"{len(probe.list_pages)} list pages among the pages probed; review, then crawl",
             "[[site]]", f'name = "{name}"']
    if probe.title:
        lines.append('title = "' + probe.title.replace('"', "'").replace("\\", "") + '"')
    lines += [f"start_urls = {strings([probe.start_url])}",
              f"allowed_domains = {strings([probe.host])}",
              f"article_patterns = {strings(probe.article_patterns)}"]
    optional = (("list_patterns", probe.list_patterns), ("sitemap_urls", probe.sitemaps),
                ("feed_urls", probe.feeds))
    lines += [f"{key} = {strings(values)}" for key, values in optional if values]
    return "\n".join(lines) + "\n"
