"""A Java site (JEECMS) that writes its session into every link it serves a client without the
session's cookie (``/xzyw/3841.jhtml;jsessionid=9F1C…``): another session on each page, so
each article is linked under as many addresses as there are sessions. A real crawl of a local server
archives each article once, under its own address."""

from __future__ import annotations

import itertools
from urllib.parse import urlsplit

import pytest

from crawler.text.links import canonical_link, own_canonical, page_links
from tests.conftest import query
from tests.page_site import crawl_site

ARTICLES = {f"/xzyw/{3840 + n}.jhtml": n for n in range(1, 6)}
# (three sessions in turn: a crawl that kept them would archive each article thrice, not forever)
_SESSIONS = itertools.cycle(range(1, 4))


def _paragraphs(n: int) -> list[str]:
    return [f"{n}月{k}日，云溪县人社局在龙泉镇举办第{k}场就业帮扶专场招聘会，三十余家企业进场招聘，"
            "提供岗位三百余个，现场达成就业意向一百余人。" for k in (3, 4, 5)]


def jeecms_page(path: str) -> str | None:
    base = path.split(";", 1)[0]
    session = f";jsessionid={next(_SESSIONS):032X}"
    links = "".join(f"<li><a href='{article}{session}'>第{n}场招聘会</a></li>"
                    for article, n in ARTICLES.items())
    nav = (f"<div class='nav'><a href='/index.jhtml{session}'>首页</a>"
           f"<a href='/xzyw/index.jhtml{session}'>县政要闻</a></div>")
    head = "<html><head><meta charset='utf-8'><title>{}</title></head><body>"
    if base in ("/", "/index.jhtml", "/xzyw/index.jhtml"):
        return head.format("县政要闻") + f"{nav}<ul>{links}</ul></body></html>"
    if base in ARTICLES:
        n = ARTICLES[base]
        return (head.format(f"云溪县举办第{n}场招聘会_云溪县人民政府") + nav
                + f"<h2 class='title'>云溪县举办第{n}场招聘会</h2>"
                + f"<div class='info'>发布时间：2024-0{n}-06</div>"
                + "<div class='content'>" + "".join(f"<p>{p}</p>" for p in _paragraphs(n))
                + f"</div><ul>{links}</ul></body></html>")
    return None


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    site = crawl_site(jeecms_page, tmp_path_factory.mktemp("jeecms"), "yunxi")
    return site.db, site.result


def test_each_article_linked_under_many_sessions_is_archived_once_at_its_own_address(crawled):
    db, result = crawled
    assert result.returncode == 0, result.stderr[-2000:]
    rows = query(db, "select url, text from articles")
    assert sorted(urlsplit(url).path for url, _ in rows) == sorted(ARTICLES)
    assert all(text.split("\n") == _paragraphs(ARTICLES[urlsplit(url).path]) for url, text in rows)


@pytest.mark.parametrize("url,canonical", [
    ("http://x.test/xzyw/3841.jhtml;jsessionid=9F1C0A7B", "http://x.test/xzyw/3841.jhtml"),
    ("http://x.test/xzyw/index.jhtml;JSESSIONID=AB12?pageNo=2", "http://x.test/xzyw/index.jhtml?pageNo=2"),
    ("http://x.test/(S(lit3py55t21z5v55vlm25s55))/show.aspx?id=3", "http://x.test/show.aspx?id=3"),
    ("http://x.test/show.php?id=3&PHPSESSID=5f2c9e", "http://x.test/show.php?id=3"),
    # a path's own brackets and semicolons, and a query's session-like words, are the page's
    ("http://x.test/wiki/劳务协作_(临溪县)/", "http://x.test/wiki/劳务协作_(临溪县)/"),
    ("http://x.test/a;b.html?sid=3", "http://x.test/a;b.html?sid=3"),
])
def test_a_session_written_into_an_address_is_no_part_of_it(url, canonical):
    assert canonical_link(url) == canonical


def test_a_pages_og_url_names_it_only_where_it_adds_to_the_query_it_was_reached_by():
    # an ASP.NET government site's article, linked from its home page without its channel's
    # parameter: its og:url gives the whole address, the one every copy names
    page = (b"<html><head><meta property='og:url' "
            b"content='http://x.test/News_Content.aspx?n=1234&amp;sms=5678&amp;s=903532'></head></html>")
    for url in ("http://x.test/News_Content.aspx?n=1234&s=903532",
                "http://x.test/News_Content.aspx?n=1234&sms=5678&s=903532"):
        assert own_canonical(page, url) == "http://x.test/News_Content.aspx?n=1234&sms=5678&s=903532"
    # ... and where the link added a view's flag (&Create=1), the item's address it keeps
    assert own_canonical(page, "http://x.test/News_Content.aspx?n=1234&sms=5678&s=903532&Create=1") == \
        "http://x.test/News_Content.aspx?n=1234&sms=5678&s=903532"
    # a template's og:url (the home page, the channel's list, another item) names no page
    for og, url in (("http://x.test/", "http://x.test/News_Content.aspx?n=1234&s=903532"),
                    ("http://x.test/News_Content.aspx?n=1234", "http://x.test/News_Content.aspx?n=1234&s=903532"),
                    ("http://x.test/News_Content.aspx?n=1234&sms=5678&s=903533",
                     "http://x.test/News_Content.aspx?n=1234&s=903532")):
        body = f"<meta property='og:url' content='{og}'>".encode()
        assert own_canonical(body, url) == url


def test_a_pages_canonical_link_drops_only_what_its_own_query_adds():
    page = b"<html><head><link rel='canonical' href='http://x.test/post/93.html'></head><body></body></html>"
    # a comment's reply link to the post (Z-Blog's ?replytoid=345): the post's own address
    assert own_canonical(page, "http://x.test/post/93.html?replytoid=345") == "http://x.test/post/93.html"
    # a canonical link elsewhere (a template's home page, another post) is not believed
    for url in ("http://x.test/post/94.html", "http://x.test/post/94.html?replytoid=3"):
        assert own_canonical(page, url) == url
    home = b"<link rel=canonical href='/'>"
    assert own_canonical(home, "http://x.test/post/93.html?x=1") == "http://x.test/post/93.html?x=1"
    assert own_canonical(b"<p>no link</p>", "http://x.test/a.html?b=2") == "http://x.test/a.html?b=2"
    # a server that ignores case (IIS) answers the address in any case, its parameters in any
    # order: the page's canonical is its own address
    iis = b"<link rel='canonical' href='/NewsShow.aspx?ArticleID=3412'>"
    for url in ("http://x.test/newsshow.aspx?articleid=3412&classid=12",
                "http://x.test/NewsShow.aspx?ClassID=12&ArticleID=3412"):
        assert own_canonical(iis, url) == "http://x.test/NewsShow.aspx?ArticleID=3412"
    assert own_canonical(iis, "http://x.test/newsshow.aspx?articleid=3413") == \
        "http://x.test/newsshow.aspx?articleid=3413"
    # a mobile copy's canonical at the desktop address that names its id; a template's home
    # page, another id, a further page's first page or another site are not its address
    desktop = b"<link rel='canonical' href='/index.php/news/detail/id/1807.html'>"
    assert own_canonical(desktop, "http://x.test/m/detail/1807.html") == \
        "http://x.test/index.php/news/detail/id/1807.html"
    for body, url in ((b"<link rel=canonical href='/'>", "http://x.test/m/detail/1807.html"),
                      (desktop, "http://x.test/m/detail/1808.html"),
                      (b"<link rel=canonical href='/news/1807.html'>", "http://x.test/news/1807_2.html"),
                      (b"<link rel=canonical href='http://y.test/d/1807.html'>", "http://x.test/m/1807.html")):
        assert own_canonical(body, url) == url
    # a pseudo-static address that numbers the item's first page after its id (PHPCMS's
    # show-{catid}-{id}-{page}.html) is the item's; its second page is not
    dynamic = (b"<link rel='canonical' "
               b"href='/index.php?m=content&amp;c=index&amp;a=show&amp;catid=13&amp;id=361'>")
    assert own_canonical(dynamic, "http://x.test/show-13-361-1.html") == \
        "http://x.test/index.php?m=content&c=index&a=show&catid=13&id=361"
    for url in ("http://x.test/show-13-361-2.html", "http://x.test/show-13-362-1.html"):
        assert own_canonical(dynamic, url) == url



def test_a_link_to_the_page_in_another_language_or_the_other_script_is_not_followed():
    # a Macau department's site: every page links its 简体 copy (machine-converted) and its
    # Portuguese translation, each saying so in hreflang; the page's own edition and links
    # that say nothing are followed
    switcher = ("<a href='/zh-hant/news/1/' hreflang='zh-hant'>繁體</a>"
                "<a href='/zh-hans/news/1/' hreflang='zh-hans'>简体</a>"
                "<a href='/pt/news/1/' hreflang='pt'>Português</a><a href='/zh-hant/news/2/'>下一則</a>")
    page = f"<html lang='zh-Hant-MO'><body>{switcher}</body></html>".encode()
    assert page_links(page, "http://x.test/zh-hant/news/1/").urls == [
        "http://x.test/zh-hant/news/1/", "http://x.test/zh-hant/news/2/"]
    # a region names a script too (zh-TW is Traditional); a page that names no language, or a
    # link in a tag that names no script, is every edition's
    taiwan = f"<html lang='zh-TW'><body>{switcher}</body></html>".encode()
    assert "http://x.test/zh-hans/news/1/" not in page_links(taiwan, "http://x.test/").urls
    unnamed = f"<html><body>{switcher}</body></html>".encode()
    assert len(page_links(unnamed, "http://x.test/").urls) == 4
    chinese = b"<html lang='zh'><body><a href='/b5/' hreflang='zh-Hant'>x</a></body></html>"
    assert page_links(chinese, "http://x.test/").urls == ["http://x.test/b5/"]
