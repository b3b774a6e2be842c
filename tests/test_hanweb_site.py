"""A Hanweb (大汉) government site, crawled from its name and start URL alone (a real crawl of a
local server): its lists carry their records as markup inside a script (``<script
type="text/xml"><datastore><record><![CDATA[<li><a href=…>``), and the records past the
first group come from ``dataproxy.jsp``, whose answer is that XML again. Every article is
reached through them, and none of the site's other pages is archived."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.conftest import query
from tests.page_site import crawl_site

ARTICLES = {f"/art/2023/5/{day}/art_1229_45210{day:02d}.html": day for day in range(1, 8)}
PROXY = "/module/web/jpage/dataproxy.jsp?startrecord=4&endrecord=7&perpage=3&col=1&columnid=1229"
SOFT_404 = "/art/2022/11/3/art_1229_2987611.html"


def _paragraphs(day: int) -> list[str]:
    return [f"5月{day}日，青岭县人社局在龙泉镇举办第{day}场就业帮扶专场招聘会，{k}十余家企业进场招聘，"
            f"提供岗位三百余个，现场达成就业意向一百余人。" for k in "一二三"]


def _datastore(paths: list[str], next_group: str = "") -> str:
    records = "".join(
        f"<record><![CDATA[<li><a href='{path}' target='_blank'>第{ARTICLES.get(path, 0)}场招聘会</a>"
        f"<span>2023-05-{ARTICLES.get(path, 0):02d}</span></li>]]></record>" for path in paths)
    group = f"<a href=\"{next_group.replace('&', '&amp;')}\"></a>" if next_group else ""
    return (f"<datastore><nextgroup><![CDATA[{group}]]></nextgroup>"
            f"<recordset>{records}</recordset></datastore>")


# A column whose list pages only through jpage.js's proxy: its <nextgroup> link asks page=1,
# the first records again, as Hanweb writes it; the pages past them are asked from the
# parameters the page's JPage configuration posts. Its items are pictures' news (a photo, one
# sentence under it), one under a <title> that is the office's name alone.
PHOTOS = {f"/art/2023/6/{day}/art_1230_46310{day:02d}.html": day for day in range(1, 6)}
JPAGE_PARAMS = "col=1&appid=1&webid=33&path=/&columnid=1230&unitid=5678"
OFFICE = "青岭县人力资源和社会保障局"


def _photo_caption(day: int) -> str:
    return f"6月{day}日，青岭县人社局工作人员走进龙泉镇第{day}个就业帮扶车间，为务工群众讲解稳岗补贴政策。"


def _photo_headline(day: int) -> str:
    return f"县人社局走进第{day}个就业帮扶车间宣讲政策"


def _photos_page(path: str) -> str | None:
    if path == "/col/col1230/index.html":
        first = list(PHOTOS)[:2]
        return ("<html><head><meta charset='utf-8'><title>图片新闻_青岭县人力资源和社会保障局</title></head>"
                "<body><div id='5678'><script type='text/xml'>"
                + _datastore(first, f"/module/web/jpage/dataproxy.jsp?page=1&{JPAGE_PARAMS}")
                + "</script></div>"
                "<script>var jp = new JPage({containerId: '5678', perPage: 2, totalRecord: 5,"
                " proxyUrl: '/module/web/jpage/dataproxy.jsp', ajaxParam: {col:1, appid:1, webid:33,"
                f" path:'/', columnid:1230, unitid:5678, webname:'{OFFICE}', permissiontype:0}}}});"
                "</script></body></html>")
    base, _, query = path.partition("?")
    if base == "/module/web/jpage/dataproxy.jsp" and "columnid=1230" in query:
        fields = dict(pair.partition("=")[::2] for pair in query.split("&"))
        if "startrecord" not in fields:  # page=1: the first group again
            return f"<?xml version='1.0' encoding='UTF-8'?>{_datastore(list(PHOTOS)[:2])}"
        start, end = int(fields["startrecord"]), int(fields["endrecord"])
        return f"<?xml version='1.0' encoding='UTF-8'?>{_datastore(list(PHOTOS)[start - 1:end])}"
    if path in PHOTOS:
        day = PHOTOS[path]
        title = OFFICE if day == 3 else f"{_photo_headline(day)}_{OFFICE}"
        return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
                "<div class='nav'><a href='/'>首页</a><a href='/col/col1230/index.html'>图片新闻</a></div>"
                f"<table><tr><td class='title'>{_photo_headline(day)}</td></tr>"
                f"<tr><td>发布日期：2023-06-{day:02d} 信息来源：县人社局</td></tr></table>"
                f"<div id='zoom'><p><img src='/picture/{day}.jpg'></p><p>{_photo_caption(day)}</p></div>"
                f"<div class='foot'>主办：{OFFICE}　地址：青岭县龙泉路8号　电话：0839-1234567</div>"
                "</body></html>")
    return None


def hanweb_page(path: str) -> str | None:
    if (photos := _photos_page(path)) is not None:
        return photos
    first, rest = list(ARTICLES)[:3], [*list(ARTICLES)[3:], SOFT_404]
    template = ("<html><head><meta charset='utf-8'><title>{title}_青岭县人力资源和社会保障局</title>"
                "</head><body>"
                "<div class='nav'><a href='/'>首页</a><a href='/col/col1229/index.html'>工作动态</a>"
                "<a href='/col/col1230/index.html'>图片新闻</a></div>"
                "{body}<div class='foot'>主办：青岭县人力资源和社会保障局</div></body></html>")
    if path in ("/", "/col/col1229/index.html"):
        # the list as Hanweb writes it: its records in a script, read by jpage.js in a browser
        body = (f"<div id='4563'><script type='text/xml'>{_datastore(first, PROXY)}</script></div>"
                "<script>$('#4563').jpage({perPage:3, totalRecord:8,"
                " proxyUrl:'/module/web/jpage/dataproxy.jsp'});</script>")
        return template.format(title="工作动态", body=body)
    if path == PROXY:
        return f"<?xml version='1.0' encoding='UTF-8'?>{_datastore(rest)}"
    if path in ARTICLES:
        day = ARTICLES[path]
        body = (f"<div class='title'>青岭县举办第{day}场就业帮扶专场招聘会</div>"
                f"<div class='info'>发布日期：2023-05-{day:02d} 信息来源：县人社局</div>"
                "<div id='zoom'>" + "".join(f"<p>{p}</p>" for p in _paragraphs(day)) + "</div>")
        return template.format(title=f"青岭县举办第{day}场就业帮扶专场招聘会", body=body)
    if path == SOFT_404:  # a deleted article: the template says so, with a 200
        body = "<div class='tips'>对不起，您访问的信息已删除或不存在！</div>"
        return template.format(title="提示信息", body=body)
    return None


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    site = crawl_site(hanweb_page, tmp_path_factory.mktemp("hanweb"), "qingling")
    return site.db, site.result, list(site.hits)


def test_every_article_a_script_or_the_next_group_lists_is_archived_and_nothing_else(crawled):
    db, result, fetched = crawled
    assert result.returncode == 0, result.stderr[-2000:]
    rows = {urlsplit(url).path: (title, text)
            for url, title, text in query(db, "select url, title, text from articles")}
    assert sorted(rows) == sorted([*ARTICLES, *PHOTOS])  # the deleted one's page is no article
    for path, day in ARTICLES.items():
        assert rows[path][1].split("\n") == _paragraphs(day)
    assert PROXY in fetched  # the records past the first group came from the proxy's XML
    # the photo column's records past its first two came from the proxy asked as jpage.js asks
    assert any(url.startswith("/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=5&perpage=2&")
               and "columnid=1230" in url for url in fetched)
    # a picture's news, one sentence under its photo, is an item of the site's news; the one
    # whose <title> names the office alone takes the headline set large above it
    assert {path: rows[path] for path in PHOTOS} == {
        path: (_photo_headline(day), _photo_caption(day)) for path, day in PHOTOS.items()}


def test_links_written_as_markup_in_scripts_and_cdata_are_read_and_code_is_not():
    from crawler.text.links import page_links

    body = ("<script type='text/xml'><datastore><nextgroup><![CDATA[<a href=\"/dp.jsp?a=1&amp;b=2\"></a>]]>"
            "</nextgroup><record><![CDATA[<li><a href='/art/1.html'>一</a></li>]]></record>"
            "</datastore></script>"
            "<script>document.write('<a href=\\\"/w/2.html\\\">二</a>');"
            "var item = '<a href=\"' + url + '\">' + title + '</a>';</script><a href='/plain.html'>三</a>")
    assert page_links(body.encode(), "http://x.test/col/").urls == [
        "http://x.test/dp.jsp?a=1&b=2", "http://x.test/art/1.html", "http://x.test/w/2.html",
        "http://x.test/plain.html"]
    # the proxy's answer, XML served as HTML: its CDATA reads as comments to an HTML parser
    answer = ("<?xml version='1.0'?><datastore><nextgroup><![CDATA[<a href=\"/dp.jsp?page=3\"></a>]]>"
              "</nextgroup><recordset><record><![CDATA[<li><a href='/art/4.html'>四</a></li>]]></record>"
              "</recordset></datastore>")
    assert page_links(answer.encode(), "http://x.test/dp.jsp").urls == [
        "http://x.test/dp.jsp?page=3", "http://x.test/art/4.html"]
