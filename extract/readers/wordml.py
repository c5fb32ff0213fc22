"""Word 2003 XML (WordprocessingML 2003, saved as `.doc` by template engines) → the cell grid.

A Java system's "Word" export is often one XML document, `<w:wordDocument>`, whose body
holds the paragraphs, tables, rows and cells a .docx holds (`w:p`, `w:tbl`, `w:tr`,
`w:tc`, `w:gridSpan`, runs of `w:t`), under Word 2003's namespace, with a vertical merge
spelled `w:vmerge` and the body's sections wrapped in `wx:sect`. The reader renames those
to the .docx ones and walks the body with docx.py's walker, so merges, nested tables,
check boxes, symbols and hidden text read as they do in a .docx.
"""

from __future__ import annotations

import re

from extract.grid import Grid, TableBlock
from extract.reader import UnreadableFile
from extract.readers.docx import Body, W, tab_stop_tables
from extract.readers.office_xml import WORD_2003, parse

READER = "wordml_table"

_WORD_2006 = W.strip("{}")
_AUX_HINT = "{http://schemas.microsoft.com/office/word/2003/auxHint}"
# Word 2003 spells these in lower case: `<w:vmerge w:val="restart"/>`, `<w:hmerge/>`
_MERGE_TAG = re.compile(rb"(</?[\w.-]+:)([vh])merge\b")


def read_wordml(data: bytes, name: str) -> Grid:
    """The document body as a Grid: tables with spans, paragraphs as prose, in order."""
    renamed = _MERGE_TAG.sub(lambda match: match.group(1) + match.group(2) + b"Merge",
                             data.replace(WORD_2003.encode(), _WORD_2006.encode()))
    root = parse(renamed, name, "Word 2003 XML")
    body = root.find(f"{W}body")
    if body is None:
        raise UnreadableFile(f"{name} is Word 2003 XML with no body; open it in Word and save it as .docx")
    _unwrapped(body)
    walker = Body()
    walker.blocks_of(body)
    for block in walker.blocks:
        if isinstance(block, TableBlock):
            block.reader = READER
    return Grid(blocks=tab_stop_tables(walker.blocks, walker.tab_lines, walker.notes), reader=READER,
                notes=walker.notes)


def _unwrapped(parent) -> None:
    """Sections and sub-sections (`wx:sect`, `wx:sub-section`) replaced by what they hold."""
    for child in list(parent):
        if isinstance(child.tag, str) and child.tag.startswith(_AUX_HINT):
            _unwrapped(child)
            index = parent.index(child)
            parent[index:index + 1] = list(child)
