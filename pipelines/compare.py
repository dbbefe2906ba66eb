"""Compare two corpora of the same pages: what a rule change did, per site (``congdoan evaluate --against``).

Records are matched by ``id`` (the canonical URL's hash). Per site: records in each corpus, how many have a
title, a date and an author in each, and among the records both hold, how many titles, dates, authors and
texts differ.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

#: Fields whose presence is counted and whose changes are counted.
FIELDS = ("title", "published_at", "author")
_LABELS = {"title": "titles", "published_at": "dates", "author": "authors"}


def _present(value: Any) -> bool:
    return value is not None and value != ""


def compare_corpora(old: pa.Table, new: pa.Table) -> dict[str, dict[str, Any]]:
    """Per-site counts (see the module docstring); key ``TOTAL`` sums them."""
    columns = ["id", "site", "text", *FIELDS]
    rows_old = {r["id"]: r for r in old.select(columns).to_pylist()}
    rows_new = {r["id"]: r for r in new.select(columns).to_pylist()}
    sites = sorted({str(r["site"]) for r in (*rows_old.values(), *rows_new.values())})
    result: dict[str, dict[str, Any]] = {}
    empty = {"records": [0, 0], "added": 0, "removed": 0, **{_LABELS[f]: [0, 0] for f in FIELDS},
             **{f"{_LABELS[f]}_changed": 0 for f in FIELDS}, "texts_changed": 0}
    for site in [*sites, "TOTAL"]:
        result[site] = {k: list(v) if isinstance(v, list) else v for k, v in empty.items()}
    for side, rows in ((0, rows_old), (1, rows_new)):
        for row in rows.values():
            for key in (str(row["site"]), "TOTAL"):
                counts = result[key]
                counts["records"][side] += 1
                for f in FIELDS:
                    counts[_LABELS[f]][side] += _present(row[f])
    for rid in rows_old.keys() | rows_new.keys():
        before, after = rows_old.get(rid), rows_new.get(rid)
        for key in (str((after or before)["site"]), "TOTAL"):  # type: ignore[index]
            counts = result[key]
            if before is None:
                counts["added"] += 1
            elif after is None:
                counts["removed"] += 1
            else:
                for f in FIELDS:
                    counts[f"{_LABELS[f]}_changed"] += before[f] != after[f]
                counts["texts_changed"] += before["text"] != after["text"]
    return result


def format_comparison(result: dict[str, dict[str, Any]]) -> str:
    """A table for people: old -> new counts, and changed values among the records both corpora hold."""
    head = ("site", "records", "+new", "-gone", "titles", "dates", "authors",
            "title~", "date~", "author~", "text~")
    rows = [head]

    def pair(values: list[int]) -> str:
        return str(values[0]) if values[0] == values[1] else f"{values[0]}->{values[1]}"

    for site, c in result.items():
        rows.append((site, pair(c["records"]), str(c["added"]), str(c["removed"]),
                     *(pair(c[k]) for k in ("titles", "dates", "authors")),
                     *(str(c[f"{k}_changed"]) for k in ("titles", "dates", "authors", "texts"))))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(v.ljust(w) if i == 0 else v.rjust(w)
                       for i, (v, w) in enumerate(zip(r, widths, strict=True))) for r in rows]
    lines.insert(1, "-" * len(lines[0]))
    lines.insert(-1, "-" * len(lines[0]))
    lines.append("old->new: records and fields present in each corpus; +new/-gone: records only in the new/old "
                 "corpus; x~: records both hold whose field differs")
    return "\n".join(lines)
