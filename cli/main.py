"""`moviebot` command line: wiring only; each command lives in its own module of this package.

Every command parses its arguments, calls one library function and formats the result.
"""

from __future__ import annotations

import argparse
import sys

from moviebot.cli import chat, etl, query, recommend, serve


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="moviebot",
        description="Questions and recommendations over The Movies Dataset, in chat or here.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    etl.register(commands)
    query_parser = commands.add_parser(
        "query",
        help="ask the catalogue one question (add --json for scripts)",
        description="Ask the catalogue. Every subcommand takes - to read one input per line "
        "from stdin and print one JSON object per line.",
    )
    queries = query_parser.add_subparsers(dest="query", metavar="QUESTION", required=True)
    query.register(queries)
    recommend.register(queries)
    chat.register(commands)
    serve.register(commands)  # moviebot serve, moviebot probe (cli/serve.py)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `moviebot query ... | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
