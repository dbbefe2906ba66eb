"""Record versions: a stored article fetched again is compared with its latest stored version.

The state keeps one :class:`~pipelines.state.PageState` per stored article (``pages`` table): its id, latest
version, the key of that version's text, when it was stored and last compared, and the HTTP validators
(``ETag``, ``Last-Modified``) it was served with. :class:`VersionPipeline` (before dedupe) looks a record up:

- unknown page: version 1 (``updated_at`` null), on to dedupe as usual;
- known page (by the address fetched), same text: nothing is stored (dropped as ``already_stored``); the
  check time and validators are refreshed; a page met twice in one crawl is dropped the same way;
- known page, other text: the same ``id``, the next ``version``, ``updated_at`` = the fetch time; dedupe
  passes it through (a new version is no duplicate of its old self).

:class:`PageStatePipeline` (after dedupe) stages the page state of every record that is kept; it is written in
the same transaction as the data file that holds the record (:meth:`SQLiteStateStore.commit`), so a crash never
leaves a version that the state does not know, or a state that names a version no file holds.
Which stored articles are fetched again at all is the spider's decision (:mod:`crawler.incremental`).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from pipelines.items import DuplicateRecord
from pipelines.state import PageState, to_signed64
from pipelines.steps import count, crawl_index, drop
from pipelines.urls import canonicalize_url, url_key


def page_key(url: str) -> int:
    """Signed 64-bit key of a page's URL (its :func:`pipelines.urls.url_key`) in the ``pages`` table."""
    digest = hashlib.blake2b(url_key(url).encode("utf-8"), digest_size=8, person=b"congdoan-page-v1")
    return to_signed64(int.from_bytes(digest.digest(), "big"))


def content_key(content_hash: str) -> int:
    """Signed 64-bit prefix of a record's ``content_hash`` (the same key dedupe keeps)."""
    return to_signed64(int(content_hash[:16], 16))


def epoch(moment: datetime | None) -> int | None:
    """Whole seconds since the epoch of an aware datetime (None stays None)."""
    return None if moment is None else int(moment.timestamp())


#: How far after the fetch a page's ``Last-Modified`` may lie and still date the version fetched (a server's clock
#: a little ahead of the crawler's); later, it dates nothing.
_CLOCK_SKEW_SECONDS = 86_400


def compared_at(when: int, last_modified: str | None) -> int:
    """The time up to which a fetch at ``when`` (epoch seconds) compared the page: the fetch time, or the page's
    ``Last-Modified`` when the server's clock put it later (its sitemap's ``<lastmod>`` of that edit then dates
    the version already stored, and no later crawl fetches it again for it)."""
    try:
        modified = parsedate_to_datetime(last_modified) if last_modified else None
    except (TypeError, ValueError):
        modified = None
    if modified is None or modified.tzinfo is None:
        return when
    stamp = int(modified.timestamp())
    return stamp if when < stamp <= when + _CLOCK_SKEW_SECONDS else when


class PageStates:
    """The crawl's page states: read from and staged into the state store, plus the validators of the pages
    fetched in this crawl (kept until their record reaches :class:`VersionPipeline`)."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.enabled = callable(getattr(store, "page", None))
        self.validators: dict[str, tuple[str | None, str | None]] = {}
        self.staged_ids: set[str] = set()  # pages stored or compared in this crawl

    def get(self, url: str) -> PageState | None:
        """The state of the stored page at ``url`` (any address with its URL key), or None."""
        return self.store.page(page_key(url)) if self.enabled else None

    def stage(self, page: PageState) -> None:
        """Write ``page`` with the state's next commit."""
        if self.enabled:
            self.store.stage_page(page)
            self.staged_ids.add(page.id)

    def note_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember the validators a page was served with, for its record."""
        if etag or last_modified:
            self.validators[canonicalize_url(url)] = (etag, last_modified)

    def pop_validators(self, url: str) -> tuple[str | None, str | None]:
        """The validators noted for ``url`` (forgotten once read)."""
        return self.validators.pop(canonicalize_url(url), (None, None))

    def checked(self, page: PageState, when: datetime, etag: str | None = None,
                last_modified: str | None = None) -> None:
        """Stage ``page`` as compared (unchanged) at ``when``, keeping the old validators unless new ones came."""
        checked = epoch(when)
        self.stage(replace(page, checked_at=compared_at(checked, last_modified) if checked else page.checked_at,
                           etag=etag or page.etag, last_modified=last_modified or page.last_modified))


def crawl_pages(crawler: Crawler) -> PageStates:
    """The crawl's one :class:`PageStates`, over the store of its dedupe index (see ``crawl_index``)."""
    index = crawl_index(crawler)
    pages = getattr(crawler, "_congdoan_pages", None)
    if pages is None or pages.store is not index.store:
        pages = PageStates(index.store)
        crawler._congdoan_pages = pages  # type: ignore[attr-defined]
    return pages


def _record_url(item: dict[str, Any]) -> str:
    return item.get("request_url") or item["url"]


class VersionPipeline:
    """Known page with the same text -> dropped; with another text -> the next version of the same id."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats: StatsCollector = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> VersionPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.pages = crawl_pages(self.crawler)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        site = item.get("site")
        fetched = _record_url(item)
        etag, last_modified = self.pages.pop_validators(fetched)
        item["_validators"] = (etag, last_modified)
        page = self.pages.get(fetched)
        if page is not None and page.id in self.pages.staged_ids:
            # one page met twice in a crawl (two paths to it): no version of itself, whatever the profile learnt
            raise drop(self.stats, site, "already_stored", f"{fetched} (fetched again in this crawl)")
        if page is None:  # a new page, or another address of a stored one (dedupe tells them apart)
            item.setdefault("version", 1)
            item.setdefault("updated_at", None)
            return item
        when = item.get("fetched_at") or datetime.now(UTC)
        if content_key(item["content_hash"]) == page.content_key:
            self.pages.checked(page, when, etag, last_modified)
            count(self.stats, site, "revisits/unchanged")
            raise drop(self.stats, site, "already_stored", f"{fetched} (unchanged)")
        count(self.stats, site, "revisits/changed")
        item.update(id=page.id, version=page.version + 1, updated_at=when)
        return item


class PageStatePipeline:
    """Stages the page state of every kept record (written with the data file that holds it)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageStatePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.pages = crawl_pages(self.crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, DuplicateRecord):
            item.record.pop("_validators", None)
            return item
        etag, last_modified = item.pop("_validators", (None, None))
        when = epoch(item.get("fetched_at") or datetime.now(UTC))
        previous = self.pages.get(_record_url(item)) if item.get("version", 1) > 1 else None
        for url in dict.fromkeys((item["url"], _record_url(item))):
            self.pages.stage(PageState(
                key=page_key(url), id=item["id"], version=item.get("version", 1),
                content_key=content_key(item["content_hash"]),
                stored_at=previous.stored_at if previous else when, published_at=epoch(item.get("published_at")),
                checked_at=compared_at(when, last_modified), etag=etag, last_modified=last_modified))
        return item
