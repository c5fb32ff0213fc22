"""Canonical forms → an Excel workbook with merged ranges (openpyxl).

Amounts are stored as numbers with a number format that shows their printed
decimals (`265.50` is 265.5 shown as `0.00`), as finance offices keep them,
so the reader must honour number formats. `per_sheet=False` stacks all forms
on one sheet, a blank row between them.
"""

from __future__ import annotations

import io
import re

import openpyxl
from openpyxl.styles import Alignment

from tests.render.canonical import CanonicalForm, slots_with_positions

_AMOUNT = re.compile(r"\d+(?:\.(\d+))?")


def render_xlsx(forms: list[CanonicalForm], per_sheet: bool = True) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    row = 1
    for n, form in enumerate(forms):
        if per_sheet and n:
            sheet = book.create_sheet()
            row = 1
        if per_sheet:
            sheet.title = f"表{n + 1}"
        row = _write_form(sheet, form, row) + 1  # a blank row between stacked forms
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_form(sheet, form: CanonicalForm, row: int) -> int:
    """Write the form from `row`; returns the row after it."""
    for heading in form.headings:
        sheet.cell(row=row, column=1, value=heading)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=form.width)
        row += 1
    for table in form.tables:
        for r, c, text, rs, cs in slots_with_positions(table):
            cell = sheet.cell(row=row + r, column=c + 1)
            _set(cell, text)
            if rs > 1 or cs > 1:
                sheet.merge_cells(start_row=row + r, start_column=c + 1, end_row=row + r + rs - 1,
                                  end_column=c + cs)
        row += len(table)
    return row


def _set(cell, text: str) -> None:
    amount = _AMOUNT.fullmatch(text)
    if amount and len(text) < 12:
        cell.value = float(text) if amount.group(1) else int(text)
        if amount.group(1):
            cell.number_format = "0." + "0" * len(amount.group(1))
    else:
        cell.value = text
    if "\n" in text:
        cell.alignment = Alignment(wrap_text=True)
