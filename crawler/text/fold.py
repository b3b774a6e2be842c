"""Folding: the one form in which texts are compared, whatever their script.

Traditional to Simplified character by character (OpenCC's table), fullwidth to ASCII, lower
case. Length-preserving for Chinese, so positions in the folded text are positions in the
original. Search (``crawler.archive.search``) and story fingerprints (``fingerprint``) both
compare folded text: ``扶貧`` and ``扶贫`` are one word to each.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def _fold_table() -> dict[int, str]:
    """Traditional -> Simplified for single characters (OpenCC), fullwidth -> ASCII."""
    import opencc

    points = [cp for start, end in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2A6E0))
              for cp in range(start, end)]
    # one call over every character, a line each (no phrase spans a line): a fifth of the time
    # of a call per character, which every process that folds paid
    converted = opencc.OpenCC("t2s").convert("\n".join(map(chr, points))).split("\n")
    if len(converted) != len(points):  # a conversion that joined or split lines: one at a time
        converted = [opencc.OpenCC("t2s").convert(chr(cp)) for cp in points]
    table: dict[int, str] = {cp: simplified for cp, simplified in zip(points, converted, strict=True)
                              if len(simplified) == 1 and simplified != chr(cp)}
    for cp in range(0xFF01, 0xFF5F):  # fullwidth ASCII
        table[cp] = chr(cp - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    return table


@cache
def _folding() -> re.Pattern[str]:
    """The characters of the Basic Multilingual Plane that fold, as one character class."""
    return re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_fold_table()) if cp <= 0xFFFF) + "]")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def fold(text: str) -> str:
    """The form texts are compared in. Length-preserving for Chinese."""
    table = _fold_table()
    if _ASTRAL.search(text):
        return text.translate(table).lower()
    # Most characters do not fold: a search for those that do runs at C speed, where translate
    # looks every character up. (A class holding characters past U+FFFF is searched range by
    # range, so a text with any goes to translate.)
    return _folding().sub(lambda match: table[ord(match[0])], text).lower()
