"""The HTTP API under load, beside a bare FastAPI endpoint and the bootcamp's way, in one run.

    python -m benchmarks.bench_api [--db FILE] [--movies 45466] [--requests 3000]
        [--seconds 10] [--connections 8] [--json]

Servers are real uvicorn processes on 127.0.0.1 (one worker unless said); the load comes
from another process (an asyncio HTTP/1.1 keep-alive client), bounded by `--requests` and
`--seconds` per measurement. Measured on the generator's catalogue (45k films):

* search and similar on a fresh server: every input new (and the bound core alone puts on
  that), a popularity mix (Zipf over the 5,000 most-voted films), then inputs repeating;
* closed loop, `--connections` at once: requests/s and p50/p99 for /v1/movies/search,
  /v1/movies/{id}/similar, /recomendacion/{titulo}, /get_actor/{nombre_actor} and
  /votos_titulo/{titulo}, beside a bare FastAPI endpoint returning a constant (the
  ceiling: what uvicorn + FastAPI + this load generator reach here);
* the bootcamp's way for /get_actor and /votos_titulo: the raw CSVs loaded into pandas at
  start-up, then a filter over the whole frame per request;
* open loop at 200 requests/s (latency counted from when each request was due);
* the serving process's resident memory (VmRSS, VmHWM) after the load;
* `moviebot serve --workers 2`: requests/s of search and similar beside one worker, and
  this machine's own bound: two CPU-bound processes' work beside one's.

The machine is shared: read the ratios, not the absolute figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import numpy as np

from benchmarks.common import (
    Report,
    add_catalogue_args,
    add_json_arg,
    build_db,
    generated_source,
    log,
    machine_context,
    percentiles,
    run_in_child,
)

RATE = 200  # requests/s of the open-loop run


# -- the two comparison servers (module level: uvicorn imports them by name) ---------------
def bare_app():
    """The ceiling: FastAPI returning a constant."""
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/const")
    async def const() -> dict:
        return {"ok": True}

    return app


def bootcamp_app():
    """The bootcamp's way: the raw CSVs in pandas, filtered per request
    ($BENCH_SOURCE holds movies_metadata.csv and credits.csv)."""
    import pandas as pd
    from fastapi import FastAPI

    source = Path(os.environ["BENCH_SOURCE"])
    movies = pd.read_csv(source / "movies_metadata.csv", low_memory=False)
    movies["id"] = pd.to_numeric(movies["id"], errors="coerce")
    movies["revenue"] = pd.to_numeric(movies["revenue"], errors="coerce").fillna(0)
    movies["budget"] = pd.to_numeric(movies["budget"], errors="coerce").fillna(0)
    movies["vote_count"] = pd.to_numeric(movies["vote_count"], errors="coerce").fillna(0)
    movies["vote_average"] = pd.to_numeric(movies["vote_average"], errors="coerce")
    movies["return"] = (movies["revenue"] / movies["budget"]).where(movies["budget"] > 0, 0)
    movies["title_lower"] = movies["title"].astype(str).str.lower()
    credits = pd.read_csv(source / "credits.csv", usecols=["cast", "id"])
    credits["actors"] = credits["cast"].str.findall(r"'name': ['\"]([^'\"]*)['\"]").str.join("|")
    movies = movies.merge(credits[["id", "actors"]], on="id", how="left")
    del credits

    app = FastAPI()

    @app.get("/votos_titulo/{titulo}")
    def votos_titulo(titulo: str) -> dict:
        found = movies[movies["title_lower"] == titulo.lower()]
        if found.empty:
            return {"mensaje": "no encontrada"}
        row = found.iloc[0]
        return {"titulo": row["title"], "votos": int(row["vote_count"]),
                "promedio": float(row["vote_average"])}

    @app.get("/get_actor/{nombre_actor}")
    def get_actor(nombre_actor: str) -> dict:
        films = movies[movies["actors"].str.contains(nombre_actor, regex=False, na=False)]
        total = float(films["return"].sum())
        return {"actor": nombre_actor, "cantidad": len(films), "retorno_total": total,
                "promedio": total / len(films) if len(films) else 0}

    return app


# -- servers -------------------------------------------------------------------------------
def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A uvicorn process: `moviebot serve` or an app of this module."""

    def __init__(self, argv: list[str], *, env: dict | None = None, probe: str = "/health",
                 timeout: float = 300) -> None:
        self.port = _free_port()
        self.argv = [a.replace("{port}", str(self.port)) for a in argv]
        self.env = {**os.environ, **(env or {})}
        self.probe = probe
        self.timeout = timeout

    def __enter__(self) -> Server:
        self.out = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(self.argv, env=self.env, stdout=self.out,
                                     stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.timeout
        while True:
            if self.proc.poll() is not None:
                self.out.seek(0)
                raise RuntimeError(f"{self.argv} exited: {self.out.read()[-2000:]!r}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{self.probe}",
                                            timeout=5) as r:
                    if r.status in (200, 404):
                        return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.argv} did not start")
            time.sleep(0.2)

    def __exit__(self, *exc: object) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def memory_mb(self) -> tuple[float, float]:
        """(VmRSS, VmHWM) in MB of the server and its worker processes, summed."""
        pids = [self.proc.pid]
        try:
            children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text()
            pids += [int(p) for p in children.split()]
        except OSError:
            pass
        rss = hwm = 0.0
        for pid in pids:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            rss += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
            hwm += int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024
        return rss, hwm


def moviebot_server(db: Path, *, workers: int = 1) -> Server:
    return Server([sys.executable, "-m", "moviebot.cli.main", "serve", "--db", str(db),
                   "--port", "{port}", "--workers", str(workers), "--log-level", "warning"])


def module_server(factory: str, *, env: dict | None = None, probe: str) -> Server:
    return Server([sys.executable, "-m", "uvicorn", f"benchmarks.bench_api:{factory}",
                   "--factory", "--port", "{port}", "--log-level", "warning",
                   "--no-access-log"], env=env, probe=probe)


# -- the load generator (runs in a child process) ------------------------------------------
async def _request(reader, writer, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    length = re.search(rb"(?i)content-length:\s*(\d+)", head)
    await reader.readexactly(int(length.group(1)) if length else 0)
    return int(head[9:12])


async def _closed(port: int, paths: list[str], n: int, seconds: float, connections: int):
    latencies: list[float] = []
    errors = 0
    issued = 0
    deadline = time.monotonic() + seconds

    async def worker() -> None:
        nonlocal issued, errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while issued < n and time.monotonic() < deadline:
                path = paths[issued % len(paths)]
                issued += 1
                t0 = time.perf_counter()
                status = await _request(reader, writer, path)
                latencies.append(time.perf_counter() - t0)
                errors += status != 200
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    return latencies, errors, time.perf_counter() - started


async def _open(port: int, paths: list[str], rate: float, n: int, seconds: float):
    """One request every 1/rate s whatever the answers do; latency from when it was due."""
    idle: list = []
    latencies: list[float] = []
    errors = 0

    async def one(path: str, due: float) -> None:
        nonlocal errors
        conn = idle.pop() if idle else await asyncio.open_connection("127.0.0.1", port)
        try:
            status = await _request(*conn, path)
        except (asyncio.IncompleteReadError, ConnectionError):
            # uvicorn closes keep-alive connections idle for 5 s: open a new one.
            conn[1].close()
            conn = await asyncio.open_connection("127.0.0.1", port)
            status = await _request(*conn, path)
        latencies.append(time.perf_counter() - due)
        errors += status != 200
        idle.append(conn)

    tasks = []
    start = time.perf_counter()
    count = min(n, int(rate * seconds))
    for i in range(count):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(paths[i % len(paths)], due)))
    await asyncio.gather(*tasks)
    for _, writer in idle:
        writer.close()
    return latencies, errors, time.perf_counter() - start


def job_load(port: int, paths: list[str], mode: str, n: int, seconds: float,
             connections: int) -> dict:
    if mode == "closed":
        coro = _closed(port, paths, n, seconds, connections)
    else:
        coro = _open(port, paths, RATE, n, seconds)
    latencies, errors, wall = asyncio.run(coro)
    return {"latencies": latencies, "errors": errors, "wall": wall}


def job_core(db: str, titles: list[str], ids: list[int]) -> dict:
    """The same questions asked of core in-process (no HTTP): what the API adds is the rest."""
    from benchmarks.common import timed
    from moviebot.core.served import Service

    service = Service(db, warm=True)
    with service.lease() as cat:
        t, i = iter(titles * 3), iter(ids * 3)
        search = timed(lambda: cat.resolve(next(t)), repeat=len(titles), warmup=20)
        similar = timed(lambda: cat.recommend([next(i)], k=10), repeat=len(ids), warmup=20)
    service.close()
    return {"search": search, "similar": similar}


def _spin(loops: int, start, out) -> None:
    start.wait()
    started = time.perf_counter()
    x = 0
    for i in range(loops):
        x += i
    out.put(time.perf_counter() - started)


def machine_scaling(loops: int = 20_000_000) -> dict:
    """How much more work two CPU-bound processes do than one here (2.0 on two free cores):
    the bound on what a second uvicorn worker can add on this machine."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")

    def run(n: int) -> float:
        start, out = ctx.Barrier(n), ctx.Queue()
        procs = [ctx.Process(target=_spin, args=(loops, start, out)) for _ in range(n)]
        for proc in procs:
            proc.start()
        seconds = max(out.get() for _ in procs)
        for proc in procs:
            proc.join()
        return seconds

    one = run(1)
    two = run(2)
    return {"one_s": one, "two_s": two, "two": 2 * one / two}


def popularity_mix(db: Path, n: int = 2000, *, pool: int = 5000) -> dict[str, list[str]]:
    """`n` requests as people ask: films drawn by popularity rank (Zipf, s = 1) from the
    `pool` most-voted, so popular films come back and most of the tail comes once."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        films = con.execute("SELECT id, title FROM movies ORDER BY vote_count DESC, id "
                            "LIMIT ?", [pool]).fetchall()
    finally:
        con.close()
    drawn = random.Random(11).choices(films, weights=[1 / r for r in range(1, len(films) + 1)],
                                      k=n)
    q = urllib.parse.quote
    return {"search": [f"/v1/movies/search?q={q(t.lower())}" for _, t in drawn],
            "similar": [f"/v1/movies/{i}/similar?k=10" for i, _ in drawn],
            "distinct": [len(set(drawn))]}


# -- inputs --------------------------------------------------------------------------------
def inputs(db: Path, n: int = 400, *, seed: int = 7) -> dict[str, list[str]]:
    """Request paths per endpoint: titles, ids and actor names from the catalogue."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    rng = random.Random(seed)
    try:
        films = con.execute("SELECT id, title FROM movies WHERE vote_count >= 5 "
                            "ORDER BY id").fetchall()
        actors = [r[0] for r in con.execute(
            "SELECT name FROM cast_members WHERE name IS NOT NULL GROUP BY name "
            "HAVING count(*) >= 3 ORDER BY name").fetchall()]
    finally:
        con.close()
    films = rng.sample(films, min(n, len(films)))
    actors = rng.sample(actors, min(n, len(actors)))
    q = urllib.parse.quote
    return {
        "_titles": [t.lower() for _, t in films],
        "_ids": [i for i, _ in films],
        "search": [f"/v1/movies/search?q={q(t.lower())}" for _, t in films],
        "similar": [f"/v1/movies/{i}/similar?k=10" for i, _ in films],
        "recomendacion": [f"/recomendacion/{q(t)}" for _, t in films],
        "get_actor": [f"/get_actor/{q(a)}" for a in actors],
        "votos_titulo": [f"/votos_titulo/{q(t)}" for _, t in films],
    }


def measure(server: Server, paths: list[str], args, *, open_loop: bool = True,
            connections: int | None = None) -> dict:
    closed = run_in_child(job_load, server.port, paths, "closed", args.requests, args.seconds,
                          connections or args.connections).value
    out = {"rps": len(closed["latencies"]) / closed["wall"],
           "p50": percentiles(closed["latencies"])[0] * 1e3,
           "p99": percentiles(closed["latencies"])[1] * 1e3,
           "errors": closed["errors"], "n": len(closed["latencies"])}
    if open_loop:
        opened = run_in_child(job_load, server.port, paths, "open", args.requests,
                              args.seconds, 0).value
        out["open_p50"], out["open_p99"] = (x * 1e3 for x in percentiles(opened["latencies"]))
        out["open_errors"] = opened["errors"]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_catalogue_args(parser)
    parser.add_argument("--requests", type=int, default=2000, help="per measurement, at most")
    parser.add_argument("--seconds", type=float, default=8, help="per measurement, at most")
    parser.add_argument("--connections", type=int, default=8)
    add_json_arg(parser)
    args = parser.parse_args(argv)

    source = args.source or generated_source(args.movies)
    with tempfile.TemporaryDirectory(prefix="moviebot-bench-api-") as tmp:
        db = args.db or build_db(source, Path(tmp) / "movies.duckdb")
        paths = inputs(db)
        titles, ids = paths.pop("_titles"), paths.pop("_ids")
        other = inputs(db, n=40, seed=8)
        warm = {name: [p for p in other[name] if p not in paths[name]]
                for name in ("search", "similar")}
        results: dict[str, dict] = {}
        log("core alone, in-process (child process) ...")
        core = run_in_child(job_core, str(db), titles, ids).value
        log("ceiling: bare FastAPI ...")
        with module_server("bare_app", probe="/const") as bare:
            results["ceiling"] = measure(bare, ["/const"], args)
        log("moviebot serve, one worker ...")
        with moviebot_server(db) as api:
            # A fresh server remembers no answer: the first half of the inputs, once each
            # on one connection (beside core alone), the second half once each at full load.
            for name in ("search", "similar"):
                measure(api, warm[name], args, open_loop=False)  # first-request costs
                half = len(paths[name]) // 2
                once = argparse.Namespace(**{**vars(args), "requests": half})
                results[f"{name}, 1 connection"] = measure(api, paths[name][:half], once,
                                                           open_loop=False, connections=1)
                results[f"{name}, cold"] = measure(api, paths[name][half:], once,
                                                   open_loop=False)
            # Then every endpoint, its inputs repeating (search and similar: all asked).
            for name, endpoint_paths in paths.items():
                log(f"  {name} ...")
                results[name] = measure(api, endpoint_paths, args)
            rss, hwm = api.memory_mb()
        log("moviebot serve, a fresh worker: a popularity mix ...")
        mix = popularity_mix(db, n=args.requests)
        with moviebot_server(db) as api:
            for name in ("search", "similar"):
                measure(api, warm[name], args, open_loop=False)
                results[f"{name}, mix"] = measure(api, mix[name], args, open_loop=False)
        with module_server("bare_app", probe="/const") as bare:  # again: the machine drifts
            results["ceiling, again"] = measure(bare, ["/const"], args, open_loop=False)
        log("bootcamp's way (pandas per request; loading the CSVs takes a while) ...")
        with module_server("bootcamp_app", env={"BENCH_SOURCE": str(source)},
                           probe="/votos_titulo/x") as bootcamp:
            for name in ("get_actor", "votos_titulo"):
                log(f"  {name} ...")
                results[f"bootcamp {name}"] = measure(bootcamp, paths[name], args)
            b_rss, b_hwm = bootcamp.memory_mb()
        log("moviebot serve --workers 2, between two runs of one worker ...")
        wide = argparse.Namespace(**{**vars(args), "connections": args.connections * 2})
        for run, workers in (("1 worker", 1), ("2 workers", 2), ("1 worker again", 1)):
            with moviebot_server(db, workers=workers) as server:
                for name in ("search", "similar"):
                    results[f"{name}, {run}"] = measure(server, paths[name], wide,
                                                        open_loop=False)
                if workers == 2:
                    two_rss, _ = server.memory_mb()
        log("this machine's own scaling: two CPU-bound processes beside one ...")
        machine = machine_scaling()

    ceiling = dict(results["ceiling"])
    ceiling["rps"] = (ceiling["rps"] + results["ceiling, again"]["rps"]) / 2
    report = Report("api", context={"films": args.movies, "connections": args.connections,
                                    "rate": RATE, **machine_context()})
    report.add("ceiling: bare FastAPI req/s", ceiling["rps"], "req/s",
               note=f"mean of a run before ({results['ceiling']['rps']:.0f}) and after "
               f"({results['ceiling, again']['rps']:.0f}); p50 {ceiling['p50']:.2f} ms")
    for name in ("search", "similar"):
        r = results[f"{name}, cold"]
        report.add(f"{name} req/s, every input new", r["rps"], "req/s", baseline=ceiling["rps"],
                   note=f"{r['n']} inputs never asked before; p50 {r['p50']:.2f} ms, "
                   f"p99 {r['p99']:.2f} ms, {r['errors']} non-200")
    for name in ("search", "similar"):
        r = results[f"{name}, mix"]
        report.add(f"{name} req/s, popularity mix", r["rps"], "req/s", baseline=ceiling["rps"],
                   note=f"{r['n']} requests, {mix['distinct'][0]} distinct films drawn by "
                   f"popularity (Zipf) on a fresh server; p50 {r['p50']:.2f} ms, "
                   f"p99 {r['p99']:.2f} ms")
    for name in ("search", "similar"):
        alone = float(np.mean(core[name])) * 1e3
        report.add(f"{name}: most req/s for new inputs", 1e3 / alone, "req/s",
                   baseline=ceiling["rps"], note=f"the bound: 1 / core's mean {alone:.2f} ms "
                   "per answer in-process, no HTTP at all")
    for name in ("search", "similar"):
        http, alone = results[f"{name}, 1 connection"], percentiles(core[name])[0] * 1e3
        report.add(f"{name} p50, one connection", http["p50"], "ms", baseline=alone,
                   note=f"baseline: core alone in-process; p99 {http['p99']:.2f} ms")
    for name in ("search", "similar", "recomendacion", "get_actor", "votos_titulo"):
        r = results[name]
        report.add(f"{name} req/s", r["rps"], "req/s", baseline=ceiling["rps"],
                   target=(">=", 0.5 * ceiling["rps"]) if name in ("search", "similar") else None,
                   note=f"{len(paths[name])} inputs repeating"
                   + (", each asked before" if name in ("search", "similar") else "")
                   + f"; p50 {r['p50']:.2f} ms, p99 {r['p99']:.2f} ms, {r['errors']} non-200")
        report.add(f"{name} p99 at {RATE} req/s", r["open_p99"], "ms", target=("<=", 25),
                   note=f"p50 {r['open_p50']:.2f} ms, {r['open_errors']} non-200")
    for name in ("get_actor", "votos_titulo"):
        r, b = results[name], results[f"bootcamp {name}"]
        report.add(f"{name} req/s vs bootcamp's pandas", r["rps"], "req/s", baseline=b["rps"],
                   note=f"bootcamp p50 {b['p50']:.1f} ms, p99 {b['p99']:.1f} ms, "
                   f"p99 at {RATE} req/s {b['open_p99']:.0f} ms")
    report.add("serving RSS after load (1 worker)", rss, "MB", baseline=b_rss,
               target=("<=", 350), note=f"peak {hwm:.0f} MB; baseline: bootcamp's pandas "
               f"frames, peak {b_hwm:.0f} MB")
    for name in ("search", "similar"):
        one = (results[f"{name}, 1 worker"]["rps"]
               + results[f"{name}, 1 worker again"]["rps"]) / 2
        two = results[f"{name}, 2 workers"]
        report.add(f"--workers 2: {name} req/s", two["rps"], "req/s", baseline=one,
                   note=f"target ratio >= 1.6x; baseline: one worker, mean of a run before "
                   f"and after; {args.connections * 2} connections; RSS of both workers "
                   f"{two_rss:.0f} MB")
    report.add("this machine: two CPU loops' work/s", machine["two"], "x", baseline=1.0,
               note="the most --workers 2 can scale here: two processes of pure-Python "
               f"arithmetic at once beside one alone ({machine['one_s']:.2f} s alone, "
               f"{machine['two_s']:.2f} s side by side)")
    report.emit(as_json=args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
