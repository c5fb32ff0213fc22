"""Goals: 年度 / 总体 (实施期) / 长期 / 中期 performance goals.

A goal label cell opens a goal; its text is the rest of the row, or, where
the label row names sub-columns (`总体目标 | 中期目标(…) | 年度目标`), the
cells of the next row by position. `目标1：…目标2：…` in one cell is one goal
per number; `目标1` / `2023年` label cells label the text after them. A label
standing alone as prose (`一、总体绩效目标`) takes the paragraphs under it. On
a self-evaluation form the achieved text printed beside a goal
(年度总体目标完成情况) is not a goal.
"""

from __future__ import annotations

from functools import cache

import regex

from extract.classify import classify
from extract.grid import Cell, ProseBlock
from extract.normalise import clean_text
from extract.sections.common import FormView, SectionResult, tags_of
from extract.split import Unit, filled
from extract.vocab import vocabulary
from schemas.record import Goal

_MAX_PROSE_PARAGRAPHS = 12


@cache
def _numbered() -> regex.Pattern[str]:
    goal = regex.escape(vocabulary().marks.goal_number)
    return regex.compile(rf"({goal}\s*\d+)\s*[:：.、]?\s*")


@cache
def _label_cell() -> regex.Pattern[str]:
    goal, year = regex.escape(vocabulary().marks.goal_number), regex.escape(vocabulary().marks.year)
    return regex.compile(rf"^(?:{goal}\s*\d+|(?:19|20)\d{{2}}{year}?)$")


def read(form: FormView) -> SectionResult:
    result = SectionResult()
    goals: list[Goal] = []
    units = form.units
    index = 0
    while index < len(units):
        unit = units[index]
        scope = _goal_scope(unit)
        if scope is None:
            index += 1
            continue
        found, used = _read_goal(units, index, scope)
        goals.extend(found)
        for consumed in units[index: index + used]:
            result.claim(*(consumed if isinstance(consumed, list) else [consumed]))
        index += max(used, 1)
    result.values["goals"] = goals
    return result


def _goal_scope(unit: Unit) -> str | None:
    if isinstance(unit, ProseBlock):
        tags = classify(unit.text) if len(unit.text) <= 30 else None
        return tags.goal if tags and not tags.is_level else None
    if isinstance(unit, list):
        cells = filled(unit)
        if cells:
            tags = tags_of(cells[0])
            if tags.goal and not tags.column and not tags.is_level:
                return tags.goal
    return None


def _read_goal(units: list[Unit], index: int, scope: str) -> tuple[list[Goal], int]:
    unit = units[index]
    if isinstance(unit, ProseBlock):
        return _prose_goals(units, index, scope)
    cells = filled(unit)
    rest = cells[1:]
    sub_scopes = [tags_of(cell).goal for cell in rest]
    if rest and all(sub_scopes) and index + 1 < len(units) and isinstance(units[index + 1], list):
        return _sub_column_goals(rest, sub_scopes, filled(units[index + 1])), 2
    if rest and any(tags_of(cell).achieved for cell in rest):
        below = filled(units[index + 1]) if index + 1 < len(units) and isinstance(
            units[index + 1], list) else []
        return (_split(scope, None, below[0].text) if below else []), 2
    if not rest and index + 1 < len(units) and isinstance(units[index + 1], ProseBlock):
        return _prose_goals(units, index, scope)
    if not rest and index + 1 < len(units) and isinstance(units[index + 1], list):
        below = filled(units[index + 1])
        if below and not tags_of(below[0]).is_label:
            return _cells_goals(scope, below), 2
    goals = _cells_goals(scope, rest)
    used = 1
    for following in units[index + 1:]:
        if not _continues(following):
            break
        goals.extend(_cells_goals(scope, filled(following)))
        used += 1
    return goals, used


def _continues(unit: Unit) -> bool:
    """A row that leaves the label column empty and goes on with `目标2 | …` or `2023年 | …`."""
    if not isinstance(unit, list) or not unit or not unit[0].empty:
        return False
    cells = filled(unit)
    return bool(cells) and _label_cell().match(cells[0].text.replace(" ", "")) is not None


def _sub_column_goals(labels: list[Cell], scopes: list[str | None], below: list[Cell]) -> list[Goal]:
    goals: list[Goal] = []
    texts = [cell for cell in below if not tags_of(cell).is_label]
    for position, sub_scope in enumerate(scopes):
        if position < len(texts) and sub_scope:
            goals.extend(_split(sub_scope, None, texts[position].text))
    return goals


def _cells_goals(scope: str, cells: list[Cell]) -> list[Goal]:
    """[目标1, text, 目标2, text] / [2023年, text] / [text]."""
    goals: list[Goal] = []
    label: str | None = None
    for cell in cells:
        if tags_of(cell).is_label and not tags_of(cell).goal:
            break
        if _label_cell().match(cell.text.replace(" ", "")):
            label = cell.text.replace(" ", "")
            continue
        here = "mid_term" if label and label[:1].isdigit() and scope != "annual" else scope
        goals.extend(_split(here, label, cell.text))
        label = None
    return goals


def _prose_goals(units: list[Unit], index: int, scope: str) -> tuple[list[Goal], int]:
    parts: list[str] = []
    used = 1
    for unit in units[index + 1: index + 1 + _MAX_PROSE_PARAGRAPHS]:
        if not isinstance(unit, ProseBlock) or _goal_scope(unit) or classify(unit.text).is_label:
            break
        parts.append(unit.text)
        used += 1
    return _split(scope, None, " ".join(parts)), used


def _split(scope: str, label: str | None, text: str) -> list[Goal]:
    """`目标1：…目标2：…` → one goal per number."""
    text = clean_text(text)
    if not text:
        return []
    parts = _numbered().split(text)
    if len(parts) >= 3 and not parts[0].strip():
        return [Goal(scope=scope, label=parts[i].replace(" ", ""), text=clean_text(parts[i + 1]))
                for i in range(1, len(parts) - 1, 2) if clean_text(parts[i + 1])]
    return [Goal(scope=scope, label=label, text=text)]
