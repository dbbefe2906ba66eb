"""The analysts' notebook runs on a corpus: every code cell executes and the tables have the corpus's rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.parquet import DatasetWriter
from tests.helpers import ROOT, make_record


def test_notebook_cells_run_on_a_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = DatasetWriter(tmp_path, "c1")
    for n in range(4):
        writer.add_record(make_record("php-a" if n < 3 else "php-b", n))
    writer.flush()
    monkeypatch.setenv("CONGDOAN_CORPUS", str(tmp_path))
    notebook = json.loads((ROOT / "notebooks" / "explore_corpus.ipynb").read_text(encoding="utf-8"))
    namespace: dict = {}
    results = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            *body, last = "".join(cell["source"]).rstrip().split("\n")
            exec("\n".join(body), namespace)  # noqa: S102 - the project's own notebook
            results.append(eval(last, namespace))  # noqa: S307
    assert len(namespace["df"]) == 4
    per_site = results[1]
    assert dict(zip(per_site["site"].astype(str), per_site["articles"], strict=True)) == {"php-a": 3, "php-b": 1}
    assert results[2].sum() == 4
