"""``newsarchive extract`` and ``import``: the crawl's stages over saved pages."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

from crawler.cli.common import archive_lock, counts_line, db_option, lock_wait_option


def read_page(path: Path, url: str | None = None, content_type: str | None = None,
              site: str | None = None, link_text: str | None = None) -> Any:
    """A saved file as the crawl would have fetched it: an HTML page, or a plain-text dump (what
    a naive scraper saved), which skips extraction. ``extract`` and ``import`` read files the
    same way, so they accept and reject the same files."""
    from crawler.page import Page, looks_like_html

    body = path.read_bytes()
    return Page(url=url or path.resolve().as_uri(), body=body, site=site, content_type=content_type,
                link_text=link_text, is_text_dump=not looks_like_html(body))


def _process(path: Path, url: str | None, content_type: str | None,
             site: str | None, link_text: str | None = None) -> tuple[Any, str | None]:
    """(page, None), or (the page as far as it got or None, why it could not be processed):
    the reason, never a traceback."""
    from crawler.page import PageRejected, process_page

    try:
        page = read_page(path, url, content_type, site, link_text)
    except OSError as exc:
        return None, str(exc)
    try:
        return process_page(page), None
    except PageRejected as exc:
        return page, str(exc)  # the stages fill the page in place: what it got to is there
    except Exception as exc:  # a parser choking on a hostile file: the files after it go on
        return page, f"{type(exc).__name__}: {exc}"


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--url", help="URL the page was served from (used for relative dates and links).")
@click.option("--content-type", help='Content-Type header to assume, e.g. "text/html; charset=gbk".')
@click.option("--link-text", help="Words of the link that led to the page, as a crawl passes them "
              "(the headline where the <title> names only the site).")
@click.option("--explain", is_flag=True, help="Add why: how the bytes were decoded, which extractor's "
              "text was taken and where the date came from, what cleaning removed.")
def extract(files: tuple[str, ...], url: str | None, content_type: str | None, link_text: str | None,
            explain: bool) -> None:
    """Run the crawl's pipeline on saved response bodies (HTML pages or plain-text dumps);
    print one JSON object per file. Exits 1 if any file could not be processed."""
    failed = 0
    for file in files:
        record: dict[str, object] = {"file": file, "url": url}
        page, error = _process(Path(file), url, content_type, None, link_text)
        if error:
            failed += 1
            record["error"] = error
            if page is not None and page.encoding:  # decoded, then rejected: how it was read
                record.update(encoding=page.encoding, declared_encodings=page.declared_encodings)
        else:
            record.update(
                title=page.title, published=page.published, author=page.author, source=page.source,
                text=page.text, encoding=page.encoding, declared_encodings=page.declared_encodings,
                repairs=dict(page.repairs),
            )
        if explain and page is not None:
            record["explanation"] = {"decode": page.decode_explanation,
                                     "extract": page.extract_explanation or [f"extractor: {page.extractor}"],
                                     "clean": dict(page.repairs)}
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if failed:
        sys.exit(1)


@click.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@db_option("Archive to write.")
@click.option("--site", default="import", show_default=True, help="Site name to record.")
@lock_wait_option
def import_files(files: tuple[str, ...], db_path: str, site: str, lock_wait: float) -> None:
    """Archive saved HTML pages and text dumps through the crawl's stages.

    Text dumps (what a naive scraper saved) skip extraction but get every cleaner; the
    Traditional or Simplified script of the source is kept. Each file's URL is its file: URI.
    Exits 1 if any file could not be archived.
    """
    from crawler.archive.store import open_archive

    outcomes: Counter = Counter()
    with archive_lock(db_path, lock_wait):
        db = open_archive(db_path)
        try:
            for file in files:
                outcome = _import_one(db, Path(file), site)
                outcomes["failed" if outcome is None else outcome] += 1
        finally:
            db.close()
    click.echo(", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())) + f" -> {db_path}")
    if outcomes["failed"]:
        sys.exit(1)


def _import_one(db: Any, path: Path, site: str) -> str | None:
    """Archive one file; its outcome (new, updated, unchanged), or None with the reason told."""
    from crawler.archive.store import archive_page

    page, error = _process(path, None, None, site)
    if error is None:
        try:
            outcome = archive_page(db, page)
        except sqlite3.Error as exc:
            error = f"archive write failed: {exc}"
    if error:
        click.echo(f"failed    {path}: {error}", err=True)
        return None
    repairs = counts_line(page.repairs) or "none"
    click.echo(f"{outcome:<10}{path}  {page.title or '(no title)'}  [{page.encoding}; {repairs}]")
    return outcome
