"""Sites are data: a sites file is read, checked, and errors say what is wrong."""

from __future__ import annotations

import pytest

from crawler.sites import SiteConfigError, load_sites, parse_sites


def test_packaged_sites_load():
    names = {s.name for s in load_sites()}
    assert {"hxnews-fuzhou", "hnr-ruzhou", "chinajob-local"} <= names


def test_patterns_and_keywords():
    (site,) = parse_sites({"site": [{
        "name": "x", "start_urls": ["http://x.test/"], "allowed_domains": ["x.test"],
        "article_patterns": [r"/a/\d+\.html$"], "list_patterns": [r"/list/$"], "keywords": ["扶贫"],
    }]})
    assert site.is_article("http://x.test/a/12.html") and not site.is_article("http://x.test/list/")
    assert site.is_list_page("http://x.test/list/")
    assert site.wants("就业扶贫车间") and not site.wants("体育新闻")
    assert site.allows("http://x.test:8080/a/1.html") and site.allows("http://www.x.test/")
    assert not site.allows("http://notx.test/") and not site.allows("http://x.test.evil/")


@pytest.mark.parametrize("entry,message", [
    ({"name": "x"}, "lacks start_urls, allowed_domains, article_patterns"),
    ({"name": "x", "start_urls": ["u"], "allowed_domains": ["d"], "article_patterns": ["("]},
     "bad regular expression"),
    ({"name": "x", "start_urls": ["u"], "allowed_domains": ["d"], "article_patterns": ["a"],
      "start_url": "typo"}, "unknown keys"),
])
def test_config_errors_are_clear(entry, message):
    with pytest.raises(SiteConfigError, match=message):
        parse_sites({"site": [entry]})


def test_missing_file(tmp_path):
    with pytest.raises(SiteConfigError, match="not found"):
        load_sites(tmp_path / "nope.toml")
