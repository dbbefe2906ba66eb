"""Crawl progress per site: a line per site redrawn in place on a terminal, plain log lines otherwise.

Each line says, for one site: pages answered, articles stored, errors, the rate (pages a second over the last
half minute) and, when the site's queue is known, what is queued and an ETA at that rate. Setting
``CONGDOAN_PROGRESS``: ``auto`` (default: redrawn lines when stderr is a terminal, else a log line per site
every ``CONGDOAN_PROGRESS_INTERVAL`` seconds, default 60), ``tty``, ``log`` or ``off``.
"""

from __future__ import annotations

import logging
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TextIO

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

logger = logging.getLogger(__name__)

#: Seconds between redraws on a terminal.
TTY_INTERVAL = 1.0
#: Seconds of history the rate is measured over.
RATE_WINDOW = 30.0


@dataclass
class SiteProgress:
    """What the progress line of one site is made of."""

    slug: str
    pages: int = 0
    articles: int = 0
    errors: int = 0
    queued: int | None = None
    history: deque[tuple[float, int]] = field(default_factory=deque)

    def rate(self, now: float) -> float:
        """Pages a second over the last :data:`RATE_WINDOW` seconds."""
        self.history.append((now, self.pages))
        while len(self.history) > 2 and now - self.history[1][0] >= RATE_WINDOW:
            self.history.popleft()
        start, pages = self.history[0]
        return (self.pages - pages) / (now - start) if now > start else 0.0


def format_duration(seconds: float) -> str:
    """``1h02m``, ``3m05s`` or ``42s``."""
    seconds = int(round(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


def progress_line(site: SiteProgress, rate: float, width: int = 0, done: bool = False) -> str:
    """One site's line: pages, articles, errors, rate, and queue and ETA when known."""
    line = (f"{site.slug.ljust(width)}  {site.pages:>6} pages  {site.articles:>5} articles  "
            f"{site.errors:>4} errors  {rate:6.1f} pages/s")
    if done:
        return line + "  done"
    if site.queued is not None:
        line += f"  queued {site.queued}"
        if site.queued and rate > 0:
            line += f"  ETA {format_duration(site.queued / rate)}"
    return line


class _ClearBeforeLog(logging.Filter):
    """Erases the progress block before a log record is written to the same terminal."""

    def __init__(self, screen: TtyScreen) -> None:
        super().__init__()
        self.screen = screen

    def filter(self, record: logging.LogRecord) -> bool:
        self.screen.clear()
        return True


class TtyScreen:
    """A block of lines at the bottom of a terminal, redrawn in place (ANSI: cursor up, erase below)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.drawn = 0
        self._handlers: list[tuple[logging.Handler, logging.Filter]] = []

    def draw(self, lines: list[str]) -> None:
        self.clear()
        self.stream.write("".join(f"{line}\n" for line in lines))
        self.stream.flush()
        self.drawn = len(lines)

    def clear(self) -> None:
        if self.drawn:
            self.stream.write(f"\x1b[{self.drawn}F\x1b[J")
            self.drawn = 0

    def attach(self) -> None:
        """Clear the block before each log record that goes to this terminal."""
        for handler in logging.getLogger().handlers:
            if getattr(handler, "stream", None) is self.stream:
                screen_filter = _ClearBeforeLog(self)
                handler.addFilter(screen_filter)
                self._handlers.append((handler, screen_filter))

    def detach(self) -> None:
        for handler, screen_filter in self._handlers:
            handler.removeFilter(screen_filter)
        self._handlers.clear()


class Progress:
    """Scrapy extension: per-site progress on stderr (redrawn lines) or in the log (plain lines)."""

    def __init__(self, crawler: Crawler, mode: str, interval: float, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.crawler = crawler
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "tty" if self.stream.isatty() else "log"
        if mode not in ("tty", "log"):
            raise NotConfigured(f"CONGDOAN_PROGRESS={mode!r}")
        self.mode = mode
        self.interval = TTY_INTERVAL if mode == "tty" else interval
        self.clock = clock
        self.sites: dict[str, SiteProgress] = {}
        self._queued: dict[str, int] = {}
        self.screen = TtyScreen(self.stream) if mode == "tty" else None
        self._loop: task.LoopingCall | None = None
        for handler, signal in ((self.spider_opened, signals.spider_opened),
                                (self.spider_closed, signals.spider_closed),
                                (self.request_scheduled, signals.request_scheduled),
                                (self.request_dropped, signals.request_dropped),
                                (self.request_left, signals.request_left_downloader)):
            crawler.signals.connect(handler, signal=signal)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        mode = str(crawler.settings.get("CONGDOAN_PROGRESS", "auto")).lower()
        if mode in ("off", "false", "0", "none"):
            raise NotConfigured("progress is off")
        if mode not in ("auto", "tty", "log"):
            logger.warning("CONGDOAN_PROGRESS=%r is not auto, tty, log or off: no progress lines", mode)
            raise NotConfigured(f"CONGDOAN_PROGRESS={mode!r}")
        return cls(crawler, mode, crawler.settings.getfloat("CONGDOAN_PROGRESS_INTERVAL", 60.0))

    # -- signals --------------------------------------------------------------------------------------------

    def watch(self, slugs: Iterable[str]) -> None:
        """Show a line for each of these sites."""
        now = self.clock()
        for slug in slugs:
            if slug not in self.sites:
                self.sites[slug] = SiteProgress(slug)
                self.sites[slug].history.append((now, 0))

    def spider_opened(self, spider: Spider) -> None:
        self.watch(getattr(spider, "sites_by_slug", {}))
        if self.screen is not None:
            self.screen.attach()
        self._loop = task.LoopingCall(self.tick)
        self._loop.start(self.interval, now=False)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        self.tick(final=True)
        if self.screen is not None:
            self.screen.detach()

    def _queue(self, request: Request, change: int) -> None:
        slug = request.meta.get("site")
        if slug is not None:
            self._queued[slug] = self._queued.get(slug, 0) + change

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        self._queue(request, 1)

    def request_dropped(self, request: Request, spider: Spider) -> None:
        self._queue(request, -1)

    def request_left(self, request: Request, spider: Spider) -> None:
        self._queue(request, -1)

    # -- output ---------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the sites' counters from the crawl's stats."""
        stats = self.crawler.stats.get_stats()
        for slug, site in self.sites.items():
            prefix = f"congdoan/site/{slug}/"
            site.pages = stats.get(prefix + "responses", 0)
            site.articles = stats.get(prefix + "stored", 0)
            errors = prefix + "errors/"
            site.errors = sum(v for k, v in stats.items() if k.startswith(errors))
            if slug in self._queued:  # requests refused before the downloader never leave it
                site.queued = max(self._queued[slug] - stats.get(prefix + "skipped/refused", 0), 0)

    def lines(self, final: bool = False) -> list[str]:
        """The progress lines, one per site."""
        self.refresh()
        now = self.clock()
        width = max((len(s) for s in self.sites), default=4)
        return [progress_line(site, site.rate(now), width, done=final) for site in self.sites.values()]

    def tick(self, final: bool = False) -> None:
        lines = self.lines(final)
        if not lines:
            return
        if self.screen is not None:
            self.screen.draw(lines)
        else:
            for line in lines:
                logger.info("progress %s", " ".join(line.split()))
