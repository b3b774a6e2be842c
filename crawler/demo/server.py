"""Serve the demo sites on 127.0.0.1, as an HTTP server and a forward proxy.

Crawls reach it as a proxy (``SITE_PROXY``): a request line ``GET http://rsj.demo.test/ HTTP/1.1``
names the site, so article URLs stay the same whatever port the server got. A plain request
(``GET /``) picks the site from its Host header, or from ``?site=`` for a browser.

Run it alone with ``python -m crawler.demo.server [--port N]``.
"""

from __future__ import annotations

import argparse
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from crawler.demo.render import SITES, Resource, build_sites

_NOT_FOUND = Resource(404, {"Content-Type": "text/html; charset=utf-8"},
                      "<html><body><h1>404 页面不存在</h1></body></html>".encode())


class DemoHandler(BaseHTTPRequestHandler):
    server_version = "demo-sites/1.0"
    protocol_version = "HTTP/1.1"

    def _resolve(self) -> tuple[str, str]:
        parts = urlsplit(self.path)
        if parts.scheme and parts.netloc:  # proxy form
            host, path = parts.hostname or "", parts.path or "/"
        else:
            host = (self.headers.get("Host") or "").split(":")[0]
            path = parts.path or "/"
        return host, path + (f"?{parts.query}" if parts.query else "")

    def _respond(self, head_only: bool) -> None:
        host, path = self._resolve()
        self.server.requests[(host, path)] += 1  # type: ignore[attr-defined]
        resource = self.server.pages.get((host, path), _NOT_FOUND)  # type: ignore[attr-defined]
        if resource.status == 200 and self._not_modified(resource):
            self.server.not_modified[(host, path)] += 1  # type: ignore[attr-defined]
            self.send_response(304)
            self.send_header("ETag", resource.headers.get("ETag", ""))
            self.end_headers()
            return
        self.send_response(resource.status)
        for name, value in resource.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(resource.body)))
        self.end_headers()
        if not head_only:
            self.wfile.write(resource.body)

    def _not_modified(self, resource: Resource) -> bool:
        """A conditional request for a page that has not changed (ETag first, as RFC 9110)."""
        etag = self.headers.get("If-None-Match")
        if etag is not None:
            return etag == resource.headers.get("ETag")
        since = self.headers.get("If-Modified-Since")
        return since is not None and since == resource.headers.get("Last-Modified")

    def do_GET(self) -> None:  # noqa: N802
        self._respond(head_only=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(head_only=True)

    def log_message(self, format: str, *args: object) -> None:  # quiet: the crawl logs pages
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a crawler that was stopped or killed resets its connections: not news


class LocalServer:
    """An HTTP server on 127.0.0.1 in a background thread, as a context manager. The demo
    sites use it, and so do the tests' fault-injecting and bulk sites."""

    def __init__(self, handler: type[BaseHTTPRequestHandler], host: str = "127.0.0.1", port: int = 0):
        self.httpd = _QuietServer((host, port), handler)
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class DemoServer(LocalServer):
    """The demo sites on 127.0.0.1 in a background thread; ``proxy_url`` is for SITE_PROXY."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        super().__init__(DemoHandler, host, port)
        # a copy: a test may change a page on one server without touching the others
        self.httpd.pages = dict(build_sites())  # type: ignore[attr-defined]
        self.httpd.requests = Counter()  # type: ignore[attr-defined]
        self.httpd.not_modified = Counter()  # type: ignore[attr-defined]

    @property
    def proxy_url(self) -> str:
        return self.url

    @property
    def requests(self) -> Counter:
        """How many times each (host, path) was requested."""
        return self.httpd.requests  # type: ignore[attr-defined]

    @property
    def not_modified(self) -> Counter:
        """How many times each (host, path) was answered 304 Not Modified."""
        return self.httpd.not_modified  # type: ignore[attr-defined]

    @property
    def pages(self) -> dict:
        """(host, path) -> Resource: what this server serves; tests may change it."""
        return self.httpd.pages  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the newsarchive demo sites on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    with DemoServer(port=args.port) as server:
        print(f"demo sites on {server.proxy_url} (use it as an HTTP proxy for):")
        for spec in SITES.values():
            print(f"  http://{spec['host']}/")
        print(f"e.g. curl -x {server.proxy_url} http://{SITES['rsj']['host']}/   (Ctrl-C stops)")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
