"""Legacy Vietnamese font encodings (TCVN3/ABC ``.VnTime``, VNI-Windows): detection and repair.

Pages typed with these fonts carry their letters in Latin-1 code points ("c«ng ®oµn" for "công đoàn").
A text is repaired only when the mapping is unambiguous: the repaired text must read as Vietnamese
syllables clearly better than the text as it stands. Isolated legacy fragments inside Unicode text
("k¬ năng") cannot be repaired safely and are only reported.
"""

from __future__ import annotations

import re
import unicodedata

# TCVN3 (TCVN 5712:1993, VN3 / ABC) code points, lower-case letters by vowel and tone
# (none, grave, hook, tilde, acute, dot below), then the capitals the .VnTime font has.
_TCVN3_ROWS = {
    "a": "a\xb5\xb6\xb7\xb8\xb9", "ă": "\xa8\xbb\xbc\xbd\xbe\xc6", "â": "\xa9\xc7\xc8\xc9\xca\xcb",
    "e": "e\xcc\xce\xcf\xd0\xd1", "ê": "\xaa\xd2\xd3\xd4\xd5\xd6", "i": "i\xd7\xd8\xdc\xdd\xde",
    "o": "o\xdf\xe1\xe2\xe3\xe4", "ô": "\xab\xe5\xe6\xe7\xe8\xe9", "ơ": "\xac\xea\xeb\xec\xed\xee",
    "u": "u\xef\xf1\xf2\xf3\xf4", "ư": "\xad\xf5\xf6\xf7\xf8\xf9", "y": "y\xfa\xfb\xfc\xfd\xfe",
}
_TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_VNI_TONES = ("", "\xf8", "\xfb", "\xf5", "\xf9", "\xef")  # grave, hook, tilde, acute, dot below


def _compose(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + tone)


def _tcvn3_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for vowel, codes in _TCVN3_ROWS.items():
        for code, tone in zip(codes, _TONES, strict=True):
            if code.isascii():
                continue
            table[code] = _compose(vowel, tone)
    table.update({"\xae": "đ", "\xa1": "Ă", "\xa2": "Â", "\xa7": "Đ", "\xa3": "Ê", "\xa4": "Ô", "\xa5": "Ơ",
                  "\xa6": "Ư"})
    return table


#: TCVN3 code point -> Unicode letter.
TCVN3_TO_UNICODE: dict[str, str] = _tcvn3_table()
_TCVN3_TRANS = str.maketrans(TCVN3_TO_UNICODE)


def _add_cased(table: dict[str, str], key: str, value: str) -> None:
    table[key] = value
    table[key.upper()] = value.upper()


def _vni_table() -> dict[str, str]:
    """VNI-Windows sequences -> Unicode: base letter, optional shape byte, optional tone byte."""
    table: dict[str, str] = {}
    plain = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "\xf4": "ơ", "\xf6": "ư"}
    for seq, base in plain.items():
        for tone_code, tone in zip(_VNI_TONES, _TONES, strict=True):
            if tone_code or not seq.isascii():
                _add_cased(table, seq + tone_code, _compose(base, tone))
    # Circumflex and breve: one byte carries both the shape and the tone ("oå" = ổ, "aë" = ặ).
    shaped = {"\xe2": "\u0302", "\xea": "\u0306"}
    combined = {"\u0302": ("\xe2", "\xe0", "\xe5", "\xe3", "\xe1", "\xe4"),
                "\u0306": ("\xea", "\xe8", "\xfa", "\xfc", "\xe9", "\xeb")}
    for mark, codes in combined.items():
        for base in ("a", "e", "o") if mark == shaped["\xe2"] else ("a",):
            for code, tone in zip(codes, _TONES, strict=True):
                _add_cased(table, base + code, _compose(base + mark, tone))
    # i has its own single code points; y with dot below too; đ.
    for code, tone in zip(("\xec", "\xe6", "\xf3", "\xed", "\xf2"), _TONES[1:], strict=True):
        table[code] = _compose("i", tone)
        table[code.upper()] = _compose("I", tone)
    table.update({"\xee": "ỵ", "\xce": "Ỵ", "\xf1": "đ", "\xd1": "Đ"})
    return table


VNI_TO_UNICODE: dict[str, str] = _vni_table()
_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(VNI_TO_UNICODE, key=len, reverse=True)))

#: Latin-1 characters that genuine Unicode Vietnamese never has inside a word.
_VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
LEGACY_MARKERS = frozenset(chr(c) for c in range(0xA1, 0x100)) - _VIETNAMESE_LATIN1
_MARKER_CLASS = "".join(sorted(LEGACY_MARKERS)).replace("\\", "\\\\").replace("]", "\\]").replace("-", "\\-")
#: A legacy marker; it makes a legacy word when glued to an ASCII letter ("k¬", "®oµn", "c«ng").
_LEGACY_MARKER = re.compile(f"[{_MARKER_CLASS}]")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

_SYMBOLS = "¡¢£¤¥¦§¨¬¯±´µ¶·¸¹¼½¾¿"  # not © or ®, which brands glue to names
_SYMBOL_WORD = re.compile(rf"(?:[A-Za-z][{_SYMBOLS}\xad]|[{_SYMBOLS}][A-Za-z])")

#: Font families of the legacy encodings, as named in face= attributes and CSS.
LEGACY_FONT = re.compile(r"""(?:face\s*=\s*["']?|font-family\s*:[^;"'>]*)\s*\.?(?:Vn[A-Z]\w*|VNI[-_ ]?\w+)""",
                         re.I)

_WORD = re.compile(r"[^\W\d_]+")
_TONE_MARKS = re.compile("[\u0300\u0301\u0303\u0309\u0323]")
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(?:[aăâeêioôơuưy]{1,3})(?:ch|ng|nh|[cmnptiouy])?"
)


def vietnamese_score(text: str) -> float:
    """Share of the words in ``text`` that are well-formed Vietnamese syllables (0-1; 0 without words)."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    good = 0
    for word in words:
        decomposed = unicodedata.normalize("NFD", word.lower())
        if len(_TONE_MARKS.findall(decomposed)) > 1:
            continue
        bare = unicodedata.normalize("NFC", _TONE_MARKS.sub("", decomposed))
        if _SYLLABLE.fullmatch(bare):
            good += 1
    return good / len(words)


def tcvn3_to_unicode(text: str) -> str:
    """Map TCVN3 (.VnTime) text held in Latin-1 code points to Unicode NFC."""
    return unicodedata.normalize("NFC", text.translate(_TCVN3_TRANS))


def vni_to_unicode(text: str) -> str:
    """Map VNI-Windows text held in Latin-1 code points to Unicode NFC."""
    return unicodedata.normalize("NFC", _VNI_PATTERN.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text))


def has_legacy_words(text: str) -> bool:
    """True when ``text`` has words with legacy-font characters glued to letters ("k¬", "c«ng")."""
    # A scan for the markers alone, then a look at their neighbours: several times faster on a page than one
    # pattern of "letter, marker or marker, letter", and a Unicode page has few markers (», ©).
    for marker in _LEGACY_MARKER.finditer(text):
        at = marker.start()
        if text[at - 1:at] in _ASCII_LETTERS or text[at + 1:at + 2] in _ASCII_LETTERS:
            return True
    return False


def has_legacy_symbols(text: str) -> bool:
    """True when a symbol that no language glues to letters sits inside a word ("k¬", "®oµn"), unlike the
    letters of other Latin scripts ("España", "naïve")."""
    return _SYMBOL_WORD.search(text) is not None


def looks_legacy(html: str) -> bool:
    """Cheap page-level test: a legacy font is named, or legacy characters sit inside words."""
    return LEGACY_FONT.search(html) is not None or has_legacy_words(html)


#: How much better the repaired text must read as Vietnamese for the repair to count as unambiguous.
MIN_GAIN = 0.25
MIN_SCORE = 0.6


def repair(latin1: str, as_decoded: str | None = None) -> tuple[str, str | None]:
    """Repair one run of text. ``latin1`` is the text with one character per original byte (as served, or
    re-encoded from windows-1258); ``as_decoded`` is how the page's own charset reads it (default: the same).
    Returns ``(text, status)``: status ``"repaired"`` (text replaced), ``"unrepaired"`` (legacy symbols seen
    but no unambiguous repair) or None (nothing legacy; ``as_decoded`` returned)."""
    baseline = latin1 if as_decoded is None else as_decoded
    if not has_legacy_words(latin1):
        return baseline, None
    if any(ord(ch) > 0xFF for ch in latin1):
        # Unicode letters mixed in: the text is not one legacy run.
        return baseline, _unrepaired(latin1, baseline)
    before = vietnamese_score(baseline)
    best, best_score = baseline, before
    for candidate in (tcvn3_to_unicode(latin1), vni_to_unicode(latin1)):
        score = vietnamese_score(candidate)
        if score > best_score:
            best, best_score = candidate, score
    if best is not baseline and best_score >= MIN_SCORE and best_score - before >= MIN_GAIN:
        return best, "repaired"
    return baseline, _unrepaired(latin1, baseline)


def _unrepaired(latin1: str, baseline: str) -> str | None:
    """"unrepaired" when legacy symbols sit inside words of text that otherwise reads as Vietnamese."""
    if has_legacy_symbols(latin1) and vietnamese_score(baseline) >= 0.5:
        return "unrepaired"
    return None
