"""Unit tests of the reach pieces: challenge stubs, Retry-After, twin origins, the new registry fields."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawler.challenge import read_challenge
from crawler.politeness import retry_after_seconds
from crawler.redirects import twin_origin
from crawler.registry import RegistryError, parse_site, redact_url

URL = "https://laodong.vn/cong-doan/bai-1.ldo"
STUB = (b'<html><body><script>document.cookie="D1N=0123456789abcdef0123456789abcdef"+"; expires=Fri, 31 Dec '
        b'2099 23:59:59 GMT; path=/";window.location.reload(true);</script></body></html>')


def test_laodong_stub_is_solvable() -> None:
    challenge = read_challenge(STUB, URL)
    assert challenge is not None and challenge.solvable
    assert challenge.cookies == (("D1N", "0123456789abcdef0123456789abcdef", "/"),)


@pytest.mark.parametrize("script", [
    "document.cookie='a=1; path=/';document.cookie=\"b=2\";location.reload()",
    "window.document.cookie = 'a=1';  window.location.href = window.location.href;",
    "document.cookie='a=1';location.replace('/cong-doan/bai-1.ldo')",
    "document.cookie='a=' + '1';document.location = \"https://laodong.vn/cong-doan/bai-1.ldo\";",
])
def test_stub_variants_solvable(script: str) -> None:
    challenge = read_challenge(f"<html><body><script>{script}</script></body></html>".encode(), URL)
    assert challenge is not None and challenge.solvable and challenge.cookies[0][:2] == ("a", "1")


@pytest.mark.parametrize("body", [
    # computed cookie: needs JavaScript
    b"<html><script>document.cookie='a='+Math.random();location.reload()</script></html>",
    # other code besides the cookie and the reload
    b"<html><script>document.cookie='a=1';fetch('/x');location.reload()</script></html>",
    # navigates elsewhere
    b"<html><script>document.cookie='a=1';location.href='/other-page'</script></html>",
    # a captcha page
    b"<html><body><h1>Verify you are human</h1><div class='g-recaptcha'></div></body></html>",
    # cookie but no reload
    b"<html><script>document.cookie='a=1'</script></html>",
])
def test_unreadable_challenges(body: bytes) -> None:
    challenge = read_challenge(body, URL)
    assert challenge is not None and not challenge.solvable


@pytest.mark.parametrize("body", [
    b"",
    b"<html><body><p>B\xc3\xa0i vi\xe1\xba\xbft</p></body></html>",
    # an article that mentions cookies in a script among plenty of text is not a stub
    b"<html><body><script>document.cookie='consent=1'</script>" + b"<p>" + b"x" * 5000 + b"</p></body></html>",
])
def test_ordinary_pages_are_not_challenges(body: bytes) -> None:
    assert read_challenge(body, URL) is None


def test_retry_after_values() -> None:
    now = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
    assert retry_after_seconds(b"2") == 2.0
    assert retry_after_seconds("Mon, 30 Nov 2026 07:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Mon, 30 Nov 2026 06:00:00 GMT", now) == 0.0
    assert retry_after_seconds(b"soon") is None and retry_after_seconds(None) is None


@pytest.mark.parametrize(("source", "target", "twin"), [
    ("http://congdoan.vn/", "https://congdoan.vn/", True),
    ("http://congdoan.vn/", "https://www.congdoan.vn/portal", True),
    ("https://congdoan.vn/", "https://m.congdoan.vn/", True),
    ("https://www.congdoan.vn/", "https://congdoan.vn/", True),
    ("http://127.0.0.1:8000/", "https://127.0.0.1:8443/", True),
    ("http://127.0.0.1:8000/", "http://127.0.0.1:8001/", False),
    ("https://congdoan.vn/", "http://congdoan.vn/", False),
    ("https://congdoan.vn/", "https://laodong.vn/", False),
    ("https://congdoan.vn/", "https://congdoan.vn.evil.example/", False),
])
def test_twin_origins(source: str, target: str, twin: bool) -> None:
    assert twin_origin(source, target) is twin


BASE = {"slug": "s", "name": "N", "province": "Bắc Kạn", "start_urls": "https://a.vn/"}


def test_reach_fields() -> None:
    site = parse_site({**BASE, "proxy": "http://u:pw@10.0.0.1:3128", "download_timeout": 60, "delay": 2.5}, 1)
    assert (site.proxy, site.download_timeout, site.delay) == ("http://u:pw@10.0.0.1:3128", 60.0, 2.5)
    assert "pw" not in repr(redact_url(site.proxy)) and redact_url(site.proxy) == "http://u:***@10.0.0.1:3128"


@pytest.mark.parametrize(("field", "value"), [
    ("proxy", "socks5://u:hunter2@h:1080"), ("proxy", "http://u:hunter2@h:notaport"), ("proxy", 3128),
    ("download_timeout", 0), ("download_timeout", "30"), ("delay", -1), ("delay", True), ("delay", 10_000),
])
def test_bad_reach_fields(field: str, value: object) -> None:
    with pytest.raises(RegistryError, match=f"site 's': field '{field}'") as info:
        parse_site({**BASE, field: value}, 1)
    assert "hunter2" not in str(info.value)


def test_admitted_scope() -> None:
    site = parse_site({**BASE, "sitemap_urls": ["https://cdn.a.vn/sitemap.xml"]}, 1)
    assert not site.owns("https://m.a.vn/bai-1") and not site.owns("https://cdn.a.vn/sitemap.xml")
    site.admit("https://m.a.vn:443")
    site.admit("https://cdn.a.vn/sitemap.xml")
    assert site.owns("https://m.a.vn/bai-1") and site.owns("https://cdn.a.vn/sitemap.xml")
    assert not site.owns("https://cdn.a.vn/other.xml")
    assert parse_site(BASE, 1).admitted == frozenset()  # per Site object, never shared


class _Stats:
    def __init__(self) -> None:
        self.values: dict[str, object] = {}

    def get_value(self, key: str, default: object = None) -> object:
        return self.values.get(key, default)

    def set_value(self, key: str, value: object) -> None:
        self.values[key] = value


def _start_redirect(site, location: str):
    from types import SimpleNamespace

    from scrapy import Request
    from scrapy.http import Response

    from crawler.redirects import START, StartRedirectMiddleware

    crawler = SimpleNamespace(stats=_Stats(), spider=SimpleNamespace(sites_by_slug={site.slug: site}))
    request = Request(site.start_urls[0], meta={"site": site.slug, START: True})
    response = Response(request.url, status=301, headers={"Location": location}, request=request)
    assert StartRedirectMiddleware(crawler).process_response(request, response) is response
    return crawler.stats.values


def test_start_redirect_to_mobile_twin_admitted() -> None:
    site = parse_site({**BASE, "start_urls": "http://a.vn/"}, 1)
    stats = _start_redirect(site, "https://m.a.vn/trang-chu")
    assert site.owns("https://m.a.vn/tin-tuc/bai-1.html") and not site.owns("https://b.vn/")
    assert stats["congdoan/site/s/scope/admitted_origins"] == ["https://m.a.vn"]


def test_start_redirect_elsewhere_reported() -> None:
    site = parse_site({**BASE, "start_urls": "https://a.vn/"}, 1)
    stats = _start_redirect(site, "https://portal.tinh.gov.vn:8443/ldld/")
    assert not site.owns("https://portal.tinh.gov.vn:8443/ldld/")
    assert stats["congdoan/site/s/scope/redirected_out"] == [
        {"from": "https://a.vn/", "to": "https://portal.tinh.gov.vn:8443/ldld/",
         "extra_origins": "https://portal.tinh.gov.vn:8443"}]


def test_empty_site_reasons() -> None:
    from crawler.manifest import empty_reason, reach_summary

    def summary(**own: object) -> dict:
        base = {"responses": 0, "stored": 0, "errors": {}, "error_count": 0,
                "dropped": {"listing": 0, "other": 0, "empty": 0, "non_vietnamese": 0, "duplicate": 0,
                            "already_stored": 0}}
        return {**base, **reach_summary({}), **own}

    assert empty_reason(summary()) == "no request was answered"
    refused = summary(responses=4, errors={"http_403": 4}, error_count=4)
    assert empty_reason(refused).startswith("every request failed (http_403 4); the site may refuse this address")
    known = summary(responses=5, dropped={**summary()["dropped"], "already_stored": 2, "listing": 3},
                    skipped={"already_stored": 4})
    assert empty_reason(known) == "nothing new (6 page(s) already stored)"
    listings = summary(responses=3, dropped={**summary()["dropped"], "listing": 2, "other": 1})
    assert empty_reason(listings) == "no new article among 3 response(s) (listing 2, other 1)"
