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
from functools import cache
from pathlib import Path

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
def _entries() -> tuple[dict[str, int], list[str], list[str]]:
    """jieba's words (each to its line), and their frequencies and part-of-speech tags, as
    written (read from its data file, without importing jieba, whose import loads much more;
    split in one go: a line at a time took twice as long, in every process that finds places)."""
    path = dictionary_file()
    if path is None:
        return {}, [], []
    fields = path.read_text(encoding="utf-8").split()
    words = fields[0::3]  # every line: word, frequency, tag
    return dict(zip(words, range(len(words)), strict=True)), fields[1::3], fields[2::3]


@cache
def _dictionary() -> tuple[dict[str, int], float]:
    """jieba's words and their frequencies, and the log of their sum."""
    lines, frequencies_written, _ = _entries()
    frequencies = {word: int(frequencies_written[line]) for word, line in lines.items()}
    return frequencies, math.log(sum(frequencies.values()) or 1)


def word_frequency(word: str) -> int:
    """How often jieba's corpus holds a Simplified word (0: not a word it knows)."""
    lines, frequencies, _ = _entries()
    line = lines.get(word)
    return 0 if line is None else int(frequencies[line])


def word_tag(word: str) -> str | None:
    """The part of speech jieba's dictionary gives a Simplified word (``ns``: a place name;
    ``nr``: a person's; ``n``: a noun...), None if it holds no such word."""
    lines, _, tags = _entries()
    line = lines.get(word)
    return None if line is None else tags[line]


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


def likeliest(candidates: list[str], before: str, after: str) -> str | None:
    """The candidate that ``before + candidate + after`` most likely held, if it reads
    ``MARGIN`` likelier than any other; None if two fit about equally (or no dictionary)."""
    if not candidates or not _dictionary()[0]:
        return None
    scored = sorted(((likelihood(before + c + after), c) for c in set(candidates)), reverse=True)
    if len(scored) > 1 and scored[0][0] - scored[1][0] < MARGIN:
        return None
    return scored[0][1]
