"""Validation warnings for an assembled form: questionable, never silently fixed."""

from __future__ import annotations

from schemas.record import Form, Warning


def form_warnings(form: Form) -> list[Warning]:
    warnings: list[Warning] = []
    if not form.indicators:
        warnings.append(Warning(code="no_indicators", line=form.lines[0],
                                message="the form has no indicator table"))
    if form.kind == "project" and not form.project_name:
        warnings.append(Warning(code="no_project_name", line=form.lines[0],
                                message="no 项目名称 found for this project form"))
    warnings.extend(_year_against_period(form))
    return warnings


def _year_against_period(form: Form) -> list[Warning]:
    if not form.fiscal_year or not form.period:
        return []
    years = [int(value[:4]) for value in (form.period.start, form.period.end) if value]
    if len(years) == 2 and not years[0] <= form.fiscal_year <= years[1] or \
            len(years) == 1 and years[0] != form.fiscal_year and not form.period.end:
        return [Warning(code="fiscal_year_outside_period",
                        line=form.provenance.get("period"),
                        message=f"fiscal year {form.fiscal_year} lies outside the period "
                                f"{form.period.raw}")]
    return []
