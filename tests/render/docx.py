"""Canonical forms → a Word document with real merged cells (python-docx `merge`)."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Pt

from tests.render.canonical import CanonicalForm, slots_with_positions


def render_docx(forms: list[CanonicalForm]) -> bytes:
    """Each form as heading paragraphs, a tick line, then its tables with merges."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(10)
    for n, form in enumerate(forms):
        if n:
            doc.add_page_break()
        for heading in form.headings:
            doc.add_heading(heading, level=2)
        doc.add_paragraph("填报日期：2024年1月5日")
        doc.add_paragraph("项目属性：☑新增项目 ☐延续项目")
        for table in form.tables:
            add_table(doc, table)
            doc.add_paragraph("")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def add_table(doc, table) -> None:
    """A canonical table: merge each multi-slot cell, then write its text (lines as paragraphs)."""
    width = sum(cs for _, _, cs in table[0])
    grid = doc.add_table(rows=len(table), cols=width)
    grid.style = "Table Grid"
    for r, c, text, rs, cs in slots_with_positions(table):
        cell = grid.cell(r, c)
        if rs > 1 or cs > 1:
            cell = cell.merge(grid.cell(r + rs - 1, c + cs - 1))
        lines = text.split("\n")
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
