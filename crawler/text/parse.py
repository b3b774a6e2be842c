"""The page as a tree: the one parse every stage of extraction shares.

A page is read as a browser reads it (a fragment wrapped, no early end of body), with the
parser trafilatura uses, once; what the readers of the tree all ask of it (its visible text,
which tags start a block) is named here.
"""

from __future__ import annotations

import html as html_entities
import re
from collections.abc import Iterator

import lxml.html
from trafilatura.utils import is_dubious_html, load_html

# Tags a page may have. Real article pages have a few thousand (the corpus at most 5,700);
# past this one is a link bomb or a dump, and its tree and trafilatura's copy of it would take
# gigabytes.
MAX_TAGS = 100_000
# trafilatura's parser, with huge_tree: libxml2 otherwise stops reading at 255 levels of
# nesting, and an article nested deeper was lost. Safe here: MAX_TAGS bounds the tree.
_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                               remove_comments=True, remove_pis=True, huge_tree=True)
# Every element an HtmlElement, chosen in C: lxml.html's own lookup (form fields get classes of
# their own, which nothing here uses) is a Python call each time an element is touched, ours
# and trafilatura's on its copy of the tree alike
_PARSER.set_element_class_lookup(lxml.etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity))


class PageTooLarge(ValueError):
    """A page past MAX_TAGS: not parsed at all."""


# The text nodes a reader sees (a script's or a style's text is its only child), as plain
_NOT_SHOWN = {"script", "style"}


def visible_texts(tree: lxml.html.HtmlElement) -> list[str]:
    """The body's text nodes outside scripts and styles, in page order: what the search
    ``//body//text()[not(parent::script or parent::style)]`` finds, read by walking the
    bodies (the search's test of each node's parent cost twice the walk)."""
    texts: list[str] = []
    for body in tree.getroottree().getroot().iter("body"):
        if next(body.iterancestors("body"), None) is not None:
            continue  # (a body inside another: walked with it)
        if body.text:
            texts.append(body.text)
        # (a stack of children and of the tails that follow them, not a recursion: a page's
        # nesting may be deeper than Python's)
        stack: list[tuple[Iterator[lxml.html.HtmlElement], str | None]] = [(iter(body), None)]
        while stack:
            children, tail = stack[-1]
            el = next(children, None)
            if el is None:
                stack.pop()
                if tail:
                    texts.append(tail)
                continue
            shown = isinstance(el.tag, str) and el.tag not in _NOT_SHOWN
            if shown and el.text:
                texts.append(el.text)
            if shown and len(el):
                stack.append((iter(el), el.tail))
            elif el.tail:
                texts.append(el.tail)
    return texts


# the body's text nodes outside scripts and styles that hold a character, each knowing its element
_TEXT_NODES_WITH = lxml.etree.XPath(
    "//body//text()[contains(., $first)][not(parent::script or parent::style)]")


def visible_text(tree: lxml.html.HtmlElement) -> str:
    """The body's text as a reader sees it, each run of whitespace one space."""
    return re.sub(r"[ \t\r\f\v\xa0\u3000]+", " ", " ".join(visible_texts(tree)))


# A document whose root is not <html> (a fragment, or a page wrapped by an archiving tool in
# an element of its own) defeats trafilatura's page model.
_FOREIGN_ROOT = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?<(?!html|!doctype|!--)([a-z][\w:-]*)[^>]*>", re.I)


def _wraps_everything(name: str, inner: str) -> bool:
    """Whether the element that opened a document and closes at its end holds all of it:
    its tag is not closed before the end (<p>a</p><p>b</p> is two paragraphs, not one)."""
    depth = 1
    for tag in re.finditer(rf"<(/?){re.escape(name)}\b[^>]*>", inner, re.I):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return False
    return True


# A page's end tags: a template that includes a whole page's footer (…</body></html>) in the
# middle of another page ends the document early for lxml, which puts what follows, the
# article too, outside <body>, where no extractor looks; browsers keep it in the body.
_DOCUMENT_END_TAGS = re.compile(r"</(?:body|html)\s*>", re.I)


def _without_early_ends(html: str) -> str:
    """The page without the end tags of its body or document that stand before a start tag."""
    if not (first := _DOCUMENT_END_TAGS.search(html)):
        return html
    last_start = len(html)
    while (last_start := html.rfind("<", 0, last_start)) >= 0:
        if html[last_start + 1:last_start + 2].isalpha():
            break
    if first.start() > last_start:  # (most pages: their ends after their last start tag)
        return html
    return _DOCUMENT_END_TAGS.sub(lambda end: "" if end.start() < last_start else end.group(), html)


def as_html_document(html: str) -> str:
    """The page as one HTML document lxml reads as a browser does: a fragment (or an XHTML
    document's foreign root) wrapped in ``<html><body>``, and no end of body or page before the
    end of the text."""
    html = _without_early_ends(html)
    if match := _FOREIGN_ROOT.match(html):
        rest = html[match.end():]
        closing = re.search(rf"</{re.escape(match.group(1))}>\s*$", rest, flags=re.I)
        if closing is None or not _wraps_everything(match.group(1), rest[:closing.start()]):
            return f"<html><body>{html.strip()}</body></html>"  # a fragment of several elements
        rest = rest[:closing.start()]
        if not re.search(r"<(html|body)\b", rest[:2000], re.I):
            return f"<html><body>{rest}</body></html>"
        return rest
    return html


# HTML5's empty elements that libxml2's HTML 4 parser does not know: it reads ``a<wbr>b</p>``
# as a <wbr> holding b, and what drops the element (as extractors drop <source> and <embed>)
# drops the words after it
_UNKNOWN_EMPTY = ("wbr", "source", "track", "embed", "keygen")


def close_unknown_empty_elements(tree: lxml.html.HtmlElement) -> int:
    """Give the text and elements that the parser put inside an empty element back to its
    parent, after it, as a browser reads them; returns how many elements held any."""
    holding = [el for el in tree.iter(*_UNKNOWN_EMPTY) if el.text or len(el)]
    for el in holding:
        empty = lxml.html.Element(el.tag, dict(el.attrib))
        el.addprevious(empty)
        el.drop_tag()  # its text goes to the tail of the empty copy before it
    return len(holding)


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """The page's tree as trafilatura's ``load_html`` makes it, however deep the nesting, its
    HTML5 empty elements closed; None for what is not a page (a fragment of one block)."""
    try:
        tree = lxml.html.fromstring(html, parser=_PARSER)
    except (ValueError, lxml.etree.ParserError):  # an encoding declaration in a str, an empty page
        tree = load_html(html)
    else:
        if tree is not None and len(tree) < 2 and is_dubious_html(html[:50].lower()):
            return None
    if tree is not None:
        close_unknown_empty_elements(tree)
    return tree
# blocks whose tail (text after them) starts a paragraph of its own; an inline element's
# tail continues the sentence it stands in
BLOCK_TAGS = {"p", "div", "table", "ul", "ol", "dl", "blockquote", "center", "form", "iframe", "hr",
           "h1", "h2", "h3", "h4", "h5", "h6", "pre", "section", "article", "figure"}


def element_showing(tree: lxml.html.HtmlElement, words: str) -> lxml.html.HtmlElement | None:
    """The first element of the body whose whole text is ``words`` (whitespace aside), neither
    a link nor inside one nor holding one: where the page shows a headline, not a link to it
    (a list of the section's articles may hold the page's own)."""
    wanted = "".join(words.split())
    for node in _TEXT_NODES_WITH(tree, first=wanted[:1]) if wanted else ():
        if not wanted.startswith("".join(node.split())):  # its element's text starts with it
            continue
        el = node.getparent().getparent() if node.is_tail else node.getparent()
        while el is not None and el.tag != "body":
            shown = "".join(el.text_content().split())
            if len(shown) > len(wanted):
                break
            if shown == wanted:
                if next(el.iter("a"), None) is None and not any(a.tag == "a" for a in el.iterancestors()):
                    return el
                break
            el = el.getparent()
    return None


# Characters that show nothing, which an anti-scraping mirror sets between a text's characters
# (zero-width space and non-joiner, word joiner, a BOM inside the text, soft hyphen); the
# zero-width joiner of an emoji sequence stays
_INVISIBLE = "\u200b\u200c\u2060\ufeff\u00ad"


def drop_invisible_characters(text: str) -> tuple[str, int]:
    """The text (a page's markup, or what was read of it: a reference, &#8203;, is a character
    only then) without the characters that show nothing (``_INVISIBLE``), and how many there
    were. A text strewn with them reads as other words to a search and a rule."""
    count = 0
    # (each looked for by str.find, at memchr's speed: a search opening with a class of them, or
    # one for their references, costs a millisecond a page)
    for char in _INVISIBLE:
        if char in text:
            count += text.count(char)
            text = text.replace(char, "")
    return text, count


# What a naive scraper leaves of a page's markup in the text it saved: character references
# (&nbsp; &ldquo; &#8220;) and inline tags (<br>, <strong>)
_REFERENCE = re.compile(r"&(#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});")
_INLINE_TAG = re.compile(r"</?(br|p|strong|b|em|i|u|span|font|div|a|img)(\s[^<>]{0,300})?\s*/?>", re.I)
_BREAK = re.compile(r"<br\s*/?>", re.I)
# Fewer of them than this is text that names one (the & of R&D, a tag written about)
MIN_MARKUP_LEFT = 3


def read_markup_left(text: str) -> tuple[str, int]:
    """A text dump with the markup its page left in it read as text: character references as
    their characters, a <br> as a line's end, other inline tags gone; returns the text and how
    many there were (none read under ``MIN_MARKUP_LEFT``)."""
    references, tags = len(_REFERENCE.findall(text)), len(_INLINE_TAG.findall(text))
    if references + tags < MIN_MARKUP_LEFT:
        return text, 0
    text = _INLINE_TAG.sub("", _BREAK.sub("\n", text)) if tags else text
    return (html_entities.unescape(text) if references else text), references + tags

