"""What flows between the pipeline steps: fetched page -> record -> (kept record | duplicate)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass
class FetchedPage:
    """A downloaded HTML page, as the spider hands it to the pipelines."""

    url: str
    body: bytes
    content_type: str | None
    site: str
    province: str
    fetched_at: datetime
    crawl_id: str
    status: int = 200
    #: The site's extra CSS selectors to drop before extraction (registry ``drop_selectors``).
    drop_selectors: tuple[str, ...] = ()
    #: Where the bytes came from: 'live' (the site itself), or the web archive of a backfill ('wayback'...).
    source: str = "live"

    def __repr__(self) -> str:  # never log bodies
        return f"FetchedPage({self.url!r}, site={self.site!r}, {len(self.body)} bytes)"


@dataclass
class DuplicateRecord:
    """A record the dedupe step refused: it goes to the ``_duplicates/`` sidecar, not to the corpus."""

    record: dict[str, Any]
    duplicate_of: str
    similarity: float
    reason: str

    def __repr__(self) -> str:
        return f"DuplicateRecord({self.record.get('url')!r}, {self.reason} of {self.duplicate_of})"


def describe(item: Any) -> str:
    """Short text for logs: the URL and id of an item, never its body."""
    if isinstance(item, dict):
        return f"{item.get('url')} (id {item.get('id')})"
    return repr(item)
