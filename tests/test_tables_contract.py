"""The tables' promises (RECORD.md, issue 10's `met`) and the contract travelling with the code."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from extract.tables import SCHEMAS, build_part, decimal_cell, met, table_rows
from tests.helpers import ROOT, TABLES

SHARED_SPEC = ROOT.parent / "shared" / "spec" / "RECORD.md"


def target(op, value, unit=None):
    raw = f"{op or ''}{value or ''}{unit or ''}" or None
    return {"raw": raw, "op": op, "value": value, "unit": unit, "text": None}


@pytest.mark.parametrize(("planned", "achieved", "expected"), [
    (target(">=", "3", "次"), target(None, "3", "次"), True),
    (target(">=", "3", "次"), target(None, "2", "次"), False),
    (target(">", "3"), target(None, "3"), False),
    (target("<=", "66.4", "万"), target(None, "60", None), True),  # one unit missing
    (target("<", "5", "%"), target(None, "5", "%"), False),
    (target("=", "100", "%"), target(None, "100.00", "%"), True),
    (target("=", "100", "%"), target(None, "99", "%"), False),
    (target(">=", "90", "%"), target(None, "95", "分"), None),  # units disagree
    (target("range", "1", "个"), target(None, "1", "个"), None),
    (target(None, None), {"raw": "显著提升", "op": None, "value": None, "unit": None,
                          "text": "显著提升"}, None),
    (target(">=", "3"), None, None),
    (None, target(None, "3"), None),
    (target(">=", "3"), target(None, None), None),
])
def test_met_comes_from_target_and_actual_only(planned, achieved, expected):
    assert met(planned, achieved) is expected


def test_met_ignores_the_score():
    row = {"target": target(">=", "10", "家"), "actual": target(None, "8", "家"),
           "weight": "10", "score": "10"}
    assert met(row["target"], row["actual"]) is False


def test_decimal_cells_are_exact_at_scale_six_or_null():
    assert decimal_cell("213.868") == Decimal("213.868000")
    assert decimal_cell("0.1234567") == Decimal("0.123457")  # the scale is fixed at 6
    assert decimal_cell("1E+40") is None and decimal_cell("NaN") is None
    assert decimal_cell(None) is None


def self_evaluation_document(key: str, department: str, executed: str, rows: list) -> dict:
    """A 自评表 document as RECORD.md 1.1 describes it."""
    indicators = [{"scope": "annual", "level1": "产出指标", "level1_raw": "产出指标",
                   "level2": "数量指标", "level2_raw": "数量指标", "name": name,
                   "description": None, "target": planned, "basis": None, "history": None,
                   "weight": "10", "actual": achieved, "score": score, "deviation": None,
                   "line": n + 5, "location": None}
                  for n, (name, planned, achieved, score) in enumerate(rows)]
    form = {"form_id": f"{key}#1", "kind": "project", "form_type": "self_evaluation",
            "title": "项目支出绩效自评表", "fiscal_year": 2022, "lines": [1, 20],
            "department": department, "implementing_unit": None, "project_name": f"{key}项目",
            "project_code": None, "unit_code": None, "category": None,
            "attributes": {"continuity": None, "recurrence": None, "level": None, "raw": None},
            "period": None,
            "funding": {"unit": "万元", "total": "30", "annual": "30", "executed": executed,
                        "execution_rate": "90.00", "lines": []},
            "spending_plan": [], "texts": {"overview": None, "schedule": None,
                                           "explanation": None},
            "goals": [], "indicators": indicators,
            "contacts": {"filled_by": None, "phone": None, "unit_head": None,
                         "project_head": None},
            "self_score": "92", "warnings": [], "provenance": {}}
    return {"schema_version": "1.1",
            "source": {"path": f"{key}.txt", "key": key, "sha256": "0" * 64, "bytes": 1,
                       "format": "text", "encoding": "utf-8", "layout": "tab_rows"},
            "extractor_version": "0.1.0", "forms": [form], "warnings": []}


def readme_query(marker: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split(marker, 1)[1].split("```sql", 1)[1].split("```", 1)[0]
    return block.strip()


def test_readme_query_finds_indicators_not_met_with_department_and_money(tmp_path):
    import duckdb

    from schemas.record import Document

    documents = [
        self_evaluation_document("甲", "濉溪县民政局", "27.00", [
            ("救助人数", target(">=", "21933", "人"), target(None, "21980", "人"), "10"),
            ("户均救助金额", target("<=", "5300", "元/户"), target(None, "5830", "元/户"), "6")]),
        self_evaluation_document("乙", "原州区农技中心", "259.45", [
            ("示范面积", target(">=", "90", "%"), target(None, "80", "%"), "8"),
            ("满意度", target(None, None), {"raw": "满意", "op": None, "value": None,
                                          "unit": None, "text": "满意"}, "10")])]
    out = tmp_path / "out"
    changed = []
    for document in documents:
        Document.model_validate(document)  # the fixture is a valid 1.1 document
        path = out / f"{document['source']['key']}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        changed.append((document["source"]["key"], path))
    counts = build_part(tmp_path / "staging", 0, None, [], changed)
    for name in TABLES:
        (out / f"{name}.parquet").mkdir()
        (tmp_path / "staging" / name / "part-00000.parquet").rename(
            out / f"{name}.parquet" / "part-00000.parquet")
    assert counts["indicators"] == 4
    sql = readme_query("indicators not met, with their department and the money spent")
    connection = duckdb.connect()
    rows = connection.execute(sql.replace("'out/", f"'{out}/")).fetchall()
    names = [d[0] for d in connection.execute(
        sql.replace("'out/", f"'{out}/")).description]
    found = [dict(zip(names, row, strict=True)) for row in rows]
    assert [(r["department"], r["indicator"]) for r in found] == [
        ("原州区农技中心", "示范面积"), ("濉溪县民政局", "户均救助金额")]
    assert [r["money_spent"] for r in found] == [Decimal("259.45"), Decimal("27.00")]
    assert (found[1]["target_raw"], found[1]["actual_raw"]) == ("<=5300元/户", "5830元/户")


def test_rows_of_every_table_match_their_schema():
    import pyarrow as pa

    document = self_evaluation_document("k", "部门", "1", [
        ("x", target(">=", "1", "个"), target(None, "2", "个"), "1")])
    for name, rows in table_rows(document, "k").items():
        table = pa.Table.from_pylist(rows, schema=SCHEMAS[name])
        assert table.schema.names == SCHEMAS[name].names
        assert "document_key" in table.schema.names
    [row] = table_rows(document, "k")["indicators"]
    assert row["met"] is True and row["actual_value"] == Decimal("2")


@pytest.mark.skipif(not SHARED_SPEC.exists(), reason="shared/ is not beside this checkout")
def test_docs_record_md_is_the_shared_contract():
    assert (ROOT / "docs" / "RECORD.md").read_text(encoding="utf-8") == \
        SHARED_SPEC.read_text(encoding="utf-8"), \
        "docs/RECORD.md differs from ../shared/spec/RECORD.md: copy the shared one over"


def test_readme_links_the_contract():
    assert "(docs/RECORD.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_decimal_columns_are_decimal128_38_6_everywhere():
    import pyarrow as pa

    for schema in SCHEMAS.values():
        for field in schema:
            if pa.types.is_decimal(field.type):
                assert (field.type.precision, field.type.scale) == (38, 6), field.name
    assert {f.name for f in SCHEMAS["indicators"]} >= {
        "actual_raw", "actual_op", "actual_value", "actual_unit", "actual_text", "weight",
        "score", "deviation", "met"}
    assert {f.name for f in SCHEMAS["forms"]} >= {
        "form_type", "self_score", "funding_executed", "funding_execution_rate",
        "period_start_date", "period_end_date"}
    assert str(SCHEMAS["forms"].field("period_start_date").type) == "date32[day]"

