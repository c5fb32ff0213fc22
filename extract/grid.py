"""The cell grid: the one thing every reader returns and every later stage reads.

A reader — a text layout family or a native format — turns its input into a
`Grid`: table blocks of `Cell`s and prose blocks, in source order. The model
follows docling-core's `TableCell` (row/column offsets, spans, header flag),
with the cell's source `line` and `raw` text added, and a `location` for
formats that have no lines ("table 2, row 5, col 3", "Sheet1!C7", "page 2").

What a reader knows about a table differs by family, and the block says so
instead of guessing:

- `rows="exact"`: a cell's `row` is its printed row (HTML, DOCX, XLSX, tab or
  pipe rows, one row per line).
- `rows="stream"`: the reader saw cells one after another (one cell per line)
  and could not tell where rows end; `row` is then only a hint (`break_before`
  says how sure a new row starts at a cell) and table assembly finds the rows.
- `columns="exact"`: `col` is the true column (spans resolved, as in HTML).
- `columns="loose"`: `col` is the position within the printed row; merged
  cells the flattening left out shift the cells after them, so assembly
  aligns cells to the table's header by their content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

RowMode = Literal["exact", "stream"]
ColumnMode = Literal["exact", "loose"]

# How sure a reader is that a new row starts at a cell (stream tables).
BREAK_NONE = 0  # same printed row as the cell before
BREAK_SOFT = 1  # a line break; a new row is possible
BREAK_HINT = 2  # a separator the reader knows often ends a row (a `|`-only line)
BREAK_HARD = 3  # certainly a new row


@dataclass(slots=True)
class Cell:
    """One table cell as read; `text` is the whitespace-normalised `raw`."""

    row: int
    col: int
    text: str
    raw: str
    line: int
    row_span: int = 1
    col_span: int = 1
    location: str | None = None
    last_line: int = 0
    break_before: int = BREAK_NONE
    indent: int = 0  # leading spaces of a cell that stood alone on its line

    def __post_init__(self) -> None:
        if not self.last_line:
            self.last_line = self.line + self.raw.count("\n")

    @property
    def empty(self) -> bool:
        return not self.text


@dataclass(slots=True)
class TableBlock:
    cells: list[Cell]
    reader: str
    rows: RowMode = "exact"
    columns: ColumnMode = "loose"
    weak_hints: bool = False  # a row-end hint is often wrong (Word splits rows over blank lines)
    centred_labels: bool = False  # a merged label is printed on the middle row of its group
    # … or may be: where the first row prints no label at all and later rows do, it is
    labels_may_be_centred: bool = False

    @property
    def line(self) -> int:
        return self.cells[0].line if self.cells else 0

    @property
    def last_line(self) -> int:
        return max((cell.last_line for cell in self.cells), default=0)

    @property
    def laid_out(self) -> bool:
        """Rows laid out from a page (tabs or runs of spaces for its gaps): each printed row
        known, its cells near their columns, and text the page's gaps may have cut."""
        return self.rows == "exact" and self.columns == "loose"

    def printed_rows(self) -> list[list[Cell]]:
        """The cells grouped by their `row`, in order (stream tables: one group per hint)."""
        groups: dict[int, list[Cell]] = {}
        for cell in self.cells:
            groups.setdefault(cell.row, []).append(cell)
        return [sorted(group, key=lambda c: c.col) for _, group in sorted(groups.items())]


@dataclass(slots=True)
class ProseBlock:
    """A line (or paragraph) of text outside any table."""

    text: str
    raw: str
    line: int
    last_line: int = 0
    location: str | None = None

    def __post_init__(self) -> None:
        if not self.last_line:
            self.last_line = self.line + self.raw.count("\n")


Block = TableBlock | ProseBlock


def relocate(blocks: list[Block], after: int, source: str) -> int:
    """Blocks read from a part of a file (a page a Word file imports, one sheet's page of a
    single-file web page) placed after the `after` lines read before them, their locations
    naming the part; the last line they reach (`after` where there are none)."""
    for item in _located(blocks):
        item.location = f"{source}, {item.location}" if item.location else source
    return shift(blocks, after)


def shift(blocks: list[Block], after: int) -> int:
    """Blocks read from a stretch of a file, their lines counted from the file's start (`after`
    lines before the stretch); the last line they reach (`after` where there are none)."""
    for item in _located(blocks):
        item.line, item.last_line = item.line + after, item.last_line + after
    return max([after, *(block.last_line for block in blocks)])


def gather(blocks: list[Block], notes: list[str], read: Grid, after: int) -> None:
    """Add the blocks and notes of a stretch of a file read apart (`after` lines before it),
    their lines counted from the file's start."""
    shift(read.blocks, after)
    blocks.extend(read.blocks)
    notes.extend(read.notes)


def relined(blocks: list[Block], sources: list[ProseBlock]) -> None:
    """Blocks read from the text of `sources`, one a line (paragraphs or a page's blocks read
    again as text): each cell and line takes the lines and place of the sources it came from."""
    for item in _located(blocks):
        first, last = sources[item.line - 1], sources[min(item.last_line, len(sources)) - 1]
        item.line, item.last_line, item.location = first.line, last.last_line, first.location


def _located(blocks: list[Block]) -> list[Cell | ProseBlock]:
    return [item for block in blocks for item in (block.cells if isinstance(block, TableBlock) else [block])]


@dataclass(slots=True)
class Grid:
    """A document as blocks, with the name of the reader (or `mixed`) that built it."""

    blocks: list[Block]
    reader: str
    notes: list[str] = field(default_factory=list)  # what the reader had to repair or guess

    def tables(self) -> list[TableBlock]:
        return [block for block in self.blocks if isinstance(block, TableBlock)]
