"""The raw archive: every fetched response kept as WARC (request and response records), written crash-safely.

``--archive DIR`` (setting ``CONGDOAN_ARCHIVE``) turns it on. :class:`ArchiveMiddleware` sits next to the
downloader (after Scrapy's decompression on the way in), so it stores the bytes exactly as the server sent them:
``Content-Encoding`` kept and the body still compressed when it was served compressed. Only the chunked transfer
coding is gone (the HTTP client removes it), so ``Transfer-Encoding`` is dropped from the stored headers.

Files: ``DIR/<crawl_id>-<n>.warc.gz`` (one gzip member per record), written as ``DIR/.<name>.open`` and finalised
(flushed, fsynced, renamed) when it reaches ``CONGDOAN_ARCHIVE_MAX_BYTES``, before every commit of Parquet files
and at the end of the crawl. A killed crawl leaves at most one ``.open`` file; it holds only responses of pages
that no committed record depends on (they are fetched and archived again by the next crawl), and readers skip it.

Our own WARC headers say what the crawl did with a response: ``WARC-Congdoan-Site`` (registry slug),
``WARC-Congdoan-Callback`` (``parse`` for pages, ``parse_feed``, ``parse_robots``, ``parse_capture``), and for
captures fetched from a web archive ``WARC-Congdoan-Source`` and ``WARC-Congdoan-Capture-Of`` (original URL).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipelines.parquet import _fsync_dir

logger = logging.getLogger(__name__)

#: Default size at which an archive file is finalised and a new one started.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
_WARC_DATE = "%Y-%m-%dT%H:%M:%S.%fZ"
_FINAL = re.compile(r"^[^.].*\.warc\.gz$")


def warc_date(when: datetime) -> str:
    """WARC/1.1 date with microseconds, in UTC."""
    return when.astimezone(UTC).strftime(_WARC_DATE)


def parse_warc_date(text: str) -> datetime:
    """A WARC-Date (with or without fractional seconds) as an aware UTC datetime."""
    text = text.rstrip("Z")
    fmt = "%Y-%m-%dT%H:%M:%S.%f" if "." in text else "%Y-%m-%dT%H:%M:%S"
    return datetime.strptime(text, fmt).replace(tzinfo=UTC)


class WarcArchive:
    """Writes request/response pairs to size-rotated ``.warc.gz`` files under ``directory``."""

    def __init__(self, directory: str | Path, prefix: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.directory = Path(directory)
        self.prefix = prefix
        self.max_bytes = max_bytes
        self.finalised: list[Path] = []
        self._seq = 0
        self._fh: Any = None
        self._writer: WARCWriter | None = None
        self._path: Path | None = None
        self._open_path: Path | None = None
        self._records = 0

    def _open(self) -> WARCWriter:
        self.directory.mkdir(parents=True, exist_ok=True)
        self._seq += 1
        self._path = self.directory / f"{self.prefix}-{self._seq:05d}.warc.gz"
        self._open_path = self._path.with_name(f".{self._path.name}.open")
        self._fh = open(self._open_path, "xb")  # noqa: SIM115 (stays open across writes; closed in finalise)
        self._writer = WARCWriter(self._fh, gzip=True, warc_version="1.1")
        info = self._writer.create_warcinfo_record(self._path.name, {
            "software": "congdoan-corpus",
            "format": "WARC File Format 1.1",
            "description": "Responses as served (Content-Encoding kept, body as sent); Transfer-Encoding removed: "
                           "the HTTP client de-chunks bodies.",
            "crawl-id": self.prefix,
        })
        self._writer.write_record(info)
        self._records = 0
        return self._writer

    def write(self, request: Request, response: Response, fetched_at: datetime,
              extra: dict[str, str] | None = None) -> None:
        """Append one request record and its response record; rotate when the file is full."""
        writer = self._writer or self._open()
        date = warc_date(fetched_at)
        parts = urlsplit(request.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_headers = [("Host", parts.netloc)] + [
            (k.decode("latin-1"), v.decode("latin-1")) for k in request.headers
            for v in request.headers.getlist(k)]
        req_http = StatusAndHeaders(f"{request.method} {target} HTTP/1.1", req_headers, is_http_request=True)
        body = response.body
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k in response.headers
                   if k.lower() != b"transfer-encoding" for v in response.headers.getlist(k)]
        try:
            reason = HTTPStatus(response.status).phrase
        except ValueError:
            reason = ""
        protocol = response.protocol or "HTTP/1.1"
        resp_http = StatusAndHeaders(f"{response.status} {reason}".strip(), headers, protocol=protocol)
        warc_headers = {"WARC-Date": date, **{f"WARC-Congdoan-{k}": v for k, v in (extra or {}).items()}}
        resp = writer.create_warc_record(response.url, "response", payload=BytesIO(body), length=len(body),
                                         http_headers=resp_http, warc_headers_dict=warc_headers)
        req = writer.create_warc_record(request.url, "request", http_headers=req_http,
                                        warc_headers_dict={"WARC-Date": date})
        req.rec_headers.add_header("WARC-Concurrent-To", resp.rec_headers.get_header("WARC-Record-ID"))
        writer.write_record(req)
        writer.write_record(resp)
        self._records += 1
        if self._fh.tell() >= self.max_bytes:
            self.finalise()

    def finalise(self) -> Path | None:
        """Flush, fsync and rename the open file to its final name (nothing when no file is open)."""
        if self._fh is None or self._path is None or self._open_path is None:
            return None
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        os.replace(self._open_path, self._path)
        _fsync_dir(self.directory)
        self.finalised.append(self._path)
        path = self._path
        self._fh = self._writer = self._path = self._open_path = None
        return path

    def close(self) -> None:
        self.finalise()


class ArchiveMiddleware:
    """Downloader middleware: archives every response as the server sent it (see the module docstring)."""

    def __init__(self, crawler: Crawler, archive: WarcArchive) -> None:
        self.crawler = crawler
        self.archive = archive
        crawler.congdoan_archive = archive  # type: ignore[attr-defined]
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveMiddleware:
        directory = crawler.settings.get("CONGDOAN_ARCHIVE")
        if not directory:
            raise NotConfigured  # no message: Scrapy then disables the middleware without a warning
        prefix = crawler.settings.get("CONGDOAN_CRAWL_ID") or datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        max_bytes = crawler.settings.getint("CONGDOAN_ARCHIVE_MAX_BYTES", DEFAULT_MAX_BYTES)
        return cls(crawler, WarcArchive(directory, prefix, max_bytes))

    def process_response(self, request: Request, response: Response) -> Response:
        fetched_at = datetime.now(UTC)
        request.meta["fetched_at"] = fetched_at
        callback = getattr(request.callback, "__name__", None) or "parse"
        extra = {"Callback": callback}
        if request.meta.get("site"):
            extra["Site"] = str(request.meta["site"])
        if request.meta.get("capture_of"):
            extra["Capture-Of"] = request.meta["capture_of"]
            extra["Source"] = request.meta.get("source", "")
        self.archive.write(request, response, fetched_at, extra)
        self.crawler.stats.inc_value("congdoan/archived")
        return response

    def spider_closed(self) -> None:
        self.archive.close()
        if self.archive.finalised:
            logger.info("Archived responses in %d WARC file(s) under %s", len(self.archive.finalised),
                        self.archive.directory)


def finalise_archive(crawler: Crawler) -> None:
    """Finalise the crawl's open archive file, if any: called before Parquet files are committed, so that
    every committed record's response is in a finalised WARC file."""
    archive = getattr(crawler, "congdoan_archive", None)
    if archive is not None:
        archive.finalise()


@dataclass
class ArchivedResponse:
    """One archived response, as stored (body still content-encoded)."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: datetime
    site: str | None
    callback: str
    capture_of: str | None = None
    source: str | None = None

    def to_response(self) -> Response:
        """The Scrapy response the downloader handed up (before decompression); its request carries the meta."""
        headers = Headers(self.headers)
        cls = responsetypes.from_args(headers=headers, url=self.url, body=self.body)
        request = Request(self.url, meta={"site": self.site, "fetched_at": self.fetched_at})
        return cls(self.url, status=self.status, headers=headers, body=self.body, request=request)

    def __repr__(self) -> str:  # never log bodies
        return f"ArchivedResponse({self.url!r}, {self.status}, {len(self.body)} bytes)"


def archive_files(directory: str | Path) -> list[Path]:
    """Finalised archive files under ``directory``, oldest first (names start with the sortable crawl id)."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.is_file() and _FINAL.match(p.name))


def unfinished_files(directory: str | Path) -> list[Path]:
    """``.open`` files left by a crawl that was killed (readers skip them)."""
    directory = Path(directory)
    return sorted(directory.glob(".*.warc.gz.open")) if directory.is_dir() else []


def iter_archive(files: Iterable[Path]) -> Iterator[ArchivedResponse]:
    """Every response record of ``files``, in file and record order."""
    for path in files:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                head = record.rec_headers
                yield ArchivedResponse(
                    url=head.get_header("WARC-Target-URI"),
                    status=int(record.http_headers.get_statuscode()),
                    headers=list(record.http_headers.headers),
                    body=record.raw_stream.read(),
                    fetched_at=parse_warc_date(head.get_header("WARC-Date")),
                    site=head.get_header("WARC-Congdoan-Site"),
                    callback=head.get_header("WARC-Congdoan-Callback") or "parse",
                    capture_of=head.get_header("WARC-Congdoan-Capture-Of"),
                    source=head.get_header("WARC-Congdoan-Source"))
