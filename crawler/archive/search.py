"""Chinese full-text search: exact substrings of any length, Traditional and Simplified as one.

SQLite's FTS5 has no Chinese tokenizer, and a custom one would make the archive unreadable
wherever it is not installed. So the archive indexes *shadow text* that the stock ``unicode61``
tokenizer splits exactly as we need:

- the text is *folded* (``crawler.text.fold``) character by character: Traditional to
  Simplified (OpenCC's character table), fullwidth to ASCII, lower case. Queries are folded
  the same way, so ``扶貧`` finds ``扶贫`` and the reverse;
- each run of word characters (letters and digits of any script) becomes its overlapping
  bigrams plus its last character alone: ``5g网络`` -> ``5g g网 网络 络``;
- a query of two or more characters becomes the phrase of its bigrams (``"就业 业扶 扶贫"``),
  which matches exactly where the folded text contains it, never across punctuation (no bigram
  spans a run boundary); a single character becomes a prefix query (``"贫"*``), served by a
  one-character prefix index. Terms separated by spaces must all match (AND).

The result: a search equals a substring scan (``instr``) of the folded text, for Chinese of
any length, Latin words and numbers alike (``GDP``, ``5G``, ``G`` inside ``5G``, ``2019年``).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from crawler.errors import NewsarchiveError
from crawler.text.fold import fold

FTS_TABLE = "articles_fts"
SHADOW_COLUMN = "search_text"
# Contentless: the shadow text is indexed, not stored; snippets come from the original text.
FTS_CREATE = (
    f"CREATE VIRTUAL TABLE [{FTS_TABLE}] USING fts5([{SHADOW_COLUMN}], content='', "
    "prefix='1', tokenize='unicode61 remove_diacritics 0')"
)
# A query term that could never occur in a folded text: the search then finds nothing.
NOTHING = '"\u0001"'


# Word characters as unicode61 sees them: letters and numbers of any script (what Python's
# str.isalnum() accepts, i.e. \w without "_") and private-use characters.
_WORD_RUN = re.compile(r"(?:[^\W_]|[\ue000-\uf8ff])+")


def word_runs(folded: str) -> list[str]:
    """Maximal runs of word characters."""
    return _WORD_RUN.findall(folded)


def _run_tokens(run: str) -> str:
    """``abcd`` -> ``ab bc cd d``: the bigrams, then the last character alone."""
    return " ".join(map(str.__add__, run, run[1:])) + " " + run[-1] if len(run) > 1 else run


def shadow_text(*texts: str | None) -> str:
    """What the index holds for an article: bigram tokens of its folded title and text."""
    return " ".join(_run_tokens(run) for text in texts if text for run in word_runs(fold(text)))


def _term_query(term: str) -> list[str]:
    parts = []
    for run in word_runs(fold(term)):
        if len(run) == 1:
            parts.append(f'"{run}"*')
        else:
            bigrams = " ".join(run[i : i + 2] for i in range(len(run) - 1))
            parts.append(f'"{bigrams}"')
    return parts


def fts_query(query: str) -> str:
    """The FTS5 MATCH expression for what a user typed. Never an FTS5 syntax error: quotes,
    ``*``, ``-``, parentheses and NEAR are separators, not operators."""
    parts = [part for term in query.split() for part in _term_query(term)]
    return " ".join(parts) if parts else NOTHING


def query_terms(query: str) -> list[str]:
    """The folded runs a query asks for; a text matches when it contains every one."""
    return [run for term in query.split() for run in word_runs(fold(term))]


# Where a snippet's matches start and end: control characters (STX, ETX) that article text
# never holds (extraction drops control characters, and snippet() drops these two), so a
# bracket of the text itself (【新华社北京电】) can never be taken for a marker.
MARK_START, MARK_END = "\x02", "\x03"


def snippet(text: str, query: str, width: int = 60, start: str = MARK_START, end: str = MARK_END) -> str:
    """A window of the *original* text around the first match, matches marked (whole: the
    window grows rather than cut one).

    Folding keeps Chinese text's length, so positions found in the folded text are positions
    in the original; where it does not (rare letters), the window is taken from the fold.
    """
    text = (text or "").replace(MARK_START, "").replace(MARK_END, "")
    if not text:
        return ""
    folded = fold(text)
    source = text if len(folded) == len(text) else folded
    terms = sorted(set(query_terms(query)), key=len, reverse=True)
    spans = []
    for term in terms:
        spans.extend((m.start(), m.end()) for m in re.finditer(re.escape(term), folded))
    if not spans:
        return source[:width] + ("…" if len(source) > width else "")
    first = min(spans)[0]
    lo = max(0, first - width // 3)
    hi = min(len(source), lo + width)
    out, pos = [], lo
    for s, e in sorted(spans):
        if s < pos or s >= hi:
            continue
        out.append(source[pos:s])
        out.append(start + source[s:e] + end)
        pos = e
        hi = max(hi, e)
    out.append(source[pos:hi])
    body = "".join(out).replace("\n", " ")
    return ("…" if lo > 0 else "") + body + ("…" if hi < len(source) else "")


def ensure_search_index(conn: sqlite3.Connection) -> bool:
    """Create the search index if missing (or replace an index of an older design) and fill
    it from ``articles``. Returns True if it was (re)built."""
    row = conn.execute("select sql from sqlite_master where name = ?", [FTS_TABLE]).fetchone()
    if row and SHADOW_COLUMN in row[0]:
        return False
    with conn:
        if row:
            conn.execute(f"drop table [{FTS_TABLE}]")
            for trigger in conn.execute(
                "select name from sqlite_master where type = 'trigger' and tbl_name = 'articles'"
            ).fetchall():
                conn.execute(f"drop trigger [{trigger[0]}]")
        conn.execute(FTS_CREATE)
        conn.executemany(
            f"insert into [{FTS_TABLE}](rowid, [{SHADOW_COLUMN}]) values (?, ?)",
            ((rowid, shadow_text(title, text))
             for rowid, title, text in conn.execute("select rowid, title, text from articles")),
        )
    return True


def index_article(conn: sqlite3.Connection, rowid: int, title: str | None, text: str | None,
                  old: tuple[str | None, str | None] | None = None) -> None:
    """Put an article in the index; ``old`` (its previous title and text) is removed first.

    A contentless FTS5 table forgets what it indexed, so deleting needs the old text again.
    """
    if old is not None:
        conn.execute(
            f"insert into [{FTS_TABLE}]([{FTS_TABLE}], rowid, [{SHADOW_COLUMN}]) values ('delete', ?, ?)",
            [rowid, shadow_text(*old)],
        )
    conn.execute(
        f"insert into [{FTS_TABLE}](rowid, [{SHADOW_COLUMN}]) values (?, ?)",
        [rowid, shadow_text(title, text)],
    )


def match_clause(expression: str) -> str:
    """The ``articles`` rows whose index entry matches ``expression`` (SQL: a parameter, or
    datasette's ``escape_fts(:q)``), in the form datasette's ``?_search=`` uses."""
    return f"rowid in (select rowid from [{FTS_TABLE}] where [{FTS_TABLE}] match {expression})"


NEWEST_FIRST = "order by published desc, url"


def newest_first(columns: str, where: str, limit: int, offset: str = "0") -> str:
    """SQL for ``columns`` of the newest ``limit`` articles where ``where`` holds, after the
    first ``offset`` (an SQL expression). The newest are picked first and only their columns
    read: sorting with the text (or a snippet made of it) in hand read every match's text."""
    return (f"select {columns} from articles where rowid in (select rowid from articles "
            f"where {where} {NEWEST_FIRST} limit {int(limit)} offset {offset}) {NEWEST_FIRST}")


def highlights(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """A marked snippet as its plain text and the (start, end) offsets of its matches."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    for index, part in enumerate(marked.replace(MARK_END, MARK_START).split(MARK_START)):
        if index % 2:
            spans.append((length, length + len(part)))
        plain.append(part)
        length += len(part)
    return "".join(plain), spans


@dataclass
class Hit:
    url: str
    site: str | None
    title: str | None
    published: str | None
    snippet: str


class UnknownSite(NewsarchiveError):
    """A site the archive holds no article of."""


def article_filter(conn: sqlite3.Connection, query: str | None = None, site: str | None = None,
                   since: str | None = None, until: str | None = None) -> tuple[str, list[object]]:
    """The WHERE clause (and its parameters) of the articles that match ``query`` (none: all),
    are of ``site`` and were published between ``since`` and ``until`` (ISO dates, both
    included). Raises UnknownSite."""
    if site and not conn.execute("select 1 from articles where site = ? limit 1", [site]).fetchone():
        known = [s for (s,) in conn.execute("select distinct site from articles order by site")]
        raise UnknownSite(f"the archive holds no article of site {site!r}; its sites: "
                          f"{', '.join(known) or 'none'}")
    where: list[str] = ["1"]
    params: list[object] = []
    if query:
        where.append(match_clause("?"))
        params.append(fts_query(query))
    if site:
        where.append("site = ?")
        params.append(site)
    if since:
        where.append("published >= ?")
        params.append(since)
    if until:  # published may carry a time: everything on that day is in
        where.append("published < ?")
        params.append(until + "\uffff")
    return " and ".join(where), params


# What an export gives of each article, in this order: what it says, then how it was made.
EXPORT_COLUMNS = ("url", "site", "title", "published", "source", "author", "text", "encoding",
                  "repairs", "extractor", "first_seen", "updated_at")


def export_articles(conn: sqlite3.Connection, query: str | None = None, site: str | None = None,
                    since: str | None = None, until: str | None = None) -> Iterator[dict]:
    """Every article the filter selects (see ``article_filter``), newest first, one at a time:
    an archive of any size streams in constant memory."""
    clause, params = article_filter(conn, query, site, since, until)
    cursor = conn.execute(f"select {', '.join(EXPORT_COLUMNS)} from articles where {clause} "
                          f"{NEWEST_FIRST}", params)
    for row in cursor:
        yield dict(zip(EXPORT_COLUMNS, row, strict=True))


def search(conn: sqlite3.Connection, query: str, site: str | None = None, since: str | None = None,
           limit: int | None = 20, until: str | None = None) -> tuple[int, list[Hit]]:
    """Articles matching ``query``, newest first: (how many match, the first ``limit``).
    ``since`` and ``until``: ISO dates, both included. Raises UnknownSite."""
    clause, params = article_filter(conn, query, site, since, until)
    total = conn.execute(f"select count(*) from articles where {clause}", params).fetchone()[0]
    columns = "url, site, title, published, text"
    sql = (f"select {columns} from articles where {clause} {NEWEST_FIRST}" if limit is None
           else newest_first(columns, clause, limit))
    hits = [Hit(url, site_, title, published, snippet(text, query))
            for url, site_, title, published, text in conn.execute(sql, params)]
    return total, hits
