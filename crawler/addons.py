"""Scrapy add-ons of newsarchive (``ADDONS`` in crawler/settings.py)."""

from __future__ import annotations

from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object

from crawler.distributed.middlewares import SeedingMiddleware, SharedRobotsTxtMiddleware
from crawler.distributed.shared import new_worker_id
from crawler.frontier import LeaseMiddleware
from pipelines.archive import ArchivePipeline
from pipelines.stream import ItemStreamPipeline


class ResumableFrontier:
    """Scrapy add-on: a local crawl (no ``REDIS_URL``) keeps its frontier in
    ``JOBDIR/frontier.sqlite``, committed request by request, so it resumes after any
    interruption, kill -9 included, having lost at most the pages in flight
    (crawler/frontier.py). A ``SCHEDULER`` set on the command line wins."""

    def update_settings(self, settings: BaseSettings) -> None:
        if settings.get("REDIS_URL"):
            return
        settings.set("SCHEDULER", "crawler.frontier.FrontierScheduler", "addon")
        # last: it sees the output that every other spider middleware let through
        settings["SPIDER_MIDDLEWARES"][LeaseMiddleware] = 10


class DistributedMode:
    """Scrapy add-on: with ``REDIS_URL`` set, this crawl is a worker of a distributed crawl.

    ``DISTRIBUTED_SEED``: only queue the spider's start requests and stop (what ``newsarchive
    crawl --distributed`` does to start a run); ``REDIS_WORKER_TTL``: seconds after which a
    silent worker counts as gone.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        if not settings.get("REDIS_URL"):
            return
        settings.set("SCHEDULER", "crawler.distributed.scheduler.SharedScheduler", "addon")
        settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", "addon")
        settings.set("SCHEDULER_QUEUE_CLASS", "scrapy_redis.queue.PriorityQueue", "addon")
        # the frontier is shared: no worker may flush it when it stops
        settings.set("SCHEDULER_PERSIST", True, "addon")
        settings.set("NEWSARCHIVE_WORKER_ID", new_worker_id(), "addon")
        pipelines = settings.getdict("ITEM_PIPELINES")
        if any(load_object(path) is ArchivePipeline for path in pipelines):  # none when seeding
            settings.replace_in_component_priority_dict("ITEM_PIPELINES", ArchivePipeline, ItemStreamPipeline)
        # last: it sees the output that every other spider middleware let through
        settings["SPIDER_MIDDLEWARES"][LeaseMiddleware] = 10
        settings["SPIDER_MIDDLEWARES"][SeedingMiddleware] = 960
        # first: it answers robots.txt requests from Redis before anything else sees them
        settings["DOWNLOADER_MIDDLEWARES"][SharedRobotsTxtMiddleware] = 30
        # a worker's crawl state lives in Redis; a JOBDIR would keep a second, private copy
        settings.set("JOBDIR", None, "addon")
