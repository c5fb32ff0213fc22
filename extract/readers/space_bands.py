"""Layout `space_bands`: a laid-out table whose printed rows stand apart, and are tall.

`pdftotext -layout` of a bordered table with narrow columns (a 自评表 printed from a web
page or Word): every cell wraps in its column, a long 偏差原因分析 runs ten or twenty lines,
and the page centres each cell in its row, so one row's cells start and end on different
lines (a two-line name prints its lines above and below the line its one-line values
stand on). What holds a printed row together is the page's rule between rows, which the
text keeps as a blank line; inside a row, each column's lines make one cell:

    开展职业技   ≥3000
                          3126 人次    15   15
    能培训人次    人次

The rows are read band by band: the lines between blank lines, each column's pieces joined
top to bottom (lines that run on in one column, or leave out the line where other cells
print). Where no blank line parts two rows (a tall cell ran down to the next row's top),
the rows are told apart by where their cells stand: the cells of one row overlap the lines
of its tallest cell, those of the next begin below it. A merged level label stands centred
on its group, inside one of its rows; table assembly gives it to the rows around it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extract.classify import classify
from extract.grid import BREAK_HINT, BREAK_NONE, Block, Cell, TableBlock
from extract.readers import space_runs
from extract.readers.build import cell

READER = "space_bands"
_PIECE = regex.compile(r"\S+(?: \S+)*")
_HAN_SPACE_HAN = regex.compile(r"(?<=\p{Han}) (?=\p{Han})")
_MIN_BANDS = 3  # blank-parted groups of lines under the header, at least
_TALL_BAND = 4  # lines: a band this tall holds cells wrapped far beyond a centred row's three
_HEADER_COLUMNS = 3


@dataclass
class _Piece:
    line: int  # offset in the region
    start: int  # where it starts on the line, in the page's measure
    end: int
    text: str
    below: _Piece | None = None
    above: _Piece | None = None


@dataclass
class _Stack:
    """One cell's pieces, top to bottom."""

    pieces: list[_Piece] = field(default_factory=list)

    @property
    def first(self) -> int:
        return self.pieces[0].line

    @property
    def last(self) -> int:
        return self.pieces[-1].line

    @property
    def start(self) -> int:
        return min(piece.start for piece in self.pieces)

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    @property
    def label(self) -> bool:
        """A level label (merged down its group, centred on it), not a cell of one row."""
        tags = classify(self.text)
        return tags.is_level and not tags.soft_level or tags.umbrella


def looks_banded(lines: list[str]) -> bool:
    """A column header, and under it rows set apart by blank lines, some of them tall."""
    header = _header_line(lines)
    if header is None:
        return False
    bands = _bands(lines, header + 1)
    if len(bands) < _MIN_BANDS or not any(band[-1] - band[0] + 1 >= _TALL_BAND for band in bands):
        return False
    by_characters = space_runs.laid_out_by_characters(lines)
    pieces = [[piece for offset in band for piece in _pieces_of(lines[offset], offset, by_characters)]
              for band in bands]
    valued = {piece.line for band in pieces for piece in band if _value(piece)}
    return len(valued) <= _VALUE_LINES_PER_BAND * len(bands) and \
        not any(_values_stacked(stack) for band in pieces for stack in _stacked(band))


def _value(piece: _Piece) -> bool:
    return classify(piece.text).shape in _VALUE_SHAPES


def _values_stacked(stack: _Stack) -> bool:
    """Two values one under the other in a column: rows printed a line each, packed."""
    return sum(1 for piece in stack.pieces if _value(piece)) >= 2


_VALUE_SHAPES = ("number", "quant")
# lines holding a value, per band at most: a centred row prints its values on one or two
# lines; rows packed a line each hold a value on every line between the blank ones
_VALUE_LINES_PER_BAND = 2


def read(lines: list[str], first_line: int) -> list[Block]:
    header = _header_line(lines)
    if header is None:
        return space_runs.read(lines, first_line)
    above = lines[:header]
    blocks = space_runs.read(above, first_line) if any(line.strip() for line in above) else []
    by_characters = space_runs.laid_out_by_characters(lines)
    heading = _pieces_of(lines[header], header, by_characters)
    anchors = [piece.start for piece in heading]
    cells: list[Cell] = []
    row = 0
    for band in [[header], *_bands(lines, header + 1)]:
        pieces = [piece for offset in band for piece in _pieces_of(lines[offset], offset, by_characters)]
        for stacks in _rows(pieces) if band[0] != header else [[_Stack([piece]) for piece in heading]]:
            placed = space_runs.place_in_columns([(stack.start, stack.text) for stack in stacks], anchors)
            for index, (stack, (column, _)) in enumerate(zip(stacks, placed, strict=True)):
                cells.append(_cell(stack, row, column, first_line, BREAK_HINT if index == 0 else BREAK_NONE))
            row += 1
    if cells:
        blocks.append(TableBlock(cells, READER, rows="exact", columns="loose", centred_labels=True))
    return blocks


def _header_line(lines: list[str]) -> int | None:
    """The first line of column names each standing apart, a name's and a value's among them."""
    for offset, line in enumerate(lines):
        texts = [text for _, text in space_runs.spaced_cells(line)]
        names = {classify(text).column for text in texts}
        if len(texts) >= _HEADER_COLUMNS and None not in names and {"name", "target"} <= names:
            return offset
    return None


def _bands(lines: list[str], start: int) -> list[list[int]]:
    """The offsets of each group of non-blank lines from `start`, blank lines between."""
    bands: list[list[int]] = []
    for offset in range(start, len(lines)):
        if not lines[offset].strip():
            if bands and bands[-1]:
                bands.append([])
            continue
        if not bands:
            bands.append([])
        bands[-1].append(offset)
    return [band for band in bands if band]


def _pieces_of(line: str, offset: int, by_characters: bool) -> list[_Piece]:
    """A line's cells (runs of spaces part them, and a single space between two CJK
    characters, where a narrow gutter left no more), each where it stands."""
    pieces = []
    for match in _PIECE.finditer(line):
        position = match.start()
        for part in _HAN_SPACE_HAN.split(match.group(0)):
            at = position if by_characters else space_runs.display_width(line[:position])
            width = len(part) if by_characters else space_runs.display_width(part)
            pieces.append(_Piece(offset, at, at + width, part))
            position += len(part) + 1
    return pieces


def _rows(pieces: list[_Piece]) -> list[list[_Stack]]:
    """A band's cells as printed rows: each column's pieces stacked into cells, then the
    cells grouped by the lines they cover (a level label goes with the row it stands in)."""
    stacks = _stacked(pieces)
    rows: list[tuple[int, int, list[_Stack]]] = []
    for stack in sorted((stack for stack in stacks if not stack.label), key=lambda s: s.first):
        if rows and stack.first <= rows[-1][1]:
            first, last, members = rows[-1]
            rows[-1] = (first, max(last, stack.last), [*members, stack])
        else:
            rows.append((stack.first, stack.last, [stack]))
    for stack in (stack for stack in stacks if stack.label):
        middle = (stack.first + stack.last) / 2
        if not rows:
            rows.append((stack.first, stack.last, [stack]))
            continue
        nearest = min(range(len(rows)), key=lambda k: _distance(rows[k], middle))
        first, last, members = rows[nearest]
        rows[nearest] = (first, last, [*members, stack])
    return [sorted(members, key=lambda s: s.start) for _, _, members in rows]


def _distance(row: tuple[int, int, list[_Stack]], line: float) -> float:
    first, last, _ = row
    return 0.0 if first <= line <= last else min(abs(line - first), abs(line - last))


def _stacked(pieces: list[_Piece]) -> list[_Stack]:
    """Each piece goes on with the piece under it in its column: on the next line, or on
    the line after where the next prints nothing over it (a centred cell's lines around the
    line its row's one-line cells take)."""
    by_line: dict[int, list[_Piece]] = {}
    for piece in pieces:
        by_line.setdefault(piece.line, []).append(piece)
    for piece in pieces:
        for gap in (1, 2):
            under = [other for other in by_line.get(piece.line + gap, ())
                     if other.above is None and _over(piece, other)]
            if gap == 2 and any(_over(piece, other) for other in by_line.get(piece.line + 1, ())):
                break
            if under:
                below = max(under, key=lambda other: _shared(piece, other))
                piece.below, below.above = below, piece
                break
    stacks = []
    for piece in pieces:
        if piece.above is not None:
            continue
        stack = _Stack([piece])
        while stack.pieces[-1].below is not None:
            stack.pieces.append(stack.pieces[-1].below)
        stacks.append(stack)
    return stacks


def _over(upper: _Piece, lower: _Piece) -> bool:
    """The two pieces share columns of the page."""
    return _shared(upper, lower) > 0


def _shared(one: _Piece, other: _Piece) -> int:
    return min(one.end, other.end) - max(one.start, other.start)


def _cell(stack: _Stack, row: int, column: int, first_line: int, brk: int) -> Cell:
    made = cell(row, column, "\n".join(piece.text for piece in stack.pieces), first_line + stack.first, brk)
    made.last_line = first_line + stack.last
    return made
