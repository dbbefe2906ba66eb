"""Backfill from web archives, against the loopback site + archive of ``tests/archive_server.py``.

The site still serves articles 60-89; the Wayback-like archive holds 100 captures: articles 0-79, and 20 other
captures (home, listings, contact pages, a second capture of an article, an article's tracking-parameter
address, the old ``?id=`` address of live article 85, and article 90 that exists only under such an address).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from crawler.backfill import collections_in_range, looks_like_article, month_bounds
from pipelines.parquet import read_corpus, read_duplicates
from pipelines.urls import url_key
from tests.archive_server import ArchiveFixture, article_html, article_path, listing_html
from tests.helpers import FAST, crawl, run_congdoan, write_registry

LIVE = range(60, 90)
CAPTURED = range(0, 80)
EXTRA = [
    ("/", listing_html([article_path(1), article_path(2)])),
    ("/chuyen-muc/tin-tuc", listing_html([article_path(3)])),
    *((f"/chuyen-muc/tin-tuc/trang-{k}", listing_html([article_path(k)])) for k in range(2, 12)),
    ("/lien-he.html", b"<html><body><p>Lien he</p></body></html>"),
    ("/gioi-thieu.html", b"<html><body><p>Gioi thieu</p></body></html>"),
    ("/tin-tuc/hoat-dong-cong-doan-co-so-tinh", listing_html([article_path(k) for k in range(4, 14)])),
    ("/bai-viet.php?id=85", article_html(85)),
    ("/bai-viet.php?id=90", article_html(90)),
    (article_path(5), article_html(5)),  # a second capture of article 5 (collapse=urlkey keeps one)
    ("/tim-kiem?q=cong-doan", listing_html([article_path(6)])),
    (article_path(7) + "?utm_source=facebook", article_html(7)),
]
CC_CAPTURED = [*range(0, 5), *range(100, 105)]


@pytest.fixture(scope="module")
def backfilled(tmp_path_factory: pytest.TempPathFactory) -> Any:
    base = tmp_path_factory.mktemp("backfill")
    with ArchiveFixture(LIVE, CAPTURED, EXTRA, cc_captured=CC_CAPTURED) as archive:
        moved = archive.captures[3]
        archive.moved[moved.timestamp + moved.path] = "20210115000000"  # listed under another time: redirect
        registry = write_registry(base / "sites.yaml", [
            {"slug": "tinh", "name": "LĐLĐ tỉnh thử", "province": "Bắc Kạn", "start_urls": archive.site_url + "/"},
            {"slug": "tinh-cu", "name": "LĐLĐ tỉnh đã đóng", "province": "Bắc Kạn", "status": "offline",
             "start_urls": archive.site_url + "/cu/"},
        ])
        out, state = base / "out", base / "state"
        live, live_manifest = crawl(registry, out, state)
        live_records = read_corpus(out).num_rows
        site_requests = len(archive.requests_to(archive.site_port))

        def backfill(*extra: str) -> Any:
            return run_congdoan("backfill", "--site", "tinh", "--from", "2021-01", "--to", "2021-12",
                                "--sites-file", str(registry), "--out", str(out), "--state", str(state),
                                *FAST, *archive.settings(), *extra)

        first = backfill("--archive", str(base / "warc"))
        after_first = read_corpus(out)
        captures_first = [p for p in archive.requests_to(archive.archive_port) if p.startswith("/web/")]
        second = backfill()
        after_second = read_corpus(out).num_rows
        captures_second = [p for p in archive.requests_to(archive.archive_port)
                           if p.startswith("/web/")][len(captures_first):]
        cc = backfill("--source", "commoncrawl")
        yield {"archive": archive, "base": base, "registry": registry, "out": out, "live": live,
               "live_manifest": live_manifest, "live_records": live_records, "site_requests": site_requests,
               "first": first, "after_first": after_first, "captures_first": captures_first, "second": second,
               "captures_second": captures_second, "after_second": after_second, "cc": cc,
               "final": read_corpus(out),
               "duplicates": read_duplicates(out), "moved": moved}


def _by_n(table: Any) -> dict[str, dict]:
    return {r["url"]: r for r in table.to_pylist()}


def test_live_crawl_skips_the_offline_site_with_a_message(backfilled: dict) -> None:
    live = backfilled["live"]
    assert live.returncode == 0, live.stderr[-3000:]
    assert "tinh-cu is offline" in live.stderr
    assert list(backfilled["live_manifest"]["sites"]) == ["tinh"]
    assert backfilled["live_records"] == len(LIVE)
    archive = backfilled["archive"]
    assert not [p for p in archive.requests_to(archive.site_port) if p.startswith("/cu")]


def test_backfill_stores_every_captured_article_once_next_to_the_live_crawl(backfilled: dict) -> None:
    first = backfilled["first"]
    assert first.returncode == 0, first.stderr[-3000:]
    site = backfilled["archive"].site_url
    table = backfilled["after_first"]
    urls = table.column("url").to_pylist()
    assert len(urls) == len(set(urls)) and len({url_key(u) for u in urls}) == len(urls)
    assert len(set(table.column("content_hash").to_pylist())) == table.num_rows
    records = _by_n(table)
    captured_articles = {site + article_path(n) for n in CAPTURED} | {site + article_path(n) for n in LIVE}
    assert captured_articles | {f"{site}/bai-viet.php?id=90"} == set(records)
    for n in CAPTURED:
        expected = "live" if n in LIVE else "wayback"
        assert records[site + article_path(n)]["source"] == expected, n
    assert records[f"{site}/bai-viet.php?id=90"]["source"] == "wayback"
    assert table.num_rows == len(LIVE) + 60 + 1


def test_no_duplicate_between_live_and_archive(backfilled: dict) -> None:
    """Captures of stored URLs are not fetched; the old address of a live article is a logged duplicate."""
    archive = backfilled["archive"]
    assert len(archive.requests_to(archive.site_port)) == backfilled["site_requests"]  # the site itself: untouched
    fetched = "\n".join(backfilled["captures_first"])
    for n in LIVE:
        assert article_path(n) not in fetched, n
    assert "/lien-he.html" not in fetched and "trang-2" not in fetched and "tim-kiem" not in fetched
    sidecar = backfilled["duplicates"].to_pylist()
    site = backfilled["archive"].site_url
    (copy,) = [d for d in sidecar if d["url"] == f"{site}/bai-viet.php?id=85"]
    kept = _by_n(backfilled["after_first"])[site + article_path(85)]
    assert copy["duplicate_of"] == kept["id"] and copy["reason"] == "exact"
    assert kept["source"] == "live"


def test_each_capture_is_fetched_once_in_its_raw_form(backfilled: dict) -> None:
    captures = backfilled["captures_first"]
    assert all("id_/" in p for p in captures)
    originals = [p.split("id_/", 1)[1] for p in captures]
    moved_path = backfilled["moved"].path
    # the capture listed under another timestamp was redirected once to the stored one
    assert sum(moved_path in o for o in originals) == 2
    assert len(set(originals)) == len(originals) - 1
    # 60 archive-only articles + article 90 + the listing-shaped URL + the old address of 85 (+ 1 redirect)
    assert len(captures) == 60 + 1 + 1 + 1 + 1


def test_backfill_records_carry_capture_time_as_fetched_at(backfilled: dict) -> None:
    archive = backfilled["archive"]
    stamps: dict[str, str] = {}
    for c in sorted(archive.captures, key=lambda c: c.timestamp, reverse=True):  # collapse keeps the first
        stamps[archive.site_url + c.path] = c.timestamp
    wayback = [r for r in backfilled["after_first"].to_pylist() if r["source"] == "wayback"]
    assert wayback
    for record in wayback:
        expected = datetime.strptime(stamps[record["url"]], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        assert record["fetched_at"] == expected, record["url"]


def test_a_second_backfill_fetches_no_stored_capture_and_stores_nothing(backfilled: dict) -> None:
    second = backfilled["second"]
    assert second.returncode == 0, second.stderr[-3000:]
    # only what was no article is asked again (listings are never remembered, as in live crawls)
    assert [p.rsplit("/", 1)[1] for p in backfilled["captures_second"]] == ["hoat-dong-cong-doan-co-so-tinh"]
    assert backfilled["after_second"] == backfilled["after_first"].num_rows


def test_commoncrawl_source_adds_only_new_articles(backfilled: dict) -> None:
    cc = backfilled["cc"]
    assert cc.returncode == 0, cc.stderr[-3000:]
    final, before = backfilled["final"], backfilled["after_first"]
    site = backfilled["archive"].site_url
    new = set(final.column("url").to_pylist()) - set(before.column("url").to_pylist())
    assert new == {site + article_path(n) for n in range(100, 105)}
    sources = {r["url"]: r["source"] for r in final.to_pylist()}
    assert {sources[u] for u in new} == {"commoncrawl"}
    data_requests = [p for p in backfilled["archive"].requests_to(backfilled["archive"].archive_port)
                     if p.startswith("/crawl-data/")]
    assert len(data_requests) == 5  # articles 0-4 were already stored: not fetched again


def test_backfill_archive_reextracts_to_the_same_records(backfilled: dict) -> None:
    out = backfilled["base"] / "re"
    result = run_congdoan("reextract", "--archive", str(backfilled["base"] / "warc"), "--out", str(out),
                          "--sites-file", str(backfilled["registry"]))
    assert result.returncode == 0, result.stderr[-3000:]
    rebuilt = _by_n(read_corpus(out))
    original = _by_n(backfilled["after_first"])
    wayback = {u for u, r in original.items() if r["source"] == "wayback"}
    old_address_of_85 = f"{backfilled['archive'].site_url}/bai-viet.php?id=85"  # a duplicate of a live record only
    assert set(rebuilt) == wayback | {old_address_of_85}
    del rebuilt[old_address_of_85]
    for url, record in rebuilt.items():
        assert record["source"] == "wayback"
        for name in ("id", "title", "text", "published_at", "fetched_at", "source"):
            assert record[name] == original[url][name], (url, name)


def test_backfill_arguments_are_checked(tmp_path: Path) -> None:
    result = run_congdoan("backfill", "--site", "x", "--from", "2021-13")
    assert result.returncode == 2
    result = run_congdoan("backfill", "--site", "nope", "--from", "2021-01", "--out", str(tmp_path / "o"))
    assert result.returncode == 2 and "nope" in result.stderr
    assert not (tmp_path / "o").exists()


def test_url_and_range_helpers() -> None:
    assert looks_like_article("http://x.vn/tin-tuc/le-trao-qua-tet-cho-doan-vien.html")
    assert looks_like_article("http://x.vn/index.php?option=com_content&id=1234")
    assert looks_like_article("http://x.vn/news/12345")
    assert not looks_like_article("http://x.vn/")
    assert not looks_like_article("http://x.vn/chuyen-muc/tin-tuc/trang-3")
    assert not looks_like_article("http://x.vn/uploads/anh-hoi-nghi-cong-doan-2021.jpg")
    assert month_bounds("2020-02", "2021-11") == ("202002", "202111")
    with pytest.raises(ValueError):
        month_bounds("2021-05", "2021-01")
    chosen = collections_in_range([{"id": "CC-MAIN-2021-10", "cdx-api": "a"}, {"id": "CC-MAIN-2015-11",
                                   "cdx-api": "b"}, {"id": "CC-MAIN-2021-49", "cdx-api": "c"}], "202101", "202106")
    assert [c["id"] for c in chosen] == ["CC-MAIN-2021-10"]
