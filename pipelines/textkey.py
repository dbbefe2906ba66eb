"""Text keys shared by extraction and dedupe: the folded form of a text and its exact-duplicate hash.

Extraction computes a record's ``content_hash``; dedupe compares it and shingles the same folded syllables.
Keeping them here lets extraction run without importing dedupe (and its numpy/rensa machinery)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

#: ASCII bytes other than letters and digits become spaces; non-ASCII bytes (UTF-8 sequences) stay.
_ASCII_FOLD = bytes(c if chr(c).isalnum() or c >= 128 else 32 for c in range(256))
#: Non-ASCII punctuation and symbols (Latin-1 signs, general punctuation, arrows, dingbats, CJK and full-width
#: punctuation, emoji) that also become spaces.
_UNICODE_PUNCT = re.compile(
    "[\u00a0-\u00bf\u00d7\u00f7\u02b9-\u02df\u2000-\u2bff\u2e00-\u2e7f\u3000-\u303f\ufe10-\ufe6f"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\U0001f000-\U0001faff]"
)


def _syllables(text: str) -> list[bytes]:
    """NFC, case-folded, punctuation-free syllables of ``text`` as UTF-8 bytes."""
    folded = _UNICODE_PUNCT.sub(" ", unicodedata.normalize("NFC", text or "").casefold())
    return folded.encode("utf-8").translate(_ASCII_FOLD).split()


def normalize_for_hash(text: str) -> str:
    """Fold text for exact-duplicate hashing: NFC, case folded, punctuation, symbols and whitespace to single
    spaces (the syllables of the text)."""
    return b" ".join(_syllables(text)).decode("utf-8")


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text."""
    return hashlib.sha256(normalize_for_hash(text).encode("utf-8")).hexdigest()
