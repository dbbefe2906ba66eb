"""Vocabulary-blind probe (issue 14): how much of extraction rests on the class and id names our rules know?

Sites nobody here wrote name their blocks in words no rule lists. This probe rewrites each dev page the way an
unknown template would: every ``class`` and ``id`` value becomes an opaque token (the same value gets the same
token, so recurring blocks still recur), and/or HTML5's semantic elements (``article``, ``header``, ``time``...)
become ``div``. Text, structure, meta tags and JSON-LD are kept. The pages are scored as ``congdoan evaluate
--real`` scores them; the gap to the unchanged pages is what an unseen template would cost.

Dateline and byline probes (they read the page's gold to find its dateline, byline and paragraphs): ``nomachine``
takes away meta tags, JSON-LD, ``itemprop`` and ``<time datetime>``; ``below`` does that and moves the printed
dateline under the story's last paragraph, where some templates print it; ``weekday-over`` prints the day alone
with its weekday right over the headline instead; ``headline-br`` and ``headline-label`` break the headline's
element with a ``<br>`` or print a label before it; ``byline-end`` and ``byline-top`` move the printed byline under
the last paragraph or over the first; ``classes+...`` makes the names opaque too.

Only the dev half is read (the test half is scored by ``congdoan evaluate --real``, never probed).
Usage: ``python bench/blind_probe.py [--probe same|classes|nomachine|below|byline-top ...] [-v]``.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from lxml import html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # when run as a script

from pipelines.evaluate import GoldPage, Tally, load_real_pages, run_ours, score_page  # noqa: E402
from pipelines.extract.dates import VN_TZ, find_dates  # noqa: E402
from pipelines.extract.decode import decode_html  # noqa: E402
from pipelines.extract.lines import normalize_line  # noqa: E402

#: The day the probe reads dates as of (dates later than this are not dates).
NOW = datetime.now(VN_TZ)

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


def without_machine_dates(body: bytes) -> bytes:
    """The page without what machines read dates and bylines from: meta tags, JSON-LD, ``itemprop``, ``<time
    datetime>`` (a page saved without its head, a template that fills them with a draft's time)."""
    tree = html.fromstring(decode_html(body).text)
    for element in tree.xpath("//meta|//script[@type='application/ld+json']"):
        element.drop_tree()
    for element in tree.xpath("//*[@itemprop]"):
        del element.attrib["itemprop"]
    for element in tree.xpath("//time[@datetime]"):
        del element.attrib["datetime"]
    return html.tostring(tree, encoding="unicode").encode("utf-8")


def _dateline_box(tree: html.HtmlElement, day: str) -> html.HtmlElement | None:
    """The outermost short block (120 characters at most) that prints the story's day ``day`` (ISO)."""
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in {"html", "body", "head", "title", "script", "style"}:
            continue
        text = normalize_line(element.text_content())
        if text and len(text) <= 120 and any(d.value.date().isoformat() == day for d in find_dates(text, NOW)):
            return element
    return None


def _last_paragraph(tree: html.HtmlElement, paragraphs: list[str]) -> html.HtmlElement | None:
    """The innermost element holding the gold's last paragraph long enough to be found (its first 40 chars)."""
    for paragraph in reversed(paragraphs):
        key = normalize_line(paragraph)[:40]
        if len(key) < 15:
            continue
        found = None
        for element in tree.iter():
            if isinstance(element.tag, str) and element.tag not in {"html", "body"}:
                text = normalize_line(element.text_content())
                if key in text and len(text) < 1.5 * len(normalize_line(paragraph)) + 50:
                    found = element  # document order: the last hit is the innermost
        if found is not None:
            return found
    return None


def _moved(tree: html.HtmlElement, box: html.HtmlElement | None, anchor: html.HtmlElement | None, *,
           after: bool) -> bytes | None:
    """The page with ``box`` moved right after (or before) ``anchor``, its tail text left in place; None when
    either is missing or one holds the other."""
    if box is None or anchor is None or box in set(anchor.iterancestors()) or anchor in set(box.iterancestors()):
        return None
    moved = copy.deepcopy(box)
    moved.tail = None
    box.drop_tree()
    (anchor.addnext if after else anchor.addprevious)(moved)
    return html.tostring(tree, encoding="unicode").encode("utf-8")


def dateline_below(page: GoldPage) -> bytes:
    """The ``below`` probe: the page without machine-read dates (:func:`without_machine_dates`), its printed
    dateline (the box printing the gold's day) moved under the story's last paragraph, as templates that print
    the date after the text serve it. Pages without a gold date, or whose dateline holds the story, are only
    stripped."""
    body = without_machine_dates(page.body)
    gold = page.gold
    if not page.is_article or not gold.get("published_at"):
        return body
    tree = html.fromstring(decode_html(body).text)
    box = _dateline_box(tree, gold["published_at"][:10])
    last = _last_paragraph(tree, gold.get("paragraphs") or [])
    return _moved(tree, box, last, after=True) or body


_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def _headline_element(tree: html.HtmlElement, title: str) -> html.HtmlElement | None:
    """The innermost element whose whole text is the gold's headline."""
    key = normalize_line(title)
    found = None
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag not in {"html", "body", "head", "title"} and \
                normalize_line(element.text_content()) == key:
            found = element
    return found


def dateline_over_headline(page: GoldPage) -> bytes:
    """The ``weekday-over`` probe: the page without machine-read dates, its printed dateline replaced by the day
    alone with its weekday ("Thứ Sáu, 19/04/2024", no time) in a bar right over the headline, as some templates
    print it."""
    body = without_machine_dates(page.body)
    gold = page.gold
    if not page.is_article or not gold.get("published_at") or not gold.get("title"):
        return body
    tree = html.fromstring(decode_html(body).text)
    box = _dateline_box(tree, gold["published_at"][:10])
    headline = _headline_element(tree, gold["title"])
    if box is None or headline is None or box in set(headline.iterancestors()) or box is headline:
        return body
    day = datetime.fromisoformat(gold["published_at"])
    box.drop_tree()
    headline.addprevious(html.fromstring(f"<div>{_WEEKDAYS[day.weekday()]}, {day:%d/%m/%Y}</div>"))
    return html.tostring(tree, encoding="unicode").encode("utf-8")


def headline_reset(page: GoldPage, *, label: bool) -> bytes:
    """The ``headline-br`` / ``headline-label`` probes: the headline's element (its text alone, no children)
    broken over two lines by a ``<br>``, or printing a label first ("[Video] "), as templates set long or tagged
    headlines; its ``<title>`` and meta tags keep the headline."""
    body = PROBES["same"](page.body)
    gold = page.gold
    if not page.is_article or not gold.get("title"):
        return body
    tree = html.fromstring(decode_html(body).text)
    headline = _headline_element(tree, gold["title"])
    words = (headline.text or "").split() if headline is not None and not len(headline) else []
    if len(words) < 5:
        return body
    if label:
        headline.text = "[Video] " + " ".join(words)
    else:
        headline.text = " ".join(words[:len(words) // 2])
        headline.append(html.fromstring("<br>"))
        headline[-1].tail = " ".join(words[len(words) // 2:])
    return html.tostring(tree, encoding="unicode").encode("utf-8")


def _byline_box(tree: html.HtmlElement, author: str) -> html.HtmlElement | None:
    """The outermost short block (80 characters at most) that prints the story's author ``author``."""
    key = normalize_line(author).casefold()
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in {"html", "body", "head", "title", "script", "style"}:
            continue
        text = normalize_line(element.text_content())
        if text and len(text) <= 80 and key in text.casefold():
            return element
    return None


def byline_moved(page: GoldPage, *, to_end: bool) -> bytes:
    """The ``byline-end`` / ``byline-top`` probes: the page without machine-read bylines and dates
    (:func:`without_machine_dates`), its printed byline (the box printing the gold's author) moved under the
    story's last paragraph, or to the top of the story (before its first paragraph)."""
    body = without_machine_dates(page.body)
    gold = page.gold
    if not page.is_article or not gold.get("author"):
        return body
    tree = html.fromstring(decode_html(body).text)
    box = _byline_box(tree, gold["author"])
    paragraphs = gold.get("paragraphs") or []
    anchor = _last_paragraph(tree, paragraphs) if to_end else _first_paragraph(tree, paragraphs)
    return _moved(tree, box, anchor, after=to_end) or body


def _first_paragraph(tree: html.HtmlElement, paragraphs: list[str]) -> html.HtmlElement | None:
    """The innermost element holding the gold's first paragraph long enough to be found."""
    for paragraph in paragraphs:
        if len(normalize_line(paragraph)[:40]) >= 15:
            return _last_paragraph(tree, [paragraph])
    return None


#: Probes that read the page's gold (where its dateline and last paragraph are), page -> rewritten bytes.
PAGE_PROBES: dict[str, Callable[[GoldPage], bytes]] = {
    "nomachine": lambda page: without_machine_dates(page.body),
    "below": dateline_below,
    "classes+below": lambda page: PROBES["classes"](dateline_below(page)),
    "weekday-over": dateline_over_headline,
    "headline-br": lambda page: headline_reset(page, label=False),
    "headline-label": lambda page: headline_reset(page, label=True),
    "byline-end": lambda page: byline_moved(page, to_end=True),
    "byline-top": lambda page: byline_moved(page, to_end=False),
    "classes+byline-end": lambda page: PROBES["classes"](byline_moved(page, to_end=True)),
    "classes+byline-top": lambda page: PROBES["classes"](byline_moved(page, to_end=False)),
}


def probe(pages: list[GoldPage], rewrite: Callable[[bytes], bytes]) -> dict:
    """Scores of our extractor on ``pages`` rewritten by ``rewrite`` (``Tally.summary``'s dict)."""
    return probe_pages(pages, lambda page: rewrite(page.body))


def probe_pages(pages: list[GoldPage], rewrite: Callable[[GoldPage], bytes]) -> dict:
    """:func:`probe` with a rewrite that reads the whole page (its gold too): :data:`PAGE_PROBES`."""
    tally = Tally()
    for page in pages:
        score_page(tally, page, run_ours(rewrite(page), page.url, None), f"{page.site}:{page.path}")
    return tally.summary()


ROWS = ("body_f1", "leaked_chrome", "title_right", "time_right", "author_right", "lead_right", "category_right",
        "non_articles_stored", "articles_missed", "page_type_uncertain")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probe", nargs="*", choices=sorted([*PROBES, *PAGE_PROBES]), default=list(PROBES))
    parser.add_argument("-v", "--verbose", action="store_true", help="name the dev pages each probe gets wrong")
    args = parser.parse_args(argv)
    pages = load_real_pages(halves=("dev",))
    results = {name: probe(pages, PROBES[name]) if name in PROBES else probe_pages(pages, PAGE_PROBES[name])
               for name in args.probe}
    print(f"{'dev pages (' + str(len(pages)) + ')':<22}" + "".join(f"{name:>16}" for name in results))
    for row in ROWS:
        values = [s[row] if not isinstance(s[row], list) else len(s[row]) for s in results.values()]
        print(f"{row:<22}" + "".join(f"{v:>16.3f}" if isinstance(v, float) else f"{v:>16}" for v in values))
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
