"""The spider's callbacks on hand-made responses: links, scope, limits, feeds, sitemaps, non-HTML."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import scrapy
from scrapy.http import HtmlResponse, Request, Response, XmlResponse
from scrapy.utils.test import get_crawler

from crawler.feeds import feed_links
from crawler.registry import parse_registry
from crawler.spiders.site import SiteSpider, page_links
from pipelines.items import FetchedPage
from pipelines.steps import close_crawl_index

BASE = "http://127.0.0.1:8001"
PAGE = f"""<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>
<a href="/tin-tuc/bai-1.html">Bài 1</a> <a href="/tin-tuc/bai-2.html?utm_source=fb">Bài 2</a>
<a href="/tim-kiem?q=x">Tìm kiếm</a> <a href="http://127.0.0.1:8002/khac.html">Trang khác</a>
<a href="https://example.org/">Ngoài</a> <a href="mailto:ldld@example.vn">Thư</a>
<a href="{BASE}/tin-tuc/page-2">Trang sau</a></body></html>"""


def make_spider(state: Path, **extra: object) -> SiteSpider:
    entry = {"slug": "php-a", "name": "LĐLĐ tỉnh Bắc Kạn", "province": "Bắc Kạn", "start_urls": BASE + "/",
             "deny_patterns": ["/tim-kiem"], "article_patterns": [r"/tin-tuc/bai-\d+"], **extra}
    crawler = get_crawler(SiteSpider, settings_dict={"CONGDOAN_STATE": str(state), "CONGDOAN_CRAWL_ID": "test"})
    crawler.stats.open_spider()
    return SiteSpider.from_crawler(crawler, sites=parse_registry({"sites": [entry]}))


@pytest.fixture()
def spider(tmp_path: Path):
    spider = make_spider(tmp_path / "state")
    yield spider
    close_crawl_index(spider.crawler)


def respond(cls: type[Response], url: str, body: bytes, content_type: str) -> Response:
    return cls(url=url, body=body, headers={"Content-Type": content_type},
               request=Request(url, meta={"site": "php-a", "depth": 0}))


def test_html_page_becomes_an_item_and_in_site_requests(spider: SiteSpider) -> None:
    out = list(spider.parse(respond(HtmlResponse, BASE + "/", PAGE.encode(), "text/html; charset=utf-8")))
    items = [o for o in out if isinstance(o, FetchedPage)]
    requests = [o for o in out if isinstance(o, scrapy.Request)]
    assert len(items) == 1 and items[0].site == "php-a" and items[0].crawl_id == "test"
    urls = {r.url for r in requests}
    assert urls == {f"{BASE}/rss.xml", f"{BASE}/tin-tuc/bai-1.html", f"{BASE}/tin-tuc/bai-2.html?utm_source=fb",
                    f"{BASE}/tin-tuc/page-2"}
    assert all(r.meta["site"] == "php-a" for r in requests)
    article = next(r for r in requests if r.url.endswith("bai-1.html"))
    listing = next(r for r in requests if r.url.endswith("page-2"))
    assert article.priority > listing.priority


def test_a_fragment_is_the_page_itself(spider: SiteSpider) -> None:
    page = (b'<html><body><a href="#top">Len dau</a> <a href="/tin-tuc/bai-7.html#binh-luan">Binh luan</a>'
            b'<a href="/tin-tuc/bai-7.html">Bai 7</a> <a href="/tin-tuc/bai-8.html#top">Bai 8</a></body></html>')
    out = spider.parse(respond(HtmlResponse, BASE + "/tin-tuc/bai-6.html", page, "text/html; charset=utf-8"))
    urls = [o.url for o in out if isinstance(o, scrapy.Request)]
    # "#top" on bai-6 is bai-6, fetched already: not asked for again (a request the duplicate filter drops
    # would still count against the trap limits); bai-7 is requested once
    assert sorted(urls) == [f"{BASE}/tin-tuc/bai-7.html", f"{BASE}/tin-tuc/bai-8.html"]


def test_a_request_the_scheduler_drops_leaves_the_trap_queue(spider: SiteSpider) -> None:
    site = spider.sites_by_slug["php-a"]
    request = spider._request(site, f"{BASE}/tin-tuc/page-3")
    assert request is not None
    queued = dict(spider.traps._queued)
    spider.crawler.signals.send_catch_log(scrapy.signals.request_dropped, request=request, spider=spider)
    key = ("php-a", request.meta["trap_pattern"])
    assert spider.traps._queued[key] == queued[key] - 1


def test_max_pages_limits_requests(tmp_path: Path) -> None:
    spider = make_spider(tmp_path / "state", max_pages=2)
    try:
        out = list(spider.parse(respond(HtmlResponse, BASE + "/", PAGE.encode(), "text/html")))
    finally:
        close_crawl_index(spider.crawler)
    assert len([o for o in out if isinstance(o, scrapy.Request)]) == 2
    assert spider.crawler.stats.get_value("congdoan/site/php-a/skipped/max_pages") >= 1


def test_non_html_response_is_counted_and_yields_nothing(spider: SiteSpider) -> None:
    out = list(spider.parse(respond(Response, BASE + "/van-ban/17", b"%PDF-1.4 ...", "application/pdf")))
    assert out == []
    assert spider.crawler.stats.get_value("congdoan/site/php-a/errors/non_html") == 1


def test_rss_feed_gives_in_site_article_requests(spider: SiteSpider) -> None:
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Tin</title><link>{BASE}/</link>
    <item><title>Bài 3</title><link>{BASE}/tin-tuc/bai-3.html</link></item>
    <item><title>Ngoài</title><link>https://example.org/x</link></item></channel></rss>""".encode()
    out = list(spider.parse_feed(respond(XmlResponse, BASE + "/rss.xml", rss, "application/rss+xml")))
    assert {r.url for r in out} == {f"{BASE}/", f"{BASE}/tin-tuc/bai-3.html"}


def test_sitemap_index_and_urlset() -> None:
    index = (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<sitemap><loc>http://a.vn/sitemap-1.xml</loc></sitemap></sitemapindex>")
    urlset = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              b"<url><loc>http://a.vn/bai-1.html</loc></url><url><loc>http://a.vn/bai-2.html</loc></url></urlset>")
    assert feed_links(index) == ([], ["http://a.vn/sitemap-1.xml"])
    assert feed_links(urlset) == (["http://a.vn/bai-1.html", "http://a.vn/bai-2.html"], [])
    assert feed_links(b"not xml at all <<<") == ([], [])


def test_xml_entity_bomb_is_not_expanded() -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
    <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
    <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
    <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
    <rss><channel><item><link>http://a.vn/&lol4;</link></item></channel></rss>"""
    pages, _ = feed_links(bomb)
    assert all(len(url) < 100 for url in pages)


def test_links_are_those_of_scrapys_link_extractor_and_each_is_looked_at_once(spider: SiteSpider) -> None:
    import json

    from scrapy.linkextractors import LinkExtractor

    from crawler.sampleserver import DEFAULT_ROOT

    extractor = LinkExtractor(unique=True, tags=("a", "area"), attrs=("href",))
    pages = 0
    for routes in sorted(DEFAULT_ROOT.glob("*/routes.json")):
        for path, route in json.loads(routes.read_text(encoding="utf-8")).items():
            if not route.get("file") or "html" not in (route.get("content_type") or ""):
                continue
            body = (routes.parent / route["file"]).read_bytes()
            response = respond(HtmlResponse, BASE + path, body, route["content_type"])
            spider.met_hrefs.clear()
            expected = [link.url for link in extractor.extract_links(response) if link.url.startswith("http")]
            # two hrefs may make one URL (/ and http://host/): _pages() looks at it once
            hrefs = page_links(response.text)[0]

            def others(urls: list[str], page: str = response.url) -> list[str]:
                return [url for url in urls if url.partition("#")[0] != page]

            # "#top" and "" are the page itself (no <base> here): never yielded; every other link as Scrapy's
            ours = list(dict.fromkeys(spider._links(response, hrefs)))
            assert others(ours) == others(expected), path
            assert list(spider._links(response, hrefs)) == []  # met before: nothing to look at again
            pages += 1
    assert pages > 100


def test_href_keys_are_shared_only_by_hrefs_that_resolve_alike() -> None:
    from crawler.spiders.site import href_key

    bases = ["http://h.vn/tin/a.html", "http://h.vn/tin/b.php?id=2#x", "http://h.vn/tin/", "http://h.vn",
             "http://h.vn/khac/c.html", "https://h.vn/tin/a.html", "http://h.vn/tin/a.html?p=1"]
    hrefs = ["a.html", "../b.html", "./c?x=1", "?page=2", "#top", "", "  #top", "/x.html", "//cdn.vn/y",
             "mailto:a@b.vn", "javascript:void(0)", "http:rel.html", "HTTP://h.vn/Z", "https://k.vn/q", " ?p=3"]
    seen: dict[str, str] = {}
    for base in bases:
        parts = urlsplit(base)
        origin = f"{parts.scheme}://{parts.netloc}"
        folder = origin + base[len(origin):].partition("#")[0].partition("?")[0].rpartition("/")[0] + "/"
        for href in hrefs:
            resolved = urljoin(base, href.strip())
            key = href_key(href, origin, folder, base, itself=True)
            if key is None:  # the page itself
                assert resolved.partition("#")[0] == base.partition("#")[0], (base, href)
                continue
            assert seen.setdefault(key, resolved) == resolved, (base, href, key)
    # a relative menu is one key per folder, not one per page
    assert href_key("a.html", "http://h.vn", "http://h.vn/tin/", "http://h.vn/tin/1.html", True) == \
        href_key("a.html", "http://h.vn", "http://h.vn/tin/", "http://h.vn/tin/2.html?id=9", True)


def test_a_link_met_on_many_pages_is_requested_once(spider: SiteSpider) -> None:
    def requests(path: str) -> list[Request]:
        page = respond(HtmlResponse, BASE + path, PAGE.encode(), "text/html")
        return [o for o in spider.parse(page) if isinstance(o, Request)]

    assert requests("/a") and requests("/b") == []


def test_external_entities_are_never_loaded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    for root in ("urlset", "rss"):
        xxe = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{secret}">'
               '<!ENTITY net SYSTEM "http://127.0.0.3:9/xxe">]>').encode()
        if root == "urlset":
            xxe += b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://a.vn/&xxe;&net;</loc></url></urlset>'
        else:
            xxe += b"<rss><channel><item><link>http://a.vn/&xxe;&net;</link></item></channel></rss>"
        pages, sitemaps = feed_links(xxe)
        assert not any("TOP-SECRET" in url for url in pages + sitemaps)


def test_sitemap_lastmod_is_read_with_each_page() -> None:
    from crawler.feeds import feed_entries

    urlset = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              b"<url><loc>http://a.vn/bai-1.html</loc><lastmod>2024-05-01T07:00:00+07:00</lastmod></url>"
              b"<url><loc>http://a.vn/bai-2.html</loc></url></urlset>")
    assert feed_entries(urlset) == ({"http://a.vn/bai-1.html": "2024-05-01T07:00:00+07:00",
                                     "http://a.vn/bai-2.html": None}, [])


def test_binary_file_served_as_html_is_counted_as_non_html(spider: SiteSpider) -> None:
    out = list(spider.parse(respond(HtmlResponse, BASE + "/van-ban/17.html", b"%PDF-1.4\n" + bytes(64),
                                    "text/html; charset=utf-8")))
    assert out == []
    assert spider.crawler.stats.get_value("congdoan/site/php-a/errors/non_html") == 1


def test_a_job_directory_is_refused(tmp_path: Path) -> None:
    crawler = get_crawler(SiteSpider, settings_dict={"JOBDIR": str(tmp_path / "job")})
    with pytest.raises(ValueError, match="JOBDIR"):
        SiteSpider.from_crawler(crawler, sites=[])
