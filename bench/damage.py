"""Extraction quality on the gold pages after the damage the web does to them.

    .venv/bin/python bench/damage.py [--show 0.05]

Every page of bench/extract.py with full-text gold is decoded, damaged one way at a time and
served again as bytes: a missing or lying charset declaration, another codec (Big5, with the
page and its gold in Traditional script), UTF-16, numeric entities (once, and escaped twice),
unclosed tags, readings a
mirror injects (pinyin; zhuyin, in a Traditional page), county-name spam, UTF-8 misread upstream
(as Latin-1, as cp1252 the way browsers and MySQL read it, as GBK or cp1252 with replacement),
GBK read upstream as Latin-1 (a latin1 database column), Big5 as cp1252, Big5 and GBK read as
each other with replacement. ``--damage``: only the damages whose name holds these words.
For each damage: the mean character F1 of the pipeline's text (``process_page`` on the damaged
bytes) against the gold, beside the same mean on the undamaged pages, and readability-lxml's on
the same damaged bytes (Scrapy's ``response.text``). Where a damage loses characters for good
(Big5's missing characters, a lossy misreading), ``bound`` is the F1 of the gold itself put
through that loss (and, for the lossy misreading, through the repair, which gives some lost
characters back from the words around them): what the pipeline would score with a perfect
extraction. The golds' lost characters are counted too: marked, given back, and given back
wrong. ``--show``: list the pages whose F1 drops by more than this.
"""

from __future__ import annotations

import argparse
import codecs
import random
import re
import statistics
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import lxml.html  # noqa: E402
from scrapy.http import HtmlResponse  # noqa: E402

from bench._corpus import require_shared  # noqa: E402
from bench.extract import char_prf, load_golds  # noqa: E402
from crawler.demo.render import inject_pinyin, spam_block  # noqa: E402
from crawler.page import Page, PageRejected, process_page  # noqa: E402
from crawler.text.decode import decode_html  # noqa: E402
from crawler.text.mojibake import repair_mojibake  # noqa: E402

warnings.filterwarnings("ignore")

_CHARSET_META = re.compile(r"<meta[^>]*charset[^>]*>", re.I)
_TAG = re.compile(r"(<[^>]*>)")


def _declare(html: str, label: str | None) -> str:
    """The page with every charset declaration removed, and one for ``label`` if given."""
    html = _CHARSET_META.sub("", html)
    if label is None:
        return html
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'
    head = re.search(r"<head[^>]*>", html, re.I)
    return html[:head.end()] + meta + html[head.end():] if head else meta + html


def page_texts(html: str, change: Callable[[str], str], body_only: bool = True) -> str:
    """``change`` applied to the page's text between tags, outside scripts and style sheets; in
    its body alone unless ``body_only`` is False (a mirror annotates its title too)."""
    parts = _TAG.split(html)
    in_body, code = not body_only, False
    for i, part in enumerate(parts):
        if part.startswith("<"):
            tag = part.lower()
            in_body = in_body or tag.startswith("<body")
            if tag.startswith(("<script", "<style")):
                code = True
            elif tag.startswith(("</script", "</style")):
                code = False
        elif in_body and not code:
            parts[i] = change(part)
    return "".join(parts)


def browsers_cp1252(data: bytes) -> str:
    # the five bytes cp1252 leaves undefined are read as the C1 controls of the same number
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


def _euro_or_mark(error: UnicodeError) -> tuple[str, int]:
    bad = error.object[error.start:error.end]  # type: ignore[attr-defined]
    return ("€", error.start + 1) if bad[:1] == b"\x80" else ("\ufffd", error.end)  # type: ignore[attr-defined]


codecs.register_error("bench.euro_or_mark", _euro_or_mark)


def browsers_gbk(data: bytes) -> str:
    # WHATWG's gbk decoder (browsers; Windows' cp936 too) reads a lone 0x80 as €, and what it
    # cannot read as U+FFFD
    return data.decode("gbk", errors="bench.euro_or_mark")


def mirrored(html: str, rng: random.Random, body_only: bool = True) -> str:
    """The page as a pinyin mirror serves it: its text annotated, in every style mirrors use."""
    def annotate(text: str) -> str:
        return inject_pinyin(text, rng.choice(("tone", "toneless", "stacked")), rng)
    return page_texts(html, annotate, body_only)


def _pinyin(html: str) -> str:
    return mirrored(html, random.Random(len(html)))


def _zhuyin(html: str) -> str:
    rng = random.Random(len(html))
    return page_texts(html, lambda text: inject_pinyin(text, "zhuyin", rng))


def _spam(html: str) -> str:
    rng = random.Random(len(html))
    closed = 0

    def after_every_third(match: re.Match[str]) -> str:
        nonlocal closed
        closed += 1
        return match.group(0) + (f"<p>{spam_block(rng)}</p>" if closed % 3 == 0 else "")
    return re.sub(r"</p>", after_every_third, html, flags=re.I)


# name -> (damage: page text -> bytes, the page and gold in Traditional script, loss: gold ->
# what survives of it)
DAMAGES: dict[str, tuple[Callable[[str], bytes], bool, Callable[[str], str] | None]] = {
    "UTF-8, no declaration": (lambda h: _declare(h, None).encode(), False, None),
    "GBK, no declaration": (lambda h: _declare(h, None).encode("gb18030"), False, None),
    "GBK, declared UTF-8": (lambda h: _declare(h, "utf-8").encode("gb18030"), False, None),
    "UTF-8, declared GBK": (lambda h: _declare(h, "gbk").encode(), False, None),
    "GBK, declared ISO-8859-1": (lambda h: _declare(h, "iso-8859-1").encode("gb18030"), False, None),
    "UTF-16 with its mark, declared UTF-8": (
        lambda h: b"\xff\xfe" + _declare(h, "utf-8").encode("utf-16-le"), False, None),
    "Big5, declared GB2312": (lambda h: _declare(h, "gb2312").encode("big5", "replace"), True,
                              lambda gold: gold.encode("big5", "replace").decode("big5")),
    "numeric entities, declared ISO-8859-1": (
        lambda h: _declare(h, "iso-8859-1").encode("ascii", "xmlcharrefreplace"), False, None),
    # a CMS that escaped its text, then the markup: the reader sees &#21439; for 县
    "character references escaped twice": (
        lambda h: page_texts(h, lambda t: "".join(f"&amp;#{ord(c)};" if ord(c) > 0x2FFF else c for c in t))
        .encode(), False, None),
    "no closing </p> </li> </td> </tr>": (
        lambda h: re.sub(r"</(p|li|td|tr)>", "", h, flags=re.I).encode(), False, None),
    "pinyin injected by a mirror": (lambda h: _pinyin(h).encode(), False, None),
    "zhuyin injected by a mirror, Traditional script": (lambda h: _zhuyin(h).encode(), True, None),
    "county-name spam after every third paragraph": (lambda h: _spam(h).encode(), False, None),
    "UTF-8 misread upstream as Latin-1": (lambda h: h.encode().decode("latin-1").encode(), False, None),
    "UTF-8 misread upstream as cp1252 (browsers, MySQL)": (
        lambda h: browsers_cp1252(h.encode()).encode(), False, None),
    # a Chinese codec's text through a latin1 database column or a Western page, saved as UTF-8
    "GBK read upstream as Latin-1": (
        lambda h: _declare(page_texts(h, lambda t: t.encode("gb18030").decode("latin-1")), "utf-8").encode(),
        False, None),
    "Big5 read upstream as cp1252, Traditional script": (
        lambda h: _declare(page_texts(h, lambda t: t.encode("big5", "replace").decode("cp1252", "replace")),
                           "utf-8").encode(), True,
        lambda gold: gold.encode("big5", "replace").decode("big5")),
    # a mainland aggregator's copy of a Taiwanese page, and the other way round
    "Big5 read upstream as GBK with replacement (Trad.)": (
        lambda h: _declare(page_texts(h, lambda t: t.encode("big5", "replace").decode("gbk", "replace")),
                           "utf-8").encode(), True,
        lambda gold: repair_mojibake(gold.encode("big5", "replace").decode("gbk", "replace"))[0]),
    "GBK read upstream as Big5 with replacement": (
        lambda h: _declare(page_texts(h, lambda t: t.encode("gb18030").decode("big5", "replace")),
                           "utf-8").encode(), False,
        lambda gold: repair_mojibake(gold.encode("gb18030").decode("big5", "replace"))[0]),
    "UTF-8 misread upstream as GBK with replacement": (
        lambda h: h.encode().decode("gbk", "replace").encode(), False,
        lambda gold: repair_mojibake(gold.encode().decode("gbk", "replace"))[0]),
    "UTF-8 misread upstream as a browser's GBK (€ for 0x80)": (
        lambda h: browsers_gbk(h.encode()).encode(), False,
        lambda gold: repair_mojibake(browsers_gbk(gold.encode()))[0]),
    "UTF-8 misread upstream as cp1252 with replacement": (
        lambda h: h.encode().decode("cp1252", "replace").encode(), False,
        lambda gold: repair_mojibake(gold.encode().decode("cp1252", "replace"))[0]),
}


def ours(body: bytes) -> str:
    try:
        return process_page(Page(url="http://corpus.test/page.html", body=body)).text or ""
    except PageRejected:
        return ""


def readability(body: bytes) -> str:
    from readability import Document

    try:
        html = HtmlResponse(url="http://corpus.test/page.html", body=body).text
        return lxml.html.fromstring(Document(html).summary()).text_content()
    except Exception:  # readability and lxml raise bare errors on what they cannot parse
        return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=float, default=None, metavar="DROP")
    parser.add_argument("--damage", default="", metavar="WORDS",
                        help="only the damages whose name holds these words")
    args = parser.parse_args()
    import opencc

    to_traditional = opencc.OpenCC("s2t").convert
    golds = [g for g in load_golds(require_shared()) if g.text and not g.prefix_only]
    pages = [(g, decode_html(g.path.read_bytes()).text) for g in golds]
    clean = {g.path: char_prf(ours(g.path.read_bytes()), g.text).f1 for g, _ in pages}
    print(f"{len(pages)} pages with full-text gold; mean F1 undamaged: ours "
          f"{statistics.mean(clean.values()):.3f}\n")
    print(f"{'damage':52s} {'ours':>6s} {'readability':>12s} {'bound':>6s}")
    for name, (damage, traditional, loss) in DAMAGES.items():
        if args.damage not in name:
            continue
        scores, peers, bounds, dropped = [], [], [], []
        for gold, html in pages:
            text = to_traditional(gold.text) if traditional else gold.text
            body = damage(to_traditional(html) if traditional else html)
            score = char_prf(ours(body), text).f1
            scores.append(score)
            peers.append(char_prf(readability(body), text).f1)
            bounds.append(char_prf(loss(text), text).f1 * clean[gold.path] if loss else clean[gold.path])
            if args.show is not None and score < clean[gold.path] - args.show:
                dropped.append(f"    {gold.path.name}: {clean[gold.path]:.3f} -> {score:.3f}")
        bound = f"{statistics.mean(bounds):6.3f}" if loss else ""
        print(f"{name:52s} {statistics.mean(scores):6.3f} {statistics.mean(peers):12.3f} {bound:>6s}")
        for line in dropped:
            print(line)
    print("\nbound: the undamaged F1 of each page times the F1 of its gold after the damage's loss")
    for codec in ("gbk", "cp1252"):
        marked, restored, wrong = lost_characters([gold.text for gold, _ in pages], codec)
        print(f"the golds misread as {codec} with replacement: {marked} characters lost and marked, "
              f"{restored} given back from the words around them, {wrong} of those wrong")


def lost_characters(texts: list[str], codec: str = "gbk") -> tuple[int, int, int]:
    """Over ``texts`` misread as ``codec`` with replacement and repaired: the characters left
    marked, those given back from the words (``lost_characters_from_words``), and how many of
    those differ from the text."""
    marked = restored = wrong = 0
    for text in texts:
        fixed, repairs = repair_mojibake(text.encode().decode(codec, "replace"))
        marked += repairs["mojibake_lost_characters"]
        restored += repairs["lost_characters_from_words"]
        if len(fixed) == len(text):
            wrong += sum(a != b and a != "\ufffd" for a, b in zip(fixed, text, strict=True))
    return marked, restored, wrong


if __name__ == "__main__":
    main()
