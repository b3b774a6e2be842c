"""Stories in the archive: articles that carry the same text, linked across sites and time.

Each article's fingerprint (``crawler.text.fingerprint``) is kept beside it (``story_prints``)
with its band keys (``story_bands``): an article shares a key with the articles worth
comparing. Written in the article's own transaction, so a copy crawled next month on another
site joins the story found today. ``articles.story`` names the story: the rowid of the article
that began it (an article with no copy has its own); the ``stories`` view says, per story, its
first URL and date, how many copies and sites carried it, and which.
"""

from __future__ import annotations

from typing import Any

from crawler.text.fingerprint import Fingerprint, band_keys, fingerprint, same_story, shared_shingles

# Candidates compared for one article, those sharing the most bands first: more is a template
# shared by a site's every page, not a story
MAX_CANDIDATES = 200

def first_copy_url(story: str) -> str:
    """SQL for the URL of the first copy of the story ``story`` (an SQL expression): the
    earliest published, then the first seen."""
    return (f"(select first.url from articles first where first.story = {story} "
            "order by coalesce(first.published, '9999'), first.first_seen, first.rowid limit 1)")


STORIES_VIEW = f"""
create view stories as
select story,
       count(*) as copies,
       count(distinct site) as sites,
       min(published) as first_published,
       {first_copy_url("articles.story")} as first_url,
       group_concat(distinct site) as site_names
from articles
where story is not null
group by story
"""


def create_story_tables(conn: Any) -> None:
    """The story index and view, where they are not yet (a schema step)."""
    columns = {row[1] for row in conn.execute("pragma table_info(articles)")}
    if "story" not in columns:
        conn.execute("alter table articles add column story integer")
    conn.execute("create index if not exists articles_story on articles(story)")
    conn.execute("create table if not exists story_prints "
                 "(article integer primary key, signature blob not null, shingles integer not null)")
    conn.execute("create table if not exists story_bands (key integer not null, article integer not null, "
                 "primary key (key, article)) without rowid")
    conn.execute("create index if not exists story_bands_article on story_bands(article)")
    conn.execute("drop view if exists stories")
    conn.execute(STORIES_VIEW)


def assign_story(conn: Any, rowid: int, text: str | None, print_: Fingerprint | None = None) -> int:
    """Find the story of the article at ``rowid`` (its fingerprint: ``print_``, or made from
    ``text``), record its fingerprint, and set ``articles.story``; inside the caller's
    transaction. Returns the story."""
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
