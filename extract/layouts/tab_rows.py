"""Layout `tab_rows`: one table row per line, cells separated by a delimiter.

Contract: `to_rows(lines, first_line)` → rows, one per non-blank line. The
delimiter is a tab; text saved from web pages uses `|` between cells, and
some exports use runs of two or more spaces, so a line without tabs falls back
to those. A line with a single cell is prose (`is_text`).
"""

from __future__ import annotations

import regex

from extract.rows import Cell, Row

_PIPE = regex.compile(r"\s*[|｜]\s*")
_SPACE_RUN = regex.compile(r"(?:\s{2,}|\u3000+)")


def split_cells(line: str) -> list[str]:
    if "\t" in line:
        return line.split("\t")
    stripped = line.strip()
    if stripped.count("|") + stripped.count("｜") >= 2:
        return _PIPE.split(stripped.strip("|｜"))
    return _SPACE_RUN.split(stripped) if _SPACE_RUN.search(stripped) else [line]


def to_rows(lines: list[str], first_line: int) -> list[Row]:
    rows: list[Row] = []
    for offset, line in enumerate(lines):
        if not line.strip():
            continue
        parts = split_cells(line)
        number = first_line + offset
        row = Row([Cell(part, number) for part in parts], is_text=len(parts) == 1)
        if not row.is_empty():
            rows.append(row)
    return rows
