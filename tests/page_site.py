"""A local site whose pages a test writes as a function of their path (and query), served on
127.0.0.1 by a real HTTP server; every request is counted."""

from __future__ import annotations

import subprocess
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from crawler.demo.server import LocalServer
from tests.conftest import newsarchive


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.hits[self.path] += 1  # type: ignore[attr-defined]
        body = self.server.page(self.path)  # type: ignore[attr-defined]
        if body is None:
            self.send_error(404)
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


class PageSite(LocalServer):
    """Serves ``page(path)`` (the request's path and query) with a 200, or a 404 where it is
    None; ``hits`` counts the requests for each path."""

    def __init__(self, page: Callable[[str], str | None]) -> None:
        super().__init__(_Handler)
        self.httpd.page = page  # type: ignore[attr-defined]
        self.httpd.hits = Counter()  # type: ignore[attr-defined]

    @property
    def hits(self) -> Counter:
        return self.httpd.hits  # type: ignore[attr-defined]


def crawl_site(page: Callable[[str], str | None], tmp: Path, name: str, entry: str = "",
               base: dict[str, str] | None = None) -> CrawledSite:
    """``newsarchive crawl`` of the site that ``page`` writes, from an entry with its name and
    start URL (and ``entry``'s further lines); the archive in ``tmp``. ``base["url"]`` is set to
    the site's address once it is served, for pages that write absolute URLs (a sitemap)."""
    db, sites = tmp / "archive.db", tmp / "sites.toml"
    with PageSite(page) as site:
        if base is not None:
            base["url"] = site.url
        toml = f'[[site]]\nname = "{name}"\nstart_urls = ["{site.url}/"]\n{entry}'
        sites.write_text(toml, encoding="utf-8")
        result = newsarchive("crawl", "--db", str(db), "--sites-file", str(sites), "--log-level", "WARNING",
                             "-s", "AUTOTHROTTLE_START_DELAY=0.01", check=False)
        return CrawledSite(db, result, dict(site.hits))


@dataclass
class CrawledSite:
    db: Path
    result: subprocess.CompletedProcess
    hits: dict[str, int]
