"""Layout `csv_rows`: a sheet saved as comma-separated values.

Excel's "save as CSV" (and the exports of finance systems) writes a sheet's
shown values a row to a line, every row padded with commas to the sheet's
width, merged cells left empty; a cell holding a comma, a quote or a line
break is quoted (`"1,709.24"`, `"第一行` / `第二行"`, `""双随机""`). Python's
csv module reads the quoting; the rows are then a sheet's rows, with exact
row breaks and columns as loose as a copied sheet's (tab_rows). A text is one
sheet, or a workbook's sheets one after another under xlsx2csv's separator lines
(`-------- 2 - 项目支出绩效目标表`); a sheet is told from its rows' widths, not from a
file name, and a sheet of notes is left to the text readers.
Example: `产出指标,数量指标,维护道路里程,≥120公里`.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from itertools import islice, pairwise

import regex

from extract.grid import BREAK_HINT, BREAK_NONE, Block, Cell, TableBlock
from extract.readers.build import cell

_MIN_WIDTH = 3  # fields a row of a form's sheet has at least
_MIN_ROWS = 3
_SAME_WIDTH = 0.8  # share of rows as wide as the most common width
_SAMPLED_RECORDS = 5_000  # records enough to tell a sheet (a long text is not read twice whole)
# xlsx2csv -a: `-------- <sheet number> - <sheet name>` before each sheet
_SHEET_SEPARATOR = regex.compile(r"^-{4,} *\d+ +- +\S.*$")


def separates_sheets(line: str) -> bool:
    return bool(_SHEET_SEPARATOR.match(line))


def sheets(lines: list[str]) -> list[tuple[int, int]]:
    """(first line, end) of each sheet: the whole text, or the stretches between separator
    lines (the separators themselves in none)."""
    cuts = [index for index, line in enumerate(lines) if separates_sheets(line)]
    if not cuts:
        return [(0, len(lines))]
    bounds = [-1, *cuts, len(lines)]
    return [(start + 1, end) for start, end in pairwise(bounds) if end > start + 1]


def looks_like_csv(lines: list[str]) -> bool:
    """Most records (a quoted cell may hold line breaks) parse to the same number of fields,
    three or more, and no line holds a tab (a sheet copied with tabs is tab_rows); prose
    with commas in it varies row to row, and its lines without one are records of one."""
    content = [line for line in lines if line.strip()]
    if sum(1 for line in content if "," in line) < _MIN_ROWS or any("\t" in line for line in content):
        return False
    widths = Counter(len(fields) for _, fields in islice(_records(lines), _SAMPLED_RECORDS)
                     if any(field.strip() for field in fields))
    if not widths:
        return False
    width, count = widths.most_common(1)[0]
    return width >= _MIN_WIDTH and count >= _MIN_ROWS and count >= _SAME_WIDTH * sum(widths.values())


def read(lines: list[str], first_line: int) -> list[Block]:
    cells: list[Cell] = []
    row = 0
    for line, fields in _records(lines):
        if not any(field.strip() for field in fields):
            continue
        number = first_line + line
        cells.extend(cell(row, col, field, number, BREAK_HINT if col == 0 else BREAK_NONE)
                     for col, field in enumerate(fields))
        row += 1
    return [TableBlock(cells, "csv_rows", rows="exact", columns="loose")] if cells else []


def _records(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(offset of the line the record starts on, its fields), lazily; a malformed record
    (an unclosed quote) ends the sheet where it starts, as the csv module reads it."""
    reader = csv.reader(_joined(lines), strict=False)
    start = 0
    try:
        for fields in reader:
            yield start, fields
            start = reader.line_num
    except csv.Error:
        return  # a field over the csv module's size limit: the rows read so far stand


def _joined(lines: list[str]) -> Iterator[str]:
    """The lines as the csv module reads a file (line ends kept), without copying the text."""
    return (line + "\n" for line in lines)
