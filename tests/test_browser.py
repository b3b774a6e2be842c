"""What a person sees: the stock `datasette` CLI on the demo archive, in headless Chromium (Debian's
chromium and fonts-noto-cjk, which the README's setup installs). Screenshots are kept in
test-artifacts/ for a person to look at."""

from __future__ import annotations

import html
import json
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


# Opens a page of the same server in a 1280x800 frame and writes where its elements landed:
# served beside datasette with its own --static option, so the frame is same-origin.
FOLD_HARNESS = """<!doctype html><html><body style="margin:0">
<iframe id="page" style="border:0;width:1280px;height:800px"></iframe><pre id="boxes">pending</pre>
<script>
const frame = document.getElementById("page"), wanted = new URLSearchParams(location.search);
frame.onload = () => {
  const box = (selector) => {
    const element = frame.contentDocument.querySelector(selector);
    if (!element) return null;
    const rect = element.getBoundingClientRect();
    return {top: rect.top, bottom: rect.bottom};
  };
  const boxes = {fold: frame.contentWindow.innerHeight};
  for (const selector of wanted.getAll("box")) boxes[selector] = box(selector);
  document.getElementById("boxes").textContent = JSON.stringify(boxes);
};
frame.src = wanted.get("page");
</script></body></html>"""


def chromium(tmp_path: Path, url: str, *, screenshot: str | None = None, wait: bool = False) -> str:
    """The page's DOM after it rendered at 1280x800 (after its scripts and frames ran, if
    wait); a screenshot too, if named."""
    args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,800", "--hide-scrollbars",
            # no test reaches a real site: the map's tiles (openstreetmap.org) are not fetched
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
    if screenshot:
        ARTIFACTS.mkdir(exist_ok=True)
        subprocess.run([*args, f"--screenshot={ARTIFACTS / screenshot}", url], capture_output=True,
                       timeout=120, check=True)
        assert (ARTIFACTS / screenshot).stat().st_size > 10_000  # a page, not a blank
    wait_args = ["--virtual-time-budget=20000"] if wait else []
    return subprocess.run([*args, *wait_args, "--dump-dom", url], capture_output=True, text=True, timeout=120,
                          check=True).stdout


@pytest.fixture()
def served(demo_run, tmp_path):
    db = demo_run[0]
    port = free_port()
    harness = tmp_path / "harness"
    harness.mkdir()
    (harness / "fold.html").write_text(FOLD_HARNESS, "utf-8")
    server = subprocess.Popen([str(Path(sys.executable).with_name("datasette")), str(db), "-h", "127.0.0.1",
                               "-p", str(port), "--static", f"harness:{harness}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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


def test_the_table_page_shows_headlines_and_excerpts_above_the_fold(served, tmp_path):
    base, name = served
    dom = chromium(tmp_path, f"{base}/{name}/articles", screenshot="articles.png")
    link = re.search(r'<a class="na-title" href="(/[^"]+/-/article\?url=[^"]+)">', dom).group(1)
    assert "<h1>" in chromium(tmp_path, base + html.unescape(link))  # each headline opens its article
    query = urllib.parse.urlencode({"page": f"/{name}/articles", "box": [".na-title", ".na-excerpt"]},
                                   doseq=True)
    harness = chromium(tmp_path, f"{base}/harness/fold.html?{query}", wait=True)
    boxes = json.loads(html.unescape(re.search(r'<pre id="boxes">([^<]*)</pre>', harness).group(1)))
    fold, title, excerpt = boxes["fold"], boxes[".na-title"], boxes[".na-excerpt"]
    assert fold == 800
    assert 0 < title["top"] < title["bottom"] <= fold  # the first headline, whole
    assert title["bottom"] <= excerpt["top"] and excerpt["top"] + 20 <= fold  # its excerpt begins on screen


def test_the_map_shows_where_the_news_is_about_and_the_province_facet_is_there(served, tmp_path):
    base, name = served
    page = f"{base}/{name}/places_map?province="
    dom = chromium(tmp_path, page, screenshot="places-map.png", wait=True)
    # datasette-cluster-map's markers: a place, or a cluster of places drawn as one
    assert dom.count("leaflet-marker-icon") >= 5
    assert dom.count("leaflet-marker-icon") < 60  # clustered: not one per row of 51 places
    henan = chromium(tmp_path, f"{base}/{name}/places_map?province=河南", wait=True)
    assert 0 < henan.count("leaflet-marker-icon") < dom.count("leaflet-marker-icon")
    table = chromium(tmp_path, f"{base}/{name}/articles")
    assert 'id="facet-provinces"' in table and 'id="facet-cities"' in table
    facet = table.split('id="facet-provinces"')[1].split("</div>")[0]
    assert "浙江省" in facet and "河南省" in facet
