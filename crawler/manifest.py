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
from crawler.redact import redact_settings

logger = logging.getLogger(__name__)

#: Settings recorded in the manifest: the limits in force (values redacted by name, like every logged setting).
LIMIT_SETTINGS = ("CONGDOAN_MAX_PAGES_PER_SITE", "CONGDOAN_MAX_PATTERN_PAGES", "CONGDOAN_MAX_DEPTH",
                  "CONGDOAN_BLOCKED_NETWORKS", "CONGDOAN_EXTRA_BLOCKED_NETWORKS", "DOWNLOAD_MAXSIZE",
                  "DOWNLOAD_TIMEOUT")

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
        **reach_summary(own),
        "revisits": {k.split("/", 1)[1]: v for k, v in own.items() if k.startswith("revisits/")},
    }


def reach_summary(own: dict[str, Any]) -> dict[str, Any]:
    """How the site was reached: challenges, Retry-After waits, scope changes by redirects, proxy (redacted)."""
    return {
        "challenges": {"met": own.get("challenge_met", 0), "solved": own.get("challenge_solved", 0),
                       "blocked": own.get("blocked_by_challenge", 0)},
        "retry_after": own.get("retry_after", 0),
        "admitted_origins": list(own.get("scope/admitted_origins", [])),
        "redirected_out": list(own.get("scope/redirected_out", [])),
        "proxy": own.get("proxy"),
    }


def empty_reason(summary: dict[str, Any]) -> str:
    """Why a site stored nothing, in words, from its summary."""
    errors = ", ".join(f"{k} {v}" for k, v in sorted(summary["errors"].items()))
    reasons = []
    if summary["challenges"]["blocked"]:
        reasons.append(f"blocked by a challenge page it cannot answer ({summary['challenges']['blocked']} "
                       "page(s): JavaScript or a captcha needed)")
    for out in summary["redirected_out"]:
        reasons.append(f"start URL {out['from']} redirects to {out['to']}, outside the site "
                       f"(extra_origins: ['{out['extra_origins']}'] would admit it)")
    if summary["responses"] == 0:
        reasons.append(f"every request failed ({errors})" if errors else "no request was answered")
    elif summary["error_count"] >= summary["responses"]:
        reasons.append(f"every request failed ({errors})")
        if set(summary["errors"]) <= {"http_403", "http_401", "http_451"}:
            reasons.append("the site may refuse this address: try a proxy (registry field proxy, or http_proxy)")
    if not reasons:
        dropped = summary["dropped"]
        known = dropped["already_stored"] + summary.get("skipped", {}).get("already_stored", 0)
        if known and not any(v for k, v in dropped.items() if k not in ("listing", "already_stored")):
            reasons.append(f"nothing new ({known} page(s) already stored)")
        else:
            kept = ", ".join(f"{k} {v}" for k, v in dropped.items() if v)
            reasons.append(f"no new article among {summary['responses']} response(s)"
                           + (f" ({kept})" if kept else "") + (f"; errors: {errors}" if errors else ""))
    return "; ".join(reasons)


#: A site's share of pages typed listing, other or page_type_uncertain that grew by this much since the
#: previous run (on at least JUMP_MIN_RESPONSES responses) is called out: a layout change or a misclassification.
JUMP_SHARE = 0.3
JUMP_MIN_RESPONSES = 10
NONE_STORED_MIN_RESPONSES = 5


def _doubtful_share(site: dict[str, Any]) -> float:
    doubtful = site["dropped"]["listing"] + site["dropped"]["other"] + site["flags"].get("page_type_uncertain", 0)
    return doubtful / max(1, site["responses"])


def site_alerts(sites: dict[str, dict[str, Any]], previous: dict[str, Any] | None = None) -> list[str]:
    """Sites to look at: pages fetched but none stored (and none known from before), or a share of listing,
    other and uncertain pages that jumped since the previous run. Said loudly instead of an empty partition."""
    alerts = []
    before = (previous or {}).get("sites") or {}
    for slug, site in sites.items():
        if (site["responses"] >= NONE_STORED_MIN_RESPONSES and site["stored"] == 0
                and site["dropped"]["already_stored"] == 0 and site["dropped"]["duplicate"] == 0):
            alerts.append(f"{slug}: {site['responses']} pages fetched, none stored "
                          f"({site['dropped']['listing']} listing, {site['dropped']['other']} other)")
        old = before.get(slug)
        if old and site["responses"] >= JUMP_MIN_RESPONSES and old.get("responses", 0) >= JUMP_MIN_RESPONSES:
            now_share, old_share = _doubtful_share(site), _doubtful_share(old)
            if now_share - old_share >= JUMP_SHARE:
                alerts.append(f"{slug}: share of listing/other/uncertain pages jumped from {old_share:.0%} to "
                              f"{now_share:.0%} since the previous run")
    return alerts


def latest_manifest(out: str | Path) -> dict[str, Any] | None:
    """The newest manifest under ``<out>/_runs/`` (None when there is none or it cannot be read)."""
    runs = sorted(Path(out).glob("_runs/*.json"), key=lambda p: p.stat().st_mtime)
    try:
        return json.loads(runs[-1].read_text(encoding="utf-8")) if runs else None
    except (OSError, ValueError):
        return None


def build_manifest(stats: dict[str, Any], slugs: list[str], *, crawl_id: str, reason: str,
                   out: str, state: str, traps: dict[str, dict[str, Any]] | None = None,
                   limits: dict[str, Any] | None = None, previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """The manifest of a finished crawl; ``traps`` is what the trap limits cut per site (crawler.traps),
    ``previous`` the last run's manifest, to call out jumps."""
    sites = {slug: site_summary(stats, slug) for slug in slugs}
    for slug, report in (traps or {}).items():
        if slug in sites:
            sites[slug]["traps"] = report
    totals = {
        "responses": sum(s["responses"] for s in sites.values()),
        "stored": sum(s["stored"] for s in sites.values()),
        "dropped": {r: sum(s["dropped"][r] for s in sites.values()) for r in DROP_REASONS},
        "errors": sum(s["error_count"] for s in sites.values()),
        "robots_forbidden": stats.get("robotstxt/forbidden", 0),
        "offsite_refused": stats.get("congdoan/offsite_refused", 0),
        "address_refused": stats.get("congdoan/address_refused", 0),
        "trap_cuts": sum(sum(r.get("cut", {}).values()) for r in (traps or {}).values()),
        "foreign_files_kept": stats.get("congdoan/foreign_files", 0),
        "files_written": stats.get("congdoan/files_written", 0),
    }
    def iso(value: Any) -> Any:
        return value.isoformat() if isinstance(value, datetime) else value

    return {
        "crawl_id": crawl_id, "finish_reason": reason, "out": out, "state": state,
        "started_at": iso(stats.get("start_time")), "finished_at": datetime.now(UTC).isoformat(),
        "totals": totals, "sites": sites, "limits": redact_settings(limits or {}),
        "silent_sites": [slug for slug, s in sites.items() if s["responses"] == 0],
        "empty_sites": {slug: empty_reason(s) for slug, s in sites.items() if s["stored"] == 0},
        "alerts": site_alerts(sites, previous),
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
    for slug, s in manifest["sites"].items():
        cut = (s.get("traps") or {}).get("cut")
        if cut:
            patterns = ", ".join(f"{p} ({n})" for p, n in list(s["traps"]["patterns"].items())[:3])
            notes.append(f"limits cut {sum(cut.values())} request(s) of {slug} "
                         f"({', '.join(f'{k} {v}' for k, v in sorted(cut.items()))}): {patterns}")
    revisits: dict[str, int] = {}
    for s in manifest["sites"].values():
        for kind, n in s.get("revisits", {}).items():
            revisits[kind] = revisits.get(kind, 0) + n
    if revisits:
        notes.append("stored articles fetched again: " + ", ".join(f"{k} {v}" for k, v in sorted(revisits.items()))
                     + f"; new versions stored: {revisits.get('changed', 0)}")
    if manifest["silent_sites"]:
        notes.append("sites that answered no request: " + ", ".join(manifest["silent_sites"]))
    for slug, s in manifest["sites"].items():
        reach = []
        if s.get("admitted_origins"):
            reach.append("scope extended to " + ", ".join(s["admitted_origins"]))
        if s.get("challenges", {}).get("met"):
            c = s["challenges"]
            reach.append(f"challenges met {c['met']}, solved {c['solved']}, blocked {c['blocked']}")
        if s.get("retry_after"):
            reach.append(f"Retry-After waits {s['retry_after']}")
        if s.get("proxy"):
            reach.append(f"via proxy {s['proxy']}")
        if reach:
            notes.append(f"{slug}: " + "; ".join(reach))
    for slug, reason in manifest.get("empty_sites", {}).items():
        notes.append(f"{slug} stored nothing: {reason}")
    for alert in manifest.get("alerts") or ():
        notes.append(f"CHECK THIS SITE: {alert}")
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
        guard = getattr(spider, "traps", None)
        traps = {slug: guard.report(slug) for slug in slugs} if guard is not None else None
        limits = {name: settings.get(name) for name in LIMIT_SETTINGS}
        previous = latest_manifest(settings.get("CONGDOAN_OUT"))
        manifest = build_manifest(self.crawler.stats.get_stats(), slugs, traps=traps, limits=limits,
                                  previous=previous,
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
