"""Load the corpus for analysis: pandas, polars or DuckDB, with filters pushed down to the Parquet files.

``load_corpus(out, sites=..., since=..., until=...)`` reads only the ``site=<slug>/`` directories asked for
(hive partition pruning) and, inside a file, only the row groups whose ``published_at`` statistics overlap
the dates asked for (the writer sorts each file by date). Strings come back pyarrow-backed, ``published_at``
tz-aware in Vietnam time.

A province filter accepts the province named at publication (``province``, pre-2025, as the registry names
it) and the merged province since July 2025 (``province_2025``): ``provinces=["Thái Nguyên"]`` selects
records of Thái Nguyên and of Bắc Kạn, ``provinces=["Bắc Kạn"]`` only Bắc Kạn's.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from crawler.provinces import ALIASES, PROVINCE_2025, normalize_province, province_2025
from pipelines.parquet import latest_versions
from pipelines.schema import RECORD_SCHEMA, TIMEZONE

if TYPE_CHECKING:
    import duckdb
    import polars as pl

#: ``versions=`` values: the latest version of each record (``version`` column), or every stored version.
VERSIONS = ("latest", "all")
DateLike = str | date | datetime | pd.Timestamp | None
_VN = ZoneInfo(TIMEZONE)


#: Lower-case province spellings (canonical names and aliases) -> province since 2025, for polars and DuckDB.
PROVINCE_2025_BY_KEY = {**{old.lower(): new for old, new in PROVINCE_2025.items()},
                        **{alias: PROVINCE_2025[name] for alias, name in ALIASES.items()}}


def _names(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _bound(value: DateLike, *, end: bool) -> datetime | None:
    """A filter bound as an aware datetime (``end``: the first moment after the range).

    A bare date (or ``"2021-03-20"``) covers that whole day; a naive datetime is Vietnam time.
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            value = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{'until' if end else 'since'}={value!r}: expected a date (YYYY-MM-DD) or an "
                             "ISO 8601 time") from None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if not isinstance(value, datetime):  # a date: since = its first moment, until = the next day's
        return datetime.combine(value + timedelta(days=1) if end else value, time(), tzinfo=_VN)
    value = value if value.tzinfo else value.replace(tzinfo=_VN)
    return value + timedelta(microseconds=1) if end else value  # bounds are inclusive; the filter's end is not


def province_targets(provinces: Iterable[str]) -> tuple[set[str], set[str]]:
    """Names to match in ``province`` and in ``province_2025`` for a province filter.

    A name that is a province since 2025 selects its pre-2025 parts too (also in records written before
    ``province_2025`` existed); a pre-2025 name selects that province; a name that is both (Lào Cai, which
    took in Yên Bái) means the province since 2025. Names are matched as given and in their canonical
    spelling ("thừa thiên huế" -> "Huế").
    """
    old: set[str] = set()
    new: set[str] = set()
    current = set(PROVINCE_2025.values())
    for name in provinces:
        canonical = normalize_province(name) or name
        names = {canonical}
        if canonical in current:
            new.add(canonical)
            names |= {before for before, after in PROVINCE_2025.items() if after == canonical}
        old |= {name, *names}
        # other spellings a registry may use for them ("Thừa Thiên Huế" for Huế)
        old |= {s for alias, target in ALIASES.items() if target in names for s in (alias, alias.title())}
    return old, new


def corpus_dataset(path: str | Path) -> ds.Dataset:
    """The corpus at ``path`` as a pyarrow dataset of RECORD_SCHEMA (plus any newer column the files hold).

    Columns missing from older files read as null; ``_duplicates/``, ``_runs/`` and temporary files are left out.
    """
    path = Path(path)
    files = sorted(p.as_posix() for p in path.glob("site=*/*.parquet") if not p.name.startswith("."))
    schema = RECORD_SCHEMA
    if files:
        newest = max(files, key=lambda f: Path(f).name)  # part-<crawl_id>-<n>: crawl ids sort by time
        found = ds.dataset(newest, format="parquet").schema
        extra = [f for f in found if f.name not in schema.names]
        schema = pa.schema([*schema, *extra], metadata=schema.metadata)
    return ds.dataset(files, format="parquet", schema=schema,
                      partitioning=ds.partitioning(pa.schema([("site", pa.string())]), flavor="hive"),
                      partition_base_dir=path.as_posix())


def corpus_filter(sites: str | Iterable[str] | None = None, provinces: str | Iterable[str] | None = None,
                  since: DateLike = None, until: DateLike = None) -> ds.Expression | None:
    """The pyarrow filter expression for :func:`load_corpus`'s arguments (None when nothing is filtered)."""
    parts: list[ds.Expression] = []
    site_names, province_names = _names(sites), _names(provinces)
    if site_names is not None:
        parts.append(ds.field("site").isin(pa.array(site_names, pa.string())))
    if province_names is not None:
        old, new = province_targets(province_names)
        parts.append(ds.field("province").isin(pa.array(sorted(old), pa.string()))
                     | ds.field("province_2025").isin(pa.array(sorted(new), pa.string())))
    start, stop = _bound(since, end=False), _bound(until, end=True)
    published_type = RECORD_SCHEMA.field("published_at").type
    if start is not None:
        parts.append(ds.field("published_at") >= pa.scalar(start, published_type))
    if stop is not None:
        parts.append(ds.field("published_at") < pa.scalar(stop, published_type))
    expression = None
    for part in parts:
        expression = part if expression is None else expression & part
    return expression


def site_files(dataset: ds.Dataset, sites: str | Iterable[str] | None) -> list[str]:
    """The data files of ``sites`` (all sites: None), chosen by their ``site=`` directory without opening one."""
    return [fragment.path for fragment in dataset.get_fragments(filter=corpus_filter(sites=sites))]


def _check_versions(versions: str) -> None:
    if versions not in VERSIONS:
        raise ValueError(f"versions={versions!r}: expected one of {', '.join(VERSIONS)}")


def _string_types(dtype: pa.DataType) -> pd.ArrowDtype | None:
    """pandas dtypes for Arrow types: pyarrow-backed strings and lists; numpy for numbers and timestamps."""
    if pa.types.is_string(dtype) or pa.types.is_large_string(dtype) or pa.types.is_list(dtype):
        return pd.ArrowDtype(dtype)
    return None


def load_corpus_table(path: str | Path, sites: str | Iterable[str] | None = None,
                      provinces: str | Iterable[str] | None = None, since: DateLike = None, until: DateLike = None,
                      columns: list[str] | None = None, versions: str = "latest") -> pa.Table:
    """:func:`load_corpus` as a pyarrow Table."""
    _check_versions(versions)
    dataset = corpus_dataset(path)
    names = dataset.schema.names
    if columns is not None:
        unknown = [c for c in columns if c not in names]
        if unknown:
            raise ValueError(f"columns: no such field {', '.join(unknown)} (fields: {', '.join(names)})")
    dedupe = versions == "latest" and "version" in names
    read = columns if columns is None or not dedupe else list(dict.fromkeys([*columns, "id", "version"]))
    table = dataset.to_table(columns=read, filter=corpus_filter(sites, provinces, since, until))
    if dedupe:
        table = latest_versions(table)
        if columns is not None:
            table = table.select(columns)
    if "province_2025" in table.column_names and "province" in table.column_names:
        table = _fill_province_2025(table)
    return table


def _fill_province_2025(table: pa.Table) -> pa.Table:
    """Records written before ``province_2025`` existed get it from ``province``."""
    column = table["province_2025"]
    if column.null_count == 0:
        return table
    filled = [new if new is not None else (province_2025(old) if old else None)
              for old, new in zip(table["province"].to_pylist(), column.to_pylist(), strict=True)]
    index = table.column_names.index("province_2025")
    return table.set_column(index, table.schema.field(index), pa.array(filled, pa.string()))


def load_corpus(path: str | Path, sites: str | Iterable[str] | None = None,
                provinces: str | Iterable[str] | None = None, since: DateLike = None, until: DateLike = None,
                columns: list[str] | None = None, versions: str = "latest") -> pd.DataFrame:
    """Load the corpus at ``path`` (an output directory of ``congdoan crawl``) as a pandas DataFrame.

    Args:
        sites: registry slugs to read (only their ``site=<slug>/`` directories are opened).
        provinces: province names, pre-2025 or since the July 2025 merger (see the module docstring).
        since, until: publication dates, inclusive; a date or ``"YYYY-MM-DD"`` covers the whole day, a naive
            datetime is Vietnam time. Records without a date are left out when either is given.
        columns: the columns to return (default: all).
        versions: ``"latest"`` keeps the highest ``version`` of each ``id`` among the selected rows when the
            corpus has a ``version`` column; ``"all"`` keeps every stored version.
    """
    table = load_corpus_table(path, sites, provinces, since, until, columns, versions)
    return table.to_pandas(types_mapper=_string_types)


def load_corpus_polars(path: str | Path, sites: str | Iterable[str] | None = None,
                       provinces: str | Iterable[str] | None = None, since: DateLike = None,
                       until: DateLike = None, columns: list[str] | None = None,
                       versions: str = "latest") -> pl.LazyFrame:
    """:func:`load_corpus` as a polars LazyFrame (``pip install 'congdoan-corpus[polars]'``).

    polars scans only the selected sites' files and skips row groups by the same filters.
    """
    import polars as pl

    _check_versions(versions)
    dataset = corpus_dataset(path)
    files = site_files(dataset, sites)
    if not files:
        frame = pl.from_arrow(dataset.schema.empty_table()).lazy()
    else:
        file_schema = pa.schema([f for f in dataset.schema if f.name != "site"])
        frame = pl.scan_parquet(files, hive_partitioning=True, hive_schema={"site": pl.String},
                                schema=dict(pl.from_arrow(file_schema.empty_table()).schema),
                                missing_columns="insert", extra_columns="ignore")
    frame = frame.select(dataset.schema.names)
    site_names, province_names = _names(sites), _names(provinces)
    if site_names is not None:
        frame = frame.filter(pl.col("site").is_in(site_names))
    if province_names is not None:
        old, new = province_targets(province_names)
        frame = frame.filter(pl.col("province").is_in(sorted(old)) | pl.col("province_2025").is_in(sorted(new)))
    start, stop = _bound(since, end=False), _bound(until, end=True)
    if start is not None:
        frame = frame.filter(pl.col("published_at") >= start)
    if stop is not None:
        frame = frame.filter(pl.col("published_at") < stop)
    new_name = pl.col("province").str.to_lowercase().replace_strict(PROVINCE_2025_BY_KEY, default=None,
                                                                    return_dtype=pl.String)
    frame = frame.with_columns(pl.col("province_2025").fill_null(new_name))
    if versions == "latest" and "version" in dataset.schema.names:
        frame = frame.filter(pl.col("version") == pl.col("version").max().over("id"))
    return frame.select(columns) if columns is not None else frame


def load_corpus_duckdb(path: str | Path, sites: str | Iterable[str] | None = None,
                       provinces: str | Iterable[str] | None = None, since: DateLike = None,
                       until: DateLike = None, columns: list[str] | None = None, versions: str = "latest",
                       connection: duckdb.DuckDBPyConnection | None = None) -> duckdb.DuckDBPyRelation:
    """:func:`load_corpus` as a DuckDB relation (``pip install 'congdoan-corpus[duckdb]'``).

    DuckDB reads only the selected sites' files (``site=<slug>/*.parquet``, hive partitioning, columns that
    older files lack as null) and skips row groups by their date statistics itself; the connection's time
    zone is set to Asia/Ho_Chi_Minh so that ``published_at`` prints in Vietnam time.
    """
    import duckdb

    _check_versions(versions)
    con = connection if connection is not None else duckdb.connect()
    con.execute(f"SET TimeZone = '{TIMEZONE}'")
    dataset = corpus_dataset(path)
    files = site_files(dataset, sites)  # DuckDB is given only the selected sites' files
    names = dataset.schema.names
    select = ", ".join(f'"{name}"' for name in (columns or names))
    if not files:
        return con.from_arrow(dataset.schema.empty_table()).project(select)
    scan = "read_parquet(?, hive_partitioning = true, union_by_name = true, hive_types = {'site': VARCHAR})"
    present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {scan}", [files]).fetchall()}
    mapping = " ".join(f"WHEN {_sql_string(key)} THEN {_sql_string(new)}"
                       for key, new in PROVINCE_2025_BY_KEY.items())

    def column(field: pa.Field) -> str:
        own = f'"{field.name}"' if field.name in present else "NULL"
        if field.name == "province_2025":  # records written before it existed get it from province
            return f'coalesce({own}, CASE lower(province) {mapping} END) AS "province_2025"'
        if field.name in present:
            return own
        return f'CAST(NULL AS {_DUCKDB_TYPES.get(field.type, "VARCHAR")}) AS "{field.name}"'  # not in any file yet

    projection = ", ".join(column(f) for f in dataset.schema)
    conditions: list[str] = []
    params: list[Any] = [files]

    def member(column: str, values: Iterable[str]) -> str:
        values = sorted(values)
        params.extend(values)
        return f"{column} IN ({', '.join('?' * len(values))})" if values else "false"

    site_names, province_names = _names(sites), _names(provinces)
    if site_names is not None:
        conditions.append(member("site", site_names))
    if province_names is not None:
        old, new = province_targets(province_names)
        conditions.append(f"({member('province', old)} OR {member('province_2025', new)})")
    start, stop = _bound(since, end=False), _bound(until, end=True)
    if start is not None:
        conditions.append("published_at >= ?")
        params.append(start)
    if stop is not None:
        conditions.append("published_at < ?")
        params.append(stop)
    sql = f"SELECT {select} FROM (SELECT {projection} FROM {scan})"
    if conditions:
        sql += f" WHERE {' AND '.join(conditions)}"
    if versions == "latest" and "version" in present:
        sql += " QUALIFY version = max(version) OVER (PARTITION BY id)"
    return con.sql(sql, params=params)


_DUCKDB_TYPES = {pa.string(): "VARCHAR", pa.int32(): "INTEGER", pa.int64(): "BIGINT", pa.float32(): "FLOAT",
                 pa.float64(): "DOUBLE"}


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
