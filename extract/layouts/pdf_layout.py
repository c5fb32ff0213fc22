"""Layout `pdf_layout`: column text from a PDF, often OCR'd, cells broken.

Contract: `to_rows(lines, first_line)` → rows, one per non-blank line, like
`tab_rows`, with the PDF's debris removed from each cell: HTML emphasis tags
the OCR left (`<u>数量</u> 指标`) and runs of dots or commas used as leaders.
Cells broken over two physical lines are joined by the indicator parser,
which can tell a continuation row from a new one.
"""

from __future__ import annotations

import regex

from extract.layouts.tab_rows import split_cells
from extract.rows import Cell, Row

_TAGS = regex.compile(r"</?(?:u|i|b|sup|sub)>")
_LEADERS = regex.compile(r"(?:[.,·•。 ]\s?){4,}")


def clean_cell(text: str) -> str:
    if "<" in text:
        text = _TAGS.sub("", text)
    if any(leader in text for leader in ".,·•。"):
        text = _LEADERS.sub(" ", text)
    return text


def to_rows(lines: list[str], first_line: int) -> list[Row]:
    rows: list[Row] = []
    for offset, line in enumerate(lines):
        if not line.strip():
            continue
        parts = [clean_cell(part) for part in split_cells(line)]
        row = Row([Cell(part, first_line + offset) for part in parts], is_text=len(parts) == 1)
        if not row.is_empty():
            rows.append(row)
    return rows
