"""/docs in a real headless browser, offline: do the Swagger UI operations render?

    python -m benchmarks.docs_screenshot [--db FILE] [--out benchmarks/out/docs.png]

Starts `moviebot serve` on 127.0.0.1 (the demo catalogue unless --db), opens /docs and
/redoc in Debian's chromium (`apt-get install chromium`) with every host but 127.0.0.1
unresolvable, lets the page's scripts run, counts the rendered operations in the DOM and
saves a screenshot of /docs. Exit status 1 when nothing rendered.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--hide-scrollbars",
    # Any host but ours fails to resolve: a page that needs a CDN shows nothing.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--virtual-time-budget=15000",  # let the page's scripts run before dumping or shooting
]


def chromium() -> str | None:
    """The chromium binary, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _browser(args: list[str], *, timeout: float = 120) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="moviebot-chromium-") as profile:
        return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=timeout)


def rendered_operations(url: str) -> dict[str, int]:
    """What Swagger UI (or ReDoc) drew at `url`: operations and error boxes in the DOM."""
    dom = _browser(["--dump-dom", url]).stdout
    return {
        "operations": len(re.findall(r'class="opblock opblock-(?:get|post)', dom)),
        "redoc_operations": len(re.findall(r'data-section-id="(?:tag|operation)/', dom)),
        "errors": len(re.findall(r"Failed to load API definition|errors-wrapper", dom)),
        "dom_bytes": len(dom),
    }


def screenshot(url: str, out: Path, *, size: str = "1280,1600") -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    _browser([f"--screenshot={out.resolve()}", f"--window-size={size}", url])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="default: the demo sample, built")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/docs.png"))
    args = parser.parse_args(argv)
    if chromium() is None:
        print("chromium is not installed (apt-get install -y chromium)", file=sys.stderr)
        return 2
    from benchmarks.bench_api import moviebot_server

    with tempfile.TemporaryDirectory(prefix="moviebot-docs-") as tmp:
        db = args.db
        if db is None:
            from moviebot.etl.build import build_catalogue
            from moviebot.etl.sample import sample_dir

            db = Path(tmp) / "movies.duckdb"
            build_catalogue(sample_dir(), db, progress=False)
        with moviebot_server(db) as server:
            base = f"http://127.0.0.1:{server.port}"
            docs = rendered_operations(f"{base}/docs")
            redoc = rendered_operations(f"{base}/redoc")
            screenshot(f"{base}/docs", args.out)
    print(f"/docs: {docs['operations']} operations rendered, {docs['errors']} errors")
    print(f"/redoc: {redoc['redoc_operations']} sections rendered")
    print(f"screenshot: {args.out}")
    return 0 if docs["operations"] and redoc["redoc_operations"] and not docs["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
