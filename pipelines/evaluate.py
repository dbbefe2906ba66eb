"""Extraction evaluation: our extractor against plain trafilatura 2.3.1 on the same pages.

Two page sets:

Every data set lives in the ``congdoan_data`` package (shipped in the wheel; ``tests/`` links to it):

* the sample sites' gold set (``sample_sites``): every page that has a gold JSON, read from disk with
  the content type its ``routes.json`` declares (so the charset header counts), scored per markup variant
  ("a": rules were written against it; "b": held out) and overall;
* with ``aeb=True``, the Zyte article-extraction benchmark (``aeb``: 181 real, mostly English news pages
  with their ``articleBody``).

Metrics (all on the gold *article* pages unless said otherwise):

* **body precision / recall / F1** over word tokens: text NFC-normalised and casefolded, tokens are runs of
  Unicode word characters, compared as bags of words (multiset intersection). Scores are computed per page
  and **macro-averaged** (the mean over pages), as the AEB whitepaper does. A page where the extractor
  returns nothing scores 0 (precision 0, recall 0, F1 0); a page whose gold body is empty is skipped.
* **leaked chrome**: pages whose text contains any of the gold ``must_not_contain`` strings (exact,
  case-sensitive substring after NFC: words such as "chia sẻ" are also ordinary Vietnamese).
* **title right**: exact match after whitespace normalisation (NFC, runs of spaces folded, ends stripped).
* **date right**: same calendar day in Vietnam time; **time right**: same minute. A ``date_only`` gold page
  counts as time-right when the extractor returns that day with no time (ours: 00:00 and the ``date_only``
  flag; trafilatura: a date without time).
* **author right**: exact match (after whitespace normalisation); gold None is right only when None is
  returned. **category right** and **lead right** (reported, no target): same category name ignoring
  case, counted over the articles whose gold has a ``category`` key (a gold None is right only when none
  is returned); same sapo after whitespace normalisation (None when the page marks none).
* **non-articles stored**: listing and other gold pages that the extractor labels ``article`` (plain
  trafilatura has no page type: every page it returns text for counts as an article).
  **articles missed**: article gold pages labelled listing or other.
* **not NFC**: article pages whose text is not in Unicode NFC.

Plain trafilatura is ``bare_extraction`` (comments off, no deduplication, metadata on, dates with time) on
the page bytes, or on the text decoded with the HTTP charset when the header names one. On the AEB pages,
``trafilatura.extract`` (comments off) against our ``extract_page(...)["text"]``. Our convention that photo
captions are body text is applied to Vietnamese pages only; the AEB ground truth leaves captions out.

``check_floors(scores, floors)`` compares the scores with the floors pinned in ``eval_floors.json``.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

import trafilatura

from congdoan_data import DATA_ROOT
from pipelines.extract import extract_page
from pipelines.extract.dates import VN_TZ
from pipelines.extract.normalize import normalize_line
from pipelines.profile import SiteProfile, learn_profiles

SAMPLE_ROOT = DATA_ROOT / "sample_sites"
AEB_ROOT = DATA_ROOT / "aeb"
REAL_ROOT = DATA_ROOT / "real_pages"
REAL_HALVES = ("dev", "test")
#: Crawl-scale site profiles (``<site>.json``), learnt from whole-site mirrors by ``bench/learn_real_profiles.py``.
CRAWL_PROFILES = REAL_ROOT / "profiles"
FLOORS_PATH = DATA_ROOT / "eval_floors.json"
EXTRACTORS = ("ours", "trafilatura")


# ---------------------------------------------------------------------------------------------- scoring


def tokens(text: str | None) -> Counter[str]:
    """Bag of word tokens: NFC, casefold, runs of Unicode word characters."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    return Counter("".join(ch if ch.isalnum() or ch == "_" else " " for ch in text).split())


def body_scores(predicted: str | None, gold: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of ``predicted`` against ``gold`` over bags of word tokens."""
    pred, ref = tokens(predicted), tokens(gold)
    if not pred or not ref:
        return 0.0, 0.0, 0.0
    common = sum((pred & ref).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(pred.values()), common / sum(ref.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def _norm(text: str | None) -> str:
    return normalize_line(text or "")


@dataclass
class Prediction:
    """What one extractor said about one page."""

    text: str = ""
    title: str | None = None
    author: str | None = None
    category: str | None = None
    lead: str | None = None
    published_at: datetime | None = None
    has_time: bool = False
    page_type: str = "other"
    uncertain: bool = False


@dataclass
class GoldPage:
    """One labelled page and its bytes."""

    site: str
    path: str
    url: str
    body: bytes
    content_type: str | None
    gold: dict[str, Any]

    @property
    def variant(self) -> str:
        return str(self.gold.get("variant") or "?")

    @property
    def is_article(self) -> bool:
        return self.gold.get("page_type") == "article"


@dataclass
class Tally:
    """Running totals of one extractor on one group of pages."""

    articles: int = 0
    non_articles: int = 0
    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    f1: list[float] = field(default_factory=list)
    leaked: list[str] = field(default_factory=list)
    title_wrong: list[str] = field(default_factory=list)
    date_wrong: list[str] = field(default_factory=list)
    date_missed: list[str] = field(default_factory=list)  # the page shows a date, the extractor gave none
    date_spurious: list[str] = field(default_factory=list)  # the page shows none, the extractor gave one
    time_wrong: list[str] = field(default_factory=list)
    author_wrong: list[str] = field(default_factory=list)
    author_missed: list[str] = field(default_factory=list)  # the page names an author, the extractor gave none
    author_spurious: list[str] = field(default_factory=list)  # the page names none, the extractor gave one
    category_scored: int = 0  # articles whose gold has a ``category`` key
    category_wrong: list[str] = field(default_factory=list)
    lead_wrong: list[str] = field(default_factory=list)
    non_articles_stored: list[str] = field(default_factory=list)
    non_articles_uncertain: list[str] = field(default_factory=list)  # stored, but flagged page_type_uncertain
    articles_missed: list[str] = field(default_factory=list)
    not_nfc: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        """Scores as plain numbers, plus the page names behind each count."""
        def mean(values: list[float]) -> float:
            return round(sum(values) / len(values), 4) if values else 0.0

        return {
            "articles": self.articles, "non_articles": self.non_articles,
            "body_precision": mean(self.precision), "body_recall": mean(self.recall), "body_f1": mean(self.f1),
            "leaked_chrome": len(self.leaked), "title_right": self.articles - len(self.title_wrong),
            "date_right": self.articles - len(self.date_wrong), "time_right": self.articles - len(self.time_wrong),
            "date_missed": len(self.date_missed), "date_spurious": len(self.date_spurious),
            "author_missed": len(self.author_missed), "author_spurious": len(self.author_spurious),
            "author_right": self.articles - len(self.author_wrong),
            "category_right": self.category_scored - len(self.category_wrong),
            "category_scored": self.category_scored,
            "lead_right": self.articles - len(self.lead_wrong),
            "non_articles_stored": len(self.non_articles_stored),
            "non_articles_uncertain": len(self.non_articles_uncertain),
            "articles_missed": len(self.articles_missed),
            "articles_uncertain": len(self.uncertain) - len(self.non_articles_uncertain),
            "not_nfc": len(self.not_nfc), "page_type_uncertain": len(self.uncertain),
            "ms_per_page": round(1000 * self.seconds / max(1, self.articles + self.non_articles), 1),
            "pages": {"leaked_chrome": self.leaked, "title_wrong": self.title_wrong, "date_wrong": self.date_wrong,
                      "date_missed": self.date_missed, "date_spurious": self.date_spurious,
                      "author_missed": self.author_missed, "author_spurious": self.author_spurious,
                      "time_wrong": self.time_wrong, "author_wrong": self.author_wrong,
                      "category_wrong": self.category_wrong, "lead_wrong": self.lead_wrong,
                      "non_articles_stored": self.non_articles_stored,
                      "non_articles_uncertain": self.non_articles_uncertain,
                      "articles_missed": self.articles_missed,
                      "not_nfc": self.not_nfc, "page_type_uncertain": self.uncertain},
        }


def score_page(tally: Tally, page: GoldPage, predicted: Prediction, name: str) -> None:
    """Add one page's outcome to ``tally``."""
    gold = page.gold
    if predicted.uncertain:
        tally.uncertain.append(name)
    if not page.is_article:
        tally.non_articles += 1
        if predicted.page_type == "article":
            tally.non_articles_stored.append(name)
            if predicted.uncertain:
                tally.non_articles_uncertain.append(name)
        return
    tally.articles += 1
    lost = predicted.page_type != "article"
    if lost:
        tally.articles_missed.append(name)
    reference = "\n".join(gold.get("paragraphs") or [])
    if reference.strip():
        # An article that page typing drops never reaches the corpus: it scores 0.
        precision, recall, f1 = body_scores("" if lost else predicted.text, reference)
        tally.precision.append(precision)
        tally.recall.append(recall)
        tally.f1.append(f1)
    text = unicodedata.normalize("NFC", predicted.text or "")
    if any(s and unicodedata.normalize("NFC", s) in text for s in gold.get("must_not_contain") or []):
        tally.leaked.append(name)
    if predicted.text and not unicodedata.is_normalized("NFC", predicted.text):
        tally.not_nfc.append(name)
    if _norm(predicted.title) != _norm(gold.get("title")):
        tally.title_wrong.append(name)
    gold_author = gold.get("author")
    if _norm(predicted.author) != _norm(gold_author) or (predicted.author is None) != (gold_author is None):
        tally.author_wrong.append(name)
        if (predicted.author is None) != (gold_author is None):
            (tally.author_missed if predicted.author is None else tally.author_spurious).append(name)
    if "category" in gold:  # scored only where the gold labels it (a missing label is not a None label)
        tally.category_scored += 1
        if _norm(predicted.category).casefold() != _norm(gold["category"]).casefold():
            tally.category_wrong.append(name)
    if _norm(predicted.lead) != _norm(gold.get("lead")):
        tally.lead_wrong.append(name)
    expected = datetime.fromisoformat(gold["published_at"]).astimezone(VN_TZ) if gold.get("published_at") else None
    got = predicted.published_at.astimezone(VN_TZ) if predicted.published_at else None
    if expected is None or got is None:
        if expected != got:
            (tally.date_missed if got is None else tally.date_spurious).append(name)
            tally.date_wrong.append(name)
            tally.time_wrong.append(name)
        return
    if got.date() != expected.date():
        tally.date_wrong.append(name)
        tally.time_wrong.append(name)
        return
    if gold.get("date_only"):
        if predicted.has_time:
            tally.time_wrong.append(name)
    elif not predicted.has_time or got.replace(second=0, microsecond=0) != expected.replace(second=0,
                                                                                          microsecond=0):
        tally.time_wrong.append(name)


# ---------------------------------------------------------------------------------------------- extractors


def run_ours(body: bytes, url: str, content_type: str | None, profile: SiteProfile | None = None) -> Prediction:
    """Our extractor's answer for one page (with the site's profile when given)."""
    page = extract_page(body, url, content_type=content_type, profile=profile)
    return Prediction(text=page["text"], title=page["title"] or None, author=page["author"],
                      category=page["category"], lead=page["lead"], published_at=page["published_at"],
                      has_time="date_only" not in page["quality_flags"], page_type=page["page_type"],
                      uncertain="page_type_uncertain" in page["quality_flags"])


def run_trafilatura(body: bytes, url: str, content_type: str | None) -> Prediction:
    """Plain trafilatura 2.3.1 (comments off, no deduplication, dates with time when it finds one)."""
    html = _decode_like_browsers(body, content_type)
    try:
        result = trafilatura.bare_extraction(
            html, url=url, include_comments=False, with_metadata=True, deduplicate=False,
            date_extraction_params={"outputformat": "%Y-%m-%dT%H:%M:%S%z", "extensive_search": True,
                                    "original_date": True},
        )
        document = result.as_dict() if result is not None else None
    except Exception:  # noqa: BLE001 - a crash is scored as an empty answer
        document = None
    if not document or not document.get("text"):
        return Prediction()
    published, has_time = None, False
    raw_date = document.get("date")
    if raw_date:
        try:
            value = datetime.fromisoformat(raw_date)
        except ValueError:
            value = None
        if value is not None:
            has_time = "T" in raw_date and not raw_date.endswith("T00:00:00")
            published = value.replace(tzinfo=VN_TZ) if value.tzinfo is None else value.astimezone(VN_TZ)
    categories = document.get("categories") or []
    return Prediction(text=document.get("text") or "", title=document.get("title"), author=document.get("author"),
                      category=categories[0] if categories else None, published_at=published, has_time=has_time,
                      page_type="article")


def _decode_like_browsers(body: bytes, content_type: str | None) -> str | bytes:
    """Hand trafilatura bytes, except when the HTTP header names a charset its sniffing cannot see."""
    if content_type and "charset=" in content_type.lower():
        charset = content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'")
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            return body
    return body


RUNNERS = {"ours": run_ours, "trafilatura": run_trafilatura}


# ---------------------------------------------------------------------------------------------- page sets


def load_gold_pages(pages_root: Path | None = None) -> list[GoldPage]:
    """Every gold-labelled page of the sample sites with its bytes and served content type."""
    root = Path(pages_root) if pages_root else SAMPLE_ROOT
    pages: list[GoldPage] = []
    sites = root / "sites"
    for port, gold_dir in enumerate(sorted(p for p in (root / "gold").iterdir() if p.is_dir()), start=18000):
        slug = gold_dir.name
        routes = json.loads((sites / slug / "routes.json").read_text(encoding="utf-8"))
        for gold_file in sorted(gold_dir.glob("*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            route = routes.get(gold["path"])
            if not route or not route.get("file") or int(route.get("status", 200)) != 200:
                continue
            body = (sites / slug / route["file"]).read_bytes()
            pages.append(GoldPage(site=slug, path=gold["path"], url=f"http://127.0.0.1:{port}{gold['path']}",
                                  body=body, content_type=route.get("content_type"), gold=gold))
    return pages


def load_real_pages(root: Path | None = None, halves: tuple[str, ...] = REAL_HALVES) -> list[GoldPage]:
    """The hand-labelled real pages (``tests/real_pages/{dev,test}/NAME.html`` + ``NAME.json``).

    The half ("dev" or "test") is the page's group; the sapo counts as the first paragraph of the body
    (our convention: it is the first line of ``text``); ``forbidden`` strings are the chrome that must not leak."""
    base = Path(root) if root else REAL_ROOT
    pages: list[GoldPage] = []
    for half in halves:
        for gold_file in sorted((base / half).glob("*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            paragraphs = list(gold.get("paragraphs") or [])
            lead = gold.get("lead")
            if lead and (not paragraphs or _norm(paragraphs[0]) != _norm(lead)):
                paragraphs.insert(0, lead)
            scored = dict(gold, variant=half, paragraphs=paragraphs, must_not_contain=gold.get("forbidden") or [])
            body = gold_file.with_suffix(".html").read_bytes()
            pages.append(GoldPage(site=site_of(gold["url"]), path=gold_file.stem, url=gold["url"], body=body,
                                  content_type=gold.get("content_type"), gold=scored))
    return pages


def real_page_profiles(pages: list[GoldPage]) -> dict[str, SiteProfile]:
    """The profile a crawl would learn from each site's pages: their bodies and the page types our generic
    rules give them (never the gold labels)."""
    observed = []
    for page in pages:
        page_type = extract_page(page.body, page.url, content_type=page.content_type)["page_type"]
        observed.append((page.site, page.body, page.url, page_type))
    return learn_profiles(observed)


def load_crawl_profiles(folder: Path | None = None) -> dict[str, SiteProfile]:
    """The stored crawl-scale profiles, by site (an unreadable file is skipped: that site falls back)."""
    profiles: dict[str, SiteProfile] = {}
    for path in sorted(Path(folder or CRAWL_PROFILES).glob("*.json")):
        try:
            profile = SiteProfile.from_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        profiles[profile.site] = profile
    return profiles


def site_of(url: str) -> str:
    """A page's site for the by-site split: its host without ``www.``."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def evaluate_pages(pages: Iterable[GoldPage], profiles: dict[str, SiteProfile] | None = None,
                   crawl_profiles: dict[str, SiteProfile] | None = None) -> dict[str, dict[str, dict[str, Any]]]:
    """Scores of each extractor on ``pages``, per variant and overall; with ``profiles`` (site -> profile)
    also ``ours+profile``: our extractor given the page's site profile; with ``crawl_profiles`` also
    ``ours+crawl``: given the site's crawl-scale profile where one is stored, else its ``profiles`` entry."""
    runners = dict(RUNNERS)
    if profiles is not None:
        runners["ours+profile"] = lambda body, url, ct: run_ours(body, url, ct, profiles.get(site_of(url)))
    if crawl_profiles is not None:
        fallback = profiles or {}
        runners["ours+crawl"] = lambda body, url, ct: run_ours(
            body, url, ct, crawl_profiles.get(site_of(url)) or fallback.get(site_of(url)))
    tallies: dict[str, dict[str, Tally]] = {name: {} for name in runners}
    for page in pages:
        name = f"{page.site}:{page.path}"
        for extractor, run in runners.items():
            start = time.perf_counter()
            predicted = run(page.body, page.url, page.content_type)
            elapsed = time.perf_counter() - start
            for group in (page.variant, "all"):
                tally = tallies[extractor].setdefault(group, Tally())
                tally.seconds += elapsed
                score_page(tally, page, predicted, name)
    return {extractor: {group: t.summary() for group, t in sorted(groups.items())}
            for extractor, groups in tallies.items()}


def evaluate_aeb(aeb_root: Path | None = None) -> dict[str, dict[str, Any]]:
    """Body precision/recall/F1 (macro) of both extractors on the Zyte article-extraction benchmark."""
    root = Path(aeb_root) if aeb_root else AEB_ROOT
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    results: dict[str, dict[str, Any]] = {}
    for extractor in EXTRACTORS:
        precision, recall, f1, seconds = [], [], [], 0.0
        for item_id, item in sorted(truth.items()):
            body = gzip.decompress((root / "html" / f"{item_id}.html.gz").read_bytes())
            start = time.perf_counter()
            if extractor == "ours":
                text = extract_page(body, item.get("url") or "http://example.invalid/")["text"]
            else:
                text = trafilatura.extract(body, url=item.get("url"), include_comments=False,
                                           deduplicate=False) or ""
            seconds += time.perf_counter() - start
            p, r, f = body_scores(text, item["articleBody"])
            precision.append(p)
            recall.append(r)
            f1.append(f)
        count = len(f1)
        results[extractor] = {"pages": count, "body_precision": round(sum(precision) / count, 4),
                              "body_recall": round(sum(recall) / count, 4), "body_f1": round(sum(f1) / count, 4),
                              "ms_per_page": round(1000 * seconds / count, 1)}
    return results


# ---------------------------------------------------------------------------------------------- report

_ROWS = (
    ("body_precision", "body precision", "{:.3f}"), ("body_recall", "body recall", "{:.3f}"),
    ("body_f1", "body F1 (macro)", "{:.3f}"), ("leaked_chrome", "pages with leaked chrome", "{}"),
    ("title_right", "title right", "{}"), ("date_right", "date right (same day)", "{}"),
    ("time_right", "time right (same minute)", "{}"), ("author_right", "author right", "{}"),
    ("category_right", "category right (not a target)", "{}"), ("lead_right", "lead right (not a target)", "{}"),
    ("non_articles_stored", "listing/other called article", "{}"),
    ("non_articles_uncertain", "  of which flagged uncertain", "{}"),
    ("articles_missed", "articles called listing/other", "{}"),
    ("not_nfc", "pages not NFC", "{}"), ("ms_per_page", "ms per page", "{}"),
)


_LABELS = {"ours": "ours", "trafilatura": "plain", "ours+profile": "+prof", "ours+crawl": "+crawl"}


def format_table(scores: dict[str, dict[str, dict[str, Any]]]) -> str:
    """Side-by-side table: one column per extractor and variant."""
    groups = [g for g in scores["ours"] if g != "all"] + ["all"]
    columns = [(extractor, group) for group in groups for extractor in scores]
    header = ["metric"] + [f"{_LABELS.get(e, e)} {g}" for e, g in columns]
    rows = [header, ["articles / other pages"] + [
        f"{scores[e][g]['articles']}/{scores[e][g]['non_articles']}" for e, g in columns]]
    for key, label, fmt in _ROWS:
        row = [label]
        for extractor, group in columns:
            value = scores[extractor][group][key]
            count_of = key.endswith("_right")
            total = scores[extractor][group]["category_scored" if key == "category_right" else "articles"]
            row.append(f"{value}/{total}" if count_of else fmt.format(value))
        rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row))
             for row in rows]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def format_aeb_table(scores: dict[str, dict[str, Any]]) -> str:
    """AEB table: precision, recall, F1 for both extractors."""
    lines = [f"{'extractor':<12} {'pages':>5} {'precision':>9} {'recall':>7} {'F1':>6} {'ms/page':>8}"]
    for extractor in EXTRACTORS:
        s = scores[extractor]
        name = "ours" if extractor == "ours" else "trafilatura"
        lines.append(f"{name:<12} {s['pages']:>5} {s['body_precision']:>9.3f} {s['body_recall']:>7.3f} "
                     f"{s['body_f1']:>6.3f} {s['ms_per_page']:>8}")
    return "\n".join(lines)


def evaluate_real(root: Path | None = None, *, out: TextIO = sys.stdout, halves: tuple[str, ...] = REAL_HALVES,
                  profiles_dir: Path | None = None) -> dict[str, dict[str, dict[str, Any]]]:
    """Score both extractors on the hand-labelled real pages, print the table (dev, test, all) and return
    ``{extractor: {half: metrics}}``. ``halves=("dev",)`` reads and scores the dev half only (what rules are
    worked on: the test half is not even loaded). ``profiles_dir``: the crawl-scale profiles ('+crawl')."""
    pages = load_real_pages(root, halves)
    crawl = load_crawl_profiles(profiles_dir)
    scores = evaluate_pages(pages, profiles=real_page_profiles(pages), crawl_profiles=crawl)
    print("Real pages (tests/real_pages, split by site): our extractor ('ours'), with the site profile learnt "
          f"from the site's pages in the set ('+prof'), with the crawl-scale profile learnt from the site's "
          f"mirror where one is stored, else the in-set one ('+crawl'), and plain trafilatura "
          f"{trafilatura.__version__} ('plain'); 'dev' = rules may be written on it, 'test' = only scored; an "
          "article called listing/other scores body F1 0", file=out)
    print(format_table(scores), file=out)
    covered = {half: [p for p in pages if p.variant == half and p.site in crawl] for half in halves}
    print("  crawl-scale profiles: " + ", ".join(
        f"{half} {len(covered[half])} of {sum(p.variant == half for p in pages)} pages, "
        f"{len({p.site for p in covered[half]})} of {len({p.site for p in pages if p.variant == half})} sites"
        for half in halves), file=out)
    ours = scores["ours"]
    print("  pages kept with page_type_uncertain: " + ", ".join(
        f"{half} {ours[half]['page_type_uncertain']} ({ours[half]['articles_uncertain']} articles, "
        f"{ours[half]['non_articles_uncertain']} listing/other)" for half in halves), file=out)
    wrong = {half: ours[half]["articles"] - ours[half]["date_right"] for half in halves}
    print("  dates wrong: " + ", ".join(
        f"{half} {wrong[half]} (none given where the page shows one {ours[half]['date_missed']}, one given where "
        f"it shows none {ours[half]['date_spurious']}, another day "
        f"{wrong[half] - ours[half]['date_missed'] - ours[half]['date_spurious']})" for half in halves), file=out)
    bad = {half: ours[half]["articles"] - ours[half]["author_right"] for half in halves}
    print("  authors wrong: " + ", ".join(
        f"{half} {bad[half]} (none given where the page names one {ours[half]['author_missed']}, one given where "
        f"it names none {ours[half]['author_spurious']}, another name "
        f"{bad[half] - ours[half]['author_missed'] - ours[half]['author_spurious']})"
        for half in halves), file=out)
    print("  articles lost to page typing: " + ", ".join(
        f"{half} {ours[half]['articles_missed']} of {ours[half]['articles']}" for half in halves), file=out)
    # Only dev pages are named: the test half is scored, never looked at while writing rules.
    for key, names in (scores["ours"]["dev"]["pages"] if "dev" in halves else {}).items():
        if names and key not in ("category_wrong", "lead_wrong"):
            print(f"  ours on dev, {key.replace('_', ' ')}: {', '.join(names)}", file=out)
    return scores


def evaluate_extraction(pages_root: Path | None = None, *, aeb: bool = False, real: bool = False,
                        out: TextIO = sys.stdout, halves: tuple[str, ...] = REAL_HALVES) -> dict:
    """Run the evaluation, print the side-by-side tables to ``out`` and return the scores:
    ``{"sample_sites": {extractor: {variant: metrics}}}`` plus ``"aeb": {extractor: metrics}`` and
    ``"real_pages": {extractor: {half: metrics}}`` when asked (``halves``: which real-page halves)."""
    if real:
        return {"real_pages": evaluate_real(out=out, halves=halves)}
    pages = load_gold_pages(pages_root)
    scores: dict[str, Any] = {"sample_sites": evaluate_pages(pages)}
    print("Sample sites: our extractor vs plain trafilatura "
          f"({trafilatura.__version__}); 'a' = variant rules were written on, 'b' = held out", file=out)
    print(format_table(scores["sample_sites"]), file=out)
    worst = scores["sample_sites"]["ours"]["all"]["pages"]
    for key, names in worst.items():
        if names:
            print(f"  ours, {key.replace('_', ' ')}: {', '.join(names)}", file=out)
    if aeb:
        scores["aeb"] = evaluate_aeb()
        print("\nZyte article-extraction benchmark (body, macro-averaged):", file=out)
        print(format_aeb_table(scores["aeb"]), file=out)
    return scores


def load_floors(path: Path | None = None) -> dict:
    """The pinned floors (``tests/eval_floors.json``)."""
    return json.loads(Path(path or FLOORS_PATH).read_text(encoding="utf-8"))


def check_floors(scores: dict, floors: dict) -> list[str]:
    """Failures: one line per floor the scores miss (empty when every floor holds).

    ``floors["sample_sites"][group]`` holds ``body_f1_min``, ``leaked_chrome_max``, ``title_wrong_max``,
    ``time_wrong_max``, ``author_wrong_max``, ``non_articles_stored_max``, ``not_nfc_max``;
    ``floors["aeb"]["f1_minus_trafilatura_min"]`` bounds our AEB F1 minus plain trafilatura's;
    ``floors["dedupe"]`` holds ``precision_min`` and ``recall_min`` for ``scores["dedupe"]`` (labelled pairs)."""
    failures: list[str] = []
    for key in ("sample_sites", "real_pages"):
        if key in scores:  # scored by this run
            failures += _check_page_floors(key.replace("_", " "), scores[key], floors.get(key) or {})
    if "real_pages" in scores and "ours+crawl" in scores["real_pages"]:
        failures += _check_page_floors("real pages +crawl", scores["real_pages"],
                                       floors.get("real_pages_crawl") or {}, extractor="ours+crawl")
    aeb_floor = floors.get("aeb")
    if aeb_floor and "aeb" not in scores and floors.get("_require_aeb"):
        failures.append("AEB: not evaluated")
    if aeb_floor and "aeb" in scores:
        delta = scores["aeb"]["ours"]["body_f1"] - scores["aeb"]["trafilatura"]["body_f1"]
        limit = aeb_floor.get("f1_minus_trafilatura_min", 0.0)
        if delta < limit:
            failures.append(f"AEB: our F1 {scores['aeb']['ours']['body_f1']:.4f} is {delta:+.4f} against plain "
                            f"trafilatura's {scores['aeb']['trafilatura']['body_f1']:.4f} (floor {limit:+.4f})")
    dedupe_floor = floors.get("dedupe")
    if dedupe_floor and "dedupe" in scores:
        for name in ("precision", "recall"):
            value, limit = scores["dedupe"][name], dedupe_floor.get(f"{name}_min", 0.0)
            if value < limit:
                failures.append(f"dedupe: {name} = {value:.4f}, floor >= {limit}")
    return failures


def floors_of_half(floors: dict, half: str) -> dict:
    """``floors`` with the real pages' floors (``real_pages``, ``real_pages_crawl``) of ``half`` alone: what a run
    that scored one half (``congdoan evaluate --real --half dev``) is held to."""
    kept = dict(floors)
    for key in ("real_pages", "real_pages_crawl"):
        if key in floors:
            kept[key] = {group: floor for group, floor in floors[key].items()
                         if group == half or group.startswith("_")}
    return kept


def _check_page_floors(label: str, scores: dict, floors: dict, extractor: str = "ours") -> list[str]:
    """Floor misses of our extractor (or ``extractor``) on one page set, group by group."""
    failures: list[str] = []
    for group, floor in floors.items():
        if group.startswith("_"):
            continue
        ours = scores.get(extractor, {}).get(group)
        if ours is None:
            failures.append(f"{label}: no pages in group {group!r}")
            continue
        checks = {
            "body_f1_min": (ours["body_f1"], ">="), "leaked_chrome_max": (ours["leaked_chrome"], "<="),
            "title_wrong_max": (ours["articles"] - ours["title_right"], "<="),
            "time_wrong_max": (ours["articles"] - ours["time_right"], "<="),
            "date_wrong_max": (ours["articles"] - ours["date_right"], "<="),
            "author_wrong_max": (ours["articles"] - ours["author_right"], "<="),
            "non_articles_stored_max": (ours["non_articles_stored"], "<="),
            "articles_missed_max": (ours["articles_missed"], "<="), "not_nfc_max": (ours["not_nfc"], "<="),
        }
        for key, limit in floor.items():
            if key not in checks:
                failures.append(f"{label} {group}: unknown floor {key!r}")
                continue
            value, op = checks[key]
            if (op == ">=" and value < limit) or (op == "<=" and value > limit):
                failures.append(f"{label} {group}: {key[:-4]} = {value}, floor {op} {limit}")
    return failures
