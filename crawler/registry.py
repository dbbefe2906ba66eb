"""The site registry: one declarative YAML entry per union site, validated when a crawl starts."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml
from cssselect import GenericTranslator, SelectorError

from crawler.provinces import NATIONAL, normalize_province
from crawler.redact import redact_url
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
    #: Reaching the site: a proxy URL (``http://user:pass@host:port``), a download timeout and a delay
    #: between requests (seconds) for this site alone.
    proxy: str | None = None
    download_timeout: float | None = None
    delay: float | None = None
    #: 'live' (default), or 'offline': the site is gone and is crawled only by ``congdoan backfill``.
    status: str = "live"
    #: Incremental crawls: stop paging a listing after this many pages in a row with only known articles
    #: (default: the CONGDOAN_STOP_AFTER_KNOWN_PAGES setting).
    stop_after_known_pages: int | None = None
    _compiled: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict, repr=False, compare=False)
    #: What a crawl admitted on top of the registry: origins a start URL redirected to (its https or
    #: www./m. twin) and the exact URLs of sitemaps and feeds the registry names on another host.
    _admitted: set[str] = field(default_factory=set, repr=False, compare=False)

    @property
    def origins(self) -> frozenset[str]:
        """Scheme + host + port of every start URL and extra origin: the site's identity."""
        return frozenset(origin(u) for u in (*self.start_urls, *self.extra_origins))

    @property
    def admitted(self) -> frozenset[str]:
        """Origins and URLs this crawl admitted beyond the registry (see ``admit``)."""
        return frozenset(self._admitted)

    def admit(self, url_or_origin: str) -> None:
        """Extend the site's scope for this crawl: an origin (``scheme://host:port``) or one exact URL."""
        self._admitted.add(url_or_origin)

    def owns(self, url: str) -> bool:
        """Whether ``url`` belongs to this site: same scheme, host and port as one of its origins (registry or
        admitted by a start URL's redirect), or a sitemap or feed URL it admitted."""
        if urlsplit(url).scheme not in ("http", "https"):
            return False
        return origin(url) in self.origins or bool(self._admitted) and (
            origin(url) in self._admitted or url in self._admitted)

    def feed_hosted_elsewhere(self, url: str) -> bool:
        """Whether ``url`` is a sitemap or feed the registry names on another host (a CDN)."""
        return url in (*self.sitemap_urls, *self.feed_urls) and origin(url) not in self.origins

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
_INTS = ("max_pages", "max_depth", "stop_after_known_pages")
_SECONDS = ("download_timeout", "delay")
_STATUSES = ("live", "offline")
_KNOWN = set(_REQUIRED) | set(_LISTS) | set(_INTS) | set(_SECONDS) | {"proxy", "status"}


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


def _proxy(entry: str, value: Any) -> str:
    """A proxy URL (``http(s)://[user:pass@]host:port``); the error message never shows a password."""
    if not isinstance(value, str) or not value.strip():
        raise _fail(entry, "proxy", "must be a proxy URL like http://host:3128")
    value = value.strip()
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise _fail(entry, "proxy", f"has {redact_url(value)!r}, which is not a proxy URL like http://host:3128")
    return value


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
    for name in _SECONDS:
        if name in raw and raw[name] is not None:
            value = raw[name]
            if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 3600 or (
                    name == "download_timeout" and value == 0):
                raise _fail(entry, name, "must be a number of seconds (0 to 3600; a timeout above 0)")
            values[name] = float(value)
    if raw.get("proxy") is not None:
        values["proxy"] = _proxy(entry, raw["proxy"])
    if raw.get("status") is not None:
        if raw["status"] not in _STATUSES:
            raise _fail(entry, "status", f"must be one of {', '.join(_STATUSES)}, not {raw['status']!r}")
        values["status"] = raw["status"]
    province = raw["province"].strip()
    if province != NATIONAL and normalize_province(province) is None:
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
    given = path
    path = Path(path) if path else DEFAULT_SITES_FILE
    try:  # the packaged registry is read as a resource, so that it is found inside an egg or zip too
        text = (path.read_text(encoding="utf-8") if given
                else resources.files("crawler").joinpath(DEFAULT_SITES_FILE.name).read_text(encoding="utf-8"))
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
