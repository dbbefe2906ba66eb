"""Keys shared by extraction and dedupe: a record's id, the folded form of a text and its exact-duplicate hash.

Extraction computes a record's ``id`` and ``content_hash``; dedupe compares them and shingles the same folded
syllables. Keeping them here lets extraction run without importing dedupe (and its numpy/rensa machinery) or
the record schema (and pyarrow: the extraction workers never load it)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

#: ASCII bytes other than letters and digits become spaces; non-ASCII bytes (UTF-8 sequences) stay.
_ASCII_FOLD = bytes(c if chr(c).isalnum() or c >= 128 else 32 for c in range(256))
#: Non-ASCII punctuation and symbols (Latin-1 signs, general punctuation, arrows, dingbats, CJK and full-width
#: punctuation, emoji) that also become spaces: inclusive code point ranges.
PUNCTUATION_RANGES = ((0x00A0, 0x00BF), (0x00D7, 0x00D7), (0x00F7, 0x00F7), (0x02B9, 0x02DF), (0x2000, 0x2BFF),
                      (0x2E00, 0x2E7F), (0x3000, 0x303F), (0xFE10, 0xFE6F), (0xFF01, 0xFF0F), (0xFF1A, 0xFF20),
                      (0xFF3B, 0xFF40), (0xFF5B, 0xFF65), (0x1F000, 0x1FAFF))
_UNICODE_PUNCT = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in PUNCTUATION_RANGES) + "]")


def record_id(canonical_url: str) -> str:
    """Stable record id for a canonical URL."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:16]


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
