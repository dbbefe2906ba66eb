"""A small union site and a small web archive of it, on loopback, for the backfill tests.

The *site* serves a home page linking to the articles still online. The *archive* answers like the Wayback
Machine (CDX API with ``from``/``to``, ``filter``, ``collapse=urlkey``, ``limit`` and resume keys; captures at
``/web/<timestamp>id_/<url>``, redirecting to the nearest capture when the timestamp is not one) and like Common
Crawl (``collinfo.json``, a per-crawl CDX index answering JSON lines, WARC data fetched by byte range). Every
request is logged, so tests can check what was fetched.
"""

from __future__ import annotations

import io
import json
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.helpers import story


def article_html(n: int) -> bytes:
    """Article ``n`` of the test site: its own title, date, and text (tests.helpers.story)."""
    paras = "".join(f"<p>{p}</p>" for p in story(n).split("\n"))
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Hoạt động công đoàn số {n} - LĐLĐ tỉnh</title></head>
<body><header><a href="/">Trang chủ</a> <nav><a href="/chuyen-muc/tin-tuc">Tin tức</a></nav></header>
<main><article><h1 class="entry-title">Công đoàn cơ sở tổ chức hoạt động số {n}</h1>
<div class="meta">Ngày đăng: {1 + n % 28:02d}/{1 + n % 12:02d}/2021 08:{n % 60:02d}</div>
<div class="entry-content">{paras}</div></article></main>
<footer>Bản quyền thuộc Liên đoàn Lao động tỉnh</footer></body></html>""".encode()


def listing_html(links: Iterable[str]) -> bytes:
    items = "".join(f'<li><a href="{u}">Tin bài {i}</a></li>' for i, u in enumerate(links))
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tin tức - LĐLĐ tỉnh</title>'
            f'</head><body><h1>Tin tức</h1><ul class="list-news">{items}</ul></body></html>').encode()


def article_path(n: int) -> str:
    return f"/tin-tuc/cong-doan-co-so-to-chuc-hoat-dong-{n}.html"


@dataclass
class Capture:
    timestamp: str
    path: str  # path (and query) on the site
    body: bytes


class _Server(ThreadingHTTPServer):
    daemon_threads = True


class _Handler(BaseHTTPRequestHandler):
    owner: Any = None

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        with self.owner.lock:
            self.owner.log.append((self.server.server_address[1], self.path))
        status, headers, body = self.owner.answer(self.server.server_address[1], self.path,
                                                  self.headers.get("Range"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class ArchiveFixture:
    """The test site (``site_url``) and its web archive (``archive_url``): start with ``with``."""

    def __init__(self, live: Iterable[int], captured: Iterable[int],
                 extra_captures: Iterable[tuple[str, bytes]] = (),
                 cc_captured: Iterable[int] = ()) -> None:
        self.live = sorted(live)
        self.log: list[tuple[int, str]] = []
        self.lock = threading.Lock()
        self._servers: list[_Server] = []
        self.captures: list[Capture] = []
        for i, n in enumerate(sorted(captured)):
            self.captures.append(Capture(f"2021{1 + i % 12:02d}{1 + i % 28:02d}1200{i % 60:02d}", article_path(n),
                                         article_html(n)))
        for i, (path, body) in enumerate(extra_captures):
            self.captures.append(Capture(f"2021060{1 + i % 9}0930{i % 60:02d}", path, body))
        self.cc_captured = sorted(cc_captured)
        #: Captures the CDX lists under another timestamp than the stored one (the archive redirects).
        self.moved: dict[str, str] = {}

    # -- lifecycle ------------------------------------------------------------------------------------------

    def __enter__(self) -> ArchiveFixture:
        handler = type("Handler", (_Handler,), {"owner": self})
        for _ in range(2):
            server = _Server(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self._servers.append(server)
        self.site_port, self.archive_port = (s.server_address[1] for s in self._servers)
        self.site_url = f"http://127.0.0.1:{self.site_port}"
        self.archive_url = f"http://127.0.0.1:{self.archive_port}"
        self._build_cc()
        return self

    def __exit__(self, *exc: Any) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def settings(self) -> list[str]:
        """``-s`` options that point backfill at this archive."""
        return ["-s", f"CONGDOAN_WAYBACK_CDX={self.archive_url}/cdx/search/cdx",
                "-s", f"CONGDOAN_WAYBACK_WEB={self.archive_url}/web",
                "-s", f"CONGDOAN_COMMONCRAWL_INDEX={self.archive_url}",
                "-s", f"CONGDOAN_COMMONCRAWL_DATA={self.archive_url}"]

    def requests_to(self, port: int) -> list[str]:
        with self.lock:
            return [path for p, path in self.log if p == port]

    # -- answers --------------------------------------------------------------------------------------------

    def answer(self, port: int, target: str, range_header: str | None) -> tuple[int, dict[str, str], bytes]:
        html = {"Content-Type": "text/html; charset=utf-8"}
        if port == self.site_port:
            if target == "/":
                return 200, html, listing_html(article_path(n) for n in self.live)
            for n in self.live:
                if target == article_path(n):
                    return 200, html, article_html(n)
            return 404, html, b"<html><body>404</body></html>"
        parts = urlsplit(target)
        if parts.path == "/cdx/search/cdx":
            return self._wayback_cdx(parse_qs(parts.query))
        match = re.match(r"^/web/(\d{14})id_/(.*)$", target)
        if match:
            return self._wayback_capture(match.group(1), match.group(2))
        if parts.path == "/collinfo.json":
            return 200, {"Content-Type": "application/json"}, json.dumps([
                {"id": "CC-MAIN-2021-10", "cdx-api": "https://index.commoncrawl.org/CC-MAIN-2021-10-index"},
                {"id": "CC-MAIN-2015-11", "cdx-api": "https://index.commoncrawl.org/CC-MAIN-2015-11-index"},
            ]).encode()
        if parts.path == "/CC-MAIN-2021-10-index":
            lines = [json.dumps(row) for row in self.cc_rows]
            return 200, {"Content-Type": "text/x-ndjson"}, "\n".join(lines).encode()
        if parts.path == "/CC-MAIN-2015-11-index":
            return 200, {"Content-Type": "text/x-ndjson"}, b""
        if parts.path == "/crawl-data/test.warc.gz" and range_header:
            lo, hi = (int(x) for x in re.match(r"bytes=(\d+)-(\d+)", range_header).groups())
            return 206, {"Content-Type": "application/octet-stream"}, self.cc_warc[lo:hi + 1]
        return 404, html, b"not found"

    def _wayback_cdx(self, query: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        host = query["url"][0].removesuffix("/*")
        start, end = query.get("from", ["0"])[0], query.get("to", ["9"])[0]
        rows = []
        seen = set()
        for cap in sorted(self.captures, key=lambda c: (c.path, c.timestamp)):
            original = f"http://{host}{cap.path}"
            if not (start <= cap.timestamp[:len(start)] and cap.timestamp[:len(end)] <= end):
                continue
            if "collapse" in query and cap.path in seen:
                continue
            seen.add(cap.path)
            listed = self.moved.get(cap.timestamp + cap.path, cap.timestamp)
            rows.append([cap.path, listed, original, "text/html", "200", "DIGEST", str(len(cap.body))])
        offset = int(query.get("resumeKey", ["0"])[0])
        page = min(int(query.get("limit", ["150000"])[0]), 40)  # the server caps an answer, like the real one
        body: list[list[str]] = [["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]]
        body += rows[offset:offset + page]
        if offset + page < len(rows) and query.get("showResumeKey") == ["true"]:
            body += [[], [str(offset + page)]]
        return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()

    def _wayback_capture(self, timestamp: str, original: str) -> tuple[int, dict[str, str], bytes]:
        path = "/" + original.split("/", 3)[3] if original.count("/") >= 3 else "/"
        found = [c for c in self.captures if c.path == path]
        if not found:
            return 404, {}, b"not archived"
        exact = [c for c in found if c.timestamp == timestamp]
        if not exact:  # like the Wayback Machine: redirect to the nearest capture
            nearest = min(found, key=lambda c: abs(int(c.timestamp) - int(timestamp)))
            return 302, {"Location": f"{self.archive_url}/web/{nearest.timestamp}id_/{original}"}, b""
        return 200, {"Content-Type": "text/html; charset=utf-8",
                     "X-Archive-Orig-Content-Type": "text/html; charset=utf-8"}, exact[0].body

    def _build_cc(self) -> None:
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        self.cc_rows: list[dict[str, Any]] = []
        for i, n in enumerate(self.cc_captured):
            url = self.site_url + article_path(n)
            body = article_html(n)
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                               ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            stamp = f"2021-03-0{1 + i % 9}T10:00:{i % 60:02d}Z"
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                               http_headers=http, warc_headers_dict={"WARC-Date": stamp})
            start = buffer.tell()
            writer.write_record(record)
            self.cc_rows.append({"urlkey": article_path(n), "timestamp": stamp.replace("-", "").replace(":", "")
                                 .replace("T", "").rstrip("Z"), "url": url, "mime": "text/html", "status": "200",
                                 "filename": "crawl-data/test.warc.gz", "offset": str(start),
                                 "length": str(buffer.tell() - start)})
        self.cc_warc = buffer.getvalue()
