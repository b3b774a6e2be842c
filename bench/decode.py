"""Decode stage: right text on every labelled corpus file, against stock Scrapy, and its cost.

    .venv/bin/python bench/decode.py

Prints, for every file in ../shared/corpus/labels.csv whose codec Python has: whether our
decode and Scrapy's ``response.text`` (no header given, as for a saved page) give the right
text; then the per-page time of both on the same pages (median, p95), how often detection had
to run, and the decode stage's share of the whole pipeline's time per page.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scrapy.http import HtmlResponse, TextResponse  # noqa: E402

from bench._corpus import FAMILY, best_of, labelled_files, percentile  # noqa: E402
from crawler.page import Page, PageRejected, process_page  # noqa: E402
from crawler.text.decode import decode_html  # noqa: E402

REPEAT = 3


def scrapy_text(path: Path, body: bytes) -> str:
    cls = HtmlResponse if path.suffix in (".html", ".htm") else TextResponse
    return cls(url=f"http://corpus.test/{path.name}", body=body).text


def right(text: str, truth: str) -> bool:
    strip = lambda s: s.replace("\ufffd", "").lstrip("\ufeff")  # noqa: E731
    return strip(text) == strip(truth)


def whole_pipeline(path: Path, body: bytes) -> None:
    try:
        process_page(Page(url=f"http://corpus.test/{path.name}", body=body))
    except PageRejected:
        pass


def main() -> None:
    rows = []
    print(f"{'file':<70}{'true':>11}{'ours':>11}{'scrapy':>9}")
    for path, label in labelled_files():
        codec = FAMILY.get(label)
        if codec is None:
            continue
        body = path.read_bytes()
        truth = body.decode(codec, errors="replace")
        ours = decode_html(body, None)
        scrapy = scrapy_text(path, body)
        ok_ours, ok_scrapy = right(ours.text, truth), right(scrapy, truth)
        rows.append((path, body, ours, ok_ours, ok_scrapy))
        name = str(path.relative_to(path.parents[2]))
        verdicts = ["ok" if ok else "WRONG" for ok in (ok_ours, ok_scrapy)]
        print(f"{name[:69]:<70}{label:>11}{verdicts[0]:>11}{verdicts[1]:>9}")
    n = len(rows)
    ours_ok = sum(r[3] for r in rows)
    scrapy_ok = sum(r[4] for r in rows)
    print(f"\nright text: ours {ours_ok}/{n} ({ours_ok / n:.0%}), Scrapy response.text {scrapy_ok}/{n} "
          f"({scrapy_ok / n:.0%})")

    html_pages = [(p, b) for p, b, *_ in rows if p.suffix == ".html"]
    ours_t, scrapy_t, pipeline_t, decode_share = [], [], [], []
    for path, body in html_pages:
        ours_t.append(best_of(REPEAT, decode_html, body, None))
        scrapy_t.append(best_of(REPEAT, scrapy_text, path, body))
        pipeline_t.append(best_of(REPEAT, whole_pipeline, path, body))
        decode_share.append(ours_t[-1] / pipeline_t[-1])
    detected = sum(r[2].detection_used for r in rows if r[0].suffix == ".html")
    ms = lambda v: f"{v * 1000:7.2f} ms"  # noqa: E731
    print(f"\nper HTML page ({len(html_pages)} pages, best of {REPEAT}):")
    for name, times in (("decode_html", ours_t), ("Scrapy response.text", scrapy_t)):
        print(f"  {name:<20} median {ms(statistics.median(times))}   p95 {ms(percentile(times, .95))}")
    print(f"  ratio ours/Scrapy   median {statistics.median(ours_t) / statistics.median(scrapy_t):.1f}x")
    print(f"  {'whole pipeline':<20} median {ms(statistics.median(pipeline_t))}   "
          f"p95 {ms(percentile(pipeline_t, .95))}")
    print(f"  decode share of the pipeline per page: median {statistics.median(decode_share):.1%}, "
          f"p95 {percentile(decode_share, .95):.1%} (target <= 10%)")
    print(f"  detection had to run on {detected}/{len(html_pages)} pages ({detected / len(html_pages):.0%})")


if __name__ == "__main__":
    main()
