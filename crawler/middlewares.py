"""Downloader middlewares."""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


class SiteProxyMiddleware:
    """Send every request through the HTTP proxy in ``SITE_PROXY`` (unset: disabled).

    The bundled demo sites use it: their stable ``http://<site>.demo.test/`` URLs all reach
    the local demo server, whatever port it got, so archived URLs do not depend on the port.
    """

    def __init__(self, proxy: str):
        self.proxy = proxy

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteProxyMiddleware:
        proxy = crawler.settings.get("SITE_PROXY")
        if not proxy:
            raise NotConfigured
        return cls(proxy)

    def process_request(self, request: Request, spider: Any = None) -> None:
        request.meta.setdefault("proxy", self.proxy)
