"""`newsarchive import`: the seeds, saved as a naive scraper saved them, come out clean."""

from __future__ import annotations

import json
import re
from importlib import resources

from tests.conftest import newsarchive, query

# What no repair can bring back, by design: in seed 001 a character whose byte was lost in a
# GBK-misaligned stretch, where the words around it fit two (輸得出, 輸拿出: kept as U+FFFD; in
# 當地重大 the words leave one, and it comes back), in seed 002 a stretch that could not be
# realigned (dropped, and counted).
IRRECOVERABLE = {
    "001": [("輸得出", "輸\ufffd出")],
    "002": [("活動。活動", "活動")],
}
LEFTOVERS = re.compile(r"責任編輯|責編|责编|CopyRight|Copyright|版權所有|版权所有|ICP|分享|推薦閱讀|相关阅读|"
                       r"热线|投稿邮箱|您現在的位置|\|")
ANNOTATION = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,6}[)）]")


def expected_paragraphs(seed: str) -> list[str]:
    """The seed's article text, written out by hand (the demo's known clean texts)."""
    articles = json.loads((resources.files("crawler.demo") / "articles.json").read_text("utf-8"))
    paragraphs = [p for a in articles if a["origin"] == f"seed:{seed}" for p in a["paragraphs"]]
    for damaged, kept in IRRECOVERABLE.get(seed, []):
        paragraphs = [p.replace(damaged, kept) for p in paragraphs]
    return paragraphs


def test_seeds_import_clean(shared, tmp_path):
    db = tmp_path / "seeds.db"
    seeds = sorted((shared / "seeds").glob("*.txt"))
    out = newsarchive("import", *map(str, seeds), "--db", str(db)).stdout
    assert out.strip().endswith(f"new 5 -> {db}")
    rows = {url.rsplit("/", 1)[1][:3]: (title, text, json.loads(repairs))
            for url, title, text, repairs in query(db, "select url, title, text, repairs from articles")}
    assert sorted(rows) == ["000", "001", "002", "003", "004"]
    for seed, (_title, text, repairs) in rows.items():
        assert text.split("\n") == expected_paragraphs(seed), seed  # every paragraph, nothing else
        assert not ANNOTATION.search(text) and not LEFTOVERS.search(text)
        assert repairs.get("pinyin_annotations", 0) > 0 or seed == "004"
    assert rows["001"][2]["place_spam_items"] == 41
    assert rows["001"][2]["misaligned_spans_restored"] == 2
    assert rows["001"][2]["lost_characters_from_words"] == 1
    assert rows["002"][2]["misaligned_spans_dropped"] == 1
    # the script of the source is kept: Traditional stays Traditional
    assert rows["000"][0] == "3年3次!國務院扶貧辦肯定福州扶貧協作經驗"
    assert rows["004"][0] == "汝州市人社局:就业扶贫铺就稳稳幸福路"


def test_import_html_runs_the_whole_pipeline(tmp_path):
    page = tmp_path / "page.html"
    body = "".join(f"<p>{'就业扶贫車間讓群眾在家門口就業。' * 3}</p>" for _ in range(4))
    html = (f"<html><head><meta charset='big5'><title>扶貧車間 - 某網</title></head>"
            f"<body><article><h1>扶貧車間</h1>{body}</article></body></html>")
    page.write_bytes(html.encode("big5", "replace"))
    db = tmp_path / "html.db"
    newsarchive("import", str(page), "--db", str(db))
    title, encoding = query(db, "select title, encoding from articles")[0]
    assert (title, encoding) == ("扶貧車間", "big5hkscs")


def test_a_dumps_markup_left_as_text_is_read_and_its_platform_lines_go():
    # a naive scraper's text with the page's references and tags left in it; share bars naming
    # Facebook and LINE, a WeChat post's meta line, an info line with its weekday, 往期推荐 after it
    from crawler.page import Page, process_page
    body = ["&nbsp;&nbsp;本报讯 3月6日，全县春风行动&ldquo;招聘会&rdquo;在县体育馆举行，"
            "共有86家企业参加。<br>",
            "<strong>岗位对接精准化</strong>",
            "县人社局提前摸排企业用工需求&mdash;&mdash;提供岗位3200余个，达成意向1100人。"]
    dump = "\n".join(["县人社局举办春风行动招聘会 提供岗位3200余个",
                      "2024年3月6日 星期三 15:32  撰文：黄咏欣",
                      "原创 青溪人社 青溪人社 2024-03-06 18:30 湖北", *body, "分享：Facebook LINE 複製連結",
                      "往期推荐", "县人社局开展送岗下乡活动", "阅读原文"])
    page = process_page(Page(url="file:///d.txt", body=dump.encode(), is_text_dump=True))
    assert page.title == "县人社局举办春风行动招聘会 提供岗位3200余个"
    assert page.text == "\n".join([
        "本报讯 3月6日，全县春风行动“招聘会”在县体育馆举行，共有86家企业参加。", "岗位对接精准化",
        "县人社局提前摸排企业用工需求——提供岗位3200余个，达成意向1100人。"])
    assert page.repairs["markup_left_in_dump"] == 9  # (6 references, 3 tags)
    # a text that names a tag or an ampersand once or twice is no markup left
    named = "本次培训包括R&D课程和<br>标签的用法讲解，全县共有二百余名学员参加了本次技能培训活动。"
    page = process_page(Page(url="file:///e.txt", body=f"县人社局举办电商技能培训班\n{named}".encode(),
                             is_text_dump=True))
    assert page.text == named
