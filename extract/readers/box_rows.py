"""Layout `box_rows`: a table drawn with box-drawing characters (`┌─┬─┐`, `│`, `├─┼─┤`).

Text browsers (`w3m -dump`, `elinks -dump`) and some converters print an HTML or Word
table this way. Unlike a tool's grid (`grid_rows`), the rules are partial: a cell merged
down leaves its stretch of the rule between rows blank (`│          ├──────┤`), a cell
merged across leaves out the `│` between its columns, and a merged cell's text stands on
the line nearest its middle, which may be a rule line itself (`│产出指标  │质量指标  ├───┤`,
glued to the bar). The columns a browser draws differ block by block (it balances spans
on its own), so no row's bars give the table's columns.

The table is read as a lattice on the characters: the columns are every display position
where a line prints a bar or a junction; a stretch between two such positions on one line
is ruled (all `─`) or open; open stretches join their neighbours where no bar parts them
(on the line, and across lines where no rule does), and each joined region is one cell, its
text every piece it holds, top to bottom. Rows are the stretches between lines that print
a rule anywhere.

    ┌────────┬────────┬──────────────┬─────────┐
    │        │        │ 新增收集箱   │ 1200个  │
    │产出指标│数量指标├──────────────┼─────────┤
    │        │        │ 收运覆盖村数 │ 186个   │
    └────────┴────────┴──────────────┴─────────┘
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from extract.grid import Block, Cell, TableBlock
from extract.normalise import clean_text
from extract.readers.build import prose_lines
from extract.readers.safety import LIMITS
from extract.readers.space_runs import display_width

READER = "box_rows"
_HORIZONTAL = frozenset("─━═╌╍┄┅┈┉")
# every box-drawing character but the horizontal strokes has a vertical stroke: a border
_BORDER = frozenset(chr(code) for code in range(0x2500, 0x2580)) - _HORIZONTAL - frozenset("╴╶╸╺")
_BOX_LINE = regex.compile(r"^\s*[\u2500-\u257f]")
_JUNCTIONS = _BORDER - frozenset("│┃║")
_OPENING = frozenset("┌┏╔╒╓")  # a table's top-left corner
_CLOSING = frozenset("└┗╚╘╙")
_MIN_RULES = 2  # a table has a rule above its first row and below its last at least
_MIN_LINES = 3


def box_lines(lines: list[str]) -> set[int]:
    """The offsets of the lines that make box-drawn tables: runs of lines that open with a
    box-drawing character, two of them rules at least and one a row of text."""
    found: set[int] = set()
    if not any("─" in line or "━" in line or "═" in line for line in lines):
        return found  # (most text draws no box: found without a pattern per line)
    index = 0
    while index < len(lines):
        if not _BOX_LINE.match(lines[index]):
            index += 1
            continue
        end = index
        while end < len(lines) and _BOX_LINE.match(lines[end]):
            end += 1
        rules = sum(1 for k in range(index, end) if _drawn(lines[k], _HORIZONTAL))
        if end - index >= _MIN_LINES and rules >= _MIN_RULES and \
                any(not _drawn(lines[k], _HORIZONTAL) for k in range(index, end)):
            found.update(range(index, end))
        index = end
    return found


def _drawn(line: str, strokes: frozenset[str]) -> bool:
    """A line of the table's drawing: two borders at least (a tree's `├── 附件` is not), with
    `strokes` among its characters."""
    return sum(1 for c in line if c in _BORDER) >= 2 and any(c in strokes for c in line)


def read(lines: list[str], first_line: int) -> list[Block]:
    """Each box-drawn table a table block; the region's other lines prose."""
    inside = box_lines(lines)
    blocks: list[Block] = []
    offset = 0
    while offset < len(lines):
        if offset not in inside:
            blocks.extend(prose_lines([lines[offset]], first_line + offset))
            offset += 1
            continue
        end = offset + 1
        while end < len(lines) and end in inside and not _opens_after_close(lines, end):
            end += 1
        table = lattice_table(lines[offset:end], first_line + offset)
        blocks.extend([table] if table is not None else prose_lines(lines[offset:end], first_line + offset))
        offset = end
    return blocks


def _opens_after_close(lines: list[str], index: int) -> bool:
    """A table drawn straight under another (`└───┘` then `┌───┐`): a table of its own."""
    return lines[index].strip()[:1] in _OPENING and lines[index - 1].strip()[:1] in _CLOSING


def _box_width(lines: list[str]) -> int:
    """The columns a box-drawing character takes: one, as a terminal draws it, or two, as
    text laid out for a GB2312 printer (an OA system's report) sets it, whichever makes
    the table's lines as wide as each other (every line ends at the frame's right edge)."""
    def widths(box: int) -> int:
        return len({sum(box if character in _BOX_CHARACTERS else display_width(character)
                        for character in line.rstrip()) for line in lines if line.strip()})
    return 2 if widths(2) < widths(1) else 1


_BOX_CHARACTERS = frozenset(chr(code) for code in range(0x2500, 0x2580))
# box-drawing characters with a stroke to the right (`─`, `┌`, `┼`, `╤`, not `│`, `┐`, `╢`)
_RIGHT_ARMED = frozenset(character for character in _BOX_CHARACTERS
                         if "RIGHT" in unicodedata.name(character, "")
                         or "HORIZONTAL" in unicodedata.name(character, ""))


def _by_position(line: str, box: int = 1) -> dict[int, str]:
    """The line's characters by display column (a wide character's second column holds
    nothing of its own: it is part of the character, so no border; a box-drawing character
    two columns wide draws its stroke to the right on through its second column)."""
    placed: dict[int, str] = {}
    width = 0
    for character in line:
        placed[width] = character
        step = box if character in _BOX_CHARACTERS else display_width(character)
        if step == 2:
            placed[width + 1] = _HORIZONTAL_STROKE if character in _RIGHT_ARMED else ""
        width += step
    return placed


_HORIZONTAL_STROKE = "─"


@dataclass
class _Lattice:
    """The characters of a box-drawn table on its columns: `ruled[l][j]` says whether the
    stretch `j` of line `l` is a rule, `parted[l][j]` whether a border stands at its left."""

    rows: list[dict[int, str]]
    borders: list[int]
    ruled: list[list[bool]]
    parted: list[list[bool]]

    def piece(self, line: int, first: int, last: int) -> str:
        """The text of stretches `first`..`last` of a line, bars and rules left out."""
        placed = self.rows[line]
        left, right = self.borders[first], self.borders[last + 1]
        text = "".join(placed.get(position, " ") for position in range(left + 1, right))
        return "".join(" " if c in _BORDER or c in _HORIZONTAL else c for c in text).strip()


def _lattice(lines: list[str]) -> _Lattice:
    box = _box_width(lines)
    rows = [_by_position(line, box) for line in lines]
    borders = sorted({position for placed in rows for position, c in placed.items() if c in _BORDER})
    ruled: list[list[bool]] = []
    parted: list[list[bool]] = []
    if len(borders) > LIMITS.sheet_cols + 1:
        return _Lattice(rows, borders, ruled, parted)
    for placed in rows:
        ruled.append([_is_rule(placed, left, right)
                      for left, right in zip(borders, borders[1:], strict=False)])
        parted.append([placed.get(position, " ") in _BORDER for position in borders[:-1]])
    return _Lattice(rows, borders, ruled, parted)


def _is_rule(placed: dict[int, str], left: int, right: int) -> bool:
    """A stretch of `─` (a stretch between two borders side by side, which another table's
    bars set, is ruled where a stroke or a junction bounds it: `─┴`)."""
    stretch = [placed.get(position, " ") for position in range(left + 1, right)]
    if not stretch:
        return any(placed.get(position, " ") in _HORIZONTAL or placed.get(position, " ") in _JUNCTIONS
                   for position in (left, right))
    return all(c in _HORIZONTAL or c in _BORDER for c in stretch) and \
        any(c in _HORIZONTAL for c in stretch)


def _regions(lattice: _Lattice) -> list[list[tuple[int, int]]]:
    """The open stretches joined into cells: (line, stretch) pairs per cell, in reading order."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def root(atom: tuple[int, int]) -> tuple[int, int]:
        while parent[atom] != atom:
            parent[atom] = parent[parent[atom]]
            atom = parent[atom]
        return atom

    width = len(lattice.borders) - 1
    for line, ruled in enumerate(lattice.ruled):
        for stretch in range(width):
            if ruled[stretch]:
                continue
            parent[(line, stretch)] = (line, stretch)
            if stretch and not ruled[stretch - 1] and not lattice.parted[line][stretch]:
                parent[root((line, stretch))] = root((line, stretch - 1))
            if line and not lattice.ruled[line - 1][stretch]:
                parent[root((line, stretch))] = root((line - 1, stretch))
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for atom in sorted(parent):
        groups.setdefault(root(atom), []).append(atom)
    return sorted(groups.values(), key=lambda atoms: (atoms[0][0], atoms[0][1]))


def lattice_table(lines: list[str], first_line: int) -> TableBlock | None:
    """The table of a run of box-drawn lines; None where it draws no column, or more columns
    than a sheet has (a lattice costs a line's stretches per line: bounded so)."""
    lattice = _lattice(lines)
    if not 2 <= len(lattice.borders) <= LIMITS.sheet_cols + 1:
        return None
    ruling = [any(ruled) for ruled in lattice.ruled]
    row_of: list[int | None] = []
    row = -1
    for line, rule in enumerate(ruling):
        if not rule and (line == 0 or ruling[line - 1]):
            row += 1
        row_of.append(None if rule else row)
    cells = [cell for atoms in _regions(lattice)
             if (cell := _cell(lattice, atoms, row_of, first_line)) is not None]
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return TableBlock(cells, READER, rows="exact", columns="exact") if cells else None


def _cell(lattice: _Lattice, atoms: list[tuple[int, int]], row_of: list[int | None],
          first_line: int) -> Cell | None:
    """One region as a cell: its rows are those of the text lines it covers."""
    by_line: dict[int, list[int]] = {}
    for line, stretch in atoms:  # (atoms come sorted: by line, then stretch)
        by_line.setdefault(line, []).append(stretch)
    rows = [row_of[line] for line in by_line if row_of[line] is not None]
    if not rows:
        return None  # open stretches between two rules: no row of their own
    first, last = min(own[0] for own in by_line.values()), max(own[-1] for own in by_line.values())
    pieces = []
    for line, own in by_line.items():
        text = lattice.piece(line, own[0], own[-1])
        if text:
            pieces.append((line, text))
    raw = "\n".join(text for _, text in pieces)
    at = pieces[0][0] if pieces else next(iter(by_line))
    return Cell(row=rows[0], col=first, text=clean_text(raw), raw=raw, line=first_line + at,
                last_line=first_line + (pieces[-1][0] if pieces else at),
                row_span=rows[-1] - rows[0] + 1, col_span=last - first + 1)
