"""``scrapy crawl``: Scrapy's command, refusing at once, in one line and with exit code 1,
when another process writes the archive (a refusal from inside the running crawl would be a
traceback and exit code 0)."""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawl

from crawler.archive.lock import ArchiveLocked, release_archive_lock
from crawler.archive.store import claim_archive


class Command(ScrapyCrawl):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        settings = self.settings
        known = self.crawler_process.spider_loader.list() if self.crawler_process else []
        if len(args) == 1 and args[0] not in known:  # Scrapy would end in a KeyError traceback
            print(f"Error: no site named {args[0]!r} in the sites file (SITES_FILE); configured: "
                  f"{', '.join(known)}. The demo sites: NEWSARCHIVE_SITES_FILE=crawler/demo/sites.toml, "
                  "with python -m crawler.demo.server running and -s SITE_PROXY=its address",
                  file=sys.stderr)
            self.exitcode = 1
            return None
        if settings.get("REDIS_URL"):  # a distributed worker: the archive writer writes
            return super().run(args, opts)
        path = settings.get("ARCHIVE_PATH")
        try:
            claim_archive(path, settings.getfloat("ARCHIVE_LOCK_WAIT"))
        except ArchiveLocked as exc:
            print(f"Error: {exc}", file=sys.stderr)
            self.exitcode = 1
            return None
        try:
            return super().run(args, opts)
        finally:
            release_archive_lock(path)
