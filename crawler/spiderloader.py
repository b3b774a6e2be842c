"""A Scrapy spider loader that adds one spider per configured site.

Scrapy finds spiders by importing ``SPIDER_MODULES``; our sites live in a TOML file, so this
loader also builds a spider class for every site in ``SITES_FILE``. ``scrapy list`` and
``scrapy crawl <site>`` then work for sites that have no Python of their own.
"""

from __future__ import annotations

import sys

from scrapy.settings import BaseSettings
from scrapy.spiderloader import SpiderLoader

from crawler.compat import register_spider
from crawler.sites import SiteConfigError, load_sites
from spiders.site import spider_for_site


class SiteSpiderLoader(SpiderLoader):
    def __init__(self, settings: BaseSettings):
        super().__init__(settings)
        try:
            sites = load_sites(settings.get("SITES_FILE"))
        except SiteConfigError as exc:  # scrapy list / crawl: one line, not a traceback
            print(f"Error: {exc}", file=sys.stderr)
            raise SystemExit(1) from None
        for site in sites:
            if site.name in self.list():
                raise ValueError(f"site {site.name!r} clashes with a spider of the same name")
            register_spider(self, site.name, spider_for_site(site))
