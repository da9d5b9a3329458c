"""/docs in Debian's headless chromium with every other host unresolvable (skips without it)."""

from __future__ import annotations

import pytest

from benchmarks.docs_screenshot import chromium, rendered_operations, screenshot
from tests.api_harness import ApiServer

pytestmark = [pytest.mark.timeout(300),
              pytest.mark.skipif(chromium() is None,
                                 reason="chromium not installed (apt-get install -y chromium)")]


def test_docs_render_offline_in_a_browser(sample_db, tmp_path):
    with ApiServer(sample_db) as server:
        docs = rendered_operations(f"{server.base_url}/docs")
        assert docs["errors"] == 0
        assert docs["operations"] >= 22  # every public route, each drawn as an operation
        assert rendered_operations(f"{server.base_url}/redoc")["redoc_operations"] > 0
        shot = screenshot(f"{server.base_url}/docs", tmp_path / "docs.png")
        assert shot.stat().st_size > 10_000
