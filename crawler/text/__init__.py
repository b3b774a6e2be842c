"""Pure functions over bytes and text: no Scrapy, no SQLite, no network."""
