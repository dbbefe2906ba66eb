"""Exact and near-duplicate detection over article text, with state that lasts across runs.

Text. Every comparison starts from NFC, case-folded text with punctuation and symbols turned into spaces,
split into syllables: :func:`content_hash` hashes exactly that (an *exact* duplicate has the same syllables).
Near duplicates also fold the place of the tone mark (``hoà``/``hòa``) and spell the union's abbreviations out
(``LĐLĐ`` -> ``liên đoàn lao động``; :data:`ABBREVIATIONS`). Syllable hashes (64-bit, from the letters' code
points) come from a few numpy operations over the whole text (:func:`_syllable_hashes`), the same in every
process.

Features. *Shingles*: ``shingle_size``-syllable windows hashed to 64 bits (numbers and names stay in them).
*Facts*: numbers keyed by their context, the syllables around each run of numbers and the place in the run
("ngày _ _ _ lđlđ" -> 15, 4, 2021 for "Ngày 15/4/2021, LĐLĐ"). A copy states the same number wherever it keeps
the context; a same-template report states other numbers in the same contexts; a reworded context is not
compared, so it never counts as a conflict.

Near duplicates, in two stages. 1. Candidates by LSH: a MinHash signature of the shingles (rensa,
``num_perm`` 32-bit values) cut into ``bands`` bands; records that share a band key are candidates (32 bands
of 4 rows: a pair with Jaccard 0.5 is a candidate with probability 0.87, 0.6 -> 0.99, 0.8 -> 1.0, so
truncated copies are found too). 2. Confirmation on the actual shingles: the new text's full shingle set
against a bottom-k sketch of the kept text (its ``sketch_size`` smallest shingle hashes, 16 bits of each, and
its shingle count), which estimates the Jaccard index and the containment of the shorter text in the longer
(standard error about sqrt(p(1-p)/k): 0.027 at p = 0.9, k = 128; a MinHash signature estimates Jaccard only).
A pair is a near duplicate when Jaccard >= ``threshold``, or the shorter text (at least ``min_shingles``) lies
within the longer at >= ``containment``, unless the facts disagree: of the kept text's sketched facts
(``fact_sketch_size`` contexts, 16 bits, with 8 bits of the number) whose context the new text has too, more
than ``fact_conflicts`` carry another number.

A crawl's extraction workers compute each article's :class:`Fingerprint` (:func:`attach_fingerprint`); the
crawl process only looks it up. A record's state is one SQLite row, about 620 bytes (:func:`sketch_dtype`);
nothing is pickled, and an index refuses a state built with other settings.
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
from pipelines.state import SQLiteStateStore, StateStore, StoredDoc, to_signed64
from pipelines.textkey import PUNCTUATION_RANGES, content_hash, normalize_for_hash  # noqa: F401 - re-exported
from pipelines.urls import url_key

#: Version of the text folding and feature hashing below; stored in the state, bump it when they change.
FEATURE_VERSION = "2"
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

_U64 = functools.partial(np.array, dtype=np.uint64)  # a 0-d array: numpy combines those faster than scalars


def _splitmix(i: int) -> int:
    z = (i * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) % (1 << 64)
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % (1 << 64)
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % (1 << 64)
    return z ^ (z >> 31)


_POSITION = np.array([_splitmix(i) | 1 for i in range(64)], dtype=np.uint64)  # of each place in a shingle
_FACT_PREV, _FACT_NEXT, _FACT_PLACE = (_U64(_splitmix(100 + i) | 1) for i in range(3))
_BAND_ROW = np.array([_splitmix(200 + i) | 1 for i in range(64)], dtype=np.uint64)
_BAND_NO = _U64(_splitmix(300) | 1)
_BASE = _splitmix(400) | 1  # of the polynomial hash of a syllable's letters (odd: invertible mod 2**64)
_MARKS = _U64(_splitmix(401) | 1)
_M1, _M2, _S32 = _U64(0xBF58476D1CE4E5B9), _U64(0x94D049BB133111EB), _U64(32)
_LOW8 = _U64(0xFF)
_NONE = np.iinfo(np.int32).max  # in _found()'s table: no value


def _mix(z: np.ndarray) -> np.ndarray:
    """Multiply, xor-shift, multiply: every bit of a 64-bit value reaches the others, elementwise."""
    z = z * _M1
    z ^= z >> _S32
    z *= _M2
    return z


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``_BASE ** i`` and ``_BASE ** -i`` mod 2**64 for i < n (numpy's uint64 products wrap)."""
    steps = np.full((2, n), [[_BASE], [pow(_BASE, -1, 1 << 64)]], dtype=np.uint64)
    steps[:, :1] = 1
    return tuple(np.cumprod(steps, axis=1))  # type: ignore[return-value]


#: Code points with table entries; a text with others, or with a letter whose case folding is several letters
#: (ß, ﬁ, İ), is folded by :func:`normalize_for_hash` first (``_SLOW`` in the fold table).
_TABLE_SIZE, _SLOW = 0x10000, 0xFFFFFFFF
_TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}  # grave, acute, hook, tilde, dot
_DIGIT = 1 << 16  # in a letter's marks: it is a digit


@functools.cache
def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """By code point (``min(code, _TABLE_SIZE)``): its folded form (space for a separator, ``_SLOW`` where no
    table says), and its letter (tone mark taken off, 0 for a separator) with its marks (tone number +
    ``_DIGIT``); and the powers of the syllable hash's base."""
    folded = [chr(code).casefold() for code in range(_TABLE_SIZE)]
    fold = np.array([ord(f) if len(f) == 1 else _SLOW for f in folded] + [_SLOW], dtype=np.uint32)
    separator = np.isin(fold, [c for c in range(128) if not chr(c).isalnum()])
    for low, high in PUNCTUATION_RANGES:
        separator |= (fold >= low) & (fold <= high)
    fold[separator] = 32
    letter = np.where(separator, 0, fold).astype(np.uint64)  # spaces count 0 in a syllable's sum
    marks = np.array([_DIGIT * f.isdigit() for f in folded] + [0], dtype=np.uint64)
    fold[0xD800:0xE000] = _SLOW  # lone surrogates: the plain reading says what to do with them
    for code in ((fold >= 0xC0) & (fold < 0x2000)).nonzero()[0].tolist():  # Latin, Greek, Cyrillic: tone marks
        parts = unicodedata.normalize("NFD", folded[code])
        tones = [_TONES[c] for c in parts if c in _TONES]
        bare = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        if tones and len(bare) == 1:
            letter[code], marks[code] = ord(bare), tones[0]
    return fold, letter, marks, _powers(_TABLE_SIZE)


@functools.cache
def _abbreviations() -> tuple[np.ndarray, tuple[np.ndarray, ...]]:
    """The abbreviations' syllable hashes, sorted, and the hashes of what each spells out."""
    hashes = {short: int(_syllable_hashes(short, spell=False)[1][0]) for short in ABBREVIATIONS}
    order = sorted(ABBREVIATIONS, key=hashes.__getitem__)
    return (np.array([hashes[s] for s in order], dtype=np.uint64),
            tuple(_syllable_hashes(ABBREVIATIONS[s], spell=False)[1] for s in order))


def _syllable_hashes(text: str, *, spell: bool = True) -> tuple[bytes, np.ndarray, np.ndarray]:
    """SHA-256 of the normalised text (:func:`content_hash`), and the 64-bit hashes of its syllables with
    abbreviations spelled out, and which of those syllables have a digit.

    A syllable's hash is the polynomial hash of its letters' code points (tone marks taken off) plus its tone
    number times a constant, so ``hòa`` and ``hoà`` are one syllable. For the whole text at once: the sum of
    ``letter[i] * base**i`` over each syllable (spaces count 0) times ``base**-start``."""
    table, letter, mark, (all_powers, all_inverses) = _tables()
    text = unicodedata.normalize("NFC", text or "")
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    folded = table.take(codes, mode="clip")
    plain = bool(len(folded)) and folded.max() == _SLOW
    if plain:  # a letter the tables do not know: the plain reading first
        normalized = normalize_for_hash(text)
        codes = np.frombuffer(normalized.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        folded = table.take(codes, mode="clip")
    word = folded != 32
    first = word.copy()
    first[1:] &= ~word[:-1]  # first letters of syllables
    if not plain:
        word[1:] |= word[:-1]  # letters, and a space after a letter
        normalized = folded.compress(word).tobytes().decode("utf-32-le").rstrip(" ")
    digest = hashlib.sha256(normalized.encode("utf-8")).digest()
    starts = first.nonzero()[0]
    if not len(starts):
        return digest, np.empty(0, np.uint64), np.empty(0, bool)
    n = len(codes)
    powers, inverses = (all_powers[:n], all_inverses[:n]) if n <= _TABLE_SIZE else _powers(n)
    letters = letter.take(codes, mode="clip")
    if plain:  # letters beyond the tables are themselves
        letters = np.where(codes < _TABLE_SIZE, letters, codes)
    letters *= powers
    hashes, marks = np.add.reduceat(letters, starts), np.add.reduceat(mark.take(codes, mode="clip"), starts)
    hashes *= inverses.take(starts)
    hashes += marks * _MARKS
    numbers = marks >= _DIGIT
    if spell:
        known, spellings = _abbreviations()
        found = known.searchsorted(hashes)
        at = (known.take(found, mode="clip") == hashes).nonzero()[0]
        if len(at):
            parts, flags, start = [], [], 0
            for i, which in zip(at.tolist(), found.take(at).tolist(), strict=True):  # spelled out
                parts += (hashes[start:i], spellings[which])
                flags += (numbers[start:i], np.zeros(len(spellings[which]), bool))
                start = i + 1
            hashes, numbers = np.concatenate((*parts, hashes[start:])), np.concatenate((*flags, numbers[start:]))
    return digest, hashes, numbers


def _firsts(values: np.ndarray) -> np.ndarray:
    """Where each run of equal sorted ``values`` starts (``np.unique`` hashes, slowly for a few hundred)."""
    first = np.ones(len(values), bool)
    np.not_equal(values[1:], values[:-1], out=first[1:])
    return first


def _fact_contexts(hashes: np.ndarray, numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fact keys before the final mix (the syllables before and after a number's run of numbers, or at an edge
    of the text the run's own end, and its place in the run), and the syllable index of each number."""
    where = numbers.nonzero()[0]
    if not len(where):
        return hashes[:0], where
    index = np.arange(len(hashes))
    before = np.maximum.accumulate(np.where(numbers, -1, index)).take(where)  # the last syllable not a number
    after = np.minimum.accumulate(np.where(numbers, len(hashes), index)[::-1])[::-1].take(where)
    keys = hashes.take(before, mode="clip") * _FACT_PREV + hashes.take(after, mode="clip") * _FACT_NEXT
    keys += (where - before).astype(np.uint64) * _FACT_PLACE
    return keys, where


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
    return (0xFFFFFFFF, values) if len(values) <= k else (int(values[k - 1] >> _S32), values[:k])


@dataclass(eq=False)
class Fingerprint:
    """Everything dedupe derives from one text, and the key of the URL it came with. Extraction workers compute it:
    arrays are kept as bytes, which pickle ten times faster than numpy arrays."""

    settings: tuple  # the values of the DedupeConfig it was made with (a config pickles ten times slower)
    length: int  # of the text, in code points
    content_key: int  # signed 64-bit prefix of content_hash
    shingles: bytes  # sorted unique uint64
    fact_keys: bytes  # sorted uint64: context of each number
    fact_values: bytes  # uint64: the number, aligned with fact_keys
    bands: list[int]  # LSH band keys, signed 32-bit
    sketch: bytes  # the compact form kept in the state (:func:`sketch_dtype`)
    url: str | None = None  # the page's, whose key a worker computes too (with a cold cache, 10-20 us a page)
    url_key: int | None = None  # _url_hash(url)


def _sketch(shingles: np.ndarray, fact_keys: np.ndarray, fact_values: np.ndarray, config: DedupeConfig) -> bytes:
    row = np.zeros((), sketch_dtype(config))
    (row["tau"], kept), (row["fact_tau"], facts) = (_bottom_k(shingles, config.sketch_size),
                                                    _bottom_k(fact_keys, config.fact_sketch_size))
    row["size"], row["facts"] = len(shingles), min(len(fact_keys), 0xFFFF)
    row["k"], row["fact_k"] = len(kept), len(facts)
    row["fps"][: len(kept)], row["fact_fps"][: len(facts)] = kept, facts  # assignment keeps the low 16 bits
    row["value_fps"][: len(facts)] = fact_values[: len(facts)]  # and here the low 8
    return row.tobytes()


def _fingerprint(text: str, config: DedupeConfig, url: str | None = None) -> Fingerprint:
    exact, hashes, numbers = _syllable_hashes(text)
    size = min(config.shingle_size, len(hashes))  # a shingle: its syllables' hashes times their places' numbers
    sums = np.convolve(hashes, _POSITION[size - 1 :: -1], mode="valid") if size else hashes
    contexts, where = _fact_contexts(hashes, numbers)
    mixed = _mix(np.concatenate((sums, contexts)))  # one pass for shingles and facts
    shingles = np.sort(mixed[: len(sums)])
    shingles = shingles[_firsts(shingles)]
    bands: list[int] = []
    if len(shingles):
        matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(
            shingles, np.array([0, len(shingles)], dtype=np.uint64), config.num_perm, MINHASH_SEED)
        signature = np.array(matrix.to_rows()[0][: config.bands * config.rows], dtype=np.uint64)
        keys = signature.reshape(config.bands, config.rows) @ _BAND_ROW[: config.rows]  # multilinear hash of
        keys += np.arange(config.bands, dtype=np.uint64) * _BAND_NO  # a band's values: top 32 bits of the sum
        bands = (keys >> _S32).astype(np.uint32).view(np.int32).tolist()
    order = mixed[len(sums) :].argsort(kind="stable")  # facts: sorted, the first number of a repeated context
    fact_keys = mixed[len(sums) :][order]
    first = _firsts(fact_keys)
    fact_keys, fact_values = fact_keys[first], hashes[where[order[first]]]
    return Fingerprint(tuple(vars(config).values()), len(text or ""), to_signed64(int.from_bytes(exact[:8])),
                       shingles.tobytes(), fact_keys.tobytes(), fact_values.tobytes(), bands,
                       _sketch(shingles, fact_keys, fact_values, config), url, url and _url_hash(url))


#: Where an extraction worker puts an article's fingerprint in its page dict (:func:`attach_fingerprint`).
FINGERPRINT_KEY = "_dedupe_fingerprint"


def attach_fingerprint(page: dict[str, Any], config: DedupeConfig) -> dict[str, Any]:
    """``page`` with the fingerprint of its text when it is an article: run in the extraction workers
    (:class:`pipelines.pool.ExtractPool`'s ``then``), so the crawl process's dedupe step only looks it up."""
    if page.get("page_type") == "article" and page.get("text"):
        page[FINGERPRINT_KEY] = _fingerprint(page["text"], config, page.get("url") or None)
    return page


def _found(first: np.ndarray, values: np.ndarray, numbers: np.ndarray | None, fps: np.ndarray, taus: np.ndarray,
           used: np.ndarray, sketched_numbers: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per sketch row: how many of its fingerprints are low 16 bits of the new text's sorted ``values`` below its
    threshold, and (with numbers) how many of those carry another number; ``first``: 2**16 ``_NONE``, left so."""
    low = values.astype(np.uint16)  # the cast keeps the low 16 bits
    np.minimum.at(first, low, np.arange(len(values), dtype=np.int32))
    at = first.take(fps)
    first[low] = _NONE
    hit = at < (values >> _S32).searchsorted(taus, side="right")[:, None]
    hit &= np.arange(fps.shape[1]) < used[:, None]
    counts = hit.sum(axis=1)  # np.count_nonzero(axis=) does this behind two Python calls
    if sketched_numbers is None:
        return counts, counts
    return counts, (hit & ((numbers.take(at, mode="clip") & _LOW8) != sketched_numbers)).sum(axis=1)


def _near_similarities(fingerprint: Fingerprint, rows: np.ndarray, config: DedupeConfig, first: np.ndarray,
                       ) -> np.ndarray:
    """Similarity of a new text to each kept one (sketch ``rows``, :func:`sketch_dtype`): Jaccard, else the
    containment of the shorter text, -1 where it is no near duplicate (facts compared only where the shingles
    make one, and only when enough numbers share a context). All candidates at once (a report meets dozens)."""
    shingles = np.frombuffer(fingerprint.shingles, np.uint64)
    hits = _found(first, shingles, None, rows["fps"], rows["tau"], rows["k"])[0]
    size, mine = rows["size"].astype(np.int64), len(shingles)
    shorter = np.minimum(size, mine)
    # nothing is found in an empty sketch, so where a divisor is 0 the dividend is 0 too and 1 stands in
    overlap = np.minimum(hits * size / np.maximum(rows["k"], 1), shorter)
    jaccard = overlap / np.maximum(mine + size - overlap, 1)  # the union is at least the larger size
    containment = overlap / np.maximum(shorter, 1)
    similarity = np.where(jaccard >= config.threshold, jaccard, np.where(
        (containment >= config.containment) & (shorter >= config.min_shingles), containment, -1.0))
    near = (similarity >= 0).nonzero()[0]
    if len(near) and fingerprint.fact_keys and (kept := rows[near])["fact_k"].any():
        shared, conflicts = _found(first, np.frombuffer(fingerprint.fact_keys, np.uint64),
                                   np.frombuffer(fingerprint.fact_values, np.uint64), kept["fact_fps"],
                                   kept["fact_tau"], kept["fact_k"], kept["value_fps"])
        similarity[near[(shared >= config.min_shared_facts) & (
            conflicts / np.maximum(shared, 1) > config.fact_conflicts)]] = -1.0
    return similarity


@functools.lru_cache(maxsize=64)  # a page's URL is hashed by url_seen(), find() and add() in turn
def _url_hash(url: str) -> int:
    digest = hashlib.blake2b(url_key(url).encode("utf-8"), digest_size=8, person=b"congdoan-url-v1")
    return to_signed64(int.from_bytes(digest.digest(), "big"))


class DedupeIndex:
    """Kept records by URL, content and near-duplicate sketch, in a :class:`~pipelines.state.StateStore`.

    Per page: skip it when :meth:`url_seen` (kept or logged before); else :meth:`find`; a copy is logged
    in ``_duplicates/`` and noted with :meth:`note_copy`, anything else is kept with :meth:`add`; after
    each data file, :meth:`commit` it. Adds and copies are visible at once and durable after the commit;
    closing drops the rest. One thread at a time.
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
            fix = ("recompute its fingerprints from the corpus: congdoan dedupe --out DIR --migrate-state STATE"
                   if {k for k in wanted if found.get(k) != wanted[k]} == {"feature_version"} else
                   "use another --state directory or the settings it was built with")
            raise StateMismatchError(f"dedupe state was built with other settings: {differ}; {fix}")
        self._memo: tuple[str, Fingerprint] | None = None
        self._settings = tuple(vars(self.config).values())
        self._dtype = sketch_dtype(self.config)
        self._first = np.full(1 << 16, _NONE, np.int32)  # scratch of _found()
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
    def store(self) -> StateStore:
        """The storage behind the index (incremental crawls keep their page states there too)."""
        return self._store

    def __enter__(self) -> DedupeIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return self._store.count()

    def take_fingerprint(self, record: dict[str, Any]) -> None:
        """Take the fingerprint a worker attached to ``record`` (:func:`attach_fingerprint`) out of it, for
        find() and add() of its text; one made with other settings or of another text is ignored."""
        found = record.pop(FINGERPRINT_KEY, None)
        if found is not None and (found.settings, found.length) == (self._settings, len(record.get("text") or "")):
            self._memo = (record["text"], found)

    def fingerprint(self, text: str) -> Fingerprint:
        """Fingerprint of ``text`` (the last one is remembered: find() then add() compute it once)."""
        if self._memo is None or not (self._memo[0] is text or self._memo[0] == text):
            self._memo = (text, _fingerprint(text, self.config))
        return self._memo[1]

    def _url_key(self, url: str) -> int:
        memo = self._memo  # a worker's fingerprint carries the key of its page's URL
        return memo[1].url_key if memo is not None and memo[1].url == url else _url_hash(url)

    def stored_id(self, url: str) -> str | None:
        """Id of the kept record whose URL has the same :func:`pipelines.urls.url_key` as ``url``."""
        return self._store.id_for_url(self._url_key(url))

    def url_seen(self, url: str) -> bool:
        """Whether ``url`` is a kept record's or a dropped copy's noted with :meth:`note_copy`: a page a later
        crawl can pass over silently, adding rows to neither table. In memory."""
        return self._store.known_url(self._url_key(url))

    def note_copy(self, *, url: str, duplicate_of: str) -> None:
        """Remember a dropped copy (the row written to ``_duplicates/``), durable with the next commit()."""
        self._store.note_copy(self._url_key(url), duplicate_of)

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
        ids, sketches = self._store.candidates(fingerprint.bands) if fingerprint.bands else ([], b"")
        self.stats["candidates"] += len(ids)
        if not ids:
            return None
        rows = np.frombuffer(sketches, dtype=self._dtype)
        similarity = _near_similarities(fingerprint, rows, self.config, self._first)
        best = int(similarity.argmax())  # the first, so the oldest, of the most similar
        score = float(similarity[best])
        return None if score < 0 else Duplicate(ids[best], round(min(score, 1.0), 4), "near")

    def add(self, *, id: str, url: str, site: str, text: str) -> None:
        """Keep a record: visible to stored_id() and find() at once, durable after commit(); ValueError (from the
        store) when its URL is kept already."""
        fingerprint, key = self.fingerprint(text), self._url_key(url)
        self._store.add(StoredDoc(id=id, site=site, url_key=key, content_key=fingerprint.content_key,
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


def migrate_state(state_dir: str | Path, out: Path, config: DedupeConfig | None = None) -> tuple[int, int]:
    """Recompute the band keys and sketches of the records kept in the state at ``state_dir`` (built by an
    earlier :data:`FEATURE_VERSION`) from their first version in the corpus at ``out``; other keys stay. A record
    the corpus lacks gets no band keys (it still matches as a URL or exact duplicate). Returns (recomputed,
    not found)."""
    from pipelines.parquet import read_corpus

    config, store = config or DedupeConfig(), SQLiteStateStore.in_dir(state_dir)
    try:
        kept, features = store.kept_ids(), {}
        table = read_corpus(Path(out), columns=["id", "version", "text"], versions="all")
        for batch in table.sort_by([("version", "descending")]).to_batches(max_chunksize=2048):
            for row in batch.to_pylist():  # an id's first version comes last, and stays
                if row["id"] in kept:
                    found = _fingerprint(row["text"] or "", config)
                    features[row["id"]] = (found.bands, found.sketch)
        empty = ([], _fingerprint("", config).sketch)
        store.rewrite_features({i: features.get(i, empty) for i in kept}, config.state_meta())
    finally:
        store.close()
    return len(features), len(kept) - len(features)


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
