"""Places: what finding an article's places costs, against the whole pipeline's time on the same
pages, in the same run (target: at most 10 %).

    .venv/bin/python bench/places.py

On every page of ../shared/corpus/news and the seeds: the pipeline (decode, extract, clean,
fingerprint, places) and ``find_places`` alone on its clean text, each the best of 3; and the
one-off cost of building the gazetteer (its names and the word dictionary), paid once per process.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._corpus import best_of, news_pages, require_shared  # noqa: E402
from crawler.page import Page, PageRejected, looks_like_html, process_page  # noqa: E402


def main() -> None:
    shared = require_shared()
    from crawler.text import places

    started = time.perf_counter()
    places.gazetteer()
    built = time.perf_counter() - started
    paths = news_pages() + sorted((shared / "seeds").glob("*.txt"))
    pipeline, found, named = [], [], []
    for path in paths:
        body = path.read_bytes()

        def run(body: bytes = body, name: str = path.name) -> Page:
            return process_page(Page(url=f"http://corpus.test/{name}", body=body,
                                     is_text_dump=not looks_like_html(body)))
        try:
            page = run()
        except PageRejected:
            continue
        pipeline.append(best_of(3, run))
        found.append(best_of(3, lambda page=page: places.find_places(page.text, page.title)))
        named.append(len(page.places or []))
    shares = [p / q for p, q in zip(found, pipeline, strict=True)]
    print(f"gazetteer built once per process in {built:.2f} s ({len(places.gazetteer().names)} names)")
    print(f"find_places per page: median {statistics.median(found) * 1000:.2f} ms, pipeline median "
          f"{statistics.median(pipeline) * 1000:.1f} ms; share of the pipeline: median "
          f"{statistics.median(shares):.1%}, total {sum(found) / sum(pipeline):.1%} (target <= 10%) "
          f"[{len(shares)} pages, best of 3; {statistics.median(named):.0f} places named per page, median]")


if __name__ == "__main__":
    main()
