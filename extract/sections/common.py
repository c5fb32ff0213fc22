"""What every section shares: the form as sections see it, the result they return,
and the walk over label | value pairs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from extract.assemble import IndicatorTable
from extract.classify import Tags, classify
from extract.grid import Cell, ProseBlock
from extract.split import FormSpan, Unit, filled, project_line
from extract.vocab import key, vocabulary
from schemas.record import Warning


@dataclass
class FormView:
    """A form's units with what split found: kind, heading, self-evaluation."""

    units: list[Unit]
    title: str | None
    kind: str
    self_evaluation: bool
    first_line: int
    last_line: int

    @classmethod
    def of(cls, span: FormSpan) -> FormView:
        return cls(units=span.units, title=span.title, kind=span.kind,
                   self_evaluation=span.self_evaluation, first_line=span.first_line,
                   last_line=span.last_line)

    def rows(self) -> Iterator[list[Cell]]:
        for unit in self.units:
            if isinstance(unit, list):
                yield unit

    def tables(self) -> list[IndicatorTable]:
        return [unit for unit in self.units if isinstance(unit, IndicatorTable)]

    def prose(self) -> Iterator[ProseBlock]:
        for unit in self.units:
            if isinstance(unit, ProseBlock):
                yield unit


@dataclass
class SectionResult:
    values: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, int] = field(default_factory=dict)
    warnings: list[Warning] = field(default_factory=list)
    claimed: set[int] = field(default_factory=set)  # id() of the cells and prose blocks read

    def claim(self, *items: object) -> None:
        self.claimed.update(id(item) for item in items)


_LABEL_COLUMN = 3  # labels with no value between them, printed as a column
_LABEL_COLUMN_VALUES = 2


def _holds_its_value(label: Cell) -> bool:
    """`填报日期：2024年1月29日`: a label with its value after a colon, in its own cell."""
    _, colon, value = label.text.replace("：", ":").partition(":")
    return bool(colon and value.strip())


def _values_follow(pair: Pair) -> bool:
    """The values stand beside their labels on the label's line (a printed row flattened), or
    a line each right under the last label (PDF text, a cell a line: `部门（单位）名称` /
    `联系人` / `涪岭县融媒体中心` / `何建勇`)."""
    lines = [value.line for value in pair.values]
    return all(line == pair.label.line for line in lines) or \
        lines == list(range(pair.label.last_line + 1, pair.label.last_line + 1 + len(lines)))


@dataclass(frozen=True)
class Pair:
    """A label cell and the cells that hold its value."""

    label: Cell
    tags: Tags
    values: tuple[Cell, ...]

    @property
    def text(self) -> str:
        return " ".join(cell.text for cell in self.values if cell.text)

    @property
    def line(self) -> int:
        return self.values[0].line if self.values else self.label.line


def tags_of(cell: Cell) -> Tags:
    return classify(cell.text)


def is_label_cell(cell: Cell) -> bool:
    return not cell.empty and tags_of(cell).is_label


def pairs_in_row(row: list[Cell], is_label=is_label_cell) -> list[Pair]:
    """Every label of the row with the cells after it, up to the next label."""
    cells = filled(row)
    pairs: list[Pair] = []
    index = 0
    while index < len(cells):
        cell = cells[index]
        if not is_label(cell):
            index += 1
            continue
        values: list[Cell] = []
        index += 1
        while index < len(cells) and not is_label(cells[index]):
            values.append(cells[index])
            index += 1
        pairs.append(Pair(cell, tags_of(cell), tuple(values)))
    return _labels_then_values(pairs)


def _labels_then_values(pairs: list[Pair]) -> list[Pair]:
    """`部门(单位)名称 | 填报人 | 广水市人民政府办公室 | 南春锋`: a row of labels and the row of
    their values flattened into one; labels with nothing after them, then one with as many
    values as there are labels in the run, take one value each, in order. After a column of
    three labels or more, fewer values than labels are the first labels' values."""
    result: list[Pair] = []
    run: list[Pair] = []
    for pair in pairs:
        if not pair.values and not _holds_its_value(pair.label):
            run.append(pair)
            continue
        if run and len(pair.values) == len(run) + 1 and _values_follow(pair):
            labels = [*run, pair]
            result.extend(Pair(p.label, p.tags, (value,)) for p, value in zip(labels, pair.values,
                                                                               strict=True))
        elif len(run) >= _LABEL_COLUMN and _LABEL_COLUMN_VALUES <= len(pair.values) <= len(run) \
                and len({p.tags.key for p in (*run, pair)}) == len(run) + 1:  # (not `总分` again)
            # pdftotext's reading order of a form: its column of labels, then the values of the
            # first of them, before the labels printed beside those values interleave
            taking = run[: len(pair.values)]
            result.extend(Pair(p.label, p.tags, (value,)) for p, value in zip(taking, pair.values,
                                                                               strict=True))
            result.extend([*run[len(pair.values):], Pair(pair.label, pair.tags, ())])
        else:
            result.extend([*run, pair])
        run = []
    return result + run


@dataclass(frozen=True)
class Hierarchy:
    """A 批复表's `项目 | 指标值 | 绩效金额` heading over the unit, its project and the amount."""

    unit: Cell | None
    project: Cell | None
    amount: Cell | None


def hierarchy_in(row: list[Cell]) -> Hierarchy | None:
    """The unit, project and amount listed under a `项目 | … | 绩效金额` heading row; or a
    later project's own line (an indented name and its amount) that opens its form."""
    cells = filled(row)
    words = vocabulary().fields.hierarchy
    headings = {key(word) for word in words.heading}
    amounts = {key(word) for word in words.amount}
    start = next((i for i, cell in enumerate(cells) if tags_of(cell).key in headings), None)
    if start is None:
        return _project_line(cells)
    after = cells[start + 1:]
    heading_end = next((i for i, cell in enumerate(after) if tags_of(cell).key in amounts), None)
    if heading_end is None:
        return None
    listed = after[heading_end + 1:]
    texts = [cell for cell in listed if tags_of(cell).shape in ("short", "long")
             and not tags_of(cell).is_label][:2]
    if len(texts) == 2 and texts[1].indent < texts[0].indent:
        texts.reverse()
    unit, project = (texts + [None, None])[:2] if len(texts) == 2 else (None, texts[0] if texts else None)
    amounts_listed = [cell for cell in listed if tags_of(cell).amount is not None]
    after = listed.index(project) if project is not None else len(listed)
    own = [cell for cell in amounts_listed if listed.index(cell) > after]
    amount = (own or amounts_listed or [None])[0]  # the project's, not its unit's (the sum of all)
    return Hierarchy(unit, project, amount)


def _project_line(cells: list[Cell]) -> Hierarchy | None:
    return Hierarchy(None, cells[0], cells[1]) if project_line(cells) else None
