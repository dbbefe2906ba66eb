"""The one definition of the corpus record and of the duplicates sidecar.

Writer, reader, docs (``data/README.md``) and tests all use these schemas. Each field carries its own
description in the Arrow field metadata, so the schema documents itself.
"""

from __future__ import annotations

import pyarrow as pa

from pipelines.textkey import record_id  # noqa: F401 - defined with the other keys, re-exported

TIMEZONE = "Asia/Ho_Chi_Minh"
PUBLISHED_TYPE = pa.timestamp("us", tz=TIMEZONE)
FETCHED_TYPE = pa.timestamp("us", tz="UTC")


def _field(name: str, type_: pa.DataType, nullable: bool, doc: str) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"doc": doc})


#: Fields of a corpus record, in column order. ``site`` is the hive partition key (``site=<slug>/``).
RECORD_FIELDS: list[pa.Field] = [
    _field("id", pa.string(), False, "Stable id: first 16 hex digits of SHA-256 of the canonical URL."),
    _field("url", pa.string(), False, "Canonical URL of the article (tracking parameters removed)."),
    _field("site", pa.string(), False, "Registry slug of the site; the hive partition key (`site=<slug>/`)."),
    _field("province", pa.string(), False, "Province of the publishing federation, as named in the registry."),
    _field("title", pa.string(), False, "The article's own headline (never the site banner)."),
    _field("lead", pa.string(), True, "The sapo (lead) when the page marks one; also text's first paragraph."),
    _field("text", pa.string(), False, "Clean body: paragraphs separated by '\\n', Unicode NFC, no page chrome."),
    _field("author", pa.string(), True, "Author name(s) as written, without affiliation."),
    _field("category", pa.string(), True, "Category the page names (breadcrumb, 'Chuyên mục')."),
    _field("published_at", PUBLISHED_TYPE, True, "Publication time in Vietnam time (+07:00); null if unknown."),
    _field("language", pa.string(), False, "ISO 639-1 language code from langdetect (seeded): 'vi'."),
    _field("language_score", pa.float32(), False,
           "langdetect probability of `language`, 0-1; 1.0 when the letters alone show Vietnamese."),
    _field("content_hash", pa.string(), False, "SHA-256 of the text folded (NFC, case, spaces, punctuation)."),
    _field("word_count", pa.int32(), False, "Number of words in `text`."),
    _field("quality_flags", pa.list_(pa.string()), False,
           "Extraction warnings, [] when clean: date_only, date_relative, legacy_font_repaired, "
           "legacy_font_unrepaired, ..."),
    _field("fetched_at", FETCHED_TYPE, False, "When the page was downloaded (UTC); for a backfill, when the web "
           "archive captured it."),
    _field("crawl_id", pa.string(), False, "Id of the crawl run that stored the record (see `_runs/`)."),
    _field("source", pa.string(), False, "Where the page was fetched: 'live' (the site), or the web archive of a "
           "`congdoan backfill`: 'wayback', 'commoncrawl'."),
    _field("version", pa.int32(), False,
           "1 for the first text stored under this `id`; a later crawl that finds the text changed stores the "
           "page again with the same `id` and the next version (readers keep the highest by default)."),
    _field("updated_at", FETCHED_TYPE, True,
           "When this version was found changed (UTC); null for version 1."),
    _field("province_2025", pa.string(), True,
           "Province that `province` belongs to since the July 2025 merger (34 provinces); null if unknown."),
]

RECORD_SCHEMA = pa.schema(RECORD_FIELDS)
#: Values of record fields that a row may leave out (files written before the field existed read the same).
RECORD_DEFAULTS: dict[str, object] = {"version": 1}
#: What a data file under ``site=<slug>/`` holds: the record without its partition column.
FILE_SCHEMA = pa.schema([f for f in RECORD_FIELDS if f.name != "site"])

DUPLICATE_FIELDS: list[pa.Field] = [
    _field("id", pa.string(), False, "Id the dropped copy would have had (hash of its canonical URL)."),
    _field("url", pa.string(), False, "URL of the dropped copy."),
    _field("site", pa.string(), False, "Registry slug of the site the dropped copy came from."),
    _field("duplicate_of", pa.string(), False, "`id` of the record kept in the corpus."),
    _field("similarity", pa.float64(), False, "Similarity to the kept record, 0-1 (1 for url and exact)."),
    _field("reason", pa.string(), False, "'url' (same canonical URL), 'exact' (same normalised text), 'near'."),
    _field("crawl_id", pa.string(), False, "Crawl run that saw the copy."),
]
DUPLICATE_SCHEMA = pa.schema(DUPLICATE_FIELDS)

RECORD_COLUMNS = [f.name for f in RECORD_FIELDS]


def schema_markdown(schema: pa.Schema) -> str:
    """A Markdown table of ``schema``'s fields (name, Arrow type, nullable, description)."""
    lines = ["| field | type | nullable | meaning |", "|---|---|---|---|"]
    for f in schema:
        doc = (f.metadata or {}).get(b"doc", b"").decode("utf-8").replace("|", "\\|")
        lines.append(f"| `{f.name}` | `{f.type}` | {'yes' if f.nullable else 'no'} | {doc} |")
    return "\n".join(lines)
