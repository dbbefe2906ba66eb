"""Reader benchmark: a site and date filter reads only the matching files and row groups.

    .venv/bin/python bench/reader.py                    # 100,000 records, 20 sites crawled together
    .venv/bin/python bench/reader.py --layout per-site  # one crawl per site: 1,000-row files, 4 row groups each
    .venv/bin/python bench/reader.py --records 20000    # a quick run

Generates synthetic records (about 300 words of text each, dates spread over ten years) and writes them
through the real writer (``DatasetWriter``), flushing every 1,000 rows as ``ParquetPipeline`` does with the
default ``CONGDOAN_ROWS_PER_FILE``. Then times ``load_corpus`` on the whole corpus and with one site and one
year, and prints the bytes the process read (Linux ``/proc/self/io`` ``rchar``: every read and pread), the
files and row groups the filter leaves to read, and the same query through polars and DuckDB.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from importlib.util import find_spec
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines.parquet import DatasetWriter  # noqa: E402
from pipelines.reader import (  # noqa: E402
    corpus_dataset,
    corpus_filter,
    load_corpus,
    load_corpus_duckdb,
    load_corpus_polars,
)
from pipelines.schema import record_id  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")
WORDS = np.array(("công đoàn lao động tỉnh huyện hội nghị đoàn viên công nhân quà Tết nhà ở an toàn vệ sinh "
                  "thi đua khen thưởng đối thoại thương lượng tập thể doanh nghiệp khu công nghiệp chính sách "
                  "pháp luật tuyên truyền nữ công sáng kiến chăm lo đời sống việc làm tiền lương bảo hiểm xã hội "
                  "năm tháng người đồng chí chủ tịch ban thường vụ kế hoạch triển khai tổ chức thực hiện").split())
PROVINCES = ["Bắc Kạn", "Thái Nguyên", "Lạng Sơn", "Cao Bằng", "Hà Giang", "Tuyên Quang", "Yên Bái", "Lào Cai",
             "Phú Thọ", "Vĩnh Phúc", "Hòa Bình", "Bắc Giang", "Bắc Ninh", "Hải Dương", "Hải Phòng", "Thái Bình",
             "Nam Định", "Hà Nam", "Ninh Bình", "Thanh Hóa"]
START = datetime(2015, 1, 1, tzinfo=VN)
DAYS = 3652  # ten years


def bytes_read() -> int:
    """Bytes this process has read so far (read and pread calls, page cache included)."""
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise RuntimeError("no rchar in /proc/self/io")


def records(n: int, sites: int, layout: str, seed: int = 0):
    """``n`` records in crawl order: sites crawled together (newest first in each), or one after another."""
    rng = np.random.default_rng(seed)
    days = rng.integers(0, DAYS, n)
    minutes = rng.integers(6 * 60, 22 * 60, n)
    lengths = rng.integers(150, 450, n)
    site_of = np.arange(n) % sites
    # crawled together: every site's newest articles first, the sites interleaved
    order = np.lexsort((-days, site_of)) if layout == "per-site" else np.argsort(-days, kind="stable")
    fetched = datetime(2026, 11, 1, tzinfo=UTC)
    for i in order:
        text = " ".join(WORDS[rng.integers(0, len(WORDS), lengths[i])])
        url = f"https://site{site_of[i]:02d}.example.vn/tin-tuc/bai-{i}.html"
        yield {"id": record_id(url), "url": url, "site": f"site-{site_of[i]:02d}",
               "province": PROVINCES[site_of[i] % len(PROVINCES)], "province_2025": None,
               "title": f"Bài {i}: {' '.join(WORDS[rng.integers(0, len(WORDS), 10)])}", "lead": None,
               "text": text, "author": "Phóng viên", "category": "Tin tức",
               "published_at": START + timedelta(days=int(days[i]), minutes=int(minutes[i])),
               "language": "vi", "language_score": 0.99, "content_hash": f"{i:064x}",
               "word_count": int(lengths[i]), "quality_flags": [], "fetched_at": fetched, "crawl_id": "bench"}


def write_corpus(out: Path, n: int, sites: int, layout: str, rows_per_file: int) -> float:
    writer = DatasetWriter(out, "bench")
    started = time.perf_counter()
    for record in records(n, sites, layout):
        writer.add_record(record)
        if writer.pending >= rows_per_file:
            writer.flush()
    writer.flush()
    return time.perf_counter() - started


def measure(label: str, call) -> tuple[int, float, int]:
    before, started = bytes_read(), time.perf_counter()
    rows = call()
    seconds, read = time.perf_counter() - started, bytes_read() - before
    print(f"{label:<17} {rows:>9,} rows  {seconds:7.2f} s  {read / 1e6:8.1f} MB read")
    return rows, seconds, read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--sites", type=int, default=20)
    parser.add_argument("--layout", choices=("together", "per-site"), default="together",
                        help="crawl order: sites crawled together (default) or one site after another")
    parser.add_argument("--rows-per-file", type=int, default=1000, help="CONGDOAN_ROWS_PER_FILE")
    parser.add_argument("--keep", metavar="DIR", help="write the corpus here and keep it")
    args = parser.parse_args()

    out = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="congdoan-reader-"))
    try:
        written = write_corpus(out, args.records, args.sites, args.layout, args.rows_per_file)
        files = sorted(out.glob("site=*/*.parquet"))
        groups = sum(pq.ParquetFile(f).metadata.num_row_groups for f in files)
        size = sum(f.stat().st_size for f in files)
        print(f"corpus            {args.records:,} records, {args.sites} sites, 2015-2024, layout {args.layout}: "
              f"{len(files):,} files, {groups:,} row groups, {size / 1e6:.1f} MB (written in {written:.1f} s)")
        site, since, until = "site-07", "2020-01-01", "2020-12-31"
        query = f'sites=["{site}"], since="{since}", until="{until}"'
        expression = corpus_filter(sites=[site], since=since, until=until)
        dataset = corpus_dataset(out)
        fragments = list(dataset.get_fragments(filter=expression))
        dates = corpus_filter(since=since, until=until)
        kept = sum(len(f.split_by_row_group(filter=dates)) for f in fragments)
        print(f"filter            {query}: {len(fragments):,} of {len(files):,} files, "
              f"{kept:,} of {groups:,} row groups left to read")
        filtered = {"site+date filter": lambda s: len(load_corpus(out, sites=[s], since=since, until=until))}
        if find_spec("polars"):
            filtered["polars, filtered"] = lambda s: load_corpus_polars(out, sites=[s], since=since,
                                                                        until=until).collect().height
        if find_spec("duckdb"):
            filtered["duckdb, filtered"] = lambda s: len(load_corpus_duckdb(out, sites=[s], since=since,
                                                                            until=until).fetchall())
        for call in filtered.values():  # warm-up on another site: imports and first opens are not counted
            call("site-00")
        _, full_s, full_b = measure("full read", lambda: len(load_corpus(out)))
        results = {label: measure(label, lambda call=call: call(site)) for label, call in filtered.items()}
        _, part_s, part_b = results["site+date filter"]
        print(f"filtered/full     {part_b / full_b:.2%} of the bytes, {part_s / full_s:.2%} of the time")
    finally:
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
