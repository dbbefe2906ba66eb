"""Documentation that must follow the code: schema tables and the README's two first commands."""

from __future__ import annotations

from pathlib import Path

from pipelines.schema import DUPLICATE_SCHEMA, RECORD_SCHEMA, schema_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_data_readme_documents_every_field_as_the_schema_says() -> None:
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert schema_markdown(RECORD_SCHEMA) in text
    assert schema_markdown(DUPLICATE_SCHEMA) in text


def test_every_field_has_a_description() -> None:
    for schema in (RECORD_SCHEMA, DUPLICATE_SCHEMA):
        for field in schema:
            assert (field.metadata or {}).get(b"doc"), field.name
