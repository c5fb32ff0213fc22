"""Goals: 年度 / 总体 (实施期) / 长期 / 中期 performance goals.

Contract: `parse_goals(rows) -> list[Goal]`. A goal label cell opens a block;
its text is the next cell, or, where the label row names sub-columns
(`绩效目标⇥实施期目标⇥⇥年度目标`), the cells below them. Rows with an empty
first cell continue the block: `⇥⇥目标2⇥…`, `⇥2023年⇥…`. `目标1：…目标2：…`
in one cell becomes one goal per number. A label standing alone as prose
(a department form's `一、总体绩效目标`) takes the paragraphs under it.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from extract.normalise import clean_text
from extract.rows import Row
from extract.vocab import keyed_labels, label_key
from schemas.record import Goal

_CHINESE_NUMBERING = regex.compile(r"^[一二三四五六七八九十\d]+[、.．]")

_NUMBERED = regex.compile(r"(目标\s*\d+)\s*[:：.、]?\s*")
_YEAR_LABEL = regex.compile(r"^(?:19|20)\d{2}年?$")
_GOAL_LABEL_CELL = regex.compile(r"^目标\s*\d+$")
_SECTION_END = ("分项绩效目标", "绩效指标", "工作保障措施", "第二部分")
_SUBSECTION = regex.compile(r"^[（(][一二三四五六七八九十百\d]+[)）]")
_INLINE = regex.compile(r"^\s*([^:：]{2,10})[:：]\s*(.+)$", flags=regex.S)


@lru_cache(maxsize=1 << 16)
def goal_scope(text: str) -> str | None:
    key = _CHINESE_NUMBERING.sub("", label_key(text))
    return next((scope for label, scope in keyed_labels("goal_labels") if key.startswith(label)), None)


def parse_goals(rows: list[Row]) -> tuple[list[Goal], set[int]]:
    """The goals, and the indices of the rows they were read from."""
    goals: list[Goal] = []
    used: set[int] = set()
    index = 0
    while index < len(rows):
        start = index
        row = rows[index]
        scope = goal_scope(row.filled[0][1]) if row.filled else None
        if scope is None or _is_indicator_header(row):
            index += 1
            continue
        inline = _INLINE.match(row.joined) if row.is_text else None
        if inline and goal_scope(inline.group(1)):
            label = rows[index - 1].joined if index and _SUBSECTION.match(rows[index - 1].joined) \
                else None
            block, index = _prose_block(rows, index + 1)
            goals.extend(_split(scope, label, f"{inline.group(2)} {block}"))
        elif row.is_text or len(row.filled) == 1 and row.texts[0] and _is_heading(row):
            block, index = _prose_block(rows, index + 1)
            goals.extend(_split(scope, None, block))
        else:
            block_goals, index = _cell_block(rows, index, scope)
            goals.extend(block_goals)
        used.update(range(start, index))
    return goals, used


def _is_indicator_header(row: Row) -> bool:
    keys = {label_key(t) for _, t in row.filled}
    return bool(keys & {"一级指标", "二级指标"})


def _is_heading(row: Row) -> bool:
    return len(label_key(row.joined)) <= 12


def _prose_block(rows: list[Row], start: int) -> tuple[str, int]:
    """Paragraphs under a goal heading, up to the next heading or `label：` line."""
    parts: list[str] = []
    index = start
    scope = goal_scope(rows[start - 1].joined) if start else None
    while index < len(rows) and rows[index].is_text:
        text = rows[index].joined
        inline = _INLINE.match(text)
        same_scope = inline and goal_scope(inline.group(1)) == scope
        if any(word in label_key(text) for word in _SECTION_END) or _SUBSECTION.match(text) \
                or inline and len(inline.group(1)) <= 6 and not same_scope:
            break
        parts.append(text)
        index += 1
    return " ".join(parts), index


def _cell_block(rows: list[Row], index: int, scope: str) -> tuple[list[Goal], int]:
    row = rows[index]
    rest = row.filled[1:]
    sub_scopes = [(column, goal_scope(text)) for column, text in rest]
    if rest and all(s for _, s in sub_scopes) and index + 1 < len(rows):
        below = rows[index + 1]
        goals = []
        for column, sub_scope in sub_scopes:
            text = below.texts[column] if column < len(below.texts) else ""
            if not text:
                text = next((t for c, t in below.filled if c > column), "")
            goals.extend(_split(sub_scope, None, text))
        return goals, index + 2
    goals = _goals_in_cells(scope, [text for _, text in rest])
    index += 1
    while index < len(rows) and not rows[index].is_text and not rows[index].texts[0]:
        continuation = [text for _, text in rows[index].filled]
        if continuation and goal_scope(continuation[0]) is None and not _GOAL_LABEL_CELL.match(
                continuation[0]) and not _YEAR_LABEL.match(continuation[0]) and len(continuation) > 1:
            break
        goals.extend(_goals_in_cells(scope, continuation))
        index += 1
    return goals, index


def _goals_in_cells(scope: str, cells: list[str]) -> list[Goal]:
    """[目标1, text] / [2023年, text] / [text] → goals."""
    if not cells:
        return []
    if len(cells) >= 2 and (_GOAL_LABEL_CELL.match(cells[0]) or _YEAR_LABEL.match(cells[0])):
        label = cells[0].replace(" ", "")
        goal_scope_here = "mid_term" if _YEAR_LABEL.match(cells[0]) and scope != "annual" else scope
        return _split(goal_scope_here, label, " ".join(cells[1:]))
    return _split(scope, None, " ".join(cells))


def _split(scope: str, label: str | None, text: str) -> list[Goal]:
    """`目标1：…目标2：…` → one goal per number."""
    text = clean_text(text)
    if not text:
        return []
    parts = _NUMBERED.split(text)
    if len(parts) >= 3 and not parts[0].strip():
        return [Goal(scope=scope, label=parts[i].replace(" ", ""), text=clean_text(parts[i + 1]))
                for i in range(1, len(parts) - 1, 2) if clean_text(parts[i + 1])]
    return [Goal(scope=scope, label=label, text=text)]
