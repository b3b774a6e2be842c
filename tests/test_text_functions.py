"""The pure text functions, called directly: dates, titles, bylines, tables, Han plausibility, pinyin."""

from __future__ import annotations

import lxml.html
import pytest

from crawler.page import Page, process_page
from crawler.text.extract import (
    extract_article,
    is_layout_table_dump,
    is_table_layout,
    lists_back_in_place,
    paragraphs_in_one_line,
    summary_before_text,
    table_rows_as_text,
)
from crawler.text.han import common_characters, plausibility
from crawler.text.metadata import (
    clean_title,
    dump_title,
    find_author,
    find_date,
    find_dateline,
    find_source,
    url_date,
)
from crawler.text.parse import as_html_document, parse_html, visible_texts
from crawler.text.pinyin import is_reading, readings, remove_pinyin_annotations, shows_mirror
from crawler.text.prepare import captions_from_figures, unwrap_picture_links, unwrap_tag_links, wrap_bare_text

# -- find_date ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("2019年3月8日", "2019-03-08"),
    ("2019-03-08", "2019-03-08"),
    ("2019/3/8", "2019-03-08"),
    ("2019.3.8", "2019-03-08"),
    ("2019年 3 月 8 日", "2019-03-08"),
    ("本报讯 2020年12月31日，某某市举行招聘会", "2020-12-31"),
    ("发布时间：2019年3月8日 10:00 来源：映象网", "2019-03-08"),
])
def test_find_date_reads_chinese_date_forms(text, expected):
    assert find_date(text) == expected


def test_find_date_takes_the_first_valid_date():
    assert find_date("2018-01-02 发布，2019-03-08 更新") == "2018-01-02"
    # month 13 is no date: the next one is
    assert find_date("2019年13月8日 与 2020-01-02") == "2020-01-02"


@pytest.mark.parametrize("text", [
    "",
    "hello world",
    "电话 20190308",  # digits without separators
    "12019-03-08",  # a year glued to a longer number
    "2019-03-081",
    "1899-01-01",  # outside 19xx/20xx
    "2019年3月32日",
    "2019年13月8日",
])
def test_find_date_nonsense_is_none(text):
    assert find_date(text) is None


@pytest.mark.parametrize("text,url,expected", [
    ("海峽網4月29日訊 今天上午", "http://x.com/2019/0429/a.html", "2019-04-29"),
    ("4月29日讯", "http://x.com/201904/t20190429_1.html", "2019-04-29"),
    ("新华社北京3月5日电", "http://x.com/2021-03/05/c_1.htm", "2021-03-05"),
    # the date after the dateline's mark and its byline (PHPCMS's /2024/jiuye_0321/ path)
    ("本报讯（记者 彭浩）3月21日，柳塘县招聘会举行。", "http://x.com/html/2024/jiuye_0321/3366.html",
     "2024-03-21"),
])
def test_find_date_yearless_dateline_takes_the_url_year(text, url, expected):
    assert find_date(text, url) == expected


@pytest.mark.parametrize("url, expected", [
    ("http://x.test/gia/general/202404/16/P2024041600147.htm", "2024-04-16"),
    ("http://x.test/n2/2024/0506/c123456-40123456.html", "2024-05-06"),
    ("http://x.test/art/2024/4/16/art_1229_5678.html", "2024-04-16"),
    ("http://x.test/xwzx/202404/t20240416_4812345.html", "2024-04-16"),
    ("http://x.test/2024-04/16/c_1130123456.htm", "2024-04-16"),
    # a month's directory, an id that starts like a year, a day that does not exist: no date
    ("http://x.test/2024/04/index.html", None),
    ("http://x.test/article/20241399001.html", None),
    ("http://x.test/2024/02/30/a.html", None),
    ("http://x.test/list.php?date=2024/04/16/", None),
])
def test_url_date_reads_a_whole_date_in_the_pages_path(url, expected):
    assert url_date(url) == expected


def test_a_page_silent_on_its_date_is_dated_by_its_address_after_its_own_evidence():
    body = "".join(f"<p>{line}</p>" for line in SENTENCES_FOR_DATES)
    page = (f"<html><head><title>勞工處舉辦招聘會</title></head><body>{body}<div>2024 ｜ 重要告示</div>"
            "</body></html>")
    url = "http://x.test/gia/general/202404/16/P2024041600147.htm"
    assert extract_article(page, url).published == "2024-04-16"
    # the page's own dateline comes first
    dated = page.replace("<body>", "<body><div>發布時間：2024-04-15 10:40</div>")
    assert extract_article(dated, url).published == "2024-04-15"


SENTENCES_FOR_DATES = ["勞工處今日在九龍灣舉辦大型招聘會，共有八十間機構參與，提供逾二千個職位空缺。",
                       "招聘會吸引約三千名求職人士到場，不少人即場獲安排面試。",
                       "勞工處發言人表示，會繼續舉辦不同類型的招聘活動，協助求職人士就業。"]


def test_find_date_yearless_dateline_needs_a_year_in_the_url():
    assert find_date("海峽網4月29日訊") is None
    assert find_date("海峽網4月29日訊", "http://x.com/news/a.html") is None
    # a month and day in a sentence is no dateline
    assert find_date("他在电话里说3月21日，招聘会照常举行。", "http://x.com/2024/a.html") is None
    # a date in the text wins over the URL's year
    assert find_date("2018年1月2日 海峽網4月29日訊", "http://x.com/2019/a.html") == "2018-01-02"


# -- find_dateline -----------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("发布时间：2019-03-08", "2019-03-08"),  # after a label
    ("日期: 2020.5.7", "2020-05-07"),
    ("2019-03-08 10:00", "2019-03-08"),  # with a time of day
    ("2004年7月16日08:19 来源：新华网", "2004-07-16"),
    ("首页 > 新闻\n2023-05-16 来源：县融媒体中心", "2023-05-16"),  # before the next field's label
    ("2021年3月2日　作者：张三", "2021-03-02"),
    ("会议于2019年3月8日召开。发布时间：2020-01-02", "2020-01-02"),
    # the better evidenced date wins: label and time over time alone
    ("2019-03-08 10:00 相关阅读 发布时间：2020-01-02 12:00", "2020-01-02"),
    # a profile's dates are not the post's: when the blog opened, when the member joined
    ("开博时间：2007-06-12 注册时间：2008-01-02 12:00 正文 [2011-02-18 16:27:43]", "2011-02-18"),
    # nor when it was edited (知乎's 编辑于): the publication date is looked for elsewhere
    ("编辑于 2023-04-18 09:12 来源：知乎", None),
    # nor when a quote box's figures were refreshed, above the post
    ("数据更新：2023-07-07 15:00:03 股海拾贝 2023-07-06 21:14:37 发表于 江苏", "2023-07-06"),
    # a BBS post's header: its date as ctime writes it
    ("发信站: 水木社区 (Sat Jan 20 14:32:17 2018), 站内", "2018-01-20"),
    # a blog's edit over its first publication, each said after its date
    ("已于 2024-04-18 10:26:37 修改 阅读量 1.2k 于 2024-04-16 21:03:12 首次发布", "2024-04-16"),
    # a forum's post: its date, a comma, its time; its edit note, the editor named; a list's
    # thread's last post
    ("2023-11-06, 09:15 AM #1 此文章於 2023-11-07 08:12 AM 被 阿昌伯 編輯。 最後發表: 2023-09-18, 04:51 PM",
     "2023-11-06"),
    # a disclosure's record gives the document's date before the page's publishing
    ("索引号：11530324MB1397227/2024-00282 发文日期：2024年08月12日 文号：青人社发〔2024〕35号 "
     "发布时间：2024-08-17 来源：县人社局", "2024-08-17"),
    # a paper's dates: when the journal received it is not when it published it
    ("收稿日期：2023-02-14 出版日期：2023-06-25", "2023-06-25"),
])
def test_find_dateline_reads_info_lines(text, expected):
    assert find_dateline(text) == expected


@pytest.mark.parametrize("text,expected", [
    # Taiwan's government sites date in the Republic's calendar, under a publication's label
    ("發布日期 112-05-17 發布單位 勞工處", "2023-05-17"), ("發布日期：113/5/6", "2024-05-06"),
    ("中華民國113年5月6日", "2024-05-06"),
    # a number that looks like one, without the label, is none; nor an update's day
    ("本年度共媒合112-05-17名青年", None), ("更新日期：112-05-20", None),
])
def test_find_dateline_reads_the_republics_calendar_under_its_label(text, expected):
    assert find_dateline(text) == expected


@pytest.mark.parametrize("text", [
    "",
    "没有日期的文字",
    "会议于2019年3月8日召开。",  # a date in the story
    "2020年5月1日，记者从市人社局获悉，全市新增就业岗位。",  # a sentence, not an info line
    "时间：2019-13-08 10:00",  # no such month
    "开博时间：2007-06-12",  # a profile's date alone
    "最後發表: 2023-09-18, 04:51 PM",  # a list's thread's last post
])
def test_find_dateline_without_evidence_is_none(text):
    assert find_dateline(text) is None


# -- clean_title -------------------------------------------------------------------------

@pytest.mark.parametrize("title,expected", [
    ("关于发放就业补贴的通知-某某市人力资源和社会保障局", "关于发放就业补贴的通知"),
    ("关于发放就业补贴的通知_新闻中心", "关于发放就业补贴的通知"),
    ("关于发放就业补贴的通知_新闻中心_映象网", "关于发放就业补贴的通知"),
    ("关于发放就业补贴的通知 - 映象网", "关于发放就业补贴的通知"),
    ("关于发放就业补贴的通知 | 映象网", "关于发放就业补贴的通知"),
    ("关于发放就业补贴的通知|映象网", "关于发放就业补贴的通知"),
    ("我们去旅行吧 - 史蒂文的家 - 痞客邦", "我们去旅行吧"),
    ("我们去旅行吧 @ 史蒂文的家", "我们去旅行吧"),
    ("张三的博客 :: 痞客邦 PIXNET ::", "张三的博客"),
    ("习近平：在庆祝大会上的讲话-新华网", "习近平：在庆祝大会上的讲话"),
    # a doubled separator before a gazette's issue (…的决议__2007年第23号国务院公报_中国政府网)
    ("川南市人大常委会关于批准预算调整方案的决议__2023年第5号公报_川南市人民政府",
     "川南市人大常委会关于批准预算调整方案的决议"),
    # a site's name before the headline (an e-paper's, a portal's)
    ("川南日报数字报-全市217个就业帮扶车间吸纳8600余人就业", "全市217个就业帮扶车间吸纳8600余人就业"),
    ("川南网--外出务工人员返岗专列开行", "外出务工人员返岗专列开行"),
    ("川南青年网-青年频道-高校毕业生就业服务百日冲刺", "高校毕业生就业服务百日冲刺"),
    # a tag of what kind of item it is, before or after the headline
    ("[视频]多地举办专场招聘会 助力高校毕业生就业_新闻频道_央视网", "多地举办专场招聘会 助力高校毕业生就业"),
    ("[转帖]我县春风行动专场招聘会昨日举行 - 川南论坛", "我县春风行动专场招聘会昨日举行"),
    ("我们村返乡农民工参加技能培训的一些情况（原创）", "我们村返乡农民工参加技能培训的一些情况"),
    # a mirror's tag of its own version
    ("村里来了“技能夜校” 农民工冬闲学技术（拼音注音版）_拼音阅读网", "村里来了“技能夜校” 农民工冬闲学技术"),
])
def test_clean_title_cuts_site_and_channel_suffixes(title, expected):
    assert clean_title(title) == expected


@pytest.mark.parametrize("title", [
    "走向复兴之路——我国经济发展纪实",  # a dash inside the headline
    "COVID-19疫情防控指南",
    "2019年工作报告-2",
    "标题_新闻中心",  # cutting would leave fewer than 4 characters
    "ab_cd",
    # a "suffix" longer than a site name is part of the headline
    "一篇很长的标题_这是一个很长很长很长很长很长很长的频道名称啊啊啊",
    # a word like a site's name before a short rest, or in a headline's first part
    "就业网-招聘会",
    "报告-关于全市就业形势的分析报告全文",
    # a column's name in brackets is the headline's; a tag on a short rest stays
    "【学习贯彻二十大】县里举办招聘会",
    "【图】招聘会",
])
def test_clean_title_keeps_headlines_that_have_no_suffix(title):
    assert clean_title(title) == title


def test_clean_title_collapses_whitespace():
    assert clean_title("  多个   空格  的标题  ") == "多个 空格 的标题"


@pytest.mark.parametrize("title,heading,expected", [
    # an entry's short name before the site's parts
    ("石楼县 - 维基百科，自由的百科全书 - 知识镜像站", "石楼县", "石楼县"),
    ("镇原焊工_快懂百科", "镇原", "镇原焊工"),  # a short heading that is not the whole first part
    ("石楼县：就业帮扶车间开工_川南网", "石楼县", "石楼县：就业帮扶车间开工"),  # no spaced separator
])
def test_clean_title_takes_a_short_heading_only_as_the_titles_whole_first_part(title, heading, expected):
    assert clean_title(title, [heading]) == expected


def test_clean_title_drops_the_texts_opening_cut_short_after_the_headline():
    # 雪球: the <title> is the post's headline, its opening words cut short, and the site
    headline = "从返乡打工人的钱包，看县城消费的下一程"
    title = f"{headline} 今年春节在老家县城待了二十多天，照例做了一点“田野调查”… - 雪球"
    assert clean_title(title, [headline]) == headline
    # words after a heading that are not cut short are the title's own
    whole = "县城消费观察 返乡打工人的钱包里装着县城经济的下一程"
    assert clean_title(whole, ["县城消费观察"]) == whole


def test_clean_title_prefers_a_heading_the_title_holds():
    title = "页面上的大标题文字_新闻频道_某某网"
    assert clean_title(title, ["页面上的大标题文字"]) == "页面上的大标题文字"
    # a heading after the site name
    assert clean_title("某某网_页面上的大标题文字", ["页面上的大标题文字"]) == "页面上的大标题文字"
    # headings shorter than 4 characters are no evidence
    assert clean_title(title, ["某某网", "短"]) == "页面上的大标题文字"
    # the longest heading found in the title wins
    assert clean_title(title, ["页面上的大标题", "页面上的大标题文字"]) == "页面上的大标题文字"


def test_a_bilingual_pages_title_gives_its_chinese_headline():
    # the page shows the English headline above the Chinese one; the <title> holds both
    english = "Fujian-Ningxia labor cooperation opens doors for rural workers"
    chinese = "闽宁劳务协作为农村劳动力打开就业之门"
    title = f"{chinese} {english} - 中国日报网"
    assert clean_title(title, [english, chinese]) == chinese
    # an English headline alone is the headline
    assert clean_title(f"{english} - China Daily", [english]) == english


def test_a_generic_title_gives_way_to_the_texts_first_line():
    html = ("<html><head><title>新闻详情</title></head><body><div class='detail-box'>"
            "<p><strong>小木耳撑起致富大产业 白水镇食用菌基地带动300余户群众增收</strong></p>"
            "<p>发布时间：2024-04-09</p><p>" + "走进白水镇食用菌基地，工人们正在采摘黑木耳。" * 6 + "</p>"
            "<p>" + "基地今年带动周边300余户群众增收，户均增收8000元。" * 5 + "</p></div></body></html>")
    page = process_page(Page(url="http://team.test/a.html", body=html.encode()))
    assert page.title == "小木耳撑起致富大产业 白水镇食用菌基地带动300余户群众增收"
    assert page.text.startswith("走进白水镇")


def test_clean_title_takes_no_channel_name_for_the_headline():
    title = "延平区就业帮扶车间开到家门口_县域动态_闽北新闻网"
    assert clean_title(title, ["县域动态", "闽北新闻网"]) == "延平区就业帮扶车间开到家门口"
    assert clean_title("延平区就业帮扶车间开到家门口｜闽北新闻网") == "延平区就业帮扶车间开到家门口"


def test_clean_title_takes_no_site_name_after_a_separator_for_the_headline():
    # a footer's heading names the site the title ends with; the title names only a channel
    assert clean_title("新闻动态--中国地理学会官网", ["中国地理学会"]) != "中国地理学会"
    # a headline after a channel's name is longer than it
    headline = "最新出炉联合国贸发报告：全球经济增长率降至2.3%"
    assert clean_title(f"明日股市预测--{headline}", [headline]) == headline
    # a government site's 站名_栏目_标题: the headline fills the title's last part
    assert clean_title("黄山市人民政府_政务公开_关于举办招聘会的通知", ["关于举办招聘会的通知"]) \
        == "关于举办招聘会的通知"
    assert clean_title("就业动态_中国就业网_东西部劳务协作成效显著", ["东西部劳务协作成效显著"]) \
        == "东西部劳务协作成效显著"


def test_a_pages_share_headline_and_an_h4_are_headings():
    headline = "首次采样带回 嫦娥五号为什么是中国航天史上最复杂任务？一图看懂"
    title = f"{headline}-中国,嫦娥五号,月球,航天 ——快科技(驱动之家旗下媒体)--科技改变未来"
    body = f"<p>{FIRST}</p><p>{AFTER_AD}</p>"
    shared = (f"<html><head><title>{title}</title><meta property='og:title' content='{headline}'></head>"
              f"<body><div class='news_bt'>{headline}</div>{body}</body></html>")
    assert extract_article(shared).title == headline
    h4 = (f"<html><head><title>{headline}-EDN 电子技术设计</title></head>"
          f"<body><h4>{headline}</h4>{body}</body></html>")
    assert extract_article(h4).title == headline


def test_clean_title_ignores_headings_the_title_does_not_hold():
    assert clean_title("页面上的大标题文字_新闻频道", ["无关的另一个标题"]) == "页面上的大标题文字"
    assert clean_title("页面上的大标题文字", ["页面上的大标题文字"]) == "页面上的大标题文字"


def test_clean_title_without_a_title_falls_back_to_headings():
    assert clean_title(None, ["短", "页面上的大标题文字"]) == "页面上的大标题文字"
    assert clean_title("", ["abc"]) is None
    assert clean_title(None) is None
    assert clean_title("") is None


# -- dump_title --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "首页 > 新闻中心 > 本地新闻\n2019-03-08 10:00\n某某市举行就业招聘会助力脱贫\n本报讯 今天上午，某某市……",
    "原标题：某某市举行就业招聘会助力脱贫\n正文",
    "来源：某某日报社新闻中心网站\n某某市举行就业招聘会助力脱贫",
    "当前位置：首页新闻中心本地\n某某市举行就业招聘会助力脱贫",
    "x" * 61 + "\n某某市举行就业招聘会助力脱贫",
    "  某某市举行就业招聘会助力脱贫  \n正文",
    # a site's menu, its name with its edition's, a paper's beside the site's, a platform's prompt
    "凉山新闻网\n首页 | 凉山要闻 | 县市动态 | 民生 | 专题 | 凉山日报\n某某市举行就业招聘会助力脱贫",
    "中國甘肅網 繁體版\n赣南日报 客家新闻网\n点击蓝字关注我们\n某某市举行就业招聘会助力脱贫",
])
def test_dump_title_finds_the_headline_among_the_first_lines(text):
    assert dump_title(text) == "某某市举行就业招聘会助力脱贫"


def test_dump_title_takes_a_headline_of_parts_between_bars():
    # (two parts are a headline's, not a menu's three)
    assert dump_title("县人社局举办招聘会 | 岗位3000余个\n正文") == "县人社局举办招聘会 | 岗位3000余个"


def test_dump_title_allows_an_exclamation_inside_the_headline():
    assert dump_title("某某市举行就业招聘会！助力脱贫攻坚\n正文") == "某某市举行就业招聘会！助力脱贫攻坚"


@pytest.mark.parametrize("text", [
    "",
    "短标题\n今天上午，某某市举行了大型招聘会。\n",  # too short, then a sentence
    "今天上午，某某市举行了大型招聘会。",
    "某某市举行就业招聘会助力脱贫？",  # ends as a sentence
    "\n".join(["短"] * 8 + ["某某市举行就业招聘会助力脱贫"]),  # only the first 8 lines count
])
def test_dump_title_without_a_headline_is_none(text):
    assert dump_title(text) is None


# -- find_author / find_source -----------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("(记者 张三)", "张三"),
    ("记者 张三", "张三"),
    ("记者：王小明", "王小明"),
    ("作者：欧阳小明 ", "欧阳小明"),
    ("記者 陳大文", "陳大文"),
    ("撰稿 赵六", "赵六"),
    ("文/李四 图/王五", "李四"),
    ("（记者 张三 通讯员 李四）", "张三 李四"),  # role words between names go
    ("（记者 张三 摄影 李四）", "张三 李四"),
    ("作者：张三,李四，王五", "张三 李四 王五"),
])
def test_find_author(text, expected):
    assert find_author(text) == expected


@pytest.mark.parametrize("text", ["", "没有署名的文本", "记者 通讯员", "记者 Zhang San"])
def test_find_author_without_a_byline_is_none(text):
    assert find_author(text) is None


@pytest.mark.parametrize("text,expected", [
    ("2020-05-07 来源:映象网", "映象网"),
    ("来源：新华社 作者：张三", "新华社"),
    ("來源：中央社", "中央社"),
    ("出处: 人民日报", "人民日报"),
    ("信息来源：人民网", "人民网"),
    ("来源 ： 人民网|编辑", "人民网"),
    ("来源：人民网/编辑", "人民网"),
    ("来源：某某市人力资源和社会保障局网站", "某某市人力资源和社会保障局网站"),
])
def test_find_source(text, expected):
    assert find_source(text) == expected


@pytest.mark.parametrize("text", ["", "没有来源", "来源:a"])
def test_find_source_without_a_source_is_none(text):
    assert find_source(text) is None


# -- tables ------------------------------------------------------------------------------

SENTENCES = "某某市举行就业招聘会。" * 10


@pytest.mark.parametrize("html,expected", [
    (f"<html><body><table><tr><td>{SENTENCES}</td></tr></table><p>页脚</p></body></html>", True),
    ("<html><body><table><tr><td><table><tr><td>" + "文字" * 20 + "</td></tr></table></td></tr></table>"
     "<p>" + "正文" * 5 + "</p></body></html>", True),
    (f"<html><body><p>{SENTENCES}</p>"
     "<table><tr><td>姓名</td><td>年龄</td></tr></table></body></html>", False),
    ("<html><body></body></html>", False),
])
def test_is_table_layout(html, expected):
    assert is_table_layout(lxml.html.fromstring(html)) is expected


def test_table_rows_as_text():
    text = "正文第一段\n| 姓名 | 年龄 |\n| 张三 | 30 |\n结尾"
    assert table_rows_as_text(text) == "正文第一段\n姓名  年龄\n张三  30\n结尾"
    assert table_rows_as_text("| a \\| b | c |") == "a | b  c"  # an escaped bar is cell text
    assert table_rows_as_text("  | x |  | y |") == "x  y"  # empty cells go
    assert table_rows_as_text("没有表格 | 竖线在中间") == "没有表格 | 竖线在中间"


def test_is_layout_table_dump():
    assert is_layout_table_dump("| a |\n| b |\n正文")
    assert not is_layout_table_dump("| a |\n正文\n正文")
    assert not is_layout_table_dump("")


# -- as_html_document --------------------------------------------------------------------

@pytest.mark.parametrize("html", [
    "<html><body>x</body></html>",
    "<HTML><BODY>x</BODY></HTML>",
    "<!DOCTYPE html><html>x</html>",
    "<!-- c --><html>x</html>",
    "plain text",
])
def test_as_html_document_leaves_documents_alone(html):
    assert as_html_document(html) == html


@pytest.mark.parametrize("html,expected", [
    ("<div><p>正文</p></div>", "<html><body><p>正文</p></body></html>"),
    ("<article><h1>标题</h1><p>正文</p></article>", "<html><body><h1>标题</h1><p>正文</p></body></html>"),
    ("<wrapper><p>x</p></wrapper>\n", "<html><body><p>x</p></body></html>"),
    # an archiving tool's wrapper around a whole page: the page comes out
    ("<?xml version='1.0'?><root><html><body>x</body></html></root>", "<html><body>x</body></html>"),
])
def test_as_html_document_unwraps_a_foreign_root(html, expected):
    assert as_html_document(html) == expected


@pytest.mark.parametrize("html", [
    "<p>第一段</p><p>第二段</p>",
    "<div>导航</div><div><p>正文</p></div>",
    "<p>没有结尾标签的一段<p>第二段",
])
def test_as_html_document_keeps_a_fragment_of_several_elements_whole(html):
    assert as_html_document(html) == f"<html><body>{html}</body></html>"


@pytest.mark.parametrize("html,expected", [
    # a whole page's footer included in the middle of another page: what follows stays in the body
    ("<html><body><div>导航</div></body></html>\n<div><p>正文</p></div></body></html>",
     "<html><body><div>导航</div>\n<div><p>正文</p></div></body></html>"),
    ("<html><body>x</BODY >  <p>y</p></HTML>", "<html><body>x  <p>y</p></HTML>"),
])
def test_as_html_document_drops_an_end_of_page_before_more_page(html, expected):
    assert as_html_document(html) == expected


def test_an_article_after_an_early_end_of_page_is_extracted():
    page = ("<html><head><title>t</title></head><body><div class='nav'><a href='/'>首页</a></div>"
            "</body></html><div class='content'><p>川南市第十届人民代表大会常务委员会第八次会议，听取了"
            "市财政局局长代表市人民政府所作的说明，会议同意市人民政府提出的方案，批准预算调整。</p>"
            "<p>会议决定：批准市级预算调整方案，要求市人民政府认真组织实施，确保各项资金及时足额到位。</p></div>")
    assert "会议决定" in extract_article(page).text


@pytest.mark.parametrize("empty", ["wbr", "source", "embed"])
def test_words_after_an_html5_empty_element_stay_in_their_paragraph(empty):
    # libxml2 reads <wbr>, <source>, <embed> as holding what follows them: a blog's <wbr> every
    # thirty characters put the paragraph's end inside one, and trafilatura dropped it
    paragraph = (f"村东头老王家的儿子前年从浙江回来，在村里搞<{empty}>起了中药材种植，当归、黄芪种了"
                 f"八十多亩，忙的时候要雇二<{empty} src='x'>三十个人，都是村里出不了远门的妇女和老汉。")
    tree = parse_html(f"<html><body><p>{paragraph}</p><p>二月二十六号早上，大巴车从镇上出发。</p>"
                      "</body></html>")
    first = tree.find(".//p")
    assert first.text_content() == paragraph.replace(f"<{empty}>", "").replace(f"<{empty} src='x'>", "")
    assert all(el.text is None and len(el) == 0 for el in tree.iter(empty))
    assert len(tree.findall(f".//{empty}")) == 2  # the elements stay, empty, where they stood
    page = ("<html><head><title>村里的年轻人又出门了</title></head><body><div class='articalContent'>"
            + "".join(f"<div>{paragraph}<br/><br/>第{n}段的话，写在这里，说的是村里的事情。</div>"
                      for n in range(4))
            + "</div></body></html>")
    assert "三十个人，都是村里出不了远门的妇女和老汉" in extract_article(page).text


def test_visible_texts_are_the_bodys_text_nodes_outside_scripts_in_page_order():
    import lxml.etree
    search = lxml.etree.XPath("//body//text()[not(parent::script or parent::style)]", smart_strings=False)
    html = ("<html><head><title>t</title><script>var x=1;</script></head><body>开头<div>甲<b>乙</b>丙"
            "<script>var y='不显示';</script>丁<style>.a{}</style>戊<!-- 注释 -->己</div>庚"
            "<p>辛<span>壬<i>癸</i></span></p>尾</body></html>")
    tree = parse_html(html)
    assert visible_texts(tree) == search(tree)
    assert "".join(visible_texts(tree)) == "开头甲乙丙丁戊己庚辛壬癸尾"
    # nested deeper than Python's recursion allows
    deep = parse_html("<html><body>" + "<div>层" * 3000 + "底" + "</div>尾" * 3000 + "</body></html>")
    assert visible_texts(deep) == search(deep)


# -- han ---------------------------------------------------------------------------------

def test_common_characters_hold_both_scripts():
    common = common_characters()
    assert isinstance(common, frozenset)
    assert {"的", "国", "國", "經", "发"} <= common
    assert not {"a", "", "鍘", "熸", "㐀"} & common
    assert 6000 < len(common) < 8000
    assert common_characters() is common  # computed once


@pytest.mark.parametrize("text", [
    "我们的国家正在发展经济", "我國經濟發展", "原标题", "hello world 123", "", "，。！",
])
def test_plausibility_of_real_text_is_one(text):
    assert plausibility(text) == 1.0


@pytest.mark.parametrize("text,expected", [
    ("鍘熸爣棰", 0.0),  # 原标题 as UTF-8 read as GBK
    ("浣犲ソ", 0.0),  # 你好, likewise
    ("涓浗", 0.5),  # 中国, likewise
    ("Ã©Ã¨", 0.0),  # UTF-8 read as Latin-1: suspicious letters count as misses
    ("我们 Ã© 的", 0.75),
    ("我们的\ufffd国家", 5 / 6),  # a replacement character is a miss
])
def test_plausibility_of_mojibake_is_low(text, expected):
    assert plausibility(text) == pytest.approx(expected)


# -- pinyin ------------------------------------------------------------------------------

def test_readings_with_and_without_tone_marks():
    # tone marks, none, or a tone number; zhuyin with its tone mark or without
    assert readings("國") == {"guó", "guo", "guo2", "ㄍㄨㄛˊ", "ㄍㄨㄛ"}
    assert {"xíng", "xing", "háng", "hang"} <= readings("行")
    assert {"nǚ", "nv", "nu"} <= readings("女")  # ü written as v or u
    assert readings("a") == frozenset()


@pytest.mark.parametrize("annotation,char,expected", [
    ("guó", "國", True),
    ("guo", "國", True),
    ("GUÓ", "國", True),
    ("shi", "國", False),
    ("guǒ", "國", False),  # a tone the character does not take
    ("gúo", "國", False),
    ("", "國", False),
    ("hang", "行", True),
    ("xíng", "行", True),
    ("nv", "女", True),
    ("nu", "女", True),
    ("nü", "女", True),
    ("nǚ", "女", True),
    ("a", "a", False),  # no readings for a non-Han character
])
def test_is_reading(annotation, char, expected):
    assert is_reading(annotation, char) is expected


@pytest.mark.parametrize("text,expected,count", [
    ("國(guó)家", "國家", 1),
    ("市(shi)(shi)(shi)", "市", 3),
    ("市（shì）场", "市场", 1),  # fullwidth brackets
    ("國 (guó)家", "國家", 1),
    ("我國(guó)就業(yè)", "我國就業", 2),
    ("國(guo)(guó)", "國", 2),
    ("市(shi)(chang)", "市(chang)", 1),  # only the reading of 市 goes
])
def test_remove_pinyin_annotations(text, expected, count):
    assert remove_pinyin_annotations(text) == (expected, count)


@pytest.mark.parametrize("text,expected", [
    ("<h3>相(xiāng)关(guān)新(xīn)闻(wén)</h3>", True),
    ("國(guó)家（jiā）市(shi)", True),  # fullwidth brackets count too
    ("<p>國(guó)家(jiā)与中国(China)、扶贫(fúpín)、GDP(2019)</p>", False),  # two readings: a gloss
    ("function(a){return f(b)}", False),
    ("", False),
])
def test_a_page_shows_a_mirror_by_three_readings(text, expected):
    assert shows_mirror(text) is expected


@pytest.mark.parametrize("text", [
    "(GDP)",
    "扶贫(fúpín)",  # a gloss of the word, not a reading of 贫
    "國(shi)家",
    "2019(nian)",
    "A(a)",
    "沒有註音",
    "",
])
def test_remove_pinyin_annotations_keeps_what_is_not_a_reading(text):
    assert remove_pinyin_annotations(text) == (text, 0)


@pytest.mark.parametrize("text", ["2019年2月30日", "2021-02-29", "2019-04-31"])
def test_find_date_skips_days_that_do_not_exist(text):
    assert find_date(text) is None
    assert find_date(f"{text}，2019年3月1日") == "2019-03-01"


FIRST = "一个月之后的六月二十一日，随着合资基础协议的签署，传闻再次袭来。"
AFTER_AD = "现代主动找到旗下的客车厂商谈合作，双方坐到了一起，谈判随即展开。"


def test_text_beside_paragraphs_gets_a_paragraph_of_its_own():
    page = (f"<html><body><table><tr><td class='Content'>　　{FIRST}<P>　　八个月四轮谈判，"
            f"<table><tr><td>广告</td></tr></table>{AFTER_AD}<P>　　据记者采访了解，骏威客车是生产大客车的"
            "企业，通过与对方进一步商谈后才知道，对方提出的是商用车全方位合作。<P>　　"
            "这是第四段文字，讲的是合资以后的产品规划和市场安排，篇幅和前面几段差不多。"
            "</td></tr></table></body></html>")
    tree = lxml.html.fromstring(page)
    assert wrap_bare_text(tree) == 2  # the text before the first <P>, the text after the ad
    paragraphs = [p.text_content().strip() for p in tree.iter("p")]
    assert paragraphs[0] == FIRST and AFTER_AD in paragraphs
    text = extract_article(page).text
    assert FIRST in text and AFTER_AD in text


SENTENCES = [FIRST, AFTER_AD,
             "据记者采访了解，骏威客车是生产大客车的企业，通过与对方进一步商谈后才知道合作范围。"]


@pytest.mark.parametrize("figure", [
    "<div class='img_wrapper'><img src='a.jpg'><span class='img_descr'>招聘会现场（视频截图）</span></div>",
    "<figure><img src='a.jpg'><figcaption>招聘会现场（视频截图）</figcaption></figure>",
    "<div class='pic'><a href='a.jpg'><img src='a.jpg'></a><br>招聘会现场（视频截图）</div>",
    # named a caption, which trafilatura drops: beside the picture, a level or two down, or a
    # figure in a wrapper of its own
    "<div class='pgc-img'><img src='a.jpg'><p class='pgc-img-caption'>招聘会现场（视频截图）</p></div>",
    "<div class='image-container'><div class='image-wrapper'><img src='a.jpg'></div>"
    "<div class='image-caption-wrapper'><div class='image-caption'>招聘会现场（视频截图）</div></div></div>",
    "<div class='photo-box'><figure class='photo'><img src='a.jpg'>"
    "<figcaption class='caption'>招聘会现场（视频截图）</figcaption></figure></div>",
])
def test_a_pictures_caption_among_the_paragraphs_is_text(figure):
    page = (f"<html><body><div class='nav'><a href='/'>首页</a></div><div class='article'>"
            f"<p>{SENTENCES[0]}</p>{figure}<p>{SENTENCES[1]}</p><p>{SENTENCES[2]}</p></div></body></html>")
    assert "招聘会现场（视频截图）" in extract_article(page).text.split("\n")


def test_a_pictures_caption_between_paragraphs_each_in_a_wrapper_is_text():
    # an encyclopedia's editor wraps each paragraph in a <div> of its own
    figure = ("<div class='doc-img'><a class='img-link' href='/doc/1.html#img-3'><img src='a.jpg'></a>"
              "<span class='img-desc'>鹿溪县职业技术学校焊接实训车间</span></div>")
    paragraphs = [f"<div class='content-p'><p>{s}</p></div>" for s in SENTENCES]
    page = f"<div class='main'>{paragraphs[0]}{figure}{''.join(paragraphs[1:])}</div>"
    text = extract_article(f"<html><body>{page}</body></html>").text.split("\n")
    assert "鹿溪县职业技术学校焊接实训车间" in text


def test_a_figures_caption_under_a_picture_in_a_lightboxs_link_is_text():
    # (among enough paragraphs that trafilatura reads the page, which dropped it)
    figure = ("<figure class='cover'><a href='big.jpg' class='pop'><picture><img src='a.jpg'></picture></a>"
              "<figcaption>招聘会现场（视频截图）</figcaption></figure>")
    paragraphs = [f"<p>{SENTENCES[i % 3]}{SENTENCES[(i + 1) % 3]}</p>" for i in range(7)]
    page = f"<div class='article'>{''.join(paragraphs[:3])}{figure}{''.join(paragraphs[3:])}</div>"
    assert "招聘会现场（视频截图）" in extract_article(f"<html><body>{page}</body></html>").text.split("\n")


def test_a_caption_in_its_own_wrapper_after_its_pictures_is_text():
    # an editor that wraps each paragraph, the picture and its caption in a <div> of its own
    wrapped = "".join(f"<div class='para'><p>{sentence}</p></div>" for sentence in SENTENCES[1:])
    page = (f"<html><body><div class='article'><div class='para'><p>{SENTENCES[0]}</p></div>"
            "<div class='pic'><img src='a.jpg'></div><div class='para'><p class='note'>"
            "<span class='image-caption'>招聘会现场（视频截图）</span></p></div>"
            f"{wrapped}</div></body></html>")
    tree = parse_html(page)
    assert captions_from_figures(tree) == 1  # trafilatura keeps the named caption only at times
    assert [p.text for p in tree.iter("p") if p.get("class") is None][1] == "招聘会现场（视频截图）"
    assert "招聘会现场（视频截图）" in extract_article(page).text.split("\n")


GALLERY_CAPTIONS = ["柳湾镇扶贫车间内，工人们正在编织假发。", "龙泉乡竹编车间的村民正在整理竹编产品。",
                    "石桥镇服装加工车间里，工人们赶制出口订单。"]


def _gallery(item: str) -> str:
    items = "".join(item.format(i=i, caption=caption) for i, caption in enumerate(GALLERY_CAPTIONS))
    return (f"<html><body><div class='g-summary'><p>{SENTENCES[0]}</p></div>"
            f"<ul class='pic-list'>{items}</ul><div class='foot'>川南新闻网 版权所有</div></body></html>")


def test_a_photo_gallerys_captions_are_its_text():
    page = _gallery("<li class='pic-item'><div class='pic-box'><a href='javascript:;'><img src='{i}.jpg'></a>"
                    "</div><div class='pic-txt'><span class='pic-num'>{i}/3</span>"
                    "<div class='pic-caption'>{caption}</div></div></li>")
    tree = parse_html(page)
    assert captions_from_figures(tree) == 3  # read as paragraphs, not left to trafilatura's whim
    assert [p.text for p in tree.iter("p")][1:] == GALLERY_CAPTIONS
    lines = extract_article(page).text.split("\n")
    assert all(caption in lines for caption in GALLERY_CAPTIONS)


@pytest.mark.parametrize("paragraphs", [SENTENCES, SENTENCES + SENTENCES_FOR_DATES + [
    "招聘會設有多個專區，包括零售、飲食、物流及安老服務等行業。",
    "不少僱主即場進行面試，部分求職人士即日獲聘。",
    "勞工處亦在場設立諮詢櫃位，為求職人士提供就業輔導服務。"]])
def test_a_table_of_pictures_a_row_each_beside_its_caption_is_text_and_a_layout_is_not(paragraphs):
    # a government's press release: its text in <br> runs, its pictures after it in a table, a
    # row each, the picture's cell and its caption's, under a label (and where the text is most of
    # the page, the body trafilatura is told of, the captions below it are the body's)
    rows = "".join(f"<tr><td><a href='{i}.jpg'><img src='{i}s.jpg'></a></td>"
                   f"<td class='caption'>{caption}</td></tr>" for i, caption in enumerate(GALLERY_CAPTIONS))
    release = "<br><br>".join(f"　　{sentence}" for sentence in paragraphs)
    page = (f"<html><body><div class='nav'><a href='/'>首页</a></div><div id='main'><span id='pr'>{release}"
            f"</span><div id='photos'><p class='photoHead'>相片</p><table>{rows}</table></div></div>"
            "<div id='footer'>2024 ｜ <a href='/notice'>重要告示</a></div></body></html>")
    from crawler.text.clean import clean_text

    lines = clean_text(extract_article(page).text).text.split("\n")
    assert lines == [*paragraphs, *GALLERY_CAPTIONS]
    # a table whose rows are other articles (a thumbnail and a linked headline), or a page's
    # layout (a picture beside a column of paragraphs), is no table of pictures
    linked = rows.replace("<td class='caption'>", "<td><a href='/n/1.html'>")
    linked = linked.replace("</td></tr>", "</a></td></tr>")
    layout = "<tr><td><img src='logo.png'></td><td>" + "".join(f"<p>{s}</p>" for s in SENTENCES * 2)
    layout += "</td></tr>"
    for table in (linked, layout):
        tree = parse_html(f"<html><body><p>{SENTENCES[0]}</p><table>{table}</table></body></html>")
        captions_from_figures(tree)
        assert tree.find(".//table") is not None


def test_a_list_of_other_galleries_is_no_gallery():
    # each item leads with its headline's link: other galleries, whatever their class says
    page = _gallery("<li><a href='/g/{i}.html'><img src='{i}.jpg'></a><a href='/g/{i}.html'>图集{i}</a>"
                    "<p class='caption'>{caption}</p></li>")
    assert captions_from_figures(parse_html(page)) == 0


def test_a_slideshows_captions_whatever_their_name_are_its_text():
    # a 图片新闻's slideshow: each item a picture and its caption in a div of any name
    page = _gallery("<li><a href='javascript:;'><img src='{i}.jpg'></a>"
                    "<div class='pic-tit'>{caption}</div></li>")
    tree = parse_html(page)
    assert captions_from_figures(tree) == 1  # one list
    assert [p.text for p in tree.iter("p")][1:] == GALLERY_CAPTIONS
    assert all(caption in extract_article(page).text.split("\n") for caption in GALLERY_CAPTIONS)


@pytest.mark.parametrize("item", [
    "<li><a href='/g/{i}.html'><img src='{i}.jpg'></a><div>{caption}</div>"
    "<a href='/g/{i}.html'>详情</a></li>",
    "<li><img src='{i}.jpg'><div>县人社局局长 王{i}</div></li>",  # faces and names: no prose
    "<li><img src='{i}.jpg'><img src='b{i}.jpg'><div>{caption}</div></li>",  # two pictures an item
])
def test_a_list_of_pictures_with_links_or_names_is_no_slideshow(item):
    assert captions_from_figures(parse_html(_gallery(item))) == 0


def test_a_caption_of_paragraphs_keeps_them_as_lines():
    page = (f"<html><body><div class='article'><p>{SENTENCES[0]}</p><figure><img src='a.jpg'><figcaption>"
            f"<p>求职者在招聘会现场咨询岗位。</p><p>记者 张三 摄</p></figcaption></figure>"
            f"<p>{SENTENCES[1]}</p><p>{SENTENCES[2]}</p></div></body></html>")
    assert captions_from_figures(parse_html(page)) == 0
    assert "求职者在招聘会现场咨询岗位。" in extract_article(page).text.split("\n")


@pytest.mark.parametrize("figure", [
    "<div class='ad'><img src='a.jpg'><a href='/ad'>点击领取岗位补贴</a></div>",        # a picture link
    f"<div class='teaser'><img src='a.jpg'><span>{'招聘会现场人头攒动，' * 14}</span></div>",  # too long
    "<div class='caption-box'><p class='caption'>招聘会现场（视频截图）</p></div>",       # no picture
    # after a picture with words of its own (a teaser's): no caption of that picture
    "<div class='ad'><a href='/ad'><img src='a.jpg'>岗位推荐</a></div>"
    "<div><p><span class='image-caption'>招聘会现场</span></p></div>",
])
def test_a_picture_with_a_link_or_a_teaser_is_no_caption(figure):
    page = (f"<html><body><div class='article'><p>{SENTENCES[0]}</p>{figure}<p>{SENTENCES[1]}</p>"
            f"<p>{SENTENCES[2]}</p></div></body></html>")
    tree = parse_html(page)
    assert captions_from_figures(tree) == 0


def test_a_link_around_a_picture_alone_in_a_paragraph_is_unwrapped():
    tree = parse_html("<html><body><p><a href='/showimage?a.jpg'><img src='a.jpg'></a><br>横批：全听我的</p>"
                      "<p><a href='/a.html'><img src='b.jpg'>大图</a></p>"            # the link has text
                      "<ul><li><a href='/ent'><img src='i.png'></a><span>娱乐</span></li></ul>"  # a menu
                      "</body></html>")
    assert unwrap_picture_links(tree) == 1
    assert [a.get("href") for a in tree.iter("a")] == ["/a.html", "/ent"]
    assert tree.find(".//p/img").get("src") == "a.jpg"


def test_an_inline_elements_tail_stays_in_its_sentence():
    tree = lxml.html.fromstring("<div><p>就业扶贫<b>车间</b>吸纳了周边的脱贫劳动力三十二人</p>"
                                "<p>第二段</p><a href='#'>链接</a>链接后面的文字不是新段落而是导航</div>")
    assert wrap_bare_text(tree) == 0


# -- words: which character a lost byte was ---------------------------------------------

def test_the_words_around_a_lost_character_choose_it_only_when_one_fits():
    from crawler.text.words import likeliest

    # 地 and three more share GBK trail byte 0xD8; only 當地 makes words here
    assert likeliest(["地", "呢", "县", "回"], "還掌握當", "重大工程") == "地"
    # 輸得出 and 輸拿出 both read as words: no guess
    assert likeliest(["得", "拿", "好", "用"], "去向準、輸", "出、穩") is None
    assert likeliest(["地"], "當", "重") == "地"  # one candidate is taken as it is


def test_tone_number_pinyin_is_a_reading_too():
    text, removed = remove_pinyin_annotations("就(jiu4)业(ye4)扶贫，GDP(2019)与市(shi4)(shi4)场")
    assert (text, removed) == ("就业扶贫，GDP(2019)与市场", 4)
    assert remove_pinyin_annotations("第(di3)一")[0] == "第(di3)一"  # not 第's reading: the text's own


SUMMARY = "就业帮扶车间，原称扶贫车间，是设在乡镇、村的生产加工场所，以吸纳农村劳动力就近就业为主要目的。"
SECTIONS = "发展历程\n扶贫车间最早出现于2015年前后。各地陆续出台认定办法和奖补政策，车间数量逐年增加。"


def _entry(contents: str, summary: str = SUMMARY) -> lxml.html.HtmlElement:
    return parse_html(
        f"<html><body><div class='main'><h1>就业帮扶车间</h1><div class='abstract'><p>{summary}</p></div>"
        f"{contents}<div class='content'><h2>发展历程</h2><div class='para'>扶贫车间最早出现于2015年前后。"
        "各地陆续出台认定办法和奖补政策，车间数量逐年增加。</div></div></div>"
        "<div class='side'><p>相关词条：劳务品牌是指具有地域特色、行业特征和技能特点的劳务标识。</p></div>"
        "</body></html>")


CONTENTS = ("<ul class='catalog'><li><a href='#1'>发展历程</a></li><li><a href='#2'>认定条件</a></li>"
            "<li><a href='#3'>扶持政策</a></li></ul>")


def test_a_reference_pages_summary_before_its_sections_is_read():
    assert summary_before_text(_entry(CONTENTS), SECTIONS) == [SUMMARY]


@pytest.mark.parametrize("tree,text", [
    (_entry(""), SECTIONS),  # no table of contents: a news page's 摘要 box, which repeats the lead
    (_entry(CONTENTS), SUMMARY + "\n" + SECTIONS),  # already read
    (_entry(CONTENTS), "不在页面上的一行字。"),  # the text's first line is not after the headline
    (_entry(CONTENTS, summary="扶贫车间 就业帮扶"), SECTIONS),  # no sentence
    # the text's first line found only past a few hundred elements: the search stops first
    (_entry("<div><span>导航</span></div>" * 200 + CONTENTS), SECTIONS),
])
def test_no_summary_is_read_without_a_reference_pages_evidence(tree, text):
    assert summary_before_text(tree, text) == []


LIST_ITEMS = ["开展订单式培训不少于20期，培训人数不少于2000人次；",
              "建立返乡人员就业需求台账，实行一人一档；"]


def _block_with_list(items: str) -> lxml.html.HtmlElement:
    return parse_html(f"<html><body><div class='article'><p>{SENTENCES[0]}</p>"
                      f"<p>今年将重点做好以下几项工作：</p><ul>{items}</ul><p>{SENTENCES[1]}</p></div>"
                      "</body></html>").find(".//div")


def test_a_list_trafilatura_lost_goes_back_after_its_introduction():
    main = _block_with_list("".join(f"<li>{item}</li>" for item in LIST_ITEMS))
    text = "\n".join([SENTENCES[0], "今年将重点做好以下几项工作：", SENTENCES[1]])
    assert lists_back_in_place(main, text) == (
        "\n".join([SENTENCES[0], "今年将重点做好以下几项工作：", *LIST_ITEMS, SENTENCES[1]]), 1)


def test_a_list_of_short_phrases_goes_back_under_a_line_that_announces_it():
    phrases = ["账号定位与人设打造", "手机拍摄与构图技巧", "剪辑软件实操"]
    main = _block_with_list("".join(f"<li>{item}</li>" for item in phrases))
    text = "\n".join([SENTENCES[0], "今年将重点做好以下几项工作：", SENTENCES[1]])
    assert lists_back_in_place(main, text) == (
        "\n".join([SENTENCES[0], "今年将重点做好以下几项工作：", *phrases, SENTENCES[1]]), 1)


@pytest.mark.parametrize("items,text", [
    ("".join(f"<li>{item}</li>" for item in LIST_ITEMS), "\n".join([SENTENCES[0], SENTENCES[1]])),  # no intro
    ("<li>首页</li><li>新闻</li>", "\n".join([SENTENCES[0], "今年将重点做好以下几项工作："])),  # a menu
    ("".join(f"<li><a href='/{i}'>{item}</a></li>" for i, item in enumerate(LIST_ITEMS)),
     "\n".join([SENTENCES[0], "今年将重点做好以下几项工作："])),  # other articles' links
    ("".join(f"<li>{item}</li>" for item in LIST_ITEMS),
     "\n".join(["今年将重点做好以下几项工作：", LIST_ITEMS[0]])),  # read already, in part
])
def test_a_list_goes_back_only_whole_after_its_introduction(items, text):
    assert lists_back_in_place(_block_with_list(items), text) == (text, 0)


def test_a_list_with_linked_terms_goes_back_from_a_sibling_section():
    # a wiki's sections, a <section> each: the densest is one, the list in another, a term of
    # each item linked
    items = "".join(f"<li><a href='/wiki/{i}'>{item[:4]}</a>{item[4:]}</li>"
                    for i, item in enumerate(LIST_ITEMS))
    tree = parse_html(f"<html><body><div class='mw-parser-output'><section><p>{SENTENCES[0]}</p>"
                      f"<p>{SENTENCES[1]}</p><p>{SENTENCES[0]}{SENTENCES[1]}</p></section><h2>培训</h2>"
                      f"<section><p>今年将重点做好以下几项工作：</p><ul>{items}</ul></section></div></body></html>")
    main = tree.find(".//section")
    text = "\n".join([SENTENCES[0], SENTENCES[1], "今年将重点做好以下几项工作："])
    assert lists_back_in_place(main, text) == ("\n".join([*text.split("\n"), *LIST_ITEMS]), 1)


def test_a_pictures_table_among_paragraphs_is_read_as_its_lines():
    table = ("<table class='pic_table'><tr><td><img src='a.jpg'></td></tr>"
             "<tr><td class='font6'>务工人员登上务工专列。<br>本报记者 李四 摄</td></tr></table>")
    for wrapped in (table, f"<div class='photo' align='center'>{table}</div>"):  # alone in its box too
        tree = parse_html(f"<html><body><P>{SENTENCES[0]}</P>{wrapped}<P>{SENTENCES[1]}</P></body></html>")
        assert captions_from_figures(tree) == 1
        assert [p.text for p in tree.iter("p")] == [
            SENTENCES[0], "务工人员登上务工专列。", "本报记者 李四 摄", SENTENCES[1]]
    # a table of links beside a picture (a teaser box) is no caption
    teaser = "<table><tr><td><img src='b.jpg'></td><td><a href='/x'>县里新建帮扶车间</a></td></tr></table>"
    tree = parse_html(f"<html><body><p>{SENTENCES[0]}</p>{teaser}<p>{SENTENCES[1]}</p></body></html>")
    assert captions_from_figures(tree) == 0


def test_a_posts_topics_and_mentions_are_its_words_and_a_sidebars_stay_links():
    tail = ("<a href='/s?q=1'>#家门口就业#</a> 转发扩散，让更多需要的朋友看到！"
            "<a href='/n/a'>@青溪发布</a> <a href='/n/b'>@青溪县融媒体中心</a>")
    post = "<div class='weibo-text'>" + "<br>".join(SENTENCES) + f"<br>{tail}</div>"
    topics = "".join(f"<li><a href='/t/{i}'>#话题{i}#</a></li>" for i in range(8))
    article = extract_article(f"<html><body>{post}<ul class='hot'>{topics}</ul></body></html>")
    assert "#家门口就业# 转发扩散，让更多需要的朋友看到！@青溪发布 @青溪县融媒体中心" in article.text
    assert "话题" not in article.text
    # only whole topics and mentions: a link with other words stays a link
    tree = parse_html("<html><body><p>见<a href='/a'>#话题# 详情</a>与<a href='/b'>@某某 的主页</a></p>"
                      "</body></html>")
    assert unwrap_tag_links(tree) == 0


def test_trafilatura_reads_no_page_twice_for_us_and_keeps_its_setting_for_others(monkeypatch):
    # trafilatura's recall escalation re-reads a short extraction's whole page (html2txt);
    # our call skips it, and trafilatura's own setting is back afterwards, for its other callers
    import trafilatura.core

    calls = []
    real = trafilatura.core.html2txt
    monkeypatch.setattr(trafilatura.core, "html2txt", lambda *a, **k: calls.append(1) or real(*a, **k))
    setting = trafilatura.core.ESCALATION_MAX_LENGTH
    page = ("<html><body><div class='nav'>" + "<a href='/x'>栏目</a>" * 60 + "</div><div class='content'>"
            + "".join(f"<p>{line}</p>" for line in SENTENCES) + "</div></body></html>")
    article = extract_article(page)
    assert all(line in article.text for line in SENTENCES) and not calls
    assert trafilatura.core.ESCALATION_MAX_LENGTH == setting
    trafilatura.extract(page)  # a caller's own trafilatura still escalates
    assert calls


def test_readability_reads_for_us_without_its_link_cleaning_and_keeps_its_cleaner_for_others(monkeypatch):
    # readability's cleaner rewrites every link of the page, for a browser's safety; our call
    # skips that pass, reads the same text, and leaves readability's own cleaner to its callers
    import readability.readability
    from readability import Document

    from crawler.text.extract import _readability_text

    rewritten = []
    monkeypatch.setattr(lxml.html.HtmlElement, "rewrite_links",
                        lambda self, *a, **k: rewritten.append(1))
    cleaner = readability.readability.html_cleaner
    page = ("<html><body><div class='nav'>" + "<a href='javascript:void(0)' onclick='go()'>栏目</a>" * 20
            + "</div><div class='content'>" + "".join(f"<p>{line}</p>" for line in SENTENCES)
            + "</div></body></html>")
    ours = _readability_text(page)
    assert all(line in ours for line in SENTENCES) and "栏目" not in ours and not rewritten
    assert readability.readability.html_cleaner is cleaner
    theirs = lxml.html.fromstring(Document(page).summary(html_partial=True))
    assert rewritten  # a caller's own readability still cleans the links
    assert ours == "\n".join(" ".join(p.text_content().split()) for p in theirs.iter("p"))


def test_a_paragraph_glued_into_one_line_is_found_whether_its_stop_survived_a_lossy_codec():
    paragraph = ("初冬时节，金川县漫山遍野的脐橙挂满枝头，果农们忙着采摘、分拣、装箱，"
                 "一箱箱脐橙从这里发往全国各地。")
    glued = f"视频｜金川脐橙丰收 发布时间：2024-01-12 {paragraph} 责任编辑：孙丽 分享到：微信 QQ"
    assert paragraphs_in_one_line(paragraph, glued)
    # its 。 lost to a lossy misread (U+FFFD in its place), it is still the block's paragraph
    lossy = paragraph[:-1] + "\ufffd"
    assert paragraphs_in_one_line(lossy, glued.replace(paragraph, lossy))
    # a line of the text that is the paragraph alone is no glued page
    assert not paragraphs_in_one_line(lossy, lossy)


def test_a_short_notice_read_from_its_block_keeps_its_lists_of_words_and_its_tables_not_its_links():
    # a department's short notice (under what trafilatura trusts: it gives the page in one
    # line, and the densest block's own lines are taken): its list of what to do is its text,
    # a list of related news in the block is not
    items = ["為戶外工作人員提供足夠的保暖衣物及熱飲；", "適當安排工作時間，避免僱員長時間在寒風中工作；",
             "設置擋風的休息地點；"]
    related = "".join(f"<li><a href='/news/{n}/'>勞工局巡查建築地盤第{n}次</a></li>" for n in range(3))
    body = ("<p>氣象局預測未來數日受強烈東北季候風影響，本澳氣溫將顯著下降，市區最低氣溫約8度。"
            "勞工事務局提醒僱主須為戶外工作的僱員採取適當的防寒措施。</p>"
            "<p>僱主應注意以下事項：</p><ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
            "<div class='table-responsive'><table><tr><th>類別</th><th>每年金額（澳門元）</th></tr>"
            "<tr><td>普通殘疾津貼</td><td>9,000</td></tr></table></div>"
            "<p>僱員如感到身體不適，應立即停止工作並通知上司，如有需要應及早求醫。</p>"
            f"<ul class='rel'>{related}</ul>")
    page = ("<html lang='zh-Hant'><body><nav>" + "<a href='/s/'>服務</a>" * 30 + "</nav>"
            f"<article><h1>勞工局提醒僱主做好防寒措施</h1><div class='field-body'>{body}</div></article>"
            "<footer>© 2024 勞工事務局</footer></body></html>")
    lines = extract_article(page).text.split("\n")
    assert all(item in lines for item in items) and not any("建築地盤" in line for line in lines)
    assert "類別  每年金額（澳門元）" in lines and "普通殘疾津貼  9,000" in lines  # (its table, a row a line)


def test_a_title_whose_headline_is_its_last_part_before_a_day_in_brackets_gives_the_headline():
    headline = "勞工處下周辦大型招聘會 逾8000職位近三成兼職 零售飲食業求才最殷"
    title = f"明報新聞網 - 每日明報 daily news - 港聞 - {headline} (20240318)"
    paragraphs = "".join(f"<p>{s}</p>" for s in SENTENCES)
    page = f"<html><head><title>{title}</title></head><body><h1>{headline}</h1>{paragraphs}</body></html>"
    assert extract_article(page).title == headline


@pytest.mark.parametrize("logo", [
    "<a href='https://www.xuexi.test/'><img src='/logo.png' alt='学习强国'></a>",  # the logo's alt
    "<a href='/'>学习强国</a>",  # the home link's words
])
def test_a_title_that_is_the_sites_name_gives_way_to_the_line_set_large_above_the_article(logo):
    headline = "湘西古丈：一片茶叶带富一方百姓"
    paragraphs = "".join(f"<p>{s}</p>" for s in SENTENCES)
    page = (f"<html><head><title>学习强国</title></head><body><div class='hd'>{logo}<span>首页</span></div>"
            f"<section><div class='detail-titles'><div class='detail-title'>{headline}</div></div>"
            "<div class='detail-info'><span>来源：湖南日报</span></div>"
            f"<div class='detail-content'>{paragraphs}</div></section></body></html>")
    assert extract_article(page).title == headline
    # a title of the page's own, which a link to the page (not the home page) shows, stays
    own = page.replace("<title>学习强国</title>", "<title>古丈茶产业</title>") \
        .replace("<span>首页</span>", "<a href='/news/1.html'>古丈茶产业</a>")
    assert extract_article(own).title == "古丈茶产业"


def test_a_month_in_a_word_pages_namespace_is_no_date_of_the_page():
    # Word's web page declares its namespaces (office/2004/12/omml), which htmldate's search of
    # the page reads as 1 December 2004; the page writes no day of that month, but signs its own
    paragraphs = "".join(f"<p class=MsoNormal>{s}</p>" for s in SENTENCES)
    page = ("<html xmlns:o='urn:schemas-microsoft-com:office:office' "
            "xmlns:m='http://schemas.microsoft.com/office/2004/12/omml'><head><title>青石镇工作总结</title>"
            f"</head><body><div class=WordSection1>{paragraphs}"
            "<p class=MsoNormal align=right>青石镇人民政府</p>"
            "<p class=MsoNormal align=right>2024年12月18日</p></div></body></html>")
    assert extract_article(page).published == "2024-12-18"


@pytest.mark.parametrize("shown, expected", [
    ("05-06 10:32", "2024-05-06"),  # the state's day, as the feed shows it without its year
    ("03-01 09:15", None),  # another day: the state's date is some other item's
])
def test_a_feeds_time_without_its_year_takes_the_year_from_the_apps_state(shown, expected):
    state = '{"status": {"created_at": "Mon May 06 10:32:17 +0800 2024", "text": "…"}}'
    paragraphs = "".join(f"<p>{s}</p>" for s in SENTENCES)
    page = (f"<html><head><title>微博</title><script>var $render_data = [{state}][0];</script></head><body>"
            f"<div class='weibo-top'><span class='time'>{shown}</span> 来自 微博网页版</div>"
            f"<div class='weibo-text'>{paragraphs}</div>"
            "<script src='https://h5.sinaimg.test/upload/1005/526/2021/08/23/log.js'></script></body></html>")
    published = extract_article(page).published
    assert published == expected if expected else published != "2024-05-06"
