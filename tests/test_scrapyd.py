"""Deploy to a local Scrapyd that the test starts, schedule a crawl of a loopback site, find its records."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.deploy import Target, build_egg, read_target
from pipelines.parquet import read_corpus
from tests.helpers import ROOT, run_congdoan, write_registry
from tests.livesite import LiveSite

#: Generous: Scrapyd starts a Python process per job, on a machine that may be busy.
JOB_TIMEOUT = 300


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback)
        return json.loads(response.read().decode("utf-8"))


def _post(url: str, fields: list[tuple[str, str]]) -> dict:
    data = urllib.parse.urlencode(fields).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=60) as response:  # noqa: S310
        return json.loads(response.read().decode("utf-8"))


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Scrapyd on a free loopback port, its directories in a temporary directory."""
    home = tmp_path_factory.mktemp("scrapyd")
    port = _free_port()
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = {home / 'eggs'}\n"
        f"logs_dir = {home / 'logs'}\ndbs_dir = {home / 'dbs'}\nitems_dir =\npoll_interval = 0.5\nmax_proc = 2\n",
        encoding="utf-8")
    log = (home / "scrapyd.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "scrapyd", "--pidfile", str(home / "scrapyd.pid")],
                               cwd=home, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if _get(url + "daemonstatus.json").get("status") == "ok":
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log_text = (home / "scrapyd.log").read_text(errors="replace")
                pytest.fail(f"Scrapyd did not start:\n{log_text[-3000:]}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_scrapy_cfg_names_a_scrapyd_target() -> None:
    assert read_target(ROOT / "scrapy.cfg") == Target(url="http://localhost:6800/", project="congdoan")


def test_egg_holds_the_packages_the_registry_and_the_settings_entry_point(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "congdoan.egg"
    path.write_bytes(build_egg("3"))
    names = set(zipfile.ZipFile(path).namelist())
    assert {"crawler/settings.py", "crawler/sites.yaml", "pipelines/steps.py", "EGG-INFO/PKG-INFO"} <= names
    assert not any("__pycache__" in n or n.startswith("tests/") for n in names)
    entry = zipfile.ZipFile(path).read("EGG-INFO/entry_points.txt").decode()
    assert "[scrapy]" in entry and "settings = crawler.settings" in entry


def test_deploy_schedule_and_find_the_records(scrapyd: str, tmp_path: Path) -> None:
    deployed = run_congdoan("deploy", "--url", scrapyd, "--version", "1")
    assert deployed.returncode == 0, deployed.stderr[-3000:]
    assert _get(scrapyd + "listprojects.json")["projects"] == ["congdoan"]
    spiders = _get(scrapyd + "listspiders.json?project=congdoan")["spiders"]
    assert "site" in spiders

    with LiveSite(articles=5, per_page=10) as live:
        registry = write_registry(tmp_path / "sites.yaml", [live.registry_entry()])
        out, state = tmp_path / "out", tmp_path / "state"
        settings = {"CONGDOAN_SITES_FILE": registry, "CONGDOAN_OUT": out, "CONGDOAN_STATE": state,
                    "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "RETRY_TIMES": 0}
        job = _post(scrapyd + "schedule.json", [("project", "congdoan"), ("spider", "site"), ("site", "live"),
                                                *(("setting", f"{k}={v}") for k, v in settings.items())])
        assert job["status"] == "ok", job
        deadline = time.monotonic() + JOB_TIMEOUT
        while True:
            jobs = _get(scrapyd + "listjobs.json?project=congdoan")
            finished = [j for j in jobs["finished"] if j["id"] == job["jobid"]]
            if finished or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert finished, f"job still not finished after {JOB_TIMEOUT} s: {jobs}"
        assert len(live.article_requests()) == 5
    table = read_corpus(out)
    assert table.num_rows == 5 and set(table.column("site").to_pylist()) == {"live"}
    manifests = list((out / "_runs").glob("*.json"))
    assert len(manifests) == 1
    manifest = json.loads(manifests[0].read_text(encoding="utf-8"))
    assert manifest["finish_reason"] == "finished" and manifest["totals"]["stored"] == 5


def _readme_block(name: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split(f"<!-- schedule:{name} -->", 1)[1].split(f"<!-- /schedule:{name} -->", 1)[0]


def _congdoan_args(command: str) -> list[str]:
    import shlex

    words = shlex.split(command)
    at = next(i for i, w in enumerate(words) if w.endswith("/congdoan"))
    args = []
    for word in words[at + 1 :]:
        if word in (">>", ">", "2>&1", "&&", "|"):
            break
        args.append(word)
    return args


def test_readme_cron_line_runs_a_valid_crawl_command() -> None:
    from crawler.cli import build_parser

    lines = [line for line in _readme_block("cron").splitlines() if line and not line.startswith(("`", "#"))]
    assert len(lines) == 1
    fields = lines[0].split(None, 5)
    assert len(fields) == 6 and all(f.replace("*", "").replace(",", "").isdigit() or f == "*" for f in fields[:5])
    args = build_parser().parse_args(_congdoan_args(fields[5]))
    assert args.command == "crawl" and args.out and args.state and "flock -n" in fields[5]


def test_readme_systemd_units_are_complete() -> None:
    import configparser

    from crawler.cli import build_parser

    blocks = [b.split("```", 1)[0] for b in _readme_block("systemd").split("```ini\n")[1:]]
    units = {}
    for block in blocks:
        name = block.splitlines()[0].removeprefix("# ").rsplit("/", 1)[1]
        parser = configparser.ConfigParser(interpolation=None, strict=True)
        parser.optionxform = str  # systemd keys are case-sensitive
        parser.read_string(block)
        units[name] = parser
    service, timer = units["congdoan-crawl.service"], units["congdoan-crawl.timer"]
    assert service["Service"]["Type"] == "oneshot"
    args = build_parser().parse_args(_congdoan_args(service["Service"]["ExecStart"]))
    assert args.command == "crawl" and args.state
    assert timer["Timer"]["OnCalendar"] and timer["Timer"]["Persistent"] == "true"
    assert timer["Install"]["WantedBy"] == "timers.target"
