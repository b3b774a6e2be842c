"""Decode: the codec comes from the evidence, not from whatever the page claims."""

from __future__ import annotations

import csv

import lxml.html
import pytest

from bench.damage import browsers_cp1252, browsers_gbk
from crawler.page import Page, PageRejected, process_page
from crawler.text.decode import UndecodableError, decode_html, normalize_label
from crawler.text.mojibake import repair_mojibake

TRAD = "國務院扶貧辦肯定福州扶貧協作經驗，連續三年刊發我市東西部勞務協作專項經驗。" * 3
SIMP = "汝州市人社局：就业扶贫铺就稳稳幸福路，让贫困劳动力端牢饭碗，实现稳定就业。" * 3


def page(text: str, meta: str | None = None) -> str:
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else ""
    return f"<html><head>{head}<title>t</title></head><body><p>{text}</p></body></html>"


def test_gbk_declared_gb2312_with_characters_outside_gb2312():
    text = SIMP + "王喆和赵赟在昇达服饰工作。"
    decoded = decode_html(page(text, "gb2312").encode("gbk"), "text/html")
    assert text in decoded.text
    assert decoded.encoding == "gb18030" and not decoded.detection_used
    assert decoded.declared == {"meta": "gb2312"}


def test_lying_http_header_loses_to_the_bytes():
    decoded = decode_html(page(SIMP, "gb2312").encode("gbk"), "text/html; charset=utf-8")
    assert SIMP in decoded.text
    assert decoded.declared == {"header": "utf-8", "meta": "gb2312"}


def test_big5_bytes_labelled_gb2312_are_read_as_big5():
    # Big5 bytes decode strictly as GB18030 too, into mojibake: plausibility must catch it.
    body = page(TRAD, "gb2312").encode("big5")
    body.decode("gb18030")  # the trap: no error
    decoded = decode_html(body, None)
    assert TRAD in decoded.text
    assert decoded.encoding == "big5hkscs" and decoded.detection_used


def test_utf8_bytes_declared_gb2312_are_utf8():
    decoded = decode_html(page(SIMP, "gb2312").encode("utf-8"), "text/html; charset=gbk")
    assert SIMP in decoded.text and decoded.encoding == "utf-8"


@pytest.mark.parametrize("codec", ["gbk", "big5", "utf-8"])
def test_no_declaration_at_all(codec):
    text = TRAD if codec == "big5" else SIMP
    decoded = decode_html(page(text).encode(codec), None)
    assert text in decoded.text


@pytest.mark.parametrize("codec,text,expected", [("gbk", SIMP, "gb18030"), ("big5", TRAD, "big5hkscs")])
def test_an_undeclared_page_read_cleanly_as_gbk_is_gbk_and_big5_is_still_detected(codec, text, expected):
    # GBK's reading is tried before detection (ten times its cost); Big5 bytes read without a bad
    # byte as GBK too, but as rare characters, and go on to detection
    decoded = decode_html(page(text).encode(codec), None)
    assert text in decoded.text and decoded.encoding == expected and decoded.detection_used
    assert any(why.startswith("no declaration: read as gb18030") for why in decoded.explanation) \
        == (codec == "gbk")


def test_truncated_double_byte_sequences_keep_the_codec():
    body = page(SIMP + SIMP, "gb2312").encode("gbk")
    cut = body.replace("稳稳".encode("gbk"), "稳".encode("gbk") + b"\xce...", 1)
    decoded = decode_html(cut, None)
    assert decoded.encoding == "gb18030"
    assert decoded.repairs["undecodable_bytes"] == 1
    assert SIMP in decoded.text  # the second copy is intact


def test_a_paragraph_pasted_as_utf8_into_a_gbk_page_is_read_as_utf8():
    # a notice whose one paragraph and attachment line came from another system, in UTF-8
    pasted = "招聘对象为具有本县户籍、年龄在16周岁以上的脱贫劳动力。"
    attachment = "附件：公益性岗位分配表.xls"
    body = (page(SIMP, "gb2312").encode("gbk").replace(b"</body>", b"")
            + f"<p>{pasted}</p><p>".encode() + attachment.encode() + b"</p></body></html>")
    decoded = decode_html(body, None)
    assert SIMP in decoded.text and pasted in decoded.text and attachment in decoded.text
    assert decoded.repairs["pasted_utf8_runs"] == 3 and not decoded.repairs["undecodable_bytes"]
    # a GBK page whose bytes all read is not searched; one cut short keeps its codec's reading
    whole = page(SIMP + SIMP, "gb2312").encode("gbk")
    assert not decode_html(whole, None).repairs["pasted_utf8_runs"]
    cut = whole.replace("稳稳".encode("gbk"), "稳".encode("gbk") + b"\xce...", 1)
    assert not decode_html(cut, None).repairs["pasted_utf8_runs"]


@pytest.mark.parametrize("codec", ["gb18030", "latin-1"])
def test_upstream_mojibake_is_repaired_and_counted(codec):
    spoiled = "活动通知：" + "就业扶贫专场招聘".encode().decode(codec)
    decoded = decode_html(page(spoiled, "utf-8").encode("utf-8"), None)
    assert "活动通知：就业扶贫专场招聘" in decoded.text
    assert sum(v for k, v in decoded.repairs.items() if k.startswith("mojibake")) == 1


def test_rare_characters_side_by_side_in_clean_text_are_left_and_a_misread_line_after_them_is_repaired():
    # 浏览器浏 has the shape of a misread stretch (rare characters three apart): it reads again as
    # nothing, and the page is not taken for clean because of it, nor is it changed
    clean = "请更换浏览器浏览本页，以获得更好的体验。"
    spoiled = "就业扶贫专场招聘".encode().decode("gb18030")
    assert repair_mojibake(f"{clean}\n<p>活动通知：{spoiled}</p>") == (
        f"{clean}\n<p>活动通知：就业扶贫专场招聘</p>", {"mojibake_utf8_as_gb18030": 1})
    assert repair_mojibake(f"{clean}\n<p>活动通知：就业扶贫专场招聘</p>") == (
        f"{clean}\n<p>活动通知：就业扶贫专场招聘</p>", {})


def test_a_letter_and_mark_big5_encodes_as_one_code_is_no_crash():
    # '议新民议' misread as Big5-HKSCS, then 耤文 and ê̄ (U+00EA U+0304: one Big5-HKSCS code,
    # whose mark alone has none)
    text = "\u9708\u683c\u9c35\u761e\U000243f8\u6085\u8024\u6587\xea\u0304"
    assert repair_mojibake(text) == (text, {})


def test_double_encoding_is_undone_layer_by_layer():
    once = "就业扶贫".encode().decode("latin-1")
    twice = once.encode("utf-8").decode("latin-1")
    fixed, repairs = repair_mojibake(twice)
    assert fixed == "就业扶贫" and sum(repairs.values()) == 2


def test_utf8_read_as_a_browsers_cp1252_comes_back_whole():
    from crawler.demo.render import demo_articles

    paragraphs = [p for article in demo_articles() for p in article.paragraphs]
    undefined = 0
    for clean in paragraphs:
        spoiled = browsers_cp1252(clean.encode("utf-8"))
        undefined += sum("\x80" <= ch <= "\x9f" for ch in spoiled)
        assert repair_mojibake(spoiled) == (clean, {"mojibake_utf8_as_cp1252": 1})
    assert undefined > 10  # the bytes Python's cp1252 has no character for were there


def test_utf8_read_as_a_browsers_gbk_comes_back_with_its_euro_signs_read_as_their_byte():
    # WHATWG's gbk decoder (a browser's, Windows' cp936) reads a lone 0x80 byte, which UTF-8
    # Chinese is full of (一 is E4 B8 80), as €: written back, that byte again
    from crawler.demo.render import demo_articles

    paragraphs = [p for article in demo_articles() for p in article.paragraphs]
    euros = lost = chars = 0
    for clean in paragraphs:
        spoiled = browsers_gbk(clean.encode("utf-8"))
        euros += spoiled.count("€")
        fixed, _ = repair_mojibake(spoiled)
        # (a byte gone where it could not be read, as a paragraph's last 。's: its character marked)
        lost += _lost_marks(fixed, clean)
        chars += len(clean)
    assert euros > 100 and lost < 0.1 * chars


@pytest.mark.parametrize("clean", [
    "图为务工人员在县客运中心登车出发。", "先培训后输出 提升务工“含金量”", "他说：“现在车开到家门口了。”"])
def test_a_lost_mark_that_closes_its_line_comes_back_as_the_mark_the_line_needs(clean):
    # the last byte of a misread line's closing mark is lost to the tag or the line's end after
    # it; its surviving bytes say punctuation: the quote the line left open, else its full stop
    for opening in ("", "<p>"):
        line = opening + clean + ("</p>" if opening else "")
        fixed, _ = repair_mojibake(line.encode("utf-8").decode("gbk", errors="replace"))
        assert fixed[len(opening) + len(clean) - 1] == clean[-1]


def test_a_lost_character_closing_a_line_that_was_a_word_is_no_mark():
    # the line's last character lost whole, a Han one: its bytes say nothing of punctuation
    clean = "记者从县人社局获悉，“点对点”专车已发"
    fixed, _ = repair_mojibake(clean.encode("utf-8").decode("gbk", errors="replace"))
    assert fixed[-1] in ("\ufffd", "发")


def _lost_marks(fixed: str, clean: str) -> int:
    assert len(fixed) == len(clean)
    differ = [a for a, c in zip(fixed, clean, strict=True) if a != c]
    assert set(differ) <= {"\ufffd"}
    return len(differ)


@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_utf8_misread_with_replacement_comes_back_but_for_the_lost_characters(codec):
    from crawler.demo.render import demo_articles

    lost = total = 0
    for article in demo_articles():
        for clean in article.paragraphs:
            spoiled = clean.encode("utf-8").decode(codec, errors="replace")
            fixed, repairs = repair_mojibake(spoiled)
            marks = _lost_marks(fixed, clean)
            assert repairs["mojibake_lost_characters"] == marks
            lost, total = lost + marks, total + len(clean)
    # each replaced byte costs one character: GBK maps fewer pairs than GB18030
    assert 0 < lost < total * (0.15 if codec == "gbk" else 0.08)


def test_a_lost_character_the_words_around_it_settle_comes_back_and_is_counted():
    from crawler.demo.render import demo_articles

    lost = restored = 0
    for article in demo_articles():
        for clean in article.paragraphs:
            fixed, repairs = repair_mojibake(clean.encode("utf-8").decode("gbk", errors="replace"))
            lost += _lost_marks(fixed, clean)  # (a wrong character would fail here)
            restored += repairs["lost_characters_from_words"]
    assert restored > lost / 10
    # a line whose replacement marks were written out as "?" by a GBK encoder: the same
    clean = "走进大湾村的就业帮扶车间，四十多名村民正在各自的工位上忙着加工饰品。"
    spoiled = clean.encode("utf-8").decode("gbk", errors="replace").replace("\ufffd", "?")
    fixed, repairs = repair_mojibake(spoiled)
    assert "?" not in fixed and _lost_marks(fixed, clean) == repairs["mojibake_lost_characters"] < 10
    assert repair_mojibake("你好吗?我很好。这是什么?")[0] == "你好吗?我很好。这是什么?"


def test_utf8_misread_as_cp1252_with_replacement_comes_back_but_for_the_lost_characters():
    # a pipeline's cp1252 decode marks each byte it leaves undefined (81 8D 8F 90 9D) with
    # U+FFFD: every character whose bytes survive comes back, beside clean text too, and a lost
    # one is marked or, where the words around it settle it, restored and counted
    from crawler.demo.render import demo_articles

    lost = restored = total = 0
    for article in demo_articles():
        for clean in article.paragraphs:
            spoiled = clean.encode("utf-8").decode("cp1252", errors="replace")
            fixed, repairs = repair_mojibake("记者报道：" + spoiled)
            assert fixed.startswith("记者报道：")
            marks = _lost_marks(fixed[5:], clean)  # (a wrong character would fail here)
            assert repairs["mojibake_lost_characters"] == marks
            lost, total = lost + marks, total + len(clean)
            restored += repairs["lost_characters_from_words"]
    # (each Han character holds two bytes of 64 values that may be one of the five: some 15 %)
    assert 0 < lost < total * 0.15 and restored > 0


def test_a_lossy_misreading_beside_clean_text_and_lost_twice_marks():
    clean = "就业扶贫专场招聘会在县城文化广场举行"
    spoiled = clean.encode().decode("gbk", errors="replace")
    fixed, repairs = repair_mojibake("活动通知：" + spoiled)
    assert fixed.startswith("活动通知：")
    assert _lost_marks(fixed[5:], clean) == repairs["mojibake_lost_characters"]
    fixed, repairs = repair_mojibake("记者锟斤拷锟斤拷报道")
    assert fixed == "记者\ufffd\ufffd\ufffd\ufffd报道" and repairs["mojibake_lost_characters"] == 4


def test_a_gbk_page_holding_a_lossy_misreading_written_in_gb18030_is_repaired_not_misread():
    # the misreading's marks went into the page as characters, GB18030's 84 31 A4 37 for U+FFFD
    # (a page that declares gbk is read as GB18030, as browsers do): characters lost upstream,
    # no byte the codec cannot read; the 0x84 that leads each is no cp1252 mark („) either
    clean = "县人社局在人力资源市场广场举办春风行动专场招聘会，共吸引一百三十二家用人单位进场招聘。"
    spoiled = clean.encode("utf-8").decode("gbk", errors="replace")
    page = ("<html><head><meta charset='gbk'></head><body><p>" + spoiled + "</p></body></html>"
            ).encode("gb18030")
    assert b"\x84\x31\xa4\x37" in page
    decoded = decode_html(page)
    assert decoded.encoding == "gb18030" and "undecodable_bytes" not in decoded.repairs
    assert "cp1252_marks" not in decoded.repairs
    text = decoded.text[decoded.text.index("<p>") + 3:decoded.text.index("</p>")]
    assert len(text) == len(clean) and _lost_marks(text, clean) == decoded.repairs["mojibake_lost_characters"]
    assert _lost_marks(text, clean) < len(clean) * 0.3


def test_gbk_and_big5_text_read_as_latin1_upstream_comes_back_and_latin_text_stays():
    # a latin1 database column holding GBK (ÏØÈËÉç¾Ö for 县人社局), a Big5 page read as Western:
    # the bytes read back in the Chinese codec that makes plausible text of them
    simplified = "县人社局今年组织开展春风行动专场招聘会，帮助农村劳动力转移就业三千余人。"
    traditional = "縣人社局今年組織開展春風行動專場招聘會，幫助農村勞動力轉移就業三千餘人。"
    spoiled = simplified.encode("gbk").decode("latin-1")
    assert repair_mojibake("<p>记者报道：" + spoiled + "</p>") == (
        f"<p>记者报道：{simplified}</p>", {"mojibake_gb18030_as_cp1252": 1})
    assert repair_mojibake(traditional.encode("big5").decode("latin-1"))[0] == traditional
    # ... a Big5 stretch between tags on a line that holds Chinese of its own (a comment's): a
    # trail byte of Big5 is ASCII at times (東 A3 46: £F), and the stretch is read whole
    stretch = "東區辦事處就業服務站".encode("big5").decode("cp1252")
    big5_between = f"<!-- 專題名稱 -->{stretch}<!-- end -->"
    assert repair_mojibake(big5_between)[0] == "<!-- 專題名稱 -->東區辦事處就業服務站<!-- end -->"
    page = f"<html><head><meta charset='utf-8'></head><body><p>{spoiled}</p></body></html>".encode()
    assert simplified in decode_html(page).text
    # Latin text with its accents, and Latin names in Chinese text, are left alone
    for latin in ("Le café à Paris était très animé, déjà naïve.", "葡萄牙语：São João，Ângela Gonçalves。"):
        assert repair_mojibake(latin) == (latin, {})


def test_big5_and_gbk_read_as_each_other_with_replacement_come_back_but_for_the_lost_characters():
    # a mainland aggregator's copy of a Taiwanese page (its Big5 read as GBK, every pair GBK has
    # no character for marked), and a GBK page read as Big5: each surviving pair read again, each
    # character that lost a byte marked (some given back by the words around them), counted
    traditional = ("屏東縣政府今天在縣立體育館舉辦春季就業博覽會，共有六十八家廠商參與，釋出職缺兩千多個，"
                   "吸引上千名求職民眾到場應徵。")
    simplified = "县人社局今天在人力资源市场举办春风行动专场招聘会，共有六十八家企业进场，提供岗位两千多个。"
    for clean, written, read_as, repair in ((traditional, "big5", "gbk", "mojibake_big5_as_gbk"),
                                            (simplified, "gbk", "big5", "mojibake_gbk_as_big5")):
        spoiled = clean.encode(written).decode(read_as, errors="replace")
        assert "\ufffd" in spoiled
        page = f"<html><head><meta charset='utf-8'></head><body><p>{spoiled}</p></body></html>".encode()
        decoded = decode_html(page)
        text = decoded.text[decoded.text.index("<p>") + 3:decoded.text.index("</p>")]
        assert decoded.repairs[repair] == 1 and len(text) == len(clean)
        assert all(got in (want, "\ufffd") for got, want in zip(text, clean, strict=True))
        assert text.count("\ufffd") == decoded.repairs["mojibake_lost_characters"] < len(clean) * 0.4
    # a line that lost a character of its own is no misreading: the marks of a UTF-8 page misread
    # as GBK go the way of that repair, a clean line's stray mark stays, and a line of rare
    # characters that another codec reads as no words stays as it is
    spoiled = simplified.encode().decode("gbk", errors="replace")
    assert repair_mojibake(spoiled)[1]["mojibake_utf8_as_gb18030"]
    assert not {"mojibake_big5_as_gbk", "mojibake_gbk_as_big5"} & set(repair_mojibake(spoiled)[1])
    for kept in ("县人社局举办专场招聘\ufffd会，帮助群众就业。", "彧翀昶\ufffd翊珩琰璟\ufffd玥瑾萱"):
        assert repair_mojibake(kept) == (kept, {})


def test_character_references_escaped_twice_read_as_the_characters_where_they_are_chinese():
    # a CMS that escaped its text and then the markup: the reader sees &#21439;&#20154;…
    clean = "县人社局组织开展春风行动专场招聘会，帮助农村劳动力转移就业。"
    twice = "".join(f"&amp;#{ord(ch)};" if ord(ch) > 0x2fff else ch for ch in clean)
    page = f"<html><head><meta charset='utf-8'></head><body><p>{twice}</p></body></html>".encode()
    decoded = decode_html(page)
    assert lxml.html.fromstring(decoded.text).text_content() == clean
    assert decoded.repairs["double_escaped_references"] == len(clean)
    # a script's own (one that undoes the damage itself), one reference shown as an example, and
    # references of another script, stay as written
    undoing = ("<script>t = t.replace('&amp;#23301;', '嬅').replace('&amp;#23323;', '嬛')"
               ".replace('&amp;#21439;', '县');</script>")
    assert undoing in decode_html(f"<html><body>{undoing}<p>{clean}</p></body></html>".encode()).text
    for kept in ("写法示例：&amp;#169; 表示版权符号。", "&amp;#1055;&amp;#1088;&amp;#1080;&amp;#1074;"):
        page = f"<html><head><meta charset='utf-8'></head><body><p>{kept}</p></body></html>".encode()
        assert kept in decode_html(page).text


def test_text_with_a_lost_character_of_its_own_is_left_alone():
    # a replacement mark from a byte we could not decode: not a misreading of UTF-8
    for text in (SIMP.replace("稳", "\ufffd", 1), TRAD.replace("扶", "\ufffd"), "鑫淼\ufffd犇焱"):
        fixed, repairs = repair_mojibake(text)
        assert fixed == text and not repairs


def test_clean_text_gets_no_repairs():
    for text in (SIMP, TRAD, "GDP增长3.5%，5G基站(2019)。Café naïve résumé"):
        fixed, repairs = repair_mojibake(text)
        assert fixed == text and not repairs


@pytest.mark.parametrize("body,reason", [
    (b"\x89PNG\r\n\x1a\n" + bytes(500), "PNG image"),
    (b"\x1f\x8b\x08\x00" + bytes(100), "gzip"),
    (b"   ", "empty"),
])
def test_binary_served_as_html_is_refused_with_a_reason(body, reason):
    with pytest.raises(UndecodableError, match=reason):
        decode_html(body, "text/html")


@pytest.mark.parametrize("codec,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_a_page_saved_as_utf16_with_its_mark_is_text_whatever_its_meta_says(codec, bom):
    decoded = decode_html(bom + page(SIMP, "utf-8").encode(codec), "text/html")
    assert decoded.encoding == "utf-16" and f"<p>{SIMP}</p>" in decoded.text


def test_nul_bytes_after_a_utf16_mark_that_read_as_no_text_are_still_refused():
    page_ = Page(url="http://x.test/a.html", body=b"\xff\xfe" + bytes(range(256)) * 40)
    with pytest.raises(PageRejected, match="does not read as text"):
        process_page(page_)


def test_labels_read_as_browsers_do():
    assert normalize_label("GB2312") == "gb18030"
    assert normalize_label("x-gbk") == "gb18030"
    assert normalize_label("BIG5") == "big5hkscs"
    assert normalize_label("no-such-charset") is None


FAMILY = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "big5": "big5hkscs",
          "utf-8": "utf-8", "hz-gb-2312": "hz"}


def test_every_labelled_corpus_page_decodes_right(shared):
    """Every raw page in ../shared/corpus whose codec Python has gets the right text."""
    wrong = []
    checked = 0
    for row in csv.DictReader((shared / "corpus" / "labels.csv").open(encoding="utf-8")):
        codec = FAMILY.get(row["true_encoding"])
        if codec is None:  # EUC-TW: no Python codec
            continue
        body = (shared / "corpus" / row["file"]).read_bytes()
        decoded = decode_html(body, None)
        truth = body.decode(codec, errors="replace").lstrip("\ufeff")
        if decoded.encoding != codec or decoded.text.replace("\ufffd", "") != truth.replace("\ufffd", ""):
            wrong.append((row["file"], decoded.encoding, codec))
        checked += 1
    assert checked >= 60
    assert not wrong


def test_clean_text_in_same_text_out(shared):
    """Every corpus page, decoded right and re-encoded correctly (as UTF-8 and in its own
    codec, correctly declared), comes back unchanged with zero repairs recorded."""
    checked = 0
    for row in csv.DictReader((shared / "corpus" / "labels.csv").open(encoding="utf-8")):
        codec = FAMILY.get(row["true_encoding"])
        if codec is None:
            continue
        truth = (shared / "corpus" / row["file"]).read_bytes().decode(codec, errors="replace")
        truth = truth.lstrip("\ufeff").replace("\ufffd", "")
        for target in {"utf-8", codec}:
            try:
                body = truth.encode(target)
            except UnicodeEncodeError:
                continue
            decoded = decode_html(body, f"text/html; charset={target}")
            assert decoded.text == truth, (row["file"], target)
            assert not decoded.repairs, (row["file"], target, decoded.repairs)
            checked += 1
    assert checked >= 100


def test_smart_quotes_pasted_as_cp1252_bytes_into_a_gbk_page_are_the_quotes():
    # a word processor's “ ” … pasted as they are (0x93 0x94 0x85) among the GBK bytes: each is a
    # lead byte there, and the text after it read misaligned
    said = "“以前孩子小，只能在家种地…现在车间就在村口，早上送完孩子就能来上班。”村民说。"
    marks = {"“": b"\x93", "”": b"\x94", "…": b"\x85"}
    body = b"".join(marks.get(ch) or ch.encode("gbk") for ch in said)
    page = (b"<html><head><meta charset='gb2312'></head><body><p>"
            + "县里的就业帮扶车间吸纳了120名群众就业。".encode("gbk") + body + b"</p></body></html>")
    decoded = decode_html(page)
    assert said in decoded.text and decoded.repairs["cp1252_marks"] == 3
    # the euro as cp936 writes it in a GBK page (0x80), which browsers read as €
    euro = "月薪最高的时候有1600€，房租就要800€。"
    body = b"".join(b"\x80" if ch == "€" else ch.encode("gbk") for ch in euro)
    assert euro in decode_html(b"<html><head><meta charset='gb2312'></head><body><p>" + body
                               + b"</p></body></html>").text
    # a character whose lead byte is a mark's (敗, 0x94 0xA1) in a page with a stray byte stays
    legit = ("比赛虽败犹荣，" + "勝敗乃兵家常事。").encode("gbk") + b"\xff"
    decoded = decode_html(b"<html><head><meta charset='gbk'></head><body><p>" + legit + b"</p></body></html>")
    assert "勝敗乃兵家常事。" in decoded.text and not decoded.repairs["cp1252_marks"]
