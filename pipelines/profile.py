"""Per-site profiles: what a site's own pages teach about its chrome and its article pages.

Pages of one site share a template. A block whose text recurs on many of the site's pages (menu, footer,
poll, counter, link list) is chrome whatever its wording, and so is a link-dense block that sits at the same
place of the template on many pages (a "most read" or related box whose headlines change). Article pages
share a URL shape. Copies of one page (the same story at several addresses) count once, pages typed neither
article nor listing (error, print and flood-control pages) teach no chrome, and a long prose block is chrome only
at the template place it was learnt at (a story's own paragraph shown elsewhere in a box of the template stays in
the story). :class:`ProfileLearner` collects this from the pages a crawl fetches; :class:`SiteProfile`
is the result, plain data (JSON under ``<state>/profiles/<site>.json``, picklable for worker processes), that
``extract_page(body, url, profile=...)`` applies. Nothing here imports Scrapy: extraction stays a pure
function of (bytes, URL, profile).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from pipelines.extract import clean
from pipelines.extract.normalize import normalize_line

#: Blocks whose text or place is learnt (large wrappers are left out: they hold the story).
BLOCK_TAGS = ("div", "ul", "ol", "table", "section", "aside", "nav", "header", "footer", "p", "td", "form")
#: A block is recurring chrome when seen on more than this share of the site's pages, and on MIN_PAGES of them.
MIN_SHARE = 0.5
MIN_PAGES = 3
#: A URL shape is an article shape (or a listing shape) when this share of its pages were of that type.
SHAPE_SHARE = 0.8
MAX_KEYS = 20_000  # per site: bounded memory whatever the crawl's size
#: Prose (a block of PROSE_CHARS characters or more, not link-dense) is chrome only at the place it was learnt at.
PROSE_CHARS = 100
PROFILE_VERSION = 2


def _key(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).hexdigest()


#: Text lengths of a block that can be learnt or matched.
MIN_TEXT, MAX_TEXT = 15, 3000
_NO_TEXT = ("script", "style")


def block_texts(root: lxml_html.HtmlElement) -> dict[lxml_html.HtmlElement, str]:
    """The text of every element under ``root`` whose text has MIN_TEXT to MAX_TEXT characters: its text nodes
    (not those of scripts and styles) joined by spaces, normalised. One pass from the leaves up, linear in the
    page (reading each block's subtree read a large wrapper's text once for every block inside it): the
    normalised text of nodes joined by spaces is the normalised texts of the nodes, those not empty, joined by
    one space."""
    known: dict[lxml_html.HtmlElement, tuple[int, str | None]] = {}  # element -> (length, text or None)
    texts: dict[lxml_html.HtmlElement, str] = {}
    for element in reversed(list(root.iter(etree.Element))):  # every element after (below) its descendants
        tag = element.tag
        if tag in _NO_TEXT:
            continue
        head = element.text  # most text nodes are the spaces between tags: they normalise to nothing
        head = normalize_line(head) if head and not head.isspace() else ""
        if not len(element):  # a leaf (most elements): its own text is all of it
            size = len(head)
            if size > MAX_TEXT:
                known[element] = (size, None)
            else:
                known[element] = (size, head)
                if size >= MIN_TEXT:
                    texts[element] = head
            continue
        parts: list[str] = [head] if head else []
        length, whole = len(head), True
        for child in element:
            entry = known.pop(child, None)
            if entry is not None and entry[0]:
                length += entry[0] + 1
                if entry[1] is None:
                    whole = False
                else:
                    parts.append(entry[1])
            tail = child.tail
            if tail and not tail.isspace():
                tail = normalize_line(tail)
                if tail:
                    parts.append(tail)
                    length += len(tail) + 1
        if not head and length:
            length -= 1
        text = " ".join(parts) if whole and length <= MAX_TEXT else None
        known[element] = (length, text)
        if text is not None and length >= MIN_TEXT:
            texts[element] = text
    return texts


def _place(element: lxml_html.HtmlElement) -> str:
    """Where a block sits in the template: its tag, class and id and those of its ancestors."""
    steps = []
    for node in (element, *element.iterancestors()):
        if node.tag in {"html", "body"}:
            break
        steps.append(f"{node.tag}.{(node.get('class') or '').strip()}#{node.get('id') or ''}")
    return "/".join(reversed(steps))


def _link_dense(element: lxml_html.HtmlElement, text: str) -> bool:
    """A block of three links or more whose link text is 60% of its ``text`` or more (a menu, a link list)."""
    links, chars = clean.link_text(element)
    return links >= 3 and chars >= 0.6 * max(1, len(text))


def _prose_key(element: lxml_html.HtmlElement, text: str) -> str:
    """``q:`` + hash of a prose block's text and its place (digits of classes and ids folded: ``post-123``)."""
    return "q:" + _key(element.tag, text, _DIGITS.sub("9", _place(element)))


def block_keys(tree: lxml_html.HtmlElement) -> dict[str, str]:
    """Keys of the page's blocks: ``t:`` + hash of the text (15-3000 characters), ``p:`` + hash of the
    place of each link-dense block, and ``q:`` + hash of the text and place of each prose block (PROSE_CHARS
    or more, not link-dense). Values say what the key stands for (for ``--explain``)."""
    keys: dict[str, str] = {}
    body = tree.find("body")
    texts = block_texts(body) if body is not None else {}
    for element in (body.iter(*BLOCK_TAGS) if body is not None else ()):
        text = texts.get(element)
        if text is None:
            continue
        keys["t:" + _key(element.tag, text)] = f"<{element.tag}> {text[:40]!r}"
        if _link_dense(element, text):
            keys["p:" + _key(_place(element))] = f"link block at {_place(element)[-60:]}"
        elif len(text) >= PROSE_CHARS:
            keys[_prose_key(element, text)] = "prose at its place"
    return keys


def page_keys(body: bytes, url: str = "") -> dict[str, str] | None:
    """:func:`block_keys` of a page's bytes, decoded and bounded as extraction does it (linear: no page costs
    minutes); None when there is nothing to parse. Crawls call it in the extraction worker, beside
    ``extract_page``, so the page is not parsed a second time on the reactor. The page is parsed as extraction
    parses it (comments dropped, so text around a comment is one text node): the keys learnt are the keys
    :func:`apply_profile` meets."""
    from pipelines.extract.bounds import bound_html
    from pipelines.extract.decode import decode_html
    from pipelines.extract.page import parse_html

    text, _ = bound_html(decode_html(body, None).text)
    if not text.strip():
        return None
    return block_keys(parse_html(text))


_DIGITS = re.compile(r"\d+")
_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def _word_shape(match: re.Match[str]) -> str:
    # a slug of several words (a headline, a section name) is not a single word ("trang", "page", "tag")
    return "w+" if "-" in match.group() else "w"


def url_shape(url: str) -> str:
    """A URL's shape: digits become 9, a word w, a hyphenated slug w+, separators and extensions kept
    ("/xa-hoi/khoi-cong-nha-ga-t3-20221224192522724.htm" -> "/w+/w+9-9.htm"; "/xa-hoi/trang-2.htm" ->
    "/w+/w-9.htm": an article and the section's second page differ)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    stem, dot, ext = path.rpartition(".") if re.search(r"\.[a-z]{2,5}$", path) else (path, "", "")
    shape = _WORDS.sub(_word_shape, _DIGITS.sub("9", stem)) + (dot + ext if dot else "")
    query = "&".join(sorted(k.split("=")[0] + "=" for k in parts.query.split("&") if k)) if parts.query else ""
    return shape + ("?" + query if query else "")


@dataclass
class SiteProfile:
    """What one site's pages taught: recurring block keys, and URL shapes of its articles and listings."""

    site: str
    pages: int = 0
    chrome: dict[str, str] = field(default_factory=dict)  # block key -> what it is
    article_shapes: list[str] = field(default_factory=list)
    listing_shapes: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps({"version": PROFILE_VERSION, "site": self.site, "pages": self.pages,
                           "chrome": self.chrome, "article_shapes": self.article_shapes,
                           "listing_shapes": self.listing_shapes}, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> SiteProfile:
        data = json.loads(text)
        return cls(site=data["site"], pages=int(data["pages"]), chrome=dict(data["chrome"]),
                   article_shapes=list(data["article_shapes"]), listing_shapes=list(data["listing_shapes"]))

    def shape_type(self, url: str) -> str | None:
        """``article`` or ``listing`` when the site's pages of this URL shape were (nearly) all of that type."""
        shape = url_shape(url)
        if shape in self.article_shapes:
            return "article"
        if shape in self.listing_shapes:
            return "listing"
        return None


@dataclass
class ProfileLearner:
    """Accumulates one site's block keys and URL shapes over the pages a crawl fetches."""

    site: str
    pages: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    meaning: dict[str, str] = field(default_factory=dict)
    shapes: dict[str, Counter[str]] = field(default_factory=dict)
    duplicates: int = 0  # pages whose blocks were all those of a page already counted
    others: int = 0  # pages typed neither article nor listing (error, print and search pages): no template
    seen: set[str] = field(default_factory=set)

    def observe(self, tree: lxml_html.HtmlElement, url: str, page_type: str | None = None) -> None:
        """Count one page's blocks (each key once per page) and, when known, its type under its URL shape."""
        self.observe_keys(block_keys(tree), url, page_type)

    def observe_keys(self, keys: dict[str, str], url: str, page_type: str | None = None) -> None:
        """:meth:`observe` from the page's :func:`block_keys` (worked out where the page was extracted).

        A page whose text blocks are exactly those of a page already counted (the same story or error page at
        another address, a mirror's twin copies) counts once: what recurs on copies of one page is that page's
        own text, not the site's chrome. A page typed neither article nor listing (an error or flood-control
        page, a print view, a form) counts toward URL shapes only: such pages seldom carry the site's template,
        and a mirror full of them would put its chrome under MIN_SHARE."""
        if page_type:
            self.shapes.setdefault(url_shape(url), Counter())[page_type] += 1
        if page_type not in (None, "article", "listing"):
            self.others += 1
            return
        fingerprint = _key(*sorted(k for k in keys if k.startswith("t:")))
        if fingerprint in self.seen:
            self.duplicates += 1
            return
        if len(self.seen) < MAX_KEYS:
            self.seen.add(fingerprint)
        self.pages += 1
        for key, what in keys.items():
            if key in self.counts or len(self.counts) < MAX_KEYS:
                self.counts[key] += 1
                self.meaning.setdefault(key, what)

    @property
    def fed(self) -> int:
        """Pages observed, duplicates and pages of other types included."""
        return self.pages + self.duplicates + self.others

    def observe_bytes(self, body: bytes, url: str, page_type: str | None = None) -> None:
        """:meth:`observe` on a page's bytes (decoded as extraction decodes them)."""
        keys = page_keys(body, url)
        if keys is not None:
            self.observe_keys(keys, url, page_type)

    def profile(self) -> SiteProfile:
        """The profile learnt so far (no chrome before MIN_PAGES pages)."""
        # more than half the pages, not half: a signature line on six of twelve stories is one writer's
        chrome = {k: self.meaning[k] for k, n in self.counts.items()
                  if n >= MIN_PAGES and n > MIN_SHARE * self.pages}
        article, listing = [], []
        for shape, types in self.shapes.items():
            total = sum(types.values())
            if total >= MIN_PAGES and types["article"] >= SHAPE_SHARE * total:
                article.append(shape)
            elif total >= MIN_PAGES and types["listing"] >= SHAPE_SHARE * total:
                listing.append(shape)
        return SiteProfile(self.site, self.pages, chrome, sorted(article), sorted(listing))


def profile_path(state: Path, site: str) -> Path:
    return Path(state) / "profiles" / f"{site}.json"


def save_profile(state: Path, profile: SiteProfile) -> Path:
    """Write ``<state>/profiles/<site>.json`` atomically (temporary file, fsync, rename)."""
    path = profile_path(state, profile.site)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(profile.to_json())
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    return path


def load_profile(state: Path, site: str) -> SiteProfile | None:
    """The site's saved profile, or None (missing or unreadable: generic rules only)."""
    path = profile_path(state, site)
    try:
        return SiteProfile.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def apply_profile(tree: lxml_html.HtmlElement, profile: SiteProfile, keep: lxml_html.HtmlElement | None = None,
                  removed: list[tuple[str, str]] | None = None) -> int:
    """Remove the blocks the profile knows as the site's chrome (never one holding ``keep``, the headline,
    nor the page's longest prose). Returns how many were removed; ``removed`` collects (key meaning, text)."""
    if not profile.chrome:
        return 0
    body = tree.find("body")
    if body is None:
        return 0
    count = 0
    # Texts are read before anything is removed: blocks come in document order, and removing one changes
    # the text of no block met after it (only its ancestors' and earlier siblings').
    texts = block_texts(body)
    guard = clean.protected(keep)  # no removal below changes it
    attached = clean.Attachment(body)
    for element in list(body.iter(*BLOCK_TAGS)):
        text = texts.get(element)
        if text is None or element in guard:
            continue
        if not attached(element):
            continue  # already removed with an ancestor
        dense = _link_dense(element, text)
        hit = profile.chrome.get("t:" + _key(element.tag, text))
        if hit is not None and not dense and len(text) >= PROSE_CHARS \
                and _prose_key(element, text) not in profile.chrome:
            # Prose seen elsewhere on the site's pages but not at this place: a story's own paragraph that a box
            # of the template also shows (the latest story's sapo on every page), not the site's chrome.
            hit = None
        if hit is None and dense:
            hit = profile.chrome.get("p:" + _key(_place(element)))
        if hit is None:
            continue
        if removed is not None:
            removed.append((f"site profile ({hit})", text[:90]))
        element.drop_tree()
        attached.forget()
        count += 1
    return count


def learn_profiles(pages: list[tuple[str, bytes, str, str | None]]) -> dict[str, SiteProfile]:
    """Profiles of several sites from (site, body, url, page type) tuples: what a crawl would learn."""
    learners: dict[str, ProfileLearner] = {}
    for site, body, url, page_type in pages:
        learners.setdefault(site, ProfileLearner(site)).observe_bytes(body, url, page_type)
    return {site: learner.profile() for site, learner in learners.items()}


def as_dict(profile: SiteProfile | None) -> dict[str, Any] | None:
    """The profile as plain data (for logs and manifests)."""
    if profile is None:
        return None
    return {"site": profile.site, "pages": profile.pages, "chrome_blocks": len(profile.chrome),
            "article_shapes": profile.article_shapes, "listing_shapes": profile.listing_shapes}


#: A crawl learns from the first LEARN_PAGES pages of each site (bounded cost: one extra parse per page),
#: and rebuilds the site's profile every REFRESH_EVERY pages of them.
LEARN_PAGES = 200
REFRESH_EVERY = 20


class ProfileBook:
    """The crawl's profiles, one per site: loaded from ``<state>/profiles/`` at start, refined from the pages
    the crawl fetches, saved back at the end. The crawl-side hook of :class:`pipelines.steps.ExtractPipeline`."""

    def __init__(self, state: Path | None) -> None:
        self.state = Path(state) if state else None
        self.learners: dict[str, ProfileLearner] = {}
        self.profiles: dict[str, SiteProfile | None] = {}

    def get(self, site: str | None) -> SiteProfile | None:
        """The site's profile for extraction (None until one was saved or learnt)."""
        if not site:
            return None
        if site not in self.profiles:
            self.profiles[site] = load_profile(self.state, site) if self.state else None
        return self.profiles[site]

    def learning(self, site: str | None) -> bool:
        """Whether the crawl still learns from ``site``'s pages (its first LEARN_PAGES)."""
        return bool(site) and (site not in self.learners or self.learners[site].fed < LEARN_PAGES)

    def observe(self, site: str | None, body: bytes, url: str, page_type: str | None,
                keys: dict[str, str] | None = None) -> None:
        """Learn from one fetched page of ``site`` (until LEARN_PAGES pages); ``keys`` are its
        :func:`page_keys` when the extraction worker worked them out, else they are worked out here."""
        if not site:
            return
        learner = self.learners.setdefault(site, ProfileLearner(site))
        if learner.fed >= LEARN_PAGES:
            return
        try:
            if keys is None:
                learner.observe_bytes(body, url, page_type)
            else:
                learner.observe_keys(keys, url, page_type)
        except (ValueError, TypeError, etree.LxmlError):  # unparsable page: nothing to learn
            return
        if learner.fed % REFRESH_EVERY == 0:
            self._refresh(site, learner)

    def _refresh(self, site: str, learner: ProfileLearner) -> None:
        learnt = learner.profile()
        saved = self.get(site)
        # A new crawl's first pages do not replace what a longer earlier crawl learnt.
        if saved is None or learnt.pages >= saved.pages or learnt.pages >= LEARN_PAGES:
            self.profiles[site] = learnt

    def save(self) -> list[Path]:
        """Write every profile learnt in this crawl under ``<state>/profiles/``."""
        written = []
        for site, learner in self.learners.items():
            self._refresh(site, learner)
            profile = self.profiles.get(site)
            if self.state is not None and profile is not None and profile.pages >= MIN_PAGES:
                written.append(save_profile(self.state, profile))
        return written
