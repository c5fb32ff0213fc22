"""Header fields of a form: names, codes, category, period, attributes, contacts, texts.

A field is read from a label cell and the cell(s) after it up to the next
label (`项目名称 | 科技创新体系建设`), or from `label: value` inside one cell or
prose line (`填报单位(盖章):南县疾病预防控制中心`). The first non-blank
occurrence of a field wins. A code broken over cells (`4201052` `3029T…`) is
joined; a text cell after a code whose 项目名称 label was lost is taken as the
name, with a warning. Long texts (项目概况 …) take every cell up to the next
label.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from itertools import takewhile

import regex

from extract.assemble import IndicatorTable
from extract.classify import classify, copula_clause, cut_glued, sentence_pairs
from extract.grid import Cell, ProseBlock
from extract.normalise import clean_text, parse_date, parse_date_range, parse_number, whole_value
from extract.sections.common import (
    FormView,
    Pair,
    SectionResult,
    hierarchy_in,
    pairs_in_row,
    tags_of,
)
from extract.split import filled
from extract.vocab import compiled, key, named, pinyin_spans, to_simplified, vocabulary
from schemas.record import Attributes, Contacts, Period, Texts, Warning

TEXT_FIELDS = ("overview", "schedule", "explanation")
CODE_FIELDS = ("project_code", "unit_code")
CONTACT_FIELDS = ("filled_by", "phone", "unit_head", "project_head")
_BLANK_VALUE = regex.compile(r"^[_\-—\s/:：]*$")
_CODE_FRAGMENT = regex.compile(r"^[0-9A-Za-z][0-9A-Za-z\-_.]*$")
_WHOLE_CODE = 8  # characters a code has at least where a cell repeating it is a copy, no half
_CODE_TOKEN = regex.compile(r"[0-9A-Za-z][0-9A-Za-z\-_.]*")
_TICK = regex.compile(r"(\p{Han}{2,6})\s*[(（]\s*[√✓✔☑]\s*[)）]|[☑■√]\s*(\p{Han}{2,6})")


def read(form: FormView) -> SectionResult:
    result = SectionResult()
    found: dict[str, tuple[str, int, list[object]]] = {}
    rank: dict[str, tuple[bool, int]] = {}
    table_line = next((unit.line for unit in form.units if isinstance(unit, IndicatorTable)), None)
    for field_name, value, line, cells in _field_values(form):
        if _BLANK_VALUE.match(value):
            result.claim(*(c for c in cells if isinstance(c, Cell)))  # a label left blank is read
            continue
        # a field printed under the indicator table (a notes page after the form) never
        # overrides one printed above it
        preference = (table_line is not None and line > table_line, _preference(field_name, cells))
        if field_name not in found or preference < rank[field_name]:
            found[field_name] = (value, line, cells)
            rank[field_name] = preference
    if "department" not in found and _names_both(found.get("implementing_unit")):
        found["department"] = found["implementing_unit"]
    publisher = found.pop("publisher", None)
    signed = _signature(form) if "department" not in found else None
    if signed:
        found["department"] = signed
    if "department" not in found and publisher:
        found["department"] = publisher
    for field_name, (value, line, cells) in found.items():
        result.values[field_name] = whole_value(clean_text(_own_part(field_name, value, cells)))
        result.provenance[field_name] = line
        result.claim(*cells)
    _take_unlabelled_project_name(result)
    if "project_name" not in result.values and form.kind == "project" and form.title:
        _name_from_title(form, result)
    if "project_name" not in result.values and form.kind == "project":
        _name_from_prose(form, result)
    if "department" not in result.values and form.kind == "department" and form.title:
        _department_from_title(form, result)
    budget_year = _budget_year(result.values.pop("budget_year", None))
    if budget_year is not None:
        result.values["stated_year"] = (budget_year, result.provenance.pop("budget_year"))
    result.values.pop("attributes", None)
    result.values["attributes"] = _attributes(_attribute_text(form, result))
    result.values["period"] = _period(result.values, result.provenance)
    result.values["contacts"] = Contacts(**{k: result.values.pop(k, None) for k in CONTACT_FIELDS})
    result.values["texts"] = Texts(**{k: result.values.pop(k, None) for k in TEXT_FIELDS})
    result.values["self_score"] = _score(result.values.pop("self_score", None))
    for name in CODE_FIELDS:
        if result.values.get(name):
            result.values[name] = _code(result.values[name])
    return result


def _own_part(field_name: str, value: str, cells: list[object]) -> str:
    """`项目实施单位/项目负责人 | 原州区农技中心/杨勃兴`: a label naming two things over a value
    of as many parts gives the field the part under its own name."""
    label = cells[0] if cells and isinstance(cells[0], Cell) else None
    if label is None or "/" not in label.text:
        return value
    names, parts = label.text.split("/"), value.split("/")
    if len(names) != len(parts):
        return value
    words = _labels(field_name)
    own = [i for i, name in enumerate(names) if key(name).startswith(words) and words]
    return parts[own[0]].strip() if len(own) == 1 else value


def _names_both(found: tuple[str, int, list[object]] | None) -> bool:
    """`实施(主管)单位`: the implementing unit's label says it is the 主管 unit too."""
    label = found[2][0] if found and found[2] and isinstance(found[2][0], Cell) else None
    return label is not None and any(tags_of(label).key.startswith(key(word))
                                     for word in vocabulary().fields.both_units.labels)


def _preference(field_name: str, cells: list[object]) -> int:
    """Where a form prints a field under two labels (`部门:…` in its heading, `主管部门`
    in its table), the label listed first in the vocabulary wins; else the first printed."""
    label = cells[0] if cells and isinstance(cells[0], Cell) else None
    if label is None:
        return len(_labels(field_name))
    label_key = tags_of(label).key
    words = _labels(field_name)
    return next((i for i, word in enumerate(words) if label_key.startswith(word)), len(words))


@cache
def _labels(field_name: str) -> tuple[str, ...]:
    return tuple(key(word) for word in vocabulary().fields.labels.get(field_name, []))


def _field_values(form: FormView):
    """(field, value, line, cells read) for every labelled field, in form order. A 项目名称
    row after the indicator table with no figure heads a listing table that follows
    (`项目名称 | 资金来源 | 资金计划 | 资金到位情况`): its cells are column names."""
    after_table = False
    units = list(form.units)
    for index, unit in enumerate(units):
        after_table = after_table or isinstance(unit, IndicatorTable)
        below = units[index + 1] if index + 1 < len(units) else None
        over = _labels_over_values(unit, below)
        if over:
            yield from over
            continue
        if isinstance(unit, list):
            listing = after_table and not any(tags_of(cell).number is not None
                                              or tags_of(cell).amount is not None
                                              for cell in filled(unit))
            yield from (found for found in _row_fields(unit)
                        if not (listing and found[0] == "project_name"))
        elif hasattr(unit, "text") and not isinstance(unit, list):
            for field_name, value in classify(unit.text).inline or _glued_pair(unit.text) \
                    or sentence_pairs(unit.text):
                yield field_name, value, unit.line, [unit]


def _labels_over_values(unit, below) -> list[tuple[str, str, int, list[object]]]:
    """`主管部门 | 实施单位` over `某局 | 某所`, `项目名称` over a line holding the name: a row of
    field labels alone whose values open the row under it, one under each (OCR text of a
    form whose label and value cells it read line by line; a cell per line, where the next
    labels and values run on in the same row)."""
    if isinstance(unit, ProseBlock) and isinstance(below, ProseBlock):
        # a label alone on its line, its value on the next (a tab a text converter broke)
        # (not a line of fields of its own, `填报人：…  联系电话：…`; nor a total's: `总分` alone
        # over lines of figures prints its full marks first, or over a signature, none)
        tags, under = classify(unit.text), classify(below.text)
        return [(tags.field, below.text, below.line, [unit, below])] if tags.field and not tags.inline \
            and tags.field != "self_score" and len(below.text) >= _LONE_LABEL_VALUE \
            and not _label_like(below) and not under.inline else []
    if not isinstance(unit, list) or not filled(unit):
        return []
    labels = filled(unit)
    fields = [tags_of(cell).field for cell in labels]
    if not all(fields) or any(tags_of(cell).money for cell in labels):
        return []
    if fields == ["self_score"] and isinstance(below, list):
        # `总分` alone, its full marks and score opening the row under it (`100 | | 98.55`)
        figures = list(takewhile(lambda cell: tags_of(cell).number is not None, filled(below)))
        return [("self_score", " ".join(cell.text for cell in figures), labels[0].line,
                 [labels[0], *figures])] if figures else []
    values = filled(below) if isinstance(below, list) else [below] if isinstance(below, ProseBlock) else []
    leading = next((values[:k] for k, value in enumerate(values) if _label_like(value)), values)
    if len(leading) != len(labels):
        return []
    values = leading
    return [(field, value.text, value.line, [label, value])
            for field, label, value in zip(fields, labels, values, strict=True)]


_LONE_LABEL_VALUE = 4  # characters, at least, of the line under a lone label taken for its value
# (a name or a code; a shorter line is a cut label's piece: `部门` over `（单`)


def _label_like(cell: object) -> bool:
    tags = classify(cell.text)
    return tags.is_label or tags.shape not in ("short", "long")


def _signature(form: FormView) -> tuple[str, int, list[object]] | None:
    """`同心县下马关镇人民政府` on a line of its own right above a date line: the body that
    signed the notice the form is published in."""
    blocks = list(form.prose())
    for block, following in zip(blocks, blocks[1:], strict=False):
        if following.line - block.line > _SIGNATURE_GAP or not _date_line().fullmatch(following.text):
            continue
        name = named(vocabulary().titles.signature, block.text.strip())  # anchored at ^
        if name:
            return name, block.line, [block]
    return None


_SIGNATURE_GAP = 2


@cache
def _date_line() -> regex.Pattern[str]:
    marks = vocabulary().marks
    year, month, day = (regex.escape(mark) for mark in (marks.year, marks.month, marks.day))
    return regex.compile(rf"\s*(?:19|20)\d{{2}}\s*{year}\s*\d{{1,2}}\s*{month}\s*\d{{1,2}}\s*{day}\s*")


def _glued_pair(text: str) -> list[tuple[str, str]]:
    """`总分10099.38`: a short line of a field label glued to its value, which no reader
    took for a row (one short label is too little to call a line glued)."""
    if len(text) > _GLUED_PAIR_LINE:
        return []
    pieces = cut_glued(text)
    field_name = classify(pieces[0]).field if len(pieces) == 2 else None
    return [(field_name, pieces[1])] if field_name else []


_GLUED_PAIR_LINE = 40


def _row_fields(row: list[Cell]):
    if filled(row) and tags_of(filled(row)[0]).numbering:
        return  # `2. 项目分类(绩效目标): 基础设施类、…`: a numbered note about the form
    listed = hierarchy_in(row)
    if listed is not None:
        if listed.unit is not None:
            yield "department", listed.unit.text, listed.unit.line, [listed.unit]
        if listed.project is not None:
            yield "project_name", listed.project.text, listed.project.line, [listed.project]
    for cell in row:
        if not cell.empty and not tags_of(cell).is_label:
            for name, value in tags_of(cell).inline:
                yield name, value, cell.line, [cell]
    for pair in pairs_in_row(row):
        field_name = pair.tags.field
        if pair.tags.inline and (not field_name or not pair.values):
            for name, value in pair.tags.inline:
                yield name, value, pair.label.line, [pair.label]
            continue
        if not field_name or pair.tags.money and field_name not in ("department",):
            continue
        if field_name in CODE_FIELDS:
            yield from _code_values(field_name, pair)
        elif field_name == "attributes":
            yield field_name, " ".join(c.text for c in pair.values), pair.line, [pair.label,
                                                                               *pair.values]
        elif field_name in TEXT_FIELDS:
            yield field_name, "\n".join(c.raw for c in pair.values), pair.line, [pair.label,
                                                                               *pair.values]
        elif field_name == "self_score" and pair.values:
            yield field_name, " ".join(c.text for c in pair.values), pair.line, [pair.label,
                                                                               *pair.values]
        elif pair.values:
            yield field_name, _field_text(pair), pair.line, [pair.label, *pair.values]


def _field_text(pair: Pair) -> str:
    """One field's value: its cells up to the next label, where they continue one another
    (a PDF breaks a name into two cells); a second cell of another kind is not part of it,
    nor one that repeats the cell before (a merged cell, written out in each column).
    A label a sentence names (`项目实施单位为某合作社，项目负责人…`) gives the clause after
    its copula."""
    first = pair.values[0]
    clause = copula_clause(first.text)
    if clause:
        return clause
    parts = [first.text]
    for cell in pair.values[1:]:
        if cell.line != first.line or tags_of(cell).shape not in ("short", "long"):
            break
        if cell.text != parts[-1]:  # a converter repeats a merged cell in each it covers
            parts.append(cell.text)
    if len(parts) > 1 and regex.match(r"[(（]", parts[1]):
        return " ".join(parts[:2])  # `农业绿色发展专项 (畜禽粪污…项目)`: a note in brackets
    return " ".join(parts) if len(parts) > 1 and _looks_broken(parts) else first.text


def _looks_broken(parts: list[str]) -> bool:
    """Short cells, or a name whose end its box wrapped into a short cell beside it
    (`潦源县2024年农村供水工程 | 维修养护项目`, as an OCR engine cuts a merged cell), or a
    name cut at the gap Word sets between Han and figures, which a text tool writes as a
    space (`岫川县 | 2024年基层医疗…项目`)."""
    if len(parts) == 2 and _HAN_THEN_YEAR.match(parts[0][-1:] + parts[1][:6]):
        return True
    return all(len(part) <= 10 for part in parts[1:]) and len(parts[0]) <= 30


_HAN_THEN_YEAR = regex.compile(r"\p{Han}(?:19|20)\d{2}年")


def _code_values(field_name: str, pair: Pair):
    """A code broken over cells is one code; a text cell after it is the project name
    whose label was lost. A cell that repeats the whole code before it is a converter's
    copy of a merged cell (PyMuPDF's tables write it in each cell it covers)."""
    values = [cell for cell in pair.values]
    fragments: list[Cell] = []
    for cell in values:
        if not _CODE_FRAGMENT.match(cell.text.replace(" ", "")):
            break
        if len(fragments) == 1 and cell.text == fragments[0].text and len(cell.text) >= _WHOLE_CODE:
            continue
        fragments.append(cell)
    if fragments:
        yield field_name, "".join(c.text.replace(" ", "") for c in fragments), fragments[0].line, \
            [pair.label, *fragments]
    elif values and field_name == "unit_code":
        yield field_name, values[0].text, values[0].line, [pair.label, values[0]]
    rest = values[len(fragments):]
    if field_name == "project_code" and rest and regex.match(r"\p{Han}", rest[0].text):
        yield "unlabelled_project_name", rest[0].text, rest[0].line, [rest[0]]


def _take_unlabelled_project_name(result: SectionResult) -> None:
    name = result.values.pop("unlabelled_project_name", None)
    line = result.provenance.pop("unlabelled_project_name", None)
    if name and "project_name" not in result.values:
        result.values["project_name"] = name
        result.provenance["project_name"] = line
        result.warnings.append(Warning(code="project_name_unlabelled", line=line,
                                       message=f"no 项目名称 label; took {name!r}, the cell "
                                               "after the 项目编码 value"))


@cache
def _title_patterns() -> tuple[list[regex.Pattern[str]], list[regex.Pattern[str]]]:
    titles = vocabulary().titles
    return ([regex.compile(p) for p in titles.name_prefixes],
            [regex.compile(p) for p in titles.name_suffixes])


_MIN_TITLE_NAME = 4


def title_name(title: str) -> str | None:
    """The project a heading names, where the form prints no 项目名称:
    `2019年度宁晋县高中助学金项目绩效评价指标表` → `宁晋县高中助学金项目`."""
    printed = clean_text(title).split(" ")[-1]
    kept = _outside_pinyin(printed)  # printed offsets of the characters matching sees
    text = "".join(printed[index] for index in kept)
    start, end = 0, len(text)
    prefixes, suffixes = _title_patterns()
    for pattern in (*suffixes, *prefixes):
        match = pattern.search(to_simplified(text[start:end]))  # same length: offsets hold
        if match and match.group(0):
            if match.start() == 0:
                start += match.end()
            else:
                end = start + match.start()
    if end - start < _MIN_TITLE_NAME:
        return None
    return printed[kept[start]: kept[end - 1] + 1]  # as printed, pinyin kept (`財(cái)政`)


def _outside_pinyin(text: str) -> list[int]:
    spans = pinyin_spans(text)
    return [index for index in range(len(text)) if not any(a <= index < b for a, b in spans)]


def _take(result: SectionResult, field_name: str, value: str, line: int, code: str,
          message: str) -> None:
    """A field read from somewhere other than its label, with the warning that says where."""
    result.values[field_name] = value
    result.provenance[field_name] = line
    result.warnings.append(Warning(code=code, line=line, message=message))


def _name_from_title(form: FormView, result: SectionResult) -> None:
    name = title_name(form.title or "")
    if name:
        _take(result, "project_name", name, form.first_line, "project_name_from_title",
              f"no 项目名称 label; took {name!r} from the heading")


def department_title_name(title: str) -> str | None:
    """The department a department-wide form's heading names:
    `1、重庆市梁平区林业局2023年度部门整体绩效自评表` → `重庆市梁平区林业局`."""
    name = title_name(title)
    for pattern in vocabulary().titles.department_suffixes:
        name = regex.sub(pattern, "", name) if name else name
    return name if name and len(name) >= _MIN_TITLE_NAME else None


def _department_from_title(form: FormView, result: SectionResult) -> None:
    name = department_title_name(form.title or "")
    if name:
        _take(result, "department", name, form.first_line, "department_from_title",
              f"no 部门 label; took {name!r} from the heading")


def _name_from_prose(form: FormView, result: SectionResult) -> None:
    """A form with neither 项目名称 nor heading, quoted in a report that names its project
    in a sentence (`该…专项资金项目于2020年初…`): the first such sentence names it."""
    for unit in form.units:
        cells = [unit] if isinstance(unit, ProseBlock) else filled(unit) if isinstance(unit, list) else []
        for cell in cells:
            for pattern in compiled(tuple(vocabulary().titles.prose_name)):
                match = pattern.search(cell.text)
                if match:
                    name = match.group("name")
                    _take(result, "project_name", name, cell.line, "project_name_from_prose",
                          f"no 项目名称 label or heading; took {name!r} from a sentence")
                    if "year" in pattern.groupindex and match.group("year"):
                        result.values["stated_year"] = (int(match.group("year")), cell.line)
                    return


def _budget_year(value: str | None) -> int | None:
    """`预算年度 | 2025` (or `2025年`, `2025年度`): the year the form is for."""
    match = _budget_year_pattern().fullmatch(value.replace(" ", "")) if value else None
    return int(match.group(1)) if match else None


@cache
def _budget_year_pattern() -> regex.Pattern[str]:
    return regex.compile(rf"((?:19|20)\d{{2}})(?:{regex.escape(vocabulary().marks.year)}度?)?")


def _code(value: str) -> str:
    """The code itself: `42010523040T000000103 武汉市…本级` → its leading code."""
    match = _CODE_TOKEN.match(value.replace(" ", ""))
    return match.group(0) if match else value


_MAX_ATTRIBUTE_ROWS = 4


def _attribute_text(form: FormView, result: SectionResult) -> str | None:
    """The options under 项目性质: its row, and the rows below that leave the label empty
    (`⇥2. 一次性() 经常性(√)`)."""
    rows = list(form.rows())
    for index, row in enumerate(rows):
        pairs = [pair for pair in pairs_in_row(row) if pair.tags.field == "attributes"]
        if not pairs:
            continue
        parts = [pairs[0].text]
        for following in rows[index + 1: index + _MAX_ATTRIBUTE_ROWS]:
            if not following or not following[0].empty or not filled(following):
                break
            parts.append(" ".join(cell.text for cell in filled(following)))
            result.claim(*following)
        return clean_text(" ".join(part for part in parts if part)) or None
    return None


def _attributes(raw: str | None) -> Attributes:
    """Ticked boxes (`延续(√)`, `☑经常性`) or plain text (`经常性项目`)."""
    if not raw:
        return Attributes()
    choices = vocabulary().attributes
    ticked = [a or b for a, b in _TICK.findall(raw)]
    options = ticked if ticked or "(" in raw or "☐" in raw else [raw]
    values: dict[str, str] = {}
    for option in options:
        option_key = key(option)
        for word in sorted(choices, key=len, reverse=True):
            if key(word) in option_key:
                attribute, value = choices[word]
                values.setdefault(attribute, value)
                break
    return Attributes(raw=raw, **values)


def _period(values: dict[str, object], provenance: dict[str, int]) -> Period | None:
    period = values.pop("period", None)
    start_raw, end_raw = values.pop("period_start", None), values.pop("period_end", None)
    if isinstance(period, str) and period:
        start, end = parse_date_range(period)
        return Period(start=start, end=end, raw=period)
    if not start_raw and not end_raw:
        return None
    if start_raw:
        provenance["period"] = provenance.get("period_start", 0)
    raw = " - ".join(str(part) for part in (start_raw, end_raw) if part)
    return Period(start=parse_date(str(start_raw or "")), end=parse_date(str(end_raw or "")), raw=raw)


def _score(raw: str | None) -> Decimal | None:
    """`99分` → 99; `100 96 优` (full marks, then the score) → 96; `10099.38`, the two run
    together in glued text → 99.38."""
    if not raw:
        return None
    tokens = regex.findall(r"\d+(?:\.\d+)?", raw)
    numbers = [n for n in (parse_number(token) for token in tokens) if n is not None]
    if len(numbers) >= 2 and numbers[0] == _FULL_MARKS:
        return numbers[1]
    full = str(_FULL_MARKS)
    # (whatever follows: `10098.25 填报人：… 0376-5812370`, a contact line after the total)
    if numbers and numbers[0] > _FULL_MARKS and tokens[0].startswith(full):
        rest = parse_number(tokens[0][len(full):])
        if rest is not None and rest <= _FULL_MARKS and not tokens[0][len(full):].startswith("0"):
            return rest
    return numbers[0] if numbers else None


_FULL_MARKS = 100
