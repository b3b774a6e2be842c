"""``newsarchive demo``, ``crawl`` (and ``crawl --distributed``) and ``crawls``."""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import datetime

import click

from crawler.cli.common import (
    counts_line,
    db_option,
    lock_wait_option,
    log_level_option,
    parse_set,
    progress_option,
    progress_setting,
    redis_url_option,
    set_option,
    sites_file_option,
)

# exit code of a crawl that ran but in which, for some site, every request failed
EVERY_REQUEST_FAILED = 3

_COUNTS = ("pages_fetched", "articles_new", "articles_updated", "articles_unchanged",
           "articles_skipped", "failed")


def print_crawl_rows(rows: list[dict], with_times: bool = False) -> None:
    times = f"{'started (UTC)':<21}{'minutes':>8}  " if with_times else ""
    click.echo(f"{times}{'site':<22}{'status':<13}{'pages':>6}{'new':>6}{'updated':>9}"
               f"{'unchanged':>11}{'skipped':>9}{'failed':>8}")
    for row in rows:
        n = {k: row.get(k) or 0 for k in _COUNTS}
        if with_times:
            minutes = ""
            if row.get("ended_at"):
                took = datetime.fromisoformat(row["ended_at"]) - datetime.fromisoformat(row["started_at"])
                minutes = f"{took.total_seconds() / 60:.1f}"
            times = f"{row['started_at'][:19]:<21}{minutes:>8}  "
        click.echo(
            f"{times}{row['site']:<22}{row['status']:<13}{n['pages_fetched']:>6}{n['articles_new']:>6}"
            f"{n['articles_updated']:>9}{n['articles_unchanged']:>11}{n['articles_skipped']:>9}"
            f"{n['failed']:>8}"
        )


def print_summary(db_path: str, crawl_ids: list[int]) -> list[str]:
    """The runs' rows and totals; returns the sites whose every request failed."""
    from crawler.archive.store import article_count, crawl_rows, open_archive

    db = open_archive(db_path)
    rows = crawl_rows(db, crawl_ids)
    total = article_count(db)
    db.close()
    repairs: Counter = Counter()
    failures: Counter = Counter()
    print_crawl_rows(rows)
    for row in rows:
        repairs.update(json.loads(row["repairs"] or "{}"))
        failures.update(json.loads(row["failures"] or "{}"))
    archived = sum(
        (r["articles_new"] or 0) + (r["articles_updated"] or 0) + (r["articles_unchanged"] or 0)
        for r in rows
    )
    click.echo(f"articles archived this run: {archived} (archive holds {total})")
    click.echo("repairs applied: " + (counts_line(repairs) or "none"))
    click.echo("failures: " + (counts_line(failures) or "none"))
    # nothing archived, fetched again or skipped, and failures: the site could not be crawled
    from crawler.page import REJECTION_REASONS
    from crawler.stats import is_fetch_failure

    def every_request_failed(row: dict) -> bool:
        reasons = json.loads(row["failures"] or "{}")
        archived = any(row[k] for k in ("articles_new", "articles_updated", "articles_unchanged",
                                        "articles_skipped"))
        return bool(reasons) and not archived and all(
            is_fetch_failure(reason, REJECTION_REASONS) for reason in reasons)

    return [r["site"] for r in rows if every_request_failed(r)]


def exit_if_dead(sites: list[str]) -> None:
    if sites:
        click.echo(f"every request failed: {', '.join(sites)}", err=True)
        sys.exit(EVERY_REQUEST_FAILED)


@click.command()
@db_option("Archive to write.")
@log_level_option("WARNING")
@progress_option
def demo(db_path: str, log_level: str, progress: bool | None) -> None:
    """Serve the bundled demo sites on 127.0.0.1 and crawl them all into the archive."""
    from crawler.crawl import project_settings, run_crawl
    from crawler.demo import SITES_FILE
    from crawler.demo.server import DemoServer
    from crawler.sites import load_sites

    with DemoServer() as server:
        click.echo(f"demo sites served on {server.proxy_url}: "
                   + ", ".join(s.name for s in load_sites(SITES_FILE)))
        settings = project_settings(
            SITES_FILE=SITES_FILE,
            SITE_PROXY=server.proxy_url,
            ARCHIVE_PATH=db_path,
            LOG_LEVEL=log_level,
            PROGRESS=progress_setting(progress),
            # a local server answers in milliseconds: no need to start slow
            AUTOTHROTTLE_START_DELAY=0.01,
            CONCURRENT_REQUESTS_PER_DOMAIN=8,
        )
        ids = run_crawl([], settings)
    dead = print_summary(db_path, ids)
    click.echo(f"browse it: datasette {db_path}")
    exit_if_dead(dead)


@click.command()
@click.argument("sites", nargs=-1)
@db_option("Archive to write.")
@sites_file_option
@log_level_option("INFO")
@set_option
@click.option("--distributed", is_flag=True,
              help="Start a distributed run instead: queue the sites' start requests in Redis for "
              "`newsarchive worker`s; nothing is fetched here.")
@redis_url_option("With --distributed: the Redis server (default: REDIS_URL).")
@lock_wait_option
@progress_option
def crawl(sites: tuple[str, ...], db_path: str, sites_file: str | None, log_level: str,
          overrides: tuple[str, ...], distributed: bool, redis_url: str | None, lock_wait: float,
          progress: bool | None) -> None:
    """Crawl configured sites (all of them if none is named) into the archive.

    Exit codes: 0 done; 1 could not run (a locked archive, a bad setting or sites file, an
    unknown site: one line says which); 2 usage; 3 every request of some site failed."""
    from crawler.crawl import project_settings, run_crawl, site_names

    # -s NAME=VALUE wins over the options, as with scrapy crawl
    given = parse_set(overrides)
    settings = project_settings(**{"ARCHIVE_PATH": db_path, "SITES_FILE": sites_file,
                                   "LOG_LEVEL": log_level, "REDIS_URL": redis_url,
                                   "ARCHIVE_LOCK_WAIT": lock_wait or None,
                                   "PROGRESS": progress_setting(progress), **given})
    if distributed:
        from crawler.distributed.seed import seed_run

        names = site_names(sites, settings)
        queued = seed_run(names, settings)
        for name, count in queued.items():
            click.echo(f"{name:<22}{count:>6} requests queued")
        click.echo(f"start workers with: newsarchive worker {' '.join(names)} --redis-url "
                   f"{settings.get('REDIS_URL')}")
        return
    if "REDIS_URL" in given:
        raise click.UsageError("newsarchive crawl writes the archive itself; to work on a "
                               "distributed crawl, run newsarchive worker (or crawl --distributed)")
    ids = run_crawl(list(sites), settings)
    exit_if_dead(print_summary(settings.get("ARCHIVE_PATH"), ids))  # -s ARCHIVE_PATH may replace --db


@click.command()
@db_option("Archive to read.", must_exist=True)
@click.option("--limit", default=20, show_default=True, help="How many runs, newest first.")
def crawls(db_path: str, limit: int) -> None:
    """The recent crawl runs: when, how they ended, what they found and what failed."""
    from crawler.archive.store import open_archive, recent_crawls

    db = open_archive(db_path)
    rows = recent_crawls(db, limit)
    db.close()
    print_crawl_rows(rows, with_times=True)
    for row in rows:
        failures = json.loads(row["failures"] or "{}")
        if failures:
            click.echo(f"  run {row['id']} ({row['site']}) failures: {counts_line(failures)}")
