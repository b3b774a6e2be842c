"""``newsarchive worker`` and ``archive-writer``: the two sides of a distributed crawl
(``crawl --distributed`` starts a run; see crawler/distributed/)."""

from __future__ import annotations

import signal
import time
from typing import Any

import click

from crawler.cli.common import (
    archive_lock,
    db_option,
    lock_wait_option,
    log_level_option,
    parse_set,
    redis_url_option,
    set_option,
    sites_file_option,
)
from crawler.distributed import DEFAULT_STREAM


@click.command()
@click.argument("sites", nargs=-1)
@redis_url_option("The Redis server of the run (default: REDIS_URL).")
@sites_file_option
@log_level_option("INFO")
@click.option("--wait-for-run", type=float, metavar="SECONDS",
              help="With nothing queued, wait this long for a run to start (REDIS_WAIT_FOR_RUN, "
              "default 0).")
@set_option
def worker(sites: tuple[str, ...], redis_url: str | None, sites_file: str | None, log_level: str,
           wait_for_run: float | None, overrides: tuple[str, ...]) -> None:
    """Work on a distributed crawl: fetch and process requests from the shared queue in Redis
    and send the articles to the item stream. Stops when no worker has work left."""
    from crawler.crawl import project_settings, site_names
    from crawler.distributed.shared import connect
    from crawler.distributed.work import run_worker

    settings = project_settings(**{"REDIS_URL": redis_url, "SITES_FILE": sites_file,
                                   "LOG_LEVEL": log_level, "REDIS_WAIT_FOR_RUN": wait_for_run,
                                   **parse_set(overrides)})
    connect(settings.get("REDIS_URL"))
    summary = run_worker(site_names(sites, settings), settings)
    click.echo(f"{'site':<22}{'status':<13}{'pages':>6}{'sent':>6}{'failed':>8}")
    for run in summary:
        click.echo(f"{run['site']:<22}{run['status']:<13}{run['pages']:>6}{run['sent']:>6}{run['failed']:>8}")


@click.command(name="archive-writer")
@db_option("Archive to write.")
@redis_url_option("The Redis server the workers send to.", required=True)
@click.option("--stream", default=DEFAULT_STREAM, show_default=True,
              help="The item stream (REDIS_ITEMS_KEY of the workers).")
@click.option("--drain", is_flag=True,
              help="Stop once no request is queued, no worker is running and everything sent is "
              "archived (default: run until Ctrl-C or SIGTERM).")
@lock_wait_option
def archive_writer(db_path: str, redis_url: str, stream: str, drain: bool, lock_wait: float) -> None:
    """Write the articles distributed workers send into the archive: the one process that
    opens it. Safe to kill: it resumes after the last committed batch."""
    from crawler.archive.store import open_archive
    from crawler.distributed.shared import connect
    from crawler.distributed.writer import write_stream

    server = connect(redis_url)
    stop = []
    last_report = [time.monotonic()]

    def progress(counts: Any) -> None:
        if time.monotonic() - last_report[0] >= 5:
            last_report[0] = time.monotonic()
            click.echo(f"{counts.entries} entries written ({_outcomes(counts)})", err=True)

    with archive_lock(db_path, lock_wait):
        for signum in (signal.SIGINT, signal.SIGTERM):  # finish the batch in hand, then stop
            signal.signal(signum, lambda *_: stop.append(True))
        db = open_archive(db_path)
        click.echo(f"writing {stream} at {redis_url} into {db_path}", err=True)
        started = time.monotonic()
        try:
            counts = write_stream(db, server, stream, drain=drain, should_stop=lambda: bool(stop),
                                  progress=progress)
        finally:
            db.close()
    seconds = time.monotonic() - started
    skipped = f"{counts.unreadable} unreadable entries skipped (see the log); " if counts.unreadable else ""
    click.echo(f"entries {counts.entries}: {_outcomes(counts)}; worker runs started "
               f"{counts.runs_started}, ended {counts.runs_ended}, killed {counts.runs_killed}; "
               f"{skipped}{seconds:.1f} s, {counts.busy_seconds:.1f} s of it writing "
               f"({counts.entries / max(counts.busy_seconds, 1e-9):.0f} entries/s)")


def _outcomes(counts: Any) -> str:
    return ", ".join(f"{k} {counts.outcomes[k]}" for k in ("new", "updated", "unchanged"))
