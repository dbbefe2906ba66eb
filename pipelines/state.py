"""Persistent dedupe state behind one small interface: kept records' URLs, content hashes, LSH band keys and
sketches, the URLs of dropped copies, and the data files committed with them.

:class:`StateStore` is all that :class:`pipelines.dedupe.DedupeIndex` needs from storage, so a shared store
for several crawling machines (Redis, with ``MULTI``/``EXEC`` for :meth:`StateStore.commit`) can be added
without touching the index. Keys are plain integers and sketches plain bytes, never pickles.

:class:`SQLiteStateStore` keeps ``<state_dir>/state.sqlite`` in WAL mode; :meth:`~SQLiteStateStore.commit` is one
transaction holding a batch of kept documents and the names of the data files that hold them, so a crawl
killed at any moment leaves either both or neither. ``synchronous=NORMAL`` is enough for that: WAL never
loses a committed transaction when a process dies, only (at worst) the last ones on power loss, and then the
files they named are orphans that the writer removes.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

STATE_FILE = "state.sqlite"
_TWO64 = 1 << 64
_TWO63 = 1 << 63


def to_signed64(value: int) -> int:
    """An unsigned 64-bit value as the signed integer SQLite (and Redis) store."""
    return value - _TWO64 if value >= _TWO63 else value


def id_to_int(record_id: str) -> int:
    """A 16-hex-digit record id as a signed 64-bit integer."""
    if len(record_id) != 16:
        raise ValueError(f"record id {record_id!r} is not 16 hex digits")
    return to_signed64(int(record_id, 16))


def int_to_id(value: int) -> str:
    """Inverse of :func:`id_to_int`."""
    return f"{value % _TWO64:016x}"


@dataclass(frozen=True, slots=True)
class StoredDoc:
    """What the state keeps of one kept record."""

    id: str
    site: str
    url_key: int  # signed 64-bit hash of pipelines.urls.url_key(url)
    content_key: int  # signed 64-bit prefix of the record's content_hash
    bands: Sequence[int]  # LSH band keys, signed 32-bit
    sketch: bytes  # compact shingle and fact sketch (pipelines.dedupe)


@dataclass(frozen=True, slots=True)
class PageState:
    """What the state keeps of a stored article's latest version, for incremental crawls (``pages`` table):
    its version and text key, when it was stored and last compared, and the HTTP validators it came with.
    Times are whole seconds since the epoch (UTC)."""

    key: int  # signed 64-bit page key (pipelines.versions.page_key)
    id: str
    version: int
    content_key: int  # signed 64-bit prefix of the latest version's content_hash
    stored_at: int  # when version 1 was stored
    published_at: int | None
    checked_at: int  # last time the page was fetched (or answered 304) and compared
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A kept record that shares an LSH band with a query; ``order`` is its age (smaller = kept earlier)."""

    id: str
    order: int
    sketch: bytes


class StateStore(Protocol):
    """Storage for :class:`pipelines.dedupe.DedupeIndex`."""

    def read_meta(self) -> dict[str, str]:
        """Settings the state was built with (empty for a new state)."""
        ...

    def write_meta(self, meta: Mapping[str, str]) -> None:
        """Record the settings of a new state."""
        ...

    def id_for_url(self, url_key: int) -> str | None:
        """Id of the kept record with this URL key."""
        ...

    def id_for_content(self, content_key: int) -> str | None:
        """Id of the oldest kept record with this content key."""
        ...

    def candidates(self, band_keys: Sequence[int]) -> list[Candidate]:
        """Kept records sharing at least one band key."""
        ...

    def copy_of(self, url_key: int) -> str | None:
        """Id of the kept record that a dropped copy with this URL key duplicates (logged copies)."""
        ...

    def committed_files(self) -> set[str]:
        """Data files (paths relative to the output directory) committed so far."""
        ...

    def commit(self, docs: Sequence[StoredDoc], files: Iterable[str],
               copies: Sequence[tuple[int, str]] = ()) -> None:
        """Keep ``docs``, record ``files`` and the dropped ``copies`` (URL key, id kept), all or nothing."""
        ...

    def count(self) -> int:
        """Number of kept records."""
        ...

    def close(self) -> None:
        """Release the store."""
        ...


class MemoryStateStore:
    """A :class:`StateStore` in dictionaries: for re-checking a corpus, evaluation and tests."""

    def __init__(self) -> None:
        self._meta: dict[str, str] = {}
        self._urls: dict[int, str] = {}
        self._contents: dict[int, str] = {}
        self._bands = BandIndex()
        self._docs: list[tuple[str, bytes]] = []
        self._files: set[str] = set()
        self._copies: dict[int, str] = {}

    def read_meta(self) -> dict[str, str]:
        return dict(self._meta)

    def write_meta(self, meta: Mapping[str, str]) -> None:
        self._meta.update(meta)

    def id_for_url(self, url_key: int) -> str | None:
        return self._urls.get(url_key)

    def id_for_content(self, content_key: int) -> str | None:
        return self._contents.get(content_key)

    def candidates(self, band_keys: Sequence[int]) -> list[Candidate]:
        return [Candidate(self._docs[o][0], o, self._docs[o][1]) for o in sorted(self._bands.lookup(band_keys))]

    def copy_of(self, url_key: int) -> str | None:
        return self._copies.get(url_key)

    def committed_files(self) -> set[str]:
        return set(self._files)

    def commit(self, docs: Sequence[StoredDoc], files: Iterable[str],
               copies: Sequence[tuple[int, str]] = ()) -> None:
        for doc in docs:
            if doc.url_key in self._urls:
                raise ValueError(f"URL of {doc.id} is already kept as {self._urls[doc.url_key]}")
        first = len(self._docs)
        for doc in docs:
            self._docs.append((doc.id, doc.sketch))
            self._urls[doc.url_key] = doc.id
            self._contents.setdefault(doc.content_key, doc.id)
        self._bands.add(range(first, len(self._docs)), [doc.bands for doc in docs])
        self._files.update(files)
        for url_key, kept in copies:
            self._copies.setdefault(url_key, kept)

    def count(self) -> int:
        return len(self._docs)

    def close(self) -> None:
        pass


class BandIndex:
    """LSH band key -> orders of the records that have it, in memory (8 bytes a posting): a sorted numpy base
    plus a few sorted chunks of recent batches, folded into the base when they grow. A Bloom filter of the keys
    (two bits each, 16 to 64 bits a posting) answers most lookups, which find nothing, without searching."""

    MAX_CHUNKS = 2
    BITS_PER_POSTING = 16

    def __init__(self) -> None:
        self._keys = np.empty(0, dtype=np.int32)
        self._orders = np.empty(0, dtype=np.int32)
        self._chunks: list[tuple[np.ndarray, np.ndarray]] = []
        self._bitmap = np.zeros(1 << 10, dtype=np.uint8)
        self._bit_mask = np.uint32((len(self._bitmap) << 3) - 1)

    def __len__(self) -> int:
        return len(self._keys) + sum(len(keys) for keys, _ in self._chunks)

    def add(self, orders: Sequence[int], bands: Sequence[Sequence[int]]) -> None:
        """Add the band keys ``bands[i]`` of the record with order ``orders[i]``, for a batch of records."""
        counts = np.fromiter((len(b) for b in bands), dtype=np.int64, count=len(bands))
        total = int(counts.sum())
        if not total:
            return
        keys = np.fromiter(itertools.chain.from_iterable(bands), dtype=np.int32, count=total)
        self.add_postings(keys, np.repeat(np.asarray(orders, dtype=np.int32), counts))

    def add_postings(self, keys: np.ndarray, orders: np.ndarray) -> None:
        """Add (key, order) postings."""
        order = np.argsort(keys)
        added = keys[order].astype(np.int32)
        self._chunks.append((added, orders[order].astype(np.int32)))
        if len(self._chunks) > self.MAX_CHUNKS or sum(len(k) for k, _ in self._chunks) > len(self._keys) // 4:
            keys = np.concatenate([k for k, _ in self._chunks])
            orders = np.concatenate([o for _, o in self._chunks])
            order = np.argsort(keys)
            self._keys, self._orders = _merge_sorted(self._keys, self._orders, keys[order], orders[order])
            self._chunks = []
        bits = len(self._bitmap) << 3
        if len(self) * self.BITS_PER_POSTING > bits:
            while len(self) * self.BITS_PER_POSTING > bits:
                bits <<= 2
            self._bitmap = np.zeros(bits >> 3, dtype=np.uint8)
            self._bit_mask = np.uint32(bits - 1)
            self._mark(self._keys)
            for chunk_keys, _ in self._chunks:
                self._mark(chunk_keys)
        else:
            self._mark(added)

    def _bits(self, keys: np.ndarray) -> np.ndarray:
        """The two filter bits of each key (band keys are hashes: its low bits, and its high bits mixed)."""
        keys = keys.astype(np.int32).view(np.uint32)
        mixed = (keys.astype(np.uint64) * _BLOOM_MULTIPLIER >> _BLOOM_SHIFT).astype(np.uint32)
        return np.concatenate((keys & self._bit_mask, mixed & self._bit_mask))

    def _mark(self, keys: np.ndarray) -> None:
        bits = self._bits(keys)
        # intp indices and uint8 values take ufunc.at's fast path (several times faster than uint32 indices)
        np.bitwise_or.at(self._bitmap, (bits >> 3).astype(np.intp), np.left_shift(1, bits & 7).astype(np.uint8))

    def lookup(self, keys: Sequence[int]) -> set[int]:
        """Orders of the records that share at least one of ``keys``."""
        wanted = np.asarray(keys, dtype=np.int32)
        bits = self._bits(wanted)
        marked = (self._bitmap[bits >> 3] >> (bits & 7)) & 1
        wanted = wanted[(marked[: len(wanted)] & marked[len(wanted) :]) == 1]
        if not len(wanted):
            return set()
        found: set[int] = set()
        for sorted_keys, orders in ((self._keys, self._orders), *self._chunks):
            if not len(sorted_keys):
                continue
            starts = sorted_keys.searchsorted(wanted).tolist()
            stops = sorted_keys.searchsorted(wanted, side="right").tolist()
            for start, stop in zip(starts, stops, strict=True):
                if stop > start:  # the filter's few false positives are not in the index
                    found.update(orders[start:stop].tolist())
        return found


_BLOOM_MULTIPLIER, _BLOOM_SHIFT = np.uint64(0x9E3779B97F4A7C15), np.uint64(32)


def _merge_sorted(keys: np.ndarray, values: np.ndarray, more_keys: np.ndarray, more_values: np.ndarray,
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Two key-sorted (key, value) arrays as one, in linear time; ``more`` goes after equal keys."""
    at = np.searchsorted(keys, more_keys, side="right") + np.arange(len(more_keys))
    rest = np.ones(len(keys) + len(more_keys), dtype=bool)
    rest[at] = False
    merged_keys = np.empty(len(rest), dtype=keys.dtype)
    merged_values = np.empty(len(rest), dtype=values.dtype)
    merged_keys[at], merged_keys[rest] = more_keys, keys
    merged_values[at], merged_values[rest] = more_values, values
    return merged_keys, merged_values


class SketchTable:
    """Ids and sketches of kept records by order, in memory (8 bytes plus the sketch a record), so that the
    candidates of a lookup are one numpy gather: no SQL, no object per candidate. Sketches of one state all
    have one size; a table that is given another size turns itself off (``usable`` False)."""

    def __init__(self) -> None:
        self._ids = np.zeros(0, dtype=np.int64)
        self._sketches = np.zeros((0, 0), dtype=np.uint8)
        self.width: int | None = None
        self.usable = True

    def put(self, orders: Sequence[int], ids: Sequence[int], sketches: Sequence[bytes]) -> None:
        """Record the ids (signed 64-bit) and sketches of the records with these orders."""
        if not sketches or not self.usable:
            return
        width = len(sketches[0]) if self.width is None else self.width
        if any(len(sketch) != width for sketch in sketches):
            self.usable = False
            self._ids, self._sketches = np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.uint8)
            return
        self.width = width
        orders = np.asarray(orders, dtype=np.int64)
        need = int(orders.max()) + 1
        if need > len(self._ids):
            size = max(need, 2 * len(self._ids), 1024)
            grown_ids, grown = np.zeros(size, dtype=np.int64), np.zeros((size, width), dtype=np.uint8)
            if len(self._ids):
                grown_ids[: len(self._ids)], grown[: len(self._sketches)] = self._ids, self._sketches
            self._ids, self._sketches = grown_ids, grown
        self._ids[orders] = ids
        self._sketches[orders] = np.frombuffer(b"".join(sketches), dtype=np.uint8).reshape(len(sketches), width)

    def rows(self, orders: np.ndarray) -> np.ndarray:
        """Sketches of these orders, one row of bytes each."""
        return self._sketches[orders]

    def id_at(self, order: int) -> str:
        """Id of the record with this order."""
        return int_to_id(int(self._ids[order]))


class KeySet:
    """Membership of 64-bit keys in memory (8 bytes a key): a sorted numpy base plus a set of recent keys."""

    def __init__(self, keys: np.ndarray | None = None) -> None:
        self._base = np.sort(np.asarray(keys if keys is not None else (), dtype=np.int64))
        self._recent: set[int] = set()

    def __contains__(self, key: int) -> bool:
        if key in self._recent:
            return True
        at = int(self._base.searchsorted(key))
        return at < len(self._base) and int(self._base[at]) == key

    def update(self, keys: Iterable[int]) -> None:
        self._recent.update(keys)
        if len(self._recent) > max(1 << 16, len(self._base) // 4):
            recent = np.fromiter(self._recent, dtype=np.int64, count=len(self._recent))
            self._base, self._recent = np.sort(np.concatenate((self._base, recent))), set()


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sites (no INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS docs (
    seq INTEGER PRIMARY KEY,          -- order of keeping: the oldest copy wins
    id INTEGER NOT NULL,              -- record id (16 hex digits) as signed 64-bit
    site INTEGER NOT NULL,            -- sites.no
    url_key INTEGER NOT NULL UNIQUE,  -- hash of pipelines.urls.url_key
    content_key INTEGER NOT NULL,     -- prefix of content_hash
    bands BLOB NOT NULL,              -- LSH band keys, little-endian int32
    sketch BLOB NOT NULL              -- pipelines.dedupe sketch
);
CREATE INDEX IF NOT EXISTS docs_content ON docs (content_key);
CREATE TABLE IF NOT EXISTS files (name TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS copies (      -- dropped copies logged in _duplicates/: known pages on the next run
    url_key INTEGER PRIMARY KEY, duplicate_of INTEGER NOT NULL
);
"""

#: Incremental crawls and versions (pipelines.versions): one row per stored article, its latest version.
_PAGES_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    key INTEGER PRIMARY KEY,          -- pipelines.versions.page_key of the URL
    id INTEGER NOT NULL,              -- record id (16 hex digits) as signed 64-bit
    version INTEGER NOT NULL,         -- latest version stored
    content_key INTEGER NOT NULL,     -- prefix of that version's content_hash
    stored_at INTEGER NOT NULL,       -- epoch seconds: version 1 stored
    published_at INTEGER,             -- epoch seconds, when the page gives it
    checked_at INTEGER NOT NULL,      -- epoch seconds: last fetch (or 304) that compared the text
    etag TEXT,                        -- HTTP validators of that fetch
    last_modified TEXT
);
"""


class SQLiteStateStore:
    """:class:`StateStore` in one SQLite file (WAL); one process writes to it at a time.

    Each record is one row, its band keys a 128-byte blob; the band -> record lookup is a :class:`BandIndex`
    rebuilt from those blobs when the store opens (about 8 bytes of memory per band key), and ids and sketches
    are read into a :class:`SketchTable` (:meth:`candidate_sketches`).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # one thread at a time, but not necessarily the one that opened it (Scrapy may call from a worker thread)
        self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30.0, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA mmap_size=268435456")
        self._db.execute("PRAGMA cache_size=-32768")
        self._db.executescript(_SCHEMA)
        self._db.executescript(_PAGES_SCHEMA)
        self._staged_pages: dict[int, PageState] = {}
        self._sites = dict(self._db.execute("SELECT name, no FROM sites"))
        # in-memory indexes: SQLite is asked for ids only when a key is known to be there
        self._bands = BandIndex()
        self._sketches = SketchTable()
        seqs, ids, url_keys, content_keys, blobs, sketches = [], [], [], [], [], []
        for seq, record, url_key, content_key, blob, sketch in self._db.execute(
                "SELECT seq, id, url_key, content_key, bands, sketch FROM docs"):
            seqs.append(seq)
            ids.append(record)
            url_keys.append(url_key)
            content_keys.append(content_key)
            blobs.append(blob)
            sketches.append(sketch)
        self._urls, self._contents = KeySet(np.array(url_keys)), KeySet(np.array(content_keys))
        if seqs:
            counts = np.fromiter((len(b) // 4 for b in blobs), dtype=np.int64, count=len(blobs))
            keys = np.frombuffer(b"".join(blobs), dtype="<i4")
            self._bands.add_postings(keys, np.repeat(np.array(seqs, dtype=np.int32), counts))
            self._sketches.put(seqs, ids, sketches)

    @classmethod
    def in_dir(cls, state_dir: str | Path) -> SQLiteStateStore:
        """The store of a ``--state`` directory (``<state_dir>/state.sqlite``)."""
        return cls(Path(state_dir) / STATE_FILE)

    def read_meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM meta"))

    def write_meta(self, meta: Mapping[str, str]) -> None:
        with self._transaction():
            self._db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta.items())

    def id_for_url(self, url_key: int) -> str | None:
        if url_key not in self._urls:
            return None
        row = self._db.execute("SELECT id FROM docs WHERE url_key = ?", (url_key,)).fetchone()
        return int_to_id(row[0]) if row else None

    def id_for_content(self, content_key: int) -> str | None:
        if content_key not in self._contents:
            return None
        row = self._db.execute("SELECT id FROM docs WHERE content_key = ? ORDER BY seq LIMIT 1",
                               (content_key,)).fetchone()
        return int_to_id(row[0]) if row else None

    def candidates(self, band_keys: Sequence[int]) -> list[Candidate]:
        seqs = sorted(self._bands.lookup(band_keys))
        if not seqs:
            return []
        seqs += [-1] * ((1 << (len(seqs) - 1).bit_length()) - len(seqs))  # a few statement shapes, all cached
        marks = ",".join("?" * len(seqs))
        rows = self._db.execute(f"SELECT printf('%016x', id), seq, sketch FROM docs WHERE seq IN ({marks}) "
                                "ORDER BY seq", seqs)
        return list(itertools.starmap(Candidate, rows))  # printf's %x is int_to_id

    def candidate_sketches(self, band_keys: Sequence[int],
                           ) -> tuple[np.ndarray, np.ndarray, Callable[[int], str]] | None:
        """Fast form of :meth:`candidates`: orders (ascending), sketches (a row of bytes each) and a function
        from order to id; None when the sketches are not all of one size (then use :meth:`candidates`)."""
        if not self._sketches.usable:
            return None
        orders = np.array(sorted(self._bands.lookup(band_keys)), dtype=np.int64)
        if not len(orders):
            return orders, np.zeros((0, self._sketches.width or 0), dtype=np.uint8), self._sketches.id_at
        return orders, self._sketches.rows(orders), self._sketches.id_at

    def copy_of(self, url_key: int) -> str | None:
        row = self._db.execute("SELECT duplicate_of FROM copies WHERE url_key = ?", (url_key,)).fetchone()
        return int_to_id(row[0]) if row else None

    def committed_files(self) -> set[str]:
        return {name for (name,) in self._db.execute("SELECT name FROM files")}

    def page(self, key: int) -> PageState | None:
        """The page state with this key (staged for the next commit, or committed), or None."""
        staged = self._staged_pages.get(key)
        if staged is not None:
            return staged
        row = self._db.execute("SELECT key, printf('%016x', id), version, content_key, stored_at, published_at, "
                               "checked_at, etag, last_modified FROM pages WHERE key = ?", (key,)).fetchone()
        return PageState(*row) if row else None

    def stage_page(self, page: PageState) -> None:
        """Write ``page`` with the next :meth:`commit`, in its transaction (so with the data file that holds the
        version it describes)."""
        self._staged_pages[page.key] = page

    def commit(self, docs: Sequence[StoredDoc], files: Iterable[str],
               copies: Sequence[tuple[int, str]] = ()) -> None:
        files = list(files)
        pages = list(self._staged_pages.values())
        if not docs and not files and not copies and not pages:
            return
        with self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO pages (key, id, version, content_key, stored_at, published_at, "
                "checked_at, etag, last_modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ((p.key, id_to_int(p.id), p.version, p.content_key, p.stored_at, p.published_at, p.checked_at,
                  p.etag, p.last_modified) for p in pages))
            first = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM docs").fetchone()[0] + 1
            rows = [(seq, id_to_int(doc.id), self._site_no(doc.site), doc.url_key, doc.content_key,
                     np.asarray(doc.bands, dtype="<i4").tobytes(), doc.sketch)
                    for seq, doc in enumerate(docs, first)]
            self._db.executemany("INSERT INTO docs (seq, id, site, url_key, content_key, bands, sketch) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            self._db.executemany("INSERT OR IGNORE INTO files (name) VALUES (?)", ((f,) for f in files))
            self._db.executemany("INSERT OR IGNORE INTO copies (url_key, duplicate_of) VALUES (?, ?)",
                                 ((key, id_to_int(kept)) for key, kept in copies))
        self._staged_pages.clear()
        self._urls.update(doc.url_key for doc in docs)
        self._contents.update(doc.content_key for doc in docs)
        self._bands.add(range(first, first + len(docs)), [doc.bands for doc in docs])
        self._sketches.put(range(first, first + len(docs)), [id_to_int(doc.id) for doc in docs],
                           [doc.sketch for doc in docs])

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database file (for measuring its size)."""
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self._db.close()

    def _site_no(self, site: str) -> int:
        no = self._sites.get(site)
        if no is None:
            self._db.execute("INSERT OR IGNORE INTO sites (name) VALUES (?)", (site,))
            no = self._sites[site] = self._db.execute("SELECT no FROM sites WHERE name = ?", (site,)).fetchone()[0]
        return no

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` when the block raises."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            self._sites = dict(self._db.execute("SELECT name, no FROM sites"))  # numbers handed out are gone
            raise
        self._db.execute("COMMIT")
