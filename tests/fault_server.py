"""An HTTP server on 127.0.0.1 that fails in every way a real site does, for crawl tests."""

from __future__ import annotations

import gzip
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler

from crawler.demo.server import LocalServer

GOOD = 5
ARTICLE = ("<html><head><meta charset='utf-8'><title>{title} - 故障站</title></head><body>"
           "<article><h1>{title}</h1>"
           + "<p>县人社局组织开展就业扶贫专场招聘会，共有六十余家企业参加，提供岗位两千余个。</p>" * 5
           + "</article></body></html>")
# every fault the crawl must survive, and the article URL that produces it
FAULTS = {
    "err500": "/err500/1.html",        # 500 with Retry-After, every time
    "flaky503": "/flaky503/1.html",    # 503 with Retry-After once, then the article
    "r429": "/r429/1.html",            # 429, every time
    "slow": "/slow/1.html",            # no answer within the download timeout
    "reset": "/reset/1.html",          # connection closed without an answer
    "truncated": "/truncated/1.html",  # body shorter than its Content-Length
    "loop": "/loop/1.html",            # redirects to itself
    "gone": "/gone/1.html",            # 404 for an article the list links to
    "binary": "/binary/1.html",        # a PNG served as text/html
    "huge": "/huge/1.html",            # larger than DOWNLOAD_MAXSIZE
    "bomb": "/bomb/1.html",            # gzip that inflates far past DOWNLOAD_MAXSIZE
    "private": "/private/1.html",      # disallowed by robots.txt
    "empty": "/empty/1.html",          # 200 with an empty body, every time
    "empty_once": "/empty_once/1.html",  # 200 with an empty body once, then the article
}
MAXSIZE = 200_000
RETRY_AFTER = 2  # seconds the 503 asks for


class FaultHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
              **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(headers.pop("length", len(body))))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        path = self.path
        hits = self.server.hits  # type: ignore[attr-defined]
        hits[path] += 1
        self.server.times.setdefault(path, []).append(time.monotonic())  # type: ignore[attr-defined]
        if path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if path in ("/", "/only-flaky/"):
            links = [f"/good/{n}.html" for n in range(1, GOOD + 1)] + list(FAULTS.values())
            links = [FAULTS["flaky503"]] if path == "/only-flaky/" else links
            body = "".join(f'<a href="{link}">{link}</a><br>' for link in links)
            return self._send(200, f"<html><body>{body}</body></html>".encode())
        recovered = path in (FAULTS["flaky503"], FAULTS["empty_once"]) and hits[path] > 1
        if path.startswith("/good/") or recovered:
            return self._send(200, ARTICLE.format(title=f"好文章{path}").encode())
        if path == FAULTS["flaky503"]:
            return self._send(503, b"busy", Retry_After=str(RETRY_AFTER))
        if path in (FAULTS["empty"], FAULTS["empty_once"]):
            return self._send(200, b"")
        if path == FAULTS["err500"]:
            return self._send(500, b"error", Retry_After="0")
        if path == FAULTS["r429"]:
            return self._send(429, b"slow down", Retry_After="0")
        if path == FAULTS["slow"]:
            time.sleep(3)
            return self._send(200, ARTICLE.format(title="太慢").encode())
        if path == FAULTS["reset"]:
            self.close_connection = True
            self.connection.shutdown(2)
            return None
        if path == FAULTS["truncated"]:
            body = ARTICLE.format(title="截断").encode()
            self.close_connection = True
            return self._send(200, body[: len(body) // 3], length=len(body))
        if path == FAULTS["loop"]:
            return self._send(302, b"", Location=FAULTS["loop"])
        if path == FAULTS["binary"]:
            return self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(4000))
        if path == FAULTS["huge"]:
            return self._send(200, b"<html><body>" + b"x" * (MAXSIZE * 2) + b"</body></html>")
        if path == FAULTS["bomb"]:
            bomb = gzip.compress(b"<html><body>" + b" " * (MAXSIZE * 50), 9)
            return self._send(200, bomb, Content_Encoding="gzip")
        return self._send(404, b"<html><body>404</body></html>")


class FaultServer(LocalServer):
    def __init__(self) -> None:
        super().__init__(FaultHandler)
        self.httpd.hits = Counter()  # type: ignore[attr-defined]
        self.httpd.times = {}  # type: ignore[attr-defined]

    def sites_toml(self, name: str, start_path: str = "/") -> str:
        return f"""[[site]]
name = "{name}"
start_urls = ["{self.url}{start_path}"]
allowed_domains = ["127.0.0.1"]
article_patterns = ['/\\w+/\\d+\\.html$']
"""
        self.httpd.times = {}  # type: ignore[attr-defined]
