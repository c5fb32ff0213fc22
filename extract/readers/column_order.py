"""A table's cells read column by column, put back in row order.

Text a PDF viewer or `pdftotext` (without `-layout`) pulls out of a form follows
the page's text blocks, not its rows: a narrow column's cells come out as a run
(two names, then their two values), a merged level label where its block
happens to fall, labels of several groups stacked before their rows
(`数量指标` / `产出指标` / `质量指标`, then five rows). What survives is each
column's own order: the names come in the rows' order, and so do the values.

So, after the indicator header (`一级指标` … `指标值`, one value column), the cells
are sorted into labels, names and values; where names and values are as many
and do not alternate, the i-th name and the i-th value are a row. A row's
level-2 is the label printed last before its name; where several labels stand
in a stack with no name between them, the rows after the stack are split among
them in order by what the names and values say (vocab.toml's
`levels.inference` words, and `levels.value_units` for a value's unit); where
nothing speaks, the label nearest the rows takes them, as when each is printed
atop its group. A level-1 is its level-2's parent, printed where that group
starts. Cells that are none of these (a side label, the signature line) follow
the rows. Anything less certain is left in the order it came.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass

import regex

from extract.classify import (
    Tags,
    classify,
    completes_name,
    deadline_cut,
    ends_as_name,
    level2_votes,
    opens_with_comparator,
    qualitative_words,
)
from extract.grid import BREAK_HARD, BREAK_NONE, Cell
from extract.readers.build import extend
from extract.vocab import vocabulary

_HEADINGS = ("level1", "level2", "name", "target")
_HEADER_SPAN = 8  # cells from the first heading to the last, at most (names fall between)
_LABEL_TAIL = 4  # `标`, `意度指标`: a wrapped label's end, printed a few cells later
_LABEL_REACH = 3
_NAME_TAIL = 3  # `率`, `长度`: a wrapped name's last line, right under it
_FEWEST_ROWS = 3
_PAGE_NUMBER = regex.compile(r"\d{1,3}")  # a bare figure alone: a page's number, where they count up
_LABEL_LENGTH = 6  # a money label (`其中：财政拨款`) is short; a name ending like one is longer
_COLON, _ASCII_COLON = "：", ":"
_HAN_END = regex.compile(r"\p{Han}$")
_WORDED_VALUE = 12


@dataclass
class _Row:
    name: Cell
    value: Cell
    at: int  # the name's place in the stream
    level2: Cell | None = None


def in_row_order(cells: list[Cell]) -> tuple[list[Cell], bool]:
    """The cells with the indicator table's rows restored, and whether any were moved."""
    start = _header_start(cells)
    if start is None:
        return cells, False
    headings = [cell for cell in cells[start:start + _HEADER_SPAN] if _heading(cell)]
    body = _joined_pieces([cell for cell in cells[start:] if not any(cell is h for h in headings)])
    pages = _page_numbers(body)
    kinds = ["other" if index in pages else _kind(cell) for index, cell in enumerate(body)]
    names = [i for i, kind in enumerate(kinds) if kind == "name"]
    values = [i for i, kind in enumerate(kinds) if kind == "value"]
    if len(names) != len(values) or len(names) < _FEWEST_ROWS or _alternate(kinds):
        return cells, False
    rows = [_Row(body[n], body[v], n) for n, v in zip(names, values, strict=True)]
    labels2 = [i for i, kind in enumerate(kinds) if kind == "level2"]
    labels1 = [body[i] for i, kind in enumerate(kinds) if kind == "level1"]
    if not labels2 or not _place_level2(rows, body, labels2):
        return cells, False
    ordered = _ordered(rows, labels1)
    if ordered is None:
        return cells, False
    placed = {id(cell) for cell in ordered}
    rest = [(index, cell) for index, cell in enumerate(body) if id(cell) not in placed]
    # what stood before the first row (`单位：万元`) goes above the table, the rest after it,
    # and a page's number last
    above = [cell for index, cell in rest if index < rows[0].at and index not in pages]
    below = [cell for index, cell in rest if index > rows[0].at and index not in pages]
    numbers = [cell for index, cell in rest if index in pages]
    for index, cell in enumerate(headings):
        cell.break_before = BREAK_HARD if index == 0 else BREAK_NONE
    return cells[:start] + above + headings + ordered + below + numbers, True


def _header_start(cells: list[Cell]) -> int | None:
    """Where the indicator header begins: its four headings within a few cells, and no
    other column (a second value column would pair otherwise)."""
    for index, cell in enumerate(cells):
        if classify(cell.text).column != "level1":
            continue
        roles = [classify(other.text).column for other in cells[index:index + _HEADER_SPAN]]
        found = [role for role in roles if role]
        if sorted(found) == sorted(_HEADINGS):
            return index
    return None


def _page_numbers(cells: list[Cell]) -> set[int]:
    """The places of the pages' numbers: bare figures that count 1, 2, 3 … down the stream
    (a bare `8` alone is a value)."""
    bare = [index for index, cell in enumerate(cells) if _PAGE_NUMBER.fullmatch(cell.text)]
    counted = [index for index in bare if cells[index].text.lstrip("0")]
    numbers = [int(cells[index].text) for index in counted]
    return set(counted) if numbers and numbers == list(range(1, len(numbers) + 1)) else set()


def _heading(cell: Cell) -> bool:
    return classify(cell.text).column in _HEADINGS


def _joined_pieces(cells: list[Cell]) -> list[Cell]:
    """A label's end printed a few cells on (`服务对象满意度指` … `标`) and a name's last
    line right under it (`…规范管理` / `率`) join their heads (copies: the cells stay as
    they were where the table is left in its order)."""
    out: list[Cell] = []
    used: set[int] = set()
    for index, cell in enumerate(cells):
        if index in used:
            continue
        cell = copy(cell)
        tags = classify(cell.text)
        if not tags.is_label and not _has_digit(cell.text):
            for ahead in range(index + 1, min(index + 1 + _LABEL_REACH, len(cells))):
                piece = cells[ahead]
                if ahead not in used and _short_piece(piece, _LABEL_TAIL) \
                        and classify(cell.text + piece.text).is_level:
                    extend(cell, piece.raw)
                    used.add(ahead)
                    break
        if out and _short_piece(cell, _NAME_TAIL) and cell.line == out[-1].last_line + 1 \
                and _goes_on(out[-1], cell):
            extend(out[-1], cell.raw)
            continue
        out.append(cell)
    return out


def _goes_on(head: Cell, tail: Cell) -> bool:
    """A name's last line (`…规范管理` / `率`), or a value's cut in a word (`较上年提高2个百` /
    `分点`, `建立健全并持续发挥` / `作用`)."""
    kind = _kind(head)
    if kind in ("name", "value") and not _has_digit(head.text) and completes_name(head.text, tail.text):
        return True  # (`…验收合格` / `率`: the head read alone as a value in words)
    if kind == "name":
        return not ends_as_name(head.text) and (completes_name(head.text, tail.text)
                                                or len(tail.text) <= 2)
    return kind == "value" and _HAN_END.search(head.text) is not None \
        and not head.text.endswith(qualitative_words(2))


def _short_piece(cell: Cell, longest: int) -> bool:
    tags = classify(cell.text)
    return 0 < len(cell.text) <= longest and not _has_digit(cell.text) and tags.shape == "short" \
        and not tags.is_label and not _is_value(cell.text, tags)


def _has_digit(text: str) -> bool:
    return any(char.isdigit() for char in text)


def _kind(cell: Cell) -> str:
    tags = classify(cell.text)
    if tags.level2 and not (tags.level1 and tags.level1 != tags.level2):
        return "level2"
    if tags.level1:
        return "level1"
    if tags.umbrella or _COLON in cell.text or _ASCII_COLON in cell.text:
        return "other"  # the table's side label; a signature line (`填报人：…`)
    if tags.is_label or tags.shape not in ("short", "long", "quant", "number"):
        # a name worded like a field or a money label (`项目完成时间`, `…财政资金到位时间`)
        return "name" if ends_as_name(cell.text) and (not tags.money or len(cell.text) > _LABEL_LENGTH) \
            else "other"
    if _is_value(cell.text, tags):
        return "value"
    return "name"


def _is_value(text: str, tags: Tags) -> bool:
    """A figure, a deadline, a bound or a value in words (`逐年下降`, `持续健全`)."""
    if tags.shape in ("quant", "number") or tags.value_phrase or opens_with_comparator(text):
        return True
    if deadline_cut(text, "前") or _has_digit(text) and not ends_as_name(text):
        return True
    words = qualitative_words(2)
    modifiers = tuple(vocabulary().target.qualitative_modifiers)
    return len(text) <= _WORDED_VALUE and not ends_as_name(text) \
        and (text.startswith(words) or text.endswith(words) or text.startswith(modifiers))


def _alternate(kinds: list[str]) -> bool:
    """Names and values take turns: the rows are in order already."""
    sequence = [kind for kind in kinds if kind in ("name", "value")]
    return all(a != b for a, b in zip(sequence, sequence[1:], strict=False))


def _place_level2(rows: list[_Row], body: list[Cell], labels: list[int]) -> bool:
    """Each row's level-2 label: the stack printed last before its name (the first stack
    for rows before any), split among the stack's labels in order by the rows' words."""
    stacks: list[list[int]] = []
    for index in labels:
        if stacks and not any(row.at in range(stacks[-1][-1], index) for row in rows):
            stacks[-1].append(index)
        else:
            stacks.append([index])
    groups: dict[int, list[_Row]] = {}
    for row in rows:
        chosen = max((k for k, stack in enumerate(stacks) if stack[0] < row.at), default=0)
        groups.setdefault(chosen, []).append(row)
    for k, members in groups.items():
        stack = [body[index] for index in stacks[k]]
        for row, label in zip(members, _split(members, stack), strict=True):
            row.level2 = label
    return all(row.level2 is not None for row in rows)


def _split(rows: list[_Row], stack: list[Cell]) -> list[Cell]:
    """The stack's labels given to the rows in order, most votes first; a tie goes to the
    later label (the one printed nearest the rows)."""
    if len(stack) == 1:
        return [stack[0]] * len(rows)
    votes = [[_votes(row, classify(label.text).level2 or "") for label in stack] for row in rows]
    best = [[0.0] * len(stack) for _ in rows]  # best total of rows 0..i with row i on label j
    for i in range(len(rows)):
        for j in range(len(stack)):
            before = max(best[i - 1][:j + 1]) if i else 0.0
            best[i][j] = before + votes[i][j] + j * 1e-6
    choice, chosen = max(range(len(stack)), key=lambda j: best[-1][j]), []
    for i in range(len(rows) - 1, -1, -1):
        chosen.append(stack[choice])
        if i:
            choice = max(range(choice + 1), key=lambda j: best[i - 1][j])
    return chosen[::-1]


def _votes(row: _Row, level2: str) -> float:
    """What a row's name words and value's unit say for one level-2."""
    levels = vocabulary().levels
    count = level2_votes(levels.level2_parent.get(level2, ""), row.name.text).get(level2, 0)
    target = classify(row.value.text).target
    unit = target.unit if target is not None else None
    if unit and any(unit.startswith(word) for word in levels.value_units.get(level2, [])):
        count += 1
    return float(count)


def _ordered(rows: list[_Row], labels1: list[Cell]) -> list[Cell] | None:
    """The rows' cells, each group's labels atop its first row, each row opening a printed
    row; None where a group's level-1 (its level-2's parent) is not printed."""
    parents = vocabulary().levels.level2_parent
    printed = {classify(cell.text).level1: cell for cell in reversed(labels1)}
    out: list[Cell] = []
    last1: str | None = None
    last2: Cell | None = None
    for row in rows:
        level1 = parents.get(classify(row.level2.text).level2 or "") if row.level2 else None
        if level1 is None or level1 not in printed:
            return None
        cells = [row.name, row.value]
        if row.level2 is not last2:
            cells.insert(0, row.level2)
            if level1 != last1:
                cells.insert(0, printed[level1])
        for index, cell in enumerate(cells):
            cell.break_before = BREAK_HARD if index == 0 else BREAK_NONE
        out.extend(cells)
        last1, last2 = level1, row.level2
    return out
