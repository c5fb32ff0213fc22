"""Flat Parquet tables for analysis, built from the JSON documents (RECORD.md).

Six tables, one row per entity, joined by `form_id` and all carrying
`document_key`: forms, indicators, funding_lines, goals, spending_plan,
warnings. Their schemas are fixed here, not inferred from the data, so every
output folder has identical tables whatever it holds: decimals are always
`decimal128(38, 6)` (two folders read together keep 213.868 as 213.868), an
empty table still has every column, and a new column appears in every folder
at once.

A table is a folder of parts, `OUT/forms.parquet/part-00000.parquet`, each
part holding the rows of a fixed group of documents. A run rewrites only the
parts whose documents changed, reading the unchanged rows of those parts from
the part itself and the changed ones from their new JSON, so a one-file change
costs one part per table, not the archive. DuckDB, pandas and pyarrow read a
folder of parts as one table (`read_parquet('out/forms.parquet')`), and several
folders with a glob (`read_parquet('out*/forms.parquet/*.parquet')`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from extract.manifest import TABLES

DECIMAL = pa.decimal128(38, 6)
_QUANTUM = Decimal("0.000001")
_LIMIT = Decimal(10) ** 32  # 38 digits, 6 of them after the point
_ROW_GROUP = 20_000

_S, _I, _B, _D = pa.string(), pa.int64(), pa.bool_(), pa.date32()

SCHEMAS: dict[str, pa.Schema] = {
    "forms": pa.schema([
        ("document_key", _S), ("form_id", _S), ("source_path", _S), ("kind", _S),
        ("form_type", _S), ("title", _S), ("fiscal_year", _I), ("first_line", _I),
        ("last_line", _I), ("department", _S), ("implementing_unit", _S), ("project_name", _S),
        ("project_code", _S), ("unit_code", _S), ("category", _S), ("attr_continuity", _S),
        ("attr_recurrence", _S), ("attr_level", _S), ("attr_raw", _S), ("period_start", _S),
        ("period_end", _S), ("period_start_date", _D), ("period_end_date", _D),
        ("period_raw", _S), ("funding_total", DECIMAL), ("funding_annual", DECIMAL),
        ("funding_executed", DECIMAL), ("funding_execution_rate", DECIMAL),
        ("self_score", DECIMAL), ("text_overview", _S), ("text_schedule", _S),
        ("text_explanation", _S), ("contact_filled_by", _S), ("contact_phone", _S),
        ("contact_unit_head", _S), ("contact_project_head", _S), ("indicator_count", _I),
        ("warning_count", _I)]),
    "indicators": pa.schema([
        ("document_key", _S), ("form_id", _S), ("position", _I), ("scope", _S), ("level1", _S),
        ("level1_raw", _S), ("level2", _S), ("level2_raw", _S), ("name", _S),
        ("description", _S), ("target_raw", _S), ("op", _S), ("value", DECIMAL), ("unit", _S),
        ("text", _S), ("basis", _S), ("history", _S), ("weight", DECIMAL),
        ("actual_raw", _S), ("actual_op", _S), ("actual_value", DECIMAL), ("actual_unit", _S),
        ("actual_text", _S), ("score", DECIMAL), ("deviation", _S), ("met", _B), ("line", _I),
        ("location", _S)]),
    "funding_lines": pa.schema([
        ("document_key", _S), ("form_id", _S), ("position", _I), ("source", _S), ("scope", _S),
        ("amount", DECIMAL), ("raw", _S)]),
    "goals": pa.schema([
        ("document_key", _S), ("form_id", _S), ("position", _I), ("scope", _S), ("label", _S),
        ("text", _S)]),
    "spending_plan": pa.schema([
        ("document_key", _S), ("form_id", _S), ("position", _I), ("checkpoint", _S),
        ("cumulative_pct", DECIMAL)]),
    "warnings": pa.schema([
        ("document_key", _S), ("source_path", _S), ("form_id", _S), ("code", _S),
        ("message", _S), ("line", _I)]),
}

_COMPARE = {">=": lambda a, t: a >= t, ">": lambda a, t: a > t, "<=": lambda a, t: a <= t,
            "<": lambda a, t: a < t, "=": lambda a, t: a == t}


def met(target: dict | None, actual: dict | None) -> bool | None:
    """Was the planned value reached? From `target` and `actual` only, never the score.

    Null unless both carry a number and their units agree (or one has none);
    `>=`, `>`, `<=`, `<` compare the achieved number with the planned one, `=`
    needs them equal, and a `range` or a qualitative target gives null.
    """
    if not target or not actual:
        return None
    planned, achieved = _number(target.get("value")), _number(actual.get("value"))
    compare = _COMPARE.get(target.get("op") or "")
    if planned is None or achieved is None or compare is None:
        return None
    units = {(unit or "").strip() for unit in (target.get("unit"), actual.get("unit"))} - {""}
    return compare(achieved, planned) if len(units) <= 1 else None


def _number(value: object) -> Decimal | None:
    try:
        number = Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None
    return number if number is not None and number.is_finite() else None


def decimal_cell(value: object) -> Decimal | None:
    """A JSON decimal string at the tables' fixed scale; None where it cannot be held."""
    number = _number(value)
    if number is None or abs(number) >= _LIMIT:
        return None
    return number.quantize(_QUANTUM, rounding=ROUND_HALF_EVEN)


def date_cell(value: str | None) -> date | None:
    """A period bound as a date where it is a complete day (`2022-01-01`), else None."""
    if not value or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def table_rows(document: dict, key: str,
               number: Callable[[object], object] | None = None) -> dict[str, list[dict]]:
    """Flatten one document into rows per table; `number` turns the JSON's decimal strings
    into cells (default: Decimal at the tables' scale; export keeps the strings)."""
    number = number or decimal_cell
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    path = document["source"]["path"]
    for warning in document.get("warnings", []):
        tables["warnings"].append({"document_key": key, "source_path": path, "form_id": None,
                                   **_warning(warning)})
    for form in document.get("forms", []):
        _form_rows(form, key, path, tables, number)
    return tables


def _warning(warning: dict) -> dict:
    return {"code": warning.get("code"), "message": warning.get("message"),
            "line": warning.get("line")}


def _form_rows(form: dict, key: str, path: str, tables: dict[str, list[dict]],
               number: Callable[[object], object]) -> None:
    form_id = form["form_id"]
    common = {"document_key": key, "form_id": form_id}
    funding = form.get("funding") or {}
    tables["forms"].append(_form_row(form, common, path, funding, number))
    for position, item in enumerate(form.get("indicators", []), start=1):
        tables["indicators"].append(_indicator_row(item, common, position, number))
    for position, line in enumerate(funding.get("lines", []), start=1):
        tables["funding_lines"].append({**common, "position": position,
                                        "source": line.get("source"), "scope": line.get("scope"),
                                        "amount": number(line.get("amount")),
                                        "raw": line.get("raw")})
    for position, goal in enumerate(form.get("goals", []), start=1):
        tables["goals"].append({**common, "position": position, "scope": goal.get("scope"),
                                "label": goal.get("label"), "text": goal.get("text")})
    for position, point in enumerate(form.get("spending_plan", []), start=1):
        tables["spending_plan"].append({**common, "position": position,
                                        "checkpoint": point.get("checkpoint"),
                                        "cumulative_pct": number(point.get("cumulative_pct"))})
    for warning in form.get("warnings", []):
        tables["warnings"].append({"document_key": key, "source_path": path, "form_id": form_id,
                                   **_warning(warning)})


def _form_row(form: dict, common: dict, path: str, funding: dict,
              number: Callable[[object], object]) -> dict:
    period = form.get("period") or {}
    attributes, texts = form.get("attributes") or {}, form.get("texts") or {}
    contacts, lines = form.get("contacts") or {}, form.get("lines") or (None, None)
    return {
        **common, "source_path": path, "kind": form.get("kind"),
        "form_type": form.get("form_type") or "target", "title": form.get("title"),
        "fiscal_year": form.get("fiscal_year"), "first_line": lines[0], "last_line": lines[1],
        **{name: form.get(name) for name in ("department", "implementing_unit", "project_name",
                                             "project_code", "unit_code", "category")},
        **{f"attr_{name}": attributes.get(name) for name in ("continuity", "recurrence", "level",
                                                              "raw")},
        "period_start": period.get("start"), "period_end": period.get("end"),
        "period_start_date": date_cell(period.get("start")),
        "period_end_date": date_cell(period.get("end")), "period_raw": period.get("raw"),
        **{f"funding_{name}": number(funding.get(name))
           for name in ("total", "annual", "executed", "execution_rate")},
        "self_score": number(form.get("self_score")),
        **{f"text_{name}": texts.get(name) for name in ("overview", "schedule", "explanation")},
        **{f"contact_{name}": contacts.get(name)
           for name in ("filled_by", "phone", "unit_head", "project_head")},
        "indicator_count": len(form.get("indicators", [])),
        "warning_count": len(form.get("warnings", [])),
    }


def _indicator_row(item: dict, common: dict, position: int,
                   number: Callable[[object], object]) -> dict:
    target, actual = item.get("target") or {}, item.get("actual") or {}
    return {
        **common, "position": position,
        **{name: item.get(name) for name in ("scope", "level1", "level1_raw", "level2",
                                             "level2_raw", "name", "description")},
        "target_raw": target.get("raw"), "op": target.get("op"),
        "value": number(target.get("value")), "unit": target.get("unit"),
        "text": target.get("text"), "basis": item.get("basis"),
        "history": json.dumps(item["history"], ensure_ascii=False) if item.get("history") else None,
        "weight": number(item.get("weight")),
        "actual_raw": actual.get("raw"), "actual_op": actual.get("op"),
        "actual_value": number(actual.get("value")), "actual_unit": actual.get("unit"),
        "actual_text": actual.get("text"), "score": number(item.get("score")),
        "deviation": item.get("deviation"), "met": met(item.get("target"), item.get("actual")),
        "line": item.get("line"), "location": item.get("location"),
    }


def part_name(part: int) -> str:
    return f"part-{part:05d}.parquet"


class PartWriter:
    """One table's part, streamed in row groups with its fixed schema."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.schema, self.rows, self.count = schema, [], 0
        self.writer = pq.ParquetWriter(path, schema)

    def add_rows(self, rows: list[dict]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= _ROW_GROUP:
            self.flush()

    def add_batch(self, batch: pa.RecordBatch) -> None:
        if batch.num_rows:
            self.flush()
            self.writer.write_batch(batch)
            self.count += batch.num_rows

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.count += len(self.rows)
            self.rows = []

    def close(self) -> int:
        self.flush()
        self.writer.close()
        return self.count


def build_part(folder: Path, part: int, old_parts: dict[str, Path] | None, keep: list[str],
               changed: list[tuple[str, Path]]) -> dict[str, int]:
    """Write the six files of one part into `folder/<table>/`; returns rows per table.

    `keep` are the part's unchanged documents, whose rows are copied from
    `old_parts`; `changed` are (key, JSON path) of the documents read anew,
    one at a time, so memory holds one row group and one document.
    """
    writers = {name: PartWriter(folder / name / part_name(part), SCHEMAS[name])
               for name in TABLES}
    try:
        if keep and old_parts:
            wanted = pa.array(keep, type=pa.string())
            for name, writer in writers.items():
                _copy_rows(old_parts[name], wanted, writer)
        for key, path in changed:
            document = json.loads(path.read_bytes())
            for name, rows in table_rows(document, key).items():
                writers[name].add_rows(rows)
    except BaseException:
        for writer in writers.values():
            writer.writer.close()
        raise
    return {name: writer.close() for name, writer in writers.items()}


def _copy_rows(path: Path, wanted: pa.Array, writer: PartWriter) -> None:
    """The rows of the wanted documents from an existing part."""
    source = pq.ParquetFile(path)
    if not source.schema_arrow.equals(writer.schema, check_metadata=False):
        raise ValueError(f"{path} has another schema; the tables must be rebuilt")
    for batch in source.iter_batches(batch_size=_ROW_GROUP):
        writer.add_batch(batch.filter(pc.is_in(batch.column("document_key"), value_set=wanted)))
