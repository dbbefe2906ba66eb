"""Extraction cost without timing (issue 14): each test counts how often a page's whole tree is walked or a
text is parsed, and asserts that the count does not grow with the number of elements a rule loops over."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from lxml import html as lxml_html

from pipelines.extract import clean, extract_page, lines
from pipelines.extract.pagetype import section_heading

URL = "http://congdoan.example/tin-tuc/ho-tro-cong-nhan.html"
HEADLINE = "Công đoàn cơ sở hỗ trợ công nhân thuê nhà trọ"
STORY = "Công đoàn cơ sở đã hỗ trợ tiền thuê nhà trọ cho công nhân khu công nghiệp trong ba tháng qua. " * 5


def _from_pipelines(depth: int = 2) -> bool:
    """True when the spied call comes from our extraction code (not trafilatura's or lxml's)."""
    return "pipelines" in sys._getframe(depth).f_code.co_filename


@pytest.fixture
def whole_tree_walks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The walks of a whole document (``iter()`` of a root with no tag) our code makes, by caller."""
    walks: list[str] = []
    original: Callable[..., Any] = lxml_html.HtmlElement.iter

    def spy(self: lxml_html.HtmlElement, *tags: Any) -> Any:
        if not tags and self.getparent() is None and _from_pipelines():
            walks.append(sys._getframe(1).f_code.co_name)
        return original(self, *tags)

    monkeypatch.setattr(lxml_html.HtmlElement, "iter", spy)
    return walks


def _dated_page(dates: int) -> bytes:
    """A story whose headline is followed by ``dates`` elements named for a date that give a weekday and a day
    (each one is compared with the headline's place in the document)."""
    marks = '<div class="post-date">Thứ Hai, 05/03/2024</div>' * dates
    return (f"<html><head><title>{HEADLINE}</title></head><body><h1>{HEADLINE}</h1>{marks}<p>{STORY}</p>"
            f"</body></html>").encode()


def test_date_named_elements_do_not_walk_the_document_each(whole_tree_walks: list[str]) -> None:
    """The date-named-element rule asks, per element, whether it comes before the headline: a look-up in one
    index of the document order, not a walk of the document per element (quadratic on a hostile page)."""
    counts = {}
    for dates in (10, 300):
        whole_tree_walks.clear()
        page = extract_page(_dated_page(dates), URL)
        assert page["published_at"] is not None and page["published_at"].date().isoformat() == "2024-03-05"
        counts[dates] = len(whole_tree_walks)
    assert counts[300] == counts[10] <= 10, whole_tree_walks


def test_document_order_is_indexed_once_a_page(whole_tree_walks: list[str]) -> None:
    """The lead, the aligned signature and the date rules share one index of the document order a page."""
    signature = '<p style="text-align:right"><b>Lê Hoa</b></p>'
    body = (f'<html><body><h1>{HEADLINE}</h1><div class="sapo">{STORY[:200]}</div><p>{STORY}</p>{signature}'
            '<div class="post-date">Thứ Hai, 05/03/2024</div></body></html>').encode()
    page = extract_page(body, URL)
    assert page["author"] == "Lê Hoa" and page["lead"]
    assert Counter(whole_tree_walks)["index"] == 1


def test_json_ld_is_parsed_once_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every JSON-LD script is parsed once a page, valid or not, however many rules read it (the site's names,
    the article object, the breadcrumb, the page-type signals, the loose datePublished reader)."""
    parsed: Counter[str] = Counter()
    original = json.loads

    def spy(text: Any, *args: Any, **kwargs: Any) -> Any:
        if _from_pipelines():
            parsed[text] += 1
        return original(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", spy)
    valid = json.dumps({"@context": "https://schema.org", "@graph": [
        {"@type": "NewsArticle", "headline": HEADLINE, "publisher": {"@type": "Organization", "name": "Báo Mẫu"}},
        {"@type": "BreadcrumbList", "itemListElement": [
            {"name": "Trang chủ", "item": "http://congdoan.example/"},
            {"name": "Công đoàn", "item": "http://congdoan.example/cong-doan/"}]}]},
        ensure_ascii=False)
    invalid = '{"@type": "WebPage", "datePublished": "2024-03-05T09:30:00+07:00", "description": "a\nb",}'
    body = (f'<html><head><script type="application/ld+json">{valid}</script>'
            f'<script type="application/ld+json">{invalid}</script></head>'
            f"<body><h1>{HEADLINE}</h1><p>{STORY}</p></body></html>").encode()
    page = extract_page(body, URL)
    assert page["category"] == "Công đoàn" and page["published_at"].isoformat() == "2024-03-05T09:30:00+07:00"
    assert parsed[valid] == 1 and parsed[invalid] == 1, parsed


@pytest.mark.parametrize("line", ["Tin tức - 05/03/2024 09:30", "Lê Hoa | 19/08/2019 17:51",
                                  "Người đăng: Admin | Ngày đăng: 05/03/2024 | Lượt xem: 1234"])
def test_dateline_searches_each_text_for_dates_once(monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    searched: Counter[str] = Counter()
    original = lines.find_dates

    def spy(text: str, *args: Any) -> Any:
        searched[text] += 1
        return original(text, *args)

    monkeypatch.setattr(lines, "find_dates", spy)
    assert lines.dateline_dates(line)
    assert searched[line] == 1 and max(searched.values()) == 1, searched


def test_one_heading_key_for_widget_headings_and_section_names() -> None:
    """One fold of a heading's text serves the widget-heading vocabulary and the menu-link test: a count and the
    marks around the words do not count in either."""
    assert clean.is_heading_text("Tin liên quan ›") and clean.is_heading_text("» Tin liên quan (3)")
    menu = lxml_html.fromstring('<div><nav><a href="/tin-tuc">Tin tức (12)</a><a href="/su-kien">Sự kiện ›</a>'
                                '</nav><h1>Tin tức</h1></div>')
    anchors = [(a, a.get("href"), a.text_content()) for a in menu.iter("a")]
    assert section_heading(anchors, "Tin tức") and section_heading(anchors, "Sự kiện")
    assert not section_heading(anchors, "Tin tức mới nhất về công đoàn")


@pytest.fixture
def text_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The characters of the elements' whole texts (``text_content()``) our code reads, read by read."""
    reads: list[int] = []
    original: Callable[..., Any] = lxml_html.HtmlElement.text_content

    def spy(self: lxml_html.HtmlElement) -> Any:
        text = original(self)
        if _from_pipelines():
            reads.append(len(text))
        return text

    monkeypatch.setattr(lxml_html.HtmlElement, "text_content", spy)
    return reads


def _reads_for(reads: list[int], make: Callable[[int], bytes]) -> tuple[int, int]:
    counts = []
    for n in (50, 400):
        reads.clear()
        extract_page(make(n), URL)
        counts.append(sum(reads))
    return counts[0], counts[1]


def _story(extra: str) -> bytes:
    return (f"<html><head><title>{HEADLINE}</title></head><body><h1>{HEADLINE}</h1><p>{STORY}</p>{extra}"
            "</body></html>").encode()


@pytest.mark.parametrize("make", [
    # date-named elements among short links in one block: each asks whether its item holds a headline link
    lambda n: _story("<div>" + '<span class="date">Thứ Hai, 05/03/2024</span><a href="/x">ab</a>' * n + "</div>"),
    # links to writers' pages in one block: the same question for each
    lambda n: _story("<div>" + '<a href="/tac-gia/x">ab 1</a>' * n + "</div>"),
    # bylines in a box opened by a widget heading: each asks how much text the box holds
    lambda n: _story("<div><h3>Ý kiến bạn đọc</h3>" + '<span class="author">x</span>' * n + "</div>"),
    # headline links in one block: the page-type prose run asks, per link, how much text its block holds
    lambda n: _story("<div>" + '<a href="/bai-viet-mot-hai">Bài viết số một hai ba bốn</a> ' * n + "</div>"),
], ids=["dates-among-links", "writer-links", "bylines-in-widget", "headline-links"])
def test_text_reads_grow_linearly_with_elements_of_one_block(text_reads: list[int],
                                                            make: Callable[[int], bytes]) -> None:
    """A block many elements share is read once per rule, not once per element: eight times the elements
    cost at most about eight times the characters read (a read of the block per element: sixty-four times)."""
    small, large = _reads_for(text_reads, make)
    assert large <= 9 * small, (small, large)


@pytest.fixture
def sibling_steps(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Siblings the widget-heading rules of ``clean`` step over (``getnext`` calls and ``itersiblings`` items)."""
    steps: Counter[str] = Counter()
    next_original: Callable[..., Any] = lxml_html.HtmlElement.getnext
    siblings_original: Callable[..., Any] = lxml_html.HtmlElement.itersiblings

    def from_clean() -> bool:
        return sys._getframe(2).f_code.co_filename == clean.__file__

    def next_spy(self: lxml_html.HtmlElement) -> Any:
        if from_clean():
            steps["getnext"] += 1
        return next_original(self)

    def siblings_spy(self: lxml_html.HtmlElement, *args: Any, **kwargs: Any) -> Any:
        counted = from_clean()
        for sibling in siblings_original(self, *args, **kwargs):
            if counted:
                steps["itersiblings"] += 1
            yield sibling

    monkeypatch.setattr(lxml_html.HtmlElement, "getnext", next_spy)
    monkeypatch.setattr(lxml_html.HtmlElement, "itersiblings", siblings_spy)
    return steps


def test_widget_headings_among_many_siblings_do_not_list_them_all_each(sibling_steps: Counter[str]) -> None:
    """Each widget heading's rule reads the blocks after it only as far as its box goes, not every following
    sibling (a column of many "Tin liên quan" boxes would cost the square of them)."""
    def page(boxes: int) -> bytes:
        box = ("<h3>Tin liên quan</h3><p><a href='/a.html'>Công nhân khu công nghiệp được hỗ trợ tiền thuê trọ</a>"
               "</p><p>" + STORY + "</p><p>" + STORY + "</p><p>" + STORY + "</p>")
        return (f"<html><body><h1>{HEADLINE}</h1><div class='noi-dung'><p>{STORY}</p>{box * boxes}</div>"
                f"</body></html>").encode()

    counts = {}
    for boxes in (20, 160):
        sibling_steps.clear()
        assert HEADLINE in (extract_page(page(boxes), URL)["title"] or "")
        counts[boxes] = sum(sibling_steps.values())
    assert counts[20] > 0 and counts[160] <= 9 * counts[20], counts


def test_links_in_one_paragraph_are_not_each_read_from_the_paragraph_s_start(monkeypatch: pytest.MonkeyPatch,
                                                                               ) -> None:
    """The in-text test of a teaser's headline link (a link after 80 characters of its own paragraph's words)
    reads the paragraph from its start up to the link. A paragraph that opens with many empty elements before many
    headline links would be read past all of them once per link, links × elements; a link that is its own item (its
    paragraph holds other headline links) is not asked, so the steps grow with the page, not with the square."""
    from pipelines.extract import pagetype

    steps = Counter[str]()
    original = pagetype.etree.iterwalk

    def counting(*args: Any, **kwargs: Any) -> Any:
        for event in original(*args, **kwargs):
            steps["walk"] += 1
            yield event

    monkeypatch.setattr(pagetype.etree, "iterwalk", counting)

    def walked(links: int) -> int:
        steps.clear()
        gallery = "<span class='icon'></span>" * links + "".join(
            f"<a href='/tin-tuc/bai-viet-so-{n}.html'>Công đoàn cơ sở tổ chức hoạt động số {n} cho công nhân</a> "
            for n in range(links))
        html = (f"<html><body><h1>{HEADLINE}</h1><p>{STORY}</p><div class='gallery'><p>{gallery}</p></div>"
                "</body></html>")
        extract_page(html.encode(), URL)
        return steps["walk"]

    assert walked(400) < 6 * walked(100)
