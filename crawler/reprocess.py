"""Reprocess: run decode -> extract -> clean again over the raw responses an archive holds.

When the cleaners improve, the archive catches up without fetching anything. Pool processes
each open the archive read-only, read their share of raw responses, run the stages and send
back only what changed; the parent, the archive's one writer, stores a chunk at a time in one
transaction together with how far it got (``reprocess_runs.last_rowid``), so an interrupted or
killed run loses nothing and the next run continues after the last stored chunk.

Changed articles become new versions exactly as a re-crawl's do (``article_versions``).
"""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from crawler.archive.places import record_places
from crawler.archive.store import (
    HOW_PROCESSED,
    assign_missing_stories,
    content_hash,
    how_processed,
    now,
    stored_response,
    write_article,
    write_transaction,
)
from crawler.discover.urls import next_article_page
from crawler.errors import NewsarchiveError
from crawler.page import Page, PageRejected, process_page
from crawler.processes import become_child_process, usable_cores
from crawler.text.links import page_links
from crawler.text.rules import Rules, load_rules

CHUNK_SIZE = 64  # pages a process takes at a time, and the rows a transaction writes


@dataclass
class Summary:
    run_id: int
    total: int  # pages this run had to do (after a resumed run's done ones)
    processes: int = 1
    without_raw: int = 0  # articles with no stored response (imported before it was kept)
    resumed_after: int = 0  # rowid the run continued after, 0 for a fresh run
    pages: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: Counter = field(default_factory=Counter)
    stories_given: int = 0  # articles archived before stories were, given one
    status: str = "running"


class RulesMismatch(NewsarchiveError):
    """An unfinished run used other cleaning rules than the ones given now."""


def _resumable(db: sqlite_utils.Database) -> dict | None:
    """The newest run if it did not finish (interrupted, or killed while 'running')."""
    rows = list(db.query("select * from reprocess_runs order by id desc limit 1"))
    return rows[0] if rows and rows[0]["status"] != "finished" else None


# -- the process side: plain functions on one page ---------------------------------------------

_process_db: sqlite3.Connection | None = None
_process_rules: Rules | None = None
_process_regions: dict[str, str] = {}

_SELECT = (
    "select a.url, a.site, a.content_hash, "
    + ", ".join(f"a.{column}" for column in HOW_PROCESSED)
    + ", r.body_zlib, r.content_type, r.status, r.etag, r.last_modified, r.fetched_at, r.link_text "
    "from articles a join raw_responses r on r.url = a.url "
)


def _init_process(db_path: str, rules_file: str | None, regions: dict[str, str] | None = None,
                  in_pool: bool = True) -> None:
    global _process_db, _process_rules, _process_regions
    if in_pool:
        become_child_process()
    _process_db = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)
    _process_db.execute("PRAGMA busy_timeout = 10000")
    _process_rules = load_rules(rules_file)
    _process_regions = regions or {}


def reprocess_row(row: tuple, rules: Rules | None = None, regions: dict[str, str] | None = None,
                  db: sqlite3.Connection | None = None) -> tuple[str, object]:
    """One stored article's row (``_SELECT``'s columns) through the stages again.

    Returns ("changed", Page), ("refreshed", Page) when only how it was decoded or extracted
    changed, ("unchanged", (url, places)) or ("failed", reason): places are found again
    whatever changed, since the gazetteer or its rules may have. ``regions``: each site's home
    region (Site.region), as the crawl had it. ``db``: the archive, where an article split over
    several pages finds its further pages' responses."""
    (url, site, stored_hash, *stored_how, body_zlib, content_type, status, etag, last_modified,
     fetched_at, link_text) = row
    stored_how = dict(zip(HOW_PROCESSED, stored_how, strict=True))
    try:
        body = zlib.decompress(body_zlib)
    except zlib.error as exc:
        return "failed", f"stored response unreadable: {exc}"
    page = Page(url=url, body=body, site=site, content_type=content_type, status=status,
                etag=etag, last_modified=last_modified, fetched_at=fetched_at, link_text=link_text,
                region=(regions or {}).get(site),
                is_text_dump=stored_how["extractor"] == "text dump")
    if db is not None and not page.is_text_dump:
        page.continued = stored_further_pages(db, page)
    try:
        page = process_page(page, rules)
    except PageRejected as exc:
        return "failed", exc.reason
    except Exception as exc:  # hostile bytes must not stop the whole run
        return "failed", f"error: {type(exc).__name__}"
    # not needed back: less to pickle
    page.body, page.html, page.decode_explanation, page.continued = b"", None, [], []
    if content_hash(page) != stored_hash:
        return "changed", page
    if how_processed(page) == stored_how:
        return "unchanged", (page.url, page.places)
    return "refreshed", page


def stored_further_pages(db: sqlite3.Connection, page: Page) -> list[Page]:
    """The further pages of an article split over several, as the archive stored them: found
    by the links of the pages before them, as the crawl found them, up to the first missing."""
    further: list[Page] = []
    current, after = page, 0
    while found := next_article_page(page_links(current.body, current.url, current.content_type).urls,
                                     page.url, after):
        after, url = found
        if (stored := stored_response(db, url)) is None:
            break
        current = Page(url=url, body=stored[0], content_type=stored[1], site=page.site)
        further.append(current)
    return further


def _reprocess_chunk(rowids: list[int]) -> tuple[int, list[tuple[str, object]]]:
    marks = ",".join("?" * len(rowids))
    rows = _process_db.execute(f"{_SELECT} where a.rowid in ({marks}) order by a.rowid", rowids).fetchall()
    return max(rowids), [reprocess_row(row, _process_rules, _process_regions, _process_db)
                          for row in rows]


# -- the writer side ---------------------------------------------------------------------------

def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), CHUNK_SIZE):
        yield ids[i:i + CHUNK_SIZE]


def _store_chunk(db: sqlite_utils.Database, run_id: int, last_rowid: int,
                 results: list[tuple[str, object]], summary: Summary, when: str) -> None:
    with write_transaction(db):  # the chunk's writes and the run's progress: together or not at all
        for outcome, value in results:
            summary.pages += 1
            if outcome == "failed":
                summary.failed += 1
                summary.failures[value] += 1
            elif outcome == "changed":
                write_article(db, value, when=when)
                summary.changed += 1
            else:
                if outcome == "refreshed":  # in place, no version: the text is the same
                    db["articles"].update(value.url, how_processed(value))
                    url, places = value.url, value.places
                else:
                    url, places = value
                if places is not None:
                    record_places(db.conn, url, places)
                summary.unchanged += 1
        db["reprocess_runs"].update(run_id, {
            "last_rowid": last_rowid, "pages": summary.pages, "changed": summary.changed,
            "unchanged": summary.unchanged, "failed": summary.failed,
            "failures": json.dumps(dict(summary.failures.most_common()), ensure_ascii=False),
        })


class _ChunkRunner:
    """Chunks through a pool of processes, results in order, a few chunks ahead.

    A process that dies (a parser crashing on hostile bytes, the OOM killer) breaks the pool:
    the chunk it broke is run again page by page in a new pool, so only the page that kills a
    process is lost (counted as failed), and the chunks after it are resubmitted."""

    def __init__(self, processes: int, db_path: str, rules_file: str | None, regions: dict[str, str]):
        self.processes, self.args = processes, (db_path, rules_file, regions)
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # spawn: a forked child would inherit the parent's open archive connection (SQLite
        # forbids using it across fork, and closing it at exit could checkpoint the WAL)
        return ProcessPoolExecutor(self.processes, multiprocessing.get_context("spawn"),
                                   initializer=_init_process, initargs=self.args)

    def _restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def _page_by_page(self, chunk: list[int]) -> list[tuple[str, object]]:
        results: list[tuple[str, object]] = []
        for rowid in chunk:
            try:
                results += self.executor.submit(_reprocess_chunk, [rowid]).result()[1]
            except BrokenProcessPool:
                results.append(("failed", "process died"))
                self._restart()
        return results

    def run(self, chunks: Iterator[list[int]]) -> Iterator[tuple[int, list[tuple[str, object]]]]:
        pending: deque[tuple[list[int], Future]] = deque()
        try:
            while True:
                while len(pending) < 2 * self.processes and (chunk := next(chunks, None)):
                    pending.append((chunk, self.executor.submit(_reprocess_chunk, chunk)))
                if not pending:
                    return
                chunk, future = pending.popleft()
                try:
                    yield future.result()
                except BrokenProcessPool:
                    self._restart()
                    yield max(chunk), self._page_by_page(chunk)
                    pending = deque((c, self.executor.submit(_reprocess_chunk, c)) for c, _ in pending)
        finally:
            # wait for the chunks in hand (pool processes ignore Ctrl-C and SIGTERM, so they
            # finish them): a pool left behind running leaks its semaphores
            self.executor.shutdown(wait=True, cancel_futures=True)


def reprocess_archive(
    db: sqlite_utils.Database,
    db_path: str,
    processes: int | None = None,
    rules_file: str | None = None,
    restart: bool = False,
    progress: Callable[[int], None] | None = None,
    started: Callable[[Summary], None] | None = None,
    regions: dict[str, str] | None = None,
) -> Summary:
    """Reprocess every stored article with a raw response; continue an unfinished run unless
    ``restart``. The caller holds the archive's writer lock. ``progress(n)`` is called after
    each stored chunk with its page count; ``started(summary)`` once the work is known.
    ``regions``: site name -> the code of its home region (``Site.region``).

    With one process the pages are processed in this process. Raises RulesMismatch when the
    run to continue used other rules."""
    processes = processes or usable_cores()
    rules = str(Path(rules_file).resolve()) if rules_file else ""
    previous = None if restart else _resumable(db)
    if previous and (previous["rules"] or "") != rules:
        raise RulesMismatch(
            f"run {previous['id']} was interrupted while using "
            f"{previous['rules'] or 'the packaged rules'}: continue it with the same rules, or "
            "start over with --restart"
        )
    start_after = (previous["last_rowid"] or 0) if previous else 0
    ids = [rowid for (rowid,) in db.execute(
        "select a.rowid from articles a join raw_responses r on r.url = a.url "
        "where a.rowid > ? order by a.rowid", [start_after])]
    without_raw = db.execute(
        "select count(*) from articles a where a.rowid > ? and not exists "
        "(select 1 from raw_responses r where r.url = a.url)", [start_after]).fetchone()[0]
    with write_transaction(db):
        if previous:
            run_id = previous["id"]
            db["reprocess_runs"].update(run_id, {"status": "running", "processes": processes})
        else:
            run_id = db["reprocess_runs"].insert({
                "started_at": now(), "status": "running", "processes": processes, "last_rowid": 0,
                "pages": 0, "changed": 0, "unchanged": 0, "failed": 0, "failures": "{}",
                "rules": rules,
            }).last_pk
    summary = Summary(run_id=run_id, total=len(ids), processes=processes, without_raw=without_raw,
                      resumed_after=start_after)
    if previous:  # the counts go on from where the interrupted run left them
        summary.pages, summary.changed = previous["pages"] or 0, previous["changed"] or 0
        summary.unchanged, summary.failed = previous["unchanged"] or 0, previous["failed"] or 0
        summary.failures.update(json.loads(previous["failures"] or "{}"))
    if started:
        started(summary)
    when = now()
    status = "interrupted"
    try:
        if processes == 1:  # in this process: nothing to start, and a profiler sees it all
            _init_process(db_path, rules_file, regions, in_pool=False)
            done = map(_reprocess_chunk, _chunks(ids))
        else:
            # in order: a stored chunk means every chunk before it is stored too
            done = _ChunkRunner(processes, db_path, rules_file, regions or {}).run(_chunks(ids))
        for last_rowid, results in done:
            _store_chunk(db, run_id, last_rowid, results, summary, when)
            if progress:
                progress(len(results))
        # an archive made before stories were gets them now, without fetching anything
        summary.stories_given = assign_missing_stories(db)
        status = "finished"
    finally:
        summary.status = status
        if db.conn.in_transaction:  # a chunk's write an interrupt cut short: it is done again
            db.conn.rollback()
        with write_transaction(db):
            db["reprocess_runs"].update(run_id, {"status": status, "ended_at": now()})
    return summary
