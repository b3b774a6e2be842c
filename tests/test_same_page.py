"""One article that a site serves at two addresses (a CMS's static page and its dynamic
script, its desktop and mobile editions) is archived once, under the better address: a real
crawl of a local site."""

from __future__ import annotations

import pytest

from crawler.archive.search import fts_query, match_clause
from crawler.archive.store import (
    archive_page,
    archived_elsewhere,
    open_archive,
    prefers_address,
    same_page_archived,
)
from crawler.page import Page, process_page
from tests.conftest import query
from tests.page_site import crawl_site

BODY = ("3月14日，全市春季大型招聘会在市人力资源市场举行，来自各县区的两百余家企业提供岗位一万两千余个，"
        "吸引求职者两万余人次进场，现场初步达成就业意向四千三百余人。")
ARTICLES = {3456: "全市春季大型招聘会吸引两万余人次进场", 3457: "我市首批30家就业帮扶车间挂牌"}


def article(number: int) -> str:
    return (f"<html><head><meta charset='utf-8'><title>{ARTICLES[number]}_临沅新闻网</title></head>"
            f"<body><h1>{ARTICLES[number]}</h1><div class='info'>发布时间：2024-03-15 09:30</div>"
            f"<div class='content'><p>{BODY}</p><p>{number}号文章的第二段。{BODY}</p><p>{BODY}</p></div>"
            "<div class='nav'><a href='/html/jiuye/'>就业</a></div></body></html>")


def portal(path: str) -> str | None:
    """Its home links each article's dynamic address; the channel's list, found later, the
    static one; both serve the same page."""
    if path == "/":
        links = "".join(f"<li><a href='/index.php?m=content&c=index&a=show&catid=12&id={n}'>{t}</a></li>"
                        for n, t in ARTICLES.items())
        return f"<html><body><ul>{links}</ul></body></html>"
    if path == "/html/jiuye/":
        links = "".join(f"<li><a href='/html/2024/jiuye_0315/{n}.html'>{t}</a></li>"
                        for n, t in ARTICLES.items())
        return f"<html><body><ul>{links}</ul></body></html>"
    for number in ARTICLES:
        if path in (f"/index.php?m=content&c=index&a=show&catid=12&id={number}",
                    f"/html/2024/jiuye_0315/{number}.html"):
            return article(number)
    return None


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    site = crawl_site(portal, tmp_path_factory.mktemp("portal"), "portal")
    assert site.result.returncode == 0, site.result.stderr[-2000:]
    return site


def test_an_article_at_two_addresses_is_archived_once_under_its_static_one(crawled):
    # both addresses were fetched: the second found the first's article, and the article now
    # goes by the static address
    assert all(crawled.hits[f"/index.php?m=content&c=index&a=show&catid=12&id={n}"] for n in ARTICLES)
    assert all(crawled.hits[f"/html/2024/jiuye_0315/{n}.html"] for n in ARTICLES)
    rows = query(crawled.db, "select url, title from articles")
    assert sorted((url.split("/", 3)[3], title) for url, title in rows) == \
        sorted((f"html/2024/jiuye_0315/{n}.html", title) for n, title in ARTICLES.items())
    # its search entry and its story came along
    found = query(crawled.db, f"select url from articles where {match_clause('?')}", [fts_query("帮扶车间")])
    assert [url.rsplit("/", 1)[1] for (url,) in found] == ["3457.html"]
    assert {url for (url,) in query(crawled.db, "select first_url from stories")} <= {url for url, _ in rows}


def page(url: str, site: str, text: str = BODY) -> Page:
    html = article(3456).replace(BODY, text)
    return process_page(Page(url=url, site=site, body=html.encode()))


def test_only_the_same_page_of_the_same_site_and_record_under_a_url_not_archived_is_the_same_page(tmp_path):
    db = open_archive(tmp_path / "archive.db")
    archive_page(db, page("http://a.test/html/2024/jiuye_0315/3456.html", "a"))
    assert same_page_archived(db, page("http://a.test/index.php?catid=12&id=3456", "a")) == \
        "http://a.test/html/2024/jiuye_0315/3456.html"
    # a re-crawl of the archived URL is the article itself; another site's copy is its own
    # article (a story groups them); a copy the CMS made into another channel is a record of its
    # own (another number), even word for word
    assert same_page_archived(db, page("http://a.test/html/2024/jiuye_0315/3456.html", "a")) is None
    assert same_page_archived(db, page("http://b.test/html/2024/jiuye_0315/3456.html", "b")) is None
    assert same_page_archived(db, page("http://a.test/html/2024/zhengce_0315/3459.html", "a")) is None


def test_another_template_of_the_same_record_is_the_same_page_where_it_tells_the_same_story(tmp_path):
    db = open_archive(tmp_path / "archive.db")
    archive_page(db, page("http://a.test/a/jiuye/2021/0811/1028.html", "a"))
    # the mobile edition's template reads a line more (an attachment's name): the same headline,
    # date and story under the same record's number
    mobile = page("http://a.test/m/view.php?aid=1028", "a", BODY + "附件：2021年全县外出务工人员抽样调查表。")
    assert same_page_archived(db, mobile) == "http://a.test/a/jiuye/2021/0811/1028.html"
    # the same headline over another story, or under another record, is another article
    other_story = page("http://a.test/m/view.php?aid=1028", "a",
                       "县里今年新建了三个就业帮扶车间，吸纳脱贫劳动力就业。" * 4)
    assert same_page_archived(db, other_story) is None
    assert same_page_archived(db, page("http://a.test/m/view.php?aid=1029", "a", BODY + "附件。")) is None


def test_a_mobile_copy_read_under_its_canonical_address_gives_way_to_the_articles_own_reading(tmp_path):
    # the mobile copy's canonical link names the desktop address: read first, it is archived
    # there, and the desktop page's reading replaces it; read after, it changes nothing
    db = open_archive(tmp_path / "archive.db")
    desktop, mobile = "http://a.test/index.php/news/detail/id/1563.html", "http://a.test/m/detail/1563.html"
    header = "2023-06-25 石门县融媒体中心"
    copy = page(desktop, "a", f"{header}。{BODY}")
    copy.read_at = mobile
    own = page(desktop, "a")
    assert archived_elsewhere(db, copy) is None and archive_page(db, copy) == "new"
    assert archived_elsewhere(db, own) is None and archive_page(db, own) == "updated"
    assert archived_elsewhere(db, copy) == desktop
    assert header not in query(tmp_path / "archive.db", "select text from articles")[0][0]
    # so does a copy read at a variant with a query; read at its own address, it is the article
    copy.read_at = desktop + "?from=rm"
    assert archived_elsewhere(db, copy) == desktop
    copy.read_at = None
    assert archived_elsewhere(db, copy) is None


@pytest.mark.parametrize("url,archived,preferred", [
    ("http://a.test/html/2024/jiuye_0315/3456.html", "http://a.test/index.php?id=3456", True),
    ("http://a.test/index.php?id=3456", "http://a.test/html/2024/jiuye_0315/3456.html", False),
    ("http://a.test/index.php?id=3456&page=1", "http://a.test/index.php?id=3456", False),
    # the desktop edition's over the mobile one's, in its folder or on its host
    ("http://a.test/a/jiuye/2023/0308/3161.html", "http://a.test/m/view/3161.html", True),
    ("http://www.a.test/a/1.html", "http://m.a.test/a/1.html", True),
    ("http://m.a.test/a/1.html", "http://www.a.test/a/1.html", False),
    ("http://a.test/m.html", "http://a.test/mobile.html", False),   # a page's name is no edition
    # ... or its name with a mobile edition's prefix in the same folder (mpost_ beside post_)
    ("http://a.test/zcjd/content/post_3849591.html", "http://a.test/zcjd/content/mpost_3849591.html", True),
    ("http://a.test/zcjd/content/mpost_3849591.html", "http://a.test/zcjd/content/post_3849591.html", False),
    ("http://a.test/news/12.html", "http://a.test/news/m_12.html", True),
    ("http://a.test/a/post_1.html", "http://a.test/b/mpost_1.html", False),  # another folder's
])
def test_a_static_address_names_an_article_better_than_a_dynamic_one(url, archived, preferred):
    assert prefers_address(url, archived) is preferred


def test_the_same_text_under_the_same_record_is_the_same_page_whatever_headline_each_reading_found(tmp_path):
    # an e-paper's article and its image map's address of it (…?div=-1): one reading found its
    # headline in the page's list, the other only the paper's name
    db = open_archive(tmp_path / "archive.db")
    archive_page(db, page("http://p.test/html/2024-06/17/content_1019671.htm", "p"))
    untitled = page("http://p.test/html/2024-06/17/content_1019671.htm?div=-1", "p")
    untitled.title = "澄州日报数字报"
    assert same_page_archived(db, untitled) == "http://p.test/html/2024-06/17/content_1019671.htm"
    # another text under the record, or the same text under another record, is not
    untitled.text += "记者 王磊"
    assert same_page_archived(db, untitled) is None
    other = page("http://p.test/html/2024-06/17/content_1019672.htm", "p")
    other.title = "澄州日报数字报"
    assert same_page_archived(db, other) is None
