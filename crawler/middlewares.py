"""Downloader middlewares: keep each request inside its own site and off forbidden addresses, and let
same-page redirects through.

Every request passes here, redirects included (a redirect is a new request) and robots.txt requests that
Scrapy's robots middleware makes on its own: a request without a site is judged by the site of the first URL
of its redirect chain.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future

from crawler.addresses import DEFAULT_BLOCKED_NETWORKS, AddressPolicy, parse_ip
from crawler.redact import redact_url
from pipelines.steps import count
from pipelines.urls import origin, url_key

SCHEMES = ("http", "https")


def site_for(crawler: Crawler, request: Request) -> Any:
    """The registry site a request belongs to: its ``site`` meta, else the site that owns the first URL of
    its redirect chain (Scrapy's own robots.txt requests); None when no site owns it."""
    sites = getattr(crawler.spider, "sites_by_slug", None) or {}
    slug = request.meta.get("site")
    if slug in sites:
        return sites[slug]
    first = (request.meta.get("redirect_urls") or [request.url])[0]
    return next((site for site in sites.values() if site.owns(first)), None)


def blocked_networks(settings: Any) -> list[str]:
    """CONGDOAN_BLOCKED_NETWORKS (default: every internal range) plus CONGDOAN_EXTRA_BLOCKED_NETWORKS."""
    base = settings.getlist("CONGDOAN_BLOCKED_NETWORKS") or list(DEFAULT_BLOCKED_NETWORKS)
    return [*base, *settings.getlist("CONGDOAN_EXTRA_BLOCKED_NETWORKS")]

logger = logging.getLogger(__name__)


class SiteScopeMiddleware:
    """Refuses any request (redirects and robots.txt included) whose scheme, host and port are not its site's.

    Scrapy's offsite filter compares host names only: two sites on one address with different ports, or a
    redirect to another host, would leak into each other.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteScopeMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if getattr(self.crawler.spider, "sites_by_slug", None) is None:
            return  # not our spider
        site = site_for(self.crawler, request)
        if site is not None and site.owns(request.url):
            return
        if origin(request.url) in request.meta.get("archive_origins", ()):
            return  # a backfill request to a configured web-archive endpoint (crawler/backfill.py)
        self.stats.inc_value("congdoan/offsite_refused")
        if site is not None:
            self.stats.inc_value(f"congdoan/site/{site.slug}/skipped/offsite")
        raise IgnoreRequest(f"{redact_url(request.url)} is outside site {site.slug if site else '(none)'}")


class AddressPolicyMiddleware:
    """Refuses requests whose host resolves to a blocked address (loopback, private, link-local, multicast,
    reserved...: CONGDOAN_BLOCKED_NETWORKS), unless the site's own start URL resolves to that address.

    The address is the one Scrapy's caching resolver gives, which the download then connects to.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.policy = AddressPolicy(blocked_networks(crawler.settings))
        self._addresses: dict[str, list[str]] = {}
        self._exempt: dict[str, set[str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressPolicyMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        if getattr(self.crawler.spider, "sites_by_slug", None) is None:
            return
        parts = urlsplit(request.url)
        site = site_for(self.crawler, request)
        if parts.scheme not in SCHEMES or not parts.hostname:
            self._refuse(site, request, "not an http(s) URL")
        addresses = await self.addresses(parts.hostname)
        if not addresses:
            return  # unresolvable: the download fails the same way and is counted as unreachable
        exempt: set[str] = set()
        if site is not None:
            exempt = await self._site_addresses(site)
        refused = self.policy.refused(addresses, exempt)
        if refused is not None:
            self._refuse(site, request, f"{parts.hostname} resolves to {refused}, a blocked address")

    async def addresses(self, host: str) -> list[str]:
        """The addresses ``host`` resolves to (itself when it is an IP address); [] when it does not resolve."""
        if parse_ip(host) is not None:
            return [host.strip("[]")]
        if host not in self._addresses:
            self._addresses[host] = await self.lookup(host)
        return self._addresses[host]

    async def lookup(self, host: str) -> list[str]:
        """Resolve ``host`` with the crawl's resolver (the one the download uses, and its cache)."""
        from twisted.internet import reactor

        try:
            return [await maybe_deferred_to_future(reactor.resolve(host))]  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - any resolver failure means "does not resolve"
            return []

    async def _site_addresses(self, site: Any) -> set[str]:
        if site.slug not in self._exempt:
            found: set[str] = set()
            for url in site.start_urls:
                found.update(await self.addresses(urlsplit(url).hostname or ""))
            self._exempt[site.slug] = found
        return self._exempt[site.slug]

    def _refuse(self, site: Any, request: Request, why: str) -> None:
        self.stats.inc_value("congdoan/address_refused")
        if site is not None:
            self.stats.inc_value(f"congdoan/site/{site.slug}/skipped/address_refused")
        raise IgnoreRequest(f"{redact_url(request.url)} refused: {why}")


class CanonicalRedirectMiddleware(RedirectMiddleware):
    """Scrapy's redirects, except that a redirect to another address of the same page (``/a`` -> ``/a/``)
    is not dropped by the duplicate filter, which compares canonical URLs."""

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        if redirected.url in (*request.meta.get("redirect_urls", ()), request.url):
            self._count_loop(request)
            raise IgnoreRequest(f"redirect loop: {request.url} -> {redirected.url}")
        try:
            redirected = super()._redirect(redirected, request, reason)
        except IgnoreRequest:  # too many redirections
            self._count_loop(request)
            raise
        if url_key(redirected.url) == url_key(request.url):
            redirected.dont_filter = True
        return redirected

    def _count_loop(self, request: Request) -> None:
        count(self.crawler.stats, request.meta.get("site"), "errors/redirect_loop")
        logger.warning("Failed %s (redirect_loop): %s", request.url, " -> ".join(
            [*request.meta.get("redirect_urls", ()), request.url]))
