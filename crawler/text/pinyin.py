"""Pinyin that mirrors inject after characters, and the GBK stretches they leave misaligned.

``國(guó)``, ``市(shi)(shi)(shi)``, ``就[jiu4]``, ``國(ㄍㄨㄛˊ)``: an annotation is a reading of the
character before it (pypinyin's readings, with tone marks, tone digits or none, or in zhuyin),
in round or square brackets; anything else in brackets is the text's own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import islice

from crawler.text.han import HAN, HAN_CHAR, MIN_PLAUSIBILITY, plausibility

_PINYIN_LETTERS = "a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿêê̄ếê̌ề"
# Zhuyin (bopomofo), Taiwan's notation, which a mirror of a Traditional page may write
# instead: 國(ㄍㄨㄛˊ); its tone marks, the neutral tone's dot before or after the syllable
_ZHUYIN_LETTERS = "\u3105-\u312f\u31a0-\u31bf"
_ZHUYIN_TONES = "ˊˇˋ˙"
# a reading: pinyin (tone marks, a tone digit or none), or zhuyin
_READING = (rf"(?:[{_PINYIN_LETTERS}]{{1,7}}[1-5]?|[{_ZHUYIN_TONES}]?[{_ZHUYIN_LETTERS}]{{1,4}}"
            rf"[{_ZHUYIN_TONES}]?)")
# (the brackets a dictionary's notation uses too: 就[jiu4])
_BRACKETS = "(（[［"
_OPEN, _CLOSE = re.escape(_BRACKETS), re.escape(")）]］")
_ANNOTATION = re.compile(rf"[{_OPEN}]({_READING})[{_CLOSE}]")
_ANNOTATED = re.compile(rf"({HAN})((?:\s?[{_OPEN}]{_READING}[{_CLOSE}])+)")
# ... and after a character a lossy codec lost (U+FFFD), whose reading cannot be asked
_LOST_ANNOTATED = re.compile(rf"\ufffd\s?[{_OPEN}]{_READING}[{_CLOSE}]")
# a mirror that annotates every character echoes a punctuation mark it has no reading for: ，[，]
_ECHOED_MARK = re.compile(rf"([^\w\s])\s?[{_OPEN}]\1[{_CLOSE}]")


# -- pinyin annotations ------------------------------------------------------------------

def _plain(syllable: str) -> str:
    """A pinyin syllable without tone marks or tone digits, ü as v."""
    decomposed = unicodedata.normalize("NFD", syllable.lower()).replace("u\u0308", "v")
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.rstrip("12345").replace("u:", "v")


@cache
def readings(char: str) -> frozenset[str]:
    """Every reading pypinyin knows for a character: with tone marks and without."""
    # imported here: its dictionary takes some 50 MB, which a crawl process whose stages run
    # in stage processes never needs
    from pypinyin import Style, pinyin

    marked = pinyin(char, style=Style.TONE, heteronym=True, errors="ignore")
    numbered = pinyin(char, style=Style.TONE3, heteronym=True, errors="ignore")  # shi4
    forms = {unicodedata.normalize("NFC", r.lower()) for group in marked + numbered for r in group}
    plain = {_plain(r) for r in forms}
    zhuyin = {r for group in pinyin(char, style=Style.BOPOMOFO, heteronym=True, errors="ignore")
              for r in group}
    # Mirrors write ü as v or as plain u (nv, nu for 女).
    return frozenset(forms | plain | {r.replace("v", "u") for r in plain}
                     | zhuyin | {_toneless_zhuyin(r) for r in zhuyin})


_ZHUYIN = re.compile(rf"[{_ZHUYIN_TONES}{_ZHUYIN_LETTERS}]")


def _toneless_zhuyin(syllable: str) -> str:
    return syllable.strip(_ZHUYIN_TONES)


def is_reading(annotation: str, char: str) -> bool:
    known = readings(char)
    if not known:
        return False
    annotation = unicodedata.normalize("NFC", annotation.lower())
    if annotation in known:
        return True
    # zhuyin: without its tone, or with the neutral tone's dot first (˙ㄉㄜ), as Taiwan writes it
    if _ZHUYIN.match(annotation):
        toneless = _toneless_zhuyin(annotation)
        if toneless == annotation:
            return toneless in known
        return annotation.startswith("˙") and toneless + "˙" in known
    # the neutral tone numbered 5 or 0 (的 de5), which pypinyin writes without a digit
    if annotation[-1:] in ("5", "0") and annotation[:-1] in known:
        return True
    # Without tone marks (ü's diaeresis is not one), any reading's bare form will do.
    marks = [c for c in unicodedata.normalize("NFD", annotation) if unicodedata.combining(c)]
    toneless = all(c == "\u0308" for c in marks) and not annotation[-1:].isdigit()
    return toneless and _plain(annotation) in known


# A whole word's reading, 劳务(láo wù) or 扶贫(fúpín), is a mirror's only where the text shows
# the mirror at work elsewhere: this many characters' annotations. Alone, it is an author's
# gloss, and stays.
MIRROR_EVIDENCE = 3
# (a word of up to ten characters: 社会保障局(shè huì bǎo zhàng jú), 人力资源和社会保障局)
_WORD_ANNOTATED = re.compile(
    rf"({HAN}{{2,10}})[{_OPEN}]([{_PINYIN_LETTERS}{_ZHUYIN_LETTERS}{_ZHUYIN_TONES}]"
    rf"[{_PINYIN_LETTERS}{_ZHUYIN_LETTERS}{_ZHUYIN_TONES}' ]{{2,70}})[{_CLOSE}]")


def reads_word(annotation: str, chars: str) -> bool:
    """Whether ``annotation`` is the reading of the last characters of ``chars``, a syllable
    each: apart (láo wù, láo'wù) or run together (fúpín)."""
    syllables = annotation.replace("'", " ").split()
    if len(syllables) > 1:
        return len(syllables) <= len(chars) and all(
            is_reading(syllable, char)
            for syllable, char in zip(syllables, chars[-len(syllables):], strict=True))
    return any(_reads_joined(annotation, chars[-n:]) for n in range(2, len(chars) + 1))


def _reads_joined(annotation: str, chars: str) -> bool:
    if not chars:
        return not annotation
    return any(is_reading(annotation[:end], chars[0]) and _reads_joined(annotation[end:], chars[1:])
               for end in range(1, min(7, len(annotation)) + 1))


# A mirror that reads words, not characters (就业(jiùyè)服务(fúwù)), shows itself by this many
# words read: an author glosses one word or two
WORD_MIRROR_EVIDENCE = 5
# (a mirror writes readings in lower case: an acronym, (GDP), is no reading)
_READING_OPENS = re.compile(rf"[{_OPEN}][{_PINYIN_LETTERS.replace('A-Z', '')}{_ZHUYIN_LETTERS}]")


def _annotates_words(text: str) -> bool:
    # (most texts: a count of the brackets, no more)
    if sum(text.count(bracket) for bracket in _BRACKETS) < WORD_MIRROR_EVIDENCE \
            or len(_READING_OPENS.findall(text)) < WORD_MIRROR_EVIDENCE:
        return False
    read = (match for match in _WORD_ANNOTATED.finditer(text) if reads_word(match.group(2), match.group(1)))
    return sum(1 for _ in islice(read, WORD_MIRROR_EVIDENCE)) >= WORD_MIRROR_EVIDENCE


def shows_mirror(text: str) -> bool:
    """Whether a page shows a mirror at work: ``MIRROR_EVIDENCE`` characters followed by their
    reading. A mirror annotates the whole page, its headings and menus too, which the extractor
    reads by their words (相关新闻, 责任编辑); the annotations go before it reads them."""
    # each bracket found by str.find, not a regex over the page: a page has a few hundred
    # brackets and many thousand characters
    found = 0
    for bracket in _BRACKETS:
        at = text.find(bracket)
        while at != -1:
            if at and HAN_CHAR.match(text[at - 1]) and (match := _ANNOTATION.match(text, at)) \
                    and is_reading(match.group(1), text[at - 1]):
                found += 1
                if found >= MIRROR_EVIDENCE:
                    return True
            at = text.find(bracket, at + 1)
    return False


def remove_pinyin_annotations(text: str) -> tuple[str, int]:
    """Drop ``(pinyin)`` annotations that read the character before them, and, where there are
    ``MIRROR_EVIDENCE`` of those or ``WORD_MIRROR_EVIDENCE`` words read, the ones that read the
    word before them, the mirror's echoes of punctuation marks and its annotations of
    characters a lossy codec lost; count them."""
    removed = 0

    def strip(match: re.Match[str]) -> str:
        nonlocal removed
        char, annotations = match.group(1), match.group(2)
        kept = []
        for ann in _ANNOTATION.finditer(annotations):
            if is_reading(ann.group(1), char):
                removed += 1
            else:
                kept.append(ann.group(0))
        return char + "".join(kept)

    text = _ANNOTATED.sub(strip, text)
    if removed < MIRROR_EVIDENCE and not _annotates_words(text):
        return text, removed

    def strip_word(match: re.Match[str]) -> str:
        nonlocal removed
        if not reads_word(match.group(2), match.group(1)):
            return match.group(0)
        removed += 1
        return match.group(1)

    text = _WORD_ANNOTATED.sub(strip_word, text)
    text, echoes = _ECHOED_MARK.subn(r"\1", text)
    text, lost = _LOST_ANNOTATED.subn("\ufffd", text)
    return text, removed + echoes + lost


# -- byte-misaligned stretches -----------------------------------------------------------

# A GBK page that lost one byte reads as nonsense until an ASCII byte realigns it; pinyin
# mirrors then leave: "?" (the lost byte), a broken annotation, the misread characters, and
# the next annotation, e.g. 輸?shù)贸觥⒎€(wěn)得住 for 輸得出、穩(wěn)得住.
_MISALIGNED = re.compile(
    rf"\?(?:[{_PINYIN_LETTERS}]{{1,7}}\))?(?P<junk>[^\n(（?]{{1,40}}?)"
    rf"(?P<end>[(（?](?P<reading>[{_PINYIN_LETTERS}]{{1,7}})[)）])"
)
# Characters that misread GBK bytes produce and Chinese prose does not use: Latin-1 symbols,
# Greek, Cyrillic, enclosed numerals, €, box drawing, kana, private use.
_MISREAD = re.compile(
    r"[\u00a0-\u00ff\u0370-\u04ff\u20ac\u2460-\u24ff\u2500-\u257f\u3040-\u30ff\ue000-\uf8ff\ufffd]"
)


def _gbk_bytes(text: str) -> bytes:
    # Windows' GBK (cp936, WHATWG) reads byte 0x80 as €; Python's gbk codec has no €.
    return b"".join(b"\x80" if ch == "€" else ch.encode("gbk") for ch in text)


def _realign(junk: str, reading: str) -> tuple[str, int] | None:
    """The characters a misaligned stretch was, where the bytes and the next annotation agree,
    and the byte left of the character whose lead byte was lost.

    The stretch's GBK bytes, one byte on, decode to what was written; the first byte is the
    trail byte of the character before them, whose lead byte was lost.
    """
    try:
        encoded = _gbk_bytes(junk)
        shifted = encoded[1:].decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    if not shifted or not is_reading(reading, shifted[-1]) or plausibility(shifted) < MIN_PLAUSIBILITY:
        return None
    return shifted, encoded[0]


# Context read on each side of a lost character to tell which it was
_CONTEXT_CHARS = 4


def _lost_character(trail: int, before: str, after: str) -> str:
    """The character whose GBK trail byte alone survived, if the words around it leave one
    candidate (crawler.text.words); else U+FFFD."""
    from crawler.text.words import likeliest

    candidates = []
    for lead in range(0x81, 0xFF):
        try:
            char = bytes((lead, trail)).decode("gbk")
        except UnicodeDecodeError:
            continue
        if re.fullmatch(HAN, char):
            candidates.append(char)
    before = _ANNOTATION.sub("", before)[-_CONTEXT_CHARS:]
    after = _ANNOTATION.sub("", after)[:_CONTEXT_CHARS]
    return likeliest(candidates, before, after) or "\ufffd"


def repair_misaligned_spans(text: str) -> tuple[str, int, int, int]:
    """Restore misaligned stretches where the evidence allows, drop the others.

    Returns the text, how many stretches were restored, how many dropped, and how many of the
    restored ones got their lost character back from the words around it (the others mark it
    U+FFFD). Clean text has no such stretch: the characters between "?" and the annotation
    must read as mojibake.
    """
    restored = dropped = guessed = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal restored, dropped, guessed
        junk = match.group("junk")
        if plausibility(junk) >= 0.7 and not _MISREAD.search(junk):
            return match.group(0)  # a real question mark before an annotated character
        realigned = _realign(junk, match.group("reading"))
        if realigned is None:
            dropped += 1
            return ""
        shifted, trail = realigned
        lost = _lost_character(trail, text[max(0, match.start() - 40):match.start()],
                               shifted + text[match.end():match.end() + 40])
        restored += 1
        guessed += lost != "\ufffd"
        return lost + shifted

    return _MISALIGNED.sub(fix, text), restored, dropped, guessed
