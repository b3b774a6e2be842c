"""``newsarchive sites`` (the configured sites) and ``check-sites`` (does a sites file work:
which links of each site's start page its patterns would follow)."""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import click

from crawler.cli.common import sites_file_option

if TYPE_CHECKING:  # imported where a command runs: --help stays fast
    from crawler.sites import Site

# Links shown for each pattern and kind: enough to see what a pattern catches
EXAMPLES = 2


@click.command()
@sites_file_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per site, for scripts.")
def sites(sites_file: str | None, as_json: bool) -> None:
    """List the configured sites: where each starts, what it allows, its patterns."""
    from crawler.sites import DEFAULT_SITES, load_sites
    from crawler.text.places import divisions

    configured = load_sites(sites_file)
    if as_json:
        for site in configured:
            click.echo(json.dumps({
                "name": site.name, "title": site.title, "start_urls": list(site.start_urls),
                "allowed_domains": list(site.allowed_domains),
                "article_patterns": [p.pattern for p in site.article_patterns],
                "list_patterns": [p.pattern for p in site.list_patterns],
                "sitemap_urls": list(site.sitemap_urls), "feed_urls": list(site.feed_urls),
                "keywords": list(site.keywords), "settings": site.settings, "region": site.region,
            }, ensure_ascii=False))
        return
    click.echo(f"sites file: {sites_file or DEFAULT_SITES} ({len(configured)} sites)")
    for site in configured:
        click.echo(f"{site.name}{'  ' + site.title if site.title else ''}")
        more = f" (+{len(site.start_urls) - 1} more)" if len(site.start_urls) > 1 else ""
        click.echo(f"  starts at   {site.start_urls[0]}{more}")
        click.echo(f"  domains     {', '.join(site.allowed_domains)}")
        patterns = ("none: each page decides (its URL's shape, else its content)" if site.auto else
                    f"{len(site.article_patterns)} article, {len(site.list_patterns)} list page")
        click.echo(f"  patterns    {patterns}; {len(site.sitemap_urls)} sitemaps, "
                   f"{len(site.feed_urls)} feeds")
        if site.keywords:
            click.echo(f"  keywords    {', '.join(site.keywords)}")
        if site.region:
            click.echo(f"  region      {site.region} {divisions()[site.region].name}")
        if site.settings:
            click.echo(f"  settings    {', '.join(f'{k}={v}' for k, v in site.settings.items())}")


@click.command("check-sites")
@click.argument("sites_file", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--site", "names", multiple=True, metavar="NAME", help="Check this site only (repeatable).")
@click.option("--fetch/--no-fetch", default=True, show_default=True,
              help="Fetch each site's first start URL and sort its links; --no-fetch only reads the file.")
@click.option("--timeout", type=click.FloatRange(min=1), default=20, show_default=True, metavar="SECONDS")
def check_sites(sites_file: str | None, names: tuple[str, ...], fetch: bool, timeout: float) -> None:
    """Check a sites file (default: the packaged one): that it reads, and which links of each
    site's start page are articles, list pages (by which pattern) or left alone.

    Exit codes: 0 every site can be crawled; 1 the file does not read, or some start page
    could not be fetched or leads to no article and no list page."""
    from crawler.sites import load_sites

    configured = load_sites(sites_file)  # a bad file: SiteConfigError, one line
    if names:
        from crawler.crawl import project_settings, site_names

        site_names(list(names), project_settings(SITES_FILE=sites_file))  # UnknownSites: one line
    chosen = [site for site in configured if not names or site.name in names]
    click.echo(f"{sites_file or 'the packaged sites file'}: {len(configured)} sites read")
    if not fetch:
        return
    problems = [problem for site in chosen if (problem := _check_site(site, timeout))]
    if problems:
        raise click.ClickException(f"{len(problems)} of {len(chosen)} sites cannot be crawled as written: "
                                   + "; ".join(problems))


def _check_site(site: Site, timeout: float) -> str | None:
    """Print what a crawl would do with the links of the site's first start URL; the problem,
    if there is one."""
    from crawler.settings import USER_AGENT
    from crawler.sites import ARTICLE, LIST_PAGE, NO_PATTERN, NOT_A_PAGE, OFFSITE, sample_links
    from crawler.text.links import page_links

    url = site.start_urls[0]
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body, status = response.read(), response.status
            content_type = response.headers.get("Content-Type")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        click.echo(f"{site.name}  {url}  could not be fetched: {reason}")
        return f"{site.name}: {url} could not be fetched ({reason})"
    links = page_links(body, url, content_type).urls
    sample = sample_links(site, links)
    click.echo(f"{site.name}  {url}  (HTTP {status}, {len(links)} links)")
    for kind, patterns in ((ARTICLE, site.article_patterns), (LIST_PAGE, site.list_patterns)):
        for pattern in patterns:
            matched = sample.by_pattern.get((kind, pattern.pattern), [])
            shown = ", ".join(matched[:EXAMPLES]) if matched else "(no link on this page)"
            click.echo(f"  {kind:<11}{len(matched):>5}  {pattern.pattern}  {shown}")
    for kind in (NO_PATTERN, NOT_A_PAGE, OFFSITE):
        left = sample.by_kind.get(kind, [])
        if left:
            click.echo(f"  {kind:<11}{len(left):>5}  not followed: {', '.join(left[:EXAMPLES])}")
    if not sample.followed:
        return f"{site.name}: no link of {url} is an article or a list page"
    return None


def user_sites_file() -> Path:
    """Where ``add-site`` writes by default: ``$XDG_CONFIG_HOME/newsarchive/sites.toml``
    (``~/.config/newsarchive/sites.toml``)."""
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "newsarchive" / "sites.toml"


@click.command("add-site")
@click.argument("url")
@click.option("--name", help="The site's name in the sites file (default: from its host).")
@click.option("--sites-file", type=click.Path(dir_okay=False),
              help="Sites file to append the entry to, created if need be "
                   "(default: ~/.config/newsarchive/sites.toml).")
@click.option("--pages", default=30, show_default=True, type=click.IntRange(min=2, max=200),
              help="Most pages the probe fetches (robots.txt obeyed, one at a time).")
def add_site(url: str, name: str | None, sites_file: str | None, pages: int) -> None:
    """Probe a site from its address, print what it found (feeds, sitemaps, sample articles
    and list pages with the signal that decided each, the encoding) and append a sites entry
    with explicit patterns, ready for review."""
    import tomllib
    from datetime import UTC, datetime
    from urllib.parse import urlsplit

    from crawler.probe import probe_site, site_entry
    from crawler.sites import load_sites, parse_sites

    path = Path(sites_file) if sites_file else user_sites_file()
    host = (urlsplit(url).hostname or "").lower()
    name = name or re.sub(r"[^A-Za-z0-9_.-]+", "-", host.removeprefix("www.")).strip("-") or "site"
    if path.exists() and name in {site.name for site in load_sites(path)}:
        raise click.ClickException(f"{path} already has a site called {name!r} (choose another with --name)")
    probe = probe_site(url, pages)
    click.echo(f"{url}: {probe.title or '(no title)'}; encoding {probe.encoding or 'unknown'}")
    click.echo(f"  sitemaps   {', '.join(probe.sitemaps) or 'none in robots.txt'}")
    click.echo(f"  feeds      {', '.join(probe.feeds) or 'none linked from the home page'}")
    kinds = (("article", probe.articles), ("list page", probe.list_pages), ("neither", probe.others))
    for label, found in kinds:
        click.echo(f"  {len(found)} {label}{'s' if len(found) != 1 and label != 'neither' else ''}")
        for sample, why in list(found.items())[:5]:
            click.echo(f"    {sample}  ({why})")
    entry = site_entry(probe, name, datetime.now(UTC).strftime("%Y-%m-%d"))
    parse_sites(tomllib.loads(entry), source="the new entry")  # what is written can be crawled
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(("\n" if path.stat().st_size else "") + entry)
    click.echo(entry, nl=False)
    click.echo(f"appended {name!r} to {path}; crawl it: newsarchive crawl {name} --sites-file {path}",
               err=True)
