"""A crawl of the hostile site: nothing forbidden requested, nothing crashed, the right counts in the manifest,
the real articles stored, secrets never written down, and the crawl ends by itself."""

from __future__ import annotations

import json
import resource
import time
from collections.abc import Iterator
from typing import Any

import pytest

from pipelines.parquet import read_corpus, read_duplicates
from pipelines.urls import url_key
from tests.helpers import crawl, write_registry
from tests.hostile_site import ARCHIVE_PAGES, HostileSite

SECRETS = ("s3cret-pw", "tok-secret", "hunter2-secret")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    base = tmp_path_factory.mktemp("hostile")
    with HostileSite() as site:
        registry = write_registry(base / "sites.yaml", [site.registry_entry()])
        out, state = base / "out", base / "state"
        start = time.monotonic()
        result, manifest = crawl(registry, out, state,
                                 "-s", f"CONGDOAN_EXTRA_BLOCKED_NETWORKS={site.hosts['forbidden']}/32",
                                 "-s", "CONGDOAN_TEST_PASSWORD=hunter2-secret")
        seconds = time.monotonic() - start
        yield {"site": site, "result": result, "manifest": manifest, "out": out, "seconds": seconds,
               "peak_rss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
               "log": {name: site.requests(name) for name in site.hosts}}


def test_crawl_ends_by_itself_without_crashing(hostile: dict) -> None:
    result, manifest = hostile["result"], hostile["manifest"]
    assert result.returncode == 0, result.stderr[-3000:]
    assert manifest["finish_reason"] == "finished"
    assert "Traceback" not in result.stderr
    assert hostile["seconds"] < 120, f"{hostile['seconds']:.0f} s"  # target 60 s; generous for a busy machine
    assert hostile["peak_rss_kib"] < 1024 * 1024, f"{hostile['peak_rss_kib'] // 1024} MiB"


def test_nothing_forbidden_was_requested(hostile: dict) -> None:
    assert hostile["log"]["forbidden"] == []
    assert hostile["log"]["unregistered"] == []
    site_log = hostile["log"]["site"]
    assert not [p for p in site_log if "lol" in p or "passwd" in p or "root:" in p]  # no entity expanded
    assert "/robots.txt" in site_log  # asked, and its off-site redirect refused


def test_real_articles_stored_once(hostile: dict) -> None:
    site, table = hostile["site"], read_corpus(hostile["out"])
    stored = [url_key(u) for u in table.column("url").to_pylist()]
    assert len(stored) == len(set(stored))
    expected = {url_key(site.url("site", path)) for path in site.articles}
    assert expected <= set(stored), sorted(expected - set(stored))[:5]
    assert len([p for p in site.articles if "luu-tru" in p]) == ARCHIVE_PAGES  # the archive, to its end
    titles = dict(zip(stored, table.column("title").to_pylist(), strict=True))
    assert titles[url_key(site.url("site", "/tin/tieu-de-script.html"))] == site.script_title  # text, not markup


def test_manifest_counts_what_was_refused_and_cut(hostile: dict) -> None:
    manifest = hostile["manifest"]
    own = manifest["sites"]["hostile"]
    assert own["stored"] == len(hostile["site"].articles)
    assert own["errors"]["oversized"] == 2  # the 3 MB page and the gzip bomb
    assert own["errors"]["bad_feed"] == 2  # billion laughs, XXE
    assert manifest["totals"]["address_refused"] == 2  # a link and a redirect to the stand-in address
    assert own["skipped"]["address_refused"] == 2
    assert own["skipped"]["offsite"] == 2  # robots.txt and a page redirected off-site
    cut = own["traps"]["cut"]
    assert cut.get("trap_pattern", 0) > 0 and manifest["totals"]["trap_cuts"] == sum(cut.values())
    patterns = own["traps"]["patterns"]
    assert any(p.startswith("/lich/") for p in patterns) and "/l/N" in patterns
    assert manifest["limits"]["CONGDOAN_EXTRA_BLOCKED_NETWORKS"]


def test_secrets_are_never_written_down(hostile: dict) -> None:
    result, out = hostile["result"], hostile["out"]
    written = [result.stdout, result.stderr,
               *(p.read_text(encoding="utf-8") for p in (out / "_runs").glob("*.json")),
               json.dumps(read_corpus(out).column("url").to_pylist()),
               json.dumps(read_duplicates(out).column("url").to_pylist())]
    for text in written:
        for secret in SECRETS:
            assert secret not in text
    assert "token=***" in result.stderr  # the failed link was logged, redacted
