"""Scrapy extensions."""

from __future__ import annotations

import logging
import shutil
import sys
import time
from collections import Counter
from pathlib import Path
from typing import ClassVar, TextIO

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.stats import article, run_stats

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


class CrawlProgress:
    """One line on the terminal while a crawl runs: pages fetched and their rate, articles new,
    updated and unchanged, failures, sites still running.

    ``PROGRESS``: "auto" (the default) shows it when stderr is a terminal, so that a cron job's
    mail holds only what it must; "on" writes one line per ``PROGRESS_INTERVAL`` seconds even
    to a file or pipe; "off" never. The sites of one process share the line: one extension per
    crawler, one board per process.
    """

    board: ClassVar[ProgressBoard | None] = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        mode = crawler.settings.get("PROGRESS", "auto")
        terminal = sys.stderr.isatty()
        if mode == "off" or (mode == "auto" and not terminal):
            raise NotConfigured
        if cls.board is None or cls.board.finished:
            cls.board = ProgressBoard(sys.stderr, terminal, crawler.settings.getfloat("PROGRESS_INTERVAL"))
        extension = cls()
        board = cls.board
        crawler.signals.connect(lambda spider: board.add(crawler), signal=signals.spider_opened, weak=False)
        crawler.signals.connect(lambda spider: board.remove(crawler), signal=signals.spider_closed,
                                weak=False)
        return extension


class ProgressBoard:
    """The counts of every running crawler of this process, written as one line."""

    def __init__(self, stream: TextIO, terminal: bool, interval: float) -> None:
        self.stream, self.terminal, self.interval = stream, terminal, interval
        self.crawlers: list[Crawler] = []
        self.done: Counter = Counter()  # counts of crawlers that closed
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None
        self.finished = False

    def add(self, crawler: Crawler) -> None:
        self.crawlers.append(crawler)
        if self.loop is None:
            self.loop = task.LoopingCall(self.write)
            self.loop.start(self.interval, now=False)

    def remove(self, crawler: Crawler) -> None:
        if crawler in self.crawlers:
            self.done += self.counts(crawler)
            self.crawlers.remove(crawler)
        if not self.crawlers and self.loop is not None:
            self.loop.stop()
            self.write()
            if self.terminal:
                self.stream.write("\n")
            self.stream.flush()
            self.finished = True

    @staticmethod
    def counts(crawler: Crawler) -> Counter:
        stats = crawler.stats.get_stats() if crawler.stats else {}
        counts = Counter({"pages": stats.get("response_received_count", 0)})
        for outcome in ("new", "updated", "unchanged"):
            counts[outcome] = stats.get(article(outcome), 0)
        counts["failed"] = sum(run_stats(stats)["failures"].values())
        return counts

    def line(self) -> str:
        total = sum((self.counts(crawler) for crawler in self.crawlers), Counter()) + self.done
        elapsed = max(time.monotonic() - self.started, 1e-6)
        minutes, seconds = divmod(int(elapsed), 60)
        return (f"{minutes}:{seconds:02d}  pages {total['pages']} ({total['pages'] / elapsed:.1f}/s)  "
                f"articles new {total['new']}, updated {total['updated']}, unchanged {total['unchanged']}  "
                f"failed {total['failed']}  sites running {len(self.crawlers)}")

    def write(self) -> None:
        # on a terminal the line rewrites itself (\r, then erase to the end of the line)
        self.stream.write(f"\r{self.line()}\x1b[K" if self.terminal else self.line() + "\n")
        self.stream.flush()
