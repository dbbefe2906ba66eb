"""Files are deleted only by the state that wrote them; one crawl at a time holds a directory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.ledger import FileLedger, recover_files
from pipelines.locks import LOCK_FILE, DirectoryInUseError, DirectoryLock
from pipelines.parquet import DatasetWriter, data_files
from tests.helpers import ROOT, make_record, run_congdoan


def write(out: Path, crawl_id: str, ledger: FileLedger | None = None) -> list[str]:
    writer = DatasetWriter(out, crawl_id, before_write=ledger.mark_pending if ledger else None)
    writer.add_record(make_record("site-a", 1, crawl_id=crawl_id))
    return writer.flush()


def test_only_this_states_unfinished_files_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    other = write(out, "other-state")  # another state's corpus, or files copied in
    ledger = FileLedger(tmp_path / "state")
    committed = write(out, "mine-1", ledger)
    ledger.clear(committed)
    unfinished = write(out, "mine-2", ledger)  # written, then the process died before the commit
    never_started = "site=site-a/part-mine-3-00001.parquet"
    ledger.mark_pending([never_started])  # marked, then killed before the first byte
    half = out / "site=site-a" / f".{Path(never_started).name}.tmp"
    half.write_bytes(b"half")
    foreign_tmp = out / "site=site-a" / ".part-other-00009.parquet.tmp"
    foreign_tmp.write_bytes(b"someone else's")

    recovery = recover_files(out, ledger, committed=set(committed))
    assert sorted(recovery.removed) == sorted([*unfinished, half.relative_to(out).as_posix()])
    assert recovery.foreign == other
    assert recovery.foreign_temp == [foreign_tmp.relative_to(out).as_posix()]
    assert set(data_files(out)) == set(other) | set(committed)
    assert foreign_tmp.exists() and ledger.pending() == set()


def test_a_pending_file_that_was_committed_is_kept(tmp_path: Path) -> None:
    ledger = FileLedger(tmp_path / "state")
    files = write(tmp_path / "out", "c1", ledger)  # committed, killed before the mark was cleared
    assert recover_files(tmp_path / "out", ledger, committed=set(files)).removed == []
    assert data_files(tmp_path / "out") == files


def test_lock_refuses_a_second_holder_and_names_it(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pipelines.locks import DirectoryLock; "
         f"DirectoryLock.acquire({str(tmp_path)!r}, 'crawl-A'); print('locked', flush=True); sys.stdin.read()"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(DirectoryInUseError, match=rf"crawl crawl-A \(pid {holder.pid} on host "):
            DirectoryLock.acquire(tmp_path, "crawl-B")
        registry = tmp_path / "sites.yaml"
        registry.write_text("sites:\n  - {slug: a, name: A, province: Bắc Kạn, start_urls: 'http://127.0.0.1:9/'}\n",
                            encoding="utf-8")
        result = run_congdoan("crawl", "--sites-file", str(registry), "--out", str(tmp_path),
                              "--state", str(tmp_path / "state"), timeout=120)
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and f"pid {holder.pid}" in lines[0] and "crawl-A" in lines[0], result.stderr
        assert not (tmp_path / "_runs").exists() and not (tmp_path / "state").exists()
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()
    lock = DirectoryLock.acquire(tmp_path, "crawl-C")  # the holder ended cleanly: free, not stale
    assert lock.stale is None
    lock.release()


def test_stale_lock_of_a_killed_crawl_is_taken_over(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (tmp_path / LOCK_FILE).write_text(json.dumps({"pid": int(dead.stdout), "host": "h", "crawl_id": "killed"}))
    lock = DirectoryLock.acquire(tmp_path, "next")
    try:
        assert lock.stale is not None and lock.stale["crawl_id"] == "killed"
        assert json.loads((tmp_path / LOCK_FILE).read_text())["crawl_id"] == "next"
    finally:
        lock.release()
    assert (tmp_path / LOCK_FILE).read_text() == ""
