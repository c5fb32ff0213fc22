"""Layout `tab_rows`: one table row per line, cells separated by a delimiter.

Contract: `to_rows(lines, first_line)` → rows, one per non-blank line. The
delimiter is a tab; text saved from web pages uses `|` between cells, and
some exports use runs of two or more spaces, so a line without tabs falls back
to those. Space-aligned text leaves empty cells out, so its cells are put back
into columns by where they start on the line (a CJK character is two columns
wide), against the last line that starts at the margin with three or more
cells. A line with a single cell is prose (`is_text`).
"""

from __future__ import annotations

import unicodedata

import regex

from extract.rows import Cell, Row

_PIPE = regex.compile(r"\s*[|｜]\s*")
_SPACE_RUN = regex.compile(r"(?:\s{2,}|\u3000+)")
_SPACED_CELL = regex.compile(r"\S+(?: \S+)*")
_MIN_ANCHOR_CELLS = 3


def split_cells(line: str) -> list[str]:
    return split_line(line)[0]


def split_line(line: str) -> tuple[list[str], str]:
    """The line's cells and the delimiter that separated them: tab, pipe, spaces or none."""
    if "\t" in line:
        return line.split("\t"), "tab"
    stripped = line.strip()
    if stripped.count("|") + stripped.count("｜") >= 2:
        return _PIPE.split(stripped.strip("|｜")), "pipe"
    if _SPACE_RUN.search(stripped) or line.startswith(("  ", "\u3000")):
        return _SPACE_RUN.split(stripped), "spaces"
    return [line], "none"


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def spaced_cells(line: str) -> list[tuple[int, str]]:
    """(start column, text) of the cells of a space-aligned line."""
    cells = []
    for match in _SPACED_CELL.finditer(line.replace("\u3000", "  ")):
        cells.append((display_width(line[: match.start()]), match.group(0)))
    return cells


def place_in_columns(cells: list[tuple[int, str]], anchors: list[int]) -> list[str]:
    """Put each cell under the nearest column start, in order; gaps become empty cells."""
    placed = [""] * len(anchors)
    column = 0
    for start, text in cells:
        nearest = min(range(column, len(anchors)), key=lambda i: abs(anchors[i] - start),
                      default=None)
        if nearest is None:
            placed.append(text)
            continue
        placed[nearest] = text
        column = nearest + 1
    while placed and not placed[-1]:
        placed.pop()
    return placed


def to_rows(lines: list[str], first_line: int) -> list[Row]:
    rows: list[Row] = []
    anchors: list[int] = []
    for offset, line in enumerate(lines):
        if not line.strip():
            continue
        parts, delimiter = split_line(line)
        if delimiter == "spaces":
            cells = spaced_cells(line)
            if cells[0][0] == 0 and len(cells) >= _MIN_ANCHOR_CELLS:
                anchors = [start for start, _ in cells]
            elif anchors:
                parts = place_in_columns(cells, anchors)
        number = first_line + offset
        row = Row([Cell(part, number) for part in parts], is_text=len(parts) == 1)
        if not row.is_empty():
            rows.append(row)
    return rows
