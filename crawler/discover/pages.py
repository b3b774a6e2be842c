"""Whether an extracted page reads as an article: what decides for a site whose entry names no
article patterns, where the URL alone does not say.

An article is running prose: enough Chinese text, in sentences, most of it in lines that end
as sentences do or are long, and a publication date. A list page extracted as text is a column of
headlines (short lines, no sentence ends); a contact page, a video's caption, a search page are
short, or undated, or both; a leader's page opens as a profile does; a newspaper's page of
classified notices (遗失声明) or its weather forecast is a service, line after line, not news; a
gallery is its pictures' numbered captions; an advertorial (【广告特辑】…) is an advertiser's page
in the news's dress; a feed of headlines over teasers cut short (…) is a list however long its
lines. An official notice (通知, 公示) is an article however short and however much of it is a
list: it ends signed, its sender over the date.
"""

from __future__ import annotations

import re

from crawler.text.clean import ends_signed, is_data_row, is_data_table
from crawler.text.fold import fold

# Fewer Han characters than this is a caption or a page of links; a county's news brief of
# three sentences (简讯) holds some 60 to 100, and the checks below still ask it for prose
MIN_HAN = 60
# Sentences (。！？ and their ASCII forms) an article has at the least
MIN_SENTENCES = 3
# ... but a news brief (简讯, 图片新闻) tells its news in two, where it opens as a report does,
# with its day (5月6日，) or its dateline (本网讯（记者 刘昇）5月6日，), and has this many Han
# characters: a 专题 page's introduction or a caption does not open so
BRIEF_SENTENCES = 2
BRIEF_MIN_HAN = 80
# ... and a picture's news (图片新闻) tells it in one sentence under the photo: at an article's
# address, opening with its day (4月29日，…) and ending as a sentence, this many Han make the item
PICTURE_NEWS_MIN_HAN = 30
_REPORT_OPENING = re.compile(
    r"^(?P<mark>\S{0,12}[讯訊电電]\s*([（(][^）)]{0,30}[)）])?\s*)?"
    r"((截至|截止|截止到)?(\d{1,2}月\d{1,2}日|近日|日前)"
    # or as a reporter's brief does: 记者从县人社局获悉，
    r"|(本报|本台|本网)?(记者|記者)[^，,。]{0,4}(从|從)[^，,。]{2,20}(获悉|獲悉|了解到))"
    # or an outlet's 讯 mark alone, whatever opens the report after it (本网讯 眼下，…)
    r"|^(?P<outlet>(本报|本報|本网|本網|本台|[\u4e00-\u9fff]{1,10}(网|網|报|報|台|社|融媒))[讯訊])(\s|[（(])")


# ... or a picture's one sentence opens with when, however it says it: 眼下，…, 入夏以来，…, 国庆节前夕，…
_WHEN_OPENING = re.compile(
    r"^(眼下|连日来|連日來|近期|时下|時下|当下|當下|[^，。,]{1,8}(以来|以來|前夕|期间|期間|之际|之際))[，,]")
# how a picture's caption opens: 图为…, 上图：…
_CAPTION_OPENING = re.compile(r"^(图为|圖為|上图|上圖|下图|下圖|图：|圖：|图:|圖:)")


def _headline_label(words: str) -> re.Pattern[str]:
    """A headline opening with one of ``words`` as its label: in brackets, or before a colon
    or a bar (简讯：…, 【快讯】…); a headline that merely holds the word (…简讯汇编) has none."""
    return re.compile(rf"^(【({words})】|\[({words})\]|({words})\s*[:：｜|丨])")


# A headline that names its page a brief (简讯：…, 【快讯】…) or a gallery (图集：…, 组图｜…)
_BRIEF_HEADLINE = _headline_label("简讯|簡訊|快讯|快訊|短讯|短訊|图片新闻|圖片新聞")
_VIDEO_HEADLINE = _headline_label("视频|視頻|短视频|短視頻|微视频|微視頻")
# ... whose words (a brief's, a video's description under its player) may be this few
LABELLED_MIN_HAN = 40
_GALLERY_HEADLINE = _headline_label("图集|圖集|组图|組圖|图说|圖說|高清组图|多图|多圖|图片集")
# A headline that names an official notice or a call for workers: one sentence over its table
# of names or of positions is all of it (…名单公示, …招聘启事, …来我县招聘普工)
_NOTICE_HEADLINE = re.compile(r"(公示|公告|通知|通告|名单|名單|公布|启事|啟事|启示)$|招聘|招工|招募")
# ... a gallery's captions are short: none of its lines this long (a brief's paragraph is)
GALLERY_MAX_LINE = 80
GALLERY_MIN_CAPTIONS = 3
# Of the text's characters, the share in lines that read as prose (a sentence end, or long)
MIN_PROSE_SHARE = 0.6
PROSE_LINE = 40

_HAN = re.compile(r"[\u4e00-\u9fff]")
# How a leader's or official's profile opens: 张三，男，汉族，1970年5月生
_PROFILE = re.compile(r"[男女][，,、]\s*[\u4e00-\u9fff]{1,5}族|\d{4}年\d{1,2}月(出)?生")
PROFILE_CHARS = 120
_SENTENCE_END = re.compile(r"[。！？!?][”’」』\"')）]?")
# A list's record: a headline, no sentence's end in it, its day (and time) before or after it
_DAY = r"(?:19|20)\d{2}[-./年]\d{1,2}[-./月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
_DATED_RECORD = re.compile(rf"^[\[［(（]?{_DAY}[\]］)）]?\s*[·•|｜:：]?\s*[^。！？!?]+$"
                           rf"|^[^。！？!?]+?\s*[\[［(（]?{_DAY}[\]］)）]?$")
# A newspaper's service lines: a notice of a lost licence or seal (…遗失营业执照副本，声明作废),
# a day's forecast (…气温6℃至12℃); a page of two such lines or more, and more than a third of
# its lines, is the service (news about the weather or a lost licence tells of it in a line)
_SERVICE_LINES = {
    "classified notices (遗失…声明作废)": re.compile(r"(遗失|遺失).{0,80}(声明作废|聲明作廢|作废|作廢)"),
    "a weather forecast": re.compile(r"(气温|氣溫)\s*-?\d{1,2}\s*(℃|度)?\s*(至|到|~|-)\s*-?\d{1,2}\s*(℃|度)"),
}
SERVICE_SHARE = 1 / 3
SERVICE_MIN_LINES = 2
# A gallery's captions, each under its picture's number (1/6 村民们正在赶制出口订单。): a page
# whose text is mostly these is pictures with words, not a story told in prose
_PICTURE_NUMBER = re.compile(r"^[(（]?\d{1,2}\s*/\s*\d{1,2}[)）]?\s*\S")
GALLERY_SHARE = 1 / 2


# A service guide's fixed sections (办事指南: 办理条件, 申请材料, 办理流程 …), each a line of its
# own, numbered or not: a government's page of how to apply, not news of what happened
_SECTION_NUMBER = r"^(?:[一二三四五六七八九十]{1,2}[、.．]\s*|[(（][一二三四五六七八九十]{1,2}[)）]\s*)?"
_GUIDE_SECTION = re.compile(
    _SECTION_NUMBER
    + r"(办理条件|申请条件|受理条件|申请材料|申报材料|办理材料|办理流程|办事流程|办理程序"
    r"|办理时限|承诺时限|法定时限"
    r"|收费标准|收费依据|办理地点|办理时间|咨询方式|咨询电话|监督投诉|投诉方式|设定依据|实施主体|办理对象|事项名称"
    # (a Hong Kong or Macau department's: 服務對象, 辦理步驟, 所需文件, 收費, read folded)
    r"|服务对象|办理步骤|所需文件|收费)"
    r"\s*[:：]?$")
GUIDE_MIN_SECTIONS = 3
# (a section's label is short: only such lines are read, Traditional ones folded)
GUIDE_SECTION_CHARS = 16
# A job posting's sections, each a line of its own (岗位职责 / 1.… / 任职要求 / 1.…): what the
# position does and what it asks, both; a report of a job fair tells of positions in sentences
_JOB_DUTIES = re.compile(_SECTION_NUMBER
                         + r"(岗位职责|工作职责|职位职责|职位描述|岗位描述|工作内容|岗位内容)\s*[:：]?$")
_JOB_REQUIREMENTS = re.compile(
    _SECTION_NUMBER + r"(任职要求|任职资格|岗位要求|职位要求|应聘要求|应聘条件|任职条件)\s*[:：]?$")
# A directory's page of an organization: its registered name for a headline (…有限公司, …学校),
# and a text that opens with that name (…成立于2011年，位于…) or lists its fields (所属行业, 企业性质):
# a news headline says what happened to it
_ORGANIZATION_NAME = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,30}(有限公司|有限责任公司|股份有限公司|股份公司|集团|集團|公司|学校|學校|学院"
    r"|學院|医院|醫院|合作社|研究院|研究所|协会|協會|商会|商會|事务所|事務所|工作室)$")
_ORGANIZATION_FIELD = re.compile(
    r"(所属行业|所屬行業|企业性质|企業性質|单位性质|單位性質|企业规模|企業規模|公司规模|公司規模|注册资本|註冊資本"
    r"|成立日期|成立时间|成立時間|经营范围|經營範圍|法定代表人|统一社会信用代码|統一社會信用代碼)")
ORGANIZATION_MIN_FIELDS = 2
# An employer's advert: a table of positions (its header names them, and their number or pay)
# and how to apply, with a sentence of its own at most (a report of a job fair holds such a table
# among its paragraphs)
_POSITIONS_HEADER = re.compile(r"(职位|岗位|工种)")
_POSITIONS_FIGURE = re.compile(r"(人数|薪酬|薪资|待遇|工资|月薪)")
_APPLYING = re.compile(r"^(报名方法|报名方式|应聘方式|应征方式|截止日期|截止时间|联系电话|联络电话|联系方式"
                       r"|联络方式|工作地点|面试地点)\s*[:：]")
ADVERT_MAX_SENTENCES = 1
# (a remark in brackets may stand between: …地点如下（服务时间为上午十时至下午六时）：)
_ANNOUNCES = re.compile(r"(如下|以下)\s*([（(][^）)]{0,40}[）)])?\s*[:：]$"
                        # (or a sentence that goes on after its 如下: 现将…发布如下，有意者可直接联系企业。)
                        r"|(发布|發布|公布|通知|告知|通报|通報|公告)如下[，,][^。！？]{0,30}[。！？]$")
_CUT_SHORT = ("…", "...")
# A line that offers the notice's file: 附件：…, 点击下载：…
_ATTACHMENT_LINE = re.compile(
    r"^(附件|附件下载|附件下載|相关附件|相關附件|点击下载|點擊下載|下载|下載)\s*\d{0,2}\s*[:：]")
_CLAUSE_ENDS = ("；", ";")


def _announced_items(lines: list[str]) -> set[int]:
    """The indexes of the lines that are items of a list a line before them announces
    (…如下：): short and no sentence, from the announcing line to the list's end (a long line or
    a sentence)."""
    items: set[int] = set()
    announced = False
    for index, line in enumerate(lines):
        short = len(line) < PROSE_LINE and not _SENTENCE_END.search(line)
        if announced and short:
            items.add(index)
        if _ANNOUNCES.search(line):
            announced = True
        elif not short:
            announced = False
    return items


# A paid page in a news site's dress (an advertorial): its headline's label (【广告特辑】…,
# [Sponsored] …), or a line that opens saying an advertiser's (【广告特辑】本文内容由广告客户提供);
# a report about advertising quotes such words in a sentence
_ADVERTORIAL_HEADLINE = _headline_label("广告特辑|廣告特輯|广告|廣告|Sponsored|SPONSORED|赞助内容|贊助內容"
                                        "|Advertorial|ADVERTORIAL")
_ADVERTORIAL_LINE = re.compile(
    r"^([(（【\[][^)）】\]]{0,8}[)）】\]])?\s*(本文|本篇|此文|以上)(内容|內容)?(由|为|為|系|属|屬)(广告|廣告)"
    r"|^[(（【\[]\s*(广告|廣告|广告特辑|廣告特輯|Sponsored)\s*[)）】\]]$")
# A headline that names a page about the site's owner, which a site keeps beside its news (its
# 机构概况, its leaders, how to reach it)
_ABOUT_HEADLINE = re.compile(
    r"(本局|本站|单位|單位|机构|機構)?(概况|概況|简介|簡介|职能|職能|设置|設置)|机构职责|機構職責|主要职责|主要職責"
    # (its owner named first: 青溪县人民政府机构职能; a county's profile of itself: 县情概况)
    r"|[\u4e00-\u9fff]{2,16}(机构|機構)(概况|概況|简介|簡介|职能|職能|设置|設置|职责|職責)"
    r"|([\u4e00-\u9fff]{0,8}[县市区镇乡縣區鎮鄉])?[县市区镇乡縣區鎮鄉]情(概况|概況|简介|簡介)"
    r"|内设机构|內設機構|领导(信息|简介|分工)|領導(信息|簡介|分工)|联系我们|聯繫我們|关于我们|關於我們"
    r"|网站(地图|声明)|網站(地圖|聲明)|本站声明|本站聲明|隐私(政策|声明)|隱私(政策|聲明)"
    # and how to ask it for information (某某县人民政府信息公开指南)
    r"|[\u4e00-\u9fff]{0,20}(信息公开|信息公開|依申请公开|依申請公開)(指南|制度|目录|目錄)")


def _job_advert(folded: list[str]) -> bool:
    """Whether the text (its lines folded: 職位, 報名方法 read as 职位, 报名方法) is an employer's
    advert: a table whose header names positions and their number or pay, and besides it and
    the lines of how to apply (报名方法：, 截止日期：) ``ADVERT_MAX_SENTENCES`` sentence at most."""
    if not any(is_data_row(line) and _POSITIONS_HEADER.search(line) and _POSITIONS_FIGURE.search(line)
               for line in folded):
        return False
    rest = [line for line in folded if not is_data_row(line) and not _APPLYING.match(line)]
    return sum(len(_SENTENCE_END.findall(line)) for line in rest) <= ADVERT_MAX_SENTENCES


def article_evidence(text: str, published: str | None, title: str | None = None,
                     article_url: bool = False, gallery_url: bool = False) -> str | None:
    """Why the text is not an article, or None if it reads as one; ``title``, its headline,
    may name it a brief, a video (its description is its text) or a gallery; ``article_url``:
    the page's address has an article's shape (a dated path and an id), which makes a text of
    two sentences a brief however it opens; ``gallery_url``: the address names a gallery
    (/photo/…), whose text of short captions is the gallery's."""
    han = len(_HAN.findall(text))
    labelled = bool(_BRIEF_HEADLINE.match(title or "") or _VIDEO_HEADLINE.match(title or ""))
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    # (under its picture's caption, where the caption stands first: 图为猜灯谜活动现场。)
    report = next((line for line in lines if not _CAPTION_OPENING.match(line)), "")
    # (one sentence opening with when is a picture's: two so opening are a notice's or any text's)
    opens_with_when = bool(_WHEN_OPENING.match(report)) and len(_SENTENCE_END.findall(text)) == 1
    picture_news = (article_url and han >= PICTURE_NEWS_MIN_HAN
                    and (_REPORT_OPENING.match(report) is not None or opens_with_when)
                    and _SENTENCE_END.search(report) is not None)
    # ... and so is a short notice under a notice's headline (关于春节放假的通知): its one or two
    # sentences are the notice
    # (one that hands on its attachment, 现将…印发给你们 and 点击下载：…, is the file's stub)
    short_notice = (article_url and han >= PICTURE_NEWS_MIN_HAN and bool(_NOTICE_HEADLINE.search(title or ""))
                    and _SENTENCE_END.search(text) is not None
                    and not any(_ATTACHMENT_LINE.match(line) for line in lines))
    if han < (LABELLED_MIN_HAN if labelled else MIN_HAN) and not picture_news and not short_notice:
        return f"{han} Chinese characters (an article has {MIN_HAN} or more)"
    # (pages of the office's own, however they read: a signed 信息公开指南 is no news)
    if _ABOUT_HEADLINE.fullmatch(" ".join((title or "").split())):
        return f"a page about the site's owner ({title}), not news"
    folded = [fold(line) for line in lines]  # (Traditional pages' words read as the rules')
    short = [line for line in folded if len(line) <= GUIDE_SECTION_CHARS]  # (the lines a label may be)
    sections = {match.group(1) for line in short if (match := _GUIDE_SECTION.match(line))}
    if len(sections) >= GUIDE_MIN_SECTIONS:
        return f"a service guide ({'、'.join(sorted(sections))}…), not news"
    # (before a signature's question: its closing date is how long it stands)
    if _job_advert(folded):
        return "an employer's job advert (a table of positions and how to apply), not news"
    if any(map(_JOB_DUTIES.match, short)) and any(map(_JOB_REQUIREMENTS.match, short)):
        return "an employer's job posting (its duties and its requirements, 岗位职责 and 任职要求), not news"
    name = "".join((title or "").split())
    if _ORGANIZATION_NAME.match(name) and (fold(lines[0]).startswith(fold(name)) or len(
            {found.group() for found in _ORGANIZATION_FIELD.finditer(text)}) >= ORGANIZATION_MIN_FIELDS):
        return f"a directory's page of an organization ({name}), not news"
    if _ADVERTORIAL_HEADLINE.match(title or "") or any(_ADVERTORIAL_LINE.search(line) for line in lines):
        return "an advertorial (its headline or a line says an advertiser's), not news"
    if ends_signed(lines):
        return None if published else "no publication date"
    # a long paragraph counts as a sentence at the least: damaged text may have lost its 。
    sentences = max(len(_SENTENCE_END.findall(text)), sum(len(line) >= PROSE_LINE for line in lines))
    # (a report's mark before it, 本报讯（记者 …）, makes the news whatever its length)
    opening = _REPORT_OPENING.match(lines[0])
    opens_as_report = opening is not None and (han >= BRIEF_MIN_HAN or bool(opening.group("mark"))
                                               or bool(opening.group("outlet")))
    brief = picture_news or short_notice \
        or sentences >= BRIEF_SENTENCES and (opens_as_report or labelled or article_url)
    # a notice's headline, or a sentence that announces what follows (…公布如下：), over its
    # data table
    announced = any(_ANNOUNCES.search(line) for line in lines)
    listed_notice = (bool(_NOTICE_HEADLINE.search(title or "")) or announced) and is_data_table(lines)
    if sentences < MIN_SENTENCES and not brief and not listed_notice:
        return (f"{sentences} sentences (an article has {MIN_SENTENCES} or more, a news brief opening "
                f"with its day {BRIEF_SENTENCES})")
    # a data table's rows, and the items of a list a sentence announces (获奖项目如下：), are
    # neither prose nor headlines: the share is the rest's
    lines = [line for line in lines if not is_data_row(line)]
    items = _announced_items(lines)
    lines = [line for index, line in enumerate(lines) if index not in items]
    # (a rule's clauses end with ；: prose, which headlines never are; a long headline with its
    # day before or after it and no sentence's end is a list's record)
    # (a teaser cut short under its headline, 5月30日，蓬安县…提供电子信息、…, is a list's too,
    # unless it opens a line of the text: the page's own summary)
    teasers = {line for line in lines if line.endswith(_CUT_SHORT)
               and not any(other != line and other.startswith(line.rstrip("….")) for other in lines)}
    prose = sum(len(line) for line in lines
                if (len(line) >= PROSE_LINE and not _DATED_RECORD.match(line) and line not in teasers)
                or _SENTENCE_END.search(line[-2:]) or line.endswith(_CLAUSE_ENDS))
    share = prose / max(1, sum(len(line) for line in lines))
    if share < MIN_PROSE_SHARE and not listed_notice:
        return f"{share:.0%} of its text in sentences (a list of headlines, not prose)"
    if not published:
        return "no publication date"
    numbered = [line for line in lines if _PICTURE_NUMBER.match(line)]
    if len(numbered) >= 2 and sum(map(len, numbered)) >= GALLERY_SHARE * sum(map(len, lines)):
        return f"a gallery: most of its text is {len(numbered)} numbered pictures' captions (1/6 …), not news"
    if _GALLERY_HEADLINE.match(title or "") and max(map(len, lines)) < GALLERY_MAX_LINE:
        return "a gallery: its headline says so (图集：…) and its text is short captions, not news"
    # (several captions: a picture's news, one photo and its sentence, may stand at such an address)
    if gallery_url and len(lines) >= GALLERY_MIN_CAPTIONS and max(map(len, lines)) < GALLERY_MAX_LINE:
        return "a gallery: its address says so (/photo/…) and its text is short captions, not news"
    if _PROFILE.search(text[:PROFILE_CHARS]):
        return "a person's profile (男，汉族，1970年5月生), not news"
    for kind, line_of_it in _SERVICE_LINES.items():
        found = sum(bool(line_of_it.search(line)) for line in lines)
        if found >= SERVICE_MIN_LINES and found > SERVICE_SHARE * len(lines):
            return f"a newspaper's service: {kind}, not news"
    return None
