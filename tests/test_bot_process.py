"""`moviebot run` as a real process against the fake Bot API: polling, webhook, SIGTERM, and
the token never appearing in its logs (even at DEBUG, where PTB logs the API URL)."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from moviebot.bot import redact
from moviebot.core.paths import REPO_ROOT
from tests.conftest import run_cli
from tests.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.timeout(150)

TOKEN = "987654321:AAProcessTestToken_zyxwvutsrqponmlkji"


def start_bot(db, api, tmp_path, *extra: str, level: str = "DEBUG",
              command: str = "run") -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=api.base_url,
        MOVIEBOT_DB=str(db),
        ADMIN_IDS="42",
        MOVIEBOT_LOG_LEVEL=level,
        PYTHONPATH=str(REPO_ROOT),
    )
    return subprocess.Popen(
        [sys.executable, "-m", "moviebot.cli.main", command, *extra],
        cwd=tmp_path,  # no .env of the developer's
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop(proc: subprocess.Popen) -> tuple[int, str]:
    proc.send_signal(signal.SIGTERM)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    return proc.returncode, err


def test_run_polls_answers_stops_on_sigterm_and_never_logs_the_token(sample_db, tmp_path):
    with FakeBotApi(token=TOKEN) as api:
        proc = start_bot(sample_db, api, tmp_path)
        try:
            api.send_text("/start", user_id=7)
            assert "Hi Ana" in api.wait_for("sendMessage", chat_id=7, timeout=60)[0].params["text"]
            api.send_text("/runtime titanic", user_id=7)
            api.wait_for("sendMessage", chat_id=7, count=2)
            api.fail("sendMessage", "500", chat_id=8)  # an error goes through the error handler
            api.send_text("/start", user_id=8)
            api.wait_for("sendMessage", chat_id=8)
            api.send_text("/start", user_id=9)  # served after the error
            api.wait_for("sendMessage", chat_id=9)
            time.sleep(0.3)
        finally:
            code, err = stop(proc)
    assert code == 0, err[-2000:]
    assert "Set Bot API URL" in err  # PTB's DEBUG line that carries the token...
    assert TOKEN not in err  # ...redacted
    assert TOKEN.split(":")[1] not in err
    assert "update" in err and "failed" in err  # the error handler logged the update id
    assert "bot stopped" in err


def test_start_with_a_token_runs_the_bot(sample_db, tmp_path):
    with FakeBotApi(token=TOKEN) as api:
        proc = start_bot(sample_db, api, tmp_path, level="INFO", command="start")
        try:
            api.send_text("/runtime titanic", user_id=7)
            assert "194" in api.wait_for("sendMessage", chat_id=7, timeout=60)[0].params["text"]
        finally:
            code, err = stop(proc)
    assert code == 0, err[-2000:]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_run_in_webhook_mode(sample_db, tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}/moviebot"
    with FakeBotApi(token=TOKEN) as api:
        proc = start_bot(sample_db, api, tmp_path, "--webhook-url", url, "--listen",
                         "127.0.0.1", "--port", str(port), "--webhook-secret", "s3cret",
                         level="DEBUG")
        try:
            hook = api.wait_for("setWebhook", timeout=60)[0].params
            assert hook["url"] == url and hook["secret_token"] == "s3cret"
            update = {"update_id": 1, "message": api.message("/runtime titanic", user_id=9)}
            body = json.dumps(update).encode()
            for _attempt in range(50):  # the server starts listening right after setWebhook
                request = urllib.request.Request(
                    url, data=body, method="POST",
                    headers={"Content-Type": "application/json",
                             "X-Telegram-Bot-Api-Secret-Token": "s3cret"},
                )
                try:
                    urllib.request.urlopen(request, timeout=5).read()
                    break
                except OSError:
                    time.sleep(0.2)
            reply = api.wait_for("sendMessage", chat_id=9)[0].params["text"]
            assert "194" in reply
            bad = urllib.request.Request(url, data=body, method="POST",
                                         headers={"Content-Type": "application/json",
                                                  "X-Telegram-Bot-Api-Secret-Token": "wrong"})
            with pytest.raises(urllib.error.HTTPError):
                urllib.request.urlopen(bad, timeout=5)
        finally:
            code, err = stop(proc)
    assert code == 0, err[-2000:]
    assert "setWebhook" in err  # PTB's DEBUG line with the parameters...
    assert TOKEN not in err and "s3cret" not in err  # ...secret_token redacted


def test_run_without_token_explains_botfather(tmp_path):
    result = run_cli("run", env={"MOVIEBOT_DB": str(tmp_path / "x.duckdb")})
    assert result.returncode == 2
    assert "@BotFather" in result.stderr and "moviebot chat" in result.stderr


def test_redactor_covers_arguments_and_tracebacks():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "url %s", (f"/bot{TOKEN}/x",),
                               None)
    try:
        raise RuntimeError(f"boom {TOKEN.split(':')[1]}")
    except RuntimeError:
        record.exc_info = sys.exc_info()
    redact.add_secret(TOKEN, token=True)
    redact._scrub(record)
    text = logging.Formatter().format(record)
    assert TOKEN.split(":")[1] not in text and "<token>" in text and "boom" in text
