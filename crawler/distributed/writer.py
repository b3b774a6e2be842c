"""The item stream of distributed crawls, and the one process that writes it into the archive.

Workers (``pipelines.stream.ItemStreamPipeline``) append three kinds of entries to a Redis
stream (``REDIS_ITEMS_KEY``, default ``newsarchive:items``): ``open`` when a worker's crawl of a
site starts, ``page`` for each processed article (its clean text and metadata, and the raw
response zlib-compressed), ``close`` with the worker's counts when it stops.

``write_stream`` applies them to the archive in order, a batch per SQLite transaction, with
the same writes a local crawl makes (``write_article``: upsert by URL, earlier texts kept as
versions, search index in step). The batch's last stream id is stored in the same transaction
(``stream_positions``), and entries are trimmed from the stream only after the commit: a
writer killed at any moment resumes after the last committed entry, so nothing is lost and
nothing applied twice.
"""

from __future__ import annotations

import json
import logging
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import redis
import sqlite_utils

from crawler.archive.store import (
    archived_elsewhere,
    close_worker_crawl,
    count_article,
    mark_crawls_killed,
    open_worker_crawl,
    running_worker_crawls,
    save_stream_position,
    stream_position,
    worker_crawl_id,
    write_article,
    write_raw_response,
    write_transaction,
)
from crawler.distributed.entries import DEFAULT_STREAM, page_from_entry
from crawler.distributed.shared import live_workers, site_key, work_pending, worker_alive

logger = logging.getLogger(__name__)

# seconds a run's worker key may be gone before the run counts as killed (see mark_gone_workers)
GONE_GRACE = 5.0


@dataclass
class WriterCounts:
    entries: int = 0
    outcomes: Counter = field(default_factory=Counter)
    runs_started: int = 0
    runs_ended: int = 0
    runs_killed: int = 0
    unreadable: int = 0  # entries skipped because they could not be read
    busy_seconds: float = 0.0  # time spent applying batches (not waiting for entries)


def _successor(entry_id: str) -> str:
    ms, seq = entry_id.split("-")
    return f"{ms}-{int(seq) + 1}"


class StreamWriter:
    """Applies stream entries to an archive (the caller holds its writer lock)."""

    def __init__(self, db: sqlite_utils.Database, server: redis.Redis, stream: str = DEFAULT_STREAM):
        self.db = db
        self.server = server
        self.stream = stream
        self.position = stream_position(db, stream)
        self.counts = WriterCounts()
        self._crawl_ids: dict[str, int] = {}
        self._missing_since: dict[int, float] = {}

    # --- one entry ---------------------------------------------------------------------
    def _crawl_id(self, worker: str, site: str, started_at: str | None = None) -> int:
        if worker in self._crawl_ids:
            return self._crawl_ids[worker]
        crawl_id = worker_crawl_id(self.db, worker)
        if crawl_id is None:  # inside the batch's transaction: no commit of its own
            crawl_id = open_worker_crawl(self.db, site, worker, started_at)
            self.counts.runs_started += 1
        self._crawl_ids[worker] = crawl_id
        return crawl_id

    def _apply(self, fields: dict[bytes, bytes], settled: list) -> None:
        kind = fields[b"kind"].decode()
        worker = fields[b"worker"].decode()
        if kind == "page":
            page = page_from_entry(fields)
            crawl_id = self._crawl_id(worker, page.site)
            if archived_elsewhere(self.db, page) is not None:  # the same page under another URL
                count_article(self.db, crawl_id, "skipped")
                settled.append((page.site, page.url, page.etag, page.last_modified))
                return
            outcome = write_article(self.db, page, crawl_id)
            write_raw_response(self.db, page)
            count_article(self.db, crawl_id, outcome)
            self.counts.outcomes[outcome] += 1
            settled.append((page.site, page.url, page.etag, page.last_modified))
            return
        data = json.loads(fields[b"data"])
        crawl_id = self._crawl_id(worker, data["site"], data.get("started_at"))
        if kind == "close":
            close_worker_crawl(self.db, crawl_id, data["ended_at"], data["status"], data["pages_fetched"],
                               data["not_modified"], data["skipped"], data["failures"], data["repairs"])
            self.counts.runs_ended += 1

    # --- a batch -----------------------------------------------------------------------
    def write_batch(self, count: int = 64, block_ms: int = 1000) -> int:
        """Read up to ``count`` entries after the stored position (waiting up to ``block_ms``
        for one), apply them in one transaction, then trim them. Returns how many."""
        answer = self.server.xread({self.stream: self.position}, count=count, block=block_ms)
        entries = answer[0][1] if answer else []
        if not entries:
            return 0
        began = time.perf_counter()
        settled: list[tuple[str, str, str | None, str | None]] = []
        last = entries[-1][0].decode()
        with write_transaction(self.db):
            for entry_id, fields in entries:
                applied: list = []
                try:
                    with self.db.atomic():  # a savepoint: an unreadable entry leaves no trace
                        self._apply(fields, applied)
                except (KeyError, TypeError, ValueError, zlib.error) as exc:
                    # a malformed entry (another version's worker, a hand-made one) must not
                    # stop the writer at every restart: skipped, with its reason logged
                    self.counts.unreadable += 1
                    logger.error("stream entry %s skipped, unreadable: %s: %s", entry_id.decode(),
                                 type(exc).__name__, exc)
                    continue
                settled.extend(applied)
            save_stream_position(self.db, self.stream, last)
        # committed: now the stream may forget them, and workers' next conditional requests
        # use the validators of what was archived
        self.position = last
        pipe = self.server.pipeline(transaction=False)
        pipe.xtrim(self.stream, minid=_successor(last))
        for site, url, etag, modified in settled:
            pipe.hset(site_key(site, "validators"), url, json.dumps([etag, modified]))
        pipe.execute()
        self.counts.entries += len(entries)
        self.counts.busy_seconds += time.perf_counter() - began
        return len(entries)

    def behind(self) -> bool:
        """Entries after the stored position are waiting."""
        return bool(self.server.xrange(self.stream, min=f"({self.position}", count=1))

    def mark_gone_workers(self) -> int:
        """Runs still open whose worker's key has expired were killed: mark them so. A worker
        that stops drops its key just before its ``close`` entry, so a run counts as killed
        only when the stream is read up and no close has come ``GONE_GRACE`` seconds after its
        key went."""
        if self.behind():
            return 0  # a close entry may still be on its way
        running = running_worker_crawls(self.db)
        clock = time.monotonic()
        self._missing_since = {crawl_id: self._missing_since.get(crawl_id, clock)
                               for crawl_id, site, worker in running
                               if not worker_alive(self.server, site, worker)}
        gone = [crawl_id for crawl_id, since in self._missing_since.items()
                if clock - since >= GONE_GRACE]
        if gone:
            mark_crawls_killed(self.db, gone)
            self.counts.runs_killed += len(gone)
            for crawl_id in gone:
                del self._missing_since[crawl_id]
        return len(gone)

    def idle(self) -> bool:
        """Nothing left to write and nothing left to do: the stream is read up, no crawls row
        is open, no worker key is alive, and no request is queued or leased (a writer started
        before its workers must not stop before they have begun)."""
        if self.behind():
            return False
        return (not running_worker_crawls(self.db) and not live_workers(self.server)
                and not work_pending(self.server))


def write_stream(
    db: sqlite_utils.Database,
    server: redis.Redis,
    stream: str = DEFAULT_STREAM,
    *,
    batch: int = 64,
    drain: bool = False,
    should_stop: Callable[[], bool] = lambda: False,
    progress: Callable[[WriterCounts], None] | None = None,
) -> WriterCounts:
    """Write the stream into the archive until ``should_stop()`` (checked between batches),
    or, with ``drain``, until every worker has stopped and everything they sent is archived."""
    writer = StreamWriter(db, server, stream)
    last_check = 0.0
    while not should_stop():
        written = writer.write_batch(batch)
        if written and progress:
            progress(writer.counts)
        if written and time.monotonic() - last_check < 2:
            continue
        last_check = time.monotonic()
        writer.mark_gone_workers()
        if drain and not written and writer.idle():
            break
    return writer.counts
