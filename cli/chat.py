"""`moviebot start | run | chat | ask | health`: the chat front ends on the command line.

start   the README's main job: build the demo catalogue if missing, then the Telegram bot
        when a token is set, else the console chat
run     the Telegram bot (long polling, or a webhook with --webhook-url)
chat    the console chat (interactive, or lines piped on stdin)
ask     one message, one answer: `moviebot ask "/recommend Titanic" --json`
health  exit 0 when the catalogue opens and, while the bot runs here, it is polling
        (the Docker HEALTHCHECK)
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from moviebot.bot.config import Config, ConfigError
from moviebot.cli.common import db_option, webhook_options

if TYPE_CHECKING:
    from moviebot.bot.console import ConsoleChat

EXIT_FAIL = 1
EXIT_USAGE = 2

NO_TOKEN = """\
moviebot run: no Telegram bot token.

Get one from @BotFather in Telegram (send /newbot, pick a name and a username ending
in "bot"), then either
    export TELEGRAM_BOT_TOKEN=123456789:AA...
or put the line TELEGRAM_BOT_TOKEN=123456789:AA... in a .env file here, and run
`moviebot run` again.

Without a token, `moviebot chat` answers the same questions in this terminal, and
`moviebot ask "/recommend Titanic"` answers one.
"""


def register(commands: argparse._SubParsersAction) -> None:
    """Add start, run, chat, ask and health to `commands`."""
    start = commands.add_parser(
        "start",
        help="build the demo catalogue if missing, then run the bot (token set) or the console",
        description="The main job: ensure a catalogue exists (the demo sample is built when "
        "none is there), then run the Telegram bot when TELEGRAM_BOT_TOKEN is set, else the "
        "console chat.",
    )
    db_option(start)
    _webhook_options(start)
    start.set_defaults(func=cmd_start)

    run = commands.add_parser(
        "run",
        help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)",
        description="Run the Telegram bot: long polling by default, a webhook with "
        "--webhook-url. Settings: TELEGRAM_BOT_TOKEN, ADMIN_IDS, TELEGRAM_API_BASE_URL, "
        "MOVIEBOT_DB, MOVIEBOT_RATE_LIMIT (environment or .env). Stops on SIGINT/SIGTERM "
        "(exit 0); exit 2 for no token, a token Telegram refuses (at start or later) or "
        "another instance polling with the same token.",
    )
    db_option(run)
    _webhook_options(run)
    run.set_defaults(func=cmd_run)

    chat = commands.add_parser(
        "chat",
        help="chat with the bot in this terminal (no token needed)",
        description="The bot's commands in the terminal. Type a number to press a button. "
        "Reads piped stdin too: echo '/movie titanic' | moviebot chat",
    )
    db_option(chat)
    _lang_option(chat)
    _charts_option(chat)
    chat.set_defaults(func=cmd_chat)

    ask = commands.add_parser(
        "ask",
        help='one message, one answer: moviebot ask "/recommend Titanic"',
        description="Send one message to the bot and print its answer.",
    )
    ask.add_argument("message", help='a command or a title, e.g. "/recommend Titanic"')
    db_option(ask)
    _lang_option(ask)
    ask.add_argument("--json", action="store_true", help="print the structured replies")
    _charts_option(ask)
    ask.set_defaults(func=cmd_ask)

    health = commands.add_parser(
        "health",
        help="exit 0 when the catalogue opens (for container health checks)",
        description="Open the catalogue, print its version and size, and the polling state "
        "of the bot serving it when one runs here; exit 1 if the catalogue cannot be opened "
        "or that bot cannot reach Telegram.",
    )
    db_option(health)
    health.set_defaults(func=cmd_health)


def _lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", choices=("en", "es"), default=None,
        help="reply language (default: from $LANG, else English)",
    )


def _charts_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--charts", type=Path, default=None,
                        help="save the charts of /actor and /director as PNGs in this folder "
                        "(default: not saved)")


def _webhook_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("webhook mode (default: long polling)")
    webhook_options(group, example="https://bot.example.com/moviebot")
    group.add_argument("--listen", default="0.0.0.0", help="address to listen on")
    group.add_argument("--port", type=int, default=8443, help="port to listen on")


def _config(args: argparse.Namespace) -> Config:
    try:
        config = Config.load()
    except ConfigError as exc:  # one line naming the setting and what it takes, exit 2
        print(f"moviebot: {exc}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None
    if args.db:
        config = dataclasses.replace(config, db_path=args.db)
    return config


def _lang(args: argparse.Namespace) -> str:
    if args.lang:
        return args.lang
    from moviebot.bot.i18n import lang_of

    return lang_of(os.environ.get("LC_ALL") or os.environ.get("LANG"))


def _quiet_logging() -> None:
    """Console commands print their own messages; only errors from the library's logs."""
    logging.basicConfig(level=logging.ERROR, format="moviebot: %(levelname)s %(name)s: %(message)s")


def _open_service(db: Path, *, warm: bool = False, check: bool = False):
    """The service over `db`, or None after printing why it cannot be opened.

    `warm` builds every index and loads the recommender up front (the long-running bot);
    `warm` or `check` refuses a file whose recommender fails its self-check (health).
    """
    from moviebot.core.served import Service

    service = Service(db, warm=warm, check=check)
    if service.info is None:
        print(
            f"moviebot: cannot open the catalogue {db}: {service.load_error}\n"
            "Build it with `moviebot etl` (demo sample) or `moviebot etl --source DIR` "
            "(the Kaggle files), or let `moviebot start` build the demo.",
            file=sys.stderr,
        )
        return None
    return service


# -- commands ------------------------------------------------------------------------------
def cmd_start(args: argparse.Namespace) -> int:
    from moviebot.etl.build import ensure_demo_catalogue

    config = _config(args)
    if ensure_demo_catalogue(config.db_path):
        print(f"moviebot: built the demo catalogue at {config.db_path}", file=sys.stderr)
    if config.token:
        return _run_bot(config, args)
    print("moviebot: no TELEGRAM_BOT_TOKEN set, starting the console chat "
          "(`moviebot run --help` explains the bot).", file=sys.stderr)
    args.lang, args.charts = None, None
    return cmd_chat(args)


def cmd_run(args: argparse.Namespace) -> int:
    config = _config(args)
    if not config.token:
        print(NO_TOKEN, file=sys.stderr, end="")
        return EXIT_USAGE
    return _run_bot(config, args)


def _run_bot(config: Config, args: argparse.Namespace) -> int:
    from moviebot.bot.telegram_app import BotFailure, run, setup_logging

    setup_logging(config.token, config.log_level, secrets=[args.webhook_secret])
    try:
        return run(
            config,
            lambda: _open_service(config.db_path, warm=True),
            webhook_url=args.webhook_url,
            webhook_secret=args.webhook_secret,
            listen=args.listen,
            port=args.port,
        )
    except BotFailure as exc:  # a refused token, another instance: one line, exit 2
        print(f"moviebot: {exc}", file=sys.stderr)
        return exc.exit_code


@contextlib.contextmanager
def _console(args: argparse.Namespace, *, first_name: str = "") -> Iterator[ConsoleChat | None]:
    """The console chat over the catalogue of `args` as its admin, closed after the block;
    None after one line on stderr when the catalogue cannot be opened."""
    from moviebot.bot.commands import Commands, Who
    from moviebot.bot.console import ConsoleChat

    _quiet_logging()
    service = _open_service(_config(args).db_path)
    if service is None:
        yield None
        return
    who = Who(user_id=0, lang=_lang(args), is_admin=True, first_name=first_name)
    try:
        yield ConsoleChat(Commands(service), who, color=sys.stdout.isatty(),
                          chart_dir=args.charts)
    finally:
        service.close()


def cmd_chat(args: argparse.Namespace) -> int:
    with _console(args, first_name=os.environ.get("USER", "")) as chat:
        if chat is None:
            return EXIT_FAIL
        chat.loop(sys.stdin)
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    with _console(args) as chat:
        if chat is None:
            return EXIT_FAIL
        if args.json:
            replies = chat.commands.handle(args.message, chat.who)
            json.dump({"message": args.message, "replies": [r.to_json() for r in replies]},
                      sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            chat.send(args.message)
    return 0


def cmd_health(args: argparse.Namespace) -> int:
    _quiet_logging()
    service = _open_service(_config(args).db_path, check=True)
    if service is None:
        return EXIT_FAIL
    info = service.info
    print(f"ok: {info.path} data version {info.data_version}, {info.movies} movies")
    service.close()
    from moviebot.bot.bot_state import bot_health

    healthy, line = bot_health(_config(args).db_path)
    print(f"bot: {line}")
    return 0 if healthy else EXIT_FAIL
