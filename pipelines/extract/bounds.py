"""What lxml is given: HTML bounded in size, tags and attributes, in linear time (no Scrapy, no trafilatura:
the crawl process bounds pages it reads links from without loading the extractor)."""

from __future__ import annotations

import re

#: Decoded HTML beyond this many characters is cut before parsing (bounded cost; trafilatura#704).
MAX_HTML_CHARS = 1_500_000
#: ... and beyond this many start tags (the largest real pages we have seen hold under 2,000; every element
#: costs time in every step after parsing).
MAX_TAGS = 10_000
#: A start tag with more attributes than this keeps only its name: libxml2 checks each attribute against the
#: earlier ones, so 100,000 attributes on one tag cost minutes.
MAX_ATTRIBUTES = 256

#: Elements dropped whole before a long page is cut: their content is never text.
_HEAVY_OPEN = re.compile(r"<(script|style|svg|noscript)\b|<!--", re.I)
_HEAVY_CLOSE = {name: re.compile(rf"</{name}\s*>", re.I) for name in ("script", "style", "svg", "noscript")}
_HEAVY_CLOSE["!--"] = re.compile(r"-->")
_DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]{200,}")
_BLOCK_END = re.compile(r"</(?:p|div|td|tr|table|li|ul|ol|h[1-6]|section|article|blockquote)\s*>", re.I)


def drop_heavy(html: str) -> str:
    """``html`` without scripts, styles, comments, inline SVG and noscript blocks, in one linear pass.

    Each closing tag is searched once from where the previous search of its kind started, and a search that
    finds none is remembered: an unclosed ``<script>`` (or 100,000 of them) costs one scan, never one scan per
    opening tag as a lazy ``.*?`` does. An element without its closing tag is left as it is."""
    pieces: list[str] = []
    at = 0
    next_close: dict[str, tuple[int, int] | None] = {}  # kind -> (start, end) of the next closing tag
    for opening in _HEAVY_OPEN.finditer(html):
        if opening.start() < at:
            continue
        kind = (opening.group(1) or "!--").lower()
        known = next_close.get(kind, (-1, -1))
        if known is not None and known[0] < opening.end():
            found = _HEAVY_CLOSE[kind].search(html, opening.end())
            known = next_close[kind] = (found.start(), found.end()) if found else None
        if known is None:
            continue  # unclosed: nothing of this kind closes after here
        pieces.append(html[at:opening.start()])
        pieces.append(" ")
        at = known[1]
    pieces.append(html[at:])
    return "".join(pieces)


_START_TAG = re.compile(r"<[A-Za-z]")
#: A start tag of 10,000 characters or more (possessive name: no backtracking into it).
_LONG_TAG = re.compile(r"<([A-Za-z][\w:-]*+)([^<>]{10000,})")


def _nth_tag_end(html: str, n: int) -> int | None:
    """Offset of the ``n``-th start tag, or None when there are fewer."""
    for i, match in enumerate(_START_TAG.finditer(html)):
        if i == n:
            return match.start()
    return None


def _strip_crowded_tag(match: re.Match[str]) -> str:
    return f"<{match[1]}" if match[2].count("=") > MAX_ATTRIBUTES else match[0]


def bound_html(html: str) -> tuple[str, bool]:
    """``html`` made cheap to parse, and whether it was shrunk (flag ``truncated``): tags with more than
    MAX_ATTRIBUTES attributes lose them, and a page over MAX_HTML_CHARS characters or MAX_TAGS start tags
    goes through :func:`shrink_html`. Linear in ``html``; typical pages come back unchanged."""
    if _LONG_TAG.search(html):
        html = _LONG_TAG.sub(_strip_crowded_tag, html)
    if len(html) <= MAX_HTML_CHARS and html.count("<") <= MAX_TAGS:
        return html, False
    shrunk, cut = _shrink(html, MAX_HTML_CHARS, MAX_TAGS)
    return shrunk, cut or len(html) > MAX_HTML_CHARS  # flagged as before: a page over the size limit


def shrink_html(html: str, limit: int = MAX_HTML_CHARS, max_tags: int = MAX_TAGS) -> str:
    """Bound the HTML given to lxml and trafilatura: drop scripts, styles, comments, inline SVG and base64
    data first, then cut after the last block that ends within ``limit`` characters and ``max_tags`` start
    tags. Linear in ``html``."""
    return _shrink(html, limit, max_tags)[0]


def _shrink(html: str, limit: int, max_tags: int) -> tuple[str, bool]:
    """:func:`shrink_html`, and whether the end of the page was cut."""
    html = _DATA_URI.sub("data:,", drop_heavy(html))
    if html.count("<") > max_tags:
        limit = min(limit, _nth_tag_end(html, max_tags) or limit)
    if len(html) <= limit:
        return html, False
    cut = None
    for match in _BLOCK_END.finditer(html, max(0, limit - 200_000), limit):
        cut = match.end()
    return html[:cut or limit], True
