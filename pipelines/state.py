"""Persistent dedupe state behind one small interface: kept records' URLs, content hashes, LSH band keys and
sketches, the URLs of dropped copies, and the data files committed with them.

The public methods of :class:`SQLiteStateStore` are all that :class:`pipelines.dedupe.DedupeIndex` needs from
storage, so a shared store (Redis, with ``MULTI``/``EXEC`` for the commit) can offer the same ones. Keys
are plain integers and sketches plain bytes, never pickles. :class:`SQLiteStateStore` keeps
``<state_dir>/state.sqlite`` in WAL mode; its :meth:`~SQLiteStateStore.commit` is one transaction holding a
batch of kept documents and the names of the data files that hold them, so a crawl killed at any moment
leaves both or neither (``synchronous=NORMAL``: WAL loses no committed transaction when a process dies; on
power loss at worst the last ones, and the files they named are orphans that the writer removes).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numba
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


def _kernel(function: Callable) -> Callable:
    """``function`` compiled by numba on first use, cached beside its module; where no cache can be kept (the
    project imported from a zipped egg, as Scrapyd deploys it) compiled anew in each process."""
    try:
        return numba.njit(cache=True, nogil=True)(function)
    except RuntimeError:  # numba: "cannot cache function ...: no locator available"
        return numba.njit(nogil=True)(function)


@_kernel
def _head(heads: np.ndarray, key: int) -> int:
    """Slot of band ``key`` in ``heads`` (linear probing from a Fibonacci hash of the key; 0: free)."""
    key, mask = key & 0xFFFFFFFF, len(heads) - 1
    at = ((key * -7046029254386353131) >> 32) & mask
    while heads[at] != 0 and (heads[at] >> 32) & 0xFFFFFFFF != key:
        at = (at + 1) & mask
    return at


@_kernel
def _band_add(heads: np.ndarray, postings: np.ndarray, count: int, keys: np.ndarray, seqs: np.ndarray) -> tuple:
    """Add (key, seq) postings: a key's head is key << 32 | its newest posting (1 + index), each posting
    seq << 32 | the next older one. Returns how many postings there are now and how many keys were new."""
    new_keys = 0
    for i in range(len(keys)):
        at = _head(heads, keys[i])
        newest = heads[at] & 0xFFFFFFFF
        if newest and postings[newest - 1] >> 32 == seqs[i]:
            continue  # a key twice in one record is one posting
        new_keys += newest == 0
        postings[count] = seqs[i] << 32 | newest
        count += 1
        heads[at] = (keys[i] & 0xFFFFFFFF) << 32 | count
    return count, new_keys


@_kernel
def _rehash(old: np.ndarray, heads: np.ndarray) -> None:
    for head in old:
        if head:
            heads[_head(heads, head >> 32)] = head


@_kernel
def _band_lookup(heads: np.ndarray, postings: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Seqs of the postings of ``keys`` (a record once per key it shares)."""
    found = [0][:0]
    for key in keys:
        at = heads[_head(heads, key)] & 0xFFFFFFFF
        while at:
            found.append(postings[at - 1] >> 32)
            at = postings[at - 1] & 0xFFFFFFFF
    return np.array(found, dtype=np.int64)


class BandMap:
    """LSH band key -> seqs of the records that have it, in memory, read and written by numba kernels: a
    linear-probing table of heads (at most 3/4 full) and a chain of postings per key (8 bytes a posting)."""

    def __init__(self) -> None:
        self._heads, self._keys = np.zeros(1 << 12, np.int64), 0
        self._postings, self._count = np.zeros(1 << 12, np.int64), 0

    def __len__(self) -> int:
        return self._count

    def add(self, keys: np.ndarray, seqs: np.ndarray) -> None:
        """Add (key, seq) postings (int64 arrays; a record's all together)."""
        most = self._keys + len(keys)
        if 4 * most > 3 * len(self._heads):
            old, self._heads = self._heads, np.zeros(1 << (4 * most // 3).bit_length(), np.int64)
            _rehash(old, self._heads)
        if self._count + len(keys) > len(self._postings):
            self._postings = np.concatenate((self._postings, np.zeros(self._count + len(keys), np.int64)))
        self._count, new_keys = _band_add(self._heads, self._postings, self._count, keys, seqs)
        self._keys += new_keys

    def lookup(self, keys: Sequence[int]) -> list[int]:
        """Sorted seqs of the records that share at least one of ``keys``."""
        return sorted(set(_band_lookup(self._heads, self._postings, np.asarray(keys, dtype=np.int64)).tolist()))


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sites (no INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS docs (
    seq INTEGER PRIMARY KEY,          -- order of keeping: the oldest copy wins
    id INTEGER NOT NULL,              -- record id (16 hex digits) as signed 64-bit
    site INTEGER NOT NULL,            -- sites.no
    url_key INTEGER NOT NULL,         -- hash of pipelines.urls.url_key
    content_key INTEGER NOT NULL,     -- prefix of content_hash
    bands BLOB NOT NULL,              -- LSH band keys, little-endian int32
    sketch BLOB NOT NULL              -- pipelines.dedupe sketch
);  -- no index on the keys: lookups are answered from memory, so commits write no random index pages
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
    """Dedupe state in one SQLite file (WAL), or in memory (path ``":memory:"``); one process writes to it at a
    time. Adds and noted copies are visible at once and durable with the next :meth:`commit`; closing drops
    what was not committed.

    Each record is one row, its band keys a 128-byte blob. What a lookup needs is held in memory, rebuilt
    from the rows when the store opens: URL and content keys -> the record's seq (dicts; the oldest record of a
    content key), the URL keys of dropped copies (a set), the band -> record map (:class:`BandMap`), and ids
    and sketches by seq (arrays): no query per lookup. Adds wait in memory (``_staged``) until :meth:`commit`.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # one thread at a time, but not necessarily the one that opened it (Scrapy may call from a worker thread)
        self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30.0, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._db.executescript(_PAGES_SCHEMA)
        self._staged_pages: dict[int, PageState] = {}
        self._staged: dict[int, StoredDoc] = {}  # seq -> record kept since the last commit
        self._staged_copies: dict[int, str] = {}
        self._sites = dict(self._db.execute("SELECT name, no FROM sites"))
        rows = self._db.execute("SELECT seq, url_key, content_key, bands, id, sketch FROM docs ORDER BY seq")
        rows = rows.fetchall()
        self._next_seq = rows[-1][0] + 1 if rows else 1
        self._urls = {row[1]: row[0] for row in rows}
        self._contents = {row[2]: row[0] for row in reversed(rows)}  # the oldest record of a content key
        self._copies = {key for (key,) in self._db.execute("SELECT url_key FROM copies")}
        self._bands = BandMap()
        self._ids, self._sketches = np.zeros(0, np.int64), np.zeros((0, 0), np.uint8)
        if rows:
            self._bands.add(np.frombuffer(b"".join(row[3] for row in rows), dtype="<i4").astype(np.int64),
                            np.repeat([row[0] for row in rows], [len(row[3]) // 4 for row in rows]))
            self._grow(rows[-1][0], len(rows[0][5]))
            seqs = [row[0] for row in rows]
            self._ids[seqs] = [row[4] for row in rows]
            self._sketches[seqs] = np.frombuffer(b"".join(row[5] for row in rows), np.uint8).reshape(len(rows), -1)

    @classmethod
    def in_dir(cls, state_dir: str | Path) -> SQLiteStateStore:
        """The store of a ``--state`` directory (``<state_dir>/state.sqlite``)."""
        return cls(Path(state_dir) / STATE_FILE)

    def read_meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM meta"))

    def write_meta(self, meta: Mapping[str, str]) -> None:
        with self._transaction():
            self._db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta.items())

    def add(self, doc: StoredDoc) -> None:
        """Keep ``doc`` (its URL key must be new)."""
        if doc.url_key in self._urls:
            raise ValueError(f"URL of {doc.id} is already kept as {self.id_for_url(doc.url_key)}")
        seq, self._next_seq = self._next_seq, self._next_seq + 1
        self._staged[seq] = doc
        self._urls[doc.url_key] = seq
        self._contents.setdefault(doc.content_key, seq)
        self._bands.add(np.asarray(doc.bands, dtype=np.int64), np.full(len(doc.bands), seq))
        if seq >= len(self._ids):
            self._grow(seq, len(doc.sketch))
        self._ids[seq], self._sketches[seq] = id_to_int(doc.id), np.frombuffer(doc.sketch, np.uint8)

    def _grow(self, seq: int, width: int) -> None:
        """Room for ids and sketches up to ``seq`` (arrays that grow by doubling; all sketches have one size)."""
        ids, sketches = self._ids, self._sketches.reshape(-1, width)
        self._ids, self._sketches = np.zeros(2 * seq + 2, np.int64), np.zeros((2 * seq + 2, width), np.uint8)
        self._ids[: len(ids)], self._sketches[: len(sketches)] = ids, sketches

    def note_copy(self, url_key: int, kept: str) -> None:
        """Remember a dropped copy's URL key and the id of the record it copies."""
        self._staged_copies.setdefault(url_key, kept)
        self._copies.add(url_key)

    def id_for_url(self, url_key: int) -> str | None:
        """Id of the kept record with this URL key."""
        seq = self._urls.get(url_key)
        return None if seq is None else self.id_of(seq)

    def id_of(self, seq: int) -> str:
        """Id of the kept record ``seq``."""
        return int_to_id(int(self._ids[seq]))

    def known_url(self, url_key: int) -> bool:
        """Whether a kept record or a dropped copy has this URL key, from memory (the crawl asks it per link)."""
        return url_key in self._urls or url_key in self._copies

    def id_for_content(self, content_key: int) -> str | None:
        """Id of the oldest kept record with this content key."""
        seq = self._contents.get(content_key)
        return None if seq is None else self.id_of(seq)

    def candidates(self, band_keys: Sequence[int]) -> tuple[list[int], np.ndarray]:
        """Seqs (oldest first) and sketches (one row each) of the kept records sharing at least one band key."""
        seqs = self._bands.lookup(band_keys)
        return seqs, self._sketches[seqs]

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

    def commit(self, files: Iterable[str] = ()) -> None:
        """Make the adds and copies since the last commit durable with the names of ``files``, all or nothing."""
        files, pages = list(files), list(self._staged_pages.values())
        if not self._staged and not files and not self._staged_copies and not pages:
            return
        with self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO pages (key, id, version, content_key, stored_at, published_at, "
                "checked_at, etag, last_modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ((p.key, id_to_int(p.id), p.version, p.content_key, p.stored_at, p.published_at, p.checked_at,
                  p.etag, p.last_modified) for p in pages))
            self._db.executemany("INSERT INTO docs (seq, id, site, url_key, content_key, bands, sketch) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 [(seq, id_to_int(d.id), self._site_no(d.site), d.url_key, d.content_key,
                                   np.asarray(d.bands, dtype="<i4").tobytes(), d.sketch)
                                  for seq, d in self._staged.items()])
            self._db.executemany("INSERT OR IGNORE INTO files (name) VALUES (?)", ((f,) for f in files))
            self._db.executemany("INSERT OR IGNORE INTO copies (url_key, duplicate_of) VALUES (?, ?)",
                                 ((key, id_to_int(kept)) for key, kept in self._staged_copies.items()))
        self._staged_pages.clear()
        self._staged.clear()
        self._staged_copies.clear()

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM docs").fetchone()[0] + len(self._staged)

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
