"""datasette reads the archive while a crawl writes it: no 'database is locked', ever."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import time

from datasette.app import Datasette

from tests.bulk_site import BulkSite
from tests.conftest import ROOT, newsarchive_command, query


def _has_articles(db) -> bool:
    if not db.exists():
        return False
    try:
        return bool(query(db, "select 1 from sqlite_master where name = 'articles'"))
    except sqlite3.OperationalError:  # (being written: asked again)
        return False


def test_reader_loop_sees_no_lock_errors_while_a_crawl_writes(tmp_path):
    db = tmp_path / "live.db"
    with BulkSite(300) as site:
        sites = tmp_path / "sites.toml"
        sites.write_text(site.sites_toml(), encoding="utf-8")
        crawl = subprocess.Popen(
            newsarchive_command("crawl", "bulk", "--db", str(db), "--sites-file", str(sites),
                                "--log-level", "WARNING", "-s", "AUTOTHROTTLE_ENABLED=False"),
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        # (from the moment the crawl has made the archive's tables: the file appears an instant
        # before them, and a reader then, on a loaded machine, finds no table yet)
        while not _has_articles(db) and crawl.poll() is None:
            time.sleep(0.05)

        async def read_while_writing() -> tuple[int, list[str], list[int]]:
            ds = Datasette([str(db)])
            await ds.invoke_startup()
            reads, errors, counts = 0, [], []
            while crawl.poll() is None:
                for path in ("/live/articles.json?_shape=objects&_size=5",
                             "/live/articles.json?_search=就业&_size=5",
                             "/live/crawls.json"):
                    response = await ds.client.get(path)
                    reads += 1
                    if response.status_code != 200:
                        errors.append(f"{path}: {response.status_code} {response.text[:200]}")
                    elif "_search" not in path and "articles" in path:
                        counts.append(response.json().get("filtered_table_rows_count") or 0)
                try:
                    counts.append(query(db, "select count(*) from articles")[0][0])
                except sqlite3.OperationalError as exc:
                    errors.append(str(exc))
                await asyncio.sleep(0.02)
            return reads, errors, counts

        reads, errors, counts = asyncio.run(read_while_writing())
        assert crawl.wait() == 0, crawl.stderr.read()[-2000:]
    assert not errors
    assert reads > 50
    assert 0 < len(set(counts)) and max(counts) > min(counts)  # the reader saw the archive grow
