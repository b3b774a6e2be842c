"""Re-crawls: conditional fetches, versions of changed articles, one writer per archive."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from crawler.archive.lock import ArchiveLocked, acquire_archive_lock, release_archive_lock
from crawler.demo.render import Resource, demo_articles
from crawler.demo.server import DemoServer
from tests.conftest import ROOT, newsarchive, query, rows, scrapy_crawl

NEWS = [a for a in demo_articles() if a.site == "news"]


def last_crawl(db) -> dict:
    return rows(db, "select * from crawls order by id desc limit 1")[0]


def test_recrawl_is_conditional_and_versions_changes(tmp_path):
    db = tmp_path / "archive.db"
    with DemoServer() as server:
        scrapy_crawl(server.proxy_url, db)
        assert query(db, "select count(*) from articles")[0][0] == 12
        first = dict(server.requests)

        # unchanged sites: every article asked again only conditionally, answered 304
        scrapy_crawl(server.proxy_url, db)
        for article in NEWS:
            key = ("news.demo.test", article.path)
            assert server.requests[key] == first[key] + 1
            assert server.not_modified[key] == 1
        crawl = last_crawl(db)
        assert (crawl["articles_new"], crawl["articles_updated"], crawl["articles_unchanged"]) == (0, 0, 12)
        assert query(db, "select count(*) from article_versions")[0][0] == 0

        # one article changes: exactly one new version, the current row updated in place
        changed = NEWS[2]
        key = ("news.demo.test", changed.path)
        old = server.pages[key]
        new_paragraph = "记者今天从县人社局获悉，本文已于发布后更正：补充了部分数据。"
        body = old.body.replace(f"<p>{changed.paragraphs[-1]}</p>".encode(),
                                f"<p>{changed.paragraphs[-1]}</p>\n<p>{new_paragraph}</p>".encode())
        assert body != old.body
        server.pages[key] = Resource(200, {**old.headers, "ETag": '"changed"'}, body)
        scrapy_crawl(server.proxy_url, db)
        crawl = last_crawl(db)
        assert (crawl["articles_updated"], crawl["articles_unchanged"]) == (1, 11)
        versions = query(db, "select url, text from article_versions")
        assert versions == [(changed.url, changed.text)]
        current = query(db, "select text from articles where url = ?", [changed.url])[0][0]
        assert current == changed.text + "\n" + new_paragraph
        assert query(db, "select count(*) from articles")[0][0] == 12

        # the "skip" policy does not ask for archived articles at all
        before = dict(server.requests)
        scrapy_crawl(server.proxy_url, db, "INCREMENTAL=skip")
        assert all(server.requests[("news.demo.test", a.path)] == before[("news.demo.test", a.path)]
                   for a in NEWS)
        crawl = last_crawl(db)
        assert (crawl["articles_skipped"], crawl["failed"]) == (12, 0)


def test_overlapping_runs_are_refused(tmp_path):
    db = tmp_path / "busy.db"
    acquire_archive_lock(db)
    try:
        result = newsarchive("crawl", "hnr-ruzhou", "--db", str(db), check=False)
    finally:
        release_archive_lock(db)
    assert result.returncode != 0
    assert "being written by another newsarchive process" in result.stderr and "pid" in result.stderr


def test_a_killed_writer_leaves_no_stale_lock(tmp_path):
    db = tmp_path / "killed.db"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"from crawler.archive.lock import acquire_archive_lock as a; import time; a({str(db)!r}); "
         "print('held', flush=True); time.sleep(60)"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(ArchiveLocked, match="pid"):
        acquire_archive_lock(db)
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    deadline = time.time() + 5
    while True:
        try:
            acquire_archive_lock(db)
            break
        except ArchiveLocked:
            assert time.time() < deadline, "lock still held after its holder was killed"
            time.sleep(0.05)
    release_archive_lock(db)


def test_crawls_command_lists_recent_runs(demo_run):
    db, _ = demo_run
    out = newsarchive("crawls", "--db", str(db)).stdout
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["started", "(UTC)", "minutes"]
    assert sum("finished" in line for line in lines) == 3


def test_settings_given_with_s_are_the_ones_used(tmp_path):
    """-s ARCHIVE_PATH wins over --db, summary included; -s JOBDIR is a base folder with one
    folder per site, and stays (it is the user's)."""
    from tests.bulk_site import BulkSite

    with BulkSite(10) as site:
        sites = tmp_path / "sites.toml"
        sites.write_text(site.sites_toml(), encoding="utf-8")
        other = tmp_path / "other.db"
        jobs = tmp_path / "myjobs"
        jobs.mkdir()
        out = newsarchive("crawl", "bulk", "--sites-file", str(sites), "--log-level", "WARNING",
                          "-s", f"ARCHIVE_PATH={other}", "-s", f"JOBDIR={jobs}", cwd=tmp_path).stdout
    assert "archive holds 10" in out
    assert not (tmp_path / "archive.db").exists()
    assert query(other, "select count(*) from articles")[0][0] == 10
    assert jobs.is_dir() and not (jobs / "bulk").exists()


def test_articles_without_the_sites_keywords_count_as_skipped(tmp_path):
    """The keyword filter's drops reach the crawls row (their count was once read by nothing)."""
    from tests.bulk_site import BulkSite

    with BulkSite(20) as site:
        sites = tmp_path / "sites.toml"
        sites.write_text(site.sites_toml() + 'keywords = ["第7号"]\n', encoding="utf-8")
        out = newsarchive("crawl", "bulk", "--sites-file", str(sites), "--db", str(tmp_path / "k.db"),
                          "--log-level", "WARNING", "-s", "AUTOTHROTTLE_ENABLED=False").stdout
    row = last_crawl(tmp_path / "k.db")
    assert (row["articles_new"], row["articles_skipped"], row["failed"]) == (1, 19, 0)
    assert out.splitlines()[1].split()[3:8] == ["1", "0", "0", "19", "0"]  # new .. failed
