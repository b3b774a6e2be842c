"""Commands tell the truth to a script that reads only the exit code: one line and a non-zero
exit when something could not be done (1: could not run, 2: usage, 3: every request failed)."""

from __future__ import annotations

import pytest

from tests.bulk_site import BulkSite
from tests.conftest import newsarchive


def _one_line_error(result, code: int) -> str:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


@pytest.mark.parametrize("setting,words", [
    ("CONCURRENT_REQUESTS=lots", "must be a number"),
    ("INCREMENTAL=sometimes", "must be one of conditional, skip, always"),
    ("ROBOTSTXT_OBEY=maybe", "must be True or False"),
])
def test_a_bad_setting_is_refused_before_anything_starts(tmp_path, setting, words):
    with BulkSite(3) as site:
        sites = tmp_path / "sites.toml"
        sites.write_text(site.sites_toml(), encoding="utf-8")
        result = newsarchive("crawl", "--sites-file", str(sites), "--db", str(tmp_path / "a.db"),
                             "-s", setting, check=False)
        assert not site.httpd.hits  # nothing was fetched
    line = _one_line_error(result, 1)
    assert setting.split("=")[0] in line and words in line


def test_a_bad_setting_in_the_sites_file_names_its_site(tmp_path):
    with BulkSite(3) as site:
        sites = tmp_path / "sites.toml"
        sites.write_text(site.sites_toml() + 'settings = { CONCURRENT_REQUESTS_PER_DOMAIN = "four" }\n',
                         encoding="utf-8")
        result = newsarchive("crawl", "--sites-file", str(sites), "--db", str(tmp_path / "a.db"), check=False)
    assert "site 'bulk': CONCURRENT_REQUESTS_PER_DOMAIN='four'" in _one_line_error(result, 1)


def test_a_crawl_whose_every_request_failed_exits_3(tmp_path):
    sites = tmp_path / "sites.toml"
    sites.write_text('[[site]]\nname = "gone"\nstart_urls = ["http://127.0.0.1:9/"]\n'
                     'allowed_domains = ["127.0.0.1"]\narticle_patterns = ["/a/"]\n', encoding="utf-8")
    result = newsarchive("crawl", "--sites-file", str(sites), "--db", str(tmp_path / "a.db"),
                         "--log-level", "ERROR", "-s", "RETRY_TIMES=0", check=False)
    assert result.returncode == 3
    assert "every request failed: gone" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [
    ["search", "扶贫"], ["crawls"], ["reprocess"], ["import", "{page}"], ["crawl", "nosuch-site-x"],
])
def test_a_file_that_is_no_archive_is_one_line(tmp_path, command):
    db = tmp_path / "notes.db"
    db.write_text("these are my notes, not a database\n" * 100)
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>" + "就业扶贫车间。" * 30 + "</p></body></html>", encoding="utf-8")
    args = [part.format(page=page) for part in command]
    result = newsarchive(*args, "--db", str(db), check=False)
    line = _one_line_error(result, 1)
    assert "cannot be opened as an archive" in line or "unknown site" in line


@pytest.mark.parametrize("option,value", [
    ("--since", "2020-13-45"), ("--since", "yesterday"), ("--since", "2020-1-5"), ("--until", "2020/01/05"),
])
def test_dates_are_checked(demo_run, option, value):
    result = newsarchive("search", "扶贫", "--db", str(demo_run[0]), option, value, check=False)
    assert result.returncode == 2 and "is not a date written YYYY-MM-DD" in result.stderr


def test_since_and_until_bound_the_dates_and_an_unknown_site_is_named(demo_run):
    import json

    db = str(demo_run[0])
    hits = json.loads(newsarchive("search", "扶贫", "--db", db, "--json", "--limit", "100",
                                  "--since", "2018-01-01", "--until", "2019-12-31").stdout)["hits"]
    assert hits and all("2018-01-01" <= h["published"][:10] <= "2019-12-31" for h in hits)
    line = _one_line_error(newsarchive("search", "扶贫", "--db", db, "--site", "nosuch", check=False), 1)
    assert "nosuch" in line and "demo-news" in line


def test_scrapy_list_with_a_broken_sites_file_and_scrapy_crawl_of_an_unknown_site(tmp_path):
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    broken = tmp_path / "sites.toml"
    broken.write_text('[[site]]\nname = "x"\n', encoding="utf-8")
    listed = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=ROOT, capture_output=True,
                            text=True, env={**os.environ, "NEWSARCHIVE_SITES_FILE": str(broken)}, timeout=120)
    assert listed.returncode == 1 and "Traceback" not in listed.stderr
    assert "site 'x' lacks start_urls" in listed.stderr
    crawled = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "demo-news", "-s", "LOG_LEVEL=ERROR"],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert crawled.returncode == 1 and "Traceback" not in crawled.stderr
    assert "no site named 'demo-news'" in crawled.stderr and "crawler/demo/sites.toml" in crawled.stderr


def test_export_streams_every_selected_article_with_its_text(demo_run, tmp_path):
    import csv
    import json

    from tests.conftest import query

    db = str(demo_run[0])
    lines = newsarchive("export", "--db", db).stdout.splitlines()
    articles = [json.loads(line) for line in lines]
    assert len(articles) == query(db, "select count(*) from articles")[0][0]
    assert [a["published"] for a in articles] == sorted((a["published"] for a in articles), reverse=True)
    texts = dict(query(db, "select url, text from articles"))
    assert all(a["text"] == texts[a["url"]] for a in articles)
    # the filters are search's: words, site, dates (both included)
    chosen = [json.loads(line) for line in newsarchive(
        "export", "--db", db, "-q", "扶貧", "--site", "demo-news", "--since", "2019-01-01",
        "--until", "2020-12-31").stdout.splitlines()]
    expected = {url for (url,) in query(db, "select url from articles where site = 'demo-news' and "
                                            "published between '2019-01-01' and '2020-12-31' and "
                                            "(instr(text, '扶贫') or instr(title, '扶贫'))")}
    assert chosen and {a["url"] for a in chosen} == expected
    out = tmp_path / "a.csv"
    newsarchive("export", "--db", db, "--format", "csv", "-o", str(out))
    with out.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == len(articles) and rows[0]["text"] == articles[0]["text"]  # newlines survive
    assert "Error:" in newsarchive("export", "--db", db, "--site", "nosuch", check=False).stderr
