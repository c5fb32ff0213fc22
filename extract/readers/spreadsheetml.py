"""Excel 2003 XML (SpreadsheetML 2003, saved as `.xls` by template engines) → the cell grid.

A Java or .NET system's "Excel" export is often one XML document, `<Workbook>`, each
sheet a `<Worksheet ss:Name>` holding a `<Table>` of `<Row>`s of `<Cell>`s. A cell's column
is the one after the cell before it unless `ss:Index` names it (a row leaves out its empty
cells), a row's likewise; `ss:MergeAcross` and `ss:MergeDown` merge it over the columns to
its right and the rows below; its `<Data ss:Type>` holds a string, a number or a date, shown
in the number format of its style (`<Style ss:ID><NumberFormat ss:Format>`, Excel's named
formats `Fixed`, `Standard`, `Percent` … among them). Each sheet is then cut into title
lines and tables by the rules xlsx.py uses, so the grid is the one the same sheet gives as
an .xlsx. A sheet the workbook hides, and hidden rows and columns, are not read (noted).
"""

from __future__ import annotations

import datetime as dt

from extract.grid import Grid
from extract.reader import UnreadableFile
from extract.readers.office_xml import SPREADSHEET_2003, parse
from extract.readers.safety import LIMITS
from extract.readers.xlsx import Box, Hidden, Output, display_value

READER = "spreadsheetml_sheet"

_SS = "{" + SPREADSHEET_2003 + "}"
_X = "{urn:schemas-microsoft-com:office:excel}"
# Excel's named number formats, as the codes they stand for
_NAMED_FORMATS = {"general": "General", "general number": "General", "fixed": "0.00",
                  "standard": "#,##0.00", "percent": "0.00%", "scientific": "0.00E+00",
                  "currency": "#,##0.00", "short date": "yyyy/m/d", "general date": "yyyy/m/d h:mm",
                  "medium date": "dd-mmm-yy", "long date": "yyyy\"年\"m\"月\"d\"日\"",
                  "short time": "h:mm", "medium time": "h:mm AM/PM", "long time": "h:mm:ss",
                  "yes/no": "General", "true/false": "General", "on/off": "General"}


def read_spreadsheetml(data: bytes, name: str) -> Grid:
    """Every sheet's tables and title lines, in sheet order."""
    root = parse(data, name, "Excel 2003 XML")
    if root.tag != f"{_SS}Workbook":
        raise UnreadableFile(f"{name} is XML but no Excel 2003 workbook; open it in Excel and "
                             "save it as .xlsx")
    formats = _formats(root)
    out = Output(reader=READER)
    for sheet in root.iterchildren(f"{_SS}Worksheet"):
        title = sheet.get(f"{_SS}Name") or f"Sheet{len(out.blocks) + 1}"
        if _hidden_sheet(sheet):
            out.hidden(title)
            continue
        table = sheet.find(f"{_SS}Table")
        if table is None:
            continue
        values, merges, hidden, truncated = _sheet(table, formats)
        if truncated:
            out.notes.append(f"sheet {title}: {truncated}; the rest was not read")
        out.sheet(title, values, merges, hidden)
    return Grid(blocks=out.blocks, reader=READER, notes=out.notes)


def _formats(root) -> dict[str, str]:
    """Style id → number format code."""
    formats: dict[str, str] = {}
    styles = root.find(f"{_SS}Styles")
    for style in styles.iterchildren(f"{_SS}Style") if styles is not None else ():
        number = style.find(f"{_SS}NumberFormat")
        code = number.get(f"{_SS}Format") if number is not None else None
        if code:
            formats[style.get(f"{_SS}ID", "")] = _NAMED_FORMATS.get(code.lower(), code)
    return formats


def _hidden_sheet(sheet) -> bool:
    visible = sheet.find(f"{_X}WorksheetOptions/{_X}Visible")
    return visible is not None and (visible.text or "").strip() in ("SheetHidden", "SheetVeryHidden")


def _sheet(table, formats: dict[str, str]
           ) -> tuple[dict[tuple[int, int], str], list[Box], Hidden, str]:
    """(row, col) → shown text (1-based), merged boxes, hidden rows and columns, and what
    the caps cut."""
    values: dict[tuple[int, int], str] = {}
    merges: list[Box] = []
    hidden_rows: set[int] = set()
    truncated = ""
    default = table.get(f"{_SS}StyleID", "")
    row = 0
    for element in table.iterchildren(f"{_SS}Row"):
        row = _index(element, row)
        if row > LIMITS.sheet_rows:
            truncated = f"over {LIMITS.sheet_rows} rows"
            break
        if element.get(f"{_SS}Hidden") == "1":
            hidden_rows.add(row)
        col = 0
        for cell in element.iterchildren(f"{_SS}Cell"):
            col = _index(cell, col)
            across, down = _count(cell.get(f"{_SS}MergeAcross")), _count(cell.get(f"{_SS}MergeDown"))
            if col > LIMITS.sheet_cols:
                truncated = truncated or f"over {LIMITS.sheet_cols} columns"
                break
            if across or down:
                merges.append((row, col, min(row + down, LIMITS.sheet_rows),
                               min(col + across, LIMITS.sheet_cols)))
            shown = _shown(cell, formats.get(cell.get(f"{_SS}StyleID", default), "General"))
            if shown.strip():
                values[(row, col)] = shown
            col += across
    return values, merges, Hidden(rows=frozenset(hidden_rows), cols=_hidden_columns(table)), truncated


def _index(element, previous: int) -> int:
    """The element's own `ss:Index` (1-based), else the one after the previous."""
    stated = element.get(f"{_SS}Index")
    if stated and stated.strip().isdigit() and int(stated) > previous:
        return int(stated)
    return previous + 1


def _count(value: str | None) -> int:
    """A merge's or a span's count of further rows or columns: 0 where absent or junk,
    bounded as any span is."""
    text = (value or "").strip()
    return min(int(text), LIMITS.span) if text.isdigit() else 0


def _hidden_columns(table) -> frozenset[int]:
    hidden: set[int] = set()
    col = 0
    for column in table.iterchildren(f"{_SS}Column"):
        col = _index(column, col)
        span = _count(column.get(f"{_SS}Span"))  # columns after this one alike
        if column.get(f"{_SS}Hidden") == "1":
            hidden.update(range(col, min(col + span, LIMITS.sheet_cols) + 1))
        col += span
    return frozenset(hidden)


def _shown(cell, fmt: str) -> str:
    """The cell's data as Excel shows it in its number format."""
    data = cell.find(f"{_SS}Data")
    if data is None:
        return ""
    text = "".join(data.itertext())  # (rich text keeps its runs in html:Font children)
    kind = data.get(f"{_SS}Type", "String")
    if kind == "Number":
        try:
            number = float(text)
        except ValueError:
            return text
        whole = number.is_integer() and "." not in text and "e" not in text.lower()
        return display_value(int(number) if whole else number, fmt)
    if kind == "DateTime":
        try:
            return display_value(dt.datetime.fromisoformat(text.strip()), fmt)
        except ValueError:
            return text
    if kind == "Boolean":
        return display_value(text.strip() in ("1", "true"), fmt)
    return text
