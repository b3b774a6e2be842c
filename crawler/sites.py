"""Site configuration: sites are data (a TOML file), not code.

Each ``[[site]]`` table names a site, where to start, which URLs are articles and which are
list pages to follow. Adding a site needs no Python.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.linkextractors import IGNORED_EXTENSIONS
from scrapy.utils.url import url_has_any_extension

from crawler.discover.urls import LIST_PAGE as SHAPE_LIST
from crawler.discover.urls import NEITHER, url_kind
from crawler.errors import NewsarchiveError
from crawler.text.places import region_code

# read through importlib.resources: in a deployed egg (scrapyd) it is inside a zip file
DEFAULT_SITES = resources.files("crawler") / "sites.toml"

# Site.link_kind's answers; a crawl follows the first two
ARTICLE, LIST_PAGE = "article", "list page"
OFFSITE, NOT_A_PAGE, NO_PATTERN = "offsite", "not a page", "no pattern"
# A site without article patterns: what its URLs' shapes say (crawler.discover.urls)
NOT_AN_ARTICLE_URL = "not an article's URL"
FOLLOWED = (ARTICLE, LIST_PAGE)
# files a pattern may match by accident (a .pdf under an article path): not pages (Scrapy's
# list: documents, images, archives, media)
NOT_PAGES = {f".{ext}" for ext in IGNORED_EXTENSIONS}


class SiteConfigError(NewsarchiveError, ValueError):
    """A sites file that cannot be used; the message says which site and which key."""


class UnknownSites(SiteConfigError):
    """Sites were named that the sites file does not configure."""


@dataclass(frozen=True)
class Site:
    name: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    article_patterns: tuple[re.Pattern[str], ...]
    list_patterns: tuple[re.Pattern[str], ...] = ()
    sitemap_urls: tuple[str, ...] = ()
    feed_urls: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    title: str = ""
    # the code of the division the site reports on (region = "福州市" in the file): it settles
    # the place names its articles leave open (鼓楼区 on a Fuzhou site is Fuzhou's)
    region: str | None = None
    settings: dict = field(default_factory=dict, hash=False, compare=False)

    def allows(self, url: str) -> bool:
        """Whether the URL is on the site: its host is an allowed domain or under one, on an
        allowed port. ``host:port`` allows that port only; a bare ``host`` the scheme's
        default port and the ports the site's own URLs (start, sitemap, feed) use on it, so a
        redirect to another port of the same machine, another server, leaves the site."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        try:
            port = parts.port or _DEFAULT_PORTS.get(parts.scheme)
        except ValueError:  # a port out of range
            return False
        return any(_under(host, domain) and port in ports for domain, ports in self._domain_ports)

    @cached_property
    def _domain_ports(self) -> list[tuple[str, frozenset[int]]]:
        return self.domain_ports()

    def domain_ports(self) -> list[tuple[str, frozenset[int]]]:
        """Each allowed domain with the ports allowed on it."""
        own = [urlsplit(u) for u in (*self.start_urls, *self.sitemap_urls, *self.feed_urls)]
        allowed = []
        for entry in self.allowed_domains:
            domain, _, given = entry.lower().partition(":")
            if given:
                ports = {int(given)}
            else:
                ports = set(_DEFAULT_PORTS.values())
                ports |= {u.port for u in own if u.port and _under((u.hostname or "").lower(), domain)}
            allowed.append((domain, frozenset(ports)))
        return allowed

    @property
    def hosts(self) -> list[str]:
        """The allowed domains without their ports (what Scrapy's allowed_domains takes)."""
        return [entry.partition(":")[0] for entry in self.allowed_domains]

    def link_kind(self, url: str) -> tuple[str, str | None]:
        """What a crawl of the site does with a link it finds: follows it as an ``article`` or
        a ``list page`` (with the pattern that matched), or not: ``offsite``, ``not a page``
        (a file: .pdf, .jpg, ...), or ``no pattern`` matched."""
        if not self.allows(url):
            return OFFSITE, None
        if url_has_any_extension(url, NOT_PAGES):
            return NOT_A_PAGE, None
        for kind, patterns in ((ARTICLE, self.article_patterns), (LIST_PAGE, self.list_patterns)):
            for pattern in patterns:
                if pattern.search(url):
                    return kind, pattern.pattern
        if not self.auto:
            return NO_PATTERN, None
        # no patterns: the URL's shape says, and where it does not, the page itself (an
        # article candidate whose links are followed, archived only if it reads as one)
        shape_kind, shape = url_kind(url)
        if shape_kind == NEITHER:
            return NOT_AN_ARTICLE_URL, shape
        if shape_kind == SHAPE_LIST:
            return LIST_PAGE, shape
        return ARTICLE, shape or "no shape: the page decides"

    @property
    def auto(self) -> bool:
        """Whether the site names no article patterns: its pages tell what they are."""
        return not self.article_patterns

    def is_article(self, url: str) -> bool:
        if self.auto:
            return self.link_kind(url)[0] == ARTICLE
        return any(p.search(url) for p in self.article_patterns)

    def is_list_page(self, url: str) -> bool:
        return any(p.search(url) for p in self.list_patterns)

    def wants(self, text: str) -> bool:
        """Whether an article's text passes the site's optional keyword filter."""
        return not self.keywords or any(k in text for k in self.keywords)


_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass
class SampleLinks:
    """A sample page's links as a crawl of the site would treat them: URLs by kind and, for
    the followed kinds, by the pattern that matched (``check-sites`` prints it)."""

    by_kind: dict[str, list[str]] = field(default_factory=dict)
    by_pattern: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    @property
    def followed(self) -> int:
        return sum(len(self.by_kind.get(kind, ())) for kind in FOLLOWED)


def sample_links(site: Site, urls: list[str]) -> SampleLinks:
    """Sort a sample page's links (``crawler.text.links.page_links``) the way a crawl of the
    site would: which are articles, list pages (and by which pattern), and which it leaves."""
    sample = SampleLinks()
    for url in dict.fromkeys(urls):
        kind, pattern = site.link_kind(url)
        sample.by_kind.setdefault(kind, []).append(url)
        if pattern is not None:
            sample.by_pattern.setdefault((kind, pattern), []).append(url)
    return sample


def _under(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)

_REQUIRED = ("name", "start_urls")
_KNOWN = set(_REQUIRED) | {"allowed_domains", "article_patterns",
    "list_patterns", "sitemap_urls", "feed_urls", "keywords", "title", "settings", "region",
}


def _patterns(name: str, key: str, values: list[str]) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for value in values:
        try:
            compiled.append(re.compile(value))
        except re.error as exc:
            raise SiteConfigError(
                f"site {name!r}: bad regular expression in {key}: {value!r}: {exc}"
            ) from None
    return tuple(compiled)


def parse_sites(data: dict, source: str = "<sites>") -> list[Site]:
    sites = []
    seen: set[str] = set()
    for index, raw in enumerate(data.get("site", [])):
        name = raw.get("name") or f"#{index + 1}"
        missing = [key for key in _REQUIRED if not raw.get(key)]
        if missing:
            raise SiteConfigError(f"{source}: site {name!r} lacks {', '.join(missing)}")
        unknown = sorted(set(raw) - _KNOWN)
        if unknown:
            raise SiteConfigError(f"{source}: site {name!r} has unknown keys {unknown}")
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
            raise SiteConfigError(f"{source}: site name {name!r} must be letters, digits, - _ .")
        if name in seen:
            raise SiteConfigError(f"{source}: site {name!r} is defined twice")
        seen.add(name)
        # by default, the hosts of the start URLs (their ports are allowed with them)
        allowed = raw.get("allowed_domains") or sorted({(urlsplit(url).hostname or "").lower()
                                                        for url in raw["start_urls"]})
        for entry in allowed:
            if not re.fullmatch(r"[A-Za-z0-9.-]+(:\d{1,5})?", entry):
                raise SiteConfigError(f"{source}: site {name!r}: allowed domain {entry!r} must be a host "
                                      "or host:port, without a scheme or path")
        region = None
        if raw.get("region"):
            region = region_code(str(raw["region"]))
            if region is None:
                raise SiteConfigError(f"{source}: site {name!r}: region {raw['region']!r} names no single "
                                      "division (a province, city or county: 福建省, 福州市, or its code)")
        sites.append(
            Site(
                name=name,
                region=region,
                title=raw.get("title", ""),
                start_urls=tuple(raw["start_urls"]),
                allowed_domains=tuple(allowed),
                article_patterns=_patterns(name, "article_patterns", raw.get("article_patterns", [])),
                list_patterns=_patterns(name, "list_patterns", raw.get("list_patterns", [])),
                sitemap_urls=tuple(raw.get("sitemap_urls", [])),
                feed_urls=tuple(raw.get("feed_urls", [])),
                keywords=tuple(raw.get("keywords", [])),
                settings=dict(raw.get("settings", {})),
            )
        )
    return sites


def load_sites(path: str | Path | None = None) -> list[Site]:
    """Read a sites file (default: the packaged ``crawler/sites.toml``)."""
    source = Path(path) if path else DEFAULT_SITES
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SiteConfigError(f"sites file not found: {source}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SiteConfigError(f"{source}: not valid TOML: {exc}") from None
    return parse_sites(data, source=str(source))
