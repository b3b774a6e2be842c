"""Peak memory and time of hostile pages, against the limits that bound them.

    .venv/bin/python bench/hostile.py

Each page goes through the whole pipeline (``process_page``) in a fresh process, and once
more through a real crawl of a local site serving all of them (``STAGE_PROCESSES=1``): peak
RSS (VmHWM) of the crawl process and of its stage process, and the crawl's time. The limits
that hold them: DOWNLOAD_MAXSIZE (16 MiB, decompressed bodies too: it stops a gzip bomb),
MAX_LINKS_PER_PAGE (5,000 links read per page), MAX_TAGS (100,000 tags per page extracted),
STAGE_TIME_LIMIT (60 s per stage), and the bound the tests hold: 300 MB per process. A
baseline is measured in the same run: an ordinary article.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import hostile_pages as hostile  # noqa: E402

PAGES = {
    "ordinary article (baseline)": lambda: hostile.article().encode(),
    "link bomb (600,000 links)": hostile.link_bomb,
    "nested 300 deep": hostile.deep_article,
    "fields nested 3,000 deep": hostile.nested_fields,
    "12 MB of text": hostile.huge_text,
    "corrupted UTF-8": hostile.densely_corrupted_utf8,
}

ONE_PAGE = """
import resource, sys, time
sys.path.insert(0, {root!r})
from tests import hostile_pages as hostile
from bench.hostile import PAGES
from crawler.page import Page, PageRejected, process_page
body = PAGES[{name!r}]()
start = time.perf_counter()
try:
    page = process_page(Page(url="http://x.test/a/1.html", body=body))
    outcome = f"archived, {{len(page.text)}} characters"
except PageRejected as exc:
    outcome = f"rejected: {{exc}}"[:60]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(len(body), time.perf_counter() - start, peak, outcome)
"""


def one_page(name: str) -> tuple[int, float, float, str]:
    out = subprocess.run([sys.executable, "-c", ONE_PAGE.format(root=str(ROOT), name=name)],
                         capture_output=True, text=True, check=True).stdout.split(maxsplit=3)
    return int(out[0]), float(out[1]), float(out[2]), out[3].strip()


def crawl_all() -> tuple[float, dict[str, int], str]:
    pages = {f"/a/p{n}.html": ("text/html; charset=utf-8", make()) for n, make in enumerate(PAGES.values())}
    pages["/a/zlib.html"] = ("text/html; charset=zlib", hostile.article().encode())
    pages["/a/gzipbomb.html"] = ("text/html", hostile.gzip_bomb(), "gzip")
    with hostile.HostileSite(pages) as site, tempfile.TemporaryDirectory() as tmp:
        sites = Path(tmp) / "sites.toml"
        sites.write_text(site.sites_toml(), encoding="utf-8")
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "crawler", "crawl", "hostile", "--db", f"{tmp}/a.db", "--sites-file",
             str(sites), "--log-level", "ERROR", "-s", "STAGE_PROCESSES=1",
             "-s", "AUTOTHROTTLE_ENABLED=False"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        peaks = hostile.watch_peak_rss(process)
        seconds = time.perf_counter() - start
        summary = process.stdout.read()
    return seconds, peaks, summary


def main() -> None:
    print(f"{'page':<30}{'bytes':>12}{'seconds':>9}{'peak MB':>9}  outcome")
    for name in PAGES:
        size, seconds, peak, outcome = one_page(name)
        print(f"{name:<30}{size:>12,}{seconds:>9.2f}{peak:>9.0f}  {outcome}")
    seconds, peaks, summary = crawl_all()
    print(f"\na crawl of all of them, a page whose charset label is zlib and a gzip body that "
          f"inflates to 1 GB: {seconds:.1f} s")
    for name, peak in peaks.items():
        print(f"  peak RSS, {name:<32}{peak:>5} MB   (bound: 300 MB)")
    lines = [line for line in summary.splitlines() if line.startswith(("hostile", "failures"))]
    print("  " + "\n  ".join(lines))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    main()
