"""A Scrapy extension for tests: which heavy libraries the crawl process loaded, written when the spider closes."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from scrapy import signals

#: Libraries a crawl process has no use for: extraction (its workers' work), notebooks, a remote console.
WATCHED = ("trafilatura", "pandas", "aiohttp", "justext", "htmldate")


class LoadedModules:
    def __init__(self, path: str) -> None:
        self.path = Path(path)

    @classmethod
    def from_crawler(cls, crawler: Any) -> LoadedModules:
        probe = cls(crawler.settings.get("TEST_LOADED_MODULES_FILE"))
        crawler.signals.connect(probe.closed, signal=signals.spider_closed)
        return probe

    def closed(self) -> None:
        self.path.write_text(json.dumps(sorted(name for name in WATCHED if name in sys.modules)))
