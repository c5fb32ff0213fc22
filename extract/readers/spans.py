"""Placing cells with row and column spans on a grid, as HTML defines it.

HTML and DOCX both describe a table row by row, each row listing only the
cells that start in it; a cell's column is the first slot its row has left
free once the spans of cells above are counted. This small builder does that
bookkeeping once for both readers.
"""

from __future__ import annotations


class SpanGrid:
    """Slots taken so far; `place` returns the column a new cell starts at."""

    def __init__(self, max_span: int) -> None:
        self.taken: set[tuple[int, int]] = set()
        self.max_span = max_span

    def place(self, row: int, col: int, row_span: int, col_span: int) -> int:
        """Put a cell at the first free slot of `row` at or after `col`; returns its column."""
        while (row, col) in self.taken:
            col += 1
        for r in range(row, row + row_span):
            for c in range(col, col + col_span):
                self.taken.add((r, c))
        return col


def clamp_span(value: str | int | None, limit: int) -> int:
    """A span attribute as a sane positive int (absent, zero, junk → 1; huge → limit)."""
    try:
        span = int(str(value).strip()) if value is not None else 1
    except ValueError:
        digits = "".join(ch for ch in str(value) if ch.isdigit())
        span = int(digits) if digits else 1
    return max(1, min(span, limit))
