"""Stories in the archive: articles that carry the same text, linked across sites and time.

Each article's fingerprint (``crawler.text.fingerprint``) is kept beside it (``story_prints``)
with its band keys (``story_bands``): an article shares a key with the articles worth
comparing. Written in the article's own transaction, so a copy crawled next month on another
site joins the story found today. ``articles.story`` names the story: the rowid of the article
that began it (an article with no copy has its own); the ``stories`` table says, per story, its
first URL and date, how many copies and sites carried it, and which.
"""

from __future__ import annotations

from typing import Any

from crawler.text.fingerprint import Fingerprint, band_keys, fingerprint, same_story, shared_shingles

# Candidates compared for one article, those sharing the most bands first: more is a template
# shared by a site's every page, not a story
MAX_CANDIDATES = 200

# The first copy of a story: the earliest published, then the first seen
_FIRST_COPY_URL = ("(select first.url from articles first where first.story = articles.story "
                   "order by coalesce(first.published, '9999'), first.first_seen, first.rowid limit 1)")


# One row per story, kept by ``refresh_story`` in the transaction that changes a member: read
# at every search with one_per_story and by the widest-stories query, which a view grouping
# every article would make slower as the archive grows
STORIES_TABLE = """
create table stories (
    story integer primary key,
    copies integer not null,
    sites integer not null,
    first_published text,
    first_url text,
    site_names text
)
"""

STORY_ROW = f"""
select story, count(*), count(distinct site), min(published), {_FIRST_COPY_URL},
       group_concat(distinct site)
from articles where story {{}} group by story
"""


def refresh_story(conn: Any, story: int) -> None:
    """Recount one story's row of ``stories`` from its articles (gone when it has none)."""
    conn.execute("delete from stories where story = ?", [story])
    # read, then inserted: as one INSERT ... SELECT, SQLite took many times as long
    rows = conn.execute(STORY_ROW.format("= ?"), [story]).fetchall()
    conn.executemany("insert into stories values (?, ?, ?, ?, ?, ?)", rows)


def create_story_tables(conn: Any) -> None:
    """The story index and the stories table, where they are not yet (a schema step)."""
    columns = {row[1] for row in conn.execute("pragma table_info(articles)")}
    if "story" not in columns:
        conn.execute("alter table articles add column story integer")
    conn.execute("create index if not exists articles_story on articles(story)")
    conn.execute("create table if not exists story_prints "
                 "(article integer primary key, signature blob not null, shingles integer not null)")
    conn.execute("create table if not exists story_bands (key integer not null, article integer not null, "
                 "primary key (key, article)) without rowid")
    conn.execute("create index if not exists story_bands_article on story_bands(article)")
    kind = conn.execute("select type from sqlite_master where name = 'stories'").fetchone()
    if kind and kind[0] == "view":  # archives of before the table: the same rows, counted once
        conn.execute("drop view stories")
    if not kind or kind[0] == "view":
        conn.execute(STORIES_TABLE)
        conn.execute("create index stories_widest on stories(sites desc, copies desc)")
        conn.execute("insert into stories " + STORY_ROW.format("is not null"))


def assign_story(conn: Any, rowid: int, text: str | None, print_: Fingerprint | None = None) -> int:
    """Find the story of the article at ``rowid`` (its fingerprint: ``print_``, or made from
    ``text``), record its fingerprint, and set ``articles.story``; inside the caller's
    transaction. Returns the story."""
    before = conn.execute("select story from articles where rowid = ?", [rowid]).fetchone()
    conn.execute("delete from story_bands where article = ?", [rowid])
    conn.execute("delete from story_prints where article = ?", [rowid])
    print_ = print_ or (fingerprint(text) if text else None)
    story = rowid
    if print_ is not None:
        keys = band_keys(print_)
        marks = ",".join("?" * len(keys))
        candidates = conn.execute(
            f"select b.article, p.signature, p.shingles, a.story from story_bands b "
            f"join story_prints p on p.article = b.article join articles a on a.rowid = b.article "
            f"where b.key in ({marks}) and b.article != ? group by b.article "
            f"order by count(*) desc limit {MAX_CANDIDATES}", [*keys, rowid]).fetchall()
        best, best_shared = None, 0.0
        for article, signature, shingles, their_story in candidates:
            other = Fingerprint(signature, shingles)
            if same_story(print_, other) and (shared := shared_shingles(print_, other)) > best_shared:
                best, best_shared = (their_story or article), shared
        if best is not None:
            story = best
        conn.executemany("insert or ignore into story_bands (key, article) values (?, ?)",
                         [(key, rowid) for key in keys])
        conn.execute("insert into story_prints (article, signature, shingles) values (?, ?, ?)",
                     [rowid, print_.signature, print_.shingles])
    conn.execute("update articles set story = ? where rowid = ?", [story, rowid])
    if before and before[0] is not None and before[0] != story:
        refresh_story(conn, before[0])  # the story it left
    refresh_story(conn, story)
    return story


def story_copies(conn: Any, url: str) -> list[dict]:
    """The other articles of a URL's story, oldest first: site, published, title, url."""
    rows = conn.execute(
        "select other.site, other.published, other.title, other.url from articles this "
        "join articles other on other.story = this.story and other.url != this.url "
        "where this.url = ? order by coalesce(other.published, '9999'), other.first_seen", [url])
    return [dict(zip(("site", "published", "title", "url"), row, strict=True)) for row in rows]


def top_stories(conn: Any, min_sites: int = 2, since: str | None = None,
                limit: int | None = 50) -> list[dict]:
    """Stories carried by at least ``min_sites`` sites, those carried most widely first; with
    the headline of their first copy."""
    sql = ("select s.story, s.copies, s.sites, s.first_published, s.first_url, s.site_names, a.title "
           "from stories s join articles a on a.url = s.first_url where s.sites >= ?")
    params: list[Any] = [min_sites]
    if since:
        sql += " and s.first_published >= ?"
        params.append(since)
    sql += " order by s.sites desc, s.copies desc, s.first_published desc"
    if limit:
        sql += f" limit {int(limit)}"
    names = ("story", "copies", "sites", "first_published", "first_url", "site_names", "title")
    return [dict(zip(names, row, strict=True)) for row in conn.execute(sql, params)]
