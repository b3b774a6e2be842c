"""Distributed crawls on scrapy-redis: any number of workers share one frontier; one process
writes the archive.

Switched on by the ``REDIS_URL`` setting: the ``DistributedMode`` add-on (always listed in
``ADDONS``, idle without it) then makes the crawl a worker:
- the scheduler is scrapy-redis' (a shared priority queue ``<site>:requests`` and dupefilter
  ``<site>:dupefilter``), extended here by ``SharedScheduler`` so that a worker closes only
  when no worker anywhere has work left, and a killed worker's requests go back to the queue;
- ``ArchivePipeline`` is replaced by ``pipelines.stream.ItemStreamPipeline``: processed pages
  go to a Redis stream that ``newsarchive archive-writer`` writes into the archive
  (``crawler.stream``), so no worker opens the SQLite file;
- conditional re-crawls take their validators from ``<site>:validators`` (kept by the writer).

Every popped request is *leased*: a copy stays in ``<site>:leases:<worker>`` until the page
is done (its links queued, its article on the stream, or its failure counted). Each worker
refreshes ``<site>:worker:<worker>`` (``busy`` or ``idle``) every quarter of
``REDIS_WORKER_TTL``; when that key has expired the worker is gone, and the next worker to
notice puts its leases back in the queue.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
import uuid
from collections.abc import AsyncIterator, Iterable
from typing import Any

import redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import load_object
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.scheduler import Scheduler

from crawler.page import Page

logger = logging.getLogger(__name__)

# request.meta key: the lease a popped request holds
LEASE = "newsarchive_lease"
# how often an idle worker looks for work others queued
POLL_SECONDS = 0.2

# Pop the best request and lease it in one step, so no other worker can see the queue empty
# and every worker idle while this one holds the last request. The lease keeps the score, so
# a requeued request keeps its priority.
_POP = """
local popped = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #popped == 0 then return false end
redis.call('ZREM', KEYS[1], popped[1])
redis.call('HSET', KEYS[2], ARGV[1], popped[2] .. '\\n' .. popped[1])
redis.call('SET', KEYS[3], 'busy', 'PX', ARGV[2])
return popped[1]
"""

# A gone worker's leases back into the queue (only if it is really gone: its key expired).
_REQUEUE = """
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
local leased = redis.call('HVALS', KEYS[1])
for _, value in ipairs(leased) do
  local cut = string.find(value, '\\n', 1, true)
  redis.call('ZADD', KEYS[2], tonumber(string.sub(value, 1, cut - 1)), string.sub(value, cut + 1))
end
redis.call('DEL', KEYS[1])
return #leased
"""


def site_key(site: str, what: str) -> str:
    """The Redis key of one site's shared state (the scheme scrapy-redis uses)."""
    return f"{site}:{what}"


def new_worker_id() -> str:
    """host:pid:random, unique per crawl run, readable in Redis and in the crawls table."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def redis_from_url(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10)


def release_lease(server: redis.Redis | redis.client.Pipeline, site: str, worker: str,
                  lease: str | None) -> None:
    if lease:
        server.hdel(site_key(site, f"leases:{worker}"), lease)


def live_workers(server: redis.Redis, site: str = "*") -> dict[str, bytes]:
    """The workers of a site (default: of every site) whose key has not expired:
    "<site>:worker:<id>" -> b"busy" | b"idle"."""
    keys = list(server.scan_iter(match=site_key(site, "worker:*"), count=1000))
    values = server.mget(keys) if keys else []
    return {key.decode(): value for key, value in zip(keys, values, strict=True) if value is not None}


def worker_alive(server: redis.Redis, site: str, worker: str) -> bool:
    return bool(server.exists(site_key(site, f"worker:{worker}")))


def requeue_gone_workers(server: redis.Redis, site: str) -> int:
    """Put the leased requests of workers that are gone back into the site's queue."""
    script = server.register_script(_REQUEUE)
    prefix = site_key(site, "leases:")
    requeued = 0
    for key in server.scan_iter(match=prefix + "*", count=1000):
        worker = key.decode()[len(prefix):]
        requeued += script(keys=[key, site_key(site, "requests"), site_key(site, f"worker:{worker}")])
    if requeued:
        logger.warning("%s: %d requests of stopped workers put back in the queue", site, requeued)
    return requeued


def publish_validators(server: redis.Redis, site: str,
                       known: dict[str, tuple[str | None, str | None]]) -> None:
    """The archive's ETag / Last-Modified of a site's articles, for workers' conditional
    requests (``IncrementalMiddleware``)."""
    key = site_key(site, "validators")
    items = list(known.items())
    for start in range(0, len(items), 1000):
        server.hset(key, mapping={url: json.dumps(v) for url, v in items[start:start + 1000]})


def read_validators(server: redis.Redis, site: str) -> dict[str, tuple[str | None, str | None]]:
    stored = server.hgetall(site_key(site, "validators"))
    return {url.decode(): tuple(json.loads(value)) for url, value in stored.items()}


class DistributedMode:
    """Scrapy add-on: with ``REDIS_URL`` set, this crawl is a worker of a distributed crawl.

    ``DISTRIBUTED_SEED``: only queue the spider's start requests and stop (what ``newsarchive
    crawl --distributed`` does to start a run); ``REDIS_WORKER_TTL``: seconds after which a
    silent worker counts as gone.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        if not settings.get("REDIS_URL"):
            return
        from pipelines.archive import ArchivePipeline
        from pipelines.stream import ItemStreamPipeline

        settings.set("SCHEDULER", "crawler.distributed.SharedScheduler", "addon")
        settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", "addon")
        settings.set("SCHEDULER_QUEUE_CLASS", "scrapy_redis.queue.PriorityQueue", "addon")
        # the frontier is shared: no worker may flush it when it stops
        settings.set("SCHEDULER_PERSIST", True, "addon")
        settings.set("NEWSARCHIVE_WORKER_ID", new_worker_id(), "addon")
        pipelines = settings.getdict("ITEM_PIPELINES")
        if any(load_object(path) is ArchivePipeline for path in pipelines):  # none when seeding
            settings.replace_in_component_priority_dict("ITEM_PIPELINES", ArchivePipeline, ItemStreamPipeline)
        # last: it sees the output that every other spider middleware let through
        settings["SPIDER_MIDDLEWARES"][LeaseMiddleware] = 10
        settings["SPIDER_MIDDLEWARES"][SeedingMiddleware] = 960
        # first: it answers robots.txt requests from Redis before anything else sees them
        settings["DOWNLOADER_MIDDLEWARES"][SharedRobotsTxtMiddleware] = 30
        # a worker's crawl state lives in Redis; a JOBDIR would keep a second, private copy
        settings.set("JOBDIR", None, "addon")


class SharedScheduler(Scheduler):
    """scrapy-redis' scheduler for workers that share a frontier.

    - A worker stops only when the queue is empty and no live worker is busy (one may still
      find links); stock scrapy-redis either deletes the shared queue when the first worker
      stops (``SCHEDULER_PERSIST = False``) or stops a worker as soon as the queue is
      momentarily empty.
    - Popped requests are leased (see the module), and the leases of workers that are gone go
      back to the queue; a worker stopped gracefully (Ctrl-C, SIGTERM) returns its own.
    """

    crawler: Crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedScheduler:
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.worker = crawler.settings.get("NEWSARCHIVE_WORKER_ID") or new_worker_id()
        scheduler.ttl = crawler.settings.getfloat("REDIS_WORKER_TTL", 10.0)
        scheduler.seed_only = crawler.settings.getbool("DISTRIBUTED_SEED")
        scheduler.wait_for_run = crawler.settings.getfloat("REDIS_WAIT_FOR_RUN")
        scheduler.opened_at = time.monotonic()
        scheduler.loop = None
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    def open(self, spider: Spider) -> None:
        site = spider.name
        self.queue_key = site_key(site, "requests")
        self.leases_key = site_key(site, f"leases:{self.worker}")
        self.worker_key = site_key(site, f"worker:{self.worker}")
        self.pop_script = self.server.register_script(_POP)
        # scrapy-redis' open(), less its deprecated Spider.log() call
        self.spider = spider
        self.queue = load_object(self.queue_cls)(server=self.server, spider=spider,
                                                 key=self.queue_key, serializer=self.serializer)
        self.df = self.df or load_object(self.dupefilter_cls).from_spider(spider)
        if self.seed_only:
            self._start_run(site)
            return
        self.beat("busy")
        from twisted.internet.task import LoopingCall

        self.loop = LoopingCall(self.tick)
        self.loop.start(POLL_SECONDS, now=False)
        logger.info("worker %s joined %s (%d requests queued)", self.worker, site, len(self.queue))

    def _start_run(self, site: str) -> None:
        """Seeding: a new run re-reads the list pages, so the last run's fingerprints go,
        unless a run is still going (requests queued or leased, or a worker busy)."""
        leased = any(True for _ in self.server.scan_iter(match=site_key(site, "leases:*"), count=100))
        # idle workers (waiting for a run, or done with the last one) do not hold a run open
        busy = b"busy" in live_workers(self.server, site).values()
        if len(self.queue) or leased or busy:
            logger.warning("%s: a run is in progress (%d requests queued); its workers go on with it",
                           site, len(self.queue))
        else:
            self.df.clear()

    def close(self, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.seed_only:
            return
        self.server.delete(self.worker_key)
        if reason == "finished":  # everything done: no lease is pending any more
            self.server.delete(self.leases_key)
        else:  # stopped early: what it held goes back for the others
            requeue_gone_workers(self.server, self.spider.name)

    def beat(self, state: str) -> None:
        self.server.set(self.worker_key, state, px=int(self.ttl * 1000))
        self.last_beat = time.monotonic()

    def tick(self) -> None:
        """Every POLL_SECONDS: take work others queued now (Scrapy's engine would only ask the
        scheduler again at its next 5 s heartbeat or when a download of its own ends), and
        every quarter of the TTL say this worker is alive."""
        engine = self.crawler.engine
        try:
            if len(self.queue) and engine is not None and engine._slot is not None:
                engine._slot.nextcall.schedule()
            if time.monotonic() - self.last_beat >= self.ttl / 4:
                idle = engine is not None and engine.spider is not None and engine.spider_is_idle()
                self.beat("idle" if idle else "busy")
                # a killed worker's requests come back now, not when some worker is next idle
                requeue_gone_workers(self.server, self.spider.name)
        except (redis.RedisError, AttributeError) as exc:
            logger.warning("heartbeat to Redis failed: %s", exc)

    def enqueue_request(self, request: Request) -> bool:
        # a retry or redirect of a leased request carries its lease: the copy takes over
        parent = request.meta.pop(LEASE, None)
        if not request.dont_filter and self.df.request_seen(request):
            added = False
        else:
            self.queue.push(request)
            added = True
            if self.stats:
                self.stats.inc_value("scheduler/enqueued/redis")
        release_lease(self.server, self.spider.name, self.worker, parent)
        return added

    def next_request(self) -> Request | None:
        if self.seed_only:
            return None
        lease = uuid.uuid4().hex
        data = self.pop_script(keys=[self.queue_key, self.leases_key, self.worker_key],
                               args=[lease, int(self.ttl * 1000)])
        if not data:
            return None
        request = self.queue._decode_request(data)
        request.meta[LEASE] = lease
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        return not self.seed_only and len(self.queue) > 0

    def spider_idle(self, spider: Spider) -> None:
        if self.seed_only:
            return
        try:
            self._close_when_done(spider)
        except redis.RedisError as exc:  # Redis away for a moment: the run is not over for it
            logger.warning("Redis: %s; trying again", exc)
            raise DontCloseSpider from exc

    def _close_when_done(self, spider: Spider) -> None:
        # idle: every request this worker popped is done
        self.server.delete(self.leases_key)
        self.beat("idle")
        if requeue_gone_workers(self.server, spider.name) or len(self.queue):
            raise DontCloseSpider
        if b"busy" in live_workers(self.server, spider.name).values():  # this one just said idle
            raise DontCloseSpider
        if not self.stats.get_value("scheduler/dequeued/redis"):
            if time.monotonic() - self.opened_at < self.wait_for_run:
                raise DontCloseSpider  # REDIS_WAIT_FOR_RUN: a run may be about to start
            logger.info("%s: nothing queued (no run going); start a run with "
                        "`newsarchive crawl --distributed`", spider.name)


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


class LeaseMiddleware:
    """Spider middleware (placed last, so it sees what every other one let through): a
    response's lease is settled only once the work it stands for is safe elsewhere.

    Its links are queued here, one by one, before anything else happens (Scrapy would queue
    them only after reading the whole output); then an article page's Page takes the lease
    over, settled once the page is on the stream (``ItemStreamPipeline``); a page without an
    article, or whose callback failed, settles it here. A request that failed for good
    settles it through the spider's ``page_failed`` signal (its errback)."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.server = get_redis_from_settings(crawler.settings)
        self.worker = crawler.settings.get("NEWSARCHIVE_WORKER_ID")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeaseMiddleware:
        from crawler.signals import page_failed

        middleware = cls(crawler)
        crawler.signals.connect(middleware.request_failed, signal=page_failed)
        return middleware

    def request_failed(self, request: Request, **kwargs: Any) -> None:
        release_lease(self.server, self.crawler.spider.name, self.worker, request.meta.get(LEASE))

    def _take(self, item: Any, pages: list[Page]) -> bool:
        """Queue a request now, or hold back a Page; False for anything else."""
        if isinstance(item, Request):
            self.crawler.engine.crawl(item)
            return True
        if isinstance(item, Page):
            pages.append(item)
            return True
        return False

    def _settle(self, response: Any, pages: list[Page]) -> None:
        lease = response.request.meta.get(LEASE)
        if pages:
            pages[0].lease = lease  # the spider makes one Page per response
        else:
            release_lease(self.server, self.crawler.spider.name, self.worker, lease)

    def process_spider_output(self, response: Any, result: Iterable[Any]) -> Iterable[Any]:
        pages: list[Page] = []
        try:
            for item in result:
                if not self._take(item, pages):
                    yield item
        finally:
            self._settle(response, pages)
        yield from pages

    async def process_spider_output_async(self, response: Any,
                                          result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        pages: list[Page] = []
        try:
            async for item in result:
                if not self._take(item, pages):
                    yield item
        finally:
            self._settle(response, pages)
        for page in pages:
            yield page


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
