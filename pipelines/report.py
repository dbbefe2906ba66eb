"""``congdoan report``: one self-contained HTML file on a corpus and the health of every site.

Plots are PNG images embedded as ``data:`` URIs (no network, nothing to fetch). Every string that comes from
the corpus or the manifests (titles, authors, URLs, slugs, flags) is HTML-escaped, and a Content-Security-Policy
allows only the report's own style and its one small script (by hash), so markup in scraped data shows as
text and never runs. The script counts the plots that decoded (``data-plots-rendered`` on ``<body>``).
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from pipelines.reader import load_corpus
from pipelines.stats import (
    STAT_COLUMNS,
    duplicate_clusters,
    load_duplicates,
    load_manifests,
    republishing_pairs,
    site_run_health,
    site_stats,
    site_status,
)

STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1200px; color: #222; padding: 0 1em; }
h1, h2 { font-weight: 600; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 2px 6px; text-align: right; vertical-align: top; }
th { background: #f3f3f3; } td.text, th.text { text-align: left; max-width: 40em; overflow-wrap: break-word; }
tr.stopped td, tr.silent td { background: #fde2e1; }
.status-stopped, .status-silent { color: #b00; font-weight: 600; }
img.plot { display: block; max-width: 100%; margin: 0.5em 0; }
.note { color: #555; }
"""

#: Rows shown in the flagged-records table and in the top-authors and categories tables.
FLAGGED_SHOWN = 50
TOP_SHOWN = 15

#: The report's only script: counts plot images that decoded, for readers and for the test in Chromium.
SCRIPT = """
window.addEventListener("load", function () {
  var plots = document.querySelectorAll("img.plot"), rendered = 0;
  for (var i = 0; i < plots.length; i++) {
    if (plots[i].complete && plots[i].naturalWidth > 0 && plots[i].naturalHeight > 0) { rendered++; }
  }
  document.body.setAttribute("data-plots", String(plots.length));
  document.body.setAttribute("data-plots-rendered", String(rendered));
});
"""


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


#: No network, no plugins, no frames; only the report's own style and script run.
CSP = (f"default-src 'none'; img-src data:; style-src {_hash(STYLE)}; script-src {_hash(SCRIPT)}; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def esc(value: Any) -> str:
    """Text for HTML: escaped, quotes too; missing values as an empty string."""
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def _cell(value: Any) -> str:
    if isinstance(value, pd.Timestamp):
        return "" if pd.isna(value) else value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return "" if pd.isna(value) else f"{value:.2f}".rstrip("0").rstrip(".")
    return esc(value)


def html_table(frame: pd.DataFrame, text_columns: tuple[str, ...] = (), row_class: str | None = None) -> str:
    """``frame`` as an HTML table, every cell escaped (``row_class``: a column naming each row's CSS class)."""
    columns = [c for c in frame.columns if c != row_class]
    head = "".join(f'<th class="{"text" if c in text_columns else ""}">{esc(c)}</th>' for c in columns)
    body = []
    for _, row in frame.iterrows():
        css = f' class="{esc(row[row_class])}"' if row_class else ""
        cells = "".join(f'<td class="{"text" if c in text_columns else ""}">{_cell(row[c])}</td>' for c in columns)
        body.append(f"<tr{css}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _png(figure: Any) -> str:
    """A matplotlib figure as an ``<img>`` with a data: URI (the figure is closed)."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80, bbox_inches="tight")
    plt.close(figure)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img class="plot" alt="plot" src="data:image/png;base64,{data}">'


def _coverage_plot(df: pd.DataFrame) -> str:
    """Articles per month and province (heat map), provinces as named at publication with their 2025 unit."""
    import matplotlib.pyplot as plt

    dated = df.dropna(subset=["published_at"])
    if dated.empty:
        return '<p class="note">No record has a publication date.</p>'
    month = dated["published_at"].dt.tz_localize(None).dt.to_period("M")
    label = dated["province"].astype(str) + " → " + dated["province_2025"].fillna("?").astype(str)
    counts = pd.crosstab(label, month).sort_index()
    counts = counts.reindex(columns=pd.period_range(month.min(), month.max(), freq="M"), fill_value=0)
    fig, ax = plt.subplots(figsize=(12, 0.3 * len(counts) + 1.5))
    image = ax.imshow(counts.to_numpy(), aspect="auto", cmap="Blues", interpolation="nearest")
    ax.set_yticks(range(len(counts)), counts.index)
    step = max(1, len(counts.columns) // 12)
    ax.set_xticks(range(0, len(counts.columns), step), [str(p) for p in counts.columns[::step]], rotation=45)
    ax.set_title("Articles per month (Vietnam time)")
    fig.colorbar(image, ax=ax, label="articles")
    return _png(fig)


def _health_plot(health: pd.DataFrame) -> str:
    """Records stored per run for each site."""
    import matplotlib.pyplot as plt

    table = health.pivot_table(index="crawl_id", columns="site", values="stored", aggfunc="sum", sort=False)
    if len(table) == 1:
        return _bar_plot(table.iloc[0], f"Records stored per site in run {table.index[0]}", "records stored")
    fig, ax = plt.subplots(figsize=(12, 4))
    for site in table.columns:
        ax.plot(range(len(table)), table[site].to_numpy(), marker="o", label=str(site))
    ax.set_xticks(range(len(table)), [str(c) for c in table.index], rotation=20, ha="right")
    ax.set_ylabel("records stored")
    ax.set_title("Records stored per run and site")
    ax.legend(fontsize=7, ncol=4)
    return _png(fig)


def _bar_plot(counts: pd.Series, title: str, xlabel: str) -> str:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 0.35 * len(counts) + 1.2))
    ax.barh([str(i) for i in counts.index], counts.to_numpy(), color="#4a7ab5")
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    return _png(fig)


def build_report(out: str | Path) -> str:
    """The HTML report on the corpus at ``out``."""
    import matplotlib

    matplotlib.use("Agg")
    out = Path(out)
    df = load_corpus(out, columns=STAT_COLUMNS)
    manifests = load_manifests(out)
    health = site_run_health(manifests)
    status = site_status(health) if not health.empty else {}
    stats = site_stats(out, corpus=df)
    duplicates = load_duplicates(out)
    clusters = duplicate_clusters(df, duplicates)
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [f"<h1>Corpus report: {esc(out)}</h1>",
             f'<p class="note">{len(df)} records from {df["site"].nunique()} sites, {len(manifests)} run(s), '
             f"{len(duplicates)} dropped copies; generated {generated}.</p>"]

    parts.append("<h2>Coverage over time per province</h2>")
    parts.append(_coverage_plot(df))

    parts.append("<h2>Site health across runs</h2>")
    stopped = sorted(site for site, state in status.items() if state in ("stopped", "silent"))
    if stopped:
        parts.append(f'<p class="status-stopped">Sites that stopped yielding or answer no request: '
                     f"{esc(', '.join(stopped))}</p>")
    if health.empty:
        parts.append('<p class="note">No run manifest in _runs/.</p>')
    else:
        parts.append(_health_plot(health))
        latest = health.groupby("site", sort=True).tail(1).set_index("site")

        def per_run(column: str) -> Any:
            series = health.groupby("site")[column].apply(lambda s: " ".join(str(int(v)) for v in s))
            return series.reindex(latest.index).to_numpy()

        table = pd.DataFrame({
            "site": latest.index, "status": [status.get(s, "") for s in latest.index],
            "runs": health.groupby("site").size().reindex(latest.index).to_numpy(),
            "stored per run": per_run("stored"), "errors per run": per_run("errors"),
            **{f"last run: {c}": latest[c].to_numpy()
               for c in ("responses", "stored", "listings", "uncertain", "errors", "challenges")},
        })
        table["css"] = table["status"].str.replace(" ", "-")
        parts.append(html_table(table, text_columns=("site", "status", "stored per run", "errors per run"),
                                row_class="css"))
        parts.append('<p class="note">stopped: the latest run met no article (none new, none known) although an '
                     "earlier run did; silent: no request answered. Uncertain: pages kept with the flag "
                     "page_type_uncertain.</p>")

    parts.append("<h2>Records per site</h2>")
    shown = stats.copy()
    for column in ("with_author", "with_time"):
        shown[column] = (shown[column] * 100).round().astype("Int64").astype(str) + "%"
    shown = shown.rename(columns=lambda c: c.replace("dropped_", "drop: ").replace("_", " "))
    parts.append(html_table(shown, text_columns=("site",)))
    parts.append('<p class="note">median words: of the text; with author / with time: share of records with '
                 "an author / a publication time (not only a date); drop: pages dropped by reason in the site's "
                 "last run.</p>")

    parts.append("<h2>Extraction flags</h2>")
    flags = df[["site", "quality_flags"]].explode("quality_flags").dropna(subset=["quality_flags"])
    if flags.empty:
        parts.append('<p class="note">No record carries a quality flag.</p>')
    else:
        parts.append(_bar_plot(flags["quality_flags"].astype(str).value_counts(), "Records per quality flag",
                               "records"))
        per_site = pd.crosstab(flags["site"].astype(str), flags["quality_flags"].astype(str)).reset_index()
        parts.append(html_table(per_site, text_columns=("site",)))
        flagged = df[df["quality_flags"].map(len) > 0].sort_values(["site", "published_at"])
        parts.append(f"<h3>Flagged records (first {min(len(flagged), FLAGGED_SHOWN)} of {len(flagged)})</h3>")
        shown = flagged.head(FLAGGED_SHOWN)[["site", "published_at", "title", "author", "url", "quality_flags"]]
        shown = shown.assign(quality_flags=shown["quality_flags"].map(lambda f: ", ".join(map(str, f))))
        parts.append(html_table(shown, text_columns=("site", "title", "author", "url", "quality_flags")))

    parts.append("<h2>Authors and categories</h2>")
    for column, name in (("author", "Top authors"), ("category", "Top categories")):
        counts = df[column].dropna().astype(str).value_counts().head(TOP_SHOWN)
        parts.append(f"<h3>{name}</h3>")
        parts.append(html_table(pd.DataFrame({column: counts.index, "records": counts.to_numpy()}),
                                text_columns=(column,)))

    parts.append("<h2>Duplicate clusters</h2>")
    if clusters.empty:
        parts.append('<p class="note">The dedupe step dropped no copy.</p>')
    else:
        parts.append(_bar_plot(clusters["reason"].astype(str).value_counts(), "Dropped copies by reason",
                               "copies"))
        pairs = republishing_pairs(clusters)
        if not pairs.empty:
            parts.append("<h3>Sites that republish each other</h3>")
            parts.append(html_table(pairs, text_columns=("kept_site", "copy_site")))
        parts.append("<h3>Clusters (record kept, then each dropped copy)</h3>")
        shown = clusters[["duplicate_of", "kept_site", "kept_title", "kept_url", "site", "url", "reason",
                          "similarity", "crawl_id"]].rename(columns={"site": "copy_site", "url": "copy_url"})
        parts.append(html_table(shown, text_columns=("duplicate_of", "kept_site", "kept_title", "kept_url",
                                                     "copy_site", "copy_url", "reason", "crawl_id")))

    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="referrer" content="no-referrer">'
            f"<title>congdoan corpus report</title><style>{STYLE}</style></head>\n<body>\n"
            + "\n".join(parts) + f"\n<script>{SCRIPT}</script>\n</body></html>\n")


def write_report(out: str | Path, path: str | Path) -> Path:
    """Build the report on ``out`` and write it to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build_report(out), encoding="utf-8")
    return path
