"""Bytes to text for HTML pages: BOM, HTTP and meta charsets, windows-1258, and fallbacks that never raise."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

#: Bytes searched for a <meta charset>, as browsers do (the HTML standard's prescan reads 1024; pages with
#: long <head>s put it later, so look further).
META_SCAN_BYTES = 8192

_CT_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]+encoding\s*=\s*[\"']([\w.:-]+)", re.I)

#: Labels that browsers decode as windows-1252 (WHATWG encoding standard), and other aliases Python lacks.
_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "l1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252", "x-cp1252": "cp1252",
    "windows-1258": "cp1258", "x-cp1258": "cp1258", "cp1258": "cp1258",
    "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8", "x-unicode20utf8": "utf-8",
    "unicode": "utf-16", "utf-16": "utf-16",
}

#: windows-1258 bytes for the five combining tone marks (grave, acute, hook, tilde, dot below).
_CP1258_TONE_BYTES = frozenset(b"\xcc\xec\xd2\xde\xf2")
_VOWEL_BYTES = frozenset(b"aeiouyAEIOUY\xe2\xea\xf4\xe3\xf5\xfd\xdd\xc2\xca\xd4\xc3\xd5")


@dataclass
class Decoded:
    """Decoded page text, the codec used and any decoding warnings (quality flags)."""

    text: str
    encoding: str
    flags: list[str] = field(default_factory=list)


def _codec(label: str | None) -> str | None:
    """Python codec name for a charset label, or None when unknown."""
    if not label:
        return None
    low = label.strip().strip("\"'").lower()
    low = _ALIASES.get(low, low)
    try:
        return codecs.lookup(low).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """Python codec named by an HTTP Content-Type header (``text/html; charset=windows-1258``), if any."""
    if not content_type:
        return None
    match = _CT_CHARSET.search(content_type)
    return _codec(match.group(1)) if match else None


def charset_from_meta(body: bytes) -> str | None:
    """Python codec named by ``<meta charset>``, ``<meta http-equiv content="...charset=">`` or an XML
    declaration near the start of ``body``."""
    head = body[:META_SCAN_BYTES]
    match = _XML_DECL.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    return _codec(match.group(1).decode("ascii", "ignore"))


def _bom(body: bytes) -> tuple[str, int] | None:
    for mark, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if body.startswith(mark):
            return name, len(mark)
    return None


def _has_multibyte_utf8(body: bytes) -> bool:
    """True when ``body`` contains at least one well-formed multi-byte UTF-8 sequence."""
    return re.search(rb"[\xc2-\xf4][\x80-\xbf]", body) is not None


def looks_like_cp1258(body: bytes) -> bool:
    """True when high bytes look like windows-1258 Vietnamese: tone-mark bytes right after vowels."""
    tones = after_vowel = 0
    prev = 0
    for byte in body[:200_000]:
        if byte in _CP1258_TONE_BYTES:
            tones += 1
            if prev in _VOWEL_BYTES:
                after_vowel += 1
        prev = byte
    return tones >= 3 and after_vowel >= 0.6 * tones


def _utf8_mostly(body: bytes) -> bool:
    """True when ``body`` is UTF-8 with a few bad bytes (garbage inside an otherwise UTF-8 page)."""
    text = body.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return good > 0 and bad <= max(8, good // 20)


def decode_html(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode an HTML page to text (not yet NFC: see ``legacy``): BOM, then the HTTP charset, then
    ``<meta charset>``, then UTF-8, then windows-1258 or windows-1252 by byte statistics. Never raises;
    flags ``decode_errors`` when bytes had to be replaced."""
    body = body or b""
    bom = _bom(body)
    if bom:
        name, size = bom
        text = body[size:].decode(name, "replace")
        return _finish(text, name, "\ufffd" in text)

    declared = [c for c in (charset_from_content_type(content_type), charset_from_meta(body)) if c]
    # A declared single-byte charset on bytes that are valid UTF-8 with multi-byte sequences is a mislabel.
    if _is_utf8(body) and (not declared or _has_multibyte_utf8(body)):
        return _finish(body.decode("utf-8"), "utf-8", False)
    for name in dict.fromkeys(declared):
        if name == "utf-8" and not _is_utf8(body):
            if _utf8_mostly(body):
                return _finish(body.decode("utf-8", "replace"), "utf-8", True)
            continue
        if name in {"cp1252", "latin-1"} and looks_like_cp1258(body):
            name = "cp1258"
        try:
            return _finish(body.decode(name), name, False)
        except (UnicodeDecodeError, LookupError):
            continue
    if _utf8_mostly(body):
        return _finish(body.decode("utf-8", "replace"), "utf-8", True)
    name = "cp1258" if looks_like_cp1258(body) else "cp1252"
    text = body.decode(name, "replace")
    return _finish(text, name, "\ufffd" in text)


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _finish(text: str, encoding: str, errors: bool) -> Decoded:
    # Not NFC yet: legacy-font repair needs windows-1258's combining tone marks as they came.
    text = text.replace("\x00", "")
    return Decoded(text=text, encoding=encoding, flags=["decode_errors"] if errors else [])
