"""Crawl benchmark: ``congdoan crawl`` end to end against a generated loopback site, next to bare trafilatura.

    .venv/bin/python bench/crawl.py                      # 1,000 and 3,000 article pages, error pages
    .venv/bin/python bench/crawl.py --pages 10000        # one size
    .venv/bin/python bench/crawl.py --pages 300 --profile /tmp/crawl.prof   # cProfile of the crawl process

Article pages are built from the utf-8 article pages of the sample sites (tests/sample_sites/sites: eight CMS
families, two markup variants each): each page keeps its template's markup and chrome, gets a text, title and
date of its own, about 15 KiB of inline scripts, a 250-link menu (listings and other articles) and sidebars,
for about 50 KiB a page (the templates' own chrome links lead to pages the benchmark site does not have:
404s, counted as errors). A separate process serves them (a threaded HTTP server with a deep accept queue).
For each size the benchmark prints: articles stored per second, CPU seconds per article (the crawl and its
extraction workers), peak RSS (the crawl process, and with its workers), bare single-process
``trafilatura.bare_extraction`` throughput on the same pages and the ratio, and the time of a second crawl of
the unchanged site. Separately it crawls a site of small error pages at 2 requests per host and prints
responses per second and the latency of a request slot. Politeness is off (``DOWNLOAD_DELAY=0``, no
AutoThrottle), as for any loopback benchmark; the crawl's defaults for real sites are unchanged.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.sampleserver import DEFAULT_ROOT  # noqa: E402
from tests.helpers import WORDS, load_gold  # noqa: E402

MENU_LINKS = 250
PER_LISTING = 50
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=0",
        "-s", "LOG_LEVEL=WARNING"]


def templates() -> list[tuple[str, dict]]:
    """Article pages of the sample sites in utf-8, with their gold labels."""
    found = []
    for gold in load_gold():
        if gold["page_type"] != "article" or not gold["expect_stored"] or gold.get("legacy_font") or gold["nfd"]:
            continue
        site_dir = DEFAULT_ROOT / gold["site"]
        route = json.loads((site_dir / "routes.json").read_text(encoding="utf-8")).get(gold["path"], {})
        if not route.get("file") or "utf-8" not in (route.get("content_type") or "").lower():
            continue
        try:
            html = (site_dir / route["file"]).read_text(encoding="utf-8")
        except UnicodeDecodeError:  # a page that claims utf-8 and is not (the sample sites have some)
            continue
        if gold["paragraphs"] and all(escape(p, quote=False) in html for p in gold["paragraphs"][:1]):
            found.append((html, gold))
    return found


def _text(rng: random.Random, n: int) -> list[str]:
    vocabulary = WORDS + [f"{w}{rng.randrange(100)}" for w in ("số", "mã", "khu")]
    return [" ".join(rng.choice(vocabulary) for _ in range(rng.randrange(45, 80))) + f" (bài {n}, đoạn {k})."
            for k in range(rng.randrange(6, 11))]


def article(n: int, pages: int, listings: int, template: tuple[str, dict]) -> bytes:
    """Article page ``n``: its template's markup with its own text, title, scripts, menu and sidebars."""
    html, gold = template
    rng = random.Random(n)
    paragraphs = _text(rng, n)
    first, last = escape(gold["paragraphs"][0], quote=False), escape(gold["paragraphs"][-1], quote=False)
    start = html.rfind("<", 0, html.index(first))
    end = html.find(">", html.index(last) + len(last)) + 1
    html = html[:start] + "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs) + html[end:]
    html = html.replace(escape(gold["title"], quote=False), escape(f"{gold['title']} (bài số {n})"))
    links = [f'<li><a href="/list/{k}">Chuyên mục {k}</a></li>' for k in range(min(listings, 50))]
    links += [f'<li><a href="/tin-tuc/bai-{(n + k * 7919) % pages}.html">Tin {k}</a></li>'
              for k in range(MENU_LINKS - len(links))]
    menu = '<nav class="mega-menu"><ul>' + "".join(links) + "</ul></nav>"
    scripts = "".join(f"<script>window.cfg{k}={{"
                      + ",".join(f'"k{j}":"{rng.getrandbits(64):x}"' for j in range(40)) + "};</script>"
                      for k in range(24))
    sidebar = ('<aside class="sidebar"><h3>Tin đọc nhiều</h3><ul>'
               + "".join(f'<li><a href="/tin-tuc/bai-{rng.randrange(pages)}.html">{" ".join(rng.sample(WORDS, 8))}'
                         "</a></li>" for _ in range(15)) + "</ul></aside>")
    html = html.replace("<body", scripts + "<body", 1) if "<body" in html else scripts + html
    body_at = html.find(">", html.find("<body")) + 1
    html = html[:body_at] + menu + html[body_at:]
    html = html.replace("</body>", sidebar * 3 + "</body>", 1)
    return html.encode("utf-8")


def build_site(directory: Path, pages: int) -> list[tuple[str, bytes]]:
    """Write the site (``routes.json`` and files) and return the article pages as (path, body)."""
    shapes = templates()
    listings = -(-pages // PER_LISTING)
    articles = [(f"/tin-tuc/bai-{n}.html", article(n, pages, listings, shapes[n % len(shapes)]))
                for n in range(pages)]
    routes = {path: body for path, body in articles}
    for k in range(listings):
        items = "".join(f'<li><a href="/tin-tuc/bai-{n}.html">Bài {n}</a></li>'
                        for n in range(k * PER_LISTING, min(pages, (k + 1) * PER_LISTING)))
        routes[f"/list/{k}"] = (f"<html><head><title>Chuyên mục {k}</title></head><body><h1>Chuyên mục {k}</h1>"
                                f"<ul>{items}</ul></body></html>").encode()
    routes["/"] = ("<html><head><title>Trang chủ</title></head><body><ul>"
                   + "".join(f'<li><a href="/list/{k}">Chuyên mục {k}</a></li>' for k in range(listings))
                   + "</ul></body></html>").encode()
    directory.mkdir(parents=True, exist_ok=True)
    index = {}
    for n, (path, body) in enumerate(routes.items()):
        (directory / f"{n}.html").write_bytes(body)
        index[path] = f"{n}.html"
    (directory / "routes.json").write_text(json.dumps(index))
    return articles


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # socketserver's default is 5: bursts of connections overflow it (1 s SYN retry)

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # the crawl closing a connection is no error
            super().handle_error(request, client_address)


def serve(directory: str, port_out: multiprocessing.Queue, errors: int) -> None:
    """Serve the site in ``directory`` (or, with ``errors``, a home page linking to that many 404 pages)."""
    routes = json.loads((Path(directory) / "routes.json").read_text()) if not errors else {}
    home = ("<html><body>" + "".join(f'<a href="/e/{n}">e{n}</a>' for n in range(errors))
            + "</body></html>").encode()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = os.environ.get("BENCH_PROTOCOL", "HTTP/1.1")
        disable_nagle_algorithm = True

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            name = routes.get(self.path)
            if errors and self.path == "/":
                status, body = 200, home
            elif name:
                status, body = 200, (Path(directory) / name).read_bytes()
            else:
                status, body = 404, b"<html><body>Not found</body></html>"
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = _Server(("127.0.0.1", 0), Handler)
    port_out.put(server.server_address[1])
    server.serve_forever()


def start_server(directory: Path, errors: int = 0) -> tuple[multiprocessing.Process, str]:
    context = multiprocessing.get_context("spawn")
    ports: multiprocessing.Queue = context.Queue()
    process = context.Process(target=serve, args=(str(directory), ports, errors), daemon=True)
    process.start()
    return process, f"http://127.0.0.1:{ports.get(timeout=60)}"


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo += children.get(p, [])
    return found


def _usage(pid: int) -> tuple[float, int]:
    """CPU seconds (user + system) and RSS bytes of one process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / tick, int(fields[21]) * os.sysconf("SC_PAGE_SIZE")


def _high_water(pid: int) -> int:
    """Peak RSS bytes of one process so far (``VmHWM``), 0 when it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run_crawl(base: str, work: Path, *extra: str, profile: str | None = None) -> dict:
    """Run ``congdoan crawl`` on the benchmark site; wall time, CPU, peak RSS and the manifest."""
    registry = work / "sites.yaml"
    registry.write_text(
        "sites:\n  - slug: bench\n    name: Bench\n    province: Bắc Kạn\n"
        f"    start_urls: {base}/\n    article_patterns: ['/tin-tuc/bai-\\d+\\.html$']\n"
        "    listing_patterns: ['/list/\\d+$']\n", encoding="utf-8")
    runs = work / "out" / "_runs"
    before = set(runs.glob("*.json")) if runs.is_dir() else set()
    command = [sys.executable, *(["-m", "cProfile", "-o", profile] if profile else []), "-m", "crawler.cli",
               "crawl", "--sites-file", str(registry), "--out", str(work / "out"), "--state", str(work / "state"),
               *FAST, *extra]
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    cpu: dict[int, float] = {}
    peak_main = peak_tree = 0
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.append(process.communicate()[1]), daemon=True)
    reader.start()
    while process.poll() is None:
        tree_rss = 0
        for pid in _tree(process.pid):
            try:
                seconds, rss = _usage(pid)
            except (OSError, IndexError):
                continue
            cpu[pid] = seconds
            tree_rss += rss
            if pid == process.pid:  # the kernel's high-water mark: exact, where samples miss short peaks
                peak_main = max(peak_main, rss, _high_water(pid))
        peak_tree = max(peak_tree, tree_rss)
        time.sleep(0.2)
    wall = time.monotonic() - started
    reader.join()
    new = sorted(set(runs.glob("*.json")) - before)
    if not new:
        raise SystemExit(f"crawl wrote no manifest:\n{''.join(output)[-3000:]}")
    return {"wall": wall, "cpu": sum(cpu.values()), "cpu_main": cpu.get(process.pid, 0.0),
            "peak_main": peak_main, "peak_tree": peak_tree,
            "manifest": json.loads(new[-1].read_text(encoding="utf-8")), "returncode": process.returncode}


#: Pages bare trafilatura is timed on (its rate does not depend on the site's size).
BARE_PAGES = 1000


def bare_trafilatura(articles: list[tuple[str, bytes]], base: str) -> float:
    """Pages per second of single-process ``trafilatura.bare_extraction`` on the same pages (the first
    BARE_PAGES of them)."""
    import trafilatura

    articles = articles[:BARE_PAGES]
    started = time.process_time()
    for path, body in articles:
        trafilatura.bare_extraction(body.decode("utf-8"), url=base + path, with_metadata=True)
    return len(articles) / (time.process_time() - started)


def bench_articles(pages: int, workers: str | None, profile: str | None, keep: bool) -> None:
    work = Path(tempfile.mkdtemp(prefix=f"crawl-bench-{pages}-"))
    try:
        started = time.monotonic()
        articles = build_site(work / "site", pages)
        size = sum(len(b) for _, b in articles) / len(articles) / 1024
        print(f"\n{pages:,} article pages, {size:.0f} KiB on average "
              f"(built in {time.monotonic() - started:.0f} s)")
        server, base = start_server(work / "site")
        extra = ["-s", "CONCURRENT_REQUESTS=32", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32"]
        if workers is not None:
            extra += ["-s", f"CONGDOAN_EXTRACT_WORKERS={workers}"]
        first = run_crawl(base, work, *extra, profile=profile)
        stored = first["manifest"]["totals"]["stored"]
        errors = ", ".join(f"{n} {kind}" for kind, n in first["manifest"]["sites"]["bench"]["errors"].items())
        second = run_crawl(base, work, *extra)
        server.terminate()
        bare = bare_trafilatura(articles, base)
        rate = stored / first["wall"]
        print(f"crawl              {first['wall']:.1f} s, {stored:,}/{pages:,} articles stored, "
              f"{rate:.1f} articles/s (errors: {errors or 'none'})")
        print(f"CPU                {first['cpu'] / max(stored, 1) * 1000:.1f} ms per article: crawl process "
              f"{first['cpu_main'] / max(stored, 1) * 1000:.1f}, extraction workers "
              f"{(first['cpu'] - first['cpu_main']) / max(stored, 1) * 1000:.1f} (start-up included)")
        print(f"peak RSS           {first['peak_main'] / 2**20:.0f} MiB crawl process, "
              f"{first['peak_tree'] / 2**20:.0f} MiB with its workers")
        print(f"bare trafilatura   {bare:.1f} pages/s (one process, CPU time); crawl / bare = {rate / bare:.2f}")
        print(f"second crawl       {second['wall']:.1f} s = {second['wall'] / first['wall']:.1%} of the first "
              f"({second['manifest']['totals']['stored']} stored, "
              f"{second['manifest']['totals']['responses']} responses)")
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")


def bench_errors(count: int, profile: str | None = None) -> None:
    """Small error pages at 2 requests per host: responses per second, with and without the start-up (a crawl
    of the home page alone, timed the same way)."""
    work = Path(tempfile.mkdtemp(prefix="crawl-bench-errors-"))
    try:
        limits = ("-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "-s", "CONGDOAN_MAX_PATTERN_PAGES=0")
        for name in ("empty", "errors"):
            (work / name).mkdir()
        server, base = start_server(work / "empty", errors=1)
        startup = run_crawl(base, work / "empty", *limits)
        server.terminate()
        server, base = start_server(work / "errors", errors=count)
        result = run_crawl(base, work / "errors", *limits, profile=profile)
        server.terminate()
        responses = result["manifest"]["totals"]["responses"]
        steady = max(result["wall"] - startup["wall"], 1e-3)
        print(f"\n{count:,} small error pages at 2 requests per host: {responses:,} responses in "
              f"{result['wall']:.1f} s = {responses / result['wall']:.0f} responses/s start-up included; "
              f"start-up {startup['wall']:.1f} s (a one-page crawl), so {responses / steady:.0f} responses/s "
              f"after it, {2 * steady / max(responses, 1) * 1000:.1f} ms per request and slot, "
              f"{(result['cpu'] - startup['cpu']) / max(responses, 1) * 1000:.1f} ms CPU per response")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default="1000,3000", help="comma-separated site sizes (default: %(default)s)")
    parser.add_argument("--errors", type=int, default=2000, help="error pages for the latency run (0: skip)")
    parser.add_argument("--workers", help="CONGDOAN_EXTRACT_WORKERS (default: the crawl's own, = cores)")
    parser.add_argument("--profile", help="write a cProfile of the (first) crawl process to this file")
    parser.add_argument("--keep", action="store_true", help="keep the generated site and corpus")
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} cores; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.errors:
        bench_errors(args.errors, f"{args.profile}.errors" if args.profile else None)
    for pages in (int(p) for p in args.pages.split(",") if p and int(p)):
        bench_articles(pages, args.workers, args.profile, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
