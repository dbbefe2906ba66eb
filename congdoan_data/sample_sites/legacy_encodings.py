"""Legacy Vietnamese byte encodings used by old union sites: TCVN3 (ABC, .VnTime fonts) and windows-1258."""

from __future__ import annotations

import unicodedata

_LOWER = {
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9,
    "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE, "ặ": 0xC6,
    "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB,
    "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1,
    "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6,
    "ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE,
    "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4,
    "ồ": 0xE5, "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9,
    "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE,
    "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4,
    "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8, "ự": 0xF9,
    "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
}
#: Unicode character -> TCVN3 byte (the .VnTime "ABC" table; ASCII maps to itself).
TCVN3_TABLE: dict[str, int] = _LOWER


def tcvn3_encodable(text: str) -> bool:
    """True when every character of ``text`` has a TCVN3 byte (.VnTime has no toned capitals)."""
    return all(ord(c) < 0x80 or c in TCVN3_TABLE for c in unicodedata.normalize("NFC", text))


def encode_tcvn3(text: str) -> bytes:
    """Encode NFC Vietnamese text to TCVN3 bytes; raise ValueError on a character .VnTime cannot show."""
    out = bytearray()
    for c in unicodedata.normalize("NFC", text):
        if ord(c) < 0x80:
            out.append(ord(c))
        elif c in TCVN3_TABLE:
            out.append(TCVN3_TABLE[c])
        else:
            raise ValueError(f"no TCVN3 byte for {c!r}")
    return bytes(out)


_MODIFIERS = {"\u0302", "\u0306", "\u031b"}  # circumflex, breve, horn: part of the cp1258 base letter


def encode_cp1258(text: str, errors: str = "xmlcharrefreplace") -> bytes:
    """Encode Vietnamese text to windows-1258 the way old editors did: base letter plus combining tone mark."""
    out = bytearray()
    for c in unicodedata.normalize("NFC", text):
        try:
            out += c.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize("NFD", c)
        base = unicodedata.normalize("NFC", nfd[0] + "".join(m for m in nfd[1:] if m in _MODIFIERS))
        tones = "".join(m for m in nfd[1:] if m not in _MODIFIERS)
        try:
            out += base.encode("cp1258") + tones.encode("cp1258")
        except UnicodeEncodeError:
            out += c.encode("cp1258", errors=errors)
    return bytes(out)
