"""Why a CSV came out (nearly) all rejected: a wrong encoding.

Only run when the guard refuses a build, so it may read the whole file.
"""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

from moviebot.etl.sources import SourceFile

_BLOCK = 1 << 20


def _open_bytes(path: Path):
    return gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")


def _encoding_guess(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    return "Latin-1 (ISO-8859-1) or Windows-1252"


def diagnose(file: SourceFile) -> str | None:
    """One sentence naming the encoding of `file` when it is not UTF-8, else None.

    >>> diagnose(SourceFile("movies", "movies_metadata.csv", Path("latin1.csv")))  # doctest: +SKIP
    'not UTF-8 (line 7 ...): it looks like Latin-1 (ISO-8859-1) or Windows-1252; ...'
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    line, head = 1, b""
    try:
        with _open_bytes(file.path) as handle:
            while block := handle.read(_BLOCK):
                head = head or block[:4]
                try:
                    decoder.decode(block)
                except UnicodeDecodeError as exc:
                    at = line + block.count(b"\n", 0, exc.start)
                    sample = block[max(0, exc.start - 20):exc.start + 20]
                    return (
                        f"not UTF-8 (line {at:,}: {sample!r}): it looks like "
                        f"{_encoding_guess(head)}; save it as UTF-8, e.g. "
                        f"`iconv -f latin1 -t utf-8 {file.path.name}`"
                    )
                line += block.count(b"\n")
    except (OSError, EOFError, ValueError):
        return None  # an unreadable file fails elsewhere with its own message
    return None
