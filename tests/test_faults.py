"""Fault tests: a live loopback site that misbehaves on purpose (see ``tests/livesite.py``).

For each fault: the crawl does not crash, no partial record is stored, the right error is counted, and the
rest of the site is crawled.
"""

from __future__ import annotations

import pytest

from pipelines.parquet import read_corpus
from tests.helpers import crawl, write_registry
from tests.livesite import BAD_FAULTS, GOOD_FAULTS, LiveSite


@pytest.fixture(scope="module")
def fault_crawl(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("faults")
    with LiveSite(articles=12, per_page=4, faults=True, slow_seconds=30) as live:
        registry = write_registry(base / "sites.yaml", [live.registry_entry()])
        result, manifest = crawl(registry, base / "out", base / "state",
                                 "-s", "DOWNLOAD_TIMEOUT=3", "-s", "RETRY_TIMES=1")
        return {"result": result, "manifest": manifest, "site": manifest["sites"]["live"],
                "table": read_corpus(base / "out"), "log": [r.target for r in live.requests()],
                "articles": {a.path: a for a in live.items}, "base": live.base_url}


def _paths(fault_crawl: dict) -> set[str]:
    return {url[len(fault_crawl["base"]):] for url in fault_crawl["table"].column("url").to_pylist()}


def test_nothing_crashes(fault_crawl: dict) -> None:
    result = fault_crawl["result"]
    assert result.returncode == 0, result.stderr[-3000:]
    assert fault_crawl["manifest"]["finish_reason"] == "finished"
    assert "Traceback" not in result.stderr


def test_the_rest_of_the_site_is_crawled(fault_crawl: dict) -> None:
    assert set(fault_crawl["articles"]) <= _paths(fault_crawl)


def test_nothing_partial_is_stored(fault_crawl: dict) -> None:
    paths = _paths(fault_crawl)
    assert not paths & set(BAD_FAULTS)
    assert paths - set(fault_crawl["articles"]) == set(GOOD_FAULTS)
    by_path = {url[len(fault_crawl["base"]):]: row for url, row in zip(
        fault_crawl["table"].column("url").to_pylist(), fault_crawl["table"].to_pylist(), strict=True)}
    for path, article in fault_crawl["articles"].items():
        assert by_path[path]["text"] == article.text  # whole texts, nothing cut


@pytest.mark.parametrize(("fault", "error", "expected"), [
    ("/loi/cham.html", "timeout", 1),  # slow beyond DOWNLOAD_TIMEOUT (after its retry)
    ("/loi/dut.html", "broken_response", 1),  # connection reset mid-body
    ("/loi/vong.html", "redirect_loop", 1),
    ("/loi/anh.html", "non_html", 2),  # a JPEG (image/jpeg) and a PDF served as text/html
    ("/sitemap-lon.xml", "oversized", 1),  # over DOWNLOAD_MAXSIZE
    ("/sitemap-hong.xml", "bad_feed", 2),  # malformed, and a gzip bomb
])
def test_the_right_error_is_counted(fault_crawl: dict, fault: str, error: str, expected: int) -> None:
    assert fault in fault_crawl["log"]
    assert fault_crawl["site"]["errors"].get(error) == expected, fault_crawl["site"]["errors"]


def test_500_then_success_on_retry_is_stored_once_without_error(fault_crawl: dict) -> None:
    assert fault_crawl["log"].count("/loi/500-roi-200.html") == 2
    assert "/loi/500-roi-200.html" in _paths(fault_crawl)
    assert "http_500" not in fault_crawl["site"]["errors"]


def test_wrong_missing_and_broken_charsets(fault_crawl: dict) -> None:
    titles = set(fault_crawl["table"].column("title").to_pylist())
    assert {"Bài khai sai bảng mã", "Bài không khai bảng mã", "Bài có byte hỏng"} <= titles  # no mojibake
    assert fault_crawl["site"]["flags"].get("decode_errors") == 1  # the undecodable bytes, flagged


def test_errors_add_up_in_the_manifest(fault_crawl: dict) -> None:
    site = fault_crawl["site"]
    assert site["error_count"] == sum(site["errors"].values()) == 8
    assert site["stored"] == len(fault_crawl["articles"]) + len(GOOD_FAULTS)
