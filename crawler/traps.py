"""Crawler traps: limits that stop unbounded URL spaces (calendars, faceted search, session loops) without
cutting real archives.

Three limits, each counted when it cuts a request:

- **page budget** per site (registry ``max_pages``, else CONGDOAN_MAX_PAGES_PER_SITE): requests per crawl;
- **pattern cap** (CONGDOAN_MAX_PATTERN_PAGES): a URL *pattern* is the path with every digit run masked and the
  query's values masked (``/lich/2024/05/`` -> ``/lich/N/N/``, ``?cat=3&page=9`` -> ``?cat=*&page=*``). Each
  pattern has a streak of pages fetched since it last led to a new article; a page leads to a new article
  when it is one, or when a page it linked to is one and is stored. Once a streak reaches the cap, no further
  URL of that pattern is requested (what was already queued is still fetched), and while a pattern has
  produced nothing, at most three times the cap of its URLs wait in the queue at once (one page with 200,000
  links of one pattern queues a bounded number). A paginated archive resets its streak on every page that
  links to new stories, so it is followed to its end; an endless calendar never does, so it stops. URLs
  listed by sitemaps and feeds are exempt (they list content, and the budget bounds them);
- **depth** (registry ``max_depth``, else CONGDOAN_MAX_DEPTH): hops from a start page that change the pattern;
  a hop to the same pattern (``page-7`` -> ``page-8``) adds no depth, so long paginations stay reachable, and
  URLs matching the site's ``article_patterns`` are never cut by depth or pattern.

What was cut is reported per site in the run manifest, with the patterns, so a maintainer can raise a limit
knowingly.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

#: Defaults of the settings (README "Limits").
MAX_PAGES_PER_SITE = 50_000
MAX_PATTERN_PAGES = 100
MAX_DEPTH = 20
#: Until a pattern has led to a new article, at most this many times the cap of its URLs are queued at once.
QUEUED_FACTOR = 3
#: Patterns kept per site in the manifest (the most cut first).
REPORTED_PATTERNS = 20

_DIGITS = re.compile(r"\d+")


def url_pattern(url: str) -> str:
    """``url``'s path with digit runs masked as ``N`` and its query values masked as ``*``, names sorted."""
    parts = urlsplit(url)
    path = _DIGITS.sub("N", parts.path or "/")
    if not parts.query:
        return path
    names = sorted({_DIGITS.sub("N", piece.partition("=")[0]) for piece in parts.query.split("&") if piece})
    return path + "?" + "&".join(name + "=*" for name in names)


@dataclass(frozen=True)
class TrapLimits:
    """The crawl-wide limits (a site's registry fields override the page budget and depth)."""

    max_pages: int = MAX_PAGES_PER_SITE
    pattern_pages: int = MAX_PATTERN_PAGES
    max_depth: int = MAX_DEPTH

    @classmethod
    def from_settings(cls, settings: Any) -> TrapLimits:
        """Read CONGDOAN_MAX_PAGES_PER_SITE, CONGDOAN_MAX_PATTERN_PAGES and CONGDOAN_MAX_DEPTH (0 = no limit)."""
        return cls(settings.getint("CONGDOAN_MAX_PAGES_PER_SITE", MAX_PAGES_PER_SITE),
                   settings.getint("CONGDOAN_MAX_PATTERN_PAGES", MAX_PATTERN_PAGES),
                   settings.getint("CONGDOAN_MAX_DEPTH", MAX_DEPTH))


class TrapGuard:
    """Admits or cuts each request of a crawl, and remembers what it cut.

    :meth:`admit` is asked before a request is made, :meth:`fetched` when a page arrives, :meth:`credit`
    when a page's record is stored (a new article). Request meta keys: ``trap_pattern`` (the URL's pattern),
    ``trap_from`` (the pattern of the page that linked to it), ``trap_depth``.
    """

    def __init__(self, limits: TrapLimits | None = None) -> None:
        self.limits = limits or TrapLimits()
        self.requested: Counter[str] = Counter()
        self._streak: Counter[tuple[str, str]] = Counter()
        self._queued: Counter[tuple[str, str]] = Counter()
        self._productive: set[tuple[str, str]] = set()
        self.cut: dict[str, Counter[str]] = {}
        self.cut_patterns: dict[str, Counter[str]] = {}

    def admit(self, site: Any, url: str, *, parent: dict[str, Any] | None = None, seed: bool = False,
              article: bool = False, listed: bool = False) -> dict[str, Any] | str:
        """Meta for a request of ``url`` (from the page whose meta is ``parent``), or the reason it is cut:
        ``max_pages``, ``max_depth`` or ``trap_pattern``. ``seed`` requests (start pages, robots.txt,
        sitemaps and feeds) and ``article`` URLs (registry article patterns) only count against the budget;
        ``listed`` URLs (from a sitemap or feed) are not cut by pattern."""
        slug = site.slug
        max_pages = site.max_pages or self.limits.max_pages
        pattern = url_pattern(url)
        if max_pages and self.requested[slug] >= max_pages:
            return self._cut(slug, "max_pages", pattern)
        parent = parent or {}
        from_pattern = parent.get("trap_pattern")
        depth = 0 if seed else parent.get("trap_depth", 0) + (pattern != from_pattern)
        if not (seed or article):
            max_depth = site.max_depth or self.limits.max_depth
            if max_depth and depth > max_depth:
                return self._cut(slug, "max_depth", pattern)
            cap, key = self.limits.pattern_pages, (slug, pattern)
            if cap and not listed and (self._streak[key] >= cap or (
                    key not in self._productive and self._queued[key] >= QUEUED_FACTOR * cap)):
                return self._cut(slug, "trap_pattern", pattern)
        self.requested[slug] += 1
        self._queued[slug, pattern] += 1
        return {"trap_pattern": pattern, "trap_from": from_pattern, "trap_depth": depth}

    def fetched(self, slug: str, meta: dict[str, Any]) -> None:
        """The request with ``meta`` was answered (or failed): one more page of its pattern without a new
        article so far."""
        pattern = meta.get("trap_pattern")
        if pattern:
            self._streak[slug, pattern] += 1
            self._queued[slug, pattern] = max(0, self._queued[slug, pattern] - 1)

    def unqueued(self, slug: str, meta: dict[str, Any]) -> None:
        """The request with ``meta`` will never be fetched (the scheduler dropped it as a duplicate): it no
        longer counts as queued, or duplicates would make a pattern look flooded and cut real pages."""
        pattern = meta.get("trap_pattern")
        if pattern:
            self._queued[slug, pattern] = max(0, self._queued[slug, pattern] - 1)
            self.requested[slug] = max(0, self.requested[slug] - 1)

    def credit(self, slug: str, meta: dict[str, Any]) -> None:
        """The page of ``meta`` was stored as a new article: its pattern and its referrer's are productive."""
        for name in ("trap_pattern", "trap_from"):
            if meta.get(name):
                self._streak[slug, meta[name]] = 0
                self._productive.add((slug, meta[name]))

    def report(self, slug: str) -> dict[str, Any]:
        """What was cut for a site: counts by limit and the most cut patterns."""
        patterns = self.cut_patterns.get(slug, Counter())
        return {"cut": dict(self.cut.get(slug, Counter())),
                "patterns": dict(patterns.most_common(REPORTED_PATTERNS))}

    def _cut(self, slug: str, reason: str, pattern: str) -> str:
        self.cut.setdefault(slug, Counter())[reason] += 1
        self.cut_patterns.setdefault(slug, Counter())[pattern] += 1
        return reason
