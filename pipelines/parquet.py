"""The Parquet dataset: hive-partitioned by site, files written under a temporary name and renamed.

Layout of an output directory ``out``::

    out/site=<slug>/part-<crawl_id>-<n>.parquet   records (FILE_SCHEMA: the record without ``site``)
    out/_duplicates/part-<crawl_id>-<n>.parquet   dropped copies (DUPLICATE_SCHEMA)
    out/_runs/<crawl_id>.json                     run manifests

Readers never see a half-written file: a file is written as ``.<name>.tmp``, fsynced and renamed. The dedupe
state records each renamed file in the same transaction as the records it holds, so a file that exists but is
not recorded (a crash between rename and commit) is an orphan, removed by :func:`remove_orphans`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from pipelines.schema import DUPLICATE_SCHEMA, FILE_SCHEMA, RECORD_SCHEMA

DUPLICATES_DIR = "_duplicates"
#: Rows per Parquet row group: small enough that a date filter skips most of a file by its statistics.
ROW_GROUP_ROWS = 256
RUNS_DIR = "_runs"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_table_atomic(table: pa.Table, path: Path) -> None:
    """Write ``table`` to ``path`` through a hidden temporary file, fsync, and rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp, compression="zstd", row_group_size=ROW_GROUP_ROWS)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def rows_to_table(rows: Sequence[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Build a table of ``schema`` from dict rows (extra keys ignored, missing nullable keys null)."""
    return pa.Table.from_pylist([{name: row.get(name) for name in schema.names} for row in rows], schema=schema)


class DatasetWriter:
    """Buffers records per site and duplicates, and writes them as new files on :meth:`flush`."""

    def __init__(self, out: str | Path, crawl_id: str) -> None:
        self.out = Path(out)
        self.crawl_id = crawl_id
        self._records: dict[str, list[dict[str, Any]]] = {}
        self._duplicates: list[dict[str, Any]] = []
        self._seq = 0

    @property
    def pending(self) -> int:
        """Rows buffered and not yet written."""
        return sum(map(len, self._records.values())) + len(self._duplicates)

    def add_record(self, record: dict[str, Any]) -> None:
        self._records.setdefault(record["site"], []).append(record)

    def add_duplicate(self, row: dict[str, Any]) -> None:
        self._duplicates.append(row)

    def _next_name(self) -> str:
        self._seq += 1
        return f"part-{self.crawl_id}-{self._seq:05d}.parquet"

    def flush(self) -> list[str]:
        """Write buffered rows; return the new files' paths relative to the output directory."""
        written: list[str] = []
        for site, rows in sorted(self._records.items()):
            rel = f"site={site}/{self._next_name()}"
            # sorted by date, so each row group's min/max statistics cover a narrow range of dates
            table = rows_to_table(rows, FILE_SCHEMA).sort_by([("published_at", "ascending")])
            write_table_atomic(table, self.out / rel)
            written.append(rel)
        if self._duplicates:
            rel = f"{DUPLICATES_DIR}/{self._next_name()}"
            write_table_atomic(rows_to_table(self._duplicates, DUPLICATE_SCHEMA), self.out / rel)
            written.append(rel)
        self._records.clear()
        self._duplicates.clear()
        return written


def data_files(out: str | Path) -> list[str]:
    """Relative paths of every finished data and sidecar file under ``out``."""
    out = Path(out)
    if not out.is_dir():
        return []
    found = [p for p in out.glob("site=*/*.parquet")] + list(out.glob(f"{DUPLICATES_DIR}/*.parquet"))
    return sorted(p.relative_to(out).as_posix() for p in found if not p.name.startswith("."))


def remove_orphans(out: str | Path, committed: Iterable[str]) -> list[str]:
    """Delete temporary files and data files the state never committed; return what was removed."""
    out = Path(out)
    removed: list[str] = []
    if not out.is_dir():
        return removed
    for tmp in [*out.glob("site=*/.*.tmp"), *out.glob(f"{DUPLICATES_DIR}/.*.tmp")]:
        tmp.unlink(missing_ok=True)
        removed.append(tmp.relative_to(out).as_posix())
    keep = set(committed)
    for rel in data_files(out):
        if rel not in keep:
            (out / rel).unlink(missing_ok=True)
            removed.append(rel)
    return removed


def read_corpus(out: str | Path, columns: list[str] | None = None, filter: Any = None) -> pa.Table:
    """Read the corpus at ``out`` as one table of RECORD_SCHEMA (``site`` restored from the partition)."""
    dataset = ds.dataset(Path(out), format="parquet", partitioning="hive", schema=RECORD_SCHEMA,
                         exclude_invalid_files=False, ignore_prefixes=["_", "."])
    return dataset.to_table(columns=columns, filter=filter)


def read_duplicates(out: str | Path) -> pa.Table:
    """Read the ``_duplicates/`` sidecar (empty table when there is none)."""
    path = Path(out) / DUPLICATES_DIR
    files = sorted(p for p in path.glob("*.parquet") if not p.name.startswith(".")) if path.is_dir() else []
    if not files:
        return DUPLICATE_SCHEMA.empty_table()
    return ds.dataset([str(p) for p in files], format="parquet", schema=DUPLICATE_SCHEMA).to_table()


def new_crawl_id(now: datetime) -> str:
    """A sortable, unique crawl id such as ``20261123T142855Z-3fa9c1``."""
    return f"{now.strftime('%Y%m%dT%H%M%SZ')}-{os.urandom(3).hex()}"
