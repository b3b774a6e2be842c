"""Reprocess: run decode -> extract -> clean again over the raw responses an archive holds.

When the cleaners improve, the archive catches up without fetching anything. Worker processes
each open the archive read-only, read their share of raw responses, run the stages and send
back only what changed; the parent, the archive's one writer, stores a chunk at a time in one
transaction together with how far it got (``reprocess_runs.last_rowid``), so an interrupted or
killed run loses nothing and the next run continues after the last stored chunk.

Changed articles become new versions exactly as a re-crawl's do (``article_versions``).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from crawler.archive import content_hash, now, write_article
from crawler.clean import Rules, load_rules
from crawler.page import Page, PageRejected, process_page

CHUNK_SIZE = 64  # pages a worker takes at a time, and the rows a transaction writes
# Columns a reprocess may change without the text changing: refreshed in place, no version.
_DERIVED = ("encoding", "declared_encodings", "detection_used", "repairs", "extractor")


@dataclass
class Summary:
    run_id: int
    total: int  # pages this run had to do (after a resumed run's done ones)
    workers: int = 1
    resumed_after: int = 0  # rowid the run continued after, 0 for a fresh run
    pages: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: Counter = field(default_factory=Counter)
    status: str = "running"


def ensure_runs_table(db: sqlite_utils.Database) -> None:
    if "reprocess_runs" not in db.table_names():
        db["reprocess_runs"].create(
            {"id": int, "started_at": str, "ended_at": str, "status": str, "workers": int,
             "last_rowid": int, "pages": int, "changed": int, "unchanged": int, "failed": int,
             "failures": str},
            pk="id",
        )


def _resumable(db: sqlite_utils.Database) -> dict | None:
    """The newest run if it did not finish (interrupted, or killed while 'running')."""
    rows = list(db.query("select * from reprocess_runs order by id desc limit 1"))
    return rows[0] if rows and rows[0]["status"] != "finished" else None


# -- the worker side: plain functions on one page ---------------------------------------------

_worker_db: sqlite3.Connection | None = None
_worker_rules: Rules | None = None

_SELECT = (
    "select a.url, a.site, a.extractor, a.content_hash, a.encoding, a.declared_encodings, "
    "a.detection_used, a.repairs, r.body_zlib, r.content_type, r.status, r.etag, "
    "r.last_modified, r.fetched_at from articles a join raw_responses r on r.url = a.url "
)


def _init_worker(db_path: str, rules_file: str | None) -> None:
    global _worker_db, _worker_rules
    _worker_db = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)
    _worker_db.execute("PRAGMA busy_timeout = 10000")
    _worker_rules = load_rules(rules_file)


def reprocess_row(row: tuple, rules: Rules | None = None) -> tuple[str, object]:
    """One stored article's row (``_SELECT``'s columns) through the stages again.

    Returns ("changed", Page), ("refreshed", Page) when only how it was decoded or extracted
    changed, ("unchanged", None) or ("failed", reason)."""
    (url, site, extractor, stored_hash, *stored_derived, body_zlib, content_type, status,
     etag, last_modified, fetched_at) = row
    try:
        body = zlib.decompress(body_zlib)
    except zlib.error as exc:
        return "failed", f"stored response unreadable: {exc}"
    page = Page(url=url, body=body, site=site, content_type=content_type, status=status,
                etag=etag, last_modified=last_modified, fetched_at=fetched_at,
                is_text_dump=extractor == "text dump")
    try:
        page = process_page(page, rules)
    except PageRejected as exc:
        return "failed", str(exc).split(":")[0]
    except Exception as exc:  # hostile bytes must not stop the whole run
        return "failed", f"error: {type(exc).__name__}"
    page.body, page.html, page.decode_explanation = b"", None, []  # not needed back: less to pickle
    if content_hash(page) != stored_hash:
        return "changed", page
    derived = (page.encoding, json.dumps(page.declared_encodings, ensure_ascii=False),
               int(page.detection_used), json.dumps(dict(sorted(page.repairs.items())), ensure_ascii=False),
               page.extractor)
    return ("unchanged", None) if tuple(stored_derived) == derived else ("refreshed", page)


def _reprocess_chunk(rowids: list[int]) -> tuple[int, list[tuple[str, object]]]:
    marks = ",".join("?" * len(rowids))
    rows = _worker_db.execute(f"{_SELECT} where a.rowid in ({marks}) order by a.rowid", rowids).fetchall()
    return max(rowids), [reprocess_row(row, _worker_rules) for row in rows]


# -- the writer side ---------------------------------------------------------------------------

def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), CHUNK_SIZE):
        yield ids[i:i + CHUNK_SIZE]


def _store_chunk(db: sqlite_utils.Database, run_id: int, last_rowid: int,
                 results: list[tuple[str, object]], summary: Summary, when: str) -> None:
    with db.conn:  # the chunk's writes and the run's progress: together or not at all
        for outcome, value in results:
            summary.pages += 1
            if outcome == "failed":
                summary.failed += 1
                summary.failures[value] += 1
            elif outcome == "changed":
                write_article(db, value, when=when)
                summary.changed += 1
            else:
                if outcome == "refreshed":
                    page = value
                    db["articles"].update(page.url, {
                        "encoding": page.encoding, "declared_encodings": json.dumps(
                            page.declared_encodings, ensure_ascii=False),
                        "detection_used": int(page.detection_used),
                        "repairs": json.dumps(dict(sorted(page.repairs.items())), ensure_ascii=False),
                        "extractor": page.extractor,
                    })
                summary.unchanged += 1
        db["reprocess_runs"].update(run_id, {
            "last_rowid": last_rowid, "pages": summary.pages, "changed": summary.changed,
            "unchanged": summary.unchanged, "failed": summary.failed,
            "failures": json.dumps(dict(summary.failures.most_common()), ensure_ascii=False),
        })


def reprocess_archive(
    db: sqlite_utils.Database,
    db_path: str,
    workers: int | None = None,
    rules_file: str | None = None,
    restart: bool = False,
    progress: Callable[[int], None] | None = None,
    started: Callable[[Summary], None] | None = None,
) -> Summary:
    """Reprocess every stored article with a raw response; continue an unfinished run unless
    ``restart``. The caller holds the archive's writer lock. ``progress(n)`` is called after
    each stored chunk with its page count; ``started(summary)`` once the work is known."""
    ensure_runs_table(db)
    workers = workers or os.cpu_count() or 1
    previous = None if restart else _resumable(db)
    start_after = (previous["last_rowid"] or 0) if previous else 0
    ids = [rowid for (rowid,) in db.execute(
        "select a.rowid from articles a join raw_responses r on r.url = a.url "
        "where a.rowid > ? order by a.rowid", [start_after])]
    with db.conn:
        if previous:
            run_id = previous["id"]
            db["reprocess_runs"].update(run_id, {"status": "running", "workers": workers})
        else:
            run_id = db["reprocess_runs"].insert({
                "started_at": now(), "status": "running", "workers": workers, "last_rowid": 0,
                "pages": 0, "changed": 0, "unchanged": 0, "failed": 0, "failures": "{}",
            }).last_pk
    summary = Summary(run_id=run_id, total=len(ids), workers=workers, resumed_after=start_after)
    if previous:  # the counts go on from where the interrupted run left them
        summary.pages, summary.changed = previous["pages"] or 0, previous["changed"] or 0
        summary.unchanged, summary.failed = previous["unchanged"] or 0, previous["failed"] or 0
        summary.failures.update(json.loads(previous["failures"] or "{}"))
    if started:
        started(summary)
    when = now()
    status = "interrupted"
    try:
        if workers == 1:  # in this process: nothing to start, and a profiler sees it all
            _init_worker(db_path, rules_file)
            done = map(_reprocess_chunk, _chunks(ids))
            for last_rowid, results in done:
                _store_chunk(db, run_id, last_rowid, results, summary, when)
                if progress:
                    progress(len(results))
        else:
            # fork: workers start at once with the stages' imports already done
            context = multiprocessing.get_context("fork")
            with context.Pool(workers, _init_worker, (db_path, rules_file)) as pool:
                # ordered: a stored chunk means every chunk before it is stored too
                for last_rowid, results in pool.imap(_reprocess_chunk, _chunks(ids)):
                    _store_chunk(db, run_id, last_rowid, results, summary, when)
                    if progress:
                        progress(len(results))
        status = "finished"
    finally:
        summary.status = status
        with db.conn:
            db["reprocess_runs"].update(run_id, {"status": status, "ended_at": now()})
    return summary
