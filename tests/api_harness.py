"""A real `moviebot serve` process on 127.0.0.1 for the API tests, called with httpx.

    with ApiServer(db, env={"MOVIEBOT_ADMIN_TOKEN": "t"}) as server:
        server.get("/health").json()
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from moviebot.core.paths import REPO_ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ApiServer:
    """`moviebot serve --db DB` in a child process; `args` are extra serve options."""

    def __init__(self, db: Path, *, args: tuple[str, ...] = (), env: dict | None = None,
                 timeout: float = 60.0) -> None:
        self.db = db
        self.port = free_port()
        self.args = args
        self.env = env or {}
        self.timeout = timeout
        self.proc: subprocess.Popen | None = None
        self.client: httpx.Client | None = None
        self.log = ""

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ApiServer:
        env = {k: v for k, v in os.environ.items()
               if k not in ("TELEGRAM_BOT_TOKEN", "MOVIEBOT_ADMIN_TOKEN", "WEBHOOK_SECRET")}
        env.update({"PYTHONIOENCODING": "utf-8", "MOVIEBOT_LOG_LEVEL": "warning", **self.env})
        self._out = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "moviebot.cli.main", "serve", "--db", str(self.db),
             "--port", str(self.port), *self.args],
            env=env, cwd=REPO_ROOT, stdout=self._out, stderr=subprocess.STDOUT, text=True,
        )
        self.client = httpx.Client(base_url=self.base_url, timeout=30)
        deadline = time.monotonic() + self.timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"moviebot serve exited {self.proc.returncode}: {self.output()}")
            try:
                if self.client.get("/health").status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError(f"moviebot serve did not answer /health: {self.log}")
            time.sleep(0.1)

    def __exit__(self, *exc: object) -> None:
        if self.client:
            self.client.close()
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log = self.output()

    def output(self) -> str:
        """What the server printed so far."""
        self._out.seek(0)
        return self._out.read()

    def get(self, path: str, **kwargs) -> httpx.Response:
        assert self.client
        return self.client.get(path, **kwargs)

    def post(self, path: str, **kwargs) -> httpx.Response:
        assert self.client
        return self.client.post(path, **kwargs)
