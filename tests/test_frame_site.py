"""An old county site laid out in frames (its home a <frameset>, its lists in <iframe>s) whose
links open pages by script (javascript:openwin('…'), onclick="location.href='…'"): a real crawl
of a local site finds every article, and no page it only frames is taken for one."""

from __future__ import annotations

import pytest

from crawler.text.links import page_links
from tests.conftest import query
from tests.page_site import crawl_site

ARTICLES = {
    1201: ("县劳动就业服务局举办春季招聘会",
           "2月26日，县劳动就业服务局在人民广场举办春季招聘会，来自县内外的56家企业提供岗位两千余个。"),
    1207: ("我县组织首批务工人员赴浙江就业",
           "3月2日，我县首批312名务工人员乘坐专车赴浙江宁波、绍兴等地就业。"),
    1215: ("县就业局开展返乡农民工创业培训",
           "3月9日，县就业局在县职业中专开办返乡农民工创业培训班，首期学员80人。"),
    1222: ("我县新建三家就业扶贫车间",
           "3月16日，我县柳河、石桥、双龙三个乡镇的就业扶贫车间同时投产，吸纳就业近两百人。"),
}
MORE = ("县劳动就业服务局有关负责人介绍，今年将继续加强与东部城市的劳务协作，"
        "多渠道促进农村劳动力转移就业。",
        "下一步，县里还将组织技能培训和岗位推介活动，确保有意愿的劳动力都能实现就业。")


def article(number: int) -> str:
    title, first = ARTICLES[number]
    paragraphs = "".join(f"<p>{line}</p>" for line in (first, *MORE))
    return (f"<html><head><title>{title}</title></head><body><table><tr><td class='title'>{title}</td></tr>"
            f"<tr><td>发布时间：2009-03-20</td></tr><tr><td class='content'>{paragraphs}</td></tr></table>"
            "<a href='javascript:window.print()'>打印本文</a></body></html>")


def frame_site(path: str) -> str | None:
    if path == "/":
        return ("<html><head><title>县劳动就业服务局</title></head><frameset rows='120,*'>"
                "<frame src='top.htm'><frame name='main' src='main.asp'></frameset></html>")
    if path == "/top.htm":
        return "<html><body><a href='main.asp' target='main'>首页</a></body></html>"
    if path == "/main.asp":
        # one list only in an iframe, one article only behind a script's link, one behind an onclick
        return ("<html><body><iframe src='list_frame.asp?ClassID=3&amp;n=8' scrolling='no'></iframe>"
                "<a href=\"javascript:openwin('ShowArticle.asp?ArticleID=1215')\">返乡农民工创业培训</a>"
                "<a href='javascript:;' onclick=\"location.href='ShowArticle.asp?ArticleID=1222'\">车间</a>"
                "<a href='javascript:void(0)'>更多</a></body></html>")
    if path == "/list_frame.asp?ClassID=3&n=8":
        return ("<html><body><ul>"
                + "".join(f"<li><a href='ShowArticle.asp?ArticleID={n}' target='_blank'>"
                          f"{ARTICLES[n][0]}</a></li>" for n in (1201, 1207))
                + "</ul></body></html>")
    number = path.removeprefix("/ShowArticle.asp?ArticleID=")
    return article(int(number)) if number.isdigit() and int(number) in ARTICLES else None


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    site = crawl_site(frame_site, tmp_path_factory.mktemp("frames"), "frames")
    assert site.result.returncode == 0, site.result.stderr[-2000:]
    return site


def test_every_article_behind_frames_and_script_links_is_archived(crawled):
    rows = query(crawled.db, "select url, title from articles")
    titles = {url.rsplit("=", 1)[1]: title for url, title in rows}
    assert titles == {str(n): title for n, (title, _) in ARTICLES.items()}
    # the frames were read as pages of links, each once
    assert crawled.hits["/list_frame.asp?ClassID=3&n=8"] == 1 and crawled.hits["/top.htm"] == 1


def test_a_script_link_names_the_page_it_opens_and_one_that_opens_none_is_no_link():
    links = page_links(
        b"<a href=\"javascript:window.open('/news/2009/0320/12.html','_blank')\">a</a>"
        b"<a href=\"javascript:alert('done.')\">b</a><a href='#' onclick='return false'>c</a>"
        b"<iframe src='/ad/banner.gif'></iframe>", "http://x.test/index.asp")
    assert links.urls == ["http://x.test/news/2009/0320/12.html", "http://x.test/ad/banner.gif"]
    assert links.texts == {"http://x.test/news/2009/0320/12.html": "a"}
