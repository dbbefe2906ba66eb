"""Progress lines (redrawn on a terminal, logged otherwise) and `congdoan runs`."""

from __future__ import annotations

import io
import json
import logging
import os
import pty
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from crawler.cli import main
from crawler.manifest import build_manifest, format_runs, load_runs, write_manifest
from crawler.progress import Progress, format_duration
from tests.helpers import FAST, ROOT, write_registry
from tests.livesite import LiveSite


class TtyBuffer(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def make_progress(mode: str, stream: io.StringIO, clock: Clock) -> Progress:
    crawler = get_crawler(settings_dict={})
    crawler.stats.open_spider()
    progress = Progress(crawler, mode, 60.0, stream=stream, clock=clock)
    progress.watch(["php-a", "wordpress-b"])
    return progress


def test_terminal_lines_are_redrawn_in_place_with_rate_and_eta() -> None:
    stream, clock = TtyBuffer(), Clock()
    progress = make_progress("auto", stream, clock)
    assert progress.mode == "tty"
    stats = progress.crawler.stats
    progress.tick()
    first = stream.getvalue()
    assert first.count("\n") == 2 and "\x1b[" not in first and "php-a" in first and "wordpress-b" in first
    stats.set_value("congdoan/site/php-a/responses", 50)
    stats.set_value("congdoan/site/php-a/stored", 20)
    stats.set_value("congdoan/site/php-a/errors/timeout", 2)
    stats.set_value("congdoan/site/php-a/errors/http_404", 1)
    progress._queued["php-a"] = 25
    clock.now += 10
    progress.tick()
    second = stream.getvalue()[len(first):]
    assert second.startswith("\x1b[2F\x1b[J")  # cursor up over the two old lines, erase them, draw again
    php = next(line for line in second.splitlines() if "php-a" in line)
    assert php.split()[1:9] == ["50", "pages", "20", "articles", "3", "errors", "5.0", "pages/s"]
    assert php.endswith("queued 25  ETA 5s")
    progress.tick(final=True)
    assert stream.getvalue().splitlines()[-2].endswith("done")


def test_log_lines_when_not_a_terminal(caplog: pytest.LogCaptureFixture) -> None:
    stream, clock = io.StringIO(), Clock()
    progress = make_progress("auto", stream, clock)
    assert progress.mode == "log" and progress.interval == 60.0
    progress.crawler.stats.set_value("congdoan/site/php-a/responses", 7)
    with caplog.at_level(logging.INFO, logger="crawler.progress"):
        progress.tick()
    assert stream.getvalue() == ""
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2 and lines[0].startswith("progress php-a 7 pages 0 articles 0 errors")


def test_log_records_clear_the_terminal_block_first() -> None:
    stream, clock = TtyBuffer(), Clock()
    progress = make_progress("tty", stream, clock)
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        progress.screen.attach()
        progress.tick()
        logging.getLogger("crawler.test").warning("Failed http://a.vn/x (timeout)")
        text = stream.getvalue()
        assert "\x1b[2F\x1b[JFailed http://a.vn/x (timeout)\n" in text
        progress.screen.detach()
    finally:
        root.removeHandler(handler)


def test_duration_format() -> None:
    assert [format_duration(s) for s in (42, 185, 3720)] == ["42s", "3m05s", "1h02m"]


def test_crawl_on_a_terminal_draws_progress(tmp_path: Path) -> None:
    """A real crawl whose stderr is a pseudo-terminal redraws a line per site."""
    with LiveSite(articles=6) as live:
        registry = write_registry(tmp_path / "sites.yaml", [live.registry_entry()])
        primary, secondary = pty.openpty()
        chunks: list[bytes] = []

        def read() -> None:
            while True:
                try:
                    data = os.read(primary, 65536)
                except OSError:
                    return
                if not data:
                    return
                chunks.append(data)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        process = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", "--sites-file", str(registry),
                                  "--out", str(tmp_path / "out"), "--state", str(tmp_path / "state"), *FAST],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=secondary, cwd=ROOT,
                                 timeout=300)
        os.close(secondary)
        reader.join(timeout=30)
        os.close(primary)
    output = b"".join(chunks).decode("utf-8", "replace")
    assert process.returncode == 0, output[-3000:]
    manifest = load_runs(tmp_path / "out")[0][0]["sites"]["live"]
    drawn = [line for line in output.splitlines() if "pages/s" in line]
    assert drawn and drawn[-1].split()[1:5] == [str(manifest["responses"]), "pages", "6", "articles"]
    assert drawn[-1].endswith("done") and float(drawn[-1].split()[7]) > 0
    assert output.count("\x1b[1F\x1b[J") == len(drawn) - 1  # each line redrawn over the one before


def _manifest(out: Path, crawl_id: str, start: datetime, seconds: int, stored: int, reason: str) -> None:
    stats = {"start_time": start, "congdoan/site/php-a/responses": stored + 3,
             "congdoan/site/php-a/stored": stored, "congdoan/site/php-a/errors/timeout": 1}
    manifest = build_manifest(stats, ["php-a", "joomla-b"], crawl_id=crawl_id, reason=reason, out=str(out),
                              state="s")
    manifest["finished_at"] = (start + timedelta(seconds=seconds)).isoformat()
    write_manifest(manifest, out)


def test_runs_lists_past_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    start = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    _manifest(tmp_path, "20261130T020000Z-bbbbbb", start + timedelta(days=7), 65, 3, "shutdown")
    _manifest(tmp_path, "20261123T020000Z-aaaaaa", start, 3725, 120, "finished")
    (tmp_path / "_runs" / "broken.json").write_text("{not json", encoding="utf-8")
    runs, unreadable = load_runs(tmp_path)
    assert [r["crawl_id"] for r in runs] == ["20261123T020000Z-aaaaaa", "20261130T020000Z-bbbbbb"]
    assert unreadable == ["broken.json"]
    table = format_runs(runs).splitlines()
    assert table[0].split() == ["crawl", "started", "(UTC)", "duration", "sites", "stored", "errors", "reason"]
    assert table[2].split() == ["20261123T020000Z-aaaaaa", "2026-11-23", "02:00", "1h02m", "2", "120", "1",
                                "finished"]
    assert table[3].split()[3:] == ["1m05s", "2", "3", "1", "shutdown"]

    assert main(["runs", "--out", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "20261130T020000Z-bbbbbb" in captured.out and "broken.json" in captured.err
    assert main(["runs", "--out", str(tmp_path / "nowhere")]) == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["runs", "--out", str(empty)]) == 0 and "no runs" in capsys.readouterr().out


def test_runs_reads_what_a_crawl_wrote(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "_runs").mkdir()
    manifest = {"crawl_id": "x", "started_at": None, "finished_at": None, "sites": {}, "totals": {},
                "finish_reason": "finished"}
    (out / "_runs" / "x.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert format_runs(load_runs(out)[0]).splitlines()[2].split() == ["x", "?", "?", "0", "?", "?", "finished"]
