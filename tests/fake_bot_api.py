"""A small fake Telegram Bot API server for tests and the bot benchmark (stdlib only).

Start it, point the bot's `base_url` at `server.base_url` (what `TELEGRAM_API_BASE_URL`
does), enqueue updates, and wait for the calls the bot makes:

    with FakeBotApi() as api:
        app = build_application(config_with(api.base_url), service)
        ...
        api.send_text("/start", user_id=1)
        call = api.wait_for("sendMessage", chat_id=1)

Every call is recorded as `Call(method, params, at)`. Failure modes: `fail(method, "429")`
(Too Many Requests with retry_after), `"500"`, `"403"` (user blocked the bot), `"hang"`
(no answer for `hang_seconds`), `"slow"` (a normal answer after `slow_seconds`), `"401"`
(the token refused, e.g. revoked), `"409"` (getUpdates' Conflict: another instance polls), and
`refuse_photo_urls` for sendPhoto with a URL. `answerInlineQuery` calls keep their
`results` as sent (photo and article results alike).
"""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import itertools
import json
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BOT_ID = 777000111
BOT_USERNAME = "ThisBot"
_JSON_KEYS = {
    "text",
    "caption",
    "query",
    "data",
    "callback_query_id",
    "inline_query_id",
    "photo",
    "url",
    "secret_token",
    "description",
    "short_description",
    "title",
}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_POST(self) -> None:
        self._serve()

    def do_GET(self) -> None:
        self._serve()

    def _serve(self) -> None:
        path = urllib.parse.urlparse(self.path).path
        parts = path.strip("/").split("/")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if len(parts) != 2 or not parts[0].startswith("bot"):
            return self._send(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        token, method = parts[0][3:], parts[1]
        params = _parse_body(self.headers.get("Content-Type", ""), body)
        params.update(_decode(dict(urllib.parse.parse_qsl(urllib.parse.urlparse(self.path).query))))
        status, payload = self.server.api.handle(token, method, params)
        if status is None:  # hang: the client times out
            return
        self._send(status, payload)

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _send(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        head = (
            f"HTTP/1.1 {status} {'OK' if status == 200 else 'Error'}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n"
        ).encode()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(head + data)  # one segment: no Nagle / delayed-ACK stalls


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    allow_reuse_address = True
    api: FakeBotApi


def _decode(form: dict[str, str]) -> dict[str, Any]:
    """PTB sends non-string parameters JSON-encoded inside a form; undo that."""
    out: dict[str, Any] = {}
    for key, value in form.items():
        if key not in _JSON_KEYS:
            with contextlib.suppress(ValueError, TypeError):
                value = json.loads(value)
        out[key] = value
    return out


def _parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    if not body:
        return {}
    if content_type.startswith("application/json"):
        return json.loads(body)
    if content_type.startswith("multipart/form-data"):
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        form: dict[str, str] = {}
        files: dict[str, bytes] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if part.get_filename():
                files[name] = payload
            else:
                form[name] = payload.decode("utf-8")
        out = _decode(form)
        for name, data in files.items():
            out[name] = {"file_bytes": len(data), "png": data[:8] == b"\x89PNG\r\n\x1a\n"}
        return out
    return _decode(dict(urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True)))


class FakeBotApi:
    """The fake server: updates in, recorded calls out."""

    def __init__(
        self, *, token: str | None = None, hang_seconds: float = 8.0, slow_seconds: float = 1.5
    ) -> None:
        self.token = token  # when set, calls with another token get 401
        self.hang_seconds = hang_seconds
        self.slow_seconds = slow_seconds
        self.calls: list[Call] = []
        self.refuse_photo_urls = False
        self.bot_user = {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Movie Bot",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        self.commands: dict[str, list] = {}
        self.delivered: dict[int, float] = {}  # update_id -> when getUpdates handed it out
        self._updates: list[dict] = []
        self._failures: list[tuple[str, str, int | None]] = []
        self._cond = threading.Condition()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._closing = False

    # -- lifecycle ----------------------------------------------------------------------
    def start(self) -> FakeBotApi:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.api = self
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        """What to give the bot as `base_url` / TELEGRAM_API_BASE_URL (token appended)."""
        return f"http://127.0.0.1:{self.port}/bot"

    # -- failure injection --------------------------------------------------------------
    def fail(self, method: str, mode: str, *, times: int = 1, chat_id: int | None = None) -> None:
        """Answer the next `times` calls of `method` with `mode`: "429", "500", "403", "401",
        "409", "hang", or "slow" (the normal answer, `slow_seconds` late)."""
        with self._cond:
            self._failures += [(method, mode, chat_id)] * times

    def pending_failures(self) -> int:
        """Failures injected with `fail` that no call has met yet."""
        with self._cond:
            return len(self._failures)

    # -- updates in ---------------------------------------------------------------------
    def enqueue(self, update: dict) -> int:
        """Queue one update (its `update_id` is assigned here) and return the id."""
        with self._cond:
            update = {"update_id": next(self._update_ids), **update}
            self._updates.append(update)
            self._cond.notify_all()
            return update["update_id"]

    def user(self, user_id: int = 1, *, lang: str | None = "en", name: str = "Ana") -> dict:
        u = {"id": user_id, "is_bot": False, "first_name": name}
        if lang:
            u["language_code"] = lang
        return u

    def message(
        self,
        text: str,
        *,
        user_id: int = 1,
        chat_id: int | None = None,
        chat_type: str = "private",
        lang: str | None = "en",
        reply_to: dict | None = None,
    ) -> dict:
        chat_id = chat_id if chat_id is not None else user_id
        chat = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = "Ana"
        else:
            chat["title"] = "Film club"
        msg: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self.user(user_id, lang=lang),
            "text": text,
        }
        if text.startswith("/"):
            command = text.split()[0] if text.split() else text
            msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if reply_to is not None:
            msg["reply_to_message"] = reply_to
        return msg

    def send_text(self, text: str, **kwargs: Any) -> int:
        """Queue a text message update; returns its update_id."""
        return self.enqueue({"message": self.message(text, **kwargs)})

    def press(
        self, data: str, *, user_id: int = 1, lang: str | None = "en", message: dict | None = None,
        inline_message_id: str | None = None,
    ) -> int:
        """Queue a callback query (a button press) carrying `data`: under `message`, or under
        a message posted through inline mode (`inline_message_id`, no message)."""
        query = {
            "id": f"cb{next(self._message_ids)}",
            "from": self.user(user_id, lang=lang),
            "chat_instance": "ci1",
            "data": data,
        }
        if message is not None:
            query["message"] = message
        if inline_message_id is not None:
            query["inline_message_id"] = inline_message_id
        return self.enqueue({"callback_query": query})

    def inline(self, query: str, *, user_id: int = 1, lang: str | None = "en") -> int:
        return self.enqueue(
            {
                "inline_query": {
                    "id": f"iq{next(self._message_ids)}",
                    "from": self.user(user_id, lang=lang),
                    "query": query,
                    "offset": "",
                }
            }
        )

    # -- calls out ----------------------------------------------------------------------
    def calls_of(self, method: str, **match: Any) -> list[Call]:
        with self._cond:
            calls = list(self.calls)
        return [c for c in calls if c.method == method and _matches(c.params, match)]

    def wait_for(
        self, method: str, *, count: int = 1, timeout: float = 15.0, after: int = 0, **match: Any
    ) -> list[Call]:
        """Wait until `count` calls of `method` matching `match` arrived after index `after`."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [
                    c
                    for c in self.calls[after:]
                    if c.method == method and _matches(c.params, match)
                ]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [(c.method, c.params.get("chat_id")) for c in self.calls[after:]]
                    raise AssertionError(
                        f"no {count} x {method} {match} within {timeout}s; calls: {seen[-20:]}"
                    )
                self._cond.wait(remaining)

    def mark(self) -> int:
        """Index of the next call (use as `after=` to look only at newer calls)."""
        with self._cond:
            return len(self.calls)

    def sent_message(self, call: Call) -> dict:
        """The Message object the fake returned for a sendMessage/sendPhoto call."""
        return call.params["_result"]

    # -- the API ------------------------------------------------------------------------
    def handle(self, token: str, method: str, params: dict) -> tuple[int | None, dict]:
        if self.token is not None and token != self.token:
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        failure = self._take_failure(method, params)
        if method != "getUpdates":
            with self._cond:
                self.calls.append(Call(method, params))
                self._cond.notify_all()
        if failure == "slow":
            time.sleep(self.slow_seconds)
        elif failure:
            return self._failure(failure)
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return 200, {"ok": True, "result": True}
        result = handler(params)
        if isinstance(result, tuple):
            return result
        params["_result"] = result
        return 200, {"ok": True, "result": result}

    def _take_failure(self, method: str, params: dict) -> str | None:
        with self._cond:
            for i, (m, mode, chat_id) in enumerate(self._failures):
                if m == method and (chat_id is None or params.get("chat_id") == chat_id):
                    del self._failures[i]
                    return mode
        return None

    def _failure(self, mode: str) -> tuple[int | None, dict]:
        if mode == "429":
            return 429, {
                "ok": False,
                "error_code": 429,
                "parameters": {"retry_after": 1},
                "description": "Too Many Requests: retry after 1",
            }
        if mode == "500":
            return 500, {"ok": False, "error_code": 500, "description": "Internal Server Error"}
        if mode == "403":
            return 403, {
                "ok": False,
                "error_code": 403,
                "description": "Forbidden: bot was blocked by the user",
            }
        if mode == "401":
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        if mode == "409":
            return 409, {
                "ok": False,
                "error_code": 409,
                "description": "Conflict: terminated by other getUpdates request; make sure "
                "that only one bot instance is running",
            }
        if mode == "hang":
            with self._cond:
                self._cond.wait_for(lambda: self._closing, timeout=self.hang_seconds)
            return None, {}
        raise ValueError(mode)

    def _api_getMe(self, params: dict) -> dict:
        return self.bot_user

    def _api_getUpdates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + min(timeout, 5.0)
        with self._cond:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self._closing:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            batch = self._updates[:limit]
            now = time.monotonic()
            for u in batch:
                self.delivered.setdefault(u["update_id"], now)
            return batch

    def _new_message(self, params: dict, **content: Any) -> dict:
        chat_id = params.get("chat_id")
        chat = {"id": chat_id, "type": "private" if int(chat_id) > 0 else "group"}
        msg = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user,
            **content,
        }
        if params.get("reply_markup"):
            markup = params["reply_markup"]
            if "inline_keyboard" in markup:
                msg["reply_markup"] = markup
        return msg

    def _api_sendMessage(self, params: dict) -> dict:
        return self._new_message(params, text=_plain(params.get("text", "")))

    def _api_sendPhoto(self, params: dict) -> dict | tuple[int, dict]:
        photo = params.get("photo")
        if isinstance(photo, str) and self.refuse_photo_urls:
            return 400, {
                "ok": False,
                "error_code": 400,
                "description": "Bad Request: wrong file identifier/HTTP URL specified",
            }
        size = {"file_id": "AgAD", "file_unique_id": "u1", "width": 500, "height": 750}
        return self._new_message(params, photo=[size], caption=_plain(params.get("caption", "")))

    def _api_editMessageText(self, params: dict) -> dict:
        return self._new_message(params, text=_plain(params.get("text", "")))

    def _api_editMessageReplyMarkup(self, params: dict) -> dict | bool:
        if "inline_message_id" in params:
            return True
        return self._new_message(params, text="")

    def _api_setMyCommands(self, params: dict) -> bool:
        key = json.dumps([params.get("scope"), params.get("language_code")], sort_keys=True)
        self.commands[key] = params.get("commands", [])
        return True

    def _api_getMyCommands(self, params: dict) -> list:
        key = json.dumps([params.get("scope"), params.get("language_code")], sort_keys=True)
        return self.commands.get(key, [])

    def _api_getWebhookInfo(self, params: dict) -> dict:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}


def _plain(html_text: str) -> str:
    """Roughly what Telegram shows for an HTML message (tags dropped, entities decoded)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", html_text or ""))


def _matches(params: dict, match: dict) -> bool:
    return all(params.get(k) == v for k, v in match.items())
