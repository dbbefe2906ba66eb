"""Crawler traps: page budget, URL-pattern cap and depth; long paginations still crawled to the end."""

from __future__ import annotations

from crawler.registry import parse_registry
from crawler.traps import TrapGuard, TrapLimits, url_pattern


def site(**extra: object):
    entry = {"slug": "s", "name": "S", "province": "Bắc Kạn", "start_urls": "http://127.0.0.1:9/", **extra}
    return parse_registry({"sites": [entry]})[0]


def test_pattern_masks_digits_and_query_values() -> None:
    assert url_pattern("http://x.vn/lich/2024/05/") == "/lich/N/N/"
    assert url_pattern("http://x.vn/index.php?page=9&cat=3&page=10") == "/index.php?cat=*&page=*"
    assert url_pattern("http://x.vn/tin-tuc/page-12") == url_pattern("http://x.vn/tin-tuc/page-13")
    assert url_pattern("http://x.vn/a?q=1") != url_pattern("http://x.vn/a?p=1")


def crawl_calendar(guard: TrapGuard, s, months: int) -> int:
    """Follow an endless calendar: each month page links to the next one; nothing is ever an article."""
    fetched = 0
    meta = guard.admit(s, "http://127.0.0.1:9/", seed=True)
    for n in range(months):
        admitted = guard.admit(s, f"http://127.0.0.1:9/lich/{2000 + n // 12}/{n % 12 + 1:02d}/", parent=meta)
        if isinstance(admitted, str):
            break
        guard.fetched("s", admitted)
        fetched += 1
        meta = admitted
    return fetched


def test_endless_calendar_is_cut_at_the_pattern_cap() -> None:
    guard = TrapGuard(TrapLimits(pattern_pages=10))
    assert crawl_calendar(guard, site(), months=10_000) == 10
    report = guard.report("s")
    assert report["cut"] == {"trap_pattern": 1} and report["patterns"] == {"/lich/N/N/": 1}


def test_pagination_that_yields_new_articles_is_crawled_to_the_end() -> None:
    guard, s = TrapGuard(TrapLimits(pattern_pages=3, max_depth=2)), site()
    listing = guard.admit(s, "http://127.0.0.1:9/", seed=True)
    for page in range(1, 500):  # 500 archive pages, far past the cap and the depth
        listing = guard.admit(s, f"http://127.0.0.1:9/chuyen-muc/page-{page}", parent=listing)
        assert isinstance(listing, dict), f"page {page} cut: {listing}"
        guard.fetched("s", listing)
        article = guard.admit(s, f"http://127.0.0.1:9/tin/bai-viet-so-{page}.html", parent=listing)
        assert isinstance(article, dict)
        guard.fetched("s", article)
        guard.credit("s", article)  # stored: a new article, found through this listing page
    assert listing["trap_depth"] == 1 and guard.report("s")["cut"] == {}


def test_one_page_with_200k_links_of_one_pattern_queues_a_bounded_number() -> None:
    guard, s = TrapGuard(TrapLimits(pattern_pages=10)), site()
    page = guard.admit(s, "http://127.0.0.1:9/", seed=True)
    admitted = [guard.admit(s, f"http://127.0.0.1:9/l/{n}", parent=page) for n in range(200_000)]
    assert sum(isinstance(a, dict) for a in admitted) == 30
    assert guard.report("s")["cut"] == {"trap_pattern": 200_000 - 30}
    # ... while a sitemap's list of stories is not cut by pattern
    sitemap = guard.admit(s, "http://127.0.0.1:9/sitemap.xml", seed=True)
    listed = [guard.admit(s, f"http://127.0.0.1:9/l/{n}", parent=sitemap, listed=True) for n in range(5_000)]
    assert all(isinstance(a, dict) for a in listed)


def test_requests_the_scheduler_drops_as_duplicates_do_not_count_as_queued() -> None:
    guard, s = TrapGuard(TrapLimits(pattern_pages=10)), site()  # at most 30 of a pattern wait in the queue
    page = guard.admit(s, "http://127.0.0.1:9/", seed=True)
    for n in range(120):  # 20 pages linked again and again ("#top", reordered queries)
        admitted = guard.admit(s, f"http://127.0.0.1:9/l/{n % 20}", parent=page)
        assert isinstance(admitted, dict), f"link {n} cut"
        if n >= 20:
            guard.unqueued("s", admitted)  # the scheduler's duplicate filter refused it
    assert guard.report("s")["cut"] == {} and guard.requested["s"] == 21


def test_budget_and_depth() -> None:
    guard = TrapGuard(TrapLimits(max_pages=4, max_depth=2))
    s = site()
    meta = guard.admit(s, "http://127.0.0.1:9/", seed=True)
    meta = guard.admit(s, "http://127.0.0.1:9/a/", parent=meta)
    meta = guard.admit(s, "http://127.0.0.1:9/a/b/", parent=meta)
    assert meta["trap_depth"] == 2
    assert guard.admit(s, "http://127.0.0.1:9/a/b/c/", parent=meta) == "max_depth"
    assert isinstance(guard.admit(s, "http://127.0.0.1:9/x", seed=True), dict)
    assert guard.admit(s, "http://127.0.0.1:9/y", seed=True) == "max_pages"  # 4 requested: budget spent
    # registry fields override the settings; article patterns are never cut by depth or pattern
    own = site(max_pages=100, max_depth=1, article_patterns=[r"/tin/"])
    guard = TrapGuard(TrapLimits(max_pages=3, max_depth=20))
    meta = guard.admit(own, "http://127.0.0.1:9/", seed=True)
    meta = guard.admit(own, "http://127.0.0.1:9/a/", parent=meta)
    assert guard.admit(own, "http://127.0.0.1:9/a/b/", parent=meta) == "max_depth"
    assert isinstance(guard.admit(own, "http://127.0.0.1:9/a/b/tin/1", parent=meta, article=True), dict)
    assert guard.report("s")["cut"] == {"max_depth": 1}


def test_zero_means_no_limit() -> None:
    guard = TrapGuard(TrapLimits(max_pages=0, pattern_pages=0, max_depth=0))
    assert crawl_calendar(guard, site(), months=2_000) == 2_000
