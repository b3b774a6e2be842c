"""The Han character class, the marks that end a sentence, and whether text reads as Chinese.

Decoding, mojibake repair and cleaning all ask the same question of a piece of text: are its
Han characters the common ones of real prose, or the rare ones a misread codec produces? It is
answered here, once.
"""

from __future__ import annotations

import re
from functools import cache

# The Han ranges Chinese news uses: Extension A, the unified block, compatibility ideographs.
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # for character classes of one's own
HAN = f"[{HAN_RANGES}]"
HAN_CHAR = re.compile(HAN)
# What no word is made of (punctuation, whitespace, symbols): texts compared as their words
NOT_WORD = re.compile(r"[\W_]+")
# Characters that are rare in Chinese prose but typical of one codec read as another.
SUSPICIOUS = re.compile(
    r"[\u00c0-\u00ff\u0370-\u03ff\u0400-\u04ff\u2500-\u257f\u3040-\u30ff\ue000-\uf8ff\ufffd]"
)
# Below this share of common characters, CJK text is taken for mojibake.
MIN_PLAUSIBILITY = 0.85

# The scripts of China's other written languages, which regional sites set beside the Chinese
# text: Arabic (Uyghur, Kazakh), Tibetan, Mongolian, Hangul (Korean), Yi. (Latin is left out:
# an English translation may be part of a bilingual article.)
OTHER_SCRIPT = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc\u0f00-\u0fff\u1800-\u18af"
    "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\ua000-\ua4cf]"
)

# The marks that end a sentence: a line holding one is prose, not a label or a headline
SENTENCE_STOP = re.compile(r"[。！？!?]")
# Where a paragraph's last sentence ends: a closing quote or bracket may follow the stop
ENDS_SENTENCE = re.compile(r"[。！？!?…][”’」』）)]?\s*$")
# A line written as prose: a full stop or a semicolon inside it, or a stop ending it
PROSE_STOP = re.compile(r"[。！？；]$|[。；]")


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


@cache
def _common_han() -> frozenset[str]:
    return frozenset(char for char in common_characters() if HAN_CHAR.match(char))


# Han or suspicious (the two never overlap): what plausibility counts, found in one pass
_COUNTED = re.compile(f"[{HAN_RANGES}{SUSPICIOUS.pattern[1:-1]}]")


def plausibility(text: str) -> float:
    """Share of Han characters that are common, with mojibake-typical characters as misses.

    1.0 for text without Han characters or suspicious ones (ASCII, for example).
    """
    counted = _COUNTED.findall(text)
    if not counted:
        return 1.0
    return sum(map(_common_han().__contains__, counted)) / len(counted)


def reads_as_chinese(text: str) -> bool:
    """Whether the text's Han characters are those of real prose (see ``plausibility``)."""
    return plausibility(text) >= MIN_PLAUSIBILITY
