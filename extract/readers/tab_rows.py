"""Layout `tab_rows`: one table row per line, cells separated by tabs.

Word and spreadsheet text keeps a table row on one line with a tab between
cells; empty cells stay as empty strings, so positions are close to the
columns but not exact (a misplaced tab shifts the rest of the row). PDF text
saved this way carries leader dots and emphasis tags, dropped here.
A spreadsheet's copy quotes a cell that holds line breaks (`"第一行` / `第二行"`): its lines
are one row. Example: `项目名称⇥卫生局工作业务经费⇥⇥项目实施期⇥2023.01.01-2023.12.31`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import regex

from extract.classify import bracketed_note, classify
from extract.grid import BREAK_HINT, BREAK_NONE, Block, Cell, TableBlock
from extract.readers.build import cell, extend, sentence_goes_on

_LEADERS = regex.compile(r"(?:[.,·•。…](?:\s?)){4,}")
_HAN = regex.compile(r"\p{Han}")  # the rest of a cut cell is text; OCR debris (`i .l`) is not


def read(lines: list[str], first_line: int) -> list[Block]:
    cells: list[Cell] = []
    row = 0
    last: list[Cell] = []  # the cells of the line before
    for offset, fields in _records(lines):
        parts = [_LEADERS.sub(" ", part) for part in fields]
        if not any(part.strip() for part in parts):
            continue
        number = first_line + offset
        if len(parts) == 1 and last and sentence_goes_on(last[-1].text, parts[0].strip()):
            extend(last[-1], parts[0].strip())  # (a web cell's `<br>` inside a remark)
            continue
        if _carries_on(last, parts):
            extend(last[-1], parts[0].strip())
            col = last[-1].col + 1
            more = [cell(last[-1].row, col + k, part, number) for k, part in enumerate(parts[1:])]
            cells.extend(more)
            last = last + more
            continue
        last = [cell(row, col, part, number, BREAK_HINT if col == 0 else BREAK_NONE)
                for col, part in enumerate(parts)]
        cells.extend(last)
        row += 1
    return [TableBlock(cells, "tab_rows", rows="exact", columns="loose", labels_may_be_centred=True)] \
        if cells else []


def _records(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(offset, fields) of each row: a line split at its tabs, or, where a spreadsheet's
    copy quoted a cell holding line breaks (`⇥"开展培训；` / `落实补贴政策"⇥386.50`), the lines
    up to the closing quote read as one row, the quoting undone (`""` → `"`); a web cell's
    paragraphs, as a browser's text prints them (`paragraphs_end`), are one cell of their row."""
    offset = 0
    while offset < len(lines):
        end = paragraphs_end(lines, offset)
        if end is not None:
            inside = [line.strip() for line in lines[offset + 1:end] if line.strip()]
            fields = [*lines[offset].split("\t")[:-1], "\n".join(inside)]
            if lines[end].startswith("\t"):  # the row goes on after the cell
                yield offset, [*fields, *lines[end].split("\t")[1:]]
                offset = end + 1
            else:  # the cell closes its row; the next one opens at `end`
                yield offset, fields
                offset = end
            continue
        quoted = quoted_row(lines, offset)
        if quoted is None:
            yield offset, lines[offset].split("\t")
            offset += 1
            continue
        end, fields = quoted
        yield offset, fields
        offset = end + 1


def paragraphs_end(lines: list[str], offset: int) -> int | None:
    """The tab row after a web cell's paragraphs: a browser's text of a table (`innerText`)
    prints a cell made of `<p>`s between blank lines inside its row, so the row line ends at
    the tab before that cell (`满意度指标⇥`), its paragraphs stand alone, short, with no tab,
    and the row goes on at a line that opens with the tab after it (`⇥群众对…满意度⇥≥90%`),
    or, where the cell is the row's last (a remark: `筛查信息按时上报率⇥100%⇥` / `通过妇幼…` /
    `服务项目…上报`), the next row opens at the next tab row. None where line `offset` opens
    no such row."""
    if not lines[offset].endswith("\t") or not lines[offset].strip():
        return None
    pieces = 0
    for end in range(offset + 1, min(len(lines), offset + _PARAGRAPH_LINES)):
        line = lines[end]
        if "\t" in line:
            return end if pieces else None
        if line.strip():
            pieces += 1
            if len(line.strip()) > _PARAGRAPH or classify(line.strip()).shape not in _PARAGRAPH_SHAPES:
                return None
    return None


_PARAGRAPH_LINES = 8  # lines of a cell's paragraphs and the blank lines between them
_PARAGRAPH = 16  # characters of a paragraph in a label or name cell, at most
_PARAGRAPH_SHAPES = ("short", "long", "label")  # words, not figures


def quoted_row(lines: list[str], offset: int) -> tuple[int, list[str]] | None:
    """(last line, fields) of a row whose last cell opens with `"` at the end of line
    `offset` and closes within a few lines, with more cells after it on that line (a
    sheet's row, read whole); None where it does not (Word's text quotes a cell that ends
    its line: cell_lines reads those)."""
    opened = lines[offset].split("\t")[-1]
    if not opened.startswith('"') or opened.count('"') % 2 == 0:
        return None
    for end in range(offset + 1, min(len(lines), offset + _QUOTED_LINES)):
        if '"' not in lines[end]:
            continue
        try:
            rows = list(csv.reader(io.StringIO("\n".join(lines[offset:end + 1])), delimiter="\t",
                                   strict=True))
        except csv.Error:
            continue
        if len(rows) == 1 and len(rows[0]) > lines[offset].count("\t") + 1:
            return end, rows[0]  # more cells follow the closing quote: a sheet's row
    return None


_QUOTED_LINES = 12  # lines a quoted cell may span


def _carries_on(last: list[Cell], parts: list[str]) -> bool:
    """`⇥效益指标⇥社会效益指标⇥清淤河段沿岸受益` / `群众人数⇥≥2.3万人`: a line that does not
    start with a tab, under an indicator row (one that opens with merged cells left empty)
    that ends in text (no tab after it) and holds no figure, carries on that row's last
    cell, which a line break cut (Word keeps it in the cell). A browser's text of a web
    page leaves out the cells a merged one covers, so its row opens with the merged level
    label, or with none (`可持续影响指标⇥非物质文化遗产代表性项目` / `传承保护⇥持续加强`), and a
    name a `<br>` broke may stand alone on its line (`开展种植技术培训` / `（含田间课堂）⇥≥30期`).
    A field row above (`项目名称⇥甲项目`) is never carried on: the next line's label may be one the
    vocabulary does not know; but a note in brackets is a label's (`⇥中期资金总额` /
    `（2025—2027年）⇥4962.50`)."""
    head = parts[0].strip()
    if not last or not _HAN.search(head) or len(head) > _WRAPPED_TAIL or not last[-1].text \
            or last[0].text and not _labels_then_name(last) and not _name_alone(last) \
            or len(parts) < _CARRIED_CELLS or _is_label(head) or classify(head).numbering:
        return False  # `指标2⇥…`: an item number opens a row
    if any(char.isdigit() for item in last for char in item.text):
        return False
    if bracketed_note(head):
        return True  # `⇥中期资金总额` / `（2025—2027年）⇥4962.50`: a label's note
    return classify(last[-1].text).shape in ("short", "long") and not _is_label(last[-1].text)


def _name_alone(row: list[Cell]) -> bool:
    """A line of one cell, words: a name whose cell a `<br>` broke (`开展种植技术培训` /
    `（含田间课堂）⇥≥30期`), the rest of its row on the next line."""
    return len(row) == 1 and classify(row[0].text).shape in ("short", "long") \
        and not _is_label(row[0].text)


def _labels_then_name(row: list[Cell]) -> bool:
    """Level labels, then one cell: a row a browser's text opened with its merged labels,
    whose name has no value after it on its line."""
    return classify(row[0].text).is_level \
        and sum(1 for item in row if item.text and not classify(item.text).is_level) == 1


def _is_label(text: str) -> bool:
    return classify(text.strip()).is_label


_WRAPPED_TAIL = 12  # characters: the rest of a cell a line break cut is short
_CARRIED_CELLS = 2  # the rest of the cut cell, then the row's value
