"""The spider every configured site uses: follow list pages, hand article pages on raw.

It never decodes an article: the bytes and the Content-Type header go to the item pipeline,
whose decode stage decides the encoding from all the evidence (Scrapy's ``response.text``
trusts a lying header outright).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap
from twisted.python.failure import Failure

from crawler import stats
from crawler.compat import forget_decoded_text
from crawler.discover.urls import article_page_number, next_article_page
from crawler.frontier import LEASE
from crawler.middlewares import AlreadyArchived, OffsiteRequest, RedirectLoop
from crawler.page import Page
from crawler.signals import page_failed
from crawler.sites import ARTICLE, LIST_PAGE, Site
from crawler.text.extract import xml_document_kind
from crawler.text.links import Links, canonical_link, feed_links, own_canonical, page_links, script_pages

# Twisted's and Scrapy's names for what went wrong, as a reader of the crawls table says it.
FAILURE_REASONS = {
    "DownloadTimeoutError": "timeout", "TimeoutError": "timeout", "TCPTimedOutError": "timeout",
    "DownloadCancelledError": "over DOWNLOAD_MAXSIZE", "CancelledError": "over DOWNLOAD_MAXSIZE",
    "ResponseDataLossError": "truncated body", "_DataLoss": "truncated body",
    "DownloadFailedError": "connection lost", "ResponseFailed": "connection lost",
    "ConnectionLost": "connection lost", "ResponseNeverReceived": "connection lost",
    "ConnectionRefusedError": "connection refused", "ConnectError": "connection refused",
    "DNSLookupError": "DNS lookup failed",
}


# request.meta keys of an article's further page: the article so far, and the page's number
ARTICLE_META = "newsarchive_article"
ARTICLE_PAGE = "newsarchive_article_page"
# request.meta: the words of the link (or the feed entry's title) that led to an article
LINK_TEXT = "newsarchive_link_text"


class SiteSpider(scrapy.Spider):
    site: Site

    @property
    def max_links(self) -> int:
        return self.crawler.settings.getint("MAX_LINKS_PER_PAGE")

    async def start(self) -> AsyncIterator[Any]:
        for url in self.site.start_urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.failed)
        for url in self.site.sitemap_urls:
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.failed)
        for url in self.site.feed_urls:
            yield scrapy.Request(url, callback=self.parse_feed, errback=self.failed)
        if self.site.auto and not self.site.sitemap_urls:
            # a site known by its address only: the sitemaps its robots.txt names
            yield scrapy.Request(urljoin(self.site.start_urls[0], "/robots.txt"), callback=self.parse_robots,
                                 errback=self.no_robots, dont_filter=True)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        if response.status == 304:  # a conditional re-crawl: the archived copy is current
            self.crawler.stats.inc_value(stats.NOT_MODIFIED)
            return
        if isinstance(response, TextResponse):
            forget_decoded_text(response)
        # a sitemap or a feed a page links (网站地图, RSS): read as one, for the pages it lists
        kind = xml_document_kind(response.body[:4096].decode("utf-8", "replace")) or ""
        if kind.startswith("sitemap"):
            yield from self.parse_sitemap(response)
            return
        if kind.startswith(("RSS feed", "Atom feed")):
            yield from self.parse_feed(response)
            return
        article = None
        if kind:  # another XML document: a list's records a script draws (Hanweb's datastore)
            self.crawler.stats.inc_value(stats.LIST_PAGES)
        elif self.site.is_article(response.url):
            self.crawler.stats.inc_value(stats.ARTICLE_PAGES)
            article = page_from_response(response, self.site.name, self.site.region)
            article.check_article = self.site.auto
        else:
            self.crawler.stats.inc_value(stats.LIST_PAGES)
        links = self.read_links(response) if isinstance(response, TextResponse) else None
        if links is not None:
            yield from self.follow_links(response, links, article)
        if article is not None:
            # last: a request for its next page takes the response's lease over
            yield from self.article_or_next_page(article, response, links)

    def read_links(self, response: TextResponse) -> Links:
        """A page's links, read once: what the crawl follows, and an article's next page."""
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
        return page_links(response.body, response.url, content_type, self.max_links)

    def follow_links(self, response: TextResponse, links: Links,
                     article: Page | None = None) -> Iterator[Any]:
        """Requests for the site's pages a page links (an article's own further pages aside:
        they are fetched in turn, as its continuation)."""
        if self.site.auto and not self.site.feed_urls and response.url in self.site.start_urls:
            for feed in feed_links(response.body, response.url):  # the feeds a home page announces
                yield scrapy.Request(feed, callback=self.parse_feed, errback=self.failed)
        if links.capped:
            self.crawler.stats.inc_value(stats.failed(stats.LINKS_CAPPED))
            self.logger.warning("%s: %s (%d): the rest of its links are not followed", response.url,
                                stats.LINKS_CAPPED, self.max_links)
        # (a page's links are read canonical; the pages a script links are made so here)
        for url in links.urls + [canonical_link(url) for url in script_pages(response.body, response.url)]:
            if article is None or article_page_number(url, article.url) is None:
                # a query in the page's own encoding, as a browser sends it
                yield from self.follow_url(url, links.encoding, link_text=links.texts.get(url))

    def article_or_next_page(self, article: Page, response: Response, links: Links | None,
                             after: int = 0) -> Iterator[Any]:
        """The article, or the request for its next page among the page's ``links`` when it
        goes on over another (a pager under its text): the article is archived once, whole."""
        further = None
        room = len(article.continued) + 1 < self.crawler.settings.getint("MAX_ARTICLE_PAGES")
        if links is not None and room:
            further = next_article_page(links.urls, article.url, after)
        if further is None:
            yield article
            return
        number, url = further
        yield scrapy.Request(url, callback=self.parse_further_page, errback=self.further_page_failed,
                             dont_filter=True, meta={
                                 ARTICLE_META: article, ARTICLE_PAGE: number,
                                 # every answer comes back here: a page that is not there ends
                                 # the article, it does not lose it
                                 "handle_httpstatus_all": True,
                                 LEASE: response.request.meta.get(LEASE)})

    def parse_further_page(self, response: Response) -> Iterator[Any]:
        article: Page = response.meta[ARTICLE_META]
        if not 200 <= response.status < 300:
            self.crawler.stats.inc_value(stats.failed(f"http {response.status}"))
            self._article_ends_early(article, response.url, f"http {response.status}")
            yield article
            return
        if article_page_number(response.url, article.url) is None:  # redirected elsewhere
            self._article_ends_early(article, response.url, "not a page of the article")
            yield article
            return
        self.crawler.stats.inc_value(stats.FURTHER_ARTICLE_PAGES)
        article.continued.append(page_from_response(response, self.site.name, self.site.region))
        links = None
        if isinstance(response, TextResponse):
            forget_decoded_text(response)
            links = self.read_links(response)
            yield from self.follow_links(response, links, article)
        yield from self.article_or_next_page(article, response, links, response.meta[ARTICLE_PAGE])

    def further_page_failed(self, failure: Failure) -> Iterator[Page]:
        """A further page of an article that could not be fetched: the article is archived
        with the pages before it, and holds the lease until then."""
        request = failure.request
        article: Page = request.meta[ARTICLE_META]
        article.lease = request.meta.pop(LEASE, None)
        self.failed(failure)
        self._article_ends_early(article, request.url, self._failure_reason(failure))
        yield article

    def _article_ends_early(self, article: Page, url: str, reason: str) -> None:
        self.logger.warning("%s: its page %s: %s; archived with the %d pages before it", article.url,
                            url, reason, len(article.continued) + 1)

    def follow_url(self, url: str, encoding: str = "utf-8", articles_only: bool = False,
                   link_text: str | None = None) -> Iterator[scrapy.Request]:
        """A request for a URL found on the site (a page's link, a sitemap or feed entry: made
        canonical, ``canonical_link``, by its caller), if it is one of the site's articles or
        list pages; an over-long one is counted instead
        (Scrapy would drop it with only a stat). ``link_text``: what the link shows, which an
        article's page whose <title> names only the site may show as its headline."""
        kind, _ = self.site.link_kind(url)
        if kind != ARTICLE and (articles_only or kind != LIST_PAGE):
            return
        longest = self.crawler.settings.getint("URLLENGTH_LIMIT")
        if longest and len(url) > longest:
            self.crawler.stats.inc_value(stats.failed(stats.URL_TOO_LONG))
            self.logger.warning("%s: %s... (%d characters)", stats.URL_TOO_LONG, url[:200], len(url))
            return
        meta = {LINK_TEXT: link_text} if link_text and kind == ARTICLE else None
        yield scrapy.Request(url, callback=self.parse, errback=self.failed, encoding=encoding, meta=meta)

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        for line in response.body.decode("utf-8", "replace").splitlines():
            name, _, value = line.partition(":")
            # (a path alone, /sitemap.xml, is the site's: many robots.txt write it so)
            if name.strip().lower() == "sitemap" and self.site.allows(url := response.urljoin(value.strip())):
                yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.failed)

    def no_robots(self, failure: Failure) -> None:
        """No robots.txt: nothing to discover there, and nothing failed."""

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        body, cut = response.body, False
        if body[:2] == b"\x1f\x8b":  # a .xml.gz sitemap served as it is stored
            cut = not gzip_complete(body)
            try:
                body = gunzip(body, max_size=self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
            except (OSError, ValueError) as exc:
                self.logger.warning("%s: unreadable gzip sitemap: %s", response.url, exc)
                return
        sitemap = Sitemap(body)
        entries = 0
        for entry in sitemap:
            if not (url := entry.get("loc", "")):
                continue
            entries += 1
            if sitemap.type == "sitemapindex":  # a sitemap of sitemaps: each is followed
                if self.site.allows(url):
                    yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.failed)
            else:  # (an entry may carry a session too, as a page's link may)
                yield from self.follow_url(canonical_link(url))
        if cut:  # (what it lost is reached through the pages' links, if at all)
            self.crawler.stats.inc_value(stats.failed(stats.SITEMAP_CUT))
            self.logger.warning("%s: %s: the %d entries before the cut read", response.url,
                                stats.SITEMAP_CUT, entries)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        import feedparser  # only where a site has feeds

        for entry in feedparser.parse(response.body).entries:
            if link := entry.get("link"):
                yield from self.follow_url(canonical_link(response.urljoin(link)), articles_only=True,
                                           link_text=entry.get("title"))

    def failed(self, failure: Failure) -> None:
        """Count and log a page that could not be fetched, with its reason."""
        request = getattr(failure, "request", None)
        reason = self._failure_reason(failure)
        if request is not None:
            self.crawler.signals.send_catch_log(signal=page_failed, request=request, reason=reason)
        if failure.check(AlreadyArchived):
            self.crawler.stats.inc_value(stats.skipped(stats.ALREADY_ARCHIVED))
            return
        self.crawler.stats.inc_value(stats.failed(reason))
        self.logger.warning("failed %s: %s", getattr(request, "url", "?"), reason)

    @staticmethod
    def _failure_reason(failure: Failure) -> str:
        if failure.check(HttpError):
            return f"http {failure.value.response.status}"
        if failure.check(AlreadyArchived):
            return stats.ALREADY_ARCHIVED
        if failure.check(OffsiteRequest):
            return stats.OFFSITE_REDIRECT
        if failure.check(RedirectLoop):
            return stats.REDIRECT_LOOP
        if failure.check(IgnoreRequest):
            reason = str(failure.value) or "ignored"
            if "DOWNLOAD_MAXSIZE" in reason:  # a body, or a decompressed body, too large
                return FAILURE_REASONS["DownloadCancelledError"]
            # "Ignored response <200 http://…> because …": one reason, whatever the page
            reason = re.sub(r"<\d{3} \S+>|https?://\S+|\([^)]*\d[^)]*\)", "", reason)
            return re.sub(r"\s+", " ", reason).strip(" .")
        return FAILURE_REASONS.get(failure.type.__name__, failure.type.__name__)



def gzip_complete(data: bytes) -> bool:
    """Whether a gzip stream runs to its end (a server or a proxy may cut it short)."""
    stream = zlib.decompressobj(wbits=31)
    try:
        while data and not stream.eof:
            stream.decompress(data, 1 << 20)  # (a bounded output a call: a bomb is read in steps)
            data = stream.unconsumed_tail
    except zlib.error:
        return False
    return stream.eof


def page_from_response(response: Response, site: str, region: str | None = None) -> Page:
    header = response.headers.get
    return Page(
        # (the address without a session a redirect wrote into it, and without the query its
        # canonical link says is no part of it: the page's own)
        url=(url := own_canonical(response.body, canonical_link(response.url))),
        read_at=response.url if url != canonical_link(response.url) else None,
        site=site,
        region=region,
        body=response.body,
        content_type=(header("Content-Type") or b"").decode("latin-1") or None,
        status=response.status,
        etag=(header("ETag") or b"").decode("latin-1") or None,
        last_modified=(header("Last-Modified") or b"").decode("latin-1") or None,
        fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
        link_text=getattr(response.request, "meta", {}).get(LINK_TEXT),
    )


def spider_for_site(site: Site) -> type[SiteSpider]:
    """Build the spider class for one configured site."""
    class_name = "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]", site.name)) + "Spider"
    return type(
        class_name,
        (SiteSpider,),
        {
            "name": site.name,
            "site": site,
            "allowed_domains": site.hosts,
            "custom_settings": dict(site.settings),
            "__module__": __name__,
        },
    )
