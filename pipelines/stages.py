"""The decode, extract and clean stages as Scrapy item pipelines.

Each calls one function of ``crawler.page``; a page that yields no article is dropped with
its reason logged and counted under ``newsarchive/failed/<reason>`` in the crawl stats.

``STAGE_WORKERS``: run the stages in that many worker processes (``crawler.workers``) instead
of in Scrapy's reactor thread; 0 runs them in the crawl's own process.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.clean import load_rules
from crawler.page import Page, PageRejected, clean_stage, decode_stage, extract_stage
from crawler.workers import StagePool, WorkerDied

logger = logging.getLogger(__name__)


class _StagePipeline:
    name = ""  # the stage, as crawler.workers.run_stage knows it

    def stage(self, page: Page) -> Page:
        raise NotImplementedError

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.pool: StagePool | None = None
        workers = crawler.settings.getint("STAGE_WORKERS")
        if workers > 0:
            self.pool = StagePool.acquire(workers, crawler.settings.get("CLEAN_RULES_FILE"))
            # a method of this pipeline, not the pool's: each pipeline releases its own share
            crawler.signals.connect(self.release_pool, signal=signals.engine_stopped)

    def release_pool(self) -> None:
        if self.pool is not None:
            self.pool.release()
            self.pool = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> _StagePipeline:
        return cls(crawler)

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, Page):
            return item
        try:
            return await self.pool.run(self.name, item) if self.pool else self.stage(item)
        except PageRejected as exc:
            reason = str(exc).split(":")[0]
            self.crawler.stats.inc_value(f"newsarchive/failed/{reason}")
            raise DropItem(f"{item.url}: {exc}") from exc
        except Exception as exc:  # a parser choking on hostile input must not stop the crawl
            reason = f"{type(self).__name__} error: {type(exc).__name__}"
            self.crawler.stats.inc_value(f"newsarchive/failed/{reason}")
            logger.error("%s on %s: %s", reason, item.url, exc, exc_info=not isinstance(exc, WorkerDied))
            raise DropItem(f"{item.url}: {reason}: {exc}") from exc


class DecodePipeline(_StagePipeline):
    """Bytes -> HTML text: codec from all the evidence, mojibake repaired."""

    name = "decode"

    def stage(self, page: Page) -> Page:
        return decode_stage(page)


class ExtractPipeline(_StagePipeline):
    """HTML -> article text, title, date, author, source."""

    name = "extract"

    def stage(self, page: Page) -> Page:
        return extract_stage(page)


class CleanPipeline(_StagePipeline):
    """Article text -> article text without pinyin annotations, place spam, boilerplate.

    ``CLEAN_RULES_FILE``: a rules file to use instead of the packaged crawler/rules/clean.toml.
    """

    name = "clean"

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.rules = load_rules(crawler.settings.get("CLEAN_RULES_FILE"))

    def stage(self, page: Page) -> Page:
        return clean_stage(page, self.rules)
