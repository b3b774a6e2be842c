"""``newsarchive extract`` and ``import``: the crawl's stages over saved pages."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click

from crawler.archive.store import archive_page, open_archive
from crawler.cli.common import counts_line, db_option
from crawler.page import Page, PageRejected, looks_like_html, process_page


@click.command()
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


@click.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@db_option("Archive to write.")
@click.option("--site", default="import", show_default=True, help="Site name to record.")
def import_files(files: tuple[str, ...], db_path: str, site: str) -> None:
    """Archive saved HTML pages and text dumps through the crawl's stages.

    Text dumps (what a naive scraper saved) skip extraction but get every cleaner; the
    Traditional or Simplified script of the source is kept. Each file's URL is its file: URI.
    """
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
        repairs = counts_line(page.repairs) or "none"
        click.echo(f"{outcome:<10}{file}  {page.title or '(no title)'}  [{page.encoding}; {repairs}]")
    db.close()
    click.echo(", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())) + f" -> {db_path}")
