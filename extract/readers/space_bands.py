"""Layout `space_bands`: a laid-out table whose printed rows stand apart, and are tall.

`pdftotext -layout` of a bordered table with narrow columns (a 自评表 printed from a web
page or Word): every cell wraps in its column, a long 偏差原因分析 runs ten or twenty lines,
and the page centres each cell in its row, so one row's cells start and end on different
lines (a two-line name prints its lines above and below the line its one-line values
stand on). What holds a printed row together is the page's rule between rows, which the
text keeps as a blank line; inside a row, each column's lines make one cell:

    开展职业技   ≥3000
                          3126 人次    15   15
    能培训人次    人次

The rows are read band by band: the lines between the rules (a blank line, or two where
the page double-spaces its lines and leaves one inside a cell). In a band each column's
pieces stack into cells, top to bottom: a piece goes on with the piece under it on the
next line, or a line or two further down where the lines between print nothing over it
(a centred cell's lines around its row's middle, or lines of a tall cell beside it); a
cell opening on a line that also holds a one-line cell does not go on past the next line
(that line is a row's middle). Cells group into rows by the lines they cover: one row's
cells overlap the lines of its tallest, the next row's begin below them, and a row holds
one cell a column. A level label's pieces, which a centred merged cell spreads over its
group's rows (`产出指` … `标`), are joined where together they make the label; the label
stands in the row nearest its middle, and table assembly gives it to the rows around it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import groupby

import regex

from extract.classify import COMPARATOR_SIGNS, classify, headings_apart, level_label, opens_level_label
from extract.grid import BREAK_HINT, BREAK_NONE, Block, Cell, TableBlock
from extract.readers import space_runs
from extract.readers.build import cell
from extract.readers.space_runs import display_width
from extract.vocab import vocabulary

READER = "space_bands"
_PIECE = regex.compile(r"\S+(?: \S+)*")
_HAN = regex.compile(r"\p{Han}")
_HAN_SPACE_HAN = regex.compile(r"(?<=\p{Han}) (?=\p{Han})")
_MIN_BANDS = 3  # blank-parted groups of lines under the header, at least
_TALL_BAND = 4  # lines: a band this tall holds cells wrapped far beyond a centred row's three
_HEADER_COLUMNS = 3


@dataclass
class _Piece:
    line: int  # offset in the region
    start: int  # where it starts on the line, in the page's measure
    end: int
    text: str
    below: _Piece | None = None
    above: _Piece | None = None


@dataclass
class _Stack:
    """One cell's pieces, top to bottom."""

    pieces: list[_Piece] = field(default_factory=list)

    @property
    def first(self) -> int:
        return self.pieces[0].line

    @property
    def last(self) -> int:
        return self.pieces[-1].line

    @property
    def start(self) -> int:
        """Where its first line starts (the rest of a sentence may stand a few columns off)."""
        return self.pieces[0].start

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    @property
    def label(self) -> bool:
        """A level label (merged down its group, centred on it), not a cell of one row."""
        return level_label(self.text)


def looks_banded(lines: list[str]) -> bool:
    """A column header, and under it rows set apart by blank lines, some of them tall."""
    header = _header_line(lines)
    if header is None:
        return False
    bands = _bands(lines, header + 1)
    if len(bands) < _MIN_BANDS or not any(band[-1] - band[0] + 1 >= _TALL_BAND for band in bands):
        return False
    by_characters = space_runs.laid_out_by_characters(lines)
    pieces = [[piece for offset in band for piece in _pieces_of(lines[offset], offset, by_characters)]
              for band in bands]
    valued = {piece.line for band in pieces for piece in band if _value(piece)}
    return len(valued) <= _VALUE_LINES_PER_BAND * len(bands) and \
        not any(_values_stacked(stack) for band in pieces for stack in _stacked(band))


def _value(piece: _Piece) -> bool:
    return _value_text(piece.text)


def _values_stacked(stack: _Stack) -> bool:
    """Two values one under the other in a column: rows printed a line each, packed."""
    return sum(1 for piece in stack.pieces if _value(piece)) >= 2


_VALUE_SHAPES = ("number", "quant")
# lines holding a value, per band at most: a centred row prints its values on one or two
# lines; rows packed a line each hold a value on every line between the blank ones
_VALUE_LINES_PER_BAND = 2


def read(lines: list[str], first_line: int) -> list[Block]:
    """The table from its header down (rows banded, or packed and centred), and the lines
    above and below it read as aligned columns."""
    header = _header_line(lines)
    if header is None:
        return space_runs.read(lines, first_line)
    by_characters = space_runs.laid_out_by_characters(lines)
    heading = _pieces_of(lines[header], header, by_characters)
    if looks_banded(lines):
        under = _Under(heading, space_runs.autospaced(lines))
        end = next((offset for offset in range(header + 1, len(lines)) if _signs_off(lines[offset])),
                   len(lines))
        bands = [[piece for offset in band
                  for piece in _pieces_of(lines[offset], offset, by_characters, under)]
                 for band in _bands(lines[:end], header + 1, at_labels=True)]
        rows = _rows(bands)
    else:
        rows, end = _centred_rows(lines, header, heading, by_characters)
    anchors = [piece.start for piece in heading]
    cells: list[Cell] = []
    for row, stacks in enumerate([[_Stack([piece]) for piece in heading], *rows]):
        placed = space_runs.place_in_columns([(stack.start, stack.text) for stack in stacks], anchors)
        for index, (stack, (column, _)) in enumerate(zip(stacks, placed, strict=True)):
            cells.append(_cell(stack, row, column, first_line, BREAK_HINT if index == 0 else BREAK_NONE))
    table = TableBlock(cells, READER, rows="exact", columns="loose", centred_labels=True)
    return [*_aligned(lines[:header], first_line), table, *_aligned(lines[end:], first_line + end)]


def _aligned(lines: list[str], first_line: int) -> list[Block]:
    return space_runs.read(lines, first_line) if any(line.strip() for line in lines) else []


def looks_centred(lines: list[str]) -> bool:
    """A column header with 分值 or 得分, and under it rows packed line to line whose cells a
    page centred on their row's middle line, some running far above and below it: the
    figures of those columns, one line each, mark the middles."""
    header = _header_line(lines)
    if header is None:
        return False
    by_characters = space_runs.laid_out_by_characters(lines)
    heading = _pieces_of(lines[header], header, by_characters)
    middles = _middle_lines(lines, header, heading, by_characters)
    gaps = [lower - upper for upper, lower in zip([header, *middles], middles, strict=False)]
    return len(middles) >= _MIN_BANDS and max(gaps) <= _MAX_ROW and (
        any(gap >= _TALL_ROW for gap in gaps[1:]) or _wraps_centred(lines, header, heading, by_characters))


_TALL_ROW = 4  # lines between two rows' middles: cells wrapped beyond a centred row's three
_MAX_ROW = 40  # lines between two rows' middles at most (which bounds each row's work)


def _middle_lines(lines: list[str], header: int, heading: list[_Piece], by_characters: bool
                  ) -> list[float]:
    """The lines under the header where a figure stands under 分值 or 得分; in a table with
    neither, the middles of its 指标值 cells where the page shows it centred them."""
    points = [piece for piece in heading if classify(piece.text).column in _POINTS]
    if not points:
        return _target_middles(lines, header, heading, by_characters)
    middles: list[float] = []
    for offset in range(header + 1, len(lines)):
        pieces = _pieces_of(lines[offset], offset, by_characters)
        if any(_value(piece) and _column_of(piece, heading) in points for piece in pieces):
            middles.append(offset)
    return middles


_POINTS = ("weight", "score")


def _target_middles(lines: list[str], header: int, heading: list[_Piece], by_characters: bool
                    ) -> list[float]:
    """The middle line of each 指标值 cell under the header, down to the table's end, where
    the page centred its rows: a name wrapped around the line of its row's value
    (`送戏下乡公益演出` / `≥180 场` / `场次`, the value alone between) in two rows at least.
    A table whose cells open on their row's first line (a name starts on its value's line)
    gives none: its rows are read as aligned lines."""
    columns = [classify(head.text).column for head in heading]
    if columns.count("target") != 1 or "name" not in columns:
        return []
    target, name = columns.index("target"), columns.index("name")
    values: list[tuple[int, str]] = []  # (line, the target cell's piece there)
    named: set[int] = set()
    blank = 0
    for offset in range(header + 1, len(lines)):
        blank = blank + 1 if not lines[offset].strip() else 0
        if values and (blank >= _WIDE_RULE or blank == 0 and _closes_table(lines[offset])):
            break  # (a page may print a blank line inside such a table, not two)
        pieces = sorted(_pieces_of(lines[offset], offset, by_characters), key=lambda p: p.start)
        placed = _in_order(pieces, heading)
        if name in placed:
            named.add(offset)
        value = pieces[placed.index(target)] if target in placed else None
        if value is not None and columns[heading.index(_column_of(value, heading))] not in _SENTENCES:
            values.append((offset, value.text))
    middles = [(group[0][0] + group[-1][0]) / 2 for group in _value_cells(values, named)]
    straddled = sum(1 for middle in middles if middle.is_integer() and middle not in named
                    and {middle - 1, middle + 1} <= named)
    return middles if straddled >= _STRADDLED_NAMES or _wraps_centred(lines, header, heading, by_characters) \
        else []


_STRADDLED_NAMES = 2  # rows whose name wraps around their value's line, at least


def _wraps_centred(lines: list[str], header: int, heading: list[_Piece], by_characters: bool) -> bool:
    """Whether the page centres its cells across their columns: under the header, names
    whose wrapped last line stands centred under the line above it, narrower and starting
    further right (`新建改建农村户用卫` / `生厕所数量`), in two rows at least. Such a page
    centres them down their rows too, whatever their height. Two lines that each hold a
    value are two rows, however the page set their names (OCR of cells centred across)."""
    columns = [classify(head.text).column for head in heading]
    if "name" not in columns:
        return False
    name = columns.index("name")
    above: _Piece | None = None
    above_valued = False
    centred = 0
    for offset in range(header + 1, len(lines)):
        if not lines[offset].strip():
            above = None
            continue
        pieces = sorted(_pieces_of(lines[offset], offset, by_characters), key=lambda p: p.start)
        placed = _in_order(pieces, heading)
        piece = pieces[placed.index(name)] if name in placed else None
        valued = any(_value(other) for other in pieces if other is not piece)
        if piece is not None and above is not None and not (valued and above_valued) \
                and _wrap_centred_under(piece, above):
            centred += 1
            if centred >= _CENTRED_WRAPS:
                return True
        above, above_valued = piece, valued
    return False


def _wrap_centred_under(lower: _Piece, upper: _Piece) -> bool:
    return lower.start - upper.start >= _OFF_START and lower.end < upper.end and \
        abs((lower.start + lower.end) / 2 - (upper.start + upper.end) / 2) <= _OFF_MIDDLE


_CENTRED_WRAPS = 2
_OFF_START = 2  # columns right of the line above's start: no left-aligned wrap
_OFF_MIDDLE = 2  # columns between the two middles, at most (a text tool's rounding)
# columns of sentences: a figure that ends one (`…有效样本不少于 300`) is no row's value
_SENTENCES = ("description", "basis")


def _value_cells(values: list[tuple[int, str]], named: set[int]) -> list[list[tuple[int, str]]]:
    """A column's lines grouped into cells: lines next to each other make one cell, unless
    both hold a figure, or each stands beside a name of its own and one holds a figure the
    other does not go on (`≥38.5%` / `建立健全` / `≥95%` beside three names: three rows
    packed a line each; `≥2.36 万平方` / `米`: one value); a wrapped date's tail
    (`2025 年 9 月` … `底前`) goes on with it across the line between, where the row's
    one-line cells stand."""
    cells: list[list[tuple[int, str]]] = []
    for line, text in values:
        above, above_text = cells[-1][-1] if cells else (-_TAIL_SKIP, "")
        if line - above == 1 and not _packed(above_text, text, {above, line} <= named) or \
                line - above == _TAIL_SKIP and _wrapped_tail(above_text, text):
            cells[-1].append((line, text))
        else:
            cells.append([(line, text)])
    return cells


def _packed(upper: str, lower: str, both_named: bool) -> bool:
    """Two lines' values are two rows'."""
    if _value_text(upper) and _value_text(lower):
        return True
    return both_named and (_value_text(lower) or _value_text(upper) and not _wrapped_tail(upper, lower)
                           and not (len(lower) <= _TAIL and classify(lower).shape == "unit"))


_TAIL_SKIP = 2  # lines from a cell's line to its tail's
_TAIL = 2  # characters of a wrapped tail, at most


def _wrapped_tail(upper: str, lower: str) -> bool:
    """`前`, `底前`: a few characters, no figure and no value of their own, under a text
    that does not end a sentence."""
    tags = classify(lower)
    return len(lower) <= _TAIL and tags.shape == "short" and not tags.value_phrase \
        and not _DIGIT.search(lower) and not _SENTENCE_END.search(upper)


def _column_of(piece: _Piece, heading: list[_Piece]) -> _Piece:
    """The heading whose middle is nearest the piece's."""
    middle = (piece.start + piece.end) / 2
    return min(heading, key=lambda head: abs((head.start + head.end) / 2 - middle))


def _centred_rows(lines: list[str], header: int, heading: list[_Piece], by_characters: bool
                  ) -> tuple[list[list[_Stack]], int]:
    """Rows packed line to line, each cell centred on its row's middle line: each column's
    pieces, top to bottom, are parted into one cell a row, each cell as near centred on its
    row's middle as the pieces allow (`适龄儿童国家` / `免疫规划疫苗` / `接种剂次` around the
    line of its figures); level labels stand in the row nearest their middle. Returns the
    rows and the offset where the table ends (`_closes_table`)."""
    middles = _middle_lines(lines, header, heading, by_characters)
    if not middles:
        return [], header + 1
    below = int(middles[-1]) + 1
    last = min(len(lines), below + _MAX_ROW)
    end = next((offset for offset in range(below, last) if _closes_table(lines[offset])), last)
    under = _Under(heading, space_runs.autospaced(lines))  # (once: it reads every line)
    pieces = [piece for offset in range(header + 1, end)
              for piece in _pieces_of(lines[offset], offset, by_characters, under)]
    columns, label_pieces = _by_column(pieces, heading)
    rows: list[list[_Stack]] = [[] for _ in middles]
    for column in sorted(columns):
        for index, found in _centred_cells(columns[column], middles):
            rows[index].append(found)
    stacks = [part for stack in _stacked(label_pieces) for part in _parted_labels(stack)]
    taken = _joined_labels(stacks)
    keyed = [(float(line), row) for line, row in zip(middles, rows, strict=True) if row]
    for stack in (stack for stack in stacks if id(stack) not in taken):
        middle = (stack.first + stack.last) / 2
        if stack.label:
            rows[min(range(len(middles)), key=lambda k: abs(middles[k] - middle))].append(stack)
        else:  # a piece no label took: a row of its own where it stands, for assembly to report
            keyed.append((middle, [stack]))
    return [sorted(row, key=lambda s: s.start) for _, row in sorted(keyed, key=lambda item: item[0])], end


def _parted_labels(stack: _Stack) -> list[_Stack]:
    """A column of label pieces run through two groups' labels (`时效指` / `标` / `成本指` /
    `标`, two groups a row each) parted after each whole label."""
    parts: list[_Stack] = []
    current: list[_Piece] = []
    for piece in stack.pieces:
        text = "".join(part.text for part in current)
        if current and level_label(text) and not opens_level_label(text + piece.text):
            parts.append(_Stack(current))
            current = []
        current.append(piece)
    return [*parts, _Stack(current)]


def _by_column(pieces: list[_Piece], heading: list[_Piece]) -> tuple[dict[int, list[_Piece]], list[_Piece]]:
    """The pieces of each heading's column, and those of level labels: each stack of pieces
    goes where its longest piece stands (a short piece is placed least surely)."""
    levels = [index for index, head in enumerate(heading) if classify(head.text).column in _LEVELS]
    placed: dict[int, int] = {}
    by_line: dict[int, list[_Piece]] = {}
    for piece in pieces:
        by_line.setdefault(piece.line, []).append(piece)
    for line_pieces in by_line.values():
        placed.update(zip(map(id, line_pieces), _in_order(line_pieces, heading), strict=True))
    columns: dict[int, list[_Piece]] = {}
    labels: list[_Piece] = []
    for stack in _stacked(pieces):
        column = placed[id(max(stack.pieces, key=lambda p: p.end - p.start))]
        if column in levels or opens_level_label(stack.text):
            labels.extend(stack.pieces)
        else:
            columns.setdefault(column, []).extend(stack.pieces)
    for piece in pieces:
        piece.above = piece.below = None  # (stacked again, by row, once parted)
    return columns, labels


def _in_order(pieces: list[_Piece], heading: list[_Piece]) -> list[int]:
    """Each piece of a line under a heading, left to right under ever later headings, at the
    least total distance between their middles (a text tool may set a line's cells a few
    columns off the header's, but never out of order)."""
    pieces = sorted(pieces, key=lambda p: p.start)
    middles = [(head.start + head.end) / 2 for head in heading]
    count, width = len(pieces), len(heading)
    if count > width:
        return [heading.index(_column_of(piece, heading)) for piece in pieces]
    inf = float("inf")
    explaining = [classify(head.text).column in _EXPLAINING for head in heading]
    # cost[i][k]: the first i pieces under headings before k
    cost = [[0.0] * (width + 1)] + [[inf] * (width + 1) for _ in range(count)]
    for i in range(1, count + 1):
        middle = (pieces[i - 1].start + pieces[i - 1].end) / 2
        value = _value(pieces[i - 1]) or classify(pieces[i - 1].text).value_phrase
        for k in range(1, width + 1):
            away = abs(middle - middles[k - 1]) + (_VALUE_UNDER_TEXT if value and explaining[k - 1] else 0)
            cost[i][k] = min(cost[i][k - 1], cost[i - 1][k - 1] + away)
    chosen, k = [], width
    for i in range(count, 0, -1):
        while cost[i][k] == cost[i][k - 1]:
            k -= 1
        chosen.append(k - 1)
        k -= 1
    return chosen[::-1]


# a value alone on its line (`2025年8月15日前`, a centred cell wider than its column, set
# left by the text tool) is no line of the name or of the sentence that explains it: under
# their headings it counts this many columns further away
_EXPLAINING = ("name", "description", "basis")
_VALUE_UNDER_TEXT = 10


def _closes_table(line: str) -> bool:
    """The page's first gap under the table's last row, or a line that opens with a form's
    label (the sign-off `单位负责人：…  填报人：…`, a field under the table): a label further
    right stands in a row's cell (`项目实施计划` under 指标值设定依据), which goes on."""
    cells = space_runs.spaced_cells(line)
    if not cells:
        return True
    tags = classify(cells[0][1])
    return bool(tags.field or tags.inline)


def _signs_off(line: str) -> bool:
    """The sign-off line under the table (`单位负责人：…  填报人：…  填报日期：…`): every
    cell a label and its value after a colon, two of them known labels."""
    cells = [text for _, text in space_runs.spaced_cells(line)]
    return sum(1 for text in cells if classify(text).inline) >= _SIGN_OFF_LABELS and \
        all(_COLON.search(text) for text in cells)


_SIGN_OFF_LABELS = 2
_COLON = regex.compile(r"\S[:：]")


_LEVELS = ("level1", "level2", "level")
_DISTANCE = 0.1  # weight of each line's distance from its row's middle, beside the cell's middle's
_WRAP_CUT = 1.5  # cost of parting two lines of a column where the upper one fills it
# cost of a row with nothing in a column: a name's lines around an empty row's middle
# (`村（社区）综合文` / `286 个` / `化服务中心达标数`) are its name, not the ends of its
# neighbours' names, though every line fills the column
_NO_CELL = 1.0


def _centred_cells(pieces: list[_Piece], middles: list[float]) -> list[tuple[int, _Stack]]:
    """(row, cell): a column's pieces parted, in order, into one cell per row at most, each
    cell between its neighbours' middles and as near centred on its row's as it can be,
    lines that fill the column kept with the line under them (the least total cost, by
    dynamic programming)."""
    by_line: dict[int, list[_Piece]] = {}
    for piece in pieces:
        by_line.setdefault(piece.line, []).append(piece)
    lines = sorted(by_line)
    count, rows = len(lines), len(middles)
    width = max(len(piece.text) for piece in pieces)
    # parting a cell's line that fills the column from the line right under it: a wrap cut
    cut = [0.0] + [_WRAP_CUT if lines[k] - lines[k - 1] <= _MAX_SKIP
                   and max(len(piece.text) for piece in by_line[lines[k - 1]]) >= width - 1 else 0.0
                   for k in range(1, count)]
    # best[i]: the least cost of the first i lines parted among the rows so far; a row takes
    # the lines between its neighbours' middles only, so each row's work is its window's
    best = [0.0] + [float("inf")] * count
    back: list[dict[int, int]] = []
    sums = [0]
    for line in lines:
        sums.append(sums[-1] + line)
    for row, anchor in enumerate(middles):
        low = bisect_right(lines, middles[row - 1]) if row else 0
        high = bisect_left(lines, middles[row + 1]) if row + 1 < rows else count
        chosen: dict[int, int] = {}
        before, best = best, [total + _NO_CELL for total in best]
        for done in range(high, low, -1):
            for start in range(low, done):
                if before[start] == float("inf"):
                    continue
                middle = (lines[start] + lines[done - 1]) / 2
                total = before[start] + abs(middle - anchor) + cut[start] \
                    + _DISTANCE * _distances(lines, sums, start, done, anchor)
                if total < best[done]:
                    best[done], chosen[done] = total, start
        back.append(chosen)
    cells: list[tuple[int, _Stack]] = []
    done = count
    for row in range(rows - 1, -1, -1):
        start = back[row].get(done)
        if start is None:
            continue  # the row has no cell in this column
        group = [piece for line in lines[start:done]
                 for piece in sorted(by_line[line], key=lambda p: p.start)]
        cells.append((row, _Stack(group)))
        done = start
    return cells[::-1]


def _distances(lines: list[int], sums: list[int], start: int, done: int, anchor: float) -> float:
    """Sum of |line - anchor| over lines[start:done] (sorted), from prefix sums."""
    split = max(start, min(done, bisect_right(lines, anchor, start, done)))
    below = anchor * (split - start) - (sums[split] - sums[start])
    above = (sums[done] - sums[split]) - anchor * (done - split)
    return below + above


def _header_line(lines: list[str]) -> int | None:
    """The first line of column names each standing apart, a name's and a value's among them."""
    return next((offset for offset, line in enumerate(lines) if column_header(line)), None)


def column_header(line: str) -> bool:
    """Column names each standing apart (an OCR line that parts cells by single spaces is
    no laid-out page), a name's and a value's among them; a character of a vertical label
    (`绩`), or the side label's first piece (`绩效指`), may stand beside them, and so may
    an engine's letters read from a rule or a stain (`ee`): a column name is Chinese."""
    cells = [text for _, text in space_runs.spaced_cells(line) if len(text) > 1 and _HAN.search(text)]
    if _WIDE_GAP.search(line.strip()):  # a page a text tool laid out (OCR spaces narrowly)
        cells = headings_apart(cells)
    if cells and classify(cells[0]).column is None and opens_level_label(cells[0]):
        cells = cells[1:]
    names = {classify(text).column for text in cells}
    return len(cells) >= _HEADER_COLUMNS and None not in names and {"name", "target"} <= names \
        and not any(" " in text for text in cells)


_WIDE_GAP = regex.compile(r"\S {4,}\S")


def _bands(lines: list[str], start: int, at_labels: bool = False) -> list[list[int]]:
    """The offsets of each group of lines from `start` that the rules between rows part: runs
    of blank lines, two or more where the page leaves some (a page that double-spaces its
    lines leaves one blank line inside a cell, and more between rows); `at_labels`, a line
    of level labels alone as well (which tells bands apart once the table is known to be
    banded, not whether it is: packed rows print their labels alone too)."""
    runs = [len(list(group)) for blank, group in groupby(lines[start:], key=lambda line: not line.strip())
            if blank]
    rule = _WIDE_RULE if any(run >= _WIDE_RULE for run in runs) else 1
    bands: list[list[int]] = [[]]
    blank = 0
    for offset in range(start, len(lines)):
        if not lines[offset].strip():
            blank += 1
            continue
        alone = at_labels and _labels_alone(lines[offset])
        if blank >= rule and bands[-1] or alone:
            bands.append([])
        blank = 0
        bands[-1].append(offset)
        if alone:
            bands.append([])
    return [band for band in bands if band]


def _labels_alone(line: str) -> bool:
    """A line of whole level labels and nothing else (`社会效益指标`, centred on a group of
    two rows, on the line between them): it stands between two rows, as a rule does."""
    pieces = _PIECE.findall(line)
    return bool(pieces) and all(level_label(piece) for piece in pieces)


_WIDE_RULE = 2  # blank lines


@dataclass(frozen=True)
class _Under:
    """A table's heading, and whether its page sets Word's CJK/figure gap as a space (which
    parts no cells)."""

    heading: list[_Piece]
    autospaced: bool


def _pieces_of(line: str, offset: int, by_characters: bool, under: _Under | None = None) -> list[_Piece]:
    """A line's cells (runs of spaces part them, and a single space between two CJK
    characters, where a narrow gutter left no more), each where it stands; under a heading,
    a piece that stands across several headings' middles is parted at its single spaces
    under them (`补助资金兑付完 2024年11 2024年11`: a name, a target and an achieved value)."""
    pieces = []
    for match in _PIECE.finditer(line):
        position = match.start()
        for part in (part for run in _HAN_SPACE_HAN.split(match.group(0)) for part in _quantities(run)):
            piece = _placed(line, position, part, offset, by_characters)
            pieces.extend(_under_headings(line, position, piece, under, by_characters) if under
                          else [piece])
            position += len(part) + 1
    return pieces


def _placed(line: str, position: int, text: str, offset: int, by_characters: bool) -> _Piece:
    at = position if by_characters else display_width(line[:position])
    width = len(text) if by_characters else display_width(text)
    return _Piece(offset, at, at + width, text)


def _under_headings(line: str, position: int, piece: _Piece, under: _Under,
                    by_characters: bool) -> list[_Piece]:
    heading = under.heading
    if " " not in piece.text or sum(piece.start < (head.start + head.end) / 2 < piece.end
                                    for head in heading) < 2:
        return [piece]
    text = space_runs.AUTOSPACE.sub("\0", piece.text) if under.autospaced else piece.text
    parts: list[tuple[_Piece, int]] = []
    for word in (word.replace("\0", " ") for word in text.split(" ")):
        part = _placed(line, position, word, piece.line, by_characters)
        column = heading.index(_column_of(part, heading))
        if parts and parts[-1][1] == column:
            last = parts[-1][0]
            part = _Piece(piece.line, last.start, part.end, f"{last.text} {word}")
            parts.pop()
        parts.append((part, column))
        position += len(word) + 1
    return [part for part, _ in parts]


def _quantities(text: str) -> list[str]:
    """`≥120 场 126 场`, `≤6.5 6.2 元/剂`: a planned and an achieved quantity a narrow gutter
    left one space apart are two cells, and so are a name and a bound after it (`…疫苗接种
    ≥95%`) and words and a bare figure after them (`稳步提高 10`: an achieved statement and
    its points); a date or a phrase with a figure (`2024 年 10 月底前`, `较上年增长 12%`)
    is one, and so is a comparator word and its figure (`不低于 95`)."""
    for gap in _UNIT_THEN_FIGURE.finditer(text):
        left, right = text[:gap.start()], text[gap.end():]
        if classify(left).shape == "quant" and classify(right).shape in _VALUE_SHAPES or \
                right[0] in COMPARATOR_SIGNS and not _value_text(left) or \
                _words_then_points(left, right):
            return [left, *_quantities(right)]  # (or a name, then a bound: `…疫苗接种 ≥95%`)
    return [text]


def _words_then_points(left: str, right: str) -> bool:
    return classify(right).shape == "number" and classify(left).shape != "op" and \
        not _DIGIT.search(left)


_DIGIT = regex.compile(r"\d")


_UNIT_THEN_FIGURE = regex.compile(r"(?<=[\p{Han}%\d]) (?=[≥≤<>=]?\d)")


def _value_text(text: str) -> bool:
    return classify(text).shape in _VALUE_SHAPES


def _rows(bands: list[list[_Piece]]) -> list[list[_Stack]]:
    """The table's cells as printed rows: in each band, each column's pieces stacked into
    cells, and the cells grouped by the lines they cover; a level label (its pieces joined
    over the rows it is centred on) goes with the row it stands in."""
    stacks = [_stacked(pieces) for pieces in bands]
    taken = _joined_labels([stack for band in stacks for stack in band])
    rows: list[tuple[int, int, list[_Stack]]] = []
    for band in stacks:
        opened = len(rows)
        for stack in sorted((stack for stack in band if id(stack) not in taken and not stack.label),
                            key=lambda s: s.first):
            if len(rows) > opened and stack.first <= rows[-1][1]:
                first, last, members = rows[-1]
                rows[-1] = (first, max(last, stack.last), [*members, stack])
            elif len(rows) > opened and _sentence_carried_on(rows[-1][2], stack):
                first, last, members = rows[-1]
                rows[-1] = (first, stack.last, members)
            else:
                rows.append((stack.first, stack.last, [stack]))
    rows = [(first, last, _one_per_column(members)) for first, last, members in rows]
    for stack in (stack for band in stacks for stack in band if id(stack) not in taken and stack.label):
        middle = (stack.first + stack.last) / 2
        if not rows:
            rows.append((stack.first, stack.last, [stack]))
            continue
        nearest = min(range(len(rows)), key=lambda k: _distance(rows[k], middle))
        first, last, members = rows[nearest]
        rows[nearest] = (first, last, [*members, stack])
    return [sorted(members, key=lambda s: s.start) for _, _, members in rows]


def _one_per_column(members: list[_Stack]) -> list[_Stack]:
    """A printed row holds one cell a column: a piece under a cell of the row, in its
    column, further down than the cell's last line (`农村供水工` / `程运行管护` … `机制`, the
    lines of a tall remark printed between), is that cell's last line."""
    kept: list[_Stack] = []
    for stack in sorted(members, key=lambda s: s.first):
        above = next((cell for cell in kept if cell.last < stack.first
                      and _over(cell.pieces[-1], stack.pieces[0])), None)
        if above is None:
            kept.append(stack)
        else:
            above.pieces.extend(stack.pieces)
    return kept


def _joined_labels(stacks: list[_Stack]) -> set[int]:
    """Level labels a narrow column wrapped and a centred group spread apart (`产出指` over
    `标` three lines down, rows between them), joined where together they make one: the
    lower piece stands under the upper one, centred within a few columns, and neither is a
    value. The upper piece takes the lower's pieces; returns the ids of the lower ones."""
    taken: set[int] = set()
    open_pieces: list[_Stack] = []
    for stack in sorted(stacks, key=lambda s: s.first):
        if classify(stack.text).shape in _VALUE_SHAPES or len(stack.text) > _LABEL_PIECE:
            continue
        upper = next((top for top in reversed(open_pieces) if top.last < stack.first
                      and stack.first - top.last <= _LABEL_SPREAD and _centred_under(top, stack)
                      and opens_level_label(top.text + stack.text)), None)
        if upper is not None:
            upper.pieces.extend(stack.pieces)
            taken.add(id(stack))
            if level_label(upper.text):
                open_pieces.remove(upper)
            continue
        if not stack.label:
            open_pieces.append(stack)
    return taken




_LABEL_PIECE = 10  # characters a piece of a level label has at most
_LABEL_SPREAD = 8  # lines between the pieces of a level label centred on its group
_CENTRED = 3  # columns between the middles of two pieces of one centred label


def _centred_under(top: _Stack, bottom: _Stack) -> bool:
    middle = (top.start + max(piece.end for piece in top.pieces)) / 2
    under = (bottom.start + max(piece.end for piece in bottom.pieces)) / 2
    return abs(middle - under) <= _CENTRED


def _sentence_carried_on(row: list[_Stack], stack: _Stack) -> bool:
    """`…2.5 公里管网改造顺延至 2025 年` / `实施。改进措施：…` printed a few columns off: text
    alone under a row whose last cell is a sentence cut short goes on with it."""
    last = max(row, key=lambda s: s.start)
    tags = classify(stack.text)
    if tags.is_label or tags.shape not in ("short", "long") or stack.first - last.last > _WRAP_GAP \
            or not _CUT_SHORT.search(last.text) or len(last.pieces) < _TALL_CELL:
        return False
    last.pieces.extend(stack.pieces)
    return True


_WRAP_GAP = 2  # lines
_TALL_CELL = 3  # lines of a cell whose text a page prints as a column of its own
_CUT_SHORT = regex.compile(r"[\p{Han}\d，、；：,]$")


def _distance(row: tuple[int, int, list[_Stack]], line: float) -> float:
    first, last, _ = row
    return 0.0 if first <= line <= last else min(abs(line - first), abs(line - last))


def _stacked(pieces: list[_Piece]) -> list[_Stack]:
    """Each piece goes on with the piece under it in its column: on the next line, or a line
    or two further down where the lines between print nothing over it (a centred cell's
    lines around the line its row's one-line cells take)."""
    by_line: dict[int, list[_Piece]] = {}
    for piece in pieces:
        by_line.setdefault(piece.line, []).append(piece)
    for line in sorted(by_line):
        pending = []
        for piece in by_line[line]:
            under = [other for other in by_line.get(line + 1, ())
                     if other.above is None and _over(piece, other)]
            if under:
                _link(piece, max(under, key=lambda other: _shared(piece, other)))
            elif not any(_over(piece, other) for other in by_line.get(line + 1, ())):
                pending.append(piece)
        across = {id(piece): _next_under(piece, by_line) for piece in pending}
        # across a line that prints other cells (a centred row's middle), every cell that
        # opens on this line goes on below it, or none does (a one-line cell here makes the
        # line a row of its own); a cell that opened above goes on through it
        opening = [piece for piece in pending if piece.above is None and not classify(piece.text).is_level]
        far = any(under.line > line + 2 for piece in pending for under in across[id(piece)])
        if (line + 1 in by_line or far) and not all(across[id(piece)] for piece in opening):
            pending = [piece for piece in pending if piece.above is not None]
        for piece in pending:
            if across[id(piece)]:
                _link(piece, max(across[id(piece)], key=lambda other: _shared(piece, other)))
    stacks: list[_Stack] = []
    for piece in pieces:
        if piece.above is not None:
            continue
        stack = _Stack([piece])
        while stack.pieces[-1].below is not None:
            stack.pieces.append(stack.pieces[-1].below)
        stacks.append(stack)
    return stacks


def _next_under(piece: _Piece, by_line: dict[int, list[_Piece]]) -> list[_Piece]:
    """The pieces that open the first line to print something in the piece's columns after
    the next, a few lines down at most, no two of the lines between blank."""
    blank, printed = 0, False
    for line in range(piece.line + 1, piece.line + _MAX_SKIP + 2):
        under = [other for other in by_line.get(line, ()) if _over(piece, other)]
        if under:
            # further than the line after next, the lines between are the page's double
            # spacing or print a cell of the row (not a level label alone: that stands
            # between two rows), and only text goes on into text
            if line > piece.line + 2 and (not (printed or blank == line - piece.line - 1)
                                          or not all(_text_goes_on(piece, other) for other in under)):
                return []
            return [other for other in under if other.above is None]
        blank += line not in by_line
        printed = printed or any(len(other.text) > 1 and not opens_level_label(other.text)
                                 and not _label_tail(other.text) for other in by_line.get(line, ()))
        if blank > 1:
            return []  # two blank lines: the rule under the row
    return []


_MAX_SKIP = 2  # lines a cell's next line may stand below its last, others' lines between


def _label_tail(text: str) -> bool:
    """`指标`, `响指标`, `标`: the last line of a level label its narrow cell wrapped."""
    mark = vocabulary().marks.indicator_number
    return text.endswith(mark) or text == mark[-1]


def _text_goes_on(upper: _Piece, lower: _Piece) -> bool:
    return not _SENTENCE_END.search(upper.text) and all(
        classify(piece.text).shape in ("short", "long", "label") for piece in (upper, lower))


_SENTENCE_END = regex.compile(r"[。！？.!?]$")


def _link(upper: _Piece, lower: _Piece) -> None:
    if lower.above is None:
        upper.below, lower.above = lower, upper


def _over(upper: _Piece, lower: _Piece) -> bool:
    """The two pieces share columns of the page, or all but touch (a text tool rounds a
    centred piece's place by a column: `公路沿线安全隐患路段整治` over `率` a column left)."""
    return _shared(upper, lower) > -_ROUNDING


_ROUNDING = 1  # columns


def _shared(one: _Piece, other: _Piece) -> int:
    return min(one.end, other.end) - max(one.start, other.start)


def _cell(stack: _Stack, row: int, column: int, first_line: int, brk: int) -> Cell:
    made = cell(row, column, "\n".join(piece.text for piece in stack.pieces), first_line + stack.first, brk)
    made.last_line = first_line + stack.last
    return made
