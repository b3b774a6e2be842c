"""The whole pipeline's cost per page, against trafilatura.extract alone, on real pages.

    .venv/bin/python bench/pipeline.py [--repeat 3]

For every HTML page in ../shared/corpus/news: the time of ``process_page`` on the raw bytes
(decode -> extract -> clean, what the crawl runs per page) against ``trafilatura.extract`` with
its defaults on the same page already decoded (the baseline: the least any extracting crawler
does). Best of --repeat runs per page (--repeat 1: one pass per page); median and p95 of both
and of the per-page ratio, and where our time goes by stage (target: ratio <= 1.3).

What a process pays once (tables, dictionaries, the gazetteer, compiled patterns, each loaded
the first time a page needs it) is not a page's cost: both sides first make a pass over every
page, timed only as a whole and printed apart.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura  # noqa: E402

from bench._corpus import best_of, news_pages, percentile, require_shared  # noqa: E402
from crawler.page import STAGES, Page, PageRejected  # noqa: E402

warnings.filterwarnings("ignore")


def staged(url: str, body: bytes) -> list[float]:
    """Seconds spent in each stage of one run of the pipeline."""
    page = Page(url=url, body=body)
    times = []
    for stage in STAGES.values():
        start = time.perf_counter()
        try:
            page = stage(page, None)
        except PageRejected:
            times.append(time.perf_counter() - start)
            break
        times.append(time.perf_counter() - start)
    return times + [0.0] * (len(STAGES) - len(times))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    require_shared()
    pages = news_pages()
    warm_ours = warm_baseline = 0.0
    for path in pages:
        page = Page(url=f"http://corpus.test/{path.name}", body=path.read_bytes())
        warm_ours += best_of(1, staged, page.url, page.body)
        warm_baseline += best_of(1, trafilatura.extract, STAGES["decode"](page, None).html)
    ours, baseline, ratios = [], [], []
    by_stage = [[] for _ in STAGES]
    for path in pages:
        url, body = f"http://corpus.test/{path.name}", path.read_bytes()
        html = Page(url=url, body=body)
        html = STAGES["decode"](html, None).html  # the baseline gets the page already decoded, by us
        base = best_of(args.repeat, trafilatura.extract, html)
        runs = [staged(url, body) for _ in range(args.repeat)]
        fastest = min(runs, key=sum)
        for i, seconds in enumerate(fastest):
            by_stage[i].append(seconds)
        ours.append(sum(fastest))
        baseline.append(base)
        ratios.append(sum(fastest) / base if base else float("inf"))
    ms = lambda v: f"{v * 1000:8.1f} ms"  # noqa: E731
    runs = "one pass each" if args.repeat == 1 else f"best of {args.repeat} each"
    print(f"{len(pages)} pages of {require_shared() / 'corpus' / 'news'}, {runs}, after a first pass "
          f"over them all that loads what a process loads once (ours {warm_ours:.1f} s, "
          f"trafilatura.extract {warm_baseline:.1f} s)\n")
    print(f"{'':<34}{'median':>11}{'p95':>11}{'total':>12}")
    rows = [("trafilatura.extract (baseline)", baseline), ("our pipeline (bytes -> clean)", ours)]
    rows += [(f"  {name} stage", times) for name, times in zip(STAGES, by_stage, strict=True)]
    for name, times in rows:
        print(f"{name:<34}{ms(statistics.median(times))}{ms(percentile(times, .95))}{ms(sum(times))}")
    print(f"\nratio ours / trafilatura.extract: median of per-page ratios {statistics.median(ratios):.2f}, "
          f"p95 {percentile(ratios, .95):.2f}; ratio of medians "
          f"{statistics.median(ours) / statistics.median(baseline):.2f}, of p95s "
          f"{percentile(ours, .95) / percentile(baseline, .95):.2f}, of totals "
          f"{sum(ours) / sum(baseline):.2f} (target <= 1.3)")


if __name__ == "__main__":
    main()
