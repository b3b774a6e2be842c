"""Chinese full-text search through the real datasette: exact, folded, fast, never a 500."""

from __future__ import annotations

import asyncio
import json
import random
import re
import sqlite3
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import opencc
import pytest
from datasette import hookimpl
from datasette.app import Datasette
from datasette.plugins import pm

from crawler.archive import datasette_plugin
from crawler.archive.search import MARK_END, MARK_START, fold, fts_query, highlights, search, snippet
from crawler.archive.store import archive_page, open_archive
from crawler.page import Page
from tests.conftest import newsarchive, stop, wait_until_serving
from tests.conftest import query as read_sql  # `query` here is a search query
from tests.redis_server import free_port


def datasette_get(db_path, *paths, metadata=None, settings=None):
    async def run():
        ds = Datasette([str(db_path)], metadata=metadata, settings=settings)
        await ds.invoke_startup()
        return ds, [await ds.client.get(path) for path in paths]

    return asyncio.run(run())


def search_urls(db_path, query: str) -> tuple[int, set[str]]:
    from urllib.parse import quote

    name = db_path.stem
    _, (response,) = datasette_get(db_path, f"/{name}/articles.json?_search={quote(query)}"
                                            "&_shape=objects&_size=max&_col=url")
    if response.status_code != 200:
        return response.status_code, set()
    data = response.json()
    assert data["filtered_table_rows_count"] == len(data["rows"])
    return 200, {row["url"] for row in data["rows"]}


def instr_truth(db_path, query: str) -> set[str]:
    """A substring scan of the folded text, in SQL, as the issue defines the truth."""
    from crawler.archive.search import query_terms

    terms = query_terms(query)
    conn = sqlite3.connect(db_path)
    conn.create_function("fold", 1, fold)
    where = " and ".join("instr(fold(coalesce(title, '') || char(10) || text), ?) > 0" for _ in terms)
    urls = {r[0] for r in conn.execute(f"select url from articles where {where}", terms)}
    conn.close()
    return urls


def drawn_queries(db_path, seed: int = 5) -> list[str]:
    """Substrings of 1, 2, 3, 4 and 6 Han characters drawn from the archived texts."""
    rng = random.Random(seed)
    texts = [r[0] for r in read_sql(db_path, "select text from articles order by url")]
    queries = []
    for length in (1, 2, 3, 4, 6):
        while sum(1 for q in queries if len(q) == length) < 8:
            text = rng.choice(texts)
            start = rng.randrange(0, len(text) - length)
            candidate = text[start:start + length]
            if all("\u4e00" <= ch <= "\u9fff" for ch in candidate):
                queries.append(candidate)
    return queries


@pytest.fixture(scope="module")
def archive(demo_run):
    return demo_run[0]


def test_drawn_queries_equal_substring_scan(archive):
    queries = drawn_queries(archive)
    s2t, t2s = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    # Traditional forms of the queries, and Simplified forms: the same results.
    queries += [s2t.convert(q) for q in queries[8:24]] + [t2s.convert(q) for q in queries[8:24]]
    assert len({len(q) for q in queries}) == 5
    for query in queries:
        status, found = search_urls(archive, query)
        assert status == 200
        assert found == instr_truth(archive, query), query


@pytest.mark.parametrize("query", ["扶贫", "扶貧", "就業扶貧", "劳务协作", "勞務協作"])
def test_traditional_and_simplified_find_each_other(archive, query):
    status, found = search_urls(archive, query)
    truth = instr_truth(archive, query)
    assert found == truth
    sites = {url.split("/")[2] for url in found}
    if query in ("扶贫", "扶貧"):  # Simplified and Traditional sites both hold the word
        assert {"portal.demo.test", "news.demo.test"} <= sites


@pytest.mark.parametrize("query", ["5G", "G", "APP", "app", "GDP", "2019年", "3.5", "2019", "Ｇ"])
def test_latin_and_number_queries_equal_substring_scan(archive, query):
    status, found = search_urls(archive, query)
    assert status == 200
    assert found == instr_truth(archive, query)


def test_phrase_does_not_match_across_punctuation(archive):
    text = read_sql(archive, "select text from articles where text like '%，%' limit 1")[0][0]
    left, right = text.split("，", 1)
    query = left[-2:] + right[:2]  # the four characters around a comma, without it
    status, found = search_urls(archive, query)
    assert found == instr_truth(archive, query)


@pytest.mark.parametrize("query", ['"', '"扶贫', "*", "扶贫*", "-", "-扶贫", "(", "扶贫)", "NEAR",
                                   "NEAR(扶贫 就业)", "扶贫 AND", "OR", "^扶贫", ":", "{}", "  "])
def test_fts_syntax_characters_never_give_a_500(archive, query):
    status, found = search_urls(archive, query)
    assert status == 200


def test_two_terms_are_and(archive):
    status, found = search_urls(archive, "扶贫 5G")
    assert found == instr_truth(archive, "扶贫 5G")
    assert found <= search_urls(archive, "5G")[1]


# -- datasette facts this design depends on ------------------------------------------------

class PlainOverride:
    @staticmethod
    @hookimpl
    def prepare_connection(conn):
        conn.create_function("escape_fts", 1, lambda q: "plain-override")


def test_escape_fts_override_wins_only_with_trylast(archive, tmp_path):
    """datasette registers escape_fts in a plain hook; pluggy calls later plugins first, so a
    plain override is overwritten by datasette's own and only a trylast one wins."""
    plain_db = tmp_path / "plain.db"
    sqlite3.connect(plain_db).execute("create table t (x)").connection.close()
    pm.register(PlainOverride, name="plain-override")
    try:
        async def escape(ds, name):
            return (await ds.get_database(name).execute("select escape_fts('扶贫')")).first()[0]

        ds, _ = datasette_get(archive)
        ours = asyncio.run(escape(ds, archive.stem))
        ds, _ = datasette_get(plain_db)
        plain = asyncio.run(escape(ds, "plain"))
    finally:
        pm.unregister(name="plain-override")
    assert ours == fts_query("扶贫")  # trylast: ours ran last and won
    assert plain == '"扶贫"'  # plain hookimpl: datasette's own escape_fts ran after it and won


def test_datasette_detects_fts_only_with_double_quoted_content(tmp_path):
    db_path = tmp_path / "detect.db"
    conn = sqlite3.connect(db_path)
    conn.executescript("""
        create table docs (id integer primary key, body text);
        create table notes (id integer primary key, body text);
        create virtual table docs_fts using fts5(body, content="docs");
        create virtual table notes_fts using fts5(body, content='notes');
    """)
    conn.close()

    async def detect():
        ds = Datasette([str(db_path)])
        db = ds.get_database("detect")
        return await db.fts_table("docs"), await db.fts_table("notes")

    assert asyncio.run(detect()) == ("docs_fts", None)


def test_contentless_index_is_found_through_plugin_metadata(archive):
    ds, (page,) = datasette_get(archive, f"/{archive.stem}/articles.json?_search=扶贫&_size=1")
    assert page.json()["filtered_table_rows_count"] > 0
    assert ds.table_metadata(archive.stem, "articles")["fts_table"] == "articles_fts"
    assert ds.setting("suggest_facets") is False
    assert ds.setting("facet_time_limit_ms") == datasette_plugin.FACET_TIME_LIMIT_MS < 200


def test_a_facet_time_limit_the_user_set_is_kept(archive):
    ds, (page,) = datasette_get(archive, f"/{archive.stem}/articles.json?_search=扶贫",
                                settings={"facet_time_limit_ms": 500})
    assert ds.setting("facet_time_limit_ms") == 500
    assert {"site", "month"} <= set(page.json()["facet_results"])


def test_other_databases_are_left_alone(tmp_path, archive):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.executescript("""
        create table docs (id integer primary key, body text);
        create virtual table docs_fts using fts5(body, content="docs");
        insert into docs(body) values ('hello world');
        insert into docs_fts(rowid, body) values (1, 'hello world');
    """)
    conn.close()
    ds, (page,) = datasette_get(other, "/other/docs.json?_search=hello")
    assert page.json()["filtered_table_rows_count"] == 1  # datasette's own escape_fts
    assert ds.setting("suggest_facets") is True
    assert ds.setting("facet_time_limit_ms") == 200


def test_archive_is_portable_without_the_plugin(archive):
    # read_sql(): plain sqlite3, no plugin functions
    tables = {r[0] for r in read_sql(archive, "select name from sqlite_master where type = 'table'")}
    assert {"articles", "raw_responses", "crawls", "articles_fts"} <= tables
    assert read_sql(archive, "select count(*) from articles")[0][0] == 36
    match = "select count(*) from articles_fts where articles_fts match '\"扶贫\"'"
    assert read_sql(archive, match)[0][0] > 0  # the bigram, typed by hand
    plugin = pm.unregister(datasette_plugin)
    try:
        _, pages = datasette_get(archive, f"/{archive.stem}/articles.json", f"/{archive.stem}/crawls.json")
    finally:
        pm.register(plugin, name="newsarchive")
    assert [p.status_code for p in pages] == [200, 200]
    assert len(pages[0].json()["rows"]) == 36


def test_search_page_shows_highlighted_unspaced_snippets(archive):
    _, (page,) = datasette_get(archive, f"/{archive.stem}/search?q=扶貧")
    assert page.status_code == 200
    html = page.text
    assert "<mark>扶贫</mark>" in html or "<mark>扶貧</mark>" in html
    assert "扶 贫" not in html and "扶贫 贫" not in html


def test_search_page_lists_every_match_newest_first_with_a_snippet_each(archive):
    _, (page,) = datasette_get(archive, f"/{archive.stem}/search.json?q=扶貧&_shape=objects")
    rows = page.json()["rows"]
    assert {row["url"] for row in rows} == instr_truth(archive, "扶贫")  # under its limit of 100
    assert [row["published"] for row in rows] == sorted((row["published"] for row in rows), reverse=True)
    # the snippet is of the text: it is marked unless only the title matched
    assert all(MARK_START in row["snippet"] or "扶贫" in fold(row["title"]) for row in rows)
    assert any(MARK_START in row["snippet"] for row in rows)
    assert list(rows[0]) == ["title", "site", "published", "snippet", "url", "matches"]
    assert {row["matches"] for row in rows} == {len(rows)}


def test_search_page_shows_the_newest_100_of_a_broad_search(tmp_path):
    """More matches than the page shows: the 100 it shows are the newest, as in the CLI."""
    path = tmp_path / "broad.db"
    db = open_archive(path)
    rng = random.Random(3)
    for n in range(200):
        day = f"20{rng.randrange(10, 25)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        archive_page(db, Page(url=f"http://broad.test/{n}.html", body=b"", site="broad",
                              title=f"第{n}篇", published=day, extractor="test",
                              text=f"各地开展就业扶贫工作，第{n}次报道。" if n % 3 else "与此无关的报道。"))
    conn = db.conn
    total, newest = search(conn, "扶贫", limit=100)
    db.close()
    assert total == 133 and len(newest) == 100  # 200 articles, two in three match
    _, (page, second, narrowed) = datasette_get(
        path, "/broad/search.json?q=扶貧&_shape=objects", "/broad/search.json?q=扶貧&page=2&_shape=objects",
        "/broad/search.json?q=扶貧&since=2015-01-01&until=2019-12-31&site=broad&_shape=objects")
    rows = page.json()["rows"]
    assert [row["url"] for row in rows] == [hit.url for hit in newest]
    assert all(f"{MARK_START}扶贫{MARK_END}" in row["snippet"] for row in rows)
    # page 2 holds the rest, and every row says how many match in all
    _, every = search(open_archive(path).conn, "扶贫", limit=None)
    assert [row["url"] for row in rows + second.json()["rows"]] == [hit.url for hit in every]
    assert {row["matches"] for row in rows + second.json()["rows"]} == {133}
    _, between = search(open_archive(path).conn, "扶贫", since="2015-01-01", until="2019-12-31", limit=None)
    assert [row["url"] for row in narrowed.json()["rows"]] == [hit.url for hit in between][:100]


def test_table_page_facets_by_site_and_month(archive):
    _, (page,) = datasette_get(archive, f"/{archive.stem}/articles.json?_search=就业")
    facets = page.json()["facet_results"]
    assert {"site", "month"} <= set(facets)


def test_cli_search(archive):
    out = newsarchive("search", "扶貧", "--db", str(archive), "--json", "--limit", "100").stdout
    result = json.loads(out)
    assert result["total"] == len(instr_truth(archive, "扶貧")) == len(result["hits"])
    dates = [h["published"] for h in result["hits"]]
    assert dates == sorted(dates, reverse=True)
    assert all(h["highlights"] for h in result["hits"])
    assert all(fold(h["snippet"][s:e]) == "扶贫" for h in result["hits"] for s, e in h["highlights"])
    since = json.loads(newsarchive("search", "扶贫", "--db", str(archive), "--json",
                                   "--since", "2020-01-01", "--site", "demo-news").stdout)
    assert since["hits"] and all(h["published"] >= "2020-01-01" and h["site"] == "demo-news"
                                 for h in since["hits"])
    text = newsarchive("search", "扶贫", "--db", str(archive), "--limit", "1").stdout
    assert "【扶贫】" in text and "newest first" in text


def test_stock_datasette_cli_on_the_demo_archive(archive):
    """What a new user does: `datasette archive.db`, then type 扶贫 or 扶貧 in the search box."""
    port = free_port()
    server = subprocess.Popen([str(Path(sys.executable).with_name("datasette")), str(archive),
                               "-h", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def get(path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.read().decode("utf-8")

    try:
        wait_until_serving(f"http://127.0.0.1:{port}/-/plugins.json", server)
        plugins = json.loads(get("/-/plugins.json"))
        assert "newsarchive" in {p["name"] for p in plugins}  # loaded through the entry point
        name, truth = archive.stem, instr_truth(archive, "扶贫")
        assert truth
        table = get(f"/{name}/articles")
        assert 'name="_search"' in table  # the search box is there
        for query in ("扶贫", "扶貧"):
            q = urllib.parse.quote(query)
            page = get(f"/{name}/articles?_search={q}")
            assert re.search(rf"(?<![\d,]){len(truth):,} rows? where search matches", page)
            data = json.loads(get(f"/{name}/articles.json?_search={q}&_shape=objects&_size=max&_col=url"))
            assert {row["url"] for row in data["rows"]} == truth
            search = get(f"/{name}/search?q={q}")
            assert "<mark>扶贫</mark>" in search or "<mark>扶貧</mark>" in search
            assert "扶 贫" not in search
    finally:
        stop(server)


def test_brackets_in_the_text_are_not_taken_for_highlights(tmp_path):
    """【新华社北京电】: the text's own brackets stay text, on the search page and in the CLI."""
    path = tmp_path / "brackets.db"
    db = open_archive(path)
    archive_page(db, Page(url="http://b.test/1.html", body=b"", site="b", title="稿件",
                          published="2024-01-02",
                          extractor="test", text="【新华社北京电】各地开展就业扶贫工作，【扶贫】车间开工。"))
    db.close()
    _, (page,) = datasette_get(path, "/brackets/search?q=新华社")
    assert "【<mark>新华社</mark>北京电】" in page.text
    _, (page,) = datasette_get(path, "/brackets/search?q=扶贫")
    assert "【<mark>扶贫</mark>】车间" in page.text and "<mark>扶贫</mark>工作" in page.text
    text = newsarchive("search", "新华社", "--db", str(path)).stdout
    assert "【⟦新华社⟧北京电】" in text  # 【】 are the text's: other brackets mark the match
    hit = json.loads(newsarchive("search", "新华社", "--db", str(path), "--json").stdout)["hits"][0]
    assert hit["snippet"].startswith("【新华社北京电】")
    assert [hit["snippet"][s:e] for s, e in hit["highlights"]] == ["新华社"]


def test_a_snippet_never_cuts_a_match():
    text = "扶贫" + "甲" * 57 + "扶贫" + "乙" * 40  # the second match straddles the window's end
    plain, spans = highlights(snippet(text, "扶贫", width=60))
    assert [plain[s:e] for s, e in spans] == ["扶贫", "扶贫"]
