"""Which of several characters the text most likely held: a word model of Chinese.

A character lost with one of its bytes (a misaligned GBK stretch) leaves a byte that a hundred
characters share. The word dictionary of jieba (a maintained segmenter; only its dictionary
file is read, with each word's frequency) tells which of them makes words with the characters
around it: each candidate's stretch of text is segmented into words, the likeliest way, and
the candidate whose stretch reads far likelier than any other's is taken. Where two fit about
equally (拿出 and 得出 after 輸), none is.
"""

from __future__ import annotations

import importlib.util
import math
import re
from functools import cache
from pathlib import Path

from crawler.text.han import HAN

# The repairs' key for lost characters the words around them gave back (in a lossy misreading
# of UTF-8, crawler.text.mojibake; in a misaligned GBK stretch, crawler.text.pinyin)
LOST_FROM_WORDS = "lost_characters_from_words"
# A candidate is taken only if its stretch is this many times likelier than the next one's
# (in natural log: e**3, some 20 times)
MARGIN = 3.0
# A character no word holds costs this much more than the rarest word: a segmentation that
# leaves characters alone is an unlikely one
_UNKNOWN_PENALTY = 5.0
_LONGEST_WORD = 6


def dictionary_file() -> Path | None:
    """jieba's dictionary: a line per word, "word frequency tag" (None: jieba not installed)."""
    spec = importlib.util.find_spec("jieba")
    return Path(spec.origin).parent / "dict.txt" if spec and spec.origin else None


@cache
def _dictionary() -> tuple[dict[str, int], float]:
    """jieba's words and their frequencies (read from its data file, without importing jieba,
    whose import loads much more), and the log of their sum."""
    path = dictionary_file()
    if path is None:
        return {}, 0.0
    fields = path.read_text(encoding="utf-8").split()  # every line: word, frequency, tag
    frequencies = dict(zip(fields[0::3], map(int, fields[1::3]), strict=True))
    return frequencies, math.log(sum(frequencies.values()))


@cache
def _simplified() -> object:
    import opencc  # the dictionary is in Simplified; the text may be Traditional

    return opencc.OpenCC("t2s")


def likelihood(text: str) -> float:
    """Log-probability of the likeliest segmentation of ``text`` into dictionary words."""
    frequencies, log_total = _dictionary()
    text = _simplified().convert(text)  # type: ignore[attr-defined]
    best = [0.0] + [-math.inf] * len(text)
    for end in range(1, len(text) + 1):
        for start in range(max(0, end - _LONGEST_WORD), end):
            frequency = frequencies.get(text[start:end])
            if frequency is not None:
                step = math.log(frequency) - log_total
            elif end - start == 1:
                step = -log_total - _UNKNOWN_PENALTY
            else:
                continue
            best[end] = max(best[end], best[start] + step)
    return best[-1]


_HAN_RUN = re.compile(f"{HAN}+")


def likelihood_per_character(text: str) -> float | None:
    """The mean log-probability a character of the text's runs of Han characters has in their
    likeliest segmentation: prose reads at about -6 (its characters make words), a misreading
    of another codec's bytes at -11 or less (characters no word holds). None without Han
    characters or a dictionary."""
    runs = _HAN_RUN.findall(text)
    chars = sum(map(len, runs))
    if not chars or not _dictionary()[0]:
        return None
    return sum(map(likelihood, runs)) / chars


def likeliest(candidates: list[str], before: str, after: str, margin: float = MARGIN) -> str | None:
    """The candidate that ``before + candidate + after`` most likely held, if it reads
    ``margin`` likelier than any other; None if two fit about equally (or no dictionary)."""
    if not candidates or not _dictionary()[0]:
        return None
    scored = sorted(((likelihood(before + c + after), c) for c in set(candidates)), reverse=True)
    if len(scored) > 1 and scored[0][0] - scored[1][0] < margin:
        return None
    return scored[0][1]


def in_a_word(before: str, char: str, after: str) -> bool:
    """Whether ``char`` makes a dictionary word of two characters or more with the characters
    beside it: the evidence that it is the one the text held, not merely the likeliest of
    candidates none of which fits."""
    frequencies = _dictionary()[0]
    text = _simplified().convert(before + char + after)  # type: ignore[attr-defined]
    at = len(before)
    return any(text[start:end] in frequencies
               for start in range(max(0, at - _LONGEST_WORD + 1), at + 1)
               for end in range(max(at + 1, start + 2), min(len(text), start + _LONGEST_WORD) + 1))
