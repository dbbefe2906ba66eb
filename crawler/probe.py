"""``congdoan probe URL``: what a crawl of a new site would meet, and a registry entry to paste.

Fetches the start URL (following and reporting redirects), robots.txt, sitemaps and feeds, and a few listings
and articles, politely (one request at a time, a delay between requests, a bounded number of requests, robots.txt
obeyed). Prints the redirects and the scope they imply, cookie challenges met and solved, CMS hints, sitemap and
feed counts, each sampled page's type with its extracted title, date, author and first lines, and a ready
registry entry. ``--save DIR`` writes each sampled page as the site served it (``NAME.html``) with draft gold
labels (``NAME.json``) for ``tests/real_pages/``, to be checked by hand.
"""

from __future__ import annotations

import json
import re
import ssl
import time
import unicodedata
import urllib.error
import urllib.request
import urllib.robotparser
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import yaml
from lxml import etree

from crawler.challenge import read_challenge
from crawler.feeds import feed_links
from crawler.provinces import normalize_province
from crawler.redirects import twin_origin
from crawler.registry import NATIONAL, redact_url
from pipelines.extract import extract_page
from pipelines.extract.decode import decode_html
from pipelines.urls import origin, url_key

USER_AGENT = "congdoan-corpus/0.1 (research crawler of Vietnamese trade-union news)"
#: Largest body read per request (bytes).
MAX_BODY = 8 * 1024 * 1024
ENTRY_BEGIN = "# --- registry entry (paste under `sites:` in crawler/sites.yaml) ---"
ENTRY_END = "# --- end of registry entry ---"

#: Marks of CMS families in a page or its headers: (hint, regex over the first 200 KB and the headers).
CMS_MARKS = [
    ("WordPress", r"wp-content/|wp-includes/|<meta name=.generator. content=.WordPress"),
    ("Joomla", r"/components/com_|<meta name=.generator. content=.Joomla|/media/jui/"),
    ("Joomla K2", r"/component/k2/|/components/com_k2/|itemlist/category"),
    ("NukeViet", r"NukeViet|nv_base_siteurl|/themes/[a-z0-9_-]+/js/|/vi/news/"),
    ("Liferay", r"Liferay|/web/guest/|journal-content-article|portlet-boundary"),
    ("ASP.NET", r"__VIEWSTATE|\.aspx\b|X-AspNet-Version|ASP\.NET"),
    ("Drupal", r"Drupal\.settings|/sites/default/files/|<meta name=.Generator. content=.Drupal"),
    ("3cms portal", r"/3cms/"),
    ("SharePoint", r"/_layouts/|/Trang/[^\"']+\.aspx|MicrosoftSharePoint"),
    ("laodong.vn newspaper", r"\.ldo\b|laodong\.vn"),
    ("VGCL portal (.tld)", r"-\d+\.tld\b"),
]
_PAGINATION = [r"[?&]page=\d+", r"/page/\d+/?$", r"/page-\d+/?$", r"/trang-\d+", r"[?&]p=\d+$", r"[?&]start=\d+"]
_NUMBERED = re.compile(r"^(?P<stem>.*?[^\d])?(?P<num>\d+)(?P<ext>\.[a-z0-9]{2,5})?$")


@dataclass
class Fetched:
    """One URL as the probe met it."""

    url: str
    final_url: str = ""
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    redirects: list[tuple[str, int, str]] = field(default_factory=list)
    challenge: str | None = None  # "solved", "blocked"
    error: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.error is None and self.challenge != "blocked"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Prober:
    """A polite one-site HTTP client: one request at a time, ``delay`` between them, at most ``budget``."""

    def __init__(self, *, budget: int = 20, delay: float = 1.0, timeout: float = 30.0, proxy: str | None = None,
                 user_agent: str = USER_AGENT) -> None:
        self.budget, self.delay, self.timeout, self.user_agent = budget, delay, timeout, user_agent
        self.used = 0
        self.cookies: dict[str, dict[str, str]] = {}  # per origin, never printed
        self.challenges = Counter[str]()
        self._last = 0.0
        # Like the crawler (Scrapy does not verify certificates): provincial portals often serve broken chains.
        unverified = ssl._create_unverified_context()
        handlers: list[Any] = [_NoRedirect(), urllib.request.HTTPSHandler(context=unverified)]
        if proxy:
            handlers.append(urllib.request.ProxyHandler({"http": proxy, "https": proxy}))
        self.opener = urllib.request.build_opener(*handlers)

    @property
    def left(self) -> int:
        return self.budget - self.used

    def _one(self, url: str) -> Fetched:
        wait = self._last + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self.used += 1
        jar = self.cookies.setdefault(origin(url), {})
        headers = {"User-Agent": self.user_agent,
                   "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*"}
        if jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
        fetched = Fetched(url, final_url=url)
        start = time.monotonic()
        try:
            with self.opener.open(urllib.request.Request(url, headers=headers), timeout=self.timeout) as response:
                fetched.status, fetched.body = response.status, response.read(MAX_BODY)
                fetched.headers = {k.lower(): v for k, v in response.headers.items()}
                raw_cookies = response.headers.get_all("Set-Cookie") or []
        except urllib.error.HTTPError as exc:
            fetched.status, fetched.body = exc.code, exc.read(MAX_BODY) if exc.fp else b""
            fetched.headers = {k.lower(): v for k, v in (exc.headers or {}).items()}
            raw_cookies = exc.headers.get_all("Set-Cookie") or [] if exc.headers else []
        except (urllib.error.URLError, OSError, ValueError) as exc:
            fetched.error = str(getattr(exc, "reason", exc)) or type(exc).__name__
            raw_cookies = []
        fetched.seconds = time.monotonic() - start
        self._last = time.monotonic()
        for raw in raw_cookies:
            cookie = SimpleCookie()
            try:
                cookie.load(raw)
            except Exception:  # noqa: BLE001 - a malformed Set-Cookie is skipped, as browsers do
                continue
            jar.update({k: m.value for k, m in cookie.items()})
        return fetched

    def get(self, url: str, *, follow: bool = True) -> Fetched:
        """GET ``url``, answering a cookie stub once and following up to 5 redirects (each reported)."""
        redirects: list[tuple[str, int, str]] = []
        current = url
        for _ in range(6):
            if self.left <= 0:
                return Fetched(url, error="request budget spent", redirects=redirects)
            fetched = self._one(current)
            challenge = read_challenge(fetched.body, current) if fetched.error is None else None
            if challenge is not None:
                self.challenges["met"] += 1
                if challenge.solvable and self.left > 0:
                    self.cookies.setdefault(origin(current), {}).update({n: v for n, v, _ in challenge.cookies})
                    fetched = self._one(current)
                    if read_challenge(fetched.body, current) is None:
                        self.challenges["solved"] += 1
                        fetched.challenge = "solved"
                    else:
                        fetched.challenge = "blocked"
                else:
                    fetched.challenge = "blocked"
                if fetched.challenge == "blocked":
                    self.challenges["blocked"] += 1
            location = fetched.headers.get("location")
            if follow and fetched.status in (301, 302, 303, 307, 308) and location:
                target = urljoin(current, location)
                redirects.append((current, fetched.status, target))
                current = target
                continue
            fetched.url, fetched.final_url, fetched.redirects = url, current, redirects
            return fetched
        return Fetched(url, final_url=current, error="more than 5 redirects", redirects=redirects)


# -- reading what was fetched ------------------------------------------------------------------------------

def cms_hints(fetched: Fetched) -> list[str]:
    """CMS families whose marks appear in the page or its headers."""
    text = fetched.body[:200_000].decode("utf-8", "replace") + "\n" + "\n".join(
        f"{k}: {v}" for k, v in fetched.headers.items())
    hints = [name for name, pattern in CMS_MARKS if re.search(pattern, text, re.IGNORECASE)]
    generator = re.search(r"<meta[^>]+name=[\"']generator[\"'][^>]+content=[\"']([^\"']{1,60})", text, re.I)
    if generator:
        hints.append(f"generator: {generator.group(1)}")
    if powered := fetched.headers.get("x-powered-by"):
        hints.append(f"X-Powered-By: {powered[:60]}")
    return hints


def _tree(fetched: Fetched) -> Any:
    try:
        return lxml.html.document_fromstring(fetched.body)
    except (etree.ParserError, ValueError):
        return None


def page_links(fetched: Fetched) -> list[str]:
    """Absolute http(s) links of an HTML page, in page order, without fragments, once each."""
    tree = _tree(fetched)
    if tree is None:
        return []
    seen: dict[str, None] = {}
    for href in tree.xpath("//a/@href"):
        href = str(href).strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = urljoin(fetched.final_url, href).split("#", 1)[0]
        if urlsplit(url).scheme in ("http", "https"):
            seen.setdefault(url, None)
    return list(seen)


def feed_hrefs(fetched: Fetched) -> list[str]:
    """RSS/Atom feeds a page announces with ``<link rel="alternate">``."""
    tree = _tree(fetched)
    if tree is None:
        return []
    hrefs = tree.xpath("//link[@rel='alternate'][contains(@type,'rss') or contains(@type,'atom')]/@href")
    return list(dict.fromkeys(urljoin(fetched.final_url, str(h).strip()) for h in hrefs))


def url_pattern(url: str) -> str:
    """A registry regex for URLs shaped like ``url``: the path's words kept, numbers and slugs generalised
    (``/tin-tuc/le-ky-niem-123.html`` -> ``/tin-tuc/[^/?#]+-\\d+\\.html$``)."""
    parts = urlsplit(url)
    params = [p.split("=", 1)[0] for p in parts.query.split("&") if p]
    idlike = [p for p in params if p.lower().endswith("id") or p.lower() in ("art", "sid", "p")]
    if idlike:  # the query selects the story: the path is the script's name
        return (re.escape(parts.path) + r"\?(.*&)?" + re.escape(idlike[0]) + r"=\d+").replace("\\-", "-")
    segments = parts.path.split("/")
    last_index = max((i for i, seg in enumerate(segments) if seg), default=len(segments) - 1)
    out = []
    for i, segment in enumerate(segments):
        last = i == last_index
        match = _NUMBERED.match(segment)
        if match and (len(match.group("num")) >= 2 or segment.isdigit()):
            stem = match.group("stem") or ""
            sep = stem[-1] if stem and stem[-1] in "-_/." else ""
            body = ("[^/?#]+" + re.escape(sep)) if stem else ""
            out.append(body + r"\d+" + re.escape(match.group("ext") or ""))
        elif last and "." in segment:
            out.append(r"[^/?#]+" + re.escape(segment[segment.rindex("."):]))
        elif last and segment and "-" in segment:
            out.append(r"[^/?#]+")
        else:
            out.append(re.escape(segment))
    return "/".join(out).replace("\\-", "-") + (r"(\?|$)" if parts.query else "$")


def _score(url: str) -> tuple[int, int, int]:
    """How much ``url`` looks like an article address (numbers, long slugs, depth)."""
    path = urlsplit(url).path
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return (int(bool(re.search(r"\d{3,}", last + urlsplit(url).query))), last.count("-"), path.count("/"))


def _slug_for(url: str) -> str:
    host = (urlsplit(url).hostname or "site").lower()
    for prefix in ("www.", "m."):
        host = host.removeprefix(prefix)
    labels = [label for label in host.split(".") if label not in ("vn", "com", "org", "gov", "net", "edu", "info")]
    slug = re.sub(r"[^a-z0-9_-]+", "-", "-".join(labels or ["site"])).strip("-")
    port = urlsplit(url).port
    if port and port not in (80, 443):
        slug += f"-{port}"
    return slug[:63] or "site"


def _site_name(fetched: Fetched) -> str:
    tree = _tree(fetched)
    if tree is None:
        return urlsplit(fetched.final_url).hostname or "?"
    names = tree.xpath("//meta[@property='og:site_name']/@content") or tree.xpath("//title/text()")
    name = " ".join(str(names[0]).split()) if names else ""
    parts = [p.strip() for p in re.split(r"\s+[-|–—]\s+", name) if p.strip()]
    return (max(parts, key=len) if parts else "") or (urlsplit(fetched.final_url).hostname or "?")


def _province(name: str) -> str | None:
    words = name.split()
    for size in (4, 3, 2):
        for i in range(len(words) - size + 1):
            if found := normalize_province(" ".join(words[i:i + size])):
                return found
    return None


# -- the probe ---------------------------------------------------------------------------------------------

@dataclass
class Sample:
    """One sampled page and what the extractor makes of it."""

    fetched: Fetched
    record: dict[str, Any]


@dataclass
class ProbeReport:
    """Everything the probe found, ready to print."""

    url: str
    start: Fetched
    site_url: str = ""
    scope_notes: list[str] = field(default_factory=list)
    extra_origins: list[str] = field(default_factory=list)
    robots: str = ""
    sitemaps: dict[str, tuple[int, int]] = field(default_factory=dict)  # url -> (pages, child sitemaps)
    feeds: dict[str, int] = field(default_factory=dict)
    cms: list[str] = field(default_factory=list)
    start_type: str | None = None
    samples: list[Sample] = field(default_factory=list)
    pagination: list[str] = field(default_factory=list)
    entry: dict[str, Any] = field(default_factory=dict)
    challenges: dict[str, int] = field(default_factory=dict)
    requests: int = 0


def section_of(url: str) -> str | None:
    """The first path segment of ``url`` (``cong-doan`` for ``https://laodong.vn/cong-doan/``), if any."""
    first = urlsplit(url).path.strip("/").split("/", 1)[0]
    return first or None


def section_deny(section: str) -> str:
    """A deny pattern keeping a crawl inside one section (plus robots.txt) of a larger site."""
    name = re.escape(section).replace("\\-", "-")
    return rf"^https?://[^/]+/(?!{name}(/|\?|$)|robots\.txt$)"


def probe(url: str, *, budget: int = 20, samples: int = 5, delay: float = 1.0, timeout: float = 30.0,
          proxy: str | None = None, slug: str | None = None, name: str | None = None,
          province: str | None = None, section: bool = False) -> ProbeReport:
    """Probe one site from ``url`` (see the module docstring); never more than ``budget`` requests. With
    ``section``, only the start URL's first path segment is the site (a newspaper's union section)."""
    client = Prober(budget=budget, delay=delay, timeout=timeout, proxy=proxy)
    start = client.get(url)
    report = ProbeReport(url, start)
    site_url = start.final_url if start.ok else url
    report.site_url = site_url
    for source, status, target in start.redirects:
        if origin(target) == origin(source):
            report.scope_notes.append(f"{source} -> {status} {target}: same origin")
        elif twin_origin(source, target):
            report.scope_notes.append(f"{source} -> {status} {target}: the same site under another door; a crawl "
                                      f"from {url} extends its scope to it (start URL below is the final one)")
        else:
            report.scope_notes.append(f"{source} -> {status} {target}: another site; the entry below starts at "
                                      f"the final URL (or keep {url} and add extra_origins: "
                                      f"['{target.split('/', 3)[0]}//{urlsplit(target).netloc}'])")
    if not start.ok:
        report.challenges = dict(client.challenges)
        report.requests = client.used
        return report
    site_origin = origin(site_url)

    part = section_of(site_url) if section else None

    def in_site(link: str) -> bool:
        return origin(link) == site_origin and (part is None or section_of(link) == part)

    report.cms = cms_hints(start)
    start_record = extract_page(start.body, site_url, content_type=start.headers.get("content-type"))
    report.start_type = start_record.get("page_type")

    base = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    robots_fetch = client.get(f"{base}/robots.txt", follow=True)
    rules = urllib.robotparser.RobotFileParser()
    sitemap_urls: list[str] = []
    if robots_fetch.ok:
        rules.parse(robots_fetch.body.decode("utf-8", "replace").splitlines())
        sitemap_urls = list(rules.site_maps() or [])
        report.robots = f"robots.txt: {len(robots_fetch.body)} bytes, {len(sitemap_urls)} sitemap(s) listed"
    else:
        rules.parse([])
        report.robots = f"robots.txt: {robots_fetch.error or robots_fetch.status} (everything allowed)"

    candidates: list[str] = []
    for sitemap in sitemap_urls[:2]:
        if client.left <= samples:
            break
        fetched = client.get(sitemap)
        pages, children = feed_links(fetched.body) if fetched.ok else ([], [])
        if children and client.left > samples:
            child = client.get(children[0])
            child_pages, _ = feed_links(child.body) if child.ok else ([], [])
            report.sitemaps[children[0]] = (len(child_pages), 0)
            pages = child_pages
        report.sitemaps[sitemap] = (len(pages), len(children))
        candidates += [p for p in pages if in_site(p)]
    for feed in feed_hrefs(start)[:2]:
        if client.left <= samples:
            break
        fetched = client.get(feed)
        pages, _ = feed_links(fetched.body) if fetched.ok else ([], [])
        report.feeds[feed] = len(pages)
        candidates += [p for p in pages if in_site(p)]

    links = [link for link in page_links(start) if in_site(link)]
    report.pagination = sorted({p for p in _PAGINATION for link in links if re.search(p, link)})
    # sample: feed/sitemap URLs first, then the start page's links, best article-looking shape first
    ranked = list(dict.fromkeys(candidates)) + sorted(links, key=_score, reverse=True)
    seen_keys: set[str] = {url_key(site_url)}
    shapes: Counter[str] = Counter()
    for link in ranked:
        if len(report.samples) >= samples or client.left <= 0:
            break
        key, shape = url_key(link), url_pattern(link)
        if key in seen_keys or shapes[shape] >= 2 or not rules.can_fetch(USER_AGENT, link):
            continue
        seen_keys.add(key)
        shapes[shape] += 1
        fetched = client.get(link)
        if not fetched.ok or not in_site(fetched.final_url):
            continue
        record = extract_page(fetched.body, fetched.final_url, content_type=fetched.headers.get("content-type"))
        report.samples.append(Sample(fetched, record))

    report.challenges = dict(client.challenges)
    report.requests = client.used
    report.entry = _entry(report, site_url, sitemap_urls, slug=slug, name=name, province=province, proxy=proxy,
                          deny=[section_deny(part)] if part else [],
                          slow=max([start.seconds, *(s.fetched.seconds for s in report.samples)]))
    return report


def _entry(report: ProbeReport, site_url: str, sitemap_urls: list[str], *, slug: str | None, name: str | None,
           province: str | None, proxy: str | None, slow: float, deny: list[str]) -> dict[str, Any]:
    site_name = name or _site_name(report.start)
    entry: dict[str, Any] = {"slug": slug or _slug_for(site_url), "name": site_name,
                             "province": province or _province(site_name) or NATIONAL,
                             "start_urls": [site_url]}
    articles = [s for s in report.samples if s.record.get("page_type") == "article"]
    others = [s.fetched.final_url for s in report.samples if s.record.get("page_type") != "article"]
    patterns = []
    for sample in articles:
        pattern = url_pattern(sample.fetched.final_url)
        if pattern not in patterns and not any(re.search(pattern, u) for u in [*others, site_url]):
            patterns.append(pattern)
    if patterns:
        entry["article_patterns"] = patterns
    if report.pagination:
        entry["listing_patterns"] = report.pagination
    if deny:
        entry["deny_patterns"] = deny
    elsewhere = [u for u in sitemap_urls if origin(u) != origin(site_url)]
    if elsewhere:
        entry["sitemap_urls"] = elsewhere
    if report.feeds:
        entry["feed_urls"] = [u for u, n in report.feeds.items() if n]
        if not entry["feed_urls"]:
            del entry["feed_urls"]
    if slow > 10:
        entry["download_timeout"] = min(120, int(slow * 3))
    if proxy:
        entry["proxy"] = redact_url(proxy)
    return entry


def _first_lines(text: str | None, lines: int = 2, width: int = 110) -> list[str]:
    out = []
    for line in (text or "").split("\n")[:lines]:
        out.append(line if len(line) <= width else line[: width - 1] + "…")
    return out


def format_report(report: ProbeReport) -> str:
    """The report for people, ending with the registry entry between ENTRY_BEGIN and ENTRY_END."""
    lines = [f"probe of {report.url}"]
    start = report.start
    if start.error or start.status != 200 or start.challenge == "blocked":
        reason = start.error or ("challenge page that needs a browser or a person" if start.challenge == "blocked"
                                 else f"HTTP {start.status}")
        lines.append(f"start URL not readable: {reason}")
    lines.append("redirects: " + ("none" if not start.redirects else ""))
    lines += [f"  {note}" for note in report.scope_notes]
    lines.append(f"scope: {origin(report.site_url)}")
    c = report.challenges
    lines.append(f"challenges: met {c.get('met', 0)}, solved {c.get('solved', 0)}, blocked {c.get('blocked', 0)}")
    if start.ok:
        lines.append(f"start page: {report.start_type}, {len(start.body)} bytes in {start.seconds:.1f} s")
        lines.append("CMS hints: " + (", ".join(report.cms) or "none"))
        lines.append(report.robots)
        for url, (pages, children) in report.sitemaps.items():
            more = f", {children} child sitemap(s)" if children else ""
            lines.append(f"sitemap {url}: {pages} page(s){more}")
        for url, items in report.feeds.items():
            lines.append(f"feed {url}: {items} item(s)")
        if not report.sitemaps and not report.feeds:
            lines.append("sitemaps and feeds: none found")
        lines.append(f"sampled pages ({len(report.samples)}):")
        for sample in report.samples:
            r = sample.record
            lines.append(f"  [{r.get('page_type')}] {sample.fetched.final_url}")
            if r.get("page_type") == "article":
                published = r.get("published_at")
                lines.append(f"      title:  {r.get('title')}")
                lines.append(f"      date:   {published.isoformat() if published else None}   "
                             f"author: {r.get('author')}")
                lines += [f"      | {line}" for line in _first_lines(r.get("text"))]
    lines.append(f"requests: {report.requests}")
    if report.entry:
        lines += ["", ENTRY_BEGIN,
                  yaml.safe_dump([report.entry], allow_unicode=True, sort_keys=False, width=1000).rstrip(),
                  ENTRY_END]
        if "proxy" in report.entry:
            lines.append("(the proxy password is shown as ***: put it back, or use the http_proxy variable)")
        if report.entry["province"] == NATIONAL:
            lines.append(f"(province: no province name found in the site's name; '{NATIONAL}' means national: "
                         "correct it for a provincial federation)")
    return "\n".join(lines)


def entry_from_output(text: str) -> dict[str, Any]:
    """The registry entry printed by ``format_report`` (for tests and scripts)."""
    block = text.split(ENTRY_BEGIN, 1)[1].split(ENTRY_END, 1)[0]
    return yaml.safe_load(block)[0]


#: Elements that start and end a text block (and ``<br>``, which ends one).
_BLOCKS = {"address", "article", "aside", "blockquote", "body", "br", "center", "dd", "div", "dl", "dt",
           "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html",
           "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul"}


def page_blocks(body: bytes, content_type: str | None = None) -> tuple[str | None, list[str]]:
    """The page's headline (first ``<h1>``, else ``og:title``) and its text blocks in page order (block
    elements and ``<br>`` separate them), chrome included, without any extraction rule: what a labeller picks
    the story's paragraphs from."""
    try:
        text = re.sub(r"^\s*<\?xml[^>]*>", "", decode_html(body, content_type).text)
        tree = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None, []
    for element in tree.xpath("//script|//style|//noscript|//template|//head"):
        element.drop_tree()
    h1 = [" ".join(e.text_content().split()) for e in tree.iter("h1")]
    og = tree.xpath("//meta[@property='og:title']/@content")
    title = next((t for t in h1 if t), None) or (" ".join(str(og[0]).split()) if og else None)
    blocks: list[str] = []
    run: list[str] = []

    def flush() -> None:
        line = unicodedata.normalize("NFC", " ".join("".join(run).split()))
        run.clear()
        if line and line not in blocks:
            blocks.append(line)

    for event, element in etree.iterwalk(tree, events=("start", "end")):
        block = isinstance(element.tag, str) and element.tag in _BLOCKS
        if event == "start":
            if block:
                flush()
            if isinstance(element.tag, str) and element.text:
                run.append(element.text)
        else:
            if block:
                flush()
            if element.tail:
                run.append(element.tail)
    flush()
    return title, blocks


def save_samples(report: ProbeReport, out: Path) -> list[Path]:
    """Write each sampled page (``NAME.html``, the bytes as served) and its draft gold (``NAME.json``).

    The draft is made without our extractor, so that gold written from it does not inherit our rules: the
    headline as the page marks it, every text block of the page in order (the labeller keeps the story's
    paragraphs and deletes the rest), the date from the page's own metadata; lead, author and forbidden are
    left for the labeller."""
    out.mkdir(parents=True, exist_ok=True)
    slug = report.entry.get("slug") or _slug_for(report.site_url)
    written = []
    today = datetime.now(UTC).date().isoformat()
    for i, sample in enumerate(report.samples, start=1):
        stem = f"{slug}-{i:02d}"
        page_type = sample.record.get("page_type")
        gold: dict[str, Any] = {
            "draft": "made by `congdoan probe`: page_type is our extractor's guess; paragraphs are ALL the page's "
                     "text blocks. Check every field against the page by hand (tests/real_pages/README.md), "
                     "keep only the story's paragraphs, fill lead, author and forbidden, then delete this line",
            "url": sample.fetched.final_url,
            "source": {"saved": f"fetched by congdoan probe on {today}, the bytes as served",
                       "licence": "unknown: check the site's terms before committing"},
            "page_type": page_type,
        }
        if page_type == "article":
            title, blocks = page_blocks(sample.fetched.body, sample.fetched.headers.get("content-type"))
            tree = _tree(sample.fetched)
            meta_date = "//meta[@property='article:published_time']/@content"
            published = tree.xpath(meta_date) if tree is not None else []
            gold.update({"title": title, "lead": None, "paragraphs": [b for b in blocks if b != title],
                         "author": None, "published_at": str(published[0]).strip() if published else None,
                         "date_only": False, "forbidden": []})
        (out / f"{stem}.html").write_bytes(sample.fetched.body)
        (out / f"{stem}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written += [out / f"{stem}.html", out / f"{stem}.json"]
    return written
