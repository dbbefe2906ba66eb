"""The loopback sample-site server, and the consistency of the generated sample sites and their gold labels."""

from __future__ import annotations

import html
import http.client
import json
import re
import subprocess
import sys
import unicodedata
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import pytest

from crawler.sampleserver import DEFAULT_ROOT, SampleSites, load_site_pages

SAMPLE_DIR = DEFAULT_ROOT.parent
GOLD_ROOT = SAMPLE_DIR / "gold"
sys.path.insert(0, str(SAMPLE_DIR))
from legacy_encodings import encode_cp1258, encode_tcvn3  # noqa: E402

SLUGS = sorted(d.name for d in DEFAULT_ROOT.iterdir() if (d / "site.json").is_file())
GOLD_KEYS = {"site", "path", "page_type", "language", "title", "lead", "paragraphs", "author", "published_at",
             "date_only", "category", "must_not_contain", "family", "variant", "legacy_font", "nfd", "reachable",
             "duplicate_of", "expect_stored"}
HREF = re.compile(rb"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def routes(slug: str) -> dict[str, dict]:
    return json.loads((DEFAULT_ROOT / slug / "routes.json").read_text(encoding="utf-8"))


def golds(slug: str | None = None) -> list[dict]:
    dirs = [GOLD_ROOT / slug] if slug else sorted(GOLD_ROOT.iterdir())
    return [json.loads(f.read_text(encoding="utf-8")) for d in dirs for f in sorted(d.glob("*.json"))]


def fetch(base: str, target: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """One raw HTTP request (no redirect following)."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request(method, target)
        resp = conn.getresponse()
        body = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body
    finally:
        conn.close()


@pytest.fixture(scope="module")
def server():
    sites = SampleSites(slugs=["php-a", "wordpress-a", "liferay-a", "joomla-a", "aspnet-a", "joomla-b"])
    sites.start()
    yield sites
    sites.stop()


# --- server -----------------------------------------------------------------------------------------------------


def test_each_site_has_its_own_loopback_port(server):
    bases = {slug: server.base_url(slug) for slug in server.sites}
    assert all(b.startswith("http://127.0.0.1:") for b in bases.values())
    assert len(set(bases.values())) == len(bases)


def test_serves_route_bytes_exactly_with_content_type_and_length(server):
    slug = "php-a"
    target, route = next((t, r) for t, r in routes(slug).items()
                         if r["file"] and r["status"] == 200 and not r.get("rewrite_base_urls") and "?" not in t)
    status, headers, body = fetch(server.base_url(slug), target)
    assert status == 200
    assert body == (DEFAULT_ROOT / slug / route["file"]).read_bytes()
    assert headers["content-type"] == route["content_type"]
    assert int(headers["content-length"]) == len(body) == route["size"]


def test_head_sends_length_but_no_body(server):
    status, headers, body = fetch(server.base_url("php-a"), "/", method="HEAD")
    assert status == 200 and body == b""
    assert int(headers["content-length"]) == (DEFAULT_ROOT / "php-a" / routes("php-a")["/"]["file"]).stat().st_size


def test_unknown_path_is_404(server):
    status, _, _ = fetch(server.base_url("php-a"), "/khong-co-trang-nay.html")
    assert status == 404


def test_redirect_route_answers_301_with_location(server):
    status, headers, _ = fetch(server.base_url("liferay-a"), "/")
    assert status == 301
    assert headers["location"] == server.base_url("liferay-a") + routes("liferay-a")["/"]["redirect"]


def test_error_route_answers_its_status(server):
    status, _, _ = fetch(server.base_url("joomla-a"), "/index.php/van-ban/download/17")
    assert status == 500


def test_query_order_and_tracking_parameters(server):
    slug = "joomla-b"
    target = next(t for t, r in routes(slug).items() if "view=article" in t)
    path, query = target.split("?", 1)
    shuffled = path + "?" + "&".join(reversed(query.split("&")))
    assert fetch(server.base_url(slug), shuffled)[0] == 200
    bare = next(t for t, r in routes("wordpress-a").items() if r["file"] and t.endswith("/") and t != "/")
    base = server.base_url("wordpress-a")
    assert fetch(base, bare + "?utm_source=facebook&fbclid=abc")[0] == 200
    assert fetch(base, bare + "?utm_source=facebook&p=7")[0] == 404


def test_base_url_placeholders_are_filled(server):
    _, _, body = fetch(server.base_url("wordpress-a"), "/wp-sitemap.xml")
    assert b"{{BASE_URL" not in body
    assert (server.base_url("wordpress-a") + "/").encode() in body
    _, _, page = fetch(server.base_url("aspnet-a"), "/")
    assert (server.base_url("php-a") + "/").encode() in page  # link to another running sample site


def test_request_log_and_registry_entries(server):
    fetch(server.base_url("wordpress-a"), "/robots.txt")
    assert "/robots.txt" in server.request_log("wordpress-a")
    entries = {e["slug"]: e for e in server.registry_entries()}
    wp = entries["wordpress-a"]
    assert wp["start_urls"] == [server.base_url("wordpress-a") + "/"]
    assert wp["sitemap_urls"] == [server.base_url("wordpress-a") + "/wp-sitemap.xml"]
    assert wp["province"] and wp["name"].startswith("Liên đoàn Lao động")


def test_stop_is_idempotent_and_frees_the_port():
    sites = SampleSites(slugs=["php-b"])
    sites.start()
    base = sites.base_url("php-b")
    assert fetch(base, "/")[0] == 200
    sites.stop()
    sites.stop()
    with pytest.raises(RuntimeError):
        sites.base_url("php-b")
    with pytest.raises(OSError):
        fetch(base, "/")


# --- generated sites and gold -----------------------------------------------------------------------------------


def test_sixteen_sites_two_variants_per_family():
    metas = [json.loads((DEFAULT_ROOT / s / "site.json").read_text(encoding="utf-8")) for s in SLUGS]
    assert len(metas) == 16
    fams = {(m["family"], m["variant"]) for m in metas}
    assert len(fams) == 16 and {v for _, v in fams} == {"a", "b"}
    assert len({m["province"] for m in metas}) == 16
    assert all(m["start_paths"] for m in metas)


@pytest.mark.parametrize("slug", SLUGS)
def test_routes_and_gold_agree(slug):
    r = routes(slug)
    for target, route in r.items():
        assert target.startswith("/"), target
        if route["file"]:
            path = DEFAULT_ROOT / slug / route["file"]
            assert path.is_file(), target
            assert route["size"] == path.stat().st_size
        if route["status"] == 301:
            assert route["redirect"] in r
    for g in golds(slug):
        assert set(g) == GOLD_KEYS
        assert g["site"] == slug and g["path"] in r and r[g["path"]]["file"]
        assert g["page_type"] in {"article", "listing", "other"}
        assert all(p == unicodedata.normalize("NFC", p) and p.strip() for p in g["paragraphs"])
        if g["page_type"] == "article":
            assert g["title"] and g["paragraphs"] and g["published_at"]
            assert g["lead"] is None or g["paragraphs"][0] == g["lead"]
        else:
            assert not g["expect_stored"]
        text = "\n".join(g["paragraphs"])
        assert not any(s in text for s in g["must_not_contain"])


def _page_text(body: bytes, content_type: str) -> str:
    charset = content_type.split("charset=")[-1] if "charset=" in content_type else "windows-1258"
    return html.unescape(body.decode(charset.replace("windows-", "cp"), errors="replace"))


def test_gold_text_is_on_the_page_as_served():
    """Each gold paragraph occurs in the page bytes in the page's own encoding (UTF-8, NFD, cp1258 or TCVN3)."""
    checked = 0
    for page in load_site_pages():
        g = page.gold
        for para in g["paragraphs"]:
            escaped = html.escape(para, quote=True)
            if g["legacy_font"]:
                needle = encode_tcvn3(escaped)
            elif g["nfd"]:
                needle = unicodedata.normalize("NFD", escaped).encode()
            elif g["family"] == "legacy":
                needle = encode_cp1258(escaped)
            else:
                needle = escaped.encode()
            assert needle in page.body, (page.slug, page.path, para[:60])
            checked += 1
    assert checked > 500


def test_corpus_size_and_special_cases():
    allg = golds()
    arts = [g for g in allg if g["page_type"] == "article"]
    stored = [g for g in arts if g["expect_stored"]]
    assert len(arts) >= 60 and len(stored) >= 40
    assert all(g["language"] == "vi" for g in stored)
    assert any(g["language"] == "en" for g in arts)
    assert any(g["legacy_font"] for g in arts) and any(g["nfd"] for g in arts)
    assert any(g["date_only"] for g in stored) and any(not g["reachable"] for g in arts)
    dups = [g for g in arts if g["duplicate_of"]]
    by_key = {f"{g['site']}:{g['path']}": g for g in arts}
    cross = [g for g in dups if g["duplicate_of"].split(":")[0] != g["site"]]
    assert cross, "a story republished on a second site"
    for g in dups:
        orig = by_key[g["duplicate_of"]]
        assert orig["expect_stored"] and not g["expect_stored"]
        assert set(orig["paragraphs"]) <= set(g["paragraphs"])
    lengths = [len(g["paragraphs"]) for g in stored]
    assert min(lengths) <= 2 and max(lengths) >= 10
    oversized = [(s, r) for s in SLUGS for r in routes(s).values() if r.get("oversized")]
    assert oversized and all(r["size"] > 2_500_000 for _, r in oversized)
    assert any(r["content_type"] == "application/pdf" for s in SLUGS for r in routes(s).values())


def test_monthly_reports_share_wording_but_not_facts():
    prefix = "Giao ban công tác công đoàn tháng"
    reports = [g for g in golds("joomla-a") if g["title"] and g["title"].startswith(prefix)]
    assert len(reports) >= 2
    a, b = reports[0]["paragraphs"], reports[1]["paragraphs"]
    assert a != b and len(a) == len(b)
    numbers = [set(re.findall(r"\d[\d.,]*", " ".join(x))) for x in (a, b)]
    assert numbers[0] != numbers[1]


def _allowed(robots: RobotFileParser | None, target: str) -> bool:
    return robots is None or robots.can_fetch("congdoan-bot", target)


@pytest.mark.parametrize("slug", SLUGS)
def test_reachable_articles_are_linked_from_the_start_pages(slug):
    """Walk links from the start paths (same site only, robots.txt respected) through the routes offline."""
    sites = SampleSites(slugs=[slug])  # not started: route lookup only
    r = routes(slug)
    robots = None
    if "/robots.txt" in r:
        robots = RobotFileParser()
        robots.parse((DEFAULT_ROOT / slug / r["/robots.txt"]["file"]).read_text(encoding="utf-8").splitlines())
    meta = json.loads((DEFAULT_ROOT / slug / "site.json").read_text(encoding="utf-8"))
    queue, seen, served = deque(meta["start_paths"]), set(meta["start_paths"]), set()
    while queue:
        target = queue.popleft()
        route = sites.route_for(slug, target)
        if route is None or not _allowed(robots, target):
            continue
        links: list[str] = []
        if route.get("redirect"):
            links.append(route["redirect"])
        elif route["file"] and route["content_type"].startswith("text/html") and route["status"] == 200:
            served.add(route["file"])
            body = (DEFAULT_ROOT / slug / route["file"]).read_bytes()
            links += [html.unescape(m.decode("latin-1")) for m in HREF.findall(body)]
        for link in links:
            if "{{" in link or link.startswith(("#", "javascript:", "mailto:")):
                continue
            absolute = urljoin("http://site" + target, link)
            parts = urlsplit(absolute)
            if parts.netloc != "site":
                continue
            nxt = parts.path + (f"?{parts.query}" if parts.query else "")
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    for g in golds(slug):
        visited = r[g["path"]]["file"] in served
        if g["expect_stored"]:
            assert visited, g["path"]
        if g["page_type"] == "article" and not g["reachable"]:
            assert not visited, g["path"]
        if g["page_type"] == "article" and g["reachable"] and not visited:
            assert not _allowed(robots, g["path"]), g["path"]  # reachable but robots-disallowed


def test_generator_is_deterministic(tmp_path: Path):
    subprocess.run([sys.executable, str(SAMPLE_DIR / "generate.py"), "--out", str(tmp_path)], check=True,
                   capture_output=True)
    for sub in ("sites", "gold"):
        ours = sorted(p.relative_to(SAMPLE_DIR / sub) for p in (SAMPLE_DIR / sub).rglob("*") if p.is_file())
        theirs = sorted(p.relative_to(tmp_path / sub) for p in (tmp_path / sub).rglob("*") if p.is_file())
        assert ours == theirs
        for rel in ours:
            assert (SAMPLE_DIR / sub / rel).read_bytes() == (tmp_path / sub / rel).read_bytes(), rel
