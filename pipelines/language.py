"""Language identification with langdetect, seeded so results never change between runs."""

from __future__ import annotations

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

# langdetect is random unless seeded; every process (pool workers too) imports this module first.
DetectorFactory.seed = 0

#: Characters of text given to langdetect: enough for a stable answer, bounded cost on huge pages.
SAMPLE_CHARS = 5000


def detect_language(text: str) -> tuple[str, float]:
    """Return ``(iso_code, probability)`` for ``text``; ``("und", 0.0)`` when it cannot tell."""
    sample = (text or "")[:SAMPLE_CHARS]
    if not sample.strip():
        return "und", 0.0
    DetectorFactory.seed = 0
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:
        return "und", 0.0
    return best.lang, round(float(best.prob), 4)
