"""Old binary Word documents (.doc, Word 97–2003; WPS Writer's .wps in that format) → the cell grid.

Older archives publish forms as `.doc` far more often than as `.docx`. A .doc keeps
its text in the `WordDocument` stream as pieces: the piece table (in the `0Table` or
`1Table` stream) says where each run of characters lies and whether it is stored
in 8 bits or UTF-16. A table is written into that text: each cell closes with a
cell mark (`\\x07`), each row with a row mark, a paragraph whose properties say it
ends a row (`sprmPFTtp`) and give the row's cell edges in twips with each cell's
merge flags (`sprmTDefTable`). The edges of all a table's rows are its grid
columns, so a cell spans the columns between its edges, and a cell that continues
a vertical merge joins the cell above, as docx.py reads `w:gridSpan` and
`w:vMerge`; a table nested in a cell comes after its table. olefile opens the
compound file; the rest is read here, every offset checked against its stream.
Field codes are dropped and their results kept; pictures and drawn objects are
no text.
"""

from __future__ import annotations

import io
import struct
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import olefile

from extract.grid import Cell, Grid, ProseBlock, TableBlock
from extract.normalise import clean_text
from extract.reader import UnreadableFile
from extract.readers.safety import LIMITS

READER = "doc_table"

_WORD_97 = 0xC0  # nFib of Word 97's format and later (Word 6 wrote 101, Word 95 104)
_FIB_IDENT = 0xA5EC
_ENCRYPTED = 0x0100
_TABLE_ONE = 0x0200  # fWhichTblStm: the piece table is in `1Table`
_CLX, _PAPX_BINS = 33, 13  # pairs of FibRgFcLcb97: fcClx/lcbClx, fcPlcfBtePapx/lcbPlcfBtePapx
_PAGE = 512  # a formatted disk page (FKP)
_EDGE_SLACK = 20  # twips: a cell edge this close to another is the same grid line

# Paragraph and table properties (sprms) that say where a table's cells and rows end.
_IN_TABLE, _ROW_END, _DEPTH = 0x2416, 0x2417, 0x6649
_INNER_CELL, _INNER_ROW_END = 0x244B, 0x244C
_TABLE_DEF, _VERTICAL_MERGE, _HUGE_PROPERTIES, _TAB_CHANGES = 0xD608, 0xD62B, 0x6646, 0xC615
_OPERAND_SIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
_CONTINUES_MERGE, _STARTS_MERGE, _MERGED_INTO_LEFT = 0x20, 0x40, 0x02

_PARAGRAPH_ENDS = "\r\x07\x0c"
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
# special characters: objects anchored in the text are none of it; breaks are line breaks
_SHOWN = str.maketrans({"\x01": None, "\x02": None, "\x03": None, "\x04": None, "\x05": None,
                        "\x08": None, "\x1f": None, "\x0b": "\n", "\x0e": "\n", "\x1e": "-",
                        "\xa0": " ", "\t": " "})
_BROKEN = (OSError, ValueError, IndexError, KeyError, struct.error, EOFError, OverflowError)


def read_doc(data: bytes, name: str) -> Grid:
    """The document's main text as a Grid: tables with spans, paragraphs as prose, in order."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            document = _Document.open(ole, name)
            paragraphs = document.paragraphs()
    except _BROKEN as err:
        raise UnreadableFile(f"{name} is a damaged Word 97–2003 document ({err}); open and "
                             "re-save it as .docx") from err
    builder = _Builder()
    for text, marks in paragraphs:
        builder.add(text, marks)
    return Grid(blocks=builder.finish(), reader=READER, notes=builder.notes)


@dataclass(frozen=True)
class _Piece:
    """A run of the text: characters [cp, cp_end) stored from byte `fc` of WordDocument."""

    cp: int
    cp_end: int
    fc: int
    compressed: bool  # 8-bit (cp1252) rather than UTF-16

    def fc_of(self, cp: int) -> int:
        return self.fc + (cp - self.cp) * (1 if self.compressed else 2)


@dataclass(frozen=True)
class _Marks:
    """What a paragraph's properties say of it inside a table."""

    depth: int = 0  # 0 outside tables, 1 in a table, 2 in a table nested in a cell …
    cell_end: bool = False
    row_end: bool = False
    edges: tuple[int, ...] = ()  # the row's cell edges (twips), on a row end
    flags: tuple[int, ...] = ()  # each cell's merge flags, on a row end


@dataclass
class _Document:
    word: bytes
    table: bytes
    data: bytes
    pieces: list[_Piece]
    bins: tuple[list[int], list[int]]  # paragraph properties: FC bounds and the FKP page of each
    text_length: int
    starts: list[int] = field(default_factory=list)  # each piece's first character

    def __post_init__(self) -> None:
        self.starts = [piece.cp for piece in self.pieces]

    @classmethod
    def open(cls, ole: olefile.OleFileIO, name: str) -> _Document:
        if not ole.exists("WordDocument"):
            raise UnreadableFile(f"{name} holds no Word document stream; open and re-save it as .docx")
        word = ole.openstream("WordDocument").read()
        if _u16(word, 0) != _FIB_IDENT or _u16(word, 2) < _WORD_97:
            raise UnreadableFile(f"{name} is a Word 6/95 document (or older); open and re-save it "
                                 "as .docx")
        flags = _u16(word, 0x0A)
        if flags & _ENCRYPTED:
            raise UnreadableFile(f"{name} is a password-protected Word document; save a copy "
                                 "without the password")
        stream = "1Table" if flags & _TABLE_ONE else "0Table"
        if not ole.exists(stream):
            raise UnreadableFile(f"{name} lacks its {stream} stream; open and re-save it as .docx")
        table = ole.openstream(stream).read()
        data = ole.openstream("Data").read() if ole.exists("Data") else b""
        text_length, pairs = _fib_lengths(word)
        pieces = _pieces(_slice(table, *pairs(_CLX)), len(word))
        return cls(word, table, data, pieces, _bins(_slice(table, *pairs(_PAPX_BINS))), text_length)

    def paragraphs(self) -> list[tuple[str, _Marks]]:
        """The main text's paragraphs, each with its table marks, in order."""
        found: list[tuple[str, _Marks]] = []
        start = 0
        text = self.text()
        for cp, char in enumerate(text):
            if char in _PARAGRAPH_ENDS:
                found.append((_shown(text[start:cp]), self.marks_at(cp, char)))
                start = cp + 1
        if start < len(text):
            found.append((_shown(text[start:]), _Marks()))
        return found

    def text(self) -> str:
        """The main document's characters (footnotes, headers and comments follow it, unread)."""
        parts: list[str] = []
        for piece in self.pieces:
            end = min(piece.cp_end, self.text_length)
            if piece.cp >= end:
                continue
            count = end - piece.cp
            raw = self.word[piece.fc: piece.fc + count * (1 if piece.compressed else 2)]
            parts.append(raw.decode("cp1252" if piece.compressed else "utf-16-le", errors="replace"))
        return "".join(parts)

    def marks_at(self, cp: int, char: str) -> _Marks:
        """The table marks of the paragraph whose mark is the character at `cp`: a table
        nested in a cell ends its cells and rows with paragraph marks flagged so."""
        piece = self.pieces[max(0, bisect_right(self.starts, cp) - 1)]
        properties = self.properties(piece.fc_of(cp))
        depth = 1 if _on(properties, _IN_TABLE) else 0
        if len(properties.get(_DEPTH, b"")) == 4:
            depth = max(0, struct.unpack("<i", properties[_DEPTH])[0])
        nested = depth > 1
        row_end = _on(properties, _INNER_ROW_END if nested else _ROW_END)
        cell_end = not row_end and (char == "\r" and _on(properties, _INNER_CELL) if nested
                                    else char == "\x07" and depth == 1)
        edges, flags = _row_definition(properties) if row_end else ((), ())
        return _Marks(depth, cell_end, row_end, edges, flags)

    def properties(self, fc: int) -> dict[int, bytes]:
        """The paragraph properties (sprm → operand) of the paragraph mark stored at `fc`."""
        bounds, pages = self.bins
        index = bisect_right(bounds, fc) - 1
        if index < 0 or index >= len(pages):
            return {}
        grpprl = _paragraph_properties(self.word, pages[index], fc)
        found = dict(_sprms(grpprl))
        huge = found.get(_HUGE_PROPERTIES)
        if huge is not None and len(huge) == 4:
            offset = struct.unpack("<I", huge)[0]
            size = _u16(self.data, offset) if offset + 2 <= len(self.data) else 0
            found.update(_sprms(self.data[offset + 2: offset + 2 + size]))
        return found


def _fib_lengths(word: bytes) -> tuple[int, Callable[[int], tuple[int, int]]]:
    """The main text's length and a function giving (fc, lcb) pair `n` of FibRgFcLcb97."""
    csw = _u16(word, 32)
    longs = 34 + csw * 2 + 2
    cslw = _u16(word, longs - 2)
    text_length = _u32(word, longs + 12)  # FibRgLw97.ccpText
    pairs_at = longs + cslw * 4 + 2
    count = _u16(word, pairs_at - 2)
    if count <= _CLX:
        raise ValueError("the file information block is too short")

    def pair(n: int) -> tuple[int, int]:
        return _u32(word, pairs_at + n * 8), _u32(word, pairs_at + n * 8 + 4)

    return text_length, pair


def _pieces(clx: bytes, word_size: int) -> list[_Piece]:
    """The piece table: skip the property runs (Prc), read the PlcPcd."""
    index = 0
    while index < len(clx) and clx[index] == 1:
        index += 3 + _u16(clx, index + 1)
    if index >= len(clx) or clx[index] != 2:
        raise ValueError("no piece table")
    size = _u32(clx, index + 1)
    plc = clx[index + 5: index + 5 + size]
    count = (len(plc) - 4) // 12
    cps = [_u32(plc, 4 * k) for k in range(count + 1)]
    pieces: list[_Piece] = []
    for k in range(count):
        raw = _u32(plc, 4 * (count + 1) + 8 * k + 2)
        compressed = bool(raw & 0x40000000)
        fc = (raw & 0x3FFFFFFF) // 2 if compressed else raw & 0x3FFFFFFF
        if cps[k + 1] > cps[k] and fc < word_size:
            pieces.append(_Piece(cps[k], cps[k + 1], fc, compressed))
    if not pieces:
        raise ValueError("an empty piece table")
    return pieces


def _bins(plc: bytes) -> tuple[list[int], list[int]]:
    count = (len(plc) - 4) // 8 if len(plc) >= 4 else 0
    bounds = [_u32(plc, 4 * k) for k in range(count + 1)] if count else []
    pages = [_u32(plc, 4 * (count + 1) + 4 * k) & 0x3FFFFF for k in range(count)]
    return bounds, pages


def _paragraph_properties(word: bytes, page_number: int, fc: int) -> bytes:
    """The sprms of the paragraph run holding `fc` in FKP `page_number` (its style index cut)."""
    page = _page(word, page_number)
    if len(page) < _PAGE:
        return b""
    runs = page[_PAGE - 1]
    bounds = [_u32(page, 4 * j) for j in range(runs + 1)]
    index = bisect_right(bounds, fc) - 1
    if index < 0 or index >= runs:
        return b""
    offset = page[4 * (runs + 1) + 13 * index] * 2
    if not offset:
        return b""
    size = page[offset]
    start, length = (offset + 2, 2 * page[offset + 1]) if size == 0 else (offset + 1, 2 * size - 1)
    return page[start + 2: start + length]


def _page(word: bytes, number: int) -> bytes:
    return word[number * _PAGE: (number + 1) * _PAGE]


def _sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """(sprm, operand) pairs of a property list; a list cut short ends it."""
    index = 0
    while index + 2 <= len(grpprl):
        sprm = _u16(grpprl, index)
        index += 2
        size_kind = sprm >> 13
        if size_kind != 6:
            size = _OPERAND_SIZE[size_kind]
        elif sprm == _TABLE_DEF and index + 2 <= len(grpprl):
            size, index = _u16(grpprl, index) - 1, index + 2
        elif sprm == _TAB_CHANGES and index < len(grpprl) and grpprl[index] == 255:
            size, index = _tab_changes_size(grpprl, index + 1), index + 1
        elif index < len(grpprl):
            size, index = grpprl[index], index + 1
        else:
            return
        if size < 0 or index + size > len(grpprl):
            return
        yield sprm, grpprl[index: index + size]
        index += size


def _tab_changes_size(grpprl: bytes, index: int) -> int:
    """sprmPChgTabs written long (size 255): deletions with their close tolerances, additions."""
    deleted = grpprl[index] if index < len(grpprl) else 0
    after = index + 1 + 4 * deleted
    added = grpprl[after] if after < len(grpprl) else 0
    return 1 + 4 * deleted + 1 + 3 * added


def _on(properties: dict[int, bytes], sprm: int) -> bool:
    """A toggle property set (its one-byte operand not zero)."""
    return properties.get(sprm, b"\x00")[:1] not in (b"", b"\x00")


def _row_definition(properties: dict[int, bytes]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A row's cell edges (twips, left to right) and each cell's merge flags."""
    operand = properties.get(_TABLE_DEF, b"")
    if not operand:
        return (), ()
    cells = operand[0]
    if 1 + 2 * (cells + 1) > len(operand):
        return (), ()
    edges = struct.unpack_from(f"<{cells + 1}h", operand, 1)
    described = operand[1 + 2 * (cells + 1):]
    flags = [_u16(described, 20 * k) if 20 * k + 2 <= len(described) else 0 for k in range(cells)]
    merge = properties.get(_VERTICAL_MERGE, b"")  # a later row property: one cell's merge
    if len(merge) >= 2 and merge[0] < cells:
        flags[merge[0]] = (flags[merge[0]] & ~(_CONTINUES_MERGE | _STARTS_MERGE)) | \
            {1: _CONTINUES_MERGE, 3: _CONTINUES_MERGE | _STARTS_MERGE}.get(merge[1], 0)
    return tuple(edges), tuple(flags)


def _shown(raw: str) -> str:
    """A paragraph's text as Word shows it: a field's result without its code, objects
    anchored in the text dropped, breaks as line breaks."""
    out: list[str] = []
    hidden: list[bool] = []  # per open field: still in its code (before its separator)
    for char in raw:
        if char == _FIELD_BEGIN:
            hidden.append(True)
        elif char == _FIELD_SEPARATOR and hidden:
            hidden[-1] = False
        elif char == _FIELD_END and hidden:
            hidden.pop()
        elif not any(hidden):
            out.append(char)
    return "".join(out).translate(_SHOWN).strip()


_Row = tuple[list[str], tuple[int, ...], tuple[int, ...]]  # cell texts, edges, merge flags


@dataclass
class _Table:
    """A table being read: its finished rows (cell texts, edges, flags), the row and the cell
    being read, and the tables nested in its cells."""

    rows: list[_Row] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    nested: list[_Table] = field(default_factory=list)


@dataclass
class _Builder:
    """Blocks in document order: prose for paragraphs outside tables, a TableBlock a table."""

    blocks: list[TableBlock | ProseBlock] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    open: list[_Table] = field(default_factory=list)  # the table at each depth being read
    line: int = 0
    tables: int = 0
    paragraph_count: int = 0

    def add(self, text: str, marks: _Marks) -> None:
        self._close_to(marks.depth)
        if not marks.depth:
            self._prose(text)
            return
        while len(self.open) < marks.depth:
            self.open.append(_Table())
        table = self.open[-1]
        if marks.row_end:
            if table.paragraphs and any(table.paragraphs):
                table.cells.append("\n".join(p for p in table.paragraphs if p))
            table.rows.append((table.cells, marks.edges, marks.flags))
            table.cells, table.paragraphs = [], []
        elif marks.cell_end:
            table.paragraphs.append(text)
            table.cells.append("\n".join(p for p in table.paragraphs if p))
            table.paragraphs = []
        else:
            table.paragraphs.append(text)

    def finish(self) -> list[TableBlock | ProseBlock]:
        self._close_to(0)
        return self.blocks

    def _close_to(self, depth: int) -> None:
        """Tables deeper than `depth` are done: a nested one waits for its outer table."""
        while len(self.open) > depth:
            done = self.open.pop()
            if self.open:
                self.open[-1].nested.append(done)
            else:
                self._emit(done)

    def _prose(self, text: str) -> None:
        self.paragraph_count += 1
        if text:
            self.line += 1
            self.blocks.append(ProseBlock(text=clean_text(text), raw=text, line=self.line,
                                          last_line=self.line,
                                          location=f"paragraph {self.paragraph_count}"))

    def _emit(self, table: _Table) -> None:
        self.tables += 1
        rows = table.rows[: LIMITS.table_rows]
        if len(table.rows) > len(rows):
            self.notes.append(f"table {self.tables} has {len(table.rows)} rows; only "
                              f"{len(rows)} were read")
        cells, exact = _grid_cells(rows, self.tables)
        first = self.line + 1
        for item in cells:
            item.line, item.last_line = first + item.row, first + item.row + item.row_span - 1
        self.line += len(rows)
        if cells:
            self.blocks.append(TableBlock(cells=cells, reader=READER, rows="exact",
                                          columns="exact" if exact else "loose"))
        for inner in table.nested:
            self._emit(inner)


def _grid_cells(rows: list[_Row], number: int) -> tuple[list[Cell], bool]:
    """One Cell per merged region at its grid column; whether every row gave its edges."""
    columns = _grid_lines([edge for _, edges, _ in rows for edge in edges])
    exact = all(len(edges) == len(texts) + 1 for texts, edges, _ in rows)
    cells: list[Cell] = []
    above: dict[int, Cell] = {}
    for r, (texts, edges, flags) in enumerate(rows):
        current: dict[int, Cell] = {}
        placed: Cell | None = None
        for index, raw in enumerate(texts):
            col, span = _placed(columns, edges, index) if exact else (index, 1)
            flag = flags[index] if exact and index < len(flags) else 0
            if flag & _MERGED_INTO_LEFT and placed is not None:  # an old-style horizontal merge
                placed.col_span += span
                continue
            top = above.get(col)
            if flag & _CONTINUES_MERGE and not flag & _STARTS_MERGE and top is not None \
                    and top.col_span == span:
                top.row_span = r - top.row + 1
                if raw:
                    top.raw = f"{top.raw}\n{raw}" if top.raw else raw
                    top.text = clean_text(top.raw)
                current[col] = placed = top
                continue
            placed = Cell(row=r, col=col, text=clean_text(raw), raw=raw, line=1, col_span=span,
                          location=f"table {number}, row {r + 1}, col {col + 1}")
            cells.append(placed)
            current[col] = placed
        above = current
    return cells, exact


def _placed(columns: list[int], edges: tuple[int, ...], index: int) -> tuple[int, int]:
    """(first grid column, columns spanned) of cell `index` from its row's edges."""
    first, last = _column(columns, edges[index]), _column(columns, edges[index + 1])
    return first, max(1, last - first)


def _grid_lines(edges: list[int]) -> list[int]:
    """The table's column lines: the edges of all its rows, those within a hair one line."""
    lines: list[int] = []
    for edge in sorted(set(edges)):
        if not lines or edge - lines[-1] > _EDGE_SLACK:
            lines.append(edge)
    return lines


def _column(lines: list[int], edge: int) -> int:
    """The grid line an edge stands on (the nearest one)."""
    index = bisect_right(lines, edge + _EDGE_SLACK) - 1
    return max(0, index)


def _slice(stream: bytes, offset: int, size: int) -> bytes:
    if offset + size > len(stream):
        raise ValueError("a structure runs past the end of its stream")
    return stream[offset: offset + size]


def _u16(data: bytes, offset: int) -> int:
    return struct.unpack_from("<H", data, offset)[0]


def _u32(data: bytes, offset: int) -> int:
    return struct.unpack_from("<I", data, offset)[0]
