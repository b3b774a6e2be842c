"""Distributed crawls: a real redis-server, worker processes and one archive writer on 127.0.0.1."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from crawler.archive.store import open_archive
from crawler.demo import SITES_FILE as DEMO_SITES_FILE
from crawler.demo.server import DemoServer
from crawler.distributed.entries import event_entry, page_entry
from crawler.distributed.shared import requeue_gone_workers, site_key
from crawler.distributed.writer import StreamWriter
from crawler.page import Page
from tests.bulk_site import BulkSite
from tests.conftest import ROOT, newsarchive, newsarchive_command, query
from tests.redis_server import start_or_skip

FAST = ["-s", "AUTOTHROTTLE_START_DELAY=0.01", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        "-s", "REDIS_WORKER_TTL=2"]


@pytest.fixture
def redis_server():
    server = start_or_skip()
    yield server
    server.__exit__()


def run(*args: str) -> subprocess.CompletedProcess:
    result = newsarchive(*args, check=False, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def start(*args: str, log: Path | None = None) -> subprocess.Popen:
    return subprocess.Popen(newsarchive_command(*args), cwd=ROOT, stdout=subprocess.PIPE, text=True,
                            stderr=log.open("w") if log else subprocess.DEVNULL)


def finish(process: subprocess.Popen, timeout: float = 300) -> str:
    out, _ = process.communicate(timeout=timeout)
    assert process.returncode == 0, out
    return out


def articles(db: Path) -> dict[str, tuple]:
    return {row[0]: row[1:] for row in query(db, "select url, title, published, author, source, "
                                                 "encoding, text from articles")}


def shared_state_is_clean(client, site: str) -> None:
    """After a run: nothing queued, leased or registered; the stream trimmed to nothing."""
    assert client.zcard(site_key(site, "requests")) == 0
    assert list(client.scan_iter(match=site_key(site, "leases:*"))) == []
    assert list(client.scan_iter(match=site_key(site, "worker:*"))) == []
    assert client.xlen("newsarchive:items") == 0


def test_two_workers_and_one_writer_archive_the_demo_as_one_crawl_does(redis_server, demo_run, tmp_path):
    reference_db, _ = demo_run
    db = tmp_path / "archive.db"
    sites = ["--sites-file", DEMO_SITES_FILE]
    client = redis_server.client()
    with DemoServer() as demo:
        proxy = ["-s", f"SITE_PROXY={demo.proxy_url}", *FAST]
        # workers first, waiting for a run: neither starts one itself, and both are ready when
        # the run starts; two requests at a time each, so one cannot take the whole small site
        workers = [start("worker", "--redis-url", redis_server.url, *sites, *proxy, "--wait-for-run",
                         "120", "-s", "CONCURRENT_REQUESTS=2", log=tmp_path / f"worker{i}.log")
                   for i in range(2)]
        wait_for(lambda: len(list(client.scan_iter(match="demo-*:worker:*"))) == 6)
        assert sum(demo.requests.values()) == 0
        seeded = run("crawl", "--distributed", "--redis-url", redis_server.url, "--db", str(db),
                     *sites, *proxy, "--log-level", "WARNING")
        assert "demo-news" in seeded.stdout and "requests queued" in seeded.stdout
        assert not db.exists()  # seeding opens no archive it does not have
        writer = start("archive-writer", "--redis-url", redis_server.url, "--db", str(db), "--drain")
        tables = [finish(w) for w in workers]
        summary = finish(writer)
        requests = dict(demo.requests)

    # every URL fetched once across both workers, robots.txt included (one worker fetches it,
    # the other reads its copy from Redis)
    assert max(requests.values()) == 1, [url for url, n in requests.items() if n > 1]
    assert {path for _, path in requests} >= {"/robots.txt"}
    # each worker's pages, as its summary says, add up to what the server saw (a shared
    # robots.txt counts for the worker that fetched it and the one that read the copy)
    fetched = sum(int(line.split()[2]) for table in tables for line in table.splitlines()[1:])
    robots_read = sum(1 for _, path in requests if path == "/robots.txt")
    assert sum(requests.values()) <= fetched <= sum(requests.values()) + robots_read
    # and both took part
    assert all(sum(int(line.split()[2]) for line in table.splitlines()[1:]) for table in tables), tables
    # every article archived exactly once, equal to what a single-process crawl archives
    assert "new 36, updated 0, unchanged 0" in summary
    assert articles(db) == articles(reference_db)
    # the places the workers found travel with each page to the writer
    places = "select article, place, mentions, about from article_places order by article, place"
    assert query(db, places) == query(reference_db, places) != []
    runs = query(db, "select site, status, articles_new, worker from crawls")
    assert {status for _, status, _, _ in runs} == {"finished"}
    assert sum(new for _, _, new, _ in runs) == 36 and all(worker for *_, worker in runs)
    for site in ("demo-rsj", "demo-portal", "demo-news"):
        shared_state_is_clean(client, site)
        # the writer keeps the validators for the workers' next conditional requests
        assert client.hlen(site_key(site, "validators")) == 12

    # a second run, started while a worker waits idle (as a restarted service does): a new run
    # all the same, and every archived article is asked for conditionally and answered 304
    with DemoServer() as demo:
        proxy = ["-s", f"SITE_PROXY={demo.proxy_url}", *FAST]
        worker = start("worker", "--redis-url", redis_server.url, *sites, *proxy, "--wait-for-run", "120")
        wait_for(lambda: len(list(client.scan_iter(match="demo-*:worker:*"))) == 3)
        run("crawl", "--distributed", "--redis-url", redis_server.url, "--db", str(db), *sites,
            *proxy, "--log-level", "WARNING")
        writer = start("archive-writer", "--redis-url", redis_server.url, "--db", str(db), "--drain")
        finish(worker)
        finish(writer)
        assert sum(demo.not_modified.values()) == 36
    assert articles(db) == articles(reference_db)
    assert query(db, "select count(*) from article_versions") == [(0,)]
    latest = query(db, "select sum(articles_unchanged), sum(articles_new) from crawls "
                       "where id > (select max(id) from crawls) - 3")
    assert latest == [(36, 0)]


ARTICLES = 300
BULK = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4",
        "-s", "STAGE_PROCESSES=0", "-s", "REDIS_WORKER_TTL=2", "--log-level", "WARNING"]


def bulk_run(tmp_path: Path, site: BulkSite, redis_url: str) -> list[str]:
    sites = tmp_path / "sites.toml"
    sites.write_text(site.sites_toml(), encoding="utf-8")
    args = ["--redis-url", redis_url, "--sites-file", str(sites), *BULK]
    run("crawl", "--distributed", "--db", str(tmp_path / "archive.db"), *args)
    return args


def wait_for(condition, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def archived_count(db: Path) -> int:
    try:
        return query(db, "select count(*) from articles")[0][0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_a_killed_worker_leaves_its_work_to_the_other(redis_server, tmp_path):
    db = tmp_path / "archive.db"
    with BulkSite(ARTICLES) as site:
        args = bulk_run(tmp_path, site, redis_server.url)
        doomed = start("worker", *args)
        survivor = start("worker", *args)
        writer = start("archive-writer", "--redis-url", redis_server.url, "--db", str(db), "--drain")
        article_hits = lambda: sum(n for path, n in site.httpd.hits.items() if path.startswith("/a/"))  # noqa: E731
        wait_for(lambda: article_hits() >= 40)
        doomed.send_signal(signal.SIGKILL)
        doomed.wait()
        assert article_hits() < ARTICLES - 40  # killed mid-crawl, with most of it left
        finish(survivor)
        summary = finish(writer)
        hits = dict(site.httpd.hits)

    assert archived_count(db) == ARTICLES
    assert query(db, "pragma integrity_check") == [("ok",)]
    # what the killed worker held was fetched again, and nothing else: at most its downloader's
    # 16 requests (CONCURRENT_REQUESTS) and the few pages its scraper had in hand
    refetched = sum(n - 1 for n in hits.values())
    assert refetched <= 24, {path: n for path, n in hits.items() if n > 1}
    statuses = sorted(status for (status,) in query(db, "select status from crawls"))
    assert statuses == ["finished", "killed"]
    assert "killed 1" in summary
    shared_state_is_clean(redis_server.client(), "bulk")


def test_a_request_is_marked_seen_and_queued_in_one_step(redis_server, tmp_path):
    """A worker killed between marking a link seen and queueing it (two calls in scrapy-redis)
    would lose that article: the list page, fetched again by another worker, finds it seen.
    Redis runs a script whole, whatever happens to the client that sent it."""
    cli = shutil.which("redis-cli")
    if cli is None:
        pytest.skip("needs redis-cli (it comes with redis-server)")
    monitor_log = tmp_path / "monitor.txt"
    with monitor_log.open("w") as out:
        monitor = subprocess.Popen([cli, "-u", redis_server.url, "monitor"], stdout=out)
    try:
        with BulkSite(40) as site:
            wait_for(lambda: monitor_log.stat().st_size > 0)  # redis-cli says OK once it listens
            finish(start("worker", *bulk_run(tmp_path, site, redis_server.url)))
    finally:
        monitor.terminate()
        monitor.wait(10)
    seen = [line for line in monitor_log.read_text().splitlines() if '"SADD" "bulk:dupefilter"' in line]
    assert len(seen) >= 40 + 4  # every article and list page
    assert all(" lua] " in line for line in seen), [line for line in seen if " lua] " not in line][:3]
    finish(start("archive-writer", "--redis-url", redis_server.url, "--db", str(tmp_path / "archive.db"),
                 "--drain"))
    assert archived_count(tmp_path / "archive.db") == 40


def test_a_worker_stopped_with_ctrl_c_hands_its_work_back_at_once(redis_server, tmp_path):
    db = tmp_path / "archive.db"
    client = redis_server.client()
    with BulkSite(ARTICLES) as site:
        # a TTL far beyond the test: only the stopped worker's own hand-back can requeue
        args = [*bulk_run(tmp_path, site, redis_server.url), "-s", "REDIS_WORKER_TTL=600"]
        stopped = start("worker", *args)
        wait_for(lambda: sum(n for path, n in site.httpd.hits.items() if path.startswith("/a/")) >= 30)
        stopped.send_signal(signal.SIGINT)
        stopped.communicate(timeout=120)
        assert list(client.scan_iter(match="bulk:leases:*")) == []  # handed back, not waiting for TTL
        assert list(client.scan_iter(match="bulk:worker:*")) == []
        assert client.zcard("bulk:requests") > 0
        finish(start("worker", *args))
        summary = finish(start("archive-writer", "--redis-url", redis_server.url, "--db", str(db),
                               "--drain"))
    assert archived_count(db) == ARTICLES
    assert sorted(s for (s,) in query(db, "select status from crawls")) == ["finished", "interrupted"]
    assert "killed 0" in summary
    shared_state_is_clean(client, "bulk")


def test_a_killed_writer_resumes_with_nothing_lost_or_written_twice(redis_server, tmp_path):
    db = tmp_path / "archive.db"
    client = redis_server.client()
    with BulkSite(ARTICLES) as site:
        args = bulk_run(tmp_path, site, redis_server.url)
        worker = start("worker", *args)
        wait_for(lambda: client.xlen("newsarchive:items") >= 150)
        writer = start("archive-writer", "--redis-url", redis_server.url, "--db", str(db))
        wait_for(lambda: archived_count(db) >= 64)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        assert archived_count(db) < ARTICLES
        finish(worker)
        assert client.xlen("newsarchive:items") > 0  # what the writer had not committed stays
        summary = finish(start("archive-writer", "--redis-url", redis_server.url, "--db", str(db),
                               "--drain"))

    assert archived_count(db) == ARTICLES
    assert query(db, "pragma integrity_check") == [("ok",)]
    # applied exactly once: every article counted new once, no versions, no duplicate rows
    assert query(db, "select sum(articles_new), sum(articles_unchanged), count(*) from crawls") \
        == [(ARTICLES, 0, 1)]
    assert query(db, "select count(*) from article_versions") == [(0,)]
    assert query(db, "select count(*) from raw_responses") == [(ARTICLES,)]
    assert "updated 0, unchanged 0" in summary
    shared_state_is_clean(client, "bulk")


def test_only_a_gone_workers_leases_go_back_to_the_queue(redis_server):
    client = redis_server.client()
    queue, alive, gone = site_key("s", "requests"), "s:worker:alive", "s:worker:gone"
    client.set(alive, "busy", px=60_000)
    client.hset(site_key("s", "leases:alive"), "l1", b"-5\nrequest-a")
    client.hset(site_key("s", "leases:gone"), mapping={"l2": b"0\nrequest-b", "l3": b"-1\nrequest-c"})
    assert not client.exists(gone)
    assert requeue_gone_workers(client, "s") == 2
    # back with their priorities; the live worker's lease untouched
    assert client.zrange(queue, 0, -1, withscores=True) == [(b"request-c", -1.0), (b"request-b", 0.0)]
    assert client.hgetall(site_key("s", "leases:alive")) == {b"l1": b"-5\nrequest-a"}
    assert not client.exists(site_key("s", "leases:gone"))
    assert requeue_gone_workers(client, "s") == 0


def test_commands_say_what_is_missing(tmp_path):
    result = newsarchive("worker", check=False, timeout=60, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode != 0 and "--redis-url" in result.stderr
    result = newsarchive("worker", "--redis-url", "redis://127.0.0.1:1/0", check=False, timeout=60)
    assert result.returncode == 1 and "cannot reach Redis at redis://127.0.0.1:1/0" in result.stderr
    assert "Traceback" not in result.stderr
    # a local crawl is never quietly turned into a worker that archives nothing
    result = newsarchive("crawl", "--db", str(tmp_path / "a.db"), "-s", "REDIS_URL=redis://x",
                         check=False, timeout=60)
    assert result.returncode == 2 and "newsarchive worker" in result.stderr


def test_an_unreadable_stream_entry_is_skipped_and_the_rest_archived(redis_server, tmp_path):
    client = redis_server.client()
    stream = "newsarchive:items"

    def page(n: int) -> Page:
        return Page(url=f"http://a.test/{n}.html", body=b"<html>raw</html>", site="a",
                    title=f"标题{n}", text=f"正文第{n}篇。", encoding="utf-8")

    client.xadd(stream, event_entry("open", "w1", "a", started_at="2026-01-01T00:00:00+00:00"))
    client.xadd(stream, page_entry(page(1), "w1"))
    client.xadd(stream, {"kind": b"page", "worker": b"w1", "page": b"{not json", "body": b"x"})
    client.xadd(stream, {"kind": b"page", "worker": b"w1", "page": b"{}", "body": b"not zlib"})
    client.xadd(stream, page_entry(page(2), "w1"))
    db = open_archive(tmp_path / "archive.db")
    writer = StreamWriter(db, client, stream)
    assert writer.write_batch() == 5
    assert writer.counts.unreadable == 2 and writer.counts.outcomes["new"] == 2
    assert query(tmp_path / "archive.db", "select url, text from articles order by url") == [
        ("http://a.test/1.html", "正文第1篇。"), ("http://a.test/2.html", "正文第2篇。")]
    assert client.xlen(stream) == 0 and writer.write_batch(block_ms=10) == 0
    # the position is stored with the batch: a new writer starts after it
    assert StreamWriter(db, client, stream).position == writer.position
    db.close()


def test_the_writer_archives_a_page_at_two_addresses_once_under_its_static_one(redis_server, tmp_path):
    client = redis_server.client()
    stream = "newsarchive:items"

    def page(url: str) -> Page:
        return Page(url=url, body=b"<html>raw</html>", site="a", title="标题", text="正文。",
                    encoding="utf-8")

    client.xadd(stream, event_entry("open", "w1", "a", started_at="2026-01-01T00:00:00+00:00"))
    client.xadd(stream, page_entry(page("http://a.test/index.php?id=101"), "w1"))
    client.xadd(stream, page_entry(page("http://a.test/index.php?id=101&from=list"), "w1"))
    client.xadd(stream, page_entry(page("http://a.test/html/101.html"), "w1"))
    db = open_archive(tmp_path / "archive.db")
    writer = StreamWriter(db, client, stream)
    assert writer.write_batch() == 4
    assert query(tmp_path / "archive.db", "select url from articles") == [("http://a.test/html/101.html",)]
    # the second dynamic address skipped; the static one found the article (moved) unchanged
    assert query(tmp_path / "archive.db", "select articles_new, articles_unchanged, articles_skipped "
                                          "from crawls") == [(1, 1, 1)]
    db.close()
