"""Spiders. Configured sites get a spider each from ``spiders.site`` (see crawler/sites.toml);
a site that needs custom crawling logic can add its own ``scrapy.Spider`` subclass here."""
