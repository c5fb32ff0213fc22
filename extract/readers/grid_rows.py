"""Layout `grid_rows`: a table drawn with `+`, `-`, `=` and `|`, its rows between rules.

Pandoc's plain text, tabulate's and prettytable's `grid` formats and database
clients print a table as a grid: a rule of `+----+----+` above and below every
row (`+====+` under the header), `|` between cells, and each cell's text wrapped
inside its column over as many lines as the row needs, the other cells blank on
those lines. A cell merged over columns leaves out the `|` between them (its rule
above has fewer `+`); a cell merged down is printed once, in its first row, and
left blank below. Rows and columns are exact: the rules say where every row ends
and where every column starts, measured in display columns (a CJK character is
two), as such tools align them.

    +----------+----------------+----------+
    | 一级指标 | 三级指标       | 指标值   |
    +==========+================+==========+
    | 产出指标 | 安全生产执法检 | ≥420家次 |
    |          | 查企业数量     |          |
    +----------+----------------+----------+
"""

from __future__ import annotations

import regex

from extract.grid import Block, Cell, TableBlock
from extract.normalise import clean_text
from extract.readers import box_rows
from extract.readers.build import prose_lines
from extract.readers.space_runs import display_width

READER = "grid_rows"
RULE = regex.compile(r"^\s*\+(?:[-=:]+\+){1,}\s*$")
_ROW_LINE = regex.compile(r"^\s*[|｜].*[|｜]\s*$")
_PIPE = regex.compile(r"[|｜]")
# `|          |          +------+------+`: under cells merged down, a rule drawn only under
# the columns whose cells end there
_PARTIAL_RULE = regex.compile(r"^\s*[|｜+].*\+[-=:]+\+.*[|｜+]\s*$")
_RULE_STRETCH = regex.compile(r"(?<=\+)[-=:]+(?=\+)")
_MIN_RULES = 2  # a grid has a rule above and below its first row at least


def grid_lines(lines: list[str]) -> set[int]:
    """The offsets of the lines that make grid tables: runs of rules and `|`-framed lines,
    no blank line between, that open with a rule and hold two rules or more."""
    found: set[int] = set()
    if not any("+" in line for line in lines):
        return found  # (most text has no rule at all: found without a pattern per line)
    index = 0
    while index < len(lines):
        if "+" not in lines[index] or not RULE.match(lines[index]):
            index += 1
            continue
        end = index + 1
        while end < len(lines) and (RULE.match(lines[end]) or _ROW_LINE.match(lines[end])
                                    or _PARTIAL_RULE.match(lines[end])):
            end += 1
        if sum(1 for k in range(index, end) if RULE.match(lines[k])) >= _MIN_RULES:
            found.update(range(index, end))
        index = end
    return found


def read(lines: list[str], first_line: int) -> list[Block]:
    """Each grid a table block; the region's other lines prose."""
    inside = grid_lines(lines)
    blocks: list[Block] = []
    offset = 0
    while offset < len(lines):
        if offset not in inside:
            blocks.extend(prose_lines([lines[offset]], first_line + offset))
            offset += 1
            continue
        end = offset
        while end < len(lines) and end in inside:
            end += 1
        table = _table(lines[offset:end], first_line + offset)
        if table is not None:
            blocks.append(table)
        offset = end
    return blocks


def _table(lines: list[str], first_line: int) -> TableBlock | None:
    """One grid: its column starts are every `+` its rules print; each row, the lines
    between two rules, gives one cell per stretch between two `|` of its first line. A grid
    that rules some columns only (cells merged down) is a lattice, as a box-drawn table."""
    if any(_PARTIAL_RULE.match(line) and not RULE.match(line) for line in lines):
        table = box_rows.lattice_table([_boxed(line) for line in lines], first_line)
        if table is not None:
            table.reader = READER
        return table
    starts = sorted({position for line in lines if RULE.match(line) for position in _marks(line, "+")})
    cells: list[Cell] = []
    row: list[int] = []
    number = 0
    for offset, line in enumerate([*lines, "+"]):
        if offset < len(lines) and not RULE.match(line):
            row.append(offset)
            continue
        if row:
            cells.extend(_row_cells([lines[k] for k in row], number, starts, first_line + row[0]))
            number += 1
        row = []
    return TableBlock(cells, READER, rows="exact", columns="exact") if cells else None


def _boxed(line: str) -> str:
    """The line in box-drawing strokes: `+` a junction, a rule's stretches `─`, `|` a bar."""
    if RULE.match(line) or _PARTIAL_RULE.match(line):
        line = _RULE_STRETCH.sub(lambda match: "─" * len(match.group(0)), line).replace("+", "┼")
    return line.replace("|", "│")


def _marks(line: str, marks: str) -> list[int]:
    """Display columns of the line's characters that are one of `marks`."""
    found, width = [], 0
    for character in line:
        if character in marks:
            found.append(width)
        width += display_width(character)
    return found


def _row_cells(lines: list[str], row: int, starts: list[int], line: int) -> list[Cell]:
    """The row's cells: each stretch between two `|` of its first line, its text the same
    stretch of every line of the row, joined as the lines of one cell."""
    borders = _marks(lines[0], "|｜")
    # each line's stretches by its own `|` (a tool prints them all at the row's columns;
    # counting holds where a cleaning step moved a line's text), by position where a line
    # prints another count (a `|` inside a cell's text)
    split = [_PIPE.split(text.strip())[1:-1] for text in lines]
    cells = []
    for index, (left, right) in enumerate(zip(borders, borders[1:], strict=False)):
        pieces = [(parts[index] if len(parts) == len(borders) - 1 else _between(text, left, right)).strip()
                  for text, parts in zip(lines, split, strict=True)]
        raw = "\n".join(piece for piece in pieces if piece)
        column, end = _nearest(starts, left), _nearest(starts, right)
        cells.append(Cell(row=row, col=column, text=clean_text(raw), raw=raw, line=line,
                          last_line=line + len(lines) - 1, col_span=max(1, end - column)))
    return cells


def _between(text: str, left: int, right: int) -> str:
    """The characters of the line whose display columns lie strictly between two borders."""
    kept, width = [], 0
    for character in text:
        if left < width < right:
            kept.append(character)
        width += display_width(character)
    return "".join(kept)


def _nearest(starts: list[int], position: int) -> int:
    """The index of the rule's `+` nearest a border (a tool may set a `|` a column off)."""
    return min(range(len(starts)), key=lambda k: abs(starts[k] - position)) if starts else 0
