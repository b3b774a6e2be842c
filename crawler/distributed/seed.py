"""Start a distributed run: the library function under ``newsarchive crawl --distributed``."""

from __future__ import annotations

from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.archive.store import open_archive, validators
from crawler.distributed.shared import connect, publish_validators, site_key


def seed_run(names: list[str], settings: Settings) -> dict[str, int]:
    """Start a distributed run of the sites: copy the archive's validators to Redis (for
    conditional requests), then run each spider's own start() into the shared queue.

    Returns the number of requests queued per site. Raises RedisUnavailable."""
    server = connect(settings.get("REDIS_URL"))
    db_path = settings.get("ARCHIVE_PATH")
    if Path(db_path).exists():
        db = open_archive(db_path)
        for name in names:
            publish_validators(server, name, validators(db, name))
        db.close()
    settings = settings.copy()
    # nothing is fetched or processed here: no pipelines, no stage processes, no JOBDIR
    for name, value in {"DISTRIBUTED_SEED": True, "ITEM_PIPELINES": {}, "STAGE_PROCESSES": 0,
                        "JOBDIR": None}.items():
        settings.set(name, value, priority="cmdline")
    process = CrawlerProcess(settings)
    for name in names:
        process.crawl(name)
    process.start()
    return {name: server.zcard(site_key(name, "requests")) for name in names}
