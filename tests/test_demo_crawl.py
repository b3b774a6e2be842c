"""The whole job, end to end, on the bundled demo sites."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys

import pytest
from datasette.app import Datasette

from crawler.archive.search import fold
from crawler.demo.render import SPAM_WORDS, demo_articles, fits
from crawler.demo.server import DemoServer
from tests.conftest import ROOT, newsarchive, rows, scrapy_crawl

ARTICLES = demo_articles()
EXPECTED_CODEC = {"gbk": "gb18030", "gb18030": "gb18030", "big5": "big5hkscs", "utf-8": "utf-8"}
# A pinyin annotation: a Han character followed by (letters), tone marks or not.
ANNOTATION = re.compile(r"[\u4e00-\u9fff][(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,6}[)）]")


def test_demo_prints_summary_and_datasette_command(demo_run):
    db, result = demo_run
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    for site in ("demo-rsj", "demo-portal", "demo-news"):
        assert re.search(rf"^{site}\s+finished\s+\d+\s+12\s", out, re.M), out
    assert f"articles archived this run: {len(ARTICLES)}" in out
    assert "pinyin_annotations" in out and "place_spam_items" in out
    assert "failures: none" in out
    assert f"datasette {db}" in out


def test_demo_covers_every_kind_of_damage():
    """The demo pages must carry what the seeds show, or the test below proves little."""
    damages = [a.damage for a in ARTICLES]
    assert {d.codec for d in damages} >= {"gbk", "big5", "utf-8"}
    assert any(d.codec == "gbk" and d.meta_charset == "gb2312" for d in damages)
    assert any(not d.header_charset and not d.meta_charset for d in damages)
    assert any(d.meta_charset and EXPECTED_CODEC.get(d.meta_charset, d.meta_charset)
               != EXPECTED_CODEC[d.codec] for d in damages)  # a lying meta tag
    assert any(d.header_charset and EXPECTED_CODEC.get(d.header_charset, d.header_charset)
               != EXPECTED_CODEC[d.codec] for d in damages)  # a lying header
    assert {d.mojibake for d in damages} >= {"gb18030", "latin-1"}
    assert {d.pinyin for d in damages} >= {"tone", "toneless", "stacked"}
    assert {s for d in damages for s in d.spam} >= {"after", "inside", "glued"}
    assert any(d.lost_char_line for d in damages)
    assert any(d.mojibake and d.lossy for d in damages)
    gbk_only = [a for a in ARTICLES if a.damage.codec == "gbk" and not fits(a.text, "gb2312")]
    assert gbk_only, "some GBK article must use characters outside GB2312"


def lost_at(archived: str, clean: str) -> int:
    """How many characters of the clean text are marked lost (U+FFFD) in the archived one,
    which must equal it everywhere else, character for character."""
    assert len(archived) == len(clean), (archived, clean)
    differ = [(a, c) for a, c in zip(archived, clean, strict=True) if a != c]
    assert all(a == "\ufffd" for a, _ in differ), differ[:5]
    return len(differ)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_every_demo_article_archived_clean(demo_run, article):
    db, _ = demo_run
    found = rows(db, "select * from articles where url = ?", [article.url])
    assert len(found) == 1, f"{article.url} archived {len(found)} times"
    row = found[0]
    repairs = json.loads(row["repairs"])
    if article.damage.lossy:
        # misread with replacement upstream: every character whose bytes survive comes back,
        # the rest are marked and counted
        lost = lost_at(row["title"], article.title) + lost_at(row["text"], article.text)
        assert 0 < lost <= repairs["mojibake_lost_characters"] and lost < len(article.text) / 5
    else:
        assert row["title"] == article.title
        assert row["text"] == article.text
    assert row["published"] == article.published
    assert row["site"] == f"demo-{article.site}"
    assert row["encoding"] == EXPECTED_CODEC[article.damage.codec]
    assert not ANNOTATION.search(row["text"].replace("扶贫(fúpín)", ""))
    assert "|" not in row["text"]
    spam_left = [w for w in SPAM_WORDS if w in row["text"] and w not in article.text]
    assert not spam_left
    if article.damage.pinyin:
        assert repairs.get("pinyin_annotations", 0) > 0
    if article.damage.mojibake:
        assert any(k.startswith("mojibake_") for k in repairs)
    raw = rows(db, "select size, content_type from raw_responses where url = ?", [article.url])
    assert raw and raw[0]["size"] > 1000


def test_crawls_table_records_each_site_run(demo_run):
    db, _ = demo_run
    crawls = rows(db, "select * from crawls order by id")
    assert sorted(c["site"] for c in crawls) == ["demo-news", "demo-portal", "demo-rsj"]
    for crawl in crawls:
        assert crawl["status"] == "finished"
        assert crawl["started_at"] <= crawl["ended_at"]
        assert crawl["articles_new"] == 12
        assert crawl["pages_fetched"] > 12  # list pages and robots.txt too
        assert json.loads(crawl["failures"]) == {}


def test_datasette_detects_full_text_index(demo_run):
    db, _ = demo_run

    async def query():
        ds = Datasette([str(db)])
        await ds.invoke_startup()
        table = await ds.client.get("/archive/articles.json?_search=就业扶贫&_shape=objects&_size=100")
        return table.status_code, table.json()

    status, data = asyncio.run(query())
    assert status == 200
    urls = {r["url"] for r in data["rows"]}
    expected = {a.url for a in ARTICLES if "就业扶贫" in fold(a.title + a.text)}  # 就業扶貧 too
    assert expected and urls == expected


def test_second_run_updates_instead_of_duplicating(tmp_path):
    db = tmp_path / "again.db"
    newsarchive("demo", "--db", str(db))
    second = newsarchive("demo", "--db", str(db))
    assert f"(archive holds {len(ARTICLES)})" in second.stdout
    assert rows(db, "select count(*) n from articles")[0]["n"] == len(ARTICLES)
    last = rows(db, "select sum(articles_unchanged) n, sum(articles_new) m from crawls where id > 3")[0]
    assert (last["n"], last["m"]) == (len(ARTICLES), 0)


def test_scrapy_list_and_crawl_from_project_root(tmp_path):
    listed = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    assert {"hxnews-fuzhou", "hnr-ruzhou", "chinajob-local"} <= set(listed.stdout.split())
    db = tmp_path / "scrapy.db"
    with DemoServer() as server:
        scrapy_crawl(server.proxy_url, db)
        fetched = dict(server.requests)
    news = {a.url: a for a in ARTICLES if a.site == "news"}
    archived = rows(db, "select url, text from articles")
    assert {r["url"] for r in archived} == set(news)
    assert all(r["text"] == news[r["url"]].text for r in archived)
    # robots.txt is asked first and no page twice
    assert fetched[("news.demo.test", "/robots.txt")] == 1
    assert max(fetched.values()) == 1
