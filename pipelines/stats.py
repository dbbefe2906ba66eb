"""What a corpus holds and how each site's crawls went: the numbers behind ``congdoan stats`` and ``report``.

Run manifests (``_runs/*.json``) are read tolerantly: a key that an older (or newer) crawler did not write
counts as 0, and a manifest that is not valid JSON is skipped and named.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from crawler.manifest import DROP_REASONS  # the manifest's reasons in display order; others are added after
from pipelines.parquet import RUNS_DIR, read_duplicates
from pipelines.reader import load_corpus

logger = logging.getLogger(__name__)

#: Columns ``load_corpus`` reads for the statistics (the text itself is not needed).
STAT_COLUMNS = ["id", "url", "site", "province", "province_2025", "title", "author", "category", "published_at",
                "word_count", "quality_flags"]


def load_manifests(out: str | Path) -> list[dict[str, Any]]:
    """Every run manifest under ``out/_runs/``, oldest first (by start time, then crawl id)."""
    runs = Path(out) / RUNS_DIR
    manifests = []
    for path in sorted(runs.glob("*.json")) if runs.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            logger.warning("skipped run manifest %s: %s", path.name, exc)
            continue
        if isinstance(data, dict) and isinstance(data.get("sites"), dict):
            data.setdefault("crawl_id", path.stem)
            manifests.append(data)
        else:
            logger.warning("skipped run manifest %s: no per-site counts", path.name)
    return sorted(manifests, key=lambda m: (str(m.get("started_at") or ""), str(m["crawl_id"])))


def _int(value: Any) -> int:
    """A count from a manifest: numbers as they are, a dict of counts summed, anything else 0."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, dict):
        if "met" in value:  # challenges: {"met", "solved", "blocked"}
            return _int(value["met"])
        return sum(_int(v) for v in value.values())
    return 0


def site_run_health(manifests: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per (run, site): stored, listings, uncertain pages, errors, challenges, responses, seen."""
    rows = []
    for manifest in manifests:
        for slug, s in manifest["sites"].items():
            if not isinstance(s, dict):
                continue
            dropped = s.get("dropped") if isinstance(s.get("dropped"), dict) else {}
            flags = s.get("flags") if isinstance(s.get("flags"), dict) else {}
            skipped = s.get("skipped") if isinstance(s.get("skipped"), dict) else {}
            stored = _int(s.get("stored"))
            # articles the run met at all: new ones, copies, and ones stored by earlier runs
            seen = (stored + _int(dropped.get("duplicate")) + _int(dropped.get("already_stored"))
                    + _int(skipped.get("already_stored")) + _int(skipped.get("unchanged")))
            rows.append({
                "crawl_id": str(manifest["crawl_id"]), "started_at": manifest.get("started_at"), "site": str(slug),
                "responses": _int(s.get("responses")), "stored": stored, "listings": _int(dropped.get("listing")),
                "uncertain": _int(flags.get("page_type_uncertain")),
                "errors": _int(s.get("error_count", s.get("errors"))),
                "challenges": _int(s.get("challenges")), "seen": seen,
            })
    columns = ["crawl_id", "started_at", "site", "responses", "stored", "listings", "uncertain", "errors",
               "challenges", "seen"]
    return pd.DataFrame(rows, columns=columns)


def site_status(health: pd.DataFrame) -> dict[str, str]:
    """Each site's state after its latest run: ok, silent (no answer), stopped (yields no article any more).

    A site has stopped yielding when its latest run met no article at all (none stored, none known from
    before) although an earlier run did; a site that answered no request is silent.
    """
    status: dict[str, str] = {}
    for site, runs in health.groupby("site", sort=True):
        last = runs.iloc[-1]
        if last["responses"] == 0:
            status[str(site)] = "silent"
        elif last["seen"] == 0 and (runs["seen"].iloc[:-1] > 0).any():
            status[str(site)] = "stopped"
        elif last["seen"] == 0:
            status[str(site)] = "no articles"
        else:
            status[str(site)] = "ok"
    return status


def last_run_drops(manifests: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Dropped pages by reason for each site, from the latest run that crawled it."""
    drops: dict[str, dict[str, int]] = {}
    for manifest in manifests:  # oldest first: later runs overwrite
        for slug, s in manifest["sites"].items():
            dropped = s.get("dropped") if isinstance(s, dict) else None
            if isinstance(dropped, dict):
                drops[str(slug)] = {str(k): _int(v) for k, v in dropped.items()}
    return drops


def site_stats(out: str | Path, corpus: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per site: records, first and last publication, median length, share with author and time,
    and pages dropped by reason in its last run (``dropped_<reason>`` columns)."""
    df = corpus if corpus is not None else load_corpus(out, columns=STAT_COLUMNS)
    manifests = load_manifests(out)
    drops = last_run_drops(manifests)
    sites = sorted(set(df["site"].dropna().astype(str)) | set(drops))
    date_only = np.fromiter((f is not None and "date_only" in list(f) for f in df["quality_flags"]), dtype=bool,
                            count=len(df))
    has_time = df["published_at"].notna().to_numpy(dtype=bool) & ~date_only
    author = np.fromiter((isinstance(a, str) and a.strip() != "" for a in df["author"]), dtype=bool, count=len(df))
    reasons = list(DROP_REASONS) + sorted({r for d in drops.values() for r in d} - set(DROP_REASONS))
    rows = []
    for site in sites:
        mask = (df["site"] == site).fillna(False).to_numpy(dtype=bool)
        part = df[mask]
        row: dict[str, Any] = {
            "site": site, "records": int(mask.sum()),
            "first": part["published_at"].min() if len(part) else pd.NaT,
            "last": part["published_at"].max() if len(part) else pd.NaT,
            "median_words": float(part["word_count"].median()) if len(part) else float("nan"),
            "with_author": float(author[mask].mean()) if len(part) else float("nan"),
            "with_time": float(has_time[mask].mean()) if len(part) else float("nan"),
        }
        for reason in reasons:
            row[f"dropped_{reason}"] = drops.get(site, {}).get(reason, 0)
        rows.append(row)
    return pd.DataFrame(rows, columns=["site", "records", "first", "last", "median_words", "with_author",
                                       "with_time", *[f"dropped_{r}" for r in reasons]])


def format_stats(stats: pd.DataFrame) -> str:
    """``site_stats`` as a terminal table."""
    drop_columns = [c for c in stats.columns if c.startswith("dropped_")]
    head = ["site", "records", "first", "last", "median words", "author", "time",
            *[c.removeprefix("dropped_").replace("non_vietnamese", "non-vi").replace("already_stored", "known")
              for c in drop_columns]]

    def day(value: Any) -> str:
        return "-" if pd.isna(value) else value.strftime("%Y-%m-%d")

    def share(value: float) -> str:
        return "-" if pd.isna(value) else f"{value:.0%}"

    rows = [head]
    for r in stats.itertuples(index=False):
        r = r._asdict()
        median = "-" if pd.isna(r["median_words"]) else f"{r['median_words']:.0f}"
        rows.append([r["site"], str(r["records"]), day(r["first"]), day(r["last"]), median,
                     share(r["with_author"]), share(r["with_time"]), *[str(r[c]) for c in drop_columns]])
    total = ["TOTAL", str(int(stats["records"].sum())), day(stats["first"].min()), day(stats["last"].max()),
             "", "", "", *[str(int(stats[c].sum())) for c in drop_columns]]
    rows.append(total)
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]

    def line(row: list[str]) -> str:
        cells = enumerate(zip(row, widths, strict=True))
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in cells)

    lines = [line(row) for row in rows]
    rule = "-" * len(lines[0])
    return "\n".join([lines[0], rule, *lines[1:-1], rule, lines[-1],
                      "dropped: pages of the site's last run, by reason (see _runs/)"])


def duplicate_clusters(corpus: pd.DataFrame, duplicates: pd.DataFrame) -> pd.DataFrame:
    """Dropped copies joined to the record kept: one row per copy, with the kept record's site and title."""
    kept = corpus[["id", "site", "title", "url"]].rename(columns={"id": "duplicate_of", "site": "kept_site",
                                                                   "title": "kept_title", "url": "kept_url"})
    copies = duplicates.astype({"duplicate_of": "string"}) if len(duplicates) else duplicates
    merged = copies.merge(kept.astype({"duplicate_of": "string"}), on="duplicate_of", how="left")
    return merged.sort_values(["duplicate_of", "similarity"], ascending=[True, False]).reset_index(drop=True)


def republishing_pairs(clusters: pd.DataFrame) -> pd.DataFrame:
    """How many stories each site (``copy_site``) republished from another (``kept_site``)."""
    if clusters.empty:
        return pd.DataFrame(columns=["kept_site", "copy_site", "stories"])
    pairs = clusters.dropna(subset=["kept_site"]).astype({"kept_site": str, "site": str})
    pairs = pairs[pairs["kept_site"] != pairs["site"]]
    return (pairs.groupby(["kept_site", "site"]).size().rename("stories").reset_index()
            .rename(columns={"site": "copy_site"}).sort_values("stories", ascending=False, kind="stable"))


def load_duplicates(out: str | Path) -> pd.DataFrame:
    """The ``_duplicates/`` sidecar as a DataFrame (empty, with its columns, when there is none)."""
    return read_duplicates(out).to_pandas(types_mapper=lambda t: pd.ArrowDtype(t) if str(t) == "string" else None)
