"""Tables written in wiki markup: MediaWiki's (`{|` … `|}`) and AsciiDoc's (`|===` … `|===`).

Document pipelines and wikis keep a form as markup text (`pandoc -t mediawiki`, `-t
asciidoc`, a wiki page's source). Such a table states its merged cells (MediaWiki's
`rowspan="5" colspan="2" |`, AsciiDoc's `.3+^|`, `2+|`) and lets a cell's text run over
several lines, so the text layouts, which see pipes and line breaks, would cut it wrong.
Each table is read by its markup instead, cell by cell, onto the slots its spans leave
free (as HTML places cells: spans.SpanGrid); AsciiDoc does not mark where a row ends, so a
row ends where its columns are filled (the `cols` attribute, or the first line's cells,
tell how many). The text between tables is read by the text layouts, lines kept, its
emphasis marks (`'''…'''`, `*…*`) taken off.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from extract.grid import Block, Cell, Grid, TableBlock, gather
from extract.readers.build import cell
from extract.readers.spans import SpanGrid, clamp_span

MEDIAWIKI = "mediawiki_table"
ASCIIDOC = "asciidoc_table"

_MAX_SPAN = 1000
_WIKI_OPEN = regex.compile(r"^\s*\{\|")
_WIKI_CLOSE = regex.compile(r"^\s*\|\}")
_ADOC_FENCE = regex.compile(r"^\s*\|===\s*$")
_ADOC_ATTRIBUTES = regex.compile(r"^\s*\[.*\]\s*$")
_ADOC_COLS = regex.compile(r"""\bcols\s*=\s*"([^"]*)\"""")
_ADOC_COL_REPEAT = regex.compile(r"^\s*(\d+)\s*\*")
# a cell's spec before its `|`: `2+` (columns), `.3+` (rows), `2.3+`, alignment, a style
_ADOC_SPEC = regex.compile(r"(?:(?P<cols>\d+)?(?:\.(?P<rows>\d+))?\+)?(?:[<^>])?(?:\.[<^>])?[adehlmsv]?")
_ADOC_SEPARATOR = regex.compile(r"(?<!\\)\|")
_WIKI_ATTRIBUTE = regex.compile(r"""\b(rowspan|colspan)\s*=\s*["']?\s*(\d+)""", regex.I)
_WIKI_ATTRIBUTES = regex.compile(r"""^\s*(?:[\w-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s|]+)\s*)+$""")
_WIKI_BREAK = regex.compile(r"<br\s*/?>", regex.I)
_EMPHASIS = regex.compile(r"'{2,5}|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_HEADING = regex.compile(r"^\s*(=+)\s*(.*?)\s*\1?\s*$")


@dataclass
class _Cell:
    text: str
    line: int
    rows: int = 1
    cols: int = 1


@dataclass
class _Table:
    start: int  # index of its first line (the opening mark)
    end: int  # index after its closing mark
    rows: list[list[_Cell]] = field(default_factory=list)


_WIKI_MARK, _ADOC_MARK = "{|", "|==="


def read(lines: list[str], read_text: Callable[[list[str]], Grid]) -> Grid | None:
    """The tables by their markup, the text between them by `read_text`; None where no table
    of either markup opens and closes in the text (its marks are looked for first, as text,
    so that other text costs one pass of substring tests)."""
    if not any(_WIKI_MARK in line or _ADOC_MARK in line for line in lines):
        return None
    tables, reader = _wiki_tables(lines), MEDIAWIKI
    if not tables:
        tables, reader = _asciidoc_tables(lines), ASCIIDOC
    if not tables:
        return None
    blocks: list[Block] = []
    notes: list[str] = []
    start = 0
    for table in [*tables, None]:
        end = table.start if table else len(lines)
        stretch = [_plain(line) for line in lines[start:end]]
        if any(line.strip() for line in stretch):
            gather(blocks, notes, read_text(stretch), start)
        if table is None:
            break
        placed = _placed(table.rows, reader)
        if placed.cells:
            blocks.append(placed)
        start = table.end
    return Grid(blocks=blocks, reader=reader, notes=notes)


def _plain(line: str) -> str:
    """A line of text between tables without its markup's emphasis and heading marks."""
    heading = _HEADING.match(line)
    text = heading.group(2) if heading and heading.group(2) else line
    return _EMPHASIS.sub("", text)


def _placed(rows: list[list[_Cell]], reader: str) -> TableBlock:
    """The rows' cells on the slots the spans above leave free."""
    grid = SpanGrid(_MAX_SPAN)
    cells: list[Cell] = []
    for r, row in enumerate(rows):
        col = 0
        for item in row:
            col = grid.place(r, col, item.rows, item.cols)
            placed = cell(r, col, _cleaned(item.text), item.line)
            placed.row_span, placed.col_span = item.rows, item.cols
            cells.append(placed)
            col += item.cols
    return TableBlock(cells=cells, reader=reader, rows="exact", columns="exact")


def _cleaned(text: str) -> str:
    """A cell's text: its paragraphs a line each, emphasis marks off."""
    paragraphs = [" ".join(part.split()) for part in regex.split(r"\n\s*\n|\n", _WIKI_BREAK.sub("\n", text))]
    return "\n".join(_EMPHASIS.sub("", part) for part in paragraphs if part).replace("&nbsp;", " ")


def _wiki_tables(lines: list[str]) -> list[_Table]:
    """MediaWiki tables: `|-` opens a row, `!` and `|` lines hold cells (several, parted by
    `!!` or `||`), `attributes | text` gives a cell's spans, other lines go on with the cell
    before them."""
    tables: list[_Table] = []
    index = 0
    while index < len(lines):
        if not _WIKI_OPEN.match(lines[index]):
            index += 1
            continue
        table = _Table(start=index, end=index + 1)
        row: list[_Cell] | None = None
        last: _Cell | None = None
        for k in range(index + 1, len(lines)):
            stripped = lines[k].strip()
            if _WIKI_CLOSE.match(lines[k]):
                table.end = k + 1
                break
            if stripped.startswith("|-"):
                row, last = None, None
            elif stripped.startswith("|+"):
                continue  # a caption
            elif stripped.startswith(("|", "!")):
                if row is None:
                    row = []
                    table.rows.append(row)
                separator = r"\|\|" if stripped.startswith("|") else r"!!|\|\|"
                for piece in regex.split(separator, stripped[1:]):
                    last = _wiki_cell(piece, k + 1)
                    row.append(last)
            elif last is not None:
                last.text += "\n" + lines[k]
        else:
            return tables  # never closed: not a table
        tables.append(table)
        index = table.end
    return tables


def _wiki_cell(piece: str, line: int) -> _Cell:
    attributes, bar, text = piece.partition("|")
    if not bar or "[[" in attributes or not _WIKI_ATTRIBUTES.match(attributes):
        return _Cell(piece.strip(), line)
    spans = {name.lower(): value for name, value in _WIKI_ATTRIBUTE.findall(attributes)}
    return _Cell(text.strip(), line, clamp_span(spans.get("rowspan"), _MAX_SPAN),
                 clamp_span(spans.get("colspan"), _MAX_SPAN))


def _asciidoc_tables(lines: list[str]) -> list[_Table]:
    """AsciiDoc tables between `|===` fences: cells begin at each `|`, a spec written just
    before it (`.3+^`, `2+`) giving their spans; rows fill to the table's width."""
    tables: list[_Table] = []
    index = 0
    while index < len(lines):
        if not _ADOC_FENCE.match(lines[index]):
            index += 1
            continue
        close = next((k for k in range(index + 1, len(lines)) if _ADOC_FENCE.match(lines[k])), None)
        if close is None:
            break
        cells = _asciidoc_cells(lines, index + 1, close)
        width = _asciidoc_width(lines, index, cells)
        opening = index - 1 if index and _ADOC_ATTRIBUTES.match(lines[index - 1]) else index
        tables.append(_Table(start=opening, end=close + 1, rows=_asciidoc_rows(cells, width)))
        index = close + 1
    return tables


def _asciidoc_cells(lines: list[str], start: int, end: int) -> list[_Cell]:
    """The cells between the fences in order: each `|` opens one, its spec the word written
    just before it (after a space or a line break), its text running to the next cell's spec."""
    body = "\n".join(lines[start:end])
    line_starts = [0]
    for line in lines[start:end]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    cells: list[_Cell] = []
    text_start = 0
    for separator in _ADOC_SEPARATOR.finditer(body):
        at = separator.start()
        word = at
        while word > 0 and not body[word - 1].isspace():
            word -= 1
        spec = body[word:at] if _ADOC_SPEC.fullmatch(body[word:at]) else ""
        if cells:
            cells[-1].text = body[text_start:at - len(spec)]
        cells.append(_asciidoc_cell(spec, start + bisect_right(line_starts, at)))
        text_start = separator.end()
    if cells:
        cells[-1].text = body[text_start:]
    return cells


def _asciidoc_cell(spec: str, line: int) -> _Cell:
    match = _ADOC_SPEC.fullmatch(spec)
    cols = clamp_span(match.group("cols"), _MAX_SPAN) if match and match.group("cols") else 1
    rows = clamp_span(match.group("rows"), _MAX_SPAN) if match and match.group("rows") else 1
    return _Cell("", line, rows, cols)


def _asciidoc_width(lines: list[str], fence: int, cells: list[_Cell]) -> int:
    """Columns: the `cols` attribute's (`4`, `^25%,^25%,…`, `3*` counting three), else the
    cells of the table's first line."""
    above = lines[fence - 1] if fence else ""
    stated = _ADOC_COLS.search(above) if _ADOC_ATTRIBUTES.match(above) else None
    if stated and stated.group(1).strip().isdigit():
        return clamp_span(stated.group(1), _MAX_SPAN)
    if stated:
        count = sum(int(repeat.group(1)) if (repeat := _ADOC_COL_REPEAT.match(entry)) else 1
                    for entry in stated.group(1).split(",") if entry.strip())
        if count:
            return min(count, _MAX_SPAN)
    first = cells[0].line if cells else 0
    return max(1, sum(item.cols for item in cells if item.line == first))


def _asciidoc_rows(cells: list[_Cell], width: int) -> list[list[_Cell]]:
    """The cells into rows: a row ends where its slots, less those spans from above hold,
    are filled."""
    rows: list[list[_Cell]] = []
    held: dict[int, int] = {}  # row index → slots spans from above take in it
    row: list[_Cell] = []
    used = 0
    for item in cells:
        r = len(rows)
        if row and used + item.cols > width - held.get(r, 0):
            rows.append(row)
            row, used, r = [], 0, r + 1
        row.append(item)
        used += item.cols
        for below in range(r + 1, r + item.rows):
            held[below] = held.get(below, 0) + item.cols
        if used >= width - held.get(r, 0):
            rows.append(row)
            row, used = [], 0
    if row:
        rows.append(row)
    return rows
