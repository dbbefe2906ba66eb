"""The site registry: valid entries load, invalid ones fail at start naming the entry and the field."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from crawler.provinces import PROVINCE_2025, province_2025
from crawler.registry import DEFAULT_SITES_FILE, RegistryError, load_registry, parse_registry, select_sites

MINIMAL = {"slug": "backan", "name": "LĐLĐ tỉnh Bắc Kạn", "province": "Bắc Kạn",
           "start_urls": "http://127.0.0.1:8001/"}


def test_minimal_entry_gets_defaults() -> None:
    (site,) = parse_registry({"sites": [MINIMAL]})
    assert site.start_urls == ("http://127.0.0.1:8001/",)
    assert site.article_patterns == () and site.max_pages is None


def test_site_identity_is_scheme_host_and_port() -> None:
    (site,) = parse_registry({"sites": [MINIMAL]})
    assert site.owns("http://127.0.0.1:8001/tin-tuc/a.html")
    assert not site.owns("http://127.0.0.1:8002/tin-tuc/a.html")
    assert not site.owns("https://127.0.0.1:8001/")
    assert not site.owns("mailto:ldld@example.vn")


def test_relative_feed_urls_resolve_against_first_start_url() -> None:
    (site,) = parse_registry({"sites": [{**MINIMAL, "feed_urls": ["/feed/"], "sitemap_urls": "sitemap.xml"}]})
    assert site.feed_urls == ("http://127.0.0.1:8001/feed/",)
    assert site.sitemap_urls == ("http://127.0.0.1:8001/sitemap.xml",)


@pytest.mark.parametrize(("change", "entry", "field"), [
    ({"slug": None}, "#1", "slug"),
    ({"name": ""}, "'backan'", "name"),
    ({"province": None}, "'backan'", "province"),
    ({"start_urls": []}, "'backan'", "start_urls"),
    ({"start_urls": "ftp://x.vn/"}, "'backan'", "start_urls"),
    ({"start_urls": "/relative"}, "'backan'", "start_urls"),
    ({"slug": "Bắc Kạn"}, "'Bắc Kạn'", "slug"),
    ({"slug": "backan\n"}, "'backan\\n'", "slug"),  # a trailing newline: $ would have let it through
    ({"article_patterns": ["(unclosed"]}, "'backan'", "article_patterns"),
    ({"max_pages": 0}, "'backan'", "max_pages"),
    ({"drop_selectors": ["div[[oops"]}, "'backan'", "drop_selectors"),
    ({"max_depth": "3"}, "'backan'", "max_depth"),
    ({"start_url": "http://x.vn/"}, "'backan'", "start_url"),
    ({"status": "closed"}, "'backan'", "status"),
])
def test_invalid_entry_names_entry_and_field(change: dict, entry: str, field: str) -> None:
    raw = {**MINIMAL, **change}
    raw = {k: v for k, v in raw.items() if v is not None}
    with pytest.raises(RegistryError) as err:
        parse_registry({"sites": [raw]})
    assert f"site {entry}" in str(err.value)
    assert f"field '{field}'" in str(err.value)


def test_duplicate_slugs_and_bad_shapes_are_refused() -> None:
    with pytest.raises(RegistryError, match="'backan': field 'slug' is used by more than one site"):
        parse_registry({"sites": [MINIMAL, MINIMAL]})
    with pytest.raises(RegistryError, match="top-level key 'sites:'"):
        parse_registry({"site": [MINIMAL]})
    with pytest.raises(RegistryError, match="site #2: entry must be a mapping"):
        parse_registry({"sites": [MINIMAL, "oops"]})


def test_unknown_province_is_a_warning_not_an_error(caplog: pytest.LogCaptureFixture) -> None:
    (site,) = parse_registry({"sites": [{**MINIMAL, "province": "Atlantis"}]})
    assert site.province == "Atlantis"
    assert "not one of the 63 provinces" in caplog.text


def test_select_sites_refuses_unknown_slug() -> None:
    sites = parse_registry({"sites": [MINIMAL]})
    assert select_sites(sites, []) == sites
    with pytest.raises(RegistryError, match="site 'nowhere': field 'slug'"):
        select_sites(sites, ["nowhere"])


def test_bundled_registry_is_valid_and_named_provinces_are_known() -> None:
    sites = load_registry(DEFAULT_SITES_FILE)
    assert len(sites) >= 10
    assert all(province_2025(site.province) for site in sites)


def test_provinces_cover_63_old_and_34_new() -> None:
    assert len(PROVINCE_2025) == 63
    assert len(set(PROVINCE_2025.values())) == 34
    assert province_2025("Thừa Thiên Huế") == "Huế"
    assert province_2025("bắc kạn") == "Thái Nguyên"


def test_cli_invalid_registry_exits_2_with_one_line_and_writes_nothing(tmp_path: Path) -> None:
    registry = tmp_path / "sites.yaml"
    registry.write_text(yaml.safe_dump({"sites": [{**MINIMAL, "start_urls": "not a url"}]}), encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", "--sites-file", str(registry),
                             "--out", str(out), "--state", str(tmp_path / "state")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "site 'backan': field 'start_urls'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() and not (tmp_path / "state").exists()


def test_cli_sites_lists_registry(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "crawler.cli", "sites"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0
    assert {line.split()[0] for line in result.stdout.splitlines()} == {s.slug for s in load_registry()}


def test_status_offline_is_kept_and_live_is_the_default() -> None:
    live, offline = parse_registry({"sites": [MINIMAL, {**MINIMAL, "slug": "cu", "status": "offline"}]})
    assert (live.status, offline.status) == ("live", "offline")
