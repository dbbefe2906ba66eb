"""The run manifest: what a crawl fetched, stored and dropped, and why, per site (``<out>/_runs/<id>.json``)."""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from crawler.progress import format_duration

logger = logging.getLogger(__name__)

#: Summary columns: dropped pages by reason, in display order.
DROP_REASONS = ("listing", "other", "empty", "non_vietnamese", "duplicate", "already_stored")


def site_summary(stats: dict[str, Any], slug: str) -> dict[str, Any]:
    """Counters of one site from the crawl's stats."""
    prefix = f"congdoan/site/{slug}/"
    own = {k[len(prefix):]: v for k, v in stats.items() if k.startswith(prefix)}
    errors = {k.split("/", 1)[1]: v for k, v in own.items() if k.startswith("errors/")}
    return {
        "responses": own.get("responses", 0),
        "stored": own.get("stored", 0),
        "dropped": {r: own.get(f"dropped/{r}", 0) for r in DROP_REASONS},
        "duplicates": {k.split("/", 1)[1]: v for k, v in own.items() if k.startswith("duplicates/")},
        "errors": errors,
        "error_count": sum(errors.values()),
        "skipped": {k.split("/", 1)[1]: v for k, v in own.items() if k.startswith("skipped/")},
        "flags": {k.split("/", 1)[1]: v for k, v in own.items() if k.startswith("flag/")},
        "revisits": {k.split("/", 1)[1]: v for k, v in own.items() if k.startswith("revisits/")},
    }


def build_manifest(stats: dict[str, Any], slugs: list[str], *, crawl_id: str, reason: str,
                   out: str, state: str) -> dict[str, Any]:
    """The manifest of a finished crawl."""
    sites = {slug: site_summary(stats, slug) for slug in slugs}
    totals = {
        "responses": sum(s["responses"] for s in sites.values()),
        "stored": sum(s["stored"] for s in sites.values()),
        "dropped": {r: sum(s["dropped"][r] for s in sites.values()) for r in DROP_REASONS},
        "errors": sum(s["error_count"] for s in sites.values()),
        "robots_forbidden": stats.get("robotstxt/forbidden", 0),
        "offsite_refused": stats.get("congdoan/offsite_refused", 0),
        "files_written": stats.get("congdoan/files_written", 0),
    }
    def iso(value: Any) -> Any:
        return value.isoformat() if isinstance(value, datetime) else value

    return {
        "crawl_id": crawl_id, "finish_reason": reason, "out": out, "state": state,
        "started_at": iso(stats.get("start_time")), "finished_at": datetime.now(UTC).isoformat(),
        "totals": totals, "sites": sites,
        "silent_sites": [slug for slug, s in sites.items() if s["responses"] == 0],
    }


def format_summary(manifest: dict[str, Any]) -> str:
    """A table for people: records per site and pages dropped by reason."""
    head = ("site", "stored", "listing", "other", "dup", "non-vi", "known", "errors")
    rows = [head]
    for slug, s in [*manifest["sites"].items(), ("TOTAL", None)]:
        if s is None:
            t = manifest["totals"]
            d, stored, errors = t["dropped"], t["stored"], t["errors"]
        else:
            d, stored, errors = s["dropped"], s["stored"], s["error_count"]
        rows.append((slug, stored, d["listing"], d["other"] + d["empty"], d["duplicate"],
                     d["non_vietnamese"], d["already_stored"], errors))

    widths = [max(len(str(r[i])) for r in rows) for i in range(len(head))]

    def line(row: tuple) -> str:
        pairs = enumerate(zip(row, widths, strict=True))
        cells = [str(v).ljust(w) if i == 0 else str(v).rjust(w) for i, (v, w) in pairs]
        return "  ".join(cells)

    lines = [line(r) for r in rows]
    lines.insert(1, "-" * len(lines[0]))
    lines.insert(-1, "-" * len(lines[0]))
    notes = [f"crawl {manifest['crawl_id']} ({manifest['finish_reason']}): {manifest['totals']['responses']} "
             f"responses, {manifest['totals']['files_written']} file(s) written to {manifest['out']}"]
    errors: dict[str, int] = {}
    for s in manifest["sites"].values():
        for kind, n in s["errors"].items():
            errors[kind] = errors.get(kind, 0) + n
    if errors:
        notes.append("errors: " + ", ".join(f"{k} {v}" for k, v in sorted(errors.items())))
    revisits: dict[str, int] = {}
    for s in manifest["sites"].values():
        for kind, n in s.get("revisits", {}).items():
            revisits[kind] = revisits.get(kind, 0) + n
    if revisits:
        notes.append("stored articles fetched again: " + ", ".join(f"{k} {v}" for k, v in sorted(revisits.items()))
                     + f"; new versions stored: {revisits.get('changed', 0)}")
    if manifest["silent_sites"]:
        notes.append("sites that answered no request: " + ", ".join(manifest["silent_sites"]))
    return "\n".join([*lines, *notes])


def write_manifest(manifest: dict[str, Any], out: str | Path) -> Path:
    """Write the manifest atomically to ``<out>/_runs/<crawl_id>.json``."""
    path = Path(out) / "_runs" / f"{manifest['crawl_id']}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    os.replace(tmp, path)
    return path


class RunManifest:
    """Scrapy extension: writes the manifest and logs the summary when the spider closes."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunManifest:
        return cls(crawler)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        settings = self.crawler.settings
        slugs = list(getattr(spider, "sites_by_slug", {}))
        manifest = build_manifest(self.crawler.stats.get_stats(), slugs,
                                  crawl_id=getattr(spider, "crawl_id", None) or settings.get("CONGDOAN_CRAWL_ID"),
                                  reason=reason,
                                  out=str(settings.get("CONGDOAN_OUT")), state=str(settings.get("CONGDOAN_STATE")))
        path = write_manifest(manifest, settings.get("CONGDOAN_OUT"))
        self.crawler.congdoan_manifest = manifest  # type: ignore[attr-defined]
        logger.info("Run manifest written to %s\n%s", path, format_summary(manifest))


def load_runs(out: str | Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Every run manifest under ``<out>/_runs/``, oldest first, and the names of those that cannot be read."""
    runs, unreadable = [], []
    for path in sorted((Path(out) / "_runs").glob("*.json")):
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(manifest, dict) or "crawl_id" not in manifest:
                raise ValueError("not a run manifest")
        except (OSError, ValueError):
            unreadable.append(path.name)
            continue
        runs.append(manifest)
    runs.sort(key=lambda m: (str(m.get("started_at") or ""), str(m["crawl_id"])))
    return runs, unreadable


def _parse_time(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def format_runs(runs: list[dict[str, Any]]) -> str:
    """A table of past runs: crawl id, start (UTC), duration, sites, stored, errors, finish reason."""
    head = ("crawl", "started (UTC)", "duration", "sites", "stored", "errors", "reason")
    rows = [head]
    for run in runs:
        started, finished = _parse_time(run.get("started_at")), _parse_time(run.get("finished_at"))
        duration = format_duration((finished - started).total_seconds()) if started and finished else "?"
        totals = run.get("totals") or {}
        rows.append((str(run["crawl_id"]), started.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if started else "?",
                     duration, str(len(run.get("sites") or {})), str(totals.get("stored", "?")),
                     str(totals.get("errors", "?")), str(run.get("finish_reason", "?"))))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    left = {0, 1, 6}  # text columns; numbers are right-aligned
    def line(row: tuple[str, ...]) -> str:
        cells = zip(row, widths, strict=True)
        return "  ".join(c.ljust(w) if i in left else c.rjust(w) for i, (c, w) in enumerate(cells))

    lines = [line(row) for row in rows]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(line.rstrip() for line in lines)
