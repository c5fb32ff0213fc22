"""Layout `pipe_lines`: every cell's text on its own lines, every `|` on a line by itself.

Some page exports close each cell with a line holding only `|`; a cell's text
may span lines (`项目资金` / `(万元)`), and a vertical label comes one character
per line (`绩` / `效` / `指` / `标`). The lines between two `|` lines are one
cell; each further `|` line is an empty cell or the end of a row.
Example: `产出指标` / `|` / `数量指标` / `|` / `二等乙级以上伤残军人数量` / `|` / `52人`.
"""

from __future__ import annotations

import regex

from extract.grid import BREAK_HINT, BREAK_SOFT, Block, Cell, TableBlock
from extract.readers.build import cell, number_stream

_PIPE_ONLY = regex.compile(r"^\s*[|｜][\s|｜]*$")


def read(lines: list[str], first_line: int) -> list[Block]:
    cells: list[Cell] = []
    parts: list[str] = []
    start = 0
    closed_since = 0  # `|` lines since the last cell closed
    blank = False  # a blank line since the last text line of the open cell
    for offset, line in enumerate(lines):
        number = first_line + offset
        if _PIPE_ONLY.match(line):
            if parts:
                brk = BREAK_HINT if closed_since > 1 else BREAK_SOFT
                cells.append(cell(0, 0, "\n".join(parts), start, brk))
                parts, closed_since = [], 1
            else:
                closed_since += 1
                if closed_since > 2:
                    cells.append(cell(0, 0, "", number, BREAK_SOFT))
            continue
        if not line.strip():
            blank = bool(parts)
            continue
        if parts and blank:
            # a cell's lines follow one another; text a blank line parts from it is its own
            # (a page's sentence above the first cell)
            cells.append(cell(0, 0, "\n".join(parts), start, BREAK_HINT))
            parts, closed_since = [], 2
        blank = False
        if not parts:
            start = number
        parts.append(line.strip())
    if parts:
        cells.append(cell(0, 0, "\n".join(parts), start, BREAK_HINT if closed_since > 1 else BREAK_SOFT))
    if not cells:
        return []
    number_stream(cells)
    return [TableBlock(cells, "pipe_lines", rows="stream", columns="loose")]
