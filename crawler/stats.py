"""Every Scrapy stats key newsarchive writes, named once, and what a run's stats say.

Keys follow Scrapy's own style (``downloader/response_count``): lower case, ``/``-separated,
the variable part last, e.g. ``newsarchive/failed/no article text found``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

FAILED = "newsarchive/failed/"  # + reason: a page that yielded no article, or a failed request
SKIPPED = "newsarchive/skipped/"  # + reason: an article not archived on purpose
ARTICLES = "newsarchive/articles/"  # + outcome: new, updated, unchanged (archived) or sent (stream)
NOT_MODIFIED = "newsarchive/articles/not_modified"  # answered 304 to a conditional request
ARTICLE_PAGES = "newsarchive/pages/article"
LIST_PAGES = "newsarchive/pages/list"
FURTHER_ARTICLE_PAGES = "newsarchive/pages/article_continued"  # page 2 on of an article split over several
SENT = ARTICLES + "sent"

# reasons under FAILED: the article could not be written into the archive; a page had more
# links than MAX_LINKS_PER_PAGE (the page is archived, the links past the limit not followed)
ARCHIVE_WRITE_FAILED = "archive write failed"
LINKS_CAPPED = "links over MAX_LINKS_PER_PAGE"
REDIRECT_LOOP = "redirect loop"
OFFSITE_REDIRECT = "offsite redirect"  # a redirect off the site's hosts and ports: not followed
URL_TOO_LONG = "URL over URLLENGTH_LIMIT"  # a link not followed
UNQUEUEABLE = "unqueueable request"  # a request the frontier could not store or read back
EMPTY_BODY = "200 with an empty body"  # retried as a server error is; a failure when retries run out
SITEMAP_CUT = "gzip sitemap cut short"  # its entries before the cut are read

# failure reasons that are not a request's: its page was fetched, then something else went
# wrong (see crawler.page.PageRejected for the pipeline's own, and is_fetch_failure)
NOT_FETCH_FAILURES = {ARCHIVE_WRITE_FAILED, LINKS_CAPPED, URL_TOO_LONG, UNQUEUEABLE, SITEMAP_CUT}


def is_fetch_failure(reason: str, page_reasons: set[str]) -> bool:
    """Whether a failure reason says a request failed (no page came back), given the page
    pipeline's own rejection reasons."""
    return not (reason in NOT_FETCH_FAILURES or reason in page_reasons or " error: " in reason)


# Scrapy's close reasons -> how the run ended, in the crawls table
STATUS = {"finished": "finished", "shutdown": "interrupted", "cancelled": "interrupted"}

# the reasons under SKIPPED
ALREADY_ARCHIVED = "already archived"  # INCREMENTAL = "skip"
NO_KEYWORD = "no keyword"  # the site's keywords filter
SAME_PAGE = "the same page under another URL"  # archived already at another address of its site


def failed(reason: str) -> str:
    return FAILED + reason


def skipped(reason: str) -> str:
    return SKIPPED + reason


def article(outcome: str) -> str:
    return ARTICLES + outcome


def _by_reason(stats: dict[str, Any], prefix: str) -> Counter:
    return Counter({key[len(prefix):]: value for key, value in stats.items() if key.startswith(prefix)})


# Scrapy's own counts of requests it dropped without an errback, as failure reasons: our
# spider follows no offsite link, so Scrapy's offsite filter only meets redirects.
SCRAPY_DROPS = {"offsite/filtered": OFFSITE_REDIRECT}


def run_stats(stats: dict[str, Any]) -> dict[str, Any]:
    """What a run's Scrapy stats say for its crawls row: pages fetched, articles answered
    304 (not modified) or skipped on purpose, and failures by reason."""
    failures = _by_reason(stats, FAILED)
    for key, reason in SCRAPY_DROPS.items():
        if stats.get(key):
            failures[reason] += stats[key]
    return {
        "pages_fetched": stats.get("response_received_count", 0),
        "not_modified": stats.get(NOT_MODIFIED, 0),
        "skipped": sum(_by_reason(stats, SKIPPED).values()),
        "failures": failures,
    }
