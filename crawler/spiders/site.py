"""The one spider: crawls registered union sites, finding articles by itself.

From each site's start URLs it follows in-site links (listings, pagination, articles), reads sitemaps named in
robots.txt or the registry and RSS/Atom feeds announced by pages or the registry, obeys robots.txt, and never
requests another scheme, host or port than the site's own. Every HTML page goes to the pipelines, which keep
only articles; listings are only followed.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlparse, urlsplit

import scrapy
from lxml import etree
from scrapy import signals
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

from crawler.feeds import MAX_FEED_BYTES, feed_entries
from crawler.incremental import Incremental
from crawler.logformatter import install_log_filters
from crawler.middlewares import KnownPage
from crawler.redact import redact_text, redact_url, without_userinfo
from crawler.redirects import START
from crawler.registry import Site, load_registry, select_sites
from crawler.traps import TrapGuard, TrapLimits
from pipelines.extract.bounds import bound_html
from pipelines.items import FetchedPage
from pipelines.parquet import new_crawl_id
from pipelines.steps import count, crawl_index
from pipelines.urls import origin

logger = logging.getLogger(__name__)

#: Links to files that are no web pages (Scrapy's LinkExtractor default).
DENY_EXTENSIONS = {f".{extension}" for extension in IGNORED_EXTENSIONS}
#: Request priorities: articles before listings before the rest, so limits keep the valuable pages.
PRIORITY = {"article": 20, "listing": 10, "other": 0}


def fetched_page(site: Site, response: Response, crawl_id: str, *, url: str | None = None,
                 source: str = "live", fetched_at: datetime | None = None) -> FetchedPage:
    """The pipelines' item for an HTML page (live crawl, re-extraction and backfill all build it here).

    ``fetched_at``: given (a web archive's capture time), else the time the archive middleware stamped on
    the request (the WARC-Date), else now.
    """
    return FetchedPage(
        url=url or response.url, body=response.body,
        content_type=response.headers.get(b"Content-Type", b"").decode("latin-1") or None,
        site=site.slug, province=site.province,
        fetched_at=fetched_at or response.meta.get("fetched_at") or datetime.now(UTC), crawl_id=crawl_id,
        status=response.status, drop_selectors=site.drop_selectors, source=source)


#: A scheme other than http(s) ("mailto:", "javascript:"): such an href resolves to itself on every page.
_OTHER_SCHEME = re.compile(r"(?!https?:)[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_HTML5_SPACE = " \t\n\r\x0c"
#: How files that are no HTML begin (PDF, zip/docx, OLE/doc, PNG, JPEG, GIF), for pages served as text/html.
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")


def _binary(body: bytes) -> bool:
    """Whether a body labelled HTML is really a binary file (known magic, or NUL bytes up front)."""
    head = body[:1024].lstrip()
    return head.startswith(_BINARY_MAGIC) or b"\x00\x00" in head


_LINK_PARSER = etree.HTMLParser(encoding="utf-8", recover=True, no_network=True, remove_comments=True,
                                remove_pis=True, collect_ids=False)


def href_key(href: str, origin: str, folder: str, base: str, itself: bool) -> str | None:
    """What ``href`` resolves to on a page whose base URL is ``base`` (in ``folder``, on ``origin``), as a key
    that every page it resolves the same on shares; None for the page itself (``#top``, ``""``, when the base is
    the page's own URL).

    An href resolves against nothing (absolute, or another scheme), the origin (``/path``), the base's folder
    (``a.html``, ``../b``, ``//host``: RFC 3986 merges the path up to its last ``/``), or the base without its
    query (``?page=2``) or fragment (``#top``). So a legacy site's relative menu is one key a folder, not one a
    page (a 250-link menu on 10,000 pages was 2.5 million keys)."""
    href = href.strip(_HTML5_SPACE)
    if href.startswith(("http://", "https://")) or _OTHER_SCHEME.match(href):
        return href
    if href.startswith("/") and not href.startswith("//"):
        return origin + href
    if not href or href.startswith("#"):
        return None if itself else f"{base.partition('#')[0]} {href}"
    if href.startswith("?"):
        return f"{base.partition('#')[0].partition('?')[0]} {href}"
    return f"{folder} {href}"


def page_links(text: str) -> tuple[list[str], list[str]]:
    """(link hrefs, feed hrefs) of an HTML page: ``<a>``/``<area>`` hrefs in page order, and the hrefs of RSS
    and Atom ``<link rel="alternate">``. The page is bounded as extraction bounds it
    (pipelines.extract.bounds.bound_html: a tag with 100,000 attributes costs lxml minutes, and beyond 10,000
    tags no union page is left) and its tree is dropped on return: a tree cached on the response (Scrapy's
    ``response.selector``) lived as long as the page waited for extraction, about 1 MB a page."""
    bounded, _ = bound_html(text)
    body = bounded.strip().replace("\x00", "").encode("utf-8")
    if not body:
        return [], []
    try:
        root = etree.fromstring(body, _LINK_PARSER)
    except (etree.LxmlError, ValueError):
        return [], []
    if root is None:
        return [], []
    hrefs, feeds = [], []
    for element in root.iter("a", "area", "link"):
        href = element.get("href")
        if href is None:
            continue
        if element.tag != "link":
            hrefs.append(href)
        elif element.get("rel") == "alternate" and any(k in (element.get("type") or "") for k in ("rss", "atom")):
            feeds.append(href)
    return hrefs, feeds


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
        self.traps = TrapGuard()
        self.requested: Counter[str] = self.traps.requested
        self._incremental: Incremental | None = None
        #: Every page URL this crawl has met, and every link as written made absolute: each is looked at once.
        self.met_urls: set[str] = set()
        self.met_hrefs: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SiteSpider:
        if crawler.settings.get("JOBDIR"):
            raise ValueError("JOBDIR is not supported: Scrapy keeps its queues there as pickles; an interrupted "
                             "crawl resumes from CONGDOAN_STATE")
        spider = super().from_crawler(crawler, *args, **kwargs)
        install_log_filters()
        spider._configure(crawler)
        spider.traps = TrapGuard(TrapLimits.from_settings(crawler.settings))
        spider.requested = spider.traps.requested
        crawler.signals.connect(spider._stored, signal=signals.item_scraped)
        crawler.signals.connect(spider._dropped, signal=signals.request_dropped)
        return spider

    def _configure(self, crawler: Crawler) -> None:
        sites = self._given_sites
        if sites is None:
            registry = load_registry(self._sites_file or crawler.settings.get("CONGDOAN_SITES_FILE"))
            slugs = [s.strip() for s in (self._site_arg or "").split(",")]
            sites = select_sites(registry, slugs)
        for site in sites:
            if site.status == "offline":
                logger.warning("Site %s is offline (registry status): skipped; `congdoan backfill --site %s` "
                               "fetches its pages from web archives", site.slug, site.slug)
        self.sites_by_slug: dict[str, Site] = {s.slug: s for s in sites if s.status != "offline"}
        for site in self.sites_by_slug.values():  # sitemaps and feeds on another host (a CDN): as named
            for url in (*site.sitemap_urls, *site.feed_urls):
                if not site.owns(url):
                    site.admit(url)
        self.crawl_id: str = crawler.settings.get("CONGDOAN_CRAWL_ID") or new_crawl_id(datetime.now(UTC))

    @property
    def incremental(self) -> Incremental:
        """Incremental-crawl decisions (revisits, where paging stops), opened with the crawl's state."""
        if self._incremental is None:
            self._incremental = Incremental.from_crawler(self.crawler)
        return self._incremental

    # -- requests -------------------------------------------------------------------------------------------

    def _request(self, site: Site, url: str, *, callback: Any = None, kind: str = "other",
                 meta: dict[str, Any] | None = None, headers: dict[str, str] | None = None,
                 parent: Response | None = None, seed: bool = False, listed: bool = False,
                 ) -> scrapy.Request | None:
        """A request for ``url`` within ``site`` (linked from ``parent``, or a ``seed``: start page, robots.txt,
        sitemap, feed), or None when the site's rules or the trap limits (crawler.traps) say no."""
        if not site.owns(url) or site.matches("deny", url):
            return None
        url = without_userinfo(url)
        admitted = self.traps.admit(site, url, parent=parent.meta if parent is not None else None, seed=seed,
                                    article=site.matches("article", url), listed=listed)
        if isinstance(admitted, str):
            count(self.crawler.stats, site.slug, f"skipped/{admitted}")
            return None
        self.incremental.requested(url)
        return scrapy.Request(url, callback=callback or self.parse, errback=self.on_error, headers=headers,
                              priority=PRIORITY[kind], meta={"site": site.slug, **admitted, **(meta or {})})

    def _dropped(self, request: scrapy.Request, **kwargs: Any) -> None:
        """The scheduler refused a request (a duplicate of one already made): it no longer waits in the queue."""
        if request.meta.get("site"):
            self.traps.unqueued(request.meta["site"], request.meta)

    def _stored(self, item: Any, response: Response | None = None, **kwargs: Any) -> None:
        """A record was stored (item_scraped): its page and the page that linked to it led to a new article."""
        if isinstance(item, dict) and response is not None and item.get("site"):
            self.traps.credit(item["site"], response.meta)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for site in self.sites_by_slug.values():
            for base in sorted({"{0.scheme}://{0.netloc}".format(urlsplit(u)) for u in site.start_urls}):
                robots = self._request(site, f"{base}/robots.txt", callback=self.parse_robots,
                                       meta={"handle_httpstatus_all": True}, seed=True)
                if robots:
                    yield robots
            for url in (*site.sitemap_urls, *site.feed_urls):
                if request := self._request(site, url, callback=self.parse_feed, kind="listing", seed=True):
                    yield request
            for url in site.start_urls:
                if request := self._request(site, url, kind="listing", seed=True, meta={START: True}):
                    yield request

    def _site(self, response: Response) -> Site:
        return self.sites_by_slug[response.meta["site"]]

    # -- callbacks ------------------------------------------------------------------------------------------

    def parse(self, response: Response) -> Iterator[Any]:
        site = self._site(response)
        count(self.crawler.stats, site.slug, "responses")
        self.traps.fetched(site.slug, response.meta)
        if response.status == 304:  # a conditional revisit: unchanged
            self.incremental.not_modified(site, response)
            return
        self.incremental.note_validators(response)
        if isinstance(response, XmlResponse):
            yield from self.parse_feed(response, counted=True)
            return
        if not isinstance(response, HtmlResponse) or _binary(response.body):
            content_type = response.headers.get(b"Content-Type", b"").decode("latin-1") or "unknown"
            count(self.crawler.stats, site.slug, "errors/non_html")
            logger.info("Not HTML (%s), skipped: %s", content_type, redact_url(response.url))
            return
        yield fetched_page(site, response, self.crawl_id)
        self.met_urls.update((response.url, response.request.url) if response.request else (response.url,))
        yield from self.follow(site, response)

    def follow(self, site: Site, response: HtmlResponse) -> Iterator[scrapy.Request]:
        """Requests for the page's in-site links and announced feeds (depth and traps: crawler.traps)."""
        hrefs, feeds = page_links(response.text)
        for href in feeds:
            url = response.urljoin(href)
            if url in self.met_urls:
                continue
            self.met_urls.add(url)
            if request := self._request(site, url, callback=self.parse_feed, kind="listing", parent=response):
                yield request
        yield from self._pages(site, self.incremental.follow(site, response.url, self._links(response, hrefs)),
                               response)

    def _links(self, response: HtmlResponse, hrefs: Iterable[str]) -> Iterator[str]:
        """The page's ``<a>``/``<area>`` link URLs (``hrefs``: from :func:`page_links`), made absolute and safe
        as Scrapy's LinkExtractor does, for hrefs this crawl has not met before: a menu repeated on every page
        costs a dict lookup a link (LinkExtractor's per-link work was most of the crawl process's time on
        250-link pages)."""
        base = get_base_url(response)
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
        folder = origin + base[len(origin):].partition("#")[0].partition("?")[0].rpartition("/")[0] + "/"
        itself = base.partition("#")[0] == response.url.partition("#")[0]
        met = self.met_hrefs
        for href in hrefs:
            # absolute and root-relative hrefs (nearly all) inline; the rest as href_key says
            key = (href if href.startswith(("http://", "https://")) else origin + href
                   if href[:1] == "/" and href[1:2] != "/" else href_key(href, origin, folder, base, itself))
            if key is None or key in met:
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

    def _pages(self, site: Site, urls: Iterable[str], parent: Response, listed: bool = False,
               lastmods: dict[str, str | None] | None = None) -> Iterator[scrapy.Request]:
        """Requests for the links not met before in this crawl (one set lookup per link: a 250-link menu on
        every page costs its new links only) that are in the site and not known to the state (in memory)."""
        index = crawl_index(self.crawler)
        met = self.met_urls
        for url in urls:
            url = url.partition("#")[0]  # "#top", "#comments": the page itself, never sent to the server
            if url in met:
                continue
            met.add(url)
            if not site.owns(url):
                continue
            revisit = None
            if index.url_seen(url):
                revisit = self.incremental.revisit(site, url, lastmods.get(url) if lastmods else None)
                if revisit is None:
                    count(self.crawler.stats, site.slug, "skipped/already_stored")
                    continue
            kind = ("article" if revisit or site.matches("article", url)
                    else "listing" if site.matches("listing", url) else "other")
            if request := self._request(site, url, kind=kind, parent=parent, listed=listed, **(revisit or {})):
                yield request

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """Sitemaps listed in robots.txt (the robots middleware already enforces its rules)."""
        site = self._site(response)
        self.traps.fetched(site.slug, response.meta)
        if response.status != 200:
            return
        count(self.crawler.stats, site.slug, "responses")
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            if not site.owns(url):  # not followed unless the registry names it (sitemap_urls)
                count(self.crawler.stats, site.slug, "skipped/sitemap_elsewhere")
                logger.info("Site %s: robots.txt names a sitemap on another host, %s; add it to sitemap_urls "
                            "to read it", site.slug, redact_url(url))
                continue
            if request := self._request(site, url, callback=self.parse_feed, kind="listing", seed=True):
                yield request

    def parse_feed(self, response: Response, counted: bool = False) -> Iterator[scrapy.Request]:
        """Pages and nested sitemaps from a sitemap, sitemap index, RSS or Atom document."""
        site = self._site(response)
        if not counted:
            count(self.crawler.stats, site.slug, "responses")
            self.traps.fetched(site.slug, response.meta)
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = gunzip(body, max_size=MAX_FEED_BYTES)
            except (OSError, ValueError):
                count(self.crawler.stats, site.slug, "errors/bad_feed")
                return
        pages, sitemaps = feed_entries(body)
        if not pages and not sitemaps:
            count(self.crawler.stats, site.slug, "errors/bad_feed")
            logger.info("No links in feed or sitemap %s", redact_url(response.url))
        for url in sitemaps:
            url = response.urljoin(url)
            if response.url in site.admitted and origin(url) == origin(response.url):
                site.admit(url)  # nested in a sitemap the registry names on another host, and on that host
            if request := self._request(site, url, callback=self.parse_feed, kind="listing", parent=response):
                yield request
        lastmods = self.incremental.usable_lastmods(
            site, {response.urljoin(u): lastmod for u, lastmod in pages.items() if lastmod})
        yield from self._pages(site, (response.urljoin(u) for u in pages), response, listed=True,
                               lastmods=lastmods)

    def on_error(self, failure: Failure) -> None:
        """Count and log a failed request; never raise."""
        request = failure.request  # type: ignore[attr-defined]
        slug = request.meta.get("site")
        stats = self.crawler.stats
        if slug:
            self.traps.fetched(slug, request.meta)
        if failure.check(HttpError):  # a subclass of IgnoreRequest: check it first
            status = failure.value.response.status
            count(stats, slug, "responses")
            kind = f"http_{status}"
        elif failure.check(IgnoreRequest) and "DOWNLOAD_MAXSIZE" in str(failure.value):
            kind = "oversized"  # a compressed body that decompresses past the limit (a gzip bomb)
        elif failure.check(IgnoreRequest):
            if not failure.check(KnownPage):  # a redirect to a stored page: counted as already stored
                # every refusal (robots.txt, scope, address, redirect loop) for the progress queue; the
                # middlewares count their own kinds
                count(stats, slug, "skipped/refused")
            return
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
        logger.warning("Failed %s (%s): %s", redact_url(request.url), kind, redact_text(failure.getErrorMessage()))
