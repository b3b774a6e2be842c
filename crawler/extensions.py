"""Scrapy extensions."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)


class JobDirCleanup:
    """Remove the JOBDIR of a crawl that finished.

    A JOBDIR lets an interrupted crawl resume where it stopped; once the crawl has finished,
    its saved state (the frontier's done requests above all) would make the next scheduled
    crawl skip the list pages it must read again.
    """

    def __init__(self, jobdir: str):
        self.jobdir = Path(jobdir)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JobDirCleanup:
        jobdir = crawler.settings.get("JOBDIR")
        if not jobdir:
            raise NotConfigured
        extension = cls(jobdir)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if reason == "finished":
            shutil.rmtree(self.jobdir, ignore_errors=True)
            if self.jobdir.parent.name.endswith(".jobs"):  # the folder newsarchive made
                try:
                    self.jobdir.parent.rmdir()  # once no site needs it
                except OSError:
                    pass
        else:
            logger.info("crawl %s (%s): state kept in %s; the next run resumes it",
                        spider.name, reason, self.jobdir)


class _NoTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


class QuietNetworkErrors:
    """Log a robots.txt that could not be fetched in one line, not with a traceback.

    Scrapy's RobotsTxtMiddleware logs its download failures (a refused connection, a DNS
    failure: the expected failures of a network) with their traceback at ERROR, which even
    ``--log-level WARNING`` shows; the crawl's own errback counts and logs each failed page.
    """

    LOGGER = "scrapy.downloadermiddlewares.robotstxt"
    _filter = _NoTraceback()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> QuietNetworkErrors:
        logger = logging.getLogger(cls.LOGGER)
        if cls._filter not in logger.filters:
            logger.addFilter(cls._filter)
        return cls()
