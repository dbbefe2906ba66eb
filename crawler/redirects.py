"""Site identity that survives real redirects.

A start URL that redirects to its own host under https, or between the bare and ``www.``/``m.`` host, extends
the site's scope to that origin for the crawl (recorded in the manifest). A start URL that redirects anywhere
else is reported with the target and the ``extra_origins`` value that would admit it; the scope check refuses
the request as before.
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

from crawler.politeness import site_for
from pipelines.urls import origin

logger = logging.getLogger(__name__)

#: Request meta marking a start URL and every redirect that follows from it.
START = "congdoan_start"
_TWIN_PREFIXES = ("www.", "m.")


def _bare(host: str) -> str:
    host = host.lower().rstrip(".")
    for prefix in _TWIN_PREFIXES:
        if host.startswith(prefix):
            return host[len(prefix):]
    return host


def twin_origin(source: str, target: str) -> bool:
    """Whether ``target`` is the same site as ``source`` seen through another door: the same host (up to a
    ``www.``/``m.`` prefix) on the same scheme and port, or moved from http to https (any port)."""
    src, dst = urlsplit(source), urlsplit(target)
    if dst.scheme not in ("http", "https") or not dst.hostname or _bare(src.hostname or "") != _bare(dst.hostname):
        return False
    if src.scheme == "http" and dst.scheme == "https":
        return True
    return src.scheme == dst.scheme and origin(source).rsplit(":", 1)[1] == origin(target).rsplit(":", 1)[1]


class StartRedirectMiddleware:
    """Sees a start URL's redirect before RedirectMiddleware follows it: admits a twin origin into the site's
    scope, reports any other."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StartRedirectMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not request.meta.get(START) or response.status not in (301, 302, 303, 307, 308):
            return response
        location = response.headers.get(b"Location")
        site = site_for(self.crawler, request)
        if not location or site is None:
            return response
        target = urljoin(request.url, location.decode("latin-1").strip())
        if site.owns(target):
            return response
        key = f"congdoan/site/{site.slug}/scope"
        if twin_origin(request.url, target):
            site.admit(origin(target))
            admitted = self.stats.get_value(f"{key}/admitted_origins") or []
            self.stats.set_value(f"{key}/admitted_origins", sorted({*admitted, _origin_url(target)}))
            logger.info("Site %s: start URL %s redirects to %s; scope extended to %s", site.slug, request.url,
                        target, _origin_url(target))
        else:
            out = self.stats.get_value(f"{key}/redirected_out") or []
            note = {"from": request.url, "to": target, "extra_origins": _origin_url(target)}
            if note not in out:
                self.stats.set_value(f"{key}/redirected_out", [*out, note])
            logger.warning("Site %s: start URL %s redirects to %s, outside the site; to follow it, add "
                           "extra_origins: ['%s'] to its registry entry", site.slug, request.url, target,
                           _origin_url(target))
        return response


def _origin_url(url: str) -> str:
    """``scheme://host[:port]`` as a registry ``extra_origins`` value (default ports left out)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"
