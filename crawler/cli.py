"""``congdoan``: crawl union sites into a Parquet corpus, and inspect, evaluate and re-check it.

Exit codes: 0 the run completed (page errors are counted, not fatal); 2 invalid registry or arguments (one
line naming the entry and field, nothing written); 1 the run aborted, or a site answered no request at all.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import shutil
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.registry import RegistryError, Site, load_registry, parse_registry, select_sites

DEMO_OUT = Path("data/demo")
#: Marks a directory the demo wrote: the only kind it deletes to start fresh.
DEMO_MARKER = ".congdoan-demo"
#: Settings for crawling the bundled sample sites on loopback: no politeness delay needed.
DEMO_SETTINGS = {
    "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "DOWNLOAD_MAXSIZE": 2 * 1024 * 1024, "RETRY_TIMES": 0, "LOG_LEVEL": "WARNING",
}


class UsageError(Exception):
    """Bad arguments: exit code 2 with a one-line message."""


def _parse_setting(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise UsageError(f"-s {text!r}: expected NAME=VALUE")
    return name.strip(), value


#: Scrapy's typed getter for each type a setting's default can have.
_GETTERS = {bool: "getbool", int: "getint", float: "getfloat", list: "getlist", dict: "getdict"}


def _check_setting(settings: Any, name: str, value: Any) -> None:
    """Refuse a ``-s`` value that cannot have the type of the setting's default (UsageError, exit 2)."""
    default = settings.get(name)
    getter = _GETTERS.get(type(default))
    if getter is None:
        return
    probe = type(settings)()
    probe.set(name, value)
    try:
        getattr(probe, getter)(name)
    except (TypeError, ValueError):
        raise UsageError(f"-s {name}={value!r}: expected a {type(default).__name__}, like the default "
                         f"{default!r}") from None


def run_crawl(sites: Sequence[Site], out: Path, state: Path, overrides: dict[str, Any] | None = None, *,
              spider: type | None = None, **spider_kwargs: Any) -> dict:
    """Crawl ``sites`` in this process and return the run manifest (the Twisted reactor runs once per process).

    ``spider`` replaces the site spider (re-extraction, backfill); ``spider_kwargs`` go to it.
    """
    from crawler.redact import install_redaction
    from pipelines.pool import DEFAULT_FUNCTION, start_forkserver

    install_redaction()
    if str((overrides or {}).get("CONGDOAN_EXTRACT_WORKERS", "")).strip() != "0":
        # the extraction workers' forkserver loads the extractor (about a second) on the other core while this
        # process imports Scrapy and opens the crawl; with the workers set to 0 in a settings module it idles
        start_forkserver((overrides or {}).get("CONGDOAN_EXTRACT_FUNCTION") or DEFAULT_FUNCTION)
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from crawler.spiders.site import SiteSpider
    from pipelines.dedupe import DedupeConfig, StateMismatchError
    from pipelines.parquet import arrow_without_pandas, new_crawl_id, steady_heap
    from pipelines.steps import ExtractPipeline, crawl_index

    arrow_without_pandas()  # this process is the crawl's: no DataFrame is converted in it
    steady_heap()

    settings = get_project_settings()
    for name, value in (overrides or {}).items():
        _check_setting(settings, name, value)
        settings.set(name, value, priority="cmdline")
    settings.set("CONGDOAN_OUT", str(out), priority="cmdline")
    settings.set("CONGDOAN_STATE", str(state), priority="cmdline")
    crawl_id = new_crawl_id(datetime.now(UTC))
    settings.set("CONGDOAN_CRAWL_ID", crawl_id, priority="cmdline")
    try:
        DedupeConfig.from_settings(settings.get)
        ExtractPipeline.settings(settings)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    try:
        from crawler.addresses import AddressPolicy
        from crawler.middlewares import blocked_networks

        AddressPolicy(blocked_networks(settings))
    except ValueError as exc:
        raise UsageError(f"-s CONGDOAN_BLOCKED_NETWORKS / CONGDOAN_EXTRA_BLOCKED_NETWORKS: {exc}") from None
    if settings.get("JOBDIR"):
        raise UsageError("-s JOBDIR: not supported (Scrapy keeps its queues there as pickles); an interrupted "
                         "crawl resumes from --state")
    locks = _lock_directories(out, state, crawl_id)
    try:
        process = CrawlerProcess(settings)
        if settings.getbool("LOG_ENABLED"):
            # Scrapy leaves the root logger at NOTSET and filters in its handler, so the debug lines of every
            # page ("Crawled", "Stored") were still made into records, redacted and thrown away.
            logging.root.setLevel(settings.get("LOG_LEVEL"))
        crawler = process.create_crawler(spider or SiteSpider)
        try:  # the crawl's one dedupe index, opened here: a state of other settings is refused in one line
            crawl_index(crawler)
        except StateMismatchError as exc:
            raise UsageError(f"--state {state}: {exc}") from None
        process.crawl(crawler, sites=list(sites), **spider_kwargs)
        # what is in memory now (modules, settings, the dedupe index just read) lives until the process ends:
        # moved out of the collector's reach, neither the collections of the crawl nor the one at exit scan it
        gc.freeze()
        process.start()
    finally:
        for lock in locks:
            lock.release()
    manifest = getattr(crawler, "congdoan_manifest", None)
    if manifest is None:
        raise RuntimeError("the crawl stopped before it finished (see the log above)")
    return manifest


def _lock_directories(out: Path, state: Path, crawl_id: str) -> list[Any]:
    """Lock the output and state directories for this crawl (UsageError naming the running crawl if taken)."""
    from pipelines.locks import DirectoryInUseError, DirectoryLock

    locks = []
    try:
        for path, role in ((out, "--out"), (state, "--state")):
            locks.append(DirectoryLock.acquire(path, crawl_id, role))
    except DirectoryInUseError as exc:
        for lock in locks:
            lock.release()
        raise UsageError(str(exc)) from None
    return locks


def _crawl_exit(manifest: dict) -> int:
    from crawler.manifest import format_summary

    print(format_summary(manifest))
    if manifest["finish_reason"] != "finished":
        return 1
    return 1 if manifest["silent_sites"] else 0


def _archive_setting(args: argparse.Namespace) -> dict[str, Any]:
    return {"CONGDOAN_ARCHIVE": str(Path(args.archive))} if getattr(args, "archive", None) else {}


def cmd_crawl(args: argparse.Namespace) -> int:
    sites = select_sites(load_registry(args.sites_file), args.site)
    overrides = {**_archive_setting(args), **dict(_parse_setting(s) for s in args.set)}
    return _crawl_exit(run_crawl(sites, Path(args.out), Path(args.state), overrides))


def cmd_demo(args: argparse.Namespace) -> int:
    from crawler.sampleserver import SampleSites

    out = Path(args.out)
    if out.exists():
        if any(out.iterdir()) and not (out / DEMO_MARKER).exists():
            raise UsageError(f"--out {out}: exists and is not a demo output (no {DEMO_MARKER}); the demo starts "
                             "fresh by deleting its directory, so choose another one")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / DEMO_MARKER).write_text("written by `congdoan demo`: deleted and rewritten on each run\n")
    with SampleSites() as samples:
        sites = parse_registry({"sites": samples.registry_entries()}, "sample sites")
        print(f"Serving {len(sites)} sample sites on loopback; crawling them into {out}/ ...", flush=True)
        manifest = run_crawl(sites, out, out / "_state", {**DEMO_SETTINGS, **_archive_setting(args)})
    code = _crawl_exit(manifest)
    print(f"\nLoad it: pandas.read_parquet({str(out)!r})")
    return code


def _reextract(args: argparse.Namespace, out: Path) -> dict:
    """Rebuild a corpus at ``out`` from the archive ``args.archive``; return the run manifest."""
    from crawler.archive import archive_files
    from crawler.reextract import ReextractSpider

    archive = Path(args.archive)
    if not archive_files(archive):
        raise UsageError(f"--archive {archive}: no finalised WARC files (*.warc.gz) there")
    sites = select_sites(load_registry(args.sites_file), args.site)
    overrides = {**dict(_parse_setting(s) for s in args.set), "CONGDOAN_ARCHIVE": None}
    state = Path(args.state) if args.state else out / "_state"
    return run_crawl(sites, out, state, overrides, spider=ReextractSpider, archive=str(archive))


def cmd_reextract(args: argparse.Namespace) -> int:
    return _crawl_exit(_reextract(args, Path(args.out)))


def cmd_backfill(args: argparse.Namespace) -> int:
    from crawler.backfill import BackfillSpider, month_bounds

    sites = select_sites(load_registry(args.sites_file), args.site)
    try:
        month_bounds(args.start, args.end)
    except ValueError as exc:
        raise UsageError(f"--from/--to: {exc} (expected YYYY-MM)") from None
    # Politeness towards the archive: one request at a time per host, on top of the crawl's delay.
    overrides = {"CONCURRENT_REQUESTS_PER_DOMAIN": 1, **dict(_parse_setting(s) for s in args.set)}
    manifest = run_crawl(sites, Path(args.out), Path(args.state), {**_archive_setting(args), **overrides},
                         spider=BackfillSpider, start=args.start, end=args.end, source=args.source)
    return _crawl_exit(manifest)


def cmd_sites(args: argparse.Namespace) -> int:
    sites = load_registry(args.sites_file)
    width = max((len(s.slug) for s in sites), default=4)
    pwidth = max((len(s.province) for s in sites), default=8)
    for site in sites:
        print(f"{site.slug.ljust(width)}  {site.province.ljust(pwidth)}  {' '.join(site.start_urls)}")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from pipelines.extract import extract_page, to_json

    try:
        body = Path(args.file).read_bytes()
    except OSError as exc:
        raise UsageError(f"{args.file}: cannot read ({exc.strerror})") from None
    profile = None
    if args.profile:
        from pipelines.profile import SiteProfile

        try:
            profile = SiteProfile.from_json(Path(args.profile).read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError) as exc:
            raise UsageError(f"{args.profile}: not a site profile ({exc})") from None
    if not args.explain:
        print(to_json(extract_page(body, args.url, content_type=args.content_type, profile=profile)))
        return 0
    from pipelines.extract.page import explain_page

    page, notes = explain_page(body, args.url, content_type=args.content_type, profile=profile)
    print(to_json(page))
    print(f"\npage type: {notes.get('page_type')}" + (" (uncertain: signals disagree)" if notes.get(
        "page_type_uncertain") else "") + f"; date found: {notes.get('has_date')}; URL shape says: "
          f"{notes.get('url_shape_says') or '-'} (profile of {notes.get('profile_pages', 0)} pages)")
    print(f"  decided by: {notes.get('rule')}; layout rules said: {notes.get('rules_said')}")
    print(f"  story evidence: {', '.join(notes.get('story_evidence') or []) or 'none'}; site-wide evidence: "
          f"{', '.join(notes.get('sitewide_evidence') or []) or 'none'}")
    for name, value in (notes.get("signals") or {}).items():
        print(f"  {name:<18} {value}")
    removed = [r for r in notes["removed"] if r["rule"] not in {"<script>", "<style>", "<noscript>", "comment"}]
    print(f"removed before trafilatura ({len(removed)} blocks; scripts and styles not listed):")
    for removal in removed:
        print(f"  {removal['rule']:<28} {removal['text']}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from pipelines.evaluate import check_floors, evaluate_extraction, floors_of_half, load_floors

    if args.against or args.archive:
        return _evaluate_against(args)
    if args.dedupe:
        from pipelines.dedupe import evaluate_dedupe

        scores = {"dedupe": evaluate_dedupe()}
    else:
        halves = (args.half,) if args.half else ("dev", "test")
        if args.half and not args.real:
            raise UsageError("evaluate: --half goes with --real")
        scores = evaluate_extraction(aeb=args.aeb, real=args.real, halves=halves)
    floors = load_floors()
    if args.half:
        floors = floors_of_half(floors, args.half)
    failures = check_floors(scores, floors)
    for failure in failures:
        print(f"below floor: {failure}", file=sys.stderr)
    return 1 if failures else 0


def _evaluate_against(args: argparse.Namespace) -> int:
    """Rebuild the archive with the current rules and print, per site, what changed against ``--against``."""
    import tempfile

    from crawler.manifest import format_summary
    from pipelines.compare import compare_corpora, format_comparison
    from pipelines.parquet import read_corpus

    if not (args.against and args.archive):
        raise UsageError("evaluate: --against OLD_OUT and --archive DIR go together")
    old_out = Path(args.against)
    if not old_out.is_dir():
        raise UsageError(f"--against {old_out}: no such corpus directory")
    old = read_corpus(old_out)
    with tempfile.TemporaryDirectory(prefix="congdoan-evaluate-") as tmp:
        out = Path(args.out) if args.out else Path(tmp) / "corpus"
        manifest = _reextract(args, out)
        print(format_summary(manifest), end="\n\n")
        if manifest["finish_reason"] != "finished":
            return 1
        new = read_corpus(out)
    print(f"Current rules on the archive {args.archive} vs the corpus {old_out}:")
    print(format_comparison(compare_corpora(old, new)))
    return 0


def cmd_dedupe(args: argparse.Namespace) -> int:
    from pipelines.dedupe import DedupeConfig, recheck_corpus

    out = Path(args.out)
    if not out.is_dir():
        raise UsageError(f"--out {out}: no such corpus directory")
    config = DedupeConfig(threshold=args.threshold) if args.threshold is not None else DedupeConfig()
    if args.migrate_state:
        from pipelines.dedupe import migrate_state
        from pipelines.state import STATE_FILE

        if not (Path(args.migrate_state) / STATE_FILE).is_file():
            raise UsageError(f"--migrate-state {args.migrate_state}: no dedupe state there ({STATE_FILE})")
        done, missing = migrate_state(args.migrate_state, out)
        print(f"dedupe state {args.migrate_state}: fingerprints of {done} kept records recomputed from {out}"
              + (f"; {missing} not in the corpus (URL and exact matches only)" if missing else ""))
        return 0
    recheck_corpus(out, config)
    return 0


def cmd_probe(args: argparse.Namespace) -> int:
    from crawler.probe import format_report, probe, save_samples
    from crawler.redact import redact_url

    parts = urlsplit(args.url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"probe: {args.url!r} is not an absolute http(s) URL")
    if args.max_requests < 2 or args.samples < 0 or args.delay < 0:
        raise UsageError("probe: --max-requests must be at least 2, --samples and --delay not negative")
    proxy = args.proxy or None
    report = probe(args.url, budget=args.max_requests, samples=args.samples, delay=args.delay,
                   timeout=args.timeout, proxy=proxy, slug=args.slug, name=args.name, province=args.province,
                   section=args.section)
    print(format_report(report))
    if args.save and report.samples:
        written = save_samples(report, Path(args.save))
        print(f"\nsaved {len(written) // 2} page(s) with draft gold to {args.save}/ (check each JSON by hand "
              "before adding it to tests/real_pages/)")
    if proxy:
        print(f"(through proxy {redact_url(proxy)})")
    return 0 if report.start.ok else 1


def cmd_runs(args: argparse.Namespace) -> int:
    from crawler.manifest import format_runs, load_runs

    out = Path(args.out)
    if not out.is_dir():
        raise UsageError(f"--out {out}: no such corpus directory")
    runs, unreadable = load_runs(out)
    if runs:
        print(format_runs(runs))
    else:
        print(f"no runs in {out / '_runs'}")
    for name in unreadable:
        print(f"congdoan: {out / '_runs' / name}: not a readable run manifest, skipped", file=sys.stderr)
    return 0


def cmd_deploy(args: argparse.Namespace) -> int:
    from crawler.deploy import DeployError, Target, build_egg, default_version, read_target, upload

    try:
        target = read_target(args.config, args.target)
    except DeployError as exc:
        raise UsageError(str(exc)) from None
    target = Target(url=args.url or target.url, project=args.project or target.project)
    version = args.version or default_version()
    egg = build_egg(version)
    if args.build_egg:
        Path(args.build_egg).write_bytes(egg)
        print(f"egg written to {args.build_egg} ({len(egg)} bytes)")
        return 0
    try:
        answer = upload(target, version, egg)
    except DeployError as exc:
        raise RuntimeError(str(exc)) from None
    print(f"deployed {target.project} version {version} to {target.url}: {answer.get('spiders')} spiders")
    return 0


def _corpus_dir(out: str) -> Path:
    path = Path(out)
    if not path.is_dir():
        raise UsageError(f"--out {out}: no such corpus directory")
    return path


def cmd_stats(args: argparse.Namespace) -> int:
    from pipelines.stats import format_stats, site_stats

    print(format_stats(site_stats(_corpus_dir(args.out))))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    out = _corpus_dir(args.out)
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise UsageError("report: plots need matplotlib (pip install 'congdoan-corpus[plots]')") from None
    from pipelines.report import write_report

    path = write_report(out, args.html)
    print(f"report written to {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="congdoan", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="serve the bundled sample sites on loopback and crawl them")
    demo.add_argument("--out", default=str(DEMO_OUT), help="output directory (default: %(default)s)")
    demo.add_argument("--archive", metavar="DIR", help="also keep every response as WARC files in DIR")
    demo.set_defaults(func=cmd_demo)

    crawl = sub.add_parser("crawl", help="crawl registered sites into a Parquet corpus")
    crawl.add_argument("--site", action="append", default=[], metavar="SLUG", help="crawl only this site (repeat)")
    crawl.add_argument("--sites-file", metavar="FILE", help="registry YAML (default: crawler/sites.yaml)")
    crawl.add_argument("--out", default="data/corpus", help="output directory (default: %(default)s)")
    crawl.add_argument("--state", default="data/state", help="state directory (default: %(default)s)")
    crawl.add_argument("--archive", metavar="DIR", help="also keep every response as WARC files in DIR")
    crawl.add_argument("-s", dest="set", action="append", default=[], metavar="NAME=VALUE",
                       help="Scrapy setting, as with `scrapy crawl -s`")
    crawl.set_defaults(func=cmd_crawl)

    sites = sub.add_parser("sites", help="list the site registry")
    sites.add_argument("--sites-file", metavar="FILE")
    sites.set_defaults(func=cmd_sites)

    extract = sub.add_parser("extract", help="print, as JSON, what the pipeline makes of one saved page")
    extract.add_argument("file")
    extract.add_argument("--url", required=True, help="the page's URL")
    extract.add_argument("--content-type", help="the HTTP Content-Type it was served with")
    extract.add_argument("--profile", metavar="FILE", help="a site profile (<state>/profiles/<site>.json)")
    extract.add_argument("--explain", action="store_true",
                         help="also print the page-type signals and which rule or profile removed each block")
    extract.set_defaults(func=cmd_extract)

    evaluate = sub.add_parser("evaluate", help="score extraction (or dedupe) against labelled pages; exit 1 when "
                              "a score is below its floor in tests/eval_floors.json")
    evaluate.add_argument("--aeb", action="store_true", help="also run the article-extraction benchmark")
    evaluate.add_argument("--dedupe", action="store_true", help="evaluate dedupe on the labelled pairs")
    evaluate.add_argument("--real", action="store_true",
                          help="score extraction on the hand-labelled real pages (dev and test halves)")
    evaluate.add_argument("--half", choices=("dev", "test"),
                          help="with --real: read and score this half only (rules are worked on dev alone)")
    evaluate.add_argument("--against", metavar="OLD_OUT", help="compare the current rules on --archive with this "
                          "corpus, per site (records, titles, dates, authors)")
    evaluate.add_argument("--archive", metavar="DIR", help="raw archive (WARC) to re-extract for --against")
    evaluate.add_argument("--out", help="keep the re-extracted corpus here (default: a temporary directory)")
    evaluate.add_argument("--state", help="its state directory (default: OUT/_state)")
    evaluate.add_argument("--sites-file", metavar="FILE", help="registry YAML (default: crawler/sites.yaml)")
    evaluate.add_argument("--site", action="append", default=[], metavar="SLUG")
    evaluate.add_argument("-s", dest="set", action="append", default=[], metavar="NAME=VALUE")
    evaluate.set_defaults(func=cmd_evaluate)

    reextract = sub.add_parser("reextract", help="rebuild a corpus from a raw archive with the current rules, "
                               "without network")
    reextract.add_argument("--archive", required=True, metavar="DIR", help="WARC files of `crawl --archive`")
    reextract.add_argument("--out", required=True, help="output directory of the rebuilt corpus")
    reextract.add_argument("--state", help="state directory (default: OUT/_state)")
    reextract.add_argument("--sites-file", metavar="FILE", help="registry YAML (default: crawler/sites.yaml)")
    reextract.add_argument("--site", action="append", default=[], metavar="SLUG", help="only this site (repeat)")
    reextract.add_argument("-s", dest="set", action="append", default=[], metavar="NAME=VALUE")
    reextract.set_defaults(func=cmd_reextract)

    backfill = sub.add_parser("backfill", help="fetch a site's past articles from a web archive (Wayback Machine "
                              "or Common Crawl)")
    backfill.add_argument("--site", action="append", required=True, metavar="SLUG", help="site (repeat)")
    backfill.add_argument("--from", dest="start", required=True, metavar="YYYY-MM", help="first month of captures")
    backfill.add_argument("--to", dest="end", metavar="YYYY-MM", help="last month (default: this month)")
    backfill.add_argument("--source", choices=("wayback", "commoncrawl"), default="wayback")
    backfill.add_argument("--sites-file", metavar="FILE", help="registry YAML (default: crawler/sites.yaml)")
    backfill.add_argument("--out", default="data/corpus", help="output directory (default: %(default)s)")
    backfill.add_argument("--state", default="data/state", help="state directory (default: %(default)s)")
    backfill.add_argument("--archive", metavar="DIR", help="also keep every response as WARC files in DIR")
    backfill.add_argument("-s", dest="set", action="append", default=[], metavar="NAME=VALUE")
    backfill.set_defaults(func=cmd_backfill)

    dedupe = sub.add_parser("dedupe", help="re-check an existing corpus for duplicate clusters")
    dedupe.add_argument("--out", required=True, help="corpus directory")
    dedupe.add_argument("--threshold", type=float, help="near-duplicate Jaccard threshold")
    dedupe.add_argument("--migrate-state", metavar="STATE", help="instead: recompute the fingerprints of the "
                        "dedupe state STATE from the corpus (after an upgrade changed them)")
    dedupe.set_defaults(func=cmd_dedupe)

    probe = sub.add_parser("probe", help="fetch a few pages of a new site politely and print what a crawl would "
                           "meet, with a registry entry to paste")
    probe.add_argument("url", help="the site's start URL")
    probe.add_argument("--max-requests", type=int, default=20, help="requests at most (default: %(default)s)")
    probe.add_argument("--samples", type=int, default=5, help="pages to sample (default: %(default)s)")
    probe.add_argument("--delay", type=float, default=1.0, help="seconds between requests (default: %(default)s)")
    probe.add_argument("--timeout", type=float, default=30.0, help="seconds per request (default: %(default)s)")
    probe.add_argument("--proxy", help="proxy URL (default: the http_proxy/https_proxy variables)")
    probe.add_argument("--slug", help="slug for the entry (default: from the host name)")
    probe.add_argument("--name", help="name for the entry (default: the site's title)")
    probe.add_argument("--province", help="province for the entry (default: found in the name, or national)")
    probe.add_argument("--section", action="store_true", help="the site is the start URL's first path segment "
                       "only (a newspaper's union section): sample there and print a deny pattern for the rest")
    probe.add_argument("--save", metavar="DIR", help="save the sampled pages with draft gold JSON in DIR")
    probe.set_defaults(func=cmd_probe)
    runs = sub.add_parser("runs", help="list past runs from the manifests in <out>/_runs/")
    runs.add_argument("--out", default="data/corpus", help="corpus directory (default: %(default)s)")
    runs.set_defaults(func=cmd_runs)

    deploy = sub.add_parser("deploy", help="upload the project's egg to Scrapyd (target in scrapy.cfg)")
    deploy.add_argument("target", nargs="?", help="a [deploy:TARGET] section of scrapy.cfg (default: [deploy])")
    deploy.add_argument("--config", default="scrapy.cfg", help="Scrapy project file (default: %(default)s)")
    deploy.add_argument("--url", help="Scrapyd's URL (overrides scrapy.cfg)")
    deploy.add_argument("--project", help="project name in Scrapyd (overrides scrapy.cfg)")
    deploy.add_argument("--version", help="version to upload (default: the time, in seconds)")
    deploy.add_argument("--build-egg", metavar="FILE", help="only write the egg to FILE")
    deploy.set_defaults(func=cmd_deploy)

    stats = sub.add_parser("stats", help="a table per site: records, dates, length, author and time, drops")
    stats.add_argument("--out", default="data/corpus", help="corpus directory (default: %(default)s)")
    stats.set_defaults(func=cmd_stats)

    report = sub.add_parser("report", help="one self-contained HTML report: coverage, site health, flags, "
                            "duplicates")
    report.add_argument("--out", default="data/corpus", help="corpus directory (default: %(default)s)")
    report.add_argument("--html", required=True, metavar="FILE", help="the HTML file to write")
    report.set_defaults(func=cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``congdoan`` command."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (RegistryError, UsageError) as exc:
        print(f"congdoan: {exc}", file=sys.stderr)
        return 2
    except RuntimeError as exc:
        print(f"congdoan: aborted: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 1


if __name__ == "__main__":
    sys.exit(main())
