"""Loopback HTTP server for the bundled sample union sites (stdlib only).

Each site under ``congdoan_data/sample_sites/sites/<slug>/`` (``tests/sample_sites`` links there) gets its
own ``ThreadingHTTPServer`` on a free port, so every site has its own origin (scheme + host + port).
``routes.json`` maps a request target to a stored file and how to answer. Route lookup is deliberately
dumb, in this order:

1. the exact request target (path plus ``?query`` as the client sent it);
2. the path plus the query parameters sorted (so parameter order does not matter);
3. if the query holds only tracking parameters (``utm_*``, ``fbclid``, ``gclid``), the route of the bare path.

Anything else answers 404. A route with ``"redirect"`` answers 301 with that Location; a route with
``"file": null`` answers its status with a short body. Files are served byte for byte, except routes marked
``"rewrite_base_urls": true`` (sitemaps, feeds, pages with absolute links), where ``{{BASE_URL}}`` becomes this
site's base URL and ``{{BASE_URL:<slug>}}`` another running site's (``http://<slug>.invalid`` if not running).

Run ``python -m crawler.sampleserver [--slug S ...]`` to serve until Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from congdoan_data import DATA_ROOT

DEFAULT_ROOT: Path = DATA_ROOT / "sample_sites" / "sites"
GOLD_DIRNAME = "gold"
_TRACKING = re.compile(r"^(utm_[a-z_]+|fbclid|gclid)$", re.IGNORECASE)
_PLACEHOLDER = re.compile(rb"\{\{BASE_URL(?::([a-z0-9-]+))?\}\}")


def _sorted_target(target: str) -> str:
    """Path plus sorted query of a request target (route-lookup key 2)."""
    parts = urlsplit(target)
    query = sorted(parse_qsl(parts.query, keep_blank_values=True))
    return parts.path + ("?" + urlencode(query) if query else "")


class _QuietServer(ThreadingHTTPServer):
    """A threading server that does not print tracebacks when a client hangs up early (the crawler cancels
    oversized downloads by closing the connection)."""

    daemon_threads = True
    #: socketserver's default accept queue is 5: when the server process is short of CPU, connections beyond it
    #: are dropped and the client retries after 1 s (a stall that looks like a crawl delay).
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Site:
    """One site's routes and files, plus its server once started."""

    def __init__(self, site_dir: Path) -> None:
        self.dir = site_dir
        self.meta: dict[str, Any] = json.loads((site_dir / "site.json").read_text(encoding="utf-8"))
        self.slug: str = self.meta["slug"]
        self.routes: dict[str, dict[str, Any]] = json.loads((site_dir / "routes.json").read_text(encoding="utf-8"))
        self.sorted_routes = {_sorted_target(k): v for k, v in self.routes.items()}
        self.server: ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None
        self.log: list[str] = []
        self.lock = threading.Lock()

    def find(self, target: str) -> dict[str, Any] | None:
        """Route for a request target (see the module docstring for the order)."""
        if target in self.routes:
            return self.routes[target]
        key = _sorted_target(target)
        if key in self.sorted_routes:
            return self.sorted_routes[key]
        parts = urlsplit(target)
        params = parse_qsl(parts.query, keep_blank_values=True)
        if params and all(_TRACKING.match(k) for k, _ in params):
            return self.routes.get(parts.path)
        return None


class SampleSites:
    """Serve the sample sites on loopback, one server and port per site."""

    def __init__(self, root: Path = DEFAULT_ROOT, host: str = "127.0.0.1", slugs: Iterable[str] | None = None):
        self.root = Path(root)
        self.host = host
        wanted = set(slugs) if slugs is not None else None
        dirs = sorted(d for d in self.root.iterdir() if (d / "site.json").is_file())
        self.sites: dict[str, _Site] = {}
        for d in dirs:
            if wanted is None or d.name in wanted:
                site = _Site(d)
                self.sites[site.slug] = site
        if wanted is not None and (missing := wanted - set(self.sites)):
            raise KeyError(f"unknown sample site(s): {', '.join(sorted(missing))}")

    def start(self) -> None:
        """Start one ThreadingHTTPServer per site on its own free port (daemon threads)."""
        for site in self.sites.values():
            if site.server is not None:
                continue
            server = _QuietServer((self.host, 0), _make_handler(self, site))
            server.daemon_threads = True
            site.server = server
            site.thread = threading.Thread(target=server.serve_forever, name=f"sample-{site.slug}", daemon=True)
            site.thread.start()

    def stop(self) -> None:
        """Shut down and close every server (idempotent)."""
        for site in self.sites.values():
            if site.server is not None:
                site.server.shutdown()
                site.server.server_close()
                if site.thread is not None:
                    site.thread.join(timeout=5)
                site.server = site.thread = None

    def __enter__(self) -> SampleSites:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def base_url(self, slug: str) -> str:
        """``http://127.0.0.1:PORT`` of a running site."""
        site = self.sites[slug]
        if site.server is None:
            raise RuntimeError(f"sample site {slug} is not running")
        return f"http://{self.host}:{site.server.server_address[1]}"

    def registry_entries(self) -> list[dict]:
        """Registry dicts for the running sites: slug, name, province, live start_urls, plus site.json extras."""
        out = []
        for slug, site in self.sites.items():
            base = self.base_url(slug)
            entry = {"slug": slug, "name": site.meta["name"], "province": site.meta["province"],
                     "start_urls": [base + p for p in site.meta.get("start_paths", ["/"])]}
            for key, value in site.meta.get("registry", {}).items():
                entry[key] = _absolute(base, value)
            out.append(entry)
        return out

    def route_for(self, slug: str, target: str) -> dict[str, Any] | None:
        """The route a request target would get on a site (None: the server answers 404); no server needed."""
        return self.sites[slug].find(target)

    def request_log(self, slug: str) -> list[str]:
        """Request targets served so far by one site (GET and HEAD, in order)."""
        site = self.sites[slug]
        with site.lock:
            return list(site.log)

    def _base_or_invalid(self, slug: str) -> str:
        site = self.sites.get(slug)
        if site is None or site.server is None:
            return f"http://{slug}.invalid"
        return self.base_url(slug)


def _absolute(base: str, value: Any) -> Any:
    """Make relative paths (strings starting with '/') absolute, inside lists too."""
    if isinstance(value, str) and value.startswith("/"):
        return base + value
    if isinstance(value, list):
        return [_absolute(base, v) for v in value]
    return value


def _make_handler(sites: SampleSites, site: _Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "SampleSite/1.0"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet: no per-request stderr
            return

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(head=True)

        def do_GET(self) -> None:  # noqa: N802
            self._answer(head=False)

        def _answer(self, head: bool) -> None:
            with site.lock:
                site.log.append(self.path)
            route = site.find(self.path)
            headers: dict[str, str] = {}
            if route is None:
                status, ctype = 404, "text/html; charset=utf-8"
                body = b"<html><body><h1>404 Not Found</h1></body></html>"
            else:
                status = int(route.get("status", 200))
                ctype = route.get("content_type", "text/html; charset=utf-8")
                headers.update(route.get("headers") or {})
                if route.get("redirect"):
                    target = route["redirect"]
                    headers["Location"] = target if "://" in target else sites.base_url(site.slug) + target
                if route.get("file"):
                    body = (site.dir / route["file"]).read_bytes()
                    if route.get("rewrite_base_urls"):
                        body = _PLACEHOLDER.sub(self._base_for, body)
                else:
                    body = f"<html><body><h1>{status}</h1></body></html>".encode()
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def _base_for(self, m: re.Match[bytes]) -> bytes:
            slug = m.group(1).decode() if m.group(1) else site.slug
            return sites._base_or_invalid(slug).encode()

    return Handler


@dataclass
class SamplePage:
    """One labelled page read offline: its gold dict and the bytes the server would send."""

    slug: str
    path: str
    gold: dict
    body: bytes
    content_type: str
    status: int
    url: str


def load_site_pages(root: Path = DEFAULT_ROOT, base: str = "http://{slug}.sample.test") -> list[SamplePage]:
    """Every gold-labelled page with its body, for offline extraction tests (placeholders filled with ``base``)."""
    root = Path(root)
    gold_root = root.parent / GOLD_DIRNAME
    pages = []
    for site_dir in sorted(d for d in root.iterdir() if (d / "routes.json").is_file()):
        slug = site_dir.name
        routes = json.loads((site_dir / "routes.json").read_text(encoding="utf-8"))
        site_base = base.format(slug=slug)
        for gold_file in sorted((gold_root / slug).glob("*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            route = routes[gold["path"]]
            body = (site_dir / route["file"]).read_bytes()
            if route.get("rewrite_base_urls"):
                body = _PLACEHOLDER.sub(lambda m, b=site_base: (base.format(slug=m.group(1).decode())
                                                                if m.group(1) else b).encode(), body)
            pages.append(SamplePage(slug, gold["path"], gold, body, route.get("content_type", ""),
                                    int(route.get("status", 200)), site_base + gold["path"]))
    return pages


def main(argv: list[str] | None = None) -> int:
    """Serve the sample sites until Ctrl-C, printing each site's URL."""
    ap = argparse.ArgumentParser(description="Serve the bundled sample union sites on loopback.")
    ap.add_argument("--slug", action="append", help="serve only this site (repeatable)")
    ap.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    args = ap.parse_args(argv)
    sites = SampleSites(args.root, slugs=args.slug)
    sites.start()
    try:
        for slug in sites.sites:
            print(f"{slug:14s} {sites.base_url(slug)}/", flush=True)
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        sites.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
