"""The scheduler of distributed workers: scrapy-redis' shared queue with leases."""

from __future__ import annotations

import logging
import time
import uuid

import redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.utils.misc import load_object
from scrapy_redis.scheduler import Scheduler

from crawler.compat import PrivateApiChanged, decode_queued_request, encode_queued_request, wake_engine
from crawler.distributed.shared import (
    ENQUEUE,
    POLL_SECONDS,
    POP,
    live_workers,
    new_worker_id,
    release_lease,
    requeue_gone_workers,
    site_key,
)
from crawler.frontier import LEASE

logger = logging.getLogger(__name__)


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
        scheduler.cannot_wake = False
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    def open(self, spider: Spider) -> None:
        site = spider.name
        self.queue_key = site_key(site, "requests")
        self.leases_key = site_key(site, f"leases:{self.worker}")
        self.worker_key = site_key(site, f"worker:{self.worker}")
        self.pop_script = self.server.register_script(POP)
        self.enqueue_script = self.server.register_script(ENQUEUE)
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
            # the heartbeat first: nothing else may keep it from being sent
            if time.monotonic() - self.last_beat >= self.ttl / 4:
                idle = engine is not None and engine.spider is not None and engine.spider_is_idle()
                self.beat("idle" if idle else "busy")
                # a killed worker's requests come back now, not when some worker is next idle
                requeue_gone_workers(self.server, self.spider.name)
            if len(self.queue) and engine is not None and not self.cannot_wake:
                wake_engine(engine)
        except PrivateApiChanged as exc:  # work is still taken at the engine's own pace
            self.cannot_wake = True
            logger.error("cannot wake the engine for work others queued: %s", exc)
        except redis.RedisError as exc:
            logger.warning("heartbeat to Redis failed: %s", exc)

    def enqueue_request(self, request: Request) -> bool:
        # a retry or redirect of a leased request carries its lease: the copy takes over
        parent = request.meta.pop(LEASE, None)
        fingerprint = "" if request.dont_filter else self.df.request_fingerprint(request)
        added = bool(self.enqueue_script(
            keys=[self.df.key, self.queue_key],
            args=[fingerprint, -request.priority, encode_queued_request(self.queue, request)]))
        if added and self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        # only now: a kill before this line leaves the parent leased, so it is fetched again
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
        request = decode_queued_request(self.queue, data)
        request.meta[LEASE] = lease
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def settle(self, lease: str) -> None:
        """The work a lease stands for is done (see crawler/frontier.py)."""
        release_lease(self.server, self.spider.name, self.worker, lease)

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
