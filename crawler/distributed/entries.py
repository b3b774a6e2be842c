"""The item stream's entries: what a worker sends, in the form the archive writer reads.

A worker sends an ``open`` entry when its spider opens, one ``page`` entry per article (its
fields as JSON, the raw body zlib-compressed, and those of its further pages when it was split
over several) and a ``close`` entry with the run's counts.
"""

from __future__ import annotations

import json
import zlib
from collections import Counter
from typing import Any

from crawler.distributed import DEFAULT_STREAM
from crawler.page import Page
from crawler.text.places import PlaceMention

__all__ = ["DEFAULT_STREAM", "event_entry", "page_entry", "page_from_entry"]

# What the archive keeps of an article's further pages: their responses
_FURTHER_FIELDS = ("url", "content_type", "status", "etag", "last_modified", "fetched_at")
# Page fields an archived article needs (the decoded HTML and the decoder's reasoning are not
# stored; the raw body travels compressed beside them).
_PAGE_FIELDS = ("url", "site", "content_type", "status", "etag", "last_modified", "fetched_at",
                "link_text", "encoding", "declared_encodings", "detection_used", "title", "published",
                "author", "source", "extractor", "text", "repairs", "places", "region")


def page_entry(page: Page, worker: str) -> dict[str, bytes]:
    fields = {name: getattr(page, name) for name in _PAGE_FIELDS}
    fields["repairs"] = dict(page.repairs)
    if page.places is not None:  # found by the worker's clean stage: the writer records them
        fields["places"] = [[m.code, m.mentions, m.about] for m in page.places]
    fields["continued"] = [{name: getattr(further, name) for name in _FURTHER_FIELDS}
                           for further in page.continued]
    entry = {
        "kind": b"page", "worker": worker.encode(),
        "page": json.dumps(fields, ensure_ascii=False).encode(),
        "body": zlib.compress(page.body, 6),
    }
    for number, further in enumerate(page.continued, start=2):
        entry[f"body_{number}"] = zlib.compress(further.body, 6)
    return entry


def event_entry(kind: str, worker: str, site: str, **data: Any) -> dict[str, bytes]:
    return {"kind": kind.encode(), "worker": worker.encode(),
            "data": json.dumps({"site": site, **data}, ensure_ascii=False).encode()}


def page_from_entry(fields: dict[bytes, bytes]) -> Page:
    data = json.loads(fields[b"page"])
    data["repairs"] = Counter(data["repairs"])
    if data.get("places") is not None:
        data["places"] = [PlaceMention(code, mentions, bool(about))
                          for code, mentions, about in data["places"]]
    continued = [Page(body=zlib.decompress(fields[f"body_{number}".encode()]), **further)
                 for number, further in enumerate(data.get("continued", []), start=2)]
    # fields a newer worker may add are not this writer's business
    return Page(body=zlib.decompress(fields[b"body"]), continued=continued,
                **{k: v for k, v in data.items() if k in _PAGE_FIELDS})
