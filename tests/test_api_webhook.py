"""The Telegram webhook on the API's port: `moviebot serve --webhook-url`, the real
python-telegram-bot stack, replies going to the fake Bot API server."""

from __future__ import annotations

import pytest

from tests.api_harness import ApiServer
from tests.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.timeout(180)

TOKEN = "123456:WEBHOOK-test-token"
SECRET = "s3cret-webhook-token"
HEADER = "X-Telegram-Bot-Api-Secret-Token"


def test_webhook_beside_the_api(sample_db):
    with FakeBotApi(token=TOKEN) as telegram:
        env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": telegram.base_url,
               "MOVIEBOT_RATE_LIMIT": "0"}
        args = ("--webhook-url", "https://bot.example.com/telegram", "--webhook-secret", SECRET)
        with ApiServer(sample_db, args=args, env=env) as api:
            hook = telegram.wait_for("setWebhook")[0].params
            assert hook["url"] == "https://bot.example.com/telegram"
            assert hook["secret_token"] == SECRET

            # The API answers on the same port.
            assert api.get("/votos_titulo/toy story").json()["votos"] == 5390

            update = {"update_id": 1, "message": telegram.message("/votes toy story",
                                                                  user_id=4242)}
            r = api.post("/telegram", json=update, headers={HEADER: SECRET})
            assert r.status_code == 200
            reply = telegram.wait_for("sendMessage", chat_id=4242)[0]
            assert "5,390" in reply.params["text"]

            before = telegram.mark()
            refused = {"update_id": 2, "message": telegram.message("/votes titanic",
                                                                   user_id=4343)}
            for headers in ({HEADER: "wrong"}, {}):
                r = api.post("/telegram", json=refused, headers=headers)
                assert r.status_code == 403 and r.json()["error"] == "forbidden"
            r = api.post("/telegram", content=b"not json", headers={HEADER: SECRET})
            assert r.status_code == 422
            # The route is not in the public API description.
            assert "/telegram" not in api.get("/openapi.json").json()["paths"]
        assert not [c for c in telegram.calls[before:]
                    if c.method == "sendMessage" and c.params.get("chat_id") == 4343]
        assert TOKEN not in api.log and TOKEN.split(":")[1] not in api.log


def test_webhook_without_a_token_is_one_line(sample_db):
    from tests.conftest import run_cli

    r = run_cli("serve", "--db", str(sample_db), "--webhook-url", "https://x.example/telegram")
    assert r.returncode == 2
    assert r.stderr.strip() == "moviebot: --webhook-url needs the bot's token in TELEGRAM_BOT_TOKEN"


def test_serve_without_a_catalogue_is_one_line(tmp_path):
    from tests.conftest import run_cli

    r = run_cli("serve", "--db", str(tmp_path / "none.duckdb"))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "moviebot etl" in r.stderr


def test_refused_token_is_one_line(sample_db):
    from tests.conftest import run_cli

    wrong = "999:REFUSED-token-value"
    with FakeBotApi(token=TOKEN) as telegram:
        r = run_cli("serve", "--db", str(sample_db), "--port", "0",
                    "--webhook-url", "https://x.example/telegram",
                    env={"TELEGRAM_BOT_TOKEN": wrong, "TELEGRAM_API_BASE_URL": telegram.base_url})
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr and wrong not in r.stderr + r.stdout
    assert "moviebot: the Telegram bot did not start: InvalidToken" in r.stderr
