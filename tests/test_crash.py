"""A crawl killed with SIGKILL mid-run, then resumed: nothing lost, nothing stored twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq

from crawler.sampleserver import SampleSites
from pipelines.parquet import data_files, read_corpus
from pipelines.urls import url_key
from tests.helpers import FAST, ROOT, crawl, load_gold, write_registry


def test_kill_9_then_resume(tmp_path: Path, sample_sites: SampleSites) -> None:
    registry = write_registry(tmp_path / "sites.yaml", sample_sites.registry_entries())
    out, state = tmp_path / "out", tmp_path / "state"
    # Small files and a polite delay: the crawl takes several seconds and writes a file every three records, so
    # there is committed work when it is killed.
    slow = [*FAST, "-s", "DOWNLOAD_DELAY=0.05", "-s", "CONGDOAN_ROWS_PER_FILE=3"]
    process = subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl", "--sites-file", str(registry),
                                "--out", str(out), "--state", str(state), *slow],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len([f for f in data_files(out) if f.startswith("site=")]) < 3 and process.poll() is None:
        assert time.monotonic() < deadline, "the crawl wrote no files"
        time.sleep(0.02)  # polling for files to appear, not waiting for timing to pass
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert not (out / "_runs").exists(), "the crawl finished before it was killed"
    partial = read_corpus(out).num_rows
    assert partial >= 3
    # A file renamed into place whose state commit the kill cut short is removed when the crawl resumes, and its
    # pages are fetched again: the records kept from the killed run are those of the files still there after.
    rows = {f: pq.read_metadata(out / f).num_rows for f in data_files(out) if f.startswith("site=")}

    result, manifest = crawl(registry, out, state, "-s", "CONGDOAN_ROWS_PER_FILE=3")
    assert result.returncode == 0, result.stderr[-3000:]
    table = read_corpus(out)
    keys = [url_key(u) for u in table.column("url").to_pylist()]
    assert len(keys) == len(set(keys)), "a page was stored twice"
    assert len(set(table.column("content_hash").to_pylist())) == table.num_rows
    def key(gold: dict) -> str:
        return url_key(sample_sites.base_url(gold["site"]) + gold["path"])

    golds = load_gold()
    expected = {key(g) for g in golds if g["expect_stored"]}
    copies = {key(g) for g in golds if g.get("duplicate_of")}  # a republished story may be kept as its copy
    assert len(set(keys)) == len(expected)
    assert set(keys) <= expected | copies
    kept = sum(n for f, n in rows.items() if (out / f).exists())
    assert 0 < kept <= partial
    assert manifest["totals"]["stored"] == table.num_rows - kept
