"""Indicator rows: 一级 → 二级 → 三级 → 指标值, in all their printed shapes.

Contract: `parse_indicators(rows, cell_rows, broken_cells) -> IndicatorResult`.
indicator_table.py finds each table and the role of its columns; this module
reads the rows under it.

1. Data rows follow the header until prose, a new header, a header label or a
   goal label. In one-cell-per-line text (`cell_rows`) a row Word spread over
   blank-separated groups is re-joined until it has the table's width; in PDF
   text (`broken_cells`) a line that only continues a broken cell is joined to
   its row or reported.
2. A row that fits the header (labels in label columns, the value where the
   header puts it) is read by position. A row whose cells are out of place is
   read by content: labels are recognised wherever they stand (also run into a
   cell), `指标N` numbering is dropped, and the remaining cells are, in order,
   name, description (if the table has one), value, basis.
3. Blank 一级/二级 cells inherit from the row above; a 二级 label implies its
   一级 (社会效益指标 → 效益指标); a missing 二级 with nothing to inherit is
   inferred from the name's jieba tokens and flagged with a warning.
4. A wide table with a 项目名称 column tells, for every row, its project.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex

from extract.normalise import clean_text, parse_target, target_from_columns
from extract.rows import Cell, Row
from extract.sections.goals import goal_scope
from extract.sections.indicator_table import (
    VALUE_LIKE,
    Table,
    build_table,
    is_header,
    merges_as_superheader,
    realign,
    scope_of,
    starts_headerless_table,
    table_scope,
)
from extract.tokens import tokenize
from extract.vocab import (
    field_of_label,
    is_junk,
    label_key,
    match_label,
    split_label_value,
    vocabulary,
)
from schemas.record import Indicator, Target, Warning

_HAN = regex.compile(r"\p{Han}")
_SPACES = regex.compile(r"\s+")
_STANDARD_PHRASE = regex.compile(r".{0,4}(标准|依据)")
_ENDS_IN_DIGIT = regex.compile(r"\d$")


LABEL_ROLES = ("level1", "level2")
SIDE_ROLES = ("ignore", "project", "amount")
_NUMBERING = regex.compile(r"^指标\s*\d+$")
_LABEL_DEBRIS = {"", "指标", "标", "指"}




@dataclass
class LevelState:
    level1: str | None = None
    level2: str | None = None


@dataclass
class RowReading:
    level1_raw: str | None = None
    level2_raw: str | None = None
    name: str | None = None
    description: str | None = None
    target: Target = field(default_factory=Target)
    basis: str | None = None
    history: dict[str, str] | None = None
    project: str | None = None
    amount: str | None = None


@dataclass(frozen=True)
class ProjectCell:
    """In a wide table of several projects, the project a row belongs to."""

    name: str
    amount: str | None
    line: int


@dataclass
class IndicatorResult:
    indicators: list[Indicator] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    projects: list[ProjectCell | None] = field(default_factory=list)
    used: set[int] = field(default_factory=set)


# ---------------------------------------------------------------- headers






































# ---------------------------------------------------------------- rows


def _ends_table(row: Row) -> bool:
    if row.is_text or is_header(row):
        return True
    first = row.filled[0][1] if row.filled else ""
    if not first:
        return False
    if field_of_label(first, exact=False) or first.startswith(("项目说明", "备注", "填报人")):
        return True
    has_labels = any(_label_kind(text) for _, text in row.filled[1:])
    return goal_scope(first) is not None and not has_labels


def _continues_cell(rows: list[Row], index: int) -> bool:
    row = rows[index]
    return (row.is_text and not split_label_value(row.joined) and index + 1 < len(rows)
            and not rows[index + 1].is_text)


def _is_stray_text(rows: list[Row], index: int) -> bool:
    """A prose fragment between two data rows of a table (not the table's end)."""
    row = rows[index]
    if not row.is_text or split_label_value(row.joined) or index + 1 >= len(rows):
        return False
    following = rows[index + 1]
    first = following.filled[0][1] if following.filled else ""
    return not following.is_text and not is_header(following) and (
        match_label(first, "level1") is not None or match_label(first, "level2") is not None)


def _join_fragments(rows: list[Row], start: int, width: int) -> tuple[Row, int]:
    """Re-join a row Word spread over blank-separated groups of cells.

    A prose line inside an unfinished row is the rest of its last cell.
    """
    cells: list[Cell] = list(rows[start].cells)
    index = start + 1
    while len(cells) < width and index < len(rows):
        following = rows[index]
        if _continues_cell(rows, index):
            last = cells[-1]
            cells[-1] = Cell(f"{last.raw}\n{following.cells[0].raw}", last.line)
            index += 1
            continue
        if following.is_text or _ends_table(following) or len(cells) + len(following.cells) > width:
            break
        cells.extend(following.cells)
        index += 1
    return Row(cells), index


def parse_indicators(rows: list[Row], cell_rows: bool, broken_cells: bool = False) -> IndicatorResult:
    """All indicator rows of a form. `cell_rows`: one cell per line (Word);
    `broken_cells`: a PDF whose cells break over physical lines."""
    result = IndicatorResult()
    warnings = result.warnings
    index = 0
    while index < len(rows):
        start = index
        if is_header(rows[index]):
            if index and merges_as_superheader(rows[index - 1]):
                start = index - 1
            table, index = build_table(rows, index)
        elif broken_cells and starts_headerless_table(rows, index):
            table = Table([], table_scope(rows, index), rows[index].line)
            warnings.append(Warning(code="table_without_header", line=rows[index].line,
                                    message="indicator rows without a readable header row; "
                                            "columns taken from the rows themselves"))
        else:
            index += 1
            continue
        table = realign(table, rows[index: index + 30], _ends_table)
        state = LevelState()
        project: ProjectCell | None = None
        unlabeled: list[Indicator] = []
        while index < len(rows):
            if _is_stray_text(rows, index):
                warnings.append(Warning(code="unplaced_row", line=rows[index].line,
                                        message=f"text {rows[index].joined[:40]!r} inside an "
                                                "indicator table; left out"))
                index += 1
                continue
            if _ends_table(rows[index]):
                break
            if cell_rows:
                row, index = _join_fragments(rows, index, table.width)
            else:
                row, index = rows[index], index + 1
            if broken_cells and _is_fragment(row, table, result.indicators, warnings):
                continue
            indicator, reading = read_row(row, table, state, warnings)
            if reading and reading.project:
                project = ProjectCell(reading.project, reading.amount, row.line)
                state.level1 = state.level2 = None
            if indicator is None:
                continue
            result.indicators.append(indicator)
            result.projects.append(project if table.has("project") else None)
            if indicator.level1 is None:
                unlabeled.append(indicator)
            elif unlabeled:
                _backfill(unlabeled, indicator, warnings)
        result.used.update(range(start, index))
    return result


def _is_fragment(row: Row, table: Table, indicators: list[Indicator],
                 warnings: list[Warning]) -> bool:
    """A PDF line that is only the broken-off part of a cell of the row above.

    Text in the name column alone (or a lone character such as `率` with the
    values repeated) continues the name above; a lone piece in a value column
    cannot be placed and is reported.
    """
    cells = [(c, t) for c, t in row.filled if not is_junk(t)
             and (table.roles[c] if c < table.width else None) != "ignore"]
    if not cells or any(_label_kind(t) for _, t in cells):
        return False
    name_column = table.column("name")
    in_name = [t for c, t in cells if c == name_column]
    elsewhere = [t for c, t in cells if c != name_column]
    han_in_name = len(_HAN.findall(in_name[0])) if in_name else 0
    if in_name and indicators and (not elsewhere or han_in_name == 1):
        previous = indicators[-1]
        previous.name = clean_text(f"{previous.name or ''}{in_name[0]}")
        warnings.append(Warning(code="name_continued", line=row.line,
                                message=f"{in_name[0]!r} continues the name on line "
                                        f"{previous.line}"))
        return True
    if not in_name and len(elsewhere) == 1 and not VALUE_LIKE.search(elsewhere[0]):
        warnings.append(Warning(code="unplaced_row", line=row.line,
                                message=f"fragment {elsewhere[0]!r} in a value column; left out"))
        return True
    return False


def _backfill(unlabeled: list[Indicator], labelled: Indicator, warnings: list[Warning]) -> None:
    """PDF tables print a merged 一级/二级 cell in the middle of its block: the
    rows above the label belong to it."""
    for indicator in unlabeled:
        indicator.level1, indicator.level2 = labelled.level1, labelled.level2
        warnings.append(Warning(code="levels_from_row_below", line=indicator.line,
                                message=f"一级/二级 blank at the top of a table; took "
                                        f"{labelled.level1}/{labelled.level2} from line "
                                        f"{labelled.line}"))
    unlabeled.clear()


def read_row(row: Row, table: Table, state: LevelState,
             warnings: list[Warning]) -> tuple[Indicator | None, RowReading | None]:
    if row.is_empty():
        return None, None
    reading = _by_position(row, table) if _fits(row, table) else _by_content(row, table)
    _split_target_from_name(reading)
    indicator = _indicator(row, table, reading, state, warnings)
    return indicator, reading


def _indicator(row: Row, table: Table, reading: RowReading, state: LevelState,
               warnings: list[Warning]) -> Indicator | None:
    level1, level2, inferred = _resolve_levels(reading, state)
    if reading.name and not _HAN.search(reading.name) \
            and not _has_target(reading.target):
        warnings.append(Warning(code="unplaced_row", line=row.line,
                                message=f"row {row.joined[:40]!r} holds no indicator; left out"))
        return None
    if not reading.name and not _has_target(reading.target):
        return None
    if inferred:
        warnings.append(Warning(code="level2_inferred", line=row.line,
                                message=f"no 二级指标 for {reading.name!r}; inferred {level2}"))
    if not reading.name:
        warnings.append(Warning(code="indicator_without_name", line=row.line,
                                message=f"indicator row has a value ({reading.target.raw}) "
                                        "but no name"))
    elif not _has_target(reading.target):
        warnings.append(Warning(code="indicator_without_target", line=row.line,
                                message=f"indicator {reading.name!r} has no value"))
    return Indicator(scope=table.scope, level1=level1, level1_raw=reading.level1_raw,
                     level2=level2, level2_raw=reading.level2_raw, name=reading.name,
                     description=reading.description, target=reading.target,
                     basis=reading.basis, history=reading.history, line=row.line)


def _has_target(target: Target) -> bool:
    return bool(target.raw or target.text or target.value is not None)


@lru_cache(maxsize=1 << 16)
def _label_kind(text: str, role: str | None = None) -> str | None:
    """Is the cell a level-1 or level-2 label? 成本指标 is both: its column decides.

    Outside the label columns only a full label (…指标) counts: `满意度` there
    is a 三级 name.
    """
    if role not in LABEL_ROLES and not label_key(text).endswith("指标"):
        return None
    is_level1 = match_label(text, "level1") is not None
    is_level2 = match_label(text, "level2") is not None
    if is_level1 and is_level2:
        return "level1" if role == "level1" else "level2"
    return "level1" if is_level1 else "level2" if is_level2 else None


def _fits(row: Row, table: Table) -> bool:
    """Can the row be read by position? Labels where the header puts labels, value in place."""
    if len(row.texts) > table.width and any(row.texts[table.width:]):
        return False
    for column, text in row.filled:
        role = table.roles[column] if column < table.width else None
        if role in SIDE_ROLES or role in LABEL_ROLES and _is_label_debris(text):
            continue
        kind = _label_kind(text, role)
        if role in LABEL_ROLES:
            if kind is None and not _lenient_label(text, role):
                return False
            if kind != role and kind is not None:
                return False
        elif kind or _NUMBERING.match(text) or role is None or _labels_run_into(text, role):
            return False
    name_column = table.column("name")
    if name_column is not None and not _text_at(row, name_column) and any(
            _text_at(row, i) for i in range(name_column + 1, len(row.texts))):
        return False
    target_columns = [i for i, r in enumerate(table.roles) if r in ("target", "value", "symbol")]
    if target_columns and not any(_text_at(row, i) for i in target_columns):
        later = max(target_columns)
        return not any(_text_at(row, i) for i in range(later + 1, len(row.texts)))
    return True


def _is_label_debris(text: str) -> bool:
    """What a label column holds when a merged label broke: `标`, `,,`, `指你`."""
    key = label_key(text)
    return is_junk(text) or key in _LABEL_DEBRIS or (
        len(key) <= 3 and not _lenient_label(text, "level1") and not _lenient_label(text, "level2"))


def _labels_run_into(text: str, role: str | None) -> bool:
    """A name cell that begins with a label (`质量指标补贴发放准确率`) is out of place."""
    return role == "name" and len(split_run_together_labels(text)) > 1


def _lenient_label(text: str, role: str) -> bool:
    """In a label column, a damaged label (`数量指`, `满意度`) is still a label."""
    return match_label(text, role, fuzzy_cutoff=70) is not None or label_key(text) in ("", "指标")


def _text_at(row: Row, column: int) -> str:
    return row.texts[column] if column < len(row.texts) else ""


def _by_position(row: Row, table: Table) -> RowReading:
    cells = {role: _text_at(row, i) for i, role in enumerate(table.roles) if role}
    for role in LABEL_ROLES:
        if _is_label_debris(cells.get(role, "")):
            cells[role] = ""
    reading = RowReading(level1_raw=cells.get("level1") or None,
                         level2_raw=cells.get("level2") or None,
                         name=cells.get("name") or None,
                         description=cells.get("description") or None,
                         basis=cells.get("basis") or None,
                         project=cells.get("project") or None, amount=cells.get("amount") or None)
    if table.has("symbol") or table.has("value"):
        reading.target = target_from_columns(cells.get("symbol", ""), cells.get("value", ""),
                                             cells.get("unit", ""))
    else:
        reading.target = parse_target(cells.get("target"))
    history = {key.split("_", 1)[1]: cells[key] for key in ("history_前年", "history_上年")
               if cells.get(key)}
    reading.history = history or None
    return reading


def _pieces(row: Row, table: Table, reading: RowReading) -> list[tuple[str | None, str]]:
    """(column role, text) of the row's cells, labels run into a cell split off."""
    pieces: list[tuple[str | None, str]] = []
    for column, text in row.filled:
        role = table.roles[column] if column < table.width else None
        if role in ("project", "amount"):
            setattr(reading, role, text)
            continue
        if role == "ignore" or is_junk(text) or _NUMBERING.match(text):
            continue
        pieces.extend((role, piece) for piece in split_run_together_labels(text))
    return pieces


def _by_content(row: Row, table: Table) -> RowReading:
    reading = RowReading()
    content: list[str] = []
    for role, text in _pieces(row, table, reading):
        if scope_of(text) and not content:
            continue
        kind = _label_kind(text, role) if not content else None
        if kind == "level1" and reading.level1_raw is None and reading.level2_raw is None:
            reading.level1_raw = text
        elif kind == "level1" and reading.level1_raw is not None:
            continue  # the same merged label printed twice
        elif kind == "level2" and reading.level2_raw is None:
            reading.level2_raw = text
        elif kind is None and not content and label_key(text) in _LABEL_DEBRIS:
            continue
        else:
            content.append(text)
    _assign_content(reading, content, table)
    return reading


@lru_cache(maxsize=1 << 16)
def split_run_together_labels(text: str) -> tuple[str, ...]:
    """`产出指标数量指标` → [产出指标, 数量指标]; `数量指标 社区建设 覆盖率` →
    [数量指标, 社区建设覆盖率]: labels and a name run together in one cell."""
    compact = _SPACES.sub("", clean_text(text))
    if len(compact) != len(label_key(compact)):
        return (text,)
    pieces: list[str] = []
    while True:
        key = label_key(compact)
        if key in _label_variants():
            break
        hit = next((v for v in _label_variants() if key.startswith(v) and len(key) > len(v)
                    and key[len(v):] not in _LABEL_DEBRIS), None)
        if hit is None:
            break
        pieces.append(compact[: len(hit)])
        compact = compact[len(hit):]
    return (*pieces, compact) if pieces else (text,)


@cache
def _label_variants() -> list[str]:
    variants = {label_key(v) for section in ("level1", "level2")
                for canonical, printed in vocabulary().section(section).items()
                for v in [canonical, *printed]}
    return sorted((v for v in variants if len(v) >= 4), key=len, reverse=True)


_COMPARATOR_START = regex.compile(r"[≥≤><＞＜≧≦]|不少于|不低于|大于等于|小于等于|不超过|不高于")


def _split_target_from_name(reading: RowReading) -> None:
    """`受益老人人数≥1200人` with no value cell: the value ran into the name."""
    if not reading.name or reading.target.raw:
        return
    for match in _COMPARATOR_START.finditer(reading.name):
        head, tail = reading.name[: match.start()], reading.name[match.start():]
        target = parse_target(tail)
        if _HAN.search(head) and target.op not in (None, "="):
            reading.name, reading.target = clean_text(head), target
            return


def _is_standard(text: str) -> bool:
    """`计划标准`, `经验标准`: a basis, not a value."""
    return bool(_STANDARD_PHRASE.fullmatch(label_key(text)))


def _assign_content(reading: RowReading, content: list[str], table: Table) -> None:
    """Name, [description], [symbol value unit | history…], value, basis — in printed order."""
    if not content:
        return
    lone = parse_target(content[0]) if len(content) == 1 else None
    if lone and lone.op is not None and (lone.unit or lone.op != "="):
        reading.target = lone  # a value whose name was lost
        return
    reading.name = content.pop(0)
    if len(content) == 1 and table.has("basis") and _is_standard(content[0]):
        reading.basis = content.pop()
        return
    if table.has("description") and len(content) >= 3 - (not table.has("basis")):
        reading.description = content.pop(0)
    if table.has("symbol") or table.has("value"):
        parts = (content + ["", "", ""])[:3]
        reading.target = target_from_columns(*parts)
        reading.basis = content[3] if len(content) > 3 else None
        return
    history_keys = [k.split("_", 1)[1] for k in ("history_前年", "history_上年") if table.has(k)]
    if history_keys:
        _assign_history(reading, content, history_keys)
        return
    if content:
        reading.target = parse_target(content.pop(0))
    if content:
        reading.basis = " ".join(content)


@cache
def _basis_words() -> list[str]:
    return vocabulary().section("indicator_words")["basis_words"]


def _glue_units(content: list[str]) -> list[str]:
    """`90` `%` in two cells (a PDF broke the value) → `90%`."""
    glued: list[str] = []
    for text in content:
        if glued and label_key(text) in ("%", "％") and _ENDS_IN_DIGIT.search(glued[-1]):
            glued[-1] += text
        else:
            glued.append(text)
    return glued


def _assign_history(reading: RowReading, content: list[str], keys: list[str]) -> None:
    """Values fill the history columns from the right: the last value is this year's."""
    content = _glue_units(content)
    basis: list[str] = []
    while len(content) > 1 and any(word in content[-1] for word in _basis_words()):
        basis.insert(0, content.pop())
    reading.basis = " ".join(basis) or None
    if not content:
        return
    reading.target = parse_target(content.pop())
    history = dict(zip(reversed(keys), reversed(content), strict=False))
    reading.history = {k: history[k] for k in keys if k in history} or None


# ---------------------------------------------------------------- levels


def _resolve_levels(reading: RowReading, state: LevelState) -> tuple[str | None, str | None, bool]:
    """Canonical levels for a row, updating the inherited state."""
    parents = vocabulary().level2_parent
    level1 = _canonical(reading.level1_raw, "level1")
    level2 = _canonical(reading.level2_raw, "level2")
    if level1 == "满意度指标" and level2 is None and reading.level2_raw:
        level2 = "服务对象满意度指标"
    if level2 and not level1:
        parent = parents.get(level2)
        keep = state.level1 == "成本指标" and parent == "成本指标" or state.level1 == parent
        level1 = state.level1 if keep or parent is None else parent
        if level2 == "成本指标" and state.level1 == "成本指标":
            level1 = "成本指标"
    elif level1 and level1 != state.level1:
        state.level2 = None
    level1 = level1 or state.level1
    inferred = False
    if level2 is None:
        if level1 == state.level1 and state.level2:
            level2 = state.level2
        elif reading.name and level1:
            level2, inferred = infer_level2(level1, reading.name), True
    reading.level1_raw = clean_text(reading.level1_raw) or None
    reading.level2_raw = clean_text(reading.level2_raw) or None
    state.level1, state.level2 = level1, level2
    return level1, level2, inferred


def _canonical(raw: str | None, section: str) -> str | None:
    if not raw:
        return None
    return match_label(raw, section) or match_label(raw, section, fuzzy_cutoff=70)


@lru_cache(maxsize=1 << 14)
def infer_level2(level1: str, name: str) -> str | None:
    """Vote with the name's jieba tokens; the first level-2 of the level-1 is the default."""
    table = vocabulary().section("level2_inference").get(level1)
    if not table:
        return None
    tokens = tokenize(name)
    votes = Counter({level2: sum(1 for token in tokens for word in words if word in token)
                     for level2, words in table.items()})
    best, count = votes.most_common(1)[0]
    return best if count else next(iter(table))
