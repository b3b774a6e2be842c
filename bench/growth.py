"""Archive growth: size per 1,000 articles, and insert and query time from 10k to 200k.

    .venv/bin/python bench/growth.py                   # up to 200,000 articles (~15 minutes)
    .venv/bin/python bench/growth.py --articles 20000

Stores synthetic articles (bench/search.py's generator: ~1,500 characters of real-frequency
words) with a raw HTML response each, through the archive's own writer (``write_article`` +
``write_raw_response``, 1,000 per transaction, as ``newsarchive reprocess`` writes). At 10k,
50k, 100k and 200k articles it prints: the file's size per 1,000 articles split into article
rows (text and metadata), raw responses (zlib) and the search index; the insert time per
article over the last 5,000; and the median time of ``crawler.archive.search.search`` (count + the
newest 20 with snippets, what ``newsarchive search`` runs) for 2-character (common and rare),
and 4-character queries, and of datasette's newest-first table page query.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.search import generate, word_pool  # noqa: E402
from crawler.archive.search import search  # noqa: E402
from crawler.archive.store import open_archive, write_article, write_raw_response  # noqa: E402
from crawler.page import Page  # noqa: E402

BATCH = 1000
CHECKPOINTS = (10_000, 50_000, 100_000, 200_000)


def _pages(args: tuple) -> list[Page]:
    seed, count, pool = args
    pages = []
    for url, site, title, published, text in generate(seed, count, pool):
        paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n"))
        html = (f"<html><head><meta charset='utf-8'><title>{title} - {site}</title></head><body>"
                f"<nav>首页 | 新闻 | 政务</nav><h1>{title}</h1><p>{published} 来源：{site}</p>"
                f"{paragraphs}<footer>版权所有 ICP备12345678号</footer></body></html>")
        pages.append(Page(url=url, body=html.encode(), site=site, title=title, published=published,
                          text=text, encoding="utf-8", extractor="trafilatura", status=200,
                          content_type="text/html; charset=utf-8", fetched_at="2026-01-01T00:00:00+00:00"))
    return pages


def sizes(conn: sqlite3.Connection) -> dict[str, int]:
    return dict(conn.execute(
        "select case when name like 'articles_fts%' then 'search index' "
        "when name like '%raw_responses%' then 'raw responses' "
        "when name like '%articles%' then 'articles' else 'other' end, sum(pgsize) "
        "from dbstat group by 1").fetchall())


def query_times(conn: sqlite3.Connection, queries: dict[str, list[str]]) -> dict[str, float]:
    times = {}
    for name, qs in queries.items():
        samples = []
        for q in qs:
            start = time.perf_counter()
            search(conn, q)
            samples.append(time.perf_counter() - start)
        times[name] = statistics.median(samples)
    start = time.perf_counter()
    conn.execute("select * from articles order by published desc limit 101").fetchall()
    times["table page, newest first"] = time.perf_counter() - start
    return times


def pick(conn: sqlite3.Connection, rng: random.Random) -> dict[str, list[str]]:
    from collections import Counter

    sample = [t for (t,) in conn.execute("select text from articles where rowid % 53 = 0 limit 200")]
    freq = Counter(a + b for text in sample for a, b in zip(text, text[1:], strict=False)
                   if "\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff")
    ranked = [w for w, _ in freq.most_common()]
    fours = []
    while len(fours) < 10:
        text = rng.choice(sample)
        start = rng.randrange(0, len(text) - 4)
        if all("\u4e00" <= ch <= "\u9fff" for ch in text[start:start + 4]):
            fours.append(text[start:start + 4])
    return {"2 chars, common": ranked[:10], "2 chars, rare": ranked[-10:], "4 chars": fours}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200_000)
    args = parser.parse_args()
    checkpoints = [c for c in CHECKPOINTS if c <= args.articles] or [args.articles]
    pool = word_pool()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "growth.db"
        db = open_archive(path)
        conn = db.conn
        queries = None
        stored, insert_times = 0, []
        jobs = [(seed, min(BATCH, args.articles - seed * BATCH), pool)
                for seed in range(-(-args.articles // BATCH))]
        print(f"{'articles':>9} {'MB':>7} {'MB per 1,000: articles':>23} {'raw':>6} {'index':>6} "
              f"{'insert ms/article':>18}   query medians, ms")
        with ProcessPoolExecutor(max_workers=max(1, (os.cpu_count() or 2) - 1)) as workers:
            for pages in workers.map(_pages, jobs):
                start = time.perf_counter()
                with conn:
                    for page in pages:
                        write_article(db, page)
                        write_raw_response(db, page)
                insert_times.append((time.perf_counter() - start) / len(pages))
                stored += len(pages)
                if stored in checkpoints:
                    queries = queries or pick(conn, random.Random(5))
                    by_table = sizes(conn)
                    per_k = {k: v / 2**20 / (stored / 1000) for k, v in by_table.items()}
                    q = query_times(conn, queries)
                    mb = sum(by_table.values()) / 2**20
                    print(f"{stored:>9,} {mb:>7.0f} {per_k.get('articles', 0):>23.2f} "
                          f"{per_k.get('raw responses', 0):>6.2f} {per_k.get('search index', 0):>6.2f} "
                          f"{statistics.mean(insert_times[-5:]) * 1000:>18.2f}   "
                          + ", ".join(f"{k} {v * 1000:.1f}" for k, v in q.items()), flush=True)
        db.close()


if __name__ == "__main__":
    main()
