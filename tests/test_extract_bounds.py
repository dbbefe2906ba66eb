"""Pathological pages cost time linear in their size: each finishes in bounded time and never raises."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from pipelines.extract import extract_page
from pipelines.extract.bounds import MAX_ATTRIBUTES, bound_html, drop_heavy, shrink_html

ARTICLE = ("<html><head><title>Hội nghị công đoàn</title></head><body><h1>Hội nghị công đoàn</h1><p>"
           + "Liên đoàn Lao động tỉnh tổ chức hội nghị giao ban công tác công đoàn. " * 20 + "</p>")

def _attributes(n: int) -> str:
    return " ".join(f"a{i}=v" for i in range(n))


#: Hostile pages at scale ``n`` (1 = the size named in the issue).
PAGES: dict[str, Callable[[float], str]] = {
    "100k unclosed tags": lambda n: ARTICLE + "<div><b><i><p>x" * int(25_000 * n),
    "50k nesting levels": lambda n: ARTICLE + "<div>" * int(50_000 * n) + "sâu" + "</div>" * int(50_000 * n),
    "200k links": lambda n: ARTICLE + "".join(f'<a href="/tin/{i}.html">Tin {i}</a> '
                                              for i in range(int(200_000 * n))),
    "5 MB attribute": lambda n: ARTICLE + '<div title="' + "x" * int(5_000_000 * n) + '">a</div>',
    "100k attributes": lambda n: ARTICLE + f"<div {_attributes(int(100_000 * n))}>a</div>",
    "1.6 MB unclosed script": lambda n: ARTICLE + "<script>" + "var a = 1; " * int(145_000 * n),
    "100k unclosed scripts": lambda n: ARTICLE + "<script>x" * int(100_000 * n),
    "unclosed comment": lambda n: ARTICLE + "<!--" + "x" * int(1_600_000 * n),
    "100k unclosed styles": lambda n: ARTICLE + "<style>" * int(100_000 * n),
}


def timed(html: str) -> tuple[float, dict]:
    start = time.perf_counter()
    page = extract_page(html.encode(), "http://127.0.0.1:9/tin/1.html")
    return time.perf_counter() - start, page


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pathological_page_is_bounded_and_linear(name: str) -> None:
    half, _ = timed(PAGES[name](0.5))
    full, page = timed(PAGES[name](1.0))
    assert "extraction_failed" not in page["quality_flags"]
    # generous: a quadratic step takes minutes here (a 1.6 MB unclosed script did, 100k attributes did)
    assert full < 30, f"{name}: {full:.1f} s"
    assert full < 3 * half + 2.0, f"{name}: {half:.2f} s at half size, {full:.2f} s at full size"


def test_drop_heavy_is_linear_on_unclosed_tags() -> None:
    for unit in ("<script>", "<style>", "<!--", "<svg>", "<noscript>"):
        times = []
        for n in (100_000, 200_000):
            html = "<p>x</p>" + unit * n
            start = time.perf_counter()
            assert drop_heavy(html) == html  # unclosed: kept as it is
            times.append(time.perf_counter() - start)
        assert times[1] < 3 * times[0] + 0.5, (unit, times)


def test_drop_heavy_removes_closed_elements_like_before() -> None:
    html = "<p>a</p><SCRIPT>x</script ><style>y</style><!-- c --><svg><g/></svg><noscript>n</noscript><p>b</p>"
    assert drop_heavy(html) == "<p>a</p>     <p>b</p>"
    assert drop_heavy("<script>a<script>b</script>c</script>") == " c</script>"
    assert drop_heavy("<p>a</p><script>1</script><script>2") == "<p>a</p> <script>2"


def test_shrink_cuts_at_a_block_end_and_bounds_tags() -> None:
    html = "<p>x</p>" * 100
    assert shrink_html(html, limit=50) == "<p>x</p>" * 6
    assert shrink_html(html, max_tags=10).count("<p>") == 10
    crowded = "<div " + " ".join(f'a{i}="v"' for i in range(MAX_ATTRIBUTES + 2000)) + ">texte</div>"
    assert bound_html(crowded) == ("<div>texte</div>", False)
    long_value = '<div title="' + "x" * 20_000 + '">a</div>'
    assert bound_html(long_value) == (long_value, False)  # one long attribute is parsed as it is
