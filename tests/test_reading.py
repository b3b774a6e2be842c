"""Reading the archive in datasette: an article view, search results that lead to it, the
stored page, and an index that lists the user's tables under the archive's own title."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from crawler.archive import datasette_plugin
from crawler.archive.store import archive_page, open_archive, write_article
from crawler.page import Page
from tests.conftest import query
from tests.test_search import datasette_get

TEXT = "县人社局举办就业扶贫专场招聘会。\n共有六十余家企业参加，提供岗位两千余个。"


def _archive(tmp_path):
    path = tmp_path / "reading.db"
    db = open_archive(path)
    page = Page(url="http://r.test/a/1.html", site="r", title="扶贫招聘会 <b>开幕</b>",
                published="2024-03-01", source="县融媒体中心", author="张三", extractor="trafilatura",
                encoding="gb18030", text=TEXT,
                body="<html><script>alert(1)</script>招聘会</html>".encode("gb18030"))
    page.repairs.update({"pinyin_annotations": 3})
    archive_page(db, page)
    page.text = TEXT + "\n更新：招聘会延期一天。"
    page.fetched_at = "2024-03-02T00:00:00+00:00"
    with db.atomic():
        write_article(db, page)
    db.close()
    return path


def test_the_article_view_shows_the_article_as_a_reader_wants_it(tmp_path):
    path = _archive(tmp_path)
    _, (page,) = datasette_get(path, "/reading/-/article?" + urlencode({"url": "http://r.test/a/1.html"}))
    html = page.text
    assert page.status_code == 200
    assert "<h1>扶贫招聘会 &lt;b&gt;开幕&lt;/b&gt;</h1>" in html  # the headline, escaped
    assert "<span>2024-03-01</span>" in html and "来源: 县融媒体中心" in html and "张三" in html
    assert re.findall(r"<p>([^<]*)</p>", html)[:3] == [*TEXT.split("\n"), "更新：招聘会延期一天。"]
    assert 'href="http://r.test/a/1.html"' in html
    assert "pinyin_annotations 3" in html and "Earlier versions" in html
    assert "/reading/-/raw?url=" in html


def test_the_stored_page_is_served_as_text_never_as_a_page(tmp_path):
    path = _archive(tmp_path)
    _, (raw,) = datasette_get(path, "/reading/-/raw?" + urlencode({"url": "http://r.test/a/1.html"}))
    assert raw.status_code == 200 and raw.headers["content-type"].startswith("text/plain")
    assert raw.headers["x-content-type-options"] == "nosniff"
    assert "<script>alert(1)</script>招聘会" in raw.text  # decoded with the codec it was read in


def test_an_unknown_article_is_a_404(tmp_path):
    path = _archive(tmp_path)
    _, pages = datasette_get(path, "/reading/-/article?url=http://nowhere.test/", "/reading/-/article")
    assert [p.status_code for p in pages] == [404, 404]


def test_search_results_and_table_titles_link_to_the_article_view(tmp_path):
    path = _archive(tmp_path)
    _, (search, table) = datasette_get(path, "/reading/search?q=扶贫", "/reading/articles")
    link = "/reading/-/article?" + urlencode({"url": "http://r.test/a/1.html"})
    assert link.replace("&", "&amp;") in search.text and link in table.text


def test_the_index_is_titled_after_the_archive_and_hides_its_machinery(tmp_path):
    path = _archive(tmp_path)
    tables = {name for (name,) in query(path, "select name from sqlite_master")}
    assert {"reprocess_runs", "stream_positions"} <= tables
    _, (index, database) = datasette_get(path, "/", "/reading")
    assert "newsarchive: Chinese regional news" in index.text
    listed = database.text.split("hidden tables")[0]
    assert "articles" in listed and "reprocess_runs" not in listed and "stream_positions" not in listed


def test_the_table_page_is_a_reading_list_with_every_column_one_link_away(tmp_path):
    path = _archive(tmp_path)
    _, (table, columns, chosen) = datasette_get(
        path, "/reading/articles", "/reading/articles?_layout=columns", "/reading/articles?_col=source")
    link = "/reading/-/article?" + urlencode({"url": "http://r.test/a/1.html"})
    item = re.search(r'<li>\s*<a class="na-title" href="([^"]+)">([^<]+)</a>(.*?)</li>', table.text, re.S)
    assert item and item.group(1) == link and item.group(2) == "扶贫招聘会 &lt;b&gt;开幕&lt;/b&gt;"
    assert "<span>2024-03-01</span><span>r</span><span>来源: 县融媒体中心</span>" in item.group(3)
    excerpt = re.search(r'<span class="na-excerpt">([^<]*)</span>', item.group(3)).group(1)
    assert excerpt == datasette_plugin.excerpt(TEXT + "\n更新：招聘会延期一天。")
    assert excerpt.startswith("县人社局举办就业扶贫专场招聘会。 共有") and len(excerpt) <= 121
    # the machinery's columns are not on the reading list, and are on the table of every column
    assert "content_hash" not in table.text.split("na-list")[1] and 'data-column="crawl_id"' not in table.text
    assert 'data-column="crawl_id"' in columns.text and 'data-column="content_hash"' in columns.text
    assert 'data-column="source"' in chosen.text and 'data-column="crawl_id"' not in chosen.text


def test_the_row_page_lists_every_field_and_leads_to_the_article_view(tmp_path):
    path = _archive(tmp_path)
    _, (article,) = datasette_get(path, "/reading/-/article?" + urlencode({"url": "http://r.test/a/1.html"}))
    row_link = re.search(r'<a href="([^"]+)">This row in the articles table</a>', article.text).group(1)
    _, (row,) = datasette_get(path, row_link)
    assert row.status_code == 200
    fields = dict(re.findall(r'<dt>([^<]+)</dt><dd class="[^"]*">(.*?)</dd>', row.text, re.S))
    assert fields["source"] == "县融媒体中心" and fields["crawl_id"] is not None and len(fields) >= 15
    assert "/reading/-/article?" + urlencode({"url": "http://r.test/a/1.html"}) in row.text


def test_the_month_facet_lists_the_newest_months_first_whatever_their_counts(tmp_path):
    path = tmp_path / "months.db"
    db = open_archive(path)
    # the busiest months are the oldest: datasette's order (by count) would list them first
    months = [f"2019-{m:02d}" for m in range(1, 13)]
    for index, month in enumerate(months):
        for copy in range(12 - index):
            archive_page(db, Page(url=f"http://m.test/{month}/{copy}.html", site="m", title=f"{month} {copy}",
                                  published=f"{month}-15", text=f"招聘会第{index}期第{copy}场。", body=b""))
    db.close()
    _, (page, every) = datasette_get(path, "/months/articles.json", "/months/articles.json?_facet_size=max")
    listed = [value["value"] for value in page.json()["facet_results"]["month"]["results"]]
    assert listed == months[::-1][:datasette_plugin.MONTHS_SHOWN]
    assert page.json()["facet_results"]["month"]["truncated"] is True
    assert [value["value"] for value in every.json()["facet_results"]["month"]["results"]] == months[::-1]
