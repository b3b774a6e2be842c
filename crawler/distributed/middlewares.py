"""The spider and downloader middlewares of distributed workers (put in place by the
``DistributedMode`` add-on, ``crawler/addons.py``)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy_redis.connection import get_redis_from_settings


class SeedingMiddleware:
    """Spider middleware: only the run's seeding (``DISTRIBUTED_SEED``, what ``newsarchive
    crawl --distributed`` sets) queues the spider's start requests; a worker's own are dropped,
    so a worker started after a run is done does not start another one by itself."""

    def __init__(self, crawler: Crawler):
        self.seeding = crawler.settings.getbool("DISTRIBUTED_SEED")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SeedingMiddleware:
        return cls(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for request in start:
            if self.seeding:
                yield request


class SharedRobotsTxtMiddleware:
    """Downloader middleware of distributed workers: one worker fetches a host's robots.txt,
    the others read its copy from Redis (``robots:<url>``, kept ``ROBOTS_CACHE_SECONDS``), so no
    URL of a site is fetched twice, robots.txt included. Scrapy's RobotsTxtMiddleware still
    parses and obeys it in every worker. A fetch that fails leaves no copy: the next worker
    that needs it fetches it."""

    WAIT_SECONDS = 30  # for another worker's fetch, before fetching it here after all
    KEY = "newsarchive_robots_key"  # request.meta: the cache key of the fetch in hand

    def __init__(self, crawler: Crawler):
        self.server = get_redis_from_settings(crawler.settings)
        self.keep = crawler.settings.getint("ROBOTS_CACHE_SECONDS", 86_400)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedRobotsTxtMiddleware:
        return cls(crawler)

    @staticmethod
    def _key(request: Request) -> str | None:
        url = urlparse_cached(request)
        if request.meta.get("dont_obey_robotstxt") and url.path == "/robots.txt":
            return f"robots:{url.scheme}://{url.netloc}"
        return None

    async def process_request(self, request: Request) -> Response | None:
        key = self._key(request)
        if key is None or self.KEY in request.meta:  # not robots.txt, or a redirect of our fetch
            return None
        deadline = time.monotonic() + self.WAIT_SECONDS
        while True:
            cached = self.server.hgetall(key)
            if cached:
                return Response(request.url, status=int(cached[b"status"]), body=cached[b"body"],
                                request=request, flags=["shared"])
            if self.server.set(f"{key}:fetching", 1, nx=True, ex=self.WAIT_SECONDS) \
                    or time.monotonic() > deadline:
                request.meta[self.KEY] = key  # this worker fetches it (redirects keep the key)
                return None
            from twisted.internet import reactor
            from twisted.internet.task import deferLater

            await maybe_deferred_to_future(deferLater(reactor, 0.1, lambda: None))

    def process_response(self, request: Request, response: Response) -> Response:
        # redirects were followed before this (RedirectMiddleware stands later in the chain)
        key = request.meta.get(self.KEY)
        if key and "shared" not in response.flags:
            pipe = self.server.pipeline()
            if response.status < 500:  # a server error says nothing about the rules
                pipe.hset(key, mapping={"status": response.status, "body": response.body})
                pipe.expire(key, self.keep)
            pipe.delete(f"{key}:fetching")
            pipe.execute()
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        key = request.meta.get(self.KEY)
        if key:
            self.server.delete(f"{key}:fetching")
