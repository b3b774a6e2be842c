"""A page whose <title> names only the site or the paper (an e-paper's old template) gets its
headline from the words of the link the crawl followed to it, where the page shows them: a
real crawl of a local site, a real reprocess of what it stored."""

from __future__ import annotations

import json
import sqlite3

import pytest

from crawler.distributed.entries import page_entry, page_from_entry
from crawler.page import Page, process_page
from crawler.text.links import page_links
from tests.conftest import newsarchive, query
from tests.page_site import crawl_site

DAY = "/html/2021-03/15"
HEADLINES = {31209: "全市春季大型招聘会吸引两万余人次进场", 31210: "我市首批30家就业帮扶车间挂牌"}
BODY = ("3月14日，全市春季大型招聘会在市人力资源市场举行，来自各县区的两百余家企业提供岗位一万两千余个，"
        "吸引求职者两万余人次进场，现场初步达成就业意向四千三百余人。")


def epaper_article(number: int) -> str:
    """An old e-paper's article: its <title> the paper's name, its headline in a cell between the
    kicker and the subtitle, the page's other articles listed under it, its own among them."""
    others = "".join(f"<li><a href='content_{n}.htm'>{title}</a></li>" for n, title in HEADLINES.items())
    return (f"<html><head><meta charset='utf-8'><title>澧川日报</title></head><body>"
            f"<table><tr><td class='font02'>春风行动进村入户</td></tr>"
            f"<tr><td class='font01'>{HEADLINES[number]}</td></tr>"
            f"<tr><td class='font02'>岗位供求职者挑选</td></tr></table>"
            f"<div id='ozoom'><p>{BODY}</p><p>{BODY}</p><p>{BODY}</p></div>"
            f"<div class='list'><h3>本版其他新闻</h3><ul>{others}</ul></div>"
            f"<div class='footer'>澧川日报社 版权所有</div></body></html>")


def epaper_site(path: str) -> str | None:
    if path == "/":  # the page's list of its articles, each link its headline (an image map's first)
        areas = "".join(f"<area href='{DAY}/content_{n}.htm'>" for n in HEADLINES)
        links = "".join(f"<li><a href='{DAY}/content_{n}.htm'>{title}</a></li>"
                        for n, title in HEADLINES.items())
        return f"<html><body><map>{areas}</map><ul>{links}</ul></body></html>"
    number = path.removeprefix(f"{DAY}/content_").removesuffix(".htm")
    return epaper_article(int(number)) if number.isdigit() and int(number) in HEADLINES else None


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    site = crawl_site(epaper_site, tmp_path_factory.mktemp("epaper"), "epaper",
                      "article_patterns = ['/html/\\d{4}-\\d{2}/\\d{2}/content_\\d+\\.htm$']\n")
    assert site.result.returncode == 0, site.result.stderr[-2000:]
    return site.db


def test_a_page_titled_only_with_the_papers_name_takes_the_headline_its_link_shows(crawled):
    titles = dict(query(crawled, "select url, title from articles"))
    assert {url.rsplit("_", 1)[1]: title for url, title in titles.items()} == \
        {f"{n}.htm": title for n, title in HEADLINES.items()}
    assert sorted(text for (text,) in query(crawled, "select link_text from raw_responses")) == \
        sorted(HEADLINES.values())


def test_a_reprocess_gives_the_extractor_the_links_words_again(crawled, tmp_path):
    db = tmp_path / "archive.db"
    db.write_bytes(crawled.read_bytes())
    with sqlite3.connect(db) as conn:  # as a reprocess finds rows an older extractor wrote
        conn.execute("update articles set title = '澧川日报', content_hash = 'stale'")
    newsarchive("reprocess", "--db", str(db), "--processes", "1")
    assert sorted(title for (title,) in query(db, "select title from articles")) == sorted(HEADLINES.values())


def page(html: str, link_text: str | None) -> Page:
    return process_page(Page(url=f"http://paper.test{DAY}/content_31209.htm", body=html.encode(),
                             link_text=link_text))


@pytest.mark.parametrize("link_text", [
    "详细内容",                       # a link's words the page does not show as a headline
    "全市春季大型招聘会",              # a shortened headline
])
def test_a_links_words_the_page_does_not_show_as_its_headline_are_not_taken(link_text):
    assert page(epaper_article(31209), link_text).title != link_text


def test_a_real_title_is_kept_whatever_the_link_says():
    html = epaper_article(31209).replace("<title>澧川日报</title>",
                                         f"<title>{HEADLINES[31209]}_澧川日报</title>")
    assert page(html, HEADLINES[31210]).title == HEADLINES[31209]


def test_the_links_words_are_those_of_the_first_link_that_shows_any():
    links = page_links(epaper_site("/").encode(), "http://paper.test/")
    assert links.texts == {f"http://paper.test{DAY}/content_{n}.htm": title for n, title in HEADLINES.items()}


def test_the_links_words_cross_the_item_stream():
    processed = page(epaper_article(31209), HEADLINES[31209])
    back = page_from_entry({k.encode(): v for k, v in page_entry(processed, "w1").items()})
    assert back.link_text == HEADLINES[31209]


def test_extract_takes_the_links_words_as_a_crawl_passes_them(tmp_path):
    path = tmp_path / "content_31209.htm"
    path.write_text(epaper_article(31209), "utf-8")
    plain = json.loads(newsarchive("extract", str(path)).stdout)
    assert plain["title"] == HEADLINES[31209]  # the page's list of its articles links it too
    alone = tmp_path / "alone.htm"  # (its list names none of its own address)
    alone.write_text(epaper_article(31209).replace("content_31209.htm", "content_1.htm"), "utf-8")
    assert json.loads(newsarchive("extract", str(alone)).stdout)["title"] == "澧川日报"
    record = json.loads(newsarchive("extract", "--explain", "--link-text", HEADLINES[31209],
                                    str(path)).stdout)
    assert record["title"] == HEADLINES[31209]
    assert any("a link to this page" in note for note in record["explanation"]["extract"])


def test_a_link_that_only_says_where_it_was_clicked_is_the_page_it_names():
    # a home page's 最新动态 links every article with ?from=timeline: one page, fetched once
    html = ("<a href='/contents/12/3456.html'>就业见习</a>"
            "<a href='/contents/12/3456.html?from=timeline'>就业见习</a>"
            "<a href='/a/7.html?utm_source=wx&utm_medium=share&id=7'>七</a>"
            "<a href='/list.php?from=20'>下一页</a>"  # an offset, not a place
            "<a href='/show.php?id=12&from=list&page=2'>第2页</a>")
    assert page_links(html.encode(), "http://rsj.test/").urls == [
        "http://rsj.test/contents/12/3456.html", "http://rsj.test/a/7.html?id=7",
        "http://rsj.test/list.php?from=20", "http://rsj.test/show.php?id=12&page=2"]


def test_a_query_value_padded_with_spaces_is_the_value():
    html = ("<a href='ShowArticle.asp?ArticleID=%20125'>一</a>"
            "<a href='ShowArticle.asp?ArticleID=%20%20125'>二</a>")
    assert page_links(html.encode(), "http://rsj.test/Article/").urls == [
        "http://rsj.test/Article/ShowArticle.asp?ArticleID=125"]
