"""Progress lines: plain when not a terminal, a redrawn line on one, silent when disabled."""

from __future__ import annotations

import io

import pytest

from moviebot.etl.progress import Progress


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_when_not_a_terminal():
    out = io.StringIO()
    bar = Progress(2, enabled=True, stream=out)
    with bar.stage("movies"):
        pass
    with bar.stage("credits"):
        pass
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("etl: 1/2 movies done in") and "\r" not in out.getvalue()
    assert [name for name, _ in bar.timings] == ["movies", "credits"]


def test_auto_detect_is_silent_off_a_terminal():
    out = io.StringIO()
    with Progress(1, stream=out).stage("movies"):
        pass
    assert out.getvalue() == ""


def test_terminal_line_shows_percentage():
    out = FakeTTY()
    bar = Progress(2, stream=out)
    with bar.stage("movies"):
        pass
    assert "\r" in out.getvalue() and "50%" in out.getvalue()


def test_failed_stage_is_reported_and_reraised():
    out = io.StringIO()
    bar = Progress(1, enabled=True, stream=out)
    with pytest.raises(ValueError), bar.stage("credits"):
        raise ValueError("boom")
    assert "credits stopped" in out.getvalue() and bar.timings == []
