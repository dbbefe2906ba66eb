"""Which data files this state wrote: a file is *pending* before it is written and *committed* after.

The ledger lives in the state's SQLite file, in a table of its own (``pending_files``); committed files are
the ones the dedupe state commits with their records (:meth:`pipelines.dedupe.DedupeIndex.committed_files`).
At start-up :func:`recover_files` deletes only what this state was writing when its process died (pending and
never committed, and their ``.tmp`` files); every other file in the output directory, written by another
state, copied in or merged from another machine, is kept and reported. A crawl never deletes a file that its
own state did not start writing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.parquet import DUPLICATES_DIR, data_files, temp_path
from pipelines.state import STATE_FILE

_SCHEMA = "CREATE TABLE IF NOT EXISTS pending_files (name TEXT PRIMARY KEY) WITHOUT ROWID;"


class FileLedger:
    """Pending data files of one ``--state`` directory (names relative to the output directory)."""

    def __init__(self, state_dir: str | Path) -> None:
        path = Path(state_dir) / STATE_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None, timeout=30.0, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_SCHEMA)

    def mark_pending(self, names: Iterable[str]) -> None:
        """Record ``names`` as being written (durable before the first byte of them is)."""
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR IGNORE INTO pending_files (name) VALUES (?)", ((n,) for n in names))

    def pending(self) -> set[str]:
        """Files marked pending and not cleared since."""
        return {name for (name,) in self._db.execute("SELECT name FROM pending_files")}

    def clear(self, names: Iterable[str]) -> None:
        """Forget ``names`` (committed with the state, or removed)."""
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("DELETE FROM pending_files WHERE name = ?", ((n,) for n in names))

    def close(self) -> None:
        self._db.close()


@dataclass
class Recovery:
    """What :func:`recover_files` did: files removed (this state's unfinished ones) and files kept unknown."""

    removed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    foreign_temp: list[str] = field(default_factory=list)


def recover_files(out: str | Path, ledger: FileLedger, committed: set[str]) -> Recovery:
    """Delete this state's unfinished files under ``out``; report, never touch, every file it has no record of.

    A pending file that was committed (the process died between the commit and clearing the mark) is kept.
    """
    out = Path(out)
    result = Recovery()
    pending = ledger.pending()
    for name in sorted(pending - committed):
        for path in (out / name, temp_path(out / name)):
            if path.exists():
                path.unlink()
                result.removed.append(path.relative_to(out).as_posix())
    ledger.clear(pending)
    own_temps = {temp_path(out / name).relative_to(out).as_posix() for name in pending}
    result.foreign = [rel for rel in data_files(out) if rel not in committed and rel not in pending]
    if out.is_dir():
        temps = [*out.glob("site=*/.*.tmp"), *out.glob(f"{DUPLICATES_DIR}/.*.tmp")]
        result.foreign_temp = sorted(p.relative_to(out).as_posix() for p in temps
                                     if p.relative_to(out).as_posix() not in own_temps)
    return result
