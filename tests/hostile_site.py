"""A hostile union site on loopback, and the addresses it tries to send the crawler to.

Three servers, each logging every request it receives:

- the **site** (127.0.0.1): a few real articles and a paginated archive of real articles, among traps: a
  robots.txt that redirects off-site, billion-laughs and XXE sitemaps, redirects to a forbidden address and to
  an unregistered host, a gzip bomb, an oversized body, a title that injects a script, an endless calendar,
  pathological HTML (100k unclosed tags, 50k nesting levels, 60k links, megabytes of attributes, an unclosed
  1.6 MB script) and a link to a ``file://`` URL;
- the **forbidden** address (127.0.0.3 by default): the stand-in for an internal address (cloud metadata, a
  private network). It is inside the site's scope (an ``extra_origins`` entry), so only the address policy
  keeps the crawler away, once the test adds it to the blocked ranges;
- the **unregistered** host (127.0.0.2): an origin no registry entry names.

Nothing here leaves loopback.
"""

from __future__ import annotations

import contextlib
import threading
import zlib
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.helpers import story

#: Real articles: path -> (title, text) (stored by a correct crawl).
ARCHIVE_PAGES = 120  # more than the default pattern cap (100): only its resets reach the end


def article_html(title: str, text: str, date: str = "12/03/2024 08:30") -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in text.split("\n"))
    return (f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{title}</title>"
            "<meta property='og:type' content='article'></head><body>"
            f"<div class='header'>Liên đoàn Lao động tỉnh Thử Nghiệm</div><article><h1>{title}</h1>"
            f"<div class='date'>Ngày đăng: {date}</div>{paragraphs}</article>"
            "<div class='footer'>Bản quyền thuộc về LĐLĐ tỉnh</div></body></html>")


def page_html(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><h1>{title}</h1>{body}</body></html>")


def _gzip_bomb(size: int) -> bytes:
    """A gzip stream of ``size`` zero bytes (about 1000 times smaller), built without holding them."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1 << 20)
    parts = [compressor.compress(chunk) for _ in range(size >> 20)]
    parts.append(compressor.flush())
    return b"".join(parts)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hang up on oversized bodies: routine here


class HostileSite:
    """The hostile site and its two neighbours; use as a context manager."""

    def __init__(self, host: str = "127.0.0.1", forbidden_host: str = "127.0.0.3",
                 unregistered_host: str = "127.0.0.2") -> None:
        self.hosts = {"site": host, "forbidden": forbidden_host, "unregistered": unregistered_host}
        self.log: dict[str, list[str]] = {name: [] for name in self.hosts}
        self._lock = threading.Lock()
        self._servers: dict[str, _Server] = {}
        self.bomb = _gzip_bomb(256 << 20)
        self.articles: dict[str, tuple[str, str]] = {}
        for n in range(1, 4):
            self.articles[f"/tin/bai-{n}.html"] = (f"Công đoàn tỉnh tổ chức hoạt động số {n}", story(1000 + n))
        for n in range(1, ARCHIVE_PAGES + 1):
            self.articles[f"/tin/luu-tru-{n}.html"] = (f"Tin lưu trữ số {n} của công đoàn", story(2000 + n))
        self.script_title = "<script>alert(1)</script> Công đoàn tỉnh trao quà Tết"
        self.articles["/tin/tieu-de-script.html"] = (self.script_title, story(3000))

    # -- addresses --------------------------------------------------------------------------------------------

    def url(self, name: str, path: str = "/") -> str:
        return f"http://{self.hosts[name]}:{self._servers[name].server_address[1]}{path}"

    def registry_entry(self) -> dict[str, Any]:
        return {"slug": "hostile", "name": "LĐLĐ tỉnh Thử Nghiệm", "province": "Bắc Kạn",
                "start_urls": self.url("site"), "sitemap_urls": ["/sitemap-bomb.xml", "/sitemap-xxe.xml"],
                "extra_origins": [self.url("forbidden").rstrip("/")]}

    def requests(self, name: str) -> list[str]:
        with self._lock:
            return list(self.log[name])

    # -- lifecycle --------------------------------------------------------------------------------------------

    def __enter__(self) -> HostileSite:
        for name, host in self.hosts.items():
            server = _Server((host, 0), self._handler(name))
            self._servers[name] = server
            threading.Thread(target=server.serve_forever, name=f"hostile-{name}", daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        for server in self._servers.values():
            server.shutdown()
            server.server_close()

    def _handler(self, name: str) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802
                with site._lock:
                    site.log[name].append(self.path)
                if name != "site":
                    self._send(200, "text/plain", b"you should not be here")
                    return
                route = site.route(self.path)
                if route is None:
                    self._send(404, "text/html; charset=utf-8", b"<html><body>404</body></html>")
                else:
                    route(self)

            def _send(self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None,
                      ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                with contextlib.suppress(ConnectionError):
                    self.wfile.write(body)

        return Handler

    # -- routes -----------------------------------------------------------------------------------------------

    def route(self, path: str) -> Callable[[Any], None] | None:
        html = "text/html; charset=utf-8"

        def send(status: int, body: str | bytes, content_type: str = html, **headers: str) -> Callable:
            data = body.encode() if isinstance(body, str) else body
            return lambda handler: handler._send(status, content_type, data, headers)

        def redirect(to: str) -> Callable:
            return send(302, b"", Location=to)

        if path == "/":
            links = [*self.articles, "/chuyen-muc/page-1", "/lich/2024/05/", "/go/blocked", "/go/unregistered",
                     "/go/robots", "/big", "/bomb", "/patho/unclosed", "/patho/deep", "/patho/links",
                     "/patho/attributes", "/patho/script", self.url("forbidden", "/tin/noi-bo.html"),
                     self.url("unregistered", "/tin/khac.html"), "file:///etc/passwd",
                     self.url("site", "/khong-co.html?id=1&token=tok-secret").replace("://", "://user:s3cret-pw@")]
            listing = "".join(f'<li><a href="{u}">Tin {i}</a></li>' for i, u in enumerate(links)
                              if "luu-tru" not in u)
            return send(200, page_html("Trang chủ LĐLĐ tỉnh Thử Nghiệm", f"<ul>{listing}</ul>"))
        if path in self.articles:
            title, text = self.articles[path]
            escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            body = article_html(escaped, text)
            if path == "/tin/tieu-de-script.html":
                body = body.replace("<h1>", "<h1><script>document.location='http://127.0.0.3/'</script>", 1)
            return send(200, body)
        if path == "/robots.txt":
            return redirect(self.url("unregistered", "/robots.txt"))
        if path == "/sitemap-bomb.xml":
            return send(200, _BILLION_LAUGHS, "application/xml")
        if path == "/sitemap-xxe.xml":
            return send(200, _XXE.replace(b"FORBIDDEN", self.url("forbidden", "/xxe").encode()), "application/xml")
        if path == "/go/blocked":
            return redirect(self.url("forbidden", "/latest/meta-data/"))
        if path == "/go/unregistered":
            return redirect(self.url("unregistered", "/tin/khac.html"))
        if path == "/go/robots":
            return redirect("/robots.txt")
        if path == "/big":
            return send(200, page_html("Trang rất lớn", "<p>" + "x" * (3 << 20) + "</p>"))
        if path == "/bomb":
            return send(200, self.bomb, html, **{"Content-Encoding": "gzip"})
        if path.startswith("/chuyen-muc/page-"):
            n = int(path.rsplit("-", 1)[1]) if path.rsplit("-", 1)[1].isdigit() else 0
            if not 1 <= n <= ARCHIVE_PAGES:
                return None
            body = f'<ul><li><a href="/tin/luu-tru-{n}.html">Tin lưu trữ số {n}</a></li></ul>'
            if n < ARCHIVE_PAGES:
                body += f'<a href="/chuyen-muc/page-{n + 1}">Trang sau</a>'
            return send(200, page_html(f"Lưu trữ - trang {n}", body))
        if path.startswith("/lich/"):
            return send(200, page_html("Lịch công tác", _calendar(path)))
        if path.startswith("/patho/"):
            return send(200, page_html("Trang lạ", _PATHOLOGICAL.get(path.removeprefix("/patho/"), "")))
        return None


def _calendar(path: str) -> str:
    """An endless calendar: every month links to the next and previous month and to each of its days."""
    parts = [p for p in path.split("/") if p.isdigit()]
    if len(parts) < 2:
        return ""
    year, month = int(parts[0]), int(parts[1])
    nxt = (year + month // 12, month % 12 + 1)
    prev = (year - (month == 1), (month - 2) % 12 + 1)
    days = "".join(f'<a href="/lich/{year}/{month:02d}/{d:02d}">{d}</a> ' for d in range(1, 29))
    return (f'<a href="/lich/{nxt[0]}/{nxt[1]:02d}/">Tháng sau</a> <a href="/lich/{prev[0]}/{prev[1]:02d}/">'
            f"Tháng trước</a><p>{days}</p><p>Không có sự kiện.</p>")


_BILLION_LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol9;</loc></url></urlset>"""

_XXE = b"""<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY passwd SYSTEM "file:///etc/passwd">
<!ENTITY net SYSTEM "FORBIDDEN">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&passwd;</loc></url><url><loc>&net;</loc></url>
</urlset>"""

#: Pathological pages, each under the 2 MiB test download limit.
_PATHOLOGICAL = {
    "unclosed": "<div><b><i><p>x" * 25_000,
    "deep": "<div>" * 50_000 + "sâu" + "</div>" * 50_000,
    "links": "".join(f'<a href="/l/{i}">{i}</a>' for i in range(60_000)),
    "attributes": "<div " + " ".join(f"a{i}=v" for i in range(100_000)) + ">a</div>"
    + '<p title="' + "y" * 600_000 + '">b</p>',
    "script": "<script>" + "var a = 1; " * 145_000,
}
