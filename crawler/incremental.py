"""Incremental crawls: what a re-crawl fetches again, and what it does not.

A re-crawl fetches the start pages, sitemaps, feeds and listings again, but never an article already stored,
except to look for a new version of it:

- **sitemap ``<lastmod>``**: a stored article whose sitemap entry is newer than the last time it was compared
  (date-only values compare by day) is fetched again; dates in the future, and sitemaps whose dates are
  (nearly) all the same (generated on request, stamped with the time of generation), are not used;
- **revisit window** (``CONGDOAN_REVISIT_DAYS``, default 0 = off): stored articles younger than that many
  days (by publication date, else by the day they were first stored) are fetched again on every crawl;

and each such re-fetch is a conditional request when the article was served with validators: ``If-None-Match``
(its ``ETag``) and ``If-Modified-Since`` (its ``Last-Modified``); a ``304 Not Modified`` answer costs no body and
marks the article checked. A re-fetched article whose text changed becomes a new version
(:mod:`pipelines.versions`).

**Paging stops** once ``CONGDOAN_STOP_AFTER_KNOWN_PAGES`` (default 2; registry field ``stop_after_known_pages``;
0 = never) listing pages in a row of one listing (same URL up to its page number) link to articles stored by
earlier crawls and to nothing new: the next pages are not requested. A page that shows a link no page of this
crawl has shown before, and that no earlier crawl stored, resets the count; a page whose links were all met
before in this crawl (through a sitemap, say) and none stored earlier leaves it as it is. So a first crawl, or
an archive that a limited crawl left half-read, is paged to the end.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response

from crawler.registry import Site
from pipelines.dedupe import DedupeIndex
from pipelines.state import PageState
from pipelines.steps import count
from pipelines.urls import url_key
from pipelines.versions import PageStates, crawl_pages

logger = logging.getLogger(__name__)

#: Query parameters that number the pages of a listing (and Liferay's portlet parameters that ride along).
#: (Not ``p``: WordPress numbers its posts with it.)
_PAGING_PARAM = re.compile(r"^(?:.*_)?(?:page|pageindex|pagenum|pagenumber|paged|pg|trang|start|limitstart|"
                           r"offset|cur|currentpage|pagina)$|^p_p_", re.IGNORECASE)
#: Path endings that number the pages of a listing: /page/2, /page-2, /trang-2, /p2.
_PAGING_PATH = re.compile(r"/(?:page|trang|p|pg)[-/_]?\d+/?$", re.IGNORECASE)

DAY = 86400


def listing_key(url: str) -> str:
    """The URL of a listing without its page number: all pages of one listing share it."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _PAGING_PARAM.match(k)]
    path = _PAGING_PATH.sub("", parts.path) or "/"
    return urlunsplit((parts.scheme, parts.netloc.lower(), path.rstrip("/") or "/", urlencode(sorted(query)), ""))


def parse_lastmod(text: str | None) -> tuple[int, bool] | None:
    """A sitemap ``<lastmod>`` (W3C datetime) as (epoch seconds, date only), or None when unreadable."""
    if not text:
        return None
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    date_only = len(text) <= 10
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp()), date_only


def _url_hash(url: str) -> int:
    return int.from_bytes(hashlib.blake2b(url_key(url).encode("utf-8"), digest_size=8).digest(), "big")


class Incremental:
    """The spider's incremental decisions for one crawl: revisits and where paging stops."""

    def __init__(self, crawler: Crawler, index: DedupeIndex, pages: PageStates) -> None:
        self.stats = crawler.stats
        self.index = index
        self.pages = pages
        self.stop_after = crawler.settings.getint("CONGDOAN_STOP_AFTER_KNOWN_PAGES", 2)
        self.revisit_days = crawler.settings.getfloat("CONGDOAN_REVISIT_DAYS", 0.0)
        self.now = time.time()
        self._requested: set[int] = set()  # URL hashes requested in this crawl
        self._seen: set[int] = set()  # URL hashes linked or requested so far in this crawl
        self._known_run: dict[str, int] = {}  # listing key -> pages in a row with nothing new

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Incremental:
        from pipelines.steps import crawl_index

        return cls(crawler, crawl_index(crawler), crawl_pages(crawler))

    def requested(self, url: str) -> None:
        """Note a request made in this crawl (its URL is no longer new)."""
        key_hash = _url_hash(url)
        self._requested.add(key_hash)
        self._seen.add(key_hash)

    # -- revisits ---------------------------------------------------------------------------------------------

    def revisit(self, site: Site, url: str, lastmod: str | None = None) -> dict[str, Any] | None:
        """Request fields (``headers`` and ``meta``) for fetching a stored article again, or None when it need
        not be fetched (the usual answer)."""
        if not self.pages.enabled or (lastmod is None and self.revisit_days <= 0):
            return None
        if _url_hash(url) in self._requested:
            return None  # already re-fetched in this crawl
        page = self.pages.get(url)
        if page is None:
            return None
        reason = self._reason(page, parse_lastmod(lastmod))
        if reason is None:
            return None
        count(self.stats, site.slug, f"revisits/{reason}")
        headers = {}
        if page.etag:
            headers["If-None-Match"] = page.etag
        if page.last_modified:
            headers["If-Modified-Since"] = page.last_modified
        return {"headers": headers, "meta": {"handle_httpstatus_list": [304], "congdoan_revisit": reason}}

    def usable_lastmods(self, site: Site, lastmods: dict[str, str | None]) -> dict[str, str | None]:
        """A sitemap's ``<lastmod>`` values, unless they cannot date the pages: all (but a few) the same, as
        sitemaps generated on request write them (the time of generation), then none is used."""
        values = [v for v in lastmods.values() if v]
        if len(values) >= 20 and Counter(values).most_common(1)[0][1] >= 0.9 * len(values):
            count(self.stats, site.slug, "revisits/lastmod_ignored")
            return {}
        return lastmods

    def _reason(self, page: PageState, lastmod: tuple[int, bool] | None) -> str | None:
        if lastmod is not None and lastmod[0] > self.now + DAY:
            lastmod = None  # a date in the future dates nothing
        if lastmod is not None:
            when, date_only = lastmod
            if (when // DAY > page.checked_at // DAY) if date_only else when > page.checked_at:
                return "lastmod"
        if self.revisit_days > 0:
            born = page.published_at if page.published_at is not None else page.stored_at
            if self.now - born < self.revisit_days * DAY:
                return "young"
        return None

    def not_modified(self, site: Site, response: Response) -> None:
        """A 304 answer to a revisit: the article is unchanged; note when it was checked."""
        count(self.stats, site.slug, "revisits/not_modified")
        page = self.pages.get(response.url)
        if page is not None:
            self.pages.checked(page, datetime.now(UTC), _header(response, b"ETag"),
                               _header(response, b"Last-Modified"))

    def note_validators(self, response: Response) -> None:
        """Keep the validators an HTML page was served with, for its record's page state."""
        if isinstance(response, HtmlResponse):
            self.pages.note_validators(response.url, _header(response, b"ETag"),
                                       _header(response, b"Last-Modified"))

    # -- paging -----------------------------------------------------------------------------------------------

    def follow(self, site: Site, page_url: str, urls: Iterable[str]) -> list[str]:
        """The links of a page to follow: all of them, except the next pages of a listing whose last
        ``stop_after`` pages held only known articles."""
        urls = list(urls)
        stop_after = site.stop_after_known_pages or self.stop_after
        if stop_after <= 0:
            return urls
        key = listing_key(page_url)
        own = url_key(page_url)
        paging, others = [], []
        for url in urls:
            is_page = (listing_key(url) == key and url_key(url) != own and not site.matches("article", url)
                       and not self.index.url_seen(url))
            (paging if is_page else others).append(url)
        if not paging:
            self._seen.update(_url_hash(url) for url in urls)
            return urls
        old = fresh = 0
        for url in others:
            if not site.owns(url) or site.matches("deny", url):
                continue
            key_hash = _url_hash(url)
            if key_hash not in self._requested and self.index.url_seen(url):
                old += 1  # stored by an earlier crawl
            elif key_hash not in self._seen:
                fresh += 1  # a link no page of this crawl had shown before
        self._seen.update(_url_hash(url) for url in urls)
        if not old and not fresh:
            return urls  # nothing to judge by (links all met before in this crawl): the count stays
        run = 0 if fresh else self._known_run.get(key, 0) + 1
        self._known_run[key] = run
        if run < stop_after:
            return urls
        unrequested = [u for u in paging if _url_hash(u) not in self._requested]
        if unrequested:
            count(self.stats, site.slug, "skipped/known_listing_pages", len(unrequested))
            logger.debug("Paging stopped at %s: %d page(s) in a row with only known articles", page_url, run)
        return others


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
