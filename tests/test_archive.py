"""Raw archive (WARC) and re-extraction: a crawl's archive rebuilds the same records without network, and
``congdoan evaluate --against`` reports what a rule change did per site."""

from __future__ import annotations

import gzip
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from crawler.archive import WarcArchive, archive_files, iter_archive, unfinished_files
from crawler.sampleserver import SampleSites
from pipelines.parquet import DatasetWriter, read_corpus
from pipelines.urls import canonicalize_url
from tests.helpers import FAST, crawl, crawl_and_kill, run_congdoan, write_registry

SITES = ("php-a", "php-b", "legacy-a")


@pytest.fixture(scope="module")
def archived_crawl(sample_sites: SampleSites, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("archive")
    entries = [e for e in sample_sites.registry_entries() if e["slug"] in SITES]
    registry = write_registry(base / "sites.yaml", entries)
    out, warc = base / "out", base / "warc"
    result, manifest = crawl(registry, out, base / "state", "--archive", str(warc))
    assert result.returncode == 0, result.stderr[-3000:]
    rebuilt = run_congdoan("reextract", "--sites-file", str(registry), "--archive", str(warc),
                           "--out", str(base / "re"))
    runs = sorted((base / "re" / "_runs").glob("*.json"))
    return {"base": base, "registry": registry, "out": out, "warc": warc, "manifest": manifest,
            "rebuilt": rebuilt, "re_manifest": json.loads(runs[-1].read_text()) if runs else None}


def test_archive_holds_every_fetched_page_as_request_and_response(archived_crawl: dict) -> None:
    warc = archived_crawl["warc"]
    files = archive_files(warc)
    assert files and not unfinished_files(warc)
    assert all(f.name.startswith(archived_crawl["manifest"]["crawl_id"]) for f in files)
    kinds: dict[str, int] = {}
    responses, requests = set(), set()
    with open(files[0], "rb") as fh:
        for record in ArchiveIterator(fh):
            kinds[record.rec_type] = kinds.get(record.rec_type, 0) + 1
            if record.rec_type == "response":
                responses.add(record.rec_headers.get_header("WARC-Record-ID"))
            elif record.rec_type == "request":
                requests.add(record.rec_headers.get_header("WARC-Concurrent-To"))
                assert record.http_headers.get_header("User-Agent", "").startswith("congdoan-corpus")
    assert kinds["warcinfo"] == 1 and requests == responses
    pages = [r for r in iter_archive(files) if r.site]
    # every site response the manifest counted, and robots.txt answers, are in the archive
    assert len(pages) >= archived_crawl["manifest"]["totals"]["responses"]
    archived_urls = {canonicalize_url(r.url) for r in pages if r.callback == "parse" and r.status == 200}
    stored = set(read_corpus(archived_crawl["out"]).column("url").to_pylist())
    assert stored <= archived_urls


def test_reextract_reproduces_the_crawl_records_exactly(archived_crawl: dict) -> None:
    rebuilt = archived_crawl["rebuilt"]
    assert rebuilt.returncode == 0, rebuilt.stderr[-3000:]
    crawled = read_corpus(archived_crawl["out"]).sort_by("id")
    again = read_corpus(archived_crawl["base"] / "re").sort_by("id")
    assert crawled.num_rows >= 15
    for name in crawled.column_names:
        if name == "crawl_id":
            continue
        assert crawled.column(name).to_pylist() == again.column(name).to_pylist(), name
    # crawl_id names the re-extraction run; fetched_at stays the archived fetch time
    assert set(again.column("crawl_id").to_pylist()) == {archived_crawl["re_manifest"]["crawl_id"]}
    assert archived_crawl["re_manifest"]["totals"]["stored"] == crawled.num_rows
    assert set(again.column("source").to_pylist()) == {"live"}


def test_reextract_of_a_missing_archive_is_a_usage_error(tmp_path: Path) -> None:
    result = run_congdoan("reextract", "--archive", str(tmp_path / "none"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "no finalised WARC files" in result.stderr
    assert not (tmp_path / "out").exists()


def test_evaluate_against_an_older_corpus_reports_changes_per_site(archived_crawl: dict, tmp_path: Path) -> None:
    """An 'old' corpus whose rules missed some titles and an author, and lost a record: the report says so."""
    table = read_corpus(archived_crawl["out"]).sort_by("id").to_pylist()
    php = [r for r in table if r["site"] == "php-a"]
    assert len(php) >= 4
    php[0]["title"] = php[1]["title"] = "Trang chủ"
    php[2]["author"] = None if php[2]["author"] else "Ai đó"
    dropped = php[3]["id"]
    writer = DatasetWriter(tmp_path / "old", "20200101T000000Z-000000")
    for row in table:
        if row["id"] != dropped:
            writer.add_record(row)
    writer.flush()
    result = run_congdoan("evaluate", "--against", str(tmp_path / "old"), "--archive", str(archived_crawl["warc"]),
                          "--sites-file", str(archived_crawl["registry"]))
    assert result.returncode == 0, result.stderr[-3000:]
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line.strip()}
    head = rows["site"]
    php_row = dict(zip(head, rows["php-a"], strict=True))
    assert php_row["records"] == f"{len(php) - 1}->{len(php)}"
    assert (php_row["+new"], php_row["-gone"], php_row["title~"], php_row["author~"]) == ("1", "0", "2", "1")
    other = dict(zip(head, rows["php-b"], strict=True))
    assert (other["+new"], other["-gone"], other["title~"], other["date~"], other["text~"]) == ("0",) * 5


def _exchange(archive: WarcArchive, n: int, body: bytes, headers: dict[str, str]) -> None:
    url = f"http://127.0.0.1:9/bai-{n}.html"
    archive.write(Request(url), HtmlResponse(url, body=body, headers=headers),
                  datetime(2026, 11, 30, 7, 0, n, 123456, tzinfo=UTC), {"Site": "s", "Callback": "parse"})


def test_archive_rotates_by_size_and_finalises_atomically(tmp_path: Path) -> None:
    archive = WarcArchive(tmp_path, "20261130T070000Z-abcdef", max_bytes=4000)
    for n in range(12):
        _exchange(archive, n, ("<p>" + "công đoàn " * 40 + f"{n}</p>").encode() * 3, {"Content-Type": "text/html"})
    assert len(archive_files(tmp_path)) >= 2
    assert len(unfinished_files(tmp_path)) == 1  # the current file is not finalised yet: readers skip it
    archive.close()
    assert not unfinished_files(tmp_path)
    records = list(iter_archive(archive_files(tmp_path)))
    assert [r.url for r in records] == [f"http://127.0.0.1:9/bai-{n}.html" for n in range(12)]
    assert records[5].fetched_at == datetime(2026, 11, 30, 7, 0, 5, 123456, tzinfo=UTC)


def test_a_killed_writer_leaves_only_its_open_file(tmp_path: Path) -> None:
    archive = WarcArchive(tmp_path, "20261130T070000Z-abcdef", max_bytes=10**9)
    _exchange(archive, 1, b"<p>mot</p>", {"Content-Type": "text/html"})
    archive.finalise()
    _exchange(archive, 2, b"<p>hai</p>", {"Content-Type": "text/html"})
    archive._fh.flush()  # the process dies here: no finalise, no close
    crashed = tmp_path / "copy"
    shutil.copytree(tmp_path, crashed, ignore=shutil.ignore_patterns("copy"))
    archive.close()
    assert [p.name for p in unfinished_files(crashed)] == [".20261130T070000Z-abcdef-00002.warc.gz.open"]
    assert [r.url for r in iter_archive(archive_files(crashed))] == ["http://127.0.0.1:9/bai-1.html"]


def test_compressed_responses_are_stored_as_served_and_decoded_as_in_the_crawl(tmp_path: Path) -> None:
    html = "<html><body><p>Công đoàn tỉnh trao quà Tết</p></body></html>".encode()
    served = gzip.compress(html)
    archive = WarcArchive(tmp_path, "c", max_bytes=10**9)
    _exchange(archive, 1, served, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip",
                                   "Transfer-Encoding": "chunked"})
    archive.close()
    (stored,) = iter_archive(archive_files(tmp_path))
    assert stored.body == served
    assert ("Content-Encoding", "gzip") in stored.headers
    assert all(k.lower() != "transfer-encoding" for k, _ in stored.headers)
    response = stored.to_response()
    decoded = HttpCompressionMiddleware.from_crawler(get_crawler()).process_response(response.request, response)
    assert isinstance(decoded, HtmlResponse) and decoded.body == html


def test_kill_9_leaves_finalised_files_whole_and_every_committed_record_archived(
        sample_sites: SampleSites, tmp_path: Path) -> None:
    """The archive is finalised before each Parquet commit: after SIGKILL, every stored record's response is in
    a finalised, readable file; at most the one open file is lost; a resumed crawl completes the archive."""
    import pyarrow.parquet as pq

    from pipelines.dedupe import DedupeIndex

    entries = [e for e in sample_sites.registry_entries() if e["slug"] in SITES]
    registry = write_registry(tmp_path / "sites.yaml", entries)
    out, state, warc = tmp_path / "out", tmp_path / "state", tmp_path / "warc"
    # One flush writes a file per site: files of a second flush mean the first was committed (flushes run one
    # after the other), so the kill leaves committed records to check.
    crawl_and_kill(out, "--sites-file", str(registry), "--state", str(state), "--archive", str(warc),
                   *FAST, "-s", "CONGDOAN_ROWS_PER_FILE=3", "-s", "DOWNLOAD_DELAY=0.05", files=len(SITES) + 1)
    assert len(unfinished_files(warc)) <= 1
    archived = {canonicalize_url(r.url) for r in iter_archive(archive_files(warc))}  # reads every file whole
    index = DedupeIndex.open(state)
    committed = sorted(f for f in index.committed_files() if f.startswith("site="))
    index.close()
    # a file renamed but not committed when the process died is an orphan, removed by the next crawl
    stored = {u for f in committed for u in pq.read_table(out / f, columns=["url"]).column("url").to_pylist()}
    assert stored and stored <= archived

    result, _ = crawl(registry, out, state, "--archive", str(warc), "-s", "CONGDOAN_ROWS_PER_FILE=3")
    assert result.returncode == 0, result.stderr[-3000:]
    rebuilt = run_congdoan("reextract", "--sites-file", str(registry), "--archive", str(warc),
                           "--out", str(tmp_path / "re"))
    assert rebuilt.returncode == 0, rebuilt.stderr[-3000:]
    assert "left unfinished by an interrupted crawl" in rebuilt.stderr or not unfinished_files(warc)
    crawled, again = read_corpus(out).sort_by("id"), read_corpus(tmp_path / "re").sort_by("id")
    for name in ("id", "url", "title", "text", "published_at", "author"):
        assert crawled.column(name).to_pylist() == again.column(name).to_pylist(), name
