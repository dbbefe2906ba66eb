"""What is parsed and loaded: YAML with the safe loader, no pickle anywhere, no Scrapy job directory (its
queues are pickles), invalid limits refused before anything is written."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT, run_congdoan

SOURCES = sorted(p for d in ("crawler", "pipelines", "bench") for p in (ROOT / d).rglob("*.py"))
UNSAFE_MODULES = {"pickle", "cPickle", "marshal", "shelve", "dill", "joblib"}


def test_no_unsafe_loader_in_the_code() -> None:
    assert SOURCES
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                module = getattr(node, "module", "") or ""
                names = {a.name.split(".")[0] for a in node.names} | {module.split(".")[0]}
                assert not names & UNSAFE_MODULES, f"{path.name}: imports {names & UNSAFE_MODULES}"
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "yaml":
                assert node.attr in {"safe_load", "safe_dump", "YAMLError"}, f"{path.name}: yaml.{node.attr}"


def test_yaml_tags_that_build_objects_are_refused(tmp_path: Path) -> None:
    registry = tmp_path / "sites.yaml"
    registry.write_text("sites: !!python/object/apply:os.system ['echo pwned > pwned.txt']\n", encoding="utf-8")
    result = run_congdoan("sites", "--sites-file", str(registry))
    assert result.returncode == 2 and "not valid YAML" in result.stderr
    assert not (ROOT / "pwned.txt").exists()


@pytest.mark.parametrize(("setting", "message"), [
    ("JOBDIR=/tmp/job", "JOBDIR"),
    ("CONGDOAN_EXTRA_BLOCKED_NETWORKS=10.0.0.0/33", "CONGDOAN_BLOCKED_NETWORKS"),
    ("CONGDOAN_MAX_PATTERN_PAGES=many", "CONGDOAN_MAX_PATTERN_PAGES"),
])
def test_unsafe_or_invalid_settings_exit_2(tmp_path: Path, setting: str, message: str) -> None:
    registry = tmp_path / "sites.yaml"
    registry.write_text("sites:\n  - {slug: a, name: A, province: Bắc Kạn, start_urls: 'http://127.0.0.1:9/'}\n",
                        encoding="utf-8")
    result = run_congdoan("crawl", "--sites-file", str(registry), "--out", str(tmp_path / "out"),
                          "--state", str(tmp_path / "state"), "-s", setting)
    assert result.returncode == 2, result.stderr[-2000:]
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
    assert not (tmp_path / "out").exists()


def test_demo_never_deletes_a_directory_it_did_not_write(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "site=a").mkdir(parents=True)
    (corpus / "site=a" / "part-1.parquet").write_bytes(b"a researcher's data")
    result = run_congdoan("demo", "--out", str(corpus))
    assert result.returncode == 2 and "not a demo output" in result.stderr
    assert (corpus / "site=a" / "part-1.parquet").read_bytes() == b"a researcher's data"
