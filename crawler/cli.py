"""The ``newsarchive`` command line (also ``python -m crawler``)."""

from __future__ import annotations

import json
import shutil
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

import click
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler import __version__
from crawler.archive import mark_killed_runs, open_archive
from crawler.lock import ArchiveLocked, acquire_archive_lock, release_archive_lock
from crawler.page import Page, PageRejected, process_page
from crawler.sites import SiteConfigError, load_sites

DEMO_SITES_FILE = str(resources.files("crawler.demo") / "sites.toml")


def project_settings(**overrides: object) -> Settings:
    """crawler/settings.py with overrides, wherever the command runs from."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for name, value in overrides.items():
        if value is not None:
            settings.set(name, value, priority="cmdline")
    return settings


def _parse_set(values: tuple[str, ...]) -> dict[str, str]:
    pairs = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"expected NAME=VALUE, got {item!r}", param_hint="-s")
        pairs[name] = value
    return pairs


def jobdir_for(db_path: str, site: str) -> Path:
    """Where a site's crawl state (Scrapy's JOBDIR) is kept: beside the archive."""
    return Path(f"{db_path}.jobs") / site


def site_names(sites: list[str] | tuple[str, ...], settings: Settings) -> list[str]:
    """The named sites (every configured one if none is named), checked against the sites
    file."""
    try:
        configured = [s.name for s in load_sites(settings.get("SITES_FILE"))]
    except SiteConfigError as exc:
        raise click.ClickException(str(exc)) from None
    unknown = sorted(set(sites) - set(configured))
    if unknown:
        raise click.ClickException(
            f"unknown site(s): {', '.join(unknown)}; configured: {', '.join(configured)}"
        )
    return list(sites) or configured


def run_crawl(sites: list[str], settings: Settings) -> list[int]:
    """Crawl the named sites (all configured ones if empty) in one Scrapy process.

    Returns the ids of the ``crawls`` rows this run wrote.
    """
    names = site_names(sites, settings)
    db_path = settings.get("ARCHIVE_PATH")
    settings = settings.copy()
    # a local crawl writes the archive itself, even where NEWSARCHIVE_REDIS_URL is set
    settings.set("REDIS_URL", None, priority="cmdline")
    try:
        acquire_archive_lock(db_path)  # refuse now, with a clear message, not mid-start
    except ArchiveLocked as exc:
        raise click.ClickException(str(exc)) from None
    try:
        db = open_archive(db_path)
        for site in mark_killed_runs(db):
            # A hard kill can leave Scrapy's disk queue half written, and a resumed scheduler
            # then waits forever for requests it cannot read. The archive is always whole (one
            # transaction per article): start that site afresh from it instead; incremental
            # re-crawling does not fetch what it already holds again.
            shutil.rmtree(jobdir_for(db_path, site), ignore_errors=True)
        before = db.execute("select coalesce(max(id), 0) from crawls").fetchone()[0]
        db.close()
        # Each site keeps its crawl state (Scrapy's JOBDIR) in a folder of its own, so an
        # interrupted or killed crawl resumes where it stopped on the next run: beside the
        # archive, or under a JOBDIR given with -s (one JOBDIR cannot serve several spiders).
        jobs_base = settings.get("JOBDIR")
        settings = settings.copy()
        settings.delete("JOBDIR", priority="cmdline")
        process = CrawlerProcess(settings)
        for name in names:
            spider = process.spider_loader.load(name)
            jobdir = str(Path(jobs_base) / name if jobs_base else jobdir_for(db_path, name))
            spider = type(spider.__name__, (spider,), {
                "custom_settings": {**(spider.custom_settings or {}), "JOBDIR": jobdir},
            })
            process.crawl(spider)
        process.start()
    finally:
        release_archive_lock(db_path)
    db = open_archive(db_path)
    ids = [row[0] for row in db.execute("select id from crawls where id > ? order by id", [before])]
    db.close()
    return ids


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
                from datetime import datetime

                took = datetime.fromisoformat(row["ended_at"]) - datetime.fromisoformat(row["started_at"])
                minutes = f"{took.total_seconds() / 60:.1f}"
            times = f"{row['started_at'][:19]:<21}{minutes:>8}  "
        click.echo(
            f"{times}{row['site']:<22}{row['status']:<13}{n['pages_fetched']:>6}{n['articles_new']:>6}"
            f"{n['articles_updated']:>9}{n['articles_unchanged']:>11}{n['articles_skipped']:>9}"
            f"{n['failed']:>8}"
        )


def print_summary(db_path: str, crawl_ids: list[int]) -> None:
    db = open_archive(db_path)
    placeholders = ",".join("?" * len(crawl_ids)) or "NULL"
    rows = list(db.query(f"select * from crawls where id in ({placeholders}) order by id", crawl_ids))
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
    total = db.execute("select count(*) from articles").fetchone()[0]
    click.echo(f"articles archived this run: {archived} (archive holds {total})")
    click.echo("repairs applied: " + (", ".join(f"{k} {v}" for k, v in repairs.most_common()) or "none"))
    click.echo("failures: " + (", ".join(f"{k} {v}" for k, v in failures.most_common()) or "none"))
    db.close()


@click.group()
@click.version_option(__version__, prog_name="newsarchive")
def main() -> None:
    """Crawl Chinese regional news into a clean, searchable SQLite archive."""


@main.command()
@click.option("--db", "db_path", default="archive.db", show_default=True, help="Archive to write.")
@click.option("--log-level", default="WARNING", show_default=True, help="Scrapy log level.")
def demo(db_path: str, log_level: str) -> None:
    """Serve the bundled demo sites on 127.0.0.1 and crawl them all into the archive."""
    from crawler.demo.server import DemoServer

    with DemoServer() as server:
        click.echo(f"demo sites served on {server.proxy_url}: "
                   + ", ".join(s.name for s in load_sites(DEMO_SITES_FILE)))
        settings = project_settings(
            SITES_FILE=DEMO_SITES_FILE,
            SITE_PROXY=server.proxy_url,
            ARCHIVE_PATH=db_path,
            LOG_LEVEL=log_level,
            # a local server answers in milliseconds: no need to start slow
            AUTOTHROTTLE_START_DELAY=0.01,
            CONCURRENT_REQUESTS_PER_DOMAIN=8,
        )
        ids = run_crawl([], settings)
    print_summary(db_path, ids)
    click.echo(f"browse it: datasette {db_path}")


@main.command()
@click.argument("sites", nargs=-1)
@click.option("--db", "db_path", default="archive.db", show_default=True, help="Archive to write.")
@click.option("--sites-file", type=click.Path(exists=True, dir_okay=False),
              help="Sites file (default: the packaged crawler/sites.toml).")
@click.option("--log-level", default="INFO", show_default=True, help="Scrapy log level.")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Any Scrapy setting, as with scrapy crawl -s.")
@click.option("--distributed", is_flag=True,
              help="Start a distributed run instead: queue the sites' start requests in Redis for "
              "`newsarchive worker`s; nothing is fetched here.")
@click.option("--redis-url", envvar="NEWSARCHIVE_REDIS_URL",
              help="With --distributed: the Redis server (default: REDIS_URL).")
def crawl(sites: tuple[str, ...], db_path: str, sites_file: str | None, log_level: str,
          overrides: tuple[str, ...], distributed: bool, redis_url: str | None) -> None:
    """Crawl configured sites (all of them if none is named) into the archive."""
    # -s NAME=VALUE wins over the options, as with scrapy crawl
    given = _parse_set(overrides)
    settings = project_settings(**{"ARCHIVE_PATH": db_path, "SITES_FILE": sites_file,
                                   "LOG_LEVEL": log_level, "REDIS_URL": redis_url, **given})
    if distributed:
        from crawler.distributed_cli import seed_run

        seed_run(site_names(sites, settings), settings)
        return
    if "REDIS_URL" in given:
        raise click.UsageError("newsarchive crawl writes the archive itself; to work on a "
                               "distributed crawl, run newsarchive worker (or crawl --distributed)")
    ids = run_crawl(list(sites), settings)
    print_summary(settings.get("ARCHIVE_PATH"), ids)  # -s ARCHIVE_PATH may have replaced --db


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--url", help="URL the page was served from (used for relative dates and links).")
@click.option("--content-type", help='Content-Type header to assume, e.g. "text/html; charset=gbk".')
@click.option("--explain", is_flag=True, help="Add the decode stage's reasoning to each line.")
def extract(files: tuple[str, ...], url: str | None, content_type: str | None, explain: bool) -> None:
    """Run the crawl's pipeline on saved response bodies; print one JSON object per file."""
    for file in files:
        record: dict[str, object] = {"file": file, "url": url}
        try:
            body = Path(file).read_bytes()
            page = process_page(Page(url=url or Path(file).resolve().as_uri(), body=body,
                                     content_type=content_type))
        except (OSError, PageRejected) as exc:
            record["error"] = str(exc)
        else:
            record.update(
                title=page.title, published=page.published, author=page.author, source=page.source,
                text=page.text, encoding=page.encoding, declared_encodings=page.declared_encodings,
                repairs=dict(page.repairs),
            )
            if explain:
                record["explanation"] = page.decode_explanation + [f"extractor: {page.extractor}"]
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def _highlight(snippet: str, color: bool) -> str:
    if not color:
        return snippet
    parts = snippet.replace("】", "【").split("【")
    return "".join(click.style(p, fg="red", bold=True) if i % 2 else p for i, p in enumerate(parts))


@main.command()
@click.argument("query")
@click.option("--db", "db_path", default="archive.db", show_default=True,
              type=click.Path(exists=True, dir_okay=False), help="Archive to search.")
@click.option("--site", help="Only articles from this site.")
@click.option("--since", metavar="YYYY-MM-DD", help="Only articles published on or after this date.")
@click.option("--limit", default=20, show_default=True, help="How many hits to show.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def search(query: str, db_path: str, site: str | None, since: str | None, limit: int,
           as_json: bool) -> None:
    """Search the archive: exact substrings, Traditional and Simplified as one, newest first."""
    from crawler.search import search as run_search

    db = open_archive(db_path)
    total, hits = run_search(db.conn, query, site=site, since=since, limit=limit)
    db.close()
    if as_json:
        click.echo(json.dumps({"query": query, "total": total, "hits": [h.__dict__ for h in hits]},
                              ensure_ascii=False, indent=2))
        return
    color = sys.stdout.isatty()
    click.echo(f"{total} article{'s' if total != 1 else ''} match {query!r}"
               + (f" (showing {len(hits)}, newest first)" if total > len(hits) else ""))
    for hit in hits:
        click.echo(f"\n{hit.published or '????-??-??'}  {hit.site or ''}  {hit.title or ''}")
        click.echo(f"    {_highlight(hit.snippet, color)}")
        click.echo(f"    {hit.url}")


@main.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--db", "db_path", default="archive.db", show_default=True, help="Archive to write.")
@click.option("--site", default="import", show_default=True, help="Site name to record.")
def import_files(files: tuple[str, ...], db_path: str, site: str) -> None:
    """Archive saved HTML pages and text dumps through the crawl's stages.

    Text dumps (what a naive scraper saved) skip extraction but get every cleaner; the
    Traditional or Simplified script of the source is kept. Each file's URL is its file: URI.
    """
    from crawler.archive import archive_page
    from crawler.page import looks_like_html

    db = open_archive(db_path)
    outcomes: Counter = Counter()
    for file in files:
        path = Path(file).resolve()
        body = path.read_bytes()
        page = Page(url=path.as_uri(), body=body, site=site, is_text_dump=not looks_like_html(body))
        try:
            page = process_page(page)
        except PageRejected as exc:
            outcomes["failed"] += 1
            click.echo(f"failed    {file}: {exc}", err=True)
            continue
        outcome = archive_page(db, page)
        outcomes[outcome] += 1
        repairs = ", ".join(f"{k} {v}" for k, v in page.repairs.most_common()) or "none"
        click.echo(f"{outcome:<10}{file}  {page.title or '(no title)'}  [{page.encoding}; {repairs}]")
    db.close()
    click.echo(", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())) + f" -> {db_path}")


@main.command()
@click.option("--db", "db_path", default="archive.db", show_default=True,
              type=click.Path(exists=True, dir_okay=False), help="Archive to reprocess.")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes (default: one per core).")
@click.option("--rules", "rules_file", type=click.Path(exists=True, dir_okay=False),
              help="Cleaning rules to use instead of the packaged crawler/rules/clean.toml.")
@click.option("--restart", is_flag=True, help="Start from the first article even if the last run "
              "was interrupted (default: continue it).")
def reprocess(db_path: str, workers: int | None, rules_file: str | None, restart: bool) -> None:
    """Re-run decode, extract and clean over the raw responses stored in the archive.

    Changed articles are updated (their earlier text kept in article_versions); nothing is
    fetched. Safe to interrupt: a re-run continues where the last one stopped.
    """
    from crawler.reprocess import RulesMismatch, reprocess_archive

    try:
        acquire_archive_lock(db_path)
    except ArchiveLocked as exc:
        raise click.ClickException(str(exc)) from None
    db = open_archive(db_path)
    bar = None

    def started(summary) -> None:
        nonlocal bar
        if summary.resumed_after:
            click.echo(f"continuing run {summary.run_id} ({summary.pages} pages done before)", err=True)
        click.echo(f"reprocessing {summary.total} pages with {summary.workers} worker"
                   f"{'s' if summary.workers > 1 else ''}", err=True)
        if summary.without_raw:
            click.echo(f"({summary.without_raw} articles have no stored response to reprocess)", err=True)
        if sys.stderr.isatty():  # a bar only where someone watches: a log gets the summary
            bar = click.progressbar(length=summary.total, file=sys.stderr, show_pos=True, show_eta=True)
            bar.__enter__()

    try:
        summary = reprocess_archive(db, db_path, workers=workers, rules_file=rules_file,
                                    restart=restart, progress=lambda n: bar and bar.update(n),
                                    started=started)
    except KeyboardInterrupt:
        if bar is not None:
            bar.__exit__(None, None, None)
        click.echo("\ninterrupted: every stored chunk is kept; run again to continue", err=True)
        sys.exit(130)
    except RulesMismatch as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        db.close()
        release_archive_lock(db_path)
    if bar is not None:
        bar.__exit__(None, None, None)
    continued = f" (run {summary.run_id}, continued)" if summary.resumed_after else ""
    click.echo(f"pages {summary.pages}: changed {summary.changed}, unchanged {summary.unchanged}, "
               f"failed {summary.failed}{continued}")
    if summary.failures:
        click.echo("failures: " + ", ".join(f"{k} {v}" for k, v in summary.failures.most_common()))


@main.command()
@click.option("--db", "db_path", default="archive.db", show_default=True,
              type=click.Path(exists=True, dir_okay=False), help="Archive to read.")
@click.option("--limit", default=20, show_default=True, help="How many runs, newest first.")
def crawls(db_path: str, limit: int) -> None:
    """The recent crawl runs: when, how they ended, what they found and what failed."""
    db = open_archive(db_path)
    rows = list(db.query("select * from crawls order by id desc limit ?", [limit]))
    db.close()
    print_crawl_rows(rows, with_times=True)
    for row in rows:
        failures = json.loads(row["failures"] or "{}")
        if failures:
            reasons = ", ".join(f"{k} {v}" for k, v in failures.items())
            click.echo(f"  run {row['id']} ({row['site']}) failures: {reasons}")


# at the end: distributed_cli imports helpers from this module
from crawler.distributed_cli import archive_writer, worker  # noqa: E402

main.add_command(worker)
main.add_command(archive_writer)
