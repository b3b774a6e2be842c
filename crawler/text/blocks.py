"""Blocks of a page that are not its article, found in the tree before extraction.

Text-level cleaning sees lines; some furniture is plainer in the markup, where a line's
links, its siblings and its heading are still known. Each step is a kind of block:

- announced blocks: a heading that stands alone and names a block of other links or a
  notice (``为你推荐``, ``热帖``, ``相关新闻``); it and what follows it in its container go.
  Extractors drop such a heading and keep the teasers under it.
- record lists: four or more sibling records, each led by a headline link (a title, maybe a
  summary and a date): lists of other articles, with or without a heading.
- layout list items: a ``<li>`` holding paragraphs is a page column, not a list item
  (``<ul class="two-column"><li>``); extractors read a list item as one line, so the whole
  article became one line with the page around it.

Settings are in ``crawler/rules/clean.toml``, ``[blocks]``.
"""

from __future__ import annotations

import re

import lxml.html

from crawler.text.clean import BlockRules, Rules, load_rules

_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "span", "div", "p", "dt", "em", "a",
                 "li", "td", "th", "header", "section"}
_DOCUMENT_LINK = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|zip|rar|wps|txt)(\?|$)", re.I)
_DATE = re.compile(r"(?:19|20)\d{2}\s*[-./年]\s*\d{1,2}|\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?\s+\d{1,2}:\d{2}")


def _chars(text: str | None) -> int:
    return len("".join((text or "").split()))


def _text(el: lxml.html.HtmlElement) -> str:
    return "".join((el.text_content() or "").split())


def _link_chars(el: lxml.html.HtmlElement) -> int:
    return sum(_chars(a.text_content()) for a in el.iter("a"))


def _is_element(el: object) -> bool:
    return isinstance(getattr(el, "tag", None), str)


def unwrap_layout_items(tree: lxml.html.HtmlElement, rules: BlockRules) -> int:
    """Retag list items that hold paragraphs of text (page columns) as ``<div>``; returns how
    many. Their list becomes a ``<div>`` too, so that nothing reads the column as an item."""
    changed = 0
    for item in list(tree.iter("li")):
        paragraphs = [p for p in item.iter("p") if _chars(p.text_content()) >= rules.paragraph_chars]
        if len(paragraphs) >= 2 and _chars(item.text_content()) >= rules.layout_item_chars:
            item.tag = "div"
            parent = item.getparent()
            if parent is not None and parent.tag in ("ul", "ol"):
                parent.tag = "div"
            changed += 1
    return changed


def _announcing(el: lxml.html.HtmlElement, rules: BlockRules) -> bool:
    text = _text(el)
    return 0 < len(text) <= rules.heading_max_chars and any(p.fullmatch(text) for p in rules.headings)


def main_block(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The element with the most paragraph text directly inside it (its own text, its <p>,
    <br>-separated runs): where the article most likely is. No block step removes it."""
    best, best_chars = None, 0
    for el in tree.iter("div", "td", "article", "section", "li", "body", "font", "span"):
        chars = _chars(el.text) + sum(
            _chars(child.text_content() if child.tag == "p" else "") + _chars(child.tail)
            for child in el if _is_element(child)
        )
        if chars > best_chars:
            best, best_chars = el, chars
    return best


def _holds(node: lxml.html.HtmlElement, main: lxml.html.HtmlElement | None) -> bool:
    return main is not None and (node is main or any(a is node for a in main.iterancestors()))


def _attached(el: lxml.html.HtmlElement, root: lxml.html.HtmlElement) -> bool:
    return el.getroottree().getroot() is root


def drop_announced_blocks(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement | None,
                          rules: BlockRules) -> int:
    """Drop each heading that names a block of other links or a notice, with what follows it
    in its container; returns how many blocks. Where what follows holds the article, the
    heading stood above it after all (a template's label), and nothing goes."""
    dropped = 0
    root = tree.getroottree().getroot()
    for el in list(tree.iter(*_HEADING_TAGS)):
        if not _attached(el, root) or not _announcing(el, rules):
            continue
        parent = el.getparent()
        if parent is not None and parent.tag in _HEADING_TAGS and _announcing(parent, rules):
            continue  # the outer element of the same heading is the one to look at
        # the heading may be wrapped (<div class="title"><h2>为你推荐</h2></div>): climb to
        # the level where something follows it
        head = el
        for _ in range(3):
            if any(_chars(s.text_content()) for s in head.itersiblings() if _is_element(s)):
                break
            if head.getparent() is None or head.getparent().tag == "body":
                break
            head = head.getparent()
        if head.getparent() is None or head.tag in ("html", "body"):
            continue
        following = [s for s in head.itersiblings() if _is_element(s)]
        if _holds(head, main) or any(_holds(s, main) for s in following):
            continue
        if head.getparent() is main and not _link_heavy(following, rules):
            continue  # a subheading inside the article, over more of its text
        for node in [head, *following]:
            node.drop_tree()
        dropped += 1
    return dropped


def _link_heavy(nodes: list[lxml.html.HtmlElement], rules: BlockRules) -> bool:
    text = sum(_chars(n.text_content()) for n in nodes)
    return text > 0 and sum(_link_chars(n) for n in nodes) >= rules.record_link_share * text


def _leads_with_headline(record: lxml.html.HtmlElement, rules: BlockRules) -> bool:
    for link in record.iter("a"):
        if _chars(link.text_content()) >= rules.record_link_chars:
            return not _DOCUMENT_LINK.search(link.get("href") or "")
    return False


def drop_record_lists(tree: lxml.html.HtmlElement, main: lxml.html.HtmlElement | None,
                      rules: BlockRules) -> int:
    """Drop lists of other articles: at least ``min_records`` sibling records of one shape,
    short, each with a headline link, and either mostly link text or dated; returns how many
    lists."""
    dropped = 0
    root = tree.getroottree().getroot()
    for container in list(tree.iter()):
        if not _is_element(container) or not _attached(container, root):
            continue
        children = [c for c in container if _is_element(c)]
        if len(children) < rules.min_records:
            continue
        shapes: dict[tuple[str, str], list[lxml.html.HtmlElement]] = {}
        for child in children:
            shapes.setdefault((child.tag, child.get("class") or ""), []).append(child)
        records = max(shapes.values(), key=len)
        if len(records) < rules.min_records or any(_holds(r, main) for r in records):
            continue
        texts = [_text(r) for r in records]
        total = sum(len(t) for t in texts)
        if not total or total / len(records) > rules.record_max_chars:
            continue
        if sum(_leads_with_headline(r, rules) for r in records) < rules.record_share * len(records):
            continue
        links = sum(_link_chars(r) for r in records)
        dated = sum(bool(_DATE.search(t)) for t in texts)
        if links >= rules.record_link_share * total or dated >= rules.record_share * len(records):
            for record in records:
                record.drop_tree()
            dropped += 1
    return dropped


def drop_furniture_blocks(tree: lxml.html.HtmlElement, rules: Rules | None = None) -> list[str]:
    """Every step above, in order; returns what each did, for ``extract --explain``."""
    blocks = (rules or load_rules()).blocks
    notes: list[str] = []
    if blocks is None:
        return notes
    if changed := unwrap_layout_items(tree, blocks):
        notes.append(f"{changed} list items holding paragraphs read as page columns")
    main = main_block(tree)
    if dropped := drop_announced_blocks(tree, main, blocks):
        notes.append(f"{dropped} blocks under a heading that names other links or a notice dropped")
    if dropped := drop_record_lists(tree, main, blocks):
        notes.append(f"{dropped} lists of other articles (headline-led records) dropped")
    return notes
