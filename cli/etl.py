"""`moviebot etl` (raw files -> catalogue) and `moviebot report` (catalogue -> charts)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from moviebot.cli.common import db_option
from moviebot.core.paths import db_path
from moviebot.etl.sample import sample_dir

EXIT_USAGE = 2


def register(commands: argparse._SubParsersAction) -> None:
    """Add `etl` and `report` to `commands`."""
    etl = commands.add_parser(
        "etl",
        help="build the catalogue file from the raw Kaggle CSVs",
        description="Read The Movies Dataset (a folder or the Kaggle zip; files plain or .gz), "
        "clean it and write one DuckDB catalogue, atomically.",
    )
    etl.add_argument(
        "--source", type=Path, default=None, metavar="PATH",
        help="folder or zip with movies_metadata.csv and credits.csv (default: the demo "
        "sample in data/sample)",
    )
    db_option(etl, what="catalogue file to write")
    etl.add_argument(
        "--force", action="store_true",
        help="replace the catalogue even when the new one is worse (no films, over 10%% of "
        "a file rejected, under half the rows of the old one)",
    )
    shown = etl.add_mutually_exclusive_group()
    shown.add_argument("--progress", dest="progress", action="store_true", default=None,
                       help="always show per-stage progress")
    shown.add_argument("--quiet", dest="progress", action="store_false",
                       help="no progress lines (the summary is still printed)")
    etl.set_defaults(func=run_etl)

    report = commands.add_parser(
        "report",
        help="write a data report (PNG charts + index.html) about the catalogue",
        description="Charts of missing values, zeros, distributions and rejects, "
        "linked from one HTML page.",
    )
    db_option(report)
    report.add_argument(
        "--out", type=Path, default=None, metavar="DIR",
        help="folder for the charts and index.html (default: report/ beside the catalogue)",
    )
    report.set_defaults(func=run_report)


def _fail(command: str, message: str) -> int:
    print(f"moviebot {command}: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def run_etl(args: argparse.Namespace) -> int:
    from moviebot.etl.build import build_catalogue
    from moviebot.etl.signals import sigterm_as_interrupt
    from moviebot.etl.sources import SourceError

    source = args.source or sample_dir()
    db = args.db or db_path()
    try:
        with sigterm_as_interrupt() as stop:
            report = build_catalogue(source, db, progress=args.progress, force=args.force)
    except SourceError as exc:
        kept = "left unchanged" if Path(db).is_file() else "not written"
        return _fail("etl", f"{exc}; {db} {kept}")
    except OSError as exc:
        return _fail("etl", f"{exc.strerror or exc} ({exc.filename or db}); {db} left unchanged")
    except duckdb.Error as exc:
        # e.g. a truncated .gz; the previous catalogue is left as it was.
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"moviebot etl: failed, {db} left unchanged: {first}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"moviebot etl: interrupted, {db} left unchanged", file=sys.stderr)
        return stop.exit_status
    print(report.summary())
    return 0


def run_report(args: argparse.Namespace) -> int:
    from moviebot.etl.report import ReportError, write_report

    db = args.db or db_path()
    out = args.out or Path(db).parent / "report"
    try:
        result = write_report(db, out)
    except ReportError as exc:
        return _fail("report", str(exc))
    print(f"report: {len(result.charts)} charts in {out}; open {result.index}")
    return 0
