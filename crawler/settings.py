"""Scrapy settings for newsarchive (``scrapy.cfg`` points here).

Override any of them on the command line: ``scrapy crawl <site> -s ARCHIVE_PATH=other.db``.
"""

import os

BOT_NAME = "newsarchive"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
# scrapy crawl takes the archive's writer lock before it starts (crawler/commands/crawl.py)
COMMANDS_MODULE = "crawler.commands"
# Adds one spider per site in SITES_FILE, so sites need no Python.
SPIDER_LOADER_CLASS = "crawler.spiderloader.SiteSpiderLoader"

# --- newsarchive -------------------------------------------------------------------------
# The sites file (TOML); None: the packaged crawler/sites.toml. The environment variable
# NEWSARCHIVE_SITES_FILE sets it where no command line does (scrapyd lists a deployed
# project's spiders with its default settings).
SITES_FILE = os.environ.get("NEWSARCHIVE_SITES_FILE") or None
# The SQLite archive the crawl writes.
ARCHIVE_PATH = "archive.db"
# Seconds to wait for another writer of the archive to finish; 0: refuse at once (what a
# scheduled crawl wants: the next run catches up).
ARCHIVE_LOCK_WAIT = 0
# An HTTP proxy every request goes through (the demo uses it); None: off.
SITE_PROXY = None
# Cleaning rules (TOML); None: the packaged crawler/rules/clean.toml.
CLEAN_RULES_FILE = None
# Processes for the decode, extract and clean stages (crawler/processes.py), so that a page's
# extraction never holds up Scrapy's reactor; 0: run them in the crawl's own process.
# Default: one per usable core, at most 8 (bench/crawl.py compares them with 0).
STAGE_PROCESSES = min(len(os.sched_getaffinity(0)), 8) if hasattr(os, "sched_getaffinity") else 2
# Seconds a stage may spend on one page in a stage process before the page is given up
# (counted under failures); 0: no limit. With STAGE_PROCESSES = 0 there is none.
STAGE_TIME_LIMIT = 60
# Articles already archived: "conditional" (If-None-Match / If-Modified-Since), "skip", "always".
INCREMENTAL = "conditional"
# A progress line while a crawl runs (crawler/extensions.py): "auto" on a terminal only (a cron
# job stays quiet), "on" also to a file or pipe (a line every PROGRESS_INTERVAL seconds), "off".
PROGRESS = "auto"
PROGRESS_INTERVAL = 1.0

# --- distributed crawls (crawler/distributed/) -------------------------------------------
# A Redis server, e.g. "redis://10.0.0.5:6379/0": set, this crawl is a worker of a distributed
# crawl (shared frontier; pages go to the item stream for `newsarchive archive-writer`).
# The environment variable NEWSARCHIVE_REDIS_URL sets it where no command line does.
REDIS_URL = os.environ.get("NEWSARCHIVE_REDIS_URL") or None
# The Redis stream processed pages go to.
REDIS_ITEMS_KEY = "newsarchive:items"
# A worker silent for this many seconds is gone: its leased requests go back to the queue.
REDIS_WORKER_TTL = 10
# A worker that finds nothing queued waits this many seconds for a run to start, then stops.
REDIS_WAIT_FOR_RUN = 0
# How long workers share one fetch of a host's robots.txt through Redis.
ROBOTS_CACHE_SECONDS = 24 * 3600
# Only queue the sites' start requests and stop (`newsarchive crawl --distributed` sets it).
DISTRIBUTED_SEED = False
ADDONS = {"crawler.addons.DistributedMode": 0, "crawler.addons.ResumableFrontier": 0}

# --- politeness --------------------------------------------------------------------------
USER_AGENT = "newsarchive/0.1 (+https://pypi.org/project/newsarchive/; research archive of regional news)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
RETRY_AFTER_MAX = 120
# Pages beyond this size are not articles; Scrapy aborts them with a logged reason.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
# Links read from one page; past it a page is a link bomb or a sitemap in disguise (counted,
# logged, the page itself still archived).
MAX_LINKS_PER_PAGE = 5000
# An article split over several pages (a pager under its text) is archived whole, its pages
# fetched in turn, up to this many; 1: only the page a link names.
MAX_ARTICLE_PAGES = 20
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

DOWNLOADER_MIDDLEWARES = {
    # Scrapy's retries, honouring Retry-After (capped by RETRY_AFTER_MAX seconds)
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.RetryAfterMiddleware": 550,
    # sees a response before Scrapy's RedirectMiddleware (600) follows it
    "crawler.middlewares.RedirectCheckMiddleware": 610,
    "crawler.middlewares.IncrementalMiddleware": 560,
    # before Scrapy's HttpProxyMiddleware (750), which reads request.meta["proxy"]
    "crawler.middlewares.SiteProxyMiddleware": 740,
    # sees a response once HttpCompressionMiddleware (590) has unzipped it, before
    # MetaRefreshMiddleware (580), the first of Scrapy's middlewares to decode it
    "crawler.middlewares.PageEncodingMiddleware": 585,
}

EXTENSIONS = {
    "crawler.extensions.JobDirCleanup": 500,
    "crawler.extensions.QuietNetworkErrors": 0,
    "crawler.extensions.CrawlProgress": 600,
}

ITEM_PIPELINES = {
    "pipelines.stages.DecodePipeline": 100,
    "pipelines.stages.ExtractPipeline": 200,
    "pipelines.stages.CleanPipeline": 300,
    "pipelines.filter.KeywordFilterPipeline": 400,
    "pipelines.archive.ArchivePipeline": 900,
}

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
