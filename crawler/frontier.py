"""A local crawl's frontier that survives any interruption, ``kill -9`` included.

Scrapy's JOBDIR queues are consistent only after a clean close (their sizes and the active
priorities are written then), so a killed crawl could not resume from them and started over.
Here every request is a row of one SQLite file in the JOBDIR (``frontier.sqlite``), and
every change is committed as it happens:

- ``queued``: waiting; a request's fingerprint is unique, so the table is the dupefilter too;
- ``leased``: popped and in flight, until the page is done: its links queued and its article
  archived (or dropped, or its request failed for good). A crawl that resumes puts its leased
  requests back in the queue, so a kill costs at most the pages that were in flight;
- ``done``: kept until the run finishes, so a page is not fetched twice in one run.

``LeaseMiddleware`` settles leases on the spider side; ``ArchivePipeline`` once the article
is written. Distributed workers lease in Redis the same way (``SharedScheduler``).
"""

from __future__ import annotations

import logging
import pickle
import sqlite3
import uuid
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

from scrapy import Request, Spider
from scrapy.core.scheduler import BaseScheduler
from scrapy.crawler import Crawler
from scrapy.utils.job import job_dir
from scrapy.utils.request import request_from_dict

from crawler.page import Page
from crawler.signals import page_failed
from crawler.stats import UNQUEUEABLE, failed

logger = logging.getLogger(__name__)

# request.meta key: the lease a popped request holds
LEASE = "newsarchive_lease"
QUEUED, LEASED, DONE = 0, 1, 2

_SCHEMA = """
create table if not exists requests (
  id integer primary key, fingerprint text not null unique, priority integer not null,
  state integer not null default 0, request blob not null);
create index if not exists queue on requests (state, priority, id);
"""


class Frontier:
    """The rows behind ``FrontierScheduler``: plain SQLite, no Scrapy."""

    def __init__(self, path: str | Path | None = None):
        self.conn = sqlite3.connect(str(path) if path else ":memory:", isolation_level=None)
        # WAL and NORMAL: a commit is not synced to disk, but survives the process being killed
        self.conn.execute("pragma journal_mode = wal")
        self.conn.execute("pragma synchronous = normal")
        self.conn.executescript(_SCHEMA)

    def add(self, fingerprint: str, request: bytes, priority: int = 0) -> bool:
        """Queue a request; False if its fingerprint was seen before (queued, leased or done)."""
        cursor = self.conn.execute(
            "insert or ignore into requests (fingerprint, priority, request) values (?, ?, ?)",
            [fingerprint, priority, request])
        return cursor.rowcount == 1

    def take(self) -> tuple[str, bytes] | None:
        """Lease the next request: the highest priority, then the newest (as Scrapy's default
        LIFO queues do: a page's links before older ones)."""
        row = self.conn.execute(
            "select id, request from requests where state = ? order by priority desc, id desc limit 1",
            [QUEUED]).fetchone()
        if row is None:
            return None
        self.conn.execute("update requests set state = ? where id = ?", [LEASED, row[0]])
        return str(row[0]), row[1]

    def settle(self, lease: str) -> None:
        self.conn.execute("update requests set state = ?, request = x'' where id = ?", [DONE, int(lease)])

    def release_leases(self) -> int:
        """Requests that were in flight when the last crawl stopped: queued again."""
        return self.conn.execute("update requests set state = ? where state = ?", [QUEUED, LEASED]).rowcount

    def count(self, state: int) -> int:
        return self.conn.execute("select count(*) from requests where state = ?", [state]).fetchone()[0]

    def any_queued(self) -> bool:
        """Whether a request waits: one index probe, where ``count`` reads every queued row
        (the engine asks this on every turn of its loop)."""
        row = self.conn.execute("select 1 from requests where state = ? limit 1", [QUEUED]).fetchone()
        return row is not None

    def close(self) -> None:
        self.conn.close()


class FrontierScheduler(BaseScheduler):
    """Scrapy scheduler over a ``Frontier``: in ``JOBDIR/frontier.sqlite``, or in memory
    without a JOBDIR (a crawl that cannot resume anyway)."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        jobdir = job_dir(crawler.settings)
        self.path = Path(jobdir) / "frontier.sqlite" if jobdir else None
        self.frontier: Frontier | None = None
        self.spider: Spider | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierScheduler:
        return cls(crawler)

    def open(self, spider: Spider) -> None:
        self.spider = spider
        self.frontier = Frontier(self.path)
        released = self.frontier.release_leases()
        queued, done = self.frontier.count(QUEUED), self.frontier.count(DONE)
        if queued or done:
            logger.info("resuming %s: %d requests queued (%d of them in flight when it stopped), "
                        "%d done", spider.name, queued, released, done)

    def close(self, reason: str) -> None:
        if self.frontier is not None:
            self.frontier.close()

    def enqueue_request(self, request: Request) -> bool:
        # a retry or redirect of a leased request carries its lease: the copy takes over
        parent = request.meta.pop(LEASE, None)
        fingerprint = self.crawler.request_fingerprinter.fingerprint(request).hex()
        if request.dont_filter:
            fingerprint += f"#{uuid.uuid4().hex}"
        try:
            data = pickle.dumps(request.to_dict(spider=self.spider), protocol=4)
        except (ValueError, TypeError, AttributeError, pickle.PicklingError) as exc:
            logger.error("cannot queue %s: %s", request.url, exc)
            self.stats.inc_value(failed(UNQUEUEABLE))
            added = False
        else:
            added = self.frontier.add(fingerprint, data, request.priority)
            self.stats.inc_value("scheduler/enqueued" if added else "dupefilter/filtered")
        if parent:
            self.frontier.settle(parent)
        return added

    def next_request(self) -> Request | None:
        while (taken := self.frontier.take()) is not None:
            lease, data = taken
            try:
                request = request_from_dict(pickle.loads(data), spider=self.spider)
                break
            except Exception as exc:  # a row another version wrote: counted, not read again
                logger.error("cannot read a queued request back: %s: %s", type(exc).__name__, exc)
                self.stats.inc_value(failed(UNQUEUEABLE))
                self.frontier.settle(lease)
        else:
            return None
        request.meta[LEASE] = lease
        self.stats.inc_value("scheduler/dequeued")
        return request

    def has_pending_requests(self) -> bool:
        return self.frontier is not None and self.frontier.any_queued()

    def settle(self, lease: str) -> None:
        """The work a lease stands for is done."""
        self.frontier.settle(lease)


def settle(crawler: Crawler, lease: str | None) -> None:
    """Settle a lease with whichever scheduler holds it (none: nothing to do)."""
    scheduler = crawler.engine.scheduler if crawler.engine is not None else None
    if lease and hasattr(scheduler, "settle"):
        scheduler.settle(lease)


class LeaseMiddleware:
    """Spider middleware (placed last, so it sees what every other one let through): a
    response's lease is settled only once the work it stands for is safe elsewhere.

    Its links are queued here, one by one, before anything else happens (Scrapy would queue
    them only after reading the whole output); then an article page's Page takes the lease
    over, settled once the article is archived (or on the stream of a distributed crawl); a
    page without an article, or whose callback failed, settles it here. A request that failed
    for good settles it through the spider's ``page_failed`` signal (its errback)."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeaseMiddleware:
        middleware = cls(crawler)
        crawler.signals.connect(middleware.request_failed, signal=page_failed)
        return middleware

    def request_failed(self, request: Request, **kwargs: Any) -> None:
        settle(self.crawler, request.meta.get(LEASE))

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
            settle(self.crawler, lease)

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
