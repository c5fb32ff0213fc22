"""Split a document's rows into forms.

A form starts at a heading (`…绩效目标表`, `…申报表`, `部门整体绩效目标`), or,
where the heading is missing or unrecognised, at the header row that opens
every form (项目编码 / 项目名称) once the form before it has one already. A
heading split over two lines is joined; a heading fragment followed at once by
a full heading is reported as stray; a cover heading before the first form
belongs to the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from extract.rows import Row
from extract.vocab import field_of_label, label_key, vocabulary
from schemas.record import Warning

_HEADING_NUMBER = regex.compile(r"^[\d.、．\s]+")
_HAN = regex.compile(r"\p{Han}")
_ENDS_LIKE_SENTENCE = regex.compile(r"[。；;，,：:]$")

_MAX_TITLE = 60
_COVER_BODY_ROWS = 3


@dataclass
class FormRegion:
    rows: list[Row]
    title_rows: list[Row]
    kind: str
    warnings: list[Warning] = field(default_factory=list)

    @property
    def first_line(self) -> int:
        return (self.title_rows or self.rows)[0].line

    @property
    def last_line(self) -> int:
        return max(row.last_line for row in self.title_rows + self.rows)

    @property
    def title(self) -> str | None:
        return " ".join(row.joined for row in self.title_rows) or None


@cache
def _title_patterns() -> dict[str, list[regex.Pattern[str]]]:
    return {kind: [regex.compile(p) for p in patterns]
            for kind, patterns in vocabulary().section("titles").items()}


def heading_kind(row: Row) -> str | None:
    """`project` / `department` when the row is a form heading, else None."""
    if len(row.filled) != 1:
        return None
    key = _HEADING_NUMBER.sub("", label_key(row.joined))
    if not key or len(key) > _MAX_TITLE:
        return None
    patterns = _title_patterns()
    if any(p.search(key) for p in patterns["subtable"]):
        return None
    for kind in ("department", "project"):
        if any(p.search(key) for p in patterns[kind]):
            return kind
    return None


def is_title_like(row: Row) -> bool:
    """A short line that can be (part of) a heading: `14.放弃生育…奖励`."""
    if len(row.filled) != 1:
        return False
    text = row.joined
    han = len(_HAN.findall(text))
    return (han >= 2 and len(text) <= _MAX_TITLE and not _ENDS_LIKE_SENTENCE.search(text)
            and "：" not in text and ":" not in text and field_of_label(text) is None)


def anchor_fields(row: Row) -> set[str]:
    """Which of 项目编码 / 项目名称 the row holds: every form prints each once."""
    fields = {field_of_label(text) for _, text in row.filled}
    return fields & {"project_code", "project_name"}


def split_forms(rows: list[Row]) -> tuple[list[Row], list[FormRegion]]:
    """(document preamble rows, forms in source order)."""
    preamble: list[Row] = []
    forms: list[FormRegion] = []
    current: FormRegion | None = None
    seen: set[str] = set()
    for index, row in enumerate(rows):
        kind = heading_kind(row)
        if kind:
            current = _open_at_heading(rows, index, kind, current, forms, preamble)
            seen = set()
            continue
        anchors = anchor_fields(row)
        if anchors and (current is None or anchors & seen):
            current = _open_without_heading(current, forms, preamble, row)
            seen = set()
        seen |= anchors
        (current.rows if current else preamble).append(row)
    return preamble, forms


def _open_at_heading(rows: list[Row], index: int, kind: str, current: FormRegion | None,
                     forms: list[FormRegion], preamble: list[Row]) -> FormRegion:
    row = rows[index]
    if current is not None and not _has_body(current):
        return _replace_heading(current, row, kind, forms, preamble)
    title_rows = _heading_prefix(current.rows if current else preamble, row) + [row]
    form = FormRegion(rows=[], title_rows=title_rows, kind=kind)
    forms.append(form)
    return form


def _has_body(form: FormRegion) -> bool:
    """Has the form more than a heading and a few short lines after it?"""
    table_rows = [row for row in form.rows if not row.is_text and len(row.filled) > 1]
    return bool(table_rows) or len(form.rows) > _COVER_BODY_ROWS


def _replace_heading(current: FormRegion, row: Row, kind: str, forms: list[FormRegion],
                     preamble: list[Row]) -> FormRegion:
    """A full heading right after another one: the first was a cover or a stray."""
    forms.pop()
    if not forms:
        preamble.extend(current.title_rows + current.rows)
        warnings: list[Warning] = []
    else:
        forms[-1].rows.extend(current.title_rows + current.rows)
        warnings = [Warning(code="stray_heading", line=r.line,
                            message=f"heading fragment {r.joined!r} stands before this form's "
                                    "heading; kept with the form above")
                    for r in current.title_rows]
    form = FormRegion(rows=[], title_rows=[row], kind=kind, warnings=warnings)
    forms.append(form)
    return form


def _heading_prefix(previous_rows: list[Row], heading: Row) -> list[Row]:
    """Title-like lines directly above a heading: the first half of a split heading."""
    prefix: list[Row] = []
    line = heading.line
    while previous_rows and is_title_like(previous_rows[-1]) and previous_rows[-1].line == line - 1:
        line = previous_rows[-1].line
        prefix.insert(0, previous_rows.pop())
    return prefix


def _open_without_heading(current: FormRegion | None, forms: list[FormRegion],
                          preamble: list[Row], anchor: Row) -> FormRegion:
    """A header row with no heading of its own: take short lines above it as its title."""
    previous = current.rows if current else preamble
    title_rows: list[Row] = []
    line = anchor.line
    while previous and is_title_like(previous[-1]) and line - previous[-1].last_line <= 2 \
            and len(title_rows) < 2:
        line = previous[-1].line
        title_rows.insert(0, previous.pop())
    form = FormRegion(rows=[], title_rows=title_rows, kind="project")
    forms.append(form)
    return form
