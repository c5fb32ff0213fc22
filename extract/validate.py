"""Validation: what looks wrong in a built form or document, as warnings — never a silent fix.

Runs after the sections, on the records they made (and, for unplaced cells, on
the cells no section claimed), so every check is in one place.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import regex

from extract.classify import classify
from extract.grid import Cell
from extract.normalise import ocr_letters_in
from extract.sections.common import FormView
from extract.split import filled
from extract.vocab import vocabulary
from schemas.record import Form, Warning, met

_MAX_UNPLACED_TEXT = 40


def form_warnings(form: Form, judgements: list[str | None] | None = None,
                  execution_score: Decimal | None = None) -> list[Warning]:
    """`judgements`: what a 完成情况 column printed for each indicator, where it has one;
    `execution_score`: the budget-execution points of a self-evaluation's money block."""
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
    warnings.extend(_targets(form))
    if form.form_type == "self_evaluation":
        warnings.extend(_scores(form, execution_score or Decimal(0)))
        warnings.extend(_execution_rate(form))
        warnings.extend(_judgements(form, judgements or []))
    return warnings


def _targets(form: Form) -> list[Warning]:
    """Values an OCR engine damaged, and Excel date serials where a date belongs."""
    words = vocabulary().target
    warnings = []
    for indicator in form.indicators:
        raw = indicator.target.raw or ""
        if any(mark in raw for mark in words.ocr_damaged):
            warnings.append(Warning(code="op_from_ocr", line=indicator.line,
                                    message=f"comparator in {raw!r} read as {indicator.target.op}"))
        if indicator.target.value is not None and ocr_letters_in(raw):
            warnings.append(Warning(code="digits_from_ocr", line=indicator.line,
                                    message=f"letters in {raw!r} read as digits: "
                                            f"{indicator.target.value}"))
        value = indicator.target.value
        if value is not None and _SERIAL_LOW <= value <= _SERIAL_HIGH and value == int(value) \
                and any(word in (indicator.name or "") for word in words.date_words):
            warnings.append(Warning(code="excel_date_serial", line=indicator.line,
                                    message=f"{indicator.name!r} = {value}: an Excel date serial "
                                            "where a date belongs (kept as printed)"))
    return warnings


_SERIAL_LOW, _SERIAL_HIGH = 30000, 60000  # Excel serials of the years 1982–2064


def _scores(form: Form, execution_score: Decimal) -> list[Warning]:
    """Scores within their weights; weights adding up to a level's printed points; the rows'
    scores against the form's 总分."""
    warnings = []
    for indicator in form.indicators:
        if indicator.score is not None and indicator.weight is not None \
                and indicator.score > indicator.weight:
            warnings.append(Warning(code="score_over_weight", line=indicator.line,
                                    message=f"{indicator.name!r}: score {indicator.score} exceeds "
                                            f"its weight {indicator.weight}"))
    for level1, points, line in _printed_points(form):
        weights = [i.weight for i in form.indicators if i.level1 == level1 and i.weight is not None]
        if weights and sum(weights) != points:
            warnings.append(Warning(code="weights_not_points", line=line,
                                    message=f"{level1} weights add up to {sum(weights)}, "
                                            f"the form prints {points} points"))
    scores = [i.score for i in form.indicators if i.score is not None]
    if form.self_score is not None and scores and sum(scores) + execution_score != form.self_score:
        warnings.append(Warning(code="self_score_mismatch", line=form.provenance.get("self_score"),
                                message=f"rows score {sum(scores)} and budget execution "
                                        f"{execution_score}, the form's total is {form.self_score}"))
    return warnings


def _printed_points(form: Form) -> list[tuple[str, Decimal, int]]:
    """(level-1, points, line) for level-1 labels that print their points: `产出指标(50分)`."""
    found: dict[str, tuple[Decimal, int]] = {}
    for indicator in form.indicators:
        match = _points().search(indicator.level1_raw or "")
        if indicator.level1 and match and indicator.level1 not in found:
            found[indicator.level1] = (Decimal(match.group(1)), indicator.line)
    return [(level1, points, line) for level1, (points, line) in found.items()]


@cache
def _points() -> regex.Pattern[str]:
    return regex.compile(rf"(\d+(?:\.\d+)?)\s*{regex.escape(vocabulary().marks.points)}")


def _execution_rate(form: Form) -> list[Warning]:
    funding = form.funding
    if funding is None or None in (funding.total, funding.executed, funding.execution_rate) \
            or not funding.total:
        return []
    computed = funding.executed / funding.total * 100
    if abs(computed - funding.execution_rate) > _RATE_TOLERANCE:
        return [Warning(code="execution_rate_mismatch",
                        line=form.provenance.get("funding.execution_rate"),
                        message=f"执行率 {funding.execution_rate}% but 执行数/预算数 is "
                                f"{computed:.2f}%")]
    return []


_RATE_TOLERANCE = Decimal("0.5")


def _judgements(form: Form, judgements: list[str | None]) -> list[Warning]:
    """A printed 完成/未完成 against what the target and the actual say."""
    words = vocabulary().judgements
    warnings = []
    for indicator, printed in zip(form.indicators, judgements, strict=False):
        if not printed:
            continue
        said = False if printed in words.unmet else True if printed in words.met else None
        computed = met(indicator.target, indicator.actual)
        if said is not None and computed is not None and said != computed:
            warnings.append(Warning(code="judgement_disagrees", line=indicator.line,
                                    message=f"{indicator.name!r} printed {printed!r} but the actual "
                                            f"{indicator.actual.raw if indicator.actual else None!r}"
                                            f" {'meets' if computed else 'misses'} the target "
                                            f"{indicator.target.raw!r}"))
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
    """Not a blank, a heading, a number alone, boilerplate or a field label standing alone
    (`项目编码` with its value cell left blank: read, and empty)."""
    tags = classify(cell.text)
    return not (tags.shape == "empty" or tags.known_label or tags.numbering or tags.boilerplate
                or tags.field and not tags.inline and tags.shape in ("short", "label"))


def _unplaced(run: list[Cell]) -> Warning:
    first, last = run[0].line, run[-1].last_line
    span = f"line {first}" if first == last else f"lines {first}-{last}"
    return Warning(code="unplaced_row", line=first,
                   message=f"{span} not read into any field: {run[0].text[:_MAX_UNPLACED_TEXT]!r}")


