"""Shared plumbing of `moviebot query` subcommands: `--db`, `--json` and batch mode (`-`).

API (used by cli.query and cli.recommend; keep it small):

- `add_options(parser)`: adds `--db PATH` (default `MOVIEBOT_DB`, else data/movies.duckdb)
  and `--json` to a subcommand parser.
- `open_catalogue(args) -> Catalogue | None`: opens `args.db`; on a missing or broken file
  prints one friendly line to stderr (run `moviebot etl`) and returns None.
- `run_query(args, answer, *, arg="text", render=str) -> int`: the whole command. It
  opens the catalogue, calls `answer(catalogue, text)` for `getattr(args, arg)`, or for
  each stdin line when that value is "-" (batch mode: always one JSON object per input
  line, one process), and prints `render(result)` or the JSON. Returns the exit code:
  0 on success (a "not found" answer is a success), 2 without a usable catalogue (missing,
  broken, or lacking what the question needs, such as the recommender model).
- `as_json(result, *, query)`: the JSON object printed for one answer (`to_json()` when the
  result has one, else the dataclass fields; `None` becomes `{"query", "found": false}`).

Example (a subcommand module):

    p = queries.add_parser("resolve", help="which film a text means")
    p.add_argument("text", help="title, or - to read titles from stdin")
    add_options(p)
    p.set_defaults(func=lambda a: run_query(a, lambda cat, t: cat.resolve(t)))
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from moviebot.core.catalogue import Catalogue, CatalogueError
from moviebot.core.models import NotFound, to_json
from moviebot.core.paths import db_path

EXIT_NO_CATALOGUE = 2


def db_option(parser: argparse.ArgumentParser, *, what: str = "catalogue file") -> None:
    """The one `--db PATH` option of every command (`what` says what the command does with it).

    >>> db_option(argparse.ArgumentParser(), what="catalogue file to write")
    """
    parser.add_argument(
        "--db", type=Path, default=None, metavar="PATH",
        help=f"{what} (default: $MOVIEBOT_DB or data/movies.duckdb)",
    )


def webhook_options(parser: argparse.ArgumentParser | argparse._ArgumentGroup, *,
                    example: str) -> None:
    """`--webhook-url` and `--webhook-secret`, the same for `moviebot run` and `serve`."""
    parser.add_argument("--webhook-url", default=None,
                        help=f"public HTTPS URL Telegram posts updates to, e.g. {example}")
    parser.add_argument("--webhook-secret", default=os.environ.get("WEBHOOK_SECRET"),
                        help="secret token Telegram sends back in every request "
                        "(default: $WEBHOOK_SECRET, else a random one per start)")


def in_range(
    low: float, high: float, what: str, *, whole: bool = True
) -> Callable[[str], float]:
    """An argparse `type` for a number from `low` to `high` (a whole one unless `whole` is
    False; "7,5" reads as 7.5): anything else is a usage error (exit status 2) that says
    the range, never silently clamped.

    >>> in_range(1, 50, "-k")("5")
    5
    """
    kind = "a whole number" if whole else "a number"

    def parse(text: str) -> float:
        try:
            value = int(text) if whole else float(text.replace(",", "."))
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} takes {kind}, not {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what} goes from {low:g} to {high:g}, not {text}")
        return value

    return parse


def add_options(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add `--db` and `--json` to one subcommand parser (returns it for chaining)."""
    db_option(parser)
    parser.add_argument("--json", action="store_true", help="print JSON (for scripts)")
    return parser


def open_catalogue(args: argparse.Namespace) -> Catalogue | None:
    """The catalogue named by `--db`/MOVIEBOT_DB, or None after one friendly line on stderr."""
    path = Path(args.db) if getattr(args, "db", None) else db_path()
    if not path.exists():
        print(
            f"No catalogue at {path}: build it first with `moviebot etl` "
            "(or pick one with --db PATH / MOVIEBOT_DB).",
            file=sys.stderr,
        )
        return None
    try:
        return Catalogue.open(path)
    except CatalogueError as exc:
        print(f"Cannot use the catalogue {path}: {exc} Rebuild it with `moviebot etl`.",
              file=sys.stderr)
        return None


def as_json(result: Any, *, query: str) -> dict[str, Any]:
    """The JSON object for one answer; "not found" answers carry `"found": false`."""
    if result is None:
        return {"query": query, "found": False}
    if hasattr(result, "to_json"):
        out = result.to_json()
    elif dataclasses.is_dataclass(result):
        out = to_json(result)
    elif isinstance(result, dict):
        out = dict(result)
    elif isinstance(result, list):
        out = {"query": query, "results": to_json(result)}
    else:
        out = {"query": query, "result": to_json(result)}
    if "query" not in out:  # batch output lines say which input they answer
        out = {"query": query, **out}
    if isinstance(result, NotFound):
        out["found"] = False
    return out


def _print_json(obj: dict[str, Any]) -> None:
    # ensure_ascii=False: titles such as "Amélie" stay readable in scripts' output.
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def render_not_found(result: NotFound) -> str:
    """The human line for a NotFound answer."""
    if result.kind == "empty" or not result.query.strip():
        return "Nothing to look up: give a name or a title."
    line = f"No {result.kind} found for {result.query[:80]!r}."
    if result.suggestions:
        line += " Did you mean: " + ", ".join(result.suggestions[:5]) + "?"
    return line


def run_query(
    args: argparse.Namespace,
    answer: Callable[[Catalogue, str], Any],
    *,
    arg: str = "text",
    render: Callable[[Any], str] = str,
) -> int:
    """Answer one input (or each stdin line for "-") and print it; returns the exit code."""
    cat = open_catalogue(args)
    if cat is None:
        return EXIT_NO_CATALOGUE
    try:
        value = getattr(args, arg)
        if isinstance(value, list):  # nargs="+": words typed without quotes
            value = " ".join(value)
        if value == "-":
            for line in sys.stdin:
                text = line.rstrip("\r\n")
                _print_json(as_json(answer(cat, text), query=text))
                sys.stdout.flush()
            return 0
        result = answer(cat, value)
        if args.json:
            _print_json(as_json(result, query=value))
        elif result is None:
            print(f"Not found: {value[:80]!r}.")
        elif isinstance(result, NotFound):
            print(render_not_found(result))
        else:
            print(render(result))
        return 0
    except CatalogueError as exc:  # e.g. a file built before the recommender model existed
        print(f"Cannot answer from {cat.path}: {exc}", file=sys.stderr)
        return EXIT_NO_CATALOGUE
    finally:
        cat.close()
