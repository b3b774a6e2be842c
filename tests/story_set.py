"""A test set of syndicated copies, built from the demo's known clean texts: each story with
the copies real syndication makes, and look-alikes that are other stories.

Copies: Traditional on a mirror; a trimmed lede with an editor's credit added; paragraphs
reordered; an excerpt of half the paragraphs (of a story of three or more); a mirror's pinyin
and place-name spam, cleaned by the clean stage. Look-alikes: another story under this one's
first sentence (it stays that other story's copy); different stories that end with the same
boilerplate; the same kind of event on another day, written by hand. ``pairs`` scores a
grouping against the known one.
"""

from __future__ import annotations

import itertools
import random
import re

from crawler.demo.render import demo_articles, inject_pinyin, spam_block
from crawler.text.clean import clean_text

BOILERPLATE = ("本文来源于县融媒体中心，转载请注明出处。欢迎关注县人社局微信公众号，及时获取最新招聘信息、"
               "就业政策和职业技能培训安排。")
# The same kind of event, another year: the same county, the same template, other facts
SAME_EVENT = [
    ("3月8日，青川县2023年“春风行动”暨就业援助月专场招聘会在县城滨河广场举行。县人社局组织县内外64家企业参会，提供"
     "纺织、电子、家政等岗位2600余个，吸引4100余名求职者到场，现场初步达成就业意向870人，其中脱贫劳动力310人。",
     "2月27日，青川县2024年“春风行动”暨就业援助月专场招聘会在县体育馆举行。县人社局邀请省内外71家企业参会，提供"
     "汽车零部件、电商客服、物流仓储等岗位3300余个，3600余名群众进场求职，初步达成就业意向760人，其中脱贫劳动力285人。"),
    ("5月21日，旺苍县首批6家就业帮扶车间在嘉川镇、木门镇等地挂牌。车间以茶叶分拣、竹编和箱包加工为主，目前吸纳周边"
     "群众198人务工，其中脱贫人口和监测对象87人，人均月增收1900元，实现了挣钱顾家两不误。",
     "10月9日，旺苍县第二批9家就业帮扶车间在张华镇、白水镇等地挂牌。新车间主要从事食用菌采摘、服装缝制和电子元件组装，"
     "吸纳周边群众263人务工，其中脱贫人口和监测对象112人，人均月增收2100元，群众在家门口就有了稳定收入。"),
]


def _sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？])", paragraph) if s]


def story_set() -> list[tuple[str, str, str]]:
    """(url, text, story) for every article of the set; ``story`` is the known grouping."""
    rng = random.Random(20261203)
    import opencc

    to_traditional = opencc.OpenCC("s2t")
    articles = [a for a in demo_articles() if len(a.paragraphs) >= 2]
    items: list[tuple[str, str, str]] = []
    for index, article in enumerate(articles):
        story, paragraphs = article.copy_of or article.slug, list(article.paragraphs)  # demo copies too
        base = paragraphs + ([BOILERPLATE] if index % 2 else [])
        slug = article.slug
        items.append((f"http://origin.test/{slug}", "\n".join(base), story))
        items.append((f"http://mirror.test/{slug}", to_traditional.convert("\n".join(paragraphs)), story))
        first = _sentences(paragraphs[0])
        trimmed = ["".join(first[1:]) or paragraphs[0], *paragraphs[1:], "（编辑：王晓 审核：李明）"]
        items.append((f"http://trimmed.test/{slug}", "\n".join(p for p in trimmed if p), story))
        reordered = paragraphs[1:] + paragraphs[:1]
        items.append((f"http://reordered.test/{slug}", "\n".join(reordered), story))
        if len(paragraphs) >= 3:  # half of two paragraphs may be the lede alone: no excerpt
            half = paragraphs[: (len(paragraphs) + 1) // 2]
            items.append((f"http://excerpt.test/{slug}", "\n".join(half), story))
        spammed = [inject_pinyin(p, "toneless", rng) for p in paragraphs]
        spammed.insert(len(spammed) // 2, spam_block(rng))
        items.append((f"http://spam.test/{slug}", clean_text("\n".join(spammed)).text, story))
    for index, article in enumerate(articles):
        # the next story under this one's lede: a copy of the next story, not of this one
        other = articles[(index + 1) % len(articles)]
        lede = _sentences(article.paragraphs[0])[0]
        rest = _sentences(other.paragraphs[0])[1:]
        text = "\n".join([lede + "".join(rest), *other.paragraphs[1:]])
        items.append((f"http://lede.test/{article.slug}", text, other.copy_of or other.slug))
    for number, pair in enumerate(SAME_EVENT):
        for year, text in enumerate(pair):
            items.append((f"http://event.test/{number}/{year}", text, f"event-{number}-{year}"))
    return items


def pairs(predicted: dict[str, object], known: dict[str, str]) -> tuple[float, float, int, int]:
    """Pairwise precision and recall of a grouping (url -> group) against the known one, and
    the pairs each holds together."""
    urls = sorted(known)
    together = {(a, b) for a, b in itertools.combinations(urls, 2) if known[a] == known[b]}
    found = {(a, b) for a, b in itertools.combinations(urls, 2) if predicted[a] == predicted[b]}
    right = len(together & found)
    return (right / len(found) if found else 1.0, right / len(together) if together else 1.0,
            len(found), len(together))
