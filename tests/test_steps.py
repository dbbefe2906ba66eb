"""Each pipeline step on its own, with a small crawler and no network."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from crawler.sampleserver import DEFAULT_ROOT
from pipelines.items import DuplicateRecord, FetchedPage
from pipelines.parquet import data_files, read_corpus, read_duplicates
from pipelines.steps import DedupePipeline, ExtractPipeline, LanguagePipeline, ParquetPipeline, close_crawl_index
from tests.helpers import load_gold, make_record


def crawler_for(tmp_path: Path, **settings: object):
    base = {"CONGDOAN_OUT": str(tmp_path / "out"), "CONGDOAN_STATE": str(tmp_path / "state"),
            "CONGDOAN_CRAWL_ID": "test-crawl"}
    crawler = get_crawler(settings_dict={**base, **settings})
    crawler.stats.open_spider()
    return crawler


def sample_page(page_type: str, family: str = "php") -> tuple[dict, bytes, str]:
    """A gold page of the sample sites and its body and content type."""
    for gold in load_gold():
        if gold["page_type"] == page_type and gold["family"] == family and gold["variant"] == "a":
            site_dir = DEFAULT_ROOT / gold["site"]
            route = json.loads((site_dir / "routes.json").read_text(encoding="utf-8"))[gold["path"]]
            return gold, (site_dir / route["file"]).read_bytes(), route["content_type"]
    raise AssertionError(f"no {page_type} page of family {family}")


def fetched(body: bytes, url: str, content_type: str | None = "text/html; charset=utf-8") -> FetchedPage:
    return FetchedPage(url=url, body=body, content_type=content_type, site="php-a", province="Bắc Kạn",
                       fetched_at=datetime(2026, 11, 23, tzinfo=UTC), crawl_id="test-crawl")


def extract(crawler, page: FetchedPage) -> dict:
    """Run the extract step on one page, on this thread (no pool opened)."""
    return asyncio.run(ExtractPipeline.from_crawler(crawler).process_item(page))


def record(n: int, text: str | None = None) -> dict:
    return make_record("php-a", n, text=text, crawl_id="test-crawl")


def test_extract_turns_an_article_into_a_record(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path)
    gold, body, content_type = sample_page("article")
    item = extract(crawler, fetched(body, "http://127.0.0.1:9" + gold["path"],
                                                                      content_type))
    assert item["site"] == "php-a" and item["province"] == "Bắc Kạn" and item["crawl_id"] == "test-crawl"
    assert item["province_2025"] == "Thái Nguyên"  # Bắc Kạn merged into Thái Nguyên in July 2025
    assert item["title"] == gold["title"]
    assert "page_type" not in item
    assert gold["paragraphs"][-1] in item["text"]


def test_extract_drops_listing_pages_and_counts_them(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path)
    gold, body, content_type = sample_page("listing")
    with pytest.raises(DropItem, match="listing"):
        extract(crawler, fetched(body, "http://127.0.0.1:9" + gold["path"],
                                                                   content_type))
    assert crawler.stats.get_value("congdoan/dropped/listing") == 1
    assert crawler.stats.get_value("congdoan/site/php-a/dropped/listing") == 1


def test_extract_never_fails_on_garbage(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path)
    with pytest.raises(DropItem):
        extract(crawler, fetched(b"\xff\xfe\x00<<<html", "http://127.0.0.1:9/x"))
    assert sum(v for k, v in crawler.stats.get_stats().items() if k.startswith("congdoan/dropped/")) == 1


def test_language_keeps_vietnamese_only(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path)
    step = LanguagePipeline.from_crawler(crawler)
    assert step.process_item(record(1))["language"] == "vi"
    with pytest.raises(DropItem, match="non_vietnamese"):
        step.process_item({**record(2), "language": "en"})
    assert crawler.stats.get_value("congdoan/dropped/non_vietnamese") == 1


def test_dedupe_refuses_stored_url_exact_and_near_copies(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path)
    step = DedupePipeline.from_crawler(crawler)
    step.open_spider()
    try:
        first = record(1)
        assert step.process_item(first) is first
        with pytest.raises(DropItem, match="already_stored"):
            step.process_item(record(1))
        copy = step.process_item(record(2, text=first["text"]))
        assert isinstance(copy, DuplicateRecord) and copy.reason == "exact"
        assert copy.duplicate_of == first["id"]
        near = step.process_item(record(3, text=first["text"] + "\nNguồn: Báo Lao Động."))
        assert isinstance(near, DuplicateRecord) and near.reason in {"near", "exact"}
        print_view = {**record(1), "request_url": "http://127.0.0.1:9/print/bai-1.html"}
        url_copy = step.process_item(print_view)
        assert isinstance(url_copy, DuplicateRecord) and url_copy.reason == "url"
        assert url_copy.record["url"] == "http://127.0.0.1:9/print/bai-1.html"
        assert step.process_item(record(4)) is not None
    finally:
        step.close_spider()
    assert crawler.stats.get_value("congdoan/dropped/duplicate") == 3


def test_parquet_writes_records_and_sidecar_and_commits_them(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path, CONGDOAN_ROWS_PER_FILE=2)
    dedupe, writer = DedupePipeline.from_crawler(crawler), ParquetPipeline.from_crawler(crawler)
    dedupe.open_spider()
    writer.open_spider()
    for n in range(3):
        writer.process_item(dedupe.process_item(record(n)))
    copy = dedupe.process_item(record(9, text=record(0)["text"]))
    with pytest.raises(DropItem, match="duplicate"):
        writer.process_item(copy)
    # two flushes of two rows each: records 0-1, then record 2 with the duplicate
    assert len(data_files(tmp_path / "out")) == 3
    assert dedupe.index.committed_files() == set(data_files(tmp_path / "out"))
    writer.process_item(dedupe.process_item(record(3)))
    writer.close_spider()
    committed = dedupe.index.committed_files()
    dedupe.close_spider()
    files = data_files(tmp_path / "out")
    assert set(files) == committed and len(files) == 4  # the last record flushed at close
    assert sorted(read_corpus(tmp_path / "out").column("url").to_pylist()) == [record(n)["url"] for n in range(4)]
    assert read_duplicates(tmp_path / "out").column("duplicate_of").to_pylist() == [record(0)["id"]]


def test_a_file_written_but_never_committed_is_removed_and_refetched(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path)
    dedupe, writer = DedupePipeline.from_crawler(crawler), ParquetPipeline.from_crawler(crawler)
    dedupe.open_spider()
    writer.open_spider()
    writer.process_item(dedupe.process_item(record(1)))
    writer.writer.flush()  # the file is renamed into place, then the process "dies" before the commit
    close_crawl_index(crawler)
    assert len(data_files(tmp_path / "out")) == 1

    crawler = crawler_for(tmp_path)
    dedupe, writer = DedupePipeline.from_crawler(crawler), ParquetPipeline.from_crawler(crawler)
    dedupe.open_spider()
    writer.open_spider()
    assert data_files(tmp_path / "out") == []  # orphan removed
    assert dedupe.index.stored_id(record(1)["url"]) is None  # so the page is fetched and stored again
    writer.process_item(dedupe.process_item(record(1)))
    writer.close_spider()
    dedupe.close_spider()
    assert read_corpus(tmp_path / "out").num_rows == 1
