"""Validation: what looks wrong in a built form or document, as warnings — never a silent fix.

Runs after the sections, on the records they made (and, for unplaced cells, on
the cells no section claimed), so every check is in one place.
"""

from __future__ import annotations

from extract.classify import classify
from extract.grid import Cell
from extract.sections.common import FormView
from extract.split import filled
from schemas.record import Form, Warning

_MAX_UNPLACED_TEXT = 40


def form_warnings(form: Form) -> list[Warning]:
    warnings: list[Warning] = []
    if not form.indicators:
        warnings.append(Warning(code="no_indicators", line=form.lines[0],
                                message="the form has no indicator table"))
    if form.kind == "project" and not form.project_name:
        warnings.append(Warning(code="no_project_name", line=form.lines[0],
                                message="no 项目名称 found for this project form"))
    if form.form_type == "self_evaluation":
        warnings.append(Warning(code="self_evaluation_form", line=form.lines[0],
                                message="a self-evaluation form (绩效自评表): targets are the planned "
                                        "values; actual values and scores are kept apart"))
    warnings.extend(_funding_sum(form))
    warnings.extend(_year_against_period(form))
    return warnings


def document_warnings(forms: list[Form]) -> list[Warning]:
    if forms:
        return []
    return [Warning(code="no_forms", line=None,
                    message="no performance-target form was recognised in this file")]


def _funding_sum(form: Form) -> list[Warning]:
    funding = form.funding
    if funding is None or funding.total is None:
        return []
    stated = [line.amount for line in funding.lines if line.amount is not None]
    if stated and sum(stated) != funding.total and max(stated) != funding.total:
        return [Warning(code="funding_sum_mismatch", line=form.provenance.get("funding.total"),
                        message=f"lines add up to {sum(stated)}, total is {funding.total}")]
    return []


def _year_against_period(form: Form) -> list[Warning]:
    if not form.fiscal_year or not form.period:
        return []
    years = [int(value[:4]) for value in (form.period.start, form.period.end) if value]
    if len(years) == 2 and not years[0] <= form.fiscal_year <= years[1] or \
            len(years) == 1 and years[0] != form.fiscal_year and not form.period.end:
        return [Warning(code="fiscal_year_outside_period", line=form.provenance.get("period"),
                        message=f"fiscal year {form.fiscal_year} lies outside the period "
                                f"{form.period.raw}")]
    return []


def unplaced_cells(view: FormView, claimed: set[int]) -> list[Warning]:
    """Table cells of the form that no section read: one warning per run of lines."""
    loose: list[Cell] = []
    for row in view.rows():
        loose.extend(cell for cell in filled(row) if id(cell) not in claimed and _worth_reporting(cell))
    for table in view.tables():
        loose.extend(table.dropped)
    warnings: list[Warning] = []
    run: list[Cell] = []
    for cell in sorted(loose, key=lambda c: c.line):
        if run and cell.line > run[-1].last_line + 1:
            warnings.append(_unplaced(run))
            run = []
        run.append(cell)
    if run:
        warnings.append(_unplaced(run))
    return warnings


def _worth_reporting(cell: Cell) -> bool:
    tags = classify(cell.text)
    return not (tags.shape == "empty" or tags.known_label or tags.numbering or tags.boilerplate)


def _unplaced(run: list[Cell]) -> Warning:
    first, last = run[0].line, run[-1].last_line
    span = f"line {first}" if first == last else f"lines {first}-{last}"
    return Warning(code="unplaced_row", line=first,
                   message=f"{span} not read into any field: {run[0].text[:_MAX_UNPLACED_TEXT]!r}")


