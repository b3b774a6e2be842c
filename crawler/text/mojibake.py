"""Mojibake repair: text that was already mojibaked before it reached us.

UTF-8 bytes read as GBK, Big5, cp1252 or Latin-1 and saved again (even twice over) become
runs of rare characters or Latin letters; so do GBK or Big5 bytes read as Latin-1 or cp1252 (a
latin1 database column holding GBK: ÏØÈËÉç¾Ö for 县人社局). A run is repaired only where undoing
the misreading turns implausible text into plausible Chinese, so clean text is never touched.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from functools import cache

from crawler.text.fold import fold
from crawler.text.han import HAN_CHAR, MIN_PLAUSIBILITY, SUSPICIOUS, common_characters, plausibility
from crawler.text.words import LOST_FROM_WORDS, in_a_word, likeliest, likelihood_per_character

# Mojibake comes in runs: Latin-1/cp1252 letters for UTF-8 read as cp1252, Han and symbols
# (GBK has a few Latin-1 ones, such as ¤) for UTF-8 read as GBK or Big5. Whole non-ASCII runs
# are tried first, then stretches inside them, then Latin runs beside clean Han text.
_CP1252_SPECIALS = (  # what cp1252 puts in 0x80-0x9f
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e"
    "\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
# Written [c][c]+, not [c]{2,}: a pattern that opens with a character class is searched for
# that class at C speed, while a pattern that opens with a repeat is tried at every position.
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f][^\x00-\x7f]+")
# (a run spans the marks of the bytes cp1252 leaves undefined, which a lossy misreading made)
_LATIN_RUN = re.compile(rf"[\x80-\xff{_CP1252_SPECIALS}][\x80-\xff{_CP1252_SPECIALS}\ufffd]+")
# The bytes cp1252 does not define: a misreading with replacement marks each with one U+FFFD
_CP1252_UNDEFINED = bytes((0x81, 0x8D, 0x8F, 0x90, 0x9D))
# Punctuation of Chinese text that takes three UTF-8 bytes: CJK (。、《》), fullwidth (，：),
# general (“”…—)
_WIDE_PUNCTUATION = re.compile("[\u3000-\u303f\uff00-\uff20\u2010-\u2027\u2030-\u205e]+")
# Letters with accents and tone marks (ú, ǎ), two UTF-8 bytes each
_ACCENTED_LETTERS = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af]+")
# A UTF-8 lead byte and a continuation byte as cp1252 or Latin-1 read them (Ã©, ä¸): the least
# a Latin run needs to be UTF-8 misread. Chinese text's own cp1252 characters (“”, ——, ……) are
# continuation bytes only
_LATIN_MISREAD = re.compile(rf"[\xc2-\xf4][\x80-\xbf{_CP1252_SPECIALS}]")
_LATIN_LEAD_BYTES = re.compile(rb"\xc3[\x82-\xb4]")
_LATIN_LEAD = b"\xc3"  # (the byte both searches below open with: most pages have none)
# Two GB2312 characters' bytes (A1-FE each) as Latin-1 letters: Chinese read as Latin (ÏØÈË)
# (in the text's UTF-8 bytes, from one of À..þ, C3 80..BE: a search with a literal opening runs
# at memchr's speed, and a misread stretch of three characters or more holds such a run)
_CHINESE_AS_LATIN = re.compile(rb"\xc3[\x80-\xbe](?:[\xc2\xc3][\xa1-\xbf]|\xc3[\x80-\xbe]){3}")
_MOJIBAKE_CODECS = ("gb18030", "big5hkscs", "cp1252", "latin-1")
_MAX_LAYERS = 3


def _c1_as_bytes(error: UnicodeError) -> tuple[bytes, int]:
    # cp1252 leaves five bytes undefined (81 8D 8F 90 9D); browsers (WHATWG) and MySQL's
    # "latin1" read them as the C1 controls of the same number, which turn back into them
    chars = error.object[error.start:error.end]  # type: ignore[attr-defined]
    if isinstance(error, UnicodeEncodeError) and all("\x80" <= ch <= "\x9f" for ch in chars):
        return chars.encode("latin-1"), error.end
    raise error


codecs.register_error("newsarchive.c1_as_bytes", _c1_as_bytes)
_ENCODE_ERRORS = {"cp1252": "newsarchive.c1_as_bytes"}


def _encodings(run: str, codec: str) -> list[bytes]:
    """The bytes whose reading with ``codec`` the run may be: as ``codec`` writes it, and where
    it holds a € read as GBK, with each € as the lone 0x80 byte a browser's GBK (WHATWG's) and
    Windows' read so, a byte UTF-8 Chinese is full of (gb18030 and Python's GBK write € as the
    pair A2 E3, which a misreading made as well). Raises UnicodeEncodeError."""
    written = run.encode(codec, _ENCODE_ERRORS.get(codec, "strict"))
    if codec != "gb18030" or "€" not in run:
        return [written]
    return [written, b"\x80".join(piece.encode(codec) for piece in run.split("€"))]


def _decode_next(decoder: codecs.IncrementalDecoder, encodings: list[bytes]) -> str | None:
    """What the incremental UTF-8 ``decoder`` reads of the first of ``encodings`` it can read
    (``_encodings``), left as it was before any that it cannot; None if it reads none."""
    state = decoder.getstate()
    for encoded in encodings:
        try:
            return decoder.decode(encoded)
        except UnicodeDecodeError:
            decoder.setstate(state)
    return None


def _unmojibake(
    run: str, layers: int = _MAX_LAYERS, candidates: tuple[str, ...] = _MOJIBAKE_CODECS
) -> tuple[str, list[str], int] | None:
    """The text a mojibaked run was (UTF-8 bytes read with another codec, up to three
    times over), with the codec of each layer undone and how many lost characters the words
    around them gave back; None if it is not mojibake."""
    before = None
    for codec in candidates:
        if codec in _DOUBLE_BYTE and not misread_leads(codec).search(run):
            continue  # cheap: most clean runs stop here
        if "\ufffd" in run and (codec in _DOUBLE_BYTE or codec == "cp1252"):
            # misread with replacement: the bytes under each U+FFFD are gone, the rest are not
            if (lossy := decode_lossy(run, codec)) is not None:
                return lossy[0], [f"utf8_as_{codec}"], lossy[1]
            continue
        try:
            encodings = _encodings(run, codec)
        except UnicodeEncodeError:
            continue
        for encoded in encodings:
            try:
                fixed = encoded.decode("utf-8") if _UTF8_MULTIBYTE.search(encoded) else None
            except UnicodeDecodeError:
                fixed = None
            if fixed is None:
                # not UTF-8: a Chinese codec's bytes that Latin-1 or cp1252 read
                if codec in _LATIN and (legacy := _legacy_reading(encoded)):
                    return legacy[0], [f"{legacy[1]}_as_{codec}"], 0
                continue
            if fixed == run:
                continue
            after = plausibility(fixed)
            before = plausibility(run) if before is None else before
            if HAN_CHAR.search(fixed) and after >= MIN_PLAUSIBILITY \
                    and (after > before or SUSPICIOUS.search(run)):
                return fixed, [f"utf8_as_{codec}"], 0
            # a Chinese text's punctuation alone, set apart from the repaired words by digits
            # (…72%ã€‚), or a pinyin's toned letters between ASCII ones (fÃºpÃ­n)
            if codec in _LATIN and (_WIDE_PUNCTUATION.fullmatch(fixed) or _ACCENTED_LETTERS.fullmatch(fixed)):
                return fixed, [f"utf8_as_{codec}"], 0
            if layers > 1 and (deeper := _unmojibake(fixed, layers - 1)):
                return deeper[0], [f"utf8_as_{codec}", *deeper[1]], deeper[2]
    return None


_LATIN = ("cp1252", "latin-1")
# The Chinese codecs whose bytes a Latin reading may have spoiled
_LEGACY_CODECS = ("gb18030", "big5hkscs")


def _legacy_reading(encoded: bytes) -> tuple[str, str] | None:
    """The text bytes that are not UTF-8 were in a Chinese codec, the one that reads them as
    the more plausible Chinese, if either does; with its name."""
    if len(encoded) < 2 * MIN_HAN_WITHIN_RUN:  # (too short to tell: most Latin runs stop here)
        return None
    readings = []
    for codec in _LEGACY_CODECS:
        try:
            text = encoded.decode(codec)
        except UnicodeDecodeError:
            continue
        # (three characters at least: a character or two of a Chinese codec is what a short
        # stretch of any misreading's bytes may make)
        if len(HAN_CHAR.findall(text)) >= MIN_HAN_WITHIN_RUN \
                and (score := plausibility(text)) >= MIN_PLAUSIBILITY:
            readings.append((score, text, codec))
    if not readings:
        return None
    _, text, codec = max(readings)
    return text, codec


# The text between a line's tags (a decoded page is repaired before it is parsed)
_TEXT_BETWEEN_TAGS = re.compile(r"[^<>]+")
# A replacement mark written out as "?" by an encoder with no U+FFFD (a GBK one), after a
# misread character: it stands for lost bytes as U+FFFD does (鍘熸爣棰?). The lossy repair
# takes it for one only where the whole line then decodes, so a question's own ? stays.
_MARK_WRITTEN_AS_QUESTION = re.compile(r"(?<=[^\x00-\x7f])\?+")
# Two U+FFFD in UTF-8 (EF BF BD EF BF BD) read as GBK: the mark of text lost twice over
_LOST_TWICE = "锟斤拷"
_LOST_TWICE_BYTES = _LOST_TWICE.encode()
# UTF-8 bytes of Han text, CJK punctuation and fullwidth forms: three to a character
_CJK_UTF8_LENGTH = 3
_REPLACEMENT_RUN = re.compile("(\ufffd+)")


def decode_lossy(run: str, codec: str) -> tuple[str, int] | None:
    """The text a run was, if it is UTF-8 misread as ``codec`` with replacement (a CMS that
    decoded UTF-8 as GBK and kept U+FFFD where a byte pair did not decode): the run is encoded
    back, each U+FFFD stands for the one or two bytes it replaced, every character whose bytes
    survive is recovered, and each one whose bytes are gone is marked U+FFFD (one mark per
    lost character), but where its surviving bytes and the words around it leave one
    character (``_restore_from_words``); with how many were so restored. None if the run does
    not fit that shape, or reads no better for it.

    A gap's length follows from its neighbours. Between the last character boundary before
    it and the first one after it lie: the known head of a character the gap cuts (its lead
    byte says its length), the gap, then the continuation bytes that open the next piece; the
    characters there, three bytes each past the cut one, are the lost ones. A decoder
    replaces one byte (Python, Java) or two (WHATWG) per mark, so a gap of k marks held k to
    2k bytes; the shortest length that makes whole characters is taken.
    """
    parts = _REPLACEMENT_RUN.split(run)
    if len(parts) == 1:
        return None
    try:
        encodings = [_encodings(part, codec) for part in parts[0::2]]
    except UnicodeEncodeError:
        return None
    # (as written, then with each € as a browser's GBK read 0x80, where there is one)
    readings = [[ways[0] for ways in encodings]]
    if any(len(ways) > 1 for ways in encodings):
        readings.append([ways[-1] for ways in encodings])
    gaps = [len(marks) for marks in parts[1::2]]
    return next((found for pieces in readings if (found := _lossy_reading(pieces, gaps, codec))), None)


def _lossy_reading(pieces: list[bytes], gaps: list[int], codec: str) -> tuple[str, int] | None:
    """``decode_lossy``'s reading of the run's pieces of bytes between its gaps of marks."""
    # a double-byte codec's mark replaced one byte or two; cp1252's, one of the five it leaves
    # undefined
    bytes_per_mark, lost_bytes = (1, _CP1252_UNDEFINED) if codec == "cp1252" else (2, None)
    out: list[str] = []
    owed = 0  # bytes the character cut by the next gap still lacks
    head = b""  # the bytes of it that survive
    single: dict[int, list[str]] = {}  # out's index of a gap of one lost character -> its candidates
    for index, piece in enumerate(pieces):
        if index:
            marks = gaps[index - 1]
            tail = 0  # continuation bytes that open this piece: the rest of a cut character
            while tail < len(piece) and 0x80 <= piece[tail] <= 0xBF:
                tail += 1
            lost = _lost_characters(owed, marks, tail, bytes_per_mark)
            if lost is None:
                return None
            if lost == 1:
                single[len(out)] = _characters_with(head, len(head) + owed if owed else _CJK_UTF8_LENGTH,
                                                    piece[:tail], lost_bytes)
            out.append("\ufffd" * lost)
            piece, owed, head = piece[tail:], 0, b""
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            out.append(decoder.decode(piece))
        except UnicodeDecodeError:
            return None
        if cut := decoder.getstate()[0]:
            if index == len(pieces) - 1:
                return None  # the run ends inside a character: not this damage
            owed = (2 if cut[0] < 0xE0 else 3 if cut[0] < 0xF0 else 4) - len(cut)
            head = cut
    fixed = "".join(out)
    lost = fixed.count("\ufffd")
    han = len(HAN_CHAR.findall(fixed))
    # more lost than recovered, or rare characters recovered: not this damage, or too little
    # of it survives to tell (a Latin run that fits UTF-8 round its marks says enough: cp1252
    # leaves five bytes undefined, the marks stand for one each, and Latin text fits no such)
    if (codec != "cp1252" and (not han or lost > han)) \
            or plausibility(fixed.replace("\ufffd", "")) < MIN_PLAUSIBILITY:
        return None
    return _restore_from_words(out, single)


# A lost character is looked for among the characters its surviving bytes allow only where at
# most this many bytes of it are gone (one: 64 candidates at most; two would be thousands)
MAX_MISSING_BYTES = 1
# Characters read on each side of a lost one to tell which it was
CONTEXT_CHARS = 4
# How much likelier (natural log: e**5, some 150 times) the words must make one candidate than
# any other for it to be restored: a wrong character reads as text, a mark says it is gone, so
# this asks more than the misaligned stretch's guess (words.MARGIN), whose byte is its own
RESTORE_MARGIN = 5.0


def _characters_with(head: bytes, length: int, tail: bytes, lost_bytes: bytes | None = None) -> list[str]:
    """The common Han characters of ``length`` UTF-8 bytes that begin with ``head`` and end
    with ``tail``: what a lost character of news text may have been (none where too many
    bytes are gone). ``lost_bytes``: the bytes the lost one can have been, if known."""
    missing = length - len(head) - len(tail)
    if missing > MAX_MISSING_BYTES and head and head[0] in (0xE2, 0xE3):
        # (more of it gone, but its head is punctuation's: the marks that close a line are few)
        return [mark for mark in _CLOSING_MARKS if len(encoded := mark.encode()) == length
                and encoded.startswith(head) and encoded.endswith(tail)]
    if not 0 < missing <= MAX_MISSING_BYTES:
        return []
    lead_range = lost_bytes or (range(0xE0, 0xF0) if not head else range(0x80, 0xC0))
    found = []
    for byte in lead_range:
        try:
            char = (head + bytes((byte,)) + tail).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(char) == 1 and (HAN_CHAR.match(char) and char in common_characters()
                               or char in _CLOSING_MARKS):
            found.append(char)
    return found


# The marks that close a line, whose first two UTF-8 bytes (E3 80, E2 80) survive where its last
# one was lost: a misread paragraph's last 。 loses its byte to the tag or the line end after it
_CLOSING_MARKS = "。」』”’"
_OPENERS = {"”": "“", "’": "‘", "」": "「", "』": "『"}


def _closing_mark(before: str, after: str, candidates: list[str]) -> str | None:
    """The mark a lost punctuation character that closes its line was (``candidates``, what its
    surviving bytes allow): the quote or bracket the line opened and left open, else its full
    stop after words; None where it is not at the line's end, or the line says nothing."""
    if after[:1] not in ("", "\n", "<"):
        return None
    line = before[before.rfind("\n") + 1:]
    for close, opener in _OPENERS.items():
        if close in candidates and line.count(opener) > line.count(close):
            return close
    return "。" if "。" in candidates and line[-1:] and (HAN_CHAR.match(line[-1]) or line[-1] in "”」』") \
        else None


def _restore_from_words(out: list[str], single: dict[int, list[str]]) -> tuple[str, int]:
    """The pieces joined, each lost character with candidates (``single``) restored where the
    words around it leave one (crawler.text.words), else left marked; and how many were."""
    restored = 0
    for index, candidates in single.items():
        if not candidates:
            continue
        if all(char in _CLOSING_MARKS for char in candidates):
            if (mark := _closing_mark("".join(out[:index]), "".join(out[index + 1:]), candidates)):
                out[index] = mark
                restored += 1
            continue
        candidates = [char for char in candidates if char not in _CLOSING_MARKS]
        before = "".join(out[:index])[-CONTEXT_CHARS:]
        after = "".join(out[index + 1:])[:CONTEXT_CHARS]
        if fold(before + after) == before + after:  # no Traditional form around: none lost here
            candidates = [c for c in candidates if fold(c) == c]
        if "\ufffd" not in before + after and (char := likeliest(candidates, before, after, RESTORE_MARGIN)) \
                and in_a_word(before, char, after):
            out[index] = char
            restored += 1
    return "".join(out), restored


def _lost_characters(owed: int, marks: int, tail: int, bytes_per_mark: int = 2) -> int | None:
    """How many characters a gap of ``marks`` replacement marks swallowed, given the bytes
    the character it cuts still owed and the continuation bytes after it; None if no length
    the marks can stand for (one byte each, up to ``bytes_per_mark``) makes whole characters."""
    for gap in range(marks, bytes_per_mark * marks + 1):
        rest = gap + tail - owed  # bytes of the characters after the cut one
        if rest >= 0 and rest % _CJK_UTF8_LENGTH == 0 and (owed or rest):
            return bool(owed) + rest // _CJK_UTF8_LENGTH
    return None


# Bytes shaped like UTF-8 multibyte characters, anywhere: a run without them is no mojibake.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
_DOUBLE_BYTE = ("gb18030", "big5hkscs")


@cache
def misread_leads(codec: str) -> re.Pattern[str]:
    """The characters ``codec`` makes of a UTF-8 lead byte of Han text (E3-EF) and the byte
    after it. UTF-8 Han text misread as GBK or Big5 has one in every three characters or
    fewer; clean text has few (they are rare characters), so a search finds candidates fast."""
    chars = set()
    for lead in range(0xE3, 0xF0):
        for trail in range(0x40, 0xFF):
            chars.add(bytes((lead, trail)).decode(codec, errors="ignore"))
    chars.discard("")
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


@cache
def misread_dense(codec: str) -> re.Pattern[str]:
    """Two ``misread_leads`` three characters apart: UTF-8 Han text (three bytes a character)
    misread as a double-byte codec makes one every three characters, so a misread stretch of
    three Han characters or more has this shape, while clean text (rare characters scattered
    among common ones) seldom does. One search tells whether a page needs the repair; a page
    whose only damage is shorter is left as it is."""
    lead = misread_leads(codec).pattern
    return re.compile(f"{lead}[^\n]{{2}}{lead}")


@cache
def any_misread_dense() -> re.Pattern[str]:
    """``misread_dense`` of every double-byte codec at once: a page with no match (most
    pages) is known clean in one pass, not one per codec."""
    leads = "".join(misread_leads(codec).pattern[1:-1] for codec in _DOUBLE_BYTE)
    return re.compile(f"[{leads}][^\n]{{2}}[{leads}]")


_COMBINING_MARK = re.compile("[\u0300-\u036f]")
# Inside a longer run, a spoiled stretch must give this many Han characters back.
MIN_HAN_WITHIN_RUN = 3


def _repair_within_run(run: str, repairs: Counter, candidates: tuple[str, ...]) -> str:
    """Find spoiled stretches inside a run that also holds clean Han text.

    GBK or Big5 mojibake of UTF-8 is Han too, so no script boundary separates it from the
    clean text beside it. A stretch can only begin at a character whose encoding starts with
    a UTF-8 lead byte (rare characters in clean text), so only those starts are tried.
    """
    for codec in candidates:
        if codec not in _DOUBLE_BYTE or not misread_leads(codec).search(run):
            continue
        try:
            run.encode(codec)
            if _COMBINING_MARK.search(run):
                # Big5-HKSCS encodes a letter and its mark as one code (ê̄), not the mark alone;
                # the stretches below encode a character at a time
                for ch in run:
                    ch.encode(codec)
        except UnicodeEncodeError:
            continue
        out: list[str] = []
        copied = 0  # run[:copied] is in out
        n = len(run)
        # the characters whose encoding starts with a UTF-8 lead byte, found by the search
        # (a character at a time in Python was most of the repair's cost on clean pages)
        for lead in misread_leads(codec).finditer(run):
            k = lead.start()
            if k < copied:
                continue  # inside a stretch already repaired
            if "\ufffd" in run[k:] and plausibility(run[k:]) < MIN_PLAUSIBILITY \
                    and (lossy := decode_lossy(run[k:], codec)) is not None:
                # misread with replacement from here on (a page misread as a whole)
                out += [run[copied:k], lossy[0]]
                repairs[f"mojibake_utf8_as_{codec}"] += 1
                repairs["mojibake_lost_characters"] += lossy[0].count("\ufffd")
                repairs[LOST_FROM_WORDS] += lossy[1]
                return "".join(out)
            decoder = codecs.getincrementaldecoder("utf-8")()
            best, text = None, ""
            for j in range(k, n):
                if (piece := _decode_next(decoder, _encodings(run[j], codec))) is None:
                    break
                text += piece
                if not decoder.getstate()[0]:  # a character boundary in both codecs
                    best = (j + 1, text)
            if best and len(HAN_CHAR.findall(best[1])) >= MIN_HAN_WITHIN_RUN \
                    and plausibility(best[1]) >= MIN_PLAUSIBILITY \
                    and plausibility(run[k:best[0]]) < MIN_PLAUSIBILITY:
                out += [run[copied:k], best[1]]
                repairs[f"mojibake_utf8_as_{codec}"] += 1
                copied = best[0]
        if copied:
            return "".join(out) + run[copied:]
    return run


def repair_mojibake(text: str) -> tuple[str, Counter]:
    """Undo upstream mojibake line by line, then run by run; count each layer by kind.

    Clean text is left alone: a repair must turn implausible text into plausible Chinese.
    """
    repairs: Counter = Counter()
    text = _undo_misreads(text, repairs)
    if "\ufffd" in text:  # (most pages hold no mark at all)
        text = _repair_marked_misreads(text, repairs)
    return text, repairs


def _undo_misreads(text: str, repairs: Counter) -> str:
    """The text with its misread stretches read again (``repair_mojibake``): UTF-8 read as a
    double-byte codec or a Latin one, a Chinese codec read as Latin, marks that stand for lost
    characters."""
    # (the text's UTF-8 bytes are searched where a search has a literal to look for: at memchr's
    # speed, several times a search of the text)
    encoded = text.encode("utf-8", "surrogatepass")
    if _LOST_TWICE_BYTES in encoded:
        # U+FFFD written as UTF-8 and read as GBK: characters lost one step before us; their
        # marks are restored, two for each 锟斤拷
        repairs["mojibake_lost_characters"] += 2 * text.count(_LOST_TWICE)
        text = text.replace(_LOST_TWICE, "\ufffd\ufffd")
        encoded = text.encode("utf-8", "surrogatepass")
    # Which misreadings could have happened anywhere on the page: one pass over the whole
    # text, so clean pages skip the run-by-run work. A codec's stretch is one of any codec's,
    # so none starts before the first of those.
    first = any_misread_dense().search(text)
    candidates = tuple(codec for codec in _DOUBLE_BYTE
                       if first and misread_dense(codec).search(text, first.start()))
    # (a Latin misreading leads with one of À..ô, whose UTF-8 bytes are C3 82..C3 B4: the text's
    # bytes searched for them cost a third of a search of the text, and most pages have none)
    # (a Chinese codec's bytes read so: runs of Latin-1 letters, two a character, ÏØÈË)
    if _LATIN_LEAD in encoded and (_LATIN_LEAD_BYTES.search(encoded) and _LATIN_MISREAD.search(text)
                                   or _CHINESE_AS_LATIN.search(encoded)):
        candidates += _LATIN
    if not candidates:
        return text

    def undo(spoiled: str, tally: Counter) -> str | None:
        result = _unmojibake(spoiled, candidates=candidates)
        if result is None and "?" in spoiled and (marked := _MARK_WRITTEN_AS_QUESTION.sub(
                lambda marks: "\ufffd" * len(marks.group()), spoiled)) != spoiled:
            result = _unmojibake(marked, candidates=candidates)
        if result is None:
            return None
        for layer in result[1]:
            tally[f"mojibake_{layer.replace('-', '')}"] += 1
        if lost := result[0].count("\ufffd"):  # the marks of a lossy misreading: characters gone
            tally["mojibake_lost_characters"] += lost
        if result[2]:
            tally[LOST_FROM_WORDS] += result[2]
        return result[0]

    def undo_segment(segment: str, whole_line: bool, tally: Counter) -> str:
        """A stretch of text between tags: whole (unless it is the line, already tried), or
        from its first misread character on (a paragraph misread whole after a clean indent),
        or run by run."""
        if not (found := suspect.search(segment)):
            return segment
        # (a misread stretch of three characters or more; or Latin letters that may be a Chinese
        # codec's bytes, whose trail bytes are ASCII at times: split at ASCII, they read as none)
        latin = _LATIN[0] in candidates and _CHINESE_AS_LATIN.search(segment.encode("utf-8", "surrogatepass"))
        if any_misread_dense().search(segment) or latin:
            if not whole_line and (fixed := undo(segment, tally)) is not None:
                return fixed
            if found.start() and (fixed := undo(segment[found.start():], tally)) is not None:
                return segment[:found.start()] + fixed
        fixed = _NON_ASCII_RUN.sub(
            lambda m: undo(m.group(0), tally) or _repair_within_run(m.group(0), tally, candidates), segment)
        return _LATIN_RUN.sub(lambda m: undo(m.group(0), tally) or m.group(0), fixed)

    def undo_line(line: str, tally: Counter) -> str:
        fixed = undo(line, tally)
        if fixed is None:
            fixed = _TEXT_BETWEEN_TAGS.sub(lambda segment: undo_segment(
                segment.group(0), segment.group(0) == segment.string, tally), line)
        return fixed

    def line_around(start: int, end: int) -> tuple[int, int]:
        """Where the line that holds text[start:end] starts and ends."""
        end = text.find("\n", end)
        return text.rfind("\n", 0, start) + 1, len(text) if end < 0 else end

    # A line with no character that a misreading makes is left alone without more work: the
    # lines to repair are found by searching the whole text for those characters.
    suspect = re.compile("|".join(
        [misread_leads(c).pattern for c in candidates if c in _DOUBLE_BYTE]
        + ([_LATIN_RUN.pattern] if "latin-1" in candidates else [])
    ))
    # A page misread as a double-byte codec has a misread stretch of three characters or more
    # (what the search above found), which reads again as Chinese; where every such stretch
    # stays as it is (rare characters side by side: 浏览器浏), the page is clean, and its
    # every line with a rare character is not tried
    if all(codec in _DOUBLE_BYTE for codec in candidates):
        dense = {text[slice(*line_around(*found.span()))] for codec in candidates
                 for found in misread_dense(codec).finditer(text, first.start())}
        if all(undo_line(line, Counter()) == line for line in dense):
            return text
    pieces, done = [], 0  # text[:done] is in pieces
    while match := suspect.search(text, done):
        start, end = line_around(*match.span())
        pieces += [text[done:start], undo_line(text[start:end], repairs)]
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


# One double-byte codec's text read as the other's with replacement upstream (a mainland
# aggregator's copy of a Taiwanese page: its Big5 read as GBK, ~25% of the pairs marked where
# GBK has no character; a GBK page read as Big5): the text written, and the codec it was read as
_CROSS_READINGS = (("big5hkscs", "gbk"), ("gbk", "big5hkscs"))
# How much likelier (natural log, a character) a cross reading's words must be than the run's:
# prose reads at about -6, a misreading at -11 or less (crawler.text.words)
CROSS_READING_GAIN = 3.0


def decode_cross_misread(run: str, written: str, read_as: str) -> tuple[str, int, int] | None:
    """The text a run was, if it is ``written``'s bytes read as ``read_as`` with replacement
    (Python's decoders mark the lead byte of a pair they cannot read and read on from its
    trail byte, which the characters after the mark begin with): each character encoded back,
    each mark one byte gone, the bytes read in ``written`` with each character that lost a
    byte marked, unless its surviving byte and the words around it leave one character
    (``_restore_from_words``); with how many were lost and restored. None where the run is no
    such text: not encodable back, more lost than read, or not plausible Chinese."""
    data: list[int | None] = []
    for char in run:
        if char == "\ufffd":
            data.append(None)
            continue
        try:
            data.extend(char.encode(read_as))
        except UnicodeEncodeError:
            return None
    out: list[str] = []
    single: dict[int, list[str]] = {}
    at, end = 0, len(data)
    while at < end:
        byte, trail = data[at], data[at + 1] if at + 1 < end else None
        if byte is not None and byte < 0x80:
            out.append(chr(byte))
            at += 1
            continue
        if byte is None or trail is None:
            single[len(out)] = _lost_with(written, read_as, byte, trail)
            out.append("\ufffd")
        else:
            try:
                out.append(bytes((byte, trail)).decode(written))
            except UnicodeDecodeError:
                out.append("\ufffd")
        at += 2
    fixed = "".join(out)
    lost, han = fixed.count("\ufffd"), len(HAN_CHAR.findall(fixed))
    if han < MIN_HAN_WITHIN_RUN or lost > han or plausibility(fixed.replace("\ufffd", "")) < MIN_PLAUSIBILITY:
        return None
    # (a reading of the wrong codec's bytes is plausible characters too, Traditional ones above
    # all: the words tell, the reading's characters making far likelier words than the run's)
    now, then = likelihood_per_character(fixed), likelihood_per_character(run)
    if now is None or then is None or now < then + CROSS_READING_GAIN:
        return None
    text, restored = _restore_from_words(out, single)
    return text, lost - restored, restored


@cache
def _lost_with(written: str, read_as: str, lead: int | None, trail: int | None) -> list[str]:
    """The common characters a lost pair may have been, given its one surviving byte: those
    ``written`` encodes with that byte there that ``read_as`` cannot read (what was marked)."""
    if (lead is None) == (trail is None):
        return []
    found = []
    for other in range(0x81, 0xFF):
        pair = bytes((other, trail)) if lead is None else bytes((lead, other))
        try:
            char = pair.decode(written)
        except UnicodeDecodeError:
            continue
        try:
            pair.decode(read_as)
            continue  # (read, it would not have been marked)
        except UnicodeDecodeError:
            pass
        if len(char) == 1 and HAN_CHAR.match(char) and char in common_characters():
            found.append(char)
    return found


def _repair_marked_misreads(text: str, repairs: Counter) -> str:
    """Each stretch of text between tags that holds replacement marks and does not read as
    Chinese, read again as another double-byte codec's text misread with replacement
    (``decode_cross_misread``), where that reads as Chinese."""
    pieces, done = [], 0
    while (mark := text.find("\ufffd", done)) >= 0:
        start = max(text.rfind(">", 0, mark), text.rfind("\n", 0, mark)) + 1
        ends = [at for at in (text.find("<", mark), text.find("\n", mark)) if at >= 0]
        end = min(ends) if ends else len(text)
        run = text[start:end]
        fixed = None
        if plausibility(run) < MIN_PLAUSIBILITY:
            for written, read_as in _CROSS_READINGS:
                if (found := decode_cross_misread(run, written, read_as)) is not None:
                    fixed = found[0]
                    repairs[f"mojibake_{written.replace('hkscs', '')}_as_{read_as.replace('hkscs', '')}"] += 1
                    repairs["mojibake_lost_characters"] += found[1]
                    repairs[LOST_FROM_WORDS] += found[2]
                    break
        pieces += [text[done:start], run if fixed is None else fixed]
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


# A character reference escaped twice (a CMS that escaped its text, then the page's markup:
# &amp;#21439; shows as the reference, not 县); a page shows the damage by this many of them
# that stand for Chinese (a CJK character or a full-width mark), wherever they are: a page that
# writes one as an example (&amp;#169;) is not so
_DOUBLE_ESCAPED = re.compile(r"&amp;#(x[0-9a-fA-F]{4,5}|\d{4,6});")
MIN_DOUBLE_ESCAPED = 3


def _reference_code(ref: str) -> int:
    return int(ref[1:], 16) if ref[0] in "xX" else int(ref)


def _is_chinese_code(code: int) -> bool:
    return 0x3000 <= code <= 0x9FFF or 0xF900 <= code <= 0xFFEF or 0x20000 <= code <= 0x3134F


def repair_double_escapes(html: str) -> tuple[str, int]:
    """A page's markup with its references to Chinese characters escaped twice unescaped once,
    where there are ``MIN_DOUBLE_ESCAPED`` or more (a reader sees &#21439;&#20154;&#31038; where
    县人社 was meant); and how many. References of other characters stay as the page has them,
    and so do a script's (one may undo the damage itself, replace("&amp;#23301;", "嬅"))."""
    if html.count("&amp;#") < MIN_DOUBLE_ESCAPED:  # (most pages: one count, no more)
        return html, 0

    lowered = html.lower()  # (<SCRIPT> too; a rare page gets this far)
    if len(lowered) != len(html):  # (a character whose lower case is longer: as it is)
        lowered = html

    def repaired(ref: re.Match[str]) -> bool:
        before = ref.start()
        return _is_chinese_code(_reference_code(ref.group(1))) \
            and lowered.rfind("<script", 0, before) <= lowered.rfind("</script", 0, before)

    if sum(map(repaired, _DOUBLE_ESCAPED.finditer(html))) < MIN_DOUBLE_ESCAPED:
        return html, 0
    count = 0

    def once(ref: re.Match[str]) -> str:
        nonlocal count
        if not repaired(ref):
            return ref.group()
        count += 1
        return f"&#{ref.group(1)};"

    html = _DOUBLE_ESCAPED.sub(once, html)
    return html, count
