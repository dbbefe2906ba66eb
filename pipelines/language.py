"""Language identification: Vietnamese by its letters when unmistakable, else langdetect (seeded).

Most pages of a union corpus are Vietnamese, and Vietnamese shows it in its letters: ă, â, đ, ê, ô, ơ, ư and
the tone-marked vowels of Unicode's Latin Extended Additional block, which other languages written in Latin
letters do not use. A text with at least :data:`MIN_MARKED` such letters making up at least
:data:`MARKED_SHARE` of its letters (Vietnamese prose: about 0.2; English or French prose quoting Vietnamese
names: under 0.07) is Vietnamese without asking langdetect, which costs milliseconds a page; anything else,
short or mixed, goes to langdetect. Both decisions are deterministic.
"""

from __future__ import annotations

import re
import unicodedata

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

# langdetect is random unless seeded; every process (pool workers too) imports this module first.
DetectorFactory.seed = 0

#: Characters of text given to langdetect: enough for a stable answer, bounded cost on huge pages.
SAMPLE_CHARS = 5000
#: Letters only Vietnamese uses among Latin-script languages (lower and upper case, NFC); extraction uses
#: them too (``looks_vietnamese``).
VIETNAMESE_LETTERS = re.compile("[ăâđêôơưĩũĂÂĐÊÔƠƯĨŨ\u1ea0-\u1ef9]")
_NOT_LETTER = re.compile(r"[\W\d_]+")  # what is left is letters (counted without a list of them)
#: Share of a text's letters that must be Vietnamese-only letters for the letters to decide.
MARKED_SHARE = 0.12
#: ... and how many of them at least (short texts go to langdetect).
MIN_MARKED = 20


def vietnamese_by_letters(text: str) -> bool:
    """Whether ``text`` is unmistakably Vietnamese by its letters (see the module docstring)."""
    sample = unicodedata.normalize("NFC", text[:SAMPLE_CHARS])
    marked = len(VIETNAMESE_LETTERS.findall(sample))
    return marked >= MIN_MARKED and marked >= MARKED_SHARE * len(_NOT_LETTER.sub("", sample))


def detect_language(text: str, *, ask_langdetect: bool = True) -> tuple[str, float]:
    """Return ``(iso_code, probability)`` for ``text``; ``("und", 0.0)`` when it cannot tell.

    Unmistakably Vietnamese text is ``("vi", 1.0)`` without langdetect. With ``ask_langdetect=False`` any other
    text is ``("und", 0.0)``: extraction asks so for pages that are not articles, whose language decides nothing
    (langdetect loads its profiles, about a second, on a process's first question)."""
    sample = (text or "")[:SAMPLE_CHARS]
    if not sample.strip():
        return "und", 0.0
    if vietnamese_by_letters(sample):
        return "vi", 1.0
    if not ask_langdetect:
        return "und", 0.0
    DetectorFactory.seed = 0
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:
        return "und", 0.0
    return best.lang, round(float(best.prob), 4)
