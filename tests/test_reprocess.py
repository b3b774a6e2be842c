"""`newsarchive reprocess`: new cleaners over the stored raw responses, on all cores,
interruptible. Real archives from a real demo crawl, real pool processes."""

from __future__ import annotations

import re
import shutil
import signal
import sqlite3
import subprocess
import time
import zlib
from importlib import resources
from pathlib import Path

import pytest

from crawler.archive.search import search
from crawler.archive.store import archive_page, open_archive
from crawler.page import Page
from tests.conftest import ROOT, child_processes, newsarchive, newsarchive_command, query, wait_gone


def _rules_dropping(tmp_path: Path, pattern: str) -> Path:
    """The packaged rules with one more boilerplate pattern: what a user's improved rules are."""
    packaged = (resources.files("crawler") / "rules" / "clean.toml").read_text("utf-8")
    extended = packaged.replace("lines = [\n", f"lines = [\n  '{pattern}',\n", 1)
    assert extended != packaged
    rules = tmp_path / "rules.toml"
    rules.write_text(extended, encoding="utf-8")
    return rules


@pytest.fixture
def archive(demo_run, tmp_path) -> Path:
    db = tmp_path / "archive.db"
    shutil.copy(demo_run[0], db)
    return db


def _summary(stdout: str) -> dict[str, int]:
    match = re.search(r"pages (\d+): changed (\d+), unchanged (\d+), failed (\d+)", stdout)
    assert match, stdout
    return dict(zip(("pages", "changed", "unchanged", "failed"), map(int, match.groups()), strict=True))


def test_new_rules_update_exactly_the_articles_they_touch(archive, tmp_path):
    lines = {url: text.split("\n") for url, text in query(archive, "select url, text from articles")}
    # every article's last paragraph that starts with a Han character: a rule dropping lines
    # that start with the first four characters of three of them
    last = [ls[-1] for ls in lines.values() if len(ls) > 2]
    targets = sorted({line[:4] for line in last if re.match(r"[\u4e00-\u9fff]{4}", line)})[:3]
    assert targets
    pattern = "^(" + "|".join(map(re.escape, targets)) + ")"
    touched = {url for url, ls in lines.items() if any(re.match(pattern, line) for line in ls)}
    before = query(archive, "select url, text from articles")

    out = newsarchive("reprocess", "--db", str(archive), "--rules",
                      str(_rules_dropping(tmp_path, pattern)), "--processes", "2").stdout
    assert _summary(out) == {"pages": len(lines), "changed": len(touched),
                             "unchanged": len(lines) - len(touched), "failed": 0}

    conn = sqlite3.connect(archive)
    after = dict(conn.execute("select url, text from articles"))
    for url, old_text in before:
        if url in touched:
            assert not any(re.match(pattern, line) for line in after[url].split("\n"))
            kept = [line for line in old_text.split("\n") if not re.match(pattern, line)]
            assert after[url].split("\n") == kept  # nothing else of the article changed
            versions = conn.execute("select text from article_versions where url = ?", [url]).fetchall()
            assert versions == [(old_text,)]  # the earlier text is kept, once
        else:
            assert after[url] == old_text
    # the search index follows the text: a dropped line's words are no longer found there
    dropped = next(line for ls in lines.values() for line in ls if re.match(pattern, line))
    phrase = re.sub(r"[^\u4e00-\u9fff]", "", dropped)[:6]
    total, hits = search(conn, phrase)
    assert all(phrase not in re.sub(r"\s", "", after[h.url]) for h in hits)

    # a second run with the same rules finds nothing more to do
    again = newsarchive("reprocess", "--db", str(archive), "--rules",
                        str(_rules_dropping(tmp_path, pattern))).stdout
    assert _summary(again)["changed"] == 0


def test_a_page_that_no_longer_processes_keeps_its_article(archive):
    conn = sqlite3.connect(archive)
    url, text = conn.execute("select url, text from articles order by url limit 1").fetchone()
    with conn:
        conn.execute("update raw_responses set body_zlib = ? where url = ?",
                     [zlib.compress(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40), url])
    result = newsarchive("reprocess", "--db", str(archive), "--processes", "1")
    assert _summary(result.stdout)["failed"] == 1
    assert "undecodable 1" in result.stdout
    assert conn.execute("select text from articles where url = ?", [url]).fetchone()[0] == text


def _bulk_archive(source: Path, db_path: Path, copies: int) -> int:
    """The demo archive's articles stored ``copies`` times under other URLs, through the
    archive's own writer (so the search index is whole): a larger archive in seconds."""
    rows = query(source, "select a.url, a.site, a.title, a.published, a.author, a.source, a.text, "
                         "a.encoding, a.extractor, r.body_zlib, r.content_type "
                         "from articles a join raw_responses r using (url)")
    db = open_archive(db_path)
    for k in range(copies):
        for url, site, title, published, author, source_, text, encoding, extractor, body, ctype in rows:
            archive_page(db, Page(url=f"{url}?copy={k}", body=zlib.decompress(body), site=site, title=title,
                                  published=published, author=author, source=source_, text=text,
                                  encoding=encoding, extractor=extractor, content_type=ctype))
    db.close()
    return len(rows) * copies


def test_killed_reprocess_continues_where_it_stopped(demo_run, tmp_path):
    db = tmp_path / "bulk.db"
    total = _bulk_archive(demo_run[0], db, copies=30)
    rules = _rules_dropping(tmp_path, "^.{1,40}。$")  # short one-sentence paragraphs
    process = subprocess.Popen(newsarchive_command("reprocess", "--db", str(db), "--rules", str(rules),
                                                   "--processes", "2"), cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    conn = sqlite3.connect(db)
    deadline = time.monotonic() + 120
    done = 0
    while time.monotonic() < deadline and process.poll() is None:
        row = conn.execute("select pages from reprocess_runs").fetchone() if "reprocess_runs" in {
            t for (t,) in conn.execute("select name from sqlite_master")} else None
        done = row[0] if row else 0
        if done >= 200:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be killed"
    workers = child_processes(process.pid)
    assert len(workers) >= 2
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    # its workers do not linger, waiting forever for work from a parent that is gone
    assert not wait_gone(workers)
    killed_at = conn.execute("select pages, status from reprocess_runs").fetchone()
    assert killed_at[1] == "running" and 0 < killed_at[0] < total
    changed_before_kill = conn.execute("select count(*) from article_versions").fetchone()[0]

    # continuing with other rules would mix two cleaners in one run: refused, with the way out
    refused = newsarchive("reprocess", "--db", str(db), check=False)
    assert refused.returncode == 1 and "--restart" in refused.stderr and str(rules) in refused.stderr

    result = newsarchive("reprocess", "--db", str(db), "--rules", str(rules), "--processes", "2")
    assert "continuing run 1" in result.stderr
    assert f"reprocessing {total - killed_at[0]} pages" in result.stderr  # only what was left
    summary = _summary(result.stdout)
    assert summary["pages"] == total and summary["failed"] == 0
    runs = conn.execute("select status, pages from reprocess_runs").fetchall()
    assert runs == [("finished", total)]
    # every changed article was changed once: one version each, none lost, none twice
    versions = conn.execute("select count(*), count(distinct url) from article_versions").fetchone()
    assert versions[0] == versions[1] == summary["changed"] > changed_before_kill
    assert conn.execute("pragma integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_or_sigterm_stops_cleanly_and_the_next_run_continues(demo_run, tmp_path, stop):
    db = tmp_path / "bulk.db"
    total = _bulk_archive(demo_run[0], db, copies=12)
    command = newsarchive_command("reprocess", "--db", str(db), "--processes", "2")
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    conn = sqlite3.connect(db)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        tables = {t for (t,) in conn.execute("select name from sqlite_master")}
        # the table may exist a moment before the run's row is committed
        row = None
        if "reprocess_runs" in tables:
            row = conn.execute("select pages from reprocess_runs").fetchone()
        if row and row[0] > 0:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be interrupted"
    process.send_signal(stop)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + stop and "run again to continue" in err
    assert "Traceback" not in err  # neither the command nor its pool processes print one
    assert "leaked semaphore" not in err
    # a fresh connection: the loop's may still hold the snapshot of its last read
    pages, status = query(db, "select pages, status from reprocess_runs")[0]
    assert status == "interrupted" and 0 < pages < total
    result = newsarchive("reprocess", "--db", str(db), "--processes", "2")
    assert "continuing run 1" in result.stderr and _summary(result.stdout)["pages"] == total
