"""Decode: bytes + Content-Type header -> text, with the codec chosen from all the evidence.

A charset declaration (HTTP header, ``<meta>``, XML declaration) is a hint, not a fact: each
one is checked against the bytes (a tolerant decode must leave few replacement characters and
the text must read as plausible Chinese) before it is believed. Where every declaration fails,
detection runs over the few codecs Chinese sites use. GB2312/GBK labels are read as GB18030
and Big5 as Big5-HKSCS, as browsers do. Text that was already mojibaked upstream (UTF-8 read
as GBK, Big5 or cp1252 and saved again) is repaired afterwards, and every repair is counted.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import charset_normalizer

from crawler.text.han import MIN_PLAUSIBILITY, plausibility
from crawler.text.mojibake import repair_double_escapes, repair_mojibake

# Codecs a Chinese news site plausibly uses, in the order detection tries them.
CANDIDATE_CODECS = ("utf-8", "gb18030", "big5hkscs")
# How much damage a declared codec may show and still be believed: titles cut by byte count
# leave a few broken double-byte sequences in otherwise good pages.
MAX_BAD_SHARE = 0.002
MAX_BAD_ABSOLUTE = 3
# How much of a page's text the plausibility check reads: plenty of evidence, bounded cost.
PLAUSIBILITY_SAMPLE = 50_000

_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "hz": "hz",
    "big5": "big5hkscs", "cp950": "big5hkscs", "big5hkscs": "big5hkscs",
    "latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252", "cp1252": "cp1252",
    "utf_8": "utf-8", "utf_8_sig": "utf-8",
}
# WHATWG labels Python's codec registry does not know.
_WHATWG_LABELS = {
    "x-gbk": "gb18030", "csgb2312": "gb18030", "chinese": "gb18030", "iso-ir-58": "gb18030",
    "x-x-big5": "big5hkscs", "csbig5": "big5hkscs", "big5-hkscs": "big5hkscs",
    "x-user-defined": "cp1252", "unicode-1-1-utf-8": "utf-8", "x-unicode20utf8": "utf-8",
}
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.+-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.+-]+)", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_:.+-]+)", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_BINARY_MAGIC = {
    b"\x89PNG": "PNG image", b"GIF8": "GIF image", b"\xff\xd8\xff": "JPEG image",
    b"%PDF": "PDF document", b"PK\x03\x04": "ZIP archive", b"\x1f\x8b": "gzip data",
    b"RIFF": "RIFF media", b"\x00\x00\x00": "binary data",
}


class UndecodableError(ValueError):
    """The body is not text in any codec we accept (binary served as HTML, for example)."""


@dataclass
class Decoded:
    text: str
    encoding: str
    declared: dict[str, str] = field(default_factory=dict)
    detection_used: bool = False
    repairs: Counter = field(default_factory=Counter)
    explanation: list[str] = field(default_factory=list)


# Python codecs that are no character encoding of a web page: transforms of bytes to bytes,
# of domain names, escapes, one that always fails, and UTF-7, which browsers refuse.
_NOT_PAGE_ENCODINGS = {
    "base64", "bz2", "hex", "quopri", "rot-13", "uu", "zlib",
    "idna", "punycode", "undefined", "utf-7", "unicode-escape", "raw-unicode-escape",
}


def normalize_label(label: str | None) -> str | None:
    """A charset label as the codec we decode with (its superset), or None if it names no
    character encoding a page can be in (unknown, or a codec such as zlib or base64)."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _WHATWG_LABELS:
        return _WHATWG_LABELS[label]
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    if info.name.replace("_", "-") in _NOT_PAGE_ENCODINGS:
        return None
    return _SUPERSETS.get(info.name.replace("-", "_"), info.name)


def declared_encodings(body: bytes, content_type: str | None = None) -> dict[str, str]:
    """The charset labels the response declares, as written: header, meta, xml, bom."""
    declared: dict[str, str] = {}
    for bom, name in _BOMS:
        if body.startswith(bom):
            declared["bom"] = name
            break
    if content_type and (match := _HEADER_CHARSET.search(content_type)):
        declared["header"] = match.group(1)
    head = body[:16384]
    if match := _XML_ENCODING.search(head):
        declared["xml"] = match.group(1).decode("ascii")
    if match := _META_CHARSET.search(head):
        declared["meta"] = match.group(1).decode("ascii")
    return declared


def declared_codec(body: bytes, content_type: str | None = None) -> str | None:
    """The codec of the first declaration that names a page encoding, unchecked: a cheap
    guess for what needs one before the decode stage (link URLs, Scrapy's own decoding)."""
    for label in declared_encodings(body[:16384], content_type).values():
        if codec := normalize_label(label):
            return codec
    return None


def binary_kind(body: bytes) -> str | None:
    """What binary content this is, if it is not text at all."""
    for magic, kind in _BINARY_MAGIC.items():
        if body.startswith(magic):
            return kind
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # UTF-16 text (a page saved as "Unicode" on Windows): half its bytes are NUL
    sample = body[:8192]
    if sample and sample.count(0) > len(sample) // 100:
        return "binary data (NUL bytes)"
    return None


def _try(body: bytes, codec: str) -> tuple[str, int]:
    text = body.decode(codec, errors="replace")
    return text, _undecodable(text, body, codec)


@cache
def _written_mark(codec: str) -> bytes | None:
    try:
        return "\ufffd".encode(codec)
    except (UnicodeError, LookupError):  # (GBK and Big5 have no character for it)
        return None


def _undecodable(text: str, body: bytes, codec: str) -> int:
    """How many of ``text``'s replacement marks stand for bytes ``codec`` could not read: not
    those the page holds written in ``codec`` itself (GB18030's 84 31 A4 37), characters lost
    upstream before the page was written."""
    marks = text.count("\ufffd")
    written = _written_mark(codec) if marks else None
    return marks - body.count(written) if written else marks


_HIGH_BYTES = bytes(range(0x80, 0x100))


def _judge(text: str, bad: int, body: bytes) -> tuple[bool, float]:
    """Whether a decode is believable (few undecodable bytes, reads as Chinese), and its
    plausibility."""
    non_ascii = (len(body) - len(body.translate(None, _HIGH_BYTES))) or 1
    too_damaged = bad > max(MAX_BAD_ABSOLUTE, non_ascii * MAX_BAD_SHARE)
    score = plausibility(text[:PLAUSIBILITY_SAMPLE])
    return not too_damaged and score >= MIN_PLAUSIBILITY, score


def _acceptable(text: str, bad: int, body: bytes) -> bool:
    return _judge(text, bad, body)[0]


def _detect(body: bytes) -> tuple[str, str, bool]:
    """Pick a codec among the candidates: charset-normalizer's choice where it reads as
    plausible Chinese, else the candidate with the fewest errors and most common characters.
    The flag says whether the choice reads as Chinese (the first case)."""
    best = charset_normalizer.from_bytes(
        body, cp_isolation=["utf_8", "gb18030", "big5hkscs"], explain=False
    ).best()
    if best is not None:
        codec = normalize_label(best.encoding) or best.encoding
        text, bad = _try(body, codec)
        if _acceptable(text, bad, body):
            return codec, f"detected {codec} (charset-normalizer), reads as Chinese", True
    # scored only now: decoding and scoring every candidate was most of detection's cost
    scored = []
    for codec in CANDIDATE_CODECS:
        text, bad = _try(body, codec)
        scored.append((bad, -plausibility(text[:PLAUSIBILITY_SAMPLE]), codec))
    bad, negative_plausibility, codec = min(scored)
    return codec, (
        f"detected {codec}: fewest undecodable bytes ({bad}) and most common characters "
        f"({-negative_plausibility:.2f})"
    ), False


def choose_codec(body: bytes, declared: dict[str, str], decoded: dict[str, str] | None = None
                 ) -> tuple[str, bool, list[str]]:
    """The codec to decode with, whether detection was needed, and why. ``decoded``, if given,
    is filled with the texts read on the way (a codec's, undecodable bytes replaced), which the
    caller need not read again."""
    why: list[str] = []
    decoded = {} if decoded is None else decoded
    if "bom" in declared:
        return declared["bom"], False, [f"byte order mark says {declared['bom']}"]
    if body.isascii():
        if b"~{" in body and _acceptable(*_try(body, "hz"), body) and "~}" in body.decode("ascii"):
            return "hz", True, ["7-bit text with HZ escapes"]
        return "utf-8", False, ["all bytes are ASCII"]
    try:
        decoded["utf-8"] = body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # Non-ASCII bytes that form valid UTF-8 throughout are UTF-8: GBK or Big5 text
        # practically never does. A declaration saying otherwise is wrong.
        wrong = [f"{where}={label}" for where, label in declared.items()
                 if normalize_label(label) != "utf-8"]
        if wrong:
            why.append(f"bytes are valid UTF-8; ignored {', '.join(wrong)}")
        return "utf-8", False, why or ["bytes are valid UTF-8"]
    for where in ("header", "meta", "xml"):
        label = declared.get(where)
        codec = normalize_label(label)
        if not codec or codec == "utf-8":
            if label:
                why.append(f"{where}={label}: bytes are not UTF-8" if codec else f"{where}={label}: unknown")
            continue
        text, bad = _try(body, codec)
        decoded[codec] = text
        ok, score = _judge(text, bad, body)
        if ok:
            why.append(f"{where}={label} read as {codec}: {bad} undecodable, plausibility {score:.2f}")
            return codec, False, why
        why.append(f"{where}={label} rejected: {bad} undecodable, plausibility {score:.2f}")
    # a page that declares nothing and is not UTF-8 is most often GBK's: read so without a bad
    # byte and as plausible Chinese, it is (charset-normalizer took gb18030 for every such page
    # of the corpus, at ten times the cost); a Big5 page reads so without a bad byte too, but as
    # rare characters, and goes on to detection
    if not declared:
        text, bad = _try(body, "gb18030")
        decoded["gb18030"] = text
        ok, score = _judge(text, bad, body)
        if ok and not bad:
            why.append(f"no declaration: read as gb18030 without an undecodable byte, plausibility "
                       f"{score:.2f}")
            return "gb18030", True, why
    codec, reason, reads_well = _detect(body)
    agreed = [where for where in ("header", "meta", "xml") if normalize_label(declared.get(where)) == "utf-8"]
    if not reads_well and codec != "utf-8" and len(agreed) >= 2:
        # Damaged UTF-8 that two declarations agree on: another codec that reads no better
        # would turn every good character into mojibake; UTF-8 keeps them, the bad bytes marked.
        why.append(f"{reason}, which reads no better: kept UTF-8, as {' and '.join(agreed)} say")
        return "utf-8", True, why
    why.append(reason)
    return codec, True, why


# A run of UTF-8's multibyte characters with ASCII (or the body's edge) either side: in a page
# of a double-byte codec, text pasted in as UTF-8 (a paragraph, an attachment's name from
# another system; 年 alone between 2022 and a tag). A double-byte codec's own text seldom reads
# as such a run, and is read so only where its codec's reading is broken or less plausible.
_UTF8_RUN = re.compile(
    rb"(?<![\x80-\xff])(?:[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3})+"
    rb"(?![\x80-\xff])")
_DOUBLE_BYTE = {"gb18030", "big5hkscs"}


def _with_utf8_runs(body: bytes, codec: str) -> tuple[str, int]:
    """The body read with ``codec``, but for its runs of UTF-8 (``_UTF8_RUN``) that read as
    Chinese better as UTF-8 than in ``codec``; and how many runs were so read."""
    pieces, at, runs = [], 0, 0
    for match in _UTF8_RUN.finditer(body):
        run = match.group()
        as_utf8, as_codec = run.decode("utf-8"), run.decode(codec, errors="replace")
        if plausibility(as_utf8) <= plausibility(as_codec) and "\ufffd" not in as_codec:
            continue
        pieces.append(body[at:match.start()].decode(codec, errors="replace"))
        pieces.append(as_utf8)
        at, runs = match.end(), runs + 1
    pieces.append(body[at:].decode(codec, errors="replace"))
    return "".join(pieces), runs


# Punctuation an editor's word processor writes as cp1252 bytes (smart quotes, the ellipsis,
# dashes), pasted as they are into a double-byte page: each byte is a lead byte there, and the
# text after it reads misaligned up to the next ASCII byte
# (and the euro, 0x80, which browsers read as € in a GBK page too, as cp936 writes it)
_CP1252_MARKS = {0x80: "€", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x85: "…", 0x96: "–", 0x97: "—"}


def _reading(text: str) -> tuple[float, int]:
    """How well a stretch reads: more common Han first, then fewer undecodable bytes (a
    stretch read aligned may end in half a character, where the next mark begins)."""
    return plausibility(text), -text.count("\ufffd")


def _character_length(body: bytes, at: int) -> int:
    """How many bytes the GB18030 character at ``at`` takes: two, four where a digit follows
    its lead byte."""
    return 4 if at + 1 < len(body) and 0x30 <= body[at + 1] <= 0x39 else 2


def _four_bytes(body: bytes, at: int) -> bool:
    """Whether a whole four-byte GB18030 character starts at ``at`` (lead, digit, lead, digit)."""
    return (at + 3 < len(body) and 0x30 <= body[at + 1] <= 0x39 and 0x30 <= body[at + 3] <= 0x39
            and 0x81 <= body[at + 2] <= 0xFE)


def _with_cp1252_marks(body: bytes, codec: str) -> tuple[str, int]:
    """The body read with ``codec``, but for the cp1252 marks (``_CP1252_MARKS``) pasted
    among its characters, each read as its mark where the bytes after it then read better;
    and how many marks were so read. Only a mark byte where a character starts is asked, and
    only against the characters up to the next mark or ASCII byte."""
    pieces, at, marks, i, n = [], 0, 0, 0, len(body)
    while i < n:
        byte = body[i]
        if byte < 0x80:
            i += 1
            continue
        # (not the lead byte of a four-byte character: GB18030's own, U+FFFD's 84 31 A4 37)
        if byte in _CP1252_MARKS and not _four_bytes(body, i):
            # the characters after it, read aligned, up to the next mark or ASCII byte; and
            # the same bytes with the mark's byte read as a lead byte, as the codec reads them
            end = i + 1
            while end < n and body[end] >= 0x80 and body[end] not in _CP1252_MARKS:
                end += _character_length(body, end)
            end = min(end, n)
            if _reading(body[i + 1:end].decode(codec, errors="replace")) \
                    > _reading(body[i:end].decode(codec, errors="replace")):
                pieces += [body[at:i].decode(codec, errors="replace"), _CP1252_MARKS[byte]]
                at, marks, i = i + 1, marks + 1, i + 1
                continue
        i += _character_length(body, i)
    pieces.append(body[at:].decode(codec, errors="replace"))
    return "".join(pieces), marks


# What another system pasted among a double-byte page's bytes, read as it was written: the
# reading, when it is asked, the repair's name, what the explanation says
_PASTED_BYTES: tuple[tuple[Callable[[bytes, str], tuple[str, int]], Callable[[str, bytes], bool], str, str],
                     ...] = (
    (_with_utf8_runs, lambda codec, body: codec in _DOUBLE_BYTE, "pasted_utf8_runs",
     "runs of UTF-8 among the {codec} bytes (text pasted from another system) read as UTF-8"),
    (_with_cp1252_marks, lambda codec, body: codec == "gb18030" and any(bytes((mark,)) in body
                                                                        for mark in _CP1252_MARKS),
     "cp1252_marks", "punctuation marks in cp1252 bytes among the {codec} bytes (pasted from a word "
     "processor) read as the marks"),
)


def decode_html(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode a response body. Raises UndecodableError for content that is not text."""
    if not body.strip():
        raise UndecodableError("empty body")
    kind = binary_kind(body)
    if kind:
        raise UndecodableError(f"{kind} served as text")
    declared = declared_encodings(body, content_type)
    decoded: dict[str, str] = {}
    codec, detected, why = choose_codec(body, declared, decoded)
    text = decoded[codec] if codec in decoded else body.decode(codec, errors="replace")
    repairs: Counter = Counter()
    # (asked only of a double-byte page its codec left bytes of: a page whose bytes all read
    # is not searched; each reading is kept where it leaves fewer bytes undecodable)
    base = codec.replace("-sig", "")
    bad = _undecodable(text, body, codec)
    for repair, applies, name, said in _PASTED_BYTES:
        if not bad or not applies(base, body):
            continue
        repaired, count = repair(body, codec)
        if count and (left := _undecodable(repaired, body, codec)) < bad:
            text, bad = repaired, left
            repairs[name] = count
            why.append(f"{count} {said.format(codec=codec)}")
    if bad:
        repairs["undecodable_bytes"] = bad
    text, mojibake = repair_mojibake(text)
    repairs.update(mojibake)
    text, escaped = repair_double_escapes(text)
    if escaped:
        repairs["double_escaped_references"] = escaped
    return Decoded(text, codec.replace("-sig", ""), declared, detected, repairs, why)
