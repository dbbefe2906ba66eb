"""URL canonicalisation: one form per page, used before requests and before storing."""

from __future__ import annotations

import unicodedata
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as _w3_canonicalize

#: Query parameters that never select content: tracking, analytics and session ids.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
    "phpsessid", "jsessionid", "sid", "sessionid", "aspsessionid", "cfid", "cftoken", "ref", "ref_src",
    "zarsrc", "zalo_source", "share", "from", "src",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")


def _keep_param(name: str) -> bool:
    low = name.lower()
    return low not in TRACKING_PARAMS and not low.startswith(TRACKING_PREFIXES)


def canonicalize_url(url: str) -> str:
    """Canonical form of ``url``: lower-case host, no fragment, no default port, no tracking or session
    parameters, sorted query, NFC-normalised percent-encoded path (some CMSs emit NFD slugs), and no
    trailing slash except for the root. Content-selecting parameters (``?id=``, ``?newsId=``) stay."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower() or "http"
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    netloc = host if port is None or (scheme, port) in {("http", 80), ("https", 443)} else f"{host}:{port}"
    path = unicodedata.normalize("NFC", unquote(parts.path)) or "/"
    path = quote(path, safe="/:@!$&'()*+,;=-._~")
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if _keep_param(k)])
    return _w3_canonicalize(urlunsplit((scheme, netloc, path, query, "")))


def origin(url: str) -> str:
    """Scheme + host + port of ``url``: the identity of a site (host names alone are not enough)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port or {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}:{port}"
