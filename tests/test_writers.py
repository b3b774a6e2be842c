"""Every writer of an archive holds its one writer lock (or waits for it), whatever the
name the archive is reached by, and an article that cannot be written is a counted failure.
Real crawls of a local site, real imports and reprocess runs, real SQLite files."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time

import pytest

from crawler.archive.lock import ArchiveLocked, acquire_archive_lock, release_archive_lock
from tests.bulk_site import BulkSite
from tests.conftest import ROOT, newsarchive, newsarchive_command, query, rows

ARTICLES = 150
FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2",
        "--log-level", "WARNING"]


def _html_pages(folder, count: int) -> list[str]:
    paths = []
    for n in range(count):
        body = "".join(f"<p>第{n}篇导入的文章，第{k}段：就业扶贫车间让群众在家门口就业。</p>"
                       for k in range(5))
        page = folder / f"import-{n}.html"
        page.write_text(f"<html><head><title>导入{n}</title></head><body><article><h1>导入{n}</h1>"
                        f"{body}</article></body></html>", encoding="utf-8")
        paths.append(str(page))
    return paths


def _wait_for_running_crawl(db, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while not (db.exists() and query(db, "select count(*) from sqlite_master where name = 'crawls'")[0][0]
               and query(db, "select count(*) from crawls where status = 'running'")[0][0]):
        assert process.poll() is None, "the crawl ended before it started writing"
        assert time.monotonic() < deadline
        time.sleep(0.1)


def test_import_and_reprocess_during_a_crawl_wait_and_nothing_is_lost(tmp_path):
    db = tmp_path / "archive.db"
    pages = _html_pages(tmp_path, 20)
    with BulkSite(ARTICLES) as site:
        sites = tmp_path / "sites.toml"
        sites.write_text(site.sites_toml(), encoding="utf-8")
        crawl = subprocess.Popen(newsarchive_command("crawl", "bulk", "--db", str(db), "--sites-file",
                                                     str(sites), *FAST),
                                 cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _wait_for_running_crawl(db, crawl)
        # refused at once without --wait-for-lock: one line, no traceback, exit 1
        refused = newsarchive("import", pages[0], "--db", str(db), check=False)
        assert refused.returncode == 1
        assert "being written by another newsarchive process (pid" in refused.stderr
        assert "Traceback" not in refused.stderr
        importer = subprocess.Popen(newsarchive_command("import", *pages, "--db", str(db), "--site",
                                                        "imported", "--wait-for-lock", "300"),
                                    cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        reprocessor = subprocess.Popen(newsarchive_command("reprocess", "--db", str(db), "--processes", "1",
                                                           "--wait-for-lock", "300"),
                                       cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        crawl_out, crawl_err = crawl.communicate(timeout=300)
        import_out, import_err = importer.communicate(timeout=300)
        reprocess_out, reprocess_err = reprocessor.communicate(timeout=300)
    assert crawl.returncode == 0, crawl_err
    assert importer.returncode == 0, import_err
    assert reprocessor.returncode == 0, reprocess_err
    assert "locked" not in crawl_err + import_err + reprocess_err
    (run,) = rows(db, "select * from crawls")
    assert (run["status"], run["articles_new"], run["failed"]) == ("finished", ARTICLES, 0)
    assert query(db, "select count(*) from articles where site = 'bulk'")[0][0] == ARTICLES
    assert query(db, "select count(*) from articles where site = 'imported'")[0][0] == len(pages)
    assert import_out.strip().endswith(f"new {len(pages)} -> {db}")
    # the import waited for the crawl: it wrote nothing before the crawl's end
    first_import = query(db, "select min(first_seen) from articles where site = 'imported'")[0][0]
    assert first_import >= run["ended_at"]
    assert query(db, "pragma integrity_check")[0][0] == "ok"


def _hold_lock(path) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"from crawler.archive.lock import acquire_archive_lock as a; import time; a({str(path)!r}); "
         "print('held', flush=True); time.sleep(60)"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


@pytest.mark.parametrize("other_name", ["hard link", "symlink", "another path"])
def test_the_lock_belongs_to_the_file_not_its_name(tmp_path, other_name):
    db = tmp_path / "archive.db"
    newsarchive("import", *_html_pages(tmp_path, 1), "--db", str(db))
    other = tmp_path / "other.db"
    if other_name == "hard link":
        os.link(db, other)
    elif other_name == "symlink":
        other.symlink_to(db)
    else:
        (tmp_path / "sub").mkdir()
        other = tmp_path / "sub" / ".." / "archive.db"
    holder = _hold_lock(db)
    try:
        with pytest.raises(ArchiveLocked, match=f"pid {holder.pid}"):
            acquire_archive_lock(other)
        result = newsarchive("import", *_html_pages(tmp_path, 1), "--db", str(other), check=False)
        assert result.returncode == 1 and f"pid {holder.pid}" in result.stderr
    finally:
        holder.kill()
        holder.wait()
    assert acquire_archive_lock(other)
    release_archive_lock(other)


def test_an_article_that_cannot_be_written_is_a_counted_failure(tmp_path):
    db = tmp_path / "archive.db"
    newsarchive("import", *_html_pages(tmp_path, 1), "--db", str(db))
    # a write that SQLite refuses, as a full disk would: every tenth article of the site
    conn = sqlite3.connect(db)
    conn.execute("create trigger refuse before insert on articles when new.url like '%0.html' "
                 "begin select raise(abort, 'refused for the test'); end")
    conn.commit()
    conn.close()
    with BulkSite(50) as site:
        sites = tmp_path / "sites.toml"
        sites.write_text(site.sites_toml(), encoding="utf-8")
        result = newsarchive("crawl", "bulk", "--db", str(db), "--sites-file", str(sites), *FAST)
    (run,) = rows(db, "select * from crawls")
    assert run["articles_new"] == 45 and run["failed"] == 5
    assert json.loads(run["failures"]) == {"archive write failed": 5}
    assert "failures: archive write failed 5" in result.stdout


def test_scrapy_crawl_on_a_locked_archive_refuses_in_one_line(tmp_path):
    db = tmp_path / "archive.db"
    holder = _hold_lock(db)
    try:
        result = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "hnr-ruzhou", "-s",
                                 f"ARCHIVE_PATH={db}", "-s", "LOG_LEVEL=ERROR"],
                                cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert f"being written by another newsarchive process (pid {holder.pid}" in result.stderr
    assert "Traceback" not in result.stderr


class _InterruptedAfterBegin:
    """A connection that takes a Ctrl-C the moment ``BEGIN IMMEDIATE`` returns (the signal
    handler runs between two bytecodes: it can land there)."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def execute(self, sql: str, *args):
        result = self._conn.execute(sql, *args)
        if sql == "BEGIN IMMEDIATE":
            raise KeyboardInterrupt(2)
        return result

    def __getattr__(self, name: str):
        return getattr(self._conn, name)


def test_an_interrupt_as_a_write_transaction_begins_leaves_no_transaction_open(tmp_path):
    # an open transaction there took the run's last write (its status: interrupted) into it,
    # and closing the archive rolled it back: the run stayed 'running'
    from crawler.archive.store import open_archive, write_transaction

    db = open_archive(tmp_path / "archive.db")
    db["runs"].insert({"id": 1, "status": "running"}, pk="id")
    real = db.conn
    db.conn = _InterruptedAfterBegin(real)
    with pytest.raises(KeyboardInterrupt):
        with write_transaction(db):
            pass
    db.conn = real
    assert not real.in_transaction
    with write_transaction(db):
        db["runs"].update(1, {"status": "interrupted"})
    db.close()
    assert query(tmp_path / "archive.db", "select status from runs") == [("interrupted",)]
