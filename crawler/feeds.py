"""Links from sitemaps, RSS and Atom feeds, parsed without entities, DTDs or network access."""

from __future__ import annotations

from lxml import etree
from scrapy.utils.sitemap import Sitemap

#: Largest feed or sitemap parsed (bytes); bigger ones are refused rather than parsed.
MAX_FEED_BYTES = 20 * 1024 * 1024


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           recover=True, remove_comments=True, remove_pis=True)


def feed_links(body: bytes) -> tuple[list[str], list[str]]:
    """Return ``(page_urls, sitemap_urls)`` found in a sitemap, sitemap index, RSS or Atom document."""
    pages, sitemaps = feed_entries(body)
    return list(pages), sitemaps


def feed_entries(body: bytes) -> tuple[dict[str, str | None], list[str]]:
    """Like :func:`feed_links`, with each page's sitemap ``<lastmod>`` text (None when it has none)."""
    if not body or len(body) > MAX_FEED_BYTES:
        return {}, []
    try:
        root = etree.fromstring(body, parser=_safe_parser())
    except (etree.XMLSyntaxError, ValueError):
        return {}, []
    if root is None:
        return {}, []
    tag = etree.QName(root).localname.lower()
    if tag == "sitemapindex":
        return {}, [entry["loc"] for entry in Sitemap(body) if entry.get("loc")]
    if tag == "urlset":
        return {entry["loc"]: entry.get("lastmod") for entry in Sitemap(body) if entry.get("loc")}, []
    links: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el).localname.lower()
        if name == "link":
            href = el.get("href") or (el.text or "").strip()
            rel = el.get("rel", "alternate")
            if href and rel == "alternate":
                links.append(href.strip())
        elif name == "guid" and el.get("isPermaLink", "true") == "true" and (el.text or "").startswith("http"):
            links.append(el.text.strip())
    return dict.fromkeys(links), []
