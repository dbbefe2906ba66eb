"""Incremental crawls and versions against a live site on loopback that changes between crawls.

The server's request log is the evidence: a re-crawl of an unchanged site asks for no stored article, paging
stops after the configured number of known listing pages, and a changed article becomes version 2 with
nothing else changing.
"""

from __future__ import annotations

from email.utils import formatdate
from pathlib import Path
from typing import Any

import pytest

from crawler.incremental import listing_key, parse_lastmod
from pipelines.dedupe import recheck_corpus
from pipelines.parquet import data_files, read_corpus, read_duplicates
from pipelines.versions import compared_at
from tests.helpers import crawl, write_registry
from tests.livesite import LiveSite


def test_listing_key_joins_the_pages_of_one_listing_only() -> None:
    base = "http://a.vn"
    same = [f"{base}/tin-tuc", f"{base}/tin-tuc?page=2", f"{base}/tin-tuc/page-3", f"{base}/tin-tuc/trang-4/",
            f"{base}/tin-tuc?page=5&utm_x=1".replace("&utm_x=1", "")]
    assert len({listing_key(u) for u in same}) == 1
    assert listing_key(f"{base}/News.aspx?Cat=10&Page=2") == listing_key(f"{base}/News.aspx?Cat=10")
    assert listing_key(f"{base}/News.aspx?Cat=10") != listing_key(f"{base}/News.aspx?Cat=17")
    assert listing_key(f"{base}/index.php?view=category&id=10&limitstart=3") == listing_key(
        f"{base}/index.php?view=category&id=10")
    # WordPress posts (?p=N) and numbered article paths are no pages of the home page or of a listing
    assert listing_key(f"{base}/?p=123") != listing_key(f"{base}/")
    assert listing_key(f"{base}/tin-tuc/123") != listing_key(f"{base}/tin-tuc")


def test_sitemap_lastmod_parsing() -> None:
    assert parse_lastmod("2024-05-01") == (1714521600, True)
    assert parse_lastmod("2024-05-01T07:00:00+07:00") == (1714521600, False)
    assert parse_lastmod("2024-05-01T00:00:00Z") == (1714521600, False)
    assert parse_lastmod("hôm qua") is None and parse_lastmod(None) is None and parse_lastmod("") is None


def _corpus_rows(out: Path) -> dict[tuple[str, int], dict]:
    return {(r["id"], r["version"]): r for r in read_corpus(out, versions="all").to_pylist()}


@pytest.fixture()
def live(tmp_path: Path):
    with LiveSite(articles=30, per_page=5) as site:
        yield site


def test_recrawl_fetches_no_stored_article_and_a_changed_one_becomes_version_2(live: LiveSite,
                                                                               tmp_path: Path) -> None:
    registry = write_registry(tmp_path / "sites.yaml", [live.registry_entry()])
    out, state = tmp_path / "out", tmp_path / "state"

    first, manifest = crawl(registry, out, state)
    assert first.returncode == 0, first.stderr[-3000:]
    assert manifest["totals"]["stored"] == 30
    assert len(live.article_requests()) == 30
    first_listings = [r.target for r in live.requests("/tin-tuc") if not r.target.startswith("/tin-tuc/")]
    assert len(first_listings) == 6  # a first crawl pages to the end, sitemap or not
    assert "known_listing_pages" not in manifest["sites"]["live"]["skipped"]
    before = _corpus_rows(out)
    assert {v for _, v in before} == {1} and all(r["updated_at"] is None for r in before.values())
    files = data_files(out)

    # unchanged site: listings again, no stored article, paging stops after 2 pages of known articles
    live.clear_log()
    second, manifest = crawl(registry, out, state)
    assert second.returncode == 0, second.stderr[-3000:]
    assert live.article_requests() == []
    assert manifest["totals"]["stored"] == 0 and data_files(out) == files
    listings = [r.target for r in live.requests("/tin-tuc") if not r.target.startswith("/tin-tuc/")]
    assert listings == ["/tin-tuc", "/tin-tuc?page=2"], listings
    assert manifest["sites"]["live"]["skipped"]["known_listing_pages"] == 1
    assert manifest["sites"]["live"]["skipped"]["already_stored"] >= 30

    # two new articles and one edited: the new ones are stored, the edited one becomes version 2
    new = live.publish(2)
    edited = live.edit(7, "Nội dung bài số bảy đã được sửa lại sau khi đăng.\n" + live.items[6].text)
    live.clear_log()
    third, manifest = crawl(registry, out, state)
    assert third.returncode == 0, third.stderr[-3000:]
    fetched = sorted(r.target for r in live.article_requests())
    assert fetched == sorted([edited.path, *(a.path for a in new)])
    revisit = next(r for r in live.article_requests() if r.target == edited.path)
    assert revisit.if_none_match and revisit.if_modified_since  # a conditional request
    assert manifest["sites"]["live"]["revisits"] == {"lastmod": 1, "changed": 1}
    assert "stored articles fetched again: changed 1, lastmod 1; new versions stored: 1" in third.stdout
    assert manifest["totals"]["stored"] == 3 and manifest["totals"]["dropped"]["duplicate"] == 0
    after = _corpus_rows(out)
    added = {k: r for k, r in after.items() if k not in before}
    assert {r["url"].rsplit("/", 1)[1] for r in added.values()} == {"bai-7.html", "bai-31.html", "bai-32.html"}
    v2 = next(r for (_, v), r in added.items() if v == 2)
    assert (v2["id"], 1) in before and before[(v2["id"], 1)]["url"] == v2["url"]
    assert v2["text"].startswith("Nội dung bài số bảy đã được sửa") and v2["updated_at"] is not None
    assert all(after[k] == r for k, r in before.items())  # nothing else changed
    latest = read_corpus(out)
    assert latest.num_rows == 32
    assert {r["id"]: r["version"] for r in latest.to_pylist()}[v2["id"]] == 2
    assert read_duplicates(out).num_rows == 0
    assert recheck_corpus(out, stream=None) == []  # the re-check reads latest versions: no self-duplicates

    # and once more: nothing changed, nothing fetched
    live.clear_log()
    fourth, manifest = crawl(registry, out, state)
    assert fourth.returncode == 0 and live.article_requests() == []
    assert manifest["totals"]["stored"] == 0


def test_a_last_modified_ahead_of_the_crawlers_clock_dates_the_version_fetched() -> None:
    # A server whose clock runs a second ahead serves an edit with Last-Modified and sitemap <lastmod> just after
    # the crawler's fetch time: the fetch compared that edit, so its check time is the edit's and the next crawl
    # does not fetch the page again for the same <lastmod> (the live site's edit() does this: a flaky re-fetch).
    fetched = 1_700_000_000
    assert compared_at(fetched, formatdate(fetched + 1, usegmt=True)) == fetched + 1
    assert compared_at(fetched, formatdate(fetched - 60, usegmt=True)) == fetched  # an older edit
    assert compared_at(fetched, formatdate(fetched + 3 * 86_400, usegmt=True)) == fetched  # far ahead: no date
    assert compared_at(fetched, "not a date") == fetched and compared_at(fetched, None) == fetched


def test_revisit_window_uses_conditional_requests(tmp_path: Path) -> None:
    """CONGDOAN_REVISIT_DAYS re-fetches young articles with If-None-Match; 304s cost nothing, a change is v2."""
    with LiveSite(articles=6, per_page=10) as live:
        entry = live.registry_entry()
        registry = write_registry(tmp_path / "sites.yaml", [entry])
        out, state = tmp_path / "out", tmp_path / "state"
        window = ("-s", "CONGDOAN_REVISIT_DAYS=36500")
        first, _ = crawl(registry, out, state, *window)
        assert first.returncode == 0, first.stderr[-3000:]
        live.clear_log()
        second, manifest = crawl(registry, out, state, *window)
        assert second.returncode == 0, second.stderr[-3000:]
        requests = live.article_requests()
        assert len(requests) == 6 and all(r.if_none_match for r in requests)
        assert manifest["sites"]["live"]["revisits"] == {"young": 6, "not_modified": 6}
        assert manifest["totals"]["stored"] == 0
        live.edit(3, "Bài số ba có nội dung mới hoàn toàn về công đoàn cơ sở.\n" + live.items[2].text)
        third, manifest = crawl(registry, out, state, *window)
        revisits = manifest["sites"]["live"]["revisits"]
        # the edited article is due by its age and by its newer sitemap date: either reason may come first
        assert revisits.get("young", 0) + revisits.get("lastmod", 0) == 6
        assert (revisits["not_modified"], revisits["changed"]) == (5, 1)
        versions = sorted(r["version"] for r in read_corpus(out, versions="all").to_pylist())
        assert versions == [1, 1, 1, 1, 1, 1, 2]


def test_revisit_without_validators_compares_the_text(tmp_path: Path) -> None:
    with LiveSite(articles=4, per_page=10, validators=False) as live:
        registry = write_registry(tmp_path / "sites.yaml", [live.registry_entry()])
        out, state = tmp_path / "out", tmp_path / "state"
        window = ("-s", "CONGDOAN_REVISIT_DAYS=36500")
        crawl(registry, out, state, *window)
        second, manifest = crawl(registry, out, state, *window)
        assert second.returncode == 0, second.stderr[-3000:]
        assert manifest["sites"]["live"]["revisits"] == {"young": 4, "unchanged": 4}
        assert manifest["totals"]["stored"] == 0 and read_corpus(out, versions="all").num_rows == 4


def test_sitemap_dates_that_date_nothing_are_not_used(tmp_path: Path) -> None:
    """Sitemaps stamped with the time they were generated, and dates in the future, trigger no revisit."""
    import time

    from scrapy.utils.test import get_crawler

    from crawler.incremental import Incremental
    from crawler.registry import parse_registry
    from pipelines.state import PageState
    from pipelines.steps import close_crawl_index, crawl_index
    from pipelines.versions import crawl_pages, page_key

    crawler = get_crawler(settings_dict={"CONGDOAN_STATE": str(tmp_path / "state")})
    crawler.stats.open_spider()
    try:
        incremental = Incremental.from_crawler(crawler)
        site = parse_registry({"sites": [{"slug": "a", "name": "A", "province": "Bắc Kạn",
                                          "start_urls": "http://a.vn/"}]})[0]
        stamped = {f"http://a.vn/bai-{n}.html": "2026-11-30T07:00:00+07:00" for n in range(25)}
        assert incremental.usable_lastmods(site, stamped) == {}
        dated = {f"http://a.vn/bai-{n}.html": f"2024-01-{n + 1:02d}" for n in range(25)}
        assert incremental.usable_lastmods(site, dated) == dated
        checked = int(time.time()) - 3600
        crawl_pages(crawler).stage(PageState(page_key("http://a.vn/bai-1.html"), "0123456789abcdef", 1, 7,
                                             checked, None, checked, '"e1"', None))
        crawl_index(crawler).commit()
        assert incremental.revisit(site, "http://a.vn/bai-1.html", "2099-01-01T00:00:00Z") is None
        assert incremental.revisit(site, "http://a.vn/bai-1.html", "2020-01-01") is None
        fields = incremental.revisit(site, "http://a.vn/bai-1.html",
                                     time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(checked + 60)))
        assert fields == {"headers": {"If-None-Match": '"e1"'},
                          "meta": {"handle_httpstatus_list": [304], "congdoan_revisit": "lastmod"}}
        assert crawler.stats.get_value("congdoan/site/a/revisits/lastmod_ignored") == 1
    finally:
        close_crawl_index(crawler)


def test_paging_stop_follows_the_registry_field_and_never_drops_articles(tmp_path: Path) -> None:
    from scrapy.utils.test import get_crawler

    from crawler.incremental import Incremental
    from crawler.registry import parse_registry
    from pipelines.steps import close_crawl_index, crawl_index
    from tests.helpers import story

    def setup(state: Path, setting: int, **extra: object) -> tuple[Incremental, Any, Any]:
        crawler = get_crawler(settings_dict={"CONGDOAN_STATE": str(state),
                                             "CONGDOAN_STOP_AFTER_KNOWN_PAGES": setting})
        crawler.stats.open_spider()
        index = crawl_index(crawler)
        if not len(index):
            index.add(id="0123456789abcdef", url="http://a.vn/tin/bai-1.html", site="a", text=story(1))
            index.commit()
        site = parse_registry({"sites": [{"slug": "a", "name": "A", "province": "Bắc Kạn",
                                          "start_urls": "http://a.vn/", **extra}]})[0]
        return Incremental.from_crawler(crawler), site, crawler

    known, new, next_page = "http://a.vn/tin/bai-1.html", "http://a.vn/tin/bai-9.html", "http://a.vn/tin?page=3"
    incremental, site, crawler = setup(tmp_path / "s", 5, stop_after_known_pages=1)
    try:
        # a page with a new article goes on; one with only a stored article stops (registry: after 1 page)
        assert incremental.follow(site, "http://a.vn/tin?page=1", [known, new, "http://a.vn/tin?page=2"]) == [
            known, new, "http://a.vn/tin?page=2"]
        assert incremental.follow(site, "http://a.vn/tin?page=2", [known, next_page]) == [known]
        assert crawler.stats.get_value("congdoan/site/a/skipped/known_listing_pages") == 1
    finally:
        close_crawl_index(crawler)
    incremental, site, crawler = setup(tmp_path / "s", 0)
    try:
        assert incremental.follow(site, "http://a.vn/tin?page=2", [known, next_page]) == [known, next_page]
    finally:
        close_crawl_index(crawler)


def test_page_states_are_written_with_the_data_files_that_hold_them(tmp_path: Path) -> None:
    from pipelines.dedupe import DedupeIndex
    from pipelines.state import PageState, SQLiteStateStore
    from pipelines.versions import page_key

    key = page_key("http://a.vn/bai-1.html")
    index = DedupeIndex.open(tmp_path)
    try:
        index.store.stage_page(PageState(key, "0123456789abcdef", 2, 7, 100, None, 200, '"e"', None))
        assert index.store.page(key).version == 2  # visible to this crawl at once
        other = SQLiteStateStore.in_dir(tmp_path)
        assert other.page(key) is None  # not durable before the commit
        index.commit(["site=a/part-c-00001.parquet"])
        assert other.page(key) == PageState(key, "0123456789abcdef", 2, 7, 100, None, 200, '"e"', None)
        assert other.committed_files() == {"site=a/part-c-00001.parquet"}
        other.close()
    finally:
        index.close()
