"""Dedupe state storage (pipelines.state): the store behaves alike in a file and in memory, adds are visible at
once and durable only with a commit, commits are all or nothing and survive a killed process."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from pipelines.state import (
    STATE_FILE,
    BandMap,
    SQLiteStateStore,
    StateStore,
    StoredDoc,
    id_to_int,
    int_to_id,
)

ROOT = Path(__file__).resolve().parents[1]


def doc(n: int, *, url_key: int | None = None, content_key: int | None = None, bands: list[int] | None = None,
        ) -> StoredDoc:
    return StoredDoc(id=f"{n:016x}", site=f"site-{n % 3}", url_key=url_key if url_key is not None else 1000 + n,
                     content_key=content_key if content_key is not None else -n,
                     bands=bands if bands is not None else [n, n + 1], sketch=bytes([n % 256]) * 8)


def keep(store: StateStore, docs: list[StoredDoc], files: list[str],
         copies: Sequence[tuple[int, str]] = ()) -> None:
    for d in docs:
        store.add(d)
    for url_key, kept in copies:
        store.note_copy(url_key, kept)
    store.commit(files)


@pytest.fixture(params=["memory", "file"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StateStore]:
    opened = SQLiteStateStore(":memory:") if request.param == "memory" else SQLiteStateStore.in_dir(tmp_path)
    yield opened
    opened.close()


def test_ids_round_trip_through_signed_integers() -> None:
    for record_id in ("0000000000000000", "7fffffffffffffff", "8000000000000000", "ffffffffffffffff",
                      "1f2e3d4c5b6a7980"):
        assert int_to_id(id_to_int(record_id)) == record_id
        assert -(2**63) <= id_to_int(record_id) < 2**63
    with pytest.raises(ValueError, match="16 hex"):
        id_to_int("abc")


def test_stores_keep_and_find_records(store: StateStore) -> None:
    assert store.read_meta() == {} and store.count() == 0
    store.write_meta({"shingle_size": "5"})
    store.add(doc(1))
    assert store.id_for_url(1001) == doc(1).id and store.count() == 1  # visible before the commit
    keep(store, [doc(2, content_key=-1, bands=[2, 50])], ["site=a/part-1.parquet"])
    assert store.read_meta() == {"shingle_size": "5"}
    assert store.count() == 2
    assert store.id_for_url(1001) == doc(1).id and store.id_for_url(999) is None
    assert store.id_for_content(-1) == doc(1).id  # the oldest record with that content
    assert store.candidates([2, 77]) == ([doc(1).id, doc(2).id], doc(1).sketch + doc(2).sketch)  # oldest first
    assert store.candidates([77]) == ([], b"")
    assert store.committed_files() == {"site=a/part-1.parquet"}


def test_dropped_copies_are_remembered(store: StateStore) -> None:
    keep(store, [doc(1)], ["site=a/part-1.parquet", "_duplicates/part-2.parquet"], [(555, doc(1).id)])
    assert store.known_url(555) and store.id_for_url(555) is None
    keep(store, [], [], [(555, doc(2).id), (556, doc(1).id)])
    assert store.known_url(555) and store.known_url(556) and store.known_url(1001) and not store.known_url(557)


def test_a_known_url_is_refused(store: StateStore) -> None:
    keep(store, [doc(1)], ["f1"])
    store.add(doc(2))
    with pytest.raises(ValueError, match="already kept as 0000000000000001"):
        store.add(doc(3, url_key=1001))
    assert store.count() == 2 and store.id_for_url(1001) == doc(1).id
    assert store.candidates([2, 3, 4])[0] == [doc(1).id, doc(2).id]  # committed, then staged


def test_only_commits_last(tmp_path: Path) -> None:
    store = SQLiteStateStore.in_dir(tmp_path)
    keep(store, [doc(1)], ["f1"], [(555, doc(1).id)])
    store.add(doc(2))
    store.note_copy(556, doc(1).id)
    store.close()
    again = SQLiteStateStore.in_dir(tmp_path)
    assert again.count() == 1 and again.known_url(555) and not again.known_url(556) and not again.known_url(1002)
    keep(again, [doc(2)], ["f2"])  # the seqs continue after the committed ones
    assert again.candidates([2]) == ([doc(1).id, doc(2).id], doc(1).sketch + doc(2).sketch)
    again.close()


def test_a_failed_commit_keeps_its_adds_for_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = SQLiteStateStore.in_dir(tmp_path)
    keep(store, [doc(1)], ["f1"])
    store.add(doc(2))
    store.note_copy(555, doc(1).id)
    with monkeypatch.context() as patch:
        patch.setattr(store, "_site_no", lambda site: 1 / 0)  # the transaction fails half way
        with pytest.raises(ZeroDivisionError):
            store.commit(["f2"])
    assert store.committed_files() == {"f1"} and store.count() == 2 and store.id_for_url(1002) == doc(2).id
    store.commit(["f2"])
    store.close()
    again = SQLiteStateStore.in_dir(tmp_path)
    assert again.count() == 2 and again.committed_files() == {"f1", "f2"} and again.known_url(555)
    again.close()


def test_sqlite_state_is_wal_and_reopens(tmp_path: Path) -> None:
    store = SQLiteStateStore.in_dir(tmp_path)
    keep(store, [doc(n) for n in range(50)], ["a", "b"])
    store.close()
    with sqlite3.connect(tmp_path / STATE_FILE) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again = SQLiteStateStore.in_dir(tmp_path)
    assert again.count() == 50 and again.committed_files() == {"a", "b"}
    assert again.candidates([10]) == ([doc(9).id, doc(10).id], doc(9).sketch + doc(10).sketch)
    assert again.id_for_url(1049) == doc(49).id and again.id_for_content(-7) == doc(7).id
    again.close()


KILLED_CRAWL = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {root!r})
    from pipelines.dedupe import DedupeIndex
    index = DedupeIndex.open({state!r})
    for n in range(20):
        text = f"Bài số {{n}} về công đoàn cơ sở."
        index.add(id=f"{{n:016x}}", url=f"http://x.vn/bai-{{n}}", site="x", text=text)
        if n == 9:
            index.commit(["site=x/part-1.parquet"])
    os.kill(os.getpid(), signal.SIGKILL)  # the second batch was never committed
""")


def test_a_killed_process_leaves_exactly_the_committed_batches(tmp_path: Path) -> None:
    code = KILLED_CRAWL.format(root=str(ROOT), state=str(tmp_path / "state"))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert result.returncode == -9, result.stderr.decode()
    store = SQLiteStateStore.in_dir(tmp_path / "state")
    assert store.count() == 10 and store.committed_files() == {"site=x/part-1.parquet"}
    store.close()


def test_band_map_matches_a_plain_dictionary() -> None:
    rng = np.random.default_rng(7)
    bands, plain = BandMap(), {}
    postings, ahead = 0, rng.integers(-5000, 5000, size=4).tolist()
    for order in range(40_000):  # enough postings for recent ones to be merged into the arrays twice
        keys, ahead = ahead, rng.integers(-5000, 5000, size=4).tolist()
        if order % 2:
            bands.lookup(keys)  # a lookup, then the add of the same keys (a new page), which reuses its work
        elif order % 13 == 0:
            bands.lookup(ahead)  # the next record's keys looked up before this one is added: not reused then
        bands.add(order, keys)
        postings += len(set(keys))  # a key twice in one record is one posting
        for key in keys:
            plain.setdefault(key, set()).add(order)
        if order % 997 == 0:
            query = rng.integers(-6000, 6000, size=6).tolist()
            assert bands.lookup(query) == set().union(*(plain.get(k, set()) for k in query)), order
    assert len(bands._keys) + len(bands._new_keys) == postings and len(bands._keys) > 0


def test_known_urls_are_answered_from_memory(tmp_path: Path) -> None:
    store = SQLiteStateStore.in_dir(tmp_path)
    keep(store, [doc(1)], ["f1"], [(555, doc(1).id)])
    store.close()
    again = SQLiteStateStore.in_dir(tmp_path)
    again._db.close()  # no query may be made: known_url reads the sets loaded at open
    assert again.known_url(1001) and again.known_url(555) and not again.known_url(556)
