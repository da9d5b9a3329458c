"""The console chat adapter: the same commands and replies as Telegram, in a terminal.

Buttons are listed as `[1] Titanic (1997)`; typing the number presses the button. A
ForceReply prompt takes the next line as its answer. Charts are written as PNG files only
into a folder given with `--charts` (nothing is left in the temp folder). Works with piped stdin too
(`echo "/movie titanic" | moviebot chat`).
"""

from __future__ import annotations

import contextlib
import html
import re
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from moviebot.bot.commands import Button, Commands, Reply, Who

_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.S)
_BOLD = re.compile(r"</?b>")
_TAG = re.compile(r"<[^>]+>")


def to_terminal(text: str, *, color: bool = False) -> str:
    """Telegram HTML as terminal text: links spelled out, bold in ANSI when `color`."""
    text = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", text)
    if color:
        text = text.replace("<b>", "\033[1m").replace("</b>", "\033[0m")
    return html.unescape(_TAG.sub("", text))


class ConsoleChat:
    """One console conversation: remembers the last buttons and a pending prompt."""

    def __init__(
        self,
        commands: Commands,
        who: Who,
        *,
        out: TextIO = sys.stdout,
        color: bool = False,
        chart_dir: Path | None = None,
    ) -> None:
        self.commands = commands
        self.who = who
        self.out = out
        self.color = color
        self.chart_dir = chart_dir
        self.buttons: list[Button] = []
        self.prompt: str | None = None  # text of the last ForceReply prompt

    def send(self, line: str) -> list[Reply]:
        """Answer one typed line (a command, a title, a button number or a prompt answer)."""
        line = line.strip()
        if line.isdigit() and self.buttons and 1 <= int(line) <= len(self.buttons):
            replies = self.commands.press(self.buttons[int(line) - 1].data, self.who)
        elif self.prompt and line and not line.startswith("/"):
            replies = self.commands.answer_prompt(self.prompt, line, self.who) or []
        elif line:
            replies = self.commands.handle(line, self.who)
        else:
            return []
        self.prompt = None
        self.buttons = []
        for reply in replies:
            self.show(reply)
        return replies

    def show(self, reply: Reply) -> None:
        write = self.out.write
        if reply.photo_url:
            write(f"🖼  {reply.photo_url}\n")
        write(to_terminal(reply.text, color=self.color) + "\n")
        if reply.photo_png:
            if self.chart_dir is None:
                write("📈 (a chart comes with this answer: --charts DIR saves it as a PNG)\n")
            else:
                write(f"📈 {self._save_chart(reply.photo_png)}\n")
        for row in reply.buttons:
            for button in row:
                self.buttons.append(button)
                write(f"  [{len(self.buttons)}] {button.text}\n")
        if reply.force_reply:
            self.prompt = to_terminal(reply.text)
        write("\n")
        self.out.flush()

    def _save_chart(self, png: bytes) -> str:
        folder = self.chart_dir
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "wb", prefix="moviebot-chart-", suffix=".png", dir=folder, delete=False
        ) as f:
            f.write(png)
        return f.name

    def loop(self, stdin: TextIO = sys.stdin) -> None:
        """Read lines until EOF, /quit or exit; a prompt `> ` when stdin is a terminal."""
        interactive = stdin.isatty() and stdin is sys.stdin
        if interactive:
            with contextlib.suppress(ImportError):
                import readline  # noqa: F401  (line editing and history for input())
            self.out.write("moviebot console — /help for commands, /quit to leave.\n\n")
        while True:
            if interactive:
                try:
                    line = input("> ")
                except EOFError:
                    break
            else:
                line = stdin.readline()
                if not line:
                    break
            if line.strip() in ("/quit", "/exit", "exit", "quit"):
                break
            self.send(line)
