"""Text normalisation: Unicode NFC, invisible characters, non-breaking spaces and runs of spaces."""

from __future__ import annotations

import functools
import re
import unicodedata

#: Zero-width and formatting characters that carry nothing in Vietnamese text (BOM, ZWSP, ZWJ...). The soft
#: hyphen is left alone here: it is the letter "ư" in TCVN3 text, and goes in ``normalize_line`` after repair.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\ufeff\u180e]")
#: Every Unicode space except the line feed: NBSP (&nbsp; indents), thin spaces, ideographic space, tabs.
_SPACES = re.compile(r"[^\S\n]+")
_SPACED_NEWLINES = re.compile(r" *\n *")
_MANY_NEWLINES = re.compile(r"\n{2,}")


def nfc(text: str) -> str:
    """Compose ``text`` to Unicode NFC (decomposed Vietnamese and windows-1258 tone marks included)."""
    return unicodedata.normalize("NFC", text)


def strip_invisible(text: str) -> str:
    """Remove zero-width characters, soft hyphens and byte-order marks."""
    return _INVISIBLE.sub("", text)


def normalize_line(text: str) -> str:
    """One clean line: NFC, no invisible characters, every run of spaces and line breaks (NBSP included)
    folded to one space (a heading split over source lines is one line)."""
    if len(text) <= _SHORT:  # link texts and headings: the same ones recur on every page of a site
        return _normalize_short(text)
    return _normalize_line(text)


def _normalize_line(text: str) -> str:
    # str.split() splits on exactly what ``\s`` matches (str.isspace), several times faster than a regex
    return " ".join(strip_invisible(nfc(text)).replace("\u00ad", "").split())


_SHORT = 160
_normalize_short = functools.lru_cache(maxsize=16384)(_normalize_line)  # at most 16384 x 160 characters


_NOT_WORD = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    return _NOT_WORD.sub(" ", normalize_line(text).casefold()).strip()


_fold_short = functools.lru_cache(maxsize=8192)(_fold)


def fold(text: str) -> str:
    """A line's comparison key: normalised, case-folded, every run of punctuation and spaces one space
    ("TIN LIÊN QUAN:" and "Tin liên quan" fold alike)."""
    return _fold_short(text) if len(text) <= _SHORT else _fold(text)


def normalize_text(text: str) -> str:
    """Clean multi-line text: each line normalised, blank lines dropped, lines joined by a single "\\n"."""
    text = strip_invisible(nfc(text or "")).replace("\u00ad", "").replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    text = _SPACED_NEWLINES.sub("\n", text)
    return _MANY_NEWLINES.sub("\n", text).strip()
