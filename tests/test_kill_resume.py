"""A crawl killed with SIGKILL again and again still finishes, and each kill costs at most the
pages that were in flight: counted in the site's own request log."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import time

from tests.bulk_site import BulkSite
from tests.conftest import ROOT, newsarchive_command, query

ARTICLES = 300
KILLS = 5


def in_flight(frontier) -> int:
    """Requests the frontier held leased (popped, not done) when the crawl was killed."""
    if not frontier.exists():
        return 0
    conn = sqlite3.connect(frontier)
    try:
        return conn.execute("select count(*) from requests where state = 1").fetchone()[0]
    finally:
        conn.close()


def _count(db) -> int:
    try:
        return query(db, "select count(*) from articles")[0][0] if db.exists() else 0
    except sqlite3.OperationalError:  # not created yet by the first run
        return 0


def test_sigkill_five_times_refetches_only_what_was_in_flight(tmp_path):
    rng = random.Random(20261203)
    db = tmp_path / "killed.db"
    frontier = tmp_path / "killed.db.jobs" / "bulk" / "frontier.sqlite"
    with BulkSite(ARTICLES) as site:
        sites = tmp_path / "sites.toml"
        sites.write_text(site.sites_toml(), encoding="utf-8")
        command = newsarchive_command("crawl", "bulk", "--db", str(db), "--sites-file", str(sites),
                                      "--log-level", "WARNING", "-s", "AUTOTHROTTLE_ENABLED=False",
                                      "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4", "-s", "DOWNLOAD_DELAY=0.05")
        kills, allowed, archived = 0, 0, []
        for _ in range(20):
            process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            # kill at a random moment once this run has archived something: a fixed delay
            # killed slow starts (a loaded machine) before they did anything
            before = archived[-1] if archived else 0
            deadline = time.monotonic() + 120
            while process.poll() is None and time.monotonic() < deadline and _count(db) <= before:
                time.sleep(0.1)
            time.sleep(rng.uniform(0.3, 1.5))
            if process.poll() is not None:
                break  # it finished before this kill
            process.kill()
            process.wait()
            kills += 1
            allowed += in_flight(frontier)
            archived.append(_count(db))
            if kills == KILLS:
                break
        assert kills == KILLS, "the crawl finished too fast to be killed: the test proves little"
        assert all(a < b for a, b in zip([0, *archived], archived, strict=False)), \
            f"each run must make progress: {archived}"
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=300)
        hits = dict(site.httpd.hits)
    assert query(db, "select count(*) from articles")[0][0] == ARTICLES
    assert query(db, "pragma integrity_check")[0][0] == "ok"
    hits.pop("/robots.txt", None)  # read once per run, as robots.txt must be
    refetched = sum(count - 1 for count in hits.values())
    print(f"{kills} kills: {refetched} pages fetched again, {allowed} in flight at the kills")
    assert refetched <= allowed
    assert not frontier.exists()  # finished: the state is removed
