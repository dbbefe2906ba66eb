"""Unlabelled-page harness for chrome left in ``text`` (issue 14): runs the generic extractor (no site profile)
over the story pages of whole-site mirrors of dev sites and of sites in neither half of the real pages, and of
the dev half's saved pages, and flags the lines of ``text`` that are likely chrome without gold:

* ``recurs``: a line that is in the text of many stories of the same site (the site's template: generic rules
  should catch it when they see one page, the crawl-scale profiles only catch what recurs);
* ``link``: a line that the DOM holds mostly as link text (a menu entry, a related story's headline);
* ``edge_menu``: a short line without sentence punctuation among the first two or last three lines;
* one kind per widget vocabulary: share/print/comment/rating tools, related-news blocks, tag lists,
  copyright/address/contact footers, image credits and file downloads, counters, polls and weather,
  newsletter/login forms, advertisements.

Not run by tests; reads fetched snapshots (bare git directories under ``/work/.mirror``) with one
``git cat-file --batch`` a site. The test half's sites and their mirrors are never listed here
(``HowRYouBoy/TanThanh1`` is c2tanthanh.vinhlong.edu.vn, test; ``ewh-support/vnexpress-1.cqicomvn``, a one-page
site named after a test site, is left out too). Usage:
``python bench/chrome_harness.py [--samples N] [--kind KIND] [--per-site N] [--no-dev] [--json OUT]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lxml import html as lxml_html  # noqa: E402
from metadata_harness import MIRRORS  # noqa: E402  (bench/ is the script's folder)
from metadata_harness import SOURCES as METADATA_SOURCES  # noqa: E402
from metadata_harness import pages as mirror_pages  # noqa: E402

from congdoan_data import DATA_ROOT  # noqa: E402
from pipelines.extract.normalize import fold, normalize_line  # noqa: E402
from pipelines.extract.page import extract_page  # noqa: E402

#: repo (owner+name) -> (host, path prefix inside the repo): the metadata harness's dev and neither-half mirrors,
#: less a one-page site named after a test site and a mirror with no story pages.
_LEFT_OUT = {"ewh-support+vnexpress-1.cqicomvn", "nguyennydfadfs+tranngbao24"}
SOURCES: dict[str, tuple[str, str]] = {name: source for name, source in METADATA_SOURCES.items()
                                       if name not in _LEFT_OUT}

_SKIP = re.compile(r"3rdparty|/feed/|/page/\d|^404|attachment|/author/|/tag/|/category/|index[0-9a-f]{4}\.html$|"
                   r"/App/|/api/|\.js\.html$|\.css\.html$|/css/|/amp/|Publishing", re.I)
PER_SITE = 60
#: a line in the text of at least this share of a site's stories (and of 3 or more) is the site's template
RECUR_SHARE = 0.3

#: Widget vocabulary: kind -> pattern on a folded line (``fold`` drops diacritics and case).
KINDS: dict[str, re.Pattern[str]] = {k: re.compile(v) for k, v in {
    "share_print_comment": r"^(?:chia se|in bai|ban in|in trang|gui email|gui bai|binh luan|y kien ban doc|"
                           r"gui y kien|danh gia|bai viet hay|thich|tweet|share|print|like|ve dau trang|"
                           r"len dau trang|back to top|quay lai|tro ve|copy link|luu bai)\b",
    "related_block": r"^(?:(?:cac |nhung )?(?:tin|bai|bai viet|tin bai)(?: khac| lien quan| cung chuyen muc|"
                     r" moi| da dua| cu hon| moi hon| doc nhieu| xem nhieu| noi bat)|xem them|doc them|"
                     r"co the ban quan tam|ban co the quan tam|>>|»)",
    "tags": r"^(?:tu khoa|tags?|the|keywords?|chu de)\s*:",
    "footer_contact": r"^(?:©|copyright|ban quyen|dia chi\s*:|dien thoai\s*:|dt\s*:|fax\s*:|email\s*:|"
                      r"chiu trach nhiem|giay phep|hotline|website\s*:|tru so)",
    "image_file": r"^(?:anh|hinh|nguon anh|anh minh hoa|photo)\s*:|\.(?:pdf|docx?|xlsx?|rar|zip)$|"
                  r"^(?:tai ve|download|file dinh kem|tep dinh kem|tai lieu dinh kem)",
    "counter": r"^(?:so )?(?:luot xem|luot doc|luot truy cap|so lan doc|so lan xem|da xem|"
               r"dang (?:online|truy cap)|hom nay|hom qua|tong (?:so )?(?:luot )?truy cap|views?\b)",
    "poll_weather": r"^(?:tham do|binh chon|thoi tiet|ty gia|ti gia|gia vang)",
    "form_login": r"^(?:dang nhap|dang ky|quen mat khau|ten dang nhap|mat khau|nhan ban tin|subscribe|"
                  r"tim kiem|search)\b",
    "advert": r"^(?:quang cao|advertisement|tai tro|lien he quang cao)\b",
}.items()}
_SENTENCE_END = re.compile(r"[.!?…:;]$")


def dev_pages() -> dict[str, list[tuple[str, bytes]]]:
    """The dev half's saved pages by host (their gold is not read, only their address)."""
    sites: dict[str, list[tuple[str, bytes]]] = defaultdict(list)
    for gold in sorted((DATA_ROOT / "real_pages" / "dev").glob("*.json")):
        url = json.loads(gold.read_text())["url"]
        host = re.sub(r"^https?://(?:www\.)?([^/]+).*$", r"\1", url)
        sites[f"dev:{host}"].append((url, gold.with_suffix(".html").read_bytes()))
    return sites


def link_texts(body: bytes) -> set[str]:
    """Folded texts of the page's links (an ``<a>``'s whole text)."""
    try:
        tree = lxml_html.fromstring(body.decode("utf-8", "replace"))
    except (ValueError, lxml_html.etree.ParserError):
        return set()
    return {fold(normalize_line(a.text_content())) for a in tree.iter("a") if normalize_line(a.text_content())}


def flag_lines(lines: list[str], links: set[str], recurring: set[str]) -> list[tuple[str, str]]:
    """(kind, line) for each line of one story's text that looks like chrome."""
    out = []
    for i, line in enumerate(lines):
        key = fold(line)
        kinds = [kind for kind, pattern in KINDS.items() if len(line) <= 120 and pattern.search(key)]
        if key in recurring:
            kinds.append("recurs")
        if len(key) >= 4 and key in links:
            kinds.append("link")
        if (i < 2 or i >= len(lines) - 3) and len(line) <= 40 and not _SENTENCE_END.search(line) \
                and len(lines) > 5:
            kinds.append("edge_menu")
        out.extend((kind, line) for kind in kinds)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=4)
    parser.add_argument("--kind", default=None)
    parser.add_argument("--per-site", type=int, default=PER_SITE)
    parser.add_argument("--no-dev", action="store_true", help="leave out the dev half's saved pages")
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    sites: dict[str, list[tuple[str, bytes]]] = {}
    for name in SOURCES:
        if (MIRRORS / name / "repo").exists():
            sites[name] = mirror_pages(name, args.per_site, _SKIP)
        else:
            print(f"missing {name}", file=sys.stderr)
    if not args.no_dev:
        sites.update(dev_pages())
    counts: Counter[str] = Counter()
    pages_with: Counter[str] = Counter()
    samples: dict[str, list[str]] = defaultdict(list)
    rows = []
    articles = 0
    for site, pages in sites.items():
        records = []
        for url, body in pages:
            try:
                rec = extract_page(body, url)
            except Exception as error:  # noqa: BLE001 - a harness reports and goes on
                print(f"{url}: {error!r}", file=sys.stderr)
                continue
            if rec["page_type"] == "article" and rec["text"]:
                records.append((url, body, [line for line in rec["text"].split("\n") if line.strip()]))
        per_line = Counter(key for _, _, lines in records for key in {fold(line) for line in lines})
        recurring = {key for key, n in per_line.items()
                     if n >= 3 and n >= RECUR_SHARE * len(records) and len(records) >= 5}
        site_flags = Counter()
        for url, body, lines in records:
            articles += 1
            flags = flag_lines(lines, link_texts(body), recurring)
            for kind in {kind for kind, _ in flags}:
                pages_with[kind] += 1
            for kind, line in flags:
                counts[kind] += 1
                site_flags[kind] += 1
                samples[kind].append(f"{site} {url}\n      {line[:150]}")
            rows.append({"site": site, "url": url, "flags": flags})
        print(f"{site}: {len(pages)} pages, {len(records)} stories, {dict(site_flags)}", file=sys.stderr)
    print(f"sites {len(sites)}, stories {articles}")
    print(f"{'kind':<22}{'lines':>7}{'stories':>9}")
    for kind, n in counts.most_common():
        print(f"{kind:<22}{n:>7}{pages_with[kind]:>9}")
    for kind, lines in sorted(samples.items()):
        if args.kind and kind != args.kind:
            continue
        print(f"\n== {kind}")
        seen: set[str] = set()
        shown = 0
        for line in lines:
            text = line.split("\n      ", 1)[1]
            if text in seen:
                continue
            seen.add(text)
            print("  " + line)
            shown += 1
            if shown >= args.samples:
                break
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
