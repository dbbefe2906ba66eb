"""Publication dates in the forms and places real sites print them that ``tests/body_variants.py --dates`` does not
try (issue 14, publication-date recall), built from the dev half of the real pages. Only dev pages are read.

The forms and places come from a survey of evidence outside the test half: the dev pages, the unlabelled
whole-site mirrors of ``bench/metadata_harness.py``, and the date selectors of public scrapers of Vietnamese
papers in neither half (``/work/coord/neither_sites.txt``: "ArticleDate", "date-created", "byline-dateline",
"submitted", "entry-date published", a date in a ``title`` attribute, "HH:MM, dd/mm/YYYY", "Ngày d Tháng m, Y |
HH:MM", English month names...). Each dev article is blanked (``tests/test_metadata_variants.py``), then

* ``FORMS`` x ``PLACES``: one printed dateline at one place (under or above the headline, in a toolbar with share
  links, under a long sapo, past a long share bar, above a long menu, after the signature, after the body, in a
  breadcrumb line, in a table cell);
* ``MARKUP``: a date given in an attribute or a tag the printed-line rules do not read (``<abbr class="published"
  title>``, ``data-time``, an RFC 2822 meta tag, a JSON-LD block that is not valid JSON, a day badge split over
  three elements);
* ``TEASERS``: other stories' dates in date-named elements (lists, cards, a lone related card, a header's date),
  with the story's own date (it must win) and without it (no date may be taken).

Verdicts as ``tests/body_variants.py``: right, wrong (another date: the worse error), missing.
Run ``.venv/bin/python tests/date_variants.py`` (``--all-places``: every form at every place; ``-v``: failures).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))  # when run as a script

from pipelines.evaluate import REAL_ROOT  # noqa: E402
from pipelines.extract import extract_page  # noqa: E402
from tests import body_variants as bv  # noqa: E402

_d, _t, _wd = bv._d, bv._t, bv._wd
_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
       "November", "December")


def _en_ampm(w: datetime) -> str:
    return f"{w.hour % 12 or 12}:{w.minute:02d} {'AM' if w.hour < 12 else 'PM'}"


def _sa_ch(w: datetime) -> str:
    return f"{w.hour % 12 or 12}:{w.minute:02d} {'SA' if w.hour < 12 else 'CH'}"


#: Printed forms: name -> (text given the date, "time" (to the minute) or "day" (the day, ``date_only``)).
FORMS: dict[str, tuple[Callable[[datetime], str], str]] = {
    "Month d, y (English locale)": (lambda w: f"{_EN[w.month - 1]} {w.day}, {w.year}", "day"),
    "Mon d, y h:m AM": (lambda w: f"{_EN[w.month - 1][:3]} {w.day}, {w.year} {_en_ampm(w)}", "time"),
    "d Mon y": (lambda w: f"{w.day:02d} {_EN[w.month - 1][:3]} {w.year}", "day"),
    "Posted on Month d, y by admin": (lambda w: f"Posted on {_EN[w.month - 1]} {w.day}, {w.year} by admin", "day"),
    "y/m/d h:m": (lambda w: f"{w.year}/{w.month:02d}/{w.day:02d} {_t(w)}", "time"),
    "d Thm, y (WordPress short month)": (lambda w: f"{w.day:02d} Th{w.month}, {w.year}", "day"),
    "d/m/y h:m AM (GMT+7)": (lambda w: f"{w.day}/{w.month}/{w.year} {_en_ampm(w)} (GMT+7)", "time"),
    "h:m SA d/m/y": (lambda w: f"{_sa_ch(w)} {_d(w)}", "time"),
    "h:m, d/m/y": (lambda w: f"{_t(w)}, {_d(w)}", "time"),
    "Ngày d Tháng m, y | h:m": (lambda w: f"Ngày {w.day} Tháng {w.month}, {w.year} | {_t(w)}", "time"),
    "h:m ngày d-m-y": (lambda w: f"{_t(w)} ngày {_d(w, '-')}", "time"),
    "9h30, ngày d/m/y": (lambda w: f"{w.hour}h{w.minute:02d}, ngày {w.day}/{w.month}/{w.year}", "time"),
    "Thứ hai, d/m/y | h:m GMT+7": (lambda w: f"{_wd(w).lower()}, {w.day}/{w.month}/{w.year} | {_t(w)} GMT+7",
                                   "time"),
    "Ngày đăng: d/m/y | Lượt xem: 1234": (lambda w: f"Ngày đăng: {_d(w)} | Lượt xem: 1234", "day"),
    "d/m/y h:m | 1.234 lượt xem": (lambda w: f"{_d(w)} {_t(w)} | 1.234 lượt xem", "time"),
    "Ngày: d/m/y - Lượt xem: 12 - In bài": (lambda w: f"Ngày: {_d(w)} - Lượt xem: 12 - In bài", "day"),
    "Người đăng: Admin | Ngày đăng: d/m/y": (lambda w: f"Người đăng: Admin | Ngày đăng: {_d(w)}", "day"),
    "Đăng bởi Admin - d/m/y h:m": (lambda w: f"Đăng bởi Admin - {_d(w)} {_t(w)}", "time"),
    "Đăng ngày d/m/y bởi Admin": (lambda w: f"Đăng ngày {_d(w)} bởi Admin", "day"),
    "Tác giả: Admin - Ngày: d/m/y": (lambda w: f"Tác giả: Admin - Ngày: {_d(w)}", "day"),
    "Tin tức - d/m/y h:m (section label)": (lambda w: f"Tin tức - {_d(w)} {_t(w)}", "time"),
    "Chuyên mục: Tin tức | d/m/y": (lambda w: f"Chuyên mục: Tin tức | {_d(w)}", "day"),
    "d/m/y h:m Chia sẻ Facebook Zalo In": (lambda w: f"{_d(w)} {_t(w)} Chia sẻ Facebook Zalo In", "time"),
    "Cập nhật ngày: d/m/y h:m": (lambda w: f"Cập nhật ngày: {_d(w)} {_t(w)}", "time"),
    "d/m/y": (lambda w: _d(w), "day"),
}

_SAPO = ("Hàng nghìn đoàn viên, người lao động trong tỉnh đã được hỗ trợ kịp thời sau đợt khảo sát của công "
         "đoàn các cấp về điều kiện làm việc, nhà ở và thu nhập trong năm qua, với nhiều kiến nghị gửi tới doanh "
         "nghiệp và chính quyền địa phương.")


def _toolbar(page, markup: str) -> None:
    page.below_title(f'<div class="tool"><span class="date">{markup}</span><a href="#">Facebook</a>'
                     '<a href="#">Zalo</a><a href="#">In bài</a><a href="#">Gửi email</a></div>')


def _past_share_bar(page, markup: str) -> None:
    """Under the headline, past a share bar of 45 links (beyond the headline's window of text pieces)."""
    links = "".join(f'<li><a href="#">Mục {i}</a></li>' for i in range(45))
    page.below_title(f'<div><ul class="share">{links}</ul><div class="post-date">{markup}</div></div>')


def _over_menu(page, markup: str) -> None:
    """Above the headline, over a menu of 14 links (further up than a dateline is looked for)."""
    links = "".join(f'<li><a href="#">Mục {i}</a></li>' for i in range(14))
    page.above_title(f'<div><div class="date">{markup}</div><ul>{links}</ul></div>')


#: Where the dateline stands: name -> put the markup holding it on the page.
PLACES: dict[str, Callable] = {
    "under the headline": lambda p, m: p.below_title(f'<div class="meta">{m}</div>'),
    "above the headline": lambda p, m: p.above_title(f"<div>{m}</div>"),
    "in a toolbar with share links": _toolbar,
    "under a long sapo": lambda p, m: p.below_title(
        f'<div><p><b>{_SAPO}</b></p><div class="date">{m}</div></div>'),
    "past a long share bar (date-named)": _past_share_bar,
    "over a long menu above the headline (date-named)": _over_menu,
    "after the signature (date-named)": lambda p, m: p.after_body(
        f'<div><p style="text-align:right"><b>Nguyễn Văn Hùng</b></p><div class="post-date">{m}</div></div>'),
    "after the body": lambda p, m: p.after_body(f"<p><i>{m}</i></p>"),
    "in a breadcrumb line": lambda p, m: bv._breadcrumb(p, f"<span>| {m}</span>"),
    "in a legacy table cell": bv._table_cell,
}


def _ld_broken(page, w: datetime) -> None:
    page.head('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
              '"description": "Hội nghị "tổng kết" năm\n", '
              f'"datePublished": "{w.isoformat()}",}}</script>')


#: Dates given in markup the printed-line rules do not read: name -> (rewrite, expectation).
MARKUP: dict[str, tuple[Callable, str]] = {
    "<abbr class=published title=ISO> (hAtom)": (lambda p, w: p.below_title(
        f'<div><abbr class="published" title="{w.isoformat()}">{w.day}/{w.month}</abbr></div>'), "time"),
    "<span class=kbwcm-time title=ISO> after the body": (lambda p, w: p.after_body(
        f'<div><span class="kbwcm-time" title="{w.replace(tzinfo=None).isoformat()}">{w.day}/{w.month}</span>'
        "</div>"), "time"),
    "<span class=post-time data-time=ISO> (no text)": (lambda p, w: p.below_title(
        f'<div><span class="post-time" data-time="{w.isoformat()}"></span></div>'), "time"),
    "RFC 2822 pubdate meta (GMT)": (lambda p, w: p.head(
        f'<meta name="pubdate" content="{w.astimezone(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")}">'), "time"),
    "article:published_time y/m/d h:m:s": (lambda p, w: p.head(
        f'<meta property="article:published_time" content="{w.year}/{w.month:02d}/{w.day:02d} {_t(w)}:00">'),
        "time"),
    "JSON-LD that is not valid JSON": (_ld_broken, "time"),
    "itemprop=datePublished on a <span> (text)": (lambda p, w: p.after_body(
        f'<p>Ngày đăng: <span itemprop="datePublished">{_d(w)} {_t(w)}</span></p>'), "time"),
    "day badge in three elements (date-named)": (lambda p, w: p.above_title(
        f'<div class="post-date"><span class="day">{w.day:02d}</span> <span class="month">Tháng {w.month}</span> '
        f'<span class="year">{w.year}</span></div>'), "day"),
}


def _named_list(page, w: datetime, n: int = 4) -> str:
    rows = "".join(f'<li><a href="https://{page.host}/tin-tuc/bai-{981000 + i}.html">{bv._STORY_WORDS[i]}</a> '
                   f'<span class="date">{_d(w + timedelta(days=i + 1))}</span></li>' for i in range(n))
    return f'<div class="box"><div class="hd">Tin mới</div><ul>{rows}</ul></div>'


def _named_cards(page, w: datetime, n: int = 3) -> str:
    cards = "".join(f'<div class="card"><div class="card-title"><a href="https://{page.host}/tin-tuc/bai-'
                    f'{981100 + i}.html">{bv._STORY_WORDS[i]}</a></div><div class="post-date">'
                    f"{_d(w + timedelta(days=i + 2))} {_t(w)}</div></div>" for i in range(n))
    return f'<div class="related">{cards}</div>'


def _lone_card(page, w: datetime) -> str:
    later = w + timedelta(days=4)
    return (f'<div class="next"><a href="https://{page.host}/tin-tuc/bai-981200.html">{bv._STORY_WORDS[0]}</a>'
            f'<span class="post-date">{_d(later)} {_t(later)}</span></div>')


def _header_date(page, w: datetime) -> None:
    """A header printing the day the page was saved (a weekday, no time), named for a date."""
    saved = w + timedelta(days=9)
    page.top_of_page(f'<div class="header-date">{_wd(saved)}, {_d(saved)}</div>')


def _std(page, w: datetime) -> None:
    page.below_title(f'<div class="meta">{_wd(w)}, {_d(w)} - {_t(w)}</div>')


#: Other stories' dates in date-named elements: name -> (rewrite, expectation) ("none": no date of its own).
TEASERS: dict[str, tuple[Callable, str]] = {
    "date-named list of stories, with the story's date": (lambda p, w: (
        _std(p, w), p.after_body(_named_list(p, w))), "time"),
    "date-named cards, with the story's date": (lambda p, w: (
        _std(p, w), p.after_body(_named_cards(p, w))), "time"),
    "only a date-named list of stories after the body": (lambda p, w: p.after_body(_named_list(p, w)), "none"),
    "only a date-named list of stories at the top": (lambda p, w: p.top_of_page(_named_list(p, w)), "none"),
    "only date-named cards after the body": (lambda p, w: p.after_body(_named_cards(p, w)), "none"),
    "only a lone related card with a date-named date": (lambda p, w: p.after_body(_lone_card(p, w)), "none"),
    "only a header's date (weekday, no time)": (_header_date, "none"),
    "only a relative date with a full date in its title": (lambda p, w: p.below_title(
        f'<div><span class="time" title="{_d(w)} {_t(w)}">2 giờ trước</span></div>'), "none"),
}


def plan(rotate: int | None = None, places: int = 2) -> list[tuple[str, str, str, Callable, str]]:
    """Every variant as (group, name, place, rewrite(page, when), expectation). ``rotate``: each form at
    ``places`` places only (the case's number picks them), else every form at every place."""
    out: list[tuple[str, str, str, Callable, str]] = []
    where = list(PLACES.items())
    for f, (name, (form, kind)) in enumerate(FORMS.items()):
        chosen = where if rotate is None else [where[(rotate * places + f + i) % len(where)]
                                                for i in range(places)]
        for place_name, place in chosen:
            out.append(("printed", name, place_name, lambda p, w, form=form, place=place: place(p, form(w)), kind))
    for name, (rewrite, kind) in MARKUP.items():
        out.append(("markup", name, "", rewrite, kind))
    for name, (rewrite, kind) in TEASERS.items():
        out.append(("teaser", name, "", rewrite, kind))
    return out


def run(cases: list, *, rotate: bool = True) -> list[bv.DateOutcome]:
    """Extract every variant of every blanked case."""
    mv = bv._vn_dates()
    outcomes = []
    for k, case in enumerate(cases):
        gold = json.loads((REAL_ROOT / "dev" / f"{case.name}.json").read_text(encoding="utf-8"))
        for group, name, place, rewrite, kind in plan(k if rotate else None):
            page = mv.Page(case, gold)
            rewrite(page, case.when)
            result = extract_page(page.bytes(), case.url)
            got = result["published_at"].isoformat() if result["published_at"] else None
            outcomes.append(bv.DateOutcome(group, name, case.name, bv.date_verdict(result, case.when, kind), got,
                                           place))
    return outcomes


def main() -> None:
    outcomes = run(bv.date_cases(), rotate="--all-places" not in sys.argv)
    by_variant: dict[str, list[bv.DateOutcome]] = {}
    for o in outcomes:
        by_variant.setdefault(o.variant, []).append(o)
    for o in outcomes:
        if o.place:
            by_variant.setdefault(f"(any printed form) {o.place}", []).append(o)
    print(f"{'date variant':66} {'n':>3} {'right':>5} {'wrong':>5} {'miss':>5}")
    for variant, items in by_variant.items():
        counts = [sum(o.verdict == v for o in items) for v in ("right", "wrong", "missing")]
        print(f"{variant[:66]:66} {len(items):3} {counts[0]:5} {counts[1]:5} {counts[2]:5}")
    for group, (n, right, wrong, missing) in bv.date_figures(outcomes).items():
        print(f"TOTAL {group:10} {n} variants: right {right}, wrong {wrong}, missing {missing}")
    if "-v" in sys.argv:
        for o in outcomes:
            if o.verdict != "right":
                print("WRONG" if o.verdict == "wrong" else "MISSING", o.variant, o.place, "|", o.case, "|", o.got)


if __name__ == "__main__":
    main()
