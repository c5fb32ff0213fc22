"""Layout `tab_rows`: one table row per line, cells separated by tabs.

Word and spreadsheet text keeps a table row on one line with a tab between
cells; empty cells stay as empty strings, so positions are close to the
columns but not exact (a misplaced tab shifts the rest of the row). PDF text
saved this way carries leader dots and emphasis tags, dropped here.
Example: `项目名称⇥卫生局工作业务经费⇥⇥项目实施期⇥2023.01.01-2023.12.31`.
"""

from __future__ import annotations

import regex

from extract.grid import BREAK_HINT, BREAK_NONE, Block, TableBlock
from extract.readers.build import cell

_LEADERS = regex.compile(r"(?:[.,·•。…](?:\s?)){4,}")


def read(lines: list[str], first_line: int) -> list[Block]:
    cells = []
    row = 0
    for offset, line in enumerate(lines):
        parts = [_LEADERS.sub(" ", part) for part in line.split("\t")]
        if not any(part.strip() for part in parts):
            continue
        cells.extend(cell(row, col, part, first_line + offset,
                          BREAK_HINT if col == 0 else BREAK_NONE)
                     for col, part in enumerate(parts))
        row += 1
    return [TableBlock(cells, "tab_rows", rows="exact", columns="loose")] if cells else []
