"""Furniture found in the page's tree before extraction (crawler.text.blocks): what goes, and
what looks like it and stays. Pages are built here around one article."""

from __future__ import annotations

import lxml.html
import pytest

from crawler.page import Page, process_page
from crawler.text.blocks import (
    block_paragraph_text,
    drop_announced_blocks,
    drop_comment_sections,
    drop_furniture_blocks,
    drop_latin_versions,
    drop_link_rows,
    drop_note_marks,
    drop_other_scripts,
    drop_replies,
    infobox_tables_as_paragraphs,
    join_definition_pairs,
    join_label_cells,
    join_name_value_items,
    main_block,
)
from crawler.text.clean import clean_text
from crawler.text.extract import extract_article, missed_block, summary_before_text
from crawler.text.parse import parse_html
from crawler.text.prepare import headings_from_wrappers, paragraphs_from_breaks, unwrap_single_cell_tables
from crawler.text.rules import load_rules

PARAGRAPHS = [
    "5月16日上午，2023年济南—湘西劳务协作专场招聘会在花垣县人力资源市场举行，来自济南的48家企业带来2100余个岗位。",
    "招聘会现场，电子装配、汽车维修、家政服务等岗位最受欢迎，部分企业还开出了包吃包住的条件。",
    "此次招聘会共达成初步就业意向680人，县人社局将持续跟踪服务已签约人员，确保外出务工人员稳得住。",
    "据介绍，今年以来，花垣县已组织劳务输出1.2万人次，其中脱贫劳动力占四成以上，人均月收入超过5000元。",
]
ARTICLE = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
# a site's footer of more prose than a short article's one paragraph
FOOTER_PROSE = ("本网所刊登的各种新闻、信息和各种专题专栏资料，均为清源新闻网版权所有，"
                "未经协议授权，禁止下载使用。凡本网注明“来源：清源新闻网”的所有作品，未经授权不得转载、摘编或利用其它方式使用。")
TEASERS = [("吉首市开展“311”就业服务专项行动", "2023-05-15"),
           ("泸溪县组织脱贫劳动力赴广东务工", "2023-05-15"),
           ("凤凰县举办乡村振兴技能大赛取得实效", "2023-05-14"),
           ("保靖县扶贫车间带动三百余人家门口就业", "2023-05-13")]


def page(body: str) -> str:
    return (f"<html><head><title>花垣县举办劳务协作专场招聘会_川南网</title></head><body>"
            f"<div class='nav'><a href='/'>首页</a><a href='/news'>新闻</a></div>{body}</body></html>")


def teaser_records(tag: str = "li") -> str:
    return "".join(f"<{tag} class='item'><a href='/a/{i}.html'>{title}</a><span>{day}</span>"
                   f"<p>{title}，详细情况请点击查看。</p></{tag}>"
                   for i, (title, day) in enumerate(TEASERS))


def lines(html: str) -> list[str]:
    return [line for line in extract_article(html, "http://news.test/a/1.html").text.split("\n") if line]


def after_blocks(html: str) -> str:
    """The page's text once the block step has run (whatever an extractor then makes of it)."""
    tree = lxml.html.fromstring(html)
    drop_furniture_blocks(tree)
    return "".join(tree.text_content().split())


def teaser_dls() -> str:
    return "".join(f"<dl><dt><a href='/b/{i}.shtml'><img src='/i/{i}.jpg'></a></dt>"
                   f"<dd class='tit'><a href='/b/{i}.shtml'>{title}</a></dd>"
                   f"<dd class='exp'>{title}，当地人社部门组织企业现场招聘，群众踊跃参加。</dd>"
                   f"<dd class='sj'>{day}<span>07:42</span></dd></dl>"
                   for i, (title, day) in enumerate(TEASERS))


@pytest.mark.parametrize("block", [
    "<div class='tuijian'><h2>为你推荐</h2><div class='con'>{records}</div></div>",
    "<div class='tuijian'><div class='title'><h2>精彩视频推荐</h2></div>"
    "<div class='con'>{records}</div></div>",
    "<ul class='hot'><div class='name'>热帖</div>{records}</ul>",
    "<div class='read'><h2>推荐阅读</h2><p><strong>致敬改革开放四十年</strong>一个时代有一个时代的文艺。"
    "<a href='/t/1'>【详细】</a></p></div>",
    # a CMS's box of teasers with summaries (DedeCMS's 推荐内容)
    "<div class='commend'><dl class='tbox'><dt><strong>推荐内容</strong></dt><dd>{records}</dd></dl></div>",
    # a blog's box of the blogger's picks, a disclosure page's box of readings of the document
    "<div class='mdl'><div class='mt'><h2>博主推荐</h2></div><div class='mb'>{records}</div></div>",
    "<div class='jd'><h4>相关解读</h4>{records}</div>",
    "<div class='hot'><div class='hd'><h3>河北热点</h3></div><ul>{records}</ul></div>",  # a region's
    # a portal's box of its message board beside the article: a word of it, then its links
    "<div class='box_ld'><h2>地方领导留言板</h2><p>截至目前，网友留言已得到回复。</p>{records}</div>",
    # a heading with its count of comments, or with its own control (展开, 更多>>)
    "<div class='comment'><div class='t'>热议 <span>3</span></div>{records}</div>",
    "<div class='ref'><div class='t'><span>推荐阅读</span><span>展开</span></div><ul>{records}</ul></div>",
    "<div class='hot'><div class='t'><span>热门推荐</span><a href='/more'>更多&gt;&gt;</a></div>"
    "{records}</div>",
])
def test_a_block_under_a_heading_that_names_other_links_goes_with_it(block):
    html = page(f"<div class='main'>{ARTICLE}</div>" + block.format(records=teaser_dls()))
    kept = after_blocks(html)
    assert all(p in kept for p in PARAGRAPHS)
    assert not any(title in kept for title, _ in TEASERS)
    headings = ("为你推荐", "精彩视频推荐", "热帖", "推荐阅读", "致敬改革开放", "推荐内容", "博主推荐",
                "相关解读", "留言板", "网友留言", "热议", "展开", "热门推荐")
    assert not any(word in kept for word in headings)


def test_a_heading_with_a_count_or_a_control_inside_the_article_keeps_what_follows():
    # a sentence that opens with the heading's words is no heading
    html = page(f"<div class='main'>{ARTICLE}<p>热议<b>3</b>天的方案终于定了。</p>"
                f"<p>{PARAGRAPHS[0]}</p></div>")
    assert after_blocks(html).count(PARAGRAPHS[0]) == 2


def test_a_sites_contact_box_beside_the_article_goes_and_contact_lines_in_it_stay():
    contact = "<p>地址：川南市人民路88号</p><p>邮政编码：646000</p><p>电话：0830-1234567</p>"
    box = (f"<div class='side'><div class='cont'><h4>联系我们</h4>"
           f"<div class='cont_font'>{contact}</div></div></div>")
    kept = after_blocks(page(f"<div class='main'>{ARTICLE}</div>{box}"))
    assert all(p in kept for p in PARAGRAPHS) and "邮政编码" not in kept
    # under the same heading inside the article (a job fair's contacts), the lines are its text,
    # whether the heading stands among the paragraphs or in a box of their own
    inside = after_blocks(page(f"<div class='main'>{ARTICLE}<h4>联系我们</h4>{contact}</div>"))
    assert "邮政编码：646000" in inside
    boxed = after_blocks(page(f"<div class='main'>{ARTICLE}<div class='contact'><h4>联系我们</h4>"
                              f"{contact}</div></div>"))
    assert "邮政编码：646000" in boxed


def test_a_heading_that_labels_the_article_keeps_it():
    # a template that heads the article's own box with a channel label
    html = page(f"<div class='box'><div class='title'>相关新闻</div>"
                f"<div class='content'>{ARTICLE}</div></div>")
    assert all(p in after_blocks(html) for p in PARAGRAPHS)
    assert lines(html) == PARAGRAPHS


def test_a_subheading_inside_the_article_keeps_what_follows():
    html = page(f"<div class='main'>{ARTICLE}<h3>相关链接</h3>"
                f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div>")
    assert after_blocks(html).count(PARAGRAPHS[1]) == 2


@pytest.mark.parametrize("run", [
    # the label and the first link in one element, the others in paragraphs of their own
    "<p><font color='red'>延伸阅读：<a href='/a/0.html'>{0}</a></font></p>"
    "<p>　　<a href='/a/1.html'>{1}</a></p><p><a href='/a/2.html'>{2}</a></p><p></p>",
    # all the links in the label's paragraph, bulleted
    "<p>相关新闻：·<a href='/a/0.html'>{0}</a>·<a href='/a/1.html'>{1}</a><br>"
    "·<a href='/a/2.html'>{2}</a></p>",
])
def test_a_label_holding_other_links_inside_the_article_goes_with_its_links(run):
    titles = [title for title, _ in TEASERS]
    html = page(f"<div class='main'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>{run.format(*titles)}"
                f"<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p></div>")
    assert lines(html) == PARAGRAPHS


def test_a_page_that_is_only_a_label_and_its_link_keeps_its_body():
    tree = lxml.html.fromstring(
        "<html><body>相关阅读：<a href='/x'>扶贫车间让村民家门口就业</a></body></html>")
    drop_furniture_blocks(tree)
    assert tree.find("body") is not None


@pytest.mark.parametrize("paragraph", [
    # a sentence that links a report after such a label, and a link the text goes on from
    "相关链接：<a href='/a/1.html'>人社部官网</a>公布了首批劳务品牌名单。",
    "推荐阅读：<a href='/a/1.html'>《平凡的世界》</a>等书目，是县图书馆为务工人员备下的。",
])
def test_a_label_before_text_stays(paragraph):
    html = page(f"<div class='main'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><p>{paragraph}</p>"
                f"<p>为务工人员提供岗位推介、技能培训和权益维护等服务，全年服务三千余人次。</p>"
                f"<p>{PARAGRAPHS[2]}</p></div>")
    assert "".join(lxml.html.fromstring(paragraph).text_content().split()) in after_blocks(html)


@pytest.mark.parametrize("records", [teaser_dls(), f"<ul class='list'>{teaser_records()}</ul>"])
def test_a_dated_list_of_other_articles_goes_without_any_heading(records):
    html = page(f"<div class='main'>{ARTICLE}</div><div class='more'>{records}</div>")
    kept = after_blocks(html)
    assert all(p in kept for p in PARAGRAPHS)
    assert not any(title in kept for title, _ in TEASERS)


def feed_items() -> str:
    # a feed: the items with a summary carry a class more, and the time has no year and no
    # space between day and hour once the text is read without its spaces
    return "".join(
        f"<div class='feed-item{' feed-item-txt' if i % 2 else ''}'>"
        f"<h2><a href='/a/{i}.html'>{title}</a></h2>"
        + (f"<p>{title}，详细情况请点击查看。</p>" if i % 2 else "")
        + f"<div class='time'>05月{16 - i}日 09:3{i}</div></div>" for i, (title, _) in enumerate(TEASERS))


def test_a_feeds_items_are_one_list_whatever_class_more_some_carry():
    html = page(f"<div class='main'>{ARTICLE}</div><div class='feed'>{feed_items()}</div>")
    kept = after_blocks(html)
    assert all(p in kept for p in PARAGRAPHS)
    assert not any(title in kept for title, _ in TEASERS)


@pytest.mark.parametrize("tail", [
    # a post's own section headed 留言, over text alone
    f"<section><p><strong>留言</strong></p></section><section><p>{PARAGRAPHS[1]}</p></section>",
    # a sentence that starts like a heading
    f"<blockquote><p>推荐<b>《平凡的世界》</b>这本书，它讲述了普通人的奋斗。</p><p>{PARAGRAPHS[2]}</p></blockquote>",
    # a table's header cell
    "<table><tr><th>排名</th><th>县市</th><th>输出人数</th></tr><tr><td>1</td><td>花垣县</td><td>12000</td></tr></table>",
    # a chronicle: dated entries that link a phrase inside a sentence
    "".join(f"<p>2023年{m}月5日，县委书记到<a href='/x/{m}'>高新区重点项目建设现场</a>调研，"
            "强调抓好劳务协作。</p>" for m in range(1, 7)),
])
def test_text_that_looks_like_furniture_in_the_tree_stays(tail):
    html = page(f"<div class='main'>{ARTICLE}</div><div class='more'>{tail}</div>")
    kept = after_blocks(html)
    items = ["".join(el.text_content().split()) for el in lxml.html.fragment_fromstring(tail, "div")]
    assert all(item in kept for item in items)


@pytest.mark.parametrize("tail", [
    # paragraphs that each hold a link: text, not a list of links
    "".join(f"<p>{p[:20]}<a href='/x/{i}'>相关政策文件</a>{p[20:]}</p>" for i, p in enumerate(PARAGRAPHS)),
    # an attachment list (documents) is part of a notice
    "<ul>" + "".join(f"<li><a href='/files/{i}.pdf'>附件{i}：花垣县劳务协作企业岗位需求表</a></li>"
                     for i in range(1, 5)) + "</ul>",
    # a short list the text lists (not links)
    "<ul>" + "".join(f"<li>{name}岗位需求充足，工资待遇优厚。</li>"
                     for name in ("电子装配", "汽车维修", "家政服务", "餐饮服务")) + "</ul>",
])
def test_lists_inside_an_article_that_look_like_records_stay(tail):
    # the block step alone: whether an extractor keeps a list of links is its own affair
    tree = lxml.html.fromstring(page(f"<div class='main'>{ARTICLE}{tail}</div>"))
    drop_furniture_blocks(tree)
    kept = "".join(tree.text_content().split())
    items = ["".join(el.text_content().split()) for el in lxml.html.fragment_fromstring(tail, "div")]
    assert all(item in kept for item in items)


def test_an_article_in_a_page_column_list_item_keeps_its_paragraphs():
    # <ul><li> used as the page's columns: extractors read the item as one line
    comments = "".join(f"<div class='cmt'><span>网友{i}</span><p>这个招聘会办得好，希望多举办几次。</p></div>"
                       for i in range(3))
    html = page(f"<ul class='two-column'><li class='left'><h3>花垣县举办劳务协作专场招聘会</h3>"
                f"<div class='time'><span>2023-05-16 10:00</span><span>来源：川南网</span></div>"
                f"<div class='content'>{ARTICLE}</div>{comments}</li>"
                f"<li class='right'><div class='hot'><a href='/x'>广告</a></div></li></ul>")
    got = lines(html)
    start = got.index(PARAGRAPHS[0])
    assert got[start:start + len(PARAGRAPHS)] == PARAGRAPHS


def test_an_infobox_keeps_each_term_with_its_definition():
    infobox = ("<dl class='basic-info'><dt>中文名</dt><dd>东西部劳务协作</dd>"
               "<dt>起始时间</dt><dd>1996年</dd><dt>主管部门</dt><dd>人力资源和社会保障部</dd>"
               "<dt>外文名</dt><dd>East-West labor cooperation</dd></dl>")
    rest = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
    got = lines(page(f"<div class='main'><p>{PARAGRAPHS[0]}</p>{infobox}{rest}</div>"))
    # side by side as the page shows them: no colon the page does not show
    assert {"中文名 东西部劳务协作", "起始时间 1996年", "主管部门 人力资源和社会保障部"} <= set(got)


def test_an_infobox_above_the_first_paragraph_is_the_articles_not_a_record():
    # a wiki's infobox before its text (a record's fields, 类型：投诉, go from there: their
    # colons are the page's)
    infobox = ("<dl class='basic-info'>" + "".join(
        f"<dt>{term}</dt><dd>{value}</dd>" for term, value in (
            ("中文名", "岚江县"), ("行政区划代码", "522638"), ("所属地区", "贵州省黔川市"),
            ("面积", "2136.4平方千米"), ("政府驻地", "岚城镇"), ("电话区号", "0856"))) + "</dl>")
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    text = clean_text(extract_article(page(f"<div class='main'>{infobox}{body}</div>"),
                                      "http://news.test/a/1.html").text).text
    assert text.split("\n")[:3] == ["中文名 岚江县", "行政区划代码 522638", "所属地区 贵州省黔川市"]
    record = ("<dl class='info'>" + "".join(f"<dt>{term}：</dt><dd>{value}</dd>" for term, value in (
        ("留言对象", "县人社局"), ("留言类型", "咨询"), ("办理状态", "已回复"))) + "</dl>")
    text = clean_text(extract_article(page(f"<div class='main'>{record}{body}</div>"),
                                      "http://news.test/a/1.html").text).text
    assert "留言" not in text and "办理状态" not in text


def test_a_definition_list_of_links_or_sentences_is_not_an_infobox():
    question = "<dl><dt>问：招聘会什么时候举行，在哪里举行？</dt><dd>答：每月16日。</dd></dl>"
    tree = lxml.html.fromstring(page(f"<div class='main'>{ARTICLE}</div>" + teaser_dls() + question))
    assert join_definition_pairs(tree, load_rules().blocks) == 0


def test_runs_between_line_breaks_in_a_cell_are_paragraphs():
    cell = "<br />".join(PARAGRAPHS)
    tree = lxml.html.fromstring(page(f"<table><tr><td class='t_f'>{cell}</td></tr></table>"))
    assert paragraphs_from_breaks(tree) == 1
    assert ["".join(p.text_content().split()) for p in tree.iter("p")] == PARAGRAPHS


@pytest.mark.parametrize("wrapper,rebuilt", [
    ("<blockquote><span id='textstyle_1'>{}</span></blockquote>", 1),   # a post's body (DVBBS)
    ("<p><span class='quote'>{}</span></p>", 0),                       # lines of one paragraph
])
def test_a_span_that_is_a_posts_whole_body_is_a_block_of_paragraphs(wrapper, rebuilt):
    tree = lxml.html.fromstring(page(wrapper.format("<br><br>".join(PARAGRAPHS))))
    assert paragraphs_from_breaks(tree) == rebuilt
    assert len(list(tree.iter("p"))) == (len(PARAGRAPHS) if rebuilt else 1)


def test_a_table_of_one_cell_holding_paragraphs_is_read_as_a_block():
    portal = f"<table class='vwtb'><tr><td id='article_content'>{ARTICLE}</td></tr></table>"
    post = "<table><tr><td class='t_f'>" + "<br><br>".join(PARAGRAPHS) + "</td></tr></table>"
    data = "<table><tr><td><p>年份</p><p>人数</p></td><td>2023</td></tr></table>"
    tree = lxml.html.fromstring(page(portal + post + data))
    assert unwrap_single_cell_tables(tree) == 1
    assert [t.get("class") for t in tree.iter("table")] == [None, None]  # the post's and the data's
    assert tree.get_element_by_id("article_content").tag == "div"
    # read whole, the portal's paragraphs stay lines of their own
    article = extract_article(page(portal))
    assert article.text.split("\n") == PARAGRAPHS


def test_a_pictures_box_among_the_runs_does_not_keep_them_one_block():
    picture = "<div class='t_attach_img'><img src='/a.png'><span>附图</span></div>"
    cell = "<br />".join(PARAGRAPHS[:2]) + picture + "<br />".join(PARAGRAPHS[2:])
    tree = lxml.html.fromstring(page(f"<table><tr><td class='t_f'>{cell}</td></tr></table>"))
    assert paragraphs_from_breaks(tree) == 1
    assert len(list(tree.iter("p"))) >= len(PARAGRAPHS) - 1
    # a block of text of its own among them: not runs of one post
    block = f"<div class='note'>{PARAGRAPHS[0]}</div>"
    tree = lxml.html.fromstring(page("<td>" + block + "<br />".join(PARAGRAPHS) + "</td>"))
    assert paragraphs_from_breaks(tree) == 0


def test_runs_around_a_pictures_paragraph_are_paragraphs_and_the_picture_stays_between():
    # an old CMS's cell: <font> runs between breaks, a picture centred in a <p> among them
    runs = [f"<font face='宋体'>　　{p}</font>" for p in PARAGRAPHS]
    picture = "<p align='center'><img src='/UploadFiles/1.jpg'></p>"
    cell = "<br><br>".join(runs[:2]) + "<br><br>" + picture + "<br><br>".join(runs[2:])
    tree = lxml.html.fromstring(page(f"<table><tr><td id='fontzoom'>{cell}</td></tr></table>"))
    assert paragraphs_from_breaks(tree) == 1
    td = tree.get_element_by_id("fontzoom")
    assert ["".join(p.text_content().split()) for p in td] == [*PARAGRAPHS[:2], "", *PARAGRAPHS[2:]]
    assert td[2].find("img") is not None
    # a paragraph of text among them: the cell's own paragraphs, not runs
    cell = f"{runs[0]}<br><br><p>{PARAGRAPHS[1]}</p>{runs[2]}<br><br>{runs[3]}"
    tree = lxml.html.fromstring(page(f"<table><tr><td>{cell}</td></tr></table>"))
    assert paragraphs_from_breaks(tree) == 0


def test_runs_under_a_reposted_articles_centred_headline_are_paragraphs():
    # a forum post that reposts an article: its headline centred in a <div>, its runs after
    headline = "<div align='center'><strong><font size='4'>花垣县举办济南专场招聘会</font></strong></div>"
    cell = "<br><br>".join([headline, *PARAGRAPHS])
    tree = lxml.html.fromstring(page(f"<table><tr><td class='t_f'>{cell}</td></tr></table>"))
    assert paragraphs_from_breaks(tree) == 1
    assert len([p for p in tree.iter("p") if p.text_content().strip() in PARAGRAPHS]) == len(PARAGRAPHS)


def test_short_lines_between_breaks_keep_their_order_and_text():
    # an address block: short lines, which are no paragraphs, and a poem inside a <p>
    poem = "<p>床前明月光，<br>疑是地上霜。<br>举头望明月，<br>低头思故乡。</p>"
    html = page(f"<div class='main'>{ARTICLE}{poem}<div class='addr'>地址：<br>花垣县<br>人民路</div></div>")
    tree = lxml.html.fromstring(html)
    assert paragraphs_from_breaks(tree) == 0
    assert "床前明月光，疑是地上霜。举头望明月，低头思故乡。" in "".join(tree.text_content().split())


BIO = ("在湘西的山里生活了四十多年，做过木匠，跑过运输，现在在县城开一家小照相馆。"
       "闲下来喜欢四处走走，把看到的、听到的都记下来，写写家乡的人和事，也写写外出打工的乡亲们的日子。")


def test_a_column_of_prose_beside_the_article_is_left_to_readability():
    # a column the template does not name (a named one goes first: below)
    html = page(f"<div class='wrap'><div class='col-l'><h3>老石</h3><p>{BIO}</p><p>{BIO[:40]}。</p></div>"
                f"<div class='main'><h2>零工市场的早晨</h2><div class='content'>{ARTICLE}</div></div></div>")
    article = extract_article(html)
    assert article.extractor.startswith("readability") and BIO not in article.text
    assert all(p in article.text for p in PARAGRAPHS)


def test_what_readability_leaves_out_of_the_block_itself_is_kept():
    # readability reads paragraphs only: a quotation inside the article's own block comes back
    # from trafilatura's text, the column beside it does not
    quote = "对到县域就业创业的高校毕业生，按规定落实社会保险补贴、创业担保贷款及贴息等政策。"
    html = page(f"<div class='wrap'><div class='col-l'><h3>老石</h3><p>{BIO}</p><p>{BIO[:40]}。</p></div>"
                f"<div class='main'><h2>零工市场的早晨</h2><div class='content'>{ARTICLE}"
                f"<blockquote>{quote}</blockquote></div></div></div>")
    article = extract_article(html)
    assert article.extractor.startswith("readability") and BIO not in article.text
    assert quote in article.text.split("\n") and all(p in article.text for p in PARAGRAPHS)


@pytest.mark.parametrize("name", ["side-box", "r_side", "rightSide", "sidebar", "aside"])
def test_a_column_named_side_goes_before_extraction(name):
    html = page(f"<div class='wrap'><div class='main'><h2>零工市场的早晨</h2>"
                f"<div class='content'>{ARTICLE}</div></div>"
                f"<div class='{name}'><h3>走进花垣</h3><p>{BIO}</p></div></div>")
    article = extract_article(html)
    assert BIO not in article.text and all(p in article.text for p in PARAGRAPHS)
    assert any("beside the article" in note for note in article.explanation)


@pytest.mark.parametrize("name", ["inside", "sideline", "side-note"])
def test_a_word_like_side_or_a_side_note_in_the_article_stays(name):
    # a class that only contains the word, and an aside inside the article's own block
    note = f"<div class='{name}'>{BIO}</div>"
    html = page(f"<div class='main'><h2>零工市场的早晨</h2><div class='content'>{ARTICLE}{note}</div></div>")
    assert BIO in extract_article(html).text


def test_a_column_named_side_that_holds_the_article_stays():
    html = page(f"<div class='main-side'><h2>零工市场的早晨</h2><div class='content'>{ARTICLE}</div></div>"
                "<div class='nav'><a href='/'>首页</a></div>")
    assert all(p in extract_article(html).text for p in PARAGRAPHS)


def test_a_table_over_the_article_is_not_left_out():
    # fewer rows than paragraphs (more would read as a table layout), text enough to ask readability
    cells = "".join(f"<tr><td>{label}</td><td>{value}</td></tr>" for label, value in (
        ("标题：", "关于举办济南—湘西劳务协作专场招聘会的通知"),
        ("发文机关：", "花垣县人力资源和社会保障局办公室"),
        ("发文字号：", "花人社发〔2023〕12号 431224000000000/2023-00112")))
    html = page(f"<div class='wrap'><table class='info'>{cells}</table>"
                f"<div class='main'><div class='content'>{ARTICLE}</div></div></div>")
    article = extract_article(html)
    assert any("readability's" in note for note in article.explanation)  # it was asked
    assert "花人社发〔2023〕12号" in article.text and article.extractor == "trafilatura"


def test_a_login_box_goes_but_a_page_wrapped_in_one_form_keeps_its_article():
    login = ("<div class='login'><strong>登录</strong><input type='text' value='用户名/手机/邮箱'>"
             "<input type='password'><label><input type='checkbox'>记住我</label>"
             "<p class='error'>登录超时，稍后再试</p></div>")
    kept = after_blocks(page(f"{login}<div class='main'>{ARTICLE}</div>"))
    assert "登录超时" not in kept and all(p in kept for p in PARAGRAPHS)
    wrapped = after_blocks(page(f"<form id='aspnetForm'><input type='hidden' name='__VIEWSTATE'>"
                                f"<input type='password'><div class='main'>{ARTICLE}</div></form>"))
    assert all(p in wrapped for p in PARAGRAPHS)
    # a forum's login form: its prompts beside the fields' table go with it
    form = ("<form id='lsform'><table><tr><td><input name='username'></td></tr><tr><td>"
            "<input type='password'></td></tr></table><div class='fastlg_fm'>"
            "<p class='hm'>只需一步，快速开始</p></div></form>")
    assert "只需一步" not in after_blocks(page(f"{form}<div class='main'>{ARTICLE}</div>"))


COMMENTS = ["这个车间我去过，离家近，工资也按时发。", "希望多办几场这样的招聘会，我们村里好多人想去。"]


@pytest.mark.parametrize("wrapper", [
    "<div class='tie-area' id='tieArea'>{box}<p class='tie-reminder'>网友评论仅供其表达个人看法。</p>"
    "{comments}</div>",
    "<div id='comment'><div class='inputBox'>{box}</div><ul>{comments}</ul></div>",
    "<section class='module-cmt-box'><div class='post-wrap'>{box}</div>{comments}</section>",
    "<div class='commentBox'><form>{box}</form></div><div>{comments}</div>",   # a name only on the box
])
def test_a_readers_comment_section_goes(wrapper):
    comments = "".join(f"<div class='item'><p>{c}</p></div>" for c in COMMENTS)
    box = "<textarea placeholder='说两句吧'></textarea><button>发表</button>"
    kept = after_blocks(page(f"<div class='main'>{ARTICLE}</div>"
                             + wrapper.format(box=box, comments=comments)))
    assert all(p in kept for p in PARAGRAPHS)
    named_around_the_comments = "commentBox" not in wrapper
    assert ("网友评论" not in kept and not any(c in kept for c in COMMENTS)) == named_around_the_comments


def test_a_writing_box_outside_anything_named_for_comments_or_around_the_article_stays():
    box = "<textarea name='msg'></textarea>"
    unnamed = after_blocks(page(f"<div class='main'>{ARTICLE}</div><div class='feedback'>{box}"
                                f"<p>{COMMENTS[0]}</p></div>"))
    assert COMMENTS[0] in unnamed
    # a page whose article sits inside an element named for reviews keeps it
    around = after_blocks(page(f"<div id='review-page'><div class='main'>{ARTICLE}</div>"
                               f"<div class='comment-form'>{box}</div></div>"))
    assert all(p in around for p in PARAGRAPHS)


def test_a_writing_boxs_own_form_goes_where_nothing_names_comments():
    form = ("<form method='post'><textarea name='msg'></textarea><p>用户名：<input name='username'> "
            "验证码：<input name='validate'> <label><input type='checkbox'> 匿名</label>"
            "<button type='submit'>发表评论</button></p></form>")
    kept = after_blocks(page(f"<div class='main'>{ARTICLE}</div><div class='mt1'>{form}</div>"))
    assert all(p in kept for p in PARAGRAPHS) and "验证码" not in kept and "匿名" not in kept
    # a page wrapped in one form (ASP.NET) with a writing box in it keeps its article
    wrapped = after_blocks(page(f"<form id='form1'><div class='main'>{ARTICLE}</div>"
                                "<textarea name='msg'></textarea></form>"))
    assert all(p in wrapped for p in PARAGRAPHS)


def test_replies_go_past_a_title_bar_and_a_pager_in_the_posts_shape():
    # DVBBS: every table of the thread is a tableborder1, its title bar and pager too
    def post(n: int, text: str) -> str:
        return (f"<table class='tableborder1'><tr><td>user{n} 注册：2011-10-2</td><td>"
                f"<blockquote><span id='textstyle_{n}'>{text}</span></blockquote>"
                f"<div>发表于 2012-2-28 1{n}:05</div></td></tr></table>")
    bar = "<table class='tableborder1'><tr><th>* 帖子主题：标题 打印 | 收藏</th></tr></table>"
    pager = ("<table class='tableborder1'><tr><td>本主题贴数8，分页：[1] 每页显示 10 贴 跳转论坛至...</td>"
             "</tr></table>")
    html = page(bar + post(1, ARTICLE) + post(2, COMMENTS[0]) + post(3, COMMENTS[1]) + pager)
    kept = after_blocks(html)
    assert all(p in kept for p in PARAGRAPHS) and not any(c in kept for c in COMMENTS)


def test_replies_in_a_box_of_their_own_go_when_each_is_signed_and_dated():
    replies = "".join(
        f"<div id='r_{n}' class='cell'><a href='#;' onclick='thank()'>感谢</a>"
        f"<strong><a href='/member/user{n}'>user{n}</a></strong><span class='ago'>{n} 天前</span>"
        f"<div class='reply_content'>{COMMENTS[n % 2]}</div></div>" for n in range(1, 5))
    topic = f"<div class='box'><h1>标题</h1><div class='topic_content'>{ARTICLE}</div></div>"
    kept = after_blocks(page(f"{topic}<div class='box'><div class='cell'>4 条回复</div>{replies}</div>"))
    assert all(p in kept for p in PARAGRAPHS) and not any(c in kept for c in COMMENTS)
    # unsigned (no member's page), or in the article itself: the article's
    unsigned = replies.replace("/member/", "/a/")
    assert all(c in after_blocks(page(f"{topic}<div class='box'>{unsigned}</div>")) for c in COMMENTS)
    inside = after_blocks(page(f"<div class='box'><div class='topic_content'>{ARTICLE}{replies}</div></div>"))
    assert all(c in inside for c in COMMENTS)


@pytest.mark.parametrize("card,gone", [
    ("<td class='c1'><div class='posterinfo'><a href='/u/1'>皓月当空的咸鱼</a><div class='stat'>"
     "<div>级别: <span>学徒</span></div><div>威望: <span>1</span></div><div>发帖: <span>411</span>"
     "</div><div>注册: <span>2016-12-02</span></div></div></div></td>", ["威望", "学徒"]),
    # Discuz's: each label a text of its own under its number
    ("<td class='pls'><div class='favatar'><a href='space-uid-1.html'>老街口的风</a>"
     "<div class='tns'><table><th><p><a href='/t'>36</a></p>主题</th><th><p><a href='/r'>1207</a>"
     "</p>帖子</th><td><p><a href='/p'>5488</a></p>积分</td></table></div>"
     "<p><em>论坛元老</em></p></div></td>", ["1207", "论坛元老"]),
])
def test_a_posters_card_beside_the_post_goes_and_an_article_about_members_stays(card, gone):
    kept = after_blocks(page(f"<table><tr>{card}<td class='c2'><div class='post'>{ARTICLE}</div></td>"
                             "</tr></table>"))
    assert all(p in kept for p in PARAGRAPHS) and not any(word in kept for word in gone)
    # the same labels in the article's own text (a notice on membership): its words stay
    notice = ("<p>会员等级：按积分分为三级。</p><p>积分：每次参加培训记10分。</p>"
              "<p>注册：在县人社局网站填写信息。</p>")
    assert "按积分分为三级" in after_blocks(page(f"<div class='main'>{ARTICLE}{notice}</div>"))


def test_a_list_item_holding_paragraphs_becomes_a_column_and_a_menu_item_stays():
    # the block step itself (an extractor may or may not flatten the item on its own)
    tree = lxml.html.fromstring(page(f"<ul class='two-column'><li class='left'>{ARTICLE}</li>"
                                     "<li class='right'><a href='/x'>广告</a></li></ul>"
                                     "<ul class='menu'><li><p>首页</p><p>新闻</p></li></ul>"))
    drop_furniture_blocks(tree)
    assert [el.tag for el in tree.find_class("two-column") + tree.find_class("left")] == ["div", "div"]
    assert [el.tag for el in tree.find_class("menu")] == ["ul"]


def test_a_disclosure_tables_labels_are_joined_to_their_values():
    table = ("<table class='xxgk'><tr><td>发文机关：</td><td>川南市人民政府</td><td>成文日期：</td>"
             "<td>2023年05月16日</td></tr><tr><td>发文字号：</td><td>川政发〔2023〕5号</td></tr></table>")
    tree = lxml.html.fromstring(page(table + ARTICLE))
    assert join_label_cells(tree, load_rules().blocks) == 3
    assert [" ".join(td.text_content().split()) for td in tree.iter("td")] == [
        "发文机关：川南市人民政府", "成文日期：2023年05月16日", "发文字号：川政发〔2023〕5号"]


def test_a_data_table_and_linked_labels_are_not_joined():
    table = ("<table><tr><th>时间：</th><th>地点：</th></tr><tr><td>电工</td><td>20</td></tr>"
             "<tr><td><a href='/x'>详情：</a></td><td>见附件</td></tr>"
             "<tr><td>报名方式：</td><td><p>现场报名。</p><p>网上报名。</p></td></tr>"
             "<tr><td>发文机关：</td><td>成文日期：</td><td>2023年05月16日</td></tr></table>")
    tree = lxml.html.fromstring(page(table + ARTICLE))
    assert join_label_cells(tree, load_rules().blocks) == 1  # 成文日期 and its date only
    assert [" ".join(td.text_content().split()) for td in tree.iter("td", "th")][-2:] == [
        "发文机关：", "成文日期：2023年05月16日"]


DISCLOSURE = ("<table class='{cls}'><tr><td>索引号：</td><td>11220000013544357T/2022-00426</td>"
              "<td>发文机关：</td><td>川南市人民政府</td></tr><tr><td>发文字号：</td><td>川政发〔2023〕5号</td>"
              "<td>成文日期：</td><td>{day}</td></tr></table>")


def _tables_left(html: str) -> list[str]:
    tree = lxml.html.fromstring(html)
    drop_furniture_blocks(tree)
    return [table.get("class") for table in tree.iter("table")]


def test_a_table_rendered_again_goes():
    html = page(DISCLOSURE.format(cls="xxgk", day="2023年05月16日") + ARTICLE
                + "<div class='popup'>" + DISCLOSURE.format(cls="xxgk-pop", day="2023年05月16日") + "</div>")
    assert _tables_left(html) == ["xxgk"]


def test_tables_that_differ_in_a_cell_both_stay():
    html = page(ARTICLE + DISCLOSURE.format(cls="a", day="2023年05月16日")
                + DISCLOSURE.format(cls="b", day="2023年05月17日"))
    assert _tables_left(html) == ["a", "b"]


def test_note_marks_and_edit_links_go_and_the_words_around_them_stay():
    tree = lxml.html.fromstring(
        "<div><h2><span>历史</span><span class='x'>[<a href='/e'>编辑</a>]</span></h2>"
        "<p>岚水县累计培训2.6万人次<sup><a href='#n1'>[1]</a></sup>，"
        "在外从业8000人<sup>[注 2]</sup><a name='ref_2'>&#160;</a>。</p>"
        "<p>车间面积1200m<sup>2</sup>，温度35<sup>o</sup>C，见第<sup>3</sup>页。</p></div>")
    assert drop_note_marks(tree) == 4
    assert [el.text_content() for el in tree.iter("h2", "p")] == [
        "历史", "岚水县累计培训2.6万人次，在外从业8000人。", "车间面积1200m2，温度35oC，见第3页。"]


def test_a_wikis_references_go_under_their_heading_and_its_edit_link_beside_it():
    # MediaWiki's Vector 2022: the heading's [编辑] stands beside it in its wrapper
    tree = lxml.html.fromstring(
        "<div><div class='mw-heading'><h2>历史</h2><span class='mw-editsection'><span>[</span>"
        "<a href='/e?s=1'>编辑</a><span>]</span></span></div><p>岚水县累计培训2.6万人次。</p></div>")
    assert drop_note_marks(tree) == 1
    assert tree.find(".//div").text_content() == "历史"
    # an encyclopedia's title and subtitle headings share one edit link beside them: it goes once
    tree = lxml.html.fromstring("<dl><dd><h1>枫溪镇</h1><h2>（永丰县下辖镇）</h2>"
                                "<a href='javascript:;'><em></em>编辑</a></dd></dl>")
    assert drop_note_marks(tree) == 1
    assert tree.find(".//dd").text_content() == "枫溪镇（永丰县下辖镇）"
    # a 参考文献 heading inside the article's block closes the article: its list goes, links
    # or not; a heading that names no closing section stays, with what follows it
    references = "<ol>" + "".join(f"<li>川南县统计局. 川南县{2020 + i}年统计公报. {2021 + i}-03-01.</li>"
                                  for i in range(4)) + "</ol>"
    for heading, kept in (("参考文献", False), ("发展历程", True)):
        tree = parse_html(page(f"<div class='main'>{ARTICLE}<h2>{heading}</h2>{references}</div>"))
        main = main_block(tree, load_rules().blocks)
        drop_announced_blocks(tree, main, load_rules().blocks)
        assert ("统计公报" in tree.text_content()) is kept, heading


def test_an_infoboxs_value_loses_its_note_mark_with_the_text_around_it():
    box = ("<table class='infobox'>" + "".join(f"<tr><th>{name}</th><td>{value}<sup>[{i}]</sup></td></tr>"
                                            for i, (name, value) in enumerate(INFOBOX)) + "</table>")
    lines = extract_article(page(f"<div class='main'>{box}{ARTICLE}</div>")).text.split("\n")
    assert all(f"{name} {value}" in lines for name, value in INFOBOX)


def test_a_react_infoboxs_name_and_value_divs_are_one_line():
    box = ("<div class='basic-info_items'>" + "".join(
        f"<div class='basic-info_item'><div class='name'>{name}</div><div class='value'><span>{value}</span>"
        "</div></div>" for name, value in INFOBOX) + "</div>")
    tree = parse_html(page(f"<div class='main'>{box}{ARTICLE}</div>"))
    assert join_name_value_items(tree, load_rules().blocks) == len(INFOBOX)
    assert [f"{name} {value}" for name, value in INFOBOX] == [
        el.text for el in tree.iter("p") if el.get("data-infobox-pair") is not None]


def test_a_headings_section_number_and_tools_go_and_its_words_stay():
    tree = lxml.html.fromstring(
        "<div><h2><span class='p'>3.1</span><span class='t'>输出规模</span><a href='/e'>编辑</a>"
        "<a href='#'>播报</a></h2><h3><b>3</b>月招聘会</h3><h3><em>2</em> 培训模式</h3>"
        "<h2><a href='/e'>编辑</a></h2><h2><span>12</span></h2></div>")
    assert drop_note_marks(tree) == 4
    # a date's day, a section named 编辑 and a heading that is a number alone keep their words
    assert [el.text_content().strip() for el in tree.iter("h2", "h3")] == [
        "输出规模", "3月招聘会", "培训模式", "编辑", "12"]


def test_an_article_trafilatura_missed_is_read_again_from_its_block():
    # an old page laid out with tables, read without them: trafilatura's text was the footer
    # (past the 80 characters that alone once sent it back), and the article was lost
    footer = "主办：川南县委宣传部 承办：川南县信息中心\n建议使用IE6.0以上浏览器，1024*768分辨率浏览本站"
    cell = "<br><br>".join(PARAGRAPHS)
    foot = f"<div class='foot'>{footer.replace(chr(10), '<br>')}</div>"
    laid_out = page("<table width='100%'><tr><td class='title_main'>花垣县举办劳务协作专场招聘会</td></tr>"
                    f"<tr><td>{cell}</td></tr></table>{foot}")
    # a page of paragraphs whose article trafilatura passed over: readability is asked
    flowing = page(f"<div class='content'>{ARTICLE}</div>{foot}")
    for html, in_tables, reader in ((laid_out, True, "trafilatura"), (flowing, False, "readability")):
        tree = parse_html(html)
        paragraphs_from_breaks(tree)
        block = block_paragraph_text(main_block(tree))
        found, why = missed_block(block, html, footer, tree, None, in_tables)
        assert found is not None and found[1] == reader, why
        assert all(p in "".join(found[0].split()) for p in PARAGRAPHS)
        # a text that holds the block is left alone
        assert missed_block(block, html, "\n".join(PARAGRAPHS), tree, None, in_tables) == (None, None)


def test_a_long_column_of_prose_is_not_taken_for_a_missed_article():
    # the densest block is a column longer than the article (a biography, a county's
    # introduction), and trafilatura found the article: it is kept
    bio = "".join(f"<p>{BIO}</p>" for _ in range(4))
    html = page(f"<div class='wrap'><div class='main'><h2>零工市场的早晨</h2>"
                f"<div class='content'>{ARTICLE}</div></div>"
                f"<div class='col-r'><h3>老石</h3>{bio}</div></div>")
    article = extract_article(html)
    assert all(p in article.text for p in PARAGRAPHS)


REPLIES = ["支持楼主，学门手艺走到哪里都饿不死。数控这个方向不错，县城的机械厂这几年缺人缺得厉害。",
           "我来说说我的情况吧，跟楼主差不多年纪，在佛山做了十年家具油漆，前年回的湖南，现在在县城一家装修公司带班。",
           "楼主说得实在，我们村今年也有十几个人回来了，大多数进了县里的工业园，工资低一点但是离家近。",
           "请问县里的免费培训怎么报名？要带什么材料？我家那边好像没听说有这个政策。"]


def thread(op_class: str, dated: bool = True, replies: list[str] = REPLIES, bar: str = "") -> str:
    op = "<br>".join(PARAGRAPHS)
    records = "".join(
        f"<div class='atl-item'><div class='atl-info'>作者：网友{i}"
        f"{f' 时间：2019-03-18 21:{i}3:05' if dated else ''}</div>"
        f"<div class='bbs-content'>{reply}</div><div class='atl-reply'>举报 | {i + 2}楼 | 回复</div></div>"
        for i, reply in enumerate(replies))
    return page(f"<div class='atl-main'><div class='{op_class}'><div class='bbs-content'>{op}</div></div>"
                f"{records}{bar}</div>")


def test_the_replies_after_a_threads_opening_post_go():
    # the floor numbers stand in a bar of links (举报 | 2楼 | 回复), not on lines of their own
    article = extract_article(thread("atl-item host-item"))
    text = "".join(article.text.split())
    assert all(p in text for p in PARAGRAPHS) and not any(r in text for r in REPLIES)
    assert any("replies" in note for note in article.explanation)


def test_a_short_opening_post_is_the_article_and_a_longer_reply_goes():
    # a question, and an official's long answer in the second floor: the densest block is the
    # reply, and the thread's article is its opening post all the same
    question = ("请问通过劳务协作出去打工的交通补贴和稳岗补贴怎么申请？我是去年脱贫的，"
                "今年三月跟着县里的专车去了宁波，在电子厂上班，听说可以申请补贴，"
                "但不知道要带什么材料、去哪里办理，麻烦懂的朋友说一下。")
    answer = "<br>".join(PARAGRAPHS * 3)
    html = thread("atl-item host-item", replies=[answer, *REPLIES[:2]]).replace(
        "<br>".join(PARAGRAPHS), question, 1)
    article = extract_article(html)
    assert question in article.text and PARAGRAPHS[0] not in article.text
    assert not any(reply in article.text for reply in REPLIES)
    assert any("a reply longer than the opening post" in note for note in article.explanation)
    # an opening record of a few words (a thread's title bar) is no post: nothing goes
    bar = thread("atl-item host-item", replies=[answer, *REPLIES[:2]])
    assert PARAGRAPHS[0] in extract_article(bar.replace("<br>".join(PARAGRAPHS), "顶", 1)).text


def test_a_short_opening_post_is_read_where_trafilatura_reads_the_footer():
    # the same thread with a footer a spammer filled (county names after its lines): the spam's
    # paragraphs go before the extractor reads the page (it read the footer among them once),
    # and the opening post, found under the longer reply, is the archived article
    from bench.damage import _spam

    question = ("请问通过劳务协作出去打工的交通补贴和稳岗补贴怎么申请？我是去年脱贫的，"
                "今年三月跟着县里的专车去了宁波，在电子厂上班，听说可以申请补贴，"
                "但不知道要带什么材料、去哪里办理，麻烦懂的朋友说一下。")
    footer = "<div class='ft'>" + "".join(f"<p>{line}</p>" for line in (
        "关于我们 | 联系方式 | 网站地图", "Powered by Discuz! X3.4", "© 2001-2017 Comsenz Inc.")) + "</div>"
    html = thread("atl-item host-item", replies=["<br>".join(PARAGRAPHS * 3), *REPLIES[:2]])
    html = _spam(html.replace("<br>".join(PARAGRAPHS), question, 1).replace("</body>", f"{footer}</body>"))
    assert process_page(Page(url="http://x.test/thread-1.html", body=html.encode())).text == question


def test_replies_timed_as_forums_show_time_lately_are_replies():
    # 6 天前, 3 小时前: a reply's time without a date
    html = thread("atl-item")
    for i in range(len(REPLIES)):
        html = html.replace(f"时间：2019-03-18 21:{i}3:05", f"{i + 2} 天前" if i % 2 else f"{i + 1} 小时前")
    assert "2019" not in html
    tree = parse_html(html)
    paragraphs_from_breaks(tree)
    assert drop_replies(tree, main_block(tree), load_rules().blocks) == len(REPLIES)


@pytest.mark.parametrize("dated,dropped", [(True, len(REPLIES)), (False, 0)])
def test_only_dated_records_after_the_opening_post_are_replies(dated, dropped):
    # the same shape, no time stamp in any: an article's sections, which stay
    tree = parse_html(thread("atl-item", dated=dated))
    paragraphs_from_breaks(tree)
    assert drop_replies(tree, main_block(tree), load_rules().blocks) == dropped
    assert len(tree.xpath("//div[@class='atl-item']")) == 1 + len(REPLIES) - dropped  # the post stays


@pytest.mark.parametrize("replies,dropped", [(REPLIES[:2], 2), (REPLIES[:1], 0)])
def test_a_questions_other_answers_go_past_a_bar_in_their_shape(replies, dropped):
    # a Q&A page: the first answer, two more, and the list's 查看更多回答 in an answer's shape;
    # one dated record after a post is no thread
    more = "<div class='atl-item more'>查看更多回答</div>"
    tree = parse_html(thread("atl-item", replies=replies, bar=more))
    paragraphs_from_breaks(tree)
    assert drop_replies(tree, main_block(tree), load_rules().blocks) == dropped
    text = "".join(tree.text_content().split())
    assert all(p in text for p in PARAGRAPHS)
    assert ("查看更多回答" in text) is not dropped and all((r in text) is not dropped for r in replies)


def discuz7_thread(authors: list[str]) -> str:
    # Discuz 7: posts are <div id="post_N"> without a class, the text ten levels down in tables
    def post(n: int, author: str, text: str) -> str:
        return (f"<div id='post_{n}'><table id='pid{n}'><tr><td class='postauthor'>"
                f"<a href='/space.php?uid={author}'>{author}</a></td><td class='postcontent'>"
                f"<div class='defaultpost'><div class='postmessage'><div class='t_msgfontfix'><table><tr>"
                f"<td class='t_msgfont' id='postmessage_{n}'>{text}</td></tr></table></div></div></div>"
                f"<em>发表于 2011-3-{n} 10:21</em></td></tr></table></div>")
    texts = ["<br>".join(PARAGRAPHS)] + REPLIES[:len(authors) - 1]
    posts = (post(n + 1, author, text) for n, (author, text) in enumerate(zip(authors, texts, strict=True)))
    return page("<div id='postlist'>" + "".join(posts) + "</div>")


@pytest.mark.parametrize("authors,kept", [
    (["op", "a", "b", "c"], 0),  # replies in posts known by their ids
    (["op", "op", "a", "op", "b"], 1),  # the author's next floor continues the post; later, a reply
])
def test_a_threads_replies_go_and_its_authors_own_next_floors_stay(authors, kept):
    tree = parse_html(discuz7_thread(authors))
    paragraphs_from_breaks(tree)
    drop_replies(tree, main_block(tree), load_rules().blocks)
    text = "".join(tree.text_content().split())
    assert all(p in text for p in PARAGRAPHS)
    assert [r in text for r in REPLIES[:len(authors) - 1]] == [i < kept for i in range(len(authors) - 1)]


def test_a_data_table_in_the_article_of_a_table_layout_is_read_as_rows():
    # read without tables (the page is laid out with them), the article's own table was lost
    rows = [("年份", "输出人数（人）", "劳务收入（万元）"), ("1990", "12600", "2520"),
            ("2005", "68900", "48230")]
    data = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    html = page("<table width='760'><tr><td width='180'><a href='/a'>县志目录</a><br>"
                f"<a href='/b'>第一章</a></td><td>{ARTICLE}<table border='1'>{data}</table>"
                f"<p>{PARAGRAPHS[0]}</p></td></tr></table>")
    article = extract_article(html)
    lines = {" ".join(line.split()) for line in article.text.split("\n")}
    assert {" ".join(row) for row in rows} <= lines
    assert any("data tables" in note for note in article.explanation)


INFOBOX = [("中文名", "镇原焊工"), ("所属地区", "甘肃省庆阳市镇原县"), ("品牌类型", "技能型劳务品牌"),
           ("从业人数", "约1.2万人")]


def name_value_box(pairs: list[tuple[str, str]], cls: str = "info") -> str:
    return (f"<div class='{cls}'>" + "".join(f"<div class='item'><span class='name'>{name}</span>"
                                               f"<span class='value'>{value}</span></div>"
                                               for name, value in pairs) + "</div>")


def test_an_infobox_of_names_and_values_side_by_side_is_text():
    # as the page shows them: a space between, or the name's own colon
    pairs = [*INFOBOX[:2], *((f"{name}：", value) for name, value in INFOBOX[2:])]
    html = page(f"<div class='main'>{name_value_box(pairs)}<div class='content'>{ARTICLE}</div></div>")
    text = extract_article(html).text.split("\n")
    assert all(f"{name} {value}" in text for name, value in INFOBOX[:2])
    assert all(f"{name}：{value}" in text for name, value in INFOBOX[2:])


def test_a_reference_pages_infobox_between_its_summary_and_contents_is_read_with_the_summary():
    # 360百科: the summary's card and the basic-information box stand above the table of
    # contents, apart from the sections' container, which alone trafilatura reads
    summary = ("镇原焊工是甘肃省镇原县培育的技能型劳务品牌，以电焊、气焊等焊接工种为主要输出方向，"
               "从业人员遍布全国。")
    contents = "<ul class='catalog'>" + "".join(f"<li><a href='#{i}'>{name}</a></li>"
                                                 for i, name in enumerate(SECTIONS)) + "</ul>"
    sections = [line for pair in zip(SECTIONS, PARAGRAPHS, strict=True) for line in pair]
    tree = parse_html(page(
        f"<div class='main'><h1>镇原焊工</h1><div class='card'><p>{summary}</p></div>"
        f"{name_value_box(INFOBOX)}{contents}<div class='sections'>"
        + "".join(f"<h2 id='{i}'>{name}</h2><p>{text}</p>"
                  for i, (name, text) in enumerate(zip(SECTIONS, PARAGRAPHS, strict=True)))
        + "</div></div>"))
    assert join_name_value_items(tree, load_rules().blocks) == len(INFOBOX)
    assert summary_before_text(tree, "\n".join(sections)) == [
        summary, *(f"{name} {value}" for name, value in INFOBOX)]


def test_items_with_links_or_a_box_repeated_per_post_are_no_infobox():
    links = "<ul>" + "".join(f"<li><a href='/a/{i}.html'>{title}</a><span>{day}</span></li>"
                             for i, (title, day) in enumerate(TEASERS)) + "</ul>"
    card = name_value_box([("积分", "902"), ("帖子", "143"), ("精华", "2"), ("注册时间", "2019-3-1")],
                          "card")
    tree = parse_html(page(f"{links}<div class='post'>{card}<p>{PARAGRAPHS[0]}</p></div>"
                           f"<div class='post'>{card}<p>{PARAGRAPHS[1]}</p></div>"))
    assert join_name_value_items(tree, load_rules().blocks) == 0


SECTIONS = ("品牌概况", "发展历程", "技能培训", "品牌影响")


def reference_page(after_heading: str) -> str:
    sections = "".join(
        f"<div class='content_h2'><h2 class='title_h2'>{name}</h2><a href='/edit?s={i}'>编辑</a></div>"
        f"<div class='paragraph_wrap'><p class='para'>{paragraph}</p></div>"
        for i, (name, paragraph) in enumerate(zip(SECTIONS, PARAGRAPHS, strict=True)))
    return page(f"<div class='lemma'>{sections}</div>"
                f"<div class='hot'><div class='hot_h'><h3>热门词条</h3></div>{after_heading}</div>")


def test_section_headings_set_apart_in_wrappers_are_kept():
    # each heading in a wrapper of its own with its edit link, each paragraph in another:
    # trafilatura dropped the headings
    article = extract_article(reference_page("<ul><li><a href='/w/1'>东西部劳务协作</a></li></ul>"))
    lines = article.text.split("\n")
    assert set(SECTIONS) <= set(lines)


def test_a_heading_in_a_wrapper_over_links_stays_a_heading():
    tree = parse_html(reference_page("<ul><li><a href='/w/1'>东西部劳务协作</a></li></ul>"))
    headings_from_wrappers(tree)
    assert [h.text for h in tree.iter("h3")] == ["热门词条"]  # over links, not prose


# A Uyghur paragraph (Arabic script), longer in letters than the Chinese article is in characters
UYGHUR = ("ئوبلاستىمىزدا باھار شامىلى ھەرىكىتى ۋە يېزا ئەمگەك كۈچلىرىنى يۆتكەپ ئىشقا ئورۇنلاشتۇرۇش مەخسۇس "
          "يەرمەنكىسى ئۆتكۈزۈلدى. ") * 8
KOREAN = "연변조선족자치주에서 농촌 노동력 이전 취업 박람회가 열렸습니다. " * 10
ENGLISH = "A job fair for rural workers was held in Huayuan County on Tuesday. " * 8


@pytest.mark.parametrize("version", [UYGHUR, KOREAN])
def test_a_version_in_another_script_of_china_goes_beside_the_chinese_article(version):
    html = page(f"<div class='article'><h1>花垣县举办劳务协作专场招聘会</h1><div class='con'>{ARTICLE}</div>"
                f"<div class='lang-box'><div class='tit'>其他语言版本</div><div dir='rtl'><p>{version}</p>"
                f"<p>{version}</p></div></div></div>")
    text = extract_article(html).text
    assert all(p in text for p in PARAGRAPHS)
    assert version.split()[0] not in text


@pytest.mark.parametrize("body", [
    # an English translation is part of a bilingual article (Latin is not another script of China)
    f"<div class='con'>{ARTICLE}<p>{ENGLISH}</p></div>",
    # a Uyghur name or a line of it inside the Chinese article
    f"<div class='con'>{ARTICLE}<p>求职者阿依古丽（ئايگۈل）在展位前了解了岗位要求，"
    "当场填写了求职登记表。</p></div>",
])
def test_latin_translations_and_words_of_another_script_in_the_article_stay(body):
    html = page(f"<div class='article'><h1>花垣县举办劳务协作专场招聘会</h1>{body}</div>")
    tree = lxml.html.fromstring(html)
    assert drop_other_scripts(tree) == 0


def test_a_page_in_another_language_keeps_its_text():
    html = (f"<html><head><title>{UYGHUR[:30]}</title></head><body>"
            f"<div class='nav'><a href='/'>首页</a></div>"
            f"<div class='con'><p>{UYGHUR}</p><p>{UYGHUR}</p></div></body></html>")
    assert drop_other_scripts(lxml.html.fromstring(html)) == 0


def test_a_row_of_nothing_but_links_beside_a_short_article_goes():
    # a portal's 便民服务 row in its side column, which trafilatura read as one more paragraph
    # beside a brief; a paragraph of the article that links a few words stays, and so does a
    # row of links inside the article's block
    services = "".join(f"<a href='#'>{name}</a> " for name in
                       ("天气预报", "公积金查询", "社保查询", "违章查询", "列车时刻", "航班动态"))
    inside = "".join(f"<a href='/z/{i}.html'>专题{i}</a> " for i in range(4))
    html = page(f"<div class='main'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><p>{inside}</p></div>"
                f"<div class='side'><div class='tit'>便民服务</div><p>{services}</p>"
                f"<p>详见<a href='/a/1.html'>县人社局</a>发布的通知，<a href='/a/2.html'>岗位表</a>"
                f"和<a href='/a/3.html'>报名表</a>及<a href='/a/4.html'>须知</a>可下载。</p></div>")
    tree = lxml.html.fromstring(html)
    main = main_block(tree)
    assert drop_link_rows(tree, main) == 1
    assert "天气预报" not in tree.text_content() and "专题0" in tree.text_content()
    assert "可下载" in tree.text_content()


def test_the_block_after_the_headline_beats_a_denser_one_in_a_column_before_it():
    # a county's introduction in the column left of a short notice holds more text; the
    # article follows its headline, in the headline's box
    intro = ("青溪县位于省境西南部，地处武陵山脉东麓，县域总面积2386平方公里，辖9镇3乡2个街道。" * 4)
    notice = ("根据有关规定，经乡镇申报、县人社局实地核查并经公示无异议，认定15家经营主体为县级就业帮扶车间。"
              "现将认定名单予以公布，请各乡镇按规定落实扶持政策。")
    title = "关于公布2024年度县级就业帮扶车间认定名单的公告"
    html = (f"<html><head><title>{title}_青溪县人民政府</title></head><body>"
            f"<div class='xl_left'><div class='xqgk'><p>{intro}</p></div></div>"
            f"<div class='xl_right'><div class='xl_con'><div class='xl_bt'>{title}</div>"
            f"<div class='xl_xx'>发布时间：2024-11-20</div>"
            f"<div class='TRS_Editor'><p>{notice}</p></div></div></div>"
            "</body></html>")
    tree = lxml.html.fromstring(html)
    assert main_block(tree, load_rules().blocks).get("class") == "TRS_Editor"
    # a denser block after the headline is the article, as before
    after = html.replace(f"<p>{notice}</p>", f"<p>{notice}</p><p>{intro}</p>")
    assert main_block(lxml.html.fromstring(after), load_rules().blocks).get("class") == "TRS_Editor"
    # nothing of a paragraph's length after the headline in its box: the densest block stays
    bare = html.replace(f"<div class='TRS_Editor'><p>{notice}</p></div>", "")
    assert main_block(lxml.html.fromstring(bare), load_rules().blocks).get("class") == "xqgk"


PORTUGUESE = [
    "Com o objectivo de apoiar o emprego dos residentes locais, a Direcção dos Serviços para os Assuntos "
    "Laborais realizou hoje de manhã uma sessão de recrutamento com seis empresas de turismo e lazer.",
    "A sessão contou com a presença de mil oitocentos candidatos, tendo sido realizadas mais de duas mil "
    "entrevistas no local, das quais seiscentas resultaram na marcação de uma segunda entrevista.",
    "A DSAL afirmou que, com a recuperação contínua do número de visitantes, a procura de recursos "
    "humanos das empresas tem vindo a aumentar, e vai continuar a organizar sessões de recrutamento.",
]


def test_a_releases_version_in_a_latin_script_goes_and_a_bilingual_articles_paragraphs_stay():
    chinese = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    version = "<div class='entry-content' lang='pt'><h3>Sessão de recrutamento</h3>" + "".join(
        f"<p>{p}</p>" for p in PORTUGUESE) + "</div>"
    tree = lxml.html.fromstring(page(f"<div class='entry-content'>{chinese}</div><hr>{version}"))
    assert drop_latin_versions(tree) == 1
    assert "recrutamento" not in tree.text_content() and PARAGRAPHS[0][:10] in tree.text_content()
    # a bilingual article: each English paragraph beside its Chinese one, in one box
    turns = "".join(f"<p>{en}</p><p>{zh}</p>" for en, zh in zip(PORTUGUESE, PARAGRAPHS, strict=False))
    assert drop_latin_versions(lxml.html.fromstring(page(f"<div class='article'>{turns}</div>"))) == 0
    # a page in that language (its <title> too) keeps its text
    foreign = page(version).replace("花垣县举办劳务协作专场招聘会_川南网", "Sessão de recrutamento")
    assert drop_latin_versions(lxml.html.fromstring(foreign)) == 0


def test_a_wikis_infobox_table_is_read_a_label_and_its_value_a_line_first():
    # Wikipedia's infobox: a row of a label (<th>) and its value, linked or not, the entry's
    # name and map in rows of one cell; read as lines before the text (trafilatura dropped the
    # rows whose value is a link, and the clean step took a run of such short lines for a menu)
    rows = [("国家", "<a href='/wiki/中国'>中华人民共和国</a>"),
            ("隶属", "<a href='/wiki/湖南省'>湖南省</a>沅州市"), ("设立", "1913年"),
            ("政府驻地", "<a href='/wiki/清溪镇'>清溪镇</a>"), ("下辖行政区", "7镇4乡"),
            ("面积", "1842.6平方公里")]
    infobox = ("<table class='infobox vcard'><tr><th colspan='2'>横岭县</th></tr>"
               "<tr><td colspan='2'><img src='/map.png'></td></tr>"
               + "".join(f"<tr><th scope='row'>{label}</th><td>{value}</td></tr>" for label, value in rows)
               + "</table>")
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = page(f"<div class='mw-parser-output'>{infobox}{body}</div>")
    assert infobox_tables_as_paragraphs(lxml.html.fromstring(html), load_rules().blocks) == 1
    text = clean_text(extract_article(html, "http://news.test/wiki/1").text).text
    expected = ["国家 中华人民共和国", "隶属 湖南省沅州市", "设立 1913年", "政府驻地 清溪镇",
                "下辖行政区 7镇4乡", "面积 1842.6平方公里"]
    assert text.split("\n")[:6] == expected
    # a table not named an infobox (a notice's record) is left to the steps for it
    plain = html.replace("class='infobox vcard'", "class='xxgk'")
    assert infobox_tables_as_paragraphs(lxml.html.fromstring(plain), load_rules().blocks) == 0


def test_the_one_block_around_a_headlines_box_is_the_article_and_a_lists_many_cards_are_not():
    # the footer holds the most prose; outside it, under the headline's <header>, the article's
    # one block is the article, and a channel's cards under its name are a list, not an article
    footer = ("<footer><div class='site-info'><p>主办：清源市融媒体中心 地址：清源市人民路88号 "
              "电话：0379-12345678</p>"
              "<p>本网所刊登的各种新闻、信息和各种专题专栏资料，均为清源新闻网版权所有，未经协议授权，禁止下载使用。"
              "</p></div></footer>")
    sentence = "1月21日，清源市迎来今冬第一场大雪，古城墙、护城河银装素裹，游客们纷纷来到南门广场赏雪拍照。"
    article = (f"<html><body><article><header><h1>雪后清源分外美</h1></header><div class='entry-content'>"
               f"<p>{sentence}</p></div></article>{footer}</body></html>")
    main = main_block(parse_html(article), load_rules().blocks)
    assert main is not None and main.get("class") == "entry-content"
    cards = "".join(f"<div class='card'><p>白沙县“直播带岗”进社区{i}</p><p>{sentence}</p></div>"
                    for i in range(3))
    channel = (f"<html><body><div class='main'><div class='head'><h1>就业</h1></div>{cards}</div>"
               f"{footer}</body></html>")
    assert main_block(parse_html(channel), load_rules().blocks) is None


def test_paragraphs_an_editor_boxed_one_by_one_are_one_block_and_its_boxed_list_goes_back():
    # 135editor: each paragraph and the list in a <section> of its own, inside the article's
    # box; the site's footer holds more prose than any one box
    first, second, third = PARAGRAPHS[:3]
    items = ["加强雨情水情监测预报，对重点区域实行加密监测；", "严格执行24小时值班和领导带班制度；",
             "充实应急物资储备，组建基层抢险队伍。"]
    boxed = "".join(f"<section style='margin: 0 0 16px;'><p><span>{line}</span></p></section>"
                    for line in (first, second, "县里要求各乡镇重点抓好以下几项工作："))
    boxed += "<section><ul>" + "".join(f"<li><span>{item}</span></li>" for item in items) \
        + "</ul></section>"
    boxed += f"<section><p><span>{third}</span></p></section>"
    html = (f"<html><head><title>防汛演练</title></head><body><h1>防汛演练</h1><div id='zoom'>"
            f"<section data-role='outer'>{boxed}</section></div><footer><div class='site-info'>"
            f"<p>{FOOTER_PROSE}</p></div></footer></body></html>")
    main = main_block(parse_html(html), load_rules().blocks)
    assert main is not None and main.get("data-role") == "outer"
    assert extract_article(html).text.split("\n") == [
        first, second, "县里要求各乡镇重点抓好以下几项工作：", *items, third]


def test_a_comment_box_goes_with_the_comments_beside_its_writing_form():
    comments = ("<ul class='pl_list'><li><div class='yh'>网友0542**</div><p>越来越好了，为青岚加油！</p>"
                "</li></ul>")
    box = (f"<div class='plbox'><div class='pl_tit'>网友评论</div><form class='pl_form'>"
           f"<textarea></textarea><button>发表评论</button></form>{comments}</div>")
    tree = parse_html(f"<html><body><div class='zw'>{ARTICLE}</div>{box}</body></html>")
    assert drop_comment_sections(tree, tree.find(".//div"), load_rules().blocks) == 1
    assert "越来越好了" not in tree.text_content() and PARAGRAPHS[0] in tree.text_content()
    # a box whose other children name no comments keeps them: only the writing form goes
    tree = parse_html(f"<html><body><div class='zw'>{ARTICLE}</div>"
                      f"<div class='box'><form class='pl_form'><textarea></textarea></form>"
                      f"<div class='notice'>{PARAGRAPHS[1]}</div></div></body></html>")
    drop_comment_sections(tree, tree.find(".//div"), load_rules().blocks)
    assert tree.text_content().count(PARAGRAPHS[1]) == 2
