"""The reader API: filters pushed down to the files and row groups, dtypes, provinces before and after 2025,
record versions, and the same answers from pandas, polars and DuckDB."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.parquet import ROW_GROUP_ROWS, DatasetWriter, write_table_atomic
from pipelines.reader import (
    corpus_dataset,
    corpus_filter,
    load_corpus,
    load_corpus_duckdb,
    load_corpus_polars,
    province_targets,
)
from pipelines.schema import FILE_SCHEMA
from tests.helpers import make_record

VN = ZoneInfo("Asia/Ho_Chi_Minh")
START = datetime(2020, 1, 1, 8, 0, tzinfo=VN)
#: site -> province as the registry names it (pre-2025)
SITES = {"backan": "Bắc Kạn", "thainguyen": "Thái Nguyên", "hue": "Thừa Thiên Huế", "langson": "Lạng Sơn"}


def record(site: str, n: int, day: int, **extra: object) -> dict:
    return {**make_record(site, n), "province": SITES[site], "published_at": START + timedelta(days=day),
            "author": f"Tác giả {n % 3}", **extra}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """600 records a site over 600 days, written in shuffled order through the real writer."""
    writer = DatasetWriter(tmp_path, "c1")
    n = 0
    for site in SITES:
        for day in reversed(range(600)):
            writer.add_record(record(site, n, day))
            n += 1
    writer.flush()
    return tmp_path


def test_files_are_sorted_by_date_in_small_row_groups(corpus: Path) -> None:
    (path,) = (corpus / "site=backan").glob("*.parquet")
    meta = pq.ParquetFile(path).metadata
    assert meta.num_row_groups == -(-600 // ROW_GROUP_ROWS) > 1
    dates = pq.read_table(path, columns=["published_at"]).column(0).to_pylist()
    assert dates == sorted(dates)


def test_load_corpus_dtypes_are_pyarrow_strings_and_vietnam_time(corpus: Path) -> None:
    df = load_corpus(corpus)
    assert len(df) == 2400
    assert df["title"].dtype == pd.ArrowDtype(pa.string())
    assert df["site"].dtype == pd.ArrowDtype(pa.string())  # not a category
    assert str(df["published_at"].dt.tz) == "Asia/Ho_Chi_Minh"
    assert df["published_at"].min() == pd.Timestamp(START)


def test_site_and_date_filters_prune_files_and_row_groups(corpus: Path) -> None:
    dataset = corpus_dataset(corpus)
    expression = corpus_filter(sites=["backan"], since="2020-01-01", until="2020-01-31")
    fragments = list(dataset.get_fragments(filter=expression))
    assert [Path(f.path).parent.name for f in fragments] == ["site=backan"]
    dates = corpus_filter(since="2020-01-01", until="2020-01-31")
    row_groups = [rg for f in fragments for rg in f.split_by_row_group(filter=dates)]
    assert len(row_groups) == 1  # of 3 in the file
    df = load_corpus(corpus, sites="backan", since=date(2020, 1, 1), until="2020-01-31")
    assert len(df) == 31  # both ends inclusive: a bare date covers its whole day
    assert set(df["site"]) == {"backan"}


def test_since_and_until_take_times_naive_is_vietnam_time(corpus: Path) -> None:
    df = load_corpus(corpus, sites=["langson"], since="2020-01-02T08:00", until=datetime(2020, 1, 3, 8, 0))
    assert sorted(df["published_at"].dt.day) == [2, 3]
    assert len(load_corpus(corpus, sites=["langson"], since="2020-01-02T08:00:01")) == 598


def test_province_filter_accepts_pre_and_post_2025_names(corpus: Path) -> None:
    merged = load_corpus(corpus, provinces=["Thái Nguyên"], columns=["site", "province", "province_2025"])
    assert set(merged["site"]) == {"backan", "thainguyen"}
    assert set(merged["province_2025"]) == {"Thái Nguyên"}
    old = load_corpus(corpus, provinces="Bắc Kạn")
    assert set(old["site"]) == {"backan"}
    assert set(load_corpus(corpus, provinces=["huế"])["site"]) == {"hue"}  # alias of Thừa Thiên Huế
    assert load_corpus(corpus, provinces=["Atlantis"]).empty
    assert province_targets(["Lạng Sơn"]) == ({"Lạng Sơn"}, {"Lạng Sơn"})


def test_records_written_before_province_2025_get_it_from_province(tmp_path: Path) -> None:
    old_schema = pa.schema([f for f in FILE_SCHEMA if f.name != "province_2025"])
    rows = [record("backan", 1, 0), record("hue", 2, 1)]
    table = pa.Table.from_pylist([{k: r[k] for k in old_schema.names} for r in rows], schema=old_schema)
    write_table_atomic(table, tmp_path / "site=backan" / "part-old-1.parquet")
    df = load_corpus(tmp_path)
    assert list(df["province_2025"]) == ["Thái Nguyên", "Huế"]
    assert len(load_corpus(tmp_path, provinces=["Thái Nguyên"])) == 1
    assert load_corpus_polars(tmp_path).collect()["province_2025"].to_list() == ["Thái Nguyên", "Huế"]
    relation = load_corpus_duckdb(tmp_path, columns=["province_2025"])
    assert sorted(relation.fetchall()) == [("Huế",), ("Thái Nguyên",)]
    assert len(load_corpus_duckdb(tmp_path, provinces="Thái Nguyên").fetchall()) == 1


def versioned_corpus(out: Path) -> None:
    schema = FILE_SCHEMA
    for version, titles in ((1, ["a1", "b1"]), (2, ["a2"])):
        rows = [{**record("backan", n, n), "title": title, "version": version} for n, title in enumerate(titles)]
        table = pa.Table.from_pylist([{k: r.get(k) for k in schema.names} for r in rows], schema=schema)
        write_table_atomic(table, out / "site=backan" / f"part-v{version}.parquet")


def test_versions_latest_keeps_the_highest_version_of_each_id(tmp_path: Path) -> None:
    versioned_corpus(tmp_path)
    assert sorted(load_corpus(tmp_path)["title"]) == ["a2", "b1"]
    assert sorted(load_corpus(tmp_path, columns=["title"])["title"]) == ["a2", "b1"]
    assert sorted(load_corpus(tmp_path, versions="all")["title"]) == ["a1", "a2", "b1"]
    assert sorted(load_corpus_polars(tmp_path).collect()["title"].to_list()) == ["a2", "b1"]
    assert sorted(r[0] for r in load_corpus_duckdb(tmp_path, columns=["title"]).fetchall()) == ["a2", "b1"]
    with pytest.raises(ValueError, match="versions"):
        load_corpus(tmp_path, versions="newest")


def test_unknown_column_or_bad_date_is_a_clear_error(corpus: Path) -> None:
    with pytest.raises(ValueError, match="no such field wordcount"):
        load_corpus(corpus, columns=["wordcount"])
    with pytest.raises(ValueError, match="until='2021-13-01': expected a date"):
        load_corpus(corpus, until="2021-13-01")


def test_polars_and_duckdb_give_the_same_rows_as_pandas(corpus: Path) -> None:
    kwargs = {"sites": ["backan", "hue"], "provinces": ["Huế", "Thái Nguyên"], "since": "2020-03-01",
              "until": "2020-04-15"}
    expected = load_corpus(corpus, **kwargs).sort_values("id")
    frame = load_corpus_polars(corpus, **kwargs).collect().sort("id")
    assert frame["id"].to_list() == list(expected["id"])
    assert str(frame.schema["published_at"].time_zone) == "Asia/Ho_Chi_Minh"
    relation = load_corpus_duckdb(corpus, **kwargs, columns=["id", "published_at"])
    rows = sorted(relation.fetchall())
    assert [r[0] for r in rows] == list(expected["id"])
    assert rows[0][1] == expected.set_index("id").loc[rows[0][0], "published_at"].to_pydatetime()
    assert rows[0][1].utcoffset() == timedelta(hours=7)


def test_empty_or_missing_corpus_gives_empty_frames(tmp_path: Path) -> None:
    assert load_corpus(tmp_path).empty
    assert load_corpus_polars(tmp_path).collect().height == 0
    assert load_corpus_duckdb(tmp_path).fetchall() == []
