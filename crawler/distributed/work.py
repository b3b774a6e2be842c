"""Work on a distributed run: the library function under ``newsarchive worker``."""

from __future__ import annotations

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.distributed.shared import connect
from crawler.stats import SENT, run_stats


def run_worker(names: list[str], settings: Settings) -> list[dict]:
    """Fetch and process the sites' shared requests until no worker has work left; per site,
    how its run ended: site, status, pages, sent, failed. Raises RedisUnavailable."""
    connect(settings.get("REDIS_URL"))
    process = CrawlerProcess(settings)
    crawlers = [process.create_crawler(name) for name in names]
    for crawler in crawlers:
        process.crawl(crawler)
    process.start()
    summary = []
    for crawler in crawlers:
        stats = crawler.stats.get_stats()
        run = run_stats(stats)
        summary.append({"site": crawler.spider.name, "status": stats.get("finish_reason", "?"),
                        "pages": run["pages_fetched"], "sent": stats.get(SENT, 0),
                        "failed": sum(run["failures"].values())})
    return summary
