"""A local site whose pages a test writes as a function of their path (and query), served on
127.0.0.1 by a real HTTP server; every request is counted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

from crawler.demo.server import LocalServer


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
