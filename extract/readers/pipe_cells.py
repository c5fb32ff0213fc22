"""Layout `pipe_cells`: one table cell per line, each ending in ` |`.

Some pages flatten a table cell by cell: `项目名称 |`, `法治宣传经费… |`. Lines of
pipes alone (`|||||||`) stand where a row ended or where empty cells were; a
cell followed by more pipes (`1 | ||`) ended its row. Rows are not marked for
certain, so the block is a stream and table assembly finds them.
Example: `产出指标(50分) |` / `数量指标 |` / `★★★农村低保发放人数(按月平均)(≥**人) |` / `5 |`.
"""

from __future__ import annotations

import regex

from extract.grid import BREAK_HINT, BREAK_SOFT, Block, Cell, TableBlock
from extract.readers.build import cell, number_stream

_CELL = regex.compile(r"^(?P<text>.*?)\s*[|｜](?P<rest>[\s|｜]*)$")
_PIPE_ONLY = regex.compile(r"^\s*[|｜][\s|｜]*$")


def read(lines: list[str], first_line: int) -> list[Block]:
    cells: list[Cell] = []
    pending = BREAK_HINT
    for offset, line in enumerate(lines):
        if not line.strip():
            continue
        number = first_line + offset
        if _PIPE_ONLY.match(line):
            if line.count("|") + line.count("｜") == 1:
                cells.append(cell(0, 0, "", number, pending))
                pending = BREAK_SOFT
            else:
                pending = BREAK_HINT
            continue
        match = _CELL.match(line)
        text = match.group("text") if match else line
        cells.append(cell(0, 0, text, number, pending))
        pending = BREAK_HINT if match and regex.search(r"[|｜]", match.group("rest")) else BREAK_SOFT
    if not cells:
        return []
    number_stream(cells)
    return [TableBlock(cells, "pipe_cells", rows="stream", columns="loose")]
