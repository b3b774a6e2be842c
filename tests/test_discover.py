"""Sites by their address alone (issue 16): URL shapes of Chinese CMSs, pages that read as
articles, and crawls of sites whose entries name no patterns."""

from __future__ import annotations

import functools
import json
import re
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawler.demo import SITES_FILE as DEMO_SITES_FILE
from crawler.demo.server import DemoServer
from crawler.discover.pages import article_evidence
from crawler.discover.urls import ARTICLE, LIST_PAGE, NEITHER, UNKNOWN, names_gallery, url_kind
from tests.conftest import newsarchive, query

FAST = ["-s", "AUTOTHROTTLE_START_DELAY=0.01", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        "--log-level", "WARNING"]


@pytest.mark.parametrize(("url", "kind"), [
    # articles, in the schemes public crawlers of Chinese sites use
    ("http://www.mohrss.gov.cn/SYrlzyhshbzb/dongtaixinwen/buneiyaowen/202305/t20230512_499111.html", ARTICLE),
    ("https://www.zj.gov.cn/art/2023/5/12/art_1229_4567890.html", ARTICLE),
    ("http://www.chinajob.gov.cn/Difang/content/2023-05/12/content_8812345.htm", ARTICLE),
    ("http://www.news.cn/2023-05/12/c_1129613712.htm", ARTICLE),
    ("https://www.hxnews.com/news/fj/fz/202305/12/4812345.shtml", ARTICLE),
    # (an id led by a capital, a government's press release: P + its day + a serial)
    ("https://www.info.gov.hk/gia/general/202404/16/P2024041600147.htm", ARTICLE),
    ("https://news.hnr.cn/djn/article/1/1656548436871954432", ARTICLE),
    ("http://rsj.example.gov.cn/NewsDetail.aspx?id=812", ARTICLE),
    ("http://news.example.cn/a/2021/06/08/jobs-fair.html", ARTICLE),
    ("http://bbs.example.cn/read.php?tid=345678&page=2", ARTICLE),  # page 2 of a thread
    ("http://bbs.example.cn/forum.php?mod=viewthread&tid=418696&page=1", ARTICLE),
    # list pages
    ("http://rsj.example.gov.cn/gzdt/index_2.html", LIST_PAGE),
    ("http://www.example.cn/node_123_2.htm", LIST_PAGE),
    ("http://www.example.cn/news/list_3.shtml", LIST_PAGE),
    ("http://www.example.cn/list.aspx?pageNum=2", LIST_PAGE),
    ("http://www.example.cn/index.php?m=content&c=index&a=lists&catid=12&page=2", LIST_PAGE),
    ("http://www.example.cn/plus/list.php?tid=3&PageNo=2", LIST_PAGE),  # DedeCMS: tid names a type
    ("http://www.example.cn/c/jiuye/page/2/", LIST_PAGE),
    ("http://www.example.cn/gzdt/", LIST_PAGE),
    ("http://www.example.cn/news/2023/05/", LIST_PAGE),
    ("http://blog.example.cn/?paged=3", LIST_PAGE),
    # neither
    ("http://www.example.cn/search?q=扶贫", NEITHER),
    ("http://www.example.cn/tag/就业/", NEITHER),
    ("http://www.example.cn/tags.php?/%B4%BA%B7%E7%D0%D0%B6%AF/", NEITHER),  # DedeCMS's tag script
    ("http://www.example.cn/video/2023/05/12/123456.html", NEITHER),
    ("http://www.example.cn/contact/", NEITHER),
    ("http://www.example.cn/ldjj/zhangsan.html", NEITHER),
    ("http://www.example.cn/login.jsp", NEITHER),
    ("https://sc.info.gov.hk/gb/www.info.gov.hk/gia/general/202404/16/P2024041600147.htm", NEITHER),
    ("https://www.info.gov.hk/en/gia/general/202404/16/P2024041600147.htm", NEITHER),
    ("http://www.example.cn/web/20240416/http://rsj.example.gov.cn/a/1.html", NEITHER),
    ("http://www.example.cn/zt/2023/jiuye/", NEITHER),
    ("http://www.example.cn/topics/", NEITHER),
    ("http://home.example.cn/u/lyj/", NEITHER),
    ("http://www.example.cn/people/12345678/", NEITHER),
    ("http://blog.example.cn/feed/", NEITHER),
    # no shape says
    ("http://www.example.cn/p/jobs-fair.html", UNKNOWN),
    # one item, whatever its shape says at first sight: the page decides
    ("http://blog.example.cn/?p=2381", UNKNOWN),  # WordPress's post, not a page number
    ("https://www.info.gov.hk/gia/general/202404/16c.htm", UNKNOWN),  # a day's index, no id
    ("http://blog.example.cn/pot-desktop/", UNKNOWN),  # a slug, not a channel
    ("http://blog.example.cn/2023/05/css-text-wrap-balance/", UNKNOWN),
    ("http://www.example.cn/group/topic/287654321/", UNKNOWN),  # a forum's topic by its id
    ("http://bbs.example.cn/topics/613456789", UNKNOWN),
    # an ASP.NET or PHP list script, by its name, with a channel or a page in its query
    ("http://rsj.example.gov.cn/News/List.aspx?ClassId=3", LIST_PAGE),
    ("http://rsj.example.gov.cn/News/List.aspx?ClassId=3&Page=2", LIST_PAGE),
    ("http://www.example.cn/plus/list.php?tid=3", LIST_PAGE),
    ("http://rsj.example.gov.cn/News/Show.aspx?Id=4812", ARTICLE),
    # WordPress: a post is a dated slug's directory, in pinyin or in Chinese escaped; a query
    # added is a view of it; a search by ?s= (not ThinkPHP's route, ?s=/home/…); a picture's page
    ("http://www.example.cn/2023/05/12/xian-rensheju-zhaopinhui/", ARTICLE),
    ("http://www.example.cn/2023/06/03/%e5%b0%b1%e4%b8%9a%e5%b8%ae%e6%89%b6/", ARTICLE),
    ("http://www.example.cn/2023/05/12/", LIST_PAGE),
    ("http://www.example.cn/2023/05/12/xian-rensheju-zhaopinhui/?share=print&nb=1", NEITHER),
    ("http://www.example.cn/2023/05/12/xian-rensheju-zhaopinhui/?replytocom=12", NEITHER),
    ("http://www.example.cn/?s=招聘会", NEITHER),
    # ... and a number there is an item's id (Taiwan's government sites: n, sms and its serial s)
    ("http://www.example.tw/News_Content.aspx?n=1234&sms=5678&s=903532", UNKNOWN),
    # Discuz: a thread's archiver copy, its print view, a portal article's comments
    ("http://bbs.example.cn/archiver/tid-4411.html", NEITHER),
    ("http://bbs.example.cn/forum.php?mod=viewthread&action=printable&tid=4647", NEITHER),
    ("http://bbs.example.cn/portal.php?mod=comment&id=150&idtype=aid", NEITHER),
    ("http://bbs.example.cn/forum.php?mod=viewthread&tid=4670&page=1&authorid=2292", NEITHER),
    ("http://bbs.example.cn/forum.php?mod=viewthread&tid=4634&extra=page%3D1&ordertype=1", NEITHER),
    ("http://bbs.example.cn/portal.php?mod=view&aid=150", UNKNOWN),
    # (ThinkPHP's route in the query is no search: an action and its id, an article)
    ("http://www.example.cn/index.php?s=/home/article/id/12", ARTICLE),
    ("http://www.example.cn/2023/05/12/xian-rensheju-zhaopinhui/attachment/img_2031/", NEITHER),
    ("http://www.example.cn/privacy-policy/", NEITHER),
    ("http://www.example.cn/%e5%85%b3%e4%ba%8e%e6%88%91%e4%bb%ac/", UNKNOWN),
    # a print view, by the name of its script (EmpireCMS's DoPrint), not a word that holds it
    ("http://www.example.cn/e/DoPrint/?classid=3&id=1234", NEITHER),
    ("http://www.example.cn/printpage.asp?ArticleID=812", NEITHER),
    ("http://www.example.cn/e/action/ShowInfo.php?classid=3&id=456", ARTICLE),
    ("http://www.example.cn/news/blueprint-2030.html", UNKNOWN),
    # an AMP copy of an article, not a word that holds amp
    ("http://www.example.cn/amp/news/20240506/a1b2c3d4.html", NEITHER),
    ("http://www.example.cn/2024/05/06/zhaopinhui/amp/", NEITHER),
    ("http://www.example.cn/news/20240506/a1b2c3d4.html?amp=1", NEITHER),
    ("http://www.example.cn/news/ampere-2024.html", UNKNOWN),
    # a page of a list named a list by its directory; an article under a dated path stays one
    ("http://www.example.cn/list/jiuye/2.html", LIST_PAGE),
    # a guestbook, EmpireCMS's and DedeCMS's, by its script's name
    ("http://www.example.cn/e/tool/gbook/?bid=1", NEITHER),
    ("http://www.example.cn/plus/guestbook.php", NEITHER),
    # a letter box's letters and their replies (领导信箱); an address that names mail otherwise
    # (an article about e-mail) is unknown
    ("http://www.example.cn/Mail/MailShow.aspx?MailID=55", NEITHER),
    # 博达 VSB's item: a column's id and the item's under /info/ (its lists count pages down)
    ("http://www.example.cn/info/1011/5678.htm", ARTICLE),
    ("http://www.example.cn/xwzx/zwyw/9.htm", UNKNOWN),
    # ThinkPHP's path-info: an action and its id as path segments (a list's cid is no item's)
    ("http://www.example.cn/index.php/news/detail/id/1234.html", ARTICLE),
    ("http://www.example.cn/index.php/news/lists/cid/3.html", LIST_PAGE),
    ("http://www.example.cn/ldxx/2024/12.html", NEITHER),
    ("http://www.example.cn/news/email-scam-warning.html", UNKNOWN),
    # a government portal's 互动交流 section by its CMS's pinyin initials: the platform's letters,
    # an online interview (在线访谈), a poll (网上调查) under 政民互动; its news column stays an
    # article, and a word that only begins so (hdjlx.html) is unknown
    ("http://www.example.gov.cn/hdjlpt/detail?pid=5126779", NEITHER),
    ("http://www.example.gov.cn/zmhd/zxft/content/post_3613328.html", NEITHER),
    ("http://www.example.gov.cn/zmhd/wsdc/content/post_3667718.html", NEITHER),
    ("http://www.example.gov.cn/zwgk/zwdt/content/post_3845612.html", UNKNOWN),
    ("http://www.example.gov.cn/news/hdjlx.html", UNKNOWN),
    # PHPCMS routes by module, controller and action: its guestbook, login and tag pages are
    # neither, its show action with an id is an article (the static copy's twin)
    ("http://www.example.cn/index.php?m=guestbook&c=index&a=show&id=8", NEITHER),
    ("http://www.example.cn/index.php?m=member&c=index&a=login", NEITHER),
    ("http://www.example.cn/index.php?m=content&c=tag&a=lists&tag=%E6%8B%9B%E8%81%98", NEITHER),
    ("http://www.example.cn/index.php?m=content&c=index&a=show&catid=9&id=356", ARTICLE),
    ("http://www.example.cn/index.php?m=content&c=index&a=lists&catid=9", UNKNOWN),
    # an old archive's two-digit ids under a dated path
    ("http://www.example.cn/html/lsxx/2015/0916/31.html", ARTICLE),
    # one post by its id under a word for one (Z-Blog, Typecho); a comment's reply link to it
    # is a view of it; a page of posts is a list
    ("http://blog.example.cn/post/93.html", ARTICLE),
    ("http://blog.example.cn/archives/93/", ARTICLE),
    ("http://blog.example.cn/post/93.html?replytoid=345", NEITHER),
    ("http://blog.example.cn/post/93.html?comment_page=2", NEITHER),
    ("http://blog.example.cn/post/", LIST_PAGE),
    ("http://blog.example.cn/posts/zhaopinhui-2024.html", UNKNOWN),
])
def test_url_shapes(url, kind):
    assert url_kind(url)[0] == kind


PROSE = ("3月5日，由县人力资源和社会保障局主办的2016年春风行动大型招聘会在县城文化广场举行。"
         "来自县内外的86家用人单位进场招聘，提供岗位4200余个。为方便偏远乡镇群众参会，县就业服务中心提前一周张贴招聘简章，并开通免费接送专线。"
         "招聘会现场还设立了政策咨询、技能培训报名、社保业务办理等服务台，发放宣传资料5000余份。")


PROFILE = "张三，男，汉族，1970年5月生，大学学历，中共党员。现任县人力资源和社会保障局局长。"


def test_a_page_reads_as_an_article_by_its_prose_and_date():
    assert article_evidence(PROSE, "2016-03-05") is None
    assert "publication date" in article_evidence(PROSE, None)
    headlines = "\n".join(f"县人社局举办第{n}场就业扶贫专场招聘会 2016-03-{n:02d}"
                          for n in range(1, 20))
    assert "headlines" in article_evidence(headlines + "。。。", "2016-03-05")
    assert "profile" in article_evidence(PROFILE * 4 + PROSE, "2016-03-05")
    contact = "联系电话：0591-12345678。地址：福州市鼓楼区。"
    assert "Chinese characters" in article_evidence(contact, "2016-03-05")
    # a county's news brief: three sentences, under a hundred characters, still an article
    brief = ("4月18日，县就业服务中心开展创业担保贷款政策宣讲。\n今年以来，全县共发放创业担保贷款674.0万元，"
             "扶持200名创业者，带动就业2370人。\n下一步，我县将进一步优化创业环境。")
    assert article_evidence(brief, "2023-04-18") is None


def test_a_data_tables_rows_are_neither_prose_nor_headlines():
    # three sentences over a table of towns and counts: an article; a ranking of headlines with
    # numbers before them, or headlines with their dates, stays a list
    towns = ("城关", "石门", "白沙", "桂溪", "高枧", "青岗", "龙潭", "下坪")
    rows = "\n".join(f"{town}镇 {n * 37} {n * 1.5}" for n, town in enumerate(towns, 1))
    table = ("近日，县人社局公布2023年一次性吸纳就业补贴发放情况，共补助企业86家。\n"
             f"乡镇 人数（人） 金额（万元）\n{rows}\n补贴资金已全部拨付到位。县人社局将加强资金监管。")
    assert article_evidence(table, "2024-03-14") is None
    ranking = "\n".join(f"{n} 县人社局举办第{n}场就业扶贫专场招聘会 2016-03-{n:02d}" for n in range(1, 20))
    assert "headlines" in article_evidence(ranking + "。。。", "2016-03-05")


def test_a_signed_notice_is_an_article_however_short_and_however_much_a_list():
    # 公示: one sentence around a list of names, signed by its sender over the date
    notice = ("根据《川南市创业孵化基地认定管理办法》，经评审，拟认定以下单位为市级创业孵化基地，"
              "现予以公示：\n"
              "1．石门县电子商务创业孵化园\n2．川南职业技术学院大学生创业园\n3．平山县返乡农民工创业园\n"
              "公示期为9月12日至9月18日。\n联系电话：0854-8210216\n川南市人力资源和社会保障局\n2016年9月12日")
    assert article_evidence(notice, "2016-09-12") is None
    assert "publication date" in article_evidence(notice, None)
    # unsigned, the same lines are a list with a sentence: no article
    assert article_evidence(notice.rsplit("\n", 2)[0], "2016-09-12") is not None
    # a list of headlines ending in a date, or a department's name, is no signature
    headlines = "\n".join(f"县人社局举办第{n}场就业扶贫专场招聘会" for n in range(1, 20))
    assert article_evidence(headlines + "\n县人社局办公室\n第19场", "2016-03-05") is not None
    assert article_evidence(headlines + "\n关于我们 联系我们\n2016年3月5日", "2016-03-05") is not None


def test_the_demo_sites_without_patterns_archive_the_same_articles(demo_run, tmp_path):
    """Entries with a name and start URLs only: every article the configured crawl archives,
    and nothing else."""
    reference = demo_run[0]
    entries = tomllib.loads(Path(DEMO_SITES_FILE).read_text(encoding="utf-8"))["site"]
    sites = tmp_path / "bare.toml"
    sites.write_text("".join(f'[[site]]\nname = "{entry["name"]}"\n'
                             f'start_urls = {json.dumps(entry["start_urls"])}\n\n' for entry in entries),
                     encoding="utf-8")
    db = tmp_path / "bare.db"
    with DemoServer() as demo:
        newsarchive("crawl", "--db", str(db), "--sites-file", str(sites),
                    "-s", f"SITE_PROXY={demo.proxy_url}", *FAST)
    sql = "select url, title, published, text from articles order by url"
    assert query(db, sql) == query(reference, sql)
    assert len(query(db, sql)) == 36
    rejected = [json.loads(failures or "{}") for (failures,) in query(db, "select failures from crawls")]
    print(rejected)


def _page(title: str, body: str, charset: str = "utf-8") -> bytes:
    return (f"<html><head><meta charset='{charset}'><title>{title}</title></head><body>"
            "<div class='nav'><a href='/'>首页</a> <a href='/gzdt/index.html'>工作动态</a> "
            "<a href='/ldjj/zhang.html'>领导简介</a> <a href='/p/zhangsan.html'>局长</a> "
            "<a href='/p/dizhi.html'>联系我们</a> "
            "<a href='/p/topic.html'>专题</a> <a href='/video/2023/05/12/123456.html'>视频</a> "
            "<a href='/search?q=扶贫'>搜索</a></div>"
            f"{body}<div class='footer'>主办：某县人力资源和社会保障局</div></body></html>").encode(charset)


def _article(title: str, date: str) -> str:
    paragraphs = "".join(f"<p>{PROSE}</p>" for _ in range(3))
    return (f"<h1>{title}</h1><div class='info'>发布时间：{date} 来源：县人社局</div>"
            f"<div class='content'>{paragraphs}</div>")


COUNTY_ARTICLES = {
    "gzdt/202305/t20230512_1001.html": ("县人社局举办春风行动招聘会", "2023-05-12", "gbk"),
    "art/2023/5/13/art_12_2002.html": ("县就业服务中心开展技能培训", "2023-05-13", "utf-8"),
    "p/jobs-fair.html": ("扶贫车间吸纳就业三百人", "2023-05-14", "utf-8"),
}


@contextmanager
def county_site(tmp_path: Path, extra: dict[str, bytes] | None = None) -> Iterator[str]:
    """A local site of one county bureau, served on 127.0.0.1: articles in three URL schemes
    (one that no shape names), list pages, a leader's page, an address page, a special topic's
    index, a video page and a search; GBK and UTF-8. Yields its base URL."""
    articles = COUNTY_ARTICLES
    headlines = "".join(f"<li><a href='/{path}'>{title}</a> {date}</li>"
                        for path, (title, date, _) in articles.items())
    others = {
        "index.html": _page("某县人社局", f"<ul>{headlines}</ul>"),
        "gzdt/index.html": _page("工作动态", f"<ul>{headlines}</ul><a href='/gzdt/index_1.html'>下一页</a>"),
        "gzdt/index_1.html": _page("工作动态", f"<ul>{headlines}</ul>"),
        "ldjj/zhang.html": _page("局长 张三", "<p>" + "张三，男，汉族，1970年5月生，大学学历。" * 8 + "</p>"),
        "p/zhangsan.html": _page("局长 张三", f"<p>发布时间：2023-05-01</p><p>{PROFILE * 4}</p>"),
        "p/dizhi.html": _page("联系我们", "<p>地址：某县人民路1号。电话：0591-12345678。</p>"),
        "p/topic.html": _page("就业扶贫专题", "<ul>" + "".join(
            f"<li><a href='/p/jobs-fair.html'>就业扶贫专题报道第{n}篇</a> 2023-05-{n:02d}</li>"
            for n in range(1, 25)) + "</ul>"),
        "video/2023/05/12/123456.html": _page("视频：招聘会现场", "<p>招聘会现场。2023-05-12</p>"),
    }
    others.update(extra or {})
    root = tmp_path / "site"
    for path, body in others.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(body)
    for path, (title, date, charset) in articles.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(_page(title, _article(title, date), charset))
    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/redirect-away":  # to another host name of this machine: another site
                self.send_response(302)
                self.send_header("Location", f"http://localhost:{self.server.server_address[1]}/")
                self.end_headers()
                return
            super().do_GET()

        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Handler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def test_a_site_without_patterns_archives_its_articles_and_nothing_else(tmp_path):
    """The county site from a name and a start URL: its three articles, nothing else."""
    articles = COUNTY_ARTICLES
    with county_site(tmp_path) as base:
        sites = tmp_path / "sites.toml"
        sites.write_text(f'[[site]]\nname = "county"\nstart_urls = ["{base}/"]\n', encoding="utf-8")
        newsarchive("crawl", "county", "--db", str(tmp_path / "c.db"), "--sites-file", str(sites), *FAST)
    archived = {url.removeprefix(base + "/"): title for url, title in query(tmp_path / "c.db",
                                                                           "select url, title from articles")}
    assert archived == {path: title for path, (title, _, _) in articles.items()}
    # the special topic's index, the address page and a leader's profile were fetched (their
    # URLs have no shape) and found to be no articles; the other leader's page, the video and
    # the search were not fetched at all (their URLs say)
    failures = json.loads(query(tmp_path / "c.db", "select failures from crawls")[0][0])
    assert sum(failures.values()) == 3
    assert set(failures) <= {"not an article", "nothing left after cleaning"}


def test_add_site_writes_an_entry_that_crawls_the_same_articles(tmp_path):
    sites = tmp_path / "config" / "sites.toml"
    with county_site(tmp_path) as base:
        added = newsarchive("add-site", f"{base}/", "--name", "county", "--sites-file", str(sites))
        newsarchive("crawl", "county", "--db", str(tmp_path / "a.db"), "--sites-file", str(sites), *FAST)
    assert "3 articles" in added.stdout and "reads as an article" in added.stdout
    entry = tomllib.loads(sites.read_text("utf-8"))["site"][0]
    assert entry["article_patterns"] and entry["name"] == "county"
    # an article named by words stands for its directory's next ones, not its non-articles
    takes = lambda path: any(re.search(p, path) for p in entry["article_patterns"])  # noqa: E731
    assert takes("/p/next-story.html") and takes("/gzdt/202401/t20240101_77.html")
    assert not takes("/p/topic.html") and not takes("/p/dizhi.html") and not takes("/gzdt/index.html")
    archived = {url.removeprefix(base + "/")
                for (url,) in query(tmp_path / "a.db", "select url from articles")}
    assert archived == set(COUNTY_ARTICLES)
    again = newsarchive("add-site", f"{base}/", "--name", "county", "--sites-file", str(sites), check=False)
    assert again.returncode == 1 and "already has a site called 'county'" in again.stderr


@pytest.mark.parametrize(("path", "said"), [
    ("report.pdf", "is not a web page (application/pdf)"),
    ("missing/", "answers HTTP 404"),
    ("login.html", "asks for a login"),
    ("away.html", "redirects to another site"),
    ("lonely.html", "no page of"),
])
def test_add_site_refuses_what_is_not_a_site_and_writes_nothing(tmp_path, path, said):
    extra = {
        "report.pdf": b"%PDF-1.4 " + bytes(range(256)) * 20,
        "login.html": b"<html><body><form><input name=u><input type=password name=p></form></body></html>",
        "lonely.html": "<html><head><meta charset='utf-8'></head><body>欢迎</body></html>".encode(),
    }
    sites = tmp_path / "sites.toml"
    with county_site(tmp_path, extra) as base:
        url = f"{base}/{path}"
        if path == "away.html":
            url = f"{base}/redirect-away"
        result = newsarchive("add-site", url, "--sites-file", str(sites), "--pages", "5", check=False)
    assert result.returncode == 1, result.stdout
    assert said in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not sites.exists()


@contextmanager
def served(files: dict) -> Iterator[str]:
    """Serve ``path -> (body, content type)`` on 127.0.0.1 with real HTTP headers; ``{base}`` in
    a body is the server's own address (a body may be a function of it). Yields the base URL."""
    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path not in files:
                self.send_error(404)
                return
            body, kind = files[self.path]
            body = body(base) if callable(body) else body.replace(b"{base}", base.encode())
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield base
    finally:
        server.shutdown()


def crawl_bare(tmp_path: Path, files: dict) -> set[str]:
    """Crawl a served site from an entry with a name and a start URL only; the paths archived."""
    with served(files) as base:
        sites = tmp_path / "bare.toml"
        sites.write_text(f'[[site]]\nname = "bare"\nstart_urls = ["{base}/"]\n', encoding="utf-8")
        newsarchive("crawl", "bare", "--db", str(tmp_path / "bare.db"), "--sites-file", str(sites), *FAST)
    return {url.removeprefix(base) for (url,) in query(tmp_path / "bare.db", "select url from articles")}


def _story(n: int, charset: str) -> bytes:
    title = f"第{n}批务工人员乘专列抵达"
    text = PROSE
    if charset == "big5":
        import opencc

        title, text = (opencc.OpenCC("s2tw").convert(part) for part in (title, text))
    paragraphs = "".join(f"<p>{text}</p>" for _ in range(3))
    return (f"<!doctype html><html><head><meta charset='{charset}'><title>{title}</title></head><body>"
            f"<article><h1>{title}</h1><p class='info'>2023-05-{n + 10:02d} 来源：人社局</p>{paragraphs}"
            "</article></body></html>").encode(charset, "xmlcharrefreplace")


HTML_GBK, HTML_UTF8 = "text/html; charset=gbk", "text/html; charset=utf-8"
HTML_BIG5 = "text/html; charset=big5"


def sitemap_site() -> tuple[dict, list[str]]:
    """Known only by the sitemap index its robots.txt names, and a gzip sitemap (GBK pages)."""
    import gzip

    articles = [f"/news/202305/t2023051{n}_{n}00.html" for n in range(1, 4)]
    urlset = ("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
              + "".join(f"<url><loc>{{base}}{path}</loc></url>" for path in articles) + "</urlset>")
    files = {
        "/": (b"<html><head><meta charset='utf-8'><title>home</title></head><body>welcome</body></html>",
              HTML_UTF8),
        "/robots.txt": (b"User-agent: *\nDisallow: /admin/\nSitemap: {base}/sitemap_index.xml\n",
                        "text/plain"),
        "/sitemap_index.xml": (b"<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/"
                               b"sitemap/0.9'><sitemap><loc>{base}/sitemaps/news.xml.gz</loc></sitemap>"
                               b"</sitemapindex>", "application/xml"),
        "/sitemaps/news.xml.gz": (lambda base: gzip.compress(urlset.replace("{base}", base).encode()),
                                  "application/x-gzip"),
        **{path: (_story(n, "gbk"), HTML_GBK) for n, path in enumerate(articles, 1)},
    }
    return files, articles


def feed_site() -> tuple[dict, list[str]]:
    """Known only by the feed its home page announces (Big5 pages whose URLs have no shape)."""
    articles = [f"/p/story-{n}.html" for n in range(1, 4)]
    rss = ("<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
           + "".join(f"<item><title>{n}</title><link>{{base}}{path}</link></item>"
                     for n, path in enumerate(articles, 1)) + "</channel></rss>")
    files = {
        "/": (b"<html><head><meta charset='utf-8'><title>home</title>"
              b"<link rel='alternate' type='application/rss+xml' href='/rss.xml'></head>"
              b"<body>hi</body></html>",
              HTML_UTF8),
        "/rss.xml": (rss.encode(), "application/rss+xml"),
        **{path: (_story(n, "big5"), HTML_BIG5) for n, path in enumerate(articles, 1)},
    }
    return files, articles


def script_site() -> tuple[dict, list[str]]:
    """A list paginated by TRS's createPageHTML script only (Hanweb article URLs)."""
    articles = [f"/art/2023/5/1{n}/art_12_{n}00.html" for n in range(1, 4)]
    script = b"<script>createPageHTML(3, 0, \"index\", \"html\");</script>"
    files = {
        "/": (b"<html><head><meta charset='utf-8'></head>"
              b"<body><a href='/gzdt/index.html'>gzdt</a></body></html>",
              HTML_UTF8),
        **{("/gzdt/index.html" if n == 0 else f"/gzdt/index_{n}.html"):
           (f"<html><head><meta charset='utf-8'></head><body><a href='{path}'>a</a>".encode() + script
            + b"</body></html>", HTML_UTF8) for n, path in enumerate(articles)},
        **{path: (_story(n, "utf-8"), HTML_UTF8) for n, path in enumerate(articles, 1)},
    }
    return files, articles


def ajax_catalogue_site() -> tuple[dict, list[str]]:
    """A disclosure catalogue whose further pages a script fetches, building each page's address
    from pieces (PageAdmin's 信息公开 list: onclick="loadPage(2)")."""
    articles = [f"/xxgk/Item/{n}.aspx" for n in (1158, 1169, 1287)]
    script = (b"<div class='pager'>1 <a href='javascript:void(0)' onclick='loadPage(2)'>2</a> "
              b"<a href='javascript:void(0)' onclick='loadPage(3)'>3</a></div><script>"
              b"var curPage = 1, cid = 12, totalPage = 3;\nfunction loadPage(p) {\n"
              b"  $.ajax({ url: '/xxgk/Ajax.aspx?cid=' + cid + '&page=' + p, type: 'GET',"
              b" success: function (html) { $('#rows').html(html); } });\n}</script>")
    row = "<tr><td><a href='{}'>通知</a></td></tr>"
    files = {
        "/": (b"<html><head><meta charset='utf-8'></head>"
              b"<body><a href='/xxgk/List.aspx?cid=12'>xxgk</a></body></html>", HTML_UTF8),
        "/xxgk/List.aspx?cid=12": (b"<html><head><meta charset='utf-8'></head><body><table id='rows'>"
                                   + row.format(articles[0]).encode() + b"</table>" + script
                                   + b"</body></html>", HTML_UTF8),
        **{f"/xxgk/Ajax.aspx?cid=12&page={n}": (row.format(path).encode(), HTML_UTF8)
           for n, path in enumerate(articles, 1)},
        **{path: (_story(n, "utf-8"), HTML_UTF8) for n, path in enumerate(articles, 1)},
    }
    return files, articles


def json_catalogue_site() -> tuple[dict, list[str]]:
    """A disclosure catalogue whose list a script fetches as JSON, a page at a time, its address
    built from pieces after the page's number too (Guangdong's gkmlpt: the page lists nothing)."""
    articles = [f"/gkmlpt/content/3/{n // 1000}/post_{n}.html" for n in (3544876, 3842096, 3901507)]
    script = (b"<script>(function(){ var SID = '757000';\n function load(page){\n"
              b"  $.getJSON('/gkmlpt/api/all/5?page=' + page + '&sid=' + SID, function(res){ draw(res); });\n"
              b" }\n load(1); })();</script>")

    def answer(page: int) -> bytes:
        # (each record's address absolute, the served site's own)
        records = [{"id": n, "title": f"通知{n}", "url": "{base}" + path, "date": 1716449560}
                   for n, path in enumerate(articles[2 * (page - 1):2 * page])]
        return json.dumps({"page": page, "per_page": 2, "total": len(articles), "articles": records}).encode()

    files = {
        "/": (b"<html><head><meta charset='utf-8'></head>"
              b"<body><a href='/gkmlpt/index'>gkml</a></body></html>", HTML_UTF8),
        "/gkmlpt/index": (b"<html><head><meta charset='utf-8'></head><body><table id='gkList'></table>"
                          + script + b"</body></html>", HTML_UTF8),
        **{f"/gkmlpt/api/all/5?page={n}&sid=757000": (answer(n), "application/json; charset=utf-8")
           for n in (1, 2)},
        **{path: (_story(n, "utf-8"), HTML_UTF8) for n, path in enumerate(articles, 1)},
    }
    return files, articles


def app_shell_site() -> tuple[dict, list[str]]:
    """A column page that is an app's shell: its script asks for its own page of the list (the
    address's number, else the first) from an API whose base a setting names, and the JSON
    says how many records there are; each record's address relative, or to another host, with
    a mobile copy's address beside it."""
    ids = (1234501, 1234502, 1234503)
    articles = [f"/news/2024/05/0{n}/{i}.html" for n, i in enumerate(ids, 1)]
    script = (b"<script>window.__CONFIG__ = {apiBase: '/api', siteId: 8};</script><script>\n"
              b"var CONFIG = window.__CONFIG__;\nvar channelId = 12;\n"
              b"var m = /[?&]pageNo=(\\d+)/.exec(location.search);\n"
              b"var pageNo = m ? parseInt(m[1], 10) : 1;\n"
              b"axios.get(CONFIG.apiBase + '/news/list?channelId=' + channelId + '&pageNo=' + pageNo"
              b" + '&pageSize=2').then(function (res) { render(res.data); });\n</script>")

    def answer(page: int) -> bytes:
        records = [{"id": i, "title": f"新闻{i}", "linkUrl": path, "shareUrl": f"/m/news/{i}", "type": 1}
                   for i, path in zip(ids[2 * (page - 1):2 * page], articles[2 * (page - 1):2 * page],
                                      strict=True)]
        records.append({"id": 9, "title": "外链", "linkUrl": "http://other.example/news/1.html", "type": 2})
        return json.dumps({"code": 200, "data": {"total": len(articles), "pageNo": page, "pageSize": 2,
                                                 "list": records}}).encode()

    files = {
        "/": (b"<html><head><meta charset='utf-8'></head><body><div id='app'></div>"
              b"<a href='/column/12'>column</a></body></html>", HTML_UTF8),
        "/column/12": (b"<html><head><meta charset='utf-8'></head><body><div id='app'></div>" + script
                       + b"</body></html>", HTML_UTF8),
        **{f"/api/news/list?channelId=12&pageNo={n}&pageSize=2": (answer(n), "application/json")
           for n in (1, 2)},
        **{path: (_story(n, "utf-8"), HTML_UTF8) for n, path in enumerate(articles, 1)},
        **{f"/m/news/{i}": (_story(n, "utf-8"), HTML_UTF8) for n, i in enumerate(ids, 1)},
    }
    return files, articles


SERVED_SITES = {"sitemap index only": sitemap_site, "feed only": feed_site,
                "script pagination only": script_site,
                "a script builds the pages' addresses": ajax_catalogue_site,
                "a script reads the list as JSON": json_catalogue_site,
                "an app's shell asks for its own page of a JSON list": app_shell_site}


@pytest.mark.parametrize("build", SERVED_SITES.values(), ids=SERVED_SITES.keys())
def test_a_site_by_its_address_alone_and_by_its_add_site_entry(tmp_path, build):
    """With a name and a start URL only, every article and nothing else; add-site's entry, with
    explicit patterns, the same."""
    files, articles = build()
    assert crawl_bare(tmp_path, files) == set(articles)
    sites = tmp_path / "added.toml"
    with served(files) as base:
        newsarchive("add-site", f"{base}/", "--name", "added", "--sites-file", str(sites))
        newsarchive("crawl", "added", "--db", str(tmp_path / "added.db"), "--sites-file", str(sites), *FAST)
    assert tomllib.loads(sites.read_text("utf-8"))["site"][0]["article_patterns"]
    archived = {url.removeprefix(base) for (url,) in query(tmp_path / "added.db", "select url from articles")}
    assert archived == set(articles)


def test_a_newspapers_classified_notices_and_forecast_are_a_service_not_news():
    losses = ("澧川市恒达建材有限公司遗失营业执照副本，统一社会信用代码：91430700MA4L8X2K3P，声明作废。\n"
              "澧川市桐溪区李记小吃店遗失食品经营许可证正本，许可证编号：JY24307020012345，声明作废。\n"
              "向志强遗失机动车驾驶证，证号：430702198805121234，声明作废。")
    assert "classified notices" in article_evidence(losses, "2021-03-15")
    # two days' forecast, a tip and the issuer: two lines in five are the forecast
    forecast = ("今天白天到夜间：阴转小雨，偏北风3至4级，气温6℃至12℃。\n明天：小雨，气温5℃至10℃。\n"
                "出行提示：近期气温回升缓慢，早晚温差较大，请注意添衣保暖。\n澧川市气象台3月3日17时发布\n本报简介")
    assert "weather forecast" in article_evidence(forecast, "2025-03-04")
    # news that tells of a forecast or of a lost licence in a line stays news
    heat = (PROSE + "\n据市气象台预报，未来三天最高气温35℃至37℃，施工单位调整了作业时间。\n"
            "县人社局提醒用人单位落实防暑降温措施，保障劳动者权益。")
    assert article_evidence(heat, "2022-07-04") is None
    lost = (PROSE + "\n有求职者不慎遗失身份证，工作人员当场为其开具证明，并提醒其登报声明作废。")
    assert article_evidence(lost, "2016-03-05") is None


def test_a_news_brief_of_two_sentences_opening_with_its_day_is_an_article():
    brief = ("本网讯（记者 刘昇）5月6日，县就业创业服务中心联合县职业中专举办“职引未来”校园专场招聘会，"
             "38家企业提供岗位620个，涉及数控加工、电子装配、汽车维修等专业，现场达成就业意向217人。"
             "招聘会还同步开展了简历诊断和模拟面试，帮助即将毕业的学生提升求职能力。")
    assert article_evidence(brief, "2025-05-07") is None
    picture_news = ("9月7日，在安澜县城头山镇的一处柑橘基地，来自周边村组的务工队员正在给果树疏果、"
                    "套袋、除草，这个基地今年共吸纳当地村民务工120余人，其中脱贫劳动力40余人，人均日工资约110元。\n"
                    "眼下正是柑橘管护的关键时期，基地负责人介绍，等到11月进入采摘季，用工人数还将增加到200人左右。")
    assert article_evidence(picture_news, "2021-09-08") is None
    # two sentences that do not open as a report, or too few words, or a list under a dated
    # introduction, are still no article
    assert "2 sentences" in article_evidence(brief.split("）", 1)[1].split("日，", 1)[1], "2025-05-07")
    assert "Chinese characters" in article_evidence("5月6日，县里举办招聘会。岗位620个。", "2025-05-07")
    towns = ["城关镇", "白沙镇", "龙潭镇", "石桥乡"]
    topic = ("3月5日，我县启动2024年春风行动，现将有关报道汇集如下。\n"
             + "\n".join(f"春风行动第{n}场招聘会在{town}举行" for n, town in enumerate(towns)))
    assert article_evidence(topic, "2024-03-05") is not None


def test_a_short_notice_under_a_notices_headline_at_an_articles_address_is_one():
    notice = ("2023年春节期间，联盟秘书处于1月21日至27日放假，1月28日正常上班。"
              "放假期间如有急事，请拨打值班电话。")
    assert article_evidence(notice, "2023-01-18", title="关于2023年春节放假的通知", article_url=True) is None
    # under another headline, or at an address that is no article's: too short to tell
    assert "Chinese characters" in article_evidence(notice, "2023-01-18", title="春节假期安排",
                                                    article_url=True)
    assert "Chinese characters" in article_evidence(notice, "2023-01-18", title="关于2023年春节放假的通知")
    # one that hands on its file is the file's stub, not the notice
    stub = ("现将《2008年全县就业和再就业工作要点》印发给你们，请结合实际认真贯彻落实。\n"
            "点击下载：2008年工作要点.doc")
    assert "Chinese characters" in article_evidence(stub, "2008-03-05", title="关于印发工作要点的通知",
                                                    article_url=True)


def test_a_list_a_sentence_announces_and_a_rules_clauses_are_no_headlines():
    report = ("8月29日，首届返乡创业大赛决赛在县融媒体中心举行，共有12个项目进入决赛。\n"
              "经过激烈角逐，各组别一等奖获奖项目如下：\n"
              + "\n".join(f"{town}“{name}”项目（成长组一等奖）" for town, name in (
                  ("云岭乡", "山泉冷水鱼生态养殖"), ("白沙镇", "竹坑村直播助农服务站"),
                  ("石门镇", "林下黄精种植与加工"), ("溪口镇", "梅溪竹编文创工坊"))) + "\n"
              "县农商银行现场为获奖项目授予“青创贷”意向额度共计663万元。")
    assert article_evidence(report, "2024-08-30") is None
    rules = ("认定县级示范家庭农场，须具备以下条件：\n经营者为本县户籍的农村居民；\n"
             "土地经营面积相对稳定，流转期限在5年以上；\n有完整的生产经营记录；\n"
             "近两年未发生重大农产品质量安全事故。\n获得认定的家庭农场，可优先申报各级农业项目扶持资金。"
             "申报工作一般在每年第三季度开展。")
    assert article_evidence(rules, "2024-05-10") is None
    # a remark in brackets between 如下 and its colon (a press release's days and places)
    days = [("四月二十五日（星期四）", "深水埗石硤尾邨社區中心"),
            ("四月二十六日（星期五）", "觀塘秀茂坪邨商場平台"),
            ("四月二十九日（星期一）", "元朗天水圍天耀邨社區會堂"),
            ("四月三十日（星期二）", "葵青石籬邨商場"), ("五月二日（星期四）", "屯門大興邨社區會堂")]
    stations = ("在職家庭津貼辦事處今日宣布，將於四月底至五月初在多區設立流動服務站，協助市民申請職津。\n"
                "流動服務站的日期及地點如下（服務時間為上午十時至下午六時）：\n"
                + "\n".join(f"{day}：{place}" for day, place in days) + "\n"
                "辦事處職員會在服務站解答查詢、協助市民填寫申請表格及核對所需文件。\n"
                "發言人表示，流動服務站可方便基層家庭就近取得協助。")
    assert article_evidence(stations, "2024-04-22") is None
    # a column of headlines under a label is still a list of headlines
    headlines = "\n".join(f"第{n}期返乡创业培训班开班" for n in range(1, 9))
    opening = "本站每日更新。欢迎投稿。联系电话见页尾。"
    assert "headlines" in article_evidence(f"{opening}\n今日推荐：\n{headlines}", "2024-05-10")


def test_long_headlines_with_their_days_are_a_lists_records_not_prose():
    # a list page whose pinned item's summary is long: its records are dated headlines, long
    # enough to pass for paragraphs
    pinned = ("根据创业担保贷款贴息资金管理有关规定，现将2023年上半年全市创业担保贷款贴息资金拨付情况"
              "公示如下：公示时间为2023年7月3日至7月9日。如有异议，请在公示期内向市就业服务中心反映。")
    records = "\n".join(f"2024-0{n}-14 15:49:59·关于2024年第{n}批公益性岗位拟聘用人员和就业见习单位名单的公示"
                         for n in range(1, 7))
    assert "headlines" in article_evidence(f"{pinned}\n{records}", "2024-05-10")
    # a report's timeline, its days opening sentences, is prose
    timeline = "\n".join(f"2024年{n}月6日，县人社局在城区广场举办第{n}场春风行动招聘会，共有86家企业参加，"
                          f"提供岗位2300余个。" for n in range(1, 7))
    assert article_evidence(timeline, "2024-05-10") is None


def test_a_gallerys_captions_at_a_gallerys_address_are_no_story():
    captions = "\n".join(["游客在观景台拍照留念。", "一群白鹭掠过水面。", "夜幕降临，云台县华灯初上。",
                           "夕阳下的云台县宁静美丽。", "远眺云台县，群山连绵，云雾缭绕。",
                           "孩子们在村口嬉戏。"])
    url = "http://x.test/index.php/photo/detail/id/38.html"
    assert names_gallery(url) and not names_gallery("http://x.test/news/2024/photography-contest.html")
    assert "a gallery" in article_evidence(captions, "2024-01-22", gallery_url=names_gallery(url))
    # at another address, or a picture's news of one sentence at a gallery's: not a gallery
    assert article_evidence(captions, "2024-01-22") is None
    one = ("1月21日，清源市迎来今冬第一场大雪，古城墙、护城河银装素裹，"
           "游客们纷纷来到南门广场赏雪拍照。")
    assert article_evidence(one, "2024-01-22", article_url=True, gallery_url=True) is None


def test_a_pictures_news_of_one_sentence_at_an_articles_address_is_an_item():
    # 图片新闻: a photo and one sentence under it, opening with its day
    caption = ("4月29日，市人力社保局负责人走访慰问坚守在建筑工地、快递分拣中心的一线劳动者，"
               "为他们送上节日慰问品。")
    assert article_evidence(caption, "2024-04-29", article_url=True) is None
    assert article_evidence(caption + "\n图为慰问现场。", "2024-04-29", article_url=True) is None
    # its caption may stand first, over the sentence; the sentence may open with when otherwise
    assert article_evidence("图为慰问现场。\n" + caption, "2024-04-29", article_url=True) is None
    for when in ("眼下", "入夏以来", "国庆节前夕"):
        assert article_evidence(caption.replace("4月29日", when), "2024-04-29", article_url=True) is None
    # at an address that is no article's, or without its day, or a label's few words, or no
    # sentence at all: a caption, not the item
    assert "Chinese characters" in article_evidence(caption, "2024-04-29")
    assert "Chinese characters" in article_evidence(caption.split("，", 1)[1], "2024-04-29", article_url=True)
    assert "Chinese characters" in article_evidence("4月29日，市人社局走访慰问一线劳动者。", "2024-04-29",
                                                    article_url=True)
    assert "Chinese characters" in article_evidence(caption.rstrip("。").replace("，", " "), "2024-04-29",
                                                    article_url=True)


def test_an_outlets_mark_alone_opens_a_brief_whatever_follows_it():
    # 本网讯 and the report, which need not open with its day (眼下, 5月以来)
    body = ("眼下，白沙乡1200亩油菜进入收割期，田间地头一派繁忙景象，"
            "几台收割机来回穿梭，村民们忙着装袋、晾晒。\n"
            "据测算，今年白沙乡油菜平均亩产达到180公斤，比去年增产约10%，预计可为种植户带来收入400余万元。")
    for mark in ("本网讯 ", "桐溪融媒讯（记者 王晓燕）", "临江日报讯 "):
        assert article_evidence(mark + body, "2024-05-02") is None, mark
    # no outlet's mark: a word that ends in 讯 or 电 is none (通讯, 供电)
    for opening in ("", "通讯 ", "供电 "):
        assert "2 sentences" in article_evidence(opening + body, "2024-05-02"), opening


def test_two_sentences_at_an_articles_address_are_a_brief_and_a_table_announced_is_a_notice():
    brief = ("根据省人社厅关于调整企业退休人员基本养老金的通知要求，"
             "县人社局完成了2016年企业退休人员基本养老金调整工作。\n"
             "此次调整涉及全县企业退休人员9800余人，人均月增加基本养老金135元，调整增加的养老金已全部补发到位。")
    assert "2 sentences" in article_evidence(brief, "2016-12-20")
    assert article_evidence(brief, "2016-12-20", article_url=True) is None
    # one sentence that announces the table under it (…公布如下：), the table's rows after it
    rows = ["序号 培训类别 证书类型 补贴标准（元/人）", "1 初级工（五级） 职业技能等级证书 1000",
            "2 中级工（四级） 职业技能等级证书 1500", "3 高级工（三级） 职业技能等级证书 2000",
            "4 专项职业能力 专项职业能力证书 600"]
    announced = "根据《临溪县职业技能提升行动补贴申领办法》，现将我县2024年职业技能培训补贴标准公布如下："
    assert article_evidence("\n".join([announced, *rows]), "2024-04-22") is None
    # the same table under a sentence that announces nothing is no article (a page's table alone)
    assert article_evidence("\n".join(["补贴标准以县人社局公布的为准。", *rows]), "2024-04-22") is not None


def test_a_page_about_the_sites_owner_is_not_news_and_news_about_its_bodies_is():
    about = ("青溪县乡村振兴局是县政府工作部门，为正科级。"
             "主要职责是贯彻落实党中央关于乡村振兴工作的方针政策。"
             "负责全县巩固拓展脱贫攻坚成果同乡村振兴有效衔接工作。内设办公室、规划发展股、项目管理股。")
    for title in ("机构概况", "单位简介", "联系我们", "领导分工", "云溪县人民政府信息公开指南",
                  "青溪县人民政府机构职能", "县情概况", "青溪县县情概况"):
        assert "about the site's owner" in article_evidence(about, "2024-01-05", title=title), title
    for title in ("我县召开机构改革工作会议", "县政府召开政务公开工作推进会", "2024年上半年全县经济运行概况"):
        assert article_evidence(about, "2024-01-05", title=title) is None
    # signed by the office and dated, as a notice is, it is still the office's own page
    signed = f"{about}\n云溪县人民政府办公室\n2024年1月5日"
    assert "about the site's owner" in article_evidence(signed, "2024-01-05",
                                                        title="云溪县人民政府信息公开指南")


def test_a_gallery_of_numbered_captions_is_not_news_and_a_story_with_pictures_is():
    gallery = ("1/6 9月10日，桐溪县白沙镇枫树村就业帮扶车间，村民们正在赶制出口订单。\n"
               "2/6 缝纫机前，村民正在赶制童装。\n3/6 车间质检员逐件检查成品。\n"
               "4/6 打包好的货物即将发往港口。\n5/6 午休时间，工人们在车间外聊天。\n"
               "6/6 车间墙上的计件工资公示栏。")
    assert "a gallery" in article_evidence(gallery, "2024-09-10")
    # a story with two numbered pictures among its paragraphs, and a list of figures, stay news
    story = PROSE + "\n（1/2）村民在车间里加工服装。\n（2/2）质检员检查成品。\n" + PROSE
    assert article_evidence(story, "2024-09-10") is None
    ratios = PROSE + "\n全县就业率同比提高1/5，其中女性就业增长最快，达到了历史最高水平。"
    assert article_evidence(ratios, "2024-09-10") is None


def test_a_brief_its_headline_names_or_that_opens_as_a_reporters_is_an_article():
    short = ("10月8日，青山乡秋季农民工技能培训班开班，60名学员将参加为期7天的中式烹调培训。"
             "培训结束后，考核合格的学员将获得职业技能等级证书，乡里将推荐其到县内外餐饮企业就业。")
    assert "2 sentences" in article_evidence(short, "2023-10-09")  # under a hundred characters
    assert article_evidence(short, "2023-10-09", title="简讯：青山乡开展秋季农民工技能培训") is None
    assert article_evidence(short, "2023-10-09", title="【快讯】青山乡开展秋季农民工技能培训") is None
    # a headline that merely holds the word names nothing
    assert article_evidence(short, "2023-10-09", title="青山乡简讯汇编") is not None
    heard = ("记者从县人社局获悉，今年一季度，全县城镇新增就业1260人，完成年度目标任务的36%；城镇失业人员"
             "再就业320人，就业困难人员实现就业95人，零就业家庭动态清零。全县城镇登记失业率控制在3.2%以内，"
             "就业形势总体稳定，全县各级人社部门将继续做好高校毕业生、农民工等重点群体就业服务工作。")
    assert article_evidence(heard, "2023-04-11") is None
    assert article_evidence("县人社局介绍" + heard.split("获悉", 1)[1], "2023-04-11") is not None


def test_a_gallery_its_headline_names_is_not_news_and_a_story_so_named_with_prose_is():
    captions = ("3月1日，县春风行动送岗位进村活动走进龙潭镇新寨村，村民在展板前查看岗位信息。\n"
                "县就业局工作人员为村民讲解跨省务工交通补助政策。\n桐川市企业招聘专员与求职者面对面交流。\n"
                "石门镇帮扶车间负责人在现场登记村民求职意向。\n返乡青年在移动招聘车上扫码投递简历。")
    assert "a gallery" in article_evidence(captions, "2024-03-02", title="图集：春风行动送岗上门")
    assert article_evidence(captions, "2024-03-02", title="春风行动送岗上门") is None
    assert article_evidence(PROSE, "2016-03-05", title="组图：春风行动大型招聘会举行") is None


WORKSHOPS = [("杨建国电工技能大师工作室", "杨建国", "云岭电力维修有限公司"),
             ("李秀英茶艺技能大师工作室", "李秀英", "云岭茶业集团有限公司"),
             ("王志强焊工技能大师工作室", "王志强", "云岭重工机械有限公司"),
             ("赵丽华中式面点技能大师工作室", "赵丽华", "云岭宾馆")]


def test_a_notice_its_headline_names_is_one_sentence_over_its_table_of_names():
    rows = "\n".join(f"{n} {name} {leader} {unit}" for n, (name, leader, unit) in enumerate(WORKSHOPS, 1))
    text = ("经个人申报、单位推荐、专家评审，拟命名以下4个工作室为2024年度云岭市技能大师工作室，"
            f"现予以公示，公示期为5个工作日。\n序号 工作室名称 领办人 所在单位\n{rows}")
    assert article_evidence(text, "2024-06-03", title="2024年度云岭市技能大师工作室拟命名名单公示") is None
    # the same lines under a headline that names no notice, and a notice's one sentence
    # over a list of headlines, are no article
    assert article_evidence(text, "2024-06-03", title="2024年度云岭市技能大师工作室") is not None
    headlines = "\n".join(f"春风行动第{n}场招聘会在{name[:3]}举行"
                          for n, (name, _, _) in enumerate(WORKSHOPS))
    assert article_evidence(text.split("\n")[0] + "\n" + headlines, "2024-06-03",
                            title="关于春风行动的通知") is not None


def test_a_notice_signed_above_its_attachments_bare_label_is_signed():
    notice = ("为规范城市供水管理，县水利局起草了《临溪县城市供水管理办法（征求意见稿）》，"
              "现向社会公开征求意见。\n"
              "公众可在2024年12月20日前，通过电子邮件提出意见建议。\n临溪县水利局\n2024年11月20日")
    assert article_evidence(notice, "2024-11-20") is None
    assert article_evidence(notice + "\n附件：", "2024-11-20") is None
    assert article_evidence(notice + "\n附件：征求意见稿全文", "2024-11-20") is not None


def test_a_call_for_workers_over_its_table_of_positions_is_an_article():
    rows = "\n".join(["岗位 人数 条件 待遇", "装卸工 40 男，18-40岁，身体健康 月工资1500-2200元",
                      "货车司机 15 男，25-45岁，持A2驾驶证 月工资3000元以上",
                      "调度员 2 大专以上学历，熟悉电脑 月工资1800元"])
    text = ("天津顺通物流有限公司是一家综合性第三方物流企业。经县劳务输出服务中心推荐，"
            "现来我县招聘以下人员：\n"
            f"{rows}\n公司提供免费食宿，签订劳动合同，缴纳社会保险。")
    assert article_evidence(text, "2008-08-12", title="天津顺通物流有限公司招聘装卸工和司机") is None
    assert article_evidence(text, "2008-08-12", title="天津顺通物流有限公司") is not None


def test_a_brief_that_opens_with_its_count_to_a_day_is_an_article():
    brief = ("截至12月15日，全县城镇居民基本医疗保险参保人数达到5.06万人，参保率达到91.3%，"
             "提前完成年度参保目标任务。今年以来，全县城镇居民医保基金累计支付住院医疗费用836万元，有2100余名参保居民享受了报销待遇。")
    assert article_evidence(brief, "2008-12-16") is None
    assert article_evidence("据统计" + brief.split("，", 1)[1], "2008-12-16") is not None


def test_a_video_its_headline_names_is_its_short_description():
    description = ("初冬时节，金川县漫山遍野的脐橙挂满枝头，果农们忙着采摘、分拣、装箱。"
                   "一箱箱脐橙从这里发往全国各地，甜了消费者，也富了果农。")
    assert article_evidence(description, "2024-01-12", title="视频｜金川脐橙丰收季") is None
    assert "Chinese characters" in article_evidence(description, "2024-01-12", title="金川脐橙丰收季")
    one_sentence = "初冬时节，金川县脐橙挂满枝头。"
    assert article_evidence(one_sentence, "2024-01-12", title="视频｜金川脐橙丰收季") is not None


def test_a_brief_under_a_reports_mark_is_news_however_short():
    brief = ("本报讯（记者 黄海涛）记者从中国人民银行澄州市分行获悉，截至5月末，"
             "全市普惠小微贷款余额达到812.3亿元。今年以来，全市金融机构持续加大信贷投放力度。")
    assert article_evidence(brief, "2024-06-16") is None
    # without the mark, as short, it is not
    assert article_evidence(brief.split("）", 1)[1].replace("记者从", "从"), "2024-06-16") is not None


def test_a_service_guide_is_not_news_and_news_of_a_service_is():
    guide = "\n".join([
        "一、办理条件", "在法定劳动年龄内，有劳动能力和就业要求的城乡劳动者；",
        "处于失业状态或需要享受就业创业扶持政策的人员。", "二、申请材料",
        "居民身份证原件；近期免冠照片一张。",
        "三、办理流程", "申请人向县公共就业服务机构提出申请；经办人员审核材料；符合条件的当场发放。",
        "四、办理时限", "5个工作日", "五、收费标准", "不收费"])
    assert "a service guide" in article_evidence(guide, "2023-03-10", title="就业创业证申领",
                                                 article_url=True)
    news = ("3月10日，县人社局在政务服务中心开设就业创业证申领专窗，申请材料由原来的四项精简为一项。\n"
            "据介绍，专窗开设以来已为320名返乡人员办理就业创业证，办理流程从5个工作日缩短到当场办结。\n"
            "下一步，县人社局将把申领服务延伸到各乡镇便民服务中心，让群众少跑腿。")
    assert article_evidence(news, "2023-03-10", title="县人社局开设就业创业证申领专窗") is None
    # a Macau department's, in Traditional script and its own words for the sections
    macau = "\n".join([
        "本局透過個案配對及大型招聘會等方式，協助已登記的求職人士與僱主進行配對。", "服務對象",
        "已向本局辦理求職登記的居民，以及有招聘需要的僱主。", "辦理步驟",
        "步驟1 僱主透過本局網頁提交職位空缺資料；", "步驟2 本局按職位要求篩選合適的求職人士；",
        "所需文件", "僱主：商業登記證明及職位說明；", "收費", "免費。",
        "查詢", "電話：2856 4109（辦公時間內）"])
    assert "a service guide" in article_evidence(macau, "2024-03-01", title="職業配對服務", article_url=True)
    # a policy's interpretation, whose sections say whom it serves and how to apply, is news
    explained = "\n".join([
        "一、出台背景", "为进一步促进农村劳动力转移就业，县人社局牵头制定了若干措施。", "二、主要内容",
        "主要政策措施包括一次性求职创业补贴、一次性交通补助等。", "三、适用对象", "本县户籍农村劳动力。",
        "四、办理流程", "符合条件的人员向所在乡镇提出申请，经审核后发放补贴。",
        "五、咨询方式", "县就业服务中心。"])
    assert article_evidence(explained, "2024-03-10", title="若干措施政策解读", article_url=True) is None
    # a report whose sentence names what a service costs (收费) stays news
    report = news.replace("申请材料由原来的四项精简为一项。", "申请材料由原来的四项精简为一项。\n收费\n免费")
    assert article_evidence(report, "2023-03-10", title="县人社局开设就业创业证申领专窗") is None


def test_a_notice_over_its_schedules_table_is_news_and_a_list_of_dated_headlines_is_not():
    # the schedule's rows open with the time they run (8:30—9:00), no headline does
    notice = "\n".join([
        "为做好2024届高校毕业生就业服务工作，市人社局定于5月25日在汾川学院体育馆举办专场招聘会。",
        "活动安排", "时间 活动内容 地点", "8:30—9:00 求职者入场 汾川学院体育馆东门",
        "9:00—12:00 现场招聘 体育馆一层", "9:30—11:00 就业政策宣讲 体育馆报告厅",
        "10:00—12:00 简历诊断及职业指导 体育馆二层",
        "本次招聘会预计组织企事业单位150余家，提供岗位4000个以上。",
        "参会高校毕业生请携带多份个人简历及相关证书。"])
    assert article_evidence(notice, "2024-05-20", title="2024届高校毕业生专场招聘会预告") is None
    headlines = "\n".join(["2024-05-25 全市新增劳务经纪人127名 详情", "2024-05-24 岳池电工叫响珠三角 详情",
                           "2024-05-23 返乡创业带头人编出大产业 详情", "2024-05-22 专车送1200人返岗 详情"])
    assert article_evidence(notice.split("\n")[0] + "\n" + headlines, "2024-05-25") is not None


def test_a_job_posting_is_no_news_and_a_report_of_a_positions_duties_is():
    posting = "\n".join([
        "仓储管理员 4500-5500元/月", "岗位职责", "1.负责仓库货物的收发、盘点和日常管理工作；",
        "2.完成上级安排的其他工作。", "任职要求", "1.高中及以上学历，具有良好的沟通能力和团队合作精神；",
        "2.持有叉车证者优先。", "温馨提示：求职过程中请提高警惕，凡收取押金等费用的招聘均可能涉嫌违法。"])
    assert "job posting" in article_evidence(posting, "2024-04-13", title="仓储管理员", article_url=True)
    # a report that tells of a position's duties and what it asks, in its sentences, is news
    report = ("4月12日，县人社局举办仓储物流专场招聘会，共有28家企业提供岗位560个。\n"
              "其中仓储管理员岗位最受欢迎，岗位职责主要是货物收发和盘点，任职要求为高中及以上学历。\n"
              "据统计，招聘会当天共有1200余人进场求职，初步达成就业意向310人。")
    assert article_evidence(report, "2024-04-13", title="县人社局举办仓储物流专场招聘会") is None
    # duties alone, without what the position asks: one section of a report's
    duties_only = report + "\n岗位职责\n负责货物收发和盘点，做好仓库安全管理工作。"
    assert article_evidence(duties_only, "2024-04-13", title="县人社局举办仓储物流专场招聘会") is None


def test_a_directorys_page_of_an_organization_is_no_news_and_news_of_it_is():
    intro = ("汾川市鸿业职业技能培训学校成立于2011年，位于临河区建设南路77号，现有员工47人。\n"
             "学校拥有完善的实训设备和教学管理体系，年培训各类技能人才3000余人次。\n"
             "学校热忱欢迎各类人才加盟，共谋发展。")
    assert "organization" in article_evidence(intro, "2024-05-28", title="汾川市鸿业职业技能培训学校")
    fields = ("所属行业  汽车零部件  企业性质  私营企业\n企业规模  300-500人  联系人  胡先生\n企业简介\n"
              "公司成立于2012年，是一家集研发、生产、销售于一体的汽车零部件企业，现有员工190余人。\n"
              "公司拥有先进的生产设备和完善的质量管理体系，产品销往全国20多个省市。")
    assert "organization" in article_evidence(fields, "2024-04-13", title="北塘区华鑫汽车零部件有限公司")
    # news of the organization says what happened to it, under a headline that says so
    news = ("5月27日，汾川市鸿业职业技能培训学校举行第十二期家政服务培训班结业仪式，56名学员全部取得证书。\n"
            "据了解，该校今年以来已开展各类职业技能培训15期，培训学员900余人次。\n"
            "下一步，学校将与县人社局合作开设养老护理培训班。")
    assert article_evidence(news, "2024-05-28", title="鸿业职业技能培训学校56名家政学员结业") is None
    # a headline that names a place of work at its end is a sentence about it, not its name
    assert article_evidence(news.replace("5月27日，", "", 1), "2024-05-28",
                            title="返乡青年回村办起服装加工厂") is None


def test_an_employers_advert_is_no_news_and_a_report_around_a_table_of_positions_is():
    table = ["職位  人數  要求  薪酬", "前台接待員  6  高中畢業，懂粵語及普通話  月薪10,500至12,500澳門元",
             "房務員  10  不限學歷，需輪班  月薪9,200至10,500澳門元",
             "工程技術員  3  持有電工證書  月薪13,000至16,000澳門元"]
    advert = "\n".join([*table, "報名方法：請將履歷電郵至 hr@hotel.example.mo，或親臨就業服務中心登記。",
                        "截止日期：2024年6月10日",
                        "本局只提供招聘資訊的刊登平台，聘用條件以僱主提供的為準。"])
    assert "advert" in article_evidence(advert, "2024-05-20", title="招聘廣告：濠江灣酒店管理有限公司",
                                        article_url=True)
    report = "\n".join(["5月18日，勞工事務局在氹仔舉辦酒店業專場招聘會，共有12間企業參與。",
                        "現場提供逾800個職位，部分職位資料如下：", *table,
                        "勞工事務局表示，將繼續舉辦不同行業的專場招聘會。求職人士可留意本局網頁公佈。"])
    assert article_evidence(report, "2024-05-18", title="酒店業專場招聘會提供逾800個職位") is None


def test_an_advertorial_is_no_news_and_a_report_about_advertising_is():
    text = "\n".join([
        "面对最低薪金调整及人手短缺的挑战，越来越多中小企业希望通过数码化提升生产力。",
        "丰隆信贷推出“智企融资”配套，为中小企业提供年利率低至3.88%的数码转型贷款。",
        "配套即日起接受申请，符合资格的企业最快三个工作日获批，详情可致电客服热线查询。"])
    labelled = article_evidence(text, "2024-04-22", title="【Sponsored】中小企数码转型 丰隆推低息融资")
    disclosed = article_evidence("【广告特辑】本文内容由广告客户提供。\n" + text, "2024-04-22",
                                 title="中小企数码转型 丰隆信贷推低息融资配套")
    assert "advertorial" in labelled and "advertorial" in disclosed
    report = "\n".join([
        "4月22日，州消费人协会发布报告，指出部分网站的广告特辑未清楚标明为广告，误导读者。",
        "报告建议当局规定网站在每篇广告内容上方注明“本文内容由广告客户提供”等字样。",
        "协会表示，将把调查结果提交贸消部，并继续监督网络广告的标示情况。"])
    assert article_evidence(report, "2024-04-22", title="消协：广告特辑须清楚标明") is None


def test_a_list_of_headlines_over_teasers_cut_short_is_no_article_and_a_list_announced_in_a_sentence_is_one():
    teasers = "\n".join([
        "蓬安举办夏季县内企业专场招聘会 82家企业提供岗位4620个",
        "5月30日，蓬安县2024年夏季县内企业专场招聘会在县城文化广场举行。本次招聘会共组织82家企业进场招聘，提供电子信息、…",
        "马边在金华市设立劳务工作站 为在外务工人员“撑腰”",
        "4月25日，马边彝族自治县驻金华市劳务工作站揭牌成立。这是马边在省外设立的第五个驻外劳务工作站，将为在金华市及周边务工的…",
        "乐至开发乡村公益性岗位1441个 兜牢就业底线",
        "今年，乐至县结合乡村治理需要，开发了护林员、保洁员、道路管护员等乡村公益性岗位，优先安置脱贫劳动力和…"])
    assert "list of headlines" in article_evidence(teasers, "2024-05-30", title="就业")
    # the page's own summary, cut short over the text it opens, is no teaser of another's
    own = "请有意参加就业见习的高校毕业生下载附件并如实填写，于6月25日前报送县就业服务中心。"
    summarised = f"热门标签:\n县就业服务中心\n点击数：\n次\n{own}...\n{own}\n附件：见习报名表.doc"
    assert article_evidence(summarised, "2024-06-12", title="就业见习报名表下载", article_url=True) is None
    notice = "\n".join([
        "阳春三月，剑阁县内企业用工需求旺盛。现将第3期重点企业招聘岗位信息发布如下，有意者可直接联系企业。",
        "剑阁盛世餐饮管理有限公司：招聘厨师21名，月薪3600—5100元",
        "剑阁蜀锦服饰有限公司：招聘护理员26名，月薪3900—5400元",
        "剑阁瑞达物流有限公司：招聘普工31名，月薪4200—5700元",
        "剑阁锦程家政服务有限公司：招聘缝纫工36名，月薪4500—6000元",
        "以上岗位均缴纳社会保险，部分岗位提供食宿。"])
    assert article_evidence(notice, "2024-03-12", title="剑阁2024年“春风行动”招聘岗位信息（第3期）") is None
