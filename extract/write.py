"""Write outputs: one JSON document per input, and flat Parquet tables.

Every file is written atomically (a temporary file in the same folder, then a
rename), so a run killed at any moment leaves only whole files. The Parquet
tables are rebuilt from the JSON documents in the output folder, so they
always agree with them; decimal columns are Arrow decimals, never floats.
"""

from __future__ import annotations

import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from schemas.record import Document

TABLES = ("forms", "indicators", "funding_lines", "goals", "spending_plan", "warnings")
NOT_DOCUMENTS = {"manifest.json"}


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_document(document: Document, path: Path) -> None:
    text = document.model_dump_json(indent=2) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"))


def load_documents(out_dir: Path) -> list[dict]:
    """Every extractor document in the folder, in path order."""
    documents = []
    for path in sorted(out_dir.glob("*.json")):
        if path.name in NOT_DOCUMENTS:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "schema_version" in data and "forms" in data:
            documents.append(data)
    return documents


def table_rows(documents: list[dict]) -> dict[str, list[dict]]:
    """Flatten documents into one list of rows per table, joined by form_id."""
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    for document in documents:
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


def arrow_table(rows: list[dict]) -> pa.Table:
    """Rows → Arrow, with Decimal columns as decimal128 at the widest scale they hold."""
    if not rows:
        return pa.table({})
    columns = {}
    for name in rows[0]:
        values = [row.get(name) for row in rows]
        decimals = [v for v in values if isinstance(v, Decimal)]
        if decimals:
            scale = max(max(-v.as_tuple().exponent, 0) for v in decimals)
            quantum = Decimal(1).scaleb(-scale)
            columns[name] = pa.array([v.quantize(quantum) if v is not None else None
                                      for v in values], type=pa.decimal128(38, scale))
        else:
            columns[name] = pa.array(values)
    return pa.table(columns)


def write_tables(out_dir: Path) -> dict[str, int]:
    """Rebuild every Parquet table from the folder's JSON; returns row counts."""
    tables = table_rows(load_documents(out_dir))
    counts = {}
    for name, rows in tables.items():
        sink = pa.BufferOutputStream()
        pq.write_table(arrow_table(rows), sink)
        atomic_write_bytes(out_dir / f"{name}.parquet", sink.getvalue().to_pybytes())
        counts[name] = len(rows)
    return counts
