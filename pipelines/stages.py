"""The decode, extract and clean stages as Scrapy item pipelines, one class each.

Each runs its stage of ``crawler.page.STAGES``; a page that yields no article is dropped with
its reason logged and counted under ``newsarchive/failed/<reason>`` in the crawl stats.

``STAGE_PROCESSES``: run the stages in that many processes (``crawler.processes``) instead of
in Scrapy's reactor thread; 0 runs them in the crawl's own process.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.page import STAGES, Page, PageRejected
from crawler.processes import StagePool, StageProcessDied
from crawler.stats import failed
from crawler.text.rules import load_rules

logger = logging.getLogger(__name__)


def stage_processes(crawler: Crawler) -> int:
    """``STAGE_PROCESSES``, or the ``STAGE_WORKERS`` of a command line written before the
    rename (it wins where set above the defaults)."""
    settings = crawler.settings
    old = settings.getpriority("STAGE_WORKERS")
    if old is not None and old > settings.getpriority("STAGE_PROCESSES"):
        logger.warning("STAGE_WORKERS is now called STAGE_PROCESSES")
        return settings.getint("STAGE_WORKERS")
    return settings.getint("STAGE_PROCESSES")


class StagePipeline:
    stage = ""  # its name in crawler.page.STAGES

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.rules = load_rules(crawler.settings.get("CLEAN_RULES_FILE"))
        self.pool: StagePool | None = None
        processes = stage_processes(crawler)
        if processes > 0:
            self.pool = StagePool.acquire(processes, crawler.settings.get("CLEAN_RULES_FILE"),
                                          crawler.settings.getfloat("STAGE_TIME_LIMIT"))
            # a method of this pipeline, not the pool's: each pipeline releases its own share
            crawler.signals.connect(self.release_pool, signal=signals.engine_stopped)

    def release_pool(self) -> None:
        if self.pool is not None:
            self.pool.release()
            self.pool = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StagePipeline:
        return cls(crawler)

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, Page):
            return item
        try:
            if self.pool:
                return await self.pool.run(self.stage, item)
            return STAGES[self.stage](item, self.rules)
        except PageRejected as exc:
            self.crawler.stats.inc_value(failed(exc.reason))
            raise DropItem(f"{item.url}: {exc}") from exc
        except Exception as exc:  # a parser choking on hostile input must not stop the crawl
            reason = f"{type(self).__name__} error: {type(exc).__name__}"
            self.crawler.stats.inc_value(failed(reason))
            logger.error("%s on %s: %s", reason, item.url, exc,
                         exc_info=not isinstance(exc, StageProcessDied))
            raise DropItem(f"{item.url}: {reason}: {exc}") from exc


class DecodePipeline(StagePipeline):
    """Bytes -> HTML text: codec from all the evidence, mojibake repaired."""

    stage = "decode"


class ExtractPipeline(StagePipeline):
    """HTML -> article text, title, date, author, source."""

    stage = "extract"


class CleanPipeline(StagePipeline):
    """Article text -> article text without pinyin annotations, place spam, boilerplate.

    ``CLEAN_RULES_FILE``: a rules file to use instead of the packaged crawler/rules/clean.toml.
    """

    stage = "clean"
