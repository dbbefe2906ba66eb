"""Dedupe state storage (pipelines.state): both stores behave alike, SQLite commits are all or nothing and
survive a killed process."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from pipelines.state import (
    STATE_FILE,
    BandIndex,
    KeySet,
    MemoryStateStore,
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


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StateStore]:
    opened: StateStore = MemoryStateStore() if request.param == "memory" else SQLiteStateStore.in_dir(tmp_path)
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
    store.commit([doc(1), doc(2, content_key=-1, bands=[2, 50])], ["site=a/part-1.parquet"])
    assert store.read_meta() == {"shingle_size": "5"}
    assert store.count() == 2
    assert store.id_for_url(1001) == doc(1).id and store.id_for_url(999) is None
    assert store.id_for_content(-1) == doc(1).id  # the oldest record with that content
    found = store.candidates([2, 77])
    assert [c.id for c in found] == [doc(1).id, doc(2).id]  # oldest first
    assert found[0].order < found[1].order and found[1].sketch == doc(2).sketch
    assert store.candidates([77]) == []
    assert store.committed_files() == {"site=a/part-1.parquet"}


def test_dropped_copies_are_remembered(store: StateStore) -> None:
    store.commit([doc(1)], ["site=a/part-1.parquet", "_duplicates/part-2.parquet"], [(555, doc(1).id)])
    assert store.copy_of(555) == doc(1).id and store.copy_of(1001) is None and store.id_for_url(555) is None
    store.commit([], [], [(555, doc(2).id), (556, doc(1).id)])  # the first note of a URL stays
    assert store.copy_of(555) == doc(1).id and store.copy_of(556) == doc(1).id


def test_a_batch_with_a_known_url_is_refused_whole(store: StateStore) -> None:
    store.commit([doc(1)], ["f1"])
    with pytest.raises((ValueError, sqlite3.IntegrityError)):
        store.commit([doc(2), doc(3, url_key=1001)], ["f2"], [(777, doc(1).id)])
    assert store.count() == 1 and store.committed_files() == {"f1"} and store.copy_of(777) is None
    assert store.id_for_url(1002) is None and store.candidates([2, 3, 4]) == [store.candidates([2])[0]]


def test_sqlite_state_is_wal_and_reopens(tmp_path: Path) -> None:
    store = SQLiteStateStore.in_dir(tmp_path)
    store.commit([doc(n) for n in range(50)], ["a", "b"])
    store.close()
    with sqlite3.connect(tmp_path / STATE_FILE) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again = SQLiteStateStore.in_dir(tmp_path)
    assert again.count() == 50 and again.committed_files() == {"a", "b"}
    assert {c.id for c in again.candidates([10])} == {doc(9).id, doc(10).id}
    assert again.id_for_url(1049) == doc(49).id and again.id_for_content(-7) == doc(7).id
    again.close()


def _same_candidates(store: SQLiteStateStore, bands: list[int]) -> None:
    fast = store.candidate_sketches(bands)
    assert fast is not None
    orders, rows, id_at = fast
    plain = store.candidates(bands)
    assert orders.tolist() == [c.order for c in plain]
    assert [rows[i].tobytes() for i in range(len(plain))] == [c.sketch for c in plain]
    assert [id_at(int(o)) for o in orders] == [c.id for c in plain]


def test_sqlite_candidate_sketches_are_the_candidates(tmp_path: Path) -> None:
    store = SQLiteStateStore.in_dir(tmp_path)
    store.commit([doc(n) for n in range(700)], ["a"])
    store.commit([doc(n) for n in range(700, 1500)], ["b"])  # past the table's first size
    for bands in ([10], [699, 700, 1400], [1498, 5000], [-3]):
        _same_candidates(store, bands)
    store.close()
    again = SQLiteStateStore.in_dir(tmp_path)  # read back from the file
    _same_candidates(again, [699, 700, 1400])
    again.commit([StoredDoc(id=f"{9999:016x}", site="x", url_key=1, content_key=1, bands=[3], sketch=b"\x01" * 9)],
                 ["c"])  # a sketch of another size: the fast form steps aside, candidates() still answer
    assert again.candidate_sketches([3]) is None and len(again.candidates([3])) == 3
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


def test_band_index_matches_a_plain_dictionary() -> None:
    rng = np.random.default_rng(7)
    index, plain = BandIndex(), {}
    order = postings = 0
    for batch in range(40):  # enough batches for chunks to be folded into the base several times
        bands = rng.integers(-50, 50, size=(int(rng.integers(1, 30)), 4)).tolist()
        orders = list(range(order, order + len(bands)))
        order += len(bands)
        postings += 4 * len(bands)
        index.add(orders, bands)
        for o, keys in zip(orders, bands, strict=True):
            for key in keys:
                plain.setdefault(key, set()).add(o)
        query = rng.integers(-60, 60, size=6).tolist()
        assert index.lookup(query) == set().union(*(plain.get(k, set()) for k in query)), batch
    assert len(index) == postings


def test_key_set_membership_survives_merges() -> None:
    rng = np.random.default_rng(3)
    first = (rng.integers(-(2**61), 2**61, size=1000) * 2).tolist()  # even keys are in, odd ones are not
    keys = KeySet(np.array(first))
    added = (rng.integers(-(2**61), 2**61, size=200_000) * 2).tolist()
    keys.update(added[:100])
    assert added[7] in keys and first[3] in keys and added[500] not in keys
    keys.update(added)  # large enough to be merged into the sorted base
    assert all(k in keys for k in added[::997]) and all(k in keys for k in first[::97])
    assert not any(k + 1 in keys for k in added[::991])
