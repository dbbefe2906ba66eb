"""Backfill: a site's past articles from a web archive (Wayback Machine, or Common Crawl's index).

The spider asks the archive's CDX API for the site's captured URLs in a month range, keeps those that look like
articles (the registry's ``article_patterns``, else :func:`looks_like_article`; the page type still decides),
skips URLs the corpus already holds, and fetches each capture's original bytes (Wayback's ``id_`` form, or the
WARC record in Common Crawl's data by byte range). The pages go through the crawl's own pipelines with
``fetched_at`` = capture time and ``source`` = the archive; dedupe (by canonical URL key, then text) keeps one
copy of a story across live crawls and archives.

Endpoints are settings, so tests point them at loopback: ``CONGDOAN_WAYBACK_CDX``, ``CONGDOAN_WAYBACK_WEB``,
``CONGDOAN_COMMONCRAWL_INDEX``, ``CONGDOAN_COMMONCRAWL_DATA``. Requests to them carry ``archive_origins`` in
their meta, which the site-scope middleware admits.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from typing import Any
from urllib.parse import urlencode, urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response
from warcio.archiveiterator import ArchiveIterator

from crawler.archive import ArchivedResponse, parse_warc_date
from crawler.logformatter import install_log_filters
from crawler.registry import Site
from crawler.spiders.site import SiteSpider, fetched_page
from pipelines.parquet import new_crawl_id
from pipelines.steps import count, crawl_index
from pipelines.urls import canonicalize_url, origin, url_key

logger = logging.getLogger(__name__)

SOURCES = ("wayback", "commoncrawl")
#: CDX rows asked per Wayback query (the rest follows with the resume key).
CDX_PAGE_ROWS = 5000
_CAPTURE = re.compile(r"/(\d{14})id_/")
_ASSET = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|ico|css|js|pdf|docx?|xlsx?|pptx?|zip|rar|mp[34]|xml|rss|txt)$",
                    re.IGNORECASE)
_LISTING = re.compile(r"/(?:page|trang|tag|tags|category|chuyen-muc|tim-kiem|search|lien-he|gioi-thieu)(?:[/-]|$)"
                      r"|[?&](?:page|p|trang)=\d+", re.IGNORECASE)
_ID_PARAM = re.compile(r"[?&](?:id|newsid|news_id|sid|art|articleid|itemid|nid|p)=\d+", re.IGNORECASE)


def looks_like_article(url: str) -> bool:
    """Whether a URL has an article's shape: a slug of several words or a numeric id, not an asset or listing."""
    parts = urlsplit(url)
    path = parts.path
    if _ASSET.search(path) or _LISTING.search(path + (f"?{parts.query}" if parts.query else "")):
        return False
    if _ID_PARAM.search(f"?{parts.query}"):
        return True
    last = path.rstrip("/").rsplit("/", 1)[-1]
    stem = re.sub(r"\.(?:html?|shtml|aspx?|php|jsp)$", "", last, flags=re.IGNORECASE)
    return len([w for w in re.split(r"[-_]", stem) if w]) >= 4 or bool(re.search(r"\d{3,}", stem))


def capture_time(url: str) -> datetime | None:
    """The capture time in a Wayback ``/<14 digits>id_/`` URL (UTC), or None."""
    match = _CAPTURE.search(url)
    return datetime.strptime(match.group(1), "%Y%m%d%H%M%S").replace(tzinfo=UTC) if match else None


def month_bounds(start: str, end: str | None) -> tuple[str, str]:
    """CDX ``from``/``to`` timestamps for ``YYYY-MM`` .. ``YYYY-MM`` (inclusive); ValueError when malformed."""
    first = datetime.strptime(start, "%Y-%m")
    last = datetime.strptime(end, "%Y-%m") if end else datetime.now(UTC).replace(tzinfo=None)
    if last < first:
        raise ValueError(f"--to {end} is before --from {start}")
    return first.strftime("%Y%m"), last.strftime("%Y%m")


def _crawl_week_start(collection: str) -> date | None:
    match = re.search(r"(\d{4})-(\d{2})$", collection)
    if not match:
        return None
    try:
        return date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        return None


def collections_in_range(collinfo: Iterable[dict[str, Any]], start: str, end: str) -> list[dict[str, Any]]:
    """Common Crawl collections (``collinfo.json`` entries) whose crawl week falls in ``start..end`` (YYYYMM)."""
    lo = datetime.strptime(start, "%Y%m").date() - timedelta(days=31)
    hi = datetime.strptime(end, "%Y%m").date() + timedelta(days=62)
    chosen = []
    for entry in collinfo:
        week = _crawl_week_start(str(entry.get("id", "")))
        if week is not None and lo <= week <= hi and entry.get("cdx-api"):
            chosen.append(entry)
    return chosen


def page_in_warc_record(data: bytes) -> tuple[Response | None, datetime | None]:
    """The response inside one WARC record (Common Crawl, fetched by byte range), body decoded, and its
    capture time; (None, None) when the bytes hold no readable response record."""
    try:
        for record in ArchiveIterator(BytesIO(data)):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            skip = ("transfer-encoding", "content-length", "content-encoding")  # content_stream() decodes them
            archived = ArchivedResponse(
                url=record.rec_headers.get_header("WARC-Target-URI"),
                status=int(record.http_headers.get_statuscode()),
                headers=[(k, v) for k, v in record.http_headers.headers if k.lower() not in skip],
                body=record.content_stream().read(),
                fetched_at=parse_warc_date(record.rec_headers.get_header("WARC-Date")),
                site=None, callback="parse_capture")
            return archived.to_response(), archived.fetched_at
    except Exception as exc:  # truncated or malformed bytes: the caller counts them
        logger.warning("Unreadable WARC record (%s)", exc)
    return None, None


class BackfillSpider(scrapy.Spider):
    """Fetches one or more sites' article captures from a web archive (``source``: wayback or commoncrawl)."""

    name = "backfill"
    on_error = SiteSpider.on_error

    def __init__(self, sites: Iterable[Site], start: str, end: str | None = None, source: str = "wayback",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if source not in SOURCES:
            raise ValueError(f"--source {source!r}: expected one of {', '.join(SOURCES)}")
        self.sites_by_slug = {s.slug: s for s in sites}
        self.source = source
        self.start_ts, self.end_ts = month_bounds(start, end)
        self.queued: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> BackfillSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        install_log_filters()
        settings = crawler.settings
        spider.crawl_id = settings.get("CONGDOAN_CRAWL_ID") or new_crawl_id(datetime.now(UTC))
        spider.wayback_cdx = settings.get("CONGDOAN_WAYBACK_CDX").rstrip("/")
        spider.wayback_web = settings.get("CONGDOAN_WAYBACK_WEB").rstrip("/")
        spider.cc_index = settings.get("CONGDOAN_COMMONCRAWL_INDEX").rstrip("/")
        spider.cc_data = settings.get("CONGDOAN_COMMONCRAWL_DATA").rstrip("/")
        endpoints = (spider.wayback_cdx, spider.wayback_web, spider.cc_index, spider.cc_data)
        spider.archive_origins = frozenset(origin(u) for u in endpoints)
        return spider

    def _request(self, site: Site, url: str, callback: Any, **meta: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=self.on_error, dont_filter=True,
                              meta={"site": site.slug, "archive_origins": self.archive_origins,
                                    "source": self.source, **meta})

    @staticmethod
    def _hosts(site: Site) -> list[str]:
        return sorted({urlsplit(u).netloc for u in (*site.start_urls, *site.extra_origins)})

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for site in self.sites_by_slug.values():
            if self.source == "wayback":
                for host in self._hosts(site):
                    yield self._request(site, self._wayback_query(host), self.parse_wayback_cdx, host=host)
            else:
                yield self._request(site, f"{self.cc_index}/collinfo.json", self.parse_collinfo)

    # -- Wayback --------------------------------------------------------------------------------------------

    def _wayback_query(self, host: str, resume_key: str | None = None) -> str:
        params = [("url", f"{host}/*"), ("from", self.start_ts), ("to", self.end_ts), ("output", "json"),
                  ("filter", "statuscode:200"), ("filter", "mimetype:text/html"), ("collapse", "urlkey"),
                  ("limit", str(CDX_PAGE_ROWS)), ("showResumeKey", "true")]
        if resume_key:
            params.append(("resumeKey", resume_key))
        return f"{self.wayback_cdx}?{urlencode(params)}"

    def parse_wayback_cdx(self, response: Response) -> Iterator[scrapy.Request]:
        site = self.sites_by_slug[response.meta["site"]]
        count(self.crawler.stats, site.slug, "responses")
        try:
            rows = json.loads(response.text or "[]")
        except (ValueError, AttributeError):
            count(self.crawler.stats, site.slug, "errors/bad_cdx")
            logger.warning("CDX answer is not JSON: %s", response.url)
            return
        if not rows:
            return
        header, body = rows[0], rows[1:]
        resume_key = None
        if len(body) >= 2 and body[-2] == []:
            resume_key = body[-1][0] if body[-1] else None
            body = body[:-2]
        try:
            col_ts, col_url = header.index("timestamp"), header.index("original")
        except ValueError:
            count(self.crawler.stats, site.slug, "errors/bad_cdx")
            return
        for row in body:
            if len(row) == len(header):
                original, timestamp = row[col_url], row[col_ts]
                yield from self._capture(site, original, f"{self.wayback_web}/{timestamp}id_/{original}")
        if resume_key:
            yield self._request(site, self._wayback_query(response.meta["host"], resume_key),
                                self.parse_wayback_cdx, host=response.meta["host"])

    # -- Common Crawl ---------------------------------------------------------------------------------------

    def parse_collinfo(self, response: Response) -> Iterator[scrapy.Request]:
        site = self.sites_by_slug[response.meta["site"]]
        count(self.crawler.stats, site.slug, "responses")
        try:
            collections = collections_in_range(json.loads(response.text), self.start_ts, self.end_ts)
        except (ValueError, AttributeError, TypeError):
            count(self.crawler.stats, site.slug, "errors/bad_cdx")
            return
        for entry in collections:
            api = str(entry["cdx-api"])
            api = f"{self.cc_index}/{urlsplit(api).path.lstrip('/')}"  # the configured index host
            for host in self._hosts(site):
                params = [("url", f"{host}/*"), ("from", self.start_ts), ("to", self.end_ts), ("output", "json"),
                          ("filter", "=status:200"), ("filter", "=mime:text/html")]
                yield self._request(site, f"{api}?{urlencode(params)}", self.parse_cc_index)

    def parse_cc_index(self, response: Response) -> Iterator[scrapy.Request]:
        site = self.sites_by_slug[response.meta["site"]]
        count(self.crawler.stats, site.slug, "responses")
        for line in response.text.splitlines() if hasattr(response, "text") else ():
            try:
                row = json.loads(line)
                original, filename = row["url"], row["filename"]
                offset, length = int(row["offset"]), int(row["length"])
            except (ValueError, KeyError, TypeError):
                count(self.crawler.stats, site.slug, "errors/bad_cdx")
                continue
            request = self._capture(site, original, f"{self.cc_data}/{filename}")
            for req in request:
                req.headers["Range"] = f"bytes={offset}-{offset + length - 1}"
                req.headers["Accept-Encoding"] = "identity"
                yield req

    # -- captures -------------------------------------------------------------------------------------------

    def _capture(self, site: Site, original: str, capture_url: str) -> Iterator[scrapy.Request]:
        """A request for one capture, unless the URL is no article, denied, known, or already queued."""
        stats = self.crawler.stats
        url = canonicalize_url(original)
        pattern_says = site.matches("article", url) if site.article_patterns else looks_like_article(url)
        if not pattern_says or site.matches("deny", url):
            count(stats, site.slug, "skipped/not_article_url")
            return
        key = url_key(url)
        if key in self.queued:
            return
        self.queued.add(key)
        if crawl_index(self.crawler).url_seen(url):
            count(stats, site.slug, "skipped/already_stored")
            return
        count(stats, site.slug, "captures")
        yield self._request(site, capture_url, self.parse_capture, capture_of=url)

    def parse_capture(self, response: Response) -> Iterator[Any]:
        site = self.sites_by_slug[response.meta["site"]]
        stats = self.crawler.stats
        count(stats, site.slug, "responses")
        original = response.meta["capture_of"]
        captured = capture_time(response.url)
        if self.source == "commoncrawl":
            response, captured = page_in_warc_record(response.body)
            if response is None:
                count(stats, site.slug, "errors/bad_capture")
                return
        if not isinstance(response, HtmlResponse):
            count(stats, site.slug, "errors/non_html")
            return
        yield fetched_page(site, response, self.crawl_id, url=original, source=self.source,
                           fetched_at=captured or datetime.now(UTC))


