"""Render the bundled demo sites: every page as (status, headers, body bytes), by host and path.

The known clean articles live in ``articles.json``; this module dresses them in three page
templates and adds, on purpose, the damage real regional sites show (see ``DAMAGE``):
GBK declared as gb2312, Big5, no declaration, a lying ``<meta>``, a lying HTTP header, text
mojibaked upstream, injected pinyin (tone marks, toneless, stacked), place-name spam inside
and after the body, related links, share bars, editor credits, hotlines, copyright/ICP
footers and characters lost as ``?``.
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import cache
from importlib import resources

from pypinyin import Style, pinyin

PER_PAGE = 4

SITES = {
    "rsj": {"host": "rsj.demo.test", "name": "凤岭县人力资源和社会保障局",
            "channels": {"gzdt": "工作动态", "jyfp": "就业扶贫"},
            "empty_channels": {"zcfg": "政策法规", "bszn": "办事指南", "hdjl": "互动交流"}},
    "portal": {"host": "portal.demo.test", "name": "東南資訊網",
               "channels": {"fujian": "福建頻道", "difang": "地方動態"}, "empty_channels": {}},
    "news": {"host": "news.demo.test", "name": "中原新闻网",
             "channels": {"jiuye": "就业", "fupin": "扶贫"},
             "empty_channels": {"shizheng": "时政", "minsheng": "民生"}},
}


@dataclass(frozen=True)
class Damage:
    """How one article page is served and spoiled. Index: the article's place in its site."""

    codec: str = "utf-8"
    header_charset: str | None = None  # charset in the HTTP Content-Type header
    meta_charset: str | None = None  # charset in <meta>
    pinyin: str | None = None  # "tone", "toneless" or "stacked"
    spam: tuple[str, ...] = ()  # "after", "inside", "glued"
    mojibake: str | None = None  # codec the UTF-8 text was misread with upstream
    lossy: bool = False  # ... with replacement: bytes that did not decode became U+FFFD, lost
    lost_char_line: bool = False  # a lone "?" line where a character was lost
    summary_tail: bool = False  # a truncated duplicate of the article after the credits


_RSJ = Damage(codec="gbk", meta_charset="gb2312")
_PORTAL = Damage(codec="utf-8", header_charset="utf-8", meta_charset="utf-8")
_NEWS = Damage(codec="utf-8", header_charset="utf-8", meta_charset="utf-8")

DAMAGE: dict[str, dict[int, Damage]] = {
    "rsj": {
        # GBK declared as gb2312 in <meta>, no charset in the header, unless said otherwise.
        2: Damage(codec="gbk"),  # no declaration anywhere
        4: Damage(codec="gbk", meta_charset="gb2312", lost_char_line=True),
        5: Damage(codec="gbk", header_charset="utf-8", meta_charset="gb2312"),  # header lies
        8: Damage(codec="gbk", meta_charset="utf-8"),  # meta lies
        10: Damage(codec="gb18030", header_charset="gb2312", meta_charset="gb2312"),
    },
    "portal": {
        0: Damage(codec="utf-8", header_charset="utf-8", meta_charset="utf-8", spam=("after",)),
        # Tone-marked pinyin does not fit in Big5: the Big5 pages carry toneless readings.
        1: Damage(codec="utf-8", header_charset="utf-8", meta_charset="utf-8", pinyin="tone",
                  spam=("after",), lost_char_line=True, summary_tail=True),
        2: Damage(codec="big5", meta_charset="big5", pinyin="toneless"),
        3: Damage(codec="big5", meta_charset="gb2312"),  # meta lies: Big5 bytes, gb2312 label
        4: Damage(codec="utf-8", header_charset="utf-8", meta_charset="utf-8", pinyin="toneless"),
        5: Damage(codec="big5", header_charset="utf-8", meta_charset="big5", spam=("inside",)),
        6: Damage(codec="utf-8", header_charset="utf-8", meta_charset="utf-8", pinyin="stacked",
                  spam=("inside", "after")),
        # UTF-8 misread as GBK with replacement upstream: characters lost for good
        7: Damage(codec="utf-8", header_charset="utf-8", meta_charset="utf-8", mojibake="gbk", lossy=True),
        8: Damage(codec="big5", pinyin="stacked"),  # Big5 with no declaration at all
        9: Damage(codec="utf-8", header_charset="utf-8", meta_charset="utf-8", pinyin="stacked",
                  spam=("glued",)),
        10: Damage(codec="big5", meta_charset="big5", spam=("after",)),
    },
    "news": {
        3: Damage(codec="utf-8", header_charset="utf-8", meta_charset="utf-8", mojibake="gb18030"),
        4: Damage(codec="utf-8", header_charset="utf-8", meta_charset="utf-8", spam=("inside",)),
        5: Damage(codec="utf-8", header_charset="gbk", meta_charset="utf-8"),  # header lies
        7: Damage(codec="utf-8", header_charset="utf-8", meta_charset="utf-8", mojibake="latin-1"),
        9: Damage(codec="utf-8"),  # no declaration
        10: Damage(codec="gbk", header_charset="gbk", meta_charset="gbk"),
        11: Damage(codec="utf-8", meta_charset="utf-8", pinyin="toneless", spam=("after",)),
    },
}
_DEFAULT = {"rsj": _RSJ, "portal": _PORTAL, "news": _NEWS}

# Place names and filler for SEO spam blocks (as in the seeds' tails).
SPAM_WORDS = (
    "乌鲁木齐市 阿拉善右旗 平顺县 阿图什市 莲花县 长丰县 双鸭山市 攀枝花市 商丘市 东兴市 马鞍山市 "
    "通许县 客服 灵石县 香港 洛南县 北京市 白河县 仪陇县 孝感市 承德市 永安市 女性 长顺县 延津县 "
    "岳阳市 武冈市 玛多县 潮州市 丰镇市 炎陵县 馆陶县 县级市 北宁市 双辽市 建德市 平顶山市 通榆县 "
    "广河县 喀喇沁旗 河西区 正镶白旗 海城区 宜州市 泸水县 图木舒克市 巴里坤哈萨克自治县"
).split()


@dataclass
class Article:
    slug: str
    site: str
    channel: str
    title: str
    published: str
    author: str
    source: str
    script: str
    paragraphs: list[str]
    origin: str
    index: int = 0
    path: str = ""
    damage: Damage = field(default_factory=Damage)
    copy_of: str | None = None  # the slug of the article this one republishes (syndication)

    @property
    def url(self) -> str:
        return f"http://{SITES[self.site]['host']}{self.path}"

    @property
    def text(self) -> str:
        """The known clean body: paragraphs joined by newlines."""
        return "\n".join(self.paragraphs)


@cache
def demo_articles() -> tuple[Article, ...]:
    """Every demo article with its URL, known clean text and the damage its page carries."""
    raw = json.loads((resources.files("crawler.demo") / "articles.json").read_text("utf-8"))
    articles = []
    for site in SITES:
        for index, entry in enumerate(e for e in raw if e["site"] == site):
            article = Article(**entry, index=index)
            article.damage = DAMAGE[site].get(index, _DEFAULT[site])
            article.path = _article_path(article)
            articles.append(article)
    return tuple(articles)


def _article_path(a: Article) -> str:
    y, m, d = a.published.split("-")
    number = 1000 + a.index
    if a.site == "rsj":
        return f"/{a.channel}/{y}{m}/t{y}{m}{d}_{number}.html"
    if a.site == "portal":
        return f"/news/{a.channel}/{y}/{m}{d}/{number}.shtml"
    return f"/a/{y}/{m}/{d}/{a.slug}.html"


def _list_path(site: str, channel: str, page: int) -> str:
    if site == "rsj":
        return f"/{channel}/index.html" if page == 1 else f"/{channel}/index_{page - 1}.html"
    if site == "portal":
        return f"/news/{channel}/" if page == 1 else f"/news/{channel}/list_{page}.shtml"
    return f"/c/{channel}/" if page == 1 else f"/c/{channel}/page/{page}/"


# -- damage ------------------------------------------------------------------------------

def inject_pinyin(text: str, style: str, rng: random.Random) -> str:
    """Add reading annotations after some Han characters, as pinyin-annotating mirrors do."""
    out = []
    for ch in text:
        out.append(ch)
        if not ("\u4e00" <= ch <= "\u9fff") or rng.random() > 0.35:
            continue
        # (zhuyin: Taiwan's notation, a mirror of a Traditional page's)
        styles = {"tone": Style.TONE, "zhuyin": Style.BOPOMOFO}
        reading = pinyin(ch, style=styles.get(style, Style.NORMAL))[0][0]
        if reading == ch:
            continue
        repeat = rng.choice((1, 1, 2, 4)) if style == "stacked" else 1
        out.append(f"({reading})" * repeat)
    return "".join(out)


def spam_block(rng: random.Random, codec: str = "utf-8") -> str:
    """A run of place names joined by "|", drawn from those the page's codec can carry."""
    fitting = [w for w in SPAM_WORDS if fits(w, codec)]
    words = rng.sample(fitting, rng.randint(12, min(30, len(fitting))))
    return "".join(f"{w}| " for w in words).rstrip()


def fits(text: str, codec: str) -> bool:
    """Whether ``codec`` can encode ``text``."""
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def mojibake(text: str, codec: str, lossy: bool = False) -> str:
    """The text as it reads after its UTF-8 bytes were decoded with ``codec`` upstream.

    Lossy: the whole text decoded with replacement (each byte that does not decode becomes
    U+FFFD, as a CMS that decoded UTF-8 as GBK and saved the result), so some characters are
    gone for good.

    Each run of two or more non-ASCII characters is spoiled where its bytes decode in
    ``codec`` (an odd number of bytes does not, in a double-byte codec), as in a CMS that kept
    what it could. (A lone character, like the ú of a pinyin gloss, would turn into one real
    character that no repair could tell from text.)
    """

    if lossy:
        return text.encode("utf-8").decode(codec, errors="replace")

    def spoil(match: re.Match[str]) -> str:
        try:
            return match.group(0).encode("utf-8").decode(codec)
        except UnicodeDecodeError:
            return match.group(0)

    return re.sub(r"[^\x00-\x7f]{2,}", spoil, text)


def _body_paragraphs(a: Article, rng: random.Random) -> list[str]:
    paragraphs = list(a.paragraphs)
    if a.damage.pinyin:
        paragraphs = [inject_pinyin(p, a.damage.pinyin, rng) for p in paragraphs]
    if "inside" in a.damage.spam and len(paragraphs) > 1:
        paragraphs.insert(len(paragraphs) // 2, spam_block(rng, a.damage.codec))
    if "glued" in a.damage.spam:
        paragraphs[-1] = paragraphs[-1] + spam_block(rng, a.damage.codec)
    if a.damage.mojibake:
        paragraphs = [mojibake(p, a.damage.mojibake, a.damage.lossy) for p in paragraphs]
    return paragraphs


def _title(a: Article, rng: random.Random) -> str:
    title = a.title
    if a.damage.pinyin:
        title = inject_pinyin(title, a.damage.pinyin, rng)
    if a.damage.mojibake:
        title = mojibake(title, a.damage.mojibake, a.damage.lossy)
    return title


# -- templates ---------------------------------------------------------------------------

e = html.escape


def _meta_charset(charset: str | None, html5: bool = False) -> str:
    if not charset:
        return ""
    if html5:
        return f'<meta charset="{charset}">'
    return f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'


def _rsj_article(a: Article, related: list[Article], rng: random.Random) -> str:
    s = SITES["rsj"]
    paragraphs = "\n".join(f"<p>\u3000\u3000{e(p)}</p>" for p in _body_paragraphs(a, rng))
    lost = "<p>?</p>" if a.damage.lost_char_line else ""
    byline = f"\u3000作者：{e(a.author)}" if a.author else ""
    title = _title(a, rng)
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head>
{_meta_charset(a.damage.meta_charset)}
<title>{e(title)}_{s['name']}</title>
</head>
<body topmargin="0" leftmargin="0">
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td height="90" class="banner"><img src="/images/banner.jpg" width="980" height="90" alt="{s['name']}"></td></tr>
<tr><td class="nav"><a href="/">网站首页</a> | <a href="/gzdt/index.html">工作动态</a> | <a href="/jyfp/index.html">就业扶贫</a> | <a href="/zcfg/index.html">政策法规</a> | <a href="/bszn/index.html">办事指南</a> | <a href="/hdjl/index.html">互动交流</a></td></tr>
</table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr>
<td width="220" valign="top" class="left">
<table width="100%"><tr><td class="lmtitle">栏目导航</td></tr>
<tr><td><a href="/gzdt/index.html">工作动态</a></td></tr>
<tr><td><a href="/jyfp/index.html">就业扶贫</a></td></tr>
<tr><td><a href="/zcfg/index.html">政策法规</a></td></tr>
<tr><td><a href="/bszn/index.html">办事指南</a></td></tr></table>
</td>
<td width="760" valign="top">
<table width="100%" border="0" cellpadding="0" cellspacing="0">
<tr><td class="position">您现在的位置：<a href="/">首页</a> &gt; <a href="{_list_path('rsj', a.channel, 1)}">{s['channels'][a.channel]}</a> &gt; 正文</td></tr>
<tr><td align="center" class="biaoti"><b>{e(title)}</b></td></tr>
<tr><td align="center" class="info">发布时间：{a.published}\u3000来源：{e(a.source)}{byline}\u3000【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</td></tr>
<tr><td class="content" id="zoom">
{paragraphs}
{lost}
</td></tr>
<tr><td align="right">责任编辑：{e(a.author or "管理员")}</td></tr>
<tr><td align="center">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
</table>
</td></tr></table>
<table width="980" border="0" align="center" class="footer"><tr><td align="center">
主办：{s['name']}\u3000地址：凤岭县人民路88号\u3000电话：0391-1234567<br>
版权所有：{s['name']}\u3000豫ICP备05012345号\u3000CopyRight ?2016
</td></tr></table>
</body></html>
"""


def _portal_article(a: Article, related: list[Article], rng: random.Random) -> str:
    s = SITES["portal"]
    paragraphs = "\n".join(f"<p>{e(p)}</p>" for p in _body_paragraphs(a, rng))
    spam_after = f'<div class="tags">{e(spam_block(rng, a.damage.codec))}</div>' if "after" in a.damage.spam else ""
    lost = "<p>?</p>" if a.damage.lost_char_line else ""
    summary = ""
    if a.damage.summary_tail:
        summary = f'<div class="summary">{e(" ".join(a.paragraphs))[:600]}</div>'
    links = "\n".join(f'<li><a href="{r.path}">{e(r.title)}</a></li>' for r in related)
    author = f"<span>作者:{e(a.author)}</span>" if a.author else ""
    title = _title(a, rng)
    y, m, d = a.published.split("-")
    return f"""<!DOCTYPE html>
<html>
<head>
{_meta_charset(a.damage.meta_charset)}
<title>{e(title)} - {s['name']}</title>
<meta name="keywords" content="扶貧,就業,勞務協作">
<link rel="stylesheet" href="/css/style.css">
</head>
<body>
<div class="topbar"><a href="/">首頁</a> <a href="/news/">新聞中心</a> <a href="/news/fujian/">福建頻道</a> <a href="/news/difang/">地方動態</a> <a href="/video/">視頻</a> <a href="/app/">下載客戶端</a></div>
<div class="header"><div class="logo"><a href="/">{s['name']}</a></div>
<ul class="menu"><li><a href="/news/fujian/">福建</a></li><li><a href="/news/difang/">地方</a></li><li><a href="/finance/">財經</a></li><li><a href="/sports/">體育</a></li></ul></div>
<div class="location">您現在的位置:<a href="/">{s['name']}</a>&gt;<a href="/news/">新聞中心</a>&gt;<a href="{_list_path('portal', a.channel, 1)}">{s['channels'][a.channel]}</a></div>
<div class="main">
<div class="left">
<div class="article">
<h1>{e(title)}</h1>
<div class="info"><span>{y}.{m}.{d}</span> <span>來源:{e(a.source)}</span> {author}</div>
<div class="share">分享到:<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空間</a></div>
<div class="content" id="content">
{paragraphs}
{lost}
</div>
<div class="editor">( 責編:lj )</div>
{summary}
{spam_after}
</div>
<div class="related"><h3>相關閱讀</h3><ul>
{links}
</ul></div>
</div>
<div class="right"><h3>熱點排行</h3><ul>{links}</ul><p><a href="/app/">下載東南資訊客戶端</a></p><p>關注東南資訊微信</p></div>
</div>
<div class="footer">
<p><a href="/about/">版權說明</a>| <a href="/ad/">廣告服務</a>| <a href="/contact/">聯繫我們</a>| <a href="/law/">法律顧問</a></p>
<p>違法和不良信息舉報電話:0591-87095414 舉報郵箱:service@portal.demo.test</p>
<p>CopyRight ?2016 {s['name']} 版權所有 閩ICP備15008128號-2</p>
</div>
</body>
</html>
"""


def _news_article(a: Article, related: list[Article], rng: random.Random) -> str:
    s = SITES["news"]
    paragraphs = "\n".join(f"<p>{e(p)}</p>" for p in _body_paragraphs(a, rng))
    spam_after = f"<p>{e(spam_block(rng, a.damage.codec))}</p>" if "after" in a.damage.spam else ""
    cards = "\n".join(
        f'<li><a href="{r.path}"><h3>{e(r.title)}</h3><p>{e(r.paragraphs[0][:60])}</p></a></li>'
        for r in related
    )
    title = _title(a, rng)
    authors = f'<span class="author">记者 {e(a.author)}</span>' if a.author else ""
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
{_meta_charset(a.damage.meta_charset, html5=True)}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}_{s['name']}</title>
<meta property="og:site_name" content="{s['name']}">
<meta property="article:published_time" content="{a.published}T08:30:00+08:00">
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<header class="site-header"><a class="logo" href="/">{s['name']}</a>
<nav><a href="/">首页</a><a href="/c/jiuye/">就业</a><a href="/c/fupin/">扶贫</a><a href="/c/shizheng/">时政</a><a href="/c/minsheng/">民生</a><a href="/app/">客户端</a></nav></header>
<main class="container">
<div class="crumbs"><a href="/">首页</a> &gt; <a href="{_list_path('news', a.channel, 1)}">{s['channels'][a.channel]}</a> &gt; 正文</div>
<article>
<h1>{e(title)}</h1>
<div class="article-meta"><time datetime="{a.published}">{a.published}</time> <span>来源：{e(a.source)}</span> {authors}</div>
<div class="share-bar">分享到： <button>微信</button> <button>微博</button> <button>朋友圈</button></div>
<div class="article-body">
{paragraphs}
</div>
{spam_after}
<p class="hotline">（{s['name']}新闻热线：0371-6566 0000，投稿邮箱：tougao@news.demo.test）</p>
<p class="keywords">文章关键词：就业 扶贫 责编：{e(a.author.split()[0] if a.author else "赵惠")}</p>
</article>
<aside class="related"><h2>相关阅读 换一换</h2><ul>
{cards}
</ul></aside>
<aside class="hot"><h2>今日热点</h2><ul>{cards}</ul></aside>
</main>
<footer><p><a href="/about/">网站简介</a> | <a href="/copyright/">版权声明</a> | <a href="/ad/">广告服务</a> | <a href="/contact/">联系方式</a> | <a href="/sitemap/">网站地图</a></p>
<p>Copyright &copy; 2012 news.demo.test Corporation, All Rights Reserved</p><p>{s['name']} 版权所有</p></footer>
</body>
</html>
"""


_ARTICLE_TEMPLATES = {"rsj": _rsj_article, "portal": _portal_article, "news": _news_article}


def _list_page(site: str, channel: str, page: int, pages: int, items: list[Article]) -> str:
    s = SITES[site]
    name = {**s["channels"], **s["empty_channels"]}[channel]
    rows = "\n".join(f'<li><a href="{a.path}">{e(a.title)}</a> <span>{a.published}</span></li>'
                     for a in items)
    nav = []
    if page > 1:
        nav.append(f'<a href="{_list_path(site, channel, page - 1)}">上一页</a>')
    if page < pages:
        nav.append(f'<a href="{_list_path(site, channel, page + 1)}">下一页</a>')
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{name} - {s['name']}</title></head>
<body><h1>{s['name']}</h1><h2>{name}</h2>
<ul class="list">
{rows or "<li>暂无内容</li>"}
</ul>
<div class="pages">第{page}页/共{pages}页 {' '.join(nav)}</div>
</body></html>
"""


def _home_page(site: str, articles: list[Article]) -> str:
    s = SITES[site]
    channels = " ".join(f'<a href="{_list_path(site, c, 1)}">{name}</a>' for c, name in s["channels"].items())
    latest = "\n".join(f'<li><a href="{a.path}">{e(a.title)}</a></li>' for a in articles[:3])
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{s['name']}</title></head>
<body><h1>{s['name']}</h1><nav>{channels}</nav><h2>最新</h2><ul>{latest}</ul></body></html>
"""


@dataclass(frozen=True)
class Resource:
    status: int
    headers: dict[str, str]
    body: bytes


def _resource(body: bytes, content_type: str, modified: str | None = None) -> Resource:
    headers = {"Content-Type": content_type, "ETag": '"' + hashlib.sha1(body).hexdigest()[:16] + '"'}
    if modified:
        stamp = datetime.fromisoformat(modified).replace(hour=8, tzinfo=UTC)
        headers["Last-Modified"] = format_datetime(stamp, usegmt=True)
    return Resource(200, headers, body)


@cache
def build_sites() -> dict[tuple[str, str], Resource]:
    """Every page of every demo site, keyed by (host, path)."""
    pages: dict[tuple[str, str], Resource] = {}
    articles = demo_articles()
    for site, spec in SITES.items():
        host = spec["host"]
        own = sorted((a for a in articles if a.site == site), key=lambda a: a.published, reverse=True)
        pages[(host, "/robots.txt")] = _resource(b"User-agent: *\nDisallow: /admin/\n", "text/plain")
        pages[(host, "/")] = _resource(_home_page(site, own).encode(), "text/html; charset=utf-8")
        for channel in spec["channels"]:
            items = [a for a in own if a.channel == channel]
            count = max(1, -(-len(items) // PER_PAGE))
            for page in range(1, count + 1):
                chunk = items[(page - 1) * PER_PAGE: page * PER_PAGE]
                body = _list_page(site, channel, page, count, chunk).encode()
                pages[(host, _list_path(site, channel, page))] = _resource(body, "text/html; charset=utf-8")
        for channel in spec["empty_channels"]:
            body = _list_page(site, channel, 1, 1, []).encode()
            pages[(host, _list_path(site, channel, 1))] = _resource(body, "text/html; charset=utf-8")
        for position, article in enumerate(own):
            rng = random.Random(article.slug)
            related = [own[(position + k) % len(own)] for k in (1, 2, 3, 4)]
            markup = _ARTICLE_TEMPLATES[site](article, related, rng)
            body = markup.encode(article.damage.codec)  # raises if the text does not fit: a data bug
            content_type = "text/html"
            if article.damage.header_charset:
                content_type += f"; charset={article.damage.header_charset}"
            pages[(host, article.path)] = _resource(body, content_type, article.published)
    return pages
