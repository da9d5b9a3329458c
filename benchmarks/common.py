"""Shared helpers for the benchmark scripts: timing, percentiles, peak memory, a report table.

Typical use::

    from benchmarks.common import Report, percentiles, run_in_child, timed

    samples = timed(lambda: resolve("titanic"), repeat=200)
    p50, p99 = percentiles(samples)
    job = run_in_child(build_job, src, db)          # fresh process: its own peak memory
    report = Report("etl")
    report.add("etl wall", job.wall, "s", baseline=41.0, target=("<=", 12))
    report.add("etl peak", job.peak_mb, "MB", baseline=1400, target=("<=", 1024))
    report.emit(as_json=args.json)

Every measured job that reports memory runs in its own child process (spawned, not forked),
so the baseline and the candidate never share a high-water mark.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

# --------------------------------------------------------------------------- timing


def timed(fn: Callable[[], Any], *, repeat: int = 1, warmup: int = 0) -> list[float]:
    """Call `fn` `warmup` times unmeasured, then `repeat` times; return per-call seconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return samples


def percentiles(samples: Sequence[float]) -> tuple[float, float]:
    """Return (p50, p99) of `samples` (linear interpolation, as numpy does)."""
    if not samples:
        raise ValueError("no samples")
    p50, p99 = np.percentile(np.asarray(samples, dtype=float), [50, 99])
    return float(p50), float(p99)


# --------------------------------------------------------------------------- peak memory


def _vm_hwm_mb() -> float:
    """This process's peak resident set (VmHWM), in MB.

    VmHWM belongs to the address space, so unlike ru_maxrss it does not inherit the parent's
    high-water mark across fork/exec.
    """
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KB


@dataclass
class ChildResult:
    """What a job run in a child process gave back."""

    value: Any
    wall: float  # seconds, measured inside the child around the call only
    peak_mb: float  # peak RSS of the child (interpreter + imports + job)
    children_peak_mb: float = 0.0  # largest peak among processes the job itself started


def _child_main(conn, fn, args, kwargs) -> None:
    try:
        t0 = time.perf_counter()
        value = fn(*args, **kwargs)
        wall = time.perf_counter() - t0
        kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        conn.send(("ok", ChildResult(value, wall, _vm_hwm_mb(), kids)))
    except BaseException:  # report any failure to the parent instead of dying silently
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


def run_in_child(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> ChildResult:
    """Run `fn(*args, **kwargs)` in a fresh spawned process; return its value, wall and peak.

    `fn` must be importable at module level (spawn pickles it by name) and its return value
    picklable. A failure in the child is raised here as RuntimeError with its traceback.
    """
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child_main, args=(child, fn, args, kwargs))
    proc.start()
    child.close()
    try:
        status, payload = parent.recv()
    except EOFError:
        proc.join()
        raise RuntimeError(f"benchmark child died (exit code {proc.exitcode})") from None
    proc.join()
    if status != "ok":
        raise RuntimeError(f"benchmark child failed:\n{payload}")
    return payload


# --------------------------------------------------------------------------- report


@dataclass
class Row:
    """One figure, optionally beside its baseline and a target."""

    name: str
    value: float
    unit: str = ""
    baseline: float | None = None
    target: tuple[str, float] | None = None  # (">=" or "<=", number), in the row's unit
    note: str = ""
    ratio: float | None = field(default=None, init=False)
    ok: bool | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.baseline:
            self.ratio = self.value / self.baseline
        if self.target is not None:
            op, bound = self.target
            if op not in ("<=", ">="):
                raise ValueError(f"target operator must be <= or >=, not {op!r}")
            self.ok = self.value <= bound if op == "<=" else self.value >= bound


def _fmt(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "s" and abs(value) < 1:
        text = f"{value:.3f}"
    elif abs(value) < 1:
        text = f"{value:.3g}"
    elif abs(value) < 100:
        text = f"{value:.1f}"
    else:
        text = f"{value:,.0f}"
    return f"{text} {unit}".rstrip()


class Report:
    """Rows printed as an aligned table, or dumped as JSON (`--json`)."""

    def __init__(self, title: str, *, context: dict[str, Any] | None = None) -> None:
        self.title = title
        self.context = dict(context or {})  # e.g. movies, load average, machine
        self.rows: list[Row] = []

    def add(
        self,
        name: str,
        value: float,
        unit: str = "",
        *,
        baseline: float | None = None,
        target: tuple[str, float] | None = None,
        note: str = "",
    ) -> Row:
        row = Row(name, float(value), unit, baseline, target, note)
        self.rows.append(row)
        return row

    def failed(self, name: str, error: BaseException | str) -> Row:
        """A job that did not finish: printed as FAILED with the error's last line."""
        lines = str(error).strip().splitlines() or ["?"]
        # A traceback's telling line names the exception; later lines are often advice.
        named = [ln for ln in lines if "Error" in ln or "Exception" in ln]
        row = self.add(name, float("nan"), note=(named or lines)[-1].strip()[:160])
        row.ok = False
        return row

    def lines(self) -> list[str]:
        width = max((len(r.name) for r in self.rows), default=0)
        out = [f"== {self.title} " + " ".join(f"{k}={v}" for k, v in self.context.items())]
        for r in self.rows:
            value = "FAILED" if r.value != r.value else _fmt(r.value, r.unit)  # NaN: failed
            parts = [f"{r.name:<{width}}  ", f"{value:>10}"]
            if r.baseline is not None:
                parts.append(f"  baseline {_fmt(r.baseline, r.unit):>10}")
                parts.append(f"  ratio {r.ratio:.2f}x" if r.ratio is not None else "")
            if r.target is not None:
                parts.append(f"  target {r.target[0]} {_fmt(r.target[1], r.unit)}")
                parts.append("  OK" if r.ok else "  MISS")
            if r.note:
                parts.append(f"  ({r.note})")
            out.append("".join(parts))
        return out

    def to_dict(self) -> dict[str, Any]:
        rows = [asdict(r) for r in self.rows]
        for row in rows:  # a failed job's NaN is not valid JSON
            if row["value"] != row["value"]:
                row["value"] = None
        return {"title": self.title, "context": self.context, "rows": rows}

    def emit(self, *, as_json: bool = False, file=None) -> None:
        """Print the table, or one JSON object when `as_json`."""
        file = file or sys.stdout
        if as_json:
            print(json.dumps(self.to_dict(), default=str), file=file)
        else:
            print("\n".join(self.lines()), file=file)

    @property
    def all_ok(self) -> bool:
        return all(r.ok is not False for r in self.rows)


OUT = Path(__file__).resolve().parent / "out"  # generated inputs and catalogues (git-ignored)


def add_catalogue_args(parser: argparse.ArgumentParser) -> None:
    """`--movies`, `--source` and `--db`: the generated catalogue a benchmark runs on."""
    parser.add_argument("--movies", type=int, default=45_466)
    parser.add_argument("--source", type=Path, default=None,
                        help="generator output (default benchmarks/out/gen-MOVIES-s1)")
    parser.add_argument("--db", type=Path, default=None, help="reuse a built catalogue")


def generated_source(movies: int) -> Path:
    """The generator's files for `movies` films in benchmarks/out/gen-<movies>-s1 (generated
    once, in a child process, then reused)."""
    source = OUT / f"gen-{movies}-s1"
    if not (source / "movies_metadata.csv").exists():
        log(f"generating {movies:,} films into {source} ...")
        subprocess.run([sys.executable, "-m", "benchmarks.generate", "--movies", str(movies),
                        "--out", str(source), "--quiet"], check=True, cwd=OUT.parents[1])
    return source


def build_db(source: Path, db: Path) -> Path:
    """The catalogue (model included) built by the ETL from `source` into `db`."""
    from moviebot.etl.build import build_catalogue

    log(f"building the catalogue {db} from {source} (ETL, includes the model) ...")
    build_catalogue(source, db, progress=False)
    return db


def add_json_arg(parser: argparse.ArgumentParser) -> None:
    """The `--json` switch every benchmark script takes."""
    parser.add_argument("--json", action="store_true", help="print one JSON object, no table")


def machine_context() -> dict[str, Any]:
    """Facts worth printing next to any timing: cores and the load when measured."""
    load1, load5, _ = os.getloadavg()
    return {"cpus": os.cpu_count(), "load1": round(load1, 2), "load5": round(load5, 2)}


def log(msg: str) -> None:
    """Progress line on stderr, so `--json` stdout stays machine-readable."""
    print(msg, file=sys.stderr, flush=True)
