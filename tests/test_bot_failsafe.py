"""The bot fails safe, seen from outside: `moviebot run` as a real process against the fake
Bot API (a refused token, a closed port, a token revoked while running, another instance
polling with the same token), `moviebot health` reading the polling state, settings it
cannot use, and everything it printed scanned for the token and for tracebacks."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from moviebot.core.paths import REPO_ROOT
from tests.conftest import run_cli
from tests.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.timeout(180)

TOKEN = "555666777:AAFailSafeTestToken_qwertyuiopasdfgh"
SECRET_HALF = TOKEN.split(":")[1]
REFUSED = "Telegram refused the token: check TELEGRAM_BOT_TOKEN (from @BotFather)"


class BotProcess:
    """`moviebot run` with its output in a file, so tests can read it while it runs."""

    def __init__(self, db: Path, base_url: str, tmp_path: Path, *, level: str = "DEBUG",
                 command: str = "run", extra_env: dict | None = None) -> None:
        self.log = tmp_path / f"bot-{time.monotonic_ns()}.log"
        env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
        env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=base_url, MOVIEBOT_DB=str(db),
                   MOVIEBOT_LOG_LEVEL=level, PYTHONPATH=str(REPO_ROOT), **(extra_env or {}))
        self.env = env
        with self.log.open("w") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "moviebot.cli.main", command], cwd=tmp_path, env=env,
                stdout=out, stderr=subprocess.STDOUT, text=True,
            )

    def output(self) -> str:
        return self.log.read_text()

    def wait_for_output(self, text: str, *, count: int = 1, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while self.output().count(text) < count:
            assert time.monotonic() < deadline, f"no {count} x {text!r} in:\n{self.output()}"
            assert self.proc.poll() is None, f"exited {self.proc.returncode}:\n{self.output()}"
            time.sleep(0.1)
        return self.output()

    def wait(self, timeout: float = 60) -> int:
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"still running after {timeout} s:\n{self.output()}") from None

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.wait(30)


def assert_nothing_leaked(output: str) -> None:
    assert TOKEN not in output and SECRET_HALF not in output
    assert "Traceback" not in output


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def health(db: Path) -> subprocess.CompletedProcess:
    return run_cli("health", "--db", str(db), env={"MOVIEBOT_DB": str(db)})


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
@pytest.mark.parametrize("command", ["run", "start"])
def test_a_refused_token_is_one_line_and_exit_2(sample_db, tmp_path, level, command):
    with FakeBotApi(token="1:TheTokenTheServerKnows") as api:  # answers 401 to ours
        bot = BotProcess(sample_db, api.base_url, tmp_path, level=level, command=command)
        code = bot.wait()
    output = bot.output()
    assert code == 2, output
    assert REFUSED in output
    assert_nothing_leaked(output)
    if level == "INFO":
        assert output.strip().splitlines() == [f"moviebot: {REFUSED}"]


def test_an_unreachable_api_retries_with_backoff_then_stops_on_sigterm(sample_db, tmp_path):
    port = free_port()  # nothing listens there
    bot = BotProcess(sample_db, f"http://127.0.0.1:{port}/bot", tmp_path)
    output = bot.wait_for_output("cannot reach the Bot API", count=2)
    code = bot.stop()
    output = bot.output()
    assert code == 0, output
    lines = [line for line in output.splitlines() if "cannot reach" in line]
    assert f"cannot reach the Bot API at 127.0.0.1:{port}: retrying in 1 s" in lines[0]
    assert lines[1].endswith("retrying in 2 s")
    assert_nothing_leaked(output)


def test_health_follows_polling_and_a_revoked_token_stops_the_bot(sample_db, tmp_path):
    db = tmp_path / "movies.duckdb"
    db.write_bytes(sample_db.read_bytes())
    with FakeBotApi(token=TOKEN) as api:
        bot = BotProcess(db, api.base_url, tmp_path)
        try:
            api.send_text("/runtime titanic", user_id=7)
            assert "194" in api.wait_for("sendMessage", chat_id=7, timeout=60)[0].params["text"]
            ok = health(db)
            assert ok.returncode == 0 and "bot: polling, last answer from Telegram" in ok.stdout

            api.fail("getUpdates", "500", times=10_000)  # the Bot API in trouble
            deadline = time.monotonic() + 30
            while (sick := health(db)).returncode == 0:
                assert time.monotonic() < deadline, sick.stdout
                time.sleep(0.3)
            assert "bot: unreachable" in sick.stdout and "answered 500" in sick.stdout

            api.token = "555666777:TheNewTokenAfterRevoke"  # every call now gets 401
            code = bot.wait(60)
        finally:
            bot.stop()
    output = bot.output()
    assert code == 2, output
    assert "Telegram refused the token while the bot was running" in output
    assert output.strip().splitlines()[-1].startswith("moviebot: Telegram refused the token")
    assert_nothing_leaked(output)
    after = health(db)
    assert after.returncode == 0 and "bot: not running" in after.stdout
    assert "refused the token" in after.stdout
    state = json.loads((tmp_path / "movies.duckdb.bot.json").read_text())
    assert state["state"] == "stopped"


def test_another_instance_with_the_same_token_is_named_and_the_bot_exits(sample_db, tmp_path):
    with FakeBotApi(token=TOKEN) as api:
        bot = BotProcess(sample_db, api.base_url, tmp_path, level="INFO")
        try:
            api.send_text("/start", user_id=8)
            api.wait_for("sendMessage", chat_id=8, timeout=60)
            api.fail("getUpdates", "409", times=100)  # what Telegram answers a second poller
            code = bot.wait(60)
        finally:
            bot.stop()
    output = bot.output()
    assert code == 2, output
    assert output.count("409 Conflict (") == 2  # the first two are warnings, the third stops
    assert output.strip().splitlines()[-1] == (
        "moviebot: another instance is using this token (Telegram answered getUpdates with "
        "409 Conflict 3 times): stop the other one, or give each bot its own token from "
        "@BotFather"
    )
    assert_nothing_leaked(output)


@pytest.mark.parametrize(
    ("name", "value", "accepts"),
    [
        ("MOVIEBOT_LOG_LEVEL", "LOUD", "DEBUG, INFO, WARNING, ERROR, CRITICAL"),
        ("MOVIEBOT_RATE_LIMIT", "abc", "a number ≥ 0"),
        ("MOVIEBOT_RATE_LIMIT", "-1", "a number ≥ 0"),
        ("MOVIEBOT_CONCURRENCY", "many", "a whole number ≥ 1"),
        ("MOVIEBOT_CONCURRENCY", "0", "a whole number ≥ 1"),
    ],
)
@pytest.mark.parametrize("command", ["run", "chat"])
def test_a_setting_it_cannot_use_is_one_line_and_exit_2(tmp_path, name, value, accepts,
                                                        command):
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "MOVIEBOT_DB": str(tmp_path / "x.duckdb"), name: value}
    result = run_cli(command, input="", env=env)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"moviebot: {name}={value!r} is not valid: it takes " + result.stderr.split("takes ")[1]
        .strip()
    ]
    assert accepts in result.stderr and "Traceback" not in result.stderr
    assert TOKEN not in result.stderr + result.stdout


def test_charts_leave_no_file_behind(sample_db, tmp_path):
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {"MOVIEBOT_DB": str(sample_db), "TMPDIR": str(temp)}
    asked = run_cli("ask", "/director james cameron", env=env)
    chatted = run_cli("chat", input="/actor leonardo dicaprio\n/director james cameron\n",
                      env=env)
    assert asked.returncode == 0 and chatted.returncode == 0
    assert "--charts DIR" in asked.stdout and "--charts DIR" in chatted.stdout
    assert list(temp.iterdir()) == []
    saved = run_cli("ask", "/director james cameron", "--charts", str(tmp_path / "c"), env=env)
    assert [p.name[:15] for p in (tmp_path / "c").iterdir()] == ["moviebot-chart-"]
    assert "📈 " + str(tmp_path / "c") in saved.stdout


# -- bad input through the real PTB stack (in process, against the fake server) ------------
@pytest.fixture(scope="module")
def harness(sample_db, tmp_path_factory):
    from tests.bot_harness import BotHarness

    db = tmp_path_factory.mktemp("failsafe") / "movies.duckdb"
    db.write_bytes(sample_db.read_bytes())
    with BotHarness(db) as bot:
        yield bot


def reply_text(api, chat_id: int, *, after: int) -> str:
    call = api.wait_for("sendMessage", chat_id=chat_id, after=after)[0]
    return call.params["text"]


def test_an_inline_offset_that_is_not_ours_starts_from_the_first_page(harness, caplog):
    api = harness.api
    answers = {}
    with caplog.at_level("ERROR"):
        for offset in ("", "²", "-5", "abc"):
            mark = api.mark()
            api.enqueue({"inline_query": {"id": f"off{offset}", "from": api.user(31),
                                          "query": "titanic", "offset": offset}})
            call = api.wait_for("answerInlineQuery", after=mark, inline_query_id=f"off{offset}")
            answers[offset] = [r["title"] for r in call[0].params["results"]]
    assert answers[""] and all(titles == answers[""] for titles in answers.values())
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


@pytest.mark.parametrize("packed", ["y-99999999999999999999", "mnan", "m-5", "m11", "minf",
                                    "y2010-1990", "y1990-2010-5", "y٢٠٠٠-"])
def test_filters_in_a_button_are_checked_like_typed_ones(harness, packed):
    from moviebot.bot import callbacks

    api = harness.api
    chat = 3100 + len(packed)
    message = {"message_id": 1, "date": 0, "chat": {"id": chat, "type": "private"},
               "from": api.bot_user, "text": "old"}
    tag = callbacks.version_tag(harness.service.data_version)
    mark = api.mark()
    api.press(f"1|{tag}|en|r|597~{packed}", user_id=chat, message=message)
    assert "expired" in reply_text(api, chat, after=mark)
    mark = api.mark()
    api.press(f"1|{tag}|en|r|597~y1990-2010,m6", user_id=chat, message=message)  # a good one
    assert "If you liked" in reply_text(api, chat, after=mark)


def test_top_with_the_years_backwards_swaps_them(harness):
    api = harness.api
    mark = api.mark()
    api.send_text("/top 1990-2010", user_id=3201)
    forwards = reply_text(api, 3201, after=mark)
    api.send_text("/top 2010-1990", user_id=3202)
    assert reply_text(api, 3202, after=mark) == forwards
    assert "1990–2010" in forwards


def test_stats_in_a_group_shows_no_server_paths(harness):
    from tests.bot_harness import ADMIN_ID

    api = harness.api
    path = str(harness.db)
    mark = api.mark()
    api.send_text("/stats", user_id=ADMIN_ID, chat_id=-3300, chat_type="supergroup")
    in_group = reply_text(api, -3300, after=mark)
    api.send_text("/stats", user_id=ADMIN_ID)
    in_private = reply_text(api, ADMIN_ID, after=mark)
    assert "Uptime" in in_group and path not in in_group and "shown in a private chat" in in_group
    assert path in in_private


def test_reload_in_a_group_names_files_without_their_folders(harness, tmp_path):
    from tests.bot_harness import ADMIN_ID

    api = harness.api
    folder = str(harness.db.parent)
    missing = tmp_path / "hidden-folder" / "new.duckdb"
    mark = api.mark()
    api.send_text("/reload", user_id=ADMIN_ID, chat_id=-3400, chat_type="supergroup")
    done = reply_text(api, -3400, after=mark)
    assert "Reloaded" in done and harness.db.name in done and folder not in done
    mark = api.mark()
    api.send_text(f"/reload {missing}", user_id=ADMIN_ID, chat_id=-3400, chat_type="supergroup")
    failed = reply_text(api, -3400, after=mark)
    assert "Reload failed" in failed and "hidden-folder" not in failed
    mark = api.mark()
    api.send_text(f"/reload {missing}", user_id=ADMIN_ID)
    assert str(missing) in reply_text(api, ADMIN_ID, after=mark)


def test_redaction_covers_every_logger_handler_traceback_and_uncaught_error(tmp_path):
    script = f"""
import logging, sys, threading, warnings
from moviebot.bot.telegram_app import setup_logging
from moviebot.bot import redact
setup_logging({TOKEN!r}, "DEBUG", secrets=["webhook-secret-42"])
logging.getLogger("httpx").setLevel(logging.DEBUG)  # its request lines carry the URL
logging.getLogger("late").addHandler(logging.StreamHandler(sys.stdout))  # added afterwards
logging.getLogger("httpx").info("HTTP Request: POST https://api/bot%s/getMe", {TOKEN!r})
logging.getLogger("late").warning("secret half %s, quoted %s", {SECRET_HALF!r},
                                  {TOKEN.replace(":", "%3A")!r})
logging.getLogger("x").debug("setWebhook secret_token=%s", "webhook-secret-42")
warnings.warn("token {TOKEN} in a warning")
redact.add_secret("added-later-secret")
logging.getLogger("x").error("added-later-secret")
try:
    raise ValueError("in an exception: {SECRET_HALF}")
except ValueError:
    logging.getLogger("x").exception("caught")
def fail():
    raise RuntimeError("thread {TOKEN}")
t = threading.Thread(target=fail)
t.start(); t.join()
raise RuntimeError("uncaught {TOKEN}")
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)}, timeout=60)
    output = result.stdout + result.stderr
    assert TOKEN not in output and SECRET_HALF not in output
    assert "webhook-secret-42" not in output and "added-later-secret" not in output
    for seen in ("HTTP Request", "secret half <token>", "quoted <token>", "in a warning",
                 "in an exception: <token>", "thread <token>", "uncaught <token>"):
        assert seen in output, output
