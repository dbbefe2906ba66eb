"""Dedupe benchmark: the dedupe step over generated Vietnamese union news with planted near-duplicates.

    .venv/bin/python bench/dedupe.py              # 100,000 documents
    .venv/bin/python bench/dedupe.py --docs 20000 # a quick run

Each document goes through the dedupe step as a crawl runs it: its extraction worker fingerprints the text and
keys the page's URL (``attach_fingerprint``) and pickles the fingerprint for the pipe to the crawl process;
the crawl process unpickles it and makes ``DedupePipeline.process_item``'s calls (``take_fingerprint``,
``url_seen``, ``find``, then ``add`` for a new text or ``note_copy`` for a copy), and commits every
``--commit-every`` documents, as the crawl does after each data file. The two sides are timed apart, in one
process (CPU time, rensa limited to one thread): the crawl process's side is the rate of the dedupe step in a
crawl (the workers' side runs in parallel with it, beside extraction); both are printed, and their sum.
``--in-process`` computes fingerprints in the dedupe step instead, as a crawl without extraction workers and
``congdoan dedupe`` do.

About ``--planted`` of the documents are copies of an earlier one (reformatted, NFD, other chrome or source
line, abbreviations, reworded sapo, sentences added or removed, truncated); about ``--templates`` are monthly
reports of one federation on one template with other figures, which must stay apart. The documents are
generated first and not timed (``--interleaved``: one by one between lookups, which is slower as the
generator evicts the index's data from the CPU caches). Also printed: recall on the planted copies, false
merges, peak memory and the state's size on disk per kept document.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import resource
import shutil
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from multiprocessing.reduction import ForkingPickler  # what the pool's pipe pickles with
from pathlib import Path

os.environ.setdefault("RAYON_NUM_THREADS", "1")  # rensa's thread pool: measure one core

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from pipelines.dedupe import FINGERPRINT_KEY, DedupeConfig, DedupeIndex, attach_fingerprint  # noqa: E402
from pipelines.schema import record_id  # noqa: E402
from pipelines.state import STATE_FILE, SQLiteStateStore  # noqa: E402
from tests.dedupe_pairs import generate as gen  # noqa: E402


@dataclass
class Doc:
    url: str
    site: str
    text: str
    source: int | None = None  # index of the document this one copies
    kind: str = "original"


def copy_of(text: str, writer: gen.StoryWriter, ctx: dict[str, str], topic: str) -> tuple[str, str]:
    """An edited copy of ``text`` and the kind of edit."""
    rng = writer.rng
    kind = rng.choice(["reformat", "nfd", "chrome", "source", "abbreviations", "sapo", "sentences", "edited",
                       "truncated", "truncated_chrome"])
    if kind == "reformat":
        return gen.reformat(text, rng), kind
    if kind == "nfd":
        return unicodedata.normalize("NFD", text), kind
    if kind == "chrome":
        return gen.with_chrome(text, rng, ctx), kind
    if kind == "source":
        return gen.with_source(text, rng, ctx), kind
    if kind == "abbreviations":
        return gen.swap_tones(gen.swap_abbreviations(text, rng)), kind
    if kind == "sapo":
        return gen.rewrite_sapo(text, writer, ctx, topic), kind
    if kind == "sentences":
        return gen.add_or_remove_sentence(gen.add_or_remove_sentence(text, writer, ctx), writer, ctx), kind
    if kind == "edited":
        edited = gen.swap_abbreviations(gen.rewrite_sapo(text, writer, ctx, topic), rng, 0.6)
        return gen.with_source(gen.add_or_remove_sentence(edited, writer, ctx), rng, ctx), kind
    if kind == "truncated":
        return gen.truncated(text, rng), kind
    return gen.with_chrome(gen.truncated(text, rng), rng, ctx), kind


def documents(count: int, planted: float, templates: float, seed: int):
    """Yield documents; copies point at an earlier original, reports are template siblings."""
    rng = random.Random(seed)
    writer = gen.StoryWriter(rng)
    recent: list[tuple[int, str, dict[str, str], str]] = []  # originals a copy may be made of
    # each federation reports on its own wording of a template, as federations do
    federations = [(province, writer.house_style(rng.choice(gen.MONTHLY)), writer.context(province))
                   for province in gen.PROVINCES for _ in range(2)]
    sites = [f"site-{i:02d}" for i in range(40)]
    for i in range(count):
        site = rng.choice(sites)
        url = f"http://{site}.example.vn/tin-tuc/bai-{i}.html"
        roll = rng.random()
        if roll < planted and recent:
            source, text, ctx, topic = rng.choice(recent)
            copy, kind = copy_of(text, writer, ctx, topic)
            yield Doc(url, site, copy, source, kind)
            continue
        if roll < planted + templates:
            province, template, base = rng.choice(federations)
            ctx = writer.context(province) | {"org": base["org"], "person1": base["person1"],
                                              "title1": base["title1"]}
            yield Doc(url, site, writer.monthly(template, ctx), None, "report")
            continue
        ctx = writer.context()
        topic = rng.choice(sorted(gen.BODY))
        text = writer.long_article(ctx, topic)
        recent.append((i, text, ctx, topic))
        if len(recent) > 5000:
            recent.pop(rng.randrange(len(recent)))
        yield Doc(url, site, text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--planted", type=float, default=0.1, help="share of documents that copy an earlier one")
    parser.add_argument("--templates", type=float, default=0.05, help="share of same-template monthly reports")
    parser.add_argument("--commit-every", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--state", help="state directory to keep (default: a temporary one, removed at the end)")
    parser.add_argument("--in-process", action="store_true",
                        help="compute fingerprints in the dedupe step, as a crawl without extraction workers "
                             "(CONGDOAN_EXTRACT_WORKERS=0) and `congdoan dedupe` do")
    parser.add_argument("--interleaved", action="store_true",
                        help="generate each document just before indexing it (its text generation evicts the "
                             "index's data from the CPU caches between documents) instead of all of them first")
    args = parser.parse_args()

    stream = documents(args.docs, args.planted, args.templates, args.seed)
    if not args.interleaved:
        t0 = time.perf_counter()
        stream = list(stream)
        print(f"  generated {len(stream):,} documents in {time.perf_counter() - t0:.1f} s (not timed)",
              file=sys.stderr)

    state_dir = Path(args.state or tempfile.mkdtemp(prefix="dedupe-bench-"))
    config = DedupeConfig()
    index = DedupeIndex.open(state_dir, config)
    rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    story_of: dict[str, int] = {}  # kept record id -> the original document whose story it tells
    verdicts: list[tuple[str, int | None, int | None]] = []  # kind, story copied, story of the record found
    busy = cpu = worker_cpu = 0.0
    words = 0
    sample: list[set[int]] = []  # shingle sets of some originals, for the corpus' background similarity
    for n, doc in enumerate(stream):
        words += len(doc.text.split())
        record = {"page_type": "article", "text": doc.text, "url": doc.url, "site": doc.site,
                  "id": record_id(doc.url)}
        if not args.in_process:  # what an extraction worker does: fingerprint, pickle for the pipe
            c0 = time.process_time()
            shipped = ForkingPickler.dumps(attach_fingerprint(record, config).pop(FINGERPRINT_KEY))
            worker_cpu += time.process_time() - c0
        t0, c0 = time.perf_counter(), time.process_time()
        if not args.in_process:  # the crawl process: unpickle, then DedupePipeline.process_item's calls
            record[FINGERPRINT_KEY] = ForkingPickler.loads(shipped)
            index.take_fingerprint(record)
        if index.url_seen(doc.url):
            raise SystemExit(f"{doc.url}: generated twice")
        verdict = index.find(url=doc.url, text=doc.text)
        if verdict is None:
            index.add(id=record["id"], url=doc.url, site=doc.site, text=doc.text)
        else:
            index.note_copy(url=doc.url, duplicate_of=verdict.duplicate_of)
        if (n + 1) % args.commit_every == 0:
            index.commit([f"site=x/part-{n + 1}.parquet"])
        busy += time.perf_counter() - t0
        cpu += time.process_time() - c0
        if doc.kind == "original" and len(sample) < 400 and n % 7 == 0:
            sample.append(set(np.frombuffer(index.fingerprint(doc.text).shingles, np.uint64).tolist()))
        if verdict is None:
            story_of[record["id"]] = n if doc.source is None else doc.source
        found = None if verdict is None else story_of.get(verdict.duplicate_of, -1)
        verdicts.append((doc.kind, doc.source, found))
        if (n + 1) % 20000 == 0:
            print(f"  {n + 1:,} documents, {(n + 1) / cpu:,.0f} docs per CPU second so far", file=sys.stderr)
    t0, c0 = time.perf_counter(), time.process_time()
    index.commit([f"site=x/part-{args.docs}.parquet"])
    busy += time.perf_counter() - t0
    cpu += time.process_time() - c0
    kept = len(index)
    stats = index.stats
    index.close()
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    store = SQLiteStateStore.in_dir(state_dir)
    store.checkpoint()
    store.close()
    state_bytes = sum(p.stat().st_size for p in state_dir.iterdir() if p.name.startswith(STATE_FILE))

    # a copy is found when it is tied to a record of its own story (the original, or an earlier copy of it)
    planted = [(kind, source, got) for kind, source, got in verdicts if source is not None]
    found = [p for p in planted if p[2] == p[1]]
    missed = Counter(kind for kind, _, got in planted if got is None)
    wrong = [p for p in planted if p[2] is not None and p[2] != p[1]]
    false_merges = Counter(kind for kind, source, got in verdicts if source is None and got is not None)
    print(f"documents          {args.docs:,} ({words / args.docs:.0f} words on average; {len(planted):,} planted "
          f"copies, {sum(kind == 'report' for kind, *_ in verdicts):,} template reports)")
    where = "fingerprints computed in it too (--in-process)" if args.in_process else "fingerprints from workers"
    print(f"dedupe step        {args.docs / cpu:,.0f} docs per CPU second in the crawl process ({where}; CPU "
          f"{cpu:.1f} s, {cpu / args.docs * 1e6:.0f} us a document; wall {busy:.1f} s = {args.docs / busy:,.0f} "
          f"docs/s; documents {'generated before' if not args.interleaved else 'generated between lookups'})")
    if not args.in_process:
        total = cpu + worker_cpu
        print(f"workers            {worker_cpu / args.docs * 1e6:.0f} us of CPU a document to fingerprint and "
              f"pickle it = {args.docs / worker_cpu:,.0f} docs per CPU second of a worker; both sides "
              f"{total / args.docs * 1e6:.0f} us = {args.docs / total:,.0f} docs per CPU second")
    print(f"recall (planted)   {len(found) / max(len(planted), 1):.4f} ({len(found):,}/{len(planted):,}; "
          f"missed by kind: {dict(missed) or 'none'})")
    print(f"false merges       {sum(false_merges.values()) + len(wrong)} (originals/reports merged: "
          f"{dict(false_merges) or 'none'}; copies tied to another story: {len(wrong)})")
    print(f"candidates         {stats['candidates'] / max(stats['lookups'], 1):.2f} sketches compared per lookup "
          f"(verdicts: {stats['url']} url, {stats['exact']} exact, {stats['near']} near)")
    similar = sorted(len(a & b) / len(a | b) for a, b in itertools.combinations(sample, 2))
    if similar:
        print(f"background         Jaccard of unrelated originals: median {similar[len(similar) // 2]:.3f}, "
              f"p99 {similar[int(len(similar) * 0.99)]:.3f}, max {similar[-1]:.3f} ({len(similar):,} pairs)")
    print(f"peak memory        {rss_peak / 1024:,.0f} MiB RSS (at start of indexing {rss_start / 1024:,.0f} MiB)")
    print(f"state on disk      {state_bytes / 1e6:,.1f} MB for {kept:,} kept records = "
          f"{state_bytes / max(kept, 1):,.0f} bytes/record")
    if args.state is None:
        shutil.rmtree(state_dir)


if __name__ == "__main__":
    main()
