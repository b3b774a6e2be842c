"""Processes for the CPU-heavy stages, so a crawl's reactor never waits on them.

Scrapy runs item pipelines in its one reactor thread: a page's 20-50 ms of extraction and
cleaning there is 20-50 ms in which no response is read and no request sent, and the crawl
uses one core. With ``STAGE_PROCESSES`` > 0 the stage pipelines hand each page to a pool of that
many processes and await the result; pages stay in flight while others are fetched, bounded
by Scrapy's own back-pressure (``SCRAPER_SLOT_MAX_ACTIVE_SIZE``).

One pool per crawl process and rules file, shared by its spiders, started with the first and
shut down with the last. A process that dies (a parser crashing on hostile bytes) does not end
the crawl: the pool is replaced and the pages it held are tried once more.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from crawler.compat import kill_pool_processes
from crawler.page import STAGES, TOO_SLOW, Page, PageRejected
from crawler.text.rules import Rules, load_rules

logger = logging.getLogger(__name__)

_rules: Rules | None = None
_time_limit: float = 0


def usable_cores() -> int:
    """Cores this process may run on (a container's share, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def become_child_process() -> None:
    """What every pool process of ours (stages, reprocess) does first.

    Ctrl-C and systemd's SIGTERM reach the whole process group: the parent stops gracefully
    and finishes what is in flight, so its children must not die first. And a child must not
    outlive a parent killed outright (it would wait on its job queue forever)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=lambda: (parent.join(), os._exit(1)), daemon=True).start()


def _init_process(rules_file: str | None, time_limit: float = 0) -> None:
    global _rules, _time_limit
    become_child_process()
    _rules = load_rules(rules_file)  # once per process: a page carries no rules across
    _time_limit = time_limit


class _TimeUp(BaseException):
    """Not an Exception: the parsers' own ``except Exception`` must not swallow it."""


def _time_up(signum: int, frame: object) -> None:
    raise _TimeUp


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise _TimeUp in this process's main thread after ``seconds`` (0: no limit). For pool
    processes, which run one page at a time: a stage stuck on a hostile page gives up instead
    of holding its process for ever. Code in C (a parse) is interrupted when it returns."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _time_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_stage(name: str, page: Page) -> Page:
    """Run one stage of ``STAGES`` on a page, in a pool process, within STAGE_TIME_LIMIT."""
    try:
        with time_limit(_time_limit):
            page = STAGES[name](page, _rules)
        _set_bodies(page, [])  # the parent kept them
        return page
    except _TimeUp:
        raise PageRejected(TOO_SLOW, f"{name} stage over {_time_limit:g} s") from None


def _set_bodies(page: Page, bodies: list[bytes]) -> None:
    """Give a page and its further pages (in order, the ones a stage kept) their raw bodies
    back; none given: empty them."""
    for number, each in enumerate((page, *page.continued)):
        each.body = bodies[number] if number < len(bodies) else b""


class StageProcessDied(RuntimeError):
    """A stage process ended while running a page, twice."""


class StagePool:
    _shared: dict[tuple[int, str | None, float], StagePool] = {}

    def __init__(self, processes: int, rules_file: str | None, time_limit: float = 0):
        self.key = (processes, rules_file, time_limit)
        self.users = 0
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # spawn, not fork: forking a process that runs a reactor and threads can deadlock
        return ProcessPoolExecutor(self.key[0], multiprocessing.get_context("spawn"),
                                   initializer=_init_process, initargs=self.key[1:])

    @classmethod
    def acquire(cls, processes: int, rules_file: str | None, time_limit: float = 0) -> StagePool:
        key = (processes, rules_file, time_limit)
        pool = cls._shared.get(key)
        if pool is None:
            pool = cls._shared[key] = cls(*key)
            logger.info("stages run in %d processes", processes)
        pool.users += 1
        return pool

    def release(self) -> None:
        self.users -= 1
        if self.users <= 0 and self._shared.get(self.key) is self:
            del self._shared[self.key]
            self._executor.shutdown(wait=False, cancel_futures=True)

    async def run(self, name: str, page: Page) -> Page:
        # Only decode reads the raw body: the others get the page without it, and no stage
        # sends it back (this process keeps it), so a large page crosses once, not six times.
        bodies = [each.body for each in (page, *page.continued)]
        if name != "decode":
            _set_bodies(page, [])
        # the stage process enforces the limit itself; this catches one stuck where it cannot
        # (inside C code that never returns)
        deadline = self.key[2] * 2 + 10 if self.key[2] > 0 else None
        try:
            for _attempt in (1, 2):
                executor = self._executor
                try:
                    future = asyncio.wrap_future(executor.submit(run_stage, name, page))
                    done = await asyncio.wait_for(future, deadline)
                    _set_bodies(done, bodies)
                    return done
                except TimeoutError:
                    logger.error("a stage process is stuck on %s; starting a new pool", page.url)
                    kill_pool_processes(executor)
                    executor.shutdown(wait=False, cancel_futures=True)
                    self._executor = self._start()
                    raise PageRejected(TOO_SLOW, f"{name} stage stuck past {deadline:g} s") from None
                except BrokenProcessPool:
                    if self._executor is executor:  # the first page to notice replaces the pool
                        logger.error("a stage process died; starting a new pool")
                        executor.shutdown(wait=False, cancel_futures=True)
                        self._executor = self._start()
            raise StageProcessDied(f"{name} process died twice on this page")
        finally:
            _set_bodies(page, bodies)
