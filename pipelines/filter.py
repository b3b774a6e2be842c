"""Drop articles that miss their site's keyword filter (``keywords`` in the sites file).

They count as skipped in the run's ``crawls`` row: not archived, on purpose.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.page import Page
from crawler.stats import NO_KEYWORD, skipped


class KeywordFilterPipeline:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> KeywordFilterPipeline:
        return cls(crawler)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        site = getattr(self.crawler.spider, "site", None)
        if isinstance(item, Page) and site is not None and not site.wants(
            f"{item.title or ''}\n{item.text or ''}"
        ):
            self.crawler.stats.inc_value(skipped(NO_KEYWORD))
            raise DropItem(f"{item.url}: none of the site's keywords")
        return item
