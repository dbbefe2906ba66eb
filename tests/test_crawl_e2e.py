"""End to end: crawl every sample site over loopback and check the Parquet corpus, then crawl again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

from crawler.provinces import province_2025
from crawler.sampleserver import SampleSites
from pipelines.parquet import data_files, read_corpus, read_duplicates
from pipelines.schema import FILE_SCHEMA, RECORD_SCHEMA
from pipelines.urls import canonicalize_url
from tests.helpers import crawl, load_gold, write_registry


def gold_url(sites: SampleSites, gold: dict) -> str:
    return canonicalize_url(sites.base_url(gold["site"]) + gold["path"])


@pytest.fixture(scope="module")
def first_crawl(sample_sites: SampleSites, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("crawl")
    registry = write_registry(base / "sites.yaml", sample_sites.registry_entries())
    out, state = base / "out", base / "state"
    result, manifest = crawl(registry, out, state)
    files_after_first = data_files(out)
    table = read_corpus(out)
    duplicates = read_duplicates(out)
    logged = {slug: len(sample_sites.request_log(slug)) for slug in sample_sites.sites}
    second, second_manifest = crawl(registry, out, state)
    second_requests = {slug: sample_sites.request_log(slug)[n:] for slug, n in logged.items()}
    return {"result": result, "manifest": manifest, "out": out, "table": table, "duplicates": duplicates,
            "files_after_first": files_after_first, "second": second, "second_manifest": second_manifest,
            "second_requests": second_requests}


def test_crawl_completes_with_exit_0(first_crawl: dict) -> None:
    result, manifest = first_crawl["result"], first_crawl["manifest"]
    assert result.returncode == 0, result.stderr[-3000:]
    assert manifest["finish_reason"] == "finished"
    assert "TOTAL" in result.stdout and "stored" in result.stdout


def test_every_expected_article_stored_exactly_once(first_crawl: dict, sample_sites: SampleSites) -> None:
    table = first_crawl["table"]
    urls = table.column("url").to_pylist()
    assert len(urls) == len(set(urls)), "a URL was stored twice"
    assert len(set(table.column("id").to_pylist())) == table.num_rows
    golds = load_gold()
    expected = {gold_url(sample_sites, g) for g in golds if g["expect_stored"]}
    assert len(expected) >= 40
    # a story republished on another site counts as stored when the crawl met the copy first
    copy_of = {canonicalize_url(sample_sites.base_url(g["duplicate_of"].split(":", 1)[0])
                                + g["duplicate_of"].split(":", 1)[1]): gold_url(sample_sites, g)
               for g in golds if g.get("duplicate_of")}
    missing = {u for u in expected - set(urls) if copy_of.get(u) not in urls}
    assert not missing, f"{len(missing)} expected articles missing, e.g. {sorted(missing)[:5]}"


def test_no_two_records_share_a_normalised_body(first_crawl: dict) -> None:
    from pipelines.dedupe import content_hash

    table = first_crawl["table"]
    hashes = [content_hash(text) for text in table.column("text").to_pylist()]
    assert hashes == table.column("content_hash").to_pylist()
    assert len(set(hashes)) == table.num_rows


def test_no_listing_other_or_foreign_page_is_stored(first_crawl: dict, sample_sites: SampleSites) -> None:
    urls = set(first_crawl["table"].column("url").to_pylist())
    unwanted = {gold_url(sample_sites, g) for g in load_gold()
                if g["page_type"] != "article" or g["language"] != "vi"}
    assert unwanted, "the sample sites must contain listing and non-Vietnamese pages"
    assert not urls & unwanted


def test_stored_text_has_no_chrome_and_is_nfc(first_crawl: dict, sample_sites: SampleSites) -> None:
    import unicodedata

    by_url = dict(zip(first_crawl["table"].column("url").to_pylist(),
                      first_crawl["table"].column("text").to_pylist(), strict=True))
    checked = 0
    for gold in load_gold():
        text = by_url.get(gold_url(sample_sites, gold))
        if text is None:
            continue
        checked += 1
        assert unicodedata.is_normalized("NFC", text)
        for chrome in gold["must_not_contain"]:
            assert chrome not in text, f"{gold['site']}{gold['path']}: {chrome!r} leaked"
    assert checked >= 40


def test_files_follow_the_schema(first_crawl: dict) -> None:
    out = first_crawl["out"]
    files = [f for f in first_crawl["files_after_first"] if f.startswith("site=")]
    assert files
    for rel in files:
        assert pq.read_schema(out / rel).remove_metadata().equals(FILE_SCHEMA.remove_metadata())
    assert first_crawl["table"].schema.remove_metadata().equals(RECORD_SCHEMA.remove_metadata())
    frame = pd.read_parquet(out)
    assert len(frame) == first_crawl["table"].num_rows
    assert frame["published_at"].dt.tz is not None


def test_records_carry_crawl_context(first_crawl: dict, sample_sites: SampleSites) -> None:
    frame = first_crawl["table"].to_pandas()
    provinces = {e["slug"]: e["province"] for e in sample_sites.registry_entries()}
    assert (frame["province"] == frame["site"].astype(str).map(provinces)).all()
    # and the province each belongs to since the July 2025 merger
    assert (frame["province_2025"] == frame["province"].map(province_2025)).all()
    assert frame["province_2025"].notna().all()
    assert (frame["crawl_id"] == first_crawl["manifest"]["crawl_id"]).all()
    assert (frame["language"] == "vi").all()
    assert (frame["word_count"] > 0).all()


def test_copies_are_stored_once_and_logged_in_the_sidecar(first_crawl: dict, sample_sites: SampleSites) -> None:
    """A republished story: whichever copy the crawl met first is kept, the other goes to ``_duplicates/``."""
    table, sidecar = first_crawl["table"], first_crawl["duplicates"].to_pylist()
    ids = dict(zip(table.column("url").to_pylist(), table.column("id").to_pylist(), strict=True))
    copies = [g for g in load_gold() if g.get("duplicate_of")]
    assert copies, "the sample sites must republish stories"
    cross_site = 0
    for gold in copies:
        site, path = gold["duplicate_of"].split(":", 1)
        original = canonicalize_url(sample_sites.base_url(site) + path)
        copy = gold_url(sample_sites, gold)
        if copy == original:
            continue  # a print view whose URL canonicalises to the article's: fetched once
        kept = [u for u in (original, copy) if u in ids]
        assert len(kept) == 1, f"{copy} and {original}: stored {len(kept)} times"
        if site != gold["site"]:
            cross_site += 1
            dropped = copy if kept[0] == original else original
            rows = [r for r in sidecar if r["url"] == dropped]
            assert rows and rows[0]["duplicate_of"] == ids[kept[0]]
            assert rows[0]["reason"] in {"exact", "near"} and rows[0]["similarity"] >= 0.8
    assert cross_site >= 1


def test_bad_pages_are_counted_not_fatal(first_crawl: dict) -> None:
    manifest = first_crawl["manifest"]
    errors: dict[str, int] = {}
    for site in manifest["sites"].values():
        for kind, n in site["errors"].items():
            errors[kind] = errors.get(kind, 0) + n
    assert errors.get("http_404", 0) >= 1
    assert errors.get("http_500", 0) >= 1
    assert errors.get("oversized", 0) >= 1
    assert manifest["totals"]["dropped"]["non_vietnamese"] >= 1
    assert manifest["totals"]["dropped"]["listing"] >= 16


def test_second_crawl_adds_nothing(first_crawl: dict) -> None:
    second, manifest = first_crawl["second"], first_crawl["second_manifest"]
    assert second.returncode == 0, second.stderr[-3000:]
    assert manifest["totals"]["stored"] == 0
    assert manifest["totals"]["dropped"]["duplicate"] == 0
    assert data_files(first_crawl["out"]) == first_crawl["files_after_first"]
    skipped = sum(s["skipped"].get("already_stored", 0) for s in manifest["sites"].values())
    assert skipped >= first_crawl["table"].num_rows  # stored articles are not even fetched again


def test_second_crawl_requests_no_stored_article(first_crawl: dict, sample_sites: SampleSites) -> None:
    from urllib.parse import urlsplit

    from pipelines.urls import url_key

    table = first_crawl["table"]
    stored = {(str(site), url_key(url)) for site, url in zip(table.column("site").to_pylist(),
                                                             table.column("url").to_pylist(), strict=True)}
    requested = {(slug, url_key(sample_sites.base_url(slug) + target))
                 for slug, targets in first_crawl["second_requests"].items() for target in targets}
    assert sum(map(len, first_crawl["second_requests"].values())) > 16  # start pages and listings again
    assert not stored & requested, sorted(stored & requested)[:5]
    assert all(urlsplit(u).path for u in table.column("url").to_pylist())


def test_robots_txt_is_obeyed(first_crawl: dict, sample_sites: SampleSites) -> None:
    import urllib.request
    import urllib.robotparser

    checked = disallowed = 0
    for entry in sample_sites.registry_entries():
        slug = entry["slug"]
        base = sample_sites.base_url(slug)
        parser = urllib.robotparser.RobotFileParser()
        try:
            with urllib.request.urlopen(base + "/robots.txt") as response:  # noqa: S310 (loopback)
                parser.parse(response.read().decode("utf-8").splitlines())
        except OSError:
            continue  # no robots.txt: everything allowed
        log = set(sample_sites.request_log(slug))
        for target in log - {"/robots.txt"}:
            assert parser.can_fetch("congdoan-corpus", base + target), target
            checked += 1
        for gold in load_gold():
            if gold["site"] == slug and not parser.can_fetch("congdoan-corpus", base + gold["path"]):
                disallowed += 1
                assert gold["path"] not in log
    assert checked > 100 and disallowed >= 1


def test_crawl_never_leaves_its_site(tmp_path: Path) -> None:
    """aspnet-a links to two other sample sites on other ports: crawling it alone must not touch them."""
    with SampleSites(slugs=["aspnet-a", "php-a", "joomla-a"]) as sites:
        entries = [e for e in sites.registry_entries() if e["slug"] == "aspnet-a"]
        registry = write_registry(tmp_path / "sites.yaml", entries)
        result, manifest = crawl(registry, tmp_path / "out", tmp_path / "state")
        assert result.returncode == 0, result.stderr[-3000:]
        assert manifest["totals"]["stored"] >= 3
        assert sites.request_log("php-a") == [] and sites.request_log("joomla-a") == []


def test_unreachable_site_is_reported_with_exit_1(tmp_path: Path, sample_sites: SampleSites) -> None:
    import socket

    with socket.socket() as sock:  # a port with nothing listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    entries = [{"slug": "gone", "name": "LĐLĐ tỉnh Bắc Kạn", "province": "Bắc Kạn",
                "start_urls": f"http://127.0.0.1:{port}/"},
               *[e for e in sample_sites.registry_entries() if e["slug"] == "php-b"]]
    registry = write_registry(tmp_path / "sites.yaml", entries)
    result, manifest = crawl(registry, tmp_path / "out", tmp_path / "state")
    assert result.returncode == 1
    assert manifest["silent_sites"] == ["gone"]
    assert manifest["sites"]["gone"]["errors"].get("unreachable", 0) >= 1
    assert manifest["sites"]["php-b"]["stored"] >= 3  # the other site is crawled all the same
    assert "Traceback" not in result.stderr


def test_scrapy_native_commands(tmp_path: Path, sample_sites: SampleSites) -> None:
    """`scrapy list` names one spider per registry entry; `scrapy crawl site -a site=SLUG` crawls like congdoan."""
    import subprocess
    import sys

    from crawler.registry import load_registry
    from tests.helpers import ROOT

    listed = subprocess.run([sys.executable, "-m", "scrapy", "list"], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert set(listed.stdout.split()) == {"site"} | {s.slug for s in load_registry()}

    registry = write_registry(tmp_path / "sites.yaml", sample_sites.registry_entries())
    out = tmp_path / "out"
    settings = {"CONGDOAN_SITES_FILE": registry, "CONGDOAN_OUT": out, "CONGDOAN_STATE": tmp_path / "state",
                "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}
    command = [sys.executable, "-m", "scrapy", "crawl", "site", "-a", "site=php-a"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    table = read_corpus(out)
    assert table.num_rows >= 5
    assert set(table.column("site").to_pylist()) == {"php-a"}
    assert list((out / "_runs").glob("*.json"))


def test_crawl_process_leaves_extraction_libraries_to_its_workers(tmp_path: Path) -> None:
    """The crawl process ships pages to extraction workers: it never imports trafilatura (nor pandas, which
    pyarrow would load on its first conversion, nor the remote console's aiohttp), a second of start-up and
    tens of MiB in every crawl."""
    loaded = tmp_path / "loaded.json"
    extensions = ('{"crawler.manifest.RunManifest": 500, "crawler.progress.Progress": 510, '
                  '"tests.probes.LoadedModules": 900}')
    with SampleSites(slugs=["php-a"]) as sites:
        registry = write_registry(tmp_path / "sites.yaml", sites.registry_entries())
        result, manifest = crawl(registry, tmp_path / "out", tmp_path / "state", "-s", f"EXTENSIONS={extensions}",
                                 "-s", f"TEST_LOADED_MODULES_FILE={loaded}", "-s", "CONGDOAN_EXTRACT_WORKERS=1")
    assert result.returncode == 0, result.stderr[-3000:]
    assert manifest["totals"]["stored"] >= 3  # pages were extracted (in the worker)
    assert json.loads(loaded.read_text()) == []
