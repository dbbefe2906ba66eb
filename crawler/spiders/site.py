"""The one spider: crawls registered union sites, finding articles by itself.

From each site's start URLs it follows in-site links (listings, pagination, articles), reads sitemaps named in
robots.txt or the registry and RSS/Atom feeds announced by pages or the registry, obeys robots.txt, and never
requests another scheme, host or port than the site's own. Every HTML page goes to the pipelines, which keep
only articles; listings are only followed.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlparse, urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import HtmlResponse, Response, XmlResponse
from scrapy.linkextractors import IGNORED_EXTENSIONS
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip
from scrapy.utils.response import get_base_url
from scrapy.utils.sitemap import sitemap_urls_from_robots
from scrapy.utils.url import url_has_any_extension
from twisted.internet.error import (
    ConnectError,
    ConnectionLost,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed
from w3lib.html import strip_html5_whitespace
from w3lib.url import safe_url_string

from crawler.feeds import MAX_FEED_BYTES, feed_links
from crawler.logformatter import install_log_filters
from crawler.registry import Site, load_registry, select_sites
from pipelines.items import FetchedPage
from pipelines.parquet import new_crawl_id
from pipelines.steps import count, crawl_index

logger = logging.getLogger(__name__)

#: Links to files that are no web pages (Scrapy's LinkExtractor default).
DENY_EXTENSIONS = {f".{extension}" for extension in IGNORED_EXTENSIONS}
#: Request priorities: articles before listings before the rest, so limits keep the valuable pages.
PRIORITY = {"article": 20, "listing": 10, "other": 0}


class SiteSpider(scrapy.Spider):
    """Crawls the sites named by ``-a site=SLUG[,SLUG...]`` (all registered sites when none is named)."""

    name = "site"
    #: Set by the per-site subclasses that ``crawler.spiders.registered`` makes for each registry entry.
    fixed_site: str | None = None

    def __init__(self, site: str | None = None, sites_file: str | None = None,
                 sites: Iterable[Site] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._site_arg = site or self.fixed_site
        self._sites_file = sites_file
        self._given_sites = list(sites) if sites is not None else None
        self.requested: Counter[str] = Counter()
        #: Every page URL this crawl has met, and every link as written made absolute: each is looked at once.
        self.met_urls: set[str] = set()
        self.met_hrefs: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        install_log_filters()
        spider._configure(crawler)
        return spider

    def _configure(self, crawler: Crawler) -> None:
        sites = self._given_sites
        if sites is None:
            registry = load_registry(self._sites_file or crawler.settings.get("CONGDOAN_SITES_FILE"))
            slugs = [s.strip() for s in (self._site_arg or "").split(",")]
            sites = select_sites(registry, slugs)
        self.sites_by_slug: dict[str, Site] = {s.slug: s for s in sites}
        self.crawl_id: str = crawler.settings.get("CONGDOAN_CRAWL_ID") or new_crawl_id(datetime.now(UTC))

    # -- requests -------------------------------------------------------------------------------------------

    def _request(self, site: Site, url: str, *, callback: Any = None, kind: str = "other",
                 meta: dict[str, Any] | None = None) -> scrapy.Request | None:
        """A request for ``url`` within ``site``, or None when the site's limits or rules say no."""
        if not site.owns(url) or site.matches("deny", url):
            return None
        if site.max_pages and self.requested[site.slug] >= site.max_pages:
            count(self.crawler.stats, site.slug, "skipped/max_pages")
            return None
        self.requested[site.slug] += 1
        return scrapy.Request(url, callback=callback or self.parse, errback=self.on_error,
                              priority=PRIORITY[kind], meta={"site": site.slug, **(meta or {})})

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for site in self.sites_by_slug.values():
            for base in sorted({"{0.scheme}://{0.netloc}".format(urlsplit(u)) for u in site.start_urls}):
                robots = self._request(site, f"{base}/robots.txt", callback=self.parse_robots,
                                       meta={"handle_httpstatus_all": True})
                if robots:
                    yield robots
            for url in (*site.sitemap_urls, *site.feed_urls):
                if request := self._request(site, url, callback=self.parse_feed, kind="listing"):
                    yield request
            for url in site.start_urls:
                if request := self._request(site, url, kind="listing"):
                    yield request

    def _site(self, response: Response) -> Site:
        return self.sites_by_slug[response.meta["site"]]

    # -- callbacks ------------------------------------------------------------------------------------------

    def parse(self, response: Response) -> Iterator[Any]:
        site = self._site(response)
        count(self.crawler.stats, site.slug, "responses")
        if isinstance(response, XmlResponse):
            yield from self.parse_feed(response, counted=True)
            return
        if not isinstance(response, HtmlResponse):
            content_type = response.headers.get(b"Content-Type", b"").decode("latin-1") or "unknown"
            count(self.crawler.stats, site.slug, "errors/non_html")
            logger.info("Not HTML (%s), skipped: %s", content_type, response.url)
            return
        yield FetchedPage(
            url=response.url, body=response.body,
            content_type=response.headers.get(b"Content-Type", b"").decode("latin-1") or None,
            site=site.slug, province=site.province, fetched_at=datetime.now(UTC), crawl_id=self.crawl_id,
            status=response.status, drop_selectors=site.drop_selectors)
        yield from self.follow(site, response)

    def follow(self, site: Site, response: HtmlResponse) -> Iterator[scrapy.Request]:
        """Requests for the page's in-site links and announced feeds."""
        if site.max_depth is not None and response.meta.get("depth", 0) >= site.max_depth:
            return
        feeds = response.xpath("//link[@rel='alternate'][contains(@type, 'rss') or contains(@type, 'atom')]/@href")
        for href in feeds.getall():
            url = response.urljoin(href)
            if url in self.met_urls:
                continue
            self.met_urls.add(url)
            if request := self._request(site, url, callback=self.parse_feed, kind="listing"):
                yield request
        yield from self._pages(site, self._links(response))

    def _links(self, response: HtmlResponse) -> Iterator[str]:
        """The page's ``<a>``/``<area>`` link URLs, made absolute and safe as Scrapy's LinkExtractor does, for
        hrefs this crawl has not met before: a menu repeated on every page costs a dict lookup a link
        (LinkExtractor's per-link work was most of the crawl process's time on 250-link pages)."""
        base = get_base_url(response)
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
        met = self.met_hrefs
        for element in response.selector.root.iter("a", "area"):
            href = element.get("href")
            if href is None:
                continue
            # what the href resolves against: nothing (absolute), the origin (/path) or the page (relative)
            key = (href if href.startswith(("http://", "https://")) else origin + href
                   if href.startswith("/") and not href.startswith("//") else f"{base} {href}")
            if key in met:
                continue
            met.add(key)
            try:
                url = urljoin(response.url, safe_url_string(urljoin(base, strip_html5_whitespace(href)),
                                                            encoding=response.encoding))
            except ValueError:
                continue
            parts = urlparse(url)
            if parts.scheme in ("http", "https") and not url_has_any_extension(parts, DENY_EXTENSIONS):
                yield url

    def _pages(self, site: Site, urls: Iterable[str]) -> Iterator[scrapy.Request]:
        """Requests for the links not met before in this crawl (one set lookup per link: a 250-link menu on
        every page costs its new links only) that are in the site and not known to the state (in memory)."""
        index = crawl_index(self.crawler)
        met = self.met_urls
        for url in urls:
            if url in met:
                continue
            met.add(url)
            if not site.owns(url):
                continue
            if index.url_seen(url):
                count(self.crawler.stats, site.slug, "skipped/already_stored")
                continue
            kind = ("article" if site.matches("article", url)
                    else "listing" if site.matches("listing", url) else "other")
            if request := self._request(site, url, kind=kind):
                yield request

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """Sitemaps listed in robots.txt (the robots middleware already enforces its rules)."""
        site = self._site(response)
        if response.status != 200:
            return
        count(self.crawler.stats, site.slug, "responses")
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            if request := self._request(site, url, callback=self.parse_feed, kind="listing"):
                yield request

    def parse_feed(self, response: Response, counted: bool = False) -> Iterator[scrapy.Request]:
        """Pages and nested sitemaps from a sitemap, sitemap index, RSS or Atom document."""
        site = self._site(response)
        if not counted:
            count(self.crawler.stats, site.slug, "responses")
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = gunzip(body, max_size=MAX_FEED_BYTES)
            except (OSError, ValueError):
                count(self.crawler.stats, site.slug, "errors/bad_feed")
                return
        pages, sitemaps = feed_links(body)
        if not pages and not sitemaps:
            count(self.crawler.stats, site.slug, "errors/bad_feed")
            logger.info("No links in feed or sitemap %s", response.url)
        for url in sitemaps:
            if request := self._request(site, response.urljoin(url), callback=self.parse_feed, kind="listing"):
                yield request
        yield from self._pages(site, (response.urljoin(u) for u in pages))

    def on_error(self, failure: Failure) -> None:
        """Count and log a failed request; never raise."""
        request = failure.request  # type: ignore[attr-defined]
        slug = request.meta.get("site")
        stats = self.crawler.stats
        if failure.check(HttpError):  # a subclass of IgnoreRequest: check it first
            status = failure.value.response.status
            count(stats, slug, "responses")
            kind = f"http_{status}"
        elif failure.check(IgnoreRequest):
            return  # robots.txt or scope refusals: counted by their middlewares, not errors
        elif failure.check(DownloadCancelledError) and "max size" in str(failure.value):
            kind = "oversized"
        elif failure.check(DownloadTimeoutError, TimeoutError, TCPTimedOutError):
            kind = "timeout"
        elif failure.check(CannotResolveHostError, DownloadConnectionRefusedError, DNSLookupError, ConnectError):
            kind = "unreachable"
        elif failure.check(DownloadFailedError, ResponseDataLossError, ConnectionLost, ResponseFailed):
            kind = "broken_response"
        else:
            kind = "other"
        count(stats, slug, f"errors/{kind}")
        logger.warning("Failed %s (%s): %s", request.url, kind, failure.getErrorMessage())
