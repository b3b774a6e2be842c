"""A plain news site of a few hundred pages on 127.0.0.1: list pages and articles."""

from __future__ import annotations

from collections import Counter
from http.server import BaseHTTPRequestHandler

from crawler.demo.render import demo_articles
from crawler.demo.server import LocalServer

PER_LIST = 10


def article_html(n: int) -> bytes:
    source = demo_articles()[n % len(demo_articles())]
    paragraphs = "".join(f"<p>{p}</p>" for p in source.paragraphs)
    title = f"第{n}号：{source.title}"
    return (f"<html><head><meta charset='utf-8'><title>{title} - 测试站</title></head><body>"
            f"<nav><a href='/'>首页</a></nav><article><h1>{title}</h1>"
            f"<p>2020-01-{n % 28 + 1:02d} 来源：测试站</p>{paragraphs}<p>本文编号{n}。</p>"
            f"</article></body></html>").encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        articles = self.server.articles  # type: ignore[attr-defined]
        self.server.hits[self.path] += 1  # type: ignore[attr-defined]
        lists = -(-articles // PER_LIST)
        if self.path == "/robots.txt":
            body, status = b"User-agent: *\nAllow: /\n", 200
        elif self.path == "/":
            body, status = b"<html><body><a href='/list/1.html'>list</a></body></html>", 200
        elif self.path.startswith("/list/"):
            k = int(self.path.split("/")[2].split(".")[0])
            links = "".join(f"<a href='/a/{n}.html'>{n}</a> "
                            for n in range((k - 1) * PER_LIST + 1, min(k * PER_LIST, articles) + 1))
            nxt = f"<a href='/list/{k + 1}.html'>next</a>" if k < lists else ""
            body, status = f"<html><body>{links}{nxt}</body></html>".encode(), 200
        elif self.path.startswith("/a/"):
            body, status = article_html(int(self.path.split("/")[2].split(".")[0])), 200
        else:
            body, status = b"not found", 404
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class BulkSite(LocalServer):
    def __init__(self, articles: int = 300):
        super().__init__(_Handler)
        self.httpd.articles = articles  # type: ignore[attr-defined]
        self.httpd.hits = Counter()  # type: ignore[attr-defined]

    def sites_toml(self, name: str = "bulk") -> str:
        return site_entry(name, f"{self.url}/", r"/a/\d+\.html$", r"/list/\d+\.html$")


def site_entry(name: str, start_url: str, article_pattern: str, list_pattern: str | None = None) -> str:
    """One [[site]] of a sites file, for a test site on 127.0.0.1."""
    lists = f"list_patterns = ['{list_pattern}']\n" if list_pattern else ""
    return (f'[[site]]\nname = "{name}"\nstart_urls = ["{start_url}"]\nallowed_domains = ["127.0.0.1"]\n'
            f"article_patterns = ['{article_pattern}']\n{lists}")

