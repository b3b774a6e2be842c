"""Kinds of page that defeated extraction on pages nobody here had seen (issue 15): pages the
team wrote, gold first (tests/pages), each held to its gold; and each cleaning rule for a kind
held to its precision: text that looks like the kind and is not stays."""

from __future__ import annotations

import json
import random
import re
from html import escape as html_escape
from pathlib import Path

import lxml.html
import pytest

from bench.damage import mirrored
from bench.extract import char_prf
from crawler.page import Page, PageRejected, process_page
from crawler.text.blocks import drop_quoted_posts, main_block
from crawler.text.clean import clean_text
from crawler.text.decode import decode_html
from crawler.text.extract import (
    drop_spam_paragraphs,
    extract_article,
    lines_above_headline,
    summary_before_text,
)
from crawler.text.metadata import form_title, headline_companions
from crawler.text.parse import parse_html
from crawler.text.prepare import (
    captions_from_figures,
    headings_from_numbered_divs,
    headings_from_wrappers,
    lines_from_flex_rows,
    paragraphs_from_breaks,
    paragraphs_from_cell_tables,
    paragraphs_from_column_tables,
    paragraphs_from_preformatted,
    paragraphs_from_printed_lines,
    paragraphs_from_prose_headings,
    paragraphs_from_questions,
    paragraphs_from_sections,
    paragraphs_from_span_divs,
    paragraphs_from_speaker_tables,
    reveal_folded_text,
    unwrap_linked_words,
    wrap_bare_text,
)
from crawler.text.rules import load_rules

PAGES = Path(__file__).parent / "pages"
BODY = ("5月16日上午，2023年济南—湘西劳务协作专场招聘会在花垣县人力资源市场举行，"
        "来自济南的48家企业带来2100余个岗位。\n"
        "招聘会现场，电子装配、汽车维修、家政服务等岗位最受欢迎，部分企业还开出了包吃包住的条件。\n"
        "此次招聘会共达成初步就业意向680人，县人社局将持续跟踪服务已签约人员，确保外出务工人员稳得住。")


@pytest.mark.parametrize("html", sorted(PAGES.glob("*.html")), ids=lambda path: path.stem)
def test_each_written_page_comes_out_as_its_gold(html):
    gold = html.with_suffix(".txt").read_text("utf-8")
    meta = json.loads(html.with_suffix(".json").read_text("utf-8"))
    page = process_page(Page(url=f"http://team.test/{html.name}", site="team", body=html.read_bytes()))
    assert char_prf(page.text, gold).f1 >= 0.97  # bench/extract.py's score
    assert page.title == meta["title"]
    if meta["date"]:
        assert page.published == meta["date"]


@pytest.mark.parametrize("html", sorted(PAGES.glob("*.html")), ids=lambda path: path.stem)
def test_a_mirrors_annotations_do_not_change_what_is_read(html):
    # a heading that names a block (相(xiāng)关(guān)新(xīn)闻(wén)) is found under its annotations
    served = re.sub(r"charset=[\w-]+", "charset=utf-8", decode_html(html.read_bytes()).text)  # as UTF-8
    page = process_page(Page(url=f"http://team.test/{html.name}", site="team", body=served.encode()))
    mirrored_page = mirrored(served, random.Random(html.name), body_only=False)  # its headline too
    assert mirrored_page.count("(") > served.count("(") + 50
    got = process_page(Page(url=f"http://team.test/{html.name}", site="team", body=mirrored_page.encode()))
    assert (got.text, got.title, got.published) == (page.text, page.title, page.published)
    assert got.repairs["pinyin_annotations"] > 50


def _cleaned(text: str) -> str:
    return clean_text(text).text


def test_a_list_of_other_articles_after_a_notices_signature_goes_and_the_signature_stays():
    signed = BODY + "\n川南市人力资源和社会保障局\n2024年1月19日"
    others = ("建阳区举办2023年春季网络招聘会\n邵武市农村劳动力转移就业培训班开班\n"
              "顺昌县推进乡村工匠培育工程\n光泽县组织脱贫劳动力赴福州务工")
    assert _cleaned(signed + "\n" + others) == signed


@pytest.mark.parametrize("tail", [
    "其他报道\n吉首市开展“311”就业服务专项行动2023-05-15\n泸溪县组织脱贫劳动力赴广东务工2023-05-15\n"
    "凤凰县举办乡村振兴技能大赛 2023-05-14",
    "今日推荐\n建阳区举办2023年春季网络招聘会\n邵武市农村劳动力转移就业培训班开班\n顺昌县推进乡村工匠培育工程",
    "热门主题\n小车间撬动大就业\n柳林乡的冬天",  # a forum's list under the post
    "· 一季度全市规上工业增加值增长百分之六点二\n· 南平出台稳就业二十条措施 真金白银惠企利民\n"
    "· 五一假期全市接待游客一百二十万人次",
    "发表评论 已有0人参与",
    "发表评论\n暂无网友评论，快来抢沙发吧！",
    "© 本文版权归作者 清河渡 所有，任何形式转载请联系作者。",
    "记者：何林 蒲晓燕 编辑：杨洋 审核：陈刚",
    "记者：杨丽芬 潘宏\n二审：韦林江\n三审：王德勇",   # a county media centre's review chain
    "词条统计\n浏览次数：12806次编辑次数：9次最近更新：2024-03-08创建者：陇上行者\n关于快懂百科\n"
    "快懂百科是一部内容开放、自由的网络百科全书。",
    "人 民 网 股 份 有 限 公 司 版 权 所 有 ，未 经 书 面 授 权 禁 止 使 用",   # set letter-spaced
    # a Discuz post's picture box, its lines apart
    "2024-4-16 21:38 上传\n点击文件名下载附件\n28 KB, 下载次数: 163\n下载积分: 金钱 -1\n售价: 0 金钱 [记录]",
    "网友评论(3)",
    "反侵权公告\n一、任何单位或个人未经本网书面授权，不得以任何方式转载、摘编本网刊发的原创作品。\n"
    "二、已经本网授权使用作品的，应在授权范围内使用。违反上述声明者，本网将依法追究其法律责任。",
    "本网常年法律顾问：湖南武陵律师事务所 彭志远律师 联系电话：0743-8526666",
    "主办单位：川南市人力资源和社会保障局 地址：川南市人民路88号 电话：0830-1234567",
    "【\n】【\n】",
    "声明：本报力求信息真实、准确，文章提及内容仅供参考，不构成实质性投资建议，据此操作风险自担。",
    "【免责声明】本文仅代表作者本人观点，与本网无关。",
    "未经大河网书面特别授权，请勿转载或建立镜像\n违者依法追究相关法律责任",
    # a forum's footer and a member's rank
    "高级会员\n联系我们|手机版|川南论坛\nPowered by Discuz! X3.4\n© 2001-2023 Comsenz Inc.",
    "积分 902\n帖子：143\n能力值:545803\n在线时间 429 小时",
    # a portal's footer: its standing links, licence numbers, its own contact lines
    "新浪简介 | About Sina | 广告服务 | 联系我们 | 招聘信息 | 网站律师 | SINA English | 会员注册",
    "川南网 - 繁体版 - 网站登录 - 设为首页 - 广告服务 - 联系方式 - 保护隐私权 - 公司介绍",
    "*经营许可证编号：湘ICP00000008号\n湘公网安备 43310102000123号",
    "财经频道联系方式：热线电话 (0743)8526666或8526667",
    "川南房产意见反馈留言板 电话：0830-8262888-5482 欢迎批评指正",
    "网站上所有的资料仅作为参考之用，并不是任何投资建议。",
    # a repost's credit, a picture's note
    "转自《团结报》\n[图片说明1：漫画/冷洁]",
    "转自《陇南日报》 记者 马志强 通讯员 杨晓燕", "分类： 工作动态",
    # the previous and next articles, a week's most read
    "【上一篇】\n建阳区举办2023年春季网络招聘会\n【下一篇】\n邵武市农村劳动力转移就业培训班开班",
    "上一条：顺昌县推进乡村工匠培育工程\n本周热门\n南平出台稳就业二十条措施",
    "为您推荐\n建阳区举办2023年春季网络招聘会",
    "人民网\n新华网\n央视网\n中国网\n光明网",                    # partner sites' names: a menu
    # a portal's word on what it reposts, an app's box beside the article
    "新浪声明：新浪网登载此文出于传递更多信息之目的，并不意味着赞同其观点或证实其描述。",
    "凤凰新闻客户端\n扫码下载，看有态度的新闻", "下载川南新闻客户端\nAndroid版 iPhone版 iPad版",
    "扫一扫，手机看新闻\n下载川南日报客户端，看更多深度报道",
    "原创不易，如果觉得这篇文章对你有帮助，欢迎点赞、关注、转发，我们下期再见。",
    "--\n山那边还是山，山那边的人也想去看看海。",  # a BBS post's signature
    # the writers' byline closing the text, its outlet before it (a standalone credit line)
    "大河报·豫视频记者 王一鸣 通讯员 陈静",
    # who the essayist is, in brackets under the essay
    "（作者系江南师范大学公共管理学院教授）", "（作者单位：中共川南市委党校）",
    # an old site's footer: its publisher, then its address and maker on one line
    "主办：中共遂平县委宣传部 遂平县精神文明建设指导委员会办公室\n"
    "地址：遂平县人民路中段县委大院 电话：0396-4922156 技术支持：遂平县网络信息中心",
    "（县妇联　王丽）",  # the writer's credit, a unit and a name
    "TAG标签：志愿服务", "（编辑 宋琳）",
    "推 kevin0710: 推分享，燕巢芭樂真的好吃 36.226.12.8 03/09 21:16",
    "→ cheng1124: 四分地一年九十多萬算很厲害了吧 03/09 21:18",
    "※ 發信站: 批踢踢實業坊(ptt.cc), 來自: 114.36.21.170 (臺灣)",
    "※ 編輯: guavafarm5 (114.36.21.170 臺灣), 03/09/2024 21:31:52",
    # the site's maker over its address and telephone, lines of fields
    "主办：中共石楼县委宣传部 承办：石楼县融媒体中心\n"
    "地址：山西省吕梁市石楼县灵泉镇府前街 电话：0358-5221234",
    # attached files named in brackets, a script's download count after them
    "附件【2024年春风行动岗位表.xlsx】已下载次\n附件【报名登记表.doc】已下载次",
    # two lists closing the page, a ranking over recommendations, after a share bar's copy of a link
    "复制链接\n热门\n1 丽水全力打造“山海协作”升级版\n2 龙泉青瓷产业工人技能大赛开赛\n"
    "3 云和梯田开耕节吸引八方游客\n"
    "相关推荐\n庆元：菇农变“菇商” 直播间里卖香菇\n我市食用菌产业数字化改造提速\n山区县产业振兴的“庆元样本”",
    # other articles dated by the day, or whose headlines open with their year
    "相关阅读\n2024-04-23 岳池：劳务品牌“岳池电工”叫响珠三角\n2024-04-09 全市新增劳务经纪人127名\n"
    "2024-03-22 返乡创业带头人胡小兵：小竹编编出大产业",
    "推荐阅读\n2024年春风行动专场招聘会在岳池举行\n2023年全市新增劳务经纪人127名\n"
    "2024年4月9日 全市劳务品牌推介会召开",
    # a table layout's side column, its list of notices, between the article and the footer
    "·关于开展2023年度农村劳动力技能培训的通知\n·岚皋县2023年公益性岗位招聘公告\n"
    "·关于做好高校毕业生就业服务工作的通知\n主办：岚皋县人民政府办公室 承办：岚皋县信息中心\n"
    "地址：岚皋县城关镇滨江路 邮编：725400 联系电话：0915-2522008",
])
def test_what_follows_an_article_and_is_not_it_goes(tail):
    assert _cleaned(BODY + "\n" + tail) == BODY


@pytest.mark.parametrize("line", [
    "上一页 1 2 3 下一页", "【字号 大 中 小】", "字号: [大] [中] [小] [打印]",
    "信息来源：龙山县人社局", "微信扫一扫", "点击“阅读原文”查看更多岗位信息", "首页", "图集", "微信", "X",
    "【我要纠错】 责任编辑：王五", "点击查看大图",
    "您的浏览器不支持视频播放", "微信扫一扫，分享到朋友圈", "登录 | 注册", "举报", "点赞 12",
    "阅读次数：1234", "发表回复", "本文来源：团结报",
    "（图片来源：花垣县人社局）", "图/pixabay", "摄影/张艳",
    "http://down.cn.test/bbs/upload/2005/08_28/1125233906416.torrent",
    "加载更多", "查看更多>>", "展开全文", "分享让更多人看到", "[1] [2] [3] [4] [5]", "新闻评论", "最新评论",
    "更多猛料！欢迎扫描左方二维码关注川南新闻官方微信（cnxw）", "扫描下载APP", "- THE END -", "已收藏!",
    "您可通过本站首页顶部“我的收藏”，查看所有收藏过的文章。", "知道了", "字号", "特别声明", "相关新闻：",
    "本文为政务机构在川南号上传并发布，仅代表该机构观点，川南新闻仅提供信息发布平台。",
    "网友评论仅供其表达个人看法，并不表明本站立场。", "请支持独立网站，转发请注明本文链接：http://news.test/a/1.html",
    "“2023年度就业人物评选”火热进行中！【点击投票】",
    "技术支持：川南智联软件技术有限公司",
    "关注", "+关注", "举报文章问题", "2023-05-16 11:42:03",
    "Trackback: http://tb.blog.test/TrackBack.aspx?PostId=543698",
    "（原标题：济南湘西劳务协作再结硕果？）", "原标题：花垣县举办专场招聘会",
    "今天是2023年6月28日 星期三 欢迎访问青州新闻网！",
    "新浪扫码", "点亮“在看”，让更多人看到",
    "满意度： 满意", "办理速度：满意", "评价内容：工资已经全部到账了，非常感谢。",
    "本论坛言论纯属发表者个人意见，与城步在线立场无关", "页面执行时间 0.07813 秒, 6 次数据查询",
    "Powered by：Dvbbs Version 7.1.0 Sp1 Copyright ©2003 - 2005 AspSky.Net",
    "[此帖子已被 淮北平原老罗 在 2019/3/14 9:33:15 编辑过]",
    "[本帖已于 2018-5-18 10:02 由 章贡江边的老表 修改]",
    "@ 淮北平原老罗", "（记者 吴晓燕） 黔南融媒的微博视频",
    "关于进一步支持帮扶车间发展的通知网页链接nrra.example.gov.cn",
    "编者按：本文由微信公众号「镜像商业」（ID：jingxiangbiz）授权发布，作者：李想",
    "主办：桐柏县人民政府办公室 承办：桐柏县电子政务办公室 技术支持：南阳市金宇网络科技有限公司",
    "《光明日报》（ 2023年11月07日 07版）",
    "时间：2023-02-28 08:42   来源：青州日报   作者：记者 马骏   评论：0  点击：",
    "昨天", "3小时前", "本文为川南网原创文章，未经允许不得转载，如需转载请联系本网",
    "摄影：张艳", "图片来源于网络，侵删", "信息来源于网络",
    "安装川南新闻客户端，第一时间接收岗位资讯→【下载地址】",
    "〓 川南论坛 就业版 发布时间 2005/05/17 22:11:42 by 花溪老张 〓", "发表于 2023-05-16 09:12",
    "执笔/叨叨姐、胡一刀&李小飞刀", "文/记者 王丽", "图片均来自网络", "（实习生王金茹对此文亦有贡献）",
    "感谢您的反馈，我们将会减少此类文章的推荐",
    "采写：南都见习记者 林子沛", "中国新闻网2024-02-20 09:15:32发布于甘肃",
    "解读机关：江西省人力资源和社会保障厅\n解读人：就业促进和失业保险处 刘建华",
    "(本文来自川南新闻，更多原创资讯请下载“川南新闻”APP)",
    "（原题为《新年伊始，川南劳务协作谈了啥？》）(本文来自川南新闻，更多原创资讯请下载“川南新闻”APP)",
    # a forum's furniture around a post
    "本帖最后由 汉水边的阿梅 于 2024-3-5 10:12 编辑", "金牌会员", "论坛元老", "查看全部评分",
    "本版积分规则 发表回复 回帖后跳转到最后一页",
    "GMT+8, 2024-3-12 21:06 , Processed in 0.071394 second(s), 31 queries , Redis On.",
    "汉水边的阿梅 发表于 2024-3-5 09:38 但是账不能只看工资。在苏州的时候房租一个月八百 ...",
    "31\n880\n1520\n2",  # a profile's posts, threads and points, one a line
    # a media centre's sign-off, an info line with its time glued on, a blog post's stamp and
    # counters, a notice's attached files
    "监制：陈国伟", "初审：王五", "终审：李四", "2023年02月01日16:25 来源：人民网-广西频道",
    "(2023-03-21 19:42:10)", "阅读(328) 评论(3) 收藏(2) 转载(1)",
    "附件：1.2024年“春风行动”暨就业援助月活动安排.docx\n2.2024年“春风行动”暨就业援助月活动统计表.xls",
    # a phpwind post's edit stamp, a post's place stamp, a blogger's note on reposting
    "[ 此帖被桐江小编在2012-05-11 09:48重新编辑 ]", "发布于 2023-08-14 10:22・IP 属地湖南", "IP属地：湖南",
    "（照片都是自己用手機拍的，轉載請先留言告訴我喔）",
    # a Q&A page's labels and buttons
    "5个回答", "最佳答案", "展开全部", "其他回答", "评论", "分享",
    # Dvbbs's edit stamp, a post's attached picture, a prompt to follow an account for a keyword
    "[此贴子已经被作者于2009-2-16 21:47:05编辑过]", "IMG_20230402_153012.jpg (216.3 KB, 下载次数: 5)",
    "想报名下一期夜校？关注“西湾生活网”公众号，后台回复“夜校”获取各社区报名方式。",
    "建议使用IE6.0以上浏览器、1024×768分辨率浏览本站 技术支持：临溪县信息中心",
    # an account's prompt to follow it, a table's maker
    "点击蓝字 关注我们", "点击蓝字", "资料来源：花垣县人社局　制表：记者 王丽",
    "（供稿：县人社局 张明远 审核：刘红英）", "编辑 陈晓 校对 李立军",
    # credits with a bar, an account's ID, a Discuz portal's info line, an unfold button, a
    # reference platform's disclaimer, an old site's furniture
    "记者 | 王晓琳 李东\n来源 | 川南县融媒体中心\n编辑 | 陈思\n审核 | 刘强", "川南县融媒 | 微信号：cnxrm",
    "原创", "本文为我原创", "2019-2-20 10:32| 发布者: 川南小编| 查看: 3862| 评论: 12", "展开阅读全部",
    "经验内容仅供参考，如果您需解决具体问题(尤其法律、医学等领域)，建议您详细咨询相关领域专业人士。",
    "【发表评论】【加入收藏】【告诉好友】【打印此文】【关闭窗口】", "站内搜索", "栏目导航",
    "·政务动态 ·乡镇动态 ·部门信息 ·劳务输出", "通知公告：关于做好2009年春风行动有关工作的通知",
    # the reporters' credit in brackets, a content farm's stamp
    "（川南县融媒体中心 记者 吴文涛 通讯员 潘丽）", "【资讯快报网 www.zxkb8.test 收集整理】",
    # the writers' units and names in brackets, a video's length, a review platform's word, a
    # print edition cited with its page's name and its writers
    "（宣传科 彭思远 体检中心 覃晓丽）", "01:36",
    # a content farm's keyword box, its ads among the paragraphs, its word on what it copies
    "相关搜索：月嫂培训哪里好 日结工资兼职 梅岭县招聘信息 帮扶车间是什么意思",
    "相关搜索：附近招聘会时间表、2021年就业补贴怎么领、日结工资兼职、石砚县招聘信息",
    "热门搜索：安平招聘 | 安平人才网 安平天气 | 衡阳招聘 邵阳人才网｜永州天气预报",
    "【推广】老乡都在用的找工作神器，下载APP即送现金红包", "扫码领红包，每天最高可领888元现金！",
    "本文来源于网络，如有侵权请联系删除", "本点评为用户个人体验，仅供参考；价格以商户公布为准。",
    # a copy's word on the rights and its line on the original, a forum's list heading, a
    # county media centre's byline
    "本網轉載的新聞均註明來源，版權歸原作者所有。如有侵權，請與本網聯繫。",
    "原文发布：2023-12-06 原文来源：渭北县融媒体中心 注音整理：拼音阅读网",
    "沂阳融媒记者 张晓 通讯员 刘峰", "（下转第三版）", "（上接第一版）", "记者：王磊 通讯员：李倩",
    "《清江日报》（2024年05月09日　第02版：要闻）　田晓雨 杨帆",
    # a BBS post's header and trailer, a group post's info line, a wiki's site line and toggle
    "发信人: windrunner (北风), 信区: CivilServant\n发信站: 水木社区 (Sat Jan 20 14:32:17 2018), 站内",
    "※ 来源:·水木社区 http://www.newsmth.test·[FROM: 124.64.18.*]",
    "来自: 山下的柚子 (回老家的第三百天) 2019-11-08 23:41:05",
    "出自 MBA智库百科(https://wiki.mbalib.test/)", "目录 [隐藏]", "© 山茶与远方 | Powered by LOFTER",
    # a blog's licence statement, Discuz's attached picture with its link, credits after an
    # outlet's name, an info line ending in the font tool, the end mark
    "版权声明：本文为博主原创文章，遵循 CC 4.0 BY-SA 版权协议，转载请附上原文出处链接和本声明。",
    "IMG_20231108_181522.jpg (186.42 KB, 下载次数: 12) 下载附件 2023-11-8 20:11 上传",
    "川南新闻记者 | 王晓\n川南新闻编辑 | 刘婷", "2024-04-23 05:30  港聞  字體：小 中 大", "（完）",
    "（資料圖片）", "（示意图）",
    # a sign-off with the outlet's short name, a cover picture's source, a site's notice on the
    # pictures it uses, an app's prompts, a comment box's, a call for tips, a bracketed byline
    # and source
    "每经记者 李可 每经编辑 陈旭", "封面图片来源：摄图网-401883026",
    "特别提醒：如果我们使用了您的图片，请作者与本站联系索取稿酬。如您不希望作品出现在本站，可联系我们要求撤下您的作品。",
    "打开“东方新闻”客户端，看更多上海新闻", "看更多北京新闻，参与互动讨论，扫码即可下载",
    "权威发布 湖北新闻 扫码下载",
    "登录后参与评论，文明上网理性发言。",
    "【如果您有新闻线索，欢迎向我们报料，一经采纳有费用酬谢。报料微信关注：ihxdsb，报料QQ：3386405712】",
    "【文/观察者网 陈思佳】", "【来源：华龙网】",
    # an editor without a colon, an office's credit in brackets, a call for tips, forum
    # furniture (an edit stamp in English, the client a post came from, the login prompt, the
    # forum's word on its posts), an app box's promise, a ranking's heading left alone
    "责任编辑 钱昊平", "（区人力社保局 供稿）",
    "想爆料？请登录《齐鲁晚报》新闻客户端“齐鲁壹点”，全省600多位主流媒体记者在线等你来爆料！ 我要爆料",
    "[ Last edited by jidian_laoliu on 2016-4-21 at 21:15 ]", "（发自凯迪社区Android客户端）",
    "您需要 登录 后才可以回帖 | 注册", "本站所有内容由网友发布，仅代表其个人观点，不代表小木虫立场。",
    "看更多精彩内容", "新浪新闻热榜", "下载 少数派 客户端、关注 少数派小红书，感受精彩数字生活 🍃",
    "文章代表作者个人观点，少数派仅对标题和排版略作修改。", "8 人点赞", "由 王敏 创建",
    "分享到：新浪微博 QQ空间 复制链接",
    "最近修改：2024年3月8日 17:26", "导出为 PDF",
    # a site's footer without 单位, its word on the browser without 本站, a QR box's labels
    "主办：丰源县人民政府办公室 承办：丰源县电子政务中心 地址：丰源县人民路86号 邮编：474350",
    "建议使用1024×768分辨率 IE7.0以上浏览器 技术支持：大汉网络", "关注我们", "新浪河北官方微信",
    # an old forum's furniture: a thread's counters, a member online or not, an attachment's
    # download count, a post's bar of actions, a count of tips
    "查看: 5623 | 回复: 6", "龙溪在线 (当前离线)", "下载次数:12", "回复 引用 报告 TOP",
    "已有 36 人打赏，共 1280 铁血币",
    # a blog's stats widget, a comment label alone, a post's permalink
    "日志数量：61\n评论数量：118\n总访问量：48213", "评论:", "本文链接：https://www.example.cn/post/126.html",
    # a blog platform's signature under the post: where it is, who shares the rights
    "出处：https://www.cnblogs.test/qingshancun/\n本文版权归作者和博客园共有，欢迎转载，但未经作者同意必须保留此段声明。",
    # Discuz's pictures attached several to a line, its bar of post tools
    "2135.jpg (198 KB, 下载次数: 17) 下载附件 2023-11-8 21:35 上传 2136.jpg (201 KB, 下载次数: 9) 下载附件",
    "使用道具 举报", "使用道具举报",
    # a reference page's heading tools and its counters, a WeChat post's call to share, a Q&A
    # page's link to its other answers
    "播报", "编辑 播报", "收藏 76 有用+1 23", "听语音", "语音播报", "广告", "Advertisement",
    "分享、点赞、在看，让更多人看到",
    "查看全部 86 个回答",
    "（更多本地资讯，请关注宁都在线微信公众号：ndzx_net）",
    # a call to follow for more, a call for tips with its fee, a writer's credit after 文｜
    "扫码关注大众网菏泽频道微信公众号，获取更多菏泽本地资讯。",
    "新闻线索报料：请发送至大众网菏泽频道邮箱，一经采用，稿酬从优。",
    "文｜凤凰网 李晓岚",
    # a portal's ad break and its app and LINE prompts, a link into its special coverage, a
    # bilingual page's credits, an agency's photographer on a line of his own
    "請繼續往下閱讀...", "不用抽 不用搶 現在用APP看新聞 保證天天中獎 點我下載APP 按我看活動辦法",
    "一手掌握地方新聞 點我加入自由時報LINE官方帳號\n加入", "海量资讯、精准解读，尽在新浪新闻APP",
    "📢 加入南星网WhatsApp频道，第一时间掌握最新新闻！点击加入", "关注本报Telegram频道：t.me/nanxing",
    "訂閱 udn 會員，獨享深度報導與無廣告閱讀體驗，首月只要1元",
    "本網站之文字、圖片及影音，非經授權，不得轉載、公開播送或公開傳輸及利用。", "流程编辑：郭丽",
    # a header's links and motto, a count its script fills in
    "设为首页", "格桑州融媒体中心主办 · 权威发布", "浏览次数：",
    # a paper's apparatus under its abstract
    "基金资助：国家社会科学基金一般项目“西部地区脱贫人口稳岗就业长效机制研究”（21BJY247）",
    "中图分类号：F323.6",
    "点击进入专题：稳就业 惠民生——2024年“春风行动”", "英文来源：中国日报\n翻译&编辑：丁一",
    "新华社记者 李宁远 摄", "来源/东方网 记者 陈佳怡 摄",
    "本文为安岳就业号作者原创，不代表本平台观点",
    # a news site's contacts for its readers' tips
    "地址：青山县城关镇解放路12号 电话：0855-3221100 投稿邮箱：qsxw@qingshan.example",
    # the byline and the day under the text, a linked headline under its label among the
    # paragraphs, an interview's guest presented in a box
    "文/图 王晓东 2024-05-01 编辑：李婷", "相关阅读：青溪县：春茶开采 茶农抢抓农时采摘忙",
    "嘉宾简介：张立新，男，汉族，1975年6月生，湖南人，中共党员，研究生学历。",
    # a forum's note that the post went to a microblog; a signature under its dashes
    "该贴已经同步到 乡间小路的微博",
    # a portal's app's photographer, its promise with a comma, a video's label with its length,
    # who gave the pictures
    "南方+ 记者 朱洪波 摄", "更多精彩内容，请下载南方+客户端",
    "更多精彩内容，请关注云南网微信公众号（yunnanwang）",
    "视频：墨玉县“京和劳务协作”专场招聘会现场（时长1分32秒）", "本文图片由镇雄县人力资源和社会保障局提供",
    # a brief's distribution under it
    "报：市乡村振兴局，县委、县人大、县政府、县政协主要领导。\n送：县委、县政府分管领导，县委农办。\n"
    "发：各乡镇人民政府，县直有关单位。\n（共印40份）",
    # a list's teaser of another article, cut short before its link to the whole
    "2023-12-14[置顶] 澜州市第二届职业技能大赛闭幕 42名选手获奖 12月13日，澜州市第二届职业技能大赛"
    "在澜州技师学院闭幕。本届大赛共设焊工、电工、数控车工等6个比赛项目... [详细]",
    "全县召开就业工作推进会，部署下半年重点任务……【阅读全文】",
    # a blog's signature under every post
    "如果觉得这篇文章对你有帮助，请点一下右下角的【推荐】，这是对我最大的鼓励。",
    "如果您认为阅读这篇博客让您有些收获，不妨点击一下右下角的【推荐】按钮。",
])
def test_page_tools_and_credits_go_wherever_they_stand(line):
    first, *rest = BODY.split("\n")
    assert _cleaned("\n".join([first, line, *rest])) == BODY


# A page misread upstream with replacement (UTF-8 read as GBK) loses characters as U+FFFD marks,
# a label's colon and some of its words among them: the line is still its rule's kind
@pytest.mark.parametrize("line", [
    "发布时间\ufffd2024-08-08 18:30 来源：县文化广电旅游\ufffd 【字体：\ufffd \ufffd \ufffd\ufffd",
    "责任编辑\ufffd王芳",
    "\ufffd帖最后由 \ufffd\ufffd老杨 \ufffd 2024-3-16 20:41 编辑",
    "\ufffd术支持：安康市华信网络\ufffd技有限\ufffd\ufffd 建\ufffd使用IE6.0以上浏览器 1024*768分辨率浏览",
])
def test_a_lines_rule_reads_lost_characters_where_most_of_its_words_are_left(line):
    first, *rest = BODY.split("\n")
    assert _cleaned("\n".join([first, line, *rest])) == BODY


@pytest.mark.parametrize("line", [
    "村民的收入来源\ufffd主要靠外出务工和特色种植，今年人均增收两千元。",
    "记者\ufffd从县人社局获悉，今年以来全县新增转移就业人员三千余人，同比增长一成。",
])
def test_prose_with_a_lost_mark_after_a_labels_word_stays(line):
    first, *rest = BODY.split("\n")
    text = "\n".join([first, line, *rest])
    assert _cleaned(text) == text


@pytest.mark.parametrize("spaces", [" " * 2000, "\u3000" * 2000])
def test_a_rule_meets_long_runs_of_spaces_in_one_pass(spaces):
    # a licence line padded with spaces (&nbsp; runs in old footers): the rule's space runs must
    # not be able to split one run among them, which takes as long as the run's length to the
    # fourth power
    first, *rest = BODY.split("\n")
    assert _cleaned("\n".join([first, f"网站备案 ICP{spaces}05001234号", *rest])) == BODY
    assert _cleaned("\n".join([first, f"网站备案 ICP{spaces}号", *rest])).startswith(first)
    # an attachment's line, a post's counters and place stamp, each over a long run of spaces
    for line in (f"附件{spaces}1.活动安排表", f"阅读(3){spaces}评论", f"IP属地{spaces}："):
        assert _cleaned("\n".join([first, line, *rest])).startswith(first)


@pytest.mark.parametrize("text", [
    # an enforcement report, a reader's view, an event's organiser: text that names the kind
    BODY + "\n对拒不整改的用工单位，人社部门将依法追究其法律责任。",
    BODY + "\n网友评论说，这样的招聘会办到了大家心坎上",
    # a statement in the news, and a notice's own penalty inside a sentence
    BODY + "\n县人社局在声明中表示，将对虚假招聘信息一查到底。",
    BODY + "\n声明称，招聘会不收取任何费用。",
    BODY + "\n招聘岗位：普工|技工|电工\n他是论坛的高级会员，常年发帖解答老乡的问题。",
    BODY + "\n积分制管理实施以来，全县累计发放积分902分，兑换物品143件。",
    BODY + "\n对未经许可擅自招用外地务工人员的，违者依法追究相关法律责任，并处以罚款。",
    "主办单位：花垣县人力资源和社会保障局\n" + BODY,
    # a list the text introduces, short items, and contact lines, at the end
    BODY + "\n首批签约企业名单如下：\n济南智能装备有限公司\n济南华兴电子科技有限公司"
    "\n山东鲁中家政服务有限公司",
    BODY + "\n一等奖 张三\n二等奖 李四\n三等奖 王五",
    BODY + "\n联系人：石老师\n联系电话：0743-7221234\n报名地点：县人力资源市场二楼",
    # one subheading, and a second part of the text, are not a list (the second part's words
    # its own: a body said again whole is the page's body printed twice)
    BODY + "\n劳务协作持续深化\n" + BODY.replace("5月16日", "6月20日").replace("680", "720"),
    # sentences that name a page tool
    BODY + "\n本届招聘会上，字号老店和大中小企业同场招工。",
    BODY + "\n市场监管局开展纠错行动，已纠错32件。",
    BODY + "\n部分老人的手机浏览器不支持视频播放，社区志愿者上门帮助他们观看招聘直播。",
    BODY + "\n求职者翻到上一页可以看到报名表，下一页是岗位清单。",
    BODY + "\n求职者可在网站登录注册后投递简历。",
    BODY + "\n举报有奖，核实后给予奖励。",
    BODY + "\n全年阅读次数：人均12次以上的读者占三成。",
    BODY + "\n图片来源广泛是这次影展的特点。",
    BODY + "\n图/文：招聘会当天，求职者在展位前排队咨询。",
    BODY + "\n求职者可扫描二维码关注县人社局公众号，获取更多岗位信息。",
    BODY + "\n“知道了，我明天就去报到。”他笑着说。",
    BODY + "\n上一条招聘信息发布后，三天内就有两百多人报名。",
    BODY + "\n本周热门岗位是电工和焊工，月薪都在六千元以上。",
    BODY + "\n他表示，上述言论仅代表个人观点，不代表公司立场。",
    BODY + "\n技术支持方面，县人社局派出专人驻点服务。",
    BODY + "\n2023-05-16 09:00 招聘会正式开始，求职者排起长队。",
    BODY + "\n关注民生，服务就业。",
    BODY + "\n根据新规，未经本人同意，任何单位不得使用其个人信息进行营销。",
    BODY + "\n被告某视频网站辩称，其仅提供信息存储空间服务，不应承担侵权责任。",
    BODY + "\n求职者可扫描海报二维码关注“县人社局”官方微信，在线投递简历，报名参加招聘会。",
    BODY + "\n请广大市民积极转发，如发现线索请联系我们。",
    BODY + "\n技术支持：县就业服务中心",
    BODY + "\n我知道了",
    BODY + "\n文/图：招聘会当天，求职者在展位前排队咨询。",
    BODY + "\n感谢您的反馈！他对前来咨询的求职者说。",
    BODY + "\n此前，县里已开出三趟专列。(本文来自川南新闻，更多原创资讯请下载“川南新闻”APP)",
    BODY + "\n通知发布时间2023年5月16日，报名截止时间5月30日，逾期不再受理。",
    BODY + "\n摄影：张艳说，她拍下了招聘会上最动人的一幕。",
    BODY + "\n求职者安装“川南就业”APP后，可以随时查看岗位。",
    BODY + "\n据了解，这篇课文来自《读者》1995年第2期，原标题为《宇航员之死》。",
    BODY + "\n点击阅读原文的读者中，有三成是外出务工人员。",
    BODY + "\n微信群里，老乡们互相转发招聘信息。\n首页上的岗位每天更新。",
    # a licence in the news, footer words in a sentence, a channel in a contact line of the text
    BODY + "\n全县已有32家企业取得ICP证，12家完成备案。",
    BODY + "\n点开网站的关于我们和联系我们栏目，就能找到县人社局的招聘信息。",
    # footer words in text: one word twice, words in a sentence, English prose
    BODY + "\n个人隐私不是公共信息 隐私保护需要多方发力\n关于我们县加强求职者个人隐私保护的说明",
    BODY + "\n帮助中心为返乡农民工提供政策咨询 意见反馈渠道24小时畅通",
    BODY + "\nMore than 200 companies offered about 5,000 jobs, about 30 percent of them for graduates.",
    # hotlines and feedback boards named in the text
    BODY + "\n二是设立意见反馈渠道，公布监督电话；\n（二）开通网上留言板和咨询热线",
    BODY + "\n省人社厅开设就业频道和政策咨询热线\n畅通市长留言板、12345热线 群众诉求件件有回音",
    # a commentary's label, a reply's, a commentator
    BODY + "\n新闻评论：稳就业需要更精准的政策供给\n最新回复：关于社保转移接续的问题解答",
    BODY + "\n热门评论区里网友纷纷点赞\n新闻评论员 李明",
    # "for reference only" in a report
    BODY + "\n这份项目库仅作为参考，并非政府投资计划，具体以批复为准。",
    BODY + "\n分析人士提醒，各类榜单仅作参考，并不是投资的依据，投资者应理性判断。",
    # a job fair's table, as the extract stage writes a row (cells two spaces apart)
    BODY + "\n单位名称  招聘信息  联系方式  关于我们\n川南电子科技有限公司  普工20名  0830-1234567  县属企业",
    BODY + "\n求职者可拨打县电视台民生频道热线电话0743-8521234报名，也可现场报名。",
    BODY + "\n以下内容摘自《政府工作报告》：\n稳就业是最大的民生。",
    BODY + "\n更多岗位信息请关注县人社局公众号",
    BODY + "\n分享让更多人看到家乡的变化，是返乡青年拍短视频的初衷。",
    # a poem's source under it, a writer's closing sentence
    BODY + "\n采薪之忧，劳者歌其事。\n选自《诗经·小雅》\n摘自《人民日报》",
    BODY + "\n以上是笔者对东西部劳务协作的几点粗浅思考，难免挂一漏万，欢迎批评指正。",
    BODY + "\n报名表下载：http://www.hy-rsj.test/files/form.zip",
    # a post's edit told in a sentence, a member's rank inside one, a year's figure under a heading
    BODY + "\n本帖最后由版主整理，于2024年3月5日更新了岗位信息。",
    BODY + "\n她在论坛里是金牌会员，发了三百多个求职帖。",
    BODY + "\n1\n相关路段强制分流，听从交警指挥疏导",
    # an op-ed's sentence, an attachment named in the text, an app in a sentence
    BODY + "\n尊重对方的表达权，并不意味着赞同其观点。",
    BODY + "\n请下载附件填写：报名表.docx",
    BODY + "\n村民们纷纷用手机下载了县里的就业服务客户端，随时查看岗位。",
    BODY + "\n（据了解，转载请求多来自外地媒体，县融媒体中心已统一答复）",
    BODY + "\n她说，IP属地显示湖南以后，不少老乡主动来问招工的事。",
    BODY + "\n她每天都关注县人社局公众号，回复留言的工作人员总是很耐心。",
    BODY + "\n图为招聘会现场.jpg格式的照片由县人社局提供。",
    BODY + "\n老师建议使用手机浏览器访问县人社局网站报名，也可到现场登记。",
    BODY + "\n扫一扫村口的二维码，就能在手机上看新闻、查岗位。",
    BODY + "\n视频发布后，网友纷纷点赞、转发，不少外地老板打来电话要人。",
    BODY + "\n县统计局根据各乡镇上报的数据制表：全县共有帮扶车间86个。",
    BODY + "\n（记者了解到，今年县里还将新建帮扶车间12个。）",
    BODY + "\n标题党要不得，这是她对记者说的第一句话。",
    BODY + "\n编辑 记者 校对 稿件，是她每天的工作。",
    BODY + "\n记者 | 这是一个栏目名，下面的内容都是她写的，一共有三篇长文，今年还会继续更新下去。",
    BODY + "\n原创作品大赛今年共收到作品86件。",
    BODY + "\n政策解读仅供参考，具体以县人社局公布的文件为准。",
    BODY + "\n出自本县的手艺人，如今在百科里也有了词条。",
    BODY + "\n（岗位信息可登录 www.cnrs.test 查询，由县人社局发布）",
    # a heading that opens with the end mark's character, a font contest, an editorial office's
    # column with a bar (a bare 完 line is an end mark too: a press release's)
    BODY + "\n会上，县长说：“任务完成得好！”\n完善就业服务体系",
    BODY + "\n字体设计大赛今年共收到作品86件，大、中、小学生都有参加。",
    BODY + "\n川南新闻编辑部 | 记者手记",
    BODY + "\n资料图：2019年春风行动招聘会现场",  # a caption labelled as an archive picture
    BODY + "\n村民们说，只要扫码即可下载。",
    BODY + "\n县里开通了就业服务热线，一经采纳的建议都会在网站公布。",
    BODY + "\n她登录后发现，评论区里都是来问岗位的老乡。",
    BODY + "\n每经记者了解到，今年县里还将新建帮扶车间12个。",
    BODY + "\n请继续往下阅读本报的系列报道，了解更多返乡创业故事。",
    BODY + "\n他说，想了解招聘信息，尽在县人社局的就业APP。",
    BODY + "\n翻译：这句话的意思是，家门口就能挣钱。",
    BODY + "\n新华社记者走进车间，看到工人们正在赶制订单。",
    BODY + "\n加入合作社的农户已有320户。",
    BODY + "\n视频：这条短视频播放量超过10万次（时长不到1分钟），带火了村里的土特产。",
    BODY + "\n图片由县里统一设计，张贴在各村的公示栏。",
    BODY + "\n联系人：张昇 电话：0319-7285516 邮箱：zs@rsj.test",   # a notice's contact line
    BODY + "\n投稿邮箱：qsxw@qingshan.example，欢迎广大群众踊跃来稿。",
    BODY + "\n文/图 王晓东 2024-05-01 编辑：李婷说，这组照片记录了采茶的全过程。",
    BODY + "\n她说：“我要爆料！”这句话成了口头禅。",
    BODY + "\n来自北京的客户端工程师",
    BODY + "\n他说，这仅代表个人观点，不代表单位立场。",
    BODY + "\n主办：县人社局 承办：县就业服务中心 时间：3月6日 地点：县体育馆",  # an event's
    BODY + "\n村民们纷纷关注我们县的官方微信，查看岗位。",
    BODY + "\n回复率、报告数都在提高。",
    BODY + "\n评论数量：全县共收到群众评论118条，均已回复。",
    BODY + "\n还没有评论这项政策的专家学者，王建国说，这项补贴在全省尚属首次。",
    BODY + "\n年货节一开场，市民们就像抢沙发一样抢购特色农产品。",
    BODY + "\n这套教材的版权归县职业中专所有，已向全省推广使用。",
    BODY + "\n分类：按照岗位技能等级，补贴分为三档，最高每人2000元。",
    BODY + "\n张 书 记 说 ， 今 年 要 转 移 就 业 三 千 人 。",   # letter-spaced prose stays
    BODY + "\n售价：每斤12元，比去年高出两成。",
    BODY + "\n点亮了乡村夜空的，是帮扶车间里加班的灯光。",
    BODY + "\n@所有人 明天上午九点在县体育馆集合。",
    BODY + "\n本文由县人社局提供数据，记者整理。",
    BODY + "\n浏览次数多的岗位信息，会被优先推送给求职者。",
    BODY + "\n时间：3月6日上午9时，地点：县体育馆，参会企业来源于全省各地。",   # an event's time
    BODY + "\n记者：你们今年招多少人？编辑岗位还缺吗？王经理：还缺两个。",
    BODY + "\n记者：王经理，今年的用工缺口有多大？",   # an interview's question
    BODY + "\n本文链接的政策文件可在县政府网站下载。",
    BODY + "\n出处：县志办整理的1985年统计资料。",   # where a figure comes from
    BODY + "\n大棚的产权归村集体和合作社共有，收益按股分红。",
    BODY + "\n播报员王芳说，今年的招聘会人气很旺。",
    BODY + "\n他们把招聘视频分享、点赞、转发给外地的亲友，让更多人看到家乡的变化。",
    BODY + "\n查看全部86个岗位后，他选了焊工。",
    BODY + "\n（请关注县人社局公众号发布的招聘信息，企业名单将于本月底前公布。）",
    BODY + "\n他扫码关注了县人社局公众号，获取更多岗位信息后报了名。",
    BODY + "\n求职者也可加入州人力资源部WhatsApp群组，随时获取最新职位空缺。",
    BODY + "\n成为合作社会员的农户，可免费领取种苗，并享受保底收购。",
    BODY + "\n本次招聘会由县人社局主办 · 县就业服务中心承办",
    # a notice's supervision hotline, its own
    BODY + "\n政策咨询电话：0883-7123546\n监督举报电话：0883-7125012（驻县委组织部纪检监察组）",
    # a notice's fields under its own numbered section, above its first paragraph
    "一、项目编号：TXCG2024-0317\n二、项目名称：农村公益性岗位人员意外伤害保险服务采购项目\n三、中标信息\n"
    "供应商名称：中国人民财产保险股份有限公司桐溪支公司\n供应商地址：桐溪县城关镇解放路86号\n"
    "中标金额：46.80万元\n" + BODY,
    # a data table's rows closing the text, or among its paragraphs: a town and its figures
    BODY + "\n全县外出务工人员主要指标\n指标 人数 占比\n制造业 893 44.3\n建筑业 452 22.4"
    "\n批发零售业 286 14.2\n合计 2016 100.0",
    "一、外出务工人员基本情况\n" + BODY.split("\n")[0] + "\n制造业 893 44.3\n建筑业 452 22.4"
    "\n零售业 286 14.2\n服务业 198 9.8\n运输业 127 6.3\n" + BODY.split("\n")[1],
    BODY + "\n记者 李四说，今年的岗位比去年多。",   # a sentence that opens with a byline's words
    BODY + "\n（作者系统梳理了近十年全县劳务输出的数据，发现外出人员逐年减少。）",
    BODY + "\n热门搜索：今年全县最热的词是“春风行动”，招聘会 岗位 补贴都在其中。",
    # a notice's attachments and signature over its disclosure note
    BODY + "\n附件：1.宁阳县就业帮扶车间认定申请表\n2.宁阳县就业帮扶车间吸纳就业奖补花名册\n"
    "宁阳县人民政府办公室\n2024年3月8日\n（此件公开发布）",
    BODY + "\n主办：县人社局 县就业服务中心",  # an event's organisers
    # a line that opens with a word a brief's distribution opens with, in a sentence
    BODY + "\n发：现场发放政策宣传资料1200余份，解答群众咨询300余人次。",
    # a quote trailing off, and a document's whole text named in a sentence
    BODY + "\n他笑着说：“等明年车间扩了，我们还要再招三十个人……”",
    BODY + "\n《实施方案》全文共五章，明确了到2025年的目标任务……详细内容可登录县政府网站查看。",
    # a reader's help that asks for a click, said in the text
    BODY + "\n如果企业觉得线上招聘对招工有帮助，可以点击县人社局网站的“企业用工”栏目推荐岗位，"
    "已有86家企业参与。",
    BODY + "\n地址：县人力资源市场 电话：0396-4922156",   # a job fair's
    # an agenda's lines, said again and again, are no signature
    "12月10日 代表注册\n地  点：明珠园\n12月11日 开幕式\n地  点：明珠园\n12月12日 闭幕式\n地  点：明珠园\n"
    + BODY,
    # a notice's attachments named without a file type, and its signature: the document's end
    BODY + "\n附件：1.2024年春风行动活动安排\n2.2024年春风行动活动统计表\n"
    "川南市人力资源和社会保障局\n2024年1月19日",
    # a notice's own list, which its text introduces, over its contact's fields
    BODY + "\n本次招聘会设置以下三个服务专区：\n脱贫劳动力就业援助专区\n返乡人员创业服务专区\n"
    "东西部劳务协作岗位专区\n联系人：张明 联系电话：0915-2522008",
    # a sentence about an attachment named in brackets
    BODY + "\n附件【报名登记表】须由考生本人填写，并于报名时一并提交。",
    # a sentence that tells how to copy a link
    BODY + "\n点击页面右上角的“复制链接”按钮，即可把招聘信息分享给亲友。",
    # a profile's résumé and honours closing it: its periods and years set apart as a column
    BODY + "\n个人简历\n2008.03—2012.06 在广东东莞某电子厂务工\n2016.01—2018.08 在浙江宁波从事劳务派遣业务\n"
    "2023.01—至今 任岳池县国平人力资源服务有限公司总经理\n主要荣誉\n2020年 获评广安市优秀返乡创业带头人\n"
    "2021年 获评省级优秀劳务经纪人\n2022年3月 获评四川省“川字号”劳务品牌优秀带头人",
    # a notice's appendix after its signature, under its label: the notice's schedule
    BODY + "\n川南市人力资源和社会保障局\n2024年2月6日\n附：2024年春季招聘会场次安排\n"
    "第一场：2月19日（星期一）上午9:00，县人力资源市场\n第二场：2月23日（星期五）上午9:00，城关镇文化广场\n"
    "第三场：2月28日（星期三）上午9:00，石门镇集贸市场",
])
def test_text_that_looks_like_the_kind_stays(text):
    assert _cleaned(text) == text


TITLE = "为劳务协作凝聚强大合力——花垣县举办济南专场招聘会"


def test_the_header_above_the_first_paragraph_goes():
    # the headline set over two lines, the site's name and address, the dateline, a view count,
    # the bylines
    header = ("为劳务协作凝聚强大合力\n——花垣县举办济南专场招聘会\n"
              "川南市人民政府门户网站 www.cn.gov.test\n2023-05-16 09:52\n0\n"
              "本报记者 石建军 田湘\n本报通讯员 龙晓燕\n本报记者彭冲发自花垣\n"
              "川南网湘西频道  记者  伊琳  李清芬\n2023-5-16 团结报\n融媒体记者 张晓冉 通讯员 王丽娜\n"
              "新乡日报记者 刘晓燕 通讯员 王鹏\n川南网·川南新闻记者 王晓 通讯员 孙丽 花垣报道\n"
              "川南日報記者 何思敏 花垣報道\n記者 陳嘉欣\n本報記者 何思敏 李明\n本报记者 马 骏\n"
              "川南日报客户端 | 记者 袁璐\n东方网记者 周芸 通讯员 金人社\n每日经济新闻 2022-06-08 21:40:12\n"
              "光明日报记者 韩 锐 光明日报通讯员 马晓燕\n河南日报客户端记者 刘梦阳 通讯员 郭雪琳 张浩\n"
              "大河报·豫视频记者 王一鸣 通讯员 陈静\n湖北日报全媒记者 余晓 通讯员 王静 洪宣\n"
              "南方周末记者 吴佳\n南方周末实习生 陈思远\n21世纪经济报道记者 吴宏 实习生 黄思琪 南宁报道")
    assert clean_text(header + "\n" + BODY, TITLE).text == BODY


def test_an_official_documents_header_goes_and_its_number_cited_or_alone_or_its_signature_stays():
    # the 红头's line of the document's number and its signer
    assert clean_text("青政报〔2024〕41号  签发人：周喆\n" + BODY, TITLE).text == BODY
    # the number alone under a notice's title, or cited in a sentence; a sender signing the
    # notice's first part among its first lines, over the document it hands on
    cited = "根据《关于做好稳就业工作的通知》（青政发〔2024〕3号）要求，全镇开展就业帮扶。"
    signed = BODY + "\n青石镇人民政府\n2024年12月18日"
    assert clean_text(cited + "\n" + signed, TITLE).text == cited + "\n" + signed
    notice = "平政发〔2024〕9号\n各镇人民政府，县直有关单位：\n" \
        "现将《若干措施》印发给你们，请认真贯彻执行。\n青峰县人民政府\n2024年5月11日\n" + BODY
    assert clean_text(notice, TITLE).text == notice


def test_the_headline_under_its_columns_label_and_a_byline_after_a_papers_mark_go():
    header = f"【花垣新闻】{TITLE}\n■香港文匯報記者 何凱琳 廣州報道"
    assert clean_text(header + "\n" + BODY, TITLE).text == BODY
    # a label before other words is the text's: the headline's words are all that may follow
    kept = f"【花垣新闻】{TITLE[:8]}成效明显，全县转移就业三千人。"
    assert clean_text(kept + "\n" + BODY, TITLE).text == kept + "\n" + BODY


@pytest.mark.parametrize("line", [f"{TITLE[:10]}...", f"{TITLE[:9]}…"])
def test_the_headline_cut_short_goes(line):
    assert clean_text(f"{line}\n{BODY}", TITLE).text == BODY


def test_a_record_of_fields_above_the_text_goes_under_a_headline_with_a_comma():
    # a message board's record of a letter; the headline repeated holds a comma, and is no paragraph
    title = "城南安置房项目拖欠农民工工资，恳请领导帮忙讨薪"
    fields = ("留言对象：临泉县委书记\n类型：投诉\n领域：劳动人事·工资待遇\n时间：2023-11-06 21:37\n"
              "状态：已回复")
    assert clean_text(f"{title}\n{fields}\n{BODY}", title).text == BODY


@pytest.mark.parametrize("fields", [
    # a disclosure's table read a row a line, two fields a row
    "索引号：11530321MB1542611/2023-00332  发布机构：青岚县人力资源和社会保障局\n"
    "发文日期：2023年02月21日  文号：青人社发〔2023〕65号",
    "发布机构：  青岚县人力资源和社会保障局  生成日期：  2024-01-24\n名称：  关于开展评选工作的通知",
])
def test_a_disclosures_record_of_fields_a_row_of_two_above_the_text_goes(fields):
    assert clean_text(f"{fields}\n{BODY}", TITLE).text == BODY


@pytest.mark.parametrize("top", [
    # a schedule's dates and places, a diary's date and weather, a sender's signature
    "春风行动专场招聘会安排如下：\n2021年3月6日 县人力资源市场\n2021年3月13日 城关镇便民服务中心",
    "2020年6月1日 多云",
    "县人力资源和社会保障局 2021年2月10日",
    # captions and headings that name a reporter or an intern
    "图为务工人员接受电视台记者采访\n村民向新华社记者讲述\n贫困户向报社记者展示",
    "腾讯互联网实习生招聘",
    "时间：3月6日上午\n地点：县人力资源市场",   # an event's two fields
    "时间：3月6日上午9时  地点：县人力资源市场",   # ... on one line
])
def test_lines_above_the_first_paragraph_that_are_text_stay(top):
    text = top + "\n" + BODY
    assert clean_text(text, TITLE).text == text


@pytest.mark.parametrize("subheading", ["发展农民专业合作社", "织密就业服务网", "喜报", "搭建劳务协作平台"])
def test_a_subheading_among_the_first_lines_is_no_outlets_name(subheading):
    first, *rest = BODY.split("\n")
    text = "\n".join([first, subheading, *rest])
    assert _cleaned(text) == text


@pytest.mark.parametrize("outlet", ["新华社", "澎湃新闻", "川南日报"])
def test_an_outlets_name_alone_above_the_text_goes(outlet):
    assert _cleaned(f"{outlet}\n{BODY}") == BODY


def test_the_same_lines_below_the_first_paragraph_stay():
    tail = "报名网址：www.hy-rsj.test\n2023年5月16日\n记者 石建军\n2023年5月16日 川南市人社局"
    assert clean_text(BODY + "\n" + tail, TITLE).text == BODY + "\n" + tail


@pytest.mark.parametrize("name,extractor", [
    # a profile and recent posts beside a short post: its column is named (sidebar) and goes
    # before extraction (tests/test_blocks.py holds readability to an unnamed one)
    ("blog-short-post", "trafilatura"),
    ("legal-notice", "trafilatura"),     # more than the densest block, all of it the article's
    ("forum-thread", "trafilatura"),
])
def test_readability_is_taken_only_where_it_trims_a_column_off_trafilatura(name, extractor):
    html = PAGES / f"{name}.html"
    page = process_page(Page(url=f"http://team.test/{html.name}", site="team", body=html.read_bytes()))
    assert page.extractor.startswith(extractor)


def _column_page(article: str, column: str) -> str:
    return ("<html><head><title>花垣县举办劳务协作专场招聘会_川南网</title></head><body>"
            "<div class='top'><a href='/'>首页</a><a href='/n'>新闻</a></div><div class='left'>"
            f"<h1>花垣县举办劳务协作专场招聘会</h1><div class='zw'>{article}</div></div>"
            f"<div class='right'><div class='t'>县情简介</div>{column}</div>"
            "<div class='foot'><p>版权所有：川南网</p></div></body></html>")


def test_a_block_that_holds_most_of_the_pages_prose_is_named_its_body():
    # trafilatura finds no body it knows by name (zw) and gathers paragraphs from the whole page,
    # a column's with them; told the densest block is the body, it reads the block (of 250
    # characters or more: under that it gathers them all the same)
    paragraphs = BODY.split("\n") + ["花垣县人社局负责人介绍，下一步将继续深化济南—湘西劳务协作，"
                                      "组织更多脱贫劳动力到济南稳定就业，并在济南设立劳务工作站。",
                                      "招聘会上，县就业服务中心还为求职者提供了政策咨询和技能培训报名服务，"
                                      "现场有120余名求职者报名参加电工、焊工和家政服务培训。"]
    column = "<p>花垣县位于湘西北部，总面积1100平方公里</p><p>全县辖12个乡镇</p>"
    article = extract_article(_column_page("".join(f"<p>{p}</p>" for p in paragraphs), column))
    assert article.text.split("\n") == paragraphs
    assert any("told it is the article's body" in note for note in article.explanation)


def test_a_block_that_holds_less_of_the_pages_sentences_is_not_named_its_body():
    # the column's prose is the most of the page's sentences: the article may be more than the
    # block, and trafilatura reads the page
    column = "".join(f"<div class='intro'>{line}</div>" for line in BODY.split("\n") * 3)
    article = extract_article(_column_page("".join(f"<p>{p}</p>" for p in BODY.split("\n")), column))
    assert not any("told it is the article's body" in note for note in article.explanation)


_MORE = ["花垣县人社局负责人介绍，下一步将继续深化济南—湘西劳务协作，组织更多脱贫劳动力到济南稳定就业，"
         "并在济南设立劳务工作站。",
         "招聘会上，县就业服务中心还为求职者提供了政策咨询和技能培训报名服务，现场有120余名求职者报名参加"
         "电工、焊工和家政服务培训。"]
_BODY_ALONE = "trafilatura given the body alone"


def test_a_named_body_is_read_alone_where_the_whole_page_gives_that_body():
    paragraphs = BODY.split("\n") + _MORE
    column = "<p>花垣县位于湘西北部，总面积1100平方公里</p><p>全县辖12个乡镇</p>"
    article = extract_article(_column_page("".join(f"<p>{p}</p>" for p in paragraphs), column))
    assert article.text.split("\n") == paragraphs
    assert any(_BODY_ALONE in note for note in article.explanation)


def test_a_named_body_in_a_box_named_the_articles_content_is_read_with_its_page():
    # trafilatura's search for a body stops at the box around it (article-content), whose closing
    # paragraph, in a block of its own, is the article's: the body alone would lose it
    closing = "下一步，县人社局将持续开展“春风行动”系列招聘活动，为返乡务工人员提供更多就近就业岗位。"
    inner = "".join(f"<p>{p}</p>" for p in BODY.split("\n") + _MORE)
    article = extract_article(_column_page(f"{inner}</div><div class='note'><p>{closing}</p>", "")
                              .replace("<div class='zw'>", "<div class='article-content'><div class='zw'>")
                              .replace("<div class='right'>", "</div><div class='right'>"))
    assert article.text.split("\n")[-1] == closing
    assert not any(_BODY_ALONE in note for note in article.explanation)


def test_a_named_body_too_short_for_trafilatura_is_read_with_its_page():
    # under its least (250 characters) trafilatura looks beyond the body it found: the page is read
    brief = BODY.split("\n")[:2]
    article = extract_article(_column_page("".join(f"<p>{p}</p>" for p in brief), ""))
    assert any("told it is the article's body" in note for note in article.explanation)
    assert not any(_BODY_ALONE in note for note in article.explanation)


_TOWNS = [("城关镇", "1200", "1356"), ("石门镇", "950", "1021"), ("龙潭乡", "680", "702")]


def _table_box_page(last: str, box: str) -> str:
    paragraphs = BODY.split("\n") + _MORE
    article = "".join(f"<p>{p}</p>" for p in paragraphs) + f"<p>{last}</p>"
    return _column_page(article, "").replace("</div></div><div class='right'>",
                                             f"</div>{box}</div><div class='right'>")


def _table(linked: bool = False) -> str:
    rows = "".join(f"<tr><td>{f'<a href=/t/{n}>{n}</a>' if linked else n}</td><td>{a}</td><td>{b}</td></tr>"
                   for n, a, b in _TOWNS)
    return f"<table><tr><td>乡镇</td><td>目标任务（人）</td><td>完成人数（人）</td></tr>{rows}</table>"


def test_a_table_the_bodys_last_paragraph_announces_in_a_box_below_it_is_read():
    box = f"<div class='table_box'>{_table()}<p>注：数据统计截至2024年3月31日。</p></div>"
    lines = extract_article(_table_box_page("各乡镇任务完成情况见下表：", box)).text.split("\n")
    assert lines[-5:] == ["乡镇  目标任务（人）  完成人数（人）", "城关镇  1200  1356", "石门镇  950  1021",
                          "龙潭乡  680  702", "注：数据统计截至2024年3月31日。"]


@pytest.mark.parametrize("last,linked", [
    ("下一步，县人社局将持续加大岗位开发和就业服务力度。", False),   # no table announced: another box's
    ("各乡镇任务完成情况见下表：", True),                            # a table of links: a list of pages
])
def test_a_table_below_the_body_that_is_not_announced_or_is_links_is_not_read(last, linked):
    box = f"<div class='table_box'>{_table(linked)}</div>"
    text = extract_article(_table_box_page(last, box)).text
    assert "石门镇" not in text and text.split("\n")[-1] == last


_SECTIONS = [("一、“点对点”专车开到村口", BODY.split("\n")[:2]),
             ("二、技能培训让“力气活”变成“技术活”", _MORE),
             ("三、驻外工作站当好“娘家人”", BODY.split("\n")[2:] + _MORE[:1])]


def _sections_page(parts: str) -> str:
    return ("<html><head><title>一个山区县的劳务输出新路径_西北时讯网</title></head><body>"
            "<div class='nav'><a href='/'>首页</a><a href='/sd/'>深度</a></div>"
            f"<h1>一个山区县的劳务输出新路径</h1><div id='artibody'>{parts}</div>"
            "<div class='foot'><p>版权所有：西北时讯网</p></div></body></html>")


def test_an_article_in_sections_of_one_kind_keeps_each_sections_heading():
    # the densest section alone is too small a part of the page to be named the body; read
    # unnamed, trafilatura kept the paragraphs and dropped the headings
    parts = "".join(f"<section class='part'><h3>{heading}</h3>" + "".join(f"<p>{p}</p>" for p in paragraphs)
                    + "</section>" for heading, paragraphs in _SECTIONS)
    article = extract_article(_sections_page(parts))
    assert article.text.split("\n") == [line for heading, paragraphs in _SECTIONS
                                         for line in [heading, *paragraphs]]


def test_items_of_one_kind_under_their_headlines_links_are_no_sections_of_an_article():
    items = "".join(f"<div class='item'><h3><a href='/n/{n}.html'>{heading}</a></h3><p>{paragraphs[0]}</p>"
                    f"<p>{paragraphs[1]}</p></div>" for n, (heading, paragraphs) in enumerate(_SECTIONS))
    article = extract_article(_sections_page(items))
    assert not any("sections of one kind" in note for note in article.explanation)


def _footnoted_page(notes: str) -> str:
    paragraphs = BODY.split("\n") + _MORE
    marked = [f"{p}<sup class='footnote-ref'><a href='#fn{n}' id='fnref{n}'>[{n}]</a></sup>"
              for n, p in enumerate(paragraphs[:2], 1)] + paragraphs[2:]
    return _column_page("".join(f"<p>{p}</p>" for p in marked) + notes, "")


def test_the_notes_a_posts_marks_point_to_go_with_the_marks():
    # a Markdown blog's footnotes, each linking back to its mark (↩): the apparatus, as a 注释 is
    notes = ("<section class='footnotes'><ol>"
             "<li id='fn1'><p>具体补贴标准以当地人社部门公布的为准。<a href='#fnref1'>↩︎</a></p></li>"
             "<li id='fn2'><p>稳岗率按连续在岗3个月以上人数计算。<a href='#fnref2'>↩︎</a></p></li>"
             "</ol></section>")
    assert extract_article(_footnoted_page(notes)).text.split("\n") == BODY.split("\n") + _MORE


def test_a_list_whose_items_link_to_places_on_the_page_that_are_no_marks_stays():
    steps = ["第一步，登录县人社局网站填写报名表，上传身份证件和学历证明。",
             "第二步，携带材料原件到县就业服务中心现场确认，领取准考证。",
             "第三步，按准考证上的时间地点参加面试，成绩当场公布。"]
    items = "".join(f"<li>{step}<a href='#top'>返回顶部</a></li>" for step in steps)
    text = extract_article(_footnoted_page(f"<p>报名分为以下三步：</p><ol>{items}</ol>")).text
    assert all(step in text for step in steps)


_TEASERS = [("优化营商环境工作要点", "明确六个方面32项重点任务，推动营商环境整体水平进入全省第一方阵。"),
            ("涉企行政检查扫码入企实施办法", "对涉企行政检查实行扫码登记，减少多头检查、重复检查。"),
            ("关于进一步提升政务服务效能的若干措施", "推行“高效办成一件事”，年内实现13个重点事项集成办理。"),
            ("支持民营经济高质量发展十条措施", "从融资支持、要素保障、清欠账款等方面提出具体举措。"),
            ("工程建设项目审批制度改革方案", "一般社会投资项目审批时限压缩至30个工作日以内。")]


def _teasers_page(linked: bool) -> str:
    items = "".join(f"<li>{f'<a href=/zt/{n}.shtml>{h}</a>' if linked else f'<b>{h}</b>'}"
                    f"<span class='date'>05-{13 - n:02d}</span><p>{summary}</p></li>"
                    for n, (h, summary) in enumerate(_TEASERS))
    return ("<html><head><title>优化营商环境专题</title></head><body>"
            "<div class='nav'><a href='/'>首页</a></div>"
            f"<div class='zt-box'><h3>政策文件</h3><ul class='zt-list'>{items}</ul></div></body></html>")


def test_a_list_of_headline_links_each_over_its_day_and_summary_is_no_article():
    # a topic's landing page: each record dated by a column of its own (05-13), its year left out
    text = extract_article(_teasers_page(linked=True)).text
    assert not any(summary in text for _, summary in _TEASERS)


def test_a_list_of_dated_items_without_links_is_the_articles_own():
    text = extract_article(_teasers_page(linked=False)).text
    assert all(summary in text for _, summary in _TEASERS)


def test_a_news_brief_of_one_paragraph_is_not_read_run_together_with_its_page():
    # a 简讯 in an <article> of spans and divs: trafilatura gave the article's whole text in one
    # line, info line, editor and tools with the paragraph; the paragraph is the text
    brief = BODY.split("\n")[0]
    meta = ("<div class='article-meta'><span>发布时间：2023年05月16日 09:54</span>"
            "<span>来源：川南网</span><span>作者：石建军</span>"
            "<span class='fontsize'>字号：<a href='#'>大</a> <a href='#'>中</a></span></div>")
    after = ("<div class='article-editor'>【责任编辑：黄琰】</div>"
             "<div class='tags_line'>Tags：<a href='/tags.php?/招聘会/'>招聘会</a></div>"
             "<div class='article-tools'><a href='#'>打印本页</a> <a href='#'>关闭窗口</a></div>")
    latest = "".join(f"<li><span>2023-05-1{n}</span><a href='/a/{n}.html'>第{n}条新闻标题在这里</a></li>"
                     for n in range(5))
    html = ("<html><head><title>花垣县举办济南专场招聘会_川南网</title></head><body><div class='container'>"
            "<div class='main-left'><article class='article'><h1>花垣县举办济南专场招聘会</h1>"
            f"{meta}<div class='article-content'><p>{brief}</p></div>{after}</article></div>"
            f"<aside class='main-right'><div class='side-box'><h3>最新文章</h3><ul>{latest}</ul></div>"
            "</aside>"
            "</div></body></html>")
    assert extract_article(html).text == brief


def test_subheadings_set_in_sections_are_kept():
    # WeChat's editor sets a subheading in <section><span><strong>, with no <p>
    html = PAGES / "wechat-article.html"
    page = process_page(Page(url=f"http://team.test/{html.name}", site="team", body=html.read_bytes()))
    assert {"01 岗位送到家门口", "02 技能培训跟着走"} <= set(page.text.split("\n"))


def test_a_div_of_prose_that_links_its_words_is_read_whole():
    # an encyclopedia writes its paragraphs as divs and links its terms; trafilatura drops a short
    # div whose links are short words, as it drops a menu
    linked = ("石岭焊工主要在江苏<a href='/item/1'>南通</a>、浙江<a href='/item/2'>舟山</a>从事"
              "<a href='/item/3'>风电塔筒</a>制造等工作，月收入一般在九千元以上。<sup>[4]</sup>")
    paragraphs = "".join(f"<div class='para'><span>{p}</span></div>" for p in BODY.split("\n"))
    html = (f"<html><head><title>石岭焊工</title></head><body><div class='nav'><a href='/'>首页</a>"
            f"<a href='/n'>新闻</a></div><div class='content'><h1>石岭焊工</h1>{paragraphs}"
            f"<div class='para'><span>{linked}</span></div></div></body></html>")
    words = "石岭焊工主要在江苏南通、浙江舟山从事风电塔筒制造等工作，月收入一般在九千元以上。"
    assert extract_article(html).text.split("\n")[-1] == words


def test_only_the_words_a_div_of_prose_links_are_read_as_words():
    tree = lxml.html.fromstring(
        "<html><body><div>石岭县在<a href='/a'>南通</a>、<a href='/b'>舟山</a>务工的焊工有六千余人，"
        "持证焊工月收入一般在九千元以上，还有年终奖金。</div>"
        "<div><a href='/1'>首页</a> <a href='/2'>新闻</a> <a href='/3'>政务</a> <a href='/4'>服务</a>。</div>"
        "<div>详见<a href='/x'>石岭县二〇二三年焊工技能大赛获奖名单公示</a>和<a href='/y'>附件</a>，"
        "请各单位认真核对后于本月底前反馈。</div></body></html>")
    assert unwrap_linked_words(tree) == 2  # a menu is mostly links; a linked headline is no word
    assert [len(div.findall(".//a")) for div in tree.iter("div")] == [0, 4, 2]


def test_a_row_of_boxes_set_side_by_side_is_one_line():
    # WeChat's numbered subheading: the number in one box, the words in the next, a flex row
    box = "<section style='display:inline-block'><span><strong>{}</strong></span></section>"
    row = (f"<section style='margin:20px 0;display: flex;align-items:center'>{box.format('01')}"
           "<section style='padding-left:8px'><span><strong> 车间建在家门口</strong></span></section>"
           "</section>")
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n"))
    html = (f"<html><head><title>家门口就业</title></head><body><div id='js_content'>{paragraphs}{row}"
            f"{paragraphs}</div></body></html>")
    assert "01 车间建在家门口" in extract_article(html).text.split("\n")
    # a column of boxes, and a row of a paragraph's length, are blocks as before
    tree = lxml.html.fromstring(
        f"<html><body><div style='display:flex;flex-direction:column'><div>01</div><div>车间</div></div>"
        f"<div style='display:flex'><div>{BODY.split(chr(10))[0]}</div><div>02</div></div></body></html>")
    assert lines_from_flex_rows(tree) == 0


def test_only_sections_of_inline_text_become_paragraphs():
    tree = lxml.html.fromstring(
        "<html><body><section><span><b>01</b> 岗位送到家门口</span></section>"
        "<section><p>一段正文。</p></section><section><a href='/a'>往期推荐</a></section>"
        "<div><span>导航 首页</span></div><section><select><option>北京</option></select></section>"
        "<section>第一行<br>第二行</section><p>第二段正文。</p><center>图片说明<br></center>"
        "<div>页脚</div><center>版权所有</center></body></html>")
    assert paragraphs_from_sections(tree) == 2  # the caption beside a paragraph, not the footer
    assert [el.tag for el in tree.find("body")] == [
        "p", "section", "section", "div", "section", "section", "p", "p", "div", "center"]


def test_a_subheading_set_in_a_div_between_paragraphs_is_a_paragraph():
    tree = lxml.html.fromstring(
        "<html><body><div class='nav'><span>首页</span></div><p>第一段正文。</p>"
        "<div style='text-align: left;'><strong>快速赶到现场 排查可疑线索</strong></div>"
        "<p></p><p>第二段正文。</p><div class='editor'>编辑：王五</div></body></html>")
    assert paragraphs_from_sections(tree) == 1  # not the menu above, nor the line below
    assert [el.tag for el in tree.find("body")] == ["div", "p", "p", "p", "p", "div"]


def test_captions_and_headings_set_in_center_are_kept():
    # old CMS templates center a picture's caption or a heading, with no <p> and a closing <br>
    first, second, third = BODY.split("\n")
    html = (f"<html><head><title>{TITLE}</title></head><body><div class='content'><p>{first}</p>"
            "<center><img src='/1.jpg'></center><center><strong>招聘会现场</strong><br></center>"
            f"<p>{second}</p><center><b>·签约情况·</b></center><p>{third}</p></div></body></html>")
    page = process_page(Page(url="http://team.test/a.html", site="team", body=html.encode()))
    assert page.text.split("\n") == [first, "招聘会现场", second, "·签约情况·", third]


def test_a_centered_footer_below_the_article_is_no_paragraph():
    footer = "本站所有信息均来源于网络 建议使用1024×768分辨率浏览"
    html = (f"<html><head><title>{TITLE}</title></head><body><div class='content'>"
            + "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
            + f"</div><center>{footer}<br></center></body></html>")
    page = process_page(Page(url="http://team.test/a.html", site="team", body=html.encode()))
    assert page.text == BODY


def test_a_page_tools_link_glued_after_the_last_sentence_goes_and_a_link_in_a_sentence_stays():
    first, second, third = BODY.split("\n")
    back = "<a href='//portal.test/' id='back'><span><i></i>返回搜狐，查看更多</span></a>"
    inline = f"{second[:10]}<a href='/wx'>微信</a>{second[10:]}"
    html = (f"<html><head><title>{TITLE}</title></head><body><div class='content'><p>{first}</p>"
            f"<p>{inline}</p><p>{third}{back}</p></div></body></html>")
    page = process_page(Page(url="http://team.test/a.html", site="team", body=html.encode()))
    assert page.text.split("\n") == [first, f"{second[:10]}微信{second[10:]}", third]
    assert any("closing a paragraph dropped" in note for note in page.extract_explanation)


@pytest.mark.parametrize("home", ["index.html", "/", "./"])
def test_a_blog_without_a_title_takes_its_post_heading_not_its_name(home):
    # the blog's name is an <h1> linking home; the post's heading carries the template's "- -"
    html = (f"<html><head></head><body><div id='header'><h1><a href='{home}'>bjreader的博客</a></h1>"
            f"</div><div class='entity'><h2 class='diaryTitle'>{TITLE}- -</h2><p>{BODY}</p></div>"
            "</body></html>")
    page = process_page(Page(url="http://team.test/2756650.html", site="team", body=html.encode()))
    assert page.title == TITLE


@pytest.mark.parametrize("title,expected", [
    ("微博", TITLE),  # a platform's name: the post's own headline in 【】
    (f"{TITLE}_县人社局", TITLE),
    ("县域就业动态观察", "县域就业动态观察"),  # a title of its own, though the post opens with 【】
])
def test_a_post_under_a_platforms_name_takes_the_headline_it_opens_with(title, expected):
    lead = "【县人社局举办春风行动专场招聘会】" if "县域" in title else f"【{TITLE}】"
    html = (f"<html><head><title>{title}</title></head><body><div class='weibo-text'>{lead}<br>"
            + "<br>".join(BODY.split("\n")) + "</div></body></html>")
    page = process_page(Page(url="http://team.test/a.html", site="team", body=html.encode()))
    assert page.title == expected and page.text.startswith(lead)


def _app_page(state: str, shown: str = "<div class='loading'>加载中…</div>") -> bytes:
    return (f"<html><head><title>{TITLE}_川南新闻</title></head><body><div id='app'>{shown}</div>"
            f"{state}</body></html>").encode()


@pytest.mark.parametrize("state", [
    # Next.js's data, its HTML escaped as JSON escapes it; a store's state assigned in a script
    "<script id='__NEXT_DATA__' type='application/json'>" + json.dumps(
        {"props": {"article": {"content": "".join(f"<p>{line}</p>" for line in BODY.split("\n"))},
                   "related": [{"title": "花溪镇帮扶车间带动百余名群众家门口就业"}]}}).replace("<", "\\u003c")
    + "</script>",
    "<script>window.__INITIAL_STATE__ = " + json.dumps({"detail": {"text": BODY}}, ensure_ascii=False)
    + ";</script>",
    # its body a list of paragraphs (no one of them long enough to be the article alone)
    "<script id='__NEXT_DATA__' type='application/json'>" + json.dumps(
        {"props": {"pageProps": {"article": {"body": BODY.split("\n"), "tags": ["就业", "劳务协作"]}}}},
        ensure_ascii=False) + "</script>",
])
def test_an_apps_page_that_renders_in_the_browser_is_read_from_its_state(state):
    page = process_page(Page(url="http://team.test/a.html", site="team", body=_app_page(state)))
    assert (page.text, page.title) == (BODY, TITLE)


def test_markup_kept_as_text_for_a_script_to_render_is_read_when_the_page_shows_no_sentence():
    # 环球网's article pages: the body's HTML escaped in a hidden <textarea>, which a script
    # copies into the empty <article>; the page shows its menu, labels and headline only
    body = "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
    skeleton = (f"<ul>{''.join(f'<li><a href=/c{i}>栏目{i}</a></li>' for i in range(8))}</ul>"
                f"<h1>{TITLE}</h1><p>2024-01-16 09:28 来源：川南新闻</p><article></article>"
                "<p>责任编辑：</p>")
    for holder in (f"<textarea class='article-content' style='display:none'>{html_escape(body)}</textarea>",
                   f"<script type='text/html' id='tpl'>{body}</script>"):
        page = process_page(Page(url="http://team.test/a.html", site="team",
                                 body=_app_page(holder, skeleton)))
        assert (page.text, page.title) == (BODY, TITLE)
    # a skeleton whose words a lossy codec marked with "?" (Big5 lacks a character) is still
    # no sentence
    lossy = skeleton.replace("<h1>", "<h1>??")
    page = process_page(Page(url="http://team.test/a.html", site="team", body=_app_page(
        f"<textarea style='display:none'>{html_escape(body)}</textarea>", lossy)))
    assert page.text == BODY
    # a page that shows its article keeps it, whatever markup its scripts hold
    brief = BODY.split("\n")[0]
    other = html_escape("".join(f"<p>{line}</p>" for line in BODY.split("\n")[1:] * 3))
    shown = skeleton.replace("<article></article>", f"<article><p>{brief}</p></article>")
    page = process_page(Page(url="http://team.test/a.html", site="team", body=_app_page(
        f"<textarea style='display:none'>{other}</textarea>", shown)))
    assert page.text == brief


def test_a_states_markup_escaped_once_more_is_read_and_a_status_takes_its_states_date():
    # 学习强国's globalCache: the content's HTML escaped (&lt;p&gt;) inside the JSON string
    escaped = html_escape("".join(f"<p style='text-indent: 2em;'>{line}</p>" for line in BODY.split("\n")))
    state = ("<script>var globalCache = " + json.dumps({"content": escaped, "source": "川南发布"},
                                                      ensure_ascii=False) + ";</script>")
    page = process_page(Page(url="http://team.test/a.html", site="team", body=_app_page(state)))
    assert page.text == BODY
    # 微博's status page: its text and its date only in $render_data, an asset's dated path
    # elsewhere in the page; the link a platform shortened to 网页链接 is no word of it
    status = {"status": {"created_at": "Tue Mar 05 10:12:33 +0800 2024",
                         "text": "<br />".join(BODY.split("\n")) + "<a href='https://t.cn/A6x'>网页链接</a>"}}
    state = ("<img src='https://h5.sinaimg.test/upload/2015/09/25/3/timeline_card.png'>"
             "<script>var $render_data = [" + json.dumps(status, ensure_ascii=False) + "][0] || {};</script>")
    page = process_page(Page(url="http://team.test/a.html", site="team", body=_app_page(state)))
    assert (page.text, page.published) == (BODY, "2024-03-05")


def test_a_programmes_edition_keeps_its_name_in_its_headline():
    # 【云溪新闻联播】2024年5月8日: the bracketed name is the headline's, the day alone is none
    for day in ("2024年5月8日", "20240508期"):
        headline = f"【云溪新闻联播】{day}"
        html = (f"<html><head><title>{headline}_云溪融媒</title></head><body>"
                "<div class='crumb'><a href='/'>首页</a> &gt; <a href='/xwlb/'>云溪新闻联播</a></div>"
                f"<h1>{headline}</h1><div class='text'><p>{'</p><p>'.join(BODY.split(chr(10)))}</p></div>"
                "</body></html>")
        page = process_page(Page(url="http://team.test/a.html", site="team", body=html.encode()))
        assert page.title == headline


def test_a_react_encyclopedias_paragraphs_of_spans_are_read():
    # 快懂百科: each paragraph a div whose words stand in a span, no <p> on the page; a
    # reference list's items after them
    paragraphs = "".join(f"<div class='paragraph_para'><span class='text'>{line}</span></div>"
                         for line in BODY.split("\n"))
    references = ("<div class='reference'><div class='reference_title'>参考资料</div><ol>"
                  + "".join(f"<li class='reference_item'>[{i}] 川南县统计局. 统计公报. {2020 + i}-03-01</li>"
                            for i in range(1, 7)) + "</ol></div>")
    html = (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
            f"<div class='doc-content'>{paragraphs}</div>{references}</body></html>")
    assert process_page(Page(url="http://team.test/a.html", site="team", body=html.encode())).text == BODY
    # their stops lost to a lossy misreading upstream (。 marked U+FFFD): paragraphs still
    lost = paragraphs.replace("。</span>", "\ufffd</span>")
    tree = parse_html(f"<html><body><div class='doc-content'>{lost}</div></body></html>")
    assert paragraphs_from_span_divs(tree) == len(BODY.split("\n"))
    # beside paragraphs of the page's other kind, a div of its class too short to be prose:
    # not read otherwise than before
    tree = parse_html(f"<html><body><div>{paragraphs}<div class='paragraph_para'><span>短句。</span>"
                      "</div></div></body></html>")
    assert paragraphs_from_span_divs(tree) == 0


def test_a_pages_own_text_comes_before_its_state_and_a_short_state_is_no_article():
    state = "<script>var s = " + json.dumps({"text": "县里新闻" * 80}, ensure_ascii=False) + ";</script>"
    shown = "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
    assert process_page(Page(url="http://team.test/a.html", body=_app_page(state, shown))).text == BODY
    short = "<script>var s = " + json.dumps({"text": BODY[:90]}, ensure_ascii=False) + ";</script>"
    with pytest.raises(PageRejected):
        process_page(Page(url="http://team.test/a.html", body=_app_page(short, shown="")))


def test_a_letter_and_its_reply_in_a_forms_table_are_read():
    # a 政民互动 page laid out with tables: the letter sits in a label/value table that
    # trafilatura, reading such a page without tables, lost
    letter = "您好！我是大河镇人，在宁波打工八年，今年想回镇上开一家五金作坊，请问创业担保贷款需要什么条件？"
    form = (f"<table class='xj'><tr><th>来信人</th><td>王**</td><th>来信时间</th><td>2024-03-11</td></tr>"
            f"<tr><th>办理状态</th><td>已办结</td><th>浏览次数</th><td>326</td></tr>"
            f"<tr><th>来信内容</th><td colspan='3'>{letter}</td></tr></table>")
    nav = "".join(f"<a href='/c{i}'>栏目{i}</a>" for i in range(12))
    nav = f"<table><tr><td>{nav}</td></tr></table>"
    html = (f"<html><head><title>{TITLE}</title></head><body>{nav}<table><tr><td>{form}"
            "<div class='hf'>" + "".join(f"<p>{line}</p>" for line in BODY.split("\n")) + "</div>"
            "</td></tr></table></body></html>")
    page = process_page(Page(url="http://team.test/a.html", site="team", body=html.encode()))
    assert page.text == letter + "\n" + BODY
    assert "来信人" not in page.text and "已办结" not in page.text


def test_an_e_papers_page_title_gives_way_to_the_pages_top_heading():
    # the <title> names the paper and the page; the headline is the h2 between 引题 and 副题
    html = ("<html><head><title>川南日报 - 05版:要闻-2023年06月15日</title></head><body>"
            "<div class='nav'><h4>01版：要闻</h4><h4>05版：要闻</h4></div>"
            f"<h3>花垣县以劳务协作促增收</h3><h2>{TITLE}</h2><h4>全县外出务工人员突破十万</h4>"
            + "".join(f"<p>{line}</p>" for line in BODY.split("\n")) + "</body></html>")
    page = process_page(Page(url="http://team.test/a.html", site="team", body=html.encode()))
    assert page.title == TITLE


def test_a_digital_editions_title_drops_the_papers_name_before_the_headline():
    # an e-paper system's page: the paper's name leads the <title>, the headline stands in its
    # own element (<founder-title>), and the page's list of the edition's other headlines holds it
    html = (f"<html><head><title>川南日报数字报-{TITLE}</title></head><body><table><tr><td>"
            f"<a href='content_2.htm'>{TITLE}</a><br><a href='content_3.htm'>春风行动启动</a></td><td>"
            f"<founder-title>{TITLE}</founder-title><founder-content><p>{BODY}</p></founder-content>"
            "</td></tr></table></body></html>")
    page = process_page(Page(url="http://team.test/content_1.htm", site="team", body=html.encode()))
    assert page.title == TITLE


def test_a_headline_that_links_to_its_own_page_is_the_headline():
    html = (f"<html><head></head><body><h1><a href='2756650.html'>{TITLE}</a></h1><p>{BODY}</p>"
            "</body></html>")
    page = process_page(Page(url="http://team.test/2756650.html", site="team", body=html.encode()))
    assert page.title == TITLE


def test_a_notice_in_ascii_punctuation_keeps_its_signature_date():
    # no line has a full-width mark: no paragraph of prose is found, and the header is the
    # first lines only, not the whole text
    notice = ("各学院,各部门:\n根据上级通知精神,结合我校实际,现将2024年劳动节放假安排通知如下.\n"
              "5月1日至5日放假调休,共5天.\n特此通知.\n川南大学校长办公室\n2024年4月20日")
    assert clean_text(notice).text == notice


def test_a_notice_keeps_its_sender_and_date_above_the_page_tools():
    signature = "川南市人力资源和社会保障局\n2023年5月16日"
    tools = "扫一扫在手机打开当前页\npdf下载\nword下载"
    assert clean_text(BODY + "\n" + signature + "\n" + tools).text == BODY + "\n" + signature


def _mobile_page(fold: str, control: str = "<div class='unfold'><span>展开全文</span></div>") -> bytes:
    *shown, rest = BODY.split("\n")
    hidden_above = ("<div class='yuan' style='display:none'>原标题：花垣县举办济南专场招聘会，"
                    "48家企业带来2100余个岗位，现场达成就业意向680人，县人社局将跟踪服务已签约的务工人员。</div>")
    return (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>{hidden_above}"
            f"<div class='art-body'><p>{'</p><p>'.join(shown)}</p>{fold.format(rest=rest)}</div>"
            f"{control}<div class='feed'><a href='/a/2.html'>花垣县就业帮扶车间吸纳群众家门口就业</a></div>"
            "</body></html>").encode()


def test_a_folds_text_hidden_until_unfolded_is_the_articles():
    # a mobile page holds the whole article; the half below the fold is display:none until a
    # reader taps 展开全文, and extractors dropped what is hidden
    fold = "<div class='more' style='display: none'><p>{rest}</p></div>"
    page = process_page(Page(url="http://team.test/a.html", site="team", body=_mobile_page(fold)))
    assert page.text == BODY


def test_a_box_hidden_by_its_class_with_no_control_stays_hidden():
    # (one with its control, m.sohu's hidden-content hide: tests/pages/msohu-class-fold.html)
    tree = lxml.html.fromstring(_mobile_page("<div class='hidden-content hide'><p>{rest}</p></div>", "")
                                .decode())
    assert reveal_folded_text(tree) == 0
    assert tree.xpath("//div[@class='hidden-content hide']")


@pytest.mark.parametrize("fold, control", [
    # no control unfolds it: a hidden box is not meant to be read
    ("<div class='more' style='display:none'><p>{rest}</p></div>", ""),
    # a hidden list of links (an SEO block) under the article
    ("<div style='display:none'>"
     + "".join(f"<a href='/a/{i}.html'>花垣县第{i}批务工人员乘专列赴济南就业。</a>" for i in range(6))
     + "</div><p>{rest}</p>",
     "<div class='unfold'>展开全文</div>"),
    # hidden prose that continues no paragraph: the original headline's box above the text
    ("<p>{rest}</p>", "<div class='unfold'>展开全文</div>"),
    # a pop-up's notice after the article, shown over the page when a reader taps 分享
    ("<p>{rest}</p>", "<div class='share-layer' style='display:none'><p>本网站所刊登的各种新闻、信息和"
     "各种专题专栏资料，均为本网站版权所有，未经协议授权，禁止下载使用。转载请注明出处，违者本网站将依法追究责任。"
     "</p></div>"
     "<div class='unfold'>展开全文</div>"),
], ids=["no-control", "hidden-links", "hidden-above", "pop-up"])
def test_hidden_text_that_is_no_fold_stays_hidden(fold, control):
    tree = lxml.html.fromstring(_mobile_page(fold, control).decode())
    assert reveal_folded_text(tree) == 0
    assert all("display:none" in el.get("style", "").replace(" ", "") or el.get("hidden") is not None
               for el in tree.xpath("//*[@style or @hidden]"))


@pytest.mark.parametrize("line", [
    "已经是最后一张了", "已是最后一页", "没有更多了", "没有更多内容了~",
    "《 人民日报 》（ 2023年11月07日 第 10 版）", "《光明日报》（2023年11月07日 07版）"])
def test_a_gallerys_last_word_and_the_print_edition_go(line):
    assert clean_text(BODY + "\n" + line).text == BODY


@pytest.mark.parametrize("line", ["已经是最后一张了，他说这批订单做完就回家过年。",
                                  "《人民日报》2023年11月07日第10版刊发评论员文章，点赞东西部劳务协作。"])
def test_a_sentence_about_a_last_piece_or_an_edition_stays(line):
    assert clean_text(BODY + "\n" + line).text == BODY + "\n" + line


def _epaper_article(kicker: str, subtitle: str, body: str = BODY) -> bytes:
    pages = "".join(f"<li><a href='node_{i:02d}.htm'>{i:02d}版：要闻</a></li>" for i in range(1, 9))
    return (f"<html><head><title>{TITLE}--川南日报</title></head><body>"
            f"<div class='nav'><h2>版面导航</h2><ul>{pages}</ul></div><div class='article'>"
            f"<h3>{kicker}</h3><h1>{TITLE}</h1><h2>{subtitle}</h2><p class='sec'>本报记者 李明</p>"
            + "".join(f"<p>{line}</p>" for line in body.split("\n")) + "</div></body></html>").encode()


def test_a_headlines_kicker_and_subtitle_are_the_headlines_not_the_text():
    # 引题 above the headline, 副题 below it: the headline's set, as an e-paper prints it; the
    # e-paper's list of its pages goes under its heading (版面导航)
    page = process_page(Page(url="http://team.test/content_1.htm", site="team",
                             body=_epaper_article("济南湘西深化人岗对接 帮助脱贫群众稳定就业",
                                                  "今年以来两地组织“点对点”输送务工人员2.3万人次")))
    assert page.title == TITLE
    assert page.text == BODY


def test_a_sentence_beside_the_headline_and_the_subtitles_words_in_the_text_stay():
    # a lead set as a heading is a sentence, no subtitle; the subtitle's words further down, in
    # the text, are the text's
    lead = "5月16日，花垣县举办济南专场招聘会，达成就业意向680人。"
    subtitle = "今年以来两地组织“点对点”输送务工人员2.3万人次"
    tree = lxml.html.fromstring(_epaper_article("劳务协作", lead).decode())
    assert headline_companions(tree, TITLE) == ["劳务协作"]
    page = process_page(Page(url="http://team.test/content_1.htm", site="team",
                             body=_epaper_article("劳务协作", subtitle, BODY + "\n" + subtitle)))
    assert page.text == BODY + "\n" + subtitle


NOTICE = ("根据有关规定，现将2023年第二批职业技能鉴定合格人员名单予以公告。\n特此公告。\n"
          "川南市人力资源和社会保障局\n2023年4月17日")


def test_a_sites_footer_after_a_notices_signature_goes():
    footer = ("主办单位：川南市人力资源和社会保障局　承办：川南市人社局信息中心\n"
              "地址：川南市人民路88号　邮编：558000　联系电话：0854-8223456　传真：0854-8223457")
    assert clean_text(NOTICE + "\n" + footer).text == NOTICE


@pytest.mark.parametrize("after", [
    "补充说明：名单如有异议，请于5月1日前反映。",                  # one field, a sentence
    "联系人：王老师，联系电话：0854-8223456。",                    # two fields in a sentence
])
def test_the_notices_own_lines_after_its_signature_stay(after):
    assert clean_text(NOTICE + "\n" + after).text == NOTICE + "\n" + after


def test_field_runs_before_the_signature_are_the_notices():
    fields = "报名时间：5月1日至5月10日　报名地点：市人才市场二楼"
    text = NOTICE.replace("特此公告。", fields + "\n特此公告。")
    assert clean_text(text).text == text


# Each kind of line a rule drops, and look-alikes in the news that stay (goes: False)
LINE_KINDS: dict[str, list[tuple[str, bool]]] = {
    "a reporting line is a label, not a sentence naming it": [
        ("违法和不良信息举报电话：12377", True),
        ("举报电话 0854-12345678", True),
        # a sentence that tells the reader where to report: the article's own advice
        ("农民工如遇欠薪问题，可拨打12333或县劳动保障监察举报电话进行反映。", False),
        ("市人社局公布了欠薪投诉举报电话0833-12333，并在各区（县）设立了根治欠薪服务窗口。", False),
    ],
    "an e-paper's breadcrumb, calendar and tools": [
        ("苗岭日报 > 2022年09月08日 > 第03版：乡村振兴", True),
        ("< 2022年09月 >", True),
        ("放大 缩小 打印", True),
        # an arrow in a sentence, a figure compared
        ("今年全县农民工月均收入>4500元，比上年增长6%，高于全省平均水平。", False),
    ],
    "a portal's licences, notices, sign-offs and promos": [
        ("网络文化经营许可证：川网文〔2020〕1234-056号 增值电信业务经营许可证：川B2-20050073", True),
        ("凡本报记者署名文字、图片，未经授权，任何单位和个人不得转载、摘编或以其他方式使用。", True),
        ("编辑 汪朵", True),
        ("新疆新闻第一时间推送，更多精彩内容尽在石榴云。", True),
        ("看开化新闻、办便民事项，扫描左侧二维码即可下载。", True),
        ("时长 02:16来源：山东广播电视台", True),
        # a licence, an editor, a QR code and a video's length in the news itself
        ("县人社局为32家人力资源服务机构办理了人力资源服务许可证，规范了招聘行为。", False),
        ("编辑部的同事们连夜赶稿，确保报道及时刊发。", False),
        ("求职者扫描岗位二维码，就能在线投递简历，企业当天即可回复。", False),
        ("培训视频时长约20分钟，学员可随时回看。", False),
    ],
    "a credit, a clock and a citation, and the text that looks like them": [
        ("（宣传科 彭思远）", True),
        # a bracketed aside of the article, a time with its event, a reference to a paper's story
        ("（县人社局，2024年3月）", False), ("08:30 招聘会开幕", False),
        ("《清江日报》2024年5月9日第2版刊发了这篇报道，引起广泛关注。", False),
        ("本点评活动由县人社局主办，欢迎群众参与。", False),
        # a sentence about searches, a bracket that opens a paragraph on advertising
        ("相关搜索数据显示，“春风行动”一词的搜索量同比增长三成。", False),
        ("【广告法】新修订的广告法对招聘广告作出了明确规定。", False),
        ("扫码领取电子就业创业证后，即可在线申领补贴。", False),
        # the rights in a sentence of the article, a forum's topic in a sentence
        ("协议约定，作品版权归原作者所有，平台不得擅自改编。", False),
        ("热门主题之一是返乡创业，不少网友分享了自己的经历。", False),
        ("详细报道见第三版。", False),
    ],
    "a count beside an icon, a search box's words": [
        ("阅读 1.2万", True), ("浏览量 10万+", True), ("3421次浏览", True), ("86", True),
        ("热门搜索：就业 招聘会", True),
        # a count in a sentence, a search the text tells of, a year with its word
        ("文章发布后阅读量超过1.2万，不少网友留言咨询报名方式。", False),
        ("搜索：县人社局发布通知，要求各乡镇做好春季招聘。", False),
        ("2024年", False),
    ],
    "an entry's, a repost's and a forum's furniture": [
        ("本词条由“科普中国”科学百科词条编写与应用工作项目 审核 。", True),
        ("词条图册", True), ("更多回答", True), ("最新日志", True),
        ("转自：桐源发布", True), ("（如有侵权请联系删除）", True),
        ("原文地址：东西部协作架起“就业桥”作者：平川之窗", True),
        ("您需要 登录 才可以下载或查看，没有账号？立即注册", True),
        ("评分 参与人数 2 金钱 +6", True),
        ("IMG_20230402_153012.jpg (216.3 KB, 下载次数: 5) "
         "IMG_20230402_153347.jpg (198.7 KB, 下载次数: 3)", True),
        # the same words in the news: a repost told of, an infringement case, a rating, an entry
        ("转自：县人社局的通知，今年春风行动将持续到3月底，各乡镇要做好组织。", False),
        ("如有侵权行为，劳动者可拨打12333举报，人社部门将依法查处。", False),
        ("评分标准由县人社局制定，参与人数超过200人。", False),
        ("本词条由县志办组织编写，收录了全县42个帮扶车间的基本情况。", False),
    ],
    "a letter page's vote, an app's prompt, a page's credits": [
        ("办理结果", True), ("您对本次答复是否满意？", True),
        ("当前评价：满意（14） 基本满意（2） 不满意（0）", True),
        ("打开网易新闻 查看精彩图片", True), ("记者 陈思远 通讯员 刘洋 文/图", True),
        ("本版责编：王 浩 李 卉 刘 宁", True),
        ("制图：云峤市人力资源和社会保障局 云峤市融媒体中心", True),
        ("您是本站第 位访问者 建议使用IE5.0以上版本，800×600分辨率浏览", True),
        # the same words in the news
        ("办理结果将在10个工作日内通过短信告知申请人。", False),
        ("群众对本次招聘会的服务是否满意，县人社局将开展回访。", False),
        ("记者陈思远在现场看到，求职者排起了长队。", False),
        ("打开手机就能查看岗位信息，求职者足不出户就能投递简历。", False),
    ],
    "an official document's distribution, an e-paper's notes": [
        ("抄送：市人力资源和社会保障局，县财政局，县审计局。", True),
        ("川南县人力资源和社会保障局办公室 2024年3月12日印发", True),
        ("温馨提示：本数字报为苗岭日报印刷版的电子版本，版面内容与印刷版一致。", True),
        ("本版责编：王 浩 李 卉", True),
        ("今天是：", True), ("字号：【", True), ("更新时间：2022-05-12", True), ("> 互动交流", True),
        ("县人社局将通知抄送各乡镇，确保政策落实到位。", False),
        ("今天是春风行动的第一天，现场来了两千多名求职者。", False),
        ("2024年3月12日印发的通知明确了补贴标准。", False),
    ],
}


@pytest.mark.parametrize(("line", "goes"), [case for cases in LINE_KINDS.values() for case in cases])
def test_a_kinds_line_goes_and_its_look_alike_stays(line, goes):
    assert clean_text(BODY + "\n" + line).text == (BODY if goes else BODY + "\n" + line)


INTRODUCTION = ("云溪县位于湖南省西部、沅水中游，是湘西南通往大西南的重要门户。"
                "全县总面积2186平方公里，辖9个镇、4个乡，总人口41.3万人。\n"
                "云溪历史悠久，西汉时即在此设县，素有“五溪之冠”之称。境内山川秀美，森林覆盖率达到71.6%，"
                "拥有云溪古城、九龙洞国家森林公园等旅游景点。\n"
                "近年来，全县坚持工业强县、农业稳县、旅游兴县发展战略，形成了"
                "新型建材、电子信息、农产品精深加工三大主导产业，入驻规模以上企业86家。")


def _brief_beside(column_class: str, article_class: str) -> bytes:
    introduction = "".join(f"<p>{line}</p>" for line in INTRODUCTION.split("\n"))
    return (f"<html><head><title>{TITLE}_云溪县人民政府</title></head><body><div class='main'>"
            f"<div class='{article_class}'><div class='xl_title'>{TITLE}</div>"
            f"<div class='con'>{''.join(f'<p>{line}</p>' for line in BODY.split(chr(10)))}</div></div>"
            f"<div class='{column_class}'>"
            "<div class='side_tit'><h3>县情简介</h3><a href='/xqjj/'>更多</a></div>"
            f"<div class='xqjj'>{introduction}</div></div></div></body></html>").encode()


def test_a_brief_beside_a_longer_introduction_in_a_side_column_is_the_article():
    # the county's introduction in the side column holds more prose than the news brief, which
    # stands under the headline
    page = process_page(Page(url="http://team.test/t20240226_1.html", site="team",
                             body=_brief_beside("xl_right side_box", "xl_left")))
    assert page.text == BODY


def test_a_column_named_side_that_holds_the_headline_is_the_articles():
    # a government template names both columns: a left-side menu and the right-side article;
    # the footer's lines outside both are no article
    article = "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
    footer = ("<div class='footer'><p>主办单位：云溪县人民政府办公室　承办单位：云溪县政务服务中心　"
              "地址：云溪县人民路88号　邮编：419000　联系电话：0745-1234567　网站标识码：4312000001　"
              "湘ICP备05001234号　湘公网安备43120002000123号　建议使用1280×800分辨率浏览本站　"
              "技术支持：云溪县信息中心</p></div>")
    html = (f"<html><head><title>{TITLE}_云溪县人民政府</title></head><body><div class='main'>"
            "<div class='left-side'><ul><li><a href='/a/'>政府信息公开</a></li></ul></div>"
            f"<div class='right-side'><h1>{TITLE}</h1><div class='con'>{article}</div></div></div>"
            f"{footer}</body></html>")
    page = process_page(Page(url="http://team.test/t20240226_1.html", site="team", body=html.encode()))
    assert page.text == BODY


@pytest.mark.parametrize("line", [
    "（作者单位：河南省社会科学院农村发展研究所）",
    "完", "2023年11月7日（星期二）", "香港時間18時30分",
    "01", "文字：长坪县融媒体中心 周婧", "排版：李娜", "分享 收藏 在看 点赞",
])
def test_a_papers_affiliation_a_releases_end_and_a_reposts_furniture_go(line):
    assert clean_text(BODY + "\n" + line).text == BODY


@pytest.mark.parametrize("line", [
    "完成培训的学员将由县人社局推荐到合作企业就业。",      # 完 opening a sentence
    "2023年11月7日",                                         # a notice's date, no weekday
    "2023",                                                  # a year is no section number
    "图片：务工人员在帮扶车间里加工电子元件",                 # a caption so labelled
])
def test_lines_like_them_that_are_text_stay(line):
    assert clean_text(BODY + "\n" + line).text == BODY + "\n" + line


def test_the_headline_shown_with_its_kind_tag_is_no_text():
    html = (f"<html><head><title>【视频】{TITLE}_川南广电网</title></head><body>"
            f"<div class='video'></div><div class='text'><h1>【视频】{TITLE}</h1>"
            + "".join(f"<p>{line}</p>" for line in BODY.split("\n")) + "</div></body></html>")
    page = process_page(Page(url="http://team.test/a.html", site="team", body=html.encode()))
    assert page.title == TITLE
    assert page.text == BODY


def test_a_government_pages_article_title_meta_names_its_headline():
    # the <title> keeps the site's name after a space; the page's metadata names the headline
    html = (f"<html><head><title>{TITLE} 长坪县人民政府</title><meta name='ArticleTitle' content='{TITLE}'>"
            "</head><body><div class='tit'>" + TITLE + "</div>"
            + "".join(f"<p>{line}</p>" for line in BODY.split("\n")) + "</body></html>")
    assert process_page(Page(url="http://team.test/a.html", site="team", body=html.encode())).title == TITLE


def _picture_page(box: str) -> bytes:
    first, *rest = BODY.split("\n")
    return (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><div class='entry-content'>"
            f"<p>{first}</p>{box}" + "".join(f"<p>{line}</p>" for line in rest)
            + "</div></body></html>").encode()


CAPTION = "求职者在招聘会现场排队登记求职信息。"


@pytest.mark.parametrize("box", [
    # WordPress's classic caption: a linked picture and its caption in a box named wp-caption
    f"<div class='wp-caption aligncenter'><a href='/a/attachment/1/'><img src='/a.jpg'></a>"
    f"<p class='wp-caption-text'>{CAPTION}</p></div>",
    # its block editor's: a figure named so, with a figcaption
    f"<figure id='attachment_1622' aria-describedby='caption-attachment-1622' style='width: 1024px'"
    f" class='wp-caption aligncenter'><a href='/a.jpg'><img src='/a.jpg'></a>"
    f"<figcaption id='caption-attachment-1622' class='wp-caption-text'>{CAPTION}</figcaption></figure>",
], ids=["classic", "figure"])
def test_a_pictures_caption_in_a_box_named_caption_is_read(box):
    # (a page long enough for trafilatura's main pass: it drops whatever is named a caption)
    more = "".join(f"<p>{line}</p>" for line in INTRODUCTION.split("\n"))
    html = _picture_page(box).replace(b"</div></body>", more.encode() + b"</div></body>")
    page = process_page(Page(url="http://team.test/a.html", site="team", body=html))
    lines = BODY.split("\n")
    assert page.text.split("\n") == [lines[0], CAPTION, *lines[1:], *INTRODUCTION.split("\n")]


# an old template's text: its paragraphs runs between breaks
BROKEN_BODY = "".join(f"{line}<br><br>" for line in BODY.split("\n"))


def _title_of(html: str) -> str | None:
    return process_page(Page(url="http://team.test/a.htm", site="team", body=html.encode())).title


def test_an_old_pages_headline_set_large_is_its_title_where_the_title_names_the_site():
    body = BROKEN_BODY
    html = ("<html><head><title>丰泽县劳动和社会保障信息网--工作动态</title></head><body><table>"
            "<tr><td><font size='2'>您现在的位置：首页 &gt;&gt; 工作动态</font></td></tr>"
            f"<tr><td align='center'><font color='#CC0000' size='4'><b>{TITLE}</b></font></td></tr>"
            "<tr><td align='center'><font size='2'>发布时间：2005-2-23 来源：县劳动局</font></td></tr>"
            f"<tr><td><font size='2'>{body}</font></td></tr></table></body></html>")
    assert _title_of(html) == TITLE
    # where the title holds a headline, a bold line is no title (a subheading, a name)
    titled = html.replace("丰泽县劳动和社会保障信息网--工作动态", f"{TITLE}--丰泽县劳动和社会保障信息网")
    titled = titled.replace(f"<b>{TITLE}</b>", "<b>就业服务专栏</b>")
    assert _title_of(titled) == TITLE


def test_a_heading_over_the_article_is_its_title_where_the_title_names_a_taiwanese_department():
    # a Taiwanese county's portal: the <title> names the department and the channel, the headline
    # is the page's heading over the release's fields, after the side menu's headings
    html = ("<html><head><title>澄湖縣政府勞工處-新聞稿</title></head><body>"
            "<h2 class='sr-only'>主選單</h2><aside><h2 class='h3'>最新消息</h2><ul><li><a href='/n.aspx'>"
            "勞工處新聞稿</a></li></ul></aside><div class='area-title'><h2 class='h3'>"
            "澄湖縣就業服務中心安溪站1月16日遷址營運</h2></div><table><tr><th>發布日期</th><td>112-01-10</td>"
            f"</tr></table><div class='area-editor'><div class='essay'>{BROKEN_BODY}</div></div>"
            "</body></html>")
    assert _title_of(html) == "澄湖縣就業服務中心安溪站1月16日遷址營運"


@pytest.mark.parametrize("name", ["biaoti", "bt", "dbt"])
def test_an_old_pages_headline_in_a_cell_named_title_in_pinyin_is_its_title(name):
    # 标题 in pinyin (its style sheet sets it large), below a side column's bold box heading
    body = BROKEN_BODY
    html = ("<html><head><title>桐溪县人民政府网</title></head><body><table><tr>"
            "<td width='180'><table><tr><td><b>最新动态</b></td></tr>"
            "<tr><td><a href='/a/2.htm'>县人社局开展送岗下乡活动</a></td></tr></table></td>"
            f"<td><table><tr><td class='{name}' align='center'>{TITLE}</td></tr>"
            "<tr><td align='center'>发布时间：2004-7-12 点击数：233</td></tr>"
            f"<tr><td><font>{body}</font></td></tr></table></td></tr></table></body></html>")
    assert _title_of(html) == TITLE
    # a cell named otherwise (a button's, btn) is no headline
    assert _title_of(html.replace(f"class='{name}'", "class='btn'")) != TITLE


def test_paragraphs_beside_pictures_in_turn_in_a_layout_table_are_read():
    # 图文混排: a row each, the picture left of its paragraph, then right of the next
    lines = BODY.split("\n")
    more = "为让工坊建得起、留得住，县人社部门联合各乡镇开展订单式技能培训，今年以来已举办专场培训23期。"
    picture = "<td width='45%'><img src='/u/1.jpg' width='300'></td>"
    rows = "".join(f"<tr>{picture}<td>{line}</td></tr>" if i % 2 == 0
                   else f"<tr><td>{line}</td>{picture}</tr>" for i, line in enumerate([*lines[1:], more]))
    html = (f"<html><head><title>{TITLE}</title></head><body><table><tr><td width='200'>"
            + "".join(f"<a href='/c/{i}.asp'>栏目{i}</a><br>" for i in range(12)) + "</td><td>"
            f"<table><tr><td class='title'><b>{TITLE}</b></td></tr><tr><td class='news_txt'>"
            f"<p>{lines[0]}</p><table>{rows}</table></td></tr></table></td></tr></table></body></html>")
    page = process_page(Page(url="http://team.test/a.asp", site="team", body=html.encode("gbk"),
                             content_type="text/html; charset=gbk"))
    assert page.text == "\n".join([*lines, more])


def test_headings_in_rows_of_their_own_among_a_layout_tables_paragraph_rows_are_read():
    # an old template's article: a row a paragraph after a spacer's cell, a heading's row between
    lines = BODY.split("\n")
    spacer = "<td width='20'><img src='/images/spacer.gif'></td>"
    texts = ["一、健全服务网络", lines[0], lines[1], "二、强化技能培训", lines[2], "2006年8月16日"]
    rows = "".join(f"<tr>{spacer}<td>{text}</td></tr>" for text in texts)
    html = (f"<html><head><title>{TITLE}</title></head><body><table><tr><td width='200'>"
            + "".join(f"<a href='/c/{i}.asp'>栏目{i}</a><br>" for i in range(12)) + "</td><td>"
            f"<table><tr><td class='title'><b>{TITLE}</b></td></tr><tr><td><table>{rows}</table>"
            "</td></tr></table></td></tr></table></body></html>")
    page = process_page(Page(url="http://team.test/a.asp", site="team", body=html.encode("gbk"),
                             content_type="text/html; charset=gbk"))
    # (a heading's row before the first paragraph's, or a last row, is no heading among them)
    assert page.text == "\n".join([lines[0], lines[1], "二、强化技能培训", lines[2]])


def test_a_releases_record_table_goes_and_its_photo_lists_captions_are_read():
    # a government release: its record (發布單位, 發布日期, 聯絡人, 聯絡電話: a label and its value a
    # row, no colon) between the headline and the text, its photos in a list after it, each
    # caption a sentence under its linked picture
    lines = BODY.split("\n")
    captions = ["县人社局与劳务协作站共同召开记者会，宣传今年的专场招聘会。",
                "去年招聘会现场，求职群众向企业咨询岗位。"]
    record = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in (
        ("发布单位", "县人社局劳动就业股"), ("发布日期", "2023-05-16"), ("联络人", "陈怡君"),
        ("联络电话", "0743-5221001 分机 1532")))
    photos = "".join(f"<li><a href='/p/{i}.jpg'><img src='/p/{i}_s.jpg' alt='{c}'></a>"
                     f"<p class='cap'>{c}</p></li>" for i, c in enumerate(captions))
    html = (f"<html><head><title>{TITLE}</title></head><body><div class='cp'><h2>{TITLE}</h2>"
            f"<table class='info'>{record}</table><div class='essay'>"
            + "".join(f"<p>{line}</p>" for line in lines)
            + f"</div><div class='photo_list'><ul>{photos}</ul></div></div></body></html>")
    page = process_page(Page(url="http://team.test/News_Content.aspx?n=1", site="team", body=html.encode()))
    assert page.text == "\n".join([*lines, *captions])


def _dede_page(body: str, intro: str) -> bytes:
    # DedeCMS's article box: its info line, the description cut short, the text in a table of
    # one cell, then the editor, a statement, a rule and the tags, each a <div> of the box
    return (f"<html><head><title>{TITLE}_桐溪县新闻网</title></head><body><div class='pleft'>"
            f"<div class='viewbox'><div class='title'><h2>{TITLE}</h2></div>"
            "<div class='info'><small>来源：</small>县人社局 <small>发布时间：</small>2024-06-15 17:40</div>"
            f"<div class='intro'>{intro}...</div><div class='content'><table width='100%'><tr><td>{body}"
            "</td></tr></table></div><div class='editor'>（责任编辑：黄海）</div>"
            "<div class='statement'>声明：凡本网注明“来源：桐溪县融媒体中心”的所有作品，"
            "版权均属于桐溪县融媒体中心，未经授权不得转载、摘编或利用其它方式使用。"
            "已经授权使用作品的，应在授权范围内使用。</div>"
            "<div class='boxoff'><strong>------分隔线----------------------------</strong></div>"
            "<div class='tags'>TAG标签：创业大赛 创业</div></div></div></body></html>").encode("gbk")


def test_a_dedecms_article_with_its_data_table_is_read_whole():
    # the description above the text repeats its opening cut short; the text and its data
    # table stand in a table of one cell; the box's template lines outweigh the text
    opening = "6月14日，第四届创业创新大赛决赛在县返乡创业园举行，20个项目进入决赛，最终评出获奖项目10个。"
    lead = "决赛采取项目路演加评委提问的方式进行。部分获奖项目如下："
    rows = [("奖项", "项目名称", "负责人"), ("一等奖", "高山富硒茶精深加工项目", "何喆"),
            ("二等奖", "竹编文创产品开发项目", "赵文珺"), ("二等奖", "山地民宿集群运营项目", "曾晓婷")]
    closing = "获奖项目将获得创业扶持资金。"
    table = "<table border='1'>" + "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows) + "</table>"
    body = f"<p>{opening}</p><p>{lead}</p>{table}<p>{closing}</p>"
    page = process_page(Page(url="http://team.test/a/jiuye/2024/0615/1230.html", site="team",
                             body=_dede_page(body, opening[:30]), content_type="text/html"))
    assert [" ".join(line.split()) for line in page.text.split("\n")] == [
        opening, lead, *(" ".join(row) for row in rows), closing]


def test_a_body_pasted_as_plain_text_is_read_a_paragraph_at_a_time():
    pre = "\n\n".join(f"　　{line}" for line in BODY.split("\n"))
    html = (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><table><tr><td id='zoom'>"
            f"<pre>\n{pre}\n</pre></td></tr></table><div class='foot'>版权所有</div></body></html>")
    assert process_page(Page(url="http://team.test/a.htm", site="team", body=html.encode())).text == BODY
    # code in a <pre> has no sentences: it stays one block
    code = "<pre>for i in range(3):\n    print(i)\n</pre>"
    assert paragraphs_from_preformatted(lxml.html.fromstring(f"<div>{code}</div>")) == 0


def test_a_qa_sets_answers_hidden_by_a_class_are_read_and_an_infoboxs_terms_are_not_questions():
    pairs = [("问：哪些人员可以申请一次性创业补贴？",
              "答：首次创办小微企业且正常运营1年以上的返乡入乡创业人员，可申请一次性创业补贴。"),
             ("问：创业担保贷款的额度是多少？",
              "答：符合条件的个人创业者可申请最高不超过30万元的创业担保贷款。")]
    dls = "".join(f"<dl class='qa'><dt>{q}</dt><dd class='qa-a hide'>{a}</dd></dl>" for q, a in pairs)
    html = (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><div id='zoom'>"
            f"<p>{BODY.split(chr(10))[0]}</p><div class='qa-list'>{dls}</div></div></body></html>")
    page = process_page(Page(url="http://team.test/a.htm", site="team", body=html.encode()))
    assert page.text.split("\n") == [BODY.split("\n")[0], *(line for pair in pairs for line in pair)]
    infobox = lxml.html.fromstring(
        "<div><dl><dt>中文名</dt><dd>东西部劳务协作</dd><dt>性质</dt><dd>帮扶机制</dd></dl></div>")
    assert paragraphs_from_questions(infobox) == 0


@pytest.mark.parametrize("line, goes", [
    ("重点词汇", True),
    ("Vocabulary", True),
    ("本次招聘会的重点词汇是“稳岗”和“增收”。", False),
])
def test_a_bilingual_pages_vocabulary_box_ends_the_text(line, goes):
    tail = line + "\n劳务协作\nlabor cooperation"
    body = BODY + "\n" + BODY.replace("5月16日", "6月20日")  # (the box in the text's second half)
    text = body + "\n" + tail
    assert clean_text(text).text == (body if goes else text)


def test_a_document_a_frame_carries_in_the_page_is_read_in_place():
    inner = "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
    frame = html_escape(f"<html><body><div class='art'>{inner}</div></body></html>", quote=True)
    html = (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><div class='info'>2024-02-20"
            f"</div><div class='article'><iframe srcdoc=\"{frame}\" frameborder='0'></iframe></div>"
            "<div class='share'>分享到：微信 微博</div></body></html>")
    assert process_page(Page(url="http://team.test/a.html", site="team", body=html.encode())).text == BODY


def _media_page(info: str, title: str) -> bytes:
    body = "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
    return (f"<html><head><title>{title}</title></head><body><div class='article'>"
            f"<h1>{TITLE}</h1><div class='content'><div class='meta'>{info}</div>{body}</div>"
            "</div></body></html>").encode()


def test_the_sites_name_the_title_gives_is_no_line_of_the_text():
    # the info line names the source as the <title> does: the site's, not the article's words
    info = "<p><span class='source'>上海嘉定</span></p><p>2024-05-21 08:15</p>"
    page = process_page(Page(url="http://team.test/a/1.html", site="team",
                             body=_media_page(info, f"{TITLE} - 上海嘉定")))
    assert page.text == BODY


def test_a_line_that_is_not_the_titles_site_name_stays():
    info = "<p>嘉定区人社局</p>"
    page = process_page(Page(url="http://team.test/a/1.html", site="team",
                             body=_media_page(info, f"{TITLE} - 上海嘉定")))
    assert page.text == "嘉定区人社局\n" + BODY


def test_a_grid_of_links_between_breaks_is_no_paragraphs_and_runs_of_prose_are():
    # the grid is left one block; runs of text that hold a link each are still paragraphs
    # (a sidebar's 便民服务 before the article: given paragraphs, it was read as the article's)
    grid = lxml.html.fromstring(
        "<div><a href='/a/'>就业服务</a> <a href='/b/'>社保查询</a> <a href='/g/'>医疗卫生</a><br>"
        "<a href='/c/'>教育入学</a> | <a href='/d/'>交通出行</a> | <a href='/h/'>公积金</a><br>"
        "<a href='/e/'>常用电话</a> <a href='/f/'>天气预报</a> <a href='/i/'>供热服务</a></div>")
    prose = lxml.html.fromstring("<div>县人社局联合<a href='/a/'>县就业服务中心</a>在城关镇举办招聘会。<br>"
                                 "县职教中心同步开设<a href='/b/'>电工培训班</a>，首批招收学员60名。<br>"
                                 "<a href='/c/'>县就业服务中心</a><br></div>")
    assert paragraphs_from_breaks(grid) == 0
    assert paragraphs_from_breaks(prose) == 1
    assert [p.text_content() for p in prose.iter("p")] == [
        "县人社局联合县就业服务中心在城关镇举办招聘会。", "县职教中心同步开设电工培训班，首批招收学员60名。",
        "县就业服务中心"]


ROWS = ["车间名称 所在乡镇 吸纳就业（人）", "河湾村电子线束车间 白沙镇 82", "青岗乡袜业帮扶车间 青岗乡 56",
        "桂溪镇茶叶加工帮扶车间 桂溪镇 61", "坪上村服装加工车间 龙潭乡 52", "城关镇社区手工坊 城关镇 47"]


def test_a_short_notice_over_its_table_keeps_the_table_not_the_footer():
    # three lines of text over a table of six rows; the footer's <br> lines hold more text than
    # the notice's paragraphs, and half the text is the table's rows
    intro = ("近日，柘川县公布2023年度就业帮扶车间星级评定结果，共评出五星级车间5家。",
             "星级评定从带动就业人数、吸纳脱贫劳动力比例、工资发放等方面进行综合评价。名单如下：")
    end = "对评为四星级以上的车间，县里将给予1万元至3万元不等的一次性奖励。"
    table = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row.split()) + "</tr>" for row in ROWS)
    footer = ("主办：柘川县融媒体中心　地址：柘川县城关镇解放路88号　邮编：418600　新闻热线：0736-6822110<br>"
              "违法和不良信息举报电话：0736-6822119　举报邮箱：zcrmt@163.com<br>"
              "Copyright © 2016-2025 柘川新闻网 All Rights Reserved　本网站所刊登的各种新闻、信息和专栏资料，"
              "未经协议授权，禁止下载使用<br>湘ICP备16004287号-1　湘公网安备 43122802000118号")
    html = (f"<html><head><title>五星级帮扶车间名单公布_柘川新闻网</title></head><body>"
            "<div class='article'><h1>五星级帮扶车间名单公布</h1>"
            "<div class='info'>发布时间：2023-09-28</div>"
            f"<div class='content'>{''.join(f'<p>{p}</p>' for p in intro)}"
            f"<table border='1'>{table}</table><p>{end}</p></div></div>"
            f"<div class='footer'><div class='wrap'>{footer}</div></div></body></html>")
    page = process_page(Page(url="http://team.test/e/action/ShowInfo.php?classid=5&id=372", site="team",
                             body=html.encode()))
    # (a row's cells a space or two apart, as the reading that found the table sets them)
    assert [" ".join(line.split()) for line in page.text.split("\n")] == [*intro, *ROWS, end]


def test_a_discuz_post_is_read_without_its_anti_copy_noise_a_line_a_paragraph():
    # a forum post's cell: its lines in <font>s between <br>s, random noise hidden between them
    # (<font class="jammer">, <span style="display:none">), a picture's box whose tip is hidden,
    # and the picture's caption in a <div> of its own
    lines = BODY.split("\n")
    post = (f"<font size='3'>{lines[0]}</font><font class='jammer'>: |$ _; u! |* P  L\" z</font><br />"
            "<span style='display:none'>; W) }# w1 m5 ^) ^% e. t/ [&amp; y$ g. j- `6 o</span><br />"
            "<div align='center'><img src='a.jpg' /><div class='tip' style='position:absolute; display:none'>"
            "<p>IMG_0302.jpg <em>(186.52 KB, 下载次数: 7)</em></p><p><a href='x'>下载附件</a> "
            "<a href='y'>保存到相册</a></p></div></div><br />"
            "<div align='center'><font color='#808080'>招聘会现场，求职者在企业展位前咨询岗位信息。"
            "</font></div><br />"
            f"<font size='3'>{lines[1]}</font><font class='jammer'>1 ]( G8 B1 y1 k3 l$</font><br />"
            f"<font size='3'>{lines[2]}</font><br />")
    reply = "<td class='t_f' id='postmessage_2'>楼主说得对，我也去了，岗位确实多。</td>"
    html = (f"<html><head><title>{TITLE} - 求职招聘 - 桐源论坛</title></head><body><div id='postlist'>"
            f"<h1 id='thread_subject'>{TITLE}</h1><table><tr><td class='plc'>"
            "<em>发表于 2023-5-16 11:26:08</em>"
            f"<table><tr><td class='t_f' id='postmessage_1'>{post}</td></tr></table></td></tr></table>"
            f"<table><tr><td class='plc'>{reply}</td></tr></table></div></body></html>")
    page = process_page(Page(url="http://bbs.team.test/thread-218734-1-1.html", site="team",
                             body=html.encode()))
    assert page.text.split("\n")[:2] == [lines[0], "招聘会现场，求职者在企业展位前咨询岗位信息。"]
    assert page.text.split("\n")[2:4] == lines[1:]


ENTRY_SUMMARY = ("就业帮扶车间是指设在乡镇、村或易地搬迁安置点，以吸纳脱贫劳动力就近就业为主要目的，"
                 "从事农产品加工、手工制作、来料加工等劳动密集型生产活动的场所。")
ENTRY_SECTIONS = {
    "发展历程": ["就业帮扶车间最早出现在劳动力资源丰富的农业地区，部分地方利用村内闲置校舍建设小型加工车间。",
             "2021年起，各地对车间进行规范认定和动态管理，扶持对象扩展到脱贫人口和农村低收入人口。"],
    "运行特点": ["就业帮扶车间的运行通常具有以下特点：",
             "1. 就近就业。车间一般设在村内或安置点附近，务工人员可以兼顾家庭和农业生产。",
             "2. 用工灵活。多数车间实行计件工资，允许弹性上下班。"],
    "存在问题": ["部分车间订单来源单一，受市场波动影响较大，用工稳定性有待提高。"],
}


def _entry_page() -> bytes:
    contents = "".join(f"<li><span class='index'>{n}</span>"
                       f"<span class='text'><a href='#{n}'>{name}</a></span></li>"
                       for n, name in enumerate(ENTRY_SECTIONS, 1))
    sections = "".join(
        "<div class='para-title level-2'><h2 class='title-text'>"
        f"<span class='title-prefix'>就业帮扶车间</span>"
        f"{name}</h2><a class='edit-icon' href='javascript:;'>编辑</a><a class='audio-play'>播报</a></div>"
        + "".join(f"<div class='para'>{line}</div>" for line in lines)
        for name, lines in ENTRY_SECTIONS.items())
    return ("<html><head><title>就业帮扶车间_百科</title></head><body><div class='main-content'>"
            "<dl class='lemmaTitle'><dd><h1>就业帮扶车间</h1><span class='edit-lemma'>编辑</span></dd></dl>"
            "<div class='promotion-declaration'>本词条由“科普中国”科学百科词条编写与应用工作项目 审核 。"
            "</div>"
            f"<div class='lemma-summary'><div class='para'>{ENTRY_SUMMARY}</div></div>"
            "<div class='basic-info'><dl><dt>中文名</dt><dd>就业帮扶车间</dd></dl></div>"
            f"<div class='lemma-catalog'><h2>目录</h2><ol>{contents}</ol></div>"
            f"{sections}</div></body></html>").encode()


def test_an_entrys_summary_and_its_section_headings_are_read_without_their_tools():
    # the contents list links each section from a <span> in its item; each heading stands in a
    # wrapper with its edit and read-aloud tools, the entry's name (hidden by the page's style)
    # before it, over <div>s of prose (the first a line that opens a list)
    tree = lxml.html.fromstring(_entry_page().decode())
    assert headings_from_wrappers(tree) == 3
    headings = tree.xpath("//div[contains(@class, 'para-title')]/*")
    assert [h.text_content() for h in headings] == list(ENTRY_SECTIONS)
    # trafilatura's text, the checker's note over the sections, without the summary that
    # stands apart from them: the summary is put back before it
    sections = "\n".join(line for name, lines in ENTRY_SECTIONS.items() for line in [name, *lines])
    text = f"本词条由“科普中国”科学百科词条编写与应用工作项目 审核 。\n{sections}"
    assert summary_before_text(tree, text) == [ENTRY_SUMMARY]
    assert clean_text("\n".join([ENTRY_SUMMARY, text])).text == "\n".join([ENTRY_SUMMARY, sections])


def test_an_entrys_picture_beside_a_section_keeps_the_heading_and_its_caption():
    # a section whose heading stands over a picture floated beside its text: the heading is
    # read all the same, and the caption (a <span> after the linked picture) among the <div>s of
    # prose is a line of the text
    caption = "就业帮扶车间里的务工群众"
    picture = (f"<div class='lemma-picture text-pic layout-right' style='float: right;'>"
               f"<a class='image-link' href='/pic/1' title='{caption}'><img src='/a.jpg' alt='{caption}'></a>"
               f"<span class='description'>{caption}</span></div>")
    first = "<div class='para'>就业帮扶车间最早"
    html = _entry_page().decode().replace(f"</a></div>{first}", f"</a></div>{picture}{first}")
    assert picture in html
    page = process_page(Page(url="http://team.test/item/1.html", site="team", body=html.encode()))
    lines = page.text.split("\n")
    assert lines[lines.index("发展历程") + 1] == caption
    assert "编辑" not in lines


def test_a_one_paragraph_notice_keeps_its_signatures_date_among_the_first_lines():
    # the sender over the date closes the notice, though the date is its third line, where a
    # bare date is otherwise the dateline; a dateline above it still goes
    notice = ("农民工朋友如遇工资拖欠问题，可拨打县劳动保障监察大队举报投诉电话0736-6823120反映。\n"
              "柘川县根治拖欠农民工工资工作领导小组办公室\n2024年10月8日")
    assert clean_text(notice).text == notice
    assert clean_text("2024年10月8日\n" + notice).text == notice


@pytest.mark.parametrize("footer, goes", [
    ("地址：博陵县人民路56号 邮编：463500 电话：0396-7721385\n技术支持：博陵县信息中心", True),
    ("主办：博陵县人民政府办公室　承办：博陵县大数据中心", True),
    ("主办：博陵县融媒体中心 地址：博陵县城关镇人民路88号 电话：0396-7721385", True),
    ("主办：县人社局 地址：县城文化广场 电话：0396-7721385。欢迎广大求职者踊跃参加。", False),
    # an event's own lines at its end, a notice's contact address before its sender and date
    ("主办单位：县人社局\n技术支持：县就业服务中心", False),
    ("主办单位：县人社局　承办单位：县就业服务中心\n博陵县人力资源和社会保障局\n2023年11月20日", False),
    ("通讯地址：博陵县人民路56号 邮编：463500\n博陵县人力资源和社会保障局\n2023年11月20日", False),
])
def test_a_sites_address_and_maker_close_the_text_and_a_notices_stay(footer, goes):
    assert clean_text(BODY + "\n" + footer).text == (BODY if goes else BODY + "\n" + footer)


def test_a_text_cut_short_gives_way_to_the_whole_it_hides():
    # a video page's summary shown cut short (……展开) and the whole hidden beside it: the whole
    # is the text, whatever its control says (展开, not 展开全文)
    whole = BODY.split("\n")[0]
    html = (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><div class='brief'>"
            f"<p id='short'>视频简介：{whole[:40]}……<a href='javascript:;'>展开</a></p>"
            f"<p id='all' style='display:none'><span>视频简介：</span>{whole}"
            "<a href='javascript:;'>收起</a></p></div>"
            f"<div class='text'><p>{'</p><p>'.join(BODY.split(chr(10))[1:])}</p></div></body></html>")
    page = process_page(Page(url="http://team.test/a.html", site="team", body=html.encode()))
    # (without its label and its own control: <span>视频简介：</span>…<a>收起</a>)
    assert whole in page.text.split("\n") and "……" not in page.text and "收起" not in page.text


def test_a_headlines_tag_that_names_a_column_of_the_page_is_not_the_headlines():
    def title_of(crumb: str) -> str:
        html = (f"<html><head><title>[新闻直播间]{TITLE}_央视网</title></head><body>"
                f"<div class='crumb'><a href='/'>首页</a> &gt; <a href='/lm/'>{crumb}</a></div>"
                f"<div class='tit'>[新闻直播间]{TITLE}</div><div class='text'>"
                f"<p>{'</p><p>'.join(BODY.split(chr(10)))}</p></div></body></html>")
        return process_page(Page(url="http://team.test/a.html", site="team", body=html.encode())).title
    assert title_of("新闻直播间") == TITLE
    # a tag the page names nowhere else may be the headline's own words
    assert title_of("新闻联播") == f"[新闻直播间]{TITLE}"


def test_a_letter_and_its_reply_in_form_tables_are_both_the_article():
    # a 县长信箱 page: the citizen's letter and the department's reply, each in a table of
    # labelled cells; the reply is the densest block, readability reads it alone, and the
    # letter, in a table of its own, is the article's too
    letter = ("您好！我今年48岁，去年原来上班的服装厂关门了，目前在家附近打零工，"
              "自己以灵活就业人员身份交养老保险。请问像我这种情况可以申请社保补贴吗？需要带哪些材料？谢谢！")
    reply = [f"网友您好！您反映的问题已收悉，现答复如下：{BODY.split(chr(10))[0]}", *BODY.split("\n")[1:],
             "您可携带本人身份证、社会保障卡，到县政务服务中心二楼人社综合窗口办理，也可在线提交申请。",
             "感谢您对人社工作的关注和支持！"]
    same = "".join(f"<li><a href='/ly/{n}.html'>咨询就业困难人员认定需要哪些材料第{n}件</a>"
                   f"<span>2024-04-2{n}</span></li>" for n in range(4))
    html = ("<html><head><title>咨询灵活就业人员社保补贴申请条件_县长信箱</title></head><body>"
            "<div class='main-box'><div class='lyxq-box'><h1>咨询灵活就业人员社保补贴申请条件</h1>"
            "<table class='form'>"
            "<tr><th>留言人</th><td>刘**</td><th>留言时间</th><td>2024-05-06 09:12</td></tr>"
            f"<tr><th>留言内容</th><td colspan='3'><div class='ly'>{letter}</div></td></tr></table>"
            "<div class='hf-title'>办理结果</div>"
            "<table class='form'><tr><th>回复单位</th><td>县人社局</td>"
            "<th>回复时间</th><td>2024-05-10</td></tr><tr><th>回复内容</th><td colspan='3'>"
            f"<div class='hf'><p>{'</p><p>'.join(reply)}</p></div></td></tr>"
            f"</table></div><div class='same-box'><h3>相似留言</h3><ul>{same}</ul></div></div></body></html>")
    page = process_page(Page(url="http://team.test/hdjl/content_2405317.html", site="team",
                             body=html.encode()))
    assert page.text.split("\n")[0] == letter
    assert page.text.split("\n")[-len(reply):] == reply


def test_runs_between_breaks_after_a_picture_in_an_old_pages_cell_are_paragraphs():
    # <td><p>picture</p><p>caption</p>First.<br><br>Second.<br><br>Third.</td>: each run is a
    # paragraph; read as one, the article was one line
    lines = BODY.split("\n")
    cell = lxml.html.fromstring("<div><font><p><img src='a.jpg'></p><p>开班仪式现场</p>"
                                + "<br><br>".join(f"&nbsp;&nbsp;{line}" for line in lines)
                                + "<br><br><div align='right'>（县劳动局办公室 供稿）</div></font></div>")
    assert wrap_bare_text(cell) == 3
    assert [p.text_content().strip() for p in cell.iter("p")][2:] == lines


def _pdf2html(pages: list[list[tuple[str, str, str]]]) -> str:
    """A page pdf2htmlEX makes of a PDF: each line (x class, font size class, text) a <div>."""
    boxes = []
    for number, lines in enumerate(pages, 1):
        divs = "".join(f"<div class='t m0 {x} h2 y{n + 1:x} ff1 {size} fc0 sc0 ls0 ws0'>{text}</div>"
                       for n, (x, size, text) in enumerate(lines))
        boxes.append(f"<div id='pf{number}' class='pf w0 h0' data-page-no='{number}'>"
                     f"<div class='pc pc{number} w0 h0'><img class='bi x0 y0 w1 h0' src='bg{number}.png'/>"
                     f"{divs}</div></div>")
    return ("<html><head><meta name='generator' content='pdf2htmlEX'/>"
            "<title>川人社发〔2024〕9号 关于做好职业技能培训补贴申领工作的通知.docx</title></head><body>"
            f"<div id='page-container'>{''.join(boxes)}</div></body></html>")


def test_a_pdfs_printed_lines_are_joined_into_its_paragraphs():
    # a notice converted line by line: its 红头 in a larger size, the 文号 each page repeats,
    # the title, paragraphs indented at x7 and carried on at x6 across a page, a heading, the
    # page numbers; the <title> is the file's name
    number = ("x1", "fs3", "川人社发〔2024〕9号")
    first = [number, ("x2", "fs1", "川南县人力资源和社会保障局文件"),
             ("x4", "fs2", "关于做好职业技能培训补贴申领工作的通知"),
             ("x6", "fs0", "各乡镇人民政府，县直有关单位，各职业培训机构："),
             ("x7", "fs0", "为深入实施职业技能提升行动，规范职业技能培训补贴申领"),
             ("x6", "fs0", "和发放工作，切实提高资金使用效益，根据省、市有关文件精神，"),
             ("x6", "fs0", "现就有关事项通知如下。"),
             ("x7", "fs0", "一、补贴对象"),
             ("x7", "fs0", "在我县登记的城乡未继续升学的应届初高中毕业生、农村转"),
             ("x6", "fs0", "移就业劳动者、脱贫劳动力、登记失业人员，参加经县人社局"),
             ("x8", "fs4", "— 1 —")]
    second = [number, ("x6", "fs0", "备案的职业技能培训并取得相应证书的，可按规定申领补贴；"),
              ("x6", "fs0", "每人每年享受补贴不超过三次。"),
              ("x9", "fs0", "川南县人力资源和社会保障局"), ("xa", "fs0", "2024年3月12日"),
              ("x8", "fs4", "— 2 —")]
    page = process_page(Page(url="http://team.test/xxgk/2024/0312/9.html", site="team",
                             body=_pdf2html([first, second]).encode()))
    assert page.text.split("\n") == [
        "各乡镇人民政府，县直有关单位，各职业培训机构：",
        "为深入实施职业技能提升行动，规范职业技能培训补贴申领和发放工作，切实提高资金使用效益，"
        "根据省、市有关文件精神，现就有关事项通知如下。",
        "一、补贴对象",
        "在我县登记的城乡未继续升学的应届初高中毕业生、农村转移就业劳动者、脱贫劳动力、登记失业人员，"
        "参加经县人社局备案的职业技能培训并取得相应证书的，可按规定申领补贴；每人每年享受补贴不超过三次。",
        "川南县人力资源和社会保障局", "2024年3月12日"]
    assert page.title == "关于做好职业技能培训补贴申领工作的通知"
    assert page.published == "2024-03-12"  # the page dates it nowhere but under its signature


def test_lines_that_are_not_a_pdfs_stay_as_they_are():
    # a page with a few <div class="t"> (a template's title box) is no converted PDF
    lines = lxml.html.fromstring("<div>" + "".join(f"<div class='t x1 y{n}'>第{n}行</div>" for n in range(5))
                                 + "</div>")
    assert paragraphs_from_printed_lines(lines) == 0
    assert len(lines.xpath("//div[@class]")) == 5


def test_a_letters_form_gives_its_headline_and_its_fields_are_not_the_text():
    # a 互动交流 page: the <title> names the section; a form's rows hold the letter's 标题, its
    # fields (来信人, 来信时间, 答复单位) and, named as the content, one sentence each of letter and
    # reply; below, a footer of three lines between <br>s holds more text than either
    question = "去年参加了县里组织的电工培训并考了证，请问在哪里可以查询证书真伪？"
    answer = "您好！职业技能等级证书可登录全国联网查询系统，输入姓名和证书编号查询。"
    rows = [("信件标题", "职业技能等级证书如何查询？"), ("来信人", "网友"), ("来信时间", "2023-12-05"),
            ("来信内容", question), ("答复单位", "县职业能力建设股"), ("答复时间", "2023-12-08"),
            ("答复内容", answer)]
    form = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in rows)
    html = ("<html><head><title>互动交流-青岭县人力资源和社会保障局</title></head><body>"
            "<div class='right-con'><div class='dqwz'>当前位置：<a href='/'>首页</a> &gt; 互动交流</div>"
            f"<table class='hdjl-table'>{form}</table></div><div class='footer'><div class='ft-info'>"
            "<p>主办单位：青岭县人力资源和社会保障局　　地址：青岭县城关镇人民路88号　　邮编：557500</p>"
            "<p>联系电话：0857-7221436　　黔ICP备12003456号-1　　政府网站标识码：5227310011</p>"
            "<p>黔公网安备 52273102000123号　　您是本站第<span>1234</span>位访客</p></div></div>"
            "</body></html>")
    page = process_page(Page(url="http://team.test/module/idea/que_content.jsp?webid=3&id=2236",
                             site="team", body=html.encode()))
    assert page.title == "职业技能等级证书如何查询？"
    assert page.text == f"{question}\n{answer}"


def table_layout_page(left: str, body: str, title: str = TITLE) -> str:
    """An old government page laid out in a table: a left column, then the headline's cell and
    the article's."""
    return (f"<html><head><title>{title}_博陵县人民政府</title></head><body><table><tr>"
            f"<td class='left'>{left}</td><td><table><tr><td class='title_td'>{title}</td></tr>"
            f"<tr><td id='zoom'>{body}</td></tr></table></td></tr></table></body></html>")


CONTACT_BOX = ("<table><tr><td class='left_title'>石门镇信息公开</td></tr>"
               "<tr><td>镇政府地址：博陵县石门街56号<br>办公时间：周一至周五<br>党政办电话：0396-7621001</td></tr></table>")


def test_lines_a_page_shows_only_above_its_headline_are_not_the_article():
    body = "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
    page = process_page(Page(url="http://team.test/a.html", site="team",
                             body=table_layout_page(CONTACT_BOX, body).encode()))
    assert page.text == BODY and "above the headline" in " ".join(page.extract_explanation)


@pytest.mark.parametrize("left, body", [
    # the article's lead, shown above the headline as well as in the article
    (f"<p>{BODY.split(chr(10))[0]}</p>", "".join(f"<p>{line}</p>" for line in BODY.split("\n"))),
    # a page whose article stands above its headline's only other showing (a share box's)
    ("".join(f"<p>{line}</p>" for line in BODY.split("\n")), f"<div class='share'>{TITLE}</div>"),
])
def test_lines_above_the_headline_that_are_the_articles_stay(left, body):
    tree = parse_html(table_layout_page(left, body))
    main = main_block(tree)
    assert lines_above_headline(tree, main, TITLE, BODY) == (0, 0)


def test_the_headers_motto_a_short_articles_extraction_read_after_it_goes():
    # a WordPress theme's header: the site's motto under its logo; trafilatura, short of text on
    # a brief of three paragraphs, read it after them
    html = ("<html><head><title>t</title></head><body><div class='top-left'>欢迎访问清源新闻网 · "
            "清源市融媒体中心主办</div><header><p class='site-description'>清源市融媒体中心主办</p></header>"
            f"<article><h1>{TITLE}</h1><div class='entry-content'>"
            + "".join(f"<p>{line}</p>" for line in BODY.split("\n")) + "</div></article></body></html>")
    tree = parse_html(html)
    main = main_block(tree)
    assert lines_above_headline(tree, main, TITLE, BODY + "\n清源市融媒体中心主办") == (0, 1)
    assert lines_above_headline(tree, main, TITLE, BODY) == (0, 0)


LEAD = ("编者按：就业是最基本的民生。今年以来，全县把脱贫劳动力转移就业摆在突出位置，劳务协作成效如何？"
        "本报记者近日专访了县人社局负责同志。")


# three parts of a long body, each its own words (a body said again whole is printed twice)
_LONG_BODY = "\n".join(BODY.replace("5月16日", day) for day in ("5月16日", "6月20日", "7月8日"))


def _page_with_box_above(box: str) -> bytes:
    body = "".join(f"<p>{line}</p>" for line in _LONG_BODY.split("\n"))
    return (f"<html><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
            "<div class='nav'><a href='/'>首页</a> <a href='/yw/'>要闻</a> <a href='/ms/'>民生</a></div>"
            f"<div class='xl_con'><h1>{TITLE}</h1><div class='ly'><span>2024-07-16 08:45</span> "
            f"<span>来源：县融媒体中心</span></div>{box}<div class='zw'>{body}</div></div>"
            "<div class='foot'>主办：某县人民政府办公室</div></body></html>").encode()


def test_a_lead_in_a_box_of_its_own_above_the_body_is_read_with_it():
    page = process_page(Page(url="http://team.test/a.html", site="team",
                             body=_page_with_box_above(f"<div class='bza'><b>编者按：</b>{LEAD[4:]}</div>")))
    assert page.text.split("\n")[0] == LEAD
    assert page.text.split("\n")[1:] == _LONG_BODY.split("\n")


@pytest.mark.parametrize("box", [
    "<div class='tags'>标签：劳务协作 就业</div>",  # a line of labels, no sentences
    # links to other articles, in sentences
    "<div class='tj'><a href='/a/1.html'>全县举办招聘会，提供岗位3000个。</a>"
    "<a href='/a/2.html'>劳务协作工作站挂牌成立，服务务工人员。</a></div>",
])
def test_a_box_above_the_body_that_is_no_lead_is_not_read_with_it(box):
    page = process_page(Page(url="http://team.test/a.html", site="team", body=_page_with_box_above(box)))
    assert page.text.split("\n")[0] == BODY.split("\n")[0]


TOWNS = ["清江镇", "岩门镇", "平寨镇", "高坡镇", "龙场镇", "摆拉乡"]


def test_a_list_its_sentence_announces_stays_and_a_menu_after_a_label_goes():
    announced = ["截至2022年10月，全县辖5个镇、1个乡：", *TOWNS, "全县常住人口27.9万人。"]
    assert clean_text("\n".join(announced)).text.split("\n") == announced
    labelled = ["全县常住人口27.9万人。", "相关阅读：", *TOWNS]
    assert clean_text("\n".join(labelled)).text.split("\n")[0] == labelled[0]
    assert "清江镇" not in clean_text("\n".join(labelled)).text


@pytest.mark.parametrize("page_title", [f"博陵县人民政府--{TITLE}", f"{TITLE}--博陵县人民政府",
                                        f"博陵县人民政府 - 部门动态 - {TITLE}"])
def test_the_headline_set_large_is_the_part_of_the_title_it_is_whichever_comes_first(page_title):
    body = "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
    html = (f"<html><head><title>{page_title}</title></head><body><table><tr><td>"
            "<a href='/'>首页</a> &gt;&gt; <a href='/bmdt/'>部门动态</a></td></tr>"
            f"<tr><td align='center'><font style='font-size:20px' color='red'><b>{TITLE}</b></font></td></tr>"
            f"<tr><td>发布时间：2023-11-09 浏览次数：356</td></tr><tr><td id='zoom'>{body}</td></tr>"
            "</table></body></html>")
    page = process_page(Page(url="http://team.test/News_View.asp?NewsID=1", site="team", body=html.encode()))
    assert page.title == TITLE


ENTRIES = [
    ("12:00", "截至中午12时，本次招聘会共吸引求职群众3200余人次入场，达成初步就业意向1386人，"
     "其中脱贫劳动力412人。招聘会将持续至下午3时，还没到场的朋友抓紧时间。", None),
    ("11:35", "在直播带岗区，县人社局工作人员化身主播，通过短视频平台向在外务工人员和外地求职者推介岗位，"
     "直播间在线人数最高突破1.2万人。", "工作人员在直播带岗区推介岗位。"),
    ("11:10", "江苏常州某电子企业招聘负责人告诉记者，企业今年计划在本县招收普工和技术工200人，"
     "包吃包住，综合月薪6000元以上，截至目前已有60多人登记报名。", None),
    ("10:45", "现场设置的劳务协作服务台前排起了长队。工作人员逐一登记求职意向，为有意赴协作地务工的群众"
     "办理跨省就业一站式对接，符合条件的还可申领一次性交通补贴。",
     "劳务协作服务台前，群众咨询跨省务工政策。"),
    ("10:20", "来自永乐街道的脱贫户王德明一家三口一起来找工作。他说，去年在县里的社区工厂干了大半年，"
     "今年想和儿子一起去外面闯一闯，已经看中了两家建筑企业。", None),
]


def test_a_live_reports_entries_are_read_as_their_blocks():
    # (tests/pages/live-report is such a page, whole)
    items = "".join(
        f"<li class='zb_item'><div class='zb_txt'><span>{time}</span> {text}</div>"
        + (f"<div class='zb_pic'><img src='/p.jpg'><p>{caption}</p></div>" if caption else "")
        + f"<div class='zb_op'><span>赞 <em>{n}</em></span><span>发布：镇安融媒</span></div></li>"
        for n, (time, text, caption) in enumerate(ENTRIES, 30))
    tree = parse_html(f"<html><body><ul class='zb_list'>{items}</ul></body></html>")
    from crawler.text.blocks import drop_furniture_blocks
    notes, _ = drop_furniture_blocks(tree)
    assert not tree.findall(".//li") and not tree.findall(".//ul")
    assert f"{len(ENTRIES)} list items" in " ".join(notes)


def test_a_list_of_linked_headlines_and_their_summaries_stays_a_list():
    items = "".join(f"<li><div class='tit'><a href='/a/{n}.html'>{text[:12]}</a></div>"
                    f"<div class='zy'>{text}</div></li>" for n, (_, text, _) in enumerate(ENTRIES))
    tree = parse_html(f"<html><body><ul class='list'>{items}</ul></body></html>")
    from crawler.text.blocks import drop_furniture_blocks
    notes, _ = drop_furniture_blocks(tree)
    assert len(tree.findall(".//li")) == len(ENTRIES) and not any("list items" in note for note in notes)


@pytest.mark.parametrize("line, goes", [
    ("赞 86发布：镇安融媒", True), ("赞 12", True),
    ("网友纷纷点赞，发布会现场气氛热烈。", False), ("发布：县人社局关于2024年招聘的公告", False),
])
def test_an_entrys_likes_and_poster_go_and_words_about_them_stay(line, goes):
    text = f"{BODY}\n{line}\n{BODY}"
    assert (line not in clean_text(text).text.split("\n")) == goes



def test_an_old_templates_column_of_paragraphs_a_row_each_is_read_and_a_two_clause_statement_is_not():
    paragraphs = ["3月8日上午，全区劳务输出工作会议召开，会议总结了去年工作，安排部署了今年任务。",
                  "会议指出，去年全区共输转城乡富余劳动力9.6万人次，实现劳务收入7.8亿元，同比增长9.1%。",
                  "会议要求，各乡镇要抓好技能培训，巩固和开拓劳务基地，切实维护外出务工人员合法权益。"]
    statement = ["本站所有内容均由合作方根据协议提供，版权归原作者所有，转载请注明出处。",
                 "本站在网上传输的内容均由合作方提供，合作方负责其所发布内容的真实性和合法性。"]

    def column(lines: list[str]) -> str:
        return "<table>" + "".join(f"<tr><td class='zw'>{line}</td></tr>" for line in lines) + "</table>"

    html = (f"<html><head><meta charset='utf-8'><title>劳务输出工作会议召开_安定区政府</title></head><body>"
            "<table><tr><td class='left'><a href='/'>首页</a><br><a href='/zwdt/'>政务动态</a></td>"
            f"<td><table><tr><td class='bt'>劳务输出工作会议召开</td></tr>"
            f"<tr><td id='zoom'>{column(paragraphs)}</td></tr><tr><td>{column(statement)}</td></tr>"
            "</table></td></tr></table></body></html>")
    page = process_page(Page(url="http://team.test/zwdt/201003/t20100309_3318.html", site="team",
                             body=html.encode()))
    assert page.text.split("\n") == paragraphs


def test_a_text_dumps_header_fields_are_lines_of_their_own_and_its_paragraphs_are_joined():
    dump = ("标题：我县举办春季招聘会\n日期：2009-02-12\n来源：县劳动就业服务局\n\n"
            "　　2月12日，我县2009年春季农村劳动力转移就业招聘会\n在县城体育场举行，共有86家企业参会。\n\n"
            "　　招聘会现场，求职群众络绎不绝，初步达成\n就业意向1300余人。\n\n--- 完 ---")
    tree = parse_html(f"<html><body><pre>{dump}</pre></body></html>")
    assert paragraphs_from_preformatted(tree) == 1
    assert [p.text for p in tree.iter("p")] == [
        "标题：我县举办春季招聘会", "日期：2009-02-12", "来源：县劳动就业服务局",
        "2月12日，我县2009年春季农村劳动力转移就业招聘会在县城体育场举行，共有86家企业参会。",
        "招聘会现场，求职群众络绎不绝，初步达成就业意向1300余人。", "--- 完 ---"]


def test_a_bbs_posts_header_names_its_headline_and_its_signature_is_apart():
    # a board's archive: the post in a <pre>, its header's fields (a letter-spaced 标  题, a long
    # 发信站 line), the text hard-wrapped, the signature under its "--"; the <title> names the archive
    header = ("发信人: xiaoshitou (石头), 信区: Countryside\n标  题: 回乡半月记：我们县的劳务输出\n"
              "发信站: BBS 水木清华站 (Mon Mar 15 21:07:46 2004), 站内")
    body = ("　　春节前后在老家待了半个多月，正月十五过完才回北京。这次回去\n"
            "时间比往年长，跟村里人聊得多。\n\n"
            "　　先说出去打工的情况。我们村一共三百来户，常年在外面打工的\n"
            "有四百多人，差不多每家都有一两个。")
    signature = ("--\n  家在淮河南岸，大别山北麓\n  每年回去一次\n\n"
                 "※ 来源:·BBS 水木清华站 smth.test·[FROM: 211.99.190.*]")
    html = (f"<html><head><title>水木清华精华区 -- 文章阅读</title></head><body><table><tr><td>"
            f"<pre>{header}\n\n{body}\n\n\n{signature}</pre></td></tr></table></body></html>")
    tree = parse_html(html)
    assert paragraphs_from_preformatted(tree) == 1
    lines = [p.text for p in tree.iter("p")]
    assert lines[:3] == header.split("\n") and lines[5] == "--"
    page = process_page(Page(url="http://team.test/bbsanc.php?path=1", site="team", body=html.encode()))
    assert page.title == "回乡半月记：我们县的劳务输出"
    assert page.text.split("\n") == [
        "春节前后在老家待了半个多月，正月十五过完才回北京。这次回去时间比往年长，跟村里人聊得多。",
        "先说出去打工的情况。我们村一共三百来户，常年在外面打工的有四百多人，差不多每家都有一两个。"]
    # a 标题 line that no other field of a header stands beside is no post's headline
    lone = html.replace("发信人: xiaoshitou (石头), 信区: Countryside\n", "").replace(
        "发信站: BBS 水木清华站 (Mon Mar 15 21:07:46 2004), 站内", "")
    assert form_title(parse_html(lone)) is None
    # a record's 标题 row among a document's fields is the document's own, and stays
    record = ("发文机关：吉林省人民政府\n标      题：吉林省人民政府关于做好春季招聘工作的通知\n"
              "发文字号：吉政明电〔2022〕1号")
    assert record.split("\n")[1] in clean_text(f"{record}\n{BODY}").text.split("\n")


def test_a_link_labelled_an_ad_inside_a_paragraph_goes_and_a_link_about_ads_stays():
    lines = BODY.split("\n")
    ad = "<a class='adlink' href='https://ad.test/c?aid=1'>【广告】聚才招聘平台 高薪急聘</a>"
    about = "<a href='/a/2.html'>广告法</a>"
    first, rest = lines[0][:lines[0].index("，") + 1], lines[0][lines[0].index("，") + 1:]
    html = (f"<html><head><meta charset='utf-8'><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
            f"<div class='content'><p>{first}{ad}{rest}</p><p>{lines[1]}</p>"
            f"<p>{lines[2]}依照{about}处理。</p>"
            "</div></body></html>")
    page = process_page(Page(url="http://team.test/a.html", site="team", body=html.encode()))
    assert page.text == "\n".join([lines[0], lines[1], f"{lines[2]}依照广告法处理。"])


def test_an_amp_pages_ad_slots_are_no_text():
    slot = ("<amp-ad width='300' height='250' type='adsense'><div placeholder>广告加载中…</div>"
            "<div fallback>暂无广告</div></amp-ad>")
    lines = BODY.split("\n")
    html = (f"<html amp><head><meta charset='utf-8'><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
            f"<div class='article-body'><p>{lines[0]}</p>{slot}<p>{lines[1]}</p>{slot}<p>{lines[2]}</p></div>"
            "</body></html>")
    page = process_page(Page(url="http://team.test/amp/a.html", site="team", body=html.encode()))
    assert page.text == BODY


def test_a_document_readers_placed_lines_are_joined_and_a_carousels_placed_slides_are_not():
    lines = [(122, "s1-1", "清溪县农村劳动力转移就业实施方案"),
             (120, "s1-0", "各乡（镇）人民政府，县直有关单位："),
             (152, "s1-0", "为深入贯彻落实稳就业保就业的决策部署，进一步拓宽农村劳"),
             (120, "s1-0", "动力转移就业渠道，经县人民政府同意，现制定如下方案。"),
             (152, "s1-0", "一、工作目标"),
             (152, "s1-0", "到2023年底，全县农村劳动力转移就业总数稳定在12.5"),
             (120, "s1-0", "万人以上，新增培训农村劳动力6000人次。"),
             (152, "s1-0", "二、主要措施"),
             (152, "s1-0", "强化劳务协作对接，依托东西部协作和省内对口帮扶机制，与"),
             (120, "s1-0", "对口协作地区人社部门建立常态化岗位信息共享机制，每季度"),
             (120, "s1-0", "至少组织一次点对点集中输送。")]
    placed = "".join(f"<p class='reader-word-layer reader-word-{size}' style='top:{100 + 29 * n}px;"
                     f"left:{left}px;'>{text}</p>" for n, (left, size, text) in enumerate(lines))
    tree = parse_html(f"<html><body><div class='reader-page'>{placed}</div></body></html>")
    assert paragraphs_from_printed_lines(tree) == 6
    assert [p.text for p in tree.iter("p")][1:3] == [
        "为深入贯彻落实稳就业保就业的决策部署，进一步拓宽农村劳动力转移就业渠道，经县人民政府同意，现制定如下方案。",
        "一、工作目标"]
    slides = "".join(f"<div class='slide' style='position:absolute;top:0;left:{800 * n}px;'>"
                     f"<a href='/a/{n}.html'><img src='/{n}.jpg'></a><span>{n + 1}</span></div>"
                     for n in range(12))
    tree = parse_html(f"<html><body><div class='banner'>{slides}</div></body></html>")
    assert paragraphs_from_printed_lines(tree) == 0


def test_a_document_readers_runs_at_one_height_are_one_line_sized_by_their_style_not_their_class():
    # a number set apart in a run of its own beside the words of its line; each line's class
    # its own, its size in its style
    runs = [(0, 146, 31, "县人社局2023年工作总结"),
            (1, 146, 25, "全年城镇新增就业"), (1, 306, 25, "3860"), (1, 350, 25, "人，完成目标任务的"),
            (2, 106, 25, "110.3%，城镇登记失业率控制在3.2%以内，就业形势总体"), (3, 106, 25, "稳定。"),
            (4, 146, 25, "全年开展职业技能培训8260人次，其中脱贫劳动力培训"),
            (5, 106, 25, "2140人次，新增取得职业技能等级证书2980人，培育"), (6, 106, 25, "劳务品牌一个。"),
            (7, 146, 25, "全年组织劳务输出2.3万人，其中跨省务工1.6万人，实现"),
            (8, 106, 25, "务工收入5.2亿元，较上年增长8.1%，脱贫劳动力务工"), (9, 106, 25, "规模稳中有增。")]
    placed = "".join(f"<p class='reader-word-layer reader-word-s1-{n}' style='height:{size}px;"
                     f"line-height:{size}px;top:{100 + 36 * row}px;left:{left}px;'>{text}</p>"
                     for n, (row, left, size, text) in enumerate(runs))
    tree = parse_html(f"<html><body><div class='reader-page'>{placed}</div></body></html>")
    assert paragraphs_from_printed_lines(tree) == 3  # (the headline, set larger, is no paragraph)
    assert [p.text for p in tree.iter("p")][0] == \
        "全年城镇新增就业3860人，完成目标任务的110.3%，城镇登记失业率控制在3.2%以内，就业形势总体稳定。"


def test_a_posts_headline_with_its_badge_above_the_text_is_no_line_of_it():
    title = "从候鸟到归雁——我们村这几年的变化"
    text = f"{title}精华\n{BODY}"
    assert clean_text(text, title).text == BODY
    # a first line that goes on past the headline is text
    assert clean_text(f"{title}，村里的变化大家都看在眼里。\n{BODY}", title).text.startswith(title)


def _hidden_boxes_page(boxes: str) -> str:
    return (f"<html><head><meta charset='utf-8'><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
            f"<div class='content'><p>{BODY.split(chr(10))[0]}</p>{boxes}</div></body></html>")


ANSWERS = ["符合条件的城镇登记失业人员、就业困难人员和返乡创业农民工，可按规定申请贷款。",
           "个人创业担保贷款最高额度为30万元，贷款期限最长不超过3年，按规定给予贴息。"]


def _accordion(mark: str) -> str:
    """A 政策问答 list: each question in an <h4> ending in ``mark``, its answer hidden under it."""
    return "".join(f"<div class='qa'><h4>{n}.哪项政策可以申请{mark}</h4>"
                   f"<div class='answer' style='display:none'><p>{answer}</p></div></div>"
                   for n, answer in enumerate(ANSWERS, 1))


def test_answers_hidden_under_their_questions_are_shown_and_one_hidden_box_under_a_question_is_not():
    answers, pairs = ANSWERS, _accordion("？")
    tree = parse_html(_hidden_boxes_page(pairs))
    assert reveal_folded_text(tree) == 2
    assert [p.text for p in tree.iter("p")][1:] == [
        "1.哪项政策可以申请？", answers[0], "2.哪项政策可以申请？", answers[1]]
    one = parse_html(_hidden_boxes_page(pairs.split("</div></div>")[0] + "</div></div>"))
    assert reveal_folded_text(one) == 0


def test_answers_whose_stops_a_misread_page_lost_are_shown_and_hidden_notes_without_a_stop_are_not():
    # UTF-8 read as GBK with replacement upstream: the stops are lost with their bytes, the
    # lost character that ends an answer is marked where its stop stood
    lost = [answer.replace("。", "\ufffd") for answer in ANSWERS]
    boxes = "".join(f"<div class='qa'><h4>{n}.哪项政策可以申请？</h4>"
                    f"<div class='answer' style='display:none'><p>{answer}</p></div></div>"
                    for n, answer in enumerate(lost, 1))
    tree = parse_html(_hidden_boxes_page(boxes))
    assert reveal_folded_text(tree) == 2
    assert [p.text for p in tree.iter("p")][2::2] == lost
    notes = boxes
    for answer in lost:
        notes = notes.replace(answer, answer.replace("，", " ").rstrip("\ufffd"))
    assert reveal_folded_text(parse_html(_hidden_boxes_page(notes))) == 0


def test_an_articles_pages_a_script_shows_in_turn_are_shown_and_a_hidden_box_of_another_kind_is_not():
    lines = BODY.split("\n")
    pages = (f"<div class='page'><p>{lines[0]}</p></div>"
             f"<div class='page' style='display:none'><p>{lines[1]}</p></div>"
             f"<div class='page' style='display:none'><p>{lines[2]}</p></div>")
    tree = parse_html(_hidden_boxes_page(pages))
    assert reveal_folded_text(tree) == 2
    tab = (f"<div class='page'><p>{lines[0]}</p></div>"
           f"<div class='tab-pane' style='display:none'><p>{lines[1]}</p></div>")
    assert reveal_folded_text(parse_html(_hidden_boxes_page(tab))) == 0


def test_a_quote_of_another_post_goes_and_a_quotation_the_article_sets_apart_stays():
    quoted = ("<div class='quote'><blockquote>石头哥 发表于 2024-2-26 21:14<br>"
              "现在出去打工真没什么意思，一年到头存不下几个钱。</blockquote></div>")
    own = "<blockquote>“一家有一个人在外面稳定上班，基本就不会返贫。”村支书说。</blockquote>"
    tree = parse_html(f"<html><body><td class='t_f'>{quoted}<br>看到有人发帖说打工没意思。<br>{own}</td>"
                      "</body></html>")
    assert drop_quoted_posts(tree) == 1
    assert "石头哥" not in tree.text_content() and "村支书说" in tree.text_content()


def test_runs_between_breaks_around_a_table_of_positions_are_paragraphs_with_the_table_in_place():
    positions = [("岗位", "人数", "薪资"), ("普工", "200", "月综合收入1200-1800元"),
                 ("仓管员", "10", "月综合收入1500元")]
    rows = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in positions)
    cell = (f"<td id='fontzoom'>　　东莞市宏达电子有限公司近期来我县招聘普工，具体要求如下：<br><br>"
            f"<table border='1'>{rows}</table><br>　　公司包吃包住，员工入职后统一购买社会保险。<br><br>"
            "　　报名地点：县劳务输出服务中心<br><br></td>")
    tree = parse_html(f"<html><body><table><tr>{cell}</tr></table></body></html>")
    assert paragraphs_from_breaks(tree) == 1
    box = tree.find(".//td[@id='fontzoom']")
    assert [child.tag for child in box] == ["p", "table", "p", "p"]
    # a table that lays the page out (a table inside, long cells) keeps its cell as it is
    nested = "<table><tr><td><table><tr><td>栏目</td></tr></table></td></tr></table>"
    layout = cell.replace(f"<table border='1'>{rows}</table>", nested)
    tree = parse_html(f"<html><body><table><tr>{layout}</tr></table></body></html>")
    assert paragraphs_from_breaks(tree) == 0


def test_the_teaser_of_the_next_article_is_not_the_article_and_a_read_on_link_of_its_own_stays():
    lines = BODY.split("\n")
    teaser = ("<div class='xyp_box'><div class='xyp_tit'>下一篇</div>"
              "<h2><a href='/xsxw/202404/t20240408_83307761.html'>七星关区：小作坊变身就业车间</a></h2>"
              "<div class='xyp_txt'><p>走进七星关区朱昌镇就业帮扶车间，缝纫机的嗡嗡声此起彼伏。</p>"
              "<p>近年来，七星关区把就业帮扶车间建设作为巩固脱贫成果的重要抓手。</p></div>"
              "<div class='xyp_more'><a href='/xsxw/202404/t20240408_83307761.html'>阅读全文 &gt;&gt;</a>"
              "</div></div>")
    html = (f"<html><head><meta charset='utf-8'><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
            f"<div class='xl_con'>{''.join(f'<p>{line}</p>' for line in lines)}</div>{teaser}</body></html>")
    page = process_page(Page(url="http://team.test/bjxw/202404/t20240407_1.html", site="team",
                             body=html.encode()))
    assert page.text == BODY


def test_an_e_papers_headline_is_its_list_link_to_itself_where_the_title_names_the_paper():
    lines = BODY.split("\n")
    url = "http://paper.test/html/2024-03/18/content_1718202.htm"
    html = ("<html><head><meta charset='utf-8'><title>澳門日報電子版</title></head><body><table><tr>"
            "<td><a href='content_1718201.htm'>社工局擴展長者日間護理服務</a><br>"
            f"<a href='content_1718202.htm'>{TITLE}</a><br>"
            "<a href='content_1718203.htm'>新城A區首批公屋下月入伙</a></td>"
            f"<td><table><tr><td class='font03'>【澳聞】</td></tr><tr><td class='font01'>{TITLE}</td></tr>"
            f"<tr><td id='ozoomtext'>{''.join(f'<p>{line}</p>' for line in lines)}</td></tr></table></td>"
            "</tr></table></body></html>")
    assert process_page(Page(url=url, site="team", body=html.encode())).title == TITLE


def test_answers_hidden_under_headings_whose_question_marks_were_lost_are_shown():
    # a page misread upstream loses the characters at its tags' edges: 哪项政策可以申请� (no ？)
    assert reveal_folded_text(parse_html(_hidden_boxes_page(_accordion("\ufffd")))) == 2


NOTICE_ROWS = ["各乡（镇、街道）人民政府，县直有关部门：",
               "为促进农村劳动力稳定转移就业，结合我县实际，现就有关事项通知如下：",
               "一、目标任务",
               "2024年，全县新增农村劳动力转移就业5000人以上，开展各类职业技能培训3000人次以上。",
               "二、工作要求",
               "各乡（镇、街道）要明确分管领导和具体工作人员，细化工作措施，压实工作责任。",
               "川南县人力资源和社会保障局",
               "2024年3月5日"]


def test_a_notice_laid_out_a_paragraph_a_row_keeps_its_short_rows():
    # a government CMS's notice in a table of one cell a row: read as a layout's table, its
    # salutation, headings, sender and date were skipped, its prose kept
    rows = "".join(f"<tr><td class='zw'>{row}</td></tr><tr><td>&nbsp;</td></tr>" for row in NOTICE_ROWS)
    nav = "".join(f"<a href='/c{i}'>栏目{i}</a>" for i in range(12))
    html = (f"<html><head><title>关于做好2024年农村劳动力转移就业工作的通知</title></head><body>"
            f"<div class='nav'>{nav}</div><h1>关于做好2024年农村劳动力转移就业工作的通知</h1>"
            f"<div id='zoom'><table class='MsoNormalTable'><tbody>{rows}</tbody></table></div>"
            "<div class='foot'>主办单位：川南县人民政府办公室</div></body></html>")
    page = process_page(Page(url="http://team.test/a.html", site="team", body=html.encode()))
    assert page.text.split("\n") == NOTICE_ROWS


@pytest.mark.parametrize("table", [
    # a menu's column: links, no prose
    "<table>" + "".join(f"<tr><td><a href='/c{i}'>·栏目{i}</a></td></tr>" for i in range(6)) + "</table>",
    # an old page's layout column: the headline's cell, the info line's, the body's runs between
    # breaks (its paragraphs are the breaks' step's to read)
    f"<table><tr><td><b>{TITLE}</b></td></tr><tr><td>发布时间：2023-11-09 来源：县人社局</td></tr>"
    f"<tr><td>{'<br><br>'.join(BODY.split(chr(10)))}</td></tr><tr><td>【打印本页】【关闭窗口】</td></tr></table>",
    # readers' comments a row each, their names and reply links rows of their own: records
    "<table>" + "".join(f"<tr><td>网友：{name} 评论时间：2008-11-5 8:31:25</td></tr><tr><td>{line}</td></tr>"
                        f"<tr><td><a href='/reply?id={n}'>[回复]</a></td></tr>"
                        for n, (name, line) in enumerate(zip(("游客", "返乡农民工", "职工"),
                                                             BODY.split("\n"), strict=True)))
    + "</table>",
    # a column of boxes of paragraphs: blocks of their own
    "<table>" + "".join(f"<tr><td><p>{line}</p></td></tr>" for line in BODY.split("\n")) + "</table>",
])
def test_columns_that_are_no_paragraph_rows_stay_tables(table):
    tree = parse_html(f"<html><body>{table}</body></html>")
    assert paragraphs_from_column_tables(tree) == 0


def test_numbered_section_headings_in_divs_of_their_own_are_read():
    # a service guide: <div class="tit">一、事项名称</div> over a box of the section's paragraphs
    sections = [("一、事项名称", "创业担保贷款申请（个人）"),
                ("二、申请条件", "在本县创业的返乡农民工、高校毕业生，可申请不超过30万元的创业担保贷款。"),
                ("（三）办理时限", "受理之日起5个工作日内办结，材料齐全的当场受理并出具受理通知书。")]
    items = "".join(f"<div class='item'><div class='tit'><span class='icon'></span>{name}</div>"
                    f"<div class='nr'><p>{text}</p></div></div>" for name, text in sections)
    tree = parse_html(f"<html><body><div class='con'>{items}</div></body></html>")
    assert headings_from_numbered_divs(tree) == 3
    assert [p.text_content() for p in tree.iter("p")] == [line for pair in sections for line in pair]
    # a numbered line that is a sentence, or one with no text after it, is no heading
    tree = parse_html("<html><body><div>一、加快推进就业帮扶车间建设，带动群众就近就业。</div><p>正文。</p>"
                      "<div class='x'><div>二、工作要求</div></div></body></html>")
    assert headings_from_numbered_divs(tree) == 0


@pytest.mark.parametrize("paper", ["中国青年报", "江城农民报", "川南商报"])
def test_an_e_papers_title_that_is_the_papers_name_gives_way_to_its_headline(paper):
    html = (f"<html><head><title>{paper}</title></head><body><div class='nav'><a href='/'>首页</a></div>"
            f"<h3 class='intitle'>春风送岗位</h3><h1>{TITLE}</h1><h2 class='subtitle'>——一场招聘会的见闻</h2>"
            f"<div id='ozoom'><p>{'</p><p>'.join(BODY.split(chr(10)))}</p></div></body></html>")
    page = process_page(Page(url="http://team.test/a.html", site="team", body=html.encode()))
    assert page.title == TITLE


def test_prose_divs_beside_a_block_of_runs_between_breaks_are_paragraphs_as_it_becomes():
    # an editor's column: a div per paragraph, one of them two paragraphs split by <br><br>;
    # only that one became paragraphs, and trafilatura kept it and dropped the divs around it
    first, second, third = BODY.split("\n")
    extra = "县人社局还在现场设置了政策咨询台，发放就业创业政策明白卡3000余份，登记培训意向人员200余人。"
    cell = (f"<div style='text-align: left;'><font size='3'>　　{first}</font></div>"
            "<div style='text-align: left;'><font size='3'><br></font></div>"
            f"<div style='text-align: left;'><font size='3'>　　{second}<br><br>　　{extra}</font></div>"
            f"<div style='text-align: left;'><font size='3'>　　{third}</font></div>"
            "<div style='text-align: right;'><font size='3'>（融媒记者 周文斌）</font></div>")
    html = (f"<html><body><div class='nav'><a href='/'>首页</a> <a href='/news/'>本地新闻</a></div>"
            f"<h1>招聘会</h1><table><tr><td id='article_content'>{cell}</td></tr></table>"
            "<div class='ft'>版权所有 商城在线 备案号：豫ICP备12345678号</div></body></html>")
    tree = parse_html(html)
    assert paragraphs_from_breaks(tree) == 1
    box = tree.find(".//td[@id='article_content']")
    # the prose divs are paragraphs now; the spacer and the credit (no sentence) stay divs
    assert [child.tag for child in box] == ["p", "div", "div", "p", "div"]
    assert extract_article(html).text.split("\n")[:4] == [first, second, extra, third]


def test_a_plain_list_of_short_items_after_a_paragraph_stays_and_the_same_list_of_links_goes():
    # a town's villages, listed after the sentence that counts them: short lines with no
    # punctuation, which the cleaning reads as a menu where the page gives them as links
    villages = ["枫溪社区", "上坊村", "下坊村", "石坑村", "杨梅村", "龙潭村", "茶园村"]
    first, second, third = BODY.split("\n")

    def page_with(items: str) -> str:
        return (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><div class='main'>"
                f"<div class='para'>{first}</div><div class='para'>全镇辖1个社区、6个行政村。</div>"
                f"<ul class='para-list'>{items}</ul><h2>经济</h2><div class='para'>{second}</div>"
                f"<div class='para'>{third}</div></div></body></html>")

    plain = "".join(f"<li><div class='para'>{name}</div></li>" for name in villages)
    page = process_page(Page(url="http://team.test/item/1.html", site="team",
                             body=page_with(plain).encode()))
    assert page.text.split("\n") == [first, "全镇辖1个社区、6个行政村。", *villages, "经济", second, third]
    linked = "".join(f"<li><a href='/item/{i}.html'>{name}</a></li>" for i, name in enumerate(villages))
    page = process_page(Page(url="http://team.test/item/1.html", site="team",
                             body=page_with(linked).encode()))
    assert not set(villages) & set(page.text.split("\n"))


def test_a_pictures_one_sentence_is_read_over_the_articles_own_footer_and_the_sites():
    # WordPress: the post's <footer> (its editor, share bar and a long rights statement) and the
    # site's both hold more prose than the picture's one sentence in the post's content
    sentence = ("1月21日，清源市迎来今冬第一场大雪，古城墙、护城河银装素裹，"
                "游客们纷纷来到南门广场赏雪拍照，感受冬日之美。")
    statement = ("【版权声明】凡本网注明“来源：清源新闻网”的所有作品，版权均属于清源市融媒体中心，"
                 "未经授权不得转载、摘编或利用其它方式使用。已经授权使用作品的，应在授权范围内使用，"
                 "并注明“来源：清源新闻网”。")
    site = ("<footer id='colophon'><div class='site-info'><p>主办：清源市融媒体中心 地址：清源市人民路88号 "
            "邮编：471000 电话：0379-12345678</p><p>本网所刊登的各种新闻、信息和各种专题专栏资料，"
            "均为清源新闻网版权所有，未经协议授权，禁止下载使用。</p>"
            "<p>备案号：豫ICP备12345678号-1 网站标识码：4103000001</p></div></footer>")
    html = (f"<html><head><title>【图片新闻】雪后清源分外美 – 清源新闻网</title></head><body><article>"
            "<header class='entry-header'><h1 class='entry-title'>【图片新闻】雪后清源分外美</h1>"
            "<div class='entry-meta'>发布时间：2024-01-22 10:10 来源：清源新闻网</div></header>"
            "<div class='entry-content'><figure><img src='/a.jpg'></figure>"
            f"<p>{sentence}</p><p style='text-align: right;'>（记者 孙梦瑶 摄）</p></div>"
            "<footer class='entry-footer'><div class='entry-editor'>责任编辑：张晓雯</div>"
            "<div class='share-box'>分享到：<a href='#'>微信</a> <a href='#'>微博</a></div>"
            f"<div class='copyright'>{statement}</div></footer></article>{site}</body></html>")
    page = process_page(Page(url="http://team.test/2024/01/22/xuehou-qingyuan/", site="team",
                             body=html.encode()))
    assert page.text == sentence


def test_paragraphs_each_in_a_table_of_their_own_are_read_with_the_headline_set_large_above():
    # FrontPage's page: each paragraph a one-cell table, the headline a bold cell above them in
    # the same column, the <title> the site's name; a lone one-cell table of prose stays a table
    lines = BODY.split("\n")
    tables = "".join(f"<table width='90%'><tr><td><font size='3'>　　{line}</font></td></tr></table>"
                     for line in lines)
    html = ("<html><head><meta charset='utf-8'><title>青山县人民政府</title></head><body><table><tr>"
            "<td width='160'><a href='/'>首页</a><br><a href='/ldjy.htm'>劳动就业</a></td><td width='618'>"
            f"<table><tr><td align='center'><b><font size='4'>{TITLE}</font></b></td></tr>"
            "<tr><td>作者：刘春生　来源：青山报　发布时间：2023-5-16</td></tr></table>"
            f"{tables}</td></tr></table><div>版权所有 青山县人民政府</div></body></html>")
    page = process_page(Page(url="http://team.test/news/2023/0516/1.htm", site="team", body=html.encode()))
    assert page.text == BODY and page.title == TITLE
    tree = parse_html(f"<html><body><table><tr><td>{lines[0]}</td></tr></table><p>{lines[1]}</p>"
                      "</body></html>")
    assert paragraphs_from_cell_tables(tree) == 0


def test_a_pictures_caption_in_the_cell_beside_the_text_is_read_before_it():
    caption = "5月16日，求职者在招聘会现场咨询岗位。"
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
    row = (f"<tr><td class='tp'><img src='/a.jpg'><span>{caption}</span></td>"
           f"<td class='wz'>{paragraphs}</td></tr>")
    html = (f"<html><head><title>{TITLE}</title></head><body><h2>{TITLE}</h2><table>{row}</table>"
            "<div class='foot'>版权所有</div></body></html>")
    assert extract_article(html).text == f"{caption}\n{BODY}"
    # a picture's cell beside a menu's cell, or a cell of a picture and many words, is left alone
    menu = "<td><a href='/a'>首页</a><a href='/b'>新闻</a></td>"
    tree = parse_html(f"<html><body><table><tr><td><img src='/a.jpg'>{caption}</td>{menu}</tr></table>"
                      "</body></html>")
    before = lxml.html.tostring(tree)
    captions_from_figures(tree)
    assert lxml.html.tostring(tree) == before


def test_decoys_a_stylesheet_hides_by_their_class_go_and_a_class_it_shows_stays():
    first, second, third = BODY.split("\n")
    decoyed = "".join(f"{ch}<span class='x7f2'>某</span>" if i % 10 == 9 else ch
                      for i, ch in enumerate(first))
    html = (f"<html><head><title>{TITLE}</title><style>.x7f2{{display:none}} .hl{{color:red}}</style></head>"
            f"<body><h1>{TITLE}</h1><div class='zw'><p>{decoyed}</p><p>{second}</p>"
            f"<p><span class='hl'>{third}</span></p></div></body></html>")
    assert extract_article(html).text == BODY


def test_words_a_paragraph_hides_by_their_own_style_go_and_shown_text_so_styled_stays():
    # a hacked page's keywords inside the paragraphs: in a size of nothing, hidden, white on white
    first, second, third = BODY.split("\n")
    spam = ["<span style='font-size:0px'>日结工作 兼职招聘</span>",
            "<span style='visibility: hidden'>南湖人才网</span>",
            "<font color='#ffffff'>58招工 找工作就上嘉禾人才网</font>"]
    stuffed = [line[:10] + word + line[10:] for line, word in zip(BODY.split("\n"), spam, strict=True)]
    html = (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><div class='zw'>"
            + "".join(f"<p>{line}</p>" for line in stuffed) + "</div></body></html>")
    assert extract_article(html).text == BODY
    # white words in a box of a colour of its own, a row of boxes that each size their own text,
    # an article a script shows (WeChat's): shown
    boxed = f"<p style='background:#c00'>{first[:10]}<font color='#fff'>{first[10:]}</font></p>"
    row = f"<div style='font-size:0'><span style='font-size:16px'>{second}</span></div>"
    html = (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><div class='zw'>{boxed}{row}"
            f"<div id='js_content' style='visibility: hidden;'><p>{third}</p></div></div></body></html>")
    assert extract_article(html).text == BODY


def test_characters_that_show_nothing_between_the_words_go():
    # an anti-scraping mirror: zero-width spaces and soft hyphens between the characters, as
    # characters and as references, every fourth character in a span
    first, second, third = BODY.split("\n")
    strewn = "".join(f"<span class='x3f'>{ch}</span>&#8203;" if i % 4 == 3 else ch + "\u200b\u00ad"
                     for i, ch in enumerate(first))
    html = (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><div class='zw'>"
            f"<p>{strewn}</p><p>{second}</p><p>{third}</p></div></body></html>")
    page = process_page(Page(url="http://team.test/a/1.html", body=html.encode()))
    assert page.text == BODY and page.repairs["invisible_characters"] >= len(first)


def test_words_for_a_screen_reader_alone_go_and_a_releases_record_with_its_contact_and_hits():
    # a Taiwanese release: its record table's caption is for a screen reader (Bootstrap's sr-only),
    # its rows a label and a value, the press contact and the hit count among them
    record = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in (
        ("發布日期", "112-01-10"), ("發布單位", "勞工處"), ("新聞聯絡人", "謝佩珊科長 (03)932-5101分機2336"),
        ("點閱次數", "2,500")))
    html = (f"<html><head><title>{TITLE}</title></head><body><h2 class='sr-only'>主選單</h2>"
            f"<div class='area-title'><h2>{TITLE}</h2></div><table><caption class='sr-only'>新聞稿資訊"
            f"</caption>{record}</table><div class='essay'>"
            + "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
            + "<p>勞工處提醒<span class='screen-reader-text'>（另開新視窗）</span>民眾多加利用。</p>"
            "</div></body></html>")
    assert extract_article(html).text == BODY + "\n勞工處提醒民眾多加利用。"


def test_the_next_article_in_a_template_goes_and_a_shadow_roots_stays():
    # an infinite scroll keeps the next article in a <template> until the reader gets there
    other = "".join(f"<p>另一篇文章的第{n}段，讲的是邻县的绣娘培训班，与本文无关，却写得很长很长。</p>"
                    for n in range(6))
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
    html = (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><article class='zw'>"
            f"{paragraphs}</article><template id='next-article'><article><h1>邻县绣娘</h1>{other}"
            "</article></template></body></html>")
    assert extract_article(html).text == BODY
    # a declarative shadow root is shown where it stands
    shadowed = (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><news-body>"
                f"<template shadowrootmode='open'><div class='zw'>{paragraphs}</div></template>"
                "</news-body></body></html>")
    assert extract_article(shadowed).text == BODY


def test_a_lead_set_large_in_a_heading_opens_the_body_and_a_headings_words_stay_a_heading():
    lead = ("记者从省林业局获悉，截至2023年底，我省油茶林总面积达到2300万亩，茶油年产量突破40万吨，"
            "油茶产业综合产值首次突破千亿元大关。")
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
    html = (f"<html><head><title>{TITLE}</title></head><body><div class='bt'>{TITLE}</div>"
            f"<h2 class='daoyu'>{lead}</h2><div class='zw'>{paragraphs}</div>"
            "<h3>相关新闻</h3><ul><li><a href='/1.html'>全县举办招聘会</a></li></ul></body></html>")
    assert extract_article(html).text == f"{lead}\n{BODY}"
    tree = parse_html(f"<html><body><h2>{TITLE}</h2><h2>一、扎实推进劳务协作，促进脱贫劳动力稳定就业</h2>"
                      f"{paragraphs}</body></html>")
    assert paragraphs_from_prose_headings(tree) == 0


def test_a_transcripts_table_of_speakers_is_read_a_row_a_paragraph_with_its_speaker():
    said = [("主持人", "各位网友大家好！欢迎收看本期政府在线访谈。"),
            ("嘉宾 王建国", "主持人好，各位网友大家好！"),
            ("主持人", "王局长，首先请您介绍一下今年以来全县就业工作的总体情况。"),
            ("嘉宾 王建国", "今年1至6月，全县城镇新增就业2860人，完成年度目标任务的62%。")]
    rows = "".join(f"<tr><td class='fy_name'><strong>{name}</strong></td><td>{words}</td></tr>"
                   for name, words in said)
    tree = parse_html(f"<html><body><table class='ftjl'>{rows}</table></body></html>")
    assert paragraphs_from_speaker_tables(tree) == 1
    assert [p.text for p in tree.iter("p")] == [f"{name} {words}" for name, words in said]
    # a table of many names (a list of units and their figures) is no transcript
    units = "".join(f"<tr><td>第{i}单位</td><td>今年新增就业{i}人，完成目标。</td></tr>" for i in range(6))
    tree = parse_html(f"<html><body><table>{units}</table></body></html>")
    assert paragraphs_from_speaker_tables(tree) == 0


def test_a_poems_lines_a_paragraph_each_stay_and_a_records_short_fields_do_not():
    verse = ["春天是从后山来的", "她先摸了摸竹子的头", "又在田埂上坐了一会儿", "油菜花就一下子醒了"]
    first, second, third = BODY.split("\n")

    def page_with(lines: list[str]) -> bytes:
        return (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><div class='entry'>"
                f"<p>{first}</p><p>{second}</p><div class='group'>"
                + "".join(f"<p class='center'>{line}</p>" for line in lines)
                + f"</div><p>{third}</p></div></body></html>").encode()

    page = process_page(Page(url="http://team.test/2023/04/poem/", site="team", body=page_with(verse)))
    assert page.text.split("\n") == [first, second, *verse, third]
    fields = ["◎年 代 2005", "◎国 家 中国", "◎类 别 剧情", "◎语 言 普通话"]
    page = process_page(Page(url="http://team.test/2023/04/poem/", site="team", body=page_with(fields)))
    assert not set(fields) & set(page.text.split("\n"))


def test_an_article_hidden_whole_until_a_script_shows_it_is_read_and_a_hidden_copy_is_not():
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
    more = "<p>县人社局表示，下一步将继续做好返乡人员就业服务，让更多群众在家门口实现就业增收。</p>"
    hidden = (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
              f"<article class='cd-article_content' style='display:none'>{paragraphs}{more}</article>"
              "<script>setTimeout(function(){document.querySelector('article').style.display='block'},"
              "500)</script>"
              "<div class='foot'>打开APP查看原文</div></body></html>")
    assert extract_article(hidden).text.split("\n") == [*BODY.split("\n"), more[3:-4]]
    # a hidden copy of the text beside the shown one (a print version) holds half of it: hidden
    copy = hidden.replace("<article class='cd-article_content' style='display:none'>",
                          f"<div class='zw'>{paragraphs}{more}</div>"
                          "<article class='print' style='display:none'>")
    assert extract_article(copy).text.split("\n") == [*BODY.split("\n"), more[3:-4]]


def test_place_spam_paragraphs_go_before_extraction_and_a_list_of_places_in_a_sentence_stays():
    spam = "乌鲁木齐市| 阿拉善右旗| 平顺县| 阿图什市| 莲花县| 长丰县| 巴里坤哈萨克自治县|"
    kept = ["对来自湖南省湘西州7个县、重庆市武隆区和山东省临沂市4个县务工人员给予补贴。",
            "参会企业来自：济南市| 青岛市| 淄博市（以上为山东省协作城市）。"]
    paragraphs = "".join(f"<p>{line}</p><p>{spam}</p>" for line in [*BODY.split("\n"), *kept])
    tree = parse_html(f"<html><body><div class='zw'>{paragraphs}</div></body></html>")
    assert drop_spam_paragraphs(tree, load_rules()) == 5
    assert [p.text for p in tree.iter("p")] == [*BODY.split("\n"), *kept]


def test_a_one_cell_tables_paragraph_of_runs_between_breaks_is_the_article_not_a_layout():
    # DedeCMS's body: a table of one cell holding one <p> whose paragraphs are runs between
    # <br />s, under a summary box that repeats the first; read as a layout, the runs were lost
    lines = BODY.split("\n")
    runs = "<br />\n".join(f"　　{line}" for line in lines)
    html = (f"<html><head><title>{TITLE}</title></head><body><div class='viewbox'><h2>{TITLE}</h2>"
            f"<div class='info'>时间:2024-10-25 15:24 来源:县文旅广体局</div>"
            f"<div class='intro'>{lines[0]}</div>"
            f"<div class='content'><table width='100%'><tr><td><p>{runs}</p></td></tr></table></div>"
            "<div class='tags'>TAG标签：<a href='/tags.php?/就业/'>就业</a></div></div></body></html>")
    page = process_page(Page(url="http://team.test/plus/view.php?aid=1489", site="team", body=html.encode()))
    assert page.text == BODY


def test_a_forum_page_written_in_numeric_references_has_its_quotes_found_too():
    # the quoted posts' words (发表于) are in no byte of a page that writes its characters as
    # references (&#21457;): the page is read whole for them there
    html = (PAGES / "forum-quote.html").read_text("utf-8")
    gold = (PAGES / "forum-quote.txt").read_text("utf-8")
    written = html.encode("ascii", "xmlcharrefreplace")
    page = process_page(Page(url="http://team.test/forum-quote.html", site="team", body=written,
                             content_type="text/html; charset=iso-8859-1"))
    assert char_prf(page.text, gold).f1 == 1.0
