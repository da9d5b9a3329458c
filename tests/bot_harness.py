"""The real python-telegram-bot `Application` (our wiring) running against the fake server.

`BotHarness` starts `FakeBotApi`, builds the application with `build_application` (base URL
pointing at the fake, exactly what TELEGRAM_API_BASE_URL does), and runs initialize →
start → `updater.start_polling` (real getUpdates long polling) on an event loop in a
background thread, so synchronous tests can enqueue updates and wait for the calls.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from moviebot.bot.config import Config
from moviebot.bot.telegram_app import build_application
from moviebot.core.served import Service
from tests.fake_bot_api import FakeBotApi

TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijkl"
ADMIN_ID = 42


class BotHarness:
    def __init__(
        self,
        db: Path,
        *,
        rate_limit: float = 0,
        timeout: float | None = 2.0,
        admin_ids: frozenset[int] = frozenset({ADMIN_ID}),
        api: FakeBotApi | None = None,
    ) -> None:
        self.api = api or FakeBotApi(token=TOKEN, hang_seconds=4.0)
        self.db = Path(db)
        self.rate_limit = rate_limit
        self.timeout = timeout
        self.admin_ids = admin_ids
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.service: Service | None = None
        self.app = None

    def start(self) -> BotHarness:
        self.api.start()
        config = Config(
            token=TOKEN,
            admin_ids=self.admin_ids,
            base_url=self.api.base_url,
            db_path=self.db,
            rate_limit=self.rate_limit,
        )
        self.service = Service(self.db, warm=True)
        self.app = build_application(config, self.service, timeout=self.timeout)
        self.thread.start()
        self._call(self._start())
        return self

    async def _start(self) -> None:
        await self.app.initialize()
        if self.app.post_init:
            await self.app.post_init(self.app)
        await self.app.start()
        await self.app.updater.start_polling(poll_interval=0, timeout=1)

    async def _stop(self) -> None:
        if self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()

    def _call(self, coro, timeout: float = 30):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def stop(self) -> None:
        try:
            self._call(self._stop())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(10)
            self.api.stop()
            if self.service:
                self.service.close()

    def __enter__(self) -> BotHarness:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
