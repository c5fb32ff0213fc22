"""Small builders the text readers share: a cell from printed text, prose from lines."""

from __future__ import annotations

from extract.grid import BREAK_HINT, BREAK_NONE, Block, Cell, ProseBlock
from extract.normalise import clean_text


def cell(row: int, col: int, raw: str, line: int, break_before: int = BREAK_NONE,
         indent: int = 0) -> Cell:
    return Cell(row=row, col=col, text=clean_text(raw), raw=raw, line=line,
                break_before=break_before, indent=indent)


def prose_lines(lines: list[str], first_line: int) -> list[Block]:
    """Every non-blank line as a prose block."""
    return [ProseBlock(text=clean_text(line), raw=line, line=first_line + offset)
            for offset, line in enumerate(lines) if line.strip()]


def number_stream(cells: list[Cell]) -> None:
    """Give stream cells their printed row (a new one at each likely break) and position."""
    row, col = 0, 0
    for index, item in enumerate(cells):
        if index and item.break_before >= BREAK_HINT:
            row, col = row + 1, 0
        item.row, item.col = row, col
        col += 1
