"""The demo's sample sites and the evaluation sets ship with the package (``congdoan_data``), so ``congdoan
demo`` and ``congdoan evaluate`` work from an installed wheel, not only from a source checkout."""

from __future__ import annotations

import tomllib
from pathlib import Path

from congdoan_data import DATA_ROOT

ROOT = Path(__file__).resolve().parent.parent


def test_data_lives_in_the_package_and_tests_link_to_it() -> None:
    for name in ("sample_sites/sites", "sample_sites/gold", "aeb/ground-truth.json", "real_pages/dev",
                 "real_pages/test", "dedupe_pairs", "eval_floors.json"):
        assert (DATA_ROOT / name).exists(), name
    assert DATA_ROOT == ROOT / "congdoan_data"
    for name in ("sample_sites", "aeb", "real_pages", "dedupe_pairs", "eval_floors.json"):
        assert (ROOT / "tests" / name).resolve() == (DATA_ROOT / name).resolve()


def test_wheel_includes_the_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "congdoan_data*" in config["packages"]["find"]["include"]
    assert "**/*" in config["package-data"]["congdoan_data"]


def test_commands_read_the_package_data_not_the_checkout() -> None:
    from crawler.sampleserver import DEFAULT_ROOT
    from pipelines import dedupe, evaluate

    assert DEFAULT_ROOT == DATA_ROOT / "sample_sites" / "sites"
    assert evaluate.FLOORS_PATH == DATA_ROOT / "eval_floors.json"
    assert {evaluate.SAMPLE_ROOT, evaluate.AEB_ROOT, evaluate.REAL_ROOT} <= set(DATA_ROOT.iterdir())
    assert dedupe.PAIRS_ROOT == DATA_ROOT / "dedupe_pairs"
