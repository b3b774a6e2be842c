"""newsarchive sites and check-sites: what is configured, and whether it can be crawled."""

from __future__ import annotations

import json

from tests.bulk_site import BulkSite, site_entry
from tests.conftest import newsarchive


def test_sites_lists_every_configured_site(tmp_path):
    sites = tmp_path / "sites.toml"
    sites.write_text(site_entry("one", "http://127.0.0.1:9/", r"/a/\d+") + 'keywords = ["扶贫"]\n\n'
                     + site_entry("two", "http://127.0.0.1:9/x/", "/b/", "/l/"), encoding="utf-8")
    text = newsarchive("sites", "--sites-file", str(sites)).stdout
    assert "(2 sites)" in text and "starts at   http://127.0.0.1:9/x/" in text and "keywords    扶贫" in text
    listed = newsarchive("sites", "--sites-file", str(sites), "--json").stdout
    rows = [json.loads(line) for line in listed.splitlines()]
    assert [row["name"] for row in rows] == ["one", "two"]
    assert rows[1]["article_patterns"] == ["/b/"] and rows[1]["list_patterns"] == ["/l/"]


def test_check_sites_shows_which_links_each_pattern_takes(tmp_path):
    with BulkSite(30) as site:
        sites = tmp_path / "sites.toml"
        sites.write_text(site.sites_toml("bulk"), encoding="utf-8")
        result = newsarchive("check-sites", str(sites), check=False)
        start = site.url + "/"
    assert result.returncode == 0, result.stderr
    # the start page links to the first list page only: the list pattern takes it
    assert f"bulk  {start}  (HTTP 200, 1 links)" in result.stdout
    assert f"list page      1  /list/\\d+\\.html$  {site.url}/list/1.html" in result.stdout
    assert "article        0  /a/\\d+\\.html$  (no link on this page)" in result.stdout


def test_check_sites_fails_for_a_site_that_cannot_be_crawled_as_written(tmp_path):
    with BulkSite(30) as site:
        sites = tmp_path / "sites.toml"
        wrong = site_entry("wrong", f"{site.url}/list/1.html", "/news/")
        down = site_entry("down", "http://127.0.0.1:9/", "/a/")
        sites.write_text("\n".join([site.sites_toml("good"), wrong, down]), encoding="utf-8")
        result = newsarchive("check-sites", str(sites), check=False)
        only_good = newsarchive("check-sites", str(sites), "--site", "good", check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    error = result.stderr.strip()
    assert error.startswith("Error: 2 of 3 sites cannot be crawled as written")
    assert len(error.splitlines()) == 1
    assert "wrong: no link of" in error and "down: http://127.0.0.1:9/ could not be fetched" in error
    assert f"no pattern    11  not followed: {site.url}/a/1.html, {site.url}/a/2.html" in result.stdout
    assert only_good.returncode == 0


def test_check_sites_refuses_a_broken_file_in_one_line(tmp_path):
    sites = tmp_path / "sites.toml"
    sites.write_text(site_entry("bad", "http://127.0.0.1:9/", "/a/(") , encoding="utf-8")
    result = newsarchive("check-sites", str(sites), "--no-fetch", check=False)
    assert result.returncode == 1 and "bad regular expression in article_patterns" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
