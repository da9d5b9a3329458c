"""ETL benchmark: the naive pandas + ast.literal_eval load vs `build_catalogue`, same run.

    python -m benchmarks.bench_etl [--movies 45466] [--scale 10] [--keep DIR] [--json]

Generates the input with `benchmarks.generate` (cached under benchmarks/out/gen-<movies>-s<seed>,
git-ignored), then measures, each job in its own child process (wall and peak memory):

1. the naive baseline the original project used: `pandas.read_csv` of movies_metadata.csv and
   credits.csv, then `ast.literal_eval` cell by cell on every nested column (no database);
2. `build_catalogue` into a fresh DuckDB file without the recommender model (the catalogue
   ETL the targets are about: <= 12 s, >= 3x faster than the baseline, <= 1 GB peak at 45k);
3. `build_catalogue` with the recommender model, so the model build is timed separately;
4. with --scale N, the catalogue ETL again at N times the size, and its linearity
   (time ratio / size ratio; 1.0 is perfectly linear).
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import (
    ChildResult,
    Report,
    add_json_arg,
    log,
    machine_context,
    run_in_child,
)
from benchmarks.generate import REAL_MOVIES, VERSION, generate

OUT = Path(__file__).resolve().parent / "out"
META_NESTED = [
    "belongs_to_collection",
    "genres",
    "production_companies",
    "production_countries",
    "spoken_languages",
]
CREDITS_NESTED = ["cast", "crew"]
TARGET_WALL_S = 12.0
TARGET_SPEEDUP = 3.0
TARGET_PEAK_MB = 1024.0
TARGET_LINEARITY = 1.25  # "scales about linearly"


# --------------------------------------------------------------------------- child jobs


def _literal(cell: Any) -> Any:
    """What the original did per cell; NaN and the malformed rows' junk become None."""
    if not isinstance(cell, str):
        return None
    try:
        return ast.literal_eval(cell)
    except (ValueError, SyntaxError):
        return None


def naive_baseline(src: str) -> dict[str, int]:
    """pandas.read_csv + ast.literal_eval on every nested cell, keeping the parsed frames
    alive, as the original notebook did. Writes nothing."""
    import pandas as pd

    meta = pd.read_csv(Path(src) / "movies_metadata.csv", low_memory=False)
    for col in META_NESTED:
        meta[col] = meta[col].apply(_literal)
    credits = pd.read_csv(Path(src) / "credits.csv")
    for col in CREDITS_NESTED:
        credits[col] = credits[col].apply(_literal)
    cells = sum(meta[c].notna().sum() for c in META_NESTED)
    cells += sum(credits[c].notna().sum() for c in CREDITS_NESTED)
    return {"movies": len(meta), "credits": len(credits), "cells": int(cells)}


def etl_job(src: str, db: str, with_model: bool) -> dict[str, Any]:
    """`build_catalogue(src, db)`; without the model, the recommender hook is switched off."""
    from moviebot.etl import build

    if not with_model:
        build._recommender = lambda: None  # catalogue only: the ETL targets exclude the model
    report = build.build_catalogue(Path(src), Path(db), progress=False)
    return {
        "seconds": report.seconds,
        "stages": list(report.stages),
        "model_seconds": report.model_seconds,
        "output_bytes": report.output_bytes,
        "tables": dict(report.tables),
        "rejects": [(r.file, r.reason, r.rows) for r in report.rejects],
    }


# --------------------------------------------------------------------------- input


def ensure_input(movies: int, seed: int) -> tuple[Path, dict[str, Any]]:
    """The generated input for (movies, seed), reused when already complete."""
    folder = OUT / f"gen-{movies}-s{seed}"
    manifest = folder / "generated.json"
    if manifest.exists():
        info = json.loads(manifest.read_text())
        if (
            info.get("movies") == movies
            and info.get("seed") == seed
            and info.get("version") == VERSION
            and all((folder / name).exists() for name in info.get("bytes", {}))
        ):
            log(f"bench_etl: reusing {folder} (generated in {info['seconds']} s)")
            return folder, info | {"reused": True}
    log(f"bench_etl: generating {movies:,} movies into {folder}")
    summary = generate(folder, movies=movies, seed=seed, progress=True)
    return folder, json.loads(manifest.read_text()) | {"reused": False, "seconds": summary.seconds}


# --------------------------------------------------------------------------- runs


def _mb(n_bytes: float) -> float:
    return n_bytes / 1e6


def _etl(
    src: Path, work: Path, name: str, *, with_model: bool, report: Report
) -> ChildResult | None:
    """One build in a child process; a failure becomes a FAILED row (the run goes on)."""
    db = work / f"{name}.duckdb"
    log(f"bench_etl: {name}: build_catalogue -> {db}")
    try:
        return run_in_child(etl_job, str(src), str(db), with_model)
    except RuntimeError as exc:
        log(str(exc))
        report.failed(f"{name} build", exc)
        return None


def run(args: argparse.Namespace, work: Path) -> Report:
    src, info = ensure_input(args.movies, args.seed)
    in_mb = _mb(sum(info["bytes"].values()))
    report = Report(
        "ETL benchmark",
        context={"movies": args.movies, "input_MB": round(in_mb), **machine_context()},
    )
    report.add(
        "generate input",
        info["seconds"],
        "s",
        note=("cached" if info["reused"] else "this run")
        + f", credits {info['bytes'].get('credits.csv', 0) / info['movies'] / 1e3:.2f} KB/film",
    )

    base = None
    if not args.no_baseline:
        log("bench_etl: naive baseline (pandas + ast.literal_eval per cell)")
        try:
            base = run_in_child(naive_baseline, str(src))
        except RuntimeError as exc:
            report.failed("baseline", exc)
        else:
            cells = base.value["cells"]
            report.add("baseline wall", base.wall, "s", note=f"{cells:,} cells parsed")
            report.add("baseline peak", base.peak_mb, "MB")

    etl = _etl(src, work, "catalogue", with_model=False, report=report)
    bw = base.wall if base else None
    bp = base.peak_mb if base else None
    if etl:
        wall = etl.value["seconds"]
        report.add("etl wall", wall, "s", baseline=bw, target=("<=", TARGET_WALL_S))
        if base:
            report.add("etl speedup", base.wall / wall, "x", target=(">=", TARGET_SPEEDUP))
        report.add("etl peak", etl.peak_mb, "MB", baseline=bp, target=("<=", TARGET_PEAK_MB))
        for stage, seconds in etl.value["stages"]:
            report.add(f"  stage {stage}", seconds, "s")
        report.add("etl output", _mb(etl.value["output_bytes"]), "MB")

    if not args.no_model:
        full = _etl(src, work, "with-model", with_model=True, report=report)
        if full:
            if full.value["model_seconds"] is not None:
                report.add("model build", full.value["model_seconds"], "s", note="recommender")
            report.add("etl+model wall", full.value["seconds"], "s", baseline=bw)
            report.add("etl+model peak", full.peak_mb, "MB", baseline=bp)
            report.add("etl+model output", _mb(full.value["output_bytes"]), "MB")

    if args.scale and args.scale > 1:
        _scaled(args, info, etl, work, report)
    report.context["load1_end"] = machine_context()["load1"]
    return report


def _scaled(
    args: argparse.Namespace, info: dict, etl: ChildResult | None, work: Path, report: Report
) -> None:
    """The catalogue ETL at `scale` x the size, and how linearly it grew."""
    n = args.scale
    big_src, big_info = ensure_input(args.movies * n, args.seed)
    big = _etl(big_src, work, f"catalogue-x{n}", with_model=False, report=report)
    report.add(f"x{n} input", _mb(sum(big_info["bytes"].values())), "MB")
    if big is None:
        return
    base_s = etl.value["seconds"] if etl else None
    report.add(f"x{n} etl wall", big.value["seconds"], "s", baseline=base_s)
    report.add(f"x{n} etl peak", big.peak_mb, "MB", baseline=etl.peak_mb if etl else None)
    for stage, seconds in big.value["stages"]:
        report.add(f"  x{n} stage {stage}", seconds, "s")
    if etl:
        size_ratio = sum(big_info["bytes"].values()) / sum(info["bytes"].values())
        time_ratio = big.value["seconds"] / etl.value["seconds"]
        report.add(
            f"x{n} linearity",
            time_ratio / size_ratio,
            "x",
            target=("<=", TARGET_LINEARITY),
            note=f"time x{time_ratio:.1f} for size x{size_ratio:.1f}",
        )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--movies", type=int, default=REAL_MOVIES)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--scale", type=int, default=0, help="also run the ETL at N x the size")
    p.add_argument("--keep", type=Path, help="keep the built catalogues in DIR")
    p.add_argument("--no-baseline", action="store_true", help="skip the naive baseline")
    p.add_argument("--no-model", action="store_true", help="skip the run with the recommender")
    add_json_arg(p)
    args = p.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        report = run(args, args.keep)
    else:
        OUT.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="bench-etl-", dir=OUT) as work:
            report = run(args, Path(work))
    report.emit(as_json=args.json)
    return 0 if report.all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
