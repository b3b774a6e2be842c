"""Whether an extracted page reads as an article: what decides for a site whose entry names no
article patterns, where the URL alone does not say.

An article is running prose: enough Chinese text, in sentences, most of it in lines that end
as sentences do or are long, and a publication date. A list page extracted as text is a column of
headlines (short lines, no sentence ends); a contact or a leader's page, a video's caption, a
search page are short, or undated, or both.
"""

from __future__ import annotations

import re

# Fewer Han characters than this is a caption, a notice or a page of links
MIN_HAN = 100
# Sentences (。！？ and their ASCII forms) an article has at the least
MIN_SENTENCES = 3
# Of the text's characters, the share in lines that read as prose (a sentence end, or long)
MIN_PROSE_SHARE = 0.6
PROSE_LINE = 40

_HAN = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_END = re.compile(r"[。！？!?][”’」』\"')）]?")


def article_evidence(text: str, published: str | None) -> str | None:
    """Why the text is not an article, or None if it reads as one."""
    han = len(_HAN.findall(text))
    if han < MIN_HAN:
        return f"{han} Chinese characters (an article has {MIN_HAN} or more)"
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    # a long paragraph counts as a sentence at the least: damaged text may have lost its 。
    sentences = max(len(_SENTENCE_END.findall(text)), sum(len(line) >= PROSE_LINE for line in lines))
    if sentences < MIN_SENTENCES:
        return f"{sentences} sentences (an article has {MIN_SENTENCES} or more)"
    prose = sum(len(line) for line in lines
                if len(line) >= PROSE_LINE or _SENTENCE_END.search(line[-2:]))
    share = prose / max(1, sum(len(line) for line in lines))
    if share < MIN_PROSE_SHARE:
        return f"{share:.0%} of its text in sentences (a list of headlines, not prose)"
    if not published:
        return "no publication date"
    return None
