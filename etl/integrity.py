"""Fingerprinting a source file, and verifying a gzipped one end to end on the way.

DuckDB's gzip reader does not check the CRC: a `.gz` with a few flipped bytes in the
middle is read as garbled rows that are quietly rejected. Python's zlib checks it, in the
same pass as the sha256 (both release the GIL, so it runs beside DuckDB's stages).
"""

from __future__ import annotations

import hashlib
import zlib

from moviebot.etl.sources import SourceError, SourceFile

_BLOCK = 1 << 20
_GZIP = 16 + zlib.MAX_WBITS


class _GzipCheck:
    """Feeds compressed blocks through zlib; raises SourceError on a bad CRC or a truncation."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._inflate = zlib.decompressobj(_GZIP)

    def feed(self, data: bytes) -> None:
        while data:
            try:
                # Output is discarded: only zlib's verdict (CRC, length) matters here.
                self._inflate.decompress(data, _BLOCK)
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
    check = _GzipCheck(file.name) if file.path.suffix == ".gz" else None
    with open(file.path, "rb") as handle:
        while block := handle.read(_BLOCK):
            digest.update(block)
            if check is not None:
                check.feed(block)
    if check is not None:
        check.close()
    return file.path.stat().st_size, digest.hexdigest()
