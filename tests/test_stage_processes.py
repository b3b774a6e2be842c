"""STAGE_PROCESSES: the stages in pool processes (the default) give the very archive the
in-process crawl gives. Real demo server, real `newsarchive crawl`, real pool processes."""

from __future__ import annotations

import sqlite3
from importlib import resources

from crawler.demo.server import DemoServer
from tests.conftest import newsarchive

DEMO_SITES = str(resources.files("crawler.demo") / "sites.toml")
COLUMNS = "url, site, title, published, author, source, encoding, repairs, extractor, text"


def test_stage_processes_archive_equals_in_process_archive(demo_run, tmp_path):
    db = tmp_path / "in-process.db"
    with DemoServer() as server:
        result = newsarchive("crawl", "--sites-file", DEMO_SITES, "--db", str(db), "--log-level", "INFO",
                             "-s", f"SITE_PROXY={server.proxy_url}", "-s", "AUTOTHROTTLE_START_DELAY=0.01",
                             "-s", "STAGE_PROCESSES=0")
    assert "stages run in" not in result.stderr
    query = f"select {COLUMNS} from articles order by url"
    pooled = sqlite3.connect(demo_run[0]).execute(query).fetchall()  # `newsarchive demo`: defaults
    in_process = sqlite3.connect(db).execute(query).fetchall()
    assert len(in_process) == 36
    assert pooled == in_process
