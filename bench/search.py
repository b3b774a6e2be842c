"""Chinese search at scale: build time, size, and query latency against a substring scan.

    .venv/bin/python bench/search.py                 # 200,000 articles (several minutes)
    .venv/bin/python bench/search.py --articles 20000 --scan-queries 2
    .venv/bin/python bench/search.py --design unigram  # the one-token-per-character design
    .venv/bin/python bench/search.py --keep a.db; .venv/bin/python bench/search.py --reuse a.db

Builds an archive of synthetic articles (~1,500 characters each): Simplified words drawn by
their frequency in jieba's dictionary (real-text word and character frequencies), with
punctuation, line breaks and a few Latin and number tokens.
Then, for 1-character (common and rare), 2-, 3- and 4+-character queries drawn from the texts,
it times:

- the FTS part alone: SQLite finding every matching rowid in the index (``count(*)`` of the
  match, so Python building a list of rowids is not counted);
- the SQL datasette runs for ``?_search=`` (first page + count);
- the datasette table page itself, JSON, through datasette's own client;
- the substring scan it replaces (``instr`` over the stored text), on a few queries per class;

and checks the FTS result count equals the scan's where both ran. Last, for the broadest
2-character queries, each statement of the table page timed alone (where a broad page's time
goes), the canned search page's SQL and ``newsarchive search``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._corpus import percentile  # noqa: E402
from crawler.archive.datasette_plugin import SEARCH_SQL  # noqa: E402
from crawler.archive.search import (  # noqa: E402
    FTS_CREATE,
    FTS_TABLE,
    NOTHING,
    fold,
    fts_query,
    match_clause,
    search,
    shadow_text,
    snippet,
)
from crawler.archive.store import open_archive  # noqa: E402
from crawler.demo.render import demo_articles  # noqa: E402

BATCH = 2000

# One token per Han character (the first design): 1 and 2+ character queries are
# phrases of single characters. Measured to compare, not shipped: a phrase of characters also
# matches across punctuation, and a letter inside a word (the G of 5G) is not a token.
_UNIGRAM_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|(?:(?![\u3400-\u9fff\uf900-\ufaff])[^\W_])+")


def unigram_shadow_text(*texts: str | None) -> str:
    return " ".join(" ".join(_UNIGRAM_TOKEN.findall(fold(text))) for text in texts if text)


def unigram_query(query: str) -> str:
    phrases = [" ".join(_UNIGRAM_TOKEN.findall(fold(term))) for term in query.split()]
    return " ".join(f'"{p}"' for p in phrases if p) or NOTHING


PREFIX_INDEX = ", prefix='1'"  # what serves the bigram design's single characters
assert PREFIX_INDEX in FTS_CREATE
DESIGNS = {  # name: (shadow text, query, index)
    "bigram": (shadow_text, fts_query, FTS_CREATE),
    "unigram": (unigram_shadow_text, unigram_query, FTS_CREATE.replace(PREFIX_INDEX, "")),
}


def design_of(path: Path) -> str:
    """Which design an archive built here was indexed with."""
    conn = sqlite3.connect(path)
    sql = conn.execute("select sql from sqlite_master where name = ?", [FTS_TABLE]).fetchone()[0]
    conn.close()
    return "bigram" if PREFIX_INDEX in sql else "unigram"


def word_pool() -> tuple[list[str], list[float]]:
    """Words and cumulative weights: jieba's dictionary (word frequencies from real text) where
    installed, else the bundled demo articles' characters."""
    try:
        import jieba
    except ImportError:
        print("(jieba not installed, though newsarchive depends on it; using the demo articles' characters)")
        chars = Counter(ch for a in demo_articles() for ch in fold(a.text) if "\u4e00" <= ch <= "\u9fff")
        words, weights = zip(*chars.most_common(), strict=True)
        return list(words), list(accumulate(weights))
    words, weights = [], []
    dictionary = Path(jieba.__file__).with_name("dict.txt")
    for line in dictionary.read_text("utf-8").splitlines():
        word, freq, _ = line.split(" ")
        # Simplified text only, so that the archive's folding leaves it as it is
        if all("\u4e00" <= ch <= "\u9fff" for ch in word) and fold(word) == word:
            words.append(word)
            weights.append(int(freq))
    words += ["2019年", "2023年", "GDP", "5G", "CPI", "APP", "3.5%"]
    weights += [2000] * 7
    return words, list(accumulate(weights))


PUNCTUATION = "，，，，、。。；：“”"


def generate(seed: int, count: int, pool) -> list[tuple[str, str, str, str, str]]:
    words, cum_weights = pool
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        parts, length = [], 0
        while length < 1500:
            phrase = "".join(rng.choices(words, cum_weights=cum_weights, k=rng.randint(4, 12)))
            parts.append(phrase + rng.choice(PUNCTUATION) + ("\n" if rng.random() < 0.08 else ""))
            length += len(parts[-1])
        body = "".join(parts)
        published = f"{rng.randrange(2015, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        title = "".join(rng.choices(words, cum_weights=cum_weights, k=5))
        rows.append((f"http://bench.test/{seed}/{i}.html", f"site-{i % 7}", title, published, body))
    return rows


def _build_batch(args) -> tuple[list, list[str]]:
    seed, count, pool, design = args
    rows = generate(seed, count, pool)
    shadow = DESIGNS[design][0]
    return rows, [shadow(title, text) for _, _, title, _, text in rows]


def build(path: Path, articles: int, design: str) -> dict:
    pool = word_pool()
    db = open_archive(path)
    conn = db.conn
    conn.execute("pragma synchronous = off")
    if design != "bigram":
        conn.execute(f"drop table {FTS_TABLE}")
        conn.execute(DESIGNS[design][2])
    started = time.perf_counter()
    jobs = [(seed, min(BATCH, articles - seed * BATCH), pool, design)
            for seed in range(-(-articles // BATCH))]
    index_time = 0.0
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as workers:
        for rows, shadows in workers.map(_build_batch, jobs):
            t = time.perf_counter()
            with conn:
                first = conn.execute("select coalesce(max(rowid), 0) from articles").fetchone()[0] + 1
                conn.executemany(
                    "insert into articles(url, site, title, published, month, text) "
                    "values (?, ?, ?, ?, substr(?, 1, 7), ?)",
                    [(u, s, t_, p, p, x) for u, s, t_, p, x in rows],
                )
                conn.executemany(
                    f"insert into {FTS_TABLE}(rowid, search_text) values (?, ?)",
                    [(first + k, shadow) for k, shadow in enumerate(shadows)],
                )
            index_time += time.perf_counter() - t
    total_build = time.perf_counter() - started
    t = time.perf_counter()
    conn.execute(f"insert into {FTS_TABLE}({FTS_TABLE}) values ('optimize')")
    conn.commit()
    optimize = time.perf_counter() - t
    conn.execute("vacuum")
    sizes = dict(conn.execute(
        "select case when name like 'articles_fts%' then 'fts index' "
        "when name like 'sqlite_autoindex_articles%' or name like 'idx_articles%' or name = 'articles' "
        "then 'articles (text + indexes)' else 'other' end, sum(pgsize) from dbstat group by 1"
    ).fetchall())
    db.close()
    return {"build_s": total_build, "insert_index_s": index_time, "optimize_s": optimize,
            "file_mb": path.stat().st_size / 2**20, "sizes_mb": {k: v / 2**20 for k, v in sizes.items()}}


def pick_queries(path: Path, per_class: int, seed: int = 11) -> dict[str, list[str]]:
    conn = sqlite3.connect(path)
    rng = random.Random(seed)
    sample = [r[0] for r in conn.execute("select text from articles where rowid % 97 = 0 limit 400")]
    conn.close()
    freq = Counter(ch for text in sample for ch in text if "\u4e00" <= ch <= "\u9fff")
    ranked = [c for c, _ in freq.most_common()]
    classes = {"1 char, common": ranked[:per_class], "1 char, rare": ranked[-per_class:]}
    for name, lengths in (("2 chars", (2,)), ("3 chars", (3,)), ("4+ chars", (4, 5, 6, 8))):
        picked = []
        while len(picked) < per_class:
            text = rng.choice(sample)
            n = rng.choice(lengths)
            start = rng.randrange(0, len(text) - n)
            q = text[start:start + n]
            if all("\u4e00" <= ch <= "\u9fff" for ch in q):
                picked.append(q)
        classes[name] = picked
    return classes


def timed(fn, repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


# What datasette runs for a table page's ?_search= (escape_fts being the design's query), and
# the FTS part of it: SQLite finding every matching rowid, without Python listing them.
_SEARCH = match_clause("escape_fts(:q)")
_FACET = ("select {0} as value, count(*) as count from (select * from articles where "
          f"{_SEARCH}) where {{0}} is not null group by {{0}} order by count desc, value limit 31")
TABLE_PAGE = {
    "FTS part": f"select count(*) from {FTS_TABLE} where {FTS_TABLE} match escape_fts(:q)",
    "first page": f"select * from articles where {_SEARCH} order by published desc limit 21",
    "count": f"select count(*) from articles where {_SEARCH}",
    "site facet": _FACET.format("site"),
    "month facet": _FACET.format("month"),
}


def connect(path: Path, design: str) -> sqlite3.Connection:
    """The archive, with the SQL functions datasette's queries and the search page call."""
    conn = sqlite3.connect(path)
    conn.create_function("escape_fts", 1, DESIGNS[design][1])
    conn.create_function("newsarchive_snippet", 2, lambda text, q: snippet(text or "", q or ""))
    return conn


def measure(path: Path, classes: dict[str, list[str]], scan_queries: int, design: str) -> None:
    from datasette.app import Datasette

    conn = connect(path, design)
    name = path.stem
    ds = Datasette([str(path)])
    asyncio.run(ds.invoke_startup())
    total = conn.execute("select count(*) from articles").fetchone()[0]

    async def table_page(q: str) -> float:
        start = time.perf_counter()
        response = await ds.client.get(f"/{name}/articles.json?_search={q}&_shape=objects")
        assert response.status_code == 200, response.text[:300]
        return time.perf_counter() - start

    ms = lambda v: f"{v * 1000:8.1f}"  # noqa: E731
    print(f"\nlatency, best of 3 per query; p95 over the class's queries (facet time limit "
          f"{ds.setting('facet_time_limit_ms')} ms, facet suggestions {ds.setting('suggest_facets')})")
    print(f"{'query class':<16}{'n':>3} | {'matches':>13} | {'FTS part ms':>18} | "
          f"{'rows + count ms':>18} | {'table page ms':>18} | {'instr scan ms':>14} | counts equal")
    pair = f"{'median':>8} {'p95':>9}"
    print(f"{'':<16}{'':>3} | {'median':>6} {'max':>6} | {pair} | {pair} | {pair} | {'median':>14} |")
    for cls, queries in classes.items():
        found, fts_t, sql_t, page_t, scan_t, equal = [], [], [], [], [], []
        for i, q in enumerate(queries):
            t, n = timed(lambda q=q: conn.execute(TABLE_PAGE["FTS part"], {"q": q}).fetchone()[0])
            fts_t.append(t)
            found.append(n / total)
            t, _ = timed(lambda q=q: (conn.execute(TABLE_PAGE["first page"], {"q": q}).fetchall(),
                                      conn.execute(TABLE_PAGE["count"], {"q": q}).fetchone()))
            sql_t.append(t)
            if design == "bigram":  # the plugin's queries are the bigram design's
                asyncio.run(table_page(q))  # warm
                page_t.append(min(asyncio.run(table_page(q)) for _ in range(3)))
            if i < scan_queries:
                t, scanned = timed(lambda q=q: conn.execute(
                    "select count(*) from articles where instr(text, ?) > 0 or instr(title, ?) > 0",
                    [q, q]).fetchone()[0], repeat=1)
                scan_t.append(t)
                equal.append(scanned == n)
        print(f"{cls:<16}{len(queries):>3} | {statistics.median(found):6.1%} {max(found):6.1%} | "
              f"{ms(statistics.median(fts_t))} {ms(percentile(fts_t, .95))} | "
              f"{ms(statistics.median(sql_t))} {ms(percentile(sql_t, .95))} | "
              + (f"{ms(statistics.median(page_t))} {ms(percentile(page_t, .95))} | " if page_t
                 else f"{'-':>18} | ") +
              f"{ms(statistics.median(scan_t)) if scan_t else '-':>14} | {sum(equal)}/{len(equal)}")
    conn.close()


def explain_broad(path: Path, queries: list[str], design: str, show: int = 3) -> None:
    """Where a broad search's time goes, for the ``show`` queries of ``queries`` that match the
    most articles: each statement of the table page timed alone, then the canned search page's
    SQL and ``newsarchive search`` (count + the newest 20 with snippets)."""
    conn = connect(path, design)
    total = conn.execute("select count(*) from articles").fetchone()[0]
    matches = {q: conn.execute(TABLE_PAGE["FTS part"], {"q": q}).fetchone()[0] for q in set(queries)}
    print("\nthe broadest of these queries (ms, best of 3): each statement of the table page alone;"
          " the search page's SQL; newsarchive search")
    for q in sorted(matches, key=matches.get, reverse=True)[:show]:
        times = {name: timed(lambda sql=sql, q=q: conn.execute(sql, {"q": q}).fetchall())[0]
                 for name, sql in TABLE_PAGE.items()}
        if design == "bigram":  # the search page and the CLI build the bigram design's queries
            # no filter, page 1
            page = {"q": q, "site": "", "since": "", "until": "", "page": "", "one_per_story": ""}
            times["search page"] = timed(lambda page=page: conn.execute(SEARCH_SQL, page).fetchall())[0]
            times["newsarchive search"] = timed(lambda q=q: search(conn, q))[0]
        print(f"  {q} ({matches[q] / total:.0%} of the archive): "
              + ", ".join(f"{name} {t * 1000:.0f}" for name, t in times.items()))
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=40,
                        help="queries per class (p95 is the 95th percentile of these)")
    parser.add_argument("--scan-queries", type=int, default=3,
                        help="queries per class also timed as a full substring scan")
    parser.add_argument("--keep", help="write the archive here and keep it")
    parser.add_argument("--reuse", help="measure this archive (built with --keep) instead of building")
    parser.add_argument("--design", choices=DESIGNS, default="bigram",
                        help="index design to build: ours (bigram) or one token per character, "
                        "to compare (--reuse reads it from the archive)")
    args = parser.parse_args()
    if args.reuse:
        path = Path(args.reuse)
        design = design_of(path)
        print(f"{path}: {path.stat().st_size / 2**20:.0f} MB, {design} design")
        classes = pick_queries(path, args.queries)
        measure(path, classes, args.scan_queries, design)
        explain_broad(path, classes["2 chars"], design)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep or Path(tmp) / "bench.db")
        if path.exists():
            path.unlink()
        print(f"building {args.articles:,} synthetic articles into {path}, {args.design} design ...",
              flush=True)
        built = build(path, args.articles, args.design)
        print(f"build {built['build_s']:.0f} s (of which inserts + index {built['insert_index_s']:.0f} s, "
              f"text generation and shadow text in parallel the rest), optimize {built['optimize_s']:.0f} s")
        print(f"file {built['file_mb']:.0f} MB: " + ", ".join(
            f"{k} {v:.0f} MB" for k, v in sorted(built["sizes_mb"].items())))
        per_1000 = built["file_mb"] / args.articles * 1000
        print(f"= {per_1000:.1f} MB per 1,000 articles")
        classes = pick_queries(path, args.queries)
        measure(path, classes, args.scan_queries, args.design)
        explain_broad(path, classes["2 chars"], args.design)


if __name__ == "__main__":
    main()
