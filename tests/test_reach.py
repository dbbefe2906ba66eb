"""Reaching hard sites, end to end: one crawl over loopback sites that each behave like a hard real one
(cookie stub, JavaScript challenge, redirects to another path, to https, to another host, a sitemap on another
host, 429 + Retry-After, a slow server, a site reachable only through a proxy), plus one crawl through the
``http_proxy`` environment variable."""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers import crawl, write_registry
from tests.reach_sites import (
    Behaviour,
    BrowserChallenge,
    CookieChallenge,
    ForwardProxy,
    MovedTo,
    ProxyOnly,
    ReachServer,
    Redirecting,
    SitemapHost,
    SitemapOnly,
    Slow,
    Throttling,
)

SECRET = "s3cret-pw"


class Sites:
    """The running behaviour sites and the crawl's results."""

    def __init__(self) -> None:
        self.other = ReachServer(Behaviour("other", 1450), host="127.0.0.2")
        self.challenge = ReachServer(CookieChallenge("challenge", 1000))
        self.jschallenge = ReachServer(BrowserChallenge("jschallenge", 1100))
        self.redirpath = ReachServer(Redirecting("redirpath", 1200, home="/portal/vi/",
                                                 to=lambda s: "/portal/vi/"))
        self.https = ReachServer(Behaviour("https", 1300), tls=True)
        self.door = ReachServer(MovedTo("door", target=lambda: self.https.base))
        self.elsewhere = ReachServer(Redirecting("elsewhere", 1400, to=lambda s: self.other.base + "/"))
        sitemap_site = SitemapOnly("sitemap", 1500)
        self.sitemap = ReachServer(sitemap_site)
        self.cdn = ReachServer(SitemapHost(sitemap_site, foreign=lambda: self.other.base), host="127.0.0.2")
        self.throttle = ReachServer(Throttling("throttle", 1600))
        self.slow = ReachServer(Slow("slow", 1700))
        self.slowok = ReachServer(Slow("slowok", 1800))
        self.proxied = ReachServer(ProxyOnly("proxied", 1900))
        self.proxy = ForwardProxy()
        self.servers = [v for v in vars(self).values() if isinstance(v, ReachServer)]

    def entries(self) -> list[dict]:
        def entry(slug: str, start: str, **extra: object) -> dict:
            return {"slug": slug, "name": f"Công đoàn {slug}", "province": "Bắc Kạn", "start_urls": start, **extra}

        return [
            entry("challenge", self.challenge.base + "/"),
            entry("jschallenge", self.jschallenge.base + "/"),
            entry("redirpath", self.redirpath.base + "/", delay=1),
            entry("https", self.door.base + "/"),
            entry("elsewhere", self.elsewhere.base + "/"),
            entry("sitemap", self.sitemap.base + "/", sitemap_urls=[self.cdn.base + "/sitemaps/index.xml"]),
            entry("throttle", self.throttle.base + "/"),
            entry("slow", self.slow.base + "/", download_timeout=2),
            entry("slowok", self.slowok.base + "/", download_timeout=20),
            entry("proxied", self.proxied.base + "/", proxy=f"http://user:{SECRET}@{self.proxy.address}"),
        ]


@pytest.fixture(scope="module")
def reach(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Sites, object, dict, pd.DataFrame, Path]]:
    sites = Sites()
    for server in sites.servers:
        server.start()
    sites.proxy.start()
    try:
        tmp = tmp_path_factory.mktemp("reach")
        registry = write_registry(tmp / "sites.yaml", sites.entries())
        result, manifest = crawl(registry, tmp / "out", tmp / "state")
        frame = pd.read_parquet(tmp / "out") if manifest["totals"]["stored"] else pd.DataFrame()
        yield sites, result, manifest, frame, tmp / "out"
    finally:
        for server in sites.servers:
            server.stop()
        sites.proxy.stop()


def stored_urls(frame: pd.DataFrame, slug: str) -> list[str]:
    return sorted(frame.loc[frame["site"] == slug, "url"]) if len(frame) else []


def expect_articles(frame: pd.DataFrame, slug: str, base: str, behaviour: Behaviour) -> None:
    """Every article of the site stored exactly once."""
    assert stored_urls(frame, slug) == sorted(base + p for p in behaviour.article_paths())


def test_cookie_challenge_solved_once_per_session(reach) -> None:
    sites, result, manifest, frame, out = reach
    behaviour = sites.challenge.behaviour
    expect_articles(frame, "challenge", sites.challenge.base, behaviour)
    assert behaviour.stubs == 1  # one stub for the whole session, not one per page
    assert manifest["sites"]["challenge"]["challenges"] == {"met": 1, "solved": 1, "blocked": 0}
    assert manifest["sites"]["challenge"]["dropped"]["other"] == 0  # the stub was never a page
    # the cookie went to this site only, and is written nowhere
    for server in sites.servers:
        if server is not sites.challenge:
            assert not any("D1N" in h.get("Cookie", "") for _, _, h in server.log), server.behaviour.name
    written = "".join(p.read_bytes().decode("latin-1") for p in out.rglob("*") if p.is_file())
    assert behaviour.token not in written + result.stdout + result.stderr


def test_unreadable_challenge_blocked_and_named(reach) -> None:
    sites, result, manifest, frame, out = reach
    site = manifest["sites"]["jschallenge"]
    assert site["stored"] == 0 and site["challenges"]["blocked"] >= 1 and site["challenges"]["solved"] == 0
    assert site["dropped"]["other"] == 0
    assert "challenge" in manifest["empty_sites"]["jschallenge"]
    assert "jschallenge stored nothing: blocked by a challenge page" in result.stdout


def test_redirect_to_another_path(reach) -> None:
    sites, result, manifest, frame, out = reach
    expect_articles(frame, "redirpath", sites.redirpath.base, sites.redirpath.behaviour)


def test_site_delay_field(reach) -> None:
    sites, *_ = reach
    times = sorted(t for t, target, _ in sites.redirpath.log if target != "/robots.txt")
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(gaps) >= 3 and min(gaps) >= 0.45  # delay 1 s, Scrapy's ±50% jitter


def test_redirect_to_https_extends_scope(reach) -> None:
    sites, result, manifest, frame, out = reach
    expect_articles(frame, "https", sites.https.base, sites.https.behaviour)
    assert manifest["sites"]["https"]["admitted_origins"] == [sites.https.base]
    assert f"scope extended to {sites.https.base}" in result.stdout


def test_redirect_elsewhere_reported_never_followed(reach) -> None:
    sites, result, manifest, frame, out = reach
    assert manifest["sites"]["elsewhere"]["stored"] == 0
    assert manifest["sites"]["elsewhere"]["redirected_out"] == [
        {"from": sites.elsewhere.base + "/", "to": sites.other.base + "/", "extra_origins": sites.other.base}]
    assert f"extra_origins: ['{sites.other.base}']" in manifest["empty_sites"]["elsewhere"]
    assert "elsewhere stored nothing" in result.stdout
    assert sites.other.targets() == []  # nothing outside scope: not the redirect, not the sitemap's foreign URL
    assert result.returncode == 1  # sites that answered no request (jschallenge, slow)


def test_sitemap_on_another_host(reach) -> None:
    sites, result, manifest, frame, out = reach
    expect_articles(frame, "sitemap", sites.sitemap.base, sites.sitemap.behaviour)
    assert {"/sitemaps/index.xml", "/sitemaps/news.xml"} <= set(sites.cdn.targets())
    assert sites.other.targets() == []


def test_retry_after_honoured(reach) -> None:
    sites, result, manifest, frame, out = reach
    behaviour = sites.throttle.behaviour
    expect_articles(frame, "throttle", sites.throttle.base, behaviour)
    assert manifest["sites"]["throttle"]["retry_after"] == len(behaviour.article_paths())
    assert manifest["sites"]["throttle"]["errors"] == {}
    for path in behaviour.article_paths():
        times = [t for t, target, _ in sites.throttle.log if target == path]
        assert len(times) == 2 and times[1] - times[0] >= 1.95, path


def test_slow_site_times_out_and_is_named(reach) -> None:
    sites, result, manifest, frame, out = reach
    site = manifest["sites"]["slow"]
    assert site["stored"] == 0 and site["errors"].get("timeout", 0) >= 1
    assert manifest["empty_sites"]["slow"].startswith("every request failed (timeout")
    assert "slow stored nothing: every request failed" in result.stdout
    expect_articles(frame, "slowok", sites.slowok.base, sites.slowok.behaviour)  # 3 s answers, 20 s timeout


def test_site_proxy(reach) -> None:
    sites, result, manifest, frame, out = reach
    expect_articles(frame, "proxied", sites.proxied.base, sites.proxied.behaviour)
    credentials = "Basic " + base64.b64encode(f"user:{SECRET}".encode()).decode()
    assert sites.proxy.seen and all(auth == credentials for _, auth in sites.proxy.seen)
    assert all(url.startswith(sites.proxied.base) for url, _ in sites.proxy.seen)
    assert manifest["sites"]["proxied"]["proxy"] == f"http://user:***@{sites.proxy.address}"
    written = "".join(p.read_bytes().decode("latin-1") for p in out.rglob("*") if p.is_file())
    assert SECRET not in written + result.stdout + result.stderr


def test_every_empty_site_named(reach) -> None:
    sites, result, manifest, frame, out = reach
    empty = {slug for slug, s in manifest["sites"].items() if s["stored"] == 0}
    assert empty == {"jschallenge", "elsewhere", "slow"}
    assert set(manifest["empty_sites"]) == empty


def test_environment_proxy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, proxy = ReachServer(ProxyOnly("proxied", 1900)).start(), ForwardProxy().start()
    try:
        monkeypatch.setenv("http_proxy", f"http://{proxy.address}")
        monkeypatch.delenv("no_proxy", raising=False)
        monkeypatch.delenv("NO_PROXY", raising=False)
        registry = write_registry(tmp_path / "sites.yaml", [
            {"slug": "proxied", "name": "Công đoàn", "province": "Bắc Kạn", "start_urls": site.base + "/"}])
        assert os.environ["http_proxy"]
        result, manifest = crawl(registry, tmp_path / "out", tmp_path / "state")
        frame = pd.read_parquet(tmp_path / "out")
        expect_articles(frame, "proxied", site.base, site.behaviour)
        assert proxy.seen
    finally:
        site.stop()
        proxy.stop()


def test_one_stub_per_session_without_robots(tmp_path: Path) -> None:
    """Without robots.txt first, the site's requests still go one at a time until the stub is answered."""
    site = ReachServer(CookieChallenge("challenge", 2500, articles=8)).start()
    try:
        registry = write_registry(tmp_path / "sites.yaml", [
            {"slug": "challenge", "name": "Công đoàn", "province": "Bắc Kạn", "start_urls": site.base + "/"}])
        result, manifest = crawl(registry, tmp_path / "out", tmp_path / "state", "-s", "ROBOTSTXT_OBEY=False")
        assert result.returncode == 0, result.stderr[-3000:]
        expect_articles(pd.read_parquet(tmp_path / "out"), "challenge", site.base, site.behaviour)
        assert site.behaviour.stubs == 1
        assert manifest["sites"]["challenge"]["challenges"] == {"met": 1, "solved": 1, "blocked": 0}
    finally:
        site.stop()
