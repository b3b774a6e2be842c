"""What a person sees: the stock `datasette` CLI on the demo archive, in headless Chromium (Debian's
chromium and fonts-noto-cjk, which the README's setup installs). Screenshots are kept in
test-artifacts/ for a person to look at."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from tests.conftest import ROOT, stop, wait_until_serving
from tests.redis_server import free_port

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "test-artifacts"
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (see the README's setup)")


def chromium(tmp_path: Path, url: str, *, screenshot: str | None = None) -> str:
    """The page's DOM after it rendered at 1280x800; a screenshot too, if named."""
    args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,800", "--hide-scrollbars"]
    if screenshot:
        ARTIFACTS.mkdir(exist_ok=True)
        subprocess.run([*args, f"--screenshot={ARTIFACTS / screenshot}", url], capture_output=True,
                       timeout=120, check=True)
        assert (ARTIFACTS / screenshot).stat().st_size > 10_000  # a page, not a blank
    return subprocess.run([*args, "--dump-dom", url], capture_output=True, text=True, timeout=120,
                          check=True).stdout


@pytest.fixture()
def served(demo_run):
    db = demo_run[0]
    port = free_port()
    server = subprocess.Popen([str(Path(sys.executable).with_name("datasette")), str(db), "-h", "127.0.0.1",
                               "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/-/plugins.json", server)
        yield f"http://127.0.0.1:{port}", db.stem
    finally:
        stop(server)


def test_search_results_lead_to_a_readable_article(served, tmp_path):
    base, name = served
    dom = chromium(tmp_path, f"{base}/{name}/search?q={urllib.parse.quote('扶贫')}", screenshot="search.png")
    assert "<mark>扶贫</mark>" in dom  # the whole match highlighted, not a half
    assert "<mark>扶</mark>" not in dom and "<mark>贫</mark>" not in dom
    title, link = next((html.unescape(m.group(2)), html.unescape(m.group(1))) for m in re.finditer(
        r'<td class="col-title[^"]*"><a href="([^"]+)">([^<]+)</a>', dom))
    article = chromium(tmp_path, base + link, screenshot="article.png")
    assert re.search(r"<h1>\s*" + re.escape(html.escape(title, quote=False)) + r"\s*</h1>", article)
    assert article.count("<p>") >= 3  # the text in paragraphs


def test_the_table_page_links_each_headline_to_its_article(served, tmp_path):
    base, name = served
    dom = chromium(tmp_path, f"{base}/{name}/articles", screenshot="articles.png")
    assert re.search(r'<td class="col-title[^"]*"><a href="/[^"]+/-/article\?url=', dom)
