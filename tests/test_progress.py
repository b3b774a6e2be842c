"""Progress while crawling: a line that rewrites itself on a terminal, one line per interval
when asked for in a file, and nothing by default where no one watches (cron)."""

from __future__ import annotations

import os
import pty
import re
import subprocess

from tests.bulk_site import BulkSite
from tests.conftest import newsarchive, newsarchive_command, query

LINE = re.compile(r"(\d+):(\d\d)  pages (\d+) \(([\d.]+)/s\)  articles new (\d+), updated (\d+), "
                  r"unchanged (\d+)  failed (\d+)  sites running (\d+)")


def _crawl(site, tmp_path, *options):
    sites = tmp_path / "sites.toml"
    sites.write_text(site.sites_toml(), encoding="utf-8")
    return ["crawl", "--sites-file", str(sites), "--db", str(tmp_path / "a.db"), "--log-level", "ERROR",
            "-s", "PROGRESS_INTERVAL=0.2", *options]


def test_progress_asked_for_in_a_pipe_ends_with_the_runs_counts(tmp_path):
    with BulkSite(40) as site:
        result = newsarchive(*_crawl(site, tmp_path, "--progress"))
    lines = [LINE.fullmatch(line) for line in result.stderr.splitlines() if "pages" in line]
    assert lines and all(lines), result.stderr
    pages = [int(m.group(3)) for m in lines]
    assert pages == sorted(pages)  # counts only grow
    last = lines[-1]
    (fetched, new), = query(tmp_path / "a.db", "select pages_fetched, articles_new from crawls")
    assert (int(last.group(3)), int(last.group(5)), int(last.group(9))) == (fetched, new, 0)
    assert new == 40 and "\r" not in result.stderr  # a file gets whole lines


def test_no_progress_by_default_where_no_terminal_watches(tmp_path):
    with BulkSite(10) as site:
        result = newsarchive(*_crawl(site, tmp_path))
    assert "pages" not in result.stderr and not LINE.search(result.stdout)
    assert query(tmp_path / "a.db", "select articles_new from crawls") == [(10,)]


def test_on_a_terminal_the_line_rewrites_itself(tmp_path):
    with BulkSite(20) as site:
        controller, terminal = pty.openpty()
        process = subprocess.Popen(newsarchive_command(*_crawl(site, tmp_path)), stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=terminal)
        os.close(terminal)
        seen = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the other end closed: the process is done
                break
            if not chunk:
                break
            seen += chunk
        assert process.wait(timeout=120) == 0
        os.close(controller)
    text = seen.decode()
    updates = re.findall(r"\r([^\r\n]*)\x1b\[K", text)
    assert updates and all(LINE.fullmatch(update) for update in updates), text
    assert LINE.fullmatch(updates[-1]).group(5) == "20" and text.endswith("\n")
