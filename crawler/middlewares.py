"""Downloader middlewares: keep each request inside its own site, and let same-page redirects through."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest

from pipelines.steps import count, crawl_index
from pipelines.urls import url_key

logger = logging.getLogger(__name__)


class SiteScopeMiddleware:
    """Refuses any request (redirects included) whose scheme, host and port are not its site's.

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
        site = getattr(self.crawler.spider, "sites_by_slug", {}).get(request.meta.get("site"))
        if site is None or site.owns(request.url):
            return
        self.stats.inc_value("congdoan/offsite_refused")
        raise IgnoreRequest(f"{request.url} is outside site {site.slug}")


class KnownPage(IgnoreRequest):
    """A redirect to a page the corpus already holds: not fetched again (not an error, not a refusal)."""


class CanonicalRedirectMiddleware(RedirectMiddleware):
    """Scrapy's redirects, except that a redirect to another address of the same page (``/a`` -> ``/a/``)
    is not dropped by the duplicate filter, which compares canonical URLs; a redirect to a page already stored
    is not followed (unless the request re-fetches it on purpose); redirect loops are counted as errors."""

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        if redirected.url in (*request.meta.get("redirect_urls", ()), request.url):
            self._count_loop(request)
            raise IgnoreRequest(f"redirect loop: {request.url} -> {redirected.url}")
        if "congdoan_revisit" not in request.meta and crawl_index(self.crawler).url_seen(redirected.url):
            count(self.crawler.stats, request.meta.get("site"), "skipped/already_stored")
            raise KnownPage(f"{request.url} redirects to {redirected.url}, which is stored")
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
