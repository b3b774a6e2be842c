"""Where the news is about (issue 18): every administrative division a text names, resolved to its
code; the archive's places tables, facets, canned queries and ``newsarchive places``."""

from __future__ import annotations

import json

import pytest

from crawler.archive.store import open_archive
from crawler.text.fold import fold
from crawler.text.places import divisions, find_places, gazetteer
from tests.conftest import newsarchive, query
from tests.places_gold import HELD_OUT, TUNED, gold_codes
from tests.test_search import datasette_get


def _scores(rows: list[tuple[str, str]]) -> tuple[float, float]:
    found = correct = wanted = 0
    for text, entry in rows:
        gold = set(gold_codes(entry))
        got = {mention.code for mention in find_places(text)}
        found, correct, wanted = found + len(got), correct + len(got & gold), wanted + len(gold)
    return correct / found, correct / wanted


def test_the_gold_names_its_places_as_the_gazetteer_does():
    places = divisions()
    for _, entry in TUNED + HELD_OUT:
        for code, name in gold_codes(entry).items():
            assert places[code].name == name, (code, name)
    assert len(TUNED) + len(HELD_OUT) >= 60


@pytest.mark.parametrize("rows", [TUNED, HELD_OUT, TUNED + HELD_OUT], ids=["tuned", "held-out", "all"])
def test_places_are_found_with_their_codes_precisely(rows):
    precision, recall = _scores(rows)
    assert precision >= 0.97 and recall >= 0.95, (precision, recall)


def test_a_name_several_divisions_bear_goes_to_the_one_the_text_places_it_in():
    def named(text: str, home: str | None = None) -> set[str]:
        return {divisions()[m.code].name + m.code for m in find_places(text, home=home)}

    assert named("福州市鼓楼区举办招聘会。") == {"福州市350100", "鼓楼区350102"}
    assert named("南京市鼓楼区举办招聘会。") == {"南京市320100", "鼓楼区320106"}
    assert named("鼓楼区举办招聘会。") == set()  # four cities have one: none is guessed
    assert named("鼓楼区举办招聘会。", home="350100") == {"鼓楼区350102"}  # the site's own region
    assert named("北京市朝阳区") == {"北京市110000", "朝阳区110105"}
    assert named("朝阳产业") == named("张朝阳发言") == named("中山路上") == set()
    # a name before an unfinished longer one (五大连池, cut off at the line's end) is still found
    assert [m.mentions for m in find_places("辽宁大连。今年第五大连") if m.code == "210200"] == [2]


def test_reporting_short_and_former_names_and_both_scripts_are_one():
    codes = lambda text: [m.code for m in find_places(text)]  # noqa: E731
    assert codes("湘西州") == codes("湘西土家族苗族自治州") == codes("湘西自治州") == ["433100"]
    assert codes("濟南市") == codes("济南市") == ["370100"]
    assert codes("2016年的武隆县") == codes("武隆区") == ["500156"]  # renamed 2016


def test_a_line_of_place_names_alone_is_spam_not_places():
    spam = "乌鲁木齐市| 阿拉善右旗| 平顺县| 阿图什市| 莲花县| 长丰县| 双鸭山市|"
    assert find_places(spam) == []
    sentence = "对来自湖南省湘西州7个县、重庆市武隆区和山东省临沂市4个县务工人员给予补贴。"
    assert len(find_places(sentence)) == 6


def test_the_article_is_about_its_headline_lede_and_most_named_places():
    text = "福州市人社局组织企业赴定西市招聘。\n" + "正文。" * 80 + "\n据悉，宁波市也有企业参加。"
    about = {divisions()[m.code].name: m.about for m in find_places(text, "福州定西劳务协作")}
    assert about == {"福州市": True, "定西市": True, "宁波市": False}


def test_the_seeds_through_import_name_their_places_and_none_of_the_spam(shared, tmp_path):
    db_path = tmp_path / "seeds.db"
    newsarchive("import", *map(str, sorted((shared / "seeds").glob("*.txt"))), "--db", str(db_path))
    rows = query(db_path, "select a.url, p.name, ap.about from article_places ap "
                          "join articles a on a.url = ap.article join places p on p.code = ap.place")
    named = {}
    for url, name, about in rows:
        named.setdefault(url.rsplit("/", 1)[-1][:3], {})[name] = about
    assert named["000"]["福州市"] and named["000"]["定西市"]
    assert {"济南市", "湘西土家族苗族自治州", "武隆区", "临沂市", "黄冈市",
            "沂水县", "沂南县", "费县", "蒙阴县"} <= set(named["003"])
    seed = next((shared / "seeds").glob("001_*.txt")).read_text("utf-8", errors="replace")
    spam_lines = [line for line in seed.split("\n") if line.count("|") >= 5]
    assert spam_lines
    spam = {name.strip() for line in spam_lines for name in line.split("|") if name.strip()}
    elsewhere = fold("\n".join(line for line in seed.split("\n") if line not in spam_lines))
    only_in_spam = {name for name in spam if fold(name) not in elsewhere and name in gazetteer().names}
    assert len(only_in_spam) >= 10
    assert not only_in_spam & set(named["001"])
    provinces = json.loads(query(db_path, "select provinces from articles where url like '%000_%'")[0][0])
    assert provinces == ["福建省", "甘肃省"]


def test_newsarchive_places_lists_and_narrows(shared, tmp_path):
    db_path = tmp_path / "seeds.db"
    newsarchive("import", *map(str, sorted((shared / "seeds").glob("*.txt"))), "--db", str(db_path))
    listed = newsarchive("places", "--db", str(db_path), "--json").stdout
    rows = [json.loads(line) for line in listed.splitlines()]
    assert rows[0]["about"] >= rows[-1]["about"]
    shandong = newsarchive("places", "--db", str(db_path), "--province", "山东", "--json").stdout.splitlines()
    assert shandong and all(json.loads(line)["province"] == "山东省" for line in shandong)
    failed = newsarchive("places", "--db", str(db_path), "--province", "火星", check=False)
    assert failed.returncode == 1 and "no province is called" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_an_archive_made_before_places_gets_them_on_reprocess(shared, tmp_path):
    db_path = tmp_path / "old.db"
    newsarchive("import", str(next((shared / "seeds").glob("003_*.txt"))), "--db", str(db_path))
    db = open_archive(db_path)
    with db.conn:  # as an archive made before places were
        db.execute("delete from article_places")
        db.execute("update articles set provinces = null, cities = null")
    db.close()
    assert "have no places yet" in newsarchive("places", "--db", str(db_path)).stderr
    newsarchive("reprocess", "--db", str(db_path), "--processes", "1")
    assert query(db_path, "select count(*) from article_places")[0][0] >= 9
    assert "湘西土家族苗族自治州" in query(db_path, "select cities from articles")[0][0]


def test_datasette_facets_by_province_and_city_and_pairs_places(demo_run):
    db = demo_run[0]
    name = db.stem
    _, (table, pairs, mapped) = datasette_get(
        db, f"/{name}/articles.json?_size=0", f"/{name}/place_pairs.json?_shape=objects&level=city",
        f"/{name}/places_map.json?_shape=objects&province=")
    facets = table.json()["facet_results"]
    facets = facets.get("results", facets)  # datasette 0.65 and 1.0 nest them differently
    provinces = {row["value"]: row["count"] for row in facets["provinces"]["results"]}
    assert provinces.get("浙江省", 0) >= 3 and "河南省" in provinces
    assert {row["value"] for row in facets["cities"]["results"]} >= {"宁波市", "福州市"}
    found = {(row["place"], row["other_place"]) for row in pairs.json()["rows"]}
    assert ("福州市", "定西市") in found  # labour cooperation: a receiving and a sending city
    rows = mapped.json()["rows"]
    assert rows and all(row["latitude"] and row["longitude"] for row in rows)
    ningbo = next(row for row in rows if row["name"] == "宁波市")
    assert 29 < ningbo["latitude"] < 30.5 and 121 < ningbo["longitude"] < 122.5


ARTICLE = ("<html><head><meta charset='utf-8'><title>鼓楼区举办就业援助月招聘会</title></head><body>"
           "<article><h1>鼓楼区举办就业援助月招聘会</h1>"
           + "<p>2月18日，鼓楼区人社局在区人力资源市场举办就业援助月专场招聘会，56家企业提供岗位1800余个，"
             "当天进场求职者1200余人，初步达成就业意向410人，其中就业困难人员96人。</p>" * 3
           + "</article></body></html>")


def test_a_sites_region_settles_the_names_its_articles_leave_open(tmp_path):
    """A crawl of a local site: 鼓楼区 alone is four cities' district, and is left out; the same
    site with region = "福州市" archives it as Fuzhou's, and reprocess keeps it so."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    root = tmp_path / "site"
    (root / "news").mkdir(parents=True)
    (root / "index.html").write_text("<html><body><a href='/news/20240218_1.html'>招聘会</a></body></html>")
    (root / "news" / "20240218_1.html").write_text(ARTICLE, encoding="utf-8")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = f"127.0.0.1:{server.server_address[1]}"
    try:
        found = {}
        for region in ("", 'region = "福州市"'):
            sites = tmp_path / f"sites{len(found)}.toml"
            sites.write_text(f'[[site]]\nname = "gulou"\nstart_urls = ["http://{host}/"]\n'
                             f'allowed_domains = ["{host}"]\n'
                             "article_patterns = ['/news/\\d+_\\d+\\.html$']\n"
                             f"{region}\n", encoding="utf-8")
            db = tmp_path / f"gulou{len(found)}.db"
            newsarchive("crawl", "gulou", "--db", str(db), "--sites-file", str(sites),
                        "--log-level", "WARNING")
            assert query(db, "select count(*) from articles") == [(1,)]
            found[region] = query(db, "select place from article_places")
            if region:
                newsarchive("reprocess", "--db", str(db), "--sites-file", str(sites), "--processes", "1")
                assert query(db, "select place from article_places") == found[region]
    finally:
        server.shutdown()
    assert found[""] == []
    assert found['region = "福州市"'] == [("350102",)]


def test_a_region_that_names_no_single_division_is_a_config_error():
    from crawler.sites import SiteConfigError, parse_sites

    site = {"name": "s", "start_urls": ["http://127.0.0.1/"], "allowed_domains": ["127.0.0.1"],
            "article_patterns": ["/a/"]}
    assert parse_sites({"site": [{**site, "region": "福州"}]})[0].region == "350100"
    for wrong in ("鼓楼区", "火星"):  # four districts; none
        with pytest.raises(SiteConfigError, match="names no single division"):
            parse_sites({"site": [{**site, "region": wrong}]})
