"""Worker processes for the CPU-heavy stages, so a crawl's reactor never waits on them.

Scrapy runs item pipelines in its one reactor thread: a page's 20-50 ms of extraction and
cleaning there is 20-50 ms in which no response is read and no request sent, and the crawl
uses one core. With ``STAGE_WORKERS`` > 0 the stage pipelines hand each page to a pool of that
many processes and await the result; pages stay in flight while others are fetched, bounded
by Scrapy's own back-pressure (``SCRAPER_SLOT_MAX_ACTIVE_SIZE``).

One pool per crawl process, shared by its spiders, started with the first and shut down with
the last. A worker that dies (a parser crashing on hostile bytes) costs that page, not the
crawl: the pool is replaced.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from crawler.clean import Rules, load_rules
from crawler.page import Page, clean_stage, decode_stage, extract_stage

logger = logging.getLogger(__name__)

_rules: Rules | None = None


def _init_worker(rules_file: str | None) -> None:
    global _rules
    # Ctrl-C and systemd's SIGTERM reach the whole process group: the crawl's own process
    # stops gracefully and waits for the pages in flight, so its workers must not die first.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _rules = load_rules(rules_file)  # once per worker: a page carries no rules across


def run_stage(name: str, page: Page) -> Page:
    """Run one stage on a page, in a worker (``name``: decode, extract or clean)."""
    if name == "decode":
        return decode_stage(page)
    if name == "extract":
        return extract_stage(page)
    return clean_stage(page, _rules)


class WorkerDied(RuntimeError):
    """A stage worker process ended while running a page."""


class StagePool:
    _shared: StagePool | None = None

    def __init__(self, workers: int, rules_file: str | None):
        self.workers = workers
        self.rules_file = rules_file
        self.users = 0
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # spawn, not fork: forking a process that runs a reactor and threads can deadlock
        return ProcessPoolExecutor(self.workers, multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(self.rules_file,))

    @classmethod
    def acquire(cls, workers: int, rules_file: str | None) -> StagePool:
        if cls._shared is None:
            cls._shared = cls(workers, rules_file)
            logger.info("stages run in %d worker processes", workers)
        cls._shared.users += 1
        return cls._shared

    def release(self) -> None:
        self.users -= 1
        if self.users <= 0 and StagePool._shared is self:
            StagePool._shared = None
            self._executor.shutdown(wait=False, cancel_futures=True)

    async def run(self, name: str, page: Page) -> Page:
        executor = self._executor
        try:
            return await asyncio.wrap_future(executor.submit(run_stage, name, page))
        except BrokenProcessPool:
            if self._executor is executor:  # the first page to notice replaces the pool
                logger.error("a stage worker died; starting a new pool")
                self._executor = self._start()
            raise WorkerDied(f"{name} worker died") from None
