"""Answers remembered per catalogue: an ASGI middleware in front of the routes.

Every answer of the read-only routes depends only on the URL, the reader's language and
the catalogue serving, so a question asked again (the same popular films, a client
retrying, a page reloaded) is answered with the bytes sent last time, without routing,
validation or core. Only successful GETs are kept; a reload empties the cache, and an
answer computed while a reload happened is not kept.

    app = AnswerCache(app, service=service, prefixes=("/v1/",), size=2048)
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from moviebot.api.texts import lang_of
from moviebot.core.served import Service

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

HEADER = (b"x-moviebot-cache", b"hit")


class AnswerCache:
    """Pure ASGI middleware: the `size` most recent 200 answers to GETs under `prefixes`,
    per (path, query, language), for the catalogue version serving now."""

    def __init__(self, app: ASGIApp, *, service: Service, prefixes: tuple[str, ...],
                 size: int = 2048) -> None:
        self.app = app
        self.service = service
        self.prefixes = prefixes
        self.size = size
        self._version: str | None = None
        self._answers: OrderedDict[tuple, tuple[list, bytes]] = OrderedDict()

    def _key(self, scope: Scope) -> tuple | None:
        if scope["type"] != "http" or scope["method"] != "GET":
            return None
        path = scope["path"]
        if not path.startswith(self.prefixes):
            return None
        accept = next((v for k, v in scope["headers"] if k == b"accept-language"), b"")
        return path, scope["query_string"], lang_of(accept.decode("latin-1"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self._key(scope)
        version = self.service.data_version
        if key is None or version is None:
            await self.app(scope, receive, send)
            return
        if version != self._version:
            self._answers.clear()
            self._version = version
        found = self._answers.get(key)
        if found is not None:
            self._answers.move_to_end(key)
            headers, body = found
            await send({"type": "http.response.start", "status": 200,
                        "headers": [*headers, HEADER]})
            await send({"type": "http.response.body", "body": body})
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body" and start.get("status") == 200:
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and self.service.data_version == version:
                    self._answers[key] = (list(start.get("headers", [])), b"".join(chunks))
                    if len(self._answers) > self.size:
                        self._answers.popitem(last=False)
            await send(message)

        await self.app(scope, receive, keep)
