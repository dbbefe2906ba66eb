"""Where requests may go: the address policy on literal addresses, and the scope and address middlewares.

No test here sends a packet: addresses are literals, and host names resolve through a stand-in resolver.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.utils.test import get_crawler

from crawler.addresses import DEFAULT_BLOCKED_NETWORKS, AddressPolicy
from crawler.middlewares import AddressPolicyMiddleware, SiteScopeMiddleware
from crawler.registry import parse_registry
from crawler.spiders.site import SiteSpider
from pipelines.steps import close_crawl_index


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "0.0.0.0", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255", "192.0.2.5",
    "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:10.0.0.1",
    "::ffff:169.254.169.254", "2001:db8::1", "[::1]", "fe80::1%eth0",
])
def test_internal_addresses_are_blocked(address: str) -> None:
    assert AddressPolicy().is_blocked(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "203.162.4.190", "172.32.0.1", "100.128.0.1",
                                     "2001:4860:4860::8888", "::ffff:8.8.8.8"])
def test_public_addresses_are_allowed(address: str) -> None:
    policy = AddressPolicy()
    assert not policy.is_blocked(address) and policy.refused([address]) is None


def test_a_site_reaches_the_blocked_range_of_its_start_address_but_no_other() -> None:
    policy = AddressPolicy([*DEFAULT_BLOCKED_NETWORKS, "127.0.0.3/32"])
    assert policy.refused(["127.0.0.1"], allowed=["127.0.0.1"]) is None
    assert policy.refused(["127.0.0.2"], allowed=["127.0.0.1"]) is None  # loopback, like its start address
    assert policy.refused(["127.0.0.3"], allowed=["127.0.0.1"]) == "127.0.0.3"  # also in a range of its own
    assert policy.refused(["127.0.0.2"]) == "127.0.0.2"  # a site that is not on loopback never reaches it
    assert policy.refused(["8.8.8.8", "10.0.0.1"], allowed=["127.0.0.1"]) == "10.0.0.1"  # any bad address
    assert policy.refused(["::ffff:169.254.169.254"], allowed=["127.0.0.1"]) == "::ffff:169.254.169.254"
    assert policy.refused(["not-an-address"]) == "not-an-address"


def test_blocked_ranges_are_a_setting() -> None:
    custom = AddressPolicy(["203.0.113.0/24", "8.8.8.8/32"])
    assert custom.is_blocked("8.8.8.8") and not custom.is_blocked("10.0.0.1")
    assert len(AddressPolicy().networks) == len(DEFAULT_BLOCKED_NETWORKS)
    with pytest.raises(ValueError):
        AddressPolicy(["10.0.0.0/33"])


BASE = "http://127.0.0.1:8001"


def crawler_with_site(tmp_path: Path, **settings: object):
    entry = {"slug": "php-a", "name": "LĐLĐ", "province": "Bắc Kạn", "start_urls": BASE + "/",
             "extra_origins": ["http://public.example", "http://metadata.example", "http://127.0.0.3:8001"]}
    crawler = get_crawler(SiteSpider, settings_dict={"CONGDOAN_STATE": str(tmp_path / "state"),
                                                     "CONGDOAN_CRAWL_ID": "t", **settings})
    crawler.stats.open_spider()
    crawler.spider = SiteSpider.from_crawler(crawler, sites=parse_registry({"sites": [entry]}))
    return crawler


def test_scope_is_checked_for_robots_txt_and_after_redirects(tmp_path: Path) -> None:
    crawler = crawler_with_site(tmp_path)
    try:
        scope = SiteScopeMiddleware(crawler)
        assert scope.process_request(Request(BASE + "/a", meta={"site": "php-a"})) is None
        # Scrapy's own robots.txt request has no site: judged by the first URL of its redirect chain
        assert scope.process_request(Request(BASE + "/robots.txt", meta={"dont_obey_robotstxt": True})) is None
        off = Request("http://127.0.0.2:8001/robots.txt", meta={"redirect_urls": [BASE + "/robots.txt"]})
        with pytest.raises(IgnoreRequest):
            scope.process_request(off)
        with pytest.raises(IgnoreRequest):
            scope.process_request(Request("http://elsewhere.invalid/robots.txt"))
        redirected = Request("http://127.0.0.1:8002/x", meta={"site": "php-a", "redirect_urls": [BASE + "/go"]})
        with pytest.raises(IgnoreRequest):
            scope.process_request(redirected)
        assert crawler.stats.get_value("congdoan/offsite_refused") == 3
        assert crawler.stats.get_value("congdoan/site/php-a/skipped/offsite") == 2
    finally:
        close_crawl_index(crawler)


def test_address_policy_judges_the_resolved_address(tmp_path: Path) -> None:
    crawler = crawler_with_site(tmp_path, CONGDOAN_EXTRA_BLOCKED_NETWORKS=["198.51.100.7/32", "127.0.0.3/32"])
    middleware = AddressPolicyMiddleware(crawler)
    names = {"public.example": ["93.184.216.34"], "metadata.example": ["169.254.169.254"]}
    asked: list[str] = []

    async def lookup(host: str) -> list[str]:
        asked.append(host)
        return names.get(host, [])

    middleware.lookup = lookup  # type: ignore[method-assign]

    def check(url: str) -> None:
        asyncio.run(middleware.process_request(Request(url, meta={"site": "php-a"})))

    try:
        check(BASE + "/tin/1.html")  # the site's own start address: loopback, allowed for this site
        check("http://public.example/tin/2.html")
        for url in ("http://metadata.example/latest/meta-data/", "http://127.0.0.3:8001/tin/3.html"):
            with pytest.raises(IgnoreRequest, match="blocked address"):
                check(url)
        with pytest.raises(IgnoreRequest, match="not an http"):
            asyncio.run(middleware.process_request(Request("file:///etc/passwd", meta={"site": "php-a"})))
        check("http://public.example/tin/4.html")
        assert asked == ["public.example", "metadata.example"]  # resolved once per host, literals never
        assert crawler.stats.get_value("congdoan/site/php-a/skipped/address_refused") == 3
    finally:
        close_crawl_index(crawler)
