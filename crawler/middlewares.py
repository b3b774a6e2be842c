"""Downloader middlewares."""

from __future__ import annotations

import codecs
import time
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import TextResponse

from crawler.archive.store import open_archive, validators
from crawler.stats import ALREADY_ARCHIVED, EMPTY_BODY
from crawler.text.decode import declared_codec, declared_encodings, normalize_label


class AlreadyArchived(IgnoreRequest):
    """An article the ``skip`` policy does not fetch again: skipped, not failed."""


class SiteProxyMiddleware:
    """Send every request through the HTTP proxy in ``SITE_PROXY`` (unset: disabled).

    The bundled demo sites use it: their stable ``http://<site>.demo.test/`` URLs all reach
    the local demo server, whatever port it got, so archived URLs do not depend on the port.
    """

    def __init__(self, proxy: str):
        self.proxy = proxy

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteProxyMiddleware:
        proxy = crawler.settings.get("SITE_PROXY")
        if not proxy:
            raise NotConfigured
        return cls(proxy)

    def process_request(self, request: Request, spider: Any = None) -> None:
        request.meta.setdefault("proxy", self.proxy)


class IncrementalMiddleware:
    """Re-crawls: what to do with article pages the archive already holds.

    ``INCREMENTAL`` (per site through the sites file's ``settings``):
    - ``"conditional"`` (default): ask again with If-None-Match / If-Modified-Since, so an
      unchanged page is answered 304 without its body;
    - ``"skip"``: do not fetch them again;
    - ``"always"``: fetch them like new pages.
    List pages are always fetched: they are where new articles appear. A distributed worker
    (``REDIS_URL`` set) reads the validators from Redis, where the archive writer keeps them.
    """

    POLICIES = ("conditional", "skip", "always")

    def __init__(self, crawler: Crawler, policy: str):
        if policy not in self.POLICIES:
            raise ValueError(f"INCREMENTAL must be one of {self.POLICIES}, not {policy!r}")
        self.crawler = crawler
        self.policy = policy
        self.known: dict[str, tuple[str | None, str | None]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalMiddleware:
        policy = crawler.settings.get("INCREMENTAL", "conditional")
        if policy == "always":
            raise NotConfigured
        middleware = cls(crawler, policy)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        return middleware

    def spider_opened(self, spider: Spider) -> None:
        settings = self.crawler.settings
        if settings.get("REDIS_URL"):
            from scrapy_redis.connection import get_redis_from_settings

            from crawler.distributed.shared import read_validators

            self.known = read_validators(get_redis_from_settings(settings), spider.name)
            return
        db = open_archive(settings.get("ARCHIVE_PATH", "archive.db"))
        self.known = validators(db, spider.name)
        db.close()

    def process_request(self, request: Request, spider: Any = None) -> None:
        known = self.known.get(request.url)
        if known is None:
            return
        if self.policy == "skip":
            raise AlreadyArchived(ALREADY_ARCHIVED)
        etag, modified = known
        if etag:
            request.headers.setdefault("If-None-Match", etag)
        if modified:
            request.headers.setdefault("If-Modified-Since", modified)
        request.meta["handle_httpstatus_list"] = [304]


class PageEncodingMiddleware:
    """Give Scrapy a codec it can decode with where a page declares one it cannot.

    A charset label may name a Python codec that is no text encoding (``zlib``, ``base64``):
    Scrapy's own middlewares (meta refresh, for one) would decode the response with it, fail,
    and lose the page. Placed before the first of them, this sets such a response's
    encoding to the first declaration that names a page encoding, else UTF-8. The decode
    stage still sees the original header and bytes, and decides from the evidence.
    """

    def process_response(self, request: Request, response: Any, spider: Any = None) -> Any:
        if not isinstance(response, TextResponse):
            return response
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
        labels = declared_encodings(response.body[:16384], content_type)
        if all(normalize_label(label) or not _is_codec(label) for label in labels.values()):
            return response  # every label is a page encoding, or one Scrapy ignores as unknown
        return response.replace(encoding=declared_codec(response.body, content_type) or "utf-8")


def _is_codec(label: str) -> bool:
    try:
        codecs.lookup(label.strip().strip("\"'"))
    except LookupError:
        return False
    return True


class RedirectLoop(IgnoreRequest):
    """A redirect back to a URL already visited on the way."""


class OffsiteRequest(IgnoreRequest):
    """A redirect that leaves its site: to another host, or to another port of its host."""


class RedirectCheckMiddleware:
    """Turn a redirect that loops or leaves the site into a counted failure.

    It sees the redirect before Scrapy's RedirectMiddleware follows it. Followed, a loop is
    dropped silently by the dupefilter; a redirect off the site is dropped silently by
    Scrapy's OffsiteMiddleware, which compares host names only (another port of the same host,
    another server, passes it), before the request is scheduled: no reason recorded, and the
    lease of the request that redirected never settled. Raised here, both reach the spider's
    errback: counted as ``redirect loop`` and ``offsite redirect``, the lease settled.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectCheckMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Any, spider: Any = None) -> Any:
        location = response.headers.get("Location")
        if response.status in (301, 302, 303, 307, 308) and location:
            target = urljoin(request.url, location.decode("latin-1"))
            if target == request.url or target in request.meta.get("redirect_urls", ()):
                raise RedirectLoop("redirect loop")
            site = getattr(self.crawler.spider, "site", None)
            if site is not None and not site.allows(target):
                raise OffsiteRequest(f"offsite redirect to {target[:200]}")
        return response


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """A Retry-After header's wait in seconds: a number, or an HTTP date (RFC 9110)."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000": UTC, says RFC 5322
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries, plus the wait a 429 or 503 asks for in Retry-After, and a retry of a
    page answered 200 with nothing in its body (a server that failed mid-render: the same
    page is whole a moment later; nothing is no page, so nothing is lost by asking again).

    The site's download slot waits that long (at most ``RETRY_AFTER_MAX`` seconds) before the
    retry and the requests after it, then goes back to its delay: the server said it is
    overloaded for that long. (With AutoThrottle on, a response arriving meanwhile may shorten
    the wait to AUTOTHROTTLE_MAX_DELAY.)
    """

    def process_response(self, request: Request, response: Any, spider: Any = None) -> Any:
        if response.status == 200 and request.method == "GET" and not response.body.strip() \
                and not request.meta.get("dont_retry"):
            return self._retry(request, EMPTY_BODY) or response
        if response.status in self.retry_http_codes and not request.meta.get("dont_retry"):
            header = response.headers.get("Retry-After")
            wait = retry_after_seconds(header.decode("latin-1") if header else None)
            if wait:
                wait = min(wait, self.crawler.settings.getfloat("RETRY_AFTER_MAX", 120))
                downloader = self.crawler.engine.downloader
                key = request.meta.get("download_slot") or downloader.get_slot_key(request)
                slot = downloader.slots.get(key)
                if slot is not None and wait > slot.delay:
                    # the whole wait: RANDOMIZE_DOWNLOAD_DELAY's jitter would draw 0.5x to 1.5x
                    before = (slot.delay, slot.jitter)
                    slot.delay, slot.jitter = wait, 0.0
                    from twisted.internet import reactor

                    reactor.callLater(wait, _restore_delay, slot, before, wait)
        return super().process_response(request, response)


def _restore_delay(slot: Any, before: tuple[float, float], raised: float) -> None:
    delay, jitter = before
    slot.jitter = jitter
    if slot.delay == raised:  # unless something else (AutoThrottle) set it since
        slot.delay = delay
