"""read_doc: an old binary Word document gives the grid its .docx gives (the same document
saved both ways by LibreOffice), spans, merges, nested tables and all; damaged or locked
files are refused with what to do."""

from __future__ import annotations

import struct
from pathlib import Path

import olefile
import pytest

from extract.grid import ProseBlock
from extract.pipeline import extract_bytes
from extract.reader import UnreadableFile
from extract.readers.doc import READER, _grid_cells, _shown, read_doc
from extract.readers.docx import read_docx

GOLDEN = Path(__file__).parents[1] / "golden"
DOCUMENTS = ("t13_two_forms_word", "t23_department_word", "t32_project_docx_nested",
             "t47_project_word_merged", "t48_department_word_tasks", "s31_self_eval_word_narrow",
             "t60_jilin_department_docx_landscape")


def _shape(grid) -> list[tuple]:
    """Every block as what a reader decides: prose text, or cells with position and spans."""
    shape = []
    for block in grid.blocks:
        if isinstance(block, ProseBlock):
            shape.append(("prose", block.text))
        else:
            shape.append(("table", tuple((c.row, c.col, c.row_span, c.col_span, c.text, c.line)
                                         for c in block.cells)))
    return shape


def _doc(stem: str) -> bytes:
    return (GOLDEN / "converted" / f"{stem}.libreoffice_doc.doc").read_bytes()


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_old_word_document_reads_as_its_docx(stem):
    grid = read_doc(_doc(stem), f"{stem}.doc")
    docx = read_docx((GOLDEN / "built" / f"{stem}.docx").read_bytes(), f"{stem}.docx")
    assert _shape(grid) == _shape(docx)
    assert {block.reader for block in grid.tables()} == {READER}
    assert all(block.columns == "exact" for block in grid.tables())


def test_merged_cells_span_their_grid_and_a_nested_table_follows_its_own():
    merged = read_doc(_doc("t47_project_word_merged"), "t47.doc").tables()[0]
    label = next(c for c in merged.cells if c.text == "绩效指标")
    assert (label.row_span, label.col) == (16, 0)  # the side label down the indicator rows
    assert next(c for c in merged.cells if c.text == "指标值").col_span == 2
    nested = read_doc(_doc("t32_project_docx_nested"), "t32.doc").tables()
    assert len(nested) == 2 and nested[1].cells[0].text == "一级指标"


def test_an_old_word_document_is_read_end_to_end_as_word():
    record = extract_bytes(_doc("t47_project_word_merged"), "t47.doc", "t47", "t47.doc")
    assert (record.source.format, record.source.layout) == ("docx", READER)
    assert len(record.forms) == 1 and len(record.forms[0].indicators) == 14


@pytest.mark.parametrize(("raw", "shown"), [
    ("第\x13 PAGE \x142\x15页", "第2页"),  # a field: its result, not its code
    ("\x13 HYPERLINK \"x\" \x13 REF a \x14b\x15\x15说明", "说明"),  # no result: nothing
    ("金额\x0b（万元）\x01", "金额\n（万元）"),  # a line break; a picture's anchor is no text
    ("\xa0≥95%\t", "≥95%"),
])
def test_a_paragraph_shows_what_word_shows(raw, shown):
    assert _shown(raw) == shown


def test_a_row_without_its_edges_keeps_its_cells_in_order():
    """A row whose properties give no cell edges: the table is read in printed order
    (assembly aligns such tables by content)."""
    cells, exact = _grid_cells([(["一级指标", "二级指标"], (), ()), (["产出指标", "数量指标"], (), ())], 1)
    assert not exact and [(c.row, c.col) for c in cells] == [(0, 0), (0, 1), (1, 0), (1, 1)]


def _with_word_stream(change, tmp_path: Path) -> bytes:
    """The t47 document with its WordDocument stream changed in place (same length)."""
    path = tmp_path / "form.doc"
    path.write_bytes(_doc("t47_project_word_merged"))
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        word = bytearray(ole.openstream("WordDocument").read())
        change(word)
        ole.write_stream("WordDocument", bytes(word))
    return path.read_bytes()


@pytest.mark.parametrize(("change", "message"), [
    (lambda word: struct.pack_into("<H", word, 0x0A, struct.unpack_from("<H", word, 0x0A)[0] | 0x0100),
     "password-protected"),
    (lambda word: struct.pack_into("<H", word, 2, 0x68), "Word 6/95"),
    (lambda word: struct.pack_into("<I", word, 418, 0x7FFFFFF0), "damaged"),  # fcClx past the end
])
def test_locked_old_and_damaged_documents_are_refused_with_what_to_do(change, message, tmp_path):
    with pytest.raises(UnreadableFile, match=message):
        read_doc(_with_word_stream(change, tmp_path), "form.doc")


def test_a_truncated_document_is_refused():
    with pytest.raises(UnreadableFile, match="damaged"):
        read_doc(_doc("t47_project_word_merged")[:20_000], "cut.doc")
