"""Places in the archive: the divisions (``places``), which articles name them
(``article_places``), and per article the provinces and cities it is about (``articles.provinces``,
``articles.cities``: JSON lists, datasette's array facets).

Written in the article's own transaction, like its search entry and its story.
"""

from __future__ import annotations

import json
from typing import Any

from crawler.text.places import Place, PlaceMention, divisions


def create_place_tables(conn: Any) -> None:
    """The places tables, where they are not yet (a schema step); ``places`` holds every
    division, so that a code always has its name, parent and coordinates."""
    columns = {row[1] for row in conn.execute("pragma table_info(articles)")}
    for column in ("provinces", "cities"):
        if column not in columns:
            conn.execute(f"alter table articles add column {column} text")
    if not conn.execute("select 1 from sqlite_master where name = 'places'").fetchone():
        conn.execute("create table places (code text primary key, name text not null, level text not null, "
                     "parent text references places(code), province text, latitude real, longitude real)")
        conn.execute("create index places_province on places(province)")
        conn.executemany("insert into places values (?, ?, ?, ?, ?, ?, ?)",
                         [(p.code, p.name, p.level, p.parent, p.province, p.latitude, p.longitude)
                          for p in divisions().values()])
    conn.execute("create table if not exists article_places (article text not null references articles(url), "
                 "place text not null references places(code), mentions integer not null, "
                 "about integer not null, primary key (article, place)) without rowid")
    conn.execute("create index if not exists article_places_place on article_places(place)")


def about_regions(mentions: list[PlaceMention]) -> tuple[list[str], list[str]]:
    """The provinces and the prefecture-level cities an article is about: those of the places
    it is about, and the ones they are in."""
    places = divisions()
    provinces: dict[str, None] = {}
    cities: dict[str, None] = {}
    for mention in mentions:
        if not mention.about or mention.code not in places:
            continue
        place: Place | None = places[mention.code]
        while place is not None:
            if place.level == "province":
                provinces[place.name] = None
            elif place.level == "city":
                cities[place.name] = None
            place = places.get(place.parent) if place.parent else None
    return list(provinces), list(cities)


def record_places(conn: Any, url: str, mentions: list[PlaceMention]) -> None:
    """An article's places, replacing what was recorded of it; inside the caller's transaction."""
    conn.execute("delete from article_places where article = ?", [url])
    conn.executemany("insert into article_places (article, place, mentions, about) values (?, ?, ?, ?)",
                     [(url, m.code, m.mentions, int(m.about)) for m in mentions])
    provinces, cities = about_regions(mentions)
    conn.execute("update articles set provinces = ?, cities = ? where url = ?",
                 [json.dumps(provinces, ensure_ascii=False), json.dumps(cities, ensure_ascii=False), url])


# The provinces a name, the start of one (福建) or a code answers to
_PROVINCES = "select code from places where level = 'province' and (code = ? or name like ? || '%')"


def province_codes(conn: Any, province: str) -> list[str]:
    """The codes of the provinces ``province`` answers to (a name, its start, or a code)."""
    return [code for (code,) in conn.execute(_PROVINCES, [province, province])]


def top_places(conn: Any, province: str | None = None, limit: int | None = 50) -> list[dict]:
    """Places by how many articles are about them (then how many name them); ``province``
    (a name, its start, or a code) narrows them to one province."""
    sql = ("select p.code, p.name, p.level, pp.name, count(*) filter (where ap.about = 1), count(*) "
           "from article_places ap join places p on p.code = ap.place "
           "left join places pp on pp.code = p.province ")
    params: list[Any] = []
    if province:
        sql += f"where p.province in ({_PROVINCES}) "
        params += [province, province]
    sql += "group by p.code order by 5 desc, 6 desc, p.code"
    if limit:
        sql += f" limit {int(limit)}"
    names = ("code", "name", "level", "province", "about", "mentions")
    return [dict(zip(names, row, strict=True)) for row in conn.execute(sql, params)]
