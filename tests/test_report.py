"""``congdoan stats`` and ``congdoan report``: the numbers per site, site health across runs, and an HTML report
whose plots render in headless Chromium while markup from scraped data stays text and never runs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import pytest

from pipelines.parquet import DatasetWriter
from pipelines.report import CSP, SCRIPT
from tests.helpers import make_record, run_congdoan

VN = ZoneInfo("Asia/Ho_Chi_Minh")
#: Payloads that would change the page if they ran: the checks look for these effects in Chromium's DOM.
TITLE = "<script>document.title='PWNED';document.body.setAttribute('data-pwned','title')</script>"
AUTHOR = "<img src=x onerror=\"document.body.setAttribute('data-pwned','author')\">"
CATEGORY = "</td></tr></table><script>document.body.setAttribute('data-pwned','category')</script>"
URL = "http://127.0.0.1:9/\"><script>document.body.setAttribute('data-pwned','url')</script>"
PROVINCE = "<svg onload=\"document.body.setAttribute('data-pwned','province')\">"


def write_runs(out: Path, runs: list[dict]) -> None:
    (out / "_runs").mkdir(parents=True, exist_ok=True)
    for n, sites in enumerate(runs):
        manifest = {"crawl_id": f"2026112{n}T000000Z-00000{n}", "started_at": f"2026-11-2{n}T00:00:00+00:00",
                    "finish_reason": "finished", "sites": sites}
        (out / "_runs" / f"{manifest['crawl_id']}.json").write_text(json.dumps(manifest), encoding="utf-8")


def site_run(responses: int, stored: int, listing: int = 3, **extra: object) -> dict:
    return {"responses": responses, "stored": stored, "dropped": {"listing": listing, "other": 1, "duplicate": 0,
                                                                  "already_stored": 0}, **extra}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus whose titles, authors, categories, URLs and provinces carry markup, and two runs' manifests."""
    out = tmp_path_factory.mktemp("hostile") / "out"
    writer = DatasetWriter(out, "c1")
    start = datetime(2021, 1, 5, 9, 30, tzinfo=VN)
    for n in range(6):
        record = make_record("alpha" if n < 4 else "beta", n)
        record.update(published_at=start + timedelta(days=40 * n), word_count=100 + 10 * n,
                      author=AUTHOR if n % 2 else None, category=CATEGORY, title=f"{TITLE} {n}",
                      quality_flags=["date_only"] if n in (0, 1, 3) else [])
        if n == 1:
            record.update(url=URL, province=PROVINCE)
        writer.add_record(record)
    kept = make_record("alpha", 0)["id"]
    writer.add_duplicate({"id": "d" * 16, "url": URL, "site": "beta", "duplicate_of": kept, "similarity": 0.91,
                          "reason": "near", "crawl_id": "c1"})
    writer.flush()
    write_runs(out, [  # gamma's first run has no error_count: its errors are summed
        {"alpha": site_run(10, 4), "beta": site_run(8, 2), "gamma": site_run(7, 3, errors={"http_500": 2})},
        {"alpha": site_run(9, 0, skipped={"already_stored": 4}), "beta": site_run(6, 0, listing=2),
         "gamma": site_run(0, 0, listing=0, challenges={"met": 2, "solved": 0, "blocked": 2}),
         PROVINCE: site_run(1, 0)},
    ])
    (out / "_runs" / "broken.json").write_text("{not json", encoding="utf-8")
    return out


def test_stats_prints_a_table_per_site(hostile: Path) -> None:
    result = run_congdoan("stats", "--out", str(hostile))
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line.strip()}
    head = lines["site"]
    alpha = dict(zip(head[:5] + head[6:], lines["alpha"], strict=False))
    assert lines["alpha"][:4] == ["alpha", "4", "2021-01-05", "2021-05-05"]
    assert lines["alpha"][4] == "115"  # median of 100, 110, 120, 130 words
    assert lines["alpha"][5:7] == ["50%", "25%"]  # two of four name an author; three are date_only
    assert alpha["site"] == "alpha"
    assert lines["beta"][:4] == ["beta", "2", "2021-06-14", "2021-07-24"]
    assert lines["beta"][7:9] == ["2", "1"]  # listing and other pages dropped in beta's last run
    assert lines["gamma"][1] == "0"  # crawled, nothing stored
    assert lines["TOTAL"][1] == "6"


def test_stats_on_a_missing_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = run_congdoan("stats", "--out", str(tmp_path / "nothing"))
    assert result.returncode == 2
    assert "no such corpus directory" in result.stderr


def test_stats_and_report_on_an_empty_corpus(tmp_path: Path) -> None:
    result = run_congdoan("stats", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.splitlines()[3].split()[:2] == ["TOTAL", "0"]
    page = lxml.html.fromstring(build(tmp_path, tmp_path / "empty.html"))
    assert "No record has a publication date." in page.text_content()
    assert "No run manifest in _runs/." in page.text_content()


@pytest.fixture(scope="module")
def hostile_report(hostile: Path) -> Path:
    """``congdoan report`` on the hostile corpus (built once for the tests below)."""
    html = hostile.parent / "hostile.html"
    build(hostile, html)
    return html


def build(out: Path, html: Path) -> str:
    result = run_congdoan("report", "--out", str(out), "--html", str(html))
    assert result.returncode == 0, result.stderr[-3000:]
    return html.read_text(encoding="utf-8")


def test_report_escapes_everything_scraped(hostile_report: Path) -> None:
    text = hostile_report.read_text(encoding="utf-8")
    page = lxml.html.fromstring(text)
    scripts = page.xpath("//script")
    assert [s.text for s in scripts] == [SCRIPT]  # the report's own script, nothing else
    assert not [e for e in page.iter() if any(a.lower().startswith("on") for a in e.attrib)]
    assert not page.xpath("//svg | //iframe | //object | //embed | //a[starts-with(@href, 'javascript')]")
    assert all(src.startswith("data:image/png;base64,") for src in page.xpath("//img/@src"))
    (meta,) = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert meta == CSP and "script-src 'sha256-" in CSP and "'unsafe-inline'" not in CSP
    cells = [td.text_content() for td in page.xpath("//td")]
    for payload in (f"{TITLE} 0", AUTHOR, CATEGORY, URL, PROVINCE):
        assert payload in cells, payload  # shown as text, character for character
    assert "&lt;script&gt;document.title=" in text


def test_report_marks_sites_that_stopped_yielding(hostile_report: Path) -> None:
    page = lxml.html.fromstring(hostile_report.read_text(encoding="utf-8"))
    rows = {tr.xpath("td")[0].text_content(): tr for tr in page.xpath("//tr[td]") if tr.get("class")}
    assert rows["beta"].get("class") == "stopped"  # stored before, met no article in its last run
    assert rows["gamma"].get("class") == "silent"  # answered no request
    assert rows["alpha"].get("class") == "ok"  # nothing new, but its articles were known: not stopped
    gamma = [td.text_content() for td in rows["gamma"].xpath("td")]
    assert gamma[1:5] == ["silent", "2", "3 0", "2 0"]  # status, runs, stored and errors per run
    assert gamma[-1] == "2"  # challenges met in the last run
    assert "Sites that stopped yielding or answer no request: beta, gamma" in page.text_content()


def chromium_dom(html: Path, profile: Path) -> lxml.html.HtmlElement:
    """The page's DOM after load, as headless Chromium renders it (scripts that may run have run)."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    assert binary, "Chromium is needed: apt-get install -y chromium (.ci/run installs it)"
    result = subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-extensions",
         f"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom", html.resolve().as_uri()],
        capture_output=True, text=True, timeout=180)
    assert result.returncode == 0 and "<body" in result.stdout, result.stderr[-3000:]
    return lxml.html.fromstring(result.stdout)


def test_report_plots_render_in_chromium_from_the_demo_corpus(demo_corpus: Path, tmp_path: Path) -> None:
    html = tmp_path / "demo.html"
    build(demo_corpus, html)
    dom = chromium_dom(html, tmp_path / "profile")
    body = dom.xpath("//body")[0]
    # the report's own check ran (so scripts do run here) and counted every plot decoded with a size
    assert body.get("data-plots") is not None, "the report's script did not run"
    assert int(body.get("data-plots")) >= 4
    assert body.get("data-plots-rendered") == body.get("data-plots")
    headings = [h.text_content() for h in dom.xpath("//h2")]
    assert headings == ["Coverage over time per province", "Site health across runs", "Records per site",
                        "Extraction flags", "Authors and categories", "Duplicate clusters"]


def test_no_script_from_the_data_runs_in_chromium(hostile_report: Path, tmp_path: Path) -> None:
    dom = chromium_dom(hostile_report, tmp_path / "profile")
    body = dom.xpath("//body")[0]
    assert body.get("data-plots-rendered") == body.get("data-plots")  # our script ran, plots decoded
    assert body.get("data-pwned") is None
    assert dom.xpath("//title")[0].text_content() == "congdoan corpus report"
    assert len(dom.xpath("//script")) == 1 and not dom.xpath("//svg")
    assert f"{TITLE} 3" in [td.text_content() for td in dom.xpath("//td")]
    assert re.search(r"PWNED", dom.xpath("//title")[0].text_content()) is None
