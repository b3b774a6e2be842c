"""Sites are data: a sites file is read, checked, and errors say what is wrong."""

from __future__ import annotations

import pytest

from crawler.sites import (
    ARTICLE,
    LIST_PAGE,
    NO_PATTERN,
    NOT_A_PAGE,
    OFFSITE,
    SiteConfigError,
    load_sites,
    parse_sites,
    sample_links,
)


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
    assert not site.allows("http://x.test:8080/a/1.html") and site.allows("http://www.x.test/")
    assert not site.allows("http://notx.test/") and not site.allows("http://x.test.evil/")


@pytest.mark.parametrize("entry,message", [
    ({"name": "x"}, "lacks start_urls"),
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


def test_an_allowed_domain_means_its_host_and_the_ports_the_site_uses():
    (site,) = parse_sites({"site": [{
        "name": "x", "start_urls": ["http://127.0.0.1:8080/"], "article_patterns": ["a"],
        "allowed_domains": ["127.0.0.1", "rsj.example.gov.cn:8443"]}]})
    assert site.allows("http://127.0.0.1:8080/a/1.html")  # the start URL's port
    assert site.allows("http://127.0.0.1/a/1.html")  # the default port
    assert not site.allows("http://127.0.0.1:9000/a/1.html")  # another server on the host
    assert site.allows("https://www.rsj.example.gov.cn:8443/")  # the given port, a subdomain
    assert not site.allows("https://rsj.example.gov.cn/")  # not the given port
    assert not site.allows("http://localhost:8080/")
    assert site.hosts == ["127.0.0.1", "rsj.example.gov.cn"]


def test_an_allowed_domain_with_a_scheme_is_an_error():
    with pytest.raises(SiteConfigError, match="host or host:port"):
        parse_sites({"site": [{"name": "x", "start_urls": ["http://a.cn/"], "article_patterns": ["a"],
                               "allowed_domains": ["http://a.cn/"]}]})


def _site(**overrides):
    raw = {"name": "s", "start_urls": ["http://s.test/"], "allowed_domains": ["s.test"],
           "article_patterns": [r"/a/\d+\.html$"], "list_patterns": [r"/list/"], **overrides}
    return parse_sites({"site": [raw]})[0]


def test_a_link_is_sorted_as_a_crawl_of_its_site_treats_it():
    site = _site()
    assert site.link_kind("http://s.test/a/1.html") == (ARTICLE, r"/a/\d+\.html$")
    assert site.link_kind("http://s.test/list/2.html") == (LIST_PAGE, "/list/")
    assert site.link_kind("http://www.s.test/about.html") == (NO_PATTERN, None)
    assert site.link_kind("http://s.test/list/report.pdf") == (NOT_A_PAGE, None)  # a file, whatever matches
    assert site.link_kind("http://s.test:8080/a/1.html") == (OFFSITE, None)  # another server
    assert site.link_kind("http://other.test/a/1.html") == (OFFSITE, None)
    sample = sample_links(site, ["http://s.test/a/1.html", "http://s.test/a/1.html", "http://other.test/",
                                 "http://s.test/list/2.html", "http://s.test/about"])
    assert sample.by_kind[ARTICLE] == ["http://s.test/a/1.html"]  # duplicates once
    assert sample.followed == 2 and sample.by_kind[OFFSITE] == ["http://other.test/"]


def test_a_name_and_start_urls_make_a_site_whose_urls_and_pages_decide():
    (site,) = parse_sites({"site": [{"name": "x", "start_urls": ["http://x.test:8080/news/"]}]})
    assert site.auto and site.allowed_domains == ("x.test",) and site.allows("http://x.test:8080/a")
    assert site.link_kind("http://x.test:8080/news/202305/t20230512_42.html")[0] == "article"
    assert site.link_kind("http://x.test:8080/news/index_2.html")[0] == "list page"
    assert site.link_kind("http://x.test:8080/search?q=1")[0] == "not an article's URL"
    assert site.is_article("http://x.test:8080/p/unknown.html")  # the page itself decides
