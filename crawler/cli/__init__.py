"""The ``newsarchive`` command line (also ``python -m crawler``): a click group whose
commands, one module per family, each parse options, call one library function and print."""

from __future__ import annotations

import click

from crawler import __version__
from crawler.cli.archive import reprocess, search
from crawler.cli.crawl import crawl, crawls, demo
from crawler.cli.distributed import archive_writer, worker
from crawler.cli.pages import extract, import_files


@click.group()
@click.version_option(__version__, prog_name="newsarchive")
def main() -> None:
    """Crawl Chinese regional news into a clean, searchable SQLite archive."""


for command in (demo, crawl, crawls, extract, import_files, search, reprocess, worker, archive_writer):
    main.add_command(command)
