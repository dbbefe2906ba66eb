"""Scrapy item pipelines: extract -> language -> dedupe -> Parquet, one small class per step.

Each step counts what it drops under ``congdoan/dropped/<reason>`` (and per site under
``congdoan/site/<slug>/dropped/<reason>``); the run manifest and the summary are built from those stats.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred

from crawler.archive import finalise_archive
from crawler.provinces import province_2025
from pipelines.dedupe import DedupeConfig, DedupeIndex, attach_fingerprint
from pipelines.items import DuplicateRecord, FetchedPage
from pipelines.ledger import FileLedger, recover_files
from pipelines.locks import DirectoryLock, is_held
from pipelines.parquet import DatasetWriter, release_free_memory
from pipelines.pool import DEFAULT_FUNCTION, ExtractPool, Outcome, default_workers, resolve
from pipelines.profile import ProfileBook
from pipelines.schema import record_id
from pipelines.urls import canonicalize_url

logger = logging.getLogger(__name__)

#: Run in the extraction worker beside extract_page while a site's profile is learnt.
PAGE_KEYS = "pipelines.profile.page_keys"
#: Seconds of wall-clock time one page may take to extract (CONGDOAN_EXTRACT_TIMEOUT).
DEFAULT_EXTRACT_TIMEOUT = 60.0


def count(stats: StatsCollector, site: str | None, name: str, n: int = 1) -> None:
    """Increment the run-wide counter ``congdoan/<name>`` and the site's own."""
    stats.inc_value(f"congdoan/{name}", n)
    if site:
        stats.inc_value(f"congdoan/site/{site}/{name}", n)


def drop(stats: StatsCollector, site: str | None, reason: str, message: str) -> DropItem:
    """Count a drop and build the exception that stops the item."""
    count(stats, site, f"dropped/{reason}")
    return DropItem(f"{reason}: {message}", log_level="DEBUG")


def crawl_index(crawler: Crawler) -> DedupeIndex:
    """The crawl's one dedupe index (seen URLs, hashes, LSH), opened on first use under CONGDOAN_STATE."""
    index = getattr(crawler, "_congdoan_index", None)
    if index is None:
        state = Path(crawler.settings.get("CONGDOAN_STATE") or "data/state")
        index = DedupeIndex.open(state, DedupeConfig.from_settings(crawler.settings.get))
        crawler._congdoan_index = index  # type: ignore[attr-defined]
    return index


def close_crawl_index(crawler: Crawler) -> None:
    """Close the crawl's index (uncommitted adds are rolled back)."""
    index = getattr(crawler, "_congdoan_index", None)
    if index is not None:
        index.close()
        crawler._congdoan_index = None  # type: ignore[attr-defined]


class ExtractPipeline:
    """Fetched page -> record; only articles with text go on.

    Pages are extracted in a pool of CONGDOAN_EXTRACT_WORKERS processes (default: the machine's cores; 0
    extracts on the reactor thread), each page within CONGDOAN_EXTRACT_TIMEOUT seconds of wall-clock time:
    a page that takes longer is counted as the error ``extract_timeout`` and its worker is replaced. Each
    site's profile (pipelines/profile.py, learnt from its first pages, saved under CONGDOAN_STATE) goes with
    its pages to extract_page.
    """

    def __init__(self, stats: StatsCollector, workers: int = 0, timeout: float = DEFAULT_EXTRACT_TIMEOUT,
                 function: str = DEFAULT_FUNCTION, state: Path | None = None,
                 dedupe: DedupeConfig | None = None) -> None:
        self.stats = stats
        self.profiles = ProfileBook(state)  # per-site profiles under <state>/profiles/
        self.workers = workers
        self.timeout = timeout
        self.function = function
        self.pool: ExtractPool | None = None
        # workers also fingerprint articles for the dedupe step (pipelines.dedupe.attach_fingerprint)
        self.then = None if dedupe is None else (f"{attach_fingerprint.__module__}.{attach_fingerprint.__name__}",
                                                 (dedupe,))
        # resolved on first use, here only without workers: with them, trafilatura is never imported here
        self.extract: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        # trafilatura warns about every page it finds too short ("discarding data"): for listings that is
        # expected, and our own counters say what was dropped.
        logging.getLogger("trafilatura").setLevel(logging.ERROR)
        settings = crawler.settings
        return cls(crawler.stats, *cls.settings(settings), Path(settings.get("CONGDOAN_STATE") or "data/state"),
                   DedupeConfig.from_settings(settings.get))

    @staticmethod
    def settings(settings: Any) -> tuple[int, float, str]:
        """Workers, time limit and function from Scrapy settings; ValueError naming the setting when invalid."""
        workers = settings.getint("CONGDOAN_EXTRACT_WORKERS", -1)
        timeout = settings.getfloat("CONGDOAN_EXTRACT_TIMEOUT", DEFAULT_EXTRACT_TIMEOUT)
        if not timeout > 0:
            raise ValueError(f"setting CONGDOAN_EXTRACT_TIMEOUT: {timeout!r} is not a positive number of seconds")
        function = settings.get("CONGDOAN_EXTRACT_FUNCTION") or DEFAULT_FUNCTION
        try:
            if function != DEFAULT_FUNCTION:
                resolve(function)
        except (ImportError, AttributeError, ValueError):
            raise ValueError(f"setting CONGDOAN_EXTRACT_FUNCTION: {function!r} names no function") from None
        return default_workers() if workers < 0 else workers, timeout, function

    def open_spider(self) -> None:
        if self.workers > 0:
            self.pool = ExtractPool(self.workers, self.timeout, self.function)

    def close_spider(self) -> None:
        self.profiles.save()
        if self.pool is not None:
            self.pool.close()
            self.stats.set_value("congdoan/extract_workers_replaced", self.pool.replaced)
            self.pool = None

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        args = (item.body, item.url)
        kwargs: dict[str, Any] = {"content_type": item.content_type, "drop_selectors": item.drop_selectors}
        profile = self.profiles.get(item.site)
        if profile is not None:
            kwargs["profile"] = profile
        if self.pool is None:
            self.extract = self.extract or resolve(self.function)
            return self.to_record(item, Outcome("ok", self.extract(*args, **kwargs)))
        from twisted.internet import reactor  # the running one: importing it early would install the default

        done: Deferred[Outcome] = Deferred()
        # while the site's profile is learnt, the worker also reads the page's blocks (no second parse here)
        also = PAGE_KEYS if self.profiles.learning(item.site) else None
        self.pool.submit(args, kwargs, lambda outcome: reactor.callFromThread(done.callback, outcome), also,
                         self.then)
        return self.to_record(item, await maybe_deferred_to_future(done))

    def to_record(self, item: FetchedPage, outcome: Outcome) -> dict[str, Any]:
        """The record of an extracted page, or DropItem (counted) for what is not stored."""
        if outcome.status != "ok":
            kind = {"timeout": "extract_timeout", "crashed": "extract_crashed"}.get(outcome.status,
                                                                                   "extract_failed")
            count(self.stats, item.site, f"errors/{kind}")
            logger.warning("Extraction %s: %s", outcome.status, item.url)
            raise DropItem(f"{kind}: {item.url}", log_level="DEBUG")
        page = outcome.value
        self.profiles.observe(item.site, item.body, item.url, page["page_type"], outcome.extra)
        if page["page_type"] != "article":
            raise drop(self.stats, item.site, page["page_type"], item.url)
        if not page.get("text"):
            raise drop(self.stats, item.site, "empty", item.url)
        for flag in page.get("quality_flags") or ():
            count(self.stats, item.site, f"flag/{flag}")
        page.pop("page_type")
        return {**page, "title": page.get("title") or "", "site": item.site, "province": item.province,
                "province_2025": province_2025(item.province), "fetched_at": item.fetched_at,
                "crawl_id": item.crawl_id, "request_url": item.url, "source": item.source}


class LanguagePipeline:
    """Keeps records in the wanted languages (CONGDOAN_LANGUAGES, default Vietnamese)."""

    def __init__(self, stats: StatsCollector, languages: list[str]) -> None:
        self.stats = stats
        self.languages = set(languages)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LanguagePipeline:
        return cls(crawler.stats, crawler.settings.getlist("CONGDOAN_LANGUAGES", ["vi"]))

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        if item.get("language") not in self.languages:
            raise drop(self.stats, item.get("site"), "non_vietnamese",
                       f"{item['url']} ({item.get('language')}, {item.get('language_score')})")
        return item


class DedupePipeline:
    """Refuses what the corpus already holds: same URL, same normalised text, or a near-duplicate.

    A page already stored by an earlier crawl is dropped silently (it is no duplicate); copies under another
    URL go on as :class:`DuplicateRecord` so that the writer can log them in the sidecar.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.index = crawl_index(self.crawler)

    def close_spider(self) -> None:
        close_crawl_index(self.crawler)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any] | DuplicateRecord:
        self.index.take_fingerprint(item)  # computed by the extraction worker, if any
        if item.get("version", 1) > 1:
            return item  # a new version of a stored record (pipelines.versions): no duplicate of its old self
        site = item.get("site")
        fetched = canonicalize_url(item.get("request_url") or item["url"])
        if self.index.url_seen(fetched):
            # fetched again (a later crawl, or a link met before its page was stored): known, not a duplicate
            raise drop(self.stats, site, "already_stored", fetched)
        kept = self.index.stored_id(item["url"])
        if kept is not None:
            # another address of a stored page (print view, mirror): its rel=canonical names the stored URL
            return self._duplicate({**item, "url": fetched, "id": record_id(fetched)}, kept, 1.0, "url")
        verdict = self.index.find(url=item["url"], text=item["text"])
        if verdict is not None:
            return self._duplicate(item, verdict.duplicate_of, verdict.similarity, verdict.reason)
        self.index.add(id=item["id"], url=item["url"], site=site, text=item["text"])
        return item

    def _duplicate(self, record: dict[str, Any], kept: str, similarity: float, reason: str) -> DuplicateRecord:
        """Count a dropped copy and remember its URL, so that later crawls pass over it silently."""
        count(self.stats, record.get("site"), f"duplicates/{reason}")
        count(self.stats, record.get("site"), "dropped/duplicate")
        self.index.note_copy(url=record["url"], duplicate_of=kept)
        return DuplicateRecord(record, kept, similarity, reason)


class ParquetPipeline:
    """Writes kept records to ``<out>/site=<slug>/`` and duplicates to ``<out>/_duplicates/``.

    Rows are buffered and written every CONGDOAN_ROWS_PER_FILE rows and at the end; new files are marked
    pending in the state before they are written, and after each write the dedupe state commits the records
    and the new file names in one transaction. The output and state directories are locked for the crawl.
    """

    def __init__(self, crawler: Crawler, out: Path, rows_per_file: int) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.out = out
        self.rows_per_file = rows_per_file

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ParquetPipeline:
        out = crawler.settings.get("CONGDOAN_OUT")
        if not out:
            raise NotConfigured("CONGDOAN_OUT is not set")
        return cls(crawler, Path(out), crawler.settings.getint("CONGDOAN_ROWS_PER_FILE", 1000))

    def open_spider(self) -> None:
        self.index = crawl_index(self.crawler)
        crawl_id = self.crawler.settings.get("CONGDOAN_CRAWL_ID") or getattr(self.crawler.spider, "crawl_id", None)
        if not crawl_id:
            raise NotConfigured("CONGDOAN_CRAWL_ID is not set")
        state = Path(self.crawler.settings.get("CONGDOAN_STATE") or "data/state")
        self.locks = [DirectoryLock.acquire(path, crawl_id, role) for path, role in
                      ((self.out, "output directory"), (state, "state directory")) if not is_held(path)]
        self.ledger = FileLedger(state)
        self.writer = DatasetWriter(self.out, crawl_id, before_write=self.ledger.mark_pending)
        recovery = recover_files(self.out, self.ledger, self.index.committed_files())
        if recovery.removed:
            logger.warning("Removed %d unfinished file(s) this state was writing when its crawl was interrupted: "
                           "%s", len(recovery.removed), ", ".join(recovery.removed))
        unknown = recovery.foreign + recovery.foreign_temp
        if unknown:
            self.stats.set_value("congdoan/foreign_files", len(unknown))
            logger.info("Kept %d file(s) in %s that this state did not write (other crawls, copies, merges): %s",
                        len(unknown), self.out, ", ".join(unknown[:10]) + (" ..." if len(unknown) > 10 else ""))

    def process_item(self, item: dict[str, Any] | DuplicateRecord) -> dict[str, Any]:
        if isinstance(item, DuplicateRecord):
            record = item.record
            self.writer.add_duplicate({"id": record["id"], "url": record["url"], "site": record["site"],
                                       "duplicate_of": item.duplicate_of, "similarity": item.similarity,
                                       "reason": item.reason, "crawl_id": record["crawl_id"]})
            self._maybe_flush()
            raise DropItem(f"duplicate ({item.reason}) of {item.duplicate_of}: {record['url']}", log_level="DEBUG")
        self.writer.add_record(item)
        count(self.stats, item["site"], "stored")
        self._maybe_flush()
        return item

    def _maybe_flush(self) -> None:
        if self.writer.pending >= self.rows_per_file:
            self.flush()

    def flush(self) -> None:
        """Write what is buffered, then commit it with the state."""
        files = self.writer.flush()
        finalise_archive(self.crawler)  # committed records' responses are in finalised WARC files
        self.index.commit(files)
        self.ledger.clear(files)
        self.stats.inc_value("congdoan/files_written", len(files))
        release_free_memory()

    def close_spider(self) -> None:
        try:
            self.flush()
        finally:
            self.ledger.close()
            for lock in self.locks:
                lock.release()
