"""A site some of whose articles no page links: only its sitemap lists them, named in robots.txt
by a path alone (``Sitemap: /sitemap.xml``, as many write it) and linked from a page (网站地图).
A real crawl of a local server from the site's name and start URL: every article is archived,
and a page dated only by its footer's year (© 2024) is none."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.conftest import query
from tests.page_site import crawl_site

LINKED = ["/xwzx/gzdt/1302.jhtml", "/xwzx/gzdt/1308.jhtml"]
UNLINKED = ["/xwzx/gzdt/2099.jhtml", "/xwzx/gzdt/2196.jhtml"]  # only the sitemap has them
FOOTER = "<div class='foot'>© 2024 澜州市就业服务中心 版权所有</div>"


def _paragraphs(path: str) -> list[str]:
    n = path.rsplit("/", 1)[1].split(".")[0]
    return [f"第{n}号稿件第{k}段：澜州市就业服务中心举办专场招聘会，一百余家企业进场招聘，"
            f"提供岗位三千余个，现场达成就业意向八百余人。" for k in (1, 2, 3)]


BASE: dict[str, str] = {}  # the served site's address, for the sitemap's absolute URLs


def sitemap_page(path: str) -> str | None:
    if path == "/robots.txt":
        return "User-agent: *\nDisallow: /member/\n\nSitemap: /sitemap.xml\n"
    if path == "/sitemap.xml":
        locs = "".join(f"<url><loc>{BASE['url']}{p}</loc></url>" for p in LINKED + UNLINKED)
        return f"<?xml version='1.0' encoding='UTF-8'?><urlset>{locs}</urlset>"
    if path == "/":
        links = "".join(f"<li><a href='{p}'>第{p[-9:-6]}号稿件</a></li>" for p in LINKED)
        return (f"<html><body><ul>{links}</ul><a href='/jgjj/index.jhtml'>机构简介</a>"
                f"<a href='/sitemap.xml'>网站地图</a>{FOOTER}</body></html>")
    if path == "/jgjj/index.jhtml":  # prose, and a year in its footer only
        return ("<html><head><title>机构简介</title></head><body><h1>机构简介</h1>"
                "<p>澜州市就业服务中心是市人力资源和社会保障局所属公益一类事业单位，成立于1998年，内设五个科室。</p>"
                "<p>中心负责全市公共就业服务体系建设，组织实施就业援助、职业指导和职业介绍。</p>"
                f"<p>近年来，中心不断完善“15分钟就业服务圈”，先后获得全省公共就业服务示范单位称号。</p>{FOOTER}"
                "</body></html>")
    if path in LINKED + UNLINKED:
        body = "".join(f"<p>{p}</p>" for p in _paragraphs(path))
        return (f"<html><head><title>澜州市举办专场招聘会</title></head><body><h1>澜州市举办专场招聘会</h1>"
                "<div class='info'>发布时间：2024-03-05 来源：就业服务中心</div>"
                f"<div class='content'>{body}</div>{FOOTER}</body></html>")
    return None


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    return crawl_site(sitemap_page, tmp_path_factory.mktemp("sitemap"), "lanzhou", base=BASE)


def test_articles_only_a_sitemap_lists_are_archived_and_a_page_dated_by_its_footer_is_not(crawled):
    assert crawled.result.returncode == 0, crawled.result.stderr[-2000:]
    texts = {urlsplit(url).path: text for url, text in query(crawled.db, "select url, text from articles")}
    assert sorted(texts) == sorted(LINKED + UNLINKED)
    for path in LINKED + UNLINKED:
        assert texts[path].split("\n") == _paragraphs(path)


def test_a_gzip_stream_cut_short_is_told_from_a_whole_one():
    import gzip

    from spiders.site import gzip_complete

    whole = gzip.compress(("<urlset>" + "<url><loc>http://x.test/a/1.html</loc></url>" * 200
                           + "</urlset>").encode())
    assert gzip_complete(whole)
    assert not gzip_complete(whole[: len(whole) * 6 // 10])
    assert not gzip_complete(b"\x1f\x8b" + b"\x00" * 40)  # a header and nothing a stream can read
