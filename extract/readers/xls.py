"""Old binary Excel workbooks (.xls, Excel 97–2003 BIFF) → the cell grid, as .xlsx is read.

Older archives hold forms as `.xls` more often than as `.xlsx`. xlrd reads the
BIFF records (with formatting, which holds the merged ranges and each cell's
number format); each cell is then shown as Excel shows it and each sheet cut
into title lines and tables by the same rules as an .xlsx (xlsx.py), so the two
give the same grid for the same sheet. An .xls renamed `.doc`, or a password-
protected one, is told apart by detect.py before this runs.
"""

from __future__ import annotations

import struct

import xlrd
from xlrd.compdoc import CompDocError

from extract.grid import Grid
from extract.reader import UnreadableFile
from extract.readers.safety import LIMITS
from extract.readers.xlsx import Box, Hidden, Output, display_value

READER = "xls_sheet"

_BROKEN = (xlrd.XLRDError, CompDocError, struct.error, ValueError, IndexError, KeyError,
           AssertionError, EOFError)


def read_xls(data: bytes, name: str) -> Grid:
    """Every sheet's tables and title lines, in sheet order."""
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True,
                                  logfile=_Silent())
    except _BROKEN as err:
        raise UnreadableFile(f"{name} could not be opened as an old Excel workbook ({err}); "
                             "open and re-save it as .xlsx") from err
    out = Output(reader=READER)
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.visibility:  # 1 hidden, 2 very hidden: not shown, not read (as in xlsx.py)
                out.hidden(sheet.name)
                book.unload_sheet(index)
                continue
            values, truncated = _sheet_values(book, sheet)
            if truncated:
                out.notes.append(f"sheet {sheet.name}: {truncated}; the rest was not read")
            out.sheet(sheet.name, values, _merges(sheet), _hidden(sheet))
            book.unload_sheet(index)
    except _BROKEN as err:
        raise UnreadableFile(f"{name} is a damaged old Excel workbook ({err}); "
                             "open and re-save it as .xlsx") from err
    finally:
        book.release_resources()
    return Grid(blocks=out.blocks, reader=READER, notes=out.notes)


def _sheet_values(book: xlrd.Book, sheet) -> tuple[dict[tuple[int, int], str], str]:
    """(row, col) → shown text of every non-empty cell (1-based), within the caps."""
    values: dict[tuple[int, int], str] = {}
    truncated = ""
    if sheet.nrows > LIMITS.sheet_rows:
        truncated = f"over {LIMITS.sheet_rows} rows"
    if sheet.ncols > LIMITS.sheet_cols:
        truncated = truncated or f"over {LIMITS.sheet_cols} columns"
    for r in range(min(sheet.nrows, LIMITS.sheet_rows)):
        for c in range(min(sheet.row_len(r), LIMITS.sheet_cols)):
            shown = _shown(book, sheet.cell(r, c))
            if shown.strip():
                values[(r + 1, c + 1)] = shown
    return values, truncated


def _shown(book: xlrd.Book, cell: xlrd.sheet.Cell) -> str:
    """A cell as Excel shows it: dates as dates, numbers in their number format."""
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if cell.ctype == xlrd.XL_CELL_TEXT:
        return str(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return display_value(bool(cell.value))
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    fmt = _number_format(book, cell.xf_index)
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return display_value(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode), fmt)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            return display_value(cell.value)  # a serial no calendar holds: shown as stored
    return display_value(cell.value, fmt)


def _number_format(book: xlrd.Book, xf_index: int | None) -> str:
    if xf_index is None or xf_index >= len(book.xf_list):
        return "General"
    shown = book.format_map.get(book.xf_list[xf_index].format_key)
    return shown.format_str if shown is not None else "General"


def _hidden(sheet) -> Hidden:
    """Rows and columns the sheet hides (1-based, as xlsx.py gives them), within the caps."""
    return Hidden(rows=frozenset(r + 1 for r, info in sheet.rowinfo_map.items()
                                 if info.hidden and r < LIMITS.sheet_rows),
                  cols=frozenset(c + 1 for c, info in sheet.colinfo_map.items()
                                 if info.hidden and c < LIMITS.sheet_cols))


def _merges(sheet) -> list[Box]:
    """Merged ranges (xlrd: 0-based, end exclusive) as 1-based inclusive boxes, clipped."""
    boxes = []
    for rlo, rhi, clo, chi in sheet.merged_cells:
        if rlo >= LIMITS.sheet_rows or clo >= LIMITS.sheet_cols:
            continue
        boxes.append((rlo + 1, clo + 1, min(rhi, LIMITS.sheet_rows), min(chi, LIMITS.sheet_cols)))
    return boxes


class _Silent:
    """xlrd writes warnings about odd records to a log file; they are not the user's."""

    def write(self, _text: str) -> None:
        return None
