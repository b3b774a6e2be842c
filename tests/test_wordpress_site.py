"""A site of a kind nobody configured: WordPress, crawled from its name and start URL alone (a
real crawl of a local server). Its articles live in dated slug directories (pinyin, or Chinese
in percent-escapes), an article may run over /slug/2/, and every article links views of itself
(?share=print, ?replytocom=12), a search (?s=), its pictures' own pages (/attachment/…) and the
site's privacy page: only the articles are archived, each once and whole, captions in place."""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

import pytest

from tests.conftest import query
from tests.page_site import crawl_site

CHINESE_SLUG = "镜头里的石桥村帮扶车间"
# path -> (headline, paragraphs per page); page 1 first
ARTICLES = {
    "/2023/05/12/xian-rensheju-chunfeng-zhaopinhui/": ("县人社局举办春风行动专场招聘会", 1),
    f"/2023/06/03/{quote(CHINESE_SLUG).lower()}/": ("镜头里的石桥村帮扶车间", 1),
    "/2023/07/04/laowu-xiezuo-zongshu/": ("山海携手：劳务协作综述", 2),
}
CAPTION = "求职者在招聘会现场排队登记求职信息。"


def _paragraphs(path: str, page: int) -> list[str]:
    n = list(ARTICLES).index(path)
    return [f"第{n}篇第{page}页第{k}段：桐源县人社局组织专场招聘会，帮助返乡农民工在家门口就业，"
            f"现场提供岗位一千余个，达成就业意向三百多人。" for k in (1, 2, 3)]


def _views(path: str) -> str:
    # what every WordPress post links besides its text: share buttons, reply links, a search,
    # its picture's own page, the privacy page
    return (f"<a href='{path}?share=print&amp;nb=1'>打印</a><a href='{path}?share=wechat&amp;nb=1'>微信</a>"
            f"<a href='{path}?replytocom=12#respond'>回复</a><a href='/?s=招聘会'>招聘会</a>"
            f"<a href='{path}attachment/img_2031/'>图片</a><a href='/privacy-policy/'>隐私政策</a>")


def article_html(path: str, page: int) -> str:
    headline, pages = ARTICLES[path]
    paragraphs = _paragraphs(path, page)
    picture = (f"<div class='wp-caption aligncenter'><a href='{path}attachment/img_2031/'>"
               f"<img src='/wp-content/uploads/a.jpg'></a><p class='wp-caption-text'>{CAPTION}</p></div>"
               if page == 1 else "")
    pager = ""
    if pages > 1:
        pager = ("<div class='page-links'>页： " + " ".join(
            f"<a href='{path}{'' if n == 1 else f'{n}/'}'>{n}</a>" for n in range(1, pages + 1)) + "</div>")
    return (f"<html><head><meta charset='utf-8'><title>{headline} – 桐源新闻网</title></head><body>"
            "<nav><a href='/'>首页</a><a href='/category/jiuye/'>就业创业</a></nav>"
            f"<article><h1 class='entry-title'>{headline}</h1>"
            "<div class='entry-meta'>发布于 <time datetime='2023-05-12T09:00:00+08:00'>"
            "2023年5月12日</time></div>"
            f"<div class='entry-content'><p>{paragraphs[0]}</p>{picture}"
            + "".join(f"<p>{p}</p>" for p in paragraphs[1:]) + f"{pager}</div>"
            f"<div class='sharedaddy'>{_views(path)}</div></article>"
            "<footer>© 2023 桐源新闻网</footer></body></html>")


def category_html(page: int) -> str:
    links = "".join(f"<li><a href='{path}'>{headline}</a></li>" for path, (headline, _) in ARTICLES.items())
    more = "<a href='/category/jiuye/page/2/'>下一页</a>" if page == 1 else ""
    return f"<html><body><ul>{links}</ul>{more}</body></html>"


def wordpress_page(path_and_query: str) -> str | None:
    path = urlsplit(path_and_query).path
    if path in ("/", "/category/jiuye/"):
        return category_html(1)
    if path == "/category/jiuye/page/2/":
        return category_html(2)
    if path == "/privacy-policy/":  # prose and a date: an article to the eye
        return ("<html><body><h1>隐私政策</h1><p>2023年5月1日更新。本站尊重并保护所有用户的个人隐私权，"
                "未经用户许可不会向第三方公开或透露用户信息。本站会采取合理措施保护用户信息安全。</p>"
                "<p>用户可随时联系本站更正或删除其个人信息。</p></body></html>")
    for article, (_, pages) in ARTICLES.items():
        for page in range(1, pages + 1):
            if unquote(path).lower() == unquote(article + ("" if page == 1 else f"{page}/")).lower():
                return article_html(article, page)
    return None


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    site = crawl_site(wordpress_page, tmp_path_factory.mktemp("wordpress"), "tongyuan")
    return site.db, site.result, site.hits


def test_only_the_articles_are_archived_each_once_and_whole(crawled):
    db, result, hits = crawled
    assert result.returncode == 0, result.stderr[-2000:]
    texts = {unquote(urlsplit(url).path): text for url, text in query(db, "select url, text from articles")}
    assert sorted(texts) == sorted(unquote(path) for path in ARTICLES)
    for path, (_, pages) in ARTICLES.items():
        expected = [p for n in range(1, pages + 1) for p in _paragraphs(path, n)]
        expected.insert(1, CAPTION)  # the picture's caption, in place
        assert texts[unquote(path)].split("\n") == expected


def test_views_of_an_article_and_the_sites_own_pages_are_not_fetched(crawled):
    _, _, hits = crawled
    fetched = set(hits)
    assert not [url for url in fetched if "share=" in url or "replytocom" in url or "?s=" in url]
    assert not [url for url in fetched if "/attachment/" in url]
    assert "/privacy-policy/" not in fetched
