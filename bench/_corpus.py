"""Shared helpers for the benchmarks: where ../shared is, and its labelled pages."""

from __future__ import annotations

import csv
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSARCHIVE_SHARED", ROOT.parent / "shared"))
# labels.csv names encodings; the codec each family is decoded with (EUC-TW: none in Python).
FAMILY = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "big5": "big5hkscs",
          "utf-8": "utf-8", "hz-gb-2312": "hz"}


def require_shared() -> Path:
    if not (SHARED / "corpus" / "labels.csv").exists():
        sys.exit(f"needs the corpus at {SHARED}/corpus (set NEWSARCHIVE_SHARED)")
    return SHARED


def labelled_files() -> list[tuple[Path, str]]:
    """(path, true encoding label) for every raw page and sample in the corpus."""
    shared = require_shared()
    rows = csv.DictReader((shared / "corpus" / "labels.csv").open(encoding="utf-8"))
    return [(shared / "corpus" / row["file"], row["true_encoding"]) for row in rows]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def news_pages() -> list[Path]:
    """Every HTML page in ../shared/corpus/news (not the readability gold files), or none."""
    news = SHARED / "corpus" / "news"
    return [p for p in sorted(news.glob("*/*.html")) if not p.name.endswith(".expected.html")]


def best_of(repeat: int, fn, *args) -> float:
    """The fastest of ``repeat`` runs of ``fn(*args)``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - start)
    return best
