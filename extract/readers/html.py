"""HTML pages (as forms are published on government sites) → the cell grid.

Every `<table>` becomes a TableBlock whose cells sit at their true grid
positions (rowspan/colspan resolved by `SpanGrid`), each cell keeping the
source line of its element; text outside tables becomes ProseBlocks in
document order. Scripts, styles and site navigation are dropped, nothing in
the page is run or fetched, and the encoding comes from the BOM or the meta
tag (GB2312/GBK read as GB18030, their superset).
"""

from __future__ import annotations

import codecs
import re

import lxml.html
from lxml import etree

from extract.classify import classify
from extract.grid import Cell, Grid, ProseBlock, TableBlock, relined
from extract.normalise import clean_text
from extract.readers import markdown_html
from extract.readers.hocr import BBOX_READER as BBOX
from extract.readers.hocr import READER as HOCR
from extract.readers.hocr import bbox_lines, hocr_lines
from extract.readers.positioned import READER as POSITIONED
from extract.readers.positioned import positioned_lines
from extract.readers.safety import LIMITS
from extract.readers.spans import SpanGrid, clamp_span
from extract.readers.text import read_text

READER = "html_table"

_PARSER = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                               huge_tree=False, recover=True)
_DROP = frozenset({"script", "style", "noscript", "template", "head", "nav", "iframe", "object",
                   "embed", "svg", "math", "button", "map", "audio", "video", "canvas"})
_CONTROLS = frozenset({"input", "select"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
                    "section", "article", "header", "footer", "main", "aside", "blockquote", "pre",
                    "form", "fieldset", "address", "center", "caption", "hr", "figure", "figcaption",
                    "tr", "body", "html"})
_NAV = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|site-?nav|topbar|share)(?:$|[\s_-])",
                  re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
            "windows-936": "gb18030", "big5": "big5hkscs", "unicode": "utf-16"}


def read_html(data: bytes, name: str) -> Grid:
    """The page's tables and prose as a Grid (see the module docstring)."""
    text, notes = decode_html(data)
    if markdown_html.looks_like_markdown(text):
        return markdown_html.read(text, notes, read_page)
    return read_page(text, notes)


def read_page(text: str, notes: list[str]) -> Grid:
    """A page already decoded (a web page's, or one a single-file web page holds)."""
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return Grid(blocks=[], reader=READER, notes=notes)
    try:
        root = lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as err:
        return Grid(blocks=[], reader=READER, notes=[*notes, f"the page could not be parsed: {err}"])
    for boxed, reader in ((hocr_lines, HOCR), (bbox_lines, BBOX)):
        laid_out = boxed(root)  # an OCR engine's or a PDF's words: their boxes are the table
        if laid_out is not None:
            grid = read_text(laid_out)
            return Grid(blocks=grid.blocks, reader=reader, notes=[*notes, *grid.notes])
    laid_out = positioned_lines(root)
    if laid_out is not None:  # a PDF as a web page: the positions are the table
        grid = read_text(laid_out)
        return Grid(blocks=grid.blocks, reader=POSITIONED, notes=[*notes, *grid.notes])
    walker = _Walker()
    walker.flow(root)
    walker.flush()
    walker.field_label()
    if not any(_holds_a_form(block) for block in walker.blocks if isinstance(block, TableBlock)):
        read = _read_as_text([block for block in walker.blocks if isinstance(block, ProseBlock)])
        if read is not None:
            return Grid(blocks=read.blocks, reader=DIVS, notes=notes + walker.notes + read.notes)
    blocks = _without_copies(walker.blocks, walker.notes)
    return Grid(blocks=blocks, reader=READER, notes=notes + walker.notes)


DIVS = "html_blocks"


def _holds_a_form(block: TableBlock) -> bool:
    """A table with a form's column heading or level label in it (not a page's layout)."""
    return any((tags := classify(cell.text)).column or tags.is_level
               for cell in block.cells if len(cell.text) <= _HEADING_LENGTH)


_HEADING_LENGTH = 20


def _read_as_text(prose: list[ProseBlock]) -> Grid | None:
    """A page that lays its form out without a table (`<div>`s set as a grid or a table by
    CSS, as today's CMS pages do): each block a line, read as text, where a table is found;
    each cell's line is its block's line in the page."""
    if not prose:
        return None
    grid = read_text([block.raw.replace(" ", "\u00a0") for block in prose])  # (a block is one cell)
    if not grid.tables():
        return None
    relined(grid.blocks, prose)
    return grid


def decode_html(data: bytes) -> tuple[str, list[str]]:
    """Text of the page: BOM, then valid UTF-8, then the declared charset, then GB18030.

    UTF-8 goes before the meta tag because saved pages are often re-encoded
    to UTF-8 with their `charset=gb2312` left in place, while GBK text of any
    length is practically never valid UTF-8.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff"), []
    declared = _CHARSET.search(data[:8192])
    candidates = [codec(declared.group(1).decode("ascii", "ignore"))] if declared else []
    if candidates and candidates[0] in ("utf-16", "utf-16-le", "utf-16-be"):
        candidates = []  # a UTF-16 page has a BOM; without one, the meta tag is stale
    for encoding in ["utf-8", *candidates, "gb18030"]:
        if encoding is None:
            continue
        try:
            return data.decode(encoding), []
        except UnicodeDecodeError:
            continue
    text = data.decode("gb18030", errors="replace")
    return text, [f"the page is not valid in its declared encoding; {text.count(chr(0xFFFD))} "
                  "characters could not be decoded and were replaced"]


def codec(label: str) -> str | None:
    """Python's codec for a charset label as pages write it (gb2312 read as GB18030)."""
    label = _ALIASES.get(label.lower(), label.lower())
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _skipped(el) -> bool:
    """Elements whose content is not the document's: scripts, styles, navigation, hidden."""
    if not isinstance(el.tag, str) or el.tag.lower() in _DROP:
        return True
    attrs = el.attrib
    if attrs.get("role") == "navigation" or "hidden" in attrs:
        return True
    marker = f"{attrs.get('class', '')} {attrs.get('id', '')}"
    return bool(_NAV.search(marker)) or bool(_HIDDEN.search(attrs.get("style", "")))


def _control(el) -> str:
    """What a form control shows: ☑/☐ for a check box or radio button, the value of a text
    field, the chosen option of a list (pages exported from web forms carry their data so)."""
    tag = el.tag.lower()
    if tag == "select":
        chosen = el.xpath(".//option[@selected]") or el.xpath(".//option")[:1]
        return " ".join(chosen[0].itertext()).strip() if chosen else ""
    kind = (el.get("type") or "text").lower()
    if kind in ("checkbox", "radio"):
        return "☑" if el.get("checked") is not None else "☐"
    return (el.get("value") or "").strip() if kind == "text" else ""


class _Text:
    """Lines of text being collected, with the source line where they began."""

    def __init__(self) -> None:
        self.lines: list[str] = [""]
        self.line = 0
        self.tag = ""

    def add(self, text: str | None, line: int | None, tag: str = "") -> None:
        if not text:
            return
        text = _SPACES.sub(" ", text)
        if text.strip() and not self.line:
            self.line, self.tag = line or 0, tag
        self.lines[-1] += text

    def newline(self) -> None:
        if self.lines[-1].strip():
            self.lines.append("")

    def raw(self) -> str:
        return "\n".join(part.strip() for part in self.lines if part.strip())


class _Walker:
    """Walks the page in document order, emitting prose lines and tables."""

    def __init__(self) -> None:
        self.blocks: list[TableBlock | ProseBlock] = []
        self.notes: list[str] = []
        self.text = _Text()
        self.tables = 0
        self.head: TableBlock | None = None  # the last table, where it held headings alone
        self.label = ""  # a form item's label waiting for its content
        self.label_line = 0

    # ------------------------------------------------------------ prose flow
    def flow(self, el) -> None:
        """Visit `el` and its children as page content (not inside a cell)."""
        if _skipped(el):
            return
        tag = el.tag.lower()
        if tag == "table":
            self.flush()
            self.field_label()
            self.table(el)
            return
        if _flex_rows(el):
            self.flush()
            self.field_label()
            self.boxes(el)
            return
        if tag in ("br", "hr") or tag in _BLOCK:
            self.flush()
        if tag in _CONTROLS:
            self.text.add(_control(el), el.sourceline, tag)
            return
        alone = tag == "label" and not self.text.raw()
        self.text.add(el.text, el.sourceline, tag)
        for child in el:
            self.flow(child)
            self.text.add(child.tail, child.sourceline, tag)
        if alone:
            self.hold_label()
        if tag in _BLOCK:
            self.flush()

    def hold_label(self) -> None:
        """A form item's `<label>` standing alone on its line, held to open the line of the
        content that follows it (`项目名称：…`): web forms (Element UI's `el-form-item`, Ant
        Design's, layui's, Bootstrap's) set the label and the field's content in blocks of
        their own."""
        label = self.text.raw()
        if label and "\n" not in label and len(label) <= _LABEL_LENGTH:
            self.field_label()
            self.label, self.label_line = label, self.text.line
            self.text = _Text()

    def field_label(self) -> None:
        """A held label that no content followed, on its own line."""
        if self.label:
            line = self.label_line
            self.blocks.append(ProseBlock(text=clean_text(self.label), raw=self.label, line=line,
                                          last_line=line, location=f"<label> at line {line}"))
            self.label = ""

    def flush(self) -> None:
        """End the current prose line (a block boundary or `<br>`); a held label opens it."""
        raw = self.text.raw()
        if raw and self.label:
            colon = "" if self.label[-1] in ":：" else "："
            raw, self.text.line, self.label = f"{self.label}{colon}{raw}", self.label_line, ""
        if raw:
            line = self.text.line or 1
            where = f"<{self.text.tag}> at line {line}" if self.text.tag else f"line {line}"
            for n, part in enumerate(raw.split("\n")):
                self.blocks.append(ProseBlock(text=clean_text(part), raw=part, line=line + n,
                                              last_line=line + n, location=where))
        self.text = _Text()

    # ---------------------------------------------------------------- tables
    def table(self, table) -> None:
        """A data table becomes a TableBlock; a layout table is walked as page content."""
        rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")[: LIMITS.table_rows + 1]
        if len(rows) > LIMITS.table_rows:
            rows = rows[: LIMITS.table_rows]
            self.notes.append(f"a table at line {table.sourceline} has over {LIMITS.table_rows} rows; "
                              "the rest were not read")
        cells = [cell for row in rows for cell in row if isinstance(cell.tag, str)
                 and cell.tag.lower() in ("td", "th")]
        if _is_layout(rows, cells):
            for cell in cells:
                self.flow_children(cell)
            return
        for caption in table.xpath("./caption"):
            self.flow(caption)
        self.tables += 1
        nested: list = []
        block = self.build(rows, nested)
        if block.cells and not self._joined_to_head(block):
            self.blocks.append(block)
            self.head = block if _headings_only(rows) else None
        for inner in nested:
            self.table(inner)

    def boxes(self, el) -> None:
        """Rows of boxes set side by side by CSS (`display:flex`), each box a cell: a table
        drawn without `<table>` (秀米's and 135editor's forms in WeChat articles)."""
        self.tables += 1
        nested: list = []
        cells: list[Cell] = []
        for r, row in enumerate(_elements(el)):
            for col, box in enumerate(_elements(row)):
                raw = _cell_text(box, nested)
                line = box.sourceline or 1
                cells.append(Cell(row=r, col=col, text=clean_text(raw), raw=raw, line=line, last_line=line,
                                  location=f"boxes {self.tables}, row {r + 1}, box {col + 1}"))
        if any(cell.text for cell in cells):
            self.blocks.append(TableBlock(cells=cells, reader=READER, rows="exact", columns="exact"))
        for inner in nested:
            self.table(inner)

    def _joined_to_head(self, block: TableBlock) -> bool:
        """A table right after a table of column headings alone, as wide: its rows placed
        under them. UI frameworks draw a fixed header as a table of its own (Element UI's
        `el-table__header`, layui's, Ant Design's, DataTables' scrolling head), the body
        as another."""
        head = self.head
        self.head = None
        if head is None or not self.blocks or self.blocks[-1] is not head:
            return False
        if not _width(head, texts_only=True) <= _width(block) <= _width(head):
            return False
        below = max(cell.row + cell.row_span for cell in head.cells)
        for cell in block.cells:
            cell.row += below
        head.cells.extend(block.cells)
        return True

    def flow_children(self, cell) -> None:
        self.flush()
        self.text.add(cell.text, cell.sourceline)
        for child in cell:
            self.flow(child)
            self.text.add(child.tail, child.sourceline)
        self.flush()

    def build(self, rows: list, nested: list) -> TableBlock:
        """Cells at their grid slots; rowspans clamped to the rows the table has."""
        grid = SpanGrid(LIMITS.span)
        cells: list[Cell] = []
        for r, row in enumerate(rows):
            col = 0
            for td in row:
                if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th") or _skipped(td):
                    continue
                rs = min(clamp_span(td.get("rowspan"), LIMITS.span), len(rows) - r)
                cs = clamp_span(td.get("colspan"), LIMITS.span)
                col = grid.place(r, col, rs, cs)
                raw = _cell_text(td, nested)
                line = td.sourceline or 1
                cells.append(Cell(row=r, col=col, text=clean_text(raw), raw=raw, line=line, last_line=line,
                                  row_span=rs, col_span=cs,
                                  location=f"table {self.tables}, row {r + 1}, col {col + 1}"))
                col += cs
        return TableBlock(cells=cells, reader=READER, rows="exact", columns="exact")


def _flex_rows(el) -> bool:
    """Whether `el` holds rows of boxes and nothing else: `_FLEX_ROWS` children or more, each
    laid out as a row by CSS (`display:flex`, not as a column) with two boxes or more."""
    children = _elements(el)
    return len(children) >= _FLEX_ROWS and all(
        _FLEX.search(child.get("style", "")) and not _FLEX_COLUMN.search(child.get("style", ""))
        and len(_elements(child)) >= 2 for child in children)


def _elements(el) -> list:
    return [child for child in el if isinstance(child.tag, str) and not _skipped(child)]


_FLEX_ROWS = 3
_FLEX = re.compile(r"display\s*:\s*(?:-webkit-)?(?:inline-)?flex\b", re.I)
_FLEX_COLUMN = re.compile(r"flex-(?:direction|flow)\s*:\s*column", re.I)


def _headings_only(rows: list) -> bool:
    """Every row of the table in its `<thead>` or made of `<th>` cells."""
    return bool(rows) and all(row.getparent().tag.lower() == "thead" or all(
        cell.tag.lower() == "th" for cell in row if isinstance(cell.tag, str)) for row in rows)


def _width(block: TableBlock, texts_only: bool = False) -> int:
    return max((cell.col + cell.col_span for cell in block.cells if cell.text or not texts_only), default=0)


def _without_copies(blocks: list[TableBlock | ProseBlock], notes: list[str]) -> list[TableBlock | ProseBlock]:
    """Tables whose every cell repeats an earlier table's cell at the same place left out
    (noted): UI frameworks draw their fixed columns again as a table of their own laid over
    the first (Element UI's `el-table__fixed`, Ant Design's `ant-table-fixed-left`, layui's
    `layui-table-fixed`)."""
    kept: list[TableBlock | ProseBlock] = []
    seen: list[dict[tuple[int, int], str]] = []
    for block in blocks:
        if isinstance(block, TableBlock):
            texts = {(cell.row, cell.col): cell.text for cell in block.cells if cell.text}
            if len(texts) >= _COPY_CELLS and any(texts.items() <= earlier.items() for earlier in seen):
                notes.append(f"a table at {block.cells[0].location} repeats an earlier table's cells "
                             "(a copy drawn over it); read once")
                continue
            seen.append(texts)
        kept.append(block)
    return kept


_LABEL_LENGTH = 30  # characters of a form item's label, at most
_COPY_CELLS = 2  # cells with text a table must hold to be taken for another's copy


def _is_layout(rows: list, cells: list) -> bool:
    """A table used to place content: it holds tables, and no cell without one holds text,
    or it is one column of blocks (a page's article: its heading, its date line, then a cell
    of paragraphs and tables)."""
    holders = [cell for cell in cells if cell.xpath(".//table")]
    if not holders:
        return False
    if all(sum(1 for cell in row if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")) <= 1
           for row in rows):
        return True
    others = [cell for cell in cells if cell not in holders and "".join(cell.itertext()).strip()]
    return not others


def _cell_text(td, nested: list) -> str:
    """A cell's text with `<br>` and block boundaries as `\\n`; nested tables go to `nested`."""
    text = _Text()

    def visit(el) -> None:
        if _skipped(el):
            return
        tag = el.tag.lower()
        if tag == "table":
            nested.append(el)
            text.newline()
            return
        if tag in ("br", "hr") or tag in _BLOCK:
            text.newline()
        if tag in _CONTROLS:
            text.add(_control(el), 1)
            return
        text.add(el.text, 1)
        for child in el:
            visit(child)
            text.add(child.tail, 1)
        if tag in _BLOCK:
            text.newline()

    text.add(td.text, 1)
    for child in td:
        visit(child)
        text.add(child.tail, 1)
    return text.raw()
