"""`write_report`: PNG charts about a catalogue file and one index.html linking them.

It replaces the original project's profiling notebook: what is missing, what is zero,
how skewed popularity is, the no-votes spike, releases per year, genres, returns, rejects.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from pathlib import Path

import duckdb
import matplotlib

matplotlib.use("Agg")  # files only, no display

import matplotlib.pyplot as plt
import numpy as np
from scipy.stats import skew

COLOR = "#3b6ea5"
ACCENT = "#c0392b"


class ReportError(Exception):
    """The catalogue file is missing or is not a catalogue."""


@dataclass
class ReportResult:
    index: Path
    charts: list[Path]


def _save(fig: plt.Figure, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _per_column(con: duckdb.DuckDBPyConnection, test: str) -> list[tuple[str, int]]:
    """(column, rows where `test` holds) for every column of `movies`; `{c}` is the column."""
    columns = [row[0] for row in con.execute("DESCRIBE movies").fetchall()]
    quoted = ['"' + c + '"' for c in columns]
    parts = ", ".join(f"count(*) FILTER (WHERE {test.format(c=q)})" for q in quoted)
    counts = con.execute(f"SELECT {parts} FROM movies").fetchone()
    return list(zip(columns, counts, strict=True))


def _bar_per_column(
    items: list[tuple[str, int]], total: int, path: Path, title: str, note: str
) -> Path:
    items = sorted(items, key=lambda item: item[1])
    fig, ax = plt.subplots(figsize=(8, max(3.0, 0.3 * len(items) + 1)))
    names = [name for name, _ in items]
    values = [100 * count / total if total else 0 for _, count in items]
    bars = ax.barh(names, values, color=COLOR)
    for bar, (_, count) in zip(bars, items, strict=True):
        if count:
            ax.text(bar.get_width() + 0.5, bar.get_y() + bar.get_height() / 2,
                    f"{count:,}", va="center", fontsize=8)
    ax.set_xlim(0, max([*values, 1]) * 1.18)
    ax.set_xlabel(f"% of {total:,} films")
    ax.set_title(title)
    fig.text(0.01, 0.005, note, fontsize=7, color="#555")
    return _save(fig, path)


def _missing(con, out: Path, total: int) -> Path:
    return _bar_per_column(
        _per_column(con, "{c} IS NULL"), total, out / "missing_values.png",
        "Missing values per column (movies table)",
        "vote_average is NULL for films without votes; runtime is NULL when the source "
        "says 0 (unknown); films without a release date were dropped.",
    )


def _zeros(con, out: Path, total: int) -> Path:
    numeric = {
        row[0] for row in con.execute("DESCRIBE movies").fetchall()
        if row[1] in {"INTEGER", "BIGINT", "SMALLINT", "DOUBLE", "FLOAT", "REAL"}
    }
    numeric -= {"id", "collection_id"}
    items = [item for item in _per_column(con, "CAST({c} AS VARCHAR) IN ('0', '0.0')")
             if item[0] in numeric]
    return _bar_per_column(
        items, total, out / "zeros.png", "Zeros per numeric column (movies table)",
        "budget and revenue 0 mean unknown in the source; return is 0 when either is.",
    )


def _popularity(con, out: Path) -> tuple[Path, dict]:
    values = np.array([r[0] for r in con.execute(
        "SELECT popularity FROM movies WHERE popularity IS NOT NULL").fetchall()], dtype=float)
    fig, ax = plt.subplots(figsize=(8, 4.5))
    facts = {}
    if len(values):
        p95 = float(np.percentile(values, 95))
        sk = float(skew(values)) if len(values) > 2 else float("nan")
        facts = {"skew": sk, "p95": p95, "median": float(np.median(values))}
        positive = values[values > 0]
        low = max(positive.min() if len(positive) else 1e-3, 1e-3)
        bins = np.logspace(math.log10(low), math.log10(max(values.max(), low * 10)), 50)
        ax.hist(np.clip(values, low, None), bins=bins, color=COLOR)
        ax.set_xscale("log")
        ax.axvline(p95, color=ACCENT, linestyle="--", label=f"95th percentile = {p95:.2f}")
        ax.axvline(facts["median"], color="#555", linestyle=":",
                   label=f"median = {facts['median']:.2f}")
        ax.legend()
        ax.set_title(f"Popularity (log scale): skew = {sk:.1f}, heavily right-skewed"
                     if sk > 1 else f"Popularity (log scale): skew = {sk:.1f}")
    ax.set_xlabel("TMDB popularity (log scale; values below 0.001, zeros included, in the "
                  "first bin)")
    ax.set_ylabel("films")
    return _save(fig, out / "popularity.png"), facts


def _vote_average(con, out: Path) -> Path:
    values = np.array([r[0] for r in con.execute(
        "SELECT vote_average FROM movies WHERE vote_average IS NOT NULL").fetchall()], dtype=float)
    no_votes = con.execute("SELECT count(*) FROM movies WHERE vote_average IS NULL").fetchone()[0]
    fig, (ax, side) = plt.subplots(
        1, 2, figsize=(9, 4.5), gridspec_kw={"width_ratios": [5, 1]}, sharey=True
    )
    ax.hist(values, bins=np.arange(0, 10.5, 0.5), color=COLOR)
    if len(values):
        ax.axvline(values.mean(), color="#555", linestyle=":",
                   label=f"mean of voted films = {values.mean():.2f}")
        ax.legend(loc="upper left")
    ax.set_xlabel("vote_average (films with votes)")
    ax.set_ylabel("films")
    ax.set_title("vote_average distribution")
    side.bar(["no votes"], [no_votes], color=ACCENT)
    side.text(0, no_votes, f"{no_votes:,}", ha="center", va="bottom", fontsize=9)
    side.set_title("stored as NULL", fontsize=9)
    fig.text(0.01, 0.005, "The source writes 0.0 for films with no votes; that spike is shown "
             "apart (right), not as a score of 0.", fontsize=7, color="#555")
    return _save(fig, out / "vote_average.png")


def _per_year(con, out: Path) -> Path:
    rows = con.execute(
        "SELECT release_year, count(*) FROM movies GROUP BY 1 ORDER BY 1").fetchall()
    fig, ax = plt.subplots(figsize=(9, 4))
    ax.bar([r[0] for r in rows], [r[1] for r in rows], color=COLOR, width=1.0)
    ax.set_xlabel("release year")
    ax.set_ylabel("films")
    ax.set_title("Releases per year")
    return _save(fig, out / "releases_per_year.png")


def _genres(con, out: Path, total: int) -> Path:
    rows = con.execute(
        "SELECT name, count(DISTINCT movie_id) AS n FROM genres GROUP BY name "
        "ORDER BY n DESC, name LIMIT 20").fetchall()[::-1]
    fig, ax = plt.subplots(figsize=(8, max(3.0, 0.3 * len(rows) + 1)))
    bars = ax.barh([r[0] for r in rows], [r[1] for r in rows], color=COLOR)
    for bar, (_, n) in zip(bars, rows, strict=True):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2,
                f" {n:,} ({100 * n / total:.0f}%)" if total else "", va="center", fontsize=8)
    if rows:
        ax.set_xlim(0, max(r[1] for r in rows) * 1.2)
    ax.set_xlabel("films (a film can have several genres)")
    ax.set_title("Top genres")
    return _save(fig, out / "top_genres.png")


def _returns(con, out: Path) -> Path:
    values = np.array([r[0] for r in con.execute(
        'SELECT "return" FROM movies WHERE "return" > 0').fetchall()], dtype=float)
    zero = con.execute('SELECT count(*) FROM movies WHERE "return" = 0').fetchone()[0]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    if len(values):
        low, high = max(values.min(), 1e-4), max(values.max(), 1e-3)
        bins = np.logspace(math.log10(low), math.log10(high * 1.01), 50)
        ax.hist(values, bins=bins, color=COLOR)
        ax.set_xscale("log")
        ax.axvline(1, color=ACCENT, linestyle="--", label="break-even (return = 1)")
        median = float(np.median(values))
        ax.axvline(median, color="#555", linestyle=":", label=f"median = {median:.2f}")
        ax.legend()
    ax.set_xlabel("return = revenue / budget (log scale)")
    ax.set_ylabel("films")
    ax.set_title(f"Return, {len(values):,} films with budget and revenue "
                 f"({zero:,} without, return = 0, not shown)")
    return _save(fig, out / "return.png")


def _table(headers: list[str], rows: list[tuple]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(
            f"<td>{html.escape(f'{v:,}' if isinstance(v, int) else str(v or ''))}</td>"
            for v in row) + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>" if rows else "<p>None.</p>"


def write_report(db: Path, out: Path) -> ReportResult:
    """Write the charts and index.html for catalogue `db` into folder `out`."""
    db, out = Path(db), Path(out)
    if not db.exists():
        raise ReportError(f"no catalogue at {db}: build it first with `moviebot etl`")
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        raise ReportError(f"cannot open {db}: {exc}") from exc
    try:
        tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        if "movies" not in tables or "meta" not in tables:
            raise ReportError(f"{db} is not a moviebot catalogue (no movies/meta tables)")
        out.mkdir(parents=True, exist_ok=True)
        total = con.execute("SELECT count(*) FROM movies").fetchone()[0]
        popularity, pop_facts = _popularity(con, out)
        charts = [
            _missing(con, out, total), _zeros(con, out, total), popularity,
            _vote_average(con, out), _per_year(con, out), _genres(con, out, total),
            _returns(con, out),
        ]
        meta = dict(con.execute("SELECT key, value FROM meta ORDER BY key").fetchall())
        rejects = con.execute(
            "SELECT file, reason, rows, example FROM meta_rejects ORDER BY file, reason"
        ).fetchall() if "meta_rejects" in tables else []
        rows = con.execute(
            "SELECT file, rows_read, rows_kept, rows_rejected FROM meta_rows ORDER BY file"
        ).fetchall() if "meta_rows" in tables else []
    finally:
        con.close()
    index = out / "index.html"
    index.write_text(_page(db, meta, total, charts, pop_facts, rejects, rows), encoding="utf-8")
    return ReportResult(index=index, charts=charts)


def _page(db, meta, total, charts, pop_facts, rejects, rows) -> str:
    facts = [
        ("films", f"{total:,}"),
        ("data version", meta.get("data_version", "?")),
        ("built at", meta.get("built_at", "?")),
        ("build seconds", meta.get("build_seconds", "?")),
        ("ratings", meta.get("has_ratings", "?")),
    ]
    if pop_facts:
        facts.append(("popularity skew / 95th percentile",
                      f"{pop_facts['skew']:.2f} / {pop_facts['p95']:.2f}"))
    figures = "".join(
        f'<figure><a href="{c.name}"><img src="{c.name}" alt="{c.stem}"></a>'
        f"<figcaption>{html.escape(c.stem.replace('_', ' '))}</figcaption></figure>"
        for c in charts
    )
    links = " · ".join(f'<a href="{c.name}">{html.escape(c.name)}</a>' for c in charts)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>moviebot data report</title>
<style>
body {{ font-family: sans-serif; max-width: 1000px; margin: 2em auto; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
td, th {{ border: 1px solid #ccc; padding: 4px 8px; text-align: left; font-size: 14px; }}
figure {{ margin: 2em 0; }} img {{ max-width: 100%; border: 1px solid #eee; }}
</style></head><body>
<h1>moviebot data report</h1>
<p>Catalogue <code>{html.escape(str(db))}</code>.</p>
{_table(["fact", "value"], facts)}
<p>Charts: {links}</p>
<h2>Rows per source file</h2>
{_table(["file", "read", "kept", "rejected"], rows)}
<h2>Rejects by reason</h2>
{_table(["file", "reason", "rows", "example"], rejects)}
<h2>Charts</h2>
{figures}
</body></html>
"""
