"""Every demo article x every codec it fits x every way its declaration can be wrong."""

from __future__ import annotations

import html

import pytest

from crawler.demo.render import demo_articles, fits, mojibake
from crawler.text.decode import decode_html

CODECS = ("utf-8", "gbk", "gb18030", "big5")
# A declaration that is wrong for each codec, as real sites get it wrong.
WRONG = {"utf-8": "gbk", "gbk": "big5", "gb18030": "utf-8", "big5": "gb2312"}
CASES = ("correct", "none", "wrong_meta", "wrong_header", "mojibaked_once")


def serve(title: str, paragraphs: list[str], codec: str, case: str) -> tuple[bytes, str | None]:
    meta = {"correct": codec, "wrong_meta": WRONG[codec], "mojibaked_once": codec}.get(case)
    header = {"correct": codec, "wrong_header": WRONG[codec], "mojibaked_once": codec}.get(case)
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else ""
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    page = f"<html><head>{head}<title>{html.escape(title)}</title></head><body>\n{body}</body></html>"
    return page.encode(codec), (f"text/html; charset={header}" if header else "text/html")


MATRIX = [
    pytest.param(article, codec, case, id=f"{article.slug}-{codec}-{case}")
    for article in demo_articles()
    for codec in CODECS
    if fits(article.title + article.text, codec)
    for case in CASES
]


@pytest.mark.parametrize("article,codec,case", MATRIX)
def test_right_text_after_decode_and_repair(article, codec, case):
    title, paragraphs = article.title, article.paragraphs
    if case == "mojibaked_once":
        spoil = "gb18030" if article.index % 2 else "latin-1"
        title, paragraphs = mojibake(title, spoil), [mojibake(p, spoil) for p in paragraphs]
        if not fits(title + "".join(paragraphs), codec):
            pytest.skip(f"{spoil} mojibake does not fit in {codec}")
    body, content_type = serve(title, paragraphs, codec, case)
    decoded = decode_html(body, content_type)
    text = html.unescape(decoded.text)
    assert f"<title>{article.title}</title>" in text
    for paragraph in article.paragraphs:
        assert f"<p>{paragraph}</p>" in text
    if case in ("correct", "wrong_meta", "wrong_header", "none"):
        assert not decoded.repairs


def test_matrix_is_big_enough():
    assert len(MATRIX) >= 500
