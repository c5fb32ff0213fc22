"""The pipeline for one file: read → detect layout → split → parse → validate.

`extract_document(path)` is the library's entry point; it does no writing.
`extract_text(lines, …)` is the same without I/O, for tests and fuzzing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex

from extract import __version__
from extract.layout import build_rows
from extract.normalise import clean_text, parse_amount, year_in
from extract.reader import SourceText, read_limited, source_from_bytes
from extract.rows import BLANK_ROW, Row
from extract.sections.goals import parse_goals
from extract.sections.header import inline_pairs, parse_header
from extract.sections.indicators import IndicatorResult, ProjectCell, parse_indicators
from extract.sections.money import parse_funding
from extract.sections.plan import parse_spending_plan
from extract.split import FormRegion, split_forms
from extract.validate import form_warnings
from schemas.record import Document, Form, Funding, Indicator, Source, Warning

_CODE_TOKEN = regex.compile(r"[0-9A-Za-z][0-9A-Za-z\-_.]*")

_BYLINE = regex.compile(r"^(.{2,30}?)\s*编制$")


@dataclass(frozen=True)
class DocumentContext:
    """What the document states once for all its forms (cover, byline, 预算部门)."""

    department: tuple[str, int] | None = None
    fiscal_year: tuple[int, int] | None = None


def extract_document(path: Path, key: str | None = None, display_path: str | None = None) -> Document:
    """Read one file and extract its forms; `key` defaults to the file's stem."""
    return extract_bytes(read_limited(Path(path)), Path(path).name, key or Path(path).stem,
                         display_path or str(path))


def extract_bytes(data: bytes, name: str, key: str, display_path: str) -> Document:
    """Extract the forms of bytes already read (so the sha256 is of what was parsed)."""
    return extract_text(source_from_bytes(data, name), display_path, key)


def extract_text(source: SourceText, display_path: str, stem: str) -> Document:
    layout, rows = build_rows(source.lines)
    preamble, regions = split_forms(rows)
    context = document_context(preamble, regions)
    built = [form for region in regions for form in build_forms(region, context, layout)]
    forms = [form.model_copy(update={"form_id": f"{stem}#{n}"})
             for n, form in enumerate(built, start=1)]
    warnings = [Warning(code="decoding_repaired", line=None, message=note) for note in source.notes]
    if not forms:
        warnings.append(Warning(code="no_forms", line=None,
                                message="no performance-target form was recognised in this file"))
    return Document(
        source=Source(path=display_path, key=stem, sha256=source.sha256, bytes=source.size,
                      encoding=source.encoding, layout=layout),
        extractor_version=__version__, forms=forms, warnings=warnings)


def document_context(preamble: list[Row], regions: list[FormRegion]) -> DocumentContext:
    department = fiscal_year = None
    for row in preamble:
        for field_name, value in inline_pairs(row.joined):
            if field_name == "department" and clean_text(value) and department is None:
                department = (clean_text(value), row.line)
        byline = _BYLINE.match(row.joined)
        if byline and department is None:
            department = (clean_text(byline.group(1)), row.line)
        year = year_in(row.joined)
        if year and fiscal_year is None and "绩效目标" in row.joined:
            fiscal_year = (year, row.line)
    if fiscal_year is None and regions and regions[0].kind == "department":
        year = year_in(regions[0].title or "")
        if year:
            fiscal_year = (year, regions[0].first_line)
    return DocumentContext(department, fiscal_year)


def build_forms(region: FormRegion, context: DocumentContext, layout: str) -> list[Form]:
    """The form of a region, or one form per project where a wide table holds several."""
    form, table = build_form(region, context, layout)
    if not any(table.projects):
        return [form]
    return split_by_project(form, table)


def split_by_project(form: Form, table: IndicatorResult) -> list[Form]:
    groups: dict[ProjectCell, list[Indicator]] = {}
    for indicator, project in zip(table.indicators, table.projects, strict=True):
        if project is not None:
            groups.setdefault(project, []).append(indicator)
    forms = []
    for project, indicators in groups.items():
        total, _ = parse_amount(project.amount)
        provenance = {k: v for k, v in form.provenance.items()
                      if k in ("department", "fiscal_year")}
        provenance.update({"project_name": project.line, "funding.total": project.line})
        forms.append(form.model_copy(update={
            "project_name": project.name, "indicators": indicators,
            "lines": (project.line, max(i.line for i in indicators)),
            "funding": Funding(total=total), "goals": [], "spending_plan": [],
            "provenance": provenance,
            "warnings": [w for w in form.warnings
                         if w.line is None or project.line <= w.line <= indicators[-1].line]}))
    return forms


def build_form(region: FormRegion, context: DocumentContext, layout: str) -> tuple[Form, IndicatorResult]:
    table = parse_indicators(region.rows, cell_rows=layout in ("cell_lines", "mixed"),
                             broken_cells=layout == "pdf_layout")
    rows = outside_tables(region.rows, table.used)
    header = parse_header(rows)
    values, provenance = header.values, dict(header.provenance)
    funding = parse_funding(rows, values.get("overview"))
    provenance.update(funding.provenance)
    plan, plan_warnings, plan_rows = parse_spending_plan(rows)
    goals, goal_rows = parse_goals(rows)
    indicators, indicator_warnings = table.indicators, table.warnings
    department = values.get("department")
    if department is None and context.department:
        department, provenance["department"] = context.department
    fiscal_year = _fiscal_year(region)
    if fiscal_year:
        provenance["fiscal_year"] = fiscal_year[1]
    elif context.fiscal_year:
        fiscal_year = context.fiscal_year
        provenance["fiscal_year"] = fiscal_year[1]
    for name in ("project_name", "project_code", "unit_code", "implementing_unit", "category"):
        if name not in values:
            provenance.pop(name, None)
    form = Form(
        form_id="", kind=region.kind, title=clean_text(region.title) or None,
        fiscal_year=fiscal_year[0] if fiscal_year else None,
        lines=(region.first_line, region.last_line), department=department,
        implementing_unit=values.get("implementing_unit"),
        project_name=values.get("project_name") if region.kind == "project" else None,
        project_code=_code(values.get("project_code")), unit_code=_code(values.get("unit_code")),
        category=values.get("category"), attributes=header.attributes, period=header.period,
        funding=funding.funding, spending_plan=plan, texts=header.texts,
        goals=goals, indicators=indicators, contacts=header.contacts,
        warnings=region.warnings + header.warnings + funding.warnings + plan_warnings
        + indicator_warnings
        + unplaced_rows(region.rows, header.used | funding.used | plan_rows | goal_rows | table.used),
        provenance={k: v for k, v in provenance.items() if v is not None})
    form.warnings.extend(form_warnings(form))
    return form, table


def outside_tables(rows: list[Row], table_rows: set[int]) -> list[Row]:
    """The form's rows with those of its indicator tables blanked out, so the other
    sections neither read nor scan them (indices stay those of the form)."""
    return [BLANK_ROW if index in table_rows else row for index, row in enumerate(rows)]


def unplaced_rows(rows: list[Row], used: set[int]) -> list[Warning]:
    """Table rows of the form that no section read: one warning per run of them."""
    warnings: list[Warning] = []
    run: list[Row] = []
    for index, row in enumerate(rows):
        if index in used or row.is_text or not row.filled:
            _close_run(run, warnings)
            continue
        run.append(row)
    _close_run(run, warnings)
    return warnings


def _close_run(run: list[Row], warnings: list[Warning]) -> None:
    if run:
        span = f"line {run[0].line}" if len(run) == 1 else f"lines {run[0].line}-{run[-1].last_line}"
        warnings.append(Warning(code="unplaced_row", line=run[0].line,
                                message=f"{span} not read into any field: {run[0].joined[:40]!r}"))
        run.clear()


def _fiscal_year(region: FormRegion) -> tuple[int, int] | None:
    """The 年度 of the heading: the title, or the lines between it and the first table row."""
    candidates = list(region.title_rows)
    for row in region.rows:
        if not row.is_text and len(row.filled) > 1:
            break
        candidates.append(row)
    for row in candidates:
        year = year_in(row.joined)
        if year:
            return year, row.line
    return None


def _code(value: str | None) -> str | None:
    """The code itself: `42010523040T000000103 武汉市…本级` → its leading code."""
    if not value:
        return None
    match = _CODE_TOKEN.match(value.replace(" ", ""))
    return match.group(0) if match else value
