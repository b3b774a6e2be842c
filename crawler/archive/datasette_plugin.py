"""datasette plugin, installed with the package: Chinese search in the stock ``datasette`` CLI.

For every database that is a newsarchive archive (it has our ``articles_fts`` index):

- ``escape_fts()``, the SQL function datasette wraps ``?_search=`` in, is replaced by one that
  builds our FTS5 query (``crawler.archive.search.fts_query``). datasette registers its own in a plain
  ``prepare_connection`` hook; pluggy calls later-registered hooks first, so ours must be
  ``trylast`` to run after datasette's and win;
- metadata tells datasette which index belongs to ``articles`` (a contentless index is not
  detected on its own), labels the columns, sets facets by site and month, newest first, and
  adds a ``search`` canned query with highlighted snippets of the original text;
- on a server that serves an archive, facet suggestions are turned off and facets get 50 ms
  instead of datasette's 200 ms (a limit set to anything else is kept): on a search matching
  most of a large archive each facet reads every matching row, and suggestions re-run the
  whole search once per column (bench/search.py and the README have the figures). Such a page
  lists its facets as timed out instead of waiting. These two settings are the server's, so
  they apply to its other databases too.

Other databases' search, metadata and cells are left alone.
"""

from __future__ import annotations

import weakref
from typing import Any

from datasette import hookimpl
from markupsafe import Markup, escape

from crawler.archive.search import (
    FTS_TABLE,
    MARK_START,
    SHADOW_COLUMN,
    fts_query,
    highlights,
    match_clause,
    newest_first,
    snippet,
)
from crawler.compat import set_server_setting

# datasette instance -> names of its databases that are archives
_ARCHIVES: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()

# Enough for the facets of a narrow or medium search; a search matching most of a large
# archive lists its facets as timed out rather than waiting (bench/search.py measures it)
FACET_TIME_LIMIT_MS = 50

# The canned search page: the newest 100 matches, a snippet made for each of those only
SEARCH_SQL = newest_first("title, site, published, newsarchive_snippet(text, :q) as snippet, url",
                          match_clause("escape_fts(:q)"), 100)

ARTICLES_METADATA = {
    "description": "Archived articles, one row per URL. Search finds exact substrings; "
    "Traditional and Simplified find each other.",
    "fts_table": FTS_TABLE,
    "fts_pk": "rowid",
    "label_column": "title",
    "sort_desc": "published",
    "size": 20,  # rows per page: each carries a whole article
    "facets": ["site", "month"],
    "columns": {
        "title": "Headline",
        "published": "Publication date (ISO 8601)",
        "month": "Publication month, for faceting",
        "site": "Configured site the article was crawled from",
        "source": "Publisher named on the page (来源)",
        "author": "Reporters named on the page",
        "text": "Clean article text",
        "url": "Where the article was fetched",
        "encoding": "Codec the page was decoded with",
        "declared_encodings": "Charsets the page declared (header, meta): hints, not facts",
        "detection_used": "1 if no declaration could be believed",
        "repairs": "What the pipeline fixed, counts by kind",
        "extractor": "Which extractor produced the text",
    },
}


def is_archive(conn: Any) -> bool:
    row = conn.execute("select sql from sqlite_master where name = ?", [FTS_TABLE]).fetchone()
    return bool(row and row[0] and SHADOW_COLUMN in row[0])


def archive_metadata(database: str) -> dict:
    return {
        "databases": {
            database: {
                "tables": {
                    "articles": ARTICLES_METADATA,
                    "raw_responses": {"description": "Response bodies, zlib-compressed, "
                                      "kept so the archive can be reprocessed"},
                    "crawls": {"description": "One row per crawl run", "sort_desc": "id"},
                },
                "queries": {
                    "search": {
                        "title": "Search articles 全文检索",
                        "description": "Exact substring search in titles and texts; "
                        "Traditional and Simplified are one. Newest first.",
                        "sql": SEARCH_SQL,
                    }
                },
            }
        }
    }


@hookimpl(trylast=True)
def prepare_connection(conn: Any, database: str, datasette: Any) -> None:
    if not is_archive(conn):
        return
    conn.create_function("escape_fts", 1, lambda q: fts_query(q or ""), deterministic=True)
    conn.create_function("newsarchive_snippet", 2, lambda text, q: snippet(text or "", q or ""))


@hookimpl
def startup(datasette: Any) -> Any:
    async def find_archives() -> None:
        names = set()
        for name, db in datasette.databases.items():
            if await db.execute_fn(is_archive):
                names.add(name)
        _ARCHIVES[datasette] = names
        if names:
            # Facet suggestions re-run a broad search once per column: seconds, not ms.
            set_server_setting(datasette, "suggest_facets", False)
            from datasette.app import DEFAULT_SETTINGS  # not at import: datasette.app loads plugins

            if datasette.setting("facet_time_limit_ms") == DEFAULT_SETTINGS["facet_time_limit_ms"]:
                set_server_setting(datasette, "facet_time_limit_ms", FACET_TIME_LIMIT_MS)

    return find_archives


@hookimpl
def get_metadata(datasette: Any, key: str, database: str | None, table: str | None) -> dict:
    merged: dict = {"databases": {}}
    for name in _ARCHIVES.get(datasette, ()):
        merged["databases"].update(archive_metadata(name)["databases"])
    return merged


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str,
                datasette: Any) -> Markup | None:
    """Show the snippet's matches highlighted: the text escaped, the markers made <mark>."""
    if column != "snippet" or table is not None or not isinstance(value, str) or MARK_START not in value:
        return None
    if database not in _ARCHIVES.get(datasette, ()):
        return None
    plain, spans = highlights(value)
    html, position = [], 0
    for start, end in spans:
        html += [str(escape(plain[position:start])), "<mark>", str(escape(plain[start:end])), "</mark>"]
        position = end
    html.append(str(escape(plain[position:])))
    html = "".join(html)
    return Markup(html)
