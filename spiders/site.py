"""The spider every configured site uses: follow list pages, hand article pages on raw.

It never decodes an article: the bytes and the Content-Type header go to the item pipeline,
whose decode stage decides the encoding from all the evidence (Scrapy's ``response.text``
trusts a lying header outright).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import Sitemap
from twisted.python.failure import Failure

from crawler import stats
from crawler.compat import forget_decoded_text
from crawler.middlewares import AlreadyArchived, OffsiteRequest, RedirectLoop
from crawler.page import Page
from crawler.signals import page_failed
from crawler.sites import ARTICLE, LIST_PAGE, Site
from crawler.text.decode import declared_codec
from crawler.text.links import page_links

# RSS <link>URL</link> (CDATA or not), or Atom <link href="URL">
_FEED_LINK = re.compile(
    rb"<link>\s*(?:<!\[CDATA\[)?\s*(\S+?)\s*(?:\]\]>)?\s*</link>|<link[^>]+href=\"([^\"]+)\""
)


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

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        if response.status == 304:  # a conditional re-crawl: the archived copy is current
            self.crawler.stats.inc_value(stats.NOT_MODIFIED)
            return
        if isinstance(response, TextResponse):
            forget_decoded_text(response)
        if self.site.is_article(response.url):
            self.crawler.stats.inc_value(stats.ARTICLE_PAGES)
            page = page_from_response(response, self.site.name, self.site.region)
            page.check_article = self.site.auto
            yield page
        else:
            self.crawler.stats.inc_value(stats.LIST_PAGES)
        if not isinstance(response, TextResponse):
            return
        # as a browser would: the declared charset (links are nearly always ASCII), else UTF-8
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
        encoding = declared_codec(response.body, content_type) or "utf-8"
        links = page_links(response.body, response.url, encoding, self.max_links)
        if links.capped:
            self.crawler.stats.inc_value(stats.failed(stats.LINKS_CAPPED))
            self.logger.warning("%s: %s (%d): the rest of its links are not followed", response.url,
                                stats.LINKS_CAPPED, self.max_links)
        for url in links.urls:
            # a query in the page's own encoding, as a browser sends it
            yield from self.follow_url(url, encoding)

    def follow_url(self, url: str, encoding: str = "utf-8",
                   articles_only: bool = False) -> Iterator[scrapy.Request]:
        """A request for a URL found on the site (a page's link, a sitemap or feed entry), if
        it is one of the site's articles or list pages; an over-long one is counted instead
        (Scrapy would drop it with only a stat)."""
        kind, _ = self.site.link_kind(url)
        if kind != ARTICLE and (articles_only or kind != LIST_PAGE):
            return
        longest = self.crawler.settings.getint("URLLENGTH_LIMIT")
        if longest and len(url) > longest:
            self.crawler.stats.inc_value(stats.failed(stats.URL_TOO_LONG))
            self.logger.warning("%s: %s... (%d characters)", stats.URL_TOO_LONG, url[:200], len(url))
            return
        yield scrapy.Request(url, callback=self.parse, errback=self.failed, encoding=encoding)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        for entry in Sitemap(response.body):
            if url := entry.get("loc", ""):
                yield from self.follow_url(url)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        for match in _FEED_LINK.finditer(response.body):
            url = response.urljoin((match.group(1) or match.group(2)).decode("ascii", "ignore"))
            yield from self.follow_url(url, articles_only=True)

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



def page_from_response(response: Response, site: str, region: str | None = None) -> Page:
    header = response.headers.get
    return Page(
        url=response.url,
        site=site,
        region=region,
        body=response.body,
        content_type=(header("Content-Type") or b"").decode("latin-1") or None,
        status=response.status,
        etag=(header("ETag") or b"").decode("latin-1") or None,
        last_modified=(header("Last-Modified") or b"").decode("latin-1") or None,
        fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
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
