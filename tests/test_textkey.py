"""The text key shared by extraction and dedupe, and extraction's independence from dedupe."""

from __future__ import annotations

import subprocess
import sys

from pipelines import dedupe, textkey


def test_content_hash_folds_case_punctuation_and_nfc() -> None:
    assert textkey.content_hash("Công đoàn!") == textkey.content_hash("co\u0302ng ĐOÀN")
    assert textkey.content_hash("Công đoàn") != textkey.content_hash("Công đoàn tỉnh")
    assert dedupe.content_hash is textkey.content_hash


def test_extraction_does_not_import_dedupe() -> None:
    code = "import sys, pipelines.extract; sys.exit(1 if 'pipelines.dedupe' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
