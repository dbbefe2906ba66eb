"""Page typing on layouts nobody here has seen, built from the dev half of the real pages: each dev article
is rewritten the ways unseen sites differ (its metadata removed, an address without a story number, boxes of
related cards with long ledes after and inside its body, a home-like page of teaser boxes around it) and must
still be kept; each dev listing given og:type "article" (as many sites set on every page) must not be stored
unflagged. The rewrites are generic (no page's text is used); only dev pages are read, never the test half."""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

import pytest
from lxml import etree
from lxml import html as lxml_html

from pipelines.evaluate import REAL_ROOT
from pipelines.extract import extract_page
from pipelines.extract.decode import decode_html
from tests.helpers import gold_body_elements

_META_KEYS = {"og:type", "article:published_time", "pubdate", "datepublished", "dc.date.issued",
              "og:article:published_time", "article:modified_time"}


def _dev_pages(page_type: str) -> list[tuple[str, dict, bytes]]:
    pages = []
    for gold_file in sorted((REAL_ROOT / "dev").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if gold["page_type"] == page_type:
            pages.append((gold_file.stem, gold, gold_file.with_suffix(".html").read_bytes()))
    return pages


#: What the rewritten pages are: serialised as UTF-8 whatever their charset was.
UTF8 = "text/html; charset=utf-8"


def _parse(body: bytes, gold: dict) -> lxml_html.HtmlElement:
    """The page's tree, decoded as the site served it (lxml alone reads bytes without a charset tag as Latin-1,
    and a page served as UTF-8 by its HTTP header would be rewritten as mojibake)."""
    return lxml_html.document_fromstring(decode_html(body, gold.get("content_type")).text)


def _cards(host: str, n: int, lede_words: int, seed: int) -> lxml_html.HtmlElement:
    """A box of ``n`` related-story cards (thumbnail, headline link, lede), with class names that say nothing."""
    words = ("công nhân lao động hội nghị kết quả chính sách tiền lương doanh nghiệp thành phố kinh tế thị "
             "trường giáo viên bệnh viện").split()

    def phrase(n_words: int, k: int) -> str:
        return " ".join(words[(k * 7 + j * 3) % len(words)] for j in range(n_words))

    items = "".join(
        f'<div class="i{seed}"><img src="/img/{seed}-{i}.jpg"><h3><a href="https://{host}/muc/'
        f'{phrase(7, i).replace(" ", "-")}-{900000 + 17 * i + seed}.htm">{phrase(10, i + seed).capitalize()}</a>'
        f'</h3><p>{phrase(lede_words, i + 2 * seed).capitalize()}.</p></div>' for i in range(n))
    return lxml_html.fragment_fromstring(f'<div class="b{seed}">{items}</div>')


def _strip_metadata(tree: lxml_html.HtmlElement) -> None:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        script.drop_tree()
    for meta in tree.xpath("//meta"):
        if (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower() in _META_KEYS:
            meta.drop_tree()


def _plain_address(url: str) -> str:
    split = urlsplit(url)
    return urlunsplit((split.scheme, split.netloc, "/tin-tuc/bai-viet.html", "", ""))


def _boxes_after(tree: lxml_html.HtmlElement, gold: dict, host: str) -> None:
    body = gold_body_elements(tree, gold)
    box = _cards(host, 20, 60, 1)
    body[-1].addnext(box) if body else tree.find("body").append(box)


def _boxes_inside(tree: lxml_html.HtmlElement, gold: dict, host: str) -> None:
    # laodong.vn-style: related cards twice, in the middle of the story and after it.
    body = gold_body_elements(tree, gold)
    if not body:
        tree.find("body").append(_cards(host, 10, 70, 2))
        return
    body[len(body) // 2].addnext(_cards(host, 10, 70, 2))
    body[-1].addnext(_cards(host, 10, 70, 3))


def _home_like(tree: lxml_html.HtmlElement, gold: dict, host: str) -> None:
    page = tree.find("body")
    for seed in range(4, 7):
        page.insert(0, _cards(host, 6, 25, seed))
    _boxes_after(tree, gold, host)


_REWRITES: dict[str, Callable[[lxml_html.HtmlElement, dict, str], None]] = {
    "no metadata": lambda tree, gold, host: None,
    "related cards after the body": _boxes_after,
    "related cards inside the body, twice": _boxes_inside,
    "teaser boxes around the story": _home_like,
}


#: Dev articles of the later batches that rewrites still lose (README, "Page typing that loses nothing"), with
#: why: a ceiling pinned like the evaluation floors, so that no other article may be lost.
STILL_LOST = {
    "lequydoncamau-ke-hoach-kiem-tra-noi-bo": "an official plan pasted from Word (letterhead table, short lines) "
    "set among teaser boxes reads as a listing (that rewrite only)",
    # The tenth batch's WordPress school posts made mostly of short <br> lines, pinned when they were added
    # (the evidence round; no rule was written for them): with their metadata stripped and teaser cards or
    # boxes added by any of the three rewrites, they read as listings.
    "c3nhanchinh-cam-nang-huong-nghiep-cho": "a university's letter pasted as the post: broken link lines and a "
    "contact block, short <br> lines",
    "c3nhanchinh-chuong-trinh-cu-nhan-quoc": "an admissions e-mail pasted as the post: about seventy short "
    "<br> lines (dates, links, a signature printed twice)",
}
# No longer lost since the gates round of issue 14: c3nhanchinh-chuong-trinh-ki-niem-90 (one paragraph, then a
# prize list of short lines), kept flagged by the prose that opens under its headline.
# No longer lost since issue 14's headline rules: the provincial federation's story (a page wrapper named "header"
# that holds the story is not chrome, so its headline is found) and the twelve Hà Giang union stories (their
# "ArticleHeader" box is the headline, and the date line under it is read).


@pytest.mark.parametrize("rewrite", list(_REWRITES))
def test_no_dev_article_is_lost_on_a_rewritten_layout(rewrite: str) -> None:
    lost = []
    for name, gold, body in _dev_pages("article"):
        tree = _parse(body, gold)
        _strip_metadata(tree)  # every rewrite also removes JSON-LD, og:type and published-time tags
        _REWRITES[rewrite](tree, gold, urlsplit(gold["url"]).netloc)
        page = extract_page(etree.tostring(tree, encoding="utf-8", method="html"), _plain_address(gold["url"]),
                            content_type=UTF8)
        if page["page_type"] != "article":
            lost.append(name)
    assert set(lost) <= set(STILL_LOST), sorted(set(lost) - set(STILL_LOST))


#: Dev listings that are stored unflagged even before og:type "article" is added, with why: pinned like the
#: evaluation floors when their batch was added (the evidence round; no rule was written for them).
STILL_STORED = {
    "olympia-cat-bao-chi-noi-ve-chung-toi": "the eleventh batch's 'press about us' category page of a school "
    "portal: cards of '[Paper] headline' links to the papers' own sites, each dated; og:type article as served",
}


def test_dev_listings_with_og_type_article_are_not_stored_unflagged() -> None:
    stored = []
    for name, gold, body in _dev_pages("listing"):
        tree = _parse(body, gold)
        head = tree.find("head")
        if head is None:
            head = etree.SubElement(tree, "head")
        head.append(lxml_html.fragment_fromstring('<meta property="og:type" content="article">'))
        page = extract_page(etree.tostring(tree, encoding="utf-8", method="html"), gold["url"], content_type=UTF8)
        if page["page_type"] == "article" and "page_type_uncertain" not in page["quality_flags"]:
            stored.append(name)
    assert set(stored) <= set(STILL_STORED), sorted(set(stored) - set(STILL_STORED))
