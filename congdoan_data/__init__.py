"""Data that ships with the package: the sample union sites (demo and evaluation), their gold labels, the
hand-labelled real pages, the Zyte article-extraction benchmark, the labelled dedupe pairs and the pinned
evaluation floors. ``tests/`` keeps symbolic links to these directories."""

from __future__ import annotations

from pathlib import Path

DATA_ROOT = Path(__file__).resolve().parent
