"""Author, title and page type on layouts nobody here has seen, built from the dev half of the real pages
(issue 14). Only dev pages are read, never the test half; every rewrite is generic (no page's own text is used
except to find and remove its byline, its headline or its story).

* ``--authors``: each dev article is blanked as in ``tests/test_metadata_variants.py`` (its dates and bylines
  removed, a plain date line written back under the headline), then a byline is written back in one of the
  forms and places Vietnamese papers and union portals use, or a distractor that is not the author (the site's
  or a publisher's name, a "Theo <agency>" or "Nguồn:" source line, a CMS account, a photo credit, a name in a
  quotation, a comment's or a related teaser's author). Counted per variant: right, wrong (another name),
  missing (no author where one is printed) and publisher (a site, publisher or account given as the author).
* ``--titles``: each dev article's headline is replaced by a known headline (its JSON-LD, og:title and
  ``<title>`` removed) and written back the ways sites print it: ``<title>`` with the site's name before or
  after it under several separators, og:title differing, the headline in ``<h2>``/``<strong>``/a title-classed
  ``<div>`` with no ``<h1>``, an ``<h1>`` holding the site's logo, the headline repeated in breadcrumbs and in
  a related box above it, upper case, very long, with a quoted phrase. Counted: right, case (right but for its
  letter case), wrong, empty.
* ``--pagetypes``: dev articles rewritten the ways unseen article pages look (a 2-3 paragraph story, a photo
  story of captions, a video page with a short sapo, 2-3 boxes of 10-20 dated teasers after the story, no
  og:type or JSON-LD, a category-looking address) must stay articles; listings (the dev listings, and category
  pages built in the template of each dev article: teasers with long sapos, one featured story with a long sapo
  on top, pagination, og:type "article") must not be stored unflagged. Counted: articles lost (the worst
  error), listings stored, and pages kept with ``page_type_uncertain``.

Run ``.venv/bin/python tests/meta_variants.py --authors`` (or ``--titles``, ``--pagetypes``; ``-v``: every
failure) to print the tables; ``tests/test_meta_variants.py`` pins the figures.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from lxml import etree
from lxml import html as lxml_html

sys.path.append(str(Path(__file__).resolve().parent.parent))  # when run as a script

from pipelines.evaluate import REAL_ROOT  # noqa: E402
from pipelines.extract import extract_page  # noqa: E402
from pipelines.extract.decode import decode_html  # noqa: E402
from tests import test_metadata_variants as mv  # noqa: E402
from tests.helpers import gold_body_elements  # noqa: E402

UTF8 = "text/html; charset=utf-8"
NAME, NAME2, NAME3 = "Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Minh Quân"
SITE = "Tin Công Nhân"  # a site's name, as og:site_name, JSON-LD publisher or the <title> suffix gives it
_DASHES = str.maketrans({"–": "-", "—": "-"})


def _norm(text: str | None) -> str:
    return " ".join((text or "").translate(_DASHES).split())


def _golds(names: set[str]) -> dict[str, dict]:
    return {n: json.loads((REAL_ROOT / "dev" / f"{n}.json").read_text(encoding="utf-8")) for n in names}


# ------------------------------------------------------------------------------------------------ authors

Rewrite = Callable[[mv.Page, datetime], None]


def _cell(markup: str) -> str:
    return f'<table width="100%"><tr><td align="right">{markup}</td></tr></table>'


def _related_with_authors(p: mv.Page, w: datetime) -> str:
    items = "".join(
        f'<li><a href="https://{p.host}/tin-tuc/bai-{970100 + i}.html">Công nhân lao động được hỗ trợ tiền thuê '
        f'nhà trong đợt {i + 1}</a> <span class="author">{who}</span> <span>({mv.dmy(w - timedelta(days=i + 1))})'
        "</span></li>" for i, who in enumerate((NAME3, "Thu Hà", "Minh Anh")))
    return f'<div class="x7"><h3>Tin liên quan</h3><ul>{items}</ul></div>'


def _comment_authors(w: datetime) -> str:
    later = w + timedelta(days=1, hours=2)
    return (f'<div class="x8"><h3>Ý kiến bạn đọc (2)</h3><div class="cmt"><span class="author">{NAME3}</span> - '
            f"{mv.hm(later)} {mv.dmy(later)}<p>Bài viết rất hay, cảm ơn tác giả.</p></div><div class='cmt'>"
            f"<b>Phạm Thu Hà</b> - {mv.dmy(later)}<p>Đồng ý với ý kiến trên.</p></div></div>")


_QUOTE = ("<blockquote><p>“Chúng tôi sẽ tiếp tục đồng hành cùng người lao động, bảo đảm việc làm và thu nhập "
          f"cho đoàn viên trong những tháng cuối năm”, ông {NAME3} cho biết.</p><p><b>{NAME3}</b></p>"
          "</blockquote>")
_PHOTO = (f'<figure><img src="/uploads/2026/anh-7.jpg" alt=""><figcaption>Đoàn viên nhận quà tại hội nghị. '
          f"Ảnh: {NAME3}</figcaption></figure>")
_PHOTO_LINE = (f'<div><p style="text-align:center"><img src="/uploads/2026/anh-8.jpg" alt=""></p>'
               f"<p style='text-align:center'><em>Ảnh: {NAME3.upper()}</em></p></div>")


def _ld(p: mv.Page, author: str | None, publisher: str | None = SITE) -> None:
    data: dict = {"@context": "https://schema.org", "@type": "NewsArticle"}
    if author is not None:
        data["author"] = json.loads(author)
    if publisher:
        data["publisher"] = {"@type": "Organization", "name": publisher}
    p.head(f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>')


def _site_title(p: mv.Page, sep: str = " - ") -> None:
    for title in p.tree.iter("title"):
        title.text = f"{p.gold['title']}{sep}{SITE}"
    if not any(True for _ in p.tree.iter("title")):
        p.head(f"<title>{p.gold['title']}{sep}{SITE}</title>")


#: Byline forms: name -> (rewrite, the author expected: None when the page names no author). A standard date
#: line is written under the headline first, except for the forms that print the date with the name.
AUTHOR_FORMS: dict[str, tuple[Rewrite, str | None]] = {
    "Theo Name, last line": (lambda p, w: p.after_body(f"<p>Theo {NAME}</p>"), NAME),
    "Theo Name, last line, italic, right": (lambda p, w: p.after_body(
        f'<p style="text-align:right"><em>Theo {NAME}</em></p>'), NAME),
    "NAME A - NAME B, last line": (lambda p, w: p.after_body(f"<p>{NAME.upper()} - {NAME2.upper()}</p>"),
                                   f"{NAME} - {NAME2}"),
    "NAME A - NAME B, bold, under the headline": (lambda p, w: p.below_title(
        f"<p><b>{NAME.upper()} - {NAME2.upper()}</b></p>"), f"{NAME} - {NAME2}"),
    "Name – Name (en dash), last line, bold": (lambda p, w: p.after_body(f"<p><b>{NAME} – {NAME2}</b></p>"),
                                               f"{NAME} - {NAME2}"),
    "three names with commas, last line, bold": (lambda p, w: p.after_body(
        f"<p><strong>{NAME}, {NAME2}, {NAME3}</strong></p>"), f"{NAME}, {NAME2}, {NAME3}"),
    "Name (Văn phòng LĐLĐ tỉnh), last line": (lambda p, w: p.after_body(f"<p>{NAME} (Văn phòng LĐLĐ tỉnh)</p>"),
                                              NAME),
    "Name (LĐLĐ huyện), right, bold": (lambda p, w: p.after_body(
        f'<p style="text-align: right;"><b>{NAME} (LĐLĐ huyện Krông Nô)</b></p>'), NAME),
    "right-aligned last line": (lambda p, w: p.after_body(f'<p align="right">{NAME}</p>'), NAME),
    "<strong> signature, last line": (lambda p, w: p.after_body(f"<p><strong>{NAME}</strong></p>"), NAME),
    "<em> signature, last line": (lambda p, w: p.after_body(f"<p><em>{NAME}</em></p>"), NAME),
    "<b> signature, last line": (lambda p, w: p.after_body(f"<div><b>{NAME}</b></div>"), NAME),
    "<strong> signature, under the headline": (lambda p, w: p.below_title(f"<p><strong>{NAME}</strong></p>"),
                                               NAME),
    "<em> signature, under the headline": (lambda p, w: p.below_title(f"<p><em>{NAME}</em></p>"), NAME),
    "Bài và ảnh: Name, last line": (lambda p, w: p.after_body(f"<p>Bài và ảnh: {NAME}</p>"), NAME),
    "Bài và ảnh: Name, under the headline": (lambda p, w: p.below_title(f"<div>Bài và ảnh: {NAME}</div>"), NAME),
    "signature in a table cell": (lambda p, w: p.after_body(_cell(f"<b>{NAME}</b>")), NAME),
    "Tác giả: Name in a table cell": (lambda p, w: p.after_body(_cell(f"Tác giả: {NAME}")), NAME),
    "div.author under the headline": (lambda p, w: p.below_title(f'<div class="author">{NAME}</div>'), NAME),
    "span.author under the headline": (lambda p, w: p.below_title(
        f'<div><span class="author">{NAME}</span></div>'), NAME),
    "div.author at the end": (lambda p, w: p.after_body(f'<div class="author">{NAME}</div>'), NAME),
    "a[rel=author]": (lambda p, w: p.below_title(f'<div><a rel="author" href="/u/12">{NAME}</a></div>'), NAME),
    "meta name=author only": (lambda p, w: p.head(f'<meta name="author" content="{NAME}">'), NAME),
    "JSON-LD author Person": (lambda p, w: _ld(p, json.dumps({"@type": "Person", "name": NAME})), NAME),
    "JSON-LD author list": (lambda p, w: _ld(p, json.dumps([{"@type": "Person", "name": NAME},
                                                            {"@type": "Person", "name": NAME2}])),
                            f"{NAME}, {NAME2}"),
    "Nhóm PV, last line, bold": (lambda p, w: p.after_body("<p><b>Nhóm PV</b></p>"), None),
    "PV, last line": (lambda p, w: p.after_body("<p>PV</p>"), None),
    # True bylines beside a distractor: the byline must win.
    "signature, then Theo TTXVN": (lambda p, w: (p.after_body("<p><i>Theo TTXVN</i></p>"),
                                                 p.after_body(f"<p><b>{NAME}</b></p>")), NAME),
    "signature and a comment author": (lambda p, w: (p.bottom_of_page(_comment_authors(w)),
                                                     p.after_body(f"<p><b>{NAME}</b></p>")), NAME),
    "byline on top and related teasers' authors": (lambda p, w: (
        p.after_body(_related_with_authors(p, w)), p.below_title(f'<div class="x2"><b>{NAME}</b></div>')), NAME),
    "JSON-LD author and publisher, site in <title>": (lambda p, w: (
        _site_title(p), _ld(p, json.dumps({"@type": "Person", "name": NAME}))), NAME),
}
#: Bylines with the date on the same line (no other date line).
AUTHOR_DATE_FORMS: dict[str, tuple[Rewrite, str | None]] = {
    "Name - dd/mm/yyyy hh:mm under the headline": (lambda p, w: p.below_title(
        f"<div>{NAME} - {mv.dmy(w)} {mv.hm(w)}</div>"), NAME),
    "Name - dd/mm/yyyy hh:mm, last line": (lambda p, w: p.after_body(
        f"<p>{NAME} - {mv.dmy(w)} {mv.hm(w)}</p>"), NAME),
    "NAME | hh:mm dd/mm/yyyy under the headline": (lambda p, w: p.below_title(
        f"<div>{NAME.upper()} | {mv.hm(w)} {mv.dmy(w)}</div>"), NAME),
    "span.author + span.date in one line": (lambda p, w: p.below_title(
        f'<div><span class="author">{NAME}</span> - <span class="date">{mv.dmy(w)} {mv.hm(w)}</span></div>'),
        NAME),
}
#: Distractors: nothing here is the author (expected None).
AUTHOR_DISTRACTORS: dict[str, Rewrite] = {
    "og:site_name printed under the headline": lambda p, w: (
        p.head(f'<meta property="og:site_name" content="{SITE}">'),
        p.below_title(f'<div class="x2">{SITE}</div>')),
    "JSON-LD publisher only": lambda p, w: _ld(p, None),
    "JSON-LD author = publisher": lambda p, w: _ld(p, json.dumps({"@type": "Organization", "name": SITE})),
    "site name from <title> as a bold signature": lambda p, w: (
        _site_title(p), p.after_body(f"<p><b>{SITE}</b></p>")),
    "site name from <title> (|) in div.author": lambda p, w: (
        _site_title(p, " | "), p.below_title(f'<div class="author">{SITE}</div>')),
    "Theo TTXVN": lambda p, w: p.after_body("<p><i>Theo TTXVN</i></p>"),
    "Theo Báo Lao Động": lambda p, w: p.after_body('<p style="text-align:right"><b>Theo Báo Lao Động</b></p>'),
    "Nguồn: vnexpress.net": lambda p, w: p.after_body("<p><em>Nguồn: vnexpress.net</em></p>"),
    "meta author admin": lambda p, w: p.head('<meta name="author" content="admin">'),
    "div.author quantri": lambda p, w: p.below_title('<div class="author">quantri</div>'),
    "Đăng bởi: Quản trị viên": lambda p, w: p.below_title("<div>Đăng bởi: Quản trị viên</div>"),
    "photo credit under an image (figcaption)": lambda p, w: p.in_body(_PHOTO),
    "photo credit under an image (last lines)": lambda p, w: p.after_body(_PHOTO_LINE),
    "a name in a quotation": lambda p, w: p.in_body(_QUOTE),
    "comment authors": lambda p, w: p.bottom_of_page(_comment_authors(w)),
    "related teasers' authors": lambda p, w: p.after_body(_related_with_authors(p, w)),
}
#: What a distractor must never give as the author (lower case).
PUBLISHERS = frozenset({SITE.casefold(), "ttxvn", "báo lao động", "lao động", "vnexpress.net", "vnexpress",
                        "admin", "quantri", "quản trị viên", "nhóm pv", "pv"})


@dataclass
class AuthorOutcome:
    group: str
    variant: str
    case: str
    expected: str | None
    got: str | None

    @property
    def verdict(self) -> str:
        if _norm(self.got).casefold() == _norm(self.expected).casefold() or (
                self.expected is None and self.got is None):
            return "right"
        if self.got and (self.got.casefold() in PUBLISHERS or _norm(self.got).casefold() == SITE.casefold()):
            return "publisher"
        return "missing" if self.got is None else "wrong"


def author_plan() -> list[tuple[str, str, Rewrite, str | None]]:
    plan = [("byline", name, (lambda p, w, r=r: (mv.std_date(p, w), r(p, w))), expected)
            for name, (r, expected) in AUTHOR_FORMS.items()]
    plan += [("byline+date", name, r, expected) for name, (r, expected) in AUTHOR_DATE_FORMS.items()]
    plan += [("distractor", name, (lambda p, w, r=r: (mv.std_date(p, w), r(p, w))), None)
             for name, r in AUTHOR_DISTRACTORS.items()]
    return plan


def run_authors(cases: list[mv.Case]) -> list[AuthorOutcome]:
    golds = _golds({c.name for c in cases})
    outcomes = []
    for case in cases:
        for group, name, rewrite, expected in author_plan():
            page = mv.Page(case, golds[case.name])
            rewrite(page, case.when)
            result = extract_page(page.bytes(), case.url)
            outcomes.append(AuthorOutcome(group, name, case.name, expected, result["author"]))
    return outcomes


def author_figures(outcomes: list[AuthorOutcome]) -> dict[str, int]:
    table = {"variants": len(outcomes), "right": 0, "wrong": 0, "missing": 0, "publisher": 0}
    for o in outcomes:
        table[o.verdict] += 1
    return table


# ------------------------------------------------------------------------------------------------ titles

#: Headlines written into the pages (generic union news, one a case in turn).
HEADLINES = (
    "Công đoàn ngành Y tế tổ chức hội thao chào mừng ngày thành lập",
    "Hỗ trợ đoàn viên bị mất việc làm do doanh nghiệp thu hẹp sản xuất",
    "Khánh thành Mái ấm công đoàn cho nữ công nhân có hoàn cảnh khó khăn",
    "Ký kết thỏa ước lao động tập thể nhóm doanh nghiệp dệt may trên địa bàn tỉnh",
)
_LONG = ("Liên đoàn Lao động tỉnh tổ chức hội nghị tổng kết công tác công đoàn năm 2026, triển khai nhiệm vụ năm "
         "2027 với nhiều chỉ tiêu về phát triển đoàn viên, thành lập công đoàn cơ sở, chăm lo đời sống và bảo vệ "
         "quyền lợi hợp pháp, chính đáng của người lao động trong các doanh nghiệp ngoài nhà nước")
_QUOTED = "Phát động phong trào “Xanh - Sạch - Đẹp, bảo đảm an toàn vệ sinh lao động” trong công nhân"
_TITLE_META = {"og:title", "twitter:title", "title", "dc.title"}


@dataclass
class TitleCase:
    name: str
    url: str
    html: str  # the page, its headline replaced by ``headline`` and its title metadata removed
    headline: str
    path: str  # the headline element's path in the tree


def title_cases(per_site: int = 2, max_cases: int = 1000) -> list[TitleCase]:
    """Dev articles whose headline element is found, with their headline replaced and title metadata removed."""
    cases: list[TitleCase] = []
    count: dict[str, int] = {}
    for gold_file in sorted((REAL_ROOT / "dev").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        host = urlsplit(gold["url"]).netloc
        if gold["page_type"] != "article" or count.get(host, 0) >= per_site or len(cases) >= max_cases:
            continue
        tree = lxml_html.document_fromstring(decode_html(gold_file.with_suffix(".html").read_bytes(),
                                                         gold.get("content_type")).text)
        element = mv._title_element(tree, gold["title"])
        if element is None or element.tag in {"title"}:
            continue
        for script in tree.xpath("//script[@type='application/ld+json']"):
            mv._drop(script)
        for meta in tree.xpath("//meta"):
            if (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower() in _TITLE_META:
                mv._drop(meta)
        for title in list(tree.iter("title")):
            mv._drop(title)
        headline = HEADLINES[len(cases) % len(HEADLINES)]
        for child in list(element):
            element.remove(child)
        element.text = headline
        count[host] = count.get(host, 0) + 1
        cases.append(TitleCase(gold_file.stem, gold["url"], mv.to_bytes(tree).decode("utf-8"), headline,
                               tree.getroottree().getpath(element)))
    return cases


class TitlePage:
    """A title case being rewritten."""

    def __init__(self, case: TitleCase, headline: str) -> None:
        self.tree = lxml_html.document_fromstring(case.html)
        self.element = self.tree.getroottree().xpath(case.path)[0]
        self.element.text = headline
        self.host = urlsplit(case.url).netloc

    def head(self, markup: str) -> None:
        self.tree.find("head").append(lxml_html.fragment_fromstring(markup))

    def title(self, text: str) -> None:
        title = etree.SubElement(self.tree.find("head"), "title")
        title.text = text

    def retag(self, tag: str, cls: str | None = None) -> None:
        """The headline in another element (``<h2>``, ``<strong>`` in a ``<p>``, ``<div class=title>``)."""
        old = self.element
        if tag == "p>strong":
            new = lxml_html.fragment_fromstring(f"<p><strong>{old.text}</strong></p>")
        else:
            new = etree.Element(tag, {"class": cls} if cls else {})
            new.text = old.text
        new.tail = old.tail
        old.getparent().replace(old, new)
        self.element = new

    def top(self, markup: str) -> None:
        self.tree.find("body").insert(0, lxml_html.fragment_fromstring(markup))

    def above(self, markup: str) -> None:
        anchor = self.element
        while anchor.getparent() is not None and anchor.getparent().tag != "body" and _norm(
                anchor.getparent().text_content()) == _norm(anchor.text_content()):
            anchor = anchor.getparent()
        anchor.addprevious(lxml_html.fragment_fromstring(markup))

    def bytes(self) -> bytes:
        return mv.to_bytes(self.tree)


TitleRewrite = Callable[[TitlePage, str], None]


def _related(p: TitlePage, t: str) -> str:
    others = "".join(f'<li><a href="https://{p.host}/tin-tuc/bai-{960100 + i}.html">{h}</a></li>'
                     for i, h in enumerate(HEADLINES) if h != t)
    return (f'<div class="x5"><h3>Đọc nhiều</h3><ul><li><a href="https://{p.host}/tin-tuc/bai-960000.html">{t}</a>'
            f"</li>{others}</ul></div>")


#: Title forms: name -> (rewrite, headline used: "" = the case's own).
TITLE_FORMS: dict[str, tuple[TitleRewrite, str]] = {
    **{f"<title> T{sep}Site": ((lambda p, t, s=sep: p.title(f"{t}{s}{SITE}")), "")
       for sep in (" - ", " | ", " – ", " :: ", " » ", " — ")},
    **{f"<title> Site{sep}T": ((lambda p, t, s=sep: p.title(f"{SITE}{s}{t}")), "")
       for sep in (" - ", " | ", " » ")},
    "<title> T - Section - Site": (lambda p, t: p.title(f"{t} - Tin hoạt động - {SITE}"), ""),
    "<title> only the site": (lambda p, t: p.title(SITE), ""),
    "no <title>, og:title": (lambda p, t: p.head(f'<meta property="og:title" content="{t}">'), ""),
    "og:title differing": (lambda p, t: (p.title(f"{t} - {SITE}"), p.head(
        '<meta property="og:title" content="Xem ngay: hoạt động nổi bật của công đoàn trong tuần">')), ""),
    "headline in <h2>, no <h1>": (lambda p, t: (p.retag("h2"), p.title(f"{t} - {SITE}")), ""),
    "headline in <p><strong>, no <h1>": (lambda p, t: (p.retag("p>strong"), p.title(f"{t} | {SITE}")), ""),
    "headline in div.title, no <h1>": (lambda p, t: (p.retag("div", "title"), p.title(f"{t} - {SITE}")), ""),
    "headline in div.title, no <title>": (lambda p, t: p.retag("div", "title"), ""),
    "<h1> logo, headline in <h2>": (lambda p, t: (p.top(f'<h1 class="logo"><a href="/">{SITE}</a></h1>'),
                                                  p.retag("h2"), p.title(f"{t} - {SITE}")), ""),
    "<h1> site name unlinked, headline in <h2>, no <title>": (lambda p, t: (
        p.top(f"<h1>Liên đoàn Lao động tỉnh Đắk Nông - {SITE}</h1>"), p.retag("h2")), ""),
    "breadcrumbs ending with the headline": (lambda p, t: (p.top(
        f'<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/tin-tuc">Tin tức</a> » <span>{t}</span>'
        "</div>"), p.title(f"{t} - {SITE}")), ""),
    "related box above the headline repeats it": (lambda p, t: (p.above(_related(p, t)),
                                                                p.title(f"{t} - {SITE}")), ""),
    "related box above, no <title>": (lambda p, t: p.above(_related(p, t)), ""),
    "upper-case headline, <title> in sentence case": (lambda p, t: (
        setattr(p.element, "text", t.upper()), p.title(f"{t} - {SITE}")), ""),
    "upper-case headline, no <title>": (lambda p, t: setattr(p.element, "text", t.upper()), ""),
    "very long headline, <title> cut": (lambda p, t: p.title(f"{t[:70]}... - {SITE}"), _LONG),
    "quoted phrase, straight quotes in <title>": (lambda p, t: p.title(
        f"{t.replace('“', chr(34)).replace('”', chr(34))} - {SITE}"), _QUOTED),
    "quoted phrase, og:title": (lambda p, t: p.head(f"<meta property=\"og:title\" content='{t}'>"), _QUOTED),
}


@dataclass
class TitleOutcome:
    variant: str
    case: str
    expected: str
    got: str

    @property
    def verdict(self) -> str:
        if _norm(self.got) == _norm(self.expected):
            return "right"
        if _norm(self.got).casefold() == _norm(self.expected).casefold():
            return "case"
        return "empty" if not self.got else "wrong"


def run_titles(cases: list[TitleCase]) -> list[TitleOutcome]:
    outcomes = []
    for case in cases:
        for name, (rewrite, headline) in TITLE_FORMS.items():
            expected = headline or case.headline
            page = TitlePage(case, expected)
            rewrite(page, expected)
            result = extract_page(page.bytes(), case.url)
            outcomes.append(TitleOutcome(name, case.name, expected, result["title"] or ""))
    return outcomes


def title_figures(outcomes: list[TitleOutcome]) -> dict[str, int]:
    table = {"variants": len(outcomes), "right": 0, "case": 0, "wrong": 0, "empty": 0}
    for o in outcomes:
        table[o.verdict] += 1
    return table


# ------------------------------------------------------------------------------------------------ page types

_META_KEYS = {"og:type", "article:published_time", "pubdate", "datepublished", "dc.date.issued",
              "og:article:published_time", "article:modified_time", "article:section"}
_WORDS = ("công nhân lao động hội nghị kết quả chính sách tiền lương doanh nghiệp thành phố kinh tế thị trường "
          "giáo viên bệnh viện đoàn viên thỏa ước phúc lợi").split()


def _phrase(n: int, k: int) -> str:
    return " ".join(_WORDS[(k * 7 + j * 3) % len(_WORDS)] for j in range(n))


def _sentences(n_words: int, k: int) -> str:
    """Generic prose of about ``n_words`` words in sentences of 12."""
    return " ".join(_phrase(12, k + i).capitalize() + "." for i in range(max(1, n_words // 12)))


def _teasers(host: str, n: int, lede_words: int, seed: int, when: datetime, *, dated: bool = True,
             heading: str | None = None, cls: str = "") -> str:
    items = "".join(
        f'<div class="i{seed}"><a href="https://{host}/tin-tuc/{_phrase(6, i + seed).replace(" ", "-")}-'
        f'{900000 + 31 * i + seed}.html"><img src="/img/{seed}-{i}.jpg" alt=""></a><h3><a href="https://{host}/'
        f'tin-tuc/{_phrase(6, i + seed).replace(" ", "-")}-{900000 + 31 * i + seed}.html">'
        f"{_phrase(11, i + 2 * seed).capitalize()}</a></h3>"
        + (f"<span>{mv.dmy(when - timedelta(days=i, hours=3 * i))} {mv.hm(when - timedelta(hours=5 * i))}</span>"
           if dated else "")
        + (f"<p>{_sentences(lede_words, i + seed)}</p>" if lede_words else "") + "</div>" for i in range(n))
    head = f"<h2>{heading}</h2>" if heading else ""
    return f'<div class="b{seed} {cls}">{head}{items}</div>'


def _pagination(host: str) -> str:
    pages = "".join(f'<a href="https://{host}/tin-tuc/hoat-dong/trang-{i}.html">{i}</a> ' for i in range(2, 7))
    return f'<div class="pg"><span>1</span> {pages}<a href="https://{host}/tin-tuc/hoat-dong/trang-2.html">»</a></div>'


def _strip_meta(tree: lxml_html.HtmlElement) -> None:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        mv._drop(script)
    for meta in tree.xpath("//meta"):
        if (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower() in _META_KEYS:
            mv._drop(meta)


def _add_og_article(tree: lxml_html.HtmlElement) -> None:
    head = tree.find("head")
    if head is None:
        head = etree.Element("head")
        tree.insert(0, head)
    head.append(lxml_html.fragment_fromstring('<meta property="og:type" content="article">'))


def _category_url(url: str) -> str:
    split = urlsplit(url)
    return urlunsplit((split.scheme, split.netloc, "/tin-tuc/hoat-dong-cong-doan/", "", ""))


def _keep_body(tree: lxml_html.HtmlElement, gold: dict, n: int) -> list[lxml_html.HtmlElement]:
    """Drop the story's paragraphs after the first ``n`` (and every other gold paragraph's holder)."""
    body = gold_body_elements(tree, gold)
    for element in body[n:]:
        if element.getparent() is not None and all(element is not b and element not in b.iterancestors()
                                                   for b in body[:n]):
            element.getparent().remove(element)  # its tail text goes with it: a story's tail is whitespace
    return body[:n]


def _short_story(tree: lxml_html.HtmlElement, gold: dict, host: str, when: datetime) -> None:
    _keep_body(tree, gold, 2)


def _photo_story(tree: lxml_html.HtmlElement, gold: dict, host: str, when: datetime) -> None:
    kept = _keep_body(tree, gold, 1)
    if not kept:
        return
    figures = "".join(f'<figure class="image"><img src="/uploads/2026/anh-{i}.jpg" alt=""><figcaption>'
                      f"{_phrase(14, i + 3).capitalize()}.</figcaption></figure>" for i in range(6))
    kept[0].addnext(lxml_html.fragment_fromstring(f"<div>{figures}</div>"))


def _video_page(tree: lxml_html.HtmlElement, gold: dict, host: str, when: datetime) -> None:
    kept = _keep_body(tree, gold, 1)
    if not kept:
        return
    kept[0].addprevious(lxml_html.fragment_fromstring(
        '<div class="video"><iframe src="https://www.youtube.com/embed/abcdefghijk" width="640" height="360">'
        "</iframe></div>"))


def _dated_boxes(tree: lxml_html.HtmlElement, gold: dict, host: str, when: datetime) -> None:
    body = gold_body_elements(tree, gold)
    boxes = [_teasers(host, 12, 0, 1, when, heading="Tin liên quan"),
             _teasers(host, 15, 25, 2, when, heading="Đọc nhiều nhất"),
             _teasers(host, 20, 0, 3, when)]
    anchor = body[-1]
    for box in boxes:
        element = lxml_html.fragment_fromstring(box)
        anchor.addnext(element)
        anchor = element


def _no_metadata(tree: lxml_html.HtmlElement, gold: dict, host: str, when: datetime) -> None:
    _strip_meta(tree)


PageRewrite = Callable[[lxml_html.HtmlElement, dict, str, datetime], None]
#: Article rewrites: name -> (rewrite, strip metadata too, a category-looking address).
ARTICLE_FORMS: dict[str, tuple[PageRewrite, bool, bool]] = {
    "unchanged": (lambda t, g, h, w: None, False, False),
    "no og:type or JSON-LD": (_no_metadata, True, False),
    "category-looking address": (lambda t, g, h, w: None, False, True),
    "no metadata, category-looking address": (_no_metadata, True, True),
    "2-paragraph story": (_short_story, False, False),
    "2-paragraph story, no metadata": (_short_story, True, False),
    "photo story of captions": (_photo_story, False, False),
    "photo story, no metadata": (_photo_story, True, False),
    "video page with a short sapo": (_video_page, False, False),
    "video page, no metadata": (_video_page, True, False),
    "3 boxes of 12-20 dated teasers after the story": (_dated_boxes, False, False),
    "3 dated teaser boxes, no metadata": (_dated_boxes, True, False),
    "2-paragraph story, 3 dated teaser boxes, no metadata": (
        lambda t, g, h, w: (_dated_boxes(t, g, h, w), _short_story(t, g, h, w)), True, False),
}


def _as_category(tree: lxml_html.HtmlElement, gold: dict, host: str, when: datetime, *, featured: bool,
                 sapo_words: int, pages: bool) -> bool:
    """Replace the story column of an article page (headline and body) with a category's teasers."""
    body = gold_body_elements(tree, gold)
    title = mv._title_element(tree, gold["title"])
    if not body or title is None:
        return False
    column = _ancestor([title, *body])
    if column.tag in {"body", "html"}:
        return False
    parts = ["<h1>Hoạt động công đoàn</h1>"]
    if featured:
        parts.append(f'<div class="top"><h2><a href="https://{host}/tin-tuc/noi-bat-{901111}.html">'
                     f"{_phrase(12, 5).capitalize()}</a></h2><span>{mv.dmy(when)} {mv.hm(when)}</span>"
                     f"<p>{_sentences(130, 9)}</p></div>")
    parts.append(_teasers(host, 8 if featured else 12, sapo_words, 7, when))
    if pages:
        parts.append(_pagination(host))
    new = lxml_html.fragment_fromstring(f'<div class="{column.get("class", "")}">{"".join(parts)}</div>')
    new.tail = column.tail
    column.getparent().replace(column, new)
    for title_tag in tree.iter("title"):
        title_tag.text = f"Hoạt động công đoàn - {SITE}"
    return True


def _ancestor(elements: list[lxml_html.HtmlElement]) -> lxml_html.HtmlElement:
    chains = [[e, *e.iterancestors()] for e in elements]
    for candidate in chains[0]:
        if all(candidate in chain for chain in chains[1:]):
            return candidate
    return chains[0][-1]


#: Listings built in an article's template: name -> (featured story, words of each teaser's sapo, pagination,
#: og:type=article).
LISTING_FORMS: dict[str, tuple[bool, int, bool, bool]] = {
    "category, teasers with long sapos": (False, 60, False, False),
    "category, long sapos, pagination": (False, 60, True, False),
    "category, one featured story with a long sapo on top": (True, 20, False, False),
    "category, featured story, pagination, og:type=article": (True, 20, True, True),
    "category, long sapos, og:type=article": (False, 60, False, True),
}


@dataclass
class TypeOutcome:
    kind: str  # "article" or "listing": what the page is
    variant: str
    case: str
    page_type: str
    uncertain: bool

    @property
    def verdict(self) -> str:
        if self.kind == "article":
            if self.page_type != "article":
                return "lost"
            return "uncertain" if self.uncertain else "right"
        if self.page_type == "article":
            return "uncertain" if self.uncertain else "stored"
        return "right"


def page_type_cases(per_site: int = 2, max_cases: int = 1000) -> list[tuple[str, dict, bytes]]:
    cases, count = [], {}
    for gold_file in sorted((REAL_ROOT / "dev").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        host = urlsplit(gold["url"]).netloc
        if gold["page_type"] != "article" or count.get(host, 0) >= per_site or len(cases) >= max_cases:
            continue
        raw = gold_file.with_suffix(".html").read_bytes()
        tree = lxml_html.document_fromstring(decode_html(raw, gold.get("content_type")).text)
        if len(gold_body_elements(tree, gold)) < 2:
            continue
        count[host] = count.get(host, 0) + 1
        cases.append((gold_file.stem, gold, raw))
    return cases


def _tree(gold: dict, raw: bytes) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(decode_html(raw, gold.get("content_type")).text)


def _serialise(tree: lxml_html.HtmlElement) -> bytes:
    return etree.tostring(tree, encoding="utf-8", method="html")


def run_page_types(cases: list[tuple[str, dict, bytes]], *, dev_listings: bool = True) -> list[TypeOutcome]:
    outcomes = []
    when = datetime(2026, 3, 4, 8, 15, tzinfo=mv.VN_TZ)
    for name, gold, raw in cases:
        host = urlsplit(gold["url"]).netloc
        for variant, (rewrite, strip, category) in ARTICLE_FORMS.items():
            tree = _tree(gold, raw)
            if strip:
                _strip_meta(tree)
            rewrite(tree, gold, host, when)
            page = extract_page(_serialise(tree), _category_url(gold["url"]) if category else gold["url"],
                                content_type=UTF8)
            outcomes.append(TypeOutcome("article", variant, name, page["page_type"],
                                        "page_type_uncertain" in page["quality_flags"]))
        for variant, (featured, words, pages, og_article) in LISTING_FORMS.items():
            tree = _tree(gold, raw)
            _strip_meta(tree)
            if not _as_category(tree, gold, host, when, featured=featured, sapo_words=words, pages=pages):
                continue
            if og_article:
                _add_og_article(tree)
            page = extract_page(_serialise(tree), _category_url(gold["url"]), content_type=UTF8)
            outcomes.append(TypeOutcome("listing", variant, name, page["page_type"],
                                        "page_type_uncertain" in page["quality_flags"]))
    if dev_listings:
        for gold_file in sorted((REAL_ROOT / "dev").glob("*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            if gold["page_type"] != "listing":
                continue
            raw = gold_file.with_suffix(".html").read_bytes()
            for variant in ("dev listing", "dev listing, og:type=article", "dev listing, pagination added"):
                tree = _tree(gold, raw)
                if "og:type" in variant:
                    _add_og_article(tree)
                if "pagination" in variant:
                    tree.find("body").append(lxml_html.fragment_fromstring(_pagination(urlsplit(gold["url"]).netloc)))
                page = extract_page(_serialise(tree), gold["url"], content_type=UTF8)
                outcomes.append(TypeOutcome("listing", variant, gold_file.stem, page["page_type"],
                                            "page_type_uncertain" in page["quality_flags"]))
    return outcomes


def type_figures(outcomes: list[TypeOutcome]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for o in outcomes:
        row = table.setdefault(o.kind, {"variants": 0, "right": 0, "uncertain": 0, "lost": 0, "stored": 0})
        row["variants"] += 1
        row[o.verdict] += 1
    return table


# ------------------------------------------------------------------------------------------------ main


def _print(rows: dict[str, list], columns: tuple[str, ...], verdict: Callable) -> None:
    print(f"{'variant':62} " + " ".join(f"{c:>9}" for c in columns))
    for variant, items in rows.items():
        counts = [len(items)] + [sum(verdict(o) == c for o in items) for c in columns[1:]]
        print(f"{variant[:62]:62} " + " ".join(f"{n:9}" for n in counts))


def main() -> None:
    verbose = "-v" in sys.argv
    if "--authors" in sys.argv:
        outcomes = run_authors(mv.load_cases(2))
        rows: dict[str, list] = {}
        for o in outcomes:
            rows.setdefault(f"{o.group}: {o.variant}", []).append(o)
        _print(rows, ("variants", "right", "wrong", "missing", "publisher"), lambda o: o.verdict)
        print("TOTAL", author_figures(outcomes))
        for group in ("byline", "byline+date", "distractor"):
            print(f"TOTAL {group}", author_figures([o for o in outcomes if o.group == group]))
        if verbose:
            for o in outcomes:
                if o.verdict != "right":
                    print("WRONG", o.verdict, "|", o.variant, "|", o.case, "|", o.got)
    if "--titles" in sys.argv:
        outcomes_t = run_titles(title_cases(2))
        rows = {}
        for o in outcomes_t:
            rows.setdefault(o.variant, []).append(o)
        _print(rows, ("variants", "right", "case", "wrong", "empty"), lambda o: o.verdict)
        print("TOTAL", title_figures(outcomes_t))
        if verbose:
            for o in outcomes_t:
                if o.verdict != "right":
                    print("WRONG", o.verdict, "|", o.variant, "|", o.case, "|", o.got)
    if "--pagetypes" in sys.argv:
        outcomes_p = run_page_types(page_type_cases(2))
        rows = {}
        for o in outcomes_p:
            rows.setdefault(f"{o.kind}: {o.variant}", []).append(o)
        _print(rows, ("variants", "right", "uncertain", "lost", "stored"), lambda o: o.verdict)
        for kind, row in type_figures(outcomes_p).items():
            print("TOTAL", kind, row)
        if verbose:
            for o in outcomes_p:
                if o.verdict in {"lost", "stored"}:
                    print("WRONG", o.verdict, "|", o.variant, "|", o.case, "|", o.page_type)


if __name__ == "__main__":
    main()
