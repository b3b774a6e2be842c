"""Crawl configured sites into the archive: the library function under ``newsarchive crawl``.

``run_crawl`` raises errors of its own (``UnknownSites``, ``SiteConfigError``,
``ArchiveLocked``) and prints nothing; the command line turns them into messages.
"""

from __future__ import annotations

from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.archive.lock import release_archive_lock
from crawler.archive.store import claim_archive, crawl_ids_after, last_crawl_id, open_archive
from crawler.sites import load_sites


class UnknownSites(ValueError):
    """Sites were named that the sites file does not configure."""


def project_settings(**overrides: object) -> Settings:
    """crawler/settings.py with overrides (None: not given), wherever the process runs from."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for name, value in overrides.items():
        if value is not None:
            settings.set(name, value, priority="cmdline")
    return settings


def jobdir_for(db_path: str, site: str) -> Path:
    """Where a site's crawl state (Scrapy's JOBDIR) is kept: beside the archive."""
    return Path(f"{db_path}.jobs") / site


def site_names(sites: list[str] | tuple[str, ...], settings: Settings) -> list[str]:
    """The named sites (every configured one if none is named), checked against the sites
    file. Raises SiteConfigError or UnknownSites."""
    configured = [s.name for s in load_sites(settings.get("SITES_FILE"))]
    unknown = sorted(set(sites) - set(configured))
    if unknown:
        raise UnknownSites(f"unknown site(s): {', '.join(unknown)}; configured: {', '.join(configured)}")
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
    # refuse (or wait) now, with a clear message, not mid-start; runs a kill left 'running'
    # are marked so, and their frontiers (crawler/frontier.py) resume them
    claim_archive(db_path, settings.getfloat("ARCHIVE_LOCK_WAIT"))
    try:
        db = open_archive(db_path)
        before = last_crawl_id(db)
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
    ids = crawl_ids_after(db, before)
    db.close()
    return ids
