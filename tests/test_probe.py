"""``congdoan probe``: on sample sites it reports what a crawl meets, and its printed entry, pasted into a
registry, crawls the site."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from crawler.probe import ENTRY_BEGIN, entry_from_output
from crawler.sampleserver import SampleSites
from pipelines.urls import url_key
from tests.helpers import crawl, load_gold, run_congdoan, story, write_registry
from tests.reach_sites import Behaviour, CookieChallenge, ForwardProxy, MovedTo, ProxyOnly, ReachServer

PROBE = ("--delay", "0", "--max-requests", "15")


def probe(url: str, *extra: str):
    result = run_congdoan("probe", url, *PROBE, *extra, timeout=300)
    assert ENTRY_BEGIN in result.stdout, result.stdout + result.stderr[-3000:]
    return result, entry_from_output(result.stdout)


def crawl_entry(tmp_path: Path, entry: dict) -> tuple[dict, set[str]]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    registry = write_registry(tmp_path / "sites.yaml", [entry])
    result, manifest = crawl(registry, tmp_path / "out", tmp_path / "state")
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    frame = pd.read_parquet(tmp_path / "out")
    urls = list(frame["url"])
    assert len(urls) == len({url_key(u) for u in urls}), "a page was stored twice"
    return manifest, {url_key(u) for u in urls}


@pytest.mark.parametrize("slug", ["wordpress-a", "newspaper-a"])
def test_probe_entry_crawls_a_sample_site(slug: str, sample_sites: SampleSites, tmp_path: Path) -> None:
    base = sample_sites.base_url(slug)
    before = len(sample_sites.request_log(slug))
    result, entry = probe(base + "/")
    assert result.returncode == 0
    assert len(sample_sites.request_log(slug)) - before <= 15  # the request budget
    assert entry["start_urls"] == [base + "/"] and entry["article_patterns"]
    assert entry["province"] == sample_sites.sites[slug].meta["province"]
    assert "[article]" in result.stdout and "title:" in result.stdout and "CMS hints:" in result.stdout
    golds = [g for g in load_gold() if g["site"] == slug]
    expected = {url_key(base + g["path"]) for g in golds if g["expect_stored"]}
    copies = {url_key(base + g["path"]) for g in golds if g.get("duplicate_of")}
    _, stored = crawl_entry(tmp_path, entry)
    assert expected - copies <= stored <= expected | copies


def test_probe_reports_cms_sitemap_and_feed(sample_sites: SampleSites) -> None:
    result, entry = probe(sample_sites.base_url("wordpress-a") + "/")
    assert "WordPress" in result.stdout
    assert "wp-sitemap.xml:" in result.stdout and "feed " in result.stdout


@pytest.fixture
def challenge_site() -> Iterator[ReachServer]:
    server = ReachServer(CookieChallenge("challenge", 2000)).start()
    yield server
    server.stop()


def test_probe_solves_a_challenge_and_saves_drafts(challenge_site: ReachServer, tmp_path: Path) -> None:
    result, entry = probe(challenge_site.base + "/", "--save", str(tmp_path / "saved"), "--slug", "thu",
                          "--province", "Kiên Giang")
    assert "challenges: met 1, solved 1, blocked 0" in result.stdout
    assert challenge_site.behaviour.token not in result.stdout + result.stderr
    assert entry["slug"] == "thu" and entry["province"] == "Kiên Giang"
    saved = sorted((tmp_path / "saved").glob("*.json"))
    assert saved
    for gold_file in saved:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        assert {"url", "source", "page_type", "draft"} <= set(gold)
        served = challenge_site.behaviour.answer(gold["url"].removeprefix(challenge_site.base),
                                                 {"Cookie": f"D1N={challenge_site.behaviour.token}"})[2]
        assert gold_file.with_suffix(".html").read_bytes() == served  # the bytes as served, not the stub
        if gold["page_type"] == "article":  # drafts from the page's own blocks, not from our extractor
            n = int(gold["url"].rsplit("-", 1)[1].split(".")[0])
            assert gold["title"] == f"Công đoàn challenge tổ chức hoạt động số {n} cho đoàn viên"
            assert set(story(n).split("\n")) <= set(gold["paragraphs"])
            assert "Bản quyền thuộc về challenge" in gold["paragraphs"]  # chrome too: the labeller deletes it
            assert gold["lead"] is None and gold["author"] is None and gold["forbidden"] == []
    _, stored = crawl_entry(tmp_path / "crawl", entry)
    assert stored == {url_key(challenge_site.base + p) for p in challenge_site.behaviour.article_paths()}


def test_probe_follows_a_redirect_to_https(tmp_path: Path) -> None:
    https = ReachServer(Behaviour("https", 2100), tls=True).start()
    door = ReachServer(MovedTo("door", target=lambda: https.base)).start()
    try:
        result, entry = probe(door.base + "/")
        assert f"-> 301 {https.base}/: the same site under another door" in result.stdout
        assert entry["start_urls"] == [https.base + "/"]
        _, stored = crawl_entry(tmp_path, entry)
        assert stored == {url_key(https.base + p) for p in https.behaviour.article_paths()}
    finally:
        https.stop()
        door.stop()


def test_probe_refuses_a_bad_url() -> None:
    result = run_congdoan("probe", "not a url")
    assert result.returncode == 2 and "not an absolute http(s) URL" in result.stderr


def test_probe_of_an_unreachable_site_exits_1() -> None:
    result = run_congdoan("probe", "http://127.0.0.1:9/", *PROBE)
    assert result.returncode == 1 and "start URL not readable" in result.stdout


def test_probe_through_a_proxy_redacts_its_password() -> None:
    site, proxy = ReachServer(ProxyOnly("proxied", 2200)).start(), ForwardProxy().start()
    try:
        result, entry = probe(site.base + "/", "--proxy", f"http://user:pr0xy-pw@{proxy.address}")
        assert result.returncode == 0 and "[article]" in result.stdout
        assert entry["proxy"] == f"http://user:***@{proxy.address}"
        assert "pr0xy-pw" not in result.stdout + result.stderr
        assert proxy.seen and all(url.startswith(site.base) for url, _ in proxy.seen)
    finally:
        site.stop()
        proxy.stop()


def test_probe_section_keeps_the_rest_of_the_newspaper_out(sample_sites: SampleSites, tmp_path: Path) -> None:
    base = sample_sites.base_url("newspaper-a")
    result, entry = probe(base + "/cong-doan", "--section")
    assert entry["deny_patterns"] == [r"^https?://[^/]+/(?!cong-doan(/|\?|$)|robots\.txt$)"]
    assert "/vi-loi-ich-doan-vien/" not in result.stdout.split(ENTRY_BEGIN)[0]  # sampled in the section only
    golds = [g for g in load_gold() if g["site"] == "newspaper-a" and g["expect_stored"]]
    in_section = {url_key(base + g["path"]) for g in golds if g["path"].startswith("/cong-doan/")}
    log_before = len(sample_sites.request_log("newspaper-a"))
    _, stored = crawl_entry(tmp_path, entry)
    assert in_section and stored == in_section
    crawled = sample_sites.request_log("newspaper-a")[log_before:]
    assert not [t for t in crawled if t.startswith("/vi-loi-ich-doan-vien")]
