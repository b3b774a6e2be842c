"""Hostile pages cost bounded memory and time, and each gets a clear, counted reason; none
crashes a crawl, `extract` or `import`, nor floods the log."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from crawler.page import Page, PageRejected, process_page
from crawler.text.decode import decode_html
from tests.conftest import ROOT, newsarchive, newsarchive_command, rows
from tests.hostile_pages import (
    NON_TEXT_LABELS,
    PARAGRAPH,
    HostileSite,
    article,
    deep_article,
    densely_corrupted_utf8,
    frame_bomb,
    link_bomb,
    nested_fields,
    watch_peak_rss,
)

PEAK_MB = 300  # the bound on any process's memory for any one page

GBK_ARTICLE = article().replace("charset='utf-8'", "charset='{label}'")


@pytest.mark.parametrize("label", NON_TEXT_LABELS)
def test_a_charset_label_that_is_no_text_codec_is_decoded_by_the_evidence(label):
    body = GBK_ARTICLE.format(label=label).encode("gbk")
    decoded = decode_html(body, f"text/html; charset={label}")
    assert decoded.encoding == "gb18030"
    assert "就业扶贫专场招聘会" in decoded.text
    assert any(f"={label}: unknown" in line for line in decoded.explanation)


def test_extract_goes_on_past_such_pages(tmp_path):
    files = []
    for label in NON_TEXT_LABELS:
        path = tmp_path / f"{label}.html"
        path.write_bytes(GBK_ARTICLE.format(label=label).encode("gbk"))
        files.append(str(path))
    result = newsarchive("extract", *files, "--content-type", "text/html; charset=zlib")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == len(files) and all("error" not in r for r in records)
    assert all(r["title"] == "就业扶贫专场招聘会" for r in records)


def test_an_article_above_fields_nested_3000_deep_is_extracted():
    page = process_page(Page(url="http://x.test/a/1.html", body=nested_fields(3000)))
    assert page.text.count("就业扶贫专场招聘会") == 6


def test_a_frames_document_past_the_tag_limit_is_not_read_in():
    page = process_page(Page(url="http://hostile.test/a.html", body=frame_bomb()))
    assert page.text.split("\n")[0].endswith(PARAGRAPH) and "框内一行字" not in page.text


def test_an_article_nested_300_deep_is_extracted():
    page = process_page(Page(url="http://x.test/a/1.html", body=deep_article(300)))
    assert page.title == "就业扶贫专场招聘会"
    assert page.text.count("就业扶贫专场招聘会") == 6


def test_densely_corrupted_utf8_that_both_declarations_name_stays_utf8():
    decoded = decode_html(densely_corrupted_utf8(), "text/html; charset=utf-8")
    assert decoded.encoding == "utf-8"
    assert "就业扶贫专场招聘会" in decoded.text  # the title, before the damage, reads
    assert decoded.repairs["undecodable_bytes"] > 100


def _peak_rss_mb(code: str) -> tuple[float, str]:
    """Run ``code`` in a fresh Python; its output and its peak RSS. The peak is the process's
    own (``VmHWM``): ``ru_maxrss`` survives exec, and held the test runner's own size, which
    grows with the tests run before this one."""
    probe = code + ("\nprint(next(line.split()[1] for line in open('/proc/self/status')"
                    " if line.startswith('VmHWM')))\n")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                            timeout=300, check=True)
    *output, peak_kb = result.stdout.strip().splitlines()
    return float(peak_kb) / 1024, "\n".join(output) + result.stderr[-2000:]


def test_a_link_bomb_is_rejected_within_the_memory_bound():
    code = ("from tests.hostile_pages import link_bomb\n"
            "from crawler.page import Page, PageRejected, process_page\n"
            "try:\n    process_page(Page(url='http://x.test/a/1.html', body=link_bomb()))\n"
            "except PageRejected as exc:\n    print('rejected:', exc)\n")
    peak, output = _peak_rss_mb(code)
    assert "rejected: page too large" in output
    assert peak <= PEAK_MB, f"{peak:.0f} MB"


def test_a_crawl_of_hostile_pages_stays_bounded_and_says_why(tmp_path):
    pages = {
        "/a/bomb.html": ("text/html; charset=utf-8", link_bomb()),
        "/a/zlib.html": ("text/html; charset=zlib", GBK_ARTICLE.format(label="base64").encode("gbk")),
        "/a/deep.html": ("text/html; charset=utf-8", deep_article(300)),
        "/a/good.html": ("text/html; charset=utf-8", article("好文章").encode()),
    }
    with HostileSite(pages) as site:
        sites = tmp_path / "sites.toml"
        sites.write_text(site.sites_toml(), encoding="utf-8")
        db = tmp_path / "archive.db"
        log = tmp_path / "crawl.log"
        command = newsarchive_command("crawl", "hostile", "--db", str(db), "--sites-file", str(sites),
                                      "--log-level", "INFO", "-s", "STAGE_PROCESSES=1",
                                      "-s", "AUTOTHROTTLE_ENABLED=False")
        with log.open("w") as sink:
            crawl = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=sink)
            peaks = watch_peak_rss(crawl)
        output = log.read_text()
    print(peaks)
    (run,) = rows(db, "select * from crawls")
    failures = json.loads(run["failures"])
    assert failures == {"page too large": 1, "links over MAX_LINKS_PER_PAGE": 1}
    archived = {r["url"].rsplit("/", 1)[1]: r for r in rows(db, "select url, title from articles")}
    assert sorted(archived) == ["deep.html", "good.html", "zlib.html"]
    assert max(peaks.values()) <= PEAK_MB, peaks
    assert "Traceback" not in output


def test_a_dropped_page_is_logged_by_its_url_not_its_body(tmp_path):
    pages = {"/a/empty.html": ("text/html; charset=utf-8", b"<html><body>" + b"<div></div>" * 200_000
                               + b"</body></html>")}
    with HostileSite(pages) as site:
        sites = tmp_path / "sites.toml"
        sites.write_text(site.sites_toml(), encoding="utf-8")
        result = newsarchive("crawl", "hostile", "--db", str(tmp_path / "a.db"), "--sites-file", str(sites),
                             "--log-level", "DEBUG", "-s", "STAGE_PROCESSES=0")
    assert "/a/empty.html" in result.stderr and "page too large" in result.stderr
    assert max(len(line) for line in result.stderr.splitlines()) < 1024


def test_page_rejected_keeps_its_reason_across_processes():
    import pickle

    exc = pickle.loads(pickle.dumps(PageRejected("undecodable", "PNG image served as text")))
    assert (exc.reason, exc.detail, str(exc)) == ("undecodable", "PNG image served as text",
                                                  "undecodable: PNG image served as text")


def test_redirects_off_the_site_and_over_long_links_are_counted(tmp_path):
    from http.server import BaseHTTPRequestHandler

    from crawler.demo.server import LocalServer

    other = LocalServer(BaseHTTPRequestHandler)  # another server on the same host

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            port = self.server.server_address[1]
            moves = {"/a/host.html": f"http://localhost:{port}/a/x.html",
                     "/a/port.html": f"http://127.0.0.1:{other.port}/a/x.html"}
            if self.path in moves:
                self.send_response(302)
                self.send_header("Location", moves[self.path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            links = "".join(f"<a href='{p}'>x</a>" for p in [*moves, "/a/good.html", f"/a/{'x' * 3000}.html"])
            body = (f"<html><body>{links}</body></html>" if self.path == "/" else article()).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    with other, LocalServer(Handler) as site:
        sites = tmp_path / "sites.toml"
        sites.write_text(f"""[[site]]
name = "moves"
start_urls = ["{site.url}/"]
allowed_domains = ["127.0.0.1"]
article_patterns = ['/a/\\w+\\.html$']
""", encoding="utf-8")
        result = newsarchive("crawl", "moves", "--db", str(tmp_path / "a.db"), "--sites-file", str(sites),
                             "--log-level", "INFO", "-s", "STAGE_PROCESSES=0")
    (run,) = rows(tmp_path / "a.db", "select * from crawls")
    assert json.loads(run["failures"]) == {"offsite redirect": 2, "URL over URLLENGTH_LIMIT": 1}
    assert run["articles_new"] == 1
    assert max(len(line) for line in result.stderr.splitlines()) < 1024


def test_the_stage_time_limit_is_not_swallowed_by_a_parsers_except_exception():
    import time

    from crawler.processes import _TimeUp, time_limit

    started = time.monotonic()
    with pytest.raises(_TimeUp):
        with time_limit(0.2):
            while time.monotonic() - started < 5:
                try:  # what trafilatura and our extractors do around their parsers
                    time.sleep(0.01)
                except Exception:
                    pass
    assert time.monotonic() - started < 1


def test_a_gzipped_page_whose_meta_names_a_non_text_codec_is_archived(tmp_path):
    import gzip

    body = gzip.compress(GBK_ARTICLE.format(label="zlib").encode("gbk"))
    with HostileSite({"/a/gz.html": ("text/html", body, "gzip")}) as site:
        sites = tmp_path / "sites.toml"
        sites.write_text(site.sites_toml(), encoding="utf-8")
        newsarchive("crawl", "hostile", "--db", str(tmp_path / "a.db"), "--sites-file", str(sites),
                    "--log-level", "WARNING", "-s", "STAGE_PROCESSES=0")
    (run,) = rows(tmp_path / "a.db", "select * from crawls")
    assert (run["articles_new"], run["failed"]) == (1, 0), run["failures"]
