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
from dataclasses import dataclass, field
from functools import cache

import charset_normalizer

# Codecs a Chinese news site plausibly uses, in the order detection tries them.
CANDIDATE_CODECS = ("utf-8", "gb18030", "big5hkscs")
# How much damage a declared codec may show and still be believed: titles cut by byte count
# leave a few broken double-byte sequences in otherwise good pages.
MAX_BAD_SHARE = 0.002
MAX_BAD_ABSOLUTE = 3
# Below this share of common characters, CJK text is taken for mojibake.
MIN_PLAUSIBILITY = 0.85
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
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Characters that are rare in Chinese prose but typical of one codec read as another.
_SUSPICIOUS = re.compile(
    r"[\u00c0-\u00ff\u0370-\u03ff\u0400-\u04ff\u2500-\u257f\u3040-\u30ff\ue000-\uf8ff\ufffd]"
)


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


@cache
def common_characters() -> frozenset[str]:
    """The common Han characters: GB2312 level 1 (Simplified) and Big5 level 1 (Traditional).

    Both standards were drawn up as the frequently used characters of their script, so the
    share of a text's Han characters found here tells real Chinese from mojibake.
    """
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            chars.add(bytes((lead, trail)).decode("gb2312", "ignore"))
    for lead in range(0xA4, 0xC7):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            chars.add(bytes((lead, trail)).decode("big5", "ignore"))
    chars.discard("")
    return frozenset(chars)


def plausibility(text: str) -> float:
    """Share of Han characters that are common, with mojibake-typical characters as misses.

    1.0 for text without Han characters or suspicious ones (ASCII, for example).
    """
    common = common_characters()
    han = _CJK.findall(text)
    suspicious = len(_SUSPICIOUS.findall(text))
    total = len(han) + suspicious
    if not total:
        return 1.0
    return sum(map(common.__contains__, han)) / total


def normalize_label(label: str | None) -> str | None:
    """A charset label as the codec we decode with (its superset), or None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _WHATWG_LABELS:
        return _WHATWG_LABELS[label]
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _SUPERSETS.get(name.replace("-", "_"), name)


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


def binary_kind(body: bytes) -> str | None:
    """What binary content this is, if it is not text at all."""
    for magic, kind in _BINARY_MAGIC.items():
        if body.startswith(magic):
            return kind
    sample = body[:8192]
    if sample and sample.count(0) > len(sample) // 100:
        return "binary data (NUL bytes)"
    return None


def _try(body: bytes, codec: str) -> tuple[str, int]:
    text = body.decode(codec, errors="replace")
    return text, text.count("\ufffd")


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


def _detect(body: bytes) -> tuple[str, str]:
    """Pick a codec among the candidates: charset-normalizer's choice where it reads as
    plausible Chinese, else the candidate with the fewest errors and most common characters."""
    best = charset_normalizer.from_bytes(
        body, cp_isolation=["utf_8", "gb18030", "big5hkscs"], explain=False
    ).best()
    if best is not None:
        codec = normalize_label(best.encoding) or best.encoding
        text, bad = _try(body, codec)
        if _acceptable(text, bad, body):
            return codec, f"detected {codec} (charset-normalizer), reads as Chinese"
    # scored only now: decoding and scoring every candidate was most of detection's cost
    scored = []
    for codec in CANDIDATE_CODECS:
        text, bad = _try(body, codec)
        scored.append((bad, -plausibility(text[:PLAUSIBILITY_SAMPLE]), codec))
    bad, negative_plausibility, codec = min(scored)
    return codec, (
        f"detected {codec}: fewest undecodable bytes ({bad}) and most common characters "
        f"({-negative_plausibility:.2f})"
    )


def choose_codec(body: bytes, declared: dict[str, str]) -> tuple[str, bool, list[str]]:
    """The codec to decode with, whether detection was needed, and why."""
    why: list[str] = []
    if "bom" in declared:
        return declared["bom"], False, [f"byte order mark says {declared['bom']}"]
    if body.isascii():
        if b"~{" in body and _acceptable(*_try(body, "hz"), body) and "~}" in body.decode("ascii"):
            return "hz", True, ["7-bit text with HZ escapes"]
        return "utf-8", False, ["all bytes are ASCII"]
    try:
        body.decode("utf-8")
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
        ok, score = _judge(text, bad, body)
        if ok:
            why.append(f"{where}={label} read as {codec}: {bad} undecodable, plausibility {score:.2f}")
            return codec, False, why
        why.append(f"{where}={label} rejected: {bad} undecodable, plausibility {score:.2f}")
    codec, reason = _detect(body)
    why.append(reason)
    return codec, True, why


# Mojibake comes in runs: Latin-1/cp1252 letters for UTF-8 read as cp1252, Han and symbols
# (GBK has a few Latin-1 ones, such as ¤) for UTF-8 read as GBK or Big5. Whole non-ASCII runs
# are tried first, then stretches inside them, then Latin runs beside clean Han text.
_CP1252_SPECIALS = (  # what cp1252 puts in 0x80-0x9f
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e"
    "\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{2,}")
_LATIN_RUN = re.compile(rf"[\x80-\xff{_CP1252_SPECIALS}]{{2,}}")
_MOJIBAKE_CODECS = ("gb18030", "big5hkscs", "cp1252", "latin-1")
_MAX_LAYERS = 3


def _unmojibake(
    run: str, layers: int = _MAX_LAYERS, candidates: tuple[str, ...] = _MOJIBAKE_CODECS
) -> tuple[str, list[str]] | None:
    """The text a mojibaked run was (UTF-8 bytes read with another codec, up to three
    times over), with the codec of each layer undone; None if it is not mojibake."""
    before = None
    for codec in candidates:
        if codec in _DOUBLE_BYTE and not misread_leads(codec).search(run):
            continue  # cheap: most clean runs stop here
        try:
            encoded = run.encode(codec)
        except UnicodeEncodeError:
            continue
        if not _UTF8_MULTIBYTE.search(encoded):
            continue
        try:
            fixed = encoded.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if fixed == run:
            continue
        after = plausibility(fixed)
        before = plausibility(run) if before is None else before
        if _CJK.search(fixed) and after >= MIN_PLAUSIBILITY and (after > before or _SUSPICIOUS.search(run)):
            return fixed, [codec]
        if layers > 1 and (deeper := _unmojibake(fixed, layers - 1)):
            return deeper[0], [codec, *deeper[1]]
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
    among common ones) almost never does (measured once: 18 of the 112 corpus files, once or
    twice each). One search tells whether a page needs the repair; a page whose only damage is
    shorter is left as it is."""
    lead = misread_leads(codec).pattern
    return re.compile(f"{lead}[^\n]{{2}}{lead}")


# UTF-8 lead bytes of Han text, CJK punctuation and fullwidth forms.
_UTF8_CJK_LEADS = frozenset(range(0xE3, 0xF0))
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
            encoded = [ch.encode(codec) for ch in run]
        except UnicodeEncodeError:
            continue
        out: list[str] = []
        k, n = 0, len(run)
        changed = False
        while k < n:
            if encoded[k][0] in _UTF8_CJK_LEADS:
                decoder = codecs.getincrementaldecoder("utf-8")()
                best, text = None, ""
                for j in range(k, n):
                    try:
                        text += decoder.decode(encoded[j])
                    except UnicodeDecodeError:
                        break
                    if not decoder.getstate()[0]:  # a character boundary in both codecs
                        best = (j + 1, text)
                if best and len(_CJK.findall(best[1])) >= MIN_HAN_WITHIN_RUN \
                        and plausibility(best[1]) >= MIN_PLAUSIBILITY \
                        and plausibility(run[k:best[0]]) < MIN_PLAUSIBILITY:
                    out.append(best[1])
                    repairs[f"mojibake_utf8_as_{codec}"] += 1
                    k, changed = best[0], True
                    continue
            out.append(run[k])
            k += 1
        if changed:
            return "".join(out)
    return run


def repair_mojibake(text: str) -> tuple[str, Counter]:
    """Undo upstream mojibake line by line, then run by run; count each layer by kind.

    Clean text is left alone: a repair must turn implausible text into plausible Chinese.
    """
    repairs: Counter = Counter()
    # Which misreadings could have happened anywhere on the page: one pass over the whole
    # text per codec, so clean pages skip the run-by-run work.
    candidates = tuple(codec for codec in _DOUBLE_BYTE if misread_dense(codec).search(text))
    if _LATIN_RUN.search(text):
        candidates += ("cp1252", "latin-1")
    if not candidates:
        return text, repairs

    def undo(spoiled: str) -> str | None:
        result = _unmojibake(spoiled, candidates=candidates)
        if result is None:
            return None
        for codec in result[1]:
            repairs[f"mojibake_utf8_as_{codec.replace('-', '')}"] += 1
        return result[0]

    # A line with no character that a misreading makes is left alone without more work.
    suspect = re.compile("|".join(
        [misread_leads(c).pattern for c in candidates if c in _DOUBLE_BYTE]
        + ([_LATIN_RUN.pattern] if "latin-1" in candidates else [])
    ))
    lines = []
    for line in text.split("\n"):
        if not line.isascii() and suspect.search(line):
            fixed = undo(line)
            if fixed is None:
                fixed = _NON_ASCII_RUN.sub(
                    lambda m: undo(m.group(0)) or _repair_within_run(m.group(0), repairs, candidates),
                    line,
                )
                fixed = _LATIN_RUN.sub(lambda m: undo(m.group(0)) or m.group(0), fixed)
            line = fixed
        lines.append(line)
    return "\n".join(lines), repairs


def decode_html(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode a response body. Raises UndecodableError for content that is not text."""
    if not body.strip():
        raise UndecodableError("empty body")
    kind = binary_kind(body)
    if kind:
        raise UndecodableError(f"{kind} served as text")
    declared = declared_encodings(body, content_type)
    codec, detected, why = choose_codec(body, declared)
    text = body.decode(codec, errors="replace")
    repairs: Counter = Counter()
    if bad := text.count("\ufffd"):
        repairs["undecodable_bytes"] = bad
    text, mojibake = repair_mojibake(text)
    repairs.update(mojibake)
    return Decoded(text, codec.replace("-sig", ""), declared, detected, repairs, why)
