"""Exact and near-duplicate detection over article text, with state that lasts across runs.

Text: NFC, case-folded, punctuation and symbols as spaces, split into syllables; :func:`content_hash` hashes
exactly that (an *exact* duplicate has the same syllables). For near duplicates the old and new places of the
tone mark (``hoà``/``hòa``) and the union's abbreviations (:data:`ABBREVIATIONS`, spelled out) are folded too.

Features: *shingles*, each ``shingle_size``-syllable window hashed to 64 bits (numbers and names stay in
them); *facts*, each number keyed by its context (the syllables around its run of numbers and its place in
the run: "ngày _ _ _ lđlđ" -> 15, 4, 2021 for "Ngày 15/4/2021, LĐLĐ"). A copy states the same numbers where it
keeps the context; a same-template report states others.

Near duplicates: candidates by LSH (a rensa MinHash of the shingles, ``num_perm`` values in ``bands`` bands;
32 bands of 4 rows find a pair of Jaccard 0.5 with probability 0.87, 0.6 -> 0.99, 0.8 -> 1.0), confirmed on
the new text's shingles against a bottom-k sketch of the kept one (``sketch_size`` smallest shingle hashes,
16 bits each), which estimates the Jaccard index and the containment of the shorter text in the longer
(standard error about 0.027 at 0.9). Near: Jaccard >= ``threshold`` or containment >= ``containment`` (the
shorter text at least ``min_shingles``), unless of the kept text's sketched facts whose context the new text
has too, more than ``fact_conflicts`` carry another number. A record's state is one SQLite row of about 620
bytes: keys, 32 band keys and a 368-byte sketch (:func:`_features`); the settings that shape them are
recorded, and an index refuses a state built with others.

Speed: each distinct syllable is hashed once per process (:class:`_Vocabulary`); the per-character and
per-syllable work runs in numba kernels (compiled once, cached beside this module: :func:`compile_kernels`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import rensa

from congdoan_data import DATA_ROOT
from pipelines.state import SQLiteStateStore, StoredDoc, _kernel, to_signed64
from pipelines.textkey import PUNCTUATION, content_hash, normalize_for_hash  # noqa: F401 - re-exported
from pipelines.urls import url_key

#: Version of the text folding and feature hashing below; stored in the state, bump it when they change.
FEATURE_VERSION = "1"
#: Seed of the MinHash permutations (fixed: band keys must match across runs).
MINHASH_SEED = 20250101


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

#: Syllable endings with the tone on the first vowel of oa/oe/uy -> tone on the second (``òa`` -> ``oà``);
#: tones: grave, acute, hook above, tilde, dot below.
_TONE_MOVE = {unicodedata.normalize("NFC", a + tone + b): unicodedata.normalize("NFC", a + b + tone)
              for a, b in (("o", "a"), ("o", "e"), ("u", "y")) for tone in "\u0300\u0301\u0309\u0303\u0323"}


def _one_tone_place(word: str) -> str:
    """``word`` with its tone mark where the newer spelling puts it (``hòa`` -> ``hoà``, ``thủy`` -> ``thuỷ``)."""
    for old, new in _TONE_MOVE.items():
        if word.endswith(old):
            return word[: -len(old)] + new
    return word


def _splitmix(i: int) -> int:
    z = (i * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) % (1 << 64)
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % (1 << 64)
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % (1 << 64)
    return z ^ (z >> 31)


# Constants of the features; numba compiles module-level numpy values in as constants.
_U = np.uint64
_POSITION = np.array([_splitmix(i) | 1 for i in range(64)], dtype=np.uint64)  # of each place in a shingle
_FACT_PREV, _FACT_NEXT, _FACT_PLACE = (_U(_splitmix(100 + i) | 1) for i in range(3))
_EDGE = _U(_splitmix(104))
_BAND_ROW = np.array([_splitmix(200 + i) | 1 for i in range(64)], dtype=np.uint64)
_BAND_NO = _U(_splitmix(300) | 1)
_M1, _M2, _FNV_BASIS, _FNV_PRIME = _U(0xBF58476D1CE4E5B9), _U(0x94D049BB133111EB), _U(0xCBF29CE484222325), _U(
    0x100000001B3)
_0, _1, _2, _27, _30, _31, _32, _255, _LOW16 = (_U(v) for v in (0, 1, 2, 27, 30, 31, 32, 255, 0xFFFF))


@_kernel
def _mix(z: np.uint64) -> np.uint64:
    """splitmix64 finaliser."""
    z = (z ^ (z >> _30)) * _M1
    z = (z ^ (z >> _27)) * _M2
    return z ^ (z >> _31)


_DIGIT = 1  # bit 0 of a syllable hash: the syllable has a digit
_SYLLABLE_PERSON = b"congdoan-syl-v" + FEATURE_VERSION.encode()


def _syllable_hash(word: str) -> int:
    """64-bit hash of a syllable in its one tone spelling; bit 0 says "has a digit", bit 1 is clear."""
    word = _one_tone_place(word)
    digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8, person=_SYLLABLE_PERSON).digest()
    return int.from_bytes(digest, "little") & ~3 | (_DIGIT if any(c.isdigit() for c in word) else 0)


_ABBREVIATION = {short.encode(): 2 | i << 2 for i, short in enumerate(ABBREVIATIONS)}
_SPELLED = np.array([_syllable_hash(w) for s in ABBREVIATIONS.values() for w in s.split()], dtype=np.uint64)
_SPELLED_AT = np.cumsum([0] + [len(s.split()) for s in ABBREVIATIONS.values()])
_LONGEST = max(np.diff(_SPELLED_AT))  # syllables of the longest spelled-out abbreviation


@_kernel
def _slot(table: np.ndarray, key: np.uint64) -> int:
    """Where ``key`` is, or would go, in an open-addressing ``table`` of (key, value) rows (key 0: free); keys
    are hashes, so their low bits are the start."""
    mask = len(table) - 1
    at = np.int64(key) & mask
    while table[at, 0] != key and table[at, 0] != 0:
        at = (at + 1) & mask
    return at


@_kernel
def _insert(table: np.ndarray, keys: np.ndarray, values: np.ndarray) -> None:
    for i in range(len(keys)):
        if keys[i] == 0:
            continue  # a free row of the table being copied
        at = _slot(table, keys[i])
        table[at, 0], table[at, 1] = keys[i], values[i]


def _fold_class(code: int) -> int:
    """What the syllable scan makes of a BMP character: str.casefold's one character, -1 where that is several
    characters (ß -> ss), -2 where it separates syllables: ASCII other than letters and digits,
    :data:`pipelines.textkey.PUNCTUATION`."""
    folded = chr(code).casefold()
    if len(folded) > 1:
        return -1
    separates = folded.isascii() and not folded.isalnum() or any(lo <= ord(folded) <= hi for lo, hi in PUNCTUATION)
    return -2 if separates else ord(folded)


_FOLD = np.array([_fold_class(code) for code in range(0x10000)], dtype=np.int32)
_ASTRAL_PUNCTUATION = np.array([bound for lo, hi in PUNCTUATION if lo > 0xFFFF for bound in (lo, hi)])


@_kernel
def _scan(data: np.ndarray, table: np.ndarray, fold: bool) -> tuple:
    """Syllables of ``data`` (NFC UTF-8; case-folded here when ``fold``, as str.casefold does, else already):
    whether it could be folded (False: a character that folds to several, or one beyond the BMP), the
    normalised text (:func:`normalize_for_hash`), each syllable's start in it, its key (a hash of its
    characters) and its value in ``table``, and the indices of the syllables not in the table (value 0)."""
    normalized = np.empty(len(data) * 3 // 2 + 4, np.uint8)  # a folded character may take 3 bytes, not 2
    starts = np.empty(len(data) // 2 + 1, np.int64)
    keys, values = np.empty(len(starts), np.uint64), np.empty(len(starts), np.uint64)
    missing = np.empty(len(starts), np.int64)
    count = length = misses = i = 0
    key, word = _FNV_BASIS, False
    while i <= len(data):
        size, code = 1, 32 if i == len(data) else data[i]  # a space after the end closes the last syllable
        if code >= 0x80:  # decode UTF-8
            size = 2 if code < 0xE0 else 3 if code < 0xF0 else 4
            code &= 0x7F >> size
            for j in range(i + 1, i + size):
                code = code << 6 | data[j] & 0x3F
        i += size
        if code < 0x10000:
            code = _FOLD[code]  # on folded text (not ``fold``) it is the character or -2
        else:  # beyond the BMP: str.casefold folds it, if it is not punctuation
            separates = False
            for j in range(0, len(_ASTRAL_PUNCTUATION), 2):
                separates |= _ASTRAL_PUNCTUATION[j] <= code <= _ASTRAL_PUNCTUATION[j + 1]
            code = -2 if separates else -1 if fold else code
        if code == -1:
            return False, normalized[:0], starts[:0], keys[:0], values[:0], missing[:0]
        if code != -2:
            if not word:
                if length:
                    normalized[length] = 32
                    length += 1
                starts[count], key, word = length, _FNV_BASIS, True
            key = (key ^ _U(code)) * _FNV_PRIME
            if code < 0x80:
                normalized[length], length = code, length + 1
            else:  # encode UTF-8
                size = 2 if code < 0x800 else 3 if code < 0x10000 else 4
                normalized[length] = (0xF00 >> size) & 0xFF | code >> (6 * (size - 1))
                for j in range(1, size):
                    normalized[length + j] = 0x80 | (code >> (6 * (size - 1 - j))) & 0x3F
                length += size
        elif word:
            key, word = _mix(key) | _1, False
            keys[count], at = key, _slot(table, key)
            values[count] = table[at, 1]
            if table[at, 0] == 0:
                missing[misses] = count
                misses += 1
            count += 1
    return True, normalized[:length], starts[:count], keys[:count], values[:count], missing[:misses]


@_kernel
def _put(out: np.ndarray, at: int, value: np.uint64, size: int) -> None:
    for i in range(size):
        out[at + i] = np.uint8((value >> _U(8 * i)) & _255)


@_kernel
def _features(values: np.ndarray, size: int, k: int, fact_k: int) -> tuple:
    """From the syllables' table values: their hashes (abbreviations spelled out), the sorted unique shingles
    (each window's hashes times the multipliers of their places, summed, mixed), the sorted fact keys (the
    syllables around a run of numbers, and the place in the run, mixed) with the number each stands for (its
    first occurrence), and the record's sketch: shingle count (u32), thresholds (u32: top 32 bits of the k-th
    smallest shingle, fact), fact count (u16), entries used (u8, u8), then 16-bit fingerprints of the ``k``
    smallest shingles and of the ``fact_k`` smallest facts, and the 8-bit fingerprint of each of those facts'
    number; little-endian, 16 + 2k + 3k' bytes (368 by default)."""
    hashes, n = np.empty(len(values) * _LONGEST, np.uint64), 0
    for value in values:
        if value & _2:
            for j in range(_SPELLED_AT[int(value >> _2)], _SPELLED_AT[int(value >> _2) + 1]):
                hashes[n], n = _SPELLED[j], n + 1
        else:
            hashes[n], n = value, n + 1
    hashes = hashes[:n]
    width = min(size, n)
    shingles = np.empty(n - width + 1 if width else 0, np.uint64)
    for i in range(len(shingles)):
        total = _0
        for j in range(width):
            total += hashes[i + j] * _POSITION[j]
        shingles[i] = _mix(total)
    shingles.sort()
    shingles = shingles[: _unique(shingles)]
    contexts, places, i = np.empty(n, np.uint64), np.empty(n, np.int64), 0
    facts = 0
    while i < n:
        if not hashes[i] & _1:
            i += 1
            continue
        first = i
        while i < n and hashes[i] & _1:
            i += 1
        base = (hashes[first - 1] if first else _EDGE) * _FACT_PREV + (hashes[i] if i < n else _EDGE) * _FACT_NEXT
        for j in range(first, i):
            contexts[facts], places[facts] = _mix(base + _U(j - first) * _FACT_PLACE), j
            facts += 1
    fact_keys = np.sort(contexts[:facts])
    fact_keys = fact_keys[: _unique(fact_keys)]
    fact_values = np.zeros(len(fact_keys), np.uint64)  # a number's hash is odd, never 0
    for j in range(facts):  # in text order: a context's first number stays
        at = np.searchsorted(fact_keys, contexts[j])
        if fact_values[at] == 0:
            fact_values[at] = hashes[places[j]]
    sketch = np.zeros(16 + 2 * k + 3 * fact_k, np.uint8)
    _put(sketch, 0, _U(len(shingles)), 4)
    _put(sketch, 12, _U(min(len(fact_keys), 0xFFFF)), 2)
    for kept, at, room, head in ((shingles, 16, k, 4), (fact_keys, 16 + 2 * k, fact_k, 8)):  # bottom k
        used = min(len(kept), room)
        _put(sketch, head, kept[room - 1] >> _32 if len(kept) > room else _U(0xFFFFFFFF), 4)
        _put(sketch, head // 4 + 13, _U(used), 1)
        for j in range(used):
            _put(sketch, at + 2 * j, kept[j], 2)
    for j in range(min(len(fact_keys), fact_k)):
        _put(sketch, 16 + 2 * k + 2 * fact_k + j, fact_values[j], 1)
    return hashes, shingles, fact_keys, fact_values, sketch


@_kernel
def _unique(values: np.ndarray) -> int:
    """Moves the distinct values of sorted ``values`` to its start; returns how many there are."""
    n = 0
    for i in range(len(values)):
        if n == 0 or values[i] != values[n - 1]:
            values[n] = values[i]
            n += 1
    return n


@_kernel
def _band_keys(signature: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """LSH band keys (signed 32-bit) of a MinHash signature: each band's values times the row multipliers,
    plus the band's number times another, mixed, top 32 bits."""
    keys = np.empty(bands, np.int64)
    for band in range(bands):
        total = _U(band) * _BAND_NO
        for row in range(rows):
            total += _U(signature[band * rows + row]) * _BAND_ROW[row]
        key = np.int64(_mix(total) >> _32)
        keys[band] = key - (1 << 32) if key >= 1 << 31 else key
    return keys


class _Vocabulary:
    """Syllable key -> its syllable hash, or for an abbreviation ``2 | i << 2`` (bit 1: spell it out), in an
    open-addressing table that a numba kernel reads; filled on first sight, and started afresh when it holds
    ``LIMIT`` syllables (the long tail by then is mostly numbers)."""

    LIMIT = 1 << 18

    def __init__(self) -> None:
        self.table, self.count = np.zeros((1 << 12, 2), np.uint64), 0

    def learn(self, normalized: np.ndarray, starts: np.ndarray, keys: np.ndarray, values: np.ndarray,
              missing: np.ndarray) -> None:
        """Hash the syllables at ``missing``, set their ``values`` and add them to the table."""
        text, ends = normalized.tobytes(), [*(starts[1:] - 1).tolist(), len(normalized)]
        for i in missing.tolist():
            word = text[starts[i] : ends[i]]
            values[i] = _ABBREVIATION.get(word) or _syllable_hash(word.decode("utf-8"))
        keys, new = np.unique(keys[missing], return_index=True)
        if self.count + len(keys) > self.LIMIT:
            self.table, self.count = np.zeros((1 << 12, 2), np.uint64), 0
        self.count += len(keys)
        if 2 * self.count > len(self.table):  # at most half full
            used, self.table = self.table, np.zeros((1 << (2 * self.count).bit_length(), 2), np.uint64)
            _insert(self.table, used[:, 0], used[:, 1])
        _insert(self.table, keys, values[missing[new]])


_VOCABULARY = _Vocabulary()


def _features_of(text: str, config: DedupeConfig) -> tuple:
    """The normalised text (:func:`normalize_for_hash`, UTF-8), then what :func:`_features` returns."""
    text = unicodedata.normalize("NFC", text or "")
    folded, *scan = _scan(np.frombuffer(text.encode("utf-8"), np.uint8), _VOCABULARY.table, True)
    if not folded:
        scan = _scan(np.frombuffer(text.casefold().encode("utf-8"), np.uint8), _VOCABULARY.table, False)[1:]
    if len(scan[-1]):
        _VOCABULARY.learn(*scan)
    return (scan[0], *_features(scan[3], config.shingle_size, config.sketch_size, config.fact_sketch_size))


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
        checks = {"shingle_size": 1 <= self.shingle_size <= 64, "num_perm": 1 <= self.num_perm <= 1024,
                  "bands": 1 <= self.bands <= self.num_perm and self.num_perm // self.bands <= 64,
                  "threshold": 0 < self.threshold <= 1, "containment": 0 < self.containment <= 1,
                  "fact_conflicts": 0 <= self.fact_conflicts <= 1, "min_shingles": self.min_shingles >= 1,
                  "min_shared_facts": self.min_shared_facts >= 1, "sketch_size": 1 <= self.sketch_size <= 255,
                  "fact_sketch_size": 1 <= self.fact_sketch_size <= 255}
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
        kinds = {"shingle_size": int, "num_perm": int, "threshold": float, "containment": float, "bands": int}
        return cls(**{name: _setting(getter, f"DEDUPE_{name.upper()}", getattr(cls, name), kind)
                      for name, kind in kinds.items()})

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


@dataclass(eq=False)
class Fingerprint:
    """Everything dedupe derives from one text."""

    content_key: int  # signed 64-bit prefix of content_hash
    shingles: np.ndarray  # sorted unique uint64
    fact_keys: np.ndarray  # sorted uint64: context of each number
    fact_values: np.ndarray  # uint64: the number, aligned with fact_keys
    bands: np.ndarray  # LSH band keys, signed 32-bit (as int64)
    sketch: bytes  # the compact form kept in the state (:func:`_features`)


def _fingerprint(text: str, config: DedupeConfig) -> Fingerprint:
    normalized, _, shingles, fact_keys, fact_values, sketch = _features_of(text, config)
    bands = np.empty(0, dtype=np.int64)
    if len(shingles):
        matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(
            shingles, np.array([0, len(shingles)], dtype=np.uint64), config.num_perm, MINHASH_SEED)
        bands = _band_keys(np.fromiter(matrix.to_rows()[0], np.uint64, config.num_perm), config.bands, config.rows)
    exact = int.from_bytes(hashlib.sha256(normalized).digest()[:8], "big")
    return Fingerprint(to_signed64(exact), shingles, fact_keys, fact_values, bands, sketch.tobytes())


@_kernel
def _get(row: np.ndarray, at: int, size: int) -> int:
    value = 0
    for i in range(size):
        value |= int(row[at + i]) << (8 * i)
    return value


@_kernel
def _firsts(values: np.ndarray, first: np.ndarray, mark: bool) -> None:
    """Set ``first[low 16 bits]`` to the index of the first of sorted ``values`` with them (or back to -1)."""
    for i in range(len(values) - 1, -1, -1):
        first[int(values[i] & _LOW16)] = i if mark else -1


@_kernel
def _found(values: np.ndarray, numbers: np.ndarray, row: np.ndarray, at: int, used: int, tau: int,
           first: np.ndarray, numbers_at: int) -> tuple:
    """How many of the ``used`` 16-bit fingerprints at byte ``at`` of a sketch ``row`` are the low 16 bits of
    one of ``values`` at most ``tau`` (top 32 bits), and (``numbers_at``: their numbers' 8-bit fingerprints)
    how many of those carry another number."""
    below = len(values) if tau == 0xFFFFFFFF else np.searchsorted(values, _U(tau + 1) << _32)
    found = conflicts = 0
    for j in range(used):
        i = first[_get(row, at + 2 * j, 2)]
        if 0 <= i < below:
            found += 1
            conflicts += numbers_at and (numbers[i] & _255) != row[numbers_at + j]
    return found, conflicts


@_kernel
def _similarities(shingles: np.ndarray, fact_keys: np.ndarray, fact_values: np.ndarray, rows: np.ndarray,
                  k: int, fact_k: int, threshold: float, containment: float, min_shingles: int,
                  min_shared_facts: int, fact_conflicts: float, first: np.ndarray) -> np.ndarray:
    """Similarity of a new text to each kept one (sketch ``rows``): Jaccard, else the containment of the
    shorter text, -1 where it is no near duplicate (facts compared only where the shingles make one);
    ``first`` is 65,536 entries of -1 (left so)."""
    similarity = np.empty(len(rows))
    _firsts(shingles, first, True)
    for r in range(len(rows)):
        similarity[r] = -1.0
        size, used = _get(rows[r], 0, 4), max(int(rows[r, 14]), 1)  # nothing is found in an empty sketch
        found = _found(shingles, shingles, rows[r], 16, rows[r, 14], _get(rows[r], 4, 4), first, 0)[0]
        shorter = min(size, len(shingles))
        overlap = min(found * size / used, shorter)
        jaccard, contained = overlap / max(len(shingles) + size - overlap, 1), overlap / max(shorter, 1)
        if jaccard >= threshold:
            similarity[r] = jaccard
        elif contained >= containment and shorter >= min_shingles:
            similarity[r] = contained
    _firsts(shingles, first, False)
    _firsts(fact_keys, first, True)
    for r in range(len(rows)):
        if similarity[r] >= 0:
            shared, conflicts = _found(fact_keys, fact_values, rows[r], 16 + 2 * k, rows[r, 15],
                                       _get(rows[r], 8, 4), first, 16 + 2 * k + 2 * fact_k)
            if shared >= min_shared_facts and conflicts / max(shared, 1) > fact_conflicts:
                similarity[r] = -1.0
    _firsts(fact_keys, first, False)
    return similarity


@functools.lru_cache(maxsize=64)  # a page's URL is hashed by url_seen(), find() and add() in turn
def _url_hash(url: str) -> int:
    digest = hashlib.blake2b(url_key(url).encode("utf-8"), digest_size=8, person=b"congdoan-url-v1")
    return to_signed64(int.from_bytes(digest.digest(), "big"))


class DedupeIndex:
    """Kept records by URL, content and near-duplicate sketch, in a :class:`~pipelines.state.SQLiteStateStore`.

    Per page: skip it when :meth:`url_seen` (kept or logged before); else :meth:`find`; a copy is logged
    in ``_duplicates/`` and noted with :meth:`note_copy`, anything else is kept with :meth:`add`; after
    each data file, :meth:`commit` it. Adds and copies are visible at once and durable after the commit;
    closing drops the rest. One thread at a time.
    """

    def __init__(self, store: SQLiteStateStore, config: DedupeConfig | None = None) -> None:
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
        self._memo: tuple[str, Fingerprint] | None = None
        self._first = np.full(1 << 16, -1, dtype=np.int64)  # scratch of _similarities
        #: Counters: lookups, candidates (sketches compared), and verdicts by reason.
        self.stats: Counter[str] = Counter()

    @classmethod
    def open(cls, state_dir: str | Path, config: DedupeConfig | None = None) -> DedupeIndex:
        """The index persisted in ``<state_dir>/state.sqlite`` (created when missing)."""
        return cls(SQLiteStateStore.in_dir(state_dir), config)

    @classmethod
    def in_memory(cls, config: DedupeConfig | None = None) -> DedupeIndex:
        """An index that lives and dies with the process (re-checks, evaluation)."""
        return cls(SQLiteStateStore(":memory:"), config)

    @property
    def store(self) -> SQLiteStateStore:
        """The storage behind the index (incremental crawls keep their page states there too)."""
        return self._store

    def __enter__(self) -> DedupeIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return self._store.count()

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
        return self._store.id_for_url(_url_hash(url))

    def url_seen(self, url: str) -> bool:
        """Whether ``url`` is a kept record's or a dropped copy's noted with :meth:`note_copy`: a page a later
        crawl can pass over silently, adding rows to neither table. In memory."""
        return self._store.known_url(_url_hash(url))

    def note_copy(self, *, url: str, duplicate_of: str) -> None:
        """Remember a dropped copy (the row written to ``_duplicates/``), durable with the next commit()."""
        self._store.note_copy(_url_hash(url), duplicate_of)

    def url_stored(self, url: str) -> bool:
        """Whether a kept record has this URL (:func:`pipelines.urls.url_key`)."""
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
        kept = self._store.id_for_content(fingerprint.content_key)
        if kept is not None:
            return Duplicate(kept, 1.0, "exact")
        seqs, rows = self._store.candidates(fingerprint.bands)
        self.stats["candidates"] += len(seqs)
        if not seqs:
            return None
        cfg = self.config
        similarity = _similarities(fingerprint.shingles, fingerprint.fact_keys, fingerprint.fact_values, rows,
                                   cfg.sketch_size, cfg.fact_sketch_size, cfg.threshold, cfg.containment,
                                   cfg.min_shingles, cfg.min_shared_facts, cfg.fact_conflicts, self._first)
        best = int(similarity.argmax())  # the first, so the oldest, of the most similar
        if similarity[best] < 0:
            return None
        return Duplicate(self._store.id_of(seqs[best]), round(min(float(similarity[best]), 1.0), 4), "near")

    def add(self, *, id: str, url: str, site: str, text: str) -> None:
        """Keep a record: visible to url_stored() and find() at once, durable after commit()."""
        kept = self.stored_id(url)
        if kept is not None:
            raise ValueError(f"{url} is already kept as {kept}")
        fingerprint = self.fingerprint(text)
        self._store.add(StoredDoc(id=id, site=site, url_key=_url_hash(url), content_key=fingerprint.content_key,
                                  bands=fingerprint.bands, sketch=fingerprint.sketch))

    def commit(self, data_files: Iterable[str] = ()) -> None:
        """Make adds and copies and the names of the data files that hold them durable, in one transaction."""
        self._store.commit(data_files)

    def committed_files(self) -> set[str]:
        """Data files (relative to the output directory) committed with the state."""
        return self._store.committed_files()

    def close(self) -> None:
        """Release the state; adds and copies not committed are dropped."""
        self._store.close()


def compile_kernels() -> None:
    """Compile the numba kernels (or load them from their cache) now, not at the first page of a crawl."""
    with DedupeIndex.in_memory() as index:
        text = "Ngày 1/5, LĐLĐ tỉnh thăm hỏi, tặng quà công nhân lao động các khu công nghiệp"
        index.add(id="0" * 16, url="http://a.invalid/1", site="a", text=text)
        index.find(url="http://a.invalid/2", text=text + " trên địa bàn")


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
            member = {"id": row["id"], "url": row["url"], "site": str(row["site"]), "similarity": 1.0}
            verdict = index.find(url=row["url"], text=row["text"] or "")
            if verdict is None:
                index.add(id=row["id"], url=row["url"], site=member["site"], text=row["text"] or "")
                clusters[row["id"]] = [member]
            else:
                clusters[verdict.duplicate_of].append({**member, "similarity": verdict.similarity,
                                                       "reason": verdict.reason})
        index.commit()  # into the in-memory database: adds wait in Python objects until a commit
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


#: Where ``dedupe_pairs/generate.py`` writes the labelled pairs (package data, shipped in the wheel).
PAIRS_ROOT = DATA_ROOT / "dedupe_pairs"


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
        tp, fp, fn, tn = tp + (said and truth), fp + (said and not truth), fn + (truth and not said), tn + (
            not said and not truth)
        counts = by_kind.setdefault(pair["kind"], [0, 0])
        counts[0], counts[1] = counts[0] + (said == truth), counts[1] + 1
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
