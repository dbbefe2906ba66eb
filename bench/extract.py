"""Extraction benchmark: the cost of ``extract_page`` a page, on the crawl benchmark's pages and on real pages.

    .venv/bin/python bench/extract.py                    # CPU ms a page (best of three rounds)
    .venv/bin/python bench/extract.py --instructions     # also instructions a page, counted by valgrind

CPU time on a shared machine moves with its load by a fifth or more, which hides the change a single rule or
optimisation makes. ``--instructions`` counts the instructions of ``extract_page`` under valgrind (Debian
package ``valgrind``): the count does not depend on the load, so two versions of the code can be compared on
a busy machine. It runs a child process twice, once extracting the pages and once not (the difference is the
pages' cost, without start-up), which takes about a minute for 20 pages.

The pages: ``--pages`` article pages built as ``bench/crawl.py`` builds them (about 50 KiB each: a template
of the sample sites, a 250-link menu, sidebars, inline scripts), the same pages with the site profile a crawl
learns from them (as a crawl extracts every page after its first ones), and the dev half of the real pages
(congdoan_data/real_pages/dev; the test half is never used for tuning).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipelines.profile import SiteProfile

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DEV_PAGES = ROOT / "congdoan_data" / "real_pages" / "dev"

#: Run by valgrind: extract the first N pages written to a folder (after 5 warm-up pages), nothing else.
_CHILD = """
import json, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from pipelines.extract.page import extract_page
from pipelines.profile import SiteProfile
folder = Path({pages!r})
urls = json.loads((folder / "urls.json").read_text(encoding="utf-8"))
pages = [((folder / f"{{n}}.html").read_bytes(), url) for n, url in enumerate(urls)]
known = folder / "profile.json"
profile = SiteProfile.from_json(known.read_text(encoding="utf-8")) if known.exists() else None
for body, url in pages[:5]:
    extract_page(body, url, profile=profile)
for body, url in pages[5:5 + int(sys.argv[1])]:
    extract_page(body, url, profile=profile)
"""


def bench_pages(count: int) -> list[tuple[bytes, str]]:
    """``count`` article pages of the crawl benchmark, as (body, URL)."""
    import crawl  # bench/crawl.py

    with tempfile.TemporaryDirectory() as work:
        return [(body, f"http://127.0.0.1:8000{path}") for path, body in crawl.build_site(Path(work), count)]


def dev_pages() -> list[tuple[bytes, str]]:
    """The real pages of the dev half, as (body, URL)."""
    pages = []
    for html in sorted(DEV_PAGES.glob("*.html")):
        gold = json.loads(html.with_suffix(".json").read_text(encoding="utf-8"))
        pages.append((html.read_bytes(), gold.get("url") or "http://example.vn/"))
    return pages


def learnt_profile(pages: list[tuple[bytes, str]]) -> SiteProfile:
    """The profile a crawl learns from these pages of one site (its first LEARN_PAGES, with their page types):
    a crawl extracts every later page of the site with it."""
    from pipelines.extract.page import extract_page
    from pipelines.profile import LEARN_PAGES, learn_profiles

    seen = [("bench", body, url, extract_page(body, url)["page_type"]) for body, url in pages[:LEARN_PAGES]]
    return learn_profiles(seen)["bench"]


def cpu_ms(pages: list[tuple[bytes, str]], rounds: int = 3, profile: SiteProfile | None = None) -> float:
    """CPU milliseconds a page of ``extract_page`` (with the site's ``profile`` when given), the best of
    ``rounds`` rounds."""
    from pipelines.extract.page import extract_page

    for body, url in pages[:5]:
        extract_page(body, url, profile=profile)
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for body, url in pages:
            extract_page(body, url, profile=profile)
        best = min(best, time.process_time() - start)
    return best / len(pages) * 1000


def instructions(pages: list[tuple[bytes, str]], count: int, profile: SiteProfile | None = None) -> float:
    """Instructions a page of ``extract_page`` (with ``profile`` when given) over ``count`` pages (after five
    warm-up pages), by valgrind."""
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "pages"
        data.mkdir()
        for n, (body, _) in enumerate(pages[:count + 5]):
            (data / f"{n}.html").write_bytes(body)
        (data / "urls.json").write_text(json.dumps([url for _, url in pages[:count + 5]]), encoding="utf-8")
        if profile is not None:
            (data / "profile.json").write_text(profile.to_json(), encoding="utf-8")
        script = Path(work) / "child.py"
        script.write_text(_CHILD.format(root=str(ROOT), pages=str(data)), encoding="utf-8")

        def total(n: int) -> int:
            run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                                  str(script), str(n)], capture_output=True, text=True, check=True)
            line = next(line for line in run.stderr.splitlines() if "Collected" in line)
            return int(line.split()[-1])

        return (total(count) - total(0)) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=150, help="crawl-benchmark pages (default 150)")
    parser.add_argument("--instructions", action="store_true", help="also count instructions with valgrind")
    parser.add_argument("--count", type=int, default=20, help="pages of each set counted by valgrind (default 20)")
    args = parser.parse_args()
    if args.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind (apt-get install valgrind)")
    crawled = bench_pages(args.pages)
    sets = {"crawl-benchmark pages": (crawled, None),
            "the same, site profile": (crawled, learnt_profile(crawled)),
            "real pages (dev half)": (dev_pages(), None)}
    for name, (pages, profile) in sets.items():
        line = f"{name:24} {len(pages):4} pages  {cpu_ms(pages, profile=profile):6.1f} ms a page (CPU, best of 3)"
        if args.instructions:
            count = min(args.count, len(pages) - 5)
            line += f"  {instructions(pages, count, profile) / 1e6:7.1f} M instructions a page ({count} pages)"
        print(line, flush=True)


if __name__ == "__main__":
    main()
