"""Test helpers: crawls run in subprocesses, and the sample sites' gold labels.

Scrapy's Twisted reactor cannot restart within one process, so every crawl runs as ``congdoan crawl`` in a
child process, against a real HTTP server on 127.0.0.1 that the ``sample_sites`` fixture starts and stops.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from crawler.sampleserver import DEFAULT_ROOT
from pipelines.schema import record_id

ROOT = Path(__file__).resolve().parents[1]
GOLD_ROOT = DEFAULT_ROOT.parent / "gold"
#: Crawl settings for loopback sample sites: no politeness delays, small size limit for the oversized page.
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
        "-s", "RETRY_TIMES=0", "-s", f"DOWNLOAD_MAXSIZE={2 * 1024 * 1024}", "-s", "LOG_LEVEL=INFO"]


def write_registry(path: Path, entries: list[dict]) -> Path:
    path.write_text(yaml.safe_dump({"sites": entries}, allow_unicode=True), encoding="utf-8")
    return path


def run_congdoan(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run the ``congdoan`` CLI in a child process."""
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def crawl(registry: Path, out: Path, state: Path, *extra: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    """Crawl with ``congdoan crawl``; return the process and the run's manifest."""
    before = set((out / "_runs").glob("*.json")) if (out / "_runs").is_dir() else set()
    result = run_congdoan("crawl", "--sites-file", str(registry), "--out", str(out), "--state", str(state),
                          *FAST, *extra)
    new = sorted(set((out / "_runs").glob("*.json")) - before)
    assert new, f"no run manifest written\nstdout:\n{result.stdout}\nstderr:\n{result.stderr[-5000:]}"
    return result, json.loads(new[-1].read_text(encoding="utf-8"))


def crawl_and_kill(out: Path, *args: str, files: int = 3) -> None:
    """Start ``congdoan crawl *args`` writing to ``out``; SIGKILL it once ``files`` data files exist."""
    from pipelines.parquet import data_files

    process = subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl", "--out", str(out), *args],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len([f for f in data_files(out) if f.startswith("site=")]) < files and process.poll() is None:
        assert time.monotonic() < deadline, "the crawl wrote no files"
        time.sleep(0.02)  # polling for files to appear, not waiting for timing to pass
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert not (out / "_runs").exists(), "the crawl finished before it was killed"


def load_gold() -> list[dict]:
    """Every gold label of the sample sites."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD_ROOT.glob("*/*.json"))]


WORDS = ("công đoàn lao động tỉnh huyện hội nghị đoàn viên công nhân quà Tết nhà ở an toàn vệ sinh thi đua "
         "khen thưởng đối thoại thương lượng tập thể doanh nghiệp khu công nghiệp chính sách pháp luật tuyên "
         "truyền nữ công sáng kiến chăm lo đời sống việc làm tiền lương bảo hiểm xã hội").split()


def story(n: int) -> str:
    """A text of its own for each ``n``: three paragraphs of words drawn at random, seeded by ``n``."""
    rng = random.Random(n)
    return "\n".join(" ".join(rng.choice(WORDS) for _ in range(40)) + f" ({n})." for _ in range(3))


def make_record(site: str, n: int, *, text: str | None = None, crawl_id: str = "c1") -> dict:
    """A complete corpus record, distinct for each ``n``."""
    url = f"http://127.0.0.1:9/bai-{n}.html"
    text = text or story(n)
    return {"id": record_id(url), "url": url, "site": site, "province": "Bắc Kạn", "title": f"Bài {n}",
            "lead": None, "text": text, "author": None, "category": None,
            "published_at": datetime(2021, 3, 20, 22, 46, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
            "language": "vi", "language_score": 0.99, "content_hash": f"{n:064x}", "word_count": len(text.split()),
            "quality_flags": [], "fetched_at": datetime(2026, 11, 23, 7, 0, tzinfo=UTC), "crawl_id": crawl_id,
            "source": "live", "version": 1, "updated_at": None}


def gold_body_elements(tree, gold: dict) -> list:
    """The smallest elements of a real page's ``tree`` holding its gold paragraphs (the story's body), in order
    (paragraphs under 40 characters are not looked for)."""
    found = []
    for paragraph in gold.get("paragraphs") or []:
        key = " ".join(paragraph.split())[:50]
        if len(key) < 40:
            continue
        holders = [e for e in tree.iter("p", "div", "td", "span", "li", "figcaption")
                   if key in " ".join(e.text_content().split())]
        if holders:
            found.append(min(holders, key=lambda e: len(e.text_content())))
    return found
