"""The site registry: one declarative YAML entry per union site, validated when a crawl starts."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml
from cssselect import GenericTranslator, SelectorError

from crawler.provinces import normalize_province
from pipelines.urls import origin

logger = logging.getLogger(__name__)

#: The registry that ships with the project.
DEFAULT_SITES_FILE = Path(__file__).with_name("sites.yaml")

_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}")  # whole slug (fullmatch): no trailing newline


class RegistryError(ValueError):
    """An invalid registry: the message names the entry and the field."""


@dataclass(frozen=True)
class Site:
    """One union site. Only ``slug``, ``name``, ``province`` and ``start_urls`` are required."""

    slug: str
    name: str
    province: str
    start_urls: tuple[str, ...]
    #: Regexes (searched in the URL) that mark article pages: crawled first, never skipped by depth.
    article_patterns: tuple[str, ...] = ()
    #: Regexes that mark listing pages (categories, archives, pagination).
    listing_patterns: tuple[str, ...] = ()
    #: Regexes for URLs never to request (search, login, calendars...).
    deny_patterns: tuple[str, ...] = ()
    #: Extra CSS selectors to drop from pages before extraction.
    drop_selectors: tuple[str, ...] = ()
    #: Sitemaps and RSS/Atom feeds (absolute, or relative to the first start URL).
    sitemap_urls: tuple[str, ...] = ()
    feed_urls: tuple[str, ...] = ()
    #: Other hosts serving the same site (e.g. "https://m.example.vn"); offsite otherwise.
    extra_origins: tuple[str, ...] = ()
    #: Limits (crawler.traps): pages requested per crawl, and depth counted in hops that change the URL
    #: pattern; None means the settings CONGDOAN_MAX_PAGES_PER_SITE / CONGDOAN_MAX_DEPTH.
    max_pages: int | None = None
    max_depth: int | None = None
    _compiled: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def origins(self) -> frozenset[str]:
        """Scheme + host + port of every start URL and extra origin: the site's identity."""
        return frozenset(origin(u) for u in (*self.start_urls, *self.extra_origins))

    def owns(self, url: str) -> bool:
        """Whether ``url`` belongs to this site (same scheme, host and port as one of its origins)."""
        return urlsplit(url).scheme in ("http", "https") and origin(url) in self.origins

    def matches(self, kind: str, url: str) -> bool:
        """Whether ``url`` matches one of the site's ``article``, ``listing`` or ``deny`` patterns."""
        patterns = self._compiled.get(kind)
        if patterns is None:
            patterns = tuple(re.compile(p) for p in getattr(self, f"{kind}_patterns"))
            self._compiled[kind] = patterns
        return any(p.search(url) for p in patterns)


_REQUIRED = ("slug", "name", "province", "start_urls")
_LISTS = ("start_urls", "article_patterns", "listing_patterns", "deny_patterns", "drop_selectors",
          "sitemap_urls", "feed_urls", "extra_origins")
_INTS = ("max_pages", "max_depth")
_KNOWN = set(_REQUIRED) | set(_LISTS) | set(_INTS)


def _fail(entry: str, field_name: str, problem: str) -> RegistryError:
    return RegistryError(f"site {entry}: field '{field_name}' {problem}")


def _as_list(entry: str, name: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(entry, name, "must be a string or a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _http_url(entry: str, name: str, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _fail(entry, name, f"has {url!r}, which is not an absolute http(s) URL")
    return url


def parse_site(raw: Any, position: int) -> Site:
    """Validate one registry entry; ``position`` (1-based) names entries that have no slug yet."""
    if not isinstance(raw, Mapping):
        raise RegistryError(f"site #{position}: entry must be a mapping of fields, got {type(raw).__name__}")
    slug = raw.get("slug")
    entry = (f"'{slug}'" if slug.isprintable() else repr(slug)) if isinstance(slug, str) else f"#{position}"
    for name in _REQUIRED:
        if name not in raw or raw[name] in (None, "", []):
            raise _fail(entry, name, "is required")
    unknown = sorted(set(raw) - _KNOWN)
    if unknown:
        raise _fail(entry, unknown[0], f"is not a registry field (known: {', '.join(sorted(_KNOWN))})")
    slug = raw["slug"]
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
        raise _fail(entry, "slug", "must be lower-case letters, digits, '-' or '_' (max 63)")
    for name in ("name", "province"):
        if not isinstance(raw[name], str) or not raw[name].strip():
            raise _fail(entry, name, "must be a non-empty string")
    values: dict[str, Any] = {name: _as_list(entry, name, raw[name]) for name in _LISTS if name in raw}
    start_urls = tuple(_http_url(entry, "start_urls", u) for u in values["start_urls"])
    for name in ("sitemap_urls", "feed_urls"):
        if name in values:
            values[name] = tuple(_http_url(entry, name, urljoin(start_urls[0], u)) for u in values[name])
    if "extra_origins" in values:
        values["extra_origins"] = tuple(_http_url(entry, "extra_origins", u) for u in values["extra_origins"])
    for name in ("article_patterns", "listing_patterns", "deny_patterns"):
        for pattern in values.get(name, ()):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise _fail(entry, name, f"has an invalid regular expression {pattern!r}: {exc}") from None
    for selector in values.get("drop_selectors", ()):
        try:
            GenericTranslator().css_to_xpath(selector)
        except SelectorError as exc:
            raise _fail(entry, "drop_selectors", f"has an invalid CSS selector {selector!r}: {exc}") from None
    for name in _INTS:
        if name in raw and raw[name] is not None:
            if not isinstance(raw[name], int) or isinstance(raw[name], bool) or raw[name] < 1:
                raise _fail(entry, name, "must be a positive whole number")
            values[name] = raw[name]
    province = raw["province"].strip()
    if normalize_province(province) is None:
        logger.warning("site %s: province %r is not one of the 63 provinces", entry, province)
    values.update(slug=slug, name=raw["name"].strip(), province=province, start_urls=start_urls)
    return Site(**values)


def parse_registry(data: Any, source: str = "registry") -> list[Site]:
    """Validate a parsed registry document (top-level key ``sites:``)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("sites"), list):
        raise RegistryError(f"{source}: expected a top-level key 'sites:' holding a list of sites")
    sites = [parse_site(raw, i) for i, raw in enumerate(data["sites"], start=1)]
    seen: set[str] = set()
    for site in sites:
        if site.slug in seen:
            raise _fail(f"'{site.slug}'", "slug", "is used by more than one site")
        seen.add(site.slug)
    return sites


def load_registry(path: str | Path | None = None) -> list[Site]:
    """Read and validate a registry file; raise RegistryError naming the entry and field."""
    path = Path(path) if path else DEFAULT_SITES_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read the registry ({exc.strerror})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    return parse_registry(data, str(path))


def select_sites(sites: Iterable[Site], slugs: Iterable[str] | None) -> list[Site]:
    """The registry's sites named by ``slugs`` (all when empty); RegistryError for an unknown slug."""
    sites = list(sites)
    wanted = [s for s in (slugs or ()) if s]
    if not wanted:
        return sites
    by_slug = {s.slug: s for s in sites}
    for slug in wanted:
        if slug not in by_slug:
            raise RegistryError(f"site '{slug}': field 'slug' is not in the registry")
    return [by_slug[s] for s in dict.fromkeys(wanted)]
