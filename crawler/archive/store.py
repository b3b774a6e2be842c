"""Archive: the SQLite file (via sqlite-utils) that holds what the crawls found.

Tables:
- ``articles``: one row per URL, upserted (a re-crawl updates, never duplicates);
- ``raw_responses``: the response body zlib-compressed, with its headers and the words of the
  link that led to it, so the archive can be reprocessed when the cleaners improve;
- ``crawls``: one row per crawl run: start, end, how it ended, counts, failures by reason;
- ``article_versions``: an article's earlier texts, kept when a re-crawl finds it changed;
- ``articles_fts``: the Chinese full-text index on title and text (see ``crawler.archive.search``),
  kept in step with ``articles`` in the same transaction as each write.

The file is opened in WAL mode with a busy timeout, so datasette can read while a crawl writes.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import sqlite_utils

from crawler.archive.lock import acquire_archive_lock
from crawler.archive.places import create_place_tables, record_places
from crawler.archive.search import ensure_search_index, index_article
from crawler.archive.stories import assign_story, create_story_tables
from crawler.errors import NewsarchiveError
from crawler.page import Page
from crawler.text.fingerprint import fingerprint, same_story

BUSY_TIMEOUT_MS = 10_000


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """``db.atomic()``, but an outermost transaction begins as a write transaction.

    sqlite-utils begins a deferred transaction, which reads first and asks for the write lock
    only at its first write: if another connection wrote meanwhile, its snapshot is stale and
    SQLite fails it at once with "database is locked", without waiting on the busy timeout.
    ``BEGIN IMMEDIATE`` takes the write lock first, waiting up to the busy timeout for it.
    Nested, it is a savepoint, as ``db.atomic()``.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    # (BEGIN inside the try: a Ctrl-C or SIGTERM that lands the moment it returns must not leave
    # the transaction open, for the run's last write to join it and be lost at close)
    try:
        db.conn.execute("BEGIN IMMEDIATE")
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.rollback()
        raise
    try:
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.rollback()
        raise


class NotAnArchive(NewsarchiveError):
    """A file that is not an SQLite database (or not one that can be opened)."""


def open_archive(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) an archive, with its schema in place. Raises NotAnArchive."""
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(path)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.enable_wal()
        # In WAL mode NORMAL syncs at checkpoints, not at every commit: a killed process still
        # loses no committed article (only a power cut can take the last few back), and a
        # crawl or reprocess does not wait for the disk once per article.
        db.execute("PRAGMA synchronous = NORMAL")
        ensure_schema(db)
    except (sqlite3.DatabaseError, OSError) as exc:
        raise NotAnArchive(f"{path} cannot be opened as an archive: {exc}") from None
    return db


# -- the schema: an ordered list of named steps -------------------------------------------
# Each step brings an archive from the state before it to the state after it, and does
# nothing where that is already so: a new archive runs them all, an old one the ones it
# missed. Add a step at the end; never edit a released one.

def _create_articles(db: sqlite_utils.Database) -> None:
    if "articles" in db.table_names():
        return
    db["articles"].create(
        {   # the reader's columns first (datasette shows this order), the long text
            # last: a column stored after it could only be read through its overflow pages,
            # which made facets and sorting read every matching article in full
            "title": str, "published": str, "site": str, "month": str, "source": str,
            "author": str, "url": str, "encoding": str, "declared_encodings": str,
            "detection_used": int, "repairs": str, "extractor": str, "content_hash": str,
            "first_seen": str, "fetched_at": str, "updated_at": str, "crawl_id": int,
            "provinces": str, "cities": str,  # faceted: before the text (see above)
            "text": str,
        },
        pk="url",
        not_null={"text"},
    )
    db["articles"].create_index(["site", "published"])
    db["articles"].create_index(["published"])


def _create_raw_responses(db: sqlite_utils.Database) -> None:
    if "raw_responses" not in db.table_names():
        db["raw_responses"].create(
            {
                "url": str, "fetched_at": str, "status": int, "content_type": str,
                "etag": str, "last_modified": str, "size": int, "body_zlib": bytes,
            },
            pk="url",
        )


def _create_crawls(db: sqlite_utils.Database) -> None:
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


def _add_crawls_worker(db: sqlite_utils.Database) -> None:
    # distributed crawls: which worker a run was
    if "worker" not in db["crawls"].columns_dict:
        db["crawls"].add_column("worker", str)


def _create_stream_positions(db: sqlite_utils.Database) -> None:
    # distributed crawls: how far the archive writer has applied each item stream
    if "stream_positions" not in db.table_names():
        db["stream_positions"].create({"stream": str, "last_id": str, "updated_at": str}, pk="stream")


def _add_crawls_skipped(db: sqlite_utils.Database) -> None:
    if "articles_skipped" not in db["crawls"].columns_dict:
        db["crawls"].add_column("articles_skipped", int)


def _create_article_versions(db: sqlite_utils.Database) -> None:
    # an article's earlier texts, kept when a re-crawl finds it changed
    if "article_versions" not in db.table_names():
        db["article_versions"].create(
            {"id": int, "url": str, "title": str, "published": str, "text": str,
             "content_hash": str, "fetched_at": str, "replaced_at": str, "crawl_id": int},
            pk="id",
            foreign_keys=[("url", "articles", "url")],
        )
        db["article_versions"].create_index(["url"])


def _add_articles_month(db: sqlite_utils.Database) -> None:
    # the month facet
    if "month" not in db["articles"].columns_dict:
        db["articles"].add_column("month", str)
        db.execute("update articles set month = substr(published, 1, 7)")


def _create_search_index(db: sqlite_utils.Database) -> None:
    ensure_search_index(db.conn)


def _create_reprocess_runs(db: sqlite_utils.Database) -> None:
    # newsarchive reprocess: each run, and how far it got (last_rowid), so it can continue
    if "reprocess_runs" not in db.table_names():
        db["reprocess_runs"].create(
            {"id": int, "started_at": str, "ended_at": str, "status": str, "processes": int,
             "last_rowid": int, "pages": int, "changed": int, "unchanged": int, "failed": int,
             "failures": str, "rules": str},
            pk="id",
        )


def _rename_reprocess_workers(db: sqlite_utils.Database) -> None:
    # "worker" means a distributed crawl process; reprocess runs in pool processes
    if "workers" in db["reprocess_runs"].columns_dict:
        db.execute("alter table reprocess_runs rename column workers to processes")


def _add_stories(db: sqlite_utils.Database) -> None:
    # syndicated copies: articles.story, the fingerprint index, the stories table
    create_story_tables(db.conn)


def _add_places(db: sqlite_utils.Database) -> None:
    # the divisions articles name, and the provinces and cities each is about
    create_place_tables(db.conn)


def _add_raw_link_text(db: sqlite_utils.Database) -> None:
    # the words of the link that led to a page: a reprocess gives them to the extractor again
    if "link_text" not in db["raw_responses"].columns_dict:
        db["raw_responses"].add_column("link_text", str)


def _index_content_hash(db: sqlite_utils.Database) -> None:
    # the same page under another URL of its site is found by its hash (same_page_archived)
    db["articles"].create_index(["site", "content_hash"], if_not_exists=True)


SCHEMA_STEPS = (
    _create_articles,
    _create_raw_responses,
    _create_crawls,
    _add_crawls_worker,
    _create_stream_positions,
    _add_crawls_skipped,
    _create_article_versions,
    _add_articles_month,
    _create_search_index,
    _create_reprocess_runs,
    _rename_reprocess_workers,
    _add_stories,
    _add_places,
    _add_raw_link_text,
    _index_content_hash,
)


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Bring an archive's schema up to date (see ``SCHEMA_STEPS``), in one committed
    transaction: a step that writes rows would otherwise leave Python's implicit transaction
    open, and every later write_transaction would nest in it as a savepoint, never committed."""
    with write_transaction(db):
        for step in SCHEMA_STEPS:
            step(db)


def content_hash(page: Page) -> str:
    parts = (page.title or "", page.published or "", page.author or "", page.source or "", page.text or "")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


# the number a CMS gives an article's record, the last in its address (3456 in
# /html/2024/jiuye_0506/3456.html and in /index.php?…&catid=12&id=3456)
_RECORD_NUMBER = re.compile(r"\d{3,}")


def _record_number(url: str) -> str | None:
    parts = urlsplit(url)
    numbers = _RECORD_NUMBER.findall(parts.path + "?" + parts.query)
    return numbers[-1] if numbers else None


def same_page_archived(db: sqlite_utils.Database, page: Page) -> str | None:
    """The URL an article of the page's site is archived under whose title, date, byline and
    text are the page's own and whose address names the same record (its number), where the
    page's URL is not archived: a CMS serves an article at its static address and at its
    dynamic one (/html/2024/jiuye_0506/3456.html and /index.php?m=content&…&id=3456), and it
    is one article, not two. A copy the CMS made into another channel is a record of its own
    (/contents/12/3228.html, /contents/16/3231.html) and stays. None for a page whose URL is
    archived (a re-crawl) or that no article of its site matches."""
    record = _record_number(page.url)
    if page.site is None or record is None \
            or db.execute("select 1 from articles where url = ?", [page.url]).fetchone():
        return None
    rows = db.execute("select url from articles where site = ? and content_hash = ?",
                      [page.site, content_hash(page)]).fetchall()
    if found := next((url for (url,) in rows if _record_number(url) == record), None):
        return found
    # the same text where one reading found the headline and the other only the site's name
    # (an e-paper's article at content_1019671.htm and, from its page's image map, at
    # content_1019671.htm?div=-1)
    # (the site's articles of that day, by its index, their texts compared in SQLite)
    same_day = db.execute("select url from articles where site = ? and published is ? and text = ?",
                          [page.site, page.published, page.text]).fetchall()
    if found := next((url for (url,) in same_day if _record_number(url) == record), None):
        return found
    # another template of the same record (a mobile edition) reads a little differently: the
    # same headline and date, and the same story by the texts' fingerprints
    if not page.title or page.fingerprint is None:
        return None
    rows = db.execute("select url, text from articles where site = ? and title = ? and published is ?",
                      [page.site, page.title, page.published]).fetchall()
    for url, text in rows:
        archived = fingerprint(text or "") if _record_number(url) == record else None
        if archived is not None and same_story(archived, page.fingerprint):
            return url
    return None


# a site's mobile edition: its own host (m.…, wap.…) or its own folder (/m/…, /wap/…)
_MOBILE_NAMES = {"m", "wap", "3g", "mobile"}


def _address_rank(url: str) -> tuple[bool, bool]:
    """Lower is better: a query, then a mobile edition's address."""
    parts = urlsplit(url)
    folders = parts.path.split("/")
    mobile = (parts.hostname or "").split(".")[0] in _MOBILE_NAMES \
        or (len(folders) > 2 and folders[1].lower() in _MOBILE_NAMES)
    return bool(parts.query), mobile


# a mobile edition's page named as the desktop one's with a prefix (Guangdong's government
# platform: content/mpost_3849591.html beside content/post_3849591.html)
_MOBILE_PREFIXES = ("m", "m_", "m-", "wap_", "mobile_")


def _mobile_twin(url: str, other: str) -> bool:
    """Whether ``url`` is ``other``'s page under a mobile edition's name in the same folder."""
    path, other_path = urlsplit(url).path, urlsplit(other).path
    folder, _, name = path.rpartition("/")
    other_folder, _, other_name = other_path.rpartition("/")
    return folder == other_folder and any(name == prefix + other_name for prefix in _MOBILE_PREFIXES)


def prefers_address(url: str, archived: str) -> bool:
    """Whether a page's URL names an article better than the URL it is archived under: an
    address without a query (the CMS's static page) over one with it (its dynamic script),
    then the desktop edition's over the mobile one's (/m/view/3161.html, mpost_3161.html)."""
    rank, archived_rank = _address_rank(url), _address_rank(archived)
    return rank < archived_rank or (rank == archived_rank and _mobile_twin(archived, url))


def move_article(db: sqlite_utils.Database, url: str, to: str) -> None:
    """Archive an article under another URL, with what names it by its URL (its earlier
    versions, its places, its story's first copy); its row, search entry and story stay."""
    with write_transaction(db):
        db.execute("update articles set url = ? where url = ?", [to, url])
        db.execute("update article_versions set url = ? where url = ?", [to, url])
        db.execute("update article_places set article = ? where article = ?", [to, url])
        db.execute("update stories set first_url = ? where first_url = ?", [to, url])


def archived_elsewhere(db: sqlite_utils.Database, page: Page) -> str | None:
    """Where the page is an article its site's archive holds under another URL
    (``same_page_archived``): that URL, and the page is not archived again; or, where the page's
    URL names the article better (``prefers_address``), None once the article goes by it (a
    write of the page then finds it unchanged). A copy read at a poorer address than the one it
    names canonical (``read_at``), where that one is archived: that one. None for any other
    page."""
    # a copy read at a poorer address that names the article's own (a mobile copy's canonical
    # link): the article's own reading, archived, stands
    if page.read_at and prefers_address(page.url, page.read_at) \
            and db.execute("select 1 from articles where url = ?", [page.url]).fetchone():
        return page.url
    if (archived := same_page_archived(db, page)) is None:
        return None
    if not prefers_address(page.url, archived):
        return archived
    move_article(db, archived, page.url)
    return None


def archive_page(db: sqlite_utils.Database, page: Page, crawl_id: int | None = None) -> str:
    """Store one processed page and its raw response, in one transaction.

    Returns "new", "updated" or "unchanged"."""
    page.fetched_at = page.fetched_at or now()
    with write_transaction(db):
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
        "select content_hash, first_seen, rowid, title, text, published, fetched_at, crawl_id, story "
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
        assign_story(db.conn, rowid, page.text, page.fingerprint)
    elif outcome == "updated":
        index_article(db.conn, previous[2], page.title, page.text, old=(previous[3], previous[4]))
        assign_story(db.conn, previous[2], page.text, page.fingerprint)
        db["article_versions"].insert({
            "url": page.url, "title": previous[3], "text": previous[4], "published": previous[5],
            "content_hash": previous[0], "fetched_at": previous[6], "replaced_at": when,
            "crawl_id": crawl_id,
        })
    elif previous[8] is None:  # archived before stories were: it gets one now (reprocess)
        assign_story(db.conn, previous[2], page.text, page.fingerprint)
    if page.places is not None:  # every outcome: an archive made before places gets them on reprocess
        record_places(db.conn, page.url, page.places)
    return outcome


# Articles given their story per transaction when an archive made before stories gets them
STORY_BATCH = 500


def assign_missing_stories(db: sqlite_utils.Database) -> int:
    """Give every article that has no story one (an archive made before stories were), oldest
    first so that the first copy begins each story; a transaction per batch. Returns how many
    were given one."""
    given = 0
    while True:
        with write_transaction(db):
            rows = db.execute("select rowid, text from articles where story is null order by rowid "
                              f"limit {STORY_BATCH}").fetchall()
            for rowid, text in rows:
                assign_story(db.conn, rowid, text)
        given += len(rows)
        if len(rows) < STORY_BATCH:
            return given


def write_raw_response(db: sqlite_utils.Database, page: Page) -> None:
    """A page's response, and those of its further pages (an article split over several: a
    reprocess finds them by their URLs, which its first page links). A page fetched again
    without a link's words (from a sitemap) keeps those an earlier fetch had."""
    link_text = page.link_text
    if link_text is None:  # (the schema is in place: open_archive ensured it)
        row = db.execute("select link_text from raw_responses where url = ?", [page.url]).fetchone()
        link_text = row[0] if row else None
    db["raw_responses"].upsert_all(
        [{
            "url": each.url, "fetched_at": each.fetched_at or page.fetched_at or now(),
            "status": each.status, "content_type": each.content_type, "etag": each.etag,
            "last_modified": each.last_modified, "size": len(each.body),
            "body_zlib": zlib.compress(each.body, 6),
            "link_text": link_text if each is page else each.link_text,
        } for each in (page, *page.continued)],
        pk="url",
    )


def stored_response(db: sqlite3.Connection, url: str) -> tuple[bytes, str | None] | None:
    """A stored response's body and Content-Type, None if there is none (or it is unreadable)."""
    row = db.execute("select body_zlib, content_type from raw_responses where url = ?", [url]).fetchone()
    if row is None:
        return None
    try:
        return zlib.decompress(row[0]), row[1]
    except zlib.error:
        return None


def validators(db: sqlite_utils.Database, site: str) -> dict[str, tuple[str | None, str | None]]:
    """URL -> (ETag, Last-Modified) of every archived article of a site, for conditional
    re-crawls."""
    rows = db.execute(
        "select r.url, r.etag, r.last_modified from raw_responses r "
        "join articles a on a.url = r.url where a.site = ?", [site]
    )
    return {url: (etag, modified) for url, etag, modified in rows}


# -- the crawls table: every read and write of it -------------------------------------------

def mark_killed_runs(db: sqlite_utils.Database) -> list[str]:
    """Runs still marked running when a process takes the archive's lock were killed (a
    running writer would hold the lock). Marks them; returns their sites."""
    with write_transaction(db):
        sites = [site for (site,) in db.execute("select site from crawls where status = 'running'")]
        db.execute("update crawls set status = 'killed' where status = 'running'")
    return sites


def claim_archive(path: str | Path, wait: float = 0) -> None:
    """Take the archive's writer lock for this process (waiting up to ``wait`` seconds; raises
    ArchiveLocked), and, when this process did not hold it already, mark the runs a killed
    writer left 'running' as killed. Release with ``release_archive_lock``."""
    if acquire_archive_lock(path, wait):
        db = open_archive(path)
        mark_killed_runs(db)
        db.close()


def start_crawl(db: sqlite_utils.Database, site: str) -> int:
    with write_transaction(db):
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
    with write_transaction(db):
        db["crawls"].update(
            crawl_id,
            {
                "ended_at": now(), "status": status, "pages_fetched": pages_fetched,
                "articles_new": outcomes["new"], "articles_updated": outcomes["updated"],
                "articles_unchanged": outcomes["unchanged"],
                "articles_skipped": outcomes["skipped"],
                "failed": sum(failures.values()),
                "failures": _json_counts(failures),
                "repairs": _json_counts(repairs),
            },
        )


def _json_counts(counts: Counter | dict) -> str:
    return json.dumps(dict(Counter(counts).most_common()), ensure_ascii=False)


def last_crawl_id(db: sqlite_utils.Database) -> int:
    return db.execute("select coalesce(max(id), 0) from crawls").fetchone()[0]


def crawl_ids_after(db: sqlite_utils.Database, after: int) -> list[int]:
    return [row[0] for row in db.execute("select id from crawls where id > ? order by id", [after])]


def crawl_rows(db: sqlite_utils.Database, ids: list[int]) -> list[dict]:
    placeholders = ",".join("?" * len(ids)) or "NULL"
    return list(db.query(f"select * from crawls where id in ({placeholders}) order by id", ids))


def recent_crawls(db: sqlite_utils.Database, limit: int) -> list[dict]:
    return list(db.query("select * from crawls order by id desc limit ?", [limit]))


def article_count(db: sqlite_utils.Database) -> int:
    return db.execute("select count(*) from articles").fetchone()[0]


# distributed crawls: a worker's run, written by the archive writer inside its batch's
# transaction (no commit of their own)

def worker_crawl_id(db: sqlite_utils.Database, worker: str) -> int | None:
    row = db.execute("select id from crawls where worker = ?", [worker]).fetchone()
    return row[0] if row else None


def open_worker_crawl(db: sqlite_utils.Database, site: str, worker: str, started_at: str | None) -> int:
    cursor = db.execute(
        "insert into crawls (site, started_at, status, worker, articles_new, articles_updated,"
        " articles_unchanged, articles_skipped) values (?, ?, 'running', ?, 0, 0, 0, 0)",
        [site, started_at or now(), worker])
    return cursor.lastrowid


def count_article(db: sqlite_utils.Database, crawl_id: int, outcome: str) -> None:
    """One more new, updated, unchanged or skipped article in a run's row."""
    if outcome not in ("new", "updated", "unchanged", "skipped"):
        raise ValueError(f"not an article outcome: {outcome!r}")
    db.execute(f"update crawls set articles_{outcome} = articles_{outcome} + 1 where id = ?", [crawl_id])


def close_worker_crawl(db: sqlite_utils.Database, crawl_id: int, ended_at: str, status: str,
                       pages_fetched: int, not_modified: int, skipped: int, failures: dict,
                       repairs: dict) -> None:
    db.execute(
        "update crawls set ended_at = ?, status = ?, pages_fetched = ?,"
        " articles_unchanged = articles_unchanged + ?, articles_skipped = articles_skipped + ?, failed = ?,"
        " failures = ?, repairs = ? where id = ?",
        [ended_at, status, pages_fetched, not_modified, skipped, sum(failures.values()),
         _json_counts(failures), _json_counts(repairs), crawl_id])
    if not pages_fetched:  # a worker that found nothing left to do: no run to show
        db.execute("delete from crawls where id = ? and articles_new + articles_updated"
                   " + articles_unchanged = 0", [crawl_id])


def running_worker_crawls(db: sqlite_utils.Database) -> list[tuple[int, str, str]]:
    """(id, site, worker) of the distributed runs still marked running."""
    return db.execute(
        "select id, site, worker from crawls where status = 'running' and worker is not null").fetchall()


def mark_crawls_killed(db: sqlite_utils.Database, ids: list[int]) -> None:
    with write_transaction(db):
        db.execute(f"update crawls set status = 'killed', ended_at = ? where id in "
                   f"({','.join('?' * len(ids))})", [now(), *ids])


# distributed crawls: how far the archive writer has applied an item stream

def stream_position(db: sqlite_utils.Database, stream: str) -> str:
    row = db.execute("select last_id from stream_positions where stream = ?", [stream]).fetchone()
    return row[0] if row else "0-0"


def save_stream_position(db: sqlite_utils.Database, stream: str, last_id: str) -> None:
    db.execute(
        "insert into stream_positions (stream, last_id, updated_at) values (?, ?, ?) on conflict"
        " (stream) do update set last_id = excluded.last_id, updated_at = excluded.updated_at",
        [stream, last_id, now()])
