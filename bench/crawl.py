"""Crawl throughput: the full pipeline against fetch-only Scrapy, same site, same settings.

    .venv/bin/python bench/crawl.py                    # 5,000 article pages
    .venv/bin/python bench/crawl.py --articles 1000 --stage-processes 0 2

Writes a static site of --articles article pages (the bundled demo sites' article pages as
served, GBK, Big5 and UTF-8 with their damage, and, where ../shared is beside the project, the
real pages of ../shared/corpus/news, cycled under distinct URLs) and list pages linking them,
and serves it from 127.0.0.1 with nginx (``apt install nginx-light``) or, where nginx is not
installed, Python's http.server, each in a process of its own. Then crawls it with
``newsarchive crawl`` (politeness off: no delay, no autothrottle, 16 concurrent requests, the
same for every run):

- fetch-only, Scrapy's scheduler: no item pipeline, and Scrapy's own scheduler and JOBDIR
  queues instead of our frontier (the cost of committing every request, below);
- fetch-only: the spider with no item pipeline (Scrapy fetching, parsing links, making items);
- full pipeline: decode, extract, clean, archive into SQLite, for each --stage-processes value
  (0: the stages run in Scrapy's process; N: in N stage processes).

Prints pages per second of each run (articles archived or fetched / wall time of the crawl),
the ratio to fetch-only (target >= 0.7) and each run's peak RSS (the crawl process, and the
stage processes).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._corpus import news_pages  # noqa: E402
from crawler.demo.render import build_sites  # noqa: E402

PER_LIST = 50
ROOT = Path(__file__).resolve().parents[1]


def article_bodies() -> list[bytes]:
    bodies = [r.body for (host, path), r in sorted(build_sites().items())
              if r.headers["Content-Type"].startswith("text/html") and "/20" in path]
    return bodies + [p.read_bytes() for p in news_pages()]


def write_site(root: Path, articles: int) -> None:
    bodies = article_bodies()
    (root / "a").mkdir(parents=True)
    (root / "list").mkdir()
    for n in range(articles):
        (root / "a" / f"{n}.html").write_bytes(bodies[n % len(bodies)])
    lists = -(-articles // PER_LIST)
    for k in range(1, lists + 1):
        links = "".join(f'<li><a href="/a/{n}.html">第{n}篇</a></li>'
                        for n in range((k - 1) * PER_LIST, min(k * PER_LIST, articles)))
        more = f'<a href="/list/{k + 1}.html">下一页</a>' if k < lists else ""
        (root / "list" / f"{k}.html").write_text(
            f"<html><head><meta charset='utf-8'></head><body><ul>{links}</ul>{more}</body></html>", "utf-8")
    (root / "index.html").write_text("<html><body><a href='/list/1.html'>文章</a></body></html>", "utf-8")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    print(f"site: {articles} article pages ({len(bodies)} distinct bodies), {lists} list pages")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(root: Path, work: Path) -> tuple[subprocess.Popen, str, str]:
    port = free_port()
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx:
        conf = work / "nginx.conf"
        conf.write_text(
            f"daemon off; master_process off; worker_processes 1; pid {work}/nginx.pid;\n"
            f"error_log {work}/error.log;\n"
            "events { worker_connections 1024; }\n"
            f"http {{ access_log off; types {{ text/html html; text/plain txt; }} default_type text/html;\n"
            f"  client_body_temp_path {work}/tmp; proxy_temp_path {work}/tmp; fastcgi_temp_path {work}/tmp;\n"
            f"  uwsgi_temp_path {work}/tmp; scgi_temp_path {work}/tmp;\n"
            f"  server {{ listen 127.0.0.1:{port}; root {root}; }} }}\n"
        )
        (work / "tmp").mkdir(exist_ok=True)
        process = subprocess.Popen([nginx, "-c", str(conf), "-p", str(work)])
        name = "nginx"
    else:
        process = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1",
                                    "--directory", str(root), str(port)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        name = "Python http.server (install nginx for a faster one)"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    return process, f"http://127.0.0.1:{port}", name


@contextlib.contextmanager
def served_site(articles: int) -> Iterator[tuple[Path, str]]:
    """The bench site written to a temporary folder and served: (work folder, base URL)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_site(work / "site", articles)
        server, base, name = start_server(work / "site", work)
        print(f"served by {name} at {base}\n")
        try:
            yield work, base
        finally:
            server.terminate()
            server.wait()


def crawl(base: str, work: Path, label: str, settings: dict[str, str]) -> tuple[float, int, float]:
    """One crawl in its own process: (seconds, article pages, peak RSS MB)."""
    sites = work / f"{label}.toml"
    sites.write_text(
        f'[[site]]\nname = "bench"\nstart_urls = ["{base}/"]\nallowed_domains = ["127.0.0.1"]\n'
        "article_patterns = ['/a/\\d+\\.html$']\nlist_patterns = ['/list/\\d+\\.html$']\n"
    )
    db = work / f"{label}.db"
    args = [sys.executable, "-m", "crawler", "crawl", "bench", "--sites-file", str(sites), "--db", str(db),
            "--log-level", "INFO", "-s", f"JOBDIR={work}/jobs-{label}",
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
            "-s", "CONCURRENT_REQUESTS=16", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
            "-s", "STATS_DUMP=True", "-s", "LOGSTATS_INTERVAL=0"]
    for name, value in settings.items():
        args += ["-s", f"{name}={value}"]
    log = work / f"{label}.log"
    start = time.perf_counter()
    with log.open("w") as sink:
        process = subprocess.Popen(args, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
        # wait4: this run's own peak, the largest of the crawl process and its stage processes
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    text = log.read_text("utf-8", "replace")
    if status:
        sys.exit(f"{label} crawl failed:\n{text[-3000:]}")
    pages = int(_stat(text, "item_scraped_count") or 0)
    return seconds, pages, usage.ru_maxrss / 1024


def _stat(log: str, name: str) -> str | None:
    for line in log.splitlines():
        if f"'{name}':" in line:
            return line.split(":")[-1].strip().rstrip(",}")
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--stage-processes", type=int, nargs="+", default=[0, os.cpu_count() or 1])
    args = parser.parse_args()
    with served_site(args.articles) as (work, base):
        runs = [("fetch-only", {"ITEM_PIPELINES": "{}"}),
                ("fetch-only, Scrapy's scheduler", {"ITEM_PIPELINES": "{}",
                                                    "SCHEDULER": "scrapy.core.scheduler.Scheduler"})]
        runs += [(f"full pipeline, STAGE_PROCESSES={w}", {"STAGE_PROCESSES": str(w)})
                 for w in args.stage_processes]
        results = []
        for number, (label, settings) in enumerate(runs):
            seconds, pages, peak = crawl(base, work, f"run{number}", settings)
            results.append((label, seconds, pages, peak))
            rate = pages / seconds
            ratio = rate / (results[0][2] / results[0][1])
            print(f"{label:<34} {pages:6d} pages in {seconds:6.1f} s = {rate:7.1f} pages/s"
                  f"   ratio to fetch-only {ratio:4.2f}   peak RSS {peak:5.0f} MB", flush=True)
    print("\n(target: full pipeline >= 0.7 of fetch-only pages/s)")


if __name__ == "__main__":
    main()
