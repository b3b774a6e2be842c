"""newsarchive: crawl Chinese regional news, repair and clean it, archive it in SQLite.

The logic lives here as plain functions over bytes and text (``decode``, ``extract``,
``clean``, ``archive``); ``spiders/`` and ``pipelines/`` are thin Scrapy adapters over them.
"""

__version__ = "0.1.0"
