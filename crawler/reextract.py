"""Re-extraction: the pages of a raw archive (``crawler/archive.py``) through the current pipeline, no network.

The spider downloads nothing: its ``start()`` reads the finalised WARC files in order and yields, for every
archived page the crawl handed to its ``parse`` callback (HTML, 2xx), the same item the crawl built, after
Scrapy's own decompression middleware has decoded the body as it did during the crawl. The pipelines (extract,
language, dedupe, Parquet) and the run manifest are the crawl's own. ``fetched_at`` is the archived fetch
time (WARC-Date), ``crawl_id`` the re-extraction run's id.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, XmlResponse

from crawler.archive import ArchivedResponse, archive_files, iter_archive, unfinished_files
from crawler.backfill import capture_time, page_in_warc_record
from crawler.logformatter import install_log_filters
from crawler.registry import Site
from crawler.spiders.site import fetched_page
from pipelines.parquet import new_crawl_id
from pipelines.steps import count

logger = logging.getLogger(__name__)

#: Callbacks whose responses were pages handed to the pipelines.
PAGE_CALLBACKS = ("parse", "parse_capture")


class ReextractSpider(scrapy.Spider):
    """Yields the archived pages of ``archive`` as items; ``sites`` gives the current registry entries."""

    name = "reextract"

    def __init__(self, archive: str | Path, sites: Iterable[Site], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.archive = Path(archive)
        self.registry = {s.slug: s for s in sites}
        #: Sites met in the archive (the run manifest reports these).
        self.sites_by_slug: dict[str, Site] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ReextractSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        install_log_filters()
        spider.crawl_id = crawler.settings.get("CONGDOAN_CRAWL_ID") or new_crawl_id(datetime.now(UTC))
        return spider

    async def start(self) -> AsyncIterator[Any]:
        self.decoder = HttpCompressionMiddleware.from_crawler(self.crawler)  # needs the crawl's stats
        files = archive_files(self.archive)
        for path in unfinished_files(self.archive):
            logger.warning("Skipped %s: left unfinished by an interrupted crawl", path.name)
        logger.info("Re-extracting %d archive file(s) from %s", len(files), self.archive)
        unknown: set[str] = set()
        for archived in iter_archive(files):
            site = self.registry.get(archived.site or "")
            if site is None:
                if archived.site and archived.site not in unknown:
                    unknown.add(archived.site)
                    logger.warning("Site %s of the archive is not in the registry: its pages are skipped",
                                   archived.site)
                self.crawler.stats.inc_value("congdoan/reextract/unknown_site")
                continue
            self.sites_by_slug.setdefault(site.slug, site)
            item = self.page(site, archived)
            if item is not None:
                yield item

    def page(self, site: Site, archived: ArchivedResponse) -> Any:
        """The item the crawl made of this response, or None for what was not a page."""
        stats = self.crawler.stats
        count(stats, site.slug, "responses")
        if archived.status >= 400 and archived.callback != "parse_robots":
            count(stats, site.slug, f"errors/http_{archived.status}")  # as the crawl's errback counted it
        if archived.callback not in PAGE_CALLBACKS or not 200 <= archived.status < 300:
            return None
        captured_at = None
        if archived.callback == "parse_capture" and archived.source == "commoncrawl":
            response, captured_at = page_in_warc_record(archived.body)  # the answer was one WARC record
            if response is None:
                count(stats, site.slug, "errors/bad_capture")
                return None
        else:
            response = archived.to_response()
            try:  # Scrapy's own decompression, as during the crawl
                response = self.decoder.process_response(response.request, response)
            except IgnoreRequest:
                count(stats, site.slug, "errors/oversized")
                return None
            captured_at = capture_time(archived.url) if archived.callback == "parse_capture" else None
        if not isinstance(response, HtmlResponse):
            if not isinstance(response, XmlResponse):
                count(stats, site.slug, "errors/non_html")
            return None
        if archived.callback == "parse_capture":
            return fetched_page(site, response, self.crawl_id, url=archived.capture_of,
                                source=archived.source or "archive", fetched_at=captured_at or archived.fetched_at)
        return fetched_page(site, response, self.crawl_id)
