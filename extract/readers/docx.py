"""Word documents (.docx) → the cell grid, merges and all.

python-docx opens the package; the body is then walked as WordprocessingML,
because the table structure lives in the XML: a row lists its `w:tc`
elements, `w:gridSpan` says how many grid columns one spans, `w:gridBefore`
how many the row skips, and a vertical merge is a `w:vMerge` continuation
cell under its `restart` cell. Each merged cell becomes ONE Cell with its
spans (python-docx's `row.cells` would repeat it per slot). A continuation
that does not line up with the cell above (an irregular merge) is kept as a
cell of its own and noted, never a crash. Paragraphs between tables become
prose in order; check boxes (symbol fonts, `w14:checkbox`, legacy form
fields) become ☑ / ☐. The first page's header is read before the body (a
template's unit name and code). A text box's paragraphs and tables are read where the
paragraph that anchors the box stands. A part the body imports (`w:altChunk`: a web page a
system exported to Word) is read by its own reader where it stands. A form typed without
a table, its rows paragraphs whose cells stand at tab stops, is read as tab-laid text.
"""

from __future__ import annotations

import io
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import PartFactory
from docx.package import Package
from docx.parts.document import DocumentPart
from PIL import Image, UnidentifiedImageError

from extract.grid import Cell, Grid, ProseBlock, TableBlock, relined, relocate
from extract.normalise import SYMBOL_SIGNS, clean_text, symbol_font
from extract.reader import UnreadableFile
from extract.readers import FORMAT_READERS
from extract.readers.detect import detect_format
from extract.readers.positioned import Piece, laid_out
from extract.readers.safety import LIMITS, check_xml_parts, open_zip
from extract.readers.spans import clamp_span
from extract.readers.text import read_text

READER = "docx_table"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
OFFICE = "{urn:schemas-microsoft-com:office:office}"
DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_SHEET_OBJECT = "Sheet"  # an embedded object's ProgID: `Excel.Sheet.12`, `Excel.Sheet.8`, `ET.Sheet`
MAX_CHUNK_DEPTH = 2  # a Word chunk inside a Word chunk inside the document, no deeper
MAX_CHUNKS = 50  # imported parts read (one page imported many times costs a reading each)

# Symbol-font check marks (w:sym w:char), by font family: char code → what it shows.
_SYMBOLS = {
    "wingdings": {"F0FE": "☑", "F0FD": "☒", "F0A8": "☐", "F06F": "☐", "F0FC": "√", "F0FB": "×",
                  "F071": "☐", "F078": "☒"},
    "wingdings 2": {"F052": "☑", "F054": "☒", "F0A3": "☐", "F050": "√", "F0A2": "☐", "F02A": "☐",
                    "F0A1": "○", "F099": "●"},
}
# in the Symbol font, codes below 0x40 are the ASCII digits and signs (`F03E` `>`)
_SYMBOL_ASCII = range(0xF020, 0xF040)
_SKIP = {f"{W}delText", f"{W}instrText", f"{W}rPr", f"{W}pPr", f"{MC}Fallback", f"{W}txbxContent",
         f"{W}footnoteReference", f"{W}commentReference", f"{W}del", f"{W}moveFrom"}


# Word's macro-enabled documents and templates (`.docm`, `.dotm`) hold the body a `.docx`
# holds, under content types of their own that python-docx does not open; their main part is
# read as a document's, as a template's is (their macros are never read, let alone run)
_WORD_MAIN = (CT.WML_DOCUMENT_MAIN,
              "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
              "application/vnd.ms-word.document.macroEnabled.main+xml",
              "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
for _content_type in _WORD_MAIN:
    PartFactory.part_type_for.setdefault(_content_type, DocumentPart)


def _document(data: bytes):
    """The package's document: a `.docx`'s, a template's or a macro-enabled one's."""
    part = Package.open(io.BytesIO(data)).main_document_part
    if part.content_type not in _WORD_MAIN:
        raise ValueError(f"its main part is {part.content_type}, not a Word document")
    return part.document


def read_docx(data: bytes, name: str) -> Grid:
    """The document body as a Grid: tables with spans, paragraphs as prose, in order."""
    return _read(data, name, depth=0)


def _read(data: bytes, name: str, depth: int) -> Grid:
    package = open_zip(data, "Word")
    check_xml_parts(package, "Word")
    try:
        document = _document(data)
    except (PackageNotFoundError, KeyError, ValueError) as err:
        raise UnreadableFile(f"{name} could not be opened as a Word document ({err}); "
                             "open and re-save it as .docx") from err
    body = document.element.body
    walker = Body(parts=document.part.related_parts, depth=depth)
    header = _page_header(document)
    if header is not None:
        walker.blocks_of(header)
    walker.blocks_of(body)
    if walker.boxes:
        walker.notes.append(f"{walker.boxes} text boxes (floating frames) read where they are anchored")
    blocks = tab_stop_tables(walker.blocks, walker.tab_lines, walker.notes)
    return Grid(blocks=blocks, reader=READER, notes=walker.notes)


def tab_stop_tables(blocks: list[TableBlock | ProseBlock], tab_lines: dict[int, str],
                     notes: list[str]) -> list[TableBlock | ProseBlock]:
    """Each run of paragraphs between tables read again as text, tabs kept, where several of
    them set cells at tab stops (a form typed without a table: `产出指标⇥数量指标⇥…`): the
    text layouts find its table; each cell keeps its paragraph's line and place."""
    out: list[TableBlock | ProseBlock] = []
    run: list[ProseBlock] = []
    for block in [*blocks, None]:
        if isinstance(block, ProseBlock):
            run.append(block)
            continue
        out.extend(_read_tabbed(run, tab_lines, notes))
        run = []
        if block is not None:
            out.append(block)
    return out


def _read_tabbed(run: list[ProseBlock], tab_lines: dict[int, str], notes: list[str]
                 ) -> list[TableBlock | ProseBlock]:
    tabbed = [tab_lines.get(id(block)) for block in run]
    if sum(1 for line in tabbed if line is not None) < _TABBED_ROWS:
        return run
    grid = read_text([block.raw if line is None else line for line, block in zip(tabbed, run, strict=True)])
    if not grid.tables():
        return run
    relined(grid.blocks, run)
    notes.extend(f"paragraphs at tab stops: {note}" for note in grid.notes)
    return grid.blocks


_TABBED_ROWS = 3  # paragraphs with cells at tab stops, at least, to read a run as a table


def _positioned_boxes(boxes: list, page: int) -> list[Piece] | None:
    """The text boxes as positioned pieces (their anchors' offsets and widths, their text's
    size, in EMU), where every box with text is anchored at an offset; else None."""
    pieces: list[Piece] = []
    for box in boxes:
        text = " ".join(paragraph_text(p) for p in box.iter(f"{W}p")).strip()
        if not text:
            continue
        anchor = next(box.iterancestors(f"{WP}anchor"), None)
        left, top = _offset(anchor, "positionH"), _offset(anchor, "positionV")
        if left is None or top is None:
            return None
        size = box.find(f".//{W}sz")
        points = _number(size.get(f"{W}val") if size is not None else None) / 2 or _BODY_POINTS
        extent = anchor.find(f"{WP}extent")
        width = _number(extent.get("cx") if extent is not None else None)
        pieces.append(Piece(page, top, left, text, points * _EMU_PER_POINT, width))
    return pieces or None


def _offset(anchor, axis: str) -> float | None:
    """A drawing anchor's offset along `positionH` or `positionV` (EMU), or None."""
    found = anchor.find(f"{WP}{axis}/{WP}posOffset") if anchor is not None else None
    text = (found.text or "").strip() if found is not None else ""
    return float(text) if text.lstrip("-").isdigit() else None


def _number(value: str | None) -> float:
    return float(value) if value and value.isdigit() else 0.0


_LAID_OUT_BOXES = 10  # text boxes one paragraph anchors, at least, to lay them out as a page
_SAME_BOX_LINE = 0.3  # font sizes between the tops of two boxes of one printed line
_BODY_POINTS = 10.5  # Word's body text (五号) where a box states no size
_EMU_PER_POINT = 12700


def _table_sized(blob: bytes) -> bool:
    """Whether a picture is as large as a screenshot of a table, from its header alone."""
    try:
        with Image.open(io.BytesIO(blob)) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError):
        return False
    return width >= _TABLE_PICTURE[0] and height >= _TABLE_PICTURE[1]


_TABLE_PICTURE = (600, 300)  # pixels, at least: a table's rows legible, no logo or seal


def _text_boxes(p) -> list:
    """The text boxes a paragraph anchors (`w:txbxContent`: a user draws a box and pastes a
    table into it), once each: Word writes each box twice, as a shape and as a VML fallback
    (`mc:Fallback`), and a box inside a box is read with the box around it."""
    boxes = []
    for box in p.iter(f"{W}txbxContent"):
        ancestor = box.getparent()
        while ancestor is not None and ancestor is not p \
                and ancestor.tag not in (f"{MC}Fallback", f"{W}txbxContent"):
            ancestor = ancestor.getparent()
        if ancestor is p:
            boxes.append(box)
    return boxes


def _page_header(document):
    """The first page's header (`w:hdr`), read before the body, or None: a template prints
    the unit's name and code there (`部门（单位）名称：… | 部门编码：…`), on every page and
    nowhere else. The page numbers and running titles a header holds are page furniture
    the later stages drop, as they drop a PDF's."""
    if not document.sections:
        return None
    section = document.sections[0]
    header = section.first_page_header if section.different_first_page_header_footer else section.header
    return None if header.is_linked_to_previous else header._element


@dataclass
class Body:
    """Emits blocks in document order, numbering grid rows as `line`s."""

    parts: Mapping[str, Any] = field(default_factory=dict)  # related parts by relationship id
    depth: int = 0  # documents this one is imported into (a Word chunk inside a Word chunk)
    blocks: list[TableBlock | ProseBlock] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    line: int = 0
    tables: int = 0
    paragraphs: int = 0
    chunks: int = 0
    tab_lines: dict[int, str] = field(default_factory=dict)  # a prose block's text, tabs kept
    boxes: int = 0  # text boxes read

    def blocks_of(self, parent) -> None:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child)
            elif tag == f"{W}tbl":
                self.table(child)
            elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins") \
                    and not _showing_placeholder(child):
                self.blocks_of(child)
            elif tag == f"{W}altChunk":
                self.alt_chunk(child)

    def alt_chunk(self, element) -> None:
        """A part the body imports where it stands (`w:altChunk`: office systems and
        html-docx-js export a web page to Word as one): a web page, a single-file web page
        or a Word document, read by its own reader, its blocks placed here."""
        self.chunks += 1
        if self.chunks > MAX_CHUNKS:
            if self.chunks == MAX_CHUNKS + 1:
                self.notes.append(f"over {MAX_CHUNKS} imported parts; the rest were not read")
            return
        part = self.parts.get(element.get(f"{R}id", ""))
        if part is None:
            self.notes.append(f"imported part {self.chunks} is missing from the package; not read")
            return
        name = f"chunk {self.chunks} ({part.partname})"
        try:
            grid = _chunk_grid(bytes(part.blob), name, self.depth)
        except UnreadableFile as err:
            self.notes.append(f"{name} was not read: {err}")
            return
        self.notes.extend(f"{name}: {note}" for note in grid.notes)
        self.line = relocate(grid.blocks, self.line, name)
        self.blocks.extend(grid.blocks)

    def paragraph(self, p) -> None:
        self.paragraphs += 1
        tabbed = paragraph_line(p).strip()
        raw = tabbed.replace("\t", " ")
        if raw:
            self.line += 1
            block = ProseBlock(text=clean_text(raw), raw=raw, line=self.line, last_line=self.line,
                               location=f"paragraph {self.paragraphs}")
            self.blocks.append(block)
            if "\t" in tabbed:
                self.tab_lines[id(block)] = tabbed
        boxes = _text_boxes(p)
        pieces = _positioned_boxes(boxes, self.paragraphs) if len(boxes) >= _LAID_OUT_BOXES else None
        if pieces:
            self.boxes += len(boxes)
            self.laid_out(pieces)
        for box in boxes if not pieces else ():
            self.boxes += 1
            self.blocks_of(box)
        for embedded in p.iter(f"{OFFICE}OLEObject"):
            if _SHEET_OBJECT in (embedded.get("ProgID") or ""):
                self.embedded_sheet(embedded)
        for blip in p.iter(f"{DRAWING}blip"):
            self.picture(blip.get(f"{R}embed", ""))

    def laid_out(self, pieces: list[Piece]) -> None:
        """A page of positioned text boxes (a PDF turned into Word: every printed line a box
        at its place) laid back out as lines by where the boxes stand and read as a
        laid-out page, its blocks placed where the paragraph anchoring them stands."""
        size = statistics.median(piece.size for piece in pieces)
        grid = read_text(laid_out(pieces, size / 2, _SAME_BOX_LINE * size))
        self.notes.extend(f"text boxes laid out by position: {note}" for note in grid.notes)
        self.line = relocate(grid.blocks, self.line, f"paragraph {self.paragraphs}'s text boxes")
        self.blocks.extend(grid.blocks)

    def picture(self, rid: str) -> None:
        """A picture the size of a table (a screenshot of a form pasted into Word), read
        by OCR where it stands; smaller ones (a logo, a seal, a signature) are not."""
        part = self.parts.get(rid)
        if part is None:
            return
        blob = bytes(part.blob)
        if detect_format(blob, str(part.partname)) != "image" or not _table_sized(blob):
            return
        self.placed(blob, f"picture ({part.partname})", "image", "read by OCR where it stands")

    def embedded_sheet(self, element) -> None:
        """A workbook embedded where the paragraph stands (Paste Special ▸ Excel Worksheet
        Object: Word shows a picture of its cells, the cells are in the workbook), read by
        its own reader, its blocks placed here."""
        part = self.parts.get(element.get(f"{R}id", ""))
        if part is None:
            self.notes.append("an embedded worksheet is missing from the package; not read")
            return
        name, blob = f"embedded worksheet ({part.partname})", bytes(part.blob)
        try:
            kind = detect_format(blob, str(part.partname))
        except UnreadableFile as err:
            self.notes.append(f"{name} was not read: {err}")
            return
        if kind not in ("xlsx", "xls"):
            self.notes.append(f"{name} was not read: it holds no workbook ({kind})")
            return
        self.placed(blob, name, kind, "read where Word shows its picture")

    def placed(self, blob: bytes, name: str, kind: str, how: str) -> None:
        """A part the document holds read by the reader of its kind, its blocks placed where
        its paragraph stands (noted), or noted as not read."""
        try:
            grid = FORMAT_READERS[kind](blob, name)
        except UnreadableFile as err:
            self.notes.append(f"{name} was not read: {err}")
            return
        self.notes.extend(f"{name}: {note}" for note in grid.notes)
        self.notes.append(f"{name} {how}")
        self.line = relocate(grid.blocks, self.line, name)
        self.blocks.extend(grid.blocks)

    def table(self, tbl) -> None:
        self.tables += 1
        number, first = self.tables, self.line + 1
        nested: list = []
        cells, rows = table_cells(tbl, nested, self.notes, number)
        for cell in cells:
            cell.line, cell.last_line = first + cell.row, first + cell.row + cell.row_span - 1
        self.line += rows
        if cells:
            self.blocks.append(TableBlock(cells=cells, reader=READER, rows="exact", columns="exact"))
        for inner in nested:
            self.table(inner)


def _chunk_grid(data: bytes, name: str, depth: int) -> Grid:
    kind = detect_format(data, name)
    if kind == "docx" and depth < MAX_CHUNK_DEPTH:
        return _read(data, name, depth + 1)
    if kind not in ("html", "mht"):
        raise UnreadableFile(f"an imported part of this kind ({kind}) is not read")
    return FORMAT_READERS[kind](data, name)


def _children(parent, local: str):
    """Children named `w:<local>`, looking through content controls and custom XML."""
    for child in parent.iterchildren():
        if child.tag == f"{W}{local}":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from _children(child, local)


def _val(el, path: str) -> str | None:
    found = el.find(path)
    return None if found is None else found.get(f"{W}val", "")


def table_cells(tbl, nested: list, notes: list[str], number: int) -> tuple[list[Cell], int]:
    """One Cell per merged region, at its grid slot; returns the cells and the row count."""
    cells: list[Cell] = []
    above: dict[int, Cell] = {}  # start column → cell reaching the previous row
    rows = list(_children(tbl, "tr"))
    if len(rows) > LIMITS.table_rows:
        notes.append(f"table {number} has {len(rows)} rows; only {LIMITS.table_rows} were read")
        rows = rows[: LIMITS.table_rows]
    open_below: set[int] = set()  # start columns whose cell in the row above has no bottom border
    for r, tr in enumerate(rows):
        before = _val(tr, f"{W}trPr/{W}gridBefore")
        col = clamp_span(before, LIMITS.span) if before else 0
        current: dict[int, Cell] = {}
        opened: set[int] = set()
        for tc in _children(tr, "tc"):
            span = clamp_span(_val(tc, f"{W}tcPr/{W}gridSpan"), LIMITS.span)
            merge = _val(tc, f"{W}tcPr/{W}vMerge")
            top = above.get(col)
            raw = "" if _in_placeholder(tc) else cell_text(tc, nested)
            if _border_off(tc, "bottom"):
                opened.add(col)
            if merge is None and top is not None and top.col_span == span and not (raw and top.raw) \
                    and (col in open_below or _border_off(tc, "top")):
                merge = "continue"  # a merge drawn by taking away the border between two cells
            if merge is not None and merge != "restart" and top is not None and top.col_span == span:
                top.row_span = r - top.row + 1
                if raw:  # Word keeps only the first cell's text; a continuation's is appended
                    top.raw = f"{top.raw}\n{raw}" if top.raw else raw
                    top.text = clean_text(top.raw)
                current[col] = top
            else:
                if merge is not None and merge != "restart":
                    notes.append(f"table {number}, row {r + 1}, col {col + 1}: a merge continues no "
                                 "cell above; kept as a cell of its own")
                cell = Cell(row=r, col=col, text=clean_text(raw), raw=raw, line=1, col_span=span,
                            location=f"table {number}, row {r + 1}, col {col + 1}")
                cells.append(cell)
                current[col] = cell
            col += span
        above, open_below = current, opened
    return cells, len(rows)


def _border_off(tc, side: str) -> bool:
    """The cell's own border on that side switched off (`w:tcBorders/w:top w:val="nil"`):
    people fake a merged label so, typing it once in the middle of a group of cells."""
    border = tc.find(f"{W}tcPr/{W}tcBorders/{W}{side}")
    return border is not None and border.get(f"{W}val") in ("nil", "none")


def cell_text(tc, nested: list) -> str:
    """A cell's paragraphs joined by `\\n`; its nested tables go to `nested`."""
    parts: list[str] = []
    for child in tc.iterchildren():
        if child.tag == f"{W}p":
            parts.append(paragraph_text(child).strip())
        elif child.tag == f"{W}tbl":
            nested.append(child)
        elif child.tag == f"{W}sdt" and child.find(f"{W}sdtContent") is not None \
                and not _showing_placeholder(child):
            parts.append(cell_text(child.find(f"{W}sdtContent"), nested))
        elif child.tag == f"{W}customXml":
            parts.append(cell_text(child, nested))
    return "\n".join(part for part in parts if part)


def paragraph_text(p) -> str:
    """The visible text of a paragraph: runs, tabs (as spaces), breaks, symbols and ticks."""
    return paragraph_line(p).replace("\t", " ")


def paragraph_line(p) -> str:
    """The visible text of a paragraph, its tabs kept."""
    out: list[str] = []
    _collect(p, out)
    return "".join(out)


def _collect(el, out: list[str]) -> None:
    for child in el.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{W}r" and _hidden(child) or tag == f"{W}sdt" and _showing_placeholder(child):
            continue
        if tag == f"{W}t":
            out.append(child.text or "")
        elif tag in (f"{W}tab", f"{W}ptab"):
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        elif tag == f"{W}sym":
            out.append(_symbol(child))
        elif tag == f"{W}sdt" and child.find(f"{W}sdtPr/{W14}checkbox") is not None:
            checked = child.find(f"{W}sdtPr/{W14}checkbox/{W14}checked")
            on = checked is not None and checked.get(f"{W14}val", "1") in ("1", "true", "on")
            out.append("☑" if on else "☐")
        elif tag == f"{W}fldChar" and child.find(f"{W}ffData/{W}checkBox") is not None:
            out.append(_legacy_checkbox(child.find(f"{W}ffData/{W}checkBox")))
        else:
            _collect(child, out)


def _showing_placeholder(element) -> bool:
    """A content control that shows its prompt (`单击或点击此处输入文字。`, Word's
    `w:showingPlcHdr`): nothing was typed in it; the prompt is no value."""
    return element.tag == f"{W}sdt" and element.find(f"{W}sdtPr/{W}showingPlcHdr") is not None


def _in_placeholder(tc) -> bool:
    """A table cell wrapped whole in a content control that shows its prompt."""
    parent = tc.getparent()
    while parent is not None and parent.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
        if _showing_placeholder(parent):
            return True
        parent = parent.getparent()
    return False


def _hidden(run) -> bool:
    """A run formatted as hidden text (`w:vanish`), which Word neither shows nor prints."""
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(f"{W}val", "true") not in ("0", "false", "off")


def _symbol(sym) -> str:
    font = (sym.get(f"{W}font") or "").lower()
    code = (sym.get(f"{W}char") or "").upper()
    if len(code) == 2:
        code = "F0" + code
    shown = _SYMBOLS.get(font, {}).get(code)
    if shown:
        return shown
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if font == "symbol" and (value in _SYMBOL_ASCII or value - 0xF000 in SYMBOL_SIGNS):
        return symbol_font(chr(value - 0xF000))  # Insert ▸ Symbol's `≥` is `F0B3`
    return chr(value) if value < 0xE000 or value > 0xF8FF else ""


def _legacy_checkbox(box) -> str:
    for tag in (f"{W}checked", f"{W}default"):
        found = box.find(tag)
        if found is not None:
            return "☑" if found.get(f"{W}val", "1") in ("1", "true", "on") else "☐"
    return "☐"
