"""Text: find each region's layout family and let that family's reader build its blocks.

Text pulled out of web pages, Word, Excel previews, PDFs and OCR comes in many
layout families, and one page may mix them (a notice in prose, then a table
flattened with `|`). Each line gets a signature from its separators alone
(tabs, pipes, runs of spaces, nothing); runs of lines whose signatures belong
to one family form a region, and the region goes to that family's reader.
Lines no family claims are prose. What the families are and how each reads is
in their own modules; this one only routes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice

import regex

from extract.classify import (
    COMPARATOR_SIGNS,
    classify,
    cut_glued,
    page_number,
    spaces_inside_labels,
    value_then_remark,
)
from extract.grid import Block, Grid, TableBlock
from extract.readers import (
    blank_cells,
    box_rows,
    cell_lines,
    csv_rows,
    cut_labels,
    grid_rows,
    markup_indent,
    markup_tables,
    ocr_output,
    pdf_layout,
    pipe_cells,
    pipe_lines,
    pipe_rows,
    prose,
    run_together,
    space_bands,
    space_rows,
    space_runs,
    tab_rows,
)
from extract.readers.build import CLAUSE_MARK, SENTENCE_END, sentence_goes_on
from extract.settings import SETTINGS
from extract.vocab import strip_pinyin, vocabulary

TextReader = Callable[[list[str], int], list[Block]]


@dataclass(frozen=True)
class TextFamily:
    name: str
    read: TextReader


# name → reader; `signature_family` below decides which lines each claims.
TEXT_FAMILIES: dict[str, TextFamily] = {
    family.name: family for family in (
        TextFamily("tab_rows", tab_rows.read),
        TextFamily("csv_rows", csv_rows.read),
        TextFamily("grid_rows", grid_rows.read),
        TextFamily("box_rows", box_rows.read),
        TextFamily("pdf_layout", pdf_layout.read),
        TextFamily("cell_lines", cell_lines.read),
        TextFamily("pipe_rows", pipe_rows.read),
        TextFamily("pipe_cells", pipe_cells.read),
        TextFamily("pipe_lines", pipe_lines.read),
        TextFamily("blank_cells", blank_cells.read),
        TextFamily("space_rows", space_rows.read),
        TextFamily("space_runs", space_runs.read),
        TextFamily("space_bands", space_bands.read),
        TextFamily("run_together", run_together.read),
        TextFamily("prose", prose.read),
    )
}

_PIPE_ONLY = regex.compile(r"^\s*[|｜](?:[\s|｜]*)$")
_PIPE = regex.compile(r"[|｜]")
_SPACE_RUN = regex.compile(r"\S(?:[ \u3000]{2,}|\u3000)\S")  # a full-width space counts as a run
_SINGLE_SPACE = regex.compile(r"\S \S")


def signature(line: str) -> str:
    """What separates cells on this line, read from the characters alone."""
    if not line.strip():
        return "blank"
    if "\t" in line:
        return "tab_cell" if line.startswith("\t") and line.count("\t") == 1 else "tab"
    if grid_rows.RULE.match(line):
        return "grid_rule"
    if _PIPE_ONLY.match(line):
        return "pipe_only"
    if _PIPE.search(line) and not _pipes_in_passing(line):
        return _pipe_signature(line)
    stripped = line.strip()
    if _SPACE_RUN.search(stripped):
        return "space_runs"
    if _SINGLE_SPACE.search(stripped):
        return "spaces"
    return "plain"


def _pipes_in_passing(line: str) -> bool:
    """A page's text on one line (a scraper's `get_text(" ")`) whose few bars part the site's
    menu (`网站首页 | 加入收藏 | 手机版`), not a table's cells: a bar for many words."""
    words = len(line.split())
    return words >= _LONG_LINE_WORDS and len(_PIPE.findall(line)) * _WORDS_PER_BAR < words


_LONG_LINE_WORDS = 40
_WORDS_PER_BAR = 8  # a pipe row has a bar for every cell, of a few words each


def _without_side_label(lines: list[str]) -> list[str]:
    """`绩` / `效` / `指` / `标` down the margin of a laid-out table, a character opening a line
    every row or two (blank lines between): the side label merged down the whole indicator
    table names no level and no cell; its characters leave the lines (spaces keep the
    columns where they were), so that none is read into the rows beside it."""
    out = list(lines)
    index = 0
    while index < len(lines):
        found = _side_label_run(lines, index)
        if not found:
            index += 1
            continue
        for k in found:
            piece = _MARGIN_CHARACTER.match(lines[k])
            out[k] = piece.group(1) + "  " + lines[k][piece.end():]
        index = found[-1] + 1
    return out


def _without_wrapped_side_label(lines: list[str]) -> list[str]:
    """`绩效指` / (a row) / ` 标   …`: the table's side label (`绩效指标`, merged down the whole
    indicator table) its narrow column wrapped, printed at the margin on the table's middle
    lines, a piece a line a line or two apart: it names no level and no cell; its pieces
    leave the lines (spaces keep the columns where they were)."""
    if not any("  " in line for line in lines):
        return lines  # (no laid-out row for a label's last piece to stand beside)
    out = list(lines)
    for index, line in enumerate(lines):
        if len(line.rstrip()) > _MARGIN + _SIDE_PIECE or not line.strip():
            continue  # (alone on its line: `年度绩效` / `指标` heading a header's first column is not)
        head = _MARGIN_PIECE.match(line)
        if head is None:
            continue
        for below in range(index + 1, min(len(lines), index + _SIDE_LABEL_GAP + 2)):
            tail = _MARGIN_PIECE.match(lines[below])
            if tail is not None and not lines[below][tail.end(2):].strip():
                tail = None  # (a row stands beside the label's last piece: boxes a line are not)
            tags = classify(head.group(2) + tail.group(2)) if tail else None
            if tags is not None and _side_label_tags(tags):
                for k, piece in ((index, head), (below, tail)):
                    out[k] = piece.group(1) + " " * (2 * len(piece.group(2))) + lines[k][piece.end(2):]
                break
    return out


_MARGIN_PIECE = regex.compile(r"^(\s{0,2})(\p{Han}{1,4})(?=\s{2,}|\s*$)")
_SIDE_PIECE = 4  # characters of a side label's piece on a line of its own, at most
_MARGIN = 2


def _side_label_tags(tags) -> bool:
    return tags.umbrella and not tags.level1 and not tags.level2


_MARGIN_CHARACTER = regex.compile(r"^(\s*)(\p{Han})(?=\s{2,}\S|\s*$)")
_SIDE_LABEL_GAP = 2  # lines (blank, or a row beside it) between two characters of a side label, at most


def _side_label_run(lines: list[str], index: int) -> list[int]:
    """The lines from `index` whose lone opening characters, in one column, spell the side
    label (`绩效指标`); empty when they do not."""
    first = _MARGIN_CHARACTER.match(lines[index])
    if first is None:
        return []
    column, joined, found, k = len(first.group(1)), first.group(2), [index], index + 1
    while k < len(lines) and len(joined) < _VERTICAL_LINES and k - found[-1] <= _SIDE_LABEL_GAP + 1:
        piece = _MARGIN_CHARACTER.match(lines[k])
        if piece is None or abs(len(piece.group(1)) - column) > 1:
            if lines[k].strip() and len(lines[k]) - len(lines[k].lstrip()) <= column + 1:
                return []  # something else stands in the margin
            k += 1  # a blank line, or a row beside the label
            continue
        joined += piece.group(2)
        found.append(k)
        tags = classify(joined)
        if tags.umbrella and not tags.level1 and not tags.level2:
            return found
        k += 1
    return []


def _vertical_labels(lines: list[str]) -> list[str]:
    """`产  数量指标 …` / `出 生活垃圾转运处理量 …` / `指 …` / `标 …`: a level label printed
    down the page, a character or two opening each line of its group. The label is read
    whole on its first line, and the characters leave the lines below (their place kept in
    spaces, so columns stay where they were)."""
    out = list(lines)
    index = 0
    while index < len(lines):
        end, label = _vertical_run(lines, index)
        if label is None:
            index += 1
            continue
        first = _LEADING_PIECE.match(lines[index])
        out[index] = label + "  " + lines[index][first.end():]
        for k in range(index + 1, end):
            piece = _LEADING_PIECE.match(lines[k])
            out[k] = " " * (2 * len(piece.group(1))) + lines[k][piece.end() - len(piece.group(2)):]
        index = end
    return out


_LEADING_PIECE = regex.compile(r"^(\p{Han}{1,2})(\s+)(?=\S)")
_VERTICAL_LINES = 4  # lines a vertical label spans at most (`满/意/度/指/标` is five characters)


def _vertical_run(lines: list[str], index: int) -> tuple[int, str | None]:
    """(end, label) of the lines from `index` whose opening pieces spell a level label."""
    joined = ""
    for k in range(index, min(len(lines), index + _VERTICAL_LINES + 1)):
        piece = _LEADING_PIECE.match(lines[k])
        if piece is None:
            return index, None
        joined += piece.group(1)
        if k > index and joined.endswith(vocabulary().marks.indicator_number) \
                and classify(joined).level1 and not classify(piece.group(1)).is_label:
            return k + 1, joined  # the whole label, down to its 指标
    return index, None


def _preview_pages_joined(lines: list[str]) -> tuple[list[str], frozenset[int]]:
    """A document site's text preview numbers each page at its first line (`1、…`, `2、…`)
    and cuts the text there wherever the page ended, inside a cell (`…每延` / `2、迟10日扣1分`):
    a page's number goes, and its first line goes on the line before, where that line ran
    on into it (no sentence closed it) after a page's worth of text; where a glued row's
    figure closed that line and the page opens with a name and a value of its own, the page
    broke between rows and only its number goes. A numbered list's items are short, or
    closed by their punctuation. Returns the lines and the offsets a page break followed (a
    glued table goes on over the blank lines after them)."""
    joined = list(lines)
    joins: set[int] = set()
    expected, since, last = 0, 0, None
    for index, line in enumerate(lines):
        mark = _PAGE_MARK.match(line)
        number = int(mark.group(1)) if mark else None
        if number == 1:
            expected, since = 2, 0
        elif number is not None and number == expected and last is not None \
                and since >= _PREVIEW_PAGE and not _CLOSED.search(joined[last]) \
                and not _opens_part(line[mark.end():]):
            opening = line[mark.end():]
            if _ROW_CLOSED.search(joined[last]) and _ROW_VALUE.search(opening) or \
                    value_then_remark(joined[last].strip()) and _NAMED_VALUE.search(opening):
                joined[index] = opening  # the page broke between two glued rows
            else:
                joined[last] = joined[last].rstrip() + opening.strip()
                joined[index] = ""
            joins.add(last)
            expected, since = expected + 1, 0
            continue
        if line.strip():
            since += len(line.strip())
            last = index
    return joined, frozenset(joins)


def _opens_part(text: str) -> bool:
    """A page that opens a part of its own (`填报说明：…`, a heading, a field's label) goes on
    no cell of the page before."""
    pieces = cut_glued(text)
    return bool(_HEADING_COLON.match(text)) or bool(pieces) and classify(pieces[0]).is_label


_HEADING_COLON = regex.compile(r"^\p{Han}{2,8}[：:]")
_PAGE_MARK = regex.compile(r"^(\d{1,2})、(?=\S)")
_CLOSED = regex.compile(r"[。；;：:!！?？]\s*$")
_ROW_CLOSED = regex.compile(r"\p{Han}[^\p{Han}]*\d+(?:\.\d+)?\s*[%‰]?\s*$")  # a glued row's value ends it
_ROW_VALUE = regex.compile(r"^\p{Han}{2,}.*\d")  # a name, then a value of its own
# … right after it, no clause between (`作业面积核查抽查比例≥10%`, not `便捷,下一步…2次`)
_NAMED_VALUE = regex.compile(rf"^\p{{Han}}{{2,}}[^，,。；;：:]*?(?:[{COMPARATOR_SIGNS}]|\d)")
_PREVIEW_PAGE = 300  # characters a preview page holds at least


def _stray_rule(lines: list[str], index: int) -> bool:
    """`| 项目 名称  2022年…`, `其他资金 8.00 |`, `丨 危桥改造数量  6座`: one `|` (or an OCR
    engine's `丨` standing alone) at an end of a line is a table rule the engine read, not
    a cell border, where the lines near it (the three nearest either way) have no pipe, or
    where cells are parted by runs of spaces on it or near it and no line near it parts
    cells by pipes (a pipe between two cells, or a line of pipes alone). An indented `        | cell`
    is a cell of a pipe table, and a pipe table of one cell a line (`cell |`) keeps its
    pipes."""
    line = lines[index]
    stripped = line.strip()
    lone = len(stripped) == 1 and stripped in _RULE_MARKS  # a rule read as a line of its own
    framed = not lone and _framed(stripped)
    if not (lone or framed) and (len(_RULE_MARK.findall(stripped)) != 1 or not _END_MARK.search(stripped)
                                 or not stripped.strip(_RULE_MARKS).strip()
                                 or (stripped[0] in _RULE_MARKS and line[:1].isspace())):
        return False
    near = [text for step in (-1, 1) for text in _nearest_texts(lines, index, step, _RULE_CONTEXT)]
    if framed:
        return not any(_parts_by_pipes(text) for text in near)
    if lone:
        return not any(_PIPE.search(text) for text in near)
    if not any(_PIPE.search(text) for text in near):
        return True
    return not any(_parts_by_pipes(text) for text in near) and \
        any(_SPACE_RUN.search(_END_MARK.sub("", text.strip()).strip()) for text in (line, *near))


def _rule_between_gaps(lines: list[str], index: int) -> bool:
    """`效益指标      |      重大传染病疫情暴发流行      不发生`, `一级指标 | 。 二级指标      三级指标`:
    one pipe inside a line whose cells runs of spaces part, with spaces on both its sides, is
    a table's rule an OCR engine read, where the lines near it hold no pipe, or one at most
    each (the engine's other rules, never a pipe table's rows); it becomes a space (the cells
    keep their columns)."""
    line = lines[index]
    if "|" not in line and "｜" not in line or len(_PIPE.findall(line)) != 1 \
            or not _SPACED_PIPE.search(line) or not _SPACE_RUN.search(_PIPE.sub(" ", line.strip())):
        return False
    near = [text for step in (-1, 1) for text in _nearest_texts(lines, index, step, _RULE_CONTEXT)]
    return all(len(_PIPE.findall(text)) <= 1 for text in near) and \
        (_GAPPED_PIPE.search(line) is not None or any(_PIPE.search(text) for text in near))


_GAPPED_PIPE = regex.compile(r"\S {2,}[|｜] {2,}\S")
_SPACED_PIPE = regex.compile(r"\S\s+[|｜]\s+\S")


def _pipes_read_from_rules(lines: list[str]) -> list[str]:
    """An OCR engine's text of a scanned table laid out by runs of spaces, where it read the
    table's rules as pipes here and there (`实施单位 | 境整治服务中`, `|时效指标 “|   项目完工时间
    | 2025年11月30日前`): the pipes are no cell borders of a pipe table (whose cells no runs
    of spaces part), and each becomes spaces of its width. Applies where the lines whose cells
    runs of spaces part are at least half as many as the lines with a pipe, and both are
    several; a stray pipe or two is `_stray_rule`'s."""
    piped = sum(1 for line in lines if _PIPE.search(line))
    if piped < _RULE_PIPED_LINES:
        return lines
    spaced = sum(1 for line in lines if _SPACE_PARTED.search(line))
    if spaced < _RULE_PIPED_LINES or 2 * spaced < piped:
        return lines
    return [line.replace("|", " ").replace("｜", "  ") for line in lines]


_RULE_PIPED_LINES = 5
_SPACE_PARTED = regex.compile(r"[^\s|｜丨] {3,}(?=[^\s|｜丨])")


def _framed(stripped: str) -> bool:
    """`|  一级指标      二级指标 … |`: both of a line's ends read as rules, its cells parted
    by runs of spaces between them, no pipe inside."""
    if len(stripped) < 3 or stripped[0] not in _RULE_MARKS or stripped[-1] not in _RULE_MARKS:
        return False
    inner = stripped[1:-1].strip()
    return bool(inner) and not _PIPE.search(inner) and bool(_SPACE_RUN.search(inner))


_RULE_MARKS = "|｜丨"
_RULE_MARK = regex.compile(r"[|｜]|(?:^|(?<=\s))丨(?=\s|$)")
_END_MARK = regex.compile(r"^[|｜丨](?=\s|$)|(?<=\s|^)[|｜丨]$|^[|｜](?=\S)|(?<=\S)[|｜]$")
_INNER_PIPE = regex.compile(r"\S\s*[|｜]\s*\S")


def _rule_debris(line: str) -> bool:
    """`—— — ——`, `_____ ___`: pieces of a table's rules an OCR engine read as text, two runs
    or more on a line of nothing else (a lone `——` is a cell's placeholder, and kept)."""
    return "\t" not in line and len(line.split()) >= _DEBRIS_RUNS \
        and _RULE_PIECES.fullmatch(line.strip()) is not None


def _without_rule_letters(line: str) -> str:
    """`   年度   资金总额   财政拨款   其他资金      l`: a rule an OCR engine read as a letter
    (`l`, `I`), alone at an end of a line whose cells runs of spaces part, is blanked (in
    place: the other cells keep their columns)."""
    if "l" not in line and "I" not in line:
        return line
    return _RULE_LETTER.sub(lambda match: " " * len(match.group()), line)


_RULE_LETTER = regex.compile(r"(?<=\S {2,})[lI](?= *$)|^ *[lI](?= {2,}\S.* {2,}\S)")
_RULE_PIECES = regex.compile(r"[—\-_－─━=·.… ]+")
_DEBRIS_RUNS = 2


def _parts_by_pipes(line: str) -> bool:
    """A pipe between two cells, or a line of pipes alone."""
    return bool(_INNER_PIPE.search(line.strip()) or _PIPE_ONLY.match(line))


_RULE_CONTEXT = 3


def _nearest_texts(lines: list[str], index: int, step: int, count: int) -> list[str]:
    found: list[str] = []
    position = index + step
    while 0 <= position < len(lines) and len(found) < count and abs(position - index) <= _LOOK:
        if lines[position].strip():
            found.append(lines[position])
        position += step
    return found


def _pipe_signature(line: str) -> str:
    if regex.match(r"^\s+[|｜]", line):
        return "pipe_continued"
    cells = [part for part in _PIPE.split(line.strip().strip("|｜")) if part.strip()]
    if len(cells) >= 2:
        return "pipe_row"
    stripped = line.rstrip()
    if regex.match(r"^[^|｜]+[|｜][\s|｜]*$", stripped):
        return "pipe_cell"
    return "pipe_row"


_PIPE_SIGNATURES = {"pipe_only", "pipe_row", "pipe_cell", "pipe_continued"}


# a Markdown heading's marks (`# **2025** 年部门整体…`, a converter's heading over its
# tables): the heading is the text after them
_MARKDOWN_HEADING = regex.compile(r"^ {0,3}#{1,6}[ \t]+(?=\S)")


def _csv_sheets(lines: list[str]) -> list[tuple[int, int]]:
    """The stretches of the text that are sheets saved as CSV (none if it is not one)."""
    return [(start, end) for start, end in csv_rows.sheets(lines)
            if csv_rows.looks_like_csv(lines[start:end])]


def read_text(lines: list[str]) -> Grid:
    """The document's blocks, region by region, and the name of the family that built them."""
    longest = SETTINGS.max_line_length
    notes = [f"line {index + 1} has {len(line):,} characters; only the first {longest:,} were read"
             for index, line in enumerate(lines) if len(line) > longest]
    if notes:
        lines = [line[:longest] for line in lines]
    sheets = _csv_sheets(lines)
    if sheets:  # a sheet saved as CSV is one region, and so is each of a workbook's
        blocks = [block for start, end in sheets for block in csv_rows.read(lines[start:end], start + 1)]
        in_sheets = {index for start, end in sheets for index in range(start, end)}
        rest = read_text([line if index not in in_sheets and not csv_rows.separates_sheets(line)
                          else "" for index, line in enumerate(lines)])
        return Grid(blocks=sorted(blocks + rest.blocks, key=lambda block: block.line), reader="csv_rows",
                    notes=notes + rest.notes)
    ocr = ocr_output.laid_out_lines(lines)  # an OCR engine's words with their boxes
    if ocr is not None:
        grid = read_text(ocr[0])
        return Grid(blocks=grid.blocks, reader=ocr[1], notes=notes + grid.notes)
    indented = markup_indent.rows_laid_out(lines)  # a page's text, its source's indentation kept
    if indented is not None:
        grid = read_text(indented)
        return Grid(blocks=grid.blocks, reader=markup_indent.READER, notes=notes + grid.notes)
    markup = markup_tables.read(lines, read_text)  # a wiki's or AsciiDoc's tables: by their markup
    if markup is not None:
        return Grid(blocks=markup.blocks, reader=markup.reader, notes=notes + markup.notes)
    lines = _pipes_read_from_rules([_MARKDOWN_HEADING.sub("", line) for line in lines])
    grids = grid_rows.grid_lines(lines) | box_rows.box_lines(lines)  # (drawn: none is a stray rule)
    lines = [line if index in grids else "" if _rule_debris(line) else _END_MARK.sub(" ", line.strip())
             if _stray_rule(lines, index) else _PIPE.sub(" ", line) if _rule_between_gaps(lines, index)
             else _without_rule_letters(line)
             for index, line in enumerate(lines)]
    lines, page_joins = _preview_pages_joined(lines)
    laid_out = _without_wrapped_side_label(_without_page_furniture(lines))
    laid_out = _vertical_labels(_without_side_label(laid_out))
    laid_out = cut_labels.wrapped_down(cut_labels.framed_labels(cut_labels.tails_listed_below(
        cut_labels.spread_labels(cut_labels.cut_by_page_breaks(laid_out)))))
    lines = _without_autospace(laid_out)
    signatures = [signature(line) for line in lines]
    blocks: list[Block] = []
    weight: Counter[str] = Counter()
    for family, start, end in regions(lines, signatures, page_joins):
        if family == "space_runs" and (space_bands.looks_banded(laid_out[start:end])
                                       or space_bands.looks_centred(laid_out[start:end])):
            family = "space_bands"
        read = TEXT_FAMILIES[family].read
        # aligned columns are read where the page put them (closing gaps would move them),
        # and their cells' gaps closed once cut
        source = laid_out if family in ("space_runs", "space_bands") else lines
        region_blocks = read(source[start:end], start + 1)
        if source is not lines:
            _close_gaps(region_blocks)
        blocks.extend(region_blocks)
        cells = sum(len(block.cells) for block in region_blocks if isinstance(block, TableBlock))
        if family != "prose" and cells >= _TABLE_CELLS:
            weight[family] += sum(1 for s in signatures[start:end] if s != "blank")
    return Grid(blocks=blocks, reader=document_reader(weight), notes=notes)


_TABLE_CELLS = 8  # a region with fewer cells holds a heading or a byline, not a table


def _without_page_furniture(lines: list[str]) -> list[str]:
    """In a PDF's text (pages parted by form feeds), page numbers (`第 1 页 共 2 页`, `— 3 —`)
    and a running head that opens every page (the line after each form feed, printed the
    same on every page) blanked: they stand inside a table a page break cuts,
    and are no cell of it. A form's heading that opens a page with the form's fields under
    it (a form a page, `项目支出绩效目标表` / … / `项目名称 …`) is no running head."""
    if not any("\f" in line for line in lines):
        return _without_running_heads(lines)  # no page breaks: a page-like line is the text's
    heads = Counter(line.replace("\f", "").strip() for index, line in enumerate(lines)
                    if line.startswith("\f") or index == 0)
    running = {text for text, count in heads.items() if count >= _RUNNING_PAGES and text}
    if not running and not any(_page_number_line(line) for line in lines):
        return lines
    return ["" if _page_number_line(line) or line.replace("\f", "").strip() in running
            and (index == 0 or line.startswith("\f")) and not _opens_form(lines, index) else line
            for index, line in enumerate(lines)]


def _opens_form(lines: list[str], index: int) -> bool:
    """A form's heading at the top of a page with the form's fields under it (`项目名称 …`):
    each form of a document on a page of its own, not a heading a sheet's print titles
    repeat over the rest of its table."""
    if classify(lines[index].replace("\f", "").strip()).title not in _FORM_TITLES:
        return False
    below = [line for line in lines[index + 1:index + 1 + _FIELDS_BELOW * 2] if line.strip()]
    return any(classify(text).field in _FORM_FIELDS for line in below[:_FIELDS_BELOW]
               for _, text in space_runs.spaced_cells(line))


_FIELDS_BELOW = 5  # lines under a form's heading that hold its first fields
_FORM_FIELDS = ("project_name", "project_code", "department", "implementing_unit", "unit_code")


def _without_running_heads(lines: list[str]) -> list[str]:
    """`- 7 -` then `滏川县退役军人事务局2019年部门预算` (a PDF viewer's copy, no form feeds): the
    line after a page's number that repeats one of the document's first lines (it heads every
    page, the first too) is the next page's running head, blanked (the number is left to the
    readers: a row of its own in tab rows, skipped by space rows; a table's header repeated
    on the new page stays, to carry the table on)."""
    heads = {line.strip() for line in [line for line in lines if line.strip()][:_HEAD_LINES]
             if len(line.strip()) >= _HEAD and not _column_headings(line)}
    if not heads:
        return lines
    return ["" if index and line.strip() in heads and page_number(lines[index - 1].strip())
            else line for index, line in enumerate(lines)]


def _column_headings(line: str) -> bool:
    """A table's header (`一级指标 二级指标 …`, glued or not): two column headings or more."""
    return sum(1 for piece in cut_glued(line) if classify(piece).column) >= _HEADINGS


_HEADINGS = 2
_HEAD = 6  # a running head names the document or its publisher
_HEAD_LINES = 3  # … and stands on top of the first page


def _without_autospace(lines: list[str]) -> list[str]:
    """A single space between a figure and CJK is the gap Word sets there, not a cell
    border, and goes, where the document sets it nearly everywhere (`space_runs.autospaced`),
    but before a whole value (`_autospace`); a sentence's gaps all go (`…达到 90%以上。`)."""
    if not space_runs.autospaced(lines):
        return lines
    return [line if " " not in line else space_runs.AUTOSPACE.sub(
        "" if CLAUSE_MARK.search(line) else _autospace, line) for line in lines]


def _autospace(gap: regex.Match[str]) -> str:
    """The gap closed, but where a name's CJK meets a whole value (`维修养护工程验收合格率 100%`,
    `…补助标准 94 元/人 国家标准`, `…拨付时间 2025 年 12 月`): a cell border that looks like the
    gap, in text that parts its cells by single spaces (the value runs on over the gaps
    between its figures and CJK up to the next border)."""
    line, start = gap.string, gap.end()
    if not line[gap.start() - 1:gap.start()].isalpha() or not line[start:start + 1].isdigit():
        return ""  # a figure, then CJK: the gap
    cut = line.rfind(" ", 0, gap.start())  # the word before the gap, and the one before it
    last, before = line[cut + 1:gap.start()], line[line.rfind(" ", 0, cut) + 1:cut] if cut >= 0 else ""
    if any(char.isdigit() for char in last) or before[-1:].isdigit():
        return ""  # CJK inside a value (`2025 年 11 月`)
    value = _WORDS_GAPPED.match(line, start)
    text = space_runs.AUTOSPACE.sub("", value.group()) if value else ""
    tags, joined = classify(text), classify(last + text)
    if joined.shape == "quant" or joined.value_phrase or classify(last).value_phrase:
        return ""  # one value with the words before it (`不少于 60场次`, `较上年提高 2个百`)
    if cut < 0 and line[value.end():].strip() == "":
        return ""  # a cell alone on its line: no row whose cells single spaces part
    return " " if tags.shape == "quant" or tags.value_phrase else ""


# a value from its first figure: words parted only where a figure meets CJK
_WORDS_GAPPED = regex.compile(r"\S+?(?:(?<=\d) (?=\p{Han})\S+?|(?<=\p{Han}) (?=\d)\S+?)*(?=\s|$)")


def _close_gaps(blocks: list[Block]) -> None:
    """The CJK/figure gap closed in the text of cells read from the page as printed."""
    for block in blocks:
        for item in block.cells if isinstance(block, TableBlock) else []:
            if " " in item.text:
                item.text = space_runs.AUTOSPACE.sub("", item.text)


def _page_number_line(line: str) -> bool:
    return page_number(line.replace("\f", "").strip())


_RUNNING_PAGES = 2
_FORM_TITLES = ("project", "department")


def document_reader(weight: Counter[str]) -> str:
    """The family that built most of the tables, `mixed` where a second one built a fifth."""
    total = sum(weight.values())
    if not total:
        return "prose"
    ranked = weight.most_common()
    if len(ranked) > 1 and ranked[1][1] / total >= 0.2:
        return "mixed"
    return ranked[0][0]


def regions(lines: list[str], signatures: list[str], page_joins: frozenset[int] = frozenset()
            ) -> list[tuple[str, int, int]]:
    """(family, start, end) spans covering every line, in order; `page_joins` are the lines
    a preview's page break cut (`_preview_pages_joined`)."""
    signatures = ["plain" if _box_among_boxes(lines, signatures, index) else signature
                  for index, signature in enumerate(signatures)]
    signatures = _inside_quoted_cells(lines, signatures)
    families = [_line_family(lines, signatures, index) for index in range(len(lines))]
    grids, boxes = grid_rows.grid_lines(lines), box_rows.box_lines(lines)
    families = ["grid_rows" if index in grids else "box_rows" if index in boxes else family
                for index, family in enumerate(families)]
    families = _glued_tables(lines, families, page_joins)
    families = _laid_out_tables(lines, signatures, families)
    families = _lone_lines_in_tab_rows(lines, _fill_blanks(families, signatures))
    spans: list[tuple[str, int, int]] = []
    start = 0
    for index in range(1, len(lines) + 1):
        if index == len(lines) or families[index] != families[start]:
            spans.append((families[start], start, index))
            start = index
    return [part for span in spans for titled in _form_under_page(lines, signatures, span)
            for piece in _sentences_first(lines, titled) for part in _glued_in_prose(lines, piece)]


def _form_under_page(lines: list[str], signatures: list[str], span: tuple[str, int, int]
                     ) -> list[tuple[str, int, int]]:
    """A region of plain lines that reads as prose may hold a page's menu and notice above a
    form printed a cell a line (a web page's text): from the form's heading down, the lines
    are read again on their own, and where they are cells, the page above stays prose; so
    does a page above that reads as prose on its own where the whole reads as cells."""
    refined = _refine(lines, signatures, span)
    family, start, end = span
    if family != "text" or refined[0] not in ("prose", "blank_cells"):
        return [refined]
    heading = next((index for index in range(start + 1, end)
                    if lines[index].strip() and classify(lines[index].strip()).title), None)
    if heading is None:
        return [refined]
    below = _refine(lines, signatures, ("text", heading, end))
    if below[0] == "prose":
        return [refined]
    if refined[0] == "blank_cells":  # the whole reads as cells: is the page above prose alone?
        above = _refine(lines, signatures, ("text", start, heading))
        if below[0] != "blank_cells" or above[0] != "prose":
            return [refined]
    return [("prose", start, heading), below]


def _glued_tables(lines: list[str], families: list[str], page_joins: frozenset[int]) -> list[str]:
    """A table header glued on one line (`一级指标二级指标三级指标指标值`) and the lines right
    under it, up to a blank line (but the blank lines after a line a preview's page break
    cut, `page_joins`), are one glued table: a row whose labels are merged away
    (`保障退休职工人数(人)81人`) has no label left to show it is glued. The plain text right
    above it goes with it where the whole reads as glued (its heading and fields)."""
    marked = list(families)
    index = 0
    while index < len(lines):
        if marked[index] not in _GLUED_CANDIDATES or not run_together.glued_header(lines[index]):
            index += 1
            continue
        end = index + 1
        while end < len(lines):
            after = next((k for k in range(end, len(lines)) if marked[k] != "blank"), len(lines)) \
                if end - 1 in page_joins else end
            if after == len(lines) or marked[after] not in _GLUED_CANDIDATES \
                    or not run_together.continues_table(lines[after]):
                break
            end = after + 1
        start = index
        while start > 0 and marked[start - 1] in ("text", "blank") and not _sentence(lines[start - 1]):
            start -= 1
        content = [lines[k] for k in range(start, end) if marked[k] != "blank"]
        first = start if run_together.looks_glued(content) else index
        for k in range(first, end):
            if marked[k] != "blank":
                marked[k] = "run_together"
        index = end
    return marked


_GLUED_CANDIDATES = {"text", "spaces"}


def _laid_out_tables(lines: list[str], signatures: list[str], families: list[str]) -> list[str]:
    """A page laid out in spaces (`pdftotext -layout`, a print preview) prints an indicator
    table under a header of column names spaced apart, and its rows over several lines: a
    name wrapped onto a line of its own, a merged label alone on its middle line, a page
    footer and the header again where the page breaks. From such a header down, every line
    that is aligned, indented past the header or a level label is the table's, up to the
    first line of text at the margin (a note, the page's next sentence) or a line of
    another family."""
    marked = list(families)
    index = 0
    while index < len(lines):
        if signatures[index] != "space_runs" or not space_bands.column_header(lines[index]):
            index += 1
            continue
        margin = len(lines[index]) - len(lines[index].lstrip())
        end = index + 1
        while end < len(lines) and _laid_out_row(lines[end], signatures[end], families[end], margin):
            end += 1
        while end > index + 1 and signatures[end - 1] == "blank":
            end -= 1
        if signatures[index:end].count("spaces") * _SPACED_SHARE <= end - index:
            for k in range(index, end):  # (cells parted by single spaces are rows, not a page)
                marked[k] = "aligned" if signatures[k] != "blank" else "blank"
        index = end  # each line is looked at once: linear on any input
    return marked


_VERTICAL_PIECE = 2  # characters of a label printed down the page, a line each
_SPACED_SHARE = 5  # at most a fifth of a laid-out table's lines part cells by one space


def _laid_out_row(line: str, signature: str, family: str, margin: int) -> bool:
    """A line of the laid-out table: aligned cells, a blank, a line indented past the header
    (a wrapped cell, a centred label), a piece of a vertical label (`绩`), a level label,
    the rest of a row's sentence, or the byline under the table (`填报人：…`, which ends it
    as a row of fields)."""
    if signature == "blank" or signature in ("space_runs", "spaces") and family in ("spaces", "text"):
        return True
    if signature != "plain":
        return False
    text = line.strip()
    tags = classify(text)
    return len(line) - len(text) > margin or len(text) <= _VERTICAL_PIECE or tags.is_level \
        or family == "spaces" or bool(tags.inline)


def _sentence(line: str) -> bool:
    """`根据…要求,现将…予以公开,…详见下表。`: a sentence of the page (clauses, a full stop),
    not a glued row of the form under it; or one that ends by opening what follows
    (`根据《…通知》要求，现将我局…绩效目标公开如下：`), a clause and a colon."""
    text = line.strip()
    if len(text) <= _SENTENCE_LENGTH or run_together.holds_form(text):
        return False
    clauses = len(CLAUSE_MARK.findall(text))
    if SENTENCE_END.search(text) is not None:
        return clauses >= _SENTENCE_CLAUSES
    return text.endswith(_OPENING_COLONS) and clauses >= 1


_OPENING_COLONS = ("：", ":")


_SENTENCE_LENGTH = 40
_SENTENCE_CLAUSES = 3


def _line_family(lines: list[str], signatures: list[str], index: int) -> str:
    sig = signatures[index]
    if sig == "blank":
        return "blank"
    if sig == "tab_cell":
        return "tab_rows" if _opens_broken_tab_row(lines, signatures, index) else "cell_lines"
    if sig == "tab":
        return "tab_rows"
    if sig in _PIPE_SIGNATURES:
        return "pipes"
    if sig == "plain" and _inside_cell_lines(signatures, index):
        return "cell_lines"
    if sig == "plain" and _between_pipes(signatures, index) \
            and not _prose_after_continued_rows(lines, signatures, index):
        return "pipes"
    if sig == "plain" and _after_pipe_row(lines, signatures, index):
        return "pipes"
    if sig == "spaces" and spaces_inside_labels(lines[index]):
        sig = "plain"  # glued cells with a stray space inside a label
    if sig in ("space_runs", "spaces"):
        return "spaces" if space_rows.looks_like_row(lines[index]) \
            and not _short_among_plain(lines, signatures, index) else "text"
    if sig == "plain" and _inside_space_rows(lines, signatures, index):
        return "spaces"
    return "text"


def _opens_broken_tab_row(lines: list[str], signatures: list[str], index: int) -> bool:
    """`⇥中期资金总额` over `（2025—2027年）⇥4962.50⇥年度资金总额⇥1638.72`: a browser's text of
    a row whose second cell a `<br>` broke (its first cell's paragraphs above), not Word's
    cell a line; the row goes on at the next line, which opens with the cell's rest."""
    before = next((signatures[k] for k in range(index - 1, -1, -1) if signatures[k] != "blank"), None)
    return before not in ("tab_cell", "tab") and index + 1 < len(lines) \
        and signatures[index + 1] == "tab" and not lines[index + 1].startswith("\t")


def _inside_cell_lines(signatures: list[str], index: int) -> bool:
    """A line continuing a Word cell (one cell per tab-led line) that held a line break."""
    before = _neighbour(signatures, range(index - 1, max(-1, index - _MAX_CELL_LINES), -1))
    after = _neighbour(signatures, range(index + 1, min(len(signatures), index + _MAX_CELL_LINES)))
    return before == "tab_cell" and after in ("tab_cell", "tab")


def _inside_space_rows(lines: list[str], signatures: list[str], index: int, depth: int = 0) -> bool:
    """A short line between space-separated rows: a cell wrapped onto its own line; or the
    table's last line, a row of one cell (a name the excerpt cut before its value). A
    sentence cut mid-clause goes on over as many lines as it takes (a reason wrapped three
    times in its narrow column)."""
    if index == 0 or signatures[index - 1] == "blank":
        return False  # a wrapped cell follows its row directly
    if signatures[index - 1] in ("spaces", "space_runs") and \
            sentence_goes_on(lines[index - 1].split()[-1], lines[index].strip()):
        return True
    if signatures[index - 1] == "plain" and depth < _MAX_CELL_LINES \
            and sentence_goes_on(lines[index - 1].strip(), lines[index].strip()) \
            and _inside_space_rows(lines, signatures, index - 1, depth + 1):
        return True
    if _figure_between_rows(lines, signatures, index):
        return True
    if len(strip_pinyin(lines[index].strip())) > _WRAPPED_CELL:  # (`生態(tài)效益指標(biāo)`: 6)
        return _last_row_of_one_cell(lines, signatures, index)
    before = None
    for previous in range(index - 1, max(-1, index - _MAX_CELL_LINES), -1):
        if signatures[previous] != "plain":
            before = signatures[previous]
            break
        if len(strip_pinyin(lines[previous].strip())) > _WRAPPED_CELL:
            return False  # a glued or prose line stands between: no row to wrap from
    after = _neighbour(signatures, range(index + 1, min(len(signatures), index + _MAX_CELL_LINES)))
    return before in ("spaces", "space_runs") and after in ("spaces", "space_runs", None)


_MAX_CELL_LINES = 12
_WRAPPED_CELL = 12  # a cell wrapped onto its own line is at most this long


def _figure_between_rows(lines: list[str], signatures: list[str], index: int) -> bool:
    """`                441823250000000091` between two rows of a laid-out page, no blank
    line either side: a long code or figure its narrow cell wrapped, centred on its row's
    line (its last digits stand under it), however long."""
    return 0 < index < len(lines) - 1 and _INDENTED_FIGURE.fullmatch(lines[index]) is not None \
        and signatures[index - 1] in ("spaces", "space_runs") \
        and signatures[index + 1] in ("spaces", "space_runs")


_INDENTED_FIGURE = regex.compile(r"\s+\d[\d.,\-]*\s*")


def _last_row_of_one_cell(lines: list[str], signatures: list[str], index: int) -> bool:
    """The text's last line, right under a space-separated row, short, no sentence and no
    heading or label: one cell of the table (`完工项目县规模养殖场畜禽粪污处理`)."""
    text = lines[index].strip()
    if signatures[index - 1] not in ("spaces", "space_runs") or len(text) > _ONE_CELL_ROW \
            or CLAUSE_MARK.search(text) \
            or any(sig != "blank" for sig in islice(signatures, index + 1, None)):
        return False
    tags = classify(text)
    return not (tags.title or tags.is_label)


_ONE_CELL_ROW = 40


def _short_among_plain(lines: list[str], signatures: list[str], index: int) -> bool:
    """`≥ 95%` or `专项 (…项目)` alone between blank lines, among cells printed one per line:
    one cell with a space in it, not a row of a space-separated table (several such cells
    may follow one another: `产出 指标`, `质量 指标`)."""
    return _lone(lines, signatures, index) and _plain_beside(lines, signatures, index, -1) \
        and _plain_beside(lines, signatures, index, 1)


def _inside_quoted_cells(lines: list[str], signatures: list[str]) -> list[str]:
    """The lines of a cell a spreadsheet's copy quoted (`⇥"第一行` / `第二行"⇥386.50`) are
    the tab row's, whatever they look like alone."""
    marked = list(signatures)
    for index, sig in enumerate(signatures):
        quoted = tab_rows.quoted_row(lines, index) if sig in ("tab", "tab_cell") else None
        if quoted is not None:
            marked[index: quoted[0] + 1] = ["tab"] * (quoted[0] + 1 - index)
    return marked


def _box_among_boxes(lines: list[str], signatures: list[str], index: int) -> bool:
    """`数量指标 改造提升供水管网长度` among lines of one cell each, none blank (an OCR
    engine's text boxes, one a line): two boxes it read as one (a level label first), or one
    box with a stray gap, not a row of a space-separated table. The lines on both sides, two
    each way, are single short cells."""
    if signatures[index] != "spaces" or len(blank_cells.boxes(lines[index].strip())) != _MERGED_BOXES \
            and not _gap_in_box(lines, index) and not _gap_in_sentence(lines[index]):
        return False
    around = [*range(index - _BOX_CONTEXT, index), *range(index + 1, index + 1 + _BOX_CONTEXT)]
    return all(0 <= k < len(lines) and signatures[k] == "plain"
               and len(lines[k].strip()) <= _LONE_CELL for k in around)


_MERGED_BOXES = 2
_BOX_CONTEXT = 2


def _gap_in_box(lines: list[str], index: int) -> bool:
    """`城乡公交一体化运营 长效机制` over `持续完善`: one short box with a stray gap in it, no
    figure and no value after the gap (`…安全保障 明显提升`, `…补助标准 ≤6000元/场` are a
    name and its value), and a value in the box under it (`…转化应用 长期` over a level
    label holds its own value)."""
    line = lines[index]
    words = line.split()
    if len(words) != _MERGED_BOXES or len(line.strip()) > _GAPPED_BOX \
            or any(char.isdigit() for char in line) or classify(words[1]).value_phrase:
        return False
    below = classify(lines[index + 1].strip()) if index + 1 < len(lines) else None
    return below is not None and (below.value_phrase or below.shape in ("quant", "number"))


_GAPPED_BOX = 20


def _gap_in_sentence(line: str) -> bool:
    """`步采取田间课堂与线上 培训相结合方式补足培训任务。`: a sentence's last line (a reason
    wrapped in its box) with a stray gap in it, one box."""
    return len(line.split()) == _MERGED_BOXES and SENTENCE_END.search(line.strip()) is not None


def _lone(lines: list[str], signatures: list[str], index: int) -> bool:
    """Alone between blank lines and short: a single space may stand inside a cell of some
    length; a run of spaces only inside a short one (`发布时间: …    发布机构:…` is a row)."""
    longest = _LONE_CELL if signatures[index] == "spaces" else _LONE_SPACED
    return len(lines[index].strip()) <= longest and 0 < index < len(lines) - 1 \
        and signatures[index - 1] == "blank" and signatures[index + 1] == "blank"


def _plain_beside(lines: list[str], signatures: list[str], index: int, step: int) -> bool:
    """The nearest line that is not itself a lone cell with a space is a plain cell (or,
    after it, the end of the text)."""
    position, hops = index + step, 0
    while 0 <= position < len(lines) and hops <= _LONE_RUN and abs(position - index) <= _LOOK:
        sig = signatures[position]
        if sig == "plain":
            return True
        if sig not in ("blank", "spaces", "space_runs") or \
                sig != "blank" and not _lone(lines, signatures, position):
            return False
        hops += sig != "blank"
        position += step
    return step > 0 and position >= len(lines)


_LONE_RUN = 6
_LONE_SPACED = 12
_LOOK = 40  # lines looked at either way, at most: bounded on long runs of blank lines
_LONE_CELL = 60  # a cell with a space in it (`农业绿色发展专项 (畜禽粪污…项目)`), not a paragraph


def _between_pipes(signatures: list[str], index: int) -> bool:
    """A plain line inside a `|`-separated region (one cell per line, `|` on its own): the
    nearest lines around its run of plain lines are pipe lines, or a cell line before it and
    no pipe line after (the table's last cells). A cell may span several lines (a vertical
    label prints one character per line); lines after a page's `a | b | c` menu with no pipe
    line after them are no cells of it."""
    before = _neighbour(signatures, range(index - 1, max(-1, index - _MAX_CELL_LINES), -1))
    after = _neighbour(signatures, range(index + 1, min(len(signatures), index + _MAX_CELL_LINES)))
    return before == "pipe_only" or after in ("pipe_only", "pipe_continued") or (
        before in _PIPE_SIGNATURES and (after in _PIPE_SIGNATURES or after is None and before != "pipe_row"))


def _prose_after_continued_rows(lines: list[str], signatures: list[str], index: int) -> bool:
    """Rows whose cells sit on indented `| cell` lines start with a plain line (the row's first
    cell, perhaps wrapped: `社会效益` / `       指标`) that a `|` line follows directly. A plain
    line with none after it, and not indented under one, is the report resuming after the
    table."""
    window = signatures[max(0, index - _MAX_CELL_LINES): index + _MAX_CELL_LINES]
    if "pipe_continued" not in window:
        return False
    if lines[index][:1].isspace() and index and signatures[index - 1] in _PIPE_SIGNATURES:
        return False  # a cell wrapped onto an indented line of its own
    for following in range(index + 1, min(len(signatures), index + _CONTINUED_LOOKAHEAD + 1)):
        if signatures[following] in _PIPE_SIGNATURES:
            return False
        if signatures[following] == "blank":
            return True
    return True


_CONTINUED_LOOKAHEAD = 2


def _neighbour(signatures: list[str], indices: range) -> str | None:
    """The first signature that is neither blank nor plain, in the given order."""
    for index in indices:
        if signatures[index] not in ("blank", "plain"):
            return signatures[index]
    return None


def _after_pipe_row(lines: list[str], signatures: list[str], index: int) -> bool:
    """The rest of a cell whose text a line break cut: the line after a row that ends open."""
    previous = index - 1
    return previous >= 0 and signatures[previous] == "pipe_row" and \
        lines[previous].rstrip().endswith(("|", "｜")) and signatures[index] == "plain" and \
        index + 1 < len(lines) and signatures[index + 1] != "plain" and \
        _PIPE.search(lines[index + 1] or "") is not None


def _lone_lines_in_tab_rows(lines: list[str], families: list[str]) -> list[str]:
    """A short line of text between two rows of tabs is a cell the page broke over two
    lines (`食品安全抽检问题产品` / `核查处置率 | 100%`, a web cell's `<br>`): no region of
    its own, which would cut the table in two; so is a line that carries on the sentence
    the row above ends with (a remark's `原因：…；` / `措施：…。`), and so are a web cell's
    paragraphs, which a browser's text prints between blank lines inside its row
    (`tab_rows.paragraphs_end`)."""
    kept = list(families)
    for index in range(1, len(lines) - 1):
        if families[index] == "text" and families[index - 1] == families[index + 1] == "tab_rows" \
                and (len(lines[index].strip()) <= _BROKEN_CELL and not _sentence(lines[index])
                     or sentence_goes_on(lines[index - 1].split("\t")[-1].strip(), lines[index].strip())):
            kept[index] = "tab_rows"
    for index in range(len(lines)):
        end = tab_rows.paragraphs_end(lines, index) if families[index] == "tab_rows" else None
        if end is not None:
            kept[index + 1:end] = ["tab_rows"] * (end - index - 1)
    return kept


_BROKEN_CELL = 24  # characters of a line that is a table cell's first part, at most


def _fill_blanks(families: list[str], signatures: list[str]) -> list[str]:
    """Blank lines belong to the region around them; between two regions, to the first."""
    filled = list(families)
    before = "text"
    for index, family in enumerate(families):
        if family == "blank":
            filled[index] = before
        else:
            before = family
    return filled


def _refine(lines: list[str], signatures: list[str], span: tuple[str, int, int]) -> tuple[str, int, int]:
    """The concrete family of a region: pipes and tabs come in several, text in three."""
    family, start, end = span
    region = signatures[start:end]
    if family == "tab_rows" and pdf_layout.looks_like_pdf(lines[start:end]):
        return "pdf_layout", start, end
    if family == "pipes":
        return _pipe_family(region), start, end
    if family == "text":
        return _text_family(lines[start:end], region), start, end
    if family == "spaces":
        return _space_family(lines[start:end], region), start, end
    if family == "aligned":
        return "space_runs", start, end
    return family, start, end


def _sentences_first(lines: list[str], span: tuple[str, int, int]) -> list[tuple[str, int, int]]:
    """A glued table's region keeps the page's sentences above it as prose (`现将…公开,…项目名称为
    …,详见下表。`): cut into cells at its labels, a sentence reads as fields of a form."""
    family, start, end = span
    first = start
    while family == "run_together" and first < end and (not lines[first].strip() or _sentence(lines[first])):
        first += 1
    if first in (start, end):
        return [span]
    return [("prose", start, first), (family, first, end)]


def _glued_in_prose(lines: list[str], span: tuple[str, int, int]) -> list[tuple[str, int, int]]:
    """A prose region keeps its glued table lines apart: a document site's description runs a
    whole form into one line between its boilerplate sentences."""
    family, start, end = span
    if family != "prose":
        return [span]
    kinds = ["run_together" if run_together.glued_row(line) and not _sentence(line) else "prose"
             for line in lines[start:end]]
    if "run_together" not in kinds:
        return [span]
    pieces: list[tuple[str, int, int]] = []
    first = start
    for index in range(start + 1, end + 1):
        if index == end or kinds[index - start] != kinds[first - start] and lines[index].strip():
            pieces.append((kinds[first - start], first, index))
            first = index
    return pieces


def _pipe_family(region: list[str]) -> str:
    counts = Counter(region)
    content = counts["pipe_row"] + counts["pipe_cell"] + counts["plain"] + counts["pipe_continued"]
    if counts["pipe_row"] + counts["pipe_continued"] >= content / 2:
        return "pipe_rows"
    if counts["pipe_cell"] >= counts["plain"]:
        return "pipe_cells"
    return "pipe_lines"


def _space_family(lines: list[str], region: list[str]) -> str:
    """Columns aligned by runs of spaces over several lines, or cells split by single spaces
    (also where an OCR engine left one or two spaces between cells as it came: figures
    a single space apart, `48.60 46.80  44.93 10`, show runs are no column bounds)."""
    single = sum(1 for line in lines if _FIGURES_ONE_SPACE_APART.search(line))
    if single >= _SINGLE_SPACED_LINES:
        return "space_rows"
    return "space_runs" if space_runs.looks_aligned(lines, region) else "space_rows"


_FIGURES_ONE_SPACE_APART = regex.compile(rf"[\d%](?<! \d) (?! )[{COMPARATOR_SIGNS}]?\d")
_SINGLE_SPACED_LINES = 2


def _text_family(lines: list[str], region: list[str]) -> str:
    """Plain lines: cells one per line between blank lines, glued cells, an OCR engine's text
    boxes one per line, or prose."""
    content = [line for line, s in zip(lines, region, strict=True) if s != "blank"]
    if blank_cells.separated_cells(lines):
        return "blank_cells"
    if content and run_together.looks_glued(content):
        return "run_together"
    if blank_cells.text_boxes(lines):
        return "blank_cells"
    return "prose"
