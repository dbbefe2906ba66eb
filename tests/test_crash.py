"""A crawl killed with SIGKILL mid-run, then resumed: nothing lost, nothing stored twice."""

from __future__ import annotations

from pathlib import Path

from crawler.sampleserver import SampleSites
from pipelines.parquet import read_corpus
from pipelines.urls import url_key
from tests.helpers import FAST, crawl, crawl_and_kill, load_gold, write_registry


def test_kill_9_then_resume(tmp_path: Path, sample_sites: SampleSites) -> None:
    registry = write_registry(tmp_path / "sites.yaml", sample_sites.registry_entries())
    out, state = tmp_path / "out", tmp_path / "state"
    # Small files and a polite delay (all sample sites share one host, so one download slot): the crawl takes
    # several seconds and writes a file every three records, so there is committed work when it is killed.
    slow = [*FAST, "-s", "DOWNLOAD_DELAY=0.05", "-s", "CONGDOAN_ROWS_PER_FILE=3"]
    crawl_and_kill(out, "--sites-file", str(registry), "--state", str(state), *slow)
    partial = read_corpus(out).num_rows
    assert partial >= 3

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
    assert manifest["totals"]["stored"] == table.num_rows - partial
