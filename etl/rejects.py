"""Bookkeeping of rows read, kept and rejected per source file (-> meta_rows, meta_rejects)."""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

EXAMPLE_CHARS = 120


@dataclass
class Reject:
    file: str
    reason: str
    rows: int
    example: str | None
    drops_row: bool = True  # unparseable cells keep their row


@dataclass
class Rejects:
    rows_read: dict[str, int] = field(default_factory=dict)
    rows_kept: dict[str, int] = field(default_factory=dict)
    items: list[Reject] = field(default_factory=list)

    def read(self, file: str, rows: int) -> None:
        self.rows_read[file] = rows

    def kept(self, file: str, rows: int) -> None:
        self.rows_kept[file] = rows

    def add(
        self, file: str, reason: str, rows: int, example: object = None, *, drops_row: bool = True
    ) -> None:
        if rows:
            text = None if example is None else str(example).replace("\n", "\\n")[:EXAMPLE_CHARS]
            self.items.append(Reject(file, reason, int(rows), text, drops_row))

    def add_query(
        self, con: duckdb.DuckDBPyConnection, file: str, reason: str, sql: str,
        *, drops_row: bool = True,
    ) -> None:
        """Record the (count, example) that `sql` returns."""
        rows, example = con.execute(sql).fetchone()
        self.add(file, reason, rows or 0, example, drops_row=drops_row)

    def rejected(self, file: str) -> int:
        return sum(r.rows for r in self.items if r.file == file and r.drops_row)

    def rows_table(self) -> list[tuple[str, int, int, int]]:
        """(file, read, kept, rejected) per file, in the order files were read."""
        return [
            (file, read, self.rows_kept.get(file, read - self.rejected(file)),
             self.rejected(file))
            for file, read in self.rows_read.items()
        ]
