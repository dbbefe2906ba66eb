"""The scheduler's memory queue, compact: waiting requests kept as bytes, not as Request objects.

A site's URLs are discovered long before they are fetched (menus, listings and related-news boxes link to
most of a site within its first pages), so Scrapy's scheduler holds thousands of waiting requests: 9,200 at
1,000 stored pages of a 10,000-page site. As objects each costs about 1.5 KB (its ``Headers``, ``meta``, the
``Referer`` header, and the caches that fingerprinting and URL parsing keep per request object), and the crawl
process grew with the size of the site. Kept as the ``Request.to_dict()`` that Scrapy's own disk queues store,
written as JSON (headers and body as Latin-1 text; no pickle, SECURITY.md), a request takes about 450 bytes,
and it is rebuilt when the scheduler hands it out (tens of microseconds). A request that JSON cannot carry
exactly (a callback that is not a spider method, a tuple, bytes or an object in ``meta``) is kept as it is.

Settings: ``SCHEDULER_MEMORY_QUEUE = "crawler.queues.CompactLifoMemoryQueue"`` (last in, first out within one
priority, like Scrapy's default ``LifoMemoryQueue``).
"""

from __future__ import annotations

import json
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.utils.request import request_from_dict


class CompactLifoMemoryQueue:
    """A Scrapy memory queue (``push``, ``pop``, ``peek``, ``close``, ``len``) of requests stored as bytes."""

    def __init__(self, crawler: Crawler, key: str = "") -> None:
        self.crawler = crawler
        self._items: list[bytes | Request] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler, key: str = "", *args: Any, **kwargs: Any) -> CompactLifoMemoryQueue:
        return cls(crawler, key)

    def push(self, request: Request) -> None:
        self._items.append(self._dump(request))

    def pop(self) -> Request | None:
        return self._load(self._items.pop()) if self._items else None

    def peek(self) -> Request | None:
        return self._load(self._items[-1]) if self._items else None

    def close(self) -> None:
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)

    def _dump(self, request: Request) -> bytes | Request:
        try:
            fields = request.to_dict(spider=self.crawler.spider)
        except ValueError:  # a callback that is not a method of the spider
            return request
        fields["headers"] = {name.decode("latin-1"): [v.decode("latin-1") for v in values]
                             for name, values in fields["headers"].items()}
        fields["body"] = fields["body"].decode("latin-1")
        try:
            text = json.dumps(fields, separators=(",", ":"))
        except (TypeError, ValueError):  # bytes or an object in meta
            return request
        # JSON makes tuples lists and numeric keys strings: keep the request whole unless it comes back exactly
        return text.encode() if json.loads(text) == fields else request

    def _load(self, item: bytes | Request) -> Request:
        if isinstance(item, Request):
            return item
        fields = json.loads(item)
        fields["headers"] = {name.encode("latin-1"): [v.encode("latin-1") for v in values]
                             for name, values in fields["headers"].items()}
        fields["body"] = fields["body"].encode("latin-1")
        return request_from_dict(fields, spider=self.crawler.spider)
