"""Cookie-challenge stubs: read them, set their cookie in the site's own jar, ask again once.

Some Vietnamese sites (laodong.vn among them) answer a client without a cookie with a stub of a few hundred
bytes instead of the page::

    <html><body><script>document.cookie="D1N=0123...cdef"+"; expires=Fri, 31 Dec 2099 23:59:59 GMT;
    path=/";window.location.reload(true);</script></body></html>

A browser sets the cookie and reloads. ``read_challenge`` recognises a page whose script does nothing but
assign literal strings to ``document.cookie`` and reload (or navigate to the same URL); ``ChallengeMiddleware``
stores those cookies in the site's own cookie jar (``meta['cookiejar']`` = the site's slug, so no cookie
crosses sites) and asks again, once per request, never in a loop. A challenge that needs real JavaScript or a
person (a captcha) is counted ``blocked_by_challenge`` and the page is dropped, never stored. Until a site's
first page has answered, its requests go one at a time, so a session meets the stub once, not once per page.
Cookie values are never logged, counted or written anywhere.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from pipelines.steps import count
from pipelines.urls import url_key

logger = logging.getLogger(__name__)

#: Largest page read as a solvable stub; challenge pages that need a browser are looked for up to MAX_PAGE.
MAX_STUB_BYTES = 4096
MAX_PAGE_BYTES = 64 * 1024

_STR = r"""(?:"[^"\\\n]*"|'[^'\\\n]*')"""
_LOC = r"(?:(?:window|document|self|top)\.)?location"
_COOKIE = re.compile(rf"(?:window\.)?document\.cookie\s*=\s*({_STR}(?:\s*\+\s*{_STR})*)")
_NAVIGATE = re.compile(
    rf"{_LOC}\.reload\(\s*(?:true|false)?\s*\)"
    rf"|{_LOC}(?:\.href)?\s*=\s*(?P<to>{_STR}|{_LOC}(?:\.href)?)"
    rf"|{_LOC}\.(?:replace|assign)\(\s*(?P<call>{_STR}|{_LOC}(?:\.href)?)\s*\)")
#: Most visible text (characters) a challenge page shows ("Checking your browser...", a captcha prompt).
MAX_VISIBLE = 300
_COOKIE_NAME = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
#: Marks of challenge pages that need a browser or a person.
#: Matched as plain substrings of the lower-cased body: a case-insensitive regular expression of alternatives
#: took 7 ms on a 48 KiB page, on the reactor, for every page of a crawl.
_BROWSER_CHECK = (b"captcha", b"cf-chl", b"challenge-platform", b"/cdn-cgi/challenge", b"just a moment...",
                  b"checking your browser", b"ddos-guard", b"verify you are human",
                  b"enable javascript and cookies", b"document.cookie")


@dataclass(frozen=True)
class Challenge:
    """A challenge page: the cookies it sets when it is a solvable stub, none when it needs a browser."""

    cookies: tuple[tuple[str, str, str], ...] = ()  # (name, value, path)

    @property
    def solvable(self) -> bool:
        return bool(self.cookies)


def _literal(expr: str) -> str:
    return "".join(part[1:-1] for part in re.findall(_STR, expr))


def _cookie(assignment: str) -> tuple[str, str, str] | None:
    """(name, value, path) of a ``document.cookie`` string like ``"D1N=abc; expires=...; path=/"``."""
    first, *attrs = [p.strip() for p in assignment.split(";")]
    name, eq, value = first.partition("=")
    if not eq or not _COOKIE_NAME.match(name.strip()):
        return None
    path = "/"
    for attr in attrs:
        key, _, val = attr.partition("=")
        if key.strip().lower() == "path" and val.strip().startswith("/"):
            path = val.strip()
    return name.strip(), value.strip(), path


def read_challenge(body: bytes, url: str) -> Challenge | None:
    """The challenge ``body`` (served for ``url``) poses, or None when it is an ordinary page.

    Only a page with next to no visible text can be a challenge. Solvable: a small page whose scripts only
    assign literal strings to ``document.cookie`` and reload or go to the same URL. A page with challenge
    marks (captcha, browser checks, computed cookies) is a challenge without cookies: it needs a browser."""
    if not body or len(body) > MAX_PAGE_BYTES:
        return None
    lowered = body.lower()
    if not any(mark in lowered for mark in _BROWSER_CHECK):
        return None
    try:
        root = lxml.html.document_fromstring(body)
    except (etree.ParserError, ValueError):
        return None
    scripts = [str(s) for s in root.xpath("//script/text()") if s.strip()]
    for element in root.xpath("//script|//style"):
        element.drop_tree()
    if len(" ".join(root.text_content().split())) > MAX_VISIBLE:
        return None  # a page with text of its own is a page, whatever its scripts do
    if len(body) > MAX_STUB_BYTES or not scripts:
        return Challenge()
    cookies: list[tuple[str, str, str]] = []
    navigates = False
    for script in scripts:
        for match in _COOKIE.finditer(script):
            if (cookie := _cookie(_literal(match.group(1)))) is None:
                return Challenge()
            cookies.append(cookie)
        rest = _COOKIE.sub(";", script)
        for match in _NAVIGATE.finditer(rest):
            target = match.group("to") or match.group("call")
            if target and target[0] in "\"'" and url_key(urljoin(url, _literal(target))) != url_key(url):
                return Challenge()  # goes elsewhere: not the stub we can answer
            navigates = True
        rest = _NAVIGATE.sub(";", rest)
        if rest.strip(" \t\r\n;"):
            return Challenge()  # any other code: real JavaScript
    return Challenge(tuple(cookies)) if cookies and navigates else Challenge()


@dataclass
class _Gate:
    """A site's requests go one at a time until its first decisive answer (page, stub, error)."""

    open: bool = False
    busy: bool = False
    waiters: deque[asyncio.Future[None]] = field(default_factory=deque)


class ChallengeMiddleware:
    """Solves cookie-challenge stubs per site (see the module docstring); sits just before CookiesMiddleware."""

    RETRIED = "congdoan_challenge_retried"
    TOKEN = "congdoan_challenge_gate"

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.gates: dict[str, _Gate] = {}
        self.wait = crawler.settings.getfloat("DOWNLOAD_TIMEOUT", 30)
        crawler.signals.connect(self._dropped, signal=signals.request_dropped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ChallengeMiddleware:
        return cls(crawler)

    # -- the gate -------------------------------------------------------------------------------------------

    async def process_request(self, request: Request) -> None:
        key = request.meta.get("cookiejar")
        if key is None:
            return
        gate = self.gates.setdefault(key, _Gate())
        if gate.open:
            return
        if request.meta.get(self.TOKEN):  # a redirect or retry of the request that holds the gate
            return
        if gate.busy:
            waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            gate.waiters.append(waiter)
            try:
                await asyncio.wait_for(waiter, timeout=request.meta.get("download_timeout", self.wait))
            except TimeoutError:  # never stall a site for good: go ahead without the gate
                if waiter in gate.waiters:
                    gate.waiters.remove(waiter)
                return
        gate.busy = True
        request.meta[self.TOKEN] = True

    def _release(self, request: Request, *, decisive: bool) -> None:
        gate = self.gates.get(request.meta.get("cookiejar"))
        if gate is None or gate.open or not request.meta.pop(self.TOKEN, False):
            return
        if decisive:
            gate.open = True
            while gate.waiters:
                waiter = gate.waiters.popleft()
                if not waiter.done():
                    waiter.set_result(None)
            return
        while gate.waiters:
            waiter = gate.waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)  # it holds the gate now
                return
        gate.busy = False

    def _dropped(self, request: Request) -> None:
        self._release(request, decisive=False)

    def process_exception(self, request: Request, exception: Exception) -> None:
        self._release(request, decisive=not isinstance(exception, IgnoreRequest))

    # -- stubs ----------------------------------------------------------------------------------------------

    def process_response(self, request: Request, response: Response) -> Request | Response:
        key = request.meta.get("cookiejar")
        slug = request.meta.get("site")
        challenge = None if request.meta.get("dont_merge_cookies") else read_challenge(response.body, request.url)
        robots = urlsplit(request.url).path == "/robots.txt"
        if challenge is None:
            if request.meta.get(self.RETRIED):
                count(self.stats, slug, "challenge_solved")
                logger.info("Challenge solved for site %s: %s", slug or key, request.url)
            self._release(request, decisive=not robots)  # robots.txt is often served without the challenge
            return response
        count(self.stats, slug, "challenge_met")
        if challenge.solvable and not request.meta.get(self.RETRIED):
            # The retry keeps the gate (if this request held it): the site's other requests wait until the
            # cookie is in the jar, so they never meet the stub.
            retry = request.replace(dont_filter=True, cookies=[
                {"name": name, "value": value, "path": path} for name, value, path in challenge.cookies])
            retry.meta[self.RETRIED] = True
            logger.info("Cookie challenge on %s (%d cookie(s)); asking again with them", request.url,
                        len(challenge.cookies))
            return retry
        self._release(request, decisive=True)
        count(self.stats, slug, "blocked_by_challenge")
        why = "the stub came back with its cookie" if challenge.solvable else "it needs a browser or a person"
        logger.warning("Blocked by a challenge page on %s (%s): %s", slug or key, why, request.url)
        raise IgnoreRequest(f"challenge page at {request.url}: {why}")
