"""The ``newsarchive`` command line (also ``python -m crawler``): a click group whose
commands, one module per family, each parse options, call one library function and print.

An expected failure (``NewsarchiveError``: a locked or unreadable archive, a bad sites file or
setting, an unknown site, no Redis) is one line on stderr and exit code 1; a usage error is
exit code 2 (click's); a crawl in which every request failed is exit code 3.
Commands import the library where they run, so ``--help`` starts in a fraction of a second.
"""

from __future__ import annotations

from typing import Any

import click

from crawler import __version__
from crawler.cli.archive import export, places, reprocess, search, stories
from crawler.cli.crawl import crawl, crawls, demo
from crawler.cli.distributed import archive_writer, worker
from crawler.cli.pages import extract, import_files
from crawler.cli.sites import add_site, check_sites, sites
from crawler.errors import NewsarchiveError


class Commands(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsarchiveError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=Commands)
@click.version_option(__version__, prog_name="newsarchive")
def main() -> None:
    """Crawl Chinese regional news into a clean, searchable SQLite archive."""


for command in (demo, crawl, crawls, sites, check_sites, add_site, extract, import_files, search, export,
                stories, places, reprocess, worker, archive_writer):
    main.add_command(command)
