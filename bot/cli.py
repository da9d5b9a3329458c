"""`moviebot` command line: wiring only; each command lives in its own cli_* module.

Every command parses its arguments, calls one library function and formats the result.
"""

from __future__ import annotations

import argparse
import sys

from moviebot.api import serve
from moviebot.bot import cli_chat, cli_etl, cli_query, cli_recommend


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="moviebot",
        description="Questions and recommendations over The Movies Dataset, in chat or here.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    cli_etl.register(commands)
    query = commands.add_parser(
        "query",
        help="ask the catalogue one question (add --json for scripts)",
        description="Ask the catalogue. Every subcommand takes - to read one input per line "
        "from stdin and print one JSON object per line.",
    )
    queries = query.add_subparsers(dest="query", metavar="QUESTION", required=True)
    cli_query.register(queries)
    cli_recommend.register(queries)
    cli_chat.register(commands)
    serve.register(commands)  # moviebot serve, moviebot probe (api/serve.py)
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
