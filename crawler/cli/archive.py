"""``newsarchive search``, ``export``, ``stories`` and ``reprocess``: reading and renewing an
archive."""

from __future__ import annotations

import csv
import json
import signal
import sys
from typing import Any

import click

from crawler.archive.search import highlights
from crawler.cli.common import (
    IsoDate,
    archive_lock,
    counts_line,
    db_option,
    lock_wait_option,
    sites_file_option,
)

# brackets for matches in plain output: the first pair the snippet's own text does not use
_BRACKETS = (("【", "】"), ("⟦", "⟧"), ("[[", "]]"), ("<<<", ">>>"))


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(signum)


def _highlight(marked: str, color: bool) -> str:
    plain, spans = highlights(marked)
    if color:
        style = lambda part: click.style(part, fg="red", bold=True)  # noqa: E731
    else:
        opening, closing = next(((o, c) for o, c in _BRACKETS if o not in plain and c not in plain),
                                _BRACKETS[-1])
        style = lambda part: f"{opening}{part}{closing}"  # noqa: E731
    out, position = [], 0
    for start, end in spans:
        out += [plain[position:start], style(plain[start:end])]
        position = end
    return "".join(out) + plain[position:]


def _hit_json(hit) -> dict:
    plain, spans = highlights(hit.snippet)
    return {**hit.__dict__, "snippet": plain, "highlights": spans}


@click.command()
@click.argument("query")
@db_option("Archive to search.", must_exist=True)
@click.option("--site", help="Only articles from this site.")
@click.option("--since", type=IsoDate(), help="Only articles published on or after this date.")
@click.option("--until", type=IsoDate(), help="Only articles published on or before this date.")
@click.option("--limit", default=20, show_default=True, help="How many hits to show.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def search(query: str, db_path: str, site: str | None, since: str | None, until: str | None, limit: int,
           as_json: bool) -> None:
    """Search the archive: exact substrings, Traditional and Simplified as one, newest first."""
    from crawler.archive.search import search as run_search
    from crawler.archive.store import open_archive

    db = open_archive(db_path)
    try:
        total, hits = run_search(db.conn, query, site=site, since=since, until=until, limit=limit)
    finally:
        db.close()
    if as_json:
        click.echo(json.dumps({"query": query, "total": total, "hits": [_hit_json(h) for h in hits]},
                              ensure_ascii=False, indent=2))
        return
    color = sys.stdout.isatty()
    click.echo(f"{total} article{'s' if total != 1 else ''} match {query!r}"
               + (f" (showing {len(hits)}, newest first)" if total > len(hits) else ""))
    for hit in hits:
        click.echo(f"\n{hit.published or '????-??-??'}  {hit.site or ''}  {hit.title or ''}")
        click.echo(f"    {_highlight(hit.snippet, color)}")
        click.echo(f"    {hit.url}")


@click.command()
@db_option("Archive to reprocess.", must_exist=True)
@click.option("--processes", "--workers", "processes", type=click.IntRange(min=1),
              help="Processes to run the stages in (default: one per core; --workers is the old name).")
@click.option("--rules", "rules_file", type=click.Path(exists=True, dir_okay=False),
              help="Cleaning rules to use instead of the packaged crawler/rules/clean.toml.")
@click.option("--restart", is_flag=True, help="Start from the first article even if the last run "
              "was interrupted (default: continue it).")
@sites_file_option
@lock_wait_option
def reprocess(db_path: str, processes: int | None, rules_file: str | None, restart: bool,
              sites_file: str | None, lock_wait: float) -> None:
    """Re-run decode, extract and clean over the raw responses stored in the archive.

    Changed articles are updated (their earlier text kept in article_versions); nothing is
    fetched. Safe to interrupt: a re-run continues where the last one stopped.
    """
    from crawler.archive.store import open_archive
    from crawler.reprocess import reprocess_archive
    from crawler.sites import load_sites

    # each site's home region, which settles the place names its articles leave open
    regions = {site.name: site.region for site in load_sites(sites_file) if site.region}
    bar = None

    def started(summary) -> None:
        nonlocal bar
        if summary.resumed_after:
            click.echo(f"continuing run {summary.run_id} ({summary.pages} pages done before)", err=True)
        click.echo(f"reprocessing {summary.total} pages with {summary.processes} process"
                   f"{'es' if summary.processes > 1 else ''}", err=True)
        if summary.without_raw:
            click.echo(f"({summary.without_raw} articles have no stored response to reprocess)", err=True)
        if sys.stderr.isatty():  # a bar only where someone watches: a log gets the summary
            bar = click.progressbar(length=summary.total, file=sys.stderr, show_pos=True, show_eta=True)
            bar.__enter__()

    # systemd's stop and kill's default: stop as Ctrl-C does, with the run marked interrupted
    signal.signal(signal.SIGTERM, _interrupt)
    with archive_lock(db_path, lock_wait):
        db = open_archive(db_path)
        try:
            summary = reprocess_archive(db, db_path, processes=processes, rules_file=rules_file,
                                        restart=restart, progress=lambda n: bar and bar.update(n),
                                        started=started, regions=regions)
        except KeyboardInterrupt as exc:
            if bar is not None:
                bar.__exit__(None, None, None)
            click.echo("\ninterrupted: every stored chunk is kept; run again to continue", err=True)
            sys.exit(128 + (exc.args[0] if exc.args else signal.SIGINT))
        finally:
            db.close()
    if bar is not None:
        bar.__exit__(None, None, None)
    continued = f" (run {summary.run_id}, continued)" if summary.resumed_after else ""
    click.echo(f"pages {summary.pages}: changed {summary.changed}, unchanged {summary.unchanged}, "
               f"failed {summary.failed}{continued}")
    if summary.failures:
        click.echo("failures: " + counts_line(summary.failures))
    if summary.stories_given:
        click.echo(f"stories given to {summary.stories_given} articles archived before stories were")


@click.command()
@db_option("Archive to export.", must_exist=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True,
              help="JSON Lines (one article a line) or CSV with a header row.")
@click.option("--query", "-q", help="Only articles that contain every word of it (as search does).")
@click.option("--site", help="Only articles from this site.")
@click.option("--since", type=IsoDate(), help="Only articles published on or after this date.")
@click.option("--until", type=IsoDate(), help="Only articles published on or before this date.")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="File to write (default: standard output).")
def export(db_path: str, fmt: str, query: str | None, site: str | None, since: str | None,
           until: str | None, output: Any) -> None:
    """Export articles with their full text and metadata, newest first, for pandas or R
    (pandas.read_json(path, lines=True), readr::read_csv). Streams: any archive size."""
    from crawler.archive.search import EXPORT_COLUMNS, export_articles
    from crawler.archive.store import open_archive

    db = open_archive(db_path)
    count = 0
    try:
        if fmt == "csv":
            writer = csv.DictWriter(output, fieldnames=EXPORT_COLUMNS)
            writer.writeheader()
            write = writer.writerow
        else:
            write = lambda article: output.write(json.dumps(article, ensure_ascii=False) + "\n")  # noqa: E731
        for article in export_articles(db.conn, query, site, since, until):
            write(article)
            count += 1
    finally:
        db.close()
    click.echo(f"{count} article{'s' if count != 1 else ''} exported", err=True)


@click.command()
@db_option("Archive to read.", must_exist=True)
@click.option("--min-sites", default=2, show_default=True, type=click.IntRange(min=1),
              help="Only stories that at least this many sites carried.")
@click.option("--since", type=IsoDate(), help="Only stories first published on or after this date.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1), help="How many stories.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per story, with its copies.")
def stories(db_path: str, min_sites: int, since: str | None, limit: int, as_json: bool) -> None:
    """Stories carried by several sites (syndicated copies: new headlines, trimmed, in
    Traditional or Simplified), the widest first: where and when each first appeared, and
    who carried it."""
    from crawler.archive.store import open_archive
    from crawler.archive.stories import story_copies, top_stories

    db = open_archive(db_path)
    try:
        found = top_stories(db.conn, min_sites=min_sites, since=since, limit=limit)
        unassigned = db.execute("select count(*) from articles where story is null").fetchone()[0]
        for story in found:
            others = story_copies(db.conn, story["first_url"])
            if as_json:
                click.echo(json.dumps({**story, "other_copies": others}, ensure_ascii=False))
                continue
            click.echo(f"{story['sites']} sites, {story['copies']} copies  "
                       f"{story['first_published'] or '?'}  {story['title'] or '(no title)'}")
            click.echo(f"  first: {story['first_url']}")
            for copy in others:
                click.echo(f"  {copy['published'] or '?':<10}  {copy['site']:<16}  "
                           f"{copy['title'] or copy['url']}")
    finally:
        db.close()
    if not as_json:
        click.echo(f"{len(found)} stories carried by {min_sites} or more sites"
                   + (f" since {since}" if since else ""), err=True)
    if unassigned:
        click.echo(f"{unassigned} articles have no story yet (archived before stories were): "
                   f"newsarchive reprocess --db {db_path} assigns them", err=True)


@click.command()
@db_option("Archive to read.", must_exist=True)
@click.option("--province", help="Only places in this province: its name, its start (福建), or its code.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1), help="How many places.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per place.")
def places(db_path: str, province: str | None, limit: int, as_json: bool) -> None:
    """Places the archived news is about: each administrative division by how many articles
    are about it (headline, lede, or named often), then how many name it."""
    from crawler.archive.places import province_codes, top_places
    from crawler.archive.store import open_archive

    db = open_archive(db_path)
    try:
        if province and not province_codes(db.conn, province):
            raise click.ClickException(f"no province is called {province!r} (try its name: 福建省, or 福建)")
        found = top_places(db.conn, province=province, limit=limit)
        unplaced = db.execute("select count(*) from articles where provinces is null").fetchone()[0]
    finally:
        db.close()
    for place in found:
        if as_json:
            click.echo(json.dumps(place, ensure_ascii=False))
        else:
            click.echo(f"{place['about']:>6} about {place['mentions']:>6} name  {place['code']}  "
                       f"{place['name']} ({place['level']}, {place['province']})")
    if not as_json:
        click.echo(f"{len(found)} places" + (f" in {province}" if province else ""), err=True)
    if unplaced:
        click.echo(f"{unplaced} articles have no places yet (archived before places were): "
                   f"newsarchive reprocess --db {db_path} finds them", err=True)
