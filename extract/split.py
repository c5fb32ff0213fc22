"""Split a document's assembled parts into forms.

A form starts at its heading (`…绩效目标表`, `…申报表`, `部门整体…`, `…自评表`),
or, where the heading is missing, at a header row that every form prints once
(项目名称 / 项目编码) when the form before already has one. A heading split over
lines is joined with the title-like lines above it; a heading with no body
before the next heading was a cover, an attachment list or a stray, and gives
way to the next (a cover before the first form belongs to the document).

The unit of splitting is a `Unit`: one label row, one prose block, or one
whole indicator table (a table never straddles two forms).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from extract.assemble import IndicatorTable, LabelRows, Part, is_project_line
from extract.classify import Tags, classify, run_in_level, strip_list_number
from extract.grid import Cell, ProseBlock
from extract.normalise import clean_text
from extract.vocab import key, vocabulary
from schemas.record import Warning

Row = list[Cell]
Unit = Row | ProseBlock | IndicatorTable

_MAX_TITLE = 80
_COVER_BODY_UNITS = 3
_ANCHORS = ("project_name", "project_code")
_SENTENCE_END = regex.compile(r"[。；;，,：:]$")


@dataclass
class FormSpan:
    units: list[Unit]
    title_units: list[Unit]
    kind: str
    self_evaluation: bool = False
    warnings: list[Warning] = field(default_factory=list)
    notice: bool = False  # opened by a page's heading, which a form heading below replaces

    @property
    def first_line(self) -> int:
        return unit_line(self.title_units[0] if self.title_units else self.units[0]) \
            if self.title_units or self.units else 0

    @property
    def last_line(self) -> int:
        return max((unit_last_line(unit) for unit in self.title_units + self.units), default=0)

    @property
    def title(self) -> str | None:
        return clean_text(" ".join(unit_text(unit) for unit in self.title_units)) or None


def units_of(parts: list[Part]) -> list[Unit]:
    units: list[Unit] = []
    for part in parts:
        if isinstance(part, LabelRows):
            units.extend(part.rows)
        else:
            units.append(part)
    return units


def unit_line(unit: Unit) -> int:
    if isinstance(unit, list):
        return min(cell.line for cell in unit)
    return unit.line


def unit_last_line(unit: Unit) -> int:
    if isinstance(unit, list):
        return max(cell.last_line for cell in unit)
    return unit.last_line


def unit_text(unit: Unit) -> str:
    if isinstance(unit, list):
        return " ".join(cell.text for cell in unit if cell.text)
    if isinstance(unit, ProseBlock):
        return unit.text
    return ""


def filled(unit: Unit) -> list[Cell]:
    return [cell for cell in unit if not cell.empty] if isinstance(unit, list) else []


def heading_tags(unit: Unit) -> Tags | None:
    """The title tags of a heading unit: a prose line or a row led by a title cell; a page's
    link to the next or the previous article (`下一篇：…绩效目标表`) is none."""
    if isinstance(unit, ProseBlock):
        text = unit.text
    elif isinstance(unit, list):
        cells = filled(unit)
        if not cells or _labels_rows(cells):
            return None
        text = cells[0].text
    else:
        return None
    tags = classify(text)
    return tags if tags.title and len(tags.key) <= _MAX_TITLE and not tags.boilerplate else None


def _labels_rows(cells: list[Cell]) -> bool:
    """A first cell merged down over rows, with cells beside it (`部门整体绩效目标` over the
    rows of its `中期目标` and `年度目标`), labels those rows: a heading spans columns, not
    rows."""
    return len(cells) > 1 and cells[0].row_span > 1


def is_title_like(unit: Unit) -> bool:
    """A short line that can be part of a heading split over lines."""
    if isinstance(unit, ProseBlock):
        text = unit.text
    elif isinstance(unit, list) and len(filled(unit)) == 1:
        text = filled(unit)[0].text
    else:
        return False
    tags = classify(text)
    return (2 <= len(text) <= _MAX_TITLE and not _SENTENCE_END.search(text)
            and not text.endswith(vocabulary().marks.byline)
            and not tags.is_label and not tags.inline and tags.shape in ("short", "long"))


def anchor_fields(unit: Unit) -> set[str]:
    if not isinstance(unit, list):
        return set()
    found = {classify(cell.text).field for cell in filled(unit)}
    found |= {name for cell in filled(unit) for name, _ in classify(cell.text).inline}
    return found & set(_ANCHORS)


def split_forms(parts: list[Part]) -> tuple[list[Unit], list[FormSpan]]:
    """(document preamble, forms in source order)."""
    units = units_of(parts)
    preamble: list[Unit] = []
    forms: list[FormSpan] = []
    outside: list[Unit] = []  # under the heading of a table that is no form
    current: FormSpan | None = None
    seen: set[str] = set()
    for unit in units:
        tags = heading_tags(unit)
        if tags is not None and tags.title == "foreign":
            current, seen = None, set()
            outside.append(unit)
            continue
        if tags is not None:
            current = _open_at_heading(unit, tags, current, forms, preamble)
            outside, seen = [], set()
            continue
        if current is not None and current.units and isinstance(current.units[-1], IndicatorTable) \
                and project_line(unit):
            current = _open_without_heading(current, forms, preamble)
            outside, seen = [], set()
            current.units.append(unit)
            continue
        anchors = anchor_fields(unit)
        if anchors and (current is None or anchors & seen):
            current = _open_without_heading(current, forms, outside if outside else preamble)
            outside, seen = [], set()
        seen |= anchors
        if current is None and not outside and isinstance(unit, IndicatorTable):
            current = _open_without_heading(current, forms, preamble)
        if current is None and not outside and _opens_department_form(unit):
            current = _open_without_heading(current, forms, preamble)
            current.kind = "department"
        (current.units if current else outside if outside else preamble).append(unit)
    for form in forms:
        form.self_evaluation = form.self_evaluation or _evaluates(form)
    return preamble, [form for form in forms if _has_body(form)]


def project_line(unit: Unit) -> bool:
    """`  高效节水灌溉技术示范推广经费` / `1240000` right after an indicator table: the next
    project of an indented 批复表, which opens a form."""
    return isinstance(unit, list) and is_project_line(filled(unit))


def _open_at_heading(unit: Unit, tags: Tags, current: FormSpan | None, forms: list[FormSpan],
                     preamble: list[Unit]) -> FormSpan:
    if current is not None and (not _has_form_body(current) or (
            current.notice or _unnamed_project(current) or _department_listed(current, tags))
            and not any(isinstance(part, IndicatorTable) for part in current.units)):
        return _replace_heading(current, unit, tags, forms, preamble)
    previous = current.units if current else preamble
    heading, rest = _heading_and_rest(unit)
    form = _opened(tags, rest, _heading_prefix(previous, unit) + [heading], tags.self_evaluation)
    forms.append(form)
    return form


def _unnamed_project(form: FormSpan) -> bool:
    """A project form's heading with neither a project's name nor its code under it, nor an
    indicator table, before the next heading: a list's entry (a disclosure's 目录 naming
    its `附件：…项目支出绩效目标表`) over the budget tables of the document, no form."""
    return form.kind == "project" and not any(anchor_fields(unit) for unit in form.units)


def _department_listed(form: FormSpan, heading: Tags) -> bool:
    """A department form's heading followed, with no indicator table between, by another
    department form's heading: the first is a list's entry (a disclosure's 目录: `附件：1.某局
    2025年部门整体绩效目标`) over the document's budget tables, no form."""
    return form.kind == "department" and heading.title == "department"


def _opened(tags: Tags, units: list[Unit], title_units: list[Unit], self_evaluation: bool,
            warnings: list[Warning] | None = None) -> FormSpan:
    """The form a heading opens: a department's or a project's (a page's notice heading opens
    a project's, which a form heading below replaces)."""
    return FormSpan(units=units, title_units=title_units, kind=_KINDS.get(tags.title or "", "project"),
                    self_evaluation=self_evaluation, warnings=warnings or [],
                    notice=tags.title == "notice")


_KINDS = {"department": "department", "project": "project", "notice": "project"}


def _heading_and_rest(unit: Unit) -> tuple[Unit, list[Unit]]:
    """A row led by the heading cell: the heading, and the rest of the row as the body."""
    if isinstance(unit, list) and len(filled(unit)) > 1:
        head = filled(unit)[0]
        return [head], [[cell for cell in unit if cell is not head]]
    return unit, []


def _has_body(form: FormSpan) -> bool:
    """A form's body, or more than a few rows of any kind (a form whose labels went unread
    is still a form when no heading follows it)."""
    return _has_form_body(form) or len(form.units) > _COVER_BODY_UNITS and any(
        isinstance(unit, list) for unit in form.units)


def _has_form_body(form: FormSpan) -> bool:
    """A table, a row of two or more cells with a label, or a goal heading: a heading over a
    list of names (an attachment list, a page's tabs), a byline or a web page's date and share
    buttons has none, and gives way to the next heading."""
    for unit in form.units:
        if isinstance(unit, IndicatorTable):
            return True
        if isinstance(unit, list) and len(filled(unit)) > 1 and any(
                _body_label(classify(cell.text)) for cell in filled(unit)):
            return True
        if isinstance(unit, ProseBlock) and (len(unit.text) <= 30 and (
                classify(unit.text).goal or classify(strip_list_number(unit.text)).level1)
                or run_in_level(unit.text) is not None):
            return True  # a goal heading, `一、产出指标` over targets written as a list, or
            # `（一）产出指标。数量方面，…` leading them
    return False


def _body_label(tags: Tags) -> bool:
    """A label of the form itself; the page's `发布机构` beside a heading is not one, nor a
    single character that names a column only in a header (`中` of 优良中差, or of a
    page's font-size buttons `大 | 中 | 小`)."""
    return (tags.is_label and tags.field != _PAGE_FIELD and len(tags.key) > 1) or any(
        name != _PAGE_FIELD for name, _ in tags.inline)


_PAGE_FIELD = "publisher"


def _replace_heading(current: FormSpan, unit: Unit, tags: Tags, forms: list[FormSpan],
                     preamble: list[Unit]) -> FormSpan:
    """A heading right after another one: the first was a cover, a list or a stray."""
    forms.pop()
    warnings: list[Warning] = []
    if not forms:
        preamble.extend(current.title_units + current.units)
    else:
        forms[-1].units.extend(current.title_units + current.units)
        warnings = [Warning(code="stray_heading", line=unit_line(u),
                            message=f"heading {unit_text(u)!r} stands before this form's heading "
                                    "with nothing under it; kept with the form above")
                    for u in current.title_units]
    heading, rest = _heading_and_rest(unit)
    form = _opened(tags, rest, [heading], tags.self_evaluation or current.self_evaluation, warnings)
    forms.append(form)
    return form


def _heading_prefix(previous: list[Unit], heading: Unit) -> list[Unit]:
    """Title-like prose lines directly above a prose heading: a heading split over lines."""
    prefix: list[Unit] = []
    if not isinstance(heading, ProseBlock) or len(heading.text) > _WHOLE_HEADING:
        return prefix  # a heading this long names its own subject: the line above is the page's
    line = unit_line(heading)
    while previous and isinstance(previous[-1], ProseBlock) and is_title_like(previous[-1]) \
            and unit_last_line(previous[-1]) >= line - 2 and len(prefix) < 2:
        line = unit_line(previous[-1])
        prefix.insert(0, previous.pop())
    return prefix


_WHOLE_HEADING = 30


def _open_without_heading(current: FormSpan | None, forms: list[FormSpan],
                          preamble: list[Unit]) -> FormSpan:
    """A header row with no heading: short title-like lines just above are its title."""
    previous = current.units if current else preamble
    title_units: list[Unit] = []
    while previous and is_title_like(previous[-1]) and len(title_units) < 2:
        title_units.insert(0, previous.pop())
    form = FormSpan(units=[], title_units=title_units, kind="project")
    forms.append(form)
    return form


def _opens_department_form(unit: Unit) -> bool:
    """`部门（单位）名称 | 某县民政局`: rows no heading stands over (a table extractor dropped
    it) that open with a label only a department-wide form prints."""
    if not isinstance(unit, list) or not filled(unit):
        return False
    return key(filled(unit)[0].text) in _department_form_labels()


@cache
def _department_form_labels() -> frozenset[str]:
    return frozenset(key(label) for label in vocabulary().fields.department_form.labels)


def _evaluates(form: FormSpan) -> bool:
    """A table with 实际完成值 / 得分 columns beside the planned value."""
    for unit in form.units:
        if isinstance(unit, IndicatorTable):
            roles = set(unit.header.roles())
            if "target" in roles and roles & {"actual", "score"}:
                return True
    return False
