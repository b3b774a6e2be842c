"""Reprocessing a large archive: one process against all cores.

    .venv/bin/python bench/reprocess.py                  # 20,000 stored pages (~10 minutes)
    .venv/bin/python bench/reprocess.py --pages 2000

Builds an archive of --pages stored raw responses: the bundled demo sites' article pages as
served (GBK, Big5, UTF-8, with their damage) and, where ../shared is beside the project, the
real pages of ../shared/corpus/news, repeated under distinct URLs. Every stored text is stale
(what an older cleaner left), so every page is reprocessed *and* rewritten as a new version:
the full cost. Then ``reprocess_archive`` runs on two identical copies, with one process and
with --processes (default: one per core), and prints pages per second and the speedup
(target >= 1.8x on 2 cores).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._corpus import news_pages  # noqa: E402
from crawler.archive.store import open_archive, write_article, write_raw_response  # noqa: E402
from crawler.demo.render import build_sites  # noqa: E402
from crawler.page import Page, PageRejected, process_page  # noqa: E402
from crawler.reprocess import reprocess_archive  # noqa: E402

warnings.filterwarnings("ignore")
FETCHED = "2026-01-01T00:00:00+00:00"


def source_pages() -> list[Page]:
    """Processed pages to store, each with its raw body."""
    raw = [(f"http://{host}{path}", r.body, r.headers["Content-Type"])
           for (host, path), r in build_sites().items() if "/20" in path and path.endswith(".html")]
    raw += [(f"http://corpus.test/{p.name}", p.read_bytes(), None) for p in news_pages()]
    pages = []
    for url, body, content_type in raw:
        try:
            pages.append(process_page(Page(url=url, body=body, content_type=content_type, site="bench")))
        except PageRejected:
            continue
    return pages


def build(path: Path, count: int) -> None:
    sources = source_pages()
    print(f"building {count} stored pages from {len(sources)} distinct ones ...", flush=True)
    start = time.perf_counter()
    db = open_archive(path)
    for first in range(0, count, 1000):
        with db.conn:
            for i in range(first, min(first + 1000, count)):
                src = sources[i % len(sources)]
                # stale text, as an older cleaner left it: reprocessing changes every page
                page = Page(**{**src.__dict__, "url": f"{src.url}?n={i}", "fetched_at": FETCHED,
                               "text": src.text + "\n（旧版清洗留下的一行）"})
                write_article(db, page)
                write_raw_response(db, page)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    print(f"built in {time.perf_counter() - start:.0f} s, {path.stat().st_size / 1e6:.0f} MB", flush=True)


def run(path: Path, processes: int) -> tuple[float, int, int]:
    db = open_archive(path)
    start = time.perf_counter()
    summary = reprocess_archive(db, str(path), processes=processes)
    seconds = time.perf_counter() - start
    db.close()
    return seconds, summary.pages, summary.changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        original = Path(tmp) / "archive.db"
        build(original, args.pages)
        results = {}
        for processes in (1, args.processes):
            copy = Path(tmp) / f"archive-{processes}.db"
            shutil.copy(original, copy)
            seconds, pages, changed = run(copy, processes)
            results[processes] = seconds
            label = f"{processes} process{'es' if processes > 1 else '  '}"
            print(f"{label}: {pages} pages ({changed} changed) in {seconds:6.1f} s = "
                  f"{pages / seconds:6.1f} pages/s", flush=True)
            copy.unlink()
        speedup = results[1] / results[args.processes]
        print(f"\nspeedup {args.processes} processes / 1 process: {speedup:.2f}x "
              f"on {os.cpu_count()} cores (target >= 1.8x)")


if __name__ == "__main__":
    main()
