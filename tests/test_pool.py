"""The extraction pool: results, per-page time limit, replaced workers, clean shutdown, and in a crawl."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from crawler.sampleserver import SampleSites
from pipelines.pool import ExtractPool, Outcome, default_workers
from pipelines.profile import page_keys
from tests.extractors import HANG_MARKER
from tests.helpers import ROOT, crawl, load_gold, write_registry


def run_jobs(pool: ExtractPool, urls: list[str], **kwargs: object) -> list[Outcome]:
    """Submit one job per URL and wait for every outcome (in submission order)."""
    return run_pages(pool, [(b"<html></html>", url) for url in urls], **kwargs)


def run_pages(pool: ExtractPool, pages: list[tuple[bytes, str]], **kwargs: object) -> list[Outcome]:
    """Submit one job per (body, URL) and wait for every outcome (in submission order)."""
    outcomes: dict[int, Outcome] = {}
    finished = threading.Event()

    def done(n: int):
        def record(outcome: Outcome) -> None:
            outcomes[n] = outcome
            if len(outcomes) == len(pages):
                finished.set()
        return record

    for n, page in enumerate(pages):
        pool.submit(page, dict(kwargs), done(n))
    assert finished.wait(300), "the pool never answered"
    return [outcomes[n] for n in range(len(pages))]


def process_gone(pid: int) -> bool:
    """True when the process no longer exists, or is a zombie nobody reaped."""
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return True
    state = next((line for line in status.read_text().splitlines() if line.startswith("State:")), "")
    return "Z" in state


def test_pool_extracts_and_forwards_keyword_arguments() -> None:
    with ExtractPool(2, timeout=60, function="tests.extractors.echo") as pool:
        outcomes = run_jobs(pool, [f"http://a.test/{n}" for n in range(6)], content_type="text/html",
                            profile={"title": "h1"})
    assert [o.status for o in outcomes] == ["ok"] * 6
    assert [o.value["url"] for o in outcomes] == [f"http://a.test/{n}" for n in range(6)]
    assert outcomes[0].value["kwargs"] == ["content_type", "profile"]
    assert pool.replaced == 0


def test_a_hanging_page_times_out_its_worker_is_replaced_and_nothing_is_left_behind() -> None:
    pool = ExtractPool(1, timeout=3, function="tests.extractors.echo")
    outcomes = run_jobs(pool, ["http://a.test/1", f"http://a.test/{HANG_MARKER}", "http://a.test/2",
                               "http://a.test/raise", "http://a.test/die", "http://a.test/3"])
    pool.close()
    assert [o.status for o in outcomes] == ["ok", "timeout", "ok", "error", "crashed", "ok"]
    assert "asked to fail" in outcomes[3].value
    assert pool.replaced == 2
    first, second, third = (outcomes[n].value["pid"] for n in (0, 2, 5))
    assert first != second != third, "a hung or dead worker must be replaced by a new process"
    deadline = threading.Event()
    for pid in (first, second, third):
        for _ in range(100):  # the forkserver reaps its children asynchronously: allow it a moment
            if process_gone(pid):
                break
            deadline.wait(0.1)
        assert process_gone(pid), f"worker {pid} still running after close()"
    with pytest.raises(RuntimeError):
        pool.submit((b"", "http://a.test/late"), {}, lambda outcome: None)


def test_a_large_page_queued_behind_a_hanging_one_is_sent_again_and_extracted() -> None:
    """A worker holds the next job in its pipe while it extracts one. A page too large for the pipe, queued
    behind a page that hangs, keeps the feeding thread waiting to hand it over: the watchdog must still end the
    hang at the time limit, and the large page go to the fresh worker."""
    pool = ExtractPool(1, timeout=3, function="tests.extractors.echo")
    outcomes = run_pages(pool, [(b"<html></html>", f"http://a.test/{HANG_MARKER}"),
                                (b"x" * (8 << 20), "http://a.test/big"), (b"<html></html>", "http://a.test/after")])
    pool.close()
    assert [outcome.status for outcome in outcomes] == ["timeout", "ok", "ok"]
    assert outcomes[1].value["size"] == 8 << 20
    assert pool.replaced == 1


def test_pool_settings_are_checked() -> None:
    assert default_workers() >= 1
    with pytest.raises(ValueError):
        ExtractPool(0, timeout=1)
    with pytest.raises(ValueError):
        ExtractPool(1, timeout=0)
    with pytest.raises((ImportError, AttributeError)):
        ExtractPool(1, timeout=1, function="tests.extractors.no_such_function")


def test_crawl_counts_a_stuck_page_as_extract_timeout_and_stores_the_others(
        sample_sites: SampleSites, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    slug = "php-a"
    entry = next(e for e in sample_sites.registry_entries() if e["slug"] == slug)
    registry = write_registry(tmp_path / "sites.yaml", [entry])
    stuck = next(g for g in load_gold() if g["site"] == slug and g["expect_stored"])
    monkeypatch.setenv("CONGDOAN_TEST_HANG_PATH", stuck["path"])  # the crawl's workers hang on this page
    result, manifest = crawl(registry, tmp_path / "out", tmp_path / "state",
                             "-s", "CONGDOAN_EXTRACT_FUNCTION=tests.extractors.hang_on_marker",
                             "-s", "CONGDOAN_EXTRACT_TIMEOUT=20", "-s", "CONGDOAN_EXTRACT_WORKERS=2")
    assert result.returncode == 0, result.stderr[-3000:]
    site = manifest["sites"][slug]
    assert site["errors"].get("extract_timeout") == 1, json.dumps(site)
    expected = sum(1 for g in load_gold() if g["site"] == slug and g["expect_stored"])
    assert site["stored"] >= expected - 1 >= 1
    assert "congdoan-extract" not in result.stderr


def test_a_job_can_ask_the_worker_for_its_page_keys_too() -> None:
    page = ("<html><body><ul class='menu'><li><a href='/a'>Trang chủ của liên đoàn</a></li>"
            "<li><a href='/b'>Tin tức hoạt động công đoàn</a></li></ul>"
            "<p>Liên đoàn Lao động tỉnh tổ chức hội nghị tổng kết năm.</p></body></html>").encode()
    outcomes: list[Outcome] = []
    finished = threading.Event()

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if len(outcomes) == 2:
            finished.set()

    with ExtractPool(1, timeout=60) as pool:
        pool.submit((page, "http://a.test/1"), {}, done, also="pipelines.profile.page_keys")
        pool.submit((page, "http://a.test/2"), {}, done, also="tests.extractors.no_such_function")
        assert finished.wait(300), "the pool never answered"
    asked, failed = sorted(outcomes, key=lambda o: o.value["url"])
    assert asked.status == "ok" and asked.extra == page_keys(page) and asked.extra
    # the extra failing costs nothing but the extra: the page is extracted all the same
    assert failed.status == "ok" and failed.value["url"] == "http://a.test/2" and failed.extra is None


def test_the_forkserver_imports_the_extractor_before_any_page_arrives(tmp_path: Path) -> None:
    """A new pool starts its forkserver (which imports the extractor) at once, in the background: in a fresh
    process, with no job submitted, the extractor module is imported in a child process."""
    marker = tmp_path / "imported"
    script = f"""
import os, time
os.environ["CONGDOAN_TEST_IMPORT_MARKER"] = {str(marker)!r}
from pipelines.pool import ExtractPool
pool = ExtractPool(1, timeout=60, function="tests.import_marker.echo")  # imports it here too, to check the name
def importers():
    return open({str(marker)!r}).read().split() if os.path.exists({str(marker)!r}) else []
deadline = time.monotonic() + 120
while str(os.getpid()) in importers() and len(importers()) < 2 and time.monotonic() < deadline:
    time.sleep(0.05)
print(os.getpid(), *importers())
pool.close()
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    parent, *importers = result.stdout.split()
    assert len(importers) == 2 and parent in importers  # the parent, and a child: the forkserver


def test_workers_start_with_the_extractor_and_dedupe_imported_and_without_pyarrow() -> None:
    """Workers are forked from a forkserver that imported pipelines/preload.py: the extractor and the dedupe
    fingerprint are there before their first job, and nothing of the record schema's pyarrow (the crawl process
    writes Parquet; a worker never needs it)."""
    names = "pipelines.extract.page,pipelines.dedupe,pipelines.profile,pyarrow"
    with ExtractPool(1, timeout=60, function="tests.extractors.loaded") as pool:
        [outcome] = run_jobs(pool, [f"http://a.test/?{names}"])
    assert outcome.status == "ok"
    assert outcome.value == {"pipelines.extract.page": True, "pipelines.dedupe": True, "pipelines.profile": True,
                             "pyarrow": False}
