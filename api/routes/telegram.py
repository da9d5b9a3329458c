"""The Telegram webhook on the API's port (python-telegram-bot's custom-webhook pattern).

Telegram posts each update here with the secret token in `X-Telegram-Bot-Api-Secret-Token`;
a wrong or missing one gets 403 and the update is dropped. The update goes on the bot's
queue and is answered by the same handlers as in polling mode.
"""

from __future__ import annotations

import json
import secrets

from fastapi import APIRouter, Request, Response

from moviebot.api.errors import ApiError

MAX_UPDATE = 1 << 20  # bytes: a Telegram update is a few KB


def router_for(path: str) -> APIRouter:
    """A router with one POST route at `path` (the webhook URL's path)."""
    router = APIRouter(tags=["telegram"])

    @router.post(path, include_in_schema=False)
    async def telegram_update(request: Request) -> Response:
        bot = request.app.state.webhook_bot
        given = request.headers.get("x-telegram-bot-api-secret-token", "")
        if not secrets.compare_digest(given.encode(), bot.secret.encode()):
            raise ApiError(403, "forbidden", "webhook_refused")
        if int(request.headers.get("content-length") or 0) > MAX_UPDATE:
            raise ApiError(413, "too_large", "too_large")
        body = await request.body()
        if len(body) > MAX_UPDATE:
            raise ApiError(413, "too_large", "too_large")
        try:
            update = json.loads(body)
        except ValueError:
            raise ApiError(422, "invalid_parameter", "invalid", problems="not JSON") from None
        if not isinstance(update, dict):
            raise ApiError(422, "invalid_parameter", "invalid", problems="not an update")
        await bot.feed(update)
        return Response(status_code=200)

    return router
