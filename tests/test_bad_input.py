"""Bad input gets a clear reason and never an unhandled exception."""

from __future__ import annotations

import pytest

from crawler.page import Page, PageRejected, process_page

# (five paragraphs, each its own words: the same paragraph said again right after itself is a
# template's repeat, read once)
ARTICLE = "<html><body><article>" + "".join(
    f"<p>第{n}个就业扶贫车间让群众在家门口就业，每月增收{n}千元。</p>" for n in "一二三四五")


@pytest.mark.parametrize("body,reason", [
    (b"", "empty body"),
    (b"\x89PNG\r\n\x1a\n" + bytes(2000), "PNG image served as text"),
    (b"%PDF-1.4 " + bytes(100), "PDF document"),
    (b"<html><body><div></div></body></html>", "no article text"),
    (b"<html><body><script>var a = 1;</script></body></html>", "no article text"),
])
def test_rejected_with_reason(body, reason):
    with pytest.raises(PageRejected, match=reason):
        process_page(Page(url="http://x.test/a.html", body=body))


def test_truncated_html_still_gives_the_text():
    body = ARTICLE.encode("gbk")[:-7]  # cut mid-tag, mid-character
    page = process_page(Page(url="http://x.test/a.html", body=body, content_type="text/html; charset=gbk"))
    assert page.text.count("就业扶贫车间") >= 4


def test_random_bytes_do_not_raise_anything_else():
    import random

    rng = random.Random(7)
    for _ in range(30):
        body = bytes(rng.randrange(1, 256) for _ in range(rng.randrange(1, 3000)))
        try:
            process_page(Page(url="http://x.test/a.html", body=body))
        except PageRejected:
            pass
