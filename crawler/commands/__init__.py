"""Scrapy commands of the project (``COMMANDS_MODULE``): ``scrapy crawl`` as Scrapy's, plus
the archive's writer lock taken before anything starts."""
