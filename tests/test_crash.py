"""A crawl killed with SIGKILL mid-run, then resumed: nothing lost, nothing stored twice; a crawl with another
state into the same directory deletes nothing of the first."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pyarrow.parquet as pq

from crawler.sampleserver import SampleSites
from pipelines.parquet import data_files, read_corpus
from pipelines.urls import url_key
from tests.helpers import FAST, crawl, crawl_and_kill, load_gold, write_registry


def test_kill_9_then_resume(tmp_path: Path, sample_sites: SampleSites) -> None:
    registry = write_registry(tmp_path / "sites.yaml", sample_sites.registry_entries())
    out, state = tmp_path / "out", tmp_path / "state"
    # Small files and a polite delay: the crawl takes several seconds and writes a file every three records, so
    # there is committed work when it is killed.
    slow = [*FAST, "-s", "DOWNLOAD_DELAY=0.05", "-s", "CONGDOAN_ROWS_PER_FILE=3"]
    crawl_and_kill(out, "--sites-file", str(registry), "--state", str(state), *slow)
    # A file renamed into place whose state commit the kill cut short is pending: removed when the crawl resumes,
    # and its pages fetched again. The records kept from the killed run are those of the files still there after.
    rows = {f: pq.read_metadata(out / f).num_rows for f in data_files(out) if f.startswith("site=")}
    assert sum(rows.values()) >= 3
    # a file merged in from another machine's crawl: not this state's, so the resumed crawl must keep it
    foreign = out / "_duplicates" / "part-19990101T000000Z-abcdef-00001.parquet"
    foreign.parent.mkdir(exist_ok=True)
    shutil.copy(out / next(f for f in data_files(out) if f.startswith("site=")), foreign)
    foreign_digest = hashlib.sha256(foreign.read_bytes()).hexdigest()
    killed_files = set(data_files(out))

    result, manifest = crawl(registry, out, state, "-s", "CONGDOAN_ROWS_PER_FILE=3")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Stale lock" in result.stderr and "was killed before it finished" in result.stderr
    assert hashlib.sha256(foreign.read_bytes()).hexdigest() == foreign_digest
    foreign.unlink()
    # at most the file being written at the kill (pending, never committed) was removed
    assert len(killed_files - set(data_files(out)) - {foreign.relative_to(out).as_posix()}) <= 1
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
    assert 0 < kept <= sum(rows.values())
    assert manifest["totals"]["stored"] == table.num_rows - kept


def test_second_state_into_same_directory_keeps_the_first_corpus(tmp_path: Path,
                                                                 sample_sites: SampleSites) -> None:
    entries = [e for e in sample_sites.registry_entries() if e["slug"] in ("php-a", "wordpress-a")]
    assert len(entries) == 2
    registry = write_registry(tmp_path / "sites.yaml", entries)
    out = tmp_path / "out"
    result_a, manifest_a = crawl(registry, out, tmp_path / "state-a")
    assert result_a.returncode == 0, result_a.stderr[-3000:]
    files_a = data_files(out)
    digests_a = {f: hashlib.sha256((out / f).read_bytes()).hexdigest() for f in files_a}
    assert manifest_a["totals"]["stored"] > 0 and files_a

    result_b, manifest_b = crawl(registry, out, tmp_path / "state-b")  # a trial run, a lost state, a 2nd machine
    assert result_b.returncode == 0, result_b.stderr[-3000:]
    assert "Removed" not in result_b.stderr
    assert f"Kept {len(files_a)} file(s)" in result_b.stderr
    assert {f: hashlib.sha256((out / f).read_bytes()).hexdigest() for f in files_a} == digests_a
    files_b = set(data_files(out)) - set(files_a)
    assert files_b and manifest_b["totals"]["stored"] == manifest_a["totals"]["stored"]
    assert read_corpus(out).num_rows == 2 * manifest_a["totals"]["stored"]  # both corpora, whole
