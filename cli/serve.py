"""`moviebot serve` (the HTTP API on uvicorn, optionally with the Telegram webhook) and
`moviebot probe` (the container health check for both modes).

    moviebot serve --host 0.0.0.0 --port 8000
    moviebot serve --workers 2
    TELEGRAM_BOT_TOKEN=... moviebot serve --webhook-url https://bot.example.com/telegram
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from moviebot.cli.common import db_option, webhook_options

EXIT_FAIL = 1
EXIT_USAGE = 2


def register(commands: argparse._SubParsersAction) -> None:
    """Add `serve` and `probe` to the `moviebot` command line."""
    serve = commands.add_parser(
        "serve", help="serve the HTTP API (and the Telegram webhook) with uvicorn",
        description="The HTTP API: the bootcamp's endpoints, /v1, /docs; with --webhook-url "
        "also the Telegram bot on the same port. Admin reload: set MOVIEBOT_ADMIN_TOKEN.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address (0.0.0.0 in a container)")
    serve.add_argument("--port", type=int, default=int(os.environ.get("MOVIEBOT_PORT") or 8000),
                       help="default $MOVIEBOT_PORT, else 8000 (what `moviebot probe` checks)")
    serve.add_argument("--workers", type=int, default=1,
                       help="worker processes, each with its own catalogue")
    db_option(serve)
    webhook_options(serve, example="https://bot.example.com/telegram (needs "
                    "TELEGRAM_BOT_TOKEN)")
    serve.add_argument("--log-level", default=os.environ.get("MOVIEBOT_LOG_LEVEL", "info"))
    serve.set_defaults(func=cmd_serve)

    probe = commands.add_parser(
        "probe", help="health check for containers: the API's /health if it listens, "
        "else the catalogue file",
    )
    probe.add_argument("--url", default=None,
                       help="default http://127.0.0.1:$MOVIEBOT_PORT/health (port 8000)")
    db_option(probe, what="catalogue file checked when no API listens")
    probe.set_defaults(func=cmd_probe)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from moviebot.bot.config import Config
    from moviebot.bot.telegram_app import setup_logging
    from moviebot.core.served import Service

    config = Config.load()
    db = args.db or config.db_path
    if args.workers < 1:
        return _fail("--workers must be at least 1", EXIT_USAGE)
    if args.webhook_url:
        if not config.token:
            return _fail("--webhook-url needs the bot's token in TELEGRAM_BOT_TOKEN", EXIT_USAGE)
        if args.workers > 1:
            return _fail("the webhook needs one worker (one bot, updates of a chat in order)",
                         EXIT_USAGE)
        if not urllib.parse.urlparse(args.webhook_url).path.strip("/"):
            return _fail("--webhook-url needs a path, e.g. https://bot.example.com/telegram",
                         EXIT_USAGE)
    setup_logging(config.token, args.log_level.upper())
    if not Path(db).exists():
        return _fail(f"no catalogue at {db}: build it with `moviebot etl` (or pick one with "
                     "--db PATH / MOVIEBOT_DB)", EXIT_FAIL)
    admin_token = os.environ.get("MOVIEBOT_ADMIN_TOKEN") or None
    common = {"host": args.host, "port": args.port, "log_level": args.log_level.lower(),
              "access_log": False, "server_header": False}
    if args.workers > 1:
        # Each worker opens the catalogue itself (app_from_env reads MOVIEBOT_DB).
        os.environ["MOVIEBOT_DB"] = str(db)
        uvicorn.run("moviebot.api.app:app_from_env", factory=True, workers=args.workers,
                    **common)
        return 0
    from moviebot.api.app import create_app

    service = Service(db, warm=True)
    if service.info is None:
        return _fail(f"cannot open the catalogue {db}: {service.load_error}", EXIT_FAIL)
    webhook = None
    if args.webhook_url:
        from moviebot.bot.telegram_app import WebhookBot

        webhook = WebhookBot(config, service, url=args.webhook_url, secret=args.webhook_secret)
    app = create_app(service, admin_token=admin_token, webhook_bot=webhook,
                     webhook_path=urllib.parse.urlparse(args.webhook_url or "").path)
    if webhook is None:
        uvicorn.run(app, **common)
        return 0
    return asyncio.run(_serve_with_bot(uvicorn.Server(uvicorn.Config(app, **common)), webhook,
                                       token=config.token))


async def _serve_with_bot(server, webhook, *, token: str) -> int:
    """PTB's custom-webhook pattern: start the bot, serve the app, stop the bot."""
    try:
        await webhook.start()
    except Exception as exc:  # refused token, unreachable Bot API, ...: one line
        reason = f"{type(exc).__name__}: {exc}".replace(token, "<token>")
        return _fail(f"the Telegram bot did not start: {reason}", EXIT_FAIL)
    try:
        await server.serve()
    finally:
        await webhook.stop()
    return 0


def cmd_probe(args: argparse.Namespace) -> int:
    """Exit 0 when healthy: /health answers 200, or (nothing listening: the bot's mode)
    what `moviebot health` checks passes."""
    url = args.url or f"http://127.0.0.1:{os.environ.get('MOVIEBOT_PORT', '8000')}/health"
    try:
        with urllib.request.urlopen(url, timeout=20) as answer:
            body = json.loads(answer.read() or b"{}")
        print(f"ok: {url} data version {body.get('data_version')}, {body.get('movies')} movies")
        return 0
    except urllib.error.HTTPError as exc:
        return _fail(f"{url} answered {exc.code}", EXIT_FAIL)
    except (urllib.error.URLError, ConnectionError) as exc:
        if not isinstance(getattr(exc, "reason", exc), ConnectionRefusedError | ConnectionError):
            return _fail(f"{url}: {getattr(exc, 'reason', exc)}", EXIT_FAIL)
    except (TimeoutError, ValueError) as exc:
        return _fail(f"{url}: {exc}", EXIT_FAIL)
    # The bot's mode: `moviebot health` says it (the catalogue, its self-check and whether
    # the bot still polls Telegram), so a deaf bot is unhealthy here too.
    from moviebot.cli.chat import cmd_health

    where = urllib.parse.urlsplit(url).netloc
    print(f"no API listening on {where}: checking the catalogue and the bot")
    return cmd_health(args)


def _fail(message: str, code: int) -> int:
    print(f"moviebot: {message}", file=sys.stderr)
    return code
