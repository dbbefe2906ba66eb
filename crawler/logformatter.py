"""Log lines that name pages by URL and never print bodies or whole records."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure

from crawler.redact import install_redaction
from pipelines.items import describe


class QuietLogFormatter(LogFormatter):
    """Scrapy's formatter, with items shown as their URL and routine drops at DEBUG."""

    def dropped(self, item: Any, exception: BaseException, response: Response | Failure | None,
                spider: Spider) -> LogFormatterResult:
        level = getattr(exception, "log_level", None) or logging.DEBUG
        return {"level": getattr(logging, level) if isinstance(level, str) else level,
                "msg": "Dropped %(item)s: %(exception)s", "args": {"item": describe(item), "exception": exception}}

    def scraped(self, item: Any, response: Response | Failure | None, spider: Spider) -> LogFormatterResult:
        return {"level": logging.DEBUG, "msg": "Stored %(item)s", "args": {"item": describe(item)}}


class NoTracebackFilter(logging.Filter):
    """Turns a logged download failure into one warning line: a site that is down is routine for a crawler,
    and the failure is counted in the run manifest."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def install_log_filters() -> None:
    """Quiet the loggers that report a failed download as an error with a traceback (robots.txt of a site that
    is down, a page that still fails after its retries): one warning line each, counted in the manifest; and
    redact secrets (passwords in URLs, token-like query values, secret settings) from every log line."""
    install_redaction()
    for name in ("scrapy.downloadermiddlewares.robotstxt", "scrapy.downloadermiddlewares.retry"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, NoTracebackFilter) for f in logger.filters):
            logger.addFilter(NoTracebackFilter())
