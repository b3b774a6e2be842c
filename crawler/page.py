"""A fetched page as it moves through the stages, and the stages themselves.

``STAGES`` is the one table of them: the crawl's item pipelines (``pipelines/stages.py``),
the stage processes (``crawler.processes``) and ``process_page`` (``newsarchive extract``,
``import``, ``reprocess``) all run its functions, in its order. One code path.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from crawler.discover.pages import article_evidence
from crawler.discover.urls import ARTICLE, names_gallery, url_kind
from crawler.text.clean import clean_text
from crawler.text.decode import decode_html
from crawler.text.extract import extract_article, xml_document_kind
from crawler.text.fingerprint import Fingerprint, fingerprint
from crawler.text.han import plausibility
from crawler.text.metadata import dump_title, find_author, find_date, find_source
from crawler.text.parse import PageTooLarge, drop_invisible_characters, read_markup_left
from crawler.text.pinyin import remove_pinyin_annotations, shows_mirror
from crawler.text.places import PlaceMention, find_places
from crawler.text.rules import Rules

# Why a page yields no article: the reasons PageRejected carries, counted by the crawl.
UNDECODABLE = "undecodable"
NO_ARTICLE_TEXT = "no article text found"
NOTHING_LEFT = "nothing left after cleaning"
TOO_LARGE = "page too large"
NOT_A_PAGE = "a feed or XML document, not a page"
# a page of a site without article patterns that does not read as an article (crawler.discover)
NOT_AN_ARTICLE = "not an article"
# Far below what real text scores, however damaged (MIN_PLAUSIBILITY is where mojibake starts):
# random bytes decoded in any codec score about 0.2
NOT_TEXT_BELOW = 0.5
# ... read on the page's first characters: bytes that no codec reads show at once, and a page's
# whole text (a quarter of the pipeline's decode time) says no more
NOT_TEXT_SAMPLE = 8_000
TOO_SLOW = "stage over STAGE_TIME_LIMIT"
REJECTION_REASONS = {UNDECODABLE, NO_ARTICLE_TEXT, NOTHING_LEFT, TOO_LARGE, TOO_SLOW, NOT_A_PAGE,
                     NOT_AN_ARTICLE}


Stage = Callable[["Page", "Rules | None"], "Page"]


class PageRejected(ValueError):
    """A page that yields no article. ``reason`` is what logs and counts group by (one of the
    constants above); ``detail`` says more about this page."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    def __reduce__(self) -> tuple:
        # rebuilt whole when it crosses from a stage process, not from its message alone
        return type(self), (self.reason, self.detail)


@dataclass(repr=False)
class Page:
    url: str
    body: bytes
    site: str | None = None
    content_type: str | None = None
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str | None = None
    # the words of the link the crawl followed to the page (a list's headline for an article)
    link_text: str | None = None
    # the address it was read at, where that is not ``url`` (a mobile copy whose canonical link
    # names the desktop page's address)
    read_at: str | None = None
    # decode
    html: str | None = None
    encoding: str | None = None
    declared_encodings: dict[str, str] = field(default_factory=dict)
    detection_used: bool = False
    decode_explanation: list[str] = field(default_factory=list)
    # extract
    title: str | None = None
    published: str | None = None
    author: str | None = None
    source: str | None = None
    extractor: str | None = None
    extract_explanation: list[str] = field(default_factory=list)
    # clean
    text: str | None = None
    # the items of the article's plain lists, which the cleaning keeps as text (Article.listed)
    listed: frozenset[str] = frozenset()
    repairs: Counter = field(default_factory=Counter)
    # the clean text's story fingerprint (crawler.text.fingerprint): which copies it has
    fingerprint: Fingerprint | None = None
    # the divisions the clean text and headline name (crawler.text.places); None: not looked for
    places: list[PlaceMention] | None = None
    # the code of the site's home region (Site.region), which settles names the text leaves open
    region: str | None = None
    # from a site without article patterns: archived only if it reads as an article
    check_article: bool = False
    # a plain-text dump (the seeds) skips extraction
    is_text_dump: bool = False
    # the frontier lease this page holds until it is archived (or on the item stream)
    lease: str | None = None
    # an article split over several pages: its further pages, in order (the spider fetches
    # them); their text is this page's, continued
    continued: list[Page] = field(default_factory=list)


    def __repr__(self) -> str:
        # what logs show of a page (Scrapy logs a dropped item whole): never its body
        more = f", {len(self.continued)} more pages" if self.continued else ""
        return f"<Page {self.url} ({len(self.body)} bytes{more})>"


def decode_stage(page: Page, rules: Rules | None = None) -> Page:
    """Bytes -> HTML text: the codec from all the evidence, upstream mojibake repaired."""
    try:
        decoded = decode_html(page.body, page.content_type)
    except ValueError as exc:
        raise PageRejected(UNDECODABLE, str(exc)) from exc
    if plausibility(decoded.text[:NOT_TEXT_SAMPLE]) < NOT_TEXT_BELOW:
        # no codec makes it read as text, and repairs did not either: bytes, not a page
        raise PageRejected(UNDECODABLE, "does not read as text in any codec")
    page.html = decoded.text
    page.encoding = decoded.encoding
    page.declared_encodings = decoded.declared
    page.detection_used = decoded.detection_used
    page.decode_explanation = decoded.explanation
    page.repairs.update(decoded.repairs)
    page.continued = _continuing(page, decode_stage, rules, page.decode_explanation)
    return page


def _continuing(page: Page, stage: Stage, rules: Rules | None, explanation: list[str]) -> list[Page]:
    """An article's further pages through one stage, up to the first that fails it: the
    article is what its first pages say, in order, never a page with a gap."""
    done = []
    for number, further in enumerate(page.continued, start=2):
        try:
            done.append(stage(further, rules))
        except PageRejected as exc:
            explanation.append(f"page {number} ({further.url}) left out: {exc}")
            break
    return done


def extract_stage(page: Page, rules: Rules | None = None) -> Page:
    """HTML -> article text, title, date, author, source (a text dump: its headline)."""
    if kind := xml_document_kind(page.html or ""):
        # a feed or a sitemap is a list of articles: read as text, its markup would be archived
        raise PageRejected(NOT_A_PAGE, kind)
    if page.is_text_dump:
        text, markup = read_markup_left(page.html or "")
        if markup:
            page.repairs["markup_left_in_dump"] += markup
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        # Pinyin annotations would hide the headline; find it in a copy without them (the
        # clean stage removes and counts them in the text itself).
        plain = [remove_pinyin_annotations(line)[0] for line in lines]
        page.title = dump_title("\n".join(plain), rules)
        if page.title:
            # what stands above the headline is page furniture: breadcrumbs, channel, share
            start = next(i for i, line in enumerate(plain) if page.title in line)
        else:  # a channel name alone on the first line: 市州動態
            start = int(bool(plain) and len(plain[0]) <= 6 and not re.search(r"[，。,.!?！？：:]", plain[0]))
        page.text = "\n".join(lines[start:])
        head = "\n".join(plain[start:start + 8])
        page.published = find_date(head, page.url)
        page.author = find_author(head)
        page.source = find_source(head)
        page.extractor = "text dump"
        return page
    html, invisible = drop_invisible_characters(page.html or "")
    if invisible:
        page.repairs["invisible_characters"] += invisible
    if shows_mirror(html):
        html, removed = remove_pinyin_annotations(html)
        page.repairs["pinyin_annotations"] += removed
    try:
        article = extract_article(html, page.url, rules, page.link_text)
    except PageTooLarge as exc:
        raise PageRejected(TOO_LARGE, str(exc)) from exc
    if not article.text.strip():
        raise PageRejected(NO_ARTICLE_TEXT)
    page.title = article.title
    page.published = article.published
    page.author = article.author
    page.source = article.source
    page.extractor = article.extractor
    page.extract_explanation = article.explanation
    page.text = article.text
    page.listed = article.listed
    page.html = None  # read: no later stage needs it, and a page in a pool crosses processes
    page.continued = _continuing(page, extract_stage, rules, page.extract_explanation)
    return page


def clean_stage(page: Page, rules: Rules | None = None) -> Page:
    """Article text -> without pinyin annotations, place spam, boilerplate (``rules``). An
    article over several pages: each page's text cleaned alone (each ends in its own
    furniture, 上一篇 / 下一篇, which would end the article there), then joined."""
    cleaned = clean_text(page.text or "", page.title, rules, page.listed)
    page.text = cleaned.text
    page.title = cleaned.title
    page.repairs.update(cleaned.repairs)
    for further in page.continued:
        more = clean_text(further.text or "", page.title, rules, further.listed)
        page.text = "\n".join(part for part in (page.text, more.text) if part)
        page.repairs.update(further.repairs + more.repairs)
    if page.continued:
        page.extract_explanation.append(f"{len(page.continued) + 1} pages: their texts joined")
    if not page.text.strip():
        raise PageRejected(NOTHING_LEFT)
    if page.check_article and (why := article_evidence(page.text, page.published, page.title,
                                                        article_url=url_kind(page.url)[0] == ARTICLE,
                                                        gallery_url=names_gallery(page.url))):
        raise PageRejected(NOT_AN_ARTICLE, why)
    page.fingerprint = fingerprint(page.text)
    page.places = find_places(page.text, page.title, home=page.region)
    return page



# The stages in the order a page goes through them, by name.
STAGES: dict[str, Stage] = {"decode": decode_stage, "extract": extract_stage, "clean": clean_stage}


def looks_like_html(body: bytes) -> bool:
    """Whether saved bytes are an HTML page (else a text dump, as a naive scraper saves)."""
    head = body[:4096].lower()
    tags = (b"<html", b"<!doctype", b"<body", b"<head", b"<div", b"<p>", b"<table")
    return any(tag in head for tag in tags)


def process_page(page: Page, rules: Rules | None = None) -> Page:
    """Run every stage, as the crawl's item pipeline does. Raises PageRejected.

    ``rules``: cleaning rules (default: the packaged ones)."""
    for stage in STAGES.values():
        page = stage(page, rules)
    page.repairs = +page.repairs
    return page
