"""Body text on layouts nobody here has seen, built from the dev half of the real pages (issue 14).

Each dev article is perturbed the ways real sites vary around a story: page widgets injected into the article
column in several wordings and markups (polls, weather, "Tin liên quan" / "Tin cùng chuyên mục" / "Đọc thêm" /
"Xem thêm" boxes as lists, cards and tables, share bars, comment forms, tag lists, counters, link lists to other
sites), bylines and dates moved (top or bottom, ``<strong>``/``<em>``/``<p align=right>``, "Theo ..."), the sapo's
container renamed, the article wrapped in a legacy layout table, its HTML split across sibling blocks. Each
perturbed page is compared with the same page unperturbed: body text lost (recall of the gold body down by more
than 0.02), chrome leaked (a string of the injected widget in ``text``), page type changed, title, date, author or
sapo changed (a sapo the unperturbed page gave). The widgets are generic (no page's own text is used); only dev
pages are read, never the test half.

Run ``.venv/bin/python tests/body_variants.py`` to print the table (``-v``: every failure).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

sys.path.append(str(Path(__file__).resolve().parent.parent))  # when run as a script

from pipelines.evaluate import REAL_ROOT, body_scores  # noqa: E402
from pipelines.extract import extract_page  # noqa: E402
from pipelines.extract.decode import decode_html  # noqa: E402
from tests.helpers import gold_body_elements  # noqa: E402

UTF8 = "text/html; charset=utf-8"
_STORY_WORDS = ("Công đoàn ngành Y tế tổ chức hội thao chào mừng ngày thành lập", "Hỗ trợ đoàn viên bị mất việc "
                "làm do doanh nghiệp thu hẹp sản xuất", "Khánh thành Mái ấm công đoàn cho nữ công nhân khó khăn",
                "Ký kết thỏa ước lao động tập thể nhóm doanh nghiệp dệt may", "Phát động tháng công nhân với "
                "chủ đề an toàn lao động")


@dataclass
class Widget:
    """Chrome injected into the article column: its markup and strings that must not reach ``text``."""

    markup: Callable[[str], str]  # host -> markup
    markers: tuple[str, ...]


def _links(host: str, dated: bool = False, n: int = 4) -> str:
    return "".join(f'<li><a href="https://{host}/tin-tuc/{i}-bai-{980100 + i}.html">{_STORY_WORDS[i]}</a>'
                   + (f" ({10 + i}/11/2026)" if dated else "") + "</li>" for i in range(n))


def _rows(host: str, n: int = 4) -> str:
    return "".join(f'<tr><td><a href="https://{host}/tin-tuc/{i}-bai-{980400 + i}.html">{_STORY_WORDS[i]}</a> '
                   f"({10 + i}/11/2026)</td></tr>" for i in range(n))


def _cards(host: str, n: int = 3) -> str:
    return "".join(f'<div class="it"><a href="https://{host}/tin-tuc/{i}-bai-{980200 + i}.html"><img '
                   f'src="/img/{i}.jpg" alt=""></a><h4><a href="https://{host}/tin-tuc/{i}-bai-{980200 + i}.html">'
                   f"{_STORY_WORDS[i]}</a></h4><p>Đông đảo đoàn viên, người lao động đã tham gia hưởng ứng.</p>"
                   "</div>" for i in range(n))


_HEADLINE_MARKERS = tuple(_STORY_WORDS[:3])

WIDGETS: dict[str, Widget] = {
    "poll (classed div, radio form)": Widget(lambda h: (
        '<div class="box-poll"><div class="hd">Thăm dò ý kiến</div><p>Bạn đánh giá thế nào về chất lượng bữa ăn '
        'ca của công nhân hiện nay?</p><form><input type="radio" name="p"> Rất tốt<br>'
        '<input type="radio" name="p"> '
        'Chưa đạt yêu cầu<br><button>Biểu quyết</button> <a href="#">Xem kết quả</a></form></div>'),
        ("bữa ăn ca của công nhân hiện nay", "Biểu quyết", "Xem kết quả")),
    "poll (bare table)": Widget(lambda h: (
        "<table><tr><td><b>BÌNH CHỌN</b></td></tr><tr><td>Theo bạn, chính sách nào cần ưu tiên cho người lao động "
        'năm tới?</td></tr><tr><td><input type="radio" name="q"> Nhà ở xã hội</td></tr><tr><td><input '
        'type="radio" name="q"> Tăng lương tối thiểu vùng</td></tr><tr><td><input type="submit" value="Gửi"> '
        '<a href="#">Kết quả</a></td></tr></table>'),
        ("chính sách nào cần ưu tiên", "Tăng lương tối thiểu vùng")),
    "weather": Widget(lambda h: (
        '<div class="w1"><h4>Thời tiết</h4><select><option>Hà Nội</option><option>TP Hồ Chí Minh</option></select>'
        "<span>28°C</span> <span>Nhiều mây, có mưa rào và dông vài nơi</span></div>"),
        ("Nhiều mây, có mưa rào", "28°C")),
    "Tin liên quan (list)": Widget(lambda h: f'<div class="r1"><h3>Tin liên quan</h3><ul>{_links(h)}</ul></div>',
                                   _HEADLINE_MARKERS),
    "Tin cùng chuyên mục (cards)": Widget(
        lambda h: f'<div class="r2"><div class="t">Tin cùng chuyên mục</div>{_cards(h)}</div>', _HEADLINE_MARKERS),
    "Đọc thêm (table)": Widget(lambda h: (
        f'<table class="r3"><tr><td><strong>Đọc thêm:</strong></td></tr>{_rows(h)}</table>'), _HEADLINE_MARKERS),
    "Xem thêm (inline paragraphs)": Widget(lambda h: "".join(
        f'<p><strong>&gt;&gt; Xem thêm:</strong> <a href="https://{h}/tin-tuc/{i}-bai-{980300 + i}.html">'
        f"{_STORY_WORDS[i]}</a></p>" for i in range(2)), _STORY_WORDS[:2]),
    "Tin khác (dated list, no class)": Widget(
        lambda h: f"<div><b>CÁC TIN KHÁC</b><ul>{_links(h, dated=True)}</ul></div>", _HEADLINE_MARKERS),
    "share bar": Widget(lambda h: (
        '<div class="sb"><span>Chia sẻ:</span> <a href="#">Facebook</a> <a href="#">Zalo</a> <a href="#">Twitter'
        '</a> <a href="#">In bài</a> <a href="#">Gửi email</a></div>'), ("Zalo", "In bài", "Gửi email")),
    "comment form": Widget(lambda h: (
        '<div class="cm"><h3>Ý kiến của bạn</h3><form><textarea placeholder="Nội dung"></textarea><input '
        'placeholder="Họ và tên"><input placeholder="Email"><button>Gửi bình luận</button></form><p>Chưa có bình '
        "luận nào. Hãy là người đầu tiên bình luận!</p></div>"), ("Gửi bình luận", "người đầu tiên bình luận")),
    "tag list": Widget(lambda h: (
        f'<div class="kw"><b>Từ khóa:</b> <a href="https://{h}/tag/cong-doan">công đoàn</a>, <a href="https://{h}'
        f'/tag/phuc-loi">phúc lợi đoàn viên</a>, <a href="https://{h}/tag/tet">Tết sum vầy</a></div>'),
        ("Từ khóa", "Tết sum vầy")),
    "counters": Widget(lambda h: "<div><span>Lượt xem: 1.234</span> | <span>Bình luận (0)</span></div>",
                       ("Lượt xem", "1.234")),
    "links to other sites (list)": Widget(lambda h: (
        '<div class="lk"><h4>Liên kết website</h4><ul><li><a href="https://laodong.example.vn/">Báo Lao Động</a>'
        '</li><li><a href="https://chinhphu.example.vn/">Cổng Thông tin điện tử Chính phủ</a></li><li><a '
        'href="https://congdoan.example.vn/">Tổng Liên đoàn Lao động Việt Nam</a></li></ul></div>'),
        ("Cổng Thông tin điện tử Chính phủ", "Liên kết website")),
    "links to other sites (select)": Widget(lambda h: (
        '<div><select onchange="go(this)"><option>-- Liên kết website --</option><option value="https://a.example'
        '.vn">Báo Lao Động</option><option value="https://b.example.vn">Cổng Thông tin điện tử Chính phủ</option>'
        "</select></div>"), ("Cổng Thông tin điện tử Chính phủ",)),
    "print/back links": Widget(lambda h: (
        '<div class="tool"><a href="#">In trang</a> | <a href="#">Về đầu trang</a> | <a href="javascript:history'
        '.back()">Quay lại</a></div>'), ("In trang", "Về đầu trang", "Quay lại")),
}
PLACES = ("after the body", "inside the body")


@dataclass
class Case:
    name: str
    url: str
    gold: dict
    html: bytes
    base: dict = field(default_factory=dict)  # extraction of the unperturbed page


def load_cases(per_site: int = 2, max_cases: int = 1000) -> list[Case]:
    """Dev articles whose body paragraphs can be found in the page, at most ``per_site`` a site."""
    cases: list[Case] = []
    count: dict[str, int] = {}
    for gold_file in sorted((REAL_ROOT / "dev").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        host = urlsplit(gold["url"]).netloc
        if gold["page_type"] != "article" or count.get(host, 0) >= per_site or len(cases) >= max_cases:
            continue
        tree = _tree(gold_file.with_suffix(".html").read_bytes(), gold)
        if len(gold_body_elements(tree, gold)) < 2:
            continue
        html = etree.tostring(tree, encoding="utf-8", method="html")
        count[host] = count.get(host, 0) + 1
        cases.append(Case(gold_file.stem, gold["url"], gold, html, extract_page(html, gold["url"],
                                                                                  content_type=UTF8)))
    return cases


def _tree(body: bytes, gold: dict) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(decode_html(body, gold.get("content_type")).text)


def _el(markup: str) -> lxml_html.HtmlElement:
    return lxml_html.fragment_fromstring(markup, create_parent="div")


def _inject(tree: lxml_html.HtmlElement, gold: dict, markup: str, place: str) -> None:
    body = gold_body_elements(tree, gold)
    anchor = body[-1] if place == "after the body" else body[len(body) // 2 - 1 if len(body) > 1 else 0]
    for child in reversed(list(_el(markup))):
        _put_after(anchor, child)


def _put_after(anchor: lxml_html.HtmlElement, element: lxml_html.HtmlElement) -> None:
    """After ``anchor``; inside it, at its end, when it is a table cell (a block beside a cell is not HTML)."""
    if anchor.tag in {"td", "th"}:
        anchor.append(element)
    else:
        anchor.addnext(element)


def _common_ancestor(elements: list[lxml_html.HtmlElement]) -> lxml_html.HtmlElement:
    chains = [[e, *e.iterancestors()] for e in elements]
    for candidate in chains[0]:
        if all(candidate in chain for chain in chains[1:]):
            return candidate
    return chains[0][-1]


def _wrap_in_table(tree: lxml_html.HtmlElement, gold: dict) -> None:
    """A legacy layout: the story's column a cell of a layout table, a link column beside it."""
    column = _common_ancestor(gold_body_elements(tree, gold))
    if column.tag in {"body", "html"}:
        return
    table = _el('<table width="100%" border="0" cellpadding="0"><tr><td valign="top" width="75%"></td>'
                '<td valign="top" width="25%"><b>CHUYÊN MỤC</b><br><a href="/tin-tuc">Tin tức</a><br>'
                '<a href="/hoat-dong">Hoạt động công đoàn</a></td></tr></table>')[0]
    column.addprevious(table)
    table.find(".//td").append(column)


def _split_siblings(tree: lxml_html.HtmlElement, gold: dict, between: str = "") -> None:
    """The story's HTML split across sibling blocks (a CMS that closes its body block mid-story)."""
    body = gold_body_elements(tree, gold)
    column = _common_ancestor(body)
    children = [c for c in column if isinstance(c.tag, str)]
    holders = [c for c in children if any(b is c or c in b.iterancestors() for b in body)]
    if column.tag in {"body", "html"} or len(holders) < 2:
        return
    cut = children.index(holders[len(holders) // 2])
    second = etree.Element(column.tag, {k: v for k, v in column.attrib.items() if k != "id"})
    for child in children[cut:]:
        second.append(child)  # moves it, tail and all
    column.addnext(second)
    if between:
        for piece in reversed(list(_el(between))):
            column.addnext(piece)


def _rename_sapo(tree: lxml_html.HtmlElement, gold: dict, name: str) -> None:
    lead = " ".join((gold.get("lead") or "").split())
    if not lead:
        return
    holders = [e for e in tree.iter() if isinstance(e.tag, str) and " ".join(e.text_content().split()) == lead]
    if not holders:
        return
    element = max(holders, key=lambda e: sum(1 for _ in e.iterancestors()) * -1)  # the outermost
    for key in ("class", "id"):
        element.attrib.pop(key, None)
    if name == "bold paragraph":
        element.tag = "p"
        text = element.text_content()
        for child in list(element):
            element.remove(child)
        element.text = None
        etree.SubElement(element, "strong").text = text
    else:
        element.tag = "div"
        element.set("class", name)


def _move_byline(tree: lxml_html.HtmlElement, gold: dict, markup: str, place: str) -> None:
    body = gold_body_elements(tree, gold)
    piece = _el(markup)[0]
    if place == "top" and body[0].tag in {"td", "th"}:
        body[0].insert(0, piece)
    elif place == "top":
        body[0].addprevious(piece)
    else:
        _put_after(body[-1], piece)


NAME = "Nguyễn Thanh Tâm"
#: Page rewrites other than widgets: name -> (rewrite, what must hold besides the body: "author", "lead").
REWRITES: dict[str, tuple[Callable[[lxml_html.HtmlElement, dict], None], str]] = {
    "article in a layout table": (_wrap_in_table, ""),
    "story split across two sibling blocks": (lambda t, g: _split_siblings(t, g), ""),
    "story split, an ad block between": (lambda t, g: _split_siblings(
        t, g, '<div class="qc"><a href="https://ads.example.vn/c?id=1"><img src="/qc/1.gif" alt="Quảng cáo"></a>'
        "</div>"), ""),
    **{f"sapo class '{name}'": (lambda t, g, n=name: _rename_sapo(t, g, n), "lead")
       for name in ("summary", "chapeau", "article-intro", "mota", "news-brief", "bold paragraph")},
    "byline last, <p align=right><strong>": (lambda t, g: _move_byline(
        t, g, f'<p align="right"><strong>{NAME}</strong></p>', "end"), "author"),
    "byline last, <em>Theo Name</em>": (lambda t, g: _move_byline(t, g, f"<p><em>Theo {NAME}</em></p>", "end"),
                                        "author"),
    "byline first, <strong>": (lambda t, g: _move_byline(t, g, f"<p><strong>{NAME}</strong></p>", "top"),
                               "author"),
}


@dataclass
class Outcome:
    group: str
    variant: str
    case: str
    lost: bool
    leaked: list[str]
    mistyped: bool
    metadata: list[str]


def _same(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()) == " ".join((b or "").split())


def _gold_text(gold: dict) -> str:
    return "\n".join(([gold["lead"]] if gold.get("lead") else []) + gold["paragraphs"])


def _check(case: Case, page: dict, group: str, variant: str, markers: tuple[str, ...], extra: str) -> Outcome:
    gold = _gold_text(case.gold)
    lost = body_scores(page["text"], gold)[1] < body_scores(case.base["text"], gold)[1] - 0.02  # recall
    leaked = [m for m in markers if m in page["text"] and m not in case.base["text"]]
    metadata = [key for key in ("title", "published_at", "author", "lead") if page[key] != case.base[key]]
    if extra == "author":
        metadata = [key for key in metadata if key != "author"]
        if page["author"] != NAME:
            metadata.append("author")
    if extra == "lead":  # the sapo found before the rewrite is found after it
        metadata = [key for key in metadata if key != "lead"]
        if _same(case.base["lead"], case.gold.get("lead")) and not _same(page["lead"], case.gold.get("lead")):
            metadata.append("lead")
    if extra == "author" and NAME in page["text"]:
        leaked.append(NAME)
    return Outcome(group, variant, case.name, lost, leaked, page["page_type"] != "article", metadata)


def run(cases: list[Case], *, one_place: bool = False) -> list[Outcome]:
    """Extract every variant of every case (``one_place``: each widget at one place a case, in turn)."""
    outcomes = []
    for k, case in enumerate(cases):
        host = urlsplit(case.url).netloc
        for w, (name, widget) in enumerate(WIDGETS.items()):
            for place in (PLACES[(k + w) % 2],) if one_place else PLACES:
                tree = _tree(case.html, {"content_type": UTF8})
                _inject(tree, case.gold, widget.markup(host), place)
                page = extract_page(etree.tostring(tree, encoding="utf-8", method="html"), case.url,
                                    content_type=UTF8)
                outcomes.append(_check(case, page, "widget", f"{name}, {place}", widget.markers, ""))
        for name, (rewrite, extra) in REWRITES.items():
            if extra == "lead" and not case.gold.get("lead"):
                continue
            if extra == "author" and case.gold.get("author"):
                continue  # the page's own byline stays: which of two is the author is not the question here
            tree = _tree(case.html, {"content_type": UTF8})
            rewrite(tree, case.gold)
            page = extract_page(etree.tostring(tree, encoding="utf-8", method="html"), case.url, content_type=UTF8)
            outcomes.append(_check(case, page, "layout", name, (), extra))
    return outcomes


def figures(outcomes: list[Outcome]) -> dict[str, tuple[int, int, int, int, int]]:
    """Per group: (variants, body lost, chrome leaked, page type changed, metadata changed)."""
    table: dict[str, list[int]] = {}
    for o in outcomes:
        row = table.setdefault(o.group, [0, 0, 0, 0, 0])
        row[0] += 1
        row[1] += o.lost
        row[2] += bool(o.leaked)
        row[3] += o.mistyped
        row[4] += bool(o.metadata)
    return {k: (v[0], v[1], v[2], v[3], v[4]) for k, v in table.items()}


def main() -> None:
    outcomes = run(load_cases())
    by_variant: dict[str, list[Outcome]] = {}
    for o in outcomes:
        by_variant.setdefault(o.variant, []).append(o)
    print(f"{'variant':58} {'n':>3} {'lost':>5} {'leak':>5} {'type':>5} {'meta':>5}")
    for variant, items in by_variant.items():
        print(f"{variant[:58]:58} {len(items):3} {sum(o.lost for o in items):5} "
              f"{sum(bool(o.leaked) for o in items):5} {sum(o.mistyped for o in items):5} "
              f"{sum(bool(o.metadata) for o in items):5}")
    for group, (n, lost, leaked, mistyped, meta) in figures(outcomes).items():
        print(f"TOTAL {group:8} {n} variants: body lost {lost}, chrome leaked {leaked}, page type changed "
              f"{mistyped}, metadata changed {meta}")
    if "-v" in sys.argv:
        for o in outcomes:
            if o.lost or o.leaked or o.mistyped or o.metadata:
                print("WRONG", o.variant, "|", o.case, "| lost" if o.lost else "", o.leaked or "",
                      "mistyped" if o.mistyped else "", o.metadata or "")


if __name__ == "__main__":
    main()
