"""The congdoan commands that do not crawl on their own: extract, evaluate --dedupe, dedupe --out."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from crawler.sampleserver import DEFAULT_ROOT, SampleSites
from tests.helpers import crawl, load_gold, run_congdoan, write_registry


def test_extract_prints_the_page_as_json_with_iso_dates() -> None:
    gold = next(g for g in load_gold() if g["page_type"] == "article" and g["published_at"] and g["author"])
    route = json.loads((DEFAULT_ROOT / gold["site"] / "routes.json").read_text(encoding="utf-8"))[gold["path"]]
    result = run_congdoan("extract", str(DEFAULT_ROOT / gold["site"] / route["file"]), "--url",
                          "http://127.0.0.1:9" + gold["path"], "--content-type", route["content_type"])
    assert result.returncode == 0, result.stderr
    page = json.loads(result.stdout)
    assert page["page_type"] == "article" and page["title"] == gold["title"]
    assert datetime.fromisoformat(page["published_at"]) == datetime.fromisoformat(gold["published_at"])
    assert page["published_at"].endswith("+07:00")
    assert page["site"] is None and page["crawl_id"] is None


def test_extract_of_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run_congdoan("extract", str(tmp_path / "nope.html"), "--url", "http://127.0.0.1:9/")
    assert result.returncode == 2 and "cannot read" in result.stderr and "Traceback" not in result.stderr


def test_evaluate_dedupe_reports_precision_and_recall() -> None:
    result = run_congdoan("evaluate", "--dedupe")
    assert result.returncode == 0, result.stderr
    assert "precision" in result.stdout and "recall" in result.stdout


def test_dedupe_finds_clusters_in_outputs_merged_from_two_machines(tmp_path: Path) -> None:
    """Two crawls with separate state (two machines) both keep the republished story; the re-check finds it."""
    copies = [g for g in load_gold() if g.get("duplicate_of") and g["duplicate_of"].split(":")[0] != g["site"]]
    copy = copies[0]
    original_site = copy["duplicate_of"].split(":")[0]
    merged = tmp_path / "merged"
    with SampleSites(slugs=[copy["site"], original_site]) as sites:
        for slug in (copy["site"], original_site):
            entries = [e for e in sites.registry_entries() if e["slug"] == slug]
            registry = write_registry(tmp_path / f"{slug}.yaml", entries)
            result, manifest = crawl(registry, tmp_path / slug, tmp_path / f"{slug}-state")
            assert result.returncode == 0 and manifest["totals"]["stored"] >= 3
            shutil.copytree(tmp_path / slug / f"site={slug}", merged / f"site={slug}")
    result = run_congdoan("dedupe", "--out", str(merged))
    assert result.returncode == 0, result.stderr
    clusters = result.stdout.split("\ncluster ")[1:]
    assert len(clusters) == 1, result.stdout
    assert copy["path"] in clusters[0] and copy["duplicate_of"].split(":", 1)[1] in clusters[0]
    assert f"[{copy['site']}]" in clusters[0] and f"[{original_site}]" in clusters[0]


def test_dedupe_of_a_missing_corpus_is_a_usage_error(tmp_path: Path) -> None:
    result = run_congdoan("dedupe", "--out", str(tmp_path / "none"))
    assert result.returncode == 2 and "no such corpus directory" in result.stderr


@pytest.mark.parametrize("setting", ["DOWNLOAD_DELAY=abc", "ROBOTSTXT_OBEY=maybe", "DEDUPE_THRESHOLD=high",
                                     "DEDUPE_THRESHOLD=1.5", "CONGDOAN_ROWS_PER_FILE=many", "nonsense",
                                     "CONGDOAN_EXTRACT_WORKERS=two", "CONGDOAN_EXTRACT_TIMEOUT=0",
                                     "CONGDOAN_EXTRACT_FUNCTION=pipelines.extract.no_such_function"])
def test_invalid_settings_exit_2_before_anything_is_written(tmp_path: Path, setting: str) -> None:
    result = run_congdoan("crawl", "--out", str(tmp_path / "out"), "--state", str(tmp_path / "state"),
                          "-s", setting)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and setting.split("=")[0] in result.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "state").exists()


def test_extract_explain_names_signals_and_removal_rules(tmp_path: Path) -> None:
    page = Path(__file__).parent / "real_pages" / "dev" / "genk-amazon.html"
    url = "http://genk.vn/internet/amazon-ke-lao-luyen-day-chien-luoc-trong-cuoc-chien-cong-nghe-2012122104231130.chn"
    result = run_congdoan("extract", str(page), "--url", url, "--explain")
    assert result.returncode == 0, result.stderr
    record, _, why = result.stdout.partition("\npage type: ")
    assert json.loads(record)["page_type"] == "article"
    assert why.startswith("article") and "main_block_chars" in why and "teaser_share" in why
    # the evidence weighed and the rule of the decision table that decided
    assert "decided by: headline and body" in why and "layout rules said: article" in why
    assert "story evidence: " in why and "main prose block" in why and "site-wide evidence: " in why
    assert "widget heading's box" in why and "Tin liên quan" in why  # the related box and the rule that took it
    profile = tmp_path / "p.json"
    profile.write_text("not json", encoding="utf-8")
    bad = run_congdoan("extract", str(page), "--url", url, "--profile", str(profile))
    assert bad.returncode == 2 and "not a site profile" in bad.stderr
