"""A generated union site on loopback that changes between crawls and misbehaves on purpose.

Unlike the static sample sites, :class:`LiveSite` builds its pages from a list of articles that a test can
change (:meth:`LiveSite.edit`, :meth:`LiveSite.publish`), serves validators (``ETag``, ``Last-Modified``) and
answers conditional requests with ``304``, lists its articles in a sitemap with ``<lastmod>``, and logs every
request. ``faults=True`` adds pages that misbehave, each linked from the home page:

==========================  ====================================================================
``/loi/cham.html``          answers after ``slow_seconds`` (beyond the crawl's DOWNLOAD_TIMEOUT)
``/loi/500-roi-200.html``   500 on the first request, then a good article (a retry succeeds)
``/loi/dut.html``           announces 40 kB, sends 2 kB of an article and resets the connection
``/loi/vong.html``          redirects to ``/loi/vong-2.html``, which redirects back (a loop)
``/loi/sai-charset.html``   a UTF-8 article labelled ``charset=iso-8859-1`` (a wrong charset)
``/loi/khong-charset.html`` a UTF-8 article with no charset in the header or the page
``/loi/hong-byte.html``     a UTF-8 article with a few undecodable bytes
``/loi/anh.html``           a JPEG served as ``image/jpeg`` behind an .html URL
``/loi/pdf.html``           a PDF served as ``text/html``
``/sitemap-hong.xml``       a malformed sitemap (named in robots.txt)
``/sitemap-lon.xml``        a sitemap larger than ``huge_sitemap_bytes`` (over DOWNLOAD_MAXSIZE)
``/sitemap-bom.xml.gz``     a gzip bomb: 64 kB that inflate to 32 MB of sitemap
==========================  ====================================================================
"""

from __future__ import annotations

import gzip
import hashlib
import socket
import struct
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.helpers import story

#: Articles linked from the good fault pages (stored once the crawl copes with them).
GOOD_FAULTS = ("/loi/500-roi-200.html", "/loi/sai-charset.html", "/loi/khong-charset.html", "/loi/hong-byte.html")
BAD_FAULTS = ("/loi/cham.html", "/loi/dut.html", "/loi/vong.html", "/loi/anh.html", "/loi/pdf.html")


@dataclass
class Article:
    n: int
    title: str
    text: str
    published: datetime
    modified: datetime

    @property
    def path(self) -> str:
        return f"/tin-tuc/bai-{self.n}.html"


def article_html(title: str, text: str, published: datetime, charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n"))
    return (f'<!DOCTYPE html><html lang="vi"><head>{meta}<title>{title} - LĐLĐ tỉnh Thử</title></head><body>'
            '<div class="header"><a href="/">Trang chủ</a> <a href="/tin-tuc">Tin tức</a></div>'
            f'<div class="article"><h1>{title}</h1><div class="date">Ngày {published:%d/%m/%Y %H:%M}</div>'
            f'{paragraphs}<p class="author">Nguyễn Văn An</p></div>'
            '<div class="footer">Liên đoàn Lao động tỉnh Thử</div></body></html>')


@dataclass
class Request:
    """One request the site answered: method, target and conditional headers."""

    method: str
    target: str
    if_none_match: str | None = None
    if_modified_since: str | None = None


@dataclass
class LiveSite:
    """The site's content and behaviour; :meth:`start` serves it on 127.0.0.1."""

    articles: int = 30
    per_page: int = 5
    validators: bool = True
    faults: bool = False
    slow_seconds: float = 20.0
    huge_sitemap_bytes: int = 3 * 1024 * 1024
    log: list[Request] = field(default_factory=list)

    def __post_init__(self) -> None:
        today = datetime.now(UTC).replace(hour=1, minute=0, second=0, microsecond=0)
        start = today - timedelta(days=self.articles + 30)  # every article in the past
        self.items = [self._article(n, start + timedelta(days=n)) for n in range(1, self.articles + 1)]
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._hits: dict[str, int] = {}
        self.server: ThreadingHTTPServer | None = None

    @staticmethod
    def _article(n: int, when: datetime) -> Article:
        return Article(n, f"Hội nghị công đoàn số {n}", story(n), when, when)

    # -- content --------------------------------------------------------------------------------------------

    def publish(self, count: int = 1) -> list[Article]:
        """Add ``count`` new articles (newest first in the listing); return them."""
        with self._lock:
            top = max(a.n for a in self.items)
            now = datetime.now(UTC).replace(microsecond=0)
            new = [self._article(n, now) for n in range(top + 1, top + 1 + count)]
            self.items.extend(new)
            return new

    def edit(self, n: int, text: str) -> Article:
        """Change article ``n``'s text; its Last-Modified, ETag and sitemap lastmod move on."""
        with self._lock:
            article = next(a for a in self.items if a.n == n)
            article.text = text
            article.modified = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=1)
            return article

    def newest_first(self) -> list[Article]:
        return sorted(self.items, key=lambda a: a.n, reverse=True)

    # -- serving --------------------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def registry_entry(self, slug: str = "live", **extra: Any) -> dict[str, Any]:
        entry = {"slug": slug, "name": "Liên đoàn Lao động tỉnh Thử", "province": "Bắc Kạn",
                 "start_urls": self.base_url + "/", "article_patterns": [r"/tin-tuc/bai-\d+\.html$"]}
        if self.faults:
            entry["sitemap_urls"] = ["/sitemap-lon.xml", "/sitemap-bom.xml.gz"]
        return {**entry, **extra}

    def requests(self, prefix: str = "") -> list[Request]:
        with self._lock:
            return [r for r in self.log if r.target.startswith(prefix)]

    def article_requests(self) -> list[Request]:
        return self.requests("/tin-tuc/bai-")

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    def start(self) -> LiveSite:
        self.server = _Server(("127.0.0.1", 0), _handler(self))
        threading.Thread(target=self.server.serve_forever, name="live-site", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def __enter__(self) -> LiveSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- pages ----------------------------------------------------------------------------------------------

    def home(self) -> bytes:
        links = "".join(f'<li><a href="{a.path}">{a.title}</a></li>' for a in self.newest_first()[:3])
        faults = "".join(f'<li><a href="{p}">Trang {p}</a></li>' for p in (*GOOD_FAULTS, *BAD_FAULTS)) \
            if self.faults else ""
        return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>LĐLĐ tỉnh Thử</title></head>'
                f'<body><h1>Liên đoàn Lao động tỉnh Thử</h1><a href="/tin-tuc">Tin tức</a><ul>{links}</ul>'
                f"<ul>{faults}</ul></body></html>").encode()

    def listing(self, page: int) -> bytes | None:
        items = self.newest_first()
        pages = max(1, -(-len(items) // self.per_page))
        if not 1 <= page <= pages:
            return None
        chunk = items[(page - 1) * self.per_page : page * self.per_page]
        links = "".join(f'<li><a href="{a.path}">{a.title}</a></li>' for a in chunk)
        more = f'<a href="/tin-tuc?page={page + 1}">Trang sau</a>' if page < pages else ""
        return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tin tức - trang {page}</title>'
                f'</head><body><h1>Tin tức</h1><a href="/">Trang chủ</a><ul>{links}</ul>{more}</body></html>'
                ).encode()

    def sitemap(self) -> bytes:
        urls = "".join(f"<url><loc>{self.base_url}{a.path}</loc><lastmod>{a.modified.isoformat()}</lastmod></url>"
                       for a in self.items)
        return (b'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/'
                b'0.9">' + urls.encode() + b"</urlset>")

    def robots(self) -> bytes:
        lines = ["User-agent: *", "Allow: /", f"Sitemap: {self.base_url}/sitemap.xml"]
        if self.faults:
            lines.append(f"Sitemap: {self.base_url}/sitemap-hong.xml")
        return ("\n".join(lines) + "\n").encode()

    def hit(self, target: str) -> int:
        with self._lock:
            self._hits[target] = self._hits.get(target, 0) + 1
            return self._hits[target]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:  # clients hang up on purpose
        pass


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:16] + '"'


def _fault_article(n: int, title: str) -> str:
    return article_html(title, story(1000 + n), datetime(2025, 6, 1, 9, 0, tzinfo=UTC))


def _handler(site: LiveSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            return

        def do_GET(self) -> None:  # noqa: N802
            with site._lock:
                site.log.append(Request("GET", self.path, self.headers.get("If-None-Match"),
                                        self.headers.get("If-Modified-Since")))
            parts = urlsplit(self.path)
            path, query = parts.path, dict(parse_qsl(parts.query))
            if path == "/":
                return self.send(200, site.home())
            if path == "/robots.txt":
                return self.send(200, site.robots(), "text/plain")
            if path == "/sitemap.xml":
                return self.send(200, site.sitemap(), "application/xml")
            if path == "/tin-tuc":
                page = query.get("page", "1")
                body = site.listing(int(page)) if page.isdigit() else None
                return self.send(200, body) if body else self.send(404, b"<h1>404</h1>")
            article = next((a for a in site.items if a.path == path), None)
            if article is not None:
                return self.article(article)
            if site.faults:
                return self.fault(path)
            return self.send(404, b"<h1>404</h1>")

        def article(self, article: Article) -> None:
            body = article_html(article.title, article.text, article.published).encode()
            headers: dict[str, str] = {}
            if site.validators:
                etag, modified = _etag(body), format_datetime(article.modified, usegmt=True)
                headers = {"ETag": etag, "Last-Modified": modified}
                if self.headers.get("If-None-Match") == etag or self._not_modified_since(article.modified):
                    return self.send(304, b"", headers=headers)
            self.send(200, body, headers=headers)

        def _not_modified_since(self, modified: datetime) -> bool:
            since = self.headers.get("If-Modified-Since")
            if not since or self.headers.get("If-None-Match"):
                return False  # If-None-Match wins when both are sent (RFC 9110)
            try:
                return modified <= parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False

        def fault(self, path: str) -> None:
            if path == "/loi/cham.html":
                site._stop.wait(site.slow_seconds)
                return self.send(200, _fault_article(1, "Bài trả lời chậm").encode())
            if path == "/loi/500-roi-200.html":
                if site.hit(path) == 1:
                    return self.send(500, b"<h1>500 Internal Server Error</h1>")
                return self.send(200, _fault_article(2, "Bài sau lỗi 500").encode())
            if path == "/loi/dut.html":
                body = _fault_article(3, "Bài bị cắt giữa chừng").encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", "40000")
                self.end_headers()
                self.wfile.write(body[:2000])
                self.wfile.flush()
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()  # RST: the connection is reset mid-body
                self.close_connection = True
                return None
            if path in ("/loi/vong.html", "/loi/vong-2.html"):
                other = "/loi/vong-2.html" if path == "/loi/vong.html" else "/loi/vong.html"
                return self.send(302, b"", headers={"Location": site.base_url + other})
            if path == "/loi/sai-charset.html":
                body = _fault_article(4, "Bài khai sai bảng mã").encode("utf-8")
                return self.send(200, body, "text/html; charset=iso-8859-1")
            if path == "/loi/khong-charset.html":
                body = article_html("Bài không khai bảng mã", story(1005),
                                    datetime(2025, 6, 1, 9, 0, tzinfo=UTC), charset=None).encode("utf-8")
                return self.send(200, body, "text/html")
            if path == "/loi/hong-byte.html":
                body = _fault_article(6, "Bài có byte hỏng").encode("utf-8")
                at = body.index(b"<p>") + 3
                return self.send(200, body[:at] + b"\xff\xfe " + body[at:])
            if path == "/loi/anh.html":
                return self.send(200, b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8, "image/jpeg")
            if path == "/loi/pdf.html":
                return self.send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n" + bytes(2000))
            if path == "/sitemap-hong.xml":
                return self.send(200, b'<?xml version="1.0"?><urlset><url><loc>', "application/xml")
            if path == "/sitemap-lon.xml":
                entry = f"<url><loc>{site.base_url}/tin-tuc/bai-1.html</loc></url>".encode()
                body = b"<urlset>" + entry * (site.huge_sitemap_bytes // len(entry) + 1) + b"</urlset>"
                return self.send(200, body, "application/xml")
            if path == "/sitemap-bom.xml.gz":
                return self.send(200, _gzip_bomb(), "application/gzip")
            return self.send(404, b"<h1>404</h1>")

        def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
                 headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            if status != 304:
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

    return Handler


_BOMB: bytes | None = None


def _gzip_bomb() -> bytes:
    global _BOMB
    if _BOMB is None:
        _BOMB = gzip.compress(b"<urlset>" + b" " * (32 * 1024 * 1024) + b"</urlset>", compresslevel=9)
    return _BOMB
