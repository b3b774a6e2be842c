"""Clean: remove what mirrors and templates add, never article text."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from crawler.text.clean import (
    clean_text,
    is_data_row,
    remove_contents_list,
    remove_forum_replies,
    remove_markup_codes,
    remove_place_spam,
    remove_pull_quotes,
    remove_repeated_body,
    remove_repeated_summary,
)
from crawler.text.pinyin import remove_pinyin_annotations, shows_mirror
from crawler.text.rules import _mostly_kept, load_rules, lossy_pattern, required_strings

PAGES = Path(__file__).parent / "pages"

PRECISION = [
    "扶贫(fúpín)是我国的一项重要工作，GDP(国内生产总值)增长3.5%。",
    "2019年(含)以前入职的人员(以下简称\"老员工\")可以申请。",
    "对来自湖南省湘西州7个县、重庆市武隆区和山东省临沂市4个县务工人员给予补贴。",
    "在临沂市沂水县、沂南县、费县和蒙阴县举办了4场专场招聘会。",
    "(本刊通讯员)(林曉潔)(正月初七)(年畫)(2019)(GDP)(APP)(5G)",
    "北京市 上海市 广州市 三地的务工人员都来到了现场，大家非常高兴。",
    "市场(shichang)一词的拼音写作shìchǎng。",
    "招聘会设在人才市场第3楼，2楼为咨询区。\n他说：“我在第2楼等你。”",
]


@pytest.mark.parametrize("text", PRECISION)
def test_legitimate_text_is_unchanged(text):
    cleaned = clean_text(text)
    assert cleaned.text == text
    assert not cleaned.repairs


@pytest.mark.parametrize("damaged,clean", [
    ("我國(guó)就業(yè)扶貧", "我國就業扶貧"),
    ("濟南市(shi)(shi)(shi)(shi)大(da)力", "濟南市大力"),
    ("今年(nian)以來", "今年以來"),
    ("子女(nv)就业，女(nü)工", "子女就业，女工"),
    ("點(dian)(dian)對(dui)點(dian)(dian)", "點對點"),
    ("扶贫(pín)(fúpín)", "扶贫(fúpín)"),
])
def test_pinyin_annotations_removed(damaged, clean):
    assert remove_pinyin_annotations(damaged)[0] == clean


def test_a_words_reading_goes_where_the_text_shows_a_mirror_at_work():
    mirrored = "劳务(láo wù)协作让國(guó)家(jiā)市(shi)場(chǎng)和扶贫(fúpín)车间(chē'jiān)连在一起"
    assert remove_pinyin_annotations(mirrored) == ("劳务协作让國家市場和扶贫车间连在一起", 7)
    # an author's gloss, alone or beside one annotated character, is the text's own
    for glossed in ("扶贫(fú pín)一词见于文件。", "扶贫(fúpín)和國(guó)家", "劳务(láo wù)"):
        assert remove_pinyin_annotations(glossed)[0] == glossed.replace("(guó)", "")
    # and a word whose reading does not fit stays, mirror or not
    assert "车间(shì chǎng)" in remove_pinyin_annotations("國(guó)家(jiā)市(shi)车间(shì chǎng)")[0]
    # a mirror that reads words alone shows itself by five words read; two glosses stay
    words_only = "就业(jiùyè)服务(fúwù)中心(zhōngxīn)今年(jīnnián)举办(jǔbàn)招聘会(zhāopìnhuì)"
    assert remove_pinyin_annotations(words_only) == ("就业服务中心今年举办招聘会", 6)
    assert remove_pinyin_annotations(words_only[:words_only.index("举办")])[1] == 0
    # a long word read whole, as a mirror that annotates words does (a bureau's name)
    # the neutral tone numbered 5 (的 de5), which pypinyin writes without a digit
    assert remove_pinyin_annotations("老(lao3)师(shi1)的(de5)指(zhi3)导(dao3)下")[0] == "老师的指导下"
    words = ("就业(jiù yè)帮扶(bāng fú)由(yóu)县(xiàn)人力资源和社会保障局"
             "(rén lì zī yuán hé shè huì bǎo zhàng jú)牵头(qiān tóu)，在(zài)村(cūn)里(lǐ)")
    assert remove_pinyin_annotations(words) == ("就业帮扶由县人力资源和社会保障局牵头，在村里", 9)


def test_zhuyin_a_mirror_of_a_traditional_page_writes_goes_and_zhuyin_that_reads_nothing_stays():
    # Taiwan's notation after each character: tones as marks, the first tone unmarked, the
    # neutral tone's dot before the syllable as Taiwan writes it or after it; a word read whole
    mirrored = "國(ㄍㄨㄛˊ)家(ㄐㄧㄚ)就(ㄐㄧㄡˋ)業(ㄧㄝˋ)的(˙ㄉㄜ)服務(ㄈㄨˊ ㄨˋ)中(ㄓㄨㄥ)心(ㄒㄧㄣ)"
    assert remove_pinyin_annotations(mirrored) == ("國家就業的服務中心", 8)
    assert shows_mirror("國(ㄍㄨㄛˊ)家(ㄐㄧㄚ)就(ㄐㄧㄡˋ)業")
    # zhuyin cited in the text, and a reading of another character, stay
    for kept in ("注音符號(ㄅㄆㄇ)是臺灣的標音系統。", "就(ㄇㄚˇ)業"):
        assert remove_pinyin_annotations(kept) == (kept, 0)


def test_pinyin_in_square_brackets_and_a_mirrors_echoed_marks_go():
    # a dictionary's notation, tone digits in square brackets; a mirror that annotates every
    # character echoes the punctuation it has no reading for
    mirrored = "云[yun2]岭[ling3]县[xian4]“订[ding4]单[dan1]式[shi4]”，[，]本报讯（[（]记者"
    assert remove_pinyin_annotations(mirrored) == ("云岭县“订单式”，本报讯（记者", 8)
    # a character a lossy codec lost keeps its mark and loses its annotation, in a mirror's text
    lossy = "云[yun2]岭[ling3]\ufffd[xian4]“订[ding4]单[dan1]式[shi4]”"
    assert remove_pinyin_annotations(lossy) == ("云岭\ufffd“订单式”", 6)
    assert remove_pinyin_annotations("见表\ufffd[a4]。") == ("见表\ufffd[a4]。", 0)  # no mirror at work
    # brackets that hold no reading stay: a note's number, a letter, a mark without a mirror
    for text in ("见图[1]和文献［2］。", "方案[A]与方案[B]", "他说：“好[好]”"):
        assert remove_pinyin_annotations(text) == (text, 0)


def test_a_body_printed_twice_is_read_once_and_a_line_said_again_stays():
    body = ["2月19日上午，泾源县2024年首批赴闽务工“点对点”专列从固原站缓缓驶出，1200余名务工群众踏上旅程。",
            "图为务工群众在固原站有序进站乘车。",
            "为切实做好春节后务工人员返岗服务工作，县人社局提前谋划，主动对接福建用工企业。",
            "发车当天，县人社局工作人员早早来到站台，为务工群众发放“务工服务包”和政策明白卡。",
            "近年来，泾源县深化闽宁劳务协作，每年组织向福建输出劳动力1万余人次，带动群众增收。"]
    text = "\n".join(body)
    assert remove_repeated_body(f"{text}\n{text}") == (text, len(body))
    # a paragraph said again (a box that quotes it), two models' specifications: the page's own
    quoted = f"{text}\n{body[2]}\n{body[0]}"
    assert remove_repeated_body(quoted) == (quoted, 0)
    # a brief's one paragraph said again right after itself (a template's summary box over it),
    # or its opening cut short at the box's length right before it; a short heading whose words
    # open the paragraph after it stays
    assert remove_repeated_body(f"{body[0]}\n{body[0]}\n{body[1]}") == (f"{body[0]}\n{body[1]}", 1)
    assert remove_repeated_body(f"{body[0][:30]}\n{body[0]}\n{body[1]}") == (f"{body[0]}\n{body[1]}", 1)
    assert remove_repeated_body(f"{body[0][:8]}\n{body[0]}") == (f"{body[0][:8]}\n{body[0]}", 0)
    spec = "发动机总排量：1171ml\n最大功率：51Kw\n驱动型式：前置前驱"
    specs = f"A型\n{spec}\nB型\n{spec}"
    assert remove_repeated_body(specs) == (specs, 0)


def test_a_contents_list_of_the_texts_own_headings_goes_and_a_list_under_a_contents_word_stays():
    lines = ["目录", "一、培训对象", "二、补贴标准", "由 王敏 创建",
             "为提升劳动者就业技能，现就开展春季培训有关事项通知如下。", "一、培训对象",
             "全县有培训意愿的城乡劳动者。", "二、补贴标准", "按工种等级给予每人600元至2000元补贴。"]
    cleaned = clean_text("\n".join(lines)).text.split("\n")
    assert cleaned == lines[4:]
    # a 目录 line over lines the text does not say again (a catalogue's entries) is no contents
    kept = ["县图书馆新到图书目录", "目录", "乡村振兴读本", "农村电商实务", "培训教材已发放到各乡镇。"]
    assert remove_contents_list("\n".join(kept)) == ("\n".join(kept), 0)


def test_pinyin_removal_counts_each_annotation():
    assert remove_pinyin_annotations("市(shi)(shi)(shi)國(guó)")[1] == 4


SPAM = ("乌鲁木齐市| 阿拉善右旗| 平顺县| 阿图什市| 莲花县| 长丰县| 客服| 香港| 女性| 县级市| "
        "巴里坤哈萨克自治县|")


def test_place_spam_line_removed():
    text, removed = remove_place_spam(f"第一段正文。\n{SPAM}\n第二段正文。")
    assert text == "第一段正文。\n第二段正文。" and removed == 11


def test_place_spam_glued_to_a_paragraph_removed():
    text, _ = remove_place_spam(f"这是正文的最后一句话。{SPAM}")
    assert text == "这是正文的最后一句话。"


def test_place_spam_of_short_names_without_their_suffixes_removed():
    # 浏阳 for 浏阳市, 醴陵 for 醴陵市: names the gazetteer knows, joined by full-width bars
    run = "浏阳｜宁乡｜长沙县｜望城｜醴陵｜攸县｜茶陵｜炎陵｜湘潭县｜湘乡｜韶山｜平江｜汨罗｜湘阴"
    text, removed = remove_place_spam(f"这是正文的最后一句话。　{run}")
    assert text == "这是正文的最后一句话。" and removed == 14
    # a bar-joined row of words that are no places stays for the other steps to judge
    menu = "就业｜社保｜人才｜劳动关系｜技能培训"
    assert remove_place_spam(menu) == (menu, 0)


def test_place_spam_set_apart_by_spaces_after_the_last_sentence_removed():
    line = "推动培训与就业无缝衔接。额济纳旗 神池县 岷县 砀山县 化隆回族自治县 佳县 福贡县 泸溪县"
    assert remove_place_spam(line) == ("推动培训与就业无缝衔接。", 8)
    # words after a sentence, or names inside one, stay
    for kept in ("会议要求做好以下工作。一是 二是 三是 四是 五是",
                 "参会的有四个县。平江县 浏阳市 醴陵市 宁乡市代表分别发言"):
        assert remove_place_spam(kept) == (kept, 0)


def test_place_spam_after_each_sentence_and_with_filler_is_removed():
    clean = ("3月18日，记者走进定远镇一家帮扶车间，50多名工人正在忙着裁剪、缝纫。一批工装订单正在加紧赶制。"
             "她原本在家务农，去年车间开工后就上岗了。")
    spoiled = ("3月18日，记者走进定远镇一家帮扶车间，50多名工人正在忙着裁剪、缝纫。会宁县|渭源县|永靖县|礼县|"
               "一批工装订单正在加紧赶制。永昌县、华池县、甘谷县、临泽县、庄浪县、她原本在家务农，去年车间开工后就上岗了。")
    assert remove_place_spam(spoiled)[0] == clean
    # the run's last name glued to the next sentence, and a block of names with filler
    glued = clean.replace("一批工装", "会宁县|渭源县|永靖县|礼县|泾川县一批工装")
    assert remove_place_spam(glued)[0] == clean
    block = "|".join(f"{name}最新招工" for name in ("张家川县", "城关区", "敦煌市", "安宁区", "玉门市"))
    assert remove_place_spam(f"{clean}\n{block}")[0] == clean
    # a sentence that lists places and goes on after the last stays; so does a menu of topics
    for kept in ("全市已有4个区启动试点。城关区、七里河区、西固区、安宁区、榆中县、皋兰县等7个县区同步推进。",
                 "就业｜社保｜人才｜劳动关系｜技能培训"):
        assert remove_place_spam(kept)[0] == kept


def test_a_line_only_listing_place_names_with_commas_is_spam():
    listed = "秦州区、麦积区、清水县、秦安县、甘谷县、武山县、张家川县"
    assert remove_place_spam(f"第一段正文。\n{listed}\n第二段正文。") == ("第一段正文。\n第二段正文。", 7)
    for kept in (
        # a sentence listing them: its stop, and words around the names
        "项目覆盖秦州区、麦积区、清水县、秦安县、甘谷县、武山县。",
        # no stop, but its first item is no name the gazetteer knows (a suffix alone is not enough)
        "项目覆盖秦州区、麦积区、清水县、秦安县、甘谷县、武山县",
        # a short list of names is a caption's or a table cell's, not a run
        "秦州区、麦积区、清水县、秦安县、甘谷县",
        # a list of other things
        "电子装配、汽车维修、家政服务、中式烹调、电工焊工、物流配送",
    ):
        assert remove_place_spam(kept) == (kept, 0), kept


def test_a_papers_byline_over_the_text_goes_with_its_ornament_and_each_role_of_the_paper():
    byline = "□ 本报记者 杜辉升 本报通讯员 王珺 李喆"
    assert clean_text(f"{byline}\n{OPENING_POST}").text == OPENING_POST


def test_a_notices_signature_stays_when_the_headline_follows_it():
    # the extractor read the headline again after the signature (a link to the page itself)
    notice = ["因供水主管道改造施工需要，定于5月22日对解放北路沿线区域暂停供水，请广大用户提前做好储水准备。",
              "服务热线：0000-6122345", "桐溪县自来水有限公司", "2024年5月20日"]
    title = "关于城区部分区域临时停水的通知"
    assert clean_text("\n".join([*notice, title]), title).text == "\n".join(notice)


def test_a_table_of_two_columns_a_name_and_its_figure_is_no_menu():
    announced = "根据务工地点的不同，按以下标准给予一次性交通补助："
    rows = ["务工地点  补助标准（元/人）", "县外省内  300", "省外东部地区  800", "省外其他地区  500",
            "境外  1000"]
    text = "\n".join([announced, *rows, "申请人需提供身份证复印件、劳动合同等材料。"])
    assert clean_text(text).text == text
    assert is_data_row("县外省内  300") and not is_data_row("2024  300") and not is_data_row("首页  新闻")


def test_a_postings_contact_lines_stay_and_the_sites_footer_after_them_goes():
    # a job posting ends in its contacts (电子邮箱：, 工作地址：), then the site's scan prompt and
    # its publisher's row: the contacts are no list of other articles
    posting = ["岗位职责：负责公司农产品网店的日常运营，策划店铺活动，提升店铺销量。",
               "联系方式：", "联系人：刘女士", "联系电话：0856-6231875", "电子邮箱：hr@szynongye.test",
               "工作地址：宁川县经济开发区园区大道18号"]
    footer = ["微信扫一扫，随时查看职位",
              "主办：宁川县人力资源和社会保障局 运营：宁川县公共就业和人才服务中心"]
    assert clean_text("\n".join(posting + footer)).text == "\n".join(posting)
    # a scan prompt's look-alike in a sentence stays
    said = posting[0] + "\n求职者用微信扫一扫，随时查看职位的做法很受欢迎。"
    assert clean_text(said).text == said


def test_a_summary_the_text_says_again_goes_and_one_of_its_own_stays():
    lead = ("春日的澧川大地，处处涌动着创业热潮。近年来，澧川县坚持把返乡入乡创业作为促进就业的重要抓手，"
            "出台扶持政策、搭建创业平台。")
    body = f"{lead}\n截至目前，全县累计扶持返乡创业人员4700余人。"
    summary = ("导读：春日的澧川大地，处处涌动着创业热潮。"
               "近年来，澧川县坚持把返乡入乡创业作为促进就业的重要抓手。")
    assert remove_repeated_summary(f"{summary}\n{body}") == (body, 1)
    # an abstract of its own (what the report found, said nowhere else), and a label in the text
    own = "内容摘要：调研发现，全县返乡创业主体七成集中在农产品加工和电商领域，融资难仍是首要制约。"
    assert remove_repeated_summary(f"{own}\n{body}") == (f"{own}\n{body}", 0)
    # a description box without a label: the text's opening cut short where the box ends
    assert remove_repeated_summary(f"{lead[:30]}...\n{body}") == (body, 1)
    assert remove_repeated_summary(f"全县上下齐心协力，共同推进这项工作……\n{body}")[1] == 0   # its own words
    late = f"{body}\n一\n二\n{summary}"
    assert remove_repeated_summary(late) == (late, 0)


def test_boilerplate_lines_and_tail_removed():
    body = "\n".join(["正文第一段，" * 20, "正文第二段。" * 20])
    text = "\n".join([
        "2020-05-07  来源：映象网", body, "?",
        "(映象网汝州新闻热线：173 3753 0036，投稿邮箱：a@b.cn)", "分享到：微信 微博", "责编：赵惠",
        "相关阅读 换一换", "另一篇文章的标题", "CopyRight ?2016 某网 版权所有",
    ])
    cleaned = clean_text(text)
    assert cleaned.text == body
    assert cleaned.repairs["boilerplate_lines"] == 8


OPENING_POST = "\n".join(["本帖介绍县里今年的就业扶贫工作，共有三项举措。" * 3,
                          "第二段：劳务协作带动两千人就业。" * 3])


def test_a_forum_thread_keeps_its_opening_post():
    thread = "\n".join(["楼层： 第 1 楼 时间：2020-08-28 20:56", OPENING_POST,
                        "楼层： 第 2 楼 时间：2020-08-28 23:38", "谢谢分享！",
                        "3#", "支持一下", "即时新闻", "当前最热帖Top10"])
    text, removed = remove_forum_replies(thread)
    assert text == OPENING_POST and removed == 7


def test_comments_after_an_article_go():
    article = "\n".join([OPENING_POST, OPENING_POST, "沙发", "写得好", "板凳", "同意楼上"])
    text, removed = remove_forum_replies(article)
    assert text == "\n".join([OPENING_POST, OPENING_POST]) and removed == 4


def test_one_floor_marker_is_not_a_thread():
    text = "\n".join([OPENING_POST, "2楼", OPENING_POST])
    assert remove_forum_replies(text) == (text, 0)


@pytest.mark.parametrize("pattern,needed", [
    (r"(转载|轉載).{0,12}(请注明|請注明)", {"请注明", "請注明"}),  # the longer strings filter better
    (r"^(编辑|編輯)$", {"编辑", "編輯"}),
    (r"[Tt]rack[Bb]ack", {"rack"}),
    (r"(?:扫码)?关注\s*公众号", {"公众号"}),  # an optional group is no requirement
    (r"x{0,3}下载", {"下载"}),
    (r"(?i)^powered by\b", {" "}),  # under (?i) a letter may match its other case
    (r"(?i:APP)下载", {"下载"}),
    (r"^\W+$", set()),
    (r"^(网站首页|[Xx×])$", set()),  # one alternative needs no string
])
def test_required_strings_of_a_line_rule(pattern, needed):
    assert required_strings(re.compile(pattern)) == needed


@pytest.mark.parametrize("pattern,line,matched", [
    (r"^(责任编辑|責任編輯)[:：]", "责任编辑\ufffd王芳", True),              # the colon lost
    (r"^(本帖最后由)\s*\S.{0,30}(于)\s*\d", "\ufffd帖最后由 老杨 \ufffd 2024", True),  # 2 of 6 lost
    (r"^(报|送|发)[:：]", "\ufffd：县里今年新建了三个扶贫车间", False),       # the label lost whole
    (r"^(责任编辑)[:：]", "\ufffd\ufffd编辑\ufffd王芳", False),              # more lost than left
    (r"(ICP)(备)\d{5,}", "陕ICP\ufffd05006789", False),                 # its one Han character lost
    (r"^[>＞»]\s*\S{1,12}$", "\ufffd  点：南开大学", False),                # a separator is no word
])
def test_a_rule_matches_a_line_that_lost_characters_where_most_of_its_own_are_left(pattern, line, matched):
    assert bool(_mostly_kept(lossy_pattern(re.compile(pattern)), line)) is matched


def test_a_lossy_rule_is_asked_only_of_lines_with_lost_characters():
    rules = load_rules().boilerplate
    assert rules.search("责任编辑\ufffd王芳") and not rules.search("责任编辑 王芳 主要负责，")


def _lines_rules_meet() -> list[str]:
    """Every line of the team's pages, furniture and text alike, and of their gold texts."""
    lines = []
    for page in sorted(PAGES.glob("*.html")):
        pieces = lxml.html.document_fromstring(page.read_bytes()).itertext()  # each element's own text
        lines += [line for piece in pieces for line in piece.split("\n")]
        lines += page.with_suffix(".txt").read_text("utf-8").split("\n")
    return [line.strip() for line in lines if line.strip()]


@pytest.mark.parametrize("section", ["boilerplate", "end_markers", "header", "header_anywhere",
                                     "floor_markers"])
def test_prefiltered_line_rules_answer_as_each_rule_tried_would(section):
    patterns = getattr(load_rules(), section)
    lines = _lines_rules_meet()
    matched = 0
    for line in lines:
        found = [pattern for pattern in patterns if pattern.search(line)]
        assert patterns.search(line) == bool(found), line
        for pattern in found:  # a match always holds a string its prefilter looks for
            needed = required_strings(pattern)
            assert not needed or any(string in line for string in needed), (pattern.pattern, line)
        matched += bool(found)
    assert matched >= 3  # the pages' furniture is met, not only lines no rule matches


def test_a_forums_raw_markup_codes_go_and_what_they_hold_stays():
    post = ("现场一共来了八十多家企业。\n[img]./mon_202402/26/a1b2.jpg[/img]\n"
            "[collapse=现场拍的岗位表]\n[img]./mon_202402/26/c3d4.jpg[/img][/collapse]\n"
            "[quote][b]Reply[/b] 楼主说得对[/quote] 我也去了。")
    text, removed = remove_markup_codes(post)
    assert text == "现场一共来了八十多家企业。\nReply 楼主说得对 我也去了。"
    assert removed == 8


@pytest.mark.parametrize("text", [
    "根据《就业促进法》第[2]条和[b]类岗位的规定，补贴标准另行公布。",   # one bracket word: no markup
    "参考文献：[1] 张三. 劳务协作研究[J]. 2020.",
])
def test_brackets_that_are_not_markup_stay(text):
    assert remove_markup_codes(text) == (text, 0)


def test_a_pull_quote_that_repeats_its_paragraph_goes_and_a_heading_or_a_far_echo_stays():
    said = "“一家有一个人在外面稳定上班，基本就不会返贫。”"
    paragraph = f"村支书算了一笔账，他说：{said}如今全村外出务工的有312人。"
    text = "\n".join(["去年，全县有组织输出劳动力2.1万人。", paragraph, said, "今年的目标是再增加一成。"])
    assert remove_pull_quotes(text) == (text.replace(f"\n{said}", ""), 1)
    # a heading names words of the paragraph under it; the same sentence far away is the text's
    heading = "稳定上班就不会返贫"
    assert remove_pull_quotes(f"{heading}\n{paragraph}") == (f"{heading}\n{paragraph}", 0)
    far = "\n".join([paragraph, "第二段。", "第三段。", "第四段。", said])
    assert remove_pull_quotes(far) == (far, 0)
    # a short one (以前是往外带，现在也往回带。), and one its paragraph follows with a few words only
    short = "以前是往外带，现在也往回带。"
    text = f"{paragraph}\n马国栋说，{short}如今县城的车间也要人。\n{short}\n今年的目标是再增加一成。"
    assert remove_pull_quotes(text) == (text.replace(f"\n{short}\n", "\n"), 1)
    text = "\n".join([f"{said}马国栋这样概括自己的工作。", "第二段。", said])
    assert remove_pull_quotes(text) == (text.replace(f"\n{said}", ""), 1)


@pytest.mark.parametrize("line, row", [
    ("制造业 893 44.3", True),  # a number after the first cell
    ("1 杨建国电工技能大师工作室 杨建国 云岭电力维修有限公司", True),  # four cells: a list of names
    ("1 县人社局举办专场招聘会", False),  # a ranking's headline
    ("发文机关： 云岭市人力资源和社会保障局 成文日期： 2024-08-16", False),  # a record's fields
    ("我们 今天 去了 招聘会。", False),
])
def test_a_data_tables_row(line, row):
    assert is_data_row(line) == row


def test_a_paragraph_repeated_in_the_next_with_a_line_more_is_no_pull_quote():
    paragraph = "3月14日，全市春季大型招聘会在市人力资源市场举行，两百余家企业提供岗位一万两千余个。"
    text = f"{paragraph}\n第二场招聘会的消息。{paragraph}"
    assert remove_pull_quotes(text) == (text, 0)


def test_an_end_mark_after_the_last_sentence_goes_and_one_inside_the_text_stays():
    body = ["定西市人社局负责人表示，下一步将继续深化东西部劳务协作。",
            "他说：“这项工作还没有完（完）成。”全县将继续推进。"]
    assert clean_text("\n".join([body[0], body[1] + "(完)"])).text == "\n".join(body)
    assert clean_text("\n".join([*body, "--- 完 ---"])).text == "\n".join(body)
    assert clean_text("\n".join(body)).text == "\n".join(body)


def test_a_linked_headline_under_its_label_in_the_texts_second_half_goes_alone():
    # 相关阅读：<one headline> among the paragraphs: the line goes, the paragraphs after it stay;
    # the label alone over a list still ends the text
    first, second, third = OPENING_POST, OPENING_POST.replace("。", "！", 1), "县里还将举办第二场招聘会。"
    text = "\n".join([first, second, "相关阅读：青溪县：春茶开采 茶农抢抓农时采摘忙", third])
    assert clean_text(text).text == "\n".join([first, second, third])
    # a related article given whole under its label in brackets ends the text
    whole = "\n".join([first, second, "【延伸阅读】", "我市首家“零工驿站”投入运营",
                       "近日，位于城北社区的我市首家“零工驿站”正式投入运营，驿站设有信息发布区。"])
    assert clean_text(whole).text == "\n".join([first, second])
    listed = "\n".join([first, second, "相关阅读", "青溪县：春茶开采 茶农抢抓农时采摘忙",
                        "石门镇举办茶艺培训班"])
    assert clean_text(listed).text == "\n".join([first, second])


def test_a_reports_notes_and_the_links_to_the_previous_article_end_the_text():
    for end in (["注释：", "1.文中数据来源于县人社局农村劳动力实名制管理系统。"],
                ["上一篇文章： 盘塘镇开展秋冬季森林防火宣传活动 下一篇文章： 县人社局开展送岗位活动"]):
        assert clean_text("\n".join([OPENING_POST, *end])).text == OPENING_POST
    # a bulletin's 附注 says how its own figures were counted: the bulletin's text
    notes = ["附注", "1.本公报中数据均为初步统计数，部分数据因四舍五入的原因，存在总计与分项合计不等的情况。"]
    assert clean_text("\n".join([OPENING_POST, *notes])).text == "\n".join([OPENING_POST, *notes])


# Furniture set among the paragraphs (an ad under its label, a call to follow, a site's contact
# row, a lone counter, an essay's keywords, a unit's bare credit, an app's scan prompt), beside
# sentences that speak of the same things and stay
@pytest.mark.parametrize("line, goes", [
    ("广告 临江万达广场春季焕新季 全场家电以旧换新最高补贴2000元", True),
    ("点击关注公众号", True),
    ("广告公司的招聘摊位前也排起了长队。", False),
    ("关注就业公众号的群众越来越多，大家都说信息很及时。", False),
    ("电话：0319-7212035 传真：0319-7212036 E-mail：myldbz@163.com", True),
    ("联系人：张昇 电话：0319-7285516", False),  # a notice's contact line
    ("阅读(286)┊", True),
    ("【关键词】高质量充分就业；乡村振兴；劳务协作", True),
    ("阅读量达到286万次，说明这篇报道引起了广泛关注。", False),
    ("关键词是“稳”，这是今年全县就业工作的主基调。", False),
    ("县就业服务中心 供稿", True),
    ("网易新闻客户端 · 扫码打开看更多", True),
    ("中新网客户端 扫一扫下载，随时随地掌握权威资讯 立即下载", True),
    ("返回 ｜ 今日新聞公報", True),
    ("撰文：梁詠詩｜編輯：陳俊傑", True),
    ("撰文工作由县委宣传部牵头，编辑部负责审核把关。", False),
    ("返回家乡后，他在村里办起了合作社。", False),
    ("县融媒体中心客户端扫一扫下载后，群众可在线报名参加招聘会。", False),
    ("县就业服务中心供稿的材料显示，全县新增就业1200人。", False),
    ("不少村民用客户端扫码报名，十分方便。", False),
])
def test_a_line_of_furniture_goes_and_a_sentence_about_the_same_stays(line, goes):
    text = f"{OPENING_POST}\n{line}\n{OPENING_POST}"
    assert (line not in clean_text(text).text.split("\n")) == goes


def test_a_finance_sites_live_quotes_and_risk_warning_go_and_the_companies_stay():
    text = ("证券时报e公司讯，3月11日，位于天门市的鄂中股份（002931）12.34 +2.15%生产基地内，"
            "二十多条生产线正满负荷运转，公司计划新增用工约2000人。\n"
            "同在湖北布局产能的锦泰家纺（603389）8.67 -0.46%去年在孝感新建的基地已于近期投产，"
            "预计可带动就业1200人。\n"
            "风险提示：本文所涉及的个股仅为新闻报道，不构成任何投资建议。股市有风险，投资需谨慎。")
    assert clean_text(text).text.split("\n") == [
        "证券时报e公司讯，3月11日，位于天门市的鄂中股份（002931）生产基地内，"
        "二十多条生产线正满负荷运转，公司计划新增用工约2000人。",
        "同在湖北布局产能的锦泰家纺（603389）去年在孝感新建的基地已于近期投产，预计可带动就业1200人。"]
    # a figure after a code that is no quote (its share of the market), and a year, stay
    kept = "鄂中股份（002931）2023年营收增长12%，占全县工业产值的三成。"
    assert clean_text(kept).text == kept


def test_a_short_line_whose_verb_announces_a_list_keeps_its_items_and_a_label_does_not():
    items = ["账号定位与人设打造", "手机拍摄与构图技巧", "剪辑软件实操", "文案与标题写作", "数据分析与复盘"]
    opening = "训练营采取线上课程和线下工作坊相结合的形式，为期一个月，学员每周完成两条作品。"
    closing = "训练营结束后将评选最佳作品，优秀作品将在视频号展播。"
    text = "\n".join([opening, "课程模块包括：", *items, closing])
    assert clean_text(text).text == text
    # a label over short lines is a list of links: 相关阅读：
    menu = "\n".join([opening, "相关阅读：", *items])
    assert clean_text(menu).text == opening


def test_an_english_summary_under_the_chinese_text_goes_and_english_words_in_it_stay():
    text = ("据悉，“Job Fair 2024”招聘月将持续至4月19日，平台开通了“Q&A”智能客服（www.example-jobs.test）。\n"
            "Summary: Linlan launched its online spring recruitment month \"Job Fair 2024\" on March 19, "
            "with some 12,000 vacancies posted by 312 employers.")
    assert clean_text(text).text == text.split("\n")[0]
    # a line of English that is no summary's label, a quotation in the text, stays
    quote = "He said: \"Summary judgement is not the point here, the workers' wages are.\""
    assert clean_text(f"{text.split(chr(10))[0]}\n{quote}").text.endswith(quote)


def test_a_bilingual_pages_glossary_under_the_story_goes_with_its_label():
    story = [OPENING_POST, "村民们在帮扶车间里制作手工艺品，每月增收两千多元。"]
    glossary = ["【词汇】", "employment assistance workshop", "就业帮扶车间",
                "rural revitalization", "乡村振兴"]
    assert clean_text("\n".join(story + glossary)).text == "\n".join(story)
