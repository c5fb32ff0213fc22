"""Layout `run_together`: the cells of a row, or of a whole table, glued with no separator.

Spreadsheet previews and document-site text often lose every separator:
`项目名称百色天立学校办学补贴`, `产出指标产出数量指标新增学位…`. The text is cut
where the vocabulary recognises a label and where a run of values ends a
segment (`…达到目标值95%10` → `…达到目标值` `95%` `10`). Which words are
labels is the vocabulary's to say, so this reader asks extract/classify.py
(`cut_glued`). Values glued to each other (`210010` = 2100 | 10) cannot be cut
here; where the table's weights add up to a printed total, assembly may.
Example: `项目主管部门百色市教育局项目实施单位百色市教育局`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

import regex

from extract.classify import (
    UNIT_FIELDS,
    classify,
    column_run,
    cut_glued,
    cut_glued_rows,
    cut_kind_word,
    glued_label_count,
    join_label_spaces,
    key,
    page_number,
    printed_twice,
    qualitative_ending,
    qualitative_words,
    reads_as_reason,
    scope_of,
    units_pattern,
    value_then_remark,
)
from extract.grid import BREAK_HARD, BREAK_HINT, BREAK_SOFT, Block, Cell, TableBlock
from extract.readers.build import CLAUSE_MARK, cell, extend, number_stream, prose_lines
from extract.vocab import strip_pinyin, vocabulary

_MIN_GLUED_LINES = 0.3
_CLAUSE_LENGTH = 40
_SHORT_LINE = 60
_LABEL_SPACING = 80  # a glued table line has a label every 80 characters or closer
_LABELS_AMONG_PROSE = 2
_OPENING = 20  # where a glued row's first label must start
_TABLE_LABELS = 3  # a sentence followed by a glued table header still holds a table


def looks_glued(lines: list[str]) -> bool:
    """Labels run straight into their values on the region's lines (not sentences that
    mention a label: those have their clauses' punctuation)."""
    found = sum(1 for line in lines if glued(line))
    return found >= max(1.0, _MIN_GLUED_LINES * len(lines))


def glued(line: str) -> bool:
    """A line of glued cells: labels run into text, densely enough for a table (a report's
    paragraph names a label now and then)."""
    return _glued_labels(line) > 0


def glued_row(line: str) -> bool:
    """A line of glued cells that stands out even among prose: two labels or more."""
    return _glued_labels(line) >= _LABELS_AMONG_PROSE


def glued_header(line: str) -> bool:
    """An indicator table's column labels glued on one line: three or more in a row."""
    if len(line) > _HEADER_LINE or glued_label_count(line) < _TABLE_LABELS - 1:
        return False
    # glued: the labels touch, no space between them
    return max(column_run(cut_glued(chunk))[0] for chunk in line.split()) >= _TABLE_LABELS


def continues_table(line: str) -> bool:
    """A line under a glued table header that is a row of it: not a paragraph, not the
    heading or the first field of the next form."""
    count = glued_label_count(line)
    if _prose(line, count) or len(line) > _ROW_LINE:
        return False
    pieces = cut_glued(line)
    first = classify(pieces[0]) if pieces else None
    return first is not None and not first.title and not first.field


def join_name_words(pieces: list[str]) -> list[str]:
    """A row under a glued table header: a money or field word inside an indicator's name
    (`项目` `财政资金` `到位时间`) is part of the name, not a label of its own; level and
    column labels and values still cut."""
    joined: list[str] = []
    for index, piece in enumerate(pieces):
        if joined and _name_part(joined[-1]) and _name_part(piece) and \
                (_inner_label(joined[-1]) or _inner_label(piece)) and \
                not _total_with_figure(pieces, index):
            joined[-1] += piece
        else:
            joined.append(piece)
    return joined


def _total_with_figure(pieces: list[str], index: int) -> bool:
    """`…服务点` `总分` `10098.76`: a form's total with its figure, after a row's reason."""
    return classify(pieces[index]).field == "self_score" and index + 1 < len(pieces) \
        and classify(pieces[index + 1]).shape == "number"


def cut_closing_value(pieces: list[str], values: int = 1) -> list[str]:
    """A glued row with no value of its own but a name ending in a short qualitative value
    (`按时完成装备采购完成`, `设备质量符合`): name and value, cut there; a phrase printed
    twice (`生态修复功能提高生态修复功能提高`) is a name and its value, alike. A line may
    hold several rows, each opened by its level label (`生态效益指标黑土地耕层土壤质量逐步改善
    可持续影响指标…逐步健全`): each is looked at on its own. Under two value columns (中期
    and 年度), a name may close with two (`…管护机制全面建立初步建立`)."""
    cut: list[str] = []
    row: list[str] = []
    for piece in pieces:
        if row and classify(piece).is_level and not classify(row[-1]).is_level:
            cut.extend(_closing_value_cut(row, values))
            row = []
        row.append(piece)
    return cut + _closing_value_cut(row, values)


def _closing_value_cut(pieces: list[str], values: int = 1) -> list[str]:
    cut = _one_closing_value(pieces)
    if values < _PERIOD_SETS or len(cut) != len(pieces) + 1 or printed_twice(pieces[-1], _SHORTEST_NAME):
        return cut
    before = _one_closing_value(cut[:-1])  # the first value, closing the name left
    return [*before, cut[-1]] if len(before) == len(cut) else cut


def _one_closing_value(pieces: list[str]) -> list[str]:
    if not pieces or not _name_part(pieces[-1]) or any(
            classify(piece).shape in _VALUE_SHAPES for piece in pieces):
        return pieces
    last = pieces[-1]
    phrase = printed_twice(last, _SHORTEST_NAME)
    if phrase:
        return [*pieces[:-1], phrase, phrase]  # `持续发展持续发展`: name and value alike
    word = qualitative_ending(last, qualitative_words(), _SHORTEST_NAME)
    return [*pieces[:-1], last[: -len(word)], word] if word else pieces


_VALUE_SHAPES = {"quant", "number"}
_SHORTEST_NAME = 4


def points_before_value(header: list[str]) -> bool:
    """A self-evaluation header that prints the points (分值) before the planned value."""
    roles = [classify(piece).column for piece in header]
    return "weight" in roles and "target" in roles and roles.index("weight") < roles.index("target")


def _groups_in(pieces: list[str]) -> int:
    """The level-2 groups a line names (`成本指标` and a name `成本` are one)."""
    return len({classify(piece).level2 for piece in pieces} - {None})


_GROUPS_GLUED = 2  # level-2 labels on one line under the header: the table glued into lines


def remark_after_value(header: list[str]) -> bool:
    """A header with a text column after the value (`指标值 | 评分标准`, `指标值 | 指标解释`):
    each row's remark runs on from its value."""
    roles = [classify(piece).column for piece in header]
    return "target" in roles and any(role in _REMARK_ROLES for role in roles[roles.index("target"):])


_REMARK_ROLES = ("description", "basis", "remark")


def _as_rows(pieces: list[str], header: _Header) -> list[str]:
    """The pieces of rows under a glued header, with the names, values and points inside
    them cut apart."""
    if header.kinded:
        pieces = [part for piece in pieces for part in cut_kind_word(piece)]
    if header.bare_levels:
        pieces = _bare_level_cut(pieces)
    pieces = cut_closing_value(join_name_words(pieces), header.values)
    return cut_points_after_name(pieces) if header.weighted else pieces


def _bases_whole(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """`按` `服务对象满意度` `评价`: a basis the cut parted at a label inside it is one piece
    (each piece comes with whether it starts a row)."""
    hints = vocabulary().columns.hints
    joined: list[tuple[str, bool]] = []
    index = 0
    while index < len(pieces):
        if pieces[index][0] in hints.basis_openers and index + 2 < len(pieces) \
                and pieces[index + 2][0] in hints.basis_closings:
            joined.append(("".join(piece for piece, _ in pieces[index: index + 3]), pieces[index][1]))
            index += 3
            continue
        joined.append(pieces[index])
        index += 1
    return joined


@dataclass(frozen=True)
class _Header:
    """What a glued header says of the rows under it."""

    weighted: bool = False  # the points (分值) before the planned value
    remarked: bool = False  # a remark column after the value (评分标准, 指标解释)
    kinded: bool = False  # a 指标性质 column (定性/定量, or the operator)
    paired: bool = False  # a name and a value column a period (中期, 年度), side by side
    bare_levels: bool = False  # level-2 labels printed without 指标 (`数量`, `质量`) open rows
    values: int = 1  # value columns a row fills (中期 and 年度, or planned and achieved: two)

    @classmethod
    def of(cls, labels: list[str]) -> _Header:
        roles = [classify(piece).column for piece in labels]
        return cls(points_before_value(labels), remark_after_value(labels), "op" in roles,
                   roles.count("name") >= _PERIOD_SETS and roles.count("target") >= _PERIOD_SETS,
                   values=roles.count("target") + roles.count("actual"))


def cut_points_after_name(pieces: list[str]) -> list[str]:
    """`种薯采购价格不高于市场价8是是`: a name, its points, and a planned and an achieved value
    printed alike, glued; cut at the bare number between them, and a text printed twice
    (`是是`, `有效有效`) is the planned and the achieved value."""
    cut: list[str] = []
    for piece in pieces:
        match = _POINTS_IN_TEXT.fullmatch(piece)
        if match is None or classify(piece).is_label or Decimal(match.group(2)) > _MAX_POINTS \
                or _unit_opens(match.group(3)):
            cut.append(piece)
            continue
        name, points, rest = match.groups()
        cut.extend([name, points, *_values_and_score(rest, Decimal(points))])
    return cut


def _values_and_score(rest: str, points: Decimal) -> list[str]:
    """What follows a row's points: the planned and achieved values, and where a bare number
    within the points follows them (`是基本达到7加强技术指导…`), the score and the reason."""
    match = _POINTS_IN_TEXT.fullmatch(rest)
    if match and Decimal(match.group(2)) <= points and not _unit_opens(match.group(3)):
        values, score, reason = match.groups()
        return [*_planned_and_achieved(values), score, reason]
    return _planned_and_achieved(rest)


def _planned_and_achieved(text: str) -> list[str]:
    """`是是` → 是 | 是 (printed twice); `合规达成预期指标` → 合规 | 达成预期指标 (an achieved
    phrase after the planned value); otherwise the text as it is."""
    twice = printed_twice(text)
    if twice:
        return [twice, twice]
    for phrase in _achieved_values():
        if text.endswith(phrase) and len(text) > len(phrase):
            return [text[: -len(phrase)], phrase]
    return [text]


@cache
def _achieved_values() -> tuple[str, ...]:
    return tuple(sorted(vocabulary().target.achieved_values, key=len, reverse=True))


def _unit_opens(text: str) -> bool:
    """A number followed by a unit is a quantity in the name (`7岁以下`), not points."""
    return regex.match(units_pattern(), text) is not None


_POINTS_IN_TEXT = regex.compile(r"(\p{Han}.*?[\p{Han})）])(\d{1,3}(?:\.\d+)?)(\p{Han}.*)")
_MAX_POINTS = 100


def _name_part(piece: str) -> bool:
    """Text a name may be made of: no level or column label, no numbering, no run of figures
    (`2186.402453.72…`, a money row's amounts glued)."""
    tags = classify(piece)
    return tags.shape in ("short", "long") and not tags.is_level and not tags.column \
        and not tags.numbering and not _FIGURES.fullmatch(piece) or _inner_label(piece)


_FIGURES = regex.compile(r"[\d.,%—\-]+")


def _inner_label(piece: str) -> bool:
    """A label that may also be a word of a name: a money or field word, nothing more."""
    tags = classify(piece)
    return bool(tags.money or tags.field or tags.known_label) and not tags.is_level \
        and not tags.column


_HEADER_LINE = 2000  # a header run may stand inside a long glued line (heading, fields, header, rows)
_ROW_LINE = 400


def _glued_labels(line: str) -> int:
    """How many labels run into text on a glued line; 0 for prose and for a line where
    labels stand too far apart for a table."""
    count = glued_label_count(line)
    if not count or _prose(line, count):
        return 0
    length = len(strip_pinyin(line))
    return count if length <= _SHORT_LINE or count * _LABEL_SPACING >= length else 0


def holds_form(line: str) -> bool:
    """A line holding a form's labels densely (`项目名称…主管部门…实施单位…项目资金(万元)…`),
    however its last goal closes: a glued form, not a sentence of the page."""
    count = glued_label_count(line)
    return count >= _FORM_LABELS and count * _LABEL_SPACING >= len(strip_pinyin(line))


_FORM_LABELS = 6  # a notice's sentence names a few labels (`…项目名称为…`), a form many


def _prose(line: str, count: int) -> bool:
    """A sentence with its clauses' punctuation that does not open with a label and runs into
    no table (`count`: the line's glued labels)."""
    clauses = len(CLAUSE_MARK.findall(line))
    return clauses >= 3 and clauses * _CLAUSE_LENGTH >= len(line) \
        and count < _TABLE_LABELS and not glued_label_count(line[:_OPENING])


def read(lines: list[str], first_line: int) -> list[Block]:
    """Cells cut from each line; a sentence that does not open with a label (a notice's
    `…项目名称为百色天立学校办学补贴,项目绩效目标详见附件。`) is prose, never cut."""
    blocks: list[Block] = []
    cells: list[Cell] = []
    under_header = False
    header = _Header()
    header_labels: list[str] = []
    bare = _bare_level_words(lines)
    plain = _plain_unit_labels(lines)
    for offset, line in enumerate(lines):
        if not line.strip() or page_number(line.strip()):
            continue  # (`第 1 页 共 3 页` inside the table: the page's, no row)
        if _prose(line, glued_label_count(line)):
            blocks.extend(_table(cells))
            cells = []
            under_header = False
            blocks.extend(prose_lines([line], first_line + offset))
            continue
        line = join_label_spaces(line)  # `数量 指标`: a stray space in a label
        under_header = under_header and continues_table(line)  # a heading or field ends it
        cut = value_then_remark(line) if under_header and (header.remarked or header.paired) else None
        pieces = [*cut[0], cut[1], cut[2]] if cut else _project_word_to_name(cut_glued(line), plain)
        if cut and header.paired:  # `…工程≥36处数量指标…工程≥12处`: the other period's cells
            pieces, cut = pieces + cut_glued(cut[3]), None
        # a line under the header that holds several groups' rows: cut into rows from its start
        continuing = under_header and not cut and _groups_in(pieces) >= _GROUPS_GLUED
        first = BREAK_HINT
        if under_header:
            kept = _over_page(cells, pieces, line, header_labels)
            continuing = continuing or kept is not pieces  # (rows, under the header left out)
            pieces = kept
            pieces = _as_rows(pieces, header)
        elif glued_header(line):
            pieces = [part for piece in pieces for part in _one_character_headings(piece)]
            end = column_run(pieces)[1]
            periods = _periods_above(cells, first_line + offset - 1)
            pieces = _periods_named(periods, pieces, end)
            first = BREAK_SOFT if periods else BREAK_HINT  # the header's first line goes on
            end = column_run(pieces)[1]
            under_header, header = True, replace(_Header.of(pieces[:end]), bare_levels=bare)
            header_labels = [key(piece) for piece in pieces[:end]]
            pieces = pieces[:end] + _as_rows(pieces[end:], header)  # rows on the header's line
        for index, (piece, starts_row) in enumerate(_bases_whole(cut_glued_rows(pieces, continuing))):
            if index == 0 and under_header and _reason_goes_on(cells, piece, first_line + offset):
                extend(cells[-1], piece)
                continue
            brk = BREAK_HARD if starts_row else first if index == 0 else BREAK_SOFT
            cells.append(cell(0, 0, piece, first_line + offset, brk))
        if cut:  # the remark whole: its own figures (`100%得满分`) open no row
            cells.append(cell(0, 0, cut[3], first_line + offset, BREAK_SOFT))
    return blocks + _table(cells)


def _over_page(cells: list[Cell], pieces: list[str], line: str, labels: list[str]) -> list[str]:
    """`第 1 页 共 2 页` / the header printed again at the top of the next page: the table goes
    on, so its headings (all among the table's own, in order) are left out and the rows
    after them keep the labels above; the last row's reason may go on there (`…校企合作培训`
    / header / `模式尚处于起步阶段；…`), and the piece joins it."""
    if not glued_header(line):
        return pieces
    length, end = column_run(pieces)
    if end == length and _among_in_order([key(piece) for piece in pieces[:end]], labels):
        pieces = pieces[end:]
        end = 0
    if end < len(pieces) and _reason_goes_on(cells, pieces[end], None):
        extend(cells[-1], pieces.pop(end))
    return pieces


def _among_in_order(found: list[str], labels: list[str]) -> bool:
    """Each of `found` is one of `labels`, in the same order."""
    position = 0
    for label in found:
        if label not in labels[position:]:
            return False
        position = labels.index(label, position) + 1
    return True


def _reason_goes_on(cells: list[Cell], piece: str, number: int | None) -> bool:
    """`…仍在审查期，年内未获核准；` / `下一步加强…跟踪在审申请进度。`: a reason the page's
    line break cut inside its cell goes on on the next line (clauses on both sides), or on
    the next page after its header printed again (`number` None)."""
    return bool(cells) and (number is None or cells[-1].last_line == number - 1) \
        and reads_as_reason(cells[-1].text) and reads_as_reason(piece)


def _plain_unit_labels(lines: list[str]) -> bool:
    """The form labels a unit without the 项目 its template may put before it (`主管部门`,
    `实施单位`, where `项目主管部门`, `项目实施单位` are labels too)."""
    plain = _plain_unit_words()
    return any(key(piece) in plain for line in lines if len(line) <= _HEADER_LINE
               for piece in cut_glued(line))


@cache
def _plain_unit_words() -> frozenset[str]:
    prefix, labels = vocabulary().marks.project, vocabulary().fields.labels
    return frozenset(key(word) for field in UNIT_FIELDS for word in labels[field]
                     if prefix + word in labels[field])


def _project_word_to_name(pieces: list[str], plain: bool) -> list[str]:
    """`项目名称…补贴项目主管部门…实施单位…`: in a form that labels its units without 项目,
    the 项目 between a project's name and a unit label ends the name (`…补贴项目` |
    `主管部门`); where the form's unit labels all open with it (`项目实施单位`), it is the
    label's."""
    prefix = vocabulary().marks.project
    if not plain:
        return pieces
    cut = list(pieces)
    for index in range(1, len(cut) - 1):
        label, name, unit = cut[index - 1], cut[index], cut[index + 1]
        rest = unit[len(prefix):]
        if classify(label).field == "project_name" and unit.startswith(prefix) \
                and classify(unit).field in UNIT_FIELDS and classify(rest).field in UNIT_FIELDS \
                and not name.endswith(prefix) and not classify(name).is_label:
            cut[index], cut[index + 1] = name + prefix, rest
    return cut


def _bare_level_words(lines: list[str]) -> bool:
    """Rows that open with level-2 labels printed without 指标, glued to the name
    (`产出指标数量0-6岁儿童…`, `质量视力筛查结果反馈率100%`): two such words or more at the
    rows' opening in the region (one name opening with `质量` is a name)."""
    seen = {word for line in lines if (word := _opening_level_word(_name_opening(line)))}
    return len(seen) >= _BARE_LEVELS


_BARE_LEVELS = 2


def _name_opening(line: str) -> str:
    pieces = cut_glued(line) if len(line) <= _ROW_LINE else []
    return next((piece for piece in pieces if not classify(piece).is_level), "")


def _opening_level_word(text: str) -> str | None:
    """The level-2 name without 指标 that opens the text before a name of three characters
    or more (`质量` in `质量视力筛查结果反馈率`)."""
    return next((word for word in _bare_level_names() if text.startswith(word)
                 and len(text) - len(word) >= _SHORTEST_NAME - 1), None)


@cache
def _bare_level_names() -> tuple[str, ...]:
    suffix = vocabulary().marks.indicator_number
    return tuple(sorted((name.removesuffix(suffix) for name in vocabulary().levels.level2
                         if name.endswith(suffix) and len(name) > len(suffix)), key=len, reverse=True))


def _bare_level_cut(pieces: list[str]) -> list[str]:
    """The row's name with the bare level-2 word that opens it cut off as its label."""
    for index, piece in enumerate(pieces):
        if classify(piece).is_level:
            continue
        word = _opening_level_word(piece)
        return [*pieces[:index], word, piece[len(word):], *pieces[index + 1:]] if word else pieces
    return pieces


def _periods_above(cells: list[Cell], line: int) -> list[str]:
    """`绩效指标一级指标中期指标年度指标` over `二级指标三级指标指标值二级指标三级指标指标值`:
    the period headings of the header's first line (taken out of its cells, which the
    header's second line goes on), in order; none where the line above is no such line."""
    above = [item for item in cells if item.line == line]
    periods = [item for item in above if scope_of(key(item.text))]
    if len(periods) < _PERIOD_SETS or not any(classify(item.text).column for item in above):
        return []
    for item in periods:
        cells.remove(item)
    return [item.text for item in periods]


_PERIOD_SETS = 2


def _periods_named(periods: list[str], pieces: list[str], end: int) -> list[str]:
    """The header's value columns named by their periods, in order (`指标值` under `中期指标`
    is `中期指标值`), where there is one value column a period."""
    values = [index for index in range(end) if classify(pieces[index]).column == "target"]
    if not periods or len(values) != len(periods):
        return pieces
    named = list(pieces)
    for index, period in zip(values, periods, strict=True):  # `中期指标` + `指标值`: `中期指标值`
        named[index] = strip_pinyin(period).removesuffix(vocabulary().marks.indicator_number) + named[index]
    return named


def _one_character_headings(piece: str) -> list[str]:
    """`优良中差`: headings of one character each (the grades under 评价标准), glued; each a
    heading of its own."""
    if len(piece) < _GLUED_SINGLES or not all(classify(char).column for char in piece):
        return [piece]
    return list(piece)


_GLUED_SINGLES = 2


def _table(cells: list[Cell]) -> list[Block]:
    if not cells:
        return []
    number_stream(cells)
    return [TableBlock(cells, "run_together", rows="stream", columns="loose")]
