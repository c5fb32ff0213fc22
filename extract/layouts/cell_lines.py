"""Layout `cell_lines`: Word tables saved as text, one cell per line.

Contract: `to_rows(lines, first_line)` → rows. A line that starts with a tab
opens a new cell; a non-blank line without a leading tab continues the cell
above it (a cell that runs over several lines), or, after a blank line, is
prose. A blank line ends a row; but while the row's last cell holds an open
straight quote (Word wraps a cell with line breaks in `"…"`), a line without
a tab after blank lines still continues that quoted cell, and so does one
after a row that ends in an empty cell (Word put the cell's text on the
next line). Rows that Word spread over
several blank-separated groups are re-joined by the table parser, which knows
how many columns the table has.
"""

from __future__ import annotations

from extract.rows import Cell, Row
from extract.vocab import split_label_value


def to_rows(lines: list[str], first_line: int) -> list[Row]:
    rows: list[Row] = []
    current: list[Cell] | None = None
    for offset, line in enumerate(lines):
        number = first_line + offset
        if not line.strip() and "\t" not in line:
            current = _close(rows, current)
            continue
        if line.startswith("\t"):
            for part in line[1:].split("\t"):
                current = current if current is not None else []
                current.append(Cell(part, number))
            continue
        if current:
            current[-1].raw += "\n" + line
        elif _inside_open_quote(rows) or _after_empty_cell(rows, line):
            rows[-1].cells[-1].raw += "\n" + line
            rows[-1].refresh()
        else:
            rows.append(Row([Cell(line, number)], is_text=True))
    _close(rows, current)
    return rows


def _close(rows: list[Row], current: list[Cell] | None) -> None:
    if current:
        rows.append(Row(current))
    return None


def _after_empty_cell(rows: list[Row], line: str) -> bool:
    if not rows or rows[-1].is_text or rows[-1].cells[-1].raw.strip():
        return False
    return split_label_value(line) is None


def _inside_open_quote(rows: list[Row]) -> bool:
    return bool(rows) and not rows[-1].is_text and rows[-1].cells[-1].raw.count('"') % 2 == 1
