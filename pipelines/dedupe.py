"""Exact and near-duplicate detection over article text."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalize_for_hash(text: str) -> str:
    """Fold text for exact-duplicate hashing: NFC, lower case, punctuation and whitespace folded."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    return _NON_WORD.sub(" ", text).strip()


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text."""
    return hashlib.sha256(normalize_for_hash(text).encode("utf-8")).hexdigest()
