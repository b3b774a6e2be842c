"""Pages built to hurt a crawler, for tests/test_hostile.py and bench/hostile.py."""

from __future__ import annotations

import subprocess

PARAGRAPH = "县人社局组织开展就业扶贫专场招聘会，共有六十余家企业参加，提供就业岗位两千余个。"


def article(title: str = "就业扶贫专场招聘会", paragraphs: int = 6, depth: int = 0, extra: str = "") -> str:
    body = "".join(f"<p>第{k}段：{PARAGRAPH}</p>" for k in range(paragraphs)) + extra
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            + "<div>" * depth + f"<article><h1>{title}</h1>{body}</article>" + "</div>" * depth
            + "</body></html>")


def link_bomb(links: int = 600_000) -> bytes:
    """An article page under the size limit that carries 600,000 links (13-17 MB)."""
    anchors = "".join(f"<a href=/a/{n}>{n % 10}</a>" for n in range(links))
    return article(extra=f"<div>{anchors}</div>").encode()


def frame_bomb(tags: int = 150_000) -> bytes:
    """An article whose page carries a frame's document (``srcdoc``) of more tags than a page may
    have: escaped in an attribute, they are not counted as the page's."""
    inner = "&lt;p&gt;框内一行字。&lt;/p&gt;" * tags
    return article(extra=f"<iframe srcdoc=\"{inner}\"></iframe>").encode()


def deep_article(depth: int = 300) -> bytes:
    """An article nested deeper than libxml2 reads by default (255 levels)."""
    return article(depth=depth).encode()


def nested_fields(depth: int = 3000) -> bytes:
    """An article followed by login and comment fields nested ``depth`` deep: each field's box
    is looked for among its ancestors."""
    fields = ("<div class='comment'><textarea></textarea><input type='password'><input>" * depth
              + "</div>" * depth)
    return article(extra=fields).encode()


def huge_text(megabytes: int = 12) -> bytes:
    """One long page of text near the size limit, in 2,000 paragraphs (few tags)."""
    sentences = megabytes * 1024 * 1024 // (3 * len(PARAGRAPH)) // 2000
    paragraphs = "".join(f"<p>{PARAGRAPH * sentences}</p>" for _ in range(2000))
    return article(extra=paragraphs).encode()


def gzip_bomb(megabytes: int = 1024) -> bytes:
    """Gzip that inflates to ``megabytes`` of spaces (about 1 MB on the wire per GB)."""
    import gzip

    return gzip.compress(b"<html><body>" + b" " * (megabytes * 1024 * 1024), 9)


def watch_peak_rss(process: subprocess.Popen) -> dict[str, int]:
    """Wait for ``process``, polling the peak RSS (VmHWM, MB) of it and of its children:
    {"crawl process": MB, "largest child": MB}. Polled every 20 ms: a peak shorter than that
    can be missed, which a bound of hundreds of MB for seconds-long work does not mind."""
    import time
    from pathlib import Path

    peaks: dict[int, int] = {}

    def read(pid: int) -> None:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM"):
                    peaks[pid] = max(peaks.get(pid, 0), int(line.split()[1]) // 1024)
        except OSError:
            pass

    while process.poll() is None:
        children = []
        for task in Path(f"/proc/{process.pid}/task").glob("*"):
            try:
                children += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
        for pid in [process.pid, *children]:
            read(pid)
        time.sleep(0.02)
    own = peaks.pop(process.pid, 0)
    return {"crawl process": own, "largest child": max(peaks.values(), default=0)}


# charset labels that name Python codecs which cannot decode a page
NON_TEXT_LABELS = ("zlib", "base64", "rot13", "hex", "bz2", "idna", "punycode", "undefined")


def densely_corrupted_utf8() -> bytes:
    """A UTF-8 article, header and meta both saying UTF-8, with every 7th byte lost."""
    raw = bytearray(article().encode())
    start = raw.index(b"<article>")
    for position in range(start + 40, len(raw) - 40, 7):
        raw[position] = 0xFF
    return bytes(raw)


class HostileSite:
    """A local site whose front page links to hostile article pages (``pages``: path ->
    (Content-Type, body) or (Content-Type, body, Content-Encoding)), for crawls. Use as a
    context manager: ``with HostileSite(...) as s``."""

    def __init__(self, pages: dict[str, tuple]):
        from http.server import BaseHTTPRequestHandler

        from crawler.demo.server import LocalServer

        links = "".join(f"<a href='{path}'>{path}</a> " for path in pages)
        every = {"/": ("text/html; charset=utf-8", f"<html><body>{links}</body></html>".encode()),
                 "/robots.txt": ("text/plain", b"User-agent: *\nAllow: /\n"), **pages}

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                content_type, body, *encoding = every.get(self.path, ("text/html", b"not found"))
                self.send_response(200 if self.path in every else 404)
                self.send_header("Content-Type", content_type)
                if encoding:
                    self.send_header("Content-Encoding", encoding[0])
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = LocalServer(Handler)

    def __enter__(self) -> HostileSite:
        self.server.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.__exit__(*exc)

    def sites_toml(self, name: str = "hostile") -> str:
        from tests.bulk_site import site_entry

        return site_entry(name, f"{self.server.url}/", r"/a/\w+\.html$")
