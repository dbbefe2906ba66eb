"""URL canonicalisation, identity keys and rel=canonical (pipelines.urls)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pipelines.urls import canonical_from_page, canonicalize_url, origin, url_key

NFD_SLUG = "https://congdoanbrvt.org.vn/li%cc%a3ch-su%cc%89-cong-doan-ti%cc%89nh-brvt/"  # research note, seen live
NFC_SLUG = "https://www.congdoanbrvt.org.vn/lịch-sủ-cong-doan-tỉnh-brvt"


@pytest.mark.parametrize(("url", "canonical"), [
    ("HTTP://LDLD.CaoBang.gov.vn:80/vi/news/tin-hoat-dong/#top", "http://ldld.caobang.gov.vn/vi/news/tin-hoat-dong"),
    ("https://x.vn/bai-viet?utm_source=fb&utm_medium=social&fbclid=Ab1&id=5", "https://x.vn/bai-viet?id=5"),
    ("https://congdoan.hagiang.gov.vn/tin-tuc-chi-tiet?newsId=5964&zarsrc=30", "https://congdoan.hagiang.gov.vn/tin-tuc-chi-tiet?newsId=5964"),
    ("https://ldld.quangbinh.gov.vn/3cms/Ban-in-507.htm?art=13969217229087&PHPSESSID=abc", "https://ldld.quangbinh.gov.vn/3cms/Ban-in-507.htm?art=13969217229087"),
    ("http://x.vn/tin.aspx?Cat=2&ID=31", "http://x.vn/tin.aspx?Cat=2&ID=31"),
    ("http://x.vn/index.php?option=com_content&view=article&id=12&tmpl=component&print=1", "http://x.vn/?id=12&option=com_content&view=article"),
    ("http://x.vn/tin/abc.html?view=print", "http://x.vn/tin/abc.html"),
    ("http://x.vn/tin/abc.html?layout=list", "http://x.vn/tin/abc.html?layout=list"),
    ("http://www.congdoanlaocai.org.vn/view.do;jsessionid=9F2A?serviceId=113", "http://www.congdoanlaocai.org.vn/view.do?serviceId=113"),
    ("http://x.vn/tin-tuc/index.html", "http://x.vn/tin-tuc"),
    ("http://x.vn/Default.aspx", "http://x.vn/"),
    ("http://x.vn/a/./b/../c/", "http://x.vn/a/c"),
    ("http://127.0.0.1:8001/index.php", "http://127.0.0.1:8001/"),
    ("http://[::1]:8080/x?b=2&a=1", "http://[::1]:8080/x?a=1&b=2"),
    ("http://x.vn/a?q=%e0%41", "http://x.vn/a?q=%E0A"),  # a windows-1258 byte stays as it was
    # sid is PHP-Nuke's and older NukeViet's story id, a session id elsewhere
    ("http://x.vn/modules.php?name=News&op=viewst&sid=123", "http://x.vn/modules.php?name=News&op=viewst&sid=123"),
    ("http://x.vn/modules.php?name=News&file=article&sid=45&PHPSESSID=f00", "http://x.vn/modules.php?file=article&name=News&sid=45"),
    ("http://x.vn/article.php?sid=77", "http://x.vn/article.php?sid=77"),
    ("http://x.vn/index.php?nv=news&op=detail&sid=9", "http://x.vn/?nv=news&op=detail&sid=9"),
    ("http://x.vn/tin-tuc/bai.html?sid=5e3a9b", "http://x.vn/tin-tuc/bai.html"),
])
def test_canonical_form(url: str, canonical: str) -> None:
    assert canonicalize_url(url) == canonical


@pytest.mark.parametrize("url", [NFD_SLUG, NFC_SLUG, "https://x.vn/a?utm_campaign=x&id=1#f", "http://x.vn/",
                                 "http://x.vn/index.php?nv=news&op=abc-1", "http://[::1]:8080/x/"])
def test_canonicalisation_is_idempotent(url: str) -> None:
    once = canonicalize_url(url)
    assert canonicalize_url(once) == once and url_key(once) == url_key(url)


def test_canonical_form_stays_fetchable() -> None:
    """The stored and requested form keeps the scheme, the www. host and the slug's own bytes (NFD here)."""
    assert canonicalize_url(NFD_SLUG) == "https://congdoanbrvt.org.vn/li%CC%A3ch-su%CC%89-cong-doan-ti%CC%89nh-brvt"
    assert canonicalize_url("https://www.x.vn/a").startswith("https://www.x.vn/")
    assert canonicalize_url("https://m.laodong.vn/a-1.ldo").startswith("https://m.laodong.vn/")


@pytest.mark.parametrize("variant", [
    NFC_SLUG,
    "http://congdoanbrvt.org.vn/li%CC%A3ch-su%CC%89-cong-doan-ti%CC%89nh-brvt",
    "https://m.congdoanbrvt.org.vn/l%E1%BB%8Bch-s%E1%BB%A7-cong-doan-t%E1%BB%89nh-brvt/?utm_source=zalo",
])
def test_one_page_has_one_key(variant: str) -> None:
    assert url_key(variant) == url_key(NFD_SLUG)


@pytest.mark.parametrize(("a", "b"), [
    ("http://127.0.0.1:8001/a", "http://127.0.0.1:8002/a"),  # two sample sites on one address
    ("http://x.vn/tin?newsId=1", "http://x.vn/tin?newsId=2"),
    ("http://x.vn/tin?id=1", "http://x.vn/tin"),
    ("http://news.laodong.vn/a", "http://laodong.vn/a"),
    ("http://x.vn/A", "http://x.vn/a"),
])
def test_different_pages_have_different_keys(a: str, b: str) -> None:
    assert url_key(a) != url_key(b)


@pytest.mark.parametrize(("page", "href", "expected"), [
    ("https://x.vn/bai-viet?utm_source=fb", "https://x.vn/tin/bai-viet-12.html", "https://x.vn/tin/bai-viet-12.html"),
    ("http://x.vn/print/12", "/tin/bai-viet-12.html", "http://x.vn/tin/bai-viet-12.html"),  # relative href
    ("https://x.vn/a?sort=new&id=5", "https://x.vn/a?id=5", "https://x.vn/a?id=5"),  # sort makes no difference
    # same site under another scheme or the www. twin: the page's own scheme and host are kept
    ("https://x.vn/print/12", "http://www.x.vn/tin/12.html", "https://x.vn/tin/12.html"),
    ("http://x.vn/tin/a", "https://y.vn/tin/a", "http://x.vn/tin/a"),  # another site
    ("http://127.0.0.1:8001/a", "http://127.0.0.1:8002/b", "http://127.0.0.1:8001/a"),  # another port
    ("http://x.vn/tin/a-1.html", "http://x.vn/", "http://x.vn/tin/a-1.html"),  # home page named by every page
    ("http://x.vn/tin-tuc-chi-tiet?newsId=7", "http://x.vn/tin-tuc-chi-tiet", "http://x.vn/tin-tuc-chi-tiet?newsId=7"),
    ("http://x.vn/index.php?nv=news&op=a-1", "http://x.vn/index.php?nv=news", "http://x.vn/?nv=news&op=a-1"),
    ("http://x.vn/a#x", "", "http://x.vn/a"),
    ("http://x.vn/a", None, "http://x.vn/a"),
    ("http://x.vn/a", "javascript:void(0)", "http://x.vn/a"),
    ("http://x.vn/a", "http://[::1", "http://x.vn/a"),  # unparsable
    # a template that printed an empty host (a Liferay theme's "http:///guest"): not a path of the page's site
    ("http://x.vn/tin/bai-viet-1.html", "http:///guest", "http://x.vn/tin/bai-viet-1.html"),
])
def test_canonical_from_page(page: str, href: str | None, expected: str) -> None:
    assert canonical_from_page(page, href) == expected


def test_phpnuke_stories_keep_their_own_urls() -> None:
    stories = {url_key(f"http://ldld.example/modules.php?name=News&op=viewst&sid={n}") for n in range(1, 6)}
    assert len(stories) == 5
    legacy = {url_key(f"http://ldld.example/index.php?nv=news&op=viewst&sid={n}") for n in range(1, 6)}
    assert len(legacy) == 5


def test_userinfo_never_reaches_the_stored_url() -> None:
    assert canonicalize_url("http://user:secret@x.vn/tin/a.html") == "http://x.vn/tin/a.html"
    assert "secret" not in url_key("https://user:secret@x.vn:8443/a?id=1")
    assert canonicalize_url("http://x.vn/a?id=1&token=t0k&api_key=k") == "http://x.vn/a?id=1"


def test_origin_is_scheme_host_and_port() -> None:
    assert origin("http://www.x.vn/a") == origin("http://x.vn:80/b") == "http://x.vn:80"
    assert origin("http://127.0.0.1:8001/") != origin("http://127.0.0.1:8002/")
    assert origin("https://x.vn/") != origin("http://x.vn/")


def test_plain_urls_take_the_short_way_to_the_same_form() -> None:
    # URLs made of the pieces the fast path looks at (case, ports, dots, slashes, escapes, sessions, queries)
    import random

    from pipelines.urls import _PLAIN_URL, _canonicalize_parsed

    rng = random.Random(4)
    hosts = ["x.vn", "www.x.vn", "m.a.b.vn", "X.vn", "x.vn.", "-x.vn", "x..vn", "x.vn:80", "x.vn:8080",
             "localhost", "127.0.0.1", "xn--c-8ka.vn", "x.vn:443", "127.0.0.1:8001", "x.vn:0", "x.vn:65535",
             "x.vn:65536", "x.vn:08080", "x.vn:", "[::1]:8001"]
    pieces = ["a", "Z", "0", "-", "_", ".", "..", "~", "/", "//", "%41", "%cc%a3", ";jsessionid=1", "?id=1",
              "?utm_source=x", "#top", " ", "é", "index.php", "Default.aspx", "bai-1.html", "+", ":"]

    def outcome(canonicalize: Callable[[str], str], url: str) -> str | type[Exception]:
        try:
            return canonicalize(url)
        except ValueError as error:  # a bad port
            return type(error)

    plain = 0
    for _ in range(20000):
        path = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 8)))
        slash = "/" if rng.random() < 0.8 else ""
        url = f"{rng.choice(['http', 'https', 'HTTP'])}://{rng.choice(hosts)}{slash}{path}"
        plain += bool(_PLAIN_URL.match(url))
        assert outcome(canonicalize_url, url) == outcome(_canonicalize_parsed, url), url
    assert plain > 1000  # the short way was taken often enough to be tested
