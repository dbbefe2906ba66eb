"""One page, bytes to record: decoding, legacy repair, metadata, chrome removal, trafilatura, line rules."""

from __future__ import annotations

import copy
import itertools
import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from pipelines import profile as site_profiles  # not `from ... import`: pipelines.profile imports us
from pipelines.extract import clean, legacy
from pipelines.extract.bounds import bound_html
from pipelines.extract.dates import (
    RAW_TIMESTAMP,
    VN_TZ,
    DateMatch,
    find_dates,
    month_first_separators,
    parse_iso,
    url_date,
)
from pipelines.extract.decode import decode_html
from pipelines.extract.lines import (
    SENTENCE_END,
    byline_and_date,
    byline_and_relative_date,
    clean_lines,
    dateline_dates,
    is_byline_label,
    is_date_line,
    is_relative_date_line,
)
from pipelines.extract.metadata import (
    AUTHOR_LABEL,
    SURNAMES,
    breadcrumb_category,
    canonical_url,
    clean_author,
    holds_breadcrumb,
    is_place,
    is_publisher,
    labelled_category,
    ld_article,
    ld_names,
    looks_like_site_name,
    menu_category,
    meta_content,
    person_author,
    read_json_ld,
    site_names,
    source_line_author,
    strip_site_suffix,
    title_remainder_names,
)
from pipelines.extract.normalize import fold, nfc, normalize_line, normalize_text, strip_invisible
from pipelines.extract.pagetype import decide, gather_signals, is_placeholder_line
from pipelines.language import VIETNAMESE_LETTERS, detect_language
from pipelines.textkey import content_hash, record_id

if TYPE_CHECKING:
    from pipelines.profile import SiteProfile

#: Run trafilatura's own algorithm only, without its readability/jusText fallback: our cleaned trees already
#: lack the chrome, and the fallback merges <br> lines and drops short closing lines such as signatures.
TRAFILATURA_FAST = True
_PARSER = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False)
# Every element is an ``HtmlElement``: lxml.html's own lookup gives form fields classes of their own, in Python,
# once per element proxy (about a tenth of extraction time); nothing here uses those classes.
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
    entity=lxml_html.HtmlEntity))
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:title|tieude|tieu-de|headline|heading|news-title|"
                          r"entry-title|article-title|detail-title|art-title|titlenews|tentin)(?:$|[\s_-])", re.I)
_AUTHOR_CLASS = re.compile(r"author|tacgia|tac-gia|byline|writer|butdanh|but-danh|nguoiviet", re.I)
_HEADINGS = ("h1", "h2", "h3")

PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
                  "publish-date", "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.created",
                  "sailthru.date", "parsely-pub-date", "article.published", "published_time", "created")
AUTHOR_META = ("author", "article:author", "dc.creator", "sailthru.author", "parsely-author", "byl")


def _empty(url: str, flags: list[str]) -> dict[str, Any]:
    """A record with no content (the page could not be read)."""
    try:
        canonical = canonical_url(lxml_html.fromstring("<html></html>"), url)
    except Exception:  # noqa: BLE001 - an unparsable URL still gets a record
        canonical = url
    return {
        "id": record_id(canonical), "url": canonical, "title": "", "lead": None, "text": "", "author": None,
        "category": None, "published_at": None, "language": "und", "language_score": 0.0,
        "content_hash": content_hash(""), "word_count": 0, "quality_flags": flags, "page_type": "other",
        "site": None, "province": None, "fetched_at": None, "crawl_id": None,
    }


def _is_feed(tree: lxml_html.HtmlElement) -> bool:
    """True when the document is an RSS, Atom or RDF feed (its first element is ``<rss>``, ``<feed>``,
    ``<rdf:RDF>``; the HTML parser puts it under ``<body>``)."""
    body = tree.find("body")
    first = next((e for e in (body if body is not None else tree) if isinstance(e.tag, str)), None)
    return first is not None and first.tag.lower() in {"rss", "feed", "rdf:rdf"}


#: Scripts (except JSON-LD, which metadata reads) and styles.
_CODE_ELEMENTS = "//script[not(contains(translate(@type, 'JSON', 'json'), 'json'))] | //style"
#: What a web archive inserts into the pages it serves: the Wayback Machine's toolbar (``#wm-ipp-base``,
#: ``#wm-ipp`` and its parts, all ``wm-…``), its print line (``#wm-ipp-print``), its donation banner (``#donato``).
#: A page saved from the archive would read "TIMESTAMPS", "COLLECTED BY" and its capture calendar as its own text
#: and byline.
_ARCHIVE_INSERTS = "//*[starts-with(@id, 'wm-') or @id='donato']"
#: Characters a toolbar holds at most (its calendar and labels: under 1,000 on every saved page seen).
_ARCHIVE_INSERT_CHARS = 3000


def drop_archive_inserts(tree: lxml_html.HtmlElement) -> None:
    """Remove a web archive's toolbar from a page saved from the archive (:data:`_ARCHIVE_INSERTS`); never the
    page's own content, should a malformed insert hold it (an insert left unclosed nests what follows in it): a
    block of the insert holding a page's markup (a paragraph, a heading, an article) or more text than a toolbar
    is kept, and only the toolbar's parts inside it go."""
    inserts = tree.xpath(_ARCHIVE_INSERTS)
    if not inserts:
        return
    keep = {element for element in inserts if next(element.iter("p", "h1", "h2", "h3", "article", "main"), None)
            is not None or len(element.text_content()) > _ARCHIVE_INSERT_CHARS}
    for element in inserts:
        if element not in keep and element.getparent() is not None and all(
                a in keep for a in element.iterancestors() if a.get("id", "").startswith("wm-")):
            element.drop_tree()


def parse_html(text: str) -> lxml_html.HtmlElement:
    """Parse decoded HTML into an lxml tree (an XML declaration and NUL bytes are tolerated)."""
    text = _XML_DECLARATION.sub("", text, count=1)
    if not text.strip():
        text = "<html><body></body></html>"
    try:
        tree = lxml_html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError):
        fallback = f"<html><body><pre>{_escape(text)}</pre></body></html>"
        return lxml_html.document_fromstring(fallback, parser=_PARSER)
    _body_out_of_head(tree)
    return tree


#: What a document's ``<head>`` may hold; anything else opens its body (as a browser parses it).
_HEAD_TAGS = frozenset({"meta", "title", "link", "script", "style", "base", "noscript", "template", "object"})


def _body_out_of_head(tree: lxml_html.HtmlElement) -> None:
    """The page's content back in a ``<body>`` when libxml2 left it in ``<head>``: a page with no ``<body>`` tag
    whose ``<meta>`` comes before its ``<head>`` tag (HTTrack writes its own there) gets its ``<main>`` and
    everything after parsed as the head's children, and no body, where a browser opens the body at the first
    element a head cannot hold (a WordPress theme's pages, sonphan0910/thanhdo's mirror, neither half)."""
    head = tree.find("head")
    if head is None or tree.find("body") is not None:
        return
    first = next((child for child in head if isinstance(child.tag, str) and child.tag not in _HEAD_TAGS), None)
    if first is None:
        return
    body = etree.Element("body")
    head.addnext(body)
    moving = [first, *first.itersiblings()]
    for element in moving:
        body.append(element)  # (an element's tail moves with it)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _repair_legacy(tree: lxml_html.HtmlElement, encoding: str) -> set[str]:
    """Repair legacy-font text node by node; returns the statuses seen ("repaired", "unrepaired")."""
    statuses: set[str] = set()

    def fix(value: str | None, element: lxml_html.HtmlElement) -> str | None:
        if not value or value.isascii():
            return nfc(value) if value else value
        latin1 = value
        if encoding == "cp1258":
            try:
                latin1 = value.encode("cp1258").decode("latin-1")
            except UnicodeEncodeError:
                latin1 = value
        fixed, status = legacy.repair(latin1, nfc(value))
        if status:
            statuses.add(status)
        if status == "repaired" and _upper_font(element):
            fixed = fixed.upper()
        return fixed

    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag not in {"script", "style"}:
            element.text = fix(element.text, element)
        parent = element.getparent()
        element.tail = fix(element.tail, parent if parent is not None else element)
        for name, value in element.attrib.items():
            if value and not value.isascii() and name in {"content", "title", "alt"}:
                element.set(name, fix(value, element) or value)
    return statuses


def _nfc_tree(tree: lxml_html.HtmlElement) -> None:
    """Compose text that character references decomposed ("a&#769;" is only "á" once parsed)."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.text and not unicodedata.is_normalized("NFC", element.text):
            element.text = nfc(element.text)
        if element.tail and not unicodedata.is_normalized("NFC", element.tail):
            element.tail = nfc(element.tail)
        for name, value in element.attrib.items():
            if not unicodedata.is_normalized("NFC", value):
                element.set(name, nfc(value))


_UPPER_FONT = re.compile(r"\.?Vn\w*H\b", re.I)


def _upper_font(element: lxml_html.HtmlElement) -> bool:
    """True inside a capitals-only legacy font (.VnTimeH): its lower-case codes show as capitals."""
    for node in (element, *element.iterancestors()):
        face = f"{node.get('face', '')} {node.get('style', '')}"
        if _UPPER_FONT.search(face):
            return True
    return False


def looks_vietnamese(tree: lxml_html.HtmlElement) -> bool:
    """Cheap test before extraction: ``<html lang="vi">`` or Vietnamese-only letters in the page text.
    Vietnamese conventions (photo captions are body text) apply only to such pages."""
    if (tree.get("lang") or "").lower().startswith("vi"):
        return True
    body = tree.find("body")
    sample = (body.text_content() if body is not None else "")[:20000]
    letters = sum(ch.isalpha() for ch in sample)
    return letters > 0 and len(VIETNAMESE_LETTERS.findall(sample)) >= 0.02 * letters


def find_title(tree: lxml_html.HtmlElement, names: list[str], article_ld: dict[str, Any] | None,
               ) -> tuple[str, lxml_html.HtmlElement | None]:
    """The article's own heading and its element: the heading that matches og:title/<title>/JSON-LD
    headline, else the first real heading; the cleaned <title> only as a fallback."""
    references, cut_refs = [], []
    for value in (meta_content(tree, "og:title", "twitter:title"),
                  article_ld.get("headline") if article_ld else None,
                  (tree.findtext(".//title") or "")):
        if isinstance(value, str) and value.strip():
            # A <title> cut with an ellipsis ("Tiêu đề rất dài... - Site") gives the headline's start.
            cut = _CUT_TITLE.search(value)
            if cut and cut.start() >= 30:
                cut_refs.append(fold(value[:cut.start()]))
            references.append(strip_site_suffix(value, names))
            # The whole title too: what looks like a section label after "–" may be the headline's second half.
            whole = strip_site_suffix(value, names, drop_label=False)
            if whole != references[-1]:
                references.append(whole)
    # A <title> that is only the site's name says nothing about the article.
    folded_refs = [fold(r) for r in references if fold(r) and not looks_like_site_name(r, names)]
    candidates = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _HEADINGS or element.get("itemprop") == "headline" or (
                element.tag in {"div", "p", "span", "td", "strong", "a", "h4"} and _marked_headline(element)):
            text = _heading_text(element)
            if 10 <= len(text) <= 300 and not clean.is_block_heading(element) and not _links_away(element):
                candidates.append((element, text))
    def matches(element: lxml_html.HtmlElement, text: str) -> bool:
        return _matches_reference(fold(text), folded_refs, cut_refs) and not looks_like_site_name(text, names) \
            and not clean.IMPRINT_LINE.match(text) and not _listed_headline(element)

    # The first heading that matches; a title-classed box that holds the breadcrumb too ("fusion-page-title-bar":
    # its <h1>, then "Home/Quan hệ cổ đông/…") matches by its start, and the heading inside it that matches is the
    # headline.
    found = None
    for element, text in candidates:
        if found is not None and found[0] not in element.iterancestors():
            break  # past the matching box's own headings
        if matches(element, text):
            found = (element, text)
    if found is not None:
        return _reference_case(found[1], references), found[0]
    body = tree.find("body")
    # A wrapper that holds the story's body is not chrome, whatever the template calls it ("header").
    keep = clean.body_wrappers(body if body is not None else tree)
    if folded_refs:
        for element in (body.iter() if body is not None else ()):
            if not isinstance(element.tag, str) or element.tag in {"a", "title", "option"}:
                continue
            text = text_with_breaks(element)
            if len(text) > 400 or not _matches_reference(fold(text), folded_refs, cut_refs) or _in_chrome(
                    element, keep):
                continue
            if looks_like_site_name(text, names) or clean.IMPRINT_LINE.match(normalize_line(text)) \
                    or holds_breadcrumb(element) or _listed_headline(element):
                continue
            # The outermost element whose text is the title (a <td> holding <font><b>title</b></font>).
            return _reference_case(normalize_line(text), references), element
    def headline_like(element: lxml_html.HtmlElement, text: str) -> bool:
        return not looks_like_site_name(text, names) and not clean.IMPRINT_LINE.match(text) and not _in_chrome(
            element, keep) and not _lead_box(element, text) and not _menu_label(element, text)

    h1s = [(element, text) for element, text in candidates if element.tag == "h1"]
    if _prose_in_h1(tree):
        h1s = []  # the body's paragraphs set in <h1> (an editor's heading format): no <h1> is the headline
    for element, text in h1s:
        if headline_like(element, text) and not _site_banner(text, names):
            return text, element
    if len(h1s) == 1 and _marked_headline(h1s[0][0]) and not looks_like_site_name(h1s[0][1], names) \
            and not _site_banner(h1s[0][1], names):
        # The page's only <h1>, marked a headline by its class or itemprop ("<h1 class="title-detail">"), in a
        # wrapper a layout names like chrome ("columns-widget") around a story too short to vouch for it.
        return h1s[0][1], h1s[0][0]
    # With no <h1>: the first <h2>, or a headline-sized title-classed box (or <h3>) before it that is not a link
    # (a headline in <div class="title"> over a story whose subheadings are <h2>; a section's label, "Danh mục
    # tin", is shorter).
    for element, text in candidates:
        if (element.tag == "h2" or (element.tag not in _HEADINGS or element.tag == "h3" and _marked_headline(
                element)) and not _wholly_linked(element) and len(text.split()) >= _TITLE_BOX_WORDS
                and not _labels_next_block(element)) \
                and headline_like(element, text) \
                and not _site_banner(text, names):
            return text, element
    # A title-classed box that is wholly a link (a section label over the story, "Văn bản của Tỉnh") names
    # another page: the story's own title box comes after it.
    for element, text in candidates:
        if element.tag not in _HEADINGS and headline_like(element, text) and _wholly_linked(element):
            return text, element
    heading = _heading_before_body(tree, names)
    if heading is not None:
        return normalize_line(text_with_breaks(heading)), heading
    for reference in references:
        if reference and not looks_like_site_name(reference, names):
            return reference, None
    return (references[0] if references else ""), None


#: Words from which a heading is a paragraph of running text, not a headline.
_PROSE_HEADING_WORDS = 40


def _prose_in_h1(tree: lxml_html.HtmlElement) -> bool:
    """True when an <h1> holds a paragraph of running text (40 words or more, ending a sentence): the story's
    paragraphs are set in <h1>, so a short one among them is a caption or subheading, not the headline."""
    for element in tree.iter("h1"):
        text = normalize_line(element.text_content())
        if len(text.split()) >= _PROSE_HEADING_WORDS and text.endswith((".", "!", "?", "…", ".\"", ".”")):
            return True
    return False


def _labels_next_block(box: lxml_html.HtmlElement) -> bool:
    """True for a title box that is all of its row or wrapper and heads the next one, which opens with a headline
    in <h2> (``<tr><td class="title">Thông tin chỉ đạo điều hành</td></tr><tr><td><h2>Khai mạc …</h2>``): the
    box is the section's label. A sapo or subheading in <h2> beside the box, in the same wrapper, is not."""
    holder = box.getparent()
    if holder is None or normalize_line(holder.text_content()) != normalize_line(box.text_content()):
        return False
    block = holder.getnext()
    while block is not None and not isinstance(block.tag, str):
        block = block.getnext()
    if block is None:
        return False
    first = next((node for node in block.iter() if isinstance(node.tag, str) and node is not block
                  and normalize_line(node.text or "")), None)
    if first is None or first.tag != "h2":
        return False
    heading = normalize_line(first.text_content())
    return len(heading.split()) >= _TITLE_BOX_WORDS and not heading.endswith(".") and not _wholly_linked(first)


def _marked_headline(element: lxml_html.HtmlElement) -> bool:
    """An element its markup calls the headline: ``itemprop="headline"`` or a title-naming class or id."""
    return element.get("itemprop") == "headline" or bool(
        _TITLE_CLASS.search(f"{element.get('class', '')} {element.get('id', '')}"))


#: Words of a title-classed box that make it a headline rather than a section's label.
_TITLE_BOX_WORDS = 6
#: Words left of a heading once the site's name is cut off it that make it a banner ("Liên đoàn Lao động tỉnh
#: Đắk Nông - Tin Công Nhân": the federation's name and its portal's), not a headline.
_BANNER_REST_WORDS = 4


def _menu_label(element: lxml_html.HtmlElement, text: str) -> bool:
    """True for a short heading over a list of links (a portlet's "Chuyên mục" over the site's sections),
    whatever its words: the smallest box around it that holds more holds links and nearly nothing else."""
    if len(text.split()) > _MENU_LABEL_WORDS:
        return False
    own = len(text)
    for box in element.iterancestors():
        if box.tag in {"body", "html"}:
            return False
        content = clean.text_within(box, _MENU_BOX_CHARS)  # read no further: a bigger box is no menu's
        if content is None:
            return False
        whole = len(normalize_line(content))
        if whole > own:
            links = [len(normalize_line(a.text_content())) for a in box.iter("a")]
            return len(links) >= 3 and sum(links) >= _MENU_LINK_SHARE * (whole - own)
    return False


#: A heading this short may be a menu's label; the share of the rest of its box that links must take.
_MENU_LABEL_WORDS = 3
_MENU_LINK_SHARE = 0.9
_MENU_BOX_CHARS = 4000


def _site_banner(text: str, names: list[str]) -> bool:
    """True for a heading made of the site's name and a short label (the portal's name, a motto)."""
    rest = strip_site_suffix(text, names, drop_label=False)
    return rest != normalize_line(text) and len(rest.split()) <= _BANNER_REST_WORDS


def _lead_box(element: lxml_html.HtmlElement, text: str) -> bool:
    """True for a sapo set in a heading or a title-classed box (``<h2 class="detail-sapo">``, a text opening
    with a dateline "(Chinhphu.vn) - ..."): the story's lead, not its headline."""
    return bool((clean.class_words(element) | _class_tokens(element)) & _LEAD_WORDS) or bool(_DATELINE.match(text))


def text_with_breaks(element: lxml_html.HtmlElement) -> str:
    """``element.text_content()`` with a space where a ``<br>`` breaks the line: "Headline's first half<br>second
    half" is two words there, not one run together."""
    text = element.text_content()
    if len(text) > 400 or element.find(".//br") is None:
        return text
    parts: list[str] = []

    def walk(node: lxml_html.HtmlElement) -> None:
        if node.tag == "br":
            parts.append(" ")
        elif isinstance(node.tag, str):
            parts.append(node.text or "")
            for child in node:
                walk(child)
                parts.append(child.tail or "")

    walk(element)
    return "".join(parts)


def _heading_text(element: lxml_html.HtmlElement) -> str:
    """A heading's text without the parts that are not the headline: a date printed inside the heading box
    (``<div class="title"><span>Headline</span> <span>2019-06-27T08:44:00Z</span></div>``) and empty brackets
    a template left for a missing date or count ("Headline ( )"); a line break is a space."""
    text = normalize_line(text_with_breaks(element))
    if len(text) > 400:
        return text  # too long for a headline: the caller rejects it, and its descendants are not read
    for child in element.iterdescendants():
        if not isinstance(child.tag, str):
            continue
        part = normalize_line(child.text_content())
        if part and part != text and (is_date_line(part) or RAW_TIMESTAMP.fullmatch(part)):
            text = normalize_line(text.replace(part, " ", 1))
    return _EMPTY_BRACKETS.sub("", text).strip()


_EMPTY_BRACKETS = re.compile(r"\s*[(\[]\s*[)\]]\s*$")


def _in_chrome(element: lxml_html.HtmlElement, keep: set[lxml_html.HtmlElement]) -> bool:
    """:func:`clean.in_chrome` for a would-be headline: wrappers of the story's body (``keep``) and the
    element's own weak chrome name ("ArticleHeader", "Title allowMenuPost") do not count."""
    own = {element} if clean.chrome_strength(element) == 1 else set()
    if any(node.tag in {"main", "article"} for node in element.iterancestors()):
        # Inside the page's <main> or <article>, a block weakly named "header" is the story's header (a cover
        # over the headline), as a <header> element there is.
        own |= {node for node in element.iterancestors() if isinstance(node.tag, str)
                and "header" in clean.class_words(node) and clean.chrome_strength(node) == 1}
    # A block weakly named the page's or the post's header that holds the heading and nothing else is the page's
    # title bar ("<div class="page-header"><h2>…</h2></div>" over the story's column), not the site's header with
    # its menus, nor a banner of the site's name ("<div class="header"><h1>…</h1></div>").
    text = normalize_line(element.text_content())
    for node in element.iterancestors():
        within = clean.text_within(node, 2 * len(text) + 200)  # (read no further than a title bar's text)
        if node.tag in {"body", "html"} or normalize_line(within or "") != text:
            break
        words = clean.class_words(node)
        if "header" in words and words & _OWN_HEADER_WORDS and clean.chrome_strength(node) == 1:
            own.add(node)
    return clean.in_chrome(element, keep=keep | own)


#: Words that, beside "header" in a block's class, name the page's own header, not the site's.
_OWN_HEADER_WORDS = frozenset({"page", "entry", "post", "article"})


def _listed_headline(element: lxml_html.HtmlElement) -> bool:
    """True for an entry of a list of linked headlines (a sidebar's "Danh sách tin" of title-classed ``<div>``s,
    each a link): the page's own story listed beside it, not its headline. The entry is wholly a link and a
    sibling of its tag and class is too."""
    parent = element.getparent()
    if parent is None or not _wholly_linked(element):
        return False
    kind = (element.tag, element.get("class"))
    return any(sibling is not element and (sibling.tag, sibling.get("class")) == kind and _wholly_linked(sibling)
               for sibling in itertools.islice(parent, _LIST_SIBLINGS))


#: Siblings of a would-be headline looked at for entries of the same list.
_LIST_SIBLINGS = 60


def _wholly_linked(element: lxml_html.HtmlElement) -> bool:
    """True when all of the element's text is inside links (inside or around it) to another address or none
    ("#"); a link to the page's own address (``<a href="">``, a fragment ``#top`` is not) does not count."""
    links = [a for a in (*element.iter("a"), *element.iterancestors("a"))
             if (a.get("href") or "").strip() not in {"", "."}]
    if not links:
        return False
    if any(a in links for a in element.iterancestors("a")):
        return True
    return len(normalize_line("".join(a.text_content() for a in element.iter("a") if a in links))) >= len(
        normalize_line(element.text_content()))


def _links_away(element: lxml_html.HtmlElement) -> bool:
    """True for a would-be heading inside a link to another site (``<a href="https://other.example/">``): a
    teaser or a toolbar's label (an archive's banner), not the page's own headline."""
    for node in (element, *element.iterancestors("a")):
        if node.tag == "a" and (node.get("href") or "").lower().startswith(("http://", "https://", "//")):
            return True
    return False


def _heading_before_body(tree: lxml_html.HtmlElement, names: Sequence[str] = ()) -> lxml_html.HtmlElement | None:
    """Last resort for pages whose heading has neither a heading tag the rules above take, nor a title class,
    nor a matching <title>: the short emphasised line (bold, large font by tag or by inline style outside a
    ``<p>``, whose bold style marks a sapo; an unmarked ``<h3>``) right before the first paragraph of running
    text."""
    chunks = [(el, normalize_line(t)) for el, t in _text_chunks(tree) if normalize_line(t)]
    first_body = next((i for i, (el, t) in enumerate(chunks) if len(t) >= _FIRST_BODY_CHARS
                       and SENTENCE_END.search(t) and not clean.in_chrome(el) and not _teaser_lede(el)), None)
    if first_body is None:
        return None
    # The first emphasised line of the stretch between the last piece of chrome and the story's first
    # paragraph: the headline comes before the sapo, a bold subheading or a caption that may stand there too.
    # A box whose class names it the title counts as emphasis, however short its headline ("Trăn trở sử thi": four
    # words, too few for a title box anywhere else on the page, where it may be a section's label).
    # A template that sets its headline by a style sheet gives no emphasis: then the first line of the stretch
    # shaped like a headline (a block of its own, eight words or more, no closing full stop, not a link).
    found = plain = None
    for element, text in reversed(chunks[max(0, first_body - 6):first_body]):
        if clean.in_chrome(element):
            break
        if _LIST_ITEM.match(text):
            found = plain = None  # an item of a list (a dash or a bullet first): the story's body has begun
            continue
        if is_date_line(text) or "|" in text or not 4 <= len(text.split()) <= 40:
            continue
        if looks_like_site_name(text, names):
            continue  # a portal's name in large type over the story: its banner (``names``: the site's)
        near = (element, *list(element.iterancestors())[:2])
        if any(e.tag in {"b", "strong", "h3", "h4", "h5", "h6"} or e.tag == "font" and e.get("size") in {
                "4", "5", "6", "+1", "+2"} or e.tag != "p" and _large_font(e.get("style")) for e in near) or any(
                _marked_headline(e) and normalize_line(e.text_content()) == text for e in near):
            found = element
        elif _plain_headline(element, text):
            plain = element
    return found if found is not None else plain


#: An inline font size from which a line is set as a headline (16px, 12pt, 1.2em and up; body text is 13-15px).
_FONT_SIZE = re.compile(r"font-size\s*:\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>px|pt|em|rem)\b", re.I)
_HEADLINE_FONT = {"px": 16.0, "pt": 12.0, "em": 1.2, "rem": 1.2}


def _large_font(style: str | None) -> bool:
    """True when an inline style sets a headline's font size (the last size it sets counts)."""
    sizes = _FONT_SIZE.findall(style or "")
    return bool(sizes) and float(sizes[-1][0]) >= _HEADLINE_FONT[sizes[-1][1].lower()]


def _plain_headline(element: lxml_html.HtmlElement, text: str) -> bool:
    """True for a line set apart as a headline without emphasis: a block element whose whole text it is, eight
    words or more (a motto, "Độc lập – Tự do – Hạnh phúc", has six), not closing with a full stop, not in
    capitals (a document's letterhead, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", a banner), not a link."""
    return (element.tag in {"p", "div", "td", "span"} and normalize_line(element.text_content()) == text
            and _word_count(text) >= _PLAIN_HEADLINE_WORDS
            and not text.endswith((".", ":", ";", ",")) and not text.isupper()
            and not _wholly_linked(element) and not any(e.tag == "a" for e in element.iterancestors()))


def _teaser_lede(element: lxml_html.HtmlElement) -> bool:
    """True for the lede of a listing item: its small item also holds a headline link (five words or more)."""
    block = next((e for e in (element, *element.iterancestors()) if e.tag in {"p", "div", "td", "li"}), element)
    item = block.getparent()
    if item is None or len(item.text_content()) > _TEASER_ITEM_CHARS:
        return False
    return any(len(a.text_content().split()) >= 5 for a in item.iter("a"))


_TEASER_ITEM_CHARS = 800
#: Words of an unemphasised line that make it a headline rather than a label or a motto.
_PLAIN_HEADLINE_WORDS = 8
#: A text piece this long that ends a sentence opens the story (a sapo or its first paragraph).
_FIRST_BODY_CHARS = 100
#: A list item's marker opening a line: a dash or a bullet, then a space.
_LIST_ITEM = re.compile(r"[-–—•·+*]\s")


_CUT_TITLE = re.compile(r"\s*(?:\.\.\.|…)(?:\s+\S.*)?$")


def _reference_case(text: str, references: list[str]) -> str:
    """A headline set in capitals ("HỘI NGHỊ ...") as the page's ``<title>`` or og:title writes it, when one of
    them is the same words in ordinary case (the capitals are the template's type, not the title's)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or not all(ch.isupper() for ch in letters):
        return text
    key = text.casefold()
    for reference in references:
        reference = normalize_line(reference)
        start = reference.casefold().find(key)
        if start >= 0 and len(reference.casefold()) == len(reference):  # same length: a slice is the headline
            written = reference[start:start + len(text)]
            if not written.isupper():
                return written
    return text


def _matches_reference(folded: str, references: list[str], cut: Sequence[str] = ()) -> bool:
    """True when a heading's folded text is a reference title, or a long prefix of one (or the reverse), or
    ends a reference after the site's name ("Site - Headline"), or starts as a reference cut with an ellipsis, or
    is a reference after a short label ("[Video] Headline")."""
    if not folded:
        return False
    if any(len(ref) >= 30 and folded.startswith(ref) for ref in cut):
        return True
    for ref in references:
        site_part = len(ref) - len(folded)  # "Site - Headline": a short site name before the headline
        if len(folded) >= 20 and ref.endswith(" " + folded) and site_part <= min(40, len(folded) // 2):
            return True
        if folded == ref:
            return True
        # A truncated og:title ("Tiêu đề rất dài ...") or a heading cut short by the template.
        if len(ref) >= 30 and folded.startswith(ref) and len(folded) <= len(ref) + 40:
            return True
        if len(folded) >= 30 and ref.startswith(folded):
            return True
        # A short label the heading prints before the headline ("[Video] Headline", "Infographic: Headline").
        if len(ref) >= 20 and folded.endswith(" " + ref) and len(folded) - len(ref) <= _HEADING_LABEL_CHARS:
            return True
    return False


#: Characters of a label a heading may print before the headline its ``<title>`` gives.
_HEADING_LABEL_CHARS = 20


def _text_chunks(tree: lxml_html.HtmlElement) -> list[tuple[lxml_html.HtmlElement, str]]:
    """Text pieces in document order with the element they belong to."""
    chunks = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in {"script", "style", "head", "title"}:
            continue
        if element.text and element.text.strip():
            chunks.append((element, element.text))
        if element.tail and element.tail.strip() and element.getparent() is not None:
            chunks.append((element.getparent(), element.tail))
    return chunks


def _headline_chunk(title_element: lxml_html.HtmlElement, chunks: list[tuple[lxml_html.HtmlElement, str]],
                    ) -> tuple[set[lxml_html.HtmlElement], int | None]:
    """The headline's elements (itself and what it holds) and the index of its first text piece in ``chunks``
    (None when none of them holds text)."""
    in_title = set(title_element.iter())
    return in_title, next((i for i, (el, _) in enumerate(chunks) if el in in_title), None)


def published_candidates(tree: lxml_html.HtmlElement, title_element: lxml_html.HtmlElement | None,
                         article_ld: dict[str, Any] | None, now: datetime,
                         chunks: list[tuple[lxml_html.HtmlElement, str]] | None = None,
                         invalid_ld: list[str] | None = None, order: DocumentOrder | None = None,
                         ) -> list[tuple[float, DateMatch]]:
    """Publication-date candidates with a rank (lower is better): JSON-LD and meta tags, <time datetime>,
    date lines next to the article's heading, dated elements in the article. ``chunks``, ``invalid_ld`` (the
    texts of the JSON-LD scripts that are not valid JSON) and ``order``: the page's :func:`_text_chunks`,
    :func:`read_json_ld` and :class:`DocumentOrder` when the caller has them."""
    found: list[tuple[float, DateMatch]] = []
    if article_ld and isinstance(article_ld.get("datePublished"), str):
        match = parse_iso(article_ld["datePublished"], now)
        if match:
            found.append((1, match))
    value = meta_content(tree, *PUBLISHED_META)
    if value:
        match = parse_iso(value, now)
        if match:
            found.append((1, match))
    for element in tree.iter("time"):
        if clean.in_chrome(element, title_element):
            continue
        value = element.get("datetime") or element.text_content()
        match = parse_iso(value or "", now)
        if match:
            rank = 2 if element.get("itemprop") == "datePublished" or title_element is not None and _near(
                element, title_element) else 4
            found.append((rank, match))
    for element in _DATE_PUBLISHED_PROP(tree):
        match = parse_iso(element.get("content") or element.get("datetime") or element.text_content(), now)
        if match:
            found.append((2, match))
    if not (article_ld and isinstance(article_ld.get("datePublished"), str)):
        found.extend((1, match) for match in _loose_ld_dates(
            read_json_ld(tree).invalid if invalid_ld is None else invalid_ld, now))
    found.extend((_MARKED_RANK, match) for match in marked_dates(tree, title_element, now, order))
    if title_element is not None:
        chunks = _text_chunks(tree) if chunks is None else chunks
        in_title, index = _headline_chunk(title_element, chunks)
        list_table = _list_table(title_element)
        if index is not None:
            start = max(0, index - _ABOVE_REACH)
            body_chars, passed_link = 0, False
            for position in range(start, min(len(chunks), index + 40)):
                element, text = chunks[position]
                line = normalize_line(text)
                if clean.IMPRINT_LINE.match(line):
                    continue  # "Giấy phép số ... cấp ngày 14/12/2016": the site's licence, not the story's date
                if len(line) > 160:
                    body_chars += len(line)
                    if body_chars > 1500:
                        break
                    continue
                # A list right under the headline is the story's own meta line (WordPress's "post-meta"
                # <ul>), not a list of other stories.
                if position > index and _in_headline_link(element):
                    passed_link = True  # a headline link to another story: what follows is its teaser
                meta_line = index < position <= index + _META_LIST_REACH and not body_chars and not passed_link
                # So is the piece right above it (a dated section bar over the headline), when it has a time.
                bar_line = index - 2 <= position < index
                # A meta row named for its date but also for its comments or rating (vBulletin's
                # "article_author_date_comment_container") between the headline and the body is the story's
                # (read only for a piece in chrome).
                if clean.in_chrome(element, title_element) and not (
                        (meta_line or bar_line or index < position <= index + _PRINTED_FIRST and not body_chars
                         and _dated_meta_row(element, title_element)) and not _in_teaser(element)):
                    continue
                after = position >= index
                # Nearest first; a date line printed above the heading ranks after those below it.
                rank = 3 + (position - index) / 100 if after else 4 + (index - position) / 100
                dates = is_date_line(line, now) or byline_and_date(line, now)[1]
                if dates and (_beside_headline_link(element) or _under_headline_link(element, in_title)
                              or _inside_teaser_link(element, line) or _under_widget_heading(element, in_title)
                              or list_table is not None and any(a is list_table for a in element.iterancestors())):
                    continue  # "<a>Headline of another story</a> (10/11/2026)": that teaser's date
                if dates and not any(d.has_time for d in dates):
                    # "<span>Thứ 7, 09/10/2021<span>|</span>09:31</span>": the time in the same short element.
                    whole = normalize_line(element.text_content())
                    if len(whole) <= 90:
                        dates = [d for d in dateline_dates(whole, now) if d.has_time] or dates
                if not dates:  # "Ngày đăng: 05/03/2024 | Lượt xem: 1234", "Tin tức - 05/03/2024 09:30"
                    # (beside a link that may be its category's, as the "|" lines below)
                    dates = dateline_dates(line, now)
                    if dates and (_under_headline_link(element, in_title) or _inside_teaser_link(element, line)
                                  or _under_widget_heading(element, in_title)):
                        dates = []  # a teaser's, unless the "|" rule below takes it as before
                if position < index - 3 and not any(d.has_time for d in dates):
                    continue  # further up, only a date with its time of day (a header shows the day alone)
                if not dates and "|" in line:
                    dates = [d for d in find_dates(line, now) if d.has_time]
                if dates and not any(d.has_time for d in dates):
                    # "15:20 PM | <span>21/12/2012</span>": the time of day in the neighbouring chunk.
                    for other in (position - 1, position + 1):
                        near = normalize_line(chunks[other][1]) if 0 <= other < len(chunks) else ""
                        if _BARE_TIME.match(near):
                            joined = f"{near} {line}" if other < position else f"{line} {near}"
                            dates = [d for d in is_date_line(joined, now) if d.has_time] or dates
                            break
                for date in dates:
                    if not after and date.weekday and not date.has_time:
                        # "Thứ Sáu, 19/04/2024" above the heading: a header's render date, unless it stands
                        # right over the headline (a dated bar of the story's own): then it is taken when
                        # nothing else dates the page (``_extract`` sets such candidates apart by their rank).
                        if bar_line and now - date.value >= _CLOCK_AGE and not clean.in_chrome(
                                element, title_element):
                            found.append((_WEEKDAY_BAR_RANK, date))
                        continue
                    if position < index - 3 and date.weekday and now - date.value < _CLOCK_AGE and not _near(
                            element, title_element):
                        continue  # "Thứ Ba, 01/12/2026 05:22" far above it: a header clock, the time of reading
                    if bar_line and not date.has_time and clean.in_chrome(element, title_element):
                        continue
                    if not after and date.has_time and (bar_line or _near(element, title_element)):
                        # Right above the headline, or in its own block: printed for this story too.
                        found.append((0.6 + (index - position) / 100, date))
                    elif after and date.has_time and position - index <= _PRINTED_FIRST:
                        # The date and time printed right under the headline is the one readers see: it wins
                        # over meta tags, which some CMSs fill with a draft's creation time.
                        found.append((0.5 + (position - index) / 100, date))
                    else:
                        found.append((rank, date))
    # "Ngày đăng: … | Cập nhật: …": a later edit's date gives way to a publication date printed near it.
    return [(rank + _UPDATED_PENALTY, m) if m.updated else (rank, m) for rank, m in found]


#: How many text pieces after the story's last paragraph its dateline may be ("Bài viết: … | 21/12/2012 - 08:04"
#: under the text; an info row of a table layout: "Kinh tế" then "thứ ba, 06 08 2019 14:41").
_AFTER_BODY_REACH = 4
#: A body line long enough to be found again among the page's text pieces (a paragraph, not a caption).
_BODY_LINE_WORDS = 8
#: How deep under the block it shares with the story's last paragraph such a dateline may be.
_AFTER_BODY_DEPTH = 7


def dateline_after_body(chunks: list[tuple[lxml_html.HtmlElement, str]] | None, lines: list[str],
                        title_element: lxml_html.HtmlElement | None, now: datetime) -> DateMatch | None:
    """The dateline printed right under the story (templates that print the date after the text, not under the
    headline): the first date line among the few text pieces after the piece that ends the body's last paragraph
    (``lines``: the extracted body's lines; ``chunks``: the page's :func:`_text_chunks`). None when a headline
    link or more prose comes first (a teaser list, comments), when the line is a teaser's or in chrome. For a
    page that gives no date anywhere else; like a date in the address, it says nothing of the page's type."""
    if not chunks or title_element is None:
        return None
    last = next((line for line in reversed(lines) if len(line.split()) >= _BODY_LINE_WORDS), None)
    if last is None:
        return None
    end = next((i for i in range(len(chunks) - 1, -1, -1) if len(piece := normalize_line(chunks[i][1])) >= 12
                and last.endswith(piece[-12:]) and piece in last), None)  # the cheap test first: linear
    if end is None:
        return None
    in_title = set(title_element.iter())
    for element, text in chunks[end + 1:end + 1 + _AFTER_BODY_REACH]:
        line = normalize_line(text)
        if len(line) > 160:
            return None  # more prose (comments, another story): no longer the story's end
        if clean.IMPRINT_LINE.match(line):
            return None  # the site's imprint: its licence's date is not the story's
        dates = dateline_dates(line, now)
        if not dates:
            if _in_headline_link(element):
                return None  # a headline link: what follows is a teaser's
            continue
        if _beside_headline_link(_item_of(element)) or _inside_teaser_link(element, line) or _under_headline_link(
                element, in_title):
            return None  # a teaser's date: its item links a headline elsewhere
        # The block both the story's end and the date are in is the story's, not the page's chrome (the date's
        # own row may be named for its share buttons: "Ngày đăng: … | Chia sẻ | In bài viết").
        above = set(element.iterancestors())
        shared = next((a for a in chunks[end][0].iterancestors() if a is element or a in above), None)
        if shared is None or clean.in_chrome(shared, title_element) or next(
                (i for i, a in enumerate(element.iterancestors()) if a is shared), _AFTER_BODY_DEPTH) \
                >= _AFTER_BODY_DEPTH:
            return None
        dates = [d for d in dates if now - d.value >= _CLOCK_AGE]  # not a clock: the time of reading
        return next((d for d in dates if not d.updated), dates[0]) if dates else None
    return None


#: Rank of a date found only in an element named for it (after every date near the headline, before the body's).
_MARKED_RANK = 4.5
#: Class or id words of an element that holds a story's date ("post-date", "ArticleDate", "date-created",
#: "entry-date published", "byline-dateline", "submitted", "ngaydang", "thoigian"), and those that do not
#: ("update", "validate", "datepicker").
_DATE_NAME = re.compile(r"date|publish|ngaydang|ngay-dang|thoigian|thoi-gian|"
                        r"(?:^|[-_])(?:time|ngay|posted|submitted|created|timestamp|timepost|posttime|newstime)(?:$|[-_])",
                        re.I)
_NOT_DATE_NAME = re.compile(r"update|modif|validat|candidat|mandat|picker|calendar|lich", re.I)
#: Attributes a date-named element may carry its date in (``<abbr class="published" title="2024-03-05T09:30">``,
#: ``<span class="time" data-time="…">``).
_DATE_ATTRIBUTES = ("title", "datetime", "content", "data-time", "data-date", "data-datetime", "data-published",
                    "data-publish-date", "data-timestamp")
#: Words one of which a date-naming class or id holds (a quick filter before :data:`_DATE_NAME`).
_DATE_NAME_WORDS = ("date", "publish", "time", "ngay", "thoigian", "thoi-gian", "posted", "submitted", "created")
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')


#: How far above a text piece the block naming its date may be (:func:`_dated_meta_row`).
_META_ROW_DEPTH = 3


def _dated_meta_row(element: lxml_html.HtmlElement, title_element: lxml_html.HtmlElement | None) -> bool:
    """True when ``element`` is in chrome only because of a block a few levels up that names a date beside a
    weak chrome word ("article_author_date_comment_container", "post-date-rating"): the story's meta row, whose
    other words name what else it holds. Surely-chrome names ("related", "breadcrumb") never count."""
    for depth, node in enumerate((element, *element.iterancestors())):
        if depth > _META_ROW_DEPTH or not isinstance(node.tag, str):
            return False
        strength = clean.chrome_strength(node)
        if strength == 1 and _date_named(node):
            parent = node.getparent()
            return parent is not None and not clean.in_chrome(parent, title_element)
        if strength or node.tag in clean.CHROME_ANCESTORS:
            return False
    return False


def _date_named(element: lxml_html.HtmlElement) -> bool:
    names = f"{element.get('class', '')} {element.get('id', '')}"
    folded = names.lower()
    if not any(word in folded for word in _DATE_NAME_WORDS):
        return False
    return any(_DATE_NAME.search(name) and not _NOT_DATE_NAME.search(name) for name in names.split())


def marked_dates(tree: lxml_html.HtmlElement, title_element: lxml_html.HtmlElement | None,
                 now: datetime, order: DocumentOrder | None = None) -> list[DateMatch]:
    """Dates in elements named for a date ("post-date", "ArticleDate", "submitted"), anywhere on the page:
    their text when it is a dateline, else a date in their ``title`` or ``data-*`` attribute. For the dateline
    printed far from the headline (a toolbar after a long sapo, an info cell of a table layout, the story's end)
    or on a page whose headline is not found. Not in chrome, a teaser or a widget's box, not a header's clock;
    none when such elements give more than one day (a list of stories). ``order``: the page's
    :class:`DocumentOrder` when the caller has it."""
    order = DocumentOrder(tree) if order is None else order
    in_title = set(title_element.iter()) if title_element is not None else set()
    found: list[DateMatch] = []
    seen: set[lxml_html.HtmlElement] = set()
    items: dict[lxml_html.HtmlElement, bool] = {}  # memos: many date-named elements may share one item or box
    boxes: dict[lxml_html.HtmlElement, tuple[int, bool] | None] = {}
    for element in _NAMED(tree):
        if not isinstance(element.tag, str) or element.tag in {"script", "style", "head", "meta", "time",
                                                                "body", "html"} or not _date_named(element):
            continue
        if any(a in seen for a in element.iterancestors()):
            continue  # a part of a date-named block already read
        whole = normalize_line(element.text_content())
        if len(whole) > 120:
            continue
        dates = dateline_dates(whole, now) if whole else []
        if not dates and len(whole) <= 40 and len(element):
            dates = dateline_dates(_badge_text(element), now)  # "<span>03</span><span>12</span><span>2025</span>"
        if not dates and len(whole) <= 40:  # "<abbr class="published" title="…">5/3</abbr>", "2 giờ trước"
            for attribute in _DATE_ATTRIBUTES:
                value = element.get(attribute)
                match = parse_iso(value, now) if value and find_dates(value, now) else None
                if match:
                    dates = [match]
                    break
        if not dates:
            continue
        if clean.in_chrome(element, title_element) or _in_teaser(element, items) \
                or _inside_teaser_link(element, whole) or _beside_headline_link(element) \
                or _under_headline_link(element, in_title) or (in_title and _under_widget_heading(
                    element, in_title, boxes)):
            continue
        seen.add(element)
        for date in dates:
            if now - date.value < _CLOCK_AGE or date.weekday and not date.has_time and in_title and (
                    order.precedes(element, title_element)):
                continue  # the time of reading, or a header's "Thứ Hai, 05/03/2024" above the headline
            found.append(date)
    if len({d.value.date() for d in found if not d.updated}) > 1:
        return []  # several days: other stories' dates, or a story's and its edits'; nothing to choose by
    return found


#: A date badge's parts, each a number: day, month, year ("03", "12", "2025").
_BADGE_NUMBERS = re.compile(r"\d{1,2} \d{1,2} (?:19|20)\d\d")


def _badge_text(element: lxml_html.HtmlElement) -> str:
    """A date-named element's text with its parts set apart: a calendar badge prints the day, the month and the
    year in elements of their own ("<span class='day'>03</span><span class='month'>Tháng 12</span>…"), which a
    browser shows apart and ``text_content`` runs together ("03Tháng 122025"). Three bare numbers read as day,
    month and year."""
    text = normalize_line(" ".join(piece for piece in element.itertext() if piece.strip()))
    return text.replace(" ", "/") if _BADGE_NUMBERS.fullmatch(text) else text


class DocumentOrder:
    """The position of each element of a page's tree in document order, from one walk of the tree made when
    a rule first asks (most pages never need it): comparing two elements' places is then a look-up, not a
    walk of the document each time. The tree must not change while the index is in use."""

    def __init__(self, tree: lxml_html.HtmlElement) -> None:
        self._tree = tree
        self._index: dict[lxml_html.HtmlElement, int] | None = None

    def index(self) -> dict[lxml_html.HtmlElement, int]:
        """Element -> position (the root is 0)."""
        if self._index is None:
            self._index = {element: i for i, element in enumerate(self._tree.iter())}
        return self._index

    def precedes(self, element: lxml_html.HtmlElement, other: lxml_html.HtmlElement | None) -> bool:
        """True when ``element`` comes before ``other`` in the document (or is ``other``)."""
        if other is None:
            return False
        index = self.index()
        return element in index and (other not in index or index[element] <= index[other])


def _loose_ld_dates(invalid_ld: list[str], now: datetime) -> list[DateMatch]:
    """``datePublished`` of a JSON-LD block that is not valid JSON (``invalid_ld``, :func:`read_json_ld`: a raw
    line break or quote in its description, a trailing comma: common in hand-built templates), read with a
    pattern (valid blocks are read by ld_article)."""
    found = []
    for text in invalid_ld:
        for value in _LD_DATE.findall(text):
            match = parse_iso(value, now)
            if match:
                found.append(match)
                break
    return found


def relative_date_near(title_element: lxml_html.HtmlElement | None,
                       chunks: list[tuple[lxml_html.HtmlElement, str]] | None) -> bool:
    """True when the page dates its story only relative to the day it is read ("2 giờ trước", "hôm qua",
    "Thứ Hai, 14:05"): such a line right above or under the headline, outside teaser blocks."""
    if title_element is None or not chunks:
        return False
    in_title, index = _headline_chunk(title_element, chunks)
    if index is None:
        return False
    for element, text in chunks[max(0, index - 3):index + _PRINTED_FIRST]:
        if element in in_title or _in_teaser(element):
            continue
        line = normalize_line(text)
        if is_relative_date_line(line) or byline_and_relative_date(line):
            return True
        whole = normalize_line(element.text_content())  # read only when the piece alone says nothing
        if len(whole) <= 90 and (is_relative_date_line(whole) or byline_and_relative_date(whole)):
            return True
    return False


def _beside_headline_link(element: lxml_html.HtmlElement) -> bool:
    """True when ``element`` (a text piece's holder) holds a link with a headline's words (five or more) to
    another page: a date printed there is that story's."""
    for a in element.iter("a"):
        href = (a.get("href") or "").strip()
        if href and not href.startswith(("#", "javascript:")) and _word_count(a.text_content()) >= 5:
            return True
    return False


def _word_count(text: str) -> int:
    """Words of ``text`` that hold a letter or digit: a category's "Tin tức - Sự kiện" is four words, not five."""
    return sum(any(ch.isalnum() for ch in word) for word in text.split())


#: Rank added to a date labelled as an edit ("Cập nhật"): after any publication date printed near the headline,
#: before meta tags (rank 1).
_UPDATED_PENALTY = 0.2
#: A weekday date far above the headline and this close to the time of extraction is the header's clock.
_CLOCK_AGE = timedelta(days=1)
#: Rank of a weekday's date without a time right over the headline (with an edit's penalty, no more than +0.2):
#: above every other candidate's; ``_extract`` sets these apart and takes one only when nothing else dates the
#: page.
_WEEKDAY_BAR_RANK = 8
#: How many text pieces above the headline a date may be (font-size and share buttons stand between them).
_ABOVE_REACH = 10
#: How many text pieces under the headline may stand in a list and still be the story's date or byline.
_META_LIST_REACH = 6
#: How many text pieces under the headline a printed date and time may be to rank before the meta tags.
_PRINTED_FIRST = 12
#: A chunk that is only a time of day with its separator ("15:20 PM |", "- 09:07").
_BARE_TIME = re.compile(r"^[|,\-–—\s]*(?:lúc\s+)?\d{1,2}\s*[:h]\s*\d{2}(?:\s*:\s*\d{2})?"
                        r"(?:\s*(?:SA|CH|AM|PM|sáng|trưa|chiều|tối|đêm))?[|,\-–—\s]*$", re.I)


def _list_table(title_element: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The table whose row of three short cells or more with text holds the headline: a document list's rows
    (title, author, "4/23/2018 2:05 PM", category), whose dates are the items'; None for any other headline (a
    layout table's row, whose story cell holds its headline and text, is none)."""
    cell, cells = _cell_and_row(title_element)
    texts = [text for _, text in cells]
    if sum(map(bool, texts)) < 3 or any(len(text) > _DATA_CELL_CHARS for text in texts):
        return None
    return cell.getparent().getparent()


def _under_headline_link(element: lxml_html.HtmlElement, in_title: set[lxml_html.HtmlElement]) -> bool:
    """True when the block right before ``element`` (or before its parent) is another story's headline link
    (seed 004's "Tin nổi bật" cards: a linked headline, then "Ngày đăng 29/10/2020 | 16:10" in a block of its
    own): a date printed there is that teaser's. Not when that block, or the one after it, holds the page's own
    headline."""
    for holder in (element, element.getparent()):
        if holder is None:
            return False
        if holder.tag in {"td", "th"}:
            continue  # a cell beside another in its row: a section's name as often as a headline
        after = holder.getnext()
        if after is not None and (after in in_title or any(e in in_title for e in after.iter())):
            return False  # right above the page's headline: printed for it
        before = holder.getprevious()
        while before is not None and not isinstance(before.tag, str):
            before = before.getprevious()
        if before is not None:
            if before in in_title or any(e in in_title for e in before.iter()):
                return False
            return _beside_headline_link(before)
    return False


def _under_widget_heading(element: lxml_html.HtmlElement, in_title: set[lxml_html.HtmlElement],
                          boxes: dict[lxml_html.HtmlElement, tuple[int, bool] | None] | None = None) -> bool:
    """True when the date line sits in a small box opened by a widget heading ("Ý kiến bạn đọc", "Tin liên
    quan"): a reader's comment or another story, not the page's own date. ``boxes``: a caller's memo of
    :func:`_widget_box` (a loop over many elements of one box reads the box once)."""
    for depth, box in enumerate((element, *element.iterancestors())):
        if depth > 5 or box.tag in {"body", "html"} or box in in_title:
            return False
        first = next((c for c in box if isinstance(c.tag, str)), None)
        if first is None or first is element:
            continue
        if boxes is None:
            widget = _widget_box(box, first, in_title)
        elif box in boxes:
            widget = boxes[box]
        else:
            widget = boxes[box] = _widget_box(box, first, in_title)
        if widget is not None:
            # More than the heading and the date: a comment or a teaser under the heading.
            rest, longer = widget
            return rest > len(normalize_line(element.text or "")) + 20 and not longer
    return False


def _widget_box(box: lxml_html.HtmlElement, first: lxml_html.HtmlElement,
                in_title: set[lxml_html.HtmlElement]) -> tuple[int, bool] | None:
    """For a box whose ``first`` element is a widget heading: the characters of text the box holds besides the
    heading, and whether it holds more text than a widget's box (the story's column with a box at its top);
    None when ``first`` is no widget heading, or a cell (a cell beside the date is a section bar, "Tin nổi bật |
    28.06.2019 13:49", not a box), or holds the page's headline, or the box does (a section's label over the
    story: "Tin nổi bật", then the headline and its date)."""
    if first.tag in {"td", "th"} or any(e in in_title for e in first.iter()) or not clean.is_block_heading(first):
        return None
    member = next(iter(in_title), None)
    if member is not None and any(a is box for a in member.iterancestors()):
        return None
    text = box.text_content()
    return len(normalize_line(text)) - len(normalize_line(first.text_content())), len(text) > 2000


def _inside_teaser_link(element: lxml_html.HtmlElement, line: str) -> bool:
    """True when the date line is inside a link to another page that holds more than the date (a whole
    teaser or document item made one link: "<a href=…>Số: 512/STTTT … Ngày: 22/08/2016 … V/v …</a>"); a
    link that is only the date (WordPress's posted-on link to the story) does not count."""
    for ancestor in (element, *element.iterancestors()):
        if ancestor.tag == "a":
            href = (ancestor.get("href") or "").strip()
            return bool(href) and not href.startswith(("#", "javascript:")) and len(
                normalize_line(ancestor.text_content())) >= len(line) + 20
        if ancestor.tag in {"body", "html"}:
            return False
    return False


def tagged_category(title_element: lxml_html.HtmlElement | None) -> str | None:
    """The category WordPress tags the story with (``<a rel="category tag">``: the label over the headline, the
    "Posted in" line) inside the ``<article>`` that holds the headline (a sidebar's posts carry theirs too); of
    several, the one at the deepest address (a sub-category's lies under its parent's)."""
    if title_element is None:
        return None
    story = next((e for e in title_element.iterancestors() if e.tag == "article"), None)
    if story is None:
        return None
    found: list[tuple[int, int, str]] = []
    for position, link in enumerate(story.iter("a")):
        if "category" not in (link.get("rel") or "").lower().split():
            continue
        name = normalize_line(link.text_content())
        if name and len(name) <= 60 and next(e for e in link.iterancestors() if e.tag == "article") is story:
            path = urlsplit(link.get("href") or "").path.rstrip("/")
            found.append((-path.count("/"), position, name))
    return min(found)[2] if found else None


def _item_of(element: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The item ``element`` stands in: its nearest ``li``, ``p``, ``div``, ``td`` or ``tr`` (itself included)."""
    return next((e for e in (element, *element.iterancestors()) if e.tag in {"li", "p", "div", "td", "tr"}),
                element)


def _in_headline_link(element: lxml_html.HtmlElement) -> bool:
    """True when ``element`` is, or stands in, a link with a headline's length of text (15 characters or more)."""
    return any(e.tag == "a" and len(normalize_line(e.text_content())) >= 15
               for e in (element, *element.iterancestors()))


def _in_teaser(element: lxml_html.HtmlElement, items: dict[lxml_html.HtmlElement, bool] | None = None) -> bool:
    """True when ``element``'s item (its ``li``, or its block) holds a headline link to another page: a
    teaser's date, not the story's. ``items``: a caller's memo, item -> answer (a loop over many elements of one
    item reads the item's links once)."""
    item = _item_of(element)
    if items is not None and item in items:
        return items[item]
    found = any(len(normalize_line(a.text_content())) >= 15 for a in item.iter("a"))
    if items is not None:
        items[item] = found
    return found


def _near(element: lxml_html.HtmlElement, title_element: lxml_html.HtmlElement) -> bool:
    """True when ``element`` sits in the same block as the article heading (its parent or grandparent)."""
    for ancestor in list(title_element.iterancestors())[:3]:
        if ancestor is element or ancestor in element.iterancestors():
            return True
    return False


def choose_published(candidates: list[tuple[float, DateMatch]], line_dates: list[DateMatch]) -> DateMatch | None:
    """Best-ranked candidate; a date without a time takes the time of another candidate on the same day."""
    ranked = sorted(candidates, key=lambda c: c[0])
    pool = [m for _, m in ranked] + list(line_dates)
    if not pool:
        return None
    best = pool[0]
    if best.has_time and not best.value.second:
        # The same minute with its seconds (a meta tag's "08:07:18" under a printed "08:07").
        best = next((m for m in pool if m.has_time and m.value.second and m.value.replace(second=0) == best.value),
                    best)
    if not best.has_time:
        same_day = [m for m in pool if m.has_time and m.value.date() == best.value.date()]
        if same_day:
            return same_day[0]
    return best


_LEAD_WORDS = frozenset({"sapo", "lead", "lede", "summary", "description", "chapeau", "chappeau", "tomtat",
                         "intro", "introtext", "excerpt", "abstract", "mota", "trichdan", "teaser", "headnote",
                         "standfirst", "sapho", "hometext", "brief", "deck", "dek"})
# NukeViet calls its sapo "hometext"; education portals "brief"
_EMPHASIS = {"b", "strong", "em", "i"}
_SAPO_HEADINGS = {"h2", "h3", "h4"}
_SAPO_MIN = 100
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.I)
#: A sapo set as a subheading ends a whole sentence: with sentence-final punctuation (closing quotes after it), not
#: a colon (a subheading that opens a list) nor a bracket alone, as :data:`lines.SENTENCE_END` allows a prose line.
_ENDS_SENTENCE = re.compile(r"[.!?…][\"”’»)]*$")
_NAMED = etree.XPath("//*[@class or @id]")
_MARKED = etree.XPath("//*[@class or @id or @itemprop or @rel]")
_DATE_PUBLISHED_PROP = etree.XPath("//*[@itemprop='datePublished']")


def _visible_text(element: lxml_html.HtmlElement) -> str:
    return normalize_line(" ".join(element.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")))


def find_lead(tree: lxml_html.HtmlElement, title_element: lxml_html.HtmlElement | None,
              chunks: list[tuple[lxml_html.HtmlElement, str]] | None = None,
              order: DocumentOrder | None = None) -> str | None:
    """The sapo when the page marks one: an element named so (``class="sapo"``, ``lead``, ``summary``,
    ``itemIntroText``...) after the heading, or a first paragraph set wholly in bold or italics. ``chunks``
    and ``order``: the page's :func:`_text_chunks` and :class:`DocumentOrder` when the caller has them."""
    order = (DocumentOrder(tree) if order is None else order).index()
    start = order.get(title_element, -1) if title_element is not None else -1
    headline_blocks = set(itertools.islice(title_element.iterancestors(), 2)) if title_element is not None \
        else set()
    for element in _NAMED(tree):  # class_words reads class and id: an element with neither has none
        if order[element] <= start or not _lead_named(element):
            continue
        # Beside the headline (at most three levels down from the headline's block or the one above), the
        # blocks that hold the headline are not chrome, whatever their names ("dvBlockSearch", "columns-widget");
        # elsewhere a chrome name rules the sapo out.
        beside = any(block in headline_blocks for block in itertools.islice(element.iterancestors(), 3))
        if clean.in_chrome(element, title_element if beside else None) or _is_inside_list(element) \
                or len(element.findall(".//p")) > 2:
            continue
        text = _visible_text(element)
        if clean.mostly_linked(element, text):
            continue  # a teaser card's "description" (a related or featured story's linked headline): no sapo
        if 40 <= len(text) <= 1200 and not re.search(r"[{}<>]|function\(", text):
            return text
    if title_element is None:
        return None
    in_title = set(title_element.iterdescendants())
    chunks = _text_chunks(tree) if chunks is None else chunks
    for position, (element, chunk) in enumerate(chunks):
        if order.get(element, -1) <= start or element in in_title:
            continue
        line = normalize_line(chunk)
        if len(line) < 40 or len(line) <= 120 and find_dates(line):
            continue  # date lines ("Ngày đăng 18/03/2019 | 3:06 PM | Lượt xem: 107"), bylines, tool links
        if clean.in_chrome(element, title_element):
            return None  # the story has no text before the chrome: a footer's bold name is no sapo
        if len(line) <= 1200 and _DATELINE.match(line):
            return line  # "(Dân trí) - ...": the outlet's dateline opens the sapo
        heading = next((e for e in (element, *element.iterancestors()) if e.tag in _SAPO_HEADINGS), None)
        if heading is not None:
            # A sapo set as a subheading (an unnamed <h2>/<h3> right under the headline): a whole sentence or more,
            # where a section's subheading is a short phrase.
            text = _visible_text(heading)
            return text if _SAPO_MIN <= len(text) <= 1200 and _ENDS_SENTENCE.search(text) else None
        emphasis = next((e for e in (element, *element.iterancestors()) if e.tag in _EMPHASIS), None)
        if emphasis is None:
            # "<p style="font-weight: bold">": a paragraph set bold by its style (its block or one just above),
            # as long as a sapo is (a bold phrase or subheading is shorter; a template may cut the sapo short).
            styled = next((e for e in itertools.islice((element, *element.iterancestors()), 3)
                           if e.tag in {"p", "div", "td"} and _BOLD_STYLE.search(e.get("style") or "")), None)
            if styled is None or styled.find(".//p") is not None:
                return _set_apart_lead(element, line, chunks[position + 1:position + 40], title_element)
            text = _visible_text(styled)
            return text if _SAPO_MIN <= len(text) <= 1200 and text.startswith(line[:40]) else None
        text = _visible_text(emphasis)
        block = emphasis.getparent()
        own_block = block is not None and block.tag in {"p", "div", "td", "font"} and _visible_text(block) == text
        inline = block is not None and not (emphasis.tail or "").strip() and len(text) >= 40
        return text if (own_block or inline) and len(text) <= 1200 else None
    return None


def _lead_named(element: lxml_html.HtmlElement) -> bool:
    """True for a block whose class or id names a sapo ("sapo", "lead", "brief", "description"...)."""
    return element.tag not in {"meta", "body", "html", "a", "img", "li"} and bool(
        (clean.class_words(element) | _class_tokens(element)) & _LEAD_WORDS)


def pasted_sapo(tree: lxml_html.HtmlElement, title_element: lxml_html.HtmlElement | None) -> list[str]:
    """The paragraphs of a sapo box beside the headline that holds more than a sapo (a story pasted into the
    portal's "brief" field: numbered heads, lists, several paragraphs), which :func:`find_lead` leaves out and
    trafilatura, reading the story's own container, skips. Empty when the page has none."""
    if title_element is None:
        return []
    for element in _beside(title_element):
        if not (element.get("class") or element.get("id")) or not _lead_named(element):
            continue
        paragraphs = [text for p in element.iter("p") if (text := normalize_line(p.text_content()))]
        if len(paragraphs) <= _SAPO_PARAGRAPHS or _is_inside_list(element) or clean.in_chrome(
                element, title_element):
            continue
        if clean.mostly_linked(element, _visible_text(element)):
            continue
        return paragraphs
    return []


#: Paragraphs a sapo box holds at most (find_lead's limit): one with more holds a pasted story.
_SAPO_PARAGRAPHS = 2


def _beside(title_element: lxml_html.HtmlElement) -> Iterator[lxml_html.HtmlElement]:
    """The elements at most three levels below the headline's block or the one above it (where a sapo box
    stands), each once, in document order of the levels: the few blocks around the headline, not the page."""
    seen: set[lxml_html.HtmlElement] = set()
    for block in itertools.islice(title_element.iterancestors(), 2):
        level = [block]
        for _ in range(3):
            level = [child for node in level for child in node if isinstance(child.tag, str)]
            for element in level:
                if element not in seen:
                    seen.add(element)
                    yield element


#: The blocks a story's paragraphs are set in.
_PROSE_BLOCKS = frozenset({"p", "div", "td", "section", "blockquote", "article"})


def _prose_block(element: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    return _enclosing(element, _PROSE_BLOCKS)


def _enclosing(element: lxml_html.HtmlElement | None, tags: frozenset[str]) -> lxml_html.HtmlElement | None:
    """``element`` or its nearest ancestor whose tag is one of ``tags``."""
    if element is None:
        return None
    return next((e for e in (element, *element.iterancestors()) if e.tag in tags), None)


def _set_apart_lead(element: lxml_html.HtmlElement, line: str,
                    following: list[tuple[lxml_html.HtmlElement, str]],
                    title_element: lxml_html.HtmlElement) -> str | None:
    """The first prose block under the headline (``element``'s, whose text starts with ``line``) when the
    template sets it apart from the story's paragraphs (the text pieces ``following`` it), whatever the names
    of its blocks: in a box of its own with the story in the next one (``<div><p>sapo</p></div><div><p>…</p>
    <p>…</p></div>``), or a paragraph whose class the story's paragraphs beside it, which share one, do not have
    (``<p class=a>sapo</p><p class=b>…</p><p class=b>…</p>``). It has a sapo's shape too: one block of whole
    sentences, no photo, table or lines parted by ``<br>`` (a list of points)."""
    block = _prose_block(element)
    if block is None:
        return None
    text = _visible_text(block)
    # (A long one may lack its full stop, cut by the template; none ends with a colon: that opens what follows.)
    whole = _ENDS_SENTENCE.search(text) or len(text.split()) >= 20 and not text.endswith(":")
    if not (60 <= len(text) <= 1200 and whole and text.startswith(line[:40])) or sum(
            1 for br in block.iter("br") if (br.tail or "").strip()) >= 2:
        return None
    holders = {title_element, *title_element.iterancestors()}
    box = block
    # The box: the blocks around the paragraph that hold nothing else (no other element: a widget's button).
    while (parent := box.getparent()) is not None and parent not in holders and parent.tag in _PROSE_BLOCKS \
            and sum(1 for child in parent if isinstance(child.tag, str)) == 1 and _visible_text(parent) == text:
        box = parent
    if box.find(".//img") is not None or box.find(".//table") is not None or len(box.findall(".//p")) > 1:
        return None
    body: list[lxml_html.HtmlElement] = []  # the story's first paragraphs: prose, not links nor list items
    for other, chunk in following:
        ancestors = (other, *other.iterancestors())
        if len(normalize_line(chunk)) < 40 or box in ancestors or any(a.tag in {"a", "li"} for a in ancestors):
            continue
        paragraph = _prose_block(other)
        if paragraph is not None and paragraph not in body and box not in paragraph.iterancestors() \
                and paragraph not in box.iterancestors():
            body.append(paragraph)
            if len(body) == 3:
                break
    if not body:
        return None
    holder, after = _next_with_text(box)
    # (The box, or the block that holds it, and the next one are not two alike blocks of the story's.)
    if after is not None and after is not body[0] and body[0] in after.iterdescendants() \
            and (holder.tag, holder.get("class")) != (after.tag, after.get("class")):
        held = [b for b in body if after in b.iterancestors()]
        if len(held) >= 2 or len(_visible_text(body[0])) >= max(300, 2 * len(text)):
            return text  # a box of its own, the story in the next one
    parent = box.getparent()
    classes = {b.get("class") for b in body}
    if box.tag == "p" and box.get("class") and len(body) >= 2 and all(b.getparent() is parent for b in body) \
            and len(classes) == 1 and box.get("class") not in classes:
        return text  # a paragraph classed apart from the story's, which share one class (or none)
    return None


def _next_with_text(element: lxml_html.HtmlElement, reach: int = 1,
                    ) -> tuple[lxml_html.HtmlElement, lxml_html.HtmlElement] | tuple[None, None]:
    """The first element after ``element`` that holds visible text, a later sibling of ``element`` or of one
    of its ``reach`` nearest ancestors: (that ancestor or ``element``, the sibling), or (None, None)."""
    for node in itertools.islice((element, *element.iterancestors()), reach + 1):
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str) and sibling.tag not in {"script", "style"} and _visible_text(sibling):
                return node, sibling
    return None, None


def _class_tokens(element: lxml_html.HtmlElement) -> set[str]:
    """Class and id names as written, lower-cased, not split at case changes: "TomTat" is "tomtat" ("tóm tắt",
    a summary), which :func:`clean.class_words` reads as "tom" and "tat"."""
    return set(re.split(r"[\s_\-:.]+", f"{element.get('class', '')} {element.get('id', '')}".lower())) - {""}


#: The dateline Vietnamese papers open a story's sapo with: "(Dân trí) - ", "(NLĐO) – ", "(giao duc) - ".
_DATELINE = re.compile(r"^\([^()]{2,40}\)\s*[-–—]\s+\w")


def _is_inside_list(element: lxml_html.HtmlElement) -> bool:
    return any(a.tag in {"li", "ul", "ol"} for a in element.iterancestors())


def _in_data_row(element: lxml_html.HtmlElement) -> bool:
    """True inside a table cell whose row has another cell with text: a value of a data table ("1 | Châu Đại
    Dương | Úc, New Zealand", a document's "Người ký | <signer>"), not a layout table's byline cell (the only
    text of its row) nor a value under a byline's label ("Tác giả | <name>")."""
    cell, cells = _cell_and_row(element)
    if cell is None or len(dict(cells)[cell]) > _DATA_CELL_CHARS:
        return False  # a layout table's column: the story's own cell holds its headline and text
    others = [text for other, text in cells if other is not cell]
    return any(others) and all(len(text) <= _DATA_CELL_CHARS for text in others) and not any(
        AUTHOR_LABEL.fullmatch(f"{text} ") for text in others if text)


def _cell_and_row(element: lxml_html.HtmlElement) -> tuple[lxml_html.HtmlElement | None,
                                                            list[tuple[lxml_html.HtmlElement, str]]]:
    """The table cell holding ``element`` (itself included) and its row's cells with their normalised texts;
    (None, []) outside a table's row."""
    cell = clean.enclosing_cell(element)
    row = cell.getparent() if cell is not None else None
    if row is None:
        return None, []
    return cell, [(c, normalize_line(c.text_content())) for c in row if c.tag in {"td", "th"}]


#: Characters a data table's cell holds at most (a name, a date, a list of countries); a layout table's columns
#: hold a story or a sidebar.
_DATA_CELL_CHARS = 300


def dom_author(tree: lxml_html.HtmlElement, article_ld: dict[str, Any] | None,
               title_element: lxml_html.HtmlElement | None = None, names: Sequence[str] = ()) -> str | None:
    """Author from JSON-LD or an element named author/byline outside page chrome; never the publisher.
    Several authors (JSON-LD's, else the writers' page links') are given as the page's byline writes them
    ("A - B") when a byline names them all with separators; else JSON-LD's joined by ", ", and without JSON-LD
    the first byline that is not the names run together."""
    listed: list[str] = []
    for name in ld_names(article_ld.get("author")) if article_ld else ():
        author = person_author(name, names)
        if author and author not in listed:
            listed.append(author)
    if len(listed) == 1:
        return listed[0]
    bylines = _byline_authors(tree, title_element, names)
    from_ld = bool(listed)
    if not from_ld:
        # The writers' page links name them one by one ("<a href=/tac-gia/a>A</a> - <a href=/tac-gia/b>B</a>"),
        # so a block that runs two of them together ("A B") is not taken for one name.
        for author in _writer_links(tree, title_element, names):
            if author not in listed:
                listed.append(author)
        if len(listed) < 2:
            return next(bylines, None)
    keys = [name.casefold() for name in listed]
    run_together = "".join(keys).replace(" ", "")
    first = None
    for author in bylines:
        key = author.casefold()
        if key.replace(" ", "") == run_together:
            continue  # "A B", "AB": a block of the names with nothing between them
        if all(k in key for k in keys):  # all named, with separators between
            return author
        if key not in keys:  # (one writer's link is not the byline of several)
            first = first or author
    return ", ".join(listed) if from_ld or first is None else first


def _byline_authors(tree: lxml_html.HtmlElement, title_element: lxml_html.HtmlElement | None,
                    names: Sequence[str]) -> Iterator[str]:
    """Authors read from elements named author/byline outside page chrome and outside boxes opened by a
    widget heading (a reader's name under "Ý kiến bạn đọc"), in page order."""
    in_title = set(title_element.iter()) if title_element is not None else set()
    boxes: dict[lxml_html.HtmlElement, tuple[int, bool] | None] = {}  # memo: many bylines may share one box
    for element in _MARKED(tree):  # an element without these attributes has no marker
        if element.tag in {"meta", "link", "body", "html"}:
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')} {element.get('itemprop', '')} " \
                 f"{element.get('rel', '')}"
        if _AUTHOR_CLASS.search(marker) and not _is_inside_list(element) and not clean.in_chrome(
                element, title_element) and not _under_widget_heading(element, in_title, boxes):
            text = normalize_line(element.text_content())
            if 0 < len(text) <= 80:
                text = text.split("|")[0]
                author = person_author(re.sub(r"\d{1,2}[/:.-]\d{1,2}.*$", "", text), names)
                if author:
                    yield author
    yield from _writer_links(tree, title_element, names)
    yield from _joint_writer_links(tree, title_element, names)


def _joint_writer_links(tree: lxml_html.HtmlElement, title_element: lxml_html.HtmlElement | None,
                        names: Sequence[str]) -> Iterator[str]:
    """Co-authors' byline as the page prints it: a block that holds the links to two writers' pages or more
    and nothing else but separators ("<a href=/tac-gia/a>A</a> - <a href=/tac-gia/b>B</a>"), in the story's
    column (not in a list, chrome or a widget's box)."""
    groups: dict[lxml_html.HtmlElement, list[str]] = {}
    for link in tree.iter("a"):
        parent = link.getparent()
        if parent is not None and _AUTHOR_LINK.search(f"{link.get('href', '')} {link.get('rel', '')}"):
            name = normalize_line(link.text_content())
            if name and name not in groups.setdefault(parent, []):
                groups[parent].append(name)
    in_title = set(title_element.iter()) if title_element is not None else set()
    for block, linked in groups.items():
        if len(linked) < 2:
            continue
        text = normalize_line(block.text_content())
        rest = text
        for name in linked:
            rest = rest.replace(name, " ")
        if len(text) > 120 or not _CO_AUTHORS_ONLY.fullmatch(rest) or _is_inside_list(block) \
                or clean.in_chrome(block, title_element) or _under_widget_heading(block, in_title):
            continue
        author = person_author(text, names)
        if author:
            yield author


#: What is left of a co-authors' byline without their names: separators.
_CO_AUTHORS_ONLY = re.compile(r"[\s,;&/\-–—]*(?:(?:và|and)[\s,;&/\-–—]*)*", re.I)


def _writer_links(tree: lxml_html.HtmlElement, title_element: lxml_html.HtmlElement | None,
                  names: Sequence[str]) -> Iterator[str]:
    """Authors named by links to the writer's page ("/tac-gia/do-trung", rel="author") in the story's column,
    in no list, teaser or widget: the link's text is a byline, wherever the template prints it (under the body
    too)."""
    in_title = set(title_element.iter()) if title_element is not None else set()
    items: dict[lxml_html.HtmlElement, bool] = {}  # memos: many links may share one item or box
    boxes: dict[lxml_html.HtmlElement, tuple[int, bool] | None] = {}
    for link in tree.iter("a"):
        if not _AUTHOR_LINK.search(f"{link.get('href', '')} {link.get('rel', '')}"):
            continue
        if _is_inside_list(link) or _in_teaser(link, items) or clean.in_chrome(link, title_element) \
                or _under_widget_heading(link, in_title, boxes):
            continue
        author = person_author(normalize_line(link.text_content()), names)
        if author:
            yield author


_RIGHT_ALIGNED = re.compile(r"text-align\s*:\s*right", re.I)


def aligned_signature(tree: lxml_html.HtmlElement, title_element: lxml_html.HtmlElement | None,
                      names: Sequence[str] = (), order: DocumentOrder | None = None) -> str | None:
    """Author of a right-aligned signature after the headline (``<p align=right><b>K. Miên</b></p>``,
    ``<div style="text-align:right"><i>Theo Minh Nguyễn/Vcamp.vn</i></div>``): Vietnamese papers set the
    byline flush right under the story, where extractors often drop it as a stray short line. ``order``: the
    page's :class:`DocumentOrder` when the caller has it."""
    order = (DocumentOrder(tree) if order is None else order).index()
    start = order.get(title_element, -1) if title_element is not None else -1
    found, after_source = None, False
    for element in tree.iter("p", "div", "td", "span"):
        if order[element] <= start or not (element.get("align", "").lower() == "right"
                                           or _RIGHT_ALIGNED.search(element.get("style", ""))):
            continue
        text = normalize_line(element.text_content())
        if not 2 <= len(text) <= 80 or element.find(".//a") is not None or clean.in_chrome(element, title_element):
            continue
        is_source, person = source_line_author(text)
        if is_source:
            found, after_source = person or found, True
            continue
        if after_source and len(text.split()) == 1:
            continue  # the outlet under a "Theo ..." line ("Forbes")
        author = person_author(text, names)
        if author:
            found = author  # the last one wins: a signature closes the story
    return found


_LINE_BLOCKS = frozenset({"p", "div", "td", "li", "dt", "dd", "h2", "h3", "h4", "h5", "h6", "address", "header",
                          "section", "footer", "figcaption", "center"})


def heading_byline(title_element: lxml_html.HtmlElement | None,
                   chunks: list[tuple[lxml_html.HtmlElement, str]] | None,
                   names: Sequence[str] = ()) -> tuple[str | None, str | None]:
    """A byline printed between the headline and the story, with no class to say so: a labelled name
    ("Tác giả: Lê Hoa", "Bài và ảnh: ..."), a name with its date ("Lê Hoa - 30/11/2026 14:05") or a line that
    is only a full name (family name first) or, among the first blocks under the headline, a name set wholly in
    bold or italics (a pen name: a plain one cannot be told from a section label such as "Tin Hoạt Động").
    Returns (author, the line as printed), or (None, None)."""
    if title_element is None or not chunks:
        return None, None
    in_title, index = _headline_chunk(title_element, chunks)
    if index is None:
        return None, None
    seen: set[lxml_html.HtmlElement] = set()
    after_sapo = False
    for element, text in chunks[index + 1:index + 16]:
        if element in in_title:
            continue
        if len(normalize_line(text)) > 160:
            if after_sapo:
                break  # the story has started
            after_sapo = True  # a sapo (or the first paragraph): a signature in bold may still follow it
            continue
        block = next((e for e in (element, *element.iterancestors()) if e.tag in _LINE_BLOCKS), element)
        if block in seen or block in title_element.iterancestors():
            continue
        seen.add(block)
        line = normalize_line(block.text_content())
        link = next((e for e in (element, *element.iterancestors()) if e.tag == "a"), None)
        in_lists = len(seen) > _META_LIST_REACH
        if not 2 <= len(line) <= 120 or clean.in_chrome(element, title_element, lists=in_lists) \
                or link is not None and not _AUTHOR_LINK.search(f"{link.get('href', '')} {link.get('rel', '')}") \
                or _in_data_row(block):
            continue
        if after_sapo:
            # Under the sapo only a labelled byline or a full name set wholly in bold or italics, every word
            # capitalised (a subheading is written in sentence case).
            words = line.split()
            if not (AUTHOR_LABEL.match(line) or 2 <= len(words) <= 4 and words[0].casefold() in SURNAMES
                    and all(w[:1].isupper() for w in words) and not line.isupper()
                    and _all_emphasised(block, line)):
                continue
        author, _ = byline_and_date(line)
        # A name of 2-5 words, or co-authors' names joined by " - " or commas ("NGUYỄN HÙNG - TRẦN MAI").
        parts = _CO_AUTHORS.split(line)
        bare = len(parts) <= 4 and all(2 <= len(p.split()) <= 5 and not is_place(p) for p in parts) \
            and not re.search(r"[.!?…:;]", line)
        signed = len(seen) <= 3 and not line.isupper() and _all_emphasised(block, line)
        if author is None and (AUTHOR_LABEL.match(line) or bare and (
                line.split()[0].casefold() in SURNAMES or signed)):
            author = clean_author(line)
        if author and person_author(author, names) == author and not is_publisher(line, list(names)):
            return author, line
    return None, None


_CO_AUTHORS = re.compile(r"\s+[-–—]\s+|\s*,\s*")
#: A link to the author's page ("/tac-gia/nguyen-van-hung-123.html", ``rel="author"``): its text is a byline.
_AUTHOR_LINK = re.compile(r"(?:^|[/?&=._-])(?:tac-?gia|author|authors|but-?danh|nguoi-?viet|writer|journalist|"
                          r"phong-?vien|nha-?bao)(?:$|[/?&=._-])|\bauthor\b", re.I)


def labelled_byline(title_element: lxml_html.HtmlElement | None,
                    chunks: list[tuple[lxml_html.HtmlElement, str]] | None,
                    names: Sequence[str] = ()) -> str | None:
    """Author of a byline labelled with a colon ("<b>Tác giả:</b> M.Nhật", "Bài và ảnh: Lê Hoa") anywhere after
    the headline (templates print it under the story, past its last paragraph, where the text extractor stops):
    the label says what the line is, whatever the block's name. Not in a list, page chrome, a teaser or a box
    opened by a widget heading (a reader's or another story's). ``chunks``: the page's :func:`_text_chunks`."""
    if title_element is None or not chunks:
        return None
    in_title, index = _headline_chunk(title_element, chunks)
    if index is None:
        return None
    items: dict[lxml_html.HtmlElement, bool] = {}
    boxes: dict[lxml_html.HtmlElement, tuple[int, bool] | None] = {}
    for element, text in chunks[index + 1:]:
        label = AUTHOR_LABEL.match(normalize_line(text) + " ")  # the label alone: "<b>Tác giả:</b>"
        if label is None or ":" not in label.group(0) or element in in_title:
            continue
        block = next((e for e in (element, *element.iterancestors()) if e.tag in _LINE_BLOCKS), element)
        line = normalize_line(block.text_content())
        if not 4 <= len(line) <= 80 or _is_inside_list(block) or clean.in_chrome(block, title_element) \
                or _in_teaser(block, items) or _under_widget_heading(block, in_title, boxes):
            continue
        author = clean_author(line)
        if author and person_author(author, names) == author and not is_publisher(line, list(names)):
            return author
    return None


def _all_emphasised(block: lxml_html.HtmlElement, line: str) -> bool:
    """True when the whole of ``block``'s text (``line``) is set in bold or italics (a signature's type)."""
    return any(normalize_line(e.text_content()) == line for e in block.iter(*_EMPHASIS))


def meta_author(tree: lxml_html.HtmlElement, names: Sequence[str] = ()) -> str | None:
    """Author from meta tags, the last resort: CMSs fill them with the site's name or an account ("Dân Trí",
    "SEO, Traffic Team"), so a byline printed on the page wins over them."""
    return person_author(meta_content(tree, *AUTHOR_META), names)


def _fold_source_line_breaks(tree: lxml_html.HtmlElement) -> None:
    """Line breaks inside text nodes are spaces in HTML (a paragraph wrapped in the source, as re-indented or
    hand-edited pages have); only ``<br>`` and blocks break lines. ``<pre>`` keeps its lines."""
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in {"pre", "textarea"}:
            continue
        if element.text and "\n" in element.text and not any(a.tag == "pre" for a in element.iterancestors()):
            element.text = element.text.replace("\r", " ").replace("\n", " ")
        if element.tail and "\n" in element.tail and not any(
                a.tag == "pre" for a in element.iterancestors()):
            element.tail = element.tail.replace("\r", " ").replace("\n", " ")


_BLOCK_TAGS = frozenset({"p", "div", "table", "ul", "ol", "li", "dl", "h1", "h2", "h3", "h4", "h5", "h6",
                         "blockquote", "section", "article", "figure", "header", "footer", "aside", "nav", "form"})


def _leaf_divs_as_paragraphs(tree: lxml_html.HtmlElement) -> None:
    """A ``div`` holding text and only inline markup, among sibling paragraphs, is a paragraph (older CMS
    editors mixed ``<DIV>`` and ``<P>`` for a story's paragraphs and captions); so is one that holds running
    prose of its own (a short post typed as one ``<div>`` of sentences): trafilatura reads divs only when the
    block it extracts holds too little paragraph text, so related cards with ``<p>`` ledes added beside such a
    story would make it read the cards and drop the story. Leaf divs elsewhere (widgets, bars, counters) are
    left as they are. One pass, children before parents: linear in the page."""
    holds_block: set[lxml_html.HtmlElement] = set()  # elements with a block element below them
    leaf_divs: list[lxml_html.HtmlElement] = []
    for _, node in etree.iterwalk(tree, events=("end",)):
        children = [c for c in node if isinstance(c.tag, str)]
        if any(c.tag in _BLOCK_TAGS or c in holds_block for c in children):
            holds_block.add(node)
        elif node.tag == "div" and ((node.text or "").strip() or any((c.tail or "").strip() for c in node)
                                    or _emphasis_only(children)):
            leaf_divs.append(node)
    by_parent: dict[lxml_html.HtmlElement, list[lxml_html.HtmlElement]] = {}
    for div in leaf_divs:
        parent = div.getparent()
        if parent is not None:
            by_parent.setdefault(parent, []).append(div)
    for parent, divs in by_parent.items():  # each child read once
        if any(c.tag == "p" and (c.text_content() or "").strip() for c in parent):
            for div in divs:
                div.tag = "p"
            continue
        # No paragraph yet: running prose becomes one, and then its sibling divs are paragraphs too (a story
        # typed as divs, its long paragraphs and its short ones alike), whatever their order.
        if any(_running_prose(div) for div in divs):
            for div in divs:
                div.tag = "p"


#: Text a leaf ``div`` holds outside links that makes it a paragraph of running prose, whatever its siblings.
_PROSE_DIV_CHARS = 200
_PROSE_DIV_SENTENCES = 2


def _running_prose(div: lxml_html.HtmlElement) -> bool:
    """True for a leaf div of sentences (two or more ends of sentence, 200+ characters outside links) that is
    not a listing item's lede: no sibling beside it is a headline link alone (a row "1 | Headline | Lede")."""
    text = normalize_line(div.text_content())
    if len(text) < _PROSE_DIV_CHARS or len(_SENTENCE_STOPS.findall(text)) < _PROSE_DIV_SENTENCES:
        return False
    if len(text) - clean.link_text(div)[1] < _PROSE_DIV_CHARS:
        return False
    for sibling in (div.getprevious(), div.getnext()):
        if sibling is not None and isinstance(sibling.tag, str) and sibling.find(".//a") is not None:
            sibling_text = normalize_line(sibling.text_content())
            if sibling_text and clean.link_text(sibling)[1] >= len(sibling_text):
                return False
    return True


_SENTENCE_STOPS = re.compile(r"[.!?…](?:\s|$)")


_SIGNATURE_INLINE = frozenset({"b", "strong", "em", "i", "u", "span", "font"})


def _emphasis_only(children: list[lxml_html.HtmlElement]) -> bool:
    """A div whose text is all set in emphasis, no link (``<div><b>Nguyễn Văn Hùng</b></div>``, a signature
    typed into a ``<DIV>`` by older editors): a paragraph as much as one with bare text."""
    return bool(children) and all(c.tag in _SIGNATURE_INLINE and c.find(".//a") is None for c in children) \
        and any((c.text_content() or "").strip() for c in children)


_INLINE_WRAPPERS = ("span", "font")
_BLOCK_CHILDREN = frozenset({"div", "p", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})


def inline_wrappers_as_blocks(tree: lxml_html.HtmlElement) -> None:
    """A ``<span>`` or ``<font>`` that holds blocks (a story's paragraphs wrapped in a styling span) is a
    block: trafilatura reads an inline element's content as one run of text and merges the paragraphs."""
    for element in list(tree.iter(*_INLINE_WRAPPERS)):
        if any(isinstance(child.tag, str) and child.tag in _BLOCK_CHILDREN for child in element):
            element.tag = "div"


#: Characters of text outside links an item needs to count as a sentence of the story, not a menu's or a
#: list's entry.
_PROSE_ITEM_CHARS = 80


def prose_list_items(tree: lxml_html.HtmlElement) -> list[str]:
    """The texts of the items of lists whose items are the story's sentences (a directive's numbered points,
    each a sentence or more): two items or more, two in three of them 80 characters or more outside links, no
    nested list, not half of them a teaser. Menus, link lists and teaser lists are not such lists."""
    found: list[str] = []
    for lst in _prose_lists(tree):
        found.extend(normalize_line(item.text_content()) for item in lst)
    return found


def _prose_lists(tree: lxml_html.HtmlElement) -> Iterator[lxml_html.HtmlElement]:
    for lst in tree.iter("ol", "ul"):
        items = [child for child in lst if child.tag == "li"]
        if len(items) < 2 or len(items) != len(lst) or any(item.find(".//li") is not None for item in items):
            continue
        short_allowed, short = len(items) - (2 * len(items) + 2) // 3, 0
        for item in items:  # a menu's short entries end the test early: the raw length is read first
            text = item.text_content()
            if len(text) < _PROSE_ITEM_CHARS or len(normalize_line(text)) - clean.link_text(item)[1] \
                    < _PROSE_ITEM_CHARS:
                short += 1
                if short > short_allowed:
                    break
        if short > short_allowed:
            continue
        teasers = sum(1 for item in items if _in_teaser(item))  # a headline link and its lede: other stories
        if teasers * 2 < len(items):
            yield lst


def prose_lists_as_paragraphs(tree: lxml_html.HtmlElement) -> None:
    """Each list of :func:`prose_list_items` becomes a run of paragraphs."""
    for lst in list(_prose_lists(tree)):
        for item in lst:
            item.tag = "p"
        lst.tag = "div"


def _lists_dropped(items: list[str], text: str) -> bool:
    """True when most of a story's list items are missing from trafilatura's text: its fallback for a page whose
    story container it does not find reads paragraphs and headings, not lists (a district's "Công điện" lost
    its eight points)."""
    long_items = [item for item in items if len(item) >= _PROSE_ITEM_CHARS]
    # Each line's opening words, as trafilatura writes an item ("- Thực hiện…"): one set, looked up per item.
    openings = {normalize_line(line).lstrip("-•*+ ")[:40] for line in text.split("\n")}
    return bool(long_items) and sum(item[:40] not in openings for item in long_items) * 2 > len(long_items)


def prose_headings_as_paragraphs(tree: lxml_html.HtmlElement, headline: lxml_html.HtmlElement | None) -> None:
    """A minor heading (``h5``, ``h6``: Word's lowest heading styles, which pasted paragraphs carry) with no
    paragraph after it in its block, that holds a sentence of 80 characters or more or running prose, is a
    paragraph: trafilatura drops headings that close the story's block ("trailing titles"), and those paragraphs
    with them. Higher headings are left alone: a sapo or a story set in ``h3``/``h1`` blocks reads otherwise. The
    page's headline stays as it is."""
    parents = dict.fromkeys(parent for heading in tree.iter("h5", "h6")
                            if (parent := heading.getparent()) is not None)
    for parent in parents:  # each block's children read once, from its end: linear in the page
        paragraph_after = False
        for child in reversed(parent):
            if child.tag == "p":
                paragraph_after = paragraph_after or bool((child.text_content() or "").strip())
            elif child.tag in {"h5", "h6"} and child is not headline and not paragraph_after:
                text = normalize_line(child.text_content())  # a subheading over paragraphs is read as one
                if len(text) >= _PROSE_HEADING_CHARS and _ENDS_SENTENCE.search(text) or _running_prose(child):
                    child.tag = "p"


#: Characters of a subheading that ends a sentence and is a paragraph ("Nhà trường mong muốn nhận được sự đồng hành
#: của phụ huynh trong giai đoạn mới."); a section's subheading is a shorter phrase with no full stop.
_PROSE_HEADING_CHARS = 80


def join_split_bodies(tree: lxml_html.HtmlElement) -> None:
    """A story whose HTML a CMS split across sibling blocks of one kind (``<div class="content">`` closed and
    reopened around an advert or a related box) is one block again: trafilatura reads only one such block. A
    block joins the previous block of the same tag and class when both hold paragraphs of running text and only
    blocks without text stand between them. Each element is looked at once: linear."""
    for parent in list(tree.iter()):
        if not isinstance(parent.tag, str) or len(parent) < 2:
            continue
        previous: lxml_html.HtmlElement | None = None
        for child in list(parent):
            if not isinstance(child.tag, str):
                continue
            key = (child.tag, child.get("class"))
            if child.get("class") and child.tag in {"div", "section", "article", "td"} and _holds_prose(child):
                if previous is not None and (previous.tag, previous.get("class")) == key:
                    for node in list(child):
                        previous.append(node)
                    if (child.text or "").strip():
                        node = etree.SubElement(previous, "p")
                        node.text = child.text
                    child.drop_tree()
                    continue
                previous = child
            elif normalize_line(child.text_content()):
                previous = None  # text between the blocks: two things, not one story cut in two


def join_drop_caps(tree: lxml_html.HtmlElement) -> None:
    """A drop cap, a story's first letter set in an element of its own (``<span class="dropcaps">K</span>``)
    before the paragraph that goes on in lower case ("hi còn là một..."), is put back at the paragraph's start:
    read apart, the letter is lost and the first word broken. The letter joins the next text when that text opens
    in lower case and either follows it with no space between ("<em>T</em><em>ân Tổng…") or opens a block of its
    own; a one-letter word spaced from the next in the same line ("Ở cấp THCS") stays. At most a few are looked
    at (a few XPath steps each)."""
    caps = (element for element in tree.iter("span", "div", "p", "b", "strong", "font", "em", "i")
            if len(element) == 0 and len(text := (element.text or "").strip()) == 1 and text.isupper()
            and not (element.tail or "").strip())
    for cap in list(itertools.islice(caps, _DROP_CAPS)):
        before = cap.xpath("preceding::text()[1]")
        if cap.getparent() is None or before and not before[0][-1:].isspace() and _block_of(before[0]) is \
                _block_of(cap):
            continue  # a letter glued to the text before it ("G<span>V</span>"), not a block's drop cap
        following = cap.xpath("following::text()[normalize-space()][1]")
        if not following or not str(following[0])[:1].islower():
            continue
        node = following[0]
        owner = node.getparent()
        glued = not cap.text[-1].isspace() and not cap.tail and not node[:1].isspace() and \
            cap.xpath("following::text()[1]")[0] == node
        if not glued and not _opens_block(owner.getparent() if node.is_tail else owner, cap):
            continue
        if node.is_tail:
            owner.tail = cap.text.strip() + node.lstrip()
        else:
            owner.text = cap.text.strip() + node.lstrip()
        cap.text = ""


def _block_of(node: lxml_html.HtmlElement | Any) -> lxml_html.HtmlElement | None:
    """The nearest block element holding an element or a text node (None for text after a closed block: it
    starts a line of its own)."""
    if isinstance(node, etree._Element):
        return _enclosing(node, _BLOCK_TAGS)
    owner = node.getparent()
    if node.is_tail:
        return None if owner.tag in _BLOCK_TAGS else _enclosing(owner.getparent(), _BLOCK_TAGS)
    return _enclosing(owner, _BLOCK_TAGS)


def _opens_block(element: lxml_html.HtmlElement | None, cap: lxml_html.HtmlElement) -> bool:
    """True when ``element`` or an ancestor of it below the one it shares with ``cap`` is a block element."""
    block = _enclosing(element, _BLOCK_TAGS)
    return block is not None and block not in set(cap.iterancestors())


#: Drop caps looked at on one page (a story has one; a magazine layout one per section).
_DROP_CAPS = 5


def _holds_prose(element: lxml_html.HtmlElement) -> bool:
    return any(len(normalize_line(p.text_content())) >= 80 for p in element.iter("p"))


_SOURCE_WORDS = frozenset({"source", "nguon", "nguontin"})


def _drop_source_credits(tree: lxml_html.HtmlElement, protect: lxml_html.HtmlElement | None) -> list[str]:
    """A short element named ``source``/``nguon`` (``<p class="source">Nhịp sống thị trường</p>`` under a
    reprinted story) credits the paper a story came from: it is not body text, and left in place it would stand
    between the story and its closing signature. Returns the credits' lines: one that names a person ("Theo
    Sầm Hoa (Vietnamnet/Reuters)") names the story's writer."""
    dropped = []
    for element in list(tree.iter("p", "div", "span")):
        if protect is not None and (element is protect or element in protect.iterancestors()):
            continue
        if not clean.class_words(element) & _SOURCE_WORDS or element.getparent() is None:
            continue
        text = normalize_line(element.text_content())
        if len(text) <= 80 and not any(child.tag in _BLOCK_TAGS for child in element.iterdescendants()):
            element.drop_tree()
            dropped.append(text)
        elif 0 < len(own := normalize_line(element.text or "")) <= 80:
            element.text = None  # "<div class="nguontin">Theo … <div class="rate">…</div></div>": the credit
            dropped.append(own)  # opens a box that holds other things
    return dropped


#: Elements that end a line where an article's dump is read again line by line; a table's cells stay in their row.
_LINE_TAGS = _BLOCK_TAGS | {"main", "tr", "tbody", "thead", "tfoot", "caption", "dd", "dt", "center", "pre",
                            "address", "figcaption", "details", "fieldset", "hr"}
_CELL = "\x1f"  # a cell's start inside a row (a control character no page text keeps)


def block_lines(element: lxml_html.HtmlElement) -> list[str]:
    """The element's text as lines: a line ends where a block element starts or ends and at a ``<br>``; a table's
    row is one line, its cells written as trafilatura writes them ("| a | b |")."""
    parts: list[str] = []
    cells = 0  # depth of table cells: inside one, blocks and breaks are spaces
    for event, node in etree.iterwalk(element, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else None  # a comment's text is no text of the page
        if event == "start":
            if tag in {"td", "th"}:
                cells += 1
                parts.append(_CELL if cells == 1 else " ")
            elif tag == "br" or tag in _LINE_TAGS:
                parts.append(" " if cells else "\n")
            if tag:
                parts.append(node.text or "")
            continue
        if tag in {"td", "th"}:
            cells -= 1
        elif tag in _LINE_TAGS:
            parts.append(" " if cells else "\n")
        if node is not element:
            parts.append(node.tail or "")
    lines = []
    for raw in "".join(parts).split("\n"):
        if _CELL in raw:
            row = [cell for cell in (normalize_line(piece) for piece in raw.split(_CELL)) if cell]
            line = f"| {' | '.join(row)} |" if row else ""
        else:
            line = normalize_line(raw)
        if line:
            lines.append(line)
    return lines


def article_dumps(tree: lxml_html.HtmlElement) -> dict[str, list[str]]:
    """Each outermost ``<article>`` of two lines or more, by its words run together as trafilatura's last resort
    writes it (the whole element's text as one line, when its extraction came out too short), to its lines."""
    dumps = {}
    for article in tree.xpath(".//article[not(ancestor::article)]"):
        lines = block_lines(article)
        if len(lines) >= 2:
            dumps[" ".join(" ".join(lines).replace("|", " ").split())] = lines
    return dumps


def split_article_dumps(text: str, dumps: dict[str, list[str]]) -> str:
    """``text`` with each line that is one of ``dumps`` (see :func:`article_dumps`) written as that article's lines
    again: its headline, byline, date and counters each on its own line, where the rules below can tell them."""
    if not dumps:
        return text
    return "\n".join(piece for line in text.split("\n")
                     for piece in dumps.get(" ".join(line.replace("|", " ").split()), (line,)))


def _trafilatura_text(tree: lxml_html.HtmlElement, url: str) -> str:
    text = trafilatura.extract(
        tree, url=url, include_comments=False, include_tables=True, include_images=False, include_links=False,
        output_format="txt", with_metadata=False, deduplicate=False, favor_precision=False, fast=TRAFILATURA_FAST,
    )
    return text or ""


#: Set by :func:`explain_page`: _extract puts the page-type signals and the decision there.
EXPLAIN: ContextVar[dict[str, Any] | None] = ContextVar("congdoan_explain", default=None)


def explain_page(body: bytes, url: str, *, content_type: str | None = None, profile: SiteProfile | None = None,
                 ) -> tuple[dict[str, Any], dict[str, Any]]:
    """``extract_page`` plus why: the page-type signals and decision, and every block removed before
    trafilatura with the rule (or the site profile) that removed it."""
    notes: dict[str, Any] = {}
    removals: list[tuple[str, str]] = []
    tokens = EXPLAIN.set(notes), clean.REMOVALS.set(removals)
    try:
        page = extract_page(body, url, content_type=content_type, profile=profile)
    finally:
        EXPLAIN.reset(tokens[0])
        clean.REMOVALS.reset(tokens[1])
    notes["removed"] = [{"rule": rule, "text": text} for rule, text in removals]
    return page, notes


def extract_page(body: bytes, url: str, *, content_type: str | None = None, profile: SiteProfile | None = None,
                 drop_selectors: Sequence[str] = ()) -> dict[str, Any]:
    """Extract one page into a record dict (see CONVENTIONS.md); never raises.

    ``profile`` is what the crawl learnt about the page's site (:class:`pipelines.profile.SiteProfile`: its
    recurring chrome blocks and URL shapes); None means generic rules only. ``drop_selectors`` are a site's
    extra CSS selectors (registry field) whose elements are removed first."""
    try:
        return _extract(body if isinstance(body, bytes | bytearray) else bytes(body or b""), url, content_type,
                        tuple(drop_selectors), profile)
    except Exception:  # noqa: BLE001 - a page must never stop a crawl; the flag says what happened
        return _empty(url, ["extraction_failed", "empty_text"])


def _extract(body: bytes, url: str, content_type: str | None, drop_selectors: tuple[str, ...],
             profile: SiteProfile | None = None) -> dict[str, Any]:
    now = datetime.now(VN_TZ)
    decoded = decode_html(bytes(body), content_type)
    flags = list(decoded.flags)
    html, truncated = bound_html(decoded.text)
    if truncated:
        flags.append("truncated")
    if legacy.looks_legacy(html):
        tree = parse_html(strip_invisible(html))
        statuses = _repair_legacy(tree, decoded.encoding)
        if "repaired" in statuses:
            flags.append("legacy_font_repaired")
        if "unrepaired" in statuses:
            flags.append("legacy_font_unrepaired")
    else:
        tree = parse_html(strip_invisible(nfc(html)))
        if "&#" in html:  # only character references decompose text the NFC above composed
            _nfc_tree(tree)
    if _is_feed(tree):  # an RSS/Atom document served or saved as HTML: a list of items, not a page to store
        return _empty(url, [*flags, "feed"])
    for selector in drop_selectors:
        for element in tree.cssselect(selector):
            if element.getparent() is not None:
                element.drop_tree()
    for element in tree.xpath(_CODE_ELEMENTS):  # code is never text (a title may hide a <script>: hostile pages)
        if element.getparent() is not None:
            element.drop_tree()
    drop_archive_inserts(tree)

    self_url = canonical_url(tree, url)
    ld = read_json_ld(tree)  # each JSON-LD script parsed once, for every reader below
    names = site_names(tree, url, ld.objects)
    article_ld = ld_article(tree, ld.objects)
    title, title_element = find_title(tree, names, article_ld)
    chunks = _text_chunks(tree) if title_element is not None else None  # read once for the lead and the date
    order = DocumentOrder(tree)  # indexed on first use, by whichever rule below needs it first
    lead = find_lead(tree, title_element, chunks, order)
    candidates = published_candidates(tree, title_element, article_ld, now, chunks, ld.invalid, order)
    # Names that are never the author: the site's, and the others the <title> prints beside the headline.
    author_names = names + [n for n in title_remainder_names(tree, title) if n not in names]
    author = dom_author(tree, article_ld, title_element, author_names)
    category = breadcrumb_category(tree, url, title, names, ld.objects) or labelled_category(tree) \
        or tagged_category(title_element) or menu_category(tree)

    cleaned = copy.deepcopy(tree)
    protect = None
    if title_element is not None:
        found = cleaned.xpath(tree.getroottree().getpath(title_element))
        protect = found[0] if found else None
    if profile is not None:
        site_profiles.apply_profile(cleaned, profile, protect, clean.REMOVALS.get())
    vietnamese = looks_vietnamese(tree)
    clean.clean_tree(cleaned, protect, keep_captions=vietnamese)
    _fold_source_line_breaks(cleaned)
    join_split_bodies(cleaned)
    join_drop_caps(cleaned)
    inline_wrappers_as_blocks(cleaned)
    prose_headings_as_paragraphs(cleaned, protect)
    clean.br_lines_as_paragraphs(cleaned)
    credits = _drop_source_credits(cleaned, protect) if vietnamese else []
    if vietnamese:
        _leaf_divs_as_paragraphs(cleaned)
    emptied = {fold(line) for line in clean.emptied_headings(cleaned) if line}
    # Read before trafilatura, which may change the tree; a page with a sapo of its own has no story pasted there.
    pasted = pasted_sapo(cleaned, protect) if not lead else []
    items = prose_list_items(cleaned)
    backup = copy.deepcopy(cleaned) if items else None  # trafilatura changes the tree it reads
    dumps = article_dumps(cleaned)  # read before trafilatura too
    raw_text = _trafilatura_text(cleaned, url)  # trafilatura may change the tree: nothing reads it after
    if backup is not None and _lists_dropped(items, raw_text):
        prose_lists_as_paragraphs(backup)
        raw_text = _trafilatura_text(backup, url)
    # A short story's extraction came out too short and trafilatura wrote the whole <article> as one line (its
    # headline, byline, date, counters and body run together): the article's lines again.
    split = split_article_dumps(raw_text, dumps)
    result = clean_lines(split.split("\n"), title=title, site_names=names, now=now)
    if split != raw_text and not result.lines:
        # Nothing left once the article's lines were told apart (a headline over a download link's label): the
        # line as trafilatura wrote it, rather than no text.
        result = clean_lines(raw_text.split("\n"), title=title, site_names=names, now=now)
    if result.author and fold(result.author) in emptied and legacy.vietnamese_score(result.author) < 1:
        # A box's heading closing the text ("Recent Posts" over cards gone) is no signature; a teacher's name over
        # the folder of her files ("Ngô Thị Mai") still names who posted them.
        result.author = None
    lines = [line for line in result.lines if fold(line) not in emptied] if emptied else result.lines
    end = len(lines)
    while end > 1 and clean.is_heading_text(lines[end - 1]):
        end -= 1  # a widget's heading closing the text, its box gone ("Table of contents", "Tags")
    lines = lines[:end]
    if pasted:
        # A story pasted into the sapo box: its paragraphs open the text when trafilatura left most of them out.
        have = set(lines)
        missing = [line for line in pasted if line not in have]  # the cheap test first: the same normalised text
        if len(missing) * 2 > len(pasted):
            folded = {fold(line) for line in lines}
            missing = [line for line in clean_lines(missing, title=title, site_names=names, now=now).lines
                       if fold(line) not in folded]
            if len(missing) * 2 > len(pasted):
                lines = missing + lines
    if lead:
        lead_key = fold(lead)
        lines = [line for line in lines if fold(line) != lead_key]
        lines.insert(0, lead)
    text = normalize_text("\n".join(lines))
    if result.author and is_publisher(result.author, author_names):
        result.author = None
    if not author:
        author, byline = heading_byline(title_element, chunks, author_names)
        if byline:
            byline_key = fold(byline)
            lines = [line for line in lines if fold(line) != byline_key]
            text = normalize_text("\n".join(lines))
    if author and author.isascii() and result.author and not result.author.isascii():
        # "Tác giả: Ngo Thanh Thao" (an account's name, no tone marks) and the story signed "Ngô Thanh Hảo".
        author = result.author
    author = _not_heading(author) or _not_heading(result.author) or _not_heading(
        aligned_signature(tree, title_element, author_names, order)) or next(
        (a for a in (person_author(line, author_names) for line in credits) if a), None) or labelled_byline(
        title_element, chunks, author_names) or meta_author(tree, author_names)
    if author:
        # The byline the author was read from (a meta tag, a writer's box) printed as a line of its own under
        # the story, in a box no rule named: a signature, not body.
        text = _without_signature(text, fold(author))
    category = category or result.category
    # A weekday's date alone over the headline (maybe a header's render date) dates the page only when nothing
    # else does, and, like the dates below, says nothing of its type.
    weekday_bar = [date for rank, date in candidates if rank >= _WEEKDAY_BAR_RANK]
    candidates = [(rank, date) for rank, date in candidates if rank < _WEEKDAY_BAR_RANK]
    published = choose_published(candidates, result.dates)
    # A page that prints its date only relative to the day it is read ("2 giờ trước") gives no exact date;
    # a date found far from the headline (an event, a related story) is not taken for it either.
    if relative_date_near(title_element, chunks) and min((rank for rank, _ in candidates), default=9) >= 3:
        published = None
        flags.append("date_relative")
    elif result.relative_date and published is None:
        flags.append("date_relative")
    has_date = published is not None  # a date in the address says nothing of the page's type
    if published is None and "date_relative" not in flags:
        published = next(iter(weekday_bar), None) or dateline_after_body(chunks, lines, title_element, now) or \
            url_date(self_url, now) or url_date(url, now)
    if published and published.separator and published.separator in month_first_separators(
            tree.text_content()):
        published = published.month_first()  # "03-08-2011" on a page that also prints "12-27-2012"
    if published and not published.has_time:
        flags.append("date_only")

    signals = gather_signals(tree, url, self_url, text, title if title_element is not None else "", title_element,
                             ld.objects, page_title=title)
    shape_hint = profile.shape_type(url) if profile is not None else None
    decision = decide(signals, has_date, shape_hint)
    page_type, uncertain = decision.page_type, decision.uncertain
    notes = EXPLAIN.get()
    if notes is not None:
        notes.update(signals=dict(vars(signals)), has_date=has_date, url_shape_says=shape_hint,
                     page_type=page_type, page_type_uncertain=uncertain, rule=decision.rule,
                     rules_said=decision.rules_said, story_evidence=list(decision.story),
                     sitewide_evidence=list(decision.sitewide), profile_pages=profile.pages if profile else 0)
    if uncertain:
        flags.append("page_type_uncertain")
    if page_type == "article" and signals.trailing_teaser_lines:
        text = _without_closing_teasers(text, signals.trailing_teaser_lines)
    if page_type == "article" and "\n" in text:
        # The CMS's placeholder beside a story's own lines (a notice's sentence, then "Nội dung đang cập nhật" in
        # the empty body box under it): the placeholder is the template's, not the story's.
        kept = [line for line in text.split("\n") if not is_placeholder_line(line)]
        text = normalize_text("\n".join(kept)) if kept else text
    # a page that is not an article is not stored: its language is read from its letters only
    language, score = detect_language(text, ask_langdetect=page_type == "article")
    if not text:
        flags.append("empty_text")
    return {
        "id": record_id(self_url), "url": self_url, "title": normalize_line(title), "lead": lead, "text": text,
        "author": author, "category": category,
        "published_at": published.value if published else None,
        "language": language, "language_score": score, "content_hash": content_hash(text),
        "word_count": len(text.split()), "quality_flags": list(dict.fromkeys(flags)),
        "page_type": page_type, "site": None, "province": None, "fetched_at": None, "crawl_id": None,
    }


def _without_closing_teasers(text: str, count: int) -> str:
    """``text`` without its last ``count`` lines, which lie inside teaser blocks (other stories' headlines and
    ledes set after the story with no heading to name them), when they are less than half of it."""
    lines = [line for line in text.split("\n") if line.strip()]
    if count >= len(lines) or sum(map(len, lines[-count:])) * 2 >= sum(map(len, lines)):
        return text
    return normalize_text("\n".join(lines[:-count]))


def _without_signature(text: str, author_key: str) -> str:
    """``text`` without the lines that are the author's name; a signature in the story's last part closes it,
    and the few short lines after it (tags, a box of facts, an advertiser's contacts) go with it."""
    lines = text.split("\n")
    at = [i for i, line in enumerate(lines) if fold(line) == author_key]
    if not at or len(at) == len(lines):
        return text
    last = at[-1]
    after = lines[last + 1:]
    if after and last >= len(lines) // 2 and len(after) <= _AFTER_SIGNATURE_LINES and sum(
            map(len, after)) <= _AFTER_SIGNATURE_SHARE * len(text):
        lines = lines[:last + 1]
    signatures = set(at)
    # Its label alone on the line above ("Tác giả bài viết:" in the cell beside the name's) goes with it.
    signatures |= {i - 1 for i in at if i > 0 and is_byline_label(lines[i - 1])}
    return normalize_text("\n".join(line for i, line in enumerate(lines) if i not in signatures))


#: Lines after a closing signature, and their share of the text, that still go with it.
_AFTER_SIGNATURE_LINES = 8
_AFTER_SIGNATURE_SHARE = 0.3


def _not_heading(author: str | None) -> str | None:
    """``author`` unless it is a widget's heading set in bold or capitals under the story ("CÁC TIN KHÁC")."""
    return None if author and clean.is_heading_text(author) else author


def to_json(page: dict[str, Any]) -> str:
    """The record as JSON, dates in ISO 8601 (``2021-03-20T22:46:00+07:00``), non-ASCII kept."""
    def default(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.isoformat()
        raise TypeError(f"not JSON serialisable: {type(value).__name__}")

    return json.dumps(page, ensure_ascii=False, default=default)
