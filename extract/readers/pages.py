"""Pages (of a PDF or a scan) → one Grid: headers dropped, split tables stitched.

A page arrives as lattice tables plus the text items outside them. Lines
that repeat at the top or bottom of most pages (a running header, 第 N 页)
are dropped; a table that ends a page and one that starts the next with the
same columns are one table cut by the page break, and a cell cut by the
break (no ruling line at the cut) is joined with its other half. Text
outside lattice tables is grouped into lines: a line with several widely
separated pieces becomes a table row with `columns="loose"` (a table drawn
without lines), a line of one piece becomes prose.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from itertools import takewhile

from rapidfuzz import fuzz

from extract.classify import classify
from extract.grid import Cell, Grid, ProseBlock, TableBlock
from extract.normalise import clean_text
from extract.readers.lattice import Item, LCell, LTable, cluster, items_text, join_line, text_lines

MARGIN = 0.06  # top and bottom share of a page where running headers and footers sit
COLUMN_GAP = 1.5  # a gap wider than this × the text height separates two columns
TITLE_LIKENESS = 90  # rapidfuzz ratio from which a line at a page's top prints a title again
_DIGITS = re.compile(r"\d+")
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_WRAP_WIDE = re.compile(f"(?<=[{_WIDE}])\n|\n(?=[{_WIDE}])")


def unwrap(raw: str) -> str:
    """A cell's text with its printed line breaks undone: none beside Chinese, else a space.

    A PDF or a scan cannot tell a wrapped line from a hard break; in Chinese
    text a break never stands for a space, in Latin text it does.
    """
    return clean_text(_WRAP_WIDE.sub("", raw))


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    unit: str  # "pt" or "px"
    tables: list[LTable] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)  # text outside the tables
    space_gap: float = 0.3
    ocr_layer: bool = False  # a scan's text layer that an OCR engine drew unseen (extract/readers/pdf.py)


@dataclass
class _Line:
    """A printed line outside tables: one or more pieces (loose columns)."""

    top: float
    pieces: list[list[Item]]


def pages_to_grid(pages: list[Page], reader: str, notes: list[str]) -> Grid:
    """The pages' tables and lines in reading order, as a Grid (see the module docstring)."""
    pages = _side_by_side(pages, notes)
    lines = {page.number: _lines(page) for page in pages}
    _drop_running_lines(pages, lines, notes)
    emitter = _Emitter(reader=reader, notes=notes)
    carry: tuple[LTable, Page] | None = None
    titles: list[str] = []
    for page in pages:
        entries = sorted([(t.ys[0], t) for t in page.tables] + [(ln.top, ln) for ln in lines[page.number]],
                         key=lambda e: e[0])
        if not titles:
            titles = [_line_key(e) for _top, e in _before_first_table(entries)]
        elif carry and (repeated := _repeated_titles(entries, titles, carry[0], page)):
            notes.append(f"page {page.number}: {repeated} title lines printed again above the "
                         "continued table were read once")
            entries = entries[repeated:]
        for n, (_top, entry) in enumerate(entries):
            if isinstance(entry, LTable):
                if n == 0 and carry and _continues(carry[0], entry):
                    emitter.extend(entry, page)
                else:
                    emitter.table(entry, page)
            else:
                emitter.line(entry, page)
        last = entries[-1][1] if entries else None
        carry = (last, page) if isinstance(last, LTable) else None
    return Grid(blocks=emitter.blocks, reader=reader, notes=notes)


def _before_first_table(entries: list[tuple[float, LTable | _Line]]) -> list[tuple[float, _Line]]:
    return list(takewhile(lambda e: isinstance(e[1], _Line), entries))  # type: ignore[arg-type]


def _line_key(line: _Line) -> str:
    return unicodedata.normalize("NFKC", "".join(i.text for p in line.pieces for i in p)).replace(" ", "")


def _repeated_titles(entries: list[tuple[float, LTable | _Line]], titles: list[str], carried: LTable,
                     page: Page) -> int:
    """How many lines open the page that print the first page's title lines again (a
    spreadsheet's print titles) above a table that goes on from the page before: the same
    columns, and no field label (`项目名称`) opening it, which would start a form of its own."""
    lines = _before_first_table(entries)
    if not lines or len(lines) == len(entries) or not all(
            max((fuzz.ratio(key, title) for title in titles), default=0) >= TITLE_LIKENESS
            for key in (_line_key(line) for _top, line in lines)):
        return 0
    table = entries[len(lines)][1]
    assert isinstance(table, LTable)
    opening = next((cell for cell in table.cells if cell.row == 0 and cell.items), None)
    if not _continues(carried, table) or (opening is not None and classify(
            unwrap(items_text(opening.items, page.space_gap))).field):
        return 0
    return len(lines)


def _side_by_side(pages: list[Page], notes: list[str]) -> list[Page]:
    """A sheet wider than its paper, printed without fitting it to the page width, goes on
    over the next page to the right: the next page's table has the same rows, at the same
    heights, and another frame. The two are one page: its table joined on the right, its
    text lines after the first page's (a line the paper's edge cut goes on there; where
    it was printed whole on both pages, the second copy goes). A table
    that names its rows in its first column starts a form of its own. A sheet both wider
    and longer than its paper is printed down, then across (pages 1 and 2 its left half,
    3 and 4 its right): a page goes on the right of the earliest page not yet widened
    whose rows it shares."""
    joined: list[Page] = []
    widened: set[int] = set()
    for page in pages:
        latest_first = [len(joined) - 1, *range(len(joined) - 1)] if joined else []
        left = next((k for k in latest_first if k not in widened and _goes_on_right(joined[k], page)),
                    None)
        if left is not None:
            notes.append(f"page {page.number} continues page {joined[left].number} to the right (a "
                         "sheet wider than the paper); read as one page")
            joined[left] = _joined_right(joined[left], page)
            widened.add(left)
            continue
        joined.append(page)
    return joined


def _goes_on_right(last: Page, page: Page) -> bool:
    return bool(last.tables and page.tables) and last.unit == page.unit \
        and _same_rows(last.tables[-1], page.tables[0]) \
        and not _same_columns(last.tables[-1], page.tables[0]) \
        and not _names_its_rows(page.tables[0], page)


def _same_rows(a: LTable, b: LTable) -> bool:
    tol = _tol(a.ys)
    return len(a.ys) == len(b.ys) >= _SIDE_ROWS and \
        all(abs(y - z) <= tol for y, z in zip(a.ys, b.ys, strict=True))


_SIDE_ROWS = 4  # row lines a table needs before equal heights tell it goes on sideways


def _names_its_rows(table: LTable, page: Page) -> bool:
    """A table whose first column holds field labels, level names or their headings
    (`项目名称`, `一级指标`, `产出指标`) is a form of its own, however its rows line up
    with the page before."""
    for cell in table.cells:
        if cell.col == 0:
            tags = classify(unwrap(items_text(cell.items, page.space_gap)))
            if tags.field or tags.is_level or tags.title or tags.column in _ROW_NAMES:
                return True
    return False


_ROW_NAMES = ("level1", "level2", "name", "project")


def _joined_right(left: Page, right: Page) -> Page:
    table, other = left.tables[-1], right.tables[0]
    shift = table.xs[-1] - other.xs[0]
    offset = len(table.xs) - 1

    def moved(item: Item) -> Item:
        return replace(item, x0=item.x0 + shift, x1=item.x1 + shift)

    cells = [replace(cell, col=cell.col + offset, box=(cell.box[0] + shift, cell.box[1],
                                                       cell.box[2] + shift, cell.box[3]),
                     items=[moved(item) for item in cell.items]) for cell in other.cells]
    wide = LTable(xs=table.xs + [x + shift for x in other.xs[1:]], ys=table.ys, joined_at=table.xs[-1],
                  cells=sorted(table.cells + cells, key=lambda cell: (cell.row, cell.col)))
    taken = [_extent(line) for line in text_lines(left.items)]
    items = [moved(item) for line in text_lines(right.items) if not _printed_before(line, taken)
             for item in line]
    return replace(left, width=left.width + right.width,
                   tables=[*left.tables[:-1], wide, *right.tables[1:]], items=left.items + items)


def _printed_before(line: list[Item], taken: list[tuple[float, float, str]]) -> bool:
    """Whether a line beside the first page's, at its height, only repeats its text."""
    top, bottom, text = _extent(line)
    return any(y0 < bottom and top < y1 and text in printed for y0, y1, printed in taken)


def _extent(line: list[Item]) -> tuple[float, float, str]:
    """A printed line's top, bottom and text without spaces."""
    return (min(item.y0 for item in line), max(item.y1 for item in line),
            "".join(item.text for item in line).replace(" ", ""))


def _lines(page: Page) -> list[_Line]:
    out = []
    for line in text_lines(page.items):
        pieces: list[list[Item]] = [[line[0]]]
        for item in line[1:]:
            prev = pieces[-1][-1]
            if item.x0 - prev.x1 > COLUMN_GAP * max(item.height, prev.height):
                pieces.append([item])
            else:
                pieces[-1].append(item)
        out.append(_Line(top=min(i.y0 for i in line), pieces=pieces))
    return out


def _drop_running_lines(pages: list[Page], lines: dict[int, list[_Line]], notes: list[str]) -> None:
    """Remove running headers and footers (see `_running`)."""
    if len(pages) < 2:
        return
    heights = {page.number: page.height for page in pages}
    seen: dict[str, list[tuple[int, float]]] = {}
    for page in pages:
        for line in lines[page.number]:
            key = _margin_key(line, heights[page.number])
            if key:
                seen.setdefault(key, []).append((page.number, line.top / heights[page.number]))
    running = {key for key, where in seen.items() if _running(where, [p.number for p in pages])}
    for page in pages:
        lines[page.number] = [ln for ln in lines[page.number]
                              if _margin_key(ln, heights[page.number]) not in running]
    for key in sorted(running):
        notes.append(f"dropped a running header or footer repeated on {len(seen[key])} pages: {key!r}")


def _margin_key(line: _Line, height: float) -> str | None:
    """A line in the top or bottom margin, digits masked (page numbers, dates); else None."""
    if MARGIN * height < line.top < (1 - MARGIN) * height:
        return None
    return _DIGITS.sub("#", "".join(i.text for p in line.pieces for i in p)).strip() or None


def _running(where: list[tuple[int, float]], pages: list[int]) -> bool:
    """On the first page and at least half the others, at the same height on each.

    A running header starts on the first page; a form title that starts every
    later page (and sits lower on the first, under a cover heading) is kept.
    """
    tops = [top for _, top in where]
    on = {p for p, _ in where}
    return pages[0] in on and len(on) >= max(2, (len(pages) + 1) // 2) and max(tops) - min(tops) <= 0.005


def _tol(xs: list[float]) -> float:
    return max(2.0, 0.005 * (xs[-1] - xs[0]))


_REPEATED_CELLS = 2  # a repeated header row holds at least this many headings
_VALUE_SHAPES = ("number", "quant", "op")


def _continues(carried: LTable, table: LTable) -> bool:
    """Whether `table`, opening a page, goes on with the table the page before ended with:
    the same frame, or, where that was a sheet joined from two pages side by side, the
    frame of its left page (the rows below went on down the left half)."""
    if _same_columns(carried, table):
        return True
    if carried.joined_at is None:
        return False
    tol = _tol(carried.xs)
    left = [x for x in carried.xs if x <= carried.joined_at + tol]
    return len(left) >= 2 and _same_columns(LTable(xs=left, ys=carried.ys, cells=[]), table)


def _same_columns(a: LTable, b: LTable) -> bool:
    """The same table's frame: equal outer edges, and one's column lines among the other's.

    A page may show only rows whose merged cells hide some column lines, so
    the line sets need not be equal, only nested.
    """
    tol = _tol(a.xs)

    def within(small: list[float], big: list[float]) -> bool:
        return all(any(abs(x - y) <= tol for y in big) for x in small)

    edges = abs(a.xs[0] - b.xs[0]) <= tol and abs(a.xs[-1] - b.xs[-1]) <= tol
    return edges and (within(a.xs, b.xs) or within(b.xs, a.xs))


def _location(page: Page, box: tuple[float, float, float, float]) -> str:
    x0, y0, x1, y1 = box
    return f"page {page.number} ({x0:.0f},{y0:.0f},{x1:.0f},{y1:.0f}) {page.unit}"


@dataclass
class _Emitter:
    reader: str
    notes: list[str]
    blocks: list[TableBlock | ProseBlock] = field(default_factory=list)
    line_no: int = 0
    # the table being built: its block, its column lines, its rows so far, and the
    # cells of its last row that a page break left open (with their x extents)
    current: TableBlock | None = None
    xs: list[float] = field(default_factory=list)
    rows: int = 0
    extents: dict[int, tuple[float, float]] = field(default_factory=dict)  # id(cell) → x0, x1
    open_cells: list[Cell] = field(default_factory=list)
    loose: TableBlock | None = None  # the loose table that text lines are being added to
    loose_rows: int = 0

    def table(self, table: LTable, page: Page) -> None:
        self.current = TableBlock(cells=[], reader=self.reader, rows="exact", columns="exact",
                                  labels_may_be_centred=True)
        self.blocks.append(self.current)
        self.xs, self.rows, self.extents, self.open_cells = list(table.xs), 0, {}, []
        self._add(table, page, join=False)

    def extend(self, table: LTable, page: Page) -> None:
        """Rows of `table` continue the current table (cut by a page break)."""
        union = cluster(self.xs + table.xs, _tol(self.xs))
        if len(union) != len(self.xs):
            self.xs = union
            for cell in self.current.cells if self.current else []:
                cell.col, cell.col_span = self._columns(*self.extents[id(cell)])
        if self._repeats_header(table, page):
            self.notes.append(f"page {page.number}: the table's header row, repeated at the top of the "
                              "page, was read once")
            table = LTable(xs=table.xs, ys=table.ys[1:],
                           cells=[replace(lc, row=lc.row - 1) for lc in table.cells if lc.row > 0])
        self._add(table, page, join=True)

    def _repeats_header(self, table: LTable, page: Page) -> bool:
        """Whether the fragment starts with a row of the table again (Word's repeated title
        rows, a browser's repeated `<thead>`): its first row, or the header row of an
        indicator block under a header block drawn on the same grid."""
        if self.current is None or len(table.ys) < 3:
            return False
        first = [lc for lc in table.cells if lc.row == 0]
        if any(lc.row_span > 1 or lc.open_top for lc in first):
            return False
        again = {self._columns(lc.box[0], lc.box[2]): unwrap(items_text(lc.items, page.space_gap))
                 for lc in first}
        if sum(1 for text in again.values() if text) < _REPEATED_CELLS:
            return False
        rows: dict[int, dict[tuple[int, int], str]] = {}
        for cell in self.current.cells:
            rows.setdefault(cell.row, {})[(cell.col, cell.col_span)] = cell.text
        return any(row == again for row in rows.values())

    def _columns(self, x0: float, x1: float) -> tuple[int, int]:
        first = min(range(len(self.xs)), key=lambda i: abs(self.xs[i] - x0))
        last = min(range(len(self.xs)), key=lambda i: abs(self.xs[i] - x1))
        return first, max(1, last - first)

    def _upper(self, lc: LCell) -> Cell | None:
        """The open cell above `lc` with the same left and right edges, if any."""
        return self._with_edges(self.open_cells, lc)

    def _with_edges(self, cells: list[Cell], lc: LCell) -> Cell | None:
        """The first of `cells` with the left and right edges of `lc`, if any."""
        tol = _tol(self.xs)
        return next((cell for cell in cells if abs(self.extents[id(cell)][0] - lc.box[0]) <= tol
                     and abs(self.extents[id(cell)][1] - lc.box[2]) <= tol), None)

    def _last_row(self) -> list[Cell]:
        """The cells that reach the table's last row so far."""
        return [cell for cell in self.current.cells if cell.row + cell.row_span == self.rows] \
            if self.current else []

    def _add(self, table: LTable, page: Page, join: bool) -> None:
        assert self.current is not None
        rows = len(table.ys) - 1
        # a page break through a row: every cell at the top is the rest of one above
        cut = join and all(lc.open_top and self._upper(lc) is not None for lc in table.cells if lc.row == 0)
        redrawn = join and not cut and self._cut_with_frame(table, page)
        cut = cut or redrawn
        base, first_line = self.rows - cut, self.line_no + 1 - cut
        still_open: list[Cell] = []
        for lc in table.cells:
            raw = items_text(lc.items, page.space_gap)
            upper = self._upper(lc) if join and lc.open_top else \
                self._above(lc) if redrawn and lc.row == 0 else None
            if upper is not None:
                upper.row_span += lc.row_span - cut
                upper.last_line = first_line + lc.row + lc.row_span - 1
                if raw:
                    upper.raw = f"{upper.raw}\n{raw}" if upper.raw else raw
                    upper.text = unwrap(upper.raw)
                cell = upper
            else:
                line = first_line + lc.row
                col, span = self._columns(lc.box[0], lc.box[2])
                cell = Cell(row=base + lc.row, col=col, text=unwrap(raw), raw=raw, line=line,
                            last_line=line + lc.row_span - 1, row_span=lc.row_span, col_span=span,
                            location=_location(page, lc.box))
                self.extents[id(cell)] = (lc.box[0], lc.box[2])
                self.current.cells.append(cell)
            if lc.open_bottom:
                still_open.append(cell)
        self.rows = base + rows
        self.open_cells = still_open
        self.line_no += rows - cut

    def _cut_with_frame(self, table: LTable, page: Page) -> bool:
        """A page break through a row whose frame the writer closed at the break (LibreOffice
        draws the rule): the page's first row holds only the rest of text cells of the row
        above (`农村供水工程运行管护` / `机制`, a remark's last lines), each under a cell its
        column wrapped, and nothing where that row prints its figures (a figure is never cut
        over two lines)."""
        first = [lc for lc in table.cells if lc.row == 0]
        filled = [(lc, unwrap(items_text(lc.items, page.space_gap))) for lc in first]
        filled = [(lc, text) for lc, text in filled if text]
        if not filled:
            return False
        for lc, text in filled:
            above = self._above(lc)
            tags = classify(text)
            if above is None or "\n" not in above.raw.strip() or lc.row_span > 1 or tags.is_label \
                    or tags.shape in _VALUE_SHAPES:
                return False  # (only a cell its column wrapped runs on past the page's foot)
        figures = {cell.col for cell in self._last_row() if classify(cell.text).shape in _VALUE_SHAPES}
        return bool(figures) and \
            not any(self._columns(lc.box[0], lc.box[2])[0] in figures for lc, _ in filled)

    def _above(self, lc: LCell) -> Cell | None:
        """The cell of the table's last row with the same left and right edges, if any."""
        return self._with_edges(self._last_row(), lc)

    def line(self, line: _Line, page: Page) -> None:
        self.current = None
        self.line_no += 1
        raws = [join_line(piece, page.space_gap) for piece in line.pieces]
        boxes = [(min(i.x0 for i in p), min(i.y0 for i in p), max(i.x1 for i in p), max(i.y1 for i in p))
                 for p in line.pieces]
        if len(raws) == 1:
            self.blocks.append(ProseBlock(text=clean_text(raws[0]), raw=raws[0], line=self.line_no,
                                          last_line=self.line_no, location=_location(page, boxes[0])))
            return
        block = self.blocks[-1] if self.blocks else None
        if block is None or block is not self.loose:
            block = self.loose = TableBlock(cells=[], reader=self.reader, rows="exact", columns="loose")
            self.blocks.append(block)
            self.loose_rows = 0
        for col, (raw, box) in enumerate(zip(raws, boxes, strict=True)):
            block.cells.append(Cell(row=self.loose_rows, col=col, text=clean_text(raw), raw=raw,
                                    line=self.line_no, last_line=self.line_no,
                                    location=_location(page, box)))
        self.loose_rows += 1
