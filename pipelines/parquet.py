"""The Parquet dataset: hive-partitioned by site, files written under a temporary name and renamed.

Layout of an output directory ``out``::

    out/site=<slug>/part-<crawl_id>-<n>.parquet   records (FILE_SCHEMA: the record without ``site``)
    out/_duplicates/part-<crawl_id>-<n>.parquet   dropped copies (DUPLICATE_SCHEMA)
    out/_runs/<crawl_id>.json                     run manifests

Readers never see a half-written file: a file is written as ``.<name>.tmp``, fsynced and renamed. Before it is
written its name is marked pending in the state (:class:`pipelines.ledger.FileLedger`); the dedupe state
records each renamed file in the same transaction as the records it holds. A file left pending by a crash is
removed at the next start by :func:`pipelines.ledger.recover_files`; files of other states are never touched.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib.abc
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipelines.schema import DUPLICATE_SCHEMA, FILE_SCHEMA, RECORD_DEFAULTS, RECORD_SCHEMA

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


def _libc() -> ctypes.CDLL | None:
    """glibc, or None (musl, macOS: nothing to trim or tune)."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None


_GLIBC = _libc()
#: mallopt parameters of glibc's <malloc.h>.
_M_MMAP_THRESHOLD, _M_ARENA_MAX = -3, -8


def release_free_memory() -> None:
    """Hand memory freed by a batch write back to the system: Arrow's pool keeps what a table used, and glibc
    keeps freed pages of its heaps (lxml trees, unpickled pages of the worker threads). Without it, a crawl's
    resident size grows with the number of batches it has written."""
    pa.default_memory_pool().release_unused()
    if _GLIBC is not None:
        _GLIBC.malloc_trim(0)


def steady_heap(mmap_threshold: int = 128 * 1024, arenas: int = 2) -> bool:
    """Keep a long-running process's heap from growing with the work it has done (glibc; False elsewhere).

    glibc raises its mmap threshold each time a large block is freed (up to 32 MiB), so later large buffers
    (response bodies, row groups, numpy band arrays) come from the heap, where a long-lived object allocated
    among them keeps their pages resident; and each thread that allocates (the pool's receiver, Twisted's
    resolver) gets an arena of its own. A fixed threshold gives every large block back when it is freed, and
    two arenas bound the per-thread heaps: a 10,000-page crawl peaked about 8 MiB lower (README, Performance)."""
    if _GLIBC is None:
        return False
    return bool(_GLIBC.mallopt(_M_MMAP_THRESHOLD, mmap_threshold)) and bool(_GLIBC.mallopt(_M_ARENA_MAX, arenas))


class _RefusePandas(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "pandas":
            raise ModuleNotFoundError("not in a crawl process", name=name)


def arrow_without_pandas() -> None:
    """Make pyarrow's one probe for pandas answer "absent" without importing it (call before any conversion).

    pyarrow imports pandas on its first conversion only to ask whether the input is a DataFrame or Series, and
    remembers the answer: in a crawl that costs a second of start-up and 50 MiB of memory for nothing, as no
    pandas object is ever converted. The probe fails here; ``to_pandas()`` later in the same process still
    imports pandas and works (pyarrow retries the import when a conversion to pandas is asked for). For crawl
    processes only: ``pa.table(df)`` would not recognise a DataFrame afterwards. Does nothing if pandas is
    already imported."""
    if "pandas" in sys.modules:
        return
    refuse = _RefusePandas()
    sys.meta_path.insert(0, refuse)
    try:
        pa.array([0])  # the probe: pyarrow asks whether this list is a pandas object
    finally:
        sys.meta_path.remove(refuse)


def temp_path(path: Path) -> Path:
    """The hidden temporary name ``path`` is written under before it is renamed into place."""
    return path.with_name(f".{path.name}.tmp")


def write_table_atomic(table: pa.Table, path: Path) -> None:
    """Write ``table`` to ``path`` through a hidden temporary file, fsync, and rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(path)
    pq.write_table(table, tmp, compression="zstd", row_group_size=ROW_GROUP_ROWS)
    _publish(tmp, path)


def write_rows_atomic(rows: Sequence[dict[str, Any]], schema: pa.Schema, path: Path,
                      defaults: dict[str, Any] | None = None, sort_by: str | None = None) -> None:
    """Write dict rows to ``path`` as :func:`write_table_atomic` writes their table (ordered by ``sort_by`` as
    ``Table.sort_by`` orders, nulls last), one row group at a time: a flush holds one row group in Arrow
    memory, not the whole file twice (table and sorted copy), which was a 45 MiB peak for 1,000 records."""
    if sort_by is not None:
        keys = pa.array([row.get(sort_by) for row in rows], type=schema.field(sort_by).type)
        rows = [rows[i] for i in pc.sort_indices(keys).to_pylist()]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(path)
    with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
        for start in range(0, len(rows), ROW_GROUP_ROWS):
            writer.write_table(rows_to_table(rows[start:start + ROW_GROUP_ROWS], schema, defaults),
                               row_group_size=ROW_GROUP_ROWS)
    _publish(tmp, path)


def _publish(tmp: Path, path: Path) -> None:
    """fsync the written ``tmp``, rename it to ``path`` and fsync the directory."""
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def rows_to_table(rows: Sequence[dict[str, Any]], schema: pa.Schema,
                  defaults: dict[str, Any] | None = None) -> pa.Table:
    """Build a table of ``schema`` from dict rows (extra keys ignored, missing keys from ``defaults`` or null)."""
    defaults = defaults or {}
    rows = [{name: row.get(name, defaults.get(name)) for name in schema.names} for row in rows]
    return pa.Table.from_pylist(rows, schema=schema)


class DatasetWriter:
    """Buffers records per site and duplicates, and writes them as new files on :meth:`flush`.

    ``before_write`` is called with the names of the files a flush is about to write, before any of them is
    (the state marks them pending there)."""

    def __init__(self, out: str | Path, crawl_id: str,
                 before_write: Callable[[list[str]], None] | None = None) -> None:
        self.out = Path(out)
        self.crawl_id = crawl_id
        self.before_write = before_write
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
        planned: list[tuple[str, list[dict[str, Any]], pa.Schema, dict[str, Any] | None]] = [
            (f"site={site}/{self._next_name()}", rows, FILE_SCHEMA, RECORD_DEFAULTS)
            for site, rows in sorted(self._records.items())]
        if self._duplicates:
            planned.append((f"{DUPLICATES_DIR}/{self._next_name()}", self._duplicates, DUPLICATE_SCHEMA, None))
        written = [rel for rel, *_ in planned]
        if written and self.before_write is not None:
            self.before_write(written)
        for rel, rows, schema, defaults in planned:
            # by date: each row group's statistics cover a narrow range
            write_rows_atomic(rows, schema, self.out / rel, defaults,
                              "published_at" if "published_at" in schema.names else None)
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


def read_corpus(out: str | Path, columns: list[str] | None = None, filter: Any = None,
                versions: str = "latest") -> pa.Table:
    """Read the corpus at ``out`` as one table of RECORD_SCHEMA (``site`` restored from the partition).

    ``versions="latest"`` (the default) keeps the highest ``version`` of each ``id`` (:func:`latest_versions`);
    ``"all"`` keeps every stored version. ``filter`` applies before versions are chosen.
    """
    import pyarrow.dataset as ds  # here, not at the top: it imports pandas, which a crawl never needs

    if versions not in ("latest", "all"):
        raise ValueError(f"versions must be 'latest' or 'all', not {versions!r}")
    dataset = ds.dataset(Path(out), format="parquet", partitioning="hive", schema=RECORD_SCHEMA,
                         exclude_invalid_files=False, ignore_prefixes=["_", "."])
    wanted = columns if columns is None or versions == "all" else list(dict.fromkeys([*columns, "id", "version"]))
    table = dataset.to_table(columns=wanted, filter=filter)
    if "version" in table.column_names:  # files written before versions existed hold version 1
        at = table.schema.get_field_index("version")
        table = table.set_column(at, table.schema.field("version"),
                                 pc.fill_null(table.column("version"), pa.scalar(1, pa.int32())))
    if versions == "latest":
        table = latest_versions(table)
    return table.select(columns) if columns is not None else table


def latest_versions(table: pa.Table) -> pa.Table:
    """The rows of ``table`` that hold the highest ``version`` of their ``id`` (row order kept; a table without
    a ``version`` column, read from files older than versions, as it is)."""
    if "version" not in table.column_names or table.num_rows == 0:
        return table
    if not pc.any(pc.greater(table.column("version"), 1)).as_py():
        return table  # no id has a second version: nothing to drop
    numbered = pa.table({"id": table.column("id"), "version": table.column("version"),
                         "_row": pa.array(range(table.num_rows), pa.int64())})
    top = numbered.group_by("id").aggregate([("version", "max")])
    keep = numbered.join(top, keys=["id", "version"], right_keys=["id", "version_max"], join_type="inner")
    rows = pc.sort_indices(keep.column("_row"))
    return table.take(pc.take(keep.column("_row"), rows))


def read_duplicates(out: str | Path) -> pa.Table:
    """Read the ``_duplicates/`` sidecar (empty table when there is none)."""
    import pyarrow.dataset as ds
    path = Path(out) / DUPLICATES_DIR
    files = sorted(p for p in path.glob("*.parquet") if not p.name.startswith(".")) if path.is_dir() else []
    if not files:
        return DUPLICATE_SCHEMA.empty_table()
    return ds.dataset([str(p) for p in files], format="parquet", schema=DUPLICATE_SCHEMA).to_table()


def new_crawl_id(now: datetime) -> str:
    """A sortable, unique crawl id such as ``20261123T142855Z-3fa9c1``."""
    return f"{now.strftime('%Y%m%dT%H%M%SZ')}-{os.urandom(3).hex()}"
