"""DOM rules applied before trafilatura: remove the page chrome union sites carry, by markup and by wording."""

from __future__ import annotations

import functools
import itertools
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Set
from contextvars import ContextVar

from lxml import html as lxml_html

from pipelines.extract.lines import is_chrome_line
from pipelines.extract.metadata import HOME_NAMES
from pipelines.extract.normalize import normalize_line

#: Elements that never hold article text.
DROP_TAGS = ("script", "style", "noscript", "iframe", "marquee", "button", "select", "textarea", "svg",
             "canvas", "map", "object", "embed", "template", "nav", "menu", "input", "label")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Class/id words (split on spaces, "-", "_" and case changes) that always mark page chrome.
STRONG_CHROME_WORDS = _words("""
    related breadcrumb breadcrumbs crumbs navbar marquee weather poll polls login logon signin
    commentform comments copyright advert advertisement quangcao
""")
#: Class/id words that usually mark chrome, but also appear on page-wide wrappers ("widget", "header",
#: "no-sidebar"): an element so named is kept when it holds most of the page's paragraph text.
CHROME_WORDS = _words("""
    menu menus mainmenu topmenu submenu megamenu nav navigation widget widgets slide slides slider
    slideshow carousel banner banners slogan logo counter counters visitor visitors statistic
    statistics stats online vote survey register share sharing social sharebox print email sendmail
    mail tag tags keyword keywords comment reply rating rate footer ads ad qc search toolbar tools
    gotop totop backtop hotline weblink weblinks linklist links sitemap header topbar lang language
    languages viewcount views hits bookmark socials sidebar sidebox pagination paging pager
""") | STRONG_CHROME_WORDS
#: Class/id words of overlays (subscription or login dialogs, promotion pop-ups): shown over the page on
#: demand, never the story; such an element is kept only when it holds nearly all the page's paragraph text.
OVERLAY_WORDS = _words("modal popup dialog")
#: Run-together Vietnamese/English class and id names that mark chrome ("tinlienquan", "box-thoitiet").
CHROME_COMPOUNDS = re.compile(
    r"lienquan|tinkhac|othernews|other_news|relatednews|relatedpost|samecat|cungchuyenmuc|thoitiet|binhchon|"
    r"thamdo|quangcao|luotxem|luottruycap|truycap|thongke|dangnhap|timkiem|phantrang|lienket|chiase|"
    r"socialshare|sharebutton|addthis|fb-like|fb_like|zalo-share|newsother|tinmoi|tindadua|docnhieu|"
    r"xemnhieu|tinnoibat|noibat|mostread|mostview|hotnews|portlet-title|portlet-topper|portlet-header|"
    # "back to top" buttons, skip links and text for screen readers only: never the page's visible story
    r"backtotop|gototop|scrolltotop|skiplink|skiptocontent|screenreadertext|sronly|visuallyhidden",
)

#: Headings of related/other-news and widget blocks (compared after casefold, without trailing ":" or "»").
BLOCK_HEADINGS = frozenset(s.strip().casefold() for s in """
    tin liên quan|tin khác|các tin khác|các tin đã đưa|tin đã đưa|tin cùng chuyên mục|cùng chuyên mục|
    bài viết liên quan|bài liên quan|tin bài liên quan|các bài viết khác|bài viết khác|các bài khác|
    xem thêm|đọc thêm|tin tức khác|tin mới hơn|tin cũ hơn|các tin mới hơn|các tin cũ hơn|tin mới|tin mới nhất|
    tin nổi bật|tin xem nhiều|đọc nhiều|xem nhiều|đọc nhiều nhất|xem nhiều nhất|tin tiêu điểm|
    tiêu điểm|tin ảnh|video|thông báo|văn bản mới|liên kết website|liên kết web|liên kết|
    thăm dò ý kiến|bình chọn|thống kê truy cập|thông tin truy cập|lượt truy cập|thời tiết|thời tiết các vùng|
    đang online|html portlet|menu|danh mục|từ khóa|từ khoá|tags|tag|thẻ|chia sẻ|ý kiến bạn đọc|gửi ý kiến|
    bình luận|các bình luận|để lại bình luận|viết bình luận|gửi bình luận|ý kiến của bạn|related news|
    related posts|related articles|more news|read more|see also|other news|popular|most read|comments|
    leave a reply|leave a comment|share this|share|tin cùng loại|bài cùng chuyên mục|tin tức liên quan|
    file đính kèm|tập tin đính kèm|tài liệu đính kèm|thư viện ảnh|thư viện video|thư viện hình ảnh|album ảnh|
    video clip|mục lục|table of contents|
    giá vàng|giá vàng hôm nay|tỷ giá|tỉ giá|tỷ giá ngoại tệ|tỉ giá ngoại tệ
    """.replace("\n", "").split("|") if s.strip())

#: Elements whose content is page chrome wherever they sit (header/footer only outside the article).
CHROME_ANCESTORS = frozenset({"header", "footer", "nav", "aside", "li", "marquee"})
#: Related/other-news headings in their many wordings: "Các tin khác", "Bài viết cùng chuyên mục",
#: "Tin tức liên quan khác", "Các bài đã đăng", "Xem nhiều nhất", "Xem tiếp"...
_RELATED_HEADING = re.compile(
    r"(?:các |những )?(?:tin|bài|bài viết|tin bài|bài tin|tin tức|bản tin|thông tin|tin ảnh|video|văn bản|"
    r"tài liệu)"
    r"(?: (?:khác|liên quan|cùng (?:chuyên mục|chủ đề|loại|danh mục|lĩnh vực)|đã (?:đưa|đăng|xuất bản)|"
    r"mới(?: hơn| nhất| cập nhật| đăng)?|cũ hơn|trước|tiếp theo|nổi bật|xem nhiều(?: nhất)?|đọc nhiều(?: nhất)?|"
    r"tiêu điểm|hot|nóng|sự kiện|được quan tâm(?: nhất)?|hay|nên đọc))+"
    r"|(?:xem|đọc) (?:thêm|tiếp|nhiều(?: nhất)?)(?: (?:tin|bài|bài viết))?"
    r"|(?:có thể bạn quan tâm|bạn có thể quan tâm|đừng bỏ lỡ|liên kết(?: website| web site| web)?)"
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[\s_\-:.]+")
_CAPTION = re.compile(r"caption|chuthich|chu-thich|chu_thich|image-desc|photo-desc|desc-img")
_IMAGE_PATH = re.compile(r"^\S*\.(?:jpe?g|png|gif|webp|bmp|svg)(?:\?\S*)?$", re.I)


def class_words(element: lxml_html.HtmlElement) -> frozenset[str]:
    """Lower-case words of an element's class and id ("boxTinLienQuan" -> {"box", "tin", "lien", "quan"})."""
    return _class_words(element.get("class", ""), element.get("id", ""))


#: Words a class or id token may join: one with more is a slug of the page's text (a table of contents' anchor,
#: "trong-boi-canh-hien-nay-cac-hoat-dong-hoc-tap-…"), which says nothing of what the template made the block.
_NAME_WORDS = 8


def _template_names(class_: str, id_: str) -> str:
    """The class and id tokens of an element, slugs of its text left out."""
    return " ".join(token for token in f"{class_} {id_}".split()
                    if token.count("-") + token.count("_") < _NAME_WORDS)


@functools.lru_cache(maxsize=8192)  # a site's pages repeat their class names: split each one once
def _class_words(class_: str, id_: str) -> frozenset[str]:
    return frozenset(w for w in _SPLIT.split(_CAMEL.sub(" ", _template_names(class_, id_)).lower()) if w)


def _class_text(element: lxml_html.HtmlElement) -> str:
    return f"{element.get('class', '')} {element.get('id', '')}".lower()


def chrome_strength(element: lxml_html.HtmlElement) -> int:
    """2 when class/id names or the ARIA role surely mark chrome, 1 when they probably do, 0 otherwise; 3 for
    an overlay (a dialog or pop-up)."""
    if (element.get("aria-modal") or "").lower() == "true":
        return 3
    return _chrome_strength(element.get("role"), element.get("class", ""), element.get("id", ""))


_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar"})


@functools.lru_cache(maxsize=8192)
def _chrome_strength(role: str | None, class_: str, id_: str) -> int:
    role = (role or "").lower()
    if role in {"dialog", "alertdialog"}:
        return 3
    if role in _CHROME_ROLES:
        return 1
    words = _class_words(class_, id_)
    if not words:
        return 0
    if words & OVERLAY_WORDS:
        return 3
    joined = _template_names(class_, id_).lower().replace("-", "").replace("_", "")
    if words & STRONG_CHROME_WORDS or CHROME_COMPOUNDS.search(joined):
        return 2
    return 1 if words & CHROME_WORDS else 0


def is_chrome_by_markup(element: lxml_html.HtmlElement) -> bool:
    """True when class/id names or the ARIA role say the element is navigation, a widget or other chrome."""
    return chrome_strength(element) > 0


def paragraph_mass(root: lxml_html.HtmlElement) -> dict[lxml_html.HtmlElement, int]:
    """Characters of running text (text blocks of 80+ characters outside links) each element holds itself."""
    mass: dict[lxml_html.HtmlElement, int] = {}
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in {"a", "script", "style", "li", "option"}:
            continue
        own = len((element.text or "").strip()) + sum(len((c.tail or "").strip()) for c in element)
        if element.tag in {"p", "blockquote"}:
            own = len(element.text_content().strip()) - sum(len(a.text_content()) for a in element.iter("a"))
        if own >= 80:
            mass[element] = own
    return mass


def _held_mass(element: lxml_html.HtmlElement, mass: dict[lxml_html.HtmlElement, int]) -> int:
    return sum(mass.get(e, 0) for e in element.iter())


def drop_prose_above_headline(tree: lxml_html.HtmlElement, headline: lxml_html.HtmlElement | None,
                              mass: dict[lxml_html.HtmlElement, int] | None = None) -> None:
    """Remove the boxes of running text that stand before the story's ``headline``, beside the blocks that hold
    it (a portal's box introducing the school above every page, a sidebar's paragraphs): the story is told under
    its headline. Only when the running text after the headline is most of the page's (:data:`_AFTER_SHARE` of
    it, and :data:`_AFTER_MIN` characters): a headline found in the wrong place (a related box under the story)
    takes nothing. The page's sapo is read before cleaning, wherever it stands. ``mass``: the page's
    :func:`paragraph_mass` when the caller has it (elements removed since are no longer reached)."""
    if headline is None or headline.tag in _INLINE_TAGS:
        return  # (an inline element taken for the headline, a bold line, is a subheading inside the story's text)
    body = tree.find("body")
    root = body if body is not None else tree
    mass = paragraph_mass(root) if mass is None else mass
    boxes: list[tuple[lxml_html.HtmlElement, int]] = []
    after = _held_mass(headline, mass)
    node = headline
    while node is not root and (parent := node.getparent()) is not None:
        # Boxes only: a paragraph beside the headline's own blocks is the story's (its opening words over a
        # subheading taken for the headline).
        boxes.extend((box, held) for box in node.itersiblings(preceding=True)
                     if box.tag in _BOX_TAGS and (held := _held_mass(box, mass)))
        after += sum(_held_mass(sibling, mass) for sibling in node.itersiblings())
        node = parent
    if node is not root or not boxes:
        return  # (the headline outside the body, or nothing above it)
    dropped = sum(held for _, held in boxes)
    if after < _AFTER_MIN or after < _AFTER_SHARE * (after + dropped):
        return
    for box, _ in boxes:
        _remove(box, "prose above the headline")


#: Characters of running text under a headline, and their share of the page's, from which the boxes of running
#: text above it are not the story's.
_AFTER_MIN = 500
_AFTER_SHARE = 0.75


def enclosing_cell(element: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The table cell (``td``, ``th``) holding ``element``, itself included; None outside a table."""
    return next((a for a in (element, *element.iterancestors()) if a.tag in {"td", "th"}), None)


def heading_key(text: str) -> str:
    """A heading's text folded for comparison: with ``BLOCK_HEADINGS``, and a page's heading with its menu links'
    texts (:func:`pipelines.extract.pagetype.section_heading`). Case, a count ("Ý kiến bạn đọc (0)") and the
    marks around it ("» Tin liên quan", "Tin tức ›", "-- Tin mới --:") do not count."""
    text = normalize_line(text).casefold()
    text = re.sub(r"\s*\(\d*\)\s*$", "", text)
    return text.strip(" :»«›>•·-–|*#.").strip()


def is_block_heading(element: lxml_html.HtmlElement) -> bool:
    """True for a short element whose whole text is a related-news or widget heading ("TIN LIÊN QUAN")."""
    text = text_within(element, _HEADING_MAX_CHARS)
    return text is not None and is_heading_text(text)


def text_within(element: lxml_html.HtmlElement, limit: int) -> str | None:
    """The element's text (its ``text_content()``) when it is at most ``limit`` characters, else None: read
    only as far as the limit, so that asking it of every element of a page stays linear-ish, not
    quadratic in the page's depth."""
    if not len(element):  # a leaf (most elements): its own text
        text = element.text or ""
        return text if len(text) <= limit else None
    parts = []
    size = 0
    for part in element.itertext():
        size += len(part)
        if size > limit:
            return None
        parts.append(part)
    return "".join(parts)


_HEADING_MAX_CHARS = 60


def is_heading_text(text: str) -> bool:
    """True for a related-news or widget heading's text ("TIN LIÊN QUAN", "Các tin khác:")."""
    if len(text) > _HEADING_MAX_CHARS:
        return False
    key = heading_key(text)
    return key in BLOCK_HEADINGS or _RELATED_HEADING.fullmatch(key) is not None


#: When set (``congdoan extract --explain``), every removal is recorded as (rule, text): the name of the
#: rule function that removed the block and the block's first words. A context variable: extraction stays
#: a pure function, and concurrent extractions do not mix their records.
REMOVALS: ContextVar[list[tuple[str, str]] | None] = ContextVar("congdoan_removals", default=None)


def _remove(element: lxml_html.HtmlElement, rule: str | None = None) -> None:
    """Remove ``element`` but keep its tail text in the document; ``rule`` names the rule for --explain."""
    parent = element.getparent()
    if parent is None:
        return
    _record(element, rule or sys._getframe(1).f_code.co_name)
    element.drop_tree()


def _record(element: lxml_html.HtmlElement, rule: str) -> None:
    """Note for --explain that ``rule`` took ``element``'s text out of the story."""
    record = REMOVALS.get()
    if record is not None:
        text = normalize_line(element.text_content())
        if text:
            record.append((rule, text[:90]))


def protected(protect: lxml_html.HtmlElement | None) -> set[lxml_html.HtmlElement]:
    """The elements never removed: ``protect`` (the article's heading) and its ancestors."""
    return {protect, *protect.iterancestors()} if protect is not None else set()


def _protected(element: lxml_html.HtmlElement, protect: lxml_html.HtmlElement | None) -> bool:
    if protect is None:
        return False
    return element is protect or any(a is element for a in protect.iterancestors())


#: Headings that may also be a one-line pointer inside an article ("Xem thêm: <link>"): only the heading and
#: the link lines right after it go, never running text.
WEAK_HEADINGS = frozenset({"xem thêm", "đọc thêm", "read more", "see also", "more", "share", "tags", "tag",
                           "thẻ", "từ khóa", "từ khoá", "chia sẻ", "video", "thông báo", "menu", "danh mục"})
_INLINE = {"a", "span", "strong", "b", "em", "i", "font", "u"}
_BLOCK_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "div", "p", "td", "th", "li", "dt", "legend",
                       "caption", "header", "section"}


def heading_block(element: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The block a would-be block heading stands for: the element itself when it is a block, or the block
    parent of an inline element that is that parent's whole text."""
    if element.tag in _BLOCK_HEADING_TAGS:
        return element
    if element.tag in _INLINE:
        node = element
        while node.getparent() is not None and node.getparent().tag in _INLINE:
            node = node.getparent()
        parent = node.getparent()
        if parent is not None and parent.tag in _BLOCK_HEADING_TAGS and heading_key(
                parent.text_content()) == heading_key(element.text_content()):
            return parent
        if parent is not None and parent.tag in {"div", "td", "section"} and _opens_box(node, parent):
            return node  # "<div><b>Giá vàng</b><table>…</table></div>": the bold line opens the box
    return None


def _opens_box(node: lxml_html.HtmlElement, parent: lxml_html.HtmlElement) -> bool:
    """True when inline ``node`` is the first thing in ``parent`` and only blocks follow it (no running text:
    "<p><b>Thông báo</b> của Ban chấp hành …" is a paragraph, not a box)."""
    if (parent.text or "").strip() or (node.tail or "").strip():
        return False
    children = [c for c in parent if isinstance(c.tag, str)]
    if not children or children[0] is not node or len(children) < 2:
        return False
    rest = children[1:]
    return not any((c.tail or "").strip() for c in rest) and any(c.tag not in _INLINE and c.tag != "br"
                                                                 for c in rest)


def _has_link(element: lxml_html.HtmlElement) -> bool:
    return element.tag == "a" or element.find(".//a") is not None


def remove_block_after_heading(heading: lxml_html.HtmlElement, protect: lxml_html.HtmlElement | None,
                               holds_article: Callable[[lxml_html.HtmlElement], bool],
                               prose_beside: Callable[[lxml_html.HtmlElement, lxml_html.HtmlElement], bool]
                               = lambda parent, node: False) -> None:
    """Remove a related/widget block headed by ``heading``: the heading's box when the heading opens it;
    else the heading and the teasers after it in its parent (a "TIN LIÊN QUAN" run at the end of an article):
    headline links, short lines and the lede right after a headline, up to the first plain paragraph."""
    weak = heading_key(heading.text_content()) in WEAK_HEADINGS
    node = heading
    # Climb while the node is the first element of its parent: the parent is the block the heading opens.
    while not weak:
        parent = node.getparent()
        if parent is None or parent.tag in {"body", "html"} or _protected(parent, protect):
            break
        if holds_article(parent) or prose_beside(parent, node):
            break  # the story's column (or part of it) with a box at its top, not the box
        first = next((c for c in parent if isinstance(c.tag, str)), None)
        if first is not node or (parent.text or "").strip():
            break
        node = parent
    if node is not heading:
        following = _following(node)
        alone = heading_key(node.text_content()) == heading_key(heading.text_content())
        _remove(node, "widget heading's box")
        if alone and not weak:  # a box that is only the heading ("<table><td>VĂN BẢN MỚI</td></table>") heads
            _remove_linked_run(following, protect)  # the link blocks set after it (the widget's list)
        return
    siblings = _following(heading)
    _remove(heading, "widget heading")
    # A paragraph of prose before any link is the story's, not a teaser's lede: a subheading in widget words ("Tin
    # nổi bật") over the story's next paragraphs took two of them, and a short story was lost.
    linked = False
    since_link = 0
    for sibling in siblings:
        if _protected(sibling, protect):
            break
        text = normalize_line(sibling.text_content())
        if _has_link(sibling) and len(text) < 400 or sibling.tag in {"ul", "ol", "table", "dl"} and _has_link(
                sibling):
            since_link, linked = 0, True
        elif not text and sibling.tag in {"br", "hr", "img", "figure", "picture"}:
            pass
        elif not weak and (len(text) < 100 or since_link < _LEDES_AFTER_LINK and (
                linked or not _is_prose(text) or _BLOCK_CHILD(sibling))):
            since_link += 1
        else:
            break
        _remove(sibling, "block under a widget heading")


#: Blocks of any length taken after a teaser's headline link (its lede and a line under it).
_LEDES_AFTER_LINK = 2
#: A block inside a block: a teaser card (headline, time, lede) is no paragraph, whatever its last sentence.
_BLOCK_CHILD = lxml_html.etree.XPath(
    "boolean(.//*[self::p or self::div or self::li or self::h2 or self::h3 or self::h4 or self::table])")
#: Words from which a block that ends a sentence is a paragraph of prose.
_PROSE_PARAGRAPH_WORDS = 15


def _is_prose(text: str) -> bool:
    """A paragraph's text of running prose: 15 words or more ending a sentence, not an item of a list ("Số:
    415/PGD&ĐT … Tên: …", a widget's row of fields, ends none; "- Mark Zuckerberg là nhà đồng sáng lập …", a
    profile card's first item, is a list's)."""
    return len(text.split()) >= _PROSE_PARAGRAPH_WORDS and text.rstrip(" \"”’)").endswith((".", "!", "?", "…")) \
        and not text.startswith(("-", "–", "•", "+", "*"))


def _following(element: lxml_html.HtmlElement) -> Iterator[lxml_html.HtmlElement]:
    """The elements after ``element`` in its parent, read one at a time as the caller goes (a rule stops at
    the first block that is not its own: listing every sibling of each heading among many would cost the
    square of them). The first is found now, so ``element`` may be removed before the caller starts; each
    next one before the current is handed over, so the caller may remove the current."""
    start = element.getnext()

    def walk(current: lxml_html.HtmlElement | None) -> Iterator[lxml_html.HtmlElement]:
        while current is not None:
            after = current.getnext()
            if isinstance(current.tag, str):
                yield current
            current = after
    return walk(start)


def _remove_linked_run(siblings: Iterable[lxml_html.HtmlElement], protect: lxml_html.HtmlElement | None) -> None:
    """Remove the blocks of ``siblings`` that are links (a list of links, a block mostly of link text), up to the
    first block that is not: the list a widget heading standing alone in its box heads."""
    for sibling in siblings:
        if _protected(sibling, protect):
            break
        text = normalize_line(sibling.text_content())
        if text and not (_has_link(sibling) and mostly_linked(sibling, text)):
            break
        if text or sibling.tag in {"br", "hr", "img", "figure", "picture", "ul", "ol", "table", "div"}:
            _remove(sibling, "links under a widget heading")


def is_layout_table(table: lxml_html.HtmlElement) -> bool:
    """True for a table used to lay out the page (nested tables, paragraphs or long text in cells, one
    column of blocks) rather than to show data."""
    if table.find(".//table") is not None:
        return True
    rows = table.findall(".//tr")
    if len(rows) <= 1:
        return True
    for cell in table.iter("td", "th"):
        if cell.find(".//p") is not None or cell.find(".//div") is not None or len(cell.findall(".//br")) >= 2:
            return True
        if len(cell.text_content()) > 200:
            return True
    return max((len(r.findall("td")) + len(r.findall("th")) for r in rows), default=0) <= 1


def unwrap_layout_tables(root: lxml_html.HtmlElement) -> None:
    """Turn layout tables into nested <div>s so that trafilatura sees blocks, not one big data table."""
    for table in list(root.iter("table")):
        if not is_layout_table(table):
            continue
        for element in table.iter("table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption"):
            element.tag = "div"


def expose_captions(root: lxml_html.HtmlElement) -> None:
    """Make photo captions plain paragraphs: trafilatura drops <figure>s unless images are kept, and every
    element whose class mentions "caption"; the corpus keeps captions as body text."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "figure":
            element.tag = "div"
            continue
        is_caption = element.tag == "figcaption" or element.tag in {"p", "div", "span", "em", "i", "td"} and (
            _CAPTION.search(_class_text(element)) is not None)
        if is_caption and len(normalize_line(element.text_content())) <= 400:
            element.tag = "p"
            for name in ("class", "id"):
                element.attrib.pop(name, None)
    for image in list(root.iter("img")):
        caption = _caption_under_image(image)
        if caption is not None:
            link = image.getparent()
            if link is not None and link.tag == "a" and _IMAGE_HREF.search(link.get("href") or "") \
                    and not normalize_line(link.text_content()) and len(link) == 1:
                link.drop_tag()  # a link to the photo's full size (a lightbox): trafilatura drops the caption
            caption.tag = "p"


def _worded_blocks(element: lxml_html.HtmlElement) -> int:
    """Innermost blocks with text under ``element``, counted up to two (a caption is one line; an empty spacer
    cell beside it does not count); reads at most :data:`_CAPTION_BLOCK_READ` blocks."""
    count = 0
    for block in itertools.islice(element.iterdescendants(*_BLOCK_DESCENDANTS), _CAPTION_BLOCK_READ):
        if next(block.iterdescendants(*_BLOCK_DESCENDANTS), None) is None and normalize_line(block.text_content()):
            count += 1
            if count > 1:
                break
    return count


_CAPTION_BLOCK_READ = 40
#: Tags a caption line under a photo may have (a table's cell once tables are unwrapped, an editor's <div>).
_CAPTION_HOLDERS = frozenset({"div", "td", "span", "em", "i", "center", "font"})
#: The same, and a paragraph the line already is (a caption cell's ``<p>``: made a paragraph again, it would nest).
_CAPTION_LEAVES = _CAPTION_HOLDERS | {"p"}


def _caption_under_image(image: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The unclassed caption line right under a photo in a story (a legacy photo table's second row, an
    editor's ``<div>`` after the image's block): a short line without links after a block that holds only the
    image, beside the story's paragraphs. trafilatura drops such a line when it is nested in blocks."""
    block = image.getparent()
    for _ in range(4):
        if block is None or block.tag in {"body", "html"} or normalize_line(block.text_content()):
            return None
        after = block.getnext()
        while after is not None and not isinstance(after.tag, str):
            after = after.getnext()
        if after is None:
            block = block.getparent()
            continue
        text = normalize_line(after.text_content())
        if not 0 < len(text) <= 300 or after.find(".//a") is not None or after.find(".//img") is not None \
                or len(after.findall(".//br")) > 1 or _worded_blocks(after) > 1 or after.find(".//li") is not None:
            return None  # several lines (a profile beside a portrait: name, birth year, post...) are no caption
        leaf = after
        while True:
            # Down to the one child that holds the whole line (a caption row's spacer cell left empty beside it).
            worded = [c for c in leaf if isinstance(c.tag, str) and normalize_line(c.text_content())]
            if len(worded) != 1 or worded[0].tag not in _CAPTION_LEAVES or normalize_line(
                    worded[0].text_content()) != normalize_line(leaf.text_content()):
                break
            leaf = worded[0]
        photo = block.getparent()
        beside = photo.getparent() if photo is not None else None
        for _ in range(3):  # wrappers holding only the photo (its table, unwrapped into blocks) up to the story
            if beside is None or len(list(itertools.islice((c for c in beside if isinstance(c.tag, str)), 2))) > 1:
                break
            photo, beside = beside, beside.getparent()
        if leaf.tag not in _CAPTION_LEAVES or beside is None or not any(
                c.tag in {"p", "div"} and len(c.text_content()) >= 80 for c in beside if c is not photo):
            return None
        return leaf
    return None


#: Running text (characters in paragraphs of 80 or more) beside a widget's box that makes their common parent a
#: column of the story rather than the widget's box (a "TIN MỚI" box at the top of a story's block).
PROSE_BESIDE_BOX = 400
#: Share of the page's paragraph text a chrome-named element must hold to be kept, by chrome strength.
_KEEP_SHARE = {1: 0.5, 2: 0.7, 3: 0.9}


def clean_tree(tree: lxml_html.HtmlElement, protect: lxml_html.HtmlElement | None = None, *,
               keep_captions: bool = True) -> None:
    """Remove chrome from ``tree`` in place. ``protect`` (the article's own heading, when known) and its
    ancestors are never removed. ``keep_captions`` turns photo captions into paragraphs (the corpus
    convention for Vietnamese pages)."""
    guard = protected(protect)  # nothing below removes these, so the set stays right to the end
    # Read before the fields and buttons go (DROP_TAGS): the boxes built around them.
    widget_boxes = contact_blocks(tree) | input_boxes(tree)
    permalinks = permalink_lines(tree)
    for element in list(tree.iter(*DROP_TAGS)):
        if element not in guard:
            _remove(element, f"<{element.tag}>")
    for element in list(tree.iter(lxml_html.etree.Comment)):
        _remove(element, "comment")
    body = tree.find("body")
    root = body if body is not None else tree
    mass = paragraph_mass(root)
    total = sum(mass.values())

    def holds_article(element: lxml_html.HtmlElement, share: float = 0.5) -> bool:
        return total > 0 and _held_mass(element, mass) >= share * total

    def prose_beside(parent: lxml_html.HtmlElement, box: lxml_html.HtmlElement) -> bool:
        return _held_mass(parent, mass) - _held_mass(box, mass) >= PROSE_BESIDE_BOX

    # Wording first: a widget's heading ("Tin nổi bật", "Thăm dò ý kiến") marks its whole box, even when
    # the heading itself also carries a chrome class that the markup rules would remove on its own.
    attached = Attachment(root)
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element in guard or not attached(element):
            continue
        if is_block_heading(element):
            block = heading_block(element)
            if block is not None and block.getparent() is not None and block not in guard:
                remove_block_after_heading(block, protect, holds_article, prose_beside)
                attached.forget()
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element is root or not attached(element):
            continue
        if element in guard:
            continue
        if element.tag in {"header", "footer", "aside"} and not _inside_article(element):
            if not holds_article(element):
                _remove(element, f"<{element.tag}> outside the story")
                attached.forget()
        elif element.tag == "form" and _is_small_form(element) or (
                # An imprint is the site's, however much of the page's prose it holds: beside a story of photo
                # captions more than half, on a category page of teasers nearly all (kept, its licence's date was
                # the page's and its bold owner line the headline).
                is_imprint(element)) or (
                element in widget_boxes and not holds_article(element)):
            _remove(element, "form or imprint")
            attached.forget()
        elif element in permalinks and not holds_article(element):
            _remove(element, "permalink line")
            attached.forget()
        else:
            strength = chrome_strength(element)
            if strength and not holds_article(element, _KEEP_SHARE[strength]) and not _inline_in_prose(element):
                marker = element.get("class") or element.get("id") or element.tag
                _remove(element, f"chrome markup ({marker})"[:60])
                attached.forget()
    unwrap_layout_tables(root)
    for element in list(root.iter(*_LINK_BLOCK_TAGS)):
        if element not in guard and attached(element) and is_link_block(element) and not _in_sentence(element):
            _remove(element, "link block")
            attached.forget()
    for element in list(root.iter("table")):
        if element not in guard and attached(element) and is_calendar(element):
            _remove(element, "calendar")
            attached.forget()
    for element in list(root.iter("ul", "ol")):
        if element not in guard and attached(element) and (is_headline_list(element) or is_anchor_list(element)):
            _remove(element, "headline list or table of contents")
            attached.forget()
    for element in list(root.iter("div", "section", "ul", "ol")):
        if element not in guard and attached(element) and is_headline_cards(element):
            _remove(element, "headline cards")
            attached.forget()
    for element in list(root.iter("p", "div", "li", "td", "span")):
        if element in guard or not attached(element):
            continue
        if is_pointer_line(element) or is_tool_bar(element):
            _remove(element, "related pointer or tool bar")
            attached.forget()
        elif is_breadcrumb_line(element):
            _remove(element, "breadcrumb line")
            attached.forget()
    for element in session_notices(root):
        if element not in guard and attached(element):
            _remove(element, "session notice")
            attached.forget()
    for element in list(root.iter("a")):  # a link hidden by its style: a script's control ("Next image")
        if element not in guard and _HIDDEN_STYLE.search(element.get("style") or "") and attached(element):
            _remove(element, "hidden link")
            attached.forget()
    for element in list(root.iter(*_BOX_TAGS)):
        if element not in guard and attached(element) and is_emptied_box(element):
            # Marked, not removed: taking a sidebar panel out of the tree can change the block trafilatura
            # takes for a short post (it then came out as one line with its date and headline). Its heading
            # line leaves the text after trafilatura (:func:`emptied_headings`).
            element.set(EMPTIED_MARK, "1")
            _record(element, "box left with only its heading")
    for element in list(root.iter(*_TITLE_TAGS)):
        if element not in guard and attached(element) and is_title_over_nothing(element):
            element.set(EMPTIED_MARK, "1")  # the same: a box's title whose body, its next sibling, is empty
            _record(element, "title over an empty box")
    if keep_captions:
        expose_captions(root)
    for element in list(root.iter("li", "p", "div", "span", "a")):
        if element.getparent() is not None and _IMAGE_PATH.match((element.text_content() or "").strip()):
            _remove(element, "image path")
    drop_prose_above_headline(tree, protect, mass)


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BOX_TAGS = ("div", "section", "aside", "td", "table")
#: Class words of a box's heading ("panel-title", "box-header", "tieude").
_HEADING_CLASS_WORDS = frozenset({"title", "heading", "header", "head", "tieude", "caption"})
_PANEL_TITLE_MAX_CHARS = 160
#: A link's address that is an image file (a photo's full size, maybe with a query or a fragment), not a page.
_IMAGE_HREF = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp)(?:[?#].*)?$", re.I)


#: Attribute set on a box that :func:`is_emptied_box` found; read back by :func:`emptied_headings`.
EMPTIED_MARK = "data-congdoan-emptied"


def emptied_headings(root: lxml_html.HtmlElement) -> set[str]:
    """The headings (normalised lines) of the boxes ``clean_tree`` marked as left with only their heading."""
    return {normalize_line(box.text_content()) for box in root.xpath(f"//*[@{EMPTIED_MARK}]")}


#: Tags of a box's title set beside its body rather than inside it.
_TITLE_TAGS = ("div", "p", "span", "h2", "h3", "h4", "h5", "h6")
#: Class words of such a title ("panel-title", "tms_primary_title", "tieude"); not "caption" (a photo's line)
#: nor "header" (a page's band).
_TITLE_CLASS_WORDS = frozenset({"title", "heading", "tieude"})
#: Class words of an empty element that only clears floats between a title and its box's body.
_SPACER_CLASS_WORDS = frozenset({"clear", "clearfix", "cb", "spacer"})


def is_title_over_nothing(title: lxml_html.HtmlElement) -> bool:
    """A box's title (class "…title", at most 60 characters, no sentence end) whose body is empty: the siblings
    after it up to the next such title, or to the end of its parent, hold no text and no story photo, and one of
    them is more than a float-clearing spacer (a portal's "Hình ảnh" or "Thăm dò ý kiến" column whose widget a
    script fills). A title with words after it (its box's items) is a box's, and the rules for boxes decide."""
    if not class_words(title) & _TITLE_CLASS_WORDS or normalize_line(title.tail or ""):
        return False
    text = normalize_line(text_within(title, _HEADING_MAX_CHARS * 2) or "")
    if not text or len(text) > _HEADING_MAX_CHARS or text[-1] in ".!?;":
        return False
    bodies = 0
    for sibling in title.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        words = text_within(sibling, _HEADING_MAX_CHARS * 2)
        if words is None:
            return False  # more than a title's words
        words = normalize_line(words)
        if words and class_words(sibling) & _TITLE_CLASS_WORDS:
            break  # the next box's title
        if words or normalize_line(sibling.tail or "") or _holds_story_photo(sibling):
            return False
        bodies += sibling.tag != "br" and not class_words(sibling) & _SPACER_CLASS_WORDS
    return bodies > 0  # a title straight over the next one is a heading over a sub-heading


def is_emptied_box(box: lxml_html.HtmlElement) -> bool:
    """A box (a heading and a body, "panel-heading" over "panel-body") whose only text is its heading: its body
    was chrome the rules removed (a menu, a link list, a counter) or a script fills it (a select, a video). Its
    heading is a heading by tag (h2-h6) or class ("panel-title"), at most 60 characters with no sentence end, and
    nothing else in the box is a story photo (an image outside a link, or one linked to its own file). A heading
    named by class may be longer, up to 160 characters (a welcome line over a clock and a marquee)."""
    children = [c for c in box if isinstance(c.tag, str)]
    if len(children) < 2:
        return False
    head = children[0]
    title = normalize_line(head.text_content())
    if not title or len(title) > _PANEL_TITLE_MAX_CHARS or title[-1] in ".!?;" or \
            normalize_line(box.text_content()) != title:
        return False
    marked = [e for e in head.iter() if isinstance(e.tag, str)
              and (e.tag in {"h2", "h3", "h4", "h5", "h6"} or class_words(e) & _HEADING_CLASS_WORDS)]
    if not marked or len(title) > _HEADING_MAX_CHARS and not any(class_words(e) & _HEADING_CLASS_WORDS
                                                                 for e in marked):
        return False
    return not any(_holds_story_photo(rest) for rest in children[1:])


def _holds_story_photo(element: lxml_html.HtmlElement) -> bool:
    """True when ``element`` holds a story's photo: an image outside a link, or one linked to its own file (a
    thumbnail linked to another page is a teaser's)."""
    for image in element.iter("img"):
        link = next(image.iterancestors("a"), None)
        if link is None or _IMAGE_HREF.search(link.get("href") or ""):
            return True
    return False


_POINTER_MAX_CHARS = 300
_NOT_LEAF = ("div", "p", "table", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote")


def is_pointer_line(element: lxml_html.HtmlElement) -> bool:
    """A one-line pointer to other stories inside or under an article: a related-news label and nothing but
    links after it ("&gt;&gt; Xem thêm: <a>Headline</a>", "Tin liên quan: <a>...</a>, <a>...</a>")."""
    if next(element.iterdescendants(*_NOT_LEAF), None) is not None:
        return False
    text = normalize_line(element.text_content())
    if not text or len(text) > _POINTER_MAX_CHARS:
        return False
    links = [a for a in element.iter("a") if (a.get("href") or "").strip()]
    linked = [normalize_line(a.text_content()) for a in links]
    if not links or not any(linked):
        return False
    rest = text
    for part in linked:
        rest = rest.replace(part, " ", 1) if part else rest
    key = heading_key(re.sub(r"[\s,;|/]+", " ", rest))
    return bool(key) and _RELATED_HEADING.fullmatch(key) is not None


#: What joins a breadcrumb trail's entries ("Trang chủ > Tin tức", "Home » News", "Trang chủ / Tin tức").
_CRUMB_JOINT = re.compile(r"\s*[»›>→/|]\s*")


def is_breadcrumb_line(element: lxml_html.HtmlElement) -> bool:
    """A breadcrumb trail set as a line of the story's own block ("<a>Trang chủ</a> > <a>Tin tức</a> > the
    story's headline"): links from the home page joined by arrows, the last entry maybe the page's own name
    unlinked (which keeps the line's share of link text low, so no link-density rule takes it)."""
    first = next(element.iter("a"), None)  # the cheap test first: most blocks open with no home link
    if first is None or normalize_line(first.text_content()).casefold() not in HOME_NAMES \
            or next(element.iterdescendants(*_NOT_LEAF), None) is not None:
        return False
    links = [normalize_line(a.text_content()) for a in element.iter("a") if (a.get("href") or "").strip()]
    if len(links) < 2 or links[0].casefold() not in HOME_NAMES or not all(links):
        return False
    text = normalize_line(element.text_content())
    if len(text) > _POINTER_MAX_CHARS or not text.startswith(links[0]):
        return False
    cursor = len(links[0])
    for link in links[1:]:  # between two links, an arrow and nothing else
        found = text.find(link, cursor)
        if found < 0 or not _CRUMB_JOINT.fullmatch(text[cursor:found]):
            return False
        cursor = found + len(link)
    tail = text[cursor:]  # after the last link, nothing or an arrow and the page's own name
    return not tail.strip() or _CRUMB_JOINT.match(tail) is not None


def link_text(element: lxml_html.HtmlElement) -> tuple[int, int]:
    """The links of a block that have text, and the characters of their normalised texts: what
    :func:`mostly_linked`, the site profile's link-dense blocks and a lede's headline-link neighbour weigh."""
    links = chars = 0
    for a in element.iter("a"):
        size = len(normalize_line(a.text_content()))
        if size:
            links += 1
            chars += size
    return links, chars


def mostly_linked(element: lxml_html.HtmlElement, text: str | None = None) -> bool:
    """True when more than half of a block's visible text (``text`` when the caller has it) is link text: a
    teaser or a link list, never a story's own prose."""
    text = normalize_line(element.text_content()) if text is None else text
    return bool(text) and link_text(element)[1] * 2 > len(text)


def is_tool_bar(element: lxml_html.HtmlElement) -> bool:
    """A share, print or tag bar: a short leaf block with links whose whole text is tool words ("Chia sẻ:
    Facebook Zalo In bài"), removed before trafilatura, which may drop the paragraphs beside it with it."""
    if next(element.iterdescendants(*_NOT_LEAF), None) is not None or len(element.findall(".//a")) < 2:
        return False
    text = normalize_line(element.text_content())
    return 0 < len(text) <= 150 and is_chrome_line(text)


#: The notice a CMS shows before a login session times out (NukeViet: "Bạn đã không sử dụng Site, Bấm vào đây để
#: duy trì trạng thái đăng nhập. Thời gian chờ: 60 giây"), present but hidden on every page of such sites.
_SESSION_NOTICE = re.compile(r"duy trì trạng thái đăng nhập|thời gian chờ\s*:?\s*\d+\s*giây", re.I)


_NOTICE_BLOCKS = frozenset({"div", "p", "span", "section", "td"})


def is_session_notice(element: lxml_html.HtmlElement) -> bool:
    """A short block that is a login-session notice ("keep me logged in", "seconds left")."""
    text = element.text_content()
    return len(text) <= 200 and _SESSION_NOTICE.search(normalize_line(text)) is not None


def session_notices(root: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The outermost short blocks that are session notices. Found from the text nodes that name a login state or
    a countdown, then climbing while the block stays short: pages without such words cost one pass."""
    found: list[lxml_html.HtmlElement] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        own = f"{element.text or ''} {element.tail or ''}".casefold()
        if "đăng nhập" not in own and "thời gian chờ" not in own:
            continue
        node, best = element, None
        while node is not None and node is not root and len(node.text_content()) <= 200:
            if node.tag in _NOTICE_BLOCKS and is_session_notice(node):
                best = node
            node = node.getparent()
        if best is not None and best not in found:
            found.append(best)
    return found


def in_chrome(element: lxml_html.HtmlElement, title_element: lxml_html.HtmlElement | None = None, *,
              lists: bool = True, keep: Set[lxml_html.HtmlElement] = frozenset()) -> bool:
    """True inside page chrome: header, footer, navigation, sidebars and (with ``lists``) list items, where
    other articles are listed. The blocks that hold the article's heading (``title_element``) and those in
    ``keep`` (see :func:`body_wrappers`) are never chrome."""
    ancestors = (element, *element.iterancestors())
    in_article = any(node.tag in {"article", "main"} for node in ancestors)
    holders = set(title_element.iterancestors()) if title_element is not None else set()
    for node in ancestors:
        if node in holders or node in keep:
            continue
        if node.tag in CHROME_ANCESTORS and not (in_article and node.tag in {"header", "footer"}) and (
                lists or node.tag != "li"):
            return True
        if isinstance(node.tag, str) and node.tag not in {"body", "html"} and is_chrome_by_markup(node):
            return True
    return False


def body_wrappers(root: lxml_html.HtmlElement) -> set[lxml_html.HtmlElement]:
    """Elements that hold the story's body whatever their names say: a template that names its page wrapper
    "header" (or puts the whole page in a ``<header>``) still holds the story there. An element counts when
    it holds at least the share of the page's paragraph text that :func:`clean_tree` asks of a chrome-named
    element before keeping it (half, more for stronger names); none on a page without paragraphs."""
    mass = paragraph_mass(root)
    total = sum(mass.values())
    if total < 400:
        return set()
    held: dict[lxml_html.HtmlElement, int] = {}
    for element, own in mass.items():
        for node in (element, *element.iterancestors()):
            held[node] = held.get(node, 0) + own
    return {node for node, chars in held.items()
            if chars >= _KEEP_SHARE.get(max(1, chrome_strength(node)), 0.9) * total}


_LINK_BLOCK_TAGS = frozenset({"div", "p", "td", "th", "li", "dd", "dt", "span", "font", "center", "h2", "h3", "h4",
                              "h5", "h6"})
_BLOCK_DESCENDANTS = ("div", "p", "table", "ul", "ol", "li", "td", "h1", "h2", "h3", "h4", "h5", "h6",
                      "blockquote", "section", "article")
_SEPARATORS = re.compile(r"[\s|»«›‹•·\-–—>/:,;\[\]()*]+")
#: Dates and times printed beside the links of a teaser list ("Tiêu đề (21/12)", "Tiêu đề - 09:15 26/12/2012",
#: a machine stamp "2019-08-08T05:00:00.000Z").
_LIST_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|"
                        r"\d{1,2}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?|\d{1,2}[:h]\d{2}")


def is_link_block(element: lxml_html.HtmlElement) -> bool:
    """A leaf block made only of short links and separators: a menu, a link list, a "» Category" entry."""
    if element.tag not in _LINK_BLOCK_TAGS:
        return False
    # Block children are allowed only as a short label without links ("Tags", "Liên kết"): a tag cloud.
    labels = []
    for child in element.iterdescendants(*_BLOCK_DESCENDANTS):
        label = normalize_line(child.text_content())
        if child.find(".//a") is not None or len(label) > 30:
            return False
        labels.append(label)
    links = list(element.iter("a"))
    if not links:
        return False
    texts = [normalize_line(a.text_content()) for a in links]
    if not any(texts) or any(len(t.split()) > 8 for t in texts):
        return False
    outside = element.text_content()
    for text in texts:
        outside = outside.replace(text, " ", 1) if text else outside
    for label in labels:
        outside = outside.replace(label, " ", 1) if label else outside
    if labels and len(links) < 5:
        return False  # a heading over two or three links may open a short list inside the story
    return not _SEPARATORS.sub("", _LIST_DATE.sub(" ", normalize_line(outside)))


def is_headline_list(element: lxml_html.HtmlElement) -> bool:
    """A list of three or more items that are each one link to another story (its headline), maybe with a
    date: a "latest news", "other stories" or "most read" box, whatever its heading or class names."""
    items = [li for li in element if isinstance(li.tag, str) and li.tag == "li"]
    if len(items) < 3:
        return False
    return all(_lone_link(item, normalize_line(item.text_content())) is not None for item in items)


def _lone_link(item: lxml_html.HtmlElement, text: str) -> lxml_html.HtmlElement | None:
    """The one link with words of a list's item (``text``: the item's normalised text) to another page, when the
    item's other words are only dates and separators; else None."""
    links = [a for a in item.iter("a") if normalize_line(a.text_content())]
    if len(links) != 1 or links[0].get("href", "").startswith(("#", "javascript")):
        return None
    outside = text.replace(normalize_line(links[0].text_content()), " ", 1)
    return None if _SEPARATORS.sub("", _LIST_DATE.sub(" ", outside)) else links[0]


#: Heading tags a teaser's headline link is set in.
_HEADLINE_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
#: Characters a headline card holds at most (a headline and a date).
_CARD_MAX_CHARS = 400


def is_headline_cards(element: lxml_html.HtmlElement) -> bool:
    """A box of three or more items (``<article>``, ``<div>``, ``<li>``...) that are each only a heading holding
    one link to another page, maybe with a date: a sidebar's "Tin tức" panel of headlines, set as cards rather than
    as a list, whatever its heading or class names. A story's own sub-headings hold no link."""
    children = [child for child in element if isinstance(child.tag, str)]
    if len(children) < 3:
        return False
    texts = []
    for child in children:  # read up to a card's length: a page's wrappers are no cards, and say so quickly
        text = text_within(child, _CARD_MAX_CHARS)
        if text is None:
            return False
        texts.append(normalize_line(text))
    items = [(child, text) for child, text in zip(children, texts, strict=True) if text]
    if len(items) < 3:
        return False
    for item, text in items:  # (an item emptied by an earlier rule, a clearing <div>, does not count)
        headings = [item] if item.tag in _HEADLINE_TAGS else [h for h in item.iter(*_HEADLINE_TAGS)]
        link = _lone_link(item, text)
        if len(headings) != 1 or link is None or headings[0] not in link.iterancestors():
            return False
    return True


def is_calendar(table: lxml_html.HtmlElement) -> bool:
    """A month's calendar widget: a table of week rows (seven cells) whose numbered cells, read row by row, count
    the days 1, 2, 3 ... up to 28 at least, each next to the one before. A table of figures in a story (a league
    table whose first column numbers its rows 1 to 36) does not number its cells so."""
    run = best = weeks = previous = 0
    for row in table.xpath("./tr | ./tbody/tr | ./thead/tr"):  # its own rows: a nested table is read as its own
        cells = [c for c in row if isinstance(c.tag, str) and c.tag in {"td", "th"}]
        if len(cells) != 7:
            continue
        weeks += 1
        for cell in cells:
            text = (text_within(cell, 8) or "").strip()  # a day's number, read no further
            if not (text.isdigit() and len(text) <= 2):
                continue
            day = int(text)
            # The length of the count from 1 this cell continues (0 when it continues none).
            run = 1 if day == 1 else run + 1 if run and day == previous + 1 else 0
            previous = day
            best = max(best, run)
    return weeks >= 4 and best >= 28


def is_anchor_list(element: lxml_html.HtmlElement) -> bool:
    """A table of contents: a list of three or more items that are each only links to places in the page
    ("#bang-tu-tai-la-gi"), nested lists included."""
    items = [li for li in element if isinstance(li.tag, str) and li.tag == "li"]
    if len(items) < 3:
        return False
    links = [a for a in element.iter("a") if normalize_line(a.text_content())]
    if not links or not all(re.match(r"#\S", a.get("href", "")) for a in links):
        return False
    outside = normalize_line(element.text_content())
    for link in links:
        outside = outside.replace(normalize_line(link.text_content()), " ", 1)
    return not _SEPARATORS.sub("", outside)


class Attachment:
    """Whether elements are still in the tree under ``root`` (not inside a removed subtree), remembered along the
    way up (an element is attached when its parent is) until the tree changes: call :meth:`forget` after every
    removal. A page's loop over its elements then costs one step per element, not one walk to the root."""

    def __init__(self, root: lxml_html.HtmlElement) -> None:
        self.root = root
        self.known: dict[lxml_html.HtmlElement, bool] = {root: True}

    def __call__(self, element: lxml_html.HtmlElement) -> bool:
        path = []
        node = element
        while node is not None and node not in self.known:
            path.append(node)
            node = node.getparent()
        value = node is not None and self.known[node]
        for step in path:
            self.known[step] = value
        return value

    def forget(self) -> None:
        self.known = {self.root: True}


_IMPRINT_LABEL = re.compile(
    r"(?:^|\n|\s{2}|<br>)\s*(?:cơ quan chủ quản|cơ quan quản lý|địa chỉ|điện thoại|đt|tel\b|fax|e-?mail|"
    r"ghi rõ nguồn|bản quyền|giấy phép|chịu trách nhiệm|trưởng ban biên tập|tổng biên tập|copyright|©|"
    r"(?:trang|cổng) thông tin điện tử)", re.I)  # the site's own name over its address


#: A line of a site's imprint, label and colon ("Cơ quan quản lý : Quỹ ...", "Giấy phép số: ...", "© 2019 ..."):
#: never a headline, however much of the site's name it holds.
IMPRINT_LINE = re.compile(r"^\s*(?:(?:cơ quan (?:chủ quản|quản lý)|địa chỉ|điện thoại|giấy phép(?: số)?|"
                          r"chịu trách nhiệm[^:]{0,40}|bản quyền|trụ sở)\s*:|©|copyright\b)", re.I)
#: An imprint's own text is at most this long; with the links it holds, at most the second.
_IMPRINT_CHARS = 700
_IMPRINT_LINKED_CHARS = 4000


def is_imprint(element: lxml_html.HtmlElement) -> bool:
    """A site imprint block: address, phone, e-mail, licence and copyright lines (the smallest element that
    holds two or more of them; a list of links it also holds, a footer's keyword cloud, does not count to its
    size)."""
    if element.tag not in {"div", "p", "font", "span", "td", "section", "footer", "address", "center", "small"}:
        return False
    text = "\n".join(_lines_of(element))
    if not 20 < len(text) <= _IMPRINT_LINKED_CHARS:
        return False
    if len(text) > _IMPRINT_CHARS and len(text) - sum(
            len(c.text_content()) for c in element if isinstance(c.tag, str) and _link_list(c)) > _IMPRINT_CHARS:
        return False
    if len(_IMPRINT_LABEL.findall(text)) < 2:
        return False
    return not any(isinstance(c.tag, str) and len(_IMPRINT_LABEL.findall("\n".join(_lines_of(c)))) >= 2
                   for c in element)


def _link_list(element: lxml_html.HtmlElement) -> bool:
    """True for a block whose text is nearly all links (a footer's keyword cloud, a menu)."""
    text = len(normalize_line(element.text_content()))
    return text > 0 and link_text(element)[1] >= 0.8 * text


def _short(element: lxml_html.HtmlElement, limit: int) -> bool:
    """True when the element's text, spaces folded, is at most ``limit`` characters; its raw text is read no
    further than four times that (a widget's box is small: reading a whole page's column per widget is not)."""
    text = text_within(element, 4 * limit)
    return text is not None and len(normalize_line(text)) <= limit


#: Text of a contact block (the smallest element holding both an e-mail and a phone link) at most.
_CONTACT_BLOCK_CHARS = 700


def contact_blocks(root: lxml_html.HtmlElement) -> set[lxml_html.HtmlElement]:
    """The site's contact blocks, told by their links rather than their names or labels: the smallest element
    holding both a ``mailto:`` and a ``tel:`` link, with little text (a footer's imprint: the company's licence,
    address and hotline). A story that prints an address to write to does not link a phone number beside it
    in so little text; one that does holds the page's prose (``clean_tree`` keeps such a block)."""
    phones: set[lxml_html.HtmlElement] = set()
    mails: list[lxml_html.HtmlElement] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip().lower()
        if href.startswith("tel:"):
            phones.update(a.iterancestors())
        elif href.startswith("mailto:"):
            mails.append(a)
    blocks: set[lxml_html.HtmlElement] = set()
    for a in mails if phones else ():
        block = next((node for node in a.iterancestors() if node in phones), None)
        if block is not None and block.tag not in {"body", "html"} and _short(block, _CONTACT_BLOCK_CHARS):
            blocks.add(block)
    return blocks


#: Inputs a reader types into (a newsletter's e-mail field, a search box); hidden fields, check boxes and
#: buttons are not (an ASP.NET page wraps the whole page in a form with hidden fields).
_TYPED_INPUTS = frozenset({"", "text", "email", "search", "tel"})
#: Text of an input's box at most: its label, a button and a line of terms.
_INPUT_BOX_CHARS = 400


def input_boxes(root: lxml_html.HtmlElement) -> set[lxml_html.HtmlElement]:
    """Widgets built around a field a reader types into or a row of radio buttons (a rating's stars, a poll),
    whatever their classes say: for each such input, the largest block around it with little text (a
    newsletter box: its caption, the e-mail field, the button and a line of terms). ``clean_tree`` keeps a
    block holding the page's prose or its heading."""
    boxes: set[lxml_html.HtmlElement] = set()
    radios: dict[lxml_html.HtmlElement, int] = {}  # radio buttons a parent holds, counted once a parent
    paragraphs: dict[lxml_html.HtmlElement, int] = {}  # paragraphs with text a block holds, counted once a block
    # The story's body as the page's microdata marks it, and the blocks around it: no widget's box holds them
    # (looked up once, on the first field that opens a box).
    story: set[lxml_html.HtmlElement] | None = None
    for field in root.iter("input"):
        kind = (field.get("type") or "").strip().lower()
        parent = field.getparent()
        if kind == "radio" and parent is not None and parent not in radios:
            radios[parent] = sum((other.get("type") or "").lower() == "radio" for other in parent.iter("input"))
        if kind not in _TYPED_INPUTS and not (kind == "radio" and parent is not None and radios[parent] >= 3):
            continue  # a row of three radio buttons or more is a rating's stars or a poll's choices
        box = None
        if story is None:
            story = {node for body in _ARTICLE_BODY(root) for node in (body, *body.iterancestors())}
        for node in field.iterancestors():
            if node.tag in {"body", "html", "form"} or node in story or not _short(node, _INPUT_BOX_CHARS):
                break
            inner = _paragraphs(box, paragraphs) if box is not None else 0
            if _paragraphs(node, paragraphs) - inner >= _STORY_PARAGRAPHS:
                break  # a short story's captions beside a rating's stars: the story's block, not the widget's
            box = node
        if box is not None:
            boxes.add(box)
    return boxes


_ARTICLE_BODY = lxml_html.etree.XPath("//*[@itemprop='articleBody']")
#: Paragraphs with text beside an input that make a block the story's, however short (a photo story's captions).
_STORY_PARAGRAPHS = 3


def _paragraphs(node: lxml_html.HtmlElement, memo: dict[lxml_html.HtmlElement, int]) -> int:
    """Paragraphs (``p``) with text in ``node`` (itself included), memoised per block."""
    if node not in memo:
        memo[node] = sum(1 for p in node.iter("p") if (p.text_content() or "").strip())
    return memo[node]


#: A permalink line's text at most ("Posted on 30 Tháng Mười Hai, 2020 by admin", "Bookmark the permalink.").
_PERMALINK_LINE_CHARS = 160
_PERMALINK_HOLDERS = frozenset({"div", "p", "footer", "header", "section", "li", "td", "dd"})


def permalink_lines(root: lxml_html.HtmlElement) -> set[lxml_html.HtmlElement]:
    """Short blocks around a link that HTML marks the page's permalink (``rel="bookmark"``, outside a heading):
    a blog theme's "posted on <date> by <author>" or "bookmark the permalink" line, whatever its classes are
    called."""
    lines: set[lxml_html.HtmlElement] = set()
    for a in root.iter("a"):
        if "bookmark" not in (a.get("rel") or "").lower().split():
            continue
        holder = next((node for node in a.iterancestors() if node.tag in _PERMALINK_HOLDERS
                       or node.tag in _ITEM_HEADING_TAGS), None)
        if holder is not None and holder.tag in _PERMALINK_HOLDERS and _short(holder, _PERMALINK_LINE_CHARS):
            lines.add(holder)
    return lines


_ITEM_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _lines_of(element: lxml_html.HtmlElement) -> list[str]:
    """Text of ``element`` split at <br> and block children."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            if child.tag in {"br", "p", "div", "li", "tr", "td"}:
                parts.append("\n")
            parts.append(child.text_content() if child.tag != "br" else "")
        parts.append(child.tail or "")
    return [line.strip() for line in "".join(parts).split("\n") if line.strip()]


def _inline_in_prose(element: lxml_html.HtmlElement) -> bool:
    """True for an inline element inside a sentence of a paragraph, words on both sides ("mức giá <abbr
    class="rate-usd">3.499 USD</abbr> đang trở thành"): part of the text, whatever its class says."""
    if element.tag not in _INLINE_TAGS:
        return False
    return _WORDS_AROUND.search(_line_text(element, before=True)[-20:]) is not None and \
        _WORDS_AROUND.search(_line_text(element, before=False)[:20]) is not None


_WORDS_AROUND = re.compile(r"[^\W\d_]{2,}")


def _in_sentence(element: lxml_html.HtmlElement) -> bool:
    """True for an inline wrapper of a link set inside a sentence: words before it on its line (not a label's
    colon or a breadcrumb's arrow) and words after it, or the sentence's end ("theo <span><a>Nghị định
    145/2020/NĐ-CP</a></span> của Chính phủ", "I know some people <span><a>are passionate about it</a></span>.").
    The sentence's words, not a link list of one entry."""
    if element.tag not in _INLINE_TAGS:
        return False
    before = _line_text(element, before=True)[-40:]
    if _WORDS_AROUND.search(before[-20:]) is None or before.rstrip()[-1:] in _LABEL_ENDS:
        return False
    after = _line_text(element, before=False)[:40]
    if _WORDS_AROUND.search(after[:20]) is not None:
        return True
    return bool(_SENTENCE_END.fullmatch(after.strip()) or not after.strip() and _SENTENCE_END.search(
        normalize_line(element.text_content())[-2:]))


#: What ends a label or a breadcrumb before a link ("Xem thêm:", "Tin tức »"); what ends a sentence after one.
_LABEL_ENDS = frozenset(":»>|/-–—")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)]*")


#: Siblings :func:`_line_text` reads on each side at each level.
_LINE_SIBLINGS = 8


def _line_text(element: lxml_html.HtmlElement, *, before: bool) -> str:
    """Up to 40 characters of text right before (or after) an inline element on its line: up to the start (end)
    of its block or a ``<br>``, climbing out of inline parents."""
    parts: list[str] = []
    node = element
    for _ in range(8):
        if not before:
            parts.append(node.tail or "")
        sibling = node.getprevious() if before else node.getnext()
        for _ in range(_LINE_SIBLINGS):  # a few siblings at most: a long run of empty icons says nothing
            if sibling is None or sum(map(len, parts)) >= 40:
                break
            if not isinstance(sibling.tag, str):
                parts.append(sibling.tail or "")
            elif sibling.tag == "br" or sibling.tag not in _INLINE_TAGS:
                if before:
                    parts.append(sibling.tail or "")
                return "".join(reversed(parts) if before else parts)
            else:
                parts.extend((sibling.tail or "", "".join(_texts_from_end(sibling, 40))[::-1]) if before else
                             ("".join(_texts_from_start(sibling, 40)), sibling.tail or ""))
            sibling = sibling.getprevious() if before else sibling.getnext()
        parent = node.getparent()
        if parent is None or sibling is not None and sum(map(len, parts)) < 40:
            break  # no parent, or more siblings than read: what lies beyond them is not beside the element
        if before:
            parts.append(parent.text or "")
        if parent.tag not in _INLINE_TAGS or sum(map(len, parts)) >= 40:
            break
        node = parent
    return "".join(reversed(parts) if before else parts)


def _texts_from_start(element: lxml_html.HtmlElement, limit: int) -> Iterator[str]:
    """The element's text pieces in reading order until ``limit`` characters (a large element is not read)."""
    seen = 0
    for text in element.itertext():
        yield text
        seen += len(text)
        if seen >= limit:
            return


def _texts_from_end(element: lxml_html.HtmlElement, limit: int) -> Iterator[str]:
    """The element's text pieces from its end backwards, each reversed, until ``limit`` characters."""
    def backwards(node: lxml_html.HtmlElement) -> Iterator[str]:
        for child in reversed(node):
            yield child.tail or ""
            if isinstance(child.tag, str):
                yield from backwards(child)
        yield node.text or ""

    seen = 0
    for piece in backwards(element):
        if piece:
            yield piece[::-1]
            seen += len(piece)
            if seen >= limit:
                return


def _inside_article(element: lxml_html.HtmlElement) -> bool:
    return any(a.tag in {"article", "main"} for a in element.iterancestors())


def _is_small_form(element: lxml_html.HtmlElement) -> bool:
    """Login, search and comment forms (not ASP.NET's page-wide <form>)."""
    text = normalize_line(element.text_content())
    return len(text) < 400 or element.find(".//textarea") is not None or (
        element.find(".//input[@type='password']") is not None)


#: Inline elements: text inside them belongs to the line around them ("<span>- Đoàn</span><span> thể</span>").
_INLINE_TAGS = frozenset({"a", "abbr", "b", "big", "cite", "code", "em", "font", "i", "img", "q", "s", "small",
                          "span", "strike", "strong", "sub", "sup", "tt", "u", "mark", "time", "var"})
#: Blocks whose loose inline runs between ``<br>``s are turned into paragraphs.
_LINE_HOLDERS = frozenset({"div", "td", "th", "section", "article", "main", "center", "blockquote", "body"})


def br_lines_as_paragraphs(root: lxml_html.HtmlElement) -> None:
    """Make each run of loose inline content between ``<br>``s (and block children) of a block a ``<p>``.

    Word documents pasted into a CMS (NukeViet, portals) give a story as ``<span>``-wrapped lines separated by
    ``<br>`` with no paragraph element at all; trafilatura then finds no paragraph, falls back to dumping the
    page's text node by node, and breaks a line at every inline element and lets the sidebars in. A block is
    treated so only when it holds two or more ``<br>`` children and a line of running text (and then so are
    the blocks inside it, such as a letterhead's cells or a photo and its caption); runs are wrapped in
    document order, each child moved once (linear in the page)."""
    for block in list(root.iter(*_LINE_HOLDERS)):
        children = [c for c in block if isinstance(c.tag, str)]
        if sum(c.tag == "br" for c in children) < 2 or _longest_run(block) < _PROSE_LINE:
            continue
        _wrap_runs(block)
        # The smaller blocks inside a story of <br> lines (a letterhead's cells, a photo with its caption under a
        # <br>) are the story's too: their lines become paragraphs whatever their length, since loose text
        # beside paragraphs is what trafilatura drops. A block so wrapped keeps no <br>: each is visited once.
        for inner in list(block.iterdescendants(*_LINE_HOLDERS)):
            if inner.find("br") is not None:
                _wrap_runs(inner)


#: Characters of the longest line a block of ``<br>`` lines needs to be read as prose (a sentence), not as a
#: stack of labels (a letterhead, a contact box, a menu written with ``<br>``s).
_PROSE_LINE = 80


def _longest_run(block: lxml_html.HtmlElement) -> int:
    """Characters of the longest inline run between ``<br>``s and block children of ``block``."""
    longest = current = len((block.text or "").strip())
    for child in block:
        if isinstance(child.tag, str) and (child.tag == "br" or child.tag not in _INLINE_TAGS):
            current = 0
        elif isinstance(child.tag, str):
            current += len(child.text_content().strip()) + 1
        current += len((child.tail or "").strip())
        longest = max(longest, current)
    return longest


def _wrap_runs(block: lxml_html.HtmlElement) -> None:
    """Wrap ``block``'s inline runs in ``<p>``s; the ``<br>``s between them go (the paragraphs separate them)."""
    children = list(block)
    lead, run = block.text, []
    block.text = None
    rebuilt: list[lxml_html.HtmlElement] = []

    def flush() -> None:
        text = (lead or "") + "".join(
            (n.text_content() if isinstance(n.tag, str) else "") + (n.tail or "") for n in run)
        if text.strip():
            paragraph = lxml_html.Element("p")
            paragraph.text = lead
            paragraph.extend(run)
            rebuilt.append(paragraph)
        else:
            rebuilt.extend(run)  # an empty <span>, a lone picture: left as they are

    for child in children:
        if isinstance(child.tag, str) and (child.tag == "br" or child.tag not in _INLINE_TAGS):
            flush()
            lead, run = child.tail, []
            child.tail = None
            if child.tag != "br":
                rebuilt.append(child)
        else:
            run.append(child)
    flush()
    for child in children:
        if child.tag == "br":
            block.remove(child)
    block.extend(rebuilt)
