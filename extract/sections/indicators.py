"""Indicator rows: 一级 → 二级 → 三级 → 指标值, from assembled tables.

Table assembly already put every cell under its column and carried merged
label cells down; this section reads each aligned row by role:

- Levels: the 一级 cell names the level-1 (canonical), the 二级 cell the
  level-2. An umbrella above the usual level names (一级 `实施效果指标`, 二级
  `产出指标`) makes the 二级 cell the level-1. A level-2 implies its level-1
  where the level-1 was only inherited (`社会效益指标` under 产出指标 belongs to
  效益指标). A label that fits no canonical name is kept as printed, with a
  warning. A missing level-2 in a table that has the column is inferred from
  the name's jieba tokens, with a warning.
- Target: the 指标值 cell, combined with an operator and a unit column where
  the table has them (`≥ | 70 | 万元`); never a weight, score, explanation or
  actual value. Self-evaluation tables add actual, weight, score, deviation.
- Tables with side-by-side column sets (中期 | 年度) give one row per set.
- Rows that print only labels are not indicators.

Forms with no table that set indicators in sentences (`数量指标:…>=17600株;`)
are read from their prose.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

import regex

from extract.assemble import AlignedRow, IndicatorTable
from extract.classify import (
    Tags,
    classify,
    closing_deadline,
    level2_votes,
    level_of,
    names_a_file,
    qualitative_ending,
    qualitative_words,
    run_in_level,
    strip_list_number,
)
from extract.grid import Cell, ProseBlock
from extract.normalise import clean_text, parse_points, parse_target, target_from_columns, whole_value
from extract.sections.common import FormView, SectionResult, tags_of
from extract.split import Unit
from extract.vocab import key, vocabulary
from schemas.record import Indicator, Target, Warning

LEVEL_COLUMNS = ("level1", "level2", "level")


@dataclass(frozen=True)
class ProjectCell:
    """In a wide table of several projects, the project a row belongs to."""

    name: str
    amount: str | None
    line: int
    department: str | None = None


def read(form: FormView) -> SectionResult:
    result = SectionResult(values={"indicators": [], "projects": [], "judgements": []})
    indicators: list[Indicator] = result.values["indicators"]
    projects: list[ProjectCell | None] = result.values["projects"]
    tables = form.tables()
    for table in tables:
        scope = _table_scope(form.units, table)
        for found, project, judgement in _read_table(table, scope, result):
            indicators.append(found)
            projects.append(project)
            result.values["judgements"].append(judgement)
        result.claim(*table.header.cells, *(c for row in table.rows for c in row.cells))
    if not tables:
        for found in _prose_indicators(form, result):
            indicators.append(found)
            projects.append(None)
            result.values["judgements"].append(None)
    return result


# ---------------------------------------------------------------- tables


def _read_table(table: IndicatorTable, scope: str, result: SectionResult):
    columns = table.header.columns
    groups = sorted({column.group for column in columns})
    has_level2 = _prints_level2(table)
    for group in groups:
        group_scope = _group_scope(table, group) or scope
        read: list[tuple[Indicator, ProjectCell | None, str | None]] = []
        for row in table.rows:
            reading = _RowReading(table, row, group)
            found = reading.indicator(group_scope, has_level2, result)
            if found is not None:
                read.append((found, reading.project(), reading.text("judgement") or None))
        yield from _levels_from_below(read, result)


def _levels_from_below(read: list[tuple[Indicator, ProjectCell | None, str | None]],
                       result: SectionResult):
    """Rows above the first level-1 label of a table take it from below: a merged label
    printed on the middle line of its group (PDF and OCR text) leaves the rows above it
    without one."""
    first = next((indicator.level1 for indicator, _, _ in read if indicator.level1), None)
    for indicator, project, judgement in read:
        if indicator.level1 is None and first is not None:
            indicator = indicator.model_copy(update={"level1": first})
            result.warnings.append(Warning(
                code="levels_from_row_below", line=indicator.line,
                message=f"{indicator.name!r} prints no level-1 label; took {first} from below"))
        elif indicator.level1 is not None:
            first = None
        yield indicator, project, judgement


def _prints_level2(table: IndicatorTable) -> bool:
    """The table prints level-2 labels in its 二级 column (so a blank one was lost)."""
    columns = [k for k, column in enumerate(table.header.columns) if column.role == "level2"]
    return any(row.slots[k] is not None and tags_of(row.slots[k]).level2 and not row.inherited[k]
               for row in table.rows for k in columns)


def _group_scope(table: IndicatorTable, group: int) -> str | None:
    scopes = table.header.scopes
    return scopes[group] if group < len(scopes) else None


def _operator_rank(text: str) -> int:
    """A comparator first, then a word that makes the value qualitative, then the rest."""
    tags = classify(text)
    return 0 if tags.op is not None else 1 if tags.qualitative_marker else 2


def _blank(text: str | None) -> bool:
    return not text or classify(text).shape == "empty"


_SHARED_ROLES = ("name", "level", "level1", "level2", "description")


class _RowReading:
    """One aligned row, read for one column set."""

    def __init__(self, table: IndicatorTable, row: AlignedRow, group: int) -> None:
        self.columns = table.header.columns
        self.row = row
        self.group = group

    def cells(self, role: str, any_group: bool = False) -> list[tuple[Cell, bool]]:
        """A role's cells in this column set; a set with no name or level columns of its own
        (`三级指标 | 中期指标值 | 年度指标值`) shares those of the set that has them."""
        any_group = any_group or (role in _SHARED_ROLES and not self.has_column(role))
        found = [(cell, inherited) for column, cell, inherited in
                 zip(self.columns, self.row.slots, self.row.inherited, strict=True)
                 if column.role == role and cell is not None and not cell.empty
                 and (column.group == self.group)]
        if not found and any_group:
            found = [(cell, inherited) for column, cell, inherited in
                     zip(self.columns, self.row.slots, self.row.inherited, strict=True)
                     if column.role == role and cell is not None and not cell.empty]
        return found

    def text(self, role: str) -> str:
        found = self.cells(role)
        return found[0][0].text if found else ""

    def has_column(self, role: str) -> bool:
        return any(c.role == role and c.group == self.group for c in self.columns)

    def project(self) -> ProjectCell | None:
        found = self.cells("project", any_group=True)
        if not found:
            return None
        amount = self.cells("amount", any_group=True)
        department = self.cells("department", any_group=True)
        return ProjectCell(found[0][0].text, amount[0][0].text if amount else None, found[0][0].line,
                           department[0][0].text if department else None)

    def indicator(self, scope: str, has_level2: bool, result: SectionResult) -> Indicator | None:
        name = whole_value(self.text("name"))
        target = self.target()
        actual = self.actual()
        if not name and _blank(target.raw) and (actual is None or _blank(actual.raw)):
            return None  # no name and nothing readable (`''` from a scan's margin)
        levels = _levels(self, has_level2, name, result)
        line = _row_line(self)
        if not name:
            result.warnings.append(Warning(code="indicator_without_name", line=line,
                                           message=f"row at line {line} has a value but no name"))
        elif target.raw is None:
            result.warnings.append(Warning(code="indicator_without_target", line=line,
                                           message=f"{name!r} has no value"))
        self._extra_warnings(target, line, result)
        return Indicator(
            scope=scope, level1=levels.level1, level1_raw=levels.level1_raw, level2=levels.level2,
            level2_raw=levels.level2_raw, name=name or None,
            description=self.text("description") or None, target=target,
            basis=self.text("basis") or None, history=self.history(),
            weight=parse_points(self.text("weight") or self.text("share")), actual=actual,
            score=parse_points(self.text("score")), deviation=self.text("deviation") or None,
            line=line, location=_location(self))

    def target(self) -> Target:
        values = [cell.text for cell, _ in self.cells("target")]
        value = values[0] if values else ""
        op, unit = self.operator(), self.text("unit")
        if (self.has_column("op") or self.has_column("unit")) and (op or unit):
            return target_from_columns(op, value, unit, op_column=self.has_column("op"))
        return parse_target(value) if value else Target()

    def operator(self) -> str:
        """The operator cell; of two (`指标性质 | 计算符号`: `定量 | ≥`), the comparator, or
        else the one that makes the value qualitative (`定性`)."""
        found = [cell.text for cell, _ in self.cells("op")]
        return min(found, key=_operator_rank, default="")

    def actual(self) -> Target | None:
        value = self.text("actual")
        return parse_target(value) if value else None

    def history(self) -> dict[str, str] | None:
        found = {label: self.text(role) for role, label in
                 (("history_before_last", "前年"), ("history_last", "上年")) if self.text(role)}
        return found or None

    def _extra_warnings(self, target: Target, line: int, result: SectionResult) -> None:
        values = {cell.text for cell, _ in self.cells("target")}
        if len(values) > 1:
            result.warnings.append(Warning(
                code="several_values", line=line,
                message=f"{len(values)} different values in the 指标值 columns; took the first"))
        if tags_of_text(target.raw).masked:
            result.warnings.append(Warning(code="masked_digits", line=line,
                                           message=f"value {target.raw!r} has masked digits"))


def tags_of_text(text: str | None) -> Tags:
    return classify(text or "")


def _row_line(reading: _RowReading) -> int:
    """The line where the row starts: its first cell, even an empty one."""
    return reading.row.cells[0].line if reading.row.cells else reading.row.line


def _location(reading: _RowReading) -> str | None:
    for cell in reading.row.cells:
        if cell.location:
            return cell.location
    return None


# ---------------------------------------------------------------- levels


@dataclass
class _Levels:
    level1: str | None = None
    level1_raw: str | None = None
    level2: str | None = None
    level2_raw: str | None = None
    shifted: bool = False  # the level-1 stood in the 二级 column, under an umbrella label


def _levels(reading: _RowReading, has_level2: bool, name: str, result: SectionResult) -> _Levels:
    levels = _Levels()
    first = (reading.cells("level1", any_group=True) or reading.cells("level", any_group=True))
    second = reading.cells("level2")  # a column set without its own shares the row's
    inherited1 = True
    if first:
        cell, inherited1 = first[0]
        _read_first(levels, cell, inherited1, result)
    if second:
        cell, inherited2 = second[0]
        _read_second(levels, cell, inherited2, inherited1, result)
    if levels.level1 is None and levels.level2 is not None:
        levels.level1 = vocabulary().levels.level2_parent.get(levels.level2)
    if levels.level2 is None and has_level2 and levels.level1 and name and not levels.shifted:
        inferred = infer_level2(levels.level1, name)
        if inferred:
            levels.level2 = inferred
            result.warnings.append(Warning(
                code="level2_inferred", line=_row_line(reading),
                message=f"no 二级 label for {name!r}; inferred {inferred} from its words"))
    return levels


def _read_first(levels: _Levels, cell: Cell, inherited: bool, result: SectionResult) -> None:
    tags = tags_of(cell)
    raw = None if inherited else cell.text
    if tags.umbrella or tags.shape == "empty":
        return
    if tags.level1 in _canonical1():
        levels.level1, levels.level1_raw = tags.level1, raw
        if tags.level2 and _is_combined(tags):
            levels.level2, levels.level2_raw = tags.level2, raw
    elif tags.level2:
        levels.level2, levels.level2_raw = tags.level2, raw
    else:  # another framework's name (`一、投入目标` → 投入目标), or an unknown one as printed
        levels.level1, levels.level1_raw = tags.level1 or cell.text, raw
        if not inherited:
            result.warnings.append(Warning(code="level_unrecognised", line=cell.line,
                                           message=f"level label {cell.text!r} fits no canonical "
                                                   "name; kept as printed"))


def _read_second(levels: _Levels, cell: Cell, inherited: bool, inherited1: bool,
                 result: SectionResult) -> None:
    tags = tags_of(cell)
    raw = None if inherited else cell.text
    if tags.level2:
        levels.level2, levels.level2_raw = tags.level2, raw
        if tags.level1 and _is_combined(tags):
            levels.level1, levels.level1_raw = tags.level1, raw
        parent = vocabulary().levels.level2_parent.get(tags.level2)
        if parent and levels.level1 != parent and inherited1 and levels.level1 in _canonical1():
            levels.level1, levels.level1_raw = parent, None
    elif tags.level1:
        levels.level1, levels.level1_raw = tags.level1, raw
        levels.shifted = True
    elif (begun := _level2_begun(cell.text, levels.level1)) is not None:
        levels.level2, levels.level2_raw = begun, raw
    elif not tags.umbrella and cell.text:
        levels.level2, levels.level2_raw = cell.text, raw
        if not inherited:
            result.warnings.append(Warning(code="level_unrecognised", line=cell.line,
                                           message=f"level label {cell.text!r} fits no canonical "
                                                   "name; kept as printed"))


def _level2_begun(text: str, level1: str | None) -> str | None:
    """`服务对象满` in the level-2 column (a laid-out page wrapped `意度指标` onto a line of its
    own): the one level-2 name, under the row's level-1, that the cell begins."""
    text = key(text)
    if len(text) < _BEGUN_LABEL:
        return None
    parents = vocabulary().levels.level2_parent
    begun = [name for name in vocabulary().levels.level2 if name.startswith(text)
             and (level1 is None or parents.get(name) in (None, level1))]
    return begun[0] if len(begun) == 1 else None


_BEGUN_LABEL = 4


def _is_combined(tags: Tags) -> bool:
    """`产出数量指标`: one cell naming both levels (not a name both levels share, like 成本指标)."""
    return tags.level_combined


@cache
def _canonical1() -> frozenset[str]:
    return frozenset(vocabulary().levels.level1)


def infer_level2(level1: str, name: str) -> str | None:
    """The level-2 a name's words point at, under its level-1 (the first is the default)."""
    votes = Counter(level2_votes(level1, name))
    if not votes:
        return None
    best, count = votes.most_common(1)[0]
    return best if count else next(iter(votes))


# ---------------------------------------------------------------- scope


def _table_scope(units: list[Unit], table: IndicatorTable) -> str:
    """The scope named in the table's heading cells, in its own first column, by its
    history columns, or in the units just above it."""
    for cell in table.header.cells:
        tags = tags_of(cell)
        if tags.scope:
            return tags.scope
    named = _scope_in_rows(table)
    if named:
        return named
    if any(column.role in _HISTORY_ROLES for column in table.header.columns):
        return "annual"  # 前年 | 上年 | 预计当年实现: only a year's targets have a history
    position = next((i for i, unit in enumerate(units) if unit is table), 0)
    for unit in reversed(units[max(0, position - 3): position]):
        texts = [unit.text] if isinstance(unit, ProseBlock) else \
            [cell.text for cell in unit] if isinstance(unit, list) else []
        scopes = {classify(text).scope for text in texts if len(text) <= 30} - {None}
        if len(scopes) == 1:
            return scopes.pop()
        # `中期目标 | 年度目标` side by side heads the goals of both: no scope for the table
    return "annual"


_HISTORY_ROLES = ("history_before_last", "history_last")


def _scope_in_rows(table: IndicatorTable) -> str | None:
    """`年度绩效 | 目标1` in the 目标名称 column, merged down the table's rows: the one scope
    the table's cells before its levels name, if they name one."""
    first = next((k for k, column in enumerate(table.header.columns)
                  if column.role in (*LEVEL_COLUMNS, "name")), 0)
    scopes: set[str] = set()
    for row in table.rows:
        text = "".join(cell.text for cell, inherited in zip(row.slots[:first], row.inherited[:first],
                                                            strict=True)
                       if cell is not None and not inherited)
        if text and len(text) <= _SCOPE_CELL_LENGTH:
            scopes |= {classify(text).scope} - {None}
    return scopes.pop() if len(scopes) == 1 else None


_SCOPE_CELL_LENGTH = 30  # a goal's name, not its sentence


# ---------------------------------------------------------------- prose


@cache
def _prose_target() -> regex.Pattern[str]:
    """A target written in a sentence: a comparator, a number and what follows it up to
    the next clause (`>=17600株`, `≥80万元`, `≤28.40/株`)."""
    comparators = "|".join(regex.escape(w) for w in sorted(
        (w for group in ("ge", "le", "gt", "lt", "eq") for w in getattr(vocabulary().target, group)),
        key=len, reverse=True))
    return regex.compile(rf"(?:{comparators})\s*\d[\d.,]*[^,，;；。\s(（]{{0,10}}")


def _prose_indicators(form: FormView, result: SectionResult) -> list[Indicator]:
    """Indicators set in sentences under level headings (a notice with no table)."""
    indicators: list[Indicator] = []
    level1: str | None = None
    level2: str | None = None
    level1_ranked = False  # the level-1 heading numbered in brackets (`（一）产出指标`)
    infer = _notice_prints_level2(form)  # a notice that prints no level-2 anywhere names none
    inline_level1 = False  # the level-1 opened a sentence (`1.产出指标：…`), not a heading
    for unit in form.units:
        text = unit.text if isinstance(unit, ProseBlock) else \
            " ".join(cell.text for cell in unit) if isinstance(unit, list) else ""
        tags = classify(strip_list_number(text).replace(" ", "")) if len(text) <= 20 else None
        heading = tags is not None and (tags.level1 or (tags.level2 and level1 is not None))
        if heading:
            ranked = _second_rank().match(text) is not None
            if tags.level1 and not (tags.level2 and level1 and ranked and not level1_ranked):
                level1, level2, level1_ranked, inline_level1 = tags.level1, None, ranked, False
            else:  # `（一）数量指标`; `（四）成本指标` numbered under `一、产出指标` is its level-2
                level2 = tags.level2
            result.claim(unit) if isinstance(unit, ProseBlock) else result.claim(*unit)
            continue
        opened = _level1_opening(unit, level1 is None or inline_level1) \
            if isinstance(unit, ProseBlock) else None
        if opened is not None:  # `1.产出指标：新建蓄水池不少于2座，…`: the level and its items
            level1, level2, level1_ranked, inline_level1 = opened[0], None, False, True
            unit = ProseBlock(text=opened[1], raw=unit.raw, line=unit.line, last_line=unit.last_line)
        if level1 is None or not isinstance(unit, ProseBlock) or names_a_file(unit.text):
            continue  # `附件:…设定表.xlsx` under the list names the table, it sets no target
        found = list(_sentence_indicators(unit, level1, level2, infer, listed=opened is not None))
        if found:
            result.claim(unit)
            indicators.extend(found)
    return indicators


def _level1_opening(block: ProseBlock, ranked: bool) -> tuple[str, str] | None:
    """(level-1, the items after it) of a sentence that opens with a level-1 label and a
    colon (`1.产出指标：…`) or a full stop (`（一）产出指标。…`); a label that may name either
    level (`满意度指标`, `成本指标`) opens a level-1 only where no level-1 heading stands
    above (`ranked`: none, or one opened the same way)."""
    opened = run_in_level(block.text)
    if opened is None:
        return None
    tags, rest = opened
    if not tags.level1 or tags.level2 and not ranked:
        return None  # `4.成本指标：` under `（一）产出指标` is its level-2
    return tags.level1, rest


def _notice_prints_level2(form: FormView) -> bool:
    """The notice prints a level-2 label somewhere (`（一）数量指标`, `数量指标：…`): a row
    with none takes one inferred from its name; a notice that prints none names none."""
    for unit in form.units:
        if not isinstance(unit, ProseBlock):
            continue
        short = strip_list_number(unit.text).replace(" ", "")
        labels = [match.group(1) for match in _level2_label().finditer(key(unit.text))]
        if len(short) <= 20:
            labels.append(short)
        if any(_names_level2_only(label) for label in labels):
            return True
    return False


def _names_level2_only(label: str) -> bool:
    """A level-2 label that is no level-1's too (`满意度指标` heads either; `数量方面` names 数量指标)."""
    tags = classify(label)
    return not tags.level1 and (bool(tags.level2) or _level2_named(label) is not None)


@cache
def _second_rank() -> regex.Pattern[str]:
    """A heading numbered in brackets (`（四）`, `(2)`): the rank under `一、`."""
    numerals = regex.escape(vocabulary().marks.chinese_numerals)
    return regex.compile(rf"^\s*[(（][{numerals}\d]+[)）]")


@cache
def _level2_label() -> regex.Pattern[str]:
    """A level-2 label opening a notice's clause: `数量指标:`, `数量指标——…`, or a level's bare
    name with an aspect word (`数量方面，`, vocab prose_aspects)."""
    levels = vocabulary().levels
    words: set[str] = set()
    for canonical, variants in levels.level2.items():
        words |= {key(word) for word in (canonical, *variants) if len(key(word)) >= 4}
        words |= {key(word) + key(aspect) for word in variants for aspect in levels.prose_aspects
                  if not key(word).endswith(_LEVEL_WORDS)}
    alternatives = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"({alternatives})(?:[:：,，]|[—–－-]{{1,2}})")


_LEVEL_WORDS = ("指标", "目标", "值")  # a variant that ends so is a label already


def _level2_named(label: str) -> str | None:
    """The level-2 a clause's label names (`数量方面` as `数量`)."""
    for aspect in vocabulary().levels.prose_aspects:
        if label.endswith(key(aspect)):
            label = label[: -len(key(aspect))]
    return level_of(key(label))[1]


def _sentence_indicators(block: ProseBlock, level1: str, level2: str | None, infer: bool = True,
                         listed: bool = False):
    """`数量指标:…数量(≥**株)>=17600株;…率(≥**%)>=85;时效指标:…` → one indicator per target,
    its name the words before it; a clause with no target is a qualitative one. A line with
    no level-2 of its own is under the level-2 heading above it (`（一）数量指标`), or, with
    none, under the level-2 its name suggests (where the notice prints level-2s at all:
    `infer`). A long sentence is read for items only after its level-1 (`listed`: `1.产出指标：…`);
    a notice's other sentences are not."""
    text = block.text
    labels = list(_level2_label().finditer(text))
    if not labels:  # `受益群众满意度≥95%。` right under 三、满意度指标: no level-2 printed;
        # a short line with a value, not the notice's sentences after the list
        items = _items(text) if len(text) <= _UNLABELLED_ITEM or listed else []
        for name, raw in items:
            if raw != name:
                yield Indicator(scope="annual", level1=level1,
                                level2=level2 or (infer_level2(level1, name) if infer else None),
                                name=name, target=parse_target(raw), line=block.line)
        return
    for index, match in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        level2 = _level2_named(match.group(1))
        # (`…≥40座；（2）` before `质量指标：`: the next label's list number is no item)
        for name, raw in _items(_next_number().sub("", text[match.end():end])):
            yield Indicator(scope="annual", level1=level1, level2=level2,
                            level2_raw=match.group(1), name=name, target=parse_target(raw),
                            line=block.line)


@cache
def _next_number() -> regex.Pattern[str]:
    """A list number closing a clause, before the next label (`；（2）`)."""
    numerals = regex.escape(vocabulary().marks.chinese_numerals)
    return regex.compile(rf"(?<=[；;。，,\s]|^)[(（]?[{numerals}\d]{{1,2}}[)）.、．]\s*$")


def _items(segment: str) -> list[tuple[str, str]]:
    """(name, target) of each item: a name before its comparator and value; a clause with
    none is `name：value`, a name and the figure that closes it (`工程验收合格率100%`), or a
    qualitative one. A list number (`1.`) opens an item and is no part of its name."""
    items: list[tuple[str, str]] = []
    position = 0
    for match in _prose_target().finditer(segment):
        before = _items_before(segment[position: match.start()], items)
        name = _item_name(before)
        if name:
            items.append((name, match.group(0)))
        position = match.end()
    rest = _items_before(clean_text(segment[position:]).strip(" ,，;；。.") + "。", items)
    for clause in regex.split(r"[;；。]", rest):
        clause = _item_name(clause)
        tags = classify(clause) if clause else None
        if tags is not None and not tags.is_level and not tags.boilerplate:  # (`公示时间：…`)
            items.append(_clause_item(clause))
    return items


def _items_before(text: str, items: list[tuple[str, str]]) -> str:
    """The clauses before a comparator that hold a value of their own (`…，铺设供水管网8.6公里，
    安装入户水表≥326只`) are items (added to `items`); returns the text left for the
    comparator's name (a clause with no value, `★补助…种植数量,黄金蜜种植数量`, stays in it)."""
    while (found := _first_valued_clause(text)) is not None:
        item, text = found
        items.append(item)
    return text


def _first_valued_clause(text: str) -> tuple[tuple[str, str], str] | None:
    """The first clause of the text that is an item with a value, and the text after it."""
    for clause in _CLAUSE_BREAK.finditer(text):
        head = _item_name(text[: clause.start()])
        tags = classify(head) if head else None
        item = _clause_item(head) if tags is not None and not tags.is_level and not tags.boilerplate \
            else None  # (`公示时间：…` closing a notice is no item)
        if item is not None and item[0] != item[1]:
            return item, text[clause.end():]
    return None


_CLAUSE_BREAK = regex.compile(r"[,，;；。]")


def _item_name(text: str) -> str:
    return strip_list_number(clean_text(text).strip(" ,，;；。.")).strip(" ,，:：")


def _clause_item(clause: str) -> tuple[str, str]:
    """A clause with no comparator: `name：value`; a name and the deadline that closes it
    (`…任务在2024年11月30日前完成`); a name and the figure that closes it; a name and the
    degree phrase that closes it (`…技能水平明显提升`: a bare verb, `生态修复功能提高`, is
    the clause's own wording); or one qualitative clause."""
    name, colon, value = clause.partition("：") if "：" in clause else clause.partition(":")
    if colon and name.strip() and value.strip():
        return name.strip(), value.strip()
    deadline = closing_deadline(clause)
    if deadline is not None and deadline >= _SHORTEST_NAME and not _in_a_date(clause[:deadline]):
        return _without_copula(clause[:deadline]), clause[deadline:]
    closing = _CLOSING_FIGURE.search(clause)
    if closing and closing.start() >= _SHORTEST_NAME and not _in_a_date(clause[: closing.start()]) \
            and parse_target(closing.group(0)).value is not None:
        return clause[: closing.start()], closing.group(0)
    degree = qualitative_ending(clause, qualitative_words(), _SHORTEST_NAME)
    if degree and len(degree) >= _DEGREE_PHRASE:
        return clause[: -len(degree)], degree
    return clause, clause


def _without_copula(name: str) -> str:
    """`项目完成时间为` before its deadline: the name without the copula that joins them."""
    for copula in vocabulary().fields.copulas:
        if name.endswith(copula) and len(name) - len(copula) >= _SHORTEST_NAME:
            return name[: -len(copula)]
    return name




_DEGREE_PHRASE = 4  # `明显提升`, `逐步健全`: a degree word and its verb


def _in_a_date(name: str) -> bool:
    """`2023年3月` before `27日`: the figure closes a date (a notice's), not a target."""
    marks = vocabulary().marks
    return name.endswith((marks.year, marks.month))


_UNLABELLED_ITEM = 40
# the figure that closes a clause, with its unit or its `以上` (`工程验收合格率100%`,
# `配套建设晾晒场2处`, `户均增收2000元以上`)
_CLOSING_FIGURE = regex.compile(r"(?<=\p{Han})\d+(?:\.\d+)?[^\d\s]{0,8}$")

_SHORTEST_NAME = 2
