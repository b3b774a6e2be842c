"""Crawl configured sites into the archive: the library function under ``newsarchive crawl``.

``run_crawl`` raises errors of its own (``UnknownSites``, ``SiteConfigError``,
``ArchiveLocked``) and prints nothing; the command line turns them into messages.
"""

from __future__ import annotations

from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import SETTINGS_PRIORITIES, Settings

from crawler.archive.lock import release_archive_lock
from crawler.archive.store import claim_archive, crawl_ids_after, last_crawl_id, open_archive
from crawler.errors import NewsarchiveError
from crawler.sites import Site, UnknownSites, load_sites


def project_settings(**overrides: object) -> Settings:
    """crawler/settings.py with overrides (None: not given), wherever the process runs from."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for name, value in overrides.items():
        if value is not None:
            settings.set(name, value, priority="cmdline")
    return settings


class BadSetting(NewsarchiveError):
    """A setting whose value its reader cannot use (a word where a number belongs)."""


# settings that take one of a few words
CHOICES = {"INCREMENTAL": ("conditional", "skip", "always"), "PROGRESS": ("auto", "on", "off")}
_TRUE_FALSE = {"true", "false", "1", "0", "yes", "no", "on", "off"}


def check_settings(settings: Settings, sites: list[Site]) -> None:
    """Every setting given on the command line or in a site's ``settings`` must read as its
    default does (a number as a number, a flag as a flag, a choice among its choices), or
    BadSetting says which. Scrapy would find out mid-start, with a traceback and no run."""
    defaults = project_settings()
    given = [("-s", {name: settings[name] for name in settings
                     if (settings.getpriority(name) or 0) >= SETTINGS_PRIORITIES["cmdline"]})]
    given += [(f"site {site.name!r}", site.settings) for site in sites]
    for source, values in given:
        for name, value in values.items():
            if problem := _problem(name, value, defaults.get(name)):
                raise BadSetting(f"{source}: {name}={value!r}: {problem}")


def _problem(name: str, value: object, default: object) -> str | None:
    if value is None:
        return None
    if name in CHOICES:
        return None if value in CHOICES[name] else f"must be one of {', '.join(CHOICES[name])}"
    try:
        if isinstance(default, bool):
            if isinstance(value, bool) or str(value).lower() in _TRUE_FALSE:
                return None
            return "must be True or False"
        if isinstance(default, int | float):  # Scrapy reads some int defaults as floats
            float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return f"must be a number (default {default})"
    return None


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
    check_settings(settings, [s for s in load_sites(settings.get("SITES_FILE")) if s.name in names])
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
