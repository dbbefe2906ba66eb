"""Vocabulary-blind probe (issue 14): how much of extraction rests on the class and id names our rules know?

Sites nobody here wrote name their blocks in words no rule lists. This probe rewrites each dev page the way an
unknown template would: every ``class`` and ``id`` value becomes an opaque token (the same value gets the same
token, so recurring blocks still recur), and/or HTML5's semantic elements (``article``, ``header``, ``time``...)
become ``div``. Text, structure, meta tags and JSON-LD are kept. The pages are scored as ``congdoan evaluate
--real`` scores them; the gap to the unchanged pages is what an unseen template would cost.

Only the dev half is read (the test half is scored by ``congdoan evaluate --real``, never probed).
Usage: ``python bench/blind_probe.py [--probe same|classes|tags|both ...] [-v]``.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

from lxml import html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # when run as a script

from pipelines.evaluate import GoldPage, Tally, load_real_pages, run_ours, score_page  # noqa: E402
from pipelines.extract.decode import decode_html  # noqa: E402

#: HTML5 elements that name a block's role; the ``tags`` probe turns them into ``div``.
SEMANTIC = frozenset({"article", "header", "footer", "nav", "aside", "main", "section", "figure", "figcaption",
                      "time"})


def _opaque(value: str) -> str:
    return "k" + hashlib.blake2s(value.encode("utf-8"), digest_size=4).hexdigest()


def _rewrite(body: bytes, *, classes: bool, tags: bool) -> bytes:
    tree = html.fromstring(decode_html(body).text)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if classes:
            for name in ("class", "id"):
                if name in element.attrib:
                    element.attrib[name] = " ".join(_opaque(token) for token in element.attrib[name].split())
        if tags and element.tag in SEMANTIC:
            element.tag = "div"
    return html.tostring(tree, encoding="unicode").encode("utf-8")


PROBES: dict[str, Callable[[bytes], bytes]] = {
    "same": lambda body: _rewrite(body, classes=False, tags=False),
    "classes": lambda body: _rewrite(body, classes=True, tags=False),
    "tags": lambda body: _rewrite(body, classes=False, tags=True),
    "both": lambda body: _rewrite(body, classes=True, tags=True),
}


def probe(pages: list[GoldPage], rewrite: Callable[[bytes], bytes]) -> dict:
    """Scores of our extractor on ``pages`` rewritten by ``rewrite`` (``Tally.summary``'s dict)."""
    tally = Tally()
    for page in pages:
        score_page(tally, page, run_ours(rewrite(page.body), page.url, None), f"{page.site}:{page.path}")
    return tally.summary()


ROWS = ("body_f1", "leaked_chrome", "title_right", "time_right", "author_right", "lead_right", "category_right",
        "non_articles_stored", "articles_missed", "page_type_uncertain")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probe", nargs="*", choices=sorted(PROBES), default=list(PROBES))
    parser.add_argument("-v", "--verbose", action="store_true", help="name the dev pages each probe gets wrong")
    args = parser.parse_args(argv)
    pages = load_real_pages(halves=("dev",))
    results = {name: probe(pages, PROBES[name]) for name in args.probe}
    print(f"{'dev pages (' + str(len(pages)) + ')':<22}" + "".join(f"{name:>10}" for name in results))
    for row in ROWS:
        values = [s[row] if not isinstance(s[row], list) else len(s[row]) for s in results.values()]
        print(f"{row:<22}" + "".join(f"{v:>10.3f}" if isinstance(v, float) else f"{v:>10}" for v in values))
    if args.verbose:
        same = results.get("same", {}).get("pages", {})
        for name, summary in results.items():
            for kind, names in summary["pages"].items():
                new = sorted(set(names) - set(same.get(kind, [])))
                if new and name != "same":
                    print(f"{name} {kind}: {', '.join(new)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
