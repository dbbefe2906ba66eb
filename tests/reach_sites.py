"""Loopback sample sites that behave like hard-to-reach real ones (stdlib plus ``cryptography`` for TLS).

Each site is a ``Behaviour`` that answers request targets; ``ReachServer`` serves one on a free port of a
loopback address (127.0.0.1, or 127.0.0.2 for "another host"), over TLS when asked, and logs every request.
``ForwardProxy`` is a small HTTP forward proxy. Used by tests/test_reach.py and tests/test_probe.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.client
import ssl
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.helpers import story

Answer = tuple[int, dict[str, str], bytes]

HTML = {"Content-Type": "text/html; charset=utf-8"}
ROBOTS = (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n")


def article_html(n: int, site: str) -> bytes:
    """An article page of its own for each ``n`` (title, date, three paragraphs, byline)."""
    paras = "".join(f"<p>{p}</p>" for p in story(n).split("\n"))
    return (f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>Bài {n} - {site}</title></head>"
            f"<body><header><a href='/'>Trang chủ</a> <a href='/private/x'>Quản trị</a></header><main><article>"
            f"<h1>Công đoàn {site} tổ chức hoạt động số {n} cho đoàn viên</h1>"
            f"<p class='date'>Thứ hai, 01/10/2019 08:30</p>{paras}<p><b>Nguyễn Văn An</b></p></article></main>"
            f"<footer>Bản quyền thuộc về {site}</footer></body></html>").encode()


def listing_html(links: list[str], site: str) -> bytes:
    """A listing page linking ``links``."""
    items = "".join(f"<li><a href='{href}'>Tin hoạt động công đoàn số {i}</a></li>"
                    for i, href in enumerate(links))
    return (f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>Tin tức - {site}</title></head>"
            f"<body><h1>Tin tức {site}</h1><ul>{items}</ul></body></html>").encode()


class Behaviour:
    """A small site: ``articles`` numbered pages under ``prefix``, listed on ``home``; override ``answer``."""

    def __init__(self, name: str, first: int, articles: int = 3, prefix: str = "/tin-tuc/",
                 home: str = "/") -> None:
        self.name, self.prefix, self.home = name, prefix, home
        self.numbers = list(range(first, first + articles))
        self.server: ReachServer | None = None

    def article_paths(self) -> list[str]:
        return [f"{self.prefix}bai-{n}.html" for n in self.numbers]

    def page(self, path: str) -> Answer | None:
        """The ordinary site: robots.txt, the home listing, the articles."""
        if path == "/robots.txt":
            return ROBOTS
        if path == self.home:
            return 200, HTML, listing_html(self.article_paths(), self.name)
        for n, article in zip(self.numbers, self.article_paths(), strict=True):
            if path == article:
                return 200, HTML, article_html(n, self.name)
        return None

    def answer(self, path: str, headers: Any) -> Answer:
        return self.page(path) or (404, HTML, b"<html><body>404</body></html>")


class ReachServer:
    """One behaviour on its own loopback port (TLS when ``tls``); logs (time, target, headers) per request."""

    def __init__(self, behaviour: Behaviour, host: str = "127.0.0.1", tls: bool = False) -> None:
        self.behaviour, self.host, self.tls = behaviour, host, tls
        self.log: list[tuple[float, str, dict[str, str]]] = []
        self.lock = threading.Lock()
        behaviour.server = self
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

            def do_GET(self) -> None:  # noqa: N802
                with server.lock:
                    server.log.append((time.monotonic(), self.path, dict(self.headers.items())))
                status, headers, body = server.behaviour.answer(self.path, self.headers)
                self.send_response(status)
                for k, v in {**headers, "Content-Length": str(len(body))}.items():
                    self.send_header(k, v)
                self.end_headers()
                with contextlib.suppress(ConnectionError):  # the client gave up (a timeout test)
                    self.wfile.write(body)

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        if tls:
            self.httpd.socket = _tls_context().wrap_socket(self.httpd.socket, server_side=True)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"{'https' if self.tls else 'http'}://{self.host}:{self.httpd.server_address[1]}"

    def targets(self) -> list[str]:
        with self.lock:
            return [t for _, t, _ in self.log]

    def start(self) -> ReachServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


_CONTEXT: ssl.SSLContext | None = None


def _tls_context() -> ssl.SSLContext:
    """A server context with a fresh self-signed certificate for 127.0.0.1 (Scrapy does not verify)."""
    global _CONTEXT
    if _CONTEXT is None:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
        now = dt.datetime.now(dt.UTC)
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
                .not_valid_after(now + dt.timedelta(days=2)).sign(key, hashes.SHA256()))
        with tempfile.TemporaryDirectory() as tmp:
            cert_file, key_file = Path(tmp) / "cert.pem", Path(tmp) / "key.pem"
            cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
            key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                   serialization.NoEncryption()))
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(cert_file, key_file)
        _CONTEXT = context
    return _CONTEXT


# -- behaviours --------------------------------------------------------------------------------------------

STUB = ('<html><body><script>document.cookie="D1N={token}"+"; expires=Fri, 31 Dec 2099 23:59:59 GMT; path=/";'
        'window.location.reload(true);</script></body></html>')


class CookieChallenge(Behaviour):
    """Every target, robots.txt included, is a cookie stub unless the request carries the cookie."""

    token = "0123456789abcdef0123456789abcdef"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stubs = 0

    def answer(self, path: str, headers: Any) -> Answer:
        if f"D1N={self.token}" not in (headers.get("Cookie") or ""):
            self.stubs += 1
            return 200, HTML, STUB.format(token=self.token).encode()
        return super().answer(path, headers)


class BrowserChallenge(Behaviour):
    """A challenge that needs real JavaScript: the cookie is computed, so no client without a browser passes."""

    def answer(self, path: str, headers: Any) -> Answer:
        return 200, HTML, (b"<html><body><script>var a=[68,49,78];document.cookie=String.fromCharCode.apply("
                           b"null,a)+'='+(Date.now()%977)+'; path=/';window.location.reload(true);</script>"
                           b"</body></html>")


class Redirecting(Behaviour):
    """The start URL (``/``) redirects to ``to(self)``; everything else is the ordinary site."""

    def __init__(self, *args: Any, to: Callable[[Redirecting], str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.to = to

    def answer(self, path: str, headers: Any) -> Answer:
        if path == "/":
            return 301, {"Location": self.to(self), **HTML}, b""
        return super().answer(path, headers)


class MovedTo(Behaviour):
    """Answers every target with a 301 to the same target on ``target`` (http -> https)."""

    def __init__(self, name: str, target: Callable[[], str]) -> None:
        super().__init__(name, 0, 0)
        self.target = target

    def answer(self, path: str, headers: Any) -> Answer:
        return 301, {"Location": self.target() + path, **HTML}, b""


class SitemapOnly(Behaviour):
    """Articles reachable only through a sitemap served by another host (see ``SitemapHost``)."""

    def page(self, path: str) -> Answer | None:
        if path == self.home:
            return 200, HTML, listing_html([], self.name)
        return super().page(path)


class SitemapHost(Behaviour):
    """A CDN host serving one sitemap index and its child sitemap for ``site``, plus a page URL elsewhere."""

    def __init__(self, site: Behaviour, foreign: Callable[[], str]) -> None:
        super().__init__("cdn", 0, 0)
        self.site, self.foreign = site, foreign

    def answer(self, path: str, headers: Any) -> Answer:
        xml = {"Content-Type": "application/xml"}
        if path == "/sitemaps/index.xml":
            return 200, xml, (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                              f'sitemap/0.9"><sitemap><loc>{self.server.base}/sitemaps/news.xml</loc></sitemap>'
                              f"</sitemapindex>").encode()
        if path == "/sitemaps/news.xml":
            base = self.site.server.base
            locs = [base + p for p in self.site.article_paths()] + [self.foreign() + "/tin-tuc/bai-999.html"]
            urls = "".join(f"<url><loc>{u}</loc></url>" for u in locs)
            return 200, xml, (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                              f"{urls}</urlset>").encode()
        return 404, HTML, b"<html><body>404</body></html>"


class Throttling(Behaviour):
    """The first request for each article answers 429 with ``Retry-After: 2``; the next one the page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.refused: set[str] = set()

    def answer(self, path: str, headers: Any) -> Answer:
        if path in self.article_paths() and path not in self.refused:
            self.refused.add(path)
            return 429, {"Retry-After": "2", **HTML}, b"<html><body>Too many requests</body></html>"
        return super().answer(path, headers)


class Slow(Behaviour):
    """Answers every request after ``seconds``."""

    def __init__(self, *args: Any, seconds: float = 3.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seconds = seconds

    def answer(self, path: str, headers: Any) -> Answer:
        time.sleep(self.seconds)
        return super().answer(path, headers)


class ProxyOnly(Behaviour):
    """Refuses (403, as sites that block foreign addresses do) any request that did not come via the proxy."""

    def answer(self, path: str, headers: Any) -> Answer:
        if headers.get("Via") != "1.1 test-proxy":
            return 403, HTML, b"<html><body>Forbidden</body></html>"
        return super().answer(path, headers)


class ForwardProxy:
    """A minimal HTTP forward proxy on loopback: forwards absolute-URI GETs, adds ``Via``, logs what it saw."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str | None]] = []  # (absolute URL, Proxy-Authorization)
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

            def do_GET(self) -> None:  # noqa: N802
                proxy.seen.append((self.path, self.headers.get("Proxy-Authorization")))
                parts = urlsplit(self.path)
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
                forwarded = {k: v for k, v in self.headers.items()
                             if k.lower() not in ("proxy-authorization", "proxy-connection", "connection", "host")}
                conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""),
                             headers={**forwarded, "Via": "1.1 test-proxy", "Host": parts.netloc})
                response = conn.getresponse()
                body = response.read()
                self.send_response(response.status)
                for k, v in response.getheaders():
                    if k.lower() not in ("content-length", "connection", "transfer-encoding"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                conn.close()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.httpd.server_address[1]}"

    def start(self) -> ForwardProxy:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
