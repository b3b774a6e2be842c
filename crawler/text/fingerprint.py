"""Story fingerprints: which articles carry the same story, on any site, in either script.

Regional media republish constantly: the same dispatch under a new headline, with a trimmed
lede, an editor's line added, in Traditional on a mirror. An article's fingerprint is a MinHash
of the character shingles of its folded text: Traditional and Simplified alike, punctuation
and whitespace dropped. Two fingerprints estimate how much text two articles share;
``same_story`` decides from that. Its bands (``band_keys``) let the archive find the few
articles worth comparing among many (locality-sensitive hashing), in SQLite, without a server.

The MinHash is one-permutation hashing with rotation densification (Li, Owen and Zhang 2012;
Shrivastava and Li 2014): one hash per shingle, its bin the hash modulo the signature's
length, each bin's minimum kept, an empty bin borrowing its next neighbour's. It estimates
Jaccard similarity as a MinHash of as many permutations does, in one pass of the standard
library. datasketch was measured first: importing it takes 1.5 s per process (scipy, for its
LSH parameter search, which this does not use), thirty pages' worth of pipeline time.
"""

from __future__ import annotations

import hashlib
import re
import struct
from dataclasses import dataclass
from zlib import crc32

from crawler.text.fold import fold
from crawler.text.han import NOT_WORD

# Characters per shingle: long enough that shared shingles mean shared text, short enough that
# an edit spoils few of them
SHINGLE_CHARS = 5
# Bands of rows: a pair of articles becomes a candidate when all rows of one band agree. With 3
# rows in 42 bands, a pair sharing half its shingles is a candidate with probability 0.996, a
# pair sharing a tenth with 0.04 (1 - (1 - j**3)**42)
ROWS = 3
BANDS = 42
PERMUTATIONS = ROWS * BANDS
# Fewer shingles than this (a caption, a notice of two lines) is too little text to tell a
# copy from a look-alike: no fingerprint
MIN_SHINGLES = 40
# The same story: the shorter text is mostly inside the longer, and is a good part of it (an
# excerpt of half the paragraphs joins; a shared lede sentence or boilerplate does not)
MIN_CONTAINMENT = 0.62
MIN_COVERAGE = 0.25

# Signatures stored in an archive are compared with new ones: the hash is fixed
_EMPTY = 1 << 64
# An empty bin borrows its neighbour's minimum plus this for each bin it reaches over, so that
# borrowed values stay distinct from the neighbour's own
_ROTATION = 1 << 26



@dataclass(frozen=True)
class Fingerprint:
    signature: bytes  # PERMUTATIONS little-endian uint32 minima (their low 32 bits)
    shingles: int  # distinct shingles: how much text the signature stands for


def story_text(text: str) -> str:
    """The text as stories are compared: folded, without punctuation or whitespace."""
    return NOT_WORD.sub("", fold(text))


# Runs of characters of one UTF-8 width: ASCII (1 byte), the rest of the Basic Multilingual
# Plane from U+0800 (3: Han, CJK punctuation), and the others (2 or 4, measured one by one)
_WIDTH_RUNS = re.compile("[\x00-\x7f]+|[\u0800-\uffff]+|[^\x00-\x7f\u0800-\uffff]+")


def _shingles(compact: str) -> set[bytes]:
    """The text's distinct shingles as the UTF-8 bytes that are hashed: sliced from the text
    encoded once, at its characters' offsets (half the time of slicing and encoding each)."""
    data = compact.encode()
    offsets: list[int] = []
    position = 0
    for run in _WIDTH_RUNS.finditer(compact):
        chars = run.group()
        if chars[0] < "\x80" or "\u0800" <= chars[0] <= "\uffff":
            width = 1 if chars[0] < "\x80" else 3
            offsets.extend(range(position, position + width * len(chars), width))
            position += width * len(chars)
        else:
            for char in chars:
                offsets.append(position)
                position += len(char.encode())
    offsets.append(position)
    # a shingle from each offset that has SHINGLE_CHARS characters after it
    return {data[start:end] for start, end in zip(offsets, offsets[SHINGLE_CHARS:], strict=False)}


def fingerprint(text: str) -> Fingerprint | None:
    """The text's fingerprint, or None if it is too short to tell copies apart."""
    shingles = _shingles(story_text(text))
    if len(shingles) < MIN_SHINGLES:
        return None
    minima = [_EMPTY] * PERMUTATIONS
    # CRC-32 of each shingle: at C speed, a third of a keyed BLAKE2's time here; its estimates
    # were as close to the true Jaccard on the story set's pairs. Within a bin the smallest
    # hash has the smallest rank (hash // PERMUTATIONS): the loop compares hashes, and ranks
    # are taken once per bin
    for value in map(crc32, shingles):
        bin_ = value % PERMUTATIONS
        if value < minima[bin_]:
            minima[bin_] = value
    bins = [value if value == _EMPTY else value // PERMUTATIONS for value in minima]
    # rotation: an empty bin takes the next filled bin's minimum (circularly), raised by the
    # distance, so that two texts' empty bins agree exactly when their neighbours do
    signature = list(bins)
    following, distance = None, 0
    for bin_ in reversed(range(2 * PERMUTATIONS)):
        value = bins[bin_ % PERMUTATIONS]
        if value != _EMPTY:
            following, distance = value, 0
        else:
            distance += 1
            if following is not None and bin_ < PERMUTATIONS:
                signature[bin_] = following + distance * _ROTATION
    # a borrowed minimum may pass 32 bits: its low 32 bits stand for it
    return Fingerprint(struct.pack(f"<{PERMUTATIONS}I", *(v & 0xFFFFFFFF for v in signature)),
                       len(shingles))


def _minima(fingerprint: Fingerprint) -> tuple[int, ...]:
    return struct.unpack(f"<{PERMUTATIONS}I", fingerprint.signature)


def band_keys(fingerprint: Fingerprint) -> list[int]:
    """One signed 64-bit key per band (SQLite's integer): articles that share a key are
    compared."""
    keys = []
    width = ROWS * 4
    for band in range(BANDS):
        chunk = fingerprint.signature[band * width:(band + 1) * width]
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def shared_shingles(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated shingles the two texts share: from the signatures' Jaccard estimate j and the
    sizes, |A ∩ B| = j (|A| + |B|) / (1 + j)."""
    agree = sum(x == y for x, y in zip(_minima(a), _minima(b), strict=True))
    jaccard = agree / PERMUTATIONS
    return jaccard * (a.shingles + b.shingles) / (1 + jaccard)


def same_story(a: Fingerprint, b: Fingerprint) -> bool:
    """Whether two articles carry one story: the shorter mostly inside the longer
    (``MIN_CONTAINMENT``) and a good part of it (``MIN_COVERAGE``)."""
    shared = shared_shingles(a, b)
    return (shared >= MIN_CONTAINMENT * min(a.shingles, b.shingles)
            and shared >= MIN_COVERAGE * max(a.shingles, b.shingles))
