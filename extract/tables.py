"""Flat Parquet tables for analysis, rebuilt from the JSON documents.

One row per entity, joined by `form_id`: forms, indicators, funding_lines,
goals, spending_plan, warnings. Decimal columns are Arrow decimal128 at the
widest scale their values hold, so every amount stays exact. Tables are
streamed in row groups, one document at a time, so memory stays flat however
large the archive; the scales come from the manifest (each worker notes its
document's), or from a first pass when there is none.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from extract.batch import DECIMAL_COLUMNS, TABLES
from extract.write import atomic_write_bytes, document_paths
from schemas.record import Document


def decimal_scales(document: Document) -> dict[str, int]:
    """The largest number of decimal places each decimal column needs for this document."""
    values: dict[str, list[Decimal | None]] = {name: [] for name in DECIMAL_COLUMNS}
    for form in document.forms:
        if form.funding:
            values["funding_total"].append(form.funding.total)
            values["funding_annual"].append(form.funding.annual)
            values["amount"].extend(line.amount for line in form.funding.lines)
        values["value"].extend(item.target.value for item in form.indicators)
        values["cumulative_pct"].extend(point.cumulative_pct for point in form.spending_plan)
    return {name: max((_scale(v) for v in found if v is not None), default=0)
            for name, found in values.items()}


def iter_documents(paths: list[Path]) -> Iterator[dict]:
    """The extractor documents among these JSON files, one at a time."""
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "schema_version" in data and "forms" in data:
            yield data


def table_rows(document: dict) -> dict[str, list[dict]]:
    """Flatten one document into rows per table, joined by form_id."""
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    path = document["source"]["path"]
    for warning in document["warnings"]:
        tables["warnings"].append({"source_path": path, "form_id": None, **warning})
    for form in document["forms"]:
        _form_rows(form, path, tables)
    return tables


def _form_rows(form: dict, path: str, tables: dict[str, list[dict]]) -> None:
    form_id = form["form_id"]
    funding = form["funding"] or {}
    period = form["period"] or {}
    tables["forms"].append({
        "form_id": form_id, "source_path": path, "kind": form["kind"], "title": form["title"],
        "fiscal_year": form["fiscal_year"], "first_line": form["lines"][0],
        "last_line": form["lines"][1], "department": form["department"],
        "implementing_unit": form["implementing_unit"], "project_name": form["project_name"],
        "project_code": form["project_code"], "unit_code": form["unit_code"],
        "category": form["category"], **{f"attr_{k}": v for k, v in form["attributes"].items()},
        "period_start": period.get("start"), "period_end": period.get("end"),
        "funding_total": _decimal(funding.get("total")),
        "funding_annual": _decimal(funding.get("annual")),
        **{f"text_{k}": v for k, v in form["texts"].items()},
        **{f"contact_{k}": v for k, v in form["contacts"].items()},
        "indicator_count": len(form["indicators"]), "warning_count": len(form["warnings"]),
    })
    for position, item in enumerate(form["indicators"], start=1):
        target = item["target"]
        tables["indicators"].append({
            "form_id": form_id, "position": position, "scope": item["scope"],
            "level1": item["level1"], "level1_raw": item["level1_raw"], "level2": item["level2"],
            "level2_raw": item["level2_raw"], "name": item["name"],
            "description": item["description"], "target_raw": target["raw"], "op": target["op"],
            "value": _decimal(target["value"]), "unit": target["unit"], "text": target["text"],
            "basis": item["basis"],
            "history": json.dumps(item["history"], ensure_ascii=False) if item["history"] else None,
            "line": item["line"]})
    for position, line in enumerate(funding.get("lines", []), start=1):
        tables["funding_lines"].append({"form_id": form_id, "position": position,
                                        "source": line["source"], "scope": line["scope"],
                                        "amount": _decimal(line["amount"]), "raw": line["raw"]})
    for position, goal in enumerate(form["goals"], start=1):
        tables["goals"].append({"form_id": form_id, "position": position, **goal})
    for position, point in enumerate(form["spending_plan"], start=1):
        tables["spending_plan"].append({"form_id": form_id, "position": position,
                                        "checkpoint": point["checkpoint"],
                                        "cumulative_pct": _decimal(point["cumulative_pct"])})
    for warning in form["warnings"]:
        tables["warnings"].append({"source_path": path, "form_id": form_id, **warning})


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def _scale(value: Decimal) -> int:
    return max(-int(value.as_tuple().exponent), 0)


@dataclass
class _TableWriter:
    """Streams one table to Parquet in row groups, with a schema fixed up front."""

    path: Path
    scales: dict[str, int]
    sink: pa.BufferOutputStream = field(default_factory=pa.BufferOutputStream)
    rows: list[dict] = field(default_factory=list)
    writer: pq.ParquetWriter | None = None
    schema: pa.Schema | None = None
    count: int = 0

    def add(self, rows: list[dict]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= _ROW_GROUP:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        table = self._arrow(self.rows)
        if self.writer is None:
            self.schema = table.schema
            self.writer = pq.ParquetWriter(self.sink, self.schema)
        self.writer.write_table(table.cast(self.schema))
        self.count += len(self.rows)
        self.rows = []

    def close(self) -> int:
        self.flush()
        if self.writer is None:
            pq.write_table(pa.table({}), self.sink)
        else:
            self.writer.close()
        atomic_write_bytes(self.path, self.sink.getvalue().to_pybytes())
        return self.count

    def _arrow(self, rows: list[dict]) -> pa.Table:
        columns = {}
        for name in rows[0]:
            values = [row.get(name) for row in rows]
            if name in self.scales:
                scale = self.scales[name]
                quantum = Decimal(1).scaleb(-scale)
                columns[name] = pa.array([v.quantize(quantum) if v is not None else None
                                          for v in values], type=pa.decimal128(38, scale))
            elif name in _INTEGER_COLUMNS:
                columns[name] = pa.array(values, type=pa.int64())
            else:
                columns[name] = pa.array(values, type=pa.string())
        return pa.table(columns)


_ROW_GROUP = 20_000
_INTEGER_COLUMNS = {"fiscal_year", "first_line", "last_line", "indicator_count", "warning_count",
                    "position", "line"}


def write_tables(out_dir: Path, paths: list[Path] | None = None,
                 scales: dict[str, int] | None = None) -> dict[str, int]:
    """Rebuild every Parquet table from the JSON documents; returns row counts."""
    paths = document_paths(out_dir) if paths is None else paths
    if scales is None:
        scales = {column: 0 for column in DECIMAL_COLUMNS}
        for document in iter_documents(paths):
            for rows in table_rows(document).values():
                for row in rows:
                    for column, value in row.items():
                        if isinstance(value, Decimal):
                            scales[column] = max(scales[column], _scale(value))
    writers = {name: _TableWriter(out_dir / f"{name}.parquet", scales) for name in TABLES}
    for document in iter_documents(paths):
        for name, rows in table_rows(document).items():
            writers[name].add(rows)
    return {name: writer.close() for name, writer in writers.items()}
