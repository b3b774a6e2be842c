"""The distributed crawl's commands: ``crawl --distributed`` (start a run), ``worker`` and
``archive-writer`` (see crawler/distributed.py and crawler/stream.py)."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import click
import redis
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.archive import open_archive, validators
from crawler.distributed import publish_validators, redis_from_url, site_key
from crawler.lock import ArchiveLocked, acquire_archive_lock, release_archive_lock
from crawler.stream import DEFAULT_STREAM, WriterCounts, write_stream
from pipelines.archive import run_stats


def connect(url: str | None) -> redis.Redis:
    """A checked connection, or a clear error naming the URL."""
    if not url:
        raise click.ClickException("no Redis server: pass --redis-url (or set REDIS_URL / "
                                   "NEWSARCHIVE_REDIS_URL), e.g. redis://127.0.0.1:6379/0")
    server = redis_from_url(url)
    try:
        server.ping()
    except redis.RedisError as exc:
        raise click.ClickException(f"cannot reach Redis at {url}: {exc}") from None
    return server


def seed_run(names: list[str], settings: Settings) -> None:
    """Start a distributed run of the sites: copy the archive's validators to Redis (for
    conditional requests), then run each spider's own start() into the shared queue."""
    server = connect(settings.get("REDIS_URL"))
    db_path = settings.get("ARCHIVE_PATH")
    if Path(db_path).exists():
        db = open_archive(db_path)
        for name in names:
            publish_validators(server, name, validators(db, name))
        db.close()
    settings = settings.copy()
    # nothing is fetched or processed here: no pipelines, no stage workers, no JOBDIR
    for name, value in {"DISTRIBUTED_SEED": True, "ITEM_PIPELINES": {}, "STAGE_WORKERS": 0,
                        "JOBDIR": None}.items():
        settings.set(name, value, priority="cmdline")
    process = CrawlerProcess(settings)
    for name in names:
        process.crawl(name)
    process.start()
    for name in names:
        click.echo(f"{name:<22}{server.zcard(site_key(name, 'requests')):>6} requests queued")
    click.echo(f"start workers with: newsarchive worker {' '.join(names)} --redis-url "
               f"{settings.get('REDIS_URL')}")


@click.command()
@click.argument("sites", nargs=-1)
@click.option("--redis-url", envvar="NEWSARCHIVE_REDIS_URL",
              help="The Redis server of the run (default: REDIS_URL).")
@click.option("--sites-file", type=click.Path(exists=True, dir_okay=False),
              help="Sites file (default: the packaged crawler/sites.toml).")
@click.option("--log-level", default="INFO", show_default=True, help="Scrapy log level.")
@click.option("--wait-for-run", type=float, metavar="SECONDS",
              help="With nothing queued, wait this long for a run to start (REDIS_WAIT_FOR_RUN, "
              "default 0).")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Any Scrapy setting, as with scrapy crawl -s.")
def worker(sites: tuple[str, ...], redis_url: str | None, sites_file: str | None, log_level: str,
           wait_for_run: float | None, overrides: tuple[str, ...]) -> None:
    """Work on a distributed crawl: fetch and process requests from the shared queue in Redis
    and send the articles to the item stream. Stops when no worker has work left."""
    from crawler.cli import _parse_set, project_settings, site_names

    settings = project_settings(**{"REDIS_URL": redis_url, "SITES_FILE": sites_file,
                                   "LOG_LEVEL": log_level, "REDIS_WAIT_FOR_RUN": wait_for_run,
                                   **_parse_set(overrides)})
    connect(settings.get("REDIS_URL"))
    names = site_names(sites, settings)
    process = CrawlerProcess(settings)
    crawlers = [process.create_crawler(name) for name in names]
    for crawler in crawlers:
        process.crawl(crawler)
    process.start()
    click.echo(f"{'site':<22}{'status':<13}{'pages':>6}{'sent':>6}{'failed':>8}")
    for crawler in crawlers:
        stats = crawler.stats.get_stats()
        run = run_stats(stats)
        click.echo(f"{crawler.spider.name:<22}{stats.get('finish_reason', '?'):<13}"
                   f"{run['pages_fetched']:>6}{stats.get('newsarchive/articles/sent', 0):>6}"
                   f"{sum(run['failures'].values()):>8}")


@click.command(name="archive-writer")
@click.option("--db", "db_path", default="archive.db", show_default=True, help="Archive to write.")
@click.option("--redis-url", envvar="NEWSARCHIVE_REDIS_URL", required=True,
              help="The Redis server the workers send to.")
@click.option("--stream", default=DEFAULT_STREAM, show_default=True,
              help="The item stream (REDIS_ITEMS_KEY of the workers).")
@click.option("--drain", is_flag=True,
              help="Stop once no worker is running and everything sent is archived "
              "(default: run until Ctrl-C or SIGTERM).")
def archive_writer(db_path: str, redis_url: str, stream: str, drain: bool) -> None:
    """Write the articles distributed workers send into the archive: the one process that
    opens it. Safe to kill: it resumes after the last committed batch."""
    server = connect(redis_url)
    try:
        acquire_archive_lock(db_path)
    except ArchiveLocked as exc:
        raise click.ClickException(str(exc)) from None
    stop = []
    for signum in (signal.SIGINT, signal.SIGTERM):  # finish the batch in hand, then stop
        signal.signal(signum, lambda *_: stop.append(True))
    last_report = [time.monotonic()]

    def progress(counts: WriterCounts) -> None:
        if time.monotonic() - last_report[0] >= 5:
            last_report[0] = time.monotonic()
            click.echo(f"{counts.entries} entries written ({_outcomes(counts)})", err=True)

    db = open_archive(db_path)
    click.echo(f"writing {stream} at {redis_url} into {db_path}", err=True)
    started = time.monotonic()
    try:
        counts = write_stream(db, server, stream, drain=drain, should_stop=lambda: bool(stop),
                              progress=progress)
    finally:
        db.close()
        release_archive_lock(db_path)
    seconds = time.monotonic() - started
    skipped = f"{counts.unreadable} unreadable entries skipped (see the log); " if counts.unreadable else ""
    click.echo(f"entries {counts.entries}: {_outcomes(counts)}; worker runs started "
               f"{counts.runs_started}, ended {counts.runs_ended}, killed {counts.runs_killed}; "
               f"{skipped}{seconds:.1f} s, {counts.busy_seconds:.1f} s of it writing "
               f"({counts.entries / max(counts.busy_seconds, 1e-9):.0f} entries/s)")


def _outcomes(counts: WriterCounts) -> str:
    return ", ".join(f"{k} {counts.outcomes[k]}" for k in ("new", "updated", "unchanged"))
