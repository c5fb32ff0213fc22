"""Render golden forms into each format, read them back: the grid equals the canonical table.

Grid level only (texts, spans, positions); the records-level comparison
waits for the grid pipeline (tests/test_formats_golden.py).
"""

from __future__ import annotations

import pytest

from extract.grid import ProseBlock, TableBlock
from tests.readers.conftest import expected_cells, grid_cells, printed, read
from tests.render.xlsx import render_xlsx

READERS = {"html": "html_table", "docx": "docx_table", "xlsx": "xlsx_sheet", "pdf": "pdf_table"}


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx", "pdf"])
def test_every_form_comes_back_cell_for_cell(fmt, rendered):
    """One exact table per form, in order, with the canonical cells at the canonical slots."""
    for stem, forms, data in rendered(fmt):
        grid = read(fmt, data, f"{stem}.{fmt}")
        assert grid.reader == READERS[fmt]
        tables = [b for b in grid.blocks if isinstance(b, TableBlock) and b.columns == "exact"]
        assert len(tables) == len(forms), f"{stem}: {len(tables)} tables for {len(forms)} forms"
        for form, table in zip(forms, tables, strict=True):
            got, want = grid_cells(table), sorted(expected_cells(form))
            if fmt == "pdf":  # wrapped lines: compare what is printed
                got, want = printed(got), printed(want)
            assert got == want, form.key


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx", "pdf"])
def test_headings_are_prose_in_order(fmt, rendered):
    """Each form's heading is a prose block before its table (running headers/footers dropped)."""
    stem, forms, data = rendered(fmt)[0]
    grid = read(fmt, data, f"{stem}.{fmt}")
    order = [("prose", b.text) if isinstance(b, ProseBlock) else ("table", "") for b in grid.blocks]
    for form in forms:
        heading = ("prose", form.headings[0])
        assert heading in order
        assert order[order.index(heading) + 1:].count(("table", "")) >= 1
    assert not any("脚本不应被读取" in text for _, text in order), "script text or its output leaked"


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx", "pdf"])
def test_lines_and_locations(fmt, rendered):
    """Every cell points at a line and a human-readable location; lines never go backwards."""
    stem, _forms, data = rendered(fmt)[0]
    grid = read(fmt, data, f"{stem}.{fmt}")
    last = 0
    for block in grid.blocks:
        assert block.line >= last
        last = block.line
        for cell in getattr(block, "cells", []):
            assert cell.line >= 1 and cell.last_line >= cell.line and cell.location
    pattern = {"html": r"table \d+, row \d+, col \d+", "docx": r"table \d+, row \d+, col \d+",
               "xlsx": r".+![A-Z]+\d+", "pdf": r"page \d+ \(\d+,\d+,\d+,\d+\) pt"}[fmt]
    cell = grid.tables()[0].cells[0]
    assert __import__("re").fullmatch(pattern, cell.location), cell.location


def test_xlsx_several_forms_on_one_sheet(form_groups):
    """Forms stacked on one sheet, a blank row between them, are separate tables."""
    stem, forms = max(form_groups, key=lambda d: len(d[1]))
    grid = read("xlsx", render_xlsx(forms, per_sheet=False), f"{stem}.xlsx")
    tables = grid.tables()
    assert len(tables) == len(forms)
    for form, table in zip(forms, tables, strict=True):
        assert grid_cells(table) == sorted(expected_cells(form))


def test_pdf_table_over_a_page_break_is_stitched(rendered):
    """Long forms run over page breaks (rows and merged cells cut); each is still one table,
    and the first test above holds its cells to the canonical ones."""
    spanning = 0
    for stem, _forms, data in rendered("pdf"):
        for table in read("pdf", data, f"{stem}.pdf").tables():
            pages = {c.location.split(" (")[0] for c in table.cells}
            spanning += len(pages) > 1
    assert spanning >= 1


@pytest.mark.skipif(__import__("shutil").which("chromium") is None, reason="chromium is not installed")
def test_pdf_header_rows_repeated_on_each_page_are_read_once(forms):
    """A browser repeats `<thead>` on every page (as Word repeats title rows)."""
    from tests.render.browser import print_pdf
    from tests.render.html import table_html

    form = max(forms, key=lambda f: len(f.tables[0]))
    rows = form.tables[0]
    head = table_html(rows[:1]).replace("<table border=\"1\">\n<tr>", "<table border=\"1\">\n<thead><tr>")
    head = head.replace("</tr>\n</table>", "</tr></thead>")
    body = table_html(rows[1:] * 4).replace('<table border="1">', "<tbody>").replace("</table>", "</tbody>")
    style = "<style>table{border-collapse:collapse}td{border:1px solid #000;padding:4px}</style>"
    html = f"<html><head><meta charset='utf-8'>{style}</head><body>{head}{body}</table></body></html>"
    grid = read("pdf", print_pdf(html.encode()), "thead.pdf")
    (table,) = [t for t in grid.tables() if t.columns == "exact"]
    first_row = [c.text for c in table.cells if c.row == 0]
    assert sum(1 for c in table.cells if c.text == first_row[0]) == 1
    assert max(c.row + c.row_span for c in table.cells) == 1 + 4 * (len(rows) - 1)
    assert any("repeated at the top of the page" in n for n in grid.notes)
