"""The Dockerfile, kept honest without a Docker engine.

The image's layout is rebuilt in a temporary folder: COPY sources are copied, `pip install .`
is emulated by laying the packages out as pyproject's package-dir says (so nothing is
imported from the repo), and the Dockerfile's own `moviebot` RUN lines, its HEALTHCHECK and
its CMD are run with its ENV, paths under / mapped into the temporary root.
"""

from __future__ import annotations

import fnmatch
import json
import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import time
import tomllib

import pytest

from moviebot.core.paths import REPO_ROOT
from tests.api_harness import free_port

DOCKERFILE = REPO_ROOT / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    out, current = [], ""
    for raw in DOCKERFILE.read_text().splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        current += " " + line.rstrip("\\").strip()
        if not line.endswith("\\"):
            keyword, _, args = current.strip().partition(" ")
            out.append((keyword.upper(), args.strip()))
            current = ""
    return out


def command_words(args: str) -> list[str]:
    return json.loads(args) if args.startswith("[") else shlex.split(args)


def test_dockerfile_rules():
    steps = instructions()
    kinds = [k for k, _ in steps]
    assert steps[0] == ("FROM", "python:3.11-slim")
    user = [a for k, a in steps if k == "USER"]
    assert user and user[-1] not in ("root", "0")
    assert kinds.index("USER") < kinds.index("CMD")
    assert any(k == "RUN" and "pip install ." in a for k, a in steps)
    assert any(k == "VOLUME" and "/data" in a for k, a in steps)
    health = [a for k, a in steps if k == "HEALTHCHECK"]
    assert health and "moviebot" in health[0]
    assert command_words([a for k, a in steps if k == "CMD"][-1]) == ["moviebot", "start"]
    assert command_words(health[0].split(" CMD ", 1)[1]) == ["moviebot", "probe"]
    assert any(k == "EXPOSE" and "8000" in a.split() for k, a in steps)
    assert any(k == "COPY" and a.startswith("api ") for k, a in steps)
    ignored = (REPO_ROOT / ".dockerignore").read_text().split()
    assert ".env" in ignored and ".venv" in ignored and ".git" in ignored


def _ignored(path: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(path, p.removeprefix("**/")) or fnmatch.fnmatch(
        os.path.basename(path), p.removeprefix("**/")) for p in patterns)


@pytest.mark.timeout(120)
def test_image_steps_run(tmp_path):
    root = tmp_path / "root"
    site = root / "site-packages"
    patterns = [p for p in (REPO_ROOT / ".dockerignore").read_text().split()
                if not p.startswith("#")]
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    workdir = root
    mapped = lambda text: text.replace(" /", f" {root}/").replace("=/", f"={root}/")  # noqa: E731

    def in_root(path: str):
        return root / path.lstrip("/") if path.startswith("/") else workdir / path

    def process(words: list[str], *, dockerfile: bool = True):
        """(argv, env) of `moviebot WORDS` in the emulated image (paths mapped into the root)."""
        assert words[0] == "moviebot", words
        words = [mapped(" " + w).strip() if dockerfile and w.startswith("/") else w
                 for w in words[1:]]
        # -S: no site-packages .pth files, so the repo's editable install is not on the path
        pythonpath = os.pathsep.join([str(site), sysconfig.get_paths()["purelib"],
                                      sysconfig.get_paths()["platlib"]])
        return ([sys.executable, "-S", "-m", "moviebot.cli.main", *words],
                {**env, "PYTHONPATH": pythonpath})

    def run(words: list[str], *, dockerfile: bool = True, **kwargs):
        argv, run_env = process(words, dockerfile=dockerfile)
        return subprocess.run(argv, env=run_env, cwd=workdir, capture_output=True,
                              text=True, timeout=90, **kwargs)

    ran = []
    for keyword, args in instructions():
        if keyword == "ENV":
            for pair in shlex.split(args):
                key, _, value = pair.partition("=")
                env[key] = str(in_root(value)) if value.startswith("/") else value
        elif keyword == "WORKDIR":
            workdir = in_root(args)
            workdir.mkdir(parents=True, exist_ok=True)
        elif keyword == "COPY":
            *sources, dest = shlex.split(args)
            for source in sources:
                src = REPO_ROOT / source
                target = in_root(dest)
                if src.is_dir():
                    shutil.copytree(src, target, dirs_exist_ok=True,
                                    ignore=lambda d, names: [n for n in names if _ignored(
                                        os.path.relpath(os.path.join(d, n), REPO_ROOT),
                                        patterns)])
                else:
                    target.mkdir(parents=True, exist_ok=True)
                    shutil.copy(src, target / src.name)
        elif keyword == "RUN" and args.startswith("pip install ."):
            config = tomllib.loads((workdir / "pyproject.toml").read_text())["tool"]["setuptools"]
            for package in config["packages"]:
                source = workdir / config["package-dir"][package]
                # A subpackage (moviebot.core.interpret) is listed too: same files again.
                shutil.copytree(source, site / package.replace(".", "/"), dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__"))
            ran.append("pip install .")
        elif keyword == "RUN" and args.startswith("moviebot "):
            result = run(shlex.split(args))
            assert result.returncode == 0, result.stderr
            ran.append(args)
        elif keyword == "RUN":
            (root / "data").mkdir(exist_ok=True)  # useradd/chown: only the data folder matters
        elif keyword == "HEALTHCHECK":
            health = command_words(args.split(" CMD ", 1)[1])
        elif keyword == "CMD":
            cmd = command_words(args)
    assert ran[0] == "pip install ." and any(r.startswith("moviebot etl") for r in ran)
    assert (root / "data" / "movies.duckdb").exists()

    where = run(["moviebot", "ask", "/runtime titanic", "--json"], dockerfile=False)
    assert where.returncode == 0, where.stderr
    assert "194" in where.stdout
    probe = subprocess.run(
        [sys.executable, "-S", "-c", "import moviebot.cli.main as m; print(m.__file__)"],
        env={**env, "PYTHONPATH": os.pathsep.join([str(site), sysconfig.get_paths()["purelib"]])},
        capture_output=True, text=True,
    )
    assert probe.stdout.startswith(str(site)), probe  # the "installed" copy, not the repo

    # A free port stands for the image's 8000 (this machine is shared).
    env["MOVIEBOT_PORT"] = str(free_port())
    healthy = run(health)  # the bot's mode: nothing listens, so the catalogue is checked
    assert healthy.returncode == 0, healthy.stderr
    assert "data version" in healthy.stdout and "no API listening" in healthy.stdout

    argv, serve_env = process(["moviebot", "serve", "--host", "127.0.0.1"], dockerfile=False)
    server = subprocess.Popen(argv, env=serve_env, cwd=workdir, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while "/health" not in (served := run(health)).stdout and time.monotonic() < deadline:
            assert server.poll() is None, "moviebot serve exited"
            time.sleep(0.3)
        assert served.returncode == 0, served.stderr
        assert "/health data version" in served.stdout  # the API's mode: /health answered
    finally:
        server.terminate()
        server.wait(timeout=30)

    started = run(cmd, input="/movie amelie\n")  # no token: the console chat on stdin
    assert started.returncode == 0, started.stderr
    assert "Amélie" in started.stdout

    (root / "data" / "movies.duckdb").write_bytes(b"corrupt")
    assert run(health).returncode == 1
