"""Blocks of a page that are not its article, found in the tree before extraction.

Text-level cleaning sees lines; some furniture is plainer in the markup, where a line's
links, its siblings and its heading are still known. Each step is a kind of block:

- announced blocks: a heading that stands alone and names a block of other links or a
  notice (``为你推荐``, ``热帖``, ``相关新闻``); it and what follows it in its container go.
  Extractors drop such a heading and keep the teasers under it.
- labelled link runs: a label that names other links and holds them (``延伸阅读：<a>…</a>``)
  inside the article, with the link-only siblings after it; the paragraphs around stay.
- record lists: four or more sibling records, each led by a headline link (a title, maybe a
  summary and a date): lists of other articles, with or without a heading.
- definition pairs: a ``<dt>`` term and its ``<dd>`` are one line, ``term：definition``
  (infoboxes of reference pages), not two short lines that read as a menu; so are a table
  cell that labels (``发文机关：``) and the cell after it (disclosure tables over notices).
- login boxes: the fields around a password field, with their labels and messages.
- comment sections: around a box a reader writes in, the elements named for comments.
- repeated tables: a table whose cells all repeat an earlier table's (a pop-up copy).
- another language's version: a block written in another script of China (Uyghur, Tibetan,
  Mongolian, Korean) on a page whose headline is Chinese: the article's translation or its
  summary, which extractors take for the article when it is the longer.
- layout list items: a ``<li>`` holding paragraphs is a page column, not a list item
  (``<ul class="two-column"><li>``); extractors read a list item as one line, so the whole
  article became one line with the page around it.

Settings are in ``crawler/rules/clean.toml``, ``[blocks]``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

import lxml.etree
import lxml.html

from crawler.text.han import HAN_CHAR, OTHER_SCRIPT, SENTENCE_STOP
from crawler.text.rules import BlockRules, Rules, any_of, load_rules

_DOCUMENT_LINK = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|zip|rar|wps|txt)(\?|$)", re.I)
# (read in text without its spaces too: 07月18日16:40); a post's time as forums show it lately
# (6 天前, 3 小时前, 昨天 21:15)
_DATE = re.compile(r"(?:19|20)\d{2}\s*[-./年]\s*\d{1,2}|\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?\s*\d{1,2}:\d{2}"
                   r"|\d{1,3}\s*(?:分钟|分鐘|小时|小時|天|周|週)前|(?:昨天|前天)\s*\d{1,2}:\d{2}")


def visible_chars(text: str | None) -> int:
    """How many characters a text shows: whitespace does not count."""
    return len("".join((text or "").split()))


def _text(el: lxml.html.HtmlElement) -> str:
    return "".join((el.text_content() or "").split())


# Marks the paragraphs an infobox's pairs were written as (below): a reference page's summary
# before its sections takes them too (extract.summary_before_text)
INFOBOX_PAIR = "data-infobox-pair"


def replace_with_paragraphs(el: lxml.html.HtmlElement, texts: list[str],
                            attributes: dict[str, str] | None = None) -> lxml.html.HtmlElement:
    """Put in the element's place a <div> of one paragraph for each of ``texts`` (its tail
    kept after it), each with ``attributes``; return the <div>."""
    box = lxml.html.Element("div")
    for text in texts:
        lxml.etree.SubElement(box, "p", attributes or {}).text = text
    box.tail = el.tail
    el.getparent().replace(el, box)
    return box


def link_chars(el: lxml.html.HtmlElement) -> int:
    """How many characters an element shows inside its links."""
    return sum(visible_chars(a.text_content()) for a in el.iter("a"))


# an element's text as a reader sees it: a script's code or a style sheet is none of it
_SHOWN_TEXT = lxml.etree.XPath(".//text()[not(parent::script or parent::style)]", smart_strings=False)


def shown_text(el: lxml.html.HtmlElement) -> str:
    if next(el.iter("script", "style"), None) is None:  # most elements: their whole text
        return el.text_content()
    return "".join(_SHOWN_TEXT(el))


def chars_outside_links(el: lxml.html.HtmlElement) -> int:
    """How many characters an element shows outside its links."""
    return visible_chars(shown_text(el)) - link_chars(el)


def _is_element(el: object) -> bool:
    return isinstance(getattr(el, "tag", None), str)


_ITEMS_OF_BLOCKS = lxml.etree.XPath("//li[count(.//p) >= 2 or count(div | p) >= 2]")


def unwrap_layout_items(tree: lxml.html.HtmlElement, rules: BlockRules) -> int:
    """Retag list items that hold paragraphs of text (page columns) as ``<div>``; returns how
    many. Their list becomes a ``<div>`` too, so that nothing reads the column as an item."""
    changed = 0
    # (the items that hold two paragraphs or two blocks at all, found first: a menu's many
    # items hold neither)
    for item in _ITEMS_OF_BLOCKS(tree):
        paragraphs = [p for p in item.iter("p") if visible_chars(p.text_content()) >= rules.paragraph_chars]
        if (len(paragraphs) >= 2 and visible_chars(item.text_content()) >= rules.layout_item_chars) \
                or _is_entry(item, rules):
            item.tag = "div"
            parent = item.getparent()
            if parent is not None and parent.tag in ("ul", "ol"):
                parent.tag = "div"
            changed += 1
    return changed


_SENTENCE_END = re.compile(r"[。！？!?；;，,]$")


def _is_entry(item: lxml.html.HtmlElement, rules: BlockRules) -> bool:
    """Whether a list item is an entry of blocks, no link among them: a live report's (its
    time and text, its picture's caption, its likes), read as those blocks, not one bullet.
    A list of headlines and their summaries links each."""
    if item.find(".//a") is not None:
        return False
    blocks = [child for child in item if isinstance(child.tag, str) and child.tag in ("div", "p")
              and visible_chars(child.text_content())]
    return len(blocks) >= 2 and any(visible_chars(b.text_content()) >= rules.paragraph_chars
                                    and SENTENCE_STOP.search(b.text_content()) for b in blocks)


def _terms(dl: lxml.html.HtmlElement) -> tuple[str, ...]:
    return tuple(_text(dt) for dt in dl.iter("dt"))


def join_definition_pairs(tree: lxml.html.HtmlElement, rules: BlockRules) -> int:
    """Write each short ``<dt>`` term and the ``<dd>`` after it as one paragraph, ``term
    definition``; returns how many pairs."""
    joined = 0
    # a list whose terms another list on the page repeats is a template's (a profile card
    # beside each forum post: 积分, 帖子, 注册时间), not the article's own infobox
    terms = {dl: _terms(dl) for dl in tree.iter("dl")}
    seen: dict[tuple[str, ...], int] = {}
    for found in terms.values():
        seen[found] = seen.get(found, 0) + 1
    for term in list(tree.iter("dt")):
        owner = term.getparent()
        if owner is not None and seen.get(terms.get(owner, ()), 0) > 1:
            continue
        definition = term.getnext()
        if definition is None or definition.tag != "dd" or term.find(".//a") is not None:
            continue
        if any(_is_element(el) and el.tag in _BLOCK_TAGS | {"script", "style"} for el in definition.iter()
               if el is not definition):
            continue  # a definition that holds paragraphs is text of its own, not a value
        shown = " ".join(term.text_content().split())
        label = shown.rstrip(":：")
        value = " ".join(definition.text_content().split())
        if not label or not value or len(label) > rules.term_max_chars or _SENTENCE_END.search(label) \
                or len(value) > rules.definition_max_chars:
            continue
        paragraph = lxml.html.Element("p", {INFOBOX_PAIR: ""})
        paragraph.text = side_by_side(shown, value)
        definition.drop_tree()
        term.getparent().replace(term, paragraph)
        joined += 1
    return joined


def side_by_side(name: str, value: str) -> str:
    """A name and its value as the page shows them side by side: after the name's own colon,
    else after a space."""
    return f"{name}{value}" if name.endswith((":", "：")) else f"{name} {value}"


def _name_value(item: lxml.html.HtmlElement, rules: BlockRules) -> tuple[str, str] | None:
    """An item's name (as shown, its colon kept) and value, where it holds just two elements
    of text and no link, the first a short name (中文名, 所属地区)."""
    parts = [el for el in item if _is_element(el)]
    # (the two may be divs themselves, with no block inside: a React box's name and value)
    if len(parts) != 2 or (item.text or "").strip() or item.find(".//a") is not None \
            or any(_is_element(el) and el.tag in _BLOCK_TAGS
                   for part in parts for el in part.iterdescendants()):
        return None
    name, value = (" ".join(part.text_content().split()) for part in parts)
    label = name.rstrip(":：")
    if not label or not value or len(label) > rules.term_max_chars or _SENTENCE_END.search(label) \
            or len(value) > rules.definition_max_chars:
        return None
    return name, value


def join_name_value_items(tree: lxml.html.HtmlElement, rules: BlockRules) -> int:
    """Write each item of an infobox laid out as name and value side by side (<div class="item">
    <span>中文名</span><span>镇原焊工</span></div>, at least ``min_records`` items of one shape)
    as one paragraph, ``name：value``; returns how many items. trafilatura dropped such boxes
    whole. Items with a link are a list of other articles, and a box whose names another box
    on the page repeats is a template's (a profile card beside each post)."""
    boxes: dict[lxml.html.HtmlElement, list[tuple[lxml.html.HtmlElement, tuple[str, str]]]] = {}
    # the boxes: what holds the items that hold the spans (or hold the value's element that
    # holds its span: <div class="item"><div>中文名</div><div><span>青禾…</span></div></div>)
    holders = {span.getparent() for span in tree.iter("span")} - {None}
    around = {holder.getparent() for holder in holders} - {None}
    containers = (el.getparent() for el in (*holders, *around) if el.getparent() is not None)
    for container in dict.fromkeys(containers):
        items = [el for el in container if _is_element(el)]
        if len(items) < rules.min_records or len({(el.tag, el.get("class")) for el in items}) != 1:
            continue
        pairs = [(item, pair) for item in items if (pair := _name_value(item, rules))]
        if len(pairs) == len(items):
            boxes[container] = pairs
    # (a box's names, colons aside: the same in two boxes, a template's)
    names = {box: tuple(name.rstrip(":：") for _, (name, _) in pairs) for box, pairs in boxes.items()}
    repeated = Counter(names.values())
    joined = 0
    for box, pairs in boxes.items():
        if repeated[names[box]] > 1:
            continue
        for item, (name, value) in pairs:
            paragraph = lxml.html.Element("p", {INFOBOX_PAIR: ""})
            paragraph.text, paragraph.tail = side_by_side(name, value), item.tail
            item.getparent().replace(item, paragraph)
            joined += 1
    return joined


# A table named an infobox (Wikipedia's infobox, 百科's basic-info, 基本信息's jbxx)
_INFOBOX_NAMES = re.compile(r"infobox|basic-?info|baseinfo|jbxx", re.I)


def infobox_tables_as_paragraphs(tree: lxml.html.HtmlElement, rules: BlockRules) -> int:
    """Write a table named an infobox as paragraphs, ``label value`` a pair of cells (a row
    of a label and its value, or two such side by side), at least ``min_records`` pairs;
    returns how many tables. trafilatura dropped the rows whose value is a link (隶属 湖南省),
    and the row of the entry's name and its map with them."""
    changed = 0
    for table in list(tree.iter("table")):
        # (one that holds a table is a layout's)
        if not _INFOBOX_NAMES.search(f"{table.get('class', '')} {table.get('id', '')}") \
                or next(islice(table.iter("table"), 1, None), None) is not None:
            continue
        pairs = []
        for row in table.iter("tr"):
            cells = [" ".join(cell.text_content().split()) for cell in row
                     if _is_element(cell) and cell.tag in ("th", "td")]
            if len(cells) not in (2, 4):
                continue
            for label, value in zip(cells[0::2], cells[1::2], strict=True):
                label = label.rstrip(":：")
                if label and value and len(label) <= rules.term_max_chars \
                        and not _SENTENCE_END.search(label) and len(value) <= rules.definition_max_chars:
                    pairs.append(f"{label} {value}")
        if len(pairs) < rules.min_records:
            continue
        replace_with_paragraphs(table, pairs, {INFOBOX_PAIR: ""})
        changed += 1
    return changed


def join_label_cells(tree: lxml.html.HtmlElement, rules: BlockRules) -> int:
    """Write a table cell that is a label (``发文机关：``, short, ending in a colon) and the cell
    after it as one cell, ``label：value``; returns how many. Information-disclosure tables over
    government notices are laid out so, and read cell by cell the value lost its label (a date
    alone reads as the dateline)."""
    joined = 0
    for label in list(tree.iter("td")):  # a <th> heads a column of data
        value = label.getnext()
        if value is None or value.tag != "td" or label.find(".//a") is not None:
            continue
        short = _short_text(label, rules.term_max_chars + 1)  # most cells are long: not built
        if not short or not short.endswith((":", "：")):
            continue
        name = " ".join(label.text_content().split())
        if any(_is_element(el) and el.tag in _BLOCK_TAGS for el in value.iterdescendants()):
            continue
        text = " ".join(value.text_content().split())
        if not text or len(text) > rules.definition_max_chars or text.endswith((":", "：")):
            continue  # an empty value, and the next label, stay as they are
        for child in list(label):
            label.remove(child)
        label.text = f"{name.rstrip(':：')}：{text}"
        value.drop_tree()  # its tail stays
        joined += 1
    return joined


def _short_text(el: lxml.html.HtmlElement, limit: int) -> str | None:
    """The element's text without whitespace, or None once it passes ``limit`` characters
    (most elements are long: their text is not built)."""
    out, size = [], 0
    for piece in el.itertext():
        piece = "".join(piece.split())
        size += len(piece)
        if size > limit:
            return None
        out.append(piece)
    return "".join(out)


# a heading's own control after its words: 参考资料 展开, 热点新闻 更多>>
_HEADING_CONTROL = re.compile(r"(展开|展開|收起|更多|查看更多|全部)?[>»›]*$")


def _announcing(el: lxml.html.HtmlElement, rules: BlockRules) -> bool:
    text = _short_text(el, rules.heading_max_chars)
    words = _HEADING_CONTROL.sub("", text, count=1) if text else ""
    return bool(words) and any_of(rules.headings).fullmatch(words) is not None


_BLOCK_TAGS = {"p", "div", "table", "ul", "ol", "dl", "section", "article", "blockquote", "form",
               "h1", "h2", "h3", "h4", "h5", "h6", "center", "pre", "header", "footer", "nav", "aside"}


# blocks with no block inside and text of their own, found in C
# (the test of its own text first: it turns most elements away at a tenth of the other's cost)
_LEAF_BLOCKS = lxml.etree.XPath(" | ".join(
    f"//{tag}[text()[normalize-space()]][not({' or '.join(sorted(_BLOCK_TAGS))})]"
    for tag in ("div", "section")))
_PARAGRAPHS_AND_BREAKS = lxml.etree.XPath("//p | //br")


# a headline has at least this many characters (a site's name alone opens many titles too)
HEADLINE_MIN_CHARS = 6


# Least a paragraph under the headline in its box holds to be taken for the article where the
# page's footer holds more text
HEADLINE_BOX_MIN_CHARS = 40
# Cells a table's first row has at the least where the table is a list (序号 单位 县区 岗位数),
# not a form (a label and its value)
LIST_TABLE_CELLS = 3


def _row_cells(table: lxml.html.HtmlElement) -> int:
    row = table.find(".//tr")
    return 0 if row is None else sum(1 for cell in row if cell.tag in ("td", "th"))


# How many leaders in turn may lose their template lines before one keeps its place
FURNITURE_ROUNDS = 3


def _paragraph_chars(paragraphs_and_breaks: Iterable[lxml.html.HtmlElement]
                     ) -> Iterator[tuple[lxml.html.HtmlElement | None, int]]:
    """For each <p> and <br>, its parent and the paragraph text it gives it: a <p>'s words and
    the run after it, the run after a <br>."""
    for el in paragraphs_and_breaks:
        own = visible_chars(el.text_content()) if el.tag == "p" else 0
        yield (_box_of(el) if el.tag == "p" else el.getparent()), visible_chars(el.tail) + own


def _box_of(paragraph: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The block a paragraph stands in: its parent, or, where an editor boxed each paragraph
    alone in a <section> (135editor's, WeChat's <section><p>…</p></section>), the element
    around the boxes, whose paragraphs they are. (A <div> alone around a paragraph is as
    often a caption's or a gallery item's box, which stays the paragraph's block.)"""
    parent = paragraph.getparent()
    while parent is not None and parent.tag == "section" and len(parent) == 1 \
            and not (parent.text or "").strip() and not (paragraph.tail or "").strip() \
            and (above := parent.getparent()) is not None and above.tag not in ("body", "html"):
        paragraph, parent = parent, above
    return parent


def main_block(tree: lxml.html.HtmlElement, rules: BlockRules | None = None) -> lxml.html.HtmlElement | None:
    """The element with the most paragraph text directly inside it (its <p>, its leaf <div>s
    less their links, and text runs between <br>): where the article most likely is. No block
    step removes it. With ``rules``: not one inside a column named as a side column (a
    county's introduction beside a news brief), away from the headline (<h1>), while a block
    outside that column holds ``column_main_chars``; nor one in the page's footer (its address
    and licence lines over a short notice that is mostly a table), while a block outside holds
    as much in two paragraphs or more (one is a record: a live post, a comment)."""
    scores: dict[lxml.html.HtmlElement, int] = {}
    paragraphs: dict[lxml.html.HtmlElement, int] = {}

    def count(parent: lxml.html.HtmlElement | None, chars: int) -> None:
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + chars
            paragraphs[parent] = paragraphs.get(parent, 0) + (chars > 0)

    for parent, chars in _paragraph_chars(_PARAGRAPHS_AND_BREAKS(tree)):
        count(parent, chars)
    leaves: dict[lxml.html.HtmlElement, list[tuple[lxml.html.HtmlElement, int]]] = {}
    for el in _LEAF_BLOCKS(tree):
        count(el.getparent(), chars := chars_outside_links(el))
        if chars:
            leaves.setdefault(el.getparent(), []).append((el, chars))
    if not scores:
        return None
    best = max(scores, key=scores.__getitem__)
    # the leading block's leaf <div>s that are template lines (DedeCMS's box: its info line,
    # statement, rule and tags beside the article's own <div>) are not its text: asked of the
    # leader only, a few times, not of every block
    for _ in range(FURNITURE_ROUNDS):
        furniture = sum(chars for div, chars in leaves.pop(best, ())
                        if rules is not None and rules.furniture is not None
                        and rules.furniture.search(" ".join(div.text_content().split())))
        if not furniture:
            break
        scores[best] -= furniture
        best = max(scores, key=scores.__getitem__)
    if rules is None or rules.column_names is None:
        return best
    # an article follows its headline: a block above it (a county's introduction in the column
    # left of the article) gives way to the one after the headline in the headline's box
    # (found once: the footer's and the column's cases below ask for it too)
    headline = headline_element(tree)
    box = headline.getparent() if headline is not None else None
    if box is not None and box.tag not in ("body", "html") and _precedes(best, headline):
        after = [el for el in scores if scores[el] >= HEADLINE_BOX_MIN_CHARS and _inside(el, box)
                 and _precedes(headline, el)]
        if after:
            return max(after, key=scores.__getitem__)
    def in_footer(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
        return next((a for a in (el, *el.iterancestors()) if a.tag == "footer"
                     or (rules.footer_names is not None and _named(a, rules.footer_names))), None)

    lineage = (best, *best.iterancestors())
    footer = in_footer(best)
    if footer is not None:
        # a notice's one paragraph over its table (现予以公示 and its list of names) holds the
        # table's text as well; a form's table (a label and its value a row) is no list
        def held(el: lxml.html.HtmlElement) -> tuple[int, int]:
            tables = [table for table in el.findall("table") if _row_cells(table) >= LIST_TABLE_CELLS]
            return (paragraphs[el] + bool(tables),
                    scores[el] + sum(visible_chars(table.text_content()) for table in tables))

        # (outside every footer: an article's own <footer>, its editor, statement and share bar,
        # is none of its text either)
        outside = {el: held(el) for el in scores if in_footer(el) is None}
        other = max((el for el, (count, _) in outside.items() if count >= 2),
                    key=lambda el: outside[el][1], default=None)
        if other is not None and outside[other][1] >= rules.column_main_chars:
            return other
        # one paragraph under the headline, in the box that holds it (a video's description
        # under its player), is the article's, short as it is; or the one block of the box
        # around that (an <article> whose <header> holds the headline: a list page's box
        # around its name holds many, its items)
        for around, most in ((box, None), (box.getparent() if box is not None else None, 1)):
            if around is None or around.tag in ("body", "html"):
                break
            under = [el for el in outside if _inside(el, around) and not _inside(headline, el)
                     and outside[el][1] >= HEADLINE_BOX_MIN_CHARS]
            if under and (most is None or len(under) <= most):
                return max(under, key=lambda el: outside[el][1])
        # (none: the article is not in paragraphs the block counts, a form's cells or a
        # live page's posts, and no block is known to be it)
        return None
    column = next((a for a in lineage if _named(a, rules.column_names)), None)
    if column is None:
        return best
    # (a column that holds the headline is the article's, whatever its name: right-side)
    if headline is None or _inside(headline, column):
        return best
    outside = [el for el in scores if not _inside(el, column)]
    other = max(outside, key=scores.__getitem__, default=None)
    return other if other is not None and scores[other] >= rules.column_main_chars else best


def _precedes(a: lxml.html.HtmlElement, b: lxml.html.HtmlElement) -> bool:
    """Whether ``a`` comes before ``b`` in the page and does not hold it (nor ``b`` it)."""
    above_a = [a, *a.iterancestors()]
    above_b = [b, *b.iterancestors()]
    held_b = set(above_b)
    common = next((el for el in above_a if el in held_b), None)
    if common is None or common is a or common is b:
        return False
    child_a = above_a[above_a.index(common) - 1]
    child_b = above_b[above_b.index(common) - 1]
    return common.index(child_a) < common.index(child_b)


def _inside(el: lxml.html.HtmlElement, container: lxml.html.HtmlElement) -> bool:
    """Whether ``el`` is ``container`` or stands in it."""
    return el is container or any(a is container for a in el.iterancestors())


def headline_element(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """Where the page shows its headline: the first element of the body whose whole text opens
    the <title> (云溪县举办…招聘会 in 云溪县举办…招聘会_云溪县人民政府), else the first <h1>."""
    page_title = " ".join((tree.findtext(".//title") or "").split())
    body = next(tree.iter("body"), None)
    if page_title and body is not None:
        opening = page_title[:HEADLINE_MIN_CHARS]
        for el in body.iter(lxml.etree.Element):
            # (its own first words open the title: few elements' whole text is read)
            if not (el.text or "").strip().startswith(opening):
                continue
            text = " ".join(shown_text(el).split())
            if len(text) >= HEADLINE_MIN_CHARS and page_title.startswith(text):
                return el
    return next(tree.iter("h1"), None)


# Longest caption read from a picture's wrapper: a longer text beside a picture is a teaser's
CAPTION_MAX_CHARS = 120


def block_paragraph_text(block: lxml.html.HtmlElement, complete: bool = False) -> str:
    """The paragraph text directly inside a block, one line each: its own text, its <p> and its
    leaf <div>s and <section>s, and the text between them (``main_block`` scores much the same,
    less links); ``complete``: its section headings (<h2>…<h6>) and its pictures' boxes
    (a caption under the picture), its lists of words, not links, an item a line, and its
    tables of data, a row a line, too, in place: the article as the block shows it."""
    lines = [block.text or ""]
    wanted = ("p", "h2", "h3", "h4", "h5", "h6") if complete else ("p",)
    for el in block:
        if not _is_element(el):
            continue
        if complete and el.tag in ("ul", "ol") and not link_chars(el):
            lines += [" ".join(shown_text(item).split()) for item in el
                      if _is_element(item) and item.tag == "li"]
        elif complete and (table := _table_alone(el)) is not None and not link_chars(table) \
                and (rows := data_rows(table)) is not None:
            lines += ["  ".join(cell for cell in row if cell) for row in rows]
        elif el.tag in wanted or (el.tag in ("div", "section") and not any(
                _is_element(c) and c.tag in _BLOCK_TAGS for c in el)) \
                or (complete and el.tag in ("div", "figure") and next(el.iter("img"), None) is not None
                    and len(_text(el)) <= CAPTION_MAX_CHARS):
            lines.append(" ".join(shown_text(el).split()))
        lines.append(el.tail or "")
    return "\n".join(line.strip() for line in lines if line.strip())


def _table_alone(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The table an element is, or holds alone (a framework's <div class="table-responsive">)."""
    while el.tag in ("div", "section") and len(el) == 1 and not (el.text or "").strip():
        el = el[0]
    return el if el.tag == "table" else None


# Longest cell of a data table read as rows: a longer one holds a page's text, not a figure
DATA_CELL_MAX_CHARS = 40


def data_rows(table: lxml.html.HtmlElement) -> list[list[str]] | None:
    """A table of data's rows, each its cells' words; None for a table that lays a page out
    (a table inside, a row of one cell, a long cell)."""
    if next(islice(table.iter("table"), 1, None), None) is not None:
        return None
    rows = [[" ".join(cell.text_content().split()) for cell in row if cell.tag in ("td", "th")]
            for row in table.iter("tr")]
    rows = [row for row in rows if any(row)]
    if len(rows) < 2 or any(len(row) < 2 or max(map(len, row)) > DATA_CELL_MAX_CHARS for row in rows):
        return None
    return rows


def _protected(main: lxml.html.HtmlElement | None) -> set[lxml.html.HtmlElement]:
    """The main block and every element that holds it: what no step may drop."""
    return set() if main is None else {main, *main.iterancestors()}


def _attached(el: lxml.html.HtmlElement, root: lxml.html.HtmlElement) -> bool:
    """Whether the element is still in the page: a dropped element keeps its document (lxml's
    ``getroottree`` still finds the page), so its outermost ancestor is asked."""
    for ancestor in el.iterancestors():
        el = ancestor
    return el is root


def drop_announced_blocks(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement | None,
                          rules: BlockRules) -> int:
    """Drop each heading that names a block of other links or a notice, with what follows it
    in its container; returns how many blocks. Where what follows holds the article, the
    heading stood above it after all (a template's label), and nothing goes."""
    dropped = 0
    root = tree.getroottree().getroot()
    protected = _protected(main)
    heading = any_of(rules.headings)
    notice = any_of(rules.notice_headings)
    outside = any_of(rules.outside_headings)
    closing = any_of(rules.closing_headings)
    # headings are found from their text: an element whose own text names such a block, and
    # whose whole text is that name (推荐<b>《平凡的世界》</b>这本书 is a sentence)
    for el in list(tree.iter(lxml.etree.Element)):
        # (most elements' own text is the whitespace before their first child: asked first)
        if not (own := el.text) or len(own) > 4 * rules.heading_max_chars or own.isspace() \
                or el.tag in _CELLS:
            continue
        own = "".join(own.split())
        if len(own) > rules.heading_max_chars or not heading.match(own):
            continue
        # the heading's words may close with a count of its own (热议 <span>3</span>)
        text = _short_text(el, rules.heading_max_chars) if _attached(el, root) else None
        if not text or not text.startswith(own) or not heading.fullmatch(text):
            continue
        # the whole heading may be split (新闻<span>评论</span>) or wrapped: its outermost element
        while el.getparent() is not None and el.getparent().tag not in ("body", "html") \
                and _announcing(el.getparent(), rules):
            el = el.getparent()
        # a wrapped heading (<div class="title"><h2>为你推荐</h2></div>): its wrappers, which
        # hold nothing else, go with it, and what follows the outermost is the block
        head = el
        while head.getparent() is not None and head.getparent().tag not in ("body", "html") \
                and _short_text(head.getparent(), rules.heading_max_chars) == text:
            head = head.getparent()
        if head.getparent() is None or head.tag in ("html", "body"):
            continue
        following = [s for s in head.itersiblings() if _is_element(s)]
        if head in protected or any(s in protected for s in following):
            continue
        closes = bool(closing.fullmatch(text))
        if head.getparent() is main and not closes and not _link_heavy(following, rules):
            continue  # a subheading inside the article, over more of its text
        if outside.fullmatch(text):
            if main is not None and any(a is main for a in head.iterancestors()):
                continue  # inside the article: its own contacts
        elif not notice.fullmatch(text) and not closes and not any(link_chars(s) for s in following):
            continue  # other links are links; a heading over text alone (留言 in a post) is the post's
        for node in [head, *following]:
            node.drop_tree()
        dropped += 1
    return dropped


_CELLS = {"td", "th"}


_BULLETS = "·•●・▪■-|｜"


def _holds_only_links(el: lxml.html.HtmlElement, besides: int = 0) -> bool:
    """Whether an element holds links and nothing else, but ``besides`` characters and a
    separator (· or 、) between each two."""
    links = sum(1 for _ in el.iter("a"))
    return chars_outside_links(el) - besides <= links


# Least links a paragraph of nothing but links holds to be a row of them (便民服务: 天气预报 公积金查询 …;
# 网站地图 | 联系我们 | 使用帮助)
LINK_ROW_MIN_LINKS = 3


def drop_link_rows(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement | None) -> int:
    """Drop each paragraph outside the article's block that holds nothing but links,
    ``LINK_ROW_MIN_LINKS`` or more (a portal's row of services, a column's row of channels):
    beside a short article, trafilatura reads such a row as one more paragraph. Returns how
    many."""
    if main is None:
        return 0
    rows = [p for p in tree.iter("p") if next(p.iter("a"), None) is not None
            and sum(1 for _ in p.iter("a")) >= LINK_ROW_MIN_LINKS and _holds_only_links(p)
            and not _inside(p, main)]
    for row in rows:
        row.drop_tree()
    return len(rows)


def drop_labelled_link_runs(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement | None,
                            rules: BlockRules) -> int:
    """Drop each label that names other links and holds them (``延伸阅读：<a>…</a>``), with the
    siblings after it that hold nothing but links; returns how many runs. Set inside the
    article, between its paragraphs, the run is not the text around it: that stays."""
    dropped = 0
    root = tree.getroottree().getroot()
    protected = _protected(main)
    heading = any_of(rules.headings)
    for el in list(tree.iter(lxml.etree.Element)):
        text = el.text
        if not text or len(text) > 4 * rules.heading_max_chars or ("：" not in text and ":" not in text) \
                or el in protected or el.tag in ("html", "body") or el.getparent() is None:
            continue
        label = "".join(text.split()).rstrip(_BULLETS)
        if not label.endswith((":", "：")) or not heading.fullmatch(label[:-1]):
            continue
        if not _attached(el, root) or not any(_text(a) for a in el.iter("a")):
            continue
        if not _holds_only_links(el, besides=len(label)) or _text_after(el):
            continue
        # the label's paragraph, where it holds nothing else: its siblings are the run's
        inner = _text(el)
        while (parent := el.getparent()) is not None and parent not in protected \
                and parent.tag not in ("body", "html") and _text(parent) == inner:
            el = parent
        run = [el]
        for sibling in el.itersiblings():
            if not _is_element(sibling):
                continue
            if sibling.tag not in ("p", "br", "a", "div", "span", "font", "li") or sibling in protected \
                    or not _holds_only_links(sibling) or _text_after(sibling):
                break
            run.append(sibling)
        for node in run:
            node.drop_tree()
        dropped += 1
    return dropped


def _text_after(el: lxml.html.HtmlElement) -> bool:
    """Whether text follows the element before the next one (text of the paragraph around it)."""
    return bool(el.tail and el.tail.strip())


def _link_heavy(nodes: list[lxml.html.HtmlElement], rules: BlockRules) -> bool:
    text = sum(visible_chars(n.text_content()) for n in nodes)
    return text > 0 and sum(link_chars(n) for n in nodes) >= rules.record_link_share * text


def _leads_with_headline(record: lxml.html.HtmlElement, rules: BlockRules) -> bool:
    """Whether a record opens with a headline link: at most a date's worth of text before a link
    of ``record_link_chars`` or more (a sentence that links a phrase is text)."""
    before = 0
    for piece in record.iter():
        if piece.tag == "a" and visible_chars(piece.text_content()) >= rules.record_link_chars:
            return not _DOCUMENT_LINK.search(piece.get("href") or "")
        if piece.tag == "a":
            continue
        before += visible_chars(piece.text) + (visible_chars(piece.tail) if piece is not record else 0)
        if before > rules.record_lead_chars:
            return False
    return False


def _link_containers(tree: lxml.html.HtmlElement, rules: BlockRules) -> list[lxml.html.HtmlElement]:
    """Elements with at least ``min_records`` children that hold a long enough link, found from
    the links up (the links are few; an XPath counting them under every element is not)."""
    holders: dict[lxml.html.HtmlElement, set[lxml.html.HtmlElement]] = {}
    for link in tree.xpath(f"//a[string-length(normalize-space()) >= {rules.record_link_chars}]"):
        child = link
        for ancestor in link.iterancestors():
            holders.setdefault(ancestor, set()).add(child)
            child = ancestor
    return [el for el, children in holders.items() if len(children) >= rules.min_records]


# A record's date in an element of its own, its year left out as a list's column leaves it (05-13)
_MONTH_DAY = re.compile(r"[\[［(（]?\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*[\]］)）]?")


def _dated_by_an_element(record: lxml.html.HtmlElement) -> bool:
    """Whether an element inside the record shows its day and nothing else (<span class="date">
    05-13</span>): a list's column, which no paragraph of an article sets apart."""
    return any(_MONTH_DAY.fullmatch(_text(el)) for el in record.iterdescendants(lxml.etree.Element))


def drop_record_lists(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement | None,
                      rules: BlockRules) -> int:
    """Drop lists of other articles: at least ``min_records`` sibling records of one shape,
    short, each with a headline link, and either mostly link text or dated; returns how many
    lists."""
    dropped = 0
    root = tree.getroottree().getroot()
    protected = _protected(main)
    for container in _link_containers(tree, rules):
        if not _attached(container, root) or container is main:
            continue  # the article's own paragraphs are no list of other articles
        # by tag and first class: a feed marks the items that carry a summary with a class more
        # (feed-card-item feed-card-item-txt), and they are records of the same list
        shapes: dict[tuple[str, str], list[lxml.html.HtmlElement]] = {}
        for child in container:
            if _is_element(child):
                shapes.setdefault(_shape(child), []).append(child)
        records = max(shapes.values(), key=len)
        # (the densest block may be one of the records: a landing page of teasers, a headline and
        # its summary each, has no article to protect)
        if len(records) < rules.min_records or any(r in protected for r in records if r is not main):
            continue
        if sum(_leads_with_headline(r, rules) for r in records) < rules.record_share * len(records):
            continue
        texts = [_text(r) for r in records]
        total = sum(len(t) for t in texts)
        if not total or total / len(records) > rules.record_max_chars:
            continue
        links = sum(link_chars(r) for r in records)
        dated = sum(bool(_DATE.search(text)) or _dated_by_an_element(record)
                    for record, text in zip(records, texts, strict=True))
        if links >= rules.record_link_share * total or dated >= rules.record_share * len(records):
            for record in records:
                record.drop_tree()
            dropped += 1
    return dropped


# How far above the densest block its post is looked for (a thread's post wraps its text in
# levels: header, body, content; Discuz 7 in ten, tables within tables)
POST_MAX_DEPTH = 12


_NUMBER = re.compile(r"\d+")


def _shape(el: lxml.html.HtmlElement) -> tuple[str, str]:
    """A record's tag and first class (an opening post is "atl-item host-item", a reply
    "atl-item"), or without a class its id with its numbers taken out (Discuz 7's posts are
    <div id="post_401234">: post_#)."""
    first = next(iter((el.get("class") or "").split()), "")
    if not first and _NUMBER.search(ident := el.get("id") or ""):
        return el.tag, "#" + _NUMBER.sub("#", ident)
    return el.tag, first


# Marks a thread's opening post whose densest block was a reply: its own is found in it
OPENING_POST = "data-opening-post"


def densest_in(record: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The element inside a record (a thread's post) with the most paragraph text directly in
    it, as ``main_block`` scores the page's: its <p>s and the runs between its <br>s; the record
    itself where it holds none."""
    scores: dict[lxml.html.HtmlElement, int] = {}
    for parent, chars in _paragraph_chars(record.iter("p", "br")):
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + chars
    return max(scores, key=scores.__getitem__) if scores else record


def drop_replies(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement | None,
                 rules: BlockRules) -> int:
    """Drop the replies after a thread's opening post: where the densest block stands in one
    of sibling records of one shape (tag and first class: a post and its replies; a Q&A page's
    answers), the first of them holding a post's words, the ``min_replies`` or more records
    after that first one (the densest block among them, a reply longer than the post, too),
    each dated (a reply's time stamp; the opening post's may stand in the page's header) and
    each holding an element of the densest block's shape (a post's text); returns how many. A
    thread numbers its floors where a reader sees them, not always in its text (天涯's 2楼 in a
    bar of links). Sections of one long article carry no dates of their own, and the densest
    block holds them all. A bar in the records' shape (查看更多回答) goes with the replies. The
    floors right after the post by its own author (the first link of a record is its author's)
    continue it and stay; the author's later answers to others go with the replies."""
    if main is None:
        return 0
    for post in islice(main.iterancestors(), POST_MAX_DEPTH):
        if post.getparent() is None or post.tag in ("body", "html") or not _shape(post)[1]:
            continue
        content = _shape(main)

        def holds_post(record: lxml.html.HtmlElement, content: tuple[str, str] = content) -> bool:
            return any(_shape(el) == content for el in record.iter(main.tag))

        # (a record before it that holds no post's text is a bar: DVBBS's thread title)
        earlier = [s for s in post.itersiblings(preceding=True)
                   if _is_element(s) and _shape(s) == _shape(post) and holds_post(s)]
        if earlier:
            # the densest block stands in a later record: a reply longer than the thread's
            # opening post (a question and its long answer by an official), which is the first
            # record of the thread, the post that holds words of its own
            post = earlier[-1]
            if visible_chars(post.text_content()) < rules.paragraph_chars:
                return 0
        records = [s for s in post.itersiblings() if _is_element(s) and _shape(s) == _shape(post)]
        replies = [r for r in records if holds_post(r)]
        # the list's own bar in the records' shape (查看更多回答, a load-more button): no post;
        # a longer record without one (DVBBS's pager, its who-is-online) is left where it is
        bars = [r for r in records if visible_chars(r.text_content()) < rules.paragraph_chars
                and r not in replies]
        if len(replies) < rules.min_replies:
            continue
        if not all(_DATE.search(_text(r)) for r in replies):
            return 0
        author = _author_link(post)
        continued = 0
        while author and continued < len(records) and _author_link(records[continued]) == author:
            continued += 1
        dropped = [r for r in records[continued:] if r in replies or r in bars]
        if earlier:
            post.set(OPENING_POST, "")  # (the densest block goes with a reply: found again in it)
        for record in dropped:
            record.drop_tree()
        return sum(record in replies for record in dropped)
    return 0


def drop_signed_records(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement | None,
                        rules: BlockRules) -> int:
    """Drop replies kept in a box of their own after the article (V2EX, a blog's comments):
    at least ``min_replies`` + 1 sibling records of one shape after the densest block, each
    dated and signed (its first link goes to a member's page, ``member_links``); returns how
    many. Where the opening post shares their shape, ``drop_replies`` has taken them. A list
    of dated links in the article itself is the article's (the densest block holds it)."""
    names = rules.member_links
    if main is None or names is None:
        return 0
    protected = _protected(main)
    # the records' containers hold members' links: only those are asked (most pages have none)
    containers: dict[lxml.html.HtmlElement, None] = {}
    for link in tree.iter("a"):
        if names.search(link.get("href") or ""):
            for ancestor in islice(link.iterancestors(), POST_MAX_DEPTH):
                if ancestor in protected:
                    break
                containers[ancestor] = None
    if not containers:
        return 0
    order = {el: number for number, el in enumerate(tree.iter())}
    start = order.get(main, 0)
    dropped = 0
    for container in containers:
        if order.get(container, -1) < start or len(container) <= rules.min_replies \
                or container.getparent() is None:
            continue
        shapes: dict[tuple[str, str], list[lxml.html.HtmlElement]] = {}
        for child in container:
            if _is_element(child):
                shapes.setdefault(_shape(child), []).append(child)
        for records in shapes.values():
            signed = [r for r in records if names.search(_author_link(r)) and _DATE.search(_text(r))]
            if len(signed) > rules.min_replies and len(signed) >= rules.record_share * len(records):
                for record in signed:
                    record.drop_tree()
                dropped += len(signed)
    return dropped


_TEXTS = lxml.etree.XPath("//text()")
# ... as plain strings: a tenth of the time (a text that knows its element is an object apiece)
_PLAIN_TEXTS = lxml.etree.XPath("//text()", smart_strings=False)


def drop_member_cards(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement | None,
                      rules: BlockRules) -> int:
    """Drop each poster's card (a forum's 级别: 学徒 威望: 1 发帖: 411 beside a post): the
    outermost element of at most ``member_card_chars`` holding ``min_member_stats`` or more
    of the ``member_stats`` labels, each before a colon or a text of its own (Discuz's
    ``<p>36</p>主题``); returns how many. Never one that holds the densest block."""
    stats = rules.member_stats
    if stats is None:
        return 0
    protected = _protected(main)
    label = re.compile(rf"{stats.pattern}\s*[:：]")
    alone = re.compile(rf"\s*{stats.pattern}\s*")

    def is_label(text: str) -> bool:
        return bool(label.search(text) or alone.fullmatch(text))

    # each label counts for the elements around it; only those with enough are measured,
    # the innermost first: past one too long, every element around it is too
    # (a text longer than a card, a paragraph, is in none: read only the short ones; and the
    # texts found as plain strings first, their elements asked only where enough are labels)
    labels = [at for at, text in enumerate(_PLAIN_TEXTS(tree))
              if len(text) <= rules.member_card_chars and stats.search(text) and is_label(text)]
    if len(labels) < rules.min_member_stats:
        return 0
    texts = _TEXTS(tree)
    counts: dict[lxml.html.HtmlElement, int] = {}
    for at in labels:
        if (holder := texts[at].getparent()) is None:
            continue
        for el in (holder, *islice(holder.iterancestors(), BOX_MAX_DEPTH)):
            if el in protected:
                break
            counts[el] = counts.get(el, 0) + 1
    too_long: set[lxml.html.HtmlElement] = set()
    cards = []
    for el in sorted((el for el, count in counts.items() if count >= rules.min_member_stats),
                     key=lambda el: -sum(1 for _ in el.iterancestors())):
        if el in too_long:
            continue
        if visible_chars(el.text_content()) > rules.member_card_chars:
            too_long.update(islice(el.iterancestors(), BOX_MAX_DEPTH))
            too_long.add(el)
        else:
            cards.append(el)
    return drop_outermost(cards)


# Least letters a block holds in another script before it is another language's version
OTHER_SCRIPT_MIN_CHARS = 20
# An alphabet spells in about three letters what a Han character says
LETTERS_PER_HAN = 3
# Least share of a block's words in the other script for the block to be in it (a container of
# the article and its translation is not)
OTHER_SCRIPT_SHARE = 0.8
# Least Han characters a page holds outside such blocks to be a Chinese page
OTHER_SCRIPT_MIN_HAN = 100
_VERSION_BLOCKS = lxml.etree.XPath("//body//*[self::div or self::section or self::article or self::p"
                                   " or self::table or self::ul or self::li or self::td]")


def drop_other_scripts(tree: lxml.html.HtmlElement) -> int:
    """Drop the blocks written in another script of China (``OTHER_SCRIPT``: its letters, read
    ``LETTERS_PER_HAN`` to a word, are ``OTHER_SCRIPT_SHARE`` of the block's words and Han
    characters) on a page whose <title> is Chinese:
    the article's version in another language. A page left with less than
    ``OTHER_SCRIPT_MIN_HAN`` Han characters outside them is in that language and keeps its
    text. Returns how many blocks were dropped."""
    title = tree.findtext(".//title") or ""
    body = next(tree.iter("body"), None)
    if body is None or not HAN_CHAR.search(title) or OTHER_SCRIPT.search(title):
        return 0
    # (most pages hold none at all: their whole text, scripts too, read once in C says so)
    if len(OTHER_SCRIPT.findall(body.text_content())) < OTHER_SCRIPT_MIN_CHARS:
        return 0
    page = shown_text(body)
    versions, han_in_versions = [], 0
    chosen: set[lxml.html.HtmlElement] = set()
    for el in _VERSION_BLOCKS(tree):
        if not chosen.isdisjoint(el.iterancestors()):  # inside one found: its text was counted
            continue
        text = shown_text(el)
        letters, han = len(OTHER_SCRIPT.findall(text)), len(HAN_CHAR.findall(text))
        words = letters / LETTERS_PER_HAN
        if letters >= OTHER_SCRIPT_MIN_CHARS and words >= OTHER_SCRIPT_SHARE * (words + han):
            versions.append(el)
            chosen.add(el)
            han_in_versions += han
    if not versions or len(HAN_CHAR.findall(page)) - han_in_versions < OTHER_SCRIPT_MIN_HAN:
        return 0
    return drop_outermost(versions)


# A version in a Latin script (a Macau release's Portuguese, an English one) is a box of
# paragraphs of this many words at least, most of its paragraphs (LATIN_VERSION_PARAGRAPHS)
# with Han characters at most this share of their words and characters; a bilingual article's
# paragraphs in turn share one box with the Chinese, and stay
LATIN_VERSION_MIN_WORDS = 60
LATIN_VERSION_MAX_HAN_SHARE = 0.05
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]{2,}")
LATIN_VERSION_OPENING = 100
LATIN_VERSION_PARAGRAPHS = 0.7
# (found from their paragraphs: a test of every element's children costs four times as much)
PARAGRAPH_HOLDERS = lxml.etree.XPath("//p/.. | //P/..")


def _words_and_han(text: str) -> tuple[int, int]:
    return len(_LATIN_WORD.findall(text)), len(HAN_CHAR.findall(text))


def _in_latin(words: int, han: int) -> bool:
    """Whether a text of so many Latin words and Han characters is in the Latin script."""
    return han <= LATIN_VERSION_MAX_HAN_SHARE * (words + han)


def drop_latin_versions(tree: lxml.html.HtmlElement) -> int:
    """Drop the boxes of paragraphs written in a Latin script on a page whose <title> is
    Chinese and which holds ``OTHER_SCRIPT_MIN_HAN`` Han characters outside them: the article's
    version in Portuguese or English after the Chinese. Returns how many boxes."""
    title = tree.findtext(".//title") or ""
    if not HAN_CHAR.search(title):
        return 0
    versions: list[lxml.html.HtmlElement] = []
    han_in_versions = 0
    for box in PARAGRAPH_HOLDERS(tree):
        if box.tag not in ("div", "section", "article", "td") or sum(1 for _ in box.iterchildren("p")) < 2 \
                or any(a in versions for a in box.iterancestors()):
            continue
        # (a box whose opening words are Chinese is none: most boxes, told by their first words)
        if HAN_CHAR.search(box.text_content()[:LATIN_VERSION_OPENING]):
            continue
        words, han = _words_and_han(shown_text(box))
        if words < LATIN_VERSION_MIN_WORDS:
            continue
        # most of its paragraphs in that script, each (a bilingual article's are half; a line of
        # spam among them is one of a few)
        paragraphs = [text for p in box.iterchildren("p") if (text := p.text_content().strip())]
        latin = sum(_in_latin(*_words_and_han(p)) for p in paragraphs)
        if paragraphs and latin >= LATIN_VERSION_PARAGRAPHS * len(paragraphs):
            versions.append(box)
            han_in_versions += han
    body = next(tree.iter("body"), None)
    if not versions or body is None \
            or len(HAN_CHAR.findall(shown_text(body))) - han_in_versions < OTHER_SCRIPT_MIN_HAN:
        return 0
    return drop_outermost(versions)


def drop_outermost(elements: list[lxml.html.HtmlElement]) -> int:
    """Drop each of the elements that stands in none of the others (those inside go with it),
    the text after it kept; returns how many were dropped."""
    chosen = set(elements)
    dropped = 0
    for el in elements:
        if el.getparent() is not None and not any(a in chosen for a in el.iterancestors()):
            el.drop_tree()
            dropped += 1
    return dropped


def _author_link(record: lxml.html.HtmlElement) -> str:
    """Where a record's first link goes: a post's author (an avatar or a name links to the
    member's page before anything else of the post)."""
    for link in record.iter("a"):
        href = (link.get("href") or "").strip()
        if href and not href.startswith(("#", "javascript:")):  # a button, not a page
            return href
    return ""


def drop_repeated_tables(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement | None,
                         min_cells: int = 4) -> int:
    """Drop each table whose cells (``min_cells`` or more with text) all repeat the cells of
    the tables before it: a copy the page renders again (a disclosure table and its pop-up, a
    print version); returns how many. Two tables that differ in a single cell (two products'
    specifications) both stay."""
    dropped = 0
    protected = _protected(main)
    seen: set[str] = set()
    # tables of data, not of layout: those that hold no table
    tables = tree.xpath("//table[not(.//table)]")
    for table in tables if len(tables) > 1 else ():
        cells = {_text(cell) for cell in table.iter("td", "th")} - {""}
        if len(cells) >= min_cells and cells <= seen and table not in protected \
                and table.getparent() is not None:
            table.drop_tree()
            dropped += 1
            continue
        seen |= cells
    return dropped


# How far above a field its box is looked for (a login form's, a comment section's)
BOX_MAX_DEPTH = 12


def _drop_boxes(main: lxml.html.HtmlElement | None, anchors: list[lxml.html.HtmlElement],
                box_of: Callable[[lxml.html.HtmlElement, set[lxml.html.HtmlElement]],
                                 lxml.html.HtmlElement | None]) -> int:
    """Drop the box ``box_of`` finds around each anchor (a field), unless it holds the densest
    block, is the page itself, or stands inside a box already dropped; returns how many."""
    gone: set[lxml.html.HtmlElement] = set()
    protected = _protected(main)
    for anchor in anchors:
        box = box_of(anchor, protected)
        if box is None or box in protected or box.tag in ("html", "body") or box.getparent() is None:
            continue
        # a field inside a box already dropped (ancestors are asked no higher than a box is
        # looked for: a page of fields nested thousands deep stays linear)
        if any(a in gone for a in islice(box.iterancestors(), BOX_MAX_DEPTH)):
            continue
        box.drop_tree()
        gone.add(box)
    return len(gone)


def drop_login_boxes(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement | None) -> int:
    """Drop each login box: the form around a password field, else the smallest element
    around it that holds another field too (its labels and messages, 登录超时，稍后再试,
    Discuz's 只需一步，快速开始, are no text); returns how many. Never one that holds the densest
    block (a page wrapped in one form, as ASP.NET writes them)."""

    def box_of(field: lxml.html.HtmlElement,
               protected: set[lxml.html.HtmlElement]) -> lxml.html.HtmlElement | None:
        around = list(islice(field.iterancestors(), BOX_MAX_DEPTH))
        form = next((a for a in around if a.tag == "form"), None)
        if form is not None and form not in protected:
            return form
        return next((a for a in around if next(islice(a.iter("input"), 1, None), None) is not None), None)

    return _drop_boxes(main, tree.xpath("//input[translate(@type, 'PASSWORD', 'password') = 'password']"),
                       box_of)


# a class or id's words: split at punctuation and where a lower-case letter meets a capital
_NAME_WORDS = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


def _named(el: lxml.html.HtmlElement, names: re.Pattern[str]) -> bool:
    """Whether a word of the element's class or id matches ``names`` whole."""
    attributes = f"{el.get('class') or ''} {el.get('id') or ''}"
    if not names.search(attributes.lower()):  # no word can match where no part does: most elements
        return False
    return any(names.fullmatch(word.lower()) for word in _NAME_WORDS.findall(attributes))


def drop_comment_sections(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement | None,
                          rules: BlockRules) -> int:
    """Drop each readers' comment section: around a box a reader writes in (``<textarea>``),
    the outermost element within ``BOX_MAX_DEPTH`` levels whose class or id names comments
    (``tie-area``, ``comment_box``), else the form it is in;
    returns how many. Readers' comments under an article read as paragraphs, and extractors
    kept them. Never an element that holds the densest block."""
    names = rules.comment_names
    if names is None:
        return 0

    def section_of(box: lxml.html.HtmlElement, protected: set[lxml.html.HtmlElement]
                   ) -> lxml.html.HtmlElement | None:
        section = form = None
        for ancestor in islice(box.iterancestors(), BOX_MAX_DEPTH):
            if ancestor in protected or ancestor.tag in ("html", "body"):
                break
            if _named(ancestor, names):
                section = ancestor
            if ancestor.tag == "form" and form is None:
                form = ancestor
        # unnamed, the writing box's own form goes (its labels: 用户名： 验证码： 匿名 发表评论)
        section = section if section is not None else form
        # with the comments beside it that its box holds (<div class="plbox"><form class="pl_form">
        # … <ul class="pl_list">): the box, where another of its children names comments
        holder = section.getparent() if section is not None else None
        if holder is not None and holder not in protected and holder.tag not in ("html", "body") \
                and any(_named(child, names) for child in holder if child is not section):
            return holder
        return section

    return _drop_boxes(main, list(tree.iter("textarea")), section_of)


_CLASS_AND_ID = lxml.etree.XPath("//@class | //@id")


def drop_side_columns(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement | None,
                      rules: BlockRules) -> int:
    """Drop each column beside the article, an element whose class or id names one (``side-box``,
    ``r_side``, ``rightSide``; trafilatura drops only ``sidebar``): its lists went by their shape,
    but a county's introduction or a blogger's biography is prose; returns how many. Never one
    that holds the densest block or stands inside it (the article's own aside)."""
    names = rules.column_names
    if names is None:
        return 0
    root = tree.getroottree().getroot()
    protected = _protected(main)
    # the attributes first (a search of attributes is faster than one of elements), the words
    # then; in page order, a column before the columns inside it
    named = dict.fromkeys(a.getparent() for a in _CLASS_AND_ID(tree) if names.search(a.lower()))
    columns = [el for el in named if _named(el, names)]
    dropped = 0
    for el in columns:
        if el in protected or el.tag in ("html", "body") or not _attached(el, root):
            continue
        if main is not None and any(a is main for a in el.iterancestors()):
            continue
        el.drop_tree()
        dropped += 1
    return dropped


# Whose words a forum post quotes, at the head of the quote: 石头哥 发表于 2024-2-26 21:14,
# 原帖由 张三 于 2024-2-26 21:14 发表, 以下是引用…在…的发言, 引用 3楼 …
_QUOTE_ATTRIBUTION = re.compile(
    r"^.{0,30}(发表于|發表於)\s*(19|20)\d{2}-|^原帖由\s*\S.{0,30}(于|於)\s*(19|20)\d{2}"
    r"|^(以下是引用|引用)\s*\S.{0,40}(的发言|的發言|楼|樓|发表的|發表的)")
QUOTE_HEAD_CHARS = 60


def drop_quoted_posts(tree: lxml.html.HtmlElement) -> int:
    """Drop the quotes of other posts inside a forum post (Discuz's <div class="quote">
    <blockquote>石头哥 发表于 2024-2-26 21:14 …</blockquote>): another member's words, not the
    post's; returns how many. A quotation the article sets apart has no such head, and stays."""
    quotes = []
    for el in tree.iter("blockquote", "div"):
        if el.tag == "div" and "quote" not in (el.get("class") or "").lower():
            continue
        head = " ".join(shown_text(el).split())[:QUOTE_HEAD_CHARS]
        if _QUOTE_ATTRIBUTION.search(head) and not any(q in quotes for q in el.iterancestors()):
            quotes.append(el)
    for el in quotes:
        el.drop_tree()
    return len(quotes)


# A link that leads on to a whole article: 阅读全文 >>, 查看全文, 继续阅读
_READ_ON = re.compile(r"^(阅读全文|閱讀全文|查看全文|继续阅读|繼續閱讀|全文|阅读更多|閱讀更多)\s*[>»›]*$")
TEASER_MAX_DEPTH = 4


def drop_article_teasers(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement | None) -> int:
    """Drop the teaser of another article the page shows (下一篇: its headline linked in a
    heading, its first paragraphs, 阅读全文 >> to the same address), the box that holds the
    heading and the link, within ``TEASER_MAX_DEPTH`` levels; never one that holds the
    densest block. Its paragraphs read as the article's own. Returns how many."""
    protected = _protected(main)
    teasers = []
    for link in tree.iter("a"):
        words = link.text or ""
        # (its words, or the words of what it holds: 阅读全文 <i>›</i>)
        if not ("全文" in words or "阅读" in words or "閱讀" in words or len(link)):
            continue
        href = link.get("href")
        if not href or not _READ_ON.match(_text(link)):
            continue
        for box in islice(link.iterancestors(), TEASER_MAX_DEPTH):
            if box in protected or box.tag in ("body", "html"):
                break
            headed = box.xpath(".//h1//a | .//h2//a | .//h3//a | .//h4//a")
            if any(a.get("href") == href for a in headed):
                teasers.append(box)
                break
    for box in teasers:
        if _attached(box, tree.getroottree().getroot()):
            box.drop_tree()
    return len(teasers)


# An advertising slot by its element: AMP's ad components, AdSense's <ins class="adsbygoogle">;
# what they hold is the ad's placeholder and fallback (广告加载中…, 暂无广告)
_AD_SLOT_TAGS = ("amp-ad", "amp-embed", "amp-sticky-ad", "amp-auto-ads", "ins")


def drop_ad_slots(tree: lxml.html.HtmlElement) -> int:
    """Drop each advertising slot named by its element, its tail kept; returns how many."""
    slots = [el for el in tree.iter(*_AD_SLOT_TAGS)
             if el.tag != "ins" or "adsbygoogle" in (el.get("class") or "")]
    for slot in slots:
        slot.drop_tree()
    return len(slots)


# A link whose words open with an ad's label (【广告】聚才招聘平台 高薪急聘), set among a paragraph's
# sentences: the advertiser's words, not the article's
_AD_LABEL = re.compile(r"^\s*[【\[［(（]\s*(广告|廣告|推广|推廣)\s*[】\]］)）]")
# (its own words searched, not the whole of each link's: the label opens them)
_LABELLED_LINKS = lxml.etree.XPath(".//a[text()[contains(., '广告') or contains(., '廣告')"
                                   " or contains(., '推广') or contains(., '推廣')]]")


def drop_ad_links(main: lxml.html.HtmlElement) -> int:
    """Drop each link labelled an ad in the article's block (``main``), its tail kept; returns
    how many. (Looked for there alone: a search of every link of the page cost a quarter of a
    millisecond a page.)"""
    links = [el for el in _LABELLED_LINKS(main) if _AD_LABEL.match(el.text_content())]
    for link in links:
        link.drop_tree()
    return len(links)


_NOTE_MARK = re.compile(r"^\[\s*(\d{1,3}|注\s*\d{1,3}|註\s*\d{1,3}|[a-z])\s*\]$")
# a heading's tool beside its words, bracketed or not: 历史[编辑], 品牌由来 编辑 播报
_EDIT_LINK = re.compile(r"^\[?\s*(编辑|編輯|编辑源代码|編輯原始碼|修改|edit|播报|播報)\s*\]?$", re.I)
# a section's number set apart before a heading's words (<span>3.1</span>输出规模): the
# table of contents' numbering, not the heading
_SECTION_NUMBER = re.compile(r"^\d{1,2}(\.\d{1,2}){0,3}\.?$")


def drop_note_marks(tree: lxml.html.HtmlElement) -> int:
    """Drop a reference page's marks inside its text: a note's number raised after a word
    (<sup>[3]</sup>), the edit link beside a heading (历史[编辑]) and its section number set
    apart before it (<span>3.1</span>输出规模), and the empty bookmark a note
    list links back to (<a name="ref_1">&nbsp;</a>, which makes trafilatura drop the paragraph it
    stands in); the words around them stay; and the notes the marks point to, each an item that
    links back to its mark. A raised figure without brackets (m<sup>2</sup>) is text."""
    marks = [el for el in tree.iter("sup") if _NOTE_MARK.match(_text(el))]
    # the notes those marks point to, each an item that links back to its mark (↩, ^: a Markdown
    # blog's footnotes, a wiki's references): the page's apparatus, as notes under a 注释 heading
    # are (found before the marks go: their ids are how)
    mark_ids = {el.get("id") for mark in marks for el in mark.iter() if el.get("id")}
    notes = [item for link in tree.iter("a") if (link.get("href") or "").startswith("#")
             and link.get("href")[1:] in mark_ids
             and (item := next(link.iterancestors("li"), None)) is not None]
    marks += [el for el in tree.iter("a") if el.get("href") is None and not _text(el) and not len(el)]
    for heading in tree.xpath("//h1|//h2|//h3|//h4|//h5|//h6"):
        words = _text(heading)
        tools: list[lxml.html.HtmlElement] = []
        for el in heading.iterdescendants():
            outermost = not any(a in tools for a in el.iterancestors())  # [<a>编辑</a>] goes whole
            if outermost and _is_element(el) and _EDIT_LINK.match(_text(el)):
                tools.append(el)
        first = next((el for el in heading if _is_element(el)), None)
        # its words in an element of their own or after a space (<b>3</b>月 is a date)
        if first is not None and not (heading.text or "").strip() and (first.tail or " ")[0].isspace() \
                and _SECTION_NUMBER.match(_text(first)):
            tools.append(first)
        # a heading is never left without words (a section named 编辑 is one)
        if sum(len(_text(el)) for el in tools) < len(words):
            marks += tools
        # the tool beside the heading in the heading's own wrapper (MediaWiki's Vector 2022:
        # <div class="mw-heading"><h2>…</h2><span class="mw-editsection">[编辑]</span></div>)
        marks += [el for el in heading.itersiblings()
                  if _is_element(el) and el.tag in ("span", "a") and _EDIT_LINK.match(_text(el))]
    # (one element may be found twice: an empty bookmark that is also a heading's tool)
    marks = list(dict.fromkeys(marks))
    for el in marks:
        if el.getparent() is not None:
            el.drop_tree()  # keeps its tail, the words after the mark
    return len(marks) + drop_outermost(list(dict.fromkeys(notes)))


def drop_furniture_blocks(tree: lxml.html.HtmlElement, rules: Rules | None = None
                          ) -> tuple[list[str], lxml.html.HtmlElement | None]:
    """Every step above, in order. Returns what each did, for ``extract --explain``, and the
    page's ``main_block``, which later steps ask for too."""
    blocks = (rules or load_rules()).blocks
    notes: list[str] = []
    if blocks is None:
        return notes, main_block(tree)
    # (first: an infobox's value, read whole below, holds its note's mark: 31.2万[2])
    if dropped := drop_note_marks(tree):
        notes.append(f"{dropped} note marks, edit links and empty bookmarks in the text dropped")
    if joined := join_definition_pairs(tree, blocks):
        notes.append(f"{joined} definition-list terms joined to their definitions")
    if changed := infobox_tables_as_paragraphs(tree, blocks):
        notes.append(f"{changed} infobox tables read as paragraphs of a label and its value")
    if joined := join_label_cells(tree, blocks):
        notes.append(f"{joined} table cells that label the next joined to it")
    if changed := unwrap_layout_items(tree, blocks):
        notes.append(f"{changed} list items holding paragraphs read as page columns")
    if joined := join_name_value_items(tree, blocks):
        notes.append(f"{joined} infobox items of a name and a value joined")
    if dropped := drop_ad_slots(tree):
        notes.append(f"{dropped} advertising slots (amp-ad, AdSense's <ins>) dropped")
    if dropped := drop_other_scripts(tree):
        notes.append(f"{dropped} blocks in another language of China (Uyghur, Tibetan…) dropped: "
                     "the Chinese article's version")
    if dropped := drop_latin_versions(tree):
        notes.append(f"{dropped} boxes of paragraphs in a Latin script (Portuguese, English) dropped: "
                     "the Chinese article's version")
    main = main_block(tree, blocks)
    if main is not None and (dropped := drop_ad_links(main)):
        notes.append(f"{dropped} links labelled an ad (【广告】…) in the article's block dropped")
    # (before the steps that read a link's words as a heading: 联系我们 in a row of links)
    if dropped := drop_link_rows(tree, main):
        notes.append(f"{dropped} paragraphs of nothing but links outside the article dropped")
    if dropped := drop_repeated_tables(tree, main):
        notes.append(f"{dropped} tables that repeat an earlier table's cells dropped")
    if dropped := drop_login_boxes(tree, main):
        notes.append(f"{dropped} login boxes dropped")
    if dropped := drop_article_teasers(tree, main):
        notes.append(f"{dropped} teasers of other articles (headline, first paragraphs, 阅读全文) dropped")
    if dropped := drop_side_columns(tree, main, blocks):
        notes.append(f"{dropped} columns beside the article (named as side columns) dropped")
    if dropped := drop_comment_sections(tree, main, blocks):
        notes.append(f"{dropped} readers' comment sections dropped")
    if dropped := drop_replies(tree, main, blocks):
        notes.append(f"{dropped} replies after a thread's opening post dropped")
        if not _attached(main, tree.getroottree().getroot()):  # (the densest block was a reply)
            opening = next(iter(tree.xpath(f"//*[@{OPENING_POST}]")), None)
            main = densest_in(opening) if opening is not None else main_block(tree, blocks)
            notes.append("the densest block was a reply longer than the opening post: the post's block taken")
    if dropped := drop_member_cards(tree, main, blocks):
        notes.append(f"{dropped} posters' cards (级别, 发帖, 注册) dropped")
    if dropped := drop_signed_records(tree, main, blocks):
        notes.append(f"{dropped} signed and dated records after the article (replies) dropped")
    if dropped := drop_announced_blocks(tree, main, blocks):
        notes.append(f"{dropped} blocks under a heading that names other links or a notice dropped")
    if dropped := drop_labelled_link_runs(tree, main, blocks):
        notes.append(f"{dropped} labels holding other links dropped, with the links after them")
    if dropped := drop_record_lists(tree, main, blocks):
        notes.append(f"{dropped} lists of other articles (headline-led records) dropped")
        if main is not None and not _attached(main, tree.getroottree().getroot()):
            main = main_block(tree, blocks)  # (the densest block was a teaser of such a list)
    return notes, main
