"""Persistent dedupe state behind one small interface: kept records' URLs, content hashes, LSH band keys and
sketches, the URLs of dropped copies, and the data files committed with them.

:class:`StateStore` is all that :class:`pipelines.dedupe.DedupeIndex` needs from storage, so a shared store
(Redis, with ``MULTI``/``EXEC`` for :meth:`StateStore.commit`) can be added without touching the index. Keys
are plain integers and sketches plain bytes, never pickles. :class:`SQLiteStateStore` keeps
``<state_dir>/state.sqlite`` in WAL mode; its :meth:`~SQLiteStateStore.commit` is one transaction holding a
batch of kept documents and the names of the data files that hold them, so a crawl killed at any moment
leaves both or neither (``synchronous=NORMAL``: WAL loses no committed transaction when a process dies; on
power loss at worst the last ones, and the files they named are orphans that the writer removes).
"""

from __future__ import annotations

import sqlite3
import struct
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import NamedTuple, Protocol

import numpy as np

STATE_FILE = "state.sqlite"


def to_signed64(value: int) -> int:
    """An unsigned 64-bit value as the signed integer SQLite (and Redis) store."""
    return value - (1 << 64) if value >= 1 << 63 else value


def id_to_int(record_id: str) -> int:
    """A 16-hex-digit record id as a signed 64-bit integer."""
    if len(record_id) != 16:
        raise ValueError(f"record id {record_id!r} is not 16 hex digits")
    return to_signed64(int(record_id, 16))


def int_to_id(value: int) -> str:
    """Inverse of :func:`id_to_int`."""
    return f"{value % (1 << 64):016x}"


class StoredDoc(NamedTuple):
    """What the state keeps of one kept record (a named tuple: made for every kept page, 5x faster)."""

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


class StateStore(Protocol):
    """Storage for :class:`pipelines.dedupe.DedupeIndex`: adds and noted copies are visible at once and durable
    with the next :meth:`commit`; closing drops what was not committed."""

    def read_meta(self) -> dict[str, str]:
        """Settings the state was built with (empty for a new state)."""

    def write_meta(self, meta: Mapping[str, str]) -> None:
        """Record the settings of a new state."""

    def add(self, doc: StoredDoc) -> None:
        """Keep ``doc`` (its URL key must be new)."""

    def note_copy(self, url_key: int, kept: str) -> None:
        """Remember a dropped copy's URL key and the id of the record it copies."""

    def id_for_url(self, url_key: int) -> str | None:
        """Id of the kept record with this URL key."""

    def known_url(self, url_key: int) -> bool:
        """Whether a kept record or a dropped copy has this URL key, answered from memory (no query per
        link: the crawl asks this for every link it meets)."""

    def id_for_content(self, content_key: int) -> str | None:
        """Id of the oldest kept record with this content key."""

    def candidates(self, band_keys: Sequence[int]) -> tuple[list[str], bytes]:
        """Ids and sketches (one after the other) of the kept records sharing at least one band key, oldest
        first, answered from memory."""

    def committed_files(self) -> set[str]:
        """Data files (paths relative to the output directory) committed so far."""

    def commit(self, files: Iterable[str] = ()) -> None:
        """Make the adds and copies since the last commit durable with the names of ``files``, all or nothing."""

    def count(self) -> int:
        """Number of kept records."""

    def close(self) -> None:
        """Release the store."""


class BandMap:
    """LSH band key -> the records that have it (by place in the order of keeping), in memory: key-sorted numpy
    arrays (8 bytes a posting) plus the records added since the last merge (a dict key -> place, a key met again
    keeping its older places in ``_more``), merged in at a sixteenth of the arrays: so each posting is merged a
    bounded number of times and the dict, probed 32 times a lookup, stays small enough for the CPU's caches. A
    bitmap of the sorted keys' low bits (8 to 16 bits a posting) spares the binary search most absent keys."""

    def __init__(self) -> None:
        self._keys, self._places, self._filter = np.empty(0, np.int32), np.empty(0, np.int32), bytearray(1 << 17)
        self._recent, self._more = {}, {}  # key -> place; key -> older places (of a key met again)
        self._new_keys, self._new_places = array("i"), array("i")  # postings since the last merge
        self._last: tuple[Sequence[int] | None, set[int]] = (None, set())  # last lookup: keys, those in _recent

    def add(self, place: int, keys: Sequence[int]) -> None:
        """Add the band keys of the record at ``place``."""
        recent, (looked_up, common), self._last = self._recent, self._last, (None, ())
        for key in common if looked_up is keys else recent.keys() & keys:  # lookup() of the same keys just did it
            self._more.setdefault(key, []).append(recent[key])
        new = dict.fromkeys(keys, place)  # a key twice in one record is one posting
        recent.update(new)
        self._new_keys.extend(new)
        self._new_places.extend(repeat(place, len(new)))
        if len(self._new_keys) > max(1 << 16, len(self._keys) // 16):
            self.add_postings(np.frombuffer(self._new_keys, np.intc), np.frombuffer(self._new_places, np.intc))
            self._recent, self._more, self._new_keys, self._new_places = {}, {}, array("i"), array("i")

    def add_postings(self, keys: np.ndarray, places: np.ndarray) -> None:
        """Add (key, place) postings in bulk: sorted, then merged in, and to the bitmap."""
        order = np.argsort(keys, kind="stable")
        keys, places = keys[order].astype(np.int32), places[order].astype(np.int32)
        at = self._keys.searchsorted(keys, "right")
        self._keys, self._places = np.insert(self._keys, at, keys), np.insert(self._places, at, places)
        size = 1 << max(17, len(self._keys).bit_length())  # bytes of the bitmap: 8 to 16 bits a posting
        if len(self._filter) != size:  # grown: made again from every key, else the new keys are added
            self._filter, keys = bytearray(size), self._keys
        low = keys.view(np.uint32) & np.uint32(size * 8 - 1)
        np.bitwise_or.at(np.frombuffer(self._filter, np.uint8), low >> 3, (1 << (low & 7)).astype(np.uint8))

    def lookup(self, keys: Sequence[int]) -> set[int]:
        """Places of the records that share at least one of ``keys``."""
        recent, more, bitmap, found = self._recent, self._more, self._filter, set()
        self._last = (keys, common := recent.keys() & keys)
        for key in common:  # a key in _more is in _recent too
            found.add(recent[key])
            found.update(more.get(key, ()))
        mask = len(bitmap) * 8 - 1
        if present := [key for key in keys if bitmap[(key & mask) >> 3] >> (key & 7) & 1]:
            wanted = np.array(present, dtype=np.int32)
            starts, stops = self._keys.searchsorted(wanted), self._keys.searchsorted(wanted, "right")
            for start, stop in zip(starts.tolist(), stops.tolist(), strict=True):
                if start < stop:  # mostly not: the bitmap lets about one absent key in ten pass
                    found.update(self._places[start:stop].tolist())
        return found


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sites (no INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS docs (
    seq INTEGER PRIMARY KEY,          -- order of keeping: the oldest copy wins
    id INTEGER NOT NULL,              -- record id (16 hex digits) as signed 64-bit
    site INTEGER NOT NULL,            -- sites.no
    url_key INTEGER NOT NULL,         -- hash of pipelines.urls.url_key (unique: checked in memory)
    content_key INTEGER NOT NULL,     -- prefix of content_hash
    bands BLOB NOT NULL,              -- LSH band keys, little-endian int32
    sketch BLOB NOT NULL              -- pipelines.dedupe sketch
);
DROP INDEX IF EXISTS docs_content;    -- keys are looked up in memory (indexes made each commit rewrite pages)
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
    """:class:`StateStore` in one SQLite file (WAL), or in memory (``":memory:"``); one process writes at a time.

    Each record is one row, its band keys a 128-byte blob. What a lookup needs is held in memory, rebuilt from
    the rows when the store opens: by place in the order of keeping, the records' ids and sketches; the place of
    each kept URL and (first) content key, the URL keys of dropped copies, the band map (:class:`BandMap`). No
    lookup queries SQLite, so the table needs no index on its random keys (which made each commit rewrite pages
    all over them). Adds wait in memory (``_staged``) until :meth:`commit`.
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
        self._staged_pages: dict[int, PageState] = {}  # what the next commit writes: pages, kept, copies
        self._staged, self._staged_copies = [], {}
        self._sites = dict(self._db.execute("SELECT name, no FROM sites"))
        self._copies = {key for (key,) in self._db.execute("SELECT url_key FROM copies")}
        self._urls, self._contents = {}, {}  # URL key -> place in the order of keeping; content key -> first one
        self._ids, self._sketches, bands, counts = array("q"), bytearray(), bytearray(), []
        for place, (record_id, url_key, content_key, keys, sketch) in enumerate(self._db.execute(
                "SELECT id, url_key, content_key, bands, sketch FROM docs ORDER BY seq")):
            self._urls[url_key] = place
            self._contents.setdefault(content_key, place)
            self._ids.append(record_id)
            self._sketches += sketch
            bands += keys
            counts.append(len(keys) // 4)
        self._bands = BandMap()
        self._bands.add_postings(np.frombuffer(bands, dtype="<i4"), np.repeat(np.arange(len(counts)), counts))

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
        if doc.url_key in self._urls:
            raise ValueError(f"URL of {doc.id} is already kept as {self.id_for_url(doc.url_key)}")
        place = len(self._ids)
        self._ids.append(id_to_int(doc.id))
        self._staged.append(doc)
        self._urls[doc.url_key] = place
        self._contents.setdefault(doc.content_key, place)
        self._bands.add(place, doc.bands)
        self._sketches += doc.sketch

    def note_copy(self, url_key: int, kept: str) -> None:
        self._staged_copies.setdefault(url_key, kept)
        self._copies.add(url_key)

    def id_for_url(self, url_key: int) -> str | None:
        place = self._urls.get(url_key)
        return None if place is None else int_to_id(self._ids[place])

    def known_url(self, url_key: int) -> bool:
        return url_key in self._urls or url_key in self._copies

    def id_for_content(self, content_key: int) -> str | None:
        place = self._contents.get(content_key)
        return None if place is None else int_to_id(self._ids[place])

    def candidates(self, band_keys: Sequence[int]) -> tuple[list[str], bytes]:
        places, width = sorted(self._bands.lookup(band_keys)), len(self._sketches) // max(len(self._ids), 1)
        return [int_to_id(self._ids[p]) for p in places], b"".join([self._sketches[p * width:(p + 1) * width]
                                                                   for p in places])

    def committed_files(self) -> set[str]:
        return {name for (name,) in self._db.execute("SELECT name FROM files")}

    def kept_ids(self) -> set[str]:
        """Ids of the kept records (committed)."""
        return {i for (i,) in self._db.execute("SELECT printf('%016x', id) FROM docs")}

    def rewrite_features(self, features: Mapping[str, tuple[Sequence[int], bytes]], meta: Mapping[str, str],
                         ) -> None:
        """Replace kept records' band keys and sketches (by id) and the settings, in one transaction (after the
        fingerprint changed); takes effect when the store is opened again."""
        with self._transaction():
            self._db.executemany("UPDATE docs SET bands = ?, sketch = ? WHERE id = ?", (
                (np.asarray(bands, dtype="<i4").tobytes(), sketch, id_to_int(i)) for i, (bands, sketch) in
                features.items()))
            self._db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta.items())

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
        files, pages = list(files), list(self._staged_pages.values())
        if not self._staged and not files and not self._staged_copies and not pages:
            return
        with self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO pages (key, id, version, content_key, stored_at, published_at, "
                "checked_at, etag, last_modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ((p.key, id_to_int(p.id), p.version, p.content_key, p.stored_at, p.published_at, p.checked_at,
                  p.etag, p.last_modified) for p in pages))
            self._db.executemany("INSERT INTO docs (id, site, url_key, content_key, bands, sketch) "
                                 "VALUES (?, ?, ?, ?, ?, ?)",
                                 [(id_to_int(d.id), self._site_no(d.site), d.url_key, d.content_key,
                                   struct.pack(f"<{len(d.bands)}i", *d.bands), d.sketch) for d in self._staged])
            self._db.executemany("INSERT OR IGNORE INTO files (name) VALUES (?)", ((f,) for f in files))
            self._db.executemany("INSERT OR IGNORE INTO copies (url_key, duplicate_of) VALUES (?, ?)",
                                 ((key, id_to_int(kept)) for key, kept in self._staged_copies.items()))
        self._staged_pages, self._staged, self._staged_copies = {}, [], {}

    def count(self) -> int:
        return len(self._ids)

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
