"""Distributed crawls: crawl rate with 1 and 2 workers against a local single-process crawl, and
the archive writer's sustained rate.

    .venv/bin/python bench/distributed.py                  # 2,000 article pages
    .venv/bin/python bench/distributed.py --articles 5000

The site is bench/crawl.py's (real and demo article pages, list pages, nginx on 127.0.0.1
where installed); the Redis server is a real redis-server on 127.0.0.1 (``apt-get install
redis-server``). Politeness off and the same settings for every run: no delay, no
autothrottle, 16 concurrent requests per process.

- local: ``newsarchive crawl`` (one process; stage processes, one per core), the baseline;
- N workers: ``newsarchive crawl --distributed`` seeds, then N ``newsarchive worker`` processes
  (``STAGE_PROCESSES=0``: one process per core does everything) crawl the site to the item
  stream, timed from their start until the last one stops; no writer runs meanwhile, so the
  figure is the workers' own;
- writer: then ``newsarchive archive-writer --drain`` archives the whole stream: its sustained
  items per second.

Prints pages per second and the ratio to the local crawl. On one 2-core machine the workers
compete for the same cores as the local crawl's stage processes: the figures show what the
distribution costs per page, not what a second machine adds.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.crawl import crawl, served_site  # noqa: E402
from tests.redis_server import RedisServer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS=16",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "LOGSTATS_INTERVAL=0"]


def newsarchive(*args: str) -> list[str]:
    return [sys.executable, "-m", "crawler", *args]


def distributed_run(base: str, work: Path, workers: int) -> tuple[float, int, float, int]:
    """(workers' seconds, articles sent, writer's seconds, entries written)."""
    with RedisServer() as redis_server:
        sites = work / f"workers{workers}.toml"
        sites.write_text(
            f'[[site]]\nname = "bench"\nstart_urls = ["{base}/"]\nallowed_domains = ["127.0.0.1"]\n'
            "article_patterns = ['/a/\\d+\\.html$']\nlist_patterns = ['/list/\\d+\\.html$']\n")
        db = work / f"workers{workers}.db"
        common = ["--redis-url", redis_server.url, "--sites-file", str(sites), "--log-level", "WARNING"]
        subprocess.run(newsarchive("crawl", "--distributed", "--db", str(db), *common, *FAST),
                       cwd=ROOT, check=True, capture_output=True)
        start = time.perf_counter()
        processes = [subprocess.Popen(newsarchive("worker", *common, *FAST, "-s", "STAGE_PROCESSES=0"),
                                      cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                     for _ in range(workers)]
        outputs = [p.communicate()[0] for p in processes]
        seconds = time.perf_counter() - start
        if any(p.returncode for p in processes):
            sys.exit(f"a worker failed:\n{outputs}")
        sent = sum(int(line.split()[3]) for out in outputs for line in out.splitlines()[1:])
        writer = subprocess.run(newsarchive("archive-writer", "--redis-url", redis_server.url,
                                            "--db", str(db), "--drain"),
                                cwd=ROOT, check=True, capture_output=True, text=True)
        # the writer's own account: seconds spent writing batches (not starting up or waiting)
        entries = int(writer.stdout.split()[1].rstrip(":"))
        written_seconds = float(writer.stdout.split(" s of it writing")[0].split(", ")[-1])
    return seconds, sent, written_seconds, entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    with served_site(args.articles) as (work, base):
        seconds, pages, peak = crawl(base, work, "local", {})
        local = pages / seconds
        print(f"{'local crawl (1 process + stage processes)':<42} {pages:6d} articles in {seconds:6.1f} s"
              f" = {local:6.1f} pages/s   ratio 1.00", flush=True)
        for workers in (1, 2):
            seconds, sent, writer_seconds, entries = distributed_run(base, work, workers)
            rate = sent / seconds
            print(f"{f'{workers} worker' + ('s' if workers > 1 else '') + ' (to the stream)':<42} "
                  f"{sent:6d} articles in {seconds:6.1f} s = {rate:6.1f} pages/s   "
                  f"ratio {rate / local:4.2f}", flush=True)
            print(f"{'  then the writer, alone':<42} {entries:6d} entries  in {writer_seconds:6.1f} s"
                  f" = {entries / writer_seconds:6.1f} items/s (sustained)", flush=True)
            both = sent / (seconds + writer_seconds)
            print(f"{'  workers and writer one after the other':<42} {both:6.1f} pages/s   "
                  f"ratio {both / local:4.2f}", flush=True)


if __name__ == "__main__":
    main()
