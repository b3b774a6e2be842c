"""Write processed pages into the SQLite archive and record the crawl run.

Settings: ``ARCHIVE_PATH`` (default ``archive.db``). One ``crawls`` row per spider run: it is
opened when the spider opens and closed with how the run ended (finished, interrupted,
failed), pages fetched, new/updated/unchanged articles, and failures by reason.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import Counter
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.archive.lock import release_archive_lock
from crawler.archive.store import (
    archive_page,
    archived_elsewhere,
    claim_archive,
    finish_crawl,
    open_archive,
    start_crawl,
)
from crawler.frontier import settle
from crawler.page import Page
from crawler.stats import ARCHIVE_WRITE_FAILED, SAME_PAGE, STATUS, article, failed, run_stats, skipped

logger = logging.getLogger(__name__)



class ArchivePipeline:
    def __init__(self, crawler: Crawler, path: str):
        self.crawler = crawler
        self.path = path
        self.db = None
        self.crawl_id: int | None = None
        self.outcomes: Counter = Counter()
        self.repairs: Counter = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        pipeline = cls(crawler, crawler.settings.get("ARCHIVE_PATH", "archive.db"))
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        # a page dropped on the way (no article, keyword filter) is done too
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        return pipeline

    def open_spider(self, spider: Spider | None = None) -> None:
        # raises ArchiveLocked: one writer
        claim_archive(self.path, self.crawler.settings.getfloat("ARCHIVE_LOCK_WAIT"))
        self.db = open_archive(self.path)
        self.crawl_id = start_crawl(self.db, self.crawler.spider.name)
        logger.info("archiving into %s (crawl %s)", self.path, self.crawl_id)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, Page):
            return item
        try:
            if (archived := archived_elsewhere(self.db, item)) is not None:
                self.crawler.stats.inc_value(skipped(SAME_PAGE))
                raise DropItem(f"{item.url}: {SAME_PAGE}: archived as {archived}")
            outcome = archive_page(self.db, item, self.crawl_id)
        except sqlite3.Error as exc:  # a full disk, a locked file: counted in the run's row
            self.crawler.stats.inc_value(failed(ARCHIVE_WRITE_FAILED))
            logger.error("%s: %s: %s", ARCHIVE_WRITE_FAILED, item.url, exc)
            item.lease = None  # not done: a resumed crawl fetches it again
            raise DropItem(f"{item.url}: {ARCHIVE_WRITE_FAILED}: {exc}") from exc
        settle(self.crawler, item.lease)  # archived: the frontier may forget the request
        self.outcomes[outcome] += 1
        self.repairs.update(item.repairs)
        self.crawler.stats.inc_value(article(outcome))
        logger.info("%s article %s (%s, repairs: %s)", outcome, item.url, item.encoding,
                    dict(item.repairs) or "none")
        return item

    def item_dropped(self, item: Any, **kwargs: Any) -> None:
        if isinstance(item, Page):
            settle(self.crawler, item.lease)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.db is None:
            return
        run = run_stats(self.crawler.stats.get_stats())
        self.outcomes["unchanged"] += run["not_modified"]
        self.outcomes["skipped"] += run["skipped"]
        finish_crawl(
            self.db,
            self.crawl_id,
            status=STATUS.get(reason, f"failed: {reason}"),
            pages_fetched=run["pages_fetched"],
            outcomes=self.outcomes,
            failures=run["failures"],
            repairs=self.repairs,
        )
        self.db.close()
        self.db = None
        release_archive_lock(self.path)
