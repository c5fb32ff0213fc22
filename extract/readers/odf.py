"""OpenDocument text and spreadsheets (`.odt`, `.ods`: LibreOffice's and WPS's own formats) → the cell grid.

An OpenDocument file is a zip whose `content.xml` holds the body. A text document's
paragraphs (`text:p`, `text:h`, in lists and sections) and tables (`table:table` of
`table:table-row`s of `table:table-cell`s, a merge spelled `table:number-columns-spanned` /
`table:number-rows-spanned` on its first cell and `table:covered-table-cell` where it
covers) are translated to WordprocessingML's elements and walked with docx.py's walker, so
merges, nested tables, text boxes and tab-set paragraphs read as they do in a .docx. A
spreadsheet's cells keep the text Calc showed (`text:p` in each cell: `95.00%`, not 0.95),
and each sheet is cut into title lines and tables by the rules xlsx.py uses; hidden sheets,
rows and columns are not read (noted), as in a workbook. A repeated row or cell
(`table:number-rows-repeated`: Calc writes a sheet's million empty rows as one) is
counted, not copied, unless it holds text.
"""

from __future__ import annotations

import zipfile

from lxml import etree

from extract.grid import Grid, TableBlock
from extract.reader import UnreadableFile
from extract.readers.docx import Body, W, paragraph_line, tab_stop_tables
from extract.readers.office_xml import parse
from extract.readers.safety import LIMITS, check_xml_parts, open_zip
from extract.readers.spans import clamp_span
from extract.readers.xlsx import Box, Hidden, Output

TEXT_READER = "odt_table"
SHEET_READER = "ods_sheet"

_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
# LibreOffice writes a table inside a drawn shape in its extension namespace (`loext:table`)
_LOEXT = "{urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0}"
# containers whose children are blocks in document order
_BLOCK_GROUPS = {f"{_TEXT}{tag}" for tag in ("section", "list", "list-item", "list-header", "index-body",
                                             "table-of-content", "illustration-index", "table-index",
                                             "alphabetical-index", "user-index", "bibliography")}
_ROW_GROUPS = {f"{space}{tag}" for space in (_TABLE, _LOEXT)
               for tag in ("table-header-rows", "table-rows", "table-row-group")}
_TABLES = {f"{_TABLE}table", f"{_LOEXT}table"}
_ROWS = {f"{_TABLE}table-row", f"{_LOEXT}table-row"}
_CELL = {f"{_TABLE}table-cell", f"{_LOEXT}table-cell"}
_COVERED = {f"{_TABLE}covered-table-cell", f"{_LOEXT}covered-table-cell"}
# inline elements whose text a reader does not see on the page
_UNSEEN = {f"{_TEXT}{tag}" for tag in ("note", "tracked-changes", "bookmark", "bookmark-start",
                                       "bookmark-end", "soft-page-break", "change", "change-start",
                                       "change-end", "reference-mark", "toc-mark", "alphabetical-index-mark",
                                       "sequence-decls", "variable-decls", "user-field-decls")} | {
    f"{_OFFICE}annotation", f"{_OFFICE}annotation-end"}


def read_odt(data: bytes, name: str) -> Grid:
    """The text document's body as a Grid: tables with spans, paragraphs as prose, in order."""
    text = _body(data, name, "OpenDocument text", "text")
    body = etree.Element(f"{W}body")
    for child in text:
        _block(child, body)
    walker = Body()
    walker.blocks_of(body)
    for block in walker.blocks:
        if isinstance(block, TableBlock):
            block.reader = TEXT_READER
    return Grid(blocks=tab_stop_tables(walker.blocks, walker.tab_lines, walker.notes),
                reader=TEXT_READER, notes=walker.notes)


def read_ods(data: bytes, name: str) -> Grid:
    """Every sheet's tables and title lines, in sheet order."""
    sheets = _body(data, name, "OpenDocument spreadsheet", "spreadsheet")
    hidden_styles = _hidden_styles(sheets.getparent().getparent())
    out = Output(reader=SHEET_READER)
    for number, sheet in enumerate(sheets.iterchildren(f"{_TABLE}table"), 1):
        title = sheet.get(f"{_TABLE}name") or f"Sheet{number}"
        if sheet.get(f"{_TABLE}style-name") in hidden_styles:
            out.hidden(title)
            continue
        values, merges, hidden, truncated = _sheet(sheet)
        if truncated:
            out.notes.append(f"sheet {title}: {truncated}; the rest was not read")
        out.sheet(title, values, merges, hidden)
    return Grid(blocks=out.blocks, reader=SHEET_READER, notes=out.notes)


def _body(data: bytes, name: str, what: str, kind: str):
    """`office:body`'s `office:<kind>` element of the package's content.xml."""
    package = open_zip(data, what)
    check_xml_parts(package, what)
    try:
        content = package.read("content.xml")
    except (KeyError, zipfile.BadZipFile, OSError) as err:
        raise UnreadableFile(f"{name} is an {what} file without readable content ({err}); "
                             "open and re-save it") from err
    root = parse(content, name, what)
    found = root.find(f"{_OFFICE}body/{_OFFICE}{kind}")
    if found is None:
        raise UnreadableFile(f"{name} is an OpenDocument file but no {what}; open it in "
                             "LibreOffice and save it as .docx or .xlsx")
    return found


def _block(element, parent) -> None:
    """One ODF block element appended to `parent` as its WordprocessingML counterpart."""
    tag = element.tag
    if tag in (f"{_TEXT}p", f"{_TEXT}h"):
        _paragraph(element, parent)
    elif tag in _TABLES:
        parent.append(_table(element))
    elif tag in _BLOCK_GROUPS:
        for child in element:
            _block(child, parent)


def _paragraph(element, parent) -> None:
    """A paragraph, then the blocks of the text boxes anchored in it (a form drawn in a frame)."""
    p = etree.SubElement(parent, f"{W}p")
    boxes: list = []
    _inline(element, etree.SubElement(p, f"{W}r"), boxes)
    for box in boxes:
        for child in box:
            _block(child, parent)


def _inline(element, run, boxes: list) -> None:
    """The paragraph's visible text as `w:t`, `w:tab` and `w:br` children of `run`."""
    _text(run, element.text)
    for child in element:
        tag = child.tag
        if tag == f"{_TEXT}s":
            _text(run, " " * _span(child.get(f"{_TEXT}c")))
        elif tag == f"{_TEXT}tab":
            etree.SubElement(run, f"{W}tab")
        elif tag == f"{_TEXT}line-break":
            etree.SubElement(run, f"{W}br")
        elif tag == f"{_DRAW}frame":
            boxes.extend(child.iterchildren(f"{_DRAW}text-box"))
        elif tag == f"{_DRAW}custom-shape":  # a text box Word drew, as LibreOffice keeps it
            boxes.append(child)
        elif isinstance(tag, str) and tag not in _UNSEEN and not tag.startswith(_DRAW):
            _inline(child, run, boxes)
        _text(run, child.tail)


def _text(run, text: str | None) -> None:
    if text:
        etree.SubElement(run, f"{W}t").text = text


def _table(element):
    """A `w:tbl`: each ODF row a `w:tr`, a cell spanning columns a `w:gridSpan`, rows a
    `w:vMerge` that the cells it covers below continue."""
    tbl = etree.Element(f"{W}tbl")
    down: dict[int, list[int]] = {}  # start column → [rows still covered, columns spanned]
    for row in _rows(element):
        tr = etree.SubElement(tbl, f"{W}tr")
        col, skip = 0, 0
        for cell in _cells(row):
            if cell.tag in _COVERED and skip:
                skip -= 1
                continue
            col, skip = _cell(cell, tr, col, down)
        for start in [start for start, left in down.items() if left[0] <= 0]:
            del down[start]
    return tbl


def _cell(cell, tr, col: int, down: dict[int, list[int]]) -> tuple[int, int]:
    """Append the `w:tc` a cell (or a covered cell continuing a merge from above) stands
    for; returns the next column and the covered cells to skip on its right."""
    tc = etree.SubElement(tr, f"{W}tc")
    properties = etree.SubElement(tc, f"{W}tcPr")
    if cell.tag in _COVERED:
        left = down.get(col)
        span = left[1] if left else 1
        if left:
            left[0] -= 1
            etree.SubElement(properties, f"{W}vMerge")
        _grid_span(properties, span)
        etree.SubElement(tc, f"{W}p")
        return col + span, span - 1
    span = _span(cell.get(f"{_TABLE}number-columns-spanned"))
    rows = _span(cell.get(f"{_TABLE}number-rows-spanned"))
    _grid_span(properties, span)
    if rows > 1:
        etree.SubElement(properties, f"{W}vMerge").set(f"{W}val", "restart")
        down[col] = [rows - 1, span]
    for child in cell:
        _block(child, tc)
    if tc.find(f"{W}p") is None:
        etree.SubElement(tc, f"{W}p")
    return col + span, span - 1


def _grid_span(properties, span: int) -> None:
    if span > 1:
        etree.SubElement(properties, f"{W}gridSpan").set(f"{W}val", str(span))


def _rows(table):
    """The table's rows, through header-row and row groups, a repeated row given as often
    as it repeats (bounded)."""
    for child in table:
        if child.tag in _ROW_GROUPS:
            yield from _rows(child)
        elif child.tag in _ROWS:
            for _ in range(_span(child.get(f"{_TABLE}number-rows-repeated"))):
                yield child


def _cells(row):
    for cell in row:
        if cell.tag in _CELL or cell.tag in _COVERED:
            for _ in range(_span(cell.get(f"{_TABLE}number-columns-repeated"))):
                yield cell


def _span(value: str | None) -> int:
    """A span or repeat count of a text document's table, bounded as any span is."""
    return clamp_span(value, LIMITS.span)


def _repeat(element, attribute: str) -> int:
    """How often a sheet's row, cell or column repeats (`table:number-…-repeated`), unbounded:
    an empty one's count only moves the place on."""
    stated = (element.get(f"{_TABLE}{attribute}") or "").strip()
    return int(stated) if stated.isdigit() and int(stated) > 0 else 1


def _hidden_styles(root) -> set[str]:
    """Names of the automatic table styles that hide a sheet (`table:display="false"`)."""
    styles = root.find(f"{_OFFICE}automatic-styles")
    hidden: set[str] = set()
    for style in styles.iterchildren(f"{_STYLE}style") if styles is not None else ():
        properties = style.find(f"{_STYLE}table-properties")
        if properties is not None and properties.get(f"{_TABLE}display") == "false":
            hidden.add(style.get(f"{_STYLE}name", ""))
    return hidden


def _sheet(sheet) -> tuple[dict[tuple[int, int], str], list[Box], Hidden, str]:
    """(row, col) → shown text (1-based), merged boxes, hidden rows and columns, and what
    the caps cut. Empty repeated rows and cells only move the count on."""
    values: dict[tuple[int, int], str] = {}
    merges: list[Box] = []
    hidden_rows: set[int] = set()
    row = 0
    for element, repeat in _sheet_rows(sheet):
        if row + 1 > LIMITS.sheet_rows:
            return values, merges, Hidden(frozenset(hidden_rows), _hidden_columns(sheet)), \
                f"over {LIMITS.sheet_rows} rows"
        cells = _row_values(element)
        for _ in range(repeat if cells else 1):
            row += 1
            if row > LIMITS.sheet_rows:
                break
            if element.get(f"{_TABLE}visibility", "visible") != "visible":
                hidden_rows.add(row)
            for col, (shown, across, down) in cells.items():
                if shown:
                    values[(row, col)] = shown
                if across or down:
                    merges.append((row, col, min(row + down, LIMITS.sheet_rows),
                                   min(col + across, LIMITS.sheet_cols)))
        if not cells:
            if element.get(f"{_TABLE}visibility", "visible") != "visible":
                hidden_rows.update(range(row, min(row + repeat, LIMITS.sheet_rows + 1)))
            row += repeat - 1
    return values, merges, Hidden(frozenset(hidden_rows), _hidden_columns(sheet)), ""


def _sheet_rows(sheet):
    """(row element, times it repeats), through header-row and row groups; the repeat
    count unbounded here, since an empty row's is only counted."""
    for child in sheet:
        if child.tag in _ROW_GROUPS:
            yield from _sheet_rows(child)
        elif child.tag == f"{_TABLE}table-row":
            yield child, _repeat(child, "number-rows-repeated")


def _row_values(row) -> dict[int, tuple[str, int, int]]:
    """1-based column → (shown text, further columns merged, further rows merged) for the
    cells that hold text or start a merge."""
    cells: dict[int, tuple[str, int, int]] = {}
    col = 0
    for cell in row:
        if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            continue
        repeat = _repeat(cell, "number-columns-repeated")
        shown = _shown(cell) if cell.tag == f"{_TABLE}table-cell" else ""
        across = _span(cell.get(f"{_TABLE}number-columns-spanned")) - 1
        down = _span(cell.get(f"{_TABLE}number-rows-spanned")) - 1
        if not (shown or across or down):
            col += repeat
            continue
        for _ in range(min(repeat, LIMITS.sheet_cols)):
            col += 1
            if col > LIMITS.sheet_cols:
                return cells
            cells[col] = (shown, across, down)
    return cells


def _shown(cell) -> str:
    """The text Calc shows in the cell (its `text:p`s, one a line), else its stored value."""
    lines = []
    for p in cell.iterchildren(f"{_TEXT}p"):
        paragraph = etree.Element(f"{W}p")
        _inline(p, etree.SubElement(paragraph, f"{W}r"), [])
        lines.append(paragraph_line(paragraph))
    if lines:
        return "\n".join(lines)
    for attribute in ("value", "date-value", "time-value", "boolean-value", "string-value"):
        stated = cell.get(f"{_OFFICE}{attribute}")
        if stated:
            return stated
    return ""


def _hidden_columns(sheet) -> frozenset[int]:
    """1-based columns the sheet collapses or filters out (`table:visibility`), through
    column groups, bounded by the sheet's column cap."""
    hidden: set[int] = set()
    col = 0
    for column in sheet.iter(f"{_TABLE}table-column"):
        repeat = _repeat(column, "number-columns-repeated")
        if column.get(f"{_TABLE}visibility", "visible") != "visible":
            hidden.update(range(col + 1, min(col + repeat, LIMITS.sheet_cols) + 1))
        col += repeat
        if col >= LIMITS.sheet_cols:
            break
    return frozenset(hidden)
