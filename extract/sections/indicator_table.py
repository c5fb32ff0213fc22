"""The structure of an indicator table: its header, the role of each column, its scope.

Contract: `build_table(rows, index) -> (Table, first data row)` for a header row
(`is_header`), and `realign(table, data_rows)` to fit it to its data. Headers
come damaged: 指标值 split into 符号 / 值 / 单位 or into 近两年 history columns in
the row below; half a header printed in the row above; a PDF header one cell
short of its data, or merged into one cell; a table whose header was lost. A
column's role is read from its header wording (vocab.toml), the rest inferred
from where the rows print their labels.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from extract.rows import Row
from extract.sections.goals import goal_scope
from extract.vocab import keyed_labels, label_key, match_label, vocabulary

_LEADING_SIGNS = regex.compile(r"^[=\-—]+")
_SUBHEADER_ROLES = {"symbol", "value", "unit", "history_前年", "history_上年", "target"}
_YEAR = regex.compile(r"^(?:19|20)\d{2}年?$")
VALUE_LIKE = regex.compile(r"\d\s*[%％]|[≥≤><]|^\d+(?:\.\d+)?$")


@dataclass
class Table:
    roles: list[str | None]
    scope: str
    header_line: int

    @property
    def width(self) -> int:
        return len(self.roles)

    def has(self, role: str) -> bool:
        return role in self.roles

    def column(self, role: str) -> int | None:
        return self.roles.index(role) if role in self.roles else None


@lru_cache(maxsize=1 << 16)
def column_role(text: str) -> str | None:
    key = _LEADING_SIGNS.sub("", label_key(text))
    if not key:
        return None
    for word, role in keyed_labels("indicator_columns"):
        if key == word:
            return role
    for word, role in keyed_labels("indicator_columns"):
        if role.startswith("history") and word in key:
            return role
    for word, role in keyed_labels("indicator_columns"):
        if len(word) >= 3 and (key.startswith(word) or key.endswith(word)):
            return role
    return None


def is_header(row: Row) -> bool:
    return _is_header_texts(tuple(row.texts))


@lru_cache(maxsize=1 << 16)
def _is_header_texts(texts: tuple[str, ...]) -> bool:
    roles = {column_role(text) for text in texts if text}
    if "level2" in roles and bool(roles & {"level1", "name", "target"}):
        return True
    return any(_merged_header_cell(text) for text in texts if text)


def _merged_header_cell(text: str) -> bool:
    """`一级 指标 二级指标 三级指标` in one cell: a PDF merged the header's cells."""
    key = label_key(text)
    return "二级指标" in key and ("一级" in key or "三级指标" in key) and len(key) <= 16


def _subheader_roles(row: Row, directly_below: bool = False) -> dict[int, str] | None:
    """Roles a row under the header adds (符号/值/单位, 前年/上年/当年), or None.

    Directly under the header one role word is enough (the rest may be OCR
    debris); further down, most cells must be role words or years.
    """
    if is_header(row) or any(match_label(t, "level1") or match_label(t, "level2")
                             for _, t in row.filled):
        return None
    if any(VALUE_LIKE.search(text) for _, text in row.filled):
        return None
    roles = {column: column_role(text) for column, text in row.filled}
    found = {c: r for c, r in roles.items() if r in _SUBHEADER_ROLES}
    years = [c for c, text in row.filled if _YEAR.match(label_key(text))]
    enough = len(found) + len(years) >= 2 or len(found) >= len(row.filled) / 2
    if not enough and not (directly_below and found):
        return None
    return found


def build_table(rows: list[Row], index: int) -> tuple[Table, int]:
    """The table whose header is rows[index]; returns it and the first data row index."""
    header = rows[index]
    roles: list[str | None] = [column_role(text) for text in header.texts]
    if index:
        roles = _merge_superheader(roles, rows[index - 1])
    header_text = " ".join(r.joined for r in rows[max(0, index - 1): index + 1])
    next_index = index + 1
    while next_index < len(rows) and next_index <= index + 2:
        extra = _subheader_roles(rows[next_index], directly_below=next_index == index + 1)
        if extra is None:
            break
        roles = _merge_subheader(roles, extra, rows[next_index].texts)
        header_text += " " + rows[next_index].joined
        next_index += 1
    roles = _fill_label_columns(roles)
    if any(marker in label_key(header_text) for marker in _history_markers()):
        roles = _history_columns(roles)
    return Table(roles, table_scope(rows, index), header.line), next_index


@cache
def _history_markers() -> list[str]:
    return vocabulary().section("indicator_words")["history_markers"]


def _history_columns(roles: list[str | None]) -> list[str | None]:
    """A table with 近两年 columns: the three after the name are 前年, 上年, 当年 (target)."""
    name = roles.index("name") if "name" in roles else None
    if name is None or name + 3 >= len(roles) + (roles[-1] != "basis"):
        return roles
    roles = roles + [None] * max(0, name + 4 - len(roles))
    roles = [None if role == "target" else role for role in roles]
    roles[name + 1: name + 4] = ["history_前年", "history_上年", "target"]
    return roles


def merges_as_superheader(above: Row) -> bool:
    """A PDF may print half of a two-line header in the row above (三级指标, 依据)."""
    return (not above.is_text and any(column_role(t) for _, t in above.filled)
            and not any(VALUE_LIKE.search(t) for _, t in above.filled))


def _merge_superheader(roles: list[str | None], above: Row) -> list[str | None]:
    if not merges_as_superheader(above):
        return roles
    above_roles = {c: column_role(t) for c, t in above.filled}
    merged = list(roles)
    for column, role in above_roles.items():
        if role and column < len(merged) and merged[column] is None and role not in merged:
            merged[column] = role
    return merged


def _merge_subheader(roles: list[str | None], extra: dict[int, str],
                     sub_texts: list[str]) -> list[str | None]:
    """Lay the sub-header's roles over the header's.

    Where the sub-header is wider (Word splits 指标值 into three cells), the
    header's target column expands into the sub-header's columns.
    """
    if len(sub_texts) > len(roles) and "target" in roles:
        at = roles.index("target")
        width = len(sub_texts) - len(roles) + 1
        roles = roles[:at] + [None] * width + roles[at + 1:]
    roles = roles + [None] * (len(sub_texts) - len(roles))
    for column, role in extra.items():
        roles[column] = "target" if role == "target" else role
    return roles


def _fill_label_columns(roles: list[str | None]) -> list[str | None]:
    """Damaged headers: 一级 stands left of 二级, 三级 right of it, the value after."""
    if "level2" not in roles:
        return roles
    level2 = roles.index("level2")
    if "level1" not in roles and level2 > 0 and roles[level2 - 1] is None:
        roles[level2 - 1] = "level1"
    if "level1" in roles:
        for column in range(roles.index("level1")):
            roles[column] = roles[column] or "ignore"
    for role in ("name", "target"):
        if role in roles or (role == "target" and "value" in roles):
            continue
        empty = [i for i, r in enumerate(roles) if r is None and i > level2]
        if empty:
            roles[empty[0]] = role
    return roles


@lru_cache(maxsize=1 << 16)
def scope_of(text: str) -> str | None:
    key = label_key(text)
    return next((scope for word, scope in keyed_labels("indicator_scope") if key.startswith(word)), None)


def table_scope(rows: list[Row], index: int) -> str:
    """The scope a table's heading, first column or preceding goal row names."""
    candidates = [t for _, t in rows[index].filled[:1]]
    candidates += [r.texts[0] for r in rows[index + 1: index + 12] if r.texts and r.texts[0]]
    candidates += [t for r in rows[max(0, index - 3): index] for _, t in r.filled[:1]]
    for text in candidates:
        scope = scope_of(text) or goal_scope(text)
        if scope:
            return "annual" if scope == "overall" and "实施期" not in text else scope
    return "annual"


def starts_headerless_table(rows: list[Row], index: int) -> bool:
    """Rows that print 二级 labels in one column, with no header above them."""
    def label_column(row: Row) -> int | None:
        if row.is_text:
            return None
        return next((c for c, t in row.filled if match_label(t, "level2")), None)

    first = label_column(rows[index])
    if first is None or index == 0:
        return False
    following = [label_column(row) for row in rows[index + 1: index + 4]]
    return sum(1 for column in following if column == first) >= 1 and any(
        VALUE_LIKE.search(t) for _, t in rows[index].filled)


def realign(table: Table, data: list[Row], ends_table: Callable[[Row], bool]) -> Table:
    """A PDF header may have lost its leading empty cell: shift it to where the
    data rows print their 二级 labels. A header merged into one cell gets its
    roles from the data rows alone."""
    level2 = table.column("level2")
    columns: Counter[int] = Counter()
    for row in data:
        if row.is_text or is_header(row) or ends_table(row):
            break
        for column, text in row.filled:
            if match_label(text, "level2") and not match_label(text, "level1"):
                columns[column] += 1
    if not columns:
        return table
    printed, votes = columns.most_common(1)[0]
    if level2 is None:
        roles: list[str | None] = ["ignore"] * max(printed - 1, 0) + ["level1", "level2", "name",
                                                                    "target", "basis"]
        return Table(roles[-(printed + 4):] if printed == 0 else roles, table.scope,
                     table.header_line)
    shift = printed - level2
    if shift <= 0 or votes < 2 or votes <= columns.get(level2, 0):
        return table
    return Table(["ignore"] * shift + table.roles, table.scope, table.header_line)
