"""Stories: what fingerprints cost, and what finding each article's story costs as the archive
grows, against comparing every pair, in the same run.

    .venv/bin/python bench/stories.py [--articles 20000] [--sample 2000] [--copies 0.1]

1. Fingerprint cost per page against the whole pipeline's, on every page of ../shared/corpus/news
   (target: at most 5 %).
2. An archive of --articles synthetic articles of ~1,500 characters (bench/search.py's word
   model), a share --copies of them syndicated copies of an earlier one (trimmed, a credit
   added, in Traditional): archived one by one through ``write_article``, as crawls do. Time
   per article, the story index's size, peak memory, and how many copies found their story.
3. The queries that read stories, on that archive, against counting the stories at query time
   (what the ``stories`` view did before the table): the widest-stories canned query, the
   search page with one_per_story, ``newsarchive stories``, an article view's copies.
4. On the first --sample of them: every pair compared (the naive way) against the banded index,
   both timed; the pairs the index missed.

The README's figures: --articles 200000 --sample 5000 (about 90 minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import itertools
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._corpus import best_of, news_pages, require_shared  # noqa: E402
from bench.search import generate, word_pool  # noqa: E402
from crawler.archive.store import archive_page, open_archive  # noqa: E402
from crawler.page import Page, PageRejected, process_page  # noqa: E402
from crawler.text.fingerprint import fingerprint, same_story  # noqa: E402


def fingerprint_share() -> None:
    require_shared()
    pipeline, prints = [], []
    for path in news_pages():
        body = path.read_bytes()
        try:
            page = process_page(Page(url=f"http://corpus.test/{path.name}", body=body))
        except PageRejected:
            continue
        pipeline.append(best_of(3, lambda body=body, name=path.name: process_page(
            Page(url=f"http://corpus.test/{name}", body=body))))
        prints.append(best_of(3, lambda text=page.text: fingerprint(text)))
    shares = [p / q for p, q in zip(prints, pipeline, strict=True)]
    print(f"1. fingerprint per page: median {statistics.median(prints) * 1000:.2f} ms, pipeline median "
          f"{statistics.median(pipeline) * 1000:.1f} ms; share of the pipeline: median "
          f"{statistics.median(shares):.1%}, total {sum(prints) / sum(pipeline):.1%} (target <= 5%) "
          f"[{len(shares)} pages, best of 3]")


def corpus(count: int, copies: float, seed: int = 7) -> list[tuple[str, str, str]]:
    """(url, text, story): synthetic articles, a share of them copies of an earlier one."""
    import opencc

    rng = random.Random(seed)
    traditional = opencc.OpenCC("s2tw")
    originals = generate(seed, count, word_pool())
    items: list[tuple[str, str, str]] = []
    for index, row in enumerate(originals):
        text = row[4]  # (url, site, title, published, text)
        if items and rng.random() < copies:
            url, original, story = rng.choice(items[-5000:])
            lines = original.split("\n")
            kind = rng.randrange(3)
            if kind == 0:
                text = "\n".join(lines[: max(1, len(lines) - 1)]) + "\n（编辑：王晓）"
            elif kind == 1:
                text = traditional.convert(original)
            else:
                text = original[len(original) // 10:]
            items.append((f"http://copy.test/{index}", text, story))
        else:
            items.append((f"http://site{index % 50}.test/{index}", text, f"s{index}"))
    return items


# The widest stories counted at query time from articles (the ``stories`` view before the table
# was kept): the baseline of the table's canned query
COUNTED_WIDEST_SQL = """
with wide as (
  select story, count(*) as copies, count(distinct site) as sites, min(published) as first_published,
         group_concat(distinct site) as site_names
  from articles where story is not null group by story having count(distinct site) >= 2
)
select a.title, w.first_published, w.sites, w.copies, w.site_names, a.url
from wide w join articles a on a.url = (select first.url from articles first where first.story = w.story
  order by coalesce(first.published, '9999'), first.first_seen, first.rowid limit 1)
order by w.sites desc, w.copies desc, w.first_published desc limit 1000
"""


def story_queries(path: Path, items: list[tuple[str, str, str]]) -> None:
    from bench.search import connect
    from crawler.archive.datasette_plugin import SEARCH_SQL, WIDEST_STORIES_SQL
    from crawler.archive.stories import story_copies, top_stories

    conn = connect(path, "bigram")
    copy_url = next(url for url, _, _ in items if url.startswith("http://copy.test/"))
    word = items[0][1][:2]  # a word of the commonest kind: the first article's first
    search = {"q": word, "site": "", "since": "", "until": "", "page": ""}
    times = {
        "widest_stories": best_of(3, lambda: conn.execute(WIDEST_STORIES_SQL, {"min_sites": ""}).fetchall()),
        "counted at query time": best_of(3, lambda: conn.execute(COUNTED_WIDEST_SQL).fetchall()),
        "newsarchive stories (50, with copies)": best_of(3, lambda: [
            story_copies(conn, story["first_url"]) for story in top_stories(conn)]),
        f"search {word}": best_of(3, lambda: conn.execute(
            SEARCH_SQL, {**search, "one_per_story": ""}).fetchall()),
        f"search {word}, one_per_story": best_of(3, lambda: conn.execute(
            SEARCH_SQL, {**search, "one_per_story": "1"}).fetchall()),
        "an article's copies": best_of(3, lambda: story_copies(conn, copy_url)),
    }
    print(f"3. queries at {len(items)} articles (ms, best of 3; datasette's limit is 1000): "
          + ", ".join(f"{name} {t * 1000:.1f}" for name, t in times.items())
          + f"; widest_stories {times['counted at query time'] / times['widest_stories']:.0f}x faster "
          "than counting at query time")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--copies", type=float, default=0.1)
    args = parser.parse_args()
    fingerprint_share()
    if not args.articles:  # --articles 0: the cost per page only
        return
    items = corpus(args.articles, args.copies)
    import crawler.archive.store as store

    spent = [0.0]  # of the write, the time finding and recording stories took
    assign = store.assign_story

    def timed_assign(*args: object) -> int:
        began = time.perf_counter()
        try:
            return assign(*args)
        finally:
            spent[0] += time.perf_counter() - began

    store.assign_story = timed_assign
    with tempfile.TemporaryDirectory() as tmp:
        db = open_archive(Path(tmp) / "stories.db")
        started = time.perf_counter()
        for day, (url, text, _) in enumerate(items):
            archive_page(db, Page(url=url, site=url.split("/")[2], title="t", text=text, body=b"",
                                  published=f"2020-01-{day % 28 + 1:02d}"))
        took = time.perf_counter() - started
        pages = {name: count for name, count in db.execute(
            "select name, count(*) from dbstat where name in ('story_bands', 'story_prints', "
            "'story_bands_article', 'articles') group by name")}
        page_size = db.execute("pragma page_size").fetchone()[0]
        index_mb = sum(v for k, v in pages.items() if k != "articles") * page_size / 1e6
        stories = dict(db.execute("select url, story from articles").fetchall())
        known = {url: story for url, _, story in items}
        first = {}
        for url, _, story in items:
            first.setdefault(story, url)
        copies = [(url, story) for url, _, story in items if first[story] != url]
        joined = sum(stories[url] == stories[first[story]] for url, story in copies)
        print(f"2. {len(items)} articles ({len(copies)} copies) archived in {took:.0f} s: "
              f"{took / len(items) * 1000:.2f} ms per article, of which its story (fingerprint, "
              f"candidates, comparisons, index rows) {spent[0] / len(items) * 1000:.2f} ms; story index "
              f"{index_mb:.0f} MB beside {pages.get('articles', 0) * page_size / 1e6:.0f} MB of articles; "
              f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; "
              f"copies that joined their story: {joined}/{len(copies)}")
        story_queries(Path(tmp) / "stories.db", items)
        sample = items[: args.sample]
        started = time.perf_counter()
        prints = {url: fingerprint(text) for url, text, _ in sample}
        naive = {(a, b) for a, b in itertools.combinations(prints, 2)
                 if prints[a] and prints[b] and same_story(prints[a], prints[b])}
        naive_took = time.perf_counter() - started
        indexed = {(a, b) for a, b in itertools.combinations(prints, 2) if stories[a] == stories[b]}
        truth = {(a, b) for a, b in itertools.combinations(prints, 2) if known[a] == known[b]}
        per_article = spent[0] / len(items)
        indexed_took = per_article * len(sample)
        print(f"4. first {len(sample)} articles: every pair compared in {naive_took:.1f} s "
              f"({len(sample) * (len(sample) - 1) // 2} pairs) against the index's "
              f"{indexed_took:.1f} s of story work for as many articles ({naive_took / indexed_took:.0f}x); "
              f"pairs of one story: naive {len(naive & truth)}/{len(truth)}, index "
              f"{len(indexed & truth)}/{len(truth)}; false pairs: naive {len(naive - truth)}, "
              f"index {len(indexed - truth)}")


if __name__ == "__main__":
    main()
