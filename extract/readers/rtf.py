"""RTF (what Java and PHP budget systems, and old templates, hand out as "Word" `.doc`) → the cell grid.

An RTF file is one stream of groups, control words and text. The reader walks it once
and builds the WordprocessingML elements a .docx holds, then reads them with docx.py's
walker, so merges, tab-set paragraphs, check boxes and nested tables read as they do in
a .docx:
- text: `\\uN` Unicode (its `\\ucN` fallback characters skipped), `\\'hh` bytes in the code
  page of the current font's charset (`\\fcharset134` GBK, 136 Big5 …), else of
  `\\ansicpgN`; the Symbol font's codes as the signs it draws (`\\'b3` `≥`); hidden text
  (`\\v`) left out;
- destinations that are not the page (font and colour tables, style sheet, document
  info, pictures, headers, footnotes, a field's instruction, anything `\\*` marks) skipped;
  a field's result read;
- tables: each row's cell definitions (`\\trowd` … `\\cellxN`, the right edge of each cell
  in twips) and its cells (`\\intbl` … `\\cell` … `\\row`); the edges of all rows make the
  table's column grid, a cell over several of them spans them; `\\clvmgf` / `\\clvmrg` merge
  cells down, `\\clmgf` / `\\clmrg` across. A nested table's cells (`\\nestcell`) stay
  lines of the cell that holds them.
The walk is one loop over tokens with an explicit stack of groups, so hostile nesting
costs a bounded list, not recursion.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field, replace

from lxml import etree

from extract.grid import Grid, TableBlock
from extract.normalise import symbol_font
from extract.reader import UnreadableFile
from extract.readers.docx import Body, W, tab_stop_tables
from extract.readers.safety import LIMITS

READER = "rtf_table"

_TOKEN = re.compile(r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|"
                    r"([^\\{}\r\n]+)|[\r\n]+")
# destinations whose text is not the page's
_SKIPPED = frozenset({"fonttbl", "colortbl", "stylesheet", "info", "pict", "header", "headerl", "headerr",
                      "headerf", "footer", "footerl", "footerr", "footerf", "footnote", "annotation",
                      "fldinst", "nonesttables", "themedata", "colorschememapping", "datastore",
                      "latentstyles",
                      "listtable", "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "pgdsctbl",
                      "revtbl", "filetbl", "objdata", "objclass", "shpinst", "nonshppict", "bkmkstart",
                      "bkmkend", "txe", "xe", "tc", "atnid", "atnauthor", "mmathPr", "userprops"})
_CHARACTERS = {"emdash": "—", "endash": "–", "bullet": "•", "lquote": "‘", "rquote": "’",
               "ldblquote": "“", "rdblquote": "”", "emspace": " ", "enspace": " ", "qmspace": " "}
_SYMBOLS = {"~": " ", "_": "-", "-": "", "\\": "\\", "{": "{", "}": "}"}
# Windows charsets (`\fcharsetN`) → code pages; 0 (ANSI) and 1 (default) use the document's
_CHARSETS = {128: "cp932", 129: "cp949", 130: "johab", 134: "gb18030", 136: "cp950", 161: "cp1253",
             162: "cp1254", 163: "cp1258", 177: "cp1255", 178: "cp1256", 186: "cp1257", 204: "cp1251",
             222: "cp874", 238: "cp1250", 255: "cp437"}
_SYMBOL_CHARSET = 2
_MAX_DEPTH = 500  # groups open at once; deeper ones are skipped (noted)
_MAX_NESTING = 8  # tables in tables; deeper ones are read as cells of the eighth
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SAME_EDGE = 30  # twips: cell edges this close are one column edge


@dataclass
class _Group:
    """What a group sets, restored at its closing brace."""

    skip: bool = False  # a destination that is not the page
    hidden: bool = False  # `\v`
    font: int | None = None
    uc: int = 1  # fallback characters after `\uN`
    deleted: bool = False  # `\deleted`: a tracked deletion
    depth: int = 0  # the paragraph's table depth (`\intbl` 1, `\itapN` N)
    destination: str = ""

    @property
    def unseen(self) -> bool:
        return self.hidden or self.deleted


@dataclass
class _Font:
    charset: int = 0
    codepage: str = ""
    name: str = ""


@dataclass
class _CellDef:
    right: int
    merge_down: str = ""  # "first" (`\clvmgf`) or "next" (`\clvmrg`)
    merge_across: str = ""  # "first" (`\clmgf`) or "next" (`\clmrg`)


@dataclass
class _Row:
    defs: list[_CellDef] = field(default_factory=list)
    left: int = 0  # `\\trleftN`: the left edge of the row's first cell
    cells: list[list[str | list[_Row]]] = field(default_factory=list)  # each cell's paragraphs and tables


@dataclass
class _Level:
    """One depth of tables: the body (0), a table (1), a table in its cells (2) …"""

    content: list[str | list[_Row]] = field(default_factory=list)  # the open cell's (the body's) blocks
    row: _Row = field(default_factory=_Row)
    defining: _Row = field(default_factory=_Row)  # the definitions being read after `\\trowd`
    pending: _CellDef = field(default_factory=lambda: _CellDef(right=0))
    table: list[_Row] | None = None


@dataclass
class _Document:
    """The page as it is read: paragraphs, and tables as rows of cells, at their depths."""

    codepage: str = "cp1252"
    fonts: dict[int, _Font] = field(default_factory=dict)
    font_entry: _Font | None = None  # the font table's entry being read
    default_font: int | None = None  # `\\deffN`
    paragraph: list[str] = field(default_factory=list)
    levels: list[_Level] = field(default_factory=lambda: [_Level()])
    notes: list[str] = field(default_factory=list)

    @property
    def blocks(self) -> list[str | list[_Row]]:
        return self.levels[0].content

    def level(self, depth: int) -> _Level:
        depth = min(depth, _MAX_NESTING)
        while len(self.levels) <= depth:
            self.levels.append(_Level())
        return self.levels[depth]

    def end_paragraph(self, depth: int) -> None:
        """The paragraph ends in the cell open at its depth (the body at 0), closing the
        tables deeper than it."""
        text = _xml_safe("".join(self.paragraph))
        self.paragraph = []
        self.close_below(depth)
        self.level(depth).content.append(text)

    def close_below(self, depth: int) -> None:
        for deeper in range(len(self.levels) - 1, min(depth, _MAX_NESTING), -1):
            level = self.levels[deeper]
            if level.row.cells or level.content:
                self.end_row(deeper)
            if level.table:
                self.levels[deeper - 1].content.append(level.table)
            level.table = None

    def end_cell(self, depth: int) -> None:
        self.end_paragraph(depth)
        level = self.level(depth)
        level.row.cells.append(level.content)
        level.content = []
        if level.table is None:
            level.table = []

    def end_row(self, depth: int) -> None:
        level = self.level(depth)
        if self.paragraph and depth == len(self.levels) - 1 or level.content:
            self.end_cell(depth)
        if level.table is None:
            level.table = []
        if len(level.table) < LIMITS.table_rows:
            level.row.defs, level.row.left = level.defining.defs, level.defining.left
            level.table.append(level.row)
        elif len(level.table) == LIMITS.table_rows:
            self.notes.append(f"a table has over {LIMITS.table_rows} rows; the rest were not read")
        level.row = _Row()


def _xml_safe(text: str) -> str:
    """Text as XML can hold it: a character beyond the BMP, written as two `\\uN`
    surrogates, made whole; control characters and lone surrogates dropped."""
    if text.isascii() and not _CONTROL.search(text):
        return text
    whole = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return _CONTROL.sub("", whole.replace("\ufffd", ""))


def read_rtf(data: bytes, name: str) -> Grid:
    """The document as a Grid: tables with spans, paragraphs as prose, in order."""
    if not data.lstrip().startswith(b"{\\rtf"):
        raise UnreadableFile(f"{name} does not start as RTF does ({{\\rtf); open it in Word and save "
                             "it as .docx")
    document = _walk(data.decode("latin-1"))
    body = etree.Element(f"{W}body")
    for block in document.blocks:
        body.append(_table(block) if isinstance(block, list) else _paragraph(block.split("\n")))
    walker = Body()
    walker.blocks_of(body)
    for block in walker.blocks:
        if isinstance(block, TableBlock):
            block.reader = READER
    notes = document.notes + walker.notes
    return Grid(blocks=tab_stop_tables(walker.blocks, walker.tab_lines, notes), reader=READER, notes=notes)


def _walk(source: str) -> _Document:
    """One pass over the tokens."""
    document = _Document()
    stack: list[_Group] = []
    group = _Group()
    pending = bytearray()  # `\'hh` bytes not yet decoded
    fallback = 0  # characters after `\uN` still to skip
    ignorable = False  # `\*` seen: the next destination is skipped unless known
    position, end = 0, len(source)
    while position < end:
        match = _TOKEN.match(source, position)
        if match is None:  # a lone backslash at the end
            break
        position = match.end()
        word, argument, hex_byte, symbol, brace, text = match.groups()
        if hex_byte is not None:
            if fallback:
                fallback -= 1
            elif not group.skip and not group.unseen:
                pending.append(int(hex_byte, 16))
            continue
        if pending:
            _flush(document, group, pending)
        if brace == "{":
            fallback = 0
            stack.append(group)
            if len(stack) > _MAX_DEPTH:
                group = replace(group, skip=True)
                if len(stack) == _MAX_DEPTH + 1:
                    document.notes.append(f"groups nested over {_MAX_DEPTH} deep were not read")
            else:
                group = replace(group)
        elif brace == "}":
            fallback = 0
            group = stack.pop() if stack else _Group()
        elif text is not None:
            if fallback:
                skipped = min(fallback, len(text))
                fallback -= skipped
                text = text[skipped:]
            _text(document, group, text, pending)
        elif symbol is not None:
            if symbol == "*":
                ignorable = True
                continue
            if fallback:
                fallback -= 1
            elif not group.skip and not group.unseen and symbol in _SYMBOLS:
                document.paragraph.append(_SYMBOLS[symbol])
        elif word is not None:
            if word == "bin":
                position += max(int(argument or 0), 0)
                continue
            fallback = _control(document, group, word, argument, ignorable, fallback)
        ignorable = False
    if pending:
        _flush(document, group, pending)
    if document.paragraph:
        document.end_paragraph(group.depth)
    document.close_below(0)
    return document


def _control(document: _Document, group: _Group, word: str, argument: str | None, ignorable: bool,
             fallback: int) -> int:
    """A control word's effect on the group or the page; returns the fallback characters to skip."""
    number = int(argument) if argument is not None else None
    if group.destination == "fonttbl":
        _font_word(document, word, number)
        return fallback
    if word in _SKIPPED or (ignorable and word not in ("fldrslt", "result", "shptxt")):
        group.destination, group.skip = word, True
        return 0
    if word == "ansicpg" and number:
        document.codepage = _codepage(f"cp{number}")
    elif word == "deff" and number is not None:
        document.default_font = number
    elif word == "plain":
        group.font, group.hidden, group.deleted = None, False, False
    elif word == "f" and number is not None:
        group.font = number
    elif word == "uc" and number is not None:
        group.uc = max(number, 0)
    elif word == "u" and number is not None:
        if not group.skip and not group.unseen:
            document.paragraph.append(_shown(document, group, chr(number % 65536)))
        return group.uc
    elif word == "v":
        group.hidden = number != 0
    elif word == "deleted":
        group.deleted = number != 0
    elif not group.skip:
        _page_word(document, group, word, number)
    return fallback


def _page_word(document: _Document, group: _Group, word: str, number: int | None) -> None:
    """Paragraph, cell, row and character controls."""
    if word in _ROW_DEFINITIONS:
        _row_definition(document.level(max(group.depth, 1)), word, number)
    elif word == "pard":
        group.depth = 0
    elif word == "intbl":
        group.depth = max(group.depth, 1)
    elif word == "itap" and number is not None:
        group.depth = max(number, 0)
    elif word == "par":
        if not group.unseen:
            document.end_paragraph(group.depth)
    elif word in ("cell", "nestcell"):
        document.end_cell(1 if word == "cell" else max(group.depth, 2))
    elif word in ("row", "nestrow"):
        document.end_row(1 if word == "row" else max(group.depth, 2))
    elif not group.unseen:
        _character(document, word)


_ROW_DEFINITIONS = frozenset({"trowd", "trleft", "clvmgf", "clvmrg", "clmgf", "clmrg", "cellx"})


def _row_definition(table: _Level, word: str, number: int | None) -> None:
    """A row's definitions (`\\trowd`, its left edge, each cell's merges and right edge),
    for the table at the paragraph's depth."""
    if word == "trowd":
        table.defining, table.pending = _Row(), _CellDef(right=0)
    elif word == "trleft" and number is not None:
        table.defining.left = number
    elif word in ("clvmgf", "clvmrg"):
        table.pending.merge_down = "first" if word == "clvmgf" else "next"
    elif word in ("clmgf", "clmrg"):
        table.pending.merge_across = "first" if word == "clmgf" else "next"
    elif word == "cellx" and number is not None:
        if len(table.defining.defs) < LIMITS.sheet_cols:
            table.pending.right = number
            table.defining.defs.append(table.pending)
        table.pending = _CellDef(right=0)


def _character(document: _Document, word: str) -> None:
    if word == "tab":
        document.paragraph.append("\t")
    elif word == "line":
        document.paragraph.append("\n")
    elif word in _CHARACTERS:
        document.paragraph.append(_CHARACTERS[word])


def _font_word(document: _Document, word: str, number: int | None) -> None:
    """Font table entries: `\\fN` opens one, `\\fcharsetN` and `\\cpgN` give its code page."""
    if word == "f" and number is not None:
        document.font_entry = document.fonts[number] = _Font()
        return
    current = document.font_entry
    if current is None:
        return
    if word == "fcharset" and number is not None:
        current.charset = number
    elif word == "cpg" and number:
        current.codepage = _codepage(f"cp{number}")


def _codepage(name: str) -> str:
    """A code page Python knows (`cp936` read as GB18030, its superset), else cp1252."""
    if name in ("cp936", "cp54936"):
        return "gb18030"
    try:
        codecs.lookup(name)
    except LookupError:
        return "cp1252"
    return name


def _text(document: _Document, group: _Group, text: str, pending: bytearray) -> None:
    """Literal text: ASCII as it is; bytes over 0x7F (a writer that does not escape them)
    decoded in the font's code page, as `\\'hh` bytes are."""
    if group.destination == "fonttbl":
        if document.font_entry is not None:
            document.font_entry.name += text.strip().rstrip(";")
        return
    if group.skip or group.unseen:
        return
    if text.isascii():
        document.paragraph.append(_shown(document, group, text))
        return
    pending.extend(text.encode("latin-1"))
    _flush(document, group, pending)


def _flush(document: _Document, group: _Group, pending: bytearray) -> None:
    if not group.skip and not group.unseen:
        font = _font(document, group)
        if font is not None and _symbol(font):
            document.paragraph.append(symbol_font(pending.decode("latin-1")))
        else:
            document.paragraph.append(bytes(pending).decode(_font_codepage(document, font), errors="replace"))
    pending.clear()


def _font_codepage(document: _Document, font: _Font | None) -> str:
    if font is None:
        return document.codepage
    return font.codepage or _CHARSETS.get(font.charset) or document.codepage


def _symbol(font: _Font) -> bool:
    return font.charset == _SYMBOL_CHARSET or font.name.lower() == "symbol"


def _shown(document: _Document, group: _Group, text: str) -> str:
    """Text in the Symbol font as the signs it draws."""
    font = _font(document, group)
    return symbol_font(text) if font is not None and _symbol(font) else text


def _font(document: _Document, group: _Group) -> _Font | None:
    """The group's font (`\\fN`), else the document's default (`\\deffN`)."""
    number = group.font if group.font is not None else document.default_font
    return document.fonts.get(number) if number is not None else None


def _paragraph(lines: list[str]):
    """A `w:p` whose lines are parted by `w:br` and cells by `w:tab`."""
    p = etree.Element(f"{W}p")
    run = etree.SubElement(p, f"{W}r")
    for number, line in enumerate(lines):
        if number:
            etree.SubElement(run, f"{W}br")
        for index, piece in enumerate(line.split("\t")):
            if index:
                etree.SubElement(run, f"{W}tab")
            if piece:
                etree.SubElement(run, f"{W}t").text = piece
    return p


def _table(rows: list[_Row]):
    """A `w:tbl` on the grid of all its rows' cell edges."""
    edges = _edges(rows)
    tbl = etree.Element(f"{W}tbl")
    for row in rows:
        tr = etree.SubElement(tbl, f"{W}tr")
        left = row.left
        cells = _merged_across(row)
        for index, (paragraphs, definition) in enumerate(cells):
            right = definition.right if definition is not None else left
            span = sum(1 for edge in edges if left < edge <= right + _SAME_EDGE // 2) if definition else 1
            if index == 0 and edges and left > edges[0] - _SAME_EDGE:
                before = sum(1 for edge in edges if edge <= left + _SAME_EDGE // 2)
                if before:
                    _property(etree.SubElement(tr, f"{W}trPr"), "gridBefore", str(before))
            tc = etree.SubElement(tr, f"{W}tc")
            properties = etree.SubElement(tc, f"{W}tcPr")
            if span > 1:
                _property(properties, "gridSpan", str(span))
            if definition is not None and definition.merge_down:
                _property(properties, "vMerge", "restart" if definition.merge_down == "first" else "continue")
            for item in paragraphs or [""]:
                tc.append(_table(item) if isinstance(item, list) else _paragraph(item.split("\n")))
            left = max(right, left)
    return tbl


def _merged_across(row: _Row) -> list[tuple[list[str | list[_Row]], _CellDef | None]]:
    """The row's cells with their definitions, a cell merged into the one on its left
    (`\\clmrg`) folded into it (its edge becomes the merged cell's)."""
    cells: list[tuple[list[str | list[_Row]], _CellDef | None]] = []
    for index, paragraphs in enumerate(row.cells):
        definition = row.defs[index] if index < len(row.defs) else None
        first = cells[-1][1] if cells else None
        if definition is not None and definition.merge_across == "next" and first is not None:
            cells[-1] = (cells[-1][0], replace(first, right=definition.right))
            continue
        cells.append((paragraphs, definition))
    return cells


def _edges(rows: list[_Row]) -> list[int]:
    """Every right edge of every row, those within `_SAME_EDGE` twips taken as one."""
    edges: list[int] = []
    for edge in sorted({definition.right for row in rows for definition in row.defs}):
        if not edges or edge - edges[-1] > _SAME_EDGE:
            edges.append(edge)
    return edges


def _property(parent, name: str, value: str) -> None:
    etree.SubElement(parent, f"{W}{name}").set(f"{W}val", value)
