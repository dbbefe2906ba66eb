"""The analysts' notebook runs top to bottom in a Jupyter kernel: no cell errors or warns, every plot cell
shows an image, and the numbers it prints are the corpus's."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from pipelines.parquet import DatasetWriter
from pipelines.reader import load_corpus
from tests.helpers import ROOT, make_record

NOTEBOOK = ROOT / "notebooks" / "explore_corpus.ipynb"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def run_notebook(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> nbformat.NotebookNode:
    monkeypatch.setenv("CONGDOAN_CORPUS", str(corpus))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # jupyter_core warns about its old paths otherwise
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # raises CellExecutionError, naming the cell, when a cell fails
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return notebook


def check_cells(notebook: nbformat.NotebookNode) -> list[str]:
    """Assert the common promises; return each code cell's stdout."""
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    plots = [cell for cell in code if "plot" in cell.metadata.get("tags", [])]
    assert len(plots) >= 5
    for cell in plots:
        images = [base64.b64decode(o["data"]["image/png"]) for o in cell.outputs
                  if "image/png" in o.get("data", {})]
        assert images, f"no plot from cell:\n{cell.source[:200]}"
        assert all(image.startswith(PNG_MAGIC) and len(image) > 5000 for image in images)
    for cell in code:
        assert not [o for o in cell.outputs if o.output_type == "error"]
        warnings = [o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stderr"]
        assert not warnings, f"cell wrote to stderr: {warnings}"
    return ["".join(o.text for o in cell.outputs if o.output_type == "stream") for cell in code]


def test_notebook_runs_on_the_demo_corpus_with_plots(demo_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stdout = check_cells(run_notebook(demo_corpus, monkeypatch))
    df = load_corpus(demo_corpus)
    assert stdout[0].startswith(f"{len(df)} records from {df['site'].nunique()} sites")
    record = df.sort_values("id")
    record = record[record["author"].notna() & record["lead"].notna()].iloc[0]
    assert f"id: {record['id']}" in stdout[-1]
    assert record["text"] in stdout[-1]  # the sample record is read in full


def test_notebook_runs_on_a_corpus_without_duplicates_or_runs(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    writer = DatasetWriter(tmp_path, "c1")
    for n in range(4):
        writer.add_record(make_record("php-a" if n < 3 else "php-b", n))
    writer.flush()
    stdout = check_cells(run_notebook(tmp_path, monkeypatch))
    assert stdout[0].startswith("4 records from 2 sites; 0 copies dropped")
