"""The pipeline for one document, in stages a newcomer can name:

    bytes → reader → cell grid → table assembly → split into forms → sections → validation

`extract_document(path)` and `extract_bytes(data, …)` are the library's entry
points; they do no writing. `extract_grid(grid, …)` runs everything after the
reader, so tests can feed a grid built by hand.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import regex

from extract import __version__
from extract.assemble import assemble
from extract.classify import Tags, classify
from extract.grid import Grid, ProseBlock
from extract.normalise import parse_amount, year_in
from extract.reader import read_limited, source_from_bytes
from extract.readers import FORMAT_READERS, RECORD_FORMATS
from extract.readers.detect import detect_format
from extract.readers.text import read_text
from extract.sections import goals, header, indicators, money, plan
from extract.sections.common import FormView, SectionResult
from extract.sections.indicators import ProjectCell
from extract.split import FormSpan, Unit, filled, is_title_like, split_forms, unit_text
from extract.validate import document_warnings, form_warnings, unplaced_cells
from extract.vocab import compiled, key, named, strip_pinyin, vocabulary
from schemas.record import Document, Form, Funding, Indicator, Source, Warning

SECTIONS = {"header": header.read, "money": money.read, "plan": plan.read, "goals": goals.read,
            "indicators": indicators.read}


@dataclass(frozen=True)
class SourceInfo:
    path: str
    key: str
    sha256: str
    size: int
    format: str
    encoding: str | None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentContext:
    """What the document states once for all its forms (cover, byline, 预算部门)."""

    department: tuple[str, int] | None = None
    fiscal_year: tuple[int, int] | None = None
    unit_code: tuple[str, int] | None = None  # a Word template's page header: `部门编码：327001`


def extract_document(path: Path, key: str | None = None, display_path: str | None = None) -> Document:
    """Read one file and extract its forms; `key` defaults to the file's stem."""
    return extract_bytes(read_limited(Path(path)), Path(path).name, key or Path(path).stem,
                         display_path or str(path))


def extract_bytes(data: bytes, name: str, key: str, display_path: str) -> Document:
    """Extract the forms of bytes already read (so the sha256 is of what was parsed)."""
    source_format = detect_format(data, name)
    if source_format == "text":
        source = source_from_bytes(data, name)
        info = SourceInfo(display_path, key, source.sha256, source.size, "text", source.encoding,
                          source.notes)
        grid = read_text(source.lines)
        del source  # its lines are in the grid's cells now
    else:
        grid = FORMAT_READERS[source_format](data, name)
        info = SourceInfo(display_path, key, hashlib.sha256(data).hexdigest(), len(data),
                          RECORD_FORMATS.get(source_format, source_format), None, ())
    return extract_grid(grid, info)


def extract_grid(grid: Grid, info: SourceInfo) -> Document:
    """Assemble, split and build the forms of a grid. The grid's blocks are let go once
    assembled and each span once its forms are built, so a large file's cells do not
    outlive their use (the grid is emptied)."""
    reader, notes = grid.reader, list(grid.notes)
    parts = assemble(grid)
    grid.blocks.clear()
    preamble, spans = split_forms(parts)
    del parts
    context = document_context(preamble)
    built: list[Form] = []
    year: int | None = None  # the last fiscal year a form stated: the next ones' default
    spans.reverse()
    while spans:
        span = spans.pop()
        here = replace(context, fiscal_year=(year, built[-1].lines[0])) if year else context
        new = build_forms(span, here)
        built.extend(new)
        year = next((form.fiscal_year for form in reversed(new) if form.fiscal_year), year)
    forms = [form.model_copy(update={"form_id": f"{info.key}#{n}"})
             for n, form in enumerate(built, start=1)]
    warnings = [Warning(code="decoding_repaired", line=None, message=note) for note in info.notes]
    warnings += [Warning(code="reader_note", line=None, message=note) for note in notes]
    warnings += document_warnings(forms)
    return Document(
        source=Source(path=info.path, key=info.key, sha256=info.sha256, bytes=info.size,
                      format=info.format, encoding=info.encoding, layout=reader),
        extractor_version=__version__, forms=forms, warnings=warnings)


# ---------------------------------------------------------------- context


def document_context(preamble: list[Unit]) -> DocumentContext:
    department = fiscal_year = publisher = cover = unit_code = None
    byline = vocabulary().marks.byline
    for unit in preamble:
        text = unit_text(unit)
        for field_name, value in _pairs(unit):
            if field_name == "department" and value and department is None:
                department = (value, _line(unit))
            if field_name == "publisher" and value and publisher is None:
                publisher = (value, _line(unit))
            if field_name == "unit_code" and value and unit_code is None:
                unit_code = (value, _line(unit))
        if department is None and text.endswith(byline) and 2 < len(text) - len(byline) <= 30:
            department = (text[: -len(byline)].strip(), _line(unit))
        tags = classify(text) if len(text) <= 80 else None
        if cover is None and (tags is not None and tags.title or is_title_like(unit)):
            cover = _cover_department(text, _line(unit))
        if fiscal_year is None:
            fiscal_year = _cover_year(unit, text, tags)
    return DocumentContext(department or cover or publisher, fiscal_year, unit_code)


def _cover_year(unit: Unit, text: str, tags: Tags | None) -> tuple[int, int] | None:
    """The year of a heading above the forms that names them (a title, or a page's heading
    that lists or publishes them: `某局2025年项目支出绩效目标公开`), printed alone or as a cell
    of the page's lines read as one row."""
    cells = [(text, tags)]
    if isinstance(unit, list) and len(unit) > 1:
        cells += [(cell.text, classify(cell.text)) for cell in filled(unit) if len(cell.text) <= 80]
    for piece, piece_tags in cells:
        year = year_in(piece)
        if year and piece_tags is not None and (piece_tags.title or _lists_forms(piece)):
            return year, _line(unit)
    return None


def _cover_department(text: str, line: int) -> tuple[str, int] | None:
    """`澄州市残疾人联合会2022年预算项目绩效目标`: a cover heading that names its body."""
    name = named(vocabulary().titles.cover_department, strip_pinyin(text))
    return (name, line) if name else None



def _pairs(unit: Unit) -> list[tuple[str, str]]:
    if isinstance(unit, ProseBlock):
        return list(classify(unit.text).inline)
    if isinstance(unit, list):
        cells = filled(unit)
        pairs = [pair for cell in cells for pair in classify(cell.text).inline]
        for label, value in zip(cells, cells[1:], strict=False):
            if classify(label.text).field and not classify(value.text).is_label:
                pairs.append((classify(label.text).field, value.text))
        return pairs
    return []


def _line(unit: Unit) -> int:
    if isinstance(unit, list):
        return unit[0].line
    return unit.line


# ---------------------------------------------------------------- forms


def build_forms(span: FormSpan, context: DocumentContext) -> list[Form]:
    """The form of a span, or one form per project where a wide table holds several."""
    view = FormView.of(span)
    results = {name: read(view) for name, read in SECTIONS.items()}
    form = _form(span, view, results, context)
    projects: list[ProjectCell | None] = results["indicators"].values["projects"]
    if not any(projects):
        return [form]
    return _split_by_project(form, projects)


def _form(span: FormSpan, view: FormView, results: dict[str, SectionResult],
          context: DocumentContext) -> Form:
    head = results["header"].values
    provenance: dict[str, int] = {}
    warnings: list[Warning] = list(span.warnings)
    for result in results.values():
        provenance.update(result.provenance)
        warnings.extend(result.warnings)
    department = head.get("department")
    if department is None and context.department:
        department, provenance["department"] = context.department
    fiscal_year = _fiscal_year(span) or context.fiscal_year or head.get("stated_year")
    if fiscal_year:
        provenance["fiscal_year"] = fiscal_year[1]
    unit_code = head.get("unit_code")
    if unit_code is None and context.unit_code:
        unit_code, provenance["unit_code"] = context.unit_code
    claimed = set().union(*(result.claimed for result in results.values()))
    if fiscal_year:
        claimed |= _year_line_cells(view, fiscal_year[1])
    warnings.extend(unplaced_cells(view, claimed))
    form = Form(
        form_id="", kind=span.kind,
        form_type="self_evaluation" if span.self_evaluation else "target",
        title=span.title, fiscal_year=fiscal_year[0] if fiscal_year else None,
        lines=(span.first_line, span.last_line), department=department,
        implementing_unit=head.get("implementing_unit"),
        project_name=head.get("project_name") if span.kind == "project" else None,
        project_code=head.get("project_code"), unit_code=unit_code,
        category=head.get("category"), attributes=head["attributes"], period=head["period"],
        funding=results["money"].values.get("funding"),
        spending_plan=results["plan"].values["spending_plan"], texts=head["texts"],
        goals=results["goals"].values["goals"], indicators=results["indicators"].values["indicators"],
        contacts=head["contacts"], self_score=head.get("self_score"), warnings=warnings,
        provenance={k: v for k, v in provenance.items() if v})
    form.warnings.extend(form_warnings(form, results["indicators"].values["judgements"],
                                       results["money"].values.get("execution_score")))
    return form


def _lists_forms(text: str) -> bool:
    """`隆曲县卫生健康局2025年项目绩效目标汇总表`: the heading of a sheet of several projects'
    targets (vocab titles.listing), whose year is theirs."""
    return any(pattern.search(key(text)) for pattern in compiled(tuple(vocabulary().titles.listing)))


def _fiscal_year(span: FormSpan) -> tuple[int, int] | None:
    """The 年度 of the heading: the title, or the short lines right after it."""
    candidates: list[Unit] = list(span.title_units)
    for unit in span.units[:3]:
        if isinstance(unit, list) and len(filled(unit)) >= 2 and len(unit_text(unit)) > _YEAR_LINE:
            # a long row (one cell per line): its first cell, and a cell that states the
            # year alone (`填报单位：…   （2025年度）   金额单位：万元`)
            first, *rest = filled(unit)
            candidates.extend([[first], *([cell] for cell in rest if _bare_year(cell.text))])
            continue
        if len(unit_text(unit)) <= _YEAR_LINE:
            candidates.append(unit)
    for unit in candidates:
        text = strip_pinyin(unit_text(unit)).replace(" ", "")  # `( 2021 年度)`
        if len(text) > _MAX_HEADING:
            continue
        year = year_in(text) or _bare_year(text)
        if year and not _dated(text):
            return year, _line(unit)
    return None


@cache
def _date_pattern() -> regex.Pattern[str]:
    marks = vocabulary().marks
    return regex.compile(rf"(?:19|20)\d{{2}}\s*{marks.year}\s*\d{{1,2}}\s*{marks.month}")


def _dated(text: str) -> bool:
    """`填报日期：2024年1月5日`: a day of the calendar, not the budget year."""
    return _date_pattern().search(text) is not None


def _year_line_cells(view: FormView, line: int) -> set[int]:
    """The cells of a short `(2023年度)` line under the heading, read as the fiscal year."""
    cells = [cell for row in view.rows() for cell in filled(row) if cell.line == line]
    text = "".join(cell.text for cell in cells)
    if len(text) <= _YEAR_LINE and (year_in(text) or _bare_year(text)):
        return {id(cell) for cell in cells}
    return set()


_YEAR_LINE = 24  # a line under a heading that states the year is short: `(2022年度)`
_MAX_HEADING = 80


def _bare_year(text: str) -> int | None:
    """`(2022)` or `2022 年度` printed alone under a heading."""
    match = regex.fullmatch(r"\s*[(（]?\s*((?:19|20)\d{2})\s*\S{0,2}\s*[)）]?\s*", text)
    return int(match.group(1)) if match else None


def _split_by_project(form: Form, projects: list[ProjectCell | None]) -> list[Form]:
    groups: dict[ProjectCell, list[Indicator]] = {}
    for indicator, project in zip(form.indicators, projects, strict=True):
        if project is not None:
            groups.setdefault(project, []).append(indicator)
    forms = []
    for project, found in groups.items():
        total, _ = parse_amount(project.amount)
        provenance = {k: v for k, v in form.provenance.items() if k in ("department", "fiscal_year")}
        provenance.update({"project_name": project.line, "funding.total": project.line})
        # (a project's cell may stand below a row it names: the lines run from the first)
        first = min(project.line, *(indicator.line for indicator in found))
        last = max(project.line, *(indicator.line for indicator in found))
        own = {"department": project.department} if project.department else {}
        forms.append(form.model_copy(update={
            **own, "project_name": project.name, "indicators": found, "lines": (first, last),
            "funding": Funding(total=total), "goals": [], "spending_plan": [],
            "provenance": provenance,
            "warnings": [w for w in form.warnings
                         if w.line is None or first <= w.line <= last]}))
    return forms
