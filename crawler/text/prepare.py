"""Prepare: a parsed page rewritten so that extractors see its paragraphs.

Pages lay out their text in ways trafilatura and readability skip (runs between <br>s, text
beside paragraphs, a PDF's printed lines, folds behind 展开全文, captions in figures). Each step
here finds one such layout and sets its text as paragraphs, in place, and says how many it
changed; ``prepare_tree`` runs them in order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice

import lxml.html

from crawler.text.blocks import (
    CAPTION_MAX_CHARS,
    PARAGRAPH_HOLDERS,
    chars_outside_links,
    data_rows,
    drop_outermost,
    link_chars,
    replace_with_paragraphs,
    shown_text,
    visible_chars,
)
from crawler.text.han import ENDS_SENTENCE, HAN_CHAR, NOT_WORD, PROSE_STOP, SENTENCE_STOP
from crawler.text.parse import BLOCK_TAGS, MAX_TAGS, as_html_document, parse_html, visible_texts
from crawler.text.rules import Rules

# Text in a container before its first paragraph, or between paragraphs, outside any <p>
# (old CMS templates: <td>　　First paragraph.<P>Second...). trafilatura reads paragraphs and
# skips such text, so it is given a <p> of its own. Shorter than this, it is a label.
BARE_TEXT_CHARS = 10
_PARAGRAPHS = {"p", "P"}


# elements whose text is one paragraph, a span inside them too
_INLINE_HOLDERS = {"p", "li", "dd", "dt", "a", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "span", "font", "b",
                   "strong", "em", "i", "u"}


def _picture_or_caption(div: lxml.html.HtmlElement) -> bool:
    """Whether a <div> among runs between breaks is a picture's box, or the short line under
    one (a forum post's centred caption)."""
    if next(div.iter("img"), None) is not None:
        return True
    before = div.getprevious()
    while before is not None and before.tag == "br":
        before = before.getprevious()
    return before is not None and before.tag == "div" and next(before.iter("img"), None) is not None \
        and visible_chars(div.text_content()) <= CAPTION_MAX_CHARS


# Most characters in a line a <div> sets apart among runs (a headline, not a paragraph)
SET_APART_MAX_CHARS = 40


def _line_set_apart(div: lxml.html.HtmlElement) -> bool:
    """Whether a <div> among runs between breaks holds one line that is no sentence: a
    reposted article's headline centred above its runs."""
    text = div.text_content()
    return visible_chars(text) <= SET_APART_MAX_CHARS and not SENTENCE_STOP.search(text) and _inline_only(div)


def _is_link_row(text: str, elements: list[lxml.html.HtmlElement]) -> bool:
    """Whether a run between breaks is two or more links with no more than a separator between
    each two (就业服务 | 社保查询 | 公积金)."""
    elements = [el for el in elements if isinstance(el.tag, str)]
    outside = visible_chars(text) + sum(visible_chars(el.tail) + chars_outside_links(el) for el in elements)
    links = sum(1 for el in elements for _ in el.iter("a"))
    return links >= 2 and outside < links


# (found from their breaks: a test of every element's children cost four times as much)
_HOLDING_BREAKS = lxml.etree.XPath("(//br/..)[count(br) >= 2][not(p[normalize-space()] or P or ul or ol)]")


def paragraphs_from_breaks(tree: lxml.html.HtmlElement) -> int:
    """Give each run of text between ``<br>``s a paragraph of its own, in a cell or a block that
    holds no paragraphs (forum posts, old CMS templates: ``<td>First.<br><br>Second.``);
    returns how many containers were rebuilt. Read as one block, the runs became one line, and
    the cell's neighbours were glued to it."""
    rebuilt = 0
    # (a paragraph that holds only a picture stands among the runs as a picture does)
    for container in _HOLDING_BREAKS(tree):
        if container.tag in ("p", "pre", "textarea", "li", "dd", "dt", "a"):
            continue
        # a table among the runs is a data table of the text's (a notice's list of positions),
        # never the page's layout: a block of its own, as a picture's paragraph is
        if any(data_rows(table) is None for table in container.iterchildren("table")):
            continue
        # a <div> among the runs is a picture's box, a short note (a post's attachment) or a
        # line set apart (a reposted article's centred headline), never a block of text of its own
        if any(visible_chars(div.text_content()) >= BARE_TEXT_CHARS and not _picture_or_caption(div)
               and not _line_set_apart(div) for div in container.iterchildren("div")):
            continue
        if container.tag in ("span", "font"):
            # inside a paragraph, a span's breaks are the paragraph's lines; a span that is a
            # post's whole body (DVBBS: <blockquote><span>First.<br><br>Second.) is a block
            if any(a.tag in _INLINE_HOLDERS for a in container.iterancestors()):
                continue
            container.tag = "div"
        runs: list[tuple[str, list[lxml.html.HtmlElement]]] = [(container.text or "", [])]
        for child in container:
            if child.tag == "br":
                runs.append((child.tail or "", []))
            elif child.tag in ("p", "table"):  # a picture's paragraph, a table: a run of its own
                runs += [("", [child]), (child.tail or "", [])]
            else:
                runs[-1][1].append(child)
        sizes = [visible_chars(text + "".join(el.text_content() + (el.tail or "") for el in elements
                                               if isinstance(el.tag, str)))
                 for text, elements in runs]
        if sum(size >= BARE_TEXT_CHARS for size in sizes) < 2:
            continue
        # rows of several links and nothing else are a grid of links (a sidebar's 便民服务):
        # paragraphs would give navigation the weight of text. (A run of one link each, a list
        # of headlines, is read as paragraphs, which the lists of other articles then drop.)
        if all(not (text.strip() or elements) or _is_link_row(text, elements) for text, elements in runs):
            continue
        for child in list(container):
            if child.tag == "br":
                container.remove(child)
        container.text = None
        for (text, elements), size in zip(runs, sizes, strict=True):
            if not size and not elements:
                continue
            if len(elements) == 1 and elements[0].tag in ("p", "table"):
                elements[0].tail = None  # (the next run's text)
                container.append(elements[0])
                continue
            paragraph = lxml.html.Element("p")
            paragraph.text = text
            for element in elements:
                paragraph.append(element)  # its tail, the run's text after it, goes along
            container.append(paragraph)
        _neighbours_as_paragraphs(container)
        rebuilt += 1
    return rebuilt


def _neighbours_as_paragraphs(block: lxml.html.HtmlElement) -> None:
    """The divs of prose beside a block whose runs became paragraphs become paragraphs too
    (an editor's column, <div><font>First.</font></div><div><font>Second.<br><br>Third.</font>
    </div>): left divs among the new paragraphs, trafilatura kept the paragraphs and dropped
    the divs."""
    wrapper = outermost_wrapper(block)
    for sibling in (*wrapper.itersiblings(preceding=True), *wrapper.itersiblings()):
        if sibling.tag == "div" and _prose_div(sibling):
            sibling.tag = "p"


# A document converted from a PDF (pdf2htmlEX): each printed line a <div class="t m0 x6 y1a fs0 …">
# placed by its x and y classes, set in the size its fs class names; fewer lines than this is
# no such document
PRINTED_MIN_LINES = 10
_PRINTED_LINE = lxml.etree.XPath("//div[contains(concat(' ', normalize-space(@class), ' '), ' t ')]")
_POSITION = re.compile(r"^[xy][0-9a-f]+$")
_FONT_SIZE = re.compile(r"^fs[0-9a-f]+$")
_PAGE_NUMBER = re.compile(r"^([—－–-]\s*\d{1,3}\s*[—－–-]|第\s*\d{1,3}\s*页(\s*共\s*\d{1,3}\s*页)?"
                          r"|\d{1,3}\s*/\s*\d{1,3})$")
# Most of a reader's placed lines hold words, this many characters and more
PLACED_LINE_CHARS = 8
PLACED_WORDED_SHARE = 0.6
# a line placed by its style (a document reader's), where it stands from the left, its size
_PLACED = lxml.etree.XPath("//*[@style][contains(@style, 'left:')][contains(@style, 'top:')]")
_LEFT = re.compile(r"(?:^|;)\s*left\s*:\s*([\d.]+)px")
_TOP = re.compile(r"(?:^|;)\s*top\s*:\s*([\d.]+)px")
_FONT_SIZE_STYLE = re.compile(r"font-size\s*:\s*([\d.]+px)")
_LINE_HEIGHT_STYLE = re.compile(r"(?:^|;)\s*(?:line-height|height)\s*:\s*([\d.]+px)")
# (a line may end in ；within its paragraph)
_LINE_END = re.compile(r"[。！？：!?:]$")
_INDENT = re.compile(r"^(\u3000|\s{2})")
# Shorter than this share of the text's full line, a line ends its paragraph
FULL_LINE_SHARE = 0.8


@dataclass
class _PrintedLine:
    element: lxml.html.HtmlElement
    x: str
    size: str
    text: str  # its words, spaces closed up
    indented: bool  # (the line's own indent, in its text: 　　)
    runs: list[lxml.html.HtmlElement] = field(default_factory=list)  # the line's other runs, after it


def _printed_line(el: lxml.html.HtmlElement, x: str, size: str) -> _PrintedLine:
    raw = el.text_content()
    return _PrintedLine(el, x, size, " ".join(raw.split()), bool(_INDENT.match(raw)))


def _converted_lines(tree: lxml.html.HtmlElement) -> list[_PrintedLine]:
    """pdf2htmlEX's lines: place and size in the classes (t m0 x6 y1a fs0)."""
    lines = []
    for el in _PRINTED_LINE(tree):
        tokens = (el.get("class") or "").split()
        x = next((t for t in tokens if t[0] == "x" and _POSITION.match(t)), None)
        if x is not None and any(t[0] == "y" and _POSITION.match(t) for t in tokens):
            lines.append(_printed_line(el, x, next((t for t in tokens if _FONT_SIZE.match(t)), "")))
    return lines


def _kind(el: lxml.html.HtmlElement) -> tuple[str, str]:
    """An element's tag and first class: what the lines of one reader share."""
    classes = (el.get("class") or "").split()
    return el.tag, classes[0] if classes else ""


def _placed_lines(tree: lxml.html.HtmlElement) -> list[_PrintedLine]:
    """A document reader's lines (百度文库's reader-word-layer, and its like): each line of
    text an element its style places (top: …; left: …), its size in its classes or its style;
    the elements of one tag and class that most such lines share."""
    placed = []
    for el in _PLACED(tree):
        left = _LEFT.search(el.get("style") or "")
        if left and not any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in el.iterdescendants()):
            placed.append((el, left.group(1)))
    kinds = Counter(_kind(el) for el, _ in placed)
    if not kinds:
        return []
    kind = kinds.most_common(1)[0][0]
    lines: list[_PrintedLine] = []
    at = None  # (the last line's box and its height on the page)
    for el, x in placed:
        if _kind(el) == kind:
            top = _TOP.search(el.get("style") or "")
            # a run set on the line before it, at its height (a number set apart: 全年新增就业 /
            # 3860 / 人，…): the line's words go on
            if lines and top and at == (el.getparent(), top.group(1)):
                lines[-1].text += " ".join(el.text_content().split())
                lines[-1].runs.append(el)
                continue
            at = (el.getparent(), top.group(1)) if top else None
            # (its size as its style gives it, its type's or its line's; a reader's classes may
            # name each line's style apart)
            style = el.get("style") or ""
            size = _FONT_SIZE_STYLE.search(style) or _LINE_HEIGHT_STYLE.search(style)
            lines.append(_printed_line(el, x, size.group(1) if size else el.get("class") or ""))
    # (a carousel's slides and a page's floating boxes are placed too: lines of text are words)
    worded = sum(len(line.text) >= PLACED_LINE_CHARS and bool(HAN_CHAR.search(line.text)) for line in lines)
    return lines if worded >= PLACED_WORDED_SHARE * len(lines) else []


def paragraphs_from_printed_lines(tree: lxml.html.HtmlElement, placed: bool = True) -> int:
    """Join a PDF's printed lines into its paragraphs, where the page is the PDF converted line
    by line (pdf2htmlEX: <div class="t m0 x6 y1a fs0 …"> a line, its place and its size in its
    classes; a document reader's <p class="reader-word-layer" style="top:…;left:…">);
    returns how many paragraphs. A line opens a paragraph after a short line (a
    paragraph's last), where it starts indented (in its text, or away from the line before
    when that one ended a sentence: 一、… at the margin's indent), or in another size (a
    title); the lines over the text in other sizes (a 红头, a kicker, the headline, a byline),
    a line every page repeats (the 文号 over it) and the page numbers (— 2 —) are not the
    text. Read line by line, the text broke mid-sentence, and the
    pages were taken for posts."""
    lines = _converted_lines(tree)
    if len(lines) < PRINTED_MIN_LINES and placed:
        lines = _placed_lines(tree)
    if len(lines) < PRINTED_MIN_LINES:
        return 0
    # (each line's page held, so that its box is the same object wherever it is asked for)
    boxes = [line.element.getparent() for line in lines]
    pages = Counter(text for _, text in {(box, line.text) for box, line in zip(boxes, lines, strict=True)})
    body_size = Counter(line.size for line in lines).most_common(1)[0][0]
    lengths = sorted(len(line.text) for line in lines if line.size == body_size)
    full = lengths[len(lengths) // 2]  # the median line of the text's size is a full one
    # (over the text, the lines set in other sizes are its head: a 红头, a kicker, the
    # headline, a byline, which the page gives apart)
    head = next((n for n, line in enumerate(lines) if line.size == body_size), 0)
    paragraphs: list[str] = []
    before: _PrintedLine | None = None
    for line in lines[head:]:
        text = line.text
        if not text or pages[text] > 1 or _PAGE_NUMBER.match(text):
            continue
        opens = before is None or line.size != before.size or line.indented \
            or len(before.text) < FULL_LINE_SHARE * full \
            or (line.x != before.x and _LINE_END.search(before.text))
        if opens:
            paragraphs.append(text)
        else:
            paragraphs[-1] += text
        before = line
    block = lxml.html.Element("div")
    for text in paragraphs:
        lxml.etree.SubElement(block, "p").text = text
    lines[0].element.addprevious(block)
    for line in lines:
        for el in (line.element, *line.runs):
            el.drop_tree()
    return len(paragraphs)


def inline_framed_documents(tree: lxml.html.HtmlElement) -> int:
    """Put in place the document an ``<iframe srcdoc="…">`` carries in the page itself (a
    portal that shows its body in a frame of its own): its body's content replaces the frame;
    returns how many. Extractors read no attribute's markup, and missed the article."""
    changed = 0
    for frame in list(tree.iter("iframe")):
        markup = frame.get("srcdoc")
        # (a frame's document is held to the page's own limit: its tags were not counted)
        if not markup or not markup.strip() or markup.count("<") > MAX_TAGS:
            continue
        framed = parse_html(as_html_document(markup))
        body = next(framed.iter("body"), None) if framed is not None else None
        if body is None or not _holds_prose(body, FOLD_MIN_CHARS):
            continue
        replacement = lxml.html.Element("div")
        replacement.text = body.text
        replacement.extend(list(body))
        replacement.tail = frame.tail
        frame.getparent().replace(frame, replacement)
        changed += 1
    return changed


# A fold: the rest of an article, in the markup but hidden until a reader taps 展开全文
# (the attributes found first, then their elements: lxml tests an element's attributes in a
# predicate at twice the cost)
# (and the styles that may hide words by their own style, ``_hides_itself``, in the same search)
_HIDDEN = lxml.etree.XPath(
    "//@style[contains(., 'none') or contains(., 'size:0') or contains(., 'size: 0')"
    " or contains(., 'hidden') or contains(., 'fff') or contains(., 'FFF') or contains(., 'hite')"
    " or contains(., '255')]/.. | //font/@color[contains(., 'ff') or contains(., 'FF')"
    " or contains(., 'hite')]/.. | //@hidden/.. | //@class[contains(., 'jammer')"
    " or contains(., 'sr-only') or contains(., 'visually') or contains(., 'screen-reader')]/..")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none\s*;?", re.I)
# Discuz's anti-copy noise between a post's lines: random characters in <font class="jammer">;
# and what the frameworks' sheets (Bootstrap, WordPress) clip to nothing, words for a
# screen reader alone (a table's caption 新聞稿資訊, 主選單, "Posted on")
_NOISE_CLASS = re.compile(
    r"(^|\s)(jammer|sr-only|visually-hidden|visuallyhidden|screen-reader-text)(\s|$)")
_UNFOLD = re.compile(r"(展开|展開|阅读|閱讀|查看|加载|加載|点击|點擊)(全文|剩余|剩餘|更多|全部)"
                     r"|(继续|繼續)(阅读|閱讀)")
# a box that shows over the page, not in it: its class or id names it
_POP_UP = re.compile(r"modal|dialog|pop|layer|mask|toast|share|login|qrcode|wechat|weixin", re.I)
# how long a control's text may be (展开全文, 点击展开剩余80%)
_CONTROL_CHARS = 24
FOLD_MIN_CHARS = 40
# A question over a hidden answer is at most this long, and an accordion has this many answers
QUESTION_MAX_CHARS = 100
_QUESTION_TAGS = {"h2", "h3", "h4", "h5", "h6", "dt"}
ACCORDION_MIN_ANSWERS = 2
# The opening a text cut short shares with the whole it stands for
TEASER_MIN_CHARS = 20
# the whole's own control, and a label it opens with
_FOLD_CONTROL = re.compile(r"[\[【]?(收起|收回|折叠|摺疊|收起全文)[\]】]?")
_BOX_LABEL = re.compile(r"[\u4e00-\u9fff]{2,6}[:：]")


def _holds_prose(el: lxml.html.HtmlElement, min_chars: int) -> bool:
    text = shown_text(el)
    chars = visible_chars(text)
    # (a lost character ending it may have been its stop: a page misread upstream loses most)
    # (its links counted last: a walk of its links costs more than a search of its text)
    return chars >= min_chars and bool(SENTENCE_STOP.search(text) or text.rstrip().endswith("\ufffd")) \
        and link_chars(el) * 5 <= chars


def _hidden(el: lxml.html.HtmlElement) -> bool:
    return el.get("hidden") is not None or bool(_DISPLAY_NONE.search(el.get("style", "")))


# A box hidden by a class that says so (hide, hidden-content, d-none, collapse): the stylesheet
# that hides it is seldom in the page, and trafilatura drops such boxes by their names
_HIDING_CLASS_NAMED = lxml.etree.XPath(
    "//@class[contains(., 'hid') or contains(., 'none') or contains(., 'fold') or contains(., 'collaps')]/..")
_HIDING_CLASS = re.compile(
    r"(?:[a-z]+[-_])?(?:hide|hidden|none|fold|folded|collapse|collapsed)(?:[-_][a-z]+)?", re.I)


def _hiding_classes(el: lxml.html.HtmlElement) -> list[str]:
    """The classes of an element that hide it (not a print style's: hide-print)."""
    return [name for name in (el.get("class") or "").split()
            if _HIDING_CLASS.fullmatch(name) and "print" not in name.lower()]


def _concealed(el: lxml.html.HtmlElement) -> bool:
    return _hidden(el) or bool(_NOISE_CLASS.search(el.get("class") or "")) or _hides_itself(el)


# A declaration of the page's own stylesheet that hides what its rule selects: display none,
# visibility hidden, a size of nothing
# (each its own pattern, searched in the lowercased sheet: a pattern that opens with its
# word is searched for that word, three times faster than one of three words in any case)
_HIDING_DECLARATIONS = (re.compile(r"display\s*:\s*none"), re.compile(r"visibility\s*:\s*hidden"),
                        re.compile(r"font-size\s*:\s*0(?:px)?\s*[;}!]"))
# ... the rule's selector a class, or a list of classes (.x7f2, .x9a1)
_CLASS_SELECTORS = re.compile(r"\.[A-Za-z_][\w-]*(\s*,\s*\.[A-Za-z_][\w-]*)*")
_CLASS_NAME = re.compile(r"\.([A-Za-z_][\w-]*)")
# Most classes a stylesheet's hiding rules are applied for (a framework's sheet hides dozens of
# widgets' parts, none of them the page's text)
MAX_HIDING_RULES = 20
# ... read in a page's own <style> blocks, a few rules each: a framework's sheet inlined whole
# (hundreds of kilobytes) hides its widgets, and is not read
HIDING_SHEET_MAX_CHARS = 5_000


def inline_hiding_rules(tree: lxml.html.HtmlElement) -> int:
    """Set the page's own stylesheet's rules that hide a class (``.x7f2{display:none}``) on the
    elements of that class, as a style of their own; returns how many elements. An
    anti-scraping mirror sets decoy characters among the words in such spans, a hacked page its
    spam: hidden to a reader, read by an extractor, which reads no stylesheet. (A rule inside
    a media query, a narrow screen's, is not the page's as read; nor a framework's sheet,
    ``HIDING_SHEET_MAX_CHARS``.)"""
    sheet = " ".join(text for style in tree.iter("style")
                     if (text := style.text or "") and len(text) <= HIDING_SHEET_MAX_CHARS)
    names: dict[str, None] = {}
    # (from each hiding declaration back to its rule's selector: a few, where a sheet has
    # hundreds of rules)
    lowered = sheet.lower()
    if len(lowered) != len(sheet):  # (a character whose lower case is longer: the sheet as it is)
        lowered = sheet
    for declaration in (found for pattern in _HIDING_DECLARATIONS for found in pattern.finditer(lowered)):
        opening = sheet.rfind("{", 0, declaration.start())
        if opening < 0 or sheet.rfind("}", 0, declaration.start()) > opening:
            continue
        selector = sheet[sheet.rfind("}", 0, opening) + 1:opening].strip()
        if _CLASS_SELECTORS.fullmatch(selector):
            names.update(dict.fromkeys(_CLASS_NAME.findall(selector)))
    hiding = set(list(names)[:MAX_HIDING_RULES])
    if not hiding:
        return 0
    # (one search of the page for any of the names, each element found then read for its words)
    test = " or ".join(f"contains(@class, '{name}')" for name in hiding)
    changed = 0
    for el in tree.xpath(f"//body//*[{test}]"):
        if hiding.intersection(el.get("class", "").split()):
            el.set("style", f"display:none;{el.get('style') or ''}")
            changed += 1
    return changed


# Words among a paragraph's that their own style hides otherwise than display:none: hidden, or
# set in a size of nothing (a hacked page's spam, an anti-scraping mirror's decoys). (A box so
# styled is not asked: WeChat's article is hidden until its script shows it, and a font size of
# nothing on a row of boxes takes the gaps between them away, each box sizing its own text.)
_HIDING_STYLE = re.compile(r"visibility\s*:\s*hidden|font-size\s*:\s*0(px|pt|em|rem|%)?\s*(;|!|$)", re.I)
# ... or white on the page's white: text in white set inside a paragraph with no background of
# its own (a reader sees a gap between words; an extractor reads keywords stuffed there)
_WHITE = re.compile(r"^\s*(#fff|#ffffff|white|rgb\(\s*255\s*,\s*255\s*,\s*255\s*\))\s*$", re.I)
_STYLE_COLOR = re.compile(r"(?<![\w-])color\s*:\s*([^;]+)", re.I)
_INLINE_TEXT_TAGS = {"font", "span", "b", "strong", "i", "em", "small", "u"}
# Least characters of its own a paragraph holds beside white text inside it
WHITE_TEXT_PARAGRAPH_CHARS = 20


def _hides_itself(el: lxml.html.HtmlElement) -> bool:
    if el.tag not in _INLINE_TEXT_TAGS:
        return False
    style = el.get("style") or ""
    hiding = bool(_HIDING_STYLE.search(style))
    color = "" if hiding else el.get("color") or ((found := _STYLE_COLOR.search(style)) and found.group(1)) \
        or ""
    if not hiding and not _WHITE.match(color) \
            or any(isinstance(child.tag, str) and child.get("style") for child in el.iterdescendants()):
        return False
    if hiding:
        return True
    parent = el.getparent()
    if parent is None or visible_chars(parent.text_content()) - visible_chars(el.text_content()) \
            < WHITE_TEXT_PARAGRAPH_CHARS:
        return False
    # (a background set on the way up, a dark box's: white text there is shown)
    return not any(above.get("bgcolor") or "background" in (above.get("style") or "")
                   for above in (el, *el.iterancestors()))


def drop_templates(tree: lxml.html.HtmlElement) -> int:
    """Drop the page's ``<template>`` elements, markup a script may stamp out later and a browser
    never shows as it stands (the next article an infinite scroll will load); returns how many.
    A declarative shadow root's (``shadowrootmode``) is shown, and stays."""
    inert = [el for el in tree.iter("template")
             if el.get("shadowrootmode") is None and el.get("shadowroot") is None]
    return drop_outermost(inert)


def hidden_elements(tree: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """What the page hides from its readers in its body (``hidden``, ``display:none``, the
    frameworks' classes for a screen reader alone, words a paragraph hides by their own style),
    and a forum's anti-copy noise (Discuz's ``<font class="jammer">; W) }# w1…</font>``)."""
    return [el for el in _HIDDEN(tree)
            if el.tag not in ("script", "style", "template", "input") and _concealed(el)
            and any(above.tag == "body" for above in el.iterancestors())]


def _same_kind(a: lxml.html.HtmlElement, b: lxml.html.HtmlElement) -> bool:
    """Two boxes of one kind: the same tag and the same class (a page of an article and the next)."""
    return a.tag == b.tag and bool(a.get("class")) and a.get("class") == b.get("class")


# The article hidden whole for a script to show: a box of this many paragraphs of prose at
# least, holding this share of the page's paragraph text (a hidden copy beside a shown one
# holds half at most)
HIDDEN_ARTICLE_PARAGRAPHS = 3
HIDDEN_ARTICLE_SHARE = 0.6


def reveal_folded_text(tree: lxml.html.HtmlElement, hidden: list[lxml.html.HtmlElement] | None = None) -> int:
    """Show the text of a fold: a hidden box (``display:none``) of prose right after an
    article's paragraphs, on a page with a control that unfolds it (展开全文, 阅读全文, 加载更多).
    The markup holds the whole article and a reader gets it with a tap; extractors drop what is
    hidden and kept the half above the fold. Returns how many boxes. Hidden menus, link lists,
    pop-ups (a box named modal, dialog, layer…) and hidden prose that follows no paragraph (a
    hidden 原标题) stay hidden. Answers hidden under their questions (two or more: a 政策问答
    page's accordion) are shown as well, their questions as paragraphs, and so are the pages of
    an article a script shows one at a time (a hidden box of the shown one's tag and class) and
    an article hidden whole until a script shows it (``HIDDEN_ARTICLE_SHARE`` of the page's
    paragraphs). ``hidden``: the page's ``hidden_elements``, if known."""
    folds, teasers, answers, pages = [], {}, [], []
    shown_by_style = hidden_elements(tree) if hidden is None else hidden
    by_class = [el for el in _HIDING_CLASS_NAMED(tree) if _hiding_classes(el) and el not in shown_by_style]
    page_prose: list[int] = []  # (the page's paragraph text, counted once if asked)

    def hides(el: lxml.html.HtmlElement) -> bool:
        return _hidden(el) or bool(_hiding_classes(el))

    def whole_article(el: lxml.html.HtmlElement) -> bool:
        """A box of paragraphs that holds most of the page's (an app's share page fades its
        article in with a script: hidden in the markup, shown a moment later)."""
        held = [visible_chars(p.text_content()) for p in el.iter("p") if _PROSE.search(p.text_content())]
        if len(held) < HIDDEN_ARTICLE_PARAGRAPHS:
            return False
        if not page_prose:
            page_prose.append(sum(visible_chars(p.text_content()) for p in tree.iter("p")))
        return sum(held) >= HIDDEN_ARTICLE_SHARE * page_prose[0]

    for el in [*shown_by_style, *by_class]:
        named = f"{el.get('class', '')} {el.get('id', '')}"
        if not hides(el) or _POP_UP.search(named) or not _holds_prose(el, BARE_TEXT_CHARS):
            continue
        if whole_article(el):
            pages.append(el)
            continue
        before = next((s for s in el.itersiblings(preceding=True)
                       if isinstance(s.tag, str) and visible_chars(shown_text(s))), None)
        if before is None:
            continue
        # a page of the article that a script shows in turn (<div class="page" style=
        # "display:none"> after the shown one of its kind): the whole article is in the markup
        if _same_kind(before, el) and (before in pages or not hides(before)) \
                and _holds_prose(before, FOLD_MIN_CHARS) \
                and _holds_prose(el, FOLD_MIN_CHARS):
            pages.append(el)
            continue
        # an answer under its question, shown with a tap (a 政策问答 page's accordion): under a
        # line that asks, or under a heading (its question mark may be lost to a misread page)
        asked = " ".join(shown_text(before).split())
        if len(asked) <= QUESTION_MAX_CHARS and (_QUESTION.search(asked) or before.tag in _QUESTION_TAGS):
            answers.append((el, before))
            continue
        if not _holds_prose(el, FOLD_MIN_CHARS):
            continue
        # the text cut short where the whole is hidden (简介：近年来……展开): the whole is shown in
        # its place, whatever its control says
        opening, whole = NOT_WORD.sub("", shown_text(before)), NOT_WORD.sub("", shown_text(el))
        if len(opening) >= TEASER_MIN_CHARS and len(whole) > len(opening) \
                and whole.startswith(opening[:TEASER_MIN_CHARS]):
            teasers[el] = before
        elif _holds_prose(before, BARE_TEXT_CHARS):
            folds.append(el)
    # (the page's text is read for the control only where a fold is there to unfold)
    if folds and not any(len(text.strip()) <= _CONTROL_CHARS and _UNFOLD.search(text)
                         for text in visible_texts(tree)):
        folds = []
    # (one hidden box under a question may be anything: two or more are an accordion's answers);
    # its questions are paragraphs too, as a Q&A list's are (trafilatura drops a heading there)
    if len(answers) < ACCORDION_MIN_ANSWERS:
        answers = []
    for _, question in answers:
        if question.tag in _QUESTION_TAGS:
            question.tag = "p"
    for el in [*folds, *teasers, *(answer for answer, _ in answers), *pages]:
        el.attrib.pop("hidden", None)
        if style := el.get("style"):
            el.set("style", _DISPLAY_NONE.sub("", style))
        if hiding := _hiding_classes(el):
            el.set("class", " ".join(name for name in el.get("class", "").split() if name not in hiding))
    for fold in folds:
        # a box of paragraphs is opened in place: its name (hiddenContent) still says hidden
        if any(isinstance(child.tag, str) and child.tag in BLOCK_TAGS for child in fold):
            fold.drop_tag()
    for whole, teaser in teasers.items():
        teaser.drop_tree()
        # its own control to fold it again (收起) and the label it opens with (视频简介：) are
        # the box's, not the text's
        for el in list(whole.iter(lxml.etree.Element)):
            shown = " ".join(el.text_content().split())
            if el is not whole and (_FOLD_CONTROL.fullmatch(shown)
                                    or el.getparent() is whole and el.getprevious() is None
                                    and not (whole.text or "").strip() and _BOX_LABEL.fullmatch(shown)):
                el.drop_tree()
    return len(folds) + len(teasers) + len(answers) + len(pages)


def drop_hidden_text(tree: lxml.html.HtmlElement, hidden: list[lxml.html.HtmlElement] | None = None) -> int:
    """Drop what the page hides from its readers and a forum's anti-copy noise
    (``hidden_elements``; ``hidden``, if known, those found before the page was changed), the
    text after each kept; returns how many elements. A fold of the article's text has been
    shown by then. Extractors read no style, and kept the noise glued to the lines and a
    picture's hidden tip (下载附件 保存到相册) among them."""
    root = tree.getroottree().getroot()
    # (still hidden, a fold not shown, and still in the page)
    return drop_outermost([el for el in (hidden_elements(tree) if hidden is None else hidden)
                           if _concealed(el) and el.getroottree().getroot() is root])


# a question: 问：…, or a line ending in ？
_QUESTION = re.compile(r"^\s*(问|問|Q)\s*([:：.、]|\d)|[？?]\s*$")


def paragraphs_from_questions(tree: lxml.html.HtmlElement) -> int:
    """Read a Q&A set as definition lists (``<dl><dt>问：…？</dt><dd class="hide">答：…</dd></dl>``,
    a 政策问答 page's accordion) as paragraphs, each question and each answer one, shown (an
    answer waits hidden by its class for a tap on its question); returns how many lists.
    trafilatura drops what is hidden and read the list as none of the article; an infobox's
    short terms (中文名：…) are no questions, and stay a list."""
    changed = 0
    for dl in list(tree.iter("dl")):
        terms = [el for el in dl if isinstance(el.tag, str) and el.tag == "dt"]
        answers = [el for el in dl if isinstance(el.tag, str) and el.tag == "dd"]
        if not terms or not answers or not all(_QUESTION.search(shown_text(dt)) for dt in terms) \
                or not all(_holds_prose(dd, BARE_TEXT_CHARS) for dd in answers):
            continue
        for item in (*terms, *answers):
            item.tag = "p"
            words = item.get("class", "").split()
            if any(_HIDING_CLASS.fullmatch(word) for word in words):
                item.set("class", " ".join(word for word in words if not _HIDING_CLASS.fullmatch(word)))
        dl.drop_tag()  # its paragraphs join the box around it, the article's
        changed += 1
    return changed


# a field of a text's header: a short label, its characters apart or not, and its value
# (标题：…, 标  题: …, 日期：2009-02-12, 来源：…)
_FIELD_LINE = re.compile(r"^[\u4e00-\u9fff](\s*[\u4e00-\u9fff]){1,3}\s*[:：]\s*\S")
FIELD_LINE_CHARS = 40
# the fields a block opens with (a BBS post's 发信人 / 标题 / 发信站) may run longer: the
# board's name, the site's and its time
OPENING_FIELD_CHARS = 80
# a signature's separator (--), a line of its own under the post
_SIGNATURE_SEPARATOR = re.compile(r"^-{2,}$")


def _unwrapped(block: str) -> list[str]:
    """A block's lines joined into its paragraph, the lines hard-wrapped at a width; a field
    of a header (标题：…) and a signature's separator are lines of their own, not part of a
    paragraph."""
    paragraphs: list[str] = []
    run: list[str] = []
    for line in (line.strip() for line in block.split("\n")):
        opening = not run and all(_FIELD_LINE.match(p) for p in paragraphs if p)
        if (_FIELD_LINE.match(line) and len(line) <= (OPENING_FIELD_CHARS if opening else FIELD_LINE_CHARS)) \
                or _SIGNATURE_SEPARATOR.match(line):
            paragraphs += ["".join(run), line]
            run = []
        else:
            run.append(line)
    return [*paragraphs, "".join(run)]


def paragraphs_from_preformatted(tree: lxml.html.HtmlElement) -> int:
    """Give each paragraph of Chinese prose set in a ``<pre>`` (an old CMS's body pasted as
    plain text: paragraphs between blank lines, or one a line) a paragraph of its own; returns
    how many blocks. Read whole, a <pre> is one line. Code and tables in a <pre> have no
    sentences, and stay."""
    changed = 0
    for pre in list(tree.iter("pre")):
        text = pre.text_content()
        if len(pre) and any(isinstance(el.tag, str) and el.tag in BLOCK_TAGS for el in pre.iterdescendants()):
            continue
        blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text.strip()) else text.split("\n")
        paragraphs = [p for block in blocks for p in _unwrapped(block) if p]
        if len(paragraphs) < 2 or sum(bool(SENTENCE_STOP.search(p)) and bool(HAN_CHAR.search(p))
                                      for p in paragraphs) < 2:
            continue
        replace_with_paragraphs(pre, paragraphs)
        changed += 1
    return changed


# what a <section> holding only inline text may not hold for it to be read as a paragraph
_NOT_INLINE = BLOCK_TAGS | {"li", "header", "footer", "nav", "aside", "img", "br", "script", "style", "input",
                         "select", "option", "textarea", "button", "noscript", "video", "audio", "canvas",
                         "svg", "object", "embed"}


def _ends_line(el: lxml.html.HtmlElement) -> bool:
    """A <br> with nothing after it in its parent: the end of a line, no break inside it."""
    return el.tag == "br" and el.getnext() is None and not (el.tail or "").strip()


def _inline_only(el: lxml.html.HtmlElement) -> bool:
    """Whether an element holds inline text only (a closing <br> allowed)."""
    return not any(isinstance(child.tag, str) and child.tag in _NOT_INLINE and not _ends_line(child)
                   for child in el.iterdescendants())


def _among_paragraphs(el: lxml.html.HtmlElement, both: bool = False, wrapped: bool = False) -> bool:
    """Whether the nearest sibling with text before or after an element (``both``: before and
    after), past other centered lines and other pictures, is a paragraph (or a <div> that is
    one): a caption or heading set between paragraphs, not a footer. ``wrapped``: a paragraph
    alone in a wrapper counts (editors that wrap each paragraph in a <div> of its own)."""
    sides = []
    for siblings in (el.itersiblings(preceding=True), el.itersiblings()):
        paragraph = False
        for sibling in siblings:
            # any text at all: the first piece found is enough (siblings may be whole columns)
            if not isinstance(sibling.tag, str) or sibling.tag == "center" \
                    or not any(piece.strip() for piece in sibling.itertext()):
                continue
            # another picture with its caption: a gallery's run of pictures between paragraphs
            if not _too_big_for_a_picture(sibling) and next(sibling.iter("img"), None) is not None \
                    and visible_chars(sibling.text_content()) <= CAPTION_MAX_CHARS:
                continue
            paragraph = sibling.tag == "p" or (wrapped and len(sibling) == 1 and sibling[0].tag == "p") \
                or _prose_div(sibling)
            break
        sides.append(paragraph)
    return all(sides) if both else any(sides)


# A div of prose: this many characters at least, this share of them outside its links
PROSE_DIV_MIN_CHARS = 40
PROSE_DIV_OWN_SHARE = 0.75
_DIVS_AROUND_LINKS = lxml.etree.XPath("//a/ancestor::div[1]")
# A link of a few words in a sentence (a term, a place), not a linked headline
LINKED_WORD_MAX_CHARS = 12
# where a paragraph ends: a sentence, or a colon before the list it introduces
_ENDS_PARAGRAPH = re.compile(r"[。！？!?…：:\ufffd][”’」』）)]?\s*$")
# a reference page's note marks after the last sentence ([4], [注1]): they are dropped later
_TRAILING_NOTE_MARKS = re.compile(r"(\s*\[\s*[^\[\]]{1,6}\s*\])+\s*$")


def _prose_div(div: lxml.html.HtmlElement) -> bool:
    """Whether a div is a paragraph: inline text only, ending a sentence (or a colon before a
    list), most of its characters outside links. A menu or a list of headlines is mostly
    links, a footer's line seldom ends a sentence."""
    if not _inline_only(div):
        return False
    text = div.text_content()
    chars = visible_chars(text)
    return chars >= PROSE_DIV_MIN_CHARS and bool(_ENDS_PARAGRAPH.search(_TRAILING_NOTE_MARKS.sub("", text))) \
        and chars_outside_links(div) >= PROSE_DIV_OWN_SHARE * chars


# A row laid out side by side (display: flex), not a column of blocks
_FLEX = re.compile(r"display\s*:\s*(inline-)?flex", re.I)
_FLEX_COLUMN = re.compile(r"flex-direction\s*:\s*column", re.I)
# Most characters in a row of boxes read as one line (a numbered subheading: 01 车间建在家门口)
FLEX_LINE_MAX_CHARS = 40
_FLEX_BOXES = {"section", "div", "p", "span"}
# (found from the attributes: a search of attributes is faster than one of elements)
_FLEX_STYLES = lxml.etree.XPath("//@style[contains(., 'flex')]")


def lines_from_flex_rows(tree: lxml.html.HtmlElement) -> int:
    """Read as one line each row of boxes a style sets side by side (``display: flex``) that
    holds a few words in all (``FLEX_LINE_MAX_CHARS``), each box inline text only; returns how
    many rows. An editor's numbered subheading (WeChat's: the number in one box, the words in
    the next) shows as one line in a browser; read as blocks, its number stood on a line alone."""
    rows = 0
    for style_attribute in _FLEX_STYLES(tree):
        row = style_attribute.getparent()
        boxes = [child for child in row if isinstance(child.tag, str)]
        style = row.get("style", "")
        if len(boxes) < 2 or (row.text or "").strip() or not _FLEX.search(style) \
                or _FLEX_COLUMN.search(style):
            continue
        if not 0 < visible_chars(row.text_content()) <= FLEX_LINE_MAX_CHARS \
                or any(box.tag not in _FLEX_BOXES or not _inline_only(box) for box in boxes):
            continue
        for box in boxes[:-1]:
            box.tail = " " + (box.tail or "")
        for box in boxes:
            box.tag = "span"
        rows += 1
    return rows


def paragraphs_from_sections(tree: lxml.html.HtmlElement) -> int:
    """Read as a paragraph each ``<section>`` that holds only inline text, some of it outside
    links (a closing <br> allowed), and each ``<center>`` or ``<div>`` that does so among
    paragraphs; returns how many. Editors that build articles from sections (WeChat's, and the
    templates that copy it) set subheadings and some paragraphs that way, without a ``<p>``;
    old CMS templates so center a picture's caption or a heading among the paragraphs, and
    newer ones set a subheading in a ``<div>`` there; trafilatura, which reads paragraphs, lost
    them. Elsewhere a ``<center>`` or ``<div>`` of inline text is navigation or a footer (read
    as paragraphs everywhere, divs lowered bench/extract.py's scores)."""
    changed = 0
    for section in list(tree.iter("section", "center", "div")):
        parent = section.getparent()
        if section.tag != "section" and (parent is None or parent.find("p") is None):
            continue  # no paragraph beside it at all (most divs): the cheap answer first
        if not _inline_only(section):
            continue
        if section.tag != "section" and not _among_paragraphs(section, both=section.tag == "div"):
            continue  # a centered footer under the page's columns is no caption
        if chars_outside_links(section) >= 2 \
                and not any(a.tag in ("p", "a", "li", "span") for a in section.iterancestors()):
            section.tag = "p"
            changed += 1
    return changed


# Divs whose words stand in inline elements (<div class="para"><span>…</span></div>): a React
# page's paragraphs, found from their spans
_DIVS_OF_SPANS = lxml.etree.XPath("//span/parent::div")
# Fewest such divs of prose side by side that make an article's paragraphs
PROSE_DIV_RUN = 3


def paragraphs_from_span_divs(tree: lxml.html.HtmlElement) -> int:
    """Read as paragraphs the divs of prose whose words all stand in inline elements (a React
    encyclopedia's <div class="paragraph_para"><span>…</span></div>), where ``PROSE_DIV_RUN``
    or more stand side by side and are all the paragraphs of their box; returns how many.
    Without a word of their own they counted for no block (``blocks.main_block`` reads a div's
    own text) and trafilatura dropped them."""
    runs: dict[lxml.html.HtmlElement, list[lxml.html.HtmlElement]] = {}
    for div in _DIVS_OF_SPANS(tree):
        if not (div.text or "").strip() and (parent := div.getparent()) is not None and _prose_div(div):
            runs.setdefault(parent, []).append(div)
    changed = 0
    for parent, divs in runs.items():
        if len(divs) < PROSE_DIV_RUN:
            continue
        # only where they are all the paragraphs there are: every div of their class (百度百科's
        # short one of a sentence too) and no <p> beside them; trafilatura reads a box of both
        # kinds worse than one of divs
        run, kinds = set(divs), {div.get("class") for div in divs}
        if any(child not in run and isinstance(child.tag, str)
               and (child.tag == "p" or (child.tag == "div" and child.get("class") in kinds))
               for child in parent):
            continue
        for div in divs:
            div.tag = "p"
        changed += len(divs)
    return changed


def unwrap_linked_words(tree: lxml.html.HtmlElement) -> int:
    """Read as plain words the links inside a div of prose (``_prose_div``: an encyclopedia
    links its terms, a portal its place names); returns how many links. trafilatura drops a
    div of under 100 characters (300 the last in its parent) whose links are short words, as
    it drops a menu; the same links in a <p> it keeps. Only links of a few words: a linked
    sentence is a teaser."""
    unwrapped = 0
    # a div of inline text is the nearest div around each of its links: found from the links
    for div in _DIVS_AROUND_LINKS(tree):
        links = list(div.iter("a"))
        if len(links) < 2 or not _prose_div(div) \
                or any(visible_chars(link.text_content()) > LINKED_WORD_MAX_CHARS for link in links):
            continue
        for link in links:
            link.drop_tag()
        unwrapped += len(links)
    return unwrapped


# Most elements in a caption's wrapper (a picture, a link, a span or two)
CAPTION_MAX_ELEMENTS = 20
# How far above a caption named so its picture's wrapper is looked for
CAPTION_WRAPPER_DEPTH = 3


def outermost_wrapper(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The outermost element that holds ``el`` and nothing else (<div class="photo-box"> around
    a <figure>): what stands among the paragraphs in its place."""
    while (parent := el.getparent()) is not None and parent.tag not in ("body", "html") \
            and len(parent) == 1 and not (parent.text or "").strip() and not (el.tail or "").strip():
        el = parent
    return el


# Marks the paragraphs a table of pictures' captions was read as (below): the body's, where they
# stand after it (extract.name_article_body)
PICTURE_CAPTION = "data-picture-caption"


# trafilatura drops what a class or id calls a caption (<p class="pgc-img-caption">); one read as
# the article's paragraph loses that name
# (found from the attributes: a search of attributes is faster than one of elements)
_CAPTION_NAMES = lxml.etree.XPath("//@class[contains(., 'caption')] | //@id[contains(., 'caption')]")
_CAPTION_TAGS = {"div", "p", "span", "section"}


def _as_caption_paragraph(caption: lxml.html.HtmlElement) -> None:
    caption.tag = "p"
    for name in ("class", "id"):
        caption.attrib.pop(name, None)


def _unname_caption(el: lxml.html.HtmlElement) -> None:
    """Take a caption's name off a picture's box: trafilatura drops whatever is named one."""
    for name in ("class", "id"):
        if "caption" in (el.get(name) or ""):
            del el.attrib[name]


def _too_big_for_a_picture(el: lxml.html.HtmlElement) -> bool:
    return next(islice(el.iter(), CAPTION_MAX_ELEMENTS, None), None) is not None


def _after_its_picture(caption: lxml.html.HtmlElement, between: list[lxml.html.HtmlElement]
                       ) -> lxml.html.HtmlElement | None:
    """The caption's own small wrapper where it follows a small one that holds the picture
    (<div><img></div><div><p><span class="image-caption">…</span></p></div>), else None."""
    for level in [caption, *between]:
        if _too_big_for_a_picture(level) or next(level.iter("img"), None) is not None:
            return None
        before = level.getprevious()
        while before is not None and not isinstance(before.tag, str):
            before = before.getprevious()  # a comment between them
        if before is not None:
            holds_picture = next(before.iter("img"), None) is not None and not _too_big_for_a_picture(before)
            return level if holds_picture and not visible_chars(before.text_content()) else None
    return None


# Fewest pictures a gallery shows, each in an item with its caption
GALLERY_MIN_ITEMS = 3


def _a_gallerys_item(item: lxml.html.HtmlElement, galleries: dict) -> bool:
    """Whether a picture's wrapper is an item of a photo gallery's list: GALLERY_MIN_ITEMS or
    more items, each a picture and a caption named so, none of whose words are links (a list
    of other articles leads each item with its headline's link). ``galleries`` keeps each
    list's answer, found before its captions lose their names."""
    parent = item.getparent()
    if item.tag != "li" or parent is None:
        return False
    if parent not in galleries:
        galleries[parent] = _a_gallery(parent)
    return galleries[parent]


def _a_gallery(parent: lxml.html.HtmlElement) -> bool:
    items = [el for el in parent if el.tag == "li"]
    return len(items) >= GALLERY_MIN_ITEMS and all(
        next(el.iter("img"), None) is not None and not link_chars(el)
        and any("caption" in (c.get("class") or "") and c.text_content().strip() for c in el.iter())
        for el in items)


def captions_from_figures(tree: lxml.html.HtmlElement) -> int:
    """Read as a paragraph the caption of each picture set among the article's paragraphs: a
    ``<figcaption>``, an element named a caption beside the picture (``<div class="pgc-img"><img>
    <p class="pgc-img-caption">…</p></div>``), or the inline text of a ``<div>`` that holds a
    picture and nothing else but that text (``<div class="img_wrapper"><img><span>…（视频截图）
    </span></div>``); returns how many. trafilatura reads none of them, and captions are the
    article's text."""
    changed = 0
    for caption in list(tree.iter("figcaption")):
        figure = caption.getparent()
        if any(isinstance(el.tag, str) and el.tag in BLOCK_TAGS for el in caption.iterdescendants()):
            continue  # paragraphs of its own (a caption, then a credit): already lines
        if figure is not None and figure.tag == "figure" and _among_paragraphs(outermost_wrapper(figure)) \
                and 2 <= visible_chars(caption.text_content()) <= CAPTION_MAX_CHARS:
            figure.tag = "div"
            _as_caption_paragraph(caption)
            _unname_caption(figure)  # (WordPress's figure.wp-caption)
            changed += 1
    named = dict.fromkeys(name.getparent() for name in _CAPTION_NAMES(tree))  # in page order
    galleries: dict[lxml.html.HtmlElement, bool] = {}
    for caption in [el for el in named if el.tag in _CAPTION_TAGS]:
        if any(isinstance(el.tag, str) and el.tag in BLOCK_TAGS for el in caption.iterdescendants()):
            continue  # a wrapper around the caption (image-caption-wrapper): its caption is asked
        # the picture's wrapper: the nearest of a few levels up that holds the picture too, or
        # the caption's own, set right after the picture's; it must stand among paragraphs
        between = list(islice(caption.iterancestors(), CAPTION_WRAPPER_DEPTH))
        holder = next((a for a in between if next(a.iter("img"), None) is not None), None)
        candidates = [holder] if holder is not None and not _too_big_for_a_picture(holder) else []
        candidates += [after] if (after := _after_its_picture(caption, between)) is not None else []
        wrapper = next((w for w in candidates if _among_paragraphs(outermost_wrapper(w), wrapped=True)
                        or _a_gallerys_item(w, galleries)), None)
        if wrapper is not None and 2 <= visible_chars(caption.text_content()) <= CAPTION_MAX_CHARS:
            _as_caption_paragraph(caption)
            # its wrappers lose the name too, the picture's own (WordPress's div.wp-caption)
            for level in between[:between.index(wrapper) + 1] if wrapper in between else ():
                _unname_caption(level)
            changed += 1
    # each picture's nearest <div> (one pass over the pictures, not a search under every div)
    wrappers = {div: None for img in tree.iter("img")
                if (div := next(img.iterancestors("div"), None)) is not None}
    for wrapper in wrappers:
        # a caption's wrapper is small: a bigger one is a block of the page, not read through
        inside = list(islice(wrapper.iterdescendants(), CAPTION_MAX_ELEMENTS + 1))
        if len(inside) > CAPTION_MAX_ELEMENTS:
            continue
        if any(isinstance(el.tag, str) and el.tag in _NOT_INLINE and el.tag not in ("img", "br")
               for el in inside):
            continue
        # (its place among the paragraphs last: the costliest question, most pictures fail before)
        # (editors that wrap each paragraph in a <div> of their own count)
        if 2 <= chars_outside_links(wrapper) <= CAPTION_MAX_CHARS \
                and _among_paragraphs(wrapper, wrapped=True):
            wrapper.tag = "p"
            # (a link around the picture alone opening a paragraph makes trafilatura drop it)
            for link in [a for a in wrapper.iter("a") if not a.text_content().strip()]:
                link.drop_tag()
            changed += 1
    # a picture's table among the paragraphs (an e-paper's: the picture in a row, its caption
    # in the next; a press release's pictures, a row each beside its caption), which
    # trafilatura drops: its lines become paragraphs
    pictures: dict[lxml.html.HtmlElement, int] = {}
    for img in tree.iter("img"):
        if (table := next(img.iterancestors("table"), None)) is not None:
            pictures[table] = pictures.get(table, 0) + 1
    for table, count in pictures.items():
        inside = list(islice(table.iterdescendants(), count * CAPTION_MAX_ELEMENTS + 1))
        if len(inside) > count * CAPTION_MAX_ELEMENTS or link_chars(table) \
                or not 2 * count <= visible_chars(table.text_content()) <= count * CAPTION_MAX_CHARS \
                or (count > 1 and not _a_picture_a_row(table)) \
                or not _among_paragraphs(outermost_wrapper(table)):
            continue
        runs = [" ".join(run.split()) for run in _runs_between_breaks(table)]
        replace_with_paragraphs(table, [run for run in runs if run], {PICTURE_CAPTION: ""})
        changed += 1
    read = {gallery for gallery, is_one in galleries.items() if is_one}
    return changed + _captions_beside_text(tree) + _slideshow_captions(tree, read)


def _a_picture_a_row(table: lxml.html.HtmlElement) -> bool:
    """Whether each row of a table of pictures holds one picture and its caption (words of
    their own), and none of its cells holds a block: a table of pictures, not a page's layout."""
    rows = [row for row in table.iter("tr") if next(row.iterancestors("table")) is table]
    return bool(rows) and all(
        sum(1 for _ in row.iter("img")) == 1 and 2 <= visible_chars(row.text_content()) <= CAPTION_MAX_CHARS
        and not any(isinstance(el.tag, str) and el.tag in BLOCK_TAGS for el in row.iterdescendants())
        for row in rows)


# Least share of a slideshow's captions that read as prose (a stop or a comma in them): a list of
# pictures over names or headlines has none
SLIDESHOW_PROSE_SHARE = 0.5
_PROSE_MARK = re.compile(r"[。！？!?，,；;]")


def _slideshow_captions(tree: lxml.html.HtmlElement, read: set[lxml.html.HtmlElement]) -> int:
    """A slideshow's list of pictures (a 图片新闻's photos, shown one at a time): GALLERY_MIN_ITEMS
    or more items, each one picture and its caption, whatever its name, none of whose words are
    links and SLIDESHOW_PROSE_SHARE of which read as prose. Its captions become paragraphs, in
    order, where the list stood (trafilatura reads a list of pictures as nothing); returns how
    many lists. ``read``: the galleries whose captions named so were read already."""
    lists = {li.getparent(): None for img in tree.iter("img")
             if (li := next(img.iterancestors("li"), None)) is not None and li.getparent() is not None}
    changed = 0
    for parent in lists:
        items = [el for el in parent if isinstance(el.tag, str)]
        if parent in read or len(items) < GALLERY_MIN_ITEMS or any(el.tag != "li" for el in items):
            continue
        if any(item.find(".//p") is not None for item in items):
            continue  # (captions in paragraphs: trafilatura reads them, and them alone)
        captions = [" ".join(shown_text(item).split()) for item in items]
        if any(sum(1 for _ in item.iter("img")) != 1 or link_chars(item)
               or not 2 <= visible_chars(caption) <= CAPTION_MAX_CHARS
               for item, caption in zip(items, captions, strict=True)):
            continue
        if sum(1 for caption in captions if _PROSE_MARK.search(caption)) \
                < SLIDESHOW_PROSE_SHARE * len(captions):
            continue
        replace_with_paragraphs(parent, captions)
        changed += 1
    return changed


def _captions_beside_text(tree: lxml.html.HtmlElement) -> int:
    """A picture's cell beside the cell of the article's paragraphs (the picture left, the text
    right, a layout's row): its caption becomes a paragraph in its cell, read before the text.
    trafilatura, reading the page without its layout's tables, kept the paragraphs and dropped
    the caption."""
    changed = 0
    cells = {cell: None for img in tree.iter("img")
             if (cell := next(img.iterancestors("td"), None)) is not None}
    for cell in cells:
        inside = list(islice(cell.iterdescendants(), CAPTION_MAX_ELEMENTS + 1))
        if len(inside) > CAPTION_MAX_ELEMENTS or sum(el.tag == "img" for el in inside) != 1 \
                or link_chars(cell) or any(el.tag in BLOCK_TAGS for el in inside) \
                or not 2 <= visible_chars(cell.text_content()) <= CAPTION_MAX_CHARS:
            continue
        beside = (*cell.itersiblings("td", preceding=True), *cell.itersiblings("td"))
        if not any(sum(bool(_PROSE.search(p.text_content())) for p in other.iterchildren("p")) >= 2
                   for other in beside):
            continue
        caption = lxml.html.Element("p")
        caption.text = " ".join(cell.text_content().split())
        picture = next(cell.iter("img"))
        picture.tail = None
        for child in list(cell):
            cell.remove(child)
        cell.text = None
        cell.extend([picture, caption])
        changed += 1
    return changed


def _runs_between_breaks(el: lxml.html.HtmlElement) -> list[str]:
    """An element's text cut at its <br>s, rows and cells: the lines a reader sees."""
    runs = [""]

    def walk(node: lxml.html.HtmlElement) -> None:
        if node.tag in ("br", "td", "th", "tr"):
            runs.append("")
        if node.text and node.tag not in ("script", "style"):
            runs[-1] += node.text
        for child in node:
            if isinstance(child.tag, str):  # a comment's text is none of it, its tail is
                walk(child)
            runs[-1] += child.tail or ""

    walk(el)
    return runs


# Most characters a heading's wrapper may hold beside it (its edit link, 编辑)
HEADING_WRAPPER_EXTRA_CHARS = 4


def headings_from_wrappers(tree: lxml.html.HtmlElement) -> int:
    """Read as a paragraph each section heading that stands in a wrapper of its own (<div
    class="content_h2"><h2>发展历程</h2><a>编辑</a></div>) before a block of text; returns how
    many. trafilatura keeps a heading among paragraphs and drops one set apart so, and a
    reference page's sections lose their names."""
    changed = 0
    h1 = next(tree.iter("h1"), None)
    entry = " ".join(h1.text_content().split()) if h1 is not None else None
    for heading in list(tree.iter("h2", "h3", "h4", "h5", "h6")):
        wrapper = heading.getparent()
        if wrapper is None or wrapper.tag not in ("div", "section") or (wrapper.text or "").strip():
            continue
        beside = [el for el in wrapper if isinstance(el.tag, str) and el is not heading]
        if sum(visible_chars(el.text_content()) for el in beside) > HEADING_WRAPPER_EXTRA_CHARS \
                or not 2 <= visible_chars(heading.text_content()) <= CAPTION_MAX_CHARS:
            continue
        # what follows is text, a paragraph of prose, past the next headings (a section's first
        # subheading) and pictures (a box of a picture and its caption, floated beside the text)
        following = (el for el in wrapper.itersiblings()
                     if isinstance(el.tag, str) and any(piece.strip() for piece in el.itertext()))
        after = next((el for el in islice(following, 3)
                      if next(el.iter("h2", "h3", "h4", "h5", "h6"), None) is None
                      and (next(el.iter("img"), None) is None or _holds_paragraph_of_prose(el))), None)
        if after is not None and _holds_paragraph_of_prose(after):
            heading.tag = "p"
            # (its tools beside it, 编辑 and 播报, made the wrapper a box of links to trafilatura)
            for tool in beside:
                tool.drop_tree()
            # the entry's name set before each section's (<span class="title-prefix">扶贫车间</span>
            # 发展历程), which the page's style hides
            first = next(iter(heading), None)
            if first is not None and not (heading.text or "").strip() and entry is not None \
                    and " ".join(first.text_content().split()) == entry and (first.tail or "").strip():
                first.drop_tree()
            changed += 1
    return changed


# A section's numbered heading written in a div of its own (一、事项名称, 二．申请条件, （三）办理时限),
# found from its words: a div's own text with the full-width mark the numbering ends with
_DIVS_WITH_ENUMERATION = lxml.etree.XPath(
    "//div/text()[contains(., '、') or contains(., '）') or contains(., '．')]/..")
_NUMBERED_HEADING = re.compile(
    r"^([一二三四五六七八九十]{1,3}[、．]|（[一二三四五六七八九十]{1,3}）)[^，。！？；]{1,24}$")


def headings_from_numbered_divs(tree: lxml.html.HtmlElement) -> int:
    """Read as a paragraph each numbered section heading written in a div of its own (a service
    guide's <div class="tit">一、事项名称</div>) before a box of paragraphs; returns how many.
    trafilatura dropped such a div, set apart from the paragraphs, and the sections lost their
    names."""
    changed = 0
    for div in _DIVS_WITH_ENUMERATION(tree):
        words = " ".join(div.text_content().split())
        if not _NUMBERED_HEADING.match(words) or not _inline_only(div):
            continue
        after = next((el for el in div.itersiblings() if isinstance(el.tag, str)), None)
        # (a box of paragraphs after it, its first a short one: 一、事项名称 over 创业担保贷款申请)
        if after is not None and (next(after.iter("p"), None) is not None
                                  or _holds_paragraph_of_prose(after)):
            div.tag = "p"
            changed += 1
    return changed


# (a line that introduces a list, 具有以下特点：, is prose too)
_PROSE = re.compile(r"[，。！？；].{10,}|.{10,}[，。！？；：]")


def _holds_paragraph_of_prose(el: lxml.html.HtmlElement) -> bool:
    """Whether an element holds a paragraph, or a <div> of prose (百科's <div class="para">)."""
    return any(_PROSE.search(p.text_content() or "") for p in el.iter("p", "div"))


# A table's own rows and cells, not those of a table inside one (DedeCMS wraps an article's
# paragraphs and its data table in a table of one cell)
_OWN_ROWS = "(tr | tbody/tr | thead/tr | tfoot/tr)"
_ONE_CELL_TABLES = lxml.etree.XPath(
    f"//table[count({_OWN_ROWS}) = 1][count({_OWN_ROWS}/*[self::td or self::th]) = 1]")
_OWN_CELLS = lxml.etree.XPath(f"{_OWN_ROWS}/*[self::td or self::th]")


def unwrap_single_cell_tables(tree: lxml.html.HtmlElement) -> int:
    """Read each table of one row and one cell that holds two or more paragraphs as the block
    it is (Discuz's portal: <table class="vwtb"><tr><td id="article_content"><p>…), a data
    table among them or not; returns how many. Read as a table, its paragraphs became one row,
    one line, or were skipped with the layout's tables."""
    unwrapped = 0
    for table in _ONE_CELL_TABLES(tree):
        cell = next(iter(_OWN_CELLS(table)), None)
        blocks = cell.xpath("./p | ./div | ./P") if cell is not None else []
        # (or one paragraph of runs between breaks, DedeCMS's editor's: <p>First.<br />Second.)
        if len(blocks) < 2 and not (len(blocks) == 1 and len(blocks[0].findall("br")) >= 1
                                    and _holds_prose(blocks[0], BARE_TEXT_CHARS)):
            continue
        for wrapper in [*cell.iterancestors()]:
            if wrapper is table:
                break
            wrapper.drop_tag()  # the row (and a tbody): the cell's content stands in the table
        cell.tag, table.tag = "div", "div"
        unwrapped += 1
    return unwrapped


# A table of rows of one cell each, three or more: a column of the page, each row a paragraph
# (a government CMS lays a notice out so: <tr><td class="zw">各乡（镇）人民政府：</td></tr>…)
_COLUMN_TABLES = lxml.etree.XPath(
    f"//table[count({_OWN_ROWS}) >= 3][not({_OWN_ROWS}[count(td | th) != 1])]")
# Least rows of prose such a column holds to be an article's (a menu's column has none)
COLUMN_PROSE_ROWS = 2
# ... and none of these in a row: a cell of blocks or of runs between breaks is a layout's (an
# old page's body cell under its headline's and its info line's), a row with a link is a
# record's (a comment's [回复], a poster's name)
_NOT_IN_A_ROW = {"table", "br", "script", "a"}


def _text_cell(cell: lxml.html.HtmlElement) -> bool:
    """Whether a cell holds text only: no block, break, script or link inside (``_NOT_IN_A_ROW``)."""
    return not any(el.tag in BLOCK_TAGS or el.tag in _NOT_IN_A_ROW
                   for el in cell.iterdescendants() if isinstance(el.tag, str))


def paragraphs_from_column_tables(tree: lxml.html.HtmlElement) -> int:
    """Read each table whose rows are one cell each, cells of text (no block, break or link
    inside: ``_NOT_IN_A_ROW``), two or more of them prose, as a block of paragraphs, a row
    each, empty rows left out; returns how many tables. Read as a layout's table, trafilatura
    skipped its short rows (the salutation, the headings, the sender and the date) and kept
    its long ones."""
    changed = 0
    for table in _COLUMN_TABLES(tree):
        cells = _OWN_CELLS(table)
        if not all(_text_cell(cell) for cell in cells):
            continue
        if sum(bool(_PROSE.search(cell.text_content())) for cell in cells) < COLUMN_PROSE_ROWS:
            continue
        box = lxml.html.Element("div")
        for cell in cells:
            if cell.text_content().strip():
                cell.tag = "p"
                box.append(cell)
        box.tail = table.tail
        table.getparent().replace(table, box)
        changed += 1
    return changed


def paragraphs_from_cell_tables(tree: lxml.html.HtmlElement) -> int:
    """Read each table of one row and one cell that holds a paragraph of prose (inline text
    only: no block, break or link inside), beside another such table, as that paragraph;
    returns how many. An editor of the 2000s (FrontPage) set each paragraph in a table of its
    own: read as the layout's tables, every paragraph was skipped."""
    # (the cell's elements asked first: a layout's cell, the page in it, holds blocks)
    paragraphs = [table for table in _ONE_CELL_TABLES(tree)
                  if (cell := next(iter(_OWN_CELLS(table)), None)) is not None
                  and _text_cell(cell) and _PROSE.search(cell.text_content())]
    found = set(paragraphs)
    # (each beside another, found before any is replaced)
    paired = [table for table in paragraphs
              if _element_sibling(table, preceding=True) in found or _element_sibling(table) in found]
    for table in paired:
        cell = next(iter(_OWN_CELLS(table)))
        paragraph = lxml.html.Element("p")
        paragraph.text = cell.text
        paragraph.extend(list(cell))
        paragraph.tail = table.tail
        table.getparent().replace(table, paragraph)
    return len(paired)


def _element_sibling(el: lxml.html.HtmlElement, preceding: bool = False) -> lxml.html.HtmlElement | None:
    """The nearest element beside ``el`` (comments passed over)."""
    return next(el.itersiblings(lxml.etree.Element, preceding=preceding), None)


# A heading that holds a paragraph: this many characters, ending a sentence (a lead set large,
# <h2 class="daoyu">…。</h2>); a headline or a section's heading ends none
PROSE_HEADING_CHARS = 50
_ENDS_SENTENCE = re.compile(r"[。！？!?][”’」』）)]?\s*$")


def paragraphs_from_prose_headings(tree: lxml.html.HtmlElement) -> int:
    """Read as a paragraph each heading below the headline's rank (<h2>…<h6>) that holds one:
    ``PROSE_HEADING_CHARS`` or more, ending a sentence (a provincial paper's lead, 导语, set
    large over the body); returns how many. As a heading away from the body's paragraphs,
    trafilatura dropped it."""
    changed = 0
    for heading in list(tree.iter("h2", "h3", "h4", "h5", "h6")):
        text = heading.text_content()
        if visible_chars(text) < PROSE_HEADING_CHARS or not _ENDS_SENTENCE.search(text) \
                or any(isinstance(el.tag, str) and el.tag in BLOCK_TAGS for el in heading.iterdescendants()):
            continue
        heading.tag = "p"
        # (over the body's box, the lead opens it: read apart, the box alone is the article)
        body = _element_sibling(heading)
        if body is not None and body.tag in ("div", "section", "article") \
                and len(body.findall("p")) >= 2:
            heading.tail, tail = None, heading.tail
            body.insert(0, heading)
            if tail and tail.strip():
                heading.tail = tail
        changed += 1
    return changed


# A transcript's table: rows of a speaker's name and what they said (主持人 | 各位网友大家好…),
# a few names said again and again
SPEAKER_MAX_CHARS = 12
SPEAKER_MIN_ROWS = 4
SPEAKER_MAX_NAMES = 4


def paragraphs_from_speaker_tables(tree: lxml.html.HtmlElement) -> int:
    """Read as paragraphs, "name words" a row, each table whose rows (``SPEAKER_MIN_ROWS`` or
    more) are a speaker's name (short, no sentence) and a cell of prose, the names a few said
    again and again (主持人, 嘉宾 王建国); returns how many tables. An online interview's
    record: read as a layout's table, the names and the short questions were dropped."""
    changed = 0
    for table in list(tree.iter("table")):
        rows = [[cell for cell in _OWN_CELLS_OF_ROW(row)] for row in _OWN_ROW_ELEMENTS(table)]
        if len(rows) < SPEAKER_MIN_ROWS or any(len(cells) != 2 for cells in rows):
            continue
        names = [" ".join(cells[0].text_content().split()) for cells in rows]
        if len(set(names)) > SPEAKER_MAX_NAMES or any(not name or len(name) > SPEAKER_MAX_CHARS
                                                        or SENTENCE_STOP.search(name) for name in names):
            continue
        words = [" ".join(cells[1].text_content().split()) for cells in rows]
        if sum(bool(_PROSE.search(said)) for said in words) < len(rows) / 2:
            continue
        replace_with_paragraphs(table, [f"{name} {said}" for name, said in zip(names, words, strict=True)])
        changed += 1
    return changed


_OWN_ROW_ELEMENTS = lxml.etree.XPath(_OWN_ROWS)
_OWN_CELLS_OF_ROW = lxml.etree.XPath("td | th")


def unwrap_picture_links(tree: lxml.html.HtmlElement) -> int:
    """Keep the picture and drop the link around it where a link in a paragraph, or in a
    picture's box beside its caption, holds a picture and no text (``<p><a href="showimage?…">
    <img></a><br>caption</p>``, WordPress's ``<div class="wp-caption"><a><img></a><p>caption``);
    returns how many. trafilatura took such a box for a link and dropped it with its caption;
    the link has no text to lose. (Elsewhere, icon links beside labels are menus: they stay
    links.)"""
    links = []
    for img in tree.iter("img"):  # (from the pictures, which are few, not from every box)
        link = img.getparent()
        if link is not None and link.tag == "picture":  # (its sources beside it: <picture><img>)
            link = link.getparent()
        if link is None or link.tag != "a" or link.text_content().strip():
            continue
        box = link.getparent()
        if any(a.tag == "p" for a in link.iterancestors()) or (box is not None and box.tag == "figure"):
            links.append(link)
        # (a caption is no link: a teaser's box, <a><img></a><p><a>headline</a></p>, stays)
        elif box is not None and box.tag in ("div", "li"):
            captions = [p for p in box if isinstance(p.tag, str) and p.tag == "p"]
            # (a photo list's item, its caption a sentence; an album's, a label: 词条图片(2))
            if any(p.text_content().strip() and (box.tag == "div" or _PROSE.search(p.text_content()))
                   for p in captions) and not any(next(p.iter("a"), None) is not None for p in captions):
                links.append(link)
    for link in dict.fromkeys(links):
        link.drop_tag()
    return len(dict.fromkeys(links))


# a topic or a mention a post links: #家门口就业#, @青溪发布
_TAG_LINK = re.compile(r"^(#[^#\s]{1,30}#|@[\w·-]{1,30})$")


def unwrap_tag_links(main: lxml.html.HtmlElement) -> int:
    """Drop the link around each topic and mention inside the densest block (``#家门口就业#``,
    ``@青溪发布``), keeping its words; returns how many. They are the post's own words, and a
    paragraph of them read as a list of links to trafilatura, which dropped it. Outside the
    block, a list of topics is a sidebar's, and stays links."""
    links = [a for a in main.iter("a") if _TAG_LINK.match((a.text_content() or "").strip())]
    for link in links:
        link.drop_tag()
    return len(links)


def drop_closing_prompt_links(main: lxml.html.HtmlElement, rules: Rules) -> int:
    """Drop each link that closes a paragraph after its last sentence and whose words are a
    line the boilerplate rules drop (搜狐's 返回搜狐，查看更多, a 【打印】 link); returns how many.
    Glued to the paragraph, the line rules after extraction never see it alone. A link inside
    a sentence (关注<a>微信</a>公众号) is the sentence's."""
    dropped = 0
    for link in list(main.iter("a")):
        words = " ".join(link.text_content().split())
        parent = link.getparent()
        if not words or parent is None or (link.tail or "").strip() or not rules.boilerplate.search(words):
            continue
        if any(_own_text(later) for later in link.itersiblings()):
            continue
        before = (parent.text or "") + "".join(_own_text(earlier) for earlier in reversed(
            list(link.itersiblings(preceding=True))))
        if ENDS_SENTENCE.search(before):
            link.drop_tree()
            dropped += 1
    return dropped


def _own_text(el: lxml.html.HtmlElement) -> str:
    """An element's text and the text after it, up to its next sibling."""
    inside = el.text_content() if isinstance(el.tag, str) else ""
    return (inside or "") + (el.tail or "")


def wrap_bare_text(tree: lxml.html.HtmlElement) -> int:
    """Give text that sits beside paragraphs, outside any, a paragraph of its own: each run of
    it (the text and the inline elements) from the container's start, a block or a ``<br>`` to
    the next (<td><p>picture</p>First.<br><br>Second.</td>); returns how many were wrapped."""
    wrapped = 0
    for container in PARAGRAPH_HOLDERS(tree):
        if container.tag in _PARAGRAPHS:
            continue
        runs: list[tuple[lxml.html.HtmlElement | None, list[lxml.html.HtmlElement]]] = [(None, [])]
        for child in container:
            if not isinstance(child.tag, str) or child.tag.lower() in BLOCK_TAGS or child.tag == "br":
                runs.append((child, []))
            else:
                runs[-1][1].append(child)
        for start, inline in runs:
            text = container.text if start is None else start.tail
            # (only where text opens it: a run led by a link is a menu's, and stays as it is)
            if len((text or "").strip()) < BARE_TEXT_CHARS:
                continue
            paragraph = lxml.html.Element("p")
            paragraph.text = text
            if start is None:
                container.text = None
                container.insert(0, paragraph)
            else:
                start.tail = None
                start.addnext(paragraph)
            for el in inline:
                paragraph.append(el)  # its tail, the run's text after it, goes along
            wrapped += 1
    return wrapped


def holds_only_data_tables(tree: lxml.html.HtmlElement, block: lxml.html.HtmlElement) -> bool:
    """Whether every table of the page with words in it is a data table inside ``block`` (a
    notice's list of names): a text whose lines are mostly its rows is no layout read whole."""
    tables = [table for table in tree.iter("table") if table.text_content().strip()]
    return bool(tables) and all(
        any(a is block for a in table.iterancestors()) and data_rows(table) is not None for table in tables)


def data_tables_as_rows(block: lxml.html.HtmlElement) -> int:
    """Read each data table inside the article's own block (年份 输出人数 劳务收入) as paragraphs,
    a row each, its cells joined by two spaces (as table rows read elsewhere); returns how many
    tables. On a page laid out with tables, which trafilatura reads without them, the table
    was lost. A table that holds a table, a row of one cell or a long cell is layout."""
    changed = 0
    for table in list(block.iter("table")):
        if table.getparent() is None or (rows := data_rows(table)) is None:
            continue
        replace_with_paragraphs(table, ["  ".join(cell for cell in row if cell) for row in rows])
        changed += 1
    return changed


# Least a cell holds to be prose of its own in a form's table (a letter, a reply)
PROSE_CELL_CHARS = 40
# A label that names its cell as the item's content (来信内容, 答复内容, 回复内容, 问题描述)
_CONTENT_LABEL = re.compile(r"(内容|內容|正文|描述|答复|答覆|回复|回覆)\s*[:：]?$")
# Most a form's field holds beside its label (a name, a date, a department)
FIELD_VALUE_CHARS = 30
# what marks the prose moved out of such a cell: the letter's and the reply's, both the article's
CELL_PROSE = "data-cell-prose"
# Most a cell holds to be the label before it (来信内容, 办理结果：)
LABEL_CELL_CHARS = 8


# Most a heading's cell holds, set in a row of its own among rows of paragraphs
HEADING_CELL_CHARS = 40
# Rows of prose, a cell each, that make a table a column of paragraphs
COLUMN_MIN_ROWS = 3


def _prose_cell(cell: lxml.html.HtmlElement, least: int) -> bool:
    """A cell of sentences: ``least`` characters or more, few of them links."""
    shown = " ".join(cell.text_content().split())
    return visible_chars(shown) >= least and bool(PROSE_STOP.search(shown)) \
        and chars_outside_links(cell) >= 0.7 * visible_chars(shown)


def _picture_cell(cell: lxml.html.HtmlElement) -> bool:
    """A cell that holds a picture and no words."""
    return next(cell.iter("img"), None) is not None and not visible_chars(cell.text_content())


def prose_cells_as_paragraphs(tree: lxml.html.HtmlElement) -> int:
    """Move the prose of a form's table out after it, a paragraph a cell: a cell of sentences
    (``PROSE_CELL_CHARS`` or more, few links) after a label cell in its row (<th>来信内容</th><td>
    您好！我是…</td>) or beside a picture's cell, or alone in its row in a column of
    ``COLUMN_MIN_ROWS`` such rows or more
    (an old template's paragraphs, a row each), in a table that holds no table; returns how
    many cells. On a page laid out with tables, which trafilatura reads without them, a
    citizen's letter or a notice's body set in such a table was lost; its labels and short
    values (来信人, 办理状态) stay in the table, which is not read."""
    moved = 0
    for table in list(tree.iter("table")):
        if table.getparent() is None or next(islice(table.iter("table"), 1, None), None) is not None:
            continue
        paragraphs = []
        rows = [[cell for cell in row if cell.tag in ("td", "th")] for row in table.iter("tr")]
        # a column of paragraphs, one a row (an old template's <td class="zw"> each; a site's
        # statement of two clauses is no article)
        column = [cells[0] for cells in rows if len(cells) == 1 and _prose_cell(cells[0], PROSE_CELL_CHARS)]
        if len(column) >= COLUMN_MIN_ROWS:
            paragraphs += column
        # (a heading's row between them, set as theirs: after an empty cell, the heading alone)
        headings: list[int] = []
        for cells in rows:
            for label, cell in zip(cells, cells[1:], strict=False):
                named = " ".join(label.text_content().split())
                # (a cell its label names as the content, 来信内容, may be one short sentence)
                least = BARE_TEXT_CHARS if _CONTENT_LABEL.search(named) else PROSE_CELL_CHARS
                labelled = label.tag == "th" or visible_chars(named) <= LABEL_CELL_CHARS
                if labelled and _prose_cell(cell, least):
                    paragraphs.append(cell)
                # a picture beside the paragraph on its right, as on its left (an article's
                # pictures and paragraphs in turn, a row each: 图文混排)
                elif _picture_cell(cell) and _prose_cell(label, PROSE_CELL_CHARS):
                    paragraphs.append(label)
                elif not named and paragraphs and next(cell.iter("a"), None) is None \
                        and 2 <= visible_chars(words := cell.text_content()) <= HEADING_CELL_CHARS \
                        and not PROSE_STOP.search(words):
                    headings.append(len(paragraphs))
                    paragraphs.append(cell)
        # (one with no paragraph after it is the table's last line: a date, a signature)
        paragraphs = [cell for index, cell in enumerate(paragraphs)
                      if index not in headings or index + 1 < len(paragraphs) and index + 1 not in headings]
        if not paragraphs:
            continue
        after = table
        for cell in paragraphs:
            # a paragraph, as trafilatura reads one; a cell of paragraphs keeps them in a <div>
            blocks = any(isinstance(el.tag, str) and el.tag in BLOCK_TAGS for el in cell.iterdescendants())
            paragraph = lxml.html.Element("div" if blocks else "p", {CELL_PROSE: ""})
            paragraph.text, paragraph[:] = cell.text, list(cell)
            cell.text = None
            paragraph.tail, after.tail = after.tail, None
            after.addnext(paragraph)
            after = paragraph
            moved += 1
        # what the form holds besides is the record's fields (来信人, 来信时间, 答复单位), a
        # label and a short value each: not the article's text
        if all(visible_chars(cell.text_content()) <= FIELD_VALUE_CHARS for cell in table.iter("td", "th")):
            table.drop_tree()
    return moved


def prepare_tree(tree: lxml.html.HtmlElement, hidden: list[lxml.html.HtmlElement] | None = None,
                 html: str | None = None) -> list[str]:
    """Set as paragraphs, in place and in order, what the page holds but lays out so that
    extractors miss it; a note for each step that changed something. ``hidden``: the page's
    ``hidden_elements``, found before any step moved them; ``html``, the page's markup, if
    known: a page whose markup places no ``PRINTED_MIN_LINES`` elements from the left by their
    style is not searched for a reader's lines."""
    placed = html is None or html.count("left:") >= PRINTED_MIN_LINES
    # (a cell of <br>-separated runs is a block before its breaks become paragraphs)
    steps = (
        (lambda tree: reveal_folded_text(tree, hidden),
         "{} folds of the article's text and answers under their questions (hidden until tapped) shown"),
        (lambda tree: paragraphs_from_printed_lines(tree, placed),
         "{} paragraphs of a PDF's printed lines (pdf2htmlEX, a reader's placed lines) joined"),
        (paragraphs_from_preformatted, "{} blocks of prose set as plain text (<pre>) given a paragraph each"),
        (paragraphs_from_questions, "{} lists of questions and answers read as paragraphs, answers shown"),
        (unwrap_single_cell_tables, "{} tables of one cell holding paragraphs read as blocks"),
        (paragraphs_from_column_tables, "{} tables of one cell a row read as a paragraph a row"),
        (paragraphs_from_cell_tables, "{} tables of one cell, a paragraph each, read as the paragraphs"),
        (paragraphs_from_speaker_tables, "{} transcripts' tables of speakers and words read as paragraphs"),
        (paragraphs_from_prose_headings, "{} headings holding a paragraph (a lead set large) read as one"),
        (paragraphs_from_breaks, "{} blocks of <br>-separated text given a paragraph per run"),
        (lines_from_flex_rows, "{} rows of boxes set side by side read as one line each"),
        (paragraphs_from_sections, "{} sections of inline text read as paragraphs"),
        (paragraphs_from_span_divs, "{} divs of prose in inline elements, side by side, read as paragraphs"),
        (unwrap_linked_words, "{} links on words inside divs of prose read as the words"),
        (headings_from_wrappers, "{} section headings set apart in wrappers read as paragraphs"),
        (headings_from_numbered_divs, "{} numbered section headings in divs of their own read as paragraphs"),
        (unwrap_picture_links, "{} links around a picture alone unwrapped"),
        (captions_from_figures, "{} pictures' captions read as paragraphs"),
        (wrap_bare_text, "{} runs of text beside paragraphs given paragraphs of their own"),
    )
    return [note.format(changed) for step, note in steps if (changed := step(tree))]
