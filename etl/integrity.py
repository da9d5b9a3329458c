"""Fingerprinting the source files beside the build, verifying them on the way.

DuckDB's gzip reader does not check the CRC: a `.gz` with a few flipped bytes in the
middle is read as garbled rows that are quietly rejected. Python's zlib checks it, in the
same pass as the sha256 (both release the GIL, so it runs beside DuckDB's stages). The
same pass finds lines longer than DuckDB reads (a file whose line breaks were lost), which
DuckDB would otherwise spend minutes rejecting field by field: a damaged file interrupts
the build's DuckDB connection.
"""

from __future__ import annotations

import hashlib
import threading
import zlib
from concurrent.futures import CancelledError, ThreadPoolExecutor

import duckdb

from moviebot.etl.sources import NAMES, SourceError, SourceFile

_BLOCK = 1 << 20
_GZIP = 16 + zlib.MAX_WBITS
# DuckDB's read_csv refuses longer lines (its `max_line_size` default).
MAX_LINE_BYTES = 2_000_000


class _LongestLine:
    """Raises SourceError once a line grows past MAX_LINE_BYTES.

    Only lines crossing a block boundary are measured (memchr from each end of a block):
    a block is shorter than the limit, so every line over it crosses one.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._offset = 0
        self._line_start = 0

    def feed(self, block: bytes) -> None:
        first = block.find(b"\n")
        if first < 0:
            length = self._offset + len(block) - self._line_start
        else:
            length = self._offset + first - self._line_start
            self._line_start = self._offset + block.rfind(b"\n") + 1
        self._offset += len(block)
        if length > MAX_LINE_BYTES:
            raise SourceError(
                f"{self.name} holds a line of over {MAX_LINE_BYTES:,} bytes (the most a row "
                "may have): were its line breaks lost?"
            )


class _GzipCheck:
    """Feeds compressed blocks through zlib; raises SourceError on a bad CRC or a truncation."""

    def __init__(self, name: str, lines: _LongestLine) -> None:
        self.name = name
        self._inflate = zlib.decompressobj(_GZIP)
        self._lines = lines

    def feed(self, data: bytes) -> None:
        while data:
            try:
                self._lines.feed(self._inflate.decompress(data, _BLOCK))
                data = self._inflate.unconsumed_tail
                if self._inflate.eof:
                    # A gzip may hold several members; zero padding after the last is allowed.
                    rest = self._inflate.unused_data + data
                    if rest.strip(b"\0"):
                        self._inflate = zlib.decompressobj(_GZIP)
                        data = rest
                    else:
                        data = b""
            except zlib.error as exc:
                reason = "CRC check failed" if "data check" in str(exc) else str(exc)
                raise SourceError(f"{self.name} is damaged: {reason} (gzip)") from exc

    def close(self) -> None:
        if not self._inflate.eof:
            raise SourceError(f"{self.name} is damaged: it is truncated (gzip ends early)")


def fingerprint(file: SourceFile) -> tuple[int, str]:
    """(size in bytes, sha256 hex) of `file`; a `.gz` is also verified (raises SourceError).

    >>> fingerprint(SourceFile("movies", "movies_metadata.csv.gz", path))  # doctest: +SKIP
    (1436906, '3f1c...')
    """
    digest = hashlib.sha256()
    lines = _LongestLine(file.name)
    check = _GzipCheck(file.name, lines) if file.path.suffix == ".gz" else lines
    with open(file.path, "rb") as handle:
        while block := handle.read(_BLOCK):
            digest.update(block)
            check.feed(block)
    if isinstance(check, _GzipCheck):
        check.close()
    return file.path.stat().st_size, digest.hexdigest()


class Verifier:
    """`fingerprint` of each file in one background thread, in the order the build reads them.

    A damaged file keeps interrupting the attached DuckDB connection until `stop()` (an
    interrupt reaches only the query running at that moment), so the build stops early;
    `ready()` makes sure DuckDB never reads a file before it passed.
    """

    def __init__(self, files: dict[str, SourceFile]) -> None:
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stop = threading.Event()
        self._damage: SourceError | None = None
        # The build reads the roles in NAMES' order: verify them in that order too.
        order = sorted(files, key=list(NAMES).index)
        self._checked = {role: threading.Event() for role in order}
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="moviebot-verify")
        self.futures = {role: self._pool.submit(self._run, role, files[role]) for role in order}

    def _run(self, role: str, file: SourceFile) -> tuple[int, str]:
        try:
            return fingerprint(file)
        except SourceError as exc:
            self._damage = exc
            self._checked[role].set()
            self._interrupt_until_stopped()
            raise
        finally:
            self._checked[role].set()

    def _interrupt_until_stopped(self) -> None:
        while not self._stop.wait(0.05):
            con = self._con
            if con is not None:
                try:
                    con.interrupt()
                except duckdb.Error:  # closed meanwhile: the build is stopping
                    break

    def ready(self, *roles: str) -> None:
        """Wait until these files are verified; raises the SourceError of a damaged file.

        DuckDB does not answer an interrupt while it rejects an over-long line field by
        field, so it must never start reading a file the verifier may still refuse.
        """
        for role in roles:
            if role in self._checked:
                self._checked[role].wait()
            if self._damage is not None:
                raise self._damage

    def attach(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con

    def stop(self) -> None:
        """No more interrupts (before closing the connection, or reading the results)."""
        self._stop.set()

    def results(self) -> dict[str, tuple[int, str]]:
        """(size, sha256) per role; raises the SourceError of a damaged file."""
        self.stop()
        return {role: future.result() for role, future in self.futures.items()}

    def error(self, *, wait: bool) -> SourceError | None:
        """The damage found so far (with `wait`, after every file was verified)."""
        self.stop()
        for future in self.futures.values():
            if not wait and not future.done():
                continue
            try:
                exc = future.exception()
            except CancelledError:
                continue
            if isinstance(exc, SourceError):
                return exc
        return None

    def close(self) -> None:
        self.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)
