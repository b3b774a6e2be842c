"""A fetched page as it moves through the stages, and the stages themselves.

``decode_stage``, ``extract_stage`` and ``clean_stage`` each fill in part of a ``Page``; the
Scrapy item pipeline runs them one class each (``pipelines/``), and ``process_page`` runs the
same functions in the same order for ``newsarchive extract`` and ``import``. One code path.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from crawler.clean import Rules, clean_text
from crawler.decode import decode_html
from crawler.extract import extract_article


class PageRejected(ValueError):
    """A page that yields no article; the message is the reason, for logs and counts."""


@dataclass
class Page:
    url: str
    body: bytes
    site: str | None = None
    content_type: str | None = None
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str | None = None
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
    # clean
    text: str | None = None
    repairs: Counter = field(default_factory=Counter)
    # a plain-text dump (the seeds) skips extraction
    is_text_dump: bool = False


def decode_stage(page: Page) -> Page:
    try:
        decoded = decode_html(page.body, page.content_type)
    except ValueError as exc:
        raise PageRejected(f"undecodable: {exc}") from exc
    page.html = decoded.text
    page.encoding = decoded.encoding
    page.declared_encodings = decoded.declared
    page.detection_used = decoded.detection_used
    page.decode_explanation = decoded.explanation
    page.repairs.update(decoded.repairs)
    return page


def extract_stage(page: Page) -> Page:
    if page.is_text_dump:
        page.text = page.html
        return page
    article = extract_article(page.html or "", page.url)
    if not article.text.strip():
        raise PageRejected("no article text found")
    page.title = article.title
    page.published = article.published
    page.author = article.author
    page.source = article.source
    page.extractor = article.extractor
    page.text = article.text
    return page


def clean_stage(page: Page, rules: Rules | None = None) -> Page:
    cleaned = clean_text(page.text or "", page.title, rules)
    page.text = cleaned.text
    page.title = cleaned.title
    page.repairs.update(cleaned.repairs)
    if not page.text.strip():
        raise PageRejected("nothing left after cleaning")
    return page


STAGES = (decode_stage, extract_stage, clean_stage)


def process_page(page: Page) -> Page:
    """Run every stage, as the crawl's item pipeline does. Raises PageRejected."""
    for stage in STAGES:
        page = stage(page)
    page.repairs = +page.repairs
    return page
