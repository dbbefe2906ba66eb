"""Per-site reach and politeness: each site's own cookie jar, download slot, timeout, delay and proxy, and
``Retry-After`` on 429/503 honoured for that site alone.

Scrapy keys download slots (concurrency, delay) by host name; here by host and non-default port, so a
``Retry-After`` or a site's ``delay`` slows that server alone, not the whole crawl.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from crawler.registry import Site, redact_url
from pipelines.steps import count
from pipelines.urls import origin

logger = logging.getLogger(__name__)

#: Longest Retry-After honoured (seconds); a longer one is cut to this. ``-s CONGDOAN_RETRY_AFTER_MAX=...``
RETRY_AFTER_MAX = 120.0
#: Retries of one request on 429/503 with Retry-After (on top of Scrapy's RETRY_TIMES for other failures).
RETRY_AFTER_TIMES = 2


def slot_key(url: str) -> str:
    """Download slot of a URL: its host, and its port when not the scheme's default. Scrapy keys slots by
    host name alone, so sites on one address with different ports (or a test's loopback sites) would share
    one delay; two sites on one real host still share one slot (one server, one pace)."""
    parts = urlsplit(url)
    port = parts.port
    host = parts.hostname or ""
    return host if port is None or port == {"http": 80, "https": 443}.get(parts.scheme) else f"{host}:{port}"


def site_for(crawler: Crawler, request: Request) -> Site | None:
    """The site a request belongs to: its ``meta['site']``, else the first site whose origins own its URL
    (robots.txt requests that Scrapy makes by itself carry no meta)."""
    sites: dict[str, Site] = getattr(crawler.spider, "sites_by_slug", {})
    slug = request.meta.get("site")
    if slug in sites:
        return sites[slug]
    return next((s for s in sites.values() if s.owns(request.url)), None)


class SiteRequestMiddleware:
    """Gives every request its site's cookie jar, download slot, timeout and proxy; keeps the site's delay."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self._spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self._response_downloaded, signal=signals.response_downloaded)
        self.floors: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteRequestMiddleware:
        return cls(crawler)

    def _spider_opened(self) -> None:
        downloader = self.crawler.engine.downloader
        for site in getattr(self.crawler.spider, "sites_by_slug", {}).values():
            if site.delay is not None:
                for url in (*site.start_urls, *site.extra_origins):
                    downloader.per_slot_settings.setdefault(slot_key(url), {})["delay"] = site.delay
                    self.floors[slot_key(url)] = site.delay
            if site.proxy:
                self.crawler.stats.set_value(f"congdoan/site/{site.slug}/proxy", redact_url(site.proxy))

    def _response_downloaded(self, response: Response, request: Request) -> None:
        """AutoThrottle lowers delays after quick answers: never below a site's own ``delay``."""
        key = request.meta.get("download_slot")
        floor = self.floors.get(key)
        slot = self.crawler.engine.downloader.slots.get(key) if floor is not None else None
        if slot is not None and slot.delay < floor:
            slot.delay = floor

    def process_request(self, request: Request) -> None:
        meta = request.meta
        site = site_for(self.crawler, request)
        if site is None:  # a host no site owns (a sitemap on a CDN): a jar of its own all the same
            meta.setdefault("cookiejar", f"origin:{origin(request.url)}")
            return
        meta.setdefault("site", site.slug)
        meta.setdefault("cookiejar", site.slug)
        meta["download_slot"] = slot_key(request.url)  # redirects copy meta: the slot follows the URL
        if site.download_timeout is not None:
            meta.setdefault("download_timeout", site.download_timeout)
        if site.proxy:
            meta.setdefault("proxy", site.proxy)


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (delta-seconds or an HTTP date); None if unreadable."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware:
    """On 429 or 503 with ``Retry-After``: wait that long (at most CONGDOAN_RETRY_AFTER_MAX), slow the site's
    slot down to at least that delay, and ask again (at most CONGDOAN_RETRY_AFTER_TIMES per request).
    Without the header, Scrapy's RetryMiddleware handles the status as usual."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_wait = crawler.settings.getfloat("CONGDOAN_RETRY_AFTER_MAX", RETRY_AFTER_MAX)
        self.times = crawler.settings.getint("CONGDOAN_RETRY_AFTER_TIMES", RETRY_AFTER_TIMES)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in (429, 503) or request.meta.get("dont_retry"):
            return response
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        tries = request.meta.get("congdoan_retry_after", 0)
        if wait is None or tries >= self.times:
            return response
        wait = min(wait, self.max_wait)
        slug = request.meta.get("site")
        count(self.crawler.stats, slug, "retry_after")
        slot = self.crawler.engine.downloader.slots.get(request.meta.get("download_slot", ""))
        if slot is not None and slot.delay < wait:
            slot.delay = wait  # the whole site slows down; AutoThrottle eases it back after good answers
        logger.info("%s answered %d with Retry-After %s: waiting %.1f s before asking again", request.url,
                    response.status, response.headers.get(b"Retry-After", b"").decode("latin-1"), wait)
        await asyncio.sleep(wait)
        retry = request.replace(dont_filter=True)
        retry.meta["congdoan_retry_after"] = tries + 1
        return retry


