"""Crawls killed at random moments resume and finish with the archive intact."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import time

from tests.bulk_site import BulkSite
from tests.conftest import ROOT, child_processes, newsarchive_command, query, wait_gone

ARTICLES = 300
SETTINGS = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4",
            "-s", "LOG_LEVEL=WARNING"]


def crawl_command(db, sites) -> list[str]:
    return newsarchive_command("crawl", "bulk", "--db", str(db), "--sites-file", str(sites),
                               "--log-level", "WARNING", *SETTINGS)


def archived(db) -> dict[str, tuple[str, str]]:
    assert query(db, "pragma integrity_check")[0][0] == "ok"
    return {url: (title, text) for url, title, text in query(db, "select url, title, text from articles")}


def crawl_rows(db) -> int:
    try:
        return query(db, "select count(*) from crawls")[0][0] if db.exists() else 0
    except sqlite3.OperationalError:  # the archive's tables are not made yet
        return 0


def test_killed_crawls_resume_to_the_same_archive(tmp_path):
    rng = random.Random(2026)
    with BulkSite(ARTICLES) as site:
        sites = tmp_path / "sites.toml"
        sites.write_text(site.sites_toml(), encoding="utf-8")

        reference_db = tmp_path / "reference.db"
        subprocess.run(crawl_command(reference_db, sites), cwd=ROOT, check=True, capture_output=True,
                       timeout=300)
        reference = archived(reference_db)
        assert len(reference) == ARTICLES

        # a graceful stop (Ctrl-C, systemd's stop, scrapyd's cancel) is recorded as interrupted,
        # keeps the crawl's queue, and the next run resumes from it and finishes
        db = tmp_path / "stopped.db"
        seen: dict[str, tuple[str, str]] = {}
        for runs, stop in enumerate((signal.SIGINT, signal.SIGTERM)):
            process = subprocess.Popen(crawl_command(db, sites), cwd=ROOT,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # stopped once it runs (its row is written): a fixed delay stopped a slow start-up
            # on a loaded machine before there was a run to record
            deadline = time.monotonic() + 120
            while process.poll() is None and time.monotonic() < deadline and crawl_rows(db) <= runs:
                time.sleep(0.1)
            time.sleep(rng.uniform(0.5, 1.5))
            process.send_signal(stop)
            process.wait(timeout=60)
            now = archived(db)
            assert set(seen) <= set(now)
            seen = now
        subprocess.run(crawl_command(db, sites), cwd=ROOT, check=True, capture_output=True, timeout=300)
        assert archived(db) == reference
        assert [s for (s,) in query(db, "select status from crawls")] == [
            "interrupted", "interrupted", "finished"]

        db = tmp_path / "killed.db"
        seen = {}
        kills = 0
        for _ in range(10):
            process = subprocess.Popen(crawl_command(db, sites), cwd=ROOT,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(1.0, 3.5))
            if process.poll() is None:
                workers = child_processes(process.pid)
                process.kill()
                kills += 1
                process.wait()
                # stage workers end with the crawl, killed or not: none is left waiting
                assert not wait_gone(workers)
            process.wait()
            now = archived(db) if db.exists() else {}
            assert set(seen) <= set(now), "articles committed before a kill were lost"
            seen = now
        assert kills >= 5, "the crawl finished too fast to be killed: the test proves little"
        # the next run resumes and finishes
        subprocess.run(crawl_command(db, sites), cwd=ROOT, check=True, capture_output=True, timeout=300)
        assert archived(db) == reference
        statuses = [s for (s,) in query(db, "select status from crawls order by id")]
        assert statuses[-1] == "finished" and "running" not in statuses
        # a kill during start-up, before the run's row was written, leaves no row to mark
        assert 0 < statuses.count("killed") <= kills
        assert not (tmp_path / "killed.db.jobs" / "bulk").exists()  # finished: state removed
