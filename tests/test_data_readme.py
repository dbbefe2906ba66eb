"""Every Python example in data/README.md runs as it stands against a small corpus in ``data/corpus``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.parquet import DatasetWriter
from tests.helpers import ROOT, make_record

README = ROOT / "data" / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
#: What each example (named by its first comment line) must print about the corpus: 3 articles of php-a.
EXPECTED = {
    "# congdoan reader": r"php-a\s+3\b",
    "# congdoan reader: polars and DuckDB": r"php-a\D+3\b[\s\S]*php-a\D+3\b",
    "# pandas": r"php-a\s+3\b[\s\S]*\b3$",
    "# pyarrow": r"php-a\D+3\b",
    "# DuckDB": r"php-a\D+3\b",
    "# polars": r"php-a\D+3\b",
    "# Hugging Face datasets": r"^4 Value\('string'\) Bài \d",
    "# latest versions": r"^4 4$",
}


def test_every_reader_is_shown() -> None:
    assert sorted(block.splitlines()[0] for block in BLOCKS) == sorted(EXPECTED)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding ``data/corpus``: 3 records of php-a, 1 of php-b, and a duplicates sidecar."""
    work = tmp_path_factory.mktemp("readme")
    writer = DatasetWriter(work / "data" / "corpus", "c1")
    for n in range(4):
        writer.add_record(make_record("php-a" if n < 3 else "php-b", n))
    writer.add_duplicate({"id": "x" * 16, "url": "http://b/1", "site": "php-b", "duplicate_of": "y" * 16,
                          "similarity": 0.9, "reason": "near", "crawl_id": "c1"})
    writer.flush()
    return work


@pytest.mark.parametrize("block", BLOCKS, ids=[b.splitlines()[0].lstrip("# ") for b in BLOCKS])
def test_example_runs(block: str, workdir: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1",
           "HF_HOME": str(workdir / "hf-cache")}
    result = subprocess.run([sys.executable, "-c", block], cwd=workdir, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert re.search(EXPECTED[block.splitlines()[0]], result.stdout.strip(), re.M), result.stdout
