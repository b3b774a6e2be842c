"""An article split over several pages (a pager under its text) is fetched page by page and
archived once, whole: a real crawl of a local site, a real reprocess of what it stored."""

from __future__ import annotations

import json
import pickle

import pytest
from scrapy import Request
from scrapy.utils.request import request_from_dict

from crawler.discover.urls import article_page_number, next_article_page
from crawler.distributed.entries import page_entry, page_from_entry
from crawler.page import Page, process_page
from crawler.text.links import page_links
from spiders.site import ARTICLE_META
from tests.conftest import newsarchive, query, rows
from tests.page_site import crawl_site
from tests.test_reprocess import _rules_dropping

DAY = "/news/2023/0108"


def _paragraphs(article: int, page: int) -> list[str]:
    return [f"第{article}号稿件第{page}页第{n}段：东陵县人社局组织专场招聘会，帮助返乡农民工"
            f"在家门口实现就业，现场提供岗位一千余个，达成意向三百多人，企业负责人表示用工缺口正在缩小。"
            for n in (1, 2, 3)]


# article id -> its pages; a page that is None is not there (404)
ARTICLES: dict[int, list[bool]] = {100: [True, True, True], 200: [True, False], 300: [True]}


def _name(article: int, page: int) -> str:
    return f"{article}.html" if page == 1 else f"{article}_{page}.html"


def article_html(article: int, page: int) -> str:
    count = len(ARTICLES[article])
    pager = ""
    if count > 1:
        numbers = "".join(f"<a href='{_name(article, n)}'>{n}</a>" for n in range(1, count + 1))
        after = f"<a href='{_name(article, page + 1)}'>下一页</a>" if page < count else ""
        pager = f"<div class='pages'>共{count}页: {numbers}{after}</div>"
    body = "".join(f"<p>{p}</p>" for p in _paragraphs(article, page))
    # every page ends in the previous and next articles' links, as most templates do
    ids = list(ARTICLES)
    previous, following = ids[ids.index(article) - 1], ids[(ids.index(article) + 1) % len(ids)]
    others = "".join(f"<li><a href='{DAY}/{a}.html'>东陵县第{a}号稿件标题这样写</a></li>"
                     for a in ARTICLES)
    return (f"<html><head><meta charset='utf-8'><title>东陵县招聘会第{article}号_东陵新闻网</title>"
            "</head><body>"
            f"<div class='nav'><a href='/'>首页</a> <a href='/news/'>新闻</a></div>"
            f"<h1>东陵县招聘会第{article}号</h1><div class='info'>2023-01-08 来源：东陵新闻网</div>"
            f"<div class='content'>{body}</div>{pager}"
            f"<p>上一篇：<a href='{DAY}/{previous}.html'>东陵县第{previous}号稿件</a></p>"
            f"<p>下一篇：<a href='{DAY}/{following}.html'>东陵县第{following}号稿件</a></p>"
            f"<div class='related'><h3>相关新闻</h3><ul>{others}</ul></div>"
            f"<div class='footer'>东陵新闻网 版权所有</div></body></html>")


def paged_page(path: str) -> str | None:
    if path == "/":
        links = "".join(f"<a href='{DAY}/{a}.html'>稿件{a}</a>" for a in ARTICLES)
        return f"<html><body>{links}</body></html>"
    for article, pages in ARTICLES.items():
        for number, there in enumerate(pages, start=1):
            if path == f"{DAY}/{_name(article, number)}" and there:
                return article_html(article, number)
    return None


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    site = crawl_site(paged_page, tmp_path_factory.mktemp("paged"), "paged",
                      "article_patterns = ['/news/\\d{4}/\\d{4}/\\d+(_\\d+)?\\.html$']\n")
    return site.db, site.result, site.hits


def test_an_article_over_three_pages_is_one_article_with_every_page_in_order(crawled):
    db, result, hits = crawled
    assert result.returncode == 0, result.stderr[-2000:]
    texts = {url.rsplit("/", 1)[1]: text for url, text in query(db, "select url, text from articles")}
    assert sorted(texts) == ["100.html", "200.html", "300.html"]  # no row for a page 2 or 3
    assert texts["100.html"].split("\n") == [p for n in (1, 2, 3) for p in _paragraphs(100, n)]
    assert texts["300.html"].split("\n") == _paragraphs(300, 1)
    # each page fetched once, though every page's pager and related list link the others
    assert set(hits.values()) == {1}, hits
    stored = {url.rsplit("/", 1)[1] for (url,) in query(db, "select url from raw_responses")}
    assert {"100_2.html", "100_3.html"} <= stored  # what a reprocess reads them from


def test_a_missing_further_page_archives_the_pages_before_it_and_says_so(crawled):
    db, result, _ = crawled
    text = query(db, "select text from articles where url like '%/200.html'")[0][0]
    assert text.split("\n") == _paragraphs(200, 1)
    failures = json.loads(rows(db, "select failures from crawls")[0]["failures"])
    assert failures == {"http 404": 1}
    assert "200_2.html: http 404; archived with the 1 pages before it" in result.stderr


def test_a_reprocess_reads_an_articles_further_pages_from_the_archive(crawled, tmp_path):
    db = tmp_path / "archive.db"
    db.write_bytes(crawled[0].read_bytes())
    dropped = _paragraphs(100, 3)[1]
    rules = _rules_dropping(tmp_path, f"^{dropped[:13]}")  # a line of page 3 alone
    newsarchive("reprocess", "--db", str(db), "--rules", str(rules), "--processes", "1")
    text = query(db, "select text from articles where url like '%/100.html'")[0][0]
    assert text.split("\n") == [p for n in (1, 2, 3) for p in _paragraphs(100, n) if p != dropped]


DYNAMIC = "http://x.test/index.php?m=content&c=index&a=show&catid=13&id=316"


@pytest.mark.parametrize("link,first,number", [
    ("http://x.test/a/2023/0108/3112_2.html", "http://x.test/a/2023/0108/3112.html", 2),       # DedeCMS
    ("http://x.test/202305/t20230512_4812345_1.html", "http://x.test/202305/t20230512_4812345.html", 1),
    ("http://x.test/a/3112-3.shtml", "http://x.test/a/3112.shtml", 3),
    ("http://x.test/show.aspx?id=7&page=2", "http://x.test/show.aspx?id=7", 2),
    ("http://x.test/show-7-4502-2.html", "http://x.test/show-7-4502-1.html", 2),   # PHPCMS: page 1 is -1
    ("http://x.test/2023/05/12/slug/2/", "http://x.test/2023/05/12/slug/", 2),       # WordPress
    ("http://x.test/2023/05/12/slug/feed/", "http://x.test/2023/05/12/slug/", None),
    ("http://x.test/2023/05/12/slug/1/", "http://x.test/2023/05/12/slug/", None),
    # not a further page: another article, a picture, another site, a thread's replies
    ("http://x.test/202305/t20230512_4812346.html", "http://x.test/202305/t20230512_4812345.html", None),
    ("http://x.test/a/3112_2.jpg", "http://x.test/a/3112.html", None),
    ("http://y.test/a/3112_2.html", "http://x.test/a/3112.html", None),
    ("http://x.test/show.aspx?id=8", "http://x.test/show.aspx?id=7", None),
    ("http://x.test/forum.php?mod=viewthread&tid=1&page=2", "http://x.test/forum.php?mod=viewthread&tid=1",
     None),
    ("http://x.test/a/3112_2.html?from=app", "http://x.test/a/3112.html", None),
    ("http://x.test/special-2.html", "http://x.test/special-1.html", None),   # two documents numbered
    # read at its dynamic address, paged on at the static ones (PHPCMS's pager); not another id's
    ("http://x.test/show-13-316-2.html", DYNAMIC, 2),
    ("http://x.test/show-13-317-2.html", DYNAMIC, None),
    ("http://x.test/show-13-3160-2.html", DYNAMIC, None),
    ("http://x.test/list-13-2.html", "http://x.test/index.php?m=content&c=index&a=lists&catid=130", None),
])
def test_which_links_are_an_articles_further_pages(link, first, number):
    assert article_page_number(link, first) == number


def _links(html: str, url: str) -> list[str]:
    return page_links(html.encode(), url).urls


def test_the_next_page_is_the_lowest_number_after_this_one():
    url = "http://x.test/news/2023/0108/100.html"
    page2 = article_html(100, 2)
    assert next_article_page(_links(article_html(100, 1), url), url) == (2, url.replace("100", "100_2"))
    # page 2 links 1, 2 and 3: after 2 comes 3; after page 3 nothing
    third = (3, url.replace("100", "100_3"))
    assert next_article_page(_links(page2, url.replace("100", "100_2")), url, after=2) == third
    assert next_article_page(_links(article_html(100, 3), url), url, after=3) is None


def _article(first: str) -> Page:
    url = f"http://x.test{DAY}/100.html"
    further = [Page(url=url.replace("100", f"100_{n}"), body=article_html(100, n).encode(),
                    content_type="text/html; charset=utf-8") for n in (2, 3)]
    return Page(url=url, body=first.encode(), content_type="text/html; charset=utf-8", continued=further)


def test_a_further_page_that_reads_as_nothing_ends_the_article_there():
    page = _article(article_html(100, 1))
    page.continued[0].body = b"\x00\x01" * 3000  # page 2 is bytes, not text: page 3 is not joined on
    processed = process_page(page)
    assert processed.text.split("\n") == _paragraphs(100, 1)
    assert any("page 2" in line and "left out" in line for line in processed.decode_explanation)


def test_an_article_and_its_further_pages_cross_the_item_stream_and_the_frontier_whole():
    page = process_page(_article(article_html(100, 1)))
    back = page_from_entry({k.encode(): v for k, v in page_entry(page, "w1").items()})
    assert [(p.url, p.body) for p in back.continued] == [(p.url, p.body) for p in page.continued]
    # a request for page 3 carries the article so far; a killed crawl's frontier row keeps it
    request = Request(page.continued[1].url, meta={ARTICLE_META: _article(article_html(100, 1))})
    again = request_from_dict(pickle.loads(pickle.dumps(request.to_dict(), protocol=4)))
    assert [p.body for p in again.meta[ARTICLE_META].continued] == [p.body for p in page.continued]


def test_real_pages_pagers_are_read_and_no_other_link_is_taken_for_one(shared):
    # every corpus page whose URL is known: 人民网's people_1 is page 1 of 4 (c1013-31153719-2.html)
    found = {}
    for meta in sorted((shared / "corpus" / "news").rglob("*.meta.json")):
        url = json.loads(meta.read_text("utf-8")).get("url")
        html = meta.with_name(meta.name.replace(".meta.json", ".html"))
        if url and html.exists():
            found[html.name] = next_article_page(page_links(html.read_bytes(), url).urls, url)
    assert len(found) >= 10
    first = "http://culture.people.com.cn/n1/2019/0615/c1013-31153719"
    assert {name: page for name, page in found.items() if page} == {"people_1.html": (2, f"{first}-2.html")}
