"""Page-type classifier: article, listing (home, category, tag, archive pages) or other (contact, login,
search, gallery, error pages). Rules on repeated headline/lede/date blocks, link density, pagination, URL
shape, og:type and JSON-LD types; URL shape alone never decides."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from pipelines.extract.dates import find_dates
from pipelines.extract.metadata import ARTICLE_TYPES, LISTING_TYPES, json_ld, ld_types, meta_content
from pipelines.extract.normalize import normalize_line
from pipelines.urls import canonicalize_url

_PAGINATION_TEXT = re.compile(r"^(?:trang sau|trang tiếp|trang trước|trang kế|tiếp|sau|trước|next|prev|previous|"
                              r"older|newer|cũ hơn|mới hơn|xem tiếp|»|«|›|‹|>>|<<|>|<|\d{1,4}|trang \d+|đầu|cuối|"
                              r"first|last)$", re.I)
_PAGINATION_HREF = re.compile(r"(?:[/?&](?:page|trang|p|pg|paged|start|offset)[=/-]?\d+|/page/\d+|page-\d+|"
                              r"trang-\d+|/p\d+(?:\.html?)?$)", re.I)
_LISTING_URL = re.compile(r"(?:/(?:category|categories|chuyen-muc|chuyenmuc|danh-muc|tag|tags|the|tu-khoa|"
                          r"archive|itemlist|tin-tuc|news)/?$|/page[/-]\d+|[?&](?:page|p|cat|catid)=)", re.I)
_SEARCH_URL = re.compile(r"(?:search|tim-kiem|timkiem|tim_kiem|ket-qua)|[?&](?:q|s|keyword|tukhoa|query)=", re.I)
_OTHER_URL = re.compile(r"(?:lien-he|lienhe|contact|dang-nhap|dangnhap|login|signin|register|dang-ky|"
                        r"gallery|thu-vien-anh|album|photo|hinh-anh|video|so-do|sitemap|404|error)", re.I)
_ERROR_TEXT = re.compile(r"(?:\b404\b|không tìm thấy|không tồn tại|page not found|not found|lỗi hệ thống|"
                         r"đã bị xóa|internal server error)", re.I)
_SEARCH_TEXT = re.compile(r"kết quả tìm kiếm|tìm thấy \d+ kết quả|search results|từ khóa tìm kiếm", re.I)


@dataclass
class PageSignals:
    """What the classifier looked at, kept for debugging and tests."""

    teasers: int = 0  # repeated headline-link blocks in the largest group
    teaser_chars: int = 0  # text inside those blocks
    body_chars: int = 0  # extracted body text
    pagination: bool = False
    og_article: bool = False
    ld_article: bool = False
    ld_listing: bool = False
    password: bool = False
    search: bool = False
    error: bool = False
    images: int = 0
    forms_text: bool = False


def _headline_links(element: lxml_html.HtmlElement, page_url: str, self_url: str) -> list[lxml_html.HtmlElement]:
    links = []
    for a in element.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        text = normalize_line(a.text_content())
        if len(text.split()) < 4 or len(text) < 20:
            continue
        try:
            target = canonicalize_url(urljoin(page_url, href))
        except ValueError:
            continue
        if target == self_url or urlsplit(target).netloc != urlsplit(self_url).netloc:
            continue
        links.append(a)
    return links


def teaser_groups(tree: lxml_html.HtmlElement, page_url: str, self_url: str) -> tuple[int, int]:
    """Size and text of the largest group of sibling blocks that each hold one headline link to another
    page of the site (a listing's items; a sidebar's headline list has little text beside its links)."""
    links = _headline_links(tree, page_url, self_url)
    counts: dict[lxml_html.HtmlElement, int] = {}
    for a in links:
        counts[a] = counts.get(a, 0) + 1
        for ancestor in a.iterancestors():
            counts[ancestor] = counts.get(ancestor, 0) + 1
    best_count, best_chars = 0, 0
    seen_parents: set[int] = set()
    for a in links:
        # The item is the highest ancestor that still holds this one headline link only.
        item = a
        while item.getparent() is not None and item.getparent().tag not in {"body", "html"}:
            if counts.get(item.getparent(), 0) > 1:
                break
            item = item.getparent()
        parent = item.getparent()
        if parent is None or id(parent) in seen_parents:
            continue
        seen_parents.add(id(parent))
        items = [c for c in parent if isinstance(c.tag, str) and counts.get(c, 0) == 1]
        if len(items) < 2:
            continue
        chars = sum(len(normalize_line(c.text_content())) for c in items)
        if chars > best_chars:
            best_count, best_chars = len(items), chars
    return best_count, best_chars


def has_pagination(tree: lxml_html.HtmlElement) -> bool:
    """True when links look like page numbers or "Trang sau"/"Next" with page-numbered URLs."""
    numbered = 0
    for a in tree.iter("a"):
        href = a.get("href") or ""
        text = normalize_line(a.text_content())
        if _PAGINATION_HREF.search(href) and _PAGINATION_TEXT.match(text or "x") or (
                a.get("rel") or "").lower() in {"next", "prev"}:
            numbered += 1
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() in {"next", "prev"}:
            numbered += 1
    return numbered >= 1


def gather_signals(original: lxml_html.HtmlElement, cleaned: lxml_html.HtmlElement, page_url: str,
                   self_url: str, body_text: str) -> PageSignals:
    """Collect the classifier's inputs from the raw tree (metadata) and the cleaned tree (structure)."""
    signals = PageSignals(body_chars=len(body_text))
    og_type = (meta_content(original, "og:type") or "").lower()
    signals.og_article = og_type in {"article", "news", "newsarticle", "blog", "blogposting"}
    for obj in json_ld(original):
        kinds = ld_types(obj)
        signals.ld_article |= bool(kinds & ARTICLE_TYPES)
        signals.ld_listing |= bool(kinds & LISTING_TYPES - {"WebSite"})
    signals.teasers, signals.teaser_chars = teaser_groups(cleaned, page_url, self_url)
    signals.pagination = has_pagination(original)
    signals.password = original.find(".//input[@type='password']") is not None
    title = normalize_line(" ".join(t.text_content() for t in original.iter("title", "h1")))
    signals.search = bool(_SEARCH_URL.search(urlsplit(page_url).path + "?" + urlsplit(page_url).query)
                          and (_SEARCH_TEXT.search(original.text_content() or "") or "search" in page_url.lower()
                               or original.find(".//form") is not None)) or bool(_SEARCH_TEXT.search(title))
    signals.error = bool(_ERROR_TEXT.search(title))
    signals.images = len(cleaned.findall(".//img"))
    return signals


def classify(signals: PageSignals, page_url: str, has_date: bool) -> str:
    """``article``, ``listing`` or ``other`` from the signals."""
    path = urlsplit(page_url).path + ("?" + urlsplit(page_url).query if urlsplit(page_url).query else "")
    body = signals.body_chars
    if signals.error or signals.search:
        return "other"
    structured_article = signals.og_article or signals.ld_article
    teaser_dominates = signals.teasers >= 4 and signals.teaser_chars >= 0.6 * max(body, 1)
    if signals.ld_listing and not structured_article:
        return "listing"
    if teaser_dominates and not (structured_article and body >= 800):
        return "listing"
    if signals.pagination and signals.teasers >= 3 and not structured_article:
        return "listing"
    if signals.password and body < 600:
        return "other"
    if body >= 200 and (has_date or structured_article or body >= 600):
        return "article"
    if body >= 100 and has_date and not _OTHER_URL.search(path):
        return "article"
    if signals.teasers >= 3 or _LISTING_URL.search(path) and signals.teasers >= 2:
        return "listing"
    return "other"


def dated_teasers(tree: lxml_html.HtmlElement) -> int:
    """How many dates the page prints (listings print one per item)."""
    return len(find_dates(tree.text_content() or ""))
