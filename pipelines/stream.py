"""Distributed crawls: send each processed page to the item stream, for the archive writer.

Put in place of ``ArchivePipeline`` by the ``DistributedMode`` add-on when ``REDIS_URL`` is
set (``crawler/addons.py``), so a worker never opens the SQLite archive. Settings:
``REDIS_URL``, ``REDIS_ITEMS_KEY`` (default ``newsarchive:items``). The stream gets an
``open`` entry when the spider opens, one ``page`` entry per article, and a ``close`` entry
with the run's counts; ``newsarchive archive-writer`` (``crawler/distributed/writer.py``) archives them.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy_redis.connection import get_redis_from_settings

from crawler.archive.store import now
from crawler.distributed.entries import DEFAULT_STREAM, event_entry, page_entry
from crawler.distributed.shared import release_lease
from crawler.page import Page
from crawler.stats import SENT, STATUS, run_stats

logger = logging.getLogger(__name__)


class ItemStreamPipeline:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.server = get_redis_from_settings(crawler.settings)
        self.stream = crawler.settings.get("REDIS_ITEMS_KEY") or DEFAULT_STREAM
        self.worker = crawler.settings.get("NEWSARCHIVE_WORKER_ID")
        self.repairs: Counter = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ItemStreamPipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        # a page dropped on the way (no article, keyword filter) is done too; one that met an
        # error (Redis refusing it above all) keeps its lease, to be fetched again if need be
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        return pipeline

    def open_spider(self, spider: Spider | None = None) -> None:
        self.server.xadd(self.stream, event_entry("open", self.worker, self.crawler.spider.name,
                                                  started_at=now()))
        logger.info("worker %s sends pages to the Redis stream %s", self.worker, self.stream)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, Page):
            return item
        # one round trip, all or nothing (MULTI/EXEC): the page onto the stream and its lease
        # settled; if Redis refuses the page (out of memory), the lease stays
        pipe = self.server.pipeline(transaction=True)
        pipe.xadd(self.stream, page_entry(item, self.worker))
        release_lease(pipe, item.site, self.worker, item.lease)
        pipe.execute()
        self.repairs.update(item.repairs)
        self.crawler.stats.inc_value(SENT)
        logger.info("sent article %s (%s, repairs: %s)", item.url, item.encoding,
                    dict(item.repairs) or "none")
        return item

    def item_dropped(self, item: Any, **kwargs: Any) -> None:
        if isinstance(item, Page):
            release_lease(self.server, item.site, self.worker, item.lease)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.server.xadd(self.stream, event_entry(
            "close", self.worker, spider.name, ended_at=now(),
            status=STATUS.get(reason, f"failed: {reason}"),
            **run_stats(self.crawler.stats.get_stats()),
            repairs=dict(self.repairs.most_common()),
        ))
