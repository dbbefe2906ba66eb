"""Exact and near-duplicate detection over article text, with state that lasts across runs.

Text. Every comparison starts from NFC, case-folded text with punctuation and symbols turned into spaces,
split into syllables (Vietnamese writes one syllable per space-separated token). :func:`content_hash` hashes
exactly that, so an *exact* duplicate is a text with the same syllables. For near duplicates two spelling
habits are folded too, so that they do not hide a copy: the old and new places of the tone mark
(``hoà``/``hòa``, ``thuỷ``/``thủy``), and the union's abbreviations, spelled out before shingling
(``LĐLĐ`` -> ``liên đoàn lao động``, ``NLĐ`` -> ``người lao động``; :data:`ABBREVIATIONS`). Speed: a text
is folded and split with numpy over its UTF-8 bytes, and each syllable's hash (tone place folded, abbreviation
spelled out) is read from a process-wide vocabulary table, so no Python object is made per syllable.

Features. A text's *shingles* are its ``shingle_size``-syllable windows hashed to 64 bits; numbers and names
stay in them, so other figures or other people make other shingles. Its *facts* are its numbers keyed by
their context: the syllables around each run of numbers and the place in the run ("ngày _ _ _ lđlđ" -> 15,
4, 2021 for "Ngày 15/4/2021, LĐLĐ"). A copy states the same number wherever it keeps the context; a
same-template report states other numbers in the same contexts. Rewording around a number changes its
context, so it is simply not compared: it never counts as a conflict.

Near duplicates, in two stages.

1. Candidates by LSH: a MinHash signature of the shingles (rensa, ``num_perm`` 32-bit values) cut into
   ``bands`` bands; records that share a band key are candidates. With 32 bands of 4 rows a pair with
   Jaccard 0.5 becomes a candidate with probability 0.87, 0.6 -> 0.99, 0.8 -> 1.0, so a truncated copy (whose
   Jaccard is about its length ratio) is found as well as a lightly edited one.
2. Confirmation on the actual shingles: the new text's full shingle set against a bottom-k sketch of the kept
   text (its ``sketch_size`` smallest shingle hashes, 16 bits of each, and its shingle count). The share of
   the sketch found in the new set estimates |A∩B|/|B|, hence |A∩B|, the Jaccard index and the containment
   of the shorter text in the longer (standard error about sqrt(p(1-p)/k): 0.027 at p = 0.9, k = 128). A
   pair is a near duplicate when Jaccard >= ``threshold``, or the shorter text (at least ``min_shingles``)
   lies within the longer at >= ``containment``, unless the facts disagree: of the kept text's sketched
   facts (``fact_sketch_size`` contexts, 16 bits, with 8 bits of the number) whose context the new text
   has too, more than ``fact_conflicts`` carry another number (once ``min_shared_facts`` are shared).

Why a bottom-k sketch and no stored signature: a MinHash signature (512 bytes at 128 x 32 bits) estimates
Jaccard only, not containment, and full shingle sets cost kilobytes; a bottom-k sketch compared with an
exact set gives both. A record's state is one SQLite row: id, URL key and content key (8 bytes each), its
32 band keys (128 bytes) and a 368-byte sketch (:func:`sketch_dtype`) — about 620 bytes on disk with
SQLite's overhead and indexes (``bench/dedupe.py`` measures it). The band index is rebuilt in memory from
the rows when a state opens (8 bytes a band key, plus a Bloom filter of 2 to 8 bytes), and so are the ids and
sketches (376 bytes a record), so that a lookup reads no row. Nothing is pickled: the settings that shape
stored keys (shingle size, permutations, bands, sketch sizes, feature and rensa versions) are recorded in the
state, and an index refuses to open a state built with other ones.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import struct
import sys
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import rensa

from pipelines.state import Candidate, MemoryStateStore, SQLiteStateStore, StateStore, StoredDoc, to_signed64
from pipelines.urls import url_key

#: Version of the text folding and feature hashing below; stored in the state, bump it when they change.
FEATURE_VERSION = "1"
#: Seed of the MinHash permutations (fixed: band keys must match across runs).
MINHASH_SEED = 20250101

# ---------------------------------------------------------------------------------------------------------
# Text folding


#: ASCII bytes other than letters and digits become spaces; non-ASCII bytes (UTF-8 sequences) stay.
_ASCII_FOLD = bytes(c if chr(c).isalnum() or c >= 128 else 32 for c in range(256))
#: Non-ASCII punctuation and symbols (Latin-1 signs, general punctuation, arrows, dingbats, CJK and full-width
#: punctuation, emoji) that also become spaces.
_UNICODE_PUNCT = re.compile(
    "[\u00a0-\u00bf\u00d7\u00f7\u02b9-\u02df\u2000-\u2bff\u2e00-\u2e7f\u3000-\u303f\ufe10-\ufe6f"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\U0001f000-\U0001faff]"
)


#: Lead bytes of the UTF-8 of _UNICODE_PUNCT (Vietnamese letters never start with them), and x and ÷.
_MAYBE_PUNCT = re.compile(rb"[\xc2\xca\xcb\xe2\xe3\xef\xf0]|\xc3[\x97\xb7]")


def _syllables(text: str) -> list[bytes]:
    """NFC, case-folded, punctuation-free syllables of ``text`` as UTF-8 bytes."""
    folded = unicodedata.normalize("NFC", text or "").casefold()
    raw = folded.encode("utf-8")
    if _MAYBE_PUNCT.search(raw):
        raw = _UNICODE_PUNCT.sub(" ", folded).encode("utf-8")
    return raw.translate(_ASCII_FOLD).split()


def normalize_for_hash(text: str) -> str:
    """Fold text for exact-duplicate hashing: NFC, case folded, punctuation, symbols and whitespace to single
    spaces (the syllables of the text)."""
    return b" ".join(_syllables(text)).decode("utf-8")


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text."""
    return hashlib.sha256(normalize_for_hash(text).encode("utf-8")).hexdigest()


#: Abbreviations of union news and what they stand for; before shingling each is spelled out, so that a copy
#: that abbreviates (or spells out) differently from its source keeps the same shingles. Lower case, NFC.
ABBREVIATIONS: dict[str, str] = {
    "lđlđ": "liên đoàn lao động", "lđlđvn": "liên đoàn lao động việt nam",
    "tlđ": "tổng liên đoàn lao động việt nam", "tlđlđvn": "tổng liên đoàn lao động việt nam",
    "cđvn": "công đoàn việt nam", "vn": "việt nam",
    "cnvclđ": "công nhân viên chức lao động", "cnvc": "công nhân viên chức", "cnlđ": "công nhân lao động",
    "cbcnvc": "cán bộ công nhân viên chức", "nlđ": "người lao động", "cđcs": "công đoàn cơ sở",
    "đvcđ": "đoàn viên công đoàn", "ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân",
    "mttq": "mặt trận tổ quốc", "bch": "ban chấp hành", "btv": "ban thường vụ",
    "atvslđ": "an toàn vệ sinh lao động", "bhxh": "bảo hiểm xã hội", "bhyt": "bảo hiểm y tế",
    "bhtn": "bảo hiểm thất nghiệp", "tưlđtt": "thỏa ước lao động tập thể", "kcn": "khu công nghiệp",
    "tp": "thành phố", "hcm": "hồ chí minh", "dn": "doanh nghiệp", "htx": "hợp tác xã", "tw": "trung ương",
}

_TONES = "\u0300\u0301\u0309\u0303\u0323"  # grave, acute, hook above, tilde, dot below


def _tone_pairs() -> dict[str, str]:
    """Syllable endings with the tone on the first vowel of oa/oe/uy -> tone on the second (``òa`` -> ``oà``)."""
    pairs = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONES:
            old = unicodedata.normalize("NFC", first + tone + second)
            new = unicodedata.normalize("NFC", first + second + tone)
            pairs[old] = new
    return pairs


_TONE_MOVE = _tone_pairs()


def _one_tone_place(word: str) -> str:
    """``word`` with its tone mark where the newer spelling puts it (``hòa`` -> ``hoà``, ``thủy`` -> ``thuỷ``)."""
    for old, new in _TONE_MOVE.items():
        if word.endswith(old):
            return word[: -len(old)] + new
    return word


# ---------------------------------------------------------------------------------------------------------
# Hashing (numpy uint64 arrays wrap silently, which is what these hashes want)

_U64 = np.uint64


def _splitmix(i: int) -> int:
    z = (i * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) % (1 << 64)
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % (1 << 64)
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % (1 << 64)
    return z ^ (z >> 31)


_POSITION = [_U64(_splitmix(i) | 1) for i in range(64)]  # multiplier of each position in a shingle
_FACT_PREV, _FACT_NEXT, _FACT_PLACE = (_U64(_splitmix(100 + i) | 1) for i in range(3))
_EDGE = _U64(_splitmix(104))
_BAND_ROW = [_U64(_splitmix(200 + i) | 1) for i in range(64)]
_BAND_NO = _U64(_splitmix(300) | 1)
_M1, _M2 = _U64(0xBF58476D1CE4E5B9), _U64(0x94D049BB133111EB)
_S27, _S30, _S31, _S32 = _U64(27), _U64(30), _U64(31), _U64(32)
_LOW16, _LOW8 = _U64(0xFFFF), _U64(0xFF)
_ONE = _U64(1)


def _mix(z: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, elementwise."""
    z = z ^ (z >> _S30)
    z *= _M1
    z ^= z >> _S27
    z *= _M2
    z ^= z >> _S31
    return z


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    values.sort()
    if len(values) > 1:
        keep = np.empty(len(values), dtype=bool)
        keep[0] = True
        np.not_equal(values[1:], values[:-1], out=keep[1:])
        values = values[keep]
    return values


_DIGIT, _ABBREVIATION = 1, 2  # low bits of a vocabulary value
_SYLLABLE_PERSON = b"congdoan-syl-v" + FEATURE_VERSION.encode()


def _syllable_hash(word: str) -> int:
    """64-bit hash of a syllable in its one tone spelling; bit 0 says "has a digit", bit 1 is clear."""
    word = _one_tone_place(word)
    digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8, person=_SYLLABLE_PERSON).digest()
    return int.from_bytes(digest, "little") & ~3 | (_DIGIT if any(c.isdigit() for c in word) else 0)


#: Expansions of ABBREVIATIONS as syllable hashes, laid end to end; a vocabulary value with bit 1 set holds
#: (offset << 8 | length) << 2 into this table.
_EXPANSIONS = np.array([_syllable_hash(w) for long in ABBREVIATIONS.values() for w in long.split()],
                       dtype=np.uint64)


def _abbreviation_values() -> dict[bytes, int]:
    values, offset = {}, 0
    for short, long in ABBREVIATIONS.items():
        length = len(long.split())
        values[short.encode()] = ((offset << 8 | length) << 2) | _ABBREVIATION
        offset += length
    return values


class _Vocabulary:
    """Token key -> vocabulary value, for every index in the process: a direct-mapped table (at most an eighth
    full) that numpy reads for all the tokens of a text at once, and a dict for the few keys whose slot an
    earlier key holds. A key is a 64-bit hash of a token's UTF-8 (up to 8 bytes; longer tokens, rare, are
    looked up by their bytes in a dict). Values are computed on first sight (:func:`_token_value`)."""

    LIMIT = 1 << 18  # tokens (32 MB of table); beyond, the vocabulary starts afresh (mostly numbers by then)
    LONG_LIMIT = 1 << 16

    def __init__(self) -> None:
        self._long: dict[bytes, int] = {}
        self._reset(1 << 16)

    def _reset(self, size: int) -> None:
        slots = np.zeros((size, 2), dtype=np.uint64)  # key and value side by side: one cache line a lookup
        self._keys, self._values = slots[:, 0], slots[:, 1]  # key 0: empty (token keys have bit 0 set)
        self._pairs = slots.view(np.complex128).reshape(-1)  # 16 bytes a slot, read with one 1-D gather
        self._shift = _U64(64 - size.bit_length() + 1)
        self._others: dict[int, int] = {}  # keys whose slot is taken
        self._count = 0

    def lookup(self, keys: np.ndarray, data: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Values of the tokens with these ``keys``; token i is ``data[starts[i] : starts[i] + lengths[i]]``."""
        pairs = self._pairs[(keys >> self._shift).astype(np.intp)].view(np.uint64)
        values = pairs[1::2].copy()
        miss = (pairs[0::2] != keys).nonzero()[0]
        if len(miss):
            others = self._others
            found = [others.get(k) for k in keys[miss].tolist()]
            if None in found:
                new = miss[[value is None for value in found]]
                self._add(keys[new], data, starts[new], lengths[new])
                return self.lookup(keys, data, starts, lengths)
            values[miss] = found
        if lengths.max() <= _KEY_BYTES:
            return values
        for i in (lengths > _KEY_BYTES).nonzero()[0].tolist():
            values[i] = self._long_value(data[starts[i] : starts[i] + lengths[i]].tobytes())
        return values

    def _long_value(self, token: bytes) -> int:
        value = self._long.get(token)
        if value is None:
            if len(self._long) > self.LONG_LIMIT:
                self._long.clear()
            value = self._long[token] = _token_value(token)
        return value

    def _add(self, keys: np.ndarray, data: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> None:
        """Add new tokens (growing the table, or starting afresh past LIMIT)."""
        keys, first = np.unique(keys, return_index=True)
        values = np.array([_token_value(data[s : s + n].tobytes()) for s, n in
                           zip(starts[first].tolist(), lengths[first].tolist(), strict=True)], dtype=np.uint64)
        if self._count + len(keys) > len(self._keys) // 8:
            if self._count + len(keys) > self.LIMIT:
                self._reset(len(self._keys))
            else:
                used = np.flatnonzero(self._keys)
                others = np.fromiter(self._others.items(), dtype=np.dtype((np.uint64, 2)), count=len(self._others))
                old_keys = np.concatenate((self._keys[used], others[:, 0]))
                old_values = np.concatenate((self._values[used], others[:, 1]))
                self._reset(len(self._keys) * 2)
                self._place(old_keys, old_values)
        self._place(keys, values)

    def _place(self, keys: np.ndarray, values: np.ndarray) -> None:
        """Insert distinct keys that are not in the vocabulary: into their slot when it is free (the first of
        them), else into the dict."""
        slots = (keys >> self._shift).astype(np.intp)
        free = (self._keys[slots] == 0).nonzero()[0]
        _, first = np.unique(slots[free], return_index=True)
        won = free[first]
        self._keys[slots[won]] = keys[won]
        self._values[slots[won]] = values[won]
        lost = np.ones(len(keys), dtype=bool)
        lost[won] = False
        self._others.update(zip(keys[lost].tolist(), values[lost].tolist(), strict=True))
        self._count += len(keys)


def _token_value(token: bytes) -> int:
    """Vocabulary value of a token (UTF-8): an abbreviation's expansion, else its syllable hash."""
    value = _ABBREVIATION_VALUES.get(token)
    return _syllable_hash(token.decode("utf-8")) if value is None else value


_ABBREVIATION_VALUES = _abbreviation_values()
_EXPANSION_OF = {value: _EXPANSIONS[(value >> 10) : (value >> 10) + (value >> 2 & 0xFF)]
                 for value in _ABBREVIATION_VALUES.values()}
_VOCABULARY = _Vocabulary()
_ABBREVIATION_BIT, _LENGTH, _S2, _S8 = _U64(_ABBREVIATION), _U64(0xFF), _U64(2), _U64(8)

_KEY_BYTES = 8  # a token of at most this many bytes is its own key (times an odd number, plus its length)
_SPACE = 32
_PAD = bytes(16)
_KEY_WORD, _KEY_LENGTH = (_U64(_splitmix(400 + i) | 1) for i in range(2))
_BYTE_MASKS = np.array([(1 << (8 * i)) - 1 for i in range(8)] + [(1 << 64) - 1], dtype=np.uint64)


def _utf8_ranges() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """_UNICODE_PUNCT as intervals of 4-byte big-endian windows that start with such a character (the bytes
    after a short character are any), the lead bytes that may start one, and the UTF-8 length by lead byte."""
    bounds = []
    for low, high in re.findall(r"(.)-(.)", _UNICODE_PUNCT.pattern[1:-1], flags=re.S):
        a, b = low.encode("utf-8"), high.encode("utf-8")
        pad = 4 - len(a)
        bounds += [int.from_bytes(a, "big") << (8 * pad), ((int.from_bytes(b, "big") + 1) << (8 * pad)) - 1]
    singles = [c for c in re.sub(r".-.", "", _UNICODE_PUNCT.pattern[1:-1], flags=re.S)]
    for c in singles:
        code = c.encode("utf-8")
        pad = 4 - len(code)
        bounds += [int.from_bytes(code, "big") << (8 * pad), ((int.from_bytes(code, "big") + 1) << (8 * pad)) - 1]
    bounds = sorted(bounds)
    leads = np.zeros(256, dtype=bool)
    leads[sorted({b >> 24 for b in bounds})] = True
    lengths = np.array([1 if b < 0xC0 else 2 if b < 0xE0 else 3 if b < 0xF0 else 4 for b in range(256)],
                       dtype=np.intp)
    return np.array(bounds, dtype=np.uint32), leads, lengths


_PUNCT_BOUNDS, _PUNCT_LEADS, _UTF8_LENGTH = _utf8_ranges()
#: Lead bytes of _UNICODE_PUNCT but 0xC3, which starts Vietnamese letters too (× and ÷ are looked for apart).
_PUNCT_LEAD_BYTES = bytes(b for b in range(256) if _PUNCT_LEADS[b] and b != 0xC3)


def _tokens(text: str) -> tuple[bytes, np.ndarray]:
    """The normalised text (:func:`normalize_for_hash`, as UTF-8) and the vocabulary values of its syllables
    (abbreviations not yet spelled out), without a Python object per syllable."""
    folded = unicodedata.normalize("NFC", text or "").casefold()
    raw = folded.encode("utf-8")
    data = np.frombuffer(b" " + raw.translate(_ASCII_FOLD) + _PAD, dtype=np.uint8)
    if len(raw.translate(None, _PUNCT_LEAD_BYTES)) != len(raw) or "\u00d7" in folded or "\u00f7" in folded:
        data = _blank_punctuation(data)
    word = data > _SPACE  # folding left no byte below a space but the padding's zeros
    edges = (word[1:] != word[:-1]).nonzero()[0] + 1
    starts, ends = edges[0::2], edges[1::2]
    if not len(starts):
        return b"", np.empty(0, dtype=np.uint64)
    word[ends[:-1]] = True  # one space between syllables
    normalized = data[word].tobytes()
    lengths = ends - starts
    words = np.ndarray((len(data) - 7,), dtype="<u8", buffer=data, strides=(1,))
    keys = (words[starts] & _BYTE_MASKS[np.minimum(lengths, _KEY_BYTES)]) * _KEY_WORD
    keys += lengths.astype(np.uint64) * _KEY_LENGTH
    keys |= _ONE
    return normalized, _VOCABULARY.lookup(keys, data, starts, lengths)


def _blank_punctuation(data: np.ndarray) -> np.ndarray:
    """``data`` (UTF-8) with every byte of the characters of _UNICODE_PUNCT turned into a space."""
    leads = np.flatnonzero(_PUNCT_LEADS[data])
    windows = np.ndarray((len(data) - 3,), dtype=">u4", buffer=data, strides=(1,))
    leads = leads[np.searchsorted(_PUNCT_BOUNDS, windows[leads], side="right") & 1 == 1]
    if not len(leads):
        return data
    data = data.copy()
    size = _UTF8_LENGTH[data[leads]]
    for extra in range(4):
        data[leads[size > extra] + extra] = _SPACE
    return data


def _syllable_hashes(values: np.ndarray) -> np.ndarray:
    """Syllable hashes from vocabulary values: abbreviations spelled out."""
    short = (values & _ABBREVIATION_BIT).nonzero()[0]
    if not len(short):
        return values
    if len(short) <= 32:  # the usual few: slices are cheaper than index arithmetic
        pieces, done = [], 0
        for at, value in zip(short.tolist(), values[short].tolist(), strict=True):
            pieces += (values[done:at], _EXPANSION_OF[value])
            done = at + 1
        pieces.append(values[done:])
        return np.concatenate(pieces)
    codes = values[short] >> _S2
    lengths = (codes & _LENGTH).astype(np.int64)
    counts = np.ones(len(values), dtype=np.int64)
    counts[short] = lengths
    out = np.repeat(values, counts)
    ends = np.cumsum(lengths)
    within = np.arange(ends[-1]) - np.repeat(ends - lengths, lengths)
    starts = (np.cumsum(counts) - counts)[short]
    out[np.repeat(starts, lengths) + within] = _EXPANSIONS[np.repeat((codes >> _S8).astype(np.int64), lengths)
                                                            + within]
    return out


def _shingles(hashes: np.ndarray, size: int) -> np.ndarray:
    """Sorted unique shingle hashes."""
    return _sorted_unique(_mix(_shingle_sums(hashes, size)))


def _shingle_sums(hashes: np.ndarray, size: int) -> np.ndarray:
    """Shingle hashes before the final mix (:func:`_mix`), in text order."""
    n = len(hashes)
    if n == 0:
        return np.empty(0, dtype=np.uint64)
    size = min(size, n)
    m = n - size + 1
    acc = hashes[:m] * _POSITION[0]
    step = np.empty_like(acc)
    for j in range(1, size):
        acc += np.multiply(hashes[j : j + m], _POSITION[j], out=step)
    return acc


def _occurrences(sorted_values: np.ndarray) -> np.ndarray:
    """For sorted values, how many equal values come before each one (0, 1, 2... within each run)."""
    positions = np.arange(len(sorted_values), dtype=np.uint64)
    firsts = np.concatenate(([True], sorted_values[1:] != sorted_values[:-1]))
    return positions - np.maximum.accumulate(np.where(firsts, positions, _U64(0)))


def _facts(hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The numbers of a text keyed by their context: (sorted keys, values). A key is the syllables around a
    run of numbers ("ngày _ _ _ lđlđ" for "ngày 15/4/2021 LĐLĐ") and the place in the run; the value is the
    number. A context that comes back keeps its first number only, so that a prefix keeps its facts."""
    contexts, where = _fact_contexts(hashes)
    return _fact_table(_mix(contexts), where, hashes)


def _fact_contexts(hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fact keys before the final mix, and the syllable index of each number."""
    where = (hashes & _ONE).nonzero()[0]
    n = len(where)
    if not n:
        return np.empty(0, dtype=np.uint64), where
    first = np.empty(n, dtype=bool)  # first number of a run of numbers
    first[0] = True
    np.not_equal(where[1:] - where[:-1], 1, out=first[1:])
    last = np.empty(n, dtype=bool)  # last number of a run
    last[:-1], last[-1] = first[1:], True
    run = first.cumsum() - 1
    firsts = where[first]  # first syllable of each run
    padded = np.empty(len(hashes) + 2, dtype=np.uint64)  # padded[i + 1] is syllable i
    padded[0] = padded[-1] = _EDGE
    padded[1:-1] = hashes
    keys = padded[firsts] * _FACT_PREV + padded[where[last] + 2] * _FACT_NEXT  # syllables before and after
    starts = firsts[run]
    return keys[run] + (where - starts).astype(np.uint64) * _FACT_PLACE, where


def _fact_table(keys: np.ndarray, where: np.ndarray, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted fact keys (mixed) and their numbers, the first number of a context that comes back."""
    order = keys.argsort(kind="stable")
    keys = keys[order]
    first = np.ones(len(keys), dtype=bool)
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    return keys[first], hashes[where[order[first]]]


# ---------------------------------------------------------------------------------------------------------
# Configuration and results


def _setting(getter: Callable[[str, Any], Any], name: str, default: Any, kind: type) -> Any:
    value = getter(name, default)
    if value is None or value == "":
        return default
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise ValueError(f"setting {name}: {value!r} is not a valid {kind.__name__}") from None


@dataclass(frozen=True)
class DedupeConfig:
    """Near-duplicate settings; the first five are read from Scrapy settings ``DEDUPE_<NAME>``."""

    shingle_size: int = 5  # syllables per shingle
    num_perm: int = 128  # MinHash permutations
    threshold: float = 0.8  # Jaccard at which two texts are near duplicates
    containment: float = 0.8  # share of the shorter text found in the longer (truncated copies)
    bands: int = 32  # LSH bands (num_perm // bands rows each)
    min_shingles: int = 40  # the shorter text needs this many shingles for the containment rule
    fact_conflicts: float = 0.2  # share of numbers stated in the same context that may differ
    min_shared_facts: int = 3  # numbers in shared contexts needed before fact_conflicts applies
    sketch_size: int = 128  # bottom-k entries kept per record (<= 255)
    fact_sketch_size: int = 32  # bottom-k entries of facts kept per record (<= 255)

    def __post_init__(self) -> None:
        checks = {
            "shingle_size": 1 <= self.shingle_size <= 64, "num_perm": 1 <= self.num_perm <= 1024,
            "bands": 1 <= self.bands <= self.num_perm and self.num_perm // self.bands <= 64,
            "threshold": 0 < self.threshold <= 1, "containment": 0 < self.containment <= 1,
            "fact_conflicts": 0 <= self.fact_conflicts <= 1, "min_shingles": self.min_shingles >= 1,
            "min_shared_facts": self.min_shared_facts >= 1, "sketch_size": 1 <= self.sketch_size <= 255,
            "fact_sketch_size": 1 <= self.fact_sketch_size <= 255,
        }
        for name, ok in checks.items():
            if not ok:
                raise ValueError(f"dedupe setting {name} (DEDUPE_{name.upper()}) = {getattr(self, name)!r} "
                                 "is out of range")

    @property
    def rows(self) -> int:
        """MinHash values per LSH band."""
        return self.num_perm // self.bands

    @classmethod
    def from_settings(cls, getter: Callable[[str, Any], Any]) -> DedupeConfig:
        """Config from ``getter(name, default)`` (e.g. Scrapy's ``Settings.get``): DEDUPE_SHINGLE_SIZE,
        DEDUPE_NUM_PERM, DEDUPE_THRESHOLD, DEDUPE_CONTAINMENT, DEDUPE_BANDS."""
        base = cls()
        return cls(
            shingle_size=_setting(getter, "DEDUPE_SHINGLE_SIZE", base.shingle_size, int),
            num_perm=_setting(getter, "DEDUPE_NUM_PERM", base.num_perm, int),
            threshold=_setting(getter, "DEDUPE_THRESHOLD", base.threshold, float),
            containment=_setting(getter, "DEDUPE_CONTAINMENT", base.containment, float),
            bands=_setting(getter, "DEDUPE_BANDS", base.bands, int),
        )

    def state_meta(self) -> dict[str, str]:
        """The settings that shape stored keys; a state only serves an index with the same ones."""
        return {"feature_version": FEATURE_VERSION, "minhash": f"rensa-{rensa.RMinHash.ALGORITHM_VERSION}",
                "minhash_seed": str(MINHASH_SEED), "shingle_size": str(self.shingle_size),
                "num_perm": str(self.num_perm), "bands": str(self.bands), "sketch_size": str(self.sketch_size),
                "fact_sketch_size": str(self.fact_sketch_size)}


@dataclass(frozen=True)
class Duplicate:
    """Why a text is not kept: it copies the kept record ``duplicate_of``."""

    duplicate_of: str  # id of the kept record
    similarity: float  # 0-1: 1 for url and exact; Jaccard, or containment of the shorter text, for near
    reason: str  # "url" | "exact" | "near"


class StateMismatchError(ValueError):
    """The state directory was built with other dedupe settings."""


# ---------------------------------------------------------------------------------------------------------
# Fingerprints and sketches

_SKETCH_HEAD = struct.Struct("<IIIHBB")


@functools.cache
def sketch_dtype(config: DedupeConfig) -> np.dtype:
    """Layout of a stored sketch (fixed size for a config: 16 + 2k + 3k' bytes, 368 by default): shingle
    count, thresholds (top 32 bits of the k-th smallest hash), fact count, entries used, then 16-bit
    fingerprints of the ``sketch_size`` smallest shingle hashes and of the ``fact_sketch_size`` smallest fact
    contexts, and the 8-bit fingerprint of each of those facts' number."""
    return np.dtype([("size", "<u4"), ("tau", "<u4"), ("fact_tau", "<u4"), ("facts", "<u2"), ("k", "u1"),
                     ("fact_k", "u1"), ("fps", "<u2", (config.sketch_size,)),
                     ("fact_fps", "<u2", (config.fact_sketch_size,)),
                     ("value_fps", "u1", (config.fact_sketch_size,))])


def _bottom_k(values: np.ndarray, k: int) -> tuple[int, np.ndarray]:
    """Threshold (top 32 bits of the k-th smallest of sorted ``values``) and the entries kept."""
    if len(values) <= k:
        return 0xFFFFFFFF, values
    return int(values[k - 1] >> _S32), values[:k]


@dataclass(eq=False)
class Fingerprint:
    """Everything dedupe derives from one text."""

    content_key: int  # signed 64-bit prefix of content_hash
    shingles: np.ndarray  # sorted unique uint64
    fact_keys: np.ndarray  # sorted uint64: context of each number
    fact_values: np.ndarray  # uint64: the number, aligned with fact_keys
    bands: list[int]  # LSH band keys, signed 32-bit

    def sketch(self, config: DedupeConfig) -> bytes:
        """The compact form kept in the state (:func:`sketch_dtype`)."""
        tau, kept = _bottom_k(self.shingles, config.sketch_size)
        fact_tau, fact_kept = _bottom_k(self.fact_keys, config.fact_sketch_size)
        fps = np.zeros(config.sketch_size + config.fact_sketch_size, dtype="<u2")
        fps[: len(kept)] = kept  # assignment keeps the low 16 bits
        fps[config.sketch_size : config.sketch_size + len(fact_kept)] = fact_kept
        values = np.zeros(config.fact_sketch_size, dtype=np.uint8)
        values[: len(fact_kept)] = self.fact_values[: len(fact_kept)]  # and here the low 8
        head = _SKETCH_HEAD.pack(len(self.shingles), tau, fact_tau, min(len(self.fact_keys), 0xFFFF), len(kept),
                                 len(fact_kept))
        return b"".join((head, fps.tobytes(), values.tobytes()))


_ABSENT = np.int64(2**62)


@functools.cache
def _band_constants(bands: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    return np.array(_BAND_ROW[:rows], dtype=np.uint64), np.arange(bands, dtype=np.uint64) * _BAND_NO


def _fingerprint(text: str, config: DedupeConfig) -> Fingerprint:
    normalized, values = _tokens(text)
    exact = hashlib.sha256(normalized).digest()
    hashes = _syllable_hashes(values)
    sums = _shingle_sums(hashes, config.shingle_size)
    contexts, where = _fact_contexts(hashes)
    mixed = _mix(np.concatenate((sums, contexts)))  # one pass for shingles and facts
    shingles = _sorted_unique(mixed[: len(sums)])
    bands: list[int] = []
    if len(shingles):
        matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(
            shingles, np.array([0, len(shingles)], dtype=np.uint64), config.num_perm, MINHASH_SEED)
        signature = np.array(matrix.to_rows()[0][: config.bands * config.rows], dtype=np.uint64)
        row_weights, band_offsets = _band_constants(config.bands, config.rows)
        keys = _mix((signature.reshape(config.bands, config.rows) * row_weights).sum(axis=1) + band_offsets)
        bands = (keys >> _S32).astype(np.uint32).view(np.int32).tolist()
    fact_keys, fact_values = _fact_table(mixed[len(sums) :], where, hashes)
    return Fingerprint(to_signed64(int.from_bytes(exact[:8], "big")), shingles, fact_keys, fact_values, bands)


@dataclass(frozen=True)
class Comparison:
    """Similarity of a new text to a kept one, as estimated from the kept one's sketch."""

    jaccard: float
    containment: float  # of the shorter text in the longer
    shorter: int  # shingles of the shorter text
    shared_facts: int  # sketched numbers of the kept text whose context the new text has too
    fact_conflicts: float  # share of those whose number differs


_SCRATCH = threading.local()  # per thread: a 65,536-entry table, _ABSENT everywhere between uses


def _found(values: np.ndarray, numbers: np.ndarray | None, fps: np.ndarray, taus: np.ndarray, used: np.ndarray,
           sketched_numbers: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per sketch row: how many of its fingerprints are low 16 bits of the new text's sorted ``values`` below
    the row's threshold, and (with numbers) how many of those carry another number."""
    table = getattr(_SCRATCH, "table", None)
    if table is None:
        table = _SCRATCH.table = np.full(1 << 16, _ABSENT, dtype=np.int64)
    slots = (values & _LOW16).astype(np.intp)
    entries = np.arange(len(values), dtype=np.int64) << 8  # position, and the number's 8 bits
    if numbers is not None:
        entries |= (numbers & _LOW8).astype(np.int64)
    table[slots[::-1]] = entries[::-1]  # the first occurrence of a low 16 bits wins
    try:
        found = table[fps]
    finally:
        table[slots] = _ABSENT
    hit = (found >> 8) < (values >> _S32).searchsorted(taus, side="right")[:, None]
    hit &= _COLUMNS[: fps.shape[1]] < used[:, None]
    counts = hit.sum(axis=1)
    if sketched_numbers is None:
        return counts, counts
    return counts, (hit & ((found & 0xFF) != sketched_numbers)).sum(axis=1)


_COLUMNS = np.arange(256)


def _shingle_arrays(fingerprint: Fingerprint, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Jaccard, containment and shorter text's shingles of a new text against sketch ``rows``."""
    sizes, ks = rows["size"].astype(np.int64), rows["k"].astype(np.int64)
    mine = len(fingerprint.shingles)
    found = np.zeros(len(rows), dtype=np.int64)
    if mine:
        found, _ = _found(fingerprint.shingles, None, rows["fps"], rows["tau"], rows["k"])
    shorter = np.minimum(sizes, mine)
    # nothing is found in an empty sketch, so where a divisor is 0 the dividend is 0 too and 1 stands in
    overlap = np.minimum(found * sizes / np.maximum(ks, 1), shorter)
    union = (mine + sizes) - overlap  # at least the larger size: 0 or >= 1
    return overlap / np.maximum(union, 1), overlap / np.maximum(shorter, 1), shorter


def _fact_arrays(fingerprint: Fingerprint, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Shared facts and the share of them that conflict, of a new text against sketch ``rows``."""
    shared = conflicts = np.zeros(len(rows), dtype=np.int64)
    if len(fingerprint.fact_keys) and rows["fact_k"].any():
        shared, conflicts = _found(fingerprint.fact_keys, fingerprint.fact_values, rows["fact_fps"],
                                   rows["fact_tau"], rows["fact_k"], rows["value_fps"])
    return shared, conflicts / np.maximum(shared, 1)  # conflicts are shared facts: 0 where none are


def compare_many(fingerprint: Fingerprint, sketches: Sequence[bytes], config: DedupeConfig) -> list[Comparison]:
    """Compare a new text (full fingerprint) with kept ones (their sketches), all at once."""
    if not sketches:
        return []
    rows = np.frombuffer(b"".join(sketches), dtype=sketch_dtype(config))
    columns = (a.tolist() for a in (*_shingle_arrays(fingerprint, rows), *_fact_arrays(fingerprint, rows)))
    return [Comparison(*fields) for fields in zip(*columns, strict=True)]


def _near_similarities(fingerprint: Fingerprint, rows: np.ndarray, config: DedupeConfig) -> np.ndarray:
    """:func:`near_similarity` of a new text to each kept one (sketch ``rows``, :func:`sketch_dtype`), -1 where
    it is no near duplicate (facts are compared only where the shingles make one)."""
    jaccard, containment, shorter = _shingle_arrays(fingerprint, rows)
    similarity = np.where(jaccard >= config.threshold, jaccard,
                          np.where((containment >= config.containment) & (shorter >= config.min_shingles),
                                   containment, -1.0))
    near = (similarity >= 0).nonzero()[0]
    if len(near):
        shared, conflict_share = _fact_arrays(fingerprint, rows[near])
        similarity[near[(shared >= config.min_shared_facts) & (conflict_share > config.fact_conflicts)]] = -1.0
    return similarity


def compare(fingerprint: Fingerprint, sketch: bytes, config: DedupeConfig) -> Comparison:
    """Compare a new text (full fingerprint) with a kept one (its sketch)."""
    return compare_many(fingerprint, [sketch], config)[0]


def near_similarity(comparison: Comparison, config: DedupeConfig) -> float | None:
    """The similarity that makes a near duplicate (Jaccard, else containment), or None when it is none."""
    if comparison.shared_facts >= config.min_shared_facts and comparison.fact_conflicts > config.fact_conflicts:
        return None
    if comparison.jaccard >= config.threshold:
        return comparison.jaccard
    if comparison.containment >= config.containment and comparison.shorter >= config.min_shingles:
        return comparison.containment
    return None


# ---------------------------------------------------------------------------------------------------------
# The index


def _url_hash(url: str) -> int:
    digest = hashlib.blake2b(url_key(url).encode("utf-8"), digest_size=8, person=b"congdoan-url-v1")
    return to_signed64(int.from_bytes(digest.digest(), "big"))


_PENDING_ORDER = 1 << 62  # orders of pending records sort after every committed one


class DedupeIndex:
    """Kept records by URL, content and near-duplicate sketch; adds are pending until :meth:`commit`.

    Per page: skip it when :meth:`url_seen` (kept or logged before); else :meth:`find`; a copy is logged
    in ``_duplicates/`` and noted with :meth:`note_copy`, anything else is kept with :meth:`add`; after
    each data file, :meth:`commit` it. One thread at a time.
    """

    def __init__(self, store: StateStore, config: DedupeConfig | None = None) -> None:
        self.config = config or DedupeConfig()
        self._store = store
        wanted = self.config.state_meta()
        found = store.read_meta()
        if not found:
            store.write_meta(wanted)
        elif found != wanted:
            differ = ", ".join(f"{k}={found.get(k)} (now {v})" for k, v in wanted.items() if found.get(k) != v)
            store.close()
            raise StateMismatchError(f"dedupe state was built with other settings: {differ}; use another --state "
                                     "directory or the settings it was built with")
        self._pending: list[StoredDoc] = []
        self._pending_urls: dict[int, str] = {}
        self._pending_contents: dict[int, str] = {}
        self._pending_bands: dict[int, int | list[int]] = {}  # band -> pending index (or indexes)
        self._pending_copies: dict[int, str] = {}  # URL key of a dropped copy -> id kept
        self._memo: tuple[str, Fingerprint] | None = None
        self._sketch_dtype = sketch_dtype(self.config)
        self._no_rows = np.zeros(0, dtype=self._sketch_dtype)
        self._url_memo: tuple[str, int] = ("", 0)
        self._absent_url: int | None = None  # URL key that find() just looked up in vain (nothing changed since)
        #: Counters: lookups, candidates (sketches compared), and verdicts by reason.
        self.stats: Counter[str] = Counter()

    @classmethod
    def open(cls, state_dir: str | Path, config: DedupeConfig | None = None) -> DedupeIndex:
        """The index persisted in ``<state_dir>/state.sqlite`` (created when missing)."""
        return cls(SQLiteStateStore.in_dir(state_dir), config)

    @classmethod
    def in_memory(cls, config: DedupeConfig | None = None) -> DedupeIndex:
        """An index that lives and dies with the process (re-checks, evaluation)."""
        return cls(MemoryStateStore(), config)

    @property
    def store(self) -> StateStore:
        """The storage behind the index (incremental crawls keep their page states there too)."""
        return self._store

    def __enter__(self) -> DedupeIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return self._store.count() + len(self._pending)

    def fingerprint(self, text: str) -> Fingerprint:
        """Fingerprint of ``text`` (the last one is remembered: find() then add() compute it once)."""
        memo = self._memo
        if memo is not None and (memo[0] is text or memo[0] == text):
            return memo[1]
        fingerprint = _fingerprint(text, self.config)
        self._memo = (text, fingerprint)
        return fingerprint

    def stored_id(self, url: str) -> str | None:
        """Id of the kept record whose URL has the same :func:`pipelines.urls.url_key` as ``url``."""
        key = self._url_hash(url)
        kept = self._pending_urls.get(key) or self._store.id_for_url(key)
        self._absent_url = key if kept is None else None
        return kept

    def _url_hash(self, url: str) -> int:
        if self._url_memo[0] != url:
            self._url_memo = (url, _url_hash(url))
        return self._url_memo[1]

    def url_seen(self, url: str) -> bool:
        """Whether ``url`` is a kept record's or a dropped copy's noted with :meth:`note_copy` (committed or
        pending): a page a later crawl can pass over silently, adding rows to neither table."""
        key = self._url_hash(url)
        return (self.stored_id(url) is not None or key in self._pending_copies
                or self._store.copy_of(key) is not None)

    def note_copy(self, *, url: str, duplicate_of: str) -> None:
        """Remember a dropped copy (the row written to ``_duplicates/``), durable with the next commit()."""
        self._pending_copies.setdefault(self._url_hash(url), duplicate_of)

    def url_stored(self, url: str) -> bool:
        """Whether a kept record (committed, or pending this run) has this URL (up to http/https, ``www.``,
        ``m.`` and NFC; see :func:`pipelines.urls.url_key`)."""
        return self.stored_id(url) is not None

    def find(self, *, url: str, text: str) -> Duplicate | None:
        """The kept record that ``text`` at ``url`` duplicates, or None; changes nothing."""
        self.stats["lookups"] += 1
        verdict = self._find(url, text)
        if verdict is not None:
            self.stats[verdict.reason] += 1
        return verdict

    def _find(self, url: str, text: str) -> Duplicate | None:
        kept = self.stored_id(url)
        if kept is not None:
            return Duplicate(kept, 1.0, "url")
        fingerprint = self.fingerprint(text)
        kept = self._pending_contents.get(fingerprint.content_key) or self._store.id_for_content(
            fingerprint.content_key)
        if kept is not None:
            return Duplicate(kept, 1.0, "exact")
        orders, rows, id_at = self._candidate_rows(fingerprint.bands)
        self.stats["candidates"] += len(orders)
        if not len(orders):
            return None
        similarity = _near_similarities(fingerprint, rows, self.config)
        top = similarity.max()
        if top < 0:
            return None
        order = int(orders[similarity == top].min())
        return Duplicate(id_at(order), round(min(float(top), 1.0), 4), "near")

    def _candidate_rows(self, bands: Sequence[int]) -> tuple[np.ndarray, np.ndarray, Callable[[int], str]]:
        """Orders, sketch rows and order -> id of the kept records that share a band with ``bands``: from the
        store's fast form when it has one (:meth:`SQLiteStateStore.candidate_sketches`), plus pending adds."""
        dtype = self._sketch_dtype
        fast = getattr(self._store, "candidate_sketches", None)
        found = fast(bands) if fast is not None and bands else None
        if found is not None and not len(found[0]) and not self._pending_bands.keys() & bands:
            return found[0], self._no_rows, found[2]  # nothing shares a band: the usual answer
        if found is None or found[1].shape[1] != dtype.itemsize:
            candidates = self._candidates(bands)
            by_order = {c.order: c.id for c in candidates}
            rows = np.frombuffer(b"".join(c.sketch for c in candidates), dtype=dtype)
            return np.array([c.order for c in candidates], dtype=np.int64), rows, by_order.__getitem__
        orders, matrix, store_id = found
        pending = self._pending_indexes(bands)
        if pending:
            sketches = np.frombuffer(b"".join(self._pending[i].sketch for i in pending), dtype=np.uint8)
            matrix = np.concatenate((matrix, sketches.reshape(len(pending), -1)))
            orders = np.concatenate((orders, np.array(pending, dtype=np.int64) + _PENDING_ORDER))

        def id_at(order: int) -> str:
            return self._pending[order - _PENDING_ORDER].id if order >= _PENDING_ORDER else store_id(order)

        return orders, matrix.view(dtype).reshape(-1), id_at

    def add(self, *, id: str, url: str, site: str, text: str) -> None:
        """Keep a record: visible to url_stored() and find() at once, durable after commit()."""
        key = self._url_hash(url)
        if key != self._absent_url:
            kept = self._pending_urls.get(key) or self._store.id_for_url(key)
            if kept is not None:
                raise ValueError(f"{url} is already kept as {kept}")
        self._absent_url = None
        fingerprint = self.fingerprint(text)
        doc = StoredDoc(id=id, site=site, url_key=key, content_key=fingerprint.content_key,
                        bands=fingerprint.bands, sketch=fingerprint.sketch(self.config))
        index = len(self._pending)
        self._pending.append(doc)
        self._pending_urls[key] = id
        self._pending_contents.setdefault(fingerprint.content_key, id)
        pending = self._pending_bands
        shared = pending.keys() & fingerprint.bands
        before = {band: pending[band] for band in shared}
        pending.update(dict.fromkeys(fingerprint.bands, index))
        for band, earlier in before.items():
            pending[band] = [*earlier, index] if isinstance(earlier, list) else [earlier, index]

    def commit(self, data_files: Iterable[str] = ()) -> None:
        """Make pending adds and copies and the names of the data files that hold them durable, in one
        transaction."""
        self._store.commit(self._pending, data_files, list(self._pending_copies.items()))
        self._clear_pending()

    def committed_files(self) -> set[str]:
        """Data files (relative to the output directory) committed with the state."""
        return self._store.committed_files()

    def rollback(self) -> None:
        """Forget pending adds and copies."""
        self._clear_pending()

    def close(self) -> None:
        """Roll back anything uncommitted and release the state."""
        self.rollback()
        self._store.close()

    def _clear_pending(self) -> None:
        self._absent_url = None
        self._pending_copies.clear()
        self._pending = []
        self._pending_urls.clear()
        self._pending_contents.clear()
        self._pending_bands.clear()

    def _candidates(self, bands: Sequence[int]) -> list[Candidate]:
        if not bands:
            return []
        found = self._store.candidates(bands)
        found.extend(Candidate(self._pending[i].id, _PENDING_ORDER + i, self._pending[i].sketch)
                     for i in self._pending_indexes(bands))
        return found

    def _pending_indexes(self, bands: Sequence[int]) -> list[int]:
        """Indexes (ascending) of the pending adds that share a band with ``bands``."""
        if not self._pending_bands:
            return []
        indexes: set[int] = set()
        for band in self._pending_bands.keys() & bands:
            entry = self._pending_bands[band]
            if isinstance(entry, list):
                indexes.update(entry)
            else:
                indexes.add(entry)
        return sorted(indexes)


# ---------------------------------------------------------------------------------------------------------
# Re-checking a corpus and evaluating on labelled pairs

_RECHECK_COLUMNS = ["id", "url", "site", "text", "fetched_at"]


def recheck_corpus(out: Path, config: DedupeConfig | None = None, *, stream: TextIO | None = sys.stdout,
                   ) -> list[list[dict]]:
    """Find exact and near-duplicate clusters in the Parquet corpus at ``out`` (across sites and runs, e.g.
    after merging machines' outputs or changing the threshold), print them and return them. Records are taken
    oldest first (``fetched_at``, then id); each cluster is ``[kept, *copies]`` as dicts of id, url, site and
    similarity (1.0 for the kept record)."""
    from pipelines.parquet import read_corpus

    config = config or DedupeConfig()
    table = read_corpus(Path(out), columns=_RECHECK_COLUMNS)
    if table.num_rows:
        table = table.sort_by([("fetched_at", "ascending"), ("id", "ascending")])
    index = DedupeIndex.in_memory(config)
    clusters: dict[str, list[dict]] = {}
    for batch in table.to_batches(max_chunksize=2048):
        for row in batch.to_pylist():
            site = str(row["site"])
            verdict = index.find(url=row["url"], text=row["text"] or "")
            if verdict is None:
                index.add(id=row["id"], url=row["url"], site=site, text=row["text"] or "")
                clusters[row["id"]] = [{"id": row["id"], "url": row["url"], "site": site, "similarity": 1.0}]
                continue
            copy = {"id": row["id"], "url": row["url"], "site": site, "similarity": verdict.similarity,
                    "reason": verdict.reason}
            clusters[verdict.duplicate_of].append(copy)
    found = [members for members in clusters.values() if len(members) > 1]
    if stream is not None:
        copies = sum(len(c) - 1 for c in found)
        print(f"{table.num_rows} records, {len(found)} duplicate clusters, {copies} copies "
              f"(threshold {config.threshold}, containment {config.containment})", file=stream)
        for number, members in enumerate(found, 1):
            kept = members[0]
            print(f"\ncluster {number}: keep {kept['id']} [{kept['site']}] {kept['url']}", file=stream)
            for copy in members[1:]:
                print(f"  {copy['reason']:5} {copy['similarity']:.3f} {copy['id']} [{copy['site']}] {copy['url']}",
                      file=stream)
    return found


#: Where ``tests/dedupe_pairs/generate.py`` writes the labelled pairs (in a source checkout).
PAIRS_ROOT = Path(__file__).resolve().parents[1] / "tests" / "dedupe_pairs"


def evaluate_dedupe(pairs_root: Path | None = None, config: DedupeConfig | None = None, *,
                    stream: TextIO | None = sys.stdout) -> dict:
    """Precision and recall of near/exact detection over the labelled pairs (``pairs.jsonl``): each pair's
    first text is kept in a fresh index, the second is looked up."""
    config = config or DedupeConfig()
    path = Path(pairs_root or PAIRS_ROOT) / "pairs.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no labelled pairs (run tests/dedupe_pairs/generate.py)")
    tp = fp = fn = tn = 0
    by_kind: dict[str, list[int]] = {}
    errors: list[dict] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        pair = json.loads(line)
        index = DedupeIndex.in_memory(config)
        index.add(id="0" * 16, url=f"http://a.invalid/{pair['id']}", site="a", text=pair["a"])
        verdict = index.find(url=f"http://b.invalid/{pair['id']}", text=pair["b"])
        said, truth = verdict is not None, bool(pair["duplicate"])
        tp += said and truth
        fp += said and not truth
        fn += truth and not said
        tn += not said and not truth
        counts = by_kind.setdefault(pair["kind"], [0, 0])
        counts[0] += said == truth
        counts[1] += 1
        if said != truth:
            errors.append({"id": pair["id"], "kind": pair["kind"], "duplicate": truth,
                           "found": None if verdict is None else verdict.reason,
                           "similarity": None if verdict is None else verdict.similarity})
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    result = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "pairs": tp + fp
              + fn + tn, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
              "by_kind": {kind: {"correct": c, "pairs": n} for kind, (c, n) in sorted(by_kind.items())},
              "errors": errors}
    if stream is not None:
        print(f"dedupe on {result['pairs']} labelled pairs ({tp + fn} duplicates): precision {precision:.4f}, "
              f"recall {recall:.4f}, F1 {f1:.4f}", file=stream)
        for kind, counts in result["by_kind"].items():
            print(f"  {kind:20} {counts['correct']:3}/{counts['pairs']}", file=stream)
        for error in errors:
            print(f"  wrong: {error}", file=stream)
    return result
