"""Layout `cell_lines`: Word tables saved as text, one cell per line.

Contract: `to_rows(lines, first_line)` → rows. A line that starts with a tab
opens a new cell; a non-blank line without a leading tab continues the cell
above it (a cell that runs over several lines), or, after a blank line, is
prose. A blank line ends a row, except that a lone closing quote after blank
lines still belongs to the quoted cell it closes. Rows that Word spread over
several blank-separated groups are re-joined by the table parser, which knows
how many columns the table has.
"""

from __future__ import annotations

from extract.rows import Cell, Row


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
        elif _closes_quote(rows, line):
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


def _closes_quote(rows: list[Row], line: str) -> bool:
    """A line that is only a closing quote (and punctuation) after blank lines."""
    if not rows or rows[-1].is_text or line.strip().strip('".。 ') != "":
        return False
    return rows[-1].cells[-1].raw.count('"') % 2 == 1
