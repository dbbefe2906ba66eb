"""``congdoan``: crawl union sites into a Parquet corpus, and inspect, evaluate and re-check it.

Exit codes: 0 the run completed (page errors are counted, not fatal); 2 invalid registry or arguments (one
line naming the entry and field, nothing written); 1 the run aborted, or a site answered no request at all.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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


def run_crawl(sites: Sequence[Site], out: Path, state: Path, overrides: dict[str, Any] | None = None) -> dict:
    """Crawl ``sites`` in this process and return the run manifest (the Twisted reactor runs once per process)."""
    from crawler.redact import install_redaction

    install_redaction()
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from crawler.spiders.site import SiteSpider
    from pipelines.dedupe import DedupeConfig
    from pipelines.parquet import new_crawl_id

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
        crawler = process.create_crawler(SiteSpider)
        process.crawl(crawler, sites=list(sites))
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


def cmd_crawl(args: argparse.Namespace) -> int:
    sites = select_sites(load_registry(args.sites_file), args.site)
    overrides = dict(_parse_setting(s) for s in args.set)
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
        manifest = run_crawl(sites, out, out / "_state", DEMO_SETTINGS)
    code = _crawl_exit(manifest)
    print(f"\nLoad it: pandas.read_parquet({str(out)!r})")
    return code


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
    print(to_json(extract_page(body, args.url, content_type=args.content_type)))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from pipelines.evaluate import check_floors, evaluate_extraction, load_floors

    if args.dedupe:
        from pipelines.dedupe import evaluate_dedupe

        scores = {"dedupe": evaluate_dedupe()}
    else:
        scores = evaluate_extraction(aeb=args.aeb)
    failures = check_floors(scores, load_floors())
    for failure in failures:
        print(f"below floor: {failure}", file=sys.stderr)
    return 1 if failures else 0


def cmd_dedupe(args: argparse.Namespace) -> int:
    from pipelines.dedupe import DedupeConfig, recheck_corpus

    out = Path(args.out)
    if not out.is_dir():
        raise UsageError(f"--out {out}: no such corpus directory")
    config = DedupeConfig(threshold=args.threshold) if args.threshold is not None else DedupeConfig()
    recheck_corpus(out, config)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="congdoan", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="serve the bundled sample sites on loopback and crawl them")
    demo.add_argument("--out", default=str(DEMO_OUT), help="output directory (default: %(default)s)")
    demo.set_defaults(func=cmd_demo)

    crawl = sub.add_parser("crawl", help="crawl registered sites into a Parquet corpus")
    crawl.add_argument("--site", action="append", default=[], metavar="SLUG", help="crawl only this site (repeat)")
    crawl.add_argument("--sites-file", metavar="FILE", help="registry YAML (default: crawler/sites.yaml)")
    crawl.add_argument("--out", default="data/corpus", help="output directory (default: %(default)s)")
    crawl.add_argument("--state", default="data/state", help="state directory (default: %(default)s)")
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
    extract.set_defaults(func=cmd_extract)

    evaluate = sub.add_parser("evaluate", help="score extraction (or dedupe) against labelled pages; exit 1 when "
                              "a score is below its floor in tests/eval_floors.json")
    evaluate.add_argument("--aeb", action="store_true", help="also run the article-extraction benchmark")
    evaluate.add_argument("--dedupe", action="store_true", help="evaluate dedupe on the labelled pairs")
    evaluate.set_defaults(func=cmd_evaluate)

    dedupe = sub.add_parser("dedupe", help="re-check an existing corpus for duplicate clusters")
    dedupe.add_argument("--out", required=True, help="corpus directory")
    dedupe.add_argument("--threshold", type=float, help="near-duplicate Jaccard threshold")
    dedupe.set_defaults(func=cmd_dedupe)
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
