"""The FastAPI application: routers, error handlers, offline docs, the webhook's lifespan.

    app = create_app(Service("data/movies.duckdb", warm=True), admin_token="s3cret")

`app_from_env()` is the factory each uvicorn worker calls (`moviebot serve --workers N`):
it reads MOVIEBOT_DB and MOVIEBOT_ADMIN_TOKEN.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from moviebot.api import errors
from moviebot.api.cache import AnswerCache
from moviebot.api.routes import admin, bootcamp, telegram, v1
from moviebot.core import paths
from moviebot.core.served import Service

log = logging.getLogger(__name__)

DESCRIPTION = """Questions and recommendations over The Movies Dataset.

* The bootcamp's endpoints (Spanish, GET with a path parameter) answer structured fields
  and the bootcamp's Spanish sentence in `mensaje`.
* `/v1` is the clean API; `Accept-Language: es` gives Spanish texts.
* Errors are JSON: `{"error", "message", "did_you_mean", "details"}`.
"""


def create_app(service: Service, *, admin_token: str | None = None,
               webhook_bot: Any = None, webhook_path: str | None = None) -> FastAPI:
    """The API over `service`; with `webhook_bot` (bot.telegram_app.WebhookBot, started and
    stopped by whoever runs the server: cli/serve.py) Telegram's updates are taken at
    `webhook_path` on the same port."""

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            service.close()

    # Swagger UI and ReDoc assets come from the fastapi-offline package, not a CDN.
    app = FastAPIOffline(title="moviebot", version="1", description=DESCRIPTION,
                         lifespan=lifespan)
    app.state.service = service
    app.state.admin_token = admin_token or None
    app.state.webhook_bot = webhook_bot
    errors.install(app)
    # The read-only routes' answers are remembered per catalogue (api/cache.py).
    read_only = ("/v1/", *(route.path.split("{")[0] for route in bootcamp.router.routes))
    app.add_middleware(AnswerCache, service=service, prefixes=read_only)
    app.include_router(v1.health_router)
    app.include_router(bootcamp.router)
    app.include_router(v1.router)
    app.include_router(admin.router)
    if webhook_bot is not None:
        app.include_router(telegram.router_for("/" + (webhook_path or "telegram").strip("/")))
    return app


def app_from_env() -> FastAPI:
    """The app for one uvicorn worker: MOVIEBOT_DB, MOVIEBOT_ADMIN_TOKEN."""
    service = Service(paths.db_path(), warm=True)
    if service.info is None:
        log.error("cannot open the catalogue: %s", service.load_error)
    return create_app(service, admin_token=os.environ.get("MOVIEBOT_ADMIN_TOKEN"))
