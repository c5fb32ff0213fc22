"""Readers: one module per input family, one registry.

Every reader returns the same `Grid` (extract/grid.py). Native formats are read
from their bytes (`FORMAT_READERS`, keyed by the `source.format` they produce);
text is split into regions, each read by the text layout family that claims it
(`TEXT_FAMILIES`, in extract/readers/text.py). Adding a format or a layout is
one module and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from extract.grid import Grid

FormatReader = Callable[[bytes, str], Grid]


def _lazy(module: str, function: str) -> FormatReader:
    """A reader imported on first use, so a run over text never loads lxml, PDFium or the OCR engine."""

    def read(data: bytes, name: str) -> Grid:
        return getattr(import_module(f"extract.readers.{module}"), function)(data, name)

    read.__name__ = read.__qualname__ = function
    read.__doc__ = f"extract.readers.{module}.{function}, imported on first use."
    return read


# source.format → reader(bytes, file name) → Grid. Text is not listed here: it is
# decoded first (extract/reader.py) and read by the text layout families. The format
# of a file is told from its bytes by extract.readers.detect.detect_format.
FORMAT_READERS: dict[str, FormatReader] = {
    "html": _lazy("html", "read_html"),
    "mht": _lazy("mht", "read_mht"),
    "docx": _lazy("docx", "read_docx"),
    "doc": _lazy("doc", "read_doc"),
    "wordml": _lazy("wordml", "read_wordml"),
    "rtf": _lazy("rtf", "read_rtf"),
    "odt": _lazy("odf", "read_odt"),
    "xlsx": _lazy("xlsx", "read_xlsx"),
    "xls": _lazy("xls", "read_xls"),
    "spreadsheetml": _lazy("spreadsheetml", "read_spreadsheetml"),
    "ods": _lazy("odf", "read_ods"),
    "pdf": _lazy("pdf", "read_pdf"),
    "image": _lazy("image", "read_image"),
}

# The contract's `source.format` names the bytes' family; an old binary workbook is an
# Excel workbook there (`xlsx`), and its layout (`xls_sheet`) tells the two apart, as an
# old binary Word document is a Word document (`docx`, layout `doc_table`), and Office
# 2003's XML formats, OpenDocument's and RTF Word and Excel documents (layouts
# `wordml_table`, `spreadsheetml_sheet`, `odt_table`, `ods_sheet`, `rtf_table`); a
# single-file web page is a web page (`html`).
RECORD_FORMATS: dict[str, str] = {"xls": "xlsx", "doc": "docx", "mht": "html", "wordml": "docx",
                                   "spreadsheetml": "xlsx", "odt": "docx", "ods": "xlsx", "rtf": "docx"}
