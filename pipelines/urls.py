"""URL canonicalisation: one fetchable form per page, one identity key per page, and rel=canonical.

Two forms, because fetching and identity pull in different directions:

- :func:`canonicalize_url` is the form we request and store. It drops what never selects content (fragment,
  default port, tracking and session parameters, print switches, ``;jsessionid=``, a trailing default
  document such as ``/index.php``, a trailing slash) but keeps what a server may need: the scheme, ``www.``
  and ``m.`` hosts, and the path's own percent-encoded bytes (a WordPress slug stored in NFD may not be
  found under its NFC spelling).
- :func:`url_key` is the identity used to decide "same page": the canonical form without the scheme, with
  ``www.``/``m.``/``mobile.``/``wap.`` host prefixes folded and percent-encoded UTF-8 normalised to NFC. Two
  URLs with one key are one page; the dedupe state and request fingerprints compare keys.

Content-selecting parameters (``?id=``, ``?newsId=``, ``?art=``, ``?ID=&Cat=``) always stay. Path-based print
views (``/print/123``, ``Ban-in-507.htm?art=``) cannot be mapped back by rule; their ``rel=canonical``
(:func:`canonical_from_page`) or the text dedupe catches them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import quote, unquote, unquote_to_bytes, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as _w3_canonicalize

#: Query parameters that never select content: tracking, analytics and session ids.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
    "phpsessid", "jsessionid", "sid", "sessionid", "aspsessionid", "cfid", "cftoken", "ref", "ref_src",
    "zarsrc", "zalo_source", "gidzl", "share", "from", "src", "fb_action_ids", "fb_action_types", "fb_source",
    "fb_ref", "cmpid", "_hsenc", "_hsmi", "spm",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
#: Credentials that a link may carry: never part of a page's identity, never stored.
SECRET_PARAMS = frozenset({"token", "access_token", "auth_token", "api_key", "apikey", "password", "passwd",
                           "pwd", "secret", "client_secret"})
#: Parameters that switch a page to its print view (``?print=1``; Joomla's ``?tmpl=component&print=1``).
PRINT_PARAMS = frozenset({"print", "printable", "printer", "printview", "print_view"})
#: Parameters whose value ``print`` asks for the print view of the same page (``?view=print``).
PRINT_VALUE_PARAMS = frozenset({"view", "layout", "format", "output", "mode", "type", "tmpl", "template"})
PRINT_VALUES = frozenset({"print", "printable", "printer", "component"})
#: Parameters that select content even though their names do not end in "id"; rel=canonical may not drop them.
CONTENT_PARAMS = frozenset({
    "p", "page", "art", "cat", "nv", "op", "option", "view", "task", "module", "mod", "act", "action", "do",
    "tin", "bai", "news", "article", "post", "q", "tag", "category", "year", "month", "date",
})
#: Tracking/session names that select content on some URL shapes: ``sid`` is PHP-Nuke's and older NukeViet's
#: story id (``modules.php?name=News&file=article&sid=123``, ``article.php?sid=123``).
CONTENT_ON_SHAPE = {"sid": re.compile(r"/(?:modules|article|print|news|friend)\.php$", re.IGNORECASE)}
#: Query parameters that name a PHP-Nuke/NukeViet module: with one of them, ``sid`` is content on any path.
NUKE_MODULE_PARAMS = frozenset({"name", "nv"})
#: Host prefixes of the same site's mobile or "www" twin.
TWIN_HOST_PREFIXES = ("www.", "m.", "mobile.", "wap.")

_DEFAULT_DOCUMENT = re.compile(r"/(?:index|default)\.(?:php|html?|shtml|aspx?|jsp|cfm)$", re.IGNORECASE)
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid|sessionid)=[^/?#]*", re.IGNORECASE)
_RESERVED_ESCAPE = re.compile(r"(%(?:2[3568BbFf]|3[BbDdFf]))")
_DEFAULT_PORTS = {"http": 80, "https": 443}
#: A URL that is its own canonical form: http(s), lower-case host name, default port, a path of unreserved
#: characters only (no escapes, dot segments, doubled or trailing slash, session or default document), no
#: query or fragment. canonicalize_url returns it unchanged without parsing it.
_PLAIN_URL = re.compile(r"(https?)://[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+(?::([1-9][0-9]{0,4}))?"
                        r"(?:(?:/(?!\.)[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+|/?)\Z")
#: Characters left unescaped when a decoded path is escaped again (RFC 3986 pchar plus "/").
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def _param_name(part: str) -> str:
    return unquote(part.split("=", 1)[0].replace("+", " ")).strip().lower()


def _param_value(part: str) -> str:
    return unquote(part.split("=", 1)[1]).strip().lower() if "=" in part else ""


def _keep_param(part: str, content_names: frozenset[str] = frozenset()) -> bool:
    name = _param_name(part)
    if name in content_names:
        return True
    if (not name or name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES) or name in PRINT_PARAMS
            or name in SECRET_PARAMS):
        return False
    return not (name in PRINT_VALUE_PARAMS and _param_value(part) in PRINT_VALUES)


def _content_on_shape(path: str, params: list[str]) -> frozenset[str]:
    """Names that are noise elsewhere but select content on this URL's shape (``sid`` on PHP-Nuke)."""
    if not params:
        return frozenset()
    names = {_param_name(p) for p in params}
    return frozenset(name for name, shape in CONTENT_ON_SHAPE.items()
                     if name in names and (shape.search(path) or names & NUKE_MODULE_PARAMS))


def _remove_dot_segments(path: str) -> str:
    if "/." not in path:
        return path
    return urlsplit(urljoin("http://h/", path)).path or "/"


def _clean_path(path: str) -> str:
    path = _PATH_SESSION.sub("", path)
    path = _remove_dot_segments(path or "/")
    path = _DEFAULT_DOCUMENT.sub("/", path)
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    return path


@functools.lru_cache(maxsize=8192)  # a site's menus repeat the same links on every page
def canonicalize_url(url: str) -> str:
    """Fetchable canonical form of ``url``: lower-case scheme and host, no fragment, default port, tracking,
    session or print parameters, trailing default document or trailing slash (except the root), sorted
    query and normalised percent-escapes; content-selecting parameters (``?id=``, ``?newsId=``) stay."""
    plain = _PLAIN_URL.match(url)
    if plain and not _DEFAULT_DOCUMENT.search(url) and (
            plain[2] is None or plain[2] != _DEFAULT_PORT_TEXT[plain[1]] and int(plain[2]) <= 65535):
        return url if url.count("/") > 2 else url + "/"
    return _canonicalize_parsed(url)


def _canonicalize_parsed(url: str) -> str:
    """:func:`canonicalize_url` by parsing ``url`` (any URL)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower() or "http"
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"  # IPv6
    port = parts.port
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    params = [p for p in parts.query.split("&") if p]
    content = _content_on_shape(parts.path, params)
    query = "&".join(p for p in params if _keep_param(p, content))
    return _w3_canonicalize(urlunsplit((scheme, netloc, _clean_path(parts.path), query, "")))


def _nfc_component(component: str) -> str:
    """``component`` with its percent-encoded UTF-8 decoded, put in NFC and escaped again; escapes of
    delimiters (``%2F``, ``%3F``, ``%26``...) and text that is not UTF-8 (legacy code pages) stay as they are."""
    pieces = _RESERVED_ESCAPE.split(component)
    for i in range(0, len(pieces), 2):
        try:
            text = unquote_to_bytes(pieces[i]).decode("utf-8")
        except UnicodeDecodeError:
            continue
        pieces[i] = quote(unicodedata.normalize("NFC", text), safe=_PATH_SAFE)
    return "".join(pieces)


def _fold_host(host: str) -> str:
    for prefix in TWIN_HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            return host[len(prefix):]
    return host


_DEFAULT_PORT_TEXT = {"http": "80", "https": "443"}


@functools.lru_cache(maxsize=4096)  # a page's links are keyed several times (scope, state, incremental)
def url_key(url: str) -> str:
    """Identity of the page at ``url``: its canonical form without scheme, with ``www.``/``m.`` hosts folded
    and percent-encoded UTF-8 in NFC (``//host[:port]/path?query``). Same key, same page."""
    canonical = canonicalize_url(url)
    netloc, slash, rest = canonical.partition("://")[2].partition("/")
    host, colon, port = netloc.rpartition(":") if netloc.count(":") == 1 else (netloc, "", "")
    if "%" in rest:
        path, mark, query = rest.partition("?")
        rest = _nfc_component(path) + mark + _nfc_component(query)
    return f"//{_fold_host(host)}{colon}{port}{slash}{rest}"


def _site_of(url: str) -> tuple[str, int | None]:
    """Host with twin prefixes folded, and the port when it is not its scheme's default."""
    parts = urlsplit(url)
    port = parts.port
    return _fold_host(parts.hostname or ""), None if port == _DEFAULT_PORTS.get(parts.scheme) else port


def _selects_content(name: str) -> bool:
    return name.endswith("id") or name in CONTENT_PARAMS


_NO_HOST = re.compile(r"^[a-z][a-z0-9+.-]*:/{3}", re.I)


def canonical_from_page(page_url: str, canonical_href: str | None) -> str:
    """Canonical URL of a page from its ``rel=canonical`` (or ``og:url``) ``canonical_href``, used only when it
    points into the page's own site (same host up to ``www.``/``m.``, same port; http and https alike), is not
    the home page named by every page, and keeps the page's content-selecting parameters. The result keeps
    the scheme and host the page was fetched from, so it stays inside the site's origin; otherwise the
    canonical form of ``page_url``."""
    page = canonicalize_url(page_url)
    href = (canonical_href or "").strip()
    if not href or _NO_HOST.match(href):
        return page  # "http:///guest": a template that printed an empty host; urljoin would read it as a path
    try:
        candidate = canonicalize_url(urljoin(page_url, href))
        if urlsplit(candidate).scheme not in _DEFAULT_PORTS or _site_of(candidate) != _site_of(page):
            return page
    except ValueError:
        return page
    page_parts, cand_parts = urlsplit(page), urlsplit(candidate)
    if cand_parts.path == "/" and not cand_parts.query and (page_parts.path != "/" or page_parts.query):
        return page  # a CMS that names its home page as the canonical of every page
    kept = {_param_name(p) for p in cand_parts.query.split("&") if p}
    page_params = {_param_name(p) for p in page_parts.query.split("&") if p}
    if any(_selects_content(name) and name not in kept for name in page_params):
        return page  # the canonical would merge pages that a parameter tells apart
    return canonicalize_url(urlunsplit((page_parts.scheme, page_parts.netloc, cand_parts.path, cand_parts.query,
                                        "")))


def origin(url: str) -> str:
    """Scheme + host + port of ``url``: the identity of a site (host names alone are not enough)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port or {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}:{port}"
