"""Header fields of a form: names, codes, category, period, attributes, contacts, texts.

Contract: `parse_header(rows) -> HeaderResult`. A field is read from a label
cell and the next non-empty cell of the same row (`项目名称⇥科技创新体系建设`),
or from `label: value` inside one cell (`部门(单位)名称(盖章): 柳北区科技局`,
`填报人: 杨昀 联系电话: 2824138`). The first occurrence of a field wins. Long
texts (项目概况, 项目实施进度安排, 项目说明) also take the rows that continue
them: rows whose first cell is empty, and prose lines after 项目说明.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex

from extract.normalise import clean_text, parse_date, parse_date_range
from extract.rows import Row
from extract.sections.indicators import is_header
from extract.vocab import field_of_label, is_junk, label_key, vocabulary
from schemas.record import Attributes, Contacts, Period, Texts, Warning

_HAN = regex.compile(r"\p{Han}")
_NOT_LABEL_CHARACTER = regex.compile(r"[^\p{Han}()（）]")

TEXT_FIELDS = ("overview", "schedule", "explanation")
CODE_FIELDS = ("project_code", "unit_code")
_FRAGMENT = 8  # a label a PDF broke in two leaves pieces at most this long
_CODE_FRAGMENT = regex.compile(r"^[0-9A-Za-z][0-9A-Za-z\-_.]*$")
CONTACT_FIELDS = ("filled_by", "phone", "unit_head", "project_head")
_BLANK_VALUE = regex.compile(r"^[_\-—\s/无]*$")
_TICK = regex.compile(r"([\p{Han}]{2,6})\s*[(（]\s*[√✓✔☑]\s*[)）]|[☑■]\s*([\p{Han}]{2,6})")
_CHECKED_INPUT = regex.compile(r"<input[^>]*\bchecked\b[^>]*>")


@dataclass
class HeaderResult:
    values: dict[str, str] = field(default_factory=dict)
    provenance: dict[str, int] = field(default_factory=dict)
    attributes: Attributes = field(default_factory=Attributes)
    period: Period | None = None
    contacts: Contacts = field(default_factory=Contacts)
    texts: Texts = field(default_factory=Texts)
    warnings: list[Warning] = field(default_factory=list)
    used: set[int] = field(default_factory=set)


def parse_header(rows: list[Row]) -> HeaderResult:
    result = HeaderResult()
    found: dict[str, tuple[str, int, int]] = {}
    for index, row in enumerate(rows):
        if is_header(row):
            continue  # an indicator table's header (a wide table prints 项目名称 there)
        pairs = label_values(row)
        if pairs or _is_known_row(row):
            result.used.add(index)
        for field_name, value, line in pairs:
            if field_name not in found and not _BLANK_VALUE.match(value):
                found[field_name] = (value, line, index)
    for field_name, (value, line, index) in found.items():
        if field_name in TEXT_FIELDS:
            value, through = _with_continuation(value, rows, index, field_name)
            result.used.update(range(index, through))
        result.values[field_name] = clean_text(value)
        result.provenance[field_name] = line
    result.values = {k: v for k, v in result.values.items() if v}
    _take_unlabelled_project_name(result)
    result.attributes, attribute_rows = parse_attributes(rows)
    result.used |= attribute_rows
    result.period = parse_period(result.values, result.provenance)
    result.contacts = Contacts(**{k: result.values.get(k) for k in CONTACT_FIELDS})
    result.texts = Texts(**{k: result.values.get(k) for k in TEXT_FIELDS})
    return result


def label_values(row: Row) -> list[tuple[str, str, int]]:
    """(field, value, line) for every label in the row.

    A value runs over the cells up to the next label (a PDF breaks
    `汉阳区市场监督管理局` into two cells); a label broken over two cells
    (`项目类` `别`) is joined; cells of OCR debris are skipped.
    """
    pairs: list[tuple[str, str, int]] = []
    filled = [(c, t) for c, t in row.filled if not is_junk(t)]
    position = 0
    while position < len(filled):
        column, text = filled[position]
        label, width = _label_at(filled, position)
        if not label:
            pairs.extend((f, v, row.cells[column].line)
                         for f, v in inline_pairs(row.cells[column].raw))
            position += 1
            continue
        position += width
        values: list[str] = []
        while position < len(filled) and not _label_at(filled, position)[0]:
            values.append(row.cells[filled[position][0]].raw.strip())
            position += 1
        if label in CODE_FIELDS:
            pairs.extend(_code_values(label, values, row.cells[column].line))
        elif values:
            pairs.append((label, " ".join(values), row.cells[column].line))
    return pairs


def _code_values(label: str, values: list[str], line: int) -> list[tuple[str, str, int]]:
    """A code broken over cells (`4201052` `3029T000000105`) is one code; a cell of
    text after it is the project name whose 项目名称 label was lost."""
    fragments = [values[0]] if values else []
    for value in values[1:]:
        if not _CODE_FRAGMENT.match(value):
            break
        fragments.append(value)
    pairs = [(label, "".join(fragments), line)] if fragments else []
    rest = values[len(fragments):]
    if label == "project_code" and rest and _HAN.match(rest[0]):
        pairs.append(("unlabelled_project_name", rest[0], line))
    return pairs


def _label_at(filled: list[tuple[int, str]], position: int) -> tuple[str | None, int]:
    """The field whose label starts at this cell, and how many cells the label takes."""
    text = filled[position][1]
    label = field_of_label(text) or _long_label(text)
    if label:
        return label, 1
    following = filled[position + 1][1] if position + 1 < len(filled) else ""
    if following and len(text) <= _FRAGMENT and len(following) <= _FRAGMENT:
        joined = _NOT_LABEL_CHARACTER.sub("", text + following)
        label = field_of_label(joined)
        if label and not field_of_label(following):
            return label, 2
    return None, 1


def _take_unlabelled_project_name(result: HeaderResult) -> None:
    """`项目编码⇥109-0401-YBN-TSU6⇥社会救助…资金`: the 项目名称 label was lost and
    the name stands in its own cell after the code."""
    name = result.values.pop("unlabelled_project_name", None)
    line = result.provenance.pop("unlabelled_project_name", None)
    if name and "project_name" not in result.values:
        result.values["project_name"] = name
        result.provenance["project_name"] = line
        result.warnings.append(Warning(code="project_name_unlabelled", line=line,
                                       message=f"no 项目名称 label; took {name!r}, the cell "
                                               "after the 项目编码 value"))


def _long_label(text: str) -> str | None:
    """Long-text labels carry a hint after them: `项目概况(包括项目立项依据…)`."""
    field_name = field_of_label(text, exact=False)
    return field_name if field_name in TEXT_FIELDS and len(label_key(text)) < 48 else None


@cache
def _inline_label_pattern() -> regex.Pattern[str]:
    labels = sorted({label for labels in vocabulary().section("header_labels").values()
                     for label in labels}, key=len, reverse=True)
    pattern = "|".join(regex.escape(label) for label in labels)
    return regex.compile(rf"(?:^|(?<=\s))({pattern})\s*[:：]\s*")


def inline_pairs(text: str) -> list[tuple[str, str]]:
    """All `label: value` pairs in one cell, a value running to the next label."""
    if ":" not in text and "：" not in text:
        return []
    matches = list(_inline_label_pattern().finditer(text))
    pairs = []
    for index, match in enumerate(matches):
        if index == 0 and text[: match.start()].strip(" -•\t"):
            return []
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        field_name = field_of_label(match.group(1))
        if field_name:
            pairs.append((field_name, text[match.end():end].strip()))
    return pairs


def _with_continuation(value: str, rows: list[Row], index: int, field_name: str) -> tuple[str, int]:
    """The text and the index of the first row after it."""
    parts = [value]
    end = index + 1
    for row in rows[index + 1:]:
        if field_name == "explanation" and row.is_text:
            parts.append(row.joined)
        elif row.is_text or row.texts[0] or len(row.filled) != 1 or field_of_label(row.joined):
            break
        else:
            parts.append(row.joined)
        end += 1
    return "\n".join(parts), end


def _is_known_row(row: Row) -> bool:
    """A row led by a label the header reads, or one the forms print but we do not keep."""
    first = row.filled[0][1] if row.filled else ""
    return bool(first) and (field_of_label(first, exact=False) is not None
                            or _is_ignored_label(first))


@lru_cache(maxsize=1 << 16)
def _is_ignored_label(text: str) -> bool:
    key = label_key(text)
    return any(key.startswith(label_key(label))
               for label in vocabulary().section("ignored_labels")["labels"])


def parse_attributes(rows: list[Row]) -> tuple[Attributes, set[int]]:
    """Ticked boxes (`延续(√)`) or plain text (`持续性项目`) under 项目性质/项目属性."""
    raw_parts: list[str] = []
    used: set[int] = set()
    for index, row in enumerate(rows):
        if row.filled and field_of_label(row.filled[0][1]) == "attributes":
            raw_parts.append(_ticked_text(row, skip_label=True))
            used.add(index)
            for offset, follow in enumerate(rows[index + 1:], start=index + 1):
                if follow.is_text or follow.texts[0]:
                    break
                raw_parts.append(_ticked_text(follow))
                used.add(offset)
            break
    raw = " ".join(p for p in raw_parts if p)
    if not raw:
        return Attributes(), used
    choices = vocabulary().section("attributes")
    ticked = [a or b for a, b in _TICK.findall(raw)]
    options = ticked if _TICK.search(raw) or "(" in raw else [raw]
    values: dict[str, str] = {}
    for option in options:
        key = label_key(option)
        for word in sorted(choices, key=len, reverse=True):
            if word in key:
                attribute, value = choices[word]
                values.setdefault(attribute, value)
                break
    return Attributes(raw=clean_text(raw), **values), used


def _ticked_text(row: Row, skip_label: bool = False) -> str:
    """The row's text with HTML check boxes turned into the √ they show."""
    cells = [clean_text(_CHECKED_INPUT.sub("√", cell.raw)) for cell in row.cells]
    filled = [text for text in cells if text]
    return " ".join(filled[1:] if skip_label else filled)


def parse_period(values: dict[str, str], provenance: dict[str, int]) -> Period | None:
    if "period" in values:
        start, end = parse_date_range(values["period"])
        return Period(start=start, end=end, raw=values["period"])
    start_raw, end_raw = values.get("period_start"), values.get("period_end")
    if not start_raw and not end_raw:
        return None
    if start_raw:
        provenance["period"] = provenance["period_start"]
    raw = " - ".join(part for part in (start_raw, end_raw) if part)
    return Period(start=parse_date(start_raw or ""), end=parse_date(end_raw or ""), raw=raw)
