"""The Telegram bot's throughput and latency through the fake Bot API, beside an echo bot.

    python -m benchmarks.bench_bot [--db FILE | --movies 45466] [--updates 3000]
        [--rate 100] [--json]

The bot runs as its own process (`moviebot run`, TELEGRAM_API_BASE_URL pointing at the fake
server this script serves on 127.0.0.1), over the generator's catalogue built by the ETL
(cached in benchmarks/out/). Each update comes from its own private chat, so a reply is
matched to its update by chat id. Measured:

* throughput: `--updates` updates queued at once; updates/s from the first delivery
  (getUpdates answer) to the last reply;
* latency: updates queued at a steady `--rate` per second (well below capacity); time from
  the getUpdates answer that delivers an update to the bot's sendMessage/sendPhoto, p50/p99;
* resident memory of the bot process (VmRSS at the end, VmHWM peak);
* baseline, same run: an echo bot built the same way (PTB Application, concurrent updates,
  long polling) whose handler only replies the text — the framework's own ceiling.

The mix of questions: /runtime, /votes, /score, /movie (photo card), /recommend, /month,
/day, /country, /top, plain titles, typos. Telegram's own flood limits (30 messages/s) are
not the subject here, so the bot runs with MOVIEBOT_RATE_LIMIT=0 (no AIORateLimiter).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import (
    OUT,
    Report,
    add_json_arg,
    build_db,
    generated_source,
    log,
    machine_context,
    percentiles,
)
from moviebot.core.paths import REPO_ROOT
from tests.fake_bot_api import FakeBotApi

TOKEN = "111111111:AABenchmarkTokenNotARealOne_0123456789"


# -- the catalogue --------------------------------------------------------------------------
def ensure_db(movies: int) -> Path:
    db = OUT / f"bench-bot-{movies}.duckdb"
    return db if db.exists() else build_db(generated_source(movies), db)


def question_mix(db: Path, n: int, seed: int = 3) -> list[str]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    titles = [r[0] for r in con.execute(
        "SELECT title FROM movies WHERE vote_count > 20 ORDER BY id").fetchall()]
    con.close()
    rng = random.Random(seed)
    months = ["January", "mayo", "12", "octubre"]
    days = ["friday", "miércoles", "lunes", "Sunday"]
    countries = ["Spain", "France", "US", "Japón"]
    out = []
    for i in range(n):
        title = rng.choice(titles)
        kind = i % 12
        if kind in (0, 1):
            out.append(f"/runtime {title}")
        elif kind == 2:
            out.append(f"/votes {title}")
        elif kind == 3:
            out.append(f"/score {title}")
        elif kind in (4, 5):
            out.append(f"/movie {title}")
        elif kind == 6:
            out.append(f"/recommend {title}")
        elif kind == 7:
            out.append(f"/month {rng.choice(months)}")
        elif kind == 8:
            out.append(f"/dia {rng.choice(days)}")
        elif kind == 9:
            out.append(f"/country {rng.choice(countries)}")
        elif kind == 10:
            out.append(title if rng.random() < 0.5 else title[:-1] + "x")  # plain title, typo
        else:
            out.append("/top")
    return out


# -- the bot processes -------------------------------------------------------------------------
def start_process(api: FakeBotApi, db: Path, *, echo: bool) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api.base_url,
               MOVIEBOT_DB=str(db), MOVIEBOT_RATE_LIMIT="0", MOVIEBOT_LOG_LEVEL="WARNING",
               PYTHONPATH=str(REPO_ROOT))
    cmd = ([sys.executable, "-m", "benchmarks.bench_bot", "--echo-bot"] if echo
           else [sys.executable, "-m", "moviebot.cli.main", "run"])
    return subprocess.Popen(cmd, env=env, cwd=REPO_ROOT, stderr=subprocess.PIPE, text=True)


def echo_bot() -> None:
    """The baseline: the same PTB wiring (concurrency, pool, polling) replying the text."""
    from telegram import Update
    from telegram.ext import Application, MessageHandler, filters

    async def echo(update: Update, context) -> None:
        await update.effective_message.reply_text(update.effective_message.text)

    concurrency = int(os.environ.get("MOVIEBOT_CONCURRENCY") or 16)
    app = (Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"])
           .base_url(os.environ["TELEGRAM_API_BASE_URL"]).concurrent_updates(concurrency)
           .connection_pool_size(max(8, concurrency)).build())
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling()


def rss_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of `pid` in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


# -- driving -------------------------------------------------------------------------------------
class Driver:
    def __init__(self, api: FakeBotApi) -> None:
        self.api = api
        self.next_chat = 10_000

    def send(self, texts: list[str], *, rate: float | None = None) -> dict[int, int]:
        """Queue `texts` (each from a new chat); returns chat_id -> update_id."""
        chats = {}
        start = time.monotonic()
        for i, text in enumerate(texts):
            if rate:
                delay = start + i / rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            chat = self.next_chat
            self.next_chat += 1
            chats[chat] = self.api.send_text(text, user_id=chat)
        return chats

    def replies(self, chats: dict[int, int], timeout: float = 300) -> dict[int, float]:
        """Wait for the first reply to every chat; returns update_id -> reply time."""
        deadline = time.monotonic() + timeout
        seen: dict[int, float] = {}
        index = 0
        while len(seen) < len(chats):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{len(chats) - len(seen)} updates unanswered")
            calls = self.api.calls[index:]
            index += len(calls)
            for c in calls:
                chat = c.params.get("chat_id")
                if c.method in ("sendMessage", "sendPhoto") and chat in chats:
                    seen.setdefault(chats[chat], c.at)
            time.sleep(0.005)
        return seen

    def measure(self, texts: list[str], *, rate: float | None = None) -> dict[str, float]:
        chats = self.send(texts, rate=rate)
        answered = self.replies(chats)
        delivered = {u: self.api.delivered[u] for u in answered}
        latencies = [answered[u] - delivered[u] for u in answered]
        span = max(answered.values()) - min(delivered.values())
        p50, p99 = percentiles(latencies)
        return {"per_s": len(answered) / span, "p50_ms": p50 * 1000, "p99_ms": p99 * 1000}


def run_one(db: Path, texts: list[str], paced: list[str], rate: float, *, echo: bool) -> dict:
    with FakeBotApi(token=TOKEN) as api:
        proc = start_process(api, db, echo=echo)
        try:
            driver = Driver(api)
            api.wait_for("deleteWebhook", timeout=120)  # polling is about to start
            driver.measure(texts[:100])  # warm-up
            burst = driver.measure(texts)
            steady = driver.measure(paced, rate=rate)
            rss, hwm = rss_mb(proc.pid)
        finally:
            proc.terminate()
            try:
                _, err = proc.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                _, err = proc.communicate()
        errors = [line for line in (err or "").splitlines() if "ERROR" in line]
        if errors:
            log(f"{'echo' if echo else 'bot'}: {len(errors)} error lines, first: {errors[0]}")
    return {"burst": burst, "steady": steady, "rss": rss, "hwm": hwm}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=None, help="a built catalogue to serve")
    parser.add_argument("--movies", type=int, default=45466, help="generated films (default 45466)")
    parser.add_argument("--updates", type=int, default=3000, help="updates in the burst")
    parser.add_argument("--rate", type=float, default=100, help="updates/s in the steady phase")
    parser.add_argument("--echo-bot", action="store_true", help=argparse.SUPPRESS)
    add_json_arg(parser)
    args = parser.parse_args(argv)
    if args.echo_bot:
        echo_bot()
        return 0

    db = args.db or ensure_db(args.movies)
    texts = question_mix(db, args.updates)
    paced = question_mix(db, max(200, int(args.rate * 5)), seed=4)
    log(f"bot: {len(texts)} updates at once, then {len(paced)} at {args.rate:g}/s ...")
    bot = run_one(db, texts, paced, args.rate, echo=False)
    log("echo baseline ...")
    echo = run_one(db, texts, paced, args.rate, echo=True)

    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    movies = con.execute("SELECT count(*) FROM movies").fetchone()[0]
    con.close()
    report = Report("bot", context={"movies": movies, **machine_context()})
    report.add("throughput (burst)", bot["burst"]["per_s"], "updates/s",
               baseline=echo["burst"]["per_s"], target=(">=", 300))
    report.add("update->reply p50 (burst)", bot["burst"]["p50_ms"], "ms",
               baseline=echo["burst"]["p50_ms"], note="includes queueing behind the batch")
    report.add("update->reply p99 (burst)", bot["burst"]["p99_ms"], "ms",
               baseline=echo["burst"]["p99_ms"])
    report.add(f"update->reply p50 ({args.rate:g}/s)", bot["steady"]["p50_ms"], "ms",
               baseline=echo["steady"]["p50_ms"])
    report.add(f"update->reply p99 ({args.rate:g}/s)", bot["steady"]["p99_ms"], "ms",
               baseline=echo["steady"]["p99_ms"], target=("<=", 50))
    report.add("bot RSS at end", bot["rss"], "MB", baseline=echo["rss"], target=("<=", 300))
    report.add("bot RSS peak", bot["hwm"], "MB", baseline=echo["hwm"], target=("<=", 300))
    report.emit(as_json=args.json)
    return 0 if report.all_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
