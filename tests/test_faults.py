"""A crawl against a server that fails in every way: it finishes, archives every good article,
and its crawls row counts each failure with its reason."""

from __future__ import annotations

import json

from tests.conftest import newsarchive, rows
from tests.fault_server import FAULTS, GOOD, MAXSIZE, RETRY_AFTER, FaultServer


def test_crawl_survives_every_fault(tmp_path):
    db = tmp_path / "faults.db"
    sites = tmp_path / "sites.toml"
    with FaultServer() as server:
        sites.write_text(server.sites_toml("faulty"), encoding="utf-8")
        result = newsarchive(
            "crawl", "faulty", "--db", str(db), "--sites-file", str(sites), "--log-level", "WARNING",
            "-s", "DOWNLOAD_TIMEOUT=1", "-s", f"DOWNLOAD_MAXSIZE={MAXSIZE}",
            "-s", "AUTOTHROTTLE_START_DELAY=0.01", "-s", "RETRY_TIMES=1", check=False,
        )
        hits = dict(server.httpd.hits)
    assert result.returncode == 0, result.stderr[-3000:]
    urls = {r["url"].split("/", 3)[3] for r in rows(db, "select url from articles")}
    crawl = rows(db, "select * from crawls")[0]
    # every good article, and the two that succeeded on retry (a 503, a 200 with nothing in it)
    recovered = {"flaky503/1.html", "empty_once/1.html"}
    assert urls == {f"good/{n}.html" for n in range(1, GOOD + 1)} | recovered
    assert hits[FAULTS["empty_once"]] == 2
    assert "Traceback" not in result.stderr  # an empty page breaks no link reader
    assert crawl["status"] == "finished"
    failures = json.loads(crawl["failures"])
    print(json.dumps(failures, indent=1))
    assert {"http 500", "http 429", "http 404", "Forbidden by robots.txt", "undecodable",
            "redirect loop", "timeout", "truncated body", "connection lost",
            "over DOWNLOAD_MAXSIZE"} <= set(failures), failures
    assert failures["over DOWNLOAD_MAXSIZE"] == 2  # the huge page and the gzip bomb, one reason
    assert crawl["failed"] == len(FAULTS) - 2  # each fault once; the flaky and the empty-once recovered
    assert hits.get(FAULTS["private"], 0) == 0  # robots.txt obeyed



def crawl_only_flaky(tmp_path, *settings: str) -> float:
    """Crawl a list that links one article answering 503 + Retry-After once; return how long
    the retry came after the first request."""
    sites = tmp_path / "flaky.toml"
    with FaultServer() as server:
        sites.write_text(server.sites_toml("flaky", "/only-flaky/"), encoding="utf-8")
        newsarchive("crawl", "flaky", "--db", str(tmp_path / f"flaky{len(settings)}.db"),
                    "--sites-file", str(sites), "--log-level", "WARNING",
                    "-s", "AUTOTHROTTLE_START_DELAY=0.01", *settings)
        first, retry = server.httpd.times[FAULTS["flaky503"]][:2]
    return retry - first


def test_retry_waits_for_retry_after(tmp_path):
    assert crawl_only_flaky(tmp_path) >= RETRY_AFTER - 0.1
    assert crawl_only_flaky(tmp_path, "-s", "RETRY_AFTER_MAX=0") < RETRY_AFTER / 2  # the cap holds
