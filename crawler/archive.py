"""Archive: the SQLite file (via sqlite-utils) that holds what the crawls found.

Tables:
- ``articles``: one row per URL, upserted (a re-crawl updates, never duplicates);
- ``raw_responses``: the response body zlib-compressed, with its headers, so the archive can
  be reprocessed when the cleaners improve;
- ``crawls``: one row per crawl run: start, end, how it ended, counts, failures by reason;
- ``article_versions``: an article's earlier texts, kept when a re-crawl finds it changed;
- ``articles_fts``: the Chinese full-text index on title and text (see ``crawler.search``),
  kept in step with ``articles`` in the same transaction as each write.

The file is opened in WAL mode with a busy timeout, so datasette can read while a crawl writes.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from crawler.page import Page
from crawler.search import ensure_search_index, index_article

BUSY_TIMEOUT_MS = 10_000


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_archive(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) an archive, with its schema in place."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.enable_wal()
    # In WAL mode NORMAL syncs at checkpoints, not at every commit: a killed process still
    # loses no committed article (only a power cut can take the last few back), and a crawl
    # or reprocess does not wait for the disk once per article.
    db.execute("PRAGMA synchronous = NORMAL")
    ensure_schema(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    if "articles" not in db.table_names():
        db["articles"].create(
            {   # the reader's columns first (datasette shows this order), the long text
                # last: a column stored after it could only be read through its overflow pages,
                # which made facets and sorting read every matching article in full
                "title": str, "published": str, "site": str, "month": str, "source": str,
                "author": str, "url": str, "encoding": str, "declared_encodings": str,
                "detection_used": int, "repairs": str, "extractor": str, "content_hash": str,
                "first_seen": str, "fetched_at": str, "updated_at": str, "crawl_id": int,
                "text": str,
            },
            pk="url",
            not_null={"text"},
        )
        db["articles"].create_index(["site", "published"])
        db["articles"].create_index(["published"])
    if "raw_responses" not in db.table_names():
        db["raw_responses"].create(
            {
                "url": str, "fetched_at": str, "status": int, "content_type": str,
                "etag": str, "last_modified": str, "size": int, "body_zlib": bytes,
            },
            pk="url",
        )
    if "crawls" not in db.table_names():
        db["crawls"].create(
            {
                "id": int, "site": str, "started_at": str, "ended_at": str, "status": str,
                "pages_fetched": int, "articles_new": int, "articles_updated": int,
                "articles_unchanged": int, "articles_skipped": int, "failed": int,
                "failures": str, "repairs": str, "worker": str,
            },
            pk="id",
        )
    if "worker" not in db["crawls"].columns_dict:  # archives from before distributed crawls
        db["crawls"].add_column("worker", str)
    if "stream_positions" not in db.table_names():
        # distributed crawls: how far the archive writer has applied each item stream
        db["stream_positions"].create({"stream": str, "last_id": str, "updated_at": str}, pk="stream")
    if "articles_skipped" not in db["crawls"].columns_dict:  # archives from before skipping
        db["crawls"].add_column("articles_skipped", int)
    if "article_versions" not in db.table_names():
        # an article's earlier texts, kept when a re-crawl finds it changed
        db["article_versions"].create(
            {"id": int, "url": str, "title": str, "published": str, "text": str,
             "content_hash": str, "fetched_at": str, "replaced_at": str, "crawl_id": int},
            pk="id",
            foreign_keys=[("url", "articles", "url")],
        )
        db["article_versions"].create_index(["url"])
    if "month" not in db["articles"].columns_dict:  # archives from before the month facet
        db["articles"].add_column("month", str)
        db.execute("update articles set month = substr(published, 1, 7)")
    ensure_search_index(db.conn)


def content_hash(page: Page) -> str:
    parts = (page.title or "", page.published or "", page.author or "", page.source or "", page.text or "")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def archive_page(db: sqlite_utils.Database, page: Page, crawl_id: int | None = None) -> str:
    """Store one processed page and its raw response, in one transaction.

    Returns "new", "updated" or "unchanged"."""
    page.fetched_at = page.fetched_at or now()
    with db.atomic():
        outcome = write_article(db, page, crawl_id)
        write_raw_response(db, page)
    return outcome


# Columns that say how a page was decoded and extracted, not what it says: a reprocess may
# change them without the text changing.
HOW_PROCESSED = ("encoding", "declared_encodings", "detection_used", "repairs", "extractor")


def how_processed(page: Page) -> dict[str, Any]:
    """A page's ``HOW_PROCESSED`` columns, as stored."""
    return {
        "encoding": page.encoding,
        "declared_encodings": json.dumps(page.declared_encodings, ensure_ascii=False),
        "detection_used": int(page.detection_used),
        "repairs": json.dumps(dict(sorted(page.repairs.items())), ensure_ascii=False),
        "extractor": page.extractor,
    }


def write_article(
    db: sqlite_utils.Database, page: Page, crawl_id: int | None = None, when: str | None = None,
) -> str:
    """Upsert a page's article (keeping the text it replaces as a version) and its search
    index entry, inside the caller's transaction. ``when``: the time of the change (default:
    when the page was fetched; reprocessing passes now). Returns "new", "updated" or
    "unchanged"."""
    digest = content_hash(page)
    previous = db.execute(
        "select content_hash, first_seen, rowid, title, text, published, fetched_at, crawl_id "
        "from articles where url = ?", [page.url]
    ).fetchone()
    fetched_at = page.fetched_at or now()
    when = when or fetched_at
    outcome = "new" if previous is None else ("unchanged" if previous[0] == digest else "updated")
    row: dict[str, Any] = {
        "url": page.url, "site": page.site, "title": page.title, "published": page.published,
        "month": page.published[:7] if page.published else None,
        "author": page.author, "source": page.source, "text": page.text,
        **how_processed(page), "content_hash": digest,
        "first_seen": previous[1] if previous else fetched_at,
        "fetched_at": fetched_at,
        "updated_at": when,
        "crawl_id": crawl_id if crawl_id is not None or previous is None else previous[7],
    }
    if outcome == "unchanged":
        row.pop("updated_at")
    db["articles"].upsert(row, pk="url")
    if outcome == "new":
        rowid = db.execute("select rowid from articles where url = ?", [page.url]).fetchone()[0]
        index_article(db.conn, rowid, page.title, page.text)
    elif outcome == "updated":
        index_article(db.conn, previous[2], page.title, page.text, old=(previous[3], previous[4]))
        db["article_versions"].insert({
            "url": page.url, "title": previous[3], "text": previous[4], "published": previous[5],
            "content_hash": previous[0], "fetched_at": previous[6], "replaced_at": when,
            "crawl_id": crawl_id,
        })
    return outcome


def write_raw_response(db: sqlite_utils.Database, page: Page) -> None:
    db["raw_responses"].upsert(
        {
            "url": page.url, "fetched_at": page.fetched_at or now(), "status": page.status,
            "content_type": page.content_type, "etag": page.etag,
            "last_modified": page.last_modified, "size": len(page.body),
            "body_zlib": zlib.compress(page.body, 6),
        },
        pk="url",
    )


def validators(db: sqlite_utils.Database, site: str) -> dict[str, tuple[str | None, str | None]]:
    """URL -> (ETag, Last-Modified) of every archived article of a site, for conditional
    re-crawls."""
    rows = db.execute(
        "select r.url, r.etag, r.last_modified from raw_responses r "
        "join articles a on a.url = r.url where a.site = ?", [site]
    )
    return {url: (etag, modified) for url, etag, modified in rows}


def mark_killed_runs(db: sqlite_utils.Database) -> list[str]:
    """Runs still marked running when a process takes the archive's lock were killed (a
    running writer would hold the lock). Marks them; returns their sites."""
    with db.atomic():
        sites = [site for (site,) in db.execute("select site from crawls where status = 'running'")]
        db.execute("update crawls set status = 'killed' where status = 'running'")
    return sites


def start_crawl(db: sqlite_utils.Database, site: str) -> int:
    with db.atomic():
        table = db["crawls"].insert({"site": site, "started_at": now(), "status": "running"})
    return table.last_pk


def finish_crawl(
    db: sqlite_utils.Database,
    crawl_id: int,
    status: str,
    pages_fetched: int,
    outcomes: Counter,
    failures: Counter,
    repairs: Counter,
) -> None:
    with db.atomic():
        db["crawls"].update(
            crawl_id,
            {
                "ended_at": now(), "status": status, "pages_fetched": pages_fetched,
                "articles_new": outcomes["new"], "articles_updated": outcomes["updated"],
                "articles_unchanged": outcomes["unchanged"],
                "articles_skipped": outcomes["skipped"],
                "failed": sum(failures.values()),
                "failures": json.dumps(dict(failures.most_common()), ensure_ascii=False),
                "repairs": json.dumps(dict(repairs.most_common()), ensure_ascii=False),
            },
        )
