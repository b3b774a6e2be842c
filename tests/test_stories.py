"""One story, many sites: syndicated copies share articles.story, in the archive itself, and
look-alike stories do not (issue 17)."""

from __future__ import annotations

import json
import random
from urllib.parse import urlencode

import pytest

from crawler.archive.store import archive_page, open_archive
from crawler.demo.render import demo_articles
from crawler.page import Page
from crawler.text.fingerprint import _shingles, fingerprint, same_story
from tests.conftest import newsarchive, query
from tests.story_set import pairs, story_set
from tests.test_search import datasette_get

TEXT = demo_articles()[1].text


def _archive(path, items, seed: int = 1):
    """Archive (url, text, story) items in a shuffled order, as crawls meet them."""
    items = list(items)
    random.Random(seed).shuffle(items)
    db = open_archive(path)
    for day, (url, text, _) in enumerate(items):
        archive_page(db, Page(url=url, site=url.split("/")[2], title=f"标题{day}", text=text,
                              body=b"", published=f"2021-01-{day % 28 + 1:02d}"))
    return db


@pytest.mark.parametrize("seed", [1, 2])
def test_the_story_set_is_grouped_as_known(tmp_path, seed):
    items = story_set()
    db = _archive(tmp_path / "set.db", items, seed)
    predicted = dict(db.execute("select url, story from articles").fetchall())
    precision, recall, found, known = pairs(predicted, {url: story for url, _, story in items})
    assert precision >= 0.99 and recall >= 0.95, (precision, recall, found, known)


def test_fingerprints_fold_scripts_and_ignore_punctuation():
    import opencc

    traditional = opencc.OpenCC("s2tw").convert(TEXT)
    assert fingerprint(traditional) == fingerprint(TEXT)
    assert fingerprint(TEXT.replace("，", ", ").replace("。", "\n")) == fingerprint(TEXT)
    assert fingerprint("县人社局举办招聘会。") is None  # too short to tell a copy from a look-alike
    other = demo_articles()[2].text
    assert not same_story(fingerprint(TEXT), fingerprint(other))


@pytest.mark.parametrize("compact", [
    "就业扶贫车间", "GDP增长3.5而é与ñ同在𠀀字之后", "abc", "", "𠀀𠀀𠀀𠀀𠀀𠀀", "2023年5月16日川南é",
])
def test_shingles_are_each_five_characters_utf8_bytes(compact):
    # what stored signatures were made of: a shingle's own UTF-8 bytes, whatever the widths
    assert _shingles(compact) == {compact[i:i + 5].encode() for i in range(len(compact) - 4)}


def test_a_copy_crawled_later_on_another_site_joins_the_story(tmp_path):
    db = _archive(tmp_path / "a.db", [("http://first.test/1", TEXT, "")])
    db.close()
    db = open_archive(tmp_path / "a.db")  # next month, another run
    archive_page(db, Page(url="http://second.test/9", site="second", title="新标题",
                          text=TEXT + "\n（编辑：王晓）", body=b"", published="2021-02-01"))
    stories = dict(db.execute("select url, story from articles").fetchall())
    assert stories["http://first.test/1"] == stories["http://second.test/9"]
    row = db.execute("select copies, sites, first_url from stories").fetchone()
    assert row == (2, 2, "http://first.test/1")


def test_an_archive_made_before_stories_gets_them_on_reprocess(tmp_path):
    pages = []
    for name, text in (("a", TEXT), ("b", TEXT), ("c", demo_articles()[2].text)):
        path = tmp_path / f"{name}.html"
        body = "".join(f"<p>{p}</p>" for p in text.split("\n"))
        path.write_text(f"<html><head><meta charset='utf-8'><title>标题{name}</title></head><body>"
                        f"<article>{body}</article></body></html>", "utf-8")
        pages.append(str(path))
    db_path = tmp_path / "old.db"
    newsarchive("import", *pages, "--db", str(db_path))
    db = open_archive(db_path)  # as an archive written before stories were: none assigned
    with db.conn:
        db.execute("update articles set story = null")
        db.execute("delete from story_prints")
        db.execute("delete from story_bands")
    db.close()
    assert "have no story yet" in newsarchive("stories", "--db", str(db_path)).stderr
    out = newsarchive("reprocess", "--db", str(db_path), "--processes", "1").stdout
    assert "stories given to 3 articles" in out
    stories = [story for (story,) in query(db_path, "select story from articles order by url")]
    assert stories[0] == stories[1] != stories[2] and None not in stories


def test_newsarchive_stories_lists_the_widest_first(tmp_path):
    other = demo_articles()[2].text
    items = [("http://a.test/1", TEXT, ""), ("http://b.test/1", TEXT, ""), ("http://c.test/1", TEXT, ""),
             ("http://a.test/2", other, ""), ("http://b.test/2", other, ""),
             ("http://a.test/3", demo_articles()[3].text, "")]
    _archive(tmp_path / "s.db", items, seed=3).close()
    result = newsarchive("stories", "--db", str(tmp_path / "s.db"))
    lines = result.stdout.splitlines()
    assert lines[0].startswith("3 sites, 3 copies")
    assert "2 stories carried by 2 or more sites" in result.stderr
    rows = [json.loads(line) for line in newsarchive("stories", "--db", str(tmp_path / "s.db"), "--json",
                                                    "--min-sites", "3").stdout.splitlines()]
    assert [(row["sites"], len(row["other_copies"])) for row in rows] == [(3, 2)]
    assert newsarchive("stories", "--db", str(tmp_path / "s.db"), "--since", "2999-01-01").stdout == ""
    assert newsarchive("stories", "--db", str(tmp_path / "s.db"), "--since", "yesterday",
                       check=False).returncode == 2


def test_datasette_shows_a_storys_copies_and_the_widest_stories(tmp_path):
    items = [("http://a.test/1", TEXT, ""), ("http://b.test/1", TEXT, ""), ("http://c.test/1", TEXT, "")]
    _archive(tmp_path / "ds.db", items, seed=4).close()
    _, (article, widest, listed) = datasette_get(
        tmp_path / "ds.db", "/ds/-/article?" + urlencode({"url": "http://a.test/1"}),
        "/ds/widest_stories.json?_shape=objects", "/ds")
    assert "The same story elsewhere (2 copies)" in article.text
    assert "/ds/-/article?" + urlencode({"url": "http://b.test/1"}) in article.text
    rows = widest.json()["rows"]
    assert len(rows) == 1 and rows[0]["sites"] == 3 and rows[0]["copies"] == 3
    hidden = listed.text.split("hidden tables")[0]
    assert "story_bands" not in hidden and "story_prints" not in hidden


def test_the_demo_shows_a_syndicated_story_as_one(demo_run):
    db = demo_run[0]
    copies = [a for a in demo_articles() if a.copy_of]
    assert len({a.site for a in copies}) == 2  # the story on three demo sites in all
    source = next(a for a in demo_articles() if a.slug == copies[0].copy_of)
    stories = {url: story for url, story in query(db, "select url, story from articles")}
    assert len({stories[a.url] for a in [source, *copies]}) == 1
    query_string = urlencode({"q": "点对点", "_shape": "objects"})
    _, (page, every, per_story) = datasette_get(
        db, f"/{db.stem}/widest_stories.json?_shape=objects", f"/{db.stem}/search.json?{query_string}",
        f"/{db.stem}/search.json?{query_string}&one_per_story=1")
    assert [(row["url"], row["sites"]) for row in page.json()["rows"]] == [(source.url, 3)]
    # the search page, one row per story: the story's copies give way to its first
    found = {row["url"] for row in every.json()["rows"]}
    assert {source.url, *(a.url for a in copies)} <= found
    once = {row["url"] for row in per_story.json()["rows"]}
    assert once == found - {a.url for a in copies} and per_story.json()["rows"][0]["matches"] == len(once)


def test_an_archive_with_the_stories_view_gets_the_table_and_keeps_writing(tmp_path):
    """Archives made when ``stories`` was a view: reopened, the view becomes the table with the
    same rows, and what is written after the migration is committed (a schema step that writes
    rows once left a transaction open, and every later article was rolled back at close)."""
    path = tmp_path / "old.db"
    db = _archive(path, [("http://first.test/1", TEXT, ""),
                         ("http://second.test/2", TEXT + "\n（编辑：王晓）", "")])
    before = db.execute("select * from stories").fetchall()
    db.execute("drop table stories")
    db.execute("create view stories as select story, count(*) as copies from articles group by story")
    db.close()
    db = open_archive(path)
    assert db.execute("select type from sqlite_master where name = 'stories'").fetchone() == ("table",)
    assert db.execute("select * from stories").fetchall() == before
    archive_page(db, Page(url="http://third.test/3", site="third.test", title="又一个", text=TEXT, body=b"",
                          published="2021-03-01"))
    db.close()
    rows = query(path, "select copies, sites from stories")
    assert rows == [(3, 3)]
