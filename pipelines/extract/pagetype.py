"""Page-type classifier: article, listing (home, category, tag, archive pages) or other (contact, login,
search, gallery, error pages).

Layout rules (:func:`classify_rule`) on repeated headline/lede/date blocks ("teasers": sibling blocks that
each hold one headline link to another page of the site), how much of the extracted text sits in such blocks,
pagination, the page's own heading, forms and galleries give a first verdict; :func:`decide` then weighs the
page's story evidence against it (the decision table in its docstring and the README): a page with story
evidence is never dropped, only flagged ``page_type_uncertain``. URL shape alone never decides: seed 000 is a
listing whose ledes are full paragraphs, and a listing is told from an article by where its text lives.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Set
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from pipelines.extract import clean
from pipelines.extract.lines import SENTENCE_END, is_date_line
from pipelines.extract.metadata import (
    ARTICLE_TYPES,
    LISTING_TYPES,
    ascii_key,
    json_ld,
    ld_types,
    meta_content,
    same_page,
)
from pipelines.extract.normalize import normalize_line
from pipelines.urls import canonicalize_url

_PAGINATION_TEXT = re.compile(r"^(?:trang sau|trang tiếp|trang trước|trang kế|tiếp|sau|trước|next|prev|previous|"
                              r"older|newer|cũ hơn|mới hơn|xem tiếp|»|«|›|‹|>>|<<|>|<|\d{1,4}|trang \d+|đầu|cuối|"
                              r"first|last)(?:\s*[»›>]+)?$", re.I)
_PAGINATION_HREF = re.compile(r"(?:[/?&](?:page|trang|p|pg|paged|start|limitstart|offset|cur)[=/-]?\d+|"
                              r"/page/\d+|page-\d+|trang-\d+|_cur=\d+|/p\d+(?:\.html?)?$)", re.I)
_SEARCH_URL = re.compile(r"(?:search|tim-kiem|timkiem|tim_kiem|/seek)|[?&](?:q|s|keyword|tukhoa|tu-khoa|query)=",
                         re.I)
_ERROR_TEXT = re.compile(r"(?:không tìm thấy trang|trang không tồn tại|page not found|lỗi hệ thống|"
                         r"internal server error|đã bị xóa)", re.I)
#: A status code says "error page" only at the start of a short title or heading ("404", "Lỗi 404 - Không tìm
#: thấy", "503 Service Unavailable"): a headline may hold the number ("Tôn vinh ... (bài số 404)", "Bài sau lỗi
#: 500", "Nghị định 404/2025"), and an article lost is never found.
_ERROR_CODE = re.compile(r"^\W*(?:(?:lỗi|error|http)\W*)?(?:404|410|500|503)\b(?!/)", re.I)
_ERROR_CODE_WORDS = 6
#: What an error page says in its own body when neither its title nor a heading does ("Ooops... Error 404",
#: "Xin lỗi, nhưng trang bạn đang tìm kiếm không tồn tại."): read only in short text runs of a page without a
#: prose block of its own (a story may quote the words).
_ERROR_NOTICE = re.compile(r"(?:không tìm thấy (?:trang|nội dung|bài viết|đường dẫn|liên kết)|"
                           r"\b(?:trang|nội dung|bài viết|đường dẫn|liên kết)(?: [^\W\d_]+){0,4} không (?:còn )?"
                           r"tồn tại|page not found|\berror 404\b|\b404 not found|\blỗi 404\b)", re.I)
_ERROR_NOTICE_WORDS = 15
_SEARCH_TEXT = re.compile(r"kết quả tìm kiếm|tìm thấy \d+ kết quả|search results", re.I)
#: Headings of utility pages that are never news: contact, login, search, gallery, site map.
_UTILITY_HEADING = re.compile(
    r"^(?:liên hệ|thông tin liên hệ|gửi liên hệ|đăng nhập|đăng ký|quên mật khẩu|tìm kiếm|kết quả tìm kiếm|tra cứu|"
    r"thư viện|album|hình ảnh|ảnh|video|sơ đồ|góp ý|hỏi đáp|contact|log ?in|sign (?:in|up)|search|gallery|"
    r"photos?|site ?map)\b", re.I)
#: Words of a page's title (with no heading on the page) that a utility page's name has at most ("Liên hệ", "Thư
#: viện ảnh"); a story's title is longer.
_UTILITY_TITLE_WORDS = 3
#: Whole headings of a body's pages about itself (pipelines/extract/VOCABULARY.md): the menu entries "Giới thiệu
#: chung", "Chức năng nhiệm vụ", "Cơ cấu tổ chức", "Ban giám đốc" of government portals. Only the whole heading:
#: "Giới thiệu sách mới về công đoàn" is a story.
_ABOUT_HEADING = re.compile(
    r"(?:giới thiệu(?: chung)?|chức năng,? nhiệm vụ(?:,? (?:và )?quyền hạn)?|cơ cấu tổ chức|lịch sử hình thành"
    r"(?: và phát triển)?|ban giám đốc|ban lãnh đạo|danh bạ(?: điện tử)?|quyết định thành lập|"
    r"tầm nhìn(?:,? sứ mệnh)?|about(?: us)?)", re.I)
#: A CMS's placeholder for a story with no text yet ("Nội dung đang được cập nhật...", "Đang cập nhật", "Bài viết
#: đang được biên tập", "Coming soon"): pipelines/extract/VOCABULARY.md.
_PLACEHOLDER = re.compile(
    r"^(?:[^\W\d_]+\s+){0,3}(?:đang|sẽ)\s+(?:được\s+)?(?:cập\s*nhật|xây\s*dựng|hoàn\s*thiện|biên\s*tập)\W*$"
    r"|^(?:coming soon|updating|under construction|content (?:is )?being updated)\W*$", re.I)
_PLACEHOLDER_CHARS = 80


def is_placeholder_line(line: str) -> bool:
    """A CMS's placeholder for a story's missing text ("Nội dung đang được cập nhật...", "Coming soon"), or for
    a section with no story yet ("Chuyên mục chưa có bài viết", printed without tone marks by a JSP portlet)."""
    if len(line) > _PLACEHOLDER_CHARS:
        return False
    if _PLACEHOLDER.match(line.strip()):
        return True
    words = (ascii_key(word) for word in line.split())
    return bool(_EMPTY_SECTION.fullmatch(" ".join(word for word in words if word)))


#: A section's message that it holds no story, folded to ASCII words, as real pages print it: "Chuyên mục chưa có
#: bài viết", "Không có dữ liệu (thuộc chuyên mục)", "Nothing found" (pipelines/extract/VOCABULARY.md).
_EMPTY_SECTION = re.compile(
    r"(?:chuyen muc )?chua co bai viet|khong co du lieu(?: thuoc chuyen muc)?|nothing found")


#: Lines beside a placeholder shorter than this are labels (a menu item, a site's name), not a story's text.
_PLACEHOLDER_LABEL_CHARS = 60
_CONTACT_LINE = re.compile(r"^(?:cơ quan chủ quản|địa chỉ|điện thoại|đt|fax|e-?mail|hotline|website|"
                           r"họ (?:và )?tên|tiêu đề|nội dung|mã xác nhận)\b", re.I)


@dataclass
class PageSignals:
    """What the classifier looked at, kept for debugging and tests."""

    teasers: int = 0  # teaser blocks outside page chrome
    headline_links: int = 0  # headline links to other pages outside page chrome
    teaser_share: float = 0.0  # share of the extracted text that lies inside teaser blocks
    trailing_teaser_lines: int = 0  # lines closing the extracted text that lie inside teaser blocks
    contact_share: float = 0.0  # share of extracted lines that are address/phone/form lines
    body_chars: int = 0
    heading_words: int = 0  # words of the page's own heading
    utility_heading: bool = False
    section_heading: bool = False  # the heading is a section's name: a link of the site's menu (a category page)
    pagination: bool = False
    og_article: bool = False
    ld_article: bool = False
    ld_listing: bool = False
    password: bool = False
    search: bool = False
    error: bool = False
    published_meta: bool = False  # article:published_time (or a like meta tag) with a value
    prose_chars: int = 0  # characters of long prose lines outside teaser blocks
    sentence_chars: int = 0  # characters of lines of 40+ ending a sentence outside teaser blocks (captions too)
    main_block_chars: int = 0  # the longest run of prose paragraphs with no headline link between them
    heading_prose_chars: int = 0  # the run of prose paragraphs under the page's heading, before any headline link
    heading_sentence_chars: int = 0  # the same for sentences of 40+ (read with no prose there, beside teasers)
    images: int = 0  # images outside page chrome and teaser blocks
    longest_line: int = 0  # longest line of the extracted text
    home_url: bool = False  # the address is the site's home page ("/", "/index.html", "/trang-chu")
    posts: int = 0  # forum posts: blocks with a post id ("post-123", "post_123") holding text
    top_post_share: float = 0.0  # the largest post's share of the posts' text
    article_url: bool = False  # the address reads like one story's (:func:`article_shaped_url`)
    placeholder: bool = False  # the text is only a CMS placeholder ("Nội dung đang được cập nhật...")
    heading_links_away: bool = False  # the heading is (or holds) a headline link to another page

    @property
    def headline(self) -> bool:
        """The page has a headline of its own: a heading of four words or more that is not a section's name
        nor a link to another page."""
        return self.heading_words >= 4 and not self.section_heading and not self.heading_links_away


_ITEM_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
#: Class/id words and ARIA roles of a site's menus (not its breadcrumb: some templates end it with the story's
#: headline).
_MENU_WORDS = frozenset({"menu", "menus", "mainmenu", "topmenu", "submenu", "megamenu", "nav", "navbar",
                         "navigation", "navmenu"})
_MENU_ROLES = frozenset({"navigation", "menu", "menubar"})
#: Words a section's name has at most ("Tin tức - Sự kiện", "Hoạt động công đoàn cơ sở").
_SECTION_WORDS = 8


def section_heading(anchors: list[tuple[lxml_html.HtmlElement, str, str]], heading: str, *,
                    unnamed: bool = False) -> bool:
    """True when the page's heading is the text of a link in one of the site's menus (a ``<nav>``, a menu role
    or an element named a menu): the name of a section, which heads its category page, not a story's
    headline. Story headlines are not menu items; a "most read" box that repeats the story's headline is not a
    menu. With ``unnamed`` (the caller found no prose of the page's own under its heading), a menu is also told
    by its shape alone, for templates whose names no rule knows: :func:`link_list`. A heading labelled as an
    archive's ("Chuyên mục: Tin tức", WordPress's archive title in Vietnamese and English) is a section's name
    whatever the menus hold."""
    key = clean.heading_key(heading)
    words = len(key.split())
    if not key or words > _SECTION_WORDS + 2:  # (a section's name and an archive label's two words)
        return False
    if _ARCHIVE_LABEL.match(heading):
        return True
    if words > _SECTION_WORDS:
        return False
    for a, _href, text in anchors:
        if clean.heading_key(text) != key:
            continue
        for node in a.iterancestors():
            if node.tag == "nav" or (node.get("role") or "").lower() in _MENU_ROLES \
                    or clean.class_words(node) & _MENU_WORDS:
                return True
        if unnamed and link_list(a):
            return True
    return False


#: The label of an archive page's heading (WordPress's "Category: %s", "Tag: %s", "Archives: %s" and their
#: Vietnamese "Chuyên mục: %s", "Danh mục: %s", "Thẻ: %s", "Lưu trữ: %s"), its colon required: "Lưu trữ hồ sơ …"
#: is a headline.
_ARCHIVE_LABEL = re.compile(
    r"^\s*(?:danh mục|chuyên mục|thẻ|từ khóa|từ khoá|lưu trữ|category|tag|archives?)\s*:\s*\S", re.I)


#: A menu told by its shape: the smallest block around a link that holds this many links or more...
_MENU_LINKS = 5
#: ... whose labels are short (their median, in words: "Tin tức - Sự kiện", "Giới thiệu"; a box of headlines has
#: six words or more a link)...
_MENU_LABEL_WORDS = 4
#: ... and whose text is nearly all those labels (a listing's items hold ledes and dates beside their links).
_MENU_LINK_SHARE = 0.8


def link_list(a: lxml_html.HtmlElement) -> bool:
    """True when the smallest block around the link ``a`` that holds five links or more is a list of short
    labels and little else: a site's menu (or its footer's), whatever the template names it."""
    for node in a.iterancestors():
        if node.tag in {"body", "html"}:
            return False
        labels = [label for label in (normalize_line(link.text_content()) for link in node.iter("a")) if label]
        if len(labels) < _MENU_LINKS:
            continue
        words = sorted(len(label.split()) for label in labels)
        text = len(normalize_line(node.text_content()))
        return words[len(words) // 2] <= _MENU_LABEL_WORDS and \
            sum(len(label) + 1 for label in labels) >= _MENU_LINK_SHARE * text
    return False


def page_anchors(tree: lxml_html.HtmlElement) -> list[tuple[lxml_html.HtmlElement, str, str]]:
    """Every link of the page in document order, with its ``href`` and its normalised text: read once for the
    signals that look at links (a page may have hundreds)."""
    return [(a, a.get("href") or "", normalize_line(a.text_content() if len(a) else a.text or ""))
            for a in tree.iter("a")]


def _headline_links(anchors: list[tuple[lxml_html.HtmlElement, str, str]], page_url: str,
                    self_url: str) -> list[lxml_html.HtmlElement]:
    """Links (of :func:`page_anchors`) whose text reads like a headline (4+ words) and that lead to another
    page, of this site or of another (a "press about us" category lists other papers' stories)."""
    host = urlsplit(self_url).netloc
    links = []
    targets: dict[str, bool] = {}  # href -> leads to another page of the site (menus repeat their hrefs)
    for a, raw_href, text in anchors:
        href = raw_href.strip()
        if not href or href.startswith(("mailto:", "tel:")) or href.startswith("#") and href != "#":
            continue
        if len(text) < 20 or len(text.split()) < 4 or _dates_only(a, text):
            continue
        if href == "#" or href.startswith("javascript:"):
            # A headline whose target a script supplies (or a copy blanked): still a link to another story
            # when it is a heading's link.
            if any(True for _ in a.iterancestors(*_ITEM_HEADINGS)):
                links.append(a)
            continue
        if href not in targets:
            try:
                target = canonicalize_url(urljoin(page_url, href))
            except ValueError:
                target = self_url
            parts = urlsplit(target)
            targets[href] = not same_page(target, self_url) and (parts.netloc == host or parts.scheme in {
                "http", "https"})
        if targets[href]:
            links.append(a)
    return links


def _dates_only(a: lxml_html.HtmlElement, text: str) -> bool:
    """A link whose text is dates and nothing else: a post's permalink around its published and updated times
    (WordPress's "<a rel="bookmark"><time>12 Tháng Ba, 2019</time><time>15 Tháng Ba, 2019</time></a>", read
    apart), no headline."""
    # (The cheap test first: a date is a fifth digits or more, "12 Tháng Ba, 2019"; a headline has few.)
    return len(text) <= _DATE_LINK_CHARS and sum(map(str.isdigit, text)) * 5 >= len(text) and bool(
        is_date_line(normalize_line(" ".join(a.itertext()))))


#: The longest link text read as dates only (two dates with their times and labels).
_DATE_LINK_CHARS = 90


def teaser_blocks(links: list[lxml_html.HtmlElement], keep: Set[lxml_html.HtmlElement] = frozenset(),
                  heading: str = "", heading_element: lxml_html.HtmlElement | None = None,
                  ) -> list[lxml_html.HtmlElement]:
    """Blocks that each hold exactly one of the page's headline ``links`` and sit among siblings of the same
    kind (a listing's items), outside page chrome (menus, sidebars, footers; ``keep``: wrappers of the page's
    main text, never chrome, see :func:`clean.body_wrappers`), and a featured item beside such a block that
    does not hold the page's own ``heading``. A block that holds the page's ``heading_element`` is the page's own
    (a story's column with a link in its first paragraph, beside a sidebar with one other story's link)."""
    own = set(heading_element.iterancestors()) | {heading_element} if heading_element is not None else set()
    counts: dict[lxml_html.HtmlElement, int] = {}
    for a in links:
        for node in (a, *a.iterancestors()):
            counts[node] = counts.get(node, 0) + 1
    blocks: list[lxml_html.HtmlElement] = []
    seen: set[lxml_html.HtmlElement] = set()  # the elements themselves: an lxml proxy's id() is reused once freed
    link_of: dict[lxml_html.HtmlElement, lxml_html.HtmlElement] = {}  # an item -> the one headline link it holds
    for a in links:
        item = a
        while item.getparent() is not None and item.getparent().tag not in {"body", "html"}:
            if counts.get(item.getparent(), 0) > 1:
                break
            item = item.getparent()
        link_of[item] = a
    singles: list[lxml_html.HtmlElement] = []
    for item in list(link_of):
        parent = item.getparent()
        if parent is None or parent in seen:
            continue
        seen.add(parent)
        items = [c for c in parent if isinstance(c.tag, str) and counts.get(c, 0) == 1]
        if len(items) >= 2 and not clean.in_chrome(parent, lists=False, keep=keep):
            found = [item for item in items if item not in own and _teaser_shaped(item, link_of.get(item))]
            blocks.extend(found)
            # The same list's items whose headline is too short for a headline link ("LIBERA NHA TRANG", a
            # project's name over its lede): siblings of the same tag and class that link somewhere too.
            kinds = {(item.tag, item.get("class")) for item in found if item.get("class")}
            if len(found) >= 2 and kinds:
                blocks.extend(c for c in parent if isinstance(c.tag, str) and counts.get(c, 0) == 0
                              and (c.tag, c.get("class")) in kinds and c not in own and c.find(".//a[@href]")
                              is not None and _teaser_shaped(c, None))
        elif len(items) == 1:
            singles.append(items[0])
    # A listing's featured story: one item on its own, opening with its headline link, beside a block of the
    # listing's other items (a lead story with a long sapo over the category's list).
    held = {node for block in blocks for node in block.iterancestors()}
    for item in singles:
        link = link_of.get(item)
        siblings = [*item.itersiblings(), *item.itersiblings(preceding=True)]
        if link is None or not any(sibling in held for sibling in siblings):
            continue
        text = _LEADING_META.sub("", normalize_line(item.text_content()))
        if len(heading) >= 10 and heading in text:
            continue  # the page's own story under a section link ("Tin tức (05.08.2019)", then the headline)
        titled = False
        for node in (link, *link.iterancestors()):
            if node is item:
                break
            titled = titled or node.tag in _FEATURED_HEADINGS
        if not titled or len(text) < len(normalize_line(link.text_content())) + 100:
            continue  # a featured story is a titled headline link over a sapo
        if _teaser_shaped(item, link) and text.startswith(normalize_line(link.text_content())[:20]) \
                and not clean.in_chrome(item, lists=False, keep=keep):
            blocks.append(item)
    if not blocks:
        blocks = [b for b in (_single_teaser(a, keep, heading) for a in links) if b is not None]
    return blocks


_FEATURED_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "strong", "b"})
#: A listing item is a headline and a lede: the longest seen (seed 000, whose ledes are whole paragraphs) holds
#: under 1,000 characters, and its headline comes first (after a date or section label: at most ~100 characters
#: in). A block with one headline link and far more text, or with a long text before its link, is a story with a
#: link in it (a related-story box in or after its body), not an item of a listing.
TEASER_MAX_CHARS = 2500
TEASER_TEXT_BEFORE_HEADLINE = 300


def _teaser_shaped(item: lxml_html.HtmlElement, link: lxml_html.HtmlElement | None) -> bool:
    if len(" ".join(item.text_content().split())) > TEASER_MAX_CHARS:
        return False
    if link is None:
        return True  # the link is deeper in a sibling's subtree: judged by size alone
    # A link in the running text of a paragraph (a sentence's words before it in the same <p>) is a story's link
    # to another story, not an item's headline: a short notice's only paragraph beside its tag line. (Asked of an
    # item around its one link only: a link that is its own item shares its paragraph with other headline links,
    # and reading the paragraph from its start for each of them would cost links × elements.)
    for node in link.iterancestors() if link is not item else ():
        if node.tag == "p" and _text_before(node, link, _IN_TEXT_CHARS) >= _IN_TEXT_CHARS:
            return False
        if node is item:
            break
    return _text_before(item, link, TEASER_TEXT_BEFORE_HEADLINE) <= TEASER_TEXT_BEFORE_HEADLINE


#: Characters of a paragraph before a link that make it a link in running text (a date or section label before an
#: item's headline is far shorter).
_IN_TEXT_CHARS = 80


def _text_before(block: lxml_html.HtmlElement, element: lxml_html.HtmlElement, limit: int) -> int:
    """Characters of text (whitespace runs counted once) in ``block`` before ``element`` starts, counted up to
    just over ``limit``: where the link itself stands, not where its words first occur (a story whose
    "already published" box links to the story itself under its own headline text)."""
    count = 0
    for event, node in etree.iterwalk(block, events=("start", "end")):
        if node is element:
            break
        if event == "start":
            piece = node.text if isinstance(node.tag, str) else None  # a comment's text is not the page's
        else:
            piece = node.tail if node is not block else None
        count += len(" ".join((piece or "").split()))
        if count > limit:
            break
    return count

_LEADING_META = re.compile(r"^[\W\d_]*")


def _single_teaser(link: lxml_html.HtmlElement, keep: Set[lxml_html.HtmlElement] = frozenset(),
                   heading: str = "") -> lxml_html.HtmlElement | None:
    """The block of a lone listing item (the last page of a category): the smallest block around a headline
    link that also holds a lede, short, and opening with the headline; not one that also holds the page's own
    ``heading`` under the link (a short story under a link to its section, "Hoạt động công đoàn cơ sở")."""
    if clean.in_chrome(link, lists=False, keep=keep):
        return None
    headline = normalize_line(link.text_content())
    for block in link.iterancestors():
        if block.tag in {"body", "html"}:
            return None
        text = normalize_line(block.text_content())
        if len(text) < len(headline) + 40:
            continue
        if len(text) > 700 or len(heading) >= 10 and heading not in headline and heading in text:
            return None
        return block if _LEADING_META.sub("", text).startswith(headline[:20]) else None
    return None


_PAGINATION_WORDS = re.compile(r"^(?:[«‹<]+\s*)?(?:trang sau|trang trước|trang tiếp|trang kế|trang cuối|"
                               r"trang đầu|trang tiếp theo|xem tiếp|next|previous|prev|older posts|newer posts)"
                               r"(?:\s*[»›>]+)?$",
                               re.I)
_PAGE_NUMBER = re.compile(r"^[\[(]?\d{1,4}[\])]?$")


def has_pagination(tree: lxml_html.HtmlElement, anchors: list[tuple[lxml_html.HtmlElement, str, str]]) -> bool:
    """True for "Trang sau"/"Next" links, rel=next/prev, or page-number links ("1", "[2]") in a block that
    names pages ("Trang: [1] [2]", class "pagination") or with page-numbered URLs (``anchors``: the page's
    links, :func:`page_anchors`)."""
    for a, href, text in anchors:
        if _PAGINATION_WORDS.match(text) or (a.get("rel") or "").lower() in {"next", "prev"}:
            return True
        if _PAGINATION_TEXT.match(text or "»") and _PAGINATION_HREF.search(href):
            return True
        if _PAGE_NUMBER.match(text):
            parent = a.getparent()
            context = f"{parent.get('class', '')} {parent.get('id', '')}" if parent is not None else ""
            label = normalize_line(parent.text_content()) if parent is not None else ""
            if _PAGINATION_HREF.search(href) or re.search(r"pag|phantrang|trang", context, re.I) or re.match(
                    r"^(?:trang|page)\b", label, re.I):
                return True
    return any((link.get("rel") or "").lower() in {"next", "prev"} for link in tree.iter("link"))


def error_notice(tree: lxml_html.HtmlElement) -> bool:
    """True when a short run of the page's text (one text node, scripts and styles aside) says the page is
    not there: "Error 404", "Trang bạn tìm kiếm không tồn tại"."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        runs = (element.tail,) if element.tag in {"script", "style"} else (element.text, element.tail)
        for run in runs:
            if run and len(run) < 40 * _ERROR_NOTICE_WORDS and _ERROR_NOTICE.search(run) \
                    and len(run.split()) <= _ERROR_NOTICE_WORDS:
                return True
    return False


def gather_signals(tree: lxml_html.HtmlElement, page_url: str, self_url: str, body_text: str,
                   heading: str, heading_element: lxml_html.HtmlElement | None = None,
                   ld: list[dict[str, Any]] | None = None, page_title: str = "") -> PageSignals:
    """Collect the classifier's inputs from the page tree, the extracted text and the page's heading (and its
    element, whose holders are the page's main column, never chrome); ``ld``: the page's :func:`json_ld` when
    the caller has it; ``page_title``: the title its metadata gives, read only when no heading was found."""
    signals = PageSignals(body_chars=len(body_text), heading_words=len(heading.split()))
    og_type = (meta_content(tree, "og:type") or "").lower()
    signals.og_article = og_type in {"article", "news", "newsarticle", "blog", "blogposting"}
    for obj in json_ld(tree) if ld is None else ld:
        kinds = ld_types(obj)
        signals.ld_article |= bool(kinds & ARTICLE_TYPES)
        signals.ld_listing |= bool(kinds & LISTING_TYPES - {"WebSite"})
    anchors = page_anchors(tree)
    links = _headline_links(anchors, page_url, self_url)
    away = set(links)  # the headline links, for the heading's test below
    # Menus, sidebars and footers left out, but not a wrapper of the page's main text named "header", nor the
    # blocks that hold the page's own heading (a portal that wraps its whole page in "columns-widget" and
    # "page-header": on a category page of short items there is too little paragraph text to tell them).
    body = tree.find("body")
    keep = clean.body_wrappers(body if body is not None else tree)
    if heading_element is not None:
        keep = keep | set(heading_element.iterancestors())
    outside = [a for a in links if not clean.in_chrome(a, lists=False, keep=keep)]
    # (A heading that is itself a headline link to another page heads a teaser: its block is no page's own.)
    links_away = heading_element is not None and any(
        a in away for a in (*heading_element.iter("a"), *heading_element.iterancestors("a")))
    blocks = teaser_blocks(links, keep, normalize_line(heading), None if links_away else heading_element)
    signals.teasers = len(blocks)
    lines = [line for line in body_text.split("\n") if line.strip()]
    # Lines a teaser block holds: one search of the blocks' texts a line (a normalised text has no line break).
    teasers = "\n".join(normalize_line(b.text_content()) for b in blocks)
    teased = [bool(teasers) and _held(line, teasers) for line in lines]
    if blocks and lines:
        inside = sum(len(line) for line, held in zip(lines, teased, strict=True) if len(line) >= 15 and held)
        signals.teaser_share = inside / max(1, sum(len(line) for line in lines))
        # The run of lines closing the text inside teaser blocks, from its first headline on (a story's own
        # closing lines that the site's other teasers repeat, its hotline or its sign-off, are not a teaser's).
        run = next((i for i, held in enumerate(reversed(teased)) if not held), len(teased))
        headlines = {text for a, _, text in anchors if a in away}
        start = next((i for i in range(len(lines) - run, len(lines)) if lines[i] in headlines), len(lines))
        signals.trailing_teaser_lines = len(lines) - start
    signals.prose_chars = sum(len(line) for line, held in zip(lines, teased, strict=True)
                              if len(line) >= 80 and SENTENCE_END.search(line) and not held)
    signals.sentence_chars = sum(len(line) for line, held in zip(lines, teased, strict=True)
                                 if len(line) >= SENTENCE_LINE_CHARS and SENTENCE_END.search(line) and not held)
    own = [line for line, held in zip(lines, teased, strict=True) if not held]
    signals.main_block_chars = main_prose_block(tree, own, outside)
    signals.heading_prose_chars = prose_under_heading(heading_element, own, outside) if heading else 0
    if heading and not signals.heading_prose_chars and signals.teasers and signals.teaser_share < 0.5:
        # (read only where it may count: teaser blocks that do not hold the text, no prose under the heading)
        signals.heading_sentence_chars = prose_under_heading(
            heading_element, own, outside, min_chars=SENTENCE_LINE_CHARS, closes=_CLOSED_SENTENCE)
    signals.published_meta = bool(meta_content(tree, "article:published_time", "pubdate", "datePublished",
                                               "dc.date.issued", "og:article:published_time"))
    # The placeholder and at most short labels beside it (a menu's items, "Ngày đăng:", that no class name left
    # out of the text): no line of the page's own that could be a sentence of a story. A listing whose items
    # hold the placeholder as their ledes is told by its teasers, not here.
    placeholders = [is_placeholder_line(line) for line in lines]
    signals.placeholder = all(placeholders) if signals.teaser_share >= 0.5 else any(placeholders) and all(
        held or len(line) < _PLACEHOLDER_LABEL_CHARS for line, held in zip(lines, placeholders, strict=True))
    # A headline that is the placeholder ("CHUYEN MUC CHUA CO BAI VIET" over an empty section) with no prose
    # under it: the text is the template's.
    signals.placeholder |= bool(heading) and is_placeholder_line(heading) and not signals.heading_prose_chars
    if lines:
        signals.contact_share = sum(1 for line in lines if _CONTACT_LINE.match(line)) / len(lines)
    signals.pagination = has_pagination(tree, anchors)
    signals.headline_links = len(outside)
    signals.password = tree.find(".//input[@type='password']") is not None
    key = heading.strip(" :.").casefold()
    signals.utility_heading = bool(_UTILITY_HEADING.match(key)) and len(key.split()) <= 6 or bool(
        _ABOUT_HEADING.fullmatch(key))
    if not heading:
        # No heading on the page: a title of a utility page's few words only ("Liên hệ", a contact page's
        # <title> over its address and form, on a site that stamps og:type article on every page).
        title_key = page_title.strip(" :.").casefold()
        signals.utility_heading = bool(_UTILITY_HEADING.match(title_key)) and len(title_key.split()) <= \
            _UTILITY_TITLE_WORDS

    signals.section_heading = section_heading(anchors, heading,
                                              unnamed=signals.heading_prose_chars < HEADING_PROSE_CHARS)
    # A heading that is itself a headline link to another page heads a listing's featured item: the page's
    # own headline it is not (a category page whose <h1> is only the section's name, left out as a banner).
    signals.heading_links_away = links_away
    signals.images = own_images(tree, blocks, keep)
    signals.longest_line = max((len(line) for line in lines), default=0)
    split = urlsplit(page_url)
    signals.search = bool(_SEARCH_TEXT.search(heading)) or bool(
        _SEARCH_URL.search(f"{split.path}?{split.query}") and body is not None
        and _SEARCH_TEXT.search(body.text_content()))
    headings = [normalize_line(t.text_content()) for t in tree.iter("title", "h1")]
    # A status code in a short heading marks an error page only when the page has no prose of its own: "Bài
    # sau lỗi 500" over a story is a story.
    signals.error = bool(_ERROR_TEXT.search(" ".join(headings))) or signals.main_block_chars < 200 and (any(
        _ERROR_CODE.search(h) and len(h.split()) <= _ERROR_CODE_WORDS for h in headings) or error_notice(tree))
    signals.home_url = not split.query and bool(_HOME_PATH.match(split.path))
    signals.article_url = article_shaped_url(page_url)
    sizes = [len(normalize_line(node.text_content())) for node in _WITH_ID(tree) if _POST_ID.match(node.get("id"))]
    sizes = [size for size in sizes if size >= 20]
    signals.posts = len(sizes)
    signals.top_post_share = max(sizes) / sum(sizes) if sizes else 0.0
    return signals


def _held(line: str, teasers: str) -> bool:
    """The extracted ``line`` lies inside a teaser block (``teasers``: the blocks' normalised texts): the line
    itself, or, for a table's row as trafilatura writes it ("| 12/KH-LĐLĐ | 01/11/2025 | Kế hoạch … |"), each of
    its cells (a row of a list of documents whose title links to its page)."""
    if line in teasers:
        return True
    if not line.startswith("|"):
        return False
    cells = [cell.strip() for cell in line.strip("| ").split("|") if cell.strip()]
    return bool(cells) and all(cell in teasers for cell in cells)


def own_images(tree: lxml_html.HtmlElement, teasers: list[lxml_html.HtmlElement],
               keep: Set[lxml_html.HtmlElement] = frozenset()) -> int:
    """Images outside page chrome and outside teaser blocks (a related story's thumbnail is no picture of the
    page's). Pictures linked to other pages still count: an album index's thumbnails make it a gallery."""
    in_teaser: set[lxml_html.HtmlElement] = set()
    for block in teasers:
        in_teaser.update(block.iter("img"))
    count = 0
    for img in tree.iter("img"):
        if img in in_teaser or clean.in_chrome(img, lists=False, keep=keep):
            continue
        count += 1
    return count


_SLUG_WORD = re.compile(r"[^\W\d_]+")
_STORY_ID = re.compile(r"\d{5,}")
#: A path segment that is only a story's number, with at most a short prefix ("a288324", "post-123456").
_ID_SEGMENT = re.compile(r"^[a-z]{0,4}[-_]?\d{5,}$", re.I)


#: A story's own number in the query of a detail view ("/tin-tuc-chi-tiet?newsId=5964", a province's union
#: subsite in the research notes; "/chi-tiet.aspx?ItemID=12"), Joomla's article and K2 item views
#: ("index.php?option=com_content&view=article&id=12"), WordPress's "?p=123".
_DETAIL_PATH = re.compile(r"chi-?tiet|detail|xem-?tin|doc-?tin|noi-?dung|bai-?viet", re.I)
_STORY_PARAM = re.compile(r"(?:^|&)(?:news_?id|item_?id|article_?id|post_?id|tin_?id|nid|id)=\d+(?:[:&]|$)", re.I)
_CMS_STORY_QUERY = re.compile(r"(?:^|&)view=(?:article|item)(?:&|$)|^p=\d+(?:&|$)", re.I)


def article_shaped_url(url: str) -> bool:
    """True for an address that reads like one story's: its last path segment is a slug of six or more words
    (a headline: "/gia-vang-giam-van-cao-hon-the-gioi.htm"), or of three or more with a story number of five
    or more digits in the path ("/123456/ten-bai-viet.html", "/ten-bai-viet-d123456.html"). Category addresses
    ("/kinh-doanh.htm", "/chinh-sach-va-cuoc-song/", "/timelinelist/1021119/2.htm") are short. A last segment
    that is only a story number ("/giao-duc/ten-bai-viet-dai/a288324.html") leaves the slug to the one before.
    A story's number in the query of a detail view, or a CMS's story view, reads so too (``_STORY_PARAM``)."""
    split = urlsplit(url)
    if split.query and (_CMS_STORY_QUERY.search(split.query) or _DETAIL_PATH.search(split.path)
                        and _STORY_PARAM.search(split.query)):
        return True
    path = split.path
    parts = [part for part in path.split("/") if part]
    segment = parts[-1].rsplit(".", 1)[0] if parts else ""
    if _ID_SEGMENT.match(segment) and len(parts) >= 2:
        segment = parts[-2]
    words = len(_SLUG_WORD.findall(segment.rsplit(".", 1)[0]))
    return words >= 6 or words >= 3 and _STORY_ID.search(path) is not None


#: The home page of a site (or of a sub-site: "/en/", a province's "/trang-chu.html").
_HOME_PATH = re.compile(r"^/?(?:[a-z]{2}/?)?(?:(?:index|default|home|trang-?chu)(?:\.[a-z]{2,5})?)?$", re.I)
#: Forum software (vBulletin, XenForo, MyBB, Discourse...) gives every post of a thread an element id "post-N";
#: a blog gives its one post the same id, so a thread is several posts, none holding most of the text.
_POST_ID = re.compile(r"^post[-_]?\d+$", re.I)
_WITH_ID = etree.XPath("//*[@id]")


_LEAF_BLOCKS = ("p", "div", "td", "li", "dd", "blockquote", "h2", "h3", "h4", "span", "font", "figcaption")
#: In document order: every link, and every leaf block (one holding no p, div, td, li or table: a container's
#: paragraphs are looked at one by one) with 80 characters of text or more. One XPath, so that the hundreds of
#: short menu and teaser blocks of a page are passed over in C (a union of name tests, the length first: several
#: times faster than one test of the tag names).
_LEAF = "[not(.//p or .//div or .//td or .//li or .//table)]"
_PROSE_CANDIDATES = etree.XPath(" | ".join(
    ["descendant::a", *(f"descendant::{tag}[string-length() >= 80]{_LEAF}" for tag in _LEAF_BLOCKS)]))
#: The same, after an element (its own descendants left out).
@functools.cache
def _following(min_chars: int) -> etree.XPath:
    """Links and leaf blocks of ``min_chars`` characters or more after an element, in page order (compiled
    once a length)."""
    return etree.XPath(" | ".join(
        ["following::a", *(f"following::{tag}[string-length() >= {min_chars}]{_LEAF}" for tag in _LEAF_BLOCKS)]))


def main_prose_block(tree: lxml_html.HtmlElement, lines: list[str], outside: list[lxml_html.HtmlElement]) -> int:
    """Characters of the longest run of extracted prose paragraphs (``lines``: the caller leaves out those of
    teaser blocks), in page order, with no headline link to another page of the site (``outside``: those outside
    chrome) between them. An article's body is one such
    run under its headline; a listing's ledes, however long (seed 000), are each headed by a link to their
    story."""
    body = tree.find("body")
    return _prose_run(_PROSE_CANDIDATES(body) if body is not None else [], lines, outside)


def prose_under_heading(heading: lxml_html.HtmlElement | None, lines: list[str],
                        outside: list[lxml_html.HtmlElement], *, min_chars: int = 80,
                        closes: re.Pattern[str] = SENTENCE_END) -> int:
    """Characters of the run of prose paragraphs (as :func:`main_prose_block` counts them; lines of ``min_chars``
    or more that ``closes`` ends) that opens after the page's own ``heading`` before any headline link: a short
    story's text under its headline, however big the boxes of cards around it. A listing's first text after its
    heading is an item's headline link."""
    if heading is None:
        return 0
    links = set(outside)
    if any(a in links for a in (*heading.iter("a"), *heading.iterancestors("a"))):
        return 0  # a heading that links to another story heads a teaser (a listing's featured item)
    return _prose_run(_following(min_chars)(heading), lines, outside, first_only=True, min_chars=min_chars,
                      closes=closes)


def _prose_run(elements: list, lines: list[str], outside: list[lxml_html.HtmlElement], *,
               first_only: bool = False, min_chars: int = 80, closes: re.Pattern[str] = SENTENCE_END) -> int:
    """The longest run of prose paragraphs among ``elements`` (links and leaf blocks in page order) with no
    headline link of ``outside`` between them; with ``first_only``, the first run, none if a link opens it."""
    prose = {line[:60]: len(line) for line in lines if len(line) >= min_chars and closes.search(line)}
    if not prose:
        return 0
    # A set of the elements themselves, not of id(): lxml makes a new proxy object per access, and a freed
    # proxy's id() is reused by the next one.
    links = set(outside)
    best = run = 0
    seen: set[str] = set()
    block_chars: dict[lxml_html.HtmlElement, int] = {}  # read once: a block may hold hundreds of the links
    list_tables: dict[lxml_html.HtmlElement, dict[lxml_html.HtmlElement, list]] = {}  # a table -> its item rows
    for element in elements:
        if element.tag == "a":
            if element in links:
                block = next((b for b in element.iterancestors(*_LEAF_BLOCKS)), None)
                if block is not None and block not in block_chars:
                    block_chars[block] = len(block.text_content())
                inline = block is not None and block_chars[block] >= 2 * len(element.text_content()) + 40
                if not inline:
                    if first_only:
                        return run
                    run = 0  # a headline link of its own: the next paragraph belongs to another story
            continue
        raw = element.text_content()
        # Paragraphs written as <br>-separated runs of one block (older editors, forum posts) count one by one.
        segments = _br_segments(element) if element.find(".//br") is not None else [raw]
        keys = [key for key in (" ".join(segment.split())[:60] for segment in segments)
                if key in prose and key not in seen]
        if not keys:
            continue
        seen.update(keys)
        if _list_row_lede(element, links, list_tables):
            if first_only:
                return run
            run = 0  # an item's description beside its headline link's cell: another story's
            continue
        opening = next((a for a in element.iter("a") if a in links), None)
        if opening is not None and " ".join(raw.split()).startswith(" ".join(opening.text_content().split())[:30]):
            if first_only:
                return run
            run = 0  # a teaser: headline link, then its lede
            continue
        run += sum(prose[key] for key in keys)
        best = max(best, run)
    return best


#: Rows a table needs, each an item, to be a list of items.
_LIST_ROWS = 3
#: Cells with text an item's row has at least (title, author, date, description...).
_ITEM_CELLS = 3
#: Headline links a list's row holds at most (the item's, its category's, its folder's); a layout table's
#: sidebar column holds more.
_ROW_LINKS = 3


def _list_row_lede(element: lxml_html.HtmlElement, links: Set[lxml_html.HtmlElement],
                   list_tables: dict[lxml_html.HtmlElement, dict[lxml_html.HtmlElement, list]]) -> bool:
    """True for a paragraph in a cell of a list table's row whose headline link (of ``links``) stands in another
    cell: an item's description (a SharePoint list view's rows: title | author | date | description), not a
    story's prose. A list table has ``_LIST_ROWS`` item rows or more; a layout table's row (a story's column
    beside a sidebar of many links) is none. ``list_tables``: the caller's cache, each table's item rows (none
    for a table that is no list) read once."""
    cell = clean.enclosing_cell(element)
    row = cell.getparent() if cell is not None else None
    table = row.getparent() if row is not None and row.tag == "tr" else None
    if table is None:
        return False
    if table not in list_tables:
        items = {other: found for other in table if other.tag == "tr"
                 if (found := _list_item_row(other, links)) is not None}
        list_tables[table] = items if len(items) >= _LIST_ROWS else {}
    found = list_tables[table].get(row)
    return found is not None and not any(a is cell for link in found for a in link.iterancestors())


def _list_item_row(row: lxml_html.HtmlElement,
                   links: Set[lxml_html.HtmlElement]) -> list[lxml_html.HtmlElement] | None:
    """The headline links of a table row shaped like a list's item (``_ITEM_CELLS`` cells with text or more; one
    headline link of ``links``, or a few: the item's and its category's), else None."""
    cells = [c for c in row if c.tag in {"td", "th"}]
    if sum(bool(c.text_content().strip()) for c in cells) < _ITEM_CELLS:
        return None
    found = [a for a in row.iter("a") if a in links]
    return found if 1 <= len(found) <= _ROW_LINKS else None


def _br_segments(element: lxml_html.HtmlElement) -> list[str]:
    """The element's text cut at its <br> elements, in document order."""
    segments: list[str] = []
    current: list[str] = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            if node.tag == "br":
                segments.append("".join(current))
                current = []
            elif isinstance(node.tag, str):
                current.append(node.text or "")
        elif node is not element:
            current.append(node.tail or "")
    segments.append("".join(current))
    return segments


#: Main prose block long enough to be a story's body (a listing's ledes never form one: each is headed by a link).
PROSE_BLOCK_CHARS = 400
#: Prose right under a dated headline that keeps a short story among bigger boxes of cards (flagged).
HEADING_PROSE_CHARS = 150
#: Prose of real sentences outside teaser blocks that makes a story's text even when a box splits its run.
STORY_TEXT_CHARS = 400
#: Characters of a main prose block that keep a page with no headline found (several paragraphs, flagged).
HEADLESS_PROSE_CHARS = 1000
#: Extracted text under which a heading with no date and no sentence of its own over teaser blocks is a bare
#: section heading, not a story (a category page whose template names nothing: the extractor kept its footer).
BARE_HEADING_CHARS = 500
#: A sentence line (captions included) and the sentence text that keeps a headline-less page at a story's address.
SENTENCE_LINE_CHARS = 40
HEADLESS_STORY_CHARS = 300
#: Text under a headline, in lines of any length, that keeps an undated page no rule typed (no teaser, no pager).
HEADLINE_TEXT_CHARS = 300
#: A sentence's close (a label's colon is none: "Từ site Cổng thông tin điện tử …:").
_CLOSED_SENTENCE = re.compile(r"[.!?…”\"')]\s*$")
#: Story evidence read from the page's own text (the rest is metadata or the address).
_STORY_TEXT = frozenset({"main prose block", "story text", "dated headline over prose"})
#: Share of the text inside teaser blocks under which a headline over sentences of its own is a story's.
_OWN_TEXT_TEASER_SHARE = 0.2
#: Teaser blocks a story's box of other stories holds at most ("Tin khác": five to ten headlines).
_RELATED_BOX_TEASERS = 10
#: Rules whose verdict only clear evidence of their own makes: the page says it is an error or search page.
_DECISIVE_RULES = frozenset({"error page", "search results"})


@dataclass
class Decision:
    """The page type, whether the signals disagree (``page_type_uncertain``), the rule that gave the type and
    the evidence weighed (see the table in :func:`decide`)."""

    page_type: str
    uncertain: bool
    rule: str
    story: tuple[str, ...] = ()  # story-specific article evidence found
    sitewide: tuple[str, ...] = ()  # article evidence that sites set on every page
    rules_said: str = ""  # what the layout rules (:func:`classify`) said, and why


def story_evidence(signals: PageSignals, has_date: bool) -> tuple[str, ...]:
    """Article evidence that belongs to one story (a listing page does not have it unless its site mislabels
    it): JSON-LD article type, a published-time meta tag, a main prose block, story text outside teaser blocks
    under a headline, a story's address with a headline and a date or og:type."""
    headline = signals.headline
    found = []
    prose = signals.main_block_chars >= PROSE_BLOCK_CHARS  # prose outside teaser blocks: a listing has none
    # Metadata counts with something of the page's own under it (a headline, prose): a site that stamps
    # listing pages with it does not keep its empty category pages.
    own = headline or signals.main_block_chars >= PROSE_BLOCK_CHARS or signals.prose_chars >= STORY_TEXT_CHARS
    if signals.ld_article and own:
        found.append("json-ld article")
    if signals.published_meta and own:
        found.append("published-time meta")
    if prose and (headline or signals.og_article or has_date or signals.article_url):
        found.append("main prose block")
    if headline and signals.prose_chars >= STORY_TEXT_CHARS and signals.teaser_share < 0.5:
        found.append("story text")
    if headline and signals.article_url and (signals.og_article or has_date) and signals.body_chars and (
            signals.teaser_share < 0.5 or signals.prose_chars >= 80):
        found.append("story address")  # with text of its own: a category's slug may be six words long
    if headline and has_date and signals.prose_chars >= 80 and signals.teaser_share < 0.5:
        found.append("dated headline over prose")  # a photo or video story: pictures and a paragraph
    if headline and has_date and signals.heading_sentence_chars >= SENTENCE_LINE_CHARS \
            and signals.teaser_share < 0.5 and "dated headline over prose" not in found:
        # A notice of one sentence under its dated headline (a school's notice over its attached file) beside
        # boxes of cards: a listing's first text under its heading is an item's headline link.
        found.append("dated headline over a sentence")
    under = signals.heading_prose_chars >= HEADING_PROSE_CHARS
    if headline and has_date and under and signals.teaser_share >= 0.5:
        # A short story (a school post of one paragraph) over boxes of cards that outweigh it: its prose opens
        # under its dated headline; a listing's first text under its heading is an item's headline link.
        found.append("dated headline over its own prose")
    if headline and signals.article_url and under and "story address" not in found:
        # The same at a story's address with no date printed (a short story cut to its first paragraphs among
        # teaser boxes): a category's address is not a story's, and its heading is not over prose of its own.
        found.append("story address over its own prose")
    elif headline and signals.article_url and signals.heading_prose_chars >= 80 and signals.teaser_share < 0.5 \
            and "story address" not in found:
        # A photo or video story at a story's address with no date printed: a sentence of its own under its
        # headline, then pictures with captions (which the gallery rule reads as an album). Kept, flagged.
        found.append("story address over a paragraph of its own")
    return tuple(found)


def sitewide_evidence(signals: PageSignals, has_date: bool) -> tuple[str, ...]:
    """Article evidence that many sites give every page (og:type "article"; a headline-sized ``h1``, which
    listing templates give their lead story; a date, which a listing's first item has)."""
    headline = signals.headline
    found = []
    if signals.og_article:
        found.append("og:type article")
    if headline:
        found.append("headline of its own" + (" with a date" if has_date else ""))
    return tuple(found)


def decide(signals: PageSignals, has_date: bool, shape_hint: str | None = None) -> Decision:
    """The page type from the signals, keeping every page with story evidence (README, "Page type").

    ==================================  ==============================  ====================================
    article evidence                    layout rules (:func:`classify`)  verdict
    ==================================  ==============================  ====================================
    any                                 site's home address             listing; article, uncertain with
                                                                        JSON-LD article AND published time
    any                                 forum thread (3+ posts)         other; article, uncertain with
                                                                        JSON-LD article or published time
    story evidence or a headline        article                         article
    og:type only                        article                         article, uncertain
    story text (prose outside teasers)  article, but 3+ teasers and no  article
                                        prose block
    story metadata only, or a headline  article, but 3+ teasers and no  article, uncertain
    with a date, a sentence or text     prose block
    a bare headline (no date, no        article, but 3+ teasers and no  listing (dropped)
    sentence, under 500 characters)     prose block
    none of these                       article, but 3+ teasers and no  listing (dropped)
                                        prose block
    a prose block + other story         error or search page            article, uncertain
    evidence
    less                                error or search page            other (dropped)
    story evidence                      listing or other                article, uncertain
    a headline with a date, og:type or  no rule fired ("no evidence")   article, uncertain
    a story address, some text; or a
    headline over 150+ characters of
    its own prose, or over 300+ of text
    with no teaser or pager
    a story address and 300+            no rule fired, or a photo       article, uncertain
    characters of sentence lines of     gallery
    its own (captions too)
    a main prose block of 1,000+        no rule fired ("no evidence")   article, uncertain
    characters, no headline
    a headline over a sentence of its   listing by at most 10 teaser    article, uncertain
    own, 150+ characters of sentences   blocks, under a fifth of text
    site-wide evidence only, or none    listing or other                listing / other (dropped)
    ==================================  ==============================  ====================================

    Story evidence: :func:`story_evidence`; site-wide evidence: :func:`sitewide_evidence`. ``shape_hint`` is
    what the site's profile says of pages with this URL shape ("article" or "listing"): a page of an article
    shape that would be dropped but has a heading or prose of its own is kept, flagged; a page of a listing
    shape called article without story evidence is flagged (kept: the profile only learns from what the rules
    decided)."""
    story = story_evidence(signals, has_date)
    sitewide = sitewide_evidence(signals, has_date)
    rule_type, rule = classify_rule(signals, has_date)
    said = f"{rule_type} ({rule})"

    def verdict(page_type: str, uncertain: bool, why: str) -> Decision:
        return Decision(page_type, uncertain, why, story, sitewide, said)

    if signals.placeholder:
        # A story page whose text is only the CMS's placeholder: nothing of its own to store, whatever its
        # metadata says (a later crawl fetches it again: only stored articles are skipped).
        return verdict("other", False, "placeholder text only")
    if signals.home_url:
        # A site's home page is its front listing, whatever og:type says; only article metadata of its own
        # keeps it (flagged).
        if signals.ld_article and signals.published_meta:
            return verdict("article", True, "home address, but JSON-LD article and published time")
        return verdict("listing", False, "home address")
    if signals.posts >= 3 and signals.top_post_share < 0.75:
        # A forum thread: posts by several members. Kept only with article metadata of its own (flagged).
        if signals.ld_article or signals.published_meta:
            return verdict("article", True, "forum posts, but article metadata")
        return verdict("other", False, "forum posts")
    if rule_type == "article":
        if signals.teasers >= 3 and signals.main_block_chars < PROSE_BLOCK_CHARS:
            # Teaser blocks and no prose block: a category page of a site whose template says "article"
            # everywhere, or a story (photo, video, short) beside big related boxes.
            if set(story) & _STORY_TEXT:
                return verdict("article", False, "3+ teaser blocks and no prose block, but story text")
            if story:
                return verdict("article", True, "3+ teaser blocks and no prose block, but story metadata")
            if not signals.headline:
                return verdict("listing", False,
                               "3+ teaser blocks, no prose block, no headline, no story evidence")
            if not has_date and signals.body_chars < BARE_HEADING_CHARS \
                    and max(signals.prose_chars, signals.heading_prose_chars) < 80:
                # A heading over the items and nothing of its own: no date, no sentence, little text (what
                # the extractor kept is the page's footer). A story, however short, has a date or a sentence.
                return verdict("listing", False, "3+ teaser blocks and a bare heading: no date, no prose")
            return verdict("article", True, "3+ teaser blocks and no prose block, but a headline")
        if shape_hint == "listing" and not (signals.ld_article or signals.published_meta):
            return verdict("article", True, "the site's listing address shape")
        if not story and not signals.headline:
            return verdict("article", True, "og:type article, but no headline or story evidence")
        return verdict("article", False, rule)
    if rule in _DECISIVE_RULES:
        if "main prose block" in story and len(story) >= 2:
            return verdict("article", True, f"{rule}, but a prose block and story evidence")
        return verdict(rule_type, False, rule)
    if story:
        return verdict("article", True, f"{rule}, but story evidence")
    if rule == TEASER_BLOCKS and signals.headline and signals.teaser_share < _OWN_TEXT_TEASER_SHARE \
            and signals.teasers <= _RELATED_BOX_TEASERS and signals.heading_prose_chars >= 80 \
            and signals.sentence_chars >= HEADING_PROSE_CHARS:
        # A few teaser blocks beside the page's text, not holding it: a short undated story (a reader's question
        # and the answer) under its own headline, a sentence of prose right under it, beside a box of other
        # stories. (A category's intro over dozens of cards stays a listing.)
        return verdict("article", True, "teaser blocks, but a headline over sentences of its own")
    if rule == NO_EVIDENCE and signals.headline and signals.body_chars and (
            has_date or signals.og_article or signals.article_url
            or signals.heading_prose_chars >= HEADING_PROSE_CHARS
            or signals.body_chars >= HEADLINE_TEXT_CHARS and not signals.teasers and not signals.pagination):
        # A short page that no rule recognised: a headline with a date, og:type or a story's address keeps it,
        # and so does a headline over prose of its own (a short undated story at an address of the site's own
        # scheme, "/?id=123": typed other, it was lost without a word), or over text of its own in short lines
        # with no teaser or pager beside it (an undated plan posted as a list of its items at "/ke-hoach-so-12").
        return verdict("article", True, "no listing evidence, a headline of its own")
    if rule in {NO_EVIDENCE, PHOTO_GALLERY} and signals.article_url and signals.teaser_share < 0.5 \
            and signals.sentence_chars >= HEADLESS_STORY_CHARS:
        # A story's address whose own lines are sentences, though no prose block or headline over prose was found
        # (a photo story of captions under a headline set in a bold span of an unclassed <div>, found only over
        # prose): kept, flagged. A category's address is not a story's, an album's captions are labels, a
        # listing's lines are teasers.
        return verdict("article", True, "no listing evidence, sentences of its own at a story's address")
    if rule == NO_EVIDENCE and signals.main_block_chars >= HEADLESS_PROSE_CHARS:
        # No headline was found, but the page holds several paragraphs of running prose and nothing says listing:
        # a story whose headline the template hides from every rule is kept, flagged; an article lost is never
        # found. (A utility page's blurb, a contact page's few sentences, stays other.)
        return verdict("article", True, "no listing evidence, a prose block of its own")
    if shape_hint == "article" and (signals.headline or signals.main_block_chars >= 200) \
            and not signals.ld_listing:
        return verdict("article", True, f"{rule}, but the site's article address shape")
    return verdict(rule_type, False, rule)


def decide_page_type(signals: PageSignals, has_date: bool, shape_hint: str | None = None) -> tuple[str, bool]:
    """The page type and whether the signals disagree (``page_type_uncertain``): :func:`decide`."""
    decision = decide(signals, has_date, shape_hint)
    return decision.page_type, decision.uncertain


#: The rule :func:`classify_rule` names when no rule fired: the page is short and says nothing either way.
NO_EVIDENCE = "no evidence"
#: The layout rule that reads three teaser blocks (two beside a pager) as a listing.
TEASER_BLOCKS = "teaser blocks"
#: The rule naming a page of pictures with short captions.
PHOTO_GALLERY = "photo gallery"


def classify(signals: PageSignals, has_date: bool) -> str:
    """``article``, ``listing`` or ``other`` from the layout rules alone (:func:`classify_rule`)."""
    return classify_rule(signals, has_date)[0]


def classify_rule(signals: PageSignals, has_date: bool) -> tuple[str, str]:
    """The layout rules' type and the rule that gave it."""
    body = signals.body_chars
    structured_article = signals.og_article or signals.ld_article
    if signals.error:
        return "other", "error page"
    if signals.search:
        return "other", "search results"
    if signals.utility_heading:
        return "other", "utility heading"
    if signals.ld_listing and not structured_article:
        return "listing", "JSON-LD listing type"
    if signals.teasers >= 1 and signals.teaser_share >= 0.5:
        return "listing", "text in teaser blocks"  # the text lives in blocks headed by links to other pages
    if signals.contact_share >= 0.5 or signals.password and body < 150:
        return "other", "contact or login form"
    if signals.images >= 4 and signals.longest_line < 120 and not structured_article:
        return "other", PHOTO_GALLERY  # pictures with short captions
    headline = signals.headline
    if signals.pagination and not headline and not structured_article and signals.headline_links >= 1:
        return "listing", "pagination, no headline"  # a category page's last page, with a single item left
    if body >= 150 and (headline or structured_article) and (has_date or structured_article or body >= 500):
        return "article", "headline and body"
    if signals.teasers >= 3 or signals.pagination and signals.teasers >= 2:
        return "listing", TEASER_BLOCKS
    if body >= 500 and headline:
        return "article", "headline and body"
    return "other", NO_EVIDENCE
