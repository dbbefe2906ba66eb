"""The Parquet dataset writer: hive layout, one schema, atomic files."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from pipelines.parquet import (
    ROW_GROUP_ROWS,
    DatasetWriter,
    data_files,
    read_corpus,
    read_duplicates,
    release_free_memory,
    rows_to_table,
    write_rows_atomic,
    write_table_atomic,
)
from pipelines.schema import FILE_SCHEMA, RECORD_COLUMNS, RECORD_DEFAULTS, RECORD_SCHEMA
from tests.helpers import ROOT, make_record

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def write_sample(out: Path) -> list[str]:
    writer = DatasetWriter(out, "c1")
    for n in range(3):
        writer.add_record(make_record("site-a", n))
    writer.add_record(make_record("site-b", 9))
    writer.add_duplicate({"id": "x" * 16, "url": "http://b/1", "site": "site-b", "duplicate_of": "y" * 16,
                          "similarity": 0.93, "reason": "near", "crawl_id": "c1"})
    assert writer.pending == 5
    files = writer.flush()
    assert writer.pending == 0
    return files


def test_layout_is_hive_partitioned_without_site_column(tmp_path: Path) -> None:
    files = write_sample(tmp_path)
    assert sorted(f.split("/")[0] for f in files) == ["_duplicates", "site=site-a", "site=site-b"]
    assert data_files(tmp_path) == sorted(files)
    one = pq.read_schema(tmp_path / files[1])
    assert "site" not in one.names
    assert one.remove_metadata().equals(FILE_SCHEMA.remove_metadata())
    assert not list(tmp_path.rglob("*.tmp"))


def test_readers_see_one_table(tmp_path: Path) -> None:
    write_sample(tmp_path)
    frame = pd.read_parquet(tmp_path)
    assert len(frame) == 4
    assert sorted(frame["site"].astype(str).unique()) == ["site-a", "site-b"]
    assert set(RECORD_COLUMNS) <= set(frame.columns)
    table = ds.dataset(tmp_path, partitioning="hive").to_table()
    assert table.num_rows == 4
    rows = duckdb.sql(f"select count(*), min(published_at) from read_parquet('{tmp_path}/site=*/*.parquet', "
                      "hive_partitioning=true)").fetchall()[0]
    assert rows[0] == 4
    corpus = read_corpus(tmp_path)
    assert corpus.schema.field("published_at").type == RECORD_SCHEMA.field("published_at").type
    assert corpus.column("published_at")[0].as_py().utcoffset().total_seconds() == 7 * 3600
    assert read_duplicates(tmp_path).column("reason").to_pylist() == ["near"]


def test_files_are_announced_before_they_are_written(tmp_path: Path) -> None:
    announced: list[list[str]] = []

    def before_write(names: list[str]) -> None:
        assert not any((tmp_path / n).exists() for n in names)
        announced.append(list(names))

    writer = DatasetWriter(tmp_path, "c1", before_write=before_write)
    writer.add_record(make_record("site-a", 1))
    files = writer.flush()
    assert announced == [files] and data_files(tmp_path) == files
    assert writer.flush() == [] and len(announced) == 1  # nothing buffered: nothing announced


def test_empty_output_reads_as_empty_table(tmp_path: Path) -> None:
    assert read_corpus(tmp_path).num_rows == 0
    assert read_duplicates(tmp_path).num_rows == 0


def test_readers_get_the_latest_version_unless_all_are_asked_for(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from pipelines.parquet import latest_versions

    first = DatasetWriter(tmp_path, "c1")
    for n in range(3):
        first.add_record(make_record("site-a", n))  # no version given: stored as version 1
    first.flush()
    second = DatasetWriter(tmp_path, "c2")
    changed = {**make_record("site-a", 1, text="Nội dung đã sửa.", crawl_id="c2"), "version": 2,
               "updated_at": datetime(2026, 11, 30, 7, 0, tzinfo=UTC)}
    second.add_record(changed)
    second.flush()
    every = read_corpus(tmp_path, versions="all")
    assert every.num_rows == 4 and sorted(every.column("version").to_pylist()) == [1, 1, 1, 2]
    latest = read_corpus(tmp_path)
    assert latest.num_rows == 3 and len(set(latest.column("id").to_pylist())) == 3
    by_id = {r["id"]: r for r in latest.to_pylist()}
    assert by_id[changed["id"]]["text"] == "Nội dung đã sửa." and by_id[changed["id"]]["version"] == 2
    assert by_id[changed["id"]]["updated_at"] == changed["updated_at"]
    assert all(r["updated_at"] is None for r in latest.to_pylist() if r["version"] == 1)
    assert read_corpus(tmp_path, columns=["text"]).column_names == ["text"]
    assert sorted(read_corpus(tmp_path, columns=["text"]).column("text").to_pylist()) == sorted(
        latest.column("text").to_pylist())
    assert latest_versions(every.slice(0, 0)).num_rows == 0
    # the recipes data/README.md gives for pandas and DuckDB keep the same rows
    frame = pd.read_parquet(tmp_path).sort_values("version").drop_duplicates("id", keep="last")
    assert sorted(frame["text"]) == sorted(latest.column("text").to_pylist())
    rows = duckdb.sql(f"select text from read_parquet('{tmp_path}/site=*/*.parquet', hive_partitioning=true) "
                      "qualify version = max(version) over (partition by id)").fetchall()
    assert sorted(r[0] for r in rows) == sorted(latest.column("text").to_pylist())
    with pytest.raises(ValueError, match="versions"):
        read_corpus(tmp_path, versions="newest")


def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def test_freed_memory_goes_back_to_the_system_after_a_batch() -> None:
    """A heap left with holes (every eighth 2 KiB block still alive, as pages and records of a crawl leave it)
    keeps its pages resident until they are released; the crawl releases them after every batch it writes."""
    assert sys.platform == "linux"
    blocks = [bytes(2048) + str(n).encode() for n in range(60_000)]  # about 120 MiB, from glibc's heap
    kept = blocks[::8]
    del blocks
    before = _rss_kib()
    release_free_memory()
    after = _rss_kib()
    assert before - after > 50 * 1024, (before, after)
    assert len(kept) == 7_500


_HOLES = """
import sys
from pipelines.parquet import steady_heap
def rss():
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
if sys.argv[1] == "steady":
    assert steady_heap()
large = bytearray(8 << 20)
del large  # a large block freed: glibc raises its mmap threshold to its size
blocks, pins = [], []
for n in range(400):  # 100 MiB of 256 KiB blocks, each followed by a small long-lived object
    blocks.append(bytearray(256 << 10))
    pins.append(bytearray(700))
before = rss()
del blocks
print(before - rss())
"""


def test_a_steady_heap_gives_large_blocks_back_when_they_are_freed() -> None:
    """After one large block is freed, glibc serves later 256 KiB buffers from its heap, where small long-lived
    objects among them keep them resident once freed; with :func:`steady_heap` they are mapped and returned."""
    assert sys.platform == "linux"

    def released(mode: str) -> int:
        done = subprocess.run([sys.executable, "-c", _HOLES, mode], capture_output=True, text=True, check=True,
                              cwd=Path(__file__).resolve().parents[1])
        return int(done.stdout)

    assert released("steady") > 80 * 1024
    assert released("default") < 20 * 1024


def test_arrow_without_pandas_writes_parquet_and_still_converts_to_pandas(tmp_path: Path) -> None:
    """In a fresh process (pyarrow remembers its probe): writing a batch loads no pandas; to_pandas still works."""
    script = f"""
import sys
from pathlib import Path
from pipelines.parquet import arrow_without_pandas, rows_to_table, write_table_atomic
from pipelines.schema import FILE_SCHEMA, RECORD_DEFAULTS
arrow_without_pandas()
from tests.helpers import make_record
row = make_record("php-a", 1)
table = rows_to_table([row], FILE_SCHEMA, RECORD_DEFAULTS)
write_table_atomic(table, Path({str(tmp_path / "f.parquet")!r}))
print("pandas" in sys.modules)
print(table.to_pandas()["url"].tolist())
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["False", f"[{make_record('php-a', 1)['url']!r}]"]
    assert (tmp_path / "f.parquet").stat().st_size > 0


def test_rows_written_a_row_group_at_a_time_make_the_file_a_sorted_table_makes(tmp_path: Path) -> None:
    """write_rows_atomic (what a flush uses: one row group in memory at a time) writes, byte for byte, the file
    of the whole table sorted by date, nulls last and ties in arrival order."""
    rows = []
    for n in range(ROW_GROUP_ROWS * 2 + 17):
        row = make_record("site-a", n, text=f"Bài {n}: công đoàn " * (n % 5 + 1))
        hours = timedelta(hours=n * 37 % 50)
        row["published_at"] = None if n % 7 == 0 else datetime(2024, 5, 1, tzinfo=VN) + hours
        rows.append(row)
    expected = rows_to_table(rows, FILE_SCHEMA, RECORD_DEFAULTS).sort_by([("published_at", "ascending")])
    write_table_atomic(expected, tmp_path / "whole.parquet")
    write_rows_atomic(rows, FILE_SCHEMA, tmp_path / "streamed.parquet", RECORD_DEFAULTS, "published_at")
    assert (tmp_path / "streamed.parquet").read_bytes() == (tmp_path / "whole.parquet").read_bytes()
    written = pq.ParquetFile(tmp_path / "streamed.parquet")
    assert [written.metadata.row_group(i).num_rows for i in range(written.num_row_groups)] == \
        [ROW_GROUP_ROWS, ROW_GROUP_ROWS, 17]
    assert written.read().column("published_at").null_count == len([r for r in rows if r["published_at"] is None])
    assert not list(tmp_path.glob(".*.tmp"))
